"""Who is speaking: the people an article names, and who speaks a quotation.

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
from briefgen.names import (
    AGENCY_WORDS,
    COMPANY_SUFFIXES,
    HONORIFICS,
    MODIFIERS,
    NEWSPAPER_WORDS,
    PARTICLES,
    SPEECH,
    STOP,
    TITLE_NOUNS,
    Named,
    Person,
    Roster,
    Run,
    Tok,
    bare,
    gender_of,
    is_cap,
    is_organisation,
    name_part,
    role_after,
    role_before,
    role_word,
    speech_next_to,
    tokens,
    valid_role,
    word_set,
)

__all__ = [
    "OrgRef",
    "Pronoun",
    "Ref",
    "build_roster",
    "parse_after",
    "parse_before",
]

_PREPOSITIONS = word_set("in at of from for with on by to into near outside inside")
_SKIPPABLE = word_set("also later then previously earlier recently reportedly once again has had")
_PRONOUNS = {"he": "m", "she": "f"}
_BLOCS = word_set("EU ASEAN Mercosur ECOWAS G7 G20 BRICS")
#: A title's head nouns and the words before them, as one set (made once, not per word).
_ROLE_WORDS = TITLE_NOUNS | MODIFIERS


_APPOSITIVE_START = re.compile(r",\s+(?:the|a|an|who)\s")


def build_roster(
    paragraphs: Sequence[str], runs: Sequence[Sequence[Run]], gaz: Gazetteer
) -> Roster:
    """Everyone named in full with a title, an appositive, a quote or a later "Mr X".

    ``runs`` are each paragraph's :func:`capital_runs` outside quotation marks.
    """
    roster = Roster()
    honorific = {
        bare(r.words[-1]): r.words[0] for rs in runs for r in rs if r.words[0] in HONORIFICS
    }
    # A surname that speaks alone later ("Fendt said …") is a person's: wire copy names
    # someone in full once, with a title the roster may not read, then by surname.
    speaking = {
        bare(r.words[0])
        for text, rs in zip(paragraphs, runs, strict=True)
        for r in rs
        if len(r.words) == 1 and speech_next_to(text, r)
    }
    for text, paragraph_runs in zip(paragraphs, runs, strict=True):
        for run in paragraph_runs:
            words = [bare(w) for w in run.words]
            # "Dr. Michael Norko", "Mr. John Smith": the honorific is not part of the name.
            title = words[0] if words[0] in HONORIFICS and len(words) > 2 else None
            i = name_part(words, gaz) if not title else 1
            name_words = words[i:]
            name = " ".join(name_words)
            known = gaz.lookup(name)
            if (
                len(name_words) < 2
                or any(w in HONORIFICS for w in name_words)
                or "The" in words[:i]
                or (known is not None and known[1] != "person")
                or is_organisation(name_words)
            ):
                continue
            role = role_before(text, run.starts[i], gaz)[0] or role_after(text, run.end, gaz)
            appositive = _APPOSITIVE_START.match(text, run.end)
            evidence = role or known or appositive or speech_next_to(text, run)
            if not (
                evidence
                or name_words[-1] in honorific
                or (name_words[-1] in speaking and _plain_name(text, run, name_words))
            ):
                continue
            person = roster.add(name)
            person.role = person.role or role
            person.gender = person.gender or gender_of(role) or (title and HONORIFICS[title])
    for surname, title in honorific.items():
        found = roster.by_surname(surname)
        if found and found.gender is None:
            found.gender = HONORIFICS[title]
    return roster


#: A given name as written: "Roberto", "Jean-Claude", an initial "D.".
_GIVEN_NAME = re.compile(r"[A-Z][a-z]+(?:-[A-Z][a-z]+)?|[A-Z]\.")


def _plain_name(text: str, run: Run, words: Sequence[str]) -> bool:
    """Whether ``words`` (the name of ``run`` in ``text``) read as a person's name alone:
    inside a sentence, not opening it ("Go Boeing!", "Many MPs …", "Singer Bruce …"),
    and with given names only before the surname (not "E.F.", "NPPC", "California-based")."""
    before = text[: run.start].rstrip()
    if not before or before[-1] in '.!?"“”' or _FIRM_AFTER.match(text, run.end):
        return False
    return all(_GIVEN_NAME.fullmatch(w) for w in words[:-1])


#: A firm named after its founders: "Samuel Montagu and Co Ltd", "Kessel & Co", "… Ltd".
_FIRM_AFTER = re.compile(rf"\s*(?:(?:and|&)\s+Co|{'|'.join(sorted(COMPANY_SUFFIXES))})\b")


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
                if speech_next_to(text, r) and (p := self._candidate(r, roster, gaz))
            }
        if len(people) != 1:
            return None
        # "He didn't see the push by Okafor as an attack": the "he" of that sentence
        # is someone else, so Okafor is not the one speaking next.
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
            return bool(words & NEWSPAPER_WORDS) and known is None
        if self.noun == "agency":
            return bool(words & AGENCY_WORDS) or bool(known and "Agency" in known[0])
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


_ORG_NOUNS = word_set(
    """newspaper paper daily tabloid publication weekly agency ministry alliance bloc
    organisation organization body"""
)
Ref = Person | Named | Pronoun | OrgRef


def _classify(
    words: list[str], role: str | None, roster: Roster, gaz: Gazetteer, *, opens: bool
) -> Person | Named | None:
    """What a name before or after a speech verb refers to; None if it may be a common noun."""
    words = [bare(w) for w in words]
    name = " ".join(words)
    if words[0] in HONORIFICS:
        if len(words) == 1:
            return None
        if len(words) > 2 and " ".join(words[1:]) in roster.people:
            return roster.people[" ".join(words[1:])]
        surname = words[-1]
        clash = roster.with_surname(surname)
        if len(clash) > 1:
            return None
        return clash[0] if clash else Person(name, role, HONORIFICS[words[0]])
    known = gaz.lookup(name)
    if known and known[1] != "person":
        return Named(name)
    if is_organisation(words) or words[0] == "The":
        return Named(name)
    if len(words) >= 2:
        person = roster.people.get(name) or Person(name, role, gender_of(role))
        if role and person.role != role:
            person = Person(person.name, role, person.gender or gender_of(role))
        return person
    by_surname = roster.by_surname(name)
    if by_surname:
        return by_surname
    # A lone capitalised word opening a sentence may be "Officials" or "Analysts".
    return None if opens else Named(name)


def _subject_backward(text: str, roster: Roster, gaz: Gazetteer) -> tuple[Ref, int] | None:
    """The speaker written just before a speech verb, and where its phrase starts."""
    toks = tokens(text)
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
        appositive = role_after(text, toks[commas[-1]].start, gaz)
        if appositive is None:
            return None
        toks = toks[: commas[-1]]
    name: list[Tok] = []
    while toks and (is_cap(toks[-1].text) or (toks[-1].text in PARTICLES and name)):
        tok = toks[-1]
        longer = " ".join(bare(t.text) for t in [tok, *name])
        if tok.text in STOP or (
            role_word(tok.text, gaz)
            and name
            and tok.text not in HONORIFICS
            and gaz.lookup(longer) is None  # "European Union", not a "European" title
        ):
            break
        name.insert(0, toks.pop())
        if tok.text in HONORIFICS:
            break
    if not name:
        # "the newspaper", "the foreign ministry"
        if toks and toks[-1].text in _ORG_NOUNS:
            rest = toks[:-1]
            while rest and rest[-1].text.lower() in MODIFIERS:
                rest.pop()
            if rest and rest[-1].text.lower() == "the":
                return OrgRef(toks[-1].text), rest[-1].start
        return None
    if toks and toks[-1].text in _PREPOSITIONS:
        return None  # "a detainee in Woodhill Prison said": the name is not the subject
    if toks and toks[-1].text in ("The", "the"):
        joined = " ".join(bare(t.text) for t in name)
        known = gaz.lookup(joined)  # "the European Union said"
        if known and known[1] == "country":
            # "the White House said": the seat of a government speaks, not its country.
            return Named(joined), toks[-1].start
        return Named(known[0] if known else f"The {joined}"), toks[-1].start
    role, start = role_before(text, name[0].start, gaz)
    opens = not text[: min(start, name[0].start)].strip()
    found = _classify([t.text for t in name], appositive or role, roster, gaz, opens=opens)
    return (found, min(start, name[0].start)) if found else None


def _subject_forward(text: str, roster: Roster, gaz: Gazetteer) -> Ref | None:
    """The speaker written just after a speech verb ("said Hua Chunying, a spokeswoman")."""
    toks = tokens(text)
    if not toks:
        return None
    if toks[0].text in _PRONOUNS:
        return Pronoun(_PRONOUNS[toks[0].text])
    if toks[0].text == "the":
        for tok in toks[1:5]:
            if tok.text in _ORG_NOUNS:
                return OrgRef(tok.text)
            if tok.text.lower() not in MODIFIERS:
                break
    # The name is the first capitalised run not followed by more of a title:
    # "said United manager Sir Alex Ferguson", "said Roberto Guarnieri of Venezuela".
    i = 0
    while True:
        while i < len(toks) and not is_cap(toks[i].text):
            if toks[i].text in ",.;:!?":
                return None
            i += 1
        j = i
        while j < len(toks) and (is_cap(toks[j].text) or (toks[j].text in PARTICLES and j > i)):
            j += 1
            if bare(toks[j - 1].text) != toks[j - 1].text:
                break
        if j == i:
            return None
        possessive = bare(toks[j - 1].text) != toks[j - 1].text  # "Chile's Ricardo Lagos"
        if possessive or (j < len(toks) and toks[j].text.lower() in _ROLE_WORDS):
            i = j
            continue
        # "Velmar shadow local government secretary Ann Berg": lower-case words that
        # end in a title noun, then the name.
        k = j
        while k < len(toks) and toks[k].text.islower() and k - j < 6:
            k += 1
        if j < k < len(toks) and is_cap(toks[k].text) and toks[k - 1].text in TITLE_NOUNS:
            i = k
            continue
        # "Bank of Japan chief Toshihiko Fukui": an organisation, then a title;
        # "Chancellor of the Exchequer Nigel Lawson": an office, then the name.
        if j + 1 < len(toks) and toks[j].text == "of":
            k = j + 2 if toks[j + 1].text == "the" else j + 1
            start, last = k, None
            while k < len(toks) and is_cap(toks[k].text):
                if toks[k].text.lower() in _ROLE_WORDS:
                    last = k
                k += 1
            if k > start and k < len(toks) and toks[k].text.lower() in _ROLE_WORDS:
                i = k
                continue
            if last is not None and last + 1 < k:
                i = last + 1
                continue
        break
    # Titles written in capitals belong to the role: "Prime Minister Shinzo Abe".
    i += name_part([t.text for t in toks[i:j]], gaz)
    role_words = [t.text for t in toks[:i]]
    if role_words and not all(
        w[:1].isupper() or w in ("of", "for", "the") or role_word(w, gaz) for w in role_words
    ):
        return None
    role = text[toks[0].start : toks[i].start].strip() if valid_role(role_words) else None
    role = role_after(text, toks[j - 1].end, gaz) or role
    return _classify([t.text for t in toks[i:j]], role, roster, gaz, opens=False)


def parse_after(
    after: str, roster: Roster, gaz: Gazetteer, *, quote_opens_sentence: bool
) -> Ref | None:
    """The speaker from the words after a quotation (``, Mr Abe said.``)."""
    verb = SPEECH.search(after)
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
    verbs = list(SPEECH.finditer(text))
    if not verbs:
        return None
    tail = text[verbs[-1].end() :]
    if "," in tail or len(tail.split()) > 6:
        return None
    found = _subject_backward(text[: verbs[-1].start()], roster, gaz)
    return found[0] if found else None
