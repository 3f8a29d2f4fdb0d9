"""The run's names: one index of every Latin-script name of the run and the archive, shared by
both name rules as a typed analysis (`ctx.analysis(NameIndex)`)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from operator import itemgetter

from checker.core.rule import RunContext
from checker.extract.kb import KnowledgeBase, get_kb
from checker.extract.names.extract import Mention, names_of
from checker.extract.names.keys import name_token_tuple
from checker.input.documents import Document
from checker.text.script import mostly_chinese

_NOT_LATIN = frozenset({"cjk", "bracketed"})
_TEXT = itemgetter(0)  # Mention.text (a NamedTuple's first field), for map() in C


def _empty_counter() -> Counter[str]:
    """An empty Counter without `Counter()`'s __init__ and update() in Python (2 us; one or two
    per name of the run): a Counter holds no state but its dict's."""
    return Counter.__new__(Counter)


class KeyStats:
    """Where one name key stands in the run and the archive. A plain class, not a dataclass:
    compiled, its __init__ is native, where a dataclass keeps the generated one in Python (an
    interpreted frame and four default factories per name key of the run)."""

    def __init__(self) -> None:
        self.surfaces: Counter[str] = _empty_counter()
        self.docs: set[str] = set()
        self.archived_docs: set[str] = set()
        self.first: dict[str, Mention] = {}  # per document id


@dataclass
class NameIndex:
    """Where each name key stands in the run: built once per run from every document."""

    by_key: dict[str, KeyStats] = field(default_factory=dict)
    per_doc: dict[str, Counter[str]] = field(default_factory=dict)
    docs: dict[str, Document] = field(default_factory=dict)
    token_docs: dict[str, set[str]] = field(default_factory=dict)  # name token -> documents
    doc_tokens: dict[str, Counter[str]] = field(default_factory=dict)  # document -> name-token counts
    token_forms: dict[str, Counter[str]] = field(default_factory=dict)  # name token -> spellings as written
    archived_ids: set[str] = field(default_factory=set)

    def add(self, doc: Document, mentions: list[Mention]) -> None:
        counts = self.per_doc.setdefault(doc.id, Counter())
        tokens = self.doc_tokens.setdefault(doc.id, Counter())
        self.docs[doc.id] = doc
        if doc.archived:
            self.archived_ids.add(doc.id)
        # names repeat within a document: count each spelling once (Counter counts in C), then
        # spread the counts; both rules compare Latin-script names only
        latin = [m for m in mentions if m.shape not in _NOT_LATIN]
        written: Counter[str] = Counter(map(_TEXT, latin))
        # each spelling's first mention (the last one written wins: read backwards)
        first_of = dict(zip(map(_TEXT, reversed(latin)), reversed(latin), strict=True))
        archived = doc.archived
        by_key, doc_id = self.by_key, doc.id
        # each spelling's tokens counted as written here, then spread once per distinct token: a
        # document's names share their words (Claude, Claude Code, Claude Opus)
        written_tokens: dict[str, int] = {}
        for text, n in written.items():  # in the order of first mention
            m = first_of[text]
            key = m.key  # (name_key of the text)
            st = by_key.get(key)
            if st is None:
                st = by_key[key] = KeyStats()
            (st.archived_docs if archived else st.docs).add(doc_id)
            if doc_id not in st.first:
                st.first[doc_id] = m
            # counts added with dict.get (in C), not Counter's += (a __missing__ call in Python per
            # new name or token)
            surfaces = st.surfaces
            surfaces[text] = surfaces.get(text, 0) + n
            counts[key] = counts.get(key, 0) + n
            for tok in name_token_tuple(text):
                written_tokens[tok] = written_tokens.get(tok, 0) + n
        token_forms, token_docs = self.token_forms, self.token_docs
        for tok, n in written_tokens.items():  # (in the order of first mention, as the counts were)
            folded = tok.casefold()
            tokens[folded] = tokens.get(folded, 0) + n
            forms = token_forms.get(folded)
            if forms is None:  # not setdefault: that would build a Counter and a set per call
                forms = token_forms[folded] = _empty_counter()
                token_docs[folded] = {doc_id}
            else:
                token_docs[folded].add(doc_id)
            forms[tok] = forms.get(tok, 0) + n

    def doc_count(self, key: str) -> int:
        st = self.by_key.get(key)
        return len(st.docs) + len(st.archived_docs) if st else 0

    def surface(self, key: str) -> str:
        surfaces = self.by_key[key].surfaces
        return max(surfaces, key=surfaces.__getitem__)

    @classmethod
    def build(cls, documents: Sequence[Document], ctx: RunContext) -> NameIndex:
        kb = get_kb(ctx)
        index = cls()
        for doc in documents:
            index.add(doc, names_of(doc, kb))
        return index


@lru_cache(maxsize=65536)
def word_zipf(word: str) -> float:
    """How common a word is in English text (wordfreq Zipf scale: 0 unknown, 3 ordinary, 7 "the";
    wordfreq's answers from the bundled list, `checker.text.english_freq`)."""
    from checker.text.english_freq import zipf

    return zipf(word.lower())


def common_english(word: str) -> bool:
    """An ordinary English word (Zipf >= 3): capitalised, it is still no name."""
    return word_zipf(word) >= 3.0


def _is_cjk_document(doc: Document) -> bool:
    """Mostly Chinese prose: English articles are full of Hyphenated-Title-Terms."""
    return mostly_chinese(doc)


def iter_mentions(docs: Iterable[Document], kb: KnowledgeBase) -> Iterator[tuple[Document, Mention]]:
    """Every mention of every document (for benchmarks and tools)."""
    for d in docs:
        for m in names_of(d, kb):
            yield d, m
