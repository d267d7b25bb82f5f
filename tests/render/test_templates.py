"""User templates override the theme, can extend it, and faults name the file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

import briefgen
from briefgen.errors import TemplateError
from briefgen.render import render_html, template_dirs
from briefgen.render.environment import default_template_dir
from tests.render.conftest import settings_for
from tests.render.fixtures import make_briefing

REPO_TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


def theme(tmp_path: Path, files: dict[str, str]) -> Path:
    folder = tmp_path / "theme"
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return folder


def render_with(tmp_path: Path, files: dict[str, str], variant: str = "web") -> str:
    settings = settings_for(tmp_path, templates=theme(tmp_path, files))
    return render_html(make_briefing(), settings, variant=variant)  # type: ignore[arg-type]


def test_user_folder_comes_first(tmp_path: Path) -> None:
    folder = theme(tmp_path, {"x.txt": ""})
    dirs = template_dirs(settings_for(tmp_path, templates=folder))
    assert dirs == [folder.resolve(), default_template_dir()]
    assert template_dirs(settings_for(tmp_path)) == [default_template_dir()]


def test_override_extends_the_default(tmp_path: Path) -> None:
    html = render_with(
        tmp_path,
        {
            "briefing.html": '{% extends "default:briefing.html" %}\n'
            '{% block key_points %}<p class="desk-note">Desk note: {{ view.long_date }}</p>'
            "{{ super() }}{% endblock %}\n"
        },
    )
    assert '<p class="desk-note">Desk note: Thursday 31 August 2017</p>' in html
    assert 'id="key-points"' in html and 'id="section-trade"' in html


def test_override_of_a_partial_is_used_by_the_default_page(tmp_path: Path) -> None:
    html = render_with(
        tmp_path, {"partials/masthead.html": "<header><h1>Situation Report</h1></header>"}
    )
    assert "<h1>Situation Report</h1>" in html and "Two coastguard patrol boats" in html


def test_user_templates_are_autoescaped_and_sandboxed(tmp_path: Path) -> None:
    html = render_with(tmp_path, {"email.html": "{{ '<b>' }}|{{ view.title }}"}, "email")
    assert html.startswith("&lt;b&gt;|Daily Briefing")
    with pytest.raises(TemplateError, match=r"email\.html"):
        render_with(tmp_path, {"email.html": "{{ view.__class__.__init__.__globals__ }}"}, "email")


def test_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    with pytest.raises(TemplateError) as info:
        render_with(
            tmp_path,
            {
                "briefing.html": '{% extends "default:briefing.html" %}\n'
                "{% block sections %}\n{% for x in %}\n{% endblock %}\n"
            },
        )
    message = str(info.value)
    assert "briefing.html" in message and "line 3" in message


def test_runtime_error_names_file_and_line(tmp_path: Path) -> None:
    with pytest.raises(TemplateError) as info:
        render_with(tmp_path, {"email.html": "<p>fine</p>\n{{ view.no_such_field }}\n"}, "email")
    message = str(info.value)
    assert str(tmp_path / "theme" / "email.html") in message and "line 2" in message
    assert "no_such_field" in message


def test_missing_include_is_named(tmp_path: Path) -> None:
    with pytest.raises(
        TemplateError, match=r"'partials/nowhere.html' not found.*email.html, line 1"
    ):
        render_with(tmp_path, {"email.html": '{% include "partials/nowhere.html" %}'}, "email")


def test_missing_user_folder_names_the_setting(tmp_path: Path) -> None:
    with pytest.raises(TemplateError, match=r"render\.templates"):
        template_dirs(settings_for(tmp_path, templates=tmp_path / "absent"))


def test_theme_found_in_a_wheel_layout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    package = tmp_path / "site-packages" / "briefgen"
    (package / "templates").mkdir(parents=True)
    (package / "templates" / "briefing.html").write_text("wheel", encoding="utf-8")
    monkeypatch.setattr(briefgen, "__file__", str(package / "__init__.py"))
    assert default_template_dir() == package / "templates"


def test_theme_found_in_a_source_checkout() -> None:
    assert default_template_dir() == REPO_TEMPLATES.resolve()


def test_missing_theme_says_to_reinstall(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(briefgen, "__file__", str(tmp_path / "pkg" / "briefgen" / "__init__.py"))
    with pytest.raises(TemplateError, match="reinstall"):
        default_template_dir()
