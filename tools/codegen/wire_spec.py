"""Reads and checks a wire-format spec (core/spec/*_wire.toml, usb_status.toml).

This module only turns TOML into a validated model; wire_emit_c.py writes C
from it. Every rule the emitter relies on for memory safety is checked here,
so a malformed spec is a SpecError naming the entry, never bad C.

Spec kinds:
  kind = "status"  [[status]] entries {name, value, message}: an enum of results.
  kind = "wire"    [[constants]], [[record]] and [[struct]] entries.

Struct rules:
  - a field type is a scalar (u8 u16 u32 u64 i8 i16 i32 i64), bytesN (N bytes
    copied), a record name (fixed group of scalars), or T[] (an array borrowed
    from the input) whose element is a scalar or a record;
  - `length = "F"`: F is the first field, an unsigned scalar giving the
    structure's whole size in bytes (bytes past the known fields are skipped);
  - `sizes = [..]`: a versioned structure; fields carry `since` (a size); no
    arrays, conditions or tails there;
  - `when` refers to an earlier scalar field: "F & MASK", "F == V", "F != V";
  - `count` refers to one or two earlier unsigned scalar fields: "F" or "F * G"
    (fields that are unconditional or carry the same `when` as the array);
    a field path may go into a record field ("gyro.sample_count");
  - `tail = true` only in length structures, and only at the end (each tail
    field is present when the declared length leaves room for it);
  - `const`, `one_of` and `min` apply to scalar fields only.
"""

import os
import re

from codegen_common import SpecError, load_toml

SCALARS = {
    # name: (C type, size, signed)
    "u8": ("uint8_t", 1, False),
    "u16": ("uint16_t", 2, False),
    "u32": ("uint32_t", 4, False),
    "u64": ("uint64_t", 8, False),
    "i8": ("int8_t", 1, True),
    "i16": ("int16_t", 2, True),
    "i32": ("int32_t", 4, True),
    "i64": ("int64_t", 8, True),
}

IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
WHEN = re.compile(r"^\s*([A-Za-z_][A-Za-z0-9_.]*)\s*(&|==|!=)\s*(0[xX][0-9a-fA-F]+|[0-9]+)\s*$")
COUNT = re.compile(r"^\s*([A-Za-z_][A-Za-z0-9_.]*)\s*(?:\*\s*([A-Za-z_][A-Za-z0-9_.]*)\s*)?$")
BYTES = re.compile(r"^bytes([0-9]+)$")


class Type:
    """A field type. kind: scalar | bytes | record | array."""

    def __init__(self, kind, name, size, ctype=None, signed=False, element=None, record=None):
        self.kind = kind
        self.name = name
        self.size = size  # bytes on the wire for one value (element size for arrays)
        self.ctype = ctype
        self.signed = signed
        self.element = element  # Type of an array element
        self.record = record  # Record for kind == record


class Field:
    def __init__(self, owner, raw, index):
        where = "%s field #%d" % (owner, index + 1)
        if not isinstance(raw, dict):
            raise SpecError("%s: must be a table" % where)
        allowed = {"name", "type", "doc", "const", "one_of", "min", "when", "tail", "count",
                   "since", "error"}
        unknown = set(raw) - allowed
        if unknown:
            raise SpecError("%s: unknown keys %s" % (where, ", ".join(sorted(unknown))))
        self.name = _ident(raw.get("name"), where + " name")
        self.where = "%s.%s" % (owner, self.name)
        self.type_name = raw.get("type")
        self.doc = raw.get("doc", "")
        self.const = raw.get("const")
        self.one_of = raw.get("one_of")
        self.min = raw.get("min")
        self.when_text = raw.get("when")
        self.tail = bool(raw.get("tail", False))
        self.count_text = raw.get("count")
        self.since = raw.get("since")
        self.error = raw.get("error", "ERR_BAD_VALUE")
        self.type = None  # resolved later
        self.when = None  # (path, op, value)
        self.count = None  # [path] or [path, path]


class Record:
    def __init__(self, raw, index):
        where = "record #%d" % (index + 1)
        self.name = _ident(raw.get("name"), where + " name")
        self.where = "record " + self.name
        self.doc = raw.get("doc", "")
        fields = raw.get("fields")
        if not isinstance(fields, list) or not fields:
            raise SpecError("%s: needs a non-empty fields list" % self.where)
        self.fields = [Field(self.where, f, i) for i, f in enumerate(fields)]
        self.size = 0


class Struct:
    def __init__(self, raw, index):
        where = "struct #%d" % (index + 1)
        allowed = {"name", "doc", "length", "sizes", "fields"}
        unknown = set(raw) - allowed
        if unknown:
            raise SpecError("%s: unknown keys %s" % (where, ", ".join(sorted(unknown))))
        self.name = _ident(raw.get("name"), where + " name")
        self.where = "struct " + self.name
        self.doc = raw.get("doc", "")
        self.length = raw.get("length")
        self.sizes = raw.get("sizes")
        fields = raw.get("fields")
        if not isinstance(fields, list) or not fields:
            raise SpecError("%s: needs a non-empty fields list" % self.where)
        self.fields = [Field(self.where, f, i) for i, f in enumerate(fields)]
        self.min_size = 0  # smallest valid encoding (no conditional/array/tail bytes)


class ConstantGroup:
    def __init__(self, raw, index):
        where = "constants #%d" % (index + 1)
        self.group = _ident(raw.get("group"), where + " group")
        self.doc = raw.get("doc", "")
        values = raw.get("values")
        if not isinstance(values, list) or not values:
            raise SpecError("constants %s: needs a non-empty values list" % self.group)
        self.values = []
        seen = set()
        for v in values:
            name = _ident(v.get("name"), "constants %s value name" % self.group)
            if name in seen:
                raise SpecError("constants %s: duplicate %s" % (self.group, name))
            seen.add(name)
            value = v.get("value")
            if not isinstance(value, int) or value < 0:
                raise SpecError("constants %s.%s: value must be a non-negative integer" %
                                (self.group, name))
            self.values.append((name, value, v.get("doc", "")))


class Status:
    def __init__(self, raw, index):
        where = "status #%d" % (index + 1)
        self.name = _ident(raw.get("name"), where + " name")
        self.value = raw.get("value")
        self.message = raw.get("message")
        if not isinstance(self.value, int) or self.value > 0:
            raise SpecError("status %s: value must be 0 (OK) or negative" % self.name)
        if not isinstance(self.message, str) or not self.message:
            raise SpecError("status %s: needs a message" % self.name)


class StatusSpec:
    def __init__(self, path, raw):
        self.path = path
        self.kind = "status"
        meta = raw.get("meta", {})
        for key in ("type", "prefix", "function_prefix", "header", "source"):
            if not isinstance(meta.get(key), str):
                raise SpecError("meta.%s is required" % key)
        self.type = meta["type"]
        self.prefix = meta["prefix"]
        self.function_prefix = meta["function_prefix"]
        self.header = meta["header"]
        self.source = meta["source"]
        self.doc = meta.get("doc", "")
        self.statuses = [Status(s, i) for i, s in enumerate(raw.get("status", []))]
        if not self.statuses or self.statuses[0].value != 0:
            raise SpecError("the first status must be the success value 0")
        names, values = set(), set()
        for s in self.statuses:
            if s.name in names or s.value in values:
                raise SpecError("status %s: duplicate name or value %d" % (s.name, s.value))
            names.add(s.name)
            values.add(s.value)

    def names(self):
        return {s.name for s in self.statuses}


class WireSpec:
    def __init__(self, path, raw, status):
        self.path = path
        self.kind = "wire"
        meta = raw.get("meta", {})
        for key in ("prefix", "header", "source", "include"):
            if not isinstance(meta.get(key), str):
                raise SpecError("meta.%s is required" % key)
        self.prefix = meta["prefix"]
        self.header = meta["header"]
        self.source = meta["source"]
        self.include = meta["include"]
        self.doc = meta.get("doc", "")
        self.constants = [ConstantGroup(c, i) for i, c in enumerate(raw.get("constants", []))]
        self.records = [Record(r, i) for i, r in enumerate(raw.get("record", []))]
        self.structs = [Struct(s, i) for i, s in enumerate(raw.get("struct", []))]
        self.status = status
        self._status_names = status.names()
        self._check()

    # -- validation -----------------------------------------------------------

    def _check(self):
        names = set()
        for item in self.records + self.structs:
            if item.name in names:
                raise SpecError("%s: name used twice" % item.where)
            names.add(item.name)
        self.record_by_name = {}
        for record in self.records:
            size = 0
            for f in record.fields:
                f.type = self._resolve(f, allow_array=False, allow_record=False)
                if f.type.kind not in ("scalar", "bytes"):
                    raise SpecError("%s: record fields must be scalars or bytesN" % f.where)
                for key in ("const", "one_of", "min", "when_text", "count_text", "since"):
                    if getattr(f, key) is not None:
                        raise SpecError("%s: records cannot use %s" % (f.where, key))
                if f.tail:
                    raise SpecError("%s: records cannot use tail" % f.where)
                size += f.type.size
            record.size = size
            self.record_by_name[record.name] = record
        for struct in self.structs:
            self._check_struct(struct)

    def _resolve(self, f, allow_array=True, allow_record=True):
        t = f.type_name
        if not isinstance(t, str):
            raise SpecError("%s: needs a type" % f.where)
        if t.endswith("[]"):
            if not allow_array:
                raise SpecError("%s: arrays are not allowed here" % f.where)
            element = self._resolve_single(f, t[:-2], allow_record=True)
            if element.kind == "bytes":
                raise SpecError("%s: arrays of bytesN are not supported" % f.where)
            return Type("array", t, element.size, element=element)
        return self._resolve_single(f, t, allow_record)

    def _resolve_single(self, f, t, allow_record):
        if t in SCALARS:
            ctype, size, signed = SCALARS[t]
            return Type("scalar", t, size, ctype=ctype, signed=signed)
        m = BYTES.match(t)
        if m:
            n = int(m.group(1))
            if not 1 <= n <= 256:
                raise SpecError("%s: bytesN needs 1 <= N <= 256" % f.where)
            return Type("bytes", t, n, ctype="uint8_t")
        if allow_record and t in getattr(self, "record_by_name", {}):
            record = self.record_by_name[t]
            return Type("record", t, record.size, record=record)
        raise SpecError("%s: unknown type %r" % (f.where, t))

    def _check_struct(self, s):
        seen = {}
        if s.length is not None and s.sizes is not None:
            raise SpecError("%s: length and sizes exclude each other" % s.where)
        if s.sizes is not None:
            if (not isinstance(s.sizes, list) or not s.sizes or
                    any(not isinstance(v, int) or v <= 0 for v in s.sizes) or
                    s.sizes != sorted(set(s.sizes))):
                raise SpecError("%s: sizes must be increasing positive integers" % s.where)
        in_tail = False
        offset = 0  # fixed offset of the next unconditional field
        for i, f in enumerate(s.fields):
            if f.name in seen:
                raise SpecError("%s: duplicate field" % f.where)
            f.type = self._resolve(f)
            if f.error not in self._status_names:
                raise SpecError("%s: unknown status %r" % (f.where, f.error))
            self._check_checks(f)
            if f.when_text is not None:
                m = WHEN.match(f.when_text)
                if not m:
                    raise SpecError("%s: when must be 'F & MASK', 'F == V' or 'F != V'" % f.where)
                path = m.group(1)
                self._scalar_ref(s, seen, path, f.where, unsigned=False)
                f.when = (path, m.group(2), int(m.group(3), 0))
            if f.type.kind == "array":
                if f.count_text is None:
                    raise SpecError("%s: arrays need a count" % f.where)
                m = COUNT.match(f.count_text)
                if not m:
                    raise SpecError("%s: count must be 'F' or 'F * G'" % f.where)
                f.count = [p for p in (m.group(1), m.group(2)) if p]
                for path in f.count:
                    self._scalar_ref(s, seen, path, f.where, unsigned=True, when=f.when_text)
            elif f.count_text is not None:
                raise SpecError("%s: count is only for arrays" % f.where)
            if f.tail:
                if s.length is None:
                    raise SpecError("%s: tail fields need a length structure" % f.where)
                if f.type.kind != "scalar" or f.when_text is not None:
                    raise SpecError("%s: tail fields must be plain scalars" % f.where)
                in_tail = True
            elif in_tail:
                raise SpecError("%s: only tail fields may follow a tail field" % f.where)
            if s.sizes is not None:
                if f.type.kind == "array" or f.when_text is not None:
                    raise SpecError("%s: versioned structs hold fixed fields only" % f.where)
                since = f.since if f.since is not None else s.sizes[0]
                if since not in s.sizes:
                    raise SpecError("%s: since must be one of %s" % (f.where, s.sizes))
                f.since = since
            elif f.since is not None:
                raise SpecError("%s: since needs a versioned struct (sizes)" % f.where)
            if not f.tail and f.when_text is None and f.type.kind != "array":
                offset += f.type.size
            seen[f.name] = f
        if s.length is not None:
            first = s.fields[0]
            if first.name != s.length:
                raise SpecError("%s: the length field %r must come first" % (s.where, s.length))
            if first.type.kind != "scalar" or first.type.signed:
                raise SpecError("%s: the length field must be an unsigned scalar" % s.where)
        if s.sizes is not None:
            for size in s.sizes:
                total = sum(f.type.size for f in s.fields if f.since <= size)
                if total != size:
                    raise SpecError("%s: fields up to size %d add up to %d bytes" %
                                    (s.where, size, total))
            s.min_size = s.sizes[0]
        else:
            s.min_size = offset

    def _check_checks(self, f):
        scalar = f.type.kind == "scalar"
        for key in ("const", "one_of", "min"):
            if getattr(f, key) is not None and not scalar:
                raise SpecError("%s: %s needs a scalar field" % (f.where, key))
        limit = 1 << (8 * f.type.size) if scalar else 0
        values = []
        if f.const is not None:
            values.append(f.const)
        if f.one_of is not None:
            if not isinstance(f.one_of, list) or len(f.one_of) < 2:
                raise SpecError("%s: one_of needs at least two values" % f.where)
            values += f.one_of
        if f.min is not None:
            values.append(f.min)
        for v in values:
            if not isinstance(v, int) or v < 0 or v >= limit or f.type.signed:
                raise SpecError("%s: checked values must fit an unsigned %s" % (f.where, f.type.name))
        if f.const is not None and f.one_of is not None:
            raise SpecError("%s: const and one_of exclude each other" % f.where)

    def _scalar_ref(self, s, seen, path, where, unsigned, when=None):
        """Checks a reference to an earlier field; a conditional one only under the same `when`."""
        parts = path.split(".")
        f = seen.get(parts[0])
        if f is None:
            raise SpecError("%s: %r must name an earlier field" % (where, path))
        if f.tail or (f.when is not None and f.when_text != when):
            raise SpecError("%s: %r must be an unconditional field (or share this field's when)" %
                            (where, path))
        t = f.type
        for part in parts[1:]:
            if t.kind != "record":
                raise SpecError("%s: %r goes into a non-record" % (where, path))
            sub = [rf for rf in t.record.fields if rf.name == part]
            if not sub:
                raise SpecError("%s: %r names no record field" % (where, path))
            t = sub[0].type
        if t.kind != "scalar" or (unsigned and t.signed):
            raise SpecError("%s: %r must be an %sscalar" % (where, path, "unsigned " if unsigned else ""))


def load(path):
    """Loads a spec. A wire spec names its status spec (meta.status, a path
    relative to the wire spec) whose names `error` keys must use."""
    raw = load_toml(path)
    meta = raw.get("meta", {})
    kind = meta.get("kind")
    if kind == "status":
        return StatusSpec(path, raw)
    if kind == "wire":
        if not isinstance(meta.get("status"), str):
            raise SpecError("%s: meta.status (the status spec) is required" % path)
        status = load(os.path.join(os.path.dirname(path), meta["status"]))
        if status.kind != "status":
            raise SpecError("%s: meta.status must name a status spec" % path)
        return WireSpec(path, raw, status)
    raise SpecError("%s: meta.kind must be 'status' or 'wire'" % path)


def _ident(value, where):
    if not isinstance(value, str) or not IDENT.match(value):
        raise SpecError("%s: must be an identifier, got %r" % (where, value))
    return value
