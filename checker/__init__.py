"""checker: a fact-checking and consistency auditor for AI news-digest articles."""

__version__ = "0.1.0"
__all__ = ["__version__"]
