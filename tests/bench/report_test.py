"""Tests of tools/bench/report.py: the tables people read."""

import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import fake_runs  # noqa: E402  (also puts tools/ on the path)
from bench import decide, report, rules  # noqa: E402


def compared():
    base = fake_runs.side("base", {
        "//bench/a:a_benchmark": {"BM_Same": fake_runs.spread(100), "BM_Slow": fake_runs.spread(2e6)},
    })
    candidate = fake_runs.side("candidate", {
        "//bench/a:a_benchmark": {"BM_Same": fake_runs.spread(100), "BM_Slow": fake_runs.spread(3.6e6)},
    })
    candidate.errors["//bench/b:b_benchmark"] = "//bench/b:b_benchmark: exit status 1; boom"
    return decide.compare_sides(base, candidate, rules.Rules())


class FormatTest(unittest.TestCase):
    def test_values(self):
        self.assertEqual(report.format_value(41.25, "cpu_time"), "41.2 ns")
        self.assertEqual(report.format_value(2500, "real_time"), "2.5 us")
        self.assertEqual(report.format_value(3.6e6, "cpu_time"), "3.6 ms")
        self.assertEqual(report.format_value(2.5e9, "cpu_time"), "2.5 s")
        self.assertEqual(report.format_value(1234567.0, "items_per_second"), "1.235e+06")
        self.assertEqual(report.format_value(None, "cpu_time"), "-")

    def test_changes_and_p_values(self):
        self.assertEqual(report.format_change(0.5), "+50.0%")
        self.assertEqual(report.format_change(-0.031), "-3.1%")
        self.assertEqual(report.format_change(None), "-")
        self.assertEqual(report.format_p(0.25), "0.25")
        self.assertEqual(report.format_p(3e-9), "3e-09")


class ComparisonTableTest(unittest.TestCase):
    def test_rows_verdicts_and_summary(self):
        results = compared()
        table = report.comparison_table(results).splitlines()
        self.assertTrue(table[0].startswith("suite / benchmark"))
        self.assertEqual(table[1], "//bench/a:a_benchmark")
        same = next(line for line in table if "BM_Same" in line)
        slow = next(line for line in table if "BM_Slow" in line)
        self.assertIn("same (not significant)", same)
        self.assertIn("2 ms", slow)
        self.assertIn("3.6 ms", slow)
        self.assertIn("+80.0%", slow)
        self.assertTrue(slow.endswith("REGRESSION"))
        self.assertIn("  ERROR: //bench/b:b_benchmark: exit status 1; boom", table)
        # Numbers line up: every benchmark row has its change in the same column.
        self.assertEqual(same.index("%"), slow.index("%"))
        self.assertEqual(report.summary_line(results), "1 regression, 0 improvements, 1 unchanged, 1 ERROR")


class RunTableTest(unittest.TestCase):
    def test_medians_per_benchmark(self):
        side = fake_runs.side("run", {"//bench/a:a_benchmark": {"BM_A": [10.0, 30.0, 20.0]}})
        side.errors["//bench/c:c_benchmark"] = "did not build"
        lines = report.run_table(side).splitlines()
        row = next(line for line in lines if "BM_A" in line).split()
        self.assertEqual(row[:3], ["BM_A", "3", "20"])
        self.assertIn("  ERROR: did not build", lines)


if __name__ == "__main__":
    unittest.main()
