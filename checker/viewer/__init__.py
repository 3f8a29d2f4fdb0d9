"""`checker view`: saved reports, filters, the source pane and the Textual app."""
