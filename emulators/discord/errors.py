"""Discord's error responses as an exception the HTTP layer turns into JSON."""

from __future__ import annotations

from typing import Any

__all__ = ["DiscordError", "field_error", "form_error"]


class DiscordError(Exception):
    """An error Discord would answer with: HTTP ``status`` and JSON ``{code, message, errors?}``."""

    def __init__(
        self, status: int, code: int, message: str, errors: dict[str, Any] | None = None
    ) -> None:
        super().__init__(f"{status} {code} {message}")
        self.status = status
        self.code = code
        self.message = message
        self.errors = errors

    def body(self) -> dict[str, Any]:
        data: dict[str, Any] = {"message": self.message, "code": self.code}
        if self.errors:
            data["errors"] = self.errors
        return data

    # The codes this emulator uses (opcodes-and-status-codes.mdx, "JSON Error Codes").
    @classmethod
    def unknown_channel(cls) -> DiscordError:
        return cls(404, 10003, "Unknown Channel")

    @classmethod
    def unknown_message(cls) -> DiscordError:
        return cls(404, 10008, "Unknown Message")

    @classmethod
    def unknown_webhook(cls) -> DiscordError:
        return cls(404, 10015, "Unknown Webhook")

    @classmethod
    def unknown_interaction(cls) -> DiscordError:
        return cls(404, 10062, "Unknown interaction")

    @classmethod
    def unknown_command(cls) -> DiscordError:
        return cls(404, 10063, "Unknown application command")

    @classmethod
    def unknown_guild(cls) -> DiscordError:
        return cls(404, 10004, "Unknown Guild")

    @classmethod
    def unknown_member(cls) -> DiscordError:
        return cls(404, 10007, "Unknown Member")

    @classmethod
    def unauthorized(cls) -> DiscordError:
        return cls(401, 0, "401: Unauthorized")

    @classmethod
    def already_acknowledged(cls) -> DiscordError:
        return cls(400, 40060, "Interaction has already been acknowledged.")

    @classmethod
    def missing_access(cls) -> DiscordError:
        return cls(403, 50001, "Missing Access")

    @classmethod
    def empty_message(cls) -> DiscordError:
        return cls(400, 50006, "Cannot send an empty message")

    @classmethod
    def missing_permissions(cls) -> DiscordError:
        return cls(403, 50013, "Missing Permissions")

    @classmethod
    def invalid_webhook_token(cls) -> DiscordError:
        return cls(401, 50027, "Invalid Webhook Token")

    @classmethod
    def thread_already_created(cls) -> DiscordError:
        return cls(400, 160004, "A thread has already been created for this message")

    @classmethod
    def thread_locked(cls) -> DiscordError:
        return cls(400, 160005, "Thread is locked")

    @classmethod
    def not_found(cls) -> DiscordError:
        return cls(404, 0, "404: Not Found")

    @classmethod
    def method_not_allowed(cls) -> DiscordError:
        return cls(405, 0, "405: Method Not Allowed")


def field_error(code: str, message: str) -> dict[str, Any]:
    return {"_errors": [{"code": code, "message": message}]}


def form_error(errors: dict[str, Any]) -> DiscordError:
    """50035 Invalid Form Body with the nested ``errors`` object Discord sends."""
    return DiscordError(400, 50035, "Invalid Form Body", errors)
