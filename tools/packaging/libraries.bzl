"""Installable libraries made from openk4a's Bazel targets.

openk4a_library(name = "k4a", ...) gives what an SDK user links outside Bazel:
  lib<name>.so   the shared library (SONAME lib<name>.so.MAJOR.MINOR, exports
                 only what the version script lets through)
  lib<name>.a    every object of the same targets in one archive
  <name>_headers the public headers, each with its install path
  <name>_symbols_test  exported dynamic symbols == functions the headers declare
libk4arecord is meant to be added with a second openk4a_library() call.
"""

PublicHeadersInfo = provider(
    doc = "A library's public headers: a manifest of install path TAB file (exec path).",
    fields = {"files": "depset of the header Files", "manifest": "File"},
)

def _own_archives(deps):
    """The static archives of openk4a's own code under deps, in link order.

    System libraries (@system_libs) carry only linker flags, no archive, so
    they are never copied in; their flags are returned beside the archives.
    """
    archives = []
    flags = []
    for dep in deps:
        for linker_input in dep[CcInfo].linking_context.linker_inputs.to_list():
            for flag in linker_input.user_link_flags:
                if flag not in flags:
                    flags.append(flag)
            for library in linker_input.libraries:
                archive = library.pic_static_library or library.static_library
                if archive != None and archive not in archives:
                    archives.append(archive)
    return archives, flags

def _static_library_impl(ctx):
    archives, _ = _own_archives(ctx.attr.deps)
    out = ctx.actions.declare_file("lib%s.a" % ctx.attr.library_name)

    # GNU ar's MRI script merges archives member by member (an archive of
    # archives would not be searched by the linker).
    script = ctx.actions.declare_file("lib%s.a.mri" % ctx.attr.library_name)
    ctx.actions.write(script, "".join(
        ["CREATE %s\n" % out.path] +
        ["ADDLIB %s\n" % a.path for a in archives] +
        ["SAVE\n", "END\n"],
    ))
    ctx.actions.run_shell(
        inputs = archives + [script],
        outputs = [out],
        command = "ar -M < %s" % script.path,
        mnemonic = "MergeArchives",
        progress_message = "Merging %d archives into %s" % (len(archives), out.short_path),
    )
    return [DefaultInfo(files = depset([out]), runfiles = ctx.runfiles(files = [out]))]

openk4a_static_library = rule(
    implementation = _static_library_impl,
    attrs = {
        "deps": attr.label_list(providers = [CcInfo]),
        "library_name": attr.string(mandatory = True),
    },
)

def _shared_library_impl(ctx):
    cc_toolchain = ctx.attr._cc_toolchain[cc_common.CcToolchainInfo]
    feature_configuration = cc_common.configure_features(
        ctx = ctx,
        cc_toolchain = cc_toolchain,
        requested_features = ctx.features,
        unsupported_features = ctx.disabled_features,
    )
    archives, flags = _own_archives(ctx.attr.deps)
    headers = ctx.attr.headers[PublicHeadersInfo]
    version_script = ctx.actions.declare_file("lib%s.lds" % ctx.attr.library_name)
    ctx.actions.run(
        executable = "python3",
        arguments = [
            ctx.file._exported_symbols.path,
            "--headers",
            headers.manifest.path,
            "--version-script",
            version_script.path,
        ],
        inputs = depset([ctx.file._exported_symbols, headers.manifest], transitive = [headers.files]),
        outputs = [version_script],
        use_default_shell_env = True,
        mnemonic = "VersionScript",
        progress_message = "Listing the public names of lib%s from its headers" % ctx.attr.library_name,
    )
    soname = "lib%s.so.%s" % (ctx.attr.library_name, ctx.attr.soversion)
    out = ctx.actions.declare_file("lib%s.so" % ctx.attr.library_name)

    # Every object goes in (nothing references the API from inside), then the
    # version script hides all but the public names.
    link_flags = (
        [
            "-shared",
            "-o",
            out.path,
            "-Wl,-soname," + soname,
            "-Wl,--version-script=" + version_script.path,
            "-Wl,--whole-archive",
        ] + [a.path for a in archives] + ["-Wl,--no-whole-archive"] +
        flags + ctx.attr.linkopts + ctx.fragments.cpp.linkopts
    )

    # Every dependency named (not under sanitizers: their runtime comes with
    # the executable).
    if not [f for f in ctx.fragments.cpp.linkopts if f.startswith("-fsanitize")]:
        link_flags.append("-Wl,--no-undefined")
    variables = cc_common.create_link_variables(
        feature_configuration = feature_configuration,
        cc_toolchain = cc_toolchain,
        is_linking_dynamic_library = True,
        user_link_flags = link_flags,
    )
    linker = cc_common.get_tool_for_action(
        feature_configuration = feature_configuration,
        action_name = "c++-link-dynamic-library",
    )
    toolchain_flags = cc_common.get_memory_inefficient_command_line(
        feature_configuration = feature_configuration,
        action_name = "c++-link-dynamic-library",
        variables = variables,
    )
    env = cc_common.get_environment_variables(
        feature_configuration = feature_configuration,
        action_name = "c++-link-dynamic-library",
        variables = variables,
    )
    ctx.actions.run(
        executable = linker,
        arguments = toolchain_flags,
        env = env,
        inputs = depset(archives + [version_script], transitive = [cc_toolchain.all_files]),
        outputs = [out],
        mnemonic = "CppLinkSharedLibrary",
        progress_message = "Linking %s (SONAME %s)" % (out.short_path, soname),
    )
    return [DefaultInfo(files = depset([out]), runfiles = ctx.runfiles(files = [out]))]

openk4a_shared_library = rule(
    implementation = _shared_library_impl,
    attrs = {
        "deps": attr.label_list(providers = [CcInfo]),
        "library_name": attr.string(mandatory = True),
        "linkopts": attr.string_list(),
        "soversion": attr.string(mandatory = True),
        "headers": attr.label(mandatory = True, providers = [PublicHeadersInfo]),
        "_cc_toolchain": attr.label(default = "@bazel_tools//tools/cpp:current_cc_toolchain"),
        "_exported_symbols": attr.label(default = ":exported_symbols.py", allow_single_file = True),
    },
    fragments = ["cpp"],
    toolchains = ["@bazel_tools//tools/cpp:toolchain_type"],
)

def _install_path(header):
    """The path users include (#include <k4a/k4a.h>).

    What follows _virtual_includes/<target>/ (strip_include_prefix), else the
    last include/ folder.
    """
    parts = header.short_path.split("/")
    for i in range(len(parts) - 1, -1, -1):
        if parts[i] == "_virtual_includes":
            return "/".join(parts[i + 2:])
    for i in range(len(parts) - 1, -1, -1):
        if parts[i] == "include":
            return "/".join(parts[i + 1:])
    fail("%s: a public header must live under an include/ folder" % header.short_path)

def _public_headers_impl(ctx):
    # The source file, not its _virtual_includes link, when both are listed.
    by_path = {}
    for dep in ctx.attr.deps:
        for header in dep[CcInfo].compilation_context.direct_public_headers:
            path = _install_path(header)
            if path not in by_path or header.is_source:
                by_path[path] = header
    headers = [by_path[path] for path in sorted(by_path)]

    # One line per header: install path, then the file, relative to the
    # runfiles (short_path, for tests and the installer) or to the execroot
    # (for build actions).
    manifest = ctx.actions.declare_file(ctx.label.name + ".manifest")
    ctx.actions.write(manifest, "".join(
        ["%s\t%s\n" % (_install_path(h), h.short_path) for h in headers],
    ))
    exec_manifest = ctx.actions.declare_file(ctx.label.name + ".exec_manifest")
    ctx.actions.write(exec_manifest, "".join(
        ["%s\t%s\n" % (_install_path(h), h.path) for h in headers],
    ))
    return [
        DefaultInfo(
            files = depset(headers + [manifest]),
            runfiles = ctx.runfiles(files = headers + [manifest]),
        ),
        PublicHeadersInfo(files = depset(headers), manifest = exec_manifest),
    ]

openk4a_public_headers = rule(
    implementation = _public_headers_impl,
    attrs = {"deps": attr.label_list(providers = [CcInfo])},
)
