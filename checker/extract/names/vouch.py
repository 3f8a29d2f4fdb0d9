"""What vouches for a name without the network (name.unverified): a link in the same item whose
URL names it, and another document of the run that is independent of this one.

A link names a product when one path segment of its URL spells the name, token for token
("huggingface.co/org/Nova-7B-Instruct", "github.com/org/nova-7b", "/blog/nova-7b-instruct"
for "Nova 7B"; version dots and dashes alike: "qwen3-5" is "Qwen3.5"). Query strings do not
count (a search page for the name is the writer's own words), nor do arXiv or DOI links (a
paper's id names nothing).

A name another document mentions is evidence only when that document is independent: an
article (not a README, licence or changelog: a README quotes what a tool flagged) that says
something else about it, not a near-copy of the sentence (a repost, an index repeating an
item). Another day's digest of the same publication counts: measured on corpus/real and
validation, excluding a publication's own documents added 79 findings to daily digests, nearly
all of them real products (Gemini 3.1 Flash-Lite, GPT-Rosalind, LTX-2 ...).
"""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

from checker.extract.links import LinkKind, links_of, search_query
from checker.extract.names.extract import Mention
from checker.extract.names.index import NameIndex
from checker.input.documents import Document, SegmentKind, is_article
from checker.text.lazy_regex import lazy_compile
from checker.text.sentences import sentence_around

_URL_TOKEN = lazy_compile(r"\d+|[^\W\d_]+")
# hosts whose paths hold identifiers, not names: a paper or a DOI names no product
_NO_NAME_HOSTS = ("arxiv.org", "doi.org", "dx.doi.org", "openreview.net", "x.com", "twitter.com")


def _joined_tokens(text: str) -> list[str]:
    return _URL_TOKEN.findall(text.casefold())


def _segment_names(segment: str, wanted: str) -> bool:
    """Whether a run of whole tokens of a URL path segment joins to `wanted` ("nova-7b" -> nova7b)."""
    toks = _joined_tokens(segment)
    for i in range(len(toks)):
        acc = ""
        for tok in toks[i:]:
            acc += tok
            if len(acc) >= len(wanted):
                if acc == wanted:
                    return True
                break
    return False


def url_names(url: str, name: str) -> bool:
    """Whether one path segment of `url` spells `name` (case, separators and dots aside)."""
    wanted = "".join(_joined_tokens(name))
    if len(wanted) < 3 or not re.search(r"[^\W\d_]", wanted):
        return False
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    host = (parts.hostname or "").lower()
    if not host or any(host == h or host.endswith("." + h) for h in _NO_NAME_HOSTS):
        return False
    if search_query(url) is not None:
        return False
    return any(_segment_names(seg, wanted) for seg in unquote(parts.path).split("/") if seg)


def _item_bounds(doc: Document, m: Mention) -> tuple[int, int]:
    """The source span of the mention's item: its paragraph or list item, its table row, a
    heading with the paragraph under it."""
    seg = doc.segments[m.segment]
    start, end = seg.span.start, seg.span.end
    src = doc.source.text
    if seg.kind is SegmentKind.TABLE or "table" in seg.containers:
        start = src.rfind("\n", start, m.span.start) + 1 or start
        nl = src.find("\n", m.span.end, end)
        end = end if nl < 0 else nl
    elif seg.kind is SegmentKind.HEADING and m.segment + 1 < len(doc.segments):
        nxt = doc.segments[m.segment + 1]
        if nxt.kind is not SegmentKind.HEADING:
            end = max(end, nxt.span.end)
    return start, end


def vouching_link(doc: Document, m: Mention) -> str | None:
    """The URL that names it in the mention's item, or in a reference the item cites by an
    in-page anchor ("FlyCart 100 [[18]](#ref-18)" and, below, the row `<a id="ref-18">` whose
    source link is ".../dji-redefines-aerial-delivery-with-dji-flycart-100/")."""
    start, end = _item_bounds(doc, m)
    # per item, once: the mentions of one long paragraph share it (read per mention, a line of
    # 20,000 launched names was quadratic)
    refs = doc.cached("names.cited_refs", lambda _d: {})
    if (start, end) not in refs:
        refs[start, end] = _cited_references(doc.source.text, start, end)
    places = [(start, end), *refs[start, end]]
    for link in links_of(doc):
        if link.kind is not LinkKind.URL:
            continue
        if any(a <= link.span.start and link.span.end <= b for a, b in places) and url_names(link.target, m.text):
            return link.target
    return None


_IN_PAGE_REF = lazy_compile(r"\]\(#([\w.:-]{1,80})\)")


def _cited_references(src: str, start: int, end: int) -> list[tuple[int, int]]:
    """The lines that hold the anchors an item links to within the page (a reference list or
    table: `<a id="ref-18"></a>`, `<a name="ref-18">`)."""
    out: list[tuple[int, int]] = []
    for ref in dict.fromkeys(m.group(1) for m in _IN_PAGE_REF.finditer(src, start, end)):
        at = next((i for q in ('"', "'") for key in ("id", "name") if (i := src.find(f"{key}={q}{ref}{q}")) >= 0), -1)
        if at < 0:
            continue
        line_end = src.find("\n", at)
        out.append((src.rfind("\n", 0, at) + 1, len(src) if line_end < 0 else line_end))
    return out


# --- independent documents -------------------------------------------------------------------------


_BIGRAM_TEXT = lazy_compile(r"\s+")


def _bigrams(text: str) -> set[str]:
    s = _BIGRAM_TEXT.sub(" ", text.casefold()).strip()
    return {s[i : i + 2] for i in range(len(s) - 1)}


def near_duplicate(a: str, b: str, threshold: float = 0.6) -> bool:
    """Two sentences that are one statement copied (character-bigram Jaccard similarity)."""
    x, y = _bigrams(a), _bigrams(b)
    if not x or not y:
        return False
    return len(x & y) / len(x | y) >= threshold


def _sentence_of(doc: Document, m: Mention) -> str:
    text = doc.segments[m.segment].text
    a, b = sentence_around(text, m.start, m.end)
    return text[a:b]


def independent_mention(doc: Document, m: Mention, index: NameIndex) -> Document | None:
    """Another article of the run or the archive that mentions the name independently: not in
    a near-copy of this sentence."""
    st = index.by_key.get(m.key)
    if st is None:
        return None
    sentence: str | None = None
    for other_id in sorted((st.docs | st.archived_docs) - {doc.id}):
        other = index.docs.get(other_id)
        first = st.first.get(other_id)
        if other is None or first is None or not is_article(other.path):
            continue
        if sentence is None:
            sentence = _sentence_of(doc, m)
        if near_duplicate(sentence, _sentence_of(other, first)):
            continue  # a repost of the same statement
        return other
    return None
