"""number.conflict: the same quantity told two ways."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from checker.core.fixes import written_fix
from checker.core.model import Applicability, Evidence, Hit, Severity, Verdict
from checker.core.rule import CorpusRule, RuleMeta, RunContext
from checker.extract.quantities.conflicts import (
    MEASURE_NAMES,
    Conflict,
    Finder,
    against_name,
    allowed_range,
    finite,
    fmt,
    measure_words,
    where_of,
)
from checker.extract.quantities.restated import Restated, Told, restated, told
from checker.extract.quantities.statements import Statement, statements
from checker.extract.quantities.subjects import SubjectNames
from checker.input.documents import DEFAULT_SCOPE, Document, SegmentKind
from checker.input.source import SourceFile


# not frozen (as checker/core/model.py's value types): a frozen dataclass costs two more generated
# methods to declare at every start and an object.__setattr__ per field to build; never assigned to
@dataclass(unsafe_hash=True)
class ConflictOptions:
    """number.conflict's options."""

    min_confidence: float = 0.8  # subject attribution needed (clause 0.9, sentence 0.8 … topic 0.4)
    max_evidence: int = 5  # other statements listed per finding
    same_day_dynamic: bool = True  # compare moving figures (revenue, users) across documents of one day
    same_sentence: bool = True  # compare any figures of one long sentence told word for word, dated or not
    restated: bool = True  # compare the figures of near-identical sentences of two documents


def _clip(sentence: str, width: int = 160) -> str:
    return sentence if len(sentence) <= width else sentence[: width - 1] + "…"


@dataclass(unsafe_hash=True)
class Collected:
    """A document's statements and sentences with figures."""

    statements: list[Statement]
    told: list[Told]


class NumberConflict(CorpusRule[Collected]):
    """
    What it flags
        Two statements of the same quantity for the same subject that cannot both
        be true: 「DeepSeek-V3 的訓練成本為 550 萬美元」 in one article and 「以 560 萬美元
        投入…訓練出…V3 模型」 in another; a summary line 「準確率飙升22%」 over a body that
        says 「準確率從45%飙至67%」 (22 percentage points, a 49 % rise); a difference
        against a named rival told two ways (「相較GPT-5.4，GPT-5.5 … 高23%」); a
        parameter count a scale word puts far from the size in the model's name
        (「Falcon H1R 7B … 7亿参数」). And, with no attribution needed, one sentence
        restated in another document (lightly reworded: punctuation, a word swapped,
        the other script) with another figure: both sentences are the evidence.
        Within one document (summary against body), across the documents of a run,
        and against the archive. Each disagreeing statement is reported once, with
        the others as evidence.

    Why it matters
        The same figure told differently in two digests is the most common
        consistency error in AI news; readers who notice stop trusting both.

    Flagged
        DeepSeek-V3 的訓練成本為 550 萬美元。 … DeepSeek 以 560 萬美元訓練出 V3 模型。
        PasoDoble 使 Qwen3 準確率飙升22%。 … Qwen3-1.7B 準確率從45%飙至67%。
        Claude Code now brings in $2.5 billion in annualized revenue, … (a.md) /
        Claude Code now generates $3.5 billion in annualized revenue, … (b.md, next day).

    Passes
        OpenAI 年收入飙升至百亿 … 年化收入已飙升至 130 亿美元 (百亿 is 50–150 亿).
        總成本約 550 萬美元 … 以 560 萬美元投入 (約 widens the interval).
        GPU 約 2000 塊 … 2048 塊 H800 (a round number).
        以超过$500亿估值进行$20亿融资 (a round beside its valuation: figures side by side).
        累计融资19亿美元 … 7亿美元新一轮融资 (the total of all rounds against one round).
        Seed 轮 1000 万美元 … Seed 轮 630 万美元 (two companies' rounds; "Seed" is no subject).

    Options
        min-confidence: how sure the subject attribution must be, from 0.4 (document
        topic) to 0.9 (named in the same clause); default 0.8 (named earlier in the
        same sentence).
        max-evidence: how many other statements a finding lists (default 5).
        same-day-dynamic: compare figures that move over time (revenue, users,
        valuation) across documents published on the same day (default true);
        otherwise only when both state the same period (2024年, Q3).
        same-sentence: compare the figures of one sentence (30 characters or more)
        told word for word in two documents even when one is undated (default
        true): the same words tell the same event.
        restated: compare the figures of near-identical sentences (normalised, figures
        blanked, rapidfuzz ratio 90 or more, 30 characters or more) of two documents
        (default true).

    Fix
        Unsafe: when two or more other statements agree on one figure, this figure is
        replaced by theirs (as written there). A number changes what the article
        claims, and the agreeing statements may be the wrong ones. No fix otherwise
        (percentage points against a percentage is told in words).

    Known limits
        A sentence with more than 64 digit runs (a table dumped into one line, a chain
        of figures) is not read for figures: the cost of reading it grows too fast.
        Values are compared as intervals implied by their precision and hedge, not
        against the truth; a group where every statement is wrong the same way passes,
        and two bounds ("超過 30 億", "突破 300 億") never conflict. Figures that move
        over time (revenue, users, valuation, funding, price) are compared across
        documents only for the same stated period (2024年, FY2025, 截至2024年9月) or
        the same publication day, so undated documents are compared only with
        themselves (summary against body), unless two documents tell the same long
        sentence (30 characters or more) word for word with other figures: that is
        one event retold, whatever its date. Model sizes need the model named in the
        same clause (not "Google", not "LLaMA 7B、13B、34B"); scores need their
        benchmark; figures about a rival ("比 GPT-4 高"), earlier values ("曾估值"),
        forecasts and investments are not compared with plain values. A document
        that states both values (input and output price) is not said to contradict
        another. Currencies are not converted. The subject is the nearest name
        before the figure (or the label, or the name the figure describes: 「…的
        SpaceX」); a figure about an unnamed thing is not compared. A figure that
        shares its sentence with another figure of its kind (money beside money, a
        size beside a size: 「估值$500亿进行$20亿融资」, 「7B→14B→32B」, two models
        compared) is not compared with other statements: which figure belongs to
        which subject is a guess there. A restated sentence is compared only when
        both tell the same figures in the same order and leave the same other
        digits (versions, dates); a moving or unattributed figure only when the two
        documents are undated or at most 7 days apart; a sentence one document tells
        with two values, or that three documents tell with three, is a formula and
        is not compared. With the
        knowledge base (checker/kb.py) names are unified through its aliases.
    """

    meta = RuleMeta(
        "number.conflict",
        Severity.WARNING,
        "two statements of the same quantity for the same subject disagree beyond rounding",
        scope=DEFAULT_SCOPE | {SegmentKind.CODE, SegmentKind.FRONT_MATTER},
    )
    Options = ConflictOptions
    reads_analyses = ()  # its check reads the statements it collected (SubjectNames is per document)

    def collect(self, doc: Document, ctx: RunContext, *, archived: bool = False) -> Collected:
        found = statements(doc, self.options.min_confidence, ctx.analysis(SubjectNames))
        return Collected(found, doc.cached("restated", told) if self.options.restated else [])

    def check(self, collected: list[tuple[Document, Collected]], ctx: RunContext) -> Iterator[Hit]:
        stmts = [s for _, c in collected for s in c.statements]
        sources = {doc.id: doc.source for doc, _ in collected}
        finder = Finder(self.options)
        finder.values(stmts)
        flagged: set[tuple[str, int]] = set()
        for i in sorted(finder.found, key=lambda k: (stmts[k].path, stmts[k].span.start)):
            s = stmts[i]
            if s.archived:
                continue
            flagged.add((s.doc_id, s.span.start))
            yield self._hit(s, finder.found[i], sources.get(s.doc_id))
        for i, s in enumerate(stmts):
            if i not in finder.found and not s.archived:
                hit = against_name(s)
                if hit is not None:
                    flagged.add((s.doc_id, s.span.start))
                    yield hit
        if not self.options.restated:
            return
        by_figure: dict[tuple[str, int], list[Restated]] = {}
        for r in restated([t for _, c in collected for t in c.told]):
            if not r.here.archived and (r.here.doc_id, r.figure.span.start) not in flagged:
                by_figure.setdefault((r.here.doc_id, r.figure.span.start), []).append(r)
        for key in sorted(by_figure, key=lambda k: (by_figure[k][0].here.path, k[1])):
            yield self._restated_hit(by_figure[key])

    def _restated_hit(self, found: list[Restated]) -> Hit:
        found.sort(key=lambda r: (r.there.archived, r.there.path, r.there.line))
        first = found[0]
        here, there = first.here, first.there
        tag = " (archive)" if there.archived else ""
        more = f" and {len(found) - 1} more" if len(found) > 1 else ""
        evidence = [
            Evidence(
                "restated",
                f"«{_clip(r.there.sentence)}» ({r.other.text})",
                path=r.there.path,
                document=r.there.doc_id,
                line=r.there.line,
                value={"text": r.other.text, "low": finite(r.other.low), "high": finite(r.other.high)},
            )
            for r in found[: self.options.max_evidence]
        ]
        evidence.append(Evidence("statement", f"this sentence: «{_clip(here.sentence)}» ({first.figure.text})"))
        return Hit(
            first.figure.span,
            f"{first.figure.text} here, but the same statement in {there.doc_id}{tag} line {there.line} "
            f"gives {first.other.text}{more}: one of them is wrong",
            evidence=tuple(evidence),
            verdict=Verdict.INCONSISTENT,
            confidence=0.8,
            document=here.doc_id,
            key=f"restated|{first.figure.text}|{first.other.text}",
        )

    def _hit(self, s: Statement, conflict: Conflict, source: SourceFile | None = None) -> Hit:
        others = sorted(conflict.others, key=lambda o: (o.doc_id != s.doc_id, o.path, o.line))
        shown = others[: self.options.max_evidence]
        first = shown[0]
        measure = MEASURE_NAMES.get(s.measure, s.measure)
        subject = s.subject_words
        place = where_of(s, first)
        more = f" and {len(others) - 1} other statement{'s' if len(others) > 2 else ''}" if len(others) > 1 else ""
        suggestion = None
        fix = None
        if conflict.reason in ("pp-vs-percent", "change") and "delta" in (s.kind, first.kind):
            if s.kind == "change":
                msg = (
                    f"{subject} {measure}: a change of {s.text.strip()} here, but {first.text} {place} is "
                    f"{fmt(first.delta_pp)} percentage points, a {fmt(first.delta_rel)}% relative change"
                )
                if conflict.reason == "pp-vs-percent":
                    msg += " (percentage points written as a percentage)"
                    suggestion = f"{fmt(first.delta_pp)} 个百分点 (or {fmt(first.delta_rel)}%)"
            else:
                msg = (
                    f"{subject} {measure}: {s.text} here is {fmt(s.delta_pp)} percentage points, a "
                    f"{fmt(s.delta_rel)}% relative change, but {first.text.strip()} {place} calls it "
                    f"a {first.text.strip()} change"
                )
                if conflict.reason == "pp-vs-percent":
                    msg += " (percentage points written as a percentage)"
        else:
            what = {
                "change": "a change of ",
                "from": "a starting value of ",
                "past": "an earlier value of ",
                "compare": "a difference of ",
            }.get(s.kind, "")
            msg = f"{subject} {measure}: {what}{s.text.strip()} here, but {first.text.strip()} {place}{more}"
            agreeing = {o.text.strip() for o in others}
            if len(others) >= 2 and len(agreeing) == 1:
                suggestion = next(iter(agreeing))
                # the figure the others agree on, in place of this one: unsafe, a number changes
                # the claim and the others may be the wrong ones
                if source is not None:
                    fix = written_fix(source, s.span, s.text, suggestion, Applicability.UNSAFE)
        evidence = [
            Evidence(
                "statement",
                f"«{o.quote}» ({o.text.strip()}; subject {o.subject_words} from the {o.subject_source}, "
                f"{measure_words(o)})",
                path=o.path,
                document=o.doc_id,
                line=o.line,
                value={"text": o.text.strip(), "low": finite(o.low), "high": finite(o.high), "unit": o.unit},
            )
            for o in shown
        ]
        evidence.append(
            Evidence(
                "attribution",
                f"this statement: subject {s.subject_words} from the {s.subject_source}, "
                f"{measure_words(s)}"
                + (f", time {s.time}" if s.time else "")
                + (f", on {s.qualifier}" if s.qualifier else "")
                + f"; allows {allowed_range(s)}",
            )
        )
        return Hit(
            s.span,
            msg,
            evidence=tuple(evidence),
            suggestion=suggestion,
            verdict=Verdict.INCONSISTENT,
            confidence=s.confidence,
            document=s.doc_id,
            key=f"{s.subject}|{s.measure}|{s.text.strip()}",
            fix=fix,
        )
