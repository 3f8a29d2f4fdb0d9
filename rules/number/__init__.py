"""The number family: the same quantity told two ways."""
