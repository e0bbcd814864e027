"""The Web API (``/api/{method}``) and ``response_url`` answers, one module per family."""

from .dispatch import EMULATOR_KEY, handle_api, handle_response_url

__all__ = ["EMULATOR_KEY", "handle_api", "handle_response_url"]
