"""Imports every domain's ``handlers`` module so their signal receivers are connected once."""

from .certificates import handlers as certificates_handlers  # noqa: F401
from .programs import handlers as programs_handlers  # noqa: F401
