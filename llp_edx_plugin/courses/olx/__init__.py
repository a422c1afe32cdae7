"""OLX (Open edX course export) import."""
