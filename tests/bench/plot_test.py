"""Tests of tools/bench/plot.py: the SVG pictures are well-formed and show the data."""

import os
import subprocess
import sys
import tempfile
import unittest
import json
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import fake_runs  # noqa: E402  (also puts tools/ on the path)
import report_test  # noqa: E402
from bench import plot  # noqa: E402

SVG = "{http://www.w3.org/2000/svg}"
PLOT_PY = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tools", "bench", "plot.py")


def texts(root):
    return [element.text or "" for element in root.iter(SVG + "text")]


class ComparisonSvgTest(unittest.TestCase):
    def test_one_row_per_benchmark_with_every_sample(self):
        document = {"results": report_test.compared(), "base": {"label": "abc"},
                    "candidate": {"label": "def"}, "settings": {"rounds": 4, "repetitions": 5}}
        root = ET.fromstring(plot.comparison_svg(document))
        words = texts(root)
        self.assertIn("base:      abc", words)
        self.assertIn("BM_Slow", words)
        self.assertIn("BM_Same", words)
        self.assertIn("+80.0%  p=1e-11  REGRESSION", words)
        # 20 + 20 samples for each of the two benchmarks.
        self.assertEqual(len(list(root.iter(SVG + "circle"))), 80)
        red = [e for e in root.iter(SVG + "circle") if e.get("fill") == plot._COLOURS["regression"]]
        self.assertEqual(len(red), 20)

    def test_samples_far_outside_are_clamped_into_the_picture(self):
        document = {"results": report_test.compared()}
        document["results"][1]["candidate_samples"] = [1e12] * 20
        root = ET.fromstring(plot.comparison_svg(document))
        width = float(root.get("width"))
        for circle in root.iter(SVG + "circle"):
            self.assertTrue(0 < float(circle.get("cx")) < width)


class HistorySvgTest(unittest.TestCase):
    def run_document(self, created, revision, value):
        return {"schema": "openk4a-bench-run/1", "created": created,
                "git": {"short": revision, "revision": revision},
                "suites": {"//bench/a:a_benchmark": {
                    "benchmarks": fake_runs.document({"BM_A": [value, value * 1.1, value * 0.9],
                                                      "BM_B": [5.0, 5.0]})["benchmarks"]}}}

    def test_a_chart_per_benchmark_across_runs_in_time_order(self):
        runs = [self.run_document("2026-01-03T00:00:00+00:00", "cccccccc", 120.0),
                self.run_document("2026-01-01T00:00:00+00:00", "aaaaaaaa", 100.0),
                self.run_document("2026-01-02T00:00:00+00:00", "bbbbbbbb", 110.0)]
        root = ET.fromstring(plot.history_svg(runs))
        words = texts(root)
        self.assertIn("BM_A", words)
        self.assertIn("BM_B", words)
        self.assertIn("+20.0% since first", words)  # first = oldest run, not the first file
        self.assertIn("aaaaaaaa", words)
        self.assertIn("cccccccc", words)
        self.assertEqual(len(list(root.iter(SVG + "polyline"))), 2)

    def test_filter_and_empty(self):
        runs = [self.run_document("2026-01-01T00:00:00+00:00", "a", 1.0)]
        root = ET.fromstring(plot.history_svg(runs, name_filter="BM_B$"))
        self.assertNotIn("BM_A", texts(root))
        root = ET.fromstring(plot.history_svg(runs, name_filter="nothing"))
        self.assertIn("no benchmark results to show", texts(root))

    def test_command_line(self):
        with tempfile.TemporaryDirectory() as tmp:
            run = os.path.join(tmp, "run.json")
            with open(run, "w") as f:
                json.dump(self.run_document("2026-01-01T00:00:00+00:00", "a", 1.0), f)
            out = os.path.join(tmp, "history.svg")
            proc = subprocess.run([sys.executable, PLOT_PY, "history", run, "-o", out],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            self.assertEqual(proc.returncode, 0, proc.stderr)
            ET.parse(out)
            proc = subprocess.run([sys.executable, PLOT_PY, "comparison", run, "-o", out],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            self.assertEqual(proc.returncode, 2)  # a run is not a comparison
            self.assertIn(b"plot:", proc.stderr)


if __name__ == "__main__":
    unittest.main()
