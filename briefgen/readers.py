"""Readers who choose their sections (``[readers."ADDRESS"] sections = [...]``).

A reader who takes only some of a desk's sections gets an edition of those
sections alone: the build writes it beside the full edition, in the same folder
and the same switch, as ``briefing-DATE.sections-A-B.{json,pdf,txt,email.html}``
(a *variant*), and the mailer sends each reader their variant. A reader who
takes none of a desk's sections gets nothing from that desk.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from briefgen.atomic import write_atomic
from briefgen.config import Settings
from briefgen.layout import edition_file
from briefgen.models import Briefing

#: A reader's variant when they take every section of the desk.
WHOLE = ""


def variant_name(sections: Sequence[str]) -> str:
    return "sections-" + "-".join(sections)


def reader_sections(
    settings: Settings, desk_sections: Sequence[str], address: str
) -> tuple[str, ...]:
    """The sections of a desk (``desk_sections``, in order) that ``address`` takes."""
    chosen = {k.casefold(): r for k, r in settings.readers.items()}.get(address.casefold())
    if chosen is None or not chosen.sections:
        return tuple(desk_sections)
    return tuple(s for s in desk_sections if s in chosen.sections)


def reader_variant(settings: Settings, desk_sections: Sequence[str], address: str) -> str | None:
    """The variant ``address`` gets of a desk with ``desk_sections``: :data:`WHOLE`, a
    variant name, or None when the reader takes none of the desk's sections."""
    mine = reader_sections(settings, desk_sections, address)
    if not mine:
        return None
    return WHOLE if len(mine) == len(desk_sections) else variant_name(mine)


def variants(settings: Settings, desk_sections: Sequence[str]) -> dict[str, tuple[str, ...]]:
    """Variant name → its sections, for the readers of ``settings`` who chose a subset."""
    found: dict[str, tuple[str, ...]] = {}
    for address in settings.email.recipients:
        mine = reader_sections(settings, desk_sections, address)
        if mine and len(mine) < len(desk_sections):
            found[variant_name(mine)] = mine
    return found


def only_sections(briefing: Briefing, sections: Sequence[str], limit: int) -> Briefing:
    """``briefing`` with only ``sections``, and at most ``limit`` key points chosen again
    from their points (:func:`briefgen.compose.key_points`): a reader of Trade alone
    gets the top lines of Trade, not only those of the whole edition that are Trade."""
    from briefgen.compose import key_points

    kept = tuple(s for s in briefing.sections if s.key in sections)
    points = [p for s in kept for p in s.points]
    return replace(
        briefing,
        sections=kept,
        key_points=key_points(points, limit, [s.key for s in kept]),
        stats=replace(briefing.stats, points=len(points)),
    )


def write_variants(
    briefing: Briefing, settings: Settings, sections: Sequence[str], folder: Path
) -> dict[str, Path]:
    """Write each readers' variant of ``briefing`` into the build ``folder``: JSON, the PDF
    (when the edition has one) and the mail bodies. Returns file name → path."""
    from briefgen.render import render_html, render_pdf, render_text
    from briefgen.render.jsonout import briefing_to_json

    written: dict[str, Path] = {}
    out, day = settings.build.out, briefing.date
    for name, keys in variants(settings, sections).items():
        part = only_sections(briefing, keys, settings.build.key_points)
        files = {
            ".json": briefing_to_json(part).encode("utf-8"),
            ".txt": render_text(part, settings).encode("utf-8"),
            ".email.html": render_html(part, settings, variant="email").encode("utf-8"),
        }
        if "pdf" in settings.build.formats:
            files[".pdf"] = render_pdf(part, settings)
        for suffix, data in files.items():
            target = folder / edition_file(out, day, f".{name}{suffix}").name
            written[target.name] = write_atomic(target, data)
    return written
