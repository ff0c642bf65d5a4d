"""Running Google Benchmark binaries and reading their JSON output."""

import json
import os
import subprocess
import tempfile
import time

# Time units Google Benchmark reports, in nanoseconds.
_NS_PER_UNIT = {"ns": 1.0, "us": 1e3, "ms": 1e6, "s": 1e9}

# Metrics read from every iteration entry; times are converted to ns.
TIME_METRICS = ("real_time", "cpu_time")


class BenchmarkRunError(Exception):
    """A benchmark binary failed, timed out or wrote no usable JSON."""


class Suite:
    """One benchmark binary: `name` identifies it in reports (a Bazel label
    for suites of the tree), `path` is the executable."""

    def __init__(self, name, path, env=None, cwd=None):
        self.name = name
        self.path = path
        self.env = dict(env or {})
        self.cwd = cwd

    def __repr__(self):
        return "Suite(%r, %r)" % (self.name, self.path)


def benchmark_args(out_path, repetitions, min_time=None, filter_regex=None,
                   interleave=True):
    """The Google Benchmark flags of one run (1.7.1 spelling)."""
    args = [
        "--benchmark_out=%s" % out_path,
        "--benchmark_out_format=json",
        "--benchmark_repetitions=%d" % repetitions,
    ]
    if interleave:
        args.append("--benchmark_enable_random_interleaving=true")
    if min_time is not None:
        # 1.7.x takes plain seconds; 1.8 would also accept "0.1s".
        args.append("--benchmark_min_time=%g" % min_time)
    if filter_regex:
        args.append("--benchmark_filter=%s" % filter_regex)
    return args


def run_suite(suite, repetitions, min_time=None, filter_regex=None,
              timeout=None, log_dir=None):
    """Runs a suite once; returns its parsed JSON (the document the binary
    wrote with --benchmark_out). Raises BenchmarkRunError with the end of the
    binary's output when it fails."""
    with tempfile.TemporaryDirectory(prefix="openk4a-bench-run-") as tmp:
        out_path = os.path.join(tmp, "out.json")
        cmd = [suite.path] + benchmark_args(out_path, repetitions, min_time, filter_regex)
        env = dict(os.environ)
        env.update(suite.env)
        started = time.monotonic()
        try:
            proc = subprocess.run(cmd, cwd=suite.cwd, env=env, stdout=subprocess.PIPE,
                                  stderr=subprocess.STDOUT, timeout=timeout)
        except subprocess.TimeoutExpired as exc:
            raise BenchmarkRunError("%s: timed out after %.0f s" % (suite.name, exc.timeout))
        except OSError as exc:
            raise BenchmarkRunError("%s: cannot run %s: %s" % (suite.name, suite.path, exc))
        output = proc.stdout.decode("utf-8", "replace")
        if log_dir:
            log_name = suite.name.strip("/").replace("/", "_").replace(":", "_") + ".log"
            with open(os.path.join(log_dir, log_name), "a", encoding="utf-8") as log:
                log.write("$ %s\n%s\n" % (" ".join(cmd), output))
        if proc.returncode != 0:
            raise BenchmarkRunError("%s: exit status %d after %.1f s; its output ends with:\n%s" % (
                suite.name, proc.returncode, time.monotonic() - started, _tail(output)))
        if proc.returncode == 0 and (not os.path.exists(out_path) or os.path.getsize(out_path) == 0):
            # Nothing to measure here (its input data is absent, or the
            # filter matches nothing): the binary says why and exits 0
            # without writing any JSON.
            return {"context": {}, "benchmarks": [],
                    "note": "ran no benchmark: %s" % _tail(output, 3).strip()}
        try:
            with open(out_path, encoding="utf-8") as f:
                return json.load(f)
        except (OSError, ValueError) as exc:
            raise BenchmarkRunError("%s: no usable JSON output (%s); its output ends with:\n%s" % (
                suite.name, exc, _tail(output)))


def _tail(text, lines=15):
    return "\n".join("    " + line for line in text.rstrip().splitlines()[-lines:])


def samples(document, metric):
    """Per-repetition values of `metric` by benchmark name, from one run.

    Aggregates (mean, median, ...) are skipped: they are recomputed from the
    repetitions. Times are returned in ns; a counter is returned as reported.
    Entries that report an error are left out (see errors()).
    """
    result = {}
    for entry in document.get("benchmarks", []):
        if entry.get("run_type", "iteration") != "iteration" or entry.get("error_occurred"):
            continue
        name = entry.get("run_name") or entry["name"]
        if metric in TIME_METRICS:
            value = float(entry[metric]) * _NS_PER_UNIT[entry.get("time_unit", "ns")]
        elif metric in entry:
            value = float(entry[metric])
        else:
            continue
        result.setdefault(name, []).append(value)
    return result


def errors(document):
    """{benchmark name: error message} for entries that skipped with an error."""
    return {
        (entry.get("run_name") or entry["name"]): entry.get("error_message", "error")
        for entry in document.get("benchmarks", []) if entry.get("error_occurred")
    }


def names(document):
    """Benchmark names of a run, in the order the binary registered them
    (random interleaving shuffles the entries themselves)."""
    order = {}
    for entry in document.get("benchmarks", []):
        if entry.get("run_type", "iteration") != "iteration":
            continue
        name = entry.get("run_name") or entry["name"]
        key = (entry.get("family_index", 0), entry.get("per_family_instance_index", 0))
        order[name] = min(order.get(name, key), key)
    return sorted(order, key=lambda name: order[name])
