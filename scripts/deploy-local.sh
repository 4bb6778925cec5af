#!/usr/bin/env bash
# The whole deploy, locally, with no AWS account: the CDK stack on the ministack emulator, the Lambda
# functions (the real Swift bootstrap) on a real PostgreSQL or MariaDB through aurora-data-local.
#
#   bash scripts/deploy-local.sh [postgresql|mysql]
#
# Checks, in order (scripts/deploy_local.py): create (migrations v1..vN applied), the posts API over HTTP,
# an update with a new script, an update with a failing script (rolled back), delete (data kept).
# Exits 0 only when every check holds; stops ministack and aurora-data-local in every case. The
# synthesized template stays in cdk-template/cdk.out/. See docs/deploy.md.
#
# Environment:
#   AURORA_BIN_DIR        directory holding aurora-data and aurora-data-local already built (skips swift build)
#   AURORA_LAMBDA_PACKAGE the first package's directory (default .build/lambda); rebuilt by package-lambda.sh
#                         unless AURORA_SKIP_PACKAGE=1
set -euo pipefail
cd "$(dirname "$0")/.."
engine=${1:-postgresql}
case "$engine" in postgresql|mysql) ;; *) echo "usage: $0 [postgresql|mysql]" >&2; exit 64 ;; esac

started=$SECONDS
bash scripts/cdk-test.sh --setup      # cdk-template/.venv: aws-cdk-lib, cdk-nag, ministack, boto3
bash scripts/install-deps.sh          # PostgreSQL and MariaDB for aurora-data-local

if [ -n "${AURORA_BIN_DIR:-}" ]; then
    bin=$AURORA_BIN_DIR
else
    swift build --product aurora-data-local
    swift build --product aurora-data
    bin=$(swift build --show-bin-path)
fi
for tool in aurora-data aurora-data-local; do
    [ -x "$bin/$tool" ] || { echo "deploy-local: $bin/$tool is missing" >&2; exit 1; }
done

package=${AURORA_LAMBDA_PACKAGE:-$PWD/.build/lambda}
if [ "${AURORA_SKIP_PACKAGE:-0}" != 1 ]; then
    # The first deploy bundles scripts/schema as it is.
    env -u AURORA_SCHEMA_SOURCE AURORA_LAMBDA_PACKAGE="$package" bash scripts/package-lambda.sh
fi
echo "deploy-local: prepared in $((SECONDS - started)) s" >&2

export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION=18,20
# exec: a SIGTERM for this script reaches the Python process, which then stops what it started.
exec cdk-template/.venv/bin/python scripts/deploy_local.py "$engine" --bin-dir "$bin" --package-dir "$package"
