"""openk4a_fuzzer(): one libFuzzer target plus its corpus-replay test.

Convention (fuzz/README.md): fuzz/<x>_fuzzer.cc, seeds in fuzz/corpus/<x>/,
dictionary fuzz/<x>.dict, a per-target input size cap.

For name = "<x>_fuzzer" this declares:
  :<x>_fuzzer              the fuzz binary (libFuzzer under --config=fuzz,
                           a corpus-replay driver otherwise)
  :<x>_fuzzer_replay_test  replays every seed and regression file, in every
                           configuration, so a fixed crash stays fixed.
"""

load("//bazel:copts.bzl", "OPENK4A_CXX_COPTS")

def openk4a_fuzzer(name, srcs, deps = [], max_len = 65536, **kwargs):
    if not name.endswith("_fuzzer"):
        fail("fuzz targets are named <x>_fuzzer, got " + name)
    stem = name[:-len("_fuzzer")]
    corpus = native.glob(["corpus/%s/**" % stem], allow_empty = False)
    dictionary = "%s.dict" % stem
    common = dict(
        srcs = srcs,
        copts = OPENK4A_CXX_COPTS + ["-DOPENK4A_FUZZ_MAX_LEN=%d" % max_len],
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
        args = ["$(location %s)" % f for f in corpus if not f.endswith("/README")],
        **dict(common, **kwargs)
    )
