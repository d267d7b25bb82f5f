"""Who is speaking: names, titles and references in news English.

Helpers for :mod:`briefgen.quotes`. A speaker is found next to a speech verb
("said", "told", "added") and is one of: a person named in full, perhaps with
a title before ("prime minister Shinzo Abe") or after (", the British prime
minister,"); an honorific and surname ("Ms May") resolved through the
article's :class:`Roster`; a pronoun ("she"); a noun standing for an
organisation ("the newspaper"); or a single name ("Reuters").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from briefgen.actors import Gazetteer

__all__ = [
    "Named",
    "OrgRef",
    "Person",
    "Pronoun",
    "Ref",
    "Roster",
    "Run",
    "build_roster",
    "capital_runs",
    "parse_after",
    "parse_before",
]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words that make a phrase a job title ("foreign ministry spokeswoman").
_TITLE_NOUNS = _words(
    """president minister premier chancellor secretary spokesman spokeswoman spokesperson
    chief executive director leader ambassador envoy governor senator congressman
    congresswoman mayor chairman chairwoman chair commander general king queen prince
    princess emperor pope head official adviser advisor analyst economist professor founder
    negotiator lawmaker legislator mp lawyer attorney judge commissioner diplomat sheikh
    ayatollah correspondent editor researcher expert candidate administrator inspector
    officer colonel admiral marshal prosecutor ceo coach counsel strategist representative
    deputy monarch
    boss manager coordinator rapporteur mediator investigator activist campaigner
    secretary-general president-elect vice-president"""
)
# Words that may stand in a title before its head noun.
_MODIFIERS = _words(
    """prime foreign defence defense finance trade interior home economy economic energy
    health justice deputy vice former acting senior top national security ministry
    department state military army navy party opposition government presidential press
    cabinet special assistant associate managing interim outgoing incoming supreme first
    chief executive general policy public affairs commerce industry environment
    international european regional central federal bank union council committee
    police rebel ruling labour labor opposition company group agency parliamentary"""
)
_HONORIFICS: dict[str, str | None] = {
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
_FEMININE = _words("spokeswoman chairwoman congresswoman queen princess")
_MASCULINE = _words("spokesman chairman congressman king prince")
_PARTICLES = _words("de da van von bin ibn al el del di du der la le")
# Words that stop a name when walking back from a verb ("Since Mr Abe said").
_STOP = _words(
    """The A An It This That These Those He She They We I You But And Or So Then If When
    While As In On At For From By With After Before Since Yet Asked Speaking Both Neither
    Meanwhile However Although Though Under Despite Apart Among Following Later Earlier"""
)
_PREPOSITIONS = _words("in at of from for with on by to into near outside inside")
_SKIPPABLE = _words("also later then previously earlier recently reportedly once again has had")
_PRONOUNS = {"he": "m", "she": "f"}
_SPEECH = re.compile(
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
_NEWSPAPER_WORDS = _words(
    """Times Post Daily News Journal Herald Guardian Telegraph Tribune Gazette Observer Mail
    Express Mirror Independent Chronicle Star Sun Standard Economist Shimbun Ilbo Pravda
    Izvestia Asahi Yomiuri Nikkei Monde Figaro Spiegel Zeitung Hindu Dawn Kommersant"""
)
_AGENCY_WORDS = _words("Agency Xinhua KCNA Reuters AFP Yonhap Tass TASS Interfax Kyodo Bloomberg")
_BLOCS = _words("EU ASEAN Mercosur ECOWAS G7 G20 BRICS")


def _bare(word: str) -> str:
    """``word`` without a possessive ending ("May’s" → "May")."""
    return re.sub(r"['’]s?$", "", word)


def _is_cap(word: str) -> bool:
    return word[:1].isupper() or bool(re.match(r"(?:al|el|bin|ibn)-[A-Z]", word))


@dataclass(frozen=True)
class _Tok:
    text: str
    start: int
    end: int


def _tokens(text: str) -> list[_Tok]:
    return [_Tok(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]


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
        return " ".join((*self.words[:-1], _bare(self.words[-1])))


def capital_runs(text: str) -> list[Run]:
    runs: list[Run] = []
    current: list[_Tok] = []
    toks = _tokens(text)
    for i, tok in enumerate(toks):
        joins = _is_cap(tok.text) or (
            current and tok.text in _PARTICLES and i + 1 < len(toks) and _is_cap(toks[i + 1].text)
        )
        if joins:
            current.append(tok)
            if _bare(tok.text) != tok.text:  # a possessive ends the name
                runs.append(_run(current))
                current = []
            continue
        if current:
            runs.append(_run(current))
            current = []
    if current:
        runs.append(_run(current))
    return runs


def _run(toks: list[_Tok]) -> Run:
    return Run(
        toks[0].start, toks[-1].end, tuple(t.text for t in toks), tuple(t.start for t in toks)
    )


@dataclass
class Person:
    name: str
    role: str | None = None
    gender: str | None = None


@dataclass(frozen=True)
class Named:
    """An organisation, country or person known only by one name ("Reuters")."""

    name: str


def _gender_of(role: str | None) -> str | None:
    words = set((role or "").lower().split())
    return "f" if words & _FEMININE else "m" if words & _MASCULINE else None


def _role_word(word: str, gazetteer: Gazetteer) -> bool:
    low = word.lower()
    if low in _TITLE_NOUNS or low in _MODIFIERS:
        return True
    if "-" in low and all(p in _TITLE_NOUNS or p in _MODIFIERS for p in low.split("-")):
        return True
    # A demonym or a country in a title ("Chinese", "Japan's"), not a person's name.
    known = gazetteer.lookup(_bare(word)) if word[:1].isupper() else None
    return known is not None and known[1] != "person"


def _valid_role(words: list[str]) -> bool:
    """A title must end in its head noun, or in "of/for ..." after it."""
    for i, word in enumerate(words):
        if word.lower() in _TITLE_NOUNS or ("-" in word and word.lower() in _TITLE_NOUNS):
            rest = words[i + 1 :]
            if not rest or rest[0].lower() in ("of", "for"):
                return True
    return False


def _role_before(text: str, end: int, gazetteer: Gazetteer) -> tuple[str | None, int]:
    """The title just before ``end`` ("British prime minister"), and where it starts."""
    toks = [t for t in _tokens(text[:end])][-8:]
    taken: list[_Tok] = []
    for i in range(len(toks) - 1, -1, -1):
        tok = toks[i]
        # Two-word places count too: "North Korean", "White House".
        pair = f"{toks[i - 1].text} {tok.text}" if i > 0 else ""
        if (
            _role_word(tok.text, gazetteer)
            or tok.text in ("of", "for")
            or (tok.text[:1].isupper() and tok.text not in _STOP and tok.text not in _HONORIFICS)
            or (pair and _role_word(pair, gazetteer))
            or (taken and _role_word(f"{tok.text} {taken[0].text}", gazetteer))
        ):
            taken.insert(0, tok)
        else:
            break
    while taken and taken[0].text in ("of", "for"):
        taken.pop(0)
    if not taken or not _valid_role([t.text for t in taken]):
        return None, end
    return text[taken[0].start : end].strip(), taken[0].start


_APPOSITIVE = re.compile(r",\s+(?:(?:the|a|an)\s+)?(?P<role>[^,.;:\"“”()]{2,80}?)\s*(?=[,.;:]|$)")


def _role_after(text: str, pos: int, gazetteer: Gazetteer) -> str | None:
    """A title in apposition after a name (", the British prime minister,")."""
    match = _APPOSITIVE.match(text, pos)
    if not match:
        return None
    # "executive director of Pro Public in an interview with the BBC": the title ends early.
    role = _ROLE_END.split(match.group("role"), maxsplit=1)[0]
    words = role.split()
    if not words or not _role_word(words[0], gazetteer):
        return None
    return role if any(w.lower() in _TITLE_NOUNS for w in words[:6]) else None


_ROLE_END = re.compile(
    r"\s+(?:in an? (?:interview|statement|speech)|during|yesterday|today|last|on (?:Monday|Tuesday"
    r"|Wednesday|Thursday|Friday|Saturday|Sunday))\b"
)


class Roster:
    """The people an article names, by full name, with their title."""

    def __init__(self) -> None:
        self.people: dict[str, Person] = {}

    def by_surname(self, surname: str) -> Person | None:
        """The one person with this surname; None if none or several."""
        found = [p for p in self.people.values() if p.name.split()[-1] == surname]
        if not found:
            # Family name first: "Ambassador Bao Shusheng" ... "Bao said".
            found = [p for p in self.people.values() if p.name.split()[0] == surname]
        return found[0] if len(found) == 1 else None

    def person_in(self, run: Run, gazetteer: Gazetteer) -> Person | None:
        """The person a run names ("Ms May", "prime minister Shinzo Abe", "Abe")."""
        words = [_bare(w) for w in run.words]
        for i, word in enumerate(words):
            if word in _HONORIFICS:
                if i + 1 == len(words):
                    return None
                # "Ms Okafor" named only so: still a person, of known gender.
                return self.by_surname(words[-1]) or (
                    None
                    if any(p.name.split()[-1] == words[-1] for p in self.people.values())
                    else Person(" ".join(words[i:]), None, _HONORIFICS[word])
                )
            if not _role_word(word, gazetteer) and word not in _STOP:
                name = " ".join(words[i:])
                if name in self.people:
                    return self.people[name]
                return self.by_surname(name) if len(words) - i == 1 else None
        return None


def _name_part(words: Sequence[str], gazetteer: Gazetteer) -> int:
    """Index where the name starts in a run, after titles ("Prime Minister")."""
    i = 0
    while i < len(words) - 1 and (_role_word(words[i], gazetteer) or words[i] in _STOP):
        i += 1
    # "Treasury Secretary John Snow", "Conservative MP Michael Mates": a title
    # noun inside the run ends the title, if two or more words follow it.
    for k in range(len(words) - 3, i - 1, -1):
        if words[k].lower() in _TITLE_NOUNS:
            return k + 1
    return i


def _speech_next_to(text: str, run: Run) -> bool:
    """Whether the run is the subject of a speech verb: "Abe said", "said Abe."."""
    after = re.match(r"\s+(?:\w+ly\s+)?(\w+)", text[run.end :])
    if after and _SPEECH.fullmatch(after.group(1)):
        return True
    # "said Abe." but not "said Franklin would have played"
    return bool(
        re.search(r"(?:said|says|added)\s+$", text[: run.start])
        and re.match(r"\s*(?:[,.;]|$)", text[run.end :])
    )


def _is_organisation(words: Sequence[str]) -> bool:
    return bool(set(words) & (_NEWSPAPER_WORDS | _AGENCY_WORDS | _ORG_WORDS))


_ORG_WORDS = _words(
    """Ministry Department Office Party Council Commission Committee Bank Group Company Corp
    Inc Ltd Union Organisation Organization Association Institute University Agency Army
    Navy Force Forces Government Parliament Congress Senate Court Foundation Fund Times"""
)


def build_roster(
    paragraphs: Sequence[str], quotes: Sequence[Sequence[tuple[int, int, int, int]]], gaz: Gazetteer
) -> Roster:
    """Everyone named in full with a title, an appositive, a quote or a later "Mr X"."""
    roster = Roster()
    runs = [
        [r for r in capital_runs(p) if not any(s <= r.start < e for s, e, _, _ in quotes[i])]
        for i, p in enumerate(paragraphs)
    ]
    honorific = {
        _bare(r.words[-1]): r.words[0] for rs in runs for r in rs if r.words[0] in _HONORIFICS
    }
    for text, paragraph_runs in zip(paragraphs, runs, strict=True):
        for run in paragraph_runs:
            words = [_bare(w) for w in run.words]
            # "Dr. Michael Norko", "Mr. John Smith": the honorific is not part of the name.
            title = words[0] if words[0] in _HONORIFICS and len(words) > 2 else None
            i = _name_part(words, gaz) if not title else 1
            name_words = words[i:]
            name = " ".join(name_words)
            known = gaz.lookup(name)
            if (
                len(name_words) < 2
                or any(w in _HONORIFICS for w in name_words)
                or "The" in words[:i]
                or (known is not None and known[1] != "person")
                or _is_organisation(name_words)
            ):
                continue
            role = _role_before(text, run.starts[i], gaz)[0] or _role_after(text, run.end, gaz)
            appositive = re.match(r",\s+(?:the|a|an|who)\s", text[run.end :])
            evidence = role or known or appositive or _speech_next_to(text, run)
            if not (evidence or name_words[-1] in honorific):
                continue
            person = roster.people.setdefault(name, Person(name))
            person.role = person.role or role
            person.gender = person.gender or _gender_of(role) or (title and _HONORIFICS[title])
    for surname, title in honorific.items():
        found = roster.by_surname(surname)
        if found and found.gender is None:
            found.gender = _HONORIFICS[title]
    return roster


_GENDER_WORDS = {
    "m": re.compile(r"(?<!\w)(?:[Hh]e|him|[Hh]is)(?!\w)"),
    "f": re.compile(r"(?<!\w)(?:[Ss]he|[Hh]er)(?!\w)"),
}


@dataclass(frozen=True)
class Pronoun:
    """ "he" or "she": the one person of the nearest earlier sentence."""

    gender: str

    def _candidate(self, run: Run, roster: Roster, gaz: Gazetteer) -> Person | None:
        person = roster.person_in(run, gaz)
        return person if person and person.gender in (None, self.gender) else None

    def accepts(self, run: Run, roster: Roster, gaz: Gazetteer) -> bool:
        return self._candidate(run, roster, gaz) is not None

    def carries(self, speaker: Person | Named | None) -> bool:
        """Whether the speaker of the quote before can be this "he" or "she"."""
        return isinstance(speaker, Person) and speaker.gender in (None, self.gender)

    def choose(
        self, runs: list[Run], roster: Roster, gaz: Gazetteer, text: str, start: int
    ) -> Named | Person | None:
        people = {p.name: p for r in runs if (p := self._candidate(r, roster, gaz))}
        if len(people) > 1:
            # "Ponting said he was confident Lehmann would be ready": the one
            # who speaks in that sentence is the one who goes on speaking.
            people = {
                p.name: p
                for r in runs
                if _speech_next_to(text, r) and (p := self._candidate(r, roster, gaz))
            }
        if len(people) != 1:
            return None
        # "He didn't regard the push by Vohor as an attack": the "he" of that
        # sentence is someone else, so Vohor is not the one speaking next.
        if _GENDER_WORDS[self.gender].search(text, start, runs[0].start):
            return None
        return next(iter(people.values()))


@dataclass(frozen=True)
class OrgRef:
    """ "the newspaper", "the agency", "the ministry": an organisation named just before."""

    noun: str

    def carries(self, speaker: Person | Named | None) -> bool:
        return isinstance(speaker, Named)

    def accepts(self, run: Run, roster: Roster, gaz: Gazetteer) -> bool:
        words = set(run.words)
        known = gaz.lookup(run.text)
        if self.noun in ("newspaper", "paper", "daily", "tabloid", "publication", "weekly"):
            return bool(words & _NEWSPAPER_WORDS) and known is None
        if self.noun == "agency":
            return bool(words & _AGENCY_WORDS) or bool(known and "Agency" in known[0])
        if self.noun == "ministry":
            return "Ministry" in words
        if self.noun == "alliance":
            return bool(known and known[0] == "NATO")
        if self.noun == "bloc":
            return bool(known and known[0] in _BLOCS | {"European Union", "African Union"})
        return bool(known and known[1] == "organisation")  # "the organisation", "the body"

    def choose(
        self, runs: list[Run], roster: Roster, gaz: Gazetteer, text: str, start: int
    ) -> Named | Person | None:
        # The subject of the sentence wins over others named in it:
        # "The Global Times, a publication of the People's Daily, ..."
        subject = [r for r in runs if r.start == start]
        names = {r.text for r in (subject or runs)}
        if len(names) != 1:
            return None
        name = names.pop()
        known = gaz.lookup(name)
        return Named(known[0] if known else name)


_ORG_NOUNS = _words(
    """newspaper paper daily tabloid publication weekly agency ministry alliance bloc
    organisation organization body"""
)
Ref = Person | Named | Pronoun | OrgRef


def _classify(
    words: list[str], role: str | None, roster: Roster, gaz: Gazetteer, *, opens: bool
) -> Person | Named | None:
    """What a name before or after a speech verb refers to; None if it may be a common noun."""
    words = [_bare(w) for w in words]
    name = " ".join(words)
    if words[0] in _HONORIFICS:
        if len(words) == 1:
            return None
        if len(words) > 2 and " ".join(words[1:]) in roster.people:
            return roster.people[" ".join(words[1:])]
        surname = words[-1]
        clash = [p for p in roster.people.values() if p.name.split()[-1] == surname]
        if len(clash) > 1:
            return None
        return clash[0] if clash else Person(name, role, _HONORIFICS[words[0]])
    known = gaz.lookup(name)
    if known and known[1] != "person":
        return Named(name)
    if _is_organisation(words) or words[0] == "The":
        return Named(name)
    if len(words) >= 2:
        person = roster.people.get(name) or Person(name, role, _gender_of(role))
        if role and person.role != role:
            person = Person(person.name, role, person.gender or _gender_of(role))
        return person
    by_surname = roster.by_surname(name)
    if by_surname:
        return by_surname
    # A lone capitalised word opening a sentence may be "Officials" or "Analysts".
    return None if opens else Named(name)


def _subject_backward(text: str, roster: Roster, gaz: Gazetteer) -> tuple[Ref, int] | None:
    """The speaker written just before a speech verb, and where its phrase starts."""
    toks = _tokens(text)
    while toks and toks[-1].text in _SKIPPABLE:
        toks.pop()
    if not toks:
        return None
    if toks[-1].text.lower() in _PRONOUNS and len(toks[-1].text) > 1:
        return Pronoun(_PRONOUNS[toks[-1].text.lower()]), toks[-1].start
    appositive: str | None = None
    if toks[-1].text == ",":
        # "Hua Chunying, a foreign ministry spokeswoman, said"
        commas = [i for i, t in enumerate(toks[:-1]) if t.text == ","]
        if not commas:
            return None
        appositive = _role_after(text, toks[commas[-1]].start, gaz)
        if appositive is None:
            return None
        toks = toks[: commas[-1]]
    name: list[_Tok] = []
    while toks and (_is_cap(toks[-1].text) or (toks[-1].text in _PARTICLES and name)):
        tok = toks[-1]
        longer = " ".join(_bare(t.text) for t in [tok, *name])
        if tok.text in _STOP or (
            _role_word(tok.text, gaz)
            and name
            and tok.text not in _HONORIFICS
            and gaz.lookup(longer) is None  # "European Union", not a "European" title
        ):
            break
        name.insert(0, toks.pop())
        if tok.text in _HONORIFICS:
            break
    if not name:
        # "the newspaper", "the foreign ministry"
        if toks and toks[-1].text in _ORG_NOUNS:
            rest = toks[:-1]
            while rest and rest[-1].text.lower() in _MODIFIERS:
                rest.pop()
            if rest and rest[-1].text.lower() == "the":
                return OrgRef(toks[-1].text), rest[-1].start
        return None
    if toks and toks[-1].text in _PREPOSITIONS:
        return None  # "a detainee in Woodhill Prison said": the name is not the subject
    if toks and toks[-1].text in ("The", "the"):
        bare = " ".join(_bare(t.text) for t in name)
        known = gaz.lookup(bare)  # "the European Union said"
        return Named(known[0] if known else f"The {bare}"), toks[-1].start
    role, start = _role_before(text, name[0].start, gaz)
    opens = not text[: min(start, name[0].start)].strip()
    found = _classify([t.text for t in name], appositive or role, roster, gaz, opens=opens)
    return (found, min(start, name[0].start)) if found else None


def _subject_forward(text: str, roster: Roster, gaz: Gazetteer) -> Ref | None:
    """The speaker written just after a speech verb ("said Hua Chunying, a spokeswoman")."""
    toks = _tokens(text)
    if not toks:
        return None
    if toks[0].text in _PRONOUNS:
        return Pronoun(_PRONOUNS[toks[0].text])
    if toks[0].text == "the":
        for tok in toks[1:5]:
            if tok.text in _ORG_NOUNS:
                return OrgRef(tok.text)
            if tok.text.lower() not in _MODIFIERS:
                break
    # The name is the first capitalised run not followed by more of a title:
    # "said United manager Sir Alex Ferguson", "said Roberto Guarnieri of Venezuela".
    i = 0
    while True:
        while i < len(toks) and not _is_cap(toks[i].text):
            if toks[i].text in ",.;:!?":
                return None
            i += 1
        j = i
        while j < len(toks) and (_is_cap(toks[j].text) or (toks[j].text in _PARTICLES and j > i)):
            j += 1
            if _bare(toks[j - 1].text) != toks[j - 1].text:
                break
        if j == i:
            return None
        possessive = _bare(toks[j - 1].text) != toks[j - 1].text  # "Chile's Ricardo Lagos"
        if possessive or (j < len(toks) and toks[j].text.lower() in _TITLE_NOUNS | _MODIFIERS):
            i = j
            continue
        # "Tory shadow local government secretary Caroline Spelman": lower-case
        # words that end in a title noun, then the name.
        k = j
        while k < len(toks) and toks[k].text.islower() and k - j < 6:
            k += 1
        if j < k < len(toks) and _is_cap(toks[k].text) and toks[k - 1].text in _TITLE_NOUNS:
            i = k
            continue
        # "Bank of Japan chief Toshihiko Fukui": an organisation, then a title.
        k = j + 1
        while (
            j + 1 < len(toks) and toks[j].text == "of" and k < len(toks) and _is_cap(toks[k].text)
        ):
            k += 1
        if k > j + 1 and k < len(toks) and toks[k].text.lower() in _TITLE_NOUNS | _MODIFIERS:
            i = k
            continue
        break
    # Titles written in capitals belong to the role: "Prime Minister Shinzo Abe".
    i += _name_part([t.text for t in toks[i:j]], gaz)
    role_words = [t.text for t in toks[:i]]
    if role_words and not all(
        w[:1].isupper() or w in ("of", "for") or _role_word(w, gaz) for w in role_words
    ):
        return None
    role = text[toks[0].start : toks[i].start].strip() if _valid_role(role_words) else None
    role = _role_after(text, toks[j - 1].end, gaz) or role
    return _classify([t.text for t in toks[i:j]], role, roster, gaz, opens=False)


def parse_after(
    after: str, roster: Roster, gaz: Gazetteer, *, quote_opens_sentence: bool
) -> Ref | None:
    """The speaker from the words after a quotation (``, Mr Abe said.``)."""
    verb = _SPEECH.search(after)
    if not verb:
        return None
    pre, post = after[: verb.start()], after[verb.end() :]
    if not pre.strip(" ,"):
        return _subject_forward(post, roster, gaz)
    found = _subject_backward(pre, roster, gaz)
    if found is None:
        return None
    ref, start = found
    leftover = pre[:start].strip()
    if not leftover.strip(","):
        return ref
    # '"...a threat" to Japan, prime minister Shinzo Abe told ...': the quote ran on into
    # a few words of the sentence before the speaker.
    if quote_opens_sentence and leftover.endswith(",") and len(leftover.split()) <= 6:
        return ref
    return None


def parse_before(before: str, roster: Roster, gaz: Gazetteer) -> Ref | None:
    """The speaker from the words before a quotation (``Ms May added:``)."""
    text = before.rstrip().rstrip(":,")
    verbs = list(_SPEECH.finditer(text))
    if not verbs:
        return None
    tail = text[verbs[-1].end() :]
    if "," in tail or len(tail.split()) > 6:
        return None
    found = _subject_backward(text[: verbs[-1].start()], roster, gaz)
    return found[0] if found else None
