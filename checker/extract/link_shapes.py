"""Links that were invented or can never open, read without the network.

`links.py` finds the links and judges their syntax; this module adds what a drafting
pipeline leaves behind when it writes links it never had:

- invented addresses: a placeholder part (`s41586-025-XXXXX-X`, an elided `...`), a UUID
  with letters no UUID has (`1234abcd-efgh-ijkl-mnop`), an id whose digits count up or
  repeat (`status/1958526789012345678`: a real snowflake id is random-looking);
- link text that admits the link is a stand-in (`[hypothetical source](…)`);
- anchors with no address, which Markdown shows as literal brackets: a label ending in a
  source tag (`[High EQ Reply Suggestions (AI News)]`), or a label cut off from its
  address by emphasis or a space (`**[neko]**(https://…)`, `[neko] (https://…)`);
- targets on the author's machine (`file://`, `/tmp/…`, `/Users/…`, `C:\\…`);
- relative links to files that do not exist next to the document (documents read from
  disk only; site-absolute `/path` links are skipped: the site's root is unknown).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote

from checker.core.model import Span
from checker.extract.line_scan import hit_lines, lines_with
from checker.extract.links import Link, LinkKind, Problem, md_links, scanned
from checker.extract.url_split import split_url
from checker.input.documents import Document, SegmentKind
from checker.lexicon import Lazy, alternation
from checker.text.lazy_regex import lazy_compile

# --- invented addresses -------------------------------------------------------------------

_TOKENS = lazy_compile(r"[0-9A-Za-z]+")
_X_RUN = lazy_compile(r"^[0-9Xx]*(?:XXX|xxx)[0-9Xx]*$")  # XXXXX, 2025XXXX, xxxxxxxx: a placeholder
# XX for a day or month left open: /2025/07/xx/, -2025-XX-XX
_XX_PART = lazy_compile(r"(?:(?<=[/\-_])|^)(?:xx|XX)(?=[/\-_.]|$)")
_YEAR = lazy_compile(r"(?<![0-9])20[0-9]{2}(?![0-9])")
_UUID_LIKE = lazy_compile(r"(?<![0-9A-Za-z])([0-9a-z]{8})-([0-9a-z]{4})-([0-9a-z]{4})-([0-9a-z]{4})(?![0-9A-Za-z])")
_LONG_ID = 10  # digits: a shorter number (a year, a page) may well count up
_RUN = 7  # a random 19-digit id has a run of 7 counting-up or equal digits with odds ~1e-5


def _longest_run(digits: str) -> tuple[int, str]:
    """The longest run of digits counting up (9 wraps to 0) or repeating a non-zero digit."""
    best, best_at = 1, 0
    up = same = 1
    for i, (a, b) in enumerate(itertools.pairwise(digits), start=1):
        up = up + 1 if (int(b) - int(a)) % 10 == 1 else 1
        same = same + 1 if a == b and a != "0" else 1
        if max(up, same) > best:
            best, best_at = max(up, same), i
    return best, digits[best_at - best + 1 : best_at + 1]


def invented_problem(link: Link) -> Problem | None:
    """Why a well-formed URL reads as made up, or None."""
    if link.kind is not LinkKind.URL:
        return None
    return _invented(link.target, link.text)


@lru_cache(maxsize=65536)  # asked again for the other links of a row (is it a source?) and across a corpus
def _invented(target: str, text: str) -> Problem | None:
    try:
        parts = split_url(target)  # urlsplit's result, shared with links.py's checks
    except ValueError:
        return None
    where = unquote(parts.path) + ("?" + parts.query if parts.query else "")
    elided = "..." if "..." in where else "…" if "…" in where else None
    if elided:
        return Problem(
            "invented",
            f"the address {text} is elided with '{elided}': part of it was left out or never known",
            "link the full address of the page",
        )
    for token in _TOKENS.findall(where):
        if _X_RUN.match(token) or ((token == "XX" or token == "xx") and _XX_PART.search(where) and _YEAR.search(where)):
            return Problem(
                "invented",
                f"{token!r} in {text} is a placeholder, not part of a real address",
                "link the real page, or drop the link",
            )
        if len(token) >= _LONG_ID and token.isdigit():
            run, digits = _longest_run(token)
            if run >= _RUN:
                return Problem(
                    "invented",
                    f"the id {token} in {text} has the run {digits}: real ids are random-looking, "
                    "this one reads as typed up",
                    "link the real page, or drop the link",
                )
    for m in _UUID_LIKE.finditer(parts.path.lower()):
        if any(c.isdigit() for c in m.group(1)) and re.search("[g-z]", m.group(0)):
            return Problem(
                "invented",
                f"{m.group(0)!r} in {text} is shaped like a UUID but holds letters no UUID has "
                "(UUIDs are hexadecimal: 0-9, a-f)",
                "link the real page, or drop the link",
            )
    return None


_HYPOTHETICAL = Lazy(lambda: alternation("links", "hypothetical"), re.IGNORECASE)


def label_problem(link: Link) -> Problem | None:
    """Link text that says the link is a stand-in."""
    if not link.label:
        return None
    m = _HYPOTHETICAL.compiled.search(link.label)
    if m is None:
        return None
    return Problem(
        "invented",
        f"the link text says {m.group(0)!r}: the link is a stand-in, not a source",
        "link the real source, or drop the link",
    )


# --- anchors, local and relative targets -----------------------------------------------


# not frozen (as checker/core/model.py's value types): a frozen dataclass costs two more generated
# methods to declare at every start and an object.__setattr__ per field to build; never assigned to
@dataclass(slots=True, unsafe_hash=True)
class Odd:
    """A link-like construct of the text that `links.py` does not read as a link."""

    span: Span
    problem: Problem
    form: str  # anchor, local, relative
    target: str | None = None


# [label (AI News)] not followed by an address, a reference or a definition colon; a label
# that ends in a bracketed source tag is a link label, not an aside
_TAGGED_ANCHOR = lazy_compile(
    r"(?<![\]!\\\[])\[(?P<label>[^\[\]\n]{1,200}?[ \t]?[(（][^()（）\[\]\n]{1,30}[)）])\](?![(\[:])"
)
# [label]**(https://…) or [label] (https://…): the address is cut off from its label
_CUT_ANCHOR = lazy_compile(
    r"(?<![\\!])\[(?P<label>[^\[\]\n]{1,200})\](?P<gap>[*_]+|[ \t]+)\((?P<url>https?://[^()\s]+)\)"
)
# what every match of the two holds, searched first (in C, no backtracking over labels):
# most lines with a "[" have neither
_TAGGED_GATE = lazy_compile(r"[)）]\]")
_CUT_GATE = lazy_compile(r"\][*_ \t]+\(https?://")
_DEFINITION = lazy_compile(r"^[ \t]{0,3}\[([^\]\n]+)\]:", re.MULTILINE)
_LOCAL = lazy_compile(
    r"^(?:file:/|/tmp/|/private/tmp/|/var/folders/|/Users/|/home/|/root/|~/|[A-Za-z]:[\\/])", re.IGNORECASE
)
_ATTR_VALUE = lazy_compile(r"""\b(?:href|src)\s*=\s*(?:"(?P<dq>[^"\n]*)"|'(?P<sq>[^'\n]*)')""", re.IGNORECASE)
_NOT_RELATIVE = lazy_compile(
    r"^(?:[#/?{<$%]|https?//|[A-Za-z][A-Za-z0-9+.\-]{1,15}:|www\.|[\w\-]+(?:\.[\w\-]+)*"
    r"\.(?:com|org|net|io|ai|cn|dev|co|app|me|tw|hk|jp|uk|de|fr|gov|edu|info|xyz|so|gg|tv|news)(?:[/:?#]|$))",
    re.IGNORECASE,
)
_TEXT_TARGETS = frozenset({"", ".md", ".mdx", ".markdown", ".html", ".htm", ".txt"})


def odd_links(doc: Document) -> list[Odd]:
    """Anchors with no address, local-machine targets, dead relative links (cached)."""
    return doc.cached("links.odd", _odd_links)


def _odd_links(doc: Document) -> list[Odd]:
    if doc.format == "html":
        return []
    text, lowered = scanned(doc)
    base = doc.span.start
    out: list[Odd] = []
    defined: set[str] | None = None
    # the lines with a "[" that a gate hits, each gate searched once over the whole text
    cut, tagged = set(hit_lines(text, _CUT_GATE)), set(hit_lines(text, _TAGGED_GATE))
    for a, b in sorted(line for line in cut | tagged if text.find("[", line[0], line[1]) != -1):
        for m in _CUT_ANCHOR.finditer(text, a, b) if (a, b) in cut else ():
            gap = "emphasis" if m.group("gap").strip() else "a space"
            # emphasis marks between the two go after the address: **[t]**(u) -> **[t](u)**
            fixed = f"[{m.group('label')}]({m.group('url')})" + "".join(m.group("gap").split())
            out.append(
                Odd(
                    Span(base + m.start(), base + m.end()),
                    Problem(
                        "bare-anchor",
                        f"{gap} stands between the link text [{m.group('label')}] and its address, so Markdown "
                        "shows both as plain text",
                        fixed,
                    ),
                    "anchor",
                    m.group("url"),
                )
            )
        for m in _TAGGED_ANCHOR.finditer(text, a, b) if (a, b) in tagged else ():
            if defined is None:
                defined = {d.strip().lower() for d in _DEFINITION.findall(text)}
            if m.group("label").strip().lower() in defined or not text[m.end() : b].strip(" \t*_"):
                continue  # a reference link, or a label closing its line (a heading tag)
            out.append(
                Odd(
                    Span(base + m.start(), base + m.end()),
                    Problem(
                        "bare-anchor",
                        f"the link text [{m.group('label')}] has no address: Markdown shows it as literal brackets",
                        "add the link's address, or drop the brackets",
                    ),
                    "anchor",
                )
            )
    for m in md_links(doc):  # the Markdown links, as the link extractor found them
        dest = m.group("angle") if m.group("angle") is not None else m.group("dest")
        if dest:
            out.extend(_target(doc, dest, base + m.start("angle" if m.group("angle") is not None else "dest")))
    for a, b in lines_with(text, lowered, "src", "href"):
        for m in _ATTR_VALUE.finditer(text, a, b):
            group = "dq" if m.group("dq") is not None else "sq"
            value = m.group(group) or ""
            if value and _LOCAL.match(value):
                start = base + m.start(group)
                out.append(_local(Span(start, start + len(value)), value))
    out.sort(key=lambda o: o.span)
    return out


def _folder(doc: Document) -> Path | None:
    """The document's folder when the document was read from a file on disk."""
    try:
        path = Path(doc.path)
        return path.parent if path.is_file() else None
    except (OSError, ValueError):
        return None


def _local(span: Span, dest: str) -> Odd:
    """A link target on the author's machine (a local path or file: address)."""
    return Odd(
        span,
        Problem(
            "local-path",
            f"the target {dest} is a path on the author's machine: no reader can open it",
            "upload the file and link it by its web address",
        ),
        "local",
        dest,
    )


def _target(doc: Document, dest: str, start: int) -> list[Odd]:
    span = Span(start, start + len(dest))
    if _LOCAL.match(dest):
        return [_local(span, dest)]
    if _NOT_RELATIVE.match(dest) or any(c in dest for c in "{}<>$|"):
        return []
    # the document's folder, asked of the file system only for a link that may be relative
    # (a stat per document cost more than the rest of these shapes)
    where = doc.cached("links.folder", _folder)
    if where is None:
        return []
    written = unquote(dest.split("#", 1)[0].split("?", 1)[0])
    if not written or "\x00" in written:
        return []
    try:
        resolved = where / written
        if _exists(resolved):
            return []
        suffix = resolved.suffix.lower()
        if suffix not in _TEXT_TARGETS and not resolved.parent.is_dir():
            return []  # an asset folder absent as a whole: the articles were copied without it
    except (OSError, ValueError):
        return []
    return [
        Odd(
            span,
            Problem(
                "dead-relative",
                f"the relative link {dest} points at {written}, which does not exist next to this document"
                if written != dest
                else f"the relative link {dest} points at a file that does not exist next to this document",
                _sibling(resolved),
            ),
            "relative",
            dest,
        )
    ]


def _sibling(path: Path) -> str | None:
    """A file beside the missing one whose name is close (a renamed or re-dated file)."""
    try:
        names = [p.name for p in path.parent.iterdir()] if path.parent.is_dir() else []
    except OSError:
        return None
    import difflib  # here: only a broken local link asks for a close name

    close = difflib.get_close_matches(path.name, names, n=1, cutoff=0.85)
    return f"did you mean {close[0]}?" if close else None


def _exists(path: Path) -> bool:
    """A file or folder, or a page written as its source file (`post/` for post.md)."""
    if path.exists():
        return True
    stem = str(path).rstrip("/\\")
    return any(Path(stem + ext).exists() for ext in (".md", ".mdx", ".html", "/index.md", "/_index.md"))


# --- a search link beside the item's real source ---------------------------------------------


def _item_of(doc: Document, link: Link) -> tuple[Span, str] | None:
    """The table row or list item (its paragraph) that holds the link, and what it is."""
    for seg in doc.segments:
        if seg.span.start <= link.span.start < seg.span.end:
            if seg.kind is SegmentKind.TABLE:
                return seg.span, "table row"
            if "list" in seg.containers and seg.kind is SegmentKind.PARAGRAPH:
                return seg.span, "list item"
            return None
    return None


def search_beside_source(doc: Document, link: Link, links: list[Link], is_source: Callable[[Link], bool]) -> bool:
    """A search link on an item's title in a table row or list item that also links a real
    page (a "來源" column, a second link): the row is sourced, the search is a look-up aid."""
    item = _item_of(doc, link)
    if item is None:
        return False
    span, _ = item
    return any(
        other is not link
        and span.start <= other.span.start < span.end
        and other.kind is LinkKind.URL
        and other.form != "image"
        and is_source(other)
        for other in links
    )


def search_place(doc: Document, link: Link) -> str:
    """Where a search link stands, for a message that is true: "table row", "list item", "text"."""
    item = _item_of(doc, link)
    return item[1] if item is not None else "text"


def search_problem(doc: Document, link: Link, problem: Problem) -> Problem:
    """The search-page problem worded for where the link stands (the item links nothing else)."""
    place = search_place(doc, link)
    query = problem.message.rsplit("(query: ", 1)[-1].rstrip(")") if "(query: " in problem.message else ""
    if place == "text":
        message = f"a search-engine results page is linked instead of a source (query: {query})"
    else:
        message = (
            f"a search-engine results page is cited where the source belongs: this {place} links no source page"
            f" (query: {query})"
        )
    return Problem(problem.category, message, problem.suggestion)
