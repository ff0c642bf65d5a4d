#!/usr/bin/env python3
"""Wire-format generator: core/spec/*_wire.toml and usb_status.toml -> C.

    python3 tools/codegen/wire_gen.py SPEC OUT_DIR PATH...   (bazel/generated.bzl contract)
    python3 tools/codegen/wire_gen.py SPEC --write-tree ROOT

Python 3.11 standard library only. The spec reader is wire_spec.py, the C
writer wire_emit_c.py; the shared command line is codegen_common.py.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import codegen_common  # noqa: E402
import wire_emit_c  # noqa: E402
import wire_spec  # noqa: E402


def generate(spec_path, generator_path):
    return wire_emit_c.generate(wire_spec.load(spec_path), generator_path)


if __name__ == "__main__":
    sys.exit(codegen_common.run_generator(generate))
