#!/usr/bin/env bash
# The files the Action checks, one path per line in $LIST.
#
# On a pull request (changed-only), the content files the pull request adds, copies, modifies or
# renames, as `git diff base...head` (from the merge base, so files only the base branch changed
# are not included; deleted files cannot be checked). A shallow checkout (actions/checkout's
# default depth 1) is fetched deeper until the merge base is there. Fails closed: a git failure
# fails the step (::error); when the changed set cannot be known (no base or head in the event,
# no shared history, an event that is not a pull request with changed-only) every path of
# `paths` is checked instead, with a ::notice.
#
# Inputs (env): EVENT, BASE_SHA, HEAD_SHA, PR_NUMBER, CHANGED_ONLY, PATHS, LIST, GITHUB_OUTPUT.
# Outputs: count, list, scope (changed | paths | all), scope-note (a sentence for the summary).
set -euo pipefail

: > "$LIST"
PATTERNS=('*.md' '*.markdown' '*.mdx' '*.txt' '*.html' '*.htm')
# depths tried before fetching the whole history (a pull request a few commits ahead of a base
# that moved a little needs one round; long-lived branches a few)
read -r -a DEPTHS <<< "${CHECKER_FETCH_DEPTHS:-50 400 3000}"

error() { printf '::error title=checker::%s\n' "$1"; exit 1; }
notice() { printf '::notice title=checker::%s\n' "$1"; }
is_sha() { [[ "$1" =~ ^([0-9a-f]{40}|[0-9a-f]{64})$ ]]; }
have() { git cat-file -e "$1^{commit}" 2>/dev/null; }

scope=paths
note="the given paths"

all_paths() {
  local given=()
  read -r -a given <<< "$PATHS"
  ((${#given[@]})) || given=(.)
  printf '%s\n' "${given[@]}" > "$LIST"
}

fetch_commit() {  # a commit by sha; a fork's head is also the base repository's refs/pull/N/head
  local sha=$1
  have "$sha" && return 0
  echo "checker: fetching $sha"
  if ! git fetch --no-tags --quiet --depth=1 origin "$sha"; then
    if [[ "$PR_NUMBER" =~ ^[0-9]+$ ]]; then
      git fetch --no-tags --quiet --depth=1 origin "+refs/pull/$PR_NUMBER/head" || true
    fi
  fi
  have "$sha" || error "git could not fetch commit $sha from origin: the job fails rather than pass unchecked"
}

merge_base() { base=$(git merge-base "$BASE_SHA" "$HEAD_SHA" 2>/dev/null); }

find_merge_base() {  # sets $base; deepens a shallow clone until there is one (not in a subshell: error exits)
  local depth
  merge_base && return 0
  for depth in "${DEPTHS[@]}"; do
    [[ "$(git rev-parse --is-shallow-repository)" == true ]] || return 1
    echo "checker: no merge base yet; fetching $depth commits of history"
    git fetch --no-tags --quiet --depth="$depth" origin "$BASE_SHA" "$HEAD_SHA" || error "git fetch --depth=$depth failed"
    merge_base && return 0
  done
  if [[ "$(git rev-parse --is-shallow-repository)" == true ]]; then
    echo "checker: no merge base yet; fetching the whole history"
    git fetch --no-tags --quiet --unshallow origin "$BASE_SHA" "$HEAD_SHA" || error "git fetch --unshallow failed"
  fi
  merge_base
}

EVENT=${EVENT:-}
BASE_SHA=${BASE_SHA:-}
HEAD_SHA=${HEAD_SHA:-}
PR_NUMBER=${PR_NUMBER:-}

if [[ "$CHANGED_ONLY" != true ]]; then
  all_paths
elif [[ "$EVENT" == pull_request || "$EVENT" == pull_request_target ]]; then
  if ! is_sha "$BASE_SHA" || ! is_sha "$HEAD_SHA"; then
    notice "the pull request's base or head commit is not in the event: checking every path of 'paths'"
    scope=all note="every path of 'paths' (the pull request's commits were not in the event)"
    all_paths
  else
    git rev-parse --git-dir > /dev/null 2>&1 || error "not a git repository: check out the repository first (actions/checkout)"
    fetch_commit "$BASE_SHA"
    fetch_commit "$HEAD_SHA"
    base=
    if ! find_merge_base; then
      notice "the pull request's base and head share no history: checking every path of 'paths'"
      scope=all note="every path of 'paths' (the base and head share no history)"
      all_paths
    else
      changed="$LIST.changed"
      git diff --no-renames --name-only -z --diff-filter=AM "$base" "$HEAD_SHA" -- "${PATTERNS[@]}" > "$changed" \
        || error "git diff $base...$HEAD_SHA failed"
      # deleted files are not there to check; a file can also be missing from a checkout that is
      # not the pull request's (pull_request_target checks out the base: check out the head)
      while IFS= read -r -d '' f; do
        if [[ -f "$f" ]]; then printf '%s\n' "$f"; fi
      done < "$changed" > "$LIST"
      rm -f "$changed"
      scope=changed note="the content files the pull request adds or changes (from the merge base ${base:0:12})"
    fi
  fi
else
  case "$EVENT" in
    push | workflow_dispatch | schedule | merge_group | "") ;;
    *) notice "event $EVENT is not a pull request: checking every path of 'paths'" ;;
  esac
  all_paths
fi

count=$(grep -c . "$LIST" || true)
{
  echo "count=$count"
  echo "list=$LIST"
  echo "scope=$scope"
  echo "scope-note=$note"
} >> "$GITHUB_OUTPUT"
echo "checker: $count path(s) to check: $note"
if [[ "$count" == 0 ]]; then
  notice "no changed Markdown, text or HTML files to check"
fi
