"""Starts `aurora-data-local` once per engine for the whole session and hands tests its coordinates."""
import os
import signal
import subprocess
import time
from dataclasses import dataclass

import boto3
import pytest
from botocore.config import Config

ACCESS_KEY = "AKIDLOCALDATAAPI"
SECRET_KEY = "local-data-api-secret-key"
REGION = "us-east-1"


@dataclass
class Endpoint:
    engine: str
    url: str
    resource_arn: str
    secret_arn: str
    database: str

    def client(self, secret_key=SECRET_KEY):
        return boto3.client(
            "rds-data",
            endpoint_url=self.url,
            region_name=REGION,
            aws_access_key_id=ACCESS_KEY,
            aws_secret_access_key=secret_key,
            config=Config(retries={"max_attempts": 1}),
        )

    def cli_env(self):
        env = dict(os.environ)
        env.update(
            AWS_ACCESS_KEY_ID=ACCESS_KEY,
            AWS_SECRET_ACCESS_KEY=SECRET_KEY,
            AWS_DEFAULT_REGION=REGION,
            AWS_PAGER="",
        )
        env.pop("AWS_PROFILE", None)
        env.pop("AWS_SESSION_TOKEN", None)
        return env


def _start(engine):
    binary = os.environ.get("AURORA_DATA_LOCAL", ".build/debug/aurora-data-local")
    process = subprocess.Popen(
        [binary, "--engine", engine, "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    fields = {}
    deadline = time.monotonic() + 120
    for line in process.stdout:
        text = line.strip()
        if text == "ready":
            break
        key, _, value = text.partition(":")
        fields.setdefault(key.strip(), value.strip())
        if time.monotonic() > deadline:
            break
    if "endpoint" not in fields or process.poll() is not None:
        process.kill()
        raise RuntimeError(f"aurora-data-local did not start: {process.stderr.read()}")
    endpoint = Endpoint(
        engine=engine,
        url=fields["endpoint"],
        resource_arn=fields["resourceArn"],
        secret_arn=fields["secretArn"],
        database=fields["database"],
    )
    return process, endpoint


@pytest.fixture(scope="session", params=["postgresql", "mysql"])
def endpoint(request):
    process, endpoint = _start(request.param)
    yield endpoint
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
    assert process.returncode == 0, process.stderr.read()
