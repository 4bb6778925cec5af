"""Names derived from the stack name: the stack's own rule, the admin secret and the cluster identifier.

The Data API takes `resourceArn` and `secretArn` of at most 100 characters (the `Arn` shape of the rds-data
API). Both ARNs hold the partition and the region, and the secret's ARN ends in `-` plus 6 random characters that
Secrets Manager adds. A stack named by its user (any valid CloudFormation stack name, up to 128 characters)
therefore gets an explicitly named secret and cluster whose ARNs fit in every partition and region, with room for
the longest partition and the longest region name together, even where no such pair exists:

    arn:<partition>:secretsmanager:<region>:<account>:secret:<secret name>-XXXXXX   (<= 100)
    arn:<partition>:rds:<region>:<account>:cluster:<cluster identifier>             (<= 100)

A name that would not fit keeps its stack name's beginning and ends in 8 hex digits of the stack name's SHA-256,
so it is the same at every synthesis (an update never renames, which would replace the secret or the cluster).

The stack named `AuroraData`, the app's only name before stack names became a context value, keeps the names
CloudFormation generated for it (no `Name`, no `DBClusterIdentifier`): naming them now would replace the
deployed secret and cluster.
"""
from __future__ import annotations

import hashlib
import re

from .config import ConfigError

# The app's stack name before `stack_name` existed: every stack deployed then has it, with generated names.
LEGACY_STACK_NAME = "AuroraData"

# CloudFormation: a letter, then letters, digits and hyphens; at most 128 characters.
STACK_NAME_PATTERN = re.compile(r"^[A-Za-z][A-Za-z0-9-]*$")
STACK_NAME_MAX = 128

DATA_API_ARN_LIMIT = 100  # rds-data `Arn` shape: 11..100 characters, for resourceArn and secretArn

# The longest region name of each partition (botocore's endpoints.json, checked by the tests). The budget below
# takes the longest partition and the longest region together, so a new region of up to that length still fits.
LONGEST_REGIONS = {
    "aws": "ap-northeast-1",
    "aws-cn": "cn-northwest-1",
    "aws-us-gov": "us-gov-east-1",
    "aws-iso": "us-iso-east-1",
    "aws-iso-b": "us-isob-east-1",
    "aws-iso-e": "eu-isoe-west-1",
    "aws-iso-f": "us-isof-south-1",
    "aws-eusc": "eusc-de-east-1",
}
ACCOUNT_ID_LENGTH = 12
SECRET_RANDOM_SUFFIX = "-XXXXXX"  # Secrets Manager appends `-` and 6 random characters to every secret's name
_PARTITION_AND_REGION = max(map(len, LONGEST_REGIONS)) + max(map(len, LONGEST_REGIONS.values()))


def secret_arn(partition: str, region: str, account: str, name: str) -> str:
    """A secret's ARN as Secrets Manager forms it (the 6 random characters shown as X)."""
    return f"arn:{partition}:secretsmanager:{region}:{account}:secret:{name}{SECRET_RANDOM_SUFFIX}"


def cluster_arn(partition: str, region: str, account: str, identifier: str) -> str:
    return f"arn:{partition}:rds:{region}:{account}:cluster:{identifier}"


# The longest name each ARN leaves room for (27 and 44 characters).
SECRET_NAME_MAX = DATA_API_ARN_LIMIT - (len(secret_arn("", "", "", "")) + _PARTITION_AND_REGION + ACCOUNT_ID_LENGTH)
CLUSTER_IDENTIFIER_MAX = DATA_API_ARN_LIMIT - (len(cluster_arn("", "", "", "")) + _PARTITION_AND_REGION
                                               + ACCOUNT_ID_LENGTH)

# The secret's name is `<stack>-db-admin`. A name must not end in `-` and 6 characters: Secrets Manager would
# take them for its own random suffix when the secret is found by a partial ARN. This suffix keeps clear of that.
SECRET_NAME_SUFFIX = "-db-admin"
_HASH_LENGTH = 8


def check_stack_name(name: str) -> None:
    """Refuses what CloudFormation refuses, with the rule in the message."""
    if not STACK_NAME_PATTERN.match(name) or len(name) > STACK_NAME_MAX:
        raise ConfigError(f"context 'stack_name' must start with a letter and hold only letters, digits and hyphens, "
                          f"at most {STACK_NAME_MAX} characters (CloudFormation's rule), got {name!r}")


def _stable_hash(stack_name: str) -> str:
    return hashlib.sha256(stack_name.encode()).hexdigest()[:_HASH_LENGTH]


def _fit(text: str, limit: int, stack_name: str, *, force_hash: bool = False) -> str:
    """`text` if it fits in `limit` (and no hash is forced), else its beginning, `-`, and the stack name's hash."""
    if len(text) <= limit and not force_hash:
        return text
    keep = limit - 1 - _HASH_LENGTH
    return f"{text[:keep].rstrip('-')}-{_stable_hash(stack_name)}"


def secret_name(stack_name: str) -> str:
    """`<stack name>-db-admin`, or `<beginning>-<hash>-db-admin` when the stack name is too long for the ARN."""
    return _fit(stack_name, SECRET_NAME_MAX - len(SECRET_NAME_SUFFIX), stack_name) + SECRET_NAME_SUFFIX


def cluster_identifier(stack_name: str) -> str:
    """The stack name as an RDS identifier: lower case, single hyphens, no trailing hyphen, at most 44 characters.

    RDS stores identifiers in lower case, so a stack name that changes in that form (`Blog-Prod`, `a--b`) gets the
    hash of the original name too: `Blog-Prod` and `blog-prod` stay two clusters.
    """
    lowered = re.sub(r"-+", "-", stack_name.lower()).rstrip("-")
    return _fit(lowered, CLUSTER_IDENTIFIER_MAX, stack_name, force_hash=lowered != stack_name)


def api_name(stack_name: str) -> str:
    """The HTTP API's name, `<stack name>-posts` (the API's name need not be unique; this tells them apart)."""
    return _fit(stack_name, STACK_NAME_MAX - len("-posts"), stack_name) + "-posts"
