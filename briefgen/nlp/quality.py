"""Does a sentence read well on its own? Pure checks on the source's words.

Two questions, asked of every candidate point:

- :func:`reads_alone`: is it a sentence at all, and not a caption, a byline,
  a "Read more" link or a newsletter prompt?
- :func:`needs_context`: does it start with a word that points back to
  something it does not carry (a pronoun such as "He" or "This", or a
  connective such as "But" or "However"), or quote an unnamed "he said"?
"""

from __future__ import annotations

import itertools
import re
from functools import cache, lru_cache
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from briefgen.actors import country_names
from briefgen.classify import _stem
from briefgen.ingest.outlets import without_sign_off
from briefgen.models import (
    DATELINE,
    FIRST_LINE_DATELINE,
    TICKER,
    TITLE_CREDIT,
    mend_marks,
    unmark_tickers,
)
from briefgen.nlp.tokenize import split_sentences, word_set

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Sequence

    from briefgen.models import Article

#: Openers that refer to or continue something said before ("Other dealers said …",
#: "Others expect …": other than the ones told of).
_DANGLING_WORDS = """
he she it they them his her hers its their theirs him this that these those
but however also and yet so still moreover furthermore nevertheless nonetheless
meanwhile instead besides otherwise then thus hence therefore consequently
such there's here's likewise similarly indeed further additionally or nor
accordingly anyway other others
"""
DANGLING_OPENERS = frozenset(_DANGLING_WORDS.split())
#: Openers of a clause inside the sentence ("While prices fell, exports rose."): the
#: sentence is whole unless that clause itself opens on a word that leans back ("While
#: this may curb …").
_SUBORDINATORS = frozenset({"while", "although", "though", "whereas"})
# fmt: off
#: Unnamed actors that are not people ("the ministers will meet" may be any ministers).
_UNNAMED_BODIES = ("company", "firm", "group", "bank", "agency", "carrier", "airline")
#: Who "the company", "the official" … is, when the sentence does not say: someone
#: named before.
_UNNAMED_ACTORS = (*_UNNAMED_BODIES, "spokesman", "spokeswoman", "official", "minister")
#: Ships and aircraft: "the vessel", "the plane" … is one named before.
_CRAFT = (
    "vessel", "ship", "tanker", "freighter", "ferry", "boat", "submarine", "warship", "frigate",
    "aircraft", "plane", "jet", "airliner", "helicopter",
)
#: Leaders and officers a sentence may leave unnamed: "the opposition leader", "the
#: president" … is one named before.
_UNNAMED_ROLES = ("leader", "president", "premier", "governor", "mayor", "chairman", "chancellor")
#: Days and months: capitalised, but naming no one.
#: The days of the week, in lower case; and as a text writes them.
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
WEEKDAY_NAMES = tuple(day.capitalize() for day in WEEKDAYS)
_MONTHS = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
)
# fmt: on
_MONTHS_SHORT = frozenset(m[:3] for m in _MONTHS)
#: The days' and the months' names, in lower case.
CALENDAR_WORDS = frozenset((*WEEKDAYS, *_MONTHS))
_MULTIWORD_OPENERS = (
    "in addition",
    "on the other hand",
    "as a result",
    "at the same time",
    "in turn",
    "even so",
    "that said",
    "the two",
    "the latter",
    "the former",
    "the upshot",
    # A verdict on what was told before: which news is good, which problem.
    "the good news",
    "the bad news",
    *(
        f"the {what} is"
        for what in (
            "result",
            "problem",
            "question",
            "trouble",
            "catch",
            "irony",
            "truth",
            "reason",
            "answer",
            "point",
            "worry",
            "fear",
            "hope",
            "danger",
            "risk",
            "idea",
        )
    ),
    "the move",
    "the decision",
    "the statement",
    "the comments",
    "the remarks",
    "since then",
    "by then",
    "until then",
    "after that",
    "before that",
    "at that time",
    "at the time",
    # The next topic of a speech or a report told before ("Turning to the deficit, …"),
    # or more of a list begun before ("Among other measures, the council …").
    "turning to",
    "returning to",
    "among other",
    "among others",
    # A report's follow-up ("As previously reported, the mill will …").
    "as already reported",
    "as earlier reported",
    "as previously reported",
    "as reported earlier",
    "as reported previously",
    # A definite description of someone or something named before.
    *(f"the {who}" for who in _UNNAMED_ACTORS),
    "the report",
    "the newspaper",
    # The outlet a wire quotes, named before ("The radio, monitored in Velmar, said …").
    "the paper",
    "the radio",
    "the station",
    "the broadcaster",
    "the magazine",
    # A ship or an aircraft named before ("The vessel was heading for …").
    *(f"the {craft}{plural}" for craft in _CRAFT for plural in ("", "s")),
    # A companion to something told before ("A companion 150 mln dlr offering …").
    "a companion",
    # A company that is not named.
    "a company spokesman",
    "a company spokeswoman",
    "a company official",
    "a company statement",
    "company officials",
    "company sources",
)
#: An opening that counts time from something told before: "Four hours later, …",
#: "Thirty-six hours later …", "Years on, …", "Later he left …", "Afterwards, …".
#: "Later this month" or "Earlier on Monday" count from the day itself, and "Soon after
#: the vote" from what it names: they stay.
_COUNT = (
    r"(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|"
    r"twenty|thirty|forty|fifty|sixty|hundred|several|few|many|some|\d+|"
    r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)-[a-z]+)"
)
_TIME_OFFSET = re.compile(
    r"^(?:(?:more|less|fewer) than |about |nearly |almost |just |only |barely |some )?"
    r"(?:a few |a couple of )?"
    rf"(?:{_COUNT} )?"
    r"(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?|century|centuries|"
    r"moments?) (?:later|earlier|afterwards?|on)\b"
    r"|^(?:later|afterwards?|(?:soon|shortly) afterwards?)\b"
    r"(?!\s+(?:this|that|on|in|today|tonight|yesterday|tomorrow|next|last)\b)"
    # "Soon after the vote, …" names what it counts from; "Soon after, …" does not.
    r"|^(?:soon|shortly) after(?:,|\s+(?:that|this)\b)",
    re.I,
)
#: A named subject that acted "later" than something told before: "The navy later
#: widened …", "Okafor later said …" ("later today" counts from the day itself).
_LATER_SUBJECT = re.compile(
    r"^(?:The\s+)?(?!(?:A|An|For|Asked)\s)(?:[A-Z][\w.'’&-]*\s+){1,4}later\s+"
    r"(?:said|told|[a-z]+ed)\b"
)
#: A time or a turn of the story, then a bare pronoun or an unnamed "the company" as its
#: subject: "Earlier it said it lost …", "Last year it posted …", "In December it cut …",
#: "Earlier today the Danish company cut …" (who it is was told before).
_TIME_LEAD_PRONOUN = re.compile(
    r"^(?:earlier|previously|separately|meanwhile|subsequently|since then|also|then|now"
    rf"|today|yesterday|(?:last|this) (?:week|month|year|night|{'|'.join(WEEKDAYS)})"
    rf"|in (?:{'|'.join(_MONTHS)}|(?:19|20)\d\d)"
    rf"|on (?:{'|'.join(WEEKDAYS)})),?\s+(?:(?:today|yesterday),?\s+)?"
    r"(?:(?:it|they|he|she)\s+[a-z]"
    # The unnamed one in lower case: "the Bank of Japan" names its bank.
    rf"|the\s+(?:[\w-]+\s+){{0,2}}(?-i:(?:{'|'.join(_UNNAMED_ACTORS)})\s+[a-z]))",
    re.I,
)
_FIRST_WORD = re.compile(r"^[\"'“‘(\[]*([A-Za-z][A-Za-z'’]*)")
#: A short opening phrase, then "he", "she" or a bare "the company" as the one the
#: sentence is about: "Despite the new pardon decree, he could still be detained.", "In
#: her letter, she asks …", "For the first half, the company said freight volumes rose …".
#: When the phrase names no one, who "he" is, or which company, was told before.
_OPENING_PHRASE = r"^[\"'“‘(]*([^,\"“”;:]{3,90}?),\s+"
_LEAD_PRONOUN = re.compile(
    _OPENING_PHRASE + rf"(?:(?:he|she|his|her)\b|the\s+(?:{'|'.join(_UNNAMED_ACTORS)})\s+[a-z])"
)
#: The same with an unnamed leader or a described actor: "Amid the violence, the opposition
#: leader asks …", "In a statement, the central bank said …". The opening phrase has two
#: words or more ("Okafor, the former president …" is a name and its title).
_LEAD_ROLE = re.compile(
    _OPENING_PHRASE + r"the\s+(?:[a-z-]+\s+){0,2}"
    rf"(?:{'|'.join(_UNNAMED_ACTORS + _UNNAMED_ROLES)})\s+(?!of\b)[a-z]"
)
_LEAD_WORDS = 12
#: A connective set off after the subject, weighing the sentence against the one before:
#: "Other analysts, however, expect …", "Exports, meanwhile, fell …", "Many
#: economists, though, doubt …" (as "However, …" at the start does).
_INNER_CONNECTIVE = re.compile(
    r"^(?:[^\s,]+\s+){0,5}[^\s,]+,\s+(?:however|though|meanwhile|therefore|nevertheless"
    r"|nonetheless|moreover|in turn|in contrast|by contrast|instead|likewise|similarly|too),",
    re.I,
)
#: "Also" right after the subject (and its auxiliary) adds to what the sentence before
#: told: "Canada also switches …" (as the United States does), "Security Pacific also
#: said …", "Exports will also rise …". Not "also known as", and not after a clause
#: ("Okafor said that prices also rose" names what rose alongside).
_ADDED_TO_BEFORE = re.compile(
    r"^(?P<subject>(?:[^\s,;:]+\s+){1,5}?)"
    r"(?:(?:will|would|has|have|had|is|are|was|were|can|could|may|might|should|must|did|does"
    r"|do)\s+)?also\s+(?!known\b)"
)
_CLAUSE_WORDS = word_set(
    """said says say that who which whose whom and but or nor not only when while as if
    because after before although though where since than so"""
)
#: An unnamed speaker opening the sentence: "The rating agency said …", "The central bank
#: said …", "The president said …" (which one was told before). "The Velmar central bank"
#: names it.
_UNNAMED_SPEAKER = re.compile(
    rf"^The\s+(?:[a-z-]+\s+){{0,2}}(?:{'|'.join(_UNNAMED_ACTORS + _UNNAMED_ROLES)})\s+"
    r"(?:said|says|told|added|adds|asked|asks|warned|announced|noted|stated)\b"
)
#: A sentence that ends on a bare "the meeting", "the deal", "the plan" …: which one was
#: told before ("… would chair the meeting.", "Two banks co-managed the deal.").
_BARE_REFERENCE_END = re.compile(
    r"\bthe (?:meeting|talks|summit|conference|session|visit|deal|agreement|plan|proposal"
    r"|offer|decision|report|bill|measure|announcement)s?[.!?\"”’']*$"
)
#: What a bare "the talks", "the offer" … names: an event or a deal told of before.
_EVENT_NOUNS = (
    r"(?:talks|negotiations|strikes?|attacks?|raids?|blasts?|explosions?|bombings?"
    r"|killings|clashes|protests|riots|demonstrations|sanctions|measures|cuts"
    r"|budget|bill|plan|proposals?|deal|agreement|accord|offer|bid|decision|law|legislation"
    r"|package|programme|program|scheme|pact|treaty|move|report|study|survey|ruling"
    r"|verdict|meeting|summit|visit|conference)"
)
#: "on" that says which ("the talks on trade"), not when ("on Sunday").
_ON_NOT_A_DAY = rf"on(?! (?:{'|'.join(WEEKDAY_NAMES)})\b)"
#: Words after the noun that say which one: "The talks between …", "The strike by
#: dockers …", "The attacks on …"; "The strike price …" is another thing. A day does
#: not say which: "The meeting on Sunday …".
_WHICH = (
    rf"{_ON_NOT_A_DAY}|of|in|at|by|between|against|over|with|to|for"
    r"|from|across|near|price|action|rate|and|or"
)
#: A sentence that opens on a bare "The talks …", "The strike began …", "The measures
#: are …", "The offer expires …", "The budget represents …": which ones was told before
#: (see :func:`event_reference`).
_EVENT_REFERENCE = re.compile(rf"^The {_EVENT_NOUNS}(?:,|\s+(?!(?:{_WHICH})\b)[a-z])")
#: Someone reporting on a bare "the offer", "the agreement" …: "Velmar Resorts said the
#: offer will expire …", "A ministry spokesman told reporters the proposals were made …"
#: tell of the one the sentence before announced. "… said the agreement among the seven
#: states reached in Lisbon …" says which.
_REPORTED_EVENT = re.compile(
    r"^(?:[\w.'’&-]+\s+){1,8}?(?:said|says|told reporters|told Reuters|told a news conference"
    r"|added|noted)\s+(?:(?:today|yesterday|on [A-Z][a-z]+day)\s+)?(?:that\s+)?the "
    + _EVENT_NOUNS
    + rf"(?:,|\s+(?!(?:{_WHICH}|among|reached|signed|announced)\b)[a-z])"
)
#: Someone acting on a bare "the offer", "the deal" …, in the clause that opens the
#: sentence: "Velmar Air rejected the offer and said …", "Both boards have backed the
#: deal, but …", "Sugar growers have rejected the proposal, …": the one the sentence
#: before told of. "… signed the accord on fishing rights", "… approved the plan to sell
#: the unit" say which.
_ACTED_ON_EVENT = re.compile(
    r"^(?:[\w.'’&-]+\s+){1,8}?(?:(?:has|have|had|also|later|then|formally|unanimously)\s+)*"
    r"(?:signed|ratified|approved|rejected|accepted|endorsed|backed|sealed|initialled"
    r"|turned down|voted down|vetoed)\s+the (?:pledge|deal|agreement|accord|pact|treaty"
    r"|declaration|plan|proposals?|bill|measures?|package|offer|bid|settlement|commitment"
    r"|resolution|memorandum|ceasefire|truce|charter)"
    rf"(?=[.,;]|\s+(?!(?:of|{_ON_NOT_A_DAY}|to|for|between|with|by"
    r"|over|against|among|from|under|covering|that|which|who)\b)\S)"
)
#: A time told against a bare event: "Following the accord, …", "Minutes after the
#: blast …", "Since the offer was made …": the one the sentence before told of. "After
#: the talks in Velmar, …" says which.
_AFTER_EVENT = re.compile(
    r"^(?:(?:Minutes|Hours|Days|Weeks|Months|Moments|Shortly|Soon|Immediately|Just|Only|Long)"
    r"\s+)?(?:[Aa]fter|[Bb]efore|[Ff]ollowing|[Ss]ince|[Dd]uring|[Uu]ntil) the "
    + _EVENT_NOUNS
    + rf"(?:,|\s+(?!(?:{_WHICH})\b)\S)"
)
#: A concession about a bare event, in the clause that opens the sentence: "Though some
#: have expressed optimism for the plan, it has been widely rejected …", "While the
#: talks stalled, …": which one the sentence before told of.
_CONCEDED_EVENT = re.compile(
    r"^(?:Though|Although|While|Even though|Despite)\b[^,;]{0,100}?\bthe "
    + _EVENT_NOUNS
    + rf"(?:,|\s+(?!(?:{_WHICH})\b)[a-z][^,;]*,)"
)
#: Where or when someone said what the sentence before told: "Okafor made his remarks
#: at a rally …", "The ministry made the announcement to parliament."; "…
#: made the announcement that …" says what.
_TOLD_WHERE = re.compile(
    r"^(?:[\w.'’&-]+\s+){1,8}?(?:made|gave|delivered|issued)\s+(?:his|her|their|its|the)\s+"
    r"(?:remarks|comments|statement|speech|announcement|appeal|plea|call|pledge|warning|offer)"
    r"\b(?!\s+(?:of|for|that|about|calling|urging|saying|announcing|to (?:buy|sell|acquire))\b)"
)
#: The verbs :data:`_TOLD_WHERE` needs, for a cheap test before the pattern.
_TOLD_WHERE_VERBS = (" made ", " gave ", " delivered ", " issued ")
#: "these tankers", "those talks" inside the sentence: which ones were told before, unless
#: the sentence itself named them first ("… two tankers, and these tankers …"). "those
#: surveyed", "those found guilty", "those responsible", "those who …" and "these
#: days" refer to no one told before.
_DEMONSTRATIVE = re.compile(r"\b(?:these|those)\s+([a-z][a-z-]+)")
_NOT_REFERRING_WORDS = """
    who whom whose which that of in on at with from for to by among under over
    are were is was be been have had has will would can could may might must should
    days and or as here there still now all
    found held made taken given known hurt caught left born sent paid put seen shown
    sold built brought bought kept told hit chosen
    responsible present able unable eligible close"""
_NOT_REFERRING = frozenset(_NOT_REFERRING_WORDS.split())


_THEM = re.compile(r"\bthem\b", re.I)
#: Words before "them" that can be what it stands for, besides a plural in -s and two
#: joined by "and": "The police said they had released them", "Both sides …".
_PLURAL_WORDS = word_set(
    """they their people police both all several many men women children staff crew
    crews troops public"""
)
#: Words in -s that are no plural.
_NOT_PLURAL = word_set(
    """this thus plus whereas always perhaps across less unless news gas bus status
    process series species means"""
)


def _them_of_no_one(text: str) -> bool:
    """True when "them" comes before anything it could stand for ("Senator Okafor
    entered them into the record …", "The party took them off its site"): a sentence
    with nothing plural before the pronoun leans on the one before. A verb in -s
    ("says", "sells") is read as a plural: a sentence so misread stays alone."""
    found = _THEM.search(text)
    if found is None:
        return False
    for word in text[: found.start()].split():
        word = word.strip(".,;:!?()[]\"'“”‘’").lower()
        if word in ("and", "&") or word in _PLURAL_WORDS:
            return False
        if (
            len(word) >= 4
            and word.endswith("s")
            and not word.endswith(("'s", "’s", "ss"))
            and word not in _NOT_PLURAL
        ):
            return False
    return True


def _refers_by_demonstrative(text: str) -> bool:
    """True when "these …"/"those …" points at things the sentence has not named."""
    for match in _DEMONSTRATIVE.finditer(text):
        word = match[1]
        if word in _NOT_REFERRING or word.endswith(("ed", "ing")):
            continue
        if word[:5] not in text[: match.start()].lower():
            return True
    return False


# "…," he said. / she told reporters. — the speaker is only a pronoun.
_PRONOUN_SPEAKER = re.compile(
    r"[,\"”'’]\s*(he|she|they|it)\s+(said|says|told|added|adds|warned|stressed|noted|"
    r"continued|insisted|explained|argued|wrote)\b",
    re.I,
)
_BOILERPLATE = re.compile(
    r"(^|\b)(read more|click here|follow us|"
    r"all rights reserved|copyright ©|©|photograph:|photo:|image:|image copyright|"
    r"getty images|related:|watch:|listen:|email this (?:story|article|page)|"
    r"this article (?:was|has been) (?:amended|updated|corrected)|"
    r"contributed to this report|(?:ap|afp|reuters) photo|"
    # A prompt to the reader: what only a prompt says (a label opening the line is
    # :data:`_PROMPT_OPENING`). The same words in the news are no prompt: banks "sign
    # up for the deal", a network's "4,600 subscribers", "the right to subscribe to one
    # share", "the Oil World newsletter said", "in a newspaper advertisement", "earnings
    # of 36 cts per share on revenues".
    r"sign up (?:here|now|today|free)\b|sign up to (?:receive|get)\b|"
    r"sign up (?:for|to) (?:our|free|updates|alerts|e-?mails?|newsletters?|the newsletter)\b|"
    r"subscribe (?:now|today|here|online)\b|(?:how|want|click|box) to subscribe\b|"
    r"subscribe to (?:our|this)\b|already (?:a )?(?:personal )?subscri|"
    r"become a (?:\w+ )?subscriber|subscribers? log in|"
    r"available (?:in full )?(?:\([^)]*\) )?to [^.]{0,60}subscribers|"
    r"subscribers to [^.]{0,40}can (?:view|read|access)|"
    r"our (?:\w+ )?newsletters?\b|newsletter sign-?up|watch a (?:brief |short )?advertisement|"
    r"share this (?:article|story|page|post|video|link)|"
    r"share (?:on|via) (?:facebook|twitter|linkedin|whatsapp|reddit|pinterest|e-?mail)\b|"
    # Captions, gallery teasers and paywall labels.
    r"in pictures|photo gallery|picture gallery|slideshow|see more photos|click to enlarge|"
    r"pictured:|free preview|premium content|subscribers only|printable version|"
    r"correction appended|read the rest of this article|access to this (?:article|story)|"
    r"listen to the show|"
    # A site's note on itself: "This site is …", "Advertise
    # in velmartimes.example." (a line on every page of the site, no fact).
    r"optimi[sz]ed for viewing|best viewed (?:with|in|using)|advertise with us|"
    r"advertise in [\w-]+\.[a-z])"
    # Matched on the lowered text: three times faster than re.I over this alternation.
)
#: A prompt or a credit opening its line: "Subscribe Now.", "Sign up here …",
#: "Advertisement", "Share this", "Email this article", a wire's "Reporting by …;
#: Editing by …" or "(Additional reporting by …)", not "rules on reporting by banks".
#: Matched at the start of the lowered text; a line ending in "Subscribe" or
#: "Advertisement" (a site's menu) is one too.
_PROMPT_OPENING = re.compile(
    r"\(?(?:additional )?(?:reporting|editing|writing) by\b"
    r"|(?:to )?(?:subscribe|sign up|newsletters?|advertisement|share (?:this|on)|e-?mail this)\b"
)
_PROMPT_ENDINGS = ("subscribe", "advertisement")
#: A wire's credits after another's on one line: "…; Editing by Tom Roe".
_CREDIT_AFTER = re.compile(r";\s*(?:editing|writing) by\b")
#: A caption: the sentence tells what a picture or a video shows ("Footage shows …", "A
#: photo provided by the governor's office shows …"), not what happened.
_CAPTION = re.compile(
    r"^[\"“]?(?:(?:the|a|an|new|this|cctv|amateur|mobile phone|satellite)\s+)*"
    r"(?:video|footage|images?|pictures?|photos?|photographs?|clips?)\b.{0,80}?"
    r"\b(?:shows?|showed|showing|appears? to show)\b",
    re.I,
)
#: A caption or a credit: a name, then where or who they are ("Sgt. Velmar Okafor at
#: Kessel air base, before his deployment.", "Anna Kessel, a Nordvik-based analyst."),
#: when no word after it can be a finite verb (:func:`_verbless`).
_NAME_THEN_PLACE = re.compile(
    r"^[\"“]?(?:[A-Z][\w.'’-]*\s+(?:\"[^\"]+\"\s+|“[^”]+”\s+)?){1,5}?[A-Z][\w'’-]+"
    r"(?:,|\s+(?:at|in|on|during|outside|after|before)\b)"
)
#: Words that are finite verbs with no -s or -ed ending: auxiliaries and modals,
#: irregular pasts and the commonest base forms.
_FINITE = word_set(
    """am is are was were be been has have had do does did will would can could may might
    must shall should cannot say said tell told take took make made win won lead led hold
    held meet met fall fell rise rose hit cut put set shot see saw go went come came get got
    give gave keep kept leave left lose lost pay paid sell sold buy bought send sent spend
    spent build built begin began break broke bring brought fight fought find found fly
    flew grow grew hear heard know knew mean meant run ran sit sat seek sought speak spoke
    stand stood strike struck think thought throw threw understand understood write wrote
    become became agree believe claim continue cover expect face fear hope include need
    offer oppose own plan remain seem stay support urge visit want warn"""
)
#: Words ending in -s that are not verbs.
_S_NOT_VERB = word_set(
    """his its this as us thus plus less unless yes news series whereas perhaps always
    towards afterwards sometimes besides across various previous famous serious chaos
    gas analysis basis crisis status census bonus campus virus focus consensus surplus"""
)
_CONTRACTED_VERB = re.compile(r"\w['’](?:s|m|re|ve|d|ll)\b|n['’]t\b", re.I)
_LETTER_WORD = re.compile(r"[A-Za-z][A-Za-z-]*")


def _verbless(text: str) -> bool:
    """True when no word of ``text`` can be a finite verb: none is an auxiliary, an
    irregular past or a common base form, and no word in lower case ends in -s or -ed.
    A plural noun is enough to spare a sentence, so what is caught has no verb."""
    if _CONTRACTED_VERB.search(text):
        return False
    for k, match in enumerate(_LETTER_WORD.finditer(text)):
        word = match.group()
        lower = word.lower()
        if lower in _FINITE:
            return False  # "The U.S. Is pressing …": wire copy capitalises after "U.S."
        if k and word[0].isupper():
            continue  # a name
        if len(lower) > 3 and lower.endswith("ed"):
            return False
        if lower.endswith("s") and not lower.endswith("ss") and lower not in _S_NOT_VERB:
            return False  # a verb after a singular subject, or a plural noun
    return True


def _caption_line(text: str) -> bool:
    """A caption or a credit: a name, then where or who they are, and no verb."""
    return _NAME_THEN_PLACE.match(text) is not None and _verbless(text)


#: Where a photograph shows someone: "President Velmar Okafor (L) and his Nordvik
#: counterpart shake hands …", "… Anna Kessel (2nd R) …", "… the minister (centre) …".
#: A lone letter only after a person's name (two capitalised words), not a registered
#: mark ("IBM (R) mainframes") or a list's label.
_PHOTO_POSITION = re.compile(
    r"(?:[A-Z][\w.'’-]*\s+)+[A-Z][\w.'’-]+\s+\((?:\d(?:st|nd|rd|th)\s+)?[LRC]\)"
    r"|[A-Za-z][\w.'’-]*\s+\((?:(?:second|third)\s+(?:from\s+)?)?(?:left|right|cent(?:re|er)"
    r"|front|rear|top|bottom)\)|\((?:L-R|R-L|from (?:left|right)|clockwise from (?:top )?left)\)"
)


def _photo_caption(text: str) -> bool:
    """A photograph's caption: it says where in the picture someone stands ("Velmar
    Okafor (L) shakes hands with …"), and no one is said to report anything."""
    return (
        "(" in text  # a cheap test first: most sentences have no brackets
        and _PHOTO_POSITION.search(text) is not None
        and _REPORTED.search(text) is None
    )


#: A photograph's credit opening its line: "Photo: Ann Berg.", "Photo by Ann Berg.",
#: "(Photo: AP)", "U.S. Army photo by Spc. …", "(AP Photo/Ann Berg)", "Photograph: Kessel
#: Times"; a credit in brackets, or a photographer's name and agency, run into what
#: follows ("(Photo: AP) KESSEL -- …", "Ann Berg/Getty Images Nordvik beat …"). The line
#: before such a credit is the picture's caption.
_CREDIT_LINE = re.compile(
    r"^\(?(?!(?:The|A|An|This|That|His|Her|Its|Their)\s)(?:[A-Z][\w.'’-]*\s+){0,3}"
    r"(?i:photo(?:graph)?s?|pictures?|images?)"
    r"(?:\s*:\s*|\s+(?i:by|courtesy(?:\s+of)?)\s+|\s*/\s*)[A-Z]"
    r"|^\(?(?:AP|AFP|Reuters|EPA|PA)\s+(?:Photo|Images)\b"
)
#: A photographer and agency ("Ann Berg/Getty Images", "Ann Berg / Reuters file"), then
#: the line's end, a bracket or a capital: not a poll's makers ("Velmar/Reuters poll …").
_AGENCY_CREDIT = re.compile(
    r"^\(?(?!(?:The|A|An)\s)(?:[A-Z][\w.'’-]*\s+){0,3}[A-Z][\w.'’-]*\s*/\s*"
    r"(?:(?:Getty Images|AFP|AP|Reuters|EPA|Corbis|Shutterstock|Rex Features|Bloomberg)"
    r"(?:\s*/\s*|(?=\W|$)))+(?:\s+file)?(?=\s*$|\s*[)\].]|\s+[A-Z\"“])"
)
#: A credit in brackets, whatever runs on after it: "(Photo: AP) …", "(Photo by Ann Berg) …".
_BRACKETED_CREDIT = re.compile(
    r"^\((?:(?!The\b|An?\b)[A-Z][\w.'’-]*\s+)?(?i:photo|picture)(?::|\s+by)\s+[^()]{1,40}\)"
)
#: A credit line is short: a line that opens so and runs on is a sentence of the news
#: ("Photographs by the agency were shown to the court …").
_CREDIT_WORDS = 8


def photo_credit(text: str) -> bool:
    """``text`` credits a photograph ("Photo: Ann Berg.", "(AP Photo/Ann Berg)", "Ann
    Berg/Getty Images …"): the line before it on a page is the picture's caption."""
    stripped = text.strip()
    if _AGENCY_CREDIT.match(stripped) or _BRACKETED_CREDIT.match(stripped):
        return True
    return len(stripped.split()) <= _CREDIT_WORDS and _CREDIT_LINE.match(stripped) is not None


#: A programme page's audio and video links ("[RealAudio]", "[mp3]").
_MEDIA_LINK = re.compile(r"\[(?:mp3|realaudio|real audio|audio|video|podcast)\]", re.I)
#: A transcript's question ("Q Mr. Secretary, …", "Q: Will you…"), or a line that
#: addresses someone ("Mr. Secretary, a question for the general.").
_QUESTION = re.compile(
    r"^\s*(?:Q[.:]?\s|(?:Mr|Mrs|Ms|Madam|Madame|Mister)\.?\s+(?:Secretary|President|"
    r"Chairman|Chairwoman|Speaker|Minister|Prime Minister|Ambassador|Mayor|Governor|Senator)"
    r"\s*,)"
)
#: "company" with no article as a clause's subject: a results table's telegraphic note, or
#: wire copy's "Company is 60 pct owned by …", "Company also booked …".
_BARE_COMPANY = re.compile(
    r"(?:^|[,;]\s*)company\s+(?!of\b|and\b|(?:officials|sources|executives)\b)[a-z]+(?:ed|s)\b"
    r"|^Company\s+(?!of\b|and\b)[a-z]"
)
#: A state told of before: "The country's foreign debt is 27.8 billion dlrs.", "The
#: nation's trade deficit widened …", "The country accused Washington of …" — which one,
#: only the sentence before (or a feed item's headline) says.
_BARE_STATE = re.compile(r"^The\s+(?:country|nation)(?:'s|’s)?(?=[\s,])(?!\s+music)")
#: Something told of before, as the subject: a bond or share issue ("The securities
#: convert into …", "The issue is guaranteed by …", "The offering is led by …"; its own
#: report names the issuer first), a figure ("The figure compared with …",
#: "The figures were in line with forecasts."), a newspaper ("The paper said …"). "The
#: figures for May …", "The issue of fishing rights …" say which.
_TOLD_BEFORE_OPENER = re.compile(
    r"^The\s+(?:securities|notes|debentures|bonds|warrants|issue|offering|preferred|eurobond"
    r"|loan|facility|paper|figures?)\s+"
    r"(?!of\b|for\b|by\b|from\b|on\b|market\b|released\b|published\b|issued\b)[a-z]"
)
#: An opening phrase that points back with "this", "that", "these" or "those": "Despite
#: this, …", "Under that plan, …", "Within this total, …", "Of those responding, …",
#: "At that point, …" (which plan, which total, which point was told before). "This
#: year", "this week", "this Friday", "at this point" count from the day itself ("that
#: year" does not).
_DEMONSTRATIVE_OPENING = re.compile(
    r"^(?:in|at|on|under|with|without|despite|because of|for|from|by|apart from|aside from"
    r"|besides|beyond|in addition to|as part of|as a result of|in spite of|following|unlike"
    r"|during|since|until|through|to|against|within|of|along with|thanks to|due to"
    r"|in response to|in light of|on top of|contrary to|according to)"
    r"\s+(?:all\s+|both\s+|each\s+of\s+)?(?:that|those|(?:this|these)\b"
    rf"(?!\s+(?:time|point|era|age|days?|weeks?|weekend|months?|years?|quarter|season"
    rf"|decade|century|morning|afternoon|evening|night|spring|summer|autumn|fall|winter"
    rf"|{'|'.join(WEEKDAYS)})\b))\b"
    r"(?:\s+[\w'’-]+){0,4}?,\s",
    re.I,
)
#: A figure with no one named as whose it is: "Exports rose to 4.1 billion dlrs in
#: February.", "Available seat miles rose 5 pct …", "The trade deficit widened to …".
#: The country or the company was named before; "Velmar's exports rose …" or "Exports
#: to Nordvik rose …" name one (see :func:`_figure_of_no_one`).
_BARE_FIGURE = re.compile(
    r"^(?:(?:total|seasonally adjusted|unadjusted|net|gross|domestic|foreign|overall|annual"
    rf"|monthly|quarterly|{'|'.join(_MONTHS)})\s+)*"
    r"(?:exports?|imports?|(?:retail |total )?sales|(?:manufacturing |industrial )?output"
    r"|(?:industrial )?production|revenues?|profits?|earnings|net income|(?:export )?orders"
    r"|shipments|deliveries|traffic|available seat miles|revenue passenger miles|load factor"
    r"|inflation|unemployment|gnp|gdp|psbr|the (?:trade )?(?:deficit|surplus)|consumer prices"
    r"|prices|reserves|money supply|m-?[0-3]|(?:business |private |fixed )?investment"
    r"|(?:private |public |consumer )?(?:consumption|spending)|(?:domestic )?demand)\s+"
    r"(?:rose|fell|were|was|totalled|totaled|increased|decreased|declined|dropped|climbed"
    r"|jumped|grew|amounted|reached|slipped|edged|eased|stood|widened|narrowed|surged"
    r"|slumped|plunged|soared|(?:is|are) (?:forecast|expected|projected|seen) to)\b",
    re.I,
)
#: Capitalised words that name no one: a month, a day, or a figure's currency ("4.07
#: billion U.S. Dlrs", as wire copy writes it).
_NAMING_NO_ONE = frozenset((*_MONTHS, *WEEKDAYS, "dlrs", "dlr", "dollars", "dollar"))
_CURRENCY_COUNTRY = re.compile(r"\bU\.S\.\s+(?=(?:dlrs?|dollars?)\b)", re.I)


#: The words of a body's name that say what it does, not whose it is: "the Finance
#: Ministry", "the Statistics Department", "the Central Bank" name no country.
_GENERIC_BODY = word_set(
    """finance statistics statistical trade economic economy commerce industry labour
    labor central national federal treasury planning agriculture customs census ministry
    department bureau office bank institute agency board commission government service
    administration council authority"""
)


def _figure_of_no_one(text: str) -> bool:
    """True when ``text`` (opening as :data:`_BARE_FIGURE`) holds a figure and names no
    one: no word after its first is capitalised, but for months, days, a figure's
    currency (:data:`_NAMING_NO_ONE`) and a body's name after "the" made only of
    :data:`_GENERIC_BODY` words."""
    if not any(c.isdigit() for c in text):
        return False
    words = [w.strip(".,;:()[]\"'“”‘’") for w in _CURRENCY_COUNTRY.sub("", text).split()]
    generic = False  # within "the Finance Ministry …"
    for before, word in itertools.pairwise(words):
        if not word[:1].isupper():
            generic = False
            continue
        generic = (generic or before.lower() == "the") and word.lower() in _GENERIC_BODY
        if not generic and word.lower() not in _NAMING_NO_ONE:
            return False
    return True


#: A results table's comparison ("… 20 cts vs loss 90 cts …", "… vs profit 173,000 dlrs").
_RESULTS_LINE = re.compile(
    r"\bvs\.?\s+(?:(?:a\s+)?(?:profit|loss|gain)\s+(?:of\s+)?)?[-+$£€]?\d", re.I
)
#: The terms of a bond or share issue, the fine print after the news of it: "The notes are
#: sold in denominations of 500 crowns.", "The settlement date will be 3 June.", "Dealers
#: keep a selling concession of two points.", "Fees total 2 pct.".
_ISSUE_TERMS = re.compile(
    r"\b(?:available|issued|sold) in denominations of\b"
    r"|^(?:the )?(?:payment|pay|settlement|closing) date (?:is|will be|for)\b"
    r"|\bselling concession\b|\bmanagement and underwriting\b|\breallowance\b"
    # "Acme Securities is (the) other joint book runner" of an issue.
    r"|\b(?:is|was) (?:the )?other (?:joint |co-)?(?:lead|book|co-lead)\b"
    r"|^(?:the )?fees? (?:are|is|total|comprise)\b"
    # Matched on the lowered text, and only where one of _ISSUE_WORDS is.
)
#: A word each of _ISSUE_TERMS' alternatives holds: most sentences hold none, and a
#: few substring tests cost a fifth of the pattern's search.
_ISSUE_WORDS = (
    "denominations",
    "date ",
    "concession",
    "underwriting",
    "reallowance",
    "other ",
    "fee",
)
#: A loan's terms: "The credit runs 20 years, with five years of grace, at a floating
#: interest rate.", "… to be repaid over 12 years once a grace period of four years
#: ends": its grace, where the sentence gives its rate or repayment too (a grace period
#: granted to people is news). Two searches, each linear in the sentence's length.
_LOAN_GRACE = re.compile(r"\b(?:years? of grace|grace period of)\b")
_LOAN_TERMS = re.compile(r"\b(?:interest|rate|repay|matur)")
#: A sentence whose news is that there is none: "Acme was unavailable for comment.",
#: "Smith could not be reached for comment.", "Details of the deal were not disclosed.",
#: "Acme declined to comment on the report.", "Texaco had no immediate comment." (not
#: when it says more: "…, but a spokeswoman said …", "Ms Lee, who was unavailable for
#: comment, is thought to …").
_NO_NEWS = re.compile(
    r"\b(?:could not|cannot|couldn't) be reached\b(?:\s+[\w-]+){0,3}?\s+(?:for|to)\s+"
    r"(?:immediate\s+)?comment"
    r"|\b(?:had|has|have) no (?:immediate )?comment|\bdeclined (?:to )?comment"
    r"|\b(?:would|could|did) not (?:immediately )?comment|\brefused to comment"
    r"|\b(?:not|un)(?:\s+immediately)?\s*available\s+(?:for\s+(?:immediate\s+)?comment"
    r"|to\s+comment)\b"
    r"|^(?:further\s+|additional\s+)?details\b.*\bnot\s+(?:immediately\s+)?"
    r"(?:available|disclosed)\.$",
    re.I,
)
_SAYS_MORE = re.compile(r"\b(?:but|while|although|who|said|says)\b|;", re.I)
#: A sentence whose news is that someone will speak later, and not of what: "AMR will
#: hold a news conference at 0900 EST, a spokesman said.", "Okafor would make an
#: announcement later but the topic was not given.", "… will meet the press very soon."
#: (`_SPEAKS_OF` says of what, or what else: "… on the Tower report", "… about its
#: discount brokerage", "… concerning a published report", "… in response to …", "He
#: declined comment on reports that …").
_SPEAKS_LATER = re.compile(
    r"\b(?:will|would|is to|was to|plans? to|(?:is|was|are|were) expected to)\s+"
    r"(?:make an? (?:announcement|statement)|hold an? (?:news|press) (?:conference|briefing)"
    r"|meet (?:the press|reporters)|brief reporters|address the nation)\b",
    re.I,
)
_SPEAKS_OF = re.compile(
    r"\b(?:about|concerning|regarding|in response to|to (?:announce|discuss|explain|outline"
    r"|unveil|present|detail)"
    r"|on (?!(?:mon|tues|wednes|thurs|fri|satur|sun)day|today|tomorrow|\d)[\w\"“'‘])",
    re.I,
)
#: An editor's or a results table's note ("NOTE: Net excludes …", "Note - World imports
#: may not balance …").
_NOTE = re.compile(r"^\s*(?:NOTES?|Note|Notes|N\.B\.)\s*(?::|[-–—]\s)", re.I)
#: A word of a results table's period ("1986", "4th", "qtr", "nine mths", "year-ago" …).
_PERIOD_WORD = (
    r"(?:(?:19|20)\d\d|\d(?:st|nd|rd|th)|qtr|quarter|yr|year|and|fiscal|first|second"
    r"|current|prior|latest|mths?|third|fourth|half|six|nine|months?|full-year|full|annual"
    r"|interim|year-end|year-ago|(?:six|nine)-months?)"
)
#: A period itself, not only its order or its length ("six" alone is no period).
_PERIOD_NOUN = r"(?:(?:19|20)\d\d|qtr|quarter|yr|year|half|months?|mths?|year-end|year-ago)\b"
#: What a footnote does to the figures it stands under.
_NOTE_VERB = r"(?:also\s+)?(?:excludes?|includes?|reflects?|(?:reduced|increased) by)\b"
#: A results table's footnote without the label ("1986 net includes a gain of …",
#: "Operating net loss also excludes …", "Prior year net includes …", "Prior year
#: excludes …", "Current year figures include …"), or with no subject at all
#: ("Includes gains of 76,000 dlrs in qtr.").
_RESULTS_NOTE = re.compile(
    r"^(?:also\s+)?(?:excludes|includes|reflects)\b"
    rf"|^(?:{_PERIOD_WORD}\s+){{0,6}}(?:oper(?:ating)?\s+)?(?:net|results?|figures?|data)"
    rf"(?:\s+(?:loss|profit|income|earnings))?(?:\s+(?:in\s+)?both\s+peri\w+)?"
    # "Net for nine mths 1987 includes …": the period after the noun.
    rf"(?:\s+(?:for|in)\s+(?:the\s+)?(?:{_PERIOD_WORD}\s+){{0,5}}{_PERIOD_WORD})?\s+{_NOTE_VERB}"
    # "1986 qtr and six mth results were restated to reflect …".
    rf"|^(?:{_PERIOD_WORD}\s+){{1,6}}(?:net|results?|figures?)\s+(?:were|was|have\s+been"
    r"|has\s+been)\s+(?:previously\s+)?restated\b"
    # "Prior year excludes …", "1986 qtr and nine mths include …": the period alone.
    rf"|^(?=(?:{_PERIOD_WORD}\s+){{0,5}}{_PERIOD_NOUN})(?:{_PERIOD_WORD}\s+){{1,6}}{_NOTE_VERB}",
    re.I,
)
#: A share of something named before: "Two of its …", "One of those programmes …",
#: "By official counts, in 2019 just three of their reactors …" (the owner is not in the
#: sentence).
_LEANING_SHARE = re.compile(
    r"(?:^|,\s+)(?:(?:as of|in|by|since|until|at|from)\s+[\w-]+\s+)?"
    r"(?:(?:only|just|almost|nearly|about|at least|more than|fewer than|less than)\s+)?"
    r"(?:all|most|many|some|none|one|two|three|four|five|six|seven|eight|nine|ten|half|each|"
    r"both|several|few|a few|a handful|much|part|any|the rest|the bulk|the majority|"
    r"the remainder|a third|"
    r"a quarter|\d+(?:\.\d+)?%?)\s+of\s+(?:its|their|his|her|them|those|these)\b",
    re.I,
)
#: A part of a sum told before: "Of the total …", "Of the … provision, … is …", "Of that
#: amount, …". A sum whose owner is named ("Of the 50 mln Kessel cars built since 1948,
#: …") has a capitalised word before the comma; a group that is no sum ("Of the
#: advanced economies, …") names what it counts.
_PART_OF_TOLD = re.compile(
    r"^Of (?:the|this|that|these|those) (?:[^,A-Z]{0,50}\d[^,A-Z]{0,50}"
    r"|(?:[a-z-]+ ){0,3}(?:total|amount|sum|increase|rise|decline|drop|provision|proceeds"
    r"|balance|remainder)),\s"
)
#: "The submarine …", "The bill …": a definite description opening a sentence.
_DEFINITE_OPENER = re.compile(r"^[\"'“‘(]*The\s+([a-z][a-z-]+)\b")
#: Words an opening phrase may take before a sentence's subject ("By official counts,
#: in 2019 …"); a share further on has its owner earlier in the sentence.
_SHARE_OPENING_WORDS = 6
#: "The vessel", "the company" … (not a person: "the ministers" may be any) a few words
#: in, with no name before it to say which:
#: "Attempts to refloat the vessel have failed", "Asked by the agency about prices, …",
#: "Okafor said the company's results would …". One named first ("Shares of Velmar
#: rose after the company …"), followed by whose ("the group of Seven") or a noun it
#: qualifies ("the company merger") stays.
_UNNAMED_EARLY = re.compile(
    r"^(?P<head>(?:[\w'’-]+,?\s+){1,4}?)the (?:"
    + "|".join(_UNNAMED_BODIES + _CRAFT)
    + r")(?:'s|’s|(?=[,.;:])| (?!of [A-Z])(?=(?:with|was|is|had|has|have|said|says|would|will"
    r"|could|to|in|on|at|for|from|of|and|about|after|before|over)\b))",
    re.I,
)
#: Addressing someone outside a quotation: a letter, an e-mail, a transcript's question
#: or a how-to, not a report ("As you know, the department…", "If you typed the address…").
#: "You" and "your" (not a compound's: "a do-it-yourself chain").
_SECOND_PERSON = re.compile(
    r"(?<![a-z]-)\b(?:you|your|yours|yourself|yourselves)\b(?!-[a-z])", re.I
)
_QUOTED = re.compile(r"\"[^\"]*\"|“[^”]*”")
#: The writer's or a speaker's "we" with no one named as saying it: a feed's teaser
#: ("We spent a week with…"), a column, or a quotation whose marks opened a paragraph
#: earlier ("We have suspended him."). Reported with its speaker ("…, she said") it stays.
_FIRST_PERSON_PLURAL = re.compile(r"\b(?:we|our|ours|ourselves)\b", re.I)
#: The writer's or a speaker's "I", "my", "me", unquoted: a column, a diary, or a
#: transcript ("RUMSFELD: I mean, …"). "World War I", "Phase I" or "Type I-A" name
#: things: an "I" after a capitalised word or a number is not the pronoun, nor one in
#: brackets ("Congress (I) party").
_FIRST_PERSON_SINGULAR = re.compile(r"\bI\b(?![-.])(?!(?<=\(I)\))|\b(?:my|me|myself)\b|^My\b")
_NAMING_WORD_BEFORE = re.compile(r"(?:[A-Z][\w.'’-]*|\d+)\s+$")
#: A transcript's speaker label opening the line: "RUMSFELD: …", "MR. OKAFOR: …", "Q: …".
_SPEAKER_LABEL = re.compile(r"^[\"'“]?(?:[A-Z][A-Z.'’-]+\s){0,3}[A-Z][A-Z.'’-]*:\s")
_ATTRIBUTED = re.compile(
    r"\b(?:said|says|say|told|tells|added|adds|according to|argued|argues|insisted|warned|"
    r"states|stated|wrote|writes)\b",
    re.I,
)
#: Two sentences run together where a page lost the space between them ("…farm
#: spending.The farmers say…", "…the Secretary of Defense."China's…"): not one point.
#: A ticker ("<ABCD.St>") or a name like "SciDev.Net" is no such run.
_RUN_TOGETHER = re.compile(r"(?<![\w<])[A-Za-z][a-z]{2,}[.!?][\"”’')]?[A-Z][a-z]+(?=[\s,'’])")
#: A page's layout run into its text, not a sentence (see :func:`_layout`).
_RULE_LINE = re.compile(r"[-_=]{4,}(?=\W*\w)")
_NUMBERED_NAME = re.compile(r"\b\d{1,2} [A-Z]")
_TEAM_SHEET = re.compile(
    r"(?:\b\d{1,2}\s+[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+)*(?:\s+\([a-z]+\))?,\s+){3}"
)
_MAIL_HEADER = re.compile(r"\bFrom: .{1,80}?\b(?:To|Sent|Subject|Subj|Date):")
#: A live blog's time stamp ("04.25 Three people…", "10:32 GMT", "11am: The draw…")
#: opening a line.
_TIME_STAMP = re.compile(
    r"^\s*\(?\d{1,2}(?:[.:]\d{2}(?:\s?[ap]\.?m\b\.?)?(?!\w)|\s?[ap]\.?m\b\.?\s*[:–—-])", re.I
)
_BYLINE = re.compile(r"^(by|from)\s+[A-Z][\w.'’-]+(\s+[A-Z][\w.'’-]+){0,3}\s*$")
_ENDS_SENTENCE = re.compile(r"[.!?][\"'”’)\]]*$")


def ends_sentence(text: str) -> bool:
    """Whether ``text`` ends as a sentence does: a full stop, "!" or "?", maybe inside
    closing quotation marks or brackets."""
    return _ENDS_SENTENCE.search(text.strip()) is not None


MIN_WORDS = 6
MAX_WORDS = 70
#: Share of a "sentence"'s words that may be figures before it is a table's rows.
TABLE_SHARE = 0.4


#: Connectives that weigh a sentence against the one before, when set off by a comma
#: ("By contrast, the …", "For example, …"); "In contrast to the bond, …" names its term.
_COMMA_OPENERS = (
    "in fact",
    "of course",
    "for example",
    "for instance",
    "in contrast",
    "by contrast",
    "by comparison",
    "again",
    "after all",
    "in that case",
    "in this case",
    "in any case",
    "on top of that",
    "on the contrary",
    "for that matter",
    "in other words",
    "what's more",
    "what is more",
    "to be sure",
    "by the same token",
    "all the same",
    # A list's further item, a reply, a contrast or a verdict on what went before
    # ("Finally, …", "In return, …", "Worse, …", "For its part, …").
    "in particular",
    "in return",
    "in response",
    "in the meantime",
    "if anything",
    "as such",
    "above all",
    "not only that",
    "more importantly",
    "most importantly",
    "worse still",
    "even worse",
    "better still",
    "in short",
    "in sum",
    "to be fair",
    *(f"for {whose} part" for whose in ("its", "their", "his", "her", "our", "my", "your")),
    "finally",
    "lastly",
    "second",
    "secondly",
    "third",
    "thirdly",
    "rather",
    "specifically",
    "conversely",
    "alternatively",
    "ironically",
    "elsewhere",
    "worse",
    "true",
    "granted",
    "admittedly",
    # Terms of an accord told before: "Under the agreement, the banks will hold 50 pct".
    *(
        f"under the {what}"
        for what in (
            "agreement",
            "accord",
            "deal",
            "pact",
            "plan",
            "proposal",
            "programme",
            "program",
            "scheme",
            "arrangement",
            "terms",
            "contract",
        )
    ),
    # What the sentence before set out ("In this context, …", "For that reason, …").
    *(
        f"{lead} {which} {what}"
        for lead, what in (
            ("in", "context"),
            ("in", "regard"),
            ("in", "respect"),
            ("in", "way"),
            ("in", "sense"),
            ("in", "light"),
            ("for", "reason"),
            ("on", "basis"),
            ("on", "note"),
            ("against", "background"),
            ("against", "backdrop"),
        )
        for which in ("this", "that")
    ),
    "with this in mind",
    "with that in mind",
    "to that end",
    "given this",
    "given that",
)

#: Each multi-word opener followed by a space or a comma, and each comma opener with its
#: comma, for one ``startswith``.
_MULTIWORD_PREFIXES = tuple(p + end for p in _MULTIWORD_OPENERS for end in (" ", ",")) + tuple(
    p + "," for p in _COMMA_OPENERS
)


def issue_terms(text: str) -> bool:
    """True for the fine print of a bond or share issue (see :data:`_ISSUE_TERMS`) or of a
    loan (:data:`_LOAN_GRACE`)."""
    lowered = text.strip().lower()
    if "grace" in lowered and _LOAN_GRACE.search(lowered) and _LOAN_TERMS.search(lowered):
        return True
    return any(w in lowered for w in _ISSUE_WORDS) and _ISSUE_TERMS.search(lowered) is not None


#: An e-mail address: a line with one is a contact or corrections line ("Okafor can be
#: reached at okafor@velmar.example.", "To unsubscribe, send a blank message to …"); no
#: sentence of news in the evaluation texts writes one.
_EMAIL_ADDRESS = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}")


def furniture(text: str) -> bool:
    """True for page furniture: a copyright line, a share or subscribe prompt, a
    caption credit, "Read more" (see :data:`_BOILERPLATE`, :data:`_PROMPT_OPENING`), a
    contact line (:data:`_EMAIL_ADDRESS`)."""
    if "@" in text and _EMAIL_ADDRESS.search(text):
        return True
    lowered = text.strip().lower()
    return (
        _BOILERPLATE.search(lowered) is not None
        or _PROMPT_OPENING.match(lowered) is not None
        or lowered.endswith(_PROMPT_ENDINGS)
        or (";" in lowered and _CREDIT_AFTER.search(lowered) is not None)
    )


def first_word(text: str) -> str:
    match = _FIRST_WORD.match(text.strip())
    return match.group(1).lower().replace("’", "'") if match else ""


#: A pronoun's contracted verb ("It's", "That's", "They've", "He'd"): the pronoun leans
#: on what came before as it does alone.
_CONTRACTED = re.compile(r"'(?:s|re|ve|d|ll)$")


def _dangling(word: str) -> bool:
    """Whether a sentence opening with ``word`` (:func:`first_word`) leans on the one
    before: a word of :data:`DANGLING_OPENERS`, alone or with its verb contracted."""
    return word in DANGLING_OPENERS or _CONTRACTED.sub("", word) in DANGLING_OPENERS


def _opening(text: str) -> str:
    """``text`` from its first word: spaces and opening quotes or brackets left out."""
    return text.strip().lstrip("\"'“‘([")


#: Someone's view of what the sentence before told: "Some are calling it …", "Many see
#: it as …", "Analysts see this pressure as …".
_VIEW_OF_TOLD = re.compile(
    r"^(?:Some|Many|Others|Critics|Analysts|Observers|Experts|Supporters|Opponents|Officials)"
    r"\s+(?:have\s+|are\s+|were\s+)?(?:call(?:ing|ed|s)?|describ(?:e|es|ed|ing)|see(?:s|ing)?"
    r"|saw|view(?:s|ed|ing)?|dub(?:s|bed|bing)?|label(?:s|led|ed|ling)?|consider(?:s|ed|ing)?"
    r"|regard(?:s|ed|ing)?)\s+(?:it|this|that|them|him|her)\b"
)


#: "This" of the day's own time ("This morning's sharp decline …", "This year will see
#: …"), not of something told before ("This time, …" is).
_THIS_TIME = re.compile(
    r"^This\s+(?:morning|afternoon|evening|week|weekend|month|year|season|quarter"
    r"|spring|summer|autumn|fall|winter)(?:['’]s)?\b"
)
#: Nouns that a name may follow in apposition: "The official Velmar news agency VNA",
#: "The minister Ann Berg", "The tanker Velmar Star".
_APPOSITIVE_NOUNS = frozenset(
    (*_UNNAMED_ACTORS, *_CRAFT, "paper", "radio", "station", "broadcaster", "magazine")
)
#: Acts a description names by what was decided or done: "The decision by Ann Berg not
#: to stand again …", "The move to test the accord …" ("The move by Velmar" does not say
#: which move).
_AIMED_ACTS = frozenset(("decision", "move"))
#: Words a description names by who said or wrote them: "The statement by the Nordvik
#: high command …", "The report by the Velmar audit office said …".
_SAID_ACTS = frozenset(("statement", "report", "remarks", "comments"))
#: "to" and the verb of an aim: "to keep", "not to serve" (not "to the U.S.").
_AIM = re.compile(r"\bto\s+(?!(?:the|a|an|its|his|her|their)\b)[a-z]+\b")


def _says_which(stripped: str) -> bool:
    """Whether a description opening ``stripped`` ("The bank …", "The former …", "The
    decision …") says itself which one it is, so leans on nothing before: a name ("The
    Bank of Velmar", "The Group of Seven"), a name after it ("The official Velmar news
    agency VNA"), an act with its doer or its aim ("The decision by Ann Berg …", "The
    statement issued by the Group of Seven …", "The move to test …") or a former holder
    of an office of something named ("The former chairman of Velmar National Bank …")."""
    words = stripped.split()
    if len(words) < 4 or words[0] != "The":
        return False
    noun, after = words[1], words[2]
    if noun[:1].isupper():
        return after in ("of", "for") and (words[3][:1].isupper() or words[3][:1].isdigit())
    if noun in ("former", "latter"):
        at = next((k for k in range(3, min(6, len(words) - 1)) if words[k] == "of"), 0)
        return bool(at) and words[at + 1][:1].isupper()
    if noun in _AIMED_ACTS:
        return after in ("by", "to", "not") and _AIM.search(" ".join(words[2:9])) is not None
    if noun in _SAID_ACTS:
        return after == "by" or (
            after in ("issued", "released", "published", "made") and "by" in words[3:6]
        )
    return (
        noun in _APPOSITIVE_NOUNS
        and after[:1].isupper()
        and after.strip(",.").lower() not in CALENDAR_WORDS
    )


def needs_context(text: str) -> bool:
    """True when the sentence leans on the one before it to be understood."""
    stripped = _opening(text)
    lowered = stripped.lower().replace("’", "'")
    first = first_word(text)
    if first in _SUBORDINATORS:
        clause = lowered[len(first) :].lstrip()
        if _dangling(first_word(clause)) or clause.startswith(_MULTIWORD_PREFIXES):
            return True
    elif (_dangling(first) and not _THIS_TIME.match(stripped)) or (
        lowered.startswith(_MULTIWORD_PREFIXES) and not _says_which(stripped)
    ):
        return True
    if stripped[:1].islower():  # a continuation, e.g. after a colon or an ellipsis
        return True
    share = _LEANING_SHARE.search(stripped)
    if share and len(stripped[: share.start()].split()) <= _SHARE_OPENING_WORDS:
        return True  # in the subject, after at most a short opening phrase
    early = " the " in lowered[:80] and _UNNAMED_EARLY.match(stripped)
    if early and not any(w[:1].isupper() for w in early["head"].split()[1:]):
        return True
    # Results-note style: "…, company changed its …" (the search only where the word is).
    if "ompany" in stripped and _BARE_COMPANY.search(stripped):
        return True
    if _TOLD_BEFORE_OPENER.match(text.strip()):  # not inside a quotation
        return True
    if _BARE_STATE.match(stripped):
        return True
    if _BARE_FIGURE.match(stripped) and _figure_of_no_one(stripped):
        return True
    if stripped.startswith("Of ") and _PART_OF_TOLD.match(stripped):
        return True
    if _DEMONSTRATIVE_OPENING.match(stripped):
        return True
    if _TIME_OFFSET.match(stripped) or _TIME_LEAD_PRONOUN.match(stripped):
        return True
    if _LATER_SUBJECT.match(stripped) or _UNNAMED_SPEAKER.match(stripped):
        return True
    if _INNER_CONNECTIVE.match(stripped) or _VIEW_OF_TOLD.match(stripped):
        return True
    if " also " in lowered[:80] and _added_to_before(stripped):
        return True
    if _pronoun_after_lead(stripped) or _BARE_REFERENCE_END.search(stripped):
        return True
    if ("these " in stripped or "those " in stripped) and _refers_by_demonstrative(stripped):
        return True
    if "them" in lowered and _them_of_no_one(stripped):
        return True
    return bool(_PRONOUN_SPEAKER.search(text))


def _added_to_before(text: str) -> bool:
    """True for "<a subject of at most five words> also …" (:data:`_ADDED_TO_BEFORE`)."""
    match = _ADDED_TO_BEFORE.match(text)
    return match is not None and not any(
        w.lower() in _CLAUSE_WORDS for w in match["subject"].split()
    )


def _pronoun_after_lead(text: str) -> bool:
    """True for "<short phrase naming no one>, he …" (see :data:`_LEAD_PRONOUN`)."""
    match = _LEAD_PRONOUN.match(text) or _LEAD_ROLE.match(text)
    if not match:
        return False
    words = [w.strip("'’()") for w in match.group(1).split()]
    if match.re is _LEAD_ROLE and (len(words) < 2 or {"said", "says"} & {w.lower() for w in words}):
        # "Okafor, the former president …": a name and its title; "Smith said in a
        # statement, the unit …": a speaker, not an opening phrase.
        return False
    if len(words) > _LEAD_WORDS:
        return False
    body = _public_body_words(words)
    return not any(
        _CAPITALISED.match(w) and w.lower() not in UNNAMING and n not in body
        for n, w in enumerate(words[1:], 1)
    )


#: The last word of a public body's name: "the Securities and Exchange Commission", "the
#: Justice Department", "the Tokyo Stock Exchange". Named in an opening phrase, such a
#: body is who a report was made to, not who "the group" or "he" is ("In a filing with
#: the Velmar Securities Commission, the group said …").
_BODY_NOUNS = word_set(
    """Commission Department Ministry Board Court Agency Authority Council Bureau Exchange
    Congress Parliament Senate Committee Administration"""
)
_NAME_JOINERS = word_set("and of for &")


def _public_body_words(words: Sequence[str]) -> set[int]:
    """The positions in ``words`` of the names of public bodies (:data:`_BODY_NOUNS`)."""
    out: set[int] = set()
    for end, word in enumerate(words):
        if word.strip(".,") not in _BODY_NOUNS:
            continue
        start = end
        while start > 0 and (
            _CAPITALISED.match(words[start - 1]) or words[start - 1] in _NAME_JOINERS
        ):
            start -= 1
        out.update(range(start, end + 1))
    return out


def event_reference(text: str) -> bool:
    """True when ``text`` opens on a bare "The talks …", "The strike …", reports on one
    ("Velmar Resorts said the offer will expire …"), tells a time against one
    ("Following the accord, …") or where someone said it ("Okafor made his remarks at
    …"): the ones the sentence before told of. An article's first sentence has its
    headline before it ("Strikes near two schools kill 16" – "The strikes were among
    …"), which a point always shows, so only a later sentence needs its neighbour for
    this."""
    opening = _opening(text)
    return (
        _EVENT_REFERENCE.match(opening) is not None
        or _AFTER_EVENT.match(opening) is not None
        or (" the " in opening and _CONCEDED_EVENT.match(opening) is not None)
        or (" the " in opening and _REPORTED_EVENT.match(opening) is not None)
        or (" the " in opening and _ACTED_ON_EVENT.match(opening) is not None)
        or (
            any(verb in opening for verb in _TOLD_WHERE_VERBS)
            and _TOLD_WHERE.match(opening) is not None
        )
    )


#: Words after "The …" that say which one: "The head of the agency", "The attack on the
#: port", "The woman who complained", "The talks between …".
_SAYS_WHICH = word_set(
    "of in on at from for to by with near between against over under after before during"
    " who whose which that where when and or like"
)


def bare_definite_opening(text: str) -> bool:
    """True when ``text`` opens on "The" and two lower-case words that do not say which
    one, no name among them: "The measure comes after …", "The troops deserted to …",
    "The singer's lawyer said …", "The herbicide, used on …". A feed item's first line
    opens so on what its headline named; "The head of the agency …", "The attack on
    Kursk …", "The wrestler Okafor …" or "The North Korean leader …" say which."""
    words = _opening(text).split()
    if len(words) < 4 or words[0] != "The":
        return False
    for word in words[1:3]:
        core = word.strip(",;:\"'“”‘’")
        if not core[:1].islower() or core.lower() in _SAYS_WHICH:
            return False
    return True


#: "The week", "the year": a time, not a thing the headline told of.
_TIMES = word_set(
    "day days week weeks weekend month months year years quarter morning afternoon evening"
    " night time moment season decade century"
)


#: Verbs that follow a subject at once: "the drone was …", "the plant will …".
_AUXILIARIES = word_set(
    "is was are were has have had will would can could may might must should does did"
)


#: "the area", "the region": a place the sentence does not name, unless words after it say
#: which ("the area around Kursk", "the region's capital", "the border with Arvand").
_BARE_PLACE = re.compile(
    r"\b[Tt]he (?:area|region|airspace|zone|site|border|island|territory|enclave|strait)"
    r"(?!['’]s\b|\s+(?:of|around|near|between|in|where|that|which|who|with|along|south|north"
    r"|east|west)\b|\s+[A-Z])\b"
)


#: A place the sentence names before it: "… seeking oil in the Aegean Sea, … to drill in
#: the area" names its area.
_NAMED_PLACE = re.compile(
    r"\b(?:in|at|near|off|over|across|from|to|into|around|inside|outside|through)\s+"
    r"(?:the\s+)?[A-Z]"
)


def bare_place(text: str) -> bool:
    """True when ``text`` speaks of "the area", "the region" without saying which, and
    names no place before it: "… among the firms avoiding the area." under "Airlines
    reroute flights around Arvand airspace". A feed item's first line leans so on its
    headline's place."""
    opening = _opening(text)
    match = _BARE_PLACE.search(opening)
    return match is not None and _NAMED_PLACE.search(opening, 0, match.start()) is None


def names_headline_thing(text: str, headline: str) -> bool:
    """True when ``text`` speaks of "the <thing>" its ``headline`` names as the subject of
    a verb, not saying which one: "Velmar's guard says the drone crossed its coast."
    under "Velmar shoots down spy drone". "The drone of the Arvand navy …", "the
    drone strike in …", "the first quarter" after "… first quarter …" say which, or are
    no subject."""
    named = {_stem(w.strip("\"'“”‘’,.:;!?()").lower()) for w in headline.split()}
    words = _opening(text).split()
    for n in range(len(words) - 2):
        if words[n].lower() != "the" or not words[n + 1][:1].islower():
            continue
        thing = words[n + 1].strip(",;:.\"'“”‘’")
        after = words[n + 2].strip(",;:.\"'“”‘’").lower()
        if (
            thing
            and thing.lower() not in _TIMES
            and _stem(thing.lower()) in named
            and after in _AUXILIARIES
        ):
            return True
    return False


#: A main clause in the past perfect, with no one reporting it: "Ecuador had already
#: suspended payments to foreign banks …", "In February Velmar Air had offered …".
#: What happened before the news, as the news's background. "Okafor said the
#: bank had sold …" or "Fires had flared again, the agency said" report news (the tense
#: of reported speech); "The mill had sales of …" is no past perfect.
_BACKGROUND = re.compile(
    r"^(?:(?:[^,;:\"“”]{1,40},\s+)?(?:[\w.'’&-]+\s+){1,7}?"
    # … or a subject with its description: "Velmar's exports, long the engine of …, had".
    r"|(?:[\w.'’&-]+ ){0,6}[\w.'’&-]+, [^,;:\"“”]{5,120}, )had\s+"
    r"(?:(?:already|previously|earlier|also|originally|initially|first|long)\s+)?(?:been\s+)?"
    r"(?:[a-z]{3,}ed|been|taken|made|given|shown|seen|done|gone|sold|bought|paid|lost|won"
    r"|held|told|put|cut|set|left|brought|begun|risen|fallen|grown|known|become|kept|met"
    r"|sent|spent|built|run|hit|struck|fought|withdrawn|written|broken|frozen|chosen)\b"
)
#: Words that say someone told it: a report, not the writer's own account.
_SAYING = r"said|says|say|told|reported|announced|according to"
_REPORTED = re.compile(rf"\b(?:{_SAYING}|tells)\b", re.I)


#: When a report says its event happened: today, on a named day, this week.
_WHEN = (
    r"today|yesterday|tonight"
    rf"|(?:on|last|this|late|early) (?:{'|'.join(WEEKDAY_NAMES)})"
    r"|(?:this|last) week"
)
_DATED = re.compile(rf"\b(?:{_WHEN})\b")
#: What a report's lead says when it is the news: someone said (or says: "in what
#: diplomats say was the first attack"), announced, confirmed …, it is according to
#: someone, or it happened today, on a named day, this week.
_NEWS_WORDS = re.compile(rf"\b(?:{_SAYING}|confirmed|{_WHEN})\b")


def reads_as_news(text: str) -> bool:
    """True when ``text`` says who told it or when it happened (:data:`_NEWS_WORDS`): an
    article's first sentence that does is its news, not a caption or a history."""
    return _NEWS_WORDS.search(text) is not None


def dates_its_event(text: str) -> bool:
    """True when ``text`` says when what it tells happened ("crossed the border on
    Tuesday", "today", "last week"): it reports an event, not only what someone says."""
    return _DATED.search(text) is not None


def background(text: str) -> bool:
    """True when ``text`` tells in the past perfect what happened before the news, and no
    one is said to report it (:data:`_BACKGROUND`): a story is better told by its news."""
    return _BACKGROUND.match(_opening(text)) is not None and not _REPORTED.search(text)


#: A sentence that says what is usually or long so, not what happened: "Velmar has long
#: denied it.", "Search engines are often the first stop …", "Many Velmarese still
#: resent …". Its subject opens the sentence (no clause word before the verb: "Sales in
#: what is usually a busy month rose …" is news); "is widely expected to …" looks ahead
#: and "are generally good" tells how things stand, which is news.
_GENERIC = re.compile(
    r"^(?!(?:Although|Though|While|When|If|As|Because|Since|After|Before|Until)\b)"
    r"[A-Z][\w'’.&-]*(?:\s+(?!(?:what|which|who|whom|whose|that|where|when|while|and|but|or)\b)"
    r"[\w'’.&,-]+){0,7}?\s+"
    r"(?:(?:are|is)\s+(?:(?:often|usually|typically|commonly|traditionally|widely)\s+"
    r"|generally\s+(?=\w+ed\b))(?!(?:expected|forecast|tipped|predicted|seen)\b)"
    r"|(?:has|have)\s+long\s+(?!since\b)"
    r"|(?:still|often)\s+(?:resent|believe|feel|remember|fear|regard|see|view)\b)"
)


#: A sentence that opens in a year long before its article's: "In 1917, British analysts
#: deciphered a coded message …", "Back in March 1998, …", "In the 1960s, …". A
#: feature's history, told before its news; never the day's news itself.
_LONG_PAST = re.compile(
    r"^(?:(?:Back|Way back)\s+)?(?:In|During|By)\s+(?:(?:early|late|mid-?)\s*)?"
    rf"(?:(?:{'|'.join(_MONTHS)})\s+)?(?:the\s+)?(?P<year>1\d{{3}}|20\d{{2}})"
    # "1985/86", a season or a fiscal year; "the 1960s", a decade.
    r"(?:[/-](?P<to>\d{2}(?!\d)))?(?P<decade>['’]?s)?\b"
    # "By 1228 gmt": a time of day, not a year.
    r"(?!\s*(?:gmt|utc|bst|cet|est|edt|hrs|hours|local)\b)",
    re.I,
)
#: Years before its article's from which a sentence's opening year is history.
LONG_PAST_YEARS = 2
#: A sentence that opens so long ago: "Four years ago, almost to the day, …", "A decade
#: ago, …", "Decades ago, …".
_YEARS_AGO = re.compile(
    r"^(?:(?:some|about|nearly|almost|more than|over|just over)\s+)?"
    r"(?:(?:(?P<n>\d{1,3})|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen"
    r"|twenty|thirty|forty|fifty|a hundred|a few|several|many)\s+years"
    r"|(?:a|two|three|several|many|a few)?\s*(?:decades?|centur(?:y|ies)))\s+ago\b",
    re.I,
)


def long_past(text: str, year: int) -> bool:
    """True when ``text`` opens in a year (or a decade that ended) :data:`LONG_PAST_YEARS`
    or more before ``year``, its article's, or that many years ago ("Four years ago,
    …"): history, not news."""
    ago = _YEARS_AGO.match(text)
    if ago is not None:
        return ago["n"] is None or int(ago["n"]) >= LONG_PAST_YEARS
    opening = _LONG_PAST.match(text)
    if opening is None:
        return False
    # A decade ends nine years on; a season or a fiscal year ("1985/86") in its second.
    last = int(opening["year"]) + (9 if opening["decade"] else int(bool(opening["to"])))
    return last <= year - LONG_PAST_YEARS


#: A year written out ("1917", "2023").
_YEAR = re.compile(r"\b(?:1\d{3}|20\d{2})\b")
#: Words of a sentence that tells how things stand or will, or a time of the news: no
#: more of a history told before it.
_NOT_PAST = re.compile(
    r"\b(?:is|are|am|will|shall|has|have|now|today|currently|next"
    r"|(?:this|last) (?:year|month|week))\b",
    re.I,
)


def continues_long_past(before: Iterable[str], text: str, year: int) -> bool:
    """True when ``text`` goes on with a history that a sentence before it in its
    paragraph opened (:func:`long_past`; ``before``: the paragraph's sentences before
    it, the nearest first), neither of them nor any between saying who told it or when,
    naming a year of the news or telling how things stand or will (:data:`_NOT_PAST`):
    "In 1917, … deciphered a coded message …. When it became public, the telegram caused
    a sensation …"."""

    def dated(sentence: str) -> bool:
        return (
            reads_as_news(sentence)
            or _NOT_PAST.search(sentence) is not None
            or any(int(y) >= year - LONG_PAST_YEARS + 1 for y in _YEAR.findall(sentence))
        )

    if dated(text):
        return False
    for earlier in before:
        if long_past(earlier, year):
            return True
        if dated(earlier):
            return False
    return False


def generic_statement(text: str) -> bool:
    """True when ``text`` states a habit or a standing fact (:data:`_GENERIC`) that no
    one is said to report and no day dates: background, not a briefing's point."""
    stripped = text.strip()
    return (
        _GENERIC.match(stripped) is not None
        and not _REPORTED.search(stripped)
        and not reads_as_news(stripped)
    )


def asks(text: str) -> bool:
    """True when ``text`` is a question put to the reader ("Will this now change, asks
    …?", "But where will …?"): a teaser or an essay's turn,
    never a briefing's point. A question someone is quoted asking ends in its quotation
    mark and is reported speech."""
    return text.rstrip().endswith("?")


def refers_back(text: str, before: str) -> bool:
    """True when ``text`` opens on a thing ``before`` has just introduced ("… a patrol
    boat shadowed the tanker." then "The boat was seen …"): "The X" after
    "a … X", so the reader needs the sentence before to know which one."""
    match = _DEFINITE_OPENER.match(text.strip())
    if not match:
        return False
    noun = re.escape(match.group(1))
    introduced = re.compile(rf"\b(?:[Aa]|[Aa]n)\s+(?:[\w-]+\s+){{0,3}}{noun}\b")
    return bool(introduced.search(before))


#: Capitalised words that name no one and nothing: days, months, "I".
UNNAMING = frozenset({"i", *WEEKDAYS, *_MONTHS})
#: Words that open a sentence and are never a name: determiners, quantifiers, pronouns,
#: prepositions, conjunctions ("Some dealers said …").
_FUNCTION_WORDS = word_set(
    """
a an the this that these those some many most several few all both each every other
others another such much more less no none any only even just still yet about around
nearly almost over under in on at for with without after before during since until
while as if when where though although because but and or so its their his her our
we you they he she it there here what which who whose how why one two three four five
six seven eight nine ten
"""
)
_CAPITALISED = re.compile(r"[A-Z][\w'’.&-]*")


#: Prefixes of hyphenated words ("non-interest", "re-exports", "semi-finished").
_WORD_PREFIXES = frozenset(
    {"non", "pre", "post", "anti", "co", "re", "self", "semi", "multi", "ex", "over", "under"}
)


def names_nothing(text: str, article_text: str) -> bool:
    """True when ``text`` names no one and nothing (no person, place, organisation or
    product): "The vouchers carry no transfer tax of any kind." A capitalised first word
    is a name only when the article never uses it in lower case ("Boeing said …", not
    "Profit per share fell …"); an opening function word never is ("Some dealers said
    …"), whether or not the article uses it in lower case."""
    words = [w.strip("\"'“”‘’(),.;:!?") for w in text.split()]
    words = [w for w in words if w]
    for n, word in enumerate(words):
        if not _CAPITALISED.fullmatch(word) or word.lower() in UNNAMING:
            continue
        if n == 0 and word.lower() in _FUNCTION_WORDS:
            continue  # "Some dealers said …", "An official newspaper said …" name no one
        parts = word.lower().split("-")
        if all(part in UNNAMING or part.isdigit() for part in parts):
            continue  # "January-March", "Monday-Friday"
        if n == 0 and _uses_word(article_text, word.lower()):
            continue  # a common word that only opens the sentence
        if (
            n == 0
            and len(parts) > 1
            and all(
                part in _WORD_PREFIXES or part.isdigit() or _uses_word(article_text, part)
                for part in parts
            )
        ):
            continue  # "Non-interest income …", "Year-to-date sales …", "Short-term rates …"
        return False
    return True


def _no_news(text: str) -> bool:
    """True when ``text``'s news is that there is none (:data:`_NO_NEWS`) and it says
    nothing more; "said" before the phrase only says who gives no comment ("A spokesman
    said the bank had no comment")."""
    found = _NO_NEWS.search(text)
    if found is None:
        return False
    return not any(
        more.start() > found.start() or more.group().lower() not in ("said", "says")
        for more in _SAYS_MORE.finditer(text)
    )


def reads_alone(text: str) -> bool:
    """True for a complete sentence that is not page furniture."""
    return reading_fault(text) is None


def reading_fault(text: str) -> str | None:
    """Why ``text`` does not read alone as a sentence of the news (None when it does):
    the name of the first check it fails, e.g. "furniture", "caption", "table"."""
    stripped = text.strip()
    words = stripped.split()
    if not MIN_WORDS <= len(words) <= MAX_WORDS:
        return "length"
    if not ends_sentence(stripped):
        return "no full stop"
    if furniture(stripped) or _BYLINE.match(stripped) or _MEDIA_LINK.search(stripped):
        return "furniture"
    if _breadcrumbs(stripped) or _layout(stripped):
        return "layout"
    if _CAPTION.match(stripped) or _caption_line(stripped) or _photo_caption(stripped):
        return "caption"
    if _TIME_STAMP.match(stripped):
        return "time stamp"
    if _QUESTION.match(stripped) or _NOTE.match(stripped):
        return "question or note"
    if _RESULTS_NOTE.match(stripped) or _RESULTS_LINE.search(stripped) or issue_terms(stripped):
        return "results or issue terms"
    lowered = stripped.lower()
    # "comment" or "details": what every kind of no news says (a cheap test first).
    if ("comment" in lowered or "details" in lowered) and _no_news(stripped):
        return "no news"
    if (
        (" to " in lowered or " would " in lowered or " will " in lowered)
        and _SPEAKS_LATER.search(stripped)
        and not _SPEAKS_OF.search(stripped)
    ):
        return "no news"  # someone will speak later, not of what
    letters = "".join(filter(str.isalpha, stripped))
    if not letters or sum(map(str.isupper, letters)) > 0.6 * len(letters):
        return "capitals"  # headlines in capitals, tickers, tables
    if _glued_headline(words) or _no_word_in_lower_case(words):
        return "headline"
    if _RUN_TOGETHER.search(stripped) or lost_capitals(stripped):
        return "run together or lost capitals"
    if _cells(words) > TABLE_SHARE * len(words):
        return "table"  # a table's rows: figures with a few labels between them
    # Wire copy's apostrophe typed as a double mark ("Kessel"s oil minister") or a
    # quotation it closes with a single one ('"smart' payphones') leaves no
    # quotation open; nor is a ticker's letters ("<FLTC.WE>") a pronoun.
    marked = mend_marks(stripped)
    unquoted = _QUOTED.sub(" ", TICKER.sub(" ", marked))
    if _SECOND_PERSON.search(unquoted):
        return "addressed to the reader"
    if (
        _FIRST_PERSON_PLURAL.search(unquoted) or _first_person_singular(unquoted)
    ) and not _ATTRIBUTED.search(unquoted):
        return "first person"
    if _SPEAKER_LABEL.match(stripped):
        return "speaker label"
    # An unbalanced quotation is a fragment of a longer quote; so is a sentence whose
    # first quotation mark closes one ('… will come hopefully." :Secretary …: "Oy.').
    if (
        marked.count('"') % 2
        or marked.count("“") != marked.count("”")
        or _opens_inside_quote(marked)
    ):
        return "part of a quotation"
    return None


def _opens_inside_quote(text: str) -> bool:
    """True when ``text``'s first quotation mark closes a quotation: a curly closing
    mark, or a straight one after a word or a stop and before a space, a stop or the
    end (an opening one follows a space or a colon and precedes a word)."""
    straight = text.find('"')
    closing = text.find("”")
    if closing != -1 and (straight == -1 or closing < straight):
        return "“" not in text[:closing]
    if straight <= 0:
        return False
    before = text[straight - 1]
    after = text[straight + 1 : straight + 2]
    return not before.isspace() and before not in "([{:—–-" and not after.isalnum()


#: What closes a quotation each opening mark begins ("“" closes a German „quotation“
#: and opens an English one; a straight mark closes whichever it ends).
_CLOSERS = {'"': '"”', "“": '”"', "„": "“”", "«": "»"}
_QUOTATION_MARK = re.compile(r'["“”„«»]')
_OPENS_QUOTATION = re.compile(r'\s*["“„«]\S')
#: A single closing mark after a word ("intelligent' ), not an elision ("rock 'n' roll").
_SINGLE_CLOSE = re.compile(r"(?<=[a-z])'(?=[\s,.;:!?)]|$)")


def opens_quotation(text: str) -> bool:
    """Whether ``text`` begins with a quotation mark: one that opens a quotation."""
    return _OPENS_QUOTATION.match(text) is not None


def quotation_after(text: str, opened: str = "") -> str:
    """The mark of a quotation still open at the end of ``text``, "" when none is, read
    from inside the quotation ``opened`` began (or from outside one): a paragraph's
    sentences read in turn tell which of them lie wholly inside a quotation an earlier
    one opened (' … said: "We will rebuild. Every house will stand again."').

    A straight mark opens only before a word and after a space, a bracket, a colon or
    a dash, and closes otherwise; a stray one of the wrong kind ('a recruiting
    sergeant" for terrorists".'), a closing mark with no quotation open, and marks
    inside a quotation (a title it quotes) are passed over. A straight quotation this
    text opens may close with a single mark after a word (wire copy's 'orders for
    "intelligent' payphones'): a quotation taken to close too soon only goes unseen."""
    opened_here = -1
    for match in _QUOTATION_MARK.finditer(text):
        mark = match.group()
        if opened_here >= 0 and _SINGLE_CLOSE.search(text, opened_here, match.start()):
            opened, opened_here = "", -1
        if mark == '"':
            before = text[match.start() - 1] if match.start() else " "
            after = text[match.end() : match.end() + 1] or " "
            opens = (before.isspace() or before in '([{:—–-"') and not after.isspace()
            if opens == bool(opened):
                continue
        if opened:
            if mark in _CLOSERS[opened]:
                opened, opened_here = "", -1
        elif mark in _CLOSERS:
            opened = mark
            opened_here = match.end() if mark == '"' else -1
    if opened_here >= 0 and _SINGLE_CLOSE.search(text, opened_here):
        return ""
    return opened


def _layout(text: str) -> bool:
    """True for a page's layout run into its text: a rule line ("BOX OFFICE -----"),
    items set off by asterisks (" * Velmar Nights * Harbour Lights * "), a team sheet
    ("1 Ann Lee, 2 Tom Roe (capt), 3 Kim Oyelaran, …"), a forwarded e-mail's header
    ("From: Ann Lee To: Tom Roe Sent: 3 May 2002 Subject: …"), a fact sheet's labels
    and values, four or more ("Area: 17,000 sq km Population: 3 million Capital: Velmar
    Currency: krona"), or two set off by spaced colons ("Stage Number : 0. 2 x RS-68
    Gross Mass : 226,400 kg."). Each pattern runs only where its telltale is, so the
    common sentence costs a few substring tests."""
    if ("----" in text or "____" in text or "====" in text) and _RULE_LINE.search(text):
        return True
    if text.count(" * ") >= 2 or text.count(": ") >= 4 or text.count(" : ") >= 2:
        return True
    if "From: " in text and _MAIL_HEADER.search(text):
        return True
    return (
        text.count(", ") >= 3
        and len(_NUMBERED_NAME.findall(text)) >= 3
        and _TEAM_SHEET.search(text) is not None
    )


#: What separates the steps of a page's breadcrumb trail ("Home > World > Asia").
_CRUMB_SEPARATORS = (" > ", " » ", " › ", " >> ")


def _breadcrumbs(text: str) -> bool:
    """True for a breadcrumb trail: three steps or more ("Velmar Post > News > Ports")."""
    return sum(text.count(sep) for sep in _CRUMB_SEPARATORS) >= 2


#: A table cell with no figure: not available, nil, a dash.
_EMPTY_CELLS = frozenset({"n.a.", "na", "n/a", "nil", "x", "-", "--", "—", "–"})


def _cells(words: list[str]) -> int:
    """How many of ``words`` read as a table's cells: a figure, or an empty cell."""
    count = 0
    for word in words:
        # Most words are letters alone: no digit in them, so only the empty cells
        # written in letters ("na", "nil", "x") are left to look for.
        if word.isalpha():
            count += word.lower() in _EMPTY_CELLS
        elif word.lower() in _EMPTY_CELLS or any(map(str.isdigit, word)):
            count += 1
    return count


def _first_person_singular(text: str) -> bool:
    """True when ``text`` speaks as "I" (see :data:`_FIRST_PERSON_SINGULAR`)."""
    for match in _FIRST_PERSON_SINGULAR.finditer(text):
        before = text[: match.start()]
        if (
            match[0] == "I"
            and _NAMING_WORD_BEFORE.search(before)
            and not before.rstrip().endswith(":")
        ):
            continue  # "World War I", "Phase I"
        return True
    return False


#: Capitalised words a headline runs to before its sentence starts. A wire's lead
#: crowded with names says what they did sooner, keeps its small words in lower case
#: and lists its names with commas, tickers and brackets ("The Velmar Federation of
#: Harbour Pilots said U.S. District Judge Ann K. Berg entered …", "Velmar Electric
#: Industrial Co Ltd <VEL.T>, Nordvik Motor Corp <NMC.T> and …").
HEADLINE_RUN = 8


def _headline_run(words: Sequence[str]) -> int:
    """How many of ``words`` open the text as a headline's would: capitalised, up to the
    first word in lower case, a ticker or a bracket, or the one a comma closes."""
    n = 0
    for word in words:
        if not word[:1].isupper():
            break
        n += 1
        if word.endswith(","):
            break
    return n


def _capitalised_small_word(words: Sequence[str]) -> bool:
    """Whether a small word ("To", "From", "Up") is capitalised after the first of
    ``words``: headline style, where a name keeps its "of" and "and" in lower case."""
    return any(w[0].isupper() and w.lower() in _TITLE_SMALL_WORDS for w in words[1:])


def _glued_headline(words: list[str]) -> bool:
    """A page's headline run into its first sentence: nearly every opening word
    capitalised, and capitalised to the eighth word (:data:`HEADLINE_RUN`) or with a
    small word capitalised, as a lead crowded with names is not; or a title-case run of
    six words or more straight into "A senior minister who ..." ("Minister Flown Home
    From Summit After Row Over Tariffs A senior minister who walked out ..."). Title
    case to the end is no sentence either: two headlines of a programme's rundown run
    together ("A Debate on the Future of Farming Is Velmar the Next Nordvik?"), a
    signature line ("Dr. Anna K. Berg, Secretary of the Velmar Navy.")."""
    head = [w for w in words[:12] if w[:1].isalpha()]
    if (
        len(head) >= 10
        and sum(w[0].isupper() for w in head) >= 0.8 * len(head)
        and (
            (run := _headline_run(words[:12])) >= HEADLINE_RUN
            or _capitalised_small_word(words[:run])
        )
    ):
        return True
    capitals = 0
    for n, word in enumerate(words[:-1]):
        if word in _ARTICLES and words[n + 1][:1].islower():
            return n >= 6 and capitals >= 4
        if word[:1].isupper():
            capitals += 1
        elif word not in _TITLE_SMALL_WORDS:
            return False  # a lower-case word of the sentence: no headline run
    return capitals >= 6


#: Months whose names are words too ("may", "march", "august").
_WORD_MONTHS = word_set("may march august")
#: A day's or a month's name in lower case (not a month's name that is a word too).
_LOWER_DATE = re.compile(
    rf"(?<![/@#\w.-])(?:{'|'.join(sorted(CALENDAR_WORDS - _WORD_MONTHS))})"
    r"(?![\w/-])"
)
#: A word in lower case, not in a link, an address or a tag.
_LOWER_WORD = re.compile(r"(?<![\w@#/.-])[a-z]+(?![\w/-])")
#: Names of countries that are everyday words in lower case too.
_COUNTRY_WORDS = word_set("pole polish china turkey chad jordan georgia")


@cache
def _lower_country_names() -> frozenset[str]:
    return frozenset(
        n.lower()
        for n in country_names()
        if n.isalpha() and len(n) >= 4 and n.lower() not in _COUNTRY_WORDS
    )


def lost_capitals(text: str) -> bool:
    """True for a sentence of a text that lost its capitals: a day or a month and a
    country or its people in lower case ("… informed cuban officials on monday …").
    Its names read wrong in a briefing however well it tells the news. One slip alone
    ("doubled in february") is a typo in a text that kept them."""
    if not _LOWER_DATE.search(text):
        return False
    names = _lower_country_names()
    return any(w in names for w in _LOWER_WORD.findall(text))


def _no_word_in_lower_case(words: list[str]) -> bool:
    """Six words or more and none in lower case but a title's small words ("of", "the"):
    a heading ("Parliamentary Record: 19 November 2004 (Upper House) Page S115 Inquiry
    Into Frigate Leasing Mr. OKAFOR."), a list of names, a wire headline. A sentence
    says what happened in words that are not names."""
    if len(words) < 6:
        return False
    for word in words:
        core = word.lstrip("([\"'“‘<")
        if core[:1].islower() and core.rstrip(")],.;:!?\"'”’") not in _TITLE_SMALL_WORDS:
            return False
    return True


#: Sentence openers after which a headline run ends.
_ARTICLES = frozenset({"A", "An", "The"})
#: Words a headline in title case leaves in lower case.
_TITLE_SMALL_WORDS = word_set(
    "a an and as at but by for from in into nor of on or over the to up vs. with"
)


#: A capital "The" run into the next word where a link's words were dropped
#: ("Thereported last week that ..."), when that word is one of the article's.
_GLUED_THE = re.compile(r"\bThe([a-z]{5,})\b")


def glued_words(text: str, article: Article) -> bool:
    """True when ``text`` runs "The" into a word of five letters or more that the
    article also uses on its own."""
    glued = {m[1] for m in _GLUED_THE.finditer(text)}
    return bool(glued) and any(_uses_word(article.text, word) for word in glued)


#: A page's heading run into the sentence under it, no stop between: two to five
#: capitalised words, then "The", "A" or "An" opening a sentence ("Current Public
#: Announcements The State Department issues …", "Summary Table Description …").
_GLUED_HEADING = re.compile(r"^(?:[A-Z][a-z]+\s+){2,5}(?:The|A|An)\s+[A-Z]")
#: Words of lower case the sentence after such a heading has within its first eight: a
#: sentence, not a headline written with a capital on every word ("Proposed Offerings
#: Recently …", "Westland To Cut …").
_GLUED_HEADING_LOWER = 3


def glued_heading(text: str) -> bool:
    """True when ``text`` opens with a page heading run into it (:data:`_GLUED_HEADING`)."""
    match = _GLUED_HEADING.match(text)
    if match is None:
        return False
    after = text[match.end() - 1 :].split()[:8]
    return sum(1 for w in after if w[:1].islower()) >= _GLUED_HEADING_LOWER


#: A sentence that points at the page around it ("The current announcements are listed
#: below.", "See below:", "by clicking on the links below", "photographs on this page"):
#: it tells the reader where to look, not what happened.
_POINTS_TO_PAGE = re.compile(
    r"\b(?:listed|shown|given|set out|detailed|included|linked|printed) below\b"
    r"|\bsee below\b|^below (?:is|are)\b|\bthe (?:links?|list|table) below\b"
    r"|\bon this (?:page|site|website)\b",
    re.I,
)


def points_to_page(text: str) -> bool:
    """True for a sentence that points at the page it stands on (:data:`_POINTS_TO_PAGE`)."""
    return _POINTS_TO_PAGE.search(text) is not None


_WORD_CHARS = re.compile(r"\w+")


@lru_cache(maxsize=16)
def _words_of(text: str) -> frozenset[str]:
    """The words of an article's text, as written (case kept); read once per article,
    however many of its sentences ask."""
    return frozenset(_WORD_CHARS.findall(text))


def _uses_word(text: str, word: str) -> bool:
    """Whether ``word`` occurs in ``text`` as a whole word, as written."""
    if _WORD_CHARS.fullmatch(word):
        return word in _words_of(text)
    return re.search(rf"\b{re.escape(word)}\b", text) is not None  # "u.s.", "at&t"


#: Headlines of a gallery, a video, an audio piece or a quiz rather than a report: its text
#: is captions or a teaser ("In pictures: …", "… – video", "Wednesday's top photos").
_MEDIA_TITLE = re.compile(
    r"^(?:in pictures|in photos|in video|pictures|photos|gallery|video|watch|listen|audio|"
    r"slideshow|photo essay|quiz|raw footage)\s*[:|–—-]"
    r"|(?:^|\s)[–—|-]\s*(?:in pictures|in photos|photo essay|video|audio|podcast|quiz|gallery)"
    r"\s*$"
    r"|\bin (?:pictures|photos)\s*$"
    r"|\b(?:top|best) (?:photos|pictures)\b|\b(?:photos|pictures) of the (?:day|week|year)\b"
    r"|^(?:the )?(?:week|day|year|month) in pictures\b",
    re.I,
)


#: Paragraphs opening with a speaker's label that make an article a transcript.
TRANSCRIPT_LABELS = 3


def transcript(article: Article) -> bool:
    """True for a transcript (a briefing, a hearing, an interview: "OKAFOR: …", "Q: …"
    opening paragraph after paragraph). Its sentences are someone's words with no one
    named as saying them, so none is a point; the article still counts as a source."""
    labelled = 0
    for paragraph in article.paragraphs:
        labelled += _SPEAKER_LABEL.match(paragraph) is not None
        if labelled >= TRANSCRIPT_LABELS:
            return True
    return False


#: The headings of an encyclopedia's page, never of a report.
_REFERENCE_HEADINGS = frozenset({"References", "External links", "Bibliography"})


def reference_page(article: Article) -> bool:
    """True for an encyclopedia's or a reference site's page (a heading "References",
    "External links" or "Bibliography" on a line of its own): what it tells is
    background ("Work started on the … class in the late 1950s"), not the day's news,
    so none of its sentences is a point; the article still counts as a source."""
    lines = (article.standfirst or "", *article.paragraphs)
    return any(line.strip() in _REFERENCE_HEADINGS for line in lines)


#: A headline that offers advice, not news: "How to Deal With a Scrooge Client", "7
#: Powerful Ways to Convert Neutral Traffic into Paying Customers", "10 tips for …", or
#: calls the reader to act: "Send a fax to the World Bank", "Sign the petition".
_ADVICE_TITLE = re.compile(
    r"^(?:how to|\d+\s+(?:[\w'’-]+\s+){0,2}(?:ways|tips|things|reasons|steps|signs|mistakes"
    r"|habits|tricks|secrets|rules|lessons|ideas|hacks)\b"
    # A campaign's call to act: "Send a fax to the World Bank", "Sign the petition".
    r"|(?:send|fax|e-?mail|write)\s+(?:a\s+|an\s+|your\s+)?(?:free\s+)?(?:protest\s+)?"
    r"(?:fax|letter|e-?mail|message|postcard)\b"
    r"|sign\s+(?:the|our|this|a)\s+(?:petition|pledge|open letter)\b|take action\b|act now\b)",
    re.I,
)


def advice_title(title: str) -> bool:
    """True when the headline offers advice or a list of tips, or calls the reader to
    act ("Send a fax to …", "Sign the petition"): a service piece or a campaign's page,
    whose sentences tell a reader what to do ("Traffic from AdWords can be offered
    multiple types of incentives …") or what the campaign holds, not what happened."""
    return _ADVICE_TITLE.search(title.strip()) is not None


def media_title(title: str) -> bool:
    """True when the headline says the item is a gallery, a video, audio or a quiz: its
    text is captions or a teaser, never a point."""
    return _MEDIA_TITLE.search(title.strip()) is not None


#: A headline that labels its piece as opinion: "Opinion: …", "Editorial | …", "The
#: Guardian view on …", "… | Letters".
_OPINION_TITLE = re.compile(
    r"^(?:opinion|op-?ed|editorial|comment|commentary|column|letters?|viewpoint)"
    r"\s*(?:[:|–—]|-\s)"  # a label set off, not a compound word ("Opinion-poll lead …")
    r"|^the [\w’'-]+ view on\b"
    r"|[|–—]\s*(?:opinion|editorial|letters?|comment)\s*$",
    re.I,
)
#: A site's opinion pages, as a folder of its links: "/opinion/", "/commentisfree/".
# fmt: off
_OPINION_FOLDERS = frozenset({
    "opinion", "opinions", "commentisfree", "comment", "commentary", "editorial",
    "editorials", "op-ed", "op-eds", "oped", "opeds", "column", "columns", "columnist",
    "columnists", "letters",
})
# fmt: on


def opinion_piece(article: Article) -> bool:
    """True for a column, an editorial, an op-ed or a reader's letter, by its headline's
    label or its link's place on the site: what a writer thinks (praise meant as irony,
    an argument, a plea), not what happened, so none of its sentences is a
    point; the article still counts as a source."""
    if _OPINION_TITLE.search(article.title.strip()):
        return True
    folders = urlsplit(article.url or "").path.lower().split("/")[:-1]
    return not _OPINION_FOLDERS.isdisjoint(folders)


#: Headlines that are page furniture: script remnants, breadcrumbs, paywall and
#: syndication labels, bylines.
_JUNK_TITLE = re.compile(
    r"(//|-->|<!--|[<>{}]|\);|^\W*$|free preview|subscribe|sign in|log in|"
    r"registration required|advertisement|correction appended|printable version|"
    r"email this|you are here|^home\b|^by\s+[A-Z]|listen to the show|\bmp3\b|realaudio|"
    r"podcast:|^watch:|^video:|"
    # A menu or a widget's rule ("Programs ------ RADIO ------", "BOX OFFICE -------"),
    # a pointer elsewhere ("Also see …", "See … for a list"), a paywall's or a
    # department's notice ("… through a site license", "please call or fax …").
    r"[-=_*~]{4,}|^(?:also )?see\s|click here|please (?:call|contact|click|visit|email)\b|"
    r"site licen[cs]e|full[- ]text articles|for (?:further|more) information)",
    re.I,
)
#: A tag list ("election fraud | government | human & civil rights …").
_TAG_SEPARATORS = 2
#: A byline's second line: "BBC News business reporter", "Our Moscow correspondent".
_BYLINE_ROLE = re.compile(
    r"^(?:[A-Z][\w.&'’-]*\s+)*(?i:(?:news|chief|senior|deputy|business|political|economics?"
    r"|diplomatic|defen[cs]e|security|foreign|home|world|science|technology|health|education"
    r"|arts|sports?|financial|legal|environment|energy)\s+)*"
    r"(?i:(?:reporter|correspondent|editor|columnist|staff writer)s?)\W*$"
)
#: Page furniture where a headline would be, none of it naming a story: a masthead or
#: a section's name ("ABC News", "SECRECY NEWS", "Nation"), a search box ("Search Asia
#: Times", "Advanced Search Japan"), a list's label ("Also from this section", "Older
#: News: …", "Today's Top Money Stories • …"), a letter's salutation ("Dear Mr.
#: President:"), a page's tools run into its headline ("Print Mail `Fockers' tops …").
_PAGE_LABEL = re.compile(
    r"^(?:[A-Z][\w&'’.-]*\s+){0,2}(?i:news)$"
    r"|^[A-Z][a-z]+$"
    r"|^(?:Advanced\s+)?Search(?:\s+[A-Z][\w.&'’-]*){1,3}$"
    r"|^(?i:also (?:from|in) this section|older news\b|more (?:news|stories)\b"
    r"|top stories\b|today'?s top\b|related (?:stories|links|articles)\b"
    r"|most (?:read|popular|viewed)\b|print\s+e?-?mail\b|e-?mail\s+print\b)"
    r"|^Dear\s.*[:,]$"
)
_TITLE_WORDS = 14
#: A web server's "not found" notice, where a page's headline would be.
_ERROR_NOTICE = (
    r"\bpage (?:you (?:requested|are looking for) )?(?:cannot|could not|can't|was not)"
    r" be found\b|\bpage not found\b|\berror 404\b|\b404 not found\b"
    r"|^\W*(?:error\W*)?(?:404\W*)?not found\W*$"
    # A server's failure: "Unfortunately we are unable to process your request …".
    r"|\bunable to process your request\b|\binternal server error\b"
)
_ERROR_PAGE = re.compile(_ERROR_NOTICE, re.I)
#: Page furniture that is not a headline: a page's "not found" notice, a "Back to …" link.
_FURNITURE_TITLE = re.compile(rf"^back to\b|{_ERROR_NOTICE}", re.I)
#: Words an error page's text stays under: its apology and a few links, no story.
_ERROR_PAGE_WORDS = 200
#: What a "not found" notice says in its text when its title is the site's own ("The
#: story, page, or video you were trying to get to might have been moved"; "a typo in
#: the URL"; "It seems we can't find what you're looking for"): said of the page or the
#: address, never of anything a story reports.
_ERROR_TEXT = re.compile(
    rf"{_ERROR_NOTICE}|\btypo in the (?:url|web address|address|link)\b"
    r"|\b(?:can ?not|can[’']t|could ?not|couldn[’']t) find (?:the page|that page|this page"
    r"|what you[’']re looking for|what you are looking for)\b"
    r"|\b(?:page|story|video|link|url)\b[^.!?]{0,60}\byou (?:were|are) (?:trying to"
    r" (?:get to|reach|visit|access|find)|looking for)\b[^.!?]{0,40}\b(?:moved|removed|"
    r"deleted|expired|(?:does not|doesn't|no longer) exists?)\b",
    re.I,
)
#: Words a page stays under whose text alone tells it is a "not found" notice.
_ERROR_TEXT_WORDS = 100
#: The words a date or a time stamp is made of ("Tuesday, March 9, 2021", "Last
#: updated 18 Nov 2004 14:05 GMT"): a title of nothing else names no story.
_MONTH_WORDS = frozenset({*_MONTHS, *_MONTHS_SHORT, "sept"})
_STAMP_WORDS = frozenset({"last", "updated", "update", "posted", "published"})
_DATE_WORDS = frozenset(
    {
        *WEEKDAYS,
        *(d[:3] for d in WEEKDAYS),
        *_MONTH_WORDS,
        *_STAMP_WORDS,
        *("on", "at", "am", "pm", "gmt", "bst", "utc", "et", "est"),
    }
)
_DATE_TOKEN = re.compile(r"[A-Za-z]+|\d+")
#: A print edition's page after a date ("Tuesday, January 4, 2005; Page A01").
_PRINT_PAGE = re.compile(r"[;,]?\s*\bPage\s+[A-Z]?\d{1,3}\s*$")


def _date_only(title: str) -> bool:
    """True for a title that is only a date, a time or "Last updated" (with or without one),
    or a print edition's date and page."""
    tokens = _DATE_TOKEN.findall(_PRINT_PAGE.sub("", title))
    named = {t.lower() for t in tokens if not t.isdigit()}
    if not tokens or not named <= _DATE_WORDS:
        return False
    year = any(len(t) == 4 and t.isdigit() for t in tokens)
    return year or bool(named & _MONTH_WORDS) or named <= _STAMP_WORDS


def error_page(article: Article) -> bool:
    """True for a saved or fetched "page not found" notice: its title says so and its
    text is a few lines of apology and links, not a story; or, under a title that is the
    site's own, its few lines say so of the page or its address."""
    words = len(article.text.split())
    if words > _ERROR_PAGE_WORDS:
        return False
    if _ERROR_PAGE.search(article.title) is not None:
        return True
    return words <= _ERROR_TEXT_WORDS and _ERROR_TEXT.search(article.text) is not None


def junk_title(title: str) -> bool:
    """True for a headline no reader should see as the article's title."""
    stripped = title.strip()
    # A wire's ticker marking ("<GRE>") is not a script remnant.
    if (
        not stripped
        or _JUNK_TITLE.search(TICKER.sub(" ", stripped))
        or _BYLINE_ROLE.match(stripped)
        or _PAGE_LABEL.search(stripped)
        or _FURNITURE_TITLE.search(stripped)
        or _date_only(stripped)
    ):
        return True
    words = stripped.split()
    first = words[0].strip("\"'“‘(")
    if (
        # A sentence's broken-off end or middle, not a headline: "an incomplete
        # understanding …," ("iPhone", "eBay" open headlines).
        (first.isalpha() and first.islower())
        or stripped.endswith((",", ";"))
        or stripped.count(" | ") >= _TAG_SEPARATORS
        or _TIME_STAMP.match(stripped)
    ):
        return True
    letters = [ch for ch in stripped if ch.isalpha()]
    # A byline or section label in capitals ("ANDRES OPPENHEIMER THE MIAMI HERALD").
    return len(words) >= 3 and bool(letters) and all(ch.isupper() for ch in letters)


#: A possessive capitalised by a headline's title casing: "Treasury'S Baker …".
_TITLE_CASED_POSSESSIVE = re.compile(r"(?<=[a-z])(['’])S\b")
#: A word's end title casing capitalised after an apostrophe or a figure: "USDA'S",
#: "Won'T", "Int'L", "4Th Qtr", "MD-11S".
_TITLE_CASED_ENDING = re.compile(r"(?<=[A-Za-z]['’])[A-Z]\b|(?<=\d)(?:St|Nd|Rd|Th|S)\b")
#: A word as title casing writes it: "Iae", "Mcdonnell", "Usda".
_TITLE_CASED_WORD = re.compile(r"\b[A-Z][a-z]+\b")
#: Share of a title's words that start with a capital for it to be title cased.
_TITLE_CASED_SHARE = 0.8
#: Letters up to which a title's word may stand for a name written with stops, "U.S.".
_DOTTED_LETTERS = 3


def _title_cased(title: str) -> bool:
    """True for a headline written with every word capitalised and no word in capitals
    ("Iae Calls Off Superfan Engine Project"): one whose names' own capitals ("IAE",
    "McDonnell") title casing may have lost. A headline that keeps a name in capitals
    ("UN Human Rights Chief …") was not title cased by a machine. Wire tickers
    ("<GM>") are not the headline's words."""
    words = re.findall(r"[A-Za-z][A-Za-z.'’-]*", TICKER.sub(" ", title))
    if len(words) < 3 or any(w.isupper() and len(w) > 1 and "." not in w for w in words):
        return False
    return bool(sum(w[0].isupper() for w in words) >= _TITLE_CASED_SHARE * len(words))


def _occurrences(text: str, needles: Sequence[str]) -> Iterator[tuple[int, int]]:
    """Where each of ``needles`` (in lower case) stands in ``text`` as a whole word, in
    any case: not after a letter, a digit, "_" or ".", nor before a letter, a digit or
    "_". Found by plain search in the text's lower case (a scan per title on every
    article of a day: a case-blind regular expression of its words is ten times slower)."""
    low = text.lower()
    if len(low) != len(text):  # a letter whose lower case is longer ("İ"): by pattern
        pattern = "|".join(map(re.escape, needles))
        yield from (m.span() for m in re.finditer(rf"(?<![\w.])(?i:{pattern})(?!\w)", text))
        return
    for needle in needles:
        at = low.find(needle)
        while at >= 0:
            stop = at + len(needle)
            before = text[at - 1] if at else " "
            after = text[stop] if stop < len(text) else " "
            if not (before.isalnum() or before in "._") and not (after.isalnum() or after == "_"):
                yield at, stop
            at = low.find(needle, at + 1)


@lru_cache(maxsize=4096)
def _untitle_cased(title: str, paragraphs: tuple[str, ...]) -> str:
    """A title-cased ``title`` with its names' capitals given back from ``paragraphs``
    (without the dateline opening them nor the sign-off closing them) and the ends
    title casing raised in lower case: once per article, however often it is cited."""
    body = [*paragraphs[:-1], without_sign_off(paragraphs[-1])] if paragraphs else []
    text = DATELINE.sub("", "\n".join(body), count=1)
    return _TITLE_CASED_ENDING.sub(lambda m: m[0].lower(), _restore_casing(title, text))


def _restore_casing(title: str, text: str) -> str:
    """``title`` with each word title casing rewrote given back as the story writes
    it, "Iae" as "IAE", "Mcdonnell" as "McDonnell", "Us" as "US" where the text writes
    "U.S.", when every time the text uses the word it writes it so (a word the text also
    writes in lower case, "Aids" and "aids", or as the title does, "Kim Jong Un", is left
    alone; a mix of cases written once may be a slip of the keys). A word in capitals
    counts only beside a word in lower case on its line: a line of capitals (a table's
    heading, a wire's "REUTER" sign-off) says nothing of a name."""
    words = {m[0].lower() for m in _TITLE_CASED_WORD.finditer(TICKER.sub(" ", title))}
    if not words:
        return title
    forms: dict[str, list[str]] = {}
    # A short name may be written with stops ("U.S.", "U.N."): "Us", "Un" in the title.
    dotted = [".".join(w) + "." for w in words if len(w) <= _DOTTED_LETTERS]
    for at, stop in _occurrences(text, [*dotted, *sorted(words)]):
        form = text[at:stop].replace(".", "")
        if form.isupper():
            start = max(at - 30, text.rfind("\n", 0, at) + 1)
            end = text.find("\n", stop, stop + 30)
            before = re.findall(r"[A-Za-z]+", text[start:at])[-1:]
            after = re.findall(r"[A-Za-z]+", text[stop : stop + 30 if end < 0 else end])[:1]
            if not any(w != w.upper() for w in before + after):
                continue
        forms.setdefault(form.lower(), []).append(form)

    def restored(m: re.Match[str]) -> str:
        seen = forms.get(m[0].lower(), [])
        if len(set(seen)) != 1 or seen[0].islower():
            return m[0]
        # "STock", "WEintraub": once, a slip; twice, a name's way ("MCorp").
        return seen[0] if seen[0].isupper() or len(seen) > 1 else m[0]

    parts = re.split(r"(<[^<>]*>)", title)  # a ticker's letters are its own
    return "".join(p if p.startswith("<") else _TITLE_CASED_WORD.sub(restored, p) for p in parts)


#: Words from which a title ending in a full stop is a lead's sentence, not a headline.
_LEAD_TITLE_WORDS = 8


def title_is_opening(title: str, text: str) -> bool:
    """Whether ``title`` is only the opening words of ``text`` cut short ("…"): what a
    reader gives a file with no headline line."""
    return title.endswith("…") and text.startswith(title[:-1].rstrip())


def display_title(article: Article) -> str:
    """The article's title; when it is junk, the line under it if that reads as a
    headline (a page's furniture comes first: "You are here: ::" then the headline),
    else the first real sentence, without its dateline, shortened.

    A title written with a capital on every word has the names that title casing
    lowered given back from the text ("Iae" as "IAE", "Mcdonnell" as "McDonnell") and
    the ends it raised in lower case ("4Th Qtr", "Won'T", "MD-11S"); a possessive it
    capitalised ("Treasury'S") is shown as "Treasury's" in any title."""
    if not junk_title(article.title):
        title = TITLE_CREDIT.sub("", article.title)
        if title_is_opening(title, article.text) or (
            title.endswith(".") and len(title.split()) >= _LEAD_TITLE_WORDS
        ):
            # The text's opening words (a file with no headline line) or a lead written
            # where the headline goes: without the wire's dateline, which a headline has
            # no place for ("WASHINGTON – Lawmakers are questioning whether …").
            title = DATELINE.sub("", title, count=1)
        if _title_cased(title):
            title = _untitle_cased(title, article.paragraphs)
        return _TITLE_CASED_POSSESSIVE.sub(r"\1s", unmark_tickers(title))
    standfirst = (article.standfirst or "").strip()
    if standfirst and len(standfirst.split()) <= _TITLE_WORDS + 6 and not junk_title(standfirst):
        return unmark_tickers(standfirst)
    opening = True  # nothing before that reads as a sentence, see Point.opening
    for paragraph in article.paragraphs[:6]:
        for sentence in split_sentences(paragraph):
            if not reads_alone(sentence):
                continue
            if not needs_context(sentence) and not junk_title(sentence):
                words = DATELINE.sub("", sentence, count=1).split()  # "WASHINGTON, Nov. 23 - "
                if opening:  # "Mangaluru: Karnataka Bank has …", "Arvand - Concern grew …"
                    words = FIRST_LINE_DATELINE.sub("", " ".join(words), count=1).split()
                if len(words) <= _TITLE_WORDS:
                    return " ".join(words)
                return " ".join(words[:_TITLE_WORDS]).rstrip(",;:") + "…"
            opening = False
    return article.title
