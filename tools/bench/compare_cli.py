"""tools/bench_compare: did the candidate make any benchmark slower?

  tools/bench_compare BASE CANDIDATE      two git revisions ("." = the checkout
                                          as it is on disk), built and measured
                                          in this one job
  tools/bench_compare --binaries BASE_BIN CANDIDATE_BIN
                                          two benchmark binaries (or one binary
                                          twice with --base-env/--candidate-env)
  tools/bench_compare --results BASE.json CANDIDATE.json
                                          two tools/bench_all runs (measured in
                                          different jobs: only as good as the
                                          machine was stable in between)

Runs alternate between the sides (A B, B A, ...), every run with repetitions
and random interleaving. A benchmark regresses when its median is worse by
more than its threshold AND a Mann-Whitney U test finds the difference
significant; a regression found in the first pass is measured again
(--confirm-rounds) and only counts when the second pass finds it too.

Exit status: 0 no regression, 1 at least one regression, 2 an error (a
suite did not build or run, bad arguments).
"""

import argparse
import datetime
import json
import os
import re
import shutil
import stat
import sys
import tempfile

from bench import all_cli, build, decide, gbench, machine, measure, plot, report, rules

SCHEMA = "openk4a-bench-compare/1"
EXIT_OK, EXIT_REGRESSION, EXIT_ERROR = 0, 1, 2


def _env_pairs(values):
    env = {}
    for item in values or []:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise SystemExit("bench_compare: expected KEY=VALUE, got %r" % item)
        env[key] = value
    return env


def parse_args(argv):
    parser = argparse.ArgumentParser(
        prog="bench_compare", description=__doc__.split("\n\n")[1].strip(),
        epilog=__doc__.split("\n\n", 2)[2], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("base", help="base revision (or binary / JSON file with --binaries / --results)")
    parser.add_argument("candidate", help="candidate revision (or binary / JSON file)")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--binaries", action="store_true", help="BASE and CANDIDATE are benchmark binaries")
    mode.add_argument("--results", action="store_true", help="BASE and CANDIDATE are bench_all JSON files")
    run = parser.add_argument_group("measuring")
    measure.add_run_arguments(run, 4, "runs per side, alternating", 0.1, 900)
    run.add_argument("--filter", help="--benchmark_filter regex for every suite")
    run.add_argument("--suites", default=build.DEFAULT_PATTERN,
                     help="Bazel target pattern holding the *_benchmark suites (default //bench/...)")
    run.add_argument("--confirm-rounds", type=int, default=None,
                     help="rounds re-measuring first-pass regressions (default: --rounds; 0 = off)")
    run.add_argument("--env", action="append", metavar="KEY=VALUE", help="environment of both sides")
    run.add_argument("--base-env", action="append", metavar="KEY=VALUE")
    run.add_argument("--candidate-env", action="append", metavar="KEY=VALUE")
    run.add_argument("--work-dir", help="keep exported trees and Bazel output bases here, so the "
                     "next comparison builds incrementally (default: a temporary folder)")
    decision = parser.add_argument_group("deciding")
    decision.add_argument("--thresholds", help="rules file (default tools/bench/thresholds.toml)")
    decision.add_argument("--threshold", type=float, help="default threshold, e.g. 0.05")
    decision.add_argument("--alpha", type=float, help="default significance level")
    decision.add_argument("--metric", help="default metric: cpu_time, real_time or a counter")
    output = parser.add_argument_group("output")
    output.add_argument("--json", help="where to write results + decisions (default out/bench/compare-<when>.json)")
    output.add_argument("--plot", help="SVG picture of the comparison (default: next to --json)")
    output.add_argument("--no-plot", action="store_true")
    output.add_argument("--quiet", action="store_true", help="no progress lines on stderr")
    args = parser.parse_args(argv)
    measure.check_run_arguments(parser, args)
    if args.confirm_rounds is None:
        args.confirm_rounds = args.rounds
    return args


def _now():
    return datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)


def _rmtree(path):
    def make_writable(func, target, _exc):
        os.chmod(os.path.dirname(target), stat.S_IRWXU)
        if os.path.exists(target) and not os.path.islink(target):
            os.chmod(target, stat.S_IRWXU)
        func(target)
    shutil.rmtree(path, onerror=make_writable)


class _Sides:
    """The two sides to measure: labels, facts and suites."""

    def __init__(self):
        self.info = {"base": {}, "candidate": {}}
        self.suites = {"base": {}, "candidate": {}}
        self.build_errors = {"base": {}, "candidate": {}}
        self.trees = []


def _prepare_revisions(args, sides, work, progress):
    root = build.repo_root()
    data_env = build.testdata_env(root)
    for side, revision in (("base", args.base), ("candidate", args.candidate)):
        if revision == ".":
            tree = build.Tree(root, label="%s (checkout)" % side)
            info = machine.git_info(root)
            info["label"] = "checkout" + (" (uncommitted changes)" if info.get("dirty") else "")
        else:
            commit = build.resolve_revision(root, revision)
            source = os.path.join(work, "src-" + side)
            if progress:
                print("exporting %s %s (%s)" % (side, revision, commit[:12]), file=sys.stderr)
            build.export_revision(root, commit, source)
            tree = build.Tree(source, output_base=os.path.join(work, "output-" + side),
                              disk_cache=os.path.join(work, "disk-cache"),
                              label="%s %s" % (side, commit[:12]))
            info = machine.git_info(root, commit)
            info["label"] = revision if revision == commit[:len(revision)] and len(revision) >= 7 \
                else "%s (%s)" % (revision, commit[:12])
        sides.info[side] = info
        sides.trees.append(tree)
        try:
            if progress:
                print("building %s: bazel build -c opt %s" % (tree.label, args.suites), file=sys.stderr)
            labels = tree.benchmark_labels(args.suites)
            built, failed, skipped = tree.build(labels)
            for label, reason in sorted(skipped.items()):
                print("skipped in %s: %s: %s" % (side, label, reason), file=sys.stderr)
        finally:
            # Not a single Bazel server of ours may run while measuring.
            tree.shutdown()
        env = dict(data_env)
        env.update(_env_pairs(args.env))
        env.update(_env_pairs(args.base_env if side == "base" else args.candidate_env))
        sides.suites[side] = build.suites_of(built, tree.root, env)
        sides.build_errors[side] = failed


def _prepare_binaries(args, sides):
    name = os.path.basename(args.base)
    for side, path in (("base", args.base), ("candidate", args.candidate)):
        if not os.access(path, os.X_OK):
            raise build.BuildError("%s is not an executable benchmark binary" % path)
        env = _env_pairs(args.env)
        env.update(_env_pairs(args.base_env if side == "base" else args.candidate_env))
        sides.suites[side] = {name: gbench.Suite(name, os.path.abspath(path), env=env)}
        label = path + "".join(" %s" % e for e in (args.base_env if side == "base" else args.candidate_env) or [])
        sides.info[side] = {"label": label, "binary": os.path.abspath(path), "env": env}


def _side_from_run(path, label):
    with open(path, encoding="utf-8") as f:
        document = json.load(f)
    if not str(document.get("schema", "")).startswith("openk4a-bench-run/"):
        raise build.BuildError("%s is not a tools/bench_all result" % path)
    side = measure.SideResult(label)
    for suite, data in document.get("suites", {}).items():
        if data.get("error"):
            side.errors[suite] = data["error"]
        side.entries[suite] = data.get("benchmarks", [])
        side.contexts[suite] = data.get("context", {})
        side.paths[suite] = data.get("path")
    git = dict(document.get("git") or {})
    git["label"] = "%s (%s)" % (git.get("short") or "?", os.path.basename(path))
    git["created"] = document.get("created")
    return side, git


def _build_error_results(sides):
    """Suites that did not build: an error when the candidate's did not (or
    both), nothing when only the base lacks a suite the candidate adds."""
    results = []
    for label, reason in sorted(sides.build_errors["candidate"].items()):
        results.append({"suite": label, "benchmark": None, "status": decide.ERROR,
                        "note": "candidate: " + reason})
    for label, reason in sorted(sides.build_errors["base"].items()):
        if label in sides.suites["candidate"]:
            print("note: %s does not build in the base; its benchmarks count as new" % label,
                  file=sys.stderr)
    return results


def _confirm(args, sides, results, rule_set, progress):
    """Measures first-pass changes (regressions and improvements) again;
    keeps only those the second pass finds too."""
    suspects = [r for r in results if r.get("benchmark") and
                r["status"] in (decide.REGRESSION, decide.IMPROVEMENT)]
    if not suspects or args.confirm_rounds == 0:
        return
    filters = {}
    for r in suspects:
        filters.setdefault(r["suite"], []).append(re.escape(r["benchmark"]))
    filters = {suite: "^(%s)$" % "|".join(names) for suite, names in filters.items()}
    if progress:
        print("confirming %d change(s) with %d more round(s)" % (len(suspects), args.confirm_rounds),
              file=sys.stderr)
    subset = [(side, {name: s for name, s in sides.suites[side].items() if name in filters})
              for side in ("base", "candidate")]
    measured = measure.run_sides(subset, args.confirm_rounds, args.repetitions, args.min_time,
                                 filters=filters, timeout=args.timeout, progress=progress)
    second = {(r["suite"], r["benchmark"]): r
              for r in decide.compare_sides(measured["base"], measured["candidate"], rule_set)}
    for r in suspects:
        again = second.get((r["suite"], r["benchmark"]))
        r["first_pass"] = {k: r[k] for k in ("status", "change", "p_value", "n_base", "n_candidate")}
        if again is None:
            r.update(status=decide.ERROR, note="confirmation run failed")
            continue
        r["confirmation"] = {k: again.get(k) for k in (
            "status", "change", "p_value", "n_base", "n_candidate", "base_samples",
            "candidate_samples")}
        if again["status"] == r["status"]:
            r["note"] = "; ".join(filter(None, [r.get("note"), "confirmed: %s, p=%s" % (
                report.format_change(again["change"]), report.format_p(again["p_value"]))]))
        elif again["status"] == decide.ERROR:
            r.update(status=decide.ERROR, note="confirmation: " + again.get("note", "failed"))
        else:
            r.update(status=decide.UNCHANGED, note="not confirmed (again %s, p=%s)" % (
                report.format_change(again.get("change")), report.format_p(again.get("p_value"))))


def _default_json_path(root, sides, when):
    def short(side):
        info = sides.info[side]
        return (info.get("short") or re.sub(r"[^A-Za-z0-9._-]+", "_",
                                            os.path.basename(str(info.get("label", side)))))[:16]
    name = "compare-%s-%s-%s.json" % (when.strftime("%Y%m%dT%H%M%SZ"), short("base"), short("candidate"))
    return os.path.join(root, "out", "bench", name)


def run(args):
    progress = not args.quiet
    rule_set = rules.load(args.thresholds).override(
        threshold=args.threshold, alpha=args.alpha, metric=args.metric)
    started = _now()
    sides = _Sides()
    work = None
    results = []
    try:
        if args.results:
            base, sides.info["base"] = _side_from_run(args.base, "base")
            candidate, sides.info["candidate"] = _side_from_run(args.candidate, "candidate")
            if progress:
                print("note: comparing runs from different jobs; drift of the machine in between "
                      "is not cancelled", file=sys.stderr)
            measured = {"base": base, "candidate": candidate}
            mode = "results"
        else:
            if args.binaries:
                _prepare_binaries(args, sides)
                mode = "binaries"
            else:
                work = args.work_dir or tempfile.mkdtemp(prefix="openk4a-bench-compare-")
                os.makedirs(work, exist_ok=True)
                _prepare_revisions(args, sides, work, progress)
                mode = "revisions"
            results += _build_error_results(sides)
            if progress:
                print("measuring: %d round(s) x %d repetition(s) per side" % (args.rounds, args.repetitions),
                      file=sys.stderr)
            filters = {name: args.filter for side in sides.suites.values() for name in side} \
                if args.filter else None
            measured = measure.run_sides(
                [("base", sides.suites["base"]), ("candidate", sides.suites["candidate"])],
                args.rounds, args.repetitions, args.min_time, filters=filters,
                timeout=args.timeout, progress=progress)
        compared = decide.compare_sides(measured["base"], measured["candidate"], rule_set)
        failed_builds = set(sides.build_errors["candidate"])
        results += [r for r in compared if r["suite"] not in failed_builds]
        if not args.results:
            _confirm(args, sides, results, rule_set, progress)
    finally:
        if work and not args.work_dir:
            _rmtree(work)

    counts = decide.summary(results)
    if counts[decide.ERROR]:
        verdict, code = "error", EXIT_ERROR
    elif counts["gating_regressions"]:
        verdict, code = "regression", EXIT_REGRESSION
    else:
        verdict, code = "pass", EXIT_OK
    if not any(r.get("benchmark") for r in results) and code == EXIT_OK:
        verdict, code = "error", EXIT_ERROR
        results.append({"suite": args.suites, "benchmark": None, "status": decide.ERROR,
                        "note": "no benchmark was measured"})

    document = {
        "schema": SCHEMA,
        "created": started.isoformat(),
        "finished": _now().isoformat(),
        "command": ["tools/bench_compare"] + list(args.argv),
        "mode": mode,
        "base": sides.info["base"],
        "candidate": sides.info["candidate"],
        "settings": {
            "rounds": args.rounds, "repetitions": args.repetitions, "min_time": args.min_time,
            "confirm_rounds": args.confirm_rounds, "filter": args.filter, "suites": args.suites,
            "order": "ABBA (runs alternate between the sides)",
            "test": "Mann-Whitney U, two-sided", "rules_file": rule_set.source,
            "defaults": {k: v for k, v in rule_set.defaults.items()},
        },
        "machine": machine.machine_info(),
        "suites": {side: {name: {"path": measured[side].paths.get(name),
                                 "context": measured[side].contexts.get(name),
                                 "error": measured[side].errors.get(name)}
                          for name in measured[side].suite_names()}
                   for side in ("base", "candidate")},
        "results": results,
        "summary": counts,
        "verdict": verdict,
    }

    print("base:      %s" % sides.info["base"].get("label"))
    print("candidate: %s" % sides.info["candidate"].get("label"))
    if mode != "results":
        print("%d round(s) x %d repetition(s) per side, alternating; regression = p < alpha "
              "(Mann-Whitney U) and worse by more than the threshold" % (args.rounds, args.repetitions))
    print()
    print(report.comparison_table(results))
    print()
    print("%s -> %s" % (report.summary_line(results), verdict.upper()))

    try:
        out_root = build.repo_root()
    except build.BuildError:
        out_root = os.getcwd()
    json_path = args.json or _default_json_path(out_root, sides, started)
    all_cli.write_results(json_path, document, None if args.no_plot else plot.comparison_svg, args.plot)
    return code


def main(argv=None):
    argv = list(sys.argv[1:] if argv is None else argv)
    args = parse_args(argv)
    args.argv = argv
    try:
        return run(args)
    except (build.BuildError, rules.RulesError) as exc:
        print("bench_compare: %s" % exc, file=sys.stderr)
        return EXIT_ERROR
