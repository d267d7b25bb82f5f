"""write_briefing: the edition's files, written atomically, and the archive page."""

from __future__ import annotations

import json
import os
from dataclasses import replace
from datetime import date
from pathlib import Path

import lxml.html
import pytest

from briefgen.atomic import write_atomic
from briefgen.config import Settings
from briefgen.errors import RenderError
from briefgen.render import write as write_module
from briefgen.render import write_briefing
from tests.render.fixtures import make_briefing


def with_formats(settings: Settings, *formats: str) -> Settings:
    return replace(settings, build=replace(settings.build, formats=formats))


@pytest.mark.slow
def test_writes_every_format_and_the_archive(settings: Settings) -> None:
    files = write_briefing(make_briefing(), settings)
    folder = settings.build.out / "2017-08-31"
    assert files == {
        "html": folder / "briefing-2017-08-31.html",
        "pdf": folder / "briefing-2017-08-31.pdf",
        "json": folder / "briefing-2017-08-31.json",
    }
    assert files["pdf"].read_bytes().startswith(b"%PDF-")
    assert json.loads(files["json"].read_text("utf-8"))["date"] == "2017-08-31"
    assert "Thursday 31 August 2017" in files["html"].read_text("utf-8")
    assert (settings.build.out / "index.html").is_file()
    assert not [p for p in folder.iterdir() if p.name.startswith(".")], "temporary file left"
    assert oct(files["html"].stat().st_mode & 0o777) == "0o644"


def test_only_the_formats_asked_for(settings: Settings) -> None:
    files = write_briefing(make_briefing(), with_formats(settings, "json"))
    assert list(files) == ["json"]
    assert sorted(p.name for p in (settings.build.out / "2017-08-31").iterdir()) == [
        "briefing-2017-08-31.json",
        "manifest.json",
    ]


def test_unknown_format_names_the_setting(settings: Settings) -> None:
    with pytest.raises(RenderError, match=r"build\.formats.*docx"):
        write_briefing(make_briefing(), with_formats(settings, "html", "docx"))


def test_archive_lists_editions_newest_first(settings: Settings) -> None:
    write_briefing(
        make_briefing(date=date(2017, 8, 30), edition=11), with_formats(settings, "json")
    )
    write_briefing(make_briefing(), with_formats(settings, "html", "json"))
    (settings.build.out / "2017-08-29").mkdir()
    (settings.build.out / "2017-08-29" / "briefing-2017-08-29.json").write_text("{broken")
    index = lxml.html.parse(str(settings.build.out / "index.html")).getroot()
    entries = index.find_class("edition-entry")
    assert [e.find(".//time").get("datetime") for e in entries] == ["2017-08-31", "2017-08-30"]
    newest = " ".join(entries[0].text_content().split())
    assert "Thursday 31 August 2017" in newest and "No. 12" in newest
    assert "Two coastguard patrol boats shadowed the freighter Aurelia" in newest
    links = [a.get("href") for a in entries[0].iter("a")]
    assert "2017-08-31/briefing-2017-08-31.html" in links
    assert not any(h.endswith(".pdf") for h in links)  # no PDF was built for that day
    older = [a.get("href") for a in entries[1].iter("a")]
    assert older == ["2017-08-30/briefing-2017-08-30.json"]
    assert "<script" not in (settings.build.out / "index.html").read_text("utf-8")


def test_failed_render_leaves_the_previous_edition_whole(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = with_formats(settings, "html", "pdf", "json")
    folder = settings.build.out / "2017-08-31"
    folder.mkdir(parents=True)
    old = {ext: folder / f"briefing-2017-08-31.{ext}" for ext in ("html", "pdf", "json")}
    for ext, path in old.items():
        path.write_text(f"previous {ext}")

    def broken_pdf(*_args: object) -> bytes:
        raise RenderError("WeasyPrint fell over")

    monkeypatch.setitem(write_module._RENDERERS, "pdf", broken_pdf)
    with pytest.raises(RenderError, match="fell over"):
        write_briefing(make_briefing(), settings)
    assert {ext: p.read_text() for ext, p in old.items()} == {ext: f"previous {ext}" for ext in old}
    assert sorted(p.name for p in folder.iterdir()) == sorted(p.name for p in old.values())


def test_atomic_write_leaves_no_partial_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "briefing.pdf"
    target.write_bytes(b"%PDF- the complete old file")

    def killed(*_args: object) -> None:
        raise KeyboardInterrupt  # the run is stopped between writing and renaming

    monkeypatch.setattr(os, "replace", killed)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, b"%PDF- half of a new")
    assert target.read_bytes() == b"%PDF- the complete old file"
    assert [p.name for p in tmp_path.iterdir()] == ["briefing.pdf"]


def test_atomic_write_creates_folders_and_encodes_text(tmp_path: Path) -> None:
    path = write_atomic(tmp_path / "a" / "b.txt", "Ζώνη")
    assert path.read_bytes() == "Ζώνη".encode()
