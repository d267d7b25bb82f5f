"""``briefgen init``: a starter settings file and template folder that a build picks up."""

from __future__ import annotations

import dataclasses
import re
import shutil
from pathlib import Path

import jinja2
import jinja2.nodes
import lxml.html
import pytest
from pypdf import PdfReader
from typer.testing import CliRunner

import briefgen.cli.init  # noqa: F401  (registers the command on the app)
from briefgen import models
from briefgen.cli import app
from briefgen.config import Settings, load_settings, starter_toml
from briefgen.render import archive, context
from briefgen.render.environment import FILTERS, default_template_dir
from briefgen.render.html import template_context
from briefgen.themes import readme, starter_settings, write_starter
from tests.conftest import SEEDS

runner = CliRunner()


def init(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["init", *args])
    return result.exit_code, result.stdout, result.stderr


def test_init_writes_settings_and_templates(tmp_path: Path) -> None:
    code, out, _ = init(str(tmp_path / "desk"))
    assert code == 0
    folder = tmp_path / "desk"
    for name in ("briefgen.toml", "templates/briefing.html", "templates/README.md"):
        assert (folder / name).is_file(), name
        assert str(folder / name) in out
    settings = load_settings(folder / "briefgen.toml", env={})
    assert settings.render.templates == folder / "templates"
    # Everything else keeps its default: the file only documents the other settings.
    defaults = Settings()
    for table in ("build", "sources", "store", "taxonomy", "email"):
        assert getattr(settings, table) == getattr(defaults, table), table
    assert dataclasses.replace(settings.render, templates=None) == defaults.render


def test_settings_file_is_the_documented_starter_with_templates_on() -> None:
    written = starter_settings().splitlines()
    starter = starter_toml().splitlines()
    assert len(written) == len(starter)
    changed = [(a, b) for a, b in zip(starter, written, strict=True) if a != b]
    assert changed == [('# templates = ""', 'templates = "templates"')]


def test_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    (tmp_path / "briefgen.toml").write_text("[build]\ntitle = 'Mine'\n", encoding="utf-8")
    code, _, err = init(str(tmp_path))
    assert code == 2
    assert f"{tmp_path / 'briefgen.toml'} already exists" in err and "--force" in err
    # Nothing written: not even the template folder next to the user's own file.
    assert (tmp_path / "briefgen.toml").read_text(encoding="utf-8") == "[build]\ntitle = 'Mine'\n"
    assert not (tmp_path / "templates").exists()

    code, _, _ = init(str(tmp_path), "--force")
    assert code == 0
    assert load_settings(tmp_path / "briefgen.toml", env={}).build.title == "Daily Briefing"


def test_refuses_an_existing_template_too(tmp_path: Path) -> None:
    write_starter(tmp_path)
    (tmp_path / "briefgen.toml").unlink()
    code, _, err = init(str(tmp_path))
    assert code == 2 and "templates/briefing.html" in err and "already exist" in err
    assert not (tmp_path / "briefgen.toml").exists()


def test_a_file_is_not_a_folder(tmp_path: Path) -> None:
    target = tmp_path / "notes.txt"
    target.write_text("x", encoding="utf-8")
    code, _, err = init(str(target))
    assert code == 2 and "is a file, not a folder" in err


def test_build_uses_the_written_templates(tmp_path: Path) -> None:
    folder = tmp_path / "desk"
    assert init(str(folder))[0] == 0
    shutil.copytree(SEEDS, folder / "seeds")
    result = runner.invoke(
        app,
        [
            "build",
            "--date",
            "2017-08-31",
            "--config",
            str(folder / "briefgen.toml"),
            "--input",
            str(folder / "seeds"),
            "--out",
            str(folder / "reports"),
            "--format",
            "html,pdf",
            "--quiet",
        ],
    )
    assert result.exit_code == 0, result.stderr
    day = folder / "reports" / "2017-08-31"
    html = (day / "briefing-2017-08-31.html").read_text(encoding="utf-8")
    notes = lxml.html.document_fromstring(html).find_class("desk-note")
    assert [" ".join(p.text_content().split()) for p in notes] == [
        "Prepared by briefgen for the morning meeting, Thursday 31 August 2017."
    ]
    # The override changes one block; the rest of the built-in page is still there.
    assert html.index("desk-note") < html.index('id="key-points"') < html.index('id="sources"')
    first_page = PdfReader(day / "briefing-2017-08-31.pdf").pages[0].extract_text()
    assert "Prepared by briefgen for the morning meeting" in " ".join(first_page.split())


# ---- the README beside the templates lists what the code provides ----


README = readme()


def _documented(name: str) -> bool:
    return f"`{name}`" in README or f"`{name}(" in README


def _fields(cls: type) -> list[str]:
    return [f.name for f in dataclasses.fields(cls)]


@pytest.mark.parametrize(
    "cls",
    [
        context.BriefingView,
        context.PointView,
        context.SectionView,
        context.Citation,
        context.QuoteView,
        context.SourceEntry,
        context.Chart,
        archive.ArchiveEntry,
        archive.ArchiveKeyPoint,
        models.Briefing,
        models.Section,
        models.Point,
        models.Source,
        models.SourceCount,
        models.Quote,
        models.Actor,
        models.Stats,
    ],
    ids=lambda cls: cls.__name__,
)
def test_readme_names_every_field(cls: type) -> None:
    missing = [name for name in _fields(cls) if not _documented(name)]
    assert not missing, f"{cls.__name__}: {missing} not in the templates README"


def test_readme_names_every_context_name_and_filter() -> None:
    from tests.render.fixtures import make_briefing

    names = template_context(make_briefing(), Settings(), "web")
    wanted = [*names, *FILTERS, "render_point", "cite_marker", "status"]
    assert [n for n in wanted if not _documented(n)] == []
    for name in re.findall(r"^\| `(\w+)` \|", README.split("## Filters")[1], flags=re.M):
        assert name in FILTERS, f"README lists a filter {name!r} that does not exist"


def _blocks(template: str) -> set[str]:
    source = (default_template_dir() / template).read_text(encoding="utf-8")
    tree = jinja2.Environment().parse(source)
    return {block.name for block in tree.find_all(jinja2.nodes.Block)}


def test_readme_blocks_are_the_templates_blocks() -> None:
    rows = {
        m.group(1): set(re.findall(r"`(\w+)`", m.group(2)))
        for m in re.finditer(r"^\| `([\w/.]+)` \|[^|]*\| ([^|]*) \|$", README, flags=re.M)
    }
    assert rows["base.html"] == _blocks("base.html")
    # briefing.html fills base.html's `body` block and opens its own inside it.
    assert rows["briefing.html"] == _blocks("briefing.html") - {"body"}
    for template in ("email.html", "archive.html"):
        assert _blocks(template) == set() and rows[template] == set()


def test_every_builtin_template_is_listed() -> None:
    root = default_template_dir()
    for path in root.rglob("*"):
        if path.is_file() and path.name != "README.md":
            assert path.relative_to(root).as_posix() in README, path
