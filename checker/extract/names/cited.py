"""Where a name is cited rather than written by the article: the text of a Markdown link (a
cited title: "[Deepseek R1 is out](https://...)") or a quotation (「…」, “…”, "…") longer
than the name itself. A slip there is the cited author's, not the editor's."""

from __future__ import annotations

import re

from checker.core.model import Span
from checker.input.documents import Document
from checker.lexicon import alternation
from checker.text.lazy_regex import lazy_compile
from checker.text.script import HAN_CHAR

_REACH = 300  # a link text or quotation longer than this is no title
# the quotation marks of a cited title or sentence: opening -> closing
_QUOTE_PAIRS = {"「": "」", "『": "』", "“": "”", '"': '"', "《": "》"}
_LINK_TAIL = lazy_compile(r"\]\((?!\s)")
_TITLE_WORD = lazy_compile(rf"[A-Za-z]{{2,}}|(?:{HAN_CHAR.pattern}){{2,}}")


def in_link_text(doc: Document, span: Span) -> bool:
    """Whether `span` stands inside the text of a Markdown link `[text](url)` on its line that
    holds two words or more besides the name (a cited title)."""
    # searched in place, within _REACH either side (no copies of the window: this runs for
    # every name of the corpus, and most have no "[" before them)
    text = doc.source.text
    start, end = span.start, span.end
    open_at = text.rfind("[", max(0, start - _REACH), start)
    if open_at < 0 or text.find("]", open_at, start) >= 0 or text.find("\n", open_at, start) >= 0:
        return False
    hi = end + _REACH
    close_at = text.find("]", end, hi)
    if close_at < 0 or text.find("\n", end, close_at) >= 0 or text.find("[", end, close_at) >= 0:
        return False
    if _LINK_TAIL.match(text, close_at, hi) is None:  # (read no farther than the window)
        return False
    # a cited title says more than the name; a link text that is just the name (a table of
    # sources: "[Laishseng Tavern](...)") is the editor's own label
    rest = text[open_at + 1 : start] + " " + text[end:close_at]
    return len(_TITLE_WORD.findall(rest)) >= 2


def in_quotation(doc: Document, span: Span) -> bool:
    """Whether `span` stands inside a quotation on its line that holds more than the name:
    a quoted headline, post or sentence («「用cursur，又何必是cursor」»), not a name set off by
    quotation marks («「Gemni」»)."""
    text = doc.source.text
    # the line's ends are searched only as far as the window a long line is cut to: a search
    # to the start of a 2 MB line per name was quadratic (no newline that near: the line is
    # longer than the window, and the cut below gives the same bounds)
    lo, hi = max(0, span.start - 4 * _REACH - 1), span.end + 4 * _REACH + 1
    line_start = text.rfind("\n", lo, span.start) + 1 or lo
    # (no list of the file's opening marks: a regex pass over every file, twice a run, cost
    # more than the searches below, bounded by the window, for the few names asked)
    line_end = text.find("\n", span.end, hi)
    line_end = min(len(text), hi) if line_end < 0 else line_end
    if line_end - line_start > 4 * _REACH:
        line_start, line_end = max(line_start, span.start - _REACH), min(line_end, span.end + _REACH)
    # searched in place (no copies of the line: this runs for every name of the corpus)
    start, end = span.start, span.end
    for opening, closing in _QUOTE_PAIRS.items():
        o = text.rfind(opening, line_start, start)
        if o < 0 or (opening != closing and text.find(closing, o + 1, start) >= 0):
            continue
        if opening == closing and text.count(opening, line_start, start) % 2 == 0:
            continue
        c = text.find(closing, end, line_end)
        if c < 0:
            continue
        inner = (text[o + 1 : start] + text[end:c]).strip()
        if len(inner) >= 3 and any(ch.isalnum() for ch in inner):
            return True  # the quotation holds words besides the name
    return False


def cited(doc: Document, span: Span) -> bool:
    """A cited title or quotation: the name is someone else's writing."""
    return in_link_text(doc, span) or in_quotation(doc, span)


_WORD = lazy_compile(r"[A-Za-z][A-Za-z\-]*")


def spelt_out(doc: Document, span: Span, acronym: str) -> bool:
    """Whether the line of an acronym spells it out: words whose initials (or hyphen parts'
    initials) read the acronym ("Multi-Domain Unmanned Surface Vessel (MDUSV)"). Such an
    acronym is the line's own, however near a famous one it is."""
    if not (acronym.isupper() and acronym.isalpha() and len(acronym) >= 3):
        return False
    text = doc.source.text
    # (searched no farther than the window read: a long line stays linear)
    lo, hi = max(0, span.start - _REACH), min(len(text), span.end + _REACH)
    line_start = text.rfind("\n", lo, span.start) + 1 or lo
    line_end = text.find("\n", span.end, hi)
    line = text[line_start : hi if line_end < 0 else line_end]
    initials = "".join(part[0] for w in _WORD.findall(line) for part in w.split("-") if part)
    return acronym.casefold() in initials.casefold()


# a heading as long as a title, whose text the page repeats elsewhere (a <summary> line)
_TITLE_LENGTH = 16
_SOURCE_LINK = lazy_compile(rf"^[#>*\-+ \t]*\[(?:{alternation('names', 'source-label')})\]\(", re.IGNORECASE)


def cited_heading(doc: Document, span: Span) -> bool:
    """Whether `span` stands in a heading that cites a source's title: the heading's next line
    is a link labelled as its source ("### Jetbrains unbundles AI Assistant" over "[Submission
    URL](…)"), or the page repeats the heading's text elsewhere (a video title in both its
    `<summary>` and its heading). Its casing is the source author's."""
    text = doc.source.text
    line_start = text.rfind("\n", 0, span.start) + 1
    line_end = text.find("\n", span.end)
    line_end = len(text) if line_end < 0 else line_end
    line = text[line_start:line_end]
    if not line.lstrip().startswith("#"):
        return False
    title = line.lstrip().lstrip("#").strip()
    following = text[line_end + 1 : line_end + 1 + _REACH].lstrip("\r\n").split("\n", 1)[0]
    if _SOURCE_LINK.match(following):
        return True
    if len(title) < _TITLE_LENGTH:
        return False
    return text.count(title) >= 2  # the heading and its repeat
