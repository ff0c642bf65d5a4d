"""A second auto-configured C/C++ toolchain that uses clang-14.

Selected with --crosstool_top=@local_config_clang//:toolchain (see .bazelrc), so
gcc and clang outputs live side by side instead of rebuilding on every switch.
"""

load("@bazel_tools//tools/cpp:cc_configure.bzl", "cc_autoconf_impl")

def _clang_autoconf_impl(rctx):
    clang = "/usr/bin/clang-14"
    if not rctx.path(clang).exists:
        fail("openk4a: %s is missing.\nInstall the Debian packages: apt-get install clang-14 libclang-rt-14-dev lld-14" % clang)
    cc_autoconf_impl(rctx, overriden_tools = {"gcc": clang})

clang_toolchain = repository_rule(
    implementation = _clang_autoconf_impl,
    configure = True,
    local = True,
)
