"""Session 9's faster ways to the same answer in the text rules: each gives what the plain
version gave (the plain version is written out here and compared on texts that exercise it)."""

from __future__ import annotations

import bisect
import re

from checker.extract import damage, placeholder
from checker.extract.residue_lines import SEP, LineGates
from checker.text.script import HAN
from tests.fixtures import prose_lines

_SAMPLES = [
    "",
    "()",
    "a () b",
    "中()文 和（ ）與（）",
    "x\n()\n( )y\n( )",
    "，( )。 (\t) 中(x)",
    "abc xyz PDF bcd strngth wrds th lst, mnchmlsctt 1cd xyz2 _bcd",
    "BCD. xyz; rhythm! GPT LLM vs TBD",
]


def _every_match_lines(gates_texts: list[str], pattern: re.Pattern[str]) -> set[int]:
    """What LineGates.hit answered before it resumed at the next line: a bisection per match."""
    joined = SEP.join(gates_texts)
    starts, pos = [], 0
    for t in gates_texts:
        starts.append(pos)
        pos += len(t) + 1
    return {bisect.bisect_right(starts, m.start()) - 1 for m in pattern.finditer(joined)}


def test_line_gates_resuming_at_the_next_line_find_the_lines_every_match_finds() -> None:
    texts = ["您 您 您您", "", "no", "您", "a您b您", "x"]
    gates = LineGates(prose_lines(*texts))
    for pattern in (re.compile("您"), re.compile("您+"), re.compile("o|x"), re.compile("q")):
        assert gates.hit(pattern) == _every_match_lines(texts, pattern)
    assert gates.hit(re.compile("您")) == {0, 3, 4}


def test_empty_slot_pattern_matches_what_the_assertion_first_pattern_matched() -> None:
    old = re.compile(
        rf"（[ \t\u3000]*）|(?:(?<=[{HAN}，。：；、\s])|^)\([ \t]*\)(?=[{HAN}，。、；：\s]|$)", re.MULTILINE
    )
    for text in _SAMPLES:
        assert [m.span() for m in placeholder._EMPTY.finditer(text)] == [m.span() for m in old.finditer(text)]
    assert [m.group() for m in placeholder._EMPTY.finditer("中()文\n( )\nab()")] == ["()", "( )"]


def test_bare_consonant_pattern_matches_what_the_assertion_first_pattern_matched() -> None:
    consonant = "b-df-hj-np-tv-zB-DF-HJ-NP-TV-Z"
    old = re.compile(rf"(?<![A-Za-z])[{consonant}]{{3,}}(?![A-Za-z])")
    for text in _SAMPLES:
        found = [m.span() for m in damage._BARE_CONSONANTS.finditer(text)]
        assert found == [m.span() for m in old.finditer(text)]
    assert damage._BARE_CONSONANTS.findall("strngth wrds abcd xyz") == ["strngth", "wrds", "xyz"]


def test_markdown_link_pattern_reads_the_destinations_the_backtracking_pattern_read() -> None:
    from checker.extract.links import MD_LINK

    old = re.compile(
        r"\[(?P<label>[^\]\n]{0,500})\]\(\s*"
        r"(?:<(?P<angle>[^>\n]*)>|(?P<dest>(?:[^\s()]|\([^\s()]*\))+))"
        r"(?:\s+(?:\"[^\"\n]*\"|'[^'\n]*'|\([^)\n]*\)))?\s*\)"
    )
    texts = [
        '[a](https://x.org/a_(b)) [b]( https://y.org "t" ) ![c](<z w>) [d](https://x(y z)) [e](u (t))',
        "[f](https://x.org/(a)(b)c) [g](a(b) [h](https://x.org/a) tail) [i](x 'q') [j](x\n) [k](()",
        "[l](https://site1.example.org/1)\n- [Item 2](https://site2.example.org/2) [m](a((b)) [n](" + "x" * 300,
    ]
    for text in texts:
        assert [(m.span(), m.groupdict()) for m in MD_LINK.finditer(text)] == [
            (m.span(), m.groupdict()) for m in old.finditer(text)
        ]
    assert (
        MD_LINK.search("[w](https://en.wikipedia.org/wiki/A_(b))").group("dest")
        == "https://en.wikipedia.org/wiki/A_(b)"
    )  # type: ignore[union-attr]


def test_conversion_raw_gate_lets_through_every_text_whose_view_holds_a_candidate() -> None:
    from checker.extract.conversion import _FOLDED_HAN, table
    from checker.text.view import fold, reader_view

    tab = table()
    folded_in = [chr(cp) for lo, hi in _FOLDED_HAN for cp in range(lo, hi + 1) if tab.candidates.match(fold(chr(cp)))]
    assert folded_in  # radicals and compatibility ideographs that read as a candidate
    for c in folded_in:
        assert tab.raw_candidates.match(c), c
    for text in ["完成瞭，隻是", f"功能{folded_in[0]}淨", "plain English", "简体的文字", "**隻**有"]:
        holds = tab.candidates.search(reader_view(text).masked) is not None
        assert not holds or tab.raw_candidates.search(text) is not None


def test_conversion_slips_are_the_same_with_the_files_kept_views() -> None:
    from checker.extract.conversion import conversion_slips
    from checker.input.load import build_documents
    from checker.input.source import SourceFile
    from checker.text.view import views_kept

    text = "# 標題\n\n這項功能已經完成瞭，隻是還沒有發布。\n\n模型發布之后，團隊把這里的設定改了。\n\nplain English.\n"
    (doc,) = build_documents(SourceFile("a.md", text), "markdown")
    plain = conversion_slips(doc.segments)
    with views_kept() as views:
        shared = conversion_slips(doc.segments)
    assert plain == shared and len(plain) >= 3
    assert len(views) == 2  # the two Traditional paragraphs (the English one and the heading hold no candidate)


def test_table_cells_are_counted_as_markdown_it_splits_them() -> None:
    import random

    from markdown_it.rules_block.table import escapedSplit

    from checker.extract.structure import _cells

    def split_count(row: str) -> int:  # the list version, as the check was written before
        s = row.strip()
        parts = escapedSplit(s)
        if parts and s.startswith("|"):
            parts = parts[1:]
        if parts and s.endswith("|") and not s.endswith("\\|"):
            parts = parts[:-1]
        return len(parts)

    rows = ["", "|", "||", "\\|", "| a | b |", "a | b", "| a \\| b |", "|a|b\\|", "\\\\|x|", " | 中 | ` | ` |  "]
    rnd = random.Random(17)
    rows += ["".join(rnd.choice("|\\ a") for _ in range(rnd.randrange(12))) for _ in range(3000)]
    for row in rows:
        assert _cells(row) == split_count(row), row
    assert _cells("| a | b \\| c |") == 2


def test_host_name_pattern_reads_hosts_as_the_label_by_label_check() -> None:
    import random

    from checker.extract.links import _HOST_LABEL, _HOST_NAME

    rnd = random.Random(9)
    hosts = ["a.b", "-a.b", "a-.b", "a..b", ".a", "a.", "例子.中国", "x" * 63 + ".com", "x" * 64 + ".com", "a_b.c-d.e"]
    hosts += ["".join(rnd.choice("ab-._é") for _ in range(rnd.randrange(1, 10))) for _ in range(3000)]
    for host in hosts:
        labels = host.split(".")
        assert (_HOST_NAME.fullmatch(host) is None) == any(not _HOST_LABEL.match(x) for x in labels), host
