"""`checker server`: the command, which says how to install pygls when it is missing."""

from __future__ import annotations

import argparse
import sys


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    server = sub.add_parser(
        "server",
        help="run the language server for editors (LSP over stdio; needs checker[server])",
        description="Speak the Language Server Protocol on stdin/stdout: diagnostics and quick fixes "
        "for Markdown, text and HTML buffers. See docs/editors.md for VS Code and Neovim.",
    )
    # editors' LSP clients commonly pass --stdio; stdio is the only transport
    server.add_argument("--stdio", action="store_true", help="talk over stdin/stdout (the default and only transport)")


def cmd_server(args: argparse.Namespace) -> int:
    try:
        from checker.server.app import serve
    except ImportError as exc:
        print(
            f"checker: error: the language server needs pygls ({exc.name or exc}): pip install 'checker[server]'",
            file=sys.stderr,
        )
        return 2
    return serve()
