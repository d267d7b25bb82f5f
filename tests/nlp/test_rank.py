import numpy as np
import pytest
import scipy.sparse as sp

from briefgen import parallel
from briefgen.nlp import rank

DAY = [
    "North Korea fired a ballistic missile over northern Japan on Tuesday.",
    "Pyongyang launched a ballistic missile that flew over northern Japan.",
    "Japan's carmakers expect exports to Britain to rise next year.",
    "The central bank left interest rates unchanged on Thursday.",
]


def test_terms_are_stemmed_content_words() -> None:
    assert rank.terms("The missiles were launched over Japan") == ["missil", "launch", "japan"]


def test_tfidf_rows_are_unit_length() -> None:
    matrix = rank.tfidf([rank.terms(t) for t in DAY])
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    assert np.allclose(norms, 1.0)


def test_centrality_equals_mean_pairwise_similarity() -> None:
    matrix = rank.tfidf([rank.terms(t) for t in DAY])
    dense = (matrix @ matrix.T).toarray()
    expected = (dense.sum(axis=1) - 1.0) / (len(DAY) - 1)
    assert np.allclose(rank.centrality(matrix), expected)


def test_centrality_ignores_the_sentences_own_article() -> None:
    matrix = rank.tfidf([rank.terms(t) for t in DAY])
    # Sentences 0 and 1 in one article: their similarity must not count.
    groups = np.array([0, 0, 1, 2])
    dense = (matrix @ matrix.T).toarray()
    got = rank.centrality(matrix, groups)
    assert np.isclose(got[0], (dense[0, 2] + dense[0, 3]) / 2)
    assert (got >= 0).all()


def test_same_story_clusters_together() -> None:
    matrix = rank.tfidf([rank.terms(t) for t in DAY])
    labels = rank.clusters(matrix, 0.3)
    assert labels[0] == labels[1]
    assert len({labels[0], labels[2], labels[3]}) == 3


def test_blockwise_similarity_matches_dense() -> None:
    matrix = rank.tfidf([rank.terms(t) for t in DAY * 3])
    pairs = rank.similar_pairs(matrix, 0.2, block=2).toarray()
    dense = (matrix @ matrix.T).toarray()
    dense[dense < 0.2] = 0
    assert np.allclose(pairs, dense)


def test_upper_similarity_is_the_whole_matrix_above_its_diagonal() -> None:
    matrix = rank.tfidf([rank.terms(t) for t in DAY * 3])
    whole = rank.similar_pairs(matrix, 0.2, block=5).toarray()
    upper = rank.similar_pairs(matrix, 0.2, block=5, upper=True).toarray()
    # The same floats, bit for bit, where kept; nothing on or below the diagonal.
    assert np.array_equal(upper, np.triu(whole, k=1))
    assert upper.any()


def test_similarity_on_forked_workers_equals_the_serial_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A day of a few hundred rows, spread over two workers as a big day's would be.
    texts = [f"{t} Item {n} of the Velmar file." for n in range(60) for t in DAY]
    matrix = rank.tfidf([rank.terms(t) for t in texts])
    serial = rank.similar_pairs(matrix, 0.3, upper=True)
    monkeypatch.setattr(rank, "PARALLEL_ROWS", 10)
    monkeypatch.setattr(rank, "PARALLEL_BLOCKS", 80)
    pools: list[int] = []
    start_pool = parallel._pool
    monkeypatch.setattr(parallel, "_pool", lambda n, m: pools.append(n) or start_pool(n, m))
    spread = rank.similar_pairs(matrix, 0.3, upper=True, workers=2)
    assert pools == [2]  # the blocks did go to two worker processes
    assert (serial != spread).nnz == 0
    assert serial.nnz > len(texts)


def test_mmr_skips_redundant_rows() -> None:
    matrix = rank.tfidf([rank.terms(t) for t in DAY])
    scores = np.array([1.0, 0.9, 0.5, 0.4])
    assert rank.mmr_select(matrix, scores, 3, redundancy=0.3) == [0, 2, 3]
    assert rank.mmr_select(matrix, scores, 3, redundancy=0.3, candidates=[1, 2], already=[0]) == [2]


def test_concepts_are_words_and_adjacent_pairs() -> None:
    assert rank.concepts(["missil", "launch", "japan"]) == [
        "missil",
        "launch",
        "japan",
        "missil launch",
        "launch japan",
    ]


def test_cross_support_counts_other_articles_only() -> None:
    articles = [
        rank.concepts(rank.terms(DAY[0])),  # the missile, told by one outlet
        rank.concepts(rank.terms(DAY[1])),  # the same missile, told by another
        rank.concepts(rank.terms(DAY[3])),  # an unrelated story
    ]
    sentences = [articles[0], articles[2]]
    support = rank.cross_support(sentences, articles, np.array([0, 2]))
    # "ballistic", "missile", "northern", "japan", "ballistic missile", "northern japan"
    # appear in the other missile article; the rate decision appears nowhere else.
    assert support[0] == 6
    assert support[1] == 0


def test_to_unit_scales_by_the_maximum() -> None:
    assert np.allclose(rank.to_unit(np.array([1.0, 2.0, 4.0])), [0.25, 0.5, 1.0])
    assert np.allclose(rank.to_unit(np.zeros(3)), 0.0)


def _tfidf_row_by_row(documents: list[list[str]]) -> sp.csr_matrix:
    """The definition, one row at a time: sublinear counts, smoothed IDF, unit rows."""
    vocab: dict[str, int] = {}
    rows = []
    for doc in documents:
        counts: dict[int, int] = {}
        for term in doc:
            column = vocab.setdefault(term, len(vocab))
            counts[column] = counts.get(column, 0) + 1
        rows.append(counts)
    n, width = len(documents), max(len(vocab), 1)
    df = np.zeros(width)
    for counts in rows:
        df[list(counts)] += 1
    idf = np.log((1.0 + n) / (1.0 + df)) + 1.0
    out = sp.lil_matrix((n, width))
    for i, counts in enumerate(rows):
        weights = {c: (1.0 + np.log(k)) * idf[c] for c, k in counts.items()}
        norm = np.sqrt(sum(w * w for w in weights.values())) or 1.0
        for c, w in weights.items():
            out[i, c] = w * (1.0 / norm)
    return out.tocsr()


def test_tfidf_matches_its_definition_row_by_row() -> None:
    rng = np.random.default_rng(7)
    words = [f"w{k}" for k in range(60)]
    documents = [[], *([str(w) for w in rng.choice(words, rng.integers(0, 40))] for _ in range(80))]
    documents.append([])
    built = rank.tfidf(documents)
    expected = _tfidf_row_by_row(documents)
    assert built.shape == expected.shape
    assert np.allclose(built.toarray(), expected.toarray(), rtol=0, atol=1e-12)
    # Columns are given in order of first use over the day, and each row holds its terms
    # in the order its document first uses them (as the row-by-row build has them).
    column: dict[str, int] = {}
    for doc in documents:
        for word in doc:
            column.setdefault(word, len(column))
    for n, doc in enumerate(documents):
        row = built.indices[built.indptr[n] : built.indptr[n + 1]]
        assert row.tolist() == [column[w] for w in dict.fromkeys(doc)]
    assert rank.tfidf([]).shape == (0, 1)
    assert rank.tfidf([[], []]).nnz == 0
