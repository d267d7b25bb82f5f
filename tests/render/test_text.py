"""The plain-text e-mail body."""

from __future__ import annotations

from briefgen.render import render_text
from tests.render.fixtures import make_briefing


def test_plain_text_reads_top_to_bottom() -> None:
    text = render_text(make_briefing())
    lines = text.splitlines()
    assert lines[0] == "Daily Briefing — Thursday 31 August 2017 — No. 12"
    order = [
        text.index(h)
        for h in ("KEY POINTS", "SECURITY", "DIPLOMACY", "TRADE", "KEY QUOTES", "SOURCES")
    ]
    assert order == sorted(order)
    assert "reported by 3 sources (also Baltic Wire [2], Ζώνη Ειδήσεων [3])" in " ".join(
        text.split()
    )
    assert "Context: Officials said the vessel" in text
    assert "CONTINUING · Baltic Wire" in text
    assert "https://courier.example/news/kessel-strait-patrol" in text
    assert "javascript:" not in text
    assert all(len(line) <= 76 for line in lines if "://" not in line)


def test_an_empty_section_says_so_as_the_html_does() -> None:
    from dataclasses import replace

    briefing = make_briefing()
    empty = tuple(replace(s, points=()) if s.key == "trade" else s for s in briefing.sections)
    text = render_text(replace(briefing, sections=empty))
    assert "TRADE\n-----\n\nNothing on trade in today’s sources." in text
