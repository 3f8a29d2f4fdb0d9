"""Figures and what they measure: numerals, recognition, attribution, statements."""
