"""build_parser(only=COMMAND) (what a run builds) parses that command exactly as the full parser."""

from __future__ import annotations

import argparse

import pytest

from checker.cli import _COMMANDS, build_parser, command_of

LINES = [
    ["check", "a.md", "--format", "json", "-o", "/tmp/r.json", "--today", "2026-01-02", "--select", "date,name"],
    ["check", "-", "--stdin-filename", "x.md", "--no-cache", "-j", "2", "--offline", "-q"],
    ["rules", "name.typo", "--format", "json"],
    ["view", "r.json", "--static", "--severity", "warning"],
    ["cache", "info"],
    ["kb", "--help"],
]


def _subcommands(parser: argparse.ArgumentParser) -> list[str]:
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return list(action.choices)


def test_every_command_is_known_to_command_of() -> None:
    assert _subcommands(build_parser()) == list(_COMMANDS)
    assert command_of(["check", "x"]) == "check"
    assert command_of(["-h", "check"]) is None  # the top-level help lists every command
    assert command_of(["chek"]) is None and command_of([]) is None


@pytest.mark.parametrize("argv", [line for line in LINES if "--help" not in line])
def test_one_command_parses_as_the_full_parser(argv: list[str]) -> None:
    only = command_of(argv)
    assert only is not None
    assert _subcommands(build_parser(only)) == list(_COMMANDS)
    assert vars(build_parser(only).parse_args(argv)) == vars(build_parser().parse_args(argv))


def test_one_command_help_is_the_full_parsers(capsys: pytest.CaptureFixture[str]) -> None:
    for only in _COMMANDS:
        texts = []
        for parser in (build_parser(only), build_parser()):
            with pytest.raises(SystemExit):
                parser.parse_args([only, "--help"])
            texts.append(capsys.readouterr().out)
        assert texts[0] == texts[1] and only in texts[0]
