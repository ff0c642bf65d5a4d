"""Unit tests of the wire generator (wire_spec.py + wire_emit_c.py).

The generated C itself is exercised by tests/usb/*_test.cc; here we check
that malformed specs are rejected with a message naming the entry, that the
emitted code has the guarded shapes the safety argument relies on, and that
the real specs generate deterministically.
"""

import os
import re
import sys
import tempfile
import textwrap
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import codegen_common  # noqa: E402
import wire_emit_c  # noqa: E402
import wire_gen  # noqa: E402
import wire_spec  # noqa: E402

STATUS = textwrap.dedent("""\
    [meta]
    kind = "status"
    type = "t_status_t"
    prefix = "T_"
    function_prefix = "t_status"
    header = "x/include/t/status.h"
    source = "x/status.c"
    [[status]]
    name = "OK"
    value = 0
    message = "ok"
    [[status]]
    name = "ERR_TRUNCATED"
    value = -1
    message = "short"
    [[status]]
    name = "ERR_BAD_VALUE"
    value = -2
    message = "bad"
    [[status]]
    name = "ERR_BAD_TYPE"
    value = -3
    message = "type"
    """)

WIRE_META = textwrap.dedent("""\
    [meta]
    kind = "wire"
    status = "status.toml"
    prefix = "t"
    header = "x/include/t/w.h"
    source = "x/w.c"
    include = "t/w.h"
    """)


def find_spec(name):
    """Real specs: from Bazel runfiles, or the source tree when run by hand."""
    for root in (os.environ.get("TEST_SRCDIR", ""), os.path.join(HERE, "..", "..")):
        for sub in ("__main__/core/spec", "core/spec"):
            path = os.path.join(root, sub, name)
            if os.path.exists(path):
                return path
    raise unittest.SkipTest("spec %s not found" % name)


class SpecFixture(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        with open(os.path.join(self.dir.name, "status.toml"), "w") as f:
            f.write(STATUS)

    def tearDown(self):
        self.dir.cleanup()

    def load(self, body):
        path = os.path.join(self.dir.name, "w.toml")
        with open(path, "w") as f:
            f.write(WIRE_META + textwrap.dedent(body))
        return wire_spec.load(path)

    def assertRejected(self, body, pattern):
        with self.assertRaises(codegen_common.SpecError) as ctx:
            self.load(body)
        self.assertRegex(str(ctx.exception), pattern)


class SpecValidationTest(SpecFixture):
    def test_accepts_a_minimal_struct(self):
        spec = self.load("""
            [[struct]]
            name = "s"
            fields = [ { name = "a", type = "u16" } ]
            """)
        self.assertEqual(spec.structs[0].min_size, 2)

    def test_unknown_type(self):
        self.assertRejected("""
            [[struct]]
            name = "s"
            fields = [ { name = "a", type = "u24" } ]
            """, r"s\.a: unknown type")

    def test_count_must_name_an_earlier_field(self):
        self.assertRejected("""
            [[struct]]
            name = "s"
            fields = [
              { name = "a", type = "u8[]", count = "n" },
              { name = "n", type = "u8" },
            ]
            """, r"s\.a: 'n' must name an earlier field")

    def test_count_must_be_unsigned(self):
        self.assertRejected("""
            [[struct]]
            name = "s"
            fields = [
              { name = "n", type = "i8" },
              { name = "a", type = "u8[]", count = "n" },
            ]
            """, r"must be an unsigned scalar")

    def test_count_cannot_use_a_conditional_field_under_another_condition(self):
        self.assertRejected("""
            [[struct]]
            name = "s"
            fields = [
              { name = "f", type = "u8" },
              { name = "n", type = "u8", when = "f == 1" },
              { name = "a", type = "u8[]", count = "n" },
            ]
            """, r"must be an unconditional field")

    def test_length_field_must_come_first(self):
        self.assertRejected("""
            [[struct]]
            name = "s"
            length = "len"
            fields = [ { name = "a", type = "u8" }, { name = "len", type = "u8" } ]
            """, r"length field 'len' must come first")

    def test_tail_fields_stay_at_the_end(self):
        self.assertRejected("""
            [[struct]]
            name = "s"
            length = "len"
            fields = [
              { name = "len", type = "u8" },
              { name = "t", type = "u8", tail = true },
              { name = "x", type = "u8" },
            ]
            """, r"only tail fields may follow")

    def test_versioned_sizes_must_add_up(self):
        self.assertRejected("""
            [[struct]]
            name = "s"
            sizes = [2, 5]
            fields = [ { name = "a", type = "u16" }, { name = "b", type = "u16", since = 5 } ]
            """, r"fields up to size 5 add up to 4")

    def test_when_grammar(self):
        self.assertRejected("""
            [[struct]]
            name = "s"
            fields = [ { name = "f", type = "u8" }, { name = "x", type = "u8", when = "f > 1" } ]
            """, r"when must be")

    def test_error_must_be_a_known_status(self):
        self.assertRejected("""
            [[struct]]
            name = "s"
            fields = [ { name = "f", type = "u8", const = 1, error = "ERR_NOPE" } ]
            """, r"unknown status 'ERR_NOPE'")

    def test_const_must_fit(self):
        self.assertRejected("""
            [[struct]]
            name = "s"
            fields = [ { name = "f", type = "u8", const = 256 } ]
            """, r"must fit an unsigned u8")

    def test_unknown_keys_are_errors(self):
        self.assertRejected("""
            [[struct]]
            name = "s"
            fields = [ { name = "f", type = "u8", cont = 1 } ]
            """, r"unknown keys cont")

    def test_count_may_go_into_a_record(self):
        spec = self.load("""
            [[record]]
            name = "r"
            fields = [ { name = "n", type = "u32" } ]
            [[struct]]
            name = "s"
            fields = [ { name = "h", type = "r" }, { name = "a", type = "u16[]", count = "h.n" } ]
            """)
        self.assertEqual(spec.structs[0].fields[1].count, ["h.n"])


class EmitterTest(SpecFixture):
    def generate(self, body):
        spec = self.load(body)
        files = wire_emit_c.generate(spec, "tools/codegen/wire_gen.py")
        return files["x/include/t/w.h"], files["x/w.c"]

    def test_every_read_is_preceded_by_a_bounds_check(self):
        _, source = self.generate("""
            [[struct]]
            name = "s"
            length = "len"
            fields = [
              { name = "len", type = "u8" },
              { name = "v", type = "u32" },
              { name = "n", type = "u8" },
              { name = "a", type = "u16[]", count = "n" },
              { name = "t", type = "u8", tail = true },
            ]
            """)
        lines = source.splitlines()
        reads = [i for i, l in enumerate(lines) if re.search(r"openk4a_wire_u\d+le\(\(data|\(data \+ pos\)\[0\]", l)]
        self.assertTrue(reads)
        for i in reads:
            # The line just before a read must check that the bytes it reads
            # are there: as many as the read's width.
            width = re.search(r"openk4a_wire_u(\d+)le", lines[i])
            needed = int(width.group(1)) // 8 if width else 1
            guard = re.search(r"if \(end - pos (?:<|>=) (\d+)u\)", lines[i - 1])
            self.assertIsNotNone(guard, "unguarded read: " + lines[i])
            self.assertEqual(int(guard.group(1)), needed, "guard too small for: " + lines[i])
        self.assertIn("if (count > (end - pos) / 2u) return", source)
        self.assertIn("if (out->len > size) return", source)

    def test_length_field_errors(self):
        _, source = self.generate("""
            [[struct]]
            name = "s"
            length = "len"
            fields = [ { name = "len", type = "u8" }, { name = "v", type = "u8" } ]
            """)
        self.assertIn("if (out->len < pos) return openk4a_wire_fail(consumed, pos, T_ERR_BAD_LENGTH);", source)
        self.assertIn("T_ERR_LENGTH_PAST_END", source)

    def test_conditional_and_versioned_fields(self):
        header, source = self.generate("""
            [[struct]]
            name = "v"
            sizes = [2, 4]
            fields = [ { name = "a", type = "u16" }, { name = "b", type = "u16", since = 4 } ]
            [[struct]]
            name = "c"
            fields = [ { name = "f", type = "u8" }, { name = "p", type = "u32", when = "f & 0x04" } ]
            """)
        self.assertIn("size_t wire_size;", header)
        self.assertIn("if (end >= 4u) {", source)
        self.assertIn("if ((out->f & 0x04u) != 0u) {", source)
        self.assertIn("openk4a_usb_status_t t_c_parse_complete(", source)

    def test_status_spec_generates_name_and_message(self):
        spec = wire_spec.load(os.path.join(self.dir.name, "status.toml"))
        files = wire_emit_c.generate(spec, "g.py")
        source = files["x/status.c"]
        self.assertIn('case T_ERR_TRUNCATED:\n      return "T_ERR_TRUNCATED";', source)
        self.assertIn('return "short";', source)


class RealSpecTest(unittest.TestCase):
    def test_real_specs_generate_deterministically(self):
        for name in ("usb_status.toml", "uvc_wire.toml", "imu_wire.toml"):
            path = find_spec(name)
            first = wire_gen.generate(path, "tools/codegen/wire_gen.py")
            second = wire_gen.generate(path, "tools/codegen/wire_gen.py")
            self.assertEqual(first, second)
            for text in first.values():
                self.assertIn("do not edit", text.splitlines()[1])

    def test_uvc_spec_has_the_descriptors_the_model_needs(self):
        spec = wire_spec.load(find_spec("uvc_wire.toml"))
        names = {s.name for s in spec.structs}
        for needed in ("payload_header", "probe_commit", "config_descriptor", "vs_frame",
                       "vs_format_uncompressed", "vs_format_mjpeg", "vs_still_image_frame"):
            self.assertIn(needed, names)
        probe = [s for s in spec.structs if s.name == "probe_commit"][0]
        self.assertEqual(probe.sizes, [26, 34, 48])


if __name__ == "__main__":
    unittest.main()
