"""What more desks cost: five desks over one day against one desk, by the real command.

Usage (from the repository root)::

    python bench/bench_desks.py [--articles 1000] [--runs 3] [--eval-dir ../shared/eval]

The day is ``bench/make_day.py``'s (real BBC and Wikinews text, copies as other
outlets). Two measures, each the median of ``--runs`` runs, HTML, PDF and JSON:

- *cold*: a new store each run, so the time includes reading and analysing every
  article: ``build --desk markets`` against ``build --all-desks`` (five desks);
- *warm*: the store already holds the analysed day (a build run by a second job,
  or a rebuild): the same two commands with no input, so only the day's stories,
  the composition and the rendering are timed.

``--all-desks`` reads and analyses the day once and decides its stories once;
each desk then composes and renders its own edition.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from collections.abc import Sequence
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_build import Measure, briefgen_command, timed
from make_day import DEFAULT_EVAL, make_day

from briefgen.config import DESK_EXAMPLE

DAY = date(2017, 8, 31)

#: The two desks of docs/desks.md and three more: five desks of different shapes.
FIVE_DESKS = (
    DESK_EXAMPLE
    + """
[desks.europe]
title = "Europe"
mentions = ["Europe", "European", "EU", "Brussels", "Britain", "France", "Germany"]

[desks.security]
title = "Security"
sections = ["security"]
max_points = 8

[desks.everything]
title = "Everything"
sections = ["security", "diplomacy", "trade", "energy"]
"""
)


def build(work: Path, *desk_args: str, day_dir: Path | None) -> list[str]:
    inputs = ["--input", str(day_dir)] if day_dir is not None else []
    return [
        *briefgen_command(),
        "build",
        *desk_args,
        "--date",
        DAY.isoformat(),
        *inputs,
        "--out",
        str(work / "reports"),
        "--config",
        str(work / "briefgen.toml"),
        "--format",
        "html,pdf,json",
        "--quiet",
    ]


def fresh(root: Path, name: str) -> Path:
    work = root / name
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    (work / "briefgen.toml").write_text(FIVE_DESKS, encoding="utf-8")
    return work


def cold(root: Path, day_dir: Path, desk_args: Sequence[str], runs: int) -> Measure:
    results = []
    for n in range(runs):
        work = fresh(root, f"cold-{n}")
        results.append(timed(build(work, *desk_args, day_dir=day_dir)))
    return Measure(tuple(results))


def warm(root: Path, day_dir: Path, runs: int) -> tuple[Measure, Measure]:
    work = fresh(root, "warm")
    timed(build(work, "--all-desks", day_dir=day_dir))  # the store now holds the analysed day
    one = Measure(tuple(timed(build(work, "--desk", "markets", day_dir=None)) for _ in range(runs)))
    five = Measure(tuple(timed(build(work, "--all-desks", day_dir=None)) for _ in range(runs)))
    return one, five


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-desks-") as tmp:
        root = Path(tmp)
        day_dir = root / "day"
        make_day(args.articles, day_dir, day=DAY, eval_dir=args.eval_dir)
        rows = []
        one = cold(root, day_dir, ["--desk", "markets"], args.runs)
        five = cold(root, day_dir, ["--all-desks"], args.runs)
        rows.append(("cold (new store)", one, five))
        rows.append(("warm (analysed store)", *warm(root, day_dir, args.runs)))
    print(f"{args.articles} articles, median of {args.runs} runs, html + pdf + json")
    print("| store | 1 desk | 5 desks | 5 desks / 1 desk |")
    print("|---|---|---|---|")
    for name, a, b in rows:
        print(f"| {name} | {a.time_cell()} | {b.time_cell()} | {b.seconds / a.seconds:.2f}× |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
