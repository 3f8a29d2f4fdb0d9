"""Readers of the public data sets behind the generated KB (no network here)."""
