"""discord.py imports the deprecated ``audioop`` module (voice support) on Python 3.11;
import it once here, quietly, so the warnings-as-errors setting does not trip on it."""

from __future__ import annotations

import warnings

with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)
    import discord  # noqa: F401
