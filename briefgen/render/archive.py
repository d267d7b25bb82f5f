"""``OUT/index.html``: every edition, newest first, with its key points and links.

With desks, each desk's archive is ``OUT/NAME/index.html`` and ``OUT/index.html``
lists the desks (:func:`write_desk_index`).

The page is rebuilt from the JSON files on disk rather than kept up to date
incrementally, so it is right after a rebuild, a deleted day or a crash.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from briefgen.atomic import write_atomic
from briefgen.config import Settings
from briefgen.layout import built_editions, shown_key_point
from briefgen.render.environment import long_date, render_template

if TYPE_CHECKING:
    from briefgen.desks import Desk

#: Key points shown per edition on the archive page.
ARCHIVE_KEY_POINTS = 5


@dataclass(frozen=True)
class ArchiveKeyPoint:
    text: str
    outlet: str
    section: str


@dataclass(frozen=True)
class ArchiveEntry:
    day: date
    long_date: str
    title: str
    edition: int
    points: int
    key_points: tuple[ArchiveKeyPoint, ...]
    #: Links relative to OUT/, None when that file was not built.
    html: str | None
    pdf: str | None
    json: str


def scan_editions(out: Path) -> list[ArchiveEntry]:
    """Editions found under ``out``, newest first; unreadable JSON files are left out."""
    entries = []
    for day, path in built_editions(out):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ValueError):
            continue
        if isinstance(data, dict):
            entries.append(_entry(day, path, data))
    return entries


def write_archive(settings: Settings) -> Path:
    """Rebuild ``settings.build.out / "index.html"`` and return its path."""
    out = settings.build.out
    entries = scan_editions(out)
    html = render_template(
        settings,
        "archive.html",
        {
            "title": settings.build.title,
            "organisation": settings.render.organisation,
            "marking": settings.render.marking.strip(),
            "editions": entries,
        },
    )
    return write_atomic(out / "index.html", html)


@dataclass(frozen=True)
class DeskEntry:
    name: str
    title: str
    #: Titles of the desk's sections, in reading order.
    sections: tuple[str, ...]
    editions: int
    latest: ArchiveEntry | None


def write_desk_index(settings: Settings, desks: Sequence[Desk]) -> Path:
    """Rebuild ``OUT/index.html``: the desks, each with its latest edition and its links."""
    entries = []
    for desk in desks:
        editions = scan_editions(desk.settings.build.out)
        entries.append(
            DeskEntry(
                name=desk.name,
                title=desk.title,
                sections=tuple(title for _, title in desk.sections),
                editions=len(editions),
                latest=editions[0] if editions else None,
            )
        )
    html = render_template(
        settings,
        "desks.html",
        {"organisation": settings.render.organisation, "desks": entries},
    )
    return write_atomic(settings.build.out / "index.html", html)


def _entry(day: date, path: Path, data: dict[str, Any]) -> ArchiveEntry:
    stem = f"{day.isoformat()}/briefing-{day.isoformat()}"
    key_points = []
    for item in _list(data.get("key_points"))[:ARCHIVE_KEY_POINTS]:
        if isinstance(item, dict) and isinstance(item.get("text"), str):
            source = _dict(item.get("source"))
            key_points.append(
                ArchiveKeyPoint(
                    shown_key_point(item), _str(source.get("outlet")), _str(item.get("section"))
                )
            )
    sections = [s for s in _list(data.get("sections")) if isinstance(s, dict)]
    stats = _dict(data.get("stats"))
    points = stats.get("points")
    if not isinstance(points, int) or isinstance(points, bool):
        points = sum(len(_list(s.get("points"))) for s in sections)
    edition = data.get("edition")
    return ArchiveEntry(
        day=day,
        long_date=long_date(day),
        title=_str(data.get("title")) or "Briefing",
        edition=edition if isinstance(edition, int) and not isinstance(edition, bool) else 1,
        points=points,
        key_points=tuple(key_points),
        html=f"{stem}.html" if path.with_suffix(".html").is_file() else None,
        pdf=f"{stem}.pdf" if path.with_suffix(".pdf").is_file() else None,
        json=f"{stem}.json",
    )


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _str(value: Any) -> str:
    return value if isinstance(value, str) else ""
