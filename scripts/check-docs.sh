#!/usr/bin/env bash
# The documentation check: builds the DocC catalog of every library product (Sources/<Module>/Documentation.docc)
# through swift-docc-plugin with warnings treated as errors (a broken symbol link, an unknown article, a doc comment
# naming a parameter that does not exist or leaving one out), then fails when a public symbol of those modules has
# no documentation comment (scripts/doc-coverage.py over the symbol graphs the plugin extracted). The archives land
# in .build/plugins/Swift-DocC/outputs/<Module>.doccarchive. About 2 minutes after a debug build (the plugin builds
# its own tools once, then extracts symbol graphs), much of it waiting for the build lock when others build.
#   bash scripts/check-docs.sh
set -euo pipefail
cd "$(dirname "$0")/.."

# The documentation targets (also in .spi.yml, for the Swift Package Index).
# AuroraDataAPIModel is re-exported by AuroraDataAPI and AuroraDataAPIRecords; a symbol graph holds one module's
# symbols only, so the model has a catalog of its own.
targets=(AuroraDataAPI AuroraDataAPIModel AuroraDataAPIRecords AuroraMigrate AuroraSigV4 AuroraSQLKit AuroraFluent)

arguments=()
for target in "${targets[@]}"; do arguments+=(--target "$target"); done

# Nice: the plugin builds the modules and extracts their symbol graphs first.
nice -n 10 swift package --disable-sandbox generate-documentation "${arguments[@]}" --warnings-as-errors \
    --symbol-graph-minimum-access-level public
# The plugin's symbol graphs: .build/<triple>/extracted-symbols/<package>/<Target>/.
graphs=$(dirname "$(swift build --show-bin-path)")/extracted-symbols
python3 scripts/doc-coverage.py "$graphs" "${targets[@]}"
