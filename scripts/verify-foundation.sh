#!/usr/bin/env bash
# Fails when a shipped executable links full Foundation or ICU: the CLI and the Lambda `bootstrap` must
# stay on FoundationEssentials for start-up time and size. Usage: scripts/verify-foundation.sh [build-dir]
set -euo pipefail
cd "$(dirname "$0")/.."
bin_dir=${1:-.build/debug}
status=0
for exe in aurora-data aurora-data-local bootstrap; do
    path="$bin_dir/$exe"
    [ -x "$path" ] || { echo "verify-foundation: $path is missing; build it first" >&2; exit 1; }
    if objdump -p "$path" | grep -E 'NEEDED +(libFoundation\.so|libFoundationInternationalization\.so|lib_FoundationICU\.so)' ; then
        echo "verify-foundation: $exe links full Foundation/ICU; use FoundationEssentials" >&2
        status=1
    else
        echo "verify-foundation: $exe links no full Foundation or ICU"
    fi
done
exit $status
