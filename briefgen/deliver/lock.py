"""One run at a time per edition: a POSIX record lock on ``OUT/.locks/YYYY-MM-DD.lock``,
or, with a PostgreSQL store, an advisory lock in the database (see the end).

cron and systemd can start a run while the previous one is still building or
sending the same day. The second run must not write the same files or send the
same messages, so it stops with :class:`~briefgen.errors.LockedError` (exit 4),
or waits when asked to.

The lock belongs to the process that took it, and only to it: the kernel drops
it when that process exits or is killed, so the next run takes over a lock
whose owner is gone. It is a ``fcntl`` record lock rather than a ``flock``
because a ``flock`` is shared with every process forked while it is held: the
pool workers of a build killed with ``kill -9`` kept it, and every rebuild was
refused until they were killed by hand. Forked children also close their copy
of the lock file. The lock is re-entrant within one thread, so ``build`` can
hold it while it calls into delivery, which takes it again.

With a PostgreSQL store, builds and sends of one edition may run on different
machines with different output folders, so a file cannot stop them: the lock
is then a session advisory lock keyed by the day, held on a connection of its
own, keyed by desk and day. The server drops it when that connection ends, as the kernel drops a
file lock when its process dies.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import hashlib
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from briefgen.database import Database, DbTarget, is_postgres, shown
from briefgen.errors import LockedError, output_failure
from briefgen.storefile import guarded

LOCK_DIR = ".locks"

# A POSIX record lock belongs to the process, not to a thread: two threads of one
# process would both "get" it (and one closing its descriptor would release the
# other's). Tracking holders here makes the in-process case explicit, and each lock
# file is opened once per process.
_held: dict[Path | str, tuple[int, int]] = {}  # lock path or URL -> (thread id, depth)
_held_guard = threading.Lock()
_released = threading.Condition(_held_guard)


def lock_path(out_dir: Path, day: date) -> Path:
    return out_dir / LOCK_DIR / f"{day.isoformat()}.lock"


def _message(day: date, path: Path | str) -> str:
    return (
        f"another briefgen run is building or sending {day.isoformat()}; "
        f"wait for it to finish and try again (lock: {path})"
    )


@contextmanager
def edition_lock(
    out_dir: Path,
    day: date,
    *,
    wait: bool = False,
    db: DbTarget | None = None,
    desk: str = "",
) -> Iterator[Path | str]:
    """Hold the lock of ``day``'s edition; yields the lock file's path (or the store's URL).

    The lock is a file under ``out_dir`` (the desk's own folder), or an advisory
    lock in ``db``, keyed by ``desk`` and ``day``, when that is a PostgreSQL store.
    Raises LockedError when another process or thread holds it and ``wait`` is false.
    """
    path: Path | str
    if db is not None and is_postgres(db):
        path = f"{shown(db)}#{desk + '/' if desk else ''}{day.isoformat()}"
    else:
        path = lock_path(out_dir, day).absolute()
    me = threading.get_ident()
    with _held_guard:
        while (holder := _held.get(path)) is not None and holder[0] != me:
            if not wait:
                raise LockedError(_message(day, path))
            _released.wait()
        reentered = holder is not None
        _held[path] = (me, holder[1] + 1 if holder else 1)
    if reentered:
        try:
            yield path
        finally:
            _leave(path)
        return

    if isinstance(path, str):
        assert db is not None
        with _advisory_lock(db, path, day, desk, wait):
            yield path
        return
    try:
        fd = _acquire(path, day, wait)
    except BaseException:
        _leave(path)
        raise
    try:
        yield path
    finally:
        # Closing the descriptor releases the lock; the file stays for the next run.
        _fds.pop(path, None)
        os.close(fd)
        _leave(path)


@contextmanager
def _advisory_lock(db: DbTarget, key: str, day: date, desk: str, wait: bool) -> Iterator[None]:
    try:
        with guarded(db):
            connection = Database.connect(db)
            try:
                take = "pg_advisory_lock" if wait else "pg_try_advisory_lock"
                row = connection.execute(f"SELECT {take}(?)", (_lock_number(desk, day),)).fetchone()
            except BaseException:
                connection.close()
                raise
        if not wait and not row[0]:
            connection.close()
            raise LockedError(_message(day, key))
    except BaseException:
        _leave(key)
        raise
    _connections[key] = connection
    try:
        yield
    finally:
        # Ending the session releases the lock.
        _connections.pop(key, None)
        connection.close()
        _leave(key)


def _acquire(path: Path, day: date, wait: bool) -> int:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    except OSError as exc:
        # Not another run's lock: the output folder itself cannot be written.
        raise output_failure(path.parent.parent, exc) from exc
    try:
        # Never close another descriptor of this file while holding the lock: a POSIX
        # lock is released when its process closes *any* descriptor of the file.
        fcntl.lockf(fd, fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        os.close(fd)
        if exc.errno in (errno.EACCES, errno.EAGAIN):
            raise LockedError(_message(day, path)) from None
        raise
    except BaseException:
        os.close(fd)
        raise
    # The holder's pid, for a person looking at a stuck run; not used for locking.
    os.ftruncate(fd, 0)
    os.write(fd, f"{os.getpid()}\n".encode())
    _fds[path] = fd
    return fd


def _lock_number(desk: str, day: date) -> int:
    """The advisory lock of ``desk``'s edition of ``day``: a signed 64-bit number.

    (One-number advisory locks never collide with the store's two-number ones.)
    """
    digest = hashlib.sha256(f"briefgen edition\0{desk}\0{day.isoformat()}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


#: Descriptors of the lock files this process holds, by path.
_fds: dict[Path, int] = {}
#: Connections holding this process's advisory locks, by key.
_connections: dict[str, Database] = {}
#: A forked child's copies of its parent's lock connections: never closed (closing
#: would end the parent's session, and its lock), never used.
_inherited: list[Database] = []


def _after_fork_in_child() -> None:
    """A forked child (a pool worker) holds no lock: forget the parent's, close their files."""
    global _held_guard, _released
    for fd in _fds.values():
        with contextlib.suppress(OSError):
            os.close(fd)  # the child holds no POSIX lock, so this releases nothing
    _fds.clear()
    _inherited.extend(_connections.values())
    _connections.clear()
    _held.clear()
    # The parent's lock objects may have been held by another thread at the fork.
    _held_guard = threading.Lock()
    _released = threading.Condition(_held_guard)


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_after_fork_in_child)


def _leave(path: Path | str) -> None:
    with _held_guard:
        thread, depth = _held[path]
        if depth > 1:
            _held[path] = (thread, depth - 1)
        else:
            del _held[path]
            _released.notify_all()
