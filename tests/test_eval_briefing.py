"""Smoke test of bench/eval_briefing.py on two Wikinews clusters of the evaluation data."""

from __future__ import annotations

import math
from pathlib import Path
from types import ModuleType

import pytest

from tests.conftest import load_bench

REPO = Path(__file__).resolve().parents[1]
EVAL = REPO.parent / "shared" / "eval"
WIKINEWS = EVAL / "multidoc" / "wikinewssum"

pytestmark = pytest.mark.skipif(
    not (WIKINEWS / "clusters.jsonl").is_file(), reason="no ../shared/eval/multidoc"
)


@pytest.fixture(scope="module")
def harness() -> ModuleType:
    pytest.importorskip("rouge_score")
    return load_bench("eval_briefing")


def test_clusters_are_read_with_the_text_reader(harness: ModuleType) -> None:
    clusters = harness.load_clusters(EVAL, limit=2)
    assert len(clusters) == 2
    for cluster in clusters:
        assert len(cluster.articles) >= 2
        assert cluster.reference
        assert all(a.paragraphs and a.outlet for a in cluster.articles)
        assert len({a.id for a in cluster.articles}) == len(cluster.articles)


def test_rouge_gives_a_number_for_every_system_and_length(harness: ModuleType) -> None:
    results = harness.rouge_results(harness.load_clusters(EVAL, limit=2))
    for system in harness.SYSTEMS:
        for length in ("ref", str(harness.FIXED_N)):
            scores = results["all", system, length]
            assert all(
                0.0 <= scores[m] <= 1.0 and not math.isnan(scores[m]) for m in harness.METRICS
            )
    # Something of the reference is found by every system: the sources report its story.
    assert results["all", "briefgen", "ref"]["rouge1"] > 0.1


def test_the_briefing_row_is_what_a_build_composes(harness: ModuleType) -> None:
    """The "briefing" system is the points ``compose`` shows with every story filed:
    each a sentence of its article, best first."""
    from briefgen.classify import load_taxonomy
    from briefgen.config import Settings

    settings, taxonomy = Settings(), load_taxonomy()
    for cluster in harness.load_clusters(EVAL, limit=2):
        points = harness.briefing_points(cluster.articles, settings, taxonomy)
        assert points
        assert [p.score for p in points] == sorted((p.score for p in points), reverse=True)
        by_id = {a.id: a for a in cluster.articles}
        assert all(p.text in "\n".join(by_id[p.source.article_id].paragraphs) for p in points)
        outputs = harness.system_outputs(cluster, [1], settings, taxonomy)
        assert outputs["briefing", 1] == [harness.point_text(points[0])]


def test_quality_checks_of_a_two_cluster_day(harness: ModuleType) -> None:
    from briefgen.classify import load_taxonomy
    from briefgen.compose import compose
    from briefgen.config import Settings

    clusters = harness.load_clusters(EVAL, limit=2)
    articles, cluster_of = harness.day_of(clusters)
    briefing = compose(
        articles,
        Settings(),
        harness.DAY.date(),
        taxonomy=load_taxonomy(),
        generated_at=harness.DAY,
    )
    q = harness.quality(briefing, articles, cluster_of)
    assert q["points"] == len(briefing.points)
    assert q["uncited"] == 0
    assert q["not_verbatim"] == 0
    assert q["dangling"] == 0
    lines = harness.quality_markdown(q, len(articles), len(clusters))
    assert any("redundant pairs" in line for line in lines)


@pytest.mark.slow
def test_day_ranking_beats_lexrank_over_all_clusters(harness: ModuleType) -> None:
    # Over all clusters only: per cluster briefgen is ahead in about two clusters
    # of three (docs/evaluation.md), so a two-cluster subset would decide nothing.
    results = harness.rouge_results(harness.load_clusters(EVAL))
    for length in ("ref", str(harness.FIXED_N)):
        ours = results["all", "briefgen", length]["rouge2"]
        assert ours >= results["all", "lexrank", length]["rouge2"]
