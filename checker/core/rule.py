"""The rule contract: metadata, options, document rules and corpus rules.

A rule's class docstring is its documentation (`checker rules ID`, SARIF
fullDescription). It uses these headings, each on a line of its own:
What it flags / Why it matters / Flagged / Passes / Options / Fix / Known limits.
The Fix section starts with the safety of the rule's fixes (Safe, Unsafe, or None when
it offers none; see checker/core/fixes.py `declared_fix`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import textwrap
from abc import ABC, abstractmethod
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar, Generic, TypeVar

from checker.core.analysis import A, CorpusAnalysis
from checker.core.model import Hit, Severity
from checker.core.services import Services
from checker.input.documents import DEFAULT_SCOPE, Document, SegmentKind
from checker.text.lazy_regex import lazy_compile

if TYPE_CHECKING:
    from checker.core.archive import Archive

RULE_ID = lazy_compile(r"^[a-z]+\.[a-z0-9-]+$")
DOC_HEADINGS = ("What it flags", "Why it matters", "Flagged", "Passes", "Options", "Fix", "Known limits")


# not frozen (as checker/core/model.py's value types): a frozen dataclass costs two more generated
# methods to declare at every start and an object.__setattr__ per field to build; never assigned to
@dataclass(unsafe_hash=True)
class NoOptions:
    """A rule without options."""


@dataclass(unsafe_hash=True)
class RuleMeta:
    """A rule's id, severity and the rest of its description."""

    id: str
    severity: Severity
    summary: str
    scope: frozenset[SegmentKind] = DEFAULT_SCOPE
    online: bool = False  # needs --online to do anything


@dataclass
class RunContext:
    """What every rule may read; built once per run by the engine."""

    today: dt.date
    online: bool = False
    archive: Archive | None = None
    # the knowledge base, reference clients and configuration (typed; see core/services.py)
    services: Services = field(default_factory=Services)
    # whole-run analyses (name index, statements, ...), each built once on first request
    analyses: CorpusAnalysis = field(default_factory=CorpusAnalysis)
    # processes the corpus phase may use for a loop over documents (--jobs; core/forked.py)
    processes: int = 1

    def analysis(self, kind: type[A]) -> A:
        """The run's analysis of this kind (see core/analysis.py), built on first request."""
        return self.analyses.get(kind, self)


class Rule(ABC):
    meta: ClassVar[RuleMeta]
    Options: ClassVar[type] = NoOptions

    def __init__(self, options: Any = None) -> None:
        self.options = options if options is not None else self.Options()

    @classmethod
    def doc(cls) -> str:
        return textwrap.dedent(cls.__doc__ or "").strip()

    @classmethod
    def doc_section(cls, heading: str) -> str:
        """The text under one docstring heading."""
        lines = cls.doc().splitlines()
        out: list[str] = []
        inside = False
        for line in lines:
            stripped = line.strip().rstrip(":")
            if stripped in DOC_HEADINGS:
                if inside:
                    break
                inside = stripped == heading
                continue
            if inside:
                out.append(line)
        return "\n".join(out).strip()

    @classmethod
    def option_names(cls) -> list[str]:
        return [f.name.replace("_", "-") for f in dataclasses.fields(cls.Options)]

    @classmethod
    def build_options(cls, raw: Mapping[str, Any]) -> Any:
        """Validated options from config (kebab-case keys). Raises ValueError naming the key."""
        fields = {f.name.replace("_", "-"): f for f in dataclasses.fields(cls.Options)}
        kwargs: dict[str, Any] = {}
        defaults = cls.Options()
        for key, value in raw.items():
            if key not in fields:
                known = ", ".join(sorted(fields)) or "none"
                raise ValueError(f"unknown option {key!r} for rule {cls.meta.id} (options: {known})")
            f = fields[key]
            default = getattr(defaults, f.name)
            if isinstance(default, bool):
                ok = isinstance(value, bool)
            elif isinstance(default, int | float):
                # bounded: an option past a billion is a typo, and 2**64 overflows the loops it sizes
                ok = isinstance(value, int | float) and not isinstance(value, bool) and abs(value) <= 1e9
            elif isinstance(default, str):
                ok = isinstance(value, str)
            elif isinstance(default, tuple | list | frozenset):
                ok = isinstance(value, list) and all(isinstance(v, str) for v in value)
                if ok:
                    value = type(default)(value)
            else:
                ok = True
            if not ok:
                raise ValueError(f"option {key!r} of rule {cls.meta.id} must be like {default!r}, not {value!r}")
            kwargs[f.name] = value
        return cls.Options(**kwargs)


class DocumentRule(Rule):
    """Sees one document at a time."""

    @abstractmethod
    def check(self, doc: Document, ctx: RunContext) -> Iterable[Hit]: ...


C = TypeVar("C")


class CorpusRule(Rule, Generic[C]):
    """Collects something per document, then checks once over all documents of the run.

    Hits must name their `document`. Archive documents are passed to `collect` too
    (with `archived=True`) so that they can serve as evidence, but hits on them are
    dropped by the engine.
    """

    # The whole-run analyses its `check` reads (`ctx.analysis` kinds); None: not declared.
    # Once every corpus rule still to run has declared its own, the engine frees the analyses
    # none of them reads (on the real corpus NameIndex and TypoSlips hold ~70 MB while
    # number.conflict, which reads neither, makes the run's peak).
    reads_analyses: ClassVar[tuple[type, ...] | None] = None

    @abstractmethod
    def collect(self, doc: Document, ctx: RunContext, *, archived: bool = False) -> C: ...

    @abstractmethod
    def check(self, collected: list[tuple[Document, C]], ctx: RunContext) -> Iterable[Hit]: ...
