"""Where a rule's documentation lives: one base URL for every report and editor link.

The repository's `docs/rules/<id>.md` on its hosting. A fork, a mirror or an internal
GitLab sets `CHECKER_DOCS_URL` to its own folder of those pages (the `docs/rules/` folder
served anywhere, e.g. `https://git.example.com/team/checker/-/blob/main/docs/rules/`);
SARIF's `helpUri`, the JSON report's per-finding `docs` and the HTML page all read it here.
"""

from __future__ import annotations

import os
from typing import Any
from urllib.parse import quote

from checker import REPOSITORY_URL

DOCS_BASE = f"{REPOSITORY_URL}/blob/main/docs/rules/"
DOCS_ENV = "CHECKER_DOCS_URL"


def docs_base() -> str:
    """The folder URL (ending in /) that holds `<rule id>.md`: CHECKER_DOCS_URL, else DOCS_BASE."""
    base = os.environ.get(DOCS_ENV, "").strip() or DOCS_BASE
    return base if base.endswith("/") else base + "/"


def rule_docs_url(rule_id: str) -> str:
    """The documentation page of one rule (`docs/rules/date.weekday.md`)."""
    return docs_base() + quote(rule_id, safe=".-_") + ".md"


def with_docs(data: dict[str, Any]) -> dict[str, Any]:
    """A report payload with the additive field `docs` (the rule's page) on every finding,
    suppressed ones included."""
    base = docs_base()
    urls: dict[object, str] = {}  # one quote() per rule, not per finding (80,000 on 2 MB of dates)
    for key in ("findings", "suppressed"):
        for f in data.get(key, []):
            rule = f["rule"]
            url = urls.get(rule)
            if url is None:
                url = urls[rule] = base + quote(str(rule), safe=".-_") + ".md"
            f["docs"] = url
    return data
