"""Neutralise untrusted text (article text, file names, server answers) for each output sink.

Article text and file names reach the terminal, CI logs and pull-request comments. Left raw,
an ESC sequence clears the screen or retitles the window, a line that starts with `::` is a
GitHub Actions workflow command (`::add-mask::`, `::error file=...::`), and HTML or an
`@mention` in a Markdown comment renders or pings people. Each sink has one function here;
reporters call them on every text that did not come from checker itself.
"""

from __future__ import annotations

import re

from checker.text.lazy_regex import lazy_compile

# C0 and C1 controls, DEL, the line and paragraph separators, and the bidirectional
# overrides and isolates (they reorder what a reader sees: "Trojan Source")
_UNSAFE = lazy_compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": " ", "\x1b": "\\e"}


def _escape(m: re.Match[str]) -> str:
    ch = m.group(0)
    return _NAMED.get(ch) or (f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}")


def visible(text: str) -> str:
    """One line of plain text with every control character shown as a visible escape
    (ESC as \\e, a line break as \\n): nothing in it can move the cursor, change colours or
    start a new output line."""
    return _UNSAFE.sub(_escape, text)


def line_start(text: str) -> str:
    """`visible(text)`, and never the start of a workflow command: a leading `::` (after
    blanks) gets a visible backslash before it (CI logs run lines that start with `::`)."""
    out = visible(text)
    stripped = out.lstrip()
    if stripped.startswith("::"):
        return out[: len(out) - len(stripped)] + "\\" + stripped
    return out


def for_stderr(text: str) -> str:
    """A file name or message for a stderr line that begins with `checker:` (so never `::`)."""
    return visible(text)


def markdown_text(text: str) -> str:
    """Text for a Markdown table cell or paragraph: no HTML, no Markdown syntax, no @mention,
    one line."""
    out = visible(text)
    out = out.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    # the characters that start emphasis, links, code or a table cell; ( ) # ! are inert
    # once [ and ] are escaped
    out = re.sub(r"([\\`*_\[\]|~])", r"\\\1", out)
    # a word joiner after @ keeps GitHub from turning @name into a mention (and a ping)
    return out.replace("@", "@\u2060")


def markdown_code(text: str) -> str:
    """Text as an inline code span (no HTML or mentions render inside one), fenced with more
    backticks than any run inside it, as CommonMark allows."""
    out = visible(text).replace("|", "\\|")
    longest = max((len(m.group(0)) for m in re.finditer("`+", out)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if out.startswith("`") or out.endswith("`") or not out.strip() else ""
    return f"{fence}{pad}{out}{pad}{fence}"
