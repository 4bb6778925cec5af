"""The stack name is the user's: the rule for the names derived from it, and several stacks side by side."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import aws_cdk as cdk
import botocore
import pytest
from aws_cdk.assertions import Template

import app as cdk_app
from aurora_stack import names
from aurora_stack.config import ConfigError, Contract, LambdaPackage
from aurora_stack.stack import AuroraDataStack
from conftest import ENGINES, make_package, only, resources

TEMPLATE_DIR = Path(__file__).resolve().parent.parent
ACCOUNT = "123456789012"
SHORTEST = "a"
LONGEST = "L" + "ong-stack-name-" * 8 + "x" * 7  # 128 characters
FORTY = "team-blog-production-eu-central-1-stack"  # 39 + 1 below
NAMES = [SHORTEST, "B", "blog-dev", "AuroraDataProduction", "blog-prod-" + "x" * 8, "blog-prod-" + "x" * 9,
         FORTY + "s", "Blog--Prod-", "a-" * 64, LONGEST]


def make_stack(app: cdk.App, package_dir: Path, stack_name: str) -> AuroraDataStack:
    contract = Contract.load()
    return AuroraDataStack(app, stack_name, stack_name=stack_name, package=LambdaPackage.load(package_dir, contract),
                           contract=contract)


def synth_named(package_dir: Path, stack_name: str, engine: str = "postgresql") -> dict:
    return Template.from_stack(make_stack(cdk.App(context={"engine": engine}), package_dir, stack_name)).to_json()


def physical_names(template: dict) -> tuple[str, str]:
    """(secret name, cluster identifier) as the template sets them."""
    _, secret = only(template, "AWS::SecretsManager::Secret")
    _, cluster = only(template, "AWS::RDS::DBCluster")
    return secret["Properties"]["Name"], cluster["Properties"]["DBClusterIdentifier"]


def test_lengths_of_the_longest_stack_name():
    assert len(LONGEST) == names.STACK_NAME_MAX
    assert len(FORTY + "s") == 40
    assert (names.SECRET_NAME_MAX, names.CLUSTER_IDENTIFIER_MAX) == (27, 44)


def test_the_region_table_covers_every_partition_of_botocore():
    """A partition or a longer region in a new botocore release shows up here (the budget assumes these)."""
    endpoints = json.loads((Path(botocore.__file__).parent / "data" / "endpoints.json").read_text())
    allowance = max(map(len, names.LONGEST_REGIONS)) + max(map(len, names.LONGEST_REGIONS.values()))
    for partition in endpoints["partitions"]:
        name, regions = partition["partition"], list(partition["regions"])
        assert name in names.LONGEST_REGIONS, f"partition {name} is not in names.LONGEST_REGIONS"
        assert max(map(len, regions)) <= len(names.LONGEST_REGIONS[name]), (name, regions)
        assert len(name) + max(map(len, regions)) <= allowance


@pytest.mark.parametrize("partition", names.LONGEST_REGIONS)
@pytest.mark.parametrize("stack_name", NAMES)
def test_arns_fit_the_data_api_in_every_partition(partition, stack_name):
    region = names.LONGEST_REGIONS[partition]
    secret = names.secret_arn(partition, region, ACCOUNT, names.secret_name(stack_name))
    cluster = names.cluster_arn(partition, region, ACCOUNT, names.cluster_identifier(stack_name))
    assert len(secret) <= names.DATA_API_ARN_LIMIT, secret
    assert len(cluster) <= names.DATA_API_ARN_LIMIT, cluster
    # The worst case in each: the longest partition with the longest region, together.
    worst = ("aws-us-gov", "us-isof-south-1")
    assert len(names.secret_arn(*worst, ACCOUNT, names.secret_name(stack_name))) <= names.DATA_API_ARN_LIMIT
    assert len(names.cluster_arn(*worst, ACCOUNT, names.cluster_identifier(stack_name))) <= names.DATA_API_ARN_LIMIT


@pytest.mark.parametrize("stack_name", NAMES)
def test_names_follow_the_services_rules(stack_name):
    secret, cluster = names.secret_name(stack_name), names.cluster_identifier(stack_name)
    # Secrets Manager: letters, digits and /_+=.@-; never `-` and 6 characters at the end (its own suffix's form).
    assert re.fullmatch(r"[A-Za-z0-9/_+=.@-]{1,512}", secret)
    assert not re.search(r"-[^-]{6}$", secret)
    assert secret.endswith(names.SECRET_NAME_SUFFIX)
    # RDS: a letter first, letters, digits and single hyphens, no hyphen at the end; stored in lower case.
    assert re.fullmatch(r"[a-z](-?[a-z0-9])*", cluster), cluster
    # A short, plain name is kept whole; a long one keeps its beginning.
    if len(stack_name) <= names.SECRET_NAME_MAX - len(names.SECRET_NAME_SUFFIX):
        assert secret == stack_name + names.SECRET_NAME_SUFFIX
    else:
        assert secret.startswith(stack_name[:5]) and re.search(r"-[0-9a-f]{8}-db-admin$", secret)
    if stack_name == stack_name.lower() and "--" not in stack_name and not stack_name.endswith("-") \
            and len(stack_name) <= names.CLUSTER_IDENTIFIER_MAX:
        assert cluster == stack_name


def test_shortened_names_of_different_stacks_differ():
    a, b = "blog-production-" + "a" * 30, "blog-production-" + "b" * 30
    assert names.secret_name(a) != names.secret_name(b)
    assert names.cluster_identifier(a) != names.cluster_identifier(b)
    # RDS identifiers are case-insensitive: stacks differing in case only get two clusters.
    assert names.cluster_identifier("Blog-Prod") != names.cluster_identifier("blog-prod")
    assert names.cluster_identifier("a--b") != names.cluster_identifier("a-b")


@pytest.mark.parametrize("bad", ["", "1blog", "blog_prod", "blog.prod", "blög", "-blog", "a" * 129])
def test_invalid_stack_names_are_refused(package_dir, bad):
    with pytest.raises(ConfigError, match="stack_name"):
        cdk_app.build_app(outdir="/nonexistent", package_dir=package_dir, context={"stack_name": bad})


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("stack_name", [SHORTEST, LONGEST])
def test_template_names_the_secret_and_the_cluster(package_dir, engine, stack_name):
    template = synth_named(package_dir, stack_name, engine)
    secret, cluster = physical_names(template)
    assert secret == names.secret_name(stack_name)
    assert cluster == names.cluster_identifier(stack_name)
    # The secret is still the cluster's generated admin secret, attached to it, under the same logical id.
    _, secret_resource = only(template, "AWS::SecretsManager::Secret")
    assert list(resources(template, "AWS::SecretsManager::Secret")) == ["Secret"]
    assert json.loads(secret_resource["Properties"]["GenerateSecretString"]["SecretStringTemplate"]) == \
        {"username": {"postgresql": "postgres", "mysql": "admin"}[engine]}
    _, api = only(template, "AWS::ApiGatewayV2::Api")
    assert api["Properties"]["Name"] == names.api_name(stack_name) and len(api["Properties"]["Name"]) <= 128


# The secret of the stack named AuroraData as it was deployed before stack names were a choice (the template of
# that time): any change of its properties or logical id would replace it.
LEGACY_SECRET = {
    "Description": {"Fn::Join": ["", ["Generated by the CDK for stack: ", {"Ref": "AWS::StackName"}]]},
    "GenerateSecretString": {"ExcludeCharacters": " %+~`#$&*()|[]{}:;<>?!'/@\"\\", "GenerateStringKey": "password",
                             "PasswordLength": 30, "SecretStringTemplate": "{\"username\":\"postgres\"}"},
}


def test_the_default_stack_keeps_its_generated_names(synth):
    template = synth({"engine": "postgresql"})
    secret_id, secret = only(template, "AWS::SecretsManager::Secret")
    assert (secret_id, secret["Properties"]) == ("Secret", LEGACY_SECRET)
    _, cluster = only(template, "AWS::RDS::DBCluster")
    assert "DBClusterIdentifier" not in cluster["Properties"]
    assert cluster["Properties"]["MasterUsername"] == {
        "Fn::Join": ["", ["{{resolve:secretsmanager:", {"Ref": "Secret"}, ":SecretString:username::}}"]]}
    # CloudFormation names a secret without a Name `<logical id>-<12 random>` (Secrets Manager user guide,
    # "Create a secret with CloudFormation"): `Secret-` and 12 characters fit the budget in every partition.
    assert len("Secret-") + 12 <= names.SECRET_NAME_MAX


@pytest.mark.parametrize("stack_name", [names.LEGACY_STACK_NAME, SHORTEST, LONGEST])
def test_names_stay_the_same_across_an_update(tmp_path, stack_name):
    """A new script (new hash, new zip) and a second synthesis change neither the secret nor the cluster."""
    first = synth_named(make_package(tmp_path / "v1", scripts_hash="1" * 64), stack_name)
    package = make_package(tmp_path / "v2", scripts_hash="2" * 64)
    (package / "aurora-data-lambda.zip").write_bytes((package / "aurora-data-lambda.zip").read_bytes() + b"\0")
    second = synth_named(package, stack_name)
    assert first["Resources"]["SchemaMigration"] != second["Resources"]["SchemaMigration"]  # an update indeed
    for kind in ("AWS::SecretsManager::Secret", "AWS::RDS::DBCluster", "AWS::SecretsManager::SecretTargetAttachment",
                 "AWS::RDS::DBInstance"):
        assert resources(first, kind) == resources(second, kind), kind


def test_two_stacks_side_by_side(package_dir, tmp_path):
    """Two stacks of the app in one account and region: no name they set is the same, and nothing is exported."""
    app = cdk.App(outdir=str(tmp_path), context={"engine": "postgresql"})
    stacks = [make_stack(app, package_dir, name) for name in ("blog-dev", FORTY + "s")]
    app.synth()
    templates = {stack.stack_name: Template.from_stack(stack).to_json() for stack in stacks}
    assert sorted(p.name for p in tmp_path.glob("*.template.json")) == ["blog-dev.template.json",
                                                                      f"{FORTY}s.template.json"]
    dev, other = templates.values()
    assert physical_names(dev) != physical_names(other)
    assert set(physical_names(dev)).isdisjoint(physical_names(other))
    assert only(dev, "AWS::ApiGatewayV2::Api")[1]["Properties"]["Name"] != \
        only(other, "AWS::ApiGatewayV2::Api")[1]["Properties"]["Name"]
    for template in templates.values():
        assert all("Export" not in output for output in template["Outputs"].values())
        # Log groups, roles and functions take CloudFormation's generated names (stack name + random).
        for kind, prop in (("AWS::Logs::LogGroup", "LogGroupName"), ("AWS::IAM::Role", "RoleName"),
                           ("AWS::Lambda::Function", "FunctionName"), ("AWS::RDS::DBInstance", "DBInstanceIdentifier"),
                           ("AWS::EC2::SecurityGroup", "GroupName")):
            assert all(prop not in r["Properties"] for r in resources(template, kind).values()), kind


def test_app_py_takes_the_stack_name_from_the_context(package_dir, tmp_path):
    """`cdk deploy -c stack_name=…` as the CDK CLI hands it to `python3 app.py` (CDK_CONTEXT_JSON)."""
    env = dict(os.environ, CDK_OUTDIR=str(tmp_path), AURORA_LAMBDA_PACKAGE=str(package_dir),
               CDK_CONTEXT_JSON=json.dumps({"stack_name": "blog-prod"}))
    result = subprocess.run([sys.executable, "app.py"], cwd=TEMPLATE_DIR, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    template = json.loads((tmp_path / "blog-prod.template.json").read_text())
    assert physical_names(template) == ("blog-prod-db-admin", "blog-prod")
    manifest = json.loads((tmp_path / "manifest.json").read_text())
    assert manifest["artifacts"]["blog-prod"]["properties"].get("stackName", "blog-prod") == "blog-prod"

    env["CDK_CONTEXT_JSON"] = json.dumps({"stack_name": "blog_prod"})
    result = subprocess.run([sys.executable, "app.py"], cwd=TEMPLATE_DIR, env=env, capture_output=True, text=True)
    assert result.returncode == 1 and "stack_name" in result.stderr and "Traceback" not in result.stderr
