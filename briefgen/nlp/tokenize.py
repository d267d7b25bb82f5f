"""Sentence and word splitting that needs no downloaded data.

NLTK's sentence models are not installed on an air-gapped machine, and
sumy's stock tokenizer fails there, so briefgen splits sentences with a
small rule set tuned to news English: abbreviations and titles, initials,
acronyms, decimals and money, ellipses and sentences that end inside
quotation marks.

:class:`OfflineTokenizer` offers the same interface as
``sumy.nlp.tokenizers.Tokenizer``, so sumy's parsers and summarizers can
use these rules.
"""

from __future__ import annotations

import pkgutil
import re
import unicodedata
from collections.abc import Iterator
from functools import cache

from briefgen.models import GLUED_DATELINE

__all__ = ["OfflineTokenizer", "split_sentences", "split_words"]


def word_set(words: str) -> frozenset[str]:
    """The words of ``words``, split on whitespace."""
    return frozenset(words.split())


def strip_accents(text: str) -> str:
    """``text`` with its letters' accents taken off ("Inácio" -> "Inacio",
    "communiqué" -> "communique")."""
    if text.isascii():
        return text
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


# Titles and abbreviations that are practically never the last word of a sentence.
_NEVER_FINAL = word_set(
    """mr mrs ms messrs mme mlle dr prof st sen rep gen gov lt col capt cmdr sgt maj
    adm rev hon mt ft supt insp det cllr pres vs cf approx dept est"""
)

# Abbreviations that do not end a sentence when a number follows ("No. 10", "Jan. 5").
_BEFORE_NUMBER = word_set(
    """no nos jan feb mar apr jun jul aug sep sept oct nov dec vol p pp art fig ch sec
    para op ed"""
)


@cache
def stop_words(language: str = "english") -> frozenset[str]:
    """sumy's stop words for ``language``, read from its package data: ``sumy.utils``
    imports requests, a tenth of a second of every start. LookupError if there are none."""
    try:
        data = pkgutil.get_data("sumy", f"data/stopwords/{language.lower()}.txt")
    except OSError:
        data = None
    if data is None:  # sumy also knows languages by code ("en"); it raises LookupError
        from sumy.utils import get_stop_words

        return frozenset(get_stop_words(language))
    return frozenset(w.rstrip() for w in data.decode("utf-8").splitlines() if w)


# Abbreviations that may end a sentence ("...a firm in the U.S. It said").
# After them we split only when the next word is one that usually opens a
# sentence (a capitalised function word such as "The", "He", "But").
_MAYBE_FINAL = word_set("""inc ltd co corp plc jr sr etc bros llc""")

# Capitalised function words that open sentences. "I" is left out because a
# lone "I" is more often an initial ("J. I. Smith") than a new sentence here.
_OPENERS = frozenset(w for w in stop_words("english") if w.isalpha() and w != "i") | {
    "however",
    "meanwhile",
    "but",
    "yet",
}

# After an acronym ("U.S."), the capitalised words that open a new sentence. Text set
# in capitals and turned back into mixed case keeps a capital after it ("the U.S. Saw
# no reason …", "the U.S. And Japan"), so the longer list of function words above,
# which has verbs such as "saw" and "said" in it, would cut such a sentence in two.
_ACRONYM_OPENERS = word_set(
    """the a an he she it they we you this these those that there here its his her their
    our my your in on at for from with by under after before since while when if as
    although though but however meanwhile yet so some many most all both each no one
    two three another other such despite during earlier later last separately also now
    then still even only just several every what who why how whether instead indeed
    perhaps moreover furthermore thus therefore nevertheless because unless until"""
)

_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n\s*")

# A candidate boundary: terminal punctuation, optional closing quotes or
# brackets, then whitespace. Group 1 is the punctuation, group 2 the closers.
_BOUNDARY = re.compile(r"([.!?…]+)([\"'”’»)\]]*)\s+")

# A list item on its own line ("- cut costs", "2. Sri Lanka") is a sentence of its own.
_BULLET_LINE = re.compile(r"\n[ \t]*(?=(?:[-*•–—]|\d{1,2}[.)])[ \t])")

# A line break, with the blanks around it.
_LINE_BREAK = re.compile(r"[ \t\r\f\v]*\n\s*")
# What ends a sentence at a line break; a line ending otherwise was cut short.
_CLOSING = tuple(".!?…:;\"'”’»)]")

# Two sentences run together where a line break was lost: "...near the school
# compounds The strikes were...". A capitalised opener between two lower-case
# words is almost never one sentence; a title after a lower-case word ("told
# The Times", "in The Hague") goes on with a capital, and is left alone. "He"
# and "She" are left out (He is also a surname), and so are "A" and "I".
_RUN_ON = re.compile(
    r"(?<=[a-z][a-z]) (?=(?:The|These|This|Those|They|We|It|But|However|In) [a-z])"
)

# A full stop with its space lost, where a link's words were dropped ("angers many
# farmers.notes that the ministry"): a word of four letters or more, the stop, a
# lower-case word and a space. Addresses and file names ("Shopmart.com",
# "news.example.co.uk", "jane.smith@", "index.html") are left alone.
_GLUED_STOP = re.compile(
    r"(?<![\w.@/-])[^\W\d_][a-z]{3,}(\.)(?!(?:com|org|net|gov|edu|int|info|biz|html?|php|aspx?"
    r"|jsp|cgi|shtml|pdf|jpe?g|gif|png|txt|exe|zip)\b)[a-z]{3,}(?=[\s,;:])"
)

_OPENING_CHARS = "\"'“‘«([" + "0123456789"

_WORD = re.compile(
    r"(?:[^\W\d_]\.){2,}"  # acronyms with dots: U.S., U.K., e.g.
    r"|[^\W_]+(?:(?:['’-]|(?<=\d)[.,](?=\d))[^\W_]+)*",  # words, 3.5, 1,000, don't, well-known
)

# The words sumy's own tokenizer keeps: they start with a letter.
_SUMY_WORD = re.compile(r"^[^\W\d_](?:[^\W\d_]|['’-])*$")


def _last_token(text: str, end: int) -> str:
    """The whitespace-delimited token ending at ``end``, without leading brackets or quotes."""
    start = end
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    return text[start:end].lstrip("\"'“‘«([")


_NEXT_WORD = re.compile(r"[\"'“‘«(\[]*([^\W_]+)")


def _next_word(text: str, start: int) -> str:
    # Matched in place: slicing ``text[start:]`` copied the rest of the paragraph at
    # every full stop, which made one long paragraph quadratic.
    match = _NEXT_WORD.match(text, start)
    return match.group(1) if match else ""


def _char_before(text: str, end: int) -> str:
    """The last character of ``text[:end]`` that is not a space or tab ("" if none)."""
    while end > 0 and text[end - 1] in " \t":
        end -= 1
    return text[end - 1] if end > 0 else ""


def _is_boundary(text: str, match: re.Match[str]) -> bool:
    """Whether the punctuation run in ``match`` ends a sentence."""
    after = match.end()
    if after >= len(text):
        return True
    first = text[after]
    # A lower-case continuation ("Why?" she asked.) is never a new sentence.
    if not (first.isupper() or first in _OPENING_CHARS):
        return False
    punct, closers = match.group(1), match.group(2)
    if punct == "." and closers == ")" and _bracketed_abbreviation(text, match.start(1)):
        # "(M.I.) Battalion": an abbreviation in brackets, not the end of a sentence,
        # unless a typical sentence opener follows.
        return _next_word(text, after).lower() in _OPENERS
    if punct != "." or closers:
        # "!", "?", an ellipsis or a period inside quotes: the quote or
        # question ends, and a capital letter starts the next sentence.
        return True
    token = _last_token(text, match.start(1))
    token_start = match.start(1) - len(token)
    before = _char_before(text, token_start)
    if (
        len(token) <= 2
        and token.isdigit()
        and before in ("", "\n", ".", "!", "?", ":")
        and not (before == "." and _abbreviation_before_number(text, token_start))
    ):
        # The number of a list item: "2. Sri Lanka" at the start of a line,
        # or "1. Cut costs. 2. Raise prices." run into one line; not a date's day
        # or an abbreviation's number ending a sentence ("… by Jan. 9. Talks …").
        return False
    word = token.lower()
    next_word = _next_word(text, after)
    # "MS." or "ST." in capitals is an acronym or a name, not a title.
    if word in _NEVER_FINAL and not (len(token) > 1 and token.isupper()):
        return False
    if word in _BEFORE_NUMBER and next_word[:1].isdigit():
        return False
    is_initial = len(token) == 1 and token.isalpha() and token.isupper()
    is_acronym = bool(re.fullmatch(r"(?:[^\W\d_]\.)+[^\W\d_]", token))
    if is_acronym:
        # "U.S. troops", "the U.S. Saw no reason": only a word that opens sentences
        # after the period makes it a sentence end.
        return next_word.lower() in _ACRONYM_OPENERS
    if is_initial or word in _MAYBE_FINAL:
        # "George W. Bush", "J. K. Rowling": only a typical sentence opener after the
        # period makes it a sentence end.
        return len(next_word) > 1 and next_word.lower() in _OPENERS
    return True


def _abbreviation_before_number(text: str, end: int) -> bool:
    """The token ending before ``end`` (past its blanks) is an abbreviation that takes a
    number ("Jan.", "Sept.", "No."): the number after it is a day or a number, not the
    label of a list item."""
    while end > 0 and text[end - 1] in " \t":
        end -= 1
    return _last_token(text, end - 1).lower() in _BEFORE_NUMBER


def _bracketed_abbreviation(text: str, end: int) -> bool:
    """The token ending at ``end`` opens a bracket and is an initialism ("(M.I")."""
    start = end
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    token = text[start:end]
    return token.startswith("(") and bool(re.fullmatch(r"\((?:[^\W\d_]\.)*[^\W\d_]", token))


def _ends_line(text: str, match: re.Match[str]) -> bool:
    """Whether the line break in ``match`` ends a sentence that has no closing punctuation.

    "...near the school compounds" + line break + "The strikes were..." is two
    sentences run together by a feed or a page; a line ending in punctuation is
    left to :func:`_is_boundary`, and a line that runs on in lower case is wrapped.
    """
    # The last character before the break, found in place: copying ``text[:start]`` at
    # every line break made one long paragraph quadratic.
    end = match.start()
    while end > 0 and text[end - 1].isspace():
        end -= 1
    before = text[end - 1] if end > 0 else ""
    after = text[match.end() : match.end() + 1]
    if not before or not after or before in _CLOSING:
        return False
    return after.isupper() or after in _OPENING_CHARS


def _paragraph_spans(text: str) -> Iterator[tuple[int, int]]:
    start = 0
    for match in _PARAGRAPH_BREAK.finditer(text):
        yield start, match.start()
        start = match.end()
    yield start, len(text)


def _sentence_spans(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    paragraph = text[start:end]
    # (end of one sentence, start of the next), relative to the paragraph
    cuts = [
        (m.end(2), m.end()) for m in _BOUNDARY.finditer(paragraph) if _is_boundary(paragraph, m)
    ]
    cuts += [(m.start(), m.end()) for m in _BULLET_LINE.finditer(paragraph)]
    cuts += [
        (m.start(), m.end()) for m in _LINE_BREAK.finditer(paragraph) if _ends_line(paragraph, m)
    ]
    begin = 0
    cuts += [(m.start(), m.end()) for m in _RUN_ON.finditer(paragraph)]
    cuts += [(m.end(1), m.end(1)) for m in _GLUED_STOP.finditer(paragraph)]
    cuts += [(m.start(), m.end()) for m in GLUED_DATELINE.finditer(paragraph)]
    for cut, resume in sorted(cuts):
        if cut >= begin:
            yield start + begin, start + cut
            begin = resume
    yield start + begin, end


_SEPARATOR_TAIL = re.compile(r"(?:\s+[-–—=_*~•·]+){3,}$")
_BAR = re.compile(r"\s+[|¦]\s+")


def split_sentences(text: str) -> list[str]:
    """Split ``text`` into sentences, in order.

    Each sentence is a verbatim substring of ``text`` with surrounding
    whitespace removed. Paragraphs are separated by blank lines and a
    sentence never spans a paragraph break; a line break ends a sentence when
    the line has no closing punctuation and the next one starts like a sentence,
    and so does the lost break of "school compounds The strikes were".
    """
    return list(iter_sentences(text))


def iter_sentences(text: str) -> Iterator[str]:
    """:func:`split_sentences`, one paragraph at a time: the first few sentences of a
    long text without splitting the rest."""
    for p_start, p_end in _paragraph_spans(text):
        for s_start, s_end in _sentence_spans(text, p_start, p_end):
            # Page furniture run into the text: a bar between a byline and the first
            # sentence ("By A Writer May 3, 2011 | On April 2, …") or between
            # breadcrumbs parts them; a row of separators ("- - - - -") is dropped.
            for part in _BAR.split(text[s_start:s_end].strip()):
                sentence = _SEPARATOR_TAIL.sub("", part.strip())
                # A stray run of punctuation ("..." on its own) is not a sentence.
                if any(ch.isalnum() for ch in sentence):
                    yield sentence


def split_words(text: str) -> list[str]:
    """Word tokens of ``text``: runs of letters and digits.

    Internal apostrophes and hyphens stay in the word (``don't``,
    ``well-known``), as do decimal points and thousands separators between
    digits (``3.5``, ``1,000``) and the dots of acronyms (``U.S.``).
    """
    return _WORD.findall(text)


class OfflineTokenizer:
    """Drop-in replacement for ``sumy.nlp.tokenizers.Tokenizer`` that needs no NLTK data.

    ``to_words`` keeps only tokens that start with a letter, as sumy's own
    tokenizer does, so sumy's algorithms see the words they were designed for.
    The sentence rules are written for English; other languages get the same
    rules, which suit most languages written in the Latin script.
    """

    def __init__(self, language: str = "english") -> None:
        self.language = language

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        return tuple(split_sentences(paragraph))

    def to_words(self, sentence: str) -> tuple[str, ...]:
        return tuple(w for w in split_words(sentence) if _SUMY_WORD.match(w))

    def __repr__(self) -> str:
        return f"OfflineTokenizer(language={self.language!r})"
