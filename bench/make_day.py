"""Synthetic days of real news text, for timing whole builds.

Usage (from the repository root)::

    python bench/make_day.py --articles 1000 --out /tmp/day-1000 [--date 2017-08-31]
                             [--eval-dir ../shared/eval] [--seed 0]

The articles are the BBC News Summary articles and the Wikinews source
articles of the evaluation data, read by path (their text never enters the
repository). A day larger than the pool (373 articles) repeats it, the way a
desk sees one wire story carried by several outlets: every copy gets its own
outlet, URL and time of day, and copies after the first keep the lead
paragraph but drop about a quarter of the other paragraphs and swap a pair,
so no two files are byte-identical and each reads as a real article.

Each file is plain text with front matter (title, date, outlet, url), the
shape ``briefgen build --input`` reads.
"""

from __future__ import annotations

import argparse
import random
import shutil
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

from briefgen.ingest.text import parse_text_article

REPO = Path(__file__).resolve().parents[1]
DEFAULT_EVAL = REPO.parent / "shared" / "eval"

#: Invented outlet names: copies of one story are cited as different outlets.
OUTLETS: tuple[str, ...] = (
    "Morning Ledger",
    "Evening Courier",
    "Harbour Times",
    "Capital Wire",
    "Northern Gazette",
    "Coastal Herald",
    "Metro Dispatch",
    "Valley Post",
    "Continental Review",
    "City Chronicle",
    "Eastern Standard",
    "Western Mail Online",
)


@dataclass(frozen=True)
class Story:
    """One real article: where it came from, its headline and its paragraphs."""

    key: str
    title: str
    paragraphs: tuple[str, ...]


def _bbc(eval_dir: Path) -> Iterator[Story]:
    # Line 1 is the headline; paragraphs are separated by blank lines.
    for path in sorted((eval_dir / "bbc").glob("*/*.article.txt")):
        title, _, body = path.read_text(encoding="utf-8").partition("\n")
        paragraphs = tuple(" ".join(p.split()) for p in body.split("\n\n") if p.strip())
        if title.strip() and paragraphs:
            yield Story(
                f"bbc-{path.parent.name}-{path.stem.split('.')[0]}", title.strip(), paragraphs
            )


def _wikinews(eval_dir: Path) -> Iterator[Story]:
    # Line 1 is the headline; one paragraph per line.
    for path in sorted((eval_dir / "multidoc" / "wikinewssum").glob("*/doc_*.txt")):
        lines = [" ".join(line.split()) for line in path.read_text(encoding="utf-8").splitlines()]
        lines = [line for line in lines if line]
        if len(lines) >= 3:
            yield Story(f"wns-{path.parent.name}-{path.stem}", lines[0], tuple(lines[1:]))


def load_pool(eval_dir: Path) -> list[Story]:
    """Every usable article of the evaluation data, in a fixed order."""
    pool = [*_bbc(eval_dir), *_wikinews(eval_dir)]
    if not pool:
        raise SystemExit(f"no articles under {eval_dir}: pass --eval-dir pointing at shared/eval")
    return pool


def vary(paragraphs: Sequence[str], rng: random.Random) -> tuple[str, ...]:
    """A re-edited copy: the lead kept, about a quarter of the rest cut, two swapped."""
    lead, rest = paragraphs[0], list(paragraphs[1:])
    if len(rest) >= 4:
        cut = set(rng.sample(range(len(rest)), k=len(rest) // 4))
        rest = [p for i, p in enumerate(rest) if i not in cut]
    if len(rest) >= 2:
        i = rng.randrange(len(rest) - 1)
        rest[i], rest[i + 1] = rest[i + 1], rest[i]
    return (lead, *rest)


def day_articles(pool: Sequence[Story], n: int, seed: int = 0) -> Iterator[tuple[Story, int]]:
    """``n`` (story, copy number) pairs: the pool shuffled, then repeated as needed."""
    rng = random.Random(seed)
    order = list(pool)
    rng.shuffle(order)
    for i in range(n):
        yield order[i % len(order)], i // len(order)


def render(
    story: Story, copy: int, number: int, day: date, rng: random.Random, seen: set[str]
) -> str:
    """The file's text; ``seen`` holds the content hashes of the day's files so far."""
    outlet = OUTLETS[(number + copy) % len(OUTLETS)]
    slug = f"{story.key}-{copy}"
    published = datetime.combine(day, time(6, 0)) + timedelta(minutes=rng.randrange(14 * 60))
    paragraphs = story.paragraphs if copy == 0 else vary(story.paragraphs, rng)
    # A short article cannot be re-edited, and the pool holds a few pages twice:
    # such a copy gets its outlet in the headline, as feed titles often do, so
    # that the store keeps it rather than dropping it as an exact duplicate.
    titles = (story.title, f"{story.title} - {outlet}", f"{story.title} - {outlet} ({number})")
    for title in titles:
        text = _file_text(title, published, outlet, slug, paragraphs)
        digest = parse_text_article(text, slug).content_hash
        if digest not in seen:
            break
    seen.add(digest)
    return text


def _file_text(
    title: str, published: datetime, outlet: str, slug: str, paragraphs: Sequence[str]
) -> str:
    front = (
        "---\n"
        f"title: {title}\n"
        f"date: {published.isoformat()}+00:00\n"
        f"outlet: {outlet}\n"
        f"url: https://news.example/{outlet.lower().replace(' ', '-')}/{slug}\n"
        "---\n"
    )
    return front + "\n\n".join(paragraphs) + "\n"


def make_day(
    n: int, out: Path, *, day: date, eval_dir: Path = DEFAULT_EVAL, seed: int = 0
) -> list[Path]:
    """Write a day of ``n`` articles into ``out`` (emptied first); the files written."""
    pool = load_pool(eval_dir)
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    rng = random.Random(seed + 1)
    seen: set[str] = set()
    paths = []
    for number, (story, copy) in enumerate(day_articles(pool, n, seed)):
        path = out / f"{number:05d}-{story.key}-{copy}.txt"
        path.write_text(render(story, copy, number, day, rng, seen), encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", "-n", type=int, required=True)
    parser.add_argument("--out", "-o", type=Path, required=True)
    parser.add_argument("--date", type=date.fromisoformat, default=date(2017, 8, 31))
    parser.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    paths = make_day(args.articles, args.out, day=args.date, eval_dir=args.eval_dir, seed=args.seed)
    size = sum(p.stat().st_size for p in paths)
    print(f"{len(paths)} articles, {size / 1e6:.1f} MB in {args.out}")


if __name__ == "__main__":
    main()
