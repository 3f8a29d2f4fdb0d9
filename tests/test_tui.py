"""The interactive viewer, driven headless with Textual's pilot (App.run_test).

Screens are asserted on as the plain text a terminal would show. The main screen at 80x24 is
kept as a snapshot in tests/snapshots (viewer_main.txt is compared, viewer_main.svg is the
picture of it); regenerate both with CHECKER_UPDATE_SNAPSHOTS=1 after an intended change.
"""

from __future__ import annotations

import asyncio
import functools
import io
import os
from collections.abc import AsyncIterator, Callable, Coroutine
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from rich.console import Console
from textual.pilot import Pilot
from textual.widgets import Input, OptionList

from checker.core.baseline import read_baseline
from checker.viewer.app import FilterScreen, FindingList, ViewerApp
from checker.viewer.report_io import load_report
from tests.report_fixture import run_demo, write_report

SNAPSHOTS = Path(__file__).parent / "snapshots"
ARTIFACTS = Path(__file__).resolve().parent.parent / "benchmarks" / "out" / "screenshots"


def screen_text(app: ViewerApp) -> str:
    """What the terminal shows, as text (the compositor's full frame, styles dropped)."""
    console = Console(
        width=app.size.width,
        height=app.size.height,
        file=io.StringIO(),
        record=True,
        force_terminal=True,
        color_system="truecolor",
        legacy_windows=False,
        safe_box=False,
    )
    console.print(app.screen._compositor.render_update(full=True, screen_stack=app._background_screens))
    return console.export_text()


def aio(test: Callable[..., Coroutine[object, object, None]]) -> Callable[..., None]:
    """Run an async test on its own loop (no pytest async plugin is needed)."""

    @functools.wraps(test)
    def run(*args: object, **kwargs: object) -> None:
        asyncio.run(test(*args, **kwargs))

    return run


@pytest.fixture
def report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return write_report(tmp_path)


@asynccontextmanager
async def viewer(
    report: Path, baseline: str | None = None, size: tuple[int, int] = (80, 24)
) -> AsyncIterator[tuple[ViewerApp, Pilot[None]]]:
    app = ViewerApp(load_report(str(report)), None, baseline)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        yield app, pilot


async def search(app: ViewerApp, pilot: Pilot[None], query: str) -> None:
    """`/`, the query, Enter (typing each key through the pilot is slow; one test does that)."""
    await pilot.press("slash")
    app.query_one("#search", Input).value = query
    await pilot.press("enter")
    await pilot.pause()


@aio
async def test_opens_on_the_first_finding_with_counts_and_source(report: Path) -> None:
    async with viewer(report) as (app, _):
        text = screen_text(app)
        assert "report.json  4/4 findings  2 error  1 warning  1 info  · by file" in text
        assert "2025-03-13-digest.md (2)" in text and "2025-03-14-digest.md (2)" in text
        assert app.selected is not None and app.selected.rule == "demo.residue"
        # the source pane: the flagged line is marked, and its neighbours are shown
        assert " 8 ▶ 好的，以下是修改后的版本：" in text
        assert "10   NVIDIA 发布 Hopper-Eco" in text
        assert "12 • Hopper-Eco 将于下月量产。TODO" in text  # another finding in view
        assert "leftover assistant chatter: delete the line before publishing" in text


@aio
async def test_search_then_evidence_jumps_into_the_other_document(report: Path) -> None:
    async with viewer(report) as (app, pilot):
        await pilot.press("slash", *"hoppe-eco", "enter")
        await pilot.pause()
        assert [f.rule for f in app.shown] == ["demo.typo"]
        text = screen_text(app)
        assert "1/4 findings" in text and "/hoppe-eco" in text
        assert " 8 ▶ NVIDIA 的 Hoppe-Eco 芯片开始出货。" in text
        assert "suggestion: Hopper-Eco" in text
        # the evidence item pointing at the other digest: select it (Enter) to go there
        evidence = app.query_one("#evidence", OptionList)
        evidence.focus()
        evidence.highlighted = evidence.get_option_index("ev:0")
        await pilot.press("enter")
        await pilot.pause()
        text = screen_text(app)
        assert app.jumped
        assert "evidence (b: back) → 2025-03-13-digest.md:10" in text
        assert "10 → NVIDIA 发布 Hopper-Eco 芯片" in text
        await pilot.press("b")
        await pilot.pause()
        assert not app.jumped
        assert " 8 ▶ NVIDIA 的 Hoppe-Eco" in screen_text(app)


@aio
async def test_facet_filter_grouping_and_n_N(report: Path) -> None:
    async with viewer(report) as (app, pilot):
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(app.screen, FilterScreen)
        facets = app.screen.query_one("#facets", OptionList)
        assert "error  (2)" in str(facets.get_option("sev:error").prompt)
        facets.highlighted = facets.get_option_index("sev:error")
        await pilot.press("enter", "escape")
        await pilot.pause()
        assert {f.severity.label for f in app.shown} == {"error"} and len(app.shown) == 2
        assert "2/4 findings  2 error  0 warning  0 info" in screen_text(app)
        first, second = app.shown
        assert app.selected is first
        await pilot.press("n")
        assert app.selected is second
        await pilot.press("n")  # wraps
        assert app.selected is first
        await pilot.press("N")
        assert app.selected is second
        await pilot.press("x", "g")  # clear filters, then group by rule
        await pilot.pause()
        text = screen_text(app)
        assert "4/4 findings" in text and "by rule" in text
        assert "demo.residue (2)" in text and "demo.typo (1)" in text


@aio
async def test_keys_and_mouse_move_through_the_list(report: Path) -> None:
    async with viewer(report) as (app, pilot):
        order = [(Path(f.path).name[5:10], f.location.line) for f in app.shown]
        assert order == [("03-13", 8), ("03-13", 12), ("03-14", 8), ("03-14", 10)]
        await pilot.press("down")
        assert app.selected is app.shown[1]
        await pilot.press("down")  # over the heading of the next file
        assert app.selected is app.shown[2]
        await pilot.press("end")
        assert app.selected is app.shown[3]
        await pilot.press("home")
        assert app.selected is app.shown[0]
        # rows: heading, finding, finding, heading, finding...; the pane has a one-line top border
        await pilot.click("#findings", offset=(10, 1 + 4))
        await pilot.pause()
        assert app.selected is app.shown[2]
        await pilot.click("#findings", offset=(10, 1 + 3))  # a heading: nothing changes
        assert app.selected is app.shown[2]


@aio
async def test_accept_writes_a_baseline_that_check_honours(report: Path, tmp_path: Path) -> None:
    baseline = tmp_path / "baseline.json"
    async with viewer(report, str(baseline)) as (app, pilot):
        await search(app, pilot, "TODO")
        await pilot.press("a")
        await pilot.pause()
        todo = app.selected
        assert todo is not None and todo.rule == "demo.todo"
        assert read_baseline(str(baseline)) == {todo.fingerprint}
        assert "1 accepted" in screen_text(app)
    # the next run with --baseline reports it as suppressed, and only it
    rerun = run_demo(tmp_path, baseline=read_baseline(str(baseline)))
    assert [(f.rule, f.suppressed_by) for f in rerun.suppressed] == [("demo.todo", "baseline")]
    assert len(rerun.findings) == 3
    # accepting again takes it back
    async with viewer(report, str(baseline)) as (app, pilot):
        await search(app, pilot, "TODO")
        listing = app.query_one("#findings", FindingList)
        assert app.selected is not None
        assert "✓" in listing.row_text(listing.cursor).plain
        await pilot.press("a")
        assert read_baseline(str(baseline)) == set()


@aio
async def test_accept_without_baseline_says_how(report: Path, tmp_path: Path) -> None:
    async with viewer(report) as (app, pilot):
        await pilot.press("a")
        await pilot.pause()
        assert any("--baseline" in n.message for n in app._notifications)
    assert list(tmp_path.glob("*baseline*")) == []


@aio
async def test_copy_suggestion_and_help(report: Path) -> None:
    async with viewer(report) as (app, pilot):
        await search(app, pilot, "Hoppe")
        await pilot.press("c")
        assert app.clipboard == "Hopper-Eco"
        await pilot.press("question_mark")
        await pilot.pause()
        assert "checker view keys" in screen_text(app)
        await pilot.press("space")
        await pilot.pause()
        assert "checker view keys" not in screen_text(app)


@aio
async def test_changed_file_is_reported_not_shown(report: Path, tmp_path: Path) -> None:
    article = tmp_path / "articles" / "2025-03-14-digest.md"
    article.write_text("# rewritten\n\nnew text\n" * 3, encoding="utf-8")
    async with viewer(report) as (app, pilot):
        await search(app, pilot, "Hoppe")
        text = screen_text(app)
        assert "1 file changed since the report was written" in text
        assert "digest.md changed since the report was written: its" in text and "lines are not shown" in text
        assert "flagged text in the report: Hoppe-Eco" in text
        assert "rewritten" not in text


@aio
async def test_main_screen_snapshot(report: Path) -> None:
    async with viewer(report) as (app, _):
        text = screen_text(app)
        svg = app.export_screenshot(title="checker view")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "viewer_main.svg").write_text(svg, encoding="utf-8")
    expected = SNAPSHOTS / "viewer_main.txt"
    if os.environ.get("CHECKER_UPDATE_SNAPSHOTS") or not expected.exists():
        SNAPSHOTS.mkdir(exist_ok=True)
        expected.write_text(text, encoding="utf-8")
        (SNAPSHOTS / "viewer_main.svg").write_text(svg, encoding="utf-8")
    assert text == expected.read_text(encoding="utf-8"), "main screen changed; see benchmarks/out/screenshots"


def test_an_unreadable_baseline_is_an_error_not_a_crash(
    tmp_path: Path, report: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from checker.viewer.app import run

    bad = tmp_path / "baseline.json"
    bad.write_text("{not json", encoding="utf-8")
    assert run(load_report(str(report)), [], str(bad)) == 2
    assert "not a readable JSON baseline" in capsys.readouterr().err
