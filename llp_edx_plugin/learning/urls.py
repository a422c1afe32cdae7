"""Routes of the XBlock handler endpoint (as the LMS calls XBlocks)."""

urlpatterns: list = []
