#!/usr/bin/env bash
# Run checker once on the selected files: the Markdown report (the job summary) decides the exit
# code by `fail-on` in every report mode; the same run writes the annotations (github format) and,
# with SARIF on, a SARIF report for code scanning (--also-output).
# An error of checker itself (exit 2: usage, configuration, unreadable input) fails this step.
# Inputs (env): CHECKER, LIST, ARGS, TODAY, FAIL_ON, SARIF, SARIF_OUT, SUMMARY_OUT, ANNOTATIONS_OUT,
# GITHUB_OUTPUT. Outputs: exit-code, summary-file, annotations-file, sarif-file.
set -uo pipefail

mapfile -t files < "$LIST"
read -r -a extra <<< "${ARGS:-}"
today=()
if [[ -n "${TODAY:-}" ]]; then today=(--today "$TODAY"); fi
checker=${CHECKER:-checker}
run() { "$checker" check "${files[@]}" "${extra[@]}" "${today[@]}" --quiet "$@"; }

also=(--also-output "github=$ANNOTATIONS_OUT")
if [[ "${SARIF:-false}" == true ]]; then also+=(--also-output "sarif=$SARIF_OUT"); fi
run --format markdown --output "$SUMMARY_OUT" "${also[@]}" --fail-on "$FAIL_ON"
code=$?
if ((code > 1)); then
  echo "::error title=checker::checker stopped with exit $code (see its message above)"
  exit "$code"
fi
{
  echo "exit-code=$code"
  echo "summary-file=$SUMMARY_OUT"
  echo "annotations-file=$ANNOTATIONS_OUT"
} >> "$GITHUB_OUTPUT"
if [[ "${SARIF:-false}" == true ]]; then echo "sarif-file=$SARIF_OUT" >> "$GITHUB_OUTPUT"; fi
