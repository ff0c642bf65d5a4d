#!/usr/bin/env python3
"""Counts test results from Bazel build-event JSON files.

Only test targets are counted:
- passed: its testSummary says PASSED (or FLAKY) and at least one of its test
  cases ran (a test whose every case was skipped, e.g. GTEST_SKIP because the
  real data in ../shared is absent, counts as skipped);
- skipped: incompatible with this machine (Bazel skipped it), or every test
  case skipped;
- failed: any other status, or configured but without a summary (it did not
  build).
A non-test target (a benchmark binary, a tool) is not a test: when Bazel
skips it as incompatible (an optional peer library is absent) it is only
listed; when it fails to build, the build is broken and that counts as a
failure. A pattern that aborted (e.g. a BUILD file error) counts as one failure.

Usage: bep_summary.py LABEL=FILE [LABEL=FILE ...]
Prints a block per configuration and, as the last line, "PASSED FAILED
SKIPPED" for the caller to add up.
"""
import json
import sys
import xml.etree.ElementTree as ElementTree
from urllib.parse import unquote, urlparse


def _is_test(configured):
    return configured.get("targetKind", "").endswith("_test rule") or "testSize" in configured


def _cases(xml_uri):
    """(ran, skipped) test cases in a test.xml, or None if it cannot be read."""
    try:
        path = unquote(urlparse(xml_uri).path)
        root = ElementTree.parse(path).getroot()
    except (OSError, ElementTree.ParseError):
        return None
    ran = skipped = 0
    for case in root.iter("testcase"):
        if case.get("result") == "skipped" or case.find("skipped") is not None:
            skipped += 1
        else:
            ran += 1
    return ran, skipped


class Summary:
    def __init__(self):
        self.passed = []
        self.failed = []  # "label: why"
        self.skipped = []  # "label: why"
        self.not_tests_skipped = []
        self.skipped_cases = 0


def summarize(path):
    summary = Summary()
    try:
        with open(path) as f:
            events = [json.loads(line) for line in f if line.strip()]
    except OSError:
        summary.failed.append("no build events (bazel did not start)")
        return summary
    tests = set()
    non_tests = set()
    statuses = {}
    xmls = {}  # label -> [test.xml uri]
    incompatible = {}
    broken_non_tests = {}
    aborted_patterns = []
    for event in events:
        eid = event.get("id", {})
        if "targetConfigured" in eid:
            label = eid["targetConfigured"]["label"]
            (tests if _is_test(event.get("configured", {})) else non_tests).add(label)
        elif "testSummary" in eid:
            statuses[eid["testSummary"]["label"]] = event["testSummary"].get("overallStatus", "NO_STATUS")
        elif "testResult" in eid:
            for output in event.get("testResult", {}).get("testActionOutput", []):
                if output.get("name") == "test.xml":
                    xmls.setdefault(eid["testResult"]["label"], []).append(output.get("uri", ""))
        elif "targetCompleted" in eid:
            label = eid["targetCompleted"]["label"]
            aborted = event.get("aborted")
            if aborted is not None and aborted.get("reason") == "SKIPPED":
                incompatible[label] = "incompatible with this machine (%s)" % aborted.get(
                    "description", "skipped").strip()
            # proto3 JSON leaves out "success" when it is false.
            elif aborted is not None or not event.get("completed", {}).get("success", False):
                broken_non_tests[label] = (aborted or {}).get("description", "failed to build")
        elif "aborted" in event and "pattern" in eid:
            aborted_patterns.append("%s: %s" % (" ".join(eid["pattern"].get("pattern", [])),
                                                event["aborted"].get("description", "aborted").splitlines()[0]))
    summary.failed.extend(aborted_patterns)
    for label in sorted(tests | set(statuses)):
        status = statuses.get(label)
        if label in incompatible and status is None:
            summary.skipped.append("%s: %s" % (label, incompatible[label]))
        elif status is None:
            summary.failed.append("%s: did not build" % label)
        elif status not in ("PASSED", "FLAKY"):
            summary.failed.append("%s: %s" % (label, status))
        else:
            counts = [c for c in (_cases(uri) for uri in xmls.get(label, [])) if c is not None]
            ran = sum(c[0] for c in counts)
            skipped = sum(c[1] for c in counts)
            if counts and ran == 0 and skipped > 0:
                summary.skipped.append("%s: every test case skipped" % label)
            else:
                summary.passed.append(label)
                summary.skipped_cases += skipped
    for label in sorted(non_tests):
        if label in incompatible:
            summary.not_tests_skipped.append(label)
        elif label in broken_non_tests:
            summary.failed.append("%s: %s (not a test, but the build is broken)" % (label, broken_non_tests[label]))
    return summary


def main(argv):
    total = [0, 0, 0]
    for arg in argv[1:]:
        name, path = arg.split("=", 1)
        summary = summarize(path)
        total[0] += len(summary.passed)
        total[1] += len(summary.failed)
        total[2] += len(summary.skipped)
        print("  [%s] %d passed, %d failed, %d skipped (test targets; %d test cases skipped inside passing targets)"
              % (name, len(summary.passed), len(summary.failed), len(summary.skipped), summary.skipped_cases))
        for failure in summary.failed:
            print("    FAILED %s" % failure)
        for skipped in summary.skipped:
            print("    SKIPPED %s" % skipped)
        if summary.not_tests_skipped:
            print("    not tests, not built (an optional library is absent): %s" % " ".join(summary.not_tests_skipped))
    print("%d %d %d" % tuple(total))


if __name__ == "__main__":
    main(sys.argv)
