"""``bench/eval_days.py`` builds every kind of evaluation day through the command and
lists its points; ``--compare`` names the days whose points moved."""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]

ITEM = """<item><title>{title}</title><link>https://news.example.org/{n}</link>
<pubDate>Thu, 20 Jun 2019 0{n}:00:00 +0000</pubDate><description>{text}</description></item>"""

ITEMS = [
    (
        "Tarsk shoots down a Lunmark drone",
        "Tarsk's air defences shot down a Lunmark surveillance drone over the Strait of "
        "Ostrava on Thursday, the Tarsk defence ministry said.",
    ),
    (
        "Nordvik and Okafor agree to cut tariffs on steel",
        "Nordvik and Okafor agreed on Thursday to halve tariffs on steel imports from April, "
        "their trade ministers said.",
    ),
    (
        "Velmar recalls its ambassador from Arvand",
        "Velmar recalled its ambassador from Arvand on Thursday after a row over fishing "
        "rights, the foreign ministry said.",
    ),
]


def _eval_dir(root: Path) -> Path:
    day = root / "perf" / "reuters21578" / "1987-03-02"
    day.mkdir(parents=True)
    (day / "1.txt").write_text(
        "Velmar Navy Fires Missiles Across Strait\n\n"
        "Naval forces of Velmar fired three anti-ship missiles across the Strait of Kessel "
        "on Monday, the Arvand defence ministry said.\n\n"
        "The missiles fell into the sea, officials said.\n",
        "utf-8",
    )
    feeds = root / "feeds"
    feeds.mkdir()
    body = "".join(
        ITEM.format(n=n, title=title, text=text) for n, (title, text) in enumerate(ITEMS, 1)
    )
    german = ITEM.replace("20 Jun", "22 Jun").format(
        n=4,
        title="Regierung beschließt neue Regeln für den Handel",
        text="Die Regierung hat am Samstag neue Regeln für den Handel mit dem Ausland "
        "beschlossen, wie das Ministerium mitteilte. Die Regeln gelten ab dem ersten Juli "
        "und betreffen vor allem kleine Unternehmen.",
    )
    body += german
    (feeds / "wire.rss").write_text(
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>Baltic Wire</title>'
        f"<link>https://news.example.org/</link>{body}</channel></rss>",
        "utf-8",
    )
    (root / "html").mkdir()
    mixed = root / "days" / "mixed" / "2004-12-01"
    mixed.mkdir(parents=True)
    (mixed / "a.txt").write_text(
        "Arvand and Kessel sign a border accord\n\n"
        "The foreign ministers of Arvand and Kessel signed an accord on their disputed "
        "border on Wednesday, ending a decade of talks, officials said.\n",
        "utf-8",
    )
    bbc = root / "bbc" / "business"
    bbc.mkdir(parents=True)
    (bbc / "001.article.txt").write_text(
        "Nordvik exports fall\n\nNordvik's exports fell 9% in February as demand for its "
        "steel weakened in Europe, official figures showed.\n",
        "utf-8",
    )
    (bbc / "001.summary.txt").write_text("Not an article.\n", "utf-8")
    return root


def test_every_kind_of_day_is_built_and_a_moved_point_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sys.path.insert(0, str(REPO / "bench"))
    import eval_days

    eval_dir = _eval_dir(tmp_path / "eval")
    out = tmp_path / "out"
    command = ["--eval-dir", str(eval_dir), "--out", str(out), "--jobs", "2", "--min-items", "1"]
    assert eval_days.main(command) == 0
    with (out / "points.tsv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle, delimiter="\t"))
    days = {row[0] for row in rows}
    assert {
        "reuters 1987-03-02",
        "feeds 2019-06-20 1d",
        "feeds 2019-06-20 2d",
        "mixed 2004-12-01",
    } <= days
    # A day with nothing in English to brief on is listed as such.
    (german_day,) = (row for row in rows if row[0] == "feeds 2019-06-22 1d")
    assert german_day[1] == "(no edition)" and "not in English" in german_day[3]
    # The feed's three items are three stories of three sections.
    feed = {row[1]: row[3] for row in rows if row[0] == "feeds 2019-06-20 1d"}
    assert feed == {
        "security": ITEMS[0][1],
        "trade": ITEMS[1][1],
        "diplomacy": ITEMS[2][1],
    }
    # The BBC article is linked into a dated folder, never copied.
    (link,) = (out / "links" / eval_days.BBC_DAY).iterdir()
    assert link.is_symlink() and link.name == "business-001.article.txt"
    capsys.readouterr()

    assert eval_days.main(["--compare", str(out / "points.tsv"), str(out / "points.tsv")]) == 0
    assert capsys.readouterr().out.strip().endswith(f"0 of {len(days)} days changed")
    fewer = tmp_path / "fewer.tsv"
    kept = [row for row in rows if row[1] != "trade" or row[0] != "feeds 2019-06-20 1d"]
    with fewer.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, delimiter="\t", lineterminator="\n").writerows(kept)
    eval_days.main(["--compare", str(out / "points.tsv"), str(fewer)])
    said = capsys.readouterr().out
    assert said.startswith("== feeds 2019-06-20 1d\n  - trade")
    assert said.strip().endswith(f"1 of {len(days)} days changed")
