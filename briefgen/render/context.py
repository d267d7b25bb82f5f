"""What the templates see: a Briefing turned into numbered, capped, ready-to-print pieces.

Pure functions, no I/O. Citation numbers come from
:func:`briefgen.render.citations.number_sources`, the one numbering every
format shares, so the source list at the end reads [1], [2], [3] down the page. Every list is capped
so that a freak day cannot produce a hundred-page PDF.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Literal

from markupsafe import Markup

from briefgen.config import Settings
from briefgen.ingest.outlets import UNKNOWN_OUTLET
from briefgen.models import Actor, Briefing, Point, Quote, Source, Stats
from briefgen.render import charts
from briefgen.render.citations import QUOTE_CAP, number_sources
from briefgen.render.environment import hostname, long_date, source_name, web_url

Variant = Literal["web", "print", "email"]

#: Most entries in the source list, per variant; the rest are counted ("and N more").
SOURCE_CAP: dict[str, int] = {"web": 200, "print": 60, "email": 60}
#: Most other outlets named under one point.
OUTLET_CAP = 6
ACTOR_CAP = 15
#: Bars in the coverage-by-outlet chart.
OUTLET_BARS = 8


@dataclass(frozen=True)
class Citation:
    """A numbered reference to the source list; ``anchor`` is None when the entry is not shown."""

    number: int
    source: Source
    anchor: str | None


_Cite = Callable[[Source], Citation]


@dataclass(frozen=True)
class PointView:
    point: Point
    #: Element id of the point, e.g. "security-2".
    anchor: str
    section_title: str
    citation: Citation
    #: One citation per other outlet that carried the story.
    others: tuple[Citation, ...]
    #: Other outlets left out of ``others`` by the cap.
    more_outlets: int
    #: Distinct outlets, the cited one first.
    outlets: tuple[str, ...]
    #: A short label for the PDF bookmark.
    label: str


@dataclass(frozen=True)
class SectionView:
    key: str
    title: str
    anchor: str
    points: tuple[PointView, ...]
    #: Distinct articles cited in the section.
    sources: int


@dataclass(frozen=True)
class QuoteView:
    quote: Quote
    citation: Citation


@dataclass(frozen=True)
class SourceEntry:
    number: int
    anchor: str
    source: Source
    #: How many points of the briefing this article gave.
    points: int
    url: str | None
    host: str


@dataclass(frozen=True)
class Chart:
    anchor: str
    title: str
    svg: Markup


@dataclass(frozen=True)
class BriefingView:
    briefing: Briefing
    variant: str
    title: str
    long_date: str
    #: "Daily Briefing — Thursday 31 August 2017": the PDF title.
    document_title: str
    subject: str
    keywords: tuple[str, ...]
    marking: str
    organisation: str
    #: build.timezone: the zone times are shown in, with its name ("06:15 BST").
    timezone: str
    #: W3C date-time for the PDF metadata (SOURCE_DATE_EPOCH when set).
    created: datetime
    sections: tuple[SectionView, ...]
    key_points: tuple[PointView, ...]
    quotes: tuple[QuoteView, ...]
    actors: tuple[tuple[str, tuple[Actor, ...]], ...]
    sources: tuple[SourceEntry, ...]
    sources_hidden: int
    stats: Stats
    charts: tuple[Chart, ...]
    #: (anchor, label) for the table of contents.
    toc: tuple[tuple[str, str], ...]


def build_view(briefing: Briefing, settings: Settings, variant: Variant) -> BriefingView:
    """Everything a template needs, computed once."""
    numbering = number_sources(briefing)
    cap = SOURCE_CAP[variant]
    entries = tuple(
        SourceEntry(
            n,
            f"src-{n}",
            src,
            numbering.points[src.article_id],
            web_url(src.url),
            hostname(src.url),
        )
        for n, src in enumerate(numbering.sources, start=1)
        if n <= cap
    )

    def cite(source: Source) -> Citation:
        number = numbering.of(source)
        return Citation(number, source, f"src-{number}" if number <= cap else None)

    sections: list[SectionView] = []
    by_sentence: dict[tuple[str, int], PointView] = {}
    for section in briefing.sections:
        views = []
        for i, point in enumerate(section.points, start=1):
            view = _point_view(point, f"{section.key}-{i}", section.title, cite)
            views.append(view)
            by_sentence.setdefault((point.source.article_id, point.sentence_index), view)
        cited = {s.article_id for p in section.points for s in p.sources}
        sections.append(
            SectionView(
                section.key, section.title, f"section-{section.key}", tuple(views), len(cited)
            )
        )
    key_points = tuple(
        by_sentence.get((p.source.article_id, p.sentence_index))
        or _point_view(p, f"key-{i}", _title_of(briefing, p), cite)
        for i, p in enumerate(briefing.key_points, start=1)
    )
    quotes = tuple(QuoteView(q, cite(q.source)) for q in briefing.quotes[:QUOTE_CAP])
    actors = _actors(briefing.actors)
    chart_list = _charts(sections, briefing.points) if variant != "email" else ()
    day = long_date(briefing.date)
    toc = _toc(briefing, sections, quotes, actors, chart_list, entries)
    names = [a.name for group in actors for a in group[1]][:8]
    return BriefingView(
        briefing=briefing,
        variant=variant,
        title=briefing.title,
        long_date=day,
        document_title=f"{briefing.title} — {day}",
        subject=f"{' / '.join(s.title for s in briefing.sections)} briefing for {day}",
        keywords=(*(s.title for s in briefing.sections), *names),
        marking=settings.render.marking.strip(),
        organisation=settings.render.organisation,
        timezone=settings.build.timezone,
        created=_created(briefing.generated_at),
        sections=tuple(sections),
        key_points=key_points,
        quotes=quotes,
        actors=actors,
        sources=entries,
        sources_hidden=max(0, len(numbering.sources) - cap),
        stats=briefing.stats,
        charts=chart_list,
        toc=toc,
    )


def _point_view(point: Point, anchor: str, section_title: str, cite: _Cite) -> PointView:
    outlets: list[str] = []
    others: list[Citation] = []
    seen: set[str] = set()
    for source in point.sources:
        # As the count was made: two unnamed sources are two.
        if source.outlet_key in seen:
            continue
        seen.add(source.outlet_key)
        outlets.append(source_name(source))
        if source is not point.source:
            others.append(cite(source))
    shown = tuple(others[:OUTLET_CAP])
    return PointView(
        point=point,
        anchor=anchor,
        section_title=section_title,
        citation=cite(point.source),
        others=shown,
        more_outlets=len(others) - len(shown),
        outlets=tuple(outlets),
        label=_label(point.display_text),
    )


def _title_of(briefing: Briefing, point: Point) -> str:
    for section in briefing.sections:
        if section.key == point.section:
            return section.title
    return point.section.title()


def _label(text: str, words: int = 9) -> str:
    """The first words of a point, for a bookmark: 'North Korea fired a missile over …'."""
    parts = text.split()
    short = " ".join(parts[:words])
    return short + " …" if len(parts) > words else short


def _actors(actors: tuple[Actor, ...]) -> tuple[tuple[str, tuple[Actor, ...]], ...]:
    top = sorted(actors, key=lambda a: (-a.mentions, a.name))[:ACTOR_CAP]
    groups = (("country", "Countries"), ("person", "People"), ("organisation", "Organisations"))
    return tuple(
        (label, tuple(a for a in top if a.kind == kind))
        for kind, label in groups
        if any(a.kind == kind for a in top)
    )


def _charts(sections: list[SectionView], points: tuple[Point, ...]) -> tuple[Chart, ...]:
    if not points:
        return ()
    per_section = charts.section_chart(
        [(s.key, s.title, len(s.points), s.sources) for s in sections], chart_id="chart-sections"
    )
    by_section = Chart("chart-sections", "Points and sources by section", per_section)
    # Only named outlets: a bar for "Unknown outlet" (local files) tells a reader nothing.
    coverage: dict[str, int] = {}
    for point in points:
        for outlet in {s.outlet for s in point.sources} - {UNKNOWN_OUTLET}:
            coverage[outlet] = coverage.get(outlet, 0) + 1
    if not coverage:
        return (by_section,)
    ranked = sorted(coverage.items(), key=lambda item: (-item[1], item[0]))
    per_outlet = charts.outlet_chart(ranked[:OUTLET_BARS], len(ranked), chart_id="chart-outlets")
    return (by_section, Chart("chart-outlets", "Coverage by outlet", per_outlet))


def _toc(
    briefing: Briefing,
    sections: list[SectionView],
    quotes: tuple[QuoteView, ...],
    actors: tuple[tuple[str, tuple[Actor, ...]], ...],
    chart_list: tuple[Chart, ...],
    sources: tuple[SourceEntry, ...],
) -> tuple[tuple[str, str], ...]:
    toc: list[tuple[str, str]] = []
    if briefing.key_points:
        toc.append(("key-points", "Key points"))
    toc += [(s.anchor, s.title) for s in sections]
    if quotes or actors:
        toc.append(("quotes-actors", "Quotes and actors"))
    if chart_list:
        toc.append(("coverage", "Coverage"))
    if sources:
        toc.append(("sources", "Sources"))
    toc.append(("statistics", "Statistics"))
    return tuple(toc)


def _created(generated_at: datetime) -> datetime:
    """SOURCE_DATE_EPOCH when set (reproducible builds), else the briefing's generation time."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), UTC)
    return generated_at if generated_at.tzinfo else generated_at.replace(tzinfo=UTC)
