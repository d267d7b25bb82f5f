"""End to end: the installed command builds the seed briefing; we read back what a reader gets."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.conftest import SEEDS

BRIEFGEN = shutil.which("briefgen", path=str(Path(sys.executable).parent)) or "briefgen"

# Loaded by every Python process started with this folder on PYTHONPATH: any
# connection off this machine fails, as on an air-gapped host.
NO_NETWORK = """
import socket
_connect = socket.socket.connect
def _refuse(self, address):
    host = address[0] if isinstance(address, tuple) else ""
    if host not in ("127.0.0.1", "::1", "localhost") and not str(host).startswith("127."):
        raise OSError("network disabled for this test")
    return _connect(self, address)
socket.socket.connect = _refuse
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("e2e")
    shutil.copytree(SEEDS, work / "seeds")
    site = work / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(NO_NETWORK, encoding="utf-8")
    empty_nltk = work / "nltk_data"
    empty_nltk.mkdir()
    env = {**os.environ, "PYTHONPATH": str(site), "NLTK_DATA": str(empty_nltk)}
    env.pop("BRIEFGEN_DB", None)
    result = subprocess.run(
        [BRIEFGEN, "build", "--date", "2017-08-31"],
        cwd=work,
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return work / "reports" / "2017-08-31"


def seed_text() -> str:
    raw = (SEEDS / "2017-08-31" / "guardian-japan-uk-north-korea.txt").read_text("utf-8")
    return " ".join(raw.split())


def load_json(built: Path) -> dict:  # type: ignore[type-arg]
    return json.loads((built / "briefing-2017-08-31.json").read_text("utf-8"))


def test_all_three_files_written(built: Path) -> None:
    for ext in ("html", "pdf", "json"):
        path = built / f"briefing-2017-08-31.{ext}"
        assert path.is_file() and path.stat().st_size > 500, path
    assert not list(built.glob("*.tmp*")), "a temporary file was left behind"


def test_sections_hold_what_the_seed_reports(built: Path) -> None:
    data = load_json(built)
    sections = {s["key"]: " ".join(p["text"] for p in s["points"]) for s in data["sections"]}
    assert [s["key"] for s in data["sections"]] == ["security", "diplomacy", "trade"]
    assert all(sections.values()), sections
    assert re.search(r"missile|military|soldiers", sections["security"])
    assert re.search(r"invest|Nissan|trade ties", sections["trade"])
    assert re.search(r"Global Times|dialogue|China", sections["diplomacy"])


def test_every_point_is_a_verbatim_cited_sentence(built: Path) -> None:
    text = seed_text()
    data = load_json(built)
    points = [p for s in data["sections"] for p in s["points"]]
    assert points
    for point in points:
        assert " ".join(point["text"].split()) in text
        assert point["source"]["outlet"] == "The Guardian"
        assert point["source"]["title"].startswith("Japan and UK pledge")
        assert isinstance(point["sentence_index"], int)
    assert not any(re.match(r"(But|However|He|She|It|They|This)\b", p["text"]) for p in points)


def test_pdf_reads_back(built: Path) -> None:
    from pypdf import PdfReader

    reader = PdfReader(built / "briefing-2017-08-31.pdf")
    text = "\n".join(page.extract_text() for page in reader.pages)
    flat = " ".join(text.split())
    assert "Security" in flat and "Trade" in flat and "Diplomacy" in flat
    assert "31 August 2017" in flat
    titles = [item.title for item in reader.outline if not isinstance(item, list)]
    assert {"Security", "Diplomacy", "Trade"} <= {t.strip() for t in titles}
    assert reader.metadata is not None
    assert "31 August 2017" in (reader.metadata.title or "")


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def test_html_is_self_contained(built: Path) -> None:
    html = (built / "briefing-2017-08-31.html").read_text("utf-8")
    parser = _Collector()
    parser.feed(html)
    tags = [t for t, _ in parser.tags]
    assert "script" not in tags
    for tag, attrs in parser.tags:
        if tag in ("link", "img", "script", "iframe"):
            src = attrs.get("href") or attrs.get("src") or ""
            assert tag != "link" or attrs.get("rel") != "stylesheet", "external stylesheet"
            assert src.startswith(("data:", "#")) or not src, (tag, src)
    assert ("html", {"lang": "en"}) in [(t, {"lang": a.get("lang")}) for t, a in parser.tags]


def test_rebuild_is_idempotent(built: Path) -> None:
    work = built.parent.parent
    result = subprocess.run(
        [BRIEFGEN, "build", "--date", "2017-08-31", "--format", "json"],
        cwd=work,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    assert "0 new" in result.stdout
    assert load_json(built)["edition"] == 1


def huge_article(size: int, seed: int = 15) -> str:
    """``size`` bytes of plain text in paragraphs, with a vocabulary as wide as it gets."""
    import random

    rng = random.Random(seed)
    syllables = ("ka", "lo", "ren", "mi", "sta", "vor", "den", "tal", "pri", "gu", "ne", "sho")
    words = [
        "".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))) for _ in range(30_000)
    ]

    def sentence() -> str:
        body = " ".join(rng.choice(words) for _ in range(rng.randint(8, 22)))
        if rng.random() < 0.15:
            name = f"{rng.choice(words).title()} {rng.choice(words).title()}"
            return f'"{body.capitalize()}," {name} said.'
        return f"The {body} in {rng.choice(words).title()} on Tuesday."

    parts, length = ["A report on everything\n\n"], 0
    while length < size:
        parts.append(" ".join(sentence() for _ in range(rng.randint(3, 6))) + "\n\n")
        length += len(parts[-1])
    return "".join(parts)[:size]


def _points(folder: Path) -> list[str]:
    return [p["text"] for s in load_json(folder)["sections"] for p in s["points"]]


def test_a_huge_article_beside_the_seed_builds_in_bounded_memory(tmp_path: Path) -> None:
    import resource

    day = tmp_path / "day" / "2017-08-31"
    day.mkdir(parents=True)
    shutil.copy(SEEDS / "2017-08-31" / "guardian-japan-uk-north-korea.txt", day)
    seed_only = tmp_path / "seed-only"
    command = [BRIEFGEN, "build", "--date", "2017-08-31", "--format", "json"]
    subprocess.run(
        [*command, "--input", str(day), "--out", str(seed_only)], check=True, timeout=600
    )
    (day / "everything.txt").write_text(huge_article(3_000_000), encoding="utf-8")

    def one_gigabyte() -> None:
        # Heap and anonymous mappings: a dense sentence-by-sentence matrix does not fit.
        resource.setrlimit(resource.RLIMIT_DATA, (1 << 30, 1 << 30))

    result = subprocess.run(
        [*command, "--input", str(day), "--out", str(tmp_path / "out")],
        capture_output=True,
        text=True,
        timeout=600,
        preexec_fn=one_gigabyte,
    )

    assert result.returncode == 0, result.stderr
    assert "2 new" in result.stdout
    points = _points(tmp_path / "out" / "2017-08-31")
    assert set(_points(seed_only / "2017-08-31")) <= set(points)
