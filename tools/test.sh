#!/usr/bin/env bash
# The whole test suite (README's second command; CI runs it through .ci/run).
#
#   tools/test.sh                 default, asan and tsan test runs, the fuzz
#                                 targets built and replayed under libFuzzer
#                                 (and the parser coverage gate),
#                                 the consumer workspace built and run, and
#                                 the README's main command (tools/run.sh),
#                                 buildifier on MODULE.bazel and the packaging rules
#   tools/test.sh default asan    only the named steps
#   tools/test.sh deb             installs the .deb system-wide with apt-get
#                                 and builds against /usr (root; part of the
#                                 default steps only when CI=true, i.e. in a
#                                 fresh Debian root, never on a developer's /usr)
#
# Ends with one plain line "N passed, N failed, N skipped" and exits non-zero
# on any failure. Test targets are counted per configuration
# (tools/bep_summary.py): a test that fails to build counts as failed; a test
# incompatible with the machine, left out of a sanitizer run by its tag, or
# whose every case skipped (no ../shared data) counts as skipped; a benchmark
# binary skipped because an optional peer library is absent is not a test and
# is not counted. The consumer workspace and the main command count as one
# test each.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

tools/install_deps.sh || { echo "0 passed, 1 failed, 0 skipped"; exit 1; }

steps=("$@")
if [[ ${#steps[@]} -eq 0 ]]; then
  steps=(default asan tsan fuzz consumer main lint)
  [[ "${CI:-}" == true && $(id -u) -eq 0 ]] && steps+=(deb)
fi

events_dir=$(mktemp -d /tmp/openk4a-test.XXXXXX)
trap 'rm -rf "$events_dir"' EXIT
summaries=()
extra_passed=0
extra_failed=0
extra_skipped=0
extra_lines=()

# The test targets tagged TAG.
tagged_tests() {  # tag
  bazel query --noshow_progress "attr(tags, '\\b$1\\b', tests(//...))" 2>/dev/null
}

# Runs `bazel test //...` in a sanitizer configuration without the tests
# tagged TAG (they replace malloc, time benchmarks, ...). Leaving them out of
# the pattern, rather than --test_tag_filters, keeps them from counting as
# tests that did not build; each is counted as skipped, with its reason.
run_sanitizer_tests() {  # step, tag, bazel args...
  local step=$1 tag=$2 label
  shift 2
  local patterns=()
  for label in $(tagged_tests "$tag"); do
    patterns+=("-$label")
    extra_skipped=$((extra_skipped + 1))
    extra_lines+=("    SKIPPED [$step] $label: tagged $tag")
  done
  run_bazel_tests "$step" "$@" -- //... "${patterns[@]}"
}

run_bazel_tests() {  # name, bazel args...
  local name=$1; shift
  local start=$SECONDS
  echo "== ${name}: bazel test $*" >&2
  bazel test --keep_going --build_event_json_file="$events_dir/$name.json" "$@" >&2
  echo "== ${name}: $((SECONDS - start)) s" >&2
  summaries+=("$name=$events_dir/$name.json")
}

for step in "${steps[@]}"; do
  case "$step" in
    default) run_bazel_tests default //... ;;
    asan) run_sanitizer_tests asan no_asan --config=asan ;;
    tsan) run_sanitizer_tests tsan no_tsan --config=tsan ;;
    # Every fuzz binary links libFuzzer and replays its corpus; then the
    # parsers' own corpora must still reach the line coverage goal (clang
    # source-based coverage, fuzz/README.md "Coverage").
    fuzz)
      run_bazel_tests fuzz --config=fuzz //fuzz/...
      echo "== fuzz coverage: tools/fuzz_coverage --check --no-html" >&2
      if tools/fuzz_coverage --check --no-html --out "$events_dir/fuzz-coverage" >&2; then
        extra_passed=$((extra_passed + 1))
      else
        extra_failed=$((extra_failed + 1))
        extra_lines+=("    FAILED tools/fuzz_coverage --check: a parser source is below the goal from the checked-in corpora")
      fi ;;
    consumer)
      # A separate Bazel workspace that depends on openk4a like a user's would.
      echo "== consumer: examples/consumer" >&2
      if (cd examples/consumer && bazel run //:consumer_example >&2); then
        extra_passed=$((extra_passed + 1))
      else
        extra_failed=$((extra_failed + 1)); extra_lines+=("    FAILED examples/consumer: build or run failed")
      fi ;;
    main)
      # The README's first command, as a user runs it (emulated device here).
      echo "== main: bash tools/run.sh -n 30" >&2
      main_out=$(mktemp -d /tmp/openk4a-main.XXXXXX)
      if bash tools/run.sh -n 30 --output="$main_out" >&2; then
        extra_passed=$((extra_passed + 1))
      else
        extra_failed=$((extra_failed + 1)); extra_lines+=("    FAILED tools/run.sh -n 30: the README's main command failed")
      fi
      rm -rf "$main_out" ;;
    lint)
      # buildifier (from the npm registry, cached by tools/buildifier.sh) on the
      # bzlmod files and the packaging rules. CcInfo/cc_common come from
      # rules_cc, sh_test from rules_shell, only in Bazel 7+; Bazel 4.2.3 has
      # only the built-in ones.
      echo "== lint: buildifier -mode=check -lint=warn" >&2
      if tools/buildifier.sh -mode=check -lint=warn -warnings=-native-cc-info,-native-cc-common,-native-sh-test \
           MODULE.bazel bazel/extensions.bzl tools/packaging/libraries.bzl \
           tools/packaging/BUILD tests/packaging/BUILD >&2; then
        extra_passed=$((extra_passed + 1))
      else
        extra_failed=$((extra_failed + 1)); extra_lines+=("    FAILED buildifier lint")
      fi
      # The one code style (.clang-format, buildifier) over every tracked file.
      echo "== lint: tools/format.sh --check" >&2
      if tools/format.sh --check >&2; then
        extra_passed=$((extra_passed + 1))
      else
        extra_failed=$((extra_failed + 1)); extra_lines+=("    FAILED tools/format.sh --check: files not in the project style")
      fi ;;
    deb)
      echo "== deb: apt-get install ./openk4a_*.deb, CMake and pkg-config users" >&2
      if bazel build //tools/packaging:openk4a_deb >&2 &&
         tests/packaging/deb_install.sh bazel-bin/tools/packaging/openk4a.deb >&2; then
        extra_passed=$((extra_passed + 1))
      else
        extra_failed=$((extra_failed + 1)); extra_lines+=("    FAILED tests/packaging/deb_install.sh")
      fi ;;
    *) echo "unknown step: $step (default asan tsan fuzz consumer main lint deb)" >&2; exit 2 ;;
  esac
done

report=$(python3 tools/bep_summary.py "${summaries[@]}")
echo "$report" | sed '$d'
[[ ${#extra_lines[@]} -gt 0 ]] && printf '%s\n' "${extra_lines[@]}"
read -r passed failed skipped <<<"$(echo "$report" | tail -n 1)"
passed=$((passed + extra_passed))
failed=$((failed + extra_failed))
skipped=$((skipped + extra_skipped))
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
[[ $failed -eq 0 ]]
