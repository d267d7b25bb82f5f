"""Story-level sections with "other": what belongs in a briefing, and why."""

from __future__ import annotations

import json
import sys
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pytest

from briefgen.classify import load_taxonomy
from briefgen.errors import ConfigError
from briefgen.models import Article, Point, Source
from briefgen.nlp import rank
from briefgen.nlp.quality import display_title, junk_title, needs_context, reads_alone
from briefgen.relevance import (
    MODEL_ENV,
    SUBJECT_PROBABILITY,
    article_lead,
    between_states,
    classify_story,
    decide_story,
    load_model,
    reach,
    story_probabilities,
    subject,
    train,
)
from briefgen.stories import (
    cluster_articles,
    figures_differ,
    names_subject,
    statement_terms,
    subject_words,
    supporting_articles,
)

TAXONOMY = load_taxonomy()


def _article(title: str, *paragraphs: str, outlet: str = "Example") -> Article:
    return Article(
        title=title,
        paragraphs=paragraphs,
        published=datetime(2017, 8, 31, 9, tzinfo=UTC),
        outlet=outlet,
        url=f"https://{outlet.lower()}.example/{abs(hash(title))}",
    )


@pytest.mark.parametrize(
    ("lead", "label"),
    [
        (
            "North Korea fires missile over Japan\nNorth Korea fired a ballistic missile over "
            "northern Japan, and Japanese troops were put on alert.",
            "security",
        ),
        (
            "Striker scores twice as United win\nThe striker scored twice in the second half "
            "as United beat their rivals 3-1 to go top of the league.",
            "other",
        ),
        (
            "Singer's album tops the charts\nThe singer's new album went straight to number "
            "one, and her concert tour sold out in an hour.",
            "other",
        ),
        (
            "Exports fall as tariffs bite\nExports fell for a third month as new tariffs on "
            "steel hit manufacturers and the trade deficit widened.",
            "trade",
        ),
        # A hijacking, told in a feed item's two lines: to storm a cockpit is no weather.
        (
            "Kessel jet diverted to Tarsk in 'hijack attempt'\nA passenger on the Kessel "
            "flight tried to storm the cockpit before the crew held him, officials said.",
            "security",
        ),
        (
            "Storm cuts power across Velmar\nA storm hit the coast of Velmar on Sunday, "
            "cutting power to 20,000 homes as trees fell on lines.",
            "other",
        ),
        # Two states named in a story about their clocks: no relations between them.
        (
            "United States and Canada put clocks forward on Sunday\nThe United States "
            "moves to daylight saving time on Sunday, when clocks go forward an hour in every "
            "time zone. Canada also moves to daylight time on Sunday.",
            "other",
        ),
    ],
)
def test_story_sections(lead: str, label: str) -> None:
    decision = classify_story([lead], TAXONOMY)
    assert decision.label == label
    assert decision.matched, "the decision keeps the features that made it"


def test_story_is_decided_by_all_its_articles() -> None:
    leads = [
        "Ministers meet for talks\nThe foreign ministers of both countries met in Geneva for "
        "talks on restoring diplomatic relations and reopening embassies.",
        "Talks in Geneva\nThe two foreign ministers agreed to exchange ambassadors after talks.",
    ]
    decision = classify_story(leads, TAXONOMY)
    assert decision.label == "diplomacy"
    assert set(decision.scores) == {"security", "diplomacy", "trade", "other"}
    assert abs(sum(decision.scores.values()) - 1.0) < 1e-3


def test_one_article_with_another_angle_does_not_decide_a_story_of_three() -> None:
    raid = "Velmar navy tracks Nordvik submarine\nVelmar's navy tracked a Nordvik submarine."
    leads = [raid, raid, "Nordvik apologises\nNordvik apologised to Velmar on Tuesday."]
    # The model's probabilities (security, diplomacy, trade, other) for each lead.
    rows = [[0.55, 0.05, 0.0, 0.40], [0.55, 0.05, 0.0, 0.40], [0.0, 0.05, 0.0, 0.95]]
    model = load_model()
    order = [model.classes.index(k) for k in ("security", "diplomacy", "trade", "other")]
    ordered = [[row[order.index(i)] for i in range(len(model.classes))] for row in rows]
    # Their mean leaves the story out (sections together 0.42); most articles file it.
    assert sum(np.mean(rows, axis=0)[:3]) < 0.5
    decision = classify_story(leads, TAXONOMY, model, probabilities=ordered, explain=False)
    assert decision.label == "security"
    assert decision.scores["security"] == pytest.approx(0.55)
    # Two articles that disagree are still averaged.
    two = classify_story(leads[1:], TAXONOMY, model, probabilities=ordered[1:], explain=False)
    assert two.scores["security"] == pytest.approx(0.275)
    assert abs(sum(story_probabilities(np.array(ordered))) - 1.0) < 1e-9


@pytest.mark.parametrize(
    ("lead", "label"),
    [
        (
            "Velmar raises duties on Nordvik cars\nVelmar raised import duties on cars from "
            "Nordvik to 25 per cent on Monday. Police said the man was taken to hospital.",
            "trade",
        ),
        (
            "Troops deployed to Kessel\nVelmar sent 2,000 troops to Kessel after rebels seized "
            "the town's airport. The minister later attended a football match.",
            "security",
        ),
    ],
)
def test_a_line_in_passing_does_not_outvote_the_story_s_subject(lead: str, label: str) -> None:
    """A last line naming a hospital or a football match weighs like a subject in a short
    lead; the headline and first sentence say what the story is, and file it."""
    decision = classify_story([lead], TAXONOMY)
    assert decision.label == label
    assert decision.read_from == "subject"
    assert decision.scores[label] >= SUBJECT_PROBABILITY
    # Explained by what decided it: the subject's features, not the passing line's.
    assert decision.matched[label]
    assert not any("hospit" in f or "footbal" in f for f in decision.matched[label])


@pytest.mark.parametrize(
    ("lead", "filed"),
    [
        (
            "Kessel bakery wins national prize\nA family bakery in Kessel won the national bread "
            "prize for its rye loaf on Thursday. The company exports most of its products to "
            "Europe.",
            "trade",
        ),
        (
            "Valley Post names new editor\nThe Valley Post named Jonas Berg its new editor on "
            "Monday, after its editor of ten years retired. The foreign minister sent his "
            "congratulations.",
            "diplomacy",
        ),
    ],
)
def test_a_line_in_passing_does_not_file_a_story_its_subject_leaves_out(
    lead: str, filed: str
) -> None:
    """The other way: a last line on exports or a minister files a prize or an
    appointment by the whole lead alone; the subject is sure it belongs nowhere."""
    model = load_model()
    whole = model.probabilities([lead], TAXONOMY)[0]
    assert decide_story(whole, model.classes, [lead])[0] == filed
    decision = classify_story([lead], TAXONOMY)
    assert (decision.label, decision.read_from) == ("other", "subject")
    assert decision.scores["other"] >= SUBJECT_PROBABILITY


def test_a_story_whose_subject_belongs_nowhere_stays_out() -> None:
    lead = (
        "Kessel flower show opens\nThe annual flower show opened in Kessel on Saturday. "
        "Police said security at the show was tight after threats against the minister."
    )
    decision = classify_story([lead], TAXONOMY)
    assert decision.label == "other"
    assert decision.read_from == ""


def test_a_long_lead_s_body_outweighs_its_first_lines() -> None:
    """Wire copy on a cabinet crisis reads as diplomacy in its first lines alone; its body
    (half the lead or more) says what the story is, and it stays out."""
    lead = (
        "Arvand president meets envoys\nArvand's president met foreign ambassadors on Monday "
        "to discuss forming a new government after the prime minister resigned. The president "
        "will meet the leaders of the four coalition parties again on Tuesday. Parliament must "
        "approve a new cabinet within a month, or early elections will be held in June. "
        "Opinion polls show the opposition Labour party gaining support after the budget row, "
        "and the finance minister said he would not serve in a new cabinet. The party "
        "congress is due to meet next week to choose its candidate for prime minister."
    )
    assert classify_story([subject(lead)], TAXONOMY).label == "diplomacy"
    decision = classify_story([lead], TAXONOMY)
    assert (decision.label, decision.read_from) == ("other", "")


def test_a_story_filed_by_its_whole_lead_is_not_read_again() -> None:
    lead = (
        "Bomb kills four at Kessel checkpoint\nA car bomb killed four soldiers at a checkpoint "
        "outside Kessel on Monday, the army said. The wounded were taken to hospital."
    )
    decision = classify_story([lead], TAXONOMY)
    assert (decision.label, decision.read_from) == ("security", "")


@pytest.mark.parametrize(
    ("lead", "told"),
    [
        (
            "Velmar raises duties\nVelmar raised duties on Monday. Nordvik said it would reply.",
            "Velmar raises duties\nVelmar raised duties on Monday.",
        ),
        # No headline line: the first sentence alone.
        (
            "Velmar raised import duties on cars from Nordvik to 25 per cent on Monday, the "
            "trade ministry said. Nordvik said it would reply.",
            "Velmar raised import duties on cars from Nordvik to 25 per cent on Monday, the "
            "trade ministry said.",
        ),
        ("", ""),
    ],
)
def test_a_lead_s_subject_is_its_headline_and_first_sentence(lead: str, told: str) -> None:
    assert subject(lead) == told


def test_model_ships_in_the_package_and_loads_offline() -> None:
    model = load_model()
    assert set(model.classes) == {"security", "diplomacy", "trade", "other"}
    assert len(model.vocabulary) > 1000


def test_a_bad_model_file_is_a_config_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bad = tmp_path / "model.json"
    bad.write_text("{}", "utf-8")
    monkeypatch.setenv(MODEL_ENV, str(bad))
    with pytest.raises(ConfigError, match="not valid"):
        load_model()
    monkeypatch.setenv(MODEL_ENV, str(tmp_path / "missing.json"))
    with pytest.raises(ConfigError, match="cannot read"):
        load_model()


def test_training_learns_and_round_trips() -> None:
    texts = [f"missile strike on the base number {n}" for n in range(6)] + [
        f"football match and the league title {n}" for n in range(6)
    ]
    labels = ["security"] * 6 + ["other"] * 6
    model = train(texts, labels, TAXONOMY, min_df=1)  # type: ignore[arg-type]
    again = type(model).from_json(json.loads(json.dumps(model.to_json())))
    probs = again.probabilities(["a missile strike", "the football league"], TAXONOMY)
    assert [again.classes[int(row.argmax())] for row in probs] == ["security", "other"]


SUB = (
    "A Chinese nuclear submarine entered Japanese territorial waters near Okinawa on "
    "Wednesday, the defence agency said."
)


def test_same_event_articles_form_one_story_and_a_beat_does_not() -> None:
    one = _article("Submarine in Japanese waters", SUB, "Japan scrambled patrol aircraft.")
    two = _article(
        "Japan tracks Chinese submarine",
        "A Chinese nuclear submarine entered Japanese waters near Okinawa on Wednesday, "
        "Japan's defence agency said.",
        "The navy tracked the vessel for two days.",
        outlet="Other",
    )
    beat = [
        _article(
            "Chancellor sets out budget",
            "The chancellor set out a budget that raises fuel duty and cuts income tax.",
            "Opposition MPs said families would pay more for petrol.",
        ),
        _article(
            "Minister defends school plans",
            "The education minister defended plans for new academies in the north of England.",
            "Teachers' unions said the government had not consulted them on the plans.",
        ),
    ]
    labels = cluster_articles([one, two, *beat])
    assert labels[one.id] == labels[two.id]
    assert len({labels[one.id], labels[beat[0].id], labels[beat[1].id]}) == 3


def test_a_big_day_is_grouped_alike_on_forked_workers(monkeypatch: pytest.MonkeyPatch) -> None:
    from briefgen import parallel, stories

    # Eighty stories told twice each (every story's own place and firm), and the
    # shared sentences sought on two workers as on a day of thousands of articles.
    day = []
    for n in range(80):
        place, firm = f"Arvand{n}", f"Velmar{n}"
        day.append(
            _article(
                f"Fire closes {firm} refinery",
                f"A fire closed the {firm} refinery at {place} on Monday, the company said.",
                f"Workers at {place} were sent home.",
            )
        )
        day.append(
            _article(
                f"{firm} shuts {place} plant",
                f"A fire closed the {firm} refinery at {place} on Monday, officials said.",
                f"The {firm} plant at {place} employs many workers.",
                outlet="Other",
            )
        )
    serial = cluster_articles(day)
    monkeypatch.setattr(stories, "PARALLEL_PAIRS", 1)
    monkeypatch.setattr(parallel, "MIN_ITEMS_PER_WORKER", 8)
    # Products of a few articles each, as the many runs of a big day.
    monkeypatch.setattr(stories, "CHUNK_CELLS", 20)
    pools: list[int] = []
    start_pool = parallel._pool
    monkeypatch.setattr(parallel, "_pool", lambda n, m: pools.append(n) or start_pool(n, m))
    spread = cluster_articles(day, workers=2)
    assert pools == [2]
    assert spread == serial
    assert len(set(serial.values())) == 80  # each story's two articles, and no other


def test_only_articles_that_carry_the_fact_are_cited() -> None:
    carrier = _article(
        "Sub", "Japan said a Chinese nuclear submarine entered its waters near Okinawa."
    )
    unrelated = _article("Sub background", "The navy has twelve older diesel boats in service.")
    assert [s.article for s in supporting_articles(SUB, [unrelated, carrier])] == [carrier]


def test_a_templated_sentence_about_another_company_is_not_support() -> None:
    # Wire copy tells every filing in the same words; only the company differs.
    point = (
        "Velmar Systems Corp told the market regulator on Tuesday that it plans to place "
        "a 75 mln dlr tranche of convertible debentures with investors."
    )
    other = _article(
        "Nordvik Registers Notes",
        "Nordvik Holdings Inc told the market regulator on Tuesday that it plans to place "
        "a 75 mln dlr tranche of subordinated debentures with investors.",
    )
    copy = _article(
        "Velmar To Offer Debt",
        "Velmar Systems told the market regulator on Tuesday that it plans to place "
        "a 75 mln dlr tranche of convertible debentures with investors.",
    )
    assert [s.article for s in supporting_articles(point, [other, copy])] == [copy]


def test_a_sentence_sharing_only_the_points_names_is_not_support() -> None:
    # Wire copy names the same minister in sentence after sentence: what is said differs.
    point = (
        "Velmar Finance Minister Ana Okafor said the Group of Seven countries reaffirmed "
        "their Arvand accord on stabilising currencies."
    )
    other = _article(
        "Okafor Sees Crown In Range",
        "Velmar Finance Minister Ana Okafor said the rise of the crown since the Arvand "
        "accord was within the range agreed in Tarsk.",
    )
    carrier = _article(
        "G-7 Stands By Accord, Okafor Says",
        "The Group of Seven reaffirmed the Arvand accord to keep currencies stable, "
        "Velmar's finance minister said.",
    )
    found = supporting_articles(point, [other, carrier])
    assert [s.article for s in found] == [carrier]
    assert found[0].sentence_index == 0 and found[0].text == carrier.paragraphs[0]


def test_the_supporting_sentence_is_the_articles_closest_to_the_point() -> None:
    point = "Velmar will repay 13 pct of its frozen debt to foreign banks over three years."
    article = _article(
        "Velmar Reaches Debt Deal",
        "Talks with the banks ended in Arvand on Monday.",
        "The banks were relieved. Velmar will repay 13 pct of the frozen debt to its "
        "foreign banks over the next three years, the finance ministry said.",
    )
    (found,) = supporting_articles(point, [article])
    assert found.sentence_index == 2
    assert found.text.startswith("Velmar will repay 13 pct")


@pytest.mark.parametrize(
    ("sentence", "stated"),
    [
        # Names, job titles and words of reporting are not what a sentence states.
        (
            "Velmar Finance Minister Ana Okafor said exports to Nordvik will fall.",
            ("export", "fall"),
        ),
        (
            "Nordvik Bank AG management board joint spokesman Tomas Kessel told reporters "
            "profits rose.",
            ("profit", "rose"),
        ),
        # A particle inside a name is part of it.
        (
            "A unit of Compagnie des Machines Velmar said it bought a stake in a bank.",
            ("unit", "bought", "stake", "bank"),
        ),
        # A lone capitalised first word may be an ordinary word: it is kept.
        (
            "Growth in oil demand will slow, officials said today.",
            ("growth", "oil", "demand", "slow"),
        ),
    ],
)
def test_statement_terms(sentence: str, stated: tuple[str, ...]) -> None:
    assert statement_terms(sentence) == tuple(rank.terms(" ".join(stated)))


def test_templated_sentences_about_two_companies_are_not_one_story() -> None:
    template = (
        "{} told the market regulator on Tuesday that it plans to place a 75 mln dlr "
        "tranche of convertible debentures with investors, to repay bank loans."
    )
    one = _article("Velmar To Place Debt", template.format("Velmar Systems Corp"))
    other = _article("Nordvik To Place Debt", template.format("Nordvik Holdings Inc"))
    copy = _article("Velmar Plans Debt Issue", template.format("Velmar Systems Corp"))
    stories = cluster_articles([one, other, copy])
    assert stories[one.id] == stories[copy.id] != stories[other.id]


def test_two_loans_that_share_only_their_terms_are_two_stories() -> None:
    # A lender's templated terms (its years of grace, its floating rate) are fine print,
    # not a shared fact.
    terms = (
        "Each credit runs {} years, with five years of grace, at a floating interest rate "
        "now set at 6.35 pct, tied to what the fund pays to borrow."
    )
    one = _article(
        "Fund Lends 90 Mln Crowns To Velmar",
        "The Lunmark Development Fund granted Velmar two credits worth 90 mln crowns for "
        "small farms and rural roads on Tuesday.",
        terms.format(20),
    )
    other = _article(
        "Fund Backs Nordvik Railway",
        "The Lunmark Development Fund granted Nordvik a 40 mln crown credit on Tuesday to "
        "rebuild the railway to its northern port.",
        terms.format(18),
    )
    stories = cluster_articles([one, other])
    assert stories[one.id] != stories[other.id]


@pytest.mark.parametrize(
    ("sentence", "subject"),
    [
        ("Velmar Systems Corp said its orders rose.", ("Velmar", "Systems")),
        ("President Ana Okafor said talks would resume.", ("Ana", "Okafor")),
        ("The White House said it would reply.", ("White", "House")),
        # One capitalised word may be a common opener: no subject is asked for.
        ("Three workers were killed at the refinery.", ()),
        ("Nordvik said exports fell.", ()),
        # A name broken by "of" is not read whole: nothing is asked for rather than "Bank".
        ("The Bank of Nordvik cut rates.", ()),
        ('"We will not yield," he said.', ()),
    ],
)
def test_the_subject_a_supporting_article_must_name(
    sentence: str, subject: tuple[str, ...]
) -> None:
    assert subject_words(sentence) == subject


def test_a_country_is_named_by_any_of_its_names() -> None:
    point_subject = subject_words("British Prime Minister Ana Okafor met Velmar's envoy.")
    assert point_subject == ("British", "Ana", "Okafor")
    assert names_subject(_article("Talks", "The UK leader met the envoy."), point_subject)
    assert not names_subject(_article("Talks", "A leader met the envoy."), point_subject)
    united = subject_words("The United States warned Velmar again.")
    assert names_subject(_article("Warning", "U.S. officials repeated the warning."), united)


@pytest.mark.parametrize(
    ("one", "other", "differ"),
    [
        ("Brent crude rose $1.20 to $51.30.", "Brent crude gained $0.85 to $49.10.", True),
        ("Output rose 3.4% in March.", "Analysts had forecast a 0.6% rise in output.", True),
        ("The film has grossed $88.4m.", "The film has grossed $88 million so far.", False),
        (
            "Turnout was 1,500 voters.",
            "Some 1500 voters turned out, and 3 were turned away.",
            False,
        ),
        ("Rates stay at 4.75%.", "The Bank left rates on hold again.", False),
        (
            "Rovers face Athletic in the cup third round.",
            "Rovers face Wanderers in the fifth round.",
            True,
        ),
        ("The third round draw was made.", "Rovers were drawn away in the third round.", False),
        # Fractions are figures of their own: two bond issues' fees are not one fact.
        (
            "Dealers earn 1-1/4 pct on each sale and managers share 5/8 pct.",
            "Dealers earn 1-3/8 pct on each sale and managers share 3/4 pct.",
            True,
        ),
        ("The issue pays 9-1/4 pct.", "Its yearly coupon is set at 9-1/4 pct.", False),
        # A shared year is no shared figure; years alone are compared when there is
        # nothing else.
        (
            "1986 net excludes a charge of 14 cts a share.",
            "1986 net excludes a gain of 22 cts a share.",
            True,
        ),
        ("The firm was founded in 1986.", "It was set up in 1987 by two brothers.", True),
        ("The firm was founded in 1986.", "It was set up in 1986 by two brothers.", False),
        # The day of a date is no figure of the fact; two issues that share only a price
        # are two issues; one updated count among agreeing ones is still the same event.
        (
            "Nordbank is issuing a 100 mln crown bond due May 7, 2031 paying 4-1/8 pct.",
            "Vestbank is issuing a 250 mln crown bond due May 15, 2029 paying 7 pct.",
            True,
        ),
        (
            "Nordbank is issuing a 100 mln crown bond paying 4-1/8 pct, priced at 101-1/2.",
            "Vestbank is issuing a 250 mln crown bond paying 6 pct, priced at 101-1/2.",
            True,
        ),
        ("The blast killed 12 and injured 40.", "The blast killed 12 and wounded 35.", False),
        ("The talks resume on 3 March.", "The talks will resume on March 3.", False),
        ("The talks resume on 3 March.", "The talks resume on 4 March.", True),
        # A change is told by both its ends: sharing one of them is not enough.
        (
            "Brightwater lowers its savings rate from 3% to 1.5% this spring.",
            "Its savings rate goes down from 3.5% to 3%, and the pension rate from 4.75% to 3.5%.",
            True,
        ),
        (
            "The bank cut its rate from 4.75% to 4.5% on Thursday.",
            "Its main rate falls from 4.75 pct to 4.50 pct, the bank said.",
            False,
        ),
        ("Fares rise from $1.20 to $1.50.", "Fares will go up to $1.50, from $1.20 now.", False),
    ],
)
def test_sentences_with_other_figures_state_other_facts(one: str, other: str, differ: bool) -> None:
    assert figures_differ(one, other) is differ
    assert figures_differ(other, one) is differ


def _oil_day(close: str, rise: str, why: str) -> Article:
    return _article(
        f"Oil closes at {close}",
        f"Oil prices rose on strong winter demand, and US light crude gained {rise} to close "
        f"at {close} a barrel in New York trading.",
        why,
        outlet=f"Outlet{close}",
    )


def test_one_beat_on_two_days_is_two_stories_and_not_support() -> None:
    # The same words with other figures: the same beat, another day, another fact.
    cold = "Traders said cold weather in the north-east had lifted demand for heating oil."
    monday = _oil_day("$51.30", "$1.20", cold)
    again = _oil_day("$51.30", "$1.20", "Opec ministers meet in Vienna next week.")
    friday = _oil_day("$49.10", "$0.85", "Stocks of crude in the US were lower than expected.")
    labels = cluster_articles([monday, friday, again])
    assert labels[monday.id] == labels[again.id] != labels[friday.id]
    point = monday.paragraphs[0]
    assert [s.article for s in supporting_articles(point, [friday, again])] == [again]


@pytest.mark.parametrize(
    "title",
    [
        "FREE PREVIEW",
        "ANDRES OPPENHEIMER THE MIAMI HERALD",
        "'); //--> Associated Press",
        "By Alberto Souviron",
        "Home > World > Asia",
        "Tuesday, March 9, 2021",
        "Last updated 18 Nov 2004 14:05 GMT",
        "Back to main Asia page",
        "Sorry, this page cannot be found",
        # Menus, pointers, notices, fragments and tag lists where a headline would be.
        "Programs ------ RADIO ------ Briefing Business Report",
        "SCORES ----------- Latest results",
        "Also see the index of earlier essays.",
        'See "Court Watch" for a list of pending cases (includes',
        "Readers reach the full text articles through a site licence.",
        "To report a lost passport, please call the consulate hotline.",
        "For further information visit the reader gateway.",
        "a partial account of how the harbour flooded,",
        "newswire coverage nordvik election | government | civil rights",
        "11am: The draw for the cup's last sixteen begins in Nyon.",
        "10.32am - Velmar's delegation arrives at the hall",
        # A byline of several, a masthead or a section, a search box, a list's label, a
        # letter's salutation, a page's tools run into its headline.
        "Valley Post Staff Writers",
        "NORDVIK NEWS",
        "Valley News",
        "Nation",
        "Search Valley Post",
        "Also from this section",
        "Older News: November of 2004",
        "Today's Top Money Stories • Grain prices ease - •…",
        "Dear Mr. President:",
        "Print Mail `Velmar' tops the box office at year's end",
        "Advanced Search Velmar",
        "Tuesday, January 4, 2005; Page A01",
    ],
)
def test_junk_headlines_are_replaced_by_the_first_real_sentence(title: str) -> None:
    assert junk_title(title)
    article = _article(title, "Photo: Reuters", SUB)
    assert display_title(article).startswith("A Chinese nuclear submarine entered")


@pytest.mark.parametrize(
    ("title", "shown"),
    [
        # A file's opening words, cited for want of a headline line.
        (
            "WASHINGTON – A Chinese nuclear submarine entered Japanese territorial waters…",
            "A Chinese nuclear submarine entered Japanese territorial waters…",
        ),
        # A lead's sentence written where the headline goes.
        (
            "TOKYO - Japan protested after a Chinese submarine entered its waters near Okinawa.",
            "Japan protested after a Chinese submarine entered its waters near Okinawa.",
        ),
        # A headline keeps its words, whatever they open with.
        ("NATO - Russia talks resume in Velmar", "NATO - Russia talks resume in Velmar"),
    ],
)
def test_a_title_made_of_a_lead_is_shown_without_its_dateline(title: str, shown: str) -> None:
    text = SUB if not title.startswith("WASHINGTON") else "WASHINGTON – " + SUB
    assert display_title(_article(title, text)) == shown


def test_real_headlines_are_kept() -> None:
    assert not junk_title("NHS waiting lists fall")
    assert not junk_title("US and EU agree steel deal")
    assert not junk_title("May says Nordvik will leave the union")
    assert not junk_title("March on Velmar draws thousands")
    assert not junk_title("2004 MN4 asteroid odds rise")
    assert not junk_title("iPhone sales lift Velmar Telecom")
    assert not junk_title("eBay buys Nordvik ticket site")
    assert not junk_title("See-saw day for Nordvik shares")
    assert not junk_title("Velmar votes | Results")  # one separator: a headline and its section
    assert not junk_title("10 people hurt as Kessel bridge collapses")
    assert not junk_title("Search for Velmar survivors ends")
    assert not junk_title("Bad news for Nordvik exporters")
    assert not junk_title("Dear leader visits Velmar")
    assert not junk_title("Page 3 of the budget leaks")


@pytest.mark.parametrize(
    ("title", "shown"),
    [
        ("Treasury'S Okafor Opposes Stock Tax", "Treasury's Okafor Opposes Stock Tax"),
        ("Velmar’S Exports Rise", "Velmar’s Exports Rise"),
        ("O'Sullivan Wins Velmar Seat", "O'Sullivan Wins Velmar Seat"),
        ("Kessel's plan for the strait", "Kessel's plan for the strait"),
    ],
)
def test_a_possessive_capitalised_by_title_casing_is_shown_in_lower_case(
    title: str, shown: str
) -> None:
    article = _article(title, "Velmar Corp said exports rose 5 pct in March.")
    assert display_title(article) == shown


@pytest.mark.parametrize(
    ("title", "paragraphs", "shown"),
    [
        # Names title casing lowered, given back as the text writes them.
        (
            "Kessel Joins Vtx Consortium",
            ("Kessel said it joined the five-nation <Velmar Aero> (VTX) consortium.",),
            "Kessel Joins VTX Consortium",
        ),
        (
            "Mcarvand Sees Higher 3Rd Qtr Net",
            ("McArvand Corp said third quarter net would rise.", "McArvand makes valves."),
            "McArvand Sees Higher 3rd Qtr Net",
        ),
        # A letter whose lower case is longer ("İ") does not shift where names are read.
        (
            "Iae Opens Turkish Office",
            ("The İzmir office of the IAE consortium opened on Monday.",),
            "IAE Opens Turkish Office",
        ),
        # A short name the text writes with stops.
        (
            "Us Senate Backs Velmar Bill",
            ("The U.S. Senate voted for the Velmar bill on Monday.",),
            "US Senate Backs Velmar Bill",
        ),
        (
            "Join Us For Velmar Talks",
            ("Velmar asked us to join the talks in the U.S. capital.",),
            "Join Us For Velmar Talks",
        ),
        # A mix of cases written once may be a slip of the keys.
        ("Velmar Stock Rises", ("Velmar STock rose 5 pct on Monday.",), "Velmar Stock Rises"),
        (
            "Usda'S Okafor Won'T Back Nordvik Int'L Bid",
            ("USDA official Okafor said he opposed the Nordvik International bid.",),
            "USDA's Okafor Won't Back Nordvik Int'l Bid",
        ),
        (
            "Velmar Air Orders Six Md-11S",
            ("Velmar Air ordered six MD-11 jets.",),
            "Velmar Air Orders Six MD-11s",
        ),
        # A word the text also writes in lower case, or as the title does, is left alone.
        ("Aids Fund Grows", ("The AIDS fund aids clinics in Nordvik.",), "Aids Fund Grows"),
        (
            "Kim Jong Un Meets Velmar Envoy",
            ("Kim Jong Un met the UN and Velmar envoys.",),
            "Kim Jong Un Meets Velmar Envoy",
        ),
        # Capitals among capitals (a table's heading, a wire's sign-off) say nothing.
        (
            "Okafor Fund Sets Payout",
            ("OKAFOR BOND FUND", "Qtly div 31 cts vs 30 cts prior"),
            "Okafor Fund Sets Payout",
        ),
        (
            "Reuter Unit Wins Okafor Order",
            ("Reuters Holdings said its unit won an order from Okafor. REUTER",),
            "Reuter Unit Wins Okafor Order",
        ),
        # A headline that keeps a name in capitals was not title cased by a machine.
        (
            "UN Team Meets Nordvik Envoy",
            ("The UN team met the NORDVIK envoy, officials said.",),
            "UN Team Meets Nordvik Envoy",
        ),
    ],
)
def test_a_title_cased_headline_gets_its_names_capitals_back_from_the_text(
    title: str, paragraphs: tuple[str, ...], shown: str
) -> None:
    assert display_title(_article(title, *paragraphs)) == shown


def test_a_junk_headline_is_not_replaced_by_a_junk_line_of_its_page() -> None:
    article = _article(
        "Programs ------ RADIO ------",
        "For more information visit the reader gateway.",
        "See the archive for a list of earlier programmes.",
        SUB,
    )
    assert display_title(article).startswith("A Chinese nuclear submarine entered")


def test_these_or_those_things_not_named_before_need_context() -> None:
    assert needs_context("Velmar Air plans to lease these tankers from Okafor Aerospace.")
    assert needs_context("Traders in Velmar said those factors would lift barley prices.")
    # Named in the sentence itself, or no one told before.
    assert not needs_context("Velmar bought two tankers, and these tankers will sail in May.")
    assert not needs_context("Prime Minister Okafor said those found guilty would be punished.")
    assert not needs_context("A Nordvik survey showed 40 pct of those surveyed opposed the merger.")
    assert not needs_context("Prices for Nordvik crude are high these days, traders said.")


def test_a_sentence_that_opens_inside_a_quotation_is_no_point() -> None:
    # Its first quotation mark closes a quote that began in the sentence before.
    assert not reads_alone('Jim." :Harbour master Anna Kessel: "I read the report with disgust.')
    assert not reads_alone("It was a fair deal for both of the ports involved,” the minister said.")
    assert not reads_alone('We will hold the line until the end of the year." the minister said.')
    # Quotations opened in the sentence itself.
    assert reads_alone('"Nordvik is a threat" to the region, Prime Minister Okafor told reporters.')
    assert reads_alone('He said: "We will fight on," and left the hall with his aides after it.')
    assert reads_alone('Okafor called the plan "reckless" and said it would fail within a year.')
    assert reads_alone("The minister said the deal was “a good one” for both of the ports.")


def test_time_stamps_and_teasers_never_become_points() -> None:
    assert not reads_alone("04.25 Three people were killed when the bus overturned on the road.")
    assert not reads_alone("11am: Three people were killed when the bus overturned on the road.")
    assert not reads_alone("11.03am: Three people were killed when the bus overturned on the road.")
    assert not reads_alone("In pictures: the flooded streets of the old town after the storm.")
    assert reads_alone("Three people were killed when the bus overturned on the road.")
    assert not reads_alone("Footage shows police in riot gear outside the Velmar town hall.")
    assert not reads_alone("A photo provided by the Nordvik governor shows a damaged house.")
    assert reads_alone("Police footage was shown to the jury in Nordvik on Monday.")


def test_a_sentence_whose_text_lost_its_capitals_is_no_point() -> None:
    # Names in lower case read wrong in a briefing: a day or a month and a country's
    # people in lower case tell that the text lost its capitals.
    assert not reads_alone(
        "Velmar's foreign minister arvand okafor informed cuban officials on monday of the talks."
    )
    assert not reads_alone("ecuador's unions called a general strike for next wednesday.")
    assert reads_alone("Velmar's foreign minister informed Cuban officials on Monday of the talks.")
    # One slip in a text that kept its capitals is a typo, not a lost text.
    assert reads_alone("Brazil's trade surplus rose in february to 184 mln dlrs, figures show.")
    # "may", "march", "august" and "turkey" are words too; a link or a tag is not prose.
    assert reads_alone("The Velmar talks may march on into an august hall as turkey is served.")
    assert reads_alone(
        "The Cuban campaign used the tag #friday and the site nordvik.example/monday."
    )


CAPTION = 'Sgt. Velmar "Vel" Okafor at Kessel Army base, in Nordvik, before his deployment.'


def test_a_caption_or_a_credit_is_no_point_nor_a_title() -> None:
    assert not reads_alone(CAPTION)
    assert not reads_alone("Anna Kessel, a Nordvik-based land manager and a former engineer.")
    # The same openings with a verb are sentences.
    assert reads_alone("Sgt. Velmar Okafor at Kessel Army base said the convoy left at dawn.")
    assert reads_alone("Anna Kessel, a Nordvik-based analyst, expects higher rates.")
    assert reads_alone("Anna Kessel, a Nordvik-based analyst, wasn't at the summit on Monday.")
    assert reads_alone("Velmar Corp, the Nordvik refiner, is pressing for a new contract.")
    # A photograph's caption says where in the picture someone stands.
    assert not reads_alone(
        "President Velmar Okafor (R) and his Nordvik counterpart Anna Kessel shake hands in"
        " Arvand on May 24, 2004."
    )
    assert not reads_alone("Finance minister Anna Kessel (2nd L) arrives for the talks in Arvand.")
    assert not reads_alone("Trade minister Okafor (centre) walks to the summit hall in Arvand.")
    # A registered mark, a party and a report are no position in a picture.
    assert reads_alone("Velmar files reside on IBM (R) and compatible mainframes, the firm said.")
    assert reads_alone("The new files reside on IBM (R) and compatible mainframes in Arvand.")
    assert reads_alone("Representative Tom Okafor (R) said the bill would pass in the spring.")
    # A junk headline falls back on the first real sentence, not on the caption above it.
    page = _article("- - - - - -", CAPTION, SUB)
    assert display_title(page).startswith("A Chinese nuclear submarine entered")


@pytest.mark.parametrize(
    "dateline",
    [
        "WASHINGTON (Reuters) - ",
        "LONDON, Nov. 23 — ",
        "Port Vila : ",
        "Suva : ",
        # The agency alone, as syndicated feeds give it.
        "AP - ",
        "Reuters - ",
        # Other agencies and networks that date their copy.
        "BAGHDAD, Iraq (CNN) -- ",
        "TOKYO (Kyodo) - ",
        # A country or state of any length, a date with its year, both.
        "BRUSSELS, Belgium (AP) -- ",
        "GAZA CITY, Gaza Strip (Reuters) - ",
        "CANBERRA, AUSTRALIA — ",
        "NEWARK, N.J. - ",
        "WASHINGTON, Dec. 22, 2004 -- ",
        "BAGHDAD, Iraq, Dec. 22, 2004 — ",
        "GAZA CITY, Gaza Strip Sept. 7, 2004 - ",
        "LOS ANGELES Sept. 13, 2004 - ",
        # Another service's credit after the place, the dash even without a space.
        "HONG KONG (Dow Jones)--",
        "NEW YORK (CNN/Money) - ",
        "CHICAGO (CBS.MW) -- ",
        "LONDON, August 23 (New Ratings) - ",
    ],
)
def test_a_wire_dateline_is_shown_stripped_and_kept_in_the_text(dateline: str) -> None:
    source = Source("a", "t", "Reuters", None, datetime(2017, 8, 31, tzinfo=UTC))
    text = f"{dateline}The United States imposed new sanctions on Tuesday."
    point = Point(text=text, source=source, sentence_index=0, score=1.0, section="diplomacy")
    assert point.display_text == "The United States imposed new sanctions on Tuesday."
    assert point.text[point.text_offset :] == point.display_text


def test_a_wires_apostrophe_typed_as_a_double_mark_is_shown_as_one() -> None:
    source = Source("a", "t", "Reuters", None, datetime(2017, 8, 31, tzinfo=UTC))
    text = 'Kessel"s oil minister said Velmar"s quota of 1987"s accord would hold.'
    point = Point(text=text, source=source, sentence_index=0, score=1.0, section="trade")
    assert (
        point.display_text
        == "Kessel's oil minister said Velmar's quota of 1987's accord would hold."
    )
    assert point.text == text  # verbatim in the JSON
    # A quotation a double mark opens and a single one closes, as wire copy types it.
    text = "Velmar Telecom won orders for \"intelligent' payphones from seven countries."
    point = Point(text=text, source=source, sentence_index=0, score=1.0, section="trade")
    assert (
        point.display_text
        == 'Velmar Telecom won orders for "intelligent" payphones from seven countries.'
    )
    # Marks that pair up are a quotation, left as written.
    quoted = 'The minister called the accord "a triumph" of the talks.'
    point = Point(text=quoted, source=source, sentence_index=0, score=1.0, section="trade")
    assert point.display_text == quoted


def test_capitals_and_a_dash_that_are_no_dateline_stay() -> None:
    source = Source("a", "t", "Reuters", None, datetime(2017, 8, 31, tzinfo=UTC))
    text = "NATO, Russia and the EU - all three - met on Tuesday."
    point = Point(text=text, source=source, sentence_index=0, score=1.0, section="diplomacy")
    assert point.display_text == text


@pytest.mark.parametrize(
    ("index", "shown"),
    [
        (0, "Velmar Bank has promoted its general manager Ann Berg as its chief."),
        # Further in, a name before a colon may be who speaks.
        (3, "Arvand: Velmar Bank has promoted its general manager Ann Berg as its chief."),
    ],
)
def test_a_place_before_a_colon_dates_an_articles_first_sentence(index: int, shown: str) -> None:
    source = Source("a", "t", "Valley Post", None, datetime(2017, 5, 14, tzinfo=UTC))
    text = "Arvand: Velmar Bank has promoted its general manager Ann Berg as its chief."
    point = Point(text=text, source=source, sentence_index=index, score=1.0, section="trade")
    assert point.display_text == shown
    assert point.text[point.text_offset :] == point.display_text


@pytest.mark.parametrize(
    ("text", "index", "shown"),
    [
        (
            "Arvand - International concern grew on Thursday after Velmar moved troops.",
            0,
            "International concern grew on Thursday after Velmar moved troops.",
        ),
        (
            "Arvand -- International concern grew on Thursday after Velmar moved troops.",
            0,
            "International concern grew on Thursday after Velmar moved troops.",
        ),
        # Further in, or a results table's note, or a company before its notice: no place.
        (
            "Arvand - International concern grew on Thursday after Velmar moved troops.",
            2,
            "Arvand - International concern grew on Thursday after Velmar moved troops.",
        ),
        (
            "Note - The company attributed the fall in profit to the strong currency.",
            0,
            "Note - The company attributed the fall in profit to the strong currency.",
        ),
        (
            "Velmar Corp - Offering of two mln common shares through Kessel and Co, at 12 dlrs.",
            0,
            "Velmar Corp - Offering of two mln common shares through Kessel and Co, at 12 dlrs.",
        ),
    ],
)
def test_a_place_before_a_spaced_dash_dates_an_articles_first_sentence(
    text: str, index: int, shown: str
) -> None:
    source = Source("a", "t", "Valley Post", None, datetime(2017, 5, 14, tzinfo=UTC))
    point = Point(text=text, source=source, sentence_index=index, score=1.0, section="security")
    assert point.display_text == shown
    assert point.text[point.text_offset :] == point.display_text


def test_a_junk_headline_falls_back_on_the_lead_under_a_time_stamp_without_its_place() -> None:
    page = _article(
        "- - - - - -",
        "30/11/2004 09:15 - (VP)",
        "Arvand - Concern grew on Thursday after Velmar moved troops to the border.",
    )
    assert display_title(page).startswith("Concern grew on Thursday after Velmar")


def test_a_syndicated_headline_is_shown_without_the_agencys_credit() -> None:
    article = _article("Velmar Recalls Envoy to Nordvik (AP)", "AP - Velmar recalled its envoy.")
    assert display_title(article) == "Velmar Recalls Envoy to Nordvik"
    # A name in brackets that is no agency stays.
    update = _article("Velmar Votes (Update 2)", "Velmar voted.")
    assert display_title(update) == "Velmar Votes (Update 2)"


def test_a_headline_in_capitals_falls_back_on_the_first_sentence_without_its_place() -> None:
    article = _article(
        "ANN BERG IS NEW CHIEF OF VELMAR BANK",
        "Arvand: Velmar Bank has promoted its general manager Ann Berg as its chief.",
    )
    assert display_title(article) == (
        "Velmar Bank has promoted its general manager Ann Berg as its chief."
    )


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("LEGAL A Velmar judge refused to quash the subpoena.", "A Velmar judge refused"),
        ("INTERNATIONAL The Nordvik envoy was recalled on Monday.", "The Nordvik envoy was"),
        ("OBITUARY Ann Berg, 82, the founder of the Velmar Post, died.", "Ann Berg, 82, the"),
        # Names in capitals that begin like labels stay whole.
        ("INTERNATIONAL Paper Co said it sold its Velmar mill.", "INTERNATIONAL Paper Co"),
        ("SPORTS Illustrated said it would close its Nordvik office.", "SPORTS Illustrated"),
        ("NYNEX Corp said it would appeal the ruling in Velmar.", "NYNEX Corp said"),
        # A byline with its day, run into the story.
        (
            "By Ann Berg 30 November 2004 Old enemies in Velmar were edging towards a deal.",
            "Old enemies in Velmar",
        ),
        ("By Ann Berg Nov. 30, 2004 The Nordvik talks resumed on Monday.", "The Nordvik talks"),
        ("By the end of 2004 Velmar had left the Nordvik pact.", "By the end of 2004"),
    ],
)
def test_a_section_label_is_shown_stripped_and_kept_in_the_text(text: str, shown: str) -> None:
    source = Source("a", "t", "Velmar Post", None, datetime(2004, 12, 1, tzinfo=UTC))
    point = Point(text=text, source=source, sentence_index=0, score=1.0, section="security")
    assert point.display_text.startswith(shown)
    assert point.text == text
    assert point.text[point.text_offset :] == point.display_text


@pytest.mark.parametrize(
    "text",
    [
        "Note : the figures for the nine months include a provision for losses.",
        "The Reserve Bank of Australia lifted rates: the first rise in a year.",
    ],
)
def test_a_colon_in_a_sentence_is_no_dateline(text: str) -> None:
    source = Source("a", "t", "Reuters", None, datetime(2017, 8, 31, tzinfo=UTC))
    point = Point(text=text, source=source, sentence_index=0, score=1.0, section="trade")
    assert point.display_text == text


def test_wire_ticker_brackets_are_shown_without_them() -> None:
    source = Source("a", "t", "Reuters", None, datetime(1987, 3, 2, tzinfo=UTC))
    text = "<Velmar Point Savings Corp> said it filed papers to sell notes worth six mln dlrs."
    point = Point(text=text, source=source, sentence_index=0, score=1.0, section="trade")
    assert point.display_text.startswith("Velmar Point Savings Corp said it filed")
    assert point.text == text  # the JSON keeps the verbatim sentence
    # A headline with a ticker is a real headline, shown with the ticker in parentheses;
    # markup is still junk.
    assert not junk_title("Velmar Resources And Mining Corp <VRM> 4th Qtr")
    article = Article(
        title="Velmar Resources And Mining Corp <VRM> 4th Qtr",
        paragraphs=("Operating profit rose in the fourth quarter, the company said today.",),
        published=datetime(1987, 3, 2, tzinfo=UTC),
        outlet="Reuters",
    )
    assert display_title(article) == "Velmar Resources And Mining Corp (VRM) 4th Qtr"
    assert junk_title("<SCRIPT>document.write('x')</SCRIPT> Home")


def test_results_notes_and_unnamed_companies_never_become_points() -> None:
    assert not reads_alone("NOTE: Net excludes Velmar unit sold, nil vs gain 98,450 dlrs.")
    assert not reads_alone("Notes: figures for the year were restated after the merger.")
    assert not reads_alone(
        "Operating net excludes Velmar unit loss 512,000 dlrs, four cts shr, vs profit 96,000"
        " dlrs, one ct shr, in quarter."
    )
    assert reads_alone("Arsenal vs Chelsea ended in a draw after a late penalty on Sunday.")
    # A results table's footnote without its label.
    assert not reads_alone("1986 net includes a tax credit of 165,000 dlrs in the quarter.")
    assert not reads_alone("Operating net loss also excludes writedowns of 31 cts a share.")
    assert not reads_alone("1987 results reflect a three-for-one stock split in the quarter.")
    assert not reads_alone("1985 yr and 4th qtr oper net excludes 2,150,000 dlrs in tax gains.")
    assert not reads_alone("Full-year results exclude items which raised net to 2.4 mln dlrs.")
    assert not reads_alone("Includes a gain of 3.1 mln dlrs in the year from selling a plant.")
    assert not reads_alone("Excludes a loss of 250,000 dlrs in the quarter on discontinued lines.")
    assert not reads_alone("Current year net includes a charge of 80,000 dlrs for a plant closure.")
    assert not reads_alone("Prior nine mths net excludes tax credits of 40,000 dlrs in quarter.")
    # The period alone as the subject.
    assert not reads_alone("Prior year excludes a loss of nine cts a share on a closed mill.")
    assert not reads_alone("1986 qtr and nine mths include gains of 12,000 and 30,000 dlrs.")
    assert not reads_alone("Year-ago excludes a writedown of 5,000 dlrs in the quarter.")
    assert not reads_alone("Current year figures include a charge of 40,000 dlrs for a move.")
    assert not reads_alone("1986 qtr and six mth results were restated to reflect a split.")
    assert not reads_alone("1986 net both periods includes a charge of 300,000 dlrs.")
    assert not reads_alone("Net for nine mths 1986 includes a gain of 1.2 mln dlrs.")
    assert reads_alone("Net income for the year rose 12 pct to 4.1 mln dlrs, the company said.")
    assert reads_alone("Six include former ministers who were arrested on Monday in the capital.")
    assert reads_alone("Analysts said the results reflect strong demand for its new trucks.")
    assert reads_alone("Net profit was $186m in the quarter, against $113m a year earlier.")
    assert needs_context("A company spokeswoman said she could not say what caused the fighting.")
    assert not needs_context("A Pentagon spokesman said the troops would leave by March.")
    assert needs_context("Effective Jan 1, 1988, company changed its inventory accounting methods.")
    assert not needs_context("The talks on the company merger resumed in Paris on Monday.")


def test_a_users_taxonomy_terms_still_move_the_decision() -> None:
    from briefgen.classify import load_taxonomy as load
    from briefgen.config import TaxonomySettings

    lead = "Quarterly widget figures\nThe widget maker reported its quarterly widget figures."
    plain = classify_story([lead], TAXONOMY)
    custom = load(TaxonomySettings(terms={"security": {"widget": 40.0}}))
    assert classify_story([lead], custom).scores["security"] > plain.scores["security"]


def test_a_long_leads_taxonomy_scores_count_per_words_a_short_ones_whole() -> None:
    import math

    from briefgen.classify import BUCKETS, _words
    from briefgen.relevance import TAXONOMY_WORDS, taxonomy_features

    short = (
        "Warplanes strike a crowded market\n"
        "Warplanes hit a busy market in the rebel-held town, killing 12 people."
    )
    # Words that are no term of any bucket, to make the same lead long.
    filler = " ".join(["It was said once, and then it was said again in the same words."] * 20)
    long = f"{short}\n{filler}"
    scores, _ = TAXONOMY.score(short)
    assert TAXONOMY.score(long)[0] == scores
    assert scores["security"] > 0
    assert len(_words(short)) < TAXONOMY_WORDS < len(_words(long))

    security = BUCKETS.index("security")
    assert taxonomy_features(short, TAXONOMY)[security] == pytest.approx(
        math.log1p(scores["security"])
    )
    # The same terms in a lead of n words weigh TAXONOMY_WORDS / n of their score.
    share = TAXONOMY_WORDS / len(_words(long))
    assert taxonomy_features(long, TAXONOMY)[security] == pytest.approx(
        math.log1p(scores["security"] * share)
    )
    # Read by the model, the short lead's evidence is not held cheaper than the long's.
    short_p = classify_story([short], TAXONOMY).scores["security"]
    assert short_p >= classify_story([long], TAXONOMY).scores["security"]


def test_openers_that_lean_on_an_earlier_time_need_context() -> None:
    from briefgen.nlp.quality import needs_context

    assert needs_context("Since then, however, the firm has piled up losses.")
    assert junk_title("PRSS Channel: Listen to the show Help stream [RealAudio]: download [mp3]")


def test_a_story_between_two_sections_still_belongs() -> None:
    import numpy as np

    from briefgen.relevance import decide

    classes = ("security", "diplomacy", "trade", "other")
    assert decide(np.array([0.35, 0.3, 0.05, 0.3]), classes) == ("security", 0.35)
    label, _ = decide(np.array([0.2, 0.1, 0.1, 0.6]), classes)
    assert label == "other"


@pytest.mark.parametrize(
    ("lead", "between"),
    [
        ("Spain and Morocco sign fishing pact\nThe two governments agreed on quotas.", True),
        ("Envoy recalled\nThe government recalled its envoy after the remarks.", True),
        ("Ministers meet at the UN\nThe vote on the resolution was put off.", True),
        ("Pepper talks stall\nThe International Pepper Council ended without a deal.", True),
        ("Prisoner swap completed\nTwelve people were flown home on Friday.", True),
        ("Spain's new cabinet is sworn in\nThe ministers took office in Madrid.", False),
        ("Court in Egypt jails editor\nThe Cairo court sentenced the editor to a year.", False),
        ("Riots in Northern Ireland\nPolice in the UK made arrests in Belfast.", False),
        # Migrants cross borders; a movement against them is one state's own affairs.
        ("Migrants reach Britain by boat\nThe coastguard counted 300 on Monday.", True),
        ("Anti-migrant riots spread in Britain\nPolice made arrests in three cities.", False),
        # Other states, spoken of together.
        ("Guaido calls for support\nThe opposition leader asks other nations to act.", True),
        ("Arvand appeals to the international community\nIts ports are shut.", True),
        ("Arvand's cabinet is sworn in\nThe foreign-educated ministers took office.", False),
        # Diplomats as a report's source say who told it, not what passed between states.
        ("Arvand's parliament sacks premier\nThe vote was unanimous, diplomats said.", False),
        ("Unity talks suspended\nWestern diplomats in Harare say the party split.", False),
        ("Arvand army moves north\nAccording to diplomatic sources, it crossed a river.", False),
        ("Arvand recalls envoy\nHe left on Friday, diplomatic sources said.", True),
        ("Diplomats expelled from Arvand\nThe four were given two days to leave.", True),
        ("Arvand acts\nFour diplomats were told to leave within two days.", True),
        ("Arvand office shuts\nIts staff left, said two embassy diplomats in Nordvik.", True),
        ("Arvand office shuts\nThe staff left, embassy diplomats said.", True),
        # The bodies states meet in, as the wire names them.
        ("European Community farm ministers meet\nThey weigh deep price cuts.", True),
        ("Velmar takes tariff row to GATT\nA panel will rule next year.", True),
        ("Nordvik gets World Bank loan\nThe money will pay for roads.", True),
        ("Comecon session ends\nMembers agreed on a five-year plan.", True),
        # "EC" alone is as often an election commission as the European Community.
        ("Poll date set\nThe EC said voting in Arvand starts in May.", False),
        # One state under its own name and a divided or past one's is one state.
        ("German inflation seen rising\nPrices in West Germany will be 0.5 pct higher.", False),
        ("Moscow carries out nuclear test\nThe Soviet Union tested a device underground.", False),
        ("Moscow and Bonn sign accord\nThe Soviet Union and West Germany agreed on trade.", True),
        ("Strike spreads in Belgrade\nYugoslavia's workers want higher pay.", False),
        ("Prague raises prices\nCzechoslovakia's bread will cost more.", False),
        # Only the state that holds the former one's capital is it, not every republic.
        ("Serbia and Kosovo trade blame\nBoth were part of Yugoslavia.", True),
        # Two states whose names share their last word, given once.
        ("North and South Korea to hold reunions\nFamilies split by the war will meet.", True),
        # The superpowers are two states.
        ("Spain backs superpower plan\nIt would accept a ban on medium-range missiles.", True),
        # Leaders stand for their states, or for the bodies they lead.
        ("Kim Jong Un accepts Trump's invitation\nThe two will meet at the border.", True),
        ("Guterres urges calm in Sudan\nThe fighting spread to the capital.", True),
        ("Trump holds a rally in Ohio\nThousands came to hear him speak.", False),
        ("Tony Blair and Gordon Brown clash over tax\nThe two met in Downing Street.", False),
        # A currency named by its country is the money a figure is counted in.
        ("Canada post strike talks resume\nThe deficit is $160 million (U.S.).", False),
        ("Velmar Mining sells Canadian unit\nThe price is 40 mln U.S. dlrs.", False),
        ("Westbank issues bond in Spain\nThe issue is of 50 mln Australian dollars.", False),
        ("Canada and the U.S. (with Mexico) meet\nThe talks end on Friday.", True),
        ("Spain accuses a neighbour (Portugal)\nIt said the boats fished in its waters.", True),
        ("Velmar Bank sells Spanish unit\nIt got two British pounds a share.", False),
        ("Spain lifts rates\nThe West German mark rose against the peseta.", False),
        # A currency's name as a verb is no currency.
        ("Israel pounds Lebanon\nThe air strikes went on overnight.", True),
        ("South Korea won the vote\nJapan and China abstained.", True),
        ("Japan marks the anniversary\nChina sent no envoy.", True),
        ("Canada trades with the U.S.\nThe dollars it earns rose by 4 mln (11%).", True),
    ],
)
def test_relations_between_states_are_told_apart_from_one_states_affairs(
    lead: str, between: bool
) -> None:
    from briefgen.relevance import between_states

    assert between_states([lead]) is between


@pytest.mark.parametrize(
    ("lead", "across"),
    [
        ("Velmar trade surplus widens\nExports rose 12% in March from a year earlier.", True),
        ("Arvand cuts import duties on cars\nThe cut takes effect in May.", True),
        ("Nordvik currency slides\nThe exchange rate fell to a record low.", True),
        ("Spain and Morocco sign fishing pact\nThe two governments agreed on quotas.", True),
        # Money counted in another state's currency crosses a border, but tells of no
        # relations between the two (see the test above).
        ("Westbank issues bond in Spain\nThe issue is of 50 mln Australian dollars.", True),
        ("Velmar Mutual cuts bonuses\nThe insurer blamed weak share prices.", False),
        ("German cash in circulation up\nIt rose by 2.8 billion West German marks.", False),
        ("Berg Stores sales rise\nComparable-store sales rose 4% in February.", False),
        ("An important vote\nShareholders of Okafor Mills approved the merger.", False),
    ],
)
def test_trade_across_borders_is_told_apart_from_one_country_s_business(
    lead: str, across: bool
) -> None:
    from briefgen.relevance import crosses_borders

    assert crosses_borders([lead]) is across


def test_one_states_own_affairs_are_not_diplomacy() -> None:
    classes = load_model().classes

    def section(lead: str, **probabilities: float) -> str:
        rows = [[probabilities[c] for c in classes]]
        return classify_story([lead], TAXONOMY, probabilities=rows).label

    domestic = "Spain's new cabinet is sworn in\nThe ministers took office in Madrid."
    abroad = "Spain and Morocco sign fishing pact\nThe two governments agreed on quotas."
    # Without Diplomacy's share the story is still likely enough for a section.
    split = {"security": 0.3, "diplomacy": 0.45, "trade": 0.2, "other": 0.05}
    assert section(domestic, **split) == "security"
    assert section(abroad, **split) == "diplomacy"
    # Without it, no section is.
    likely = {"security": 0.1, "diplomacy": 0.6, "trade": 0.05, "other": 0.25}
    assert section(domestic, **likely) == "other"
    assert section(abroad, **likely) == "diplomacy"
    # Nor does Diplomacy's share let one state's affairs into Security.
    doubtful = {"security": 0.45, "diplomacy": 0.1, "trade": 0.0, "other": 0.45}
    assert section(domestic, **doubtful) == "other"
    assert section(abroad, **doubtful) == "security"


def test_why_says_a_story_left_out_of_diplomacy_is_one_states_affairs(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import briefgen.relevance
    from briefgen.models import Classification
    from briefgen.sections import explain_story

    scores = {"security": 0.1, "diplomacy": 0.6, "trade": 0.05, "other": 0.25}
    monkeypatch.setattr(
        briefgen.relevance,
        "classify_story",
        lambda *_a, **_k: Classification(label="other", scores=scores),
    )
    assert "names one state" in str(explain_story("Cabinet sworn in", TAXONOMY, [])["why"])
    scores.update(security=0.45, diplomacy=0.1, other=0.4)  # in Security only through it
    assert "names one state" in str(explain_story("Cabinet sworn in", TAXONOMY, [])["why"])
    scores.update(security=0.1, diplomacy=0.2, other=0.65)
    assert "no section is likely enough" in str(
        explain_story("Cabinet sworn in", TAXONOMY, [])["why"]
    )


def test_transcript_questions_are_not_points() -> None:
    assert not reads_alone("Q Mr. Secretary, within the hour, the general said troops would stay.")
    # A line that addresses someone is a transcript's question or a floor speech.
    assert not reads_alone("Mr. Secretary, a question for the admiral about the carriers.")
    assert not reads_alone("Madam President, I rise today to speak about the fishing fleet.")
    assert reads_alone("Mr. Secretary General Ban said the talks would resume in Geneva.")
    assert not reads_alone("Q: Will the troops stay in the region beyond the spring?")


def test_a_junk_headline_gives_way_to_the_headline_under_it() -> None:
    page = Article(
        title="You are here: :: ::",
        paragraphs=(SUB,),
        published=datetime(2017, 8, 31, tzinfo=UTC),
        outlet="Example",
        standfirst="Envoy says minister struck him in flag row",
    )
    assert display_title(page) == "Envoy says minister struck him in flag row"
    # A byline's second line is no headline: the first real sentence is shown.
    assert junk_title("Example News business reporter")
    assert junk_title("Our Moscow correspondent")
    assert not junk_title("Paper sacks its editor")
    byline = replace(page, title="By Ann Writer", standfirst="Example News business reporter")
    assert display_title(byline).startswith("A Chinese nuclear submarine entered")
    # A first sentence shown as the title goes without its dateline.
    wire = replace(
        page,
        title="Email this story",
        standfirst=None,
        paragraphs=("WASHINGTON, Nov. 23 - The panel said the policy had failed abroad.",),
    )
    assert display_title(wire) == "The panel said the policy had failed abroad."


def test_a_story_is_told_by_the_sentence_its_articles_share() -> None:
    from briefgen.compose import LEAD_BONUS, _telling, article_candidates, day_stories
    from briefgen.config import Settings

    fired = "Arvand fired three missiles across the Kessel Strait on Monday, officials said."
    articles = [
        _article(
            "Strait attack",
            "Insurers raised war-risk premiums for ships crossing the strait after the attack.",
            fired,
            outlet="Courier",
        ),
        _article("Missiles fired", fired, outlet="Wire"),
        _article("Navy fires missiles", fired.replace("officials", "the ministry"), outlet="Post"),
    ]
    candidates = [c for a in articles for c in article_candidates(a, Settings(), TAXONOMY)[0]]
    insurers = next(n for n, c in enumerate(candidates) if "Insurers" in c.sentence.text)
    # The first article ranks its aside first; the others carry the attack.
    candidates = [replace(c, local=1.0 if n == insurers else 0.8) for n, c in enumerate(candidates)]
    matrix = day_stories(candidates, grouped=False).matrix
    group = list(range(len(candidates)))
    telling = _telling(matrix, candidates, group)
    best = max(group, key=lambda n: telling[n])
    assert "fired three missiles" in candidates[best].sentence.text
    # A story of one article is told by that article's own ranking, its lead raised
    # (the aside opens the first article, and reads as no news).
    alone = [n for n, c in enumerate(candidates) if c.article.id == articles[0].id]
    assert [candidates[n].sentence.index for n in alone] == [0, 1]
    assert _telling(matrix, candidates, alone) == [1.0 + LEAD_BONUS, 0.8]


def test_a_story_is_explained_once_it_makes_a_point() -> None:
    from briefgen.compose import compose, decide_stories
    from briefgen.config import Settings
    from briefgen.relevance import lead

    fired = "Arvand fired three missiles across the Kessel Strait on Monday, officials said."
    articles = [
        _article("Missiles fired across strait", fired, outlet="Wire"),
        _article("Navy fires missiles", fired.replace("officials", "the ministry"), outlet="Post"),
    ]
    story_of = {a.id: 0 for a in articles}
    # Deciding the day's stories leaves the explanation out: most never make a point.
    decided = decide_stories(articles, story_of, TAXONOMY)[0].classification
    assert decided.label == "security" and not decided.matched
    briefing = compose(
        articles,
        Settings(),
        datetime(2017, 8, 31, tzinfo=UTC).date(),
        taxonomy=TAXONOMY,
        generated_at=datetime(2017, 8, 31, 12, tzinfo=UTC),
    )
    (point,) = [p for s in briefing.sections for p in s.points]
    explained = classify_story([lead(a.title, a.text) for a in articles], TAXONOMY)
    assert point.classification.matched == explained.matched
    assert explained.matched["security"]


def _wire(title: str, lead: str, more: str) -> Article:
    return _article(title, lead, f"{more} REUTER", outlet="Wire")


def test_a_sign_off_or_a_copyright_line_is_no_shared_fact() -> None:
    # Two pieces on one beat (Velmar's grain trade), two different events: a sign-off
    # every story of the wire ends with, or a site's copyright line, joins nothing.
    export = _wire(
        "Velmar wheat exports rise",
        "Velmar wheat exports rose to 1.2 mln tonnes in March as shipments to Nordvik grew, "
        "the Velmar grain board said on Monday.",
        "The grain board expects wheat exports to rise again in April on strong demand.",
    )
    harvest = _wire(
        "Velmar maize harvest delayed",
        "Heavy rain has delayed the Velmar maize harvest by two weeks, grain traders said, "
        "and the grain board cut its crop estimate.",
        "Traders said the delay could cut Velmar grain exports to Nordvik in April.",
    )
    assert (
        cluster_articles([export, harvest])[export.id]
        != cluster_articles([export, harvest])[harvest.id]
    )
    site = " All rights reserved by the Velmar Times Ltd."
    labels = cluster_articles(
        [
            _article(export.title, *export.paragraphs[:1], export.paragraphs[1] + site),
            _article(harvest.title, *harvest.paragraphs[:1], harvest.paragraphs[1] + site),
        ]
    )
    assert len(set(labels.values())) == 2
    # The same event told twice still is one story.
    again = _wire(
        "Velmar wheat exports up in March",
        "Velmar wheat exports rose to 1.2 mln tonnes in March as shipments to Nordvik grew, "
        "the grain board said.",
        "Shipments to Okafor Bay were steady.",
    )
    labels = cluster_articles([export, again])
    assert labels[export.id] == labels[again.id]


def test_a_column_a_transcript_or_a_table_row_is_no_point() -> None:
    assert not reads_alone("I was nervous about whether the Velmar ferry would sail on time.")
    assert not reads_alone("OKAFOR: Well, the Nordvik talks went on for a long time indeed.")
    assert not reads_alone("Stocks 2.31 2.31 2.28 2.28 Output 7.45 7.45 N.A. N.A. Velmar exports.")
    assert reads_alone("World War I ended with an armistice signed in a forest near Velmar.")
    assert reads_alone('"I am sure the Nordvik deal will pass," the Velmar minister said.')
    assert reads_alone("Brent rose $1.20 to $51.30 a barrel in London on Monday.")


def test_the_lead_reads_headline_standfirst_and_text_each_once() -> None:
    body = (
        "Velmar and Kessel signed a border treaty in Nordvik on Monday, ending a decade of talks."
    )
    article = replace(_article("Border treaty signed", body), standfirst="A decade of talks ends")
    assert article_lead(article) == f"Border treaty signed\nA decade of talks ends\n\n{body}"
    # A headline cut from the text's opening words (a file with no headline line) and a
    # headline that is page furniture are left out: their words would weigh twice or mislead.
    cut = _article("Velmar and Kessel signed a border treaty in Nordvik on Monday, ending…", body)
    assert article_lead(cut) == body
    assert article_lead(_article("Correction Appended", body)) == body


def test_the_model_learns_from_the_lead_a_build_reads(tmp_path: Path) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
    from sections_data import file_lead

    from briefgen.ingest.text import parse_text_article

    path = tmp_path / "wire.txt"
    path.write_text(
        "Velmar and Kessel signed a border treaty in Nordvik on Monday, ending a decade of "
        "talks over the river frontier, officials of both states said.\n"
        "The treaty still needs the approval of both parliaments.\n",
        encoding="utf-8",
    )
    read = parse_text_article(path.read_text("utf-8"), path.name, path, undated=datetime.now(UTC))
    assert file_lead(path) == article_lead(read)
    assert file_lead(path).count("Velmar and Kessel signed") == 1


@pytest.mark.parametrize(
    ("title", "text", "label"),
    [
        (
            "Nordvik Software launches search beta",
            "Nordvik Software on Tuesday released a beta version of its new desktop search "
            "engine, which lets users search e-mail and files on their PCs and laptops. The "
            "open-source rival browser has won over many net surfers, and a Linux version "
            "will follow in the spring.",
            "other",
        ),
        (
            "Velmar games console outsells rivals",
            "Velmar's slimmer games console has sold well, with 40,000 bought "
            "in its first week, outstripping the PlayStation and the Xbox, analysts said.",
            "other",
        ),
        (
            "Nordvik Software profit jumps",
            "Nordvik Software's quarterly profit rose 20% to $1.2bn as sales of its laptops "
            "and PCs grew strongly, the company said on Tuesday. Its shares rose 5% in early "
            "trading in New York.",
            "trade",
        ),
    ],
)
def test_consumer_technology_is_other_and_a_tech_firms_results_are_trade(
    title: str, text: str, label: str
) -> None:
    lead = article_lead(_article(title, text))
    assert classify_story([lead], load_taxonomy()).label == label


@pytest.mark.parametrize(
    "lead",
    [
        "Why isn't the committee looking into it?\nThe House Judiciary Committee, chaired by "
        "Donald Trump ally Rep. Jim Jordan, is set to hold a field hearing in New York City.",
        "Georgia Power raises plant cost estimate\nSouthern Co's Georgia Power Co said the "
        "plant will now cost 6.1 billion dlrs, the U.S. regulator was told.",
    ],
)
def test_a_person_or_a_us_state_named_like_a_country_is_no_second_state(lead: str) -> None:
    # "Jordan" and "Georgia" there are a congressman and a US state: one state's story.
    assert not between_states([lead])
    assert reach(lead).countries == ("United States",)
