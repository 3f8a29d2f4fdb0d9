#!/usr/bin/env bash
# Install checker into its own virtual environment ($VENV), unless one restored from the cache
# (or left by an earlier job on a self-hosted runner) already runs. A venv of its own keeps
# checker's dependencies off the job's Python and out of later steps' PATH.
# Inputs (env): VENV, PYTHON (from setup-python), INSTALL, ACTION_PATH, GITHUB_OUTPUT.
# Outputs: checker (the executable), reused (true | false).
set -euo pipefail

checker="$VENV/bin/checker"
reused=false
if [[ -x "$checker" ]] && "$checker" --version > /dev/null 2>&1; then
  reused=true
  echo "checker: reusing the cached environment ($("$checker" --version))"
else
  rm -rf "$VENV"
  "$PYTHON" -m venv "$VENV"
  "$VENV/bin/python" -m pip install --disable-pip-version-check --quiet "${INSTALL:-$ACTION_PATH}"
  "$checker" --version
fi
{
  echo "checker=$checker"
  echo "reused=$reused"
} >> "$GITHUB_OUTPUT"
