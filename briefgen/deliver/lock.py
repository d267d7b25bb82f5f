"""One run at a time per edition: a POSIX record lock on ``OUT/.locks/YYYY-MM-DD.lock``.

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
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from briefgen.errors import LockedError, output_failure

LOCK_DIR = ".locks"

# A POSIX record lock belongs to the process, not to a thread: two threads of one
# process would both "get" it (and one closing its descriptor would release the
# other's). Tracking holders here makes the in-process case explicit, and each lock
# file is opened once per process.
_held: dict[Path, tuple[int, int]] = {}  # lock path -> (thread id, depth)
_held_guard = threading.Lock()
_released = threading.Condition(_held_guard)


def lock_path(out_dir: Path, day: date) -> Path:
    return out_dir / LOCK_DIR / f"{day.isoformat()}.lock"


def _message(day: date, path: Path) -> str:
    return (
        f"another briefgen run is building or sending {day.isoformat()}; "
        f"wait for it to finish and try again (lock: {path})"
    )


@contextmanager
def edition_lock(out_dir: Path, day: date, *, wait: bool = False) -> Iterator[Path]:
    """Hold the lock of ``day``'s edition under ``out_dir``; yields the lock file's path.

    Raises LockedError when another process or thread holds it and ``wait`` is false.
    """
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


#: Descriptors of the lock files this process holds, by path.
_fds: dict[Path, int] = {}


def _after_fork_in_child() -> None:
    """A forked child (a pool worker) holds no lock: forget the parent's, close their files."""
    global _held_guard, _released
    for fd in _fds.values():
        with contextlib.suppress(OSError):
            os.close(fd)  # the child holds no POSIX lock, so this releases nothing
    _fds.clear()
    _held.clear()
    # The parent's lock objects may have been held by another thread at the fork.
    _held_guard = threading.Lock()
    _released = threading.Condition(_held_guard)


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_after_fork_in_child)


def _leave(path: Path) -> None:
    with _held_guard:
        thread, depth = _held[path]
        if depth > 1:
            _held[path] = (thread, depth - 1)
        else:
            del _held[path]
            _released.notify_all()
