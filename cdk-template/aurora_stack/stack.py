"""The stack: Aurora Serverless v2 (Data API, scale to zero), the schema migration custom resource, the posts API.

Nothing here knows about an emulator: the local deploy (scripts/deploy_local.py) synthesizes this same stack
with other context values (shorter timeouts) and points the functions at a local Data API endpoint through the
standard `AWS_ENDPOINT_URL_RDS_DATA` variable in the emulator's own environment.
"""
from __future__ import annotations

import json
from typing import Optional

import jsii
from aws_cdk import (
    Acknowledgment,
    CfnOutput,
    CfnResource,
    CustomResource,
    Duration,
    RemovalPolicy,
    Stack,
    Validations,
)
from aws_cdk import aws_apigateway as apigw
from aws_cdk import aws_apigatewayv2 as apigwv2
from aws_cdk import aws_apigatewayv2_integrations as integrations
from aws_cdk import aws_ec2 as ec2
from aws_cdk import aws_iam as iam
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_logs as logs
from aws_cdk import aws_rds as rds
from constructs import Construct

from . import names
from .config import Contract, LambdaPackage, StackSettings

# Engine versions that support both a minimum capacity of 0 (auto-pause) and the Data API on Serverless v2.
ENGINE_VERSIONS = {
    "postgresql": rds.DatabaseClusterEngine.aurora_postgres(version=rds.AuroraPostgresEngineVersion.VER_16_8),
    "mysql": rds.DatabaseClusterEngine.aurora_mysql(version=rds.AuroraMysqlEngineVersion.VER_3_08_0),
}

# The admin user CDK picks for each engine when it generates the credentials (kept for a named secret too).
ADMIN_USERNAMES = {"postgresql": "postgres", "mysql": "admin"}

REMOVAL_POLICIES = {
    "snapshot": RemovalPolicy.SNAPSHOT,
    "retain": RemovalPolicy.RETAIN,
    "destroy": RemovalPolicy.DESTROY,
}

LOG_RETENTION = logs.RetentionDays.ONE_MONTH

SECRET_LOGICAL_ID = "Secret"

# Every Data API operation the client library uses (ExecuteSql is the retired Serverless v1 call).
DATA_API_ACTIONS = [
    "rds-data:BatchExecuteStatement",
    "rds-data:BeginTransaction",
    "rds-data:CommitTransaction",
    "rds-data:ExecuteStatement",
    "rds-data:RollbackTransaction",
]


@jsii.implements(apigwv2.IAccessLogSettings)
class _AccessLogs:
    """HTTP API access logs as one JSON object per request (the L2 takes this interface, not a struct)."""

    def __init__(self, log_group: logs.ILogGroup) -> None:
        self._destination = apigwv2.LogGroupLogDestination(log_group)

    @property
    def destination(self) -> apigwv2.IAccessLogDestination:
        return self._destination

    @property
    def format(self) -> apigw.AccessLogFormat:
        # HTTP API context variables ($context.resourcePath and friends are REST API only).
        fields = {
            "requestId": "$context.requestId",
            "ip": "$context.identity.sourceIp",
            "requestTime": "$context.requestTime",
            "routeKey": "$context.routeKey",
            "status": "$context.status",
            "protocol": "$context.protocol",
            "responseLength": "$context.responseLength",
            "integrationError": "$context.integrationErrorMessage",
        }
        return apigw.AccessLogFormat.custom(json.dumps(fields))


class AuroraDataStack(Stack):
    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        package: LambdaPackage,
        settings: Optional[StackSettings] = None,
        contract: Optional[Contract] = None,
        **kwargs,
    ) -> None:
        super().__init__(scope, construct_id, **kwargs)
        names.check_stack_name(self.stack_name)
        self.contract = contract or Contract.load()
        self.settings = settings or StackSettings.from_context(self.node.try_get_context)
        self.package = package
        s, c = self.settings, self.contract

        # Network: isolated subnets only. Nothing reaches the cluster over the network; clients (the functions
        # included) use the Data API over HTTPS, so there is no NAT gateway, no public subnet, no VPC endpoint.
        self.vpc = ec2.Vpc(
            self, "Vpc",
            max_azs=2,
            nat_gateways=0,
            subnet_configuration=[ec2.SubnetConfiguration(
                name="isolated", subnet_type=ec2.SubnetType.PRIVATE_ISOLATED, cidr_mask=24)],
        )

        # Aurora Serverless v2 with the Data API. The admin password is generated into a Secrets Manager secret.
        # The Data API takes cluster and secret ARNs of at most 100 characters, so both are named from the stack
        # name within that (aurora_stack/names.py), except in the stack named AuroraData: it keeps the names
        # CloudFormation generated when that was the app's only stack name (renaming would replace both).
        engine = ENGINE_VERSIONS[s.engine]
        named = self.stack_name != names.LEGACY_STACK_NAME
        self.cluster = rds.DatabaseCluster(
            self, "Cluster",
            engine=engine,
            cluster_identifier=names.cluster_identifier(self.stack_name) if named else None,
            credentials=rds.Credentials.from_generated_secret(
                ADMIN_USERNAMES[s.engine], secret_name=names.secret_name(self.stack_name)) if named else None,
            writer=rds.ClusterInstance.serverless_v2("Writer"),
            serverless_v2_min_capacity=s.min_capacity,
            serverless_v2_max_capacity=s.max_capacity,
            serverless_v2_auto_pause_duration=Duration.seconds(s.seconds_until_auto_pause),
            enable_data_api=True,
            default_database_name=s.database,
            vpc=self.vpc,
            vpc_subnets=ec2.SubnetSelection(subnet_type=ec2.SubnetType.PRIVATE_ISOLATED),
            storage_encrypted=True,
            deletion_protection=s.deletion_protection,
            removal_policy=REMOVAL_POLICIES[s.removal_policy],
            backup=rds.BackupProps(retention=Duration.days(7)),
        )
        assert self.cluster.secret is not None  # generated because no credentials were given
        self.secret = self.cluster.secret
        # The secret's logical id stays `Secret` (CDK would call it ClusterSecret<hash>): the stack named AuroraData
        # was deployed with it, and a new logical id would replace the secret.
        # (self.secret is the attachment to the cluster; the secret itself is the cluster's child "Secret".)
        secret_resource = self.cluster.node.find_child("Secret").node.default_child
        assert isinstance(secret_resource, CfnResource)
        secret_resource.override_logical_id(SECRET_LOGICAL_ID)

        # Both functions get the same connection settings; the names come from lambda_contract.json.
        # AURORA_SCHEMA_DIR stays unset (the code uses schema/ beside the executable); AURORA_ALLOW_RESET too.
        env = c.environment
        environment = {
            env["resourceArn"]: self.cluster.cluster_arn,
            env["secretArn"]: self.secret.secret_arn,
            env["database"]: s.database,
            env["engine"]: s.engine,
        }
        code = lambda_.Code.from_asset(str(package.zip_path))
        architecture = lambda_.Architecture.ARM_64 if package.architecture == "arm64" else lambda_.Architecture.X86_64

        def function(name: str, handler: str, timeout: int, description: str, **extra) -> lambda_.Function:
            # An explicit log group (retention, no CreateLogGroup permission needed) and a role that may only
            # write to it: no AWS managed policy.
            log_group = logs.LogGroup(self, f"{name}Logs", retention=LOG_RETENTION)
            role = iam.Role(self, f"{name}Role", assumed_by=iam.ServicePrincipal("lambda.amazonaws.com"),
                            description=f"{name} function of {construct_id}")
            log_group.grant_write(role)
            fn = lambda_.Function(
                self, name,
                description=description,
                runtime=lambda_.Runtime.PROVIDED_AL2023,
                architecture=architecture,
                handler=c.handler(handler),
                code=code,
                timeout=Duration.seconds(timeout),
                memory_size=256,
                environment=environment,
                role=role,
                log_group=log_group,
                logging_format=lambda_.LoggingFormat.JSON,
                **extra,
            )
            self._grant_data_api(fn)
            return fn

        # The migrate function runs the schema scripts for the custom resource. CloudFormation invokes it
        # asynchronously: no automatic retry, so a failed migration is answered once (FAILED) and not re-run.
        self.migrate_function = function(
            "MigrateFunction", "migrate", s.migrate_timeout,
            "Applies the bundled schema scripts (Custom::SchemaMigration)", retry_attempts=0)
        # The posts function answers the HTTP API; 30 s is the HTTP API integration's maximum.
        self.posts_function = function("PostsFunction", "posts", 30, "The posts HTTP API")

        # The migration: any change of the scripts changes ScriptsHash, so CloudFormation sends Update and the
        # function applies the new versions. The hash is computed by `aurora-data migrate hash` at packaging.
        self.migration = CustomResource(
            self, "SchemaMigration",
            service_token=self.migrate_function.function_arn,
            resource_type=c.custom_resource_type,
            service_timeout=Duration.seconds(s.service_timeout),
            properties={c.hash_property: package.scripts_hash},
        )
        # The Data API answers only once the writer instance exists (the cluster alone is not enough).
        self.migration.node.add_dependency(self.cluster.node.find_child("Writer"))

        self.api, self.stage = self._http_api()

        CfnOutput(self, "ApiUrl", value=self.stage.url, description="Base URL of the posts API")
        CfnOutput(self, "ClusterArn", value=self.cluster.cluster_arn, description="AURORA_RESOURCE_ARN")
        CfnOutput(self, "SecretArn", value=self.secret.secret_arn, description="AURORA_SECRET_ARN")
        CfnOutput(self, "DatabaseName", value=s.database, description="AURORA_DATABASE")
        CfnOutput(self, "AppliedVersion", value=self.migration.get_att_string("AppliedVersion"),
                  description="Schema version applied by the last migration")

        self._acknowledge_findings()

    def _grant_data_api(self, fn: lambda_.Function) -> None:
        """Data API calls on this cluster only, and reading this cluster's secret only.

        Written out rather than `cluster.grant_data_api_access(fn)`, which also grants
        secretsmanager:DescribeSecret; the Data API needs only GetSecretValue from the caller.
        """
        fn.add_to_role_policy(iam.PolicyStatement(actions=DATA_API_ACTIONS, resources=[self.cluster.cluster_arn]))
        fn.add_to_role_policy(iam.PolicyStatement(actions=["secretsmanager:GetSecretValue"],
                                                  resources=[self.secret.secret_arn]))

    def _http_api(self) -> tuple[apigwv2.HttpApi, apigwv2.HttpStage]:
        s, c = self.settings, self.contract
        cors = None
        if s.cors_origins:
            cors = apigwv2.CorsPreflightOptions(
                allow_origins=list(s.cors_origins),
                allow_methods=[apigwv2.CorsHttpMethod.GET, apigwv2.CorsHttpMethod.POST],
                allow_headers=["content-type"],
                max_age=Duration.hours(1),
            )
        # The default stage is created below, to set throttling and access logs on it.
        # Named after the stack, so that two stacks' APIs are told apart (renaming an API does not replace it).
        api = apigwv2.HttpApi(self, "Api", api_name=names.api_name(self.stack_name),
                              description="aurora-data posts API", create_default_stage=False, cors_preflight=cors)
        integration = integrations.HttpLambdaIntegration(
            "PostsIntegration", self.posts_function, payload_format_version=apigwv2.PayloadFormatVersion.VERSION_2_0)
        for route in c.routes:
            method, path = route.split(" ", 1)
            api.add_routes(path=path, methods=[apigwv2.HttpMethod(method)], integration=integration)
        access_logs = logs.LogGroup(self, "ApiAccessLogs", retention=LOG_RETENTION)
        stage = apigwv2.HttpStage(
            self, "DefaultStage",
            http_api=api,
            stage_name="$default",
            auto_deploy=True,
            throttle=apigwv2.ThrottleSettings(rate_limit=s.throttle_rate_limit, burst_limit=s.throttle_burst_limit),
            access_log_settings=_AccessLogs(access_logs),
        )
        return api, stage

    def _acknowledge_findings(self) -> None:
        """cdk-nag (AwsSolutions) findings accepted on purpose, each with its reason."""
        rules = [
            ("AwsSolutions-VPC7",
             "No flow logs: the VPC holds only the Aurora cluster, whose security group admits no traffic; every "
             "client, the functions included, reaches it through the Data API over HTTPS, outside the VPC."),
            ("AwsSolutions-SMG4",
             "No automatic rotation of the admin secret: a rotation function needs network access to the cluster "
             "and to Secrets Manager (NAT or interface endpoints), which this isolated, NAT-free VPC leaves out. "
             "Add cluster.add_rotation_single_user() with a Secrets Manager endpoint if your policy requires it."),
            ("AwsSolutions-RDS6",
             "No IAM database authentication: the Data API authenticates with the Secrets Manager secret, "
             "and access is controlled by IAM on rds-data and on that secret."),
            ("AwsSolutions-APIG4",
             "The posts API is the example's public endpoint, without authorization; put an authorizer "
             "(IAM, JWT or Lambda) on the routes before storing anything private."),
        ]
        if self.settings.engine == "mysql":
            # Raised for Aurora MySQL only.
            rules += [
                ("AwsSolutions-RDS11",
                 "Default port kept: no client connects to it. The security group admits no traffic and every "
                 "access goes through the Data API, so a non-default port would hide nothing."),
                ("AwsSolutions-RDS14",
                 "No Backtrack: recovery relies on the 7-day automated backups (point-in-time restore); Backtrack "
                 "bills for every change record it keeps, also while the cluster is paused at 0 ACU."),
            ]
        if not self.settings.deletion_protection:
            rules.append(("AwsSolutions-RDS10",
                          "Deletion protection was turned off with the context value deletion_protection=false "
                          "(a development stack, or before destroying the stack on purpose)."))
        Validations.of(self).acknowledge(*[Acknowledgment(id=rule, reason=reason) for rule, reason in rules])
