"""The REST API v10 routes, one module per resource family."""
