"""Analysis on a real Dask cluster (LocalCluster, two worker processes): same results as local."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from briefgen import build
from briefgen.config import Settings, load_settings, override
from briefgen.pipeline import ingest_sources
from briefgen.store import ArticleStore
from tests.conftest import EVAL, SEEDS, needs_eval
from tests.test_analysis import DAY, one_day

REUTERS = EVAL / "perf" / "reuters21578"


@pytest.fixture(scope="module")
def cluster() -> Iterator[Any]:
    distributed = pytest.importorskip("dask.distributed")
    with distributed.LocalCluster(
        n_workers=2,
        processes=True,
        threads_per_worker=1,
        host="127.0.0.1",
        dashboard_address=None,
    ) as local:
        yield local
    from briefgen.cluster import close_clients

    close_clients()


@pytest.fixture(autouse=True)
def _reproducible(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")


def settings_for(tmp_path: Path, name: str, scheduler: str = "") -> Settings:
    settings = load_settings(env={}, cwd=tmp_path)
    settings = override(settings, "build", out=tmp_path / name / "out", formats=("json",))
    settings = override(settings, "executor", address=scheduler or None)
    return override(settings, "store", db=tmp_path / name / "store.sqlite")


def analyses(settings: Settings) -> dict[str, bytes]:
    with ArticleStore.open(settings.db_path) as store:
        rows = store.connection.execute("SELECT article_id, payload FROM article_analysis")
        return {article_id: bytes(payload) for article_id, payload in rows}


def test_a_build_on_the_cluster_gives_the_same_json_as_a_local_build(
    tmp_path: Path, cluster: Any
) -> None:
    from dask.distributed import Client, get_task_stream

    day = one_day(tmp_path)
    local = build(settings_for(tmp_path, "local"), DAY, inputs=[day])
    with Client(cluster) as watcher, get_task_stream(watcher) as tasks:
        remote = build(
            settings_for(tmp_path, "remote", cluster.scheduler_address), DAY, inputs=[day]
        )
    assert any(t["key"].startswith("_run_chunk") for t in tasks.data)  # it ran on the cluster
    assert remote.files["json"].read_bytes() == local.files["json"].read_bytes()


@needs_eval()
def test_a_worker_killed_mid_analysis_is_replaced_and_the_run_finishes_the_same(
    tmp_path: Path, cluster: Any
) -> None:
    from dask.distributed import Client

    files = [p for day in sorted(REUTERS.iterdir())[:3] for p in sorted(day.glob("*.txt"))][:320]
    remote = settings_for(tmp_path, "remote", cluster.scheduler_address)
    killed: list[int] = []

    with Client(cluster) as watcher:

        def kill_a_busy_worker(_message: str) -> None:
            if killed:
                return
            busy = [address for address, keys in watcher.processing().items() if keys]
            if not busy:
                return  # between tasks: try at the next progress report
            pid = watcher.run(os.getpid, workers=[busy[0]])[busy[0]]
            os.kill(pid, signal.SIGKILL)
            killed.append(pid)

        summary = ingest_sources(remote, files, on_progress=kill_a_busy_worker)
    assert killed, "no worker was busy at any progress report"
    local = settings_for(tmp_path, "local")
    expected = ingest_sources(local, files)
    assert summary.analysed == expected.analysed == expected.new + expected.near_duplicate
    assert analyses(remote) == analyses(local)


def test_an_unreachable_scheduler_is_a_one_line_error(tmp_path: Path) -> None:
    pytest.importorskip("dask.distributed")
    run = subprocess.run(
        [
            *(sys.executable, "-m", "briefgen", "ingest", "--db", str(tmp_path / "s.db")),
            *("--scheduler", "tcp://127.0.0.1:1", str(SEEDS)),
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert run.returncode != 0
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and "cannot reach the Dask scheduler at tcp://127.0.0.1:1" in lines[0]
