#!/usr/bin/env bash
# Smoke test of a deployed stack, through its outputs (not run in CI; needs the aws CLI and credentials):
# the posts API answers, and the schema version in the database is the one the stack reports.
#
#   bash scripts/smoke.sh [--write] [stack name, default AuroraData]
#   bash scripts/smoke.sh blog-prod      # the stack deployed with `deploy.sh <engine> -c stack_name=blog-prod`
#
# Read-only by default (GET /posts, GET /posts/{id}, a POST with a bad body, which writes nothing);
# --write also creates one post titled "Smoke test".
set -euo pipefail
cd "$(dirname "$0")/.."
write=false
if [ "${1:-}" = "--write" ]; then write=true; shift; fi
stack=${1:-AuroraData}

output() {
    aws cloudformation describe-stacks --stack-name "$stack" \
        --query "Stacks[0].Outputs[?OutputKey=='$1'].OutputValue" --output text
}
api=$(output ApiUrl)
cluster=$(output ClusterArn)
secret=$(output SecretArn)
database=$(output DatabaseName)
applied=$(output AppliedVersion)
echo "stack $stack: API $api, database $database, applied schema version $applied"

fail() { echo "smoke: FAILED: $*" >&2; exit 1; }
body=$(mktemp)
trap 'rm -f "$body"' EXIT

# A paused cluster (0 ACU) takes about 15 s to resume; the first request may time out at the API (30 s).
request() {  # method path [json body] -> prints the status, leaves the body in $body
    local status attempt
    for attempt in 1 2 3; do
        status=$(curl -sS -o "$body" -w '%{http_code}' -X "$1" "${api%/}$2" \
            -H 'content-type: application/json' ${3:+--data "$3"}) || status=000
        case "$status" in 5??|000) sleep 5 ;; *) break ;; esac
    done
    echo "$status"
}

status=$(request GET /posts)
[ "$status" = 200 ] || fail "GET /posts answered $status: $(cat "$body")"
first=$(python3 -c 'import json,sys; p=json.load(open(sys.argv[1]))["posts"]; print(p[0]["id"] if p else "")' "$body")
echo "GET /posts: 200"
if [ -n "$first" ]; then
    status=$(request GET "/posts/$first")
    [ "$status" = 200 ] || fail "GET /posts/$first answered $status: $(cat "$body")"
    echo "GET /posts/$first: 200"
fi
status=$(request POST /posts '{"title": 42}')
[ "$status" = 400 ] || fail "POST /posts with a bad body answered $status (want 400): $(cat "$body")"
echo "POST /posts (bad body): 400"
if [ "$write" = true ]; then
    status=$(request POST /posts "{\"userId\": 1, \"title\": \"Smoke test\", \"body\": \"scripts/smoke.sh\", \"slug\": \"smoke-$(date +%s)\"}")
    [ "$status" = 201 ] || fail "POST /posts answered $status: $(cat "$body")"
    echo "POST /posts: 201 $(cat "$body")"
fi

# The schema, read through the Data API with your credentials.
if [ -n "${AURORA_BIN_DIR:-}" ]; then bin=$AURORA_BIN_DIR; else swift build --product aurora-data >/dev/null; bin=$(swift build --show-bin-path); fi
export AURORA_RESOURCE_ARN=$cluster AURORA_SECRET_ARN=$secret AURORA_DATABASE=$database
"$bin/aurora-data" migrate status --dir scripts/schema
highest=$("$bin/aurora-data" migrate status --dir scripts/schema --format json | python3 -c '
import json, sys
status = json.load(sys.stdin)
entries = status.get("versions", []) if isinstance(status, dict) else status
print(max([int(e["version"]) for e in entries if e.get("state") in ("applied", "baseline")] or [0]))')
[ "$highest" = "$applied" ] || fail "the database has version $highest applied, the stack reports $applied"
echo "smoke: OK (schema version $applied)"
