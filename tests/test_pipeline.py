"""The library API, stage by stage through ``build``: store, editions, archive, feed."""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import replace
from datetime import date
from pathlib import Path

from briefgen import build, load_settings
from briefgen.config import override
from briefgen.store import ArticleStore
from tests.conftest import SEEDS


def settings_in(tmp_path: Path):  # type: ignore[no-untyped-def]
    settings = load_settings(env={}, cwd=tmp_path)
    settings = override(settings, "build", out=tmp_path / "out", formats=("json",))
    return replace(settings, sources=replace(settings.sources, paths=(str(tmp_path / "in"),)))


def test_editions_are_numbered_and_build_from_the_store(tmp_path: Path) -> None:
    shutil.copytree(SEEDS, tmp_path / "in")
    settings = settings_in(tmp_path)
    first = build(settings, date(2004, 11, 13))
    second = build(settings, date(2004, 11, 18))
    assert first.briefing is not None and second.briefing is not None
    assert (first.briefing.edition, second.briefing.edition) == (1, 2)
    assert first.ingested.new == 5 and second.ingested.new == 0

    # With the inputs gone, the store still holds the day.
    shutil.rmtree(tmp_path / "in")
    (tmp_path / "in").mkdir()
    again = build(settings, date(2004, 11, 18))
    assert again.briefing is not None
    assert again.briefing.edition == 2  # a rebuild keeps its number
    assert [p.text for p in again.briefing.points] == [p.text for p in second.briefing.points]

    with ArticleStore.open(settings.db_path) as store:
        assert store.count() == 5


def test_archive_and_feed_list_every_edition(tmp_path: Path) -> None:
    shutil.copytree(SEEDS, tmp_path / "in")
    settings = settings_in(tmp_path)
    for day in (date(2004, 11, 13), date(2017, 8, 31)):
        build(settings, day)
    out = tmp_path / "out"
    index = (out / "index.html").read_text(encoding="utf-8")
    assert index.index("2017-08-31") < index.index("2004-11-13")  # newest first
    feed = (out / "feed.xml").read_text(encoding="utf-8")
    assert feed.count("<entry>") == 2
    data = json.loads((out / "2017-08-31" / "briefing-2017-08-31.json").read_text("utf-8"))
    assert data["date"] == "2017-08-31"


def test_empty_day_writes_nothing(tmp_path: Path) -> None:
    shutil.copytree(SEEDS, tmp_path / "in")
    settings = settings_in(tmp_path)
    result = build(settings, date(1999, 1, 1))
    assert result.briefing is None and result.files == {}
    assert not (tmp_path / "out" / "1999-01-01").exists()


def test_rebuild_with_fewer_formats_leaves_no_stale_pdf(tmp_path: Path) -> None:
    shutil.copytree(SEEDS, tmp_path / "in")
    settings = override(settings_in(tmp_path), "build", formats=("html", "pdf", "json"))
    build(settings, date(2017, 8, 31))
    folder = tmp_path / "out" / "2017-08-31"
    assert (folder / "briefing-2017-08-31.pdf").is_file()
    build(override(settings, "build", formats=("html",)), date(2017, 8, 31))
    assert not (folder / "briefing-2017-08-31.pdf").exists()
    assert (folder / "briefing-2017-08-31.html").is_file()


def test_edition_numbers_are_unique_and_stable_whatever_the_order(tmp_path: Path) -> None:
    shutil.copytree(SEEDS, tmp_path / "in")
    settings = settings_in(tmp_path)
    order = [date(2017, 8, 31), date(2004, 11, 18), date(2004, 11, 13), date(2004, 11, 18)]
    numbers = {}
    for day in order:
        result = build(settings, day)
        assert result.briefing is not None
        numbers.setdefault(day, []).append(result.briefing.edition)
    assert numbers == {
        date(2017, 8, 31): [1],
        date(2004, 11, 18): [2, 2],  # the rebuild keeps its number
        date(2004, 11, 13): [3],
    }
    index = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert sorted(set(re.findall(r"No\. (\d+)", index))) == ["1", "2", "3"]
    assert index.count("No. 2") == 1


def test_editions_built_before_the_store_kept_numbers_keep_theirs(tmp_path: Path) -> None:
    shutil.copytree(SEEDS, tmp_path / "in")
    settings = settings_in(tmp_path)
    build(settings, date(2004, 11, 13))
    build(settings, date(2004, 11, 18))
    with ArticleStore.open(settings.db_path) as store:  # as an older briefgen left it
        store.connection.execute("DELETE FROM editions")
    assert build(settings, date(2004, 11, 18)).briefing.edition == 2  # type: ignore[union-attr]
    assert build(settings, date(2005, 1, 3)).briefing.edition == 3  # type: ignore[union-attr]
    assert build(settings, date(2004, 11, 13)).briefing.edition == 1  # type: ignore[union-attr]


WIRE = """---
title: {title}
date: 2031-03-14
outlet: {outlet}
url: https://news.example.org/{slug}
---
""" + "\n\n".join(
    (
        "NORDVIK (Reuters) - Velmar's army fired artillery shells across the border into "
        "Kessel on Tuesday, killing three soldiers at a frontier post, the Kessel defence "
        "ministry said.",
        "Kessel put its troops on alert and said it would answer any further attack by "
        "Velmar's forces with missile strikes on their bases.",
        "Velmar's defence minister said the shelling answered mortar fire from the Kessel "
        "side of the border.",
    )
)


def test_archive_feed_and_pdf_bookmarks_show_points_without_the_wire_dateline(
    tmp_path: Path,
) -> None:
    (tmp_path / "in").mkdir()
    for n, outlet in enumerate(("Capital Wire", "Harbour Times")):
        (tmp_path / "in" / f"wire-{n}.txt").write_text(
            WIRE.format(title="Velmar shells Kessel border post", outlet=outlet, slug=n), "utf-8"
        )
    settings = override(settings_in(tmp_path), "build", formats=("html", "pdf", "json"))
    result = build(settings, date(2031, 3, 14))
    assert result.briefing is not None
    point = result.briefing.points[0]
    assert point.text.startswith("NORDVIK (Reuters) - Velmar's army fired")
    assert point.display_text.startswith("Velmar's army fired artillery shells")
    shown = "army fired artillery shells across the border"  # no character HTML escapes

    out = tmp_path / "out"
    index = (out / "index.html").read_text(encoding="utf-8")
    feed = (out / "feed.xml").read_text(encoding="utf-8")
    for page in (index, feed):
        assert shown in page
        assert "(Reuters)" not in page
    from pypdf import PdfReader

    reader = PdfReader(out / "2031-03-14" / "briefing-2031-03-14.pdf")

    def titles(items: list) -> list[str]:  # type: ignore[type-arg]
        found: list[str] = []
        for item in items:
            found.extend(titles(item) if isinstance(item, list) else [item.title])
        return found

    bookmarks = titles(reader.outline)
    assert any(t.startswith("Velmar's " + shown) for t in bookmarks), bookmarks
    assert not any("(Reuters)" in t for t in bookmarks), bookmarks
