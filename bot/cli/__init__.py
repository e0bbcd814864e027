"""The ``briefbot`` command: one typer app; each subcommand lives in its own module.

To add a subcommand, write ``bot/cli/<name>.py`` with a plain function and register it
in :func:`_register` (imports stay inside so ``briefbot --help`` stays quick).
"""

from __future__ import annotations

import typer

from bot.cli.help import PlainHelpCommand, PlainHelpGroup

__all__ = ["app", "main"]

app = typer.Typer(
    name="briefbot",
    cls=PlainHelpGroup,
    help="Turns news articles into briefs and keeps one reader discussion in sync.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def _root() -> None:
    """briefbot: news briefs and one discussion across Discord, Slack and the web."""


def _register() -> None:
    from bot.cli.brief import brief
    from bot.cli.erase import erase
    from bot.cli.export import export
    from bot.cli.feed import feed
    from bot.cli.link import link
    from bot.cli.moderators import moderators
    from bot.cli.run import run
    from bot.cli.sandbox import sandbox

    app.command("brief", cls=PlainHelpCommand)(brief)
    app.command("run", cls=PlainHelpCommand)(run)
    app.command("link", cls=PlainHelpCommand)(link)
    app.command("sandbox", cls=PlainHelpCommand)(sandbox)
    app.add_typer(moderators)
    app.command("erase", cls=PlainHelpCommand)(erase)
    app.command("export", cls=PlainHelpCommand)(export)
    app.add_typer(feed)


_register()


def main() -> None:
    """Console-script entry point (``briefbot = "bot.cli:main"``)."""
    app()
