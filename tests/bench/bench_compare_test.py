"""tools/bench_compare end to end on a real benchmark binary.

The same binary is compared with itself: unchanged, or with a slowdown
planted through OPENK4A_BENCH_WORK_SCALE (BM_ScaledWork does that much more
work; BM_FixedWork never changes). The planted change is large (50%)
against a 5% threshold and both sides are measured alternately, with a
confirmation pass: on a busy 2-core machine the verdicts still hold.

Usage: python3 bench_compare_test.py PATH/TO/scaled_work_benchmark
"""

import contextlib
import io
import json
import os
import sys
import tempfile
import unittest
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tools"))
from bench import compare_cli  # noqa: E402

BINARY = None  # set from the command line
SCALE = "OPENK4A_BENCH_WORK_SCALE"
# Short runs, enough samples: 6 runs x 6 repetitions per side.
QUICK = ["--rounds", "6", "--repetitions", "6", "--min-time", "0.02", "--quiet"]


class BenchCompareTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory(prefix="bench-compare-test-")
        self.addCleanup(self.tmp.cleanup)

    def compare(self, *extra):
        """Runs bench_compare --binaries; returns (exit code, stdout, JSON)."""
        out = os.path.join(self.tmp.name, "compare.json")
        argv = ["--binaries", BINARY, BINARY, "--json", out] + QUICK + list(extra)
        stdout = io.StringIO()
        with contextlib.redirect_stdout(stdout):
            code = compare_cli.main(argv)
        with open(out, encoding="utf-8") as f:
            document = json.load(f)
        return code, stdout.getvalue(), document

    @staticmethod
    def statuses(document):
        return {r["benchmark"]: r["status"] for r in document["results"]}

    def test_planted_slowdown_is_caught(self):
        code, text, document = self.compare("--candidate-env", SCALE + "=1.5")
        self.assertEqual(code, 1, text)
        self.assertEqual(self.statuses(document), {"BM_ScaledWork": "regression",
                                                   "BM_FixedWork": "unchanged"}, text)
        scaled = next(r for r in document["results"] if r["benchmark"] == "BM_ScaledWork")
        self.assertGreater(scaled["change"], 0.3, text)
        self.assertLess(scaled["p_value"], 0.05)
        self.assertEqual(scaled["confirmation"]["status"], "regression")
        self.assertEqual(len(scaled["base_samples"]), 36)  # 6 rounds x 6 repetitions
        self.assertEqual(len(scaled["confirmation"]["candidate_samples"]), 36)
        self.assertEqual(document["verdict"], "regression")
        self.assertIn("REGRESSION", next(l for l in text.splitlines() if "BM_ScaledWork" in l))
        self.assertIn("1 regression, 0 improvements, 1 unchanged -> REGRESSION", text)
        # The picture is written next to the JSON.
        picture = ET.parse(os.path.join(self.tmp.name, "compare.svg")).getroot()
        self.assertEqual(picture.tag, "{http://www.w3.org/2000/svg}svg")

    def test_unchanged_pair_passes(self):
        code, text, document = self.compare()
        self.assertEqual(code, 0, text)
        # The same binary on both sides: never a regression. A loaded machine
        # can still make one side measurably faster for a while (seen: a
        # confirmed -14.5%), which is not what this test is about.
        self.assertNotIn("regression", set(self.statuses(document).values()), text)
        self.assertEqual(document["verdict"], "pass")
        self.assertEqual(document["summary"]["gating_regressions"], 0)
        self.assertEqual(document["settings"]["rounds"], 6)
        self.assertEqual(document["mode"], "binaries")
        self.assertIn("cpus", document["machine"])

    def test_improvement_passes(self):
        code, text, document = self.compare("--candidate-env", SCALE + "=0.5", "--filter", "BM_ScaledWork")
        self.assertEqual(code, 0, text)
        self.assertEqual(self.statuses(document), {"BM_ScaledWork": "improvement"}, text)

    def test_threshold_from_a_rules_file(self):
        rules = os.path.join(self.tmp.name, "thresholds.toml")
        with open(rules, "w") as f:
            f.write('[default]\nthreshold = 0.05\n[[rule]]\nmatch = "*/BM_ScaledWork"\nthreshold = 0.9\n')
        code, text, document = self.compare("--candidate-env", SCALE + "=1.5", "--thresholds", rules,
                                            "--filter", "BM_ScaledWork")
        self.assertEqual(code, 0, text)
        scaled = document["results"][0]
        self.assertEqual((scaled["status"], scaled["note"], scaled["threshold"]),
                         ("unchanged", "worse, within threshold", 0.9), text)

    def test_nothing_to_measure_is_skipped_not_failed(self):
        code, text, document = self.compare("--filter", "NoSuchBenchmark", "--rounds", "2")
        # Nothing was measured at all: that is an error for a gate ...
        self.assertEqual(code, 2, text)
        statuses = [r["status"] for r in document["results"]]
        # ... but the suite itself is reported as skipped, with the reason.
        self.assertIn("skipped", statuses, text)
        self.assertIn("Failed to match any benchmarks", text)

    def test_a_failing_candidate_is_an_error(self):
        code, text, document = self.compare("--candidate-env", SCALE + "=bogus", "--rounds", "2")
        self.assertEqual(code, 2, text)
        self.assertEqual(document["verdict"], "error")
        self.assertTrue(any("expected a number" in r.get("note", "") for r in document["results"]), text)


if __name__ == "__main__":
    BINARY = os.path.abspath(sys.argv.pop(1))
    unittest.main()
