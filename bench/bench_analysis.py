"""Where an article's analysis at ingest spends its time, stage by stage, against sumy.

Usage (from the repository root)::

    python bench/bench_analysis.py [--size 500] [--runs 5] [--bbc]

Every article is analysed once when it is stored (:func:`briefgen.analysis.analyse`),
so this cost, times the day's articles and over the cores, is most of an ``ingest``.
Each run is a fresh process (so the caches a real ingest worker warms are warmed the
same way) that reads the first ``--size`` Reuters-21578 stories of
``../shared/eval/perf/reuters21578`` (by date, then id; ``--bbc``: the 300 BBC
articles) and analyses each in turn, timing every stage of ``analyse`` separately,
in its order, with its calls. The stages' result is checked against ``analyse``'s own
(the same encoded analysis), so the breakdown cannot drift from what ingest does.
In the same process, for comparison, sumy's LexRank, Luhn and TextRank summarise
each article (3 sentences) from briefgen's own sentences and offline tokenizer.

Printed: the median over ``--runs`` of each stage in milliseconds per article, and its
share of the whole analysis.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
import warnings
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_distinct import BBC, first_reuters

STAGES = (
    "split",
    "candidates",
    "candidate terms",
    "section model",
    "article terms",
    "fact terms",
    "quotes",
    "actors",
)
BASELINES = ("sumy LexRank", "sumy Luhn", "sumy TextRank")


def sources(size: int, bbc: bool) -> list[Path]:
    return sorted(BBC.glob("*/*.article.txt")) if bbc else first_reuters(size)


def one_run(size: int, bbc: bool) -> dict[str, float]:
    """Seconds per stage over the articles, in this process (the child's work)."""
    from briefgen import analysis
    from briefgen.actors import scan_actors
    from briefgen.bounds import leading_paragraphs, whole_text
    from briefgen.classify import load_taxonomy
    from briefgen.compose import article_candidates, split_article
    from briefgen.config import Settings
    from briefgen.ingest import load_file, read_items
    from briefgen.nlp import rank
    from briefgen.quotes import find_quotes
    from briefgen.relevance import article_lead, load_model
    from briefgen.stories import SENTENCES_COMPARED, fact_terms

    articles = []
    for path in sources(size, bbc):
        found, _ = read_items(load_file(path, 10_000_000, date_required=False))
        articles.extend(found)
    settings, taxonomy, model = Settings(), load_taxonomy(), load_model()
    spent = dict.fromkeys((*STAGES, *BASELINES), 0.0)
    texts: list[list[str]] = []

    @contextmanager
    def stage(name: str) -> Iterator[None]:
        start = time.perf_counter()
        yield
        spent[name] += time.perf_counter() - start

    for article in articles:
        with stage("split"):
            sentences = split_article(article)
        texts.append([s.text for s in sentences])
        with stage("candidates"):
            pick = article_candidates(article, settings, taxonomy, sentences)
        with stage("candidate terms"):
            candidate_terms = [
                (
                    rank.terms(f"{c.context} {c.sentence.text}" if c.context else c.sentence.text),
                    rank.terms(c.sentence.text) if c.context else None,
                )
                for c in pick.candidates
            ]
        with stage("section model"):
            probabilities, _ = model.read(article_lead(article), taxonomy)
        text = whole_text(article)
        with stage("article terms"):
            terms = rank.terms(text)
        with stage("fact terms"):
            facts = [fact_terms(s.text) for s in sentences[:SENTENCES_COMPARED]]
        bounded = replace(article, paragraphs=leading_paragraphs(article))
        with stage("quotes"):
            quotes = find_quotes(bounded)
        with stage("actors"):
            actors = scan_actors(text)
        # What ingest stores, made by analyse itself: the stages must have made the same.
        whole = analysis.analyse(article, settings, taxonomy)
        made = (
            [
                (c.sentence.index, tuple(a), None if b is None else tuple(b))
                for c, (a, b) in zip(pick.candidates, candidate_terms, strict=True)
            ],
            tuple(float(p) for p in probabilities),
            tuple(terms),
            tuple(facts),
            tuple(quotes),
            actors,
        )
        stored = (
            [(c.index, c.terms, c.sentence_terms) for c in whole.candidates],
            whole.probabilities,
            whole.terms,
            whole.sentence_terms,
            whole.quotes,
            whole.actors,
        )
        if made != stored:
            raise SystemExit(f"{article.id}: the stages no longer make what analyse makes")
    spent["whole analysis"] = sum(spent[s] for s in STAGES)
    _baselines(texts, spent)
    return {k: v / len(articles) for k, v in spent.items()} | {"articles": len(articles)}


def _baselines(articles: Sequence[Sequence[str]], spent: dict[str, float]) -> None:
    """sumy's summarisers on each article's sentences (as briefgen split them)."""
    from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
    from sumy.nlp.stemmers import Stemmer
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.summarizers.luhn import LuhnSummarizer
    from sumy.summarizers.text_rank import TextRankSummarizer
    from sumy.utils import get_stop_words

    from briefgen.nlp.tokenize import OfflineTokenizer

    tokenizer = OfflineTokenizer("english")
    summarizers = {}
    for name, kind in zip(
        BASELINES, (LexRankSummarizer, LuhnSummarizer, TextRankSummarizer), strict=True
    ):
        summarizer = kind(Stemmer("english"))
        summarizer.stop_words = get_stop_words("english")
        summarizers[name] = summarizer
    for sentences in articles:
        if not sentences:
            continue
        for name, summarizer in summarizers.items():
            start = time.perf_counter()
            document = ObjectDocumentModel([Paragraph([Sentence(s, tokenizer) for s in sentences])])
            with warnings.catch_warnings():
                # sumy's LexRank divides by a zero norm on some short articles (numpy warns).
                warnings.simplefilter("ignore", RuntimeWarning)
                summarizer(document, 3)
            spent[name] += time.perf_counter() - start


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=500, help="Reuters stories (default 500).")
    parser.add_argument("--runs", type=int, default=5, help="Fresh processes (default 5).")
    parser.add_argument("--bbc", action="store_true", help="The 300 BBC articles instead.")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(one_run(args.size, args.bbc)))
        return 0
    child = [sys.executable, __file__, "--child", "--size", str(args.size)]
    child += ["--bbc"] if args.bbc else []
    runs = [
        json.loads(subprocess.run(child, check=True, capture_output=True).stdout)
        for _ in range(args.runs)
    ]
    median = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
    whole = median["whole analysis"]
    what = "the 300 BBC articles" if args.bbc else f"the first {args.size} Reuters stories"
    print(f"{what} ({int(median['articles'])} articles), median of {args.runs} runs\n")
    print("| stage | ms per article | share |")
    print("|---|---:|---:|")
    for stage in (*STAGES, "whole analysis"):
        print(f"| {stage} | {1000 * median[stage]:.2f} | {median[stage] / whole:.0%} |")
    for name in BASELINES:
        print(f"| {name}, 3 sentences (for comparison) | {1000 * median[name]:.2f} | |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
