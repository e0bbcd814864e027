"""The key-figure report of benchmarks/quality.py (benchmarks/_figure_report.py): totals
per half and source, the editor's set, and details for the dev half only."""

from __future__ import annotations

from benchmarks._figure_report import figure_report, figure_totals, label_totals, score_article
from benchmarks._figure_scoring import shares_a_word
from benchmarks._labels import LabelledArticle, LabelledFigure
from benchmarks.labels.split import Half
from bot.briefing import Brief
from bot.briefing.model import KeyFigure


def _article(
    article_id: str,
    half: Half,
    numbers: list[tuple[float, ...]],
    *,
    source: str = "extraction",
    file: str = "figures-a.json",
) -> LabelledArticle:
    figures = tuple(LabelledFigure(n, f"label {i}") for i, n in enumerate(numbers))
    return LabelledArticle(article_id, source, "a topic", figures, half, file)


def _brief(*figures: tuple[str, str]) -> Brief:
    key_figures = tuple(KeyFigure(value, label, "") for value, label in figures)
    return Brief(title="t", text="x", summary=(), key_figures=key_figures)


def test_one_article_names_what_was_missed_and_not_wanted() -> None:
    article = _article("a1", "dev", [(13.0,), (2000.0, 1100.0), (5.0,)])
    brief = _brief(("13th", "stage win"), ("from 2,000 to 1,100", "jobs"), ("77lb", "dog"))
    row = score_article(article, brief)
    assert (row["labelled"], row["found"], row["produced"], row["useful"]) == (3, 2, 3, 2)
    assert row["missed"] == ["label 2 [5.0]"]
    assert row["unwanted"] == ["77lb — dog"]
    assert row["no_brief"] == 0


def test_labels_are_counted_empty_one_word_and_sharing_a_word_with_ours() -> None:
    figures = (
        LabelledFigure((340.0,), "death toll"),
        LabelledFigure((12.0,), "jobs cut"),
        LabelledFigure((7.0,), "stores"),
    )
    article = LabelledArticle("a1", "extraction", "a topic", figures, "dev", "figures-a.json")
    brief = _brief(("340", "deaths"), ("12", "posts lost"), ("7", ""), ("9", "minutes"))
    row = score_article(article, brief)
    assert (row["label_empty"], row["label_one_word"], row["label_shares_our_word"]) == (1, 2, 1)
    assert label_totals([row]) == {
        "empty": 0.25,
        "one_word": 0.5,
        "found_sharing_a_word_with_ours": round(1 / 3, 3),
    }
    # a figure is paired with the box figure whose value holds it before one whose label does
    ours = (LabelledFigure((6e6,), "predecessor's pay"),)
    article = LabelledArticle("a2", "extraction", "a topic", ours, "dev", "figures-a.json")
    brief = _brief(("$3 million", "half the $6 million"), ("$6 million", "predecessor's pay"))
    assert score_article(article, brief)["label_shares_our_word"] == 1
    assert shares_a_word("Jobs cut at the plant", "jobs")
    assert not shares_a_word("people killed", "deaths")


def test_no_brief_costs_recall_only() -> None:
    row = score_article(_article("a1", "dev", [(1.0,)]), None)
    assert (row["found"], row["produced"], row["no_brief"]) == (0, 0, 1)
    totals = figure_totals([row])
    assert totals["recall"] == 0.0
    assert totals["precision"] is None and totals["f1"] is None


def test_an_article_with_nothing_to_box_makes_every_figure_unwanted() -> None:
    row = score_article(_article("a1", "dev", []), _brief(("12", "minutes")))
    assert (row["labelled"], row["produced"], row["useful"]) == (0, 1, 0)


def test_report_gives_halves_sources_editor_set_and_dev_details_only() -> None:
    articles = [
        _article("dev-page", "dev", [(1.0,), (2.0,)]),
        _article("held-page", "heldout", [(3.0,)]),
        _article("held-sum", "heldout", [(4.0,)], source="summaries", file="figures-b.json"),
        _article("seed", "heldout", [(5.0,)], source="seed", file="labels.json"),
    ]
    briefs = {
        "dev-page": _brief(("1", "one"), ("9", "nine")),
        "held-page": _brief(("3", "three")),
        "held-sum": _brief(("8", "eight")),
        "seed": _brief(("5", "five")),
    }
    report = figure_report(articles, lambda a: briefs[a.id])
    assert report["dev"]["recall"] == 0.5 and report["dev"]["precision"] == 0.5
    assert report["heldout"]["articles"] == 3
    assert report["heldout"]["recall"] == round(2 / 3, 3)
    assert report["heldout"]["by_source"]["summaries"]["found"] == 0
    assert report["editor_set"]["articles"] == 1
    assert report["editor_set"]["halves"] == ["heldout"]
    assert list(report["dev_per_article"]) == ["extraction:dev-page"]
    assert "held" not in str(report["dev_per_article"])


def test_one_half_leaves_the_other_unscored() -> None:
    articles = [_article("d", "dev", [(1.0,)]), _article("h", "heldout", [(2.0,)])]
    asked: list[str] = []

    def brief_for(article: LabelledArticle) -> Brief:
        asked.append(article.id)
        return _brief()

    heldout = figure_report(articles, brief_for, ("heldout",))
    assert asked == ["h"]
    assert set(heldout) == {"heldout"}
    dev = figure_report(articles, brief_for, ("dev",))
    assert set(dev) == {"dev", "dev_per_article"}
