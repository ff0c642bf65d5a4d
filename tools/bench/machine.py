"""What a benchmark result was measured on: machine, software, revision."""

import os
import platform
import socket
import subprocess

# Debian packages whose versions matter to the figures (peers included).
PACKAGES = (
    "gcc", "clang-14", "bazel-bootstrap", "libbenchmark-dev", "libturbojpeg0-dev",
    "libusb-1.0-0-dev", "libgstreamer1.0-dev", "libopencv-dev", "libuvc-dev",
    "umockdev", "libabsl-dev",
)


def _run(cmd, cwd=None):
    try:
        proc = subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                              timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return None
    if proc.returncode != 0:
        return None
    return proc.stdout.decode("utf-8", "replace").strip()


def _cpu_model():
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or None


def _memory_bytes():
    try:
        with open("/proc/meminfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("MemTotal:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return None


def _os_release():
    try:
        with open("/etc/os-release", encoding="utf-8") as f:
            for line in f:
                if line.startswith("PRETTY_NAME="):
                    return line.split("=", 1)[1].strip().strip('"')
    except OSError:
        pass
    return None


def package_versions(packages=PACKAGES):
    """{package: version} for the installed ones."""
    output = _run(["dpkg-query", "-W", "-f=${Package} ${Version} ${Status}\n"] + list(packages))
    versions = {}
    for line in (output or "").splitlines():
        parts = line.split(" ", 2)
        if len(parts) == 3 and parts[2].endswith("installed") and "not-installed" not in parts[2]:
            versions[parts[0]] = parts[1]
    return versions


def machine_info():
    try:
        load = os.getloadavg()
    except OSError:
        load = None
    uname = platform.uname()
    return {
        "hostname": socket.gethostname(),
        "os": _os_release(),
        "kernel": "%s %s" % (uname.system, uname.release),
        "arch": uname.machine,
        "cpu": _cpu_model(),
        "cpus": os.cpu_count(),
        "memory_bytes": _memory_bytes(),
        "load_average": list(load) if load else None,
        "python": platform.python_version(),
        "packages": package_versions(),
    }


def git_info(root, revision="HEAD"):
    """Revision facts of a checkout; `dirty` says whether tracked files differ
    from the revision (only meaningful for HEAD of a working tree)."""
    commit = _run(["git", "rev-parse", "--verify", "--quiet", revision + "^{commit}"], cwd=root)
    if commit is None:
        return {"revision": None}
    info = {
        "revision": commit,
        "short": commit[:12],
        "subject": _run(["git", "log", "-1", "--format=%s", commit], cwd=root),
        "commit_time": _run(["git", "log", "-1", "--format=%cI", commit], cwd=root),
    }
    if revision == "HEAD":
        status = _run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=root)
        info["dirty"] = bool(status)
    return info
