"""Single-article ranking: every algorithm, the public API, and quality on BBC items."""

from __future__ import annotations

import math
from pathlib import Path
from types import ModuleType

import pytest

from briefgen.errors import ConfigError
from briefgen.nlp.summarize import ALGORITHMS, score_sentences, summarize
from tests.conftest import load_bench

# ../shared/eval from the repository root (this file is in tests/nlp/).
EVAL = Path(__file__).resolve().parents[2].parent / "shared" / "eval"

TITLE = "Harbour city agrees new ferry deal with island council"

# An invented article: the ferry deal is the story, the weather and the
# quote-only fragment are asides.
ARTICLE = [
    "The harbour city of Westmere has agreed a new ferry deal with the island council.",
    "Under the ferry deal, the city will run six daily ferry crossings to the island from May.",
    "It was sunny.",
    '"Great."',
    "The island council said the ferry deal would cut fares for island residents by a third.",
    "A local bakery also opened a second shop on the high street last week.",
    "Ferry crossings were cut to two a day last year after the old operator left the island.",
    "Councillors on the island will vote on the ferry timetable in April.",
]


def test_algorithms_are_the_documented_set() -> None:
    assert ALGORITHMS == (
        "briefgen",
        "lead",
        "lexrank",
        "textrank",
        "lsa",
        "luhn",
        "kl",
        "sumbasic",
        "edmundson",
    )


@pytest.mark.parametrize("algorithm", ALGORITHMS)
def test_every_algorithm_scores_every_sentence(algorithm: str) -> None:
    scores = score_sentences(ARTICLE, algorithm, title=TITLE)
    assert len(scores) == len(ARTICLE)
    assert all(isinstance(s, float) and math.isfinite(s) for s in scores)
    # Every algorithm can tell the sentences apart on this article.
    assert len(set(scores)) > 1


@pytest.mark.parametrize("algorithm", ALGORITHMS)
def test_summarize_returns_n_indices_in_document_order(algorithm: str) -> None:
    chosen = summarize(ARTICLE, 3, algorithm, title=TITLE)
    assert len(chosen) == 3
    assert chosen == sorted(set(chosen))
    assert all(0 <= i < len(ARTICLE) for i in chosen)
    scores = score_sentences(ARTICLE, algorithm, title=TITLE)
    # The chosen ones are the best scored: none left out scores higher.
    assert min(scores[i] for i in chosen) >= max(s for i, s in enumerate(scores) if i not in chosen)


def test_briefgen_picks_the_story_over_the_asides() -> None:
    chosen = summarize(ARTICLE, 3, title=TITLE)
    assert {2, 3, 5}.isdisjoint(chosen)
    assert 1 in chosen


def test_lead_takes_the_first_sentences() -> None:
    assert summarize(ARTICLE, 3, "lead") == [0, 1, 2]


def test_briefgen_title_lifts_sentences_that_share_its_words() -> None:
    without = score_sentences(ARTICLE, "briefgen")
    with_title = score_sentences(ARTICLE, "briefgen", title=TITLE)
    assert with_title[0] > without[0]
    # The bakery shares no word with the headline.
    assert with_title[5] == pytest.approx(without[5])


def test_more_sentences_than_the_article_has_returns_all() -> None:
    assert summarize(ARTICLE[:2], 5) == [0, 1]
    assert summarize([], 3) == []
    assert score_sentences([], "textrank") == []


def test_sentences_without_content_words_still_get_scores() -> None:
    for algorithm in ALGORITHMS:
        scores = score_sentences(["It is.", "So it was."], algorithm)
        assert len(scores) == 2
        assert all(math.isfinite(s) for s in scores), algorithm


def test_unknown_algorithm_names_the_valid_ones() -> None:
    with pytest.raises(ConfigError) as info:
        score_sentences(ARTICLE, "pagerank")
    message = str(info.value)
    assert "'pagerank'" in message
    for name in ALGORITHMS:
        assert name in message


def test_unknown_language_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="klingon"):
        score_sentences(ARTICLE, "textrank", language="klingon")


def _bench() -> ModuleType:
    return load_bench("eval_summarize")


@pytest.mark.skipif(not EVAL.is_dir(), reason="../shared/eval is not present")
def test_briefgen_beats_sumy_textrank_on_bbc_items() -> None:
    bench = _bench()
    items = bench.load_bbc(EVAL, limit=20)
    assert len(items) == 20
    results = bench.evaluate(items, ("briefgen", "textrank"))
    for length in ("3", "ref"):
        assert results[("briefgen", length)]["rouge2"] >= results[("textrank", length)]["rouge2"]


@pytest.mark.skipif(not EVAL.is_dir(), reason="../shared/eval is not present")
def test_bbc_references_split_into_their_sentences() -> None:
    bench = _bench()
    joined = 'Sales rose to $10.9bn.For the full-year, profit was up."We did well," he said.'
    assert bench.split_reference(joined) == [
        "Sales rose to $10.9bn.",
        "For the full-year, profit was up.",
        '"We did well," he said.',
    ]


def _distinct_sentences(count: int) -> list[str]:
    # Each sentence shares words with its neighbours, so graph rankers see a real graph.
    return [
        f"Officials in district {i} said convoy {i % 7} reached the border crossing {i % 11}."
        for i in range(count)
    ]


@pytest.mark.parametrize("algorithm", ["briefgen", "textrank", "lexrank"])
def test_a_very_long_article_is_ranked_on_its_first_sentences_only(algorithm: str) -> None:
    from briefgen.nlp.summarize import MAX_RANKED_SENTENCES

    sentences = _distinct_sentences(MAX_RANKED_SENTENCES + 600)
    scores = score_sentences(sentences, algorithm)

    head, tail = scores[:MAX_RANKED_SENTENCES], scores[MAX_RANKED_SENTENCES:]
    assert len(scores) == len(sentences)
    # The rest follows every ranked sentence, in reading order.
    assert max(tail) < min(head)
    assert tail == sorted(tail, reverse=True) and len(set(tail)) == len(tail)
    # The head is ranked exactly as an article of that length would be.
    assert head == score_sentences(sentences[:MAX_RANKED_SENTENCES], algorithm)


def test_kl_ranks_fewer_sentences_and_unbounded_ranks_them_all() -> None:
    from briefgen.nlp.summarize import ranked_limit

    sentences = _distinct_sentences(130)
    kl = score_sentences(sentences, "kl")
    assert ranked_limit("kl") == 100
    assert max(kl[100:]) < min(kl[:100])
    full = score_sentences(sentences, "lead", bounded=False)
    assert full == [1.0 / (i + 1) for i in range(130)]
