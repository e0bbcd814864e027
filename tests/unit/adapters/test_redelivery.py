from adapters.redelivery import Recent


def test_a_key_is_new_once_then_remembered() -> None:
    recent: Recent[int] = Recent(3)
    assert recent.first_time(7) is True
    assert recent.first_time(7) is False


def test_the_oldest_key_is_forgotten_first() -> None:
    recent: Recent[str] = Recent(2)
    for key in ("a", "b", "c"):
        assert recent.first_time(key)
    assert recent.first_time("a") is True
    assert recent.first_time("c") is False
