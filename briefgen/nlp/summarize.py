"""Sentence ranking for one article: briefgen's own ranker, the lead, and sumy's algorithms.

Every algorithm gives one score per sentence (higher is better), so the
multi-document stage can mix scores across articles; :func:`summarize`
picks the best ``n`` and returns them in document order.

sumy's summarizers run on a document model built from our own sentences
with :class:`~briefgen.nlp.tokenize.OfflineTokenizer`, sumy's shipped stop
words and the Snowball stemmer, none of which needs downloaded data.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from functools import cache
from typing import Any, get_args

import numpy as np
from numpy.typing import NDArray

from briefgen.algorithms import Algorithm
from briefgen.errors import ConfigError
from briefgen.nlp.stem import stemmer
from briefgen.nlp.tokenize import OfflineTokenizer, split_words

__all__ = [
    "ALGORITHMS",
    "EDMUNDSON_BONUS_WORDS",
    "EDMUNDSON_STIGMA_WORDS",
    "score_sentences",
    "summarize",
]

ALGORITHMS: tuple[str, ...] = get_args(Algorithm)

#: Cue words that mark a reported fact or decision in news copy; Edmundson's
#: "bonus" words. The title's words are added to them when a title is given.
EDMUNDSON_BONUS_WORDS: tuple[str, ...] = (
    "said",
    "announced",
    "agreed",
    "confirmed",
    "decided",
    "reported",
    "according",
    "official",
    "first",
    "new",
    "record",
    "rose",
    "fell",
    "warned",
    "important",
    "significant",
    "major",
)

#: Words of hedging and asides; Edmundson's "stigma" words.
EDMUNDSON_STIGMA_WORDS: tuple[str, ...] = (
    "perhaps",
    "maybe",
    "possibly",
    "hardly",
    "meanwhile",
    "incidentally",
    "anyway",
    "apparently",
)


FloatArray = NDArray[np.float64]

#: How much more a sentence containing every content word of the headline
#: scores than one containing none (measured on BBC: 0.2 helps a little, 0.5 hurts).
TITLE_WEIGHT = 0.2
DAMPING = 0.85

#: Sentences of one article an algorithm ranks, from the top; later sentences
#: score below every ranked one, in reading order. The graph rankers cost the
#: square of the sentence count or more (a 19 MB article has ~100,000
#: sentences); news articles are far shorter (the longest BBC evaluation
#: article has 82, the longest Wikinews source 325). Each bound keeps one
#: article under about two seconds even with a vocabulary as large as it gets.
MAX_RANKED_SENTENCES = 400
#: sumy's KL-Sum costs about the cube of the sentence count.
_RANKED_LIMITS = {"kl": 100}


def _content_words(text: str, stop_words: frozenset[str]) -> list[str]:
    """Lower-cased words that start with a letter and are not stop words.

    Words are not stemmed: on the BBC evaluation surface forms ranked better
    than Snowball stems (docs/summarization.md).
    """
    words = (w.lower() for w in split_words(text) if w[0].isalpha())
    return [w for w in words if w not in stop_words]


def _overlap_graph(bags: Sequence[Sequence[str]]) -> FloatArray:
    """TextRank's sentence graph: shared words over the sum of the log lengths."""
    vocabulary: dict[str, int] = {}
    rows = [[vocabulary.setdefault(w, len(vocabulary)) for w in bag] for bag in bags]
    counts = np.zeros((len(bags), max(len(vocabulary), 1)), dtype=np.float64)
    for i, row in enumerate(rows):
        np.add.at(counts[i], row, 1.0)
    # Shared words counted with multiplicity, sum_w min(c_i(w), c_j(w)), as a
    # sum of products of "occurs at least k times" indicator matrices.
    shared = np.zeros((len(bags), len(bags)))
    for k in range(1, int(counts.max(initial=0)) + 1):
        at_least = (counts >= k).astype(np.float64)
        shared += at_least @ at_least.T
    np.fill_diagonal(shared, 0.0)
    log_len = np.log(np.maximum(counts.sum(axis=1), 1.0))
    norm = log_len[:, None] + log_len[None, :]
    # Two one-word sentences have norm 0: their overlap (0 or 1) stands as is.
    return np.where(norm > 0, shared / np.where(norm > 0, norm, 1.0), shared)


def _pagerank(weights: FloatArray) -> FloatArray:
    """Stationary rank of each sentence in the weighted graph, summing to 1."""
    n = len(weights)
    row_sums = weights.sum(axis=1, keepdims=True)
    # A sentence sharing no word with any other links to all alike.
    transition = np.where(row_sums > 0, weights / np.where(row_sums > 0, row_sums, 1.0), 1.0 / n)
    rank = np.full(n, 1.0 / n)
    for _ in range(200):
        updated: FloatArray = (1.0 - DAMPING) / n + DAMPING * (transition.T @ rank)
        if np.abs(updated - rank).sum() < 1e-10:
            return updated
        rank = updated
    return rank


def _briefgen_scores(
    sentences: Sequence[str], *, title: str | None, stop_words: frozenset[str]
) -> list[float]:
    """briefgen's single-document ranker: TextRank centrality with a headline bonus.

    Scores average 1 over the article, so they are comparable across articles.
    """
    bags = [_content_words(s, stop_words) for s in sentences]
    scores = _pagerank(_overlap_graph(bags)) * len(sentences)
    title_words = set(_content_words(title or "", stop_words))
    if title_words:
        covered = np.array([len(title_words.intersection(bag)) for bag in bags]) / len(title_words)
        scores = scores * (1.0 + TITLE_WEIGHT * covered)
    return [float(x) for x in scores]


def _sumy_class(algorithm: str) -> Any:
    # Imported on use: sumy pulls in NLTK, which is slow to import.
    from sumy.summarizers.edmundson import EdmundsonSummarizer
    from sumy.summarizers.kl import KLSummarizer
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.summarizers.lsa import LsaSummarizer
    from sumy.summarizers.luhn import LuhnSummarizer
    from sumy.summarizers.sum_basic import SumBasicSummarizer
    from sumy.summarizers.text_rank import TextRankSummarizer

    return {
        "lexrank": LexRankSummarizer,
        "textrank": TextRankSummarizer,
        "lsa": LsaSummarizer,
        "luhn": LuhnSummarizer,
        "kl": KLSummarizer,
        "sumbasic": SumBasicSummarizer,
        "edmundson": EdmundsonSummarizer,
    }[algorithm]


@cache
def _language_tools(language: str) -> tuple[Callable[[str], str], frozenset[str]]:
    """The stemmer and stop words for ``language``, or a ConfigError saying what exists."""
    try:
        return stemmer(language), _stop_words(language)
    except LookupError as exc:
        raise _unknown_language(language, exc) from exc


@cache
def _stop_words(language: str) -> frozenset[str]:
    """sumy's stop words for ``language`` (the default algorithm needs no stemmer)."""
    from briefgen.nlp.tokenize import stop_words

    try:
        return stop_words(language)
    except LookupError as exc:
        raise _unknown_language(language, exc) from exc


def _unknown_language(language: str, exc: LookupError) -> ConfigError:
    return ConfigError(
        f"language {language!r}: {exc} Use a language sumy ships a stemmer and "
        "stop words for, such as 'english'."
    )


def _sumy_document(sentences: Sequence[str], title: str | None, language: str) -> Any:
    from sumy.models.dom import ObjectDocumentModel, Paragraph
    from sumy.models.dom import Sentence as SumySentence

    tokenizer = OfflineTokenizer(language)
    items = [SumySentence(title, tokenizer, is_heading=True)] if title else []
    items += [SumySentence(s, tokenizer) for s in sentences]
    # The caller gives a flat list, so the article is one paragraph; only
    # Edmundson's location method looks at paragraphs.
    return ObjectDocumentModel([Paragraph(items)])


def _sumy_scores(
    sentences: Sequence[str], algorithm: str, title: str | None, language: str
) -> list[float]:
    stemmer, stop_words = _language_tools(language)
    summarizer = _sumy_class(algorithm)(stemmer)
    summarizer.stop_words = stop_words
    if algorithm == "edmundson":
        title_words = OfflineTokenizer(language).to_words(title or "")
        summarizer.bonus_words = (
            *EDMUNDSON_BONUS_WORDS,
            *(w.lower() for w in title_words if w.lower() not in stop_words),
        )
        summarizer.stigma_words = EDMUNDSON_STIGMA_WORDS
        summarizer.null_words = stop_words

    document = _sumy_document(sentences, title, language)
    captured: list[float] = []

    def capture(
        items: Sequence[Any], count: Any, rating: Any, *args: Any, **kwargs: Any
    ) -> tuple[()]:
        # Every sumy summarizer ends by handing its ratings to this method;
        # keep them instead of letting it select, so we get a score per sentence.
        rate: Callable[..., float] = rating.__getitem__ if isinstance(rating, dict) else rating
        captured.extend(float(rate(s, *args, **kwargs)) for s in items)
        return ()

    summarizer._get_best_sentences = capture
    # Non-finite ratings (LexRank on a text without content words) are replaced below.
    with np.errstate(invalid="ignore", divide="ignore"):
        summarizer(document, len(sentences))
    # Summarizers return early, without ratings, when no sentence has a content
    # word, and LexRank divides zero by zero: such sentences all score 0.
    if len(captured) != len(sentences):
        return [0.0] * len(sentences)
    return [x if math.isfinite(x) else 0.0 for x in captured]


def score_sentences(
    sentences: Sequence[str],
    algorithm: str = "briefgen",
    *,
    title: str | None = None,
    language: str = "english",
    bounded: bool = True,
) -> list[float]:
    """One score per sentence of one article, higher is better.

    ``title`` is the article's headline, used by "briefgen" and "edmundson".
    Algorithms that only order sentences (KL, SumBasic) give the first
    chosen sentence the highest score. Only the first
    :data:`MAX_RANKED_SENTENCES` (KL: 100) are ranked; the rest follow in
    reading order. ``bounded=False`` ranks them all, whatever it costs (for
    evaluations that compare with an algorithm run in full).
    """
    if algorithm not in ALGORITHMS:
        raise ConfigError(
            f"unknown summarization algorithm {algorithm!r}; use one of: {', '.join(ALGORITHMS)}"
        )
    if not sentences:
        return []
    head = sentences[: ranked_limit(algorithm)] if bounded else sentences
    if algorithm == "lead":
        scores = [1.0 / (i + 1) for i in range(len(head))]
    elif algorithm == "briefgen":
        scores = _briefgen_scores(head, title=title, stop_words=_stop_words(language))
    else:
        scores = _sumy_scores(head, algorithm, title, language)
    return scores + _below(scores, len(sentences) - len(head))


def ranked_limit(algorithm: str) -> int:
    """How many sentences of an article ``algorithm`` ranks (the rest follow, in order)."""
    return _RANKED_LIMITS.get(algorithm, MAX_RANKED_SENTENCES)


def _below(scores: Sequence[float], count: int) -> list[float]:
    """``count`` scores under all of ``scores``, falling in reading order (linear cost)."""
    if count <= 0:
        return []
    floor = min(scores) - 1.0
    return [floor - i / count for i in range(count)]


def top_indices(scores: Sequence[float], n: int) -> list[int]:
    """Indices of the ``n`` highest scores in document order; ties go to the earlier sentence."""
    best = sorted(range(len(scores)), key=lambda i: (-scores[i], i))[: max(n, 0)]
    return sorted(best)


def summarize(
    sentences: Sequence[str],
    n: int,
    algorithm: str = "briefgen",
    *,
    title: str | None = None,
) -> list[int]:
    """Indices of the ``n`` best sentences of one article, in document order."""
    return top_indices(score_sentences(sentences, algorithm, title=title), n)
