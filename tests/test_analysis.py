"""Each article analysed once, at ingest: the build's output does not depend on when."""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from briefgen import analysis, build, load_settings, relevance
from briefgen import compose as composing
from briefgen.classify import load_taxonomy
from briefgen.compose import article_candidates, compose
from briefgen.config import Settings, override
from briefgen.pipeline import day_articles, generation_time, ingest_sources
from briefgen.store import ArticleStore
from tests.conftest import EVAL, SEEDS, needs_eval
from tests.test_cli import run

SEED_DAYS = [date.fromisoformat(p.name) for p in sorted(SEEDS.iterdir()) if p.is_dir()]
DAY = date(2005, 1, 3)


@pytest.fixture(autouse=True)
def _reproducible(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")


def settings_for(tmp_path: Path, name: str, db: Path | str | None = None) -> Settings:
    """Settings writing JSON only; the store is ``db`` when given (a PostgreSQL URL)."""
    settings = load_settings(env={}, cwd=tmp_path)
    settings = override(settings, "build", out=tmp_path / name / "out", formats=("json",))
    return override(settings, "store", db=db or tmp_path / name / "store.sqlite")


def one_day(tmp_path: Path) -> Path:
    """Every seed article filed on one day, plus a second outlet's shorter copy of one."""
    folder = tmp_path / "day"
    folder.mkdir()
    for path in sorted(SEEDS.glob("*/*.txt")):
        text = re.sub(r"^date: .*$", f"date: {DAY}", path.read_text("utf-8"), flags=re.M)
        (folder / path.name).write_text(text, "utf-8")
    source = (folder / "wikinews-chinese-submarine-enters-japanese-waters.txt").read_text("utf-8")
    head, _, body = source.partition("---\n")[2].partition("---\n")
    head = head.replace("outlet: Wikinews", "outlet: Tokyo Wire")
    head = re.sub(r"^url: .*$", "url: https://example.org/sub", head, flags=re.M)
    paragraphs = [p for p in body.split("\n\n") if p.strip()][:3]
    (folder / "wire-submarine.txt").write_text(f"---\n{head}---\n" + "\n\n".join(paragraphs))
    return folder


def json_of(settings: Settings, day: date, inputs: list[Path]) -> bytes:
    result = build(settings, day, inputs=inputs)
    assert result.briefing is not None
    return result.files["json"].read_bytes()


def test_a_multi_article_day_builds_the_same_from_an_earlier_ingest(tmp_path: Path) -> None:
    day = one_day(tmp_path)
    now = settings_for(tmp_path, "now")
    earlier = settings_for(tmp_path, "earlier")

    summary = ingest_sources(earlier, [day])
    assert summary.new == 6 and summary.analysed == 6
    from_store = json_of(earlier, DAY, [])  # reads nothing new: only the store
    in_one_run = json_of(now, DAY, [day])
    assert from_store == in_one_run
    data = json.loads(in_one_run)
    assert data["stats"]["articles"] == 6
    points = [p for sec in data["sections"] for p in sec["points"]]
    cited = {s["outlet"] for p in points for s in [p["source"], *p["also_reported_by"]]}
    assert "Tokyo Wire" in cited  # the day's cross-article work ran: the copy is cited

    # Composed with no store at all, the briefing is the same too.
    taxonomy = load_taxonomy(now.taxonomy)
    articles = day_articles(now, DAY)
    composed = compose(
        articles, now, DAY, taxonomy=taxonomy, generated_at=generation_time(), edition=1
    )
    assert composed.stats.points == data["stats"]["points"]
    assert [p.text for p in composed.points] == [
        p["text"] for sec in data["sections"] for p in sec["points"]
    ]


@pytest.mark.parametrize("day", SEED_DAYS, ids=str)
def test_each_seed_day_builds_the_same_from_an_earlier_ingest(tmp_path: Path, day: date) -> None:
    earlier = settings_for(tmp_path, "earlier")
    ingest_sources(earlier, [SEEDS])
    assert json_of(earlier, day, []) == json_of(settings_for(tmp_path, "now"), day, [SEEDS])


def test_the_build_reads_stored_analyses_and_redoes_stale_ones(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, store_db: Path | str
) -> None:
    day = one_day(tmp_path)
    settings = settings_for(tmp_path, "store", store_db)
    ingest_sources(settings, [day])
    first = json_of(settings, DAY, [])

    calls: list[str] = []
    real = analysis.analyse

    def counted(article, settings, taxonomy):  # type: ignore[no-untyped-def]
        calls.append(article.id)
        return real(article, settings, taxonomy)

    monkeypatch.setattr(analysis, "analyse", counted)
    # Nor are the leads read again for the countries and dealings they name.
    leads_read: list[str] = []
    real_reach = relevance.reach

    def reach(lead: str) -> relevance.Reach:
        leads_read.append(lead)
        return real_reach(lead)

    monkeypatch.setattr(relevance, "reach", reach)
    # Nor is an article told again whether it is a routine report.
    routine_read: list[str] = []
    real_routine = composing.routine_report

    def routine_report(title: str, first: str) -> str | None:
        routine_read.append(title)
        return real_routine(title, first)

    monkeypatch.setattr(composing, "routine_report", routine_report)
    assert json_of(settings, DAY, []) == first
    assert calls == []  # nothing computed again
    assert leads_read == []
    assert routine_read == []

    # Analyses from an older version of briefgen (here: unreadable ones) are redone.
    with ArticleStore.open(settings.db_path) as store:
        store.connection.execute(
            "UPDATE article_analysis SET fingerprint = 'old', payload = ? WHERE article_id IN"
            " (SELECT article_id FROM article_analysis ORDER BY article_id LIMIT 2)",
            (b"\x00",),
        )
    assert json_of(settings, DAY, []) == first
    assert len(calls) == 2

    # Another ranking algorithm is another analysis, for every article of the day.
    calls.clear()
    textrank = override(settings, "build", algorithm="textrank")
    json_of(textrank, DAY, [])
    assert len(calls) == 6


def test_a_killed_ingest_is_completed_by_the_next_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, store_db: Path | str
) -> None:
    day = one_day(tmp_path)
    settings = settings_for(tmp_path, "killed", store_db)
    real = analysis.analyse
    seen: list[str] = []

    def dies(article, settings, taxonomy):  # type: ignore[no-untyped-def]
        seen.append(article.id)
        if len(seen) == 4:
            raise KeyboardInterrupt
        return real(article, settings, taxonomy)

    monkeypatch.setattr(analysis, "analyse", dies)
    with pytest.raises(KeyboardInterrupt):
        ingest_sources(settings, [day])
    monkeypatch.setattr(analysis, "analyse", real)
    with ArticleStore.open(settings.db_path) as store:
        assert store.count() == 6
        assert len(store.unanalysed_ids()) == 6  # none stored half-done

    again = ingest_sources(settings, [day])
    # The files were stored whole before the kill: not read again, only analysed.
    assert (again.new, again.unchanged_files, again.analysed) == (0, 6, 6)
    with ArticleStore.open(settings.db_path) as store:
        assert store.unanalysed_ids() == []
    assert json_of(settings, DAY, []) == json_of(settings_for(tmp_path, "fresh"), DAY, [day])


def test_a_stored_analysis_reads_back_exactly(tmp_path: Path) -> None:
    settings = settings_for(tmp_path, "x")
    taxonomy = load_taxonomy(settings.taxonomy)
    ingest_sources(settings, [SEEDS])
    for article in day_articles(settings, None):
        fresh = analysis.analyse(article, settings, taxonomy)
        assert analysis.decode(analysis.encode(fresh)) == fresh
        pick = article_candidates(article, settings, taxonomy)
        assert [fresh.sentence(c.index) for c in fresh.candidates] == [
            c.sentence for c in pick.candidates
        ]
        assert len(fresh.candidates) > 0


def test_the_fingerprint_follows_the_taxonomy_and_the_algorithm(tmp_path: Path) -> None:
    settings = settings_for(tmp_path, "x")
    base = analysis.fingerprint(settings, load_taxonomy(settings.taxonomy))
    extended = replace(
        settings.taxonomy, terms={"security": {"drone swarm": 2.0}, **settings.taxonomy.terms}
    )
    assert analysis.fingerprint(settings, load_taxonomy(extended)) != base
    other = override(settings, "build", algorithm="lead")
    assert analysis.fingerprint(other, load_taxonomy(settings.taxonomy)) != base
    assert analysis.fingerprint(settings, load_taxonomy(settings.taxonomy)) == base


def test_ingest_reanalyse_on_the_command_line(tmp_path: Path) -> None:
    shutil.copytree(SEEDS, tmp_path / "seeds")
    db = str(tmp_path / "store.sqlite")
    first = run("ingest", "seeds", "--db", db, cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    assert first.stdout.strip() == ("5 new, 0 duplicate, 0 near-duplicate, 0 skipped; 5 analysed")
    assert run("ingest", "seeds", "--db", db, cwd=tmp_path).stdout.strip().endswith("0 analysed")
    again = run("ingest", "--reanalyse", "--db", db, cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    assert again.stdout.strip().endswith("; 5 analysed")
    bare = run("ingest", "--db", db, cwd=tmp_path)
    assert bare.returncode == 2
    assert "give the files, folders or URLs to read (or list them" in bare.stderr
    # An ingest host's feed list can be its config's.
    (tmp_path / "host.toml").write_text('[sources]\npaths = ["seeds"]\n')
    listed = run("ingest", "--config", "host.toml", "--db", db, cwd=tmp_path)
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.strip() == (
        "0 new, 0 duplicate, 0 near-duplicate, 0 skipped,"
        " 5 files unchanged since they were read; 0 analysed"
    )


@needs_eval()
def test_the_mixed_evaluation_day_builds_the_same_from_an_earlier_ingest(tmp_path: Path) -> None:
    folder = EVAL / "days" / "mixed" / "2004-12-01"
    day = date(2004, 12, 1)
    earlier = settings_for(tmp_path, "earlier")
    ingest_sources(earlier, [folder])
    from_store = json_of(earlier, day, [])
    in_one_run = json_of(settings_for(tmp_path, "now"), day, [folder])
    assert from_store == in_one_run
    # The folder holds one skipped input (a "page not found" notice): the store kept it.
    assert json.loads(from_store)["stats"]["skipped_inputs"] == 1


def test_articles_analysed_on_workers_while_reading_are_analysed_exactly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A pool starts for these few articles: each file's article is queued on the
    # workers as soon as it is stored, while the next file is read.
    monkeypatch.setattr("briefgen.parallel.MIN_ITEMS_PER_WORKER", 1)
    day = one_day(tmp_path)
    alongside = override(settings_for(tmp_path, "alongside"), "build", workers=2)
    serial = override(settings_for(tmp_path, "serial"), "build", workers=1)
    assert ingest_sources(alongside, [day]).analysed == 6
    assert ingest_sources(serial, [day]).analysed == 6

    def payloads(settings: Settings) -> dict[str, bytes]:
        with ArticleStore.open(settings.db_path) as store:
            assert store.unanalysed_ids() == []
            rows = store.connection.execute("SELECT article_id, payload FROM article_analysis")
            return {r[0]: bytes(r[1]) for r in rows}

    assert payloads(alongside) == payloads(serial)
    assert json_of(alongside, DAY, []) == json_of(serial, DAY, [])


def test_long_stages_report_count_and_rate(tmp_path: Path) -> None:
    settings = settings_for(tmp_path, "p")
    messages: list[str] = []
    ingest_sources(settings, [one_day(tmp_path)], on_progress=messages.append)
    assert messages and re.fullmatch(
        r"analysing articles: 6 of 6 \([\d,]+/s, 0 s left\)", messages[-1]
    )


def test_removing_an_analysed_article_removes_its_analysis(
    tmp_path: Path, store_db: Path | str
) -> None:
    settings = settings_for(tmp_path, "x", store_db)
    ingest_sources(settings, [SEEDS])
    with ArticleStore.open(settings.db_path) as store:
        victim = store.article_ids()[0]
        assert store.remove(victim) is not None
        rows = store.connection.execute("SELECT article_id FROM article_analysis").fetchall()
        assert victim not in {r[0] for r in rows} and len(rows) == 4
        assert store.unanalysed_ids() == []
