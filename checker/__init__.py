"""checker: a fact-checking and consistency auditor for AI news-digest articles."""

__version__ = "0.1.0"
# the project's home: SARIF's informationUri, the rule docs' base, the User-Agent of look-ups
REPOSITORY_URL = "https://github.com/checker-digest/checker"
__all__ = ["REPOSITORY_URL", "__version__"]

# before any module compiled by mypyc is imported: a stale build runs pure Python (checker/native.py)
from checker.native import choose_build as _choose_build  # noqa: E402

_choose_build()
