"""Pieces shared by openk4a's generators (api_gen.py, wire_*.py).

Python 3.11 standard library only. A generator builds a dict
{repo-relative path: text}; `run_generator()` implements the contract of
bazel/generated.bzl: `python3 GENERATOR SPEC OUT_DIR PATH...` writes each
requested PATH (relative to the Bazel package that asked for it) under
OUT_DIR. `--write-tree ROOT` writes every file under ROOT instead (used to
bootstrap new outputs before they are listed in a BUILD file).
"""

import os
import shutil
import subprocess
import sys
import textwrap
import tomllib

GENERATED_NOTICE = "generated from {spec} by {generator}; do not edit"


class SpecError(Exception):
    """The spec is malformed; the message names the offending entry."""


def load_toml(path):
    with open(path, "rb") as f:
        try:
            return tomllib.load(f)
        except tomllib.TOMLDecodeError as e:
            raise SpecError("%s: %s" % (path, e)) from None


def display_path(path):
    """A stable, repo-relative spelling of a path (for generated headers)."""
    if os.path.isabs(path):
        path = os.path.relpath(path)
    return path.replace(os.sep, "/")


def notice(spec, generator):
    return GENERATED_NOTICE.format(spec=display_path(spec), generator=display_path(generator))


def c_banner(spec, generator, purpose):
    """The first lines of a generated C/C++ file."""
    return "/* %s\n * %s */\n" % (purpose, notice(spec, generator))


def markdown_banner(spec, generator):
    """An HTML comment that Markdown renderers hide."""
    return "<!-- %s -->\n" % notice(spec, generator)


def c_comment(text, indent="", width=100, doxygen=True):
    """Wraps text into a /** ... */ (or /* ... */) block comment."""
    opener = "/**" if doxygen else "/*"
    paragraphs = [p for p in text.strip().split("\n\n") if p.strip()]
    lines = []
    for i, paragraph in enumerate(paragraphs):
        # Consecutive \param lines stay together; other paragraphs get a blank line.
        if i and not (paragraph.startswith("\\param") and paragraphs[i - 1].startswith("\\param")):
            lines.append("")
        lines.extend(textwrap.wrap(" ".join(paragraph.split()), width - len(indent) - 3))
    if len(lines) == 1 and len(indent) + len(opener) + len(lines[0]) + 4 <= width:
        return "%s%s %s */\n" % (indent, opener, lines[0])
    out = [indent + opener + "\n"]
    out += [(indent + " * " + line).rstrip() + "\n" for line in lines]
    out.append(indent + " */\n")
    return "".join(out)


def include_guard(path):
    """OPENK4A_<PATH>_ style guard for a header path like include/k4a/k4a.h."""
    stem = path.split("include/", 1)[-1]
    return "".join(c if c.isalnum() else "_" for c in stem).upper() + "_"


def select_outputs(files, requested):
    """Maps each requested package-relative path to one generated file.

    A requested path matches the generated path that ends with it at a path
    component boundary; it must match exactly one.
    """
    chosen = {}
    for want in requested:
        hits = [p for p in files if p == want or p.endswith("/" + want)]
        if len(hits) != 1:
            raise SpecError("requested output %r matches %d generated files%s" %
                            (want, len(hits), (": " + ", ".join(sorted(hits))) if hits else ""))
        chosen[want] = files[hits[0]]
    return chosen


C_FAMILY_SUFFIXES = (".c", ".h", ".cc", ".hpp")


def style_file():
    """The project's .clang-format: at the top of the tree this module sits in
    (tools/codegen/), whether that tree is the checkout, Bazel's execroot or a
    test's runfiles (both list //:.clang-format as an input)."""
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    path = os.path.join(root, ".clang-format")
    if not os.path.isfile(path):
        raise SpecError("%s is missing: the generated C is formatted with the project's style" % path)
    return path


def clang_format_binary():
    for name in ("clang-format-14", "clang-format"):
        found = shutil.which(name)
        if found:
            return found
    raise SpecError("clang-format-14 is missing (tools/install_deps.sh installs it)")


def format_c_family(files):
    """Generated C and C++ in the project's one style, so that the checked-in
    output passes the same format check as hand-written code."""
    binary = clang_format_binary()
    style = "--style=file:" + style_file()
    out = {}
    for path, text in files.items():
        if path.endswith(C_FAMILY_SUFFIXES):
            done = subprocess.run([binary, style, "--assume-filename=" + path], input=text.encode("utf-8"),
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=False)
            if done.returncode != 0:
                raise SpecError("clang-format failed on %s: %s" % (path, done.stderr.decode("utf-8", "replace")))
            text = done.stdout.decode("utf-8")
        out[path] = text
    return out


def write_files(root, files):
    for path, text in files.items():
        target = os.path.join(root, path)
        os.makedirs(os.path.dirname(target) or ".", exist_ok=True)
        with open(target, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)


def run_generator(generate, argv=None, generator_path=None):
    """Command-line entry point. generate(spec_path, generator_path) -> {path: text}."""
    argv = list(sys.argv[1:] if argv is None else argv)
    generator_path = generator_path or sys.argv[0]
    usage = ("usage: %s SPEC OUT_DIR PATH...\n       %s SPEC --write-tree ROOT" %
             (generator_path, generator_path))
    if len(argv) < 3:
        print(usage, file=sys.stderr)
        return 2
    spec = argv[0]
    try:
        files = generate(spec, generator_path)
        if argv[1] == "--write-tree":
            write_files(argv[2], format_c_family(files))
        else:
            # Only the requested files go through clang-format (one process each).
            write_files(argv[1], format_c_family(select_outputs(files, argv[2:])))
    except SpecError as e:
        print("%s: error: %s" % (display_path(generator_path), e), file=sys.stderr)
        return 1
    return 0
