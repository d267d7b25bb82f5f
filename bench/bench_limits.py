"""Time the inputs that used to take the machine: one huge article, one huge templated feed.

Usage (from the repository root)::

    python bench/bench_limits.py [--runs 3] [--article-mb 19] [--feed-items 20000]
                                 [--out docs/performance.md] [--no-write]

- **A huge article beside the seed**: ``seeds/2017-08-31/`` and one more article of
  ``--article-mb`` megabytes (just under the 20 MB input cap) in one folder, built
  with ``briefgen build --date 2017-08-31 --input DAY --db TMP --out TMP`` (HTML,
  PDF and JSON, a fresh store every run). The article comes in three shapes:
  paragraphs of sentences over a vocabulary of 60,000 invented words (the widest
  vocabulary a ranker can meet), the same text on one line (one paragraph), and
  the seed's own paragraphs repeated (real names and quotations throughout). Each
  build must contain every point of the seed's own edition.
- **A templated feed**: one RSS file of ``--feed-items`` items that all read
  alike (a market report with the numbers changed), read with
  ``briefgen ingest FEED --db TMP`` into a fresh store every run.

Each run is its own process, timed from start to exit; peak memory is the
largest ``ru_maxrss`` of the process or of a worker it started (see
``bench_build.py``). Times are medians over ``--runs``. The table is printed and
written into ``--out`` between the ``limits`` markers.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_build import Measure, briefgen_command, build_command, machine, timed
from docblock import write_block

REPO = Path(__file__).resolve().parents[1]
DAY = dt.date(2017, 8, 31)
SEED_DAY = REPO / "seeds" / DAY.isoformat()
START, END = "<!-- limits:start -->", "<!-- limits:end -->"


def invented_words(size: int, rng: random.Random) -> str:
    """``size`` bytes of news-shaped paragraphs over 60,000 invented words."""
    syllables = [
        "ka",
        "lo",
        "ren",
        "mi",
        "sta",
        "vor",
        "den",
        "tal",
        "pri",
        "gu",
        "ne",
        "sho",
        "bar",
        "fi",
        "lum",
        "ter",
        "qua",
        "zen",
        "dri",
        "mo",
    ]
    vocabulary = sorted(
        {"".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))) for _ in range(60_000)}
    )
    names = [f"{w.title()} {rng.choice(vocabulary).title()}" for w in vocabulary[:3000]]
    places = [w.title() for w in vocabulary[3000:4000]]

    def sentence() -> str:
        words = " ".join(rng.choice(vocabulary) for _ in range(rng.randint(8, 22)))
        kind = rng.random()
        if kind < 0.15:
            return f'"{words.capitalize()}," {rng.choice(names)} said.'
        if kind < 0.25:
            return f"Minister {rng.choice(names)} said {rng.choice(places)} would {words}."
        return f"The {words} in {rng.choice(places)} on Tuesday."

    return _fill(size, lambda: " ".join(sentence() for _ in range(rng.randint(3, 6))))


def seed_repeated(size: int, rng: random.Random) -> str:
    """The seed's paragraphs over and over, each copy told on another day."""
    text = next(SEED_DAY.glob("*.txt")).read_text(encoding="utf-8")
    body = text.split("---", 2)[2].strip().split("\n\n")[2:]  # past the headline and standfirst
    copy = 0

    def paragraph() -> str:
        nonlocal copy
        copy += 1
        return rng.choice(body).replace("Thursday", f"Thursday {copy}")

    return _fill(size, paragraph)


def _fill(size: int, paragraph: Callable[[], str]) -> str:
    parts, length = ["A report on everything\n\n"], 0
    while length < size:
        parts.append(paragraph() + "\n\n")
        length += len(parts[-1].encode("utf-8"))
    return "".join(parts).encode("utf-8")[:size].decode("utf-8", "ignore")


def one_line(text: str) -> str:
    headline, _, body = text.partition("\n\n")
    return headline + "\n\n" + " ".join(body.split())


def templated_feed(items: int) -> str:
    sectors = ("energy", "banking", "mining", "retail", "shipping", "technology", "insurance")
    entries = []
    for i in range(items):
        stamp = f"{i // 3600 % 24:02d}:{i // 60 % 60:02d}:{i % 60:02d}"
        entries.append(
            f"<item><title>Market update {i}: {sectors[i % 7]} shares move</title>"
            f"<link>https://markets.example.org/updates/{i}</link>"
            f"<pubDate>Thu, 31 Aug 2017 {stamp} +0000</pubDate>"
            f"<description>Update {i}: the index closed at {1000 + i % 997} points after a "
            f"session led by {sectors[i % 7]} shares, the exchange said in its daily "
            "statement. Volumes were in line with the monthly average, and analysts expect "
            "similar trading tomorrow as investors wait for the central bank.</description>"
            "</item>\n"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>'
        "<title>Markets Wire</title><link>https://markets.example.org/</link>"
        "<description>Updates</description>\n" + "".join(entries) + "</channel></rss>\n"
    )


def points(target: Path) -> list[str]:
    path = target / "reports" / DAY.isoformat() / f"briefing-{DAY.isoformat()}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    return [p["text"] for s in data["sections"] for p in s["points"]]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--article-mb", type=float, default=19.0)
    parser.add_argument("--feed-items", type=int, default=20_000)
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "performance.md")
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()

    load_before = os.getloadavg()[0]
    rows = []
    with tempfile.TemporaryDirectory(prefix="briefgen-limits-") as tmp:
        work = Path(tmp)
        seed_only = work / "seed-only"
        timed(build_command(SEED_DAY, seed_only, "json"))
        seed_points = points(seed_only)
        size = int(args.article_mb * 1_000_000)
        invented = invented_words(size, random.Random(15))
        shapes = {
            "paragraphs, 60,000-word vocabulary": invented,
            "the same on one line": one_line(invented),
            "the seed's paragraphs repeated": seed_repeated(size, random.Random(15)),
        }
        for n, (shape, text) in enumerate(shapes.items()):
            day_dir = work / f"day-{n}" / DAY.isoformat()
            day_dir.mkdir(parents=True)
            for seed in SEED_DAY.glob("*.txt"):
                shutil.copy(seed, day_dir)
            article = day_dir / "everything.txt"
            article.write_text(text, encoding="utf-8")
            runs, kept = [], len(seed_points)
            for r in range(args.runs):
                target = work / f"build-{n}-{r}"
                runs.append(timed(build_command(day_dir, target)))
                built = points(target)
                kept = min(kept, sum(p in built for p in seed_points))
                shutil.rmtree(target)
            measure = Measure(tuple(runs))
            rows.append(
                f"| {shape} ({article.stat().st_size / 1e6:.1f} MB) | {measure.time_cell()} | "
                f"{measure.cpu:.1f} s | {measure.peak_mb:.0f} MB | "
                f"{kept} of {len(seed_points)} |"
            )
            print(rows[-1], flush=True)

        feed = work / f"markets-{DAY.isoformat()}.xml"
        feed.write_text(templated_feed(args.feed_items), encoding="utf-8")
        ingests = []
        for r in range(args.runs):
            command = [*briefgen_command(), "ingest", str(feed), "--db", str(work / f"f{r}.db")]
            ingests.append(timed(command))
        feed_measure = Measure(tuple(ingests))
        feed_row = (
            f"| {args.feed_items:,} templated items ({feed.stat().st_size / 1e6:.1f} MB) | "
            f"{feed_measure.time_cell()} | {feed_measure.cpu:.1f} s | "
            f"{feed_measure.peak_mb:.0f} MB | {ingests[-1].stdout.strip()} |"
        )
        print(feed_row, flush=True)

    stamp = dt.datetime.now().strftime("%Y-%m-%d %H:%M")
    block = "\n".join(
        [
            f"Measured {stamp} on {machine()}. Load average (1 min) {load_before:.2f} at the "
            f"start, {os.getloadavg()[0]:.2f} at the end.",
            "",
            f"Command: `python bench/bench_limits.py --runs {args.runs} --article-mb "
            f"{args.article_mb:g} --feed-items {args.feed_items}`",
            "",
            "| the seed and one huge article | `briefgen build` (HTML+PDF+JSON) | CPU "
            "| peak memory | seed points kept |",
            "|---|---:|---:|---:|---:|",
            *rows,
            "",
            "| one feed | `briefgen ingest` | CPU | peak memory | stored |",
            "|---|---:|---:|---:|---|",
            feed_row,
        ]
    )
    print(block)
    if not args.no_write:
        write_block(args.out, block, start=START, end=END)
        print(f"written to {args.out}")


if __name__ == "__main__":
    main()
