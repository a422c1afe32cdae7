"""Pathways and learning programs: ordered member trainings and the program certificate (DESIGN.md §1)."""
