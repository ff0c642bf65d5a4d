"""openk4a_dependencies(): the one macro a WORKSPACE calls to use openk4a.

    local_repository(name = "openk4a", path = "...")
    load("@openk4a//bazel:deps.bzl", "openk4a_dependencies")
    openk4a_dependencies()
"""

load("//bazel:clang_toolchain.bzl", "clang_toolchain")
load("//bazel:stand_ins.bzl", "openk4a_offline_stand_ins")
load("//bazel:system_libs.bzl", "system_libs")

def openk4a_dependencies(with_test_deps = True):
    """Declares the system repositories openk4a's targets need.

    Args:
      with_test_deps: also declare googletest (from /usr/src/googletest) and the
        clang-14 toolchain used by the sanitizer and fuzz configurations.
    """
    openk4a_offline_stand_ins()

    # OpenCV is what openk4a's calibration tests check against: users need it only with tests.
    system_libs(name = "system_libs", also_optional = [] if with_test_deps else ["opencv"])
    if with_test_deps:
        native.new_local_repository(
            name = "com_google_googletest",
            path = "/usr/src/googletest",
            build_file = "@openk4a//bazel:googletest.BUILD",
        )
        clang_toolchain(name = "local_config_clang")
