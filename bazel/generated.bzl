"""openk4a_generated_files(): checked-in generated files that cannot drift.

Generated sources are checked in (so people can read them and review their
diffs) and regenerated at build time; a test fails when the two differ.

    openk4a_generated_files(
        name = "api_generated",
        generator = "//tools/codegen:api_gen.py",
        spec = "spec/api.toml",
        srcs = ["//tools/codegen:api_lib"],        # generator's own modules
        outs = ["include/k4a/k4atypes.h", ...],    # paths in this package
    )

declares
  :<name>_drift_test  fails, with a diff, when a checked-in file differs from
                      what the generator makes of the spec now
  :<name>_update      `bazel run` it to rewrite the checked-in files

Generator contract: `python3 GENERATOR SPEC OUT_DIR PATH...` writes each PATH
(relative to the package) under OUT_DIR, and nothing else matters.
"""

def openk4a_generated_files(name, generator, spec, outs, srcs = []):
    gen_outs = ["_generated/%s/%s" % (name, out) for out in outs]
    native.genrule(
        name = name + "_gen",
        srcs = [spec, "//:.clang-format"] + srcs,
        outs = gen_outs,
        tools = [generator],
        cmd = "python3 $(location %s) $(location %s) $(RULEDIR)/_generated/%s %s" % (
            generator,
            spec,
            name,
            " ".join(outs),
        ),
    )
    pairs = []
    for out, gen in zip(outs, gen_outs):
        pairs += ["$(location %s)" % out, "$(location %s)" % gen]
    native.sh_test(
        name = name + "_drift_test",
        size = "small",
        srcs = ["//bazel:generated_drift_test.sh"],
        args = [native.package_name(), name] + pairs,
        data = outs + gen_outs,
    )
    native.sh_binary(
        name = name + "_update",
        srcs = ["//bazel:generated_update.sh"],
        args = [native.package_name()] + pairs,
        data = outs + gen_outs,
    )
