"""The briefing as plain text, for the text/plain part of an e-mail."""

from __future__ import annotations

import textwrap

from briefgen.models import Briefing, Point
from briefgen.render.environment import date_time, long_date, short_date, web_url

WIDTH = 76


def render_text(briefing: Briefing) -> str:
    """Key points, sections, quotes and numbered sources, wrapped at 76 columns."""
    numbers: dict[str, int] = {}
    for point in (*briefing.points, *briefing.key_points):
        for source in point.sources:
            numbers.setdefault(source.article_id, len(numbers) + 1)
    for quote in briefing.quotes:
        numbers.setdefault(quote.source.article_id, len(numbers) + 1)

    heading = f"{briefing.title} — {long_date(briefing.date)} — No. {briefing.edition}"
    lines = [heading, "=" * min(len(heading), WIDTH), ""]
    if briefing.key_points:
        lines += ["KEY POINTS", ""]
        for point in briefing.key_points:
            lines += _wrap(f"{point.display_text} [{numbers[point.source.article_id]}]", "* ")
        lines.append("")
    for section in briefing.sections:
        lines += [section.title.upper(), "-" * len(section.title), ""]
        if not section.points:
            lines += ["Nothing today.", ""]
        for point in section.points:
            lines += _point(point, numbers)
            lines.append("")
    if briefing.is_empty:
        lines += ["No points today.", ""]
    if briefing.quotes:
        lines += ["KEY QUOTES", ""]
        for quote in briefing.quotes:
            who = quote.speaker + (f", {quote.role}" if quote.role else "")
            lines += _wrap(
                f"“{quote.text.strip(chr(34) + '“”')}” — {who} "
                f"[{numbers[quote.source.article_id]}]",
                "* ",
            )
        lines.append("")
    if numbers:
        lines += ["SOURCES", ""]
        sources = {s.article_id: s for p in briefing.points for s in p.sources}
        sources.update({s.article_id: s for p in briefing.key_points for s in p.sources})
        sources.update({q.source.article_id: q.source for q in briefing.quotes})
        for article_id, number in numbers.items():
            src = sources[article_id]
            entry = f"{src.outlet}. {src.title}. {date_time(src.published)}."
            lines += _wrap(entry, f"[{number}] ")
            url = web_url(src.url)
            if url:
                lines.append(" " * len(f"[{number}] ") + url)
        lines.append("")
    stats = briefing.stats
    summary = (
        f"{stats.articles} articles read from {stats.outlets} outlets, "
        f"{stats.sentences} sentences, {stats.unclassified} unclassified, "
        f"{stats.skipped_inputs} inputs skipped. Generated {date_time(briefing.generated_at)}."
    )
    lines += _wrap(summary, "")
    return "\n".join(lines).rstrip() + "\n"


def _point(point: Point, numbers: dict[str, int]) -> list[str]:
    status = "NEW" if point.new else "CONTINUING"
    lines = _wrap(f"{point.display_text} [{numbers[point.source.article_id]}]", "- ")
    if point.context:
        lines += _wrap(f"Context: {point.context}", "  ")
    cite = f"{status} · {point.source.outlet}, {short_date(point.source.published)}"
    if point.source_count > 1:
        others = sorted({s.outlet for s in point.also_reported_by} - {point.source.outlet})
        cite += f" · reported by {point.source_count} sources (also {', '.join(others)})"
    lines += _wrap(cite, "  ")
    return lines


def _wrap(text: str, indent: str) -> list[str]:
    return textwrap.wrap(
        text, WIDTH, initial_indent=indent, subsequent_indent=" " * len(indent)
    ) or [indent.rstrip()]
