#!/bin/sh
# Writes OUTPUT_FILE (a Swift file of the AuroraBuildInfo module): the git commit of REPOSITORY (default: this
# checkout) and whether tracked files differ from it. The BuildInfo plugin (Plugins/BuildInfo) runs it in the
# build whenever git's HEAD, index or branch ref or a source file changed, so the commit that
# `aurora-data --version` prints is the one built, in a clean clone, in CI and in a working copy alike; nothing
# generated is committed. Without git or a repository the commit is empty ("unknown" at run time).
# The file is replaced only when its content changes, so an unchanged tree rebuilds nothing.
#   sh scripts/build-info.sh OUTPUT_FILE [REPOSITORY]
set -eu
file=$1
repo=${2:-$(dirname "$0")/..}
# safe.directory: a checkout owned by another user (CI runs as root) is still read; --no-optional-locks: status
# does not rewrite the index (which would make the build run this again).
git_in_repo() { git -c safe.directory='*' --no-optional-locks -C "$repo" "$@" 2>/dev/null; }
commit=$(git_in_repo rev-parse --verify --quiet HEAD) || commit=""
modified=false
if [ -n "$commit" ] && [ -n "$(git_in_repo status --porcelain --untracked-files=no)" ]; then
    modified=true
fi
mkdir -p "$(dirname "$file")"
temporary=$file.new
cat >"$temporary" <<SWIFT
// Written by scripts/build-info.sh at build time; not kept in git.
extension AuroraBuildInfo {
    static let commit = "$commit"
    static let treeModified = $modified
}
SWIFT
if cmp -s "$temporary" "$file"; then rm -f "$temporary"; else mv "$temporary" "$file"; fi
