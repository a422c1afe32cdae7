"""Host settings shaped like edx-platform's ``lms/envs/common.py`` then ``test.py`` (or Studio's, by environment).

The plugin is found through its entry points and configured only by its own hooks: ``get_plugin_apps`` extends
``INSTALLED_APPS`` and ``add_plugins`` calls its ``plugin_settings`` for COMMON then TEST, as the platform does.
Nothing of the standalone project (``settings/``) is used. ``LLP_HOST_PROJECT=cms.djangoapp`` makes it Studio.
"""

import os
import tempfile

from edx_django_utils.plugins import add_plugins, get_plugin_apps


class ProjectType:
    """edx-platform's ``openedx.core.djangoapps.plugins.constants.ProjectType``."""

    LMS = "lms.djangoapp"
    CMS = "cms.djangoapp"


class SettingsType:
    """edx-platform's ``openedx.core.djangoapps.plugins.constants.SettingsType``."""

    PRODUCTION = "production"
    COMMON = "common"
    DEVSTACK = "devstack"
    TEST = "test"


PROJECT = os.environ.get("LLP_HOST_PROJECT", ProjectType.LMS)

# --- common.py ---------------------------------------------------------------------------------------------
SECRET_KEY = "host-lms-test-key-host-lms-test-key-host-lms-test-key"
DEBUG = False
ALLOWED_HOSTS = ["testserver", "localhost"]
LMS_ROOT_URL = "https://lms.example.com"
USE_TZ = True
TIME_ZONE = "UTC"
LANGUAGE_CODE = "en"
# The platform's course id pattern (lms/envs/common.py COURSE_ID_PATTERN), used by the host's own routes.
COURSE_ID_PATTERN = r"(?P<course_id>[^/+]+(/|\+)[^/+]+(/|\+)[^/?]+)"
USAGE_ID_PATTERN = r"(?P<usage_id>(?:i4x://?[^/]+/[^/]+/[^/]+/[^@]+(?:@[^/]+)?)|(?:[^/]+))"

# The platform's own apps (a few of them); none of the plugin's third-party apps is listed here on purpose:
# its hook must add what it needs.
INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
]
INSTALLED_APPS.extend(get_plugin_apps(PROJECT))

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
]
ROOT_URLCONF = "tests.host_lms.urls"
# The platform's Django template engine, without the plugin's context processor (its hook adds it).
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]
# As the platform: its own finders, not the app-directories one the plugin's static files need.
STATICFILES_FINDERS = ["django.contrib.staticfiles.finders.FileSystemFinder"]
STATIC_URL = "/static/"
STATIC_ROOT = os.path.join(tempfile.gettempdir(), "host-lms-static")
MEDIA_ROOT = tempfile.mkdtemp(prefix="host-lms-media-")
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"
LOGIN_URL = "/login"
REST_FRAMEWORK = {"DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination", "PAGE_SIZE": 10}
CELERY_TASK_ALWAYS_EAGER = False
CELERY_BROKER_URL = "memory://"

add_plugins(__name__, PROJECT, SettingsType.COMMON)

# --- test.py -----------------------------------------------------------------------------------------------
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CELERY_TASK_ALWAYS_EAGER = True
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

add_plugins(__name__, PROJECT, SettingsType.TEST)
