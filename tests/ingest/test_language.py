"""The language of an article, told from its own words, offline."""

from __future__ import annotations

import pytest

from briefgen.ingest import RawInput, read_raw
from briefgen.ingest.language import detect_language
from tests.conftest import EVAL, needs_eval


@pytest.mark.parametrize(
    ("text", "code"),
    [
        (
            "The government said on Monday that the talks with its neighbours would resume "
            "in the spring, and that it had been asked to send a delegation.",
            "en",
        ),
        (
            "Die Regierung teilte am Montag mit, dass die Gespräche mit den Nachbarn im "
            "Frühjahr wieder aufgenommen werden, und sie sei um eine Delegation gebeten worden.",
            "de",
        ),
        (
            "O governo disse na segunda-feira que as negociações com os vizinhos serão "
            "retomadas na primavera, e que foi pedido para enviar uma delegação.",
            "pt",
        ),
        (
            "Il governo ha detto lunedì che i colloqui con i vicini riprenderanno in primavera "
            "e che gli è stato chiesto di inviare una delegazione.",
            "it",
        ),
        (
            "Le gouvernement a déclaré lundi que les pourparlers avec ses voisins reprendraient "
            "au printemps, et qu'il avait été invité à envoyer une délégation.",
            "fr",
        ),
        (
            "El gobierno dijo el lunes que las conversaciones con sus vecinos se reanudarán en "
            "primavera, y que se le pidió enviar una delegación.",
            "es",
        ),
        ("Η κυβέρνηση δήλωσε τη Δευτέρα ότι οι συνομιλίες θα συνεχιστούν την άνοιξη.", "el"),
        ("Правительство заявило в понедельник, что переговоры возобновятся весной.", "ru"),
        ("Уряд заявив у понеділок, що переговори відновляться навесні.", "uk"),
        ("政府は月曜日、隣国との協議を春に再開すると発表した。", "ja"),
        ("Troops moved.", ""),  # too short to tell
        # A price table repeats one short word; it is in no language.
        (
            "Velmar rapeseed - spot 0.35 over, June 0.20 over, July 0.15 over, August "
            "0.10 over, September 0.05 over.",
            "",
        ),
        ("Soy meal (per tonne) 210 per tonne; pellets 190 per tonne; hulls 95 per tonne.", ""),
        (
            "De regering zei maandag dat de gesprekken met de buren in het voorjaar worden "
            "hervat, en dat zij is gevraagd een delegatie te sturen.",
            "nl",
        ),
    ],
)
def test_languages_are_told_apart(text: str, code: str) -> None:
    assert detect_language(text) == code


FEED = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Notícias</title><link>https://noticias.example/</link>
<item><title>Governo anuncia plano</title><link>https://noticias.example/1</link>
<description>O governo anunciou nesta segunda-feira um plano para a economia, que deve
ser votado pelo congresso antes do fim do ano, segundo o ministro.</description></item>
<item><title>Chuva forte</title><link>https://noticias.example/2</link>
<description>Chuva forte atinge Recife.</description></item>
</channel></rss>"""


def test_an_item_too_short_to_tell_takes_the_language_of_its_feed() -> None:
    articles = read_raw(RawInput(name="news.rss", data=FEED.encode("utf-8")))
    assert [a.language for a in articles] == ["pt", "pt"]


@needs_eval()
def test_the_german_and_portuguese_feeds_are_found_out() -> None:
    from briefgen.ingest import load_file

    for name, code in (("heise_de.atom", "de"), ("uol_noticias_pt.rss", "pt")):
        articles = read_raw(load_file(EVAL / "feeds" / name, 20_000_000))
        assert {a.language for a in articles} == {code}, name
    english = read_raw(load_file(EVAL / "feeds" / "nyt_worldnews_2024-08-08.rss", 20_000_000))
    assert {a.language for a in english} == {"en"}
