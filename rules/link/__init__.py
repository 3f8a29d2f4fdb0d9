"""The link family: malformed or placeholder links (offline), dead and refused links (online)."""
