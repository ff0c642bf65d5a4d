"""Tests of tools/bench/stats.py: medians and the Mann-Whitney U test."""

import math
import os
import random
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tools"))
from bench import stats  # noqa: E402

try:
    from scipy.stats import mannwhitneyu as scipy_mannwhitneyu
except ImportError:  # scipy is optional: the hard-coded values below still check
    scipy_mannwhitneyu = None


class MedianTest(unittest.TestCase):
    def test_odd_even_and_unsorted(self):
        self.assertEqual(stats.median([3, 1, 2]), 2.0)
        self.assertEqual(stats.median([4, 1, 3, 2]), 2.5)
        self.assertEqual(stats.median([7]), 7.0)

    def test_empty_is_an_error(self):
        with self.assertRaises(ValueError):
            stats.median([])

    def test_relative_change(self):
        self.assertAlmostEqual(stats.relative_change([10, 10, 10], [15, 15, 15]), 0.5)
        self.assertAlmostEqual(stats.relative_change([10, 12, 11], [5, 6, 5.5]), -0.5)
        self.assertEqual(stats.relative_change([0, 0], [0, 0]), 0.0)
        self.assertEqual(stats.relative_change([0, 0], [1, 1]), math.inf)


class UDistributionTest(unittest.TestCase):
    def test_counts_cover_every_ordering(self):
        for n1, n2 in ((1, 1), (3, 3), (4, 7), (10, 12)):
            counts = stats._u_distribution(n1, n2)
            self.assertEqual(len(counts), n1 * n2 + 1)
            self.assertEqual(sum(counts), math.comb(n1 + n2, n1))
            self.assertEqual(counts, counts[::-1])  # symmetric around n1*n2/2

    def test_known_distribution(self):
        # All 20 orderings of 3 x's and 3 y's, counted by U.
        self.assertEqual(stats._u_distribution(3, 3), [1, 1, 2, 3, 3, 3, 3, 2, 1, 1])


class MannWhitneyTest(unittest.TestCase):
    # (x, y, U of x, two-sided p, method), p from scipy 1.10.1.
    KNOWN = [
        ([1, 2, 3, 4, 5], [6, 7, 8, 9, 10], 0.0, 0.007936507936507936, "exact"),
        ([1.1, 2.2, 3.3, 4.4], [1.5, 2.5, 3.5, 4.5, 5.5], 6.0, 0.4126984126984127, "exact"),
        ([1, 2, 2, 3, 3, 3], [3, 4, 4, 5], 1.5, 0.026826219079541514, "asymptotic"),
        (list(range(30)), [v + 7.5 for v in range(30)], 253.0, 0.003193540818593945, "exact"),
        (list(range(60)), [v + 0.5 for v in range(50)], 1725.0, 0.1777632563010595, "asymptotic"),
    ]

    def test_known_values(self):
        for x, y, u, p, method in self.KNOWN:
            got_u, got_p, got_method = stats.mann_whitney_u(x, y)
            self.assertEqual(got_method, method)
            self.assertAlmostEqual(got_u, u)
            self.assertAlmostEqual(got_p, p, delta=1e-12 + 1e-9 * p)

    def test_symmetric_in_its_samples(self):
        x, y = [3, 5, 8, 9, 12], [1, 2, 4, 6, 7, 10]
        u_xy, p_xy, _ = stats.mann_whitney_u(x, y)
        u_yx, p_yx, _ = stats.mann_whitney_u(y, x)
        self.assertAlmostEqual(p_xy, p_yx)
        self.assertAlmostEqual(u_xy + u_yx, len(x) * len(y))

    def test_identical_samples_are_not_significant(self):
        _, p, method = stats.mann_whitney_u([5.0] * 10, [5.0] * 10)
        self.assertEqual((p, method), (1.0, "asymptotic"))

    def test_separated_samples_are_significant(self):
        _, p, _ = stats.mann_whitney_u([1.0 + i / 100 for i in range(20)],
                                       [2.0 + i / 100 for i in range(20)])
        self.assertLess(p, 1e-9)

    def test_empty_sample_is_an_error(self):
        with self.assertRaises(ValueError):
            stats.mann_whitney_u([], [1.0])

    @unittest.skipIf(scipy_mannwhitneyu is None, "python3-scipy is not installed")
    def test_agrees_with_scipy(self):
        rng = random.Random(7)
        for trial in range(300):
            n1, n2 = rng.randint(1, 40), rng.randint(1, 40)
            if trial % 3 == 0:  # with ties
                x = [rng.randint(0, 6) for _ in range(n1)]
                y = [rng.randint(0, 6) + trial % 2 for _ in range(n2)]
            else:
                x = [rng.random() for _ in range(n1)]
                y = [rng.random() + 0.3 * (trial % 2) for _ in range(n2)]
            u, p, method = stats.mann_whitney_u(x, y)
            expected = scipy_mannwhitneyu(x, y, alternative="two-sided", method=method)
            self.assertAlmostEqual(u, expected.statistic)
            self.assertAlmostEqual(p, expected.pvalue, delta=1e-12 + 1e-9 * expected.pvalue)


if __name__ == "__main__":
    unittest.main()
