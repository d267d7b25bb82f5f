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


def started_workers(
    process: subprocess.Popen[bytes], what: str, leftovers: list[int], deadline: float
) -> list[int]:
    """The worker processes ``process`` runs, once it has started some (noted in ``leftovers``)."""
    workers: list[int] = []
    while process.poll() is None and time.monotonic() < deadline and not workers:
        workers = children_of(process.pid)
        time.sleep(0.01)
    leftovers.extend(workers)
    assert workers, f"the {what} finished without starting workers"
    return workers


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
        workers = started_workers(build, "build", leftovers, time.monotonic() + 300)
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


#: SOURCE_DATE_EPOCH of three builds of one day: 09:00, 10:00 and 11:00 UTC on it.
AT_NINE, AT_TEN, AT_ELEVEN = 1504170000, 1504173600, 1504177200


def built_hours(folder: Path) -> dict[str, str]:
    """The hour each file of an edition says it was generated at."""
    import json
    import re

    from pypdf import PdfReader

    hours: dict[str, str] = {}
    for path in folder.iterdir():
        if path.name.endswith(".json") and path.name.startswith("briefing-"):
            hours[path.name] = json.loads(path.read_text("utf-8"))["generated_at"][11:13]
        elif path.suffix in (".html", ".txt"):
            found = set(re.findall(r"\b(09|10|11):00", path.read_text("utf-8")))
            hours[path.name] = "/".join(sorted(found))
        elif path.suffix == ".pdf":
            created = (PdfReader(path).metadata or {}).get("/CreationDate", "")
            hours[path.name] = str(created)[10:12]
    return hours


def test_a_rebuild_killed_while_writing_leaves_the_old_edition_whole(
    tmp_path: Path, leftovers: list[int]
) -> None:
    from tests.conftest import SEEDS

    out = tmp_path / "out"
    command = [BRIEFGEN, "build", "--date", DAY, "--input", str(SEEDS / DAY), "--out", str(out)]
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(AT_NINE)}
    subprocess.run(command, check=True, capture_output=True, env=env, timeout=600)
    edition = out / DAY
    assert set(built_hours(edition).values()) == {"09"}

    # The rebuild is killed as soon as its first new file is complete, wherever it is.
    env["SOURCE_DATE_EPOCH"] = str(AT_TEN)
    rebuild = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    try:
        deadline = time.monotonic() + 300
        while rebuild.poll() is None and time.monotonic() < deadline:
            pages = [p for p in out.rglob(f"briefing-{DAY}.html") if "10:00" in _read(p)]
            if pages:
                rebuild.send_signal(signal.SIGKILL)
                break
    finally:
        if rebuild.poll() is None:
            rebuild.kill()
        rebuild.wait()
    assert rebuild.returncode == -signal.SIGKILL, "the rebuild finished before it was killed"

    hours = built_hours(edition)
    assert len(hours) == 5 and set(hours.values()) == {"09"}, hours

    # The next build replaces the edition whole and removes what the killed one left.
    env["SOURCE_DATE_EPOCH"] = str(AT_ELEVEN)
    subprocess.run(command, check=True, capture_output=True, env=env, timeout=600)
    hours = built_hours(edition)
    assert len(hours) == 5 and set(hours.values()) == {"11"}, hours
    assert not list(out.rglob("*.tmp")), "temporary files left"
    assert len(list((out / ".editions").iterdir())) == 1


def _read(path: Path) -> str:
    try:
        return path.read_text("utf-8")
    except (OSError, UnicodeDecodeError):
        return ""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_an_ingest_killed_while_it_reads_and_analyses_is_completed_by_the_next(
    tmp_path: Path, many_articles: Path, leftovers: list[int]
) -> None:
    # Analyses run on workers while the reading goes on: a kill then leaves some
    # articles stored and unanalysed, none half-analysed, and the next run finishes.
    from briefgen.analysis import decode
    from briefgen.store import ArticleStore

    db = tmp_path / "killed.db"
    command = [BRIEFGEN, "ingest", str(many_articles), "--db", str(db), "--quiet"]
    ingest = subprocess.Popen(command, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 300
        started_workers(ingest, "ingest", leftovers, deadline)
        # Killed once the first analyses are stored, while others are being computed.
        while ingest.poll() is None and time.monotonic() < deadline and not _analysed(db):
            time.sleep(0.01)
        assert ingest.poll() is None, "the ingest finished before it could be killed"
        ingest.send_signal(signal.SIGKILL)
    finally:
        if ingest.poll() is None:
            ingest.kill()
        ingest.wait()

    with ArticleStore.open(db) as store:
        stored = store.count()
        missing = store.unanalysed_ids()
        rows = store.connection.execute("SELECT payload FROM article_analysis").fetchall()
    assert 0 < len(rows) < 400 and len(rows) + len(missing) == stored
    for (payload,) in rows:
        decode(bytes(payload))  # each analysis is whole

    again = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert again.returncode == 0, again.stderr
    fresh = tmp_path / "fresh.db"
    subprocess.run(
        [BRIEFGEN, "ingest", str(many_articles), "--db", str(fresh), "--quiet"],
        check=True,
        timeout=600,
    )

    def payloads(path: Path) -> dict[str, bytes]:
        with ArticleStore.open(path) as store:
            assert store.unanalysed_ids() == []
            rows = store.connection.execute("SELECT article_id, payload FROM article_analysis")
            return {r[0]: bytes(r[1]) for r in rows}

    assert payloads(db) == payloads(fresh)


def _analysed(db: Path) -> int:
    import sqlite3
    from contextlib import closing

    if not db.exists():
        return 0
    try:
        with closing(sqlite3.connect(db, timeout=0.1)) as connection:
            return int(connection.execute("SELECT count(*) FROM article_analysis").fetchone()[0])
    except sqlite3.Error:
        return 0  # not made yet, or busy
