"""rest_api domain."""
