"""One numbering of the sources in every format; marking, zone and day-only dates in each."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import UTC, datetime

import lxml.html

from briefgen.config import BuildSettings, Settings
from briefgen.models import Briefing, Point
from briefgen.render import briefing_to_dict, render_html, render_text
from tests.render.fixtures import make_briefing, with_unnamed_sources


def html_numbers(briefing: Briefing, settings: Settings) -> list[tuple[int, str]]:
    doc = lxml.html.document_fromstring(render_html(briefing, settings, variant="web"))
    items = doc.get_element_by_id("sources").findall(".//li")
    return [(int(li.get("value")), li.find(".//span").text_content()) for li in items]


def test_json_sources_are_numbered_as_in_the_html_and_the_text(briefing, settings) -> None:
    data = briefing_to_dict(briefing)
    in_json = [(s["number"], s["outlet"]) for s in data["sources"]]
    assert in_json == html_numbers(briefing, settings)
    assert [n for n, _ in in_json] == list(range(1, len(in_json) + 1))
    sources_text = render_text(briefing, settings).split("SOURCES\n\n")[1]
    in_text = [
        (int(n), outlet) for n, outlet in re.findall(r"^\[(\d+)\] (.+?)\. ", sources_text, re.M)
    ]
    assert in_text == in_json


def test_every_point_carries_its_citation_numbers(briefing, settings) -> None:
    data = briefing_to_dict(briefing)
    numbers = {s["article_id"]: s["number"] for s in data["sources"]}
    doc = lxml.html.document_fromstring(render_html(briefing, settings, variant="web"))
    for section in data["sections"]:
        for i, point in enumerate(section["points"], start=1):
            own = numbers[point["source"]["article_id"]]
            others = [numbers[s["article_id"]] for s in point["also_reported_by"]]
            assert point["citations"] == list(dict.fromkeys([own, *others]))
            marker = doc.get_element_by_id(f"{section['key']}-{i}").find(".//sup")
            assert marker.text_content() == f"[{own}]"
    for quote in data["quotes"]:
        assert quote["citation"] == numbers[quote["source"]["article_id"]]
    assert all(p["citations"] for p in data["key_points"])


def test_the_marking_heads_and_foots_the_plain_text(briefing, settings) -> None:
    lines = render_text(briefing, settings).splitlines()
    assert lines[0] == "OFFICIAL"
    assert lines[-1] == "OFFICIAL"
    assert render_text(briefing).splitlines()[0].startswith("Daily Briefing")


def test_times_are_shown_in_build_timezone_with_its_name(briefing, settings) -> None:
    new_york = replace(settings, build=replace(settings.build, timezone="America/New_York"))
    text = " ".join(render_text(briefing, new_york).split())
    title = "Patrol boats shadow freighter near Kessel Strait"
    assert f"Northern Courier. {title}. 31 Aug 2017, 02:15 EDT." in text
    assert "Generated 31 Aug 2017, 02:00 EDT." in text
    for variant in ("web", "email"):
        page = " ".join(
            lxml.html.document_fromstring(
                render_html(briefing, new_york, variant=variant)  # type: ignore[arg-type]
            )
            .text_content()
            .split()
        )
        assert "31 Aug 2017, 02:15 EDT" in page
        assert "UTC" not in page
    london = replace(
        settings, build=BuildSettings(out=settings.build.out, timezone="Europe/London")
    )
    assert "31 Aug 2017, 07:15 BST" in " ".join(render_text(briefing, london).split())


def day_only(point: Point) -> Point:
    noon = datetime(2017, 8, 31, 12, tzinfo=UTC)
    return replace(point, source=replace(point.source, published=noon, date_only=True))


def test_a_source_that_gave_only_a_day_shows_only_the_day(settings) -> None:
    base = make_briefing()
    first = base.sections[0].points[0]
    dated = day_only(first)
    sections = (
        replace(base.sections[0], points=(dated, *base.sections[0].points[1:])),
        *base.sections[1:],
    )
    briefing = replace(base, sections=sections, key_points=(dated,))
    text = " ".join(render_text(briefing, settings).split())
    title = "Patrol boats shadow freighter near Kessel Strait"
    assert f"[1] Northern Courier. {title}. 31 Aug 2017. " in text
    assert "12:00" not in text
    doc = lxml.html.document_fromstring(render_html(briefing, settings, variant="web"))
    entry = doc.get_element_by_id("src-1")
    assert " ".join(entry.text_content().split()).endswith("31 Aug 2017 · 1 point")
    assert entry.find(".//time").get("datetime") == "2017-08-31"
    source = json.loads(json.dumps(briefing_to_dict(briefing)))["sources"][0]
    assert (source["published"], source["date_only"]) == ("2017-08-31", True)


def test_unnamed_outlets_are_named_by_their_headlines_in_the_text(briefing, settings) -> None:
    from briefgen.ingest.outlets import UNKNOWN_OUTLET

    cut, point = with_unnamed_sources(briefing)
    unnamed, other = point.source, point.also_reported_by[0]
    body = render_text(cut, settings)
    flat = " ".join(body.split())
    # Two unnamed sources are two, each named by its headline, never "Unknown outlet".
    assert UNKNOWN_OUTLET not in body
    assert f"· “{unnamed.title}”," in flat
    assert f"(also “{other.title}” [" in flat
    assert f"] {unnamed.title}. " in flat  # the source list starts with the title
