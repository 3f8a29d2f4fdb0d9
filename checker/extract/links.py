"""Links in documents: URLs, DOIs and arXiv ids, each with its source span.

Found in Markdown links and images (`[text](url)`), autolinks (`<https://…>`), reference
definitions (`[1]: https://…`), HTML attributes (`href`, `src`), bare URLs in prose, and
DOIs (`doi:10.…`, `10.1038/…`) and arXiv ids (`arXiv:2501.12948`) written in the text.
Code blocks, inline code, comments and front matter are not read.

Bare URLs end at whitespace, at CJK text and punctuation (Chinese prose runs straight on
after a URL: 「详见https://a.b/c这篇」), and lose trailing sentence punctuation, emphasis
markers and unbalanced closing brackets. Markdown link destinations are taken whole, so
a destination with raw CJK characters (a search URL) is kept intact.

The validity checks of `link.invalid` live here too (pure functions, no network), so that
other rules and the online checks agree on what a well-formed URL, DOI or arXiv id is.
"""

from __future__ import annotations

import datetime as dt
import enum
import ipaddress
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from urllib.parse import SplitResult, parse_qs, unquote

from checker.core.model import Evidence, Hit, Span, Verdict
from checker.core.rule import RunContext
from checker.extract.line_scan import hit_lines, lines_with
from checker.extract.url_split import split_url
from checker.input.documents import Document, SegmentKind
from checker.text.lazy_regex import lazy_compile
from checker.text.script import HAN


class LinkKind(enum.StrEnum):
    URL = "url"
    DOI = "doi"
    ARXIV = "arxiv"


@dataclass(slots=True, unsafe_hash=True)
class Link:
    kind: LinkKind
    text: str  # exactly as written, after trimming (== source[span])
    span: Span
    target: str  # the URL (scheme added to www.), the DOI ("10.x/y") or the arXiv id
    form: str  # markdown, image, autolink, reference, html, bare, doi, arxiv
    label: str | None = None  # the Markdown link text

    @property
    def host(self) -> str | None:
        if self.kind is not LinkKind.URL:
            return None
        try:
            return (split_url(self.target).hostname or "").lower() or None
        except ValueError:
            return None


# --- extraction -------------------------------------------------------------------------

# [label](destination "title") and ![alt](src) (the "!" is read before the match, so the
# pattern starts with a literal and the regex engine skips ahead fast); destinations may
# hold one level of balanced parentheses (Wikipedia URLs) and raw non-ASCII characters.
# The destination is read possessively, a run at a time: what may follow it (space or ")") can
# never follow a shorter one, so giving characters back never made a match, and a run per
# step costs half the time of a character per step.
MD_LINK = lazy_compile(
    r"\[(?P<label>[^\]\n]{0,500})\]\(\s*"
    r"(?:<(?P<angle>[^>\n]*)>|(?P<dest>(?:[^\s()]++|\([^\s()]*+\))++))"
    r"(?:\s+(?:\"[^\"\n]*\"|'[^'\n]*'|\([^)\n]*\)))?\s*\)"
)
# a Markdown link whose destination has spaces: not a link to CommonMark (it renders as
# text), yet plainly meant as one
_MD_SPACED = lazy_compile(r"\[(?P<label>[^\]\n]{0,500})\]\((?P<dest>https?://[^()\s]+(?:[ \t][^()\s]+)+)\)")
# every _MD_SPACED match holds this (the destination's first space): lines without it are skipped.
# Possessive: the run holds no space, so giving it back never finds one (a line of links cost a
# step back for each character of every address)
_SPACED_GATE = lazy_compile(r"\]\(https?://[^()\s]++[ \t]")
_AUTOLINK = lazy_compile(r"<(?P<url>[A-Za-z][A-Za-z0-9+.\-]{1,31}:[^\s<>]+)>")
_REFERENCE = lazy_compile(r"^[ \t]{0,3}\[[^\]\n]+\]:[ \t]*<?(?P<url>[^\s>]+)>?", re.MULTILINE)
_ATTR = lazy_compile(r"""\b(?:href|src)\s*=\s*(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)')""", re.IGNORECASE)
# a bare URL: stops at whitespace, quotes, angle brackets, CJK characters and punctuation
_STOP = "\\s<>\"'`\u3000-\u303f" + HAN + "\uff00-\uffef\u2018-\u201f\u2026"
# (what may not stand before a bare URL is checked by hand, ASCII only: Chinese runs
# straight into a URL, 「詳見https://…」)
# led by one class of its first letters (the same matches as `(?:[hH][tT][tT][pP][sS]?://|[wW][wW][wW]\.)…`):
# the engine scans for the class in C, so the whole text is searched at once (0.18 -> 0.08 s on
# the real corpus, where a search per line holding "http" or "www." cost a Python step per line)
_BARE = lazy_compile(rf"[hHwW](?:(?<=[hH])[tT][tT][pP][sS]?://|(?<=[wW])[wW][wW]\.)[^{_STOP}]+")
_NOT_BEFORE_BARE = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_@/.-")
# in prose a DOI needs a registrant-like prefix, or "doi:" before it ("10.5/s" is a speed)
_DOI = lazy_compile(
    rf"(?<![A-Za-z0-9_/.\-])(?:doi:\s*(?P<tagged>10\.[^{_STOP}]+)|(?P<doi>10\.\d{{4,9}}/[^{_STOP}]+))", re.IGNORECASE
)
_ARXIV = lazy_compile(
    r"(?<![A-Za-z0-9_/])arXiv\s*[:：]?\s*(?P<id>\d{4}\.\d{4,5}(?:v\d+)?|[a-z\-]+(?:\.[A-Z]{2})?/\d{7}(?:v\d+)?)\b",
    re.IGNORECASE,
)
# `(``*)`: one backtick, then the rest of the run (the same as `(`+)`), so the pattern opens with a
# literal that the engine scans for in C; `(`+)` was tried at every position (0.1 s on the real corpus)
_INLINE_CODE = lazy_compile(r"(``*)[^`\n](?:.*?[^`])?\1(?!`)")
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_TRAIL = ".,;:!?*_~'\u3002\uff0c\uff1b\uff1a\uff01\uff1f\u3001"
_PAIRS = {")": "(", "]": "[", "}": "{"}


def trim_url(text: str) -> str:
    """Drop trailing sentence punctuation, emphasis and unbalanced closing brackets."""
    while text:
        last = text[-1]
        if last in _TRAIL or (last in _PAIRS and text.count(last) > text.count(_PAIRS[last])):
            text = text[:-1]
        else:
            break
    return text


def _masked_regions(doc: Document) -> list[Span]:
    """Parts of the document no link is read from: code, comments, front matter."""
    out = [s.span for s in doc.segments if s.kind in (SegmentKind.CODE, SegmentKind.COMMENT, SegmentKind.FRONT_MATTER)]
    if doc.front_matter_span is not None:
        out.append(doc.front_matter_span)
    return out


def scanned_text(doc: Document) -> str:
    """The document's source with masked regions and inline code blanked (same length)."""
    text = doc.source.text
    base, stop = doc.span.start, doc.span.end
    parts: list[str] = []
    pos = base
    # blank each masked region by slicing, not character by character
    for span in sorted(_masked_regions(doc), key=lambda s: s.start):
        a, b = max(span.start, pos), min(span.end, stop)
        if b <= a:
            continue
        parts.append(text[pos:a])
        parts.append(" " * (b - a))
        pos = b
    parts.append(text[pos:stop])
    scanned = "".join(parts)
    return _INLINE_CODE.sub(lambda m: " " * len(m.group(0)), scanned)


def scanned(doc: Document) -> tuple[str, str]:
    """`scanned_text(doc)` and its lower-case twin (same length), once per document: the
    link extractor and the odd-link shapes both read it."""
    return doc.cached("links.scanned", _scanned)


def _scanned(doc: Document) -> tuple[str, str]:
    text = scanned_text(doc)
    lowered = text.lower()
    if len(lowered) != len(text):  # İ and a few others lower to two characters
        lowered = text.translate(_ASCII_LOWER)
    return text, lowered


def md_links(doc: Document) -> list[re.Match[str]]:
    """MD_LINK's matches in the scanned text, searched on the lines that hold "](" (a match
    holds it, so no other line has one), once per document: the link extractor and the
    odd-link shapes both read them."""
    return doc.cached("links.md", _md_links)


def _md_links(doc: Document) -> list[re.Match[str]]:
    text, lowered = scanned(doc)
    return [m for a, b in lines_with(text, lowered, "](") for m in MD_LINK.finditer(text, a, b)]


def extract_links(doc: Document) -> list[Link]:
    """Every link of a document, in source order (cached per document by `links_of`)."""
    if doc.format == "html":
        return _html_links(doc)
    text, lowered = scanned(doc)
    base = doc.span.start
    taken = bytearray(len(text))  # 1 where a link (or a whole Markdown link) already stands
    out: list[Link] = []

    def add(kind: LinkKind, start: int, written: str, target: str, form: str, label: str | None = None) -> bool:
        end = start + len(written)
        if not written or taken.find(1, start, end) != -1:
            return False
        taken[start:end] = b"\x01" * (end - start)
        out.append(Link(kind, written, Span(base + start, base + end), target, form, label))
        return True

    def matches(regex: re.Pattern[str], *needles: str, gate: re.Pattern[str] | None = None) -> Iterator[re.Match[str]]:
        for a, b in lines_with(text, lowered, *needles):
            if gate is None or gate.search(text, a, b):
                yield from regex.finditer(text, a, b)

    for m in md_links(doc):
        group = "angle" if m.group("angle") is not None else "dest"
        dest = m.group(group) or ""
        if not dest or dest.startswith(("#", "/", "./", "../", "mailto:", "tel:")) or not _looks_absolute(dest):
            continue
        form = "image" if m.start() > 0 and text[m.start() - 1] == "!" else "markdown"
        if add(LinkKind.URL, m.start(group), dest, _with_scheme(dest), form, m.group("label")):
            # the whole construct is consumed: a URL written as the label is not read twice
            taken[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
    # (the gate holds "](": only lines md_links read can hold a spaced link)
    for m in (m for a, b in hit_lines(text, _SPACED_GATE) for m in _MD_SPACED.finditer(text, a, b)):
        if m.start() > 0 and text[m.start() - 1] == "!":
            continue
        dest = m.group("dest")
        add(LinkKind.URL, m.start("dest"), dest, dest, "markdown-spaced", m.group("label"))
    for regex, form, needle in ((_AUTOLINK, "autolink", "<"), (_REFERENCE, "reference", "]:")):
        for m in matches(regex, needle):
            url = m.group("url")
            if _looks_absolute(url):
                add(LinkKind.URL, m.start("url"), url, _with_scheme(url), form)
    for m in matches(_ATTR, "href", "src"):
        group = "dq" if m.group("dq") is not None else "sq"
        value = (m.group(group) or "").strip()
        if value.lower().startswith(("http://", "https://", "www.")):
            add(LinkKind.URL, m.start(group), value, _with_scheme(value), "html")
    for m in _BARE.finditer(text):  # never across a line: as `matches` would give
        # a URL read already (the address of a Markdown link): `add` would refuse it
        if taken[m.start()] or (m.start() > 0 and text[m.start() - 1] in _NOT_BEFORE_BARE):
            continue
        written = trim_url(m.group(0))
        add(LinkKind.URL, m.start(), written, _with_scheme(written), "bare")
    for m in matches(_DOI, "10."):
        group = "tagged" if m.group("tagged") is not None else "doi"
        written = trim_url(m.group(group))
        add(LinkKind.DOI, m.start(group), written, normalise_doi(written), "doi")
    for m in matches(_ARXIV, "arxiv"):
        add(LinkKind.ARXIV, m.start("id"), m.group("id"), m.group("id"), "arxiv")
    out.sort(key=lambda link: link.span)
    return out


def _html_links(doc: Document) -> list[Link]:
    """HTML documents: `href` of links and `src` of images, and bare URLs in the text."""
    out: list[Link] = []
    seen: set[int] = set()
    text = doc.source.text
    for m in re.finditer(r"<(a|img)\b[^>]*>", text[doc.span.start : doc.span.end], re.IGNORECASE):
        for attr in _ATTR.finditer(m.group(0)):
            group = "dq" if attr.group("dq") is not None else "sq"
            value = attr.group(group) or ""
            stripped = value.strip()
            if not stripped.lower().startswith(("http://", "https://")):
                continue
            start = doc.span.start + m.start() + attr.start(group) + (len(value) - len(value.lstrip()))
            seen.add(start)
            out.append(Link(LinkKind.URL, stripped, Span(start, start + len(stripped)), stripped, "html"))
    for seg in doc.segments:
        if seg.kind not in (SegmentKind.PARAGRAPH, SegmentKind.HEADING, SegmentKind.TABLE):
            continue
        for m in _BARE.finditer(seg.text):
            if m.start() > 0 and seg.text[m.start() - 1] in _NOT_BEFORE_BARE:
                continue
            written = trim_url(m.group(0))
            span = seg.to_source(m.start(), m.start() + len(written))
            if span.start in seen or text[span.start : span.end] != written:
                continue  # entity-decoded text: positions would not match the source
            out.append(Link(LinkKind.URL, written, span, _with_scheme(written), "bare"))
    out.sort(key=lambda link: link.span)
    return out


def links_of(doc: Document) -> list[Link]:
    """The links of a document, extracted once and shared by every rule."""
    return doc.cached("links", extract_links)


def _looks_absolute(dest: str) -> bool:
    """A scheme, www., or the colon-less "https//" slip (which would be a relative link)."""
    return bool(_ABSOLUTE.match(dest))


_ABSOLUTE = lazy_compile(r"^(?:[A-Za-z][A-Za-z0-9+.\-]{1,15}:|www\.|https?//)", re.IGNORECASE)
_ARXIV_PATH = lazy_compile(r"^/(?:abs|pdf|html)/(.+?)(?:\.pdf)?/?$")


def _with_scheme(url: str) -> str:
    return "http://" + url if url.lower().startswith("www.") else url


def normalise_doi(doi: str) -> str:
    """A DOI as registered: bioRxiv/medRxiv version suffixes (`v1`) and `.full` dropped."""
    doi = unquote(doi).strip()
    if doi.startswith("10.1101/"):
        doi = re.sub(r"(?:v\d+)?(?:\.full(?:\.pdf)?|\.abstract)?$", "", doi)
    return doi


# --- identifiers inside URLs ------------------------------------------------------------

_DOI_HOSTS = frozenset({"doi.org", "dx.doi.org", "www.doi.org"})
_ARXIV_HOSTS = frozenset({"arxiv.org", "www.arxiv.org", "export.arxiv.org"})
_DOI_PATH = lazy_compile(r"/doi/(?:abs/|full/|pdf/|epdf/)?(10\.\d+/.+)$")
_BIORXIV = lazy_compile(r"/content/(10\.1101/[^/?#]+)")
_NATURE = lazy_compile(r"^/articles/(s\d{5}-\d{3}-\d{5}-\w)$")


@lru_cache(maxsize=65536)  # per link of every document; the same URLs recur across a corpus
def doi_in_url(url: str) -> str | None:
    """The DOI a URL names: doi.org/<doi>, publisher /doi/<doi> paths, bioRxiv and nature.com."""
    try:
        parts = split_url(url)
    except ValueError:
        return None
    host = (parts.hostname or "").lower()
    path = unquote(parts.path)
    if host in _DOI_HOSTS and path.startswith("/10."):
        return normalise_doi(path[1:])
    m = _DOI_PATH.search(path)
    if m:
        return normalise_doi(m.group(1))
    if host.endswith(("biorxiv.org", "medrxiv.org")):
        m = _BIORXIV.search(path)
        if m:
            return normalise_doi(m.group(1))
    if host in ("www.nature.com", "nature.com"):
        m = _NATURE.match(path)
        if m:
            return "10.1038/" + m.group(1)
    return None


@lru_cache(maxsize=65536)
def arxiv_in_url(url: str) -> str | None:
    """The arXiv id of an arxiv.org abs/pdf/html URL (as written, possibly malformed)."""
    try:
        parts = split_url(url)
    except ValueError:
        return None
    if (parts.hostname or "").lower() not in _ARXIV_HOSTS:
        return None
    m = _ARXIV_PATH.match(parts.path)
    return m.group(1) if m else None


# --- validity -----------------------------------------------------------------------------

_NEW_ARXIV = lazy_compile(r"^(?P<yy>\d{2})(?P<mm>\d{2})\.(?P<num>\d{4,5})(?:v(?P<v>\d+))?$")
_OLD_ARXIV = lazy_compile(r"^[a-z\-]+(?:\.[A-Z]{2})?/(?P<yy>\d{2})(?P<mm>\d{2})\d{3}(?:v\d+)?$")


def arxiv_problem(arxiv_id: str, published: dt.date | None = None) -> str | None:
    """Why an arXiv id cannot exist, or None.

    New-style ids are YYMM.NNNNN since 2007 (four digits after the dot until 2014, five
    from 1501); old-style ids are archive/YYMMNNN (1991 to March 2007).
    """
    m = _NEW_ARXIV.match(arxiv_id)
    if m:
        yy, mm, num = int(m.group("yy")), int(m.group("mm")), m.group("num")
        if not 1 <= mm <= 12:
            return f"month {mm:02d} in arXiv id {arxiv_id} does not exist"
        if yy < 7 or (yy == 7 and mm < 4):
            return f"arXiv id {arxiv_id}: the YYMM.NNNNN form starts in April 2007"
        if (yy, mm) < (15, 1) and len(num) != 4:
            return f"arXiv id {arxiv_id}: ids before 2015 have four digits after the dot"
        if (yy, mm) >= (15, 1) and len(num) != 5:
            return f"arXiv id {arxiv_id}: ids since 2015 have five digits after the dot"
        if int(num) == 0 or (m.group("v") is not None and int(m.group("v")) == 0):
            return f"arXiv id {arxiv_id}: numbers and versions start at 1"
        if published is not None and (2000 + yy, mm) > (published.year, published.month):
            return (
                f"arXiv id {arxiv_id} is from {2000 + yy}-{mm:02d}, after this article's date {published.isoformat()}"
            )
        return None
    m = _OLD_ARXIV.match(arxiv_id)
    if m:
        yy, mm = int(m.group("yy")), int(m.group("mm"))
        if not 1 <= mm <= 12:
            return f"month {mm:02d} in arXiv id {arxiv_id} does not exist"
        if 8 <= yy <= 90:
            return f"arXiv id {arxiv_id}: old-style ids run from 1991 to 2007"
        return None
    return f"{arxiv_id!r} is not an arXiv id (YYMM.NNNNN or archive/YYMMNNN)"


_DOI_SHAPE = lazy_compile(r"^10\.\d{4,9}(?:\.\d+)*/\S+$")


def doi_problem(doi: str) -> str | None:
    """Why a DOI is malformed, or None."""
    if not _DOI_SHAPE.match(doi):
        if not re.match(r"^10\.\d{4,9}", doi):
            return f"DOI {doi} has no registrant prefix (10. followed by four to nine digits)"
        return f"DOI {doi} has no suffix after the prefix"
    return None


def _filler(group: str, min_len: int) -> bool:
    """000000, 01234, 1234567890: one digit repeated, or digits counting up."""
    if len(group) < min_len:
        return False
    return len(set(group)) == 1 or all((int(b) - int(a)) % 10 == 1 for a, b in itertools.pairwise(group))


def placeholder_digits(identifier: str, *, min_len: int) -> str | None:
    """A digit group of an identifier (a DOI suffix) that reads like filler."""
    for group in re.findall(r"\d+", identifier):
        if _filler(group, min_len):
            return str(group)
    return None


def placeholder_token(path: str, *, min_len: int = 6) -> str | None:
    """A URL path token that reads like filler: all digits and filler (status/1234567890,
    -000000), or containing 123456789 (a made-up UUID). Digits inside a longer hex or
    alphanumeric id (xiaohongshu's 694b8bed000000000d034d47) do not count."""
    for token in re.split(r"[^0-9A-Za-z]+", path):
        if token.isdigit() and _filler(token, min_len):
            return token
        if "123456789" in token:
            return token
    return None


_EXAMPLE_PREFIXES = frozenset({"1234", "12345", "123456", "0000", "00000"})
_PLACEHOLDER_HOSTS = ("example.com", "example.org", "example.net", "example.edu")
_PLACEHOLDER_TLDS = ("example", "test", "invalid", "localhost")
_PLACEHOLDER_SUFFIXES = tuple("." + h for h in _PLACEHOLDER_HOSTS)
_PLACEHOLDER_WORDS = lazy_compile(r"^(?:your|my)[-_]?(?:domain|site|website|company|server|host)\.|^domain\.com$")
_SEARCH_PAGES: tuple[tuple[re.Pattern[str], str, str], ...] = (
    (re.compile(r"^(?:www\.)?google\.[a-z.]{2,6}$"), "/search", "q"),
    (re.compile(r"^(?:www\.|cn\.)?bing\.com$"), "/search", "q"),
    (re.compile(r"^(?:www\.|m\.)?baidu\.com$"), "/s", "wd|word"),
    (re.compile(r"^(?:html\.|www\.)?duckduckgo\.com$"), "/", "q"),
    (re.compile(r"^(?:www\.)?sogou\.com$"), "/web", "query"),
    (re.compile(r"^(?:www\.)?so\.com$"), "/s", "q"),
    (re.compile(r"^search\.yahoo\.[a-z.]+$"), "/search", "p"),
    (re.compile(r"^(?:www\.)?yandex\.[a-z.]+$"), "/search", "text"),
    (re.compile(r"^search\.naver\.com$"), "/search.naver", "query"),
)
_GROUNDING = lazy_compile(r"^vertexaisearch\.cloud\.google\.com$")


@dataclass(slots=True, unsafe_hash=True)
class Problem:
    """What is wrong with a link (`category` keys the message and the fingerprint)."""

    category: str
    message: str
    suggestion: str | None = None


# a part of every host name of _SEARCH_PAGES: a host with none is no search page (one C test
# where the nine patterns each cost a call)
_SEARCH_HOST_GATE = lazy_compile(
    r"google\.|bing\.com|baidu\.com|duckduckgo\.com|sogou\.com|so\.com|yahoo\.|yandex\.|naver\.com"
)


def search_query(url: str) -> str | None:
    """The query of a search-engine results page, or None when the URL is not one."""
    try:
        parts = split_url(url)
    except ValueError:
        return None
    return _search_query(parts)


def _search_query(parts: SplitResult) -> str | None:
    host = (parts.hostname or "").lower()
    if _SEARCH_HOST_GATE.search(host) is None:
        return None
    for host_re, path, params in _SEARCH_PAGES:
        if host_re.match(host) and (parts.path == path or parts.path.rstrip("/") == path.rstrip("/")):
            query = parse_qs(parts.query, keep_blank_values=True)
            for name in params.split("|"):
                if name in query:
                    return query[name][0]
    return None


def _private_host(host: str) -> str | None:
    if host in ("localhost",) or host.endswith(".localhost"):
        return "loopback"
    ip = _ip(host)
    if ip is None:
        return None
    if ip.is_loopback:
        return "loopback"
    if ip.is_private or ip.is_link_local or ip.is_unspecified:
        return "private"
    return None


_HOST_LABEL = lazy_compile(r"^(?!-)[a-z0-9\-_\u00a1-\uffff]{1,63}(?<!-)$", re.IGNORECASE)
# every label of a host as _HOST_LABEL reads it, in one call (a label holds no dot); _HOST_LABEL's
# "$" also passes a label ending in a newline, so a host holding one is read label by label
_HOST_NAME = lazy_compile(
    r"(?:(?!-)[a-z0-9\-_\u00a1-\uffff]{1,63}(?<!-)\.)*(?!-)[a-z0-9\-_\u00a1-\uffff]{1,63}(?<!-)", re.IGNORECASE
)
_SCHEME_TYPO = lazy_compile(r"^(?:h?t{1,3}ps?|https?s|hhtps?|htpps?|htp|http[a-z])$", re.IGNORECASE)


# compiled once: a pattern string re-looked-up in re's cache per URL cost more than the match
_NO_COLON = lazy_compile(r"^https?//", re.IGNORECASE)
_SCHEME = lazy_compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):(/*)")
_TWICE = lazy_compile(r"^https?://(?:https?:/*|www\.)?https?://", re.IGNORECASE)
_TWICE_GLUED = lazy_compile(r"^https?://https?[:/]", re.IGNORECASE)


@lru_cache(maxsize=65536)
def url_problem(url: str, written: str | None = None) -> Problem | None:
    """Why a URL is malformed or not a usable source, or None. No network."""
    written = written or url
    if _NO_COLON.match(written):
        colon = written.index("//")
        return Problem(
            "malformed", f"URL {written} lacks the ':' after its scheme", written[:colon] + ":" + written[colon:]
        )
    m = _SCHEME.match(written)
    if m is None:
        return None if written.lower().startswith("www.") else Problem("malformed", f"URL {written} has no scheme")
    scheme, slashes = m.group(1).lower(), m.group(2)
    if scheme not in ("http", "https"):
        if _SCHEME_TYPO.match(scheme):
            fixed = ("https" if "s" in scheme[3:] else "http") + "://" + written[m.end() :]
            return Problem("malformed", f"URL scheme {scheme!r} is a typo of http(s)", fixed)
        return None  # mailto:, ftp:, ... are not checked
    if slashes != "//":
        return Problem("malformed", f"URL {written} needs '//' after '{scheme}:'", f"{scheme}://{written[m.end() :]}")
    if _TWICE.match(written) or _TWICE_GLUED.match(written):
        return Problem("malformed", f"URL {written} repeats its scheme", re.sub(r"^https?://", "", written, count=1))
    try:
        parts = split_url(url)
        parts.port  # noqa: B018  (raises on a bad port)
    except ValueError as exc:
        return Problem("malformed", f"URL {written} cannot be parsed ({exc})")
    host = (parts.hostname or "").rstrip(".")
    if not host:
        return Problem("malformed", f"URL {written} has no host")
    private = _private_host(host)
    if private:
        return Problem("local", f"link points at a {private} address ({host}); readers cannot open it")
    if not _is_ip(host):
        labels = host.split(".")
        if len(labels) < 2:
            return Problem("malformed", f"host {host!r} of {written} has no domain (no dot)")
        if (_HOST_NAME.fullmatch(host) is None) if "\n" not in host else any(not _HOST_LABEL.match(x) for x in labels):
            return Problem("malformed", f"host {host!r} of {written} is not a valid host name")
        if labels[-1].isdigit():
            return Problem("malformed", f"host {host!r} of {written} ends in a number")
        if host in _PLACEHOLDER_HOSTS or host.endswith(_PLACEHOLDER_SUFFIXES) or labels[-1] in _PLACEHOLDER_TLDS:
            return Problem("placeholder", f"{host} is a reserved example domain: a placeholder, not a source")
        if _PLACEHOLDER_WORDS.match(host):
            return Problem("placeholder", f"{host} reads like a template placeholder, not a source")
    if _GROUNDING.match(host) and parts.path.startswith("/grounding-api-redirect/"):
        return Problem(
            "grounding-redirect",
            "temporary AI-search grounding redirect (vertexaisearch.cloud.google.com): it expires and does not "
            "say which page it stood for",
            "replace it with the URL of the page it redirects to",
        )
    query = _search_query(parts)
    if query is not None:
        return Problem(
            "search-page",
            f"a search-engine results page is cited as a source (query: {query[:80]})",
            "link the article the search was meant to find",
        )
    filler = placeholder_token(parts.path.rstrip("/").rsplit("/", 1)[-1])
    if filler:
        return Problem("placeholder", f"{filler!r} in {written} reads like a placeholder, not a real id")
    return None


def _is_ip(host: str) -> bool:
    return _ip(host) is not None


def _ip(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    if not host or not (host[0].isdigit() or host[0] in "[:"):
        return None  # a name: no need to try parsing it
    try:
        return ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return None


def identifier_problem(doi: str | None, arxiv_id: str | None, published: dt.date | None) -> Problem | None:
    """Problems of the DOI or arXiv id a link names (inside a URL or in the text)."""
    if doi is not None:
        problem = doi_problem(doi)
        if problem:
            return Problem("malformed-doi", problem)
        prefix, suffix = doi.split("/", 1)
        if prefix[3:] in _EXAMPLE_PREFIXES:
            return Problem("placeholder", f"DOI prefix {prefix} is the usual made-up example prefix: a placeholder")
        digits = placeholder_digits(suffix, min_len=5)
        if digits:
            return Problem("placeholder", f"DOI {doi} contains the filler digits {digits}: it reads like a placeholder")
    if arxiv_id is not None:
        problem = arxiv_problem(arxiv_id, published)
        if problem:
            category = "future-arxiv" if "after this article" in problem else "malformed-arxiv"
            return Problem(category, problem)
    return None


def link_problem(link: Link, published: dt.date | None = None) -> Problem | None:
    """Everything `link.invalid` reports about one link."""
    if link.kind is LinkKind.DOI:
        return identifier_problem(link.target, None, published)
    if link.kind is LinkKind.ARXIV:
        return identifier_problem(None, link.target, published)
    problem = url_problem(link.target, link.text)
    if problem is not None:
        return problem
    if link.form == "markdown-spaced":
        return Problem(
            "malformed",
            "the link's address contains spaces, so Markdown shows it as plain text",
            link.text.replace(" ", "%20"),
        )
    return identifier_problem(doi_in_url(link.target), arxiv_in_url(link.target), published)


# --- for the link rules: findings in bulk, evidence, what is worth a request ---

# Problems that come by the dozen in one document (a references list built by an AI
# search tool): one finding per document and category, the others in its evidence.
BULK = frozenset({"search-page", "grounding-redirect"})


FORMS = {
    "markdown": "a Markdown link",
    "markdown-spaced": "a Markdown link with spaces in its address",
    "image": "a Markdown image",
    "autolink": "an autolink",
    "reference": "a reference definition",
    "html": "an HTML attribute",
    "bare": "a bare URL in the text",
    "doi": "a DOI in the text",
    "arxiv": "an arXiv id in the text",
}


def link_evidence(link: Link, problem: Problem) -> Evidence:
    if link.kind is LinkKind.DOI:
        url = f"https://doi.org/{link.target}"
    elif link.kind is LinkKind.ARXIV:
        url = f"https://arxiv.org/abs/{link.target}"
    else:
        url = link.target
    return Evidence("link", f"written as {FORMS.get(link.form, link.form)}", url=url, value=problem.category)


def bulk_hit(doc: Document, category: str, items: list[tuple[Link, Problem]]) -> Hit:
    first, problem = items[0]
    message = problem.message
    if len(items) > 1:
        noun = "search-page links" if category == "search-page" else "grounding redirects"
        message = f"{message}; {len(items)} {noun} in this document"
    lines = [doc.source.line_of(link.span.start) for link, _ in items]
    shown = ", ".join(str(n) for n in lines[:20]) + (", ..." if len(lines) > 20 else "")
    evidence = (
        link_evidence(first, problem),
        Evidence(
            "count",
            f"{len(items)} such links, on lines {shown}" if len(items) > 1 else f"1 such link, on line {shown}",
            value=len(items),
        ),
    )
    return Hit(
        first.span,
        message,
        evidence=evidence,
        suggestion=problem.suggestion,
        verdict=Verdict.LIKELY_ERROR,
        confidence=0.95,
        key=f"{category}:{doc.id}",
    )


def reference_services(ctx: RunContext) -> Any:
    """The run's reference services (checker.references.ReferenceServices), or None."""
    if not ctx.online:
        return None
    return ctx.services.references


def checkable_links(doc: Document, ctx: RunContext, archived: bool) -> list[Link]:
    """Links worth a request: link.invalid's findings (placeholders, private addresses,
    search pages, grounding redirects) are not fetched."""
    if archived or reference_services(ctx) is None:
        return []
    return [link for link in links_of(doc) if link_problem(link, doc.published) is None]


def checked_links(
    collected: list[tuple[Document, list[Link]]], ctx: RunContext
) -> Iterator[tuple[Document, Link, Any]]:
    """(document, link, result) for every collected link the reference services answered (one
    batch of look-ups for the run; nothing offline). The result is a checker.references LinkResult."""
    services = reference_services(ctx)
    if services is None:
        return
    results = services.check_links([link for _, links in collected for link in links])
    for doc, links in collected:
        for link in links:
            result = results.get(services.link_key(link))
            if result is not None:
                yield doc, link, result
