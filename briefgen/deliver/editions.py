"""Built editions on disk: ``OUT/YYYY-MM-DD/briefing-YYYY-MM-DD.{json,pdf,html,email.html,txt}``.

Delivery and the feed read what the build wrote rather than rebuilding, so a
send never changes the words a reader gets from the ones on disk.
"""

from __future__ import annotations

import json
import textwrap
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from briefgen.errors import InputError
from briefgen.layout import (
    built_editions,
    edition_folder,
    read_manifest,
    shown_key_point,
    shown_text,
)


@dataclass(frozen=True)
class KeyPoint:
    text: str
    outlet: str
    title: str
    url: str


@dataclass(frozen=True)
class Edition:
    """What delivery needs to know about one built edition."""

    day: date
    folder: Path
    title: str
    number: int
    points: int
    generated_at: datetime
    key_points: tuple[KeyPoint, ...]
    #: (section title, point texts) in the order of the briefing.
    sections: tuple[tuple[str, tuple[str, ...]], ...]
    json_path: Path
    #: File name → (bytes, SHA-256) from the build's manifest; None for an edition
    #: written before manifests, {} when the manifest cannot be read.
    manifest: dict[str, tuple[int, str]] | None = None
    #: The folder as readers know it, ``OUT/YYYY-MM-DD`` (``folder`` is the build's own).
    location: Path | None = None
    #: The keys of the edition's sections, in order.
    section_keys: tuple[str, ...] = ()
    #: The readers' variant this is (:mod:`briefgen.readers`); "" for the whole edition.
    variant: str = ""

    def shown(self, name: str) -> Path:
        """Where the edition's file ``name`` is, as a person would look for it."""
        return (self.location or self.folder) / name

    def file_name(self, suffix: str) -> str:
        """The name of the edition's file with ``suffix`` (of its variant, if any)."""
        infix = f".{self.variant}" if self.variant else ""
        return f"briefing-{self.day.isoformat()}{infix}{suffix}"

    def _file(self, suffix: str) -> Path | None:
        path = self.folder / self.file_name(suffix)
        return path if path.is_file() else None

    @property
    def pdf(self) -> Path | None:
        return self._file(".pdf")

    @property
    def html(self) -> Path | None:
        return self._file(".html")

    @property
    def email_html(self) -> Path | None:
        return self._file(".email.html")

    @property
    def text(self) -> Path | None:
        return self._file(".txt")

    @property
    def is_empty(self) -> bool:
        return self.points == 0


def edition_json(out_dir: Path, day: date, variant: str = "") -> tuple[Path, Path, Path]:
    """The edition of ``day`` (its readers' ``variant``, when given) as found, not read:
    its folder as documented, that folder resolved, and its JSON; InputError when it has
    not been built."""
    documented = edition_folder(out_dir, day)
    # Resolved once, so that every file a message carries comes from the same build,
    # whatever a rebuild switches meanwhile.
    folder = documented.resolve() if documented.is_symlink() else documented
    infix = f".{variant}" if variant else ""
    path = folder / f"briefing-{day.isoformat()}{infix}.json"
    if variant and not path.is_file():
        raise InputError(
            f"{documented / path.name} does not exist: the edition was built before its "
            f"reader chose sections; rebuild it (`briefgen build --date {day.isoformat()}`)"
        )
    if not path.is_file():
        raise InputError(
            f"no edition for {day.isoformat()}: {documented / path.name} does not exist; "
            f"run `briefgen build --date {day.isoformat()}` first"
        )
    return documented, folder, path


def load_edition(out_dir: Path, day: date, variant: str = "") -> Edition:
    """Read the edition of ``day`` (its readers' ``variant``, when given); InputError when
    it has not been built or is unreadable."""
    documented, folder, path = edition_json(out_dir, day, variant)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise InputError(f"{path}: cannot read the edition ({exc}); rebuild it") from exc
    if not isinstance(data, dict):
        raise InputError(f"{path}: expected a JSON object; rebuild the edition")
    edition = _edition(day, folder, path, data)
    return replace(edition, manifest=read_manifest(folder), location=documented, variant=variant)


def find_editions(out_dir: Path) -> list[Edition]:
    """Every readable edition under ``out_dir``, newest first; unreadable ones are left out."""
    found: list[Edition] = []
    for day, _path in built_editions(out_dir):
        try:
            found.append(load_edition(out_dir, day))
        except InputError:
            continue
    return found


def plain_text(edition: Edition) -> str:
    """A plain-text body from the JSON, for editions built without a ``.txt`` file."""
    lines = [f"{edition.title} — {edition.day.isoformat()} (No. {edition.number})", ""]
    if edition.key_points:
        lines += ["KEY POINTS", ""]
        for point in edition.key_points:
            lines += _wrapped(point.text, point.outlet, point.url)
        lines.append("")
    for title, points in edition.sections:
        if not points:
            continue
        lines += [title.upper(), ""]
        for text in points:
            lines += _wrapped(text, "", "")
        lines.append("")
    if edition.is_empty:
        lines.append("No points today.")
    return "\n".join(lines).rstrip() + "\n"


def _wrapped(text: str, outlet: str, url: str) -> list[str]:
    lines = textwrap.wrap(text, 76, initial_indent="- ", subsequent_indent="  ")
    cite = " ".join(part for part in (outlet, f"<{url}>" if url else "") if part)
    if cite:
        lines.append(f"  ({cite})")
    return lines


def _edition(day: date, folder: Path, path: Path, data: dict[str, Any]) -> Edition:
    key_points = tuple(
        KeyPoint(
            text=shown_key_point(p),
            outlet=_str(_dict(p.get("source")).get("outlet")),
            title=_str(_dict(p.get("source")).get("title")),
            url=_str(_dict(p.get("source")).get("url")),
        )
        for p in _list(data.get("key_points"))
        if isinstance(p, dict) and p.get("text")
    )
    sections = tuple(
        (
            _str(s.get("title")) or _str(s.get("key")).title(),
            tuple(shown_text(p) for p in _list(s.get("points")) if isinstance(p, dict)),
        )
        for s in _list(data.get("sections"))
        if isinstance(s, dict)
    )
    stats = _dict(data.get("stats"))
    points = stats.get("points")
    if not isinstance(points, int) or isinstance(points, bool):
        points = sum(len(texts) for _, texts in sections)
    return Edition(
        day=day,
        folder=folder,
        title=_str(data.get("title")) or "Daily Briefing",
        number=_int(data.get("edition"), 1),
        points=points,
        generated_at=_when(data.get("generated_at"), path),
        key_points=key_points,
        sections=sections,
        json_path=path,
        section_keys=tuple(
            _str(s.get("key")) for s in _list(data.get("sections")) if isinstance(s, dict)
        ),
    )


def _when(value: Any, path: Path) -> datetime:
    if isinstance(value, str):
        try:
            parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            pass
        else:
            return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
    return datetime.fromtimestamp(int(path.stat().st_mtime), UTC)


def _str(value: Any) -> str:
    return " ".join(value.split()) if isinstance(value, str) else ""


def _int(value: Any, default: int) -> int:
    if isinstance(value, bool):
        return default
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value)
    return default


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []
