"""Google Benchmark JSON documents and measured sides made up for tests."""

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tools"))
from bench import measure  # noqa: E402


def document(samples, unit="ns", errors=None):
    """A gbench --benchmark_out document: {name: [cpu times]} as repetitions
    (real time = 1.1 x cpu time), plus a mean aggregate that readers must skip."""
    entries = []
    for family, (name, values) in enumerate(samples.items()):
        for index, value in enumerate(values):
            entries.append({
                "name": name, "run_name": name, "run_type": "iteration", "family_index": family,
                "per_family_instance_index": 0, "repetitions": len(values),
                "repetition_index": index, "threads": 1, "iterations": 1000,
                "real_time": value * 1.1, "cpu_time": value, "time_unit": unit,
                "items_per_second": 1e9 / value,
            })
        entries.append({
            "name": name + "_mean", "run_name": name, "run_type": "aggregate",
            "family_index": family, "aggregate_name": "mean", "real_time": -1.0,
            "cpu_time": -1.0, "time_unit": unit,
        })
    for name, message in (errors or {}).items():
        entries.append({"name": name, "run_name": name, "run_type": "iteration",
                        "error_occurred": True, "error_message": message})
    return {"context": {"host_name": "test", "num_cpus": 2}, "benchmarks": entries}


def side(label, suites):
    """A measure.SideResult from {suite: {benchmark: [cpu times]}}."""
    result = measure.SideResult(label)
    for suite, samples in suites.items():
        result.entries[suite] = document(samples)["benchmarks"]
        result.contexts[suite] = {"host_name": "test"}
        result.paths[suite] = "/bin/" + suite
    return result


def spread(center, n=20, jitter=0.02):
    """n deterministic values within +-jitter of center, no two equal."""
    return [center * (1 + jitter * ((i * 7919) % n - n / 2) / (n / 2)) + i * 1e-9 for i in range(n)]
