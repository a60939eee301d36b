"""detect_language: ISO 639-1 codes, English by its function words, the rest from py3langid; None
for too little text."""

from __future__ import annotations

import pytest

from detente.clean import detect_language
from detente.clean.language import ENGLISH_SHARE, english_share

ENGLISH = (
    "The foreign ministers of the two countries said on Monday that they would resume talks on "
    "the disputed border next month, and that their governments had agreed to exchange "
    "prisoners before the talks."
)
# the same news in other languages written in Latin letters: none passes for English
OTHERS = {
    "de": "Die Außenminister der beiden Länder sagten am Montag, sie würden die Gespräche über "
    "die umstrittene Grenze im nächsten Monat wieder aufnehmen und ihre Regierungen hätten "
    "vereinbart, vor den Gesprächen Gefangene auszutauschen.",
    "fr": "Les ministres des affaires étrangères des deux pays ont déclaré lundi qu'ils "
    "reprendraient le mois prochain les pourparlers sur la frontière contestée et que leurs "
    "gouvernements avaient convenu d'échanger des prisonniers avant les pourparlers.",
    "es": "Los ministros de Asuntos Exteriores de los dos países dijeron el lunes que "
    "reanudarían el próximo mes las conversaciones sobre la frontera en disputa y que sus "
    "gobiernos habían acordado intercambiar prisioneros antes de las conversaciones.",
    "it": "I ministri degli esteri dei due paesi hanno detto lunedì che riprenderanno il mese "
    "prossimo i colloqui sul confine conteso e che i loro governi hanno concordato di "
    "scambiare prigionieri prima dei colloqui.",
    "pl": "Ministrowie spraw zagranicznych obu krajów powiedzieli w poniedziałek, że w przyszłym "
    "miesiącu wznowią rozmowy o spornej granicy i że ich rządy zgodziły się wymienić więźniów "
    "przed rozmowami, co ma być pierwszym krokiem do porozumienia.",
    "da": "Udenrigsministrene for de to lande sagde mandag, at de vil genoptage forhandlingerne "
    "om den omstridte grænse i næste måned, og at deres regeringer har aftalt at udveksle "
    "fanger før forhandlingerne.",
    "nl": "De ministers van Buitenlandse Zaken van de twee landen zeiden maandag dat zij de "
    "gesprekken over de betwiste grens volgende maand zouden hervatten en dat hun regeringen "
    "waren overeengekomen om voor de gesprekken gevangenen uit te wisselen.",
}


def test_clean_language_english_without_the_model_and_german_with_it() -> None:
    assert english_share(ENGLISH) >= ENGLISH_SHARE
    assert detect_language(ENGLISH) == "en"
    assert detect_language("The ministers agreed to resume talks on the border next month.") == "en"
    german = (
        "Die Minister haben sich darauf geeinigt, die Gespräche im nächsten Monat fortzusetzen."
    )
    assert detect_language(german) == "de"


@pytest.mark.parametrize("language", sorted(OTHERS))
def test_clean_language_other_latin_script_languages_go_to_the_model(language: str) -> None:
    assert english_share(OTHERS[language]) < ENGLISH_SHARE / 2
    assert detect_language(OTHERS[language]) == language


def test_clean_language_too_short_is_none() -> None:
    assert detect_language("OK") is None
    assert detect_language("12 34 56 -- 78") is None


def test_clean_language_few_words_have_no_share() -> None:
    assert english_share("the of and to that for with was by from") == 0.0
