"""Composition on small invented days: one point per story, cited, readable, in order."""

from __future__ import annotations

import functools
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
import scipy.sparse as sp

from briefgen.classify import classify, load_taxonomy
from briefgen.compose import (
    Candidate,
    StoryDecision,
    _candidate,
    article_candidates,
    compose,
    split_article,
)
from briefgen.config import BuildSettings, Settings
from briefgen.ingest.outlets import UNKNOWN_OUTLET
from briefgen.models import SECTIONS, Article, Classification
from briefgen.nlp.quality import needs_context, photo_credit

DAY = date(2024, 3, 5)
WHEN = datetime(2024, 3, 5, 9, 0, tzinfo=UTC)


def _candidates(item: Article) -> list[Candidate]:
    """The candidate points ``item`` gives alone, with the default settings."""
    return article_candidates(item, Settings(), load_taxonomy()).candidates


def article(outlet: str, title: str, *paragraphs: str) -> Article:
    slug = outlet.lower().replace(" ", "-")
    return Article(
        title=title,
        paragraphs=paragraphs,
        published=WHEN,
        outlet=outlet,
        url=f"https://{slug}.example/{abs(hash(title)) % 10_000}",
    )


STRAIT = (
    "Naval forces of Arvand fired three anti-ship missiles across the Kessel Strait "
    "on Monday, the defence ministry said."
)
DAY_ARTICLES = [
    article(
        "Northern Courier",
        "Missiles fired across Kessel Strait",
        STRAIT + " The launches came hours after a patrol boat was attacked near the coast.",
        "But he said the navy would hold its fire for now. The troops remain on high alert "
        "along the border after the overnight attack.",
    ),
    article(
        "Baltic Wire",
        "Arvand fires missiles over strait",
        "Naval forces of Arvand fired three anti-ship missiles across the Kessel Strait on "
        "Monday, the country's defence ministry said in a statement.",
        "Shipping insurers raised war-risk premiums for vessels crossing the strait.",
    ),
    article(
        "Harbour Post",
        "Strait missile launches alarm neighbours",
        "Arvand's navy fired three anti-ship missiles across the Kessel Strait on Monday, "
        "according to the defence ministry.",
        "Foreign ministers of the region will hold emergency talks in Geneva on Thursday.",
    ),
    article(
        "Harbour Post",
        "Tariff deal cuts duties on steel",
        "The two largest economies in the region agreed to cut tariffs on steel and "
        "aluminium exports by half from April.",
        "Exporters welcomed the trade deal, which the finance ministry said would lift "
        "investment in the steel industry.",
    ),
    article(
        "Baltic Wire",
        "Ambassador recalled after spy row",
        "Velmar recalled its ambassador from Arvand on Tuesday after diplomats were "
        "expelled in a spying dispute.",
        "The foreign ministry said talks between the two governments were suspended.",
    ),
]


@pytest.fixture(scope="module")
def briefing():  # type: ignore[no-untyped-def]
    return compose(DAY_ARTICLES, Settings(), DAY, taxonomy=load_taxonomy(), generated_at=WHEN)


def test_every_section_has_its_story(briefing) -> None:  # type: ignore[no-untyped-def]
    text = {s.key: " ".join(p.text for p in s.points) for s in briefing.sections}
    assert "missiles" in text["security"]
    assert "tariffs" in text["trade"] or "trade deal" in text["trade"]
    assert "ambassador" in text["diplomacy"] or "talks" in text["diplomacy"]


def test_one_point_for_a_story_from_three_outlets(briefing) -> None:  # type: ignore[no-untyped-def]
    launches = [p for p in briefing.points if "anti-ship missiles" in p.text]
    assert len(launches) == 1
    (point,) = launches
    assert point.source_count == 3
    outlets = {s.outlet for s in point.sources}
    assert outlets == {"Northern Courier", "Baltic Wire", "Harbour Post"}


def test_a_report_filed_twice_under_one_headline_is_one_source() -> None:
    from briefgen.ingest.outlets import UNKNOWN_OUTLET

    lead = (
        "Naval forces of Arvand fired three anti-ship missiles across the Kessel Strait "
        "on Monday, the defence ministry said."
    )

    def filed(outlet: str, title: str, url: str, *more: str) -> Article:
        return Article(
            title=title, paragraphs=(lead, *more), published=WHEN, outlet=outlet, url=url
        )

    wire = filed(
        UNKNOWN_OUTLET,
        "Arvand Fires Missiles Across Strait",
        "https://a.example/1",
        "Shipping in the strait was halted for two hours.",
    )
    # The same report again, updated, with no outlet named: not a second source.
    update = filed(
        UNKNOWN_OUTLET,
        "Arvand fires missiles across strait:",
        "https://a.example/2",
        "The ministry gave no details of the target.",
    )
    # Two outlets that print the same headline are two sources.
    herald = filed("Harbour Post", "Arvand Fires Missiles Across Strait", "https://h.example/1")
    courier = filed(
        "Northern Courier", "Arvand Fires Missiles Across Strait", "https://n.example/1"
    )
    briefing = compose(
        [wire, update, herald, courier],
        Settings(),
        DAY,
        taxonomy=load_taxonomy(),
        generated_at=WHEN,
    )
    (point,) = [p for p in briefing.points if "anti-ship missiles" in p.text]
    # The two named outlets, and the unnamed versions of the report as one of them.
    assert point.source_count == 2
    assert {s.outlet for s in point.sources} <= {"Harbour Post", "Northern Courier", UNKNOWN_OUTLET}
    assert len({s.url for s in point.sources} & {"https://a.example/1", "https://a.example/2"}) <= 1


def test_each_other_source_names_the_sentence_that_carries_the_fact() -> None:
    from briefgen.compose import split_article
    from briefgen.render.jsonout import point_to_dict

    lead = (
        "Naval forces of Arvand fired three anti-ship missiles across the Kessel Strait "
        "on Monday, the defence ministry said."
    )
    own = Article(
        title="Arvand Fires Missiles Across Strait",
        paragraphs=(lead, "Shipping in the strait was halted for two hours."),
        published=WHEN,
        outlet="Harbour Post",
        url="https://h.example/1",
    )
    later = Article(
        title="Strait Closed To Shipping",
        paragraphs=(
            "Shipping in the Kessel Strait was halted for two hours on Monday.",
            "Arvand's navy fired three anti-ship missiles across the Kessel Strait on "
            "Monday, the defence ministry in Arvand said.",
        ),
        published=WHEN,
        outlet="Northern Courier",
        url="https://n.example/1",
    )
    briefing = compose([own, later], Settings(), DAY, taxonomy=load_taxonomy(), generated_at=WHEN)
    (point,) = [p for p in briefing.points if "anti-ship missiles" in p.text]
    other = later if point.source.outlet == "Harbour Post" else own
    ((index, text),) = point.carried_by
    assert text == split_article(other)[index].text
    assert "anti-ship missiles" in text
    (cited,) = point_to_dict(point)["also_reported_by"]
    assert (cited["article_id"], cited["sentence_index"], cited["sentence"]) == (
        other.id,
        index,
        text,
    )


def test_two_pages_under_one_junk_title_are_two_sources() -> None:
    from briefgen.compose import source_keys
    from briefgen.ingest.outlets import UNKNOWN_OUTLET

    pages = [
        Article(
            title="FREE PREVIEW",
            paragraphs=(text,),
            published=WHEN,
            outlet=UNKNOWN_OUTLET,
            url=f"https://p.example/{n}",
        )
        for n, text in enumerate(
            (
                "Arvand fired three missiles across the Kessel Strait on Monday.",
                "Kessel recalled its ambassador from Arvand on Monday.",
            )
        )
    ]
    assert len(set(source_keys(pages).values())) == 2


def test_points_are_verbatim_and_cited(briefing) -> None:  # type: ignore[no-untyped-def]
    by_id = {a.id: a for a in DAY_ARTICLES}
    for point in briefing.points:
        source = by_id[point.source.article_id]
        assert point.text in source.text
        assert point.source.outlet == source.outlet and point.source.url == source.url
        if point.context:  # the sentence before, or the headline of a feed's item
            assert f"{point.context} {point.text}" in source.text or (
                point.context == source.title and source.text.startswith(point.text)
            )


def test_no_dangling_openers(briefing) -> None:  # type: ignore[no-untyped-def]
    for point in briefing.points:
        assert point.context is not None or not needs_context(point.text), point.text
    assert not any(p.text.startswith("But he said") for p in briefing.points)


def test_sources_counted_and_stats(briefing) -> None:  # type: ignore[no-untyped-def]
    cited = {s.source.article_id for s in briefing.sources}
    assert cited == {s.article_id for p in briefing.points for s in p.sources}
    assert briefing.stats.articles == len(DAY_ARTICLES)
    assert briefing.stats.points == len(briefing.points)
    assert 1 <= len(briefing.key_points) <= 4
    assert (briefing.stats.outlets, briefing.stats.unnamed_sources) == (3, 0)
    assert briefing.stats.publishers() == "3 outlets"


def test_articles_with_no_outlet_are_counted_as_unnamed_sources_not_as_one_outlet() -> None:
    unnamed = [
        replace(a, outlet=UNKNOWN_OUTLET, url=None)
        for a in DAY_ARTICLES
        if a.outlet != "Baltic Wire"
    ]
    day = [*unnamed, *(a for a in DAY_ARTICLES if a.outlet == "Baltic Wire")]
    stats = compose(day, Settings(), DAY, taxonomy=load_taxonomy(), generated_at=WHEN).stats
    assert (stats.outlets, stats.unnamed_sources) == (1, 3)
    assert stats.publishers() == "1 outlet and 3 unnamed sources"
    assert replace(stats, outlets=0).publishers() == "3 unnamed sources"


def test_max_points_per_section() -> None:
    settings = replace(Settings(), build=BuildSettings(max_points=1))
    b = compose(DAY_ARTICLES, settings, DAY, taxonomy=load_taxonomy(), generated_at=WHEN)
    assert all(len(s.points) <= 1 for s in b.sections)


def test_continuing_story_is_not_new(briefing) -> None:  # type: ignore[no-untyped-def]
    earlier = [STRAIT]
    later = compose(
        DAY_ARTICLES,
        Settings(),
        DAY,
        taxonomy=load_taxonomy(),
        generated_at=WHEN,
        previous_points=earlier,
    )
    by_text = {p.text: p.new for p in later.points}
    launch = next(t for t in by_text if "anti-ship missiles" in t)
    assert by_text[launch] is False
    assert any(new for text, new in by_text.items() if "tariffs" in text or "ambassador" in text)


def test_empty_day() -> None:
    b = compose([], Settings(), DAY, taxonomy=load_taxonomy(), generated_at=WHEN)
    assert b.is_empty and b.stats.articles == 0


def test_key_points_stand_alone(briefing) -> None:  # type: ignore[no-untyped-def]
    assert briefing.key_points
    for point in briefing.key_points:
        assert point.context is None and not needs_context(point.text)
        assert point in briefing.points


def test_key_points_cover_every_section_first(briefing) -> None:  # type: ignore[no-untyped-def]
    sections = {p.section for p in briefing.points if p.context is None}
    assert {p.section for p in briefing.key_points} == sections
    # In the sections' order, each section's best first.
    order = [key for key, _ in SECTIONS]
    keys = [(order.index(p.section), -p.score) for p in briefing.key_points]
    assert keys == sorted(keys)


def test_key_points_follow_the_sections_whatever_their_scores(briefing) -> None:  # type: ignore[no-untyped-def]
    """A point's score ranks it within its section: a business-heavy day's Trade points
    outscore its war, which still leads the top lines; the fourth line is the point
    closest to its own section's best."""
    from briefgen.compose import key_points

    by_section = {s.key: list(s.points) for s in briefing.sections}
    security = replace(by_section["security"][0], score=0.2)
    second_security = replace(
        by_section["security"][0], text="Velmar shelled the port of Arvand.", score=0.19
    )
    diplomacy = replace(by_section["diplomacy"][0], score=0.3)
    trade = [
        replace(by_section["trade"][0], score=s, text=f"Kessel Corp sold {n} mln tonnes of steel.")
        for n, s in ((1, 0.9), (2, 0.8))
    ]
    chosen = key_points([*trade, diplomacy, security, second_security], 4)
    assert [p.section for p in chosen] == ["security", "security", "diplomacy", "trade"]
    assert chosen[0] is security and chosen[1] is second_security and chosen[3] is trade[0]
    # A desk's own order of sections is followed.
    assert [p.section for p in key_points(chosen, 3, ["trade", "security", "diplomacy"])] == [
        "trade",
        "security",
        "diplomacy",
    ]


def test_a_very_long_article_is_read_only_as_far_as_it_is_ranked(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import briefgen.compose as compose_module
    from briefgen.nlp.summarize import MAX_RANKED_SENTENCES

    classified: list[str] = []
    real_classify = compose_module.classify

    def counting(text: str, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        classified.append(text)
        return real_classify(text, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(compose_module, "classify", counting)
    paragraphs = tuple(
        f"Troops of brigade {i} shelled the border town of Kessel overnight. "
        f"Ministers of country {i} agreed a tariff cut on steel exports."
        for i in range(1_500)
    )
    long_read = article("Harbour Post", "Everything that happened", *paragraphs)

    pick = article_candidates(long_read, Settings(), load_taxonomy())

    assert pick.sentences == 3_000  # every sentence is counted
    assert len(classified) <= MAX_RANKED_SENTENCES  # but only the ranked ones are read
    assert all(c.sentence.index < MAX_RANKED_SENTENCES for c in pick.candidates)
    assert pick.candidates


def test_whole_article_analyses_read_the_leading_text_only() -> None:
    from briefgen.bounds import ANALYSED_CHARS, leading_paragraphs, whole_text

    short = DAY_ARTICLES[0]
    assert whole_text(short) == f"{short.title}\n{short.text}"
    huge = article("Harbour Post", "Huge", "a" * 70_000, "b" * 70_000, "c" * 10)
    head = leading_paragraphs(huge)
    assert head == ("a" * 70_000, "b" * (ANALYSED_CHARS - 70_002))
    assert huge.text.startswith("\n\n".join(head))


@pytest.mark.parametrize(
    "title",
    [
        "In pictures: A winter on the Kessel Strait",
        "Harbour festival lights up the old town – in pictures",
        "Minister defends the steel deal - video",
        "Week in pictures: 3 - 9 March",
        "Gulls and ferries: Tuesday's top photos",
        "Raw footage: Seaside boardwalk fire",
    ],
)
def test_a_gallery_or_video_gives_no_point(title: str) -> None:
    from briefgen.nlp.quality import media_title

    assert media_title(title)
    assert _no_point_under(title)
    # The same text under a report's headline gives points.
    assert _candidates(DAY_ARTICLES[0])


def _no_point_under(title: str) -> bool:
    """Whether the day's first report, under ``title``, gives no candidate point while
    its sentences are still counted."""
    pick = article_candidates(replace(DAY_ARTICLES[0], title=title), Settings(), load_taxonomy())
    return pick.candidates == [] and pick.sentences > 0


@pytest.mark.parametrize(
    "title",
    [
        "How to Deal With a Scrooge Client",
        "7 Powerful Ways to Convert Neutral Traffic into Paying Customers",
        "10 tips for exporters facing the new Kessel tariffs",
        # A campaign's page: it calls the reader to act.
        "Send a fax to the Nordvik Development Bank",
        "Sign the petition against the Kessel dam",
    ],
)
def test_a_how_to_or_a_list_of_tips_gives_no_point(title: str) -> None:
    from briefgen.nlp.quality import advice_title

    assert advice_title(title)
    assert _no_point_under(title)


@pytest.mark.parametrize(
    "title",
    [
        "Velmar raises 7 tariffs on Nordvik steel",
        "How the Kessel talks collapsed",
        "Arvand says 3 ways across the border are now closed",
        "Five things to know",  # no figure: not read as a list of tips
        "Sign of slowing in Velmar money growth",
        "Velmar sends a letter of protest to Nordvik",
    ],
)
def test_a_report_with_a_figure_or_a_how_is_still_a_report(title: str) -> None:
    from briefgen.nlp.quality import advice_title

    assert not advice_title(title)


@pytest.mark.parametrize(
    ("title", "url"),
    [
        (
            "A night of applause for the president",
            "https://courier.example/commentisfree/2018/jan/30/night",
        ),
        (
            "Why the Kessel talks failed",
            "https://courier.example/opinion/2018/01/31/kessel-talks.html",
        ),
        ("A tariff war nobody wins", "https://courier.example/world/editorials/tariff-war"),
        ("Opinion: Arvand has run out of road", "https://courier.example/world/2018/arvand"),
        ("Comment - the Kessel Strait needs a treaty", None),
        ("The Courier view on the Kessel Strait: hold fire", None),
        ("Arvand must talk | Letters", None),
    ],
)
def test_a_column_an_editorial_or_a_letter_gives_no_point(title: str, url: str | None) -> None:
    from briefgen.nlp.quality import opinion_piece

    piece = replace(DAY_ARTICLES[0], title=title, url=url)
    assert opinion_piece(piece)
    pick = article_candidates(piece, Settings(), load_taxonomy())
    assert pick.candidates == [] and pick.sentences > 0


@pytest.mark.parametrize(
    ("title", "url"),
    [
        ("Missiles fired across Kessel Strait", "https://courier.example/world/2018/jan/30/strait"),
        # A word of the labels inside a headline or a link's page name is no label.
        (
            "Arvand invites comment on its new tariff plan",
            "https://courier.example/opinion-poll-arvand",
        ),
        (
            "Letters from the Kessel front reach families",
            "https://courier.example/world/letters-home",
        ),
        (
            "Opinion-poll lead widens for Arvand's ruling party",
            "https://courier.example/world/poll",
        ),
        ("Missiles fired across Kessel Strait", "https://courier.example/world?from=/opinion/"),
    ],
)
def test_a_report_that_names_opinion_or_letters_is_still_a_report(title: str, url: str) -> None:
    from briefgen.nlp.quality import opinion_piece

    piece = replace(DAY_ARTICLES[0], title=title, url=url)
    assert not opinion_piece(piece)
    assert article_candidates(piece, Settings(), load_taxonomy()).candidates


def test_a_transcript_gives_no_point() -> None:
    report = article(
        "Northern Courier",
        "Arvand advances into Kessel",
        *(p for a in DAY_ARTICLES for p in a.paragraphs),  # a whole report's length
    )
    labelled = [
        f"{speaker}: {paragraph}"
        for speaker, paragraph in zip(
            ("MINISTER OKAFOR", "Q", "MINISTER OKAFOR", "GEN. VELMAR"),
            report.paragraphs,
            strict=False,
        )
    ]
    briefing_room = replace(report, paragraphs=(*labelled, *report.paragraphs[len(labelled) :]))
    pick = article_candidates(briefing_room, Settings(), load_taxonomy())
    assert pick.candidates == [] and pick.sentences > 0
    # One labelled paragraph (a note) is no transcript.
    noted = replace(report, paragraphs=(*report.paragraphs[:-1], f"NOTE: {report.paragraphs[-1]}"))
    assert _candidates(noted)


@pytest.mark.parametrize(
    "title",
    [
        "New video shows riot at the port",
        "Watchdog fines bank over pictures of customers' cheques",
        "Photos of the minister were not taken at the summit, ministry says",
    ],
)
def test_a_report_about_pictures_is_still_a_report(title: str) -> None:
    from briefgen.nlp.quality import media_title

    assert not media_title(title)


def test_an_angle_does_not_borrow_the_outlets_of_the_story_it_reacts_to() -> None:
    from briefgen.compose import _corroboration

    def story(label: int, *outlets: str) -> StoryDecision:
        members = tuple(
            article(o, f"Strike on the Kessel platform {label}", "Text.") for o in outlets
        )
        decided = Classification(label="security", scores={}, confidence=0.9)
        return StoryDecision(label, members, decided)

    # One topic: an event four outlets report, one outlet's reaction to it, and two
    # reports of one event in other words (one outlet and two outlets).
    decisions = {
        0: story(0, "Northern Courier", "Baltic Wire", "Harbour Post", "Coastal Herald"),
        1: story(1, "Valley Post"),
    }
    same = sp.csr_matrix([[1.0, 0.0]])
    counts = _corroboration(decisions, {0: same, 1: same}, {0, 1}, set())
    assert counts == {0: 5, 1: 1}
    decisions = {2: story(2, "Northern Courier", "Baltic Wire"), 3: story(3, "Valley Post")}
    counts = _corroboration(decisions, {2: same, 3: same}, {2, 3}, set())
    assert counts == {2: 3, 3: 3}


#: A morning of one market's session reports from three outlets, and one trade story.
MARKET_DAY = [
    article(
        "Northern Courier",
        "Velmar Wheat Futures Open Firmer",
        "Velmar wheat futures opened firmer in light early trading, supported by export "
        "demand and dry weather in the growing regions, dealers said.",
        "Grain traders said the wheat market would watch the weekly export figures.",
    ),
    article(
        "Baltic Wire",
        "Velmar Wheat Futures Firmer At Midsession",
        "Velmar wheat futures held firmer at midsession, supported by export demand and "
        "dry weather in the growing regions, grain traders said.",
        "Export demand for wheat stayed strong through the session, traders said.",
    ),
    article(
        "Harbour Post",
        "Velmar Wheat Futures Close Firmer",
        "Velmar wheat futures closed firmer in light trading, supported by export demand "
        "and dry weather in the growing regions, dealers said.",
        "Grain exporters said wheat export demand would stay firm this month.",
    ),
    article(
        "Valley Post",
        "Nordvik and Okafor agree to cut tariffs on steel",
        "Nordvik and Okafor agreed to cut tariffs on steel and aluminium imports by half "
        "from April, the trade ministers of the two countries said on Tuesday.",
        "Exporters welcomed the trade deal, which officials said would lift investment.",
    ),
]


def test_a_trade_story_comes_before_a_market_s_routine_reports() -> None:
    briefing = compose(MARKET_DAY, Settings(), DAY, taxonomy=load_taxonomy(), generated_at=WHEN)
    trade = next(s for s in briefing.sections if s.key == "trade")
    titles = [p.source.title for p in trade.points]
    assert titles[0] == "Nordvik and Okafor agree to cut tariffs on steel"
    # The session reports are still there, below the news.
    assert any("Wheat Futures" in t for t in titles[1:])


#: One trade story told at length, in one article.
TARIFF_NEWS = article(
    "Valley Post",
    "Nordvik and Okafor agree to cut tariffs on steel",
    "Nordvik and Okafor agreed to cut tariffs on steel and aluminium imports by half "
    "from April, the trade ministers of the two countries said on Tuesday.",
    "Exporters welcomed the trade deal, which officials said would lift investment.",
    "The agreement also opens both countries' markets to each other's farm exports.",
    "Steelmakers in Okafor expect to sell 2 million tonnes more a year to Nordvik.",
    "Nordvik's carmakers said cheaper steel would cut their costs by a tenth.",
)


def test_a_thin_day_tells_a_routine_report_once() -> None:
    session = article(
        "Harbour Post",
        "Velmar Wheat Futures Close Firmer",
        "Velmar wheat futures closed firmer in light trading, supported by export demand "
        "and dry weather in the growing regions, dealers said.",
        "Exporters sold 400,000 tonnes of wheat to Okafor under the new trade agreement, the "
        "trade ministry said.",
        "Okafor's biggest carmaker agreed to buy a Nordvik steel mill for 2 billion dlrs.",
        "Nordvik's central bank raised interest rates to 4.5% to slow inflation.",
        "Berg Shipping said its freight rates on the Velmar route rose 12% in March.",
        "Arvand cut import duties on machinery to attract foreign investment in its factories.",
        "The Velmar trade deficit narrowed to 3 billion dlrs in February as imports fell.",
        "Corn futures on the Velmar exchange ended the session higher on export demand.",
    )
    news = TARIFF_NEWS
    for day in ([session], [session, news]):
        briefing = compose(day, Settings(), DAY, taxonomy=load_taxonomy(), generated_at=WHEN)
        titles = [p.source.title for s in briefing.sections for p in s.points]
        # More of an article may fill a thin day; a market's session is told once.
        assert titles.count(session.title) == 1, titles
    assert titles.count(news.title) > 1, titles


def test_a_top_line_names_someone_or_something(briefing) -> None:  # type: ignore[no-untyped-def]
    from briefgen.compose import key_points

    points = [p for s in briefing.sections for p in s.points]
    vague = replace(points[0], text="Some traders expect the rally to fade within a week.")
    chosen = key_points([vague, *points[1:]], 4)
    assert vague not in chosen
    assert points[1] in chosen
    # The same point in its own words, which name the strait, leads the top lines.
    assert key_points([points[0], *points[1:]], 4)[0] == points[0]


def test_trade_across_borders_weighs_more_than_one_country_s_business(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import briefgen.compose as composing

    home = article(
        "Valley Post",
        "Velmar Mutual cuts policy bonuses",
        "Velmar Mutual, the largest life insurer in the country, cut annual bonus rates on "
        "its with-profits policies to 2% from 2.5%, blaming weak share prices.",
        "It is the third cut in two years, and about 400,000 savers will receive less when "
        "their policies mature, the insurer said.",
    )
    # Between two states, named.
    neighbours = article(
        "Harbour Post",
        "Kenya eases its sugar dispute with Uganda",
        "Kenya will let in 100,000 more tonnes of sugar from Uganda a year, the finance "
        "ministry said on Tuesday, easing a long dispute between the two neighbours.",
        "Millers in both countries welcomed the decision, which officials said would lift "
        "investment in the region.",
    )
    day = [*DAY_ARTICLES, home, neighbours]
    # DAY_ARTICLES' steel tariff deal crosses borders by its words alone.
    tariffs = "Tariff deal cuts duties on steel"

    def trade_scores() -> dict[str, float]:
        b = compose(day, Settings(), DAY, taxonomy=load_taxonomy(), generated_at=WHEN)
        trade = next(s for s in b.sections if s.key == "trade")
        return {p.source.title: p.score for p in trade.points}

    weighted = trade_scores()  # scores are shown to 4 decimals
    monkeypatch.setattr(composing, "ABROAD_WEIGHT", 1.0)
    plain = trade_scores()
    for title in (neighbours.title, tariffs):
        assert weighted[title] == pytest.approx(plain[title] * 1.25, abs=1e-4), title
    assert weighted[home.title] == pytest.approx(plain[home.title], abs=1e-4)


FEED_ITEM = article(
    "Baltic Wire",
    "Arvand and Kessel agree to reopen the Kessel Strait to shipping",
    "The two ministers agreed to restart trade negotiations during talks in Geneva.",
)


def test_a_feed_items_first_line_is_read_under_its_headline() -> None:
    from briefgen.compose import HEADLINE_CONTEXT_SENTENCES

    first = FEED_ITEM.paragraphs[0]
    assert needs_context(first)  # "The two ministers" are named only by the headline
    (candidate,) = _candidates(FEED_ITEM)
    assert candidate.sentence.text == first and candidate.context == FEED_ITEM.title
    briefing = compose([FEED_ITEM], Settings(), DAY, taxonomy=load_taxonomy(), generated_at=WHEN)
    (point,) = briefing.points
    assert (point.text, point.context) == (first, FEED_ITEM.title)

    # A whole report's lead is written to stand alone: one that leans on its headline
    # is no point.
    report = replace(
        FEED_ITEM,
        paragraphs=(first, *(p for a in DAY_ARTICLES for p in a.paragraphs)),
    )
    assert len(split_article(report)) > HEADLINE_CONTEXT_SENTENCES
    assert all(c.sentence.index != 0 for c in _candidates(report))


def test_a_feed_items_line_is_a_top_line_shown_under_its_headline() -> None:
    """A top line is read on its own: a feed item's first line qualifies with the
    headline it was written under, shown before it in every edition; a line that leans
    on the sentence before it does not."""
    import lxml.html

    from briefgen.compose import key_points
    from briefgen.deliver.editions import _edition
    from briefgen.render import briefing_to_dict, render_html, render_text
    from briefgen.render.archive import _entry

    briefing = compose([FEED_ITEM], Settings(), DAY, taxonomy=load_taxonomy(), generated_at=WHEN)
    (point,) = briefing.points
    assert point.under_headline
    assert briefing.key_points == (point,)
    shown = f"{FEED_ITEM.title} — {point.display_text}"

    assert f"* {shown} [1]" in " ".join(render_text(briefing).split())
    page = lxml.html.document_fromstring(render_html(briefing, Settings()))
    (line,) = page.get_element_by_id("key-points").iter("li")
    assert line.find_class("kp-headline")[0].text_content() == FEED_ITEM.title
    assert shown in " ".join(line.text_content().split())
    data = briefing_to_dict(briefing)
    assert [kp.text for kp in _entry(DAY, Path("briefing.json"), data).key_points] == [shown]
    edition = _edition(DAY, Path("."), Path("briefing.json"), data)  # the feed, the e-mail
    assert [kp.text for kp in edition.key_points] == [shown]

    leaning = replace(point, context="Two ministers from Velmar and Arvand met in Geneva.")
    assert not leaning.under_headline
    assert key_points([leaning], 4) == ()


def test_a_feed_items_first_line_on_the_meeting_its_headline_names() -> None:
    """A bare "the meeting" in a feed item's first line is the one its headline tells
    of: the headline is shown above it. A report's lead has its headline only in the
    citation, as a line under a headline that cannot carry it has."""
    item = article(
        "Baltic Wire",
        "Okafor accepts Kessel's invitation to meet at the border",
        'The talks on Sunday might be "little more than a handshake," said Okafor.',
    )
    under = [
        item,
        # "the plan", "the measure", "the drone" the headline named.
        (
            "Okafor's plan for peace on the strait met with scepticism in Kessel",
            "Though some in Kessel have praised the plan, it has been widely rejected by Arvand.",
        ),
        (
            "Velmar bans semi-automatic rifles after the Arvand mosque attacks",
            "The measure comes after the worst shooting in Velmar's history, in which 51"
            " people were killed.",
        ),
        (
            "Velmar shoots down Arvand 'spy' drone",
            "Velmar's coast guard claims the drone was flying over its territorial waters.",
        ),
        # "the area" the headline names.
        (
            "Airlines reroute flights around Arvand airspace after the strike",
            "Velmar Air, Kessel and Nordjet are among the airlines avoiding the area"
            " while tension lasts.",
        ),
    ]
    for feed_item in under:
        if isinstance(feed_item, tuple):
            feed_item = article("Baltic Wire", *feed_item)
        (candidate,) = _candidates(feed_item)
        assert candidate.context == feed_item.title
    question = replace(item, title="Will Okafor meet Kessel's leader at the border?")
    (candidate,) = _candidates(question)
    assert candidate.context is None
    report = replace(item, paragraphs=(*item.paragraphs, *DAY_ARTICLES[0].paragraphs))
    first = _candidates(report)
    assert [c.context for c in first if c.sentence.index == 0] == [None]


def test_which_country_a_feed_item_means_its_headline_says() -> None:
    item = article(
        "Baltic Wire",
        "Arvand says it will not surrender to Kessel's sanctions",
        "The country accused Kessel of harbouring a wild dream to bring it to its knees.",
    )
    (candidate,) = _candidates(item)
    assert candidate.context == item.title


@pytest.mark.parametrize(
    "title",
    [
        "Will Arvand and Kessel reopen the strait?",  # a question
        "FREE PREVIEW",  # page furniture
        "The two ministers agreed to restart trade…",  # the text's own opening, cut short
        "They agree at last",  # leans on what came before, and names no one
    ],
)
def test_a_headline_that_tells_nothing_carries_no_first_line(title: str) -> None:
    item = replace(FEED_ITEM, title=title)
    assert _candidates(item) == []


def _topics_alike(cosine: float) -> tuple[sp.csr_matrix, sp.csr_matrix]:
    """Two unit topic vectors whose likeness (cosine) is ``cosine``."""
    return sp.csr_matrix([[1.0, 0.0]]), sp.csr_matrix([[cosine, (1 - cosine**2) ** 0.5]])


def _security_stories(*articles: Article) -> dict[int, StoryDecision]:
    """Each of ``articles`` a story of its own, filed in Security, labelled by its position."""
    decided = Classification(label="security", scores={}, confidence=0.9)
    return {n: StoryDecision(n, (a,), decided) for n, a in enumerate(articles)}


def test_two_feed_summaries_of_one_event_are_told_once() -> None:
    """Two stories told only in brief (a feed's few lines each) read as one topic at a
    lower likeness than two whole reports: they share fewer words."""
    from briefgen.compose import (
        BRIEF_TOPIC_REDUNDANCY,
        TOPIC_REDUNDANCY,
        _brief_stories,
        _same_topic,
    )

    summary = article(
        "Baltic Wire", "Arvand advances into Kessel", "Arvand's troops crossed into Kessel."
    )
    report = article(
        "Northern Courier",
        "Arvand advances into Kessel",
        *(p for a in DAY_ARTICLES for p in a.paragraphs),  # a whole report's length
    )
    decisions = _security_stories(
        summary, replace(summary, title="Kessel declares an emergency"), report
    )
    brief = _brief_stories(decisions, decisions)
    assert brief == {0, 1}
    # Two topics whose likeness lies between the two thresholds.
    one, other = _topics_alike((BRIEF_TOPIC_REDUNDANCY + TOPIC_REDUNDANCY) / 2)
    assert _same_topic({0: one, 1: other}, [0], 1, brief)
    assert not _same_topic({0: one, 2: other}, [0], 2, brief)
    assert not _same_topic({0: one, 1: other}, [0], 1)


def test_two_feed_summaries_that_name_one_place_are_told_once() -> None:
    """Two summaries of one event from two outlets may share fewer words still, yet give
    the same place: that name (one no gazetteer knows, not a country, a day or an
    agency) makes them one event; a country both name does not."""
    from briefgen.compose import (
        BRIEF_NAMED_REDUNDANCY,
        BRIEF_TOPIC_REDUNDANCY,
        _same_topic,
        _story_names,
    )

    report = article(
        "Baltic Wire",
        "Arvand launches a ground assault",
        "Troops crossed into the western Ostrava region on Tuesday, Reuters reported.",
    )
    analysis = article(
        "Northern Courier",
        "What the incursion tells of the war",
        "The attack on Ostrava has led some in Russia to call for a deeper push.",
    )
    elsewhere = article(
        "Harbour Times",
        "Protests spread",
        "Thousands marched in Russia on Tuesday against the government, Reuters reported.",
        "They called on President Okafor to resign.",
    )
    decisions = _security_stories(report, analysis, elsewhere)
    assert _story_names(decisions[0]) == {"Ostrava"}  # not "Tuesday", not "Reuters"
    assert "Ostrava" in _story_names(decisions[1])
    assert _story_names(decisions[2]) == {"Okafor"}  # not "Russia", not "President"

    @functools.cache
    def names(k: int) -> frozenset[str]:
        return _story_names(decisions[k])

    # Two topics whose likeness lies between the two thresholds.
    one, other = _topics_alike((BRIEF_NAMED_REDUNDANCY + BRIEF_TOPIC_REDUNDANCY) / 2)
    brief = frozenset(decisions)
    assert _same_topic({0: one, 1: other}, [0], 1, brief, names)
    assert not _same_topic({0: one, 2: other}, [0], 2, brief, names)
    assert not _same_topic({0: one, 1: other}, [0], 1, brief)
    assert not _same_topic({0: one, 1: other}, [0], 1, frozenset({0}), names)
    assert not _same_topic({1: one, 2: other}, [1], 2, brief, names)  # only "Russia", a country
    _, weaker = _topics_alike(BRIEF_NAMED_REDUNDANCY - 0.01)
    assert not _same_topic({0: one, 1: weaker}, [0], 1, brief, names)


def test_feed_summaries_of_one_event_are_told_by_its_news_not_by_a_view_of_it() -> None:
    """A correspondent's reading of an event may outrank the report of it; when both
    are a feed's summaries of one event, the report tells it, once."""
    report = article(
        "Baltic Wire",
        "Tarsk sends tanks over the Lunmark border",
        "Tarsk's tank columns and infantry moved over the border into Lunmark's Ostrava "
        "province on Tuesday, according to the Lunmark defence ministry.",
    )
    view = article(
        "Northern Courier",
        "Inga Holm: the push into Ostrava exposes Lunmark's failing war",
        "The push into Ostrava has made hardliners in Lunmark demand a wider military "
        "offensive against Tarsk.",
    )
    for day in ([view, report], [report, view], [*DAY_ARTICLES, view, report]):
        briefing = compose(day, Settings(), DAY, taxonomy=load_taxonomy(), generated_at=WHEN)
        assert [p.text for p in briefing.points if "Ostrava" in p.text] == [report.paragraphs[0]]


def test_a_story_is_told_by_its_news_not_by_what_happened_before() -> None:
    debt = article(
        "Valley Post",
        "Velmar suspends payments to foreign banks",
        "Velmar's president said his country would stop paying interest to its creditor "
        "banks for a year after last week's earthquake.",
        "Velmar had already suspended payments to foreign banks, which are owed most of "
        "its 5 billion dlr foreign debt, from January because of falling oil exports.",
    )
    shelling = article(
        "Capital Wire",
        "Rebels shell Kessel airport",
        "Rebels shelled the airport of Kessel overnight, killing four soldiers, the army said.",
        "The army said it had pushed the rebels back into the hills.",
    )
    envoy = article(
        "Capital Wire",
        "Nordvik recalls envoy from Okafor",
        "Nordvik recalled its ambassador from Okafor after a row over fishing rights, the "
        "foreign ministry said.",
        "The two governments will meet in Geneva next month.",
    )
    briefing = compose(
        [debt, shelling, envoy], Settings(), DAY, taxonomy=load_taxonomy(), generated_at=WHEN
    )
    trade = next(s for s in briefing.sections if s.key == "trade")
    # The past perfect ranks first in its article, but tells the story's background.
    assert [p.text for p in trade.points] == [debt.paragraphs[0]]


def test_a_reports_lead_is_a_candidate_even_below_the_articles_best() -> None:
    lead = "Velmar Steel said on Monday it would close its Nordvik mill in May."
    market = article(
        "Valley Post",
        "Velmar Steel to close Nordvik mill",
        lead,
        "Steel prices in Nordvik fell 2 pct as Nordvik steel output rose.",
        "Nordvik steel output rose 4 pct, and Nordvik steel prices fell.",
        "Nordvik steel exports fell as Nordvik steel prices and steel output fell.",
    )
    # One sentence an article (eight by default, which a long report's lead may miss).
    settings = Settings()
    settings = replace(settings, build=replace(settings.build, sentences_per_article=1))
    pick = article_candidates(market, settings, load_taxonomy())
    # Ranked below the article's best, the lead still tells what happened.
    assert pick.candidates[0].sentence.index != 0
    assert lead in [c.sentence.text for c in pick.candidates]


def test_a_first_sentence_tells_its_story_the_more_when_it_reads_as_the_news() -> None:
    from briefgen.compose import (
        CONTEXT_PENALTY,
        LEAD_BONUS,
        NEWS_LEAD_BONUS,
        Candidate,
        _telling,
    )
    from briefgen.models import Sentence

    lead = "Velmar Steel said it agreed to buy the Nordvik Iron mill for 40 mln dlrs."
    plain = "Velmar industry is growing faster than forecast, raising hopes of a recovery."
    detail = "The mill has about 2.1 mln shares and sold 400,000 tonnes of steel last year."
    deal = article("Valley Post", "Velmar Steel to buy Nordvik mill", lead, detail)
    label = Classification(label="trade", scores={"trade": 1.0})

    def candidate(text: str, index: int, local: float) -> Candidate:
        return Candidate(Sentence(text, deal.id, index, index), deal, local, None, label)

    # Ranked well below the first in its article, a report's lead still tells the
    # story first: the sentences after it give details.
    told = _telling(
        sp.csr_matrix((2, 1)), [candidate(lead, 0, 0.6), candidate(detail, 1, 1.0)], [0, 1]
    )
    assert told == [0.6 + NEWS_LEAD_BONUS, 1.0]
    told = _telling(
        sp.csr_matrix((2, 1)), [candidate(plain, 0, 0.65), candidate(detail, 1, 1.0)], [0, 1]
    )
    assert told == [0.65 + LEAD_BONUS, 1.0]
    assert told[0] > told[1]
    # A wire lead weighs more than another article's first line that does not read
    # as the news.
    assert NEWS_LEAD_BONUS > LEAD_BONUS > 0
    # The same sentence further down an article gains nothing.
    told = _telling(
        sp.csr_matrix((2, 1)), [candidate(lead, 2, 0.9), candidate(detail, 1, 1.0)], [0, 1]
    )
    assert told == [0.9, 1.0]
    # A sentence that needs the one before it tells the story less than one that
    # stands alone.
    leaning = replace(candidate("It was the ninth day of talks.", 2, 1.0), context=plain)
    told = _telling(sp.csr_matrix((2, 1)), [leaning, candidate(detail, 1, 0.8)], [0, 1])
    assert told == [1.0 - CONTEXT_PENALTY, 0.8]
    # A lead its article's ranking puts below most of its sentences (as TextRank put a
    # report's lead on a new central bank governor below a line on the task ahead of
    # him) still tells the story.
    told = _telling(
        sp.csr_matrix((2, 1)), [candidate(plain, 0, 0.36), candidate(detail, 6, 1.0)], [0, 1]
    )
    assert told[0] > told[1]


def test_on_a_thin_day_one_story_does_not_fill_the_page_others_share() -> None:
    from briefgen.compose import THIN_STORY_POINTS

    news = TARIFF_NEWS
    shelling = article(
        "Capital Wire",
        "Rebels shell Kessel airport",
        "Rebels shelled the airport of Kessel overnight, killing four soldiers, the army said.",
        "The army said it had pushed the rebels back into the hills.",
    )
    counts = []
    for day in ([news], [news, shelling]):
        briefing = compose(day, Settings(), DAY, taxonomy=load_taxonomy(), generated_at=WHEN)
        counts.append(
            [p.source.title for s in briefing.sections for p in s.points].count(news.title)
        )
    # Alone, the article still makes a briefing; beside another story, it gives two points.
    assert counts[0] > THIN_STORY_POINTS
    assert counts[1] == THIN_STORY_POINTS


def test_a_reader_of_one_section_gets_its_own_top_lines(briefing) -> None:  # type: ignore[no-untyped-def]
    from briefgen.compose import key_points
    from briefgen.models import Section
    from briefgen.readers import only_sections

    first = {s.key: s.points[0] for s in briefing.sections}
    trade = [
        replace(first["trade"], text=f"Kessel Corp sold {n} mln tonnes of steel abroad.", score=v)
        for n, v in ((1, 0.9), (2, 0.8), (3, 0.7))
    ]
    points = {"security": [first["security"]], "diplomacy": [first["diplomacy"]], "trade": trade}
    sections = tuple(Section(s.key, s.title, tuple(points[s.key])) for s in briefing.sections)
    whole = replace(
        briefing,
        sections=sections,
        key_points=key_points([p for s in sections for p in s.points], 4),
    )
    assert sum(p.section == "trade" for p in whole.key_points) == 2
    part = only_sections(whole, ["trade"], 4)
    assert part.key_points == tuple(trade)
    assert part.stats.points == 3
    assert [s.key for s in part.sections] == ["trade"]


def test_on_a_thin_day_a_sentence_one_word_files_is_no_point_of_its_own() -> None:
    from briefgen.compose import THIN_SENTENCE_CONFIDENCE

    plant = article(
        "Capital Wire",
        "Velmar steelmaker opens Arvand plant",
        "Velmar Steel opened a plant in Arvand on Monday that will export 2 mln tonnes of"
        " steel a year, the company said.",
        "Schoolchildren can visit a museum of old mining tools and lamps beside the main"
        " gate of the works.",
        "Velmar Steel said exports to Nordvik would rise 9 pct under the new tariff deal"
        " signed in March.",
        "The Velmar army fired two missiles at rebel positions near the Arvand border on"
        " Monday, officials said.",
    )
    visit = classify(plant.paragraphs[1], load_taxonomy(), context=plant.title)
    assert visit.label == "diplomacy" and visit.confidence < THIN_SENTENCE_CONFIDENCE
    briefing = compose([plant], Settings(), DAY, taxonomy=load_taxonomy(), generated_at=WHEN)
    by_section = {s.key: [p.text for p in s.points] for s in briefing.sections}
    # "visit" alone does not make the museum Diplomacy; the missiles plainly are Security.
    assert by_section["diplomacy"] == []
    assert by_section["security"] == [plant.paragraphs[3]]
    assert len(by_section["trade"]) == 2
    # The story's own point (Trade) weighs most: the further sentence in Security, a
    # section the page shows first, takes neither its rank nor its weight.
    score = {p.text: p.score for p in briefing.points}
    assert score[plant.paragraphs[0]] > score[plant.paragraphs[3]] > score[plant.paragraphs[2]]


QUOTED_REPORT = article(
    "Northern Courier",
    "Kessel ministry report faults strait patrols",
    "The Kessel defence ministry published a report on Monday on the strait patrols.",
    'Its authors write: "The navy patrols the Kessel Strait with too few ships. The '
    "patrols of the Kessel Strait leave the eastern approaches open to smugglers for "
    'weeks at a time. We ask the ministry to act before winter."',
    "The ministry said it would answer the report in parliament next month.",
)


def test_a_sentence_inside_a_quotation_is_no_point() -> None:
    """A quotation's middle sentence, shown alone, would read as the outlet's own claim,
    without its quotation marks or who said it."""
    from briefgen.compose import inside_quotation

    sentences = split_article(QUOTED_REPORT)
    middle = next(s for s in sentences if s.text.startswith("The patrols of the Kessel"))
    quoted = inside_quotation(sentences)
    assert [s.index for s in sentences if quoted[s.index]] == [middle.index, middle.index + 1]
    picked = _candidates(QUOTED_REPORT)
    assert picked and middle.index not in {c.sentence.index for c in picked}
    assert all(c.context is None or "patrols of" not in c.context for c in picked)

    # The same sentence told by the reporter is a candidate.
    told = replace(
        QUOTED_REPORT,
        paragraphs=(QUOTED_REPORT.paragraphs[0], middle.text, QUOTED_REPORT.paragraphs[2]),
    )
    picked = _candidates(told)
    assert middle.text in {c.sentence.text for c in picked}


def test_a_line_that_cannot_be_shown_is_no_context_either() -> None:
    """A point leaning on the sentence before it shows that sentence as its context: a
    line pointing at the page ("… are listed below.") or a question cannot be a point,
    and is no context for one; a story of long ago can be."""
    notices = article(
        "Valley Post",
        "Current Travel Notices",
        "The Kessel Foreign Ministry issues Travel Notices on short-term risks to its "
        "citizens abroad. The current Travel Notices are listed below. In addition to this "
        "list, the ministry issues a country sheet for every state with its health "
        "conditions, currency rules and the nearest embassy or consulate.",
    )
    sentences = split_article(notices)
    leaning = sentences[2].text
    assert leaning.startswith("In addition to this list") and needs_context(leaning)
    assert _candidate(sentences, 2, notices, load_taxonomy()) is None

    rhetorical = article(
        "Valley Post",
        "Tanker deal",
        "The Velmar shipyard will still be there, building tankers, so what is the rush? "
        "Anyway, the Arvand yard could build the tankers with enough Velmar parts.",
    )
    assert not any(c.sentence.text.startswith("Anyway") for c in _candidates(rhetorical))

    background = article(
        "Valley Post",
        "Carrier back from bankruptcy",
        "In 2002, investors in the Kessel carrier Nordvik Telecom lost millions when it "
        "filed for bankruptcy. However, the firm has set its affairs in order and "
        "left bankruptcy protection on Monday, the Kessel ministry said.",
    )
    told = {c.sentence.text: c.context for c in _candidates(background)}
    assert any(t.startswith("However,") and c and c.startswith("In 2002") for t, c in told.items())


def test_a_quotation_is_read_across_the_sentences_of_a_paragraph_only() -> None:
    from briefgen.compose import inside_quotation

    run_on = article(
        "Baltic Wire",
        "Quotes run on",
        'The minister said: "We will reopen the strait. The ships will sail again.',
        "Shipping insurers lowered their premiums on Tuesday for vessels in the strait.",
        '"Every port will be open by the spring. Trade will follow," she said. The talks '
        "end on Friday with a joint statement on the strait.",
    )
    flags = inside_quotation(split_article(run_on))
    # A quotation left open where its paragraph ends does not run into the next; one
    # that opens again with a sentence's first mark ends the one before.
    assert flags == [False, True, False, False, True, False]


def test_an_encyclopedia_page_gives_no_point() -> None:
    """A reference page's facts are background, not the day's news; the same text
    written as a report gives its points."""
    text = (
        "Work began on the Kessel class patrol submarine in the late 1950s, though the "
        "lead boat of the Velmar navy was not completed until 1974."
    )
    page = replace(article("Velmar Navy Wiki", "Kessel class", text), standfirst="References")
    assert _candidates(page) == []
    page = article("Velmar Navy Wiki", "Kessel class", text, "External links")
    assert _candidates(page) == []
    report = article("Velmar Navy Wiki", "Kessel class", text)
    assert _candidates(report)


def test_a_texts_last_sentence_ending_in_an_ellipsis_was_cut_there() -> None:
    """A feed's description cut mid-sentence ("… as Defense Secretary Ann B...") is no
    point; an ellipsis inside the text is the writer's own."""
    item = article(
        "Baltic Wire",
        "Car bombs kill 11 in Kessel",
        "Two car bombs killed at least 11 people in Kessel on Sunday, officials said. "
        "Five more were wounded in Arvand... the police said later. "
        "The attacks came as Defense Secretary Ann B...",
    )
    texts = [c.sentence.text for c in _candidates(item)]
    assert texts[0].startswith("Two car bombs")
    assert any(t.startswith("Five more") for t in texts)
    assert not any(t.startswith("The attacks came") for t in texts)


@pytest.mark.parametrize(
    "credit",
    [
        "Photo: Ann Berg.",
        "Photo by Ann Berg.",
        "Kessel Army photo by Spc.",
        "(AP Photo/Ann Berg)",
        "Ann Berg / Reuters file",
        "(Ann Berg/AFP/Getty Images)",
        "(Photo: AP) KESSEL -- Police arrested 20 people at the Kessel base on Sunday.",
    ],
)
def test_the_line_before_a_photo_credit_is_a_caption_and_no_point(credit: str) -> None:
    caption = (
        "Velmar soldiers and Nordvik medics screened the children at a Kessel school on "
        "Dec. 18, the first visit of its kind."
    )
    page = article(
        "Valley Post",
        "Medics visit Kessel school",
        "Velmar troops opened a field clinic in Kessel on Saturday, the army said.",
        caption,
        credit,
        "The clinic will treat 300 people a day until the end of the month, the army said.",
    )
    told = [c.sentence.text for c in _candidates(page)]
    assert caption not in told
    assert told  # the story's own sentences still are points
    # Without the credit the same line reads as news.
    plain = replace(page, paragraphs=tuple(p for p in page.paragraphs if p != credit))
    assert caption in [c.sentence.text for c in _candidates(plain)]


def test_a_caption_of_two_lines_run_into_its_credit_is_no_point() -> None:
    shows = "A Velmar medic examines a boy's ears at a Kessel school on Saturday."
    caption = "Velmar medics screened 200 children at the Kessel school on Dec. 18."
    page = article(
        "Valley Post",
        "Medics visit Kessel school",
        f"{shows} {caption} Velmar Army photo by Ann Berg.",
        "Velmar troops opened a field clinic in Kessel on Saturday, the army said.",
        "The clinic will treat 300 people a day until the end of the month, the army said.",
    )
    told = [c.sentence.text for c in _candidates(page)]
    assert shows not in told and caption not in told
    assert "Velmar troops opened a field clinic in Kessel on Saturday, the army said." in told
    # In a paragraph of its own the credit takes only the line just before it.
    apart = replace(
        page, paragraphs=(f"{shows} {caption}", "Photo: Ann Berg.", *page.paragraphs[1:])
    )
    told = [c.sentence.text for c in _candidates(apart)]
    assert caption not in told and shows in told


@pytest.mark.parametrize(
    "line",
    [
        "Photographs by the agency were shown to the court in Kessel on Monday.",
        "The photo by Ann Berg won the Nordvik press prize on Friday.",
        "Pictures: the week in Kessel",
        "Images of the blast were shown on Velmar television.",
        # A poll's makers are no photographer and agency.
        "A Nordvik/Reuters poll showed support for the Kessel treaty falling.",
        "Nordvik/Reuters poll shows support for the Kessel treaty falling.",
    ],
)
def test_a_sentence_about_photographs_is_no_credit(line: str) -> None:
    assert not photo_credit(line)


@pytest.mark.parametrize(
    ("above", "shown"),
    [
        # Only a time stamp above it: the lead is the article's opening, and its place
        # before a dash its dateline.
        ("30/11/2004 09:15 - (VP)", "International concern grew on Thursday after"),
        # A sentence above it: a place and a dash further in are no dateline.
        (
            "Velmar's army chief resigned on Wednesday after a row over the budget.",
            "Arvand - International concern grew on Thursday after",
        ),
    ],
)
def test_a_place_and_a_dash_date_the_lead_under_a_time_stamp(above: str, shown: str) -> None:
    lead = (
        "Arvand - International concern grew on Thursday after Velmar said its troops "
        "would cross the border to pursue rebels hiding in the hills of Nordvik."
    )
    item = article("Valley Post", "Concern over Velmar grows", above, lead)
    briefing = compose([item], Settings(), DAY, taxonomy=load_taxonomy(), generated_at=WHEN)
    (point,) = [p for p in briefing.points if p.text == lead]
    assert point.display_text.startswith(shown)
    assert point.text[point.text_offset :] == point.display_text
