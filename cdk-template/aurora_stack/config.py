"""Inputs of the stack, each checked before any construct is built.

* `Contract`: `lambda_contract.json`, what the Swift Lambda code and this app agree on (handler names,
  environment variable names, routes, the custom resource type). The stack reads every such name from it.
* `LambdaPackage`: the directory `scripts/package-lambda.sh` writes (zip, scripts hash, architecture).
* `StackSettings`: the CDK context values (`cdk deploy -c key=value`, `cdk.json`, or the `CDK_CONTEXT_JSON`
  environment variable, which `cdk.App` reads by itself), with safe defaults and range checks.
"""
from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Optional

TEMPLATE_DIR = Path(__file__).resolve().parent.parent
REPO_DIR = TEMPLATE_DIR.parent
CONTRACT_PATH = TEMPLATE_DIR / "lambda_contract.json"


class ConfigError(ValueError):
    """A missing package or a context value out of range; the message says what to change."""


# ---------------------------------------------------------------------------------------------------------
# lambda_contract.json


@dataclass(frozen=True)
class Contract:
    handlers: list[str]
    environment: dict[str, str]  # logical name -> variable name, e.g. "resourceArn" -> "AURORA_RESOURCE_ARN"
    routes: list[str]  # "METHOD /path"
    custom_resource_type: str
    hash_property: str
    attributes: list[str]
    package: dict[str, str]

    @staticmethod
    def load(path: Path = CONTRACT_PATH) -> "Contract":
        raw = json.loads(path.read_text())
        resource = raw["customResource"]
        return Contract(
            handlers=list(raw["handlers"]),
            environment=dict(raw["environment"]),
            routes=list(raw["routes"]),
            custom_resource_type=resource["type"],
            hash_property=resource["hashProperty"],
            attributes=list(resource["attributes"]),
            package=dict(raw["package"]),
        )

    def handler(self, name: str) -> str:
        """The handler string for `name`, refusing a name the contract does not list."""
        if name not in self.handlers:
            raise ConfigError(f"handler {name!r} is not in {CONTRACT_PATH.name} (handlers: {self.handlers})")
        return name


# ---------------------------------------------------------------------------------------------------------
# The Lambda package built by scripts/package-lambda.sh

ARCHITECTURES = ("x86_64", "arm64")
_HEX_HASH = re.compile(r"^[0-9a-f]{64}$")


@dataclass(frozen=True)
class LambdaPackage:
    directory: Path
    zip_path: Path
    scripts_hash: str
    architecture: str  # "x86_64" or "arm64"

    @staticmethod
    def default_directory(contract: Contract) -> Path:
        """`$AURORA_LAMBDA_PACKAGE`, else the contract's directory (`.build/lambda`) in the repository."""
        configured = os.environ.get("AURORA_LAMBDA_PACKAGE")
        return Path(configured) if configured else REPO_DIR / contract.package["directory"]

    @staticmethod
    def load(directory: Path, contract: Contract) -> "LambdaPackage":
        directory = directory.resolve()
        files = contract.package
        hint = "run `bash scripts/package-lambda.sh` first (AURORA_LAMBDA_PACKAGE selects another directory)"
        zip_path = directory / files["zip"]
        hash_path = directory / files["scriptsHash"]
        arch_path = directory / files["architecture"]
        for path in (zip_path, hash_path, arch_path):
            if not path.is_file():
                raise ConfigError(f"Lambda package incomplete: {path} is missing; {hint}")
        scripts_hash = hash_path.read_text().strip()
        if not _HEX_HASH.match(scripts_hash):
            raise ConfigError(f"{hash_path} must hold the SHA-256 hex printed by `aurora-data migrate hash`, "
                              f"found {scripts_hash!r}; {hint}")
        architecture = arch_path.read_text().strip()
        if architecture not in ARCHITECTURES:
            raise ConfigError(f"{arch_path} must be one of {ARCHITECTURES}, found {architecture!r}; {hint}")
        return LambdaPackage(directory, zip_path, scripts_hash, architecture)


# ---------------------------------------------------------------------------------------------------------
# CDK context values

ENGINES = ("postgresql", "mysql")
REMOVAL_POLICIES = ("snapshot", "retain", "destroy")
_DATABASE_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]{0,62}$")


def _as_bool(key: str, value: Any) -> bool:
    # `-c key=false` arrives as the string "false"; cdk.json and CDK_CONTEXT_JSON can carry real booleans.
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("true", "1", "yes"):
        return True
    if text in ("false", "0", "no"):
        return False
    raise ConfigError(f"context {key!r} must be true or false, got {value!r}")


def _as_float(key: str, value: Any) -> float:
    # Context from `-c key=value` is a string; from JSON it can be a number.
    if not isinstance(value, bool):
        try:
            return float(value)
        except (TypeError, ValueError):
            pass
    raise ConfigError(f"context {key!r} must be a number, got {value!r}")


def _as_int(key: str, value: Any) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and re.fullmatch(r"\s*-?\d+\s*", value):
        return int(value)
    raise ConfigError(f"context {key!r} must be a whole number, got {value!r}")


def _as_origins(value: Any) -> list[str]:
    # A JSON list, or one comma-separated string (what `-c cors_origins=https://a,https://b` gives).
    if value is None or value == "" or value is False:
        return []
    items = value if isinstance(value, list) else str(value).split(",")
    return [str(item).strip() for item in items if str(item).strip()]


def _check_range(key: str, value: float, low: float, high: float) -> None:
    if not low <= value <= high:
        raise ConfigError(f"context {key!r} must be between {low:g} and {high:g}, got {value:g}")


@dataclass(frozen=True)
class StackSettings:
    engine: str = "postgresql"
    database: str = "blog"
    min_capacity: float = 0  # ACU; 0 lets the cluster pause (scale to zero)
    max_capacity: float = 2  # ACU
    seconds_until_auto_pause: int = 300
    deletion_protection: bool = True
    removal_policy: str = "snapshot"
    migrate_timeout: int = 600  # seconds, the migrate function's timeout
    service_timeout: int = 900  # seconds CloudFormation waits for the custom resource's answer
    throttle_rate_limit: float = 50  # requests per second on the API's default stage
    throttle_burst_limit: int = 100
    cors_origins: tuple[str, ...] = ()

    @staticmethod
    def from_context(get: Callable[[str], Optional[Any]]) -> "StackSettings":
        """Reads each value with `get` (`node.try_get_context`); a value left out keeps its default."""
        defaults = StackSettings()

        def value(key: str) -> Any:
            found = get(key)
            return getattr(defaults, key) if found is None else found

        settings = StackSettings(
            engine=str(value("engine")).strip().lower(),
            database=str(value("database")).strip(),
            min_capacity=_as_float("min_capacity", value("min_capacity")),
            max_capacity=_as_float("max_capacity", value("max_capacity")),
            seconds_until_auto_pause=_as_int("seconds_until_auto_pause", value("seconds_until_auto_pause")),
            deletion_protection=_as_bool("deletion_protection", value("deletion_protection")),
            removal_policy=str(value("removal_policy")).strip().lower(),
            migrate_timeout=_as_int("migrate_timeout", value("migrate_timeout")),
            service_timeout=_as_int("service_timeout", value("service_timeout")),
            throttle_rate_limit=_as_float("throttle_rate_limit", value("throttle_rate_limit")),
            throttle_burst_limit=_as_int("throttle_burst_limit", value("throttle_burst_limit")),
            cors_origins=tuple(_as_origins(get("cors_origins"))),
        )
        settings.validate()
        return settings

    def validate(self) -> None:
        """Ranges the services enforce at deploy time (cfn-lint checks none of them), refused at synth."""
        if self.engine not in ENGINES:
            raise ConfigError(f"context 'engine' must be one of {ENGINES}, got {self.engine!r}")
        if not _DATABASE_NAME.match(self.database):
            raise ConfigError("context 'database' must start with a letter and hold only letters, digits and "
                              f"underscores (at most 63), got {self.database!r}")
        if self.removal_policy not in REMOVAL_POLICIES:
            raise ConfigError(f"context 'removal_policy' must be one of {REMOVAL_POLICIES}, "
                              f"got {self.removal_policy!r}")
        # Aurora Serverless v2 capacities: 0 (pause) to 256 ACU in steps of 0.5; the maximum is at least 1.
        for key in ("min_capacity", "max_capacity"):
            value = getattr(self, key)
            _check_range(key, value, 0, 256)
            if (value * 2) != int(value * 2):
                raise ConfigError(f"context {key!r} must be a multiple of 0.5 ACU, got {value:g}")
        _check_range("max_capacity", self.max_capacity, 1, 256)
        if self.min_capacity > self.max_capacity:
            raise ConfigError(f"context 'min_capacity' ({self.min_capacity:g}) must not exceed "
                              f"'max_capacity' ({self.max_capacity:g})")
        _check_range("seconds_until_auto_pause", self.seconds_until_auto_pause, 300, 86400)
        _check_range("migrate_timeout", self.migrate_timeout, 1, 900)  # Lambda's own maximum
        _check_range("service_timeout", self.service_timeout, 1, 3600)  # CloudFormation's range
        if self.service_timeout < self.migrate_timeout:
            raise ConfigError(f"context 'service_timeout' ({self.service_timeout}) must cover the migrate "
                              f"function's timeout 'migrate_timeout' ({self.migrate_timeout})")
        _check_range("throttle_rate_limit", self.throttle_rate_limit, 1, 10000)
        _check_range("throttle_burst_limit", self.throttle_burst_limit, 1, 5000)
        for origin in self.cors_origins:
            if origin != "*" and not re.match(r"^https?://[^/\s]+$", origin):
                raise ConfigError(f"context 'cors_origins': {origin!r} is not an origin like https://example.com")
