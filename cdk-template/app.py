#!/usr/bin/env python3
"""The CDK app: `python3 app.py` synthesizes into $CDK_OUTDIR (default cdk.out); `cdk deploy` runs it too.

Context values (stack_name, engine, database, capacities, timeouts, ...; see aurora_stack/config.py and docs/deploy.md)
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

from aurora_stack import names
from aurora_stack.config import ConfigError, Contract, LambdaPackage
from aurora_stack.stack import AuroraDataStack

# The default stack name (`-c stack_name=blog-prod` chooses another): the app's one name before it was a choice.
STACK_NAME = names.LEGACY_STACK_NAME


def stack_name_from(app: cdk.App) -> str:
    """The `stack_name` context value (`cdk deploy -c stack_name=blog-prod`), checked; default AuroraData."""
    name = app.node.try_get_context("stack_name")
    name = STACK_NAME if name is None else str(name).strip()
    names.check_stack_name(name)
    return name


def build_app(
    outdir: Optional[str] = None,
    package_dir: Optional[Path] = None,
    context: Optional[dict[str, Any]] = None,
) -> tuple[cdk.App, AuroraDataStack]:
    """The app with its one stack and the cdk-nag checks; `app.synth()` writes it (and raises on findings).

    The stack's construct id is its name too, so `cdk deploy blog-prod` selects it and cdk.out holds
    `blog-prod.template.json`.
    """
    app = cdk.App(outdir=outdir or os.environ.get("CDK_OUTDIR", "cdk.out"), context=context)
    stack_name = stack_name_from(app)
    contract = Contract.load()
    package = LambdaPackage.load(package_dir or LambdaPackage.default_directory(contract), contract)
    stack = AuroraDataStack(app, stack_name, stack_name=stack_name, package=package, contract=contract,
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
