"""REST API v1 (DRF): thin views over the domain APIs."""
