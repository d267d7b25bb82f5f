"""The pages in a real browser (headless Chromium) at a phone's width: drawn, and nothing
sticks out sideways. Skipped where Chromium is not installed.

Two checks, because each misses what the other sees. The layout check loads the page
in a 390 px frame of a small harness page and asks the browser for anything wider
than the frame (the harness has script; the briefing itself never does). The
screenshot check looks at the pixels: something is drawn, and the right-hand margin
at 390 px stays blank, which it would not if a line or a chart ran off the column.
"""

from __future__ import annotations

import html
import json
import shutil
import subprocess
import tempfile
from datetime import date
from pathlib import Path

import numpy as np
import pytest

from briefgen.config import BuildSettings, RenderSettings, Settings
from briefgen.models import Section
from briefgen.render import render_html
from tests.conftest import SEEDS
from tests.render.fixtures import make_briefing

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")

PHONE = 390
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # Phones draw scrollbars over the page; a classic 15 px bar would narrow the layout.
    "--hide-scrollbars",
]

HARNESS = """<!DOCTYPE html><html><body style="margin:0">
<iframe id="f" src="{page}" style="width:{width}px;height:3000px;border:0"></iframe>
<script>
document.getElementById("f").addEventListener("load", function () {{
  var d = this.contentDocument, w = d.documentElement.clientWidth, wide = [];
  d.querySelectorAll("body *").forEach(function (e) {{
    var r = e.getBoundingClientRect();
    if (e.closest(".visually-hidden, .skip-link")) return;
    // scrollWidth is only meaningful for HTML boxes (SVG text reports odd values).
    var spills = e instanceof d.defaultView.HTMLElement && e.clientWidth &&
        e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX === "visible";
    if ((r.width && r.right > w + 0.5) || spills) {{
      wide.push(e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") +
                (e.getAttribute("class") ? "." + e.getAttribute("class") : ""));
    }}
  }});
  document.body.setAttribute("data-check", JSON.stringify({{
    width: w, scroll: d.documentElement.scrollWidth,
    text: d.body.innerText.length, wide: wide.slice(0, 12)}}));
}});
</script></body></html>
"""


def chromium(*args: str, width: int, height: int) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    with tempfile.TemporaryDirectory() as profile:
        return subprocess.run(
            [
                CHROMIUM,
                *FLAGS,
                f"--user-data-dir={profile}",
                f"--window-size={width},{height}",
                *args,
            ],
            capture_output=True,
            text=True,
            timeout=120,
        )


def layout(page: Path, width: int = PHONE) -> dict[str, object]:
    """What the browser measured for ``page`` laid out ``width`` pixels wide."""
    harness = page.with_name(f"harness-{page.stem}.html")
    harness.write_text(HARNESS.format(page=page.name, width=width), encoding="utf-8")
    result = chromium(
        "--allow-file-access-from-files",
        "--virtual-time-budget=5000",
        "--dump-dom",
        harness.as_uri(),
        width=width + 200,
        height=1000,
    )
    marker = 'data-check="'
    assert marker in result.stdout, result.stderr[-2000:]
    raw = result.stdout.split(marker, 1)[1].split('"', 1)[0]
    check: dict[str, object] = json.loads(html.unescape(raw))
    return check


@pytest.fixture(scope="module")
def seed_edition(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed day built as a user would, HTML only: OUT/YYYY-MM-DD/ and OUT/index.html."""
    from briefgen.pipeline import build

    out = tmp_path_factory.mktemp("browser") / "reports"
    settings = Settings(build=BuildSettings(out=out, formats=("html", "json")))
    result = build(settings, date(2017, 8, 31), inputs=[SEEDS])
    assert result.briefing is not None and result.briefing.points
    return out


@pytest.fixture(scope="module")
def stress_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The hand-built briefing with an unbroken 160-character token and a long outlet name."""
    base = make_briefing()
    token = "https://ministry.example/" + "statement-" * 14
    section = base.sections[0]
    first = section.points[0]
    long_point = type(first)(
        **{
            **first.__dict__,
            "text": f"The full statement is at {token} and was read aloud twice.",
        }
    )
    sections = (Section(section.key, section.title, (long_point, *section.points[1:])),)
    briefing = make_briefing(sections=sections + base.sections[1:])
    settings = Settings(render=RenderSettings(marking="OFFICIAL", organisation="Policy Unit"))
    page = tmp_path_factory.mktemp("stress") / "stress.html"
    page.write_text(render_html(briefing, settings), encoding="utf-8")
    return page


def _pages(out: Path) -> dict[str, Path]:
    day = out / "2017-08-31"
    return {
        "web": day / "briefing-2017-08-31.html",
        "email": day / "briefing-2017-08-31.email.html",
        "archive": out / "index.html",
    }


@pytest.mark.parametrize("name", ["web", "email", "archive"])
def test_seed_pages_fit_a_phone(seed_edition: Path, name: str) -> None:
    check = layout(_pages(seed_edition)[name])
    assert check["width"] == PHONE
    assert check["text"], "the page shows no text"
    assert check["scroll"] == PHONE, f"scrolls sideways; too wide: {check['wide']}"
    assert check["wide"] == []


def test_long_words_and_names_fit_a_phone(stress_page: Path) -> None:
    check = layout(stress_page)
    assert check["scroll"] == PHONE, f"scrolls sideways; too wide: {check['wide']}"
    assert check["wide"] == []


def test_desktop_layout_fits_too(seed_edition: Path) -> None:
    check = layout(_pages(seed_edition)["web"], width=1280)
    assert check["scroll"] == 1280 and check["wide"] == []


def test_phone_screenshot_is_drawn_and_keeps_its_margin(seed_edition: Path, tmp_path: Path) -> None:
    from PIL import Image

    shot = tmp_path / "phone.png"
    chromium(f"--screenshot={shot}", _pages(seed_edition)["web"].as_uri(), width=PHONE, height=2400)
    assert shot.is_file(), "chromium wrote no screenshot"
    image = Image.open(shot).convert("RGB")
    assert image.size == (PHONE, 2400)
    background = image.getpixel((PHONE - 1, 0))
    assert background == (255, 255, 255)
    pixels = np.asarray(image)
    drawn = np.any(pixels != background, axis=2)
    assert drawn.mean() > 0.03, f"page looks blank ({drawn.sum()} drawn pixels)"
    # The body has a 0.85rem side margin at this width: anything in the last 8 columns
    # is content that ran past the column.
    stray = np.argwhere(drawn[:, PHONE - 8 :])
    assert not len(stray), f"something is drawn in the right margin at y={stray[:3, 0].tolist()}"
