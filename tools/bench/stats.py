"""Statistics for benchmark comparisons (python3 standard library only).

The Mann-Whitney U test asks whether one sample tends to have larger values
than the other without assuming any distribution, which suits benchmark
timings (skewed, with outliers from other processes). The exact null
distribution is used when it can be (no ties, small samples), the normal
approximation with tie and continuity corrections otherwise: the same choices
and numbers as scipy.stats.mannwhitneyu (checked by tests/bench/stats_test.py
where scipy is installed).
"""

import math

# Exact p-values up to this many (n1 * n2) pairs; the generating polynomial has
# n1 * n2 + 1 integer coefficients, so this stays well under a millisecond.
_EXACT_MAX_PAIRS = 2500


def median(values):
    """The median of a non-empty sequence."""
    ordered = sorted(values)
    if not ordered:
        raise ValueError("median of an empty sample")
    mid = len(ordered) // 2
    if len(ordered) % 2:
        return float(ordered[mid])
    return (ordered[mid - 1] + ordered[mid]) / 2.0


def _ranks(values):
    """Average ranks (1-based) and the sizes of the groups of tied values."""
    order = sorted(range(len(values)), key=lambda i: values[i])
    ranks = [0.0] * len(values)
    ties = []
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        rank = (i + j) / 2.0 + 1.0
        for k in range(i, j + 1):
            ranks[order[k]] = rank
        if j > i:
            ties.append(j - i + 1)
        i = j + 1
    return ranks, ties


def _u_distribution(n1, n2):
    """Counts of each U value (0..n1*n2) over all C(n1+n2, n1) orderings.

    They are the coefficients of the Gaussian binomial coefficient
    [n1+n2 choose n1](q) = prod_{i=1..n1} (1 - q^(n2+i)) / (1 - q^i),
    built by multiplying and exactly dividing polynomials of integers.
    """
    degree = n1 * n2
    poly = [1] + [0] * degree
    for i in range(1, n1 + 1):
        up = n2 + i
        # Multiply by (1 - q^up), from the top so each term is used once.
        for k in range(degree, up - 1, -1):
            poly[k] -= poly[k - up]
        # Divide by (1 - q^i): the quotient's coefficients are running sums.
        for k in range(i, degree + 1):
            poly[k] += poly[k - i]
    return poly


def mann_whitney_u(x, y):
    """Two-sided Mann-Whitney U test of samples x and y.

    Returns (u1, p_value, method): u1 is the U statistic of x (the number of
    pairs in which x's value is the larger, ties counting one half), method is
    "exact" or "asymptotic".
    """
    n1, n2 = len(x), len(y)
    if n1 == 0 or n2 == 0:
        raise ValueError("Mann-Whitney U needs two non-empty samples")
    ranks, ties = _ranks(list(x) + list(y))
    r1 = sum(ranks[:n1])
    u1 = r1 - n1 * (n1 + 1) / 2.0
    u2 = n1 * n2 - u1
    u = max(u1, u2)
    if not ties and n1 * n2 <= _EXACT_MAX_PAIRS:
        counts = _u_distribution(n1, n2)
        total = sum(counts)
        upper = sum(counts[int(round(u)):])  # P(U >= u)
        return u1, min(1.0, 2.0 * upper / total), "exact"
    n = n1 + n2
    tie_term = sum(t ** 3 - t for t in ties) / (n * (n - 1))
    variance = n1 * n2 / 12.0 * ((n + 1) - tie_term)
    if variance <= 0:  # every value equal: no evidence of any difference
        return u1, 1.0, "asymptotic"
    z = (u - n1 * n2 / 2.0 - 0.5) / math.sqrt(variance)
    return u1, min(1.0, math.erfc(z / math.sqrt(2.0))), "asymptotic"


def relative_change(base, candidate):
    """(median(candidate) - median(base)) / median(base): +0.5 is 50% more."""
    b = median(base)
    c = median(candidate)
    if b == 0:
        return 0.0 if c == 0 else math.inf
    return (c - b) / b
