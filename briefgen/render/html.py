"""The briefing as HTML: a self-contained web page, the page WeasyPrint prints, an e-mail body."""

from __future__ import annotations

from typing import Any, Literal, get_args

from briefgen.config import Settings
from briefgen.errors import RenderError
from briefgen.models import Briefing
from briefgen.render.context import build_view
from briefgen.render.environment import render_template

HtmlVariant = Literal["web", "print", "email"]

#: Template rendered for each variant; a user's folder may replace any of them.
TEMPLATES: dict[str, str] = {
    "web": "briefing.html",
    "print": "briefing.html",
    "email": "email.html",
}


def render_html(briefing: Briefing, settings: Settings, *, variant: HtmlVariant = "web") -> str:
    """The briefing as one HTML document with no external resource (CSS and charts inline).

    ``web`` reads on phone and desktop, ``print`` is the paged layout the PDF is
    made from, ``email`` is table-based with inline styles for mail clients.
    """
    if variant not in get_args(HtmlVariant):
        raise RenderError(f"unknown HTML variant {variant!r}: use one of web, print, email")
    return render_template(
        settings, TEMPLATES[variant], template_context(briefing, settings, variant)
    )


def template_context(
    briefing: Briefing, settings: Settings, variant: HtmlVariant
) -> dict[str, Any]:
    """The names a template can use (documented in docs/rendering.md)."""
    page_size = settings.render.page_size if settings.render.page_size in ("A4", "Letter") else "A4"
    return {
        "view": build_view(briefing, settings, variant),
        "briefing": briefing,
        "variant": variant,
        "page_size": page_size,
        "render": settings.render,
    }
