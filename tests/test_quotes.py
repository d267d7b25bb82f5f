"""Key quotes: verbatim text, the right speaker and role, or nothing."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from briefgen.models import Article, Quote, Source
from briefgen.quotes import extract_quotes, rank_quotes

SEED = Path("/work/shared/seeds/000_6bd51de1e3e79a74.txt")


def _article(*paragraphs: str, outlet: str = "Daily Courier") -> tuple[Article, Source]:
    article = Article(
        title="Test story",
        paragraphs=paragraphs,
        published=datetime(2018, 3, 1, 9, 0),
        outlet=outlet,
        url=f"https://example.org/{outlet}/{len(paragraphs)}",
    )
    source = Source(article.id, article.title, outlet, article.url, article.published)
    return article, source


def _quotes(*paragraphs: str) -> list[Quote]:
    article, source = _article(*paragraphs)
    quotes = extract_quotes(article, source)
    for quote in quotes:
        assert quote.text in article.text, quote.text
        assert quote.source == source
    return quotes


def _by_speaker(quotes: list[Quote]) -> dict[str, list[Quote]]:
    out: dict[str, list[Quote]] = {}
    for quote in quotes:
        out.setdefault(quote.speaker, []).append(quote)
    return out


def test_quote_then_name_said() -> None:
    (quote,) = _quotes(
        '"We will not accept any new tariffs on our steel exports," Anna Lindqvist said.'
    )
    assert quote.text == "We will not accept any new tariffs on our steel exports"
    assert quote.speaker == "Anna Lindqvist"
    assert quote.role is None


def test_quote_then_said_name_with_appositive_role() -> None:
    (quote,) = _quotes(
        '"The talks have reached a dead end for now," said Pedro Alvarez, '
        "chief executive of Ferrovia Norte."
    )
    assert quote.speaker == "Pedro Alvarez"
    assert quote.role == "chief executive of Ferrovia Norte"


TARIFF = '"The tariff on Nordvik steel will stay until the talks end."'
SAID = '"The tariff on Nordvik steel will stay until the talks end,"'


@pytest.mark.parametrize(
    ("text", "role"),
    [
        # "and" inside a body's name belongs to the title.
        (
            f"Velmar Ways and Means Committee Chairman Ben Okafor said: {TARIFF}",
            "Velmar Ways and Means Committee Chairman",
        ),
        # Not between two people, nor the day it was said.
        (f"Senators Ann Kessel and Senator Ben Okafor said: {TARIFF}", "Senator"),
        (f"On Tuesday Velmar Trade Minister Ben Okafor said: {TARIFF}", "Velmar Trade Minister"),
        # A title after the name ends before "said", and not half-way through a name.
        (f"{SAID} said Ben Okafor, president of VTA said.", "president of VTA"),
        (f"{SAID} said Ben Okafor, director of U.S. trade policy.", "director"),
        (f"{SAID} said Ben Okafor, oil analyst with Robert W. Kessel Inc.", "oil analyst"),
        # What a minister or an analyst is for is part of the title.
        (f"Velmar oil minister Ben Okafor said: {TARIFF}", "Velmar oil minister"),
        (f"Velmar Bank board chairman Ben Okafor said: {TARIFF}", "Velmar Bank board chairman"),
        (
            f"Nordvik Agriculture Undersecretary Ben Okafor said: {TARIFF}",
            "Nordvik Agriculture Undersecretary",
        ),
        # A Gulf name's style is not the end of the title before it.
        (f"Velmar oil minister Sheikh Ben Okafor said: {TARIFF}", "Velmar oil minister"),
    ],
)
def test_a_title_is_read_whole(text: str, role: str) -> None:
    (quote,) = _quotes(text)
    assert (quote.speaker, quote.role) == ("Ben Okafor", role)


def test_quote_run_on_then_title_and_name() -> None:
    (quote,) = _quotes(
        '"The border incursion is a grave provocation" to Estonia, prime minister '
        "Kaja Rinne told parliament on Monday."
    )
    assert quote.text == "The border incursion is a grave provocation"
    assert (quote.speaker, quote.role) == ("Kaja Rinne", "prime minister")


def test_honorific_resolves_to_full_name_and_role() -> None:
    quotes = _quotes(
        "Canadian foreign minister Claire Dubois arrived in Seoul on Tuesday.",
        'Ms Dubois added: "Our two countries share a firm commitment to open sea lanes."',
    )
    (quote,) = quotes
    assert quote.text == "Our two countries share a firm commitment to open sea lanes."
    assert (quote.speaker, quote.role) == ("Claire Dubois", "Canadian foreign minister")


def test_preceding_title_phrase_with_demonym() -> None:
    (quote,) = _quotes(
        "Asked about the drills, Chinese foreign ministry spokeswoman Li Meiling said "
        'the exercise was routine. "We urge all parties to refrain from provocative acts," '
        "she told a news briefing."
    )
    assert quote.speaker == "Li Meiling"
    assert quote.role is not None and "spokeswoman" in quote.role


def test_pronoun_resolves_to_the_one_person_of_the_sentence_before() -> None:
    (quote,) = _quotes(
        "Trade envoy Tomas Berg met farmers in the north.",
        '"Nobody will lose their market access because of this agreement," he said.',
    )
    assert (quote.speaker, quote.role) == ("Tomas Berg", "Trade envoy")


def test_pronoun_is_dropped_when_two_people_could_be_meant() -> None:
    quotes = _quotes(
        "Defence minister Karl Nyberg met army chief Lars Holm on Friday.",
        '"The northern brigade will be ready before the year is out," he said.',
    )
    assert quotes == []


def test_pronoun_gender_picks_between_two_people() -> None:
    (quote,) = _quotes(
        "Ms Okafor, the trade secretary, met Mr Brandt on Friday.",
        '"We want a deal that protects our car industry," she said.',
    )
    assert quote.speaker == "Ms Okafor"


def test_pronoun_does_not_reach_back_two_paragraphs() -> None:
    quotes = _quotes(
        "President Elena Marsh flew to Geneva.",
        "The summit opened with a minute of silence.",
        '"This summit must end with a binding agreement on emissions," she said.',
    )
    assert quotes == []


def test_organisation_noun_resolves_to_the_subject_named_before() -> None:
    (quote,) = _quotes(
        "The Northern Herald, a sister paper of the Morning Daily, criticised the plan. "
        '"The government does not understand how ports actually work," the newspaper said.'
    )
    assert quote.speaker == "The Northern Herald"
    assert quote.role is None


def test_organisation_noun_without_an_organisation_is_dropped() -> None:
    quotes = _quotes(
        'Officials met in the capital. "Nothing has been agreed until everything is agreed," '
        "the newspaper said."
    )
    assert quotes == []


def test_unattributed_and_unclear_quotes_are_dropped() -> None:
    quotes = _quotes(
        'Diplomats described the mood as "tense but cordial" at the start of the talks.',
        '"We expect a statement within the next few days," officials said.',
        '"A ceasefire could hold if both sides pull back their heavy weapons."',
    )
    assert quotes == []


def test_short_and_scare_quotes_are_not_key_quotes() -> None:
    quotes = _quotes(
        'The minister accused rivals of "showing off," Sara Quist said.',
        '"Absolutely not," Sara Quist said.',
        'Analysts said the plan was "a dangerous gamble with public money," Sara Quist said.',
    )
    assert quotes == []


def test_a_quote_that_answers_what_was_said_before_is_no_key_quote() -> None:
    quotes = _quotes(
        '"But that is fine; a handshake between the two leaders means a lot," Sara Quist '
        "said. "
        '"And the talks on the strait will resume in Lisbon next week," Jon Falk said. '
        '"That is a graphic demonstration of how the markets fear the strait," Ann Lee said. '
        '"They are trying to build a new axis of developing nations," Tom Roe said.'
    )
    assert quotes == []
    (quote,) = _quotes(
        '"He (Okafor) simply told us he was not in a position to talk," Tom Roe said.'
    )
    assert quote.text.startswith("He (Okafor)")
    quotes = _quotes('"The talks on the strait will resume in Lisbon next week," Jon Falk said.')
    assert [q.text for q in quotes] == ["The talks on the strait will resume in Lisbon next week"]


@pytest.mark.parametrize(
    ("text", "speaker", "role"),
    [
        (
            '"The markets picked up the wrong end of the stick," Chancellor of the Exchequer '
            "Jon Falk said.",
            "Jon Falk",
            "Chancellor of the Exchequer",
        ),
        (
            '"The markets picked up the wrong end of the stick," said Chancellor of the '
            "Exchequer Jon Falk.",
            "Jon Falk",
            "Chancellor of the Exchequer",
        ),
        (
            '"The ministers will discuss the strait in Lisbon," White House Chief of Staff '
            "Sara Quist said.",
            "Sara Quist",
            "White House Chief of Staff",
        ),
        (
            '"Rates will stay where they are for now," said Bank of Velmar Governor Ann Lee.',
            "Ann Lee",
            "Bank of Velmar Governor",
        ),
        (
            '"Rates will stay where they are for now," said Secretary of the Treasury Ann Lee.',
            "Ann Lee",
            "Secretary of the Treasury",
        ),
    ],
)
def test_an_office_named_with_of_is_the_speakers_title(text: str, speaker: str, role: str) -> None:
    (quote,) = _quotes(text)
    assert (quote.speaker, quote.role) == (speaker, role)


def test_the_seat_of_a_government_speaks_under_its_own_name() -> None:
    (quote,) = _quotes(
        '"The postponement makes room in the president\'s schedule today," the White House said.'
    )
    assert quote.speaker == "White House"
    (quote,) = _quotes('"The talks will resume in Lisbon next week," the European Union said.')
    assert quote.speaker == "European Union"


def test_continuation_quote_keeps_the_speaker() -> None:
    quotes = _quotes(
        '"Our navy will patrol the strait every week," Admiral Jon Falk told reporters. '
        '"We will not be intimidated by these manoeuvres."'
    )
    assert [q.text for q in quotes] == [
        "Our navy will patrol the strait every week",
        "We will not be intimidated by these manoeuvres.",
    ]
    assert {q.speaker for q in quotes} == {"Jon Falk"}


def test_curly_quotes_and_apostrophes() -> None:
    (quote,) = _quotes("“Britain’s exit will not change our investment plans,” Mr Sato said.")
    assert quote.text == "Britain’s exit will not change our investment plans"
    assert quote.speaker == "Mr Sato"


def test_single_curly_quotes() -> None:
    (quote,) = _quotes("‘The sanctions are hurting ordinary families the most,’ Olga Petrova said.")
    assert quote.speaker == "Olga Petrova"
    assert quote.text == "The sanctions are hurting ordinary families the most"


def test_name_said_colon_with_capitalised_title() -> None:
    (quote,) = _quotes(
        'Foreign Minister Ravi Anand said: "India will stand by its partners in the region."'
    )
    assert (quote.speaker, quote.role) == ("Ravi Anand", "Foreign Minister")


def test_limit_returns_the_best() -> None:
    article, source = _article(
        '"We will raise interest rates if inflation keeps climbing this year," '
        "central bank governor Maria Lund said.",
        '"It is a good day for everyone here," Peter Holm said.',
    )
    (best,) = extract_quotes(article, source, limit=1)
    assert best.speaker == "Maria Lund"


def _quote(text: str, speaker: str, role: str | None, outlet: str) -> Quote:
    _, source = _article(text, outlet=outlet)
    return Quote(text=text, speaker=speaker, role=role, source=source)


def test_rank_prefers_roles_and_substance_one_per_speaker() -> None:
    long_with_role = _quote(
        "We will not accept a deal that leaves our farmers exposed to unfair competition",
        "Ana Ruiz",
        "trade minister",
        "A",
    )
    same_speaker = _quote(
        "Our farmers deserve better than this agreement offers them today", "Ana Ruiz", None, "B"
    )
    short_no_role = _quote("This is a good deal for us", "Tom Lee", None, "C")
    ranked = rank_quotes([short_no_role, same_speaker, long_with_role], 3)
    assert ranked[0] == long_with_role
    assert [q.speaker for q in ranked] == ["Ana Ruiz", "Tom Lee"]


def test_rank_spreads_outlets() -> None:
    a1 = _quote("The blockade must be lifted before any talks can begin", "Ana Ruiz", "envoy", "A")
    a2 = _quote(
        "The blockade is strangling the economy of the whole region", "Bo Chen", "envoy", "A"
    )
    b1 = _quote("We see no reason to lift the blockade", "Cy Dorn", None, "B")
    ranked = rank_quotes([a1, a2, b1], 2)
    assert {q.source.outlet for q in ranked} == {"A", "B"}
    assert rank_quotes([a1, a2, b1], 0) == []


@pytest.mark.skipif(not SEED.exists(), reason="seed article not available")
def test_seed_article_attributions() -> None:
    lines = [p.strip() for p in SEED.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    quotes = _quotes(*lines[2:])
    speakers = _by_speaker(quotes)
    abe = speakers["Shinzo Abe"]
    assert abe[0].text == "North Korea's reckless action is a threat"
    assert abe[0].role == "prime minister"
    (may,) = speakers["Theresa May"]
    assert may.text.startswith("Against a backdrop of a more uncertain world")
    assert may.role == "British prime minister"
    (hua,) = speakers["Hua Chunying"]
    assert hua.role is not None and "spokeswoman" in hua.role
    assert hua.text.startswith("We think it is regrettable")
    (times,) = speakers["The Global Times"]
    assert times.text.startswith("Beijing does not need London")
    # Every quote has a speaker named in the article.
    assert set(speakers) == {"Shinzo Abe", "Theresa May", "Hua Chunying", "The Global Times"}


def test_pronoun_is_dropped_when_an_unnamed_speaker_comes_between() -> None:
    quotes = _quotes(
        "Vice defence minister Ken Ota said the submarine was moving slowly. "
        "A senior foreign ministry official said the matter was delicate. "
        '"Relations between the two countries are at a sensitive stage," he said.'
    )
    assert quotes == []


def test_speaker_of_the_sentence_before_wins_over_others_named_in_it() -> None:
    (quote,) = _quotes(
        "Coach Dan Reid said Tom Hale would miss the match against Chile.",
        '"We will need a younger squad for the summer tour," he said.',
    )
    assert quote.speaker == "Dan Reid"


def test_known_organisation_as_speaker() -> None:
    (quote,) = _quotes(
        '"Member states must agree the new steel quotas before the summer," '
        "the European Union said in a statement."
    )
    assert quote.speaker == "European Union"
    assert quote.role is None


def test_title_inside_a_capitalised_run_is_not_part_of_the_name() -> None:
    (quote,) = _quotes(
        '"The dollar will keep falling until the deficit is under control," said '
        "Treasury Secretary Paul Grant."
    )
    assert (quote.speaker, quote.role) == ("Paul Grant", "Treasury Secretary")


def test_name_after_a_preposition_is_not_the_speaker() -> None:
    quotes = _quotes(
        'A prisoner in Northfield Prison said: "I hope the government will act on this ruling."'
    )
    assert quotes == []


def test_organisation_then_title_then_name() -> None:
    (quote,) = _quotes(
        '"All in all I see little risk that the economy slides into recession," said Bank of '
        "Freedonia governor Anton Kell."
    )
    assert quote.speaker == "Anton Kell"


# Sentences with no names and no quotations, to make a paragraph long.
_FILLER = (
    "The harbour stayed busy through the night as cargo ships waited offshore. "
    "Prices at the market rose slightly, and traders expected a quiet week. "
)


def _attributions(quotes: list[Quote]) -> list[tuple[str, str | None, str]]:
    return [(q.speaker, q.role, q.text) for q in quotes]


def test_position_in_a_long_paragraph_does_not_change_the_quotes() -> None:
    story = " ".join(
        [
            "Canadian foreign minister Claire Dubois arrived in Seoul on Tuesday.",
            'Ms Dubois added: "Our two countries share a firm commitment to open sea lanes."',
            "Trade envoy Tomas Berg met farmers in the north.",
            '"Nobody will lose their market access because of this agreement," he said.',
            '"Our navy will patrol the strait every week," Admiral Jon Falk told reporters.',
            '"We will not be intimidated by these manoeuvres."',
        ]
    )
    alone = _attributions(_quotes(story))
    assert [speaker for speaker, _, _ in alone] == [
        "Claire Dubois",
        "Tomas Berg",
        "Jon Falk",
        "Jon Falk",
    ]
    filler = _FILLER * 300
    assert _attributions(_quotes(filler + story)) == alone
    assert _attributions(_quotes(story + " " + filler)) == alone
    assert _attributions(_quotes(filler + story + " " + filler)) == alone
    assert _attributions(_quotes(*[filler] * 20, story, *[filler] * 20)) == alone


def test_name_introduced_far_earlier_in_a_long_paragraph() -> None:
    (quote,) = _quotes(
        "Canadian foreign minister Claire Dubois arrived in Seoul on Tuesday. "
        + _FILLER * 300
        + 'Ms Dubois added: "Our two countries share a firm commitment to open sea lanes."'
    )
    assert (quote.speaker, quote.role) == ("Claire Dubois", "Canadian foreign minister")


def test_every_speaker_found_along_a_long_paragraph() -> None:
    firsts = ["Anna", "Boris", "Clara", "David", "Elif", "Farid", "Greta", "Hugo"]
    lasts = ["Lindqvist", "Okafor", "Brandt", "Moreau", "Sato"]
    people = [(first, last) for first in firsts for last in lasts]
    sentences = []
    expected = []
    for i, (first, last) in enumerate(people):
        pronoun = "she" if first in ("Anna", "Clara", "Elif", "Greta") else "he"
        sentences += [
            f'"We will open {i} new border posts before the winter," said trade minister '
            f"{first} {last}.",
            f"{first} {last} later visited the port.",
            f'"The port of number {i} will stay open all year," {pronoun} said.',
            _FILLER,
        ]
        # The pronoun goes to the one person of the sentence before, with the
        # title the article gave them earlier.
        expected += [(f"{first} {last}", "trade minister")] * 2
    quotes = _quotes(" ".join(sentences))
    assert [(q.speaker, q.role) for q in quotes] == expected


@pytest.mark.parametrize(
    ("opening", "sentence", "named"),
    [
        # A title before the name in full: the title and the first name.
        (
            "Velmar's Defence Minister Ann Okafor flew to Lisbon on Monday for talks.",
            "The talks resumed after Okafor said the border would stay shut.",
            (("Okafor", "Velmar's Defence Minister Ann"),),
        ),
        # A description, not a title: the first name only.
        (
            "Ann Okafor, the defence minister of Velmar, flew to Lisbon on Monday.",
            "Okafor said the border would stay shut.",
            (("Okafor", "Ann"),),
        ),
        # The family name first: the title only.
        (
            "Nordvik Trade Minister Rha Woong Bae said exports would rise.",
            "Rha said the surplus would last three years.",
            (("Rha", "Nordvik Trade Minister"),),
        ),
        # Named in full in the sentence itself: nothing to add.
        (
            "Velmar's Defence Minister Ann Okafor flew to Lisbon on Monday for talks.",
            "Ann Okafor said the border would stay shut.",
            (),
        ),
        # A month, or a word capitalised by its place, is not the person of that name.
        (
            "Velmar Prime Minister Ann May flew to Lisbon on Monday.",
            "Exports to Lisbon fell in May, the ministry said.",
            (),
        ),
        (
            "Velmar Defence Minister Ben Young said troops would stay in the north.",
            "Young people marched through the capital on Sunday.",
            (),
        ),
        # A country is not the person of that first name.
        (
            "Velmar Defence Minister Chad Berg said troops would stay in the north.",
            "Chad said it had repelled an attack near the border.",
            (),
        ),
        # Two people of that surname: which one is not known.
        (
            "Defence Minister Ann Okafor and her brother, Senator Ben Okafor, flew to Lisbon.",
            "Okafor said the border would stay shut.",
            (),
        ),
        # "Mr Berg" names him by surname alone too: his first names, the courtesy title
        # standing for any other; a Frenchman or Irishmen are who they are, not a name.
        (
            "Frenchman Luc Berg, who owns a 29% stake in Velmar Air, said he would sell.",
            "Mr Berg and his partners have the power to block a bid.",
            (("Berg", "Luc"),),
        ),
        (
            "Irishmen Ben Kessel and Luc Berg, who own a 29% stake, will oppose the bid.",
            "At the meeting Mr Kessel said the bid was too low.",
            (("Kessel", "Ben"),),
        ),
        # A company's suffix or a flight's code is no one's surname.
        (
            "Velmar Corp said the shares will be sold by General Electric Co's credit unit.",
            "Okafor, Berg and Co alone manages the offering, it added.",
            (),
        ),
        (
            "Nordvik Air's Flight KX801, an Airbus A320, lost contact with air traffic control.",
            '"My heart is with all the families involved in KX801," the airline\'s chief said.',
            (),
        ),
        # Named in full once with no title the roster reads, then by surname as wire copy
        # does: the surname speaking alone says it is a person's.
        (
            "The director of Velmar's trade office (VTO), Roberto Kessel, told reporters "
            "exports rose.",
            "Kessel said the rise in imports was in line with government plans.",
            (("Kessel", "Roberto"),),
        ),
        # Not a firm named after its founders, nor a run that opens the sentence.
        (
            "Exports may recover, bullion bankers Samuel Kessel and Co Ltd said in a report.",
            "Kessel said the market should be approached cautiously.",
            (),
        ),
        (
            "Prices may fall, according to a report by bullion brokers E.F. Kessel.",
            "Kessel said the market should be approached cautiously.",
            (),
        ),
        (
            "The staff e-mails to the Velmar tanker office ended the same way. Go Kessel!",
            "Kessel said the e-mails were private.",
            (),
        ),
        # Only the given name (with its initial): a description may open the name's run.
        (
            "Singer Ann Kessel and Ben W Okafor were fined by a Velmar court on Monday.",
            "Ms Kessel and Mr Okafor will appeal, their lawyers said.",
            (("Kessel", "Ann"), ("Okafor", "Ben W")),
        ),
    ],
)
def test_a_surname_alone_is_named_as_the_article_names_it(
    opening: str, sentence: str, named: tuple[tuple[str, str], ...]
) -> None:
    from briefgen.quotes import named_in_full

    article, _ = _article(opening, sentence)
    assert named_in_full(sentence, article) == named


def test_a_point_shows_who_a_surname_is_in_brackets_and_keeps_its_text() -> None:
    from briefgen.models import Point

    source = Source("a", "t", "Velmar Post", None, datetime(2024, 3, 5))
    text = "Talks resumed after Okafor's envoy flew to Lisbon."
    point = Point(
        text=text,
        source=source,
        sentence_index=2,
        score=1.0,
        section="diplomacy",
        named=(("Okafor", "Defence Minister Ann"),),
    )
    assert (
        point.display_text
        == "Talks resumed after [Defence Minister Ann] Okafor's envoy flew to Lisbon."
    )
    assert point.text == text


def test_a_surname_is_looked_up_only_as_far_as_quotes_are_read() -> None:
    """A huge article is read no further for names than for quotes (``ANALYSED_CHARS``):
    a name first given in full past that point is not found."""
    from briefgen.bounds import ANALYSED_CHARS
    from briefgen.quotes import named_in_full

    filler = "The harbour stayed open through the night. " * 50
    paragraphs = [filler] * (ANALYSED_CHARS // len(filler) + 1)
    late = "Velmar's Defence Minister Ann Okafor flew to Lisbon on Monday for talks."
    sentence = "Okafor said the border would stay shut."
    article, _ = _article(*paragraphs, late, sentence)
    assert named_in_full(sentence, article) == ()
    early, _ = _article(late, *paragraphs, sentence)
    assert named_in_full(sentence, early) == (("Okafor", "Velmar's Defence Minister Ann"),)


def test_a_summary_named_in_full_only_in_its_headline() -> None:
    """A feed's summary may give the full name only in its headline: "Mr. Okafor"
    gets its given name from there, and nothing else of the headline's capitals."""
    from dataclasses import replace

    from briefgen.quotes import named_in_full

    sentence = "Mr. Okafor, one of the founders of the movement, has spent decades in it."
    article, _ = _article(sentence)
    assert named_in_full(sentence, article) == ()
    headed = replace(article, title="Who Is Velmar Okafor, the Movement's New Leader?")
    assert named_in_full(sentence, headed) == (("Okafor", "Velmar"),)
    # A surname alone, without a courtesy title, is not glossed from the headline.
    bare = "The movement's founders include Okafor, who has spent decades in it."
    assert named_in_full(bare, replace(article, title=headed.title, paragraphs=(bare,))) == ()
