#!/usr/bin/env python3
"""A shared library's exports, from its public headers: the version script
that makes them, and the check that the built library exports exactly them.

    exported_symbols.py --headers k4a_headers.manifest --library libk4a.so
    exported_symbols.py --headers k4a_headers.manifest --version-script OUT

The headers (manifest lines: install path TAB file) are laid out as users see
them and parsed by clang-14 (-ast-dump=json) as C++17, which gives every
declared function with its mangled name. Both directions must hold:
  - every function the headers declare without a body (not inline, not a
    template) is exported by the library;
  - every symbol the library exports is declared in the headers: a function
    or variable, or the vtable/typeinfo of a class they declare.
Names are compared demangled (c++filt), so C1/C2 constructor variants agree.
Exit status 0 when both hold, 1 with the differences listed otherwise.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

FUNCTION_KINDS = {"FunctionDecl", "CXXMethodDecl", "CXXConstructorDecl", "CXXDestructorDecl",
                  "CXXConversionDecl"}
RECORD_KINDS = {"CXXRecordDecl", "RecordDecl"}
# Defined dynamic symbols of these nm types are exports (text, weak, data, bss, read-only, unique).
EXPORT_TYPES = set("TWVDBRiuv")


def layout_headers(manifest, root, base):
    """Symlinks each header to its install path under root; returns the paths."""
    paths = []
    for line in open(manifest):
        install_path, source = line.rstrip("\n").split("\t")
        source = os.path.join(base, source)
        target = os.path.join(root, install_path)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        os.symlink(os.path.abspath(source), target)
        paths.append(target)
    return paths


def demangle(names):
    if not names:
        return {}
    out = subprocess.run(["c++filt"], input="\n".join(names), capture_output=True, text=True,
                         check=True).stdout.split("\n")
    return dict(zip(names, out))


class Declarations:
    """Walks clang's JSON AST, keeping what the public headers declare."""

    def __init__(self, header_files):
        self.header_files = {os.path.realpath(p) for p in header_files}
        self.required = {}    # mangled -> qualified name: must be exported
        self.allowed = set()  # mangled names that may be exported
        self.records = set()  # qualified names of classes declared in the headers
        self.inline = set()   # mangled names with a definition in the headers
        self._file = None

    def _track(self, loc):
        # clang prints "file" only when it changes from the location printed
        # before (spelling, then expansion, for macros): follow that order.
        for part in ([loc[k] for k in ("spellingLoc", "expansionLoc") if k in loc] or [loc]):
            if "file" in part:
                self._file = os.path.realpath(part["file"])

    def _location_file(self, node):
        """The file of node's own location; keeps the tracking in step."""
        self._track(node.get("loc", {}))
        own = self._file
        self._track(node.get("range", {}).get("begin", {}))
        self._track(node.get("range", {}).get("end", {}))
        return own

    def walk(self, node, scope=(), in_template=False, anonymous=False):
        kind = node.get("kind")
        public = self._location_file(node) in self.header_files
        name = node.get("name", "")
        inner_scope = scope
        if kind == "NamespaceDecl":
            anonymous = anonymous or not name
            inner_scope = scope + (name,)
        elif kind in RECORD_KINDS and name:
            inner_scope = scope + (name,)
            if public and not in_template and node.get("completeDefinition"):
                self.records.add("::".join(inner_scope))
        elif kind in ("FunctionTemplateDecl", "ClassTemplateDecl"):
            in_template = True
        elif kind in FUNCTION_KINDS and public and "mangledName" in node:
            self._function(node, in_template, anonymous)
        elif (kind == "VarDecl" and public and "mangledName" in node and not anonymous and not in_template and
              node.get("storageClass") != "static"):
            if node.get("storageClass") == "extern":
                self.required[node["mangledName"]] = name
            self.allowed.add(node["mangledName"])
        for child in node.get("inner", []):
            self.walk(child, inner_scope, in_template, anonymous)

    def _function(self, node, in_template, anonymous):
        file_static = node.get("kind") == "FunctionDecl" and node.get("storageClass") == "static"
        if in_template or anonymous or file_static or node.get("isImplicit"):
            return
        mangled = node["mangledName"]
        self.allowed.add(mangled)
        has_body = any(child.get("kind") == "CompoundStmt" for child in node.get("inner", []))
        if (node.get("inline") or has_body or node.get("explicitlyDeleted") or node.get("explicitlyDefaulted")
                or node.get("pure")):
            self.inline.add(mangled)  # a later inline definition frees an earlier declaration too
        else:
            self.required[mangled] = node.get("name")


def header_declarations(headers, root, clang):
    source = "".join('#include "%s"\n' % os.path.relpath(h, root) for h in headers)
    ast = subprocess.run(
        [clang, "-x", "c++", "-std=c++17", "-fsyntax-only", "-I", root, "-Xclang", "-ast-dump=json", "-"],
        input=source, capture_output=True, text=True)
    if ast.returncode != 0:
        sys.exit("the public headers do not compile on their own:\n" + ast.stderr)
    decls = Declarations(headers)
    decls.walk(json.loads(ast.stdout))
    for mangled in decls.inline:
        decls.required.pop(mangled, None)
    return decls


def exported_symbols(library):
    out = subprocess.run(["nm", "-D", "--defined-only", library], capture_output=True, text=True,
                         check=True).stdout
    names = set()
    for line in out.splitlines():
        fields = line.split()
        if len(fields) == 3 and fields[1] in EXPORT_TYPES:
            names.add(fields[2].split("@")[0])
    return names


def version_script(decls):
    """Exports exactly the declared names; everything else stays local."""
    names = demangle(sorted(decls.allowed))
    c_names = sorted(m for m in decls.allowed if names[m] == m and not m.startswith("_Z"))
    cxx_names = sorted({names[m] for m in decls.allowed if m.startswith("_Z")} |
                       {prefix + r for r in decls.records
                        for prefix in ("vtable for ", "typeinfo for ", "typeinfo name for ")})
    quoted = ['      "%s";\n' % n.replace("\\", "\\\\").replace('"', '\\"') for n in cxx_names]
    return ("/* Generated by tools/packaging/exported_symbols.py from the public headers. */\n"
            "{\n  global:\n" + "".join("    %s;\n" % n for n in c_names) +
            '    extern "C++" {\n' + "".join(quoted) + "    };\n  local:\n    *;\n};\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--headers", required=True, help="manifest: install path TAB header file")
    parser.add_argument("--header-base", default=".", help="folder the manifest's file paths start from")
    parser.add_argument("--clang", default="clang-14")
    action = parser.add_mutually_exclusive_group(required=True)
    action.add_argument("--library", help="check this library's exports")
    action.add_argument("--version-script", help="write the linker version script here")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as root:
        headers = layout_headers(args.headers, root, args.header_base)
        decls = header_declarations(headers, root, args.clang)
    if args.version_script:
        with open(args.version_script, "w") as out:
            out.write(version_script(decls))
        return 0
    exported = exported_symbols(args.library)
    names = demangle(sorted(exported | set(decls.required) | decls.allowed))

    required = {names[m] for m in decls.required}
    allowed = {names[m] for m in decls.allowed}
    for record in decls.records:
        for prefix in ("vtable for ", "typeinfo for ", "typeinfo name for "):
            allowed.add(prefix + record)
    exported_names = {names[m] for m in exported}

    missing = sorted(required - exported_names)
    undeclared = sorted(exported_names - allowed - required)
    print("%s: %d exported symbols; the headers declare %d functions/variables that must be "
          "exported (%d declarations in all)" % (os.path.basename(args.library), len(exported_names),
                                                  len(required), len(allowed)))
    for name in missing:
        print("  declared in a public header but not exported: " + name)
    for name in undeclared:
        print("  exported but not declared in a public header: " + name)
    if missing or undeclared:
        print("FAILED: %d missing, %d undeclared" % (len(missing), len(undeclared)))
        return 1
    print("OK: exported symbols == public declarations")
    return 0


if __name__ == "__main__":
    sys.exit(main())
