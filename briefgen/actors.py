"""The countries, leaders and organisations a briefing talks about.

Names come from a gazetteer that ships with the package
(``briefgen/data/gazetteer.toml``): countries with their demonyms and
capitals, international organisations, and leaders. People missing from it
are still found when a title introduces them ("Foreign Minister Wang Yi"),
and a later "Mr Wang" counts for the same person.

Matching is one compiled regular expression built as a trie of every alias,
so a day's worth of articles is scanned in one pass per text.
"""

from __future__ import annotations

import re
import tomllib
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache, cached_property
from importlib import resources
from typing import Any, Literal

from briefgen.errors import ConfigError
from briefgen.models import Actor
from briefgen.nlp.tokenize import strip_accents, word_set

__all__ = [
    "Gazetteer",
    "TextHits",
    "find_actors",
    "load_gazetteer",
    "parse_gazetteer",
    "rank_actors",
    "scan_actors",
]

ActorKind = Literal["country", "person", "organisation"]

_BUILTIN = "briefgen/data/gazetteer.toml"
_TABLES: dict[str, ActorKind] = {
    "countries": "country",
    "organisations": "organisation",
    "people": "person",
}

_UPPER = "A-ZÀ-ÖØ-ÞĀ-Ž"
_NAME_WORD = rf"[{_UPPER}][\w'’-]*"

# Titles that introduce a person not in the gazetteer. Case-insensitive, since
# some outlets write "prime minister Shinzo Abe" and others "Prime Minister".
# "General" is left out: "General Motors" is not a person.
_TITLES = (
    "president",
    "vice[- ]president",
    "prime minister",
    "deputy prime minister",
    "premier",
    "chancellor",
    "(?:foreign|defen[cs]e|finance|trade|interior|home|economy|justice) minister",
    "minister",
    "foreign secretary",
    "home secretary",
    "secretary of state",
    "secretary[- ]general",
    "king",
    "queen",
    "crown prince",
    "emperor",
    "ambassador",
    "senator",
    "governor",
    "chairman",
    "sheikh",
    "spokes(?:man|woman|person)",
    "minister (?:of|for) (?:the )?\\w+",
)
# A middle initial ("Antony J. Blinken") belongs to the name; stopping at it would make
# "Antony J" a person of its own.
_TITLED = re.compile(
    rf"(?<!\w)(?i:{'|'.join(_TITLES)})\s+"
    rf"(?P<name>{_NAME_WORD}(?:\s+(?:[{_UPPER}]\.\s+)?"
    rf"(?:(?:de|da|van|von|bin|al|el|del)\s+)?{_NAME_WORD}){{0,3}})"
)
#: The word just before a name, when it is capitalised and in the same clause: a
#: given name, a title, or another name ("Gerhard Stoltenberg", "Chancellor Schroeder").
_WORD_BEFORE = re.compile(rf"(?<![\w'’.-])(?P<word>[{_UPPER}][\w.]*) $")
#: A compass point and "and" before a name that opens with another: the first name of
#: "North and South Korea" or "East and West German", whose last word is left out.
#: ("Far East and West Germany" is not East Germany.)
_ELIDED = re.compile(
    r"(?<![\w-])(?<!Far )(?<!Near )(?<!Middle )"
    r"(?P<point>North|South|East|West)\s+(?:and|or|&)\s+$"
)
_POINTS = ("North ", "South ", "East ", "West ")
#: Another name joined to a surname by a hyphen ("Schroeder-Hohenwarth").
_JOINED_NAME = re.compile(rf"-(?P<word>[{_UPPER}][\w'’]*)")
#: Words of a title (and honorifics) that may stand before a surname alone.
_TITLE_WORDS = word_set(
    """president vice premier prime minister chancellor secretary foreign defence
    defense finance trade interior home economy justice general secretary-general
    king queen crown prince emperor ambassador senator governor chairman sheikh
    spokesman spokeswoman chief leader mr mrs ms miss dr sir dame lord lady gen col
    adm sen sec rep gov pres mayor judge commissioner director envoy pope"""
)
#: Capitalised words before a surname that are no given name: a sentence's first word,
#: a day, a month.
_NOT_GIVEN_NAMES = word_set(
    """the a an in on at for from by with after before since when while as but and or so
    then if yet under despite among following later earlier meanwhile however although
    though asked both also only even like unlike without against between to of over
    during until because why how what where who it this that these those he she they we
    i you yesterday today tonight monday tuesday wednesday thursday friday saturday
    sunday january february march april may june july august september october november
    december"""
)

#: Titles that make the name after them a person's ("Rep. Jordan", "Mr Chad").
_PERSON_TITLES = word_set(
    """mr mrs ms miss dr sir dame lord lady rep sen gov senator governor congressman
    congresswoman representative judge coach"""
)
#: Capitalised words before a country's name that make no person's name of it: a
#: region, an epithet or a call to go there ("Northern Chad", "Soviet Georgia", "Visit
#: Kenya").
_PLACE_WORDS = word_set(
    """north northern south southern east eastern west western central greater upper
    lower new old modern ancient imperial independent occupied free rural coastal
    british french soviet ottoman royal air team visit visiting"""
)

#: A word of running text, for telling a headline in title case from a sentence.
_WORDS = re.compile(r"[^\W\d_][\w'’-]*")
#: Words a title-case headline leaves in lower case.
_SMALL_WORDS = word_set("a an the of to in on at by for and or but as vs with from")


def _fold(text: str) -> str:
    """``text`` without accents, in lower case ("Inácio" and "Inacio" are one word)."""
    return strip_accents(text).lower()


@cache
def _name_words(name: str) -> tuple[str, ...]:
    """The words of a known person's canonical name, folded (read once per name)."""
    return tuple(_fold(name).split())


_HONORIFIC = re.compile(rf"(?<!\w)(?:Mr|Mrs|Ms|Miss|Dr)\.?\s+(?P<name>{_NAME_WORD})")
_POSSESSIVE = re.compile(r"['’]s?$")


@dataclass(frozen=True)
class _Entry:
    name: str
    kind: ActorKind


@dataclass(frozen=True)
class Gazetteer:
    """Aliases of known actors, compiled for matching.

    ``aliases`` maps every way of writing a name (the canonical name
    included) to its entry; ``None`` marks a phrase to skip ("Washington
    Post").
    """

    aliases: Mapping[str, _Entry | None]
    pattern: re.Pattern[str]
    source: str
    #: The state (a country) or the international body (an organisation) each leader
    #: speaks for, by canonical name: the ``[leaders]`` table.
    leaders: Mapping[str, tuple[str, ActorKind]] = field(default_factory=dict)
    #: The states that ended, each with the state that now holds its capital and the day
    #: it ended: the ``[former]`` table ("Soviet Union": ("Russia", 1991-12-26)).
    former: Mapping[str, tuple[str, date]] = field(default_factory=dict)
    #: Countries' names that are also people's: the ``[ambiguous]`` table's ``people``.
    people: frozenset[str] = frozenset()
    #: Countries' names that are also a US state's, each with the places that tell the
    #: state (``places``) and those that tell the country (``abroad``):
    #: ``[ambiguous.states]``.
    states: Mapping[str, tuple[re.Pattern[str], re.Pattern[str]]] = field(default_factory=dict)

    @cached_property
    def carried_on(self) -> Mapping[str, tuple[str, ...]]:
        """Each state that carries on former ones, with them: :attr:`former` turned round
        ("Germany": ("West Germany", "East Germany"))."""
        later: dict[str, tuple[str, ...]] = {}
        for old, (now, _) in self.former.items():
            later[now] = (*later.get(now, ()), old)
        return later

    def lookup(self, phrase: str) -> tuple[str, ActorKind] | None:
        """The canonical name and kind of ``phrase``, if it is an alias of a known actor."""
        entry = self.aliases.get(phrase)
        return (entry.name, entry.kind) if entry else None

    def scan(self, text: str) -> Iterator[tuple[int, int, str, ActorKind]]:
        """Known actors in ``text``: (start, end, canonical name, kind), longest match first.

        A person's surname alone is someone else's when another given name comes before
        it ("Gerhard Stoltenberg" is not Jens), and so is that surname alone anywhere
        later in the text ("Stoltenberg said"); or when another name is joined to it by a
        hyphen ("Schroeder-Hohenwarth"). A title, a possessive or a part of the person's
        own name may come before it ("Chancellor Schroeder", "Norway's Stoltenberg",
        "Luiz Inacio Lula", "Don Rumsfeld"). "North and South Korea" names both Koreas,
        the first at "North"."""
        others: set[str] = set()
        us_states: dict[str, bool] = {}  # each state's name: whether ``text`` means it
        for match in self.pattern.finditer(text):
            alias = match.group()
            entry = self.aliases[alias]
            if entry is None:
                continue
            if entry.kind == "country" and alias in self.states:
                if alias not in us_states:
                    us_states[alias] = self._the_us_state(text, alias)
                if us_states[alias]:
                    continue
            if (
                entry.kind == "country"
                and alias in self.people
                and self._persons_name(text, match.start(), match.end())
            ):
                continue
            if entry.kind == "country" and alias.startswith(_POINTS):
                elided = self._elided(text, match.start(), alias, entry.name)
                if elided is not None:
                    yield elided
            if entry.kind == "person" and " " not in alias:
                if alias in others:
                    continue
                joined = _JOINED_NAME.match(text, match.end())
                if joined and joined["word"] not in self.aliases:
                    continue
                if self._another_persons(text, match.start(), match.end(), entry.name):
                    others.add(alias)
                    continue
            yield match.start(), match.end(), entry.name, entry.kind

    def _elided(
        self, text: str, start: int, alias: str, name: str
    ) -> tuple[int, int, str, ActorKind] | None:
        """The country named by a compass point before ``alias`` (``name``'s) at ``start``
        whose other words are left out ("North" of "North and South Korea"), if any."""
        before = _ELIDED.search(text, max(0, start - 12), start)
        if before is None:
            return None
        point = before["point"]
        entry = self.aliases.get(point + alias[alias.index(" ") :])
        if entry is None or entry.name == name:
            return None
        return before.start(), before.start() + len(point), entry.name, entry.kind

    def _the_us_state(self, text: str, alias: str) -> bool:
        """Whether ``alias`` in ``text`` is the US state of that name, not the country: the
        text names one of the state's places or another state ("Atlanta", "Alabama"), or
        a name runs on from it ("Georgia Power", "Georgia-Pacific"); and none of the
        country's ("Tbilisi", "Soviet")."""
        places, abroad = self.states[alias]
        if abroad.search(text):
            return False
        if places.search(text):
            return True
        for after in re.finditer(
            rf"(?<!\w){re.escape(alias)}[- ](?P<word>[{_UPPER}][\w'’]*)", text
        ):
            word = after["word"]
            if word in self.aliases or _fold(word) in _TITLE_WORDS:
                continue
            if _running_text(text, after.start(), after.end()):
                return True
        return False

    def _persons_name(self, text: str, start: int, end: int) -> bool:
        """Whether the country's name at ``start`` is a person's name or part of one: a
        title or a given name comes just before it ("Rep. Jim Jordan", "Sen. Jordan",
        "Jerry Jordan"), in running text (a title-case headline capitalises every word)."""
        before = _WORD_BEFORE.search(text, max(0, start - 40), start)
        if before is None:
            return False
        word = before["word"]
        if _fold(word.rstrip(".")) in _PERSON_TITLES:
            return True
        if word in self.aliases or _fold(word) in _PLACE_WORDS:
            return False
        # Otherwise as a surname with another's given name before it (no person's own).
        return self._another_persons(text, start, end, "")

    @staticmethod
    def _another_persons(text: str, start: int, end: int, name: str) -> bool:
        """Whether another given name comes just before the surname at ``start``."""
        before = _WORD_BEFORE.search(text, max(0, start - 40), start)
        if before is None or before["word"].endswith("."):
            return False  # no name before; a sentence's end, an initial ("Antony J.")
        word = _fold(before["word"])
        if word in _TITLE_WORDS or word in _NOT_GIVEN_NAMES:
            return False
        # The person's own given name, or its short form ("Don Rumsfeld").
        if any(part.startswith(word) for part in _name_words(name)):
            return False
        # A headline in title case capitalises every word ("Kim Accepts Trump's
        # Invitation"): a capital there says nothing.
        return _running_text(text, start, end)


def _running_text(text: str, start: int, end: int) -> bool:
    """Whether the words around ``start``–``end`` on its line are running text, some of
    them in lower case, not a headline in title case that capitalises every word."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end == -1 else line_end
    around = _WORDS.findall(text, max(line_start, start - 40), min(line_end, end + 40))
    return any(w[0].islower() and w not in _SMALL_WORDS for w in around)


_Trie = dict[str, "_Trie"]


def _trie_regex(words: Iterable[str]) -> str:
    """A regex matching any of ``words``, preferring the longest at a given start.

    A flat alternation of a thousand names is tried name by name at every
    position; a trie shares prefixes, so the engine follows one path.
    """
    trie: _Trie = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: _Trie) -> str:
        branches = [re.escape(char) + build(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        # Greedy "?" tries the longer names first and backs off to this one.
        return f"(?:{body})?" if "" in node else body

    return build(trie)


def _plural(alias: str) -> str | None:
    """The plural of a one-word demonym ("Afghan" → "Afghans", "Iraqi" → "Iraqis")."""
    if " " in alias or not alias[:1].isupper() or not alias.endswith(("an", "i")):
        return None
    return alias + "s"


def parse_gazetteer(content: str, where: str = _BUILTIN) -> Gazetteer:
    """Build a :class:`Gazetteer` from TOML text; ``where`` names it in error messages."""
    try:
        raw = tomllib.loads(content)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"gazetteer {where}: not valid TOML: {exc}") from exc
    aliases: dict[str, _Entry | None] = {}

    def add(alias: str, entry: _Entry | None, key: str) -> None:
        old = aliases.get(alias)
        if alias in aliases and old != entry:
            owner = old.name if old else "[ignore]"
            raise ConfigError(
                f"gazetteer {where}: {key}: alias {alias!r} already belongs to {owner!r}; "
                "give each alias to one name only"
            )
        aliases[alias] = entry

    for table, kind in _TABLES.items():
        names = raw.get(table, {})
        if not isinstance(names, dict):
            raise ConfigError(f"gazetteer {where}: [{table}] must be a table of name = [aliases]")
        for name, extra in names.items():
            key = f"{table}.{name}"
            if not isinstance(extra, list) or not all(isinstance(a, str) for a in extra):
                raise ConfigError(f"gazetteer {where}: {key} must be a list of strings")
            entry = _Entry(name, kind)
            add(name, entry, key)
            for alias in extra:
                add(alias, entry, key)
                plural = _plural(alias) if kind == "country" else None
                if plural and plural not in aliases:
                    aliases[plural] = entry
    ignore = raw.get("ignore", {}).get("phrases", [])
    if not isinstance(ignore, list) or not all(isinstance(p, str) for p in ignore):
        raise ConfigError(f"gazetteer {where}: ignore.phrases must be a list of strings")
    for phrase in ignore:
        add(phrase, None, "ignore.phrases")
    unknown = set(raw) - set(_TABLES) - {"ignore", "leaders", "former", "ambiguous"}
    if unknown:
        raise ConfigError(
            f"gazetteer {where}: unknown table(s) {', '.join(sorted(unknown))}; "
            f"known: {', '.join([*_TABLES, 'leaders', 'former', 'ignore', 'ambiguous'])}"
        )
    people, states = _ambiguous(raw, aliases, where)
    return Gazetteer(
        aliases=aliases,
        pattern=re.compile(rf"(?<!\w)(?:{_trie_regex(aliases)})(?!\w)"),
        source=where,
        leaders=_leaders(raw, where),
        former=_former(raw, where),
        people=people,
        states=states,
    )


def _ambiguous(
    raw: Mapping[str, Any], aliases: Mapping[str, _Entry | None], where: str
) -> tuple[frozenset[str], dict[str, tuple[re.Pattern[str], re.Pattern[str]]]]:
    """The ``[ambiguous]`` table, checked: ``people``, names of countries; ``states``,
    for each name of a country, the ``places`` and the ``abroad`` that tell which."""
    table = raw.get("ambiguous", {})
    if not isinstance(table, dict) or set(table) - {"people", "states"}:
        raise ConfigError(f"gazetteer {where}: [ambiguous] holds people = [names] and states")

    def country_name(name: object, key: str) -> str:
        entry = aliases.get(name) if isinstance(name, str) else None
        if not isinstance(name, str) or entry is None or entry.kind != "country":
            raise ConfigError(f"gazetteer {where}: {key}: {name!r} is no country's name")
        return name

    people = table.get("people", [])
    if not isinstance(people, list):
        raise ConfigError(f"gazetteer {where}: ambiguous.people must be a list of names")
    states: dict[str, tuple[re.Pattern[str], re.Pattern[str]]] = {}
    for name, places in table.get("states", {}).items():
        key = f"ambiguous.states.{name}"
        country_name(name, key)
        patterns: list[re.Pattern[str]] = []
        for part in ("places", "abroad"):
            words = places.get(part) if isinstance(places, dict) else None
            if (
                not isinstance(words, list)
                or not words
                or not all(isinstance(w, str) for w in words)
            ):
                raise ConfigError(f"gazetteer {where}: {key}.{part} must be a list of names")
            patterns.append(re.compile(rf"(?<!\w)(?:{'|'.join(map(re.escape, words))})(?!\w)"))
        states[name] = (patterns[0], patterns[1])
    return frozenset(country_name(n, "ambiguous.people") for n in people), states


def _former(raw: Mapping[str, Any], where: str) -> dict[str, tuple[str, date]]:
    """The ``[former]`` table, checked: each entry a country of ``[countries]`` with
    ``is`` (another country) and ``ended`` (a date)."""
    table = raw.get("former", {})
    if not isinstance(table, dict):
        raise ConfigError(f"gazetteer {where}: [former] must be a table of state = {{is, ended}}")
    countries = raw.get("countries", {})
    former: dict[str, tuple[str, date]] = {}
    for name, entry in table.items():
        key = f"former.{name}"
        if name not in countries:
            raise ConfigError(f"gazetteer {where}: {key}: not a country of [countries]")
        if not isinstance(entry, dict) or set(entry) != {"is", "ended"}:
            raise ConfigError(f"gazetteer {where}: {key} must be {{ is = state, ended = date }}")
        later, ended = entry["is"], entry["ended"]
        if not isinstance(later, str) or later not in countries or later == name:
            raise ConfigError(f"gazetteer {where}: {key}: is = {later!r} is not another country")
        if type(ended) is not date:
            raise ConfigError(f"gazetteer {where}: {key}: ended = {ended!r} is not a date")
        former[name] = (later, ended)
    return former


def _leaders(raw: Mapping[str, Any], where: str) -> dict[str, tuple[str, ActorKind]]:
    """The ``[leaders]`` table, checked: each name a person of ``[people]``, under one
    country or organisation of the gazetteer."""
    table = raw.get("leaders", {})
    if not isinstance(table, dict):
        raise ConfigError(f"gazetteer {where}: [leaders] must be a table of place = [people]")
    places: dict[str, ActorKind] = {
        name: kind for t, kind in _TABLES.items() if kind != "person" for name in raw.get(t, {})
    }
    people = raw.get("people", {})
    leaders: dict[str, tuple[str, ActorKind]] = {}
    for place, names in table.items():
        key = f"leaders.{place}"
        if place not in places:
            raise ConfigError(f"gazetteer {where}: {key}: not a country or organisation")
        if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
            raise ConfigError(f"gazetteer {where}: {key} must be a list of names")
        for name in names:
            if name not in people:
                raise ConfigError(f"gazetteer {where}: {key}: {name!r} is not in [people]")
            if name in leaders:
                raise ConfigError(
                    f"gazetteer {where}: {key}: {name!r} already speaks for "
                    f"{leaders[name][0]!r}; give each leader one place only"
                )
            leaders[name] = (place, places[place])
    return leaders


def _unique_surnames(names: Iterable[str]) -> dict[str, str]:
    """Surname → person, for surnames that only one of ``names`` has.

    The family name is usually last; a unique first word counts too when no
    name ends with it, since Chinese and Korean names put it first
    ("Foreign Minister Wang Hailong" → "Mr Wang").
    """
    last: dict[str, set[str]] = {}
    first: dict[str, set[str]] = {}
    for name in names:
        parts = name.split()
        if len(parts) > 1:
            last.setdefault(parts[-1], set()).add(name)
            first.setdefault(parts[0], set()).add(name)
    unique = {s: next(iter(n)) for s, n in first.items() if len(n) == 1 and s not in last}
    unique.update({s: next(iter(n)) for s, n in last.items() if len(n) == 1})
    return unique


@cache
def country_names() -> Mapping[str, tuple[str, ...]]:
    """Every name of a country in the shipped gazetteer, for each of its names ("U.S.":
    "United States", "US", "U.S.", "America", "American", …). Read from the
    countries table alone: cheaper than :func:`load_gazetteer` when only they matter."""
    content = resources.files("briefgen").joinpath("data", "gazetteer.toml").read_text("utf-8")
    out: dict[str, tuple[str, ...]] = {}
    for name, aliases in tomllib.loads(content)["countries"].items():
        names = (name, *aliases)
        out.update(dict.fromkeys(names, names))
    return out


@cache
def load_gazetteer() -> Gazetteer:
    """The gazetteer shipped with briefgen (parsed once per process)."""
    content = resources.files("briefgen").joinpath("data", "gazetteer.toml").read_text("utf-8")
    return parse_gazetteer(content, _BUILTIN)


def _as_then(counts: Counter[tuple[str, ActorKind]], on: date, gazetteer: Gazetteer) -> None:
    """Moves each later state's mentions in ``counts`` to the former state it was ``on``."""
    for later, former in gazetteer.carried_on.items():
        olds = [old for old in former if on < gazetteer.former[old][1]]
        named = olds if len(olds) == 1 else [old for old in olds if counts[(old, "country")]]
        if len(named) == 1 and (later, "country") in counts:
            counts[(named[0], "country")] += counts.pop((later, "country"))


def _strip_possessive(name: str) -> str:
    return _POSSESSIVE.sub("", name) if name.endswith(("'s", "’s", "s'", "s’")) else name


@dataclass
class TextHits:
    """The mentions found in one text, before they are counted across texts."""

    known: list[tuple[str, ActorKind]]
    titled: list[str]
    honorifics: list[str]


def _scan(text: str, gazetteer: Gazetteer) -> TextHits:
    known: list[tuple[str, ActorKind]] = []
    # Spans already given to a name, sorted and never overlapping (the scan's matches
    # do not overlap, and a span is added only where it is free), so whether a span
    # is free is one binary search: a scan over all spans made long texts quadratic.
    starts: list[int] = []
    ends: list[int] = []
    for start, end, name, kind in gazetteer.scan(text):
        known.append((name, kind))
        starts.append(start)
        ends.append(end)

    def free(start: int, end: int) -> bool:
        i = bisect_left(starts, end) - 1  # the last span starting before ``end``
        return i < 0 or ends[i] <= start

    titled = []
    for match in _TITLED.finditer(text):
        name = _strip_possessive(match.group("name"))
        if free(match.start("name"), match.end("name")) and gazetteer.lookup(name) is None:
            titled.append(name)
            i = bisect_left(starts, match.start("name"))
            starts.insert(i, match.start("name"))
            ends.insert(i, match.end("name"))
    honorifics = [
        _strip_possessive(m.group("name"))
        for m in _HONORIFIC.finditer(text)
        if free(m.start("name"), m.end("name"))
    ]
    return TextHits(known, titled, honorifics)


def find_actors(
    texts: Iterable[str],
    *,
    limit: int = 15,
    gazetteer: Gazetteer | None = None,
    on: date | None = None,
) -> list[Actor]:
    """The actors mentioned in ``texts``, most mentioned first (ties by name).

    Every mention counts: an article naming Japan five times gives Japan
    five mentions. A person introduced by a title ("President Moon Jae-in")
    is a person even if the gazetteer lacks them; "Mr/Ms Surname" counts for
    the one person of that surname named in full in ``texts`` (or listed
    with that form in the gazetteer), and is skipped when that is ambiguous.
    On a day ``on`` before a former state ended, the state that now holds its capital
    counts for it (see :func:`rank_actors`).
    """
    gaz = gazetteer or load_gazetteer()
    return rank_actors([_scan(text, gaz) for text in texts], limit=limit, on=on, gazetteer=gaz)


def scan_actors(text: str, gazetteer: Gazetteer | None = None) -> TextHits:
    """What :func:`find_actors` reads from one text; stored with an article's analysis."""
    return _scan(text, gazetteer or load_gazetteer())


def rank_actors(
    hits: Sequence[TextHits],
    *,
    limit: int = 15,
    on: date | None = None,
    gazetteer: Gazetteer | None = None,
) -> list[Actor]:
    """:func:`find_actors` over texts already scanned with :func:`scan_actors`.

    With ``on``, the edition's day, a state that did not yet exist as such counts for
    the former state it was then (the gazetteer's ``[former]`` table): "Moscow" and
    "Russian" in a 1987 wire are the Soviet Union. Where two former states became one,
    "German" counts for West or East Germany only when the texts name one of the two.
    """
    counts: Counter[tuple[str, ActorKind]] = Counter()
    full_names: set[str] = set()
    for hit in hits:
        counts.update(hit.known)
        full_names.update(name for name, kind in hit.known if kind == "person")
        for name in hit.titled:
            if " " in name:
                counts[(name, "person")] += 1
                full_names.add(name)
    if on is not None:
        _as_then(counts, on, gazetteer or load_gazetteer())
    local = _unique_surnames(full_names)
    for hit in hits:
        for surname in [*hit.honorifics, *(n for n in hit.titled if " " not in n)]:
            # Only someone the texts name in full: "Mr Howard" could be John or Michael.
            person = local.get(surname)
            if person:
                counts[(person, "person")] += 1
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0][0]))
    return [Actor(name=name, kind=kind, mentions=n) for (name, kind), n in ranked[:limit]]
