"""The markdown family: structure that renders wrongly."""
