"""Reading a Web API call: query string plus a form or JSON body, and the token."""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass
from typing import Any

from aiohttp import web

from .errors import SlackError

__all__ = ["ApiRequest", "decode_cursor", "encode_cursor", "read_api_request"]


@dataclass
class ApiRequest:
    method: str
    params: dict[str, Any]
    token: str | None
    token_in_header: bool

    def text(self, name: str, default: str | None = None) -> str | None:
        value = self.params.get(name)
        if value is None or value == "":
            return default
        return value if isinstance(value, str) else json.dumps(value)

    def require(self, name: str) -> str:
        value = self.text(name)
        if value is None:
            raise SlackError("invalid_arguments", detail=f"missing required argument: {name}")
        return value

    def flag(self, name: str) -> bool:
        value = self.params.get(name)
        if isinstance(value, str):
            return value.lower() in ("1", "true", "yes")
        return bool(value)

    def number(self, name: str, default: int, *, low: int = 1, high: int = 1000) -> int:
        value = self.params.get(name)
        if value is None or value == "":
            return default
        try:
            number = int(value)
        except (TypeError, ValueError):
            raise SlackError("invalid_arguments", detail=f"{name} must be an integer") from None
        return max(low, min(high, number))

    def json(self, name: str, error: str) -> Any:
        """A parameter that is JSON: decoded when sent as a string (form bodies)."""
        value = self.params.get(name)
        if isinstance(value, str):
            if not value.strip():
                return None
            try:
                return json.loads(value)
            except ValueError:
                raise SlackError(error) from None
        return value


async def read_api_request(request: web.Request, method: str) -> ApiRequest:
    params: dict[str, Any] = dict(request.query)
    if request.method == "POST" and request.can_read_body:
        if request.content_type == "application/json":
            try:
                body = await request.json()
            except ValueError:
                raise SlackError("invalid_json") from None
            if not isinstance(body, dict):
                raise SlackError("json_not_object")
            params.update(body)
        else:
            form = await request.post()
            params.update({k: v for k, v in form.items() if isinstance(v, str)})
    header = request.headers.get("Authorization", "")
    token: str | None = None
    in_header = False
    if header.lower().startswith("bearer "):
        token, in_header = header[7:].strip(), True
    elif isinstance(params.get("token"), str) and params["token"]:
        token = params["token"]
    return ApiRequest(method=method, params=params, token=token, token_in_header=in_header)


def encode_cursor(offset: int) -> str:
    return base64.urlsafe_b64encode(f"offset:{offset}".encode()).decode()


def decode_cursor(cursor: str | None) -> int:
    if not cursor:
        return 0
    try:
        text = base64.urlsafe_b64decode(cursor.encode()).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise SlackError("invalid_cursor") from None
    prefix, _, number = text.partition(":")
    if prefix != "offset" or not number.isdigit():
        raise SlackError("invalid_cursor")
    return int(number)
