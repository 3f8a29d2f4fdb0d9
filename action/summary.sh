#!/usr/bin/env bash
# The job summary ($GITHUB_STEP_SUMMARY): checker's Markdown report (counts by severity and
# rule, the first findings as a table; it escapes article text), what was checked, and where
# the findings are.
# Inputs (env): COUNT, SCOPE_NOTE, SUMMARY_FILE, SARIF, UPLOAD, ANNOTATED, FAIL_ON, CODE, GITHUB_STEP_SUMMARY.
# shellcheck disable=SC2016  # the backticks are Markdown code spans, not command substitution
set -euo pipefail

out=${GITHUB_STEP_SUMMARY:?}
{
  if [[ "${COUNT:-0}" == 0 ]]; then
    printf '## checker report\n\nNo changed Markdown, text or HTML files to check.\n'
    exit 0
  fi
  if [[ -n "${SUMMARY_FILE:-}" && -f "$SUMMARY_FILE" ]]; then
    cat "$SUMMARY_FILE"
  else
    printf '## checker report\n\nchecker did not finish: see the job log.\n'
  fi
  printf '\nChecked %s file(s): %s.\n\n' "$COUNT" "${SCOPE_NOTE:-the given paths}"
  if [[ "${SARIF:-}" == true && "${UPLOAD:-}" == success ]]; then
    printf -- '- Every finding is in code scanning (Security > Code scanning, tool `checker`) and on the pull request'"'"'s changed lines.\n'
  fi
  if [[ "${ANNOTATED:-}" == success ]]; then
    printf -- '- Findings are annotations on the pull request; GitHub shows at most 10 error and 10 warning annotations per step: all of them are in the log of the step "Annotations".\n'
  fi
  if [[ "${UPLOAD:-}" == failure ]]; then
    printf -- '- The SARIF upload failed (a fork'"'"'s pull request, no `security-events: write`, or code scanning not enabled), so findings were annotated instead.\n'
  fi
  case "${CODE:-}" in
    0) printf -- '- Nothing at or above `fail-on: %s`: the check passes.\n' "$FAIL_ON" ;;
    1) printf -- '- Findings at or above `fail-on: %s`: the check fails.\n' "$FAIL_ON" ;;
    *) ;;
  esac
} >> "$out"
