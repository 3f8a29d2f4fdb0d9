"""Rule discovery: every Rule subclass with a `meta` in a module under `checker.rules`.

Discovery by module scan (not a hand-kept list) lets each rule family live in its own
file without a shared edit point; the order is by rule id, so runs are deterministic.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from functools import lru_cache

from checker.core.rule import RULE_ID, Rule


class RegistryError(Exception):
    pass


@lru_cache(maxsize=1)
def all_rules() -> tuple[type[Rule], ...]:
    package = importlib.import_module("checker.rules")
    found: dict[str, type[Rule]] = {}
    # rules/<family>/<rule>.py: walk the sub-packages too
    for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
        if info.ispkg or info.name.rsplit(".", 1)[-1].startswith("_"):
            continue
        module = importlib.import_module(info.name)
        for _, obj in inspect.getmembers(module, inspect.isclass):
            if (
                issubclass(obj, Rule)
                and obj.__module__ == module.__name__
                and not inspect.isabstract(obj)
                and "meta" in obj.__dict__
            ):
                rid = obj.meta.id
                if not RULE_ID.match(rid):
                    raise RegistryError(f"rule id {rid!r} does not match family.name")
                if rid in found:
                    raise RegistryError(f"rule id {rid!r} defined twice")
                found[rid] = obj
    return tuple(found[k] for k in sorted(found))


def rule_ids() -> list[str]:
    return [r.meta.id for r in all_rules()]


def get_rule(rule_id: str) -> type[Rule]:
    for r in all_rules():
        if r.meta.id == rule_id:
            return r
    raise KeyError(rule_id)


def families() -> set[str]:
    return {rid.split(".", 1)[0] for rid in rule_ids()}


def matches(rule_id: str, selector: str) -> bool:
    """A selector is a rule id, a family ("date"), or "all"."""
    return selector in ("all", "ALL") or rule_id == selector or rule_id.startswith(selector + ".")


def is_known_selector(selector: str) -> bool:
    return selector in ("all", "ALL") or selector in rule_ids() or selector in families()
