"""Readable text tables of benchmark results and comparisons."""

from bench import decide, gbench, goals, stats

_VERDICT = {
    decide.REGRESSION: "REGRESSION",
    decide.IMPROVEMENT: "improvement",
    decide.UNCHANGED: "same",
    decide.INSUFFICIENT: "too few samples",
    decide.MISSING: "missing",
    decide.SKIPPED: "skipped",
    decide.ERROR: "ERROR",
}


def format_value(value, metric):
    """A time in ns with a readable unit, or a counter with 4 digits."""
    if value is None:
        return "-"
    if metric not in gbench.TIME_METRICS:
        return "%.4g" % value
    for unit, scale in (("s", 1e9), ("ms", 1e6), ("us", 1e3)):
        if abs(value) >= scale:
            return "%.3g %s" % (value / scale, unit)
    return "%.3g ns" % value


def format_change(change):
    if change is None:
        return "-"
    if change == float("inf"):
        return "+inf"
    return "%+.1f%%" % (100.0 * change)


def format_p(p_value):
    if p_value is None:
        return "-"
    return "%.2g" % p_value if p_value >= 1e-3 else "%.0e" % p_value


def _table(header, rows, free=()):
    """Aligned columns; rows whose index is in `free` (suite names, errors)
    are printed as their first cell alone and do not widen the columns."""
    free = set(free)
    aligned = [header] + [row for i, row in enumerate(rows) if i not in free]
    widths = [max(len(str(row[i])) for row in aligned) for i in range(len(header))]
    lines = []
    for i, row in enumerate([header] + rows):
        if i - 1 in free:
            lines.append(str(row[0]))
            continue
        cells = []
        for j, cell in enumerate(row):
            cell = str(cell)
            # Names and words read left to right, numbers line up on the right.
            left = j in (0, 1, len(row) - 1)
            cells.append(cell.ljust(widths[j]) if left else cell.rjust(widths[j]))
        lines.append("  ".join(cells).rstrip())
    return lines


def comparison_table(results):
    """Rows grouped by suite; a line of its own for each suite name."""
    header = ["suite / benchmark", "metric", "base", "candidate", "change", "p", "threshold",
              "other", "verdict"]
    rows, suite_rows = [], []
    last_suite = None
    for r in results:
        if r["suite"] != last_suite:
            suite_rows.append(len(rows))
            rows.append([r["suite"]] + [""] * (len(header) - 1))
            last_suite = r["suite"]
        if r.get("benchmark") is None:
            suite_rows.append(len(rows))
            rows.append(["  %s: %s" % (_VERDICT[r["status"]], r["note"].strip())])
            continue
        verdict = _VERDICT[r["status"]]
        if r.get("note"):
            note = r["note"].splitlines()[0]
            verdict += " (%s)" % (note if len(note) <= 60 else note[:57] + "...")
        other = "-"
        if r.get("other_change") is not None:
            other = "%s %s" % (format_change(r["other_change"]),
                               "real" if r["other_metric"] == "real_time" else "cpu")
        rows.append([
            "  " + r["benchmark"], r.get("metric", "-"),
            format_value(r.get("base_median"), r.get("metric")),
            format_value(r.get("candidate_median"), r.get("metric")),
            format_change(r.get("change")), format_p(r.get("p_value")),
            "%g%%" % (100 * r["threshold"]) if r.get("threshold") is not None else "-",
            other, verdict,
        ])
    return "\n".join(_table(header, rows, free=suite_rows))


def summary_line(results):
    counts = decide.summary(results)
    parts = ["%d regression%s" % (counts["gating_regressions"],
                                  "" if counts["gating_regressions"] == 1 else "s")]
    ungated = counts[decide.REGRESSION] - counts["gating_regressions"]
    if ungated:
        parts.append("%d not gated" % ungated)
    parts += ["%d improvement%s" % (counts[decide.IMPROVEMENT],
                                    "" if counts[decide.IMPROVEMENT] == 1 else "s"),
              "%d unchanged" % counts[decide.UNCHANGED]]
    for status in (decide.INSUFFICIENT, decide.MISSING, decide.SKIPPED, decide.ERROR):
        if counts[status]:
            parts.append("%d %s" % (counts[status], _VERDICT[status]))
    return ", ".join(parts)


def run_table(side, metric="cpu_time"):
    """One run of bench_all: median, spread and sample count per benchmark."""
    header = ["suite / benchmark", "samples", "median %s" % metric, "min", "max", "cv"]
    rows, suite_rows = [], []
    for suite in side.suite_names():
        suite_rows.append(len(rows))
        rows.append([suite, "", "", "", "", ""])
        if suite in side.errors:
            suite_rows.append(len(rows))
            rows.append(["  ERROR: " + side.errors[suite].strip()])
        elif suite in side.notes and not side.entries.get(suite):
            suite_rows.append(len(rows))
            rows.append(["  " + side.notes[suite].strip()])
        document = side.document(suite)
        values = gbench.samples(document, metric)
        for name in gbench.names(document):
            sample = values.get(name, [])
            if not sample:
                continue
            mean = sum(sample) / len(sample)
            sd = (sum((v - mean) ** 2 for v in sample) / max(1, len(sample) - 1)) ** 0.5
            rows.append(["  " + name, str(len(sample)), format_value(stats.median(sample), metric),
                         format_value(min(sample), metric), format_value(max(sample), metric),
                         "%.1f%%" % (100 * sd / mean) if mean else "-"])
        for name, message in gbench.errors(document).items():
            suite_rows.append(len(rows))
            rows.append(["  %s: ERROR %s" % (name, message)])
    return "\n".join(_table(header, rows, free=suite_rows))


def format_ratio(value):
    if value is None:
        return "-"
    if value != value or value in (float("inf"), float("-inf")):
        return "n/a"
    return "%.3gx" % value


def goals_table(results):
    """One row per goal: its bound, the measured ratio and its interval, the
    verdict; the formula and any note on a line of their own below."""
    header = ["goal", "bound", "measured", "interval", "verdict"]
    rows, free = [], []
    for r in results:
        interval = "-" if r.get("low") is None else "%s..%s" % (format_ratio(r["low"]), format_ratio(r["high"]))
        verdict = r["verdict"].upper() if r["verdict"] in (goals.MISSED, goals.ERROR) else r["verdict"]
        rows.append([r["name"], r["bound"], format_ratio(r.get("ratio")), interval, verdict])
        free.append(len(rows))
        rows.append(["    %s  [%s, %s]" % (r["formula"], r["suite"], r["metric"])])
        if r.get("note"):
            free.append(len(rows))
            rows.append(["    " + r["note"].strip().splitlines()[0]])
    return "\n".join(_table(header, rows, free=free))


def goals_summary_line(results):
    counts = goals.summary(results)
    return ", ".join("%d %s" % (counts[v], v) for v in goals.VERDICTS if counts[v] or v == goals.MET)
