#!/usr/bin/env python3
"""Fails when a shipped executable depends on the SQLKit or Fluent layers, whose size and start-up they must not pay.
    python3 scripts/check-executable-deps.py [BINARY...]
Reads the package graph (`swift package describe --type json`): the targets each executable reaches, and the
products those targets use, must include neither AuroraSQLKit/AuroraFluent nor a product of sql-kit or fluent-kit.
Each BINARY given (the static `aurora-data`, which is also the Lambda `bootstrap`) must hold no symbol of those
modules either.
"""
import json
import subprocess
import sys

EXECUTABLES = ["aurora-data", "bootstrap", "aurora-data-local"]
FORBIDDEN_TARGETS = {"AuroraSQLKit", "AuroraFluent"}
FORBIDDEN_PRODUCTS = {"SQLKit", "SQLKitBenchmark", "FluentKit", "FluentSQL", "FluentBenchmark", "XCTFluent"}
FORBIDDEN_MODULE_NAMES = [b"AuroraSQLKit", b"AuroraFluent", b"FluentKit", b"FluentSQL", b"SQLKit"]


def main():
    described = subprocess.run(
        ["swift", "package", "describe", "--type", "json"], check=True, capture_output=True, text=True
    ).stdout
    targets = {target["name"]: target for target in json.loads(described)["targets"]}
    failures = []
    for executable in EXECUTABLES:
        reached, pending, products = set(), [executable], set()
        while pending:
            name = pending.pop()
            if name in reached or name not in targets:
                continue
            reached.add(name)
            pending += targets[name].get("target_dependencies", [])
            products |= set(targets[name].get("product_dependencies", []))
        bad = sorted((reached & FORBIDDEN_TARGETS) | (products & FORBIDDEN_PRODUCTS))
        if bad:
            failures.append(f"{executable} depends on {', '.join(bad)}")
    for binary in sys.argv[1:]:
        with open(binary, "rb") as file:
            content = file.read()
        found = [name.decode() for name in FORBIDDEN_MODULE_NAMES if name in content]
        if found:
            failures.append(f"{binary} holds symbols of {', '.join(found)}")
    for failure in failures:
        print(f"check-executable-deps: {failure}; SQLKit and Fluent support must stay in its library targets", file=sys.stderr)
    if not failures:
        print(f"check-executable-deps: {', '.join(EXECUTABLES)} do not depend on SQLKit or Fluent")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
