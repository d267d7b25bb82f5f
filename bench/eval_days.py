"""Build every evaluation day through the command and list its points, to see what a change moves.

Usage (from the repository root)::

    python bench/eval_days.py --out /tmp/days-new
    python bench/eval_days.py --out /tmp/days-old --pythonpath /tmp/old-tree
    python bench/eval_days.py --compare /tmp/days-old/points.tsv /tmp/days-new/points.tsv

The days, read in place from ``../shared/eval`` (never copied: a folder of links where
the command needs a dated path):

- every day of ``perf/reuters21578`` (one folder per day);
- every date on which the real feeds and pages of ``feeds/`` and ``html/`` have at least
  ``--min-items`` items, all of them given to each build, with a one-day and a two-day
  window (a feed is read for the dates its items carry);
- the mixed day of ``days/mixed``;
- the BBC articles of ``bbc/`` as one day.

Each build is ``briefgen build --format json`` in its own process, on its own store, with
the interpreter running this script (``--pythonpath`` puts another tree's ``briefgen``
first, to list the points of an earlier revision). ``points.tsv`` has one line per point:
day, section, the cited article's title, the point's text. ``--compare`` prints, day by
day, the points one listing has and the other has not.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from sections_data import DEFAULT_EVAL

from briefgen.config import StoreSettings
from briefgen.errors import BriefgenError
from briefgen.ingest import load_file, read_raw

#: The BBC articles are dated by the folder they are linked into (they carry no date).
BBC_DAY = "2005-03-01"


@dataclass(frozen=True)
class Day:
    """One build: its name in the listing, its date, its inputs and its window."""

    name: str
    date: str
    inputs: tuple[Path, ...]
    window: str = "1d"


def feed_dates(paths: Sequence[Path], min_items: int) -> list[str]:
    """The dates on which the feeds and pages at ``paths`` have at least ``min_items`` items."""
    counts: Counter[str] = Counter()
    limit = StoreSettings().max_file_bytes  # the command's default: what it would read
    for path in paths:
        try:
            articles = read_raw(load_file(path, limit))
        except BriefgenError:  # a file the command skips adds no date
            continue
        counts.update(a.published.date().isoformat() for a in articles)
    return sorted(d for d, n in counts.items() if n >= min_items)


def days(eval_dir: Path, links: Path, min_items: int) -> Iterator[Day]:
    for folder in sorted((eval_dir / "perf" / "reuters21578").iterdir()):
        if folder.is_dir():
            yield Day(f"reuters {folder.name}", folder.name, (folder,))
    pages = sorted(p for p in (eval_dir / "feeds").iterdir() if p.is_file())
    pages += sorted((eval_dir / "html").glob("*.html"))
    for date in feed_dates(pages, min_items):
        for window in ("1d", "2d"):
            yield Day(f"feeds {date} {window}", date, tuple(pages), window)
    for folder in sorted((eval_dir / "days" / "mixed").iterdir()):
        if folder.is_dir():
            yield Day(f"mixed {folder.name}", folder.name, (folder,))
    bbc = links / BBC_DAY
    bbc.mkdir(parents=True, exist_ok=True)
    for article in sorted((eval_dir / "bbc").glob("*/*.article.txt")):
        link = bbc / f"{article.parent.name}-{article.name}"
        if not link.is_symlink():
            link.symlink_to(article)
    yield Day(f"bbc {BBC_DAY}", BBC_DAY, (bbc,))


def build(day: Day, out: Path, pythonpath: Path | None) -> list[list[str]]:
    """The day's points as rows (day, section, title, text), built by the real command."""
    work = out / day.name.replace(" ", "_")
    env = dict(os.environ)
    if pythonpath is not None:
        env["PYTHONPATH"] = str(pythonpath)
    command = [sys.executable, "-m", "briefgen", "build", "--date", day.date]
    for path in day.inputs:
        command += ["--input", str(path)]
    command += ["--out", str(work), "--db", str(work / "store.db"), "--format", "json"]
    command += ["--window", day.window]
    # From a folder of its own: with no --pythonpath the installed briefgen is the one run.
    done = subprocess.run(command, env=env, cwd=out, capture_output=True, text=True)
    said = done.stderr.strip().splitlines()
    last = said[-1] if said else f"exit {done.returncode}"  # the command's own message
    if done.returncode != 0:
        return [[day.name, "(failed)", "", last]]
    edition = work / day.date / f"briefing-{day.date}.json"
    if not edition.exists():  # a day with nothing to brief on ("no report written")
        return [[day.name, "(no edition)", "", last]]
    briefing = json.loads(edition.read_text("utf-8"))
    return [
        [day.name, section["key"], point["source"]["title"], point["text"]]
        for section in briefing["sections"]
        for point in section["points"]
    ]


def compare(old: Path, new: Path) -> int:
    """Print the points each listing has and the other has not, day by day."""

    def read(path: Path) -> dict[str, set[tuple[str, ...]]]:
        out: dict[str, set[tuple[str, ...]]] = defaultdict(set)
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.reader(handle, delimiter="\t"):
                out[row[0]].add(tuple(row[1:]))
        return out

    before, after = read(old), read(new)
    changed = 0
    for name in sorted(before.keys() | after.keys()):
        gone, came = before[name] - after[name], after[name] - before[name]
        if not gone and not came:
            continue
        changed += 1
        print(f"== {name}")
        for mark, rows in (("-", gone), ("+", came)):
            for section, title, text in sorted(rows):
                print(f"  {mark} {section:9} {title[:60]} | {text[:110]}")
    total = len(before.keys() | after.keys())
    print(f"{changed} of {total} days changed")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL)
    parser.add_argument("--out", type=Path, help="folder of the builds and points.tsv")
    parser.add_argument("--pythonpath", type=Path, help="a tree whose briefgen to run")
    parser.add_argument("--min-items", type=int, default=3, help="items a feed date needs")
    parser.add_argument("--jobs", type=int, default=max(1, (os.cpu_count() or 1) // 2))
    parser.add_argument("--compare", nargs=2, type=Path, metavar=("OLD", "NEW"))
    args = parser.parse_args(argv)
    if args.compare:
        return compare(*args.compare)
    if args.out is None:
        parser.error("--out is needed to build the days")
    out = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    todo = list(days(args.eval_dir.resolve(), out / "links", args.min_items))
    pythonpath = args.pythonpath.resolve() if args.pythonpath else None
    with ThreadPoolExecutor(args.jobs) as pool:
        results = list(pool.map(lambda d: build(d, out, pythonpath), todo))
    rows = [row for result in results for row in result]
    with (out / "points.tsv").open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, delimiter="\t", lineterminator="\n").writerows(rows)
    failed = sum(r[1] == "(failed)" for r in rows)
    empty = sum(r[1] == "(no edition)" for r in rows)
    points = len(rows) - failed - empty
    print(
        f"{len(todo)} days, {points} points, {empty} with no edition, {failed} failed: "
        f"{out / 'points.tsv'}"
    )
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
