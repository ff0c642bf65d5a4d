"""Per-benchmark decision settings (thresholds.toml next to this file).

Every benchmark is identified as "<suite>/<benchmark>", e.g.
"//bench/image:image_benchmark/BM_RefRelease_openk4a/threads:2". The [default]
table applies to all; each [[rule]] whose `match` (an fnmatch pattern) fits
the identifier overrides the keys it sets, later rules winning.
"""

import fnmatch
import os
import tomllib

DEFAULT_FILE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "thresholds.toml")

# key -> (type check, description) of what a setting may hold.
_KEYS = {
    "threshold": (lambda v: isinstance(v, (int, float)) and 0 <= v < 10,
                  "a relative change, e.g. 0.05 for 5%"),
    "alpha": (lambda v: isinstance(v, (int, float)) and 0 < v < 1,
              "a significance level in (0, 1)"),
    "metric": (lambda v: isinstance(v, str) and v != "",
               '"cpu_time", "real_time" or a counter name'),
    "direction": (lambda v: v in ("lower", "higher"),
                  '"lower" (smaller is better) or "higher"'),
    "gate": (lambda v: isinstance(v, bool),
             "true (a regression fails the comparison) or false (reported only)"),
}

BUILTIN_DEFAULTS = {
    "threshold": 0.05,
    "alpha": 0.01,
    "metric": "cpu_time",
    "direction": "lower",
    "gate": True,
}


class RulesError(Exception):
    pass


class Rules:
    def __init__(self, defaults=None, rules=(), source="<built-in>"):
        self.defaults = dict(BUILTIN_DEFAULTS)
        self.defaults.update(defaults or {})
        self.rules = list(rules)  # [(pattern, {key: value})]
        self.source = source

    def settings(self, suite, benchmark):
        """The effective settings for one benchmark, plus the patterns that
        applied (for the report)."""
        ident = "%s/%s" % (suite, benchmark)
        result = dict(self.defaults)
        matched = []
        for pattern, values in self.rules:
            if fnmatch.fnmatchcase(ident, pattern):
                result.update(values)
                matched.append(pattern)
        result["rules"] = matched
        return result

    def override(self, **values):
        """Command-line overrides of the defaults (None = keep)."""
        for key, value in values.items():
            if value is not None:
                _check(key, value, "command line")
                self.defaults[key] = value
        return self


def _check(key, value, where):
    if key not in _KEYS:
        raise RulesError("%s: unknown key %r (known: %s)" % (where, key, ", ".join(sorted(_KEYS))))
    ok, description = _KEYS[key]
    if not ok(value):
        raise RulesError("%s: %s = %r: expected %s" % (where, key, value, description))


def read_toml(path, error=None):
    """The data of a TOML file; `error` (an exception class, default
    RulesError) says what could not be read and why."""
    error = error or RulesError
    try:
        with open(path, "rb") as f:
            return tomllib.load(f)
    except OSError as exc:
        raise error("cannot read %s: %s" % (path, exc))
    except tomllib.TOMLDecodeError as exc:
        raise error("%s: %s" % (path, exc))


def load(path=None):
    """Rules from a TOML file (the checked-in one by default)."""
    path = path or DEFAULT_FILE
    data = read_toml(path)
    unknown = set(data) - {"default", "rule"}
    if unknown:
        raise RulesError("%s: unknown table(s) %s (expected [default] and [[rule]])" % (
            path, ", ".join(sorted(unknown))))
    defaults = data.get("default", {})
    for key, value in defaults.items():
        _check(key, value, "%s [default]" % path)
    rules = []
    for index, rule in enumerate(data.get("rule", []), start=1):
        where = "%s [[rule]] #%d" % (path, index)
        rule = dict(rule)
        pattern = rule.pop("match", None)
        if not isinstance(pattern, str) or not pattern:
            raise RulesError("%s: needs match = \"<fnmatch pattern on suite/benchmark>\"" % where)
        if not rule:
            raise RulesError("%s: sets nothing besides match" % where)
        for key, value in rule.items():
            _check(key, value, where)
        rules.append((pattern, rule))
    return Rules(defaults, rules, source=path)
