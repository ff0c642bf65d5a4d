"""tools/fuzz_coverage: what the fuzz corpora alone cover, per source file of core/.

  tools/fuzz_coverage                         all targets, report under out/fuzz-coverage/
  tools/fuzz_coverage uvc_header uvc_probe    chosen targets only
  tools/fuzz_coverage --corpus-dir DIR        replay DIR/<x>/ too, or DIR/<x>/merged/ for a
                                              campaign's output folder (its merged corpora)

Builds the fuzz targets with clang source-based coverage (bazel build
--config=coverage: -fprofile-instr-generate -fcoverage-mapping, each target
linked with its corpus-replay driver, no libFuzzer), replays every
fuzz/corpus/<x>/ (seeds and regression files), merges the profiles with
llvm-profdata-14 and reports line and branch coverage per file of core/,
grouped (USB parsers, image/capture core, colour, ...), with the targets that
reach each file. Parser sources are held to the issue's goal (default 90% of
lines). Writes OUT/report.txt (the table plus llvm-cov's own report),
OUT/summary.json and OUT/html/index.html (llvm-cov show, with branch counts).
"""

import argparse
import datetime
import glob
import json
import os
import re
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bazel_targets  # noqa: E402

NOT_A_SEED = ("README", "README.md")
_BAZEL_PWD = "/proc/self/cwd/"
LLVM_PROFDATA = "llvm-profdata-14"
LLVM_COV = "llvm-cov-14"

# (group, regex on the workspace-relative path); the first match wins.
GROUPS = [
    ("USB parsers (core/usb)", re.compile(r"^core/usb/")),
    ("colour (core/color)", re.compile(r"^core/color/")),
    ("image/capture core (core/)", re.compile(r"^core/[^/]+$")),
    ("other core", re.compile(r"^core/")),
]
# Files outside core/ (the fuzzers themselves, the replay driver, test helpers).
_NOT_CORE = r"^/proc/self/cwd/(fuzz|tests|tools|external|bench|cxx)/"
# The parser sources: every C file that reads bytes from outside (USB
# payloads, descriptors, vendor replies, JPEG structure) before anything
# trusts them. Held to --goal; this is the one list of them (fuzz/README.md).
# Generated files are listed too: their encoders are fuzzed through the
# round trip of fuzz/wire_round_trip.h.
PARSER_SOURCES = (
    "core/color/mjpeg_scan.c",        # MJPG frame structure (markers, sizes) before decoding
    "core/usb/imu_packet.c",          # IMU payloads -> k4a_imu_sample_t
    "core/usb/imu_wire.c",            # generated: core/spec/imu_wire.toml
    "core/usb/k4a_color_mcu_wire.c",  # generated: core/spec/k4a_color_mcu_wire.toml
    "core/usb/k4a_mcu_wire.c",        # generated: core/spec/k4a_mcu_wire.toml
    "core/usb/k4a_vendor_wire.c",     # generated: core/spec/k4a_vendor_wire.toml
    "core/usb/usb_status.c",          # generated: core/spec/usb_status.toml
    "core/usb/uvc_assembler.c",       # payloads -> frames
    "core/usb/uvc_descriptors.c",     # configuration descriptor -> video function model
    "core/usb/uvc_probe.c",           # probe/commit requests from the model
    "core/usb/uvc_wire.c",            # generated: core/spec/uvc_wire.toml
)
# C files under core/usb/ that parse nothing (so need no corpus of their own).
NOT_PARSERS = (
    "core/usb/uvc_drop_reasons.c",    # generated: the drop reasons' names (core/spec/api.toml)
)
DEFAULT_PARSERS = "^(%s)$" % "|".join(re.escape(p) for p in PARSER_SOURCES)
# The parsers' own harnesses: targets that compile a parser source and do not
# drive the device layer (libusb, the emulated device). --check replays these.
_DEVICE_LIBRARIES = {"libusb", "umockdev"}


def group_of(path):
    for name, pattern in GROUPS:
        if pattern.search(path):
            return name
    return None


def real_source(path, root):
    """Maps bazel-out/.../_virtual_includes/... header links back to the checked-in file."""
    if "/_virtual_includes/" in path or path.startswith("bazel-out/"):
        full = os.path.realpath(os.path.join(root, path))
        if full.startswith(root + os.sep):
            return os.path.relpath(full, root)
    return path


def replay_inputs(corpus_dirs):
    files = []
    for d in corpus_dirs:
        for dirpath, _, names in os.walk(d):
            files += [os.path.join(dirpath, n) for n in sorted(names) if n not in NOT_A_SEED]
    return sorted(files)


def replay(binary, inputs, profile_dir, stem, log):
    """Runs the replay driver over inputs; returns the inputs that crashed it.

    One process for all inputs; if it dies (no profile is written then), one
    process per input, so the rest still counts and the culprits are named.
    """
    env = dict(os.environ, LLVM_PROFILE_FILE=os.path.join(profile_dir, stem + "-%p.profraw"))
    if not inputs:
        return []
    proc = subprocess.run([binary] + inputs, env=env, stdout=log, stderr=log, timeout=1800)
    if proc.returncode == 0:
        return []
    for stale in glob.glob(os.path.join(profile_dir, stem + "-*.profraw")):
        os.remove(stale)
    crashed = []
    for path in inputs:
        one = subprocess.run([binary, path], env=env, stdout=log, stderr=log, timeout=600)
        if one.returncode != 0:
            crashed.append(path)
    return crashed


def export_summary(objects, profdata):
    """llvm-cov export -summary-only -> {file: summary dict}."""
    cmd = [LLVM_COV, "export", "-summary-only", "-instr-profile=" + profdata, objects[0]]
    for o in objects[1:]:
        cmd += ["-object", o]
    data = json.loads(subprocess.run(cmd, check=True, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                     text=True).stdout)
    return {f["filename"]: f["summary"] for d in data["data"] for f in d["files"]}


def merge_profiles(profraws, out):
    # Harness functions in anonymous namespaces share names across targets and
    # draw "functions have mismatched data" warnings; they are not in core/.
    proc = subprocess.run([LLVM_PROFDATA, "merge", "-sparse", "-o", out] + profraws,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if proc.returncode != 0:
        sys.exit("llvm-profdata merge failed:\n" + proc.stdout)
    return proc.stdout


def parser_harnesses(root, labels):
    """The labels whose OSS-Fuzz manifest compiles a parser source without the device libraries."""
    chosen = []
    for label in labels:
        path = os.path.join(root, "tools", "oss-fuzz", "targets", bazel_targets.stem(label) + "_fuzzer.json")
        with open(path) as f:
            manifest = json.load(f)
        srcs = {s for lib in manifest["libraries"] for s in lib["srcs"]}
        if srcs & set(PARSER_SOURCES) and not _DEVICE_LIBRARIES & set(manifest["system_libraries"]):
            chosen.append(label)
    return chosen


def unlisted_parsers(root):
    """C files under core/usb/ missing from PARSER_SOURCES (a new parser must be listed)."""
    found = {os.path.relpath(p, root) for p in glob.glob(os.path.join(root, "core", "usb", "*.c"))}
    return sorted(found - set(PARSER_SOURCES) - set(NOT_PARSERS))


def pct(covered, count):
    return 100.0 * covered / count if count else None


def fmt_pct(value):
    return "-" if value is None else "%.1f%%" % value


def collect(files_summary, root):
    """{real path: {"lines": (covered, count), "branches": (...), "functions": (...)}} for core/."""
    out = {}
    for name, s in files_summary.items():
        # Bazel compiles with PWD=/proc/self/cwd: paths are relative to the execroot.
        if name.startswith(_BAZEL_PWD):
            name = name[len(_BAZEL_PWD):]
        elif os.path.isabs(name):
            name = os.path.relpath(name, root)
        path = real_source(name, root)
        if group_of(path) is None:
            continue
        entry = out.setdefault(path, {"lines": [0, 0], "branches": [0, 0], "functions": [0, 0]})
        # A header seen through two include paths counts once: keep the better view.
        for key in ("lines", "branches", "functions"):
            covered, count = s[key]["covered"], s[key]["count"]
            if count > entry[key][1] or (count == entry[key][1] and covered > entry[key][0]):
                entry[key] = [covered, count]
    return out


def never_run_functions(objects, profdata, root, paths):
    """{path: (names of functions no input ran, lines in them)} for the given C files.

    Tells a weak corpus (functions run, branches missed) from a harness that
    never calls the code (no input can help: the fuzzer must change).
    """
    out = {}
    for path in paths:
        cmd = [LLVM_COV, "report", "-show-functions", "-instr-profile=" + profdata, objects[0]]
        for o in objects[1:]:
            cmd += ["-object", o]
        text = subprocess.run(cmd + [_BAZEL_PWD + path], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                              text=True, cwd=root).stdout
        names, lines = [], 0
        for row in text.splitlines():
            # Name Regions Miss Cover Lines Miss Cover Branches Miss Cover (C names have no spaces)
            words = row.split()
            if (len(words) == 10 and words[0] != "TOTAL" and words[1].isdigit() and words[4].isdigit()
                    and words[5].isdigit()):
                total, missed = int(words[4]), int(words[5])
                if total and missed == total:
                    names.append(words[0].split(":")[-1])
                    lines += total
        if names:
            out[path] = (sorted(names), lines)
    return out


def table(per_file, reached_by, unlinked, parsers, goal, never_run=None):
    lines = []
    header = ("file", "lines", "line%", "branches", "branch%", "reached by")
    by_group = {}
    for path in sorted(per_file):
        by_group.setdefault(group_of(path), []).append(path)
    for path in sorted(unlinked):
        by_group.setdefault(group_of(path), []).append(path)
    below_goal = []
    for name, _ in GROUPS:
        paths = by_group.get(name)
        if not paths:
            continue
        rows = [header]
        total = {"lines": [0, 0], "branches": [0, 0]}
        for path in paths:
            if path in unlinked:
                rows.append((path, "-", "0 (not linked by any fuzz target)", "-", "-", "-"))
                if parsers.search(path):
                    below_goal.append((path, 0.0))
                continue
            e = per_file[path]
            if e["lines"][1] == 0:
                continue
            for key in total:
                total[key][0] += e[key][0]
                total[key][1] += e[key][1]
            line_pct = pct(*e["lines"])
            mark = ""
            if parsers.search(path) and line_pct is not None and line_pct < goal:
                mark = " <"
                below_goal.append((path, line_pct))
            rows.append((path, "%d/%d" % tuple(e["lines"]), fmt_pct(line_pct) + mark,
                         "%d/%d" % tuple(e["branches"]), fmt_pct(pct(*e["branches"])),
                         " ".join(sorted(reached_by.get(path, []))) or "-"))
        rows.append(("TOTAL " + name, "%d/%d" % tuple(total["lines"]), fmt_pct(pct(*total["lines"])),
                     "%d/%d" % tuple(total["branches"]), fmt_pct(pct(*total["branches"])), ""))
        widths = [max(len(r[i]) for r in rows) for i in range(5)]
        lines.append("== " + name)
        for r in rows:
            lines.append("  ".join([r[0].ljust(widths[0])] + [r[i].rjust(widths[i]) for i in range(1, 5)] + [r[5]]).rstrip())
        lines.append("")
    if below_goal:
        lines.append("Parser sources below the %.0f%% line goal (marked <):" % goal)
        for path, value in below_goal:
            lines.append("  %s %.1f%%" % (path, value))
            names, spanned = (never_run or {}).get(path, ([], 0))
            if names and path in per_file:
                missed = per_file[path]["lines"][1] - per_file[path]["lines"][0]
                shown = ", ".join(names[:6]) + (" and %d more" % (len(names) - 6) if len(names) > 6 else "")
                lines.append("    %d of its %d missed lines are in %d function%s no input reaches "
                             "(the harness does not call them): %s" % (
                                 spanned, missed, len(names), "s" if len(names) > 1 else "", shown))
    else:
        lines.append("Every parser source is at or above the %.0f%% line goal." % goal)
    return lines, below_goal


def main(argv=None):
    parser = argparse.ArgumentParser(prog="tools/fuzz_coverage", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("targets", nargs="*", help="x, x_fuzzer or //fuzz:x_fuzzer (default: all)")
    parser.add_argument("--out", help="output folder (default out/fuzz-coverage/<UTC time>)")
    parser.add_argument("--corpus-dir", action="append", default=[],
                        help="also replay DIR/<x>/merged/ (a campaign's output) or DIR/<x>/ (repeatable)")
    parser.add_argument("--no-build", action="store_true", help="use the binaries already built")
    parser.add_argument("--parsers", default=DEFAULT_PARSERS,
                        help="regex of the parser sources held to --goal (default %(default)s)")
    parser.add_argument("--goal", type=float, default=90.0, help="line coverage goal in %% (default 90)")
    parser.add_argument("--no-html", action="store_true")
    parser.add_argument("--check", action="store_true",
                        help="replay only the parsers' own harnesses (no libusb/emulator targets) unless targets "
                             "are named, and exit 1 when a parser source is below --goal (the test suite's gate)")
    args = parser.parse_args(argv)
    for tool in (LLVM_PROFDATA, LLVM_COV):
        if shutil.which(tool) is None:
            sys.exit("%s is missing: apt-get install llvm-14" % tool)

    root = bazel_targets.workspace_root()
    labels = bazel_targets.select(bazel_targets.query_fuzzers(), args.targets)
    if args.check and not args.targets:
        labels = parser_harnesses(root, labels)
    config = ["--config=coverage"]
    if not args.no_build:
        broken = bazel_targets.build_each({l: [l] for l in labels}, config)
        for label in broken:
            print("SKIPPED %s: it does not build with --config=coverage" % label, file=sys.stderr)
        labels = [l for l in labels if l not in broken]
    bin_dir = bazel_targets.bazel_bin(config)
    out = os.path.abspath(args.out or os.path.join(
        root, "out", "fuzz-coverage", datetime.datetime.utcnow().strftime("%Y%m%d-%H%M%S")))
    profiles = os.path.join(out, "profiles")
    os.makedirs(profiles, exist_ok=True)

    objects, crashed, reached_by, inputs_per_target = [], {}, {}, {}
    with open(os.path.join(out, "replay.log"), "w") as log:
        for label in labels:
            stem = bazel_targets.stem(label)
            binary = bazel_targets.output_path(bin_dir, label)
            if not os.path.exists(binary):
                sys.exit("%s is not built with --config=coverage (drop --no-build)" % label)
            dirs = [bazel_targets.corpus_dir(label)]
            for d in args.corpus_dir:
                # A campaign's output folder holds <x>/merged; any other holds <x>/.
                for candidate in (os.path.join(d, stem, "merged"), os.path.join(d, stem)):
                    if os.path.isdir(candidate):
                        dirs.append(candidate)
                        break
            inputs = replay_inputs(dirs)
            inputs_per_target[stem] = len(inputs)
            print("replaying %d inputs through %s" % (len(inputs), label), file=sys.stderr, flush=True)
            crashed[stem] = replay(binary, inputs, profiles, stem, log)
            objects.append(binary)
            raws = glob.glob(os.path.join(profiles, stem + "-*.profraw"))
            if raws:
                own = os.path.join(profiles, stem + ".profdata")
                merge_profiles(raws, own)
                for path, e in collect(export_summary([binary], own), root).items():
                    if e["lines"][0]:
                        reached_by.setdefault(path, set()).add(stem)

    merged = os.path.join(out, "merged.profdata")
    merge_profiles(glob.glob(os.path.join(profiles, "*.profraw")), merged)
    per_file = collect(export_summary(objects, merged), root)
    all_core = {os.path.relpath(p, root) for p in glob.glob(os.path.join(root, "core", "**", "*.c"), recursive=True)}
    unlinked = sorted(all_core - set(per_file))
    parsers = re.compile(args.parsers)
    candidates = [p for p, e in per_file.items() if parsers.search(p) and e["lines"][1]
                  and pct(*e["lines"]) < args.goal]
    lines, below_goal = table(per_file, reached_by, unlinked, parsers, args.goal,
                              never_run_functions(objects, merged, root, candidates))
    lines.insert(0, "Coverage of core/ from the fuzz corpora alone (%s)" % ", ".join(
        "%s: %d inputs" % (s, n) for s, n in inputs_per_target.items()))
    lines.insert(1, "")
    for stem, bad in crashed.items():
        for path in bad:
            lines.append("REPLAY CRASH %s: %s (its coverage is not counted)" % (stem, path))

    cov_args = ["-instr-profile=" + merged, objects[0]] + [a for o in objects[1:] for a in ("-object", o)]
    report = subprocess.run([LLVM_COV, "report", "-show-branch-summary"] + cov_args, check=True,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, cwd=root).stdout
    with open(os.path.join(out, "report.txt"), "w") as f:
        f.write("\n".join(lines) + "\n\nllvm-cov report (every file the targets link):\n" + report)
    with open(os.path.join(out, "summary.json"), "w") as f:
        json.dump({"files": per_file, "reached_by": {k: sorted(v) for k, v in reached_by.items()},
                   "not_linked": unlinked, "goal": args.goal,
                   "below_goal": [{"file": p, "line_percent": v} for p, v in below_goal],
                   "replay_crashes": crashed}, f, indent=2, sort_keys=True)
    if not args.no_html:
        # Run from the checkout: /proc/self/cwd/<path> then names our sources.
        subprocess.run([LLVM_COV, "show", "-format=html", "-show-branches=count",
                        "-show-line-counts-or-regions", "-output-dir=" + os.path.join(out, "html"),
                        "-project-title=openk4a: core/ covered by the fuzz corpora",
                        "-ignore-filename-regex=" + _NOT_CORE] + cov_args,
                       check=True, cwd=root, stderr=subprocess.DEVNULL)
    unlisted = unlisted_parsers(root)
    for path in unlisted:
        lines.append("NOT LISTED %s: add it to PARSER_SOURCES in tools/fuzz/coverage.py" % path)
    print("\n".join(lines))
    print("report: %s/report.txt%s" % (out, "" if args.no_html else ", html: %s/html/index.html" % out))
    if any(crashed.values()):
        return 1
    if args.check:
        # Only the files these targets link are judged (a parser no chosen
        # target links shows as below the goal only if some target links it).
        judged = [p for p in PARSER_SOURCES if p in per_file]
        missing = [p for p in PARSER_SOURCES if p not in per_file]
        if below_goal or missing or unlisted:
            print("FAILED: parser sources below %.0f%% of lines from the checked-in corpora: %s" % (
                args.goal, " ".join(sorted({p for p, _ in below_goal} | set(missing) | set(unlisted)))))
            return 1
        print("OK: all %d parser sources at or above %.0f%% of lines" % (len(judged), args.goal))
    return 0


if __name__ == "__main__":
    sys.exit(main())
