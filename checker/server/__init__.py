"""`checker server`: a Language Server (LSP over stdio) for editors.

- `positions.py`: source offsets (code points) to LSP positions (UTF-16 code units by default);
- `session.py`: what one check of an open buffer reads (its folder's config, corpus, archive)
  and runs, without the language server;
- `convert.py`: findings to diagnostics, fixes and suppression comments to code actions;
- `app.py`: the pygls server, its handlers and the debounced checks.

pygls is an optional dependency (`pip install 'checker[server]'`): only `app.py` imports it.
"""
