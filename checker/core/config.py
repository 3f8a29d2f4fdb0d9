"""Configuration: `checker.toml` (keys at top level) or `[tool.checker]` in
`pyproject.toml`, found upward from the working directory, or `--config FILE`.

Everything is validated on load; an unknown key, rule id, severity or option value is
a `ConfigError` that names the file and the key (exit code 2).
"""

from __future__ import annotations

import fnmatch
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from checker.core import registry
from checker.core.model import Severity

KNOWN_KEYS = frozenset(
    {
        "select",
        "ignore",
        "severity",
        "rules",
        "per-file-ignores",
        "exclude",
        "extend-exclude",
        "respect-gitignore",
        "force-exclude",
        "archive",
        "knowledge-base",
        "fail-on",
        "max-file-size",
        "references",
    }
)


class ConfigError(Exception):
    def __init__(self, path: str, key: str | None, reason: str) -> None:
        where = f"{path}: {key}: " if key else f"{path}: "
        super().__init__(where + reason)
        self.path = path
        self.key = key
        self.reason = reason


@dataclass
class Config:
    """The run's configuration, as read from checker.toml or [tool.checker]."""

    path: str | None = None
    root: Path = field(default_factory=Path.cwd)
    select: list[str] = field(default_factory=lambda: ["all"])
    ignore: list[str] = field(default_factory=list)
    severity: dict[str, Severity] = field(default_factory=dict)
    rule_options: dict[str, dict[str, Any]] = field(default_factory=dict)
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    exclude: list[str] | None = None  # None: the default list (checker.input.ignore.DEFAULT_EXCLUDE)
    extend_exclude: list[str] = field(default_factory=list)
    respect_gitignore: bool = True
    force_exclude: bool = False
    # the nearer config of each checked file (display path) that has one: see for_path
    by_path: dict[str, Config] = field(default_factory=dict, repr=False, compare=False)
    archive: list[str] = field(default_factory=list)
    knowledge_base: list[str] = field(default_factory=list)
    fail_on: str = "error"
    max_file_size: int = 20 * 1024 * 1024
    references: dict[str, Any] = field(default_factory=dict)

    def enabled(self, rule_id: str) -> bool:
        selected = any(registry.matches(rule_id, s) for s in self.select)
        ignored = any(registry.matches(rule_id, s) for s in self.ignore)
        return selected and not ignored

    def ignored_for_path(self, rule_id: str, path: str) -> bool:
        if not self.per_file_ignores:
            return False
        posix = PurePosixPath(Path(path).as_posix())
        anchored = self._below_root(path)
        for pattern, rules in self.per_file_ignores.items():
            hit = _glob_match(posix, pattern) or (anchored is not None and _glob_match(anchored, pattern))
            if hit and any(registry.matches(rule_id, r) for r in rules):
                return True
        return False

    def _below_root(self, path: str) -> PurePosixPath | None:
        # the path relative to this config's folder, so a pattern works from any working directory
        try:
            return PurePosixPath(Path(path).resolve().relative_to(self.root.resolve()).as_posix())
        except (ValueError, OSError):
            return None

    def for_path(self, path: str) -> Config:
        """The config that governs a checked file: the nearest one to it (per-folder
        discovery), else this one."""
        return self.by_path.get(path, self)


def _glob_match(path: PurePosixPath, pattern: str) -> bool:
    text = str(path)
    if fnmatch.fnmatch(text, pattern) or fnmatch.fnmatch(path.name, pattern):
        return True
    # "drafts/**" matches anything below a drafts folder, wherever the run started
    if pattern.endswith("/**"):
        prefix = pattern[:-3]
        return text.startswith(prefix + "/") or f"/{prefix}/" in f"/{text}"
    return False


def find_config(start: Path) -> tuple[Path, dict[str, Any]] | None:
    """The nearest checker.toml, or pyproject.toml with [tool.checker], from `start` upward."""
    for folder in (start, *start.parents):
        found = config_file_in(folder)
        if found is not None:
            return found
    return None


def config_file_in(folder: Path) -> tuple[Path, dict[str, Any]] | None:
    """checker.toml, or pyproject.toml with [tool.checker], in `folder` itself."""
    candidate = folder / "checker.toml"
    if candidate.is_file():
        return candidate, _read_toml(candidate)
    pyproject = folder / "pyproject.toml"
    if pyproject.is_file():
        data = _read_toml(pyproject)
        section = data.get("tool", {}).get("checker")
        if isinstance(section, dict):
            return pyproject, section
    return None


_MAX_FILE_SIZE_LIMIT = 2**40  # a file is read into memory: a larger limit is a typo


def _read_toml(path: Path) -> dict[str, Any]:
    import tomllib  # here: a run without a config file never loads it

    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(str(path), None, f"not valid TOML: {exc}") from None
    except UnicodeDecodeError:
        raise ConfigError(str(path), None, "not UTF-8 text (TOML files are UTF-8)") from None
    except RecursionError:
        raise ConfigError(str(path), None, "not valid TOML: nested too deeply") from None
    except OSError as exc:
        raise ConfigError(str(path), None, exc.strerror or str(exc)) from None


def load_config(explicit: str | None, cwd: Path | None = None) -> Config:
    cwd = cwd or Path.cwd()
    if explicit:
        path = Path(explicit)
        if not path.is_file():
            raise ConfigError(explicit, None, "no such file")
        data = _read_toml(path)
        if path.name == "pyproject.toml":
            section = data.get("tool", {}).get("checker")
            data = section if isinstance(section, dict) else {}
        return parse_config(data, str(path), path.resolve().parent)
    found = find_config(cwd)
    if found is None:
        return Config(root=cwd)
    path, data = found
    return parse_config(data, str(path), path.resolve().parent)


def _str_list(path: str, key: str, value: Any) -> list[str]:
    if isinstance(value, str):
        value = [v.strip() for v in value.split(",") if v.strip()]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(path, key, "must be a list of strings")
    return list(value)


def _patterns(path: str, key: str, value: Any) -> list[str]:
    from checker.input.ignore import bad_pattern

    patterns = _str_list(path, key, value)
    bad = bad_pattern(patterns)
    if bad is not None:
        raise ConfigError(path, key, f"{bad!r} is not a valid gitignore-style pattern")
    return patterns


def _check_selectors(path: str, key: str, selectors: list[str]) -> None:
    for sel in selectors:
        if not registry.is_known_selector(sel):
            raise ConfigError(path, key, f"unknown rule or family {sel!r}")


def parse_config(data: Mapping[str, Any], path: str, root: Path) -> Config:
    cfg = Config(path=path, root=root)
    for key in data:
        if key not in KNOWN_KEYS:
            raise ConfigError(path, key, f"unknown key (known: {', '.join(sorted(KNOWN_KEYS))})")
    if "select" in data:
        cfg.select = _str_list(path, "select", data["select"])
        _check_selectors(path, "select", cfg.select)
    if "ignore" in data:
        cfg.ignore = _str_list(path, "ignore", data["ignore"])
        _check_selectors(path, "ignore", cfg.ignore)
    sev = data.get("severity", {})
    if not isinstance(sev, dict):
        raise ConfigError(path, "severity", "must be a table of rule id = level")
    for rid, level in sev.items():
        if rid not in registry.rule_ids():
            raise ConfigError(path, f"severity.{rid}", "unknown rule id")
        try:
            cfg.severity[rid] = Severity.parse(str(level))
        except ValueError as exc:
            raise ConfigError(path, f"severity.{rid}", str(exc)) from None
    rules = data.get("rules", {})
    if not isinstance(rules, dict):
        raise ConfigError(path, "rules", "must be a table of rule id = {options}")
    for rid, opts in rules.items():
        if rid not in registry.rule_ids():
            raise ConfigError(path, f"rules.{rid}", "unknown rule id")
        if not isinstance(opts, dict):
            raise ConfigError(path, f"rules.{rid}", "must be a table of options")
        try:
            registry.get_rule(rid).build_options(opts)
        except (ValueError, TypeError) as exc:
            raise ConfigError(path, f"rules.{rid}", str(exc)) from None
        cfg.rule_options[rid] = dict(opts)
    pfi = data.get("per-file-ignores", {})
    if not isinstance(pfi, dict):
        raise ConfigError(path, "per-file-ignores", "must be a table of glob = [rules]")
    for glob, sel in pfi.items():
        key = f"per-file-ignores.{glob}"
        cfg.per_file_ignores[glob] = _str_list(path, key, sel)
        _check_selectors(path, key, cfg.per_file_ignores[glob])
    if "exclude" in data:
        cfg.exclude = _patterns(path, "exclude", data["exclude"])
    if "extend-exclude" in data:
        cfg.extend_exclude = _patterns(path, "extend-exclude", data["extend-exclude"])
    for key in ("respect-gitignore", "force-exclude"):
        if key in data:
            if not isinstance(data[key], bool):
                raise ConfigError(path, key, "must be true or false")
            setattr(cfg, key.replace("-", "_"), data[key])
    for key, attr in (("archive", "archive"), ("knowledge-base", "knowledge_base")):
        if key in data:
            # relative to the config file, so a run from a sub-folder finds them
            setattr(cfg, attr, [str(root / p) for p in _str_list(path, key, data[key])])
    if "fail-on" in data:
        value = data["fail-on"]
        if value not in ("error", "warning", "info", "never"):
            raise ConfigError(path, "fail-on", "must be one of error, warning, info, never")
        cfg.fail_on = value
    if "max-file-size" in data:
        value = data["max-file-size"]
        if not isinstance(value, int) or isinstance(value, bool) or not 0 < value <= _MAX_FILE_SIZE_LIMIT:
            raise ConfigError(
                path, "max-file-size", f"must be a positive number of bytes, at most {_MAX_FILE_SIZE_LIMIT}"
            )
        cfg.max_file_size = value
    if "references" in data:
        if not isinstance(data["references"], dict):
            raise ConfigError(path, "references", "must be a table")
        cfg.references = dict(data["references"])
    return cfg
