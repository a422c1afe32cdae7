"""HTML pages that combine several domains (dashboard, courseware, progress, course settings)."""
