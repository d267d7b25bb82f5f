"""Characters no one sees (soft hyphens, zero-width spaces, bidirectional overrides) are
taken out of what every reader reads; those that shape scripts and emoji stay."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from briefgen.actors import find_actors
from briefgen.ingest import RawInput, read_items, read_raw
from briefgen.ingest.decode import INVISIBLE_CHARS

FETCHED = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)

PAGE = """<html><head><title>Missile test</title>
<meta property="article:published_time" content="2026-12-01T08:00:00Z"></head>
<body><article><h1>North Korea fires a mis&shy;sile over Ja&shy;pan</h1>
<p>North Korea fired an inter&shy;continental ballistic missile over Ja&shy;pan on Tuesday,
the defence ministry in Tokyo said.</p>
<p>The launch came a day after talks between Wash&#8203;ington and Seoul on the
Ko&#x2060;rean peninsula ended without agreement, officials said.</p>
<p>Officials in Seoul said the missile flew for about 40 minutes before it fell into the
sea.</p></article></body></html>"""

FEED = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Harbour Gazette</title>
<link>https://gazette.example/</link>
<item><title>\u202eseirots derahs\u202c Talks resume</title>
<link>https://gazette.example/talks</link>
<description>Velmar and Nordvik resumed talks on \u2066Monday\u2069 in Kessel, officials
said.\ufeff The delegations meet again next week \U0001f44d\U0001f3fd.</description>
<pubDate>Tue, 01 Dec 2026 07:00:00 GMT</pubDate></item>
<item><title>Nothing to see</title>
<link>https://gazette.example/nothing</link>
<description>\u200b\u00ad\u200b</description>
<pubDate>Tue, 01 Dec 2026 07:30:00 GMT</pubDate></item>
</channel></rss>"""


def raw(text: str, name: str) -> RawInput:
    return RawInput(name=name, data=text.encode("utf-8"), path=Path(name), fetched_at=FETCHED)


def test_a_soft_hyphen_or_a_zero_width_space_no_longer_splits_a_word() -> None:
    (article,) = read_raw(raw(PAGE, "missile.html"))
    assert article.title == "North Korea fires a missile over Japan"
    assert "intercontinental ballistic missile over Japan" in article.text
    assert "between Washington and Seoul on the Korean peninsula" in article.text
    assert not INVISIBLE_CHARS.search(article.text)
    # The reader knows the countries it could not read before.
    actors = {a.name for a in find_actors([f"{article.title}\n{article.text}"])}
    assert {"Japan", "United States"} <= actors


def test_an_override_cannot_show_a_headline_reversed() -> None:
    articles, skipped = read_items(raw(FEED, "gazette.rss"))
    (talks,) = articles
    assert talks.title == "seirots derahs Talks resume"
    assert "resumed talks on Monday in Kessel" in talks.text
    assert not INVISIBLE_CHARS.search(talks.title + talks.text)
    # The joiner and skin-tone modifier of an emoji stay together.
    assert "\U0001f44d\U0001f3fd" in talks.text
    # An item of nothing but such characters is skipped, with why.
    assert [(s.name, s.reason) for s in skipped] == [
        ("gazette.rss: Nothing to see", "no text but characters no one sees")
    ]


def test_the_marks_and_joiners_that_shape_text_stay() -> None:
    text = (
        "---\ntitle: Kessel notes\ndate: 2026-12-01\n---\n\n"
        "The sign read \u200fשלום\u200e in Kessel, and the cafe\u200d\u2019s menu "
        "spelled \u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645 in Persian, officials said.\n"
    )
    (article,) = read_raw(raw(text, "notes.txt"))
    for kept in ("\u200f", "\u200e", "\u200d", "\u200c"):
        assert kept in article.text
