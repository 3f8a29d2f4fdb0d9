"""YAML front matter: where it is, what it says, and whether it is damaged."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from checker.core.model import Span
from checker.input.plain_yaml import read_plain
from checker.input.source import SourceFile
from checker.text.lazy_regex import lazy_compile


@lru_cache(maxsize=1)
def _loader_class() -> type:
    """The YAML loader, built on first use: PyYAML's import is ~0.02 s of a start, which a
    draft, text or HTML file without front matter does not need."""
    import yaml

    # the C loader is much faster where PyYAML was built with libyaml
    base: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class _Loader(base):  # type: ignore[misc]
        """A safe loader that reads impossible values as the text they are (2025-02-30, month 13,
        an integer of thousands of digits) and remembers them, instead of raising ValueError from
        deep inside PyYAML: a typo in one file's front matter is a finding, not a crashed run."""

        def __init__(self, stream: str) -> None:
            super().__init__(stream)
            self.bad_values: list[tuple[str, str]] = []  # (value as written, why it is not one)

        def _as_text(self, node: yaml.Node, exc: ValueError) -> str:
            text = str(self.construct_scalar(node))
            self.bad_values.append((text, str(exc).split(":")[0]))
            return text

        def timestamp(self, node: yaml.Node) -> object:
            try:
                return self.construct_yaml_timestamp(node)
            except ValueError as exc:
                return self._as_text(node, exc)

        def integer(self, node: yaml.Node) -> object:
            try:
                return self.construct_yaml_int(node)
            except ValueError as exc:
                return self._as_text(node, exc)

    _Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.timestamp)
    _Loader.add_constructor("tag:yaml.org,2002:int", _Loader.integer)
    return _Loader


_OPEN = lazy_compile(r"\A\ufeff?---[ \t]*(?:\r\n|\n|\r)")
# a closing line may end in "\r\n" (files saved on Windows): "$" stops before "\n" only
_CLOSE = lazy_compile(r"^(?:---|\.\.\.)[ \t]*\r?$", re.MULTILINE)
_ISO_DATE = lazy_compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")


# not frozen (as checker/core/model.py's value types): a frozen dataclass costs two more generated
# methods to declare at every start and an object.__setattr__ per field to build; never assigned to
@dataclass(slots=True, unsafe_hash=True)
class FrontMatter:
    """A document's front matter block and what was parsed from it."""

    span: Span  # the whole block, delimiters included
    body_span: Span  # the YAML between the delimiters
    data: dict[str, Any] | None  # None when the YAML could not be read as a mapping
    error: str | None  # "unclosed" or the YAML error, else None
    # values read as text because they are impossible: (value as written, reason)
    bad_values: tuple[tuple[str, str], ...] = ()


def find_front_matter(source: SourceFile) -> FrontMatter | None:
    text = source.text
    m = _OPEN.match(text)
    if not m:
        return None
    close = _CLOSE.search(text, m.end())
    if close is None:
        return FrontMatter(Span(0, len(text)), Span(m.end(), len(text)), None, "unclosed")
    body = Span(m.end(), close.start())
    raw = text[body.start : body.end]
    plain = read_plain(raw)
    if plain is not None:  # the common case, without PyYAML's import (~15 ms)
        return FrontMatter(Span(0, close.end()), body, plain, None)
    import yaml  # loaded by _loader_class already

    loader = _loader_class()(raw)
    try:
        data = loader.get_single_data()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {source.line_of(body.start) + mark.line})" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        return FrontMatter(Span(0, close.end()), body, None, f"not valid YAML{where}: {problem}")
    except RecursionError:
        return FrontMatter(Span(0, close.end()), body, None, "not valid YAML: nested too deeply")
    finally:
        loader.dispose()
    if data is None:
        data = {}
    if not isinstance(data, dict):
        return FrontMatter(Span(0, close.end()), body, None, "not a YAML mapping")
    return FrontMatter(Span(0, close.end()), body, {str(k): v for k, v in data.items()}, None, tuple(loader.bad_values))


def as_date(value: Any) -> dt.date | None:
    """A calendar date from a front-matter value: date, datetime (as written), or a string."""
    if isinstance(value, dt.datetime):
        return value.date()  # the date as written, not converted to UTC
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        m = _ISO_DATE.search(value)
        if m:
            try:
                return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                return None
    return None


def key_span(source: SourceFile, fm: FrontMatter, key: str) -> Span | None:
    """Span of a top-level key's value as written, for pointing findings at it."""
    m = re.compile(rf"^{re.escape(key)}[ \t]*:[ \t]*(.*?)[ \t\r]*$", re.MULTILINE).search(
        source.text, fm.body_span.start, fm.body_span.end
    )
    if not m or m.start(1) == m.end(1):
        return None
    return Span(m.start(1), m.end(1))
