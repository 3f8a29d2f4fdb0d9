"""date.mismatch: the document's own statements of its date disagree."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from checker.core.fixes import written_fix
from checker.core.model import Applicability, Evidence, Hit, Severity, Verdict
from checker.core.rule import DocumentRule, RuleMeta, RunContext
from checker.extract.temporal.dating import chosen_statement, disagrees, restyle
from checker.extract.url_dates import row_dates
from checker.input.documents import Document
from checker.input.published import DateStatement, publication_statements


class DateMismatch(DocumentRule):
    """
    What it flags
        A document whose own statements of its date disagree: the front matter, the
        entry header [YYYY-MM-DD], the file or folder name (2025-07-26, 20250726, or a
        two-digit year 25-07-26), a labelled date line (更新日期:, 發布日期:, 日期:, also
        written with Kangxi radicals as ⽇期:), the title or first heading, "今日是…" / "今天（…）"
        in the body, a dateline. The most reliable statement dates the document (see
        checker/published.py for the order); each other value is reported once, at its
        first place, with both dates and both places.
        Also a cited article's stated date against the date in its URL's path: in a table
        whose one date column is headed 發布日期 / Published / 日期 / Date, or in a list
        item with "Published:" / "發布日期：" before the date, the row's date is compared
        with the date in the path of the row's links (/2026/04/23/, 2026-04-23, 20260423).

    Why it matters
        An entry headed [2025-03-10] whose title says 20250314, or a post dated
        2025-09-05 whose body says 日期: 2025年10月5日, tells readers two different
        days; every relative date ("今天", "本週") in it is then ambiguous. A reference
        list that says an article appeared on 09-17 when its URL says 09-19 misdates the
        source.

    Flagged
        [2025-03-10] 每日科技新闻汇总 | 20250314
        (front matter date 2025-09-05) **日期**: 2025年10月5日
        | 發布日期 | … | 2025-09-17 | [Unwire](https://unwire.pro/2025/09/19/…) |

    Passes
        title "AI 每日日報 - 2025年12月15日 星期一", date: "2025-12-15"
        [2025-03-13] 每日科技新闻汇总 | 20250314 (an entry header is the upload day,
        often in another time zone: one day apart is no contradiction)
        香港2025年2月11日 /美通社/ in an article of 2025-02-12 (a dateline dates the
        source press release, so an earlier one is fine)
        a URL date one day from the row's date (the time zone between source and digest)
        | Date | 2026-04-25 | …/2026/04/29/… (a bare Date may be the event's date,
        which the report may follow); an 事件日期 column; /bulletin/2026-04-01 (an edition)

    Options
        None.

    Fix
        Unsafe: the disagreeing date is rewritten, in its own style, as the date the
        publication date comes from says (or, for an item's date one digit away from
        the date in its URL's path, as the URL says). Which of two dates is right is a
        guess, and a date changes what the article claims. No fix when the flagged
        statement is the publication date itself (the file name disagrees).

    Known limits
        A title or heading date counts only when no verb near it makes it the date of
        a reported event. A dateline is reported only when it is after the publication
        date. Statements without a year are compared by month and day. URL dates: a
        publication column (發布日期, Published) is flagged when the URL differs by two days
        or more either way, a bare 日期/Date column only when the URL is two or more days
        earlier; rows whose links carry different dates, tables with two date columns,
        a compact YYYYMMDD inside a longer digit run after - or _ (a random id's
        timestamp), and query strings are not read. The suggestion (the URL's date) is
        given only when the two dates differ in one digit.
    """

    meta = RuleMeta("date.mismatch", Severity.ERROR, "the document's own statements of its date disagree")

    def check(self, doc: Document, ctx: RunContext) -> Iterator[Hit]:
        yield from self._url_rows(doc)
        published = doc.published
        if published is None:
            return
        statements = publication_statements(doc)
        chosen = chosen_statement(statements, doc)
        by_value: dict[tuple[int | None, int, int], list[DateStatement]] = {}
        for s in statements:
            if s is chosen or not disagrees(s, published) or _upload_day(s, chosen, published):
                continue
            key = (
                s.date.year if s.date else None,
                s.date.month if s.date else s.month or 0,
                s.date.day if s.date else s.day or 0,
            )
            by_value.setdefault(key, []).append(s)
        for group in by_value.values():
            hit = self._hit(doc, published, chosen, group)
            if hit is not None:
                yield hit

    def _url_rows(self, doc: Document) -> Iterator[Hit]:
        for r in row_dates(doc):
            place = f"the {r.label} column" if r.label != "label" else "the item's publication label"
            u = r.url
            suggestion = None
            if r.strict and _one_digit_apart(r.stated.isoformat(), u.date.isoformat()):
                suggestion = _same_style(r.stated_text, u.date)  # a typed slip of one digit; the URL is the CMS's
            yield Hit(
                r.stated_span,
                f"{place} (line {r.line}) dates this item {r.stated.isoformat()}, but its URL's path says "
                f"{u.date.isoformat()} ({u.text}, line {doc.source.line_of(u.span.start)})",
                evidence=(
                    Evidence(
                        "date-statement",
                        f"{place} says {r.stated_text}",
                        path=doc.path,
                        document=doc.id,
                        line=r.line,
                        value=r.stated.isoformat(),
                    ),
                    Evidence(
                        "url-date",
                        f"the cited URL's path carries {u.text}",
                        path=doc.path,
                        document=doc.id,
                        line=doc.source.line_of(u.span.start),
                        value=u.date.isoformat(),
                    ),
                ),
                suggestion=suggestion,
                fix=written_fix(doc.source, r.stated_span, r.stated_text, suggestion, Applicability.UNSAFE),
                verdict=Verdict.INCONSISTENT,
                confidence=0.85 if r.strict else 0.75,
                key=f"url-date:{r.stated_text}:{u.text}",
            )

    def _hit(
        self, doc: Document, published: dt.date, chosen: DateStatement | None, group: list[DateStatement]
    ) -> Hit | None:
        first = min(group, key=lambda s: (s.span is None, s.rank))
        where_pub = chosen.describe() if chosen else (doc.published_source or "document")
        other = first.date.isoformat() if first.date else f"{first.month:02d}-{first.day:02d} (no year)"
        evidence = [
            Evidence(
                "publication-date",
                f"{where_pub} dates the document {published.isoformat()}",
                path=doc.path,
                document=doc.id,
                line=doc.source.line_of(chosen.span.start) if chosen and chosen.span else None,
                value=published.isoformat(),
            ),
        ]
        for s in group:
            evidence.append(
                Evidence(
                    "date-statement",
                    f"{s.describe()} says {s.date.isoformat() if s.date else s.text}",
                    path=doc.path,
                    document=doc.id,
                    line=doc.source.line_of(s.span.start) if s.span else None,
                    value=s.date.isoformat() if s.date else None,
                )
            )
        if first.span is not None:
            span, flagged = first.span, first
            suggestion = restyle(first.text, published) if first.date or first.month else None
        elif chosen is not None and chosen.span is not None:  # the file name disagrees: point at the winner
            span, flagged, suggestion = chosen.span, chosen, None
        else:
            return None  # nothing in the text to point at
        message = (
            f"{first.describe()} dates the document {other}, but {where_pub} says {published.isoformat()}"
            if flagged is first
            else f"{where_pub} dates the document {published.isoformat()}, but {first.describe()} says {other}"
        )
        fix = written_fix(doc.source, span, flagged.text, suggestion, Applicability.UNSAFE) if flagged.text else None
        return Hit(
            span,
            message,
            evidence=tuple(evidence),
            suggestion=suggestion,
            verdict=Verdict.INCONSISTENT,
            confidence=0.9,
            fix=fix,
        )


def _one_digit_apart(a: str, b: str) -> bool:
    return len(a) == len(b) and sum(x != y for x, y in zip(a, b, strict=True)) == 1


def _same_style(text: str, date: dt.date) -> str | None:
    m = re.fullmatch(r"[0-9]{4}([-/.])[0-9]{2}\1[0-9]{2}", text)
    return date.strftime(f"%Y{m.group(1)}%m{m.group(1)}%d") if m else restyle(text, date)


def _upload_day(s: DateStatement, chosen: DateStatement | None, published: dt.date) -> bool:
    """An entry header is the day an index listed or uploaded the entry, often in another time
    zone than the edition date its title or heading gives: one day apart is no contradiction
    (read twice by independent readers: [2025-03-13] over "每日科技新闻汇总 | 20250314")."""
    if s.date is None or abs((s.date - published).days) != 1:
        return False
    return "entry-header" in (s.source, chosen.source if chosen is not None else None)
