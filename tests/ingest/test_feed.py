"""RSS and Atom feeds: entries become articles with plain-text paragraphs."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

from briefgen.ingest import RawInput, read_raw
from briefgen.ingest.feed import html_paragraphs

FETCHED = datetime(2018, 2, 1, 8, 0, tzinfo=UTC)

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Harbour Gazette</title><link>https://gazette.example/</link>
<language>en-gb</language>
<pubDate>Tue, 30 Jan 2018 18:00:00 -0500</pubDate>
<item>
  <title>Ferry crossings resume</title>
  <link>https://gazette.example/ferry</link>
  <description>Short teaser only.</description>
  <content:encoded><![CDATA[<p>The island ferry resumed its crossings on Monday.</p>
   <h2>Storm damage</h2>
   <figure><img src="x.jpg"/><figcaption>The ferry at the old quay.</figcaption></figure>
   <p>Engineers said the <b>landing stage</b> was safe &amp; sound.</p>
   <p><a href="https://gazette.example/more">Continue reading...</a></p>]]></content:encoded>
  <pubDate>Sat, Jan 27 2018 02:15:00 PM</pubDate>
</item>
<item>
  <title>Headline with no text</title>
  <link>https://gazette.example/headline</link>
</item>
<item>
  <title>Market day moved</title>
  <link>https://gazette.example/market</link>
  <description>&lt;p&gt;The weekly market moves to Thursday this month.&lt;/p&gt;</description>
</item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="de">
  <title type="text">Werkstatt Nachrichten</title>
  <updated>2016-02-01T17:54:50+01:00</updated>
  <entry>
    <title>Neue Version freigegeben</title>
    <link href="https://werkstatt.example/neu"/>
    <id>urn:uuid:1</id>
    <published>2016-02-01T17:22:00+01:00</published>
    <updated>2016-02-01T17:54:50+01:00</updated>
    <summary>Kurz.</summary>
    <content type="html">&lt;p&gt;Die neue Version ist ab heute verfügbar.&lt;/p&gt;</content>
  </entry>
</feed>"""


def raw(text: str | bytes, name: str = "gazette.rss", **kw: object) -> RawInput:
    data = text.encode("utf-8") if isinstance(text, str) else text
    return RawInput(name=name, data=data, path=Path(name), fetched_at=FETCHED, **kw)  # type: ignore[arg-type]


def test_rss_entries_become_articles_with_full_content() -> None:
    articles = read_raw(raw(RSS))
    assert [a.title for a in articles] == ["Ferry crossings resume", "Market day moved"]
    ferry = articles[0]
    assert ferry.paragraphs == (
        "The island ferry resumed its crossings on Monday.",
        "Engineers said the landing stage was safe & sound.",
    )
    assert ferry.outlet == "Harbour Gazette"
    assert ferry.url == "https://gazette.example/ferry"
    assert ferry.language == "en"
    assert articles[1].paragraphs == ("The weekly market moves to Thursday this month.",)


def test_a_date_without_zone_takes_the_feeds_usual_zone() -> None:
    ferry = read_raw(raw(RSS))[0]
    assert ferry.published == datetime(2018, 1, 27, 14, 15, tzinfo=timezone(timedelta(hours=-5)))
    assert not ferry.date_estimated


def test_an_entry_without_date_takes_the_fetch_time_and_says_so() -> None:
    market = read_raw(raw(RSS))[1]
    assert market.published == FETCHED
    assert market.date_estimated


def test_atom_entries_are_read() -> None:
    (entry,) = read_raw(raw(ATOM, "werkstatt.atom"))
    assert entry.title == "Neue Version freigegeben"
    assert entry.paragraphs == ("Die neue Version ist ab heute verfügbar.",)
    assert entry.published == datetime(2016, 2, 1, 16, 22, tzinfo=UTC)
    assert entry.outlet == "Werkstatt Nachrichten"


def test_a_feed_is_recognised_by_content_whatever_its_name() -> None:
    for name in ("feed.xml", "feed", "https://gazette.example/rss?format=xml"):
        kwargs = {"url": name} if name.startswith("https") else {}
        got = read_raw(RawInput(name=name, data=RSS.encode(), **kwargs))  # type: ignore[arg-type]
        assert len(got) == 2


def test_a_feed_over_http_is_recognised_by_content_type() -> None:
    got = read_raw(
        RawInput(
            name="https://gazette.example/latest",
            data=RSS.encode(),
            url="https://gazette.example/latest",
            content_type="application/rss+xml; charset=utf-8",
        )
    )
    assert len(got) == 2


def test_rss_1_0_is_read() -> None:
    rdf = """<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
 xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
 <channel rdf:about="https://gazette.example/"><title>Gazette RDF</title></channel>
 <item rdf:about="https://gazette.example/a"><title>Tide tables printed</title>
  <link>https://gazette.example/a</link>
  <description>The new tide tables are at the harbour office.</description>
  <dc:date>2018-01-30T10:00:00Z</dc:date></item>
</rdf:RDF>"""
    (entry,) = read_raw(raw(rdf, "gazette.rdf"))
    assert entry.outlet == "Gazette RDF"
    assert entry.published == datetime(2018, 1, 30, 10, tzinfo=UTC)


def test_html_paragraphs_never_returns_markup_or_scripts() -> None:
    fragment = (
        '<div onclick="steal()"><p>First <i>point</i>.</p><script>alert(1)</script>'
        "<style>p{color:red}</style><p>Second<br>line.</p></div>"
    )
    assert html_paragraphs(fragment) == ("First point.", "Second", "line.")
    # A comment, a CDATA section or a tag left open at the end runs to the end, as a
    # browser reads it: what follows is never text.
    for tail in ("<!-- <img src='file:///etc/passwd'> </a> more", "<![CDATA[<b>x</b>", "<a href"):
        assert html_paragraphs(f"<p>First point.</p>{tail}") == ("First point.",)
    # A lone "<" in a sentence is text.
    assert html_paragraphs("<p>Two < three.</p>") == ("Two < three.",)


MEDIA_RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:m="http://search.yahoo.com/mrss/">
<channel><title>Harbour Gazette</title><link>https://gazette.example/</link>
<item>
  <title>Ferry crossings resume</title>
  <link>https://gazette.example/ferry</link>
  <description>The island ferry resumed its crossings on Monday.</description>
  <m:content url="https://gazette.example/ferry.jpg" medium="image"/>
  <m:description>The ferry at the old quay on Monday morning, shortly after the storm had
  passed and the harbour master had reopened the northern channel to traffic.</m:description>
</item>
<item>
  <title>Market day moved</title>
  <link>https://gazette.example/market</link>
  <m:group><m:title>Stalls on the square</m:title>
  <m:description type="plain">Stalls on the square last Thursday, when rain kept most of
  the shoppers away and several traders packed up before noon.</m:description></m:group>
  <description>The weekly market moves to Thursday this month.</description>
</item>
</channel></rss>"""


def test_media_captions_and_photo_titles_are_not_the_story() -> None:
    articles = read_raw(raw(MEDIA_RSS))
    assert [(a.title, a.text) for a in articles] == [
        ("Ferry crossings resume", "The island ferry resumed its crossings on Monday."),
        ("Market day moved", "The weekly market moves to Thursday this month."),
    ]


def test_an_unclosed_media_caption_leaves_the_rest_alone() -> None:
    from briefgen.ingest.feed import without_media_text

    text = "<media:title>a</media:title><x/><media:description>never closed " * 3
    assert without_media_text(text) == "<x/><media:description>never closed " + (
        "<media:title>a</media:title><x/><media:description>never closed " * 2
    )


def test_plain_text_line_breaks_end_unpunctuated_sentences() -> None:
    feed = """<?xml version="1.0"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Wire</title>
<entry><title>Strikes near schools</title><link href="https://wire.example/1"/>
<updated>2024-08-08T18:54:00Z</updated>
<content type="text">Velmar said Kessel fighters were hiding near the market halls
The raids were among several across Arvand that killed at least 30 people.</content>
</entry></feed>"""
    (article,) = read_raw(raw(feed, name="wire.atom"))
    assert article.paragraphs == (
        "Velmar said Kessel fighters were hiding near the market halls",
        "The raids were among several across Arvand that killed at least 30 people.",
    )


def test_a_description_of_other_stories_headlines_is_no_text() -> None:
    # Some homepage feeds give a lead entry, as its description, the headlines of the
    # articles beside it run into one line: a point drawn from them would cite the
    # wrong article.
    feed = """<?xml version="1.0"?><rss version="2.0"><channel><title>Valley Post</title>
<item><title>Velmar budget talks stall</title><link>https://post.example/1</link>
<description><![CDATA[
&bull; Nordvik governor visits the border garrison &bull; Opinion: Why the port deal
matters &bull; Analysis: The Kessel vote was never close
]]></description></item>
<item><title>Arvand harbour reopens</title><link>https://post.example/2</link>
<description><![CDATA[<p>The harbour at Arvand reopened to shipping on Monday.</p>
<p>• Berg mine closes for the winter • Watch: Ostrava floods</p>]]></description></item>
<item><title>Bulletin</title><link>https://post.example/3</link>
<description>• The council met on Monday. • Rates were left unchanged.</description></item>
</channel></rss>"""
    articles = read_raw(raw(feed))
    assert [(a.title, a.paragraphs) for a in articles] == [
        ("Arvand harbour reopens", ("The harbour at Arvand reopened to shipping on Monday.",)),
        ("Bulletin", ("• The council met on Monday. • Rates were left unchanged.",)),
    ]


STANDFIRST_RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Harbour Gazette</title><link>https://gazette.example/</link>
<item>
  <title>Harbour talks agree a new charter</title>
  <link>https://gazette.example/charter</link>
  <description>&lt;p&gt;Harbour envoy keeps her seat at the table despite the council's
  objections&lt;/p&gt;&lt;p&gt;A commission of fifty will draft a new charter for the
  harbour, the two councils agreed on Monday.&lt;/p&gt;&lt;p&gt;The talks resume next
  week.&lt;/p&gt;</description>
  <pubDate>Tue, 30 Jan 2018 18:00:00 GMT</pubDate>
</item>
<item>
  <title>Ferry timetable</title>
  <link>https://gazette.example/ferry</link>
  <description>Crossings resume on Monday after the storm</description>
  <pubDate>Tue, 30 Jan 2018 18:00:00 GMT</pubDate>
</item>
<item>
  <link>https://gazette.example/untitled</link>
  <description>&lt;p&gt;Market day moved to Thursday&lt;/p&gt;&lt;p&gt;The weekly market moves
  to Thursday this month.&lt;/p&gt;</description>
  <pubDate>Tue, 30 Jan 2018 18:00:00 GMT</pubDate>
</item>
</channel></rss>"""


def test_an_entry_s_standfirst_is_set_apart_from_its_lead() -> None:
    charter, ferry, untitled = read_raw(raw(STANDFIRST_RSS))
    # As the text reader sets it apart: the unclosed line under the headline is the
    # standfirst, and the report's lead is the first paragraph.
    assert charter.standfirst == (
        "Harbour envoy keeps her seat at the table despite the council's objections"
    )
    assert charter.paragraphs[0].startswith("A commission of fifty will draft")
    assert len(charter.paragraphs) == 2
    # An entry of one line keeps it as its text; one with no headline keeps its first
    # line as its text (and its title is made of it).
    assert ferry.standfirst is None
    assert ferry.paragraphs == ("Crossings resume on Monday after the storm",)
    assert untitled.standfirst is None
    assert untitled.paragraphs[0] == "Market day moved to Thursday"
