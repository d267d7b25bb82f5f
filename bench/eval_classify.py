"""Measure the section classifier on the labelled evaluation set.

    python bench/eval_classify.py [--eval-dir ../shared/eval] [--out docs/classification.md]
                                  [--speed 100000]

Every item is labelled security, trade or diplomacy, so the prediction is the best of
the three section scores (``best_section``), ignoring the "other" threshold. Prints
macro-F1, per-class precision / recall / F1 and a confusion matrix, for all items, per
source, and for two fixed halves of the data (split by a hash of the item id) so that
a change which helps one half only is visible. It also shows how the BBC articles
of each category are labelled (business should be trade; sport and entertainment
other), with "other" allowed. ``--out`` writes the tables into the
document between the ``<!-- eval:start -->`` and ``<!-- eval:end -->`` markers (the
whole file when it has none). ``--speed N`` also times classifying N sentences taken
from the BBC articles in the evaluation data.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from briefgen.classify import best_section, classify, load_taxonomy
from briefgen.models import SectionKey

REPO = Path(__file__).resolve().parents[1]
DEFAULT_EVAL = REPO.parent / "shared" / "eval"
CLASSES: tuple[SectionKey, ...] = ("security", "trade", "diplomacy")
START, END = "<!-- eval:start -->", "<!-- eval:end -->"


def load_items(eval_dir: Path) -> list[dict[str, str]]:
    path = eval_dir / "labelled" / "labelled.jsonl"
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def half_of(item: dict[str, str]) -> str:
    digest = hashlib.sha1(item["id"].encode("utf-8")).digest()
    return "A" if digest[0] % 2 == 0 else "B"


def metrics(gold: Sequence[str], pred: Sequence[str]) -> tuple[float, list[str]]:
    """Macro-F1 and a Markdown table of per-class P/R/F1 and the confusion matrix."""
    rows = ["| class | precision | recall | F1 | items |", "|---|---|---|---|---|"]
    f1s = []
    present = [c for c in CLASSES if c in gold]
    for c in CLASSES:
        tp = sum(g == c and p == c for g, p in zip(gold, pred, strict=True))
        fp = sum(g != c and p == c for g, p in zip(gold, pred, strict=True))
        fn = sum(g == c and p != c for g, p in zip(gold, pred, strict=True))
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        if c in present:
            f1s.append(f1)
        rows.append(f"| {c} | {precision:.3f} | {recall:.3f} | {f1:.3f} | {tp + fn} |")
    macro = sum(f1s) / len(f1s)
    accuracy = sum(g == p for g, p in zip(gold, pred, strict=True)) / len(gold)
    over = "" if len(present) == len(CLASSES) else f" (over {', '.join(present)})"
    rows += [
        "",
        f"macro-F1{over} **{macro:.3f}**, accuracy {accuracy:.3f}, {len(gold)} items",
        "",
    ]
    rows += ["| gold \\ predicted | " + " | ".join(CLASSES) + " |", "|---" * 4 + "|"]
    confusion = Counter(zip(gold, pred, strict=True))
    for g in CLASSES:
        rows.append(f"| {g} | " + " | ".join(str(confusion[g, p]) for p in CLASSES) + " |")
    return macro, rows


def evaluate(eval_dir: Path) -> tuple[float, list[str]]:
    taxonomy = load_taxonomy()
    items = load_items(eval_dir)
    results = [classify(item["text"], taxonomy) for item in items]
    preds = [best_section(result) for result in results]
    no_evidence = sum(not any(r.scores[c] > 0 for c in CLASSES) for r in results)
    macro, table = metrics([i["label"] for i in items], preds)
    lines = ["### All items", "", *table, ""]
    lines.append(f"Items with no section term at all (forced guess): {no_evidence}.")
    lines.append("")
    groups: dict[str, list[int]] = {}
    for n, item in enumerate(items):
        groups.setdefault(f"source {item.get('source', '?')}", []).append(n)
        groups.setdefault(f"half {half_of(item)}", []).append(n)  # A or B
    for name in sorted(groups):
        members = groups[name]
        _, sub_table = metrics([items[n]["label"] for n in members], [preds[n] for n in members])
        lines += [f"### {name[0].upper()}{name[1:]}", "", *sub_table, ""]
    return macro, lines


def bbc_sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+", text) if s.strip()]


def bbc_check(eval_dir: Path) -> list[str]:
    """Labels given to BBC articles (title as context) and their sentences, per category.

    The BBC categories are not sections, but business should come out as trade and
    sport, entertainment and most sentences anywhere as other: a check that the
    threshold and the "other" bucket work on text the taxonomy was not written from.
    """
    taxonomy = load_taxonomy()
    buckets = ("security", "trade", "diplomacy", "other")
    rows = [
        "| BBC category | articles | article labels (S/T/D/O) | sentence labels (S/T/D/O) |",
        "|---|---|---|---|",
    ]
    for folder in sorted(p for p in (eval_dir / "bbc").iterdir() if p.is_dir()):
        articles: Counter[str] = Counter()
        sentences: Counter[str] = Counter()
        for path in sorted(folder.glob("*.article.txt")):
            title, _, body = path.read_text(encoding="utf-8", errors="replace").partition("\n")
            articles[classify(body, taxonomy, context=title).label] += 1
            sentences.update(classify(s, taxonomy).label for s in bbc_sentences(body))
        total = sum(sentences.values()) or 1
        rows.append(
            f"| {folder.name} | {sum(articles.values())} | "
            + " / ".join(str(articles[b]) for b in buckets)
            + " | "
            + " / ".join(f"{sentences[b] / total:.0%}" for b in buckets)
            + " |"
        )
    return rows


def speed(eval_dir: Path, count: int) -> str:
    sentences: list[str] = []
    for path in sorted((eval_dir / "bbc").glob("*/*.article.txt")):
        sentences += bbc_sentences(path.read_text(encoding="utf-8", errors="replace"))
    if not sentences:
        return "no BBC articles found for the speed test"
    batch = (sentences * (count // len(sentences) + 1))[:count]
    taxonomy = load_taxonomy()
    started = time.perf_counter()
    labels = Counter(classify(s, taxonomy).label for s in batch)
    elapsed = time.perf_counter() - started
    return (
        f"Classified {count} sentences ({len(sentences)} distinct, from the BBC articles) "
        f"in {elapsed:.2f} s ({count / elapsed:,.0f} per second); labels: {dict(labels)}."
    )


def write(out: Path, lines: list[str]) -> None:
    block = "\n".join([START, "", *lines, END])
    if out.is_file() and START in (text := out.read_text(encoding="utf-8")) and END in text:
        head, rest = text.split(START, 1)
        tail = rest.split(END, 1)[1]
        out.write_text(head + block + tail, encoding="utf-8")
    else:
        out.write_text(block + "\n", encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL)
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--speed", type=int, default=0, metavar="N")
    args = parser.parse_args(argv)
    if not (args.eval_dir / "labelled" / "labelled.jsonl").is_file():
        print(f"no labelled/labelled.jsonl under {args.eval_dir}", file=sys.stderr)
        return 2
    _, lines = evaluate(args.eval_dir)
    command = "python bench/eval_classify.py" + (f" --speed {args.speed}" if args.speed else "")
    lines = [f"Measured with `{command}`.", "", *lines]
    if (args.eval_dir / "bbc").is_dir():
        lines += ["### BBC articles by category", "", *bbc_check(args.eval_dir), ""]
    if args.speed:
        lines += ["### Speed", "", speed(args.eval_dir, args.speed), ""]
    print("\n".join(lines))
    if args.out:
        write(args.out, lines)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
