"""The archive: earlier, published articles that new ones are checked against.

Archive documents are read like inputs but are evidence only: corpus rules collect
from them, and the engine drops any hit on them.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from checker.input.documents import Document


@dataclass
class Archive:
    """Earlier, published documents that rules read but do not report on."""

    paths: list[str] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.documents)


def is_checked(path: str, checked: frozenset[str]) -> bool:
    return bool(checked) and path != "-" and os.path.realpath(path) in checked
