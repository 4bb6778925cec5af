#!/usr/bin/env python3
"""The whole deploy, locally: the CDK stack on the ministack emulator, the functions on a real database.

Run by scripts/deploy-local.sh (which builds the binaries and the first Lambda package, and supplies the
cdk-template/.venv interpreter). Two stacks of the app live side by side in one emulator: the main stack, whose
name is over 40 characters (so its secret and cluster names are shortened with a hash), on the database `blog`,
and a second stack under the default name AuroraData (the names CloudFormation generates) on its own database.
Steps, each printed with its time:

1. create: synthesize the main stack, deploy it; the migration custom resource applies v1..vN (checked with
   `aurora-data migrate status` against the database), output AppliedVersion = N;
2. the posts API through the emulator's HTTP API: POST 201, GET list, GET by id, bad body 400;
3. the second stack beside it: created, migrated on its own database, its API answers; no name they share;
4. a new script v(N+1) in the main stack: repackage, synthesize, update; the Update event applies it, and the
   secret and the cluster are the same ones;
5. a failing script v(N+2): the custom resource answers FAILED with the database's reason, the stack rolls
   back (UPDATE_ROLLBACK_COMPLETE), the rollback Update changes nothing, the database is consistent;
6. delete the main stack: DELETE_COMPLETE, the schema and its rows are still there, and the second stack still
   serves (GET and POST through its API); then delete the second stack.

What the emulator needs and AWS has by itself (the CDK bootstrap version parameter, the asset bucket, the
asset upload) is done here; the template is the one `python3 app.py` synthesizes, with the local context
values below. The functions reach the local Data API endpoint (aurora-data-local) through
AWS_ENDPOINT_URL_RDS_DATA in the emulator's own environment, which every function inherits.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional

REPO = Path(__file__).resolve().parent.parent
TEMPLATE_DIR = REPO / "cdk-template"
sys.path.insert(0, str(TEMPLATE_DIR))

REGION = "us-east-1"
ACCOUNT = "000000000000"  # ministack's account; its functions also get this as their access key id
SECRET_KEY = "test"  # and this as their secret key
DATABASE = "blog"
SIDE_DATABASE = "blog_side"  # the second stack's database, on the same server
# Shorter than the production defaults so that a broken handler fails the run within a minute.
LOCAL_CONTEXT = {"migrate_timeout": 50, "service_timeout": 60}
BOOTSTRAP_QUALIFIER = "hnb659fds"  # the CDK default; the template refers to it
STACK_WAIT_SECONDS = 180

START = time.monotonic()


class CheckFailed(Exception):
    """A deploy check that did not hold."""


def log(message: str) -> None:
    print(f"[{time.monotonic() - START:6.1f}s] {message}", flush=True)


def check(condition: bool, message: str) -> None:
    if not condition:
        raise CheckFailed(message)
    log(f"  ok: {message}")


# ---------------------------------------------------------------------------------------------------------
# Background processes: aurora-data-local and ministack. Each is stopped by its own pid.


class Background:
    """A process we start in its own process group (so that its children can be found), logging to a file."""

    def __init__(self, name: str, command: list[str], log_path: Path, env: dict[str, str]) -> None:
        self.name, self.log_path = name, log_path
        self._log = open(log_path, "wb")
        self.process = subprocess.Popen(command, stdout=self._log, stderr=subprocess.STDOUT, env=env,
                                        stdin=subprocess.DEVNULL, cwd=str(log_path.parent), start_new_session=True)

    def alive(self) -> bool:
        return self.process.poll() is None

    def output(self) -> str:
        return self.log_path.read_text(errors="replace")

    def stop(self) -> None:
        # SIGTERM first: ministack then ends its function processes, aurora-data-local its database server.
        # A request still in flight (e.g. a stack operation when the run is interrupted) can hold ministack's
        # graceful shutdown; after 10 s the process group we created is killed, children included.
        if self.alive():
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                log(f"{self.name} (pid {self.process.pid}) still running 10 s after SIGTERM; killing its group")
        try:
            os.killpg(self.process.pid, signal.SIGKILL)  # the group's id is our child's pid
        except (ProcessLookupError, PermissionError):
            pass  # nothing left in the group
        self.process.wait()
        self._log.close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until(what: str, ready, process: Background, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while not ready():
        if not process.alive():
            raise CheckFailed(f"{process.name} exited while starting:\n{process.output()[-4000:]}")
        if time.monotonic() > deadline:
            raise CheckFailed(f"{what} not ready after {seconds:.0f} s:\n{process.output()[-4000:]}")
        time.sleep(0.1)


def start_endpoint(bin_dir: Path, engine: str, work: Path) -> tuple[Background, str]:
    """aurora-data-local on a throwaway database, answering every cluster and secret of the emulated account."""
    command = [
        str(bin_dir / "aurora-data-local"), "--engine", engine, "--port", "0",
        "--access-key-id", ACCOUNT, "--secret-access-key", SECRET_KEY,
        "--resource-arn", f"arn:aws:rds:{REGION}:{ACCOUNT}:cluster:*",
        "--secret-arn", f"arn:aws:secretsmanager:{REGION}:{ACCOUNT}:secret:*",
        "--database", DATABASE,
    ]
    endpoint = Background("aurora-data-local", command, work / "aurora-data-local.log", dict(os.environ))
    wait_until("aurora-data-local", lambda: re.search(r"^ready", endpoint.output(), re.M), endpoint, 120)
    url = re.search(r"^endpoint: (\S+)", endpoint.output(), re.M)
    if not url:
        raise CheckFailed(f"aurora-data-local printed no endpoint:\n{endpoint.output()}")
    return endpoint, url.group(1)


def start_ministack(venv_bin: Path, port: int, endpoint_url: str, work: Path) -> Background:
    # A clean environment: every Lambda process inherits ministack's, and nothing of ours (AWS keys,
    # AWS_ENDPOINT_URL, ...) may leak into the functions. AWS_ENDPOINT_URL_RDS_DATA is the one deliberate
    # addition: the standard variable that points the functions' Data API client at the local endpoint.
    state = work / "ministack-tmp"
    state.mkdir()
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": os.environ.get("HOME", "/root"),
        "TMPDIR": str(state),
        "GATEWAY_PORT": str(port),
        "BIND_HOST": "127.0.0.1",
        "MINISTACK_HOST": "127.0.0.1",  # host of the custom resource ResponseURL; must match BIND_HOST
        "AWS_ENDPOINT_URL_RDS_DATA": endpoint_url,
        "AWS_EC2_METADATA_DISABLED": "true",
    }
    ministack = Background("ministack", [str(venv_bin / "ministack")], work / "ministack.log", env)

    def healthy() -> bool:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_ministack/health", timeout=1):
                return True
        except OSError:
            return False

    wait_until("ministack", healthy, ministack, 30)
    return ministack


# ---------------------------------------------------------------------------------------------------------
# The emulated account: what `cdk bootstrap` and `cdk deploy` do on AWS.


@dataclass
class Cloud:
    port: int

    def __post_init__(self) -> None:
        import boto3  # the venv's; imported late so that --help works without it

        self.session = boto3.session.Session(aws_access_key_id=ACCOUNT, aws_secret_access_key=SECRET_KEY,
                                             region_name=REGION)
        self.url = f"http://127.0.0.1:{self.port}"
        self.cfn = self.session.client("cloudformation", endpoint_url=self.url)
        self.s3 = self.session.client("s3", endpoint_url=self.url)
        self.ssm = self.session.client("ssm", endpoint_url=self.url)
        self.bucket = f"cdk-{BOOTSTRAP_QUALIFIER}-assets-{ACCOUNT}-{REGION}"

    def bootstrap(self) -> None:
        """The two things of `cdk bootstrap` the template uses: the version parameter and the asset bucket."""
        self.ssm.put_parameter(Name=f"/cdk-bootstrap/{BOOTSTRAP_QUALIFIER}/version", Value="30", Type="String",
                               Overwrite=True)
        self.s3.create_bucket(Bucket=self.bucket)

    def publish_assets(self, outdir: Path, stack: str) -> int:
        """Uploads the file assets of `<stack>.assets.json` (the Lambda zip, the template), as `cdk deploy` does."""
        manifest = json.loads((outdir / f"{stack}.assets.json").read_text())
        count = 0
        for asset in manifest.get("files", {}).values():
            source = outdir / asset["source"]["path"]
            if asset["source"].get("packaging", "file") != "file" or not source.is_file():
                raise CheckFailed(f"unexpected asset {asset['source']}: this stack has file assets only")
            for destination in asset["destinations"].values():
                self.s3.put_object(Bucket=substitute(destination["bucketName"]),
                                   Key=substitute(destination["objectKey"]), Body=source.read_bytes())
                count += 1
        return count

    def deploy(self, outdir: Path, stack: str, create: bool) -> str:
        self.publish_assets(outdir, stack)
        body = (outdir / f"{stack}.template.json").read_text()
        if create:
            self.cfn.create_stack(StackName=stack, TemplateBody=body, Capabilities=["CAPABILITY_IAM"])
        else:
            self.cfn.update_stack(StackName=stack, TemplateBody=body, Capabilities=["CAPABILITY_IAM"])
        return self.wait(stack)

    def wait(self, stack: str) -> str:
        deadline = time.monotonic() + STACK_WAIT_SECONDS
        while True:
            try:
                status = self.cfn.describe_stacks(StackName=stack)["Stacks"][0]["StackStatus"]
            except self.cfn.exceptions.ClientError as error:
                if "does not exist" in str(error):
                    return "DELETE_COMPLETE"  # a deleted stack is gone from describe_stacks by name
                raise
            if not status.endswith("_IN_PROGRESS"):
                return status
            if time.monotonic() > deadline:
                raise CheckFailed(f"stack still {status} after {STACK_WAIT_SECONDS} s")
            time.sleep(0.2)

    def outputs(self, stack: str) -> dict[str, str]:
        description = self.cfn.describe_stacks(StackName=stack)["Stacks"][0]
        return {o["OutputKey"]: o["OutputValue"] for o in description.get("Outputs", [])}

    def physical_id(self, stack: str, resource_type: str) -> str:
        resources = self.cfn.describe_stack_resources(StackName=stack)["StackResources"]
        return next(r["PhysicalResourceId"] for r in resources if r["ResourceType"] == resource_type)

    def events(self, stack: str) -> list[dict[str, Any]]:
        """All events of the stack, oldest first."""
        events: list[dict[str, Any]] = []
        for page in self.cfn.get_paginator("describe_stack_events").paginate(StackName=stack):
            events.extend(page["StackEvents"])
        return list(reversed(events))


def print_diagnostics(cloud: Optional["Cloud"], background: list[Background]) -> None:
    """After a failure: the functions' log events (from the emulated CloudWatch Logs) and the process logs."""
    if cloud is not None:
        try:
            logs = cloud.session.client("logs", endpoint_url=cloud.url)
            for group in logs.describe_log_groups()["logGroups"]:
                events = logs.filter_log_events(logGroupName=group["logGroupName"])["events"][-40:]
                if events:
                    print(f"--- log group {group['logGroupName']} (last {len(events)} events)")
                    for event in events:
                        print("   ", event["message"].rstrip())
        except Exception as error:  # diagnostics must not hide the failure itself
            print(f"(could not read the function logs: {error})")
    for process in background:
        print(f"--- {process.name} log, last lines ({process.log_path})")
        print("\n".join(process.output().splitlines()[-30:]))


def substitute(text: str) -> str:
    return (text.replace("${AWS::AccountId}", ACCOUNT).replace("${AWS::Region}", REGION)
            .replace("${AWS::Partition}", "aws"))


# ---------------------------------------------------------------------------------------------------------
# Packages and synthesis


def highest_version(schema_dir: Path) -> int:
    versions = [int(m.group(1)) for p in schema_dir.iterdir()
                if (m := re.match(r"^v(\d+)(\.(postgresql|mysql))?\.sql$", p.name))]
    return max(versions)


def package(schema_dir: Path, outdir: Path, bootstrap: Path, cli: Path) -> None:
    """scripts/package-lambda.sh with another schema directory and output directory.

    The binaries are the first package's: `bootstrap` (already static and stripped) and an `aurora-data` for the
    scripts' hash. Only the scripts differ, so nothing is built again.
    """
    env = dict(os.environ, AURORA_SCHEMA_SOURCE=str(schema_dir), AURORA_LAMBDA_PACKAGE=str(outdir),
               AURORA_PACKAGE_BOOTSTRAP=str(bootstrap), AURORA_PACKAGE_CLI=str(cli))
    result = subprocess.run(["bash", str(REPO / "scripts" / "package-lambda.sh")], env=env, cwd=REPO,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if result.returncode != 0:
        raise CheckFailed(f"package-lambda.sh failed (exit {result.returncode}):\n{result.stdout[-4000:]}")


def synthesize(engine: str, package_dir: Path, outdir: Path, stack_name: str, database: str = DATABASE) -> str:
    """The app of `python3 app.py` with the local context; returns the ScriptsHash it carries."""
    from app import build_app  # cdk-template/app.py

    context = {"engine": engine, "stack_name": stack_name, "database": database, **LOCAL_CONTEXT}
    app, stack = build_app(outdir=str(outdir), package_dir=package_dir, context=context)
    app.synth()  # raises on an unacknowledged cdk-nag finding
    assert stack.stack_name == stack_name
    return stack.package.scripts_hash


# ---------------------------------------------------------------------------------------------------------
# The database, through the aurora-data CLI


@dataclass
class Database:
    cli: Path
    endpoint_url: str
    resource_arn: str = ""
    secret_arn: str = ""
    database: str = DATABASE

    def _run(self, args: list[str]) -> subprocess.CompletedProcess:
        env = dict(os.environ, AWS_ACCESS_KEY_ID=ACCOUNT, AWS_SECRET_ACCESS_KEY=SECRET_KEY, AWS_REGION=REGION,
                   AWS_ENDPOINT_URL_RDS_DATA=self.endpoint_url, AURORA_RESOURCE_ARN=self.resource_arn,
                   AURORA_SECRET_ARN=self.secret_arn, AURORA_DATABASE=self.database, AWS_EC2_METADATA_DISABLED="true")
        env.pop("AWS_SESSION_TOKEN", None)
        env.pop("AWS_PROFILE", None)
        return subprocess.run([str(self.cli), *args], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True)

    def status(self, schema_dir: Path) -> list[dict[str, Any]]:
        """`aurora-data migrate status --format json`: its `versions`, each {version, file, state, record?}."""
        result = self._run(["migrate", "status", "--dir", str(schema_dir), "--format", "json"])
        try:
            # A dirty version is a finding, not an error of the command: read the document either way.
            return list(json.loads(result.stdout)["versions"])
        except (ValueError, KeyError):
            raise CheckFailed(f"migrate status failed (exit {result.returncode}): {result.stderr.strip()}") from None

    def query(self, sql: str) -> list[dict[str, Any]]:
        result = self._run(["exec", sql, "--format", "json"])
        if result.returncode != 0:
            raise CheckFailed(f"exec {sql!r} failed (exit {result.returncode}): {result.stderr.strip()}")
        return json.loads(result.stdout)


def states(entries: list[dict[str, Any]]) -> dict[int, str]:
    """version -> state (applied, pending, dirty); a failed attempt's own state is in its record."""
    return {int(e["version"]): e["state"] for e in entries}


def applied(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The applied versions with their history records (which carry the start and finish times)."""
    return [e for e in entries if e["state"] == "applied"]


def table_exists(db: Database, engine: str, table: str) -> bool:
    schema = "current_schema()" if engine == "postgresql" else "DATABASE()"
    rows = db.query(f"SELECT COUNT(*) AS n FROM information_schema.tables "
                    f"WHERE table_schema = {schema} AND table_name = '{table}'")
    return int(rows[0]["n"]) > 0


# ---------------------------------------------------------------------------------------------------------
# HTTP


def http(method: str, url: str, body: Optional[bytes] = None) -> tuple[int, dict[str, str], Any]:
    request = urllib.request.Request(url, data=body, method=method, headers={"content-type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            status, headers, raw = response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        status, headers, raw = error.code, dict(error.headers), error.read()
    try:
        payload = json.loads(raw) if raw else None
    except ValueError:
        payload = raw.decode(errors="replace")
    return status, {k.lower(): v for k, v in headers.items()}, payload


# ---------------------------------------------------------------------------------------------------------
# The run


HARMLESS_SCRIPT = """-- Added by scripts/deploy_local.py: a harmless new version.
CREATE TABLE deploy_local_tags (
    id   BIGINT NOT NULL PRIMARY KEY,
    name VARCHAR(50) NOT NULL
);
"""

# The first statement succeeds and the second fails: on MySQL/MariaDB the first is committed (DDL), so the
# version is left dirty; on PostgreSQL the version's transaction rolls both back.
FAILING_SCRIPT = """-- Added by scripts/deploy_local.py: fails on its second statement.
CREATE TABLE deploy_local_partial (id BIGINT NOT NULL PRIMARY KEY);

INSERT INTO deploy_local_missing_table (id) VALUES (1);
"""


def main_stack_name(engine: str) -> str:
    """The main stack's name: over 40 characters, so that its secret and cluster names are shortened."""
    return f"aurora-data-local-{engine}-blog-with-a-long-stack-name"


def physical_ids(cloud: Cloud, stack: str) -> dict[str, set[str]]:
    """resource type -> the physical ids of the stack's resources of that type."""
    found: dict[str, set[str]] = {}
    for resource in cloud.cfn.describe_stack_resources(StackName=stack)["StackResources"]:
        found.setdefault(resource["ResourceType"], set()).add(resource["PhysicalResourceId"])
    return found


def check_api(base: str, engine: str, label: str) -> int:
    """POST, GET list, GET by id and a bad body through one stack's API; returns the created post's id."""
    post = {"userId": 1, "title": f"Deployed locally on {engine} ({label})", "body": "Through API Gateway and Lambda.",
            "slug": f"deploy-local-{engine}-{re.sub(r'[^a-z0-9]+', '-', label.lower()).strip('-')}-{time.time_ns()}"}
    code, headers, created = http("POST", base, json.dumps(post).encode())
    check(code == 201, f"{label}: POST /posts -> {code} {created}")
    post_id = created.get("id") if isinstance(created, dict) else None
    check(post_id is not None and headers.get("location") == f"/posts/{post_id}",
          f"{label}: created post id {post_id}, Location {headers.get('location')}")
    code, _, listing = http("GET", base)
    ids = [p.get("id") for p in listing.get("posts", [])] if isinstance(listing, dict) else []
    check(code == 200 and post_id in ids, f"{label}: GET /posts -> {code}, lists post {post_id} (ids {ids})")
    code, _, record = http("GET", f"{base}/{post_id}")
    check(code == 200 and isinstance(record, dict) and record.get("title") == post["title"],
          f"{label}: GET /posts/{post_id} -> {code} {record}")
    code, _, refused = http("POST", base, b'{"title": 42}')
    check(code == 400 and isinstance(refused, dict) and "message" in refused,
          f"{label}: bad body -> {code} {refused}")
    return post_id


def run(args: argparse.Namespace) -> None:
    from aurora_stack import names  # cdk-template/aurora_stack

    engine = args.engine
    work = Path(tempfile.mkdtemp(prefix=f"deploy-local-{engine}-"))
    outdir = TEMPLATE_DIR / "cdk.out"
    stack = main_stack_name(engine)
    side = names.LEGACY_STACK_NAME
    background: list[Background] = []
    cloud: Optional[Cloud] = None
    try:
        schema = REPO / "scripts" / "schema"
        n = highest_version(schema)
        log(f"engine {engine}; work directory {work}; bundled schema v1..v{n}")
        log(f"stacks: {stack} ({len(stack)} characters) and {side}, side by side in one emulator")

        # The two later packages: a harmless v(N+1), then a failing v(N+2).
        schema_next, schema_bad = work / "schema-next", work / "schema-bad"
        shutil.copytree(schema, schema_next)
        (schema_next / f"v{n + 1}.sql").write_text(HARMLESS_SCRIPT)
        shutil.copytree(schema_next, schema_bad)
        (schema_bad / f"v{n + 2}.sql").write_text(FAILING_SCRIPT)

        endpoint, endpoint_url = start_endpoint(args.bin_dir, engine, work)
        background.append(endpoint)
        log(f"aurora-data-local ready at {endpoint_url}")
        port = free_port()
        background.append(start_ministack(Path(sys.executable).parent, port, endpoint_url, work))
        log(f"ministack ready on port {port}")
        cloud = Cloud(port)
        cloud.bootstrap()

        # ---- 1. create
        shutil.rmtree(outdir, ignore_errors=True)  # generated output only; old asset zips would pile up
        hash1 = synthesize(engine, args.package_dir, outdir, stack)
        log(f"synthesized {outdir / (stack + '.template.json')} (ScriptsHash {hash1[:12]}…)")
        status = cloud.deploy(outdir, stack, create=True)
        check(status == "CREATE_COMPLETE", f"create: stack {status}")
        outputs = cloud.outputs(stack)
        db = Database(args.bin_dir / "aurora-data", endpoint_url, outputs["ClusterArn"], outputs["SecretArn"])
        check(outputs.get("AppliedVersion") == str(n),
              f"output AppliedVersion = {outputs.get('AppliedVersion')} (want {n})")
        check(outputs.get("DatabaseName") == DATABASE, f"output DatabaseName = {outputs.get('DatabaseName')}")
        secret_name, cluster_id = names.secret_name(stack), names.cluster_identifier(stack)
        check(f":secret:{secret_name}-" in outputs["SecretArn"] and outputs["ClusterArn"].endswith(f":cluster:{cluster_id}"),
              f"the secret is named {secret_name}, the cluster {cluster_id} ({outputs['SecretArn']}, {outputs['ClusterArn']})")
        check(len(outputs["SecretArn"]) <= names.DATA_API_ARN_LIMIT and len(outputs["ClusterArn"]) <= names.DATA_API_ARN_LIMIT,
              f"both ARNs within the Data API's {names.DATA_API_ARN_LIMIT} characters "
              f"({len(outputs['SecretArn'])}, {len(outputs['ClusterArn'])})")
        found = states(db.status(schema))
        check([v for v, state in found.items() if state == "applied"] == list(range(1, n + 1)),
              f"database: versions 1..{n} applied ({found})")

        # ---- 2. the posts API
        api_id = cloud.physical_id(stack, "AWS::ApiGatewayV2::Api")
        base = f"http://127.0.0.1:{port}/_aws/execute-api/{api_id}/posts"
        log(f"posts API at {base}")
        check_api(base, engine, stack)

        # ---- 3. a second stack beside it, on its own database
        db.query(f"CREATE DATABASE {SIDE_DATABASE}")
        synthesize(engine, args.package_dir, work / "cdk.out-side", side, database=SIDE_DATABASE)
        status = cloud.deploy(work / "cdk.out-side", side, create=True)
        check(status == "CREATE_COMPLETE", f"create {side} beside {stack}: stack {status}")
        side_outputs = cloud.outputs(side)
        check(side_outputs.get("AppliedVersion") == str(n) and side_outputs.get("DatabaseName") == SIDE_DATABASE,
              f"{side}: AppliedVersion {side_outputs.get('AppliedVersion')} on {side_outputs.get('DatabaseName')}")
        side_db = Database(args.bin_dir / "aurora-data", endpoint_url, side_outputs["ClusterArn"],
                           side_outputs["SecretArn"], SIDE_DATABASE)
        check([v for v, state in states(side_db.status(schema)).items() if state == "applied"] == list(range(1, n + 1)),
              f"{side}: its own database {SIDE_DATABASE} has versions 1..{n} applied")
        # Every physical id differs, except the stages': a stage's name ($default) belongs to its own API.
        ours, theirs = physical_ids(cloud, stack), physical_ids(cloud, side)
        shared = {kind: ours[kind] & theirs.get(kind, set()) for kind in ours
                  if ours[kind] & theirs.get(kind, set()) and kind != "AWS::ApiGatewayV2::Stage"}
        check(not shared, f"no physical name shared by the two stacks ({len(ours)} resource types compared; "
                          f"shared: {shared})")
        check(outputs["SecretArn"] != side_outputs["SecretArn"] and outputs["ClusterArn"] != side_outputs["ClusterArn"],
              f"two secrets and two clusters ({side}: {side_outputs['SecretArn']}, {side_outputs['ClusterArn']})")
        side_base = f"http://127.0.0.1:{port}/_aws/execute-api/{cloud.physical_id(side, 'AWS::ApiGatewayV2::Api')}/posts"
        side_post = check_api(side_base, engine, side)

        # ---- 4. a new script
        binaries = (args.package_dir / "asset" / "bootstrap", args.bin_dir / "aurora-data")
        package(schema_next, work / "package-next", *binaries)
        log(f"repackaged with v{n + 1}")
        synthesize(engine, work / "package-next", work / "cdk.out-next", stack)
        status = cloud.deploy(work / "cdk.out-next", stack, create=False)
        check(status == "UPDATE_COMPLETE", f"update with v{n + 1}: stack {status}")
        updated = cloud.outputs(stack)
        check(updated.get("AppliedVersion") == str(n + 1), f"output AppliedVersion = {n + 1}")
        check((updated["SecretArn"], updated["ClusterArn"]) == (outputs["SecretArn"], outputs["ClusterArn"]),
              "the update kept the secret and the cluster (same ARNs)")
        applied_before_failure = applied(db.status(schema_next))
        check([e["version"] for e in applied_before_failure] == list(range(1, n + 2)),
              f"database: versions 1..{n + 1} applied")

        # ---- 5. a failing script
        package(schema_bad, work / "package-bad", *binaries)
        log(f"repackaged with a failing v{n + 2}")
        synthesize(engine, work / "package-bad", work / "cdk.out-bad", stack)
        seen = len(cloud.events(stack))
        status = cloud.deploy(work / "cdk.out-bad", stack, create=False)
        check(status == "UPDATE_ROLLBACK_COMPLETE", f"update with a failing v{n + 2}: stack {status}")
        events = [e for e in cloud.events(stack)[seen:] if e["LogicalResourceId"] == "SchemaMigration"]
        for e in events:
            log(f"  event SchemaMigration {e['ResourceStatus']}: {e.get('ResourceStatusReason', '')}")
        failed = [e for e in events if e["ResourceStatus"] == "UPDATE_FAILED"]
        check(len(failed) == 1, f"the custom resource answered FAILED once ({len(failed)})")
        reason = failed[0].get("ResourceStatusReason", "")
        check("deploy_local_missing_table" in reason, f"the reason carries the database's error: {reason!r}")
        completes = [e for e in events if e["ResourceStatus"] == "UPDATE_COMPLETE"]
        check(len(completes) >= 1 and completes[-1]["Timestamp"] >= failed[0]["Timestamp"],
              "the rollback Update answered SUCCESS")
        check(cloud.outputs(stack).get("AppliedVersion") == str(n + 1), f"output AppliedVersion back to {n + 1}")
        after = db.status(schema_bad)
        check(applied(after) == applied_before_failure,
              "the rollback Update was a no-op: the applied versions and their history records are unchanged")
        bad = next(e for e in after if e["version"] == n + 2)
        record = bad.get("record") or {}
        if engine == "postgresql":
            check(bad["state"] == "pending" and record.get("state") == "rolled_back",
                  f"PostgreSQL: v{n + 2} rolled back, pending again "
                  f"(state {bad['state']}, record {record.get('state')})")
            check(not table_exists(db, engine, "deploy_local_partial"), f"PostgreSQL: nothing of v{n + 2} was kept")
        else:
            check(bad["state"] == "dirty" and record.get("statementsApplied") == 1,
                  f"MySQL: v{n + 2} is dirty after statement 1 (state {bad['state']}, record {record})")
            check(table_exists(db, engine, "deploy_local_partial"),
                  f"MySQL: the committed first statement of v{n + 2} is there, as the dirty marker says")
        check(cloud.outputs(side).get("AppliedVersion") == str(n) and not table_exists(side_db, engine, "deploy_local_tags"),
              f"{side} and its database were untouched by the main stack's updates")

        # ---- 6. delete the main stack; the second one keeps serving, then goes too
        cloud.cfn.delete_stack(StackName=stack)
        status = cloud.wait(stack)
        check(status == "DELETE_COMPLETE", f"delete: stack {status}")
        check(applied(db.status(schema_bad)) == applied_before_failure,
              f"the schema is still there (v1..v{n + 1} applied, records unchanged)")
        rows = db.query("SELECT COUNT(*) AS n FROM posts")
        check(int(rows[0]["n"]) >= 3, f"the posts are still there ({rows[0]['n']} rows)")
        side_status = cloud.cfn.describe_stacks(StackName=side)["Stacks"][0]["StackStatus"]
        check(side_status == "CREATE_COMPLETE", f"{side} is still {side_status}")
        code, _, record = http("GET", f"{side_base}/{side_post}")
        check(code == 200 and isinstance(record, dict) and record.get("id") == side_post,
              f"{side} still serves: GET /posts/{side_post} -> {code}")
        check_api(side_base, engine, f"{side} after the delete")
        cloud.cfn.delete_stack(StackName=side)
        status = cloud.wait(side)
        check(status == "DELETE_COMPLETE", f"delete {side}: stack {status}")
    except Exception:
        print_diagnostics(cloud, background)
        raise
    finally:
        for process in reversed(background):
            process.stop()
        if args.keep_work:
            log(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


def _interrupt(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("engine", choices=["postgresql", "mysql"])
    parser.add_argument("--bin-dir", type=Path, required=True, help="directory of aurora-data and aurora-data-local")
    parser.add_argument("--package-dir", type=Path, default=REPO / ".build" / "lambda",
                        help="the Lambda package for the first deploy (scripts/package-lambda.sh output)")
    parser.add_argument("--keep-work", action="store_true", help="keep the temporary directory (logs)")
    args = parser.parse_args()
    args.bin_dir, args.package_dir = args.bin_dir.resolve(), args.package_dir.resolve()

    # SIGTERM (e.g. from a test runner's timeout) unwinds like Ctrl-C, so the background processes are stopped.
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        run(args)
    except CheckFailed as failure:
        log(f"FAILED: {failure}")
        return 1
    except KeyboardInterrupt:
        log("interrupted")
        return 130
    log(f"all checks passed ({args.engine})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
