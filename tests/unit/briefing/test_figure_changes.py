"""A figure and the figure it is compared with are one fact, boxed once."""

import pytest

from bot.briefing.figures import boxed, find_key_figures
from bot.briefing.figures.label import label_for
from bot.briefing.figures.rank import gather


@pytest.mark.parametrize(
    ("text", "value", "comparison"),
    [
        (
            "The two ferries carry about 900 passengers a day, down from 1,400 in 2019.",
            "about 900",
            "down from 1,400",
        ),
        ("Turnout was 61.5%, up from 48% at the last election.", "61.5%", "up from 48%"),
        (
            "The food bank gave out 2,300 parcels in March compared with 1,700 a year before.",
            "2,300",
            "compared with 1,700",
        ),
        (
            "Sewage ran into the river for 812 hours last year, up from 560 hours in 2023.",
            "812 hours",
            "up from 560 hours",
        ),
        (
            "Rangers counted 1,320 seal pups on the islands this winter, up from about 1,150.",
            "1,320",
            "up from about 1,150",
        ),
    ],
)
def test_a_change_is_one_figure_with_its_comparison(text: str, value: str, comparison: str) -> None:
    figures = find_key_figures(text)
    assert [f.value for f in figures] == [value]
    assert figures[0].label.endswith(comparison)


def test_figures_of_different_kinds_are_not_joined() -> None:
    figures = find_key_figures("The hall cost £4.2 million, up from a quote of 30% less.")
    assert all("30%" not in f.label for f in figures)


def test_a_comparison_in_another_clause_is_not_joined() -> None:
    text = "The school has 640 pupils; the council said it was built for 400 in 1970."
    assert all("400" not in f.label for f in find_key_figures(text))


def test_a_figure_after_its_capacity_is_measured_against_it() -> None:
    figures = find_key_figures("At the county jail a wing meant for 40 held 130 women last winter.")
    assert [f.value for f in figures] == ["130"]
    assert figures[0].label.endswith("meant for 40")


def test_a_capacity_of_something_else_is_not_joined() -> None:
    figures = find_key_figures("The hall built for 200 guests hosted 50 weddings last year.")
    assert all("200" not in f.label for f in figures)


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        ("The brewery's sales rose 9% to £23.5 million last year.", ("9%", "£23.5 million")),
        ("Ticket income was up 14% at £2.1 million.", ("14%", "£2.1 million")),
        (
            "Visits to the museum fell 18% in the first nine months of the year, to 41,000.",
            ("18%", "41,000"),
        ),
        ("Membership climbed by 300 to 4,500 after the open day.", ("300", "4,500")),
        ("The average fixed rate dropped to 4.2%, from a peak of 6.1% in June.", ("4.2%", "6.1%")),
        # a change still to come, or made by someone: "will rise by", "voted to raise ... by"
        (
            "Council tax will rise by 4.99% in April, to £2,100 for a Band D home.",
            ("4.99%", "£2,100"),
        ),
        (
            "The board voted to raise tuition by 7.5% next fall, to $13,480 a year.",
            ("7.5%", "$13,480"),
        ),
        ("The council will increase parking charges by 10%, to £3 an hour.", ("10%", "£3 an hour")),
        # a change made and done, active or passive
        ("Bus fares were cut by 10% to £1.80 on Monday.", ("10%", "£1.80")),
        ("The operator cut fares by 10p to £1.50 last week.", ("10p", "£1.50")),
        ("Fares will jump by 5% to £3.15 in May.", ("5%", "£3.15")),
    ],
)
def test_a_change_and_the_level_it_reached_are_one_figure(
    text: str, numbers: tuple[str, str]
) -> None:
    shown = [f"{f.value} {f.label}" for f in find_key_figures(text)]
    assert any(all(n in s for n in numbers) for s in shown), shown
    assert not any(s.startswith(numbers) for s in shown if not all(n in s for n in numbers))


def test_a_label_that_ends_with_the_change_verb_does_not_repeat_it() -> None:
    for text in (
        "Revenue at the port rose 7% over the year, to £48 million.",
        "Revenue rose 7% over the year, to £48 million.",
    ):
        [figure] = find_key_figures(text)
        shown = f"{figure.value} — {figure.label}"
        assert "7%" in shown and "£48 million" in shown
        assert shown.count("rose") == 1, shown


@pytest.mark.parametrize(
    "text",
    [
        # another clause, or a figure that is not where the change took its subject
        "Sales rose 9%; the firm now employs 230 people.",
        "Sales rose 9% and 230 people were hired.",
        "Fares went up 5% for 12,000 commuters.",
        # a verb that makes a change, with no "by": what was cut, then a purpose
        "The council cut 9% of posts to save 230 jobs elsewhere.",
    ],
)
def test_a_figure_after_a_change_that_is_not_its_level_stays_apart(text: str) -> None:
    shown = [f"{f.value} {f.label}" for f in find_key_figures(text)]
    assert not any(("9%" in s and "230" in s) or ("5%" in s and "12,000" in s) for s in shown)


@pytest.mark.parametrize(
    ("text", "value", "comparison"),
    [
        # a figure restated as a share
        ("The Dow fell 610 points, or 1.5%, on Friday.", "610", "or 1.5%"),
        ("The index fell 610 points (1.5%) on Friday.", "610", "(1.5%)"),
        (
            "The pension fund lost $2 million, or nearly 8%, last year.",
            "$2 million",
            "or nearly 8%",
        ),
        # a record broken and a forecast beaten are baselines
        (
            "A reading of 39.1C was taken at noon, breaking the previous high of 38.4C.",
            "39.1C",
            "breaking the previous high of 38.4C",
        ),
        (
            "The port earned $310 million, beating analysts' forecasts of $290 million.",
            "$310 million",
            "beating analysts' forecasts of $290 million",
        ),
        # a span of time between the figure and its baseline is stepped over
        (
            "The library lent 48,000 books in the first six months of the year, up from 41,000.",
            "48,000",
            "up from 41,000",
        ),
    ],
)
def test_a_share_a_record_and_a_forecast_join_the_figure(
    text: str, value: str, comparison: str
) -> None:
    figures = {f.value: f.label for f in find_key_figures(text)}
    assert figures[value].endswith(comparison), figures
    assert not any(comparison.strip("()").split()[-1] == v for v in figures)


def test_a_share_of_something_else_is_not_a_restatement() -> None:
    figures = find_key_figures("About 40 pupils were absent and 5% of staff were off sick.")
    assert all("5%" not in f.label for f in figures)


@pytest.mark.parametrize(
    ("text", "apart"),
    [
        # a place, another count, who raised it, or a range of a change to come
        ("The council voted to increase parking charges by 50p at 12 car parks.", ("50p", "12")),
        ("The operator will increase the fleet by 12 buses to 80 routes.", ("12", "80")),
        ("The issue was raised by 12 residents at 3 public meetings.", ("12", "3")),
        ("Bills will increase by 3% to 5% from April.", ("3%", "5%")),
        ("Fares are set to rise by 3% to 5%.", ("3%", "5%")),
    ],
)
def test_a_made_change_joins_no_place_count_or_range(text: str, apart: tuple[str, str]) -> None:
    shown = [f"{f.value} {f.label}" for f in find_key_figures(text)]
    assert not any(apart[0] in s and apart[1] in s for s in shown), shown


def test_a_joined_label_says_the_change_once() -> None:
    [figure] = find_key_figures("The operator cut fares by 10p to £1.50 last week.")
    assert figure.label.count("cut") == 1, figure.label


@pytest.mark.parametrize(
    ("text", "value", "comparison"),
    [
        # a comparison set off by a comma closes a long clause; the span of time between
        # is not what it compares
        (
            "A total of 4,812 patients spent more than 12 hours in the emergency department at "
            "the county hospital in October, up from 2,950 in the same month last year.",
            "4,812",
            "up from 2,950",
        ),
        # the direction said after the change, and verbs of markets
        ("Brent crude settled 3.8% higher at $84.20 a barrel.", "3.8%", "higher at $84.20"),
        ("Shares in the miner closed 12% lower at 240p.", "12%", "lower at 240p"),
        ("The dinar weakened 2.4% to 13.27 per dollar, a record low.", "2.4%", "to 13.27"),
        # the same sum in other money, or over another period
        (
            "The agency put the damage at 6.7 trillion rupiah, about $420 million.",
            "6.7 trillion rupiah",
            "about $420 million",
        ),
    ],
)
def test_a_figure_joins_what_restates_or_compares_it(
    text: str, value: str, comparison: str
) -> None:
    figures = find_key_figures(text)
    [figure] = [f for f in figures if f.value == value]
    assert figure.label.endswith(comparison)
    compared = comparison.split()[-1]  # boxed once, in the label, never on its own
    assert all(compared not in f.value for f in figures)


def test_a_sum_said_again_is_shown_as_first_said() -> None:
    text = "The bond will cost a typical home owner about $9.40 a month, or roughly $113 a year."
    [figure] = find_key_figures(text)  # the yearly sum is the likelier figure on its own
    assert figure.value == "about $9.40 a month"
    assert figure.label.endswith("or roughly $113 a year")
    [figure] = find_key_figures("It cost £5m (about $6.2m) to build the bridge.")
    assert (figure.value, figure.label) == ("£5m", "(about $6.2m)")


def test_a_second_sum_in_the_same_money_is_another_fact() -> None:
    figures = find_key_figures("The club raised £4,500 at the fair, £2,000 more than last year.")
    assert all("£2,000" not in f.label for f in figures)


def test_a_span_of_time_is_not_compared_with_a_far_bare_figure() -> None:
    text = (
        "A total of 4,812 patients spent more than 12 hours in the emergency department at "
        "the county hospital in October, up from 2,950 in the same month last year."
    )
    assert all("2,950" not in f.label for f in find_key_figures(text) if f.value != "4,812")


def test_a_named_capacity_joins_a_figure_that_names_nothing_else() -> None:
    figures = find_key_figures(
        "The jail, built for 1,000 inmates, now houses 2,400, officials said."
    )
    assert [f.value for f in figures] == ["2,400"]
    assert figures[0].label.endswith("built for 1,000")
    figures = find_key_figures("The jail was built to hold 1,000 and now houses 2,400.")
    assert [f.value for f in figures] == ["2,400"]


def test_a_named_capacity_of_something_else_is_not_joined() -> None:
    figures = find_key_figures("The hall built for 200 guests, now holds 50 weddings a year.")
    assert all("200" not in f.label for f in figures)


@pytest.mark.parametrize(
    ("text", "apart"),
    [
        # a part, a difference or another price in the same or other money
        ("Netflix will charge $15.49 a month, $2 more than before, from March.", "$2"),
        ("Parking now costs £3 an hour, £1 more than before the council's changes.", "£1"),
        ("He earns £150,000 a year, £40,000 more than the prime minister.", "£40,000"),
        ("The charity raised £500, $300 of it online.", "$300"),
        ("The fine came to 5 million pounds, £2 million of it for late filing.", "£2 million"),
        ("Tickets cost £85, or $110 for overseas fans.", "$110"),
    ],
)
def test_a_second_sum_that_is_not_the_first_again_is_not_joined(text: str, apart: str) -> None:
    figures = find_key_figures(text)
    assert all(apart not in f.label for f in figures)


def test_a_sum_over_another_period_joins_only_when_the_sums_agree() -> None:
    [figure] = find_key_figures("The levy will cost households £120 a year, or £10 a month.")
    assert figure.label.endswith("£10 a month")
    figures = find_key_figures("The levy will cost households £120 a year, or £50 a month.")
    assert all("£50" not in f.label for f in figures)


@pytest.mark.parametrize(
    ("text", "value", "comparison"),
    [
        # a span of time compared with a bare figure of its size, however far off
        (
            "The average wait for a hip operation rose to 41 weeks in England last year, "
            "up from 18 in 2019.",
            "41 weeks",
            "up from 18",
        ),
    ],
)
def test_a_span_of_time_keeps_a_bare_baseline_of_its_size(
    text: str, value: str, comparison: str
) -> None:
    [figure] = [f for f in find_key_figures(text) if f.value == value]
    assert figure.label.endswith(comparison)


@pytest.mark.parametrize(
    ("text", "compared"),
    [
        # far off, a comparison belongs to what the clause between says changed
        (
            "Police said 35 people were arrested at the match, and that the number of fans "
            "thrown out of the ground for drinking had also risen sharply, up from 12 last "
            "season.",
            "12",
        ),
        (
            "Some 300 firefighters battled the blaze at the paper mill through the night on "
            "the edge of the town, from 14 stations across the county.",
            "14",
        ),
    ],
)
def test_a_far_comparison_of_another_subject_is_not_joined(text: str, compared: str) -> None:
    figures = find_key_figures(text)
    assert all(f"from {compared}" not in f.label for f in figures)


@pytest.mark.parametrize(
    "text",
    [
        "Shares in the carrier were 2.3% lower at 0815 GMT.",
        "Footfall on the high street was 3.2% lower at 1,200 locations monitored by the group.",
        "The retailer shed 1,500 jobs at 40 stores last year.",
    ],
)
def test_a_count_after_at_that_names_another_thing_is_no_level(text: str) -> None:
    figures = find_key_figures(text)
    assert not any(" at " in f.label and f.label.split()[-1][0].isdigit() for f in figures)


@pytest.mark.parametrize(
    ("text", "capacity"),
    [
        ("The jail was built to hold 1,000 and has 300 staff.", "1,000"),
        ("The arena was built to seat 18,000 and has 60 executive boxes.", "18,000"),
    ],
)
def test_a_capacity_is_not_joined_to_a_count_of_something_else(text: str, capacity: str) -> None:
    figures = find_key_figures(text)
    assert capacity in [f.value for f in figures]
    assert all(capacity not in f.label for f in figures)


def test_a_direction_said_after_the_change_is_said_once() -> None:
    [figure] = find_key_figures("Profits came in 8% down at £312m.")
    assert figure.label == "profits came in, 8% down"


@pytest.mark.parametrize(
    ("text", "compared"),
    [
        (
            "Police made 1,240 arrests across the county last year, and the number of knife "
            "crimes reported in the town centre has trebled since the pandemic, up from 85.",
            "85",
        ),
        ("Tickets cost £50, or €40 with a railcard, the operator said.", "€40"),
        ("The service costs £9 a month, or €120, the company said.", "€120"),
    ],
)
def test_another_change_or_price_is_not_joined(text: str, compared: str) -> None:
    assert all(compared not in f.label for f in find_key_figures(text))


@pytest.mark.parametrize(
    ("text", "value", "level"),
    [
        ("The FTSE 100 closed 0.5% higher at 7,650 despite weak US data.", "7,650", "0.5%"),
        ("The index was 2% lower at 7,500 late on Friday.", "2%", "7,500"),
    ],
)
def test_a_level_after_at_followed_by_other_words_still_joins(
    text: str, value: str, level: str
) -> None:
    [figure] = [f for f in find_key_figures(text) if f.value == value]
    assert level in figure.label


def test_a_count_at_polling_stations_is_no_level() -> None:
    figures = find_key_figures("Turnout was 5% higher at 62 polling stations in the county.")
    assert all("62" not in f.label for f in figures)


@pytest.mark.parametrize(
    ("text", "value", "total"),
    [
        (
            "The storm killed 12 more people on Tuesday, bringing the death toll to 340.",
            "12",
            "bringing the death toll to 340",
        ),
        (
            "The firm will hire 250 more staff next year, taking its workforce to 700.",
            "250",
            "taking its workforce to 700",
        ),
        (
            "Out-of-state students will pay 4.2% more, which brings their tuition to $39,600.",
            "4.2%",
            "which brings their tuition to $39,600",
        ),
        (
            "Floods killed 20 more people overnight, putting the death toll at 140.",
            "20",
            "putting the death toll at 140",
        ),
    ],
)
def test_a_figure_and_the_total_it_brings_are_one_fact(text: str, value: str, total: str) -> None:
    figures = find_key_figures(text)
    # shown as first said, whichever of the two the box picked, the total in its label
    assert [(f.value, f.label.endswith(total)) for f in figures] == [(value, True)]


@pytest.mark.parametrize(
    "text",
    [
        "Police arrested 12 people at the match and took them to 3 stations in the city.",
        "The charity raised $5,000 in May, bringing the fund to 12 projects across the city.",
        "The council cut 30 posts; it is taking the budget to 4 committees next week.",
        # another act, not a total: a past verb after "and", a verb that is planned
        "The club sold 500 tickets in an hour and raised the price to $12.",
        "The board has 12 members and plans to raise fares to $3 in May.",
    ],
)
def test_a_total_of_something_else_is_not_joined(text: str) -> None:
    candidates = gather([text], labeller=label_for)
    figures = boxed(candidates, candidates)  # every figure shown, whatever the selector says
    assert len(figures) == len(candidates) == 2
    assert not any(other.value in f.label for f in figures for other in figures)


def test_a_multiple_set_off_or_after_a_linking_verb_is_a_comparison() -> None:
    for text in (
        "Thirty-one otters were found dead on roads last year, more than double the 14 "
        "recorded in 2019.",
        "Deaths on the road reached 31 last year, which was twice the 14 recorded in 2019.",
    ):
        [figure] = find_key_figures(text)
        assert figure.label.endswith("the 14")


def test_a_multiple_that_is_the_verb_is_no_comparison() -> None:
    figures = find_key_figures("The chain runs 7 stores and plans to double the 14 it had.")
    assert all("the 14" not in f.label for f in figures if f.value == "7")


def test_a_capacity_joins_occupants_described_first() -> None:
    text = "A cell meant for 35 held 155 adult males with only one toilet, the report said."
    [figure] = find_key_figures(text)
    assert (figure.value, figure.label.endswith("meant for 35")) == ("155", True)


@pytest.mark.parametrize(
    ("text", "value", "total"),
    [
        # the total's words may hold a number; a hedge may come before it
        (
            "Health officials reported 1,200 new cases, bringing the 7-day average to 900.",
            "1,200",
            "bringing the 7-day average to 900",
        ),
        (
            "The firm lost $2 billion, bringing its losses since 2021 to $9 billion.",
            "$2 billion",
            "bringing its losses since 2021 to $9 billion",
        ),
        (
            "Rescuers pulled 8 more bodies from the rubble, bringing the toll to at least 340.",
            "8",
            "bringing the toll to at least 340",
        ),
        (
            "Chelsea paid £60m for him, taking the club's spending this season past £600m.",
            "£60m",
            "taking the club's spending this season past £600m",
        ),
        (
            "The firm will hire 250 more staff and bring its workforce to 700.",
            "250",
            "bring its workforce to 700",
        ),
    ],
)
def test_a_total_is_found_past_numbers_and_hedges_in_its_words(
    text: str, value: str, total: str
) -> None:
    candidates = gather([text], labeller=label_for)
    [figure] = [f for f in boxed(candidates, candidates) if f.value == value]
    assert figure.label.endswith(total)


@pytest.mark.parametrize(
    ("text", "total"),
    [
        # two figures in the clause: neither alone brought the total there
        (
            "The ministry said 12 soldiers and 3 civilians were killed, bringing the toll to 95.",
            "95",
        ),
        ("The city hired 40 officers and 12 dispatchers, bringing the force to 1,100.", "1,100"),
        ("The ministry said 30 people were killed in 2 attacks, bringing the toll to 95.", "95"),
        (
            "The company hired 250 people, up from 180 a year earlier, bringing its staff to 700.",
            "700",
        ),
        ("The EU pledged €500m, or about $540m, bringing its total to €2bn.", "€2bn"),
        # an age; a total of another kind or unit; a total with a comparison of its own
        ("The striker, 31, scored twice, taking his tally for the club to 112.", "112"),
        ("Analysts surveyed 40 economists, putting the chance of a recession at 35%.", "35%"),
        ("Officials evacuated 3,000 residents, bringing the cost of the work to $2 million.", "$2"),
        ("The carrier flew 300 passengers, taking the plane to 40,000 feet.", "40,000"),
        ("Police detained 40 protesters, taking the group to 3 police stations.", "3"),
        ("Officials confirmed 11 new deaths, bringing the toll to 46, up from 35 on Friday.", "46"),
    ],
)
def test_a_total_not_brought_by_the_figure_stands_alone(text: str, total: str) -> None:
    candidates = gather([text], labeller=label_for)
    figures = boxed(candidates, candidates)
    assert any(f.value.startswith(total) for f in figures)  # shown, as itself
    assert not any(total in f.label for f in figures)


@pytest.mark.parametrize(
    ("text", "label"),
    [
        (
            "The ministry said 12 soldiers and 3 civilians were killed, bringing the toll to 95.",
            "toll",
        ),
        ("The company hired 250 people, up from 180, bringing its workforce to 700.", "workforce"),
        (
            "Republicans won 2 of the 3 seats, bringing their House majority to 222.",
            "House majority",
        ),
    ],
)
def test_a_total_on_its_own_is_labelled_with_what_was_brought_to_it(text: str, label: str) -> None:
    candidates = gather([text], labeller=label_for)
    [figure] = [f for f in boxed(candidates, candidates) if f.label.endswith(label)]
    assert figure.value in text


@pytest.mark.parametrize(
    "text",
    [
        "Sales were $5 million and costs were twice the $2 million budgeted.",
        "A hall built for 500 held 30 events for children last year.",
        "A jail built for 500 held 300 fewer inmates than a year ago.",
        "A prison built for 600 held 900 men and 200 women.",
    ],
)
def test_another_subject_or_only_some_occupants_are_not_compared(text: str) -> None:
    candidates = gather([text], labeller=label_for)
    figures = boxed(candidates, candidates)
    assert len(figures) == len(candidates)  # nothing joined


def test_a_capacity_may_name_its_occupants_without_a_comma() -> None:
    text = "A boat built for 40 people carried 120 Syrian refugees when it sank."
    candidates = gather([text], labeller=label_for)
    assert [(f.value, f.label.endswith("built for 40")) for f in boxed(candidates, candidates)] == [
        ("120", True)
    ]


def test_a_number_after_the_that_a_verb_follows_is_a_count() -> None:
    text = "Officials found 310 otters dead last year, up from the 140 recorded in 2019."
    [figure] = find_key_figures(text)
    assert figure.label.endswith("up from the 140")


@pytest.mark.parametrize(
    "text",
    [
        # a total smaller than what was added is of something else; "N of" names a part
        "At least 30 people died in the floods, which brought the number of disasters to 12.",
        "The army deployed 500 troops, raising concerns at 3 of the sites.",
        # fewer than the capacity: some of the occupants, not an overcrowding
        "The arena built for 20,000 fans has 12 bars serving fans.",
        "A hospital built for 200 patients took 40 patients from the flooded clinic.",
        "The jail built for 500 held 12 high-profile inmates awaiting trial.",
    ],
)
def test_a_part_or_a_smaller_count_is_not_joined(text: str) -> None:
    candidates = gather([text], labeller=label_for)
    assert len(boxed(candidates, candidates)) == len(candidates)


@pytest.mark.parametrize(
    ("text", "value", "ending"),
    [
        (
            "The striker, 31, scored 2 more goals, taking his tally for the season to 20.",
            "2",
            "taking his tally for the season to 20",
        ),
        ("A camp meant for 3,000 held 9,000 people and 400 animals.", "9,000", "meant for 3,000"),
        (
            "Health officials reported 1,200 new cases, bringing the 7-day average to 900.",
            "1,200",
            "bringing the 7-day average to 900",
        ),
    ],
)
def test_an_age_or_an_average_does_not_stop_a_join(text: str, value: str, ending: str) -> None:
    candidates = gather([text], labeller=label_for)
    [figure] = [f for f in boxed(candidates, candidates) if f.value == value]
    assert figure.label.endswith(ending)


@pytest.mark.parametrize(
    ("text", "value", "label"),
    [
        ("The Fed raised rates by a quarter point to 5.5%.", "5.5%", "rates"),
        ("Officials put the cost of the repairs at £4bn.", "£4bn", "cost of the repairs"),
    ],
)
def test_what_was_brought_to_a_total_ends_before_by(text: str, value: str, label: str) -> None:
    candidates = gather([text], labeller=label_for)
    assert [(f.value, f.label) for f in boxed(candidates, candidates)] == [(value, label)]


def test_an_age_after_at_is_not_a_total() -> None:
    for text in ("He took office at 45 in 2019.", "The veteran lifted the trophy at 38."):
        candidates = gather([text], labeller=label_for)
        assert all(f.label not in ("office", "trophy") for f in boxed(candidates, candidates))


def test_a_designation_stays_out_unless_compared() -> None:
    assert find_key_figures("The 747 landed safely with 300 passengers on board.")[0].value == "300"
    assert all(f.value != "737" for f in find_key_figures("The 737 crashed, killing 157 people."))
