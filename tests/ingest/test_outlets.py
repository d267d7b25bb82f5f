"""Outlet names: what the source states, else a known site's name, else its own, else its host."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefgen.ingest import RawInput, read_raw
from briefgen.ingest.outlets import UNKNOWN_OUTLET, known_outlet, outlet_name
from briefgen.ingest.text import parse_text_article


@pytest.mark.parametrize(
    ("url", "name"),
    [
        ("https://www.bbc.co.uk/news/world-europe-1", "BBC News"),
        ("https://www.bbc.com/news/articles/cz07", "BBC News"),
        ("http://in.reuters.com/article/2014/12/30/x", "Reuters"),
        ("http://feeds.reuters.com/~r/Reuters/worldNews/~3/x", "Reuters"),
        ("https://www.nytimes.com/live/2024/08/08/world/x", "The New York Times"),
        ("https://www.theguardian.com/us-news/2018/jan/31/x", "The Guardian"),
        ("https://unknown.example/a", None),
        (None, None),
    ],
)
def test_known_sites(url: str | None, name: str | None) -> None:
    assert known_outlet(url) == name


def test_the_order_of_preference() -> None:
    site = "https://www.reuters.com/a"
    assert outlet_name(stated="Wire  Service", site="ReutersIndia", urls=(site,)) == "Wire Service"
    assert outlet_name(site="ReutersIndia", urls=(site,)) == "Reuters"
    assert outlet_name(site="Valley Post - Local news", urls=("https://valley.example/a",)) == (
        "Valley Post"
    )
    assert outlet_name(site="Valley_Post_Co_Uk", urls=("https://valley.example/a",)) == (
        "valley.example"
    )
    assert outlet_name(site="valley.example", urls=("https://www.valley.example/a",)) == (
        "valley.example"
    )
    assert outlet_name() == UNKNOWN_OUTLET


def test_a_file_name_never_names_the_outlet() -> None:
    text = "Headline\n\nTroops shelled the border town overnight, officials said.\n"
    for name in ("politics/2019-03-04-001.txt", "2019-03-04/dev-notes.txt", "bbc-2019-03-04.txt"):
        article = parse_text_article(text, name, Path(name))
        assert article.outlet == UNKNOWN_OUTLET, name
    linked = parse_text_article(
        "---\nurl: https://www.theguardian.com/world/x\n---\n" + text, "2019-03-04/x.txt"
    )
    assert linked.outlet == "The Guardian"


def test_json_lines_without_an_outlet_take_the_site() -> None:
    record = {"title": "T", "text": "Troops moved.", "url": "https://www.bbc.co.uk/news/1"}
    data = (json.dumps(record) + "\n").encode()
    (article,) = read_raw(RawInput(name="dev.jsonl", data=data))
    assert article.outlet == "BBC News"


def test_every_agency_a_dateline_strips_is_one_a_credit_names() -> None:
    """The datelines shown stripped (``models``) and the credits read (``outlets``)
    list the same agencies, IPS aside (a dateline, no outlet of its own)."""
    import re

    from briefgen.ingest.outlets import AGENCY_NAMES
    from briefgen.models import _AGENCY

    assert set(re.findall(r"[A-Za-z]+", _AGENCY)) - {"IPS"} == AGENCY_NAMES
