"""tools/bench_all on a real benchmark binary: one merged JSON per run.

Usage: python3 bench_all_test.py PATH/TO/scaled_work_benchmark
"""

import contextlib
import io
import json
import os
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tools"))
from bench import all_cli, build, goals, goals_cli, measure  # noqa: E402

BINARY = None  # set from the command line


class BenchAllTest(unittest.TestCase):
    def run_all(self, *argv):
        with tempfile.TemporaryDirectory(prefix="bench-all-test-") as tmp:
            out = os.path.join(tmp, "run.json")
            stdout = io.StringIO()
            with contextlib.redirect_stdout(stdout):
                code = all_cli.main(["--binaries", BINARY, "--out", out, "--quiet"] + list(argv))
            with open(out, encoding="utf-8") as f:
                return code, stdout.getvalue(), json.load(f)

    def test_merged_json_with_context(self):
        code, text, document = self.run_all("--repetitions", "3", "--rounds", "2", "--min-time", "0.01")
        self.assertEqual(code, 0, text)
        self.assertEqual(document["schema"], "openk4a-bench-run/1")
        for key in ("created", "git", "machine", "settings", "command"):
            self.assertIn(key, document)
        self.assertEqual(document["settings"]["repetitions"], 3)
        self.assertTrue(document["settings"]["random_interleaving"])
        self.assertIn("packages", document["machine"])
        suite = document["suites"]["scaled_work_benchmark"]
        self.assertIsNone(suite["error"])
        self.assertEqual(suite["context"]["num_cpus"], os.cpu_count())
        iterations = [e for e in suite["benchmarks"] if e["run_type"] == "iteration"]
        # 2 benchmarks x 3 repetitions x 2 rounds, each entry tagged with its round.
        self.assertEqual(len(iterations), 12)
        self.assertEqual(sorted({e["round"] for e in iterations}), [0, 1])
        # The raw entries read back like a live run (what bench_compare --results does).
        side = measure.SideResult("run")
        side.entries["s"] = suite["benchmarks"]
        self.assertEqual(sorted(side.samples("s", "cpu_time")), ["BM_FixedWork", "BM_ScaledWork"])
        self.assertIn("BM_ScaledWork", text)

    def test_filter_is_passed_on(self):
        code, _, document = self.run_all("--repetitions", "2", "--min-time", "0.01",
                                         "--filter", "BM_Fixed")
        self.assertEqual(code, 0)
        names = {e["run_name"] for e in document["suites"]["scaled_work_benchmark"]["benchmarks"]}
        self.assertEqual(names, {"BM_FixedWork"})

    def test_a_suite_that_measures_nothing_is_noted_not_failed(self):
        code, text, document = self.run_all("--repetitions", "2", "--filter", "NoSuchBenchmark")
        self.assertEqual(code, 0, text)
        suite = document["suites"]["scaled_work_benchmark"]
        self.assertEqual((suite["error"], suite["benchmarks"]), (None, []))
        self.assertIn("Failed to match any benchmarks", suite["note"])
        self.assertIn("ran no benchmark", text)

    def test_a_failing_suite_is_recorded(self):
        os.environ["OPENK4A_BENCH_WORK_SCALE"] = "-1"
        try:
            code, text, document = self.run_all("--repetitions", "2", "--min-time", "0.01")
        finally:
            del os.environ["OPENK4A_BENCH_WORK_SCALE"]
        self.assertEqual(code, 2)
        error = document["suites"]["scaled_work_benchmark"]["error"]
        self.assertIn("exit status 2", error)
        self.assertIn("expected a number in (0, 100]", error)
        self.assertIn("ERROR", text)


class OptionalPeersTest(unittest.TestCase):
    """A machine without the optional peer libraries: Bazel skips their
    suites as incompatible (a SKIPPED target in its build events, checked by
    build_test); bench_all lists them as skipped and does not fail."""

    def test_skipped_suites_are_listed_not_failed(self):
        peer = "//bench/peers:mjpeg_peers_benchmark"
        ours = "//bench/x:scaled_work_benchmark"
        saved = (build.Tree.benchmark_labels, build.Tree.build)
        build.Tree.benchmark_labels = lambda tree, pattern: [peer, ours]
        build.Tree.build = lambda tree, labels: (
            {ours: BINARY}, {}, {peer: "incompatible with this machine: a peer library is not installed"})
        try:
            with tempfile.TemporaryDirectory(prefix="bench-all-test-") as tmp:
                out = os.path.join(tmp, "run.json")
                stdout, stderr = io.StringIO(), io.StringIO()
                with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
                    code = all_cli.main(["--out", out, "--repetitions", "2", "--min-time", "0.01",
                                         "--filter", "BM_Fixed"])
                with open(out, encoding="utf-8") as f:
                    document = json.load(f)
        finally:
            build.Tree.benchmark_labels, build.Tree.build = saved
        self.assertEqual(code, 0, stdout.getvalue() + stderr.getvalue())
        self.assertEqual(list(document["skipped"]), [peer])
        self.assertNotIn(peer, document["suites"])
        self.assertIsNone(document["suites"][ours]["error"])
        self.assertIn("skipped: incompatible with this machine", stdout.getvalue())


class GoalsOnBinariesTest(unittest.TestCase):
    """tools/bench_goals --binaries: a prebuilt suite stands for the goal's
    label (by file name) and runs only the benchmarks the goal reads. The
    verdict itself depends on timing and is not asserted."""

    def test_the_goal_reads_the_prebuilt_suite(self):
        with tempfile.TemporaryDirectory(prefix="bench-goals-test-") as tmp:
            goals_path = os.path.join(tmp, "goals.toml")
            with open(goals_path, "w", encoding="utf-8") as f:
                f.write('[[goal]]\nname = "scaled vs fixed"\nsuite = "//tests/bench:scaled_work_benchmark"\n'
                        'numerator = "BM_ScaledWork"\ndenominator = "BM_FixedWork"\nat_most = 100.0\n')
            out = os.path.join(tmp, "goals.json")
            with contextlib.redirect_stdout(io.StringIO()) as stdout:
                code = goals_cli.main(["--binaries", BINARY, "--goals", goals_path, "--json", out,
                                       "--repetitions", "2", "--rounds", "1", "--min-time", "0.01",
                                       "--quiet", "--no-plot"])
            with open(out, encoding="utf-8") as f:
                document = json.load(f)
        result = document["goals"][0]
        self.assertIn(code, (0, 1), stdout.getvalue())
        self.assertIn(result["verdict"], (goals.MET, goals.NOISE, goals.MISSED))
        self.assertEqual(len(result["samples"]["numerator"]), 2)
        self.assertGreater(result["ratio"], 0)
        self.assertEqual(list(document["run"]["suites"]), ["//tests/bench:scaled_work_benchmark"])


if __name__ == "__main__":
    BINARY = os.path.abspath(sys.argv.pop(1))
    unittest.main()
