"""REST response shapes checked against Discord's OpenAPI document (from ../shared/specs).

The spec is loaded at test time and never copied into the repository; without it the
module is skipped.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from emulators.discord import DiscordEmulator

jsonschema = pytest.importorskip("jsonschema")

SPEC_PATH = Path(__file__).resolve().parents[3].parent / "shared" / "specs" / "discord-openapi.json"

pytestmark = pytest.mark.skipif(
    not SPEC_PATH.exists(), reason=f"Discord OpenAPI spec not found at {SPEC_PATH}"
)


@pytest.fixture(scope="module")
def spec() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(SPEC_PATH.read_text())
    return data


def check(spec: dict[str, Any], path: str, method: str, status: int, body: Any) -> None:
    """Validate ``body`` against the spec's response schema of ``method path -> status``."""
    response = spec["paths"][path][method.lower()]["responses"][str(status)]
    schema = response["content"]["application/json"]["schema"]
    root = {"components": spec["components"], **schema}
    validator = jsonschema.Draft202012Validator(root)
    errors = sorted(validator.iter_errors(body), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:5])


async def test_rest_shapes_match_openapi(spec: dict[str, Any]) -> None:
    async with (
        DiscordEmulator() as emu,
        aiohttp.ClientSession(headers={"Authorization": f"Bot {emu.bot_token}"}) as http,
    ):
        base = emu.api_base
        news = emu.channel_id("news")

        async def call(method: str, url: str, body: Any = None) -> tuple[int, Any]:
            async with http.request(method, base + url, json=body) as response:
                assert response.headers["Content-Type"] == "application/json"
                return response.status, await response.json()

        status, me = await call("GET", "/users/@me")
        check(spec, "/users/@me", "GET", status, me)

        status, channel = await call("GET", f"/channels/{news}")
        check(spec, "/channels/{channel_id}", "GET", status, channel)

        embed = {
            "title": "Bridge",
            "description": "Closed",
            "fields": [{"name": "a", "value": "b"}],
        }
        status, message = await call(
            "POST", f"/channels/{news}/messages", {"content": "hi <@1>", "embeds": [embed]}
        )
        check(spec, "/channels/{channel_id}/messages", "POST", status, message)

        status, thread = await call(
            "POST",
            f"/channels/{news}/messages/{message['id']}/threads",
            {"name": "Talk", "auto_archive_duration": 1440, "rate_limit_per_user": None},
        )
        assert status == 201
        check(spec, "/channels/{channel_id}/messages/{message_id}/threads", "POST", status, thread)
        status, thread_get = await call("GET", f"/channels/{thread['id']}")
        check(spec, "/channels/{channel_id}", "GET", status, thread_get)

        status, standalone = await call(
            "POST", f"/channels/{news}/threads", {"name": "Side", "type": 11}
        )
        check(spec, "/channels/{channel_id}/threads", "POST", status, standalone)

        status, hook = await call("POST", f"/channels/{news}/webhooks", {"name": "relay"})
        check(spec, "/channels/{channel_id}/webhooks", "POST", status, hook)
        status, relayed = await call(
            "POST",
            f"/webhooks/{hook['id']}/{hook['token']}?wait=true&thread_id={thread['id']}",
            {"content": "from Slack", "username": "Ana (Slack)", "allowed_mentions": {"parse": []}},
        )
        check(spec, "/webhooks/{webhook_id}/{webhook_token}", "POST", status, relayed)
        assert relayed["webhook_id"] == hook["id"]

        status, gateway = await call("GET", "/gateway/bot")
        check(spec, "/gateway/bot", "GET", status, gateway)

        app_id = str(emu.state.application_id)
        guild_id = str(emu.state.guild.id)
        command = {"name": "brief", "description": "Post a brief", "options": []}
        status, commands = await call(
            "PUT", f"/applications/{app_id}/guilds/{guild_id}/commands", [command]
        )
        check(
            spec,
            "/applications/{application_id}/guilds/{guild_id}/commands",
            "PUT",
            status,
            commands,
        )

        guild = f"/guilds/{guild_id}"
        reads = [
            ("/channels/{channel_id}/messages", f"/channels/{news}/messages?limit=5"),
            (
                "/channels/{channel_id}/messages/{message_id}",
                f"/channels/{news}/messages/{message['id']}",
            ),
            ("/channels/{channel_id}/webhooks", f"/channels/{news}/webhooks"),
            ("/webhooks/{webhook_id}/{webhook_token}", f"/webhooks/{hook['id']}/{hook['token']}"),
            ("/oauth2/applications/@me", "/oauth2/applications/@me"),
            ("/guilds/{guild_id}", guild),
            ("/guilds/{guild_id}/channels", f"{guild}/channels"),
            ("/guilds/{guild_id}/roles", f"{guild}/roles"),
            ("/guilds/{guild_id}/members/{user_id}", f"{guild}/members/{me['id']}"),
            ("/guilds/{guild_id}/threads/active", f"{guild}/threads/active"),
            (
                "/applications/{application_id}/guilds/{guild_id}/commands",
                f"/applications/{app_id}{guild}/commands",
            ),
        ]
        for template, url in reads:
            status, body = await call("GET", url)
            check(spec, template, "GET", status, body)

        # An interaction run through the control API, answered over raw HTTP.
        async with http.post(
            f"{emu.control_url}/commands",
            json={"name": "brief", "channel_id": "news", "user_id": "maria.lopez"},
        ) as response:
            interaction = await response.json()
        token = emu.state.interactions[int(interaction["id"])].token
        status, callback = await call(
            "POST",
            f"/interactions/{interaction['id']}/{token}/callback?with_response=true",
            {"type": 5, "data": {"flags": 64}},
        )
        callback_path = "/interactions/{interaction_id}/{interaction_token}/callback"
        check(spec, callback_path, "POST", status, callback)
        assert callback["interaction"]["response_message_loading"] is True
        assert callback["interaction"]["response_message_ephemeral"] is True
        status, followup = await call(
            "POST", f"/webhooks/{app_id}/{token}?wait=true", {"content": "Brief queued"}
        )
        check(spec, "/webhooks/{webhook_id}/{webhook_token}", "POST", status, followup)
        status, original = await call("GET", f"/webhooks/{app_id}/{token}/messages/@original")
        original_path = "/webhooks/{webhook_id}/{webhook_token}/messages/@original"
        check(spec, original_path, "GET", status, original)
        assert original["content"] == "Brief queued"

        async with http.post(
            f"{emu.control_url}/commands",
            json={"name": "brief", "channel_id": "news", "user_id": "maria.lopez"},
        ) as response:
            second = await response.json()
        token = emu.state.interactions[int(second["id"])].token
        status, immediate = await call(
            "POST",
            f"/interactions/{second['id']}/{token}/callback?with_response=true",
            {"type": 4, "data": {"content": "Done", "flags": 64}},
        )
        check(spec, callback_path, "POST", status, immediate)
        assert immediate["resource"]["message"]["content"] == "Done"

        status, error = await call("POST", f"/channels/{news}/messages", {"content": "x" * 2001})
        assert status == 400
        assert error["code"] == 50035
        assert error["errors"]["content"]["_errors"][0]["code"] == "BASE_TYPE_MAX_LENGTH"
