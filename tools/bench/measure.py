"""Runs benchmark suites, optionally two sides interleaved.

Two sides (a baseline and a candidate) are measured in rounds ordered
A B, B A, A B, ... suite by suite, so that anything that drifts on the machine
(other jobs, thermal state, page cache) lands on both sides alike; within one
run Google Benchmark's random interleaving shuffles the repetitions of all
benchmarks of the suite.
"""

import sys

from bench import gbench


def add_run_arguments(parser, rounds, rounds_help, min_time, timeout):
    """--repetitions, --rounds, --min-time and --timeout of a tool that runs
    suites, with its own defaults (min_time None = the binary's, 0.5 s)."""
    parser.add_argument("--repetitions", type=int, default=5, help="repetitions per run (default 5)")
    parser.add_argument("--rounds", type=int, default=rounds, help="%s (default %d)" % (rounds_help, rounds))
    parser.add_argument("--min-time", type=float, default=min_time,
                        help="--benchmark_min_time per repetition, seconds (default %s)" % (
                            "the binary's, 0.5" if min_time is None else "%g" % min_time))
    parser.add_argument("--timeout", type=float, default=timeout,
                        help="seconds per suite run (default %g)" % timeout)


def check_run_arguments(parser, args):
    if args.rounds < 1 or args.repetitions < 1:
        parser.error("--rounds and --repetitions must be at least 1")


class SideResult:
    """Everything measured for one side: raw entries and errors per suite."""

    def __init__(self, label):
        self.label = label
        self.entries = {}   # suite name -> [gbench iteration/aggregate entries + "round"]
        self.contexts = {}  # suite name -> gbench "context" of the first run
        self.errors = {}    # suite name -> message (the suite stopped running)
        self.paths = {}     # suite name -> binary
        self.notes = {}     # suite name -> why it measured nothing

    def add_run(self, suite, document, round_index):
        self.paths.setdefault(suite.name, suite.path)
        if document.get("note"):
            self.notes[suite.name] = document["note"]
        self.contexts.setdefault(suite.name, document.get("context", {}))
        entries = self.entries.setdefault(suite.name, [])
        for entry in document.get("benchmarks", []):
            entry = dict(entry)
            entry["round"] = round_index
            entries.append(entry)

    def document(self, suite_name):
        """The suite's runs merged into one gbench-shaped document."""
        return {"context": self.contexts.get(suite_name, {}),
                "benchmarks": self.entries.get(suite_name, [])}

    def samples(self, suite_name, metric):
        return gbench.samples(self.document(suite_name), metric)

    def suite_names(self):
        return sorted(set(self.entries) | set(self.errors) | set(self.notes))


def _log(progress, text):
    if progress:
        print(text, file=sys.stderr, flush=True)


def run_sides(sides, rounds, repetitions, min_time=None, filters=None, timeout=None,
              log_dir=None, progress=True):
    """Measures `sides`: [(label, {suite name: gbench.Suite})].

    `filters` maps a suite name to a --benchmark_filter regex (suites missing
    from it run whole; used to re-measure only some benchmarks). A suite that
    fails on a side stops running on every side: its numbers could not be
    compared anyway. Returns {label: SideResult}.
    """
    results = {label: SideResult(label) for label, _ in sides}
    names = sorted(set().union(*(suites.keys() for _, suites in sides)))
    failed = set()
    for round_index in range(rounds):
        order = sides if round_index % 2 == 0 else list(reversed(sides))
        for name in names:
            for label, suites in order:
                if name in failed or name not in suites:
                    continue
                suite = suites[name]
                _log(progress, "  round %d/%d  %-10s %s" % (round_index + 1, rounds, label, name))
                try:
                    document = gbench.run_suite(
                        suite, repetitions, min_time=min_time,
                        filter_regex=(filters or {}).get(name), timeout=timeout, log_dir=log_dir)
                except gbench.BenchmarkRunError as exc:
                    results[label].errors[name] = str(exc)
                    _log(progress, "  FAILED: %s" % exc)
                    failed.add(name)
                    continue
                results[label].add_run(suite, document, round_index)
    return results
