"""The number grammar: quantities in one sentence, verbatim, with their values."""

from __future__ import annotations

import pytest

from bot.briefing.figures import find_key_figures
from bot.briefing.figures.numbers import find_quantities
from bot.briefing.figures.words import parse_number_words


def _read(sentence: str) -> list[tuple[str, tuple[float, ...], str]]:
    return [(q.text, q.values, q.kind) for q in find_quantities(sentence)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "The county sent between 10,000 to 12,000 sandbags to the coast.",
            ("between 10,000 to 12,000", (10_000.0, 12_000.0), "count"),
        ),
        (
            "Rents rose from 10% to 25% in two years.",
            ("from 10% to 25%", (10.0, 25.0), "percent"),
        ),
        (
            "The scheme will cost $40-50 billion over a decade.",
            ("$40-50 billion", (40e9, 50e9), "money"),
        ),
        (
            "Between 200 and 300 volunteers joined the beach clean.",
            ("Between 200 and 300", (200.0, 300.0), "count"),
        ),
        ("Ticket prices went up 5–8 percent.", ("5–8 percent", (5.0, 8.0), "percent")),
        # A part and its whole make one figure too.
        ("The Greens took 24 of the 45 seats.", ("24 of the 45", (24.0, 45.0), "count")),
        ("Three of the 12 members voted against.", ("Three of the 12", (3.0, 12.0), "count")),
        # A change is kept whole whichever way it went, hedges and all.
        (
            "Weekday riders fell from 2,050 to about 1,100 in four years.",
            ("from 2,050 to about 1,100", (2050.0, 1100.0), "count"),
        ),
        ("The levy was cut from 4% to 3.5%.", ("from 4% to 3.5%", (4.0, 3.5), "percent")),
        # The two sides of a vote are one figure; "787-9" stays an identifier.
        ("The board voted 5-2 to close the pool.", ("5-2", (5.0, 2.0), "count")),
        ("It was a 7-4 vote.", ("7-4", (7.0, 4.0), "count")),
    ],
)
def test_ranges_are_kept_whole(sentence: str, expected: tuple[str, tuple[float, ...], str]) -> None:
    assert _read(sentence)[0] == expected


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("$1.2bn", 1.2e9),
        ("£23million", 23e6),
        ("HK$5m", 5e6),
        ("US$300 million", 300e6),
        ("€2.5 billion", 2.5e9),
        ("£750k", 750e3),
        ("$4 tn", 4e12),
    ],
)
def test_currencies_and_multipliers(written: str, value: float) -> None:
    [(text, values, kind)] = _read(f"The port deal was worth {written} to the city.")
    assert (text, values, kind) == (written, (value,), "money")


@pytest.mark.parametrize(
    ("written", "value"),
    [("45%", 45.0), ("45 percent", 45.0), ("45 per cent", 45.0), ("0.3 percent", 0.3)],
)
def test_percentages(written: str, value: float) -> None:
    assert _read(f"Turnout was {written} in the ward.") == [(written, (value,), "percent")]


@pytest.mark.parametrize(
    ("sentence", "text", "value"),
    [
        ("Reports put casualties at around 4,000 soldiers.", "around 4,000", 4000.0),
        ("Nearly 2.5 million people lost power.", "Nearly 2.5 million", 2.5e6),
        ("More than 450,000 homes were cut off.", "More than 450,000", 450_000.0),
        ("Up to 60 percent of the herd died.", "Up to 60 percent", 60.0),
        ("At least 28 people were quarantined.", "At least 28", 28.0),
        ("The firm charged almost $6 million for the name.", "almost $6 million", 6e6),
        # the "no" stays: "more than £105 million" would say the opposite
        ("The club will pay no more than £105 million.", "no more than £105 million", 105e6),
    ],
)
def test_hedges_are_part_of_the_value(sentence: str, text: str, value: float) -> None:
    assert _read(sentence)[0][:2] == (text, (value,))


@pytest.mark.parametrize(
    ("sentence", "text", "value", "kind"),
    [
        ("Fifty-one percent of voters backed the plan.", "Fifty-one percent", 51.0, "percent"),
        ("The index fell five-and-a-half points.", "five-and-a-half", 5.5, "count"),
        ("Up to a dozen cases are seen each year.", "Up to a dozen", 12.0, "count"),
        ("There were three confirmed cases.", "three", 3.0, "count"),
        ("Shares fell for a seventh straight session.", "seventh", 7.0, "ordinal"),
        ("The fair drew twelve thousand visitors.", "twelve thousand", 12_000.0, "count"),
    ],
)
def test_numbers_written_as_words(sentence: str, text: str, value: float, kind: str) -> None:
    assert _read(sentence) == [(text, (value,), kind)]


def test_dates_and_years() -> None:
    assert _read("The treaty was signed in June 2024 in Pyongyang.") == [
        ("June 2024", (2024.0,), "date")
    ]
    assert _read("The mill closed in 2019.") == [("2019", (2019.0,), "year")]
    assert _read("The fair opens on 29 November 2026.") == [("November 2026", (2026.0,), "date")]
    # Lower-cased text (some feeds and archives) keeps its dates.
    assert _read("The vote is on march 10 at the hall.") == [("march 10", (10.0,), "date")]
    assert _read("The shares listed on June 30, 2019, at $20.")[0] == (
        "June 30, 2019",
        (2019.0,),
        "date",
    )


@pytest.mark.parametrize(
    "sentence",
    [
        "Call the helpline on 555-123-4567 for advice.",
        "Call +44 20 7946 0958 for advice.",
        "The meeting starts at 7:30 or 8 p.m. at the latest.",
        "Kick-off is at 7.45pm on Tuesday.",
        "Trading resumed at 0815 GMT on the exchange.",  # the 24-hour clock of wire copy
        "The border reopens at 1400 local time.",
        "He read the 10 o'clock news and, before that, the six o’clock bulletin.",
        "The six o'clock news will move to a new slot.",  # no digit in the sentence
        "From nine to ten o'clock the bar was full.",
        "The office is at 221 Baker Street, London.",
        "The hearing is at 200 north main street on monday.",  # lower-cased text
        "The airline ordered the A350-900 and the 787-9 this week.",
        "Problems with the 737 Max kept the fleet grounded.",
        "1 of 5 photos",
        "3. Bring a packed lunch and a coat.",
        "Copyright 2024 The Courier. Some rights belong to others.",
        "The club signed him for the 2024-25 season.",
        "She left her 9-5 job at the bank.",
        "For copies, call 1-800-555-0199 before noon.",
        "Hall heads the 4-2A league this season.",
        "Lawyers cited the 14th Amendment in court.",
        "Since the 21st century began, skies have dimmed.",
        "It was one of the wettest winters.",
        "She called 911 from the car park.",
        "Residents could not make 911 calls during the outage.",
        "Anyone with information should call police quoting log 4471.",
        "The Six-Day War is on the syllabus.",
        # an age limit or a side's size, not a count
        "Free flu jabs for people over 75 start in May.",
        "Jabs for children under five come first.",
        "The over-75s travel free.",
        "The win over ten-man Rovers lifted the club.",
    ],
)
def test_identifiers_and_furniture_are_not_quantities(sentence: str) -> None:
    assert _read(sentence) == []


def test_over_before_a_count_is_a_hedge_not_an_age_limit() -> None:
    assert _read("Over 75 people came to the hall.") == [("Over 75", (75.0,), "count")]
    assert _read("Ten men were hurt.") == [("Ten", (10.0,), "count")]


def test_a_count_before_a_street_name_is_still_a_count() -> None:
    assert _read("It has 300 homes on main street.") == [("300", (300.0,), "count")]
    assert _read("We need 300 more parking spaces on the road.")[0][0] == "300"


def test_of_a_year_or_a_bigger_part_is_not_a_share() -> None:
    assert [q.text for q in find_quantities("Only 2 of 2019's 40 storms hit land.")] == [
        "2",
        "2019",
        "40",
    ]
    assert [q.text for q in find_quantities("Some 45 of the 24 seats.")] == ["Some 45", "24"]


def test_short_multipliers_need_money_or_a_counted_noun() -> None:
    sentence = "About 1.5m people watched the 100m final."
    assert _read(sentence) == [("About 1.5m", (1.5e6,), "count")]


def test_a_bracketed_conversion_is_not_a_second_figure() -> None:
    assert _read("Gusts reached 55 mph (88.5 kph) on the ridge.") == [("55 mph", (55.0,), "count")]


def test_a_change_by_then_to_is_not_a_range() -> None:
    values = [q.values for q in find_quantities("Orders fell by 30 to 126 jets.")]
    assert values == [(30.0,), (126.0,)]


def test_values_are_verbatim_substrings() -> None:
    sentence = "SoftBank agreed to inject $6.5 billion and fund a $3 billion buyout."
    for quantity in find_quantities(sentence):
        assert sentence[quantity.start : quantity.end] == quantity.text


def test_parse_number_words() -> None:
    assert parse_number_words("fifty-one") == (51.0, False)
    assert parse_number_words("two hundred and fifty thousand") == (250_000.0, False)
    assert parse_number_words("a dozen") == (12.0, False)
    assert parse_number_words("twenty-third") == (23.0, True)
    assert parse_number_words("banana") is None


@pytest.mark.parametrize(
    "sentence",
    [
        "Fares rose from 2019 to 2024.",  # years stay years: "from 2019 to 2024" is rising
        "The tax would raise trillions over time.",
        "The scheme cost the state million after million.",
        "The helpline is open 24/7.",
    ],
)
def test_scale_words_alone_and_slashed_pairs_are_not_counts(sentence: str) -> None:
    assert all(kind != "count" for _, _, kind in _read(sentence))


@pytest.mark.parametrize(
    ("sentence", "text", "value", "kind"),
    [
        ("Temperatures reached 40.3C on Tuesday.", "40.3C", 40.3, "count"),
        ("It hit 38°C in Seville.", "38°C", 38.0, "count"),
        ("A loaf now costs 7.5p more.", "7.5p", 7.5, "money"),
    ],
)
def test_degrees_and_pence_written_onto_a_decimal_stay_whole(
    sentence: str, text: str, value: float, kind: str
) -> None:
    (quantity,) = find_quantities(sentence)
    assert (quantity.text, quantity.values, quantity.kind) == (text, (value,), kind)


def test_a_letter_after_a_whole_number_is_still_a_name() -> None:
    assert find_quantities("The 5G mast went up beside the 777X hangar.") == []


@pytest.mark.parametrize(
    ("sentence", "text"),
    [
        ("The plant will cost $4.5 million a year to run.", "$4.5 million a year"),
        ("Tickets for the ferry cost £12 per person.", "£12 per person"),
        ("The club pays €300 monthly for the hall.", "€300 monthly"),
        ("Fees rose from $3m a year to $4.5m a year.", "from $3m a year to $4.5m a year"),
    ],
)
def test_money_keeps_its_rate(sentence: str, text: str) -> None:
    assert text in [q.text for q in find_quantities(sentence)]


def test_a_rate_is_not_taken_from_a_possessive_or_a_count() -> None:
    texts = [q.text for q in find_quantities("He earned $40,000 a year's worth of tips.")]
    assert texts == ["$40,000"]
    counts = [q.text for q in find_quantities("About 300 buses a day pass the school.")]
    assert counts == ["About 300"]


@pytest.mark.parametrize(
    "sentence",
    [
        "The ministry promised compensation of 500,000 taka to each family.",
        "Each family will receive 200,000 rupees from the state.",
        "Fines of up to 5,000 pesos were handed out.",
    ],
)
def test_amounts_in_currency_words_are_money(sentence: str) -> None:
    [quantity] = find_quantities(sentence)
    assert quantity.kind == "money"
    assert quantity.text.split()[-1] in ("taka", "rupees", "pesos")


@pytest.mark.parametrize(
    ("sentence", "text", "values"),
    [
        (
            "Nearly one in five children in the borough live in poverty.",
            "Nearly one in five",
            (1.0, 5.0),
        ),
        ("One in every 20 homes on the estate is empty.", "One in every 20", (1.0, 20.0)),
        ("Three out of ten drivers admitted speeding.", "Three out of ten", (3.0, 10.0)),
    ],
)
def test_a_ratio_is_one_figure(sentence: str, text: str, values: tuple[float, ...]) -> None:
    assert [(q.text, q.values) for q in find_quantities(sentence)] == [(text, values)]


@pytest.mark.parametrize(
    ("sentence", "texts"),
    [
        ("One in 2024 was a record.", ["2024"]),
        ("He scored 3 in 20 minutes.", ["3", "20"]),
        ("The one in charge resigned.", []),
    ],
)
def test_numbers_that_are_no_ratio_stay_apart(sentence: str, texts: list[str]) -> None:
    assert [q.text for q in find_quantities(sentence)] == texts


def test_a_vote_split_into_two_shares_is_one_figure() -> None:
    assert _read("Voters backed the plan by 52.8% to 47.2%.") == [
        ("52.8% to 47.2%", (52.8, 47.2), "percent")
    ]
    # a change to a level is not a split, even when the two make a whole
    assert [q[0] for q in _read("Turnout fell by 2% to 98%.")] == ["2%", "98%"]


@pytest.mark.parametrize(
    ("sentence", "text", "values"),
    [
        ("In the latest poll Ms Hale leads by 42% to 38%.", "42% to 38%", (42.0, 38.0)),
        ("She won by 55% to 41% on Thursday.", "55% to 41%", (55.0, 41.0)),
        (
            "Whitcombe had 44.2% of the vote to 31.7% for Keene.",
            "44.2% of the vote to 31.7%",
            (44.2, 31.7),
        ),
    ],
)
def test_two_sides_shares_of_a_poll_or_vote_are_one_figure(
    sentence: str, text: str, values: tuple[float, ...]
) -> None:
    assert [(q.text, q.values) for q in find_quantities(sentence)] == [(text, values)]


@pytest.mark.parametrize(
    "sentence",
    [
        "Occupancy fell by 60% to 40%.",  # a change and its level
        "Prices rose by 5% to 8%.",
        "The lead shrank by 4% to 2%.",
    ],
)
def test_a_change_in_shares_is_not_a_split(sentence: str) -> None:
    assert len(find_quantities(sentence)) == 2


@pytest.mark.parametrize(
    ("sentence", "texts"),
    [
        ("Temperatures reached 38C on Sunday.", ["38C"]),
        ("It hit 104F in Phoenix.", ["104F"]),
        ("The sea was between 1.5C and 2C above average.", ["between 1.5C and 2C"]),
        ("Heathrow recorded 34C and Leeds peaked at 30C.", ["34C", "30C"]),
        ("Highs: London 34C, Leeds 30C, Newcastle 27C.", ["34C", "30C", "27C"]),
        # a class, a flat, a seat, a room or a bus, whatever the weather
        ("Pupils in Year 6C were sent home.", []),
        ("Flat 4F was empty.", []),
        ("She sat in seat 23F and he took the 15C bus in the heat.", []),
        ("Room 3C was flooded when the water main burst.", []),
        # a name, where nothing speaks of the weather or a reading
        ("Building 4C and Terminal 5C were shut.", []),
        ("Seats 12F and 14C were empty.", []),
        ("London baked at 33C and the mercury hit 31C.", ["33C", "31C"]),
    ],
)
def test_temperatures_in_whole_degrees_are_read(sentence: str, texts: list[str]) -> None:
    assert [q.text for q in find_quantities(sentence)] == texts


@pytest.mark.parametrize(
    ("sentence", "text", "values"),
    [
        # a dash or a bullet with a space after it is no minus sign
        ("It was the hottest day of the year - 31C at Heathrow.", "31C", (31.0,)),
        ("- 31C in Leeds on the hottest day", "31C", (31.0,)),
        ("Temperatures ranged from 5 - 10 degrees.", "from 5 - 10 degrees", (5.0, 10.0)),
        ("Highs of 14C - 16C are expected.", "14C - 16C", (14.0, 16.0)),
        ("The sensor is accurate to plus or minus 2C in cold weather.", "2C", (2.0,)),
    ],
)
def test_a_dash_is_no_minus_sign(sentence: str, text: str, values: tuple[float, ...]) -> None:
    assert [(q.text, q.values) for q in find_quantities(sentence)] == [(text, values)]


@pytest.mark.parametrize(
    ("sentence", "text", "values"),
    [
        ("Overnight it fell from 12C to -3C.", "from 12C to -3C", (12.0, -3.0)),
        ("It was minus 12C in the glens, the coldest night.", "minus 12C", (-12.0,)),
        ("Lows of −5°C are forecast.", "−5°C", (-5.0,)),
        ("Highs of 10-12C are forecast.", "10-12C", (10.0, 12.0)),  # a range, no sign
    ],
)
def test_a_temperature_below_zero_keeps_its_sign(
    sentence: str, text: str, values: tuple[float, ...]
) -> None:
    assert [(q.text, q.values) for q in find_quantities(sentence)] == [(text, values)]


@pytest.mark.parametrize(
    ("sentence", "text", "values"),
    [
        (
            "They paid a fee of £38 million, rising to £45m with add-ons.",
            "£38 million, rising to £45m",
            (38e6, 45e6),
        ),
        (
            "The deal is worth $30m, which could rise to $35m.",
            "$30m, which could rise to $35m",
            (30e6, 35e6),
        ),
    ],
)
def test_a_sum_and_the_most_it_may_reach_are_one_figure(
    sentence: str, text: str, values: tuple[float, ...]
) -> None:
    assert _read(sentence) == [(text, values, "money")]


@pytest.mark.parametrize(
    ("sentence", "texts"),
    [
        # words between: a change of its own, not a ceiling of the first figure
        ("It will cut 1,200 jobs this year, rising to 2,000 by 2027.", ["1,200", "2,000", "2027"]),
        # money then a share, or a smaller second figure: two facts
        ("Sales were £40m, rising to 12% of the market.", ["£40m", "12%"]),
        ("The fee was £45m, rising to £38m.", ["£45m", "£38m"]),
        # a change and the level it reached, not a ceiling
        ("The deficit grew by £3bn, rising to £40bn.", ["£3bn", "£40bn"]),
        ("Council tax will go up by £60, rising to £2,100.", ["£60", "£2,100"]),
        # two scales: two facts
        ("It costs $2, rising to $3 billion.", ["$2", "$3 billion"]),
    ],
)
def test_an_escalation_needs_its_comma_a_like_figure_and_a_larger_end(
    sentence: str, texts: list[str]
) -> None:
    assert [q[0] for q in _read(sentence)] == texts


def test_a_term_told_in_two_units_is_one_figure() -> None:
    assert _read("Ames was jailed for six years and four months.") == [
        ("six years and four", (6.0, 4.0), "count")
    ]
    assert [
        (f.value, f.label) for f in find_key_figures("The trip took two hours and 40 minutes.")
    ] == [("two hours and 40 minutes", "trip took")]
    assert [q[0] for q in _read("It has 5 years and 3 staff.")] == ["5", "3"]


@pytest.mark.parametrize(
    ("sentence", "text", "values"),
    [
        ("Robberies rose from 61 in 2021 to 104 last year.", "from 61 in 2021 to 104", (61, 104)),
        ("Fares went from 50p in 2019 to about 80p.", "from 50p in 2019 to about 80p", (50, 80)),
        # the first end's unit before the year, said again after the last end or not
        (
            "Response times rose from 7.8 minutes in 2021 to 11.4 minutes last year.",
            "from 7.8 minutes in 2021 to 11.4",
            (7.8, 11.4),
        ),
        (
            "Membership fell from 1,200 members in 2019 to 950.",
            "from 1,200 members in 2019 to 950",
            (1200, 950),
        ),
    ],
)
def test_a_change_with_its_first_year_between_its_ends_is_one_figure(
    sentence: str, text: str, values: tuple[float, ...]
) -> None:
    assert _read(sentence)[0][:2] == (text, values)


def test_a_year_between_a_number_and_a_place_is_no_change() -> None:
    assert [q[0] for q in _read("It moved from 3 in 2020 to Leeds.")] == ["3", "2020"]
    # two things named, not one change
    assert [q[0] for q in _read("It grew from 3 stations in 2019 to 12 cities.")] == [
        "3",
        "2019",
        "12",
    ]


@pytest.mark.parametrize(
    ("sentence", "text", "values"),
    [
        ("Kestley declared on 412 for seven after tea.", "412 for seven", (412, 7)),
        ("Rovers were 231 for 6 at stumps.", "231 for 6", (231, 6)),
        ("Okoro took four wickets for 27 runs.", "four wickets for 27", (4, 27)),
    ],
)
def test_a_cricket_score_is_one_figure(sentence: str, text: str, values: tuple[float, ...]) -> None:
    assert _read(sentence)[0][:2] == (text, values)


def test_for_between_numbers_is_no_score_outside_cricket_or_before_a_noun() -> None:
    assert [q[0] for q in _read("The club raised 300 for five charities.")] == ["300", "five"]
    assert [q[0] for q in _read("He sold 40 for two at the fair.")] == ["40", "two"]


def test_a_tennis_match_told_set_by_set_is_one_figure() -> None:
    assert _read("Lind won 3-6, 4-6, 7-6 (7-4), 6-3, 7-5 in the final.") == [
        ("3-6, 4-6, 7-6 (7-4), 6-3, 7-5", (3, 6, 4, 6, 7, 6, 6, 3, 7, 5), "count")
    ]
    # a set is won with six or seven games: other small pairs are no tennis match
    assert all(len(q[1]) <= 2 for q in _read("Rovers won 3-1 at home and 2-0 away."))


@pytest.mark.parametrize(
    ("sentence", "kept"),
    [
        # money and lengths before a road are no street address
        ("The £4.5 billion relief road opened on Monday.", "£4.5 billion"),
        ("They built a 20 mile road to the port.", "20 mile"),
        # "over" before a span or a plural is a hedge, not an age limit
        ("Floods killed 50 people over two days.", "over two"),
        ("Police questioned 12 men over 30 incidents.", "over 30"),
        # a force's size is a count, not a side's name
        ("Russia massed a 100,000-man force at the border.", "100,000"),
    ],
)
def test_counts_near_the_new_exclusions_stay(sentence: str, kept: str) -> None:
    assert kept in [q[0] for q in _read(sentence)]


@pytest.mark.parametrize(
    ("sentence", "texts"),
    [
        ("Occupancy fell by 60% to 40% last year.", ["60%", "40%"]),  # a change, no vote
        ("Over the past two years, 150 days were lost.", ["two", "150"]),  # no term
        ("Arsenal beat Spurs 7-0, 6-2 on aggregate.", ["7-0"]),  # 7-0 is no tennis set
    ],
)
def test_look_alikes_of_the_new_pairs_stay_apart(sentence: str, texts: list[str]) -> None:
    assert [q[0] for q in _read(sentence)] == texts


@pytest.mark.parametrize(
    ("sentence", "text"),
    [("Lind won 6–4, 6–3 today.", "6–4, 6–3"), ("Lind won 7-6 (4), 6-3 today.", "7-6 (4), 6-3")],
)
def test_tennis_sets_with_dashes_or_short_tiebreaks(sentence: str, text: str) -> None:
    assert _read(sentence)[0][0] == text


def test_a_share_then_money_is_no_range() -> None:
    # "rose 12% to £40 million" is a change and its level, not £12m to £40m
    assert _read("Revenue rose 12% to £40 million last year.") == [
        ("12%", (12.0,), "percent"),
        ("£40 million", (40e6,), "money"),
    ]
    assert [f.value for f in find_key_figures("Revenue rose 12% to £40 million last year.")] == [
        "£40 million"
    ]


def test_four_digits_before_hours_may_be_a_duration_not_a_clock() -> None:
    # "1800 hours" is 6 p.m. in military style but as often a duration: only a time zone or
    # "local time" makes four digits a clock
    assert [q.values for q in find_quantities("The council spent 1800 hours on the audit.")] == [
        (1800.0,)
    ]
