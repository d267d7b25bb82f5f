"""The labelled material the section model learns from, read in place from ../shared/eval.

- ``labelled/labelled4.jsonl``: Wikipedia Current Events items and Reuters trade
  stories, labelled security / diplomacy / trade / other;
- ``bbc/``: BBC articles by category (business is trade; sport, entertainment,
  technology and UK politics are, as a rule, other);
- ``days/mixed``: the Wikinews source articles with the sections their story allows
  (a story that allows exactly one bucket, or security and diplomacy, is used).

Nothing is copied: the texts are read where they are, and only the learned weights
are written into the package.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from briefgen.errors import SkippedInput
from briefgen.ingest.text import parse_text_article
from briefgen.models import Article
from briefgen.relevance import article_lead

#: The date given to the evaluation files, which have none (it plays no part in their
#: lead).
_UNDATED = datetime(2004, 12, 1, tzinfo=UTC)
#: A day's folder name: its date.
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")

REPO = Path(__file__).resolve().parents[1]
DEFAULT_EVAL = REPO.parent / "shared" / "eval"
BBC_LABELS = {
    "business": "trade",
    "sport": "other",
    "entertainment": "other",
    "tech": "other",
    "politics": "other",
}


@dataclass(frozen=True)
class Item:
    text: str
    label: str
    #: Where it comes from: "labelled4", "bbc" or "mixed".
    origin: str
    #: A key that names the same text in another set (the mixed day's file name).
    key: str


def read_article(path: Path, undated: datetime = _UNDATED) -> Article | None:
    """The article the text reader makes of the file, dated ``undated`` when the text
    gives no date; None for a file a build skips."""
    try:
        return parse_text_article(
            path.read_text(encoding="utf-8", errors="replace"), path.name, path, undated=undated
        )
    except SkippedInput:
        return None


def file_lead(path: Path) -> str | None:
    """The file's lead as a build reads it (:func:`briefgen.relevance.article_lead` of the
    article the text reader makes of it), so the model learns from what it will be shown;
    None for a file a build skips."""
    article = read_article(path)
    return None if article is None else article_lead(article)


def mixed_day(eval_dir: Path = DEFAULT_EVAL) -> str:
    """The mixed day's date: the name of the one dated folder (``YYYY-MM-DD``) under
    ``days/mixed``, so that a day of the same kind on another date is read the same way."""
    folder = eval_dir / "days" / "mixed"
    dates = sorted(p.name for p in folder.iterdir() if p.is_dir() and _DATE.fullmatch(p.name))
    if len(dates) != 1:
        found = ", ".join(dates) or "none"
        raise SystemExit(f"{folder}: expected one folder named for its date, found {found}")
    return dates[0]


def labelled4(eval_dir: Path = DEFAULT_EVAL) -> list[Item]:
    items = []
    with (eval_dir / "labelled" / "labelled4.jsonl").open(encoding="utf-8") as lines:
        for n, line in enumerate(lines):
            row = json.loads(line)
            items.append(Item(row["text"], row["label"], "labelled4", f"labelled4:{n}"))
    return items


def bbc(eval_dir: Path = DEFAULT_EVAL) -> list[Item]:
    items = []
    with (eval_dir / "bbc" / "index.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            text = file_lead(eval_dir / row["article_path"])
            category, number = row["id"].split("/")
            key = f"bbc-{category}-{number}.txt"
            if text is not None:
                items.append(Item(text, BBC_LABELS[category], "bbc", key))
    return items


def mixed(eval_dir: Path = DEFAULT_EVAL) -> list[Item]:
    folder = eval_dir / "days" / "mixed"
    day = mixed_day(eval_dir)
    items = []
    with (folder / "manifest.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            if row["file"].startswith("bbc-"):
                continue  # the BBC articles come from bbc() with their category
            sections = row["sections"]
            if sections == ["other"] or ("other" not in sections and len(sections) == 1):
                label = sections[0]
            elif sections == ["security", "diplomacy"]:
                label = "security"
            else:
                continue
            text = file_lead(folder / day / row["file"])
            if text is not None:
                items.append(Item(text, label, "mixed", row["file"]))
    return items


def training_set(eval_dir: Path = DEFAULT_EVAL, *, exclude: Sequence[str] = ()) -> list[Item]:
    """Every item the shipped model learns from, less those whose key is in ``exclude``."""
    skip = set(exclude)
    return [i for i in labelled4(eval_dir) + bbc(eval_dir) + mixed(eval_dir) if i.key not in skip]
