"""The command line (fixed by shared/contracts/CONTRACT.md): check, rules, view."""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import io
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from checker import __version__
from checker.core import registry
from checker.core.baseline import BaselineError, read_baseline, write_baseline
from checker.core.config import Config, ConfigError, load_config
from checker.core.engine import Engine, Report, RunOptions
from checker.core.files import atomic_write_text
from checker.core.model import Severity
from checker.core.neutralise import for_stderr
from checker.core.reporting import ReportSettings, plural, use_color
from checker.core.rule import Rule
from checker.core.runner import collections_for_a_run
from checker.input.discover_cli import add_discovery_arguments, discovery_from_args
from checker.input.load import SUFFIXES
from checker.native import choose_build
from checker.progress import RunProgress
from checker.reports import FORMATS

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class UsageError(Exception):
    pass


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date in YYYY-MM-DD form: {value!r}") from None


def _format_and_file(value: str) -> tuple[str, str]:
    fmt, sep, target = value.partition("=")
    if not sep or not target or fmt not in FORMATS:
        raise argparse.ArgumentTypeError(f"expected FORMAT=FILE with FORMAT one of {', '.join(FORMATS)}: {value!r}")
    return fmt, target


def _jobs(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        n = 0
    if not 1 <= n <= 1024:
        raise argparse.ArgumentTypeError(f"not a number of processes (1 to 1024): {value!r}")
    return n


def _csv(value: str) -> list[str]:
    return [v.strip() for v in value.split(",") if v.strip()]


_COMMANDS = ("check", "rules", "view", "cache", "kb", "server")


def command_of(argv: Sequence[str]) -> str | None:
    """The command a command line starts with, else None (then every parser is built: a
    top-level -h before the command prints them all)."""
    return argv[0] if argv and argv[0] in _COMMANDS else None


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The whole command line; with `only`, the other commands' parsers are left empty (a run
    parses one command's arguments, and their help is printed only when no command is named)."""
    parser = argparse.ArgumentParser(
        prog="checker",
        description="Fact-checking and consistency auditor for AI news-digest articles.",
    )
    # and which build runs: compiled (mypyc): N modules, or pure Python (checker/native.py)
    parser.add_argument("--version", action="version", version=f"checker {__version__}, {choose_build().describe()}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    builders = {
        "check": _add_check_parser,
        "rules": _add_rules_parser,
        "view": _add_view_parser,
        "cache": _add_cache_parser,
        "kb": _add_kb_parser,
        "server": _add_server_parser,
    }
    for name in _COMMANDS:
        if only in (None, name):
            builders[name](sub)
        else:
            sub.add_parser(name)  # listed (in the same order), never parsed nor printed
    return parser


def _add_check_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    check = sub.add_parser(
        "check",
        help="check files or folders (or - for stdin)",
        description="Check Markdown, text and HTML files (folders: *.md, *.markdown, *.mdx, *.txt, *.html, *.htm).",
        epilog="Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it, 2 a usage, "
        "configuration or input error. Environment: NO_COLOR turns colour off; CHECKER_DOCS_URL moves "
        "the rule documentation links; CHECKER_LOG=debug explains what the extractors decided.",
    )
    check.add_argument("paths", nargs="*", metavar="PATH", help="files or folders; - reads stdin (default: .)")
    check.add_argument(
        "--format",
        choices=tuple(FORMATS),
        default=None,
        help="report format (default: terminal): json (report.schema.json), sarif (code scanning), github "
        "(annotations), markdown (a pull-request comment), html (one page), concise (path:line:col: ...)",
    )
    check.add_argument("--output", "-o", metavar="FILE", help="write the report to FILE instead of stdout")
    check.add_argument(
        "--also-output",
        type=_format_and_file,
        metavar="FORMAT=FILE",
        action="append",
        default=[],
        help="also write the same run's report in FORMAT to FILE (repeatable; e.g. sarif=checker.sarif "
        "github=annotations.txt): one run for a job summary, code scanning and annotations",
    )
    check.add_argument(
        "--fail-on",
        choices=("error", "warning", "info", "never"),
        default=None,
        help="exit 1 when an unsuppressed finding is at or above this severity; never: always exit 0 "
        "(default: fail-on in the config, else error)",
    )
    check.add_argument(
        "--today", type=_date, metavar="YYYY-MM-DD", help='the date treated as "now" (default: the clock; pin it in CI)'
    )
    online = check.add_mutually_exclusive_group()
    online.add_argument(
        "--online",
        dest="online",
        action="store_true",
        default=False,
        help="also consult reference sources over the network (package indexes, arXiv, DOIs, link checks)",
    )
    online.add_argument("--offline", dest="online", action="store_false", help="no network look-ups (the default)")
    check.add_argument(
        "--config",
        metavar="FILE",
        help="the configuration file (default: checker.toml, else [tool.checker] in pyproject.toml, "
        "found upward from the current folder)",
    )
    check.add_argument(
        "--select",
        type=_csv,
        metavar="RULE[,RULE]",
        action="extend",
        help="run only these rules or families (e.g. date,name.typo), in place of select in the config; repeatable",
    )
    check.add_argument(
        "--ignore",
        type=_csv,
        metavar="RULE[,RULE]",
        action="extend",
        help="do not run these rules or families (added to ignore in the config); repeatable",
    )
    check.add_argument(
        "--baseline", metavar="FILE", help="report findings whose fingerprints are in FILE as suppressed"
    )
    check.add_argument("--write-baseline", metavar="FILE", help="write the current findings' fingerprints to FILE")
    check.add_argument(
        "--archive",
        metavar="PATH",
        action="append",
        help="earlier, published articles to check names, numbers and dates against; not reported on (repeatable)",
    )
    check.add_argument("--stdin-filename", metavar="NAME", default="-", help="the path to report for stdin")
    check.add_argument(
        "--show-suppressed", action="store_true", help="list suppressed findings too (terminal, concise)"
    )
    check.add_argument(
        "--color",
        choices=("auto", "always", "never"),
        default="auto",
        help="colour in the terminal report; auto: on a terminal unless NO_COLOR is set "
        "(without colour, ^^^ marks the flagged text)",
    )
    check.add_argument("--quiet", "-q", action="store_true", help="print only the report, no progress or notes")
    check.add_argument("--statistics", action="store_true", help="print counts per rule instead of the findings")
    add_discovery_arguments(check)
    from checker.fix_command import add_fix_arguments

    add_fix_arguments(check)
    check.add_argument(
        "--jobs", "-j", type=_jobs, metavar="N", help="processes for the per-document work (default: the cores)"
    )
    check.add_argument("--no-cache", action="store_true", help="neither read nor write the cache of unchanged files")


def _add_rules_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    rules = sub.add_parser("rules", help="list the rules, or explain one")
    rules.add_argument("rule", nargs="?", metavar="ID", help="a rule id (explains it) or a family (lists its rules)")
    rules.add_argument("--format", choices=("text", "json"), default="text", help="text (default) or JSON")


def _add_view_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    view = sub.add_parser("view", help="show a saved JSON report")
    view.add_argument("report", metavar="REPORT.json", help="a report written by `checker check --format json`")
    view.add_argument("--rule", type=_csv, metavar="RULE[,RULE]", action="extend", help="only these rules or families")
    view.add_argument("--severity", choices=("error", "warning", "info"), help="only at or above this severity")
    view.add_argument("--path", action="append", help="only findings whose path contains this (repeatable)")
    view.add_argument(
        "--color",
        choices=("auto", "always", "never"),
        default="auto",
        help="colour in the static report; auto: on a terminal unless NO_COLOR is set",
    )
    view.add_argument("--static", action="store_true", help="print the report instead of the interactive viewer")
    view.add_argument("--baseline", metavar="FILE", help="(interactive) where accepted findings are written")
    view.add_argument("--html", metavar="FILE", help="write the report as a self-contained HTML page to FILE")


def _add_cache_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    cache = sub.add_parser("cache", help="show or clear the caches (unchanged files, online look-ups)")
    cache.add_argument("action", choices=("info", "clear"), help="info: where they are and how big; clear: empty them")
    cache.add_argument("--config", metavar="FILE", help="the configuration file (default: found as for check)")


def _add_kb_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from checker.kb.command import add_parser

    add_parser(sub)


def _add_server_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from checker.server.command import add_parser

    add_parser(sub)


def _debug_log() -> None:
    """CHECKER_LOG=debug (or info) shows what extractors decided, e.g. which of name.typo's
    vetoes silenced a candidate (logger "checker.names"), on stderr."""
    level = os.environ.get("CHECKER_LOG", "").upper()
    if level in ("DEBUG", "INFO", "WARNING"):
        logging.basicConfig(level=level, stream=sys.stderr, format="checker: %(name)s: %(message)s")


def main(argv: Sequence[str] | None = None) -> int:
    words = sys.argv[1:] if argv is None else argv
    parser = build_parser(command_of(words))
    args = parser.parse_args(words)
    _debug_log()
    try:
        if args.command == "check":
            return cmd_check(args)
        if args.command == "rules":
            return cmd_rules(args)
        if args.command == "view":
            from checker.viewer.command import cmd_view

            return cmd_view(args)
        if args.command == "cache":
            from checker.core.resultcache import cmd_cache as cmd_results_cache
            from checker.references.cli import cmd_cache

            cmd_results_cache(args)
            return cmd_cache(args)
        if args.command == "kb":
            from checker.kb.command import cmd_kb

            return cmd_kb(args)
        if args.command == "server":
            from checker.server.command import cmd_server

            return cmd_server(args)
        parser.print_help()
        return EXIT_ERROR
    except (ConfigError, UsageError, BaselineError) as exc:
        print(f"checker: error: {for_stderr(str(exc))}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("checker: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # the reader went away (e.g. `| head`); not an error of the checked files
        with contextlib.suppress(OSError):
            sys.stdout = io.TextIOWrapper(open(os.devnull, "wb"))  # noqa: SIM115
        return EXIT_OK
    except Exception as exc:  # a bug of ours must still end in a clear message and exit 2
        print(f"checker: internal error: {type(exc).__name__}: {for_stderr(str(exc))}", file=sys.stderr)
        if os.environ.get("CHECKER_DEBUG"):
            import traceback

            traceback.print_exc()
        else:
            print("checker: set CHECKER_DEBUG=1 to see where it happened", file=sys.stderr)
        return EXIT_ERROR


def _results_cache_path() -> Path:
    from checker.core.resultcache import default_path  # here: a --no-cache run never loads sqlite3

    return default_path()


def _validate_selectors(selectors: list[str] | None, flag: str) -> None:
    for sel in selectors or []:
        if not registry.is_known_selector(sel):
            raise UsageError(f"{flag}: unknown rule or family {sel!r} (see `checker rules`)")


def cmd_check(args: argparse.Namespace) -> int:
    """`checker check` under the run's collector thresholds from its first step: reading the
    config, importing every rule and loading the word lists made ~65 collections of the young
    objects (~15 ms of a one-draft run's ~0.28 s) that freed nothing."""
    with collections_for_a_run():
        return _check(args)


def _check(args: argparse.Namespace) -> int:
    cfg: Config = load_config(args.config)
    _validate_selectors(args.select, "--select")
    _validate_selectors(args.ignore, "--ignore")
    fail_on = args.fail_on or cfg.fail_on
    baseline: set[str] = read_baseline(args.baseline) if args.baseline else set()
    paths = args.paths or ["."]
    if args.fix and "-" in paths:
        raise UsageError("--fix cannot rewrite stdin: use --diff to see the fixes, or check the file by its path")
    targets = [("--output", args.output), *(("--also-output", t) for _, t in args.also_output)]
    for flag, target in [*targets, ("--write-baseline", args.write_baseline)]:
        if target:
            _refuse_overwriting_inputs(target, paths)
            _check_target(flag, target)
    progress = RunProgress.for_terminal(sys.stderr, quiet=args.quiet)
    opts = RunOptions(
        today=args.today or dt.date.today(),
        online=args.online,
        baseline=baseline,
        stdin_name=args.stdin_filename,
        extra_select=args.select,
        extra_ignore=args.ignore or [],
        progress=progress,
    )
    notes: list[str] = []
    discovery = discovery_from_args(args)
    archive_paths = [*cfg.archive, *(args.archive or [])]
    engine = Engine(cfg, opts)
    if cfg.knowledge_base:
        # the user's own knowledge-base files are configuration: a broken one is exit 2, up front
        from checker.extract.kb import KBError, load_kb

        try:
            engine.services.kb = load_kb(cfg.knowledge_base)
        except (KBError, OSError) as exc:
            raise UsageError(f"knowledge-base: {exc}") from None
    from checker.references.cli import print_summary, services_for_run

    services_for_run(cfg, online=args.online, quiet=args.quiet, into=engine.services)
    if progress.enabled and engine.services.references is not None:
        engine.services.references.progress = progress.lookups
    from checker.core.phases import default_jobs
    from checker.core.runner import check_paths

    def warn(message: str) -> None:
        print(f"checker: warning: {for_stderr(message)}", file=sys.stderr)

    try:
        report, errors, _stats = check_paths(
            engine,
            paths,
            archive_paths,
            jobs=args.jobs or default_jobs(),
            cache_path=None if args.no_cache or args.online else _results_cache_path(),
            stdin_name=args.stdin_filename,
            notes=notes,
            warn=warn,
            discovery=discovery,
        )
    finally:
        progress.close()
    if not args.quiet:
        for note in notes:
            print(f"checker: note: {for_stderr(note)}", file=sys.stderr)
    if report is None or errors:
        for err in errors:
            print(f"checker: error: {for_stderr(str(err.path))}: {for_stderr(err.reason)}", file=sys.stderr)
        return EXIT_ERROR
    if args.online and not args.quiet:
        print_summary(engine.services)
    for crash in report.crashes:
        print(
            f"checker: error: rule {crash.rule} failed on {for_stderr(crash.document)}: {for_stderr(crash.error)}",
            file=sys.stderr,
        )
        if os.environ.get("CHECKER_DEBUG"):
            print(crash.trace, file=sys.stderr)
    if args.fix or args.diff:
        from checker.fix_command import fix_or_diff

        def recheck() -> Report:
            rerun = Engine(cfg, opts, engine.rules)
            rerun.services = engine.services
            again, errs, _ = check_paths(
                rerun, paths, archive_paths, jobs=1, cache_path=None, stdin_name=args.stdin_filename,
                discovery=discovery,
            )  # fmt: skip
            if again is None or errs:
                err = errs[0] if errs else None
                raise UsageError(f"{err.path}: {err.reason} (after fixing)" if err else "re-check after fixing failed")
            return again

        outcome = fix_or_diff(args, report, recheck)
        if isinstance(outcome, int):
            return outcome  # --diff: the patch was the output
        report = outcome
    # the run's collector thresholds while the report is built: with the default ones, the first
    # collections after the run walked every object the run left (seen as 1.7 s of a profile
    # charged to `first_line` in the documents' entries of corpus/real)
    with collections_for_a_run():
        _write_report(args, report)
    if args.write_baseline:
        try:
            n = write_baseline(args.write_baseline, report.findings)
        except OSError as exc:
            raise UsageError(f"--write-baseline {args.write_baseline}: {exc.strerror or exc}") from None
        if not args.quiet:
            target = for_stderr(str(args.write_baseline))
            print(f"checker: wrote {plural(n, 'fingerprint')} to {target}", file=sys.stderr)
    if report.crashes:
        return EXIT_ERROR
    return exit_code(report, fail_on)


def exit_code(report: Report, fail_on: str) -> int:
    if fail_on == "never":
        return EXIT_OK
    threshold = Severity.parse(fail_on)
    return EXIT_FINDINGS if any(f.severity >= threshold for f in report.findings) else EXIT_OK


def _check_target(flag: str, target: str) -> None:
    """A report or baseline that cannot be written is exit 2 before the run, so no other
    report of the run is left behind half of a set."""
    path = Path(target)
    if path.is_dir():
        raise UsageError(f"{flag} {target}: is a folder")
    if not path.parent.is_dir():
        raise UsageError(f"{flag} {target}: no such folder {path.parent}")


def _refuse_overwriting_inputs(target: str, paths: list[str]) -> None:
    out = Path(target).resolve()
    for p in paths:
        if p == "-":
            continue
        q = Path(p).resolve()
        inside = q.is_dir() and out.is_relative_to(q) and out.suffix.lower() in SUFFIXES and out.exists()
        if out == q or inside:
            raise UsageError(f"refusing to write {target}: it is one of the files being checked")


def _write_report(args: argparse.Namespace, report: Report) -> None:
    from checker.reports import get_renderer

    fmt = args.format or "terminal"
    if args.output and fmt == "json" and not args.statistics:
        _write_json_file(report, args.output, "--output")
        _write_also_outputs(args, report)
        return
    # a report file is rendered in memory and renamed into place: never left half-written
    buffer = io.StringIO() if args.output else None
    stream: TextIO = buffer if buffer is not None else sys.stdout
    color = buffer is None and fmt == "terminal" and use_color(args.color, stream)
    settings = ReportSettings(color=color, show_suppressed=args.show_suppressed, statistics=args.statistics)
    if args.statistics:
        from checker.core.reporting import render_statistics

        render_statistics(report, stream, as_json=fmt == "json")
    else:
        get_renderer(fmt)(report, stream, settings)
    if buffer is not None:
        try:
            atomic_write_text(args.output, buffer.getvalue())
        except OSError as exc:
            raise UsageError(f"--output {args.output}: {exc.strerror or exc}") from None
    _write_also_outputs(args, report)


def _write_also_outputs(args: argparse.Namespace, report: Report) -> None:
    from checker.reports import get_renderer

    for also_fmt, target in args.also_output:
        if also_fmt == "json":
            _write_json_file(report, target, "--also-output")
            continue
        text = io.StringIO()
        get_renderer(also_fmt)(report, text, ReportSettings(color=False, show_suppressed=args.show_suppressed))
        try:
            atomic_write_text(target, text.getvalue())
        except OSError as exc:
            raise UsageError(f"--also-output {target}: {exc.strerror or exc}") from None


def _write_json_file(report: Report, target: str, flag: str) -> None:
    """A JSON report file written from the UTF-8 bytes orjson gives (the same bytes as the text
    path: no decode, copy and encode of the whole report on the way)."""
    from checker.core.files import atomic_write_bytes
    from checker.core.gcpause import collector_paused
    from checker.reports.json_report import render_bytes

    with collector_paused():  # a few dicts per finding, freed as soon as the bytes are made
        data = render_bytes(report)
    try:
        atomic_write_bytes(target, *data)
    except OSError as exc:
        raise UsageError(f"{flag} {target}: {exc.strerror or exc}") from None


def cmd_rules(args: argparse.Namespace) -> int:
    rules = registry.all_rules()
    if args.rule:
        try:
            rule = registry.get_rule(args.rule)
        except KeyError:
            fam = [r for r in rules if registry.matches(r.meta.id, args.rule)]
            if not fam:
                print(
                    f"checker: error: unknown rule {for_stderr(repr(args.rule))} (see `checker rules`)", file=sys.stderr
                )
                return EXIT_ERROR
            for r in fam:
                print(f"{r.meta.id}  ({r.meta.severity.label})  {r.meta.summary}")
            return EXIT_OK
        if args.format == "json":
            import json

            print(json.dumps(_rule_json(rule), ensure_ascii=False, indent=2))
            return EXIT_OK
        print(f"{rule.meta.id}  (default severity: {rule.meta.severity.label})")
        print(rule.meta.summary)
        print()
        print(rule.doc())
        return EXIT_OK
    if args.format == "json":
        import json

        print(json.dumps([_rule_json(r) for r in rules], ensure_ascii=False, indent=2))
        return EXIT_OK
    width = max(len(r.meta.id) for r in rules)
    for r in rules:
        online = "  (online)" if r.meta.online else ""
        print(f"{r.meta.id.ljust(width)}  {r.meta.severity.label.ljust(7)}  {r.meta.summary}{online}")
    return EXIT_OK


def _rule_json(rule: type[Rule]) -> dict[str, object]:
    return {
        "id": rule.meta.id,
        "severity": rule.meta.severity.label,
        "summary": rule.meta.summary,
        "online": rule.meta.online,
        "options": rule.option_names(),
        "doc": rule.doc(),
    }
