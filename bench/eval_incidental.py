"""How easily one incidental sentence moves a story into or out of its section.

Usage (from the repository root)::

    python bench/eval_incidental.py [--eval-dir ../shared/eval] [--folds 10]

Every story is read again with one more sentence at the end of its lead, and the
share of stories then decided otherwise is counted, for each sentence. Out: each
story a build files in a section, with a sentence that names in passing a word of the
taxonomy's "other" bucket (a website, a concert, a hospital, the weather), as a report
on a war or a summit often does. In: each story a build leaves out, with a sentence
that names a section's word in passing (exports, an ambassador, troops), as a report
on a prize or a match may. Two neutral sentences ("The talks lasted three hours.") go
both ways. The stories are the English items of the evaluation feeds (short: a
headline and a line or two, decided by the shipped model) and the labelled items
(each decided by a model that never saw it, ``--folds``-fold as
``bench/eval_day.py``, and counted when decided right).

This measures a weakness; it changes nothing. The results are in docs/evaluation.md.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from sections_data import DEFAULT_EVAL, bbc, labelled4, mixed
from train_sections import decide, fit

from briefgen.classify import Taxonomy, load_taxonomy
from briefgen.config import StoreSettings
from briefgen.errors import SkippedInput
from briefgen.ingest import load_file, read_raw
from briefgen.relevance import SectionModel, article_lead, load_model

NEUTRAL = (
    "The talks lasted three hours.",
    "Officials said the figures would be published on Friday.",
)
INCIDENTAL = (
    "The statement was posted on the ministry's website.",
    "He spoke to reporters after a concert in the capital.",
    "The suspect was not named.",
    "The weather was cold.",
    "The minister later attended a football match.",
    "Police said the man was taken to hospital.",
    "The film festival opened the same evening.",
    "Scientists at the university said the study was published online.",
)
#: Sentences that name a section's word in passing, added to stories left out.
INWARD = (
    "The company exports most of its products to Europe.",
    "Tariffs on imported equipment raised the cost.",
    "The club's shares rose on the stock exchange.",
    "The ambassador attended the premiere.",
    "The foreign minister sent his congratulations.",
    "The prime minister praised the team.",
    "Security at the stadium was tightened after a bomb threat.",
    "Troops were sent to help with the clean-up.",
)
#: The sentences added, by which stories they are added to.
LINES = {"filed": NEUTRAL + INCIDENTAL, "left out": NEUTRAL + INWARD}


def feed_leads(eval_dir: Path) -> list[str]:
    """The leads of the English items of the evaluation feeds, as a build reads them."""
    leads = []
    for path in sorted((eval_dir / "feeds").glob("*.*")):
        try:
            articles = read_raw(load_file(path, StoreSettings().max_file_bytes))
        except SkippedInput:
            continue
        leads.extend(article_lead(a) for a in articles if a.language == "en")
    return leads


def moved(
    model: SectionModel, taxonomy: Taxonomy, filed: Sequence[tuple[str, str]], sentence: str
) -> int:
    """How many of ``filed`` (lead, section) are decided otherwise with ``sentence`` added."""
    texts = [f"{lead.rstrip()} {sentence}" for lead, _ in filed]
    rows = model.probabilities(texts, taxonomy) if texts else []
    return sum(
        decide(model, taxonomy, text, row) != section
        for (_, section), text, row in zip(filed, texts, rows, strict=True)
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL)
    parser.add_argument("--folds", type=int, default=10)
    args = parser.parse_args()
    taxonomy = load_taxonomy()
    counts: dict[tuple[str, str], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    sizes: dict[tuple[str, str], int] = defaultdict(int)

    def count(kind: str, model: SectionModel, stories: Sequence[tuple[str, str]]) -> None:
        for way, sentences in LINES.items():
            group = [(t, s) for t, s in stories if (s == "other") == (way == "left out")]
            sizes[kind, way] += len(group)
            for sentence in sentences:
                counts[kind, way][sentence] += moved(model, taxonomy, group, sentence)

    model = load_model()
    leads = feed_leads(args.eval_dir)
    rows = model.probabilities(leads, taxonomy)
    count(
        "feeds",
        model,
        [(lead, decide(model, taxonomy, lead, row)) for lead, row in zip(leads, rows, strict=True)],
    )

    items = labelled4(args.eval_dir)
    extra = bbc(args.eval_dir) + mixed(args.eval_dir)
    by_label: dict[str, list[int]] = defaultdict(list)
    for n, item in enumerate(items):
        by_label[item.label].append(n)
    fold_of = {n: k % args.folds for members in by_label.values() for k, n in enumerate(members)}
    for f in range(args.folds):
        held = fit([it for n, it in enumerate(items) if fold_of[n] != f] + extra)
        test = [items[n] for n in range(len(items)) if fold_of[n] == f]
        rows = held.probabilities([it.text for it in test], taxonomy)
        right = [
            (it.text, it.label)
            for it, row in zip(test, rows, strict=True)
            if decide(held, taxonomy, it.text, row) == it.label
        ]
        count("labelled", held, right)

    for way, sentences in LINES.items():
        print(
            f"\nstories {way}: {sizes['feeds', way]} feed items, "
            f"{sizes['labelled', way]} labelled items (decided right, out of fold)"
        )
        print(f"| sentence added to stories {way} | feed items moved | labelled items moved |")
        print("|---|---|---|")
        for sentence in sentences:
            shares = [
                f"{100 * counts[kind, way][sentence] / max(sizes[kind, way], 1):.0f}%"
                for kind in ("feeds", "labelled")
            ]
            print(f"| {sentence} | {shares[0]} | {shares[1]} |")


if __name__ == "__main__":
    main()
