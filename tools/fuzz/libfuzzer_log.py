"""Reads libFuzzer's console output: progress, final stats, merges, crashes.

Handles the normal mode ("#N  NEW cov: A ft: B corp: C/Db ... exec/s: E") and
fork mode ("#N: cov: A ft: B corp: C exec/s: E oom/timeout/crash: a/b/c").
"""

import os
import re

_STATUS = re.compile(
    r"^#(?P<runs>\d+)\s+(?P<event>INITED|NEW|REDUCE|pulse|DONE|RELOAD)\s+"
    r"cov: (?P<cov>\d+) ft: (?P<ft>\d+) corp: (?P<corp>\d+)/(?P<corp_bytes>\d+)(?P<unit>b|Kb|Mb)")
_FORK_STATUS = re.compile(
    r"^#(?P<runs>\d+): cov: (?P<cov>\d+) ft: (?P<ft>\d+) corp: (?P<corp>\d+) "
    r"exec/s:? (?P<eps>\d+) oom/timeout/crash: (?P<oom>\d+)/(?P<timeout>\d+)/(?P<crash>\d+)")
_FORK_INIT = re.compile(r"^INFO: -fork=\d+: (?P<files>\d+) seed inputs, starting to fuzz in .*")
_FORK_INITED = re.compile(r"^#\d+: cov: (?P<cov>\d+) ft: (?P<ft>\d+) corp: (?P<corp>\d+)")
_STAT = re.compile(r"^stat::(?P<key>\w+):\s+(?P<value>\d+)")
_DONE = re.compile(r"^Done (?P<runs>\d+) runs in (?P<secs>\d+) second")
_MERGE = re.compile(r"^MERGE-OUTER: (?P<files>\d+) new files with (?P<features>\d+) new features "
                    r"added; (?P<cov>\d+) new coverage edges")
_ARTIFACT = re.compile(r"(?:Test unit|artifact) written to (?P<path>\S+)")
_SUMMARY = re.compile(r"^SUMMARY: (?P<tool>\w+): (?P<what>.*)$")
_FRAME = re.compile(r"^\s*#\d+ 0x[0-9a-f]+ in (?P<func>\S+) (?P<loc>\(?\S+)")
_ERROR = re.compile(r"^==\d+==\s*ERROR: (?P<tool>[\w]+): (?P<what>.*)$")
_RUNTIME_ERROR = re.compile(r"^(?P<loc>\S+:\d+:\d+): runtime error: (?P<what>.*)$")
_LIBFUZZER_CHATTER = ("#", "INFO:", "MS:", "=", "NEW_FUNC", "\t", " ", "Dictionary:")
_LIBFUZZER_ERROR = re.compile(r"ERROR: libFuzzer: (?P<what>[\w -]+)")

# Frames that belong to the sanitizer runtime, libFuzzer or libc, not to us.
_FOREIGN = ("compiler-rt", "/libfuzzer/", "libFuzzer", "/sanitizer_common/", "/asan/", "/ubsan/",
            "libc.so", "libc-", "libstdc++", "libc++", "/usr/lib/", "/usr/include/", "(<unknown module>)",
            "nptl/", "stdlib/", "signal/", "sysdeps/", "string/", "malloc/")
_FOREIGN_FUNCS = ("__sanitizer", "__asan", "__ubsan", "__interceptor", "fuzzer::", "abort",
                  "raise", "__GI_", "__libc", "__assert", "malloc", "calloc", "realloc", "free",
                  "operator new", "operator delete", "memcpy", "memmove", "memset", "strlen",
                  "memcmp", "__interception", "_start", "main")


class RunLog:
    """Everything one libFuzzer run printed that the campaign reports."""

    def __init__(self):
        self.init_cov = None
        self.init_ft = None
        self.cov = None
        self.ft = None
        self.corpus_units = None
        self.runs = 0
        self.seconds = None
        self.stats = {}
        self.crash_counts = None  # fork mode: (oom, timeout, crash)
        self.merge = None  # (files, features, cov) from a -merge=1 run
        self.artifacts = []
        self.error = None  # first sanitizer / libFuzzer error headline
        self.summary = None
        self.first_own_frame = None
        self.runtime_error_loc = None
        self.harness_message = None  # e.g. "x_fuzzer: check failed: ..." before an abort

    @property
    def executions(self):
        return self.stats.get("number_of_executed_units", self.runs)

    def signature(self):
        """A short, stable name for a crash: what went wrong and where."""
        what = self.error or self.summary or "unknown crash"
        if self.harness_message:
            what = "%s: %s" % (what, self.harness_message)
        where = self.runtime_error_loc or self.first_own_frame
        return "%s @ %s" % (what, where) if where and where not in what else what


def _in_tree(loc, source_root):
    return source_root is not None and os.path.isfile(
        os.path.join(source_root, _short_location(loc).split(":")[0]))


def _own_frame(func, loc):
    if any(f in loc for f in _FOREIGN):
        return False
    return not any(func.startswith(p) or ("::" + p) in func for p in _FOREIGN_FUNCS)


def parse(text, source_root=None):
    """Parses libFuzzer output. source_root: the checkout, to tell our frames from others'."""
    log = RunLog()
    in_report = False
    in_tree_frame = guessed_frame = None
    previous = ""
    for line in text.splitlines():
        line_before, previous = previous, line
        m = _STATUS.match(line)
        if m:
            cov, ft = int(m["cov"]), int(m["ft"])
            if m["event"] == "INITED" and log.init_cov is None:
                log.init_cov, log.init_ft = cov, ft
            log.cov, log.ft = cov, ft
            log.corpus_units = int(m["corp"])
            log.runs = max(log.runs, int(m["runs"]))
            continue
        m = _FORK_STATUS.match(line)
        if m:
            cov, ft = int(m["cov"]), int(m["ft"])
            if log.init_cov is None:
                log.init_cov, log.init_ft = cov, ft
            log.cov, log.ft = cov, ft
            log.corpus_units = int(m["corp"])
            log.runs = max(log.runs, int(m["runs"]))
            log.crash_counts = (int(m["oom"]), int(m["timeout"]), int(m["crash"]))
            continue
        m = _STAT.match(line)
        if m:
            log.stats[m["key"]] = int(m["value"])
            continue
        m = _DONE.match(line)
        if m:
            log.runs = max(log.runs, int(m["runs"]))
            log.seconds = int(m["secs"])
            continue
        m = _MERGE.match(line)
        if m:
            log.merge = (int(m["files"]), int(m["features"]), int(m["cov"]))
            continue
        m = _ARTIFACT.search(line)
        if m:
            log.artifacts.append(m["path"])
            continue
        m = _ERROR.match(line)
        if m and log.error is None:
            log.error = "%s: %s" % (m["tool"], m["what"].split(" on address")[0].strip())
            if m["tool"] == "libFuzzer":
                log.harness_message = _harness_message(line_before)
            in_report = True
            continue
        m = _RUNTIME_ERROR.match(line)
        if m and log.runtime_error_loc is None:
            log.runtime_error_loc = m["loc"]
            if log.error is None:
                log.error = "UndefinedBehaviorSanitizer: " + m["what"]
            in_report = True
            continue
        m = _LIBFUZZER_ERROR.search(line)
        if m and log.error is None:
            log.error = "libFuzzer: " + m["what"].strip()
            log.harness_message = _harness_message(line_before)
            in_report = True
            continue
        m = _SUMMARY.match(line)
        if m and log.summary is None:
            log.summary = "%s: %s" % (m["tool"], _strip_location(m["what"]))
            continue
        m = _FRAME.match(line)
        if m and in_report:
            # Unsymbolised "(module+0xoffset)": the function name is all there is.
            loc = "" if m["loc"].startswith("(") else _short_location(m["loc"])
            frame = ("%s %s" % (m["func"], loc)).strip()
            # A frame in our own files is the best name; else the first non-runtime one.
            if in_tree_frame is None and _in_tree(m["loc"], source_root):
                in_tree_frame = frame
            if guessed_frame is None and _own_frame(m["func"], m["loc"]):
                guessed_frame = frame
    log.first_own_frame = in_tree_frame or guessed_frame
    return log


def _harness_message(line):
    """A harness check that aborts usually says what failed on the line before."""
    if line.strip() and not line.startswith(_LIBFUZZER_CHATTER):
        return line.strip()[:200]
    return None


def _short_location(loc):
    """/abs/execroot/core/usb/x.c:12:5 -> core/usb/x.c:12"""
    for marker in ("/execroot/openk4a/", "/proc/self/cwd/"):
        if marker in loc:
            loc = loc.split(marker, 1)[1]
    parts = loc.split(":")
    return ":".join(parts[:2]) if len(parts) >= 2 else loc


def _strip_location(what):
    """'heap-buffer-overflow /x/core/a.c:1:2 in f' -> 'heap-buffer-overflow core/a.c:1 in f'"""
    what = re.sub(r" \((?:/|BuildId)[^)]*\)", "", what)  # module+offset, build ids
    words = what.split(" ")
    return " ".join(_short_location(w) if ":" in w and "/" in w else w for w in words)
