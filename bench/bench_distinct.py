"""Time ``briefgen`` on days of distinct real articles: ingest, full builds, builds from a store.

Usage (from the repository root)::

    python bench/bench_distinct.py [--sizes 150,1000,2000] [--runs 3] [--bbc]
                                   [--out docs/performance.md | --no-write]

Days are made of *distinct* articles only, so every article is new to the
store: the first N Reuters-21578 stories of ``../shared/eval/perf/reuters21578``
(12,961 distinct wire stories, in date order), copied into one dated folder;
with ``--bbc``, also the 300 BBC articles of ``../shared/eval/bbc`` as one
day. The report says how many of each day's files the store took as new.

For each day, in the same run, each measurement a separate process timed from
start to exit (start-up and imports included) through the real command:

- ``briefgen ingest DAY --db TMP``: reading, storing and analysing every
  article, into a fresh store each run;
- ``briefgen build --input DAY --format html,pdf,json`` from nothing (a fresh
  store each run): ingest, analysis, the day's work and rendering;
- the same build on a store that already holds the day (filled by an ingest
  before the timed runs; the build still reads its inputs, as a cron build of
  the configured sources does, and finds them all stored);
- that build to JSON only, to show what rendering HTML and PDF adds.

Peak memory is the largest resident set of the process or of any worker it
started (``wait4``). Medians are over ``--runs`` runs. The table is printed
and written into ``--out`` between the ``distinct`` markers.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import os
import re
import shutil
import statistics
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_build import Measure, briefgen_command, machine, timed
from docblock import write_block
from make_day import DEFAULT_EVAL

REUTERS = DEFAULT_EVAL / "perf" / "reuters21578"
BBC = DEFAULT_EVAL / "bbc"
DAY = dt.date(1987, 3, 2)
#: Days this large are run ``--large-runs`` times.
LARGE = 5000
START, END = "<!-- distinct:start -->", "<!-- distinct:end -->"
_SUMMARY = re.compile(r"(\d+) new, (\d+) duplicate, (\d+) near-duplicate")


def first_reuters(size: int) -> list[Path]:
    """The first ``size`` Reuters stories, by date, then id."""
    files = sorted(
        REUTERS.glob("*/*.txt"),
        key=lambda p: (p.parent.name, int(p.stem) if p.stem.isdigit() else 0),
    )
    if size > len(files):
        raise SystemExit(f"only {len(files)} Reuters stories in {REUTERS}")
    return files[:size]


def reuters_day(size: int, root: Path) -> Path:
    """The first ``size`` Reuters stories in one folder named for DAY."""
    folder = root / f"reuters-{size}" / DAY.isoformat()
    folder.mkdir(parents=True)
    for path in first_reuters(size):
        shutil.copyfile(path, folder / path.name)  # NEWIDs are unique across the corpus
    return folder.parent


def bbc_day(root: Path) -> Path:
    folder = root / "bbc" / DAY.isoformat()
    folder.mkdir(parents=True)
    for path in sorted(BBC.glob("*/*.article.txt")):
        shutil.copyfile(path, folder / f"{path.parent.name}-{path.name}")
    return folder.parent


def measure(commands: Sequence[Sequence[str]]) -> Measure:
    return Measure(tuple(timed(c) for c in commands))


def run_day(name: str, day: Path, runs: int, work: Path) -> dict[str, Measure | str]:
    cli = briefgen_command()
    date = ["--date", DAY.isoformat()]

    def store(tag: str, n: int) -> list[str]:
        return ["--db", str(work / f"{name}-{tag}-{n}" / "store.sqlite")]

    def out(tag: str, n: int) -> list[str]:
        return ["--out", str(work / f"{name}-{tag}-{n}" / "out")]

    ingest = measure([[*cli, "ingest", str(day), *store("ingest", n)] for n in range(runs)])
    fresh = measure(
        [
            [*cli, "build", *date, "-i", str(day), *store("fresh", n), *out("fresh", n), "-q"]
            for n in range(runs)
        ]
    )
    filled = store("filled", 0)
    timed([*cli, "ingest", str(day), *filled])
    from_store = measure(
        [
            [*cli, "build", *date, "-i", str(day), *filled, *out("filled", n), "-q"]
            for n in range(runs)
        ]
    )
    json_only = measure(
        [
            [*cli, "build", *date, "-i", str(day), *filled, *out("json", n), "-q", "-f", "json"]
            for n in range(runs)
        ]
    )
    match = _SUMMARY.search(ingest.runs[0].stdout)
    files = sum(1 for _ in day.rglob("*.txt"))
    stored = (
        f"{files} files: {match[1]} new, {match[3]} near-duplicate (stored, linked), "
        f"{match[2]} duplicate"
        if match
        else f"{files} files"
    )
    return {
        "ingest": ingest,
        "fresh": fresh,
        "from_store": from_store,
        "json": json_only,
        "stored": stored,
        "analysed": ingest.runs[0].stdout.strip(),
    }


def _cell(m: Measure | str) -> str:
    assert isinstance(m, Measure)
    runs = len(m.runs)
    low, high = min(r.seconds for r in m.runs), max(r.seconds for r in m.runs)
    spread = f" ({low:.1f}–{high:.1f})" if runs > 1 else ""
    return f"{m.seconds:.2f} s{spread}"


def _peak(m: Measure | str) -> str:
    assert isinstance(m, Measure)
    return f"{m.peak_mb:.0f} MB" if m.peak_mb is not None else "—"


def report(
    results: dict[str, dict[str, Measure | str]],
    runs: int,
    large_runs: int,
    load: tuple[float, float],
) -> str:
    from importlib.metadata import version

    lines = [
        f"Measured {dt.datetime.now():%Y-%m-%d %H:%M} on {machine()}; "
        f"briefgen {version('briefgen')}. "
        f"Medians of {runs} runs (lowest–highest in brackets; {large_runs} for days of "
        f"{LARGE:,} articles or more). Load average (1 min) "
        f"{load[0]:.2f} at the start, {load[1]:.2f} at the end: the machine was shared.",
        "",
        f"Command: `{' '.join(['python bench/bench_distinct.py', *_measuring_args()])}`",
        "",
        "| day | `ingest` | peak | `build` from nothing (HTML+PDF+JSON) | peak | `build` from a "
        "filled store | peak | same, JSON only |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, r in results.items():
        lines.append(
            f"| {name} | {_cell(r['ingest'])} | {_peak(r['ingest'])} | {_cell(r['fresh'])} | "
            f"{_peak(r['fresh'])} | {_cell(r['from_store'])} | {_peak(r['from_store'])} | "
            f"{_cell(r['json'])} |"
        )
    lines.append("")
    for name, r in results.items():
        lines.append(f"- {name}: {r['stored']}.")
    sizes = sorted(
        (int(name.split()[0].replace(",", "")), name) for name in results if name[0].isdigit()
    )
    for (small, a), (large, b) in itertools.pairwise(sizes):
        ratios = ", ".join(
            f"{label} {_seconds(results[b][key]) / _seconds(results[a][key]):.2f}×"
            for key, label in (
                ("ingest", "ingest"),
                ("fresh", "build from nothing"),
                ("from_store", "build from a store"),
            )
        )
        lines.append(f"- Growth from {a} to {b} ({large / small:.2f}× the articles): {ratios}.")
    return "\n".join(lines)


def _measuring_args() -> list[str]:
    """This run's arguments, without those that only say where the table goes."""
    out: list[str] = []
    args = iter(sys.argv[1:])
    for arg in args:
        if arg == "--out":
            next(args, None)
        elif arg != "--no-write" and not arg.startswith("--out="):
            out.append(arg)
    return out


def _seconds(m: Measure | str) -> float:
    assert isinstance(m, Measure)
    return statistics.median(r.seconds for r in m.runs)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="150,1000,2000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--large-runs",
        type=int,
        default=1,
        help="runs for days of 5,000 articles or more (each takes minutes)",
    )
    parser.add_argument("--bbc", action="store_true", help="also the 300 BBC articles as a day")
    parser.add_argument("--out", type=Path, default=Path("docs/performance.md"))
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args(argv)
    if not REUTERS.is_dir():
        raise SystemExit(f"{REUTERS} is not there: see ../shared/eval/README.md")
    load_before = os.getloadavg()[0]
    results: dict[str, dict[str, Measure | str]] = {}
    with tempfile.TemporaryDirectory(prefix="briefgen-distinct-") as tmp:
        root = Path(tmp)
        days: list[tuple[str, Path, int]] = []
        if args.bbc:
            days.append(("BBC 300", bbc_day(root), args.runs))
        for size in (int(s) for s in args.sizes.split(",")):
            runs = args.large_runs if size >= LARGE else args.runs
            days.append((f"{size:,} Reuters", reuters_day(size, root), runs))
        for name, day, runs in days:
            print(f"{name} …", file=sys.stderr, flush=True)
            results[name] = run_day(name.replace(" ", "-"), day, runs, root / "work")
    block = report(results, args.runs, args.large_runs, (load_before, os.getloadavg()[0]))
    print(block)
    if not args.no_write:
        write_block(args.out, block, start=START, end=END)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
