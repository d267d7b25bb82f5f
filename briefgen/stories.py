"""Which of the day's articles report the same event, and which carry a point's fact.

Two articles are one story only when they share a *fact*, not a beat: their
whole texts must be alike (TF-IDF cosine) **and** they must have a sentence
each that says nearly the same thing. Groups are grown by average linkage, so
a chain of loosely related articles (one outlet's many UK politics pieces)
does not fuse into one story.

A point cites another article only when that article has a sentence close to
the point's own, and close in what it states, not only in whom it names: "reported
by 3 sources" counts outlets that carry the fact. Wire copy names the same minister
or company in sentence after sentence ("Finance Minister Ana Okafor said the accord
held" against "Finance Minister Ana Okafor said exports fell"): the names alone make
two such sentences alike, but they tell two facts.

Two sentences alike in words but with different figures ("Brent rose $1.20 to
$51.30" against "Brent gained $0.85 to $49.10", or a cup's "third round" against
its "fifth round") are two facts, not one: the same beat on different days.
Such a pair is never the shared fact, nor support.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from functools import lru_cache
from typing import NamedTuple

import numpy as np
import scipy.sparse as sp

from briefgen.actors import country_names
from briefgen.bounds import whole_text
from briefgen.models import MONTH_NAME, Article
from briefgen.names import (
    HONORIFICS,
    MODIFIERS,
    PARTICLES,
    STOP,
    TITLE_NOUNS,
    bare,
    capital_runs,
    word_set,
)
from briefgen.nlp import rank
from briefgen.nlp.quality import furniture, issue_terms
from briefgen.nlp.tokenize import split_sentences
from briefgen.parallel import map_forked

#: Cosine of whole articles (TF-IDF) a pair of one story must reach.
ARTICLE_THRESHOLD = 0.25
#: Mean cosine between two groups' articles for the groups to merge.
LINKAGE_THRESHOLD = 0.2
#: Cosine of the pair's closest sentences: the shared fact.
SHARED_SENTENCE = 0.4
#: Cosine a sentence of another article needs with a point to count as carrying it.
SUPPORT_THRESHOLD = 0.35
#: Share of the words the shorter of a point and a supporting sentence states, past
#: names, job titles and words of reporting (:func:`statement_terms`), that the other
#: states too.
STATEMENT_SUPPORT = 0.3
#: Sentences of an article compared (the lead carries the facts; bounded cost).
SENTENCES_COMPARED = 60
#: Candidate pairs from which the shared sentences are sought on several processes.
PARALLEL_PAIRS = 2000


#: A number as written, with thousands commas and decimals ("1,500", "88.4").
_NUMBER = r"\d+(?:,\d{3})*(?:\.\d+)?"
_FIGURE = re.compile(
    r"(?<![\w.])(?:(?P<whole>\d+)[- ])?(?P<top>\d+)/(?P<bottom>\d+)(?![\w/])"  # 1-1/4, 3/8
    rf"|(?<![\w./])(?P<number>{_NUMBER})"
)
#: A four-digit year of the last century or this one: context, not the fact's figure.
_YEAR = re.compile(r"(?:19|20)\d\d")
#: The day of a date ("April 7", "7 April", "April 7th"): like a year, context, not a
#: figure of the fact (two bond issues "due April 7" and "paying 7-1/4 pct" share none).
_DAY_OF_MONTH = re.compile(
    rf"\b{MONTH_NAME}\s+(?P<after>\d{{1,2}})(?:st|nd|rd|th)?\b(?![.,]\d)"
    rf"|\b(?P<before>\d{{1,2}})(?:st|nd|rd|th)?\s+{MONTH_NAME}(?![a-z])"
)

Figures = frozenset[tuple[int, float]]

#: A change stated by its two ends: "lowered from 3% to 1.5%", "up from 4.5 pct to 5.1 pct",
#: "ranging from 12.50 to 14 dlrs".
_CHANGE = re.compile(
    rf"\bfrom\s+(?:about\s+|around\s+|some\s+|nearly\s+|almost\s+)?[$£€]?(?P<start>{_NUMBER})"
    r"\S*(?:\s+(?:per\s*cent|percent|pct|points?|[a-z]+illion|bn|mln|dlrs|dollars|euros|pounds))?"
    rf"\s+to\s+(?:about\s+|around\s+|some\s+)?[$£€]?(?P<end>{_NUMBER})"
)


@lru_cache(maxsize=50_000)
def _figure_keys(text: str) -> tuple[Figures, Figures, frozenset[int]]:
    """(places, value) of each figure ``text`` states ("1,500" is 1500, "1-1/4" is 1.25),
    and of each of its roundings; then, apart, the dates it names: its years, and its
    days of the month as 10,000 + the day (never a year)."""
    stated: set[tuple[int, float]] = set()
    rounded: set[tuple[int, float]] = set()
    dates: set[int] = set()
    day_starts: set[int] = set()
    for date in _DAY_OF_MONTH.finditer(text):
        group = "after" if date["after"] else "before"
        day_starts.add(date.start(group))
        dates.add(10_000 + int(date[group]))
    for match in _FIGURE.finditer(text):
        if match.start() in day_starts:
            continue
        if match["number"] is None:
            bottom = int(match["bottom"])
            if bottom == 0:
                continue
            value = int(match["whole"] or 0) + int(match["top"]) / bottom
            places = 3
        else:
            figure = match["number"].replace(",", "")
            if _YEAR.fullmatch(figure):
                dates.add(int(figure))
                continue
            places = len(figure.partition(".")[2])
            value = float(figure)
        stated.add((places, value))
        rounded.update((p, round(value, p)) for p in range(places + 1))
    return frozenset(stated), frozenset(rounded), frozenset(dates)


@lru_cache(maxsize=50_000)
def _changes(text: str) -> tuple[tuple[str, str], ...]:
    """The changes a sentence states by their two ends ("from 3% to 1.5%": ("3", "1.5"))."""
    return tuple(
        (m["start"].replace(",", ""), m["end"].replace(",", "")) for m in _CHANGE.finditer(text)
    )


def _same_figure(one: str, other: str) -> bool:
    """Two figures agree when the more precise, rounded as the other is, equals it."""
    places = min(len(one.partition(".")[2]), len(other.partition(".")[2]))
    return round(float(one), places) == round(float(other), places)


def _changes_differ(one: str, other: str) -> bool:
    """Both sentences state changes by their ends, and none of them has the same ends:
    "lowered from 3% to 1.5%" and "lowered from 3.5% to 3%" are two facts, though they
    share a 3."""
    ours, theirs = _changes(one), _changes(other)
    return bool(ours and theirs) and not any(
        _same_figure(a, c) and _same_figure(b, d) for a, b in ours for c, d in theirs
    )


_ORDINAL = re.compile(
    r"\b(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth)\b",
    re.I,
)


@lru_cache(maxsize=50_000)
def ordinals(text: str) -> frozenset[str]:
    """The ordinals a sentence states in words ("the FA Cup third round")."""
    return frozenset(m.lower() for m in _ORDINAL.findall(text))


def figures_differ(one: str, other: str) -> bool:
    """Both sentences state figures (or, failing those, dates; or ordinals in words), and
    fewer than half of them agree, or both state changes ("from 3% to 1.5%") with other
    ends: two different facts."""
    stated_one, rounded_one, dates_one = _figure_keys(one)
    stated_other, rounded_other, dates_other = _figure_keys(other)
    # At least half the figures of the sentence that states fewer are figures of the
    # other, allowing for rounding ("88.4", "88"): two bond issues that share only their
    # price ("101-1/2") are two facts. A shared year ("1986 net") is no shared figure.
    if stated_one and stated_other:
        fewer, more, more_rounded = (
            (stated_one, stated_other, rounded_other)
            if len(stated_one) <= len(stated_other)
            else (stated_other, stated_one, rounded_one)
        )
        agree = sum(
            (places, value) in more_rounded
            or any((p, round(value, p)) in more for p in range(places))
            for places, value in fewer
        )
        if 2 * agree < len(fewer):
            return True
    if _changes_differ(one, other):
        return True
    only_dates = not (stated_one or stated_other) and dates_one and dates_other
    if only_dates and not dates_one & dates_other:
        return True
    c, d = ordinals(one), ordinals(other)
    return bool(c and d) and not (c & d)


#: Terms a sentence needs to state a fact another article can share.
MIN_FACT_TERMS = 3


def fact_terms(sentence: str) -> tuple[str, ...]:
    """The terms a sentence is compared by, for a shared fact and for support; none for
    the terms of an issue ("Payment date is April 2."), which templated wire copy repeats
    word for word under every issue, so that two issues would look like one story; none
    for page furniture every article of a site or a wire carries (a "REUTER" sign-off,
    "The Velmar Times Ltd.", "All rights reserved."), which is no fact at all."""
    if issue_terms(sentence) or furniture(sentence):
        return ()
    terms = tuple(rank.terms(sentence))
    return terms if len(terms) >= MIN_FACT_TERMS else ()


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
    sentences: Sequence[Sequence[str]] | None = None,
    sentence_terms: Sequence[Sequence[Sequence[str]]] | None = None,
    workers: int = 1,
) -> dict[str, int]:
    """A story label per article id.

    ``terms`` (of each article's title and text), ``sentences`` (each article's
    first sentences, see :func:`article_sentences`) and ``sentence_terms`` (their
    terms) are used when given, in the order of ``articles``, instead of being
    computed again. On a big day the shared sentences are sought on ``workers``
    processes (0: one per core); the labels are the same.
    """
    n = len(articles)
    if n == 0:
        return {}
    if terms is None:
        terms = [rank.terms(whole_text(a)) for a in articles]
    documents = rank.tfidf(terms)
    pairs = rank.similar_pairs(documents, ARTICLE_THRESHOLD, upper=True, workers=workers).tocoo()
    candidates = {
        (int(i), int(j)): float(v) for i, j, v in zip(pairs.row, pairs.col, pairs.data, strict=True)
    }
    shared = _shared_sentences(articles, candidates, sentences, sentence_terms, workers=workers)
    parent = list(range(n))
    # Each group's summed TF-IDF vector, as {term: weight}: a Python dot product of
    # two short vectors costs a fraction of a scipy product's overhead.
    rows = sp.csr_matrix(documents)
    sums: dict[int, dict[int, float]] = {}
    size: dict[int, int] = {}
    for pair in candidates:
        for k in pair:
            if k not in sums:
                start, end = rows.indptr[k], rows.indptr[k + 1]
                columns: list[int] = rows.indices[start:end].tolist()
                sums[k] = dict(zip(columns, rows.data[start:end].tolist(), strict=True))
                size[k] = 1

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for (i, j), sim in sorted(candidates.items(), key=lambda kv: (-kv[1], kv[0])):
        if shared.get((i, j), 0.0) < SHARED_SENTENCE:
            continue
        a, b = find(i), find(j)
        if a == b:
            continue
        # Mean cosine over every pair across the two groups: the dot of their sums
        # over the product of their sizes, with no pair enumerated (two single
        # articles: their own cosine, already known).
        singles = size[a] == size[b] == 1
        linkage = sim if singles else _dot(sums[a], sums[b]) / (size[a] * size[b])
        if linkage >= LINKAGE_THRESHOLD:
            parent[b] = a
            sums[a] = _add(sums[a], sums.pop(b))
            size[a] += size.pop(b)
    return {a.id: find(k) for k, a in enumerate(articles)}


def _dot(one: dict[int, float], other: dict[int, float]) -> float:
    if len(one) > len(other):
        one, other = other, one
    weight = other.get
    return sum(v * weight(t, 0.0) for t, v in one.items())


def _add(one: dict[int, float], other: dict[int, float]) -> dict[int, float]:
    """The sum of two vectors, made in the larger one."""
    if len(one) < len(other):
        one, other = other, one
    for t, v in other.items():
        one[t] = one.get(t, 0.0) + v
    return one


def _shared_sentences(
    articles: Sequence[Article],
    pairs: dict[tuple[int, int], float],
    sentences: Sequence[Sequence[str]] | None = None,
    sentence_terms: Sequence[Sequence[Sequence[str]]] | None = None,
    *,
    workers: int = 1,
) -> dict[tuple[int, int], float]:
    """For each candidate pair of articles, the cosine of their closest sentences
    that do not state different figures (on ``workers`` processes, see
    :func:`briefgen.parallel.worker_count`, when the pairs are many)."""
    involved = sorted({k for pair in pairs for k in pair})
    if not involved:
        return {}
    texts: dict[int, Sequence[str]] = {}
    rows: list[Sequence[str]] = []
    owner: list[int] = []
    for k in involved:
        texts[k], words = _sentences_and_terms(
            articles[k],
            None if sentences is None else sentences[k],
            None if sentence_terms is None else sentence_terms[k],
        )
        rows.extend(words)
        owner.extend([k] * len(words))
    matrix = sp.csr_matrix(rank.tfidf(rows))
    # Rows of each article, in order: compare only the candidate pairs' sentences,
    # never every sentence of the day with every other (linear in the candidates).
    owners = np.asarray(owner)
    starts = {k: int(np.searchsorted(owners, k, side="left")) for k in involved}
    ends = {k: int(np.searchsorted(owners, k, side="right")) for k in involved}
    partners: dict[int, list[int]] = {}
    for a, b in pairs:
        partners.setdefault(a, []).append(b)

    def closest(chunk: list[tuple[int, list[int]]]) -> list[tuple[int, int, float]]:
        # One product for a run of articles against all their partners' sentences at
        # once: a product per article, or per pair, costs more in scipy's overhead than
        # in arithmetic. Each entry is the same dot product whatever else is computed.
        own = np.concatenate([np.arange(starts[a], ends[a]) for a, _ in chunk])
        near = sorted({b for _, others in chunk for b in others})
        columns = np.concatenate([np.arange(starts[b], ends[b]) for b in near])
        block = (matrix[own] @ matrix[columns].T).toarray()
        where = dict(zip(near, np.cumsum([0] + [ends[b] - starts[b] for b in near]), strict=False))
        found = []
        top_row = 0
        for a, others in chunk:
            height = ends[a] - starts[a]
            for b in others:
                left = where[b]
                part = block[top_row : top_row + height, left : left + ends[b] - starts[b]]
                top = _closest_agreeing(
                    part, texts[a], texts[b], SHARED_SENTENCE, (articles[a], articles[b])
                )
                if top is not None:
                    found.append((a, b, top))
            top_row += height
        return found

    chunks = _chunks_of(list(partners.items()), starts, ends)
    # Each run of articles is its own work: on a big day, spread over the cores.
    spread = workers if len(pairs) >= PARALLEL_PAIRS else 1
    best: dict[tuple[int, int], float] = {}
    for found in map_forked(closest, chunks, workers=spread):
        best.update(((a, b), top) for a, b, top in found)
    return best


#: Most cells (sentences by partners' sentences) of one product of :func:`_shared_sentences`.
CHUNK_CELLS = 2_000_000


def _chunks_of(
    jobs: list[tuple[int, list[int]]], starts: dict[int, int], ends: dict[int, int]
) -> list[list[tuple[int, list[int]]]]:
    """``jobs`` (an article and its partners) in runs whose one product stays small."""
    chunks: list[list[tuple[int, list[int]]]] = []
    current: list[tuple[int, list[int]]] = []
    near: set[int] = set()
    height = width = 0
    for a, others in jobs:
        new = [b for b in others if b not in near]
        added = sum(ends[b] - starts[b] for b in new)
        if current and (height + ends[a] - starts[a]) * (width + added) > CHUNK_CELLS:
            chunks.append(current)
            current, near, height, width = [], set(), 0, 0
            new, added = others, sum(ends[b] - starts[b] for b in others)
        current.append((a, others))
        near.update(new)
        height += ends[a] - starts[a]
        width += added
    if current:
        chunks.append(current)
    return chunks


def _closest_agreeing(
    block: np.ndarray,
    rows: Sequence[str],
    columns: Sequence[str],
    threshold: float,
    pair: tuple[Article, Article],
) -> float | None:
    """The highest cosine in ``block`` at or above ``threshold`` whose two sentences
    do not state different figures nor tell of a subject the other article of the
    ``pair`` never names (None if there is none)."""
    if block.size == 0:
        return None
    i, j = np.nonzero(block >= threshold)
    for k in np.argsort(-block[i, j], kind="stable"):
        one, other = rows[i[k]], columns[j[k]]
        if figures_differ(one, other):
            continue
        if not (_named_in(one, pair[1]) and _named_in(other, pair[0])):
            continue
        return float(block[i[k], j[k]])
    return None


def _named_in(sentence: str, article: Article) -> bool:
    subject = subject_words(sentence)
    return not subject or names_subject(article, subject)


class Support(NamedTuple):
    """An article that carries a point's fact, and the sentence of it that does."""

    article: Article
    #: The sentence's index in the article (as in :attr:`briefgen.models.Point.sentence_index`).
    sentence_index: int
    text: str


def supporting_articles(
    sentence: str,
    articles: Sequence[Article],
    threshold: float = SUPPORT_THRESHOLD,
    *,
    terms: Sequence[str] | None = None,
    sentences: Sequence[Sequence[str]] | None = None,
    sentence_terms: Sequence[Sequence[Sequence[str]]] | None = None,
) -> list[Support]:
    """The ``articles`` with a sentence that carries ``sentence``'s fact, closest first,
    each with its closest such sentence.

    A sentence carries it when it is close to ``sentence`` (TF-IDF cosine at least
    ``threshold``), states no other figures, and shares enough of what it states
    past the names both give (:data:`STATEMENT_SUPPORT`); an article carries it only if
    it names the subject ``sentence`` opens with. ``terms`` (of ``sentence``),
    ``sentences`` (the articles' first sentences) and ``sentence_terms`` (their
    terms) are used when already known.
    """
    if not articles:
        return []
    rows: list[Sequence[str]] = [rank.terms(sentence) if terms is None else terms]
    texts: list[str] = []
    spans: list[slice] = []  # each article's rows, less the point's
    for k, article in enumerate(articles):
        own, words = _sentences_and_terms(
            article,
            None if sentences is None else sentences[k],
            None if sentence_terms is None else sentence_terms[k],
        )
        spans.append(slice(len(texts), len(texts) + len(words)))
        rows.extend(words)
        texts.extend(own)
    if len(rows) == 1:
        return []
    matrix = rank.tfidf(rows)
    sims = np.asarray((matrix[1:] @ matrix[0].T).todense()).ravel()
    stated = frozenset(statement_terms(sentence))
    for n in np.nonzero(sims >= threshold)[0]:
        # A sentence with other figures than the point's reports another fact, and one
        # that shares only the point's names and titles states another (when the point
        # states anything past its names).
        if figures_differ(sentence, texts[n]) or (
            stated and _shared_statement(stated, texts[n]) < STATEMENT_SUPPORT
        ):
            sims[n] = 0.0
    closest = [
        span.start + int(np.argmax(sims[span])) if span.stop > span.start else None
        for span in spans
    ]
    best = np.array([0.0 if at is None else float(sims[at]) for at in closest])
    return [
        Support(articles[k], at - spans[k].start, texts[at])
        for k in np.argsort(-best, kind="stable")
        if (at := closest[k]) is not None
        and best[k] >= threshold
        and _named_in(sentence, articles[k])
    ]


def _shared_statement(stated: frozenset[str], text: str) -> float:
    """The share of the words the shorter of ``text`` and a sentence that states
    ``stated`` (:func:`statement_terms`) states that the other states too."""
    other = frozenset(statement_terms(text))
    return len(stated & other) / min(len(stated), len(other)) if other else 0.0


#: Words that tell who said a thing, and when, rather than what was said, and the units
#: figures are counted in, which :func:`figures_differ` compares (stemmed).
_REPORTING = frozenset(
    rank.terms(
        """said say says saying told tell tells reported report reports added adding
        according source sources official officials statement today yesterday tonight
        earlier later day week month year mln million billion bln dlr dlrs pct percent
        cts"""
    )
)
#: Words a job title may hold before its head noun, besides :data:`MODIFIERS`
#: ("management board joint spokesman", "external trade chief", "energy and mines minister").
_TITLE_WORDS = MODIFIERS | {"management", "external", "and"}
#: Words inside a name ("Compagnie des Machines Bull", "Banco de Velmar").
_NAME_PARTICLES = PARTICLES | {"des"}


@lru_cache(maxsize=50_000)
def statement_terms(sentence: str) -> tuple[str, ...]:
    """The terms of what ``sentence`` states, past who states it: less its names (runs
    of capitalised words, but a lone first word: "Growth in …", and the particles
    inside them: "Compagnie des Machines"), its job titles
    ("finance minister", "management board joint spokesman"), words of reporting
    ("said", "told", "officials", "today") and the units figures are counted in ("mln",
    "pct")."""
    chars = list(sentence)
    for run in capital_runs(sentence):
        if run.start == 0 and len(run.words) == 1:
            continue
        chars[run.start : run.end] = " " * (run.end - run.start)
    words = re.findall(r"[\w'’.-]+", "".join(chars))
    keep = [True] * len(words)
    for i, word in enumerate(words):
        if word.lower() in TITLE_NOUNS:
            keep[i] = False
            j = i - 1
            while j >= 0 and words[j].lower() in _TITLE_WORDS:
                keep[j] = False
                j -= 1
    kept = " ".join(w for w, k in zip(words, keep, strict=True) if k and w not in _NAME_PARTICLES)
    return tuple(t for t in rank.terms(kept) if t not in _REPORTING)


#: Words of an opening name that say what kind of body it is, not which one (besides
#: the title words of :mod:`briefgen.names`, which hold "bank", "company", "group" …).
_GENERIC = word_set(
    """inc corp corporation co cos companies ltd plc llc lp holdings industries banks
    fund trust unit units"""
)


@lru_cache(maxsize=50_000)
def subject_words(sentence: str) -> tuple[str, ...]:
    """The distinctive words of the name ``sentence`` opens with ("Velmar Systems Corp
    said …": Velmar, Systems; "President Okafor …": Okafor); none when it opens with one
    capitalised word ("Three workers were …", "Iraq said …"), a title or a generic
    body alone ("The company said …").

    Templated wire copy tells two companies' filings in one sentence that differs only
    in the name: an article that never names the subject does not carry the fact.
    """
    runs = capital_runs(sentence[:200])
    # One capitalised word may only be the first word of the sentence ("Three
    # workers …", "Weaker exports …"): a name is told by a second one.
    opening = len(sentence) - len(sentence.lstrip(" \"'“‘("))
    if not runs or runs[0].start != opening or len(runs[0].words) < 2:
        return ()
    words = []
    for word in runs[0].words:
        word = bare(word).strip(".,")
        lower = word.lower()
        if (
            len(word) < 3
            or word in STOP
            or word in HONORIFICS
            or lower in _GENERIC
            or lower in TITLE_NOUNS
            or lower in MODIFIERS
        ):
            continue
        words.append(word)
    return tuple(words)


def names_subject(article: Article, subject: Sequence[str]) -> bool:
    """Whether ``article`` names any word of ``subject``, or a word it begins
    ("Iraqi" for Iraq), or a country the subject names by another of its names
    ("British" for Britain, "U.S." for the United States)."""
    text = whole_text(article)
    countries = country_names()
    phrases = {*subject, " ".join(subject), *map(" ".join, itertools.pairwise(subject))}
    names = {*subject, *(n for p in phrases for n in countries.get(p, ()))}
    return any(re.search(rf"(?<![\w.]){re.escape(name)}", text) for name in names)


def _sentences_and_terms(
    article: Article,
    known: Sequence[str] | None,
    known_terms: Sequence[Sequence[str]] | None,
) -> tuple[Sequence[str], Sequence[Sequence[str]]]:
    """An article's first sentences and their terms, computed only when not known."""
    texts = article_sentences(article) if known is None else known
    if known_terms is None:
        known_terms = [fact_terms(s) for s in texts]
    return texts, known_terms
