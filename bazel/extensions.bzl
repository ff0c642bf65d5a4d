"""Module extensions for MODULE.bazel (bzlmod): the same repository rules
WORKSPACE users get from bazel/deps.bzl, one extension each."""

load(":clang_toolchain.bzl", _clang_toolchain_rule = "clang_toolchain")
load(":system_libs.bzl", _system_libs_rule = "system_libs")

def _system_libs_impl(module_ctx):  # @unused
    _system_libs_rule(name = "system_libs")

system_libs = module_extension(
    implementation = _system_libs_impl,
    doc = "@system_libs: Debian's libraries via pkg-config (bazel/system_libs.bzl).",
)

def _clang_toolchain_impl(module_ctx):  # @unused
    _clang_toolchain_rule(name = "local_config_clang")

clang_toolchain = module_extension(
    implementation = _clang_toolchain_impl,
    doc = "@local_config_clang: the clang-14 toolchain (bazel/clang_toolchain.bzl).",
)
