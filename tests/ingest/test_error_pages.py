"""A saved or fetched "page not found" notice is no article: skipped, the rest kept."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefgen.errors import SkippedInput
from briefgen.ingest import ERROR_PAGE, read_items
from briefgen.ingest.base import RawInput

STORY = (
    "The regional water board said on Tuesday that the reservoir was back to its normal "
    "level after three weeks of steady rain across the hills."
)


def _jsonl(*records: tuple[str, str]) -> RawInput:
    lines = [
        json.dumps({"title": t, "text": x, "published": "2018-01-30T10:00:00Z"}) for t, x in records
    ]
    return RawInput(name="export.jsonl", data="\n".join(lines).encode(), path=Path("x.jsonl"))


@pytest.mark.parametrize(
    "title",
    [
        "The page you requested could not be found.",
        "404 Not Found",
        "Not Found",
        "Error 404 - Velmar Post",
        "Sorry, this page cannot be found",
        # A server's failure, not a missing page.
        "Unfortunately we are unable to process your request at this time.",
    ],
)
def test_an_input_that_is_only_an_error_page_is_skipped(title: str) -> None:
    raw = _jsonl((title, "Press Back to return to the last page you saw. " + STORY))
    with pytest.raises(SkippedInput, match="error page"):
        read_items(raw)


def test_an_error_page_among_articles_is_left_out_and_reported() -> None:
    raw = _jsonl(
        ("Reservoir refilled", STORY),
        ("Page not found", "Type a word into the box at the top of this page."),
    )
    articles, skipped = read_items(raw)
    assert [a.title for a in articles] == ["Reservoir refilled"]
    assert [(s.name, s.reason) for s in skipped] == [("export.jsonl (Page not found)", ERROR_PAGE)]


def test_a_story_about_missing_pages_is_an_article() -> None:
    # The title names the notice, but the text is a story, not a few lines of apology.
    long_story = " ".join([STORY] * 12)
    articles, skipped = read_items(_jsonl(("Page not found: how the web forgets", long_story)))
    assert [a.title for a in articles] == ["Page not found: how the web forgets"]
    assert skipped == []


@pytest.mark.parametrize(
    "text",
    [
        "1 The story, page, or video you were trying to get to might have been moved. "
        "2 It's possible there was a typo in the URL (Internet Address) you were trying "
        "to visit.",
        "Sorry, the page you are looking for no longer exists. Try the search box.",
        "We could not find that page. Check for a typo in the web address.",
        "It seems we can’t find what you’re looking for. Perhaps searching, or one of the "
        "links below, can help. Elections (563) Limericks (289)",
    ],
)
def test_a_notice_under_the_sites_own_title_is_an_error_page(text: str) -> None:
    # The title is the site's ("Valley Post - Breaking News | Latest News"); the few
    # lines say it of the page or its address.
    with pytest.raises(SkippedInput, match="error page"):
        read_items(_jsonl(("Valley Post - Breaking News | Latest News", text)))


@pytest.mark.parametrize(
    "text",
    [
        "The ministry said the report had been removed from its website on Tuesday.",
        "Investigators said the video the suspect was trying to post had been deleted.",
        "Residents said the page of names on the memorial was moved to the town hall.",
        "Rescuers said they could not find the boat's crew before nightfall.",
    ],
)
def test_a_short_story_of_removed_pages_is_an_article(text: str) -> None:
    articles, skipped = read_items(_jsonl(("Velmar ministry report", text)))
    assert len(articles) == 1 and skipped == []
