"""The template uses exactly the names of lambda_contract.json, and reads them from that file."""
from __future__ import annotations

import dataclasses
import json

import pytest

from aurora_stack.config import CONTRACT_PATH, Contract
from conftest import ENGINES, function_by_handler, resources, synth_template


def test_contract_file_shape():
    raw = json.loads(CONTRACT_PATH.read_text())
    contract = Contract.load()
    assert contract.handlers == raw["handlers"] == ["migrate", "posts"]
    assert contract.routes == raw["routes"]
    assert contract.custom_resource_type == raw["customResource"]["type"]
    assert contract.hash_property == raw["customResource"]["hashProperty"]


@pytest.mark.parametrize("engine", ENGINES)
def test_template_matches_contract(synth, engine):
    contract = Contract.load()
    template = synth({"engine": engine})
    functions = resources(template, "AWS::Lambda::Function")
    assert sorted(f["Properties"]["Handler"] for f in functions.values()) == sorted(contract.handlers)
    env = contract.environment
    for fn in functions.values():
        names = set(fn["Properties"]["Environment"]["Variables"])
        # Production sets these four; the schema directory and the reset switch stay unset.
        assert names == {env["resourceArn"], env["secretArn"], env["database"], env["engine"]}
        assert env["schemaDir"] not in names and env["allowReset"] not in names
        assert names <= set(env.values())
    routes = sorted(r["Properties"]["RouteKey"] for r in resources(template, "AWS::ApiGatewayV2::Route").values())
    assert routes == sorted(contract.routes)
    custom = resources(template, contract.custom_resource_type)
    assert len(custom) == 1
    assert contract.hash_property in next(iter(custom.values()))["Properties"]
    # Each contract attribute is one the function returns; the stack exports AppliedVersion.
    assert "AppliedVersion" in contract.attributes
    assert template["Outputs"]["AppliedVersion"]["Value"]["Fn::GetAtt"][1] in contract.attributes


def test_stack_reads_the_contract(package_dir):
    """Another contract gives another template: nothing of it is spelled out in the stack's code."""
    contract = Contract.load()
    changed = dataclasses.replace(
        contract,
        environment={**contract.environment, "resourceArn": "X_CLUSTER_ARN", "engine": "X_ENGINE"},
        routes=[*contract.routes, "DELETE /posts/{id}"],
        custom_resource_type="Custom::OtherMigration",
        hash_property="OtherHash",
    )
    template = synth_template(package_dir, contract=changed)
    variables = function_by_handler(template, "posts")[1]["Properties"]["Environment"]["Variables"]
    assert "X_CLUSTER_ARN" in variables and "X_ENGINE" in variables
    assert "AURORA_RESOURCE_ARN" not in variables
    routes = {r["Properties"]["RouteKey"] for r in resources(template, "AWS::ApiGatewayV2::Route").values()}
    assert "DELETE /posts/{id}" in routes
    custom = resources(template, "Custom::OtherMigration")
    assert len(custom) == 1 and "OtherHash" in next(iter(custom.values()))["Properties"]
