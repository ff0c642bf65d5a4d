"""openk4a_fuzzer(): one libFuzzer target, its corpus-replay test, its
libFuzzer options and its checked build description for OSS-Fuzz.

Convention (fuzz/README.md): fuzz/<x>_fuzzer.cc, seeds in fuzz/corpus/<x>/,
dictionary fuzz/<x>.dict, a per-target input size cap (max_len).

For name = "<x>_fuzzer" this declares:
  :<x>_fuzzer                  the fuzz binary (libFuzzer under --config=fuzz,
                               a corpus-replay driver otherwise)
  :<x>_fuzzer_replay_test      replays every seed and regression file, in every
                               configuration, so a fixed crash stays fixed
  :<x>_fuzzer_options          <x>_fuzzer.options (max_len, dict) and
  :<x>_fuzzer_dict             <x>_fuzzer.dict next to the binary, laid out
                               like an OSS-Fuzz $OUT folder
  :<x>_fuzzer_oss_fuzz_manifest  the sources, include dirs, defines and system
                               libraries of the binary as JSON, derived from the
                               build graph (tools/oss-fuzz/build.sh compiles
                               from it with the engine's compiler and flags)
  :<x>_fuzzer_convention_test  dictionary parses, real seeds exist, no seed is
                               above max_len, the options agree, and the
                               checked-in manifest in tools/oss-fuzz/targets/
                               is current (tools/oss-fuzz/update_targets.py)
"""

load("//bazel:copts.bzl", "OPENK4A_CXX_COPTS")
load("//bazel:system_libs.bzl", "SYSTEM_LIBRARIES")

_SOURCE_EXTENSIONS = ["c", "cc", "cpp", "cxx"]
_NOT_A_SEED = ["README", "README.md"]

# ---- Build manifest for OSS-Fuzz / ClusterFuzzLite ---------------------------

_FuzzBuildInfo = provider(
    doc = "What an engine-side build needs to compile a cc_library and its deps.",
    fields = {
        "libraries": "depset of JSON strings, one per cc_library (postorder)",
        "includes": "depset of include dirs the library exports (transitively)",
        "defines": "depset of defines it exports (transitively)",
        "system": "depset of @system_libs names it links (transitively)",
        "linkopts": "depset of linkopts other than system libraries (transitively)",
    },
)

def _package_path(package, relative):
    """Workspace-relative dir for an attribute relative to a package."""
    if relative.startswith("/"):
        return relative[1:] or "."
    if relative in ("", "."):
        return package or "."
    return package + "/" + relative if package else relative

def _own_flags(flags):
    # Warnings (and -Werror) are our gate, not the engine's: a new compiler in the
    # engine's image must not stop fuzzing.
    return [f for f in flags if not f.startswith("-W") or f[:4] in ("-Wl,", "-Wa,", "-Wp,")]

def _fuzz_build_aspect_impl(target, ctx):
    label = target.label
    deps = getattr(ctx.rule.attr, "deps", [])
    infos = [d[_FuzzBuildInfo] for d in deps if _FuzzBuildInfo in d]

    if label.workspace_name == "system_libs":
        return [_FuzzBuildInfo(
            libraries = depset(),
            includes = depset(),
            defines = depset(),
            system = depset([label.name]),
            linkopts = depset(),
        )]
    if label.workspace_name:
        fail("fuzz targets may depend on openk4a code and @system_libs only (build.sh " +
             "builds nothing else); %s is not allowed" % label)
    if ctx.rule.kind != "cc_library":
        fail("fuzz targets may depend on cc_library targets only; %s is a %s" % (label, ctx.rule.kind))
    if getattr(ctx.rule.attr, "include_prefix", ""):
        fail("%s: include_prefix cannot be expressed as an -I flag for build.sh" % label)

    package = label.package
    srcs = []
    for f in ctx.rule.files.srcs:
        if not f.is_source:
            fail("%s: generated source %s: build.sh compiles checked-in files only" % (label, f.short_path))
        if f.extension in _SOURCE_EXTENSIONS:
            srcs.append(f.path)
    for f in ctx.rule.files.hdrs:
        if not f.is_source:
            fail("%s: generated header %s: build.sh compiles checked-in files only" % (label, f.short_path))

    exported_includes = []
    strip = getattr(ctx.rule.attr, "strip_include_prefix", "")
    if strip:
        exported_includes.append(_package_path(package, strip))
    for inc in getattr(ctx.rule.attr, "includes", []):
        exported_includes.append(_package_path(package, inc))
    includes = depset(exported_includes, transitive = [i.includes for i in infos], order = "postorder")
    defines = depset(getattr(ctx.rule.attr, "defines", []), transitive = [i.defines for i in infos], order = "postorder")
    system = depset(transitive = [i.system for i in infos], order = "postorder")
    linkopts = depset(getattr(ctx.rule.attr, "linkopts", []), transitive = [i.linkopts for i in infos], order = "postorder")

    record = json.encode(struct(
        label = str(label),
        srcs = srcs,
        copts = _own_flags(getattr(ctx.rule.attr, "copts", [])),
        defines = defines.to_list() + getattr(ctx.rule.attr, "local_defines", []),
        includes = includes.to_list(),
        system = system.to_list(),
    ))
    return [_FuzzBuildInfo(
        libraries = depset([record], transitive = [i.libraries for i in infos], order = "postorder"),
        includes = includes,
        defines = defines,
        system = system,
        linkopts = linkopts,
    )]

_fuzz_build_aspect = aspect(
    implementation = _fuzz_build_aspect_impl,
    attr_aspects = ["deps"],
)

def _oss_fuzz_manifest_impl(ctx):
    infos = [d[_FuzzBuildInfo] for d in ctx.attr.deps]
    includes = depset(transitive = [i.includes for i in infos], order = "postorder").to_list()
    defines = depset(transitive = [i.defines for i in infos], order = "postorder").to_list()
    system = depset(transitive = [i.system for i in infos], order = "postorder").to_list()
    linkopts = depset(transitive = [i.linkopts for i in infos], order = "postorder").to_list()
    libraries = depset(transitive = [i.libraries for i in infos], order = "postorder").to_list()
    srcs = []
    for f in ctx.files.srcs:
        if not f.is_source:
            fail("%s: generated source %s: build.sh compiles checked-in files only" % (ctx.label, f.short_path))
        if f.extension in _SOURCE_EXTENSIONS:
            srcs.append(f.path)

    # Lists, one item per line: diffs of the checked-in copy stay readable.
    lines = ["{"]
    lines.append('  "fuzzer": %s,' % json.encode(ctx.attr.fuzzer))
    lines.append('  "max_len": %d,' % ctx.attr.max_len)
    lines.append('  "dict": %s,' % json.encode(ctx.file.dictionary.path))
    lines.append('  "corpus": %s,' % json.encode(ctx.attr.corpus))
    lines.append('  "srcs": %s,' % json.encode(srcs))
    lines.append('  "copts": %s,' % json.encode(_own_flags(ctx.attr.copts)))
    lines.append('  "defines": %s,' % json.encode(defines + ctx.attr.local_defines))
    lines.append('  "includes": %s,' % json.encode(includes))
    entries = []
    for name in system:
        if name not in SYSTEM_LIBRARIES:
            fail("@system_libs//:%s is not in bazel/system_libs.bzl" % name)
        modules, package = SYSTEM_LIBRARIES[name]
        entries.append('    %s: {"pkg_config": %s, "debian": %s}' % (
            json.encode(name),
            json.encode(modules),
            json.encode(package),
        ))
    if entries:
        lines.append('  "system_libraries": {\n%s\n  },' % ",\n".join(entries))
    else:
        lines.append('  "system_libraries": {},')
    lines.append('  "linkopts": %s,' % json.encode(linkopts))
    lines.append('  "libraries": [')
    lines.append(",\n".join(["    " + lib for lib in libraries]))
    lines.append("  ]")
    lines.append("}")
    out = ctx.actions.declare_file(ctx.label.name + ".json")
    ctx.actions.write(out, "\n".join([l for l in lines if l]) + "\n")
    return [DefaultInfo(files = depset([out]), runfiles = ctx.runfiles(files = [out]))]

_oss_fuzz_manifest = rule(
    implementation = _oss_fuzz_manifest_impl,
    attrs = {
        "fuzzer": attr.string(mandatory = True),
        "max_len": attr.int(mandatory = True),
        "corpus": attr.string(mandatory = True),
        "dictionary": attr.label(allow_single_file = True, mandatory = True),
        "srcs": attr.label_list(allow_files = True),
        "copts": attr.string_list(),
        "local_defines": attr.string_list(),
        "deps": attr.label_list(aspects = [_fuzz_build_aspect]),
    },
)

# ---- libFuzzer options -------------------------------------------------------

def _fuzz_options_impl(ctx):
    options = ctx.actions.declare_file(ctx.attr.fuzzer + ".options")
    ctx.actions.write(options, "[libfuzzer]\nmax_len = %d\ndict = %s.dict\n" % (
        ctx.attr.max_len,
        ctx.attr.fuzzer,
    ))
    return [DefaultInfo(files = depset([options]), runfiles = ctx.runfiles(files = [options]))]

_fuzz_options = rule(
    implementation = _fuzz_options_impl,
    attrs = {
        "fuzzer": attr.string(mandatory = True),
        "max_len": attr.int(mandatory = True),
    },
)

def _fuzz_dict_impl(ctx):
    # The dictionary under the binary's name, as ClusterFuzz expects it in $OUT.
    out = ctx.actions.declare_file(ctx.attr.fuzzer + ".dict")
    ctx.actions.symlink(output = out, target_file = ctx.file.dictionary)
    return [DefaultInfo(files = depset([out]), runfiles = ctx.runfiles(files = [out]))]

_fuzz_dict = rule(
    implementation = _fuzz_dict_impl,
    attrs = {
        "fuzzer": attr.string(mandatory = True),
        "dictionary": attr.label(allow_single_file = True, mandatory = True),
    },
)

# ---- The macro ---------------------------------------------------------------

def openk4a_fuzzer(name, srcs, deps = [], max_len = 65536, copts = [], local_defines = [], **kwargs):
    if not name.endswith("_fuzzer"):
        fail("fuzz targets are named <x>_fuzzer, got " + name)
    if max_len <= 0:
        fail("%s: max_len must be positive" % name)
    stem = name[:-len("_fuzzer")]
    corpus = native.glob(["corpus/%s/**" % stem], allow_empty = False)
    seeds = [f for f in corpus if f.split("/")[-1] not in _NOT_A_SEED]
    dictionary = "%s.dict" % stem
    testonly = kwargs.get("testonly", False)
    visibility = kwargs.get("visibility", None)
    common = dict(
        srcs = srcs,
        copts = OPENK4A_CXX_COPTS + copts + ["-DOPENK4A_FUZZ_MAX_LEN=%d" % max_len],
        local_defines = local_defines,
        linkopts = select({
            "//fuzz:libfuzzer": ["-fsanitize=fuzzer"],
            "//conditions:default": [],
        }),
        deps = deps + select({
            "//fuzz:libfuzzer": [],
            "//conditions:default": ["//fuzz:replay_main"],
        }),
    )
    native.cc_binary(name = name, tags = ["fuzzer"], **dict(common, **kwargs))
    native.cc_test(
        name = name + "_replay_test",
        size = "small",
        data = corpus + [dictionary],
        args = ["$(location %s)" % f for f in seeds],
        **dict(common, **kwargs)
    )
    _fuzz_options(
        name = name + "_options",
        fuzzer = name,
        max_len = max_len,
        visibility = visibility,
    )
    _fuzz_dict(
        name = name + "_dict",
        fuzzer = name,
        dictionary = dictionary,
        visibility = visibility,
    )
    _oss_fuzz_manifest(
        name = name + "_oss_fuzz_manifest",
        fuzzer = name,
        max_len = max_len,
        corpus = native.package_name() + "/corpus/" + stem,
        dictionary = dictionary,
        srcs = srcs,
        copts = copts + ["-DOPENK4A_FUZZ_MAX_LEN=%d" % max_len],
        local_defines = local_defines,
        deps = deps,
        testonly = testonly,
    )
    checked_in = "tools/oss-fuzz/targets/%s.json" % name
    native.sh_test(
        name = name + "_convention_test",
        size = "small",
        srcs = ["//tools/fuzz:check_fuzzer.sh"],
        args = [
            "--fuzzer=" + name,
            "--max_len=%d" % max_len,
            "--dict=$(location %s)" % dictionary,
            "--options=$(location :%s_options)" % name,
            "--manifest=$(location :%s_oss_fuzz_manifest)" % name,
            "--checked_in_manifest=" + checked_in,
        ] + ["$(location %s)" % f for f in corpus],
        data = corpus + [
            dictionary,
            ":%s_options" % name,
            ":%s_oss_fuzz_manifest" % name,
            "//tools/fuzz:check_fuzzer",
            "//tools/oss-fuzz:targets",
        ],
        testonly = testonly,
    )
