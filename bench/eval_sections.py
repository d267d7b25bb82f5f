"""Measure a custom section (terms + examples) against "other" on a labelled sample.

    python bench/eval_sections.py [tests/data/sections/energy.tsv]

The section is the "energy" example of docs/desks.md. Prints precision, recall and F1
of the section at the default threshold, and over a range of thresholds (how
briefgen.sections.THRESHOLD was chosen); then, with no argument, the same at the default
threshold on the held-out sample (energy_heldout.tsv).
"""

from __future__ import annotations

import sys
from pathlib import Path

from briefgen.config import SectionSettings
from briefgen.sections import THRESHOLD, CustomSection

DATA = Path(__file__).resolve().parent.parent / "tests" / "data" / "sections"
#: The sample the threshold was chosen on, and one written after and never tuned on.
SAMPLE = DATA / "energy.tsv"
HELD_OUT = DATA / "energy_heldout.tsv"

ENERGY = SectionSettings(
    title="Energy",
    terms=("oil", "opec", "crude", "barrel", "gas", "refinery", "energy"),
    examples=(
        "OPEC agreed to cut crude output by one million barrels a day.",
        "Oil prices rose after the refinery fire.",
    ),
)


def read_sample(path: Path) -> list[tuple[str, str]]:
    """(label, text) of each line of a labelled sample; '#' lines are comments."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            label, text = line.split("\t", 1)
            rows.append((label, text))
    return rows


def measure(
    section: CustomSection, rows: list[tuple[str, str]], threshold: float | None = None
) -> tuple[float, float, float]:
    """Precision, recall and F1 of ``section`` (label ``section.key``) against the rest."""
    tp = fp = fn = 0
    for label, text in rows:
        match = section.match(text)
        taken = match.accepted if threshold is None else match.score >= threshold
        tp += taken and label == section.key
        fp += taken and label != section.key
        fn += not taken and label == section.key
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else SAMPLE
    rows = read_sample(path)
    section = CustomSection.from_settings("energy", ENERGY)
    counts = {k: sum(1 for label, _ in rows if label == k) for k in ("energy", "other")}
    print(f"{path.name}: {counts['energy']} energy, {counts['other']} other")
    p, r, f = measure(section, rows)
    print(f"threshold {THRESHOLD:.2f} (default): precision {p:.3f} recall {r:.3f} F1 {f:.3f}")
    for step in range(15, 41):
        t = step / 100
        p, r, f = measure(section, rows, t)
        print(f"  threshold {t:.2f}: precision {p:.3f} recall {r:.3f} F1 {f:.3f}")
    if len(sys.argv) == 1:
        rows = read_sample(HELD_OUT)
        p, r, f = measure(section, rows)
        print(f"{HELD_OUT.name} ({len(rows)} items, never tuned on): ", end="")
        print(f"precision {p:.3f} recall {r:.3f} F1 {f:.3f}")


if __name__ == "__main__":
    main()
