#!/usr/bin/env bash
# Builds the Lambda package: the `bootstrap` executable in release, linked fully static (it runs on
# provided.al2023, whose glibc is older than this machine's), stripped, with the migration scripts beside it in
# schema/, zipped. Also writes the scripts' hash (from `aurora-data migrate hash`, the one source of truth the CDK
# app reads) and the architecture the binary was built for.
#
#   bash scripts/package-lambda.sh
#
# Output in $AURORA_LAMBDA_PACKAGE (default .build/lambda):
#   aurora-data-lambda.zip   bootstrap + schema/*.sql, the Lambda code for both functions
#   scripts-hash             the ScriptsHash the template's Custom::SchemaMigration carries
#   architecture             x86_64 or arm64
#   asset/                   the zip's content, unpacked
# $AURORA_SCHEMA_SOURCE (default scripts/schema) chooses the scripts to bundle.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${AURORA_LAMBDA_PACKAGE:-.build/lambda}
schema=${AURORA_SCHEMA_SOURCE:-scripts/schema}
scratch=${AURORA_LAMBDA_SCRATCH:-.build-lambda}

# A scratch path of its own: these flags would otherwise rebuild the normal release build each time.
# - fully static (-static-executable): provided.al2023 has an older glibc than the build machine;
# - size: -Osize, whole-program LTO, and runtime records (conformances, metadata) kept only for what is used
#   (-conditional-runtime-records with -internalize-at-link, sound for an executable: it is the whole program).
#   Without them the stripped binary is 29.8 MB; with them about 22.6 MB (budget 25 MB).
build=(swift build -c release --scratch-path "$scratch" --static-swift-stdlib -Xswiftc -static-executable
    --experimental-lto-mode=full -Xswiftc -Osize -Xcc -Os
    -Xswiftc -Xfrontend -Xswiftc -conditional-runtime-records -Xswiftc -Xfrontend -Xswiftc -internalize-at-link)
"${build[@]}" --product bootstrap >&2
bin=$("${build[@]}" --show-bin-path)
# The scripts' hash comes from the CLI (the debug build is enough, and the test command has built it already).
swift build --product aurora-data >&2
cli=$(swift build --show-bin-path)/aurora-data

rm -rf "$out/asset"
mkdir -p "$out/asset/schema"
cp "$bin/bootstrap" "$out/asset/bootstrap"
strip "$out/asset/bootstrap"
chmod 755 "$out/asset/bootstrap"
found=0
for script in "$schema"/*.sql; do
    [ -e "$script" ] || continue
    cp "$script" "$out/asset/schema/"
    found=1
done
[ "$found" = 1 ] || { echo "package-lambda: no .sql scripts in $schema" >&2; exit 1; }
"$cli" migrate hash --dir "$out/asset/schema" > "$out/scripts-hash"
case "$(uname -m)" in
    x86_64) echo x86_64 > "$out/architecture" ;;
    aarch64|arm64) echo arm64 > "$out/architecture" ;;
    *) echo "package-lambda: Lambda has no $(uname -m) architecture" >&2; exit 1 ;;
esac
rm -f "$out/aurora-data-lambda.zip"
(cd "$out/asset" && zip -q -9 -r -X ../aurora-data-lambda.zip bootstrap schema)
bash scripts/check-lambda-package.sh "$out"
echo "package-lambda: $out/aurora-data-lambda.zip ($(wc -c < "$out/aurora-data-lambda.zip") bytes), scripts hash $(cat "$out/scripts-hash"), $(cat "$out/architecture")" >&2
