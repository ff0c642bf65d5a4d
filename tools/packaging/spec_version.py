#!/usr/bin/env python3
"""openk4a's one version number: meta.k4a_version of core/spec/api.toml.

    spec_version.py core/spec/api.toml      prints e.g. 1.4.0
"""
import sys
import tomllib


def spec_version(spec_path):
    """(major, minor, patch) from the spec."""
    with open(spec_path, "rb") as f:
        major, minor, patch = tomllib.load(f)["meta"]["k4a_version"]
    return major, minor, patch


if __name__ == "__main__":
    print("%d.%d.%d" % spec_version(sys.argv[1]))
