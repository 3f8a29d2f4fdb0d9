"""Which walked paths are left out: exclude patterns and ignore files (.gitignore, .ignore).

Patterns are gitwildmatch patterns read by `pathspec` (the grammar of .gitignore, the
one ruff documents for `exclude`): a bare name (`build`, `*.tmp`) matches that name at any
depth, a pattern with a slash (`drafts/old/*.md`, `/top.md`) is anchored at the folder
the pattern belongs to (the config file's folder, the working directory for the
command line, the ignore file's folder).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:  # imported where used: a run on single files never reads ignore patterns
    import pathspec


# ruff's documented default `exclude` (version control, tool caches, virtual environments,
# build output), plus the output folders of the static-site tools digests are built with
# (Jekyll's _site) and Python's bytecode caches. Hidden names are skipped anyway.
DEFAULT_EXCLUDE = (
    ".bzr",
    ".direnv",
    ".eggs",
    ".git",
    ".git-rewrite",
    ".hg",
    ".ipynb_checkpoints",
    ".mypy_cache",
    ".nox",
    ".pants.d",
    ".pyenv",
    ".pytest_cache",
    ".pytype",
    ".ruff_cache",
    ".svn",
    ".tox",
    ".venv",
    ".vscode",
    "__pycache__",
    "__pypackages__",
    "_build",
    "_site",
    "buck-out",
    "build",
    "dist",
    "node_modules",
    "site-packages",
    "venv",
)

IGNORE_FILES = (".gitignore", ".ignore")  # in this order: .ignore wins over .gitignore


def _key(path: Path, anchor: Path, is_dir: bool) -> str | None:
    """`path` relative to `anchor` in the form pathspec matches (folders end in '/'),
    or None when `path` is not below `anchor`."""
    try:
        rel = path.relative_to(anchor).as_posix()
    except ValueError:
        return None
    if rel == ".":
        return None
    return rel + "/" if is_dir else rel


class _Spec(Protocol):
    """What is read of a `pathspec.GitIgnoreSpec` (or of a `_NameSpec`)."""

    @property
    def patterns(self) -> Any: ...

    def check_file(self, file: str) -> Any: ...


# a pattern that is a plain name (`build`, `node_modules`, `.venv`: the whole default exclude
# list): no wildcard, slash, escape, negation or comment, not "." or ".."
_PLAIN_NAME = re.compile(r"(?!\.{1,2}$)[A-Za-z0-9._][A-Za-z0-9._-]*")


@dataclass(unsafe_hash=True)
class _NameMatch:
    include: bool | None


@dataclass(unsafe_hash=True)
class _NamePattern:
    """One plain name: gitignore reads it as that name at any depth, a file or a folder (and so
    everything below a folder of that name)."""

    name: str
    include: bool = True

    def match_file(self, file: str) -> str | None:
        return file if self.name in file.rstrip("/").split("/") else None


class _NameSpec:
    """Plain-name patterns matched as a set of names: a folder walked with the default excludes
    does not import pathspec nor compile a regex per pattern (~0.02 s of a folder run).
    Hand-written for that case only; every other pattern goes to pathspec."""

    def __init__(self, patterns: list[_NamePattern]) -> None:
        self.patterns = patterns
        self._names = frozenset(p.name for p in patterns)

    def check_file(self, file: str) -> _NameMatch:
        parts = file.rstrip("/").split("/")
        return _NameMatch(True if not self._names.isdisjoint(parts) else None)


def _name_spec(lines: list[str]) -> _NameSpec | None:
    """The lines as plain-name patterns (none for no line), or None when any line is not one."""
    if not all(_PLAIN_NAME.fullmatch(ln) for ln in lines):
        return None
    return _NameSpec([_NamePattern(ln) for ln in dict.fromkeys(lines)])


# not frozen (as checker/core/model.py's value types): a frozen dataclass costs two more generated
# methods to declare at every start and an object.__setattr__ per field to build; never assigned to
@dataclass(unsafe_hash=True)
class Patterns:
    """Patterns anchored at one folder (absolute)."""

    anchor: Path
    spec: _Spec  # a pathspec.GitIgnoreSpec, or a _NameSpec when every pattern is a plain name
    # the patterns without a slash: the only ones that can match outside the anchor
    names: _Spec

    @classmethod
    def of(cls, lines: list[str], anchor: Path) -> Patterns:
        plain = _name_spec(lines)
        if plain is not None:  # (every plain name is readable and has no slash: both specs alike)
            return cls(anchor, plain, plain)
        import pathspec

        lines = [ln for ln in lines if _readable(ln)]  # configs and flags are checked up front
        spec = pathspec.GitIgnoreSpec.from_lines(lines)
        bare = [ln for ln in lines if "/" not in ln.rstrip("/") and not ln.startswith("#")]
        return cls(anchor, spec, pathspec.GitIgnoreSpec.from_lines(bare))

    def check(self, path: Path, is_dir: bool) -> bool | None:
        """True: matched (left out), False: re-included by a `!` pattern, None: no pattern spoke."""
        key = _key(path, self.anchor, is_dir)
        verdict: bool | None
        if key is not None:
            verdict = self.spec.check_file(key).include
            return verdict
        if path == self.anchor or self.anchor.is_relative_to(path):
            return None  # the anchor and the folders above it are never matched by its patterns
        verdict = self.names.check_file(path.name + ("/" if is_dir else "")).include
        return verdict

    def without_matches_of(self, root: Path) -> Patterns:
        """These patterns less the ones that match `root` itself: a folder the user named is
        checked even when a pattern leaves it out, and the files in it with it."""
        kept = [p for p in self.spec.patterns if not _matches(p, root, self.anchor)]
        kept_names = [p for p in self.names.patterns if not _matches(p, root, self.anchor)]
        if isinstance(self.spec, _NameSpec):
            return Patterns(self.anchor, _NameSpec(kept), _NameSpec(kept_names))
        import pathspec

        return Patterns(self.anchor, pathspec.GitIgnoreSpec(kept), pathspec.GitIgnoreSpec(kept_names))


def _matches(pattern: pathspec.Pattern | _NamePattern, root: Path, anchor: Path) -> bool:
    if pattern.include is None:
        return False
    key = _key(root, anchor, True) or root.name + "/"
    return pattern.match_file(key) is not None


def read_ignore_file(path: Path, notes: list[str] | None) -> Patterns | None:
    try:
        text = path.read_bytes().decode("utf-8", errors="replace")
    except OSError as exc:
        if notes is not None:
            notes.append(f"{path}: ignore file not read ({exc.strerror or exc})")
        return None
    # a line pathspec cannot read (a lone `!`) is left out, as git leaves it out
    return Patterns.of(text.splitlines(), path.parent.resolve())


def _readable(line: str) -> bool:
    import pathspec

    try:
        pathspec.GitIgnoreSpec.from_lines([line])
    except (ValueError, TypeError):
        return False
    return True


def bad_pattern(patterns: list[str]) -> str | None:
    """The first pattern that is not a valid gitignore-style pattern, if any."""
    return next((p for p in patterns if not _readable(p)), None)


def repository_root(folder: Path) -> Path | None:
    """The nearest folder upward holding `.git` (a folder, or a file in worktrees)."""
    for candidate in (folder, *folder.parents):
        if (candidate / ".git").exists():
            return candidate
    return None


def global_ignore_file() -> Path | None:
    """git's default global excludes file. `core.excludesFile` set elsewhere is not read
    (that would mean running git): the default location covers the common set-up."""
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    candidate = Path(base) / "git" / "ignore"
    return candidate if candidate.is_file() else None


class IgnoreStack:
    """The ignore files that apply to one folder, outermost first; the deepest file that
    speaks about a path decides (git's precedence), and .ignore beats .gitignore."""

    def __init__(self, layers: tuple[Patterns, ...] = ()) -> None:
        self.layers = layers

    def push(self, layer: Patterns | None) -> IgnoreStack:
        return IgnoreStack((*self.layers, layer)) if layer is not None else self

    def ignored(self, path: Path, is_dir: bool) -> bool:
        for layer in reversed(self.layers):
            verdict = layer.check(path, is_dir)
            if verdict is not None:
                return verdict
        return False

    def without_matches_of(self, root: Path) -> IgnoreStack:
        return IgnoreStack(tuple(layer.without_matches_of(root) for layer in self.layers))


def folder_layers(folder: Path, *, in_repo: bool, notes: list[str] | None) -> list[Patterns]:
    """The ignore files found in `folder` (.gitignore only inside a git repository, as git
    reads it; .ignore always, as ripgrep and ruff read it)."""
    out: list[Patterns] = []
    for name in IGNORE_FILES:
        if name == ".gitignore" and not in_repo:
            continue
        candidate = folder / name
        if candidate.is_file():
            layer = read_ignore_file(candidate, notes)
            if layer is not None:
                out.append(layer)
    return out


def stack_for(folder: Path, notes: list[str] | None) -> IgnoreStack:
    """Every ignore file that applies to `folder`'s entries: the global one and
    .git/info/exclude, then the ignore files from the repository root down to `folder`."""
    folder = folder.resolve()
    repo = repository_root(folder)
    stack = IgnoreStack()
    if repo is not None:
        glob = global_ignore_file()
        if glob is not None:
            layer = read_ignore_file(glob, notes)
            stack = stack.push(Patterns(repo, layer.spec, layer.names) if layer else None)
        info = repo / ".git" / "info" / "exclude"
        if info.is_file():
            layer = read_ignore_file(info, notes)
            stack = stack.push(Patterns(repo, layer.spec, layer.names) if layer else None)
    top = repo if repo is not None else folder
    chain = [folder, *folder.parents]
    chain = chain[: chain.index(top) + 1] if top in chain else [folder]
    for step in reversed(chain):
        for layer in folder_layers(step, in_repo=repo is not None, notes=notes):
            stack = stack.push(layer)
    return stack
