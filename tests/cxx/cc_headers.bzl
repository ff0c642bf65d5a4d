"""cc_headers(): the headers of cc_library targets as runfiles, for tests that
run a compiler themselves, plus a file listing their include directories
(runfiles-relative, one per line)."""

def _cc_headers_impl(ctx):
    headers = []
    include_dirs = {}
    for dep in ctx.attr.deps:
        for header in dep[CcInfo].compilation_context.headers.to_list():
            path = header.short_path
            if path.startswith("../"):
                continue  # another repository (system libraries come from /usr/include)
            headers.append(header)
            marker = path.find("/_virtual_includes/")
            if marker >= 0:
                rest = path[marker + len("/_virtual_includes/"):]
                include_dirs[path[:marker] + "/_virtual_includes/" + rest.split("/")[0]] = True
    listing = ctx.actions.declare_file(ctx.label.name + ".includes")
    ctx.actions.write(listing, "".join(["%s\n" % d for d in sorted(include_dirs.keys())]))
    return [DefaultInfo(
        files = depset([listing]),
        runfiles = ctx.runfiles(files = headers + [listing]),
    )]

cc_headers = rule(
    implementation = _cc_headers_impl,
    attrs = {"deps": attr.label_list(providers = [CcInfo])},
)
