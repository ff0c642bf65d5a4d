"""tools/bench_goals: are the project's performance goals (bench/goals.toml) met?

  tools/bench_goals                        build the suites the goals read
                                           (-c opt), run only the benchmarks
                                           they need, judge every goal
  tools/bench_goals --only 'cxx *'         only the goals whose name matches
  tools/bench_goals --results run.json     judge a tools/bench_all run (or an
                                           earlier bench_goals JSON) again,
                                           without building or measuring

Every goal is a ratio between benchmarks of the same run (both sides of it
measured in one binary, repetitions randomly interleaved). The table gives
the measured ratio, the interval its repetitions allow (bootstrap), and the
verdict: met, within noise, MISSED, known miss (an issue owns it), not run
(a benchmark it needs is absent: never counted as met), ERROR.

Exit status: 0 no goal missed, 1 a goal missed beyond the measured noise,
2 an error (a suite failed, a bad goals file, nothing measured at all).
"""

import argparse
import datetime
import json
import os
import sys

from bench import all_cli, build, goals, measure, plot, report

SCHEMA = "openk4a-bench-goals/1"


def parse_args(argv):
    parser = argparse.ArgumentParser(
        prog="bench_goals", description=__doc__.split("\n\n")[0].split(": ", 1)[1],
        epilog=__doc__.split("\n\n", 1)[1], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--goals", help="goals file (default bench/goals.toml)")
    parser.add_argument("--only", metavar="PATTERN", action="append",
                        help="only goals whose name matches this fnmatch pattern (repeatable)")
    parser.add_argument("--results", metavar="JSON",
                        help="judge this tools/bench_all (or bench_goals) JSON instead of measuring")
    parser.add_argument("--binaries", nargs="+", metavar="BINARY",
                        help="run these prebuilt suites (named by their file name) instead of building")
    parser.add_argument("--no-build", action="store_true",
                        help="use the suites as last built with -c opt (no bazel build)")
    measure.add_run_arguments(parser, 2, "whole runs of each suite", 0.1, 1800)
    parser.add_argument("--json", help="where to write the verdicts and the run "
                        "(default out/bench/goals-<when>-<rev>.json)")
    parser.add_argument("--plot", help="SVG picture (default: next to --json)")
    parser.add_argument("--no-plot", action="store_true")
    parser.add_argument("--quiet", action="store_true", help="no progress lines on stderr")
    args = parser.parse_args(argv)
    measure.check_run_arguments(parser, args)
    return args


def _load_run(path):
    with open(path, encoding="utf-8") as f:
        document = json.load(f)
    schema = str(document.get("schema", ""))
    if schema.startswith("openk4a-bench-goals/"):
        return document["run"]
    if schema.startswith("openk4a-bench-run/"):
        return document
    raise build.BuildError("%s is neither a tools/bench_all nor a tools/bench_goals result" % path)


def _measure(args, argv, goal_set, root, started):
    progress = not args.quiet
    wanted = set(goal_set.suites())
    suites, build_errors, skipped = all_cli.collect_suites(
        root, build.DEFAULT_PATTERN, args.binaries, args.no_build, progress, wanted=wanted)
    if args.binaries:
        # Prebuilt binaries are named by their file name; a goal names a label.
        by_name = {label.rpartition(":")[2]: label for label in wanted}
        suites = {by_name.get(name, name): gbench_suite for name, gbench_suite in suites.items()}
        for label, suite in suites.items():
            suite.name = label
    filters = goal_set.filters()
    if progress:
        print("running %d suite(s) the goals read: %d round(s) x %d repetition(s)" % (
            len(suites), args.rounds, args.repetitions), file=sys.stderr)
    side = measure.run_sides([("run", suites)], args.rounds, args.repetitions, args.min_time,
                             filters={name: filters[name] for name in suites if name in filters},
                             timeout=args.timeout, progress=progress)["run"]
    for label, reason in build_errors.items():
        side.errors[label] = reason
    return all_cli.run_document(
        root, side, suites, skipped,
        {"rounds": args.rounds, "repetitions": args.repetitions, "min_time": args.min_time,
         "filter": filters, "suites": sorted(wanted)},
        ["tools/bench_goals"] + list(argv), started)


def run(args, argv):
    goal_set = goals.load(args.goals)
    if args.only:
        goal_set = goal_set.only(*args.only)
        if not goal_set.goals:
            raise goals.GoalsError("no goal matches --only %r" % args.only)
    started = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
    root = all_cli.checkout_root()
    if args.results:
        run_doc = _load_run(args.results)
    else:
        run_doc = _measure(args, argv, goal_set, root, started)
    results = goals.evaluate(goal_set, run_doc)
    code = goals.exit_code(results)
    document = {
        "schema": SCHEMA,
        "created": started.isoformat(),
        "command": ["tools/bench_goals"] + list(argv),
        "goals_file": goal_set.source,
        "confidence": goal_set.confidence,
        "git": run_doc.get("git"),
        "goals": results,
        "summary": goals.summary(results),
        "exit_status": code,
        "run": run_doc,
    }
    print(report.goals_table(results))
    print()
    print("%s -> %s" % (report.goals_summary_line(results),
                        {0: "PASS", 1: "GOAL MISSED", 2: "ERROR"}[code]))
    git = run_doc.get("git") or {}
    json_path = args.json or os.path.join(root, "out", "bench", "goals-%s-%s.json" % (
        started.strftime("%Y%m%dT%H%M%SZ"), (git.get("short") or "norev") + ("-dirty" if git.get("dirty") else "")))
    all_cli.write_results(json_path, document, None if args.no_plot else plot.goals_svg, args.plot)
    return code


def main(argv=None):
    argv = list(sys.argv[1:] if argv is None else argv)
    args = parse_args(argv)
    try:
        return run(args, argv)
    except (build.BuildError, goals.GoalsError, OSError, ValueError) as exc:
        print("bench_goals: %s" % exc, file=sys.stderr)
        return 2
