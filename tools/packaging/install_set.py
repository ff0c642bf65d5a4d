#!/usr/bin/env python3
"""Writes what an install puts where (install.manifest) and the version-filled
templates (k4a.pc, the CMake package), from the spec's one version number.

Manifest lines: KIND TAB DEST TAB SOURCE, DEST relative to the prefix with
@LIBDIR@ for the library folder, SOURCE a runfiles/source-tree path.
  file  copied (mode 644)        exec  copied (mode 755)
  template  copied with @PREFIX@/@LIBDIR@ filled in at install time
  link  a symbolic link DEST -> SOURCE
"""
import argparse
import os

from spec_version import spec_version


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--spec", required=True)
    p.add_argument("--headers", required=True, help="public headers manifest (install path TAB file)")
    p.add_argument("--shared", required=True)
    p.add_argument("--static", required=True)
    p.add_argument("--program", action="append", default=[])
    p.add_argument("--udev-rule", action="append", default=[])
    p.add_argument("--template", action="append", default=[], help="IN=DEST (IN's path, install dest)")
    p.add_argument("--outdir", required=True, help="where the filled templates go (exec path)")
    p.add_argument("--outdir-rootpath", required=True, help="the same folder as a runfiles path")
    p.add_argument("--manifest", required=True)
    a = p.parse_args()

    major, minor, patch = spec_version(a.spec)
    version = "%d.%d.%d" % (major, minor, patch)
    fill = {"@VERSION@": version, "@VERSION_MAJOR@": str(major), "@VERSION_MINOR@": str(minor)}

    lines = []
    with open(a.headers) as f:
        for line in f:
            dest, source = line.rstrip("\n").split("\t")
            lines.append(("file", "include/" + dest, source))
    real = "libk4a.so." + version
    lines += [
        ("exec", "@LIBDIR@/" + real, a.shared),
        ("link", "@LIBDIR@/libk4a.so.%d.%d" % (major, minor), real),  # the SONAME
        ("link", "@LIBDIR@/libk4a.so", "libk4a.so.%d.%d" % (major, minor)),
        ("file", "@LIBDIR@/libk4a.a", a.static),
    ]
    lines += [("exec", "bin/" + os.path.basename(prog), prog) for prog in a.program]
    lines += [("file", "lib/udev/rules.d/" + os.path.basename(r), r) for r in a.udev_rule]
    for spec in a.template:
        source, dest = spec.split("=")
        text = open(source).read()
        for key, value in fill.items():
            text = text.replace(key, value)
        name = os.path.basename(source)[:-len(".in")]
        with open(os.path.join(a.outdir, name), "w") as f:
            f.write(text)
        lines.append(("template", dest, os.path.join(a.outdir_rootpath, name)))
    with open(a.manifest, "w") as f:
        f.write("".join("%s\t%s\t%s\n" % line for line in lines))


if __name__ == "__main__":
    main()
