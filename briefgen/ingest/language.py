"""Which language an article is written in, from its own words: offline, no model.

Languages in the Latin script are told apart by their most frequent function
words (a few dozen each: "the, of, and" against "der, die, und"); others by
their script (Greek, Cyrillic, Arabic, Hebrew, Thai, Devanagari, Hangul, kana
and Han). A text too short or too mixed to tell keeps the language its source
declared
(or that most articles of the same input are written in).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from itertools import islice

#: The most frequent function words of each language, as ISO 639-1 code -> words.
PROFILES: dict[str, frozenset[str]] = {
    code: frozenset(words.split())
    for code, words in {
        "en": "the of and to in is that for it was on with as by he at from his are be this "
        "have has had were which said not but they their an will would been who its",
        "de": "der die und den von zu das mit sich des auf für ist im dem nicht ein eine als "
        "auch es werden aus hat dass sie nach wird bei einer um am sind noch wie einem über",
        "fr": "le la les des et un une du est que qui dans pour pas au sur par plus ce il avec "
        "se sont aux ont mais elle été cette ne leur nous sa son",
        "es": "el los las del que y por con una su para es al lo como más pero sus ha fue "
        "este entre sin sobre también muy hay desde todo ya",
        "it": "il di che è per un del della non una con si da dei al alla nel sono gli anche "
        "come ma delle questo dalla degli nella ad più",
        "pt": "o que do da em um para é com não uma os no na por mais dos como foi ao ele das "
        "tem à seu sua ou ser quando nos já está também pelo pela",
        "nl": "de het een van en is dat op te zijn voor met die niet aan er om ook als bij "
        "door maar naar dan nog worden wordt heeft hij over",
        "sv": "och att det som en på är av för med till den har inte om ett var men sig från "
        "vi så kan man när år också eller efter",
        "pl": "i w na z że się nie do to jest jak po co przez od za są dla tak ale jego czy "
        "tylko oraz już było będzie",
        "tr": "ve bir bu da de için ile olarak çok daha gibi en olan sonra kadar ama ancak her "
        "ne değil mi ise göre",
    }.items()
}

#: English names of the languages :func:`detect_language` tells apart, for messages.
LANGUAGE_NAMES: dict[str, str] = {
    "en": "English", "de": "German", "fr": "French", "es": "Spanish", "it": "Italian",
    "pt": "Portuguese", "nl": "Dutch", "sv": "Swedish", "pl": "Polish", "tr": "Turkish",
    "el": "Greek", "ar": "Arabic", "he": "Hebrew", "th": "Thai", "hi": "Hindi",
    "ko": "Korean", "ja": "Japanese", "zh": "Chinese", "ru": "Russian", "uk": "Ukrainian",
}  # fmt: skip


def language_name(code: str) -> str:
    """'German' for ``de``; an unknown code as it is."""
    return LANGUAGE_NAMES.get(code, code or "an unknown language")


#: Scripts that name their language (or the most common one written in them).
_SCRIPTS = (
    ("GREEK", "el"),
    ("ARABIC", "ar"),
    ("HEBREW", "he"),
    ("THAI", "th"),
    ("DEVANAGARI", "hi"),
    ("HANGUL", "ko"),
    ("HIRAGANA", "ja"),
    ("KATAKANA", "ja"),
    ("CJK", "zh"),
    ("CYRILLIC", "ru"),
)
_UKRAINIAN = set("іїєґІЇЄҐ")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")

#: Words read from each article: enough to tell, and a long one costs no more.
SAMPLE_WORDS = 400
#: At least this much function-word weight, and this many times the runner-up's.
MIN_WEIGHT = 3.0
MARGIN = 1.5
#: Different function words of the winning language the text must use: prose in any
#: language uses many; a price table repeating "over" or "per" is not Dutch or Italian.
MIN_DISTINCT = 3

# A word several languages share ("de", "da", "en") counts for each of them in part.
_WEIGHTS: dict[str, dict[str, float]] = {}
for _code, _words in PROFILES.items():
    for _word in _words:
        _WEIGHTS.setdefault(_word, {})[_code] = 1.0
for _shares in _WEIGHTS.values():
    for _code in _shares:
        _shares[_code] = 1.0 / len(_shares)


def detect_language(text: str) -> str:
    """The ISO 639-1 code of the language ``text`` is written in, or "" when it cannot tell."""
    by_script = _script_language(text[:4000])
    if by_script:
        return by_script
    scores: dict[str, float] = {}
    used: dict[str, set[str]] = {}
    for match in islice(_WORD.finditer(text, 0, 20000), SAMPLE_WORDS):
        word = match.group().casefold()
        for code, weight in _WEIGHTS.get(word, {}).items():
            scores[code] = scores.get(code, 0.0) + weight
            used.setdefault(code, set()).add(word)
    ranked = sorted(scores.items(), key=lambda item: -item[1])[:2]
    if not ranked:
        return ""
    best, score = ranked[0]
    runner_up = ranked[1][1] if len(ranked) > 1 else 0.0
    if score >= MIN_WEIGHT and score >= MARGIN * runner_up and len(used[best]) >= MIN_DISTINCT:
        return best
    return ""


def _script_language(text: str) -> str:
    """The language a non-Latin script gives away, when most letters are in it."""
    if text.isascii():  # most news: no other script can be there
        return ""
    letters = sum(map(str.isalpha, text))
    others = [ch for ch in _NON_ASCII.findall(text) if ch.isalpha()]
    # One script must hold half of all letters: the non-ASCII ones together must.
    if not letters or len(others) < 0.5 * letters:
        return ""
    scripts: Counter[str] = Counter()
    for ch in others:
        name = unicodedata.name(ch, "")
        for script, code in _SCRIPTS:
            if name.startswith(script):
                scripts[code] += 1
                break
    if not scripts:
        return ""
    code, count = scripts.most_common(1)[0]
    if count < 0.5 * letters:
        return ""
    if code == "zh" and scripts["ja"]:
        return "ja"  # Japanese mixes kana with Han characters
    if code == "ru" and any(ch in _UKRAINIAN for ch in text):
        return "uk"
    return code
