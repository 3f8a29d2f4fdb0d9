"""Product, company and person names: extraction, keys, the corpus index, slips."""
