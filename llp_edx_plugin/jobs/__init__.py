"""Jobs: the one model and Celery base task for long work with progress."""
