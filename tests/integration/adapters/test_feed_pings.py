"""A hostile feed's titles and name, relayed by the real discord.py and slack-bolt adapters:
the emulators, which compute who a message really pings, see nobody pinged, neither by
the briefs (title, the feed's name in the byline) nor by the flood notice naming the feed."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from aiohttp import web

from adapters.discord.platform import DISCORD
from adapters.slack.platform import SLACK
from bot.bootstrap import build_feed_poller
from bot.domain.model import Platform
from bot.services.context import Context
from tests.eventually import eventually
from tests.feeds.test_hostile import Item, Site, rss
from tests.integration.adapters.discord_world import discord_world
from tests.integration.adapters.slack_env import slack_env

MENTION_EVERYONE = 1 << 17


@asynccontextmanager
async def hostile_site() -> AsyncIterator[Site]:
    site = Site()
    runner = web.AppRunner(site.app(), shutdown_timeout=1.0)
    await runner.setup()
    tcp = web.TCPSite(runner, "127.0.0.1", 0)
    await tcp.start()
    site.base = f"http://127.0.0.1:{tcp._server.sockets[0].getsockname()[1]}"  # type: ignore[union-attr]
    try:
        yield site
    finally:
        await runner.cleanup()


async def _two_polls(
    ctx: Context, settings: Any, site: Site, where: tuple[Platform, str, str], pings: str
) -> None:
    """Subscribe the channel, poll once (posts the newest story), then once more with five
    new stories (posts three, and a notice naming the feed for the two held back)."""
    async with ctx.store.transaction() as tx:
        place = await tx.places.ensure(*where, "news")
        await tx.feeds.add(place.id, f"{site.base}/feed.xml", 600, ctx.clock())
        await tx.commit()
    poller = build_feed_poller(settings, ctx)
    name = f"Courier {pings}"
    site.body = rss([Item(f"Pier {pings}", f"{site.base}/story/1", "g1")], title=name)
    assert await poller.poll_due() == 1
    items = [Item(f"Story {n} {pings}", f"{site.base}/story/{n}", f"g{n}") for n in range(2, 7)]
    site.body = rss(items, title=name)
    async with ctx.store.transaction() as tx:
        [feed] = await tx.feeds.every()
        await tx.feeds.set_paused(feed.id, None, ctx.clock())  # due now
        await tx.commit()
    assert await poller.poll_due() == 1


async def test_discord_relays_a_hostile_feed_pinging_nobody(tmp_path: Path) -> None:
    async with discord_world(tmp_path) as world, hostile_site() as site:
        state = await world.control.state()
        # The bot may ping everyone and the Moderators role is mentionable: only what the
        # adapter sends decides.
        await world.control.call("PATCH", "/roles/Briefbot", {"permissions": 0x7FFFFFFF})
        role = state["roles"]["Moderators"]
        maria = await world.control.user_id("maria.lopez")
        pings = f"@everyone @here <@&{role}> <@{maria}>"
        await world.start_bot()
        news = str(world.emu.channel_id("news"))
        await _two_polls(world.ctx, world.settings, site, (DISCORD, state["guild_id"], news), pings)

        async def posted() -> list[dict[str, Any]] | None:
            found = await world.control.messages(news)
            briefs = [m for m in found if m["embeds"]]
            notices = [m for m in found if "not posted" in (m["content"] or "")]
            return found if len(briefs) == 4 and notices else None

        found = await eventually(posted, 20)
        notice = next(m for m in found if "not posted" in (m["content"] or ""))
        assert f"<@&{role}>" in notice["content"] and "@everyone" in notice["content"]
        assert any("Courier @" in m["embeds"][0]["footer"]["text"] for m in found if m["embeds"])
        for message in found:
            assert message["pings"] == {"users": [], "roles": [], "everyone": False, "here": False}


async def test_slack_relays_a_hostile_feed_pinging_nobody(tmp_path: Path) -> None:
    async with slack_env(tmp_path) as env, hostile_site() as site:
        runner = env.new_runner()
        env.start_worker()
        await runner.start()
        pings = "<!channel> <!here> <!everyone> <@U0BEN000001> <!subteam^S0EDITORS01>"
        where = (SLACK, env.emu.team_id, env.news)
        await _two_polls(env.ctx, env.settings, site, where, pings)

        async def posted() -> list[dict[str, Any]] | None:
            found = await env.control.top_level(env.news)
            briefs = [m for m in found if m.get("blocks")]
            notices = [m for m in found if "not posted" in m.get("text", "")]
            return found if len(briefs) >= 4 and notices else None

        found = await eventually(posted, 20)
        assert any("channel" in m.get("text", "") for m in found)  # shown, as text
        for message in found:
            assert message["pings"] == [], message
