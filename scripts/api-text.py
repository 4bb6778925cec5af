#!/usr/bin/env python3
"""Prints the public API of one module, one declaration a line, from `swift api-digester -dump-sdk` output.

    python3 scripts/api-text.py DUMP.json

The lines are sorted within each type, so the text changes only when the API does; `scripts/check-api.sh` compares
it with the record in `api/`. Each line is the declaration as a user sees it: kind, name with argument labels,
parameter and result types, `async`/`throws`, `static`, `mutating`, accessors, generic requirements and the
protocols a type conforms to (the implicit `Copyable`, `Escapable` and `SendableMetatype` left out). Functions,
initializers and subscripts are printed from their mangled names by `swift demangle` (the digester's JSON does not
record `async` or typed throws; the mangled name does).
"""
import json
import re
import subprocess
import sys

IMPLICIT_CONFORMANCES = {"Copyable", "Escapable", "SendableMetatype", "BitwiseCopyable"}
TYPE_KINDS = {"TypeNominal", "TypeFunc", "TypeNameAlias"}
DECL_KEYWORDS = {
    "Struct": "struct",
    "Class": "class",
    "Enum": "enum",
    "Protocol": "protocol",
    "Func": "func",
    "Var": "var",
    "Constructor": "init",
    "Subscript": "subscript",
    "TypeAlias": "typealias",
    "AssociatedType": "associatedtype",
    "EnumElement": "case",
    "Macro": "macro",
    "Import": "import",
}
# Attributes that change how a declaration may be used; the others (storage, inlining hints) do not.
SHOWN_ATTRIBUTES = {"DiscardableResult", "Final", "Frozen", "Inlinable", "UsableFromInline",
                    "ObjC", "Dynamic", "Required", "Preconcurrency", "Nonisolated", "MainActor", "Sendable",
                    "DynamicMemberLookup", "ResultBuilder", "PropertyWrapper"}


def types_of(node):
    return [child for child in node.get("children", []) if child["kind"] in TYPE_KINDS]


def labels(printed_name):
    """`f(_:x:)` -> ['_', 'x']; `f()` -> []; a name without parentheses -> None."""
    if "(" not in printed_name or not printed_name.endswith(")"):
        return None
    inside = printed_name[printed_name.index("(") + 1 : -1]
    return [label for label in inside.split(":") if label != ""] if inside else []


def signature(node, keyword):
    """Name, parameters and effects of a function, initializer or subscript."""
    name = node["printedName"].split("(")[0] if keyword != "init" else "init"
    types = [child["printedName"] for child in types_of(node)]
    result, parameters = (types[0], types[1:]) if types else ("()", [])
    names = labels(node["printedName"]) or []
    rendered = ", ".join(f"{label}: {type_}" for label, type_ in zip(names + ["_"] * len(parameters), parameters))
    effects = ""
    if node.get("isAsync") or "Async" in node.get("declAttributes", []):
        effects += " async"
    if node.get("throwing"):
        effects += " throws"
    text = f"{name}({rendered}){effects}"
    if keyword == "init":
        return text + ("?" if result.endswith("?") and node.get("init_kind") != "Designated" else "")
    if keyword == "subscript":
        return f"subscript({rendered}){effects} -> {result}"
    return text + ("" if result == "()" else f" -> {result}")


DEMANGLED = {}
MODULE = [""]
PROTOCOLS = set()


def demangle_all(root):
    """Fills DEMANGLED with the demangled name of every function, initializer and subscript, in one call."""
    names = []

    def collect(node):
        if node.get("declKind") in ("Func", "Constructor", "Subscript") and node.get("mangledName"):
            names.append(node["mangledName"])
        for child in node.get("children", []):
            collect(child)

    collect(root)
    if not names:
        return
    output = subprocess.run(["swift", "demangle", "--compact"], input="\n".join(names) + "\n", capture_output=True,
                            text=True, check=True).stdout.splitlines()
    if len(output) != len(names):
        raise SystemExit(f"api-text: swift demangle printed {len(output)} lines for {len(names)} names")
    DEMANGLED.update(zip(names, output))


def line(node, path=()):
    declaration_kind = node.get("declKind", node["kind"])
    keyword = DECL_KEYWORDS.get(declaration_kind, declaration_kind.lower())
    prefix = []
    attributes = [a for a in node.get("declAttributes", []) if a in SHOWN_ATTRIBUTES]
    prefix += [f"@{a}" for a in sorted(attributes)]
    if node.get("deprecated"):
        prefix.append("@deprecated")
    if node.get("static"):
        prefix.append("static")
    if node.get("funcSelfKind") == "Mutating":
        prefix.append("mutating")
    if node.get("isOpen"):
        prefix.append("open")
    if keyword in ("func", "init", "subscript") and node.get("mangledName") in DEMANGLED:
        text = re.sub(r"\(extension in [^)]*\):", "", DEMANGLED[node["mangledName"]])
        if text.startswith("static "):
            text = text[len("static "):]
        text = text.removesuffix(" -> ()")
        # The declaration's own name: drop the module and enclosing types the indentation already shows (for a
        # type of another module, its qualified name and the constraints of the extension, if any, stay).
        for prefix_path in (".".join(path) + ".", ):
            if path and text.startswith(prefix_path):
                text = text[len(prefix_path):]
        if keyword == "init":
            text = text.removesuffix(" -> " + ".".join(path))
        text = ("func " if keyword == "func" else "") + text
    elif keyword in ("func", "init", "subscript"):
        body = signature(node, keyword)
        text = body if keyword in ("init", "subscript") else f"func {body}"
    elif keyword == "var":
        types = types_of(node)
        accessors = sorted({a.get("accessorKind", a["name"].lower()) for a in node.get("accessors", [])},
                           key=["get", "set", "_modify", "modify", "_read", "read"].index
                           if all(a.get("accessorKind") in ("get", "set", "_modify", "modify", "_read", "read")
                                  for a in node.get("accessors", [])) else str)
        shown = [a for a in accessors if a in ("get", "set")]
        let = node.get("isLet")
        text = f"{'let' if let else 'var'} {node['printedName']}: {types[0]['printedName'] if types else '?'}"
        if not let and shown:
            text += " { " + " ".join(shown) + " }"
    elif keyword == "case":
        types = types_of(node)
        # An enum element's type is `(Enum.Type) -> Enum`, or `(Enum.Type) -> (Payload) -> Enum` with a payload.
        payload = ""
        if types and types[0]["kind"] == "TypeFunc":
            result = types_of(types[0])[0] if types_of(types[0]) else None
            if result is not None and result["kind"] == "TypeFunc" and len(types_of(result)) >= 2:
                payload = types_of(result)[1]["printedName"]
                if not payload.startswith("("):
                    payload = f"({payload})"
        text = f"case {node['printedName']}" + (f" {payload}" if payload else "")
    elif keyword in ("typealias", "associatedtype"):
        types = types_of(node)
        text = f"{keyword} {node['printedName']}" + (f" = {types[0]['printedName']}" if types else "")
    elif keyword == "macro":
        text = f"macro {node['printedName']}"
    elif node.get("moduleName") not in (None, MODULE[0]):
        # A type of another module that this one extends: only the conformances to this module's protocols are
        # this module's API (the type's own list changes with the dependencies).
        conformances = sorted(c["printedName"] for c in node.get("conformances", []) if c["printedName"] in PROTOCOLS)
        text = f"extension {node['moduleName']}.{node['printedName']}" + (
            f": {', '.join(conformances)}" if conformances else "")
    else:
        conformances = sorted(
            c["printedName"] for c in node.get("conformances", []) if c["printedName"] not in IMPLICIT_CONFORMANCES
        )
        text = f"{keyword} {node['printedName']}" + (f": {', '.join(conformances)}" if conformances else "")
    external = node.get("kind") == "TypeDecl" and node.get("moduleName") not in (None, MODULE[0])
    if external:
        prefix = []  # the attributes and generic parameters are the other module's
    generic = node.get("genericSig", "") if node.get("mangledName") not in DEMANGLED and not external else ""
    if generic and not (generic.startswith("<Self where Self : ") and "," not in generic):
        text += f" {generic}"
    if keyword in ("func", "init", "subscript"):
        parameters = types_of(node)[1:]
        names = labels(node["printedName"]) or []
        defaulted = [name for name, parameter in zip(names, parameters) if parameter.get("hasDefaultArg")]
        if defaulted:
            text += f"  [defaults: {', '.join(defaulted)}]"
    if node.get("protocolReq"):
        text += "  [requirement]"
    return " ".join(prefix + [text])


def walk(node, path, out):
    entries = []
    for child in node.get("children", []):
        if child["kind"] in TYPE_KINDS or child["kind"] in ("Import",):
            continue
        if child.get("declKind") == "Accessor" or child.get("implicit"):
            continue  # accessors are shown on their property; implicit members (derived ==, hashValue) are not API
        entries.append(child)
    rendered = sorted(((line(child, path), child) for child in entries), key=lambda pair: pair[0])
    for text, child in rendered:
        out.append(("    " * (len(path) - 1)) + text)
        if child["kind"] == "TypeDecl":
            walk(child, path + [child["printedName"]], out)


def main():
    if len(sys.argv) != 2:
        print(__doc__.strip(), file=sys.stderr)
        return 64
    with open(sys.argv[1], encoding="utf-8") as file:
        root = json.load(file)["ABIRoot"]
    demangle_all(root)
    module = next((c.get("moduleName") for c in root.get("children", []) if c.get("moduleName")), "")
    MODULE[0] = module
    PROTOCOLS.update(c["printedName"] for c in root.get("children", [])
                     if c.get("declKind") == "Protocol" and c.get("moduleName") == module)
    out = []
    walk(root, [module], out)
    print(f"// The public API of {module}, from "
          "swift api-digester -dump-sdk (scripts/check-api.sh --update writes this file).")
    print("\n".join(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
