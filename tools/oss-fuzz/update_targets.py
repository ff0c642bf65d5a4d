#!/usr/bin/env python3
"""Rewrites tools/oss-fuzz/targets/<x>_fuzzer.json from the build graph.

Run it after adding a fuzz target or changing its sources, deps or max_len
(its <x>_fuzzer_convention_test says so). It asks Bazel for every fuzz target,
builds their :<x>_fuzzer_oss_fuzz_manifest outputs, copies them here and
removes manifests of targets that no longer exist.
"""

import filecmp
import os
import shutil
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fuzz"))
import bazel_targets  # noqa: E402


def main():
    labels = bazel_targets.query_fuzzers()
    manifests = [label + "_oss_fuzz_manifest" for label in labels]
    bazel_targets.build(manifests, [])
    bin_dir = bazel_targets.bazel_bin([])
    targets_dir = os.path.join(bazel_targets.workspace_root(), "tools", "oss-fuzz", "targets")
    os.makedirs(targets_dir, exist_ok=True)
    wanted = set()
    for label in labels:
        name = label.split(":")[-1]
        wanted.add(name + ".json")
        generated = bazel_targets.output_path(bin_dir, label, "_oss_fuzz_manifest.json")
        target = os.path.join(targets_dir, name + ".json")
        if not os.path.exists(target) or not filecmp.cmp(generated, target, shallow=False):
            shutil.copyfile(generated, target)
            os.chmod(target, 0o644)
            print("updated tools/oss-fuzz/targets/%s.json" % name)
    for stale in sorted(set(os.listdir(targets_dir)) - wanted):
        if stale.endswith(".json"):
            os.remove(os.path.join(targets_dir, stale))
            print("removed tools/oss-fuzz/targets/%s (no such fuzz target)" % stale)
    return 0


if __name__ == "__main__":
    sys.exit(main())
