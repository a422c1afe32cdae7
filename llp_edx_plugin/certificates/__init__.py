"""certificates domain."""
