"""Defect classes for benchmarks/wild.py: one module per family, each with a `CLASSES` list."""
