"""tools/fuzz_campaign: fuzz every target (or chosen ones) for a while, keep what it finds.

  tools/fuzz_campaign --time 10m                    all targets, one after another
  tools/fuzz_campaign --time 1h -j 2 uvc_header     chosen targets, two at once
  tools/fuzz_campaign --time 30m --workers 4 --update-corpus

For each target it builds the libFuzzer binary (bazel build --config=fuzz),
fuzzes from a copy of fuzz/corpus/<x>/ with the target's max_len and
dictionary (<x>_fuzzer.options), writes new inputs to a scratch corpus,
restarts after a crash until the time is used up (a crash that keeps coming
back stops the target), then merges the new inputs into the seeds with
libFuzzer's -merge=1 (only inputs that add coverage survive) and, with
--update-corpus, copies them into fuzz/corpus/<x>/. Every crash is kept under
OUT/crashes/<x>/ with the log and the exact commands that replay it.

Prints one line per target: executions, exec/s, corpus files before/after,
coverage (libFuzzer's cov = edges, ft = features) at start and end, crashes.
OUT/summary.json holds the same figures for machines.
"""

import argparse
import collections
import concurrent.futures
import datetime
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bazel_targets  # noqa: E402
import libfuzzer_log  # noqa: E402

NOT_A_SEED = ("README", "README.md")
_print_lock = threading.Lock()
_stopping = threading.Event()


def say(message):
    with _print_lock:
        print(message, file=sys.stderr, flush=True)


def parse_duration(text):
    """'90', '90s', '10m', '2h' -> seconds."""
    m = re.fullmatch(r"(\d+)([smh]?)", text.strip())
    if not m:
        raise argparse.ArgumentTypeError("durations look like 600, 600s, 10m or 1h")
    return int(m.group(1)) * {"": 1, "s": 1, "m": 60, "h": 3600}[m.group(2)]


def seed_files(corpus):
    """Regular files of a corpus dir (recursively), README files excluded."""
    found = []
    if not os.path.isdir(corpus):
        return found
    for root, _, names in os.walk(corpus):
        for n in sorted(names):
            if n not in NOT_A_SEED and not n.startswith("."):
                found.append(os.path.join(root, n))
    return sorted(found)


def copy_seeds(corpus, dest):
    os.makedirs(dest, exist_ok=True)
    for path in seed_files(corpus):
        name = os.path.relpath(path, corpus).replace(os.sep, "__")
        shutil.copyfile(path, os.path.join(dest, name))


def sha1_file(path):
    with open(path, "rb") as f:
        return hashlib.sha1(f.read()).hexdigest()


def workspace_relative(path):
    """bazel-bin paths are under the output base; the workspace has a bazel-out link to it."""
    if "/bazel-out/" in path:
        return "bazel-out/" + path.split("/bazel-out/", 1)[1]
    return path


class Target:
    def __init__(self, label, bin_dir):
        self.label = label
        self.name = label.split(":")[-1]
        self.stem = bazel_targets.stem(label)
        self.binary = bazel_targets.output_path(bin_dir, label)
        self.corpus = bazel_targets.corpus_dir(label)
        options = bazel_targets.read_options(bazel_targets.output_path(bin_dir, label, ".options"))
        self.max_len = int(options["max_len"])
        self.dict = os.path.join(os.path.dirname(self.binary), options["dict"])


def libfuzzer_flags(target, args, artifacts):
    flags = [
        "-max_len=%d" % target.max_len,
        "-dict=%s" % target.dict,
        "-timeout=%d" % args.unit_timeout,
        "-rss_limit_mb=%d" % args.rss_limit_mb,
        "-artifact_prefix=%s/" % artifacts,
        "-print_final_stats=1",
        "-close_fd_mask=%d" % args.close_fd_mask,
    ]
    if args.workers > 1:
        flags.append("-fork=%d" % args.workers)
    return flags + args.libfuzzer_flags


def run_logged(cmd, log_path, timeout):
    with open(log_path, "w") as log:
        log.write("$ %s\n" % " ".join(cmd))
        log.flush()
        try:
            proc = subprocess.run(cmd, stdout=log, stderr=subprocess.STDOUT, timeout=timeout)
            code = proc.returncode
        except subprocess.TimeoutExpired:
            code = "killed after %d s" % timeout
    with open(log_path, errors="replace") as log:
        return code, log.read()


def replay_commands(target, crash_path, args):
    rel = workspace_relative(target.binary)
    return [
        "# libFuzzer binary (ASan+UBSan), from the top of the checkout:",
        "bazel build --config=%s %s && %s %s" % (args.config, target.label, rel, crash_path),
        "# the replay driver under ASan+UBSan, no libFuzzer:",
        "bazel run --config=asan %s -- %s" % (target.label, crash_path),
        "# shrink it:",
        "%s -minimize_crash=1 -max_total_time=60 -exact_artifact_path=%s.min %s" % (rel, crash_path, crash_path),
        "# once fixed, keep it as a regression seed:",
        "cp %s %s/regression-<what-it-broke>" % (crash_path, os.path.relpath(target.corpus, bazel_targets.workspace_root())),
    ]


def keep_crash(target, artifact, log_text, run_log, args, crashes_dir):
    os.makedirs(crashes_dir, exist_ok=True)
    kept = os.path.join(crashes_dir, os.path.basename(artifact))
    shutil.copyfile(artifact, kept)
    report_start = 0
    for marker in ("==ERROR", "ERROR: ", "runtime error:"):
        i = log_text.find(marker)
        if i >= 0:
            report_start = log_text.rfind("\n", 0, i) + 1
            break
    report = log_text[report_start:report_start + 12000]
    with open(kept + ".txt", "w") as f:
        f.write("target: %s\n" % target.label)
        f.write("crash: %s\n" % run_log.signature())
        f.write("input: %s (%d bytes, sha1 %s)\n" % (kept, os.path.getsize(kept), sha1_file(kept)))
        f.write("\n".join(replay_commands(target, kept, args)) + "\n\n")
        f.write(report)
    return {"file": kept, "signature": run_log.signature(), "report": kept + ".txt"}


def minimize_crash(target, crash):
    """Shrinks a crash input next to it (<file>.min), outside the fuzzing budget."""
    minimized = crash["file"] + ".min"
    run_logged([target.binary, "-minimize_crash=1", "-max_total_time=60",
                "-exact_artifact_path=" + minimized, crash["file"]],
               crash["file"] + ".minimize.log", 180)
    if os.path.exists(minimized):
        crash["minimized"] = minimized


def fuzz_target(target, args, out_dir):
    work = os.path.join(out_dir, target.stem)
    seeds = os.path.join(work, "seeds")
    new = os.path.join(work, "new")
    artifacts = os.path.join(work, "artifacts")
    for d in (new, artifacts):
        os.makedirs(d, exist_ok=True)
    copy_seeds(target.corpus, seeds)
    result = {
        "target": target.label, "max_len": target.max_len, "seconds": 0, "executions": 0,
        "corpus_before": len(os.listdir(seeds)), "corpus_after": None,
        "cov_start": None, "cov_end": None, "ft_start": None, "ft_end": None,
        "new_units": 0, "merged_units": 0, "merged_features": None, "crashes": [], "runs": 0,
        "errors": [],
    }
    start = time.monotonic()
    deadline = start + args.time
    seen_signatures = collections.Counter()
    flags = libfuzzer_flags(target, args, artifacts)
    while not _stopping.is_set():
        remaining = int(deadline - time.monotonic())
        if remaining < 2:
            break
        result["runs"] += 1
        before = set(os.listdir(artifacts))
        cmd = [target.binary] + flags + ["-max_total_time=%d" % remaining, new, seeds]
        log_path = os.path.join(work, "run-%d.log" % result["runs"])
        say("[%s] run %d: %d s -> %s" % (target.stem, result["runs"], remaining, log_path))
        code, text = run_logged(cmd, log_path, remaining + args.grace)
        log = libfuzzer_log.parse(text, bazel_targets.workspace_root())
        result["executions"] += log.executions
        if result["cov_start"] is None and log.init_cov is not None:
            result["cov_start"], result["ft_start"] = log.init_cov, log.init_ft
        if log.cov is not None:
            result["cov_end"] = max(result["cov_end"] or 0, log.cov)
            result["ft_end"] = max(result["ft_end"] or 0, log.ft)
        # New files, and inputs libFuzzer says it wrote again (a crash seen before).
        found = sorted((set(os.listdir(artifacts)) - before) |
                       {os.path.basename(a) for a in log.artifacts
                        if os.path.dirname(os.path.abspath(a)) == artifacts and os.path.exists(a)})
        if not found:
            if code not in (0,) and not _stopping.is_set():
                result["errors"].append("run %d ended with %s and left no artifact; see %s" %
                                        (result["runs"], code, log_path))
            break
        for name in found:
            crash = keep_crash(target, os.path.join(artifacts, name), text, log, args,
                               os.path.join(out_dir, "crashes", target.stem))
            result["crashes"].append(crash)
            seen_signatures[crash["signature"]] += 1
            say("[%s] CRASH %s -> %s" % (target.stem, crash["signature"], crash["file"]))
        if max(seen_signatures.values()) >= args.same_crash_limit:
            result["errors"].append("stopped early: the same crash came back %d times" %
                                    args.same_crash_limit)
            break
        if result["runs"] > args.max_restarts:
            result["errors"].append("stopped early: %d restarts" % args.max_restarts)
            break
    result["seconds"] = round(time.monotonic() - start, 1)
    result["new_units"] = len(os.listdir(new))
    if args.minimize_crashes:
        for crash in result["crashes"]:
            minimize_crash(target, crash)
    merge_new_inputs(target, args, work, seeds, new, result)
    return result


def merge_new_inputs(target, args, work, seeds, new, result):
    merged = os.path.join(work, "merged")
    shutil.copytree(seeds, merged)
    if os.listdir(new):
        cmd = [target.binary, "-merge=1", "-max_len=%d" % target.max_len,
               "-timeout=%d" % args.unit_timeout, "-rss_limit_mb=%d" % args.rss_limit_mb,
               "-close_fd_mask=%d" % args.close_fd_mask, merged, new]
        code, text = run_logged(cmd, os.path.join(work, "merge.log"), 1800)
        log = libfuzzer_log.parse(text, bazel_targets.workspace_root())
        if code != 0 or log.merge is None:
            result["errors"].append("merge failed (%s); see %s" % (code, os.path.join(work, "merge.log")))
        else:
            result["merged_units"], result["merged_features"], _ = log.merge
    result["corpus_after"] = len(os.listdir(merged))
    if args.update_corpus:
        # Same as libFuzzer's -merge=1 straight into fuzz/corpus/<x>/ (files are
        # named by the SHA-1 of their content), without touching it mid-run.
        seed_hashes = {sha1_file(p) for p in seed_files(target.corpus)}
        added = 0
        for name in sorted(os.listdir(merged)):
            path = os.path.join(merged, name)
            digest = sha1_file(path)
            if digest not in seed_hashes:
                shutil.copyfile(path, os.path.join(target.corpus, digest))
                seed_hashes.add(digest)
                added += 1
        result["added_to_tree"] = added


def fmt(value, width=0):
    text = "-" if value is None else str(value)
    return text.rjust(width)


def summary_lines(results):
    header = ("target", "seconds", "execs", "exec/s", "corpus", "cov", "ft", "new/merged", "crashes")
    rows = [header]
    for r in results:
        eps = int(r["executions"] / r["seconds"]) if r["seconds"] else 0
        cov = "%s->%s" % (fmt(r["cov_start"]), fmt(r["cov_end"]))
        if r["cov_start"] is not None and r["cov_end"] is not None:
            cov += " (+%d)" % (r["cov_end"] - r["cov_start"])
        ft = "%s->%s" % (fmt(r["ft_start"]), fmt(r["ft_end"]))
        if r["ft_start"] is not None and r["ft_end"] is not None:
            ft += " (+%d)" % (r["ft_end"] - r["ft_start"])
        signatures = sorted({c["signature"] for c in r["crashes"]})
        rows.append((
            r["target"].split(":")[-1], str(int(r["seconds"])), str(r["executions"]), str(eps),
            "%d->%s" % (r["corpus_before"], fmt(r["corpus_after"])), cov, ft,
            "%d/%d" % (r["new_units"], r["merged_units"]),
            "%d (%d distinct)" % (len(r["crashes"]), len(signatures)) if r["crashes"] else "0",
        ))
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines = ["  ".join(cell.ljust(widths[i]) if i == 0 else cell.rjust(widths[i])
                       for i, cell in enumerate(row)) for row in rows]
    for r in results:
        for sig in sorted({c["signature"] for c in r["crashes"]}):
            first = next(c for c in r["crashes"] if c["signature"] == sig)
            lines.append("CRASH %s: %s\n  input %s\n  replay: see %s" % (
                r["target"].split(":")[-1], sig, first["file"], first["report"]))
        for e in r["errors"]:
            lines.append("NOTE %s: %s" % (r["target"].split(":")[-1], e))
        if "added_to_tree" in r:
            lines.append("%s: %d new inputs merged into %s" % (
                r["target"].split(":")[-1], r["added_to_tree"],
                os.path.relpath(bazel_targets.corpus_dir(r["target"]), bazel_targets.workspace_root())))
    return lines


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog="tools/fuzz_campaign", description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("targets", nargs="*", help="x, x_fuzzer or //fuzz:x_fuzzer (default: all)")
    parser.add_argument("-t", "--time", type=parse_duration, default=60,
                        help="fuzzing time per target: 600, 10m, 1h (default 60 s)")
    parser.add_argument("-j", "--jobs", type=int, default=1,
                        help="targets fuzzed at the same time (default 1)")
    parser.add_argument("-w", "--workers", type=int, default=1,
                        help="libFuzzer processes per target (-fork=N when above 1)")
    parser.add_argument("--out", help="output folder (default out/fuzz/<UTC time>)")
    parser.add_argument("--update-corpus", action="store_true",
                        help="copy the merged new inputs into fuzz/corpus/<x>/")
    parser.add_argument("--minimize-crashes", action="store_true",
                        help="also shrink each crash input (-minimize_crash=1, 60 s each)")
    parser.add_argument("--config", default="fuzz", help="Bazel config of the binaries (default fuzz)")
    parser.add_argument("--no-build", action="store_true", help="use the binaries already built")
    parser.add_argument("--unit-timeout", type=int, default=25, help="seconds per input (default 25)")
    parser.add_argument("--rss-limit-mb", type=int, default=2560)
    parser.add_argument("--close-fd-mask", type=int, default=1,
                        help="libFuzzer -close_fd_mask (default 1: silence the target's stdout)")
    parser.add_argument("--same-crash-limit", type=int, default=3,
                        help="stop a target when one crash comes back this often (default 3)")
    parser.add_argument("--max-restarts", type=int, default=20)
    parser.add_argument("--grace", type=int, default=120,
                        help="seconds past the budget before a hung run is killed")
    parser.add_argument("--libfuzzer-flag", dest="libfuzzer_flags", action="append", default=[],
                        metavar="-FLAG=VALUE", help="extra libFuzzer flag (repeatable)")
    args = parser.parse_args(argv)
    if args.jobs < 1 or args.workers < 1:
        parser.error("--jobs and --workers are at least 1")

    root = bazel_targets.workspace_root()
    labels = bazel_targets.select(bazel_targets.query_fuzzers(), args.targets)
    skipped = []
    if not labels:
        sys.exit("no fuzz targets found (bazel query %s)" % bazel_targets.FUZZER_QUERY)
    config = ["--config=" + args.config] if args.config else []
    if not args.no_build:
        broken = bazel_targets.build_each({l: [l, l + "_options", l + "_dict"] for l in labels}, config)
        skipped = ["SKIPPED %s: it does not build with --config=%s" % (l, args.config) for l in broken]
        for line in skipped:
            say(line)
        labels = [l for l in labels if l not in broken]
        if not labels:
            sys.exit("no fuzz target builds")
    bin_dir = bazel_targets.bazel_bin(config)
    targets = [Target(label, bin_dir) for label in labels]
    out_dir = os.path.abspath(args.out or os.path.join(
        root, "out", "fuzz", datetime.datetime.utcnow().strftime("%Y%m%d-%H%M%S")))
    os.makedirs(out_dir, exist_ok=True)
    say("fuzzing %d target(s) for %d s each, %d at a time, %d worker(s) each -> %s" % (
        len(targets), args.time, args.jobs, args.workers, out_dir))
    say("targets: " + " ".join(t.name for t in targets))

    results = {}
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
        futures = {pool.submit(fuzz_target, t, args, out_dir): t for t in targets}
        try:
            for future in concurrent.futures.as_completed(futures):
                t = futures[future]
                results[t.label] = future.result()
                say("[%s] done" % t.stem)
        except KeyboardInterrupt:
            _stopping.set()
            say("interrupted: finishing the running targets' merges")
            for future, t in futures.items():
                if not future.cancel():
                    results[t.label] = future.result()
    ordered = [results[t.label] for t in targets if t.label in results]
    lines = summary_lines(ordered) + skipped
    with open(os.path.join(out_dir, "summary.json"), "w") as f:
        json.dump({"time_per_target": args.time, "workers": args.workers, "config": args.config,
                   "results": ordered}, f, indent=2)
    with open(os.path.join(out_dir, "summary.txt"), "w") as f:
        f.write("\n".join(lines) + "\n")
    print("\n".join(lines))
    print("details: %s" % out_dir)
    return 1 if skipped or any(r["crashes"] or r["errors"] for r in ordered) else 0


if __name__ == "__main__":
    sys.exit(main())
