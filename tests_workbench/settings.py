"""The xblock-sdk workbench's own settings, with the plugin installed as inside Open edX (the llp_* blocks
import its public door on use), a database in memory and no log file.

xblock-sdk 0.14.0 lists the ``djpyfs`` app and imports ``xblock.django.request`` (which needs ``lazy``) but
declares neither: the tox environment installs ``XBlock[django]`` (openedx-django-pyfs, lazy). The old
``django-pyfs`` 3.2.0 would not do: its ``Meta.index_together`` was removed in Django 5.1.
"""

from workbench.settings import *  # noqa: F403

INSTALLED_APPS = [
    *INSTALLED_APPS,  # noqa: F405
    "llp_edx_plugin.apps.LLPCertificatesConfig",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "simple_history",
]
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
LOGGING = {"version": 1, "disable_existing_loggers": False}
# Every test parses the scenarios afresh into its own (rolled back) database.
WORKBENCH = {**WORKBENCH, "reset_state_on_restart": True}  # noqa: F405
