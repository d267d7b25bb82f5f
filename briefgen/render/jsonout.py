"""The briefing as JSON: the machine-readable edition the archive, the mailer and the next
day's build (``new`` / ``continuing``) read back."""

from __future__ import annotations

import json
import math
from dataclasses import asdict
from datetime import UTC, datetime
from typing import Any

from briefgen.models import Briefing, Classification, Point, Source
from briefgen.render.citations import Numbering, number_sources


def briefing_to_dict(briefing: Briefing) -> dict[str, Any]:
    """Every field of the briefing as plain JSON types (dates as ISO 8601 strings).

    ``sources`` are in the order of their [N] numbers in the HTML, PDF and text,
    each with its ``number``; each point and quote gives the numbers it cites.
    """
    numbering = number_sources(briefing)
    return {
        "date": briefing.date.isoformat(),
        "generated_at": _when(briefing.generated_at),
        "title": briefing.title,
        "edition": briefing.edition,
        "key_points": [
            {**point_to_dict(p, numbering), "section": p.section} for p in briefing.key_points
        ],
        "sections": [
            {
                "key": section.key,
                "title": section.title,
                "points": [point_to_dict(p, numbering) for p in section.points],
            }
            for section in briefing.sections
        ],
        "quotes": [
            {
                "text": q.text,
                "speaker": q.speaker,
                "role": q.role,
                "source": source_to_dict(q.source),
                "citation": numbering.numbers.get(q.source.article_id),
            }
            for q in briefing.quotes
        ],
        "actors": [
            {"name": a.name, "kind": a.kind, "mentions": a.mentions} for a in briefing.actors
        ],
        "sources": [
            {"number": n, **source_to_dict(s), "points": numbering.points[s.article_id]}
            for n, s in enumerate(numbering.sources, start=1)
        ],
        "stats": asdict(briefing.stats),
    }


def briefing_to_json(briefing: Briefing) -> str:
    """``briefing_to_dict`` serialised: indented, UTF-8 text kept as is, strict JSON (no NaN)."""
    return (
        json.dumps(briefing_to_dict(briefing), ensure_ascii=False, indent=2, allow_nan=False) + "\n"
    )


def point_to_dict(point: Point, numbering: Numbering | None = None) -> dict[str, Any]:
    """The point; with ``numbering``, also the [N] numbers it cites, its own source's first."""
    return {
        "text": point.text,
        "display_text": point.display_text,
        "text_offset": point.text_offset,
        "named": [{"surname": surname, "before": before} for surname, before in point.named],
        "context": point.context,
        "citations": numbering.of_point(point) if numbering else [],
        "source": source_to_dict(point.source),
        "also_reported_by": [
            {**source_to_dict(source), **_carried(point, k)}
            for k, source in enumerate(point.also_reported_by)
        ],
        "source_count": point.source_count,
        "article_id": point.source.article_id,
        "sentence_index": point.sentence_index,
        "score": _number(point.score),
        "new": point.new,
        "classification": _classification(point.classification),
    }


def _carried(point: Point, k: int) -> dict[str, Any]:
    """Where the ``k``-th other source carries the point's fact: its sentence's index
    in that article and the sentence verbatim (nothing when not known)."""
    if k >= len(point.carried_by):
        return {}
    index, text = point.carried_by[k]
    return {"sentence_index": index, "sentence": text}


def source_to_dict(source: Source) -> dict[str, Any]:
    """The source; ``published`` is only a day (``2017-08-31``) when it gave no time."""
    return {
        "title": source.title,
        "outlet": source.outlet,
        "url": source.url,
        "published": (
            source.published.astimezone(UTC).date().isoformat()
            if source.date_only
            else _when(source.published)
        ),
        "date_only": source.date_only,
        "article_id": source.article_id,
    }


def _classification(value: Classification | None) -> dict[str, Any] | None:
    if value is None:
        return None
    return {
        "label": value.label,
        "scores": {k: _number(v) for k, v in value.scores.items()},
        "matched": {k: list(v) for k, v in value.matched.items()},
        "confidence": _number(value.confidence),
        # A story's section read from its headlines and first sentences alone.
        **({"read_from": value.read_from} if value.read_from else {}),
    }


def _number(value: float) -> float | None:
    """JSON has no NaN or infinity; a score that is not a number is left out as null."""
    return round(float(value), 6) if math.isfinite(value) else None


def _when(value: datetime) -> str:
    moment = value if value.tzinfo else value.replace(tzinfo=UTC)
    return moment.isoformat()
