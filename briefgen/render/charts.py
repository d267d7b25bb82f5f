"""Small horizontal bar charts as inline SVG, drawn from the briefing's own numbers.

No plotting library: a bar chart is a few rectangles and labels, and inline
SVG keeps the HTML self-contained and sharp in the PDF. Every value is also
written as text beside its bar and in the chart's <desc>, so the chart is
readable by a screen reader and in greyscale print.
"""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup, escape

# Narrow enough that labels stay legible when a phone scales the chart down.
WIDTH = 480
LABEL_WIDTH = 128
BAR_AREA = 262
#: The theme's sans-serif stack, so chart labels match the headings around them.
FONT = (
    "'Source Sans 3', 'Segoe UI', 'Helvetica Neue', Arial, 'Noto Sans', 'DejaVu Sans', sans-serif"
)
INK = "#1f2328"
MUTED = "#57606a"

#: Section colours, each at least 4.5:1 against white.
SECTION_COLOURS = {"security": "#1d3f66", "diplomacy": "#2f6b3a", "trade": "#8a4b0f"}
DEFAULT_COLOUR = "#3d4b5c"


def section_chart(rows: Sequence[tuple[str, str, int, int]], *, chart_id: str) -> Markup:
    """Points and cited articles per section; ``rows`` are (key, title, points, sources)."""
    bar_h, gap, block = 14, 3, 44
    top = 30
    height = top + block * len(rows) + 4
    peak = max([1, *(max(points, sources) for _, _, points, sources in rows)])
    parts = [
        _legend_swatch(LABEL_WIDTH, 8, DEFAULT_COLOUR, 1.0, "Points"),
        _legend_swatch(LABEL_WIDTH + 80, 8, DEFAULT_COLOUR, 0.35, "Sources (articles)"),
    ]
    summary = []
    for i, (key, title, points, sources) in enumerate(rows):
        y = top + i * block
        colour = SECTION_COLOURS.get(key, DEFAULT_COLOUR)
        parts.append(_label(LABEL_WIDTH - 10, y + bar_h + gap / 2 + 4, title, bold=True))
        parts.append(_bar(y, bar_h, points, peak, colour, 1.0, _count(points, "point")))
        parts.append(
            _bar(y + bar_h + gap, bar_h, sources, peak, colour, 0.35, _count(sources, "source"))
        )
        summary.append(f"{title}: {_count(points, 'point')} from {_count(sources, 'source')}")
    return _svg(
        chart_id,
        height,
        "Points and sources by section",
        "; ".join(summary) + ".",
        parts,
    )


def outlet_chart(rows: Sequence[tuple[str, int]], total: int, *, chart_id: str) -> Markup:
    """How many points each outlet carried, largest first; ``total`` is the number of outlets."""
    bar_h, block, top = 16, 24, 6
    more = total - len(rows)
    height = top + block * len(rows) + (22 if more > 0 else 4)
    peak = max([1, *(count for _, count in rows)])
    parts = []
    for i, (outlet, count) in enumerate(rows):
        y = top + i * block
        parts.append(_label(LABEL_WIDTH - 10, y + bar_h - 3, _shorten(outlet, 18)))
        parts.append(_bar(y, bar_h, count, peak, DEFAULT_COLOUR, 1.0, _count(count, "point")))
    if more > 0:
        y = top + block * len(rows) + 12
        parts.append(
            f'<text x="{LABEL_WIDTH}" y="{y}" font-size="12" fill="{MUTED}">'
            f"and {_count(more, 'other outlet')}</text>"
        )
    summary = "; ".join(f"{outlet}: {_count(count, 'point')}" for outlet, count in rows)
    if more > 0:
        summary += f"; and {_count(more, 'other outlet')}"
    return _svg(chart_id, height, "Coverage by outlet", summary + ".", parts)


def _svg(chart_id: str, height: int, title: str, desc: str, parts: list[str]) -> Markup:
    cid = escape(chart_id)
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="{cid}-svg" '
        f'viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" '
        f'role="img" aria-labelledby="{cid}-title {cid}-desc" '
        f'font-family="{FONT}" font-size="13" fill="{INK}">'
        f'<title id="{cid}-title">{escape(title)}</title>'
        f'<desc id="{cid}-desc">{escape(desc)}</desc>'
    )
    return Markup(head + "".join(parts) + "</svg>")


def _bar(y: float, h: int, value: int, peak: int, colour: str, opacity: float, text: str) -> str:
    width = max(2.0, BAR_AREA * value / peak) if value else 0.0
    rect = (
        f'<rect x="{LABEL_WIDTH}" y="{y}" width="{width:.1f}" height="{h}" '
        f'fill="{colour}" fill-opacity="{opacity}"/>'
    )
    label = (
        f'<text x="{LABEL_WIDTH + width + 6:.1f}" y="{y + h - 3}" font-size="12" '
        f'fill="{INK}">{escape(text)}</text>'
    )
    return rect + label


def _label(x: float, y: float, text: str, *, bold: bool = False) -> str:
    weight = ' font-weight="bold"' if bold else ""
    return f'<text x="{x}" y="{y}" text-anchor="end"{weight}>{escape(text)}</text>'


def _legend_swatch(x: int, y: int, colour: str, opacity: float, text: str) -> str:
    return (
        f'<rect x="{x}" y="{y}" width="12" height="12" fill="{colour}" fill-opacity="{opacity}"/>'
        f'<text x="{x + 17}" y="{y + 11}" font-size="12" fill="{MUTED}">{escape(text)}</text>'
    )


def _count(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
