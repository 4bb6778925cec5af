#!/usr/bin/env bash
# Startup benchmark: one `aurora-data exec` call, start to exit, against a loopback Data API endpoint, next to
# `aws rds-data execute-statement` for the same call on the same endpoint. Prints the medians and their ratio
# (target: aurora-data at most 1/20 of the aws CLI).
#
# Endpoint: aurora-data-local on a throwaway PostgreSQL (release build if present, else debug; override with
# AURORA_LOCAL_BIN=path), or with BENCH_ENDPOINT=python a tiny python http.server that answers every request with a
# fixed ExecuteStatement response (development only: it checks nothing).
# Knobs: RUNS (default 30), WARMUP (default 3), AWS_BIN (default: the aws CLI behind the pyenv shim).
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

echo "building aurora-data (release)..." >&2
swift build -c release --product aurora-data >&2
BIN=.build/release/aurora-data

workdir=$(mktemp -d)
server_pid=""
cleanup() {
    if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
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

LOCAL_BIN=${AURORA_LOCAL_BIN:-}
if [ -z "$LOCAL_BIN" ]; then
    for candidate in .build/release/aurora-data-local .build/debug/aurora-data-local; do
        if [ -x "$candidate" ]; then LOCAL_BIN=$candidate; break; fi
    done
fi

if [ "${BENCH_ENDPOINT:-local}" = local ] && [ -n "$LOCAL_BIN" ]; then
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

# One call each first: both must succeed before timing them.
"$BIN" exec --format json --endpoint-url "$endpoint" --resource-arn "$RESOURCE_ARN" --secret-arn "$SECRET_ARN" "$SQL" >/dev/null
"$AWS_BIN" rds-data execute-statement --endpoint-url "$endpoint" --resource-arn "$RESOURCE_ARN" \
    --secret-arn "$SECRET_ARN" --sql "$SQL" >/dev/null

hyperfine -N --warmup "$WARMUP" --runs "$RUNS" --export-json "$workdir/results.json" \
    -n "aurora-data exec" \
    "$BIN exec --format json --endpoint-url $endpoint --resource-arn $RESOURCE_ARN --secret-arn $SECRET_ARN '$SQL'" \
    -n "aws rds-data execute-statement" \
    "$AWS_BIN rds-data execute-statement --endpoint-url $endpoint --resource-arn $RESOURCE_ARN --secret-arn $SECRET_ARN --sql '$SQL'" \
    >&2

python3 - "$workdir/results.json" "$endpoint_kind" <<'PY'
import json, sys
results = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
ours, aws = results["aurora-data exec"], results["aws rds-data execute-statement"]
print(f"endpoint: {sys.argv[2]}")
for name, r in (("aurora-data exec", ours), ("aws rds-data execute-statement", aws)):
    print(f"{name:32s} median {r['median'] * 1000:8.2f} ms  (mean {r['mean'] * 1000:.2f} ± {r['stddev'] * 1000:.2f} ms, {len(r['times'])} runs)")
ratio = ours["median"] / aws["median"]
print(f"ratio (aurora-data / aws) {ratio:.4f}  = 1/{1 / ratio:.1f}  (target <= 1/20: {'met' if ratio <= 0.05 else 'NOT met'})")
PY
