"""Key figures an editor would box, on invented local stories written for these tests.

Each story lists the figures a careful editor would put in the box, written down before
the finder was tuned, and numbers that must stay out (ages, times, addresses, dates of
meetings). The finder returns at most six figures, so a story asks for most of its
expected figures, not all (half of each story's, two thirds over all of them): what is
checked is editorial judgement, not one wording.
A figure is found, as in the labelled set, when one key figure (value and label) holds
all of its numbers.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pytest

from bot.briefing.figures import find_key_figures, find_quantities
from bot.briefing.model import KeyFigure


@dataclass(frozen=True)
class Story:
    name: str
    title: str
    text: str
    expected: tuple[tuple[float, ...], ...]
    unwanted: tuple[str, ...]


SCHOOL = Story(
    "school budget",
    "Harwood schools face $4.8 million shortfall as enrolment falls",
    "Harwood's school board will have to close a $4.8 million gap in next year's budget, "
    "the district's finance director told trustees on Tuesday night. "
    "The district expects to spend $86.5 million in the 2027 school year, up from "
    "$82.1 million this year, while state aid is forecast to fall by 6 percent. "
    "Enrolment has dropped to 7,240 pupils from 8,100 five years ago, and each lost pupil "
    "costs the district about $9,300 in state funding. "
    "Superintendent Maria Okonkwo proposed cutting 42 teaching posts, most of them through "
    "retirements, and closing Elm Street Elementary, which opened in 1958. "
    "Class sizes in the early grades would rise from 22 to 25 pupils under the plan. "
    "Teachers' union president Dan Reilly said the cuts would \"hit the 1,100 children who "
    'need extra help the hardest." '
    "The board meets again on March 12 at 7 p.m. at 400 Grove Avenue, and a public hearing "
    "is scheduled for March 19. "
    "Trustees voted 5 to 2 to ask the state for an emergency loan of up to $2 million. "
    "Property taxes would rise 3.5 percent, about $118 a year for the median home, if "
    "voters approve a levy in May. "
    "The district employs 1,050 people, making it the town's second-largest employer. "
    "Board chair Lena Ford, 61, said no decision would be made before the hearing.",
    expected=((4.8e6,), (86.5e6,), (7240,), (42,), (6,), (3.5,)),
    # The learned selector fills the rest of the box with other money and changes
    # ("about $9,300", "from 22 to 25", "up to $2 million") before 42 posts or the rates.
    unwanted=("1958", "7 p.m.", "400", "61", "March 12", "March 19"),
)

HOUSING = Story(
    "housing report",
    "Rents in Calder Valley up 11% as housing waiting list passes 3,000",
    "Average rents in the Calder Valley rose 11% in the year to September, to £945 a "
    "month, according to the council's annual housing report published on Thursday. "
    "The number of households on the social housing waiting list climbed to 3,214, up "
    "from 2,650 last year, and 412 families are living in temporary accommodation. "
    "The report says the valley needs 780 new homes a year until 2035 but only 310 were "
    "completed in the past twelve months. "
    "House prices rose more slowly, by 2.4 per cent, to an average of £238,000. "
    "A first-time buyer on the median local salary of £31,500 would need about 7.6 times "
    "their income to buy an average home. "
    "The council plans to build 150 council homes on three brownfield sites over the next "
    "four years, funded by a £42m loan. "
    'Housing cabinet member Ahmed Siddiqui said the figures were "a wake-up call for all '
    'of us". '
    "Homelessness applications rose by a third, to 1,020. "
    "Private landlords have left the market too: the number of registered rented "
    "properties fell by 6% to 9,870. "
    "The report will be discussed at the housing committee on 14 November at Halifax Town "
    "Hall, 3 Crossley Street.",
    expected=((11,), (945,), (3214,), (412,), (780,), (42e6,)),
    unwanted=("3", "14 November", "twelve months"),
)

CLUB = Story(
    "sports club",
    "Riverside Rovers return to profit as membership hits record 1,850",
    "Riverside Rovers Football Club made a profit of £212,000 last season, its first "
    "surplus in six years, the club's annual report shows. "
    "Membership reached a record 1,850, up 27% on the previous season, helped by a "
    "women's team that drew average crowds of 640 to its home games. "
    "The first team finished fourth in the league with 71 points, scoring 83 goals in 38 "
    "matches. "
    "Turnover rose to £1.9 million, of which £540,000 came from the bar and function room. "
    "The club has 14 youth teams and more than 300 junior players, and plans to spend "
    "£750,000 on a new 3G pitch next summer. "
    'Chairman Gary Whitlock, 58, said the club had "turned a corner" after losing £95,000 '
    "two years ago. "
    "Season tickets will rise by £10 to £145 for adults, while under-16s will still get in "
    "free. "
    "Striker Jordan Mbeki, who scored 29 of the team's goals, has signed a new two-year "
    "contract. "
    "The annual general meeting will be held at the clubhouse on Meadow Lane at 7.30pm on "
    "3 July.",
    expected=((212_000,), (1850,), (27,), (1.9e6,), (750_000,), (145,)),
    unwanted=("3G", "58", "7.30pm", "3 July", "3"),
)

HOSPITAL = Story(
    "hospital waiting list",
    "Waiting list at Northgate hospitals reaches 64,000",
    "The number of patients waiting for planned treatment at Northgate's two hospitals "
    "has reached 64,000, the highest since records began in 2007. "
    "More than 5,200 of them have waited longer than a year, up from 3,900 in March, "
    "figures published by the health trust on Wednesday show. "
    "Only 58 per cent of patients were seen within the 18-week target, against a national "
    "standard of 92 per cent. "
    "Orthopaedics is the worst-hit specialty, with 11,400 people waiting for hip and knee "
    "operations. "
    "The trust blamed 14 days of strikes by junior doctors, which forced it to cancel "
    "3,700 operations and appointments, and a shortage of 310 nurses. "
    "It will open a £28 million surgical hub at St Anne's Hospital in the spring, with "
    "four theatres able to treat 9,000 patients a year. "
    'Chief executive Ruth Adeyemi said staff were "working flat out" and that the list '
    "should start to fall by the autumn. "
    "Patients' group Northgate Voices said one member, a 72-year-old woman, had waited 22 "
    "months for a cataract operation. "
    "A&E performance also slipped: 68% of patients were seen within four hours in "
    "October, compared with 74% a year earlier. "
    "The trust's board will discuss the figures at its meeting on 6 December.",
    expected=((64_000,), (5200,), (58,), (3700,), (28e6,), (68,)),
    unwanted=("72-year-old", "6 December", "22"),
)

STORM = Story(
    "storm",
    "Storm Hella leaves 48,000 homes without power",
    "Storm Hella brought gusts of up to 94 mph to the west coast overnight, leaving "
    "48,000 homes without power and closing more than 200 roads. "
    "The Met Office said 112mm of rain fell on Glenmoor in 24 hours, more than the area "
    "usually gets in the whole of November. "
    "Two people died: a 67-year-old man whose car was hit by a falling tree near Carrick, "
    "and a woman swept off the harbour wall at Portlea. "
    "Firefighters answered 1,340 calls between 6pm on Friday and 6am on Saturday, three "
    "times the usual number. "
    "Network operator Westgrid said 31,000 customers had been reconnected by Saturday "
    "afternoon, and it hoped to restore the rest within 48 hours. "
    "Around 160 flights were cancelled at Kellsport airport and rail services on 9 lines "
    "were suspended. "
    "Insurers estimate the damage at £85m to £120m. "
    "Eighteen flood warnings remain in place, and the Environment Agency said river "
    "levels at Abbeyford were 2.3 metres above normal. "
    "Schools in 4 council areas will stay closed on Monday. "
    "Residents can report fallen power lines on 0800 123 4567.",
    expected=((94,), (48_000,), (112,), (2,), (1340,), (85e6, 120e6)),
    # The learned selector boxes "in 24 hours" (the labelled dev articles box spans of
    # time) and "31,000 customers", and leaves 94 mph and 1,340 calls just out of six.
    unwanted=("0800", "6pm", "6am", "67-year-old", "48 hours"),
)

# Written after the first round of changes, as a check the finder had not been tuned on;
# they found three faults (a baseline read across a number, a distance read as news, a
# part and its whole split in two), which were fixed in general form.
FACTORY = Story(
    "factory closure",
    "Brookfield biscuit factory to close with loss of 430 jobs",
    "Hartley Foods will close its Brookfield biscuit factory next spring, putting 430 jobs "
    "at risk, the company said on Monday. "
    "The plant, which opened in 1962, makes about 1.2 billion biscuits a year and supplies "
    "40% of the company's own-brand range. "
    "Hartley said production costs at the site had risen by 28% in two years, and that "
    "moving work to its newer plant in Dunmore would save £14 million a year. "
    "About 150 of the staff will be offered jobs at Dunmore, 60 miles away. "
    "The GMB union said the closure would cost the local economy £35m a year and called it "
    '"a hammer blow for 900 families who depend on the site". '
    "Brookfield's MP, Sarah Lowe, said she would meet the company's chief executive on "
    "Friday. "
    "Unemployment in the town is already 6.8%, against 4.1% nationally. "
    "The council said it would set up a £500,000 fund to help workers retrain. "
    "The factory's 12-acre site could be used for up to 300 new homes, a planning "
    "consultant said. "
    "Hartley Foods, which employs 5,600 people across the UK, reported a pre-tax profit of "
    "£48.3 million last year.",
    expected=((430,), (28,), (14e6,), (150,), (35e6,), (500_000,)),
    unwanted=("1962", "60 miles", "12-acre", "4.1%"),
)

TRAMS = Story(
    "tram ridership",
    "Tram passenger numbers back above pre-pandemic levels",
    "The city's trams carried 38.6 million passengers in the year to March, up 9% on the "
    "year before and above the 37.9 million carried in 2019, figures from the transport "
    "authority show. "
    "Fare income rose to £61 million, while the council's subsidy fell by £4.5 million to "
    "£22 million. "
    "The busiest line, from Eastgate to the airport, carried 11.2 million people. "
    "Punctuality slipped, however: 86% of trams ran on time, compared with 91% the year "
    "before. "
    "The authority blamed 214 days of engineering works and a shortage of 35 drivers. "
    "Twelve new trams, costing £3.1 million each, will enter service by the summer. "
    "A single fare will rise by 10p to £2.40 in January. "
    "Passenger satisfaction stood at 78 per cent. "
    "The network has 99 stops and 64 miles of track.",
    expected=((38.6e6,), (9,), (61e6,), (22e6,), (86,), (2.40,)),
    unwanted=("91%", "99"),
)

ELECTION = Story(
    "council election",
    "Greens take control of Fenwick council",
    "The Green Party won control of Fenwick District Council for the first time on "
    "Thursday, taking 24 of the 45 seats. "
    "The Conservatives, who had run the council since 2007, fell from 26 seats to 11. "
    "Labour won 7 seats and independents 3. "
    "Turnout was 34.2%, down from 38% at the last election four years ago. "
    "The new leader, Amira Kaur, 39, said her first act would be to freeze car parking "
    "charges, which rose by 15% last year. "
    "The council faces a budget gap of £6.7 million over the next two years and has debts "
    "of £112 million. "
    "The Greens promised to plant 50,000 trees and build 400 affordable homes by 2030. "
    "Counting at the leisure centre finished at 4.15am on Friday. "
    "Former leader Tom Price lost his seat by 17 votes.",
    expected=((24,), (11,), (34.2,), (6.7e6,), (50_000,), (400,)),
    unwanted=("39", "4.15am", "38%", "2007"),
)

STORIES = (SCHOOL, HOUSING, CLUB, HOSPITAL, STORM, FACTORY, TRAMS, ELECTION)


def _numbers(figure: KeyFigure) -> list[float]:
    return [
        v for part in (figure.value, figure.label) for q in find_quantities(part) for v in q.values
    ]


def _found(expected: tuple[float, ...], figures: tuple[KeyFigure, ...]) -> bool:
    return any(
        all(any(math.isclose(n, want, rel_tol=1e-9) for n in _numbers(f)) for want in expected)
        for f in figures
    )


def found_count(story: Story) -> int:
    """How many of ``story``'s expected figures the finder boxes."""
    figures = find_key_figures(story.text, title=story.title)
    return sum(_found(expected, figures) for expected in story.expected)


@pytest.mark.parametrize("story", STORIES, ids=[s.name for s in STORIES])
def test_at_least_half_the_expected_figures_are_boxed(story: Story) -> None:
    assert found_count(story) * 2 >= len(story.expected)


def test_most_expected_figures_are_boxed_over_all_stories() -> None:
    # The box is a learned selector's call (its weights refitted as the labelled data
    # grows), so one story may lose a figure to another it also expects; over all the
    # stories, two thirds of the expected figures must be there.
    found = sum(found_count(story) for story in STORIES)
    assert found * 3 >= 2 * sum(len(story.expected) for story in STORIES)


@pytest.mark.parametrize("story", STORIES, ids=[s.name for s in STORIES])
def test_ages_times_addresses_and_meeting_dates_stay_out(story: Story) -> None:
    values = [f.value for f in find_key_figures(story.text, title=story.title)]
    for unwanted in story.unwanted:
        assert unwanted not in values


@pytest.mark.parametrize("story", STORIES, ids=[s.name for s in STORIES])
def test_at_most_six_figures_each_once(story: Story) -> None:
    figures = find_key_figures(story.text, title=story.title)
    assert 3 <= len(figures) <= 6
    readings = [tuple(q.values) for f in figures for q in find_quantities(f.value)[:1]]
    assert len(readings) == len(set(readings))
