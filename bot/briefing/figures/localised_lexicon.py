"""Per-language words for :mod:`bot.briefing.figures.localised` (Spanish, French, German).

Short hand-made lists, not dictionaries: what a number's unit may be, which words around
it make it a date, a time or an identifier, and which little words end or join the noun
phrase that says what it counts.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["LEXICONS", "Lexicon"]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


@dataclass(frozen=True, slots=True)
class Lexicon:
    locale: str
    separators: str
    """Characters that may group thousands in this language ("1.234", "12 000")."""
    scales: tuple[str, ...]
    """Regex alternatives for million/billion words after a number, longest first."""
    currencies: tuple[str, ...]
    """Regex alternatives for a currency after a number (with its "de"/"d'")."""
    percent_words: tuple[str, ...]
    months: frozenset[str]
    time_words: frozenset[str]
    """A number followed by one of these is a time of day ("18 Uhr", "18 h 30")."""
    identifier_words: frozenset[str]
    """A number after one of these is a name, not a quantity ("Linie 12", "article 3")."""
    articles: frozenset[str]
    links: frozenset[str]
    """Prepositions between an amount and what it is for ("1 Mio. € für ...")."""
    joins: frozenset[str]
    """Words that join two nouns inside a label ("reforma del mercado")."""
    before: frozenset[str]
    """Prepositions between a noun and its amount ("una subida del 12 %")."""
    stops: frozenset[str]
    """Words that never belong in a label: pronouns, conjunctions, common verbs."""
    adjectives: frozenset[str]
    """Adjectives that come before the noun ("nuevas viviendas")."""
    determiners: frozenset[str]
    """Possessives and demonstratives that open a noun phrase like an article."""
    prepositions: frozenset[str]
    """A noun phrase after one of these is no clause subject ("a la asociación")."""
    clause_words: frozenset[str]
    """Words that open a clause: a figure's subject is not looked for past them."""
    restates: frozenset[str]
    """A figure after one of these restates the one before it ("…, soit 18 %")."""
    comparatives: tuple[str, ...]
    """Regex alternatives after a share or amount that belong in its value ("18 % de plus")."""
    vote_nouns: tuple[str, ...]
    """Regex alternatives for the votes of a tally ("Stimmen", "voix", "votos")."""
    versus: tuple[str, ...]
    """Regex alternatives, with their spaces, between a tally's two numbers ("23 zu 9")."""
    for_against: tuple[str, str] | None
    """Regexes for "in favour" and "against" in "15 votos a favor y 6 en contra"."""
    duration_units: frozenset[str]
    """Units that make a count a duration ("26 Monate", "14 mois"), lower-cased."""
    duration_blocks: frozenset[str]
    """Words (or two-word phrases) before a number that make a duration an age or a
    point in time ("hace 10 años", "il y a 3 ans", "vor 10 Jahren", "de 35 años")."""
    more_less: frozenset[str]
    """Words before "de" that keep a duration one ("más de 18 meses")."""
    age_after: str
    """Regex after a duration's unit that makes it an age ("58 Jahre alt")."""
    object_articles: frozenset[str] = frozenset()
    """Articles that only open an object ("dem Verein"), never the subject."""
    nouns_capitalised: bool = False
    """German: a label needs a capitalised noun, its adjectives come first."""


_ES_STOPS = """y o u e ni pero que quien cuyo como cuando donde porque aunque si no se lo le les
    es son fue fueron era eran ha han había habían será serán está están estaba estaban
    hay tiene tienen tenía dijo según más menos muy ya también ese esa esos esas este esta
    estos estas ello ellos ellas él ella su sus sobre entre hasta desde hacia tras con sin
    por para en a al unos unas uno hace cada todo todos después antes durante
    alrededor casi unas próximo próxima próximos próximas pasado pasada"""
_FR_STOPS = """et ou ni mais que qui dont où comme quand lorsque parce si ne pas se sa son ses
    leur leurs est sont était étaient a ont avait avaient sera seront fut été être avoir
    il elle ils elles on y en plus moins très déjà aussi ce cet cette ces ceci cela selon
    sur sous entre jusqu depuis vers avec sans par pour dans à au aux chaque tout tous
    après avant chez contre environ près soit prochain prochaine prochains prochaines"""
_DE_STOPS = """und oder aber denn sondern dass weil wenn als wie ob nicht kein keine keinen
    ist sind war waren wird werden wurde wurden hat haben hatte hatten sein soll sollen
    kann können muss müssen er sie es man wir ihr sich sein seine ihre ihren dieser diese
    dieses jeder jede alle mehr weniger sehr schon auch noch nur laut bis seit mit ohne
    durch gegen um zu vom zum zur im am beim aus nach bei von für auf über unter vor
    etwa rund fast knapp"""

LEXICONS: dict[str, Lexicon] = {
    "es": Lexicon(
        locale="es_ES",
        separators=".\u00a0\u202f ",
        scales=("mil millones", "millones", "millón", "mil"),
        currencies=(r"(?:de\s+)?(?:euros?|dólares|pesos|libras)", "€", r"\$"),
        percent_words=("por ciento",),
        months=_words(
            "enero febrero marzo abril mayo junio julio agosto septiembre setiembre "
            "octubre noviembre diciembre"
        ),
        time_words=_words("h horas:"),
        identifier_words=_words("línea número nº n.º artículo página calle avenida km ruta"),
        articles=_words("el la los las un una unos unas"),
        links=_words("para en de"),
        joins=_words("de del"),
        before=_words("de del en"),
        stops=_words(_ES_STOPS),
        adjectives=_words(
            "nuevo nuevos nueva nuevas gran grandes pequeños pequeñas primeros primeras "
            "últimos últimas otros otras jóvenes"
        ),
        determiners=_words("su sus este esta estos estas ese esa esos esas nuestro nuestra"),
        prepositions=_words(
            "a al de del en con por para sin sobre entre hasta desde hacia tras según ante bajo"
        ),
        clause_words=_words(
            "que quien quienes cuyo cuya donde cuando porque aunque si mientras pero sino"
        ),
        restates=_words("decir sea"),
        comparatives=("más", "menos"),
        vote_nouns=("votos",),
        versus=(r"\s+contra\s+", r"\s+frente\s+a\s+"),
        for_against=(r"a\s+favor", r"en\s+contra"),
        duration_units=_words(
            "año años mes meses semana semanas día días hora horas minuto minutos"
        ),
        duration_blocks=_words("hace de cada tiene tienen tenía cumple cumplió cumplirá dentro"),
        more_less=_words("más menos"),
        age_after=r"de\s+edad",
    ),
    "fr": Lexicon(
        locale="fr_FR",
        separators="\u00a0\u202f ",
        scales=("milliards", "milliard", "millions", "million"),
        currencies=(r"(?:d['’]\s*)?(?:euros?|dollars?|francs?|livres?)", "€", r"\$"),
        percent_words=("pour cent",),
        months=_words(
            "janvier février mars avril mai juin juillet août septembre octobre novembre décembre"
        ),
        time_words=_words("h heures:"),
        identifier_words=_words("ligne numéro n° no article page rue avenue km route"),
        articles=_words("le la les l un une des du"),
        links=_words("pour en de"),
        joins=_words("de du des d"),
        before=_words("de d"),
        stops=_words(_FR_STOPS),
        adjectives=_words(
            "nouveau nouveaux nouvel nouvelle nouvelles grand grands grande grandes petit "
            "petits petite petites premiers premières derniers dernières autres jeunes"
        ),
        determiners=_words("sa son ses leur leurs ce cet cette ces notre nos"),
        prepositions=_words(
            "à au aux de du des d en dans par pour sur sous avec sans entre vers chez contre "
            "selon depuis"
        ),
        clause_words=_words(
            "que qu qui dont où quand lorsque lorsqu parce si mais car puisque tandis"
        ),
        restates=_words("soit"),
        comparatives=("de plus", "de moins", "en plus", "en moins"),
        vote_nouns=("voix", "votes", "suffrages"),
        versus=(r"\s+contre\s+",),
        for_against=(r"pour", r"contre"),
        duration_units=_words(
            "an ans année années mois semaine semaines jour jours heure heures minute minutes"
        ),
        duration_blocks=frozenset({"a", "ont", "de", "d", "dans", "chaque", "tous les"}),
        more_less=_words("plus moins"),
        age_after=r"d['’]\s*âge",
    ),
    "de": Lexicon(
        locale="de_DE",
        separators=".\u00a0\u202f ",
        scales=("Milliarden", "Milliarde", "Millionen", "Million", r"Mrd\.", r"Mio\.", r"Tsd\."),
        currencies=(r"Euro", "EUR", "€", r"Dollar", r"Franken", r"\$"),
        percent_words=("Prozent",),
        months=_words(
            "Januar Jänner Februar März April Mai Juni Juli August September Oktober "
            "November Dezember"
        ),
        time_words=_words("Uhr h:"),
        identifier_words=_words("Linie Nummer Nr. Artikel Seite Straße Platz Gleis km Paragraf §"),
        articles=_words("der die das den dem des ein eine einen einem einer eines"),
        links=_words("für in an"),
        joins=_words("der des eines einer"),
        before=_words("von um"),
        stops=_words(_DE_STOPS),
        adjectives=frozenset(),
        determiners=_words(
            "sein seine seinen seiner ihr ihre ihren ihrer dieser diese dieses diesen unser unsere"
        ),
        prepositions=_words(
            "von vom mit bei beim nach aus zu zum zur in im an am auf über unter vor hinter "
            "für gegen durch ohne um seit während wegen laut"
        ),
        clause_words=_words(
            "dass weil wenn ob obwohl während aber sondern denn nachdem bevor damit sodass"
        ),
        restates=_words("also"),
        comparatives=("mehr", "weniger"),
        vote_nouns=("Stimmen", "Gegenstimmen"),
        versus=(r"\s+zu\s+", r"\s+gegen\s+", r"\s*:\s*"),
        for_against=None,
        duration_units=_words(
            "jahr jahre jahren monat monate monaten woche wochen tag tage tagen stunde "
            "stunden minute minuten"
        ),
        duration_blocks=_words("vor in alle unter über von nach innerhalb binnen"),
        more_less=frozenset(),
        age_after=r"alte?[nrs]?",
        object_articles=_words("dem einem"),
        nouns_capitalised=True,
    ),
}
