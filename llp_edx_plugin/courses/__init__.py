"""Courses (trainings): Advanced Settings, grading policy, structure, enrollment and OLX import."""
