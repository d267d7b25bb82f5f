"""Small horizontal bar charts as inline SVG, drawn from the briefing's own numbers.

No plotting library: a bar chart is a few rectangles and labels, and inline
SVG keeps the HTML self-contained and sharp in the PDF. Every value is also
written as text beside its bar and in the chart's <desc>, so the chart is
readable by a screen reader and in greyscale print.
"""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup, escape

# Drawn at the width of a phone's text column (390 px screen less margins), so that
# on a phone the chart is shown at its own size and 13-unit labels are 13 px; the
# web page and the PDF cap the width so the labels stay near the body text's size.
WIDTH = 360
#: Longest bar; the rest of the width holds the value written after it ("12 sources").
BAR_AREA = 280
#: Labels sit above their bars, so a long outlet name never squeezes the bars.
LABEL_HEIGHT = 17
#: The theme's sans-serif stack, so chart labels match the headings around them.
FONT = (
    "'Source Sans 3', 'Segoe UI', 'Helvetica Neue', Arial, 'Noto Sans', 'DejaVu Sans', sans-serif"
)
INK = "#1f2328"
MUTED = "#57606a"

#: Section colours, each at least 4.5:1 against white.
SECTION_COLOURS = {"security": "#1d3f66", "diplomacy": "#2f6b3a", "trade": "#8a4b0f"}
DEFAULT_COLOUR = "#3d4b5c"
#: The pale "sources" bars are outlined in the full colour: a tint alone is under the
#: 3:1 contrast graphics need against white.
PALE = 0.3


def section_chart(rows: Sequence[tuple[str, str, int, int]], *, chart_id: str) -> Markup:
    """Points and cited articles per section; ``rows`` are (key, title, points, sources)."""
    bar_h, gap, after = 13, 3, 12
    top = 26
    block = LABEL_HEIGHT + 2 * bar_h + gap + after
    height = top + block * len(rows) - after + 2
    peak = max([1, *(max(points, sources) for _, _, points, sources in rows)])
    parts = [
        _legend_swatch(0, 4, DEFAULT_COLOUR, 1.0, "Points"),
        _legend_swatch(72, 4, DEFAULT_COLOUR, PALE, "Sources (articles)"),
    ]
    summary = []
    for i, (key, title, points, sources) in enumerate(rows):
        y = top + i * block
        colour = SECTION_COLOURS.get(key, DEFAULT_COLOUR)
        parts.append(_label(y + 12, _shorten(title, 44), bold=True))
        y += LABEL_HEIGHT
        parts.append(_bar(y, bar_h, points, peak, colour, 1.0, _count(points, "point")))
        parts.append(
            _bar(y + bar_h + gap, bar_h, sources, peak, colour, PALE, _count(sources, "source"))
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
    bar_h, after, top = 14, 9, 2
    block = LABEL_HEIGHT + bar_h + after
    more = total - len(rows)
    height = top + block * len(rows) - after + (24 if more > 0 else 2)
    peak = max([1, *(count for _, count in rows)])
    parts = []
    for i, (outlet, count) in enumerate(rows):
        y = top + i * block
        parts.append(_label(y + 12, _shorten(outlet, 44)))
        parts.append(
            _bar(y + LABEL_HEIGHT, bar_h, count, peak, DEFAULT_COLOUR, 1.0, _count(count, "point"))
        )
    if more > 0:
        y = top + block * len(rows) - after + 18
        parts.append(
            f'<text x="0" y="{y}" font-size="12" fill="{MUTED}">'
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
    rect = ""
    if width:
        rect = (
            f'<rect x="0" y="{y}" width="{width:.1f}" height="{h}" fill="{colour}"'
            + (
                f' fill-opacity="{opacity}" stroke="{colour}" stroke-width="1"'
                if opacity < 1
                else ""
            )
            + "/>"
        )
    label = (
        f'<text x="{width + 6:.1f}" y="{y + h - 2}" font-size="12" '
        f'fill="{INK}">{escape(text)}</text>'
    )
    return rect + label


def _label(y: float, text: str, *, bold: bool = False) -> str:
    weight = ' font-weight="bold"' if bold else ""
    return f'<text x="0" y="{y}"{weight}>{escape(text)}</text>'


def _legend_swatch(x: int, y: int, colour: str, opacity: float, text: str) -> str:
    outline = f' stroke="{colour}" stroke-width="1"' if opacity < 1 else ""
    return (
        f'<rect x="{x + 0.5}" y="{y + 0.5}" width="11" height="11" fill="{colour}" '
        f'fill-opacity="{opacity}"{outline}/>'
        f'<text x="{x + 17}" y="{y + 11}" font-size="12" fill="{MUTED}">{escape(text)}</text>'
    )


def _count(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
