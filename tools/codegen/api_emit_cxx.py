"""Emits the C++ side of the API spec: openk4a::Image's metadata accessors.

Like Vulkan-Hpp over the Vulkan registry, the C++ layer's per-property code
comes from the same [[property]] table as the C accessors it calls, so a
property added to the spec reaches C and C++ together.
"""

from codegen_common import c_banner, include_guard

PATH = "cxx/include/openk4a/cxx/image_properties.h"

PREAMBLE = """namespace openk4a {
namespace internal {

// Durations: the C fields are unsigned, std::chrono counts are signed.
inline int64_t SaturatedInt64(uint64_t value) {
  return value > static_cast<uint64_t>(INT64_MAX) ? INT64_MAX : static_cast<int64_t>(value);
}
inline uint64_t NonNegative(int64_t value) { return value < 0 ? 0 : static_cast<uint64_t>(value); }

// openk4a::Image's metadata (0 = unknown, as in the C API), one getter and
// one setter per property, mixed in with CRTP: Derived::get() is the handle.
// No state of its own, so an Image stays one pointer.
template <typename Derived>
class ImageProperties {
 public:
"""

POSTAMBLE = """
 protected:
  ImageProperties() = default;

 private:
  k4a_image_t handle() const noexcept { return static_cast<const Derived&>(*this).get(); }
};

}  // namespace internal
}  // namespace openk4a
"""


def _accessors(p):
    getter, setter = "k4a_image_get_" + p.name, "k4a_image_set_" + p.name
    if p.cxx_unit:
        t = "std::chrono::" + p.cxx_unit
        return ("  // The image's %s (%s).\n"
                "  %s %s() const {\n"
                "    return %s(SaturatedInt64(%s(handle())));\n"
                "  }\n"
                "  // A negative value is stored as 0 (unknown).\n"
                "  void set_%s(%s value) {\n"
                "    %s(handle(), NonNegative(value.count()));\n"
                "  }\n" % (p.what, getter, t, p.cxx_name, t, getter, p.cxx_name, t, setter))
    return ("  // The image's %s (%s).\n"
            "  %s %s() const { return %s(handle()); }\n"
            "  void set_%s(%s value) { %s(handle(), value); }\n" %
            (p.what, getter, p.c_type, p.cxx_name, getter, p.cxx_name, p.c_type, setter))


def image_properties_h(api, spec, gen):
    guard = include_guard(PATH)
    out = [c_banner(spec, gen, "openk4a::Image's metadata accessors from the [[property]] table "
                    "(included by openk4a/cxx/image.h)."),
           "#ifndef %s\n#define %s\n\n" % (guard, guard),
           "#include <k4a/k4a.h>\n\n#include <chrono>\n#include <cstdint>\n\n",
           PREAMBLE]
    out.append("\n".join(_accessors(p) for p in api.properties))
    out.append(POSTAMBLE)
    out.append("\n#endif  // %s\n" % guard)
    return "".join(out)
