"""The JSON edition: the shape other tools read, strict JSON, nothing lost."""

from __future__ import annotations

import json
import math
from dataclasses import replace

from briefgen.render import briefing_to_dict
from briefgen.render.jsonout import briefing_to_json
from tests.render.fixtures import SECURITY, make_briefing


def test_shape() -> None:
    data = briefing_to_dict(make_briefing())
    assert list(data) == [
        "date",
        "generated_at",
        "title",
        "edition",
        "key_points",
        "sections",
        "quotes",
        "actors",
        "sources",
        "stats",
    ]
    assert data["date"] == "2017-08-31"
    assert data["generated_at"] == "2017-08-31T06:00:00+00:00"
    assert (data["title"], data["edition"]) == ("Daily Briefing", 12)
    assert [s["key"] for s in data["sections"]] == ["security", "diplomacy", "trade"]
    assert [s["title"] for s in data["sections"]] == ["Security", "Diplomacy", "Trade"]
    point = data["sections"][0]["points"][0]
    assert set(point) == {
        "text",
        "display_text",
        "text_offset",
        "named",
        "context",
        "citations",
        "source",
        "also_reported_by",
        "source_count",
        "article_id",
        "sentence_index",
        "score",
        "new",
        "classification",
    }
    assert point["source"] == {
        "title": "Patrol boats shadow freighter near Kessel Strait",
        "outlet": "Northern Courier",
        "url": "https://courier.example/news/kessel-strait-patrol",
        "published": "2017-08-31T06:15:00+00:00",
        "date_only": False,
        "article_id": "a000000000000001",
    }
    assert [s["outlet"] for s in point["also_reported_by"]] == ["Baltic Wire", "Ζώνη Ειδήσεων"]
    assert point["source_count"] == 3 and point["new"] is True
    assert point["classification"]["label"] == "security"
    assert point["classification"]["matched"] == {"security": ["strait"]}
    assert data["sections"][0]["points"][1]["context"].startswith("Officials said")
    assert data["key_points"][0]["section"] == "security"
    assert data["quotes"][0]["speaker"] == "Mara Velk"
    assert data["actors"][0] == {"name": "Arvand", "kind": "country", "mentions": 9}
    assert data["sources"][1]["points"] == 2
    assert data["stats"]["unclassified"] == 655 and data["stats"]["skipped_inputs"] == 2


def test_strict_json_round_trip() -> None:
    nan_point = replace(SECURITY[0], score=math.nan)
    briefing = make_briefing(key_points=(nan_point,))
    text = briefing_to_json(briefing)
    data = json.loads(text)
    assert data["key_points"][0]["score"] is None
    assert "Ζώνη Ειδήσεων" in text  # kept readable, not \u-escaped
    assert "{{ 7*7 }}" in data["sections"][0]["points"][2]["text"]


def test_a_section_read_from_the_story_s_subject_says_so() -> None:
    point = SECURITY[0]
    assert point.classification is not None
    subject = replace(point, classification=replace(point.classification, read_from="subject"))
    data = briefing_to_dict(make_briefing(key_points=(subject, point)))
    told, whole = (p["classification"] for p in data["key_points"])
    assert told["read_from"] == "subject"
    assert "read_from" not in whole
