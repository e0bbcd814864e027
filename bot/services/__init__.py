"""The service layer: plain async functions over the ports, wired by ``bot.bootstrap``."""
