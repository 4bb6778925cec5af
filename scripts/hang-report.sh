#!/usr/bin/env bash
# Prints what a hung `swift test` run was doing, before it is killed: the tests that started and did not
# finish (from its output so far) and every thread's stack in the test process (gdb, demangled).
# Usage: scripts/hang-report.sh TEST_OUTPUT_LOG [PROCESS_GROUP]
# With PROCESS_GROUP, only test processes in that group (the run test.sh started) are looked at.
set -uo pipefail
log=$1
group=${2:-}

echo
echo "=== hang report: suites and tests started and not finished ==="
python3 - "$log" <<'PY'
import re, sys
started, finished = [], set()
for line in open(sys.argv[1], encoding="utf-8", errors="replace"):
    line = line.rstrip("\n")
    m = re.match(r"^◇ (?:Test|Suite) (.*) started\.?$", line)
    if m and m.group(1) != "run" and not m.group(1).startswith("case "):
        started.append(m.group(1))
        continue
    m = re.match(r"^[✔✘] (?:Test|Suite) (.*?) (?:with \d+ test cases? )?(?:passed|failed) after [0-9.]+ seconds", line)
    if m:
        finished.add(m.group(1))
for name in started:
    if name not in finished:
        print("  " + name)
PY

for pid in $(pgrep ${group:+-g "$group"} -f 'PackageTests\.xctest'); do
    echo "=== hang report: threads of test process $pid ==="
    if command -v gdb > /dev/null; then
        timeout 120s gdb -p "$pid" -batch -ex "thread apply all bt 40" 2>&1 \
            | grep -E '^(Thread|#)' | swift demangle --simplified | cut -c1-300
    else
        echo "  (gdb is not installed: no stacks)"
    fi
done
