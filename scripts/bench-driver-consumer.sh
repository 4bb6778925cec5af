#!/usr/bin/env bash
# The driver benchmark as a user's app sees it (the README's SQLKit and Fluent figures): builds aurora-data-local
# in release and Benchmarks/DriverConsumer (a package of its own that depends on this one) in release, starts the
# endpoint on a throwaway PostgreSQL and a throwaway MariaDB (`--engine both`, loopback, a free port), and runs
# the benchmark against it: 1,000-row reads and 1,000 single-row inserts through client.query, SQLKit and Fluent,
# interleaved, medians, every value checked. Exits non-zero when a check fails.
#   bash scripts/bench-driver-consumer.sh [read-rounds] [insert-rounds]      (default 31 and 5)
# The first run builds fluent-kit, sql-kit and the HTTP client in release for the package (about 4 minutes on 2 cores).
set -euo pipefail
cd "$(dirname "$0")/.."

echo "building aurora-data-local and Benchmarks/DriverConsumer (release)..." >&2
swift build -c release --product aurora-data-local >&2
local_bin=$(swift build -c release --show-bin-path)/aurora-data-local
(cd Benchmarks/DriverConsumer && swift build -c release --product driver-consumer >&2)
consumer_bin=$(cd Benchmarks/DriverConsumer && swift build -c release --show-bin-path)/driver-consumer

workdir=$(mktemp -d)
server_pid=""
cleanup() {
    if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
    rm -rf "$workdir"
}
trap cleanup EXIT

"$local_bin" --engine both --port 0 >"$workdir/endpoint.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 600); do
    grep -q '^ready' "$workdir/endpoint.log" && break
    kill -0 "$server_pid" 2>/dev/null || { cat "$workdir/endpoint.log" >&2; echo "bench-driver-consumer: the endpoint did not start" >&2; exit 1; }
    sleep 0.1
done
grep -q '^ready' "$workdir/endpoint.log" || { echo "bench-driver-consumer: the endpoint did not become ready in 60 s" >&2; exit 1; }

# The banner: "endpoint: URL", then per engine "postgresql: ..." / "mysql: ..." followed by its resourceArn and secretArn.
export AWS_ENDPOINT_URL_RDS_DATA=$(sed -n 's/^endpoint: //p' "$workdir/endpoint.log")
export $(sed -n 's/^credentials: \(AWS_ACCESS_KEY_ID=[^ ]*\) \(AWS_SECRET_ACCESS_KEY=[^ ]*\).*/\1 \2/p' "$workdir/endpoint.log")
export AWS_REGION=us-east-1
arns() {
    awk -v engine="$1:" '$1 == engine { found = 1; next } found && $1 == "resourceArn:" { r = $2 }
        found && $1 == "secretArn:" { print r "," $2; exit }' "$workdir/endpoint.log"
}
export DRIVER_BENCH_POSTGRESQL=$(arns postgresql) DRIVER_BENCH_MYSQL=$(arns mysql)
"$consumer_bin" "$@"
