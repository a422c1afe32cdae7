"""Page routes: progress."""

urlpatterns: list = []
