"""Write an edition's files: ``OUT/YYYY-MM-DD/briefing-YYYY-MM-DD.{html,pdf,json}``."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from briefgen.atomic import write_atomic
from briefgen.config import Settings
from briefgen.errors import RenderError
from briefgen.layout import edition_file, staged_edition
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


def write_briefing(
    briefing: Briefing, settings: Settings, *, folder: Path | None = None
) -> dict[str, Path]:
    """Write the formats in ``settings.build.formats``; returns format → path.

    Every format is rendered before any file is written. Without ``folder``,
    the files go to a new build folder that then becomes the edition in one
    step (:func:`briefgen.layout.publish`), and ``OUT/index.html`` is rebuilt:
    a failure or a killed run leaves the previous edition whole, and no file
    of an earlier build of the day survives beside the new ones. The caller
    holds the edition's lock. With ``folder`` (a build folder the caller will
    publish), the files are only written there.
    """
    formats = list(dict.fromkeys(settings.build.formats))
    unknown = [f for f in formats if f not in _RENDERERS]
    if unknown:
        raise RenderError(
            f"build.formats: unknown format(s) {', '.join(unknown)}; use html, pdf or json"
        )
    rendered = {fmt: _RENDERERS[fmt](briefing, settings) for fmt in formats}
    out, day = settings.build.out, briefing.date
    if folder is not None:
        for fmt in formats:
            write_atomic(folder / edition_file(out, day, f".{fmt}").name, rendered[fmt])
    else:
        with staged_edition(out, day) as staging:
            for fmt in formats:
                write_atomic(staging / edition_file(out, day, f".{fmt}").name, rendered[fmt])
        write_archive(settings)
    return {fmt: edition_path(settings, briefing, fmt) for fmt in formats}
