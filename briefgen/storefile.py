"""The article store's SQLite file: what went wrong with it, said so that someone can fix it.

Kept apart from :mod:`briefgen.store` so that delivery, which shares the file,
can explain its errors without loading the store's numerical code.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from briefgen.database import BUSY_TIMEOUT, DbTarget, database_errors, is_postgres, shown
from briefgen.errors import StoreError, file_in_the_way

__all__ = ["BUSY_TIMEOUT", "guarded", "store_failure"]


def store_failure(path: DbTarget, exc: BaseException) -> StoreError:
    """What went wrong with the store at ``path``, said so that someone can fix it."""
    if is_postgres(path):
        return _postgres_failure(str(path), exc)
    path = Path(path)
    text = str(exc)
    low = text.lower()
    if len(text) > 120:  # SQLite quotes the damaged text it could not decode
        text = text[:120].rstrip() + "…"
    use_another = "or give another store with --db or BRIEFGEN_DB"
    blocker = file_in_the_way(path.parent)
    if blocker is not None:
        # The store's folder cannot be made: no permission would help.
        return StoreError(
            f"cannot write to the article store {path}: {blocker} is a file, not a folder; "
            f"move it aside, {use_another}"
        )
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


def _postgres_failure(url: str, exc: BaseException) -> StoreError:
    text = " ".join(str(exc).split())
    if len(text) > 200:
        text = text[:200].rstrip() + "…"
    low = text.lower()
    where = f"the PostgreSQL article store {shown(url)}"
    if "connection" in low or "could not" in low or "timeout" in low:
        return StoreError(
            f"cannot connect to {where} ({text}); check that the server runs and the URL "
            "(user, host, port, database) is right, or give another store with --db or BRIEFGEN_DB"
        )
    return StoreError(f"{where} cannot be used ({text})")


@contextmanager
def guarded(path: DbTarget) -> Iterator[None]:
    """Turn a database error met while using the store at ``path`` into a StoreError."""
    try:
        yield
    except database_errors() as exc:
        raise store_failure(path, exc) from exc
