"""Key quotes: direct quotations with who said them.

A quotation is kept only when its speaker can be named with confidence:

- ``"...," Name said.`` / ``"...," said Name, role.`` / ``"..." to X, title Name told ...``
- ``Name said: "..."`` and ``Ms May added: "..."`` (an honorific and surname are
  resolved to the full name introduced earlier in the article);
- ``"...," she said.``: the pronoun goes to the one person named in the
  nearest earlier sentence of the same paragraph (or the previous one);
- ``"...," the newspaper said.``: the noun goes to the organisation of that
  kind named just before;
- a quotation standing alone right after an attributed one continues it.

Anything less clear is dropped: a wrong speaker is worse than no quote.
Quote text is always a verbatim substring of the article.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field

from briefgen.actors import Gazetteer, load_gazetteer
from briefgen.models import Article, Quote, Source
from briefgen.speakers import (
    Named,
    OrgRef,
    Person,
    Pronoun,
    Ref,
    Roster,
    Run,
    build_roster,
    capital_runs,
    parse_after,
    parse_before,
)

__all__ = ["extract_quotes", "rank_quotes"]

#: Quotes with fewer words are labels or scare quotes, not statements.
MIN_WORDS = 5

_QUOTE = re.compile(
    r'"(?P<straight>[^"\n]+)"'
    r"|“(?P<curly>[^“”\n]+)”"
    # A closing ’ followed by a letter is an apostrophe ("Britain’s"), not the end.
    r"|‘(?P<single>(?:[^‘’\n]|’(?=\w))+)’(?!\w)"
)
_BOUNDARY = re.compile(r"[.!?]+[\"”’]?\s+(?=[\"“‘A-Z0-9])")
_NOT_FINAL = frozenset(
    [
        "Mr",
        "Mrs",
        "Ms",
        "Dr",
        "St",
        "Gen",
        "Sen",
        "Rep",
        "Gov",
        "Lt",
        "Col",
        "Capt",
        "Prof",
        "No",
        "Jan",
        "Feb",
        "Aug",
        "Sept",
    ]
)


@dataclass
class _Found:
    paragraph: int
    start: int
    end: int
    text: str
    sentence: int
    ref: Ref | None = None
    speaker: Person | Named | None = None


@dataclass
class _Context:
    """What the resolver needs to know about an article."""

    paragraphs: tuple[str, ...]
    roster: Roster
    gazetteer: Gazetteer
    runs: list[list[Run]] = field(default_factory=list)
    cuts: list[list[int]] = field(default_factory=list)


def _sentence_cuts(paragraph: str, quotes: list[tuple[int, int]]) -> list[int]:
    """Offsets where sentences start, ignoring full stops inside quotations."""
    cuts = [0]
    for match in _BOUNDARY.finditer(paragraph):
        inside = any(s < match.start() and match.end() <= e for s, e in quotes)
        before = paragraph[: match.start()].rsplit(None, 1)
        word = before[-1] if before else ""
        initial = len(word) == 1 and word.isupper()
        if not inside and word not in _NOT_FINAL and not initial:
            cuts.append(match.end())
    return cuts


def _quote_spans(paragraph: str) -> list[tuple[int, int, int, int]]:
    """(outer start, outer end, inner start, inner end) of each quotation."""
    spans = []
    for match in _QUOTE.finditer(paragraph):
        group = next(g for g in ("straight", "curly", "single") if match.group(g) is not None)
        spans.append((match.start(), match.end(), match.start(group), match.end(group)))
    return spans


def _clean(inner: str) -> tuple[int, int]:
    """Offsets within ``inner`` of the quote proper: no trailing comma or space."""
    end = len(inner.rstrip(" ,;:–—-"))
    start = len(inner) - len(inner.lstrip())
    return start, end


def _is_key_quote(text: str) -> bool:
    words = text.split()
    # A fragment woven into the reporter's sentence ('said it "would be wrong"')
    # is the reporter's paraphrase around a few quoted words.
    if len(words) < MIN_WORDS or text[:1].islower():
        return False
    # A title or a name in quotes ("Operation Iron Dome Shield"), not speech.
    lowers = sum(1 for w in words if w[:1].islower())
    return lowers >= 2


def _resolve(
    ref: Ref, found: _Found, ctx: _Context, earlier: list[_Found]
) -> Person | Named | None:
    if isinstance(ref, Person | Named):
        return ref
    return _nearest(found, ctx, ref, earlier)


def _nearest(
    found: _Found, ctx: _Context, ref: Pronoun | OrgRef, earlier: list[_Found]
) -> Person | Named | None:
    """The one candidate named just before the quote, or None if unclear.

    Looks at the quote's own sentence up to the quote, then at the sentence
    before it (which may end the previous paragraph), and no further: past
    that, an unnamed speaker ("an official said") may have come between.
    Mentions inside quotation marks do not count; a quote in the sentence
    before, attributed to someone, carries its speaker over ("he added").
    """
    p, sentence = found.paragraph, found.sentence
    for step in range(2):
        if step == 1:
            if sentence == 0:
                p -= 1
                if p < 0:
                    return None
                sentence = len(ctx.cuts[p])
            sentence -= 1
        cuts = ctx.cuts[p]
        start = cuts[sentence]
        end = cuts[sentence + 1] if sentence + 1 < len(cuts) else len(ctx.paragraphs[p])
        if step == 0:
            end = found.start
        runs = [
            r
            for r in ctx.runs[p]
            if start <= r.start < end and ref.accepts(r, ctx.roster, ctx.gazetteer)
        ]
        if runs:
            return ref.choose(runs, ctx.roster, ctx.gazetteer, ctx.paragraphs[p], start)
        if step == 1:
            chained = [f.speaker for f in earlier if (f.paragraph, f.sentence) == (p, sentence)]
            if chained and ref.carries(chained[-1]):
                return chained[-1]
    return None


def extract_quotes(article: Article, source: Source, *, limit: int | None = None) -> list[Quote]:
    """Direct quotations in ``article`` whose speaker is clear, in article order.

    With ``limit``, only the best ``limit`` are returned (see :func:`rank_quotes`).
    """
    gazetteer = load_gazetteer()
    paragraphs = article.paragraphs
    spans = [_quote_spans(p) for p in paragraphs]
    ctx = _Context(paragraphs, build_roster(paragraphs, spans, gazetteer), gazetteer)
    for p, paragraph in enumerate(paragraphs):
        outer = [(s, e) for s, e, _, _ in spans[p]]
        ctx.cuts.append(_sentence_cuts(paragraph, outer))
        ctx.runs.append(
            [r for r in capital_runs(paragraph) if not any(s <= r.start < e for s, e in outer)]
        )
    found: list[_Found] = []
    for p, paragraph in enumerate(paragraphs):
        previous: _Found | None = None
        for outer_start, outer_end, inner_start, inner_end in spans[p]:
            cuts = ctx.cuts[p]
            sentence = bisect_right(cuts, outer_start) - 1
            s_start = cuts[sentence]
            s_end = cuts[sentence + 1] if sentence + 1 < len(cuts) else len(paragraph)
            start, end = _clean(paragraph[inner_start:inner_end])
            item = _Found(p, inner_start + start, inner_start + end, "", sentence)
            item.text = paragraph[item.start : item.end]
            before = paragraph[s_start:outer_start]
            after = paragraph[outer_end:s_end]
            nxt = _QUOTE.search(after)
            if nxt:
                after = after[: nxt.start()]
            ref = parse_after(after, ctx.roster, gazetteer, quote_opens_sentence=not before.strip())
            if ref is None and before.rstrip().endswith((":", ",")):
                ref = parse_before(before, ctx.roster, gazetteer)
            if ref is not None:
                item.speaker = _resolve(ref, item, ctx, found)
            elif (
                previous is not None
                and previous.speaker is not None
                and previous.sentence == sentence - 1
                and not before.strip()
                and not after.strip(" .")
            ):
                # A quotation on its own right after an attributed one continues it.
                item.speaker = previous.speaker
            previous = item
            found.append(item)
    quotes: list[Quote] = []
    seen: set[str] = set()
    for item in found:
        if item.speaker is None or not _is_key_quote(item.text) or item.text in seen:
            continue
        seen.add(item.text)
        role = item.speaker.role if isinstance(item.speaker, Person) else None
        quotes.append(Quote(text=item.text, speaker=item.speaker.name, role=role, source=source))
    return rank_quotes(quotes, limit) if limit is not None else quotes


def _score(quote: Quote) -> float:
    words = len(quote.text.split())
    # Substance grows with length up to a paragraph; past that it is a speech.
    length = min(words, 40) / 40 if words <= 80 else 0.6
    return length + (0.5 if quote.role else 0.0)


def rank_quotes(quotes: Sequence[Quote], limit: int) -> list[Quote]:
    """The ``limit`` best quotes: one per speaker, spread across outlets.

    Named speakers with a role and longer, substantive quotes come first;
    an outlet gets a second quote only when no other outlet has one left.
    """
    ordered = sorted(
        quotes, key=lambda q: (-_score(q), q.source.published, q.source.outlet, q.text)
    )
    chosen: list[Quote] = []
    speakers: set[str] = set()
    outlets: set[str] = set()
    for fresh_outlets_only in (True, False):
        for quote in ordered:
            if len(chosen) >= limit:
                return chosen
            if quote.speaker in speakers or quote in chosen:
                continue
            if fresh_outlets_only and quote.source.outlet in outlets:
                continue
            chosen.append(quote)
            speakers.add(quote.speaker)
            outlets.add(quote.source.outlet)
    return chosen
