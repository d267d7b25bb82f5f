"""Time key-quote extraction on real articles.

Usage (from the repository root)::

    python bench/bench_quotes.py [--runs 3] [--all] [--dump quotes.jsonl] [--profile]

Reads the 73 Wikinews source articles (``multidoc/wikinewssum/*/doc_*.txt``)
and the 300 BBC articles (``bbc/*/*.article.txt``) from ``../shared/eval``
with briefgen's own text reader, then times
:func:`briefgen.quotes.extract_quotes` on each article, ``--runs`` times,
and prints per corpus the total of the per-article medians, the median and
slowest articles, and (with ``--all``) every article's time in ms.

``--dump PATH`` writes every quote found (article, speaker, role, text) as
JSON lines, so two versions of the extractor can be compared with ``diff``.
``--profile`` prints the top of a cProfile run over both corpora.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import pstats
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from briefgen.compose import source_of
from briefgen.errors import SkippedInput
from briefgen.ingest.text import parse_text_article
from briefgen.models import Article
from briefgen.quotes import extract_quotes

REPO = Path(__file__).resolve().parents[1]
DEFAULT_EVAL = REPO.parent / "shared" / "eval"
#: The files carry no date; the reader needs one.
FRONT_MATTER = "---\ndate: 2005-01-01\n---\n"


@dataclass(frozen=True)
class Doc:
    name: str
    article: Article


def load(paths: list[Path], root: Path) -> list[Doc]:
    docs = []
    for path in paths:
        name = str(path.relative_to(root))
        try:
            text = FRONT_MATTER + path.read_text(encoding="utf-8")
            docs.append(Doc(name, parse_text_article(text, name, None)))
        except SkippedInput:
            continue
    return docs


def corpora(eval_dir: Path) -> dict[str, list[Doc]]:
    wikinews = sorted((eval_dir / "multidoc" / "wikinewssum").glob("*/doc_*.txt"))
    bbc = sorted((eval_dir / "bbc").glob("*/*.article.txt"))
    return {"wikinews": load(wikinews, eval_dir), "bbc": load(bbc, eval_dir)}


def time_docs(docs: list[Doc], runs: int) -> list[float]:
    """Median seconds per document over ``runs`` passes over the whole corpus."""
    times: list[list[float]] = [[] for _ in docs]
    for _ in range(runs):
        for i, doc in enumerate(docs):
            source = source_of(doc.article)
            start = time.perf_counter()
            extract_quotes(doc.article, source)
            times[i].append(time.perf_counter() - start)
    return [statistics.median(t) for t in times]


def report(corpus: str, docs: list[Doc], seconds: list[float], show_all: bool) -> None:
    ms = [s * 1000 for s in seconds]
    chars = sum(len(d.article.text) for d in docs)
    print(
        f"{corpus}: {len(docs)} articles, {chars:,} chars; total {sum(ms):,.1f} ms; "
        f"per article median {statistics.median(ms):.2f} ms, mean {statistics.mean(ms):.2f} ms, "
        f"max {max(ms):.1f} ms"
    )
    order = sorted(range(len(docs)), key=lambda i: -ms[i])
    shown = order if show_all else order[:5]
    for i in shown:
        article = docs[i].article
        print(
            f"  {ms[i]:9.2f} ms  {docs[i].name}  "
            f"({len(article.paragraphs)} paragraphs, {len(article.text):,} chars)"
        )


def dump(docs: dict[str, list[Doc]], path: Path) -> int:
    count = 0
    with path.open("w", encoding="utf-8") as out:
        for group in docs.values():
            for doc in group:
                for quote in extract_quotes(doc.article, source_of(doc.article)):
                    row = [doc.name, quote.speaker, quote.role, quote.text]
                    out.write(json.dumps(row, ensure_ascii=False) + "\n")
                    count += 1
    return count


def profile(docs: dict[str, list[Doc]], top: int) -> None:
    profiler = cProfile.Profile()
    profiler.enable()
    for group in docs.values():
        for doc in group:
            extract_quotes(doc.article, source_of(doc.article))
    profiler.disable()
    buffer = io.StringIO()
    pstats.Stats(profiler, stream=buffer).sort_stats("cumulative").print_stats(top)
    print(buffer.getvalue())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n", 1)[0])
    parser.add_argument("--eval", type=Path, default=DEFAULT_EVAL, help="evaluation data folder")
    parser.add_argument("--runs", type=int, default=3, help="passes per article (median)")
    parser.add_argument("--all", action="store_true", help="print every article's time")
    parser.add_argument("--dump", type=Path, metavar="PATH", help="write every quote as JSONL")
    parser.add_argument("--profile", action="store_true", help="print a cProfile summary")
    args = parser.parse_args(argv)
    if not args.eval.is_dir():
        print(f"{args.eval}: no evaluation data; pass --eval DIR", file=sys.stderr)
        return 2
    docs = corpora(args.eval)
    extract_quotes(docs["bbc"][0].article, source_of(docs["bbc"][0].article))  # warm caches
    if args.dump:
        print(f"{dump(docs, args.dump)} quotes written to {args.dump}")
    if args.profile:
        profile(docs, 25)
    grand = 0.0
    for corpus, group in docs.items():
        seconds = time_docs(group, args.runs)
        grand += sum(seconds)
        report(corpus, group, seconds, args.all)
    print(f"all: {sum(len(g) for g in docs.values())} articles, total {grand * 1000:,.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
