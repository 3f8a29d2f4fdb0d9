#!/usr/bin/env bash
# Where the Action's Python environment lives and the cache key it is saved under.
#
# The key changes with the runner, the exact Python, and what is installed: the `install`
# input as written, or (by default) a hash of this action's own pyproject.toml and sources,
# so a new ref of the action never reuses an environment built from another.
# Inputs (env): ACTION_PATH, INSTALL, PY_VERSION, RUNNER_OS, RUNNER_ARCH, GITHUB_OUTPUT.
# Outputs: venv, key.
set -euo pipefail

sha256() { if command -v sha256sum > /dev/null; then sha256sum "$@"; else shasum -a 256 "$@"; fi; }

if [[ -n "${INSTALL:-}" ]]; then
  what=$(printf 'install:%s' "$INSTALL" | sha256)
else
  what=$(cd "$ACTION_PATH" \
    && find pyproject.toml checker rules reports -type f ! -path '*/__pycache__/*' ! -name '*.pyc' -print0 \
    | LC_ALL=C sort -z | while IFS= read -r -d '' f; do sha256 "$f"; done | sha256)
fi
what=${what%% *}
key="checker-venv-${RUNNER_OS:-os}-${RUNNER_ARCH:-arch}-py${PY_VERSION:-unknown}-${what:0:32}"
venv="$HOME/.cache/checker-action/${key}"
{
  echo "venv=$venv"
  echo "key=$key"
} >> "$GITHUB_OUTPUT"
echo "checker: environment $venv"
