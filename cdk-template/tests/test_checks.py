"""The whole app as `python3 app.py` builds it: cdk-nag (no unacknowledged finding) and cfn-lint (clean)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import app as cdk_app
from aurora_stack import stack as stack_module

TEMPLATE_DIR = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
VARIANTS = {  # name -> context
    "postgresql": {"engine": "postgresql"},
    "mysql": {"engine": "mysql"},
    "unprotected": {"engine": "mysql", "deletion_protection": False, "removal_policy": "destroy"},
    "local": {"engine": "postgresql", "migrate_timeout": 50, "service_timeout": 60},
    # A stack name of the user's (128 characters, the longest): the named secret and cluster.
    "named": {"engine": "mysql", "stack_name": "L" + "ong-stack-name-" * 8 + "x" * 7},
}


@pytest.fixture(scope="module")
def assemblies(package_dir: Path, tmp_path_factory) -> dict[str, Path]:
    """Each variant synthesized with app.build_app (cdk-nag included); synth raises on a finding."""
    outdirs = {}
    for name, context in VARIANTS.items():
        outdir = tmp_path_factory.mktemp(f"cdk.out-{name}")
        app, _ = cdk_app.build_app(outdir=str(outdir), package_dir=package_dir, context=context)
        app.synth()
        outdirs[name] = outdir
    return outdirs


@pytest.mark.parametrize("variant", VARIANTS)
def test_cdk_nag_has_no_unacknowledged_finding(assemblies, variant):
    report = json.loads((assemblies[variant] / "validation-report.json").read_text())
    failures = [r for r in report["pluginReports"] if r.get("conclusion") != "success" or r.get("violations")]
    assert failures == []


def test_cdk_nag_is_active(package_dir, tmp_path, monkeypatch):
    """Without the acknowledgements, synth fails: the checks run, and every acknowledgement is needed."""
    monkeypatch.setattr(stack_module.AuroraDataStack, "_acknowledge_findings", lambda self: None)
    app, _ = cdk_app.build_app(outdir=str(tmp_path), package_dir=package_dir, context={"engine": "mysql"})
    with pytest.raises(Exception, match="ValidationFailed"):
        app.synth()
    report = json.loads((tmp_path / "validation-report.json").read_text())
    rules = {v["ruleName"] for r in report["pluginReports"] for v in r["violations"]}
    assert rules == {"AwsSolutions-VPC7", "AwsSolutions-SMG4", "AwsSolutions-RDS6", "AwsSolutions-RDS11",
                     "AwsSolutions-RDS14", "AwsSolutions-APIG4"}


@pytest.mark.parametrize("variant", VARIANTS)
def test_cfn_lint_is_clean(assemblies, variant):
    # Run from cdk-template/ so that .cfnlintrc.yaml (the one list of ignored rules) applies.
    stack_name = VARIANTS[variant].get("stack_name", cdk_app.STACK_NAME)
    template = assemblies[variant] / f"{stack_name}.template.json"
    result = subprocess.run([str(VENV_BIN / "cfn-lint"), "--", str(template)], cwd=TEMPLATE_DIR,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_app_py_synthesizes_with_cdk_context_json(package_dir, tmp_path):
    """`python3 app.py` as the CDK CLI runs it: CDK_OUTDIR, and context in CDK_CONTEXT_JSON (read by cdk.App)."""
    env = dict(os.environ, CDK_OUTDIR=str(tmp_path), AURORA_LAMBDA_PACKAGE=str(package_dir),
               CDK_CONTEXT_JSON=json.dumps({"engine": "mysql", "max_capacity": 4}))
    result = subprocess.run([sys.executable, "app.py"], cwd=TEMPLATE_DIR, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    template = json.loads((tmp_path / "AuroraData.template.json").read_text())
    cluster = next(r for r in template["Resources"].values() if r["Type"] == "AWS::RDS::DBCluster")
    assert cluster["Properties"]["Engine"] == "aurora-mysql"
    assert cluster["Properties"]["ServerlessV2ScalingConfiguration"]["MaxCapacity"] == 4
    assert list(tmp_path.glob("asset.*.zip")), "the Lambda zip is staged as a file asset"


def test_app_py_without_package_fails_clearly(tmp_path):
    env = dict(os.environ, CDK_OUTDIR=str(tmp_path / "out"), AURORA_LAMBDA_PACKAGE=str(tmp_path / "none"))
    result = subprocess.run([sys.executable, "app.py"], cwd=TEMPLATE_DIR, env=env, capture_output=True, text=True)
    assert result.returncode == 1
    assert "run `bash scripts/package-lambda.sh` first" in result.stderr
    assert "Traceback" not in result.stderr
