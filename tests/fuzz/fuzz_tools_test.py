"""Unit tests of the fuzzing workflow's helpers (tools/fuzz/*.py).

Each part is fed inputs that must be rejected as well as ones that must pass:
dictionary syntax, per-target convention checks, the package layout check on
made-up fuzz packages, libFuzzer log parsing (normal, fork mode, ASan, UBSan,
merge), a whole campaign against a fake libFuzzer binary (restart after a
crash, kept crash with replay commands, merge, summary) and the coverage table.
"""

import argparse
import io
import json
import os
import stat
import sys
import tempfile
import textwrap
import unittest

sys.path.insert(0, os.path.join(os.getcwd(), "tools", "fuzz"))
import campaign  # noqa: E402
import check_fuzzer  # noqa: E402
import coverage  # noqa: E402
import dictionary  # noqa: E402
import layout  # noqa: E402
import libfuzzer_log  # noqa: E402


def write(path, data=b"x", mode=None):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb" if isinstance(data, bytes) else "w") as f:
        f.write(data)
    if mode:
        os.chmod(path, mode)
    return path


class DictionaryTest(unittest.TestCase):
    def test_entries_and_escapes(self):
        text = b'# comment\n\nsoi="\\xff\\xd8"\n"plain"\n  q="a\\"b\\\\c"  \nkw@2="x"\n'
        self.assertEqual([e for _, e in dictionary.parse(text)],
                         [b"\xff\xd8", b"plain", b'a"b\\c', b"x"])

    def test_rejects_what_libfuzzer_or_afl_reject(self):
        for bad in (b'"unterminated', b'noquotes', b'"bad \\n escape"', b'"\\x4"',
                    b'na me="x"', b'""', b'"' + b"a" * 65 + b'"', b'"raw \x01 byte"',
                    b'"x" trailing'):
            with self.subTest(bad=bad):
                with self.assertRaises(dictionary.DictionaryError):
                    dictionary.parse(b"# ok\n" + bad + b"\n")

    def test_error_names_the_line(self):
        with self.assertRaisesRegex(dictionary.DictionaryError, "line 3"):
            dictionary.parse(b'"a"\n"b"\n"c\\q"\n')

    def test_sixty_four_bytes_is_the_limit(self):
        self.assertEqual(len(dictionary.parse(b'"' + b"\\x41" * 64 + b'"')[0][1]), 64)


class CheckFuzzerTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp()

    def test_corpus_needs_a_real_seed(self):
        readme = write(os.path.join(self.dir, "README"))
        self.assertIn("no seed", " ".join(check_fuzzer.check_corpus([readme], 10)))
        seed = write(os.path.join(self.dir, "seed"), b"12345")
        self.assertEqual(check_fuzzer.check_corpus([readme, seed], 10), [])

    def test_seed_above_max_len_and_copies(self):
        big = write(os.path.join(self.dir, "big"), b"x" * 11)
        copy = write(os.path.join(self.dir, "copy"), b"x" * 11)
        problems = " ".join(check_fuzzer.check_corpus([big, copy], 10))
        self.assertIn("above max_len 10", problems)
        self.assertIn("is a copy of", problems)

    def test_options(self):
        path = write(os.path.join(self.dir, "a_fuzzer.options"), check_fuzzer.expected_options("a_fuzzer", 7))
        self.assertEqual(check_fuzzer.check_options(path, "a_fuzzer", 7), [])
        self.assertTrue(check_fuzzer.check_options(path, "a_fuzzer", 8))

    def test_manifest_missing_stale_current(self):
        generated = write(os.path.join(self.dir, "gen.json"), "{}\n")
        missing = os.path.join(self.dir, "targets", "a_fuzzer.json")
        self.assertIn("is missing", check_fuzzer.check_manifest(generated, missing)[0])
        write(missing, "{ }\n")
        self.assertIn("is stale", check_fuzzer.check_manifest(generated, missing)[0])
        write(missing, "{}\n")
        self.assertEqual(check_fuzzer.check_manifest(generated, missing), [])


GOOD_BUILD = textwrap.dedent('''
    load("//bazel:fuzz.bzl", "openk4a_fuzzer")
    load("//bazel:copts.bzl", "OPENK4A_CXX_COPTS")
    package(default_visibility = ["//visibility:private"])
    cc_library(name = "replay_main", srcs = ["replay_main.cc"], copts = OPENK4A_CXX_COPTS + ["-x"])
    filegroup(name = "all_files", srcs = glob(["**"]))
    openk4a_fuzzer(
        name = "a_fuzzer",
        srcs = ["a_fuzzer.cc"],
        max_len = len("abcd"),
        deps = ["//core:a"] + select({"//x:y": [], "//conditions:default": []}),
    )
''')


class LayoutTest(unittest.TestCase):
    def make_package(self, build=GOOD_BUILD):
        root = tempfile.mkdtemp()
        pkg = os.path.join(root, "fuzz")
        write(os.path.join(pkg, "BUILD"), build)
        write(os.path.join(pkg, "a_fuzzer.cc"))
        write(os.path.join(pkg, "replay_main.cc"))
        write(os.path.join(pkg, "a.dict"), '"x"\n')
        write(os.path.join(pkg, "corpus", "a", "seed"))
        write(os.path.join(pkg, "corpus", "a", "README"))
        manifests = os.path.join(root, "targets")
        write(os.path.join(manifests, "a_fuzzer.json"), "{}")
        return pkg, manifests

    def test_good_package(self):
        pkg, manifests = self.make_package()
        self.assertEqual(layout.check(pkg, manifests), [])

    def test_each_kind_of_problem(self):
        pkg, manifests = self.make_package(GOOD_BUILD + textwrap.dedent('''
            cc_binary(name = "b_fuzzer", srcs = ["b_fuzzer.cc"])
            openk4a_fuzzer(name = "c_fuzzer", srcs = ["c_fuzzer.cc"])
        '''))
        write(os.path.join(pkg, "b_fuzzer.cc"))
        write(os.path.join(pkg, "c_fuzzer.cc"))
        write(os.path.join(pkg, "d_fuzzer.cc"))
        write(os.path.join(pkg, "orphan.dict"), '"x"\n')
        write(os.path.join(pkg, "corpus", "orphan", "seed"))
        write(os.path.join(pkg, "corpus", "a", "crash-0123"))
        write(os.path.join(manifests, "gone_fuzzer.json"), "{}")
        problems = "\n".join(layout.check(pkg, manifests))
        for expected in ('cc_binary(name = \'b_fuzzer\') builds a fuzzer without openk4a_fuzzer()',
                         "c_fuzzer: fuzz/c.dict is missing",
                         "c_fuzzer: fuzz/corpus/c/ has no seeds",
                         "c_fuzzer: tools/oss-fuzz/targets/c_fuzzer.json is missing",
                         "fuzz/d_fuzzer.cc is not built by any openk4a_fuzzer()",
                         "fuzz/orphan.dict belongs to no fuzz target",
                         "fuzz/corpus/orphan/ belongs to no fuzz target",
                         "fuzz/corpus/a/crash-0123: name a kept crasher regression-<what>",
                         "tools/oss-fuzz/targets/gone_fuzzer.json belongs to no fuzz target"):
            self.assertIn(expected, problems)


NORMAL_LOG = """\
INFO: Seed: 1
INFO:        6 files found in /c/seeds
#7\tINITED cov: 55 ft: 65 corp: 6/98b exec/s: 0 rss: 31Mb
#20\tNEW    cov: 57 ft: 70 corp: 7/120b lim: 4 exec/s: 0 rss: 31Mb L: 3/4 MS: 1 CopyPart-
#524288\tpulse  cov: 61 ft: 76 corp: 12/2Kb lim: 512 exec/s: 262144 rss: 71Mb
#3603602\tDONE   cov: 61 ft: 76 corp: 12/1Mb lim: 512 exec/s: 240240 rss: 295Mb
Done 3603602 runs in 15 second(s)
stat::number_of_executed_units: 3603602
stat::average_exec_per_sec:     240240
stat::new_units_added:          49
"""

ASAN_LOG = """\
#7\tINITED cov: 10 ft: 12 corp: 3/9b exec/s: 0 rss: 31Mb
=================================================================
==12==ERROR: AddressSanitizer: heap-buffer-overflow on address 0x602 at pc 0x5 bp 0x7 sp 0x7
READ of size 4 at 0x602 thread T0
    #0 0x55 in __asan_memcpy (/b/x_fuzzer+0xde) (BuildId: 5d)
    #1 0x56 in parse_thing /root/.cache/bazel/_bazel_root/1/execroot/openk4a/{tree}/thing.c:42:7
    #2 0x57 in LLVMFuzzerTestOneInput /proc/self/cwd/fuzz/x_fuzzer.cc:9:3
SUMMARY: AddressSanitizer: heap-buffer-overflow (/b/x_fuzzer+0xde) (BuildId: 5d) in __asan_memcpy
artifact_prefix='/o/artifacts/'; Test unit written to /o/artifacts/crash-abc
stat::number_of_executed_units: 88
"""

UBSAN_LOG = """\
core/usb/uvc_wire.c:120:18: runtime error: left shift of 255 by 24 places cannot be represented in type 'int'
    #0 0x5 in openk4a_parse /proc/self/cwd/core/usb/uvc_wire.c:120:18
SUMMARY: UndefinedBehaviorSanitizer: undefined-behavior core/usb/uvc_wire.c:120:18 in
==1== ERROR: libFuzzer: deadly signal
"""

FORK_LOG = """\
INFO: -fork=2: 6 seed inputs, starting to fuzz in /tmp/x
#1200: cov: 50 ft: 60 corp: 6 exec/s 600 oom/timeout/crash: 0/0/0 time: 2s job: 1 dft_time: 0
#90000: cov: 58 ft: 81 corp: 14 exec/s 3000 oom/timeout/crash: 0/1/2 time: 30s job: 9 dft_time: 0
"""


class LibFuzzerLogTest(unittest.TestCase):
    def test_normal_run(self):
        log = libfuzzer_log.parse(NORMAL_LOG)
        self.assertEqual((log.init_cov, log.init_ft, log.cov, log.ft), (55, 65, 61, 76))
        self.assertEqual(log.executions, 3603602)
        self.assertEqual(log.seconds, 15)
        self.assertEqual(log.corpus_units, 12)
        self.assertEqual(log.artifacts, [])
        self.assertIsNone(log.error)

    def test_asan_crash_prefers_a_frame_in_the_tree(self):
        root = tempfile.mkdtemp()
        write(os.path.join(root, "core", "thing.c"))
        log = libfuzzer_log.parse(ASAN_LOG.format(tree="core"), root)
        self.assertEqual(log.artifacts, ["/o/artifacts/crash-abc"])
        self.assertEqual(log.signature(),
                         "AddressSanitizer: heap-buffer-overflow @ parse_thing core/thing.c:42")
        self.assertEqual(log.executions, 88)
        # Without the file in the tree: the first frame that is not the runtime's.
        log = libfuzzer_log.parse(ASAN_LOG.format(tree="core"), tempfile.mkdtemp())
        self.assertIn("parse_thing", log.signature())

    def test_ubsan_names_the_line(self):
        log = libfuzzer_log.parse(UBSAN_LOG)
        self.assertEqual(log.signature(), "UndefinedBehaviorSanitizer: left shift of 255 by 24 places "
                                          "cannot be represented in type 'int' @ core/usb/uvc_wire.c:120:18")

    def test_harness_check_names_an_abort(self):
        log = libfuzzer_log.parse(
            "#8\tpulse  cov: 4174 ft: 9008 corp: 3/18b exec/s: 2 rss: 276Mb\n"
            "x_fuzzer: check failed: open(0, &dev) == OK\n"
            "==28039== ERROR: libFuzzer: deadly signal\n"
            "    #0 0x1 in __sanitizer_print_stack_trace (/b/x_fuzzer+0x3eb9)\n"
            "    #4 0x5 in LLVMFuzzerTestOneInput (/b/x_fuzzer+0x41f2ed) (BuildId: bf)\n")
        self.assertEqual(log.signature(), "libFuzzer: deadly signal: x_fuzzer: check failed: "
                                          "open(0, &dev) == OK @ LLVMFuzzerTestOneInput")

    def test_fork_mode(self):
        log = libfuzzer_log.parse(FORK_LOG)
        self.assertEqual((log.init_cov, log.cov, log.ft, log.runs), (50, 58, 81, 90000))
        self.assertEqual(log.crash_counts, (0, 1, 2))

    def test_merge(self):
        log = libfuzzer_log.parse("MERGE-OUTER: 12 new files with 34 new features added; 5 new coverage edges\n")
        self.assertEqual(log.merge, (12, 34, 5))


FAKE_LIBFUZZER = r'''#!{python}
"""A stand-in for a libFuzzer binary: crashes on its first run, then fuzzes."""
import os, sys
state = os.environ["FAKE_STATE"]
args = [a for a in sys.argv[1:] if not a.startswith("-")]
flags = dict(a[1:].split("=", 1) for a in sys.argv[1:] if a.startswith("-") and "=" in a)
if flags.get("merge") == "1":
    dest, src = args
    added = 0
    for n in sorted(os.listdir(src)):
        if n.startswith("keep"):
            open(os.path.join(dest, n), "wb").write(open(os.path.join(src, n), "rb").read())
            added += 1
    print("MERGE-OUTER: %d new files with 3 new features added; 2 new coverage edges" % added)
    sys.exit(0)
runs = int(open(state).read()) if os.path.exists(state) else 0
open(state, "w").write(str(runs + 1))
new = args[0]
print("#2\tINITED cov: %d ft: 20 corp: 2/2b exec/s: 0 rss: 1Mb" % (10 + runs))
if runs == 0:
    open(os.path.join(new, "keep-1"), "w").write("a")
    open(flags["artifact_prefix"] + "crash-feed", "w").write("boom")
    print("==9==ERROR: AddressSanitizer: SEGV on unknown address 0x0")
    print("    #0 0x1 in decode_frame /proc/self/cwd/core/color/fake.c:7:1")
    print("artifact_prefix='x'; Test unit written to " + flags["artifact_prefix"] + "crash-feed")
    print("stat::number_of_executed_units: 100")
    sys.exit(1)
open(os.path.join(new, "keep-2"), "w").write("b")
open(os.path.join(new, "drop-3"), "w").write("c")
print("#5000\tDONE   cov: 15 ft: 30 corp: 4/4b lim: 4 exec/s: 2500 rss: 1Mb")
print("Done 5000 runs in 2 second(s)")
print("stat::number_of_executed_units: 5000")
'''


class CampaignTest(unittest.TestCase):
    def test_durations(self):
        self.assertEqual([campaign.parse_duration(t) for t in ("90", "90s", "10m", "2h")],
                         [90, 90, 600, 7200])
        with self.assertRaises(argparse.ArgumentTypeError):
            campaign.parse_duration("10 minutes")

    def test_crash_restart_merge_and_summary(self):
        base = tempfile.mkdtemp()
        binary = write(os.path.join(base, "bin", "x_fuzzer"), FAKE_LIBFUZZER.format(python=sys.executable),
                       stat.S_IRWXU)
        corpus = os.path.join(base, "corpus", "x")
        write(os.path.join(corpus, "seed-1"), b"s1")
        write(os.path.join(corpus, "README"), b"not a seed")
        os.environ["FAKE_STATE"] = os.path.join(base, "state")
        target = campaign.Target.__new__(campaign.Target)
        target.label, target.name, target.stem = "//fuzz:x_fuzzer", "x_fuzzer", "x"
        target.binary, target.corpus, target.max_len = binary, corpus, 16
        target.dict = os.path.join(base, "x_fuzzer.dict")
        args = argparse.Namespace(
            time=30, workers=1, unit_timeout=25, rss_limit_mb=2560, close_fd_mask=1, libfuzzer_flags=[],
            grace=30, same_crash_limit=3, max_restarts=5, minimize_crashes=False, update_corpus=True,
            config="fuzz")
        out = os.path.join(base, "out")
        stderr, sys.stderr = sys.stderr, io.StringIO()
        try:
            result = campaign.fuzz_target(target, args, out)
        finally:
            sys.stderr = stderr
        self.assertEqual(result["runs"], 2)  # crashed, restarted, ran to the end
        self.assertEqual(result["executions"], 5100)
        self.assertEqual((result["cov_start"], result["cov_end"]), (10, 15))
        self.assertEqual(result["corpus_before"], 1)  # README is not a seed
        self.assertEqual(result["new_units"], 3)
        self.assertEqual((result["merged_units"], result["corpus_after"]), (2, 3))
        self.assertEqual(result["added_to_tree"], 2)  # keep-1, keep-2 under their SHA-1
        self.assertEqual(len(os.listdir(corpus)), 4)
        self.assertEqual(len(result["crashes"]), 1)
        crash = result["crashes"][0]
        self.assertEqual(crash["signature"], "AddressSanitizer: SEGV on unknown address 0x0 @ "
                                             "decode_frame core/color/fake.c:7")
        with open(crash["file"]) as f:
            self.assertEqual(f.read(), "boom")
        with open(crash["report"]) as f:
            report = f.read()
        self.assertIn("bazel run --config=asan //fuzz:x_fuzzer -- " + crash["file"], report)
        self.assertIn("regression-<what-it-broke>", report)
        lines = "\n".join(campaign.summary_lines([result]))
        self.assertIn("CRASH x_fuzzer: AddressSanitizer: SEGV", lines)
        self.assertRegex(lines, r"x_fuzzer +\d+ +5100 +\d+ +1->3 +10->15 \(\+5\) +20->30 \(\+10\) +3/2 +1 \(1 distinct\)")

    def test_a_crash_that_keeps_coming_back_stops_the_target(self):
        base = tempfile.mkdtemp()
        script = "#!/bin/sh\nfor a; do case $a in -artifact_prefix=*) p=${a#*=};; esac; done\n" \
                 "echo boom > ${p}crash-same\necho '==1==ERROR: AddressSanitizer: SEGV on x'\n" \
                 "echo \"Test unit written to ${p}crash-same\"\nexit 1\n"
        binary = write(os.path.join(base, "x_fuzzer"), script, stat.S_IRWXU)
        corpus = os.path.join(base, "corpus", "x")
        write(os.path.join(corpus, "seed"))
        target = campaign.Target.__new__(campaign.Target)
        target.label, target.name, target.stem = "//fuzz:x_fuzzer", "x_fuzzer", "x"
        target.binary, target.corpus, target.max_len, target.dict = binary, corpus, 16, "d"
        args = argparse.Namespace(
            time=60, workers=1, unit_timeout=25, rss_limit_mb=2560, close_fd_mask=1, libfuzzer_flags=[],
            grace=30, same_crash_limit=3, max_restarts=20, minimize_crashes=False, update_corpus=False,
            config="fuzz")
        stderr, sys.stderr = sys.stderr, io.StringIO()
        try:
            result = campaign.fuzz_target(target, args, os.path.join(base, "out"))
        finally:
            sys.stderr = stderr
        self.assertEqual(result["runs"], 3)
        self.assertIn("the same crash came back 3 times", " ".join(result["errors"]))


class CoverageTest(unittest.TestCase):
    def test_collect_maps_bazel_paths(self):
        summary = {"lines": {"covered": 9, "count": 10}, "branches": {"covered": 1, "count": 2},
                   "functions": {"covered": 1, "count": 1}}
        files = {"/proc/self/cwd/core/usb/a.c": summary, "/proc/self/cwd/fuzz/a_fuzzer.cc": summary,
                 "/proc/self/cwd/tests/x.cc": summary}
        self.assertEqual(list(coverage.collect(files, "/nonexistent")), ["core/usb/a.c"])

    def test_table_marks_parsers_below_goal(self):
        per_file = {
            "core/usb/good.c": {"lines": [95, 100], "branches": [8, 10], "functions": [1, 1]},
            "core/usb/weak.c": {"lines": [50, 100], "branches": [1, 10], "functions": [1, 1]},
            "core/image.c": {"lines": [10, 100], "branches": [1, 10], "functions": [1, 1]},
        }
        import re
        lines, below = coverage.table(per_file, {"core/usb/good.c": {"a"}}, ["core/usb/unfuzzed.c"],
                                      re.compile(r"^core/usb/"), 90.0)
        self.assertEqual(below, [("core/usb/weak.c", 50.0), ("core/usb/unfuzzed.c", 0.0)])
        text = "\n".join(lines)
        self.assertRegex(text, r"core/usb/weak.c +50/100 +50.0% <")
        self.assertRegex(text, r"core/usb/good.c +95/100 +95.0% +8/10 +80.0% +a")
        self.assertIn("not linked by any fuzz target", text)
        self.assertRegex(text, r"TOTAL USB parsers \(core/usb\) +145/200 +72.5%")
        self.assertNotIn("core/image.c 10.0%", "\n".join("%s %.1f%%" % b for b in below))
        lines, _ = coverage.table(per_file, {}, [], re.compile(r"^core/usb/"), 90.0,
                                  {"core/usb/weak.c": (["enc", "size"], 40)})
        self.assertIn("40 of its 50 missed lines are in 2 functions no input reaches "
                      "(the harness does not call them): enc, size", "\n".join(lines))

    def test_check_replays_only_the_parsers_own_harnesses(self):
        with tempfile.TemporaryDirectory() as root:
            targets = os.path.join(root, "tools", "oss-fuzz", "targets")
            os.makedirs(targets)
            manifests = {
                "wire": (["core/usb/uvc_wire.c", "core/usb/usb_status.c"], {}),
                "device": (["core/usb/uvc_assembler.c", "core/device/device.c"], {"libusb": [], "umockdev": []}),
                "image": (["core/image.c"], {}),
                "jpeg": (["core/color/mjpeg_scan.c"], {"turbojpeg": []}),
            }
            for name, (srcs, system) in manifests.items():
                with open(os.path.join(targets, name + "_fuzzer.json"), "w") as f:
                    json.dump({"libraries": [{"srcs": srcs}], "system_libraries": system}, f)
            labels = ["//fuzz:%s_fuzzer" % n for n in sorted(manifests)]
            self.assertEqual(coverage.parser_harnesses(root, labels), ["//fuzz:jpeg_fuzzer", "//fuzz:wire_fuzzer"])

    def test_a_new_usb_source_must_be_listed(self):
        with tempfile.TemporaryDirectory() as root:
            os.makedirs(os.path.join(root, "core", "usb"))
            for name in ("uvc_wire.c", "uvc_new_parser.c"):
                open(os.path.join(root, "core", "usb", name), "w").close()
            self.assertEqual(coverage.unlisted_parsers(root), ["core/usb/uvc_new_parser.c"])
            self.assertIn("core/usb/uvc_wire.c", coverage.PARSER_SOURCES)


if __name__ == "__main__":
    unittest.main()
