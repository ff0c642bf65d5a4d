"""Empty stand-ins for the repositories Bazel 4.2.3 would otherwise download.

Bazel's built-in WORKSPACE prefix asks for rules_cc, rules_java and
remote_coverage_tools even when a project never uses them. Declaring them
first, as tiny generated repositories, keeps every build offline.
"""

_RULES_CC_DEFS = """\
# Stand-in for rules_cc: Bazel 4.2.3 has these rules built in.
cc_binary = native.cc_binary
cc_import = native.cc_import
cc_library = native.cc_library
cc_proto_library = native.cc_proto_library
cc_test = native.cc_test
cc_toolchain = native.cc_toolchain
cc_toolchain_suite = native.cc_toolchain_suite
objc_library = native.objc_library
"""

_RULES_JAVA_DEFS = """\
# Stand-in for rules_java: Bazel 4.2.3 has these rules built in.
java_binary = native.java_binary
java_import = native.java_import
java_library = native.java_library
java_proto_library = native.java_proto_library
java_runtime = native.java_runtime
java_toolchain = native.java_toolchain
"""

def _stand_in_impl(rctx):
    rctx.file("WORKSPACE", "workspace(name = \"%s\")\n" % rctx.name)
    for path, content in rctx.attr.files.items():
        rctx.file(path, content)

_stand_in = repository_rule(
    implementation = _stand_in_impl,
    attrs = {"files": attr.string_dict()},
)

def openk4a_offline_stand_ins():
    """Declares rules_cc, rules_java and remote_coverage_tools as local stand-ins."""
    _stand_in(
        name = "rules_cc",
        files = {
            "BUILD": "",
            "cc/BUILD": "",
            "cc/defs.bzl": _RULES_CC_DEFS,
        },
    )
    _stand_in(
        name = "rules_java",
        files = {
            "BUILD": "",
            "java/BUILD": "",
            "java/defs.bzl": _RULES_JAVA_DEFS,
        },
    )
    _stand_in(
        name = "remote_coverage_tools",
        files = {
            # The coverage merger is only needed by `bazel coverage`, which this
            # project does not use (coverage runs through clang's llvm-cov).
            "BUILD": "filegroup(name = \"coverage_report_generator\", visibility = [\"//visibility:public\"])\n" +
                     "filegroup(name = \"lcov_merger\", visibility = [\"//visibility:public\"])\n",
        },
    )
