"""Names and titles in news English.

The vocabulary and the small parsers :mod:`briefgen.speakers` builds on:
tokens, runs of capitalised words ("Prime Minister Shinzo Abe"), job titles
before a name ("British prime minister") or after it (", the foreign
minister,"), whether a name stands next to a speech verb, and the
:class:`Roster` of the people an article names.

A function given a position in a paragraph looks only at a short stretch of
text around it, never at all the text before it: the cost of an article
grows with its length, not with its length squared.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import NamedTuple

from briefgen.actors import Gazetteer
from briefgen.nlp.quality import WEEKDAY_NAMES, WEEKDAYS

__all__ = [
    "AGENCY_WORDS",
    "HONORIFICS",
    "MODIFIERS",
    "NEWSPAPER_WORDS",
    "PARTICLES",
    "SPEECH",
    "STOP",
    "TITLE_NOUNS",
    "Named",
    "Person",
    "Roster",
    "Run",
    "Tok",
    "bare",
    "capital_runs",
    "gender_of",
    "is_cap",
    "is_organisation",
    "name_part",
    "role_after",
    "role_before",
    "role_word",
    "speech_next_to",
    "tokens",
    "valid_role",
    "word_set",
]


def word_set(text: str) -> frozenset[str]:
    """The whitespace-separated words of ``text``, for word lists written as prose."""
    return frozenset(text.split())


# Words that make a phrase a job title ("foreign ministry spokeswoman").
TITLE_NOUNS = word_set(
    """president minister premier chancellor secretary spokesman spokeswoman spokesperson
    chief executive director leader ambassador envoy governor senator congressman
    congresswoman mayor chairman chairwoman chair commander general king queen prince
    princess emperor pope head official adviser advisor analyst economist professor founder
    negotiator lawmaker legislator mp lawyer attorney judge commissioner diplomat sheikh
    ayatollah correspondent editor researcher expert candidate administrator inspector
    officer colonel admiral marshal prosecutor ceo coach counsel strategist representative
    deputy monarch
    boss manager coordinator rapporteur mediator investigator activist campaigner
    secretary-general president-elect vice-president undersecretary under-secretary"""
)
# Words that may stand in a title before its head noun.
MODIFIERS = word_set(
    """prime foreign defence defense finance trade interior home economy economic energy
    health justice deputy vice former acting senior top national security ministry
    department state military army navy party opposition government presidential press
    cabinet special assistant associate managing interim outgoing incoming supreme first
    chief executive general policy public affairs commerce industry environment
    international european regional central federal bank union council committee
    police rebel ruling labour labor opposition company group agency parliamentary
    oil petroleum agriculture agricultural farm mines mining transport tourism planning
    housing fisheries education information communications treasury budget banking
    exchange board joint subcommittee federation consumer financial technical commercial
    production resources relations staff exchequer"""
)
HONORIFICS: dict[str, str | None] = {
    "Mr": "m",
    "Mr.": "m",
    "Mrs": "f",
    "Mrs.": "f",
    "Ms": "f",
    "Ms.": "f",
    "Miss": "f",
    "Dr": None,
    "Dr.": None,
}
_FEMININE = word_set("spokeswoman chairwoman congresswoman queen princess")
_MASCULINE = word_set("spokesman chairman congressman king prince")
PARTICLES = word_set("de da van von bin ibn al el del di du der la le")
# Words that stop a name when walking back from a verb ("Since Mr Abe said").
STOP = word_set(
    """The A An It This That These Those He She They We I You But And Or So Then If When
    While As In On At For From By With After Before Since Yet Asked Speaking Both Neither
    Meanwhile However Although Though Under Despite Apart Among Following Later Earlier"""
)
SPEECH = re.compile(
    r"(?<!\w)(?:said|says|added|adds|told|tells|asked|warned|warns|declared|stated|insisted"
    r"|explained|noted|wrote|writes|argued|replied|responded|remarked|announced|claimed"
    r"|stressed|urged|acknowledged|admitted|cautioned|vowed|pledged|concluded|emphasised"
    r"|emphasized|reiterated|tweeted)(?!\w)"
)
_TOKEN = re.compile(
    r"(?:Mr|Mrs|Ms|Dr|St|Jr)\.|(?:[A-Z]\.){2,}"  # "Dr.", "U.S."
    r"|[A-Z]\.(?=\s+[A-Z])"  # an initial: "Vincent A. Cianci"
    r"|\w(?:[\w'’-]*\w)?|[^\w\s]"
)
_SPACE = re.compile(r"\s")
NEWSPAPER_WORDS = word_set(
    """Times Post Daily News Journal Herald Guardian Telegraph Tribune Gazette Observer Mail
    Express Mirror Independent Chronicle Star Sun Standard Economist Shimbun Ilbo Pravda
    Izvestia Asahi Yomiuri Nikkei Monde Figaro Spiegel Zeitung Hindu Dawn Kommersant"""
)
AGENCY_WORDS = word_set("Agency Xinhua KCNA Reuters AFP Yonhap Tass TASS Interfax Kyodo Bloomberg")


_POSSESSIVE = re.compile(r"['’]s?$")
_ARABIC_PREFIX = re.compile(r"(?:al|el|bin|ibn)-[A-Z]")


def bare(word: str) -> str:
    """``word`` without a possessive ending ("May’s" → "May")."""
    return _POSSESSIVE.sub("", word)


def is_cap(word: str) -> bool:
    """Whether ``word`` can be part of a name: capitalised, or "al-Assad"."""
    return word[:1].isupper() or bool(_ARABIC_PREFIX.match(word))


class Tok(NamedTuple):
    # A named tuple: made for every word of every article, and cheaper to build.
    text: str
    start: int
    end: int


def tokens(text: str, start: int = 0, end: int | None = None) -> list[Tok]:
    """The tokens of ``text[:end]`` that start at or after ``start``.

    ``start`` must be 0 or follow whitespace: no token spans whitespace, so
    tokenising from there gives the same tokens as tokenising from 0.
    """
    end = len(text) if end is None else end
    return [Tok(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text, start, end)]


def _last_tokens(text: str, end: int, count: int) -> list[Tok]:
    """The last ``count`` tokens of ``text[:end]``, tokenising only a window before ``end``.

    Tokenising all of ``text[:end]`` for every name made long paragraphs quadratic.
    """
    width = 64
    while True:
        start = end - width
        if start <= 0:
            return tokens(text, 0, end)[-count:]
        # Start just after a whitespace character, so the window tokenises as the whole does.
        space = _SPACE.search(text, start, end)
        if space is not None:
            toks = tokens(text, space.end(), end)
            if len(toks) >= count:
                return toks[-count:]
        width *= 4


@dataclass(frozen=True)
class Run:
    """A run of capitalised words: a name, maybe with a title before it."""

    start: int
    end: int
    words: tuple[str, ...]
    #: Where each word starts.
    starts: tuple[int, ...]

    @property
    def text(self) -> str:
        return " ".join((*self.words[:-1], bare(self.words[-1])))


def capital_runs(text: str) -> list[Run]:
    """Every run of capitalised words in ``text``, in order ("Jean de la Fontaine")."""
    runs: list[Run] = []
    current: list[Tok] = []
    toks = tokens(text)
    for i, tok in enumerate(toks):
        joins = is_cap(tok.text) or (
            current and tok.text in PARTICLES and i + 1 < len(toks) and is_cap(toks[i + 1].text)
        )
        if joins:
            current.append(tok)
            if bare(tok.text) != tok.text:  # a possessive ends the name
                runs.append(_run(current))
                current = []
            continue
        if current:
            runs.append(_run(current))
            current = []
    if current:
        runs.append(_run(current))
    return runs


def _run(toks: list[Tok]) -> Run:
    return Run(
        toks[0].start, toks[-1].end, tuple(t.text for t in toks), tuple(t.start for t in toks)
    )


@dataclass
class Person:
    """Someone named in full, with a title and a gender ("m"/"f") when the text gives them."""

    name: str
    role: str | None = None
    gender: str | None = None


@dataclass(frozen=True)
class Named:
    """An organisation, country or person known only by one name ("Reuters")."""

    name: str


def gender_of(role: str | None) -> str | None:
    words = set((role or "").lower().split())
    return "f" if words & _FEMININE else "m" if words & _MASCULINE else None


def role_word(word: str, gazetteer: Gazetteer) -> bool:
    low = word.lower()
    if low in TITLE_NOUNS or low in MODIFIERS:
        return True
    if "-" in low and all(p in TITLE_NOUNS or p in MODIFIERS for p in low.split("-")):
        return True
    # A demonym or a country in a title ("Chinese", "Japan's"), not a person's name; so
    # is one of its people ("Irishmen JP McManus and John Magnier", "Frenchman").
    if not word[:1].isupper():
        return False
    name = bare(word)
    known = gazetteer.lookup(name) or gazetteer.lookup(_PEOPLE_OF.sub("", name))
    return known is not None and known[1] != "person"


#: "-man", "-men", "-woman", "-women" after a demonym: "Irishmen", "Frenchwoman".
_PEOPLE_OF = re.compile(r"(?:wo)?m[ae]n$")


def valid_role(words: list[str]) -> bool:
    """A title must end in its head noun, or in "of/for ..." after it."""
    for i, word in enumerate(words):
        if word.lower() in TITLE_NOUNS or ("-" in word and word.lower() in TITLE_NOUNS):
            rest = words[i + 1 :]
            if not rest or rest[0].lower() in ("of", "for"):
                return True
    return False


#: The day a title was said on, not a word of it.
_DAY_NAMES = frozenset({*WEEKDAYS, "yesterday", "today"})


#: A style before a name, also a title alone ("Sheikh Ali said …").
_STYLES = frozenset({"sheikh", "sheik"})


def role_before(text: str, end: int, gazetteer: Gazetteer) -> tuple[str | None, int]:
    """The title just before ``end`` ("British prime minister"), and where it starts."""
    toks = _last_tokens(text, end, 8)
    taken: list[Tok] = []
    for i in range(len(toks) - 1, -1, -1):
        tok = toks[i]
        # Two-word places count too: "North Korean", "White House".
        pair = f"{toks[i - 1].text} {tok.text}" if i > 0 else ""
        if (
            role_word(tok.text, gazetteer)
            or tok.text in ("of", "for")
            # "the" inside an office's name: "Chancellor of the Exchequer".
            or (tok.text == "the" and taken and i > 0 and toks[i - 1].text == "of")
            or (tok.text[:1].isupper() and tok.text not in STOP and tok.text not in HONORIFICS)
            or (pair and role_word(pair, gazetteer))
            or (taken and role_word(f"{tok.text} {taken[0].text}", gazetteer))
            # "and" inside a body's name ("Ways and Means Committee Chairman"), not
            # between two people ("Nickles and Senator Steven Symms").
            or (
                tok.text in ("and", "&")
                and taken
                and taken[0].text[:1].isupper()
                and taken[0].text.lower() not in TITLE_NOUNS
                and i > 0
                and toks[i - 1].text[:1].isupper()
            )
        ):
            taken.insert(0, tok)
        else:
            break
    # Not a title's words: "of"/"for" left at its start, the day it was said ("On
    # Tuesday Velmar party chairman Ann Berg …").
    while taken and (taken[0].text in ("of", "for") or taken[0].text.lower() in _DAY_NAMES):
        taken.pop(0)
    # A Gulf name's style is not the title's end: "Velmar oil minister [Sheikh] Ali …".
    if (
        len(taken) > 1
        and taken[-1].text.lower() in _STYLES
        and valid_role([t.text for t in taken[:-1]])
    ):
        end = taken.pop().start
    if not taken or not valid_role([t.text for t in taken]):
        return None, end
    return text[taken[0].start : end].strip(), taken[0].start


_APPOSITIVE = re.compile(r",\s+(?:(?:the|a|an)\s+)?(?P<role>[^,.;:\"“”()]{2,80}?)\s*(?=[,.;:]|$)")


def role_after(text: str, pos: int, gazetteer: Gazetteer) -> str | None:
    """A title in apposition after a name (", the British prime minister,")."""
    match = _APPOSITIVE.match(text, pos)
    if not match:
        return None
    # "executive director of Kessel Watch in an interview with the BBC": the title ends
    # early.
    role = _ROLE_END.split(match.group("role"), maxsplit=1)[0]
    role = _CUT_ROLE.sub("", role)
    words = role.split()
    if not words or not role_word(words[0], gazetteer):
        return None
    return role if any(w.lower() in TITLE_NOUNS for w in words[:6]) else None


_ROLE_END = re.compile(
    r"\s+(?:in an? (?:interview|statement|speech)|during|yesterday|today|last"
    rf"|on (?:{'|'.join(WEEKDAY_NAMES)})|said|says|told|added)\b"
)
#: The end of a title cut short by a full stop inside a name: "director [of U]" of
#: "director of U.S. …", "chief meteorologist [for E]" of "E.F. Hutton", "analyst [with
#: Robert W]" of "Robert W. Kessel Inc".
_CUT_ROLE = re.compile(r"\s+(?:of|for|at|and|with|in)(?:(?:\s+[A-Z][\w'’&-]*)*\s+[A-Z])?$")


def name_part(words: Sequence[str], gazetteer: Gazetteer) -> int:
    """Index where the name starts in a run, after titles ("Prime Minister")."""
    i = 0
    while i < len(words) - 1 and (role_word(words[i], gazetteer) or words[i] in STOP):
        i += 1
    # "Treasury Secretary John Snow", "Conservative MP Michael Mates": a title
    # noun inside the run ends the title, if two or more words follow it.
    for k in range(len(words) - 3, i - 1, -1):
        if words[k].lower() in TITLE_NOUNS:
            return k + 1
    return i


_NEXT_WORD = re.compile(r"\s+(?:\w+ly\s+)?(\w+)")
_CLAUSE_END = re.compile(r"\s*(?:[,.;]|$)")


def _said_before(text: str, pos: int) -> bool:
    """Whether "said", "says" or "added" and whitespace come just before ``pos``."""
    # Walks back over the whitespace only: a regex anchored at ``pos`` would
    # scan the whole text before it, once per name.
    start = pos
    while start > 0 and text[start - 1].isspace():
        start -= 1
    return start < pos and text.endswith(("said", "says", "added"), 0, start)


def speech_next_to(text: str, run: Run) -> bool:
    """Whether the run is the subject of a speech verb: "Abe said", "said Abe."."""
    after = _NEXT_WORD.match(text, run.end)
    if after and SPEECH.fullmatch(after.group(1)):
        return True
    # "said Abe." but not "said Franklin would have played"
    return _said_before(text, run.start) and bool(_CLAUSE_END.match(text, run.end))


def is_organisation(words: Sequence[str]) -> bool:
    return bool(set(words) & (NEWSPAPER_WORDS | AGENCY_WORDS | _ORG_WORDS))


#: What ends a company's name: "Velmar Air Co", "… Holdings Plc".
COMPANY_SUFFIXES = word_set("Co Cos Corp Inc Ltd Plc PLC LLC AG SA NV")
_ORG_WORDS = (
    word_set(
        """Ministry Department Office Party Council Commission Committee Bank Group Company
    Union Organisation Organization Association Institute University Agency Army
    Navy Force Forces Government Parliament Congress Senate Court Foundation Fund Times
    AB Community"""
    )
    | COMPANY_SUFFIXES
)


class Roster:
    """The people an article names, by full name, with their title."""

    def __init__(self) -> None:
        self._people: dict[str, Person] = {}
        # Indexed by last and first word, so a look-up does not walk the whole roster.
        self._by_last: dict[str, list[Person]] = {}
        self._by_first: dict[str, list[Person]] = {}

    @property
    def people(self) -> Mapping[str, Person]:
        return MappingProxyType(self._people)

    def add(self, name: str) -> Person:
        """The person of this full name, entered on first sight."""
        person = self._people.get(name)
        if person is None:
            person = self._people[name] = Person(name)
            words = name.split()
            self._by_last.setdefault(words[-1], []).append(person)
            self._by_first.setdefault(words[0], []).append(person)
        return person

    def with_surname(self, surname: str) -> tuple[Person, ...]:
        """Everyone whose name ends in ``surname``."""
        return tuple(self._by_last.get(surname, ()))

    def by_surname(self, surname: str) -> Person | None:
        """The one person with this surname; None if none or several."""
        found = self.with_surname(surname)
        if not found:
            # Family name first: "Ambassador Bao Shusheng" ... "Bao said".
            found = tuple(self._by_first.get(surname, ()))
        return found[0] if len(found) == 1 else None

    def person_in(self, run: Run, gazetteer: Gazetteer) -> Person | None:
        """The person a run names ("Ms May", "prime minister Shinzo Abe", "Abe")."""
        words = [bare(w) for w in run.words]
        for i, word in enumerate(words):
            if word in HONORIFICS:
                if i + 1 == len(words):
                    return None
                # "Ms Okafor" named only so: still a person, of known gender.
                return self.by_surname(words[-1]) or (
                    None
                    if self.with_surname(words[-1])
                    else Person(" ".join(words[i:]), None, HONORIFICS[word])
                )
            if not role_word(word, gazetteer) and word not in STOP:
                name = " ".join(words[i:])
                if name in self._people:
                    return self._people[name]
                return self.by_surname(name) if len(words) - i == 1 else None
        return None
