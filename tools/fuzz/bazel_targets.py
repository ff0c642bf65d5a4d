"""Finds the fuzz targets and their outputs through Bazel (never a fixed list).

Fuzz targets are the cc_binary rules tagged "fuzzer" (bazel/fuzz.bzl) under
//fuzz/...; other engineers keep adding them, so everything asks Bazel.
"""

import os
import subprocess
import sys

FUZZER_QUERY = 'attr(tags, "\\bfuzzer\\b", kind(cc_binary, //fuzz/...))'


def workspace_root():
    """The checkout's top folder (tools/fuzz/../..)."""
    return os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def _bazel(args, capture=True, quiet=False):
    cmd = ["bazel"] + args
    stderr = subprocess.DEVNULL if quiet else None
    if capture:
        return subprocess.run(cmd, cwd=workspace_root(), check=True, text=True,
                              stdout=subprocess.PIPE, stderr=stderr).stdout
    subprocess.run(cmd, cwd=workspace_root(), check=True, stderr=stderr)
    return ""


def query_fuzzers():
    """Labels of every fuzz target, sorted ("//fuzz:x_fuzzer")."""
    out = _bazel(["query", FUZZER_QUERY, "--output=label"], quiet=True)
    return sorted(line.strip() for line in out.splitlines() if line.startswith("//"))


def select(labels, wanted):
    """Filters labels by names ("x", "x_fuzzer" or "//fuzz:x_fuzzer"); unknown names are errors."""
    if not wanted:
        return labels
    by_name = {label.split(":")[-1]: label for label in labels}
    chosen = []
    for name in wanted:
        key = name.split(":")[-1]
        if not key.endswith("_fuzzer"):
            key += "_fuzzer"
        if key not in by_name:
            sys.exit("no fuzz target %r; known: %s" % (name, " ".join(sorted(by_name))))
        chosen.append(by_name[key])
    return chosen


def build(labels, config_args):
    _bazel(["build"] + config_args + labels, capture=False)


def build_each(groups, config_args):
    """Builds {key: [labels]}; returns the keys whose labels do not all build.

    Fuzz targets are added by several people at once: one that does not
    build yet must not stop the others from running.
    """
    everything = [label for labels in groups.values() for label in labels]
    try:
        build(everything, config_args)
        return []
    except subprocess.CalledProcessError:
        pass
    broken = []
    for key, labels in groups.items():
        try:
            _bazel(["build"] + config_args + labels, capture=False, quiet=True)
        except subprocess.CalledProcessError:
            broken.append(key)
    return broken


def bazel_bin(config_args):
    """Absolute bazel-bin for a configuration (each has its own --platform_suffix)."""
    return _bazel(["info"] + config_args + ["bazel-bin"], quiet=True).strip()


def output_path(bin_dir, label, suffix=""):
    package, name = label[2:].split(":")
    return os.path.join(bin_dir, package, name + suffix)


def stem(label):
    """//fuzz:uvc_header_fuzzer -> uvc_header"""
    return label.split(":")[-1][:-len("_fuzzer")]


def corpus_dir(label):
    package = label[2:].split(":")[0]
    return os.path.join(workspace_root(), package, "corpus", stem(label))


def dict_path(label):
    package = label[2:].split(":")[0]
    return os.path.join(workspace_root(), package, stem(label) + ".dict")


def read_options(path):
    """Parses a <x>_fuzzer.options file: {"max_len": "4096", "dict": "..."}."""
    options = {}
    section = None
    with open(path) as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            if line.startswith("["):
                section = line.strip("[]")
            elif section == "libfuzzer" and "=" in line:
                key, value = line.split("=", 1)
                options[key.strip()] = value.strip()
    return options
