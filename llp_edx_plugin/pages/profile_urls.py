"""Page routes: profile."""

urlpatterns: list = []
