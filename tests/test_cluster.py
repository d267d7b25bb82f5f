"""Analysis on a real Dask cluster (LocalCluster, two worker processes): same results as local.

The cluster runs in a process of its own (tests/dask_cluster.py) and briefgen
talks to it as a user's would, through ``--scheduler``.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from briefgen.store import ArticleStore
from tests.conftest import EVAL, REPO, SEEDS, needs_eval
from tests.test_analysis import DAY, one_day

REUTERS = EVAL / "perf" / "reuters21578"


@dataclass
class Cluster:
    process: subprocess.Popen[str]
    address: str

    def kill_a_busy_worker(self) -> bool:
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write("kill-busy\n")
        self.process.stdin.flush()
        return self.process.stdout.readline().startswith("killed")


@pytest.fixture(scope="module")
def cluster() -> Iterator[Cluster]:
    pytest.importorskip("dask.distributed")
    process = subprocess.Popen(
        [sys.executable, str(REPO / "tests" / "dask_cluster.py")],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        cwd=REPO,
    )
    assert process.stdout is not None and process.stdin is not None
    address = process.stdout.readline().strip()
    assert address.startswith("tcp://"), address
    try:
        yield Cluster(process, address)
    finally:
        process.stdin.close()
        process.wait(timeout=60)


def briefgen(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000"}
    return subprocess.run(
        [sys.executable, "-m", "briefgen", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=600,
    )


def analyses(db: Path) -> dict[str, bytes]:
    with ArticleStore.open(db) as store:
        rows = store.connection.execute("SELECT article_id, payload FROM article_analysis")
        return {article_id: bytes(payload) for article_id, payload in rows}


def test_a_build_on_the_cluster_gives_the_same_json_as_a_local_build(
    tmp_path: Path, cluster: Cluster
) -> None:
    day = one_day(tmp_path)
    files = {}
    for name, extra in (("local", ()), ("remote", ("--scheduler", cluster.address))):
        done = briefgen(
            *("build", "--date", DAY.isoformat(), "--input", day, "--format", "json"),
            *("--out", tmp_path / name, "--db", tmp_path / f"{name}.db", *extra),
            cwd=tmp_path,
        )
        assert done.returncode == 0, done.stderr
        files[name] = (tmp_path / name / DAY.isoformat() / f"briefing-{DAY}.json").read_bytes()
    assert files["remote"] == files["local"]


TWO_DESKS = """
[desks.asia]
title = "Asia Desk"
sections = ["security", "diplomacy"]
mentions = ["China", "Japan", "North Korea"]

[desks.markets]
title = "Markets"
sections = ["trade"]
"""


def test_each_desks_edition_is_built_on_the_cluster_as_it_is_here(
    tmp_path: Path, cluster: Cluster
) -> None:
    day = one_day(tmp_path)
    config = tmp_path / "briefgen.toml"
    config.write_text(TWO_DESKS, "utf-8")
    built: dict[str, dict[str, bytes]] = {}
    for name, extra in (("local", ()), ("remote", ("--scheduler", cluster.address))):
        done = briefgen(
            *("build", "--all-desks", "--date", DAY.isoformat(), "--input", day),
            *("--format", "json,html", "--config", config, "--verbose"),
            *("--out", tmp_path / name, "--db", tmp_path / f"{name}.db", *extra),
            cwd=tmp_path,
        )
        assert done.returncode == 0, done.stderr
        # The editions were written by the cluster's workers, not by the command.
        assert ("sending asia edition to tcp://" in done.stderr) == bool(extra)
        built[name] = {
            f"{desk}.{kind}": (
                tmp_path / name / desk / DAY.isoformat() / f"briefing-{DAY}.{kind}"
            ).read_bytes()
            for desk in ("asia", "markets")
            for kind in ("json", "html")
        }
    assert built["remote"] == built["local"]
    assert (tmp_path / "remote" / "index.html").exists()


@needs_eval()
def test_a_worker_killed_mid_analysis_is_replaced_and_the_run_finishes_the_same(
    tmp_path: Path, cluster: Cluster
) -> None:
    files = [p for day in sorted(REUTERS.iterdir())[:3] for p in sorted(day.glob("*.txt"))][:320]
    remote = tmp_path / "remote.db"
    run = subprocess.Popen(
        [
            *(sys.executable, "-m", "briefgen", "ingest", "--quiet", "--db", str(remote)),
            *("--scheduler", cluster.address, *map(str, files)),
        ],
        cwd=tmp_path,
        stderr=subprocess.PIPE,
        text=True,
    )
    killed = False
    while run.poll() is None and not killed:
        killed = cluster.kill_a_busy_worker()
        time.sleep(0.5)
    assert run.wait(timeout=600) == 0, run.stderr.read() if run.stderr else ""
    assert killed, "no worker was busy while the ingest ran"

    local = tmp_path / "local.db"
    assert briefgen("ingest", "--quiet", "--db", local, *files, cwd=tmp_path).returncode == 0
    expected = analyses(local)
    assert len(expected) >= 300
    assert analyses(remote) == expected


def test_an_unreachable_scheduler_is_a_one_line_error(tmp_path: Path) -> None:
    pytest.importorskip("dask.distributed")
    done = briefgen(
        *("ingest", "--db", tmp_path / "s.db", "--scheduler", "tcp://127.0.0.1:1", SEEDS),
        cwd=tmp_path,
    )
    assert done.returncode != 0
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "cannot reach the Dask scheduler at tcp://127.0.0.1:1" in lines[0]


def test_editions_written_where_this_host_cannot_see_them_are_an_error(tmp_path: Path) -> None:
    from datetime import date

    from briefgen.errors import ConfigError
    from briefgen.pipeline import BuildResult, _check_visible
    from briefgen.store import IngestSummary

    seen = tmp_path / "briefing.json"
    seen.write_text("{}")
    here = BuildResult(date(2017, 8, 31), None, {"json": seen}, IngestSummary(), 1)
    _check_visible([here], "tcp://scheduler:8786")
    elsewhere = BuildResult(
        date(2017, 8, 31), None, {"pdf": tmp_path / "on-a-worker" / "b.pdf"}, IngestSummary(), 1
    )
    with pytest.raises(ConfigError, match="which this host cannot see"):
        _check_visible([here, elsewhere], "tcp://scheduler:8786")
