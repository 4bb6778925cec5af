#!/usr/bin/env bash
# Wire-compatibility tests: the AWS CLI (`aws rds-data ...`) and boto3 against `aurora-data-local` on a
# throwaway PostgreSQL and a throwaway MariaDB. Called by scripts/test.sh after `swift build`.
# AURORA_DATA_LOCAL overrides the binary (default .build/debug/aurora-data-local).
set -euo pipefail
cd "$(dirname "$0")/../.."
export AURORA_DATA_LOCAL="${AURORA_DATA_LOCAL:-$PWD/.build/debug/aurora-data-local}"
if [ ! -x "$AURORA_DATA_LOCAL" ]; then
    swift build --product aurora-data-local
fi
exec python3 -m pytest -q -p no:cacheprovider Tests/Interop "$@"
