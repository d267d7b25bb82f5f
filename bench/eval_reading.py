"""What keeps the sentences of the evaluation texts from being points, check by check.

Usage (from the repository root)::

    python bench/eval_reading.py [--eval-dir ../shared/eval] [--show 5]
                                 [--out docs/evaluation.md]

Every text of the evaluation data a build reads as a text file (the Reuters wire
stories of ``perf/reuters21578``, the BBC articles, the Wikinews sources, the mixed
day) is read as a build reads it and split into its sentences; each sentence that
cannot be a point is counted under the first check that turns it away
(:func:`briefgen.compose.point_fault`: a check of what reads alone as news, or a
sentence that leans on one before it that cannot be shown with it). The first sentence
of a wire story or a BBC article is its lead, news almost always: a check that turns
many leads away is the one to read. ``--show N`` prints N leads each check turns away
(the first N by file name); ``--out`` writes the table between the ``reading`` markers.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from docblock import write_block
from sections_data import DEFAULT_EVAL, read_article

from briefgen.compose import inside_quotation, point_fault, split_article

START, END = "<!-- reading:start -->", "<!-- reading:end -->"


def corpora(eval_dir: Path) -> dict[str, list[tuple[Path, datetime | None]]]:
    """Each set's text files, with the day a build would date them by (the Reuters
    stories by their folder; None: the date the evaluation files are read with)."""
    reuters = [
        (path, datetime.fromisoformat(path.parent.name).replace(tzinfo=UTC))
        for path in sorted((eval_dir / "perf" / "reuters21578").glob("*/*.txt"))
    ]
    bbc = sorted((eval_dir / "bbc").glob("*/*.article.txt"))
    wikinews = sorted((eval_dir / "multidoc" / "wikinewssum").glob("*/doc_*.txt"))
    mixed = sorted((eval_dir / "days" / "mixed").glob("*/*.txt"))
    return {
        "Reuters": reuters,
        "BBC": [(p, None) for p in bbc],
        "Wikinews sources": [(p, None) for p in wikinews],
        "mixed day": [(p, None) for p in mixed],
    }


def verdicts(path: Path, day: datetime | None) -> Iterator[tuple[int, str, str | None]]:
    """Each sentence of the file as a build reads it: its index, text and why it can be
    no point (None when it can)."""
    article = read_article(path) if day is None else read_article(path, day)
    if article is None:
        return
    sentences = split_article(article)
    quoted = inside_quotation(sentences)
    for i, sentence in enumerate(sentences):
        yield i, sentence.text, point_fault(sentences, i, article, quoted)


def measure(eval_dir: Path, show: int) -> tuple[list[str], dict[str, dict[str, list[str]]]]:
    lines = [
        "| texts | sentences | can be a point | leads | leads that can be | "
        "leads turned away, by check |",
        "|---|---:|---:|---:|---:|---|",
    ]
    shown: dict[str, dict[str, list[str]]] = {}
    for name, files in corpora(eval_dir).items():
        sentences = fit = leads = fit_leads = 0
        turned: Counter[str] = Counter()
        examples: dict[str, list[str]] = defaultdict(list)
        for path, day in files:
            for i, text, reason in verdicts(path, day):
                sentences += 1
                fit += reason is None
                if i:
                    continue
                leads += 1
                if reason is None:
                    fit_leads += 1
                    continue
                turned[reason] += 1
                if show and len(examples[reason]) < show:
                    examples[reason].append(f"{path.parent.name}/{path.name}: {text[:160]}")
        checks = ", ".join(f"{reason} {n}" for reason, n in turned.most_common())
        lines.append(
            f"| {name} ({len(files):,} files) | {sentences:,} | {fit:,} | {leads:,} | "
            f"{fit_leads:,} | {checks or '—'} |"
        )
        shown[name] = examples
    return lines, shown


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL)
    parser.add_argument("--show", type=int, default=0, help="leads to print per check")
    parser.add_argument("--out", type=Path, default=None, help="e.g. docs/evaluation.md")
    args = parser.parse_args()
    lines, shown = measure(args.eval_dir, args.show)
    stamp = datetime.now(UTC).strftime("%Y-%m-%d")
    command = "python bench/eval_reading.py --out docs/evaluation.md"
    block = "\n".join([f"Measured {stamp} with `{command}`.", "", *lines])
    print(block)
    for name, examples in shown.items():
        for reason, texts in examples.items():
            print(f"\n{name}, {reason}:")
            for text in texts:
                print(f"  {text}")
    if args.out is not None:
        write_block(args.out, block, start=START, end=END)


if __name__ == "__main__":
    main()
