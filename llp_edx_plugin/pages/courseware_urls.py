"""Page routes: courseware."""

urlpatterns: list = []
