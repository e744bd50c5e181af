"""`marsad` sub-commands, one module per concern; each exposes `register(app)`."""
