"""The English stemmer, without importing NLTK.

sumy stems with NLTK's Snowball stemmer, and importing NLTK takes about a
second (it imports its parsers, taggers and scipy.stats with it). Every
``briefgen`` command stems, so English goes through ``snowballstemmer``
instead: the same Snowball (Porter2) algorithm, a small pure-Python package
that imports in milliseconds. NLTK reads curly apostrophes as straight ones
and lowercases first; so does :func:`english`. Other languages keep sumy's
stemmers (and NLTK's import cost) because only sumy ships them.

The two agree on all but 6 of the 57,149 distinct words of the evaluation
data (hyphenated ratings such as "b-rated", and "realization"); pinned below
Snowball 3, whose English rules differ more ("organization", "university").
``snowballstemmer`` hands the work to PyStemmer, the C build of the same
Snowball 2.2 rules, when it is installed (it is a dependency): the stems are the
same (all 26,786 distinct words of the BBC articles and 3,000 Reuters stories),
at about a twelfth of the time.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201b": "'"})


@cache
def _english() -> Callable[[str], str]:
    import snowballstemmer

    stem: Callable[[str], str] = snowballstemmer.stemmer("english").stemWord
    return stem


def english(word: str) -> str:
    """The Snowball English stem of ``word``, lowercased, as sumy's stemmer gives it."""
    return _english()(word.lower().translate(_APOSTROPHES))


@cache
def stemmer(language: str) -> Callable[[str], str]:
    """A stemmer for ``language``: :func:`english`, else sumy's (LookupError when it has none)."""
    from sumy.utils import normalize_language

    if normalize_language(language).lower() == "english":
        return english
    from sumy.nlp.stemmers import Stemmer

    other: Callable[[str], str] = Stemmer(language)
    return other
