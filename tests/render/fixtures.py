"""A hand-built briefing with invented content: three sections, quotes, actors, a story
carried by three outlets, a point with context, and a hostile point text."""

from __future__ import annotations

from datetime import UTC, date, datetime

from briefgen.models import (
    Actor,
    Briefing,
    Classification,
    Point,
    Quote,
    Section,
    Source,
    SourceCount,
    Stats,
)

DAY = date(2017, 8, 31)
HOSTILE = (
    "The ministry's statement read <script>alert(1)</script> {{ 7*7 }} "
    '<img src="file:///etc/passwd"> before it was withdrawn.'
)


def _src(n: int, outlet: str, title: str, url: str | None, hour: int) -> Source:
    return Source(
        article_id=f"a{n:015d}",
        title=title,
        outlet=outlet,
        url=url,
        published=datetime(2017, 8, 31, hour, 15, tzinfo=UTC),
    )


HARBOUR = _src(
    1,
    "Northern Courier",
    "Patrol boats shadow freighter near Kessel Strait",
    "https://courier.example/news/kessel-strait-patrol",
    6,
)
HARBOUR_2 = _src(
    2,
    "Baltic Wire",
    "Navy escorts cargo ship through disputed strait",
    "https://www.balticwire.example/world/strait-escort",
    7,
)
HARBOUR_3 = _src(
    3,
    "Ζώνη Ειδήσεων",
    "Περιπολικά συνοδεύουν φορτηγό πλοίο",
    "https://zoni.example/article/1234",
    8,
)
SUMMIT = _src(
    4,
    "Daily Ledger",
    "Foreign ministers agree to resume Arvand talks",
    "https://ledger.example/2017/08/31/arvand-talks",
    9,
)
TARIFF = _src(
    5,
    "Market Observer",
    "Steel tariff review delayed until October",
    "https://observer.example/markets/steel-tariff",
    10,
)
PORT = _src(6, "Новости Севера", "Порт Ларвик открывает новый терминал", None, 11)
HOSTILE_SRC = _src(
    7, "Odd Gazette", "Ministry <b>withdraws</b> statement", "javascript:alert('x')", 12
)


def _point(text: str, source: Source, index: int, section: str, **kw: object) -> Point:
    return Point(
        text=text,
        source=source,
        sentence_index=index,
        score=0.9 - index / 100,
        section=section,  # type: ignore[arg-type]
        classification=Classification(
            label=section,  # type: ignore[arg-type]
            scores={"security": 0.1, "diplomacy": 0.1, "trade": 0.1, section: 2.5},
            matched={section: ("strait",) if section == "security" else ("talks",)},
            confidence=0.8,
        ),
        **kw,  # type: ignore[arg-type]
    )


SECURITY = (
    _point(
        "Two coastguard patrol boats shadowed the freighter Aurelia for six hours as it "
        "crossed the Kessel Strait on Wednesday night.",
        HARBOUR,
        0,
        "security",
        also_reported_by=(HARBOUR_2, HARBOUR_3),
    ),
    _point(
        "It was the third such escort this month, and the first to take place after dark.",
        HARBOUR_2,
        4,
        "security",
        context="Officials said the vessel had been carrying agricultural machinery.",
        new=False,
    ),
    _point(HOSTILE, HOSTILE_SRC, 2, "security"),
)
DIPLOMACY = (
    _point(
        "The foreign ministers of Arvand and Lusena agreed to resume direct talks in Geneva "
        "next month, ending a fourteen-month freeze.",
        SUMMIT,
        0,
        "diplomacy",
    ),
    _point(
        "Lusena's envoy said a prisoner exchange would be “the first item on the table”.",
        SUMMIT,
        3,
        "diplomacy",
        new=False,
    ),
)
TRADE = (
    _point(
        "The review of steel tariffs, due to conclude this week, has been postponed until "
        "the middle of October.",
        TARIFF,
        1,
        "trade",
    ),
    _point(
        "Портовое управление Ларвика сообщило, что новый терминал удвоит пропускную способность.",
        PORT,
        0,
        "trade",
    ),
)


def make_briefing(**changes: object) -> Briefing:
    """The fixture briefing; keyword arguments replace fields."""
    sections = (
        Section("security", "Security", SECURITY),
        Section("diplomacy", "Diplomacy", DIPLOMACY),
        Section("trade", "Trade", TRADE),
    )
    fields: dict[str, object] = {
        "date": DAY,
        "generated_at": datetime(2017, 8, 31, 6, 0, tzinfo=UTC),
        "title": "Daily Briefing",
        "sections": sections,
        "key_points": (SECURITY[0], DIPLOMACY[0], TRADE[0]),
        "sources": (
            SourceCount(HARBOUR, 1),
            SourceCount(HARBOUR_2, 2),
            SourceCount(HARBOUR_3, 1),
            SourceCount(HOSTILE_SRC, 1),
            SourceCount(SUMMIT, 2),
            SourceCount(TARIFF, 1),
            SourceCount(PORT, 1),
        ),
        "stats": Stats(
            articles=42,
            sentences=1318,
            candidates=210,
            unclassified=655,
            points=7,
            outlets=7,
            skipped_inputs=2,
        ),
        "edition": 12,
        "quotes": (
            Quote(
                "We will not be drawn into a confrontation at sea",
                "Mara Velk",
                "Arvand's defence minister",
                HARBOUR_2,
            ),
            Quote("“Talks are the only road left”", "Ion Sarrat", None, SUMMIT),
        ),
        "actors": (
            Actor("Arvand", "country", 9),
            Actor("Lusena", "country", 6),
            Actor("Mara Velk", "person", 3),
            Actor("Ion Sarrat", "person", 2),
            Actor("Kessel Strait Authority", "organisation", 2),
        ),
    }
    fields.update(changes)
    return Briefing(**fields)  # type: ignore[arg-type]


def with_unnamed_sources(briefing: Briefing) -> tuple[Briefing, Point]:
    """``briefing`` cut to its first point, told by two sources whose outlet is unknown
    (local files), and that point."""
    from dataclasses import replace

    from briefgen.ingest.outlets import UNKNOWN_OUTLET

    first = briefing.sections[0].points[0]
    unnamed = replace(first.source, outlet=UNKNOWN_OUTLET)
    other = replace(first.also_reported_by[0], outlet=UNKNOWN_OUTLET)
    point = replace(first, source=unnamed, also_reported_by=(other,))
    sections = (replace(briefing.sections[0], points=(point,)), *briefing.sections[1:])
    return replace(briefing, sections=sections, key_points=()), point
