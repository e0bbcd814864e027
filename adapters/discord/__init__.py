"""Discord for briefbot, on discord.py.

- ``client``: ``BriefbotClient``, the discord.py client that wires commands, collection and
  the catch-up together; ``runner.DiscordRunner`` starts and stops it, pointed at Discord or
  at the Discord emulator (the top-level ``emulators.discord`` package).
- ``commands``: ``/brief`` and ``/briefbot link``; ``messages``: their Discord-worded sentences.
- ``collector``/``catchup``: readers' messages into the core, live and after a restart.
- ``chat.DiscordChat``: the ``ChatPlatform`` (brief embed + thread, copies via a webhook);
  ``embed`` builds the brief, ``render`` a comment copy, ``webhooks`` finds the channel's
  webhook, ``markdown`` converts between Discord's Markdown and the neutral form.
- ``translate``/``payloads``/``parse``: pure translation of Discord messages (raw JSON) into
  core commands; ``objects``: the same facts read from live discord.py objects.
- ``errors``: Discord failures as briefbot errors; ``logs``: token shapes and noisy loggers
  for the log set-up.

Nothing is imported here, so importing one pure module does not import discord.py.
"""
