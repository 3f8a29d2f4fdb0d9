"""Building, compiling and refreshing the knowledge base from public data sets.

`checker.extract.kb` is the KB that rules read; this package makes its generated part:
`sources/` read models.dev and Epoch AI's tables into `Record`s, `build.py` merges them
into `checker/data/kb/generated.json` (reporting conflicts), `index.py` compiles the
generated file, the user's refreshed copy and the hand-written overlay into one JSON
index in the user cache, `update.py` refreshes the copy online, `command.py` is `checker kb`.
"""
