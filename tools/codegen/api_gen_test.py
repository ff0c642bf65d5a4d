"""Unit tests of the API generator (api_spec.py, api_emit_c.py, api_emit_docs.py).

The generated C is exercised by tests/*_test.cc; here: malformed specs fail
with a message naming the entry, the real spec generates deterministically
and completely (a page per public function, every declaration documented),
and the emitted pieces have the shapes the C code relies on.
"""

import os
import re
import sys
import tempfile
import textwrap
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import api_gen  # noqa: E402
import api_spec  # noqa: E402
import codegen_common  # noqa: E402

REAL_SPEC = os.environ.get("API_SPEC") or os.path.join(HERE, "..", "..", "core", "spec", "api.toml")

MINIMAL = textwrap.dedent("""\
    [meta]
    k4a_version = [1, 4, 0]
    [limits]
    max_dimension = 100
    max_create_bytes = 1000
    [[enum]]
    name = "k4a_result_t"
    doc = "r"
    [[enum.values]]
    name = "K4A_RESULT_SUCCEEDED"
    value = 0
    doc = "ok"
    [[format]]
    name = "K4A_IMAGE_FORMAT_CUSTOM8"
    value = 0
    short = "C8"
    min_bytes_per_pixel = 1
    size = "stride_x_height"
    doc = "c8"
    [[format]]
    name = "K4A_IMAGE_FORMAT_CUSTOM"
    value = 1
    short = "C"
    min_bytes_per_pixel = 0
    stride_required = true
    size = "stride_x_height_if_stride"
    doc = "c"
    [[property]]
    name = "iso_speed"
    c_type = "uint32_t"
    param = "iso_speed"
    what = "ISO speed"
    doc = "iso"
    deprecated_setters = ["k4a_image_set_iso"]
    [[function]]
    name = "k4a_image_get_stride_bytes"
    group = "image"
    returns = "int"
    summary = "s"
    return_doc = "r"
    params = [{ type = "k4a_image_t", name = "image_handle", doc = "i" }]
    """)


def write_spec(text):
    f = tempfile.NamedTemporaryFile("w", suffix=".toml", delete=False)
    f.write(text)
    f.close()
    return f.name


class SpecErrors(unittest.TestCase):
    def assert_rejected(self, text, fragment):
        path = write_spec(text)
        try:
            with self.assertRaises(codegen_common.SpecError) as cm:
                api_spec.parse(path)
            self.assertIn(fragment, str(cm.exception))
        finally:
            os.unlink(path)

    def test_minimal_spec_parses(self):
        path = write_spec(MINIMAL)
        try:
            api = api_spec.parse(path)
        finally:
            os.unlink(path)
        names = [f.name for f in api.functions]
        # Accessors land right after get_stride_bytes; aliases and to_string follow.
        self.assertEqual(names[:4], ["k4a_image_get_stride_bytes", "k4a_image_get_iso_speed",
                                     "k4a_image_set_iso_speed", "k4a_image_set_iso"])
        self.assertIn("openk4a_image_format_to_string", names)
        self.assertEqual(api.function("k4a_image_set_iso").deprecated_for, "k4a_image_set_iso_speed")

    def test_unknown_key(self):
        self.assert_rejected(MINIMAL.replace('short = "C8"', 'short = "C8"\nbogus = 1'), "unknown key(s) bogus")

    def test_bad_size_rule(self):
        self.assert_rejected(MINIMAL.replace('"stride_x_height"\n', '"stride_times_height"\n', 1),
                             "size must be one of")

    def test_format_values_must_index_the_table(self):
        self.assert_rejected(MINIMAL.replace("value = 1\nshort", "value = 5\nshort"), "0, 1, 2")

    def test_custom_format_required(self):
        self.assert_rejected(MINIMAL.replace('"K4A_IMAGE_FORMAT_CUSTOM"', '"K4A_IMAGE_FORMAT_OTHER"'),
                             "K4A_IMAGE_FORMAT_CUSTOM is required")

    def test_duplicate_enum_value(self):
        dup = MINIMAL.replace('doc = "ok"\n', 'doc = "ok"\n[[enum.values]]\nname = "K4A_RESULT_X"\n'
                              'value = 0\ndoc = "d"\n')
        self.assert_rejected(dup, "duplicate name or value")

    def test_bool_is_not_an_int(self):
        self.assert_rejected(MINIMAL.replace("min_bytes_per_pixel = 1", "min_bytes_per_pixel = true"),
                             "must be an integer")

    def test_bad_identifier(self):
        self.assert_rejected(MINIMAL.replace('name = "iso_speed"', 'name = "iso speed"'),
                             "not a C identifier")

    def test_property_type(self):
        self.assert_rejected(MINIMAL.replace('c_type = "uint32_t"', 'c_type = "float"'), "c_type must be")

    def test_cxx_unit_needs_a_known_duration_on_a_uint64_property(self):
        self.assert_rejected(MINIMAL.replace('param = "iso_speed"', 'param = "iso_speed"\ncxx_unit = "microseconds"'),
                             "cxx_unit must be")
        self.assert_rejected(MINIMAL.replace('c_type = "uint32_t"', 'c_type = "uint64_t"\ncxx_unit = "seconds"'),
                             "cxx_unit must be")

    def test_reasons_reject_lower_case_names(self):
        spec = MINIMAL + textwrap.dedent("""\
            [[reasons]]
            name = "openk4a_x_reason_t"
            prefix = "OPENK4A_X_"
            name_function = "openk4a_x_reason_name"
            header = "core/include/openk4a/x.h"
            source = "core/x.c"
            doc = "d"
            values = [{ name = "lost", doc = "l" }]
            """)
        self.assert_rejected(spec, "UPPER_CASE")

    def test_non_void_needs_return_doc(self):
        self.assert_rejected(MINIMAL.replace('return_doc = "r"\n', ""), "needs return_doc")

    def test_duplicate_function(self):
        self.assert_rejected(MINIMAL.replace('deprecated_setters = ["k4a_image_set_iso"]',
                                             'deprecated_setters = ["k4a_image_get_stride_bytes"]'),
                             "declared twice")

    def test_unsized_format_cannot_be_creatable(self):
        self.assert_rejected(MINIMAL.replace('size = "stride_x_height"\n', 'size = "unsized"\ncreatable = true\n',
                                             1), "unsized format cannot be creatable")

    def test_toml_syntax_error_names_the_file(self):
        self.assert_rejected("[meta\n", ".toml")


class RealSpec(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.api = api_spec.parse(REAL_SPEC)
        cls.files = api_gen.generate(REAL_SPEC, "tools/codegen/api_gen.py")

    def test_deterministic(self):
        self.assertEqual(self.files, api_gen.generate(REAL_SPEC, "tools/codegen/api_gen.py"))

    def test_every_file_says_it_is_generated(self):
        for path, text in self.files.items():
            self.assertIn("do not edit", text.splitlines()[0] + text.splitlines()[1], path)

    def test_the_issue_surface_is_declared(self):
        h = self.files["core/include/k4a/k4a.h"]
        for name in ["k4a_image_create", "k4a_image_create_from_buffer", "k4a_image_get_buffer",
                     "k4a_image_get_size", "k4a_image_get_format", "k4a_image_get_width_pixels",
                     "k4a_image_get_height_pixels", "k4a_image_get_stride_bytes",
                     "k4a_image_get_device_timestamp_usec", "k4a_image_set_device_timestamp_usec",
                     "k4a_image_get_system_timestamp_nsec", "k4a_image_set_system_timestamp_nsec",
                     "k4a_image_get_exposure_usec", "k4a_image_set_exposure_usec",
                     "k4a_image_get_white_balance", "k4a_image_set_white_balance",
                     "k4a_image_get_iso_speed", "k4a_image_set_iso_speed", "k4a_image_reference",
                     "k4a_image_release", "k4a_image_get_timestamp_usec", "k4a_image_set_timestamp_usec",
                     "k4a_image_set_exposure_time_usec", "k4a_capture_create", "k4a_capture_reference",
                     "k4a_capture_release", "k4a_capture_get_color_image", "k4a_capture_set_ir_image",
                     "k4a_capture_get_temperature_c", "k4a_set_debug_message_handler",
                     "k4a_device_open", "k4a_device_get_imu_sample"]:
            self.assertRegex(h, r"K4A_(DEPRECATED_)?EXPORT [^;(]*\b%s\(" % name, name)
        self.assertIn("K4A_DEPRECATED_EXPORT uint64_t k4a_image_get_timestamp_usec(", h)

    def test_a_page_per_public_function_and_an_index(self):
        pages = {p for p in self.files if p.startswith("docs/api/")}
        expected = {"docs/api/%s.md" % f.name for f in self.api.functions} | {"docs/api/index.md"}
        self.assertEqual(pages, expected)
        index = self.files["docs/api/index.md"]
        for f in self.api.functions:
            self.assertIn("(%s.md)" % f.name, index)
            page = self.files["docs/api/%s.md" % f.name]
            for section in ("## Syntax", "## Parameters", "## Return value", "## Header"):
                self.assertIn(section, page, f.name)
            self.assertIn(f.prototype() + ";", page)

    def test_every_declaration_is_documented(self):
        for path in ("core/include/k4a/k4a.h", "core/include/openk4a/memory.h",
                     "core/include/openk4a/k4a_strings.h"):
            lines = self.files[path].splitlines()
            for i, line in enumerate(lines):
                if line.startswith("K4A_EXPORT") or line.startswith("K4A_DEPRECATED_EXPORT"):
                    self.assertTrue(lines[i - 1].endswith("*/"), "%s: %s" % (path, line))

    def test_enum_values_are_k4a_14(self):
        fmt = self.api.enum("k4a_image_format_t")
        self.assertEqual([(v.name, v.value) for v in fmt.values][-3:],
                         [("K4A_IMAGE_FORMAT_CUSTOM8", 6), ("K4A_IMAGE_FORMAT_CUSTOM16", 7),
                          ("K4A_IMAGE_FORMAT_CUSTOM", 8)])
        types = self.files["core/include/k4a/k4atypes.h"]
        # Declaration order of k4a 1.4: the format enum after the color resolution.
        self.assertLess(types.index("} k4a_color_resolution_t;"), types.index("} k4a_image_format_t;"))
        self.assertIn("typedef void(k4a_memory_destroy_cb_t)(void *buffer, void *context);", types)

    def test_format_table_rows_follow_the_spec(self):
        table = self.files["core/image_formats_generated.h"]
        self.assertIn('[K4A_IMAGE_FORMAT_COLOR_NV12] = {"NV12", 1, OK4A_SIZE_STRIDE_X_HEIGHT_X3_2, true, true, '
                      'false, true}', table)
        self.assertIn('[K4A_IMAGE_FORMAT_COLOR_MJPG] = {"MJPG", 0, OK4A_SIZE_UNSIZED, false, false, false, false}',
                      table)
        self.assertIn("#define OK4A_IMAGE_MAX_DIMENSION %d" % self.api.max_dimension, table)

    def test_accessors_use_relaxed_atomics_and_the_handle_check(self):
        c = self.files["core/image_properties_generated.c"]
        for p in self.api.properties:
            self.assertIn("atomic_load_explicit(&image->prop_%s, memory_order_relaxed)" % p.name, c)
            self.assertIn("atomic_store_explicit(&image->prop_%s," % p.name, c)
        self.assertEqual(c.count("ok4a_image_enter(image_handle, __func__)"), 2 * len(self.api.properties))
        self.assertIn("return k4a_image_get_device_timestamp_usec(image_handle);", c)

    def test_copy_properties_copies_every_property(self):
        c = self.files["core/image_properties_generated.c"]
        copy = c[c.index("openk4a_image_copy_properties("):]
        for p in self.api.properties:
            self.assertIn("atomic_store_explicit(&to->prop_%s,\n" % p.name, copy)
            self.assertIn("atomic_load_explicit(&from->prop_%s, memory_order_relaxed)" % p.name, copy)
        self.assertEqual(self.api.function("openk4a_image_copy_properties").header, "openk4a/image.h")

    def test_cxx_accessors_call_the_c_accessors_of_every_property(self):
        h = self.files["cxx/include/openk4a/cxx/image_properties.h"]
        for p in self.api.properties:
            self.assertIn(" %s() const {" % p.cxx_name, h)
            self.assertIn("k4a_image_get_%s(handle())" % p.name, h)
            self.assertIn("void set_%s(" % p.cxx_name, h)
            self.assertIn("k4a_image_set_%s(handle()," % p.name, h)
            if p.cxx_unit:
                self.assertIn("std::chrono::%s %s() const" % (p.cxx_unit, p.cxx_name), h)

    def test_reason_names_cover_every_reason_in_order(self):
        self.assertTrue(self.api.reasons)
        for r in self.api.reasons:
            header, source = self.files[r.header], self.files[r.source]
            self.assertEqual([v.value for v in r.values], list(range(len(r.values))))
            for v in r.values:
                self.assertIn("    %s%s = %d,\n" % (r.prefix, v.name, v.value), header)
                self.assertIn('case %s%s:\n        return "%s";' % (r.prefix, v.name, v.name), source)
            self.assertIn("    %s\n} %s;" % (r.count, r.name), header)
            self.assertIn('return "UNKNOWN";', source)

    def test_to_string_covers_every_enumerator(self):
        c = self.files["core/k4a_strings_generated.c"]
        for enum in self.api.enums:
            for v in enum.values:
                self.assertIn('case %s:\n        return "%s";' % (v.name, v.name), c)


class CommandLine(unittest.TestCase):
    def test_writes_requested_paths_by_suffix(self):
        with tempfile.TemporaryDirectory() as out:
            rc = codegen_common.run_generator(api_gen.generate, [REAL_SPEC, out, "include/k4a/k4a.h",
                                                                 "k4a_image_create.md"])
            self.assertEqual(rc, 0)
            self.assertTrue(os.path.exists(os.path.join(out, "include/k4a/k4a.h")))
            self.assertTrue(os.path.exists(os.path.join(out, "k4a_image_create.md")))

    def test_unknown_output_is_an_error(self):
        with tempfile.TemporaryDirectory() as out:
            self.assertEqual(codegen_common.run_generator(api_gen.generate, [REAL_SPEC, out, "nope.h"]), 1)

    def test_usage(self):
        self.assertEqual(codegen_common.run_generator(api_gen.generate, [REAL_SPEC]), 2)


class Common(unittest.TestCase):
    def test_c_comment_wraps_and_keeps_params_together(self):
        text = codegen_common.c_comment("Summary.\n\n\\param a A.\n\n\\param b B.\n\nRemarks.", width=40)
        self.assertEqual(text, "/**\n * Summary.\n *\n * \\param a A.\n * \\param b B.\n *\n * Remarks.\n */\n")
        self.assertEqual(codegen_common.c_comment("Short."), "/** Short. */\n")

    def test_include_guard(self):
        self.assertEqual(codegen_common.include_guard("include/k4a/k4atypes.h"), "K4A_K4ATYPES_H_")

    def test_select_outputs_needs_exactly_one_match(self):
        files = {"a/x.h": "1", "b/x.h": "2", "c/y.h": "3"}
        self.assertEqual(codegen_common.select_outputs(files, ["c/y.h"]), {"c/y.h": "3"})
        with self.assertRaises(codegen_common.SpecError):
            codegen_common.select_outputs(files, ["x.h"])


if __name__ == "__main__":
    unittest.main()
