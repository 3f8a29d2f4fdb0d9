"""Reading files: decode, front matter, segments, documents, publication dates."""
