"""One check of an editor buffer, as `checker check` would run it from the config's folder.

What a check reads (the choice documented in docs/editors.md):
- the buffer's text, not the file on disk;
- the configuration of the file's folder: the nearest `checker.toml` or `[tool.checker]` in a
  `pyproject.toml` upward from it (`checker.core.config.find_config`), its `exclude`,
  `per-file-ignores`, severities, rule options, `knowledge-base` and `archive`;
- as the corpus of corpus rules (name.typo across documents, number.conflict, ...): the other
  articles of the file's folder (not below it), each open buffer in place of its file on disk,
  and the other open buffers under the same configuration; capped (`MAX_CORPUS_FILES`,
  `MAX_CORPUS_BYTES`) so a check stays interactive in a folder of thousands of files;
- the config's `archive`, read as `--archive` (a file both in the corpus and the archive counts
  once, as checked).
Only the buffer's own findings are reported: document rules run on the buffer alone, the corpus
is read by corpus rules. Offline always: look-ups over the network are too slow per keystroke.

Loaded corpus and archive documents are kept while their file's size and mtime stay the same:
their per-document extractions (`Document.cached`) are then reused by the next check.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from checker.core.archive import Archive
from checker.core.config import Config, ConfigError, find_config, load_config
from checker.core.engine import Engine, Report, RunOptions
from checker.core.model import Finding
from checker.input.discover import Discovery, Walker, discover_files
from checker.input.documents import Document
from checker.input.load import SUFFIXES, InputError, InputFile, build_documents, file_format, load_documents
from checker.input.published import settle_publication
from checker.input.source import SourceFile

if TYPE_CHECKING:
    from checker.extract.kb import KnowledgeBase

log = logging.getLogger("checker.server")

MAX_CORPUS_FILES = 300
MAX_CORPUS_BYTES = 16 * 1024 * 1024
# LSP languageId -> checker's document format; other languages are not checked
LANGUAGE_FORMATS = {"markdown": "markdown", "mdx": "markdown", "plaintext": "text", "text": "text", "html": "html"}


class SessionError(Exception):
    """The configuration (or a knowledge-base file it names) cannot be used: shown to the user."""


@dataclass
class Buffer:
    """An open document as the editor has it."""

    uri: str
    path: Path | None  # None for a buffer with no file (untitled:)
    text: str
    language_id: str = ""
    version: int | None = None

    def format(self) -> str | None:
        """checker's format for the buffer, or None when it is not an article."""
        if self.path is not None and self.path.suffix.lower() in SUFFIXES:
            return file_format(str(self.path))
        return LANGUAGE_FORMATS.get(self.language_id)


@dataclass
class CheckResult:
    buffer: Buffer
    display_path: str  # the path findings carry (relative to the config's folder when inside it)
    root: Path  # what relative evidence paths are relative to
    source: SourceFile | None = None
    documents: list[Document] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    excluded: bool = False


@dataclass(eq=False)
class FocusConfig(Config):
    """A Config whose rules report only on `focus` paths: the other documents are corpus.

    The engine asks `ignored_for_path` before running a document rule and before keeping a
    corpus rule's hit, so this keeps document rules off the corpus without touching the engine.
    """

    focus: frozenset[str] = frozenset()

    def ignored_for_path(self, rule_id: str, path: str) -> bool:
        return path not in self.focus or super().ignored_for_path(rule_id, path)


@dataclass
class _Loaded:
    stamp: tuple[int, int]  # (size, mtime_ns)
    documents: list[Document]


@dataclass
class _ConfigState:
    """What one configuration file gives every check under it: parsed once, reloaded on change."""

    config: Config
    stamp: tuple[int, int] | None
    kb: KnowledgeBase | None = None  # loaded on first use
    files: dict[tuple[str, bool], _Loaded] = field(default_factory=dict)
    walker: Walker | None = None  # what discovery leaves out, built on first use


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns


class Session:
    """Checks buffers; holds parsed configs and loaded corpus files between checks."""

    def __init__(self, *, today: dt.date | None = None, default_root: Path | None = None) -> None:
        self.fixed_today = today
        self.default_root = default_root or Path.cwd()
        self._states: dict[str, _ConfigState] = {}
        self._day: dt.date | None = None

    @property
    def today(self) -> dt.date:
        return self.fixed_today or dt.date.today()

    # --- configuration ---------------------------------------------------------------------

    def config_for(self, folder: Path) -> _ConfigState:
        """The state of the nearest config upward from `folder` (defaults when there is none)."""
        try:
            found = find_config(folder)
        except ConfigError as exc:
            raise SessionError(str(exc)) from None
        key = str(found[0].resolve()) if found else f"(defaults)#{folder}"
        stamp = _stamp(found[0]) if found else None
        state = self._states.get(key)
        if state is None or state.stamp != stamp:
            try:
                cfg = load_config(None, cwd=folder)
            except ConfigError as exc:
                raise SessionError(str(exc)) from None
            if found is None:
                cfg.root = self.default_root if folder.is_relative_to(self.default_root) else folder
            state = _ConfigState(cfg, stamp)
            self._states[key] = state
        return state

    def _kb(self, state: _ConfigState) -> KnowledgeBase:
        if state.kb is None:
            from checker.extract.kb import KBError, load_kb

            try:
                state.kb = load_kb(state.config.knowledge_base)
            except (KBError, OSError) as exc:
                raise SessionError(f"{state.config.path}: knowledge-base: {exc}") from None
        return state.kb

    # --- documents -------------------------------------------------------------------------

    def _left_out(self, state: _ConfigState, path: Path) -> bool:
        """Whether the command line would leave this file out when walking its folder: the
        config's exclude patterns, the default excludes and the ignore files (one rule for both)."""
        if state.walker is None:
            state.walker = Walker(state.config, Discovery(cwd=state.config.root, force_exclude=True), None)
        return state.walker.left_out(path)

    def _display(self, path: Path, root: Path) -> str:
        try:
            return str(path.relative_to(root)) if path.is_absolute() else str(path)
        except ValueError:
            return str(path)

    def _load_file(self, state: _ConfigState, fs_path: Path, display: str, archived: bool) -> list[Document]:
        stamp = _stamp(fs_path)
        if stamp is None:
            return []
        key = (str(fs_path), archived)
        cached = state.files.get(key)
        if cached is not None and cached.stamp == stamp:
            return cached.documents
        docs = load_documents(InputFile(display, fs_path), max_bytes=state.config.max_file_size)
        for d in docs:
            d.archived = archived
        state.files[key] = _Loaded(stamp, docs)
        return docs

    def _from_text(self, display: str, text: str, fmt: str, cfg: Config) -> tuple[SourceFile, list[Document]]:
        size = len(text.encode("utf-8", "surrogatepass"))
        if size > cfg.max_file_size:
            raise InputError(display, f"too large ({size} bytes; the limit is {cfg.max_file_size})")
        source = SourceFile(display, text, size)
        try:
            docs = build_documents(source, fmt)
        except RecursionError:
            raise InputError(display, "structure nested too deeply to read") from None
        for d in docs:
            settle_publication(d)
        return source, docs

    def _corpus(
        self, state: _ConfigState, target: Path | None, open_buffers: dict[Path, Buffer], notes: list[str]
    ) -> list[Document]:
        cfg = state.config
        paths: list[Path] = []
        if target is not None:
            try:
                with os.scandir(target.parent) as it:
                    paths = sorted(Path(e.path) for e in it if Path(e.name).suffix.lower() in SUFFIXES and e.is_file())
            except OSError as exc:
                notes.append(f"{target.parent}: folder not read as corpus ({exc.strerror or exc})")
        seen = {target} if target is not None else set()
        for p in open_buffers:
            if p not in paths and (target is None or p.parent != target.parent):
                paths.append(p)  # an open article elsewhere under the same config
        docs: list[Document] = []
        total = 0
        for p in paths:
            if p in seen:
                continue
            seen.add(p)
            display = self._display(p, cfg.root)
            if self._left_out(state, p):
                continue
            if len(seen) > MAX_CORPUS_FILES or total > MAX_CORPUS_BYTES:
                notes.append(f"corpus capped at {MAX_CORPUS_FILES} files / {MAX_CORPUS_BYTES} bytes")
                break
            buf = open_buffers.get(p)
            try:
                if buf is not None:
                    fmt = buf.format()
                    if fmt is None:
                        continue
                    _, more = self._from_text(display, buf.text, fmt, cfg)
                    total += len(buf.text)
                else:
                    more = self._load_file(state, p, display, archived=False)
                    total += sum(len(d.source.text) for d in more[:1])
            except InputError as exc:
                notes.append(f"{exc.path}: not read as corpus: {exc.reason}")
                continue
            docs.extend(more)
        return docs

    def _archive(self, state: _ConfigState, checked: set[Path], notes: list[str]) -> Archive | None:
        cfg = state.config
        if not cfg.archive:
            return None
        docs: list[Document] = []
        try:
            inputs = [inp for inp, _ in discover_files(cfg.archive, cfg, Discovery(cwd=cfg.root), notes=notes)]
        except InputError as exc:
            notes.append(f"archive: {exc}")
            return None
        for inp in inputs:
            if inp.fs_path is None:
                continue
            # config archive paths are absolute (config.py): shown relative to the config's folder
            display = self._display(inp.fs_path, cfg.root)
            if inp.fs_path.resolve() in checked:
                continue  # checked and archived: counted once, as checked
            try:
                docs.extend(self._load_file(state, inp.fs_path, display, archived=True))
            except InputError as exc:
                notes.append(f"archive: {exc.path}: {exc.reason}")
        return Archive(list(cfg.archive), docs)

    # --- the check -------------------------------------------------------------------------

    def check(self, buffer: Buffer, open_buffers: dict[Path, Buffer] | None = None) -> CheckResult:
        """Findings of `buffer` (raises SessionError for a config that cannot be used,
        InputError for a buffer that cannot be read as an article)."""
        if self._day != self.today:
            self._day = self.today
            for st in self._states.values():
                st.files.clear()  # extractions may depend on the date
        fmt = buffer.format()
        folder = buffer.path.parent if buffer.path is not None else self.default_root
        state = self.config_for(folder)
        cfg = state.config
        if buffer.path is not None:
            display = self._display(buffer.path, cfg.root)
        else:
            display = buffer.uri.rsplit("/", 1)[-1] or "untitled"
        result = CheckResult(buffer, display, cfg.root)
        if fmt is None:
            return result
        if buffer.path is not None and self._left_out(state, buffer.path):
            result.excluded = True
            return result
        source, docs = self._from_text(display, buffer.text, fmt, cfg)
        result.source, result.documents = source, docs
        others = {p: b for p, b in (open_buffers or {}).items() if p != buffer.path}
        # open buffers under another configuration are not this check's corpus
        others = {p: b for p, b in others.items() if self.config_for(p.parent) is state}
        corpus = self._corpus(state, buffer.path, others, result.notes)
        checked = {buffer.path.resolve()} if buffer.path is not None else set()
        checked |= {Path(cfg.root, d.path).resolve() for d in corpus}
        archive = self._archive(state, checked, result.notes)
        fields = {f.name: getattr(cfg, f.name) for f in dataclasses.fields(Config)}
        focused = FocusConfig(**fields, focus=frozenset({display}))
        engine = Engine(focused, RunOptions(today=self.today, online=False))
        engine.services.kb = self._kb(state)
        report: Report = engine.run([*docs, *corpus], archive)
        for crash in report.crashes:
            result.notes.append(f"rule {crash.rule} failed on {crash.document}: {crash.error}")
            log.debug("%s", crash.trace)
        result.findings = [f for f in report.findings if f.path == display]
        return result
