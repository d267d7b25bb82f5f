"""Section classification: labels a reader would agree with, and why they were chosen."""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import pytest

from briefgen.classify import (
    BUCKETS,
    Taxonomy,
    best_section,
    classify,
    classify_lines,
    load_taxonomy,
)
from briefgen.config import TaxonomySettings
from briefgen.errors import ConfigError, InputError

EVAL = Path(__file__).resolve().parents[1].parent / "shared" / "eval"

#: The macro-F1 measured by bench/eval_classify.py on the labelled set, less a margin.
EVAL_MACRO_F1_FLOOR = 0.88


@pytest.fixture(scope="module")
def taxonomy() -> Taxonomy:
    return load_taxonomy()


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("North Korea fired a ballistic missile over northern Japan", "security"),
        ("Japanese carmakers Nissan and Toyota have invested heavily in Britain", "trade"),
        (
            "China's foreign ministry spokeswoman said the situation could only be resolved "
            "peacefully through dialogue",
            "diplomacy",
        ),
        ("Militants ambushed an army convoy near the border, killing six soldiers.", "security"),
        ("A suicide bomber blew himself up outside a police station on Tuesday.", "security"),
        ("Hackers linked to a foreign spy agency broke into the ministry's e-mail.", "security"),
        ("Rebels shelled the city overnight despite the ceasefire.", "security"),
        ("The government raised tariffs on imported steel to 25 per cent.", "trade"),
        ("Exports fell for a third month as demand from Europe weakened.", "trade"),
        ("Shares in the chipmaker jumped after quarterly profits beat forecasts.", "trade"),
        ("The central bank left interest rates unchanged to curb inflation.", "trade"),
        ("The two foreign ministers met in Geneva to prepare next month's summit.", "diplomacy"),
        ("The ambassador was summoned over the remarks.", "diplomacy"),
        ("Both countries agreed to restore diplomatic relations.", "diplomacy"),
        ("Thousands of refugees are waiting at the border to apply for asylum.", "diplomacy"),
        ("The match ended 2-1 after extra time.", "other"),
        ("The actress won an award for her role in the new film.", "other"),
        ("Heavy rain and snow are expected across the north at the weekend.", "other"),
        ("Gunmen hijacked a passenger plane after it left Tarsk.", "security"),
        ("Protesters stormed the parliament building in Kessel on Monday.", "security"),
        ("A storm hit the coast of Velmar, cutting power to 20,000 homes.", "other"),
        ("She said she would think about it tomorrow.", "other"),
    ],
)
def test_clear_sentences_get_the_expected_label(taxonomy: Taxonomy, text: str, label: str) -> None:
    assert classify(text, taxonomy).label == label


def test_explanation_names_the_terms_that_decided(taxonomy: Taxonomy) -> None:
    result = classify("North Korea fired a ballistic missile over northern Japan", taxonomy)
    assert "missile" in result.matched["security"]
    assert result.scores["security"] > result.scores["trade"]
    assert set(result.scores) == set(BUCKETS)
    assert 0.5 < result.confidence <= 1.0


def test_inflections_and_case_match_the_same_term(taxonomy: Taxonomy) -> None:
    for text in ("BOMBED", "bombing", "Bombs", "bomb"):
        assert classify(f"They {text} the depot.", taxonomy).matched["security"] == ("bomb",)


def test_phrase_counts_once_and_shields_its_words(taxonomy: Taxonomy) -> None:
    # "trade talks" is Trade; "talks" alone would lean to Diplomacy.
    result = classify("Trade talks resume on Monday.", taxonomy)
    assert result.label == "trade"
    assert result.matched["trade"] == ("trade talks",)
    assert "diplomacy" not in result.matched


def test_international_in_a_company_name_is_no_diplomacy(taxonomy: Taxonomy) -> None:
    # A company's name or legal form, not relations between states.
    for text in (
        "Wexford Widget International Inc raised its offer for the mill to 12 dlrs.",
        "Calder Corp International extended its offer for units of a limited partnership.",
    ):
        result = classify(text, taxonomy)
        assert "diplomacy" not in result.matched, result.matched
        assert result.label == "trade"
    # The word itself still leans to Diplomacy, and so does "international co-operation".
    assert (
        "international"
        in classify("An international envoy arrived.", taxonomy).matched["diplomacy"]
    )
    matched = classify("They promised international co-operation.", taxonomy).matched
    assert "international" in matched["diplomacy"]


def test_a_news_conference_is_no_meeting_between_states(taxonomy: Taxonomy) -> None:
    # A minister or a chief of staff speaking to reporters: no conference of states.
    for text in (
        "The chief of staff told a news conference that Berg would speak to the nation.",
        "Okafor announced the plan at a press conference in Kessel on Tuesday.",
    ):
        assert "diplomacy" not in classify(text, taxonomy).matched, text
    # A conference states hold still leans to Diplomacy, and a peace conference decides it.
    matched = classify("Nine states opened a conference on the river's water.", taxonomy).matched
    assert "conference" in matched["diplomacy"]
    assert classify("The peace conference opens in Tarsk.", taxonomy).label == "diplomacy"


def test_a_companys_agreements_are_business_not_treaties(taxonomy: Taxonomy) -> None:
    for text in (
        "Harbour Press signed an agreement to buy a weekly in Velmar for 3 mln dlrs.",
        "The two mills signed a definitive agreement and a supply agreement.",
        "Calder Properties L.P. said its units would pay 10 cts.",
    ):
        result = classify(text, taxonomy)
        assert "diplomacy" not in result.matched, result.matched
        assert result.label == "trade"
    # Between states, an agreement is still Diplomacy.
    result = classify("The two governments signed an agreement in Lisbon.", taxonomy)
    assert result.matched["diplomacy"] == ("agreement",)


def test_commodity_agreements_are_trade_not_treaties(taxonomy: Taxonomy) -> None:
    # Producing and consuming countries settle a commodity's quotas and buffer stock:
    # trade, though they meet as states and sign an agreement.
    for text in (
        "Delegates discussed extending the International Tin Agreement by two years.",
        "Velmar will attend the cocoa talks and sign the new cocoa pact.",
        "The Coffee Organization's board met on export quotas for the coffee agreement.",
        "Producers asked UNCTAD to fund the rubber agreement's buffer stock.",
    ):
        result = classify(text, taxonomy)
        shielded = {"agreement", "pact", "talks"} & set(result.matched.get("diplomacy", ()))
        assert not shielded, result.matched
        assert result.label == "trade", result.matched


def test_several_states_still_count_for_diplomacy(taxonomy: Taxonomy) -> None:
    result = classify("Twelve countries and several nations of the region met.", taxonomy)
    assert {"countries", "nations"} <= set(result.matched["diplomacy"])


def test_words_are_matched_whole_not_inside_other_words(taxonomy: Taxonomy) -> None:
    # "warm" contains "war", "Bombay" contains "bomb": neither is a match.
    result = classify("A warm welcome in Bombay.", taxonomy)
    assert "security" not in result.matched


def test_sport_is_other_even_with_an_attack(taxonomy: Taxonomy) -> None:
    text = "The striker led the attack and scored twice as the club won the league."
    assert classify(text, taxonomy).label == "other"


def test_context_tips_a_close_call_but_does_not_outvote_the_text(taxonomy: Taxonomy) -> None:
    vague = "Officials said the talks on the deal would continue."
    assert classify(vague, taxonomy, context="Steel tariffs: trade deal near").label == "trade"
    clear = "Rebels shelled the city overnight, killing four soldiers."
    result = classify(clear, taxonomy, context="Trade talks resume")
    assert result.label == "security"
    assert "trade talks (context)" in result.matched["trade"]


def test_best_section_forces_one_of_three(taxonomy: Taxonomy) -> None:
    result = classify("The match ended 2-1 after extra time.", taxonomy)
    assert result.label == "other"
    assert best_section(result) in ("security", "trade", "diplomacy")


def test_config_terms_extend_the_taxonomy_and_change_a_label() -> None:
    text = "The Ruritanian navy's new corvette Zorya sailed for the strait."
    assert classify(text, load_taxonomy()).label == "security"
    settings = TaxonomySettings(terms={"trade": {"corvette zorya": 9.0}})
    result = classify(text, load_taxonomy(settings))
    assert result.label == "trade"
    assert "corvette zorya" in result.matched["trade"]


def test_config_term_replaces_a_built_in_weight() -> None:
    text = "Supporters waved flags at the summit."
    assert classify(text, load_taxonomy()).label == "diplomacy"
    settings = TaxonomySettings(terms={"diplomacy": {"summits": 0.0}})
    assert classify(text, load_taxonomy(settings)).label == "other"


def test_unknown_section_in_config_terms_is_named() -> None:
    with pytest.raises(ConfigError, match=r"taxonomy\.terms\.sport"):
        load_taxonomy(TaxonomySettings(terms={"sport": {"goal": 2.0}}))


def test_a_taxonomy_file_replaces_the_built_in_one(tmp_path: Path) -> None:
    path = tmp_path / "mine.toml"
    path.write_text(
        '[settings]\nthreshold = 1.0\n\n[trade]\n"widget*" = 2.0\n\n[security]\nsabotage = 2.0\n',
        encoding="utf-8",
    )
    taxonomy = load_taxonomy(TaxonomySettings(file=path))
    assert taxonomy.source == str(path)
    assert classify("Widgetco posted record sales.", taxonomy).label == "trade"
    assert classify("Sabotage is suspected.", taxonomy).label == "security"
    # The built-in terms are gone.
    assert classify("A ballistic missile was fired.", taxonomy).label == "other"


@pytest.mark.parametrize(
    ("content", "named"),
    [
        ("[security\nmissile = 3", "not valid TOML"),
        ("[security]\nmissile = 'high'\n", "security.'missile'"),
        ("[securty]\nmissile = 3\n", "securty"),
        ("[settings]\nthreshold = -1\n[security]\nmissile = 3\n", "settings.threshold"),
        ('[trade]\n"wid*get" = 2\n', "trade.'wid*get'"),
        ("[settings]\nthreshold = 1\n", "no terms"),
    ],
)
def test_a_broken_taxonomy_file_names_the_file_and_key(
    tmp_path: Path, content: str, named: str
) -> None:
    path = tmp_path / "broken.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_taxonomy(TaxonomySettings(file=path))
    assert str(path) in str(info.value)
    assert named in str(info.value)


def test_a_missing_taxonomy_file_says_which_setting_to_fix(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"nowhere\.toml.*taxonomy\.file"):
        load_taxonomy(TaxonomySettings(file=tmp_path / "nowhere.toml"))


def test_taxonomy_survives_pickling_for_worker_processes(taxonomy: Taxonomy) -> None:
    copy = pickle.loads(pickle.dumps(taxonomy))
    text = "Exports fell for a third month."
    assert classify(text, copy) == classify(text, taxonomy)


def test_classify_lines_reads_json_lines_and_plain_text(taxonomy: Taxonomy) -> None:
    lines = [
        json.dumps({"text": "Tariffs on imported steel were doubled."}),
        "",
        "The ambassador was summoned over the remarks.",
        "{not json, just braces} and a bomb exploded.",
    ]
    results = list(classify_lines(lines, taxonomy))
    assert [r["label"] for r in results] == ["trade", "diplomacy", "security"]
    assert results[0]["text"] == "Tariffs on imported steel were doubled."
    assert set(results[0]) == {"label", "scores", "matched", "confidence", "text"}
    json.dumps(results)  # every value is JSON-ready


def test_classify_lines_rejects_a_json_object_without_text(taxonomy: Taxonomy) -> None:
    with pytest.raises(InputError, match="line 2"):
        list(classify_lines(['{"text": "ok"}', '{"body": "no text key"}'], taxonomy))


@pytest.mark.skipif(not EVAL.is_dir(), reason="../shared/eval is not present")
def test_macro_f1_on_the_labelled_set(taxonomy: Taxonomy) -> None:
    items = [
        json.loads(line)
        for line in (EVAL / "labelled" / "labelled.jsonl").read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    gold = [item["label"] for item in items]
    pred = [best_section(classify(item["text"], taxonomy)) for item in items]
    f1s = []
    for c in ("security", "trade", "diplomacy"):
        tp = sum(g == c and p == c for g, p in zip(gold, pred, strict=True))
        fp = sum(g != c and p == c for g, p in zip(gold, pred, strict=True))
        fn = sum(g == c and p != c for g, p in zip(gold, pred, strict=True))
        f1s.append(2 * tp / (2 * tp + fp + fn))
    assert sum(f1s) / 3 >= EVAL_MACRO_F1_FLOOR


@pytest.mark.parametrize(
    "text",
    [
        "According to the report, the figures were revised.",  # not "accord"
        "A charity for people living with Aids opened today.",  # not "aid"
        "The national team talked about it.",  # not "nationals", not "talks"
        "He was forced to share the prize.",  # not "forces", not "shares"
        # "the country" of a domestic story is not "countries" (several states)
        "Schools across the country reopened, and the nation’s teachers were glad.",
    ],
)
def test_inflection_handling_does_not_merge_different_words(taxonomy: Taxonomy, text: str) -> None:
    result = classify(text, taxonomy)
    assert result.label == "other"
    assert not any(result.matched.get(s) for s in ("security", "trade", "diplomacy"))


@pytest.mark.parametrize(
    "sentence",
    [
        "Nordvik Software released a beta version of its search engine for Linux laptops "
        "and PCs, the company said.",
        "Sales of the PlayStation and the Xbox tripled in the first week, the company said.",
        "The open-source browser has won over net surfers, taking market share from the leader.",
    ],
)
def test_consumer_technology_is_other_even_from_a_company(sentence: str) -> None:
    # Science and technology belong in no section; a company's name or "market share"
    # alone does not make the news Trade.
    assert classify(sentence, load_taxonomy()).label == "other"
