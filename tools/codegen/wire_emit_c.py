"""Writes C11 from a validated wire spec (wire_spec.py).

Every generated read goes through one of three guarded shapes, so bounds
checks exist by construction rather than by review:
  - a scalar/record/bytes field:  if (end - pos < N) fail; read; pos += N;
  - an array:  if (count > (end - pos) / ELEM) fail; borrow; pos += count * ELEM;
  - a length field:  if (L < pos) fail; if (L > size) fail; end = L;
`end` never exceeds `size` and `pos` never exceeds `end`, so no subtraction
wraps. Encoders compute the full size (with overflow checks) before writing
a byte, and write only after checking it against the caller's capacity.
"""

from codegen_common import c_banner, c_comment, include_guard

INDENT = "  "


# -- naming -------------------------------------------------------------------

def c_type_name(spec, name):
    return "%s_%s_t" % (spec.prefix, name)


def c_func(spec, struct, suffix):
    return "%s_%s_%s" % (spec.prefix, struct.name, suffix)


def macro(spec, *parts):
    return "_".join([spec.prefix.upper()] + [p.upper() for p in parts])


def status(spec, name):
    return spec.status.prefix + name


def hexlit(value, size=4):
    if value > 0xFFFFFFFF:
        return "UINT64_C(0x%X)" % value
    return "0x%Xu" % value if value > 9 else "%du" % value


def read_expr(t, ptr):
    """C expression reading scalar type t at pointer expression ptr."""
    if t.size == 1:
        return "(%s)%s[0]" % (t.ctype, ptr) if t.signed else "%s[0]" % ptr
    bits = t.size * 8
    expr = "openk4a_wire_u%dle(%s)" % (bits, ptr)
    return "(%s)%s" % (t.ctype, expr) if t.signed else expr


def write_stmt(t, ptr, value):
    if t.size == 1:
        return "%s[0] = (uint8_t)(%s);" % (ptr, value)
    bits = t.size * 8
    return "openk4a_wire_put_u%dle(%s, (uint%d_t)(%s));" % (bits, ptr, bits, value)


def field_path(base, path):
    return "%s->%s" % (base, path)


def condition(base, when):
    path, op, value = when
    lhs = field_path(base, path)
    if op == "&":
        return "(%s & 0x%02Xu) != 0u" % (lhs, value)
    return "%s %s %s" % (lhs, op, hexlit(value))


def count_expr(base, f):
    return " * ".join("(size_t)%s" % field_path(base, p) for p in f.count)


# -- header -------------------------------------------------------------------

def emit_record_decl(spec, r):
    out = [c_comment(r.doc or r.name)]
    tname = c_type_name(spec, r.name)
    out.append("typedef struct %s_%s {\n" % (spec.prefix, r.name))
    for f in r.fields:
        out.append(field_decl(f))
    out.append("} %s;\n" % tname)
    size_macro = macro(spec, r.name, "WIRE_SIZE")
    out.append("#define %s %d /**< bytes on the wire */\n\n" % (size_macro, r.size))
    out.append(c_comment("Reads one %s from %s bytes at p; the caller has checked the size."
                         % (r.name, size_macro)))
    out.append("static inline void %s_%s_read(const uint8_t *p, %s *out) {\n" %
               (spec.prefix, r.name, tname))
    off = 0
    for f in r.fields:
        if f.type.kind == "bytes":
            out.append(INDENT + "memcpy(out->%s, p + %d, %d);\n" % (f.name, off, f.type.size))
        else:
            out.append(INDENT + "out->%s = %s;\n" % (f.name, read_expr(f.type, "(p + %d)" % off)))
        off += f.type.size
    out.append("}\n\n")
    out.append(c_comment("Writes one %s as %s bytes at p; the caller has checked the room."
                         % (r.name, size_macro)))
    out.append("static inline void %s_%s_write(uint8_t *p, const %s *in) {\n" %
               (spec.prefix, r.name, tname))
    off = 0
    for f in r.fields:
        if f.type.kind == "bytes":
            out.append(INDENT + "memcpy(p + %d, in->%s, %d);\n" % (off, f.name, f.type.size))
        else:
            out.append(INDENT + write_stmt(f.type, "(p + %d)" % off, "in->" + f.name) + "\n")
        off += f.type.size
    out.append("}\n\n")
    return "".join(out)


def field_doc(f):
    notes = [f.doc] if f.doc else []
    if f.const is not None:
        notes.append("always 0x%02X" % f.const)
    if f.one_of is not None:
        notes.append("one of " + ", ".join("0x%02X" % v for v in f.one_of))
    if f.min is not None:
        notes.append("at least %d" % f.min)
    if f.when is not None:
        notes.append("present when %s" % f.when_text)
    if f.tail:
        notes.append("optional trailing field, see has_%s" % f.name)
    if f.since is not None:
        notes.append("in the %d-byte variant and larger" % f.since)
    if f.type.kind == "array":
        notes.append("%s elements of %d bytes borrowed from the input (wire order); "
                     "read them with the _at() accessor" % (f.count_text, f.type.size))
    return "; ".join(n.rstrip(".") for n in notes)


def field_decl(f):
    t = f.type
    doc = field_doc(f)
    comment = " /**< %s */" % doc if doc else ""
    if t.kind == "scalar":
        return INDENT + "%s %s;%s\n" % (t.ctype, f.name, comment)
    if t.kind == "bytes":
        return INDENT + "uint8_t %s[%d];%s\n" % (f.name, t.size, comment)
    if t.kind == "record":
        return INDENT + "%s %s;%s\n" % (t.record.ctype, f.name, comment)
    return INDENT + "const uint8_t *%s;%s\n" % (f.name, comment)


def emit_struct_decl(spec, s):
    tname = c_type_name(spec, s.name)
    out = [c_comment(s.doc or s.name)]
    out.append("typedef struct %s_%s {\n" % (spec.prefix, s.name))
    for f in s.fields:
        out.append(field_decl(f))
    for f in s.fields:
        if f.tail:
            out.append(INDENT + "bool has_%s; /**< %s was present */\n" % (f.name, f.name))
    if s.sizes:
        out.append(INDENT + "size_t wire_size; /**< the variant: one of %s bytes */\n" %
                   ", ".join(str(v) for v in s.sizes))
    out.append("} %s;\n\n" % tname)
    if s.sizes:
        for v in s.sizes:
            out.append("#define %s %d\n" % (macro(spec, s.name, "SIZE", str(v)), v))
        out.append("\n")
    out.append("#define %s %d /**< smallest valid encoding */\n\n" %
               (macro(spec, s.name, "MIN_SIZE"), s.min_size))

    if s.length:
        span = ("the structure occupies %s bytes (bytes past its known fields are skipped)"
                % s.length)
    elif s.sizes:
        span = ("the largest variant that fits the input is parsed (wire_size says which); "
                "fewer than %d bytes is ERR_TRUNCATED" % s.sizes[0])
    else:
        span = "the structure occupies exactly the bytes its fields and counts describe"
    out.append(c_comment(
        "Parses a %s from the start of data[0, size). On success *consumed (may be NULL) is "
        "the number of bytes the structure occupies: %s. On error it is the offset where "
        "parsing stopped and *out is unspecified. Array fields borrow data: keep it alive "
        "while you use them." % (s.name, span)))
    out.append("openk4a_usb_status_t %s(const uint8_t *data, size_t size, %s *out, "
               "size_t *consumed);\n\n" % (c_func(spec, s, "parse"), tname))
    out.append(c_comment("Like %s, but the structure must fill data[0, size) exactly "
                         "(ERR_TRAILING_BYTES otherwise)." % c_func(spec, s, "parse")))
    out.append("openk4a_usb_status_t %s(const uint8_t *data, size_t size, %s *out);\n\n" %
               (c_func(spec, s, "parse_complete"), tname))
    size_rule = ""
    if s.length:
        size_rule = (" %s 0 means exactly the size of the fields; a larger value pads "
                     "with zero bytes; a smaller one is ERR_BAD_LENGTH." % s.length)
    if s.sizes:
        size_rule = " wire_size selects the variant."
    out.append(c_comment(
        "Validates *in and computes its encoded size." + size_rule))
    out.append("openk4a_usb_status_t %s(const %s *in, size_t *size);\n\n" %
               (c_func(spec, s, "encoded_size"), tname))
    out.append(c_comment(
        "Encodes *in into buf[0, capacity). Constant fields are written with their "
        "constant. On success *written (may be NULL) is the encoded size; on "
        "ERR_BUFFER_TOO_SMALL it is the size needed and nothing was written."))
    out.append("openk4a_usb_status_t %s(const %s *in, uint8_t *buf, size_t capacity, "
               "size_t *written);\n\n" % (c_func(spec, s, "encode"), tname))
    for f in s.fields:
        if f.type.kind == "array":
            out.append(emit_array_accessors(spec, s, f))
    return "".join(out)


def emit_array_accessors(spec, s, f):
    tname = c_type_name(spec, s.name)
    count_fn = "%s_%s_count" % (c_func(spec, s, ""), f.name)
    count_fn = count_fn.replace("__", "_")
    at_fn = count_fn[:-len("_count")] + "_at"
    cond = condition("s", f.when) if f.when else None
    out = [c_comment("Number of %s elements (%s%s)." %
                     (f.name, f.count_text, "; 0 unless " + f.when_text if cond else ""))]
    out.append("static inline size_t %s(const %s *s) {\n" % (count_fn, tname))
    if cond:
        out.append(INDENT + "return (%s) ? %s : 0u;\n" % (cond, count_expr("s", f)))
    else:
        out.append(INDENT + "return %s;\n" % count_expr("s", f))
    out.append("}\n\n")
    e = f.type.element
    if e.kind == "record":
        rtype = e.record.ctype
        out.append(c_comment("Element i of %s; a zeroed value when i is out of range." % f.name))
        out.append("static inline %s %s(const %s *s, size_t i) {\n" % (rtype, at_fn, tname))
        out.append(INDENT + "%s value;\n" % rtype)
        out.append(INDENT + "memset(&value, 0, sizeof value);\n")
        out.append(INDENT + "if (s->%s != NULL && i < %s(s)) {\n" % (f.name, count_fn))
        out.append(INDENT * 2 + "%s_%s_read(s->%s + i * %du, &value);\n" %
                   (spec.prefix, e.record.name, f.name, e.size))
        out.append(INDENT + "}\n" + INDENT + "return value;\n}\n\n")
    else:
        out.append(c_comment("Element i of %s; 0 when i is out of range." % f.name))
        out.append("static inline %s %s(const %s *s, size_t i) {\n" % (e.ctype, at_fn, tname))
        out.append(INDENT + "if (s->%s == NULL || i >= %s(s)) return 0;\n" % (f.name, count_fn))
        out.append(INDENT + "return %s;\n}\n\n" % read_expr(e, "(s->%s + i * %du)" % (f.name, e.size)))
    return "".join(out)


def emit_constants(spec, g):
    out = [c_comment(g.doc or g.group)]
    for name, value, doc in g.values:
        line = "#define %s %s" % (macro(spec, g.group, name), hexlit(value))
        out.append(line + (" /**< %s */" % doc if doc else "") + "\n")
    out.append("\n")
    return "".join(out)


def wire_header(spec, generator):
    guard = include_guard(spec.header)
    out = [c_banner(spec.path, generator, "Bounds-checked wire-format parsers and encoders.")]
    out.append("#ifndef %s\n#define %s\n\n" % (guard, guard))
    out.append("#include <stdbool.h>\n#include <stddef.h>\n#include <stdint.h>\n#include <string.h>\n\n")
    out.append('#include "openk4a/usb/usb_status.h"\n#include "openk4a/usb/wire_runtime.h"\n\n')
    out.append("#ifdef __cplusplus\nextern \"C\" {\n#endif\n\n")
    if spec.doc:
        out.append(c_comment(spec.doc, doxygen=False) + "\n")
    for g in spec.constants:
        out.append(emit_constants(spec, g))
    for r in spec.records:
        out.append(emit_record_decl(spec, r))
    for s in spec.structs:
        out.append(emit_struct_decl(spec, s))
    out.append("#ifdef __cplusplus\n}  /* extern \"C\" */\n#endif\n\n#endif  /* %s */\n" % guard)
    return "".join(out)


# -- source -------------------------------------------------------------------

def emit_parse(spec, s):
    tname = c_type_name(spec, s.name)
    fail = lambda code: "return openk4a_wire_fail(consumed, pos, %s);" % status(spec, code)
    out = ["openk4a_usb_status_t %s(const uint8_t *data, size_t size, %s *out, "
           "size_t *consumed) {\n" % (c_func(spec, s, "parse"), tname)]
    body = []
    body.append("size_t pos = 0;")
    body.append("size_t end = size;")
    body.append("if (consumed != NULL) *consumed = 0;")
    body.append("if (out == NULL || (data == NULL && size != 0)) return %s;" %
                status(spec, "ERR_INVALID_ARGUMENT"))
    body.append("memset(out, 0, sizeof *out);")
    short = "ERR_BAD_LENGTH" if s.length else "ERR_TRUNCATED"
    if s.sizes:
        body.append("/* The largest variant that fits the input. */")
        for i, v in enumerate(reversed(s.sizes)):
            kw = "if" if i == 0 else "} else if"
            body.append("%s (size >= %du) {" % (kw, v))
            body.append(INDENT + "end = %du;" % v)
        body.append("} else {")
        body.append(INDENT + fail("ERR_TRUNCATED"))
        body.append("}")
        body.append("out->wire_size = end;")
    for f in s.fields:
        lines = parse_field(spec, s, f, fail, short)
        if f.since is not None and f.since != s.sizes[0]:
            body.append("if (end >= %du) {" % f.since)
            body += [INDENT + l for l in lines]
            body.append("}")
        elif f.when is not None and f.type.kind != "array":
            body.append("if (%s) {" % condition("out", f.when))
            body += [INDENT + l for l in lines]
            body.append("}")
        else:
            body += lines
    if s.length:
        body.append("/* Bytes between the known fields and %s are skipped. */" % s.length)
        body.append("if (consumed != NULL) *consumed = end;")
    else:
        body.append("if (consumed != NULL) *consumed = pos;")
    body.append("return %s;" % status(spec, "OK"))
    out += [INDENT + l + "\n" for l in body]
    out.append("}\n\n")
    out.append("openk4a_usb_status_t %s(const uint8_t *data, size_t size, %s *out) {\n" %
               (c_func(spec, s, "parse_complete"), tname))
    out.append(INDENT + "size_t consumed = 0;\n")
    out.append(INDENT + "openk4a_usb_status_t status = %s(data, size, out, &consumed);\n" %
               c_func(spec, s, "parse"))
    out.append(INDENT + "if (status != %s) return status;\n" % status(spec, "OK"))
    out.append(INDENT + "return consumed == size ? %s : %s;\n}\n\n" %
               (status(spec, "OK"), status(spec, "ERR_TRAILING_BYTES")))
    return "".join(out)


def parse_field(spec, s, f, fail, short):
    t = f.type
    lines = ["/* %s: %s */" % (f.name, t.name)]
    if t.kind == "array":
        e = t.element
        count = count_expr("out", f)
        inner = [
            "const size_t count = %s;" % count,
            "if (count > (end - pos) / %du) %s" % (e.size, fail("ERR_COUNT_PAST_END")),
            "out->%s = data + pos;" % f.name,
            "pos += count * %du;" % e.size,
        ]
        if f.when is not None:
            lines.append("if (%s) {" % condition("out", f.when))
        else:
            lines.append("{")
        lines += [INDENT + l for l in inner]
        lines.append("}")
        return lines
    if f.tail:
        lines.append("if (end - pos >= %du) {" % t.size)
        lines.append(INDENT + "out->%s = %s;" % (f.name, read_expr(t, "(data + pos)")))
        lines.append(INDENT + "out->has_%s = true;" % f.name)
        lines.append(INDENT + "pos += %du;" % t.size)
        lines.append("}")
        return lines
    is_length = bool(s.length) and f.name == s.length
    # Before the length is known, running out of input is plain truncation.
    lines.append("if (end - pos < %du) %s" % (t.size, fail("ERR_TRUNCATED" if is_length else short)))
    if t.kind == "scalar":
        lines.append("out->%s = %s;" % (f.name, read_expr(t, "(data + pos)")))
        lines += value_checks(spec, f, "out", lambda code: fail(code))
    elif t.kind == "bytes":
        lines.append("memcpy(out->%s, data + pos, %du);" % (f.name, t.size))
    else:
        lines.append("%s_%s_read(data + pos, &out->%s);" % (spec.prefix, t.record.name, f.name))
    lines.append("pos += %du;" % t.size)
    if is_length:
        lines.append("/* The declared length bounds everything that follows. */")
        lines.append("if (out->%s < pos) %s" % (f.name, fail("ERR_BAD_LENGTH")))
        lines.append("if (out->%s > size) %s" % (f.name, fail("ERR_LENGTH_PAST_END")))
        lines.append("end = out->%s;" % f.name)
    return lines


def value_checks(spec, f, base, fail):
    v = "%s->%s" % (base, f.name)
    lines = []
    if f.const is not None:
        lines.append("if (%s != %s) %s" % (v, hexlit(f.const), fail(f.error)))
    if f.one_of is not None:
        test = " && ".join("%s != %s" % (v, hexlit(x)) for x in f.one_of)
        lines.append("if (%s) %s" % (test, fail(f.error)))
    if f.min is not None:
        lines.append("if (%s < %s) %s" % (v, hexlit(f.min), fail(f.error)))
    return lines


def emit_encoded_size(spec, s):
    tname = c_type_name(spec, s.name)
    ret = lambda code: "return %s;" % status(spec, code)
    out = ["openk4a_usb_status_t %s(const %s *in, size_t *size) {\n" %
           (c_func(spec, s, "encoded_size"), tname)]
    body = ["size_t n = 0;",
            "if (in == NULL || size == NULL) %s" % ret("ERR_INVALID_ARGUMENT"),
            "*size = 0;"]
    if s.sizes:
        test = " && ".join("in->wire_size != %du" % v for v in s.sizes)
        body.append("if (%s) %s" % (test, ret("ERR_BAD_VALUE")))
    tails = [f for f in s.fields if f.tail]
    for a, b in zip(tails, tails[1:]):
        body.append("if (in->has_%s && !in->has_%s) %s  /* tails are contiguous */" %
                    (b.name, a.name, ret("ERR_BAD_VALUE")))
    for f in s.fields:
        if f.const is None:
            body += value_checks(spec, f, "in", lambda code: ret(code))
        t = f.type
        if t.kind == "array":
            inner = ["const size_t count = %s;" % count_expr("in", f),
                     "if (count != 0 && in->%s == NULL) %s" % (f.name, ret("ERR_INVALID_ARGUMENT")),
                     "if (count > (SIZE_MAX - n) / %du) %s" % (t.size, ret("ERR_BAD_VALUE")),
                     "n += count * %du;" % t.size]
            head = "if (%s) {" % condition("in", f.when) if f.when else "{"
            body.append(head)
            body += [INDENT + l for l in inner]
            body.append("}")
            continue
        add = "n += %du;" % t.size
        if f.tail:
            body.append("if (in->has_%s) %s" % (f.name, add))
        elif f.since is not None and f.since != s.sizes[0]:
            body.append("if (in->wire_size >= %du) %s" % (f.since, add))
        elif f.when is not None:
            body.append("if (%s) %s" % (condition("in", f.when), add))
        else:
            body.append(add)
    if s.length:
        lf = s.fields[0]
        limit = (1 << (8 * lf.type.size)) - 1
        body.append("if (in->%s == 0) {" % lf.name)
        body.append(INDENT + "if (n > %du) %s" % (limit, ret("ERR_BAD_LENGTH")))
        body.append("} else {")
        body.append(INDENT + "if (in->%s < n) %s" % (lf.name, ret("ERR_BAD_LENGTH")))
        body.append(INDENT + "n = in->%s;" % lf.name)
        body.append("}")
    body.append("*size = n;")
    body.append(ret("OK"))
    out += [INDENT + l + "\n" for l in body]
    out.append("}\n\n")
    return "".join(out)


def emit_encode(spec, s):
    tname = c_type_name(spec, s.name)
    ok = status(spec, "OK")
    out = ["openk4a_usb_status_t %s(const %s *in, uint8_t *buf, size_t capacity, "
           "size_t *written) {\n" % (c_func(spec, s, "encode"), tname)]
    body = ["size_t total = 0;",
            "size_t pos = 0;",
            "openk4a_usb_status_t status;",
            "if (written != NULL) *written = 0;",
            "if (buf == NULL && capacity != 0) return %s;" % status(spec, "ERR_INVALID_ARGUMENT"),
            "status = %s(in, &total);" % c_func(spec, s, "encoded_size"),
            "if (status != %s) return status;" % ok,
            "if (capacity < total) {",
            INDENT + "if (written != NULL) *written = total;",
            INDENT + "return %s;" % status(spec, "ERR_BUFFER_TOO_SMALL"),
            "}"]
    for f in s.fields:
        t = f.type
        if t.kind == "array":
            inner = ["const size_t count = %s;" % count_expr("in", f),
                     "if (count != 0) memcpy(buf + pos, in->%s, count * %du);" % (f.name, t.size),
                     "pos += count * %du;" % t.size]
            head = "if (%s) {" % condition("in", f.when) if f.when else "{"
            body.append(head)
            body += [INDENT + l for l in inner]
            body.append("}")
            continue
        if s.length and f.name == s.length:
            value = "total"
        elif f.const is not None:
            value = hexlit(f.const)
        else:
            value = "in->" + f.name
        if t.kind == "scalar":
            stmt = [write_stmt(t, "(buf + pos)", value)]
        elif t.kind == "bytes":
            stmt = ["memcpy(buf + pos, in->%s, %du);" % (f.name, t.size)]
        else:
            stmt = ["%s_%s_write(buf + pos, &in->%s);" % (spec.prefix, t.record.name, f.name)]
        stmt.append("pos += %du;" % t.size)
        guard = None
        if f.tail:
            guard = "in->has_%s" % f.name
        elif f.since is not None and f.since != s.sizes[0]:
            guard = "in->wire_size >= %du" % f.since
        elif f.when is not None:
            guard = condition("in", f.when)
        if guard:
            body.append("if (%s) {" % guard)
            body += [INDENT + l for l in stmt]
            body.append("}")
        else:
            body += stmt
    if s.length:
        body.append("/* Padding up to the declared length. */")
        body.append("if (pos < total) memset(buf + pos, 0, total - pos);")
    body.append("if (written != NULL) *written = total;")
    body.append("return %s;" % ok)
    out += [INDENT + l + "\n" for l in body]
    out.append("}\n\n")
    return "".join(out)


def wire_source(spec, generator):
    out = [c_banner(spec.path, generator, "Bounds-checked wire-format parsers and encoders.")]
    out.append('#include "%s"\n\n#include <stdint.h>\n#include <string.h>\n\n' % spec.include)
    for s in spec.structs:
        out.append("/* ---- %s ---- */\n\n" % s.name)
        out.append(emit_parse(spec, s))
        out.append(emit_encoded_size(spec, s))
        out.append(emit_encode(spec, s))
    return "".join(out).rstrip("\n") + "\n"


# -- status ---------------------------------------------------------------------

def status_header(spec, generator):
    guard = include_guard(spec.header)
    out = [c_banner(spec.path, generator, "Status codes of the USB parsers.")]
    out.append("#ifndef %s\n#define %s\n\n" % (guard, guard))
    out.append("#ifdef __cplusplus\nextern \"C\" {\n#endif\n\n")
    out.append(c_comment(spec.doc or spec.type))
    out.append("typedef enum %s {\n" % spec.type[:-2])
    for st in spec.statuses:
        out.append(INDENT + "%s%s = %d, /**< %s */\n" % (spec.prefix, st.name, st.value, st.message))
    out.append("} %s;\n\n" % spec.type)
    out.append(c_comment('The enumerator\'s name, e.g. "%s%s"; "(unknown status)" for any '
                         "other value." % (spec.prefix, spec.statuses[-1].name)))
    out.append("const char *%s_name(%s status);\n\n" % (spec.function_prefix, spec.type))
    out.append(c_comment("A one-line English message for the status; never NULL."))
    out.append("const char *%s_message(%s status);\n\n" % (spec.function_prefix, spec.type))
    out.append("#ifdef __cplusplus\n}  /* extern \"C\" */\n#endif\n\n#endif  /* %s */\n" % guard)
    return "".join(out)


def status_source(spec, generator):
    include = spec.header.split("include/", 1)[-1]
    out = [c_banner(spec.path, generator, "Status codes of the USB parsers.")]
    out.append('#include "%s"\n\n' % include)
    for fn, attr, fallback in (("name", None, "(unknown status)"),
                               ("message", "message", "unknown status code")):
        out.append("const char *%s_%s(%s status) {\n" % (spec.function_prefix, fn, spec.type))
        out.append(INDENT + "switch (status) {\n")
        for st in spec.statuses:
            text = spec.prefix + st.name if attr is None else st.message
            out.append(INDENT * 2 + "case %s%s:\n%sreturn \"%s\";\n" %
                       (spec.prefix, st.name, INDENT * 3, text.replace('"', '\\"')))
        out.append(INDENT + "}\n")
        out.append(INDENT + "return \"%s\";\n}\n\n" % fallback)
    return "".join(out).rstrip("\n") + "\n"


def generate(spec, generator):
    """{repo-relative path: text} for a loaded spec."""
    if spec.kind == "status":
        return {spec.header: status_header(spec, generator),
                spec.source: status_source(spec, generator)}
    for r in spec.records:
        r.ctype = c_type_name(spec, r.name)
    return {spec.header: wire_header(spec, generator),
            spec.source: wire_source(spec, generator)}
