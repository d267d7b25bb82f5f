"""How much of one article the day's analyses read, so that one huge article costs no more
than a long read.

Sentence ranking reads an article's first sentences (see
:data:`briefgen.nlp.summarize.MAX_RANKED_SENTENCES`); story clustering, support
across articles, quotes and actors read its first :data:`ANALYSED_CHARS`
characters. News articles are a few thousand characters; a 19 MB file is not
read further than a long read would be.
"""

from __future__ import annotations

from briefgen.models import Article

#: Characters of an article, from the top, that whole-article analyses read.
ANALYSED_CHARS = 100_000


def leading_paragraphs(article: Article, limit: int = ANALYSED_CHARS) -> tuple[str, ...]:
    """The article's first paragraphs, ``limit`` characters in all (the last one cut short)."""
    kept: list[str] = []
    room = limit
    for paragraph in article.paragraphs:
        if room <= 0:
            break
        kept.append(paragraph[:room])
        room -= len(paragraph) + 2
    return tuple(kept)


def whole_text(article: Article) -> str:
    """Headline and leading paragraphs: what whole-article analyses read."""
    return article.title + "\n" + "\n\n".join(leading_paragraphs(article))
