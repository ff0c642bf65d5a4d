"""Emits the C side of the API spec: public headers and generated sources."""

from codegen_common import c_banner, c_comment, include_guard

GROUP_TITLES = {
    "logging": "Logging",
    "device": "Devices",
    "capture": "Captures",
    "image": "Images",
    "imu": "IMU",
    "calibration": "Calibration",
    "transformation": "Transformation",
    "strings": "Enumeration names",
    "openk4a": "openk4a extensions",
}
EXTERN_C_OPEN = "#ifdef __cplusplus\nextern \"C\" {\n#endif\n"
EXTERN_C_CLOSE = "#ifdef __cplusplus\n}\n#endif\n"


def _header(api, spec, gen, path, purpose, body, includes=()):
    guard = include_guard(path)
    out = [c_banner(spec, gen, purpose), "#ifndef %s\n#define %s\n\n" % (guard, guard)]
    out += ["#include %s\n" % inc for inc in includes]
    if includes:
        out.append("\n")
    out.append(body)
    out.append("\n#endif /* %s */\n" % guard)
    return "".join(out)


def k4aversion_h(api, spec, gen):
    major, minor, patch = api.k4a_version
    body = (c_comment("The k4a API version this library is source compatible with.") +
            "#define K4A_VERSION_MAJOR %d\n#define K4A_VERSION_MINOR %d\n#define K4A_VERSION_PATCH %d\n"
            "#define K4A_VERSION_PRERELEASE \"\"\n#define K4A_VERSION_BUILD_METADATA \"\"\n"
            "#define K4A_VERSION_STR \"%d.%d.%d\"\n" % (major, minor, patch, major, minor, patch))
    return _header(api, spec, gen, "include/k4a/k4aversion.h", "k4a API version.", body)


def k4atypes_h(api, spec, gen):
    out = [EXTERN_C_OPEN, "\n"]
    out.append(DECLARE_HANDLE_MACRO)
    out.append("/* ---- Handles ---- */\n\n")
    for name, doc in api.handles:
        out.append(c_comment(doc))
        out.append("typedef struct _%s *%s;\n\n" % (name, name))
    out.append("/* ---- Enumerations ---- */\n\n")
    for enum in api.enums:
        out.append(c_comment(enum.doc))
        out.append("typedef enum\n{\n")
        for v in enum.values:
            out.append(c_comment(v.doc, indent="    "))
            out.append("    %s = %d,\n" % (v.name, v.value))
        out.append("} %s;\n\n" % enum.name)
    out.append("/* ---- Constants ---- */\n\n")
    for name, value, doc in api.defines:
        out.append(c_comment(doc))
        out.append("#define %s %s\n\n" % (name, value if "(" in name or not value.startswith("-") else "(%s)" % value))
    out.append("/* ---- Callbacks ---- */\n\n")
    for name, returns, params, doc in api.callbacks:
        out.append(c_comment(doc))
        out.append("typedef %s(%s)(%s);\n\n" % (returns, name, ", ".join(params)))
    out.append("/* ---- Structures ---- */\n\n")
    out.append(_structs(api, "k4a/k4atypes.h"))
    for c in api.static_consts:
        out.append(c_comment(c["doc"]))
        out.append("static const %s %s = {%s};\n\n" % (c["type"], c["name"], ", ".join(c["values"])))
    out.append(EXTERN_C_CLOSE)
    return _header(api, spec, gen, "include/k4a/k4atypes.h",
                   "k4a types: handles, enumerations, callbacks and structures (k4a 1.4 layout).",
                   TYPES_INCLUDES + "".join(out))


# The SDK's k4atypes.h brings these in, and k4a programs rely on them (memset, PRIu64).
TYPES_INCLUDES = """#ifdef __cplusplus
#include <cinttypes>
#include <cstddef>
#include <cstring>
#else
#include <inttypes.h>
#include <stdbool.h>
#include <stddef.h>
#include <string.h>
#endif
#include <stdint.h>

"""

# The SDK's macro, for code that declares handles of its own the SDK's way. openk4a's own
# handles stay incomplete types (their structs are the library's private objects).
DECLARE_HANDLE_MACRO = """/** Declares an opaque handle type the way the k4a headers do. */
#define K4A_DECLARE_HANDLE(_handle_name_) \\
    typedef struct _##_handle_name_ \\
    { \\
        size_t _rsvd; \\
    } * _handle_name_;

"""


def _structs(api, header):
    out = []
    for s in api.structs:
        if s["header"] != header:
            continue
        out.append(c_comment(s["doc"]))
        # Structs carry the SDK's tag (code forward-declares struct _k4a_imu_sample_t); unions have none.
        tag = " _%s" % s["name"] if s["kind"] == "struct" else ""
        out.append("typedef %s%s\n{\n" % (s["kind"], tag))
        for decl, doc in s["fields"]:
            out.append(c_comment(doc, indent="    "))
            out.append("    %s;\n" % decl)
        out.append("} %s;\n\n" % s["name"])
    return "".join(out)


def _function_decl(fn, export="K4A_EXPORT"):
    lines = [fn.summary]
    for p in fn.params:
        lines.append("\\param %s %s" % (p.name, p.doc) if p.dir == "in" else
                     "\\param[%s] %s %s" % (p.dir, p.name, p.doc))
    if fn.return_doc:
        lines.append("\\returns " + fn.return_doc)
    if fn.deprecated_for:
        lines.append("\\deprecated Use %s()." % fn.deprecated_for)
        export = "K4A_DEPRECATED_EXPORT"
    if fn.remarks and not fn.deprecated_for:
        lines.append(fn.remarks)
    return c_comment("\n\n".join(lines)) + "%s %s;\n\n" % (export, fn.prototype())


def _functions_body(api, header):
    out = []
    group = None
    for fn in api.functions:
        if fn.header != header:
            continue
        if fn.group != group:
            group = fn.group
            out.append("/* ---- %s ---- */\n\n" % GROUP_TITLES[group])
        out.append(_function_decl(fn))
    return "".join(out)


EXPORT_H = """#ifndef K4A_EXPORT
#if defined(__GNUC__)
#define K4A_EXPORT __attribute__((visibility("default")))
#else
#define K4A_EXPORT
#endif
#endif
#ifndef K4A_DEPRECATED_EXPORT
#if defined(__GNUC__) && !defined(OPENK4A_NO_DEPRECATION_WARNINGS)
#define K4A_DEPRECATED_EXPORT K4A_EXPORT __attribute__((deprecated))
#else
#define K4A_DEPRECATED_EXPORT K4A_EXPORT
#endif
#endif
#ifndef K4A_NO_EXPORT
#if defined(__GNUC__)
#define K4A_NO_EXPORT __attribute__((visibility("hidden")))
#else
#define K4A_NO_EXPORT
#endif
#endif
#ifndef K4A_DEPRECATED
#if defined(__GNUC__)
#define K4A_DEPRECATED __attribute__((__deprecated__))
#else
#define K4A_DEPRECATED
#endif
#endif
#ifndef K4A_DEPRECATED_NO_EXPORT
#define K4A_DEPRECATED_NO_EXPORT K4A_NO_EXPORT K4A_DEPRECATED
#endif
"""


def k4a_export_h(api, spec, gen):
    return _header(api, spec, gen, "include/k4a/k4a_export.h",
                   "Export and deprecation macros (the names of the SDK's k4a_export.h).", EXPORT_H)


def k4a_h(api, spec, gen):
    body = EXTERN_C_OPEN + "\n" + _functions_body(api, "k4a/k4a.h") + EXTERN_C_CLOSE
    return _header(api, spec, gen, "include/k4a/k4a.h",
                   "The k4a C API: logging, devices, captures, images, IMU, calibration, transformation "
                   "(k4a 1.4 compatible).",
                   body, ("<k4a/k4a_export.h>", "<k4a/k4aversion.h>", "<k4a/k4atypes.h>"))


def extension_h(api, spec, gen, header):
    body = EXTERN_C_OPEN + "\n" + _structs(api, header) + _functions_body(api, header) + EXTERN_C_CLOSE
    return _header(api, spec, gen, "include/" + header, "openk4a extensions to the k4a API.",
                   body, ("<k4a/k4a_export.h>", "<k4a/k4atypes.h>"))


def image_formats_generated_h(api, spec, gen):
    out = ["/* Internal: the format rules behind core/image_format.h (included only there). */\n\n"]
    out.append("#define OK4A_IMAGE_MAX_DIMENSION %d\n" % api.max_dimension)
    out.append("#define OK4A_IMAGE_MAX_CREATE_BYTES ((uint64_t)%d)\n" % api.max_create_bytes)
    out.append("#define OK4A_IMAGE_FORMAT_COUNT %d\n\n" % len(api.formats))
    out.append("typedef enum\n{\n")
    for rule in ("stride_x_height", "stride_x_height_x3_2", "stride_x_height_if_stride", "unsized"):
        out.append("    OK4A_SIZE_%s,\n" % rule.upper())
    out.append("} ok4a_size_rule_t;\n\n")
    out.append("typedef struct\n{\n"
               "    const char *short_name;\n"
               "    uint8_t min_bytes_per_pixel; /* minimum stride = width * this; 0 = none */\n"
               "    uint8_t size_rule;           /* ok4a_size_rule_t */\n"
               "    bool even_width;\n"
               "    bool even_height;\n"
               "    bool stride_required;        /* stride 0 is rejected */\n"
               "    bool creatable;              /* k4a_image_create can allocate it */\n"
               "} ok4a_format_rule_t;\n\n")
    out.append("static const ok4a_format_rule_t ok4a_format_rules[OK4A_IMAGE_FORMAT_COUNT] = {\n")
    b = lambda v: "true" if v else "false"  # noqa: E731
    for f in api.formats:
        out.append("    [%s] = {\"%s\", %d, OK4A_SIZE_%s, %s, %s, %s, %s},\n" % (
            f.name, f.short, f.min_bytes_per_pixel, f.size.upper(), b(f.even_width),
            b(f.even_height), b(f.stride_required), b(f.creatable)))
    out.append("};\n")
    return _header(api, spec, gen, "core/image_formats_generated.h",
                   "Image format rules (stride, size, parity) from the [[format]] table.",
                   "".join(out), ("<stdbool.h>", "<stdint.h>", "<k4a/k4atypes.h>"))


def image_properties_generated_h(api, spec, gen):
    fields = " \\\n".join("    _Atomic(%s) prop_%s;" % (p.c_type, p.name) for p in api.properties)
    reset = " \\\n".join("        atomic_store_explicit(&(image)->prop_%s, 0, memory_order_relaxed);" % p.name
                         for p in api.properties)
    body = ("/* Internal: the per-image metadata fields and their reset, used by core/image.h. */\n\n"
            "#define OK4A_IMAGE_PROPERTY_FIELDS \\\n%s\n\n"
            "#define OK4A_IMAGE_PROPERTIES_RESET(image) \\\n    do \\\n    { \\\n%s \\\n    } while (0)\n"
            % (fields, reset))
    return _header(api, spec, gen, "core/image_properties_generated.h",
                   "Image metadata fields from the [[property]] table.", body)


def image_properties_generated_c(api, spec, gen):
    out = [c_banner(spec, gen, "Image metadata getters and setters from the [[property]] table."),
           "#define OPENK4A_NO_DEPRECATION_WARNINGS 1\n",
           "#include \"core/image.h\"\n\n",
           "#include <openk4a/image.h>\n\n",
           "/* Relaxed atomics: a value set on one thread and read on another is never torn,\n"
           " * and ordering with other data is the caller's business (as with a plain field). */\n\n"]
    for fn in api.functions:
        if not fn.property:
            continue
        p = fn.property
        if fn.deprecated_for:
            call = "%s(%s)" % (fn.deprecated_for, ", ".join(x.name for x in fn.params))
            out.append("%s\n{\n    %s%s;\n}\n\n" % (fn.prototype(), "return " if fn.accessor == "get" else "", call))
        elif fn.accessor == "get":
            out.append("%s\n{\n"
                       "    const struct _k4a_image_t *image = ok4a_image_enter(image_handle, __func__);\n"
                       "    return image == NULL ? 0 : atomic_load_explicit(&image->prop_%s, memory_order_relaxed);\n"
                       "}\n\n" % (fn.prototype(), p.name))
        else:
            out.append("%s\n{\n"
                       "    struct _k4a_image_t *image = ok4a_image_enter(image_handle, __func__);\n"
                       "    if (image != NULL)\n"
                       "    {\n"
                       "        atomic_store_explicit(&image->prop_%s, %s, memory_order_relaxed);\n"
                       "    }\n"
                       "}\n\n" % (fn.prototype(), p.name, p.param))
    if api.properties:
        out.append(_copy_properties_c(api))
    return "".join(out).rstrip("\n") + "\n"


def _copy_properties_c(api):
    copies = "".join("    atomic_store_explicit(&to->prop_%s,\n"
                     "                          atomic_load_explicit(&from->prop_%s, memory_order_relaxed),\n"
                     "                          memory_order_relaxed);\n" % (p.name, p.name) for p in api.properties)
    return ("%s\n{\n"
            "    struct _k4a_image_t *to = ok4a_image_enter(destination, __func__);\n"
            "    const struct _k4a_image_t *from = ok4a_image_enter(source, __func__);\n"
            "    if (to == NULL || from == NULL)\n"
            "    {\n"
            "        return K4A_RESULT_FAILED;\n"
            "    }\n"
            "%s"
            "    return K4A_RESULT_SUCCEEDED;\n"
            "}\n" % (api.function("openk4a_image_copy_properties").prototype(), copies))


def k4a_strings_generated_c(api, spec, gen):
    out = [c_banner(spec, gen, "Enumeration names (openk4a_*_to_string) from the [[enum]] tables."),
           "#include \"openk4a/k4a_strings.h\"\n\n"]
    for enum in api.enums:
        fn = api.function("openk4a_%s_to_string" % enum.stem)
        out.append("%s\n{\n    switch (value)\n    {\n" % fn.prototype())
        for v in enum.values:
            out.append("    case %s:\n        return \"%s\";\n" % (v.name, v.name))
        out.append("    }\n    return \"(unknown)\";\n}\n\n")
    return "".join(out).rstrip("\n") + "\n"


def _reasons_in(api, attribute, path):
    return [r for r in api.reasons if getattr(r, attribute) == path]


def reasons_h(api, spec, gen, header):
    group = _reasons_in(api, "header", header)
    out = [EXTERN_C_OPEN, "\n"]
    for r in group:
        out.append(c_comment(r.doc))
        out.append("typedef enum%s\n{\n" % (" " + r.tag if r.tag else ""))
        for v in r.values:
            out.append(c_comment(v.doc, indent="    "))
            out.append("    %s%s = %d,\n" % (r.prefix, v.name, v.value))
        out.append("    %s\n} %s;\n\n" % (r.count, r.name))
        out.append(c_comment('The reason\'s name without %s ("%s", "%s", ...); "UNKNOWN" for any other value. '
                             "Static storage, never NULL." % (r.prefix, r.values[0].name, r.values[-1].name)))
        out.append("%sconst char *%s(%s reason);\n\n" % ("K4A_EXPORT " if r.export else "", r.name_function, r.name))
    out.append(EXTERN_C_CLOSE)
    includes = ("<k4a/k4a_export.h>",) if any(r.export for r in group) else ()
    return _header(api, spec, gen, header, "Reasons (%s) from the [[reasons]] tables." %
                   ", ".join(r.name for r in group), "".join(out), includes)


def reasons_c(api, spec, gen, source):
    group = _reasons_in(api, "source", source)
    out = [c_banner(spec, gen, "Reason names (%s) from the [[reasons]] tables." %
                    ", ".join(r.name_function for r in group))]
    for header in dict.fromkeys(r.header for r in group):
        out.append("#include <%s>\n\n" % header.split("/include/", 1)[1])
    for r in group:
        out.append("const char *%s(%s reason)\n{\n    switch (reason)\n    {\n" % (r.name_function, r.name))
        for v in r.values:
            out.append("    case %s%s:\n        return \"%s\";\n" % (r.prefix, v.name, v.name))
        out.append("    case %s:\n        break;\n    }\n    return \"UNKNOWN\";\n}\n\n" % r.count)
    return "".join(out).rstrip("\n") + "\n"
