"""The installed package list in pyproject.toml covers every sub-package.

setuptools is told the packages explicitly (rules/ and reports/ are mapped into the
checker namespace), so a new sub-package that is not listed works in an editable
install and is missing from a wheel: pre-commit and the GitHub Action would fail.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _listed() -> tuple[set[str], dict[str, str]]:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    st = data["tool"]["setuptools"]
    return set(st["packages"]), dict(st["package-dir"])


def _on_disk(package_dir: dict[str, str]) -> set[str]:
    found: set[str] = set()
    for name, folder in package_dir.items():
        base = ROOT / folder
        for init in base.rglob("__init__.py"):
            rel = init.parent.relative_to(base)
            found.add(".".join([name, *rel.parts]))
    return found


def test_every_sub_package_is_listed_for_installs() -> None:
    packages, package_dir = _listed()
    missing = _on_disk(package_dir) - packages
    assert not missing, f"add to [tool.setuptools] packages: {sorted(missing)}"


def test_every_listed_package_exists() -> None:
    packages, package_dir = _listed()
    assert packages - _on_disk(package_dir) == set()


def test_every_rule_lives_in_its_own_module() -> None:
    """Rule id family.name lives in rules/<family>/<name>.py (hyphens as underscores), so a
    newcomer finds a rule from its id alone."""
    from checker.core import registry

    for rule in registry.all_rules():
        family, name = rule.meta.id.split(".", 1)
        assert rule.__module__ == f"checker.rules.{family}.{name.replace('-', '_')}", rule.meta.id


def test_no_module_is_longer_than_700_lines() -> None:
    """Small, named pieces: a module past about 700 lines holds more than one job."""
    long = {
        str(p.relative_to(ROOT)): n
        for folder in ("checker", "rules", "reports")
        for p in (ROOT / folder).rglob("*.py")
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > 720
    }
    assert not long, long
