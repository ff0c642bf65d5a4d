"""The project's performance goals (bench/goals.toml) and their verdicts.

A goal is a ratio between benchmarks of ONE run, so both sides saw the same
machine: median(numerator) / median(denominator), optionally with a `floor`
benchmark subtracted from both (what a driver adds over bare USB traffic), or
a single benchmark's value when there is no denominator (allocations per
frame). Its bound is `at_most` or `at_least`.

The noise is the run's own: the ratio is recomputed on bootstrap resamples of
every benchmark's repetitions (fixed seed, so a verdict never depends on
chance), giving an interval. A goal is

  met            the measured ratio is within the bound;
  within noise   the ratio is outside the bound but the interval reaches it:
                 reported, not failed (measure again, with more repetitions);
  MISSED         the whole interval is outside the bound: fails;
  known miss     missed (or within noise), and goals.toml names the issue
                 that owns it (`known_miss`): reported, not failed;
  not run        a benchmark it needs is not in the run (suite skipped for a
                 missing peer library or data, filtered out, not built):
                 reported, never counted as met;
  ERROR          a benchmark it needs failed, or its name is ambiguous.
"""

import fnmatch
import math
import os
import random

from bench import gbench, rules, stats

DEFAULT_FILE = os.path.normpath(os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "..", "..", "bench", "goals.toml"))

MET = "met"
NOISE = "within noise"
MISSED = "missed"
KNOWN = "known miss"
NOT_RUN = "not run"
ERROR = "error"
VERDICTS = (MET, NOISE, MISSED, KNOWN, NOT_RUN, ERROR)

_BOOTSTRAP_SEED = 20
_GOAL_KEYS = {"name", "suite", "numerator", "denominator", "floor", "metric", "at_most", "at_least",
              "known_miss", "why"}
_DEFAULT_KEYS = {"metric", "confidence", "resamples"}


class GoalsError(Exception):
    pass


class Goal:
    def __init__(self, table, defaults, where):
        unknown = set(table) - _GOAL_KEYS
        if unknown:
            raise GoalsError("%s: unknown key(s) %s (known: %s)" % (
                where, ", ".join(sorted(unknown)), ", ".join(sorted(_GOAL_KEYS))))
        for key in ("name", "suite", "numerator"):
            if not isinstance(table.get(key), str) or not table[key]:
                raise GoalsError("%s: needs %s = \"...\"" % (where, key))
        for key in ("denominator", "floor", "metric", "known_miss", "why"):
            if key in table and (not isinstance(table[key], str) or not table[key]):
                raise GoalsError("%s: %s must be a non-empty string" % (where, key))
        if "floor" in table and "denominator" not in table:
            raise GoalsError("%s: a floor is subtracted from numerator and denominator: "
                             "it needs a denominator" % where)
        bounds = [key for key in ("at_most", "at_least") if key in table]
        if len(bounds) != 1:
            raise GoalsError("%s: needs exactly one of at_most / at_least" % where)
        bound = table[bounds[0]]
        if isinstance(bound, bool) or not isinstance(bound, (int, float)) or bound < 0:
            raise GoalsError("%s: %s must be a number >= 0" % (where, bounds[0]))
        self.name = table["name"]
        self.suite = table["suite"]
        self.numerator = table["numerator"]
        self.denominator = table.get("denominator")
        self.floor = table.get("floor")
        self.metric = table.get("metric", defaults.get("metric", "cpu_time"))
        self.kind = bounds[0]
        self.bound = float(bound)
        self.known_miss = table.get("known_miss")
        self.why = table.get("why", "")

    def benchmarks(self):
        """The benchmark name patterns the goal reads: role -> pattern."""
        roles = {"numerator": self.numerator}
        if self.denominator:
            roles["denominator"] = self.denominator
        if self.floor:
            roles["floor"] = self.floor
        return roles

    def formula(self):
        if not self.denominator:
            return self.numerator
        if self.floor:
            return "(%s - %s) / (%s - %s)" % (self.numerator, self.floor, self.denominator, self.floor)
        return "%s / %s" % (self.numerator, self.denominator)

    def bound_text(self):
        return "%s %g" % ("<=" if self.kind == "at_most" else ">=", self.bound)

    def within(self, value):
        return value <= self.bound if self.kind == "at_most" else value >= self.bound


class GoalSet:
    def __init__(self, goals, confidence=0.95, resamples=2000, source="<built-in>"):
        self.goals = goals
        self.confidence = confidence
        self.resamples = resamples
        self.source = source

    def suites(self):
        return sorted({goal.suite for goal in self.goals})

    def filters(self):
        """{suite: --benchmark_filter regex} running only what the goals read."""
        names = {}
        for goal in self.goals:
            names.setdefault(goal.suite, set()).update(goal.benchmarks().values())
        return {suite: "^(%s)$" % "|".join(_pattern_regex(p) for p in sorted(patterns))
                for suite, patterns in names.items()}

    def only(self, *patterns):
        """The goals whose name matches one of the fnmatch `patterns`."""
        return GoalSet([g for g in self.goals if any(fnmatch.fnmatchcase(g.name, p) for p in patterns)],
                       self.confidence, self.resamples, self.source)


def _pattern_regex(pattern):
    """An fnmatch pattern (only `*` is special) as a POSIX extended regex,
    which Google Benchmark's --benchmark_filter takes."""
    special = set(".[]{}()\\+?^$|")
    return "".join(".*" if c == "*" else ("\\" + c if c in special else c) for c in pattern)


def parse(data, source="<string>"):
    unknown = set(data) - {"defaults", "goal"}
    if unknown:
        raise GoalsError("%s: unknown table(s) %s (expected [defaults] and [[goal]])" % (
            source, ", ".join(sorted(unknown))))
    if not isinstance(data.get("goal", []), list) or not isinstance(data.get("defaults", {}), dict):
        raise GoalsError("%s: unknown table layout (expected [defaults] and [[goal]] tables)" % source)
    defaults = data.get("defaults", {})
    bad = set(defaults) - _DEFAULT_KEYS
    if bad:
        raise GoalsError("%s [defaults]: unknown key(s) %s" % (source, ", ".join(sorted(bad))))
    confidence = defaults.get("confidence", 0.95)
    resamples = defaults.get("resamples", 2000)
    if not isinstance(confidence, float) or not 0.5 <= confidence < 1:
        raise GoalsError("%s [defaults]: confidence must be in [0.5, 1)" % source)
    if isinstance(resamples, bool) or not isinstance(resamples, int) or resamples < 100:
        raise GoalsError("%s [defaults]: resamples must be an integer >= 100" % source)
    goals, seen = [], set()
    for index, table in enumerate(data.get("goal", []), start=1):
        goal = Goal(table, defaults, "%s [[goal]] #%d" % (source, index))
        if goal.name in seen:
            raise GoalsError("%s: two goals named %r" % (source, goal.name))
        seen.add(goal.name)
        goals.append(goal)
    if not goals:
        raise GoalsError("%s: no [[goal]]" % source)
    return GoalSet(goals, confidence, resamples, source)


def load(path=None):
    path = path or DEFAULT_FILE
    return parse(rules.read_toml(path, GoalsError), path)


# ---- evaluation ----------------------------------------------------------------

def _ratio(medians, goal):
    value = medians["numerator"]
    if not goal.denominator:
        return value
    floor = medians.get("floor", 0.0)
    below = medians["denominator"] - floor
    if below <= 0:
        return math.nan  # the floor is not below the reference: no meaningful ratio
    return (value - floor) / below


def measured_ratio(samples, goal, confidence=0.95, resamples=2000):
    """(ratio of medians, low, high): the interval holds `confidence` of
    the ratios over bootstrap resamples of each benchmark's repetitions."""
    point = _ratio({role: stats.median(values) for role, values in samples.items()}, goal)
    rng = random.Random(_BOOTSTRAP_SEED)
    ratios = []
    for _ in range(resamples):
        medians = {role: stats.median(rng.choices(values, k=len(values)))
                   for role, values in samples.items()}
        value = _ratio(medians, goal)
        ratios.append(math.inf if math.isnan(value) else value)
    ratios.sort()
    tail = (1.0 - confidence) / 2.0
    low = ratios[int(math.floor(tail * (resamples - 1)))]
    high = ratios[int(math.ceil((1.0 - tail) * (resamples - 1)))]
    return point, low, high


class Run:
    """Where a goal finds its benchmarks: a tools/bench_all run document."""

    def __init__(self, document):
        self.suites = document.get("suites", {})
        self.skipped = document.get("skipped", {})

    def missing_suite(self, suite):
        """Why `suite` measured nothing, or None when it has entries."""
        if suite in self.skipped:
            return "suite skipped: %s" % self.skipped[suite]
        data = self.suites.get(suite)
        if data is None:
            return "suite not in the run"
        if not data.get("benchmarks") and not data.get("error"):
            return (data.get("note") or "ran no benchmark").strip()
        return None


def evaluate_goal(goal, run, confidence=0.95, resamples=2000):
    result = {"name": goal.name, "suite": goal.suite, "formula": goal.formula(), "metric": goal.metric,
              "bound": goal.bound_text(), "kind": goal.kind, "limit": goal.bound,
              "known_miss": goal.known_miss, "why": goal.why, "ratio": None, "low": None, "high": None,
              "benchmarks": {}, "samples": {}}
    missing = run.missing_suite(goal.suite)
    if missing:
        result.update(verdict=NOT_RUN, note=missing)
        return result
    data = run.suites[goal.suite]
    document = {"benchmarks": data.get("benchmarks", [])}
    if data.get("error"):
        result.update(verdict=ERROR, note="suite failed: %s" % data["error"].strip().splitlines()[0])
        return result
    values = gbench.samples(document, goal.metric)
    failures = gbench.errors(document)
    names = gbench.names(document) + [n for n in failures if n not in gbench.names(document)]
    absent = []
    for role, pattern in goal.benchmarks().items():
        matches = [n for n in names if fnmatch.fnmatchcase(n, pattern)]
        if len(matches) > 1:
            result.update(verdict=ERROR, note="%s %r matches %d benchmarks (%s): make it exact" % (
                role, pattern, len(matches), ", ".join(matches)))
            return result
        if not matches:
            absent.append(pattern)
            continue
        name = matches[0]
        result["benchmarks"][role] = name
        if name in failures:
            result.update(verdict=ERROR, note="%s failed: %s" % (name, failures[name]))
            return result
        if not values.get(name):
            result.update(verdict=ERROR, note="%s reports no %s" % (name, goal.metric))
            return result
        result["samples"][role] = values[name]
    if absent:
        result.update(verdict=NOT_RUN, note="not in the run: %s" % ", ".join(absent))
        return result
    point, low, high = measured_ratio(result["samples"], goal, confidence, resamples)
    result.update(ratio=point, low=low, high=high)
    if math.isnan(point):
        result.update(verdict=ERROR, note="the floor is not below the denominator: no ratio")
    elif goal.within(point):
        result.update(verdict=MET, note="marked known miss (%s) but met: remove the mark?" % goal.known_miss
                      if goal.known_miss else "")
    else:
        noise = goal.within(low) or goal.within(high)
        if goal.known_miss:
            result.update(verdict=KNOWN, note=goal.known_miss)
        elif noise:
            result.update(verdict=NOISE, note="the interval reaches the bound: measure again")
        else:
            result.update(verdict=MISSED, note="")
    return result


def evaluate(goal_set, document):
    """Verdicts of every goal on one tools/bench_all run document."""
    run = Run(document)
    return [evaluate_goal(goal, run, goal_set.confidence, goal_set.resamples) for goal in goal_set.goals]


def summary(results):
    counts = {verdict: 0 for verdict in VERDICTS}
    for result in results:
        counts[result["verdict"]] += 1
    return counts


def exit_code(results):
    """0 when no goal is missed, 1 when one is, 2 on an error or when no goal
    could be measured at all."""
    counts = summary(results)
    if counts[ERROR] or counts[NOT_RUN] == len(results):
        return 2
    return 1 if counts[MISSED] else 0
