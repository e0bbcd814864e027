"""Articles in Spanish, French, German and an unsupported language (invented stories)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from bot.briefing.figures import find_key_figures
from bot.briefing.figures.localised import find_local_figures
from bot.briefing.language import detect_language, language_name
from bot.briefing.pipeline import brief_from_html, brief_from_text
from bot.briefing.sentences import split_sentences
from bot.briefing.text import body_text
from tests.unit.briefing.stories_languages import (
    DE_STORY,
    DE_TITLE,
    ES_STORY,
    ES_TITLE,
    FR_STORY,
    FR_TITLE,
    PT_STORY,
    PT_TITLE,
)
from tests.unit.briefing.test_lead import BRIDGE_STORY, BRIDGE_TITLE

STORIES = {"es": (ES_TITLE, ES_STORY), "fr": (FR_TITLE, FR_STORY), "de": (DE_TITLE, DE_STORY)}


def _values(text: str, language: str) -> dict[str, tuple[Decimal, str]]:
    return {f.text: (f.number, f.label) for f in find_local_figures(text, language, limit=20)}


@pytest.mark.parametrize("code", ["es", "fr", "de", "pt"])
def test_each_story_is_detected_in_its_language(code: str) -> None:
    story = {"pt": PT_STORY, **{k: v[1] for k, v in STORIES.items()}}[code]
    assert detect_language(story).code == code


def test_a_confident_detection_overrides_a_template_declaration() -> None:
    assert detect_language(DE_STORY, declared="en").code == "de"


def test_spanish_numbers_are_read_with_spanish_separators() -> None:
    found = _values(ES_STORY, "es")
    assert found["12.450"] == (Decimal(12450), "habitantes")
    assert found["1.234"] == (Decimal(1234), "personas de la zona")
    assert found["12,5 %"] == (Decimal("12.5"), "subida")
    assert found["3,5 millones de euros"] == (Decimal(3_500_000), "presupuesto")
    assert found["120"] == (Decimal(120), "viviendas")


def test_french_numbers_are_read_with_any_space_as_thousands_separator() -> None:
    found = _values(FR_STORY, "fr")  # written with U+00A0 and U+202F, shown with spaces
    assert found["12 000"] == (Decimal(12000), "habitants")
    assert found["45 300"] == (Decimal(45300), "entrées")
    assert found["1,25 million d'euros"] == (Decimal(1_250_000), "subvention")
    assert found["5 %"] == (Decimal(5), "hausse")
    assert _values("La ville compte 12 000 habitants depuis le recensement.", "fr") == {
        "12 000": (Decimal(12000), "habitants")
    }


def test_german_numbers_money_and_percentages() -> None:
    found = _values(DE_STORY, "de")
    assert found["1,2 Mio. €"] == (Decimal(1_200_000), "neue Radwege")
    assert found["23.480"] == (Decimal(23480), "Einwohner")
    assert found["3.100"] == (Decimal(3100), "Radfahrer")
    assert found["18 Prozent"] == (Decimal(18), "Steigerung")


@pytest.mark.parametrize(
    ("language", "sentence"),
    [
        ("es", "Las obras empezarán el 3 de marzo en el solar de la estación."),
        ("fr", "Une réunion aura lieu le 20 février à 18 h 30 à la mairie."),
        ("de", "Die Bauarbeiten beginnen am 3. März an der Hauptstraße."),
        ("de", "Die Versammlung beginnt um 19 Uhr im Rathaus der Stadt."),
        ("es", "En 2024 la línea 12 dejó de pasar por la plaza mayor."),
        ("fr", "Les travaux coûteront 2,5 millions d'euros, dont la moitié pour la région."),
    ],
)
def test_dates_times_years_names_and_unlabelled_amounts_are_not_figures(
    language: str, sentence: str
) -> None:
    assert find_local_figures(sentence, language) == ()


def test_a_number_in_a_foreign_format_is_not_guessed() -> None:
    assert _values("El pueblo tiene 1,234.5 hectáreas de bosque protegido.", "es") == {}


@pytest.mark.parametrize("code", ["es", "fr", "de"])
def test_a_supported_article_gets_a_lead_summary_and_figures_in_its_language(code: str) -> None:
    title, story = STORIES[code]
    brief = brief_from_text(f"{title}\n\n{story}")
    assert brief.language == code
    assert brief.summary_method == "lead"
    assert brief.notice is None
    assert brief.summary == tuple(split_sentences(story)[:3])
    assert len(brief.key_figures) >= 4
    for figure in brief.key_figures:
        assert figure.value in figure.sentence
        assert figure.label in figure.sentence
        assert 1 <= len(figure.label.split()) <= 6


def test_an_unsupported_language_gets_its_lead_no_figures_and_one_sentence() -> None:
    brief = brief_from_text(f"{PT_TITLE}\n\n{PT_STORY}")
    assert brief.language == "pt"
    assert brief.key_figures == ()
    assert brief.summary == tuple(split_sentences(PT_STORY)[:3])
    assert brief.notice == (
        "Key figures are available for English, Spanish, French and German articles; "
        "this one looks like Portuguese."
    )
    assert brief.to_dict()["notice"] == brief.notice


def test_a_page_declaring_its_language_is_briefed_in_it() -> None:
    paragraphs = "".join(f"<p>{p}</p>" for p in FR_STORY.split("\n\n"))
    html = f'<html lang="fr"><head><title>{FR_TITLE}</title></head><body><article>'
    html += f"<h1>{FR_TITLE}</h1>{paragraphs}</article></body></html>"
    brief = brief_from_html(html, "https://example.org/piscine")
    assert brief.language == "fr"
    assert {"12 000", "45 300", "5 %"} <= {f.value for f in brief.key_figures}


def test_language_names_come_from_babel() -> None:
    assert language_name("ja") == "Japanese"
    assert language_name("zz") == "zz"


def test_the_page_declaration_decides_only_when_the_text_does_not() -> None:
    assert detect_language("", declared="fr").code == "fr"
    assert detect_language("Hola", declared="es").code == "es"


def test_an_english_article_is_briefed_as_before() -> None:
    brief = brief_from_text(f"{BRIDGE_TITLE}\n\n{BRIDGE_STORY}")
    body = body_text(brief.text)
    assert brief.language == "en" and brief.notice is None
    assert brief.key_figures == find_key_figures(body, title=BRIDGE_TITLE)
    assert "£640,000" in {f.value for f in brief.key_figures}
