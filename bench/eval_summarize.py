"""ROUGE of every single-document algorithm on the BBC News Summary pairs.

Usage (from the repository root)::

    python bench/eval_summarize.py [--eval-dir ../shared/eval] [--limit N]
                                   [--out docs/summarization.md]

Each article's headline (line 1) is passed as the title and is not part of
the text summarized. References run their sentences together
(a figure's full stop run into the next word) and are split as the evaluation README says.
Scores are ROUGE-1/2/L F1 from rouge-score with stemming, at 3 sentences and
at the reference's own length, for every algorithm in the same run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import shlex
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from docblock import write_block

from briefgen.nlp.summarize import ALGORITHMS, score_sentences, top_indices
from briefgen.nlp.tokenize import split_sentences

REPO = Path(__file__).resolve().parents[1]
DEFAULT_EVAL = REPO.parent / "shared" / "eval"
METRICS = ("rouge1", "rouge2", "rougeL")
_REFERENCE_SPLIT = re.compile(r"(?<=[.!?])(?=[A-Z\"'])")


@dataclass(frozen=True)
class Item:
    id: str
    title: str
    sentences: tuple[str, ...]
    reference: tuple[str, ...]


def split_reference(text: str) -> list[str]:
    """The sentences of a BBC reference summary, which has no space between them."""
    return [s.strip() for s in _REFERENCE_SPLIT.split(text.strip()) if s.strip()]


def load_bbc(eval_dir: Path, limit: int | None = None) -> list[Item]:
    """The BBC pairs; with ``limit``, that many spread evenly over all categories."""
    index = eval_dir / "bbc" / "index.jsonl"
    rows = [json.loads(line) for line in index.read_text(encoding="utf-8").splitlines() if line]
    if limit is not None and limit < len(rows):
        step = len(rows) / limit
        rows = [rows[int(i * step)] for i in range(limit)]
    items = []
    for row in rows:
        article = (eval_dir / row["article_path"]).read_text(encoding="utf-8")
        title, _, body = article.partition("\n")
        summary = (eval_dir / row["summary_path"]).read_text(encoding="utf-8")
        items.append(
            Item(
                id=row["id"],
                title=title.strip(),
                sentences=tuple(split_sentences(body)),
                reference=tuple(split_reference(summary)),
            )
        )
    return items


def evaluate(
    items: Sequence[Item], algorithms: Sequence[str] = ALGORITHMS
) -> dict[tuple[str, str], dict[str, float]]:
    """Mean F1 per (algorithm, length) with length "3" or "ref", plus seconds per article."""
    from rouge_score import rouge_scorer

    scorer = rouge_scorer.RougeScorer(list(METRICS), use_stemmer=True)
    results: dict[tuple[str, str], dict[str, float]] = {}
    for algorithm in algorithms:
        totals = {length: dict.fromkeys(METRICS, 0.0) for length in ("3", "ref")}
        started = time.perf_counter()
        all_scores = [score_sentences(it.sentences, algorithm, title=it.title) for it in items]
        seconds = (time.perf_counter() - started) / max(len(items), 1)
        for item, scores in zip(items, all_scores, strict=True):
            target = "\n".join(item.reference)
            for length, n in (("3", 3), ("ref", len(item.reference))):
                chosen = top_indices(scores, n)
                prediction = "\n".join(item.sentences[i] for i in chosen)
                for metric, value in scorer.score(target, prediction).items():
                    totals[length][metric] += value.fmeasure
        for length, sums in totals.items():
            means = {m: v / max(len(items), 1) for m, v in sums.items()}
            results[(algorithm, length)] = {**means, "seconds": seconds}
    return results


def markdown_table(results: dict[tuple[str, str], dict[str, float]]) -> str:
    algorithms = list(dict.fromkeys(a for a, _ in results))
    lines = [
        "| algorithm | R-1 @3 | R-2 @3 | R-L @3 | R-1 @ref | R-2 @ref | R-L @ref | ms/article |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for a in algorithms:
        three, ref = results[(a, "3")], results[(a, "ref")]
        cells = [f"{three[m]:.3f}" for m in METRICS] + [f"{ref[m]:.3f}" for m in METRICS]
        lines.append(f"| {a} | {' | '.join(cells)} | {three['seconds'] * 1000:.1f} |")
    return "\n".join(lines)


def comparison(results: dict[tuple[str, str], dict[str, float]]) -> str:
    """How briefgen's ROUGE-2 compares with the best sumy algorithm of the same run."""
    sumy = [a for a, _ in results if a not in ("briefgen", "lead")]
    if ("briefgen", "3") not in results or not sumy:
        return ""
    parts = []
    for length in ("3", "ref"):
        best = max(sumy, key=lambda a: results[(a, length)]["rouge2"])
        reference = results[(best, length)]["rouge2"]
        if reference > 0:
            ratio = results[("briefgen", length)]["rouge2"] / reference
            parts.append(f"×{ratio:.3f} the best sumy algorithm ({best}) @{length}")
    return "briefgen ROUGE-2: " + "; ".join(parts) + "." if parts else ""


def write_results(out: Path, block: str) -> None:
    """Replace the results block of ``out``, keeping the prose around it."""
    write_block(out, block)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL)
    parser.add_argument("--limit", type=int, default=None, help="evaluate N articles only")
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "summarization.md")
    args = parser.parse_args(argv)
    if not (args.eval_dir / "bbc" / "index.jsonl").is_file():
        print(f"no BBC evaluation data under {args.eval_dir}; pass --eval-dir", file=sys.stderr)
        return 2
    items = load_bbc(args.eval_dir, args.limit)
    results = evaluate(items)
    table = markdown_table(results)
    command = "python bench/eval_summarize.py" + "".join(
        f" {shlex.quote(a)}" for a in (argv if argv is not None else sys.argv[1:])
    )
    block = (
        f"Measured {dt.date.today().isoformat()} on {len(items)} BBC articles with\n"
        f"`{command}`\n(@3: three sentences; @ref: as many sentences as the reference has).\n\n"
        f"{table}\n\n{comparison(results)}"
    )
    print(block)
    write_results(args.out, block)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
