"""The article store's SQLite file: what went wrong with it, said so that someone can fix it.

Kept apart from :mod:`briefgen.store` so that delivery, which shares the file,
can explain its errors without loading the store's numerical code.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from briefgen.errors import StoreError

#: Seconds a writer waits for another process's transaction before giving up.
BUSY_TIMEOUT = 30.0


def store_failure(path: Path, exc: sqlite3.Error | OSError) -> StoreError:
    """What went wrong with the store at ``path``, said so that someone can fix it."""
    text = str(exc)
    low = text.lower()
    if len(text) > 120:  # SQLite quotes the damaged text it could not decode
        text = text[:120].rstrip() + "…"
    use_another = "or give another store with --db or BRIEFGEN_DB"
    if isinstance(exc, OSError) or any(
        words in low for words in ("readonly", "read-only", "unable to open", "permission")
    ):
        return StoreError(
            f"cannot write to the article store {path}: {_unwritable(path)} ({text}); "
            f"give briefgen write permission there, {use_another}"
        )
    if "file is not a database" in low or "not a database" in low:
        return StoreError(f"{path} is not a briefgen article store ({text}); {use_another}")
    if any(words in low for words in ("malformed", "could not decode", "corrupt")):
        return StoreError(
            f"the article store {path} is damaged ({text}): restore it from a backup, or move "
            "it aside and build again to start a new one (the articles are read again from "
            "their sources; the delivery ledger kept in it starts afresh)"
        )
    if "locked" in low or "busy" in low:
        return StoreError(
            f"the article store {path} is busy ({text}): another process kept it locked for "
            f"{BUSY_TIMEOUT:g} seconds; try again when it is done"
        )
    if "disk" in low or "full" in low:
        return StoreError(f"cannot write to the article store {path} ({text}); check the disk")
    return StoreError(f"the article store {path} cannot be used ({text}); {use_another}")


def _unwritable(path: Path) -> str:
    """Which part of the store cannot be written: the file, or the folder it lives in."""
    folder = path.parent if str(path.parent) else Path(".")
    if path.exists() and not os.access(path, os.W_OK):
        return "the file is read-only"
    if not os.access(folder, os.W_OK):
        return (
            f"its folder {folder} is read-only (SQLite writes its journal files beside the store)"
        )
    return "it cannot be written"


@contextmanager
def guarded(path: Path) -> Iterator[None]:
    """Turn an SQLite error met while using the store at ``path`` into a StoreError."""
    try:
        yield
    except sqlite3.Error as exc:
        raise store_failure(path, exc) from exc
