from tests.company.conftest import company_world  # noqa: F401 - the same world: Acme's people in a course
