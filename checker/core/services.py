"""The per-run services rules may use, typed (no string keys).

The CLI fills them (knowledge base from the configuration, reference clients with --online);
tests and library callers may leave any of them None, and each accessor that needs one says
what happens then (the knowledge base is loaded from the bundled data on first use).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from checker.core.config import Config
    from checker.extract.kb import KnowledgeBase
    from checker.references.services import NameVerifier, ReferenceServices


@dataclass
class Services:
    """What a rule may use beyond the text: the configuration, the KB, online references."""

    config: Config | None = None
    kb: KnowledgeBase | None = None
    references: ReferenceServices | None = None
    name_verifier: NameVerifier | None = None
