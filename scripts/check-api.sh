#!/usr/bin/env bash
# The public API check: the public API of every module a library product exports, as `swift api-digester -dump-sdk`
# reads it from the debug build and scripts/api-text.py prints it (one declaration a line), must equal the record in
# api/<Module>.txt. A difference, an addition as much as a removal, fails with the diff: an API change is then a
# decision, made by rewriting the record and listing the change in CHANGELOG.md (docs/releasing.md).
#   bash scripts/check-api.sh            # compare with api/ (exit 1 and the diff when they differ)
#   bash scripts/check-api.sh --update   # rewrite api/*.txt from the current code
# Builds the modules first (about a minute even when nothing changed: five `swift build --target` plans), unless
# --skip-build; the comparison itself takes a few seconds.
set -euo pipefail
cd "$(dirname "$0")/.."

# The library products' modules (Package.swift), the modules they re-export (AuroraDataAPIModel,
# AuroraDatabaseDrivers), and the modules whose types their public declarations name (AuroraAWS: credentials and
# transport of DataAPIClient; AuroraSQL: the SQL dialect of the migrator and the drivers).
modules=(AuroraSigV4 AuroraAWS AuroraDataAPIModel AuroraDataAPI AuroraDataAPIRecords AuroraSQL AuroraMigrate
    AuroraDatabaseDrivers AuroraDatabaseServers AuroraDataLocal AuroraSQLKit AuroraFluent)

update=false
build=true
for argument in "$@"; do
    case "$argument" in
    --update) update=true ;;
    --skip-build) build=false ;; # the caller has just built (scripts/test.sh)
    *)
        echo "usage: bash scripts/check-api.sh [--update] [--skip-build]" >&2
        exit 64
        ;;
    esac
done

# The modules and what they depend on (nothing to do after the test command's build). By target: the library
# products are automatic ones, which `swift build --product` does not build alone.
if $build; then
    for target in AuroraDataAPI AuroraDataAPIRecords AuroraMigrate AuroraDataLocal AuroraDatabaseServers AuroraSQLKit \
        AuroraFluent; do
        swift build --target "$target" >/dev/null
    done
fi
bin=$(swift build --show-bin-path)
# The digester loads each module as a client would, with the C modules under it: the package's system libraries
# and their headers, and the module maps SwiftPM generated or the C targets ship.
flags=(-I "$bin/Modules" -I Sources/CLibPQ -I Sources/CMariaDB)
for directory in $(pkg-config --cflags-only-I libpq libmariadb | tr ' ' '\n' | sed -n 's/^-I//p'); do
    flags+=(-Xcc "-I$directory")
done
for map in "$bin"/*.build/module.modulemap .build/checkouts/*/Sources/*/include/module.modulemap; do
    case "$map" in *-tool.build/*) continue ;; esac
    [ -f "$map" ] && flags+=(-Xcc "-fmodule-map-file=$map")
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p api
status=0
for module in "${modules[@]}"; do
    if ! swift api-digester -dump-sdk -module "$module" "${flags[@]}" -o "$work/$module.json" 2>"$work/$module.log"; then
        cat "$work/$module.log" >&2
        echo "check-api: swift api-digester could not read module $module from $bin" >&2
        exit 1
    fi
    python3 scripts/api-text.py "$work/$module.json" >"$work/$module.txt"
    if $update; then
        cp "$work/$module.txt" "api/$module.txt"
    elif ! diff -u --label "api/$module.txt (recorded)" --label "$module (this build)" "api/$module.txt" \
        "$work/$module.txt"; then
        status=1
    fi
done
# A record of a module no longer checked would silently go stale.
for recorded in api/*.txt; do
    name=$(basename "$recorded" .txt)
    if [[ ! " ${modules[*]} " == *" $name "* ]]; then
        if $update; then rm -f "$recorded"; else
            echo "check-api: $recorded records a module this script does not check: remove it" >&2
            status=1
        fi
    fi
done

if $update; then
    echo "check-api: api/ rewritten for ${modules[*]}; review 'git diff api/' and list the changes in CHANGELOG.md"
elif [ "$status" -ne 0 ]; then
    echo "check-api: the public API differs from api/ (diff above, '-' recorded, '+' this build). If the change is" \
        "meant, run 'bash scripts/check-api.sh --update', list it in CHANGELOG.md (a removed or changed line is a" \
        "breaking change) and commit api/ with it; otherwise restore the declarations." >&2
else
    echo "check-api: the public API of ${#modules[@]} modules matches api/"
fi
exit "$status"
