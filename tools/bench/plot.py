#!/usr/bin/env python3
"""SVG pictures of benchmark results, for people who would rather look than read.

  python3 tools/bench/plot.py comparison out/bench/compare-X.json -o cmp.svg
  python3 tools/bench/plot.py history out/bench/run-*.json -o history.svg [--filter REGEX]
  python3 tools/bench/plot.py goals out/bench/goals-X.json -o goals.svg

comparison: one row per benchmark; every sample of both sides as a dot,
relative to the baseline median, with the threshold band shaded and the
verdict written beside it. history: one small chart per benchmark, its median
(and min..max of the samples) across bench_all runs in time order. goals: one
row per goal of tools/bench_goals, the measured ratio and its interval
relative to the goal's bound, the side that meets it shaded.
"""

import argparse
import json
import math
import os
import re
import sys
from xml.sax.saxutils import escape

if __name__ == "__main__":
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from bench import decide, gbench, goals, report, stats  # noqa: E402

_COLOURS = {
    decide.REGRESSION: "#d62728",
    decide.IMPROVEMENT: "#2ca02c",
    decide.UNCHANGED: "#1f77b4",
    decide.INSUFFICIENT: "#ff7f0e",
    decide.MISSING: "#7f7f7f",
    decide.SKIPPED: "#7f7f7f",
    decide.ERROR: "#ff7f0e",
}
_BASE_COLOUR = "#8c8c8c"
_FONT = "font-family=\"DejaVu Sans Mono,Menlo,Consolas,monospace\""
_CHAR_W = 7.0  # width of one character at font-size 12 (monospace)


class _Svg:
    def __init__(self, width, height):
        self.width = width
        self.height = height
        self.items = []

    def add(self, text):
        self.items.append(text)

    def text(self, x, y, content, size=12, anchor="start", colour="#222", weight="normal"):
        self.add('<text x="%.1f" y="%.1f" font-size="%d" text-anchor="%s" fill="%s" '
                 'font-weight="%s">%s</text>' % (x, y, size, anchor, colour, weight,
                                                  escape(str(content))))

    def line(self, x1, y1, x2, y2, colour="#ccc", width=1, dash=None):
        self.add('<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="%s" stroke-width="%g"%s/>'
                 % (x1, y1, x2, y2, colour, width,
                    ' stroke-dasharray="%s"' % dash if dash else ""))

    def rect(self, x, y, w, h, fill, opacity=1.0, stroke="none"):
        self.add('<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="%s" '
                 'fill-opacity="%g" stroke="%s"/>' % (x, y, max(0.0, w), max(0.0, h), fill,
                                                      opacity, stroke))

    def circle(self, x, y, r, fill, opacity=1.0, stroke="none"):
        self.add('<circle cx="%.1f" cy="%.1f" r="%g" fill="%s" fill-opacity="%g" stroke="%s"/>'
                 % (x, y, r, fill, opacity, stroke))

    def polyline(self, points, colour, width=1.5):
        self.add('<polyline points="%s" fill="none" stroke="%s" stroke-width="%g"/>' % (
            " ".join("%.1f,%.1f" % p for p in points), colour, width))

    def render(self):
        return "\n".join([
            '<?xml version="1.0" encoding="UTF-8"?>',
            '<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" xml:space="preserve" %s>'
            % (self.width, self.height, self.width, self.height, _FONT),
            '<rect width="100%" height="100%" fill="white"/>',
        ] + self.items + ["</svg>", ""])


def _nice_ticks(low, high, count=6):
    """Round tick values covering [low, high]."""
    span = high - low
    if span <= 0:
        return [low]
    raw = span / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    first = math.ceil(low / step) * step
    ticks = []
    value = first
    while value <= high + step * 1e-9:
        ticks.append(round(value, 10))
        value += step
    return ticks


def _percentile(values, q):
    ordered = sorted(values)
    if not ordered:
        return 0.0
    index = min(len(ordered) - 1, max(0, int(round(q * (len(ordered) - 1)))))
    return ordered[index]


def comparison_svg(document):
    """The picture of one bench_compare JSON document."""
    results = [r for r in document["results"] if r.get("benchmark")]
    rows = []  # ("suite", name) or ("bench", result)
    last = None
    for r in results:
        if r["suite"] != last:
            rows.append(("suite", r["suite"]))
            last = r["suite"]
        rows.append(("bench", r))

    # Every sample relative to its own baseline median, in percent.
    relative = {}
    for r in results:
        base_median = r.get("base_median")
        if not base_median:
            continue
        relative[id(r)] = (
            [100.0 * (v / base_median - 1) for v in r.get("base_samples", [])],
            [100.0 * (v / base_median - 1) for v in r.get("candidate_samples", [])],
        )
    everything = [v for b, c in relative.values() for v in b + c]
    thresholds = [100.0 * r["threshold"] for r in results if r.get("threshold") is not None]
    widest = max(thresholds + [5.0]) * 2
    low = min([-widest, _percentile(everything, 0.02)]) if everything else -widest
    high = max([widest, _percentile(everything, 0.98)]) if everything else widest
    low, high = max(low, -95.0), min(high, 400.0)
    pad = (high - low) * 0.05
    low, high = low - pad, high + pad

    base = document.get("base", {})
    candidate = document.get("candidate", {})
    settings = document.get("settings", {})
    header = [
        ("openk4a benchmark comparison", 16, "bold", "#222"),
        ("base:      %s" % base.get("label", "?"), 12, "normal", "#222"),
        ("candidate: %s" % candidate.get("label", "?"), 12, "normal", "#222"),
        ("%s | %s rounds x %s repetitions per side, alternating | %s" % (
            report.summary_line(document["results"]), settings.get("rounds", "?"),
            settings.get("repetitions", "?"), document.get("created", "")), 11, "normal", "#555"),
        ("dots: every repetition relative to the base median (grey = base, coloured = "
         "candidate); bar: candidate median; band: +-threshold", 11, "normal", "#555"),
    ]
    name_w = max([len(r["benchmark"]) + 2 for r in results] + [len(r["suite"]) for r in results]
                 + [24]) * _CHAR_W
    plot_x = 20 + name_w
    plot_w = 420
    verdict_x = plot_x + plot_w + 16
    width = int(max([verdict_x + 40 * _CHAR_W] +
                    [40 + len(text) * _CHAR_W * size / 12.0 for text, size, _, _ in header]))
    top = 40 + 18 * len(header) + 24
    row_h = 26
    height = int(top + row_h * len(rows) + 50)
    svg = _Svg(width, height)
    for number, (text, size, weight, colour) in enumerate(header):
        svg.text(20, 26 + 18 * number + (4 if number else 0), text, size=size, weight=weight,
                 colour=colour)

    def x_of(percent):
        percent = min(max(percent, low), high)
        return plot_x + (percent - low) / (high - low) * plot_w

    bottom = top + row_h * len(rows)
    for tick in _nice_ticks(low, high):
        x = x_of(tick)
        svg.line(x, top - 6, x, bottom, colour="#eee")
        svg.text(x, top - 10, "%+g%%" % tick if tick else "0", size=10, anchor="middle",
                 colour="#666")
        svg.text(x, bottom + 16, "%+g%%" % tick if tick else "0", size=10, anchor="middle",
                 colour="#666")
    svg.line(x_of(0), top - 6, x_of(0), bottom, colour="#999")
    svg.text(plot_x + plot_w / 2, bottom + 34, "%s relative to the base median (lower is faster "
             "for times)" % (results[0]["metric"] if results else "value"),
             size=11, anchor="middle", colour="#555")

    y = top
    for row_number, (kind, item) in enumerate(rows):
        if kind == "suite":
            svg.text(20, y + 17, item, weight="bold")
            y += row_h
            continue
        r = item
        colour = _COLOURS[r["status"]]
        mid = y + row_h / 2
        if row_number % 2 == 0:
            svg.rect(plot_x, y, plot_w, row_h, "#fafafa")
        svg.text(20 + 2 * _CHAR_W, mid + 4, r["benchmark"])
        if r.get("threshold") is not None:
            t = 100.0 * r["threshold"]
            svg.rect(x_of(-t), y + 2, x_of(t) - x_of(-t), row_h - 4, "#dddddd", opacity=0.6)
        base_rel, cand_rel = relative.get(id(r), ([], []))
        for v in base_rel:
            svg.circle(x_of(v), mid - 4, 2.6, _BASE_COLOUR, opacity=0.55)
        for v in cand_rel:
            svg.circle(x_of(v), mid + 4, 2.6, colour, opacity=0.7)
        if cand_rel:
            xm = x_of(stats.median(cand_rel))
            svg.line(xm, y + 3, xm, y + row_h - 3, colour=colour, width=2.5)
        verdict = report._VERDICT[r["status"]]
        label = "%s  p=%s  %s" % (report.format_change(r.get("change")),
                                  report.format_p(r.get("p_value")), verdict)
        svg.text(verdict_x, mid + 4, label, colour=colour,
                 weight="bold" if r["status"] == decide.REGRESSION else "normal")
        y += row_h
    return svg.render()


def _run_label(document):
    git = document.get("git") or {}
    short = (git.get("short") or (git.get("revision") or "")[:12] or "?")[:8]
    if git.get("dirty"):
        short += "+"
    return short


def history_svg(documents, metric="cpu_time", name_filter=None):
    """Small multiples: one chart per benchmark across bench_all runs."""
    documents = sorted(documents, key=lambda d: d.get("created", ""))
    series = {}  # (suite, name) -> [(run index, median, min, max)]
    for index, document in enumerate(documents):
        for suite, data in sorted(document.get("suites", {}).items()):
            values = gbench.samples({"benchmarks": data.get("benchmarks", [])}, metric)
            for name, sample in values.items():
                key = (suite, name)
                if name_filter and not re.search(name_filter, "%s/%s" % key):
                    continue
                series.setdefault(key, []).append(
                    (index, stats.median(sample), min(sample), max(sample)))
    keys = sorted(series)
    columns = 3
    panel_w, panel_h = 330, 150
    top = 70
    rows = max(1, math.ceil(len(keys) / columns))
    svg = _Svg(columns * panel_w + 20, top + rows * panel_h + 20)
    svg.text(20, 26, "openk4a benchmark history: median %s per run (band: min..max)" % metric,
             size=16, weight="bold")
    first = documents[0].get("created", "?") if documents else "?"
    last = documents[-1].get("created", "?") if documents else "?"
    svg.text(20, 46, "%d runs, %s .. %s; x axis: runs in time order, labelled by revision" % (
        len(documents), first, last), size=11, colour="#555")
    if not keys:
        svg.text(20, top + 20, "no benchmark results to show")
    for number, key in enumerate(keys):
        points = series[key]
        x0 = 20 + (number % columns) * panel_w
        y0 = top + (number // columns) * panel_h
        inner_x, inner_y = x0 + 62, y0 + 24
        inner_w, inner_h = panel_w - 80, panel_h - 58
        # Leave room on the right for the "+x% since first" label.
        title = key[1] if len(key[1]) <= 30 else key[1][:27] + "..."
        svg.text(x0, y0 + 12, title, size=11, weight="bold")
        svg.rect(inner_x, inner_y, inner_w, inner_h, "#fcfcfc", stroke="#ddd")
        low = min(p[2] for p in points)
        high = max(p[3] for p in points)
        if high <= low:
            low, high = low * 0.95, high * 1.05 + 1e-12
        span = high - low
        low, high = max(0.0, low - 0.1 * span), high + 0.1 * span

        def xy(i, v, inner_x=inner_x, inner_y=inner_y, inner_w=inner_w, inner_h=inner_h,
               low=low, high=high):
            x = inner_x + (inner_w / 2 if len(documents) < 2 else
                           i / (len(documents) - 1) * inner_w)
            return x, inner_y + inner_h - (v - low) / (high - low) * inner_h

        for value in (low, high):
            _, yv = xy(0, value)
            svg.text(inner_x - 4, yv + 4, report.format_value(value, metric), size=9,
                     anchor="end", colour="#666")
        for i, _median, vmin, vmax in points:
            x, ya = xy(i, vmin)
            _, yb = xy(i, vmax)
            svg.rect(x - 3, yb, 6, ya - yb, "#1f77b4", opacity=0.18)
        svg.polyline([xy(i, m) for i, m, _, _ in points], "#1f77b4")
        for i, m, _, _ in points:
            x, ym = xy(i, m)
            svg.circle(x, ym, 2.8, "#1f77b4")
        for i in sorted({points[0][0], points[-1][0]}):
            x, _ = xy(i, low)
            svg.text(x, inner_y + inner_h + 13, _run_label(documents[i]), size=9,
                     anchor="middle", colour="#666")
        change = (points[-1][1] / points[0][1] - 1) if points[0][1] else 0.0
        svg.text(inner_x + inner_w, y0 + 12, "%s since first" % report.format_change(change)
                 if len(points) > 1 else "", size=10, anchor="end", colour="#555")
    return svg.render()


_GOAL_COLOURS = {
    goals.MET: "#2ca02c",
    goals.NOISE: "#ff7f0e",
    goals.MISSED: "#d62728",
    goals.KNOWN: "#9467bd",
    goals.NOT_RUN: "#7f7f7f",
    goals.ERROR: "#d62728",
}


def goals_svg(document):
    """The picture of one tools/bench_goals JSON document: per goal, the
    measured ratio (dot) and its interval (bar) divided by the bound, on a
    log axis where 1 is the bound; the side that meets the goal is shaded."""
    results = document["goals"]
    low, high = 0.25, 4.0
    for r in results:
        for key in ("ratio", "low", "high"):
            v = r.get(key)
            if v and r.get("limit") and 0 < v < math.inf:
                low = min(low, v / r["limit"])
                high = max(high, v / r["limit"])
    low, high = max(low, 1e-3), min(high, 1e3)
    name_w = max([len(r["name"]) for r in results] + [24]) * _CHAR_W
    plot_x, plot_w = 20 + name_w + 12, 420
    verdict_x = plot_x + plot_w + 16
    header = [
        ("openk4a performance goals: %s" % report.goals_summary_line(results), 16, "bold"),
        ("%s | %s" % ((document.get("git") or {}).get("short") or "?", document.get("created", "")),
         11, "normal"),
        ("dot: measured ratio / the goal's bound (log scale); bar: its interval; shaded: the side "
         "that meets the goal", 11, "normal"),
    ]
    width = int(max([verdict_x + 48 * _CHAR_W] + [40 + len(t) * _CHAR_W * s / 12.0 for t, s, _ in header]))
    top, row_h = 40 + 18 * len(header) + 24, 26
    bottom = top + row_h * len(results)
    svg = _Svg(width, int(bottom + 50))
    for number, (text, size, weight) in enumerate(header):
        svg.text(20, 26 + 18 * number, text, size=size, weight=weight,
                 colour="#222" if number == 0 else "#555")

    def x_of(value):
        value = min(max(value, low), high)
        return plot_x + (math.log(value) - math.log(low)) / (math.log(high) - math.log(low)) * plot_w

    for tick in (0.125, 0.25, 0.5, 1, 2, 4, 8):
        if low <= tick <= high:
            svg.line(x_of(tick), top - 6, x_of(tick), bottom, colour="#999" if tick == 1 else "#eee")
            svg.text(x_of(tick), top - 10, "bound" if tick == 1 else "%gx" % tick, size=10,
                     anchor="middle", colour="#666")
    for number, r in enumerate(results):
        y = top + number * row_h
        mid = y + row_h / 2
        colour = _GOAL_COLOURS[r["verdict"]]
        good_left = r.get("kind") == "at_most"
        x1 = x_of(1)
        svg.rect(plot_x if good_left else x1, y + 2, (x1 - plot_x) if good_left else (plot_x + plot_w - x1),
                 row_h - 4, "#2ca02c", opacity=0.08)
        svg.text(20, mid + 4, r["name"])
        limit = r.get("limit")
        if r.get("ratio") is not None and limit and 0 <= r["ratio"] < math.inf:
            if r.get("low") is not None:
                svg.line(x_of(max(r["low"], 1e-12) / limit), mid, x_of(min(r["high"], 1e12) / limit), mid,
                         colour=colour, width=3)
            svg.circle(x_of(max(r["ratio"], 1e-12) / limit), mid, 4, colour)
        label = "%s %s  %s" % (report.format_ratio(r.get("ratio")), r["bound"], r["verdict"])
        if r["verdict"] == goals.KNOWN:
            label += " (%s)" % r.get("known_miss")
        svg.text(verdict_x, mid + 4, label, colour=colour,
                 weight="bold" if r["verdict"] in (goals.MISSED, goals.ERROR) else "normal")
    return svg.render()


def _load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="kind", required=True)
    cmp_parser = sub.add_parser("comparison", help="picture of one bench_compare JSON file")
    cmp_parser.add_argument("json")
    cmp_parser.add_argument("-o", "--output", required=True)
    hist_parser = sub.add_parser("history", help="medians across bench_all JSON files")
    hist_parser.add_argument("json", nargs="+")
    hist_parser.add_argument("-o", "--output", required=True)
    hist_parser.add_argument("--metric", default="cpu_time")
    hist_parser.add_argument("--filter", help="regex on <suite>/<benchmark>")
    goals_parser = sub.add_parser("goals", help="picture of one bench_goals JSON file")
    goals_parser.add_argument("json")
    goals_parser.add_argument("-o", "--output", required=True)
    args = parser.parse_args(argv)
    try:
        if args.kind == "comparison":
            svg = comparison_svg(_load(args.json))
        elif args.kind == "goals":
            svg = goals_svg(_load(args.json))
        else:
            svg = history_svg([_load(p) for p in args.json], args.metric, args.filter)
    except (OSError, ValueError, KeyError) as exc:
        print("plot: %s" % exc, file=sys.stderr)
        return 2
    with open(args.output, "w", encoding="utf-8") as f:
        f.write(svg)
    print("wrote %s" % args.output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
