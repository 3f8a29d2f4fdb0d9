"""Rule modules, one family per module. `checker.core.registry` discovers every rule class
in them; `checker rules` lists them."""
