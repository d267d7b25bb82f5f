"""The briefing as plain text, for the text/plain part of an e-mail."""

from __future__ import annotations

import textwrap

from briefgen.config import Settings
from briefgen.models import Briefing, Point
from briefgen.render.citations import QUOTE_CAP, Numbering, number_sources
from briefgen.render.environment import (
    date_time,
    long_date,
    outlet_label,
    published,
    published_day,
    source_name,
    stop,
    web_url,
)

WIDTH = 76


def render_text(briefing: Briefing, settings: Settings | None = None) -> str:
    """Key points, sections, quotes and numbered sources, wrapped at 76 columns.

    The handling marking (``render.marking``) opens and closes the text, as it
    heads and foots every page of the PDF; times are in ``build.timezone``.
    """
    settings = settings or Settings()
    zone = settings.build.timezone
    marking = settings.render.marking.strip()
    numbering = number_sources(briefing)

    heading = f"{briefing.title} — {long_date(briefing.date)} — No. {briefing.edition}"
    lines = [marking, ""] if marking else []
    lines += [heading, "=" * min(len(heading), WIDTH), ""]
    if briefing.key_points:
        lines += ["KEY POINTS", ""]
        for point in briefing.key_points:
            headline = f"{point.context} — " if point.under_headline else ""
            lines += _wrap(f"{headline}{point.display_text} [{numbering.of(point.source)}]", "* ")
        lines.append("")
    for section in briefing.sections:
        lines += [section.title.upper(), "-" * len(section.title), ""]
        if not section.points:
            # As the HTML and PDF editions say it.
            lines += [f"Nothing on {section.title.lower()} in today’s sources.", ""]
        for point in section.points:
            lines += _point(point, numbering, zone)
            lines.append("")
    if briefing.is_empty:
        lines += ["No points today.", ""]
    if briefing.quotes:
        lines += ["KEY QUOTES", ""]
        for quote in briefing.quotes[:QUOTE_CAP]:
            who = quote.speaker + (f", {quote.role}" if quote.role else "")
            lines += _wrap(
                f"“{quote.text.strip(chr(34) + '“”')}” — {who} [{numbering.of(quote.source)}]",
                "* ",
            )
        lines.append("")
    if numbering.sources:
        lines += ["SOURCES", ""]
        for number, src in enumerate(numbering.sources, start=1):
            outlet = f"{label}. " if (label := outlet_label(src)) else ""
            entry = f"{outlet}{src.title}{stop(src.title)} {published(src, zone)}."
            lines += _wrap(entry, f"[{number}] ")
            url = web_url(src.url)
            if url:
                lines.append(" " * len(f"[{number}] ") + url)
        lines.append("")
    stats = briefing.stats
    summary = (
        f"{stats.articles} articles read from {stats.publishers()}, "
        f"{stats.sentences} sentences, {stats.unclassified} unclassified, "
        f"{stats.skipped_inputs} inputs skipped"
        + (f", {stats.other_language} not in English left out" if stats.other_language else "")
        + ". "
        f"Generated {date_time(briefing.generated_at, zone)}."
    )
    lines += _wrap(summary, "")
    if marking:
        lines += ["", marking]
    return "\n".join(lines).rstrip() + "\n"


def _point(point: Point, numbering: Numbering, zone: str) -> list[str]:
    status = "NEW" if point.new else "CONTINUING"
    lines = _wrap(f"{point.display_text} [{numbering.of(point.source)}]", "- ")
    if point.context:
        lines += _wrap(f"Context: {point.context}", "  ")
    cite = f"{status} · {source_name(point.source)}, {published_day(point.source, zone)}"
    if point.source_count > 1:
        # One citation per other outlet, as the HTML gives them (each unnamed one apart).
        others: dict[str, tuple[str, int]] = {}
        for source in point.also_reported_by:
            if source.outlet_key != point.source.outlet_key:
                others.setdefault(source.outlet_key, (source_name(source), numbering.of(source)))
        also = ", ".join(f"{name} [{n}]" for name, n in others.values())
        cite += f" · reported by {point.source_count} sources (also {also})"
    lines += _wrap(cite, "  ")
    return lines


def _wrap(text: str, indent: str) -> list[str]:
    return textwrap.wrap(
        text, WIDTH, initial_indent=indent, subsequent_indent=" " * len(indent)
    ) or [indent.rstrip()]
