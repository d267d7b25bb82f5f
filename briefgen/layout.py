"""Where an edition's files live: ``OUT/YYYY-MM-DD/briefing-YYYY-MM-DD.EXT``.

An edition's files change together. Each build writes all of them into a
folder of its own, ``OUT/.editions/YYYY-MM-DD.BUILD/``, with a
``manifest.json`` listing each file's size and SHA-256, and only then points
``OUT/YYYY-MM-DD`` at it (a symbolic link, replaced in one rename). A reader
of ``OUT/YYYY-MM-DD/...`` sees the old edition or the new one, never a mix;
a build killed midway leaves the old edition as it was, and the next build of
the day removes what the killed one left.

The JSON file marks an edition as built: the archive, the feed, the mailer
and the edition numbering all find editions by it.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import socket
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from briefgen.errors import output_failure

#: Where each build's folder is, under OUT.
BUILDS = ".editions"
MANIFEST = "manifest.json"
#: A temporary file in OUT itself (the archive page, the feed) older than this was
#: left by a run that died; younger ones may belong to a run writing right now.
STALE_TEMPORARY = 600.0


def shown_text(point: Mapping[str, Any]) -> str:
    """A point of an edition's JSON as the edition shows it: its ``display_text`` (less a
    wire dateline), or the verbatim ``text`` of an edition written before it had one."""
    for key in ("display_text", "text"):
        value = point.get(key)
        if isinstance(value, str) and value:
            return value
    return ""


def shown_key_point(point: Mapping[str, Any]) -> str:
    """A key point of an edition's JSON as the edition shows it: :func:`shown_text`, after
    its headline when that is its context (a feed item's line read under it, see
    :attr:`~briefgen.models.Point.under_headline`)."""
    shown, context, source = shown_text(point), point.get("context"), point.get("source")
    title = source.get("title") if isinstance(source, Mapping) else None
    if isinstance(context, str) and isinstance(title, str) and context.strip() == title.strip():
        return f"{context} — {shown}"
    return shown


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


@contextmanager
def staged_edition(out: Path, day: date) -> Iterator[Path]:
    """A new, empty build folder for ``day``; it becomes the edition when the block ends.

    What earlier killed runs left is removed first. If the block raises, the
    folder is removed and the edition stays as it was. The caller holds the
    edition's lock.
    """
    try:
        remove_leftovers(out, day)
        folder = new_build_folder(out, day)
    except OSError as exc:
        raise output_failure(out, exc) from exc
    try:
        yield folder
    except OSError as exc:
        shutil.rmtree(folder, ignore_errors=True)
        if exc.filename and _inside(Path(os.fsdecode(exc.filename)), out):
            raise output_failure(out, exc) from exc
        raise
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    try:
        publish(out, day, folder)
    except OSError as exc:
        shutil.rmtree(folder, ignore_errors=True)
        raise output_failure(out, exc) from exc


def new_build_folder(out: Path, day: date) -> Path:
    """An empty folder, of this build only, to write ``day``'s edition into."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
    folder = out / BUILDS / f"{day.isoformat()}.{stamp}-{os.getpid()}"
    folder.mkdir(parents=True)
    return folder


def publish(out: Path, day: date, folder: Path) -> Path:
    """Make ``folder`` (from :func:`new_build_folder`) the edition of ``day``, in one step.

    Writes the manifest, flushes everything to disk, points ``OUT/DAY`` at the
    folder and removes the edition it replaces. The caller holds the edition's
    lock. Returns the edition's path, ``OUT/DAY``.
    """
    files = sorted(p for p in folder.iterdir() if p.is_file() and p.name != MANIFEST)
    manifest: dict[str, Any] = {
        "date": day.isoformat(),
        "built_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "host": socket.gethostname(),
        "files": {p.name: _describe(p) for p in files},
    }
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    for path in [*files, folder / MANIFEST]:
        _fsync(path)
    _fsync(folder)
    target = edition_folder(out, day)
    previous = _current_build(out, day)
    if target.is_dir() and not target.is_symlink():
        # An edition written by an earlier briefgen, in place: moved aside first (the
        # one moment OUT/DAY is missing), and removed once the new one is in place.
        previous = out / BUILDS / f"{day.isoformat()}.in-place-{os.getpid()}"
        target.rename(previous)
    link = out / f".{day.isoformat()}.{os.getpid()}.link"
    link.unlink(missing_ok=True)
    link.symlink_to(folder.relative_to(out))
    os.replace(link, target)
    _fsync(out)
    # Only ever a build folder of ours: OUT/DAY may have been a link of the user's own.
    if previous is not None and previous != folder and previous.parent == out / BUILDS:
        shutil.rmtree(previous, ignore_errors=True)
    return target


def unpublish(out: Path, day: date) -> None:
    """Remove ``day``'s edition at once (``OUT/DAY``), then its build folder and leftovers.

    The caller holds the edition's lock.
    """
    target = edition_folder(out, day)
    build = _current_build(out, day)
    if target.is_symlink():
        target.unlink()
        _fsync(out)
    if build is not None and build.parent == out / BUILDS:
        shutil.rmtree(build, ignore_errors=True)
    remove_leftovers(out, day)


def remove_leftovers(out: Path, day: date) -> list[Path]:
    """Remove what killed runs left for ``day``: build folders not in use, temporary files.

    The caller holds the edition's lock. Temporary files in ``OUT`` itself are
    removed only when older than :data:`STALE_TEMPORARY`, since a run for
    another day may be writing the archive page or the feed right now.
    Returns what was removed.
    """
    removed: list[Path] = []
    current = _current_build(out, day)
    for folder in sorted((out / BUILDS).glob(f"{day.isoformat()}.*")):
        if folder != current:
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    target = edition_folder(out, day)
    if target.is_dir():
        for path in target.rglob(".*.tmp"):
            path.unlink(missing_ok=True)
            removed.append(path)
    now = time.time()
    for path in out.glob(".*.tmp"):
        with contextlib.suppress(OSError):
            if now - path.stat().st_mtime > STALE_TEMPORARY:
                path.unlink()
                removed.append(path)
    for path in out.glob(f".{day.isoformat()}.*.link"):
        path.unlink(missing_ok=True)
        removed.append(path)
    return removed


def read_manifest(folder: Path) -> dict[str, tuple[int, str]] | None:
    """File name → (bytes, SHA-256) of an edition's folder; None when it has no manifest."""
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        files = data["files"]
        return {str(name): (int(f["bytes"]), str(f["sha256"])) for name, f in files.items()}
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}  # unreadable: nothing in the folder can be trusted


def file_digest(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _describe(path: Path) -> dict[str, Any]:
    return {"bytes": path.stat().st_size, "sha256": file_digest(path)}


def _inside(path: Path, folder: Path) -> bool:
    return path.absolute().is_relative_to(folder.absolute())


def _current_build(out: Path, day: date) -> Path | None:
    """The build folder ``OUT/DAY`` points at, if it is a link to one."""
    target = edition_folder(out, day)
    if not target.is_symlink():
        return None
    return out / os.readlink(target)


def _fsync(path: Path) -> None:
    """Flush a file or folder to disk; not every platform can open a folder, which is fine."""
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
