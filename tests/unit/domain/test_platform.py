"""A platform is an open name: each adapter defines its own, the core knows only WEB."""

from __future__ import annotations

import pickle

import pytest

from adapters.discord.platform import DISCORD
from adapters.slack.platform import SLACK
from bot.domain.model import WEB, Platform


def test_any_lowercase_slug_is_a_platform_and_equals_its_name() -> None:
    matrix = Platform("matrix")
    assert matrix == "matrix" and Platform("matrix") == matrix
    assert {matrix: 1}["matrix"] == 1
    assert matrix.value == "matrix" and type(matrix.value) is str
    assert str(matrix) == "matrix" and type(str(matrix)) is str
    assert f"{matrix}" == "matrix" and repr(matrix) == "Platform('matrix')"
    assert pickle.loads(pickle.dumps(matrix)) == matrix


def test_the_label_is_the_registered_one_or_the_name_title_cased() -> None:
    assert (DISCORD.label, SLACK.label, WEB.label) == ("Discord", "Slack", "Web")
    assert Platform("discord").label == "Discord"  # read back from storage: same label
    assert Platform("rocket-chat").label == "Rocket-Chat"
    assert Platform("zulip2", label="Zulip").label == "Zulip"


@pytest.mark.parametrize("name", ["", "Discord", "9chat", "a b", "a.b", "x" * 33, "é"])
def test_anything_else_is_refused(name: str) -> None:
    with pytest.raises(ValueError, match="not a platform name"):
        Platform(name)


def test_web_is_the_only_platform_the_core_defines() -> None:
    import bot.domain.model as model

    assert [v for v in vars(model).values() if isinstance(v, Platform)] == [WEB]
