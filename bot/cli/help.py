"""Help pages that show names and sentences, not typer's type labels.

typer prints ``<bool>`` after every flag (``--help`` included), ``<list[str]>`` after
arguments and ``<int range>`` after bounded numbers. People need the name of the value
(``SOURCE``, ``N``, ``PORT``), which each option gives as its ``metavar``, and the range.
"""

from __future__ import annotations

from typing import Any

from typer import _click
from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption

__all__ = ["PlainHelpCommand", "PlainHelpGroup"]


class _PlainArgument(TyperArgument):
    def display_type_rich(self, ctx: _click.Context) -> str | None:
        return None  # the name (SOURCE...) already says what to give

    def _usage_display_name(self) -> str:
        # The usual usage line: ``PERSON`` when required, ``[PERSON]`` when not (typer's own
        # marks a required one as ``{PERSON}``, which reads as a set of choices).
        name = self.display_name_raw if self.required else f"[{self.display_name_raw}]"
        return name + ("..." if self.nargs != 1 else "")


class _PlainOption(TyperOption):
    def display_type_rich(self, ctx: _click.Context) -> str | None:
        return self.metavar  # a value's name such as N or PORT; None for a flag


def _plain(params: list[Any]) -> list[Any]:
    for param in params:
        # typer builds its parameters itself and takes no class for them: re-class the
        # instances it made (the subclasses only change how the help shows them).
        if type(param) is TyperArgument:
            param.__class__ = _PlainArgument
        elif type(param) is TyperOption:
            param.__class__ = _PlainOption
    return params


class PlainHelpCommand(TyperCommand):
    """A subcommand whose help lists its parameters without type labels."""

    def get_params(self, ctx: _click.Context) -> list[Any]:
        return _plain(super().get_params(ctx))


class PlainHelpGroup(TyperGroup):
    """The ``briefbot`` group, whose own ``--help`` line has no type label either."""

    def get_params(self, ctx: _click.Context) -> list[Any]:
        return _plain(super().get_params(ctx))
