"""The certificates use cases: every issuer, page and task reaches the store through these functions."""
