#!/usr/bin/env bash
# The one test command: installs what the tests need, builds, runs the Swift test suite (unit tests and
# integration tests against the local endpoint on real PostgreSQL and MariaDB), then the wire-compatibility
# tests with the AWS CLI and boto3.
set -euo pipefail
cd "$(dirname "$0")/.."
# No test may reach a real instance-metadata service: processes started by tests inherit this.
export AWS_EC2_METADATA_DISABLED=true

bash scripts/install-deps.sh
swift build --build-tests
bash scripts/verify-foundation.sh .build/debug
set +e
# Serially: the integration tests start real database servers and endpoints, and several check that a timeout
# fires within seconds; on a 2-core machine parallel tests starve each other (about 80 s serially).
# The timeout is a hang guard.
timeout --kill-after=30s 30m swift test --skip-build --no-parallel
swift_status=$?
set -e

interop_status=0
if [ -x Tests/Interop/run.sh ]; then
    Tests/Interop/run.sh || interop_status=$?
fi

if [ "$swift_status" -ne 0 ] || [ "$interop_status" -ne 0 ]; then
    echo "tests failed: swift test exit $swift_status, interop exit $interop_status" >&2
    exit 1
fi
