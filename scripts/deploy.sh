#!/usr/bin/env bash
# Deploys the stack (Aurora Serverless v2 + migrations + posts API) to the AWS account and region of your
# current credentials: packages the Lambda functions, then runs `cdk deploy` on cdk-template/.
#
#   bash scripts/deploy.sh [postgresql|mysql] [more cdk options, e.g. -c max_capacity=4]
#   bash scripts/deploy.sh postgresql -c stack_name=blog-prod     # a stack of your own name (default AuroraData)
#
# Several stacks of this app can live in one account and region, each under its own `stack_name`.
# Needs: the AWS CDK CLI (`npm install -g aws-cdk`), credentials for the target account, and once per
# account and region `cdk bootstrap`. Context values and what each step does: docs/deploy.md.
# The engine of an existing stack cannot change (that would replace the cluster).
set -euo pipefail
cd "$(dirname "$0")/.."
engine=${1:-postgresql}
case "$engine" in postgresql|mysql) ;; *) echo "usage: $0 [postgresql|mysql] [cdk options]" >&2; exit 64 ;; esac
[ $# -gt 0 ] && shift

# The stack to deploy: the `stack_name` context value among the cdk options, else the app's default.
stack=AuroraData
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
    case "${args[i]}" in
        -c|--context) value=${args[i + 1]:-} ;;
        -c=*|--context=*) value=${args[i]#*=} ;;
        *) continue ;;
    esac
    case "$value" in stack_name=*) stack=${value#stack_name=} ;; esac
done

command -v cdk >/dev/null || { echo "deploy: the AWS CDK CLI is missing (npm install -g aws-cdk)" >&2; exit 1; }
bash scripts/cdk-test.sh --setup      # cdk-template/.venv with the pinned aws-cdk-lib and cdk-nag
bash scripts/package-lambda.sh        # .build/lambda: bootstrap + schema scripts, scripts-hash, architecture

cd cdk-template
export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION=18,20
# cdk.json runs `python3 app.py`: put the venv's python3 first on PATH.
export PATH="$PWD/.venv/bin:$PATH"
cdk deploy "$stack" -c engine="$engine" "$@"
echo "deploy: stack $stack deployed; check it with: bash scripts/smoke.sh $stack" >&2
