#!/usr/bin/env bash
# Fails when a shipped executable links full Foundation or ICU: the CLI and the Lambda `bootstrap` must
# stay on FoundationEssentials for start-up time and size. A dynamically linked executable must not need their
# shared libraries; a statically linked one (scripts/build-static.sh, not stripped) must hold none of their symbols.
#   scripts/verify-foundation.sh [build-dir] [executable...]   # default: .build/debug, all three executables
set -euo pipefail
cd "$(dirname "$0")/.."
bin_dir=${1:-.build/debug}
shift || true
executables=("$@")
[ ${#executables[@]} -gt 0 ] || executables=(aurora-data aurora-data-local bootstrap)
status=0
for exe in "${executables[@]}"; do
    path="$bin_dir/$exe"
    [ -x "$path" ] || { echo "verify-foundation: $path is missing; build it first" >&2; exit 1; }
    if file "$path" | grep "statically linked" >/dev/null; then
        symbols=$(nm "$path" 2>/dev/null) || { echo "verify-foundation: cannot read the symbols of $path (stripped?)" >&2; exit 1; }
        found=$(grep -cE ' (\$s10Foundation|\$s30FoundationInternationalization|ucol_open|ubrk_open)' <<<"$symbols" || true)
        if [ "$found" -gt 0 ]; then
            echo "verify-foundation: $exe (static) holds $found symbols of full Foundation/ICU; use FoundationEssentials" >&2
            status=1
        else
            echo "verify-foundation: $exe (static) holds no full Foundation or ICU"
        fi
    elif objdump -p "$path" | grep -E 'NEEDED +(libFoundation\.so|libFoundationInternationalization\.so|lib_FoundationICU\.so)' ; then
        echo "verify-foundation: $exe links full Foundation/ICU; use FoundationEssentials" >&2
        status=1
    else
        echo "verify-foundation: $exe links no full Foundation or ICU"
    fi
done
exit $status
