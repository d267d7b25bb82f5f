"""Where an edition's files live: ``OUT/YYYY-MM-DD/briefing-YYYY-MM-DD.EXT``.

The JSON file marks an edition as built: it is written last, so the archive,
the feed, the mailer and the edition numbering all find editions by it.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path


def edition_folder(out: Path, day: date) -> Path:
    return out / day.isoformat()


def edition_file(out: Path, day: date, suffix: str) -> Path:
    """The edition's file with ``suffix``, e.g. ``.pdf`` or ``.email.html``."""
    return edition_folder(out, day) / f"briefing-{day.isoformat()}{suffix}"


def built_editions(out: Path) -> list[tuple[date, Path]]:
    """Every built edition under ``out`` as (day, JSON path), newest first."""
    found = []
    for path in out.glob("*/briefing-*.json"):
        try:
            day = date.fromisoformat(path.parent.name)
        except ValueError:
            continue
        if path == edition_file(out, day, ".json"):
            found.append((day, path))
    return sorted(found, reverse=True)
