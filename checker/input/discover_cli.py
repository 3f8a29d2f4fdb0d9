"""The command-line options of file discovery (`checker check --exclude ...`), kept out of
cli.py so the walker's options live beside it."""

from __future__ import annotations

import argparse
from pathlib import Path

from checker.core.config import ConfigError
from checker.input.discover import Discovery
from checker.input.ignore import bad_pattern


def add_discovery_arguments(check: argparse.ArgumentParser) -> None:
    group = check.add_argument_group(
        "which files",
        "folders are walked skipping hidden names, build output and what .gitignore/.ignore leave out; "
        "patterns are gitignore-style, anchored at the working directory",
    )
    group.add_argument(
        "--exclude",
        metavar="PATTERN",
        action="append",
        help="leave out what PATTERN matches, replacing the default and configured exclude list (repeatable)",
    )
    group.add_argument(
        "--extend-exclude",
        metavar="PATTERN",
        action="append",
        help="leave out what PATTERN matches, in addition to the exclude list (repeatable)",
    )
    group.add_argument(
        "--force-exclude",
        action="store_true",
        help="apply exclude patterns and ignore files to files named on the command line too (pre-commit)",
    )


def discovery_from_args(args: argparse.Namespace) -> Discovery:
    for flag, given in (("--exclude", args.exclude), ("--extend-exclude", args.extend_exclude)):
        bad = bad_pattern(given or [])
        if bad is not None:
            raise ConfigError(flag, None, f"{bad!r} is not a valid gitignore-style pattern")
    return Discovery(
        cwd=Path.cwd(),
        exclude=tuple(args.exclude) if args.exclude is not None else None,
        extend_exclude=tuple(args.extend_exclude or ()),
        force_exclude=bool(args.force_exclude),
        # --config applies to every file; without it, each file's nearest config governs it
        per_folder=args.config is None,
    )
