"""Online reference look-ups (PyPI, Hugging Face, GitHub, Wikidata, Wikipedia, arXiv,
Crossref, doi.org, plain URLs) on one cached, paced, guarded HTTP session.

Nothing here runs offline: the CLI builds the services only for `--online` runs. The names
below are imported on first use (PEP 562), so an offline run that imports a submodule such as
`checker.references.settings` never loads requests.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from checker.references.result import LookupResult, Outcome
    from checker.references.services import NameVerification, NameVerifier, ReferenceServices, build_services
    from checker.references.settings import ReferenceSettings, parse_settings, settings_from_config

_WHERE = {
    "LookupResult": "result",
    "Outcome": "result",
    "NameVerification": "services",
    "NameVerifier": "services",
    "ReferenceServices": "services",
    "build_services": "services",
    "ReferenceSettings": "settings",
    "parse_settings": "settings",
    "settings_from_config": "settings",
}

__all__ = [
    "LookupResult",
    "NameVerification",
    "NameVerifier",
    "Outcome",
    "ReferenceServices",
    "ReferenceSettings",
    "build_services",
    "parse_settings",
    "settings_from_config",
]


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"checker.references.{_WHERE[name]}"), name)
