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
    DE_VOTE_STORY,
    DE_VOTE_TITLE,
    ES_STORY,
    ES_TITLE,
    ES_VOTE_STORY,
    ES_VOTE_TITLE,
    FR_STORY,
    FR_TITLE,
    FR_VOTE_STORY,
    FR_VOTE_TITLE,
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
    assert found["2,5 millions d'euros"] == (Decimal(2_500_000), "travaux")
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
        ("fr", "Elles coûteront 2,5 millions d'euros, dont la moitié pour la région."),
    ],
)
def test_dates_times_years_names_and_unlabelled_amounts_are_not_figures(
    language: str, sentence: str
) -> None:
    assert find_local_figures(sentence, language) == ()


VOTE_STORIES = {
    "es": (ES_VOTE_TITLE, ES_VOTE_STORY),
    "fr": (FR_VOTE_TITLE, FR_VOTE_STORY),
    "de": (DE_VOTE_TITLE, DE_VOTE_STORY),
}
VOTE_BOXES = {
    "es": [
        ("13 votos a favor y 4 en contra", "reforma del mercado de abastos"),
        ("2,1 millones de euros", "reforma"),
        ("600.000 euros", "Gobierno"),
        ("48", "puestos"),
        ("9.000", "visitantes"),
        ("10 %", "alquileres de los puestos"),
    ],
    "fr": [
        ("17 voix contre 5", "agrandissement de l'école"),
        ("940 000 euros", "projet"),
        ("126", "élèves"),
        ("20 % de plus", "élèves"),
        ("3,10 €", "repas"),
        ("11 mois", "travaux"),
    ],
    "de": [
        ("19 zu 6 Stimmen", "Sanierung der Stadthalle"),
        ("3,8 Millionen Euro", "Kosten des Umbaus"),
        ("950.000 Euro", "Kreis"),
        ("40.000", "Besucher"),
        ("20 Prozent", "Mieten"),
        ("20 Monate", "Arbeiten"),
    ],
}


@pytest.mark.parametrize("code", ["es", "fr", "de"])
def test_a_council_story_boxes_its_tally_costs_shares_and_duration(code: str) -> None:
    title, story = VOTE_STORIES[code]
    brief = brief_from_text(f"{title}\n\n{story}")
    assert [(f.value.replace("\u00a0", " "), f.label) for f in brief.key_figures] == (
        VOTE_BOXES[code]
    )


def test_durations_give_way_to_money_shares_and_tallies_but_keep_reading_order() -> None:
    everything = find_local_figures(ES_VOTE_STORY, "es", limit=20)
    assert [f.text for f in everything][-1] == "16 meses"
    assert len(everything) == 7
    boxed = find_local_figures(ES_VOTE_STORY, "es", limit=6)
    assert boxed == everything[:6]
    top = find_local_figures(ES_VOTE_STORY, "es", limit=3)
    assert [f.kind for f in top] == ["tally", "money", "money"]
    assert [f.text for f in find_local_figures(ES_VOTE_STORY, "es", limit=4)][-1] == "10 %"


@pytest.mark.parametrize(
    ("language", "sentence", "value", "label"),
    [
        (
            "es",
            "El pleno aprobó por 15 votos contra 6 el presupuesto municipal.",
            "15 votos contra 6",
            "presupuesto",
        ),
        (
            "es",
            "La ordenanza salió adelante por 17 votos a favor y 4 en contra.",
            "17 votos a favor y 4 en contra",
            "votos",
        ),
        (
            "fr",
            "Le projet a été adopté par 19 voix pour et 8 contre.",
            "19 voix pour et 8 contre",
            "voix",
        ),
        (
            "fr",
            "Les élus ont voté par 25 voix contre 4 la création d'une police municipale.",
            "25 voix contre 4",
            "création d'une police",
        ),
        (
            "de",
            "Der Kreistag lehnte den Antrag mit 31 gegen 20 Stimmen ab.",
            "31 gegen 20 Stimmen",
            "Stimmen",
        ),
        ("de", "Der Haushalt wurde mit 18:7 Stimmen angenommen.", "18:7 Stimmen", "Stimmen"),
    ],
)
def test_a_vote_tally_is_one_figure(language: str, sentence: str, value: str, label: str) -> None:
    (figure,) = find_local_figures(sentence, language)
    assert (figure.text, figure.label, figure.kind) == (value, label, "tally")


@pytest.mark.parametrize(
    ("language", "sentence", "value", "label"),
    [
        (
            "es",
            "La reforma de la plaza costará 820.000 euros, según el concejal.",
            "820.000 euros",
            "reforma de la plaza",
        ),
        ("es", "El recibo del agua subirá un 6 % el año que viene.", "6 %", "recibo del agua"),
        ("fr", "Le prix du repas augmentera de 4 % le mois prochain.", "4 %", "prix du repas"),
        ("fr", "La ville versera à l'association 15 000 euros par an.", "15 000 euros", "ville"),
        (
            "de",
            "Die Gebühren für die Musikschule sollen um 6 Prozent steigen.",
            "6 Prozent",
            "Gebühren",
        ),
        (
            "de",
            "Nach Angaben der Verwaltung steigen die Gebühren um 8 Prozent.",
            "8 Prozent",
            "Gebühren",
        ),
        ("de", "Das Land zahlt dem Verein 20.000 Euro.", "20.000 Euro", "Land"),
        (
            "de",
            "Laut Krüger kommen 15 Prozent mehr Besucher als im Vorjahr.",
            "15 Prozent mehr",
            "Besucher",
        ),
        (
            "fr",
            "Les abonnés sont 3 400 abonnés, soit 12 % de moins qu'en 2022.",
            "12 % de moins",
            "abonnés",
        ),
    ],
)
def test_an_amount_without_a_noun_next_to_it_is_labelled_by_its_clause_subject(
    language: str, sentence: str, value: str, label: str
) -> None:
    found = {f.text: f.label for f in find_local_figures(sentence, language)}
    assert found[value] == label


@pytest.mark.parametrize(
    ("language", "sentence", "value", "label"),
    [
        (
            "es",
            "Las obras del puente durarán 9 meses y cortarán el tráfico.",
            "9 meses",
            "obras del puente",
        ),
        ("es", "El proyecto prevé 30 meses de obras en el casco antiguo.", "30 meses", "obras"),
        ("fr", "Le chantier du pont durera 8 mois, selon la mairie.", "8 mois", "chantier du pont"),
        ("de", "Die Arbeiten an der Brücke dauern 14 Wochen.", "14 Wochen", "Arbeiten"),
        ("de", "Geplant sind 26 Monate Bauzeit für die Halle.", "26 Monate", "Bauzeit"),
    ],
)
def test_a_duration_keeps_its_unit_and_is_labelled_by_what_lasts(
    language: str, sentence: str, value: str, label: str
) -> None:
    (figure,) = find_local_figures(sentence, language)
    assert (figure.text, figure.label, figure.kind) == (value, label, "duration")


@pytest.mark.parametrize(
    ("language", "sentence"),
    [
        ("es", "Subirán un 7 % en enero."),
        ("fr", "Elle durera 8 mois."),
        ("de", "Sie sollen 12 Prozent sparen."),
        ("de", "Insgesamt sollen 40 Prozent gespart werden."),
        ("es", "La alcaldesa tiene 58 años y gobierna desde 2019."),
        ("es", "Los vecinos de entre 18 y 35 años tendrán ayudas."),
        ("es", "La biblioteca abrirá dentro de 3 meses en el antiguo cuartel."),
        ("fr", "Il y a 10 ans, la commune comptait moins d'habitants."),
        ("fr", "Un enfant de 8 ans a été blessé rue Victor-Hugo."),
        ("fr", "La salle ouvrira dans 6 semaines après des travaux."),
        ("de", "Der Bürgermeister ist 54 Jahre alt."),
        ("de", "Vor 30 Jahren wurde die Schule eröffnet."),
        ("de", "Kinder unter 6 Jahren zahlen keinen Eintritt."),
        ("de", "Der FC gewann 3 zu 1 gegen Aue."),
        ("fr", "Le club a gagné 2 à 0 contre Vierzon samedi."),
        ("es", "Vive en la calle Mayor 12 desde hace tiempo."),
    ],
)
def test_without_a_subject_noun_or_as_an_age_a_figure_stays_out(
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
