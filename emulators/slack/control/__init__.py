"""The control API (``/_control/...``): act as users, inject faults, read what happened."""

from .routes import add_control_routes

__all__ = ["add_control_routes"]
