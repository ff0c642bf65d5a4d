#!/usr/bin/env python3
"""Builds every openk4a fuzz target the way OSS-Fuzz and ClusterFuzzLite expect.

Called by tools/oss-fuzz/build.sh inside the engine's builder image. It needs
python3, pkg-config and the -dev packages of the system libraries the targets
use; no Bazel: each tools/oss-fuzz/targets/<x>_fuzzer.json (generated from
the Bazel build graph, see bazel/fuzz.bzl) lists the sources, include dirs,
defines and system libraries of one target. Everything is compiled with the
engine's $CC/$CXX/$CFLAGS/$CXXFLAGS and linked with $LIB_FUZZING_ENGINE.
System libraries are linked statically where a .a exists, because the
engine's runner image has none of them; --report-dynamic lists what is left.

For each target, $OUT gets:
  <x>_fuzzer                  the fuzzer
  <x>_fuzzer.dict             fuzz/<x>.dict
  <x>_fuzzer.options          [libfuzzer] max_len and dict
  <x>_fuzzer_seed_corpus.zip  fuzz/corpus/<x>/ (seeds and regression inputs)
"""

import argparse
import concurrent.futures
import glob
import hashlib
import json
import os
import shlex
import subprocess
import sys
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "fuzz"))
import check_fuzzer  # noqa: E402  (the one definition of the options format)

# The language standards of .bazelrc (--conlyopt / --cxxopt).
C_STD = "-std=c11"
CXX_STD = "-std=c++17"
C_EXTENSIONS = (".c",)
# Libraries every runner image has; everything else is linked statically.
BASE_LIBRARIES = {"c", "m", "pthread", "dl", "rt", "atomic", "gcc_s", "stdc++", "c++", "c++abi", "util"}
NOT_A_SEED = check_fuzzer.NOT_A_SEED
# System libraries a target may use on the engines: linked statically, nothing
# needed at run time. umockdev (the emulated device) needs LD_PRELOAD and a
# private /sys, and Debian's libusb needs libudev (no static archive): the
# runner image has neither, so targets using them are fuzzed locally only
# (tools/fuzz_campaign). Building libusb without udev in the image would
# lift the libusb half of that.
ENGINE_LIBRARIES = {"absl", "libpng", "turbojpeg"}


def local_only_reason(manifest):
    """Why a target cannot run on OSS-Fuzz / ClusterFuzzLite, or None."""
    missing = sorted(set(manifest["system_libraries"]) - ENGINE_LIBRARIES)
    if missing:
        return "links %s, which the engines' runner image cannot provide" % " ".join(missing)
    return None


def env_words(name):
    return shlex.split(os.environ.get(name, ""))


def pkg_config(args, modules):
    if not modules:
        return []
    try:
        out = subprocess.run(["pkg-config"] + args + modules, check=True, text=True,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE).stdout
    except subprocess.CalledProcessError as e:
        sys.exit("pkg-config %s %s failed: %s" % (" ".join(args), " ".join(modules), e.stderr.strip()))
    return shlex.split(out)


def static_libs(words):
    """-lfoo -> /path/libfoo.a when that archive exists (search: -L dirs, then the usual)."""
    search = [w[2:] for w in words if w.startswith("-L")]
    search += ["/usr/local/lib", "/usr/lib/x86_64-linux-gnu", "/usr/lib64", "/usr/lib"]
    out, dynamic = [], []
    for w in words:
        if w.startswith("-l") and w[2:] not in BASE_LIBRARIES:
            archive = next((os.path.join(d, "lib%s.a" % w[2:]) for d in search
                            if os.path.isfile(os.path.join(d, "lib%s.a" % w[2:]))), None)
            if archive:
                out.append(archive)
                continue
            dynamic.append(w[2:])
        out.append(w)
    return out, dynamic


class Builder:
    def __init__(self, src, out, work, jobs, verbose):
        self.src = src
        self.out = out
        self.obj_dir = os.path.join(work, "openk4a-obj")
        self.jobs = jobs
        self.verbose = verbose
        self.cc = os.environ.get("CC", "clang")
        self.cxx = os.environ.get("CXX", "clang++")
        self.cflags = env_words("CFLAGS")
        self.cxxflags = env_words("CXXFLAGS")
        self.engine = env_words("LIB_FUZZING_ENGINE")
        self.ldflags = env_words("LDFLAGS")
        self._objects = {}
        os.makedirs(self.obj_dir, exist_ok=True)

    def compile_command(self, source, includes, defines, copts, system_modules):
        is_c = source.endswith(C_EXTENSIONS)
        cmd = [self.cc] + self.cflags + [C_STD] if is_c else [self.cxx] + self.cxxflags + [CXX_STD]
        cmd += ["-I" + self.src] + ["-I" + os.path.join(self.src, i) for i in includes]
        cmd += ["-D" + d for d in defines] + copts + pkg_config(["--cflags"], system_modules)
        digest = hashlib.sha1("\0".join(cmd + [source]).encode()).hexdigest()[:12]
        obj = os.path.join(self.obj_dir, "%s-%s.o" % (os.path.basename(source), digest))
        return cmd + ["-c", os.path.join(self.src, source), "-o", obj], obj

    def run(self, cmd):
        if self.verbose:
            print("+ " + " ".join(shlex.quote(c) for c in cmd), flush=True)
        proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        if proc.returncode != 0:
            raise RuntimeError("%s\n%s" % (" ".join(cmd), proc.stdout))
        return proc.stdout

    def build(self, manifest):
        """Compiles and links one target; returns (binary, dynamic system libraries)."""
        modules = [m for lib in manifest["system_libraries"].values() for m in lib["pkg_config"]]
        commands = []
        for lib in manifest["libraries"]:
            lib_modules = [m for name in lib["system"]
                           for m in manifest["system_libraries"][name]["pkg_config"]]
            for source in lib["srcs"]:
                commands.append(self.compile_command(source, lib["includes"], lib["defines"],
                                                     lib["copts"], lib_modules))
        for source in manifest["srcs"]:
            commands.append(self.compile_command(source, manifest["includes"], manifest["defines"],
                                                 manifest["copts"], modules))
        todo = [(cmd, obj) for cmd, obj in commands if obj not in self._objects]
        with concurrent.futures.ThreadPoolExecutor(max_workers=self.jobs) as pool:
            for (cmd, obj), _ in zip(todo, pool.map(lambda c: self.run(c[0]), todo)):
                self._objects[obj] = True
        objects = [obj for _, obj in commands]
        libs, dynamic = static_libs(pkg_config(["--static", "--libs"], modules))
        binary = os.path.join(self.out, manifest["fuzzer"])
        self.run([self.cxx] + self.cxxflags + objects + self.engine + self.ldflags +
                 ["-Wl,--start-group"] + libs + ["-Wl,--end-group"] + manifest["linkopts"] +
                 ["-o", binary])
        return binary, dynamic

    def ship_inputs(self, manifest):
        name = manifest["fuzzer"]
        with open(os.path.join(self.src, manifest["dict"]), "rb") as f:
            dictionary = f.read()
        with open(os.path.join(self.out, name + ".dict"), "wb") as f:
            f.write(dictionary)
        with open(os.path.join(self.out, name + ".options"), "w") as f:
            f.write(check_fuzzer.expected_options(name, manifest["max_len"]))
        corpus = os.path.join(self.src, manifest["corpus"])
        seeds = 0
        with zipfile.ZipFile(os.path.join(self.out, name + "_seed_corpus.zip"), "w",
                             zipfile.ZIP_DEFLATED) as z:
            for root, _, files in os.walk(corpus):
                for f in sorted(files):
                    if f in NOT_A_SEED:
                        continue
                    path = os.path.join(root, f)
                    z.write(path, os.path.relpath(path, corpus).replace(os.sep, "__"))
                    seeds += 1
        return seeds


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--src", default=os.path.dirname(os.path.dirname(HERE)),
                        help="the openk4a checkout (default: this script's)")
    parser.add_argument("--out", default=os.environ.get("OUT"), help="default $OUT")
    parser.add_argument("--work", default=os.environ.get("WORK"), help="default $WORK")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--verbose", action="store_true", help="print every command")
    parser.add_argument("fuzzers", nargs="*", help="only these (<x>_fuzzer); default all")
    args = parser.parse_args(argv)
    if not args.out or not args.work:
        parser.error("$OUT and $WORK (or --out and --work) are required")
    os.makedirs(args.out, exist_ok=True)

    manifests = sorted(glob.glob(os.path.join(args.src, "tools", "oss-fuzz", "targets", "*_fuzzer.json")))
    if args.fuzzers:
        manifests = [m for m in manifests if os.path.basename(m)[:-len(".json")] in args.fuzzers]
    if not manifests:
        sys.exit("no fuzz target manifests in tools/oss-fuzz/targets/")
    builder = Builder(args.src, args.out, args.work, args.jobs, args.verbose)
    failed = []
    for path in manifests:
        with open(path) as f:
            manifest = json.load(f)
        reason = local_only_reason(manifest)
        if reason:
            print("skipped %s: %s (fuzz it with tools/fuzz_campaign)" % (manifest["fuzzer"], reason),
                  flush=True)
            continue
        try:
            binary, dynamic = builder.build(manifest)
        except RuntimeError as e:
            print("FAILED %s:\n%s" % (manifest["fuzzer"], e), file=sys.stderr)
            failed.append(manifest["fuzzer"])
            continue
        seeds = builder.ship_inputs(manifest)
        note = " (dynamically linked: %s)" % " ".join(dynamic) if dynamic else ""
        print("built %s, %d seeds%s" % (os.path.relpath(binary, args.out), seeds, note), flush=True)
    if failed:
        print("%d of %d fuzz targets failed to build: %s" % (len(failed), len(manifests), " ".join(failed)),
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
