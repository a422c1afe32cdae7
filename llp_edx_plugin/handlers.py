"""Imports every domain's ``handlers`` module so their signal receivers are connected once."""
