"""The name family: near-miss spellings of names, and product names nothing known vouches for."""
