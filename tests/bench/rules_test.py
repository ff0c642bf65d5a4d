"""Tests of tools/bench/rules.py: per-benchmark thresholds from TOML."""

import os
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tools"))
from bench import rules  # noqa: E402


def load_text(text):
    with tempfile.NamedTemporaryFile("w", suffix=".toml", delete=False) as f:
        f.write(text)
    try:
        return rules.load(f.name)
    finally:
        os.unlink(f.name)


class RulesTest(unittest.TestCase):
    def test_checked_in_file_loads(self):
        loaded = rules.load()
        settings = loaded.settings("//bench/image:image_benchmark", "BM_X")
        self.assertEqual(settings["threshold"], 0.05)
        self.assertEqual(settings["metric"], "cpu_time")
        self.assertTrue(settings["gate"])

    def test_later_rules_override_earlier_ones(self):
        loaded = load_text("""
[default]
threshold = 0.05
[[rule]]
match = "//bench/image:*"
threshold = 0.2
metric = "real_time"
[[rule]]
match = "*/BM_Ref*"
threshold = 0.3
""")
        self.assertEqual(loaded.settings("//bench/usb:u_benchmark", "BM_Parse")["threshold"], 0.05)
        image = loaded.settings("//bench/image:image_benchmark", "BM_Create")
        self.assertEqual((image["threshold"], image["metric"]), (0.2, "real_time"))
        both = loaded.settings("//bench/image:image_benchmark", "BM_RefRelease/threads:2")
        self.assertEqual((both["threshold"], both["metric"]), (0.3, "real_time"))
        self.assertEqual(both["rules"], ["//bench/image:*", "*/BM_Ref*"])

    def test_command_line_overrides_defaults_not_rules(self):
        loaded = load_text('[[rule]]\nmatch = "*/BM_A"\nthreshold = 0.5\n').override(threshold=0.01)
        self.assertEqual(loaded.settings("s", "BM_B")["threshold"], 0.01)
        self.assertEqual(loaded.settings("s", "BM_A")["threshold"], 0.5)

    def test_mistakes_are_reported_with_their_place(self):
        cases = {
            '[default]\nthreshhold = 0.05\n': "unknown key 'threshhold'",
            '[default]\nthreshold = "5%"\n': "expected a relative change",
            '[default]\nalpha = 1.5\n': "significance level",
            '[[rule]]\nthreshold = 0.1\n': "#1: needs match",
            '[[rule]]\nmatch = "*"\n': "sets nothing",
            '[[rule]]\nmatch = "*"\ndirection = "up"\n': "#1: direction",
            '[defaults]\n': "unknown table",
            'threshold = \n': "",
        }
        for text, message in cases.items():
            with self.assertRaises(rules.RulesError, msg=text) as raised:
                load_text(text)
            self.assertIn(message, str(raised.exception))

    def test_missing_file(self):
        with self.assertRaises(rules.RulesError):
            rules.load("/nonexistent/thresholds.toml")
        with self.assertRaises(rules.RulesError):
            rules.Rules().override(alpha=2.0)


if __name__ == "__main__":
    unittest.main()
