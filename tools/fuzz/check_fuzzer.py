"""Checks one fuzz target against the convention (run by <x>_fuzzer_convention_test).

  dictionary    parses as libFuzzer and AFL read it, has at least one entry
  corpus        at least one real seed (README files do not count), none above
                max_len (the fuzzer returns early above it: such a seed tests nothing)
  options       <x>_fuzzer.options carries the same max_len and the dictionary
  manifest      tools/oss-fuzz/targets/<x>_fuzzer.json, what build.sh compiles,
                is what the build graph says now
"""

import argparse
import hashlib
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import dictionary  # noqa: E402

NOT_A_SEED = ("README", "README.md")
UPDATE_HINT = "tools/oss-fuzz/update_targets.py"


def check_dictionary(path):
    with open(path, "rb") as f:
        entries = dictionary.parse(f.read())
    if not entries:
        return ["%s has no entries" % path]
    return []


def check_corpus(files, max_len):
    problems = []
    seeds = [f for f in files if os.path.basename(f) not in NOT_A_SEED and os.path.isfile(f)]
    if not seeds:
        problems.append("the corpus has no seed (README files do not count)")
    seen = {}
    for path in sorted(seeds):
        size = os.path.getsize(path)
        if size > max_len:
            problems.append("%s is %d bytes, above max_len %d: the fuzzer never looks at it" %
                            (path, size, max_len))
        with open(path, "rb") as f:
            digest = hashlib.sha1(f.read()).hexdigest()
        if digest in seen:
            problems.append("%s is a copy of %s" % (path, seen[digest]))
        seen[digest] = path
    return problems


def expected_options(fuzzer, max_len):
    return "[libfuzzer]\nmax_len = %d\ndict = %s.dict\n" % (max_len, fuzzer)


def check_options(path, fuzzer, max_len):
    with open(path) as f:
        text = f.read()
    if text != expected_options(fuzzer, max_len):
        return ["%s says %r, expected %r" % (path, text, expected_options(fuzzer, max_len))]
    return []


def check_manifest(generated, checked_in):
    if not os.path.isfile(checked_in):
        return ["%s is missing: build.sh (OSS-Fuzz, ClusterFuzzLite) would not build this "
                "fuzzer. Run %s" % (checked_in, UPDATE_HINT)]
    with open(generated) as f:
        fresh = f.read()
    with open(checked_in) as f:
        old = f.read()
    if fresh != old:
        return ["%s is stale (sources, deps or max_len changed). Run %s" % (checked_in, UPDATE_HINT)]
    return []


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--fuzzer", required=True)
    parser.add_argument("--max_len", type=int, required=True)
    parser.add_argument("--dict", required=True)
    parser.add_argument("--options", required=True)
    parser.add_argument("--manifest", required=True)
    parser.add_argument("--checked_in_manifest", required=True)
    parser.add_argument("corpus", nargs="*")
    args = parser.parse_args(argv)

    problems = []
    try:
        problems += check_dictionary(args.dict)
    except dictionary.DictionaryError as e:
        problems.append("%s: %s" % (args.dict, e))
    problems += check_corpus(args.corpus, args.max_len)
    problems += check_options(args.options, args.fuzzer, args.max_len)
    problems += check_manifest(args.manifest, args.checked_in_manifest)
    for p in problems:
        print("%s: %s" % (args.fuzzer, p), file=sys.stderr)
    if problems:
        return 1
    print("%s follows the fuzz target convention" % args.fuzzer)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
