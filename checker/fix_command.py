"""The `--fix`, `--unsafe-fixes` and `--diff` options of `checker check` (kept out of cli.py).

    checker check --diff FILES          # the patch --fix would make; changes nothing; exit 1 if any
    checker check --fix FILES           # apply the safe fixes in place, then report what is left
    checker check --fix --unsafe-fixes  # also the unsafe ones (numbers, dates of events, names)

stdin (`-`) is refused with --fix (exit 2): there is no file to rewrite, and writing the fixed
text to stdout would mix it with the report; `--diff` works on stdin.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from checker.core.files import atomic_write_text
from checker.core.fixes import (
    UNSAFE,
    FixError,
    FixPlan,
    plan_fixes,
    summary_line,
    unified_diff,
    unsafe_available,
    write_fixes,
)
from checker.core.neutralise import for_stderr

if TYPE_CHECKING:
    from checker.core.engine import Report

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2  # as checker.cli's (the contract's exit codes)


def add_fix_arguments(check: argparse.ArgumentParser) -> None:
    check.add_argument(
        "--fix",
        action="store_true",
        help="apply the safe fixes in place (atomically, same encoding and line breaks), then report what is left",
    )
    check.add_argument(
        "--unsafe-fixes",
        action="store_true",
        help="with --fix or --diff, also apply fixes that may change meaning (a number, an event's date, a name)",
    )
    check.add_argument(
        "--diff",
        action="store_true",
        help="print a unified diff of what --fix would change, change nothing; exit 1 when there is something to fix",
    )


def plan_for(report: Report, *, unsafe: bool, stdin_path: str | None) -> FixPlan:
    sources = {d.path: d.source for d in report.documents}
    formats = {d.path: d.format for d in report.documents}
    return plan_fixes(report.findings, sources, unsafe=unsafe, formats=formats, stdin_path=stdin_path)


def fix_or_diff(args: argparse.Namespace, report: Report, recheck: Callable[[], Report]) -> Report | int:
    """--diff: print the patch and return the exit code. --fix: write the fixes, print the
    summary on stderr and return the re-checked report (the findings that are left), or exit 2
    when a file cannot be rewritten (nothing is written then)."""
    # stdin cannot be rewritten, but its patch can be shown (--fix on stdin is refused up front)
    stdin_path = args.stdin_filename if "-" in (args.paths or []) and not args.diff else None
    plan = plan_for(report, unsafe=args.unsafe_fixes, stdin_path=stdin_path)
    if args.diff:
        patch = unified_diff(plan)
        if args.output:
            try:
                atomic_write_text(args.output, patch)
            except OSError as exc:
                return _error(f"--output {args.output}: {exc.strerror or exc}")
        else:
            sys.stdout.write(patch)
        if not args.quiet:
            n = plan.fixed_count
            files = len(plan.changed_files())
            print(
                f"checker: {n} fix{'' if n == 1 else 'es'} would change {files} file{'' if files == 1 else 's'}"
                + _left_note(plan),
                file=sys.stderr,
            )
        if report.crashes:
            return EXIT_ERROR
        return EXIT_FINDINGS if patch else EXIT_OK
    if report.crashes:
        print("checker: error: a rule failed, so no file was fixed", file=sys.stderr)
        return report
    try:
        written = write_fixes(plan)
    except FixError as exc:
        return _error(f"{exc.path}: {exc.reason}")
    after = recheck() if written else report
    if not args.quiet:
        for path in written:
            print(f"checker: fixed {for_stderr(path)}", file=sys.stderr)
        for finding, why in plan.left:
            if why != UNSAFE:
                print(
                    f"checker: note: not fixed: {for_stderr(finding.path)}:{finding.location.line}:"
                    f"{finding.location.column}: {finding.rule}: {why}",
                    file=sys.stderr,
                )
    left = len(after.findings)
    unsafe = 0 if args.unsafe_fixes else unsafe_available(after.findings)
    print(f"checker: {summary_line(plan.fixed_count, left, unsafe)}", file=sys.stderr)
    return after


def _error(message: str) -> int:
    print(f"checker: error: {for_stderr(message)}", file=sys.stderr)
    return EXIT_ERROR


def _left_note(plan: FixPlan) -> str:
    unsafe = sum(1 for _, why in plan.left if why == UNSAFE)
    other = len(plan.left) - unsafe
    parts = []
    if unsafe:
        parts.append(f"{unsafe} unsafe fix{'' if unsafe == 1 else 'es'} available with --unsafe-fixes")
    if other:
        parts.append(f"{other} not applicable")
    return f" ({'; '.join(parts)})" if parts else ""
