#!/usr/bin/env python3
"""Counts test results from Bazel build-event JSON files.

A test target passes only if its testSummary says PASSED (or FLAKY); a test
target that was configured but has no summary failed to build; a pattern or
target that aborted (e.g. a BUILD file error) counts as one failure.

Usage: bep_summary.py LABEL=FILE [LABEL=FILE ...]
Prints one line per failure and returns (passed, failed) via stdout as the
last line "PASSED FAILED" for the caller to add up.
"""
import json
import sys


def summarize(path):
    configured_tests = set()
    results = {}
    aborted = []
    try:
        with open(path) as f:
            events = [json.loads(line) for line in f if line.strip()]
    except OSError:
        return 0, ["no build events (bazel did not start)"]
    for event in events:
        eid = event.get("id", {})
        if "targetConfigured" in eid:
            kind = event.get("configured", {}).get("targetKind", "")
            if kind.endswith("_test rule") or "testSize" in event.get("configured", {}):
                configured_tests.add(eid["targetConfigured"]["label"])
        if "testSummary" in eid:
            results[eid["testSummary"]["label"]] = event["testSummary"].get("overallStatus", "NO_STATUS")
        if "aborted" in event and ("pattern" in eid or "targetConfigured" in eid or "targetCompleted" in eid):
            what = eid.get("pattern", {}).get("pattern") or eid.get("targetConfigured", eid.get("targetCompleted", {})).get("label")
            if what not in configured_tests:
                aborted.append("%s: %s" % (what, event["aborted"].get("description", "aborted").splitlines()[0]))
    failures = list(aborted)
    passed = 0
    for label in sorted(configured_tests | set(results)):
        status = results.get(label)
        if status in ("PASSED", "FLAKY"):
            passed += 1
        elif status is None:
            failures.append("%s: did not build" % label)
        else:
            failures.append("%s: %s" % (label, status))
    return passed, failures


def main(argv):
    total_passed = total_failed = 0
    for arg in argv[1:]:
        name, path = arg.split("=", 1)
        passed, failures = summarize(path)
        total_passed += passed
        total_failed += len(failures)
        print("  [%s] %d passed, %d failed" % (name, passed, len(failures)))
        for failure in failures:
            print("    FAILED %s" % failure)
    print("%d %d" % (total_passed, total_failed))


if __name__ == "__main__":
    main(sys.argv)
