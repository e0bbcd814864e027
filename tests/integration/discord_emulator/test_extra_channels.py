"""``extra_channels``: more seeded text channels, the default world left as it was."""

from __future__ import annotations

import aiohttp

from emulators.discord import DiscordEmulator, RateLimitConfig
from emulators.discord.seed import seed_state


def test_extra_channels_follow_general_and_keep_the_seeded_ids() -> None:
    plain = seed_state(7)
    more = seed_state(7, ["bench-1", "bench-2"])
    assert {c.id: c.name for c in plain.channels.values()}.items() <= {
        c.id: c.name for c in more.channels.values()
    }.items()
    extra = [c for c in more.channels.values() if c.id not in plain.channels]
    assert [(c.name, c.position) for c in sorted(extra, key=lambda c: c.position)] == [
        ("bench-1", 2),
        ("bench-2", 3),
    ]
    assert plain.users.keys() == more.users.keys()


async def test_extra_channels_are_in_the_control_state_and_survive_reset() -> None:
    async with (
        DiscordEmulator(rate_limits=RateLimitConfig.disabled(), extra_channels=("bench-1",)) as emu,
        aiohttp.ClientSession() as http,
    ):
        async with http.get(f"{emu.control_url}/state") as response:
            channels = (await response.json())["channels"]
        assert set(channels) == {"news", "general", "bench-1"}
        async with http.post(f"{emu.control_url}/reset") as response:
            assert response.status == 200
        assert emu.channel_id("bench-1") == int(channels["bench-1"])
