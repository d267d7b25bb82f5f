"""bench/bench_analysis.py times the stages ingest runs, and notices when they are not."""

from __future__ import annotations

from types import ModuleType

import pytest

from tests.conftest import EVAL, load_bench

REUTERS = EVAL / "perf" / "reuters21578"

pytestmark = pytest.mark.skipif(not REUTERS.is_dir(), reason="no ../shared/eval/perf")


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    return load_bench("bench_analysis")


def test_every_stage_is_timed_and_the_whole_is_their_sum(bench: ModuleType) -> None:
    run = bench.one_run(12, False)
    assert run["articles"] == 12
    assert all(run[stage] > 0 for stage in (*bench.STAGES, *bench.BASELINES))
    assert run["whole analysis"] == pytest.approx(sum(run[s] for s in bench.STAGES))


def test_a_stage_that_differs_from_analyse_stops_the_run(
    bench: ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The bench reads the articles' first sentences up to this bound for their fact
    # terms; analyse keeps its own binding, so the two now disagree.
    monkeypatch.setattr("briefgen.stories.SENTENCES_COMPARED", 3)
    with pytest.raises(SystemExit, match="no longer make what analyse makes"):
        bench.one_run(12, False)
