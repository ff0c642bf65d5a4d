"""Tests of tools/bench/decide.py: significance AND threshold make a regression."""

import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import fake_runs  # noqa: E402  (also puts tools/ on the path)
from bench import decide, rules  # noqa: E402

SETTINGS = dict(rules.BUILTIN_DEFAULTS)


def verdict(base, candidate, **overrides):
    settings = dict(SETTINGS)
    settings.update(overrides)
    return decide.decide_samples(base, candidate, settings)


class DecideSamplesTest(unittest.TestCase):
    def test_large_significant_slowdown_is_a_regression(self):
        r = verdict(fake_runs.spread(100), fake_runs.spread(150))
        self.assertEqual(r["status"], decide.REGRESSION)
        self.assertAlmostEqual(r["change"], 0.5, delta=0.02)
        self.assertLess(r["p_value"], 1e-6)

    def test_significant_but_small_change_is_not(self):
        # Every candidate sample 2% slower: significant, below the 5% threshold.
        r = verdict(fake_runs.spread(100, jitter=0.001), fake_runs.spread(102, jitter=0.001))
        self.assertLess(r["p_value"], 1e-6)
        self.assertEqual(r["status"], decide.UNCHANGED)
        self.assertEqual(r["note"], "worse, within threshold")

    def test_large_but_noisy_change_is_not(self):
        # Bimodal timings (e.g. an unlucky core now and then): the medians
        # land in different modes, 95% apart, yet the samples interleave.
        base = [100, 101, 102, 103, 200, 201, 202]
        candidate = [100.5, 101.5, 102.5, 200.5, 201.5, 202.5, 203.5]
        r = verdict(base, candidate)
        self.assertGreater(r["change"], 0.05)
        self.assertGreaterEqual(r["p_value"], 0.05)
        self.assertEqual((r["status"], r["note"]), (decide.UNCHANGED, "not significant"))

    def test_faster_is_an_improvement(self):
        r = verdict(fake_runs.spread(100), fake_runs.spread(60))
        self.assertEqual(r["status"], decide.IMPROVEMENT)

    def test_higher_is_better_metrics_flip_the_direction(self):
        r = verdict(fake_runs.spread(100), fake_runs.spread(60), direction="higher")
        self.assertEqual(r["status"], decide.REGRESSION)
        r = verdict(fake_runs.spread(100), fake_runs.spread(150), direction="higher")
        self.assertEqual(r["status"], decide.IMPROVEMENT)

    def test_per_benchmark_threshold(self):
        r = verdict(fake_runs.spread(100), fake_runs.spread(150), threshold=0.6)
        self.assertEqual(r["status"], decide.UNCHANGED)

    def test_ungated_regression_is_reported_not_counted(self):
        results = [dict(verdict(fake_runs.spread(100), fake_runs.spread(150), gate=False),
                        suite="s", benchmark="b")]
        self.assertEqual(results[0]["status"], decide.REGRESSION)
        self.assertEqual(decide.gating_regressions(results), [])
        self.assertEqual(decide.summary(results)["gating_regressions"], 0)

    def test_too_few_samples_can_never_be_significant(self):
        # 3 vs 3: the smallest possible two-sided p is 0.1.
        r = verdict([1.0, 1.1, 1.2], [5.0, 5.1, 5.2])
        self.assertEqual(r["status"], decide.INSUFFICIENT)
        self.assertAlmostEqual(decide.min_p_value(3, 3), 0.1)

    def test_one_side_missing(self):
        r = verdict([], fake_runs.spread(100))
        self.assertEqual((r["status"], r["note"]), (decide.MISSING, "only in candidate"))


class CompareSidesTest(unittest.TestCase):
    def test_every_benchmark_of_every_suite_gets_a_verdict(self):
        base = fake_runs.side("base", {
            "//bench/a:a_benchmark": {"BM_Same": fake_runs.spread(100), "BM_Slow": fake_runs.spread(100),
                                      "BM_Gone": fake_runs.spread(5)},
            "//bench/b:b_benchmark": {"BM_Fast": fake_runs.spread(1000)},
        })
        candidate = fake_runs.side("candidate", {
            "//bench/a:a_benchmark": {"BM_Same": fake_runs.spread(100), "BM_Slow": fake_runs.spread(180),
                                      "BM_New": fake_runs.spread(5)},
            "//bench/b:b_benchmark": {"BM_Fast": fake_runs.spread(500)},
        })
        results = decide.compare_sides(base, candidate, rules.Rules())
        got = {(r["suite"], r["benchmark"]): r["status"] for r in results}
        self.assertEqual(got, {
            ("//bench/a:a_benchmark", "BM_Same"): decide.UNCHANGED,
            ("//bench/a:a_benchmark", "BM_Slow"): decide.REGRESSION,
            ("//bench/a:a_benchmark", "BM_Gone"): decide.MISSING,
            ("//bench/a:a_benchmark", "BM_New"): decide.MISSING,
            ("//bench/b:b_benchmark", "BM_Fast"): decide.IMPROVEMENT,
        })
        slow = [r for r in results if r["benchmark"] == "BM_Slow"][0]
        self.assertEqual(len(slow["base_samples"]), 20)  # aggregates are not samples
        self.assertAlmostEqual(slow["other_change"], 0.8, delta=0.05)  # real time moved too
        self.assertEqual(decide.summary(results)["gating_regressions"], 1)

    def test_metric_and_threshold_come_from_the_rules(self):
        base = fake_runs.side("base", {"s": {"BM_X": fake_runs.spread(100)}})
        candidate = fake_runs.side("candidate", {"s": {"BM_X": fake_runs.spread(150)}})
        lenient = rules.Rules(rules=[("s/BM_X", {"threshold": 0.7})])
        self.assertEqual(decide.compare_sides(base, candidate, lenient)[0]["status"], decide.UNCHANGED)
        counter = rules.Rules(rules=[("*", {"metric": "items_per_second", "direction": "higher"})])
        r = decide.compare_sides(base, candidate, counter)[0]
        self.assertEqual((r["metric"], r["status"]), ("items_per_second", decide.REGRESSION))

    def test_failures_are_errors(self):
        base = fake_runs.side("base", {"s": {"BM_X": fake_runs.spread(100)}})
        candidate = fake_runs.side("candidate", {})
        candidate.errors["s"] = "s: exit status 134"
        results = decide.compare_sides(base, candidate, rules.Rules())
        self.assertEqual([(r["benchmark"], r["status"]) for r in results], [("BM_X", decide.ERROR)])
        self.assertIn("exit status 134", results[0]["note"])

        base = fake_runs.side("base", {})
        base.errors["t"] = "t: timed out"
        results = decide.compare_sides(base, fake_runs.side("candidate", {}), rules.Rules())
        self.assertEqual([(r["benchmark"], r["status"]) for r in results], [(None, decide.ERROR)])

    def test_benchmark_that_skips_with_an_error(self):
        base = fake_runs.side("base", {"s": {"BM_X": fake_runs.spread(100)}})
        candidate = fake_runs.side("candidate", {})
        candidate.entries["s"] = fake_runs.document({}, errors={"BM_X": "no device"})["benchmarks"]
        results = decide.compare_sides(base, candidate, rules.Rules())
        self.assertEqual([(r["status"], r["note"]) for r in results], [(decide.ERROR, "no device")])


if __name__ == "__main__":
    unittest.main()
