"""--jobs (the per-document phase in a process pool) and the cache of unchanged files."""

from __future__ import annotations

import json
import logging
import multiprocessing
import os
import pickle
import shutil
import sqlite3
import sys
import threading
from pathlib import Path

import pytest

from checker import cli
from checker.core import phases, resultcache, runner
from checker.input.documents import Document

TODAY = "2026-12-06"
# a few real articles of different shapes (entries in <details>, front matter, HTML)
REAL = (
    "nil957__ai-daily-blog",
    "redleafluan__ai_daily_report",
    "aitechdaily__aitechdaily.github.io",
)


@pytest.fixture(scope="module")
def corpus(shared: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds plus a few real articles, copied so that tests may change them."""
    root = tmp_path_factory.mktemp("corpus")
    shutil.copytree(shared / "corpus" / "seeds", root / "seeds")
    for name in REAL:
        files = sorted(p for p in (shared / "corpus" / "real" / name).rglob("*") if p.suffix in (".md", ".html"))
        for p in files[:2]:
            target = root / name / p.name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(p, target)
    return root


def _run(folder: Path, out: Path, *extra: str) -> dict[str, object]:
    code = cli.main(["check", str(folder), "--today", TODAY, "--format", "json", "-o", str(out), "-q", *extra])
    assert code in (0, 1), code
    data: dict[str, object] = json.loads(out.read_text(encoding="utf-8"))
    summary = data["summary"]
    assert isinstance(summary, dict)
    summary.pop("elapsed_s", None)  # the only field that may differ between runs
    return data


@pytest.mark.parametrize("start", ["spawn", "fork"])
@pytest.mark.parametrize("main_too", [False, True], ids=["workers alone", "main process and workers"])
def test_jobs_two_gives_the_same_report_as_one(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, main_too: bool, start: str
) -> None:
    if start not in multiprocessing.get_all_start_methods():
        pytest.skip(f"no {start} on this platform")
    monkeypatch.setattr(runner, "_start_method", lambda: start)
    monkeypatch.setattr(runner, "POOL_MIN_BYTES", 0)  # the pool even for this small folder
    monkeypatch.setattr(runner, "MAIN_CHECKS_TOO", main_too)
    one = _run(corpus, tmp_path / "one.json", "--jobs", "1", "--no-cache")
    in_main: list[str] = []
    real = phases.FilePhase.check_file

    def spy(self: phases.FilePhase, task: phases.FileTask) -> phases.FileResult:
        in_main.append(task.path)
        return real(self, task)

    monkeypatch.setattr(phases.FilePhase, "check_file", spy)  # patched in this process only
    two = _run(corpus, tmp_path / "two.json", "--jobs", "2", "--no-cache")
    if main_too:
        # the smallest files, while the worker takes the biggest: both did some
        files = [p for p in corpus.rglob("*") if p.is_file()]
        assert in_main and len(in_main) < len(files)
    else:
        assert in_main == []  # every file was checked by a worker process
    assert one["findings"], "the corpus must give findings for the comparison to mean anything"
    assert json.dumps(one, sort_keys=True) == json.dumps(two, sort_keys=True)


def test_workers_fork_only_without_other_threads() -> None:
    """A fork copies every lock as it is: with a thread alive (a progress bar's refresh) one
    could be held for ever in the worker, so workers are spawned then."""
    if sys.platform == "linux" and threading.active_count() == 1:  # (a session-wide server may run)
        assert runner._start_method() == "fork"
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert runner._start_method() == "spawn"
    finally:
        stop.set()
        other.join()


def test_second_run_reads_the_cache(
    corpus: Path, tmp_path: Path, cache_dir: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    caplog.set_level(logging.INFO, logger="checker.cache")
    first = _run(corpus / "seeds", tmp_path / "a.json")
    n_files = 5
    assert f"0 read, {n_files} checked, {n_files} written" in caplog.text
    caplog.clear()
    from checker.extract.names import extract

    extracted: list[str] = []
    real = extract.extract_names

    def spy(doc: Document, kb: object) -> object:
        extracted.append(doc.id)
        return real(doc, kb)  # type: ignore[arg-type]

    monkeypatch.setattr(extract, "extract_names", spy)
    second = _run(corpus / "seeds", tmp_path / "b.json")
    assert f"{n_files} read, 0 checked, 0 written" in caplog.text
    assert extracted == []  # the names came from the cache too
    assert json.dumps(first, sort_keys=True) == json.dumps(second, sort_keys=True)
    assert (cache_dir / "results.sqlite").is_file()
    assert oct((cache_dir / "results.sqlite").stat().st_mode & 0o777) == oct(0o600)


def test_a_changed_file_today_or_config_misses(
    corpus: Path, tmp_path: Path, cache_dir: Path, caplog: pytest.LogCaptureFixture
) -> None:
    work = tmp_path / "work"
    shutil.copytree(corpus / "seeds", work)
    caplog.set_level(logging.INFO, logger="checker.cache")
    _run(work, tmp_path / "a.json", *DOC_RULES)
    target = sorted(work.iterdir())[0]
    target.write_text(target.read_text(encoding="utf-8") + "\nGPT-9 今日發布。\n", encoding="utf-8")
    caplog.clear()
    _run(work, tmp_path / "b.json", *DOC_RULES)
    assert "4 read, 1 checked, 1 written" in caplog.text
    caplog.clear()
    _run(work, tmp_path / "c.json", *DOC_RULES, "--today", "2027-01-01")
    assert "0 read, 5 checked, 5 written" in caplog.text
    config = tmp_path / "checker.toml"
    config.write_text('[rules."date.stale"]\nthreshold-days = 60\n', encoding="utf-8")
    caplog.clear()
    _run(work, tmp_path / "d.json", *DOC_RULES, "--config", str(config))
    assert "0 read, 5 checked, 5 written" in caplog.text
    caplog.clear()
    _run(work, tmp_path / "e.json", "--select", "date")
    assert "0 read, 5 checked, 5 written" in caplog.text


class _Boom:
    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (os.system, ("touch " + str(_MARK),))


_MARK = Path("/tmp/checker-test-poisoned-cache-ran")


def _poison(kind: str, path: Path) -> None:
    if kind != "under-a-file":
        path.parent.mkdir(parents=True, exist_ok=True)
    if kind == "random":
        path.write_bytes(os.urandom(4096))
    elif kind == "pickle-file":
        path.write_bytes(pickle.dumps(_Boom()))
    elif kind == "directory":
        path.mkdir()
    elif kind in ("pickle-values", "text-values"):
        resultcache.open_for_run(path)
        with sqlite3.connect(path) as conn:
            conn.execute("create table if not exists anything (x)")
        # every key of a real run holds a pickle (or text that is no record): read as misses
    elif kind == "wrong-schema":
        with sqlite3.connect(path) as conn:
            conn.execute("create table records (key integer, other blob)")
    elif kind == "foreign-version":
        resultcache.open_for_run(path)
        with sqlite3.connect(path) as conn:
            conn.execute("update meta set value = '99' where name = 'schema'")
    elif kind == "under-a-file":
        pass
    else:  # pragma: no cover
        raise AssertionError(kind)


# the cache holds the document rules' hits: the name and number families (corpus rules) add
# run time, not coverage, to the tests of a damaged cache
DOC_RULES = ("--select", "date,text,markdown,link.invalid")


@pytest.fixture(scope="module")
def seeds_base(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    return _run(corpus / "seeds", tmp_path_factory.mktemp("base") / "base.json", "--no-cache", *DOC_RULES)


@pytest.mark.parametrize(
    ("kind", "warned"),
    [
        ("random", True),
        ("pickle-file", True),
        ("directory", True),
        ("wrong-schema", True),
        ("foreign-version", True),
        ("pickle-values", False),
        ("text-values", False),
        ("under-a-file", True),
    ],
)
def test_a_poisoned_cache_degrades_with_the_same_results(
    kind: str,
    warned: bool,
    corpus: Path,
    seeds_base: dict[str, object],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    seeds = corpus / "seeds"
    base = seeds_base
    cache_dir = tmp_path / "cache"
    if kind == "under-a-file":
        (tmp_path / "plainfile").write_text("x", encoding="utf-8")
        cache_dir = tmp_path / "plainfile" / "cache"  # cannot be created: not a folder
    monkeypatch.setenv("CHECKER_CACHE_DIR", str(cache_dir))
    path = cache_dir / "results.sqlite"
    _MARK.unlink(missing_ok=True)
    _poison(kind, path)
    if kind in ("pickle-values", "text-values"):
        # fill the keys a real run uses with values that are no records
        _run(seeds, tmp_path / "fill.json", *DOC_RULES)
        payload: bytes | str = pickle.dumps(_Boom()) if kind == "pickle-values" else '{"v": 1, "documents": 5}'
        with sqlite3.connect(path) as conn:
            n = conn.execute("update records set value = ?", (payload,)).rowcount
            # and the run's own entry (the cache of unchanged runs), or it would answer first
            runs = conn.execute("update runs set value = ?", (payload,)).rowcount
        assert (n, runs) == (5, 1)
    capsys.readouterr()
    got = _run(seeds, tmp_path / "got.json", *DOC_RULES)
    err = capsys.readouterr().err
    assert json.dumps(got, sort_keys=True) == json.dumps(base, sort_keys=True)
    assert ("warning: cache of unchanged files not used" in err) is warned, err
    assert "internal error" not in err
    assert not _MARK.exists(), "the cache ran code"


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_cache_folder_degrades(corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache_dir = tmp_path / "ro"
    cache_dir.mkdir()
    cache_dir.chmod(0o500)
    monkeypatch.setenv("CHECKER_CACHE_DIR", str(cache_dir))
    base = _run(corpus / "seeds", tmp_path / "a.json", "--no-cache", *DOC_RULES)
    assert _run(corpus / "seeds", tmp_path / "b.json", *DOC_RULES) == base


def test_cache_info_and_clear(
    corpus: Path, tmp_path: Path, cache_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _run(corpus / "seeds", tmp_path / "a.json", *DOC_RULES)
    capsys.readouterr()
    assert cli.main(["cache", "info"]) == 0
    out = capsys.readouterr().out
    assert f"results cache: {cache_dir / 'results.sqlite'}" in out
    assert "5 files" in out
    assert "cache: " in out.split("results cache", 1)[1]  # the online cache's lines follow
    assert cli.main(["cache", "clear"]) == 0
    assert "removed 5 cached files" in capsys.readouterr().out
    assert not (cache_dir / "results.sqlite").exists()


def test_jobs_must_be_a_positive_number(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        cli.main(["check", ".", "--jobs", "0"])
    assert exc.value.code == 2
    assert "not a number of processes" in capsys.readouterr().err


def test_cache_info_and_clear_cover_the_built_data(
    tmp_path: Path, cache_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    built = [
        cache_dir / "kb" / "index-abc.json",
        cache_dir / "lexicon" / "opencc-1.json",
        cache_dir / "lexicon-lists" / "lists-abc.json",
        cache_dir / "lexicon-lists" / "english-freq-abc.txt",
        cache_dir / "kb" / "derived-lines-abc-def.json",
    ]
    for f in built:
        f.parent.mkdir(parents=True, exist_ok=True)
        f.write_text("{}", encoding="utf-8")
    kept = [cache_dir / "lexicon-lists" / "notes.txt", cache_dir / "kb" / "mine.json"]
    for f in kept:
        f.write_text("mine", encoding="utf-8")
    folder = cache_dir / "lexicon-lists" / "lists-folder.json"  # a folder someone put there
    folder.mkdir()
    assert cli.main(["cache", "info"]) == 0
    assert "built data: 5 files" in capsys.readouterr().out
    assert cli.main(["cache", "clear"]) == 0
    assert "removed 5 files of built data" in capsys.readouterr().out
    assert not any(f.exists() for f in built)
    assert all(f.exists() for f in kept) and folder.is_dir()


def test_name_typo_judged_in_two_processes_gives_the_same_report(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At --jobs 2 the corpus phase judges half of the documents' names in a forked child
    (core/forked.py): the report is the one of a single process."""
    from checker.core import forked, runner
    from checker.extract.names import slips

    if not forked.can_fork():
        pytest.skip("no fork here (platform, or a thread of the session is alive)")
    forks: list[int] = []
    halves: list[int] = []  # slips found by the child
    real_split = forked.split_map

    def split_small(items, work, *, processes, weight=None):  # type: ignore[no-untyped-def]
        forks.append(processes)
        out = real_split(items, work, processes=processes, min_items=2, weight=weight)
        if processes > 1:
            # the child's half comes back: the same judgements as one process makes of all
            # (the documents both ways round, so that the slips fall in each half once)
            for order in (list(items), list(reversed(items))):
                split = real_split(order, work, processes=processes, min_items=2)
                assert split == work(order)
                halves.append(sum(len(hits) for hits, _pairs in split[len(split) // 2 :]))
        return out

    monkeypatch.setattr(slips, "split_map", split_small)
    monkeypatch.setattr(runner, "CORPUS_FORK_MIN_BYTES", 0)  # the corpus phase forks for this small folder too
    one = _run(corpus, tmp_path / "one.json", "--jobs", "1", "--no-cache", "--select", "name")
    two = _run(corpus, tmp_path / "two.json", "--jobs", "2", "--no-cache", "--select", "name")
    assert forks == [1, 2]
    assert len(halves) == 2 and sum(halves) > 0, halves
    findings = one["findings"]
    assert isinstance(findings, list)
    typos = [f for f in findings if f["rule"] == "name.typo"]
    assert typos, "the corpus must give name.typo findings for the comparison to mean anything"
    assert json.dumps(one, sort_keys=True) == json.dumps(two, sort_keys=True)
