#!/usr/bin/env bash
# Start-up benchmark of the static `aurora-data` (scripts/build-static.sh, the binary scripts/install.sh installs),
# in one paired run against a loopback Data API endpoint:
#   - one `aurora-data exec` call, start to exit, next to `aws rds-data execute-statement` for the same call on the
#     same endpoint;
#   - `aurora-data --help`, start to exit;
#   - the peak memory (maximum resident set) of `exec` and of `--help`.
# Prints the medians and checks them against the targets: exec at most 10 ms and at least 50x faster than the aws
# CLI, --help at most 3 ms, peak memory at most 16 MiB. Exits 0 even when a target is missed (it is a
# measurement, not a test); the lines say "met" or "NOT met".
#
# Endpoint: aurora-data-local in release on a throwaway PostgreSQL (built if missing; override with
# AURORA_LOCAL_BIN=path), or with BENCH_ENDPOINT=python a tiny python http.server that answers every request with a
# fixed ExecuteStatement response (development only: it checks nothing).
# Knobs: RUNS (default 30), WARMUP (default 3), AWS_BIN (default: the aws CLI behind the pyenv shim),
# AURORA_DATA_BIN (default: the static build).
# BENCH_ASSUME_ROLE=1 (with BENCH_ENDPOINT=python) adds `aurora-data exec --profile <role profile>` to the same run:
# the profile assumes a role through moto's STS server on loopback (pip install 'moto[server]'), so the figure is
# exec plus one AssumeRole round trip. It needs the python endpoint because aurora-data-local accepts only its own
# key pair, not the emulator's temporary keys.
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-30}
WARMUP=${WARMUP:-3}
SQL=${SQL:-SELECT 1}
RESOURCE_ARN="arn:aws:rds:us-east-1:123456789012:cluster:bench"
SECRET_ARN="arn:aws:secretsmanager:us-east-1:123456789012:secret:bench-AbCdEf"

command -v hyperfine >/dev/null || { echo "bench-exec: hyperfine is not installed (apt-get install hyperfine)" >&2; exit 1; }
AWS_BIN=${AWS_BIN:-$( (pyenv which aws 2>/dev/null) || command -v aws || true)}
[ -x "$AWS_BIN" ] || { echo "bench-exec: the aws CLI is not installed (pip install awscli)" >&2; exit 1; }

if [ -n "${AURORA_DATA_BIN:-}" ]; then
    BIN=$AURORA_DATA_BIN
else
    echo "building aurora-data (static release, scripts/build-static.sh)..." >&2
    BIN=$(bash scripts/build-static.sh aurora-data)/aurora-data
fi

workdir=$(mktemp -d)
server_pid=""
sts_pid=""
cleanup() {
    if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
    if [ -n "$sts_pid" ]; then kill "$sts_pid" 2>/dev/null || true; wait "$sts_pid" 2>/dev/null || true; fi
    rm -rf "$workdir"
}
trap cleanup EXIT

# Waits until $1 contains the line "ready" (or the server died).
wait_ready() {
    for _ in $(seq 1 600); do
        grep -q '^ready' "$1" 2>/dev/null && return 0
        kill -0 "$server_pid" 2>/dev/null || { cat "$1" >&2; echo "bench-exec: the endpoint did not start" >&2; exit 1; }
        sleep 0.1
    done
    echo "bench-exec: the endpoint did not become ready in 60 s" >&2; exit 1
}

if [ "${BENCH_ENDPOINT:-local}" = local ]; then
    LOCAL_BIN=${AURORA_LOCAL_BIN:-}
    if [ -z "$LOCAL_BIN" ]; then
        echo "building aurora-data-local (release)..." >&2
        swift build -c release --product aurora-data-local >&2
        LOCAL_BIN=$(swift build -c release --show-bin-path)/aurora-data-local
    fi
    "$LOCAL_BIN" --engine postgresql --port 0 --resource-arn "$RESOURCE_ARN" --secret-arn "$SECRET_ARN" \
        >"$workdir/endpoint.log" 2>&1 &
    server_pid=$!
    wait_ready "$workdir/endpoint.log"
    endpoint=$(sed -n 's/^endpoint: //p' "$workdir/endpoint.log")
    credentials=$(sed -n 's/^credentials: \(AWS_ACCESS_KEY_ID=[^ ]*\) \(AWS_SECRET_ACCESS_KEY=[^ ]*\).*/\1 \2/p' "$workdir/endpoint.log")
    export ${credentials?}
    endpoint_kind="aurora-data-local ($LOCAL_BIN, PostgreSQL)"
else
    cat >"$workdir/server.py" <<'PY'
import http.server, sys
BODY = b'{"records":[[{"longValue":1}]],"columnMetadata":[{"label":"?column?","name":"?column?","type":4,"typeName":"int4"}],"numberOfRecordsUpdated":0}'
class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def do_POST(self):
        self.rfile.read(int(self.headers.get("content-length", 0)))
        self.send_response(200)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(BODY)))
        self.send_header("x-amzn-RequestId", "bench")
        self.end_headers()
        self.wfile.write(BODY)
    def log_message(self, *args):
        pass
server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
print("endpoint: http://127.0.0.1:%d" % server.server_address[1])
print("ready", flush=True)
server.serve_forever()
PY
    python3 "$workdir/server.py" >"$workdir/endpoint.log" 2>&1 &
    server_pid=$!
    wait_ready "$workdir/endpoint.log"
    endpoint=$(sed -n 's/^endpoint: //p' "$workdir/endpoint.log")
    export AWS_ACCESS_KEY_ID=AKIDBENCH AWS_SECRET_ACCESS_KEY=benchsecret
    endpoint_kind="python http.server with a fixed ExecuteStatement answer"
fi
export AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1 AWS_PAGER="" HOME="$workdir"

role_bench=()
if [ "${BENCH_ASSUME_ROLE:-0}" = 1 ]; then
    [ "${BENCH_ENDPOINT:-local}" = python ] || {
        echo "bench-exec: BENCH_ASSUME_ROLE=1 needs BENCH_ENDPOINT=python (aurora-data-local accepts only its own key pair)" >&2
        exit 1
    }
    python3 -u -c '
import time
from moto.server import ThreadedMotoServer
server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
server.start()
print("endpoint: http://%s:%d" % server.get_host_and_port())
print("ready")
while True:
    time.sleep(3600)
' >"$workdir/sts.log" 2>&1 &
    sts_pid=$!
    for _ in $(seq 1 300); do grep -q '^ready' "$workdir/sts.log" 2>/dev/null && break; sleep 0.1; done
    grep -q '^ready' "$workdir/sts.log" || { cat "$workdir/sts.log" >&2; echo "bench-exec: moto did not start" >&2; exit 1; }
    export AWS_ENDPOINT_URL_STS=$(sed -n 's/^endpoint: //p' "$workdir/sts.log")
    mkdir -p "$workdir/.aws"
    cat >"$workdir/.aws/config" <<INI
[profile bench-source]
aws_access_key_id = $AWS_ACCESS_KEY_ID
aws_secret_access_key = $AWS_SECRET_ACCESS_KEY
[profile bench-role]
role_arn = arn:aws:iam::123456789012:role/bench
source_profile = bench-source
role_session_name = bench
INI
    "$BIN" credentials --profile bench-role >&2
    role_bench=(-n "aurora-data exec (assume-role profile)"
        "$BIN exec --profile bench-role --format json --endpoint-url $endpoint --resource-arn $RESOURCE_ARN --secret-arn $SECRET_ARN '$SQL'")
fi

EXEC=("$BIN" exec --format json --endpoint-url "$endpoint" --resource-arn "$RESOURCE_ARN" --secret-arn "$SECRET_ARN" "$SQL")
# One call each first: both must succeed before timing them.
"${EXEC[@]}" >/dev/null
"$AWS_BIN" rds-data execute-statement --endpoint-url "$endpoint" --resource-arn "$RESOURCE_ARN" \
    --secret-arn "$SECRET_ARN" --sql "$SQL" >/dev/null

hyperfine -N --warmup "$WARMUP" --runs "$RUNS" --export-json "$workdir/results.json" \
    -n "aurora-data exec" \
    "$BIN exec --format json --endpoint-url $endpoint --resource-arn $RESOURCE_ARN --secret-arn $SECRET_ARN '$SQL'" \
    -n "aurora-data --help" "$BIN --help" \
    -n "aws rds-data execute-statement" \
    "$AWS_BIN rds-data execute-statement --endpoint-url $endpoint --resource-arn $RESOURCE_ARN --secret-arn $SECRET_ARN --sql '$SQL'" \
    "${role_bench[@]}" >&2

python3 - "$workdir/results.json" "$endpoint_kind" "$BIN" "$RUNS" "${EXEC[@]}" <<'PY'
import json, os, statistics, sys
results_file, endpoint_kind, binary, runs, exec_command = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5:]
results = {r["command"]: r for r in json.load(open(results_file))["results"]}
ours, help_, aws = results["aurora-data exec"], results["aurora-data --help"], results["aws rds-data execute-statement"]

def peak_kib(argv):
    """The child's maximum resident set size, from wait4's rusage (KiB on Linux)."""
    pid = os.fork()
    if pid == 0:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.execv(argv[0], argv)
    _, status, usage = os.wait4(pid, 0)
    if status != 0:
        sys.exit(f"bench-exec: {argv} failed with status {status}")
    return usage.ru_maxrss

def verdict(ok):
    return "met" if ok else "NOT met"

print(f"endpoint: {endpoint_kind}")
print(f"binary:   {binary} ({os.path.getsize(binary) / 1e6:.1f} MB)")
for name, r in (("aurora-data exec", ours), ("aurora-data --help", help_), ("aws rds-data execute-statement", aws)):
    print(f"{name:32s} median {r['median'] * 1000:8.2f} ms  (mean {r['mean'] * 1000:.2f} ± {r['stddev'] * 1000:.2f} ms, {len(r['times'])} runs)")
role = results.get("aurora-data exec (assume-role profile)")
if role:
    print(f"{'aurora-data exec (assume-role profile)':32s} median {role['median'] * 1000:8.2f} ms  "
          f"(mean {role['mean'] * 1000:.2f} ± {role['stddev'] * 1000:.2f} ms; "
          f"+{(role['median'] - ours['median']) * 1000:.2f} ms for AssumeRole on moto's STS)")
exec_ms, help_ms = ours["median"] * 1000, help_["median"] * 1000
speedup = aws["median"] / ours["median"]
exec_peak = statistics.median(peak_kib(exec_command) for _ in range(runs)) / 1024
help_peak = statistics.median(peak_kib([binary, "--help"]) for _ in range(runs)) / 1024
print(f"peak memory (max RSS, median)    exec {exec_peak:.1f} MiB, --help {help_peak:.1f} MiB")
print(f"target exec <= 10 ms:            {exec_ms:.2f} ms, {verdict(exec_ms <= 10)}")
print(f"target exec >= 50x faster than the aws CLI: {speedup:.1f}x, {verdict(speedup >= 50)}")
print(f"target --help <= 3 ms:           {help_ms:.2f} ms, {verdict(help_ms <= 3)}")
print(f"target peak memory <= 16 MiB:    {max(exec_peak, help_peak):.1f} MiB, {verdict(max(exec_peak, help_peak) <= 16)}")
PY
