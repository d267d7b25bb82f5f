"""Multi-document ranking and story clustering for a whole day, vectorised.

Sentences become L2-normalised TF-IDF rows of a sparse matrix. Centrality is
each row's cosine with the day's centroid, which costs O(non-zeros) instead of
the O(n²) of a sentence graph. Stories are found by thresholding sparse
similarities, computed in row blocks so memory stays bounded, and taking
connected components.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from functools import lru_cache

import numpy as np
import scipy.sparse as sp

from briefgen.nlp.stem import english
from briefgen.nlp.tokenize import stop_words

_WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*", re.UNICODE)
#: Rows from which :func:`similar_pairs` may spread its blocks over processes.
PARALLEL_ROWS = 3000
#: Blocks it then cuts the rows into (several per worker).
PARALLEL_BLOCKS = 128


@lru_cache(maxsize=200_000)
def _stem(word: str) -> str:
    return english(word)


def terms(text: str) -> list[str]:
    """Stemmed content words of ``text``: what similarity is measured on."""
    return list(_terms(text))


# A day asks for the same texts more than once: each article's whole text for
# the story clustering and for cross-article support, and the sentences that
# several outlets carry word for word.
@lru_cache(maxsize=50_000)
def _terms(text: str) -> tuple[str, ...]:
    stops = stop_words("english")
    out = []
    # findall and a replace only when needed: half the time of finditer + group.
    for word in _WORD.findall(text):
        word = word.lower()
        if "’" in word:
            word = word.replace("’", "'")
        if word in stops or len(word) < 2 or word.isdigit():
            continue
        out.append(_stem(word))
    return tuple(out)


def tfidf(documents: Sequence[Sequence[str]]) -> sp.csr_matrix:
    """Rows of L2-normalised TF-IDF weights (sublinear term frequency).

    Built in whole-array steps: one pass in Python gives every term its column (in
    order of first use), and the counting, weighting and normalising are numpy's. The
    matrix is the one a row-by-row build gives, to the bit: each row's terms in order
    of first use, each norm summed in that order.
    """
    vocab: dict[str, int] = {}
    n = len(documents)
    flat = [vocab.setdefault(term, len(vocab)) for doc in documents for term in doc]
    width = max(len(vocab), 1)
    if not flat:
        return sp.csr_matrix((n, width))
    lengths = np.fromiter(map(len, documents), dtype=np.int64, count=n)
    # A (row, column) pair as one number; unique ones counted, in order of first use.
    keys = np.repeat(np.arange(n, dtype=np.int64), lengths) * width + np.asarray(flat)
    unique, first, counts = np.unique(keys, return_index=True, return_counts=True)
    order = np.argsort(first, kind="stable")
    unique = unique[order]
    indices = (unique % width).astype(np.int32)
    sizes = np.bincount(unique // width, minlength=n)
    indptr = np.zeros(n + 1, dtype=np.int32)
    np.cumsum(sizes, out=indptr[1:])
    data = 1.0 + np.log(counts[order].astype(np.float64))
    df = np.bincount(indices, minlength=width)
    data *= (np.log((1.0 + n) / (1.0 + df)) + 1.0)[indices]
    squares = np.zeros(n)
    filled = sizes > 0
    squares[filled] = np.add.reduceat(data * data, indptr[:-1][filled])
    norms = np.sqrt(squares)
    norms[norms == 0] = 1.0
    data *= np.repeat(1.0 / norms, sizes)
    return sp.csr_matrix((data, indices, indptr), shape=(n, width))


def normalize_rows(matrix: sp.csr_matrix) -> sp.csr_matrix:
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sp.csr_matrix(sp.diags(1.0 / norms) @ matrix)


def centrality(matrix: sp.csr_matrix, groups: np.ndarray | None = None) -> np.ndarray:
    """Each row's similarity to the rest of the day, in [0, 1].

    With ``groups`` (an article index per row), a row's own article is left
    out, so a sentence is central when *other* articles say the same thing.
    """
    n = matrix.shape[0]
    if n == 0:
        return np.zeros(0)
    total = np.asarray(matrix.sum(axis=0)).ravel()
    scores = matrix @ total
    if groups is not None:
        # Subtract each row's similarity to its own article's rows.
        n_groups = int(groups.max()) + 1
        member = sp.csr_matrix((np.ones(n), (groups, np.arange(n))), shape=(n_groups, n))
        group_sums = member @ matrix
        own = np.asarray(matrix.multiply(group_sums[groups]).sum(axis=1)).ravel()
        scores = scores - own
        others = n - np.bincount(groups, minlength=n_groups)[groups]
    else:
        scores = scores - 1.0
        others = np.full(n, n - 1)
    others = np.maximum(others, 1)
    result: np.ndarray = np.clip(np.asarray(scores).ravel() / others, 0.0, None)
    return result


def concepts(terms: Sequence[str]) -> list[str]:
    """The units of content a summary can share with its sources: words and adjacent pairs."""
    return [*terms, *(f"{a} {b}" for a, b in itertools.pairwise(terms))]


def cross_support(
    sentences: Sequence[Sequence[str]], articles: Sequence[Sequence[str]], groups: np.ndarray
) -> np.ndarray:
    """How many *other* articles carry each sentence's concepts, summed over its concepts.

    ``sentences`` and ``articles`` are concept lists (see :func:`concepts`);
    ``groups`` gives the article index of each sentence. A fact that several
    outlets report independently scores high; a sentence only its own article
    tells scores 0, however well written. Concepts are counted once per sentence.
    """
    if not sentences:
        return np.zeros(0)
    vocab: dict[str, int] = {}
    # Only the concepts some sentence has are counted in the articles: the rest of
    # their words (most of a long day's) could change no sentence's count.
    sentence_rows = _binary_rows(sentences, vocab, grow=True)
    if not vocab:
        return np.zeros(len(sentences))
    article_rows = _binary_rows(articles, vocab, grow=False)
    df = np.asarray(article_rows.sum(axis=0)).ravel()
    total = sentence_rows @ df
    # Leave the sentence's own article out of the count.
    own = np.asarray(sentence_rows.multiply(article_rows[groups]).sum(axis=1)).ravel()
    result: np.ndarray = np.asarray(total - own, dtype=np.float64)
    return result


def _binary_rows(
    documents: Sequence[Sequence[str]], vocab: dict[str, int], *, grow: bool
) -> sp.csr_matrix:
    """Rows of 0/1 presence; with ``grow`` unseen items join ``vocab``, else they are dropped."""
    indptr = [0]
    indices: list[int] = []
    for doc in documents:
        if grow:
            cols = {vocab.setdefault(item, len(vocab)) for item in doc}
        else:
            cols = {c for c in map(vocab.get, doc) if c is not None}
        indices.extend(sorted(cols))
        indptr.append(len(indices))
    data = np.ones(len(indices), dtype=np.float64)
    return sp.csr_matrix((data, indices, indptr), shape=(len(documents), max(len(vocab), 1)))


def to_unit(scores: np.ndarray) -> np.ndarray:
    """``scores`` divided by their maximum, so scores of different kinds can be mixed."""
    top = float(scores.max()) if scores.size else 0.0
    result: np.ndarray = scores / top if top > 0 else np.zeros_like(scores, dtype=np.float64)
    return result


def similar_pairs(
    matrix: sp.csr_matrix,
    threshold: float,
    block: int = 2048,
    *,
    upper: bool = False,
    workers: int = 1,
) -> sp.csr_matrix:
    """Sparse matrix holding the cosine of every pair of rows at or above ``threshold``.

    With ``upper``, only each pair's entry above the diagonal (row < column): half the
    products, and the same values as the whole matrix holds there. With ``workers``
    other than 1 (0: one per core), a big matrix's blocks are multiplied on that many
    processes; the result is the same.
    """
    n = matrix.shape[0]
    transposed = matrix.T.tocsc()

    def part(span: tuple[int, int]) -> sp.csr_matrix:
        start, end = span
        rows = matrix[start:end]
        # With ``upper``, only the columns from the block's first row on.
        chunk = (rows @ (transposed[:, start:] if upper else transposed)).tocsr()
        chunk.data[chunk.data < threshold] = 0.0
        chunk.eliminate_zeros()
        if upper:
            # What is left of the diagonal goes; the columns are put back in place.
            right = sp.triu(chunk, k=1, format="csr")
            chunk = sp.hstack([sp.csr_matrix((rows.shape[0], start)), right], format="csr")
        return chunk

    if workers != 1 and n >= PARALLEL_ROWS:
        from briefgen.parallel import map_forked

        # Blocks small enough for each worker to take several, however they differ.
        size = -(-n // PARALLEL_BLOCKS)
        spans = [(s, min(s + size, n)) for s in range(0, n, size)]
        parts = map_forked(part, spans, workers=workers)
    else:
        parts = [part((s, min(s + block, n))) for s in range(0, n, block)]
    if not parts:
        return sp.csr_matrix((0, 0))
    return sp.csr_matrix(sp.vstack(parts))


def clusters(matrix: sp.csr_matrix, threshold: float) -> np.ndarray:
    """A cluster label per row: rows linked by similarity ≥ ``threshold`` share one."""
    if matrix.shape[0] == 0:
        return np.zeros(0, dtype=np.int64)
    from scipy.sparse.csgraph import connected_components  # imported on use: 40 ms

    _, labels = connected_components(similar_pairs(matrix, threshold), directed=False)
    return np.asarray(labels)


def mmr_select(
    matrix: sp.csr_matrix,
    scores: np.ndarray,
    limit: int,
    *,
    redundancy: float = 0.5,
    candidates: Sequence[int] | None = None,
    already: Sequence[int] = (),
) -> list[int]:
    """Greedy selection by score that skips rows too similar to one already chosen.

    ``already`` are rows chosen earlier (e.g. for another section): new rows
    must not repeat them either, but they are not returned again.
    """
    order = list(candidates) if candidates is not None else list(range(matrix.shape[0]))
    order.sort(key=lambda i: -scores[i])
    chosen: list[int] = []
    for i in order:
        if len(chosen) >= limit:
            break
        kept = [*already, *chosen]
        if kept:
            sims = (matrix[kept] @ matrix[i].T).toarray().ravel()
            if sims.max() >= redundancy:
                continue
        chosen.append(i)
    return chosen
