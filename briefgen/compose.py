"""From a day's articles to a :class:`Briefing`: pick, classify, cluster, dedupe, cite, order.

1. Each article is split into sentences and ranked on its own (the configured
   algorithm); its best sentences that read well alone become candidates.
2. Candidates are classified into sections; the rest are counted and left out.
3. Across the day, candidates that tell the same story are clustered: one point
   per story, citing every outlet that carried it.
4. Stories are scored by in-article rank, centrality across the day and the
   number of outlets, then picked greedily with a redundancy check (MMR) so no
   two points say the same thing, in any section.
"""

from __future__ import annotations

import functools
import itertools
import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import TYPE_CHECKING, NamedTuple

import numpy as np
import scipy.sparse as sp

from briefgen.actors import load_gazetteer, rank_actors
from briefgen.analysis import ArticleAnalysis, analyse_all
from briefgen.bounds import whole_text
from briefgen.classify import Taxonomy, classify
from briefgen.config import Settings
from briefgen.ingest.outlets import AGENCY_NAMES, UNKNOWN_OUTLET
from briefgen.ingest.outlets import outlet_key as _outlet_key
from briefgen.models import (
    SECTIONS,
    Article,
    Briefing,
    Classification,
    Point,
    Quote,
    Section,
    Sentence,
    Source,
    SourceCount,
    Stats,
)
from briefgen.names import MODIFIERS, TITLE_NOUNS
from briefgen.nlp import rank
from briefgen.nlp.quality import (
    CALENDAR_WORDS,
    advice_title,
    asks,
    background,
    bare_definite_opening,
    bare_place,
    continues_long_past,
    dates_its_event,
    display_title,
    ends_sentence,
    event_reference,
    generic_statement,
    glued_heading,
    glued_words,
    junk_title,
    long_past,
    media_title,
    names_headline_thing,
    names_nothing,
    needs_context,
    opens_quotation,
    opinion_piece,
    photo_credit,
    points_to_page,
    quotation_after,
    reading_fault,
    reads_alone,
    reads_as_news,
    reference_page,
    refers_back,
    transcript,
)
from briefgen.nlp.routine import routine_report
from briefgen.nlp.summarize import ranked_limit, score_sentences
from briefgen.nlp.tokenize import split_sentences
from briefgen.quotes import named_in_full, rank_quotes
from briefgen.relevance import (
    Reach,
    article_lead,
    classify_story,
    crosses_borders,
    lead,
    load_model,
    with_evidence,
)
from briefgen.sections import LEAD_CHARS as SECTION_LEAD_CHARS
from briefgen.sections import best_section
from briefgen.stories import (
    Support,
    article_sentences,
    cluster_articles,
    figures_differ,
    supporting_articles,
)

if TYPE_CHECKING:
    from briefgen.desks import Desk

#: A candidate's score: its rank inside its own article, its centrality among the other
#: articles' candidates, and how many other articles carry its words and word pairs.
LOCAL_WEIGHT = 0.5
CENTRALITY_WEIGHT = 0.1
SUPPORT_WEIGHT = 0.4
#: Cosine similarity at which two sentences are taken to report the same story.
STORY_THRESHOLD = 0.45
#: Cosine similarity above which a second point would repeat a chosen one.
REDUNDANCY_THRESHOLD = 0.4
#: Cosine of two stories' whole texts above which the second is the same story again.
TOPIC_REDUNDANCY = 0.3
#: The same for two stories told only in brief (every article a feed's summary of a few
#: lines, at most ``BRIEF_TERMS`` terms): two summaries of one event share fewer words
#: than two whole reports of it do.
BRIEF_TOPIC_REDUNDANCY = 0.2
BRIEF_TERMS = 40
#: Two stories told in brief that share less than that are still one event told twice
#: when they share this much and give a name the gazetteer does not know (a region, a
#: town, a group: "Kursk"), not only the countries and leaders many stories name.
BRIEF_NAMED_REDUNDANCY = 0.15
#: Key quotes and key actors shown at most.
QUOTES = 4
ACTORS = 12
#: Each further point from a story already in the briefing weighs this much less.
STORY_REPEAT_DECAY = 0.5
#: Beyond the article's best sentences, how many more per section it may offer.
PER_SECTION_EXTRA = 3
#: Points a story may give on a thin day that has other stories in the sections: more
#: of one article would fill the page the others share (a day of one story, such as
#: the seed, still reads as a briefing).
THIN_STORY_POINTS = 2
#: How sure a further sentence of a story must be of its own section to be a point of
#: its own on a thin day (:attr:`Classification.confidence`, 0–1): a sentence that
#: plainly belongs there ("Ms May and Mr Abe will agree on a joint declaration on
#: security co-operation"), not one a single word files ("… can visit a menu of
#: on-screen dials", Diplomacy by "visit").
THIN_SENTENCE_CONFIDENCE = 0.5
#: How much more an article's first sentence tells its story than its rank in the article
#: says: a report's lead says what happened ("Velmar industry is growing faster than
#: expected …"); its later sentences give details, figures, reactions and background,
#: which the article's own ranking may favour. (A caption or a credit line is never a
#: candidate: see :func:`briefgen.nlp.quality.reads_alone`.)
LEAD_BONUS = 0.65
#: … and when the lead reads as the news (:func:`briefgen.nlp.quality.reads_as_news`:
#: someone said or announced it, it happened today or on a named day): a wire report's
#: lead over another article's scene-setting first line.
NEWS_LEAD_BONUS = 0.75
#: How much less a sentence tells its story when it needs the one before it to be
#: understood ("Indeed, …", "It was the ninth day of protests."): a sentence of the
#: story that stands alone says it by itself.
CONTEXT_PENALTY = 0.5
#: An article of at most this many sentences (a feed item, a teaser) is read under its
#: headline: its first sentence may lean on the headline, shown as its context.
HEADLINE_CONTEXT_SENTENCES = 3
#: How much a candidate from a routine report (a market's session, a bond issue: see
#: :mod:`briefgen.nlp.routine`) weighs against one from the day's news.
ROUTINE_WEIGHT = 0.25
#: How much more a Trade story across borders (exports and imports, tariffs, another
#: country's market, a foreign buyer: :func:`briefgen.relevance.crosses_borders`) weighs
#: than one country's own business news (an insurer's bonus rates, a retailer's sales).
ABROAD_WEIGHT = 1.25


@dataclass(frozen=True)
class Candidate:
    sentence: Sentence
    article: Article
    #: Rank of the sentence inside its own article, scaled to (0, 1].
    local: float
    context: str | None
    classification: Classification
    #: Terms of the candidate's text (context included) and of its sentence alone, when
    #: already known (from the article's analysis).
    terms: tuple[str, ...] | None = None
    sentence_terms: tuple[str, ...] | None = None


def split_article(article: Article) -> list[Sentence]:
    """The article's sentences, verbatim, numbered through the whole body."""
    return list(_sentences(article))


def _sentences(article: Article) -> Iterator[Sentence]:
    """The article's sentences in order, split a paragraph at a time as they are asked for."""
    index = 0
    for p, paragraph in enumerate(article.paragraphs):
        for text in split_sentences(paragraph):
            yield Sentence(text=text, article_id=article.id, index=index, paragraph=p)
            index += 1


def inside_quotation(sentences: Sequence[Sentence]) -> list[bool]:
    """For each of an article's sentences, whether it begins inside a quotation an
    earlier sentence of its paragraph opened: someone's words, shown alone without
    their quotation marks or their speaker, would read as the outlet's own ("As the
    Velmarese see it, the war is …" in the middle of a quoted report).

    A sentence that opens with a quotation mark begins a quotation, whatever came
    before: a quote running on into the next paragraph is not closed where that
    paragraph ends, and the next opens again (a text whose paragraphs were run
    together carries both in one)."""
    out: list[bool] = []
    opened, paragraph = "", -1
    for sentence in sentences:
        if sentence.paragraph != paragraph or opens_quotation(sentence.text):
            opened, paragraph = "", sentence.paragraph
        out.append(bool(opened))
        opened = quotation_after(sentence.text, opened)
    return out


def outlet_key(article: Article) -> str:
    """Who published ``article``: its outlet, or the article itself when the outlet is unknown
    (two unnamed sources are not taken to be one)."""
    return _outlet_key(article.outlet, article.id)


def source_keys(articles: Iterable[Article]) -> dict[str, str]:
    """Who published each of ``articles`` (by id), as one source: its outlet
    (:func:`outlet_key`); an article of no known outlet under the headline of one of
    ``articles`` that has one is that outlet's report, and two of no known outlet under
    one headline are one report (a wire's story filed again as an update, once without
    its sign-off). Two named outlets printing one headline stay two sources.

    Only a point's citations read sources so; the ranking counts every filing
    (:func:`outlet_key`): a wire's story filed again is one the desk kept working on."""
    headlines = {article.id: (article, _headline(article)) for article in articles}
    named: dict[str, str] = {}
    for article, headline in headlines.values():
        if article.outlet != UNKNOWN_OUTLET:
            named.setdefault(headline, article.outlet)
    return {
        key: named.get(headline, f"report:{headline}")
        if article.outlet == UNKNOWN_OUTLET and headline
        else outlet_key(article)
        for key, (article, headline) in headlines.items()
    }


def _headline(article: Article) -> str:
    """``article``'s title as a briefing shows it (a junk title gives way to the page's
    own, :func:`display_title`), in lower case, its words only: two versions of one
    report share it ("Velmar Cuts Rates" and "Velmar cuts rates:"); two pages under one
    paywall label do not."""
    return " ".join(re.findall(r"\w+", display_title(article).lower()))


def source_of(article: Article) -> Source:
    return Source(
        article_id=article.id,
        title=display_title(article),
        outlet=article.outlet,
        url=article.url,
        published=article.published,
        date_only=article.date_only,
    )


class ArticlePick(NamedTuple):
    """What one article offers the day."""

    candidates: list[Candidate]
    #: Sentences in the article.
    sentences: int
    #: Sentences that read well alone but fit none of the sections.
    unclassified: int


def article_candidates(
    article: Article,
    settings: Settings,
    taxonomy: Taxonomy,
    sentences: Sequence[Sentence] | None = None,
) -> ArticlePick:
    """The article's best self-contained sentences, classified, with its counts.

    ``sentences`` are the article's (:func:`split_article`), when already split.
    """
    if sentences is None:
        sentences = split_article(article)
    if not sentences:
        return ArticlePick([], 0, 0)
    if (
        media_title(article.title)
        or advice_title(article.title)
        or transcript(article)
        or reference_page(article)
        or opinion_piece(article)
    ):
        # A gallery's captions, a video's teaser, a how-to's advice, a transcript's
        # unattributed speech, an encyclopedia's background, a column's views.
        return ArticlePick([], len(sentences), 0)
    texts = [s.text for s in sentences]
    scores = score_sentences(texts, settings.build.algorithm, title=article.title)
    # Only the sentences the algorithm ranked are considered: the rest of a very
    # long article is counted, not read (bounded work per article).
    considered = min(len(texts), ranked_limit(settings.build.algorithm))
    order = sorted(range(considered), key=lambda i: -scores[i])
    rank_of = {i: r for r, i in enumerate(order)}
    picked: list[Candidate] = []
    per_section: Counter[str] = Counter()
    unclassified = 0
    quoted = inside_quotation(sentences)
    for i in order:
        candidate = _candidate(sentences, i, article, taxonomy, quoted)
        if candidate is None:
            continue
        label = candidate.classification.label
        unclassified += label == "other"
        # The article's best sentences overall, and also its best few for each
        # section, so that a one-article day still fills every section it touches; and
        # a report's lead that reads as the news, which may tell its story (_telling).
        if (
            len(picked) < settings.build.sentences_per_article
            or (label != "other" and per_section[label] < PER_SECTION_EXTRA)
            or (i == 0 and reads_as_news(candidate.sentence.text))
        ):
            local = 1.0 - rank_of[i] / considered
            picked.append(replace(candidate, local=local))
            per_section[label] += 1
    return ArticlePick(picked, len(sentences), unclassified)


def _earlier_in_paragraph(sentences: Sequence[Sentence], i: int) -> Iterator[str]:
    """The sentences before sentence ``i`` in its paragraph, the nearest first."""
    j = i - 1
    while j >= 0 and sentences[j].paragraph == sentences[i].paragraph:
        yield sentences[j].text
        j -= 1


def _cut_short(sentences: Sequence[Sentence], i: int) -> bool:
    """Whether sentence ``i`` is the text's last and ends in an ellipsis: where a feed's
    description or a teaser was cut ("… as Defense Secretary Donald H..."), mid-sentence
    as often as not."""
    return i == len(sentences) - 1 and sentences[i].text.rstrip().endswith(("...", "…"))


def _unshowable(
    sentences: Sequence[Sentence], i: int, article: Article, quoted: Sequence[bool]
) -> bool:
    """Whether sentence ``i`` cannot be shown in a briefing, as a point or as the
    context before one (:func:`_unshowable_reason`)."""
    return _unshowable_reason(sentences, i, article, quoted) is not None


#: What :func:`_unshowable_reason` finds in a line that is no sentence of prose at all:
#: a page's furniture or layout, a caption, a live blog's time stamp, a table, a heading
#: or a line in capitals, words run together. (A quotation's fragment, a line in the
#: first person or a question is still text a reader can follow in its article's order.)
DEBRIS = frozenset(
    {
        "no full stop",
        "furniture",
        "layout",
        "caption",
        "time stamp",
        "capitals",
        "headline",
        "run together or lost capitals",
        "table",
        "speaker label",
        "cut short",
        "points to the page",
    }
)


def debris(article: Article, sentences: Sequence[Sentence]) -> list[bool]:
    """Whether each of ``sentences`` (``article``'s, from :func:`split_article`) is page
    debris (:data:`DEBRIS`, a photograph's credit, or a line too short or too long to
    read that does not end as a sentence), which ``briefgen summarize`` does not print."""
    quoted = inside_quotation(sentences)
    reasons = [_unshowable_reason(sentences, i, article, quoted) for i in range(len(sentences))]
    return [
        reason in DEBRIS
        or photo_credit(s.text)
        or (reason == "length" and not ends_sentence(s.text))
        for reason, s in zip(reasons, sentences, strict=True)
    ]


def _before_credit(sentences: Sequence[Sentence], i: int) -> bool:
    """Whether sentence ``i`` is a photograph's caption: the line just before its credit
    (:func:`~briefgen.nlp.quality.photo_credit`), or the one before that when the two
    open the credit's paragraph ("Velmar medics examine a child. They visited the school
    on Dec. 18. Army photo by Ann Berg.")."""
    after = sentences[i + 1 : i + 3]
    if after and photo_credit(after[0].text):
        return True
    paragraph = sentences[i].paragraph
    return (
        len(after) == 2
        and after[1].paragraph == paragraph
        and (i == 0 or sentences[i - 1].paragraph != paragraph)
        and photo_credit(after[1].text)
    )


def _unshowable_reason(
    sentences: Sequence[Sentence], i: int, article: Article, quoted: Sequence[bool]
) -> str | None:
    """Why sentence ``i`` cannot be shown in a briefing, as a point or as the context
    before one (None when it can): a quotation's inside, a cut teaser, a line that does
    not read alone (:func:`~briefgen.nlp.quality.reading_fault`), a photograph's caption
    (:func:`_before_credit`), words or a heading run together, a line pointing at
    the page ("The current announcements are listed below."), a question."""
    text = sentences[i].text
    if quoted[i]:
        return "inside a quotation"
    if _before_credit(sentences, i):
        return "caption"
    if _cut_short(sentences, i):
        return "cut short"
    fault = reading_fault(text)
    if fault is not None:
        return fault
    if glued_words(text, article):
        return "run together or lost capitals"
    if glued_heading(text):
        return "headline"
    if points_to_page(text):
        return "points to the page"
    if asks(text):
        return "question or note"
    return None


def unfit_reason(
    sentences: Sequence[Sentence], i: int, article: Article, quoted: Sequence[bool]
) -> str | None:
    """Why sentence ``i`` cannot be a point (None when it can): it cannot be shown
    (:func:`_unshowable_reason`), or it is no news: a generic statement, a story of long
    ago (either may still be the context that a point leans on)."""
    reason = _unshowable_reason(sentences, i, article, quoted)
    if reason is not None:
        return reason
    text = sentences[i].text
    year = article.published.year
    if generic_statement(text):
        return "generic statement"
    earlier = _earlier_in_paragraph(sentences, i)
    if long_past(text, year) or continues_long_past(earlier, text, year):
        return "long past"
    return None


def _unfit(sentences: Sequence[Sentence], i: int, article: Article, quoted: Sequence[bool]) -> bool:
    """Whether sentence ``i`` cannot be a point (:func:`unfit_reason`)."""
    return unfit_reason(sentences, i, article, quoted) is not None


def point_fault(
    sentences: Sequence[Sentence],
    i: int,
    article: Article,
    quoted: Sequence[bool] | None = None,
) -> str | None:
    """Why sentence ``i`` of ``article`` can be no point (None when it can): the check
    it fails (:func:`unfit_reason`), or "leans on what came before" when it needs a
    sentence before it that cannot be shown with it (:func:`_context`)."""
    if quoted is None:
        quoted = inside_quotation(sentences)
    reason = unfit_reason(sentences, i, article, quoted)
    if reason is not None:
        return reason
    if not _context(sentences, i, article, quoted)[0]:
        return "leans on what came before"
    return None


def _candidate(
    sentences: Sequence[Sentence],
    i: int,
    article: Article,
    taxonomy: Taxonomy,
    quoted: Sequence[bool] | None = None,
) -> Candidate | None:
    """Sentence ``i`` as a candidate point, or None when it cannot stand in a briefing
    (``quoted``: which sentences lie inside a quotation, :func:`inside_quotation`, when
    already known)."""
    if quoted is None:
        quoted = inside_quotation(sentences)
    if _unfit(sentences, i, article, quoted):
        return None
    shown, context = _context(sentences, i, article, quoted)
    if not shown:
        return None
    sentence = sentences[i]
    text = f"{context} {sentence.text}" if context else sentence.text
    label = classify(text, taxonomy, context=article.title)
    return Candidate(sentence, article, 0.0, context, label)


def _context(
    sentences: Sequence[Sentence], i: int, article: Article, quoted: Sequence[bool]
) -> tuple[bool, str | None]:
    """Whether sentence ``i`` can be shown, and the context shown before it: the
    sentence just before, or the headline, when it leans on what came before; (False,
    None) when it leans and neither can carry it."""
    sentence = sentences[i]
    context = None
    before = sentences[i - 1] if i > 0 else None
    # A feed item's or a teaser's few lines are written to be read under their headline,
    # which then carries the first of them.
    under_headline = before is None and len(sentences) <= HEADLINE_CONTEXT_SENTENCES
    # A sentence that names no one and nothing needs a sentence before it that does.
    unnamed = names_nothing(sentence.text, article.text)
    if (
        unnamed
        or needs_context(sentence.text)
        or (
            before is not None
            and (refers_back(sentence.text, before.text) or event_reference(sentence.text))
        )
    ):
        # Only the sentence just before, in the same paragraph and itself
        # self-contained, or such a headline can carry the context: never rewrite the
        # source.
        if under_headline:
            context = _headline_context(article, sentence.text)
        elif (
            before is not None
            and before.paragraph == sentence.paragraph
            and not needs_context(before.text)
            and not _unshowable(sentences, i - 1, article, quoted)
            and not (unnamed and names_nothing(before.text, article.text))
        ):
            context = before.text
        return context is not None, context
    if under_headline and (
        event_reference(sentence.text)
        or bare_definite_opening(sentence.text)
        or names_headline_thing(sentence.text, article.title)
        or bare_place(sentence.text)
    ):
        # A first line on "the meeting", "the measure", "the drone" its headline names or
        # "the area" reads under that headline when it can carry it (a report's lead has its
        # headline in the citation; so does this line when it cannot).
        context = _headline_context(article, sentence.text)
    return True, context


def _headline_context(article: Article, first: str) -> str | None:
    """The headline an article's first sentence leans on ("The two leaders agreed to
    resume talks …" under "Despite truce, Velmar warns Nordvik …"), when it can carry
    it: a headline of the article's own that names someone or something and leans on
    nothing itself; not page furniture, a gallery's title, a question, nor the text's
    own opening cut short."""
    if junk_title(article.title):
        return None
    title = display_title(article).strip()
    if (
        len(title.split()) < 4
        or asks(title)
        or title.endswith(("…", "..."))
        or media_title(title)
        or needs_context(title)
        or names_nothing(title, article.text)
        or first.startswith(title.rstrip(".:"))
    ):
        return None
    return title


def compose(
    articles: Sequence[Article],
    settings: Settings,
    day: date,
    *,
    taxonomy: Taxonomy,
    generated_at: datetime,
    edition: int = 1,
    previous_points: Sequence[str] = (),
    skipped_inputs: int = 0,
    analyses: Mapping[str, ArticleAnalysis] | None = None,
    desk: Desk | None = None,
    day_decisions: DayDecisions | None = None,
) -> Briefing:
    """The briefing for ``day`` from its articles.

    ``analyses`` are the articles' own analyses, by article id, as the store
    keeps them (see :mod:`briefgen.analysis`); without them they are computed here.
    With a ``desk``, only the articles its filters let in count, in its sections.
    ``day_decisions`` are the day's stories and their sections (:func:`decide_day`),
    when already known: every desk of a day shares them.
    """
    if analyses is None:
        analyses = analyse_all(articles, settings, taxonomy)
    if day_decisions is None:
        day_decisions = decide_day(articles, taxonomy, analyses, workers=settings.build.workers)
    story_of, decisions = day_decisions
    sections: Sequence[tuple[str, str]] = SECTIONS
    if desk is not None:
        articles = [a for a in articles if desk.keeps(a)]
        decisions = desk_decisions(decisions, {a.id for a in articles}, desk)
        sections = desk.sections
    candidates: list[Candidate] = []
    n_sentences = unclassified = 0
    for article in articles:
        analysis = analyses[article.id]
        candidates.extend(stored_candidates(article, analysis))
        n_sentences += analysis.sentence_count
        unclassified += analysis.unclassified
    points = _points(
        candidates,
        settings,
        previous_points,
        story_of,
        decisions,
        sections,
        analyses=analyses,
        taxonomy=taxonomy,
    )
    keys = {key for key, _ in sections}
    left_out = [d for d in decisions.values() if d.classification.label not in keys]
    briefing_sections = tuple(
        Section(key, title, tuple(p for p in points if p.section == key)) for key, title in sections
    )
    top_lines = key_points(points, settings.build.key_points, [key for key, _ in sections])
    cited = _cited_articles(articles, points)
    return Briefing(
        date=day,
        generated_at=generated_at,
        title=settings.build.title,
        sections=briefing_sections,
        key_points=top_lines,
        sources=_source_counts(points),
        stats=Stats(
            articles=len(articles),
            sentences=n_sentences,
            candidates=len(candidates),
            unclassified=unclassified,
            points=len(points),
            outlets=len({a.outlet for a in articles} - {UNKNOWN_OUTLET}),
            skipped_inputs=skipped_inputs,
            stories=len(decisions),
            stories_left_out=len(left_out),
            articles_left_out=sum(len(d.articles) for d in left_out),
            unnamed_sources=sum(a.outlet == UNKNOWN_OUTLET for a in articles),
        ),
        edition=edition,
        quotes=tuple(rank_quotes(_stored_quotes(cited, analyses), QUOTES)),
        actors=tuple(rank_actors([analyses[a.id].actors for a in cited], limit=ACTORS, on=day)),
    )


def stored_candidates(article: Article, analysis: ArticleAnalysis) -> list[Candidate]:
    """The article's candidates as its analysis recorded them."""
    return [
        Candidate(
            sentence=analysis.sentence(c.index),
            article=article,
            local=c.local,
            context=c.context,
            classification=c.classification,
            terms=c.terms,
            sentence_terms=c.terms if c.sentence_terms is None else c.sentence_terms,
        )
        for c in analysis.candidates
    ]


def _stored_quotes(
    articles: Sequence[Article], analyses: Mapping[str, ArticleAnalysis]
) -> list[Quote]:
    quotes: list[Quote] = []
    for a in articles:
        found = analyses[a.id].quotes
        if found:  # the source is worked out only for an article that has quotes
            source = source_of(a)
            quotes.extend(Quote(text=t, speaker=s, role=r, source=source) for t, s, r in found)
    return quotes


def _cited_articles(articles: Sequence[Article], points: Sequence[Point]) -> list[Article]:
    """The articles the briefing cites, in the order of its points."""
    by_id = {a.id: a for a in articles}
    ids = dict.fromkeys(s.article_id for p in points for s in p.sources)
    return [by_id[i] for i in ids if i in by_id]


@dataclass(frozen=True)
class Stories:
    """The day's candidates grouped into stories, each with a representative and a score."""

    candidates: Sequence[Candidate]
    matrix: sp.csr_matrix
    #: Representative candidate of each story, in no particular order.
    reps: list[int]
    #: Score of each story, indexed by its representative.
    score: np.ndarray
    #: Members of each story, indexed by its representative.
    members: dict[int, list[int]]
    #: Each candidate's own score (rank in article, centrality, cross-document support).
    base: np.ndarray


def day_stories(
    candidates: Sequence[Candidate],
    *,
    sections_only: bool = True,
    article_terms: Mapping[str, Sequence[str]] | None = None,
    grouped: bool = True,
) -> Stories:
    """Cluster candidates into stories and score them across the whole day.

    A candidate's score mixes its rank inside its own article (half), its
    centrality among the other articles' candidates (a quarter) and how many
    other articles carry its words and word pairs (a quarter); a story's score
    is its best candidate's, raised by the number of outlets carrying it.
    ``article_terms`` are the articles' terms by id, when already known. Without
    ``grouped`` only the candidates' own scores and vectors are computed (a briefing
    takes its stories from the articles' clustering, not from its sentences').
    """
    texts = [f"{c.context} {c.sentence.text}" if c.context else c.sentence.text for c in candidates]
    sentence_terms = [
        rank.terms(t) if c.terms is None else c.terms
        for t, c in zip(texts, candidates, strict=True)
    ]
    matrix = rank.tfidf(sentence_terms)
    articles = list({c.article.id: c.article for c in candidates}.values())
    article_ids = {a.id: n for n, a in enumerate(articles)}
    groups = np.array([article_ids[c.article.id] for c in candidates], dtype=np.int64)
    support = rank.cross_support(
        [rank.concepts(t) for t in sentence_terms],
        [
            rank.concepts(
                rank.terms(whole_text(a)) if article_terms is None else article_terms[a.id]
            )
            for a in articles
        ],
        groups,
    )
    local = np.array([c.local for c in candidates])
    base = (
        LOCAL_WEIGHT * local
        + CENTRALITY_WEIGHT * rank.to_unit(rank.centrality(matrix, groups))
        + SUPPORT_WEIGHT * rank.to_unit(support)
    )
    if not grouped:
        return Stories(candidates, matrix, [], np.zeros(len(candidates)), {}, base)
    labels = rank.clusters(matrix, STORY_THRESHOLD)

    by_label: dict[int, list[int]] = {}
    for i, label in enumerate(labels):
        by_label.setdefault(int(label), []).append(i)
    reps: list[int] = []
    members: dict[int, list[int]] = {}
    score = np.zeros(len(candidates))
    for group in by_label.values():
        eligible = [
            i for i in group if not sections_only or candidates[i].classification.label != "other"
        ]
        if not eligible:
            continue
        rep = max(eligible, key=lambda i: (base[i], -len(texts[i])))
        outlets = {outlet_key(candidates[i].article) for i in group}
        score[rep] = base[rep] * (1.0 + 0.35 * math.log2(len(outlets)))
        reps.append(rep)
        members[rep] = group
    return Stories(candidates, matrix, reps, score, members, base)


def rank_stories(
    articles: Sequence[Article],
    settings: Settings,
    taxonomy: Taxonomy,
    limit: int,
    *,
    sections_only: bool = True,
) -> list[Point]:
    """The day's best ``limit`` stories as points, best first, without redundancy.

    With ``sections_only=False`` stories that fit no section count too (used
    to measure the multi-document ranking on its own).
    """
    candidates = [c for a in articles for c in article_candidates(a, settings, taxonomy)[0]]
    if not candidates:
        return []
    stories = day_stories(candidates, sections_only=sections_only)
    chosen = rank.mmr_select(
        stories.matrix,
        stories.score,
        limit,
        redundancy=REDUNDANCY_THRESHOLD,
        candidates=stories.reps,
    )
    return [_point(stories, rep, ()) for rep in chosen]


class DayDecisions(NamedTuple):
    """The day's stories: each article's story, and each story's section."""

    story_of: dict[str, int]
    decisions: dict[int, StoryDecision]


def decide_day(
    articles: Sequence[Article],
    taxonomy: Taxonomy,
    analyses: Mapping[str, ArticleAnalysis],
    *,
    workers: int = 1,
) -> DayDecisions:
    """Group the day's articles into stories and decide each story's section (the
    grouping's heavy part on ``workers`` processes on a big day; same result)."""
    story_of = cluster_articles(
        articles,
        terms=[analyses[a.id].terms for a in articles],
        sentences=[analyses[a.id].first_sentences for a in articles],
        sentence_terms=[analyses[a.id].sentence_terms for a in articles],
        workers=workers,
    )
    decisions = decide_stories(
        articles,
        story_of,
        taxonomy,
        {a.id: analyses[a.id].probabilities for a in articles},
        {a.id: analyses[a.id].evidence for a in articles},
        {a.id: analyses[a.id].reach for a in articles},
    )
    return DayDecisions(story_of, decisions)


def desk_decisions(
    decisions: Mapping[int, StoryDecision], kept: set[str], desk: Desk
) -> dict[int, StoryDecision]:
    """The day's stories as ``desk`` sees them: only its articles (ids ``kept``), its sections.

    A story a custom section of the desk accepts (from the headlines and leads of the
    desk's articles of it) is filed there; else it keeps its built-in section, which
    leaves it out when the desk does not have that section.
    """
    out: dict[int, StoryDecision] = {}
    for label, decision in decisions.items():
        members = tuple(a for a in decision.articles if a.id in kept)
        if not members:
            continue
        classification = decision.classification
        if desk.custom:
            leads = [lead(a.title, a.text, SECTION_LEAD_CHARS) for a in members]
            found = best_section(leads, desk.custom)
            if found is not None:
                section, match = found
                classification = Classification(
                    label=section.key,
                    scores={**classification.scores, section.key: match.score},
                    matched={section.key: match.explain()},
                    confidence=min(match.score, 1.0),
                )
        out[label] = StoryDecision(label, members, classification)
    return out


@dataclass(frozen=True)
class StoryDecision:
    """A story of the day: its articles and the section it belongs in (or "other")."""

    label: int
    articles: tuple[Article, ...]
    classification: Classification


def decide_stories(
    articles: Sequence[Article],
    story_of: dict[str, int],
    taxonomy: Taxonomy,
    probabilities: Mapping[str, Sequence[float]] | None = None,
    evidence: Mapping[str, Mapping[str, tuple[str, ...]]] | None = None,
    reaches: Mapping[str, Reach] | None = None,
) -> dict[int, StoryDecision]:
    """The section of every story, decided from all its articles' headlines and leads.

    ``probabilities`` (the section model's for each article's lead), ``evidence`` (the
    model's explanation of each lead, per class) and ``reaches`` (what each lead tells
    of the world beyond one state) are by article id, when already known from the
    articles' analyses.
    """
    model = load_model()
    by_story: dict[int, list[Article]] = {}
    for a in articles:
        by_story.setdefault(story_of[a.id], []).append(a)
    decisions = {}
    for label, members in by_story.items():
        leads = [article_lead(a) for a in members]
        rows = None if probabilities is None else [probabilities[a.id] for a in members]
        known = None if evidence is None or len(members) > 1 else evidence[members[0].id]
        read = None if reaches is None else [reaches[a.id] for a in members]
        decisions[label] = StoryDecision(
            label,
            tuple(members),
            # Explained only if it makes a point (compose): most stories never do.
            classify_story(
                leads,
                taxonomy,
                model,
                probabilities=rows,
                evidence=known,
                explain=False,
                reaches=read,
            ),
        )
    return decisions


def _points(
    candidates: Sequence[Candidate],
    settings: Settings,
    previous: Sequence[str],
    story_of: dict[str, int],
    decisions: dict[int, StoryDecision],
    sections: Sequence[tuple[str, str]] = SECTIONS,
    *,
    analyses: Mapping[str, ArticleAnalysis] | None = None,
    taxonomy: Taxonomy,
) -> list[Point]:
    """One point per story that belongs in a section, best stories first.

    A story's point is its best sentence, filed in the story's section; of feed
    summaries of one event that the grouping kept apart, one that reports the event on
    its day tells it rather than a view of it (``told_by_news``). Only on a
    thin day (fewer stories in the sections than there are sections) may a story
    give more: its best sentences for each section they plainly belong to, each
    further one weighing less, so that a one-article day still reads as a briefing;
    at most :data:`THIN_STORY_POINTS` when other stories share the day.
    """
    if not candidates:
        return []
    article_terms = None if analyses is None else {k: v.terms for k, v in analyses.items()}
    stories = day_stories(
        candidates, sections_only=False, article_terms=article_terms, grouped=False
    )
    story = [story_of[c.article.id] for c in candidates]
    keys = {key for key, _ in sections}
    relevant = {k for k, d in decisions.items() if d.classification.label in keys}
    topics = _story_topics(decisions, article_terms)
    brief = _brief_stories(decisions, relevant, article_terms)

    @functools.cache
    def names(k: int) -> frozenset[str]:
        return _story_names(decisions[k])

    routine = _routine_articles((a for k in relevant for a in decisions[k].articles), analyses)
    outlets = _corroboration(decisions, topics, relevant, routine)
    thin = len(relevant) < len(sections)
    abroad = _trade_across_borders(decisions, relevant, analyses)

    def weight(i: int) -> float:
        # A story several outlets carry, and one its section plainly wants, rises:
        # it must not lose to a single article's aside, nor to the day's routine
        # reports, which share their words with each other as one story's reports do.
        # Trade is what crosses borders first; one country's business news after.
        sure = decisions[story[i]].classification.confidence
        spread = 1.0 + 0.35 * math.log2(max(outlets[story[i]], 1))
        usual = ROUTINE_WEIGHT if candidates[i].article.id in routine else 1.0
        across = ABROAD_WEIGHT if story[i] in abroad else 1.0
        return float(stories.base[i]) * spread * (0.5 + sure) * usual * across

    def decayed(i: int) -> float:
        # Each further point of a story weighs less (thin days only). The story's own
        # point counts first, even when its section comes later in the page: a
        # sentence of a Trade story that one word files under Security never outranks
        # the point that tells the story, nor takes its weight.
        return weight(i) * STORY_REPEAT_DECAY ** max(used[story[i]], 1)

    pools: dict[str, list[tuple[int, str]]] = {key: [] for key, _ in sections}
    best_of: dict[int, int] = {}
    # A story's standing is its best candidate's weight. The sentence that tells it
    # is chosen inside the story: high in its own article's ranking and, when other
    # articles carry the story, close to what they say; not whichever sentence the
    # day's common words favour (a line on stock levels over the lead on output).
    strongest: dict[int, float] = {}
    members: dict[int, list[int]] = {}
    for i in range(len(candidates)):
        if story[i] in relevant:
            strongest[story[i]] = max(strongest.get(story[i], 0.0), weight(i))
            members.setdefault(story[i], []).append(i)

    def teller(group: list[int]) -> int:
        telling = _telling(stories.matrix, candidates, group)
        # A story some of whose articles are news is told by one of those, and by its
        # news rather than by what happened before it.
        return group[
            max(
                range(len(group)),
                key=lambda n: (
                    candidates[group[n]].article.id not in routine,
                    not background(candidates[group[n]].sentence.text),
                    telling[n],
                    weight(group[n]),
                ),
            )
        ]

    for k, group in members.items():
        best_of[k] = teller(group)
    for k, i in best_of.items():
        pools[decisions[k].classification.label].append((i, "story"))
    if thin:
        # More of an article, not more of a market's session or a notice.
        for i, c in enumerate(candidates):
            if (
                story[i] in relevant
                and i != best_of[story[i]]
                and c.classification.label in keys
                and c.classification.confidence >= THIN_SENTENCE_CONFIDENCE
                and c.article.id not in routine
            ):
                pools[c.classification.label].append((i, "sentence"))

    told: list[int] = []
    used: Counter[int] = Counter()
    chosen: list[int] = []
    section_of: dict[int, str] = {}
    effective: dict[int, float] = {}
    # For a point told_by_news chose: the story it stands for and that story's angles,
    # whose articles may carry its fact ("also reported by").
    topic_of: dict[int, tuple[int, ...]] = {}

    def told_by_news(i: int, pool: list[tuple[int, str]]) -> int:
        # A feed's summary of an event that is no news itself (a correspondent's reading
        # of it, an explainer's portrait: no one said it, no day it happened), where
        # other summaries of the same event wait in the pool (see _same_topic), gives
        # way to one of them that reports the event on its day: the event, not a view of
        # it, nor only what someone says of it; none of them is told after it. Only
        # summaries: the words whole reports share tell a beat (two companies' car
        # sales) as often as an event.
        if story[i] not in brief:
            return i
        angles = [
            story[e[0]]
            for e in pool
            if e[1] == "story"
            and story[e[0]] != story[i]
            and story[e[0]] in brief
            and _same_topic(topics, [story[i]], story[e[0]], brief, names)
        ]
        news = [
            j
            for k in (story[i], *angles)
            for j in members[k]
            if dates_its_event(candidates[j].sentence.text)
            # Two loans of different sums are two events of one beat, not one event.
            and not figures_differ(candidates[i].sentence.text, candidates[j].sentence.text)
        ]
        if not angles or not news:
            return i
        j = teller(news)
        if j in section_of or (chosen and _similarity(stories, chosen, j) >= REDUNDANCY_THRESHOLD):
            return i
        topic_of[j] = (story[i], *angles)
        return j

    def standing(entry: tuple[int, str]) -> float:
        i, kind = entry
        if kind == "story":  # the story's best weight, whichever sentence tells it
            return strongest[story[i]]
        return decayed(i)

    for key, _title in sections:
        pool = list(pools[key])
        picked = 0
        while pool and picked < settings.build.max_points:
            best = max(pool, key=standing)
            pool.remove(best)
            i = best[0]
            if i in section_of:
                continue
            if chosen and _similarity(stories, chosen, i) >= REDUNDANCY_THRESHOLD:
                continue  # repeats a point already chosen, in this or another section
            if best[1] == "story" and _same_topic(topics, told, story[i], brief, names):
                continue  # another angle on a story already told
            if best[1] == "sentence" and len(relevant) > 1 and used[story[i]] >= THIN_STORY_POINTS:
                continue  # one story may not fill a page other stories share
            if best[1] == "story":
                if not reads_as_news(candidates[i].sentence.text):
                    i = told_by_news(i, pool)
                told.append(story[best[0]])
                if story[i] != story[best[0]]:
                    told.append(story[i])
            effective[i] = standing(best)
            used[story[i]] += 1
            chosen.append(i)
            section_of[i] = key
            picked += 1
    previous_terms = [frozenset(rank.terms(t)) for t in previous] if previous else []
    points = []
    for i in chosen:
        c = candidates[i]
        decision = decisions[story[i]]
        others = [
            a
            for k in topic_of.get(i, (story[i],))
            for a in decisions[k].articles
            if a.id != c.article.id
        ]
        point = _point(
            stories,
            i,
            previous_terms,
            score=effective[i],
            coverage=supporting_articles(
                _point_text(c),
                others,
                terms=c.terms,
                sentences=None
                if analyses is None
                else [analyses[a.id].first_sentences for a in others],
                sentence_terms=None
                if analyses is None
                else [analyses[a.id].sentence_terms for a in others],
            ),
            section=section_of[i],
            classification=_explained(decision, taxonomy)
            if section_of[i] == decision.classification.label
            else c.classification,
        )
        points.append(point)
    points.sort(key=lambda p: (-p.score, p.source.outlet))
    return points


def _story_topics(
    decisions: dict[int, StoryDecision], article_terms: Mapping[str, Sequence[str]] | None = None
) -> dict[int, sp.csr_matrix]:
    """Each story's centroid over its articles' whole texts (unit length)."""
    labels = list(decisions)
    texts = [
        [
            t
            for a in decisions[k].articles
            for t in (rank.terms(whole_text(a)) if article_terms is None else article_terms[a.id])
        ]
        for k in labels
    ]
    matrix = rank.tfidf(texts)
    return {k: matrix[n] for n, k in enumerate(labels)}


def _brief_stories(
    decisions: dict[int, StoryDecision],
    keys: Iterable[int],
    article_terms: Mapping[str, Sequence[str]] | None = None,
) -> frozenset[int]:
    """The stories among ``keys`` told only in brief: every article at most
    ``BRIEF_TERMS`` terms long (a feed's summary of a few lines)."""

    def size(a: Article) -> int:
        return len(rank.terms(whole_text(a)) if article_terms is None else article_terms[a.id])

    return frozenset(k for k in keys if all(size(a) <= BRIEF_TERMS for a in decisions[k].articles))


#: A capitalised word after a lower-case word or a comma, semicolon or colon: a name,
#: not a sentence's first word.
_NAME = re.compile(r"(?<=[a-z,;:] )[A-Z][a-z]{2,}\b")
#: Capitalised words that name no one in particular: titles, offices, days and months
#: (in lower case).
_NOT_NAMES = TITLE_NOUNS | MODIFIERS | CALENDAR_WORDS


def _story_names(decision: StoryDecision) -> frozenset[str]:
    """The names a story gives that the gazetteer does not know (not days or months, not
    titles or offices such as "President" or "Foreign", not a news agency or the story's
    own outlets): what two short reports of one event share when their words differ."""
    gazetteer = load_gazetteer()
    names: set[str] = set()
    for a in decision.articles:
        text = whole_text(a)
        known = [(start, end) for start, end, _name, _kind in gazetteer.scan(text)]
        names.update(
            m.group()
            for m in _NAME.finditer(text)
            if m.group().lower() not in _NOT_NAMES
            and not any(start <= m.start() < end for start, end in known)
        )
    credits = {w for a in decision.articles for w in a.outlet.split()} | AGENCY_NAMES
    return frozenset(names - credits)


def _trade_across_borders(
    decisions: dict[int, StoryDecision],
    keys: Iterable[int],
    analyses: Mapping[str, ArticleAnalysis] | None,
) -> set[int]:
    """The Trade stories among ``keys`` whose headlines and leads tell of trade across
    borders (:func:`briefgen.relevance.crosses_borders`; as the articles' analyses read
    the leads, when there are any)."""
    out = set()
    for k in keys:
        articles = decisions[k].articles
        if decisions[k].classification.label != "trade":
            continue
        if analyses is None:
            across = crosses_borders([article_lead(a) for a in articles])
        else:
            across = crosses_borders((), [analyses[a.id].reach for a in articles])
        if across:
            out.add(k)
    return out


def _routine_articles(
    articles: Iterable[Article], analyses: Mapping[str, ArticleAnalysis] | None
) -> set[str]:
    """The ids of the ``articles`` that are routine reports."""
    out: set[str] = set()
    for article in articles:
        analysis = None if analyses is None else analyses.get(article.id)
        if analysis is not None:
            kind = analysis.routine  # read at ingest
        else:
            first = article_sentences(article, 1)
            kind = routine_report(article.title, first[0] if first else "")
        if kind:
            out.add(article.id)
    return out


#: How many times a story's outlets another story on its topic must have for this one to
#: be an angle on it rather than another report of the same event.
ANGLE_RATIO = 3


def _corroboration(
    decisions: dict[int, StoryDecision],
    topics: dict[int, sp.csr_matrix],
    relevant: set[int],
    routine: set[str],
) -> dict[int, int]:
    """Outlets carrying each story, counting those of stories on the same topic.

    The clustering keeps stories apart unless their articles share a sentence, so two
    outlets that tell one event in their own words may be two stories; for ranking,
    the other still vouches for it (it is never shown twice: see ``_same_topic``).
    Routine reports (ids in ``routine``) vouch for nothing: a market's many session
    reports are one desk's routine, not outlets carrying an event.
    """

    def vouching(articles: Sequence[Article]) -> set[str]:
        return {outlet_key(a) for a in articles if a.id not in routine}

    own = {k: max(len(vouching(d.articles)), 1) for k, d in decisions.items()}
    counts = dict(own)
    keys = sorted(relevant)
    if len(keys) < 2:
        return counts
    matrix = sp.vstack([topics[k] for k in keys]).tocsr()
    close = rank.similar_pairs(matrix, TOPIC_REDUNDANCY).tolil()
    for n, k in enumerate(keys):
        # A story carried by several times as many outlets does not vouch for this one:
        # this is an angle on it (one outlet's reaction to an event many report), and
        # must not borrow its outlets to be told in its place.
        neighbours = [
            k,
            *(keys[m] for m in close.rows[n] if own[keys[m]] < ANGLE_RATIO * own[k]),
        ]
        counts[k] = max(len(vouching([a for m in neighbours for a in decisions[m].articles])), 1)
    return counts


def _same_topic(
    topics: dict[int, sp.csr_matrix],
    told: Sequence[int],
    k: int,
    brief: frozenset[int] = frozenset(),
    names: Callable[[int], frozenset[str]] | None = None,
) -> bool:
    """True when story ``k`` reads as one already told (split by the clustering); two
    stories both told in brief (``brief``) by the lower ``BRIEF_TOPIC_REDUNDANCY``, or by
    ``BRIEF_NAMED_REDUNDANCY`` when both give one of the ``names`` of a story (read only
    for such pairs)."""
    if not told:
        return False
    sims = (sp.vstack([topics[t] for t in told]) @ topics[k].T).toarray().ravel()

    def same(t: int, sim: float) -> bool:
        if k not in brief or t not in brief:
            return sim >= TOPIC_REDUNDANCY
        if sim >= BRIEF_TOPIC_REDUNDANCY:
            return True
        return (
            sim >= BRIEF_NAMED_REDUNDANCY
            and names is not None
            and not names(k).isdisjoint(names(t))
        )

    return any(same(t, sim) for t, sim in zip(told, sims.tolist(), strict=True))


def _point_text(c: Candidate) -> str:
    return f"{c.context} {c.sentence.text}" if c.context else c.sentence.text


def _explained(decision: StoryDecision, taxonomy: Taxonomy) -> Classification:
    """The story's classification with the model's evidence, added now if it was left
    out when the day was decided."""
    found = decision.classification
    if found.matched or found.label not in load_model().classes:
        return found
    leads = [article_lead(a) for a in decision.articles]
    return with_evidence(found, leads, taxonomy)


def _telling(
    matrix: sp.csr_matrix, candidates: Sequence[Candidate], group: list[int]
) -> list[float]:
    """How well each of a story's candidates tells it: its rank inside its article (an
    article's first sentence raised by :data:`LEAD_BONUS`, or :data:`NEWS_LEAD_BONUS`;
    one that needs the sentence before it lowered by :data:`CONTEXT_PENALTY`),
    plus its mean closeness to the story's other articles (each article's closest
    candidate)."""
    local = [
        candidates[i].local
        + _lead_bonus(candidates[i].sentence)
        - (CONTEXT_PENALTY if candidates[i].context else 0.0)
        for i in group
    ]
    articles = sorted({candidates[i].article.id for i in group})
    if len(articles) < 2:
        return local
    number = {a: k for k, a in enumerate(articles)}
    owner = np.array([number[candidates[i].article.id] for i in group])
    # Candidates in article order: each article's columns are one run.
    order = np.argsort(owner, kind="stable")
    rows = matrix[np.asarray(group)[order]]
    sims = (rows @ rows.T).toarray()
    closest = np.maximum.reduceat(
        sims, np.searchsorted(owner[order], np.arange(len(articles))), axis=1
    )
    closest[np.arange(len(group)), owner[order]] = 0.0  # not its own article
    agree = np.empty(len(group))
    agree[order] = closest.sum(axis=1) / (len(articles) - 1)
    return [x + float(y) for x, y in zip(local, agree, strict=True)]


def _lead_bonus(sentence: Sentence) -> float:
    """:data:`NEWS_LEAD_BONUS` for an article's first sentence that reads as the news,
    :data:`LEAD_BONUS` for another first sentence, else 0."""
    if sentence.index != 0:
        return 0.0
    return NEWS_LEAD_BONUS if reads_as_news(sentence.text) else LEAD_BONUS


def _similarity(stories: Stories, chosen: Sequence[int], i: int) -> float:
    sims = (stories.matrix[list(chosen)] @ stories.matrix[i].T).toarray()
    return float(sims.max())


def _point(
    stories: Stories,
    rep: int,
    previous: Sequence[frozenset[str]],
    *,
    score: float | None = None,
    coverage: Sequence[Support] | None = None,
    section: str | None = None,
    classification: Classification | None = None,
) -> Point:
    """The point for candidate ``rep``, citing the other outlets that carry its fact.

    ``coverage`` are the articles of the same story that carry the point's sentence,
    each with the sentence that does; without it (the ranking evaluation) the
    articles with a near-identical candidate sentence are cited. One source per
    outlet: the first of its articles in ``coverage`` (which lists the closest first).
    """
    candidates = stories.candidates
    c = candidates[rep]
    if coverage is None:
        members = sorted(
            stories.members.get(rep, [rep]), key=lambda i: candidates[i].article.outlet
        )
        coverage = [
            Support(
                candidates[i].article, candidates[i].sentence.index, candidates[i].sentence.text
            )
            for i in members
        ]
    key_of = source_keys([c.article, *(s.article for s in coverage)])
    cited = {key_of[c.article.id]}
    others: list[Source] = []
    carried: list[tuple[int, str]] = []
    for support in coverage:
        if key_of[support.article.id] not in cited:
            cited.add(key_of[support.article.id])
            others.append(source_of(support.article))
            carried.append((support.sentence_index, support.text))
    return Point(
        text=c.sentence.text,
        source=source_of(c.article),
        sentence_index=c.sentence.index,
        score=round(float(stories.score[rep] if score is None else score), 4),
        section=section or c.classification.label,
        context=c.context,
        also_reported_by=tuple(others),
        carried_by=tuple(carried),
        classification=classification or c.classification,
        new=_is_new(c, previous),
        named=named_in_full(c.sentence.text, c.article, context=c.context),
        opening=_opening(c),
    )


def _opening(candidate: Candidate) -> bool:
    """Whether nothing before the candidate's sentence in its article reads as a
    sentence: a time stamp or a caption above a lead ("30/11/2004 09:15 - (VP)")."""
    before = itertools.islice(_sentences(candidate.article), candidate.sentence.index)
    return not any(reads_alone(s.text) for s in before)


def _is_new(candidate: Candidate, previous: Sequence[frozenset[str]]) -> bool:
    """False when the previous edition carried a point with mostly the same words."""
    if not previous:
        return True
    known = candidate.sentence_terms
    mine = set(rank.terms(candidate.sentence.text) if known is None else known)
    if not mine:
        return True
    return all(len(mine & old) / min(len(mine), len(old)) < 0.5 for old in previous if old)


def key_points(
    points: Sequence[Point], limit: int, order: Sequence[str] | None = None
) -> tuple[Point, ...]:
    """The day's top lines: the best point of each section, then the next best, read in
    the sections' ``order`` (their keys, as the briefing shows them; by default the
    built-in sections').

    A point's score ranks it within its section, not across sections: its centrality
    is among the day's candidates, so on a day that is mostly business news (a wire's)
    every Trade point outscores the day's war. So the next best after each section's
    best is the point closest to its own section's best (its score as a share of it),
    and the top lines follow the sections' order, each section's best first.

    Only points that stand alone qualify: a point that needs its preceding
    sentence is shown with it in its section, but a top line is read on its own, so
    it must also name someone or something ("Some traders expect the rally to fade."
    does not). A feed item's line read under its headline qualifies too: a top line
    shows it under that headline (:attr:`~briefgen.models.Point.under_headline`), as
    the feed did.
    """
    alone = [
        p
        for p in points
        if (p.context is None or p.under_headline)
        and not names_nothing(f"{p.context or ''} {p.display_text}", "")
    ]
    if order is None:
        order = [key for key, _ in SECTIONS]
    rank_of = {key: n for n, key in enumerate(order)}
    alone = [p for p in alone if p.section in rank_of]
    place = {id(p): n for n, p in enumerate(alone)}
    best: dict[str, Point] = {}
    for p in alone:  # best first within each section
        if p.section not in best or p.score > best[p.section].score:
            best[p.section] = p
    chosen = sorted(best.values(), key=lambda p: rank_of[p.section])[:limit]

    def share(p: Point) -> float:
        top = best[p.section].score
        return p.score / top if top > 0 else 0.0

    rest = sorted((p for p in alone if p not in chosen), key=share, reverse=True)
    chosen.extend(rest[: max(0, limit - len(chosen))])
    return tuple(sorted(chosen, key=lambda p: (rank_of[p.section], place[id(p)])))


def _source_counts(points: Sequence[Point]) -> tuple[SourceCount, ...]:
    counts: Counter[str] = Counter()
    by_id: dict[str, Source] = {}
    for p in points:
        for s in p.sources:
            counts[s.article_id] += 1
            by_id.setdefault(s.article_id, s)
    ordered = sorted(by_id.values(), key=lambda s: (-counts[s.article_id], s.outlet, s.title))
    return tuple(SourceCount(s, counts[s.article_id]) for s in ordered)
