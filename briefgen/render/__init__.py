"""Render a Briefing: HTML (web, print, e-mail), PDF, JSON, plain text, and the archive page.

``write_briefing`` is what the pipeline calls; the other functions return the
rendered document without touching the disk.
"""

from __future__ import annotations

from briefgen.render.environment import template_dirs
from briefgen.render.html import render_html
from briefgen.render.jsonout import briefing_to_dict
from briefgen.render.pdf import render_pdf
from briefgen.render.text import render_text
from briefgen.render.write import write_briefing

__all__ = [
    "briefing_to_dict",
    "render_html",
    "render_pdf",
    "render_text",
    "template_dirs",
    "write_briefing",
]
