"""Assertions on the synthesized template, for both engines."""
from __future__ import annotations

import pytest

from conftest import ENGINES, FAKE_HASH, function_by_handler, make_package, only, resources, synth_template

ENGINE_VERSIONS = {"postgresql": ("aurora-postgresql", "16.8"), "mysql": ("aurora-mysql", "8.0.mysql_aurora.3.08.0")}
DATA_API_ACTIONS = sorted([
    "rds-data:BatchExecuteStatement",
    "rds-data:BeginTransaction",
    "rds-data:CommitTransaction",
    "rds-data:ExecuteStatement",
    "rds-data:RollbackTransaction",
])


def cluster_ref(template):
    logical_id, _ = only(template, "AWS::RDS::DBCluster")
    return {"Ref": logical_id}


def cluster_arn(template):
    """How the template spells the cluster's ARN (the cluster has no ARN attribute in CloudFormation)."""
    return {"Fn::Join": ["", ["arn:", {"Ref": "AWS::Partition"}, ":rds:", {"Ref": "AWS::Region"}, ":",
                              {"Ref": "AWS::AccountId"}, ":cluster:", cluster_ref(template)]]}


def secret_arn(template):
    # The attachment's Ref is the secret's ARN once the cluster's connection details are in it.
    logical_id, _ = only(template, "AWS::SecretsManager::SecretTargetAttachment")
    return {"Ref": logical_id}


@pytest.mark.parametrize("engine", ENGINES)
def test_cluster(synth, engine):
    template = synth({"engine": engine})
    _, cluster = only(template, "AWS::RDS::DBCluster")
    props = cluster["Properties"]
    assert (props["Engine"], props["EngineVersion"]) == ENGINE_VERSIONS[engine]
    assert props["EnableHttpEndpoint"] is True
    assert props["ServerlessV2ScalingConfiguration"] == {"MinCapacity": 0, "MaxCapacity": 2,
                                                         "SecondsUntilAutoPause": 300}
    assert props["StorageEncrypted"] is True
    assert props["DeletionProtection"] is True
    assert props["DatabaseName"] == "blog"
    assert cluster["DeletionPolicy"] == cluster["UpdateReplacePolicy"] == "Snapshot"
    assert "EngineMode" not in props or props["EngineMode"] == "provisioned"  # Serverless v2, not v1
    # The credentials come from the generated secret.
    _, secret = only(template, "AWS::SecretsManager::Secret")
    assert "GenerateSecretString" in secret["Properties"]
    assert "resolve:secretsmanager" in str(props["MasterUserPassword"])
    # One writer, a Serverless v2 instance.
    _, writer = only(template, "AWS::RDS::DBInstance")
    assert writer["Properties"]["DBInstanceClass"] == "db.serverless"
    assert writer["Properties"]["DBClusterIdentifier"] == cluster_ref(template)


def test_engine_and_context_values(synth):
    props = only(synth({"engine": "mysql", "database": "shop", "max_capacity": "4", "seconds_until_auto_pause": 600,
                        "deletion_protection": "false", "removal_policy": "retain"}),
                 "AWS::RDS::DBCluster")[1]
    assert props["Properties"]["Engine"] == "aurora-mysql"
    assert props["Properties"]["DatabaseName"] == "shop"
    assert props["Properties"]["ServerlessV2ScalingConfiguration"] == {"MinCapacity": 0, "MaxCapacity": 4,
                                                                       "SecondsUntilAutoPause": 600}
    assert props["Properties"]["DeletionProtection"] is False
    assert props["DeletionPolicy"] == "Retain"


@pytest.mark.parametrize("engine", ENGINES)
def test_network_is_isolated(synth, engine):
    template = synth({"engine": engine})
    for forbidden in ("AWS::EC2::NatGateway", "AWS::EC2::InternetGateway", "AWS::EC2::EIP", "AWS::EC2::Route",
                      "AWS::EC2::VPCEndpoint"):
        assert resources(template, forbidden) == {}, forbidden
    subnets = resources(template, "AWS::EC2::Subnet")
    assert len(subnets) == 2
    assert all(s["Properties"]["MapPublicIpOnLaunch"] is False for s in subnets.values())
    # The cluster's security group admits nothing.
    _, group = only(template, "AWS::EC2::SecurityGroup")
    assert "SecurityGroupIngress" not in group["Properties"]
    assert resources(template, "AWS::EC2::SecurityGroupIngress") == {}


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("handler, timeout", [("migrate", 600), ("posts", 30)])
def test_functions(synth, engine, handler, timeout):
    template = synth({"engine": engine})
    logical_id, fn = function_by_handler(template, handler)
    props = fn["Properties"]
    assert props["Runtime"] == "provided.al2023"
    assert props["Architectures"] == ["x86_64"]
    assert props["Timeout"] == timeout
    assert props["MemorySize"] == 256
    assert "VpcConfig" not in props
    assert props["Environment"]["Variables"] == {
        "AURORA_RESOURCE_ARN": cluster_arn(template),
        "AURORA_SECRET_ARN": secret_arn(template),
        "AURORA_DATABASE": "blog",
        "AURORA_ENGINE": engine,
    }
    # Code from the asset bucket (the packaged zip).
    assert props["Code"]["S3Key"].endswith(".zip")
    # JSON logs into an explicit log group with a retention.
    assert props["LoggingConfig"]["LogFormat"] == "JSON"
    group_id = props["LoggingConfig"]["LogGroup"]["Ref"]
    assert template["Resources"][group_id]["Properties"]["RetentionInDays"] == 30
    # Retries: none for the migration (CloudFormation invokes it asynchronously).
    configs = [c["Properties"] for c in resources(template, "AWS::Lambda::EventInvokeConfig").values()
               if c["Properties"]["FunctionName"] == {"Ref": logical_id}]
    if handler == "migrate":
        assert configs == [{"FunctionName": {"Ref": logical_id}, "MaximumRetryAttempts": 0, "Qualifier": "$LATEST"}]
    else:
        assert configs == []


def test_architecture_follows_the_package(tmp_path):
    template = synth_template(make_package(tmp_path / "arm", architecture="arm64"))
    for fn in resources(template, "AWS::Lambda::Function").values():
        assert fn["Properties"]["Architectures"] == ["arm64"]


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("handler", ["migrate", "posts"])
def test_least_privilege(synth, engine, handler):
    template = synth({"engine": engine})
    _, fn = function_by_handler(template, handler)
    role_id = fn["Properties"]["Role"]["Fn::GetAtt"][0]
    role = template["Resources"][role_id]["Properties"]
    assert "ManagedPolicyArns" not in role  # no AWS managed policy
    assert role["AssumeRolePolicyDocument"]["Statement"] == [{
        "Action": "sts:AssumeRole", "Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}}]
    policies = [p["Properties"] for p in resources(template, "AWS::IAM::Policy").values()
                if {"Ref": role_id} in p["Properties"]["Roles"]]
    assert len(policies) == 1
    statements = policies[0]["PolicyDocument"]["Statement"]
    log_group = fn["Properties"]["LoggingConfig"]["LogGroup"]["Ref"]

    def normalized(statement):
        actions = statement["Action"]
        return (sorted(actions) if isinstance(actions, list) else [actions], statement["Resource"])

    assert all(s["Effect"] == "Allow" for s in statements)
    assert sorted(map(normalized, statements), key=str) == sorted([
        (["logs:CreateLogStream", "logs:PutLogEvents"], {"Fn::GetAtt": [log_group, "Arn"]}),
        (DATA_API_ACTIONS, cluster_arn(template)),
        (["secretsmanager:GetSecretValue"], secret_arn(template)),
    ], key=str)


@pytest.mark.parametrize("engine", ENGINES)
def test_schema_migration(synth, engine):
    template = synth({"engine": engine})
    migrate_id, migrate = function_by_handler(template, "migrate")
    found = resources(template, "Custom::SchemaMigration")
    assert list(found) == ["SchemaMigration"]
    resource = found["SchemaMigration"]
    assert resource["Properties"] == {
        "ServiceToken": {"Fn::GetAtt": [migrate_id, "Arn"]},
        "ServiceTimeout": "900",
        "ScriptsHash": FAKE_HASH,
    }
    writer_id, _ = only(template, "AWS::RDS::DBInstance")
    assert resource["DependsOn"] == [writer_id]


def test_scripts_hash_is_the_package_file(tmp_path):
    other = "0123456789abcdef" * 4
    template = synth_template(make_package(tmp_path / "pkg", scripts_hash=other))
    assert template["Resources"]["SchemaMigration"]["Properties"]["ScriptsHash"] == other
    assert (tmp_path / "pkg" / "scripts-hash").read_text().strip() == other


@pytest.mark.parametrize("engine", ENGINES)
def test_http_api(synth, engine):
    template = synth({"engine": engine})
    posts_id, _ = function_by_handler(template, "posts")
    api_id, api = only(template, "AWS::ApiGatewayV2::Api")
    assert api["Properties"]["ProtocolType"] == "HTTP"
    assert "CorsConfiguration" not in api["Properties"]
    integrations = resources(template, "AWS::ApiGatewayV2::Integration")
    assert len(integrations) == 1
    integration_id, integration = next(iter(integrations.items()))
    assert integration["Properties"]["IntegrationType"] == "AWS_PROXY"
    assert integration["Properties"]["PayloadFormatVersion"] == "2.0"
    assert integration["Properties"]["IntegrationUri"] == {"Fn::GetAtt": [posts_id, "Arn"]}
    for route in resources(template, "AWS::ApiGatewayV2::Route").values():
        assert route["Properties"]["Target"] == {"Fn::Join": ["", ["integrations/", {"Ref": integration_id}]]}
        assert route["Properties"].get("AuthorizationType", "NONE") == "NONE"
    _, stage = only(template, "AWS::ApiGatewayV2::Stage")
    assert stage["Properties"]["StageName"] == "$default"
    assert stage["Properties"]["AutoDeploy"] is True
    assert stage["Properties"]["ApiId"] == {"Ref": api_id}
    assert stage["Properties"]["DefaultRouteSettings"] == {"ThrottlingBurstLimit": 100, "ThrottlingRateLimit": 50}
    assert "$context.requestId" in stage["Properties"]["AccessLogSettings"]["Format"]
    # API Gateway may invoke the posts function, for these routes only.
    for permission in resources(template, "AWS::Lambda::Permission").values():
        assert permission["Properties"]["FunctionName"] == {"Fn::GetAtt": [posts_id, "Arn"]}
        assert permission["Properties"]["Principal"] == "apigateway.amazonaws.com"


def test_cors_from_context(synth):
    template = synth({"cors_origins": "https://blog.example.com, https://admin.example.com"})
    _, api = only(template, "AWS::ApiGatewayV2::Api")
    cors = api["Properties"]["CorsConfiguration"]
    assert cors["AllowOrigins"] == ["https://blog.example.com", "https://admin.example.com"]
    assert sorted(cors["AllowMethods"]) == ["GET", "POST"]


@pytest.mark.parametrize("engine", ENGINES)
def test_outputs(synth, engine):
    template = synth({"engine": engine})
    outputs = {k: v["Value"] for k, v in template["Outputs"].items()}
    api_id, _ = only(template, "AWS::ApiGatewayV2::Api")
    assert set(outputs) == {"ApiUrl", "ClusterArn", "SecretArn", "DatabaseName", "AppliedVersion"}
    assert {"Ref": api_id} in outputs["ApiUrl"]["Fn::Join"][1]
    assert outputs["ClusterArn"] == cluster_arn(template)
    assert outputs["SecretArn"] == secret_arn(template)
    assert outputs["DatabaseName"] == "blog"
    assert outputs["AppliedVersion"] == {"Fn::GetAtt": ["SchemaMigration", "AppliedVersion"]}


def test_cdk_bootstrap_references(synth):
    """What the deploy (cdk deploy, or scripts/deploy_local.py) must provide: the bootstrap version, the bucket."""
    template = synth()
    assert template["Parameters"]["BootstrapVersion"]["Default"] == "/cdk-bootstrap/hnb659fds/version"
    code = function_by_handler(template, "migrate")[1]["Properties"]["Code"]
    assert code["S3Bucket"] == {"Fn::Sub": "cdk-hnb659fds-assets-${AWS::AccountId}-${AWS::Region}"}
