"""Finding and building the benchmark suites of a source tree with Bazel.

A tree is either the checkout itself (Bazel's usual output base) or a
revision exported into a scratch folder with its own output base, so two
revisions build side by side without disturbing each other or the checkout.
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile

from bench import gbench

# Benchmarks are always measured optimised (never in a sanitizer config).
BUILD_FLAGS = ("-c", "opt")
DEFAULT_PATTERN = "//bench/..."


class BuildError(Exception):
    pass


def repo_root(start=None):
    """The top of the git checkout containing `start` (default: cwd)."""
    try:
        out = subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=start or os.getcwd(),
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=True)
    except (OSError, subprocess.CalledProcessError) as exc:
        raise BuildError("not inside a git checkout: %s" % exc)
    return out.stdout.decode().strip()


def resolve_revision(root, revision):
    out = subprocess.run(["git", "rev-parse", "--verify", "--quiet", revision + "^{commit}"],
                         cwd=root, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    if out.returncode != 0:
        raise BuildError("unknown revision %r in %s" % (revision, root))
    return out.stdout.decode().strip()


def export_revision(root, commit, dest):
    """Writes the files of `commit` into `dest` (emptied first), without
    touching the checkout's index, worktrees or files."""
    if os.path.isdir(dest):
        shutil.rmtree(dest)
    os.makedirs(dest)
    archive = subprocess.Popen(["git", "archive", "--format=tar", commit], cwd=root,
                               stdout=subprocess.PIPE)
    untar = subprocess.run(["tar", "-x", "-C", dest], stdin=archive.stdout)
    archive.stdout.close()
    if archive.wait() != 0 or untar.returncode != 0:
        raise BuildError("could not export %s into %s" % (commit, dest))


class Tree:
    """A source tree and the Bazel output base it builds in (None = Bazel's
    default for that folder, i.e. the developer's usual server)."""

    def __init__(self, root, output_base=None, disk_cache=None, label=None):
        self.root = root
        self.output_base = output_base
        self.disk_cache = disk_cache
        self.label = label or root

    def _startup(self):
        if self.output_base is None:
            return []
        # A private server: let it exit soon after the last command.
        return ["--output_base=%s" % self.output_base, "--max_idle_secs=300"]

    def _flags(self):
        return ["--disk_cache=%s" % self.disk_cache] if self.disk_cache else []

    def bazel(self, command, *args, capture=True):
        cmd = ["bazel"] + self._startup() + [command] + list(args)
        proc = subprocess.run(cmd, cwd=self.root,
                              stdout=subprocess.PIPE if capture else sys.stderr,
                              stderr=subprocess.PIPE if capture else sys.stderr)
        out = proc.stdout.decode("utf-8", "replace") if capture else ""
        err = proc.stderr.decode("utf-8", "replace") if capture else ""
        return proc.returncode, out, err

    def benchmark_labels(self, pattern=DEFAULT_PATTERN):
        """Every cc_binary under `pattern` whose name ends in _benchmark."""
        code, out, err = self.bazel("query", "kind(cc_binary, %s)" % pattern, "--output=label",
                                    "--keep_going")
        # 3 = partial result (a broken BUILD file elsewhere); keep what was found.
        if code not in (0, 3):
            raise BuildError("%s: bazel query failed:\n%s" % (self.label, err.strip()[-3000:]))
        labels = [line.strip() for line in out.splitlines() if line.strip()]
        return sorted(label for label in labels if label.endswith("_benchmark"))

    def build(self, labels):
        """Builds `labels` optimised; returns ({label: binary path}, {label:
        reason}, {label: reason skipped}) -- one suite that does not build
        does not stop the others.

        The labels' packages are built as `//pkg:all` wildcards: Bazel then
        skips targets that are incompatible with this machine (a peer library
        of bazel/system_libs.bzl that is not installed) instead of failing
        the whole build, as it would for a label named explicitly.
        """
        if not labels:
            return {}, {}, {}
        packages = sorted({label.partition(":")[0] + ":all" for label in labels})
        with tempfile.TemporaryDirectory(prefix="openk4a-bench-bep-") as tmp:
            bep = os.path.join(tmp, "bep.json")
            code, _, err = self.bazel("build", *BUILD_FLAGS, *self._flags(), "--keep_going",
                                      "--build_event_json_file=%s" % bep, *packages)
            completed = _completed_targets(bep)
        if code not in (0, 1):  # 1 = some targets failed; anything else is Bazel itself
            raise BuildError("%s: bazel build failed (exit %d):\n%s" % (
                self.label, code, err.strip()[-3000:]))
        code_info, bin_dir, err_info = self.bazel("info", *BUILD_FLAGS, "bazel-bin")
        if code_info != 0:
            raise BuildError("%s: bazel info failed:\n%s" % (self.label, err_info.strip()))
        bin_dir = bin_dir.strip()
        built, failed, skipped = {}, {}, {}
        for label in labels:
            path = os.path.join(bin_dir, *label_path(label))
            status = completed.get(label)
            if status == "built" and os.access(path, os.X_OK):
                built[label] = path
            elif status == "skipped":
                skipped[label] = ("incompatible with this machine: a peer library is not "
                                  "installed (tools/install_deps.sh --bench)")
            else:
                errors = [line for line in err.splitlines() if "error" in line.lower()]
                failed[label] = "did not build (bazel build -c opt %s):\n%s" % (
                    label, "\n".join(errors[-20:]))
        return built, failed, skipped

    def shutdown(self):
        if self.output_base is not None:
            self.bazel("shutdown")


def label_path(label):
    package, _, name = label.lstrip("/").partition(":")
    return [part for part in package.split("/") if part] + [name]


def _completed_targets(bep_path):
    """{label: "built" | "skipped" | "failed"} from a Build Event Protocol
    JSON file (Bazel reports an incompatible target as aborted, SKIPPED)."""
    done = {}
    try:
        with open(bep_path, encoding="utf-8") as f:
            for line in f:
                try:
                    event = json.loads(line)
                except ValueError:
                    continue
                target = event.get("id", {}).get("targetCompleted")
                if not target:
                    continue
                if event.get("aborted", {}).get("reason") == "SKIPPED":
                    done[target["label"]] = "skipped"
                elif event.get("completed", {}).get("success"):
                    done[target["label"]] = "built"
                else:
                    done[target["label"]] = "failed"
    except OSError:
        pass
    return done


def testdata_env(root):
    """OPENK4A_TESTDATA for binaries run outside Bazel: the shared real data
    next to the checkout `root`, when it is there."""
    if os.environ.get("OPENK4A_TESTDATA"):
        return {}
    path = os.path.normpath(os.path.join(root, "..", "shared", "testdata"))
    return {"OPENK4A_TESTDATA": path} if os.path.isdir(path) else {}


def suites_of(built, cwd, env=None):
    """gbench.Suite objects for built binaries, run from `cwd` (a tree's top,
    as `bazel run` would) with `env` added (e.g. testdata_env(checkout))."""
    return {label: gbench.Suite(label, path, env=env, cwd=cwd) for label, path in built.items()}
