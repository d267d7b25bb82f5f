"""Train the section model shipped in ``briefgen/data/sections_model.json``.

Usage (from the repository root)::

    python bench/train_sections.py [--eval-dir ../shared/eval]

It learns from the labelled items, the BBC categories and the mixed day's
Wikinews articles (see ``bench/sections_data.py``), read in place. Only weights
are written; ``bench/eval_day.py`` reports the cross-validated figures.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from sections_data import DEFAULT_EVAL, REPO, Item, training_set

from briefgen.classify import Taxonomy, load_taxonomy
from briefgen.relevance import SectionModel, classify_story, train

#: Weight of an item from the BBC or the mixed day, against a labelled item's 1.
EXTRA_WEIGHT = 0.5
C = 10.0


def fit(items: list[Item]) -> SectionModel:
    weights = [1.0 if i.origin == "labelled4" else EXTRA_WEIGHT for i in items]
    return train(
        [i.text for i in items],
        [i.label for i in items],
        load_taxonomy(),
        c=C,  # type: ignore[misc]
        min_df=2,
        weights=weights,
    )


def decide(model: SectionModel, taxonomy: Taxonomy, text: str, row: Sequence[float]) -> str:
    """The section a build gives a story told by ``text`` alone (``row``: the model's
    probabilities for it): :func:`briefgen.relevance.classify_story`."""
    return classify_story([text], taxonomy, model, probabilities=[row], explain=False).label


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL)
    parser.add_argument(
        "--out", type=Path, default=REPO / "briefgen" / "data" / "sections_model.json"
    )
    args = parser.parse_args()
    items = training_set(args.eval_dir)
    model = fit(items)
    args.out.write_text(json.dumps(model.to_json(), separators=(",", ":")) + "\n", "utf-8")
    print(f"{args.out}: {len(items)} items, {len(model.vocabulary)} features")


if __name__ == "__main__":
    main()
