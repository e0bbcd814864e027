"""Numbers that name things or people in passing are not key figures."""

from pathlib import Path

import pytest

from bot.briefing.figures import exclude, find_key_figures, find_quantities
from bot.briefing.figures.exclude import excluded_spans


def excluded(sentence: str) -> list[str]:
    return [sentence[a:b] for a, b in excluded_spans(sentence)]


@pytest.mark.parametrize(
    ("sentence", "names"),
    [
        ("The board voted to end the 14 and 22 bus routes in March.", ["14", "22"]),
        ("Riders moved to the busier 7 line on Monday.", ["7"]),
        ("Route 9 closes for three weeks.", ["9"]),
        ("Flight 370 left with 239 people on board.", ["370"]),
        ('"My father is 91, and he walks there," she said.', ["91"]),
        ("Jones, aged 41, was charged on Friday.", ["41"]),
    ],
)
def test_route_numbers_and_ages_are_not_quantities(sentence: str, names: list[str]) -> None:
    assert excluded(sentence) == names


@pytest.mark.parametrize(
    ("sentence", "names"),
    [
        ("The only bus to Alderton, the number 42, runs once an hour.", ["42"]),
        ("The van overturned near mile marker 27 on Saturday.", ["27"]),
        ("Page 3 of the report lists 40 sites.", ["3"]),
        ("She won stage 14 by two seconds.", ["14"]),
        ("Lorries were stuck at junction 12 for hours.", ["12"]),
        ("She finished stage 3 just two seconds behind the leader.", ["3"]),
        ("The crash at junction 12 closed both lanes.", ["12"]),
        ("She broke the 400 metres hurdles world record.", ["400 metres hurdles"]),
        ("Garcia finished second in the 50 yard freestyle.", ["50 yard freestyle"]),
        ("Regulars pass him on their way to the 7.52 to Leeds.", ["the 7.52 "]),
        ("About a quarter of residents are over 65 and many do not drive.", ["65"]),
    ],
)
def test_numbers_that_name_a_thing_race_train_or_age_band_are_not_quantities(
    sentence: str, names: list[str]
) -> None:
    assert excluded(sentence) == names


@pytest.mark.parametrize(
    "sentence",
    [
        "The number of deaths rose to 27.",
        "The sinkhole is a hole 3 metres wide.",
        "Seat 5 of 12 on the board went to a newcomer.",
        "The price fell from 7.52 to 7.10.",
        "Residents are over 300 in number.",
        "A 100m stretch of the path was closed.",
        # the number goes on to count something
        "At this stage 40 jobs are at risk.",
        "For the third year in a row 300 jobs will go.",
        "During the episode 12 people were treated.",
        "At the junction 40 crashes were recorded.",
        "Labour took the seat 20 years ago.",
        "They increased the number 10-fold.",
        "At this stage 12 of the 40 councillors agreed.",
        "At this stage 40 new council homes are planned.",
        # a charity relay is no race on a track; a speed is no age
        "They ran a 900km relay, raising £12,000.",
        "Drivers were over 40 mph in the zone.",
    ],
)
def test_counts_and_measures_beside_those_nouns_stay(sentence: str) -> None:
    assert excluded(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "names"),
    [
        ("The shop sold out of the iPhone 16 within a day.", ["16"]),
        ("Staff were given the new 14-inch MacBook Pro laptops.", ["14"]),
        ("The firm's eBike 3 costs less than its rivals.", ["3"]),
    ],
)
def test_product_names_are_not_quantities(sentence: str, names: list[str]) -> None:
    assert excluded(sentence) == names


@pytest.mark.parametrize(
    "sentence",
    [
        "The school bought 16 iPads and 30 laptops for £12,000.",
        "The storm left a 6-inch layer of snow across the valley.",
        "Orders for the iPhone rose 12% in March.",
    ],
)
def test_counts_beside_products_and_sizes_of_plain_things_stay(sentence: str) -> None:
    assert excluded(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("The nearest stop is now a 25-minute walk away.", "25"),
        ("The clinic is ten minutes' drive from the village.", "ten"),
        ("Trams will run every 12 minutes from May.", "12"),
        ("The new depot is a 40 min ride away.", "40"),
    ],
)
def test_travel_times_and_headways_are_not_quantities(sentence: str, value: str) -> None:
    assert not [q for q in find_quantities(sentence) if value in q.text]


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("The power cut lasted 36 hours across the county.", "36 hours"),
        ("Bins will be emptied every 14 days.", "14"),
        ("The match drew 25,000 fans, who queued for hours.", "25,000"),
    ],
)
def test_other_spans_of_time_stay_quantities(sentence: str, value: str) -> None:
    assert [q for q in find_quantities(sentence) if q.text.startswith(value.split()[0])]


@pytest.mark.parametrize(
    "sentence",
    [
        "The council cut the 12 routes to nine.",
        "Turnout was 45% on the day.",
        "The deficit is 82 million pounds.",
        "Growth was 0.3 percent, the bank said.",
        "Turnout was 34.2%, down from 38%.",
    ],
)
def test_counts_that_look_alike_stay_quantities(sentence: str) -> None:
    assert excluded(sentence) == []


def test_route_numbers_do_not_fill_the_key_figures_box() -> None:
    text = (
        "The transit board voted on Thursday to end the 31 and 40 bus routes in May. "
        "The two routes carry about 900 passengers a day, down from 1,700 in 2021. "
        "Ending them will save about $450,000 a year, the board said."
    )
    values = [f.value for f in find_key_figures(text)]
    assert "31" not in values and "40" not in values
    assert any("900" in v for v in values) and any("450,000" in v for v in values)


@pytest.mark.parametrize(
    ("sentence", "ids"),
    [
        ("Message 1191168914227200002 was removed.", ["1191168914227200002"]),
        ("Ask 804123456789012345 or U0123ABCD.", ["804123456789012345", "U0123ABCD"]),
        ("The S0614TZR7 team said so.", ["S0614TZR7"]),
        ("Build 9f86d081884c7d65 shipped.", ["9f86d081884c7d65"]),
        ("Case 550e8400-e29b-41d4-a716-446655440000 is open.", None),
    ],
)
def test_long_ids_and_letter_digit_ids_are_not_quantities(
    sentence: str, ids: list[str] | None
) -> None:
    spans = excluded(sentence)
    if ids is not None:
        assert all(i in spans for i in ids)
    assert [q.text for q in find_quantities(sentence)] == []


def test_the_core_knows_no_chat_syntax() -> None:
    """Chat mention syntax is each chat adapter's to translate (see the adapters' tests of
    pasted mentions); the core's rules are about ids in general."""
    source = Path(exclude.__file__).read_text()
    for dialect in ("<@", "<#", "subteam", "Discord", "Slack", "snowflake"):
        assert dialect not in source


def test_a_story_that_thanks_a_member_keeps_its_real_figures() -> None:
    text = (
        "The Millbrook food bank handed out 2,340 parcels in December, up from 1,900 a year "
        "earlier. Volunteer coordinator @Dana said 48 volunteers worked the last shift. "
        "Photos were shared in #photos and by @Sam. "
        "The appeal reference is 20231215093000123456 and the form id 7c9e6679f0a94b2b."
    )
    values = [f.value for f in find_key_figures(text)]
    assert any("2,340" in v for v in values) and any("48" in v for v in values)
    for noise in ("2023121509300", "7c9e6679"):
        assert not any(noise in v for v in values), values
    assert all(f.label.strip() for f in find_key_figures(text))


@pytest.mark.parametrize(
    ("sentence", "kept"),
    [
        ("Shares beat the Dow and the S&P 500 over the year.", []),
        ("The FTSE 250 closed 1.2% higher.", ["1.2%"]),
        # Two capitals are a country, not an index: the count after it stays.
        ("France sent 200 medics and the UK 150.", ["200", "150"]),
    ],
)
def test_an_index_named_by_a_number_is_not_a_count(sentence: str, kept: list[str]) -> None:
    assert [q.text for q in find_quantities(sentence)] == kept


@pytest.mark.parametrize(
    ("sentence", "wanted"),
    [
        ("A police spokesman told CNN 40 people had died in the fire.", "40"),
        ("Officials told the BBC 12 people were injured.", "12"),
        ("Members agreed to meet the NATO 2 percent target.", "2 percent"),
        ("She told WNYC 300 homes lost power overnight.", "300"),
    ],
)
def test_a_count_after_an_acronym_is_still_a_count(sentence: str, wanted: str) -> None:
    assert wanted in [q.text for q in find_quantities(sentence)]


@pytest.mark.parametrize(
    "sentence", ["The FTSE 250 closed 1.2% higher.", "The FTSE 100 fell 2% on Monday."]
)
def test_an_index_named_by_an_acronym_is_not_a_count(sentence: str) -> None:
    assert not [q for q in find_quantities(sentence) if q.text in ("250", "100")]


@pytest.mark.parametrize(
    ("sentence", "kept"),
    [
        ("Anyone who saw the crash can call police on 101, officers said.", []),
        ("Call the helpline on 0800 555 0199 for advice.", []),
        # a call for something is no number to call
        ("The council calls for 300 new homes on the site.", ["300"]),
        ("The union called on 3,000 members to strike.", ["3,000"]),
        ("She called her sister on 12 occasions.", ["12"]),
    ],
)
def test_numbers_to_call_on_are_not_quantities(sentence: str, kept: list[str]) -> None:
    assert [q.text for q in find_quantities(sentence)] == kept
