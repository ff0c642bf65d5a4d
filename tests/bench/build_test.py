"""Tests of tools/bench/build.py: revisions exported, build events read."""

import json
import os
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tools"))
from bench import build  # noqa: E402


def git(cwd, *args):
    env = dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@t", GIT_COMMITTER_NAME="t",
               GIT_COMMITTER_EMAIL="t@t")
    return subprocess.run(["git"] + list(args), cwd=cwd, env=env, check=True,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE).stdout.decode().strip()


class RevisionTest(unittest.TestCase):
    def test_export_writes_exactly_that_revision(self):
        with tempfile.TemporaryDirectory() as tmp:
            repo = os.path.join(tmp, "repo")
            os.makedirs(os.path.join(repo, "bench"))
            git(repo, "init", "-q")
            with open(os.path.join(repo, "bench", "a.txt"), "w") as f:
                f.write("one\n")
            git(repo, "add", ".")
            git(repo, "commit", "-q", "-m", "first")
            first = git(repo, "rev-parse", "HEAD")
            with open(os.path.join(repo, "bench", "a.txt"), "w") as f:
                f.write("two\n")
            with open(os.path.join(repo, "b.txt"), "w") as f:
                f.write("new\n")
            git(repo, "add", ".")
            git(repo, "commit", "-q", "-m", "second")
            with open(os.path.join(repo, "bench", "a.txt"), "w") as f:
                f.write("uncommitted\n")

            self.assertEqual(build.repo_root(os.path.join(repo, "bench")), os.path.realpath(repo))
            self.assertEqual(build.resolve_revision(repo, "HEAD~1"), first)
            with self.assertRaises(build.BuildError):
                build.resolve_revision(repo, "no-such-branch")

            dest = os.path.join(tmp, "export")
            os.makedirs(dest)
            with open(os.path.join(dest, "stale.txt"), "w") as f:
                f.write("left from an earlier export\n")
            build.export_revision(repo, first, dest)
            self.assertEqual(sorted(os.listdir(dest)), ["bench"])
            with open(os.path.join(dest, "bench", "a.txt")) as f:
                self.assertEqual(f.read(), "one\n")
            # The checkout itself is untouched.
            with open(os.path.join(repo, "bench", "a.txt")) as f:
                self.assertEqual(f.read(), "uncommitted\n")
            self.assertIn("bench/a.txt", git(repo, "status", "--porcelain"))


class BuildEventsTest(unittest.TestCase):
    def test_built_skipped_and_failed_targets(self):
        events = [
            {"id": {"pattern": {"pattern": ["//bench/x:all"]}}},
            {"id": {"targetCompleted": {"label": "//bench/x:a_benchmark"}},
             "completed": {"success": True}},
            {"id": {"targetCompleted": {"label": "//bench/x:b_benchmark"}},
             "aborted": {"reason": "SKIPPED", "description": "skipped"}},
            {"id": {"targetCompleted": {"label": "//bench/x:c_benchmark"}},
             "completed": {"success": False}},
        ]
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
            for event in events:
                f.write(json.dumps(event) + "\n")
            f.write("not json\n")
        try:
            self.assertEqual(build._completed_targets(f.name), {
                "//bench/x:a_benchmark": "built",
                "//bench/x:b_benchmark": "skipped",
                "//bench/x:c_benchmark": "failed",
            })
        finally:
            os.unlink(f.name)
        self.assertEqual(build._completed_targets("/nonexistent.json"), {})

    def test_label_paths(self):
        self.assertEqual(build.label_path("//bench/image:image_benchmark"),
                         ["bench", "image", "image_benchmark"])
        self.assertEqual(build.label_path("//:top_benchmark"), ["top_benchmark"])


class TestdataEnvTest(unittest.TestCase):
    def test_points_at_shared_testdata_next_to_the_checkout(self):
        saved = os.environ.pop("OPENK4A_TESTDATA", None)
        try:
            with tempfile.TemporaryDirectory() as tmp:
                checkout = os.path.join(tmp, "main")
                os.makedirs(checkout)
                self.assertEqual(build.testdata_env(checkout), {})
                os.makedirs(os.path.join(tmp, "shared", "testdata"))
                self.assertEqual(build.testdata_env(checkout),
                                 {"OPENK4A_TESTDATA": os.path.join(tmp, "shared", "testdata")})
        finally:
            if saved is not None:
                os.environ["OPENK4A_TESTDATA"] = saved


if __name__ == "__main__":
    unittest.main()
