"""instructor domain."""
