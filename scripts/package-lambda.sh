#!/usr/bin/env bash
# Builds the Lambda package: the `bootstrap` executable in release, linked fully static (scripts/build-static.sh;
# it runs on provided.al2023, whose glibc is older than this machine's), stripped, with the migration scripts
# beside it in schema/, zipped. `bootstrap` is the static `aurora-data` under that name, which makes it the Lambda
# runtime (AuroraLambdaMain): the release build links one executable for both. Also writes the scripts' hash (from `aurora-data migrate hash`, the one source of
# truth the CDK app reads) and the architecture the binary was built for.
#
#   bash scripts/package-lambda.sh
#
# Output in $AURORA_LAMBDA_PACKAGE (default .build/lambda):
#   aurora-data-lambda.zip   bootstrap + schema/*.sql, the Lambda code for both functions
#   scripts-hash             the ScriptsHash the template's Custom::SchemaMigration carries
#   architecture             x86_64 or arm64
#   asset/                   the zip's content, unpacked
# $AURORA_SCHEMA_SOURCE (default scripts/schema) chooses the scripts to bundle.
# $AURORA_PACKAGE_BOOTSTRAP and $AURORA_PACKAGE_CLI: a `bootstrap` and an `aurora-data` already built (static for
# the bootstrap; the package gate checks it either way) to package without a build, e.g. the local deploy's
# later packages, which differ from its first one only in their scripts.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${AURORA_LAMBDA_PACKAGE:-.build/lambda}
schema=${AURORA_SCHEMA_SOURCE:-scripts/schema}
# The static build (scripts/build-static.sh) of `aurora-data`: the package's `bootstrap`, and the CLI that computes
# the scripts' hash.
if [ -n "${AURORA_PACKAGE_BOOTSTRAP:-}" ] && [ -n "${AURORA_PACKAGE_CLI:-}" ]; then
    bootstrap=$AURORA_PACKAGE_BOOTSTRAP
    cli=$AURORA_PACKAGE_CLI
else
    bin=$(bash scripts/build-static.sh aurora-data)
    bootstrap=$bin/aurora-data
    cli=$bin/aurora-data
fi

rm -rf "$out/asset"
mkdir -p "$out/asset/schema"
cp "$bootstrap" "$out/asset/bootstrap"
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
