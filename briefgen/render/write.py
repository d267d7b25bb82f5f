"""Write an edition's files: ``OUT/YYYY-MM-DD/briefing-YYYY-MM-DD.{html,pdf,json}``."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from briefgen.atomic import write_atomic
from briefgen.config import Settings
from briefgen.errors import RenderError
from briefgen.layout import edition_file
from briefgen.models import Briefing
from briefgen.render.archive import write_archive
from briefgen.render.html import render_html
from briefgen.render.jsonout import briefing_to_json
from briefgen.render.pdf import render_pdf

_RENDERERS: dict[str, Callable[[Briefing, Settings], bytes]] = {
    "html": lambda b, s: render_html(b, s, variant="web").encode("utf-8"),
    "pdf": render_pdf,
    "json": lambda b, s: briefing_to_json(b).encode("utf-8"),
}


def edition_path(settings: Settings, briefing: Briefing, fmt: str) -> Path:
    return edition_file(settings.build.out, briefing.date, f".{fmt}")


def write_briefing(briefing: Briefing, settings: Settings) -> dict[str, Path]:
    """Write the formats in ``settings.build.formats``, then rebuild ``OUT/index.html``.

    Every format is rendered before any file is written, and each file is
    replaced atomically: a failure leaves the previous edition's files whole.
    HTML or PDF files of an earlier build of the day that this build does not
    write again are removed, so the edition's files always agree.
    Returns format → path.
    """
    formats = list(dict.fromkeys(settings.build.formats))
    unknown = [f for f in formats if f not in _RENDERERS]
    if unknown:
        raise RenderError(
            f"build.formats: unknown format(s) {', '.join(unknown)}; use html, pdf or json"
        )
    rendered = {fmt: _RENDERERS[fmt](briefing, settings) for fmt in formats}
    # JSON last: the archive and the next day's build treat it as "the edition exists".
    order = sorted(rendered, key=lambda f: f == "json")
    written = {
        fmt: write_atomic(edition_path(settings, briefing, fmt), rendered[fmt]) for fmt in order
    }
    # A file left from an earlier build of this day would no longer match the
    # edition (a mailer would attach yesterday's PDF to today's text): remove it.
    for fmt in _RENDERERS.keys() - rendered.keys() - {"json"}:
        edition_path(settings, briefing, fmt).unlink(missing_ok=True)
    write_archive(settings)
    return {fmt: written[fmt] for fmt in formats}
