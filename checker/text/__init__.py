"""How text is read: the reader view, sentences and clauses, scripts, Chinese numerals."""
