"""Typed access to the JSON of a reference API, so that an answer of a surprising shape
becomes "unknown" with the reason instead of an exception in a rule.

Every accessor returns the value with the type asked for, None when the key is missing or
null (unless `required`), and raises ShapeError when the value has another type. A client
catches ShapeError once (SourceClient.shaped) and turns it into UNKNOWN; nothing else is
caught, so a real bug in a client still shows.
"""

from __future__ import annotations

import json
from typing import Any, Literal, overload

_NAMES = {
    dict: "an object",
    list: "a list",
    str: "a string",
    int: "a number",
    float: "a number",
    bool: "true/false",
    type(None): "null",
}


class ShapeError(ValueError):
    """The answer is not shaped as the source documents it."""


def kind(value: object) -> str:
    return _NAMES.get(type(value), type(value).__name__)


def loads(body: bytes) -> Any:
    """The body as JSON; ShapeError when it is not JSON at all.

    json.loads raises RecursionError on very deep nesting (thousands of `[`) and ValueError
    on integers past the 4300-digit conversion limit: both are malformed answers here.
    """
    if not body.strip():
        raise ShapeError("an empty body")
    try:
        return json.loads(body.decode("utf-8"))
    except UnicodeDecodeError:
        raise ShapeError("a body that is not UTF-8") from None
    except RecursionError:
        raise ShapeError("JSON nested too deeply") from None
    except ValueError as exc:  # JSONDecodeError and the integer digit limit
        raise ShapeError(f"malformed JSON ({str(exc)[:80]})") from None


def as_dict(value: object, what: str = "the answer") -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ShapeError(f"{what} is {kind(value)}, not an object")
    return value


def as_list(value: object, what: str = "the answer") -> list[Any]:
    if not isinstance(value, list):
        raise ShapeError(f"{what} is {kind(value)}, not a list")
    return value


def _get(obj: dict[str, Any], key: str, required: bool) -> Any:
    value = obj.get(key)
    if value is None and required:
        raise ShapeError(f"`{key}` is missing")
    return value


@overload
def get_dict(obj: dict[str, Any], key: str, *, required: Literal[True]) -> dict[str, Any]: ...
@overload
def get_dict(obj: dict[str, Any], key: str, *, required: bool = False) -> dict[str, Any] | None: ...
def get_dict(obj: dict[str, Any], key: str, *, required: bool = False) -> dict[str, Any] | None:
    value = _get(obj, key, required)
    return None if value is None else as_dict(value, f"`{key}`")


@overload
def get_list(obj: dict[str, Any], key: str, *, required: Literal[True]) -> list[Any]: ...
@overload
def get_list(obj: dict[str, Any], key: str, *, required: bool = False) -> list[Any] | None: ...
def get_list(obj: dict[str, Any], key: str, *, required: bool = False) -> list[Any] | None:
    value = _get(obj, key, required)
    return None if value is None else as_list(value, f"`{key}`")


@overload
def get_str(obj: dict[str, Any], key: str, *, required: Literal[True]) -> str: ...
@overload
def get_str(obj: dict[str, Any], key: str, *, required: bool = False) -> str | None: ...
def get_str(obj: dict[str, Any], key: str, *, required: bool = False) -> str | None:
    value = _get(obj, key, required)
    if value is not None and not isinstance(value, str):
        raise ShapeError(f"`{key}` is {kind(value)}, not a string")
    return value


@overload
def get_int(obj: dict[str, Any], key: str, *, required: Literal[True]) -> int: ...
@overload
def get_int(obj: dict[str, Any], key: str, *, required: bool = False) -> int | None: ...
def get_int(obj: dict[str, Any], key: str, *, required: bool = False) -> int | None:
    value = _get(obj, key, required)
    # bool is an int in Python, never in these APIs
    if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
        raise ShapeError(f"`{key}` is {kind(value)}, not a whole number")
    return value


def get_bool(obj: dict[str, Any], key: str, *, required: bool = False) -> bool | None:
    value = _get(obj, key, required)
    if value is not None and not isinstance(value, bool):
        raise ShapeError(f"`{key}` is {kind(value)}, not true/false")
    return value


def as_number(value: object, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ShapeError(f"{what} is {kind(value)}, not a whole number")
    return value


def dicts(items: list[Any], what: str) -> list[dict[str, Any]]:
    """Every item of a list as an object (a list of records, such as search hits)."""
    return [as_dict(item, f"an item of {what}") for item in items]


def strings(items: list[Any], what: str) -> list[str]:
    for item in items:
        if not isinstance(item, str):
            raise ShapeError(f"an item of {what} is {kind(item)}, not a string")
    return items
