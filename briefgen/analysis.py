"""What one article alone gives a briefing, computed once and kept in the store.

Everything that depends on a single article — its sentences, their ranks and
candidate flags inside it, their taxonomy classification, the terms the day's
similarity is measured on, its quotes, the actors it mentions and the section
model's probabilities for its lead — is an :class:`ArticleAnalysis`. Ingest
stores one per new article; a build reads them and only does the day's
cross-article work.

An analysis is valid for one :func:`fingerprint`: the format version, the
ranking algorithm, the taxonomy, the section model and the source of the code
that computes it. An analysis with another fingerprint is recomputed when a
build needs it (or for the whole store by ``briefgen ingest --reanalyse``), so
a build's output does not depend on when its articles were ingested.
"""

from __future__ import annotations

import hashlib
import json
import os
import zlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import cache, partial
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from briefgen.actors import TextHits, scan_actors
from briefgen.bounds import leading_paragraphs, whole_text
from briefgen.classify import Taxonomy
from briefgen.config import EmailSettings, Settings
from briefgen.models import Article, Classification, Sentence
from briefgen.nlp import rank
from briefgen.nlp.routine import routine_report
from briefgen.parallel import Feeder, imap_articles, map_articles
from briefgen.quotes import find_quotes
from briefgen.relevance import MODEL_ENV, Reach, article_lead, load_model, reach
from briefgen.stories import SENTENCES_COMPARED, fact_terms

if TYPE_CHECKING:
    from briefgen.store import ArticleStore

#: Told how many articles are analysed so far, and of how many.
Progress = Callable[[int, int], None]

#: Bump when the payload's layout changes.
ANALYSIS_VERSION = 3
#: Analyses written per transaction when many are stored at once.
BATCH = 64
#: The code an analysis is computed by: a change to any of it makes stored analyses stale.
_CODE = (
    "analysis.py",
    "actors.py",
    "bounds.py",
    "classify.py",
    "compose.py",
    "models.py",
    "names.py",
    "quotes.py",
    "relevance.py",
    "speakers.py",
    "stories.py",
    "nlp/quality.py",
    "nlp/rank.py",
    "nlp/routine.py",
    "nlp/summarize.py",
    "nlp/tokenize.py",
    "data/gazetteer.toml",
)


@dataclass(frozen=True)
class StoredCandidate:
    """A sentence of the article that can stand in a briefing, as chosen on the article alone."""

    #: Index of the sentence in :attr:`ArticleAnalysis.sentences`.
    index: int
    #: Rank of the sentence inside its article, scaled to (0, 1].
    local: float
    #: The sentence before, when the candidate needs it to be understood.
    context: str | None
    #: Terms of the candidate's text (context included), for the day's similarity.
    terms: tuple[str, ...]
    classification: Classification
    #: Terms of the sentence alone, when it has a context (else they are ``terms``).
    sentence_terms: tuple[str, ...] | None = None


@dataclass(frozen=True)
class ArticleAnalysis:
    """Everything a build needs from one article that does not depend on the others."""

    article_id: str
    #: (paragraph, text) of the sentences, verbatim, in order, as far as the build reads
    #: them: up to the last candidate, and at least the first SENTENCES_COMPARED.
    sentences: tuple[tuple[int, str], ...]
    #: Sentences in the whole article.
    sentence_count: int
    candidates: tuple[StoredCandidate, ...]
    #: Sentences that read well alone but fit none of the sections.
    unclassified: int
    #: Terms of the title and the whole text.
    terms: tuple[str, ...]
    #: Terms of the first :data:`SENTENCES_COMPARED` sentences.
    sentence_terms: tuple[tuple[str, ...], ...]
    #: (text, speaker, role) of each quotation with a clear speaker, in article order.
    quotes: tuple[tuple[str, str, str | None], ...]
    actors: TextHits
    #: The section model's probabilities for the article's lead, by the model's classes.
    probabilities: tuple[float, ...]
    #: The model's explanation of the lead, for each of its classes.
    evidence: dict[str, tuple[str, ...]]
    #: The countries, relations between states and trade across borders its lead tells of.
    reach: Reach
    #: The kind of routine report it is, if it is one ("market report", "table": see
    #: :func:`briefgen.nlp.routine.routine_report`).
    routine: str | None

    @property
    def first_sentences(self) -> tuple[str, ...]:
        """The texts of the sentences :attr:`sentence_terms` are the terms of."""
        return tuple(text for _, text in self.sentences[: len(self.sentence_terms)])

    def sentence(self, index: int) -> Sentence:
        paragraph, text = self.sentences[index]
        return Sentence(text=text, article_id=self.article_id, index=index, paragraph=paragraph)


def analyse(article: Article, settings: Settings, taxonomy: Taxonomy) -> ArticleAnalysis:
    """The analysis of ``article`` under ``settings.build.algorithm`` and ``taxonomy``."""
    from briefgen.compose import article_candidates, split_article

    sentences = split_article(article)
    pick = article_candidates(article, settings, taxonomy, sentences)
    candidates = tuple(
        StoredCandidate(
            index=c.sentence.index,
            local=c.local,
            context=c.context,
            terms=tuple(
                rank.terms(f"{c.context} {c.sentence.text}" if c.context else c.sentence.text)
            ),
            classification=c.classification,
            sentence_terms=tuple(rank.terms(c.sentence.text)) if c.context else None,
        )
        for c in pick.candidates
    )
    opening = article_lead(article)
    probabilities, evidence = load_model().read(opening, taxonomy)
    # Whole-article readings stop where briefgen.bounds says, as the build's own do.
    text = whole_text(article)
    bounded = replace(article, paragraphs=leading_paragraphs(article))
    # A huge article's tail is never read by a build: it is not stored either.
    keep = max(
        max((c.index for c in candidates), default=-1) + 1,
        min(len(sentences), SENTENCES_COMPARED),
    )
    return ArticleAnalysis(
        article_id=article.id,
        sentences=tuple((s.paragraph, s.text) for s in sentences[:keep]),
        sentence_count=len(sentences),
        candidates=candidates,
        unclassified=pick.unclassified,
        terms=tuple(rank.terms(text)),
        sentence_terms=tuple(fact_terms(s.text) for s in sentences[:SENTENCES_COMPARED]),
        quotes=tuple(find_quotes(bounded)),
        actors=scan_actors(text),
        probabilities=tuple(float(p) for p in probabilities),
        evidence=evidence,
        reach=reach(opening),
        routine=routine_report(article.title, sentences[0].text if sentences else ""),
    )


# -- storage ---------------------------------------------------------------------


def encode(analysis: ArticleAnalysis) -> bytes:
    """The analysis as compressed JSON; floats keep every bit (``repr`` round-trips)."""
    data = {
        "id": analysis.article_id,
        "sentences": analysis.sentences,
        "sentence_count": analysis.sentence_count,
        "candidates": [
            [
                c.index,
                c.local,
                c.context,
                c.terms,
                [
                    c.classification.label,
                    c.classification.scores,
                    c.classification.matched,
                    c.classification.confidence,
                ],
                c.sentence_terms,
            ]
            for c in analysis.candidates
        ],
        "unclassified": analysis.unclassified,
        "terms": analysis.terms,
        "sentence_terms": analysis.sentence_terms,
        "quotes": analysis.quotes,
        "actors": [analysis.actors.known, analysis.actors.titled, analysis.actors.honorifics],
        "probabilities": analysis.probabilities,
        "evidence": analysis.evidence,
        "reach": [analysis.reach.countries, analysis.reach.relations, analysis.reach.trade],
        "routine": analysis.routine,
    }
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return zlib.compress(text.encode("utf-8"), 1)


def decode(payload: bytes) -> ArticleAnalysis:
    data: dict[str, Any] = json.loads(zlib.decompress(payload))
    known, titled, honorifics = data["actors"]
    countries, relations, trade = data["reach"]
    return ArticleAnalysis(
        article_id=data["id"],
        sentences=tuple((p, t) for p, t in data["sentences"]),
        sentence_count=data["sentence_count"],
        candidates=tuple(
            StoredCandidate(
                index=index,
                local=local,
                context=context,
                terms=tuple(terms),
                classification=Classification(
                    label=label,
                    scores=scores,
                    matched={k: tuple(v) for k, v in matched.items()},
                    confidence=confidence,
                ),
                sentence_terms=None if own is None else tuple(own),
            )
            for index, local, context, terms, (label, scores, matched, confidence), own in data[
                "candidates"
            ]
        ),
        unclassified=data["unclassified"],
        terms=tuple(data["terms"]),
        sentence_terms=tuple(tuple(t) for t in data["sentence_terms"]),
        quotes=tuple((t, s, r) for t, s, r in data["quotes"]),
        actors=TextHits(
            known=[(name, kind) for name, kind in known], titled=titled, honorifics=honorifics
        ),
        probabilities=tuple(data["probabilities"]),
        evidence={k: tuple(v) for k, v in data["evidence"].items()},
        reach=Reach(tuple(countries), relations, trade),
        routine=data["routine"],
    )


def fingerprint(settings: Settings, taxonomy: Taxonomy) -> str:
    """What an analysis depends on besides its article: stored with it, checked on use."""
    digest = hashlib.sha256()
    digest.update(f"{ANALYSIS_VERSION}\0{settings.build.algorithm}\0".encode())
    digest.update(
        json.dumps(
            [taxonomy.terms, taxonomy.threshold, taxonomy.context_weight],
            sort_keys=True,
            default=dict,
        ).encode()
    )
    digest.update(_model_digest(os.environ.get(MODEL_ENV) or None).encode())
    digest.update(_code_digest().encode())
    return digest.hexdigest()[:32]


@cache
def _model_digest(path: str | None) -> str:
    if path is None:
        content = resources.files("briefgen").joinpath("data", "sections_model.json").read_bytes()
    else:
        try:
            content = Path(path).read_bytes()
        except OSError:
            content = b""  # loading the model reports the error
    return hashlib.sha256(content).hexdigest()


@cache
def _code_digest() -> str:
    package = resources.files("briefgen")
    digest = hashlib.sha256()
    for name in _CODE:
        digest.update(name.encode() + b"\0" + package.joinpath(name).read_bytes())
    return digest.hexdigest()


def analyse_all(
    articles: Sequence[Article], settings: Settings, taxonomy: Taxonomy
) -> dict[str, ArticleAnalysis]:
    """The analyses of ``articles``, computed on every core and not stored."""
    work = partial(_analyse_encoded, settings=settings, taxonomy=taxonomy)
    return {
        article_id: decode(payload)
        for article_id, payload in map_articles(work, articles, workers=settings.build.workers)
    }


def analyses_for(
    store: ArticleStore,
    articles: Sequence[Article],
    settings: Settings,
    taxonomy: Taxonomy,
    *,
    on_progress: Progress | None = None,
) -> dict[str, ArticleAnalysis]:
    """The analysis of each of ``articles``: read from the store, or computed and stored.

    Analyses that are missing or were computed under another :func:`fingerprint`
    are computed again (on every core) and written back.
    """
    key = fingerprint(settings, taxonomy)
    stored = store.analyses([a.id for a in articles], key)
    out = {article_id: decode(payload) for article_id, payload in stored.items()}
    missing = [a for a in articles if a.id not in out]
    for article_id, payload in _analyse_and_store(
        store, missing, settings, taxonomy, key, on_progress, (0, len(missing))
    ):
        # Decoded even when just computed: an analysis used fresh and one read
        # back from the store are then the same, bit for bit.
        out[article_id] = decode(payload)
    return out


def analyse_store(
    store: ArticleStore,
    settings: Settings,
    taxonomy: Taxonomy,
    *,
    everything: bool = False,
    on_progress: Progress | None = None,
) -> int:
    """Analyse the stored articles that have no analysis (with ``everything``, all of them).

    Returns how many were analysed. An article is never half-analysed: each
    analysis is one row, written whole.
    """
    key = fingerprint(settings, taxonomy)
    ids = store.article_ids() if everything else store.unanalysed_ids()
    if store.postgres and not everything:
        return _analyse_claimed(store, settings, taxonomy, key, on_progress, len(ids))
    done = 0
    for start in range(0, len(ids), 1024):  # bounded memory on a large store
        articles = store.articles_by_id(ids[start : start + 1024])
        for _ in _analyse_and_store(
            store, articles, settings, taxonomy, key, on_progress, (done, len(ids))
        ):
            done += 1
    return done


class _Writer:
    """Analyses written :data:`BATCH` to a transaction, each one row, whole; the progress
    (analyses stored, of how many) told after each write."""

    def __init__(
        self,
        store: ArticleStore,
        settings: Settings,
        key: str,
        on_progress: Progress | None,
        done: int = 0,
    ) -> None:
        self._store, self._algorithm, self._key = store, settings.build.algorithm, key
        self._on_progress = on_progress
        self.done = done
        self._batch: list[tuple[str, bytes]] = []

    def add(self, results: Sequence[tuple[str, bytes]], total: int) -> None:
        self._batch.extend(results)
        if len(self._batch) >= BATCH:
            self.flush(total)

    def flush(self, total: int) -> None:
        if not self._batch:
            return
        self._store.save_analyses(self._batch, ANALYSIS_VERSION, self._algorithm, self._key)
        self.done += len(self._batch)
        self._batch = []
        if self._on_progress:
            self._on_progress(self.done, total)


class AnalyseAsStored:
    """Analyses the articles an ingest stores while it goes on reading.

    Given to :func:`briefgen.store.ingest` as ``on_stored``: each committed batch's
    articles are read back from the store (so they are analysed exactly as a later
    build would read them) and queued on the worker processes; finished analyses
    are written as they come, each one row, whole. On two cores the reading and
    the analysis then overlap instead of following one another. Local workers
    only: a Dask cluster and a shared PostgreSQL store analyse after the reading.
    """

    def __init__(
        self,
        store: ArticleStore,
        settings: Settings,
        taxonomy: Taxonomy,
        on_progress: Progress | None = None,
    ) -> None:
        self._store = store
        self._feeder = Feeder(
            partial(_analyse_encoded, settings=settings, taxonomy=taxonomy),
            workers=settings.build.workers,
        )
        self._writer = _Writer(store, settings, fingerprint(settings, taxonomy), on_progress)
        self._queued = 0

    def __enter__(self) -> AnalyseAsStored:
        return self

    def __exit__(self, *exc: object) -> None:
        self._feeder.close()

    def __call__(self, ids: list[str]) -> None:
        articles = self._store.articles_by_id(ids)
        self._queued += len(articles)
        self._writer.add(self._feeder.put(articles), self._queued)

    def finish(self) -> int:
        """Wait for the analyses still running and store them; how many were stored."""
        self._writer.add(self._feeder.finish(), self._queued)
        self._writer.flush(self._queued)
        return self._writer.done


#: Articles an ingester takes at a time from a shared store's unanalysed ones.
CLAIM = 256


def _analyse_claimed(
    store: ArticleStore,
    settings: Settings,
    taxonomy: Taxonomy,
    key: str,
    on_progress: Progress | None,
    total: int,
) -> int:
    """Analyse unanalysed articles of a PostgreSQL store, sharing them with other ingesters."""
    done = 0
    while True:
        with store.transaction():
            articles = store.articles_by_id(store.claim_unanalysed(CLAIM))
            for _ in _analyse_and_store(
                store, articles, settings, taxonomy, key, on_progress, (done, max(total, done))
            ):
                done += 1
        if not articles:
            return done


def _analyse_and_store(
    store: ArticleStore,
    articles: Sequence[Article],
    settings: Settings,
    taxonomy: Taxonomy,
    key: str,
    on_progress: Progress | None,
    count: tuple[int, int],
) -> Iterator[tuple[str, bytes]]:
    """Compute, store and yield (article id, encoded analysis) of each of ``articles``."""
    done, total = count
    writer = _Writer(store, settings, key, on_progress, done)
    for article_id, payload in _imap_analyses(articles, settings, taxonomy):
        writer.add([(article_id, payload)], total)
        yield article_id, payload
    writer.flush(total)


def _imap_analyses(
    articles: Sequence[Article], settings: Settings, taxonomy: Taxonomy
) -> Iterator[tuple[str, bytes]]:
    """(id, encoded analysis) of each article, in order: on the cluster when one is set."""
    if not settings.executor.address:
        work = partial(_analyse_encoded, settings=settings, taxonomy=taxonomy)
        return imap_articles(work, articles, workers=settings.build.workers)
    from briefgen.cluster import imap_on_cluster

    # The workers need the analysis settings, not the mail server's password.
    shared = replace(settings, email=EmailSettings(), path=None)
    work = partial(_analyse_encoded, settings=shared, taxonomy=taxonomy)
    return imap_on_cluster(work, articles, settings.executor.address)


def _analyse_encoded(article: Article, settings: Settings, taxonomy: Taxonomy) -> tuple[str, bytes]:
    """Run in a worker: the article's id and its encoded analysis."""
    return article.id, encode(analyse(article, settings, taxonomy))
