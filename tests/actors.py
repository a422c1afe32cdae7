"""A permission ``Actor`` for table tests of the pure rules: an authenticated individual unless told otherwise."""

from llp_edx_plugin.accounts.data import Actor


def actor(**overrides) -> Actor:
    base = {
        "user_id": 1,
        "username": "a",
        "is_authenticated": True,
        "is_platform_staff": False,
        "account_type": "individual",
        "company_id": None,
    }
    return Actor(**{**base, **overrides})
