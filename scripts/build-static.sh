#!/usr/bin/env bash
# Builds the shipped executable, `aurora-data`, in release, linked fully static. It is the CLI, and the Lambda
# runtime when started under the name `bootstrap` (scripts/package-lambda.sh packages it so): one link-time-
# optimized link, the longest part of the build, serves both.
#
#   bash scripts/build-static.sh [PRODUCT...]     # default: aurora-data
#
# Prints the directory holding the binaries on stdout (build output goes to stderr).
# $AURORA_STATIC_SCRATCH (default .build-static) is the scratch path; its own, because these flags would
# otherwise rebuild the normal release build each time.
#
# - fully static (-static-executable, --static-swift-stdlib): the binaries need nothing from the machine but the
#   kernel, so they run where no Swift is installed, and on provided.al2023, whose glibc is older than the build
#   machine's. Names resolve through glibc's built-in `files` (/etc/hosts) and `dns` (/etc/resolv.conf) sources
#   (other NSS modules, such as mdns or myhostname, cannot be loaded by a static binary); HTTPS certificates are
#   checked against the system trust store (/etc/ssl/certs/ca-certificates.crt or
#   /etc/pki/tls/certs/ca-bundle.crt, found by swift-nio-ssl) or the PEM file AWS_CA_BUNDLE names.
#   scripts/check-static-cli.sh checks all of this in an empty root.
# - size and start-up: -Osize, whole-program LTO, and runtime records (conformances, metadata) kept only for what
#   is used (-conditional-runtime-records with -internalize-at-link, sound for an executable: it is the whole
#   program). Less to map and page in at start; the Lambda package stays within its budget (25 MB).
# - start-up: concrete type metadata through direct accessor calls, not by mangled name
#   (-disable-concrete-type-metadata-mangled-name-accessors). A mangled name makes the runtime check the generic
#   requirements by looking the conformances up, and each lookup that misses its cache scans every conformance
#   record of the binary (~6,800 here); measured on `aurora-data`, this flag cut the CPU time of `--help` from 3.5
#   to 2.0 ms and of one `exec` from 9.6 to 7.6 ms, for 86 KB more code.
set -euo pipefail
cd "$(dirname "$0")/.."
scratch=${AURORA_STATIC_SCRATCH:-.build-static}
products=("$@")
[ ${#products[@]} -gt 0 ] || products=(aurora-data)

build=(swift build -c release --scratch-path "$scratch" --static-swift-stdlib -Xswiftc -static-executable
    --experimental-lto-mode=full -Xswiftc -Osize -Xcc -Os
    -Xswiftc -Xfrontend -Xswiftc -conditional-runtime-records -Xswiftc -Xfrontend -Xswiftc -internalize-at-link
    -Xswiftc -Xfrontend -Xswiftc -disable-concrete-type-metadata-mangled-name-accessors)
for product in "${products[@]}"; do
    "${build[@]}" --product "$product" >&2
done
# SwiftPM links $scratch/release to the triple's release directory.
realpath "$scratch/release"
