"""Page routes: course_settings."""

urlpatterns: list = []
