"""The [N] numbers of a briefing's sources: one numbering for HTML, PDF, text and JSON.

Sources are numbered in the order a reader meets them: the sections' points
(each point's own source, then the others that carried the story), then the
key points, then the quotes, then any other article the briefing lists.
"""

from __future__ import annotations

from dataclasses import dataclass

from briefgen.models import Briefing, Point, Source

#: Quotes shown at most; only those are numbered.
QUOTE_CAP = 6


@dataclass(frozen=True)
class Numbering:
    """Each cited article's number, and how many points it gave."""

    #: Sources in number order: ``sources[0]`` is [1].
    sources: tuple[Source, ...]
    #: Article id -> its number.
    numbers: dict[str, int]
    #: Article id -> points of the briefing that cite it.
    points: dict[str, int]

    def of(self, source: Source) -> int:
        return self.numbers[source.article_id]

    def of_point(self, point: Point) -> list[int]:
        """The numbers a point cites: its own source's first, each once."""
        return list(dict.fromkeys(self.of(s) for s in point.sources))


def number_sources(briefing: Briefing) -> Numbering:
    """Number every source of ``briefing`` in reading order; count the points each gave."""
    order: dict[str, Source] = {}
    counts: dict[str, int] = {}

    def add(source: Source) -> None:
        order.setdefault(source.article_id, source)
        counts.setdefault(source.article_id, 0)

    for point in briefing.points:
        for source in point.sources:
            add(source)
            counts[source.article_id] += 1
    for point in briefing.key_points:
        for source in point.sources:
            add(source)
    for quote in briefing.quotes[:QUOTE_CAP]:
        add(quote.source)
    for entry in briefing.sources:
        add(entry.source)
        # The composer's count is authoritative when it has one.
        counts[entry.source.article_id] = entry.points
    numbers = {article_id: n for n, article_id in enumerate(order, start=1)}
    return Numbering(tuple(order.values()), numbers, counts)
