"""boto3 and the AWS CLI against aurora-data-local where third-party clients depend on the service's own behaviour
(issue 23): a commit after a failed statement, JSON results, fractional seconds on MySQL, and what the endpoint logs.
Runs once per engine (PostgreSQL, MariaDB)."""
import json
import re
import signal
import uuid

import pytest

from conftest import error_lines, start_endpoint, stop_endpoint
from test_rds_data import arns, cli, execute, table_name


def begin(endpoint, client):
    return client.begin_transaction(
        resourceArn=endpoint.resource_arn, secretArn=endpoint.secret_arn, database=endpoint.database
    )["transactionId"]


def commit(endpoint, client, transaction):
    return client.commit_transaction(
        resourceArn=endpoint.resource_arn, secretArn=endpoint.secret_arn, transactionId=transaction
    )


def count(endpoint, client, table):
    return execute(endpoint, client, f"SELECT COUNT(*) FROM {table}")["records"][0][0]["longValue"]


def fail_in_transaction(endpoint, client, table):
    """Begins a transaction, inserts 1, fails inserting 1 again (caught); returns the transaction id."""
    transaction = begin(endpoint, client)
    execute(endpoint, client, f"INSERT INTO {table} VALUES (1)", transactionId=transaction)
    with pytest.raises(client.exceptions.DatabaseErrorException):
        execute(endpoint, client, f"INSERT INTO {table} VALUES (1)", transactionId=transaction)
    return transaction


def test_commit_after_a_failed_statement_answers_like_the_service(endpoint):
    """What the aurora-data-api driver does when a `with connect()` block catches a statement error: it commits and
    requires "Transaction Committed". PostgreSQL has rolled everything back; MySQL keeps what succeeded."""
    client = endpoint.client()
    table = table_name()
    execute(endpoint, client, f"CREATE TABLE {table} (id INT PRIMARY KEY)")
    transaction = fail_in_transaction(endpoint, client, table)
    answer = commit(endpoint, client, transaction)
    assert answer["ResponseMetadata"]["HTTPStatusCode"] == 200
    assert answer["transactionStatus"] == "Transaction Committed"
    assert count(endpoint, client, table) == (0 if endpoint.engine == "postgresql" else 1)
    with pytest.raises(client.exceptions.TransactionNotFoundException):
        commit(endpoint, client, transaction)


def test_json_results(endpoint):
    client = endpoint.client()
    table = table_name()
    text = '{"z": [0, 0,\n 1],  "x": 0, "x": 1, "s": "a  b"}'
    if endpoint.engine == "postgresql":
        execute(endpoint, client, f"CREATE TABLE {table} (j JSON, b JSONB)")
        execute(endpoint, client, f"INSERT INTO {table} VALUES (CAST(:d AS JSON), CAST(:d AS JSONB))",
                parameters=[{"name": "d", "value": {"stringValue": text}}])
        # Compact, as Data API v2: json keeps its text otherwise, jsonb is PostgreSQL's normalized form.
        compact_json = '{"z":[0,0,1],"x":0,"x":1,"s":"a  b"}'
        compact_jsonb = '{"s":"a  b","x":1,"z":[0,0,1]}'
        row = execute(endpoint, client, f"SELECT j, b FROM {table}")["records"][0]
        assert row == [{"stringValue": compact_json}, {"stringValue": compact_jsonb}]
        formatted = execute(endpoint, client, f"SELECT j, b FROM {table}", formatRecordsAs="JSON")["formattedRecords"]
        assert formatted == json.dumps([{"j": compact_json, "b": compact_jsonb}], separators=(",", ":"))
        status, output, error = cli(endpoint, "execute-statement", *arns(endpoint), "--sql", f"SELECT b FROM {table}")
        assert status == 0, error
        assert output["records"] == [[{"stringValue": compact_jsonb}]]
    else:
        execute(endpoint, client, f"CREATE TABLE {table} (j JSON)")
        execute(endpoint, client, f"INSERT INTO {table} VALUES (:d)",
                parameters=[{"name": "d", "value": {"stringValue": text}, "typeHint": "JSON"}])
        # MariaDB keeps JSON as text; the endpoint does not reshape it (docs/local-endpoint.md lists the difference).
        assert execute(endpoint, client, f"SELECT j FROM {table}")["records"][0] == [{"stringValue": text}]


def test_fractional_seconds_round(endpoint):
    client = endpoint.client()
    cast = "TIMESTAMP(0)" if endpoint.engine == "postgresql" else "DATETIME"
    row = execute(endpoint, client, f"SELECT CAST('2020-09-17 13:49:32.780180' AS {cast})")["records"][0]
    assert row == [{"stringValue": "2020-09-17 13:49:33"}]
    table = table_name()
    execute(endpoint, client, f"CREATE TABLE {table} (ts {cast})")
    execute(endpoint, client, f"INSERT INTO {table} VALUES (:ts)",
            parameters=[{"name": "ts", "value": {"stringValue": "2020-09-17 13:49:32.500"}, "typeHint": "TIMESTAMP"}])
    status, output, error = cli(endpoint, "execute-statement", *arns(endpoint), "--sql", f"SELECT ts FROM {table}")
    assert status == 0, error
    assert output["records"] == [[{"stringValue": "2020-09-17 13:49:33"}]]


@pytest.mark.parametrize("engine, stop_signal", [("postgresql", signal.SIGTERM), ("mysql", signal.SIGINT)])
def test_verbose_log_sql_strict_transactions_and_a_clean_stop(engine, stop_signal):
    process, endpoint, banner = start_endpoint(engine, "--verbose", "--log-sql", "--strict-transactions")
    try:
        assert any(line.startswith("transactions: --strict-transactions") for line in banner), banner
        client = endpoint.client()
        table = table_name()
        secret_value = "value-" + uuid.uuid4().hex
        execute(endpoint, client, f"CREATE TABLE {table} (id INT PRIMARY KEY)")
        selected = execute(endpoint, client, "SELECT :s AS s", parameters=[{"name": "s", "value": {"stringValue": secret_value}}])
        transaction = fail_in_transaction(endpoint, client, table)
        if engine == "postgresql":
            with pytest.raises(client.exceptions.DatabaseErrorException) as refused:
                commit(endpoint, client, transaction)
            assert refused.value.response["Error"]["Message"].startswith("The transaction was rolled back, not committed")
            commit_request_id = refused.value.response["ResponseMetadata"]["RequestId"]
        else:
            commit_request_id = commit(endpoint, client, transaction)["ResponseMetadata"]["RequestId"]
    finally:
        status, _, log = stop_endpoint(process, stop_signal)
    assert status == 0, log
    assert error_lines(log) == [], log
    lines = log.splitlines()

    def request_line(request_id):
        matches = [line for line in lines if f"requestId={request_id}" in line]
        assert len(matches) == 1, log
        return matches[0]

    line = request_line(selected["ResponseMetadata"]["RequestId"])
    assert " info " in line and line.endswith("ExecuteStatement") and "status=200" in line
    assert re.search(r"durationMs=\d+\.\d", line), line
    line = request_line(commit_request_id)
    assert line.endswith("CommitTransaction") and f"transactionId={transaction}" in line
    if engine == "postgresql":
        assert "status=400" in line and "error=DatabaseErrorException" in line
        warnings = [line for line in lines if " warning " in line and "rolled the transaction back" in line]
        assert len(warnings) == 1 and f"transactionId={transaction}" in warnings[0], log
    else:
        assert "status=200" in line
    assert any(line.endswith("SQL: SELECT :s AS s") for line in lines), log
    assert any(f"transactionId={transaction}" in line and line.endswith(f"SQL: INSERT INTO {table} VALUES (1)")
               for line in lines), log
    # Never a parameter value, the secret key or a signature.
    assert secret_value not in log
    assert "local-data-api-secret-key" not in log
    assert "Signature=" not in log
