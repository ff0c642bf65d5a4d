#!/usr/bin/env bash
# Every workflow is valid for GitHub's schema, and the linter itself rejects a
# planted broken workflow (so a pass means something).
# Usage: workflow_lint_test.sh TOOLS_WORKFLOW_LINT WORKFLOW.yml...
set -uo pipefail
lint=$1; shift
[[ $# -ge 3 ]] || { echo "FAIL: expected the workflows (test.yml, bench.yml, ...), got: $*"; exit 1; }

# The linter is installed by tools/install_deps.sh (tools/workflow_lint
# --install, from the npm registry); this test never installs anything.
"$lint" --no-install "$@"
status=$?
if [[ $status -eq 3 ]]; then
  echo "FAIL: the workflow linter is not installed, so the workflows were NOT validated" \
       "(run tools/workflow_lint --install; it needs the npm registry)"
  exit 1
fi
[[ $status -eq 0 ]] || { echo "FAIL: a workflow is invalid (above)"; exit 1; }

for name in test.yml bench.yml; do
  printf '%s\n' "$@" | grep -q "/$name\$" || { echo "FAIL: .github/workflows/$name is missing"; exit 1; }
done

broken="$TEST_TMPDIR/broken.yml"
cat > "$broken" <<'YAML'
name: broken
on: push
jobs:
  test:
    runs-on: ubuntu-latest
    step:
      - run: true
YAML
if "$lint" --no-install "$broken" 2>"$TEST_TMPDIR/broken.err"; then
  echo "FAIL: the linter accepted a job with 'step:' instead of 'steps:'"
  exit 1
fi
grep -q "step" "$TEST_TMPDIR/broken.err" || { echo "FAIL: the linter's complaint does not name the key:"; cat "$TEST_TMPDIR/broken.err"; exit 1; }
echo "PASS: $# workflows valid; a broken one is rejected"
