#!/usr/bin/env bash
# Tests scripts/install.sh: installs into a temporary PREFIX, then checks what a user gets.
#   - PREFIX/bin/aurora-data is the static binary, stripped, and `--version` names the commit checked out here;
#   - the completions are where bash-completion, zsh and fish look under PREFIX/share, and they complete:
#     bash and fish are asked for the completions of `aurora-data ex`, `aurora-data exec --for` and
#     `aurora-data exec --format `; zsh parses its script and registers it for aurora-data through compinit.
# Needs bash, zsh and fish (scripts/install-deps.sh installs them).
#   bash scripts/check-install.sh
set -euo pipefail
cd "$(dirname "$0")/.."
fail() { echo "check-install: $*" >&2; exit 1; }
for shell in zsh fish; do command -v "$shell" >/dev/null || fail "$shell is not installed (scripts/install-deps.sh)"; done

prefix=$(mktemp -d)
trap 'rm -rf "$prefix"' EXIT
bash scripts/install.sh "$prefix"

binary=$prefix/bin/aurora-data
[ -x "$binary" ] || fail "no executable $binary"
file "$binary" | grep "statically linked" >/dev/null || fail "$binary is not statically linked: $(file -b "$binary")"
file "$binary" | grep ", stripped" >/dev/null || fail "$binary is not stripped: $(file -b "$binary")"
commit=$(git -c safe.directory='*' rev-parse HEAD)
version=$("$binary" --version)
case "$version" in
    "aurora-data "*"(commit $commit"*) ;;
    *) fail "--version printed '$version'; expected the version and commit $commit" ;;
esac

# The completion scripts run `aurora-data` for some answers: the installed one comes first on PATH.
export PATH="$prefix/bin:$PATH"
expect_completions() {  # shell, output, what it completed, expected words...
    local shell=$1 output=$2 what=$3
    shift 3
    for word in "$@"; do
        grep -qx -- "$word" <<<"$output" || fail "$shell completes '$what' to: $(tr '\n' ' ' <<<"$output"); expected $*"
    done
}

bash_script=$prefix/share/bash-completion/completions/aurora-data
[ -s "$bash_script" ] || fail "no bash completion at $bash_script"
bash_complete() {  # the words bash offers for the command line $1 (cursor at its end)
    bash --norc --noprofile -c '
        source "$1"
        function=$(complete -p aurora-data | sed -n "s/.* -F \([^ ]*\) .*/\1/p")
        [ -n "$function" ] || { echo "no completion function registered for aurora-data" >&2; exit 1; }
        COMP_LINE=$2
        COMP_POINT=${#COMP_LINE}
        read -ra COMP_WORDS <<<"$COMP_LINE"
        [[ $COMP_LINE == *" " ]] && COMP_WORDS+=("")
        COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
        COMPREPLY=()
        "$function" aurora-data "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
        printf "%s\n" "${COMPREPLY[@]}"
    ' bash "$bash_script" "$1"
}
expect_completions bash "$(bash_complete 'aurora-data ex')" "aurora-data ex" exec
expect_completions bash "$(bash_complete 'aurora-data exec --for')" "aurora-data exec --for" --format
expect_completions bash "$(bash_complete 'aurora-data exec --format ')" "aurora-data exec --format " table json csv

fish_script=$prefix/share/fish/vendor_completions.d/aurora-data.fish
[ -s "$fish_script" ] || fail "no fish completion at $fish_script"
fish_complete() { fish --no-config -c "source '$fish_script'; complete -C '$1'" | cut -f1; }
expect_completions fish "$(fish_complete 'aurora-data ex')" "aurora-data ex" exec
expect_completions fish "$(fish_complete 'aurora-data exec --for')" "aurora-data exec --for" --format
expect_completions fish "$(fish_complete 'aurora-data exec --format ')" "aurora-data exec --format " table json csv

zsh_dir=$prefix/share/zsh/site-functions
[ -s "$zsh_dir/_aurora-data" ] || fail "no zsh completion at $zsh_dir/_aurora-data"
zsh -n "$zsh_dir/_aurora-data" || fail "zsh cannot parse $zsh_dir/_aurora-data"
registered=$(zsh -f -c "fpath=('$zsh_dir' \$fpath); autoload -Uz compinit; compinit -u -D; print -r -- \$_comps[aurora-data]")
[ "$registered" = "_aurora-data" ] || fail "zsh's compinit registered '$registered' for aurora-data, expected _aurora-data"

echo "check-install: ok: $binary ($version); bash, zsh and fish completions installed and completing" >&2
