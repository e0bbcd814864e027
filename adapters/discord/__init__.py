"""Discord for briefbot, on discord.py.

- ``translate``/``payloads``: pure translation of Discord messages (raw JSON) into core commands.
- ``objects``: the same facts read from live discord.py objects, names from the guild cache.
- ``chat.DiscordChat``: the ``ChatPlatform`` (brief embed + thread, copies via a webhook).
- ``collect``/``backfill``: readers' messages into the core, live and after a restart.
- ``commands``: ``/brief`` and ``/briefbot link``; ``client.BriefbotClient`` wires it all.
- ``runner.DiscordRunner``: start/stop, pointed at Discord or at the ``emulator`` package.

Nothing is imported here, so importing the emulator does not import discord.py.
"""
