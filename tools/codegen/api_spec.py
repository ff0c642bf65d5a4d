"""Reads and checks core/spec/api.toml; the emitters only see this model.

Every check raises SpecError naming the entry, so a typo in the spec fails
the build with a readable message instead of emitting broken C.
"""

import dataclasses
import re

from codegen_common import SpecError, load_toml

C_IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
# std::chrono durations a property may have in C++ (cxx_unit).
CXX_UNITS = ("nanoseconds", "microseconds", "milliseconds")
SIZE_RULES = ("stride_x_height", "stride_x_height_x3_2", "stride_x_height_if_stride", "unsized")
GROUPS = ("logging", "image", "capture", "device", "imu", "calibration", "transformation", "strings",
          "openk4a")
DEFAULT_HEADER = "k4a/k4a.h"


@dataclasses.dataclass
class EnumValue:
    name: str
    value: int
    doc: str


@dataclasses.dataclass
class Enum:
    name: str
    doc: str
    values: list

    @property
    def stem(self):  # k4a_image_format_t -> image_format
        return self.name[len("k4a_"):-len("_t")]


@dataclasses.dataclass
class Format:
    name: str
    value: int
    short: str
    doc: str
    min_bytes_per_pixel: int
    size: str
    even_width: bool
    even_height: bool
    stride_required: bool
    creatable: bool


@dataclasses.dataclass
class Param:
    type: str
    name: str
    doc: str
    dir: str = "in"

    def decl(self):
        sep = "" if self.type.endswith("*") else " "
        return self.type + sep + self.name


@dataclasses.dataclass
class Function:
    name: str
    group: str
    returns: str
    summary: str
    params: list
    return_doc: str = ""
    remarks: str = ""
    header: str = DEFAULT_HEADER
    deprecated_for: str = ""   # set on deprecated aliases: the current name
    property: object = None    # set on generated property accessors
    accessor: str = ""         # "get" or "set" for property accessors

    def prototype(self):
        ret = self.returns + ("" if self.returns.endswith("*") else " ")
        params = ", ".join(p.decl() for p in self.params) or "void"
        return "%s%s(%s)" % (ret, self.name, params)


@dataclasses.dataclass
class Property:
    name: str
    c_type: str
    param: str
    what: str
    doc: str
    deprecated_getters: list
    deprecated_setters: list
    cxx_name: str      # openk4a::Image::<cxx_name>() and set_<cxx_name>()
    cxx_unit: str      # a std::chrono duration, or "" for the C type itself


@dataclasses.dataclass
class Reasons:
    """An openk4a enum of reasons (why a frame was dropped, ...) and its name function."""
    name: str           # openk4a_frame_drop_reason_t
    tag: str            # the enum's tag ("" = none)
    prefix: str         # OPENK4A_FRAME_DROP_: enumerators are prefix + value name
    name_function: str  # returns the value name without the prefix, "UNKNOWN" otherwise
    export: bool        # declared K4A_EXPORT (part of libk4a's interface)
    header: str         # repo path of the generated header that declares both
    source: str         # repo path of the generated C file that defines the function
    doc: str
    values: list        # EnumValue, numbered 0, 1, ... in order; then prefix + REASON_COUNT

    @property
    def count(self):
        return self.prefix + "REASON_COUNT"


@dataclasses.dataclass
class Api:
    k4a_version: tuple
    max_dimension: int
    max_create_bytes: int
    defines: list      # (name, value, doc)
    handles: list      # (name, doc)
    callbacks: list    # (name, returns, params, doc)
    enums: list        # Enum, including k4a_image_format_t built from formats
    formats: list
    structs: list      # dicts: name, kind, doc, fields [(decl, doc)]
    static_consts: list
    properties: list
    functions: list    # hand-written, accessors and to_string helpers, in order
    reasons: list      # Reasons, in spec order

    def enum(self, name):
        return next(e for e in self.enums if e.name == name)

    def function(self, name):
        return next(f for f in self.functions if f.name == name)

    def headers(self):
        seen = []
        for f in self.functions:
            if f.header not in seen:
                seen.append(f.header)
        return seen


def _req(entry, key, kind, where, types=(str,)):
    if key not in entry:
        raise SpecError("%s: missing %r" % (where, key))
    value = entry[key]
    if not isinstance(value, types) or isinstance(value, bool) != (bool in types):
        raise SpecError("%s: %r must be %s" % (where, key, kind))
    return value


def _ident(name, where):
    if not C_IDENT.match(name):
        raise SpecError("%s: %r is not a C identifier" % (where, name))
    return name


def _check_keys(entry, allowed, where):
    extra = sorted(set(entry) - set(allowed))
    if extra:
        raise SpecError("%s: unknown key(s) %s" % (where, ", ".join(extra)))


def _enum_values(raw_values, where):
    values, seen_names, seen_values = [], set(), set()
    for i, v in enumerate(raw_values):
        w = "%s value #%d" % (where, i)
        _check_keys(v, ("name", "value", "doc"), w)
        name = _ident(_req(v, "name", "a string", w), w)
        value = _req(v, "value", "an integer", w, (int,))
        if name in seen_names or value in seen_values:
            raise SpecError("%s: duplicate name or value (%s = %d)" % (w, name, value))
        seen_names.add(name)
        seen_values.add(value)
        values.append(EnumValue(name, value, _req(v, "doc", "a string", w)))
    return values


def _format(raw, i):
    w = "format #%d (%s)" % (i, raw.get("name", "?"))
    _check_keys(raw, ("name", "value", "short", "doc", "min_bytes_per_pixel", "size",
                      "even_width", "even_height", "stride_required", "creatable"), w)
    size = _req(raw, "size", "a string", w)
    if size not in SIZE_RULES:
        raise SpecError("%s: size must be one of %s" % (w, ", ".join(SIZE_RULES)))
    fmt = Format(
        name=_ident(_req(raw, "name", "a string", w), w),
        value=_req(raw, "value", "an integer", w, (int,)),
        short=_req(raw, "short", "a string", w),
        doc=_req(raw, "doc", "a string", w),
        min_bytes_per_pixel=_req(raw, "min_bytes_per_pixel", "an integer", w, (int,)),
        size=size,
        even_width=raw.get("even_width", False),
        even_height=raw.get("even_height", False),
        stride_required=raw.get("stride_required", False),
        creatable=raw.get("creatable", size != "unsized"),
    )
    if not 0 <= fmt.min_bytes_per_pixel <= 16:
        raise SpecError("%s: min_bytes_per_pixel out of range" % w)
    if fmt.creatable and size == "unsized":
        raise SpecError("%s: an unsized format cannot be creatable" % w)
    if fmt.min_bytes_per_pixel == 0 and size in ("stride_x_height", "stride_x_height_x3_2") \
            and not fmt.stride_required:
        raise SpecError("%s: a sized format without minimum stride must require a stride" % w)
    return fmt


def _params(raw, where):
    params = []
    for j, p in enumerate(raw):
        w = "%s param #%d" % (where, j)
        _check_keys(p, ("type", "name", "doc", "dir"), w)
        direction = p.get("dir", "in")
        if direction not in ("in", "out", "inout"):
            raise SpecError("%s: dir must be in, out or inout" % w)
        params.append(Param(_req(p, "type", "a string", w), _ident(_req(p, "name", "a string", w), w),
                            _req(p, "doc", "a string", w), direction))
    return params


def _accessors(prop):
    """k4a_image_get_X / k4a_image_set_X and their deprecated aliases."""
    image = Param("k4a_image_t", "image_handle", "The image.")
    getter = Function(
        name="k4a_image_get_" + prop.name, group="image", returns=prop.c_type,
        summary="Returns the image's %s." % prop.what, params=[image],
        return_doc="The %s; 0 when never set, and for a NULL or released handle." % prop.what,
        remarks=prop.doc, property=prop, accessor="get")
    setter = Function(
        name="k4a_image_set_" + prop.name, group="image", returns="void",
        summary="Sets the image's %s." % prop.what,
        params=[image, Param(prop.c_type, prop.param, "The new value.")],
        remarks=prop.doc + " Safe against concurrent getters and setters; a NULL or released "
        "handle is logged and ignored.", property=prop, accessor="set")
    out = [getter, setter]
    for alias in prop.deprecated_getters:
        out.append(dataclasses.replace(getter, name=alias, deprecated_for=getter.name))
    for alias in prop.deprecated_setters:
        out.append(dataclasses.replace(setter, name=alias, deprecated_for=setter.name))
    return out


def _copy_properties(properties):
    """openk4a_image_copy_properties: every property from one image to another."""
    names = ", ".join(p.what for p in properties)
    return Function(
        name="openk4a_image_copy_properties", group="openk4a", returns="k4a_result_t",
        summary="Copies every metadata property of one image to another.",
        params=[Param("k4a_image_t", "destination", "The image that receives the values."),
                Param("k4a_image_t", "source", "The image whose values are copied.")],
        return_doc="K4A_RESULT_SUCCEEDED, or K4A_RESULT_FAILED (logged, nothing copied) when either "
        "handle is NULL or released.",
        remarks="The properties (%s) are the ones k4a_image_get_* and k4a_image_set_* read and "
        "write; a property added to the library is copied too. For an image made from another "
        "(a conversion, a deep copy). An openk4a extension (not in the Microsoft SDK)." % names,
        header="openk4a/image.h")


def _to_string(enum):
    return Function(
        name="openk4a_%s_to_string" % enum.stem, group="strings", returns="const char *",
        summary="Returns the name of a %s value." % enum.name,
        params=[Param(enum.name, "value", "The value.")],
        return_doc='The enumerator\'s name (for example "%s"), or "(unknown)" for a value that is '
        "not one; never NULL. The string has static storage." % enum.values[0].name,
        remarks="An openk4a extension (not in the Microsoft SDK).",
        header="openk4a/k4a_strings.h")


def _reasons(raw, i):
    w = "reasons #%d (%s)" % (i, raw.get("name", "?"))
    _check_keys(raw, ("name", "tag", "prefix", "name_function", "export", "header", "source", "doc",
                      "values"), w)
    name = _ident(_req(raw, "name", "a string", w), w)
    if not (name.startswith("openk4a_") and name.endswith("_t")):
        raise SpecError("%s: reason enum names are openk4a_*_t" % w)
    prefix = _req(raw, "prefix", "a string", w)
    if not re.match(r"^OPENK4A_[A-Z0-9_]*_$", prefix):
        raise SpecError("%s: prefix must look like OPENK4A_..._" % w)
    header, source = _req(raw, "header", "a string", w), _req(raw, "source", "a string", w)
    if "/include/" not in header or not header.endswith(".h") or not source.endswith(".c"):
        raise SpecError("%s: header must be a .h under an include/ folder, source a .c" % w)
    values = _enum_values([{"name": v.get("name", ""), "value": n, "doc": v.get("doc", "")}
                           for n, v in enumerate(raw.get("values", []))], w)
    if not values:
        raise SpecError("%s: no values" % w)
    for v in values:
        if not re.match(r"^[A-Z][A-Z0-9_]*$", v.name) or v.name == "REASON_COUNT":
            raise SpecError("%s: %r is not an UPPER_CASE reason name" % (w, v.name))
    return Reasons(name, _ident(raw["tag"], w) if "tag" in raw else "", prefix,
                   _ident(_req(raw, "name_function", "a string", w), w), raw.get("export", False) is True,
                   header, source, _req(raw, "doc", "a string", w), values)


def parse(path):
    raw = load_toml(path)
    _check_keys(raw, ("meta", "limits", "define", "handle", "callback", "enum", "format",
                      "struct", "static_const", "property", "function", "reasons"), path)
    meta = raw.get("meta", {})
    version = tuple(meta.get("k4a_version", ()))
    if len(version) != 3 or not all(isinstance(v, int) for v in version):
        raise SpecError("meta.k4a_version must be [major, minor, patch]")
    limits = raw.get("limits", {})
    max_dimension = _req(limits, "max_dimension", "an integer", "limits", (int,))
    max_create_bytes = _req(limits, "max_create_bytes", "an integer", "limits", (int,))
    if not 0 < max_dimension <= 1 << 20 or not 0 < max_create_bytes < 1 << 62:
        raise SpecError("limits out of range")

    defines = [(d["name"], d["value"], d["doc"]) for d in raw.get("define", [])]
    handles = [(_ident(h["name"], "handle"), h["doc"]) for h in raw.get("handle", [])]
    callbacks = [(_ident(c["name"], "callback"), c["returns"], c["params"], c["doc"])
                 for c in raw.get("callback", [])]

    enums = []
    for i, e in enumerate(raw.get("enum", [])):
        w = "enum #%d (%s)" % (i, e.get("name", "?"))
        _check_keys(e, ("name", "doc", "values"), w)
        name = _ident(_req(e, "name", "a string", w), w)
        if not (name.startswith("k4a_") and name.endswith("_t")):
            raise SpecError("%s: enum names are k4a_*_t" % w)
        enums.append(Enum(name, _req(e, "doc", "a string", w), _enum_values(e.get("values", []), w)))

    formats = [_format(f, i) for i, f in enumerate(raw.get("format", []))]
    if not formats:
        raise SpecError("no [[format]] entries")
    format_enum = Enum("k4a_image_format_t", "Pixel format of an image.",
                       _enum_values([{"name": f.name, "value": f.value, "doc": f.doc}
                                     for f in formats], "format"))
    if [f.value for f in formats] != list(range(len(formats))):
        raise SpecError("format values must be 0, 1, 2, ... in order (they index the format table)")
    if "K4A_IMAGE_FORMAT_CUSTOM" not in [f.name for f in formats]:
        raise SpecError("K4A_IMAGE_FORMAT_CUSTOM is required (getters return it for bad handles)")
    # The format enum sits where k4a 1.4 declares it: after the color resolution.
    at = next((i + 1 for i, e in enumerate(enums) if e.name == "k4a_color_resolution_t"), len(enums))
    enums.insert(at, format_enum)
    names = [e.name for e in enums]
    if len(set(names)) != len(names):
        raise SpecError("duplicate enum name")

    structs = []
    for i, s in enumerate(raw.get("struct", [])):
        w = "struct #%d (%s)" % (i, s.get("name", "?"))
        _check_keys(s, ("name", "kind", "doc", "fields", "header"), w)
        kind = s.get("kind", "struct")
        if kind not in ("struct", "union"):
            raise SpecError("%s: kind must be struct or union" % w)
        structs.append({"name": _ident(s["name"], w), "kind": kind, "doc": s["doc"],
                        "header": s.get("header", "k4a/k4atypes.h"),
                        "fields": [(f["decl"], f["doc"]) for f in s["fields"]]})
    static_consts = []
    for s in raw.get("static_const", []):
        struct = next((t for t in structs if t["name"] == s["type"]), None)
        if struct is None or len(struct["fields"]) != len(s["values"]):
            raise SpecError("static_const %s: needs one value per field of %s" % (s["name"], s["type"]))
        static_consts.append(s)

    properties = []
    for i, p in enumerate(raw.get("property", [])):
        w = "property #%d (%s)" % (i, p.get("name", "?"))
        _check_keys(p, ("name", "c_type", "param", "what", "doc", "deprecated_getters",
                        "deprecated_setters", "cxx_name", "cxx_unit"), w)
        c_type = _req(p, "c_type", "a string", w)
        if c_type not in ("uint64_t", "uint32_t"):
            raise SpecError("%s: c_type must be uint64_t or uint32_t" % w)
        cxx_unit = p.get("cxx_unit", "")
        if cxx_unit and (cxx_unit not in CXX_UNITS or c_type != "uint64_t"):
            raise SpecError("%s: cxx_unit must be one of %s, on a uint64_t property" %
                            (w, ", ".join(CXX_UNITS)))
        properties.append(Property(_ident(p["name"], w), c_type, _ident(p["param"], w), p["what"],
                                   p["doc"], list(p.get("deprecated_getters", [])),
                                   list(p.get("deprecated_setters", [])),
                                   _ident(p.get("cxx_name", p["name"]), w), cxx_unit))

    functions = []
    for i, f in enumerate(raw.get("function", [])):
        w = "function #%d (%s)" % (i, f.get("name", "?"))
        _check_keys(f, ("name", "group", "returns", "summary", "params", "return_doc", "remarks",
                        "header"), w)
        group = _req(f, "group", "a string", w)
        if group not in GROUPS:
            raise SpecError("%s: group must be one of %s" % (w, ", ".join(GROUPS)))
        fn = Function(name=_ident(_req(f, "name", "a string", w), w), group=group,
                      returns=_req(f, "returns", "a string", w),
                      summary=_req(f, "summary", "a string", w),
                      params=_params(f.get("params", []), w),
                      return_doc=f.get("return_doc", ""), remarks=f.get("remarks", ""),
                      header=f.get("header", DEFAULT_HEADER))
        if fn.returns != "void" and not fn.return_doc:
            raise SpecError("%s: a non-void function needs return_doc" % w)
        functions.append(fn)
    # Accessors go right after k4a_image_get_stride_bytes, as in k4a.h.
    at = next((i + 1 for i, f in enumerate(functions) if f.name == "k4a_image_get_stride_bytes"),
              len(functions))
    accessors = [fn for prop in properties for fn in _accessors(prop)]
    functions[at:at] = accessors
    if properties:
        # After the hand-written functions of its header (openk4a/image.h).
        at = max((i + 1 for i, f in enumerate(functions) if f.header == "openk4a/image.h"),
                 default=len(functions))
        functions.insert(at, _copy_properties(properties))
    functions += [_to_string(e) for e in enums]
    fnames = [f.name for f in functions]
    dupes = sorted({n for n in fnames if fnames.count(n) > 1})
    if dupes:
        raise SpecError("function(s) declared twice: " + ", ".join(dupes))

    reasons = [_reasons(r, i) for i, r in enumerate(raw.get("reasons", []))]
    rnames = [r.name for r in reasons] + [r.name_function for r in reasons]
    if len(set(rnames)) != len(rnames) or set(rnames) & set(fnames):
        raise SpecError("reasons: a name or name_function is used twice")

    return Api(version, max_dimension, max_create_bytes, defines, handles, callbacks, enums,
               formats, structs, static_consts, properties, functions, reasons)
