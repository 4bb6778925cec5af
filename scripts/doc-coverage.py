#!/usr/bin/env python3
"""Fails when a public symbol of the named modules has no documentation comment.

    python3 scripts/doc-coverage.py SYMBOL_GRAPH_DIR MODULE...

Reads the symbol graphs (`<Module>.symbols.json`, and `<Module>@<Other>.symbols.json` for extensions of other
modules' types) that `swift package generate-documentation` or `swift package dump-symbol-graph` wrote under
SYMBOL_GRAPH_DIR (searched recursively), and lists every public or open symbol of MODULE... without a doc comment,
with its file and line, then exits 1. Symbols the compiler writes (`::SYNTHESIZED::`: protocol extension members
copied into a conforming type) and extension blocks are not declarations of the module and are skipped; a
member implementing a documented protocol requirement inherits that documentation, as in DocC.
"""
import json
import os
import sys
from urllib.parse import unquote, urlparse


def graph_files(directory, modules):
    """Yields (module, path) for every symbol graph file of the named modules (each file once, by name)."""
    seen = set()
    for root, _, files in os.walk(directory):
        for name in sorted(files):
            if not name.endswith(".symbols.json") or name in seen:
                continue
            module = name[: -len(".symbols.json")].split("@")[0]
            if module in modules:
                seen.add(name)
                yield module, os.path.join(root, name)


def undocumented(path):
    """The public symbols of one graph file without a doc comment: (title path, file, line)."""
    with open(path, encoding="utf-8") as file:
        graph = json.load(file)
    for symbol in graph.get("symbols", []):
        if symbol.get("accessLevel") not in ("public", "open"):
            continue
        if "::SYNTHESIZED::" in symbol["identifier"]["precise"]:
            continue
        if symbol["kind"]["identifier"] in ("swift.extension",):
            continue
        lines = (symbol.get("docComment") or {}).get("lines") or []
        if any(line.get("text", "").strip() for line in lines):
            continue
        location = symbol.get("location") or {}
        uri = location.get("uri", "")
        source = unquote(urlparse(uri).path) if uri else "?"
        line = (location.get("position") or {}).get("line", -1) + 1
        yield ".".join(symbol["pathComponents"]), source, line


def main():
    if len(sys.argv) < 3:
        print(__doc__.strip(), file=sys.stderr)
        return 64
    directory, modules = sys.argv[1], set(sys.argv[2:])
    found = {}
    missing = []
    for module, path in graph_files(directory, modules):
        found[module] = found.get(module, 0) + 1
        missing += [(module, *entry) for entry in undocumented(path)]
    absent = sorted(modules - found.keys())
    if absent:
        print(f"doc-coverage: no symbol graph for {', '.join(absent)} under {directory}", file=sys.stderr)
        return 1
    if missing:
        root = os.getcwd() + os.sep
        for module, name, source, line in sorted(set(missing), key=lambda entry: (entry[2], entry[3], entry[1])):
            print(f"{source.removeprefix(root)}:{line}: {module}.{name} has no documentation comment")
        print(
            f"doc-coverage: {len(set(missing))} public symbols of {', '.join(sorted(modules))} have no "
            "documentation comment: add a /// comment saying what each is for (see docs/releasing.md)",
            file=sys.stderr,
        )
        return 1
    print(f"doc-coverage: every public symbol of {', '.join(sorted(modules))} is documented")
    return 0


if __name__ == "__main__":
    sys.exit(main())
