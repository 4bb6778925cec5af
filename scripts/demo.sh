#!/usr/bin/env bash
# Runs the main job on this machine with no AWS account: starts the local Data API endpoint on a throwaway
# PostgreSQL (ENGINE=mysql for MariaDB), applies scripts/schema through the Data API with `aurora-data migrate`,
# writes and reads posts with `aurora-data exec`, then stops everything and removes the database.
# Prints every step's time at the end (scripts/step-times.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/step-times.sh
engine=${ENGINE:-postgresql}
case "$engine" in postgresql|mysql) ;; *) echo "ENGINE must be postgresql or mysql" >&2; exit 2 ;; esac

step "install" bash scripts/install-deps.sh
step "build aurora-data-local" swift build --product aurora-data-local
step "build aurora-data" swift build --product aurora-data
bin=$(swift build --show-bin-path)

log=$(mktemp)
step_begin "start aurora-data-local"
"$bin/aurora-data-local" --engine "$engine" --port 0 >"$log" 2>&1 &
server=$!
trap 'status=$?; kill $server 2>/dev/null; wait $server 2>/dev/null; rm -f "$log"; step_print $status' EXIT
for _ in $(seq 1 120); do
    grep -q '^ready' "$log" && break
    kill -0 $server 2>/dev/null || { cat "$log" >&2; echo "aurora-data-local did not start" >&2; exit 1; }
    sleep 0.5
done
grep -q '^ready' "$log" || { cat "$log" >&2; echo "aurora-data-local did not get ready in 60 s" >&2; exit 1; }
step_end
cat "$log"

export AWS_ACCESS_KEY_ID=AKIDLOCALDATAAPI AWS_SECRET_ACCESS_KEY=local-data-api-secret-key AWS_REGION=us-east-1
export AWS_ENDPOINT_URL_RDS_DATA=$(sed -n 's/^endpoint: //p' "$log")
export AURORA_RESOURCE_ARN=$(sed -n 's/^  resourceArn: //p' "$log" | head -1)
export AURORA_SECRET_ARN=$(sed -n 's/^  secretArn: *//p' "$log" | head -1)
export AURORA_DATABASE=aurora

step_begin "migrate, exec"
set -x
"$bin/aurora-data" migrate --dir scripts/schema
"$bin/aurora-data" migrate status --dir scripts/schema
"$bin/aurora-data" exec "INSERT INTO posts (user_id, title, slug, body) SELECT id, :title, :slug, :body FROM users WHERE email = :email" \
    --param "title=Hello from the Data API" --param slug=hello-data-api \
    --param "body=Written by scripts/demo.sh; bound as a parameter, never spliced" --param email=ada@example.com
"$bin/aurora-data" exec "SELECT p.id, u.display_name AS author, p.title, p.published, p.created_at FROM posts p JOIN users u ON u.id = p.user_id ORDER BY p.id" \
    --format table
{ set +x; } 2>/dev/null
step_end
