"""tools/bench_all: every benchmark suite, optimised, into one JSON file.

  tools/bench_all                          build //bench/... with -c opt, run
                                           every *_benchmark, write
                                           out/bench/run-<when>-<revision>.json
  tools/bench_all --min-time 0.05 --repetitions 3    a quick look
  tools/bench_all --binaries path/to/x_benchmark ... run prebuilt binaries

Each suite runs with repetitions and random interleaving (plus --rounds
whole runs); the JSON keeps every raw Google Benchmark entry per suite, next
to the machine, the software versions and the git revision, so that
dashboards can keep the history (python3 tools/bench/plot.py history ...).

Exit status: 0 when every suite built and ran, 2 otherwise (the JSON is
written either way).
"""

import argparse
import datetime
import json
import os
import sys

from bench import build, gbench, machine, measure, report

SCHEMA = "openk4a-bench-run/1"


def parse_args(argv):
    parser = argparse.ArgumentParser(
        prog="bench_all", description=__doc__.split("\n\n")[0].split(": ", 1)[1],
        epilog=__doc__.split("\n\n", 1)[1], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--suites", default=build.DEFAULT_PATTERN,
                        help="Bazel target pattern holding the *_benchmark suites (default //bench/...)")
    parser.add_argument("--binaries", nargs="+", metavar="BINARY",
                        help="run these benchmark binaries instead of building the tree's suites")
    parser.add_argument("--no-build", action="store_true",
                        help="use the suites as last built with -c opt (no bazel build)")
    measure.add_run_arguments(parser, 1, "whole runs of each suite", None, 1800)
    parser.add_argument("--filter", help="--benchmark_filter regex for every suite")
    parser.add_argument("--out", help="JSON file to write (default out/bench/run-<when>-<rev>.json)")
    parser.add_argument("--metric", default="cpu_time", help="metric of the printed table (default cpu_time)")
    parser.add_argument("--quiet", action="store_true", help="no progress lines on stderr")
    args = parser.parse_args(argv)
    measure.check_run_arguments(parser, args)
    return args


def collect_suites(root, pattern=build.DEFAULT_PATTERN, binaries=None, no_build=False, progress=True,
                   wanted=None):
    """The suites to run: prebuilt `binaries`, or the tree's *_benchmark
    suites under `pattern` (only those in `wanted`, when given), built with
    -c opt. Returns ({name: gbench.Suite}, {label: build error},
    {label: why skipped}). A suite whose peer library is not installed is
    skipped, never an error."""
    build_errors, skipped = {}, {}
    if binaries:
        suites = {}
        for path in binaries:
            if not os.access(path, os.X_OK):
                raise build.BuildError("%s is not an executable benchmark binary" % path)
            suites[os.path.basename(path)] = gbench.Suite(
                os.path.basename(path), os.path.abspath(path), env=build.testdata_env(root))
        return suites, build_errors, skipped
    tree = build.Tree(root)
    labels = tree.benchmark_labels(pattern)
    if wanted is not None:
        labels = [label for label in labels if label in wanted]
    if not labels:
        if wanted is not None:
            return {}, build_errors, skipped
        raise build.BuildError("no *_benchmark cc_binary under %s" % pattern)
    if no_build:
        code, bin_dir, err = tree.bazel("info", *build.BUILD_FLAGS, "bazel-bin")
        if code != 0:
            raise build.BuildError("bazel info failed:\n%s" % err)
        built = {}
        for label in labels:
            path = os.path.join(bin_dir.strip(), *build.label_path(label))
            if os.access(path, os.X_OK):
                built[label] = path
            else:
                build_errors[label] = "not built (run without --no-build)"
    else:
        if progress:
            print("building: bazel build -c opt %s" % " ".join(labels), file=sys.stderr)
        built, build_errors, skipped = tree.build(labels)
        for label, reason in sorted(skipped.items()):
            print("skipped %s: %s" % (label, reason), file=sys.stderr)
    return build.suites_of(built, root, build.testdata_env(root)), build_errors, skipped


def run_document(root, side, suites, skipped, settings, command, started):
    """The openk4a-bench-run document of one measured side (what
    tools/bench_all writes and tools/bench_compare --results reads)."""
    settings = dict(settings, random_interleaving=True, compilation_mode="opt")
    return {
        "schema": SCHEMA,
        "created": started.isoformat(),
        "finished": datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0).isoformat(),
        "command": list(command),
        "git": machine.git_info(root),
        "machine": machine.machine_info(),
        "settings": settings,
        "suites": {name: {"path": side.paths.get(name) or getattr(suites.get(name), "path", None),
                          "context": side.contexts.get(name, {}),
                          "error": side.errors.get(name),
                          "note": side.notes.get(name),
                          "benchmarks": side.entries.get(name, [])}
                   for name in side.suite_names()},
        "skipped": dict(skipped),
    }


def checkout_root():
    try:
        return build.repo_root()
    except build.BuildError:
        return os.getcwd()


def write_json(path, document):
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        json.dump(document, f, indent=1)
        f.write("\n")


def write_results(json_path, document, picture=None, svg_path=None):
    """Writes the JSON and, when `picture` (a function of the document giving
    SVG text) is given, the SVG at `svg_path` or next to the JSON; prints
    where they went."""
    write_json(json_path, document)
    print("results: %s" % json_path)
    if picture is not None:
        svg_path = svg_path or os.path.splitext(json_path)[0] + ".svg"
        with open(svg_path, "w", encoding="utf-8") as f:
            f.write(picture(document))
        print("picture: %s" % svg_path)


def run(args, argv):
    progress = not args.quiet
    started = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
    root = checkout_root()
    suites, build_errors, skipped = collect_suites(root, args.suites, args.binaries, args.no_build, progress)
    if progress:
        print("running %d suite(s): %d round(s) x %d repetition(s)" % (
            len(suites), args.rounds, args.repetitions), file=sys.stderr)
    side = measure.run_sides([("run", suites)], args.rounds, args.repetitions, args.min_time,
                             filters={n: args.filter for n in suites} if args.filter else None,
                             timeout=args.timeout, progress=progress)["run"]
    for label, reason in build_errors.items():
        side.errors[label] = reason

    document = run_document(
        root, side, suites, skipped,
        {"rounds": args.rounds, "repetitions": args.repetitions, "min_time": args.min_time,
         "filter": args.filter, "suites": args.suites if not args.binaries else None},
        ["tools/bench_all"] + list(argv), started)
    git = document["git"]
    out = args.out or os.path.join(root, "out", "bench", "run-%s-%s.json" % (
        started.strftime("%Y%m%dT%H%M%SZ"), (git.get("short") or "norev") + ("-dirty" if git.get("dirty") else "")))
    write_json(out, document)
    print(report.run_table(side, args.metric))
    for label, reason in sorted(skipped.items()):
        print("%s\n  skipped: %s" % (label, reason))
    print()
    print("results: %s" % out)
    return 2 if side.errors else 0


def main(argv=None):
    argv = list(sys.argv[1:] if argv is None else argv)
    args = parse_args(argv)
    try:
        return run(args, argv)
    except build.BuildError as exc:
        print("bench_all: %s" % exc, file=sys.stderr)
        return 2
