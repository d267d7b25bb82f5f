"""A starter project: ``briefgen.toml`` and a ``templates/`` folder that adapts the theme.

``write_starter`` is what ``briefgen init`` calls. The settings file comes from
``briefgen.config.starter_toml()`` with ``render.templates`` switched on, so a
build in that folder picks up the templates at once. The template folder holds
one override that extends the built-in page and a README listing every name
and block a template can use (a test keeps that list in step with the code).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from briefgen.config import CONFIG_NAME, DESK_EXAMPLE, starter_toml
from briefgen.errors import ConfigError, TemplateError
from briefgen.render.environment import default_template_dir

#: The template folder ``init`` writes, relative to the settings file.
TEMPLATES_DIR = "templates"

STARTER_BRIEFING = """\
{#- Your theme. This file replaces the built-in briefing.html, and extends it so that
    only the blocks you override change. See README.md beside this file for every
    block and every name a template can use. Delete this file to go back to the
    built-in page. -#}
{% extends "default:briefing.html" %}

{# Example: a line above the key points; super() keeps the built-in list. #}
{% block key_points %}
<p class="desk-note">
Prepared by {{ view.organisation }} for the morning meeting, {{ view.long_date }}.
</p>
{{ super() }}
{% endblock %}

{# Example: extra CSS after the built-in styles.
{% block style %}
{{ super() }}
.desk-note { font-family: var(--sans); color: var(--muted); }
{% endblock %}
#}
"""


@dataclass(frozen=True)
class StarterFile:
    path: Path
    text: str


def starter_files(folder: Path, *, desks: bool = False) -> list[StarterFile]:
    """The files ``init`` writes into ``folder``, with their contents (with ``desks``, the
    settings end with a two-desk example)."""
    templates = folder / TEMPLATES_DIR
    settings = starter_settings() + ("\n" + DESK_EXAMPLE if desks else "")
    return [
        StarterFile(folder / CONFIG_NAME, settings),
        StarterFile(templates / "briefing.html", STARTER_BRIEFING),
        StarterFile(templates / "README.md", readme()),
    ]


def write_starter(folder: Path, *, force: bool = False, desks: bool = False) -> list[Path]:
    """Write the starter settings and templates into ``folder``; return the paths written.

    Nothing is written when any of the files exists already, unless ``force``:
    a half-written starter next to a user's own settings would be worse than none.
    """
    files = starter_files(folder, desks=desks)
    if folder.exists() and not folder.is_dir():
        raise ConfigError(f"{folder} is a file, not a folder; choose a folder for briefgen init")
    existing = [f.path for f in files if f.path.exists()]
    if existing and not force:
        names = ", ".join(str(p) for p in existing)
        raise ConfigError(
            f"{names} already exist{'s' if len(existing) == 1 else ''}; "
            "use --force to overwrite, or choose another folder"
        )
    written = []
    for f in files:
        try:
            f.path.parent.mkdir(parents=True, exist_ok=True)
            f.path.write_text(f.text, encoding="utf-8")
        except OSError as exc:
            raise ConfigError(f"cannot write {f.path}: {exc.strerror or exc}") from exc
        written.append(f.path)
    return written


def starter_settings() -> str:
    """``starter_toml()`` with ``render.templates`` pointing at the starter template folder."""
    lines = starter_toml().splitlines()
    setting = f'templates = "{TEMPLATES_DIR}"'
    start = lines.index("[render]")
    for i in range(start + 1, len(lines)):
        if lines[i].startswith("["):
            break
        if lines[i].startswith("# templates ="):
            lines[i] = setting
            return "\n".join(lines) + "\n"
    lines.insert(start + 1, setting)  # the starter gained or lost lines: still set it
    return "\n".join(lines) + "\n"


def readme() -> str:
    """The built-in theme's README: every file, block, name and filter a template can use."""
    path = default_template_dir() / "README.md"
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise TemplateError(f"cannot read {path}: {exc.strerror}; reinstall briefgen") from exc
