"""The text family: leftover assistant chatter, mixed scripts, damaged text, unknown directives."""
