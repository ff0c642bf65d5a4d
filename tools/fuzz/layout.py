"""Checks a fuzz package as a whole against the convention (fuzz/README.md).

Per-target checks live in check_fuzzer.py (run by each <x>_fuzzer_convention_test);
this one looks at what no single target can see: a fuzzer source nobody
builds, a fuzz binary declared without openk4a_fuzzer() (so without replay
test, options and OSS-Fuzz manifest), orphaned dictionaries, corpora and
manifests, and crash artifacts committed under libFuzzer's names.

The package's BUILD file is evaluated as Python with every Bazel function
stubbed out, which is enough to list the openk4a_fuzzer() calls without Bazel.
"""

import builtins
import fnmatch
import os

NOT_A_SEED = ("README", "README.md")
ARTIFACT_PREFIXES = ("crash-", "leak-", "timeout-", "oom-", "slow-unit-")


_STARLARK_BUILTINS = ("all", "any", "bool", "dict", "enumerate", "getattr", "hasattr",
                      "int", "len", "list", "max", "min", "print", "range", "repr",
                      "reversed", "sorted", "str", "tuple", "type", "zip")


class _Anything:
    """Stands for any name the BUILD file loads or uses: callable, addable."""

    def __init__(self, name, calls):
        self._name = name
        self._calls = calls

    def __call__(self, *args, **kwargs):
        self._calls.append((self._name, kwargs))
        return _Anything(self._name + "()", self._calls)

    def __add__(self, other):
        return other

    __radd__ = __add__


class _Namespace(dict):
    def __init__(self, calls, files):
        super().__init__()
        self._calls = calls
        self["glob"] = lambda include, exclude=(), **kw: sorted(
            f for f in files
            if any(fnmatch.fnmatch(f, p.replace("**", "*")) for p in include)
            and not any(fnmatch.fnmatch(f, p.replace("**", "*")) for p in exclude))
        self["select"] = lambda choices, **kw: choices.get(
            "//conditions:default", next(iter(choices.values())))

    def __missing__(self, name):
        if name in _STARLARK_BUILTINS:
            return getattr(builtins, name)
        return _Anything(name, self._calls)


def build_calls(build_text, files):
    """[(function_name, kwargs)] of the top-level calls in a BUILD file."""
    calls = []
    namespace = _Namespace(calls, files)
    exec(compile(build_text, "BUILD", "exec"), {"__builtins__": __builtins__}, namespace)
    return calls


def check(package_dir, manifests_dir, package="fuzz"):
    """Returns a list of problems (strings) for the fuzz package at package_dir."""
    files = []
    for root, _, names in os.walk(package_dir):
        for n in names:
            files.append(os.path.relpath(os.path.join(root, n), package_dir))
    with open(os.path.join(package_dir, "BUILD")) as f:
        calls = build_calls(f.read(), files)

    problems = []
    fuzzers = {}
    for function, kwargs in calls:
        name = kwargs.get("name", "")
        if function == "openk4a_fuzzer":
            fuzzers[name] = kwargs
        elif function in ("cc_binary", "cc_test") and (
                name.endswith("_fuzzer") or
                any(str(s).endswith("_fuzzer.cc") for s in kwargs.get("srcs", []) or [])):
            problems.append("%s(name = %r) builds a fuzzer without openk4a_fuzzer(): it gets no "
                            "replay test, options or OSS-Fuzz manifest" % (function, name))

    built = set()
    for name, kwargs in fuzzers.items():
        for src in kwargs.get("srcs", []) or []:
            built.add(src)
        stem = name[:-len("_fuzzer")] if name.endswith("_fuzzer") else name
        if not os.path.isfile(os.path.join(package_dir, stem + ".dict")):
            problems.append("%s: %s/%s.dict is missing" % (name, package, stem))
        corpus = os.path.join(package_dir, "corpus", stem)
        seeds = [n for n in (os.listdir(corpus) if os.path.isdir(corpus) else [])
                 if n not in NOT_A_SEED]
        if not seeds:
            problems.append("%s: %s/corpus/%s/ has no seeds" % (name, package, stem))
        if not os.path.isfile(os.path.join(manifests_dir, name + ".json")):
            problems.append("%s: tools/oss-fuzz/targets/%s.json is missing "
                            "(tools/oss-fuzz/update_targets.py)" % (name, name))

    stems = {n[:-len("_fuzzer")] for n in fuzzers}
    for f in sorted(files):
        parts = f.split(os.sep)
        if len(parts) == 1 and f.endswith("_fuzzer.cc") and f not in built:
            problems.append("%s/%s is not built by any openk4a_fuzzer() in %s/BUILD" % (package, f, package))
        if len(parts) == 1 and f.endswith(".dict") and f[:-len(".dict")] not in stems:
            problems.append("%s/%s belongs to no fuzz target" % (package, f))
        if parts[0] == "corpus" and len(parts) >= 3:
            if parts[1] not in stems:
                problems.append("%s/corpus/%s/ belongs to no fuzz target" % (package, parts[1]))
            if parts[-1].startswith(ARTIFACT_PREFIXES):
                problems.append("%s/%s: name a kept crasher regression-<what> (what it broke)" % (package, f))
    orphan_dirs = {p.split(os.sep)[1] for p in files if p.startswith("corpus" + os.sep) and p.count(os.sep) == 1}
    for d in sorted(orphan_dirs):
        problems.append("%s/corpus/%s is a file; seeds live in corpus/<x>/" % (package, d))
    if os.path.isdir(manifests_dir):
        for m in sorted(os.listdir(manifests_dir)):
            if m.endswith(".json") and m[:-len(".json")] not in fuzzers:
                problems.append("tools/oss-fuzz/targets/%s belongs to no fuzz target "
                                "(tools/oss-fuzz/update_targets.py removes it)" % m)
    # One message per orphaned corpus dir is enough.
    return sorted(set(problems), key=problems.index)

