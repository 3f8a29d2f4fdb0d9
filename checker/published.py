"""Settle each document's publication date and where it came from.

The loader has already read the front matter `date` and a dated entry header; this
step is where further sources (title, dateline, file name, ...) are weighed.
"""

from __future__ import annotations

from checker.documents import Document


def settle_publication(doc: Document) -> None:
    """Fill doc.published / published_source / published_span where the loader could not."""
    return None
