"""Mentions read from documents: dates, names, quantities, links; the knowledge base."""
