"""The API generator: core/spec/api.toml -> headers, C sources, C++ accessors, reference pages.

    python3 tools/codegen/api_gen.py core/spec/api.toml OUT_DIR PATH...
    python3 tools/codegen/api_gen.py core/spec/api.toml --write-tree .

See codegen_common.run_generator() for the contract with bazel/generated.bzl.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import api_emit_c  # noqa: E402
import api_emit_cxx  # noqa: E402
import api_emit_docs  # noqa: E402
import api_spec  # noqa: E402
from codegen_common import run_generator  # noqa: E402


def generate(spec_path, generator_path="tools/codegen/api_gen.py"):
    """Returns {repo-relative path: text} for every file the spec produces."""
    api = api_spec.parse(spec_path)
    s, g = spec_path, generator_path
    files = {
        "core/include/k4a/k4aversion.h": api_emit_c.k4aversion_h(api, s, g),
        "core/include/k4a/k4atypes.h": api_emit_c.k4atypes_h(api, s, g),
        "core/include/k4a/k4a_export.h": api_emit_c.k4a_export_h(api, s, g),
        "core/include/k4a/k4a.h": api_emit_c.k4a_h(api, s, g),
        "core/image_formats_generated.h": api_emit_c.image_formats_generated_h(api, s, g),
        "core/image_properties_generated.h": api_emit_c.image_properties_generated_h(api, s, g),
        "core/image_properties_generated.c": api_emit_c.image_properties_generated_c(api, s, g),
        "core/k4a_strings_generated.c": api_emit_c.k4a_strings_generated_c(api, s, g),
        api_emit_cxx.PATH: api_emit_cxx.image_properties_h(api, s, g),
    }
    for r in api.reasons:
        files[r.header] = api_emit_c.reasons_h(api, s, g, r.header)
        files[r.source] = api_emit_c.reasons_c(api, s, g, r.source)
    for header in api.headers():
        if header != "k4a/k4a.h":
            files["core/include/" + header] = api_emit_c.extension_h(api, s, g, header)
    files.update(api_emit_docs.pages(api, s, g))
    return files


if __name__ == "__main__":
    sys.exit(run_generator(generate, generator_path="tools/codegen/api_gen.py"))
