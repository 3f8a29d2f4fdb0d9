"""Online reference look-ups (PyPI, Hugging Face, GitHub, Wikidata, Wikipedia, arXiv,
Crossref, doi.org, plain URLs) on one cached, paced, guarded HTTP session.

Nothing here runs offline: the CLI builds the services only for `--online` runs.
"""

from checker.references.result import LookupResult, Outcome
from checker.references.services import NameVerification, NameVerifier, ReferenceServices, build_services
from checker.references.settings import ReferenceSettings, parse_settings, settings_from_config

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
