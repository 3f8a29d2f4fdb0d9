"""The date family: one module per rule id."""
