"""Loopback emulators of Discord and Slack that the real discord.py and slack-bolt talk to.

For tests, benchmarks and the sandbox; not part of the runtime package (see pyproject.toml
in this folder).
"""
