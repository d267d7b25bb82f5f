"""``kill -9`` at the worst moments: nothing stuck (workers, locks), no edition half-written."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.test_build_e2e import BRIEFGEN, huge_article

DAY = "2017-08-31"


def children_of(pid: int) -> list[int]:
    """Live processes whose parent is ``pid`` (from /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # "pid (comm) state ppid ...": comm may hold spaces, so split after the last ")".
        state, ppid = stat.rpartition(")")[2].split()[:2]
        if int(ppid) == pid and state != "Z":
            found.append(int(entry.name))
    return found


def alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rpartition(")")[2].split()[0] != "Z"


@pytest.fixture
def many_articles(tmp_path: Path) -> Path:
    """A day of 400 articles: enough for the build to rank them in a pool of workers."""
    day = tmp_path / "in" / DAY
    day.mkdir(parents=True)
    for i in range(400):
        (day / f"article-{i:03d}.txt").write_text(huge_article(6_000, seed=i), encoding="utf-8")
    return tmp_path / "in"


@pytest.fixture
def leftovers() -> Iterator[list[int]]:
    """Pids a test saw; any still alive at the end are killed (by pid) so none outlive it."""
    pids: list[int] = []
    yield pids
    for pid in pids:
        if alive(pid):
            os.kill(pid, signal.SIGKILL)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_a_build_killed_while_its_workers_run_leaves_no_worker_and_no_lock(
    tmp_path: Path, many_articles: Path, leftovers: list[int]
) -> None:
    out = tmp_path / "out"
    command = [BRIEFGEN, "build", "--date", DAY, "--input", str(many_articles), "--out", str(out)]
    build = subprocess.Popen([*command, "--format", "json"], stderr=subprocess.PIPE)
    workers: list[int] = []
    try:
        deadline = time.monotonic() + 300
        while build.poll() is None and time.monotonic() < deadline and not workers:
            workers = children_of(build.pid)
            time.sleep(0.01)
        leftovers.extend(workers)
        assert workers, "the build finished without starting workers"
        build.send_signal(signal.SIGKILL)
    finally:
        if build.poll() is None:
            build.kill()
        build.wait()

    # The workers die with their parent...
    deadline = time.monotonic() + 10
    while any(alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not [pid for pid in workers if alive(pid)], "workers outlived the killed build"
    # ...and the next run takes the edition's lock at once.
    rebuild = subprocess.run(
        [*command, "--format", "json"], capture_output=True, text=True, timeout=600
    )
    assert rebuild.returncode == 0, rebuild.stderr
    assert "another briefgen run" not in rebuild.stderr


#: Takes the edition lock, forks a child that lives on, and waits to be killed.
HOLD_AND_FORK = """
import os, sys, time
from datetime import date
from pathlib import Path
from briefgen.deliver.lock import edition_lock
with edition_lock(Path(sys.argv[1]), date.fromisoformat(sys.argv[2])):
    child = os.fork()
    if child == 0:
        time.sleep(120)
        os._exit(0)
    print(child, flush=True)
    time.sleep(120)
"""


def test_a_lock_whose_owner_was_killed_is_taken_over_even_if_its_child_lives(
    tmp_path: Path, leftovers: list[int]
) -> None:
    from datetime import date

    from briefgen.deliver.lock import edition_lock
    from briefgen.errors import LockedError

    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_AND_FORK, str(tmp_path), DAY],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None
        child = int(holder.stdout.readline())
        leftovers.append(child)
        with pytest.raises(LockedError), edition_lock(tmp_path, date.fromisoformat(DAY)):
            pass
        holder.send_signal(signal.SIGKILL)
    finally:
        holder.kill()
        holder.wait()

    assert alive(child)  # a child forked while the lock was held is still running
    with edition_lock(tmp_path, date.fromisoformat(DAY)) as path:
        assert path.is_file()
