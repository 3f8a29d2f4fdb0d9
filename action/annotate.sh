#!/usr/bin/env bash
# One annotation per finding (workflow commands; GitHub shows at most 10 errors and 10 warnings
# per step on the pull request, the rest stay in this step's log). The exit code is the
# Result step's: this step fails only when checker itself does.
# Inputs (env): ANNOTATIONS_FILE, UPLOAD (the SARIF upload's outcome).
set -uo pipefail

if [[ "${UPLOAD:-}" == failure ]]; then
  echo "::warning title=checker::the SARIF upload failed (a fork's pull request, no security-events: write, or code scanning not enabled): findings are shown as annotations instead"
fi
# written by the Check step's run (--also-output github=...): checker runs once per job
cat -- "$ANNOTATIONS_FILE"
