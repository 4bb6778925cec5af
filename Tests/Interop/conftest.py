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


def start_endpoint(engine, *extra):
    """Starts `aurora-data-local --engine <engine> --port 0 <extra>`; returns (process, Endpoint, banner lines)."""
    binary = os.environ.get("AURORA_DATA_LOCAL", ".build/debug/aurora-data-local")
    process = subprocess.Popen(
        [binary, "--engine", engine, "--port", "0", *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    fields = {}
    banner = []
    deadline = time.monotonic() + 120
    for line in process.stdout:
        text = line.strip()
        banner.append(text)
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
    return process, endpoint, banner


def stop_endpoint(process, signal_number=signal.SIGTERM):
    """SIGTERM (as a supervisor stops it) or SIGINT (Ctrl-C); returns (exit status, standard output after the banner,
    standard error)."""
    process.send_signal(signal_number)
    try:
        output, errors = process.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        output, errors = process.communicate()
    return process.returncode, output, errors


@pytest.fixture(scope="session", params=["postgresql", "mysql"])
def endpoint(request):
    process, endpoint, _ = start_endpoint(request.param)
    yield endpoint
    status, output, errors = stop_endpoint(process)
    assert status == 0, errors
    # A clean stop logs no error and says it stopped.
    assert error_lines(errors) == [], errors
    assert "aurora-data-local: stopped" in output


def error_lines(log):
    """The lines of an endpoint's standard error logged at error or critical level."""
    return [line for line in log.splitlines() if " error " in line or " critical " in line or "CancellationError" in line]
