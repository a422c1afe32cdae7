"""Certificates: the record and its history, eligibility, issuing, display rules, rendering, verification."""
