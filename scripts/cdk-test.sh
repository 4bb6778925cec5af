#!/usr/bin/env bash
# Tests of the CDK app (cdk-template/): template assertions for both engines, cdk-nag, cfn-lint, the contract
# with the Swift Lambda code. No Swift build and no AWS account needed (a fake Lambda package is used).
#
#   bash scripts/cdk-test.sh                  # set up cdk-template/.venv if needed, run pytest
#   bash scripts/cdk-test.sh -k contract      # extra arguments go to pytest
#   bash scripts/cdk-test.sh --setup          # only create/refresh the venv (used by deploy-local.sh)
#
# Works on a fresh Debian 12 machine as root (or with sudo): installs node (jsii runs the CDK in node) and
# python3-venv when missing, then the pinned cdk-template/requirements.txt into cdk-template/.venv.
set -euo pipefail
cd "$(dirname "$0")/../cdk-template"

# jsii prints a large banner for node releases past their end of life; these two work.
export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION=18,20

apt_install() {
    local sudo_cmd=""
    [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
    echo "cdk-test: installing $*" >&2
    $sudo_cmd apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

command -v node >/dev/null || apt_install nodejs
python3 -c 'import ensurepip, venv' 2>/dev/null || apt_install python3-venv

# The venv is refreshed when requirements.txt changes (its hash is kept beside it); quick otherwise.
stamp=.venv/.requirements.sha256
wanted=$(sha256sum requirements.txt | cut -d' ' -f1)
if [ ! -x .venv/bin/python ] || [ "$(cat "$stamp" 2>/dev/null)" != "$wanted" ]; then
    echo "cdk-test: installing cdk-template/requirements.txt into cdk-template/.venv (about a minute)" >&2
    [ -x .venv/bin/python ] || python3 -m venv .venv
    .venv/bin/python -m pip install -q --disable-pip-version-check -r requirements.txt
    echo "$wanted" > "$stamp"
fi

if [ "${1:-}" = "--setup" ]; then
    exit 0
fi

set +e
.venv/bin/python -m pytest "$@"
status=$?
set -e
# pytest exits 5 when nothing was collected: a typo in -k, or a broken test directory. That is a failure.
if [ "$status" -eq 5 ]; then
    echo "cdk-test: pytest collected no tests" >&2
    exit 1
fi
exit "$status"
