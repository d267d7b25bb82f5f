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
