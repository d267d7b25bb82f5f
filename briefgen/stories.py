"""Which of the day's articles report the same event, and which carry a point's fact.

Two articles are one story only when they share a *fact*, not a beat: their
whole texts must be alike (TF-IDF cosine) **and** they must have a sentence
each that says nearly the same thing. Groups are grown by average linkage, so
a chain of loosely related articles (one outlet's many UK politics pieces)
does not fuse into one story.

A point cites another article only when that article has a sentence close to
the point's own: "reported by 3 sources" counts outlets that carry the fact.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp

from briefgen.bounds import whole_text
from briefgen.models import Article
from briefgen.nlp import rank
from briefgen.nlp.tokenize import split_sentences

#: Cosine of whole articles (TF-IDF) a pair of one story must reach.
ARTICLE_THRESHOLD = 0.25
#: Mean cosine between two groups' articles for the groups to merge.
LINKAGE_THRESHOLD = 0.2
#: Cosine of the pair's closest sentences: the shared fact.
SHARED_SENTENCE = 0.4
#: Cosine a sentence of another article needs with a point to count as carrying it.
SUPPORT_THRESHOLD = 0.35
#: Sentences of an article compared (the lead carries the facts; bounded cost).
SENTENCES_COMPARED = 60


def article_sentences(article: Article, limit: int = SENTENCES_COMPARED) -> list[str]:
    out: list[str] = []
    for paragraph in article.paragraphs:
        out.extend(split_sentences(paragraph))
        if len(out) >= limit:
            break
    return out[:limit]


def cluster_articles(
    articles: Sequence[Article],
    *,
    terms: Sequence[Sequence[str]] | None = None,
    sentence_terms: Sequence[Sequence[Sequence[str]]] | None = None,
) -> dict[str, int]:
    """A story label per article id.

    ``terms`` (of each article's title and text) and ``sentence_terms`` (of each
    article's first sentences, see :func:`article_sentences`) are used when given,
    in the order of ``articles``, instead of being computed again.
    """
    n = len(articles)
    if n == 0:
        return {}
    if terms is None:
        terms = [rank.terms(whole_text(a)) for a in articles]
    documents = rank.tfidf(terms)
    pairs = rank.similar_pairs(documents, ARTICLE_THRESHOLD).tocoo()
    candidates = {
        (int(i), int(j)): float(v)
        for i, j, v in zip(pairs.row, pairs.col, pairs.data, strict=True)
        if i < j
    }
    shared = _shared_sentences(articles, candidates, sentence_terms)
    parent = list(range(n))
    sums: dict[int, sp.csr_matrix] = {}
    size: dict[int, int] = {}
    for pair in candidates:
        for k in pair:
            if k not in sums:
                sums[k] = documents[k]
                size[k] = 1

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for (i, j), _sim in sorted(candidates.items(), key=lambda kv: (-kv[1], kv[0])):
        if shared.get((i, j), 0.0) < SHARED_SENTENCE:
            continue
        a, b = find(i), find(j)
        if a == b:
            continue
        # Mean cosine over every pair across the two groups: the dot of their sums
        # over the product of their sizes, with no pair enumerated.
        linkage = float((sums[a] @ sums[b].T).sum()) / (size[a] * size[b])
        if linkage >= LINKAGE_THRESHOLD:
            parent[b] = a
            sums[a] = sums[a] + sums.pop(b)
            size[a] += size.pop(b)
    return {a.id: find(k) for k, a in enumerate(articles)}


def _shared_sentences(
    articles: Sequence[Article],
    pairs: dict[tuple[int, int], float],
    sentence_terms: Sequence[Sequence[Sequence[str]]] | None = None,
) -> dict[tuple[int, int], float]:
    """For each candidate pair of articles, the cosine of their closest sentences."""
    involved = sorted({k for pair in pairs for k in pair})
    if not involved:
        return {}
    texts: list[Sequence[str]] = []
    owner: list[int] = []
    for k in involved:
        for words in _sentence_terms(
            articles[k], None if sentence_terms is None else sentence_terms[k]
        ):
            texts.append(words)
            owner.append(k)
    matrix = sp.csr_matrix(rank.tfidf(texts))
    # Rows of each article, in order: compare only the candidate pairs' sentences,
    # never every sentence of the day with every other (linear in the candidates).
    owners = np.asarray(owner)
    starts = {k: int(np.searchsorted(owners, k, side="left")) for k in involved}
    ends = {k: int(np.searchsorted(owners, k, side="right")) for k in involved}
    partners: dict[int, list[int]] = {}
    for a, b in pairs:
        partners.setdefault(a, []).append(b)
    best: dict[tuple[int, int], float] = {}
    # One product per article against all its partners' sentences at once (a
    # product per pair costs more in scipy's overhead than in arithmetic).
    for a, others in partners.items():
        rows = np.concatenate([np.arange(starts[b], ends[b]) for b in others])
        block = (matrix[starts[a] : ends[a]] @ matrix[rows].T).toarray()
        if block.size == 0:
            continue
        column_best = block.max(axis=0)
        bounds = np.cumsum([0] + [ends[b] - starts[b] for b in others])
        for n, b in enumerate(others):
            if bounds[n] == bounds[n + 1]:
                continue
            top = float(column_best[bounds[n] : bounds[n + 1]].max())
            if top >= SHARED_SENTENCE:
                best[(a, b)] = top
    return best


def supporting_articles(
    sentence: str,
    articles: Sequence[Article],
    threshold: float = SUPPORT_THRESHOLD,
    *,
    terms: Sequence[str] | None = None,
    sentence_terms: Sequence[Sequence[Sequence[str]]] | None = None,
) -> list[Article]:
    """The ``articles`` with a sentence that carries ``sentence``'s fact, closest first.

    ``terms`` (of ``sentence``) and ``sentence_terms`` (of the articles' first
    sentences) are used when already known.
    """
    if not articles:
        return []
    texts: list[Sequence[str]] = [rank.terms(sentence) if terms is None else terms]
    owner: list[int] = []
    for k, article in enumerate(articles):
        known = None if sentence_terms is None else sentence_terms[k]
        for words in _sentence_terms(article, known):
            texts.append(words)
            owner.append(k)
    if len(texts) == 1:
        return []
    matrix = rank.tfidf(texts)
    sims = np.asarray((matrix[1:] @ matrix[0].T).todense()).ravel()
    best = np.zeros(len(articles))
    np.maximum.at(best, np.asarray(owner), sims)
    order = np.argsort(-best, kind="stable")
    return [articles[k] for k in order if best[k] >= threshold]


def _sentence_terms(
    article: Article, known: Sequence[Sequence[str]] | None
) -> Sequence[Sequence[str]]:
    if known is not None:
        return known
    return [rank.terms(s) for s in article_sentences(article)]
