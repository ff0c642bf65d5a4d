"""tools/oss-fuzz/build.sh in a simulated OSS-Fuzz builder, then every fuzzer it made runs.

Docker is not available here, so this recreates what the engine's image gives
build.sh: a copy of the checkout in $SRC/openk4a, empty $WORK and $OUT, clang
as $CC/$CXX and OSS-Fuzz's own flags for libFuzzer with the address and the
undefined sanitizer (infra/base-images: SANITIZER_FLAGS_*, COVERAGE_FLAGS,
LIB_FUZZING_ENGINE). Then, for each flavour, it checks what ClusterFuzz would
pick up from $OUT (binary, .dict that parses, .options with the manifest's
max_len, a non-empty seed corpus zip), that no binary needs a shared library
the runner image lacks, and that each fuzzer runs N executions from its seed
corpus with its options, without a crash. Targets that need the emulated
device (umockdev) or libusb are local-only; build.sh must say it skips them.

The address build starts from .clusterfuzzlite/build.sh, the undefined one
from tools/oss-fuzz/projects/openk4a/build.sh (both run tools/oss-fuzz/build.sh),
and both builder Dockerfiles must install every system library a target links.

Differences from the real image, on purpose: clang-14 from Debian, not
OSS-Fuzz's clang; libstdc++ instead of libc++ (Debian's libc++-14-dev is not
installed, and Debian's abseil is built against libstdc++; build.sh builds
abseil from source in the real image, see the Dockerfile).

Args: RUNS (executions per fuzzer, default 4000).
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile

# The checkout: this test reads it directly (tag "external": never cached).
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.realpath("tools/oss-fuzz/build.sh"))))
sys.path.insert(0, os.path.join(ROOT, "tools", "fuzz"))
sys.path.insert(0, os.path.join(ROOT, "tools", "oss-fuzz"))
import build_fuzzers  # noqa: E402
import dictionary  # noqa: E402

COMMON = "-O1 -fno-omit-frame-pointer -gline-tables-only -DFUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION"
SANITIZER_FLAGS = {
    "address": "-fsanitize=address -fsanitize-address-use-after-scope",
    "undefined": "-fsanitize=array-bounds,bool,builtin,enum,float-divide-by-zero,function,"
                 "integer-divide-by-zero,null,object-size,return,returns-nonnull-attribute,shift,"
                 "signed-integer-overflow,unsigned-integer-overflow,unreachable,vla-bound,vptr "
                 "-fno-sanitize-recover=array-bounds,bool,builtin,enum,float-divide-by-zero,function,"
                 "integer-divide-by-zero,null,object-size,return,returns-nonnull-attribute,shift,"
                 "signed-integer-overflow,unreachable,vla-bound,vptr",
}
# What ClusterFuzz runs them with (silence_unsigned_overflow: reported, not fatal, there).
RUN_ENV = {
    "ASAN_OPTIONS": "detect_leaks=1:allocator_may_return_null=1:detect_stack_use_after_return=1",
    "UBSAN_OPTIONS": "print_stacktrace=1:halt_on_error=1:silence_unsigned_overflow=1",
}
# Shared libraries the runner image (base-runner) has.
RUNNER_LIBS = ("linux-vdso", "libc.so", "libm.so", "libpthread.so", "libdl.so", "librt.so",
               "libgcc_s.so", "libstdc++.so", "ld-linux", "libatomic.so")


def fail(message):
    print("FAIL: " + message, flush=True)
    sys.exit(1)


def copy_checkout(dest):
    def ignore(directory, names):
        top = os.path.realpath(directory) == ROOT
        return [n for n in names if n == ".git" or (top and (n.startswith("bazel-") or n == "out"))]
    shutil.copytree(ROOT, dest, ignore=ignore, symlinks=True)


# Which engine's build script runs for each flavour: both end in tools/oss-fuzz/build.sh.
ENTRY_SCRIPTS = {
    "address": ".clusterfuzzlite/build.sh",
    "undefined": "tools/oss-fuzz/projects/openk4a/build.sh",
}
DOCKERFILES = (".clusterfuzzlite/Dockerfile", "tools/oss-fuzz/projects/openk4a/Dockerfile")
BUILT_FROM_SOURCE = {"libabsl-dev"}  # the Dockerfiles clone abseil; build.sh builds it


def check_images(manifests):
    """Both builder images install every system library an engine target links."""
    needed = {lib["debian"] for m in manifests.values() for lib in m["system_libraries"].values()}
    for dockerfile in DOCKERFILES:
        with open(os.path.join(ROOT, dockerfile)) as f:
            words = f.read().replace("\\\n", " ").split()
        missing = sorted(needed - BUILT_FROM_SOURCE - set(words))
        if missing:
            fail("%s does not install %s" % (dockerfile, " ".join(missing)))
        if "abseil-cpp" not in " ".join(words) and "libabsl-dev" in needed:
            fail("%s does not fetch abseil-cpp" % dockerfile)


def build(flavour, base):
    env = dict(os.environ)
    env.update({
        "SRC": os.path.join(base, "src"), "WORK": os.path.join(base, "work"), "OUT": os.path.join(base, "out"),
        "CC": "clang-14", "CXX": "clang++-14",
        "SANITIZER": flavour, "FUZZING_ENGINE": "libfuzzer", "ARCHITECTURE": "x86_64",
        "FUZZING_LANGUAGE": "c++", "LIB_FUZZING_ENGINE": "-fsanitize=fuzzer",
        "OPENK4A_BUILD_JOBS": "2",
    })
    env["CFLAGS"] = "%s %s -fsanitize=fuzzer-no-link" % (COMMON, SANITIZER_FLAGS[flavour])
    env["CXXFLAGS"] = env["CFLAGS"]
    for d in ("WORK", "OUT"):
        os.makedirs(env[d])
    copy_checkout(os.path.join(env["SRC"], "openk4a"))
    # What the engine does: its project's build.sh in $SRC, run with bash -eu.
    shutil.copyfile(os.path.join(env["SRC"], "openk4a", ENTRY_SCRIPTS[flavour]),
                    os.path.join(env["SRC"], "build.sh"))
    proc = subprocess.run(["bash", "-eu", os.path.join(env["SRC"], "build.sh")],
                          env=env, cwd=os.path.join(env["SRC"], "openk4a"),
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    print(proc.stdout, flush=True)
    if proc.returncode != 0:
        fail("%s (%s) exited with %d" % (ENTRY_SCRIPTS[flavour], flavour, proc.returncode))
    return env["OUT"], proc.stdout


def read_options(path):
    options = {}
    with open(path) as f:
        lines = f.read().splitlines()
    if not lines or lines[0] != "[libfuzzer]":
        fail("%s does not start with [libfuzzer]" % path)
    for line in lines[1:]:
        key, _, value = line.partition("=")
        options[key.strip()] = value.strip()
    return options


def check_fuzzer(out, name, manifest_max_len, runs, scratch):
    binary = os.path.join(out, name)
    if not os.access(binary, os.X_OK):
        fail("%s was not built" % binary)
    options = read_options(os.path.join(out, name + ".options"))
    if options.get("max_len") != str(manifest_max_len) or options.get("dict") != name + ".dict":
        fail("%s.options is %r" % (name, options))
    with open(os.path.join(out, options["dict"]), "rb") as f:
        if not dictionary.parse(f.read()):
            fail("%s has no entries" % options["dict"])
    corpus = os.path.join(scratch, name)
    with zipfile.ZipFile(os.path.join(out, name + "_seed_corpus.zip")) as z:
        if not z.namelist():
            fail("%s_seed_corpus.zip is empty" % name)
        z.extractall(corpus)
    seeds = len(os.listdir(corpus))
    ldd = subprocess.run(["ldd", binary], stdout=subprocess.PIPE, text=True, check=True).stdout
    extra = [line.split()[0] for line in ldd.splitlines()
             if line.strip() and not any(lib in line for lib in RUNNER_LIBS)]
    if extra:
        fail("%s needs shared libraries the runner image lacks: %s" % (name, " ".join(extra)))
    env = dict(os.environ, **RUN_ENV)
    cmd = [binary, "-runs=%d" % runs, "-seed=1", "-max_len=" + options["max_len"],
           "-dict=" + os.path.join(out, options["dict"]), "-close_fd_mask=1", corpus]
    proc = subprocess.run(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                          timeout=600)
    done = [line for line in proc.stdout.splitlines() if line.startswith("Done ")]
    if proc.returncode != 0 or not done or not done[-1].startswith("Done %d runs" % runs):
        print(proc.stdout[-6000:])
        fail("%s did not complete %d runs cleanly: %s" % (" ".join(cmd), runs, proc.returncode))
    print("ok %s: %s, %d seeds, options %s" % (name, done[-1], seeds, options), flush=True)


def main():
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 4000
    if shutil.which("clang-14") is None:
        print("SKIPPED: clang-14 is not installed (apt-get install clang-14 libclang-rt-14-dev)")
        return 0
    base_dir = os.environ.get("TEST_TMPDIR") or tempfile.mkdtemp()
    manifests = {}
    targets = os.path.join(ROOT, "tools", "oss-fuzz", "targets")
    for m in sorted(os.listdir(targets)):
        with open(os.path.join(targets, m)) as f:
            data = json.load(f)
        manifests[data["fuzzer"]] = data
    if not manifests:
        fail("no manifests in tools/oss-fuzz/targets")
    local_only = {name for name, m in manifests.items() if build_fuzzers.local_only_reason(m)}
    manifests = {name: m for name, m in manifests.items() if name not in local_only}
    check_images(manifests)
    for flavour in ("address", "undefined"):
        base = os.path.join(base_dir, flavour)
        out, log = build(flavour, base)
        built = sorted(n for n in os.listdir(out) if n.endswith("_fuzzer"))
        if built != sorted(manifests):
            fail("%s: built %s, expected %s" % (flavour, built, sorted(manifests)))
        for name in local_only:
            if "skipped %s: " % name not in log:
                fail("build.sh did not say why it skipped %s" % name)
        scratch = os.path.join(base, "corpora")
        for name in built:
            check_fuzzer(out, name, manifests[name]["max_len"], runs, scratch)
        shutil.rmtree(base)
    print("build.sh built and ran %d fuzzers under address and undefined; local only: %s" % (
        len(manifests), " ".join(sorted(local_only)) or "none"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
