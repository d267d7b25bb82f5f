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
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field

from briefgen.actors import Gazetteer, load_gazetteer
from briefgen.bounds import leading_paragraphs
from briefgen.models import Article, Quote, Source
from briefgen.names import (
    HONORIFICS,
    SPEECH,
    Named,
    Person,
    Roster,
    Run,
    bare,
    capital_runs,
    role_word,
)
from briefgen.nlp.quality import UNNAMING
from briefgen.speakers import OrgRef, Pronoun, Ref, build_roster, parse_after, parse_before

__all__ = ["extract_quotes", "find_quotes", "rank_quotes"]

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


_Span = tuple[int, int, int, int]


@dataclass
class _Context:
    """What the resolver needs to know about an article, worked out once per article.

    Everything a quotation looks up is indexed here (sentence starts, names by
    position), so the cost of a quotation does not grow with the article.
    """

    paragraphs: tuple[str, ...]
    gazetteer: Gazetteer
    #: Per paragraph: each quotation's (outer start, outer end, inner start, inner end).
    spans: list[list[_Span]]
    #: Per paragraph: where its sentences start.
    cuts: list[list[int]]
    #: Per paragraph: the capitalised runs outside quotations, and where each starts.
    runs: list[list[Run]]
    run_starts: list[list[int]]
    roster: Roster
    #: The last quotation met so far in each (paragraph, sentence), for "he added".
    last_found: dict[tuple[int, int], _Found] = field(default_factory=dict)


def _context(paragraphs: tuple[str, ...], gazetteer: Gazetteer) -> _Context:
    spans = [_quote_spans(p) for p in paragraphs]
    cuts, runs = [], []
    for paragraph, paragraph_spans in zip(paragraphs, spans, strict=True):
        outer = [(s, e) for s, e, _, _ in paragraph_spans]
        cuts.append(_sentence_cuts(paragraph, outer))
        runs.append(_outside(capital_runs(paragraph), outer))
    return _Context(
        paragraphs,
        gazetteer,
        spans,
        cuts,
        runs,
        [[r.start for r in rs] for rs in runs],
        build_roster(paragraphs, runs, gazetteer),
    )


def _word_before(text: str, pos: int) -> str:
    """The last whitespace-separated word of ``text[:pos]`` ("" if none)."""
    # Walks back from ``pos``: splitting ``text[:pos]`` would copy the paragraph at every stop.
    end = pos
    while end > 0 and text[end - 1].isspace():
        end -= 1
    start = end
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    return text[start:end]


def _end_of_quote_at(quotes: list[tuple[int, int]], starts: list[int], pos: int) -> int:
    """Where the last quotation starting at or before ``pos`` ends (-1 if none).

    Quotations come from one left-to-right scan, so they are sorted and do not
    overlap: only that one can contain ``pos``.
    """
    i = bisect_right(starts, pos) - 1
    return quotes[i][1] if i >= 0 else -1


def _sentence_cuts(paragraph: str, quotes: list[tuple[int, int]]) -> list[int]:
    """Offsets where sentences start, ignoring full stops inside quotations."""
    cuts = [0]
    starts = [s for s, _ in quotes]
    for match in _BOUNDARY.finditer(paragraph):
        # Inside: a quotation opens strictly before the stop and closes after it.
        inside = match.end() <= _end_of_quote_at(quotes, starts, match.start() - 1)
        word = _word_before(paragraph, match.start())
        initial = len(word) == 1 and word.isupper()
        if not inside and word not in _NOT_FINAL and not initial:
            cuts.append(match.end())
    return cuts


def _outside(runs: list[Run], quotes: list[tuple[int, int]]) -> list[Run]:
    """The runs that do not start inside a quotation."""
    starts = [s for s, _ in quotes]
    return [r for r in runs if r.start >= _end_of_quote_at(quotes, starts, r.start)]


def _quote_spans(paragraph: str) -> list[_Span]:
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


#: A quote that opens on a conjunction answers what the speaker said before it ("But
#: that's fine by us."), and one that opens on "This", "That" … points at it ("That is
#: a graphic demonstration of …"), and one that opens on "They",
#: "He" or "She" is about someone named there (unless the report names them in
#: brackets: "He (Okafor) told us …"): read alone, it leans on words not shown.
_ANSWERS_BEFORE = re.compile(
    r"(?:But|And|So|Or|Yet|Nor)\b|(?:This|That|These|Those) [a-z]|(?:They|He|She) (?!\()"
)


def _is_key_quote(text: str) -> bool:
    words = text.split()
    if _ANSWERS_BEFORE.match(text.lstrip(" .…")):
        return False
    # A fragment woven into the reporter's sentence ('said it "would be wrong"')
    # is the reporter's paraphrase around a few quoted words.
    if len(words) < MIN_WORDS or text[:1].islower():
        return False
    # A title or a name in quotes ("Operation Iron Dome Shield"), not speech.
    lowers = sum(1 for w in words if w[:1].islower())
    return lowers >= 2


def _resolve(ref: Ref, found: _Found, ctx: _Context) -> Person | Named | None:
    if isinstance(ref, Person | Named):
        return ref
    return _nearest(found, ctx, ref)


def _nearest(found: _Found, ctx: _Context, ref: Pronoun | OrgRef) -> Person | Named | None:
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
        starts = ctx.run_starts[p]
        window = ctx.runs[p][bisect_left(starts, start) : bisect_left(starts, end)]
        runs = [r for r in window if ref.accepts(r, ctx.roster, ctx.gazetteer)]
        if runs:
            return ref.choose(runs, ctx.roster, ctx.gazetteer, ctx.paragraphs[p], start)
        if step == 1:
            chained = ctx.last_found.get((p, sentence))
            if chained is not None and ref.carries(chained.speaker):
                return chained.speaker
    return None


def extract_quotes(article: Article, source: Source, *, limit: int | None = None) -> list[Quote]:
    """Direct quotations in ``article`` whose speaker is clear, in article order, cited
    to ``source``.

    With ``limit``, only the best ``limit`` are returned (see :func:`rank_quotes`).
    """
    quotes = [
        Quote(text=text, speaker=speaker, role=role, source=source)
        for text, speaker, role in find_quotes(article)
    ]
    return rank_quotes(quotes, limit) if limit is not None else quotes


def find_quotes(article: Article) -> list[tuple[str, str, str | None]]:
    """(text, speaker, role) of each direct quotation in ``article`` whose speaker is
    clear, in article order: what an article's analysis keeps, with no source to cite."""
    gazetteer = load_gazetteer()
    paragraphs = article.paragraphs
    ctx = _context(paragraphs, gazetteer)
    found: list[_Found] = []
    for p, paragraph in enumerate(paragraphs):
        previous: _Found | None = None
        for outer_start, outer_end, inner_start, inner_end in ctx.spans[p]:
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
                item.speaker = _resolve(ref, item, ctx)
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
            ctx.last_found[(p, sentence)] = item
    quotes: list[tuple[str, str, str | None]] = []
    seen: set[str] = set()
    for item in found:
        if item.speaker is None or not _is_key_quote(item.text) or item.text in seen:
            continue
        seen.add(item.text)
        role = item.speaker.role if isinstance(item.speaker, Person) else None
        quotes.append((item.text, item.speaker.name, role))
    return quotes


#: Most words of a title a reader is told with a name ("South Korean Trade Minister").
_TITLE_WORDS = 4
_TITLE_JOINERS = frozenset({"of", "the", "and", "for"})


def named_in_full(
    sentence: str, article: Article, *, context: str | None = None
) -> tuple[tuple[str, str], ...]:
    """Who ``sentence`` names by surname alone, as ``article`` names them in full.

    For each such surname (first mention only), the words a reader needs before it:
    ``("Vohor", "Prime Minister Serge")`` for "… punched on the shoulder by Vohor", the
    article having named "Prime Minister Serge Vohor" before. None for someone the
    sentence or its ``context`` names in full, nor for a surname two people of the
    article share. The title is given when the article gives it as one (capitalised
    words before the name, at most four); else only the first names. A family name
    written first ("Rha Woong Bae" … "Rha said") gets its title only.
    """
    gazetteer = load_gazetteer()
    # The people the article names, as its quotes are read: as far as they are (bounded).
    paragraphs = leading_paragraphs(article)
    roster = _context(paragraphs, gazetteer).roster
    opening = len(sentence) - len(sentence.lstrip("\"'“‘( "))
    found: list[tuple[str, str]] = []
    headline: Roster | None = None  # read only when a courtesy title needs it
    for run in capital_runs(sentence):
        # "Mr Magnier" names him by surname alone as much as "Magnier" does.
        courtesy = len(run.words) == 2 and run.words[0] in HONORIFICS
        if len(run.words) != 1 and not courtesy:
            continue  # a name in full, or a title with it
        surname = bare(run.words[-1])
        if surname.lower() in UNNAMING:
            continue  # "in May" is the month, whoever else is called May
        if surname.isupper() or any(ch.isdigit() for ch in surname):
            continue  # a code or an acronym ("TVX", "QZ8501"), no one's surname
        if not courtesy and run.start == opening and not SPEECH.match(sentence, run.end + 1):
            continue  # capitalised by its place: "Young people …", "May exports …"
        known = gazetteer.lookup(surname)
        if known is not None and known[1] != "person":
            continue  # "Chad said …" is the country, whoever else is called Chad
        person = roster.by_surname(surname)
        if person is None and courtesy and article.title:
            # A feed's summary may name in full only in its headline ("Who Is Velmar
            # Okafor, …" – "Mr. Okafor, one of …"): the given name only, as always
            # for "Mr", so a headline's capitalised words are never taken for a title.
            if headline is None:
                headline = _context((article.title, *paragraphs), gazetteer).roster
            person = headline.by_surname(surname)
        if person is None or any(surname == s for s, _ in found):
            continue
        if person.name in sentence or (context and person.name in context):
            continue
        words = person.name.split()
        if courtesy:  # "Mr [John] Magnier": the courtesy title stands for a title
            before = _given_name(words, gazetteer) if words[-1] == surname else []
        elif words[-1] == surname:
            before = [*_title(person.role), *words[:-1]]
        else:  # the family name first ("Rha Woong Bae" ... "Rha said"): the title only
            before = _title(person.role)
        if before:
            found.append((surname, " ".join(before)))
    return tuple(found)


#: An initial: "W", "JP", "J.P.".
_INITIAL = re.compile(r"(?:[A-Z]\.?){1,2}")


def _given_name(words: Sequence[str], gazetteer: Gazetteer) -> list[str]:
    """The given name just before the surname of a name in full (with the initial after
    it: "George W"), or nothing when that word is a title or a date. Only that word: a
    capital run may carry a description before it ("Singer Courtney Love", "On
    Wednesday Tony Blair")."""
    given = list(words[-2:-1])
    if given and _INITIAL.fullmatch(given[0]) and len(words) > 2:
        given = list(words[-3:-1])
    if not given or any(w.lower() in UNNAMING or role_word(w, gazetteer) for w in given):
        return []
    return given


def _title(role: str | None) -> list[str]:
    """``role`` as a title before a name ("Prime Minister"), or nothing when it is a
    description ("the British prime minister", "manager of the state oil company")."""
    words = (role or "").split()
    if not words or len(words) > _TITLE_WORDS or words[-1] in _TITLE_JOINERS:
        return []
    if all(w[:1].isupper() or w in _TITLE_JOINERS for w in words):
        return words
    return []


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
