"""The web page as a reader and a browser see it: content, order, escaping, accessibility."""

from __future__ import annotations

import itertools

import lxml.html
import pytest

from briefgen.config import Settings
from briefgen.errors import RenderError
from briefgen.models import Briefing, Section
from briefgen.render import render_html
from briefgen.render.charts import BAR_AREA
from tests.render.fixtures import HOSTILE


def page(briefing: Briefing, settings: Settings, variant: str = "web") -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring(render_html(briefing, settings, variant=variant))  # type: ignore[arg-type]


def text(el: lxml.html.HtmlElement) -> str:
    return " ".join(el.text_content().split())


def test_masthead_has_title_written_date_edition_and_marking(briefing, settings) -> None:
    header = page(briefing, settings).find(".//header")
    assert header.find(".//h1").text_content() == "Daily Briefing"
    assert "Thursday 31 August 2017" in text(header)
    assert "No. 12" in text(header)
    assert "OFFICIAL" in text(header)
    assert header.find(".//time").get("datetime") == "2017-08-31"


def test_key_points_come_first_then_sections_in_order(briefing, settings) -> None:
    main = page(briefing, settings).find(".//main")
    ids = [s.get("id") for s in main.findall("section")]
    assert ids[:4] == ["key-points", "section-security", "section-diplomacy", "section-trade"]
    key = [text(li) for li in main.get_element_by_id("key-points").iter("li")]
    assert len(key) == 3 and key[0].startswith("Security Two coastguard patrol boats")


def test_point_shows_context_citation_sources_and_status(briefing, settings) -> None:
    doc = page(briefing, settings)
    first = doc.get_element_by_id("security-1")
    assert "Reported by 3 sources: Northern Courier, Baltic Wire [2], Ζώνη Ειδήσεων [3]" in text(
        first
    )
    assert first.find_class("status-new")
    cite = first.find_class("cite")[0]
    assert cite.get("href") == "#src-1" and doc.get_element_by_id("src-1") is not None
    second = doc.get_element_by_id("security-2")
    context = second.find_class("context")[0]
    assert "agricultural machinery" in text(context)
    # The context comes before the point's own sentence.
    assert text(second).index("agricultural") < text(second).index("third such escort")
    assert second.find_class("status-continuing")
    assert "Reported by" not in text(second)


def test_quotes_actors_sources_and_statistics(briefing, settings) -> None:
    doc = page(briefing, settings)
    quotes = text(doc.get_element_by_id("quotes-actors"))
    assert (
        "“We will not be drawn into a confrontation at sea” — Mara Velk, Arvand's defence minister"
        in quotes
    )
    assert "“Talks are the only road left” — Ion Sarrat" in quotes  # no doubled quote marks
    assert "Arvand 9" in quotes and "Kessel Strait Authority 2" in quotes
    sources = doc.get_element_by_id("sources").findall(".//li")
    assert [s.get("id") for s in sources] == [f"src-{n}" for n in range(1, 8)]
    assert "Baltic Wire. Navy escorts cargo ship" in text(sources[1]) and "2 points" in text(
        sources[1]
    )
    stats = text(doc.get_element_by_id("statistics"))
    for expected in (
        "Articles read 42",
        "Sentences 1,318",
        "Unclassified sentences 655",
        "Skipped inputs 2",
    ):
        assert expected in stats


def test_article_text_is_data_never_markup_or_template(briefing, settings) -> None:
    html = render_html(briefing, settings)
    assert "<script" not in html
    doc = lxml.html.document_fromstring(html)
    hostile = text(doc.get_element_by_id("security-3"))
    assert HOSTILE in hostile
    assert "{{ 7*7 }}" in hostile and "49" not in hostile
    assert not doc.xpath("//script") and not doc.xpath("//img")
    # A javascript: URL from a feed is shown as a title, never made a link.
    assert not [a for a in doc.iter("a") if "javascript" in (a.get("href") or "")]
    assert "Ministry <b>withdraws</b> statement" in text(doc.get_element_by_id("src-4"))


def test_self_contained_no_external_resource(briefing, settings) -> None:
    for variant in ("web", "print", "email"):
        doc = page(briefing, settings, variant)
        assert not doc.xpath("//script | //img | //iframe | //link[@rel='stylesheet']"), variant
        assert not doc.xpath("//*[@src]"), variant
        css = " ".join(s.text_content() for s in doc.iter("style"))
        assert "url(" not in css and "@import" not in css, variant


def test_accessible_structure(briefing, settings) -> None:
    doc = page(briefing, settings)
    assert doc.get("lang") == "en"
    assert doc.find(".//title").text_content() == "Daily Briefing — Thursday 31 August 2017"
    body = doc.find("body")
    assert [el.tag for el in body if el.tag in ("header", "nav", "main", "footer")] == [
        "header",
        "nav",
        "main",
        "footer",
    ]
    levels = [int(h.tag[1]) for h in body.iter("h1", "h2", "h3", "h4")]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b - a <= 1 for a, b in itertools.pairwise(levels)), "a heading level is skipped"
    svgs = body.findall(".//svg")
    assert len(svgs) == 2
    for svg in svgs:
        assert svg.get("role") == "img"
        title_id, desc_id = svg.get("aria-labelledby").split()
        assert svg.find("title").get("id") == title_id and svg.find("desc").get("id") == desc_id
    assert "Security: 3 points from 4 sources" in text(svgs[0].find("desc"))


def test_chart_is_drawn_from_the_data(briefing, settings) -> None:
    svg = page(briefing, settings).find(".//svg")
    bars = [float(r.get("width")) for r in svg.iter("rect") if float(r.get("width")) > 12]
    # Security: 3 points and 4 sources; the longest bar is the 4-source one.
    assert max(bars) == pytest.approx(BAR_AREA)
    assert bars[0] == pytest.approx(BAR_AREA * 3 / 4)


def test_email_variant_is_inline_styled(briefing, settings) -> None:
    doc = page(briefing, settings, "email")
    assert not doc.xpath("//style | //svg")
    assert all(p.get("style") for p in doc.iter("p"))
    assert "Two coastguard patrol boats" in text(doc)
    assert HOSTILE in text(doc)


def test_print_variant_carries_paged_rules_and_metadata(briefing, settings) -> None:
    html = render_html(briefing, settings, variant="print")
    assert "@page" in html and "counter(pages)" in html and "bookmark-level" in html
    doc = lxml.html.document_fromstring(html)
    meta = {m.get("name"): m.get("content") for m in doc.iter("meta") if m.get("name")}
    assert meta["author"] == "Policy Unit"
    assert "Security" in meta["keywords"] and "Arvand" in meta["keywords"]
    assert meta["dcterms.created"] == "2017-08-31T06:00:00Z"


def test_empty_briefing_says_so(settings) -> None:
    from tests.render.fixtures import make_briefing

    empty = make_briefing(
        sections=tuple(
            Section(k, t, ())
            for k, t in (("security", "Security"), ("diplomacy", "Diplomacy"), ("trade", "Trade"))
        ),
        key_points=(),
        quotes=(),
        actors=(),
        sources=(),
    )
    doc = page(empty, settings)
    assert "No points today" in text(doc)
    assert not doc.findall(".//svg")


def test_unknown_variant_is_refused(briefing, settings) -> None:
    with pytest.raises(RenderError, match="web, print, email"):
        render_html(briefing, settings, variant="poster")  # type: ignore[arg-type]


def test_two_unnamed_sources_are_both_shown(briefing, settings) -> None:  # type: ignore[no-untyped-def]
    from briefgen.ingest.outlets import UNKNOWN_OUTLET
    from tests.render.fixtures import with_unnamed_sources

    cut, point = with_unnamed_sources(briefing)
    unnamed, other = point.source, point.also_reported_by[0]
    doc = page(cut, settings)
    # Counted as two sources, so listed as two, each named by its headline and cited.
    shown = text(doc.get_element_by_id("security-1"))
    assert f"Reported by 2 sources: “{unnamed.title}”, “{other.title}” [" in shown
    # No outlet is claimed where none is known: the byline is the title and the date.
    assert UNKNOWN_OUTLET not in shown
    byline = text(doc.get_element_by_id("security-1").find_class("byline")[0])
    assert byline.startswith(unnamed.title)


def test_a_day_of_unnamed_outlets_has_no_outlet_chart(briefing, settings) -> None:  # type: ignore[no-untyped-def]
    from dataclasses import replace

    from briefgen.ingest.outlets import UNKNOWN_OUTLET

    def unnamed(point):  # type: ignore[no-untyped-def]
        return replace(
            point,
            source=replace(point.source, outlet=UNKNOWN_OUTLET, title="Talks resume in Geneva…"),
            also_reported_by=tuple(
                replace(s, outlet=UNKNOWN_OUTLET) for s in point.also_reported_by
            ),
        )

    sections = tuple(
        replace(s, points=tuple(unnamed(p) for p in s.points)) for s in briefing.sections
    )
    doc = page(replace(briefing, sections=sections, key_points=()), settings)
    assert doc.get_element_by_id("chart-sections-caption") is not None
    assert not doc.xpath('//*[@id="chart-outlets-caption"]')
    listed = text(doc.get_element_by_id("sources"))
    assert "Talks resume in Geneva…" in listed
    assert "Geneva…." not in listed and UNKNOWN_OUTLET not in listed


@pytest.mark.parametrize(
    ("title", "after"),
    [("Talks resume", "."), ("Talks resume…", ""), ("Who pays?", ""), ('He said "no."', "")],
)
def test_a_title_in_the_source_list_gets_one_full_stop(title: str, after: str) -> None:
    from briefgen.render.environment import stop

    assert stop(title) == after
