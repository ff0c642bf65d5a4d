"""Per-benchmark verdicts: is the candidate slower than the baseline?

A regression is a change that is BOTH statistically significant (two-sided
Mann-Whitney U test, p < alpha) AND larger than the benchmark's threshold
(relative change of the medians, in the "worse" direction). Significance alone
flags differences too small to matter (a long run makes everything
significant); a threshold alone flags noise.
"""

import math

from bench import gbench, stats

REGRESSION = "regression"
IMPROVEMENT = "improvement"
UNCHANGED = "unchanged"
INSUFFICIENT = "insufficient"  # too few samples to ever reach significance
MISSING = "missing"            # measured on one side only
SKIPPED = "skipped"            # a suite that measured nothing (e.g. its data is absent)
ERROR = "error"                # the suite or the benchmark failed

STATUSES = (REGRESSION, IMPROVEMENT, UNCHANGED, INSUFFICIENT, MISSING, SKIPPED, ERROR)


def min_p_value(n1, n2):
    """The smallest two-sided p the U test can give for these sample sizes."""
    return min(1.0, 2.0 / math.comb(n1 + n2, n1))


def decide_samples(base, candidate, settings):
    """The verdict for one benchmark from its two samples (lists of values)."""
    result = {
        "metric": settings["metric"],
        "threshold": settings["threshold"],
        "alpha": settings["alpha"],
        "direction": settings["direction"],
        "gate": settings["gate"],
        "n_base": len(base),
        "n_candidate": len(candidate),
        "base_median": stats.median(base) if base else None,
        "candidate_median": stats.median(candidate) if candidate else None,
        "change": None,
        "p_value": None,
        "test": None,
    }
    if not base or not candidate:
        result.update(status=MISSING, note="only in %s" % ("candidate" if candidate else "base"))
        return result
    change = stats.relative_change(base, candidate)
    _, p_value, method = stats.mann_whitney_u(base, candidate)
    result.update(change=change, p_value=p_value, test=method)
    worse = change > 0 if settings["direction"] == "lower" else change < 0
    if min_p_value(len(base), len(candidate)) >= settings["alpha"]:
        result.update(status=INSUFFICIENT, note="%d vs %d samples cannot reach p < %g" % (
            len(base), len(candidate), settings["alpha"]))
    elif p_value >= settings["alpha"]:
        result.update(status=UNCHANGED, note="not significant")
    elif abs(change) <= settings["threshold"]:
        result.update(status=UNCHANGED, note="%s, within threshold" % ("worse" if worse else "better"))
    elif worse:
        result.update(status=REGRESSION, note="" if settings["gate"] else "not gated")
    else:
        result.update(status=IMPROVEMENT, note="")
    return result


def _time_change(base_doc, candidate_doc, name, metric):
    base = gbench.samples(base_doc, metric).get(name)
    candidate = gbench.samples(candidate_doc, metric).get(name)
    if not base or not candidate:
        return None
    return stats.relative_change(base, candidate)


def compare_sides(base, candidate, rules):
    """Verdicts for every benchmark of two measure.SideResult objects, in
    suite order then registration order."""
    results = []
    for suite in sorted(set(base.suite_names()) | set(candidate.suite_names())):
        failure = candidate.errors.get(suite) or base.errors.get(suite)
        base_doc = base.document(suite)
        candidate_doc = candidate.document(suite)
        bench_names = gbench.names(base_doc)
        bench_names += [n for n in gbench.names(candidate_doc) if n not in bench_names]
        if failure and not bench_names:
            results.append({"suite": suite, "benchmark": None, "status": ERROR, "note": failure})
            continue
        note = candidate.notes.get(suite) or base.notes.get(suite)
        if note and not bench_names:
            results.append({"suite": suite, "benchmark": None, "status": SKIPPED, "note": note})
            continue
        benchmark_errors = dict(gbench.errors(base_doc))
        benchmark_errors.update(gbench.errors(candidate_doc))
        for name in bench_names + [n for n in benchmark_errors if n not in bench_names]:
            settings = rules.settings(suite, name)
            metric = settings["metric"]
            base_values = gbench.samples(base_doc, metric).get(name, [])
            candidate_values = gbench.samples(candidate_doc, metric).get(name, [])
            if name in benchmark_errors:
                result = decide_samples(base_values, candidate_values, settings)
                result.update(status=ERROR, note=benchmark_errors[name])
            elif failure:
                result = decide_samples(base_values, candidate_values, settings)
                result.update(status=ERROR, note=failure)
            else:
                result = decide_samples(base_values, candidate_values, settings)
            result.update(suite=suite, benchmark=name, rules=settings["rules"],
                          base_samples=base_values, candidate_samples=candidate_values)
            # The other time metric, for the reader (never decides anything).
            other = "real_time" if metric == "cpu_time" else "cpu_time"
            result["other_metric"] = other
            result["other_change"] = _time_change(base_doc, candidate_doc, name, other)
            results.append(result)
    return results


def gating_regressions(results):
    return [r for r in results if r["status"] == REGRESSION and r.get("gate", True)]


def summary(results):
    counts = {status: 0 for status in STATUSES}
    for result in results:
        counts[result["status"]] += 1
    counts["gating_regressions"] = len(gating_regressions(results))
    return counts
