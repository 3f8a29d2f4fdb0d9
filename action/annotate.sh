#!/usr/bin/env bash
# One annotation per finding (workflow commands; GitHub shows at most 10 errors and 10 warnings
# per step on the pull request, the rest stay in this step's log). The exit code is the
# Result step's: this step fails only when checker itself does.
# Inputs (env): CHECKER, LIST, ARGS, TODAY, UPLOAD (the SARIF upload's outcome).
set -uo pipefail

if [[ "${UPLOAD:-}" == failure ]]; then
  echo "::warning title=checker::the SARIF upload failed (a fork's pull request, no security-events: write, or code scanning not enabled): findings are shown as annotations instead"
fi
mapfile -t files < "$LIST"
read -r -a extra <<< "${ARGS:-}"
today=()
if [[ -n "${TODAY:-}" ]]; then today=(--today "$TODAY"); fi
"${CHECKER:-checker}" check "${files[@]}" "${extra[@]}" "${today[@]}" --quiet --format github --fail-on never
