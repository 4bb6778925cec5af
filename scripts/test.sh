#!/usr/bin/env bash
# The one test command: installs what the tests need, builds, packages the Lambda code (with its gate), checks the
# static CLI and its installation, runs the Swift test suite (unit tests, integration tests against the local
# endpoint on real PostgreSQL and MariaDB, the Lambda functions as child processes), the wire-compatibility tests
# with the AWS CLI and boto3, the CDK app's tests, and the whole deploy on a local CloudFormation/Lambda/API
# Gateway emulator for both engines.
#
# Every step's time is printed at the end of the run, also after a failure (scripts/step-times.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
# No test may reach a real instance-metadata service: processes started by tests inherit this.
export AWS_EC2_METADATA_DISABLED=true
source scripts/step-times.sh

step "install" bash scripts/install-deps.sh

# The static release build of the shipped executable (scripts/build-static.sh), through the Lambda package:
# release, fully static, stripped, zipped; check-lambda-package.sh is its gate. The Lambda tests and the local
# deploy run this packaged binary, the artifact that is deployed. It runs in the background, beside the debug
# build and the checks that need no timing (sanitizer, CDK app): its link-time-optimized link uses one core for
# minutes, which they fill. Its own process group, ended with the script if the script stops first.
static_log=$(mktemp)
static_result=$(mktemp)
setsid bash -c 'started=$SECONDS; status=0; bash scripts/package-lambda.sh > "$0" 2>&1 || status=$?
    echo "$((SECONDS - started)) $status" > "$1"' "$static_log" "$static_result" &
static_pid=$!
trap 'status=$?; kill -- "-$static_pid" 2>/dev/null || true; rm -f "$static_log" "$static_result"; step_print $status' EXIT

step "debug build (with tests)" swift build --build-tests
step "Foundation check (debug)" bash scripts/verify-foundation.sh .build/debug
# The public API equals its record in api/, and the DocC documentation builds with no warning, every public symbol
# documented (docs/releasing.md says how to record an API change).
step "public API check" bash scripts/check-api.sh --skip-build
step "documentation (DocC)" bash scripts/check-docs.sh
# Runs "$@" as a process group of its own, at most $1 seconds. A run still going then gets a report (with $2, the
# log of a `swift test` run: its unfinished tests and every thread's stack) and is ended, that group and nothing
# else, by its id. The exit status lands in guarded_status (124 after a hang).
guarded() {
    local seconds=$1 report_log=$2
    shift 2
    # Not a group leader (no job control here), so setsid starts the new group in this very process: $! is its id.
    setsid "$@" &
    local pid=$! waited=0
    while kill -0 "$pid" 2>/dev/null && [ "$waited" -lt "$seconds" ]; do
        sleep 1
        waited=$((waited + 1))
    done
    if kill -0 "$pid" 2>/dev/null; then
        echo "test.sh: '$*' still running after $seconds s: stopping it" >&2
        if [ -n "$report_log" ]; then bash scripts/hang-report.sh "$report_log" "$pid"; fi
        kill -KILL -- "-$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
        guarded_status=124
        return
    fi
    set +e
    wait "$pid"
    guarded_status=$?
    set -e
}

# The JSON reader's pointer code (AuroraDataAPIModel) and its tests, fuzzing included, under the address sanitizer.
# LeakSanitizer runs too, minus XCTest's runner (Tests/ModelSanitizer/lsan.supp).
step_begin "sanitizer tests"
LSAN_OPTIONS="suppressions=$PWD/Tests/ModelSanitizer/lsan.supp" \
    guarded 900 "" swift test --package-path Tests/ModelSanitizer --sanitize=address
sanitizer_status=$guarded_status
step_end "$sanitizer_status"

# The CDK app (template assertions, cfn-lint, cdk-nag; sets up cdk-template/.venv for the local deploy too).
cdk_status=0
step "CDK app tests" bash scripts/cdk-test.sh || cdk_status=$?

# A package that depends on this one as a user's app does (Benchmarks/ConsumerBenchmark, the README's decode figures):
# built in release (about 7 CPU-minutes, mostly swift-syntax for the macro), its decode paths checked; not timed.
step "consumer package (release build, values)" bash -c \
    'cd Benchmarks/ConsumerBenchmark && swift build -c release --product consumer-benchmark && .build/release/consumer-benchmark --check'

step_begin "(waiting for the static build)"
wait "$static_pid" || true
step_end
echo "--- static build and Lambda package (scripts/package-lambda.sh, run in the background)" >&2
cat "$static_log" >&2
read -r static_seconds static_status < "$static_result" || { static_seconds=0 static_status=1; }
step_record "static build + Lambda package (background)" "$static_seconds" "$static_status"
[ "$static_status" -eq 0 ] || exit "$static_status"
export AURORA_BOOTSTRAP="$PWD/.build/lambda/asset/bootstrap"
# The static CLI: alone in an empty root (no toolchain, no libc) it runs, resolves names and verifies TLS
# (check-static-cli.sh); scripts/install.sh installs it and its completions into a temporary prefix
# (check-install.sh). No shipped executable depends on AuroraSQLKit or AuroraFluent (check-executable-deps.py).
step_begin "static CLI checks"
bash scripts/verify-foundation.sh .build-static/release aurora-data     # also the package's bootstrap
bash scripts/check-static-cli.sh .build-static/release/aurora-data
bash scripts/check-install.sh
# The SQLKit and Fluent layers stay out of the shipped executables (their size and start-up).
python3 scripts/check-executable-deps.py .build-static/release/aurora-data .build/debug/aurora-data-local
step_end

# Serially: the integration tests start real database servers and endpoints, and several check that a timeout
# fires within seconds; on a 2-core machine parallel tests starve each other (about 80 s serially).
# Hang guard: 15 minutes (AURORA_TEST_HANG_SECONDS).
swift_log=$(mktemp)
step_begin "swift tests"
guarded "${AURORA_TEST_HANG_SECONDS:-900}" "$swift_log" \
    bash -c 'set -o pipefail; swift test --skip-build --no-parallel 2>&1 | tee "$0"' "$swift_log"
swift_status=$guarded_status
step_end "$swift_status"
rm -f "$swift_log"

# Wire compatibility with the AWS CLI and boto3: a missing script is a failure, not a skip.
interop_status=0
if [ -x Tests/Interop/run.sh ]; then
    step_begin "interop (AWS CLI, boto3)"
    guarded "${AURORA_INTEROP_HANG_SECONDS:-900}" "" Tests/Interop/run.sh
    interop_status=$guarded_status
    step_end "$interop_status"
else
    echo "test.sh: Tests/Interop/run.sh is missing or not executable: the wire-compatibility tests cannot run" >&2
    interop_status=1
fi

# The whole deploy locally on each engine (two stacks side by side in one emulator each).
deploy_status=0
for engine in postgresql mysql; do
    step "local deploy $engine" env AURORA_BIN_DIR=.build/debug AURORA_SKIP_PACKAGE=1 \
        bash scripts/deploy-local.sh "$engine" || deploy_status=$?
done

if [ "$swift_status" -ne 0 ] || [ "$sanitizer_status" -ne 0 ] || [ "$interop_status" -ne 0 ] || [ "$cdk_status" -ne 0 ] \
    || [ "$deploy_status" -ne 0 ]; then
    echo "tests failed: swift test exit $swift_status, sanitizer exit $sanitizer_status, interop exit $interop_status, cdk exit $cdk_status, local deploy exit $deploy_status" >&2
    exit 1
fi
