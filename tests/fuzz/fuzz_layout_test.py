"""The fuzz package as a whole follows the convention (tools/fuzz/layout.py).

Every fuzz/<x>_fuzzer.cc is built by an openk4a_fuzzer() (so it has a replay
test, options and an OSS-Fuzz manifest), every fuzzer has its dictionary,
seeds and manifest, nothing is orphaned, crashers are named regression-<what>.
"""

import os
import sys

sys.path.insert(0, os.path.join(os.getcwd(), "tools", "fuzz"))
import layout  # noqa: E402


def main():
    if not os.path.isfile("fuzz/BUILD"):
        print("FAIL: fuzz/BUILD is not in the runfiles")
        return 1
    problems = layout.check("fuzz", os.path.join("tools", "oss-fuzz", "targets"))
    for p in problems:
        print("FAIL: " + p)
    if problems:
        return 1
    names = sorted(n[:-len(".json")] for n in os.listdir("tools/oss-fuzz/targets"))
    print("%d fuzz targets follow the convention: %s" % (len(names), " ".join(names)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
