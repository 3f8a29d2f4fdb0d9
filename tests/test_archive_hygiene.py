"""A file both checked and given as archive (--archive or config `archive`) counts once: as a
checked document, with a note on stderr. Read twice, its misspelling would look attested
by another document and change what name.typo says."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .clihelp import run

POSTS = {
    "a.md": "Kortexa-Zelvin 框架發布。\n",
    "b.md": "Kortexa-Zelvin 框架更新。\n",
    "c.md": "Kortexa-Zelvin 框架很好用。\n",
    "d.md": "我們試用了 Kortexa-Zelvni 框架。\n",
}


@pytest.fixture
def posts(tmp_path: Path) -> Path:
    folder = tmp_path / "posts"
    folder.mkdir()
    for name, text in POSTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _check(*args: str, cwd: Path) -> tuple[list[tuple[str, str, str]], str]:
    res = run("check", "--format", "json", "--today", "2026-01-01", "--select", "name", *args, cwd=cwd)
    assert res.code in (0, 1), res.err
    report = json.loads(res.out)
    assert report["summary"]["documents"] == 1
    return [(Path(f["path"]).name, f["rule"], f["message"]) for f in report["findings"]], res.err


def test_a_checked_file_in_the_archive_folder_counts_once(posts: Path) -> None:
    others = [a for n in ("a.md", "b.md", "c.md") for a in ("--archive", str(posts / n))]
    expected, quiet_err = _check(str(posts / "d.md"), *others, cwd=posts.parent)
    assert expected == [("d.md", "name.typo", "'Kortexa-Zelvni' looks like a misspelling of 'Kortexa-Zelvin'")]
    assert "read once" not in quiet_err
    # the whole folder as archive, d.md included (named relatively, so only its real path matches)
    got, err = _check("posts/d.md", "--archive", str(posts), cwd=posts.parent)
    assert got == expected
    assert "d.md: checked and also given as archive; read once, as checked" in err
    assert "a.md" not in err


def test_the_config_archive_is_deduplicated_too(posts: Path) -> None:
    (posts.parent / "checker.toml").write_text('archive = ["posts"]\n', encoding="utf-8")
    got, err = _check("--config", str(posts.parent / "checker.toml"), "posts/d.md", cwd=posts.parent)
    assert got == [("d.md", "name.typo", "'Kortexa-Zelvni' looks like a misspelling of 'Kortexa-Zelvin'")]
    assert err.count("read once, as checked") == 1


def test_stdin_named_like_an_archived_file_replaces_it(posts: Path) -> None:
    """An editor sends its buffer on stdin with --stdin-filename: the file on disk is the
    stale copy of the same document."""
    res = run(
        "check", "--format", "json", "--today", "2026-01-01", "--select", "name", "--stdin-filename", "posts/d.md",
        "-", "--archive", "posts", cwd=posts.parent, stdin=POSTS["d.md"].encode("utf-8"),
    )  # fmt: skip
    assert res.code in (0, 1), res.err
    messages = [f["message"] for f in json.loads(res.out)["findings"]]
    assert messages == ["'Kortexa-Zelvni' looks like a misspelling of 'Kortexa-Zelvin'"]
    assert "read once, as checked" in res.err
