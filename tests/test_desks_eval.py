"""Two desks built by the real command from one store: the mixed day plus Reuters wires.

Every point of both editions is checked against its desk's filters and sections, and,
for the mixed day's articles, against the sections its story may appear in (the
manifest of ``../shared/eval/days/mixed``). Skipped where the evaluation data is absent.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from briefgen.store import ArticleStore
from tests.test_desks import TWO_DESKS

REPO = Path(__file__).resolve().parents[1]
EVAL = REPO.parent / "shared" / "eval"
MIXED = EVAL / "days" / "mixed"
REUTERS = EVAL / "perf" / "reuters21578" / "1987-03-02"
DAY = "2004-12-01"
#: Reuters wires of one 1987 day, filed under the mixed day's date.
WIRES = 250

pytestmark = pytest.mark.skipif(
    not (MIXED / "manifest.jsonl").exists() or not REUTERS.is_dir(),
    reason="../shared/eval absent",
)

ASIA = ["China", "Chinese", "Japan", "Japanese", "North Korea", "South Korea", "Korean"]
ASIA += ["Taiwan", "Beijing", "Tokyo"]
ENERGY_TERMS = ("oil", "opec", "crude", "barrel", "gas", "refinery", "energy")


def _briefgen() -> str:
    return str(Path(sys.executable).with_name("briefgen"))


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    work = tmp_path_factory.mktemp("desks")
    day = work / "in" / DAY
    day.mkdir(parents=True)
    for path in sorted(MIXED.joinpath(DAY).iterdir()):
        shutil.copy(path, day / path.name)
    for path in sorted(REUTERS.iterdir())[:WIRES]:
        shutil.copy(path, day / f"reuters-{path.name}")
    (work / "briefgen.toml").write_text(TWO_DESKS, encoding="utf-8")
    run = subprocess.run(
        [_briefgen(), "build", "--all-desks", "--date", DAY, "--input", str(work / "in"),
         "--out", str(work / "out"), "--format", "json,pdf"],
        cwd=work, capture_output=True, text=True, check=True,
    )  # fmt: skip
    with ArticleStore.open(work / "out" / "briefgen.db") as store:
        articles = {
            a.id: a
            for a in store.articles_between(
                datetime.min.replace(tzinfo=UTC), datetime.max.replace(tzinfo=UTC)
            )
        }
    manifest = {
        row["file"]: row
        for row in map(json.loads, (MIXED / "manifest.jsonl").read_text("utf-8").splitlines())
    }
    editions = {
        desk: json.loads(
            (work / "out" / desk / DAY / f"briefing-{DAY}.json").read_text(encoding="utf-8")
        )
        for desk in ("asia", "markets")
    }
    return {"out": work / "out", "stdout": run.stdout, "articles": articles,
            "manifest": manifest, "editions": editions}  # fmt: skip


def points(edition: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    return [(s["key"], p) for s in edition["sections"] for p in s["points"]]


def mixed_story(built: dict[str, Any], article_id: str) -> dict[str, Any] | None:
    """The manifest row of the article's file, when it is one of the mixed day's."""
    source = built["articles"][article_id].source_path or ""
    return built["manifest"].get(Path(source).name)


def test_both_desks_are_written_where_the_issue_says(built: dict[str, Any]) -> None:
    for desk in ("asia", "markets"):
        for suffix in ("json", "pdf"):
            assert (built["out"] / desk / DAY / f"briefing-{DAY}.{suffix}").is_file()
    assert built["editions"]["asia"]["title"] == "Asia Desk"
    assert built["editions"]["markets"]["title"] == "Markets"
    assert "desk asia: " in built["stdout"] and "desk markets: " in built["stdout"]


def test_every_asia_point_names_the_region_and_is_in_its_sections(built: dict[str, Any]) -> None:
    asia = points(built["editions"]["asia"])
    assert len(asia) >= 3
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, ASIA)) + r")(?!\w)", re.I)
    for section, point in asia:
        assert section in ("security", "diplomacy"), point["text"]
        for source in [point["source"], *point.get("also_reported_by", [])]:
            article = built["articles"][source["article_id"]]
            assert pattern.search(f"{article.title}\n{article.text}"), point["text"]
        story = mixed_story(built, point["source"]["article_id"])
        if story is not None:  # the mixed day says which sections its stories belong in
            assert section in story["sections"], (point["text"], story)


def test_every_markets_point_is_trade_or_energy(built: dict[str, Any]) -> None:
    markets = points(built["editions"]["markets"])
    sections = {section for section, _ in markets}
    assert sections == {"trade", "energy"}
    for section, point in markets:
        article = built["articles"][point["source"]["article_id"]]
        story = mixed_story(built, point["source"]["article_id"])
        if section == "trade":
            if story is not None:
                assert "trade" in story["sections"], (point["text"], story)
            continue
        assert section == "energy"
        # The section's terms open the story: headline or first lines.
        opening = f"{article.title}\n{article.text[:400]}".casefold()
        assert any(re.search(rf"\b{t}", opening) for t in ENERGY_TERMS), point["text"]
        assert point["classification"]["label"] == "energy"
        assert point["classification"]["matched"]["energy"][0].startswith("terms: ")
        if story is not None:
            assert story["sections"] != ["other"], (point["text"], story)


def test_one_store_one_ingest(built: dict[str, Any]) -> None:
    ids = {p["source"]["article_id"] for e in built["editions"].values() for _, p in points(e)}
    assert ids <= set(built["articles"])
    assert len(built["articles"]) >= 400
