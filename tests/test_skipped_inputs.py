"""A briefing counts its day's skipped inputs the same whether it read them or an ingest did.

The store keeps what each input left out when it was last read, under the day the
input belongs to (the date in its path, else the day it was read), and
forgets it once the input is read whole or is gone.
"""

from __future__ import annotations

import json
import shutil
from datetime import date, datetime
from pathlib import Path

import pytest

from briefgen import build
from briefgen.ingest.base import Skipped
from briefgen.ingest.dates import get_zone
from briefgen.pipeline import day_skips, ingest_sources
from briefgen.store import ArticleStore
from tests.conftest import SEEDS
from tests.test_analysis import settings_for

DAY = date(2017, 8, 31)
STORY = (
    "The Velmar port authority said on Tuesday that the new container berth had handled its "
    "first ship, three weeks ahead of the schedule agreed with the Nordvik shipping line."
)


@pytest.fixture(autouse=True)
def _reproducible(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")


def inputs(tmp_path: Path) -> Path:
    """The seed day's folder with a binary file and an export holding one error page,
    and the day before's folder with a file that has no text."""
    root = tmp_path / "in"
    day = root / DAY.isoformat()
    shutil.copytree(SEEDS / DAY.isoformat(), day)
    (day / "scan.bin").write_bytes(bytes(range(256)) * 8)
    records = [("Berth opens early", STORY), ("Page not found", "Try the search box above.")]
    (day / "export.jsonl").write_text(
        "\n".join(
            json.dumps({"title": t, "text": x, "published": f"{DAY}T09:00:00Z"}) for t, x in records
        ),
        "utf-8",
    )
    before = root / "2017-08-30"
    before.mkdir()
    (before / "empty.txt").write_text("\n\n", "utf-8")
    return root


def stats(settings: object, inputs: list[Path]) -> tuple[bytes, dict[str, int]]:
    result = build(settings, DAY, inputs=inputs)  # type: ignore[arg-type]
    assert result.briefing is not None
    data = result.files["json"].read_bytes()
    return data, json.loads(data)["stats"]


def names(settings: object) -> list[str]:
    return [Path(s.name).name for s in day_skips(settings, DAY)]  # type: ignore[arg-type]


def test_a_build_from_an_earlier_ingest_counts_the_days_skips_exactly(
    tmp_path: Path, store_db: Path | str
) -> None:
    folder = inputs(tmp_path)
    earlier = settings_for(tmp_path, "earlier", db=store_db)
    summary = ingest_sources(earlier, [folder])
    assert len(summary.skipped) == 3  # the binary file, the error page, the empty file
    from_store, counted = stats(earlier, [])  # reads nothing: only the store
    assert counted["skipped_inputs"] == 2  # the day before's empty file is not this day's
    assert sorted(names(earlier)) == ["export.jsonl (Page not found)", "scan.bin"]

    in_one_run, _ = stats(settings_for(tmp_path, "now"), [folder])
    assert from_store == in_one_run
    # A later build that finds every file unchanged (so reads none) still counts them.
    again, _ = stats(earlier, [folder])
    assert again == in_one_run


def test_a_skip_is_forgotten_once_the_input_is_read_whole_or_is_gone(tmp_path: Path) -> None:
    folder = inputs(tmp_path)
    settings = settings_for(tmp_path, "store")
    ingest_sources(settings, [folder])
    export = folder / DAY.isoformat() / "export.jsonl"
    export.write_text(
        json.dumps({"title": "Berth opens early", "text": STORY, "published": f"{DAY}T09:00"}),
        "utf-8",
    )
    ingest_sources(settings, [folder])
    assert names(settings) == ["scan.bin"]
    (folder / DAY.isoformat() / "scan.bin").unlink()
    assert names(settings) == []
    assert stats(settings, [])[1]["skipped_inputs"] == 0


def test_an_undated_input_counts_under_the_day_it_was_read(tmp_path: Path) -> None:
    folder = tmp_path / "undated"
    folder.mkdir()
    shutil.copy(next((SEEDS / DAY.isoformat()).glob("*.txt")), folder / "story.txt")
    (folder / "broken.xml").write_text("<rss><channel><item><title>", "utf-8")
    settings = settings_for(tmp_path, "store")
    # Built for an earlier day: the feed that failed now is not that day's skip
    # (as an ingest of the same folder now would not make it one).
    _, counted = stats(settings, [folder])
    assert counted["skipped_inputs"] == 0
    today = datetime.now(get_zone(settings.build.timezone)).date()
    assert [Path(s.name).name for s in day_skips(settings, today)] == ["broken.xml"]


def test_the_store_replaces_an_inputs_skips_each_time_it_is_read(store_db: Path | str) -> None:
    with ArticleStore.open(store_db) as store:
        store.record_skips("https://example.org/feed", [Skipped("a", "x"), Skipped("b", "y")], DAY)
        store.record_skips("file:///tmp/none-such-input-file.txt", [Skipped("c", "z")], DAY)
        assert store.skipped_sources() == {
            "https://example.org/feed",
            "file:///tmp/none-such-input-file.txt",
        }
        # The local file is not there: no longer an input, so not counted.
        assert store.skips_between(DAY, DAY) == [Skipped("a", "x"), Skipped("b", "y")]
        store.record_skips("https://example.org/feed", [Skipped("b", "w")], DAY)
        assert store.skips_between(DAY, DAY) == [Skipped("b", "w")]
        # Two ingesters that recorded the same input at once: its rows are counted once.
        store.connection.execute(
            "INSERT INTO skipped_inputs SELECT * FROM skipped_inputs WHERE source = ?",
            ("https://example.org/feed",),
        )
        assert store.skips_between(DAY, DAY) == [Skipped("b", "w")]
        store.record_skips("https://example.org/feed", [], DAY)
        assert store.skips_between(DAY, DAY) == []
        assert store.skipped_sources() == {"file:///tmp/none-such-input-file.txt"}


def test_the_command_lists_what_the_days_briefing_counts_as_skipped(tmp_path: Path) -> None:
    from tests.test_cli import run

    folder = inputs(tmp_path)
    db = tmp_path / "store.db"
    assert run("ingest", str(folder), "--db", str(db), cwd=tmp_path).returncode == 0
    listed = run("articles", "--skipped", "--date", str(DAY), "--db", str(db), cwd=tmp_path)
    assert listed.returncode == 0
    lines = listed.stdout.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("skipped ")
    assert "export.jsonl (Page not found): an error page" in lines[0]
    assert "scan.bin" in lines[1]
    every_day = run("articles", "--skipped", "--format", "json", "--db", str(db), cwd=tmp_path)
    records = [json.loads(line) for line in every_day.stdout.splitlines()]
    assert sorted(Path(r["input"]).name for r in records) == [
        "empty.txt",
        "export.jsonl (Page not found)",
        "scan.bin",
    ]
    assert all(r["reason"] for r in records)
    # A build that reads nothing new says so in its summary line (a cron log's only line).
    built = run(
        "build", "--date", str(DAY), "--db", str(db), "--out", "out", "-f", "json", cwd=tmp_path
    )
    assert built.returncode == 0
    assert (
        f"; 2 inputs of the day skipped (briefgen articles --skipped --date {DAY})" in built.stdout
    )
    mixed = run("articles", "--skipped", "--outlet", "x", "--db", str(db), cwd=tmp_path)
    assert mixed.returncode == 2 and "--skipped takes --date and --format only" in mixed.stderr
