#!/usr/bin/env bash
# Where findings go, so that each shows once on the pull request.
#   auto (default): SARIF to code scanning, except on a fork's pull request (GitHub gives its
#        token no `security-events: write`) or with the old `sarif: false`: annotations. A
#        failed upload also falls back to annotations (the Annotations step's condition).
#   sarif | annotations | both: as named (sarif still falls back to annotations on a failed upload).
# Inputs (env): REPORT, SARIF (the deprecated boolean input), EVENT, HEAD_REPO, REPO, GITHUB_OUTPUT.
# Outputs: sarif, annotations (true | false).
set -euo pipefail

report=${REPORT:-auto}
case "$report" in
  auto)
    if [[ "${SARIF:-true}" == false ]]; then
      sarif=false
    elif [[ "${EVENT:-}" == pull_request* && -n "${HEAD_REPO:-}" && "${HEAD_REPO,,}" != "${REPO,,}" ]]; then
      echo "checker: a pull request from a fork: findings as annotations (no security-events: write)"
      sarif=false
    else
      sarif=true
    fi
    if [[ "$sarif" == true ]]; then annotations=false; else annotations=true; fi
    ;;
  sarif) sarif=true annotations=false ;;
  annotations) sarif=false annotations=true ;;
  both) sarif=true annotations=true ;;
  *)
    echo "::error title=checker::input report must be auto, sarif, annotations or both"
    exit 2
    ;;
esac
{
  echo "sarif=$sarif"
  echo "annotations=$annotations"
} >> "$GITHUB_OUTPUT"
echo "checker: report to SARIF: $sarif, annotations: $annotations"
