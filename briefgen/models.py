"""Typed objects passed between the pipeline's stages.

Every stage takes and returns these frozen dataclasses: readers produce
:class:`Article`, the splitter :class:`Sentence`, ranking and classification
produce :class:`Point`, composition a :class:`Briefing`, which the renderers
turn into files.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property
from typing import Literal

_PLACE = r"[A-Z][A-Z.'’-]{2,}(?:\s+[A-Z][A-Z.'’-]+){0,3}"
#: A state or country after the place: "Maine", "Calif.", "Gaza Strip", "N.J.", "AUSTRALIA".
_REGION = r",\s*(?:[A-Z][a-z]+\.?(?:\s+[A-Z][a-z]+){0,2}|(?:[A-Z]\.){2,}|[A-Z]{3,})"
#: A month's name as a text writes it, in full or cut short ("April", "Apr.", "Sept").
MONTH_NAME = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
#: A day, with or without its year: "Nov. 23", "Feb 26", "Dec. 22, 2004".
_DATE = rf"{MONTH_NAME}\s+\d{{1,2}}(?:,\s*\d{{4}})?"
#: What a dateline gives after the place: "BAGHDAD, Iraq, Dec. 22, 2004 — ", and the
#: day without a comma too: "GAZA CITY, Gaza Strip Sept. 7, 2004 - ", "LOS ANGELES
#: Sept. 13, 2004 - ".
_STATE_OR_DATE = rf"(?:(?:{_REGION})?(?:,\s*|\s+){_DATE}|{_REGION})"
#: The agencies of ``ingest.outlets`` (and IPS), as datelines credit them.
_AGENCY = (
    r"(?:Reuters|AP|AFP|IPS|UPI|Bloomberg|dpa|Xinhua|Xinhuanet|CNN|CP|PTI|IANS|Kyodo"
    r"|Yonhap|Interfax|TASS|EFE|ANSA)"
)
_WIRE = rf"\s*\({_AGENCY}\)"

#: A place in title case before a spaced colon, an agency's dateline: "Port Vila : ".
_TITLE_PLACE = r"(?!Note\b)[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+){0,2}"

#: An agency's credit closing a syndicated headline: "Bush Condemns Beheading of U.S.
#: Hostage (AP)". Shown without it; the source line names the outlet.
TITLE_CREDIT = re.compile(rf"\s+\({_AGENCY}\)$")

#: Another service's credit in a dateline: "(Dow Jones)", "(CBS.MW)", "(CNN/Money)",
#: "(New Ratings)": a short name in brackets between the place and the dash.
_CREDIT = r"\([A-Z][\w.&/'’ -]{1,24}\)"
#: A wire dateline opening a story: "WASHINGTON (Reuters) - ", "LONDON, Nov. 23 — ",
#: "RIO DE JANEIRO, Feb 26 - ", "PORTLAND, Maine -- ", "Port Vila : ", the agency
#: alone, as syndicated feeds give it ("AP - ", "Reuters - "), or another service's
#: credit after the place ("HONG KONG (Dow Jones)--", "CHICAGO (CBS.MW) - "). Shown
#: stripped; the JSON keeps the verbatim sentence.
DATELINE = re.compile(
    rf"^(?:(?:{_PLACE}(?:{_STATE_OR_DATE})?(?:{_WIRE})?\s*[-–—]{{1,2}}|{_TITLE_PLACE}\s:"
    rf"|{_AGENCY}\s+[-–—]{{1,2}})\s+"
    rf"|{_PLACE}(?:{_STATE_OR_DATE})?\s*{_CREDIT}\s*[-–—]{{1,2}}\s*(?=[A-Z\"“]))"
)

#: A place before an unspaced colon opening an article, the way some outlets date their
#: stories ("Mangaluru: Karnataka Bank has promoted …", "Ajman: The forum …"), or one
#: word before a spaced dash ("Arvand - International concern grew …"). Read as a
#: dateline in an article's opening only (its first sentence, or the first under a time
#: stamp, see ``Point.opening``): elsewhere it may be a speaker's name. A company's name
#: before its notice ("Velmar Corp - Offering of …") and a results table's "Note - " are
#: none.
FIRST_LINE_DATELINE = re.compile(
    r"^(?:[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+)?:|(?!Note\b)[A-Z][a-z'’-]+\s+[-–—]{1,2})\s+(?=[A-Z\"“])"
)

#: A newsletter's or a page's section label run into the sentence it heads ("LEGAL A
#: federal judge …", "OBITUARY Reed …"): shown stripped, like a dateline. Only before
#: "A", "An" or "The" (or a name after "OBITUARY"), since wire copy opens with names in
#: capitals that begin like labels ("INTERNATIONAL Paper Co said …", "RADIO Free …").
SECTION_LABEL = re.compile(
    r"^(?:(?:INTERNATIONAL|FOREIGN|NATIONAL|LEGAL|LABOR|LABOUR|RADIO|TELEVISION|NEWSPAPERS"
    r"|MAGAZINES|POLITICS|OPINION|EDITORIAL|COMMENTARY|ANALYSIS|BUSINESS|ECONOMY|SPORTS?"
    r"|ENTERTAINMENT|TECHNOLOGY|SCIENCE|HEALTH|EDUCATION|CULTURE|ENVIRONMENT|CRIME|COURTS)"
    r"\s+(?=(?:A|An|The)\s)|OBITUARY\s+(?=[A-Z][a-z]+\s+[A-Z]))"
)

#: A byline and the day run into the story's first words ("By Ann Berg 30 November 2004
#: Old enemies in Velmar were edging towards a deal …"): shown stripped, like a dateline.
BYLINE_DATE = re.compile(
    rf"^By\s+(?:[A-Z][\w.'’-]+\s+){{1,3}}"
    rf"(?:\d{{1,2}}\s+{MONTH_NAME}|{MONTH_NAME}\s+\d{{1,2}},?)\s+\d{{4}}\s+(?=[A-Z\"“])"
)

#: Where a page's headline runs into its dateline ("Dock strike ends after three
#: weeks PORTLAND, Maine -- Dock workers voted ...", "By Steve Holland WASHINGTON, Nov
#: 15 (Reuters) - President ..."): the story starts there. Only a dateline with a
#: state, a date or a wire (or a date and a wire), so that "CIR - Compagnie ..." is
#: not one.
GLUED_DATELINE = re.compile(
    rf"(?<=[a-z]) (?={_PLACE}(?:{_STATE_OR_DATE}(?:{_WIRE})?|{_WIRE})\s+[-–—]{{1,2}}\s+[A-Z\"“])"
)

#: A wire's company or ticker marking ("<High Point Financial Corp> said", "Gulf Corp <GRE>").
#: Shown without the brackets: a ticker (one word) in parentheses, a name as plain text.
TICKER = re.compile(r"<(?!(?i:script|style|iframe|div|span|img|br)\b)([A-Z][^<>]{0,60})>")


#: A straight double mark between a word and its ending: an apostrophe ("Kessel"s",
#: "1985"s", "don"t"), as some wire copy types it.
_APOSTROPHE_MARK = re.compile(r'(?<=[A-Za-z0-9])"(?=(?:s|t|d|ll|re|ve)\b)')
#: One to four words inside the sentence that a double mark opens and a single one
#: closes: wire copy's 'orders for "smart' payphones', '"bare warrants' at 15 dlrs'
#: (not a quotation opening the sentence that runs on past a plural's apostrophe:
#: '"The exporters' sales are …').
_HALF_CLOSED = re.compile(r"(?<=\s)\"([A-Za-z][\w.,-]*(?: [\w.,-]+){0,3})'(?!\w)")


def mend_marks(text: str) -> str:
    """``text`` with the marks some wire copy types wrong mended where they leave a
    quotation open: an apostrophe typed as a double mark ("Kessel"s oil minister"), a
    quotation closed with a single mark ('"smart' payphones'). A text whose marks
    pair up is left as written."""
    if text.count('"') % 2 == 0:
        return text
    text = _APOSTROPHE_MARK.sub("'", text)
    if text.count('"') % 2:
        text = _HALF_CLOSED.sub(r'"\1"', text)
    return text


def unmark_tickers(text: str) -> str:
    """``text`` without wire ticker brackets: "<GRE>" -> "(GRE)", "<Acme Corp>" -> "Acme Corp"."""
    return TICKER.sub(lambda m: m[1] if " " in m[1] else f"({m[1].upper()})", text)


SectionKey = Literal["security", "trade", "diplomacy"]
Label = Literal["security", "trade", "diplomacy", "other"]

#: The briefing's sections in reading order, with their display titles.
SECTIONS: tuple[tuple[SectionKey, str], ...] = (
    ("security", "Security"),
    ("diplomacy", "Diplomacy"),
    ("trade", "Trade"),
)


def content_hash(text: str) -> str:
    """A stable hash of an article's text, insensitive to whitespace and case."""
    normal = " ".join(text.split()).casefold()
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Article:
    """One news article as read from a source.

    ``paragraphs`` are the body paragraphs in order; crossheads, captions
    and the standfirst are not among them.
    """

    title: str
    paragraphs: tuple[str, ...]
    published: datetime
    outlet: str
    url: str | None = None
    author: str | None = None
    standfirst: str | None = None
    source_path: str | None = None
    language: str = "en"
    #: True when the source gave no date and the fetch time was used.
    date_estimated: bool = False
    #: True when the source gave a day but no time: ``published`` is noon UTC of that
    #: day, and the day is shown without a time.
    date_only: bool = False

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)

    # Cached: both read the whole text, and an id is asked for many times per build.
    @cached_property
    def content_hash(self) -> str:
        return content_hash(self.title + "\n" + self.text)

    @cached_property
    def id(self) -> str:
        """Stable identifier: from the URL when known, else from the content."""
        key = self.url or self.content_hash
        return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class Sentence:
    """A sentence of an article, exactly as written in the source."""

    text: str
    article_id: str
    #: Position of the sentence in the article body, from 0.
    index: int
    #: Paragraph the sentence belongs to, from 0.
    paragraph: int


@dataclass(frozen=True)
class Source:
    """Where a point comes from: enough to cite it and to find the article."""

    article_id: str
    title: str
    outlet: str
    url: str | None
    published: datetime
    #: The source gave a day but no time of day.
    date_only: bool = False

    @property
    def outlet_key(self) -> str:
        """Who published it, for counting outlets (:func:`briefgen.ingest.outlets.outlet_key`)."""
        from briefgen.ingest.outlets import outlet_key

        return outlet_key(self.outlet, self.article_id)


@dataclass(frozen=True)
class Classification:
    """A section label with the evidence that decided it."""

    #: A built-in :data:`Label`, or the key of a custom section (``[sections.NAME]``).
    label: str
    scores: dict[str, float]
    #: The taxonomy terms found, per section: why this label was chosen.
    matched: dict[str, tuple[str, ...]] = field(default_factory=dict)
    confidence: float = 0.0
    #: What a story's section was read from when not its articles' whole leads:
    #: "subject", their headlines and first sentences (``relevance.subject``).
    read_from: str = ""


@dataclass(frozen=True)
class Point:
    """One line of a briefing: a verbatim sentence with its citation."""

    text: str
    source: Source
    sentence_index: int
    score: float
    #: The section the point belongs to ("other" only outside a briefing's sections): a
    #: built-in :data:`Label` or a custom section's key.
    section: str
    #: The sentence before ``text`` when ``text`` needs it to be understood.
    context: str | None = None
    #: Other outlets that carried the point's fact.
    also_reported_by: tuple[Source, ...] = ()
    #: For each of ``also_reported_by``, in order: the index and the verbatim text of
    #: the sentence of its article that carries the fact.
    carried_by: tuple[tuple[int, str], ...] = ()
    classification: Classification | None = None
    #: True when the story was not in the previous edition.
    new: bool = True
    #: People the sentence names by surname alone, as its article names them in full:
    #: (surname, the words shown before it in brackets), e.g. ("Vohor", "Prime Minister
    #: Serge"). ``text`` stays verbatim; ``display_text`` shows "[Prime Minister Serge] Vohor".
    named: tuple[tuple[str, str], ...] = ()
    #: True when nothing before ``text`` in its article reads as a sentence (only a
    #: time stamp or a caption, say): the article's opening, which a place before a
    #: colon or a dash may date, as in its first sentence.
    opening: bool = False

    @property
    def sources(self) -> tuple[Source, ...]:
        return (self.source, *self.also_reported_by)

    @property
    def text_offset(self) -> int:
        """Characters of ``text`` not shown: a wire dateline ("WASHINGTON (Reuters) - ",
        in an article's opening also "Mangaluru: " or "Arvand - ", see ``opening``), a
        section label ("LEGAL ") or a byline with its day ("By Ann Berg 30 November 2004
        ")."""
        match = (
            DATELINE.match(self.text)
            or SECTION_LABEL.match(self.text)
            or BYLINE_DATE.match(self.text)
            or (FIRST_LINE_DATELINE.match(self.text) if self.opens_article else None)
        )
        return match.end() if match and match.end() < len(self.text) - 20 else 0

    @property
    def opens_article(self) -> bool:
        """The first sentence of its article, or its opening (see ``opening``)."""
        return self.sentence_index == 0 or self.opening

    @property
    def display_text(self) -> str:
        """The sentence as shown to readers: verbatim, less a leading wire dateline or
        section label and the brackets a wire puts round company names and tickers, with
        the quotation marks some wire copy types wrong mended (:func:`mend_marks`) and
        who a bare surname is in square brackets before it (see ``named``)."""
        shown = mend_marks(unmark_tickers(self.text[self.text_offset :]))
        for surname, before in self.named:
            match = re.search(rf"(?<![\w'’-]){re.escape(surname)}(?![\w-])", shown)
            if match:
                shown = f"{shown[: match.start()]}[{before}] {shown[match.start() :]}"
        return shown[:1].upper() + shown[1:]

    @property
    def under_headline(self) -> bool:
        """True when the context shown above the point is its article's headline: a feed
        item's or a teaser's first line, written to be read under it."""
        return self.context is not None and self.context == self.source.title.strip()

    @property
    def source_count(self) -> int:
        """Outlets carrying the point; sources of unknown outlet count one each."""
        return len({s.outlet_key for s in self.sources})


@dataclass(frozen=True)
class Section:
    #: A built-in :data:`SectionKey` or a custom section's key.
    key: str
    title: str
    points: tuple[Point, ...]


@dataclass(frozen=True)
class Quote:
    """A direct quotation taken verbatim from an article."""

    text: str
    speaker: str
    role: str | None
    source: Source


@dataclass(frozen=True)
class Actor:
    """A country, leader or organisation mentioned in the day's points."""

    name: str
    kind: Literal["country", "person", "organisation"]
    mentions: int


@dataclass(frozen=True)
class SourceCount:
    """An article cited by the briefing, with how many points it gave."""

    source: Source
    points: int


def plural(count: int, singular: str, many: str | None = None) -> str:
    """'1 source', '3 sources'."""
    return f"{count} {singular if count == 1 else (many or singular + 's')}"


@dataclass(frozen=True)
class Stats:
    articles: int
    sentences: int
    candidates: int
    #: Sentences that read well alone but fit none of the three sections.
    unclassified: int
    points: int
    #: Named outlets the day's articles come from; an article whose outlet is unknown is
    #: counted in ``unnamed_sources`` instead (two unnamed sources are not taken to be one).
    outlets: int
    skipped_inputs: int = 0
    #: Stories the day's articles form, and those left out because they belong in no section.
    stories: int = 0
    stories_left_out: int = 0
    articles_left_out: int = 0
    #: Articles of the day left out because they are not in the briefing's language.
    other_language: int = 0
    unnamed_sources: int = 0

    def publishers(self) -> str:
        """Who wrote the day's articles: '3 outlets', '3 outlets and 2 unnamed sources',
        '2 unnamed sources'."""
        named = plural(self.outlets, "outlet")
        if not self.unnamed_sources:
            return named
        unnamed = plural(self.unnamed_sources, "unnamed source")
        return f"{named} and {unnamed}" if self.outlets else unnamed


@dataclass(frozen=True)
class Briefing:
    """A dated briefing, ready to render."""

    date: date
    generated_at: datetime
    title: str
    sections: tuple[Section, ...]
    key_points: tuple[Point, ...]
    sources: tuple[SourceCount, ...]
    stats: Stats
    edition: int = 1
    quotes: tuple[Quote, ...] = ()
    actors: tuple[Actor, ...] = ()

    @property
    def points(self) -> tuple[Point, ...]:
        return tuple(p for s in self.sections for p in s.points)

    @property
    def is_empty(self) -> bool:
        return not self.points
