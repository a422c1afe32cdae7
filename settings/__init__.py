"""Standalone Django project around the plugin (not shipped in the wheel)."""

from .celery import app as celery_app

__all__ = ("celery_app",)
