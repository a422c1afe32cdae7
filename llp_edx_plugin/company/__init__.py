"""company domain."""
