"""boto3 and the AWS CLI against aurora-data-local: every operation, every parameter type, and the errors
clients must see as the modeled classes. Runs once per engine (PostgreSQL, MariaDB)."""
import json
import math
import os
import socket
import subprocess
import urllib.error
import urllib.request
import uuid

import pytest
from botocore.exceptions import ClientError


def table_name():
    return "t_" + uuid.uuid4().hex[:10]


def execute(endpoint, client, sql, **extra):
    return client.execute_statement(
        resourceArn=endpoint.resource_arn, secretArn=endpoint.secret_arn, database=endpoint.database, sql=sql, **extra
    )


def cli(endpoint, *arguments):
    """Runs `aws rds-data <arguments>` and returns (exit status, parsed stdout or None, stderr)."""
    command = ["aws", "rds-data", *arguments, "--endpoint-url", endpoint.url, "--output", "json"]
    result = subprocess.run(command, env=endpoint.cli_env(), capture_output=True, text=True, timeout=120)
    output = json.loads(result.stdout) if result.stdout.strip() else None
    return result.returncode, output, result.stderr


def arns(endpoint):
    return ["--resource-arn", endpoint.resource_arn, "--secret-arn", endpoint.secret_arn, "--database", endpoint.database]


# MARK: - boto3


def test_every_parameter_type_round_trips(endpoint):
    client = endpoint.client()
    table = table_name()
    if endpoint.engine == "postgresql":
        execute(endpoint, client, f"""CREATE TABLE {table} (id SERIAL PRIMARY KEY, b BOOLEAN, l BIGINT,
            d DOUBLE PRECISION, s TEXT, bl BYTEA, dt DATE, tm TIME, ts TIMESTAMP, amount NUMERIC(10,2), j JSONB,
            u UUID, n TEXT)""")
    else:
        execute(endpoint, client, f"""CREATE TABLE {table} (id INT AUTO_INCREMENT PRIMARY KEY, b BOOLEAN, l BIGINT,
            d DOUBLE, s TEXT, bl BLOB, dt DATE, tm TIME, ts DATETIME(3), amount DECIMAL(10,2), j JSON,
            u CHAR(36), n TEXT)""")
    the_uuid = str(uuid.uuid4())
    parameters = [
        {"name": "b", "value": {"booleanValue": True}},
        {"name": "l", "value": {"longValue": 9007199254740993}},
        {"name": "d", "value": {"doubleValue": 2.5}},
        {"name": "s", "value": {"stringValue": "héllo 'quoted'"}},
        {"name": "bl", "value": {"blobValue": b"\x00\x01\xff"}},
        {"name": "dt", "value": {"stringValue": "2024-01-02"}, "typeHint": "DATE"},
        {"name": "tm", "value": {"stringValue": "12:34:56"}, "typeHint": "TIME"},
        {"name": "ts", "value": {"stringValue": "2024-01-02 12:34:56.789"}, "typeHint": "TIMESTAMP"},
        {"name": "amount", "value": {"stringValue": "12.34"}, "typeHint": "DECIMAL"},
        {"name": "j", "value": {"stringValue": '{"a": 1}'}, "typeHint": "JSON"},
        {"name": "u", "value": {"stringValue": the_uuid}, "typeHint": "UUID" if endpoint.engine == "postgresql" else None},
        {"name": "n", "value": {"isNull": True}},
    ]
    parameters = [{k: v for k, v in p.items() if v is not None} for p in parameters]
    inserted = execute(
        endpoint, client,
        f"INSERT INTO {table} (b, l, d, s, bl, dt, tm, ts, amount, j, u, n) "
        "VALUES (:b, :l, :d, :s, :bl, :dt, :tm, :ts, :amount, :j, :u, :n)",
        parameters=parameters,
    )
    assert inserted["numberOfRecordsUpdated"] == 1
    if endpoint.engine == "mysql":
        assert inserted["generatedFields"] == [{"longValue": 1}]

    result = execute(
        endpoint, client, f"SELECT b, l, d, s, bl, dt, tm, ts, amount, j, u, n FROM {table}", includeResultMetadata=True
    )
    row = result["records"][0]
    assert row[0] == {"booleanValue": True}
    assert row[1] == {"longValue": 9007199254740993}
    assert row[2] == {"doubleValue": 2.5}
    assert row[3] == {"stringValue": "héllo 'quoted'"}
    assert row[4] == {"blobValue": b"\x00\x01\xff"}
    assert row[5] == {"stringValue": "2024-01-02"}
    assert row[6] == {"stringValue": "12:34:56"}
    assert row[7]["stringValue"].startswith("2024-01-02 12:34:56.789")
    assert row[8] == {"stringValue": "12.34"}
    assert json.loads(row[9]["stringValue"]) == {"a": 1}
    assert row[10] == {"stringValue": the_uuid}
    assert row[11] == {"isNull": True}
    assert [column["label"] for column in result["columnMetadata"]] == [
        "b", "l", "d", "s", "bl", "dt", "tm", "ts", "amount", "j", "u", "n"
    ]

    formatted = execute(endpoint, client, f"SELECT l, s, n FROM {table}", formatRecordsAs="JSON")
    assert "records" not in formatted
    assert json.loads(formatted["formattedRecords"]) == [{"l": 9007199254740993, "s": "héllo 'quoted'", "n": None}]

    as_strings = execute(
        endpoint, client, f"SELECT l, amount FROM {table}",
        resultSetOptions={"longReturnType": "STRING", "decimalReturnType": "DOUBLE_OR_LONG"},
    )
    assert as_strings["records"][0] == [{"stringValue": "9007199254740993"}, {"doubleValue": 12.34}]


def test_non_finite_doubles_travel_as_the_aws_strings(endpoint):
    """boto3 sends NaN/Infinity parameters as the strings "NaN"/"Infinity" and reads them back as floats."""
    client = endpoint.client()
    if endpoint.engine != "postgresql":
        with pytest.raises(ClientError) as caught:
            execute(endpoint, client, "SELECT :d", parameters=[{"name": "d", "value": {"doubleValue": float("nan")}}])
        assert "MySQL cannot store" in caught.value.response["Error"]["Message"]
        return
    result = execute(
        endpoint, client,
        "SELECT 'NaN'::float8, :inf::float8, '-Infinity'::float8, ARRAY['NaN'::float8, 1.5]",
        parameters=[{"name": "inf", "value": {"doubleValue": float("inf")}}],
    )
    row = result["records"][0]
    assert math.isnan(row[0]["doubleValue"])
    assert row[1] == {"doubleValue": float("inf")}
    assert row[2] == {"doubleValue": float("-inf")}
    doubles = row[3]["arrayValue"]["doubleValues"]
    assert math.isnan(doubles[0]) and doubles[1] == 1.5


def test_batch_execute_and_transactions(endpoint):
    client = endpoint.client()
    table = table_name()
    execute(endpoint, client, f"CREATE TABLE {table} (v INT)")
    transaction = client.begin_transaction(
        resourceArn=endpoint.resource_arn, secretArn=endpoint.secret_arn, database=endpoint.database
    )["transactionId"]
    batch = client.batch_execute_statement(
        resourceArn=endpoint.resource_arn, secretArn=endpoint.secret_arn, database=endpoint.database,
        sql=f"INSERT INTO {table} (v) VALUES (:v)", transactionId=transaction,
        parameterSets=[[{"name": "v", "value": {"longValue": value}}] for value in range(5)],
    )
    assert len(batch["updateResults"]) == 5
    status = client.commit_transaction(
        resourceArn=endpoint.resource_arn, secretArn=endpoint.secret_arn, transactionId=transaction
    )["transactionStatus"]
    assert status == "Transaction Committed"

    transaction = client.begin_transaction(
        resourceArn=endpoint.resource_arn, secretArn=endpoint.secret_arn, database=endpoint.database
    )["transactionId"]
    execute(endpoint, client, f"DELETE FROM {table}", transactionId=transaction)
    status = client.rollback_transaction(
        resourceArn=endpoint.resource_arn, secretArn=endpoint.secret_arn, transactionId=transaction
    )["transactionStatus"]
    assert status == "Rollback Complete"
    count = execute(endpoint, client, f"SELECT COUNT(*) FROM {table}")["records"][0][0]["longValue"]
    assert count == 5


def test_errors_are_the_modeled_classes(endpoint):
    client = endpoint.client()
    with pytest.raises(client.exceptions.DatabaseErrorException) as raised:
        execute(endpoint, client, "SELECT * FROM no_such_table")
    assert "SQLState: 42" in raised.value.response["Error"]["Message"]
    assert raised.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400
    assert raised.value.response["ResponseMetadata"]["RequestId"]

    with pytest.raises(client.exceptions.TransactionNotFoundException):
        client.commit_transaction(
            resourceArn=endpoint.resource_arn, secretArn=endpoint.secret_arn, transactionId="no-such-transaction"
        )
    with pytest.raises(client.exceptions.TransactionNotFoundException):
        execute(endpoint, client, "SELECT 1", transactionId="no-such-transaction")

    with pytest.raises(ClientError) as raised:
        execute(endpoint, client, "SELECT 1; SELECT 2")
    assert raised.value.response["Error"]["Code"] == "ValidationException"
    assert raised.value.response["Error"]["Message"] == "Multistatements aren't supported."

    with pytest.raises(ClientError) as raised:
        execute(endpoint, client, "SELECT 1", schema="public")
    assert raised.value.response["Error"]["Code"] == "ValidationException"


def test_bad_signature_and_unsigned_requests_are_refused(endpoint):
    with pytest.raises(ClientError) as raised:
        execute(endpoint, endpoint.client(secret_key="wrong-secret"), "SELECT 1")
    assert raised.value.response["Error"]["Code"] == "InvalidSignatureException"
    assert raised.value.response["ResponseMetadata"]["HTTPStatusCode"] == 403

    body = json.dumps({"resourceArn": endpoint.resource_arn, "secretArn": endpoint.secret_arn, "sql": "SELECT 1"})
    request = urllib.request.Request(
        endpoint.url + "/Execute", data=body.encode(), headers={"Content-Type": "application/json"}, method="POST"
    )
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=30)
    assert refused.value.code == 403
    assert refused.value.headers["x-amzn-ErrorType"] == "MissingAuthenticationTokenException"
    assert json.loads(refused.value.read())["message"] == "Missing Authentication Token"


# MARK: - AWS CLI


def test_cli_runs_every_operation(endpoint):
    table = table_name()
    status, _, error = cli(endpoint, "execute-statement", *arns(endpoint), "--sql", f"CREATE TABLE {table} (v INT, s TEXT)")
    assert status == 0, error

    status, begun, error = cli(endpoint, "begin-transaction", *arns(endpoint))
    assert status == 0, error
    transaction = begun["transactionId"]
    status, batch, error = cli(
        endpoint, "batch-execute-statement", *arns(endpoint), "--transaction-id", transaction,
        "--sql", f"INSERT INTO {table} (v, s) VALUES (:v, :s)",
        "--parameter-sets", json.dumps([
            [{"name": "v", "value": {"longValue": 1}}, {"name": "s", "value": {"stringValue": "one"}}],
            [{"name": "v", "value": {"longValue": 2}}, {"name": "s", "value": {"isNull": True}}],
        ]),
    )
    assert status == 0, error
    assert len(batch["updateResults"]) == 2
    status, committed, error = cli(
        endpoint, "commit-transaction", "--resource-arn", endpoint.resource_arn, "--secret-arn", endpoint.secret_arn,
        "--transaction-id", transaction,
    )
    assert status == 0, error
    assert committed["transactionStatus"] == "Transaction Committed"

    status, begun, error = cli(endpoint, "begin-transaction", *arns(endpoint))
    transaction = begun["transactionId"]
    cli(endpoint, "execute-statement", *arns(endpoint), "--transaction-id", transaction, "--sql", f"DELETE FROM {table}")
    status, rolled_back, error = cli(
        endpoint, "rollback-transaction", "--resource-arn", endpoint.resource_arn, "--secret-arn", endpoint.secret_arn,
        "--transaction-id", transaction,
    )
    assert status == 0, error
    assert rolled_back["transactionStatus"] == "Rollback Complete"

    status, selected, error = cli(
        endpoint, "execute-statement", *arns(endpoint), "--sql", f"SELECT v, s FROM {table} WHERE v >= :min ORDER BY v",
        "--parameters", json.dumps([{"name": "min", "value": {"longValue": 1}}]), "--include-result-metadata",
    )
    assert status == 0, error
    assert selected["records"] == [
        [{"longValue": 1}, {"stringValue": "one"}],
        [{"longValue": 2}, {"isNull": True}],
    ]
    assert [column["name"] for column in selected["columnMetadata"]] == ["v", "s"]

    status, formatted, error = cli(
        endpoint, "execute-statement", *arns(endpoint), "--sql", f"SELECT v FROM {table} ORDER BY v",
        "--format-records-as", "JSON",
    )
    assert status == 0, error
    assert json.loads(formatted["formattedRecords"]) == [{"v": 1}, {"v": 2}]

    status, _, error = cli(
        endpoint, "execute-statement", *arns(endpoint), "--sql", "SELECT :d AS d",
        "--parameters", json.dumps([{"name": "d", "value": {"stringValue": "2024-02-29"}, "typeHint": "DATE"}]),
    )
    assert status == 0, error


def test_cli_reports_errors(endpoint):
    status, _, error = cli(endpoint, "execute-statement", *arns(endpoint), "--sql", "SELEC nonsense")
    assert status != 0
    assert "DatabaseErrorException" in error

    status, _, error = cli(
        endpoint, "commit-transaction", "--resource-arn", endpoint.resource_arn, "--secret-arn", endpoint.secret_arn,
        "--transaction-id", "gone",
    )
    assert status != 0
    assert "TransactionNotFoundException" in error
    assert "Transaction gone is not found" in error

    status, _, error = cli(
        endpoint, "execute-statement", "--resource-arn", "arn:aws:rds:us-east-1:123456789012:cluster:nope",
        "--secret-arn", endpoint.secret_arn, "--sql", "SELECT 1",
    )
    assert status != 0
    assert "HttpEndpointNotEnabledException" in error


# MARK: - The executable's own errors


def test_bad_configuration_exits_with_a_message():
    binary = os.environ.get("AURORA_DATA_LOCAL", ".build/debug/aurora-data-local")
    result = subprocess.run(
        [binary, "--database-url", "postgresql://user:password@127.0.0.1:1/db", "--port", "0"],
        capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 2
    assert "cannot use the database" in result.stderr

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run([binary, "--port", str(port)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert f"Cannot listen on 127.0.0.1:{port}" in result.stderr
