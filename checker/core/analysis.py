"""A typed, read-only analysis of the whole run, computed once and shared by rules.

Some extractions need every document of the run (the index of names written across
documents, the statements of figures to compare). A rule asks for one by its class:

    index = ctx.analysis(NameIndex)

The class is an `Analysis`: `build(documents, ctx)` receives every document of the run
(checked ones and the archive, in run order) and returns the instance; the engine builds each
kind at most once per run, on first request, so a rule that is switched off costs nothing
and two rules reading one analysis share it. Analyses must not be mutated after build.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Protocol, Self, TypeVar

if TYPE_CHECKING:
    from checker.core.rule import RunContext
    from checker.input.documents import Document


class Analysis(Protocol):
    """What `ctx.analysis(...)` can build: a class with a `build` classmethod."""

    @classmethod
    def build(cls, documents: Sequence[Document], ctx: RunContext) -> Self: ...


A = TypeVar("A", bound=Analysis)


class CorpusAnalysis:
    """The per-run memo of analyses (one per class)."""

    def __init__(self, documents: Sequence[Document] = ()) -> None:
        self.documents: tuple[Document, ...] = tuple(documents)
        self._built: dict[type[Any], Any] = {}

    def get(self, kind: type[A], ctx: RunContext) -> A:
        if kind not in self._built:
            self._built[kind] = kind.build(self.documents, ctx)
        built: A = self._built[kind]
        return built

    def release(self, keep: set[type[Any]]) -> None:
        """Free the built analyses not in `keep` (asked for again, one is rebuilt)."""
        for kind in [k for k in self._built if k not in keep]:
            del self._built[kind]


class DocumentAnalyses(CorpusAnalysis):
    """The analyses of the per-document phase (core/phases.py), which sees one document at a
    time, possibly in a worker process: only kinds that read no document (a class attribute
    `documents_free = True`, like the KB's SubjectNames) may be built there. Asking for
    another is a bug of the asking rule: read it in a corpus rule's `check`."""

    def get(self, kind: type[A], ctx: RunContext) -> A:
        if not getattr(kind, "documents_free", False):
            raise RuntimeError(
                f"{kind.__name__} is a whole-run analysis: read it in a corpus rule's check, not per document"
            )
        return super().get(kind, ctx)
