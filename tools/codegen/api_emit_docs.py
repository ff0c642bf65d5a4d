"""Emits docs/api/: one Markdown reference page per public function, plus an index."""

from codegen_common import markdown_banner

DOCS = "docs/api/"
GROUP_TITLES = {
    "logging": "Logging",
    "image": "Images",
    "capture": "Captures",
    "device": "Devices",
    "imu": "IMU",
    "calibration": "Calibration",
    "transformation": "Transformation",
    "strings": "Enumeration names (openk4a extension)",
    "openk4a": "openk4a extensions",
}


def _cell(text):
    return " ".join(text.split()).replace("|", "\\|")


def page(api, fn, spec, gen):
    out = [markdown_banner(spec, gen), "# %s\n\n" % fn.name, "%s\n\n" % fn.summary]
    if fn.deprecated_for:
        out.append("**Deprecated.** Use [%s](%s.md), which behaves identically; this name is kept "
                   "for code written against older SDK versions.\n\n" % (fn.deprecated_for, fn.deprecated_for))
    out.append("## Syntax\n\n```c\n%s;\n```\n\n" % fn.prototype())
    out.append("## Parameters\n\n")
    if fn.params:
        out.append("| parameter | direction | type | description |\n|---|---|---|---|\n")
        for p in fn.params:
            out.append("| `%s` | %s | `%s` | %s |\n" % (p.name, p.dir, p.type, _cell(p.doc)))
        out.append("\n")
    else:
        out.append("None.\n\n")
    out.append("## Return value\n\n%s\n\n" % (_cell(fn.return_doc) if fn.return_doc else "None."))
    if fn.remarks:
        out.append("## Remarks\n\n%s\n\n" % _cell(fn.remarks))
    out.append("## Header\n\n`#include <%s>`\n" % fn.header)
    return "".join(out)


def index(api, spec, gen):
    out = [markdown_banner(spec, gen), "# openk4a API reference\n\n",
           "One page per public function, generated from the same spec as the headers "
           "(`core/spec/api.toml`). Differences from the Microsoft SDK are listed in the "
           "project README.\n\n"]
    for group, title in GROUP_TITLES.items():
        fns = [f for f in api.functions if f.group == group]
        if not fns:
            continue
        out.append("## %s\n\n" % title)
        for f in fns:
            note = " (deprecated)" if f.deprecated_for else ""
            out.append("- [%s](%s.md)%s: %s\n" % (f.name, f.name, note, f.summary))
        out.append("\n")
    return "".join(out).rstrip("\n") + "\n"


def pages(api, spec, gen):
    files = {DOCS + "index.md": index(api, spec, gen)}
    for fn in api.functions:
        files[DOCS + fn.name + ".md"] = page(api, fn, spec, gen)
    return files
