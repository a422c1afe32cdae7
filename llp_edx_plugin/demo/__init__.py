"""Demo data for ``manage.py llp_demo``: OLX course exports written for the demo."""
