#!/usr/bin/env bash
# Run checker on the selected files: the Markdown report (the job summary) decides the exit code
# by `fail-on` in every report mode; with SARIF on, a SARIF report for code scanning too.
# An error of checker itself (exit 2: usage, configuration, unreadable input) fails this step.
# Inputs (env): CHECKER, LIST, ARGS, TODAY, FAIL_ON, SARIF, SARIF_OUT, SUMMARY_OUT, GITHUB_OUTPUT.
# Outputs: exit-code, summary-file, sarif-file.
set -uo pipefail

mapfile -t files < "$LIST"
read -r -a extra <<< "${ARGS:-}"
today=()
if [[ -n "${TODAY:-}" ]]; then today=(--today "$TODAY"); fi
checker=${CHECKER:-checker}
run() { "$checker" check "${files[@]}" "${extra[@]}" "${today[@]}" --quiet "$@"; }

run --format markdown --output "$SUMMARY_OUT" --fail-on "$FAIL_ON"
code=$?
if ((code > 1)); then
  echo "::error title=checker::checker stopped with exit $code (see its message above)"
  exit "$code"
fi
{
  echo "exit-code=$code"
  echo "summary-file=$SUMMARY_OUT"
} >> "$GITHUB_OUTPUT"
if [[ "${SARIF:-false}" == true ]]; then
  run --format sarif --output "$SARIF_OUT" --fail-on never
  sarif_code=$?
  if ((sarif_code != 0)); then
    echo "::error title=checker::checker stopped with exit $sarif_code writing SARIF"
    exit "$sarif_code"
  fi
  echo "sarif-file=$SARIF_OUT" >> "$GITHUB_OUTPUT"
fi
