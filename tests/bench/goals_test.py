"""tools/bench_goals on made-up runs: verdicts, exit status, table, JSON, SVG.

Nothing is timed: every run is synthetic Google Benchmark JSON, so a planted
miss must fail and a met goal must pass on any machine. The last test reads
the checked-in bench/goals.toml and checks every benchmark it names against
the suites' sources (so a typo cannot turn a goal into "not run" forever).

Usage: python3 goals_test.py BENCH_DIR_FILE...   (goals.toml and the suites' sources)
"""

import contextlib
import io
import json
import os
import re
import sys
import tempfile
import unittest
import xml.etree.ElementTree as ElementTree

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tools"))
from bench import goals, goals_cli  # noqa: E402

import fake_runs  # noqa: E402

SOURCES = []  # set from the command line: bench/goals.toml and suite sources

SUITE = "//bench/x:x_benchmark"

GOALS = """
[defaults]
metric = "cpu_time"

[[goal]]
name = "fast vs peer"
suite = "//bench/x:x_benchmark"
numerator = "BM_peer"
denominator = "BM_ours"
at_least = 5.0

[[goal]]
name = "ours vs floor"
suite = "//bench/x:x_benchmark"
numerator = "BM_ours"
denominator = "BM_floor"
at_most = 1.5
"""


def run_document(suites, skipped=None, notes=None):
    """A tools/bench_all run: {suite: {benchmark: [cpu times]}}."""
    return {
        "schema": "openk4a-bench-run/1",
        "git": {"short": "abc123"},
        "suites": {suite: {"benchmarks": fake_runs.document(samples)["benchmarks"], "error": None,
                           "note": (notes or {}).get(suite)}
                   for suite, samples in suites.items()},
        "skipped": skipped or {},
    }


def evaluate(text, suites, **kwargs):
    return {r["name"]: r for r in goals.evaluate(goals.parse(_toml(text)), run_document(suites, **kwargs))}


def _toml(text):
    import tomllib
    return tomllib.loads(text)


class VerdictTest(unittest.TestCase):
    def test_a_met_goal_passes(self):
        results = evaluate(GOALS, {SUITE: {"BM_ours": fake_runs.spread(10, 10), "BM_peer": fake_runs.spread(100, 10),
                                           "BM_floor": fake_runs.spread(8, 10)}})
        self.assertEqual(results["fast vs peer"]["verdict"], goals.MET)
        self.assertAlmostEqual(results["fast vs peer"]["ratio"], 10.0, delta=0.3)
        self.assertLessEqual(results["fast vs peer"]["low"], results["fast vs peer"]["ratio"])
        self.assertGreaterEqual(results["fast vs peer"]["high"], results["fast vs peer"]["ratio"])
        self.assertEqual(results["ours vs floor"]["verdict"], goals.MET)  # 1.25 <= 1.5
        self.assertEqual(goals.exit_code(list(results.values())), 0)

    def test_a_planted_miss_fails(self):
        # The floor got 3x faster than ours: 3.0 > 1.5, far beyond 2% noise.
        results = evaluate(GOALS, {SUITE: {"BM_ours": fake_runs.spread(30, 10), "BM_peer": fake_runs.spread(300, 10),
                                           "BM_floor": fake_runs.spread(10, 10)}})
        self.assertEqual(results["ours vs floor"]["verdict"], goals.MISSED)
        self.assertGreater(results["ours vs floor"]["low"], 1.5)
        self.assertEqual(results["fast vs peer"]["verdict"], goals.MET)
        self.assertEqual(goals.exit_code(list(results.values())), 1)

    def test_a_miss_inside_the_noise_is_reported_not_failed(self):
        # Ratio of medians just above 1.5, repetitions spread +-30%.
        results = evaluate(GOALS, {SUITE: {"BM_ours": fake_runs.spread(15.3, 10, 0.3),
                                           "BM_floor": fake_runs.spread(10, 10, 0.3),
                                           "BM_peer": fake_runs.spread(100, 10)}})
        result = results["ours vs floor"]
        self.assertGreater(result["ratio"], 1.5)
        self.assertLessEqual(result["low"], 1.5)
        self.assertEqual(result["verdict"], goals.NOISE)
        self.assertEqual(goals.exit_code(list(results.values())), 0)

    def test_a_known_miss_names_its_issue_and_passes(self):
        text = GOALS.replace('at_most = 1.5', 'at_most = 1.5\nknown_miss = "issue 19"')
        results = evaluate(text, {SUITE: {"BM_ours": fake_runs.spread(30, 10), "BM_peer": fake_runs.spread(300, 10),
                                          "BM_floor": fake_runs.spread(10, 10)}})
        self.assertEqual(results["ours vs floor"]["verdict"], goals.KNOWN)
        self.assertEqual(results["ours vs floor"]["note"], "issue 19")
        self.assertEqual(goals.exit_code(list(results.values())), 0)
        # Met again: still met, with a note that the mark is stale.
        results = evaluate(text, {SUITE: {"BM_ours": fake_runs.spread(10, 10), "BM_peer": fake_runs.spread(100, 10),
                                          "BM_floor": fake_runs.spread(10, 10)}})
        self.assertEqual(results["ours vs floor"]["verdict"], goals.MET)
        self.assertIn("remove the mark", results["ours vs floor"]["note"])

    def test_not_run_is_visible_and_never_met(self):
        # A benchmark missing from the run.
        results = evaluate(GOALS, {SUITE: {"BM_ours": fake_runs.spread(10, 10), "BM_peer": fake_runs.spread(100, 10)}})
        self.assertEqual(results["ours vs floor"]["verdict"], goals.NOT_RUN)
        self.assertIn("BM_floor", results["ours vs floor"]["note"])
        self.assertEqual(results["fast vs peer"]["verdict"], goals.MET)
        self.assertEqual(goals.exit_code(list(results.values())), 0)
        # A suite skipped for a missing peer library: every goal not run, and
        # a run that measured no goal at all is an error, not a pass.
        results = evaluate(GOALS, {}, skipped={SUITE: "incompatible with this machine"})
        self.assertEqual({r["verdict"] for r in results.values()}, {goals.NOT_RUN})
        self.assertIn("suite skipped", results["fast vs peer"]["note"])
        self.assertEqual(goals.exit_code(list(results.values())), 2)
        # A suite that ran nothing (its data is absent).
        results = evaluate(GOALS, {SUITE: {}}, notes={SUITE: "ran no benchmark: testdata absent"})
        self.assertIn("testdata absent", results["fast vs peer"]["note"])

    def test_failed_and_ambiguous_benchmarks_are_errors(self):
        document = run_document({SUITE: {"BM_ours": [10.0] * 5, "BM_floor": [10.0] * 5}})
        document["suites"][SUITE]["benchmarks"] += fake_runs.document({}, errors={"BM_peer": "setup failed"})[
            "benchmarks"]
        results = {r["name"]: r for r in goals.evaluate(goals.parse(_toml(GOALS)), document)}
        self.assertEqual(results["fast vs peer"]["verdict"], goals.ERROR)
        self.assertIn("setup failed", results["fast vs peer"]["note"])
        text = GOALS.replace('numerator = "BM_peer"', 'numerator = "BM_*"')
        results = evaluate(text, {SUITE: {"BM_ours": [1.0] * 5, "BM_peer": [5.0] * 5, "BM_floor": [1.0] * 5}})
        self.assertEqual(results["fast vs peer"]["verdict"], goals.ERROR)
        self.assertIn("matches 3 benchmarks", results["fast vs peer"]["note"])
        self.assertEqual(goals.exit_code(list(results.values())), 2)

    def test_floor_and_counter_goals(self):
        text = """
[[goal]]
name = "added"
suite = "//bench/x:x_benchmark"
numerator = "BM_ours/*"
denominator = "BM_peer/*"
floor = "BM_bare/*"
at_most = 0.25

[[goal]]
name = "allocations"
suite = "//bench/x:x_benchmark"
numerator = "BM_ours/*"
metric = "items_per_second"
at_least = 1e6
"""
        # (120 - 100) / (200 - 100) = 0.2
        results = evaluate(text, {SUITE: {"BM_ours/iterations:60": [120.0] * 5, "BM_peer/iterations:60": [200.0] * 5,
                                          "BM_bare/iterations:60": [100.0] * 5}})
        self.assertAlmostEqual(results["added"]["ratio"], 0.2)
        self.assertEqual(results["added"]["verdict"], goals.MET)
        self.assertEqual(results["added"]["benchmarks"]["floor"], "BM_bare/iterations:60")
        # fake_runs reports items_per_second = 1e9 / cpu time: 1e9 / 120 >= 1e6.
        self.assertEqual(results["allocations"]["verdict"], goals.MET)
        self.assertAlmostEqual(results["allocations"]["ratio"], 1e9 / 120)

    def test_the_interval_is_deterministic(self):
        suites = {SUITE: {"BM_ours": fake_runs.spread(10, 7, 0.2), "BM_peer": fake_runs.spread(60, 7, 0.2),
                          "BM_floor": fake_runs.spread(9, 7, 0.2)}}
        first = evaluate(GOALS, suites)["fast vs peer"]
        second = evaluate(GOALS, suites)["fast vs peer"]
        self.assertEqual((first["low"], first["high"]), (second["low"], second["high"]))
        self.assertLess(first["low"], first["high"])


class GoalsFileTest(unittest.TestCase):
    def test_bad_files_say_what_is_wrong(self):
        for text, message in [
            (GOALS.replace("at_least = 5.0", "at_least = 5.0\nat_most = 9.0"), "exactly one of"),
            (GOALS.replace('name = "ours vs floor"', 'name = "fast vs peer"'), "two goals named"),
            (GOALS.replace("at_most = 1.5", "at_most = 1.5\nfloor = \"BM_x\"\nthreshold = 1"), "unknown key"),
            ('[[goal]]\nname = "a"\nsuite = "s"\nnumerator = "n"\nfloor = "f"\nat_most = 1', "needs a denominator"),
            ("[defaults]\nmetric = \"cpu_time\"\n", "no [[goal]]"),
            ("[goal]\n", "unknown table layout"),
        ]:
            with self.assertRaises(goals.GoalsError) as caught:
                goals.parse(_toml(text))
            self.assertIn(message, str(caught.exception))

    def test_filters_run_only_what_the_goals_read(self):
        goal_set = goals.parse(_toml(GOALS.replace('"BM_peer"', '"BM_peer/a.b/*"')))
        self.assertEqual(goal_set.filters(), {SUITE: r"^(BM_floor|BM_ours|BM_peer/a\.b/.*)$"})
        self.assertEqual([g.name for g in goal_set.only("ours*").goals], ["ours vs floor"])

    def test_the_checked_in_goals_name_real_benchmarks(self):
        path = next(p for p in SOURCES if p.endswith("goals.toml"))
        goal_set = goals.load(path)
        sources = {os.path.basename(p): p for p in SOURCES if p.endswith(".cc")}
        names = [g.name for g in goal_set.goals]
        for wanted in ("cross-thread 1 MiB vs GstBufferPool", "C++ Create vs C",
                       "shared ref/release vs bare atomics, 2 threads"):
            self.assertIn(wanted, names)
        for goal in goal_set.goals:
            source_name = goal.suite.rpartition(":")[2] + ".cc"
            self.assertIn(source_name, sources, "%s: no source for %s" % (goal.name, goal.suite))
            with open(sources[source_name], encoding="utf-8") as f:
                source = f.read()
            for role, pattern in goal.benchmarks().items():
                family = pattern.split("/")[0]
                # Registered as BENCHMARK(family), BENCHMARK_CAPTURE(family, ...) or
                # RegisterBenchmark("family/...").
                self.assertRegex(source, r'BENCHMARK\(%s\)|BENCHMARK_CAPTURE\(%s,|"%s[/"]'
                                 % (re.escape(family), re.escape(family), re.escape(family)),
                                 "%s: %s %s is not a benchmark of %s" % (goal.name, role, pattern, goal.suite))


class CommandLineTest(unittest.TestCase):
    def run_cli(self, suites, goals_text=GOALS):
        with tempfile.TemporaryDirectory(prefix="bench-goals-test-") as tmp:
            goals_path = os.path.join(tmp, "goals.toml")
            with open(goals_path, "w", encoding="utf-8") as f:
                f.write(goals_text)
            run_path = os.path.join(tmp, "run.json")
            with open(run_path, "w", encoding="utf-8") as f:
                json.dump(run_document(suites), f)
            out = os.path.join(tmp, "goals.json")
            stdout = io.StringIO()
            with contextlib.redirect_stdout(stdout):
                code = goals_cli.main(["--goals", goals_path, "--results", run_path, "--json", out])
            with open(out, encoding="utf-8") as f:
                document = json.load(f)
            svg = ElementTree.parse(os.path.splitext(out)[0] + ".svg").getroot()
            # The JSON can be judged again (a bench_goals JSON holds its run).
            with contextlib.redirect_stdout(io.StringIO()):
                again = goals_cli.main(["--goals", goals_path, "--results", out, "--json", out + "2", "--no-plot"])
            self.assertEqual(again, code)
            return code, stdout.getvalue(), document, svg

    def test_pass_miss_and_not_run_in_table_json_and_svg(self):
        code, text, document, svg = self.run_cli(
            {SUITE: {"BM_ours": fake_runs.spread(30, 10), "BM_peer": fake_runs.spread(300, 10)}})
        # ours vs floor is not run (no BM_floor); fast vs peer is met.
        self.assertEqual(code, 0, text)
        self.assertRegex(text, r"fast vs peer\s+>= 5\s+10x\s+\S+\.\.\S+\s+met")
        self.assertRegex(text, r"ours vs floor\s+<= 1.5\s+-\s+-\s+not run")
        self.assertIn("not in the run: BM_floor", text)
        self.assertIn("1 met, 1 not run -> PASS", text)
        self.assertEqual(document["schema"], "openk4a-bench-goals/1")
        self.assertEqual(document["summary"][goals.NOT_RUN], 1)
        self.assertEqual(len(document["goals"][0]["samples"]["numerator"]), 10)
        labels = " ".join(t.text or "" for t in svg.iter("{http://www.w3.org/2000/svg}text"))
        self.assertIn("fast vs peer", labels)
        self.assertIn("not run", labels)

        code, text, document, _ = self.run_cli(
            {SUITE: {"BM_ours": fake_runs.spread(30, 10), "BM_peer": fake_runs.spread(300, 10),
                     "BM_floor": fake_runs.spread(10, 10)}})
        self.assertEqual(code, 1, text)
        self.assertRegex(text, r"ours vs floor\s+<= 1.5\s+3x\s+\S+\s+MISSED")
        self.assertIn("GOAL MISSED", text)
        self.assertEqual(document["exit_status"], 1)

    def test_bad_goals_file_is_an_error(self):
        with tempfile.NamedTemporaryFile("w", suffix=".toml", delete=False) as f:
            f.write("[[goal]]\nname = 1\n")
        try:
            with contextlib.redirect_stderr(io.StringIO()) as err:
                self.assertEqual(goals_cli.main(["--goals", f.name, "--results", f.name]), 2)
            self.assertIn("needs name", err.getvalue())
        finally:
            os.unlink(f.name)


if __name__ == "__main__":
    SOURCES = [os.path.abspath(p) for p in sys.argv[1:]]
    del sys.argv[1:]
    unittest.main()
