"""Tests of tools/bep_summary.py, the suite's pass/fail/skip counter.

The events are shaped as Bazel 4.2.3 writes them with
--build_event_json_file (taken from a run over a throwaway package holding
one target of each kind), including proto3's habit of leaving out false
fields such as completed.success.
"""
import importlib.util
import json
import os
import sys
import tempfile
import unittest

spec = importlib.util.spec_from_file_location("bep_summary", sys.argv.pop(1))
bep_summary = importlib.util.module_from_spec(spec)
spec.loader.exec_module(bep_summary)

CONFIG = {"id": "dd2f"}


def configured(label, kind, test=True):
    event = {"id": {"targetConfigured": {"label": label}}, "configured": {"targetKind": kind}}
    if test:
        event["configured"]["testSize"] = "SMALL"
    return event


def completed(label, success=True, aborted=None):
    event = {"id": {"targetCompleted": {"label": label, "configuration": CONFIG}}}
    if aborted is not None:
        event["aborted"] = aborted
    else:
        event["completed"] = {"success": True} if success else {"failureDetail": {"message": "x"}}
    return event


def summary(label, status):
    return {"id": {"testSummary": {"label": label, "configuration": CONFIG}},
            "testSummary": {"totalRunCount": 1, "overallStatus": status}}


def result(label, xml_path):
    return {"id": {"testResult": {"label": label, "run": 1, "shard": 1, "attempt": 1, "configuration": CONFIG}},
            "testResult": {"testActionOutput": [
                {"name": "test.log", "uri": "file:///nonexistent/test.log"},
                {"name": "test.xml", "uri": "file://" + xml_path}]}}


SKIPPED = {"reason": "SKIPPED", "description": "Target //p:x build was skipped."}


class BepSummaryTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()

    def tearDown(self):
        self.dir.cleanup()

    def xml(self, name, cases):
        path = os.path.join(self.dir.name, name + ".xml")
        body = "".join('<testcase name="c%d" status="run" result="%s"%s>' % (
            i, kind, "><skipped/></testcase" if kind == "skipped" else "/") + (">" if kind == "skipped" else "")
            for i, kind in enumerate(cases))
        with open(path, "w") as f:
            f.write('<?xml version="1.0"?><testsuites><testsuite name="s">%s</testsuite></testsuites>' % body)
        return path

    def count(self, events):
        path = os.path.join(self.dir.name, "events.json")
        with open(path, "w") as f:
            f.write("\n".join(json.dumps(e) for e in events) + "\n")
        return bep_summary.summarize(path)

    def test_passing_failing_and_unbuilt_tests(self):
        s = self.count([
            configured("//p:ok_test", "cc_test rule"), completed("//p:ok_test"), summary("//p:ok_test", "PASSED"),
            configured("//p:flaky_test", "cc_test rule"), summary("//p:flaky_test", "FLAKY"),
            configured("//p:bad_test", "sh_test rule"), summary("//p:bad_test", "FAILED"),
            configured("//p:slow_test", "sh_test rule"), summary("//p:slow_test", "TIMEOUT"),
            configured("//p:broken_test", "sh_test rule"), completed("//p:broken_test", aborted={}),
        ])
        self.assertEqual(s.passed, ["//p:flaky_test", "//p:ok_test"])
        self.assertEqual(sorted(f.split(":", 1)[1] for f in s.failed),
                         ["bad_test: FAILED", "broken_test: did not build", "slow_test: TIMEOUT"])
        self.assertEqual(s.skipped, [])

    def test_incompatible_benchmark_is_not_a_test_and_not_failed(self):
        s = self.count([
            configured("//bench/peers:libuvc_stream_benchmark", "cc_binary rule", test=False),
            completed("//bench/peers:libuvc_stream_benchmark", aborted=SKIPPED),
            configured("//p:ok_test", "cc_test rule"), summary("//p:ok_test", "PASSED"),
        ])
        self.assertEqual((len(s.passed), len(s.failed), len(s.skipped)), (1, 0, 0))
        self.assertEqual(s.not_tests_skipped, ["//bench/peers:libuvc_stream_benchmark"])

    def test_incompatible_test_is_skipped_visibly(self):
        s = self.count([configured("//p:peer_test", "cc_test rule"), completed("//p:peer_test", aborted=SKIPPED)])
        self.assertEqual((len(s.passed), len(s.failed), len(s.skipped)), (0, 0, 1))
        self.assertIn("incompatible", s.skipped[0])

    def test_benchmark_that_fails_to_compile_fails(self):
        s = self.count([configured("//bench:b", "cc_binary rule", test=False), completed("//bench:b", success=False)])
        self.assertEqual(len(s.failed), 1)
        self.assertIn("build is broken", s.failed[0])

    def test_built_benchmark_counts_nothing(self):
        s = self.count([configured("//bench:b", "cc_binary rule", test=False), completed("//bench:b")])
        self.assertEqual((len(s.passed), len(s.failed), len(s.skipped)), (0, 0, 0))

    def test_all_cases_skipped_is_skipped_some_skipped_is_passed(self):
        s = self.count([
            configured("//p:nodata_test", "cc_test rule"), summary("//p:nodata_test", "PASSED"),
            result("//p:nodata_test", self.xml("nodata", ["skipped", "skipped"])),
            configured("//p:some_test", "cc_test rule"), summary("//p:some_test", "PASSED"),
            result("//p:some_test", self.xml("some", ["completed", "skipped", "completed"])),
        ])
        self.assertEqual(s.passed, ["//p:some_test"])
        self.assertEqual(s.skipped, ["//p:nodata_test: every test case skipped"])
        self.assertEqual(s.skipped_cases, 1)

    def test_unreadable_xml_keeps_the_bazel_verdict(self):
        s = self.count([configured("//p:sh_test", "sh_test rule"), summary("//p:sh_test", "PASSED"),
                        result("//p:sh_test", "/nonexistent/test.xml")])
        self.assertEqual(s.passed, ["//p:sh_test"])

    def test_aborted_pattern_and_missing_file_fail(self):
        s = self.count([{"id": {"pattern": {"pattern": ["//nope/..."]}},
                         "aborted": {"reason": "LOADING_FAILURE", "description": "no such package 'nope'\nmore"}}])
        self.assertEqual(s.failed, ["//nope/...: no such package 'nope'"])
        self.assertEqual(bep_summary.summarize(os.path.join(self.dir.name, "absent.json")).failed,
                         ["no build events (bazel did not start)"])


if __name__ == "__main__":
    unittest.main()
