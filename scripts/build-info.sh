#!/bin/sh
# Writes OUTPUT_DIR/BuildCommit.swift: the git commit of REPOSITORY (default: this checkout) and whether tracked
# files differ from it. Run before every build by the BuildInfo plugin (Plugins/BuildInfo), so the commit that
# `aurora-data --version` prints is always the one built, in a clean clone, in CI and in a working copy alike;
# nothing generated is committed. Without git or a repository the commit is empty ("unknown" at run time).
# The file is replaced only when its content changes, so an unchanged tree rebuilds nothing.
#   sh scripts/build-info.sh OUTPUT_DIR [REPOSITORY]
set -eu
out=$1
repo=${2:-$(dirname "$0")/..}
# safe.directory: a checkout owned by another user (CI runs as root) is still read.
git_in_repo() { git -c safe.directory='*' -C "$repo" "$@" 2>/dev/null; }
commit=$(git_in_repo rev-parse --verify --quiet HEAD) || commit=""
modified=false
if [ -n "$commit" ] && [ -n "$(git_in_repo status --porcelain --untracked-files=no)" ]; then
    modified=true
fi
mkdir -p "$out"
file=$out/BuildCommit.swift
temporary=$out/.BuildCommit.swift.new
cat >"$temporary" <<SWIFT
// Written by scripts/build-info.sh at build time; not kept in git.
extension AuroraBuildInfo {
    static let commit = "$commit"
    static let treeModified = $modified
}
SWIFT
if cmp -s "$temporary" "$file"; then rm -f "$temporary"; else mv "$temporary" "$file"; fi
