#!/usr/bin/env python3
"""The CDK app: `python3 app.py` synthesizes into $CDK_OUTDIR (default cdk.out); `cdk deploy` runs it too.

Context values (engine, database, capacities, timeouts, ...; see aurora_stack/config.py and docs/deploy.md)
come from `cdk -c key=value`, cdk.json, or the CDK_CONTEXT_JSON environment variable (read by cdk.App).
The Lambda package comes from $AURORA_LAMBDA_PACKAGE (default .build/lambda), written by
`bash scripts/package-lambda.sh`.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any, Optional

import aws_cdk as cdk
from cdk_nag import AwsSolutionsChecks

from aurora_stack.config import ConfigError, Contract, LambdaPackage
from aurora_stack.stack import AuroraDataStack

STACK_NAME = "AuroraData"


def build_app(
    outdir: Optional[str] = None,
    package_dir: Optional[Path] = None,
    context: Optional[dict[str, Any]] = None,
) -> tuple[cdk.App, AuroraDataStack]:
    """The app with its one stack and the cdk-nag checks; `app.synth()` writes it (and raises on findings)."""
    app = cdk.App(outdir=outdir or os.environ.get("CDK_OUTDIR", "cdk.out"), context=context)
    contract = Contract.load()
    package = LambdaPackage.load(package_dir or LambdaPackage.default_directory(contract), contract)
    stack = AuroraDataStack(app, STACK_NAME, package=package, contract=contract,
                            description="aurora-data: Aurora Serverless v2 (Data API), schema migrations, posts API")
    cdk.Validations.of(app).add_plugins(AwsSolutionsChecks(app))
    return app, stack


def main() -> int:
    try:
        app, _ = build_app()
    except ConfigError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    app.synth()  # raises (exit 1) when cdk-nag reports an unacknowledged finding
    return 0


if __name__ == "__main__":
    sys.exit(main())
