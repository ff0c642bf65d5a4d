"""Compiler options for openk4a's own code (not applied to external code)."""

# Warnings are errors in our own code: it must stay warning-free under gcc and clang.
OPENK4A_COPTS = [
    "-Wall",
    "-Wextra",
    "-Werror",
    "-Wshadow",
    "-Wvla",
    "-Wno-unused-parameter",
]

OPENK4A_C_COPTS = OPENK4A_COPTS + [
    "-Wstrict-prototypes",
    "-Wmissing-prototypes",
]

OPENK4A_CXX_COPTS = OPENK4A_COPTS + [
    "-Wnon-virtual-dtor",
]
