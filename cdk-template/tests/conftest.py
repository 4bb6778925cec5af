"""Shared fixtures: a fake Lambda package (no Swift build needed) and synthesized templates."""
from __future__ import annotations

import json
import os
import zipfile
from pathlib import Path
from typing import Any, Optional

os.environ.setdefault("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "20")  # before jsii starts

import aws_cdk as cdk  # noqa: E402
import pytest  # noqa: E402
from aws_cdk.assertions import Template  # noqa: E402

from aurora_stack.config import Contract, LambdaPackage  # noqa: E402
from aurora_stack.stack import AuroraDataStack  # noqa: E402

ENGINES = ["postgresql", "mysql"]
FAKE_HASH = "5e1f" * 16  # what `aurora-data migrate hash` would print (64 hex digits)


def make_package(directory: Path, architecture: str = "x86_64", scripts_hash: str = FAKE_HASH) -> Path:
    """A package directory as scripts/package-lambda.sh writes it, with a dummy bootstrap."""
    directory.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(directory / "aurora-data-lambda.zip", "w") as archive:
        entry = zipfile.ZipInfo("bootstrap")
        entry.external_attr = (0o755 | 0o100000) << 16  # an executable regular file
        archive.writestr(entry, "#!/bin/sh\nexit 1\n")
    (directory / "scripts-hash").write_text(scripts_hash + "\n")
    (directory / "architecture").write_text(architecture + "\n")
    return directory


def synth_template(package_dir: Path, context: Optional[dict[str, Any]] = None,
                   contract: Optional[Contract] = None) -> dict[str, Any]:
    """The stack's CloudFormation template as a dict (no cdk-nag: see test_checks.py for that)."""
    contract = contract or Contract.load()
    app = cdk.App(context=context or {})
    stack = AuroraDataStack(app, "AuroraData", package=LambdaPackage.load(package_dir, contract), contract=contract)
    return Template.from_stack(stack).to_json()


@pytest.fixture(scope="session")
def package_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_package(tmp_path_factory.mktemp("package"))


@pytest.fixture(scope="session")
def synth(package_dir: Path):
    """synth(context) -> template dict, cached per context for the whole session."""
    cache: dict[str, dict[str, Any]] = {}

    def get(context: Optional[dict[str, Any]] = None) -> dict[str, Any]:
        key = json.dumps(context or {}, sort_keys=True)
        if key not in cache:
            cache[key] = synth_template(package_dir, context)
        return cache[key]

    return get


def resources(template: dict[str, Any], resource_type: str) -> dict[str, dict[str, Any]]:
    return {k: v for k, v in template["Resources"].items() if v["Type"] == resource_type}


def only(template: dict[str, Any], resource_type: str) -> tuple[str, dict[str, Any]]:
    found = resources(template, resource_type)
    assert len(found) == 1, f"expected one {resource_type}, found {list(found)}"
    return next(iter(found.items()))


def function_by_handler(template: dict[str, Any], handler: str) -> tuple[str, dict[str, Any]]:
    found = [(k, v) for k, v in resources(template, "AWS::Lambda::Function").items()
             if v["Properties"]["Handler"] == handler]
    assert len(found) == 1, f"expected one function with handler {handler!r}"
    return found[0]
