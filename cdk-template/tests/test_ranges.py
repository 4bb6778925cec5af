"""Ranges the services enforce but cfn-lint does not check: in the template, and refused at synth."""
from __future__ import annotations

import pytest

from aurora_stack.config import ConfigError, LambdaPackage, StackSettings, Contract
from conftest import ENGINES, function_by_handler, only

# The local deploy's context (scripts/deploy_local.py) must pass the same checks.
LOCAL = {"migrate_timeout": 50, "service_timeout": 60}
CONTEXTS = [{"engine": e} for e in ENGINES] + [{"engine": e, **LOCAL} for e in ENGINES] + [
    {"min_capacity": 0.5, "max_capacity": 256, "seconds_until_auto_pause": 86400}]


@pytest.mark.parametrize("context", CONTEXTS, ids=lambda c: ",".join(f"{k}={v}" for k, v in c.items()))
def test_template_ranges(synth, context):
    template = synth(context)
    scaling = only(template, "AWS::RDS::DBCluster")[1]["Properties"]["ServerlessV2ScalingConfiguration"]
    assert 0 <= scaling["MinCapacity"] <= scaling["MaxCapacity"] <= 256
    assert scaling["MaxCapacity"] >= 1
    assert 300 <= scaling["SecondsUntilAutoPause"] <= 86400
    service_timeout = int(template["Resources"]["SchemaMigration"]["Properties"]["ServiceTimeout"])
    migrate_timeout = function_by_handler(template, "migrate")[1]["Properties"]["Timeout"]
    assert 1 <= service_timeout <= 3600
    assert service_timeout >= migrate_timeout
    assert migrate_timeout <= 900


@pytest.mark.parametrize("context, message", [
    ({"engine": "oracle"}, "'engine' must be one of"),
    ({"min_capacity": -1}, "'min_capacity' must be between 0 and 256"),
    ({"max_capacity": 512}, "'max_capacity' must be between"),
    ({"max_capacity": 0.5}, "'max_capacity' must be between 1 and 256"),
    ({"max_capacity": 2.25}, "multiple of 0.5"),
    ({"min_capacity": 4, "max_capacity": 2}, "must not exceed"),
    ({"seconds_until_auto_pause": 100}, "between 300 and 86400"),
    ({"seconds_until_auto_pause": "ten"}, "whole number"),
    ({"service_timeout": 7200}, "'service_timeout' must be between 1 and 3600"),
    ({"service_timeout": 300}, "must cover the migrate function's timeout"),
    ({"migrate_timeout": 901, "service_timeout": 1000}, "'migrate_timeout' must be between 1 and 900"),
    ({"deletion_protection": "maybe"}, "true or false"),
    ({"removal_policy": "keep"}, "'removal_policy' must be one of"),
    ({"database": "my-db"}, "'database' must start with a letter"),
    ({"cors_origins": "example.com"}, "is not an origin"),
])
def test_bad_context_is_refused(context, message):
    with pytest.raises(ConfigError, match=message):
        StackSettings.from_context(context.get)


def test_context_strings_from_the_cli():
    """`cdk -c key=value` passes strings."""
    settings = StackSettings.from_context({"max_capacity": "8", "seconds_until_auto_pause": "3600",
                                           "deletion_protection": "false", "engine": "MySQL"}.get)
    assert (settings.max_capacity, settings.seconds_until_auto_pause) == (8, 3600)
    assert settings.deletion_protection is False
    assert settings.engine == "mysql"


def test_defaults_are_safe():
    settings = StackSettings.from_context({}.get)
    assert settings.deletion_protection is True
    assert settings.removal_policy == "snapshot"
    assert settings.min_capacity == 0 and settings.seconds_until_auto_pause == 300
    assert settings.cors_origins == ()


def test_missing_package_says_what_to_run(tmp_path):
    with pytest.raises(ConfigError, match=r"aurora-data-lambda\.zip is missing; run `bash scripts/package-lambda\.sh`"):
        LambdaPackage.load(tmp_path, Contract.load())


@pytest.mark.parametrize("name, content, message", [
    ("scripts-hash", "not-a-hash", "SHA-256 hex"),
    ("architecture", "aarch64", "must be one of"),
])
def test_bad_package_files(tmp_path, name, content, message):
    from conftest import make_package
    directory = make_package(tmp_path / "pkg")
    (directory / name).write_text(content + "\n")
    with pytest.raises(ConfigError, match=message):
        LambdaPackage.load(directory, Contract.load())
