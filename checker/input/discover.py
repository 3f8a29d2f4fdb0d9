"""File discovery like ruff's: which files `checker check PATH ...` reads, and the config
that governs each.

- A file named on the command line is always read, unless `--force-exclude` (or
  `force-exclude = true`) and a pattern or ignore file leaves it out.
- A folder named on the command line is walked, even when a pattern leaves it out. Below
  it, hidden names (a leading dot), the `exclude` patterns (default `DEFAULT_EXCLUDE`)
  plus `extend-exclude`, and, with `respect-gitignore` (default), `.gitignore` (every
  level, `.git/info/exclude`, the global file) and `.ignore` files leave entries out.
- A glob the shell did not expand (`'content/**/*.md'`) is walked from its literal
  folder as a walked folder is, keeping the files that match.
- Per-folder config: with no `--config`, each file is governed by the nearest
  `checker.toml` (or `pyproject.toml` with `[tool.checker]`) from its folder upward,
  stopping at the repository root; without one, the run's config. The nearest config
  wins whole, as in ruff (no merging with the configs above it).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from checker.core.config import Config, config_file_in, parse_config
from checker.input.ignore import DEFAULT_EXCLUDE, IgnoreStack, Patterns, folder_layers, repository_root, stack_for
from checker.input.load import SUFFIXES, InputError, InputFile

if TYPE_CHECKING:  # imported where used: a run on single files never reads ignore patterns
    import pathspec

_GLOB_MAGIC = frozenset("*?[")
# settings a nested config cannot change: the run has one corpus, one rule set and one exit code
_RUN_WIDE = (
    ("rules", "rule_options"),
    ("archive", "archive"),
    ("knowledge-base", "knowledge_base"),
    ("fail-on", "fail_on"),
    ("references", "references"),
)


# not frozen (as checker/core/model.py's value types): a frozen dataclass costs two more generated
# methods to declare at every start and an object.__setattr__ per field to build; never assigned to
@dataclass(unsafe_hash=True)
class Discovery:
    """The command line's say in discovery, over every config."""

    cwd: Path = field(default_factory=Path.cwd)
    exclude: tuple[str, ...] | None = None  # --exclude: replaces each config's exclude
    extend_exclude: tuple[str, ...] = ()  # --extend-exclude: added to each config's
    force_exclude: bool = False
    per_folder: bool = False  # nearest config per file; off with --config


@dataclass(unsafe_hash=True)
class _Excludes:
    """Exclude patterns of the configs, each anchored at its folder."""

    sets: tuple[Patterns, ...]

    def excluded(self, path: Path, is_dir: bool) -> bool:
        return any(p.check(path, is_dir) is True for p in self.sets)

    def without_matches_of(self, root: Path) -> _Excludes:
        return _Excludes(tuple(p.without_matches_of(root) for p in self.sets))


@dataclass
class _State:
    """The walk's running state."""

    conf: Config
    excludes: _Excludes
    ignores: IgnoreStack


def _unreadable_folder(err: OSError) -> None:
    # a folder we cannot list would leave its articles unchecked, silently
    raise InputError(str(err.filename), f"cannot list this folder ({err.strerror or err})")


def _hidden(name: str) -> bool:
    return name.startswith(".")


class Walker:
    def __init__(self, cfg: Config, discovery: Discovery, notes: list[str] | None) -> None:
        self.cfg = cfg
        self.disc = discovery
        self.notes = notes
        self._nearest: dict[Path, Config] = {}
        self._by_file: dict[Path, Config] = {}
        self._excludes: dict[int, _Excludes] = {}
        if cfg.path is not None:
            self._by_file[Path(cfg.path).resolve()] = cfg

    # --- configs ---------------------------------------------------------------------------

    def nearest(self, folder: Path) -> Config:
        """The config governing files in `folder` (absolute)."""
        if not self.disc.per_folder:
            return self.cfg
        visited: list[Path] = []
        found = self.cfg
        for step in (folder, *folder.parents):
            if step in self._nearest:
                found = self._nearest[step]
                break
            visited.append(step)
            hit = config_file_in(step)
            if hit is not None:
                found = self._config(*hit)
                break
            if (step / ".git").exists():
                break  # the repository root: a config above it belongs to another project
        for step in visited:
            self._nearest[step] = found
        return found

    def _config(self, path: Path, data: dict[str, object]) -> Config:
        key = path.resolve()
        if key not in self._by_file:
            conf = parse_config(data, str(path), key.parent)
            self._by_file[key] = conf
            ignored = [n for n, attr in _RUN_WIDE if n in data and getattr(conf, attr) != getattr(self.cfg, attr)]
            if ignored and self.notes is not None:
                run = self.cfg.path or "the defaults"
                self.notes.append(
                    f"{path}: {', '.join(ignored)} apply to the whole run and come from {run}; ignored here"
                )
        return self._by_file[key]

    def excludes(self, conf: Config) -> _Excludes:
        if id(conf) not in self._excludes:
            cwd = self.disc.cwd.resolve()
            root = conf.root.resolve()
            if self.disc.exclude is not None:
                base = Patterns.of(list(self.disc.exclude), cwd)
            else:
                base = Patterns.of(list(DEFAULT_EXCLUDE if conf.exclude is None else conf.exclude), root)
            sets = [base, Patterns.of(conf.extend_exclude, root), Patterns.of(list(self.disc.extend_exclude), cwd)]
            self._excludes[id(conf)] = _Excludes(tuple(s for s in sets if s.spec.patterns))
        return self._excludes[id(conf)]

    def _ignores(self, conf: Config, folder: Path) -> IgnoreStack:
        return stack_for(folder, self.notes) if conf.respect_gitignore else IgnoreStack()

    # --- paths -----------------------------------------------------------------------------

    def left_out(self, path: Path) -> bool:
        """Whether a named file is left out: only with --force-exclude (or force-exclude =
        true in its config), when a pattern or ignore file would leave it out were it walked."""
        full = path.resolve()
        conf = self.nearest(full.parent)
        if not (self.disc.force_exclude or conf.force_exclude):
            return False
        if self.excludes(conf).excluded(full, False):
            return True
        return self._ignores(conf, full.parent).ignored(full, False)

    def walk(self, root: Path, match: pathspec.GitIgnoreSpec | None = None) -> Iterator[tuple[Path, Config]]:
        """Supported files below `root` (a folder named by the user), sorted."""
        full = root.resolve()
        conf = self.nearest(full)
        excludes = self.excludes(conf)
        ignores = self._ignores(conf, full)
        if excludes.excluded(full, True) or ignores.ignored(full, True):
            if self.disc.force_exclude or conf.force_exclude:
                self._note(f"{root}: skipped, excluded (--force-exclude)")
                return
            # named by the user: read, with what is in it
            excludes, ignores = excludes.without_matches_of(full), ignores.without_matches_of(full)
        in_repo = repository_root(full) is not None
        states = {full: _State(conf, excludes, ignores)}
        found: list[tuple[Path, Config]] = []
        for dirpath, dirs, files in os.walk(root, onerror=_unreadable_folder):
            here = full / os.path.relpath(dirpath, root)
            here = Path(os.path.normpath(here))
            state = states.pop(here)
            if here != full:
                conf_here = self.nearest(here)
                if conf_here is not state.conf:
                    state = _State(conf_here, self.excludes(conf_here), state.ignores)
                if state.conf.respect_gitignore:
                    for layer in folder_layers(here, in_repo=in_repo, notes=self.notes):
                        state.ignores = state.ignores.push(layer)
                elif state.ignores.layers:
                    state.ignores = IgnoreStack()
            kept = []
            for name in sorted(dirs):
                sub = here / name
                if _hidden(name) or self._out(state, sub, True):
                    continue
                kept.append(name)
                states[sub] = _State(state.conf, state.excludes, state.ignores)
            dirs[:] = kept
            for name in files:
                shown = Path(dirpath) / name
                if _hidden(name) or shown.suffix.lower() not in SUFFIXES:
                    continue
                path = here / name
                if self._out(state, path, False):
                    continue
                if match is not None and not match.match_file(path.relative_to(full).as_posix()):
                    continue
                # a FIFO, socket or device named like an article would block the read or
                # never end: skipped, with a note
                if not shown.is_file():
                    self._note(f"{shown}: skipped, not a regular file")
                    continue
                found.append((shown, state.conf))
        found.sort(key=lambda t: str(t[0]))
        yield from found

    def _out(self, state: _State, path: Path, is_dir: bool) -> bool:
        return state.excludes.excluded(path, is_dir) or state.ignores.ignored(path, is_dir)

    def _note(self, text: str) -> None:
        if self.notes is not None:
            self.notes.append(text)


def _split_glob(raw: str) -> tuple[Path, str] | None:
    """('content', '**/*.md') for 'content/**/*.md'; None when `raw` is no glob."""
    parts = Path(raw).parts
    for k, part in enumerate(parts):
        if any(c in _GLOB_MAGIC for c in part):
            return (Path(*parts[:k]) if k else Path(".")), "/".join(parts[k:])
    return None


def discover_files(
    paths: Iterable[str],
    cfg: Config,
    discovery: Discovery | None = None,
    *,
    stdin_name: str = "-",
    notes: list[str] | None = None,
) -> Iterator[tuple[InputFile, Config]]:
    """The files to read, each with the config that governs it (see the module's doc)."""
    walker = Walker(cfg, discovery or Discovery(), notes)
    seen: set[str] = set()

    def once(shown: str, fs: Path | None, conf: Config) -> Iterator[tuple[InputFile, Config]]:
        if shown not in seen:
            seen.add(shown)
            yield InputFile(shown, fs), conf

    for raw in paths:
        if raw == "-":
            if "-" not in seen:
                seen.add("-")
                # --stdin-filename places the text in the tree: its folder's config governs it
                named = walker.nearest(Path(stdin_name).resolve().parent) if stdin_name != "-" else cfg
                yield InputFile(stdin_name, None), named
            continue
        p = Path(raw)
        if p.is_dir():
            for shown, conf in walker.walk(p):
                yield from once(str(shown), shown, conf)
        elif p.exists():
            if not p.is_file():
                raise InputError(raw, "not a regular file")
            if walker.left_out(p):
                walker._note(f"{raw}: skipped, excluded (--force-exclude)")
                continue
            yield from once(raw, p, walker.nearest(p.resolve().parent))
        else:
            glob = _split_glob(raw)
            if glob is None:
                raise InputError(raw, "no such file or directory")
            base, pattern = glob
            if not base.is_dir():
                raise InputError(raw, "no such file or directory")
            import pathspec

            spec = pathspec.GitIgnoreSpec.from_lines(["/" + pattern])
            matched = list(walker.walk(base, spec))
            if not matched:
                raise InputError(raw, "no file matches this pattern")
            for shown, conf in matched:
                yield from once(str(shown), shown, conf)
