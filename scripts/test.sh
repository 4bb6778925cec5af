#!/usr/bin/env bash
# The one test command: installs what the tests need, builds, packages the Lambda code (with its gate), checks the
# static CLI and its installation, runs the Swift test suite (unit tests, integration tests against the local
# endpoint on real PostgreSQL and MariaDB, the Lambda functions as child processes), the wire-compatibility tests
# with the AWS CLI and boto3, the CDK app's tests, and the whole deploy on a local CloudFormation/Lambda/API
# Gateway emulator for both engines.
set -euo pipefail
cd "$(dirname "$0")/.."
# No test may reach a real instance-metadata service: processes started by tests inherit this.
export AWS_EC2_METADATA_DISABLED=true

bash scripts/install-deps.sh
swift build --build-tests
bash scripts/verify-foundation.sh .build/debug
# The static release build of both shipped executables (scripts/build-static.sh, one scratch path), through the
# Lambda package: release, fully static, stripped, zipped; check-lambda-package.sh is its gate. The Lambda tests
# and the local deploy run this packaged binary, the artifact that is deployed.
bash scripts/package-lambda.sh
export AURORA_BOOTSTRAP="$PWD/.build/lambda/asset/bootstrap"
# The static CLI: alone in an empty root (no toolchain, no libc) it runs, resolves names and verifies TLS
# (check-static-cli.sh); scripts/install.sh installs it and its completions into a temporary prefix
# (check-install.sh).
bash scripts/verify-foundation.sh .build-static/release aurora-data bootstrap
bash scripts/check-static-cli.sh .build-static/release/aurora-data
bash scripts/check-install.sh
# Serially: the integration tests start real database servers and endpoints, and several check that a timeout
# fires within seconds; on a 2-core machine parallel tests starve each other (about 80 s serially).
# Hang guard: a run still going after 15 minutes (AURORA_TEST_HANG_SECONDS) gets a report (unfinished tests,
# every thread's stack), then is stopped.
hang_seconds=${AURORA_TEST_HANG_SECONDS:-900}
swift_log=$(mktemp)
( set -o pipefail; swift test --skip-build --no-parallel 2>&1 | tee "$swift_log" ) &
swift_job=$!
waited=0
while kill -0 "$swift_job" 2>/dev/null && [ "$waited" -lt "$hang_seconds" ]; do
    sleep 5
    waited=$((waited + 5))
done
hung=false
if kill -0 "$swift_job" 2>/dev/null; then
    hung=true
    bash scripts/hang-report.sh "$swift_log"
    pkill -KILL -f 'PackageTests\.xctest' || true
    pkill -KILL -f 'swift-test' || true
fi
set +e
wait "$swift_job"
swift_status=$?
set -e
if [ "$hung" = true ]; then swift_status=124; fi
rm -f "$swift_log"

interop_status=0
if [ -x Tests/Interop/run.sh ]; then
    Tests/Interop/run.sh || interop_status=$?
fi

# The CDK app (template assertions, cfn-lint, cdk-nag), then the whole deploy locally on each engine.
cdk_status=0
bash scripts/cdk-test.sh || cdk_status=$?
deploy_status=0
for engine in postgresql mysql; do
    AURORA_BIN_DIR=.build/debug AURORA_SKIP_PACKAGE=1 bash scripts/deploy-local.sh "$engine" || deploy_status=$?
done

if [ "$swift_status" -ne 0 ] || [ "$interop_status" -ne 0 ] || [ "$cdk_status" -ne 0 ] || [ "$deploy_status" -ne 0 ]; then
    echo "tests failed: swift test exit $swift_status, interop exit $interop_status, cdk exit $cdk_status, local deploy exit $deploy_status" >&2
    exit 1
fi
