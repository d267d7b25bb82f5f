"""The realistic morning (../shared/eval/days/mixed), judged through the real command.

Runs ``bench/eval_day.py``'s judge on a build made by the installed ``briefgen``; skipped
where the evaluation data is not beside the repository.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
EVAL = REPO.parent / "shared" / "eval"
pytestmark = pytest.mark.skipif(
    not (EVAL / "days" / "mixed" / "manifest.jsonl").exists(), reason="../shared/eval absent"
)


@pytest.fixture(scope="module")
def judged(tmp_path_factory: pytest.TempPathFactory) -> dict:
    sys.path.insert(0, str(REPO / "bench"))
    import eval_day

    work = tmp_path_factory.mktemp("mixed")
    day_dir = EVAL / "days" / "mixed" / eval_day.mixed_day(EVAL)
    return eval_day.judge_day(EVAL, *eval_day.run_day(day_dir, work))


def test_only_what_belongs_in_the_right_section(judged: dict) -> None:
    assert judged["off_topic"] == 0, judged["details"]
    assert judged["wrong_section"] == 0, judged["details"]


def test_points_cite_only_their_own_story(judged: dict) -> None:
    assert judged["citing_other_stories"] == 0, judged["details"]


def test_points_read_alone(judged: dict) -> None:
    assert judged["dangling_or_time_stamped"] == 0, judged["details"]


def test_enough_points_and_most_relevant_stories(judged: dict) -> None:
    assert judged["points"] >= 8
    found, total = map(int, judged["relevant_found"].split("/"))
    # Measured 6 of 6 with the shipped model, 5 of 6 with a model that never saw the
    # day (docs/evaluation.md): at most one may be missed.
    assert found >= total - 1, judged["missing"]


@pytest.fixture(scope="module")
def second(tmp_path_factory: pytest.TempPathFactory) -> dict:
    sys.path.insert(0, str(REPO / "bench"))
    import eval_day

    work = tmp_path_factory.mktemp("second")
    folder, manifest = eval_day.second_day(EVAL, work / "day")
    (work / "build").mkdir()
    return eval_day.judge_day(EVAL, *eval_day.run_day(folder, work / "build"), manifest)


def test_second_day_of_the_same_kind(second: dict) -> None:
    # The other 150 BBC articles (business, UK politics) with the same Wikinews stories.
    assert second["off_topic"] == 0, second["details"]
    assert second["wrong_section"] == 0, second["details"]
    assert second["dangling_or_time_stamped"] == 0, second["details"]
    assert second["points"] >= 8


def test_the_report_gives_relevance_decided_by_models_that_never_saw_the_items() -> None:
    sys.path.insert(0, str(REPO / "bench"))
    import eval_day

    day = {
        "points": 9,
        "off_topic": 0,
        "wrong_section": 0,
        "citing_other_stories": 0,
        "stories_with_two_points": 0,
        "relevant_found": "6/6",
        "dangling_or_time_stamped": 0,
        "clustering": "n/a",
        "traces": [],
    }
    in_turn = {
        "stories": 24,
        "folds": 10,
        "stories_right": 22,
        "stories_wrong": ["wns_en_016 (trade; allowed other)"],
        "bbc": {"tech": {"trade": 5, "other": 25}},
    }
    text = eval_day.report(day, None, None, None, in_turn)
    assert "**22 of 24** decided as the manifest allows" in text
    assert "not: wns_en_016 (trade; allowed other)" in text
    assert "BBC articles, 10 folds, as a build decides: tech trade 5, other 25" in text
