"""Desks: configuration, custom sections and per-desk builds from one store."""

from __future__ import annotations

import json
import shutil
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from briefgen.config import DESK_EXAMPLE, load_settings, override
from briefgen.desks import all_desks, desks_named
from briefgen.errors import ConfigError
from briefgen.pipeline import build_desks
from briefgen.sections import CustomSection
from briefgen.store import ArticleStore
from tests.conftest import SEEDS

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "tests" / "data" / "sections" / "energy.tsv"

#: The two desks of the issue, as `briefgen init --desks` writes them and docs/desks.md
#: shows them.
TWO_DESKS = DESK_EXAMPLE

sys.path.insert(0, str(REPO / "bench"))
from eval_sections import ENERGY, HELD_OUT, measure, read_sample  # noqa: E402  (bench/ is not a package)


def write_config(tmp_path: Path, text: str = TWO_DESKS) -> Path:
    path = tmp_path / "briefgen.toml"
    path.write_text(text, encoding="utf-8")
    return path


# -- configuration -------------------------------------------------------------------


def test_two_desks_are_read_as_written(tmp_path: Path) -> None:
    settings = load_settings(write_config(tmp_path), env={})
    desks = all_desks(settings)
    assert [d.name for d in desks] == ["asia", "markets"]
    asia, markets = desks
    assert asia.title == "Asia Desk"
    assert asia.sections == (("security", "Security"), ("diplomacy", "Diplomacy"))
    assert markets.sections == (("trade", "Trade"), ("energy", "Energy"))
    assert [c.key for c in markets.custom] == ["energy"]
    assert markets.settings.build.out == settings.build.out / "markets"
    assert markets.settings.build.title == "Markets"
    # Every desk reads and writes the one store.
    assert asia.settings.db_path == markets.settings.db_path == settings.db_path
    assert markets.settings.email.recipients == ("markets@example.org", "asia@example.org")


def test_no_desks_is_the_default_desk_as_before(tmp_path: Path) -> None:
    settings = load_settings(env={}, cwd=tmp_path)
    (desk,) = all_desks(settings)
    assert desk.name == ""
    assert desk.settings == settings
    assert desk.section_keys == ("security", "diplomacy", "trade")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            '[desks.asia]\nsections = ["security", "health"]\n',
            "desks.asia.sections: unknown section 'health'",
        ),
        ("[desks.asia]\nmax_points = -1\n", "desks.asia.max_points: must be at least 0"),
        ('[desks.asia]\nrecipients = ["not an address"]\n', "desks.asia.recipients:"),
        ('[desks.asia]\nschedule = "25:00"\n', "desks.asia.schedule:"),
        ("[desks.asia]\ncolour = 1\n", "desks.asia.colour: unknown setting"),
        ('[desks."a/b"]\n', "desks.a/b: a desk name is its folder's name"),
        ("[desks.2024-01-01]\n", "desks.2024-01-01: a desk name cannot be a date"),
        ('[sections.cyber]\ntitle = "Cyber"\n', "sections.cyber: give terms or examples"),
        ('[sections.trade]\nterms = ["x"]\n', "sections.trade: 'trade' is a built-in section"),
        ('[readers."a@example.org"]\nsections = ["sport"]\n', "unknown section 'sport'"),
    ],
)
def test_config_errors_name_the_desk_and_the_key(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(ConfigError) as caught:
        load_settings(write_config(tmp_path, text), env={})
    assert message in str(caught.value)
    assert str(caught.value).startswith(str(tmp_path / "briefgen.toml"))


def test_an_unknown_desk_is_named_with_the_known_ones(tmp_path: Path) -> None:
    settings = load_settings(write_config(tmp_path), env={})
    with pytest.raises(ConfigError, match=r"--desk europe: no such desk .*asia, markets"):
        desks_named(settings, ["europe"])


# -- custom sections -----------------------------------------------------------------


def test_a_custom_section_takes_its_stories_and_leaves_the_rest() -> None:
    """Measured on a labelled sample written for these tests (bench/eval_sections.py)."""
    section = CustomSection.from_settings("energy", ENERGY)
    precision, recall, f1 = measure(section, read_sample(SAMPLE))
    # Measured 0.97 / 0.70 / 0.81: precision first, as with the built-in sections.
    assert precision >= 0.9
    assert recall >= 0.6
    assert f1 >= 0.75


def test_the_custom_section_on_sentences_it_was_not_tuned_on() -> None:
    """The held-out sample was written after the threshold was chosen."""
    section = CustomSection.from_settings("energy", ENERGY)
    precision, recall, _f1 = measure(section, read_sample(HELD_OUT))
    # Measured 0.92 / 0.60: the misses are "gas" alone with few words like the examples,
    # and power stories without any of the seven terms.
    assert precision >= 0.85
    assert recall >= 0.5


def test_a_word_in_passing_does_not_make_a_story_the_sections() -> None:
    section = CustomSection.from_settings("energy", ENERGY)
    assert not section.match("Police fired tear gas at protesters outside parliament.").accepted
    assert not section.match("The striker's energy won the match for the home side.").accepted
    match = section.match("Brent crude rose to ninety dollars a barrel as OPEC kept its cuts.")
    assert match.accepted
    assert set(match.hits) == {"crude", "barrel", "opec"}


def test_sentences_to_avoid_keep_a_story_out() -> None:
    avoid = replace(ENERGY, avoid=("Police fired tear gas and the crowd fled the oil depot.",))
    text = "Police fired tear gas at workers protesting outside the oil depot."
    assert CustomSection.from_settings("energy", ENERGY).match(text).accepted
    assert not CustomSection.from_settings("energy", avoid).match(text).accepted


# -- building ------------------------------------------------------------------------


def desk_settings(tmp_path: Path, text: str = TWO_DESKS):  # type: ignore[no-untyped-def]
    settings = load_settings(write_config(tmp_path, text), env={})
    return override(settings, "build", out=tmp_path / "out", formats=("json",))


def test_every_desk_is_built_from_one_ingest(tmp_path: Path) -> None:
    shutil.copytree(SEEDS, tmp_path / "in")
    settings = desk_settings(
        tmp_path,
        TWO_DESKS.replace('sections = ["security", "diplomacy"]', 'sections = ["security"]')
        + '\n[desks.everything]\ntitle = "Everything"\n',
    )
    results = build_desks(
        settings, date(2017, 8, 31), all_desks(settings), inputs=[tmp_path / "in"]
    )
    by_desk = {r.desk: r for r in results}
    assert set(by_desk) == {"asia", "markets", "everything"}
    out = tmp_path / "out"
    for name in ("markets", "everything"):
        result = by_desk[name]
        assert result.briefing is not None
        path = out / name / "2017-08-31" / "briefing-2017-08-31.json"
        data = json.loads(path.read_text("utf-8"))
        assert data["title"] == result.briefing.title
        assert (out / name / "index.html").is_file()
        assert (out / name / "feed.xml").is_file()
    everything = by_desk["everything"].briefing
    assert everything is not None and everything.title == "Everything"
    assert [s.key for s in everything.sections] == ["security", "diplomacy", "trade"]
    markets = by_desk["markets"].briefing
    assert markets is not None
    assert {p.section for p in markets.points} <= {"trade", "energy"}
    # One ingest: the store holds each article once, however many desks read it.
    with ArticleStore.open(settings.db_path) as store:
        assert store.count() == 5
    assert not (out / "2017-08-31").exists()  # no default-desk edition beside the desks


def test_mentions_keep_only_articles_that_name_one(tmp_path: Path) -> None:
    shutil.copytree(SEEDS, tmp_path / "in")
    settings = desk_settings(
        tmp_path,
        '[desks.japan]\nmentions = ["Japan", "Tokyo"]\n[desks.nowhere]\nmentions = ["Atlantis"]\n',
    )
    japan, nowhere = build_desks(
        settings, date(2017, 8, 31), all_desks(settings), inputs=[tmp_path / "in"]
    )
    # Every point comes from an article naming one of the mentions.
    with ArticleStore.open(settings.db_path) as store:
        assert japan.briefing is not None and japan.briefing.points
        for point in japan.briefing.points:
            article = store.get(point.source.article_id)
            assert article is not None
            assert "Japan" in f"{article.title}\n{article.text}"
    # A filter that matches nothing on the day says so, and writes nothing.
    assert nowhere.briefing is None
    assert nowhere.summary().startswith(
        "desk nowhere: 2017-08-31: the filters (mentions Atlantis) match none of the day's "
    )
    assert nowhere.summary().endswith("; no report written")
    assert not (tmp_path / "out" / "nowhere" / "2017-08-31").exists()


def test_the_top_page_lists_every_desk(tmp_path: Path) -> None:
    shutil.copytree(SEEDS, tmp_path / "in")
    settings = desk_settings(tmp_path)
    build_desks(settings, date(2017, 8, 31), all_desks(settings), inputs=[tmp_path / "in"])
    page = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert '<a href="asia/index.html">Asia Desk</a>' in page
    assert '<a href="markets/index.html">Markets</a>' in page
    assert "Trade · Energy" in page
    assert 'href="asia/feed.xml"' in page


# -- commands ------------------------------------------------------------------------

BRIEFGEN = str(Path(sys.executable).with_name("briefgen"))


def test_init_desks_writes_two_desks_that_load(tmp_path: Path) -> None:
    import subprocess

    subprocess.run([BRIEFGEN, "init", "--desks", str(tmp_path), "--quiet"], check=True)
    settings = load_settings(tmp_path / "briefgen.toml", env={})
    assert [d.title for d in all_desks(settings)] == ["Asia Desk", "Markets"]
    assert [c.key for c in all_desks(settings)[1].custom] == ["energy"]


def test_classify_explain_says_why_a_story_is_in_a_custom_section(tmp_path: Path) -> None:
    import subprocess

    config = write_config(tmp_path)
    lines = "OPEC agreed to extend its output cuts.\nPolice fired tear gas at protesters.\n"
    run = subprocess.run(
        [BRIEFGEN, "classify", "--explain", "--config", str(config)],
        input=lines, capture_output=True, text=True, check=True,
    )  # fmt: skip
    opec, police = (json.loads(line) for line in run.stdout.splitlines())
    assert opec["label"] == "energy"
    assert opec["custom"]["energy"]["terms"] == ["opec"]
    assert opec["why"].startswith("custom section energy: terms: opec")
    assert police["label"] != "energy"
    assert police["custom"]["energy"]["accepted"] is False
    assert police["custom"]["energy"]["terms"] == ["gas"]


def test_schedule_runs_each_desk_at_its_time_and_retries_once(tmp_path: Path) -> None:
    import subprocess

    config = write_config(
        tmp_path, TWO_DESKS.replace('title = "Markets"', 'title = "Markets"\nschedule = "05:45"')
    )
    run = subprocess.run(
        [BRIEFGEN, "schedule", "--at", "07:00", "--tz", "UTC", "--email", "--config", str(config)],
        capture_output=True, text=True, check=True, cwd=tmp_path,
    )  # fmt: skip
    jobs = [line for line in run.stdout.splitlines() if not line.startswith("#")]
    assert len(jobs) == 3
    assert jobs[0].startswith("45 5 * * * ") and "build --desk markets --email" in jobs[0]
    assert jobs[1].startswith("*/30 * * * * ") and "send --retry" in jobs[1]
    assert jobs[2].startswith("0 7 * * * ") and "build --desk asia --email" in jobs[2]


def test_an_old_ledger_moves_to_the_default_desk(tmp_path: Path) -> None:
    """A store written before desks keeps its deliveries, as the default desk's."""
    import sqlite3

    from briefgen.deliver.ledger import Ledger
    from briefgen.store import MIGRATIONS

    before_desks = next(n for n, m in enumerate(MIGRATIONS) if "by desk" in m.description)
    db = tmp_path / "briefgen.db"
    with sqlite3.connect(db) as old:
        for step in MIGRATIONS[:before_desks]:
            for statement in step.for_dialect(postgres=False):
                old.execute(statement)
        old.execute(f"PRAGMA user_version = {before_desks}")
        old.execute(
            "INSERT INTO deliveries (edition_date, edition, recipient, state, created_at,"
            " updated_at, sent_at) VALUES ('2031-03-14', 3, 'ana@example.org', 'sent',"
            " '2031-03-14T06:00:00Z', '2031-03-14T06:00:00Z', '2031-03-14T06:00:00Z')"
        )
    old.close()
    with Ledger(db) as ledger:
        (row,) = ledger.rows()
        assert (row.desk, row.recipient, row.state, row.edition) == (
            "",
            "ana@example.org",
            "sent",
            3,
        )
        # The same reader and day on another desk is another delivery.
        ledger.enqueue(row.day, 1, ["ana@example.org"], row.created_at, desk="asia")
        ledger.enqueue(row.day, 3, ["ana@example.org"], row.created_at)
        assert [r.state for r in ledger.rows(desk=None)] == ["sent", "queued"]


def test_editions_lists_and_removes_per_desk(tmp_path: Path) -> None:
    import subprocess

    shutil.copytree(SEEDS, tmp_path / "in")
    write_config(tmp_path)

    def briefgen(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [BRIEFGEN, *args], cwd=tmp_path, capture_output=True, text=True, check=False
        )

    assert briefgen("build", "--date", "2004-11-18", "--input", "in", "-f", "json").returncode == 0
    listed = [
        json.loads(line) for line in briefgen("editions", "--format", "json").stdout.splitlines()
    ]
    assert sorted((e["desk"], e["date"], e["edition"]) for e in listed) == [
        ("asia", "2004-11-18", 1),
        ("markets", "2004-11-18", 1),
    ]
    refused = briefgen("editions", "--remove", "2004-11-18")
    assert refused.returncode == 2
    assert "--remove: name the desk too, with --desk NAME" in refused.stderr
    assert briefgen("editions", "--remove", "2004-11-18", "--desk", "asia").returncode == 0
    left = briefgen("editions", "--format", "json").stdout.splitlines()
    assert [json.loads(line)["desk"] for line in left] == ["markets"]


def test_outlet_and_language_filters(tmp_path: Path) -> None:
    from datetime import UTC, datetime

    from briefgen.models import Article

    settings = load_settings(
        write_config(
            tmp_path,
            '[desks.wires]\noutlets = ["Reuters", "AP"]\nexclude_outlets = ["ap"]\n'
            '[desks.german]\nlanguages = ["de"]\n'
            '[desks.korea]\nmentions = ["North Korea"]\n',
        ),
        env={},
    )
    wires, german, korea = all_desks(settings)

    def article(outlet: str, text: str, language: str = "en") -> Article:
        when = datetime(2017, 8, 31, 8, tzinfo=UTC)
        return Article("Headline", (text,), when, outlet, language=language)

    assert wires.keeps(article("Reuters", "Markets rose."))
    assert not wires.keeps(article("AP", "Markets rose."))  # excluded, whatever the case
    assert not wires.keeps(article("BBC News", "Markets rose."))
    assert german.keeps(article("Spiegel", "Die Börse stieg.", "de"))
    assert not german.keeps(article("Spiegel", "Markets rose."))
    assert korea.keeps(article("BBC News", "Talks with NORTH KOREA resumed."))
    # Whole words only: "North Koreans" names North Korea's people, not a mention of it.
    assert not korea.keeps(article("BBC News", "North Koreans crossed the river."))
    assert not korea.keeps(article("BBC News", "South Korea held an election."))
    # Named once in passing, far down a story about something else: not about it.
    filler = "The committee heard evidence on the budget for another hour. " * 30
    assert not korea.keeps(article("BBC News", filler + "North Korea was also mentioned."))
    assert korea.keeps(
        article("BBC News", filler + "North Korea fired a missile. North Korea said so.")
    )
    assert korea.describe_filters() == "mentions North Korea"
    assert wires.describe_filters() == "outlets Reuters, AP; not from ap"
