"""Accessibility a reader relies on: language, headings, landmarks, named links and charts,
and text colours that pass WCAG AA (4.5:1) against the backgrounds they sit on."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import lxml.html
import pytest

from briefgen.config import Settings
from briefgen.models import Briefing
from briefgen.render import charts, render_html
from briefgen.render.archive import write_archive
from briefgen.render.environment import default_template_dir
from briefgen.render.write import write_briefing

THEME = default_template_dir()
AA_TEXT = 4.5
#: Bars and other graphics need 3:1 against their background (WCAG 1.4.11).
AA_GRAPHIC = 3.0


def luminance(colour: str) -> float:
    value = colour.lstrip("#")
    if len(value) == 3:
        value = "".join(c * 2 for c in value)
    channels = [int(value[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_contrast_formula_matches_wcag_examples() -> None:
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)  # the classic fail
    assert contrast("#fff", "#ffffff") == pytest.approx(1.0)


# ---- colours in the theme's CSS ----

_COLOUR = re.compile(r"(?<![-\w])color\s*:\s*([^;]+)")
_BACKGROUND = re.compile(r"(?<![-\w])background(?:-color)?\s*:\s*([^;]+)")


def _css_files() -> dict[str, str]:
    files = {p.name: p.read_text(encoding="utf-8") for p in sorted((THEME / "css").glob("*.css"))}
    archive = (THEME / "archive.html").read_text(encoding="utf-8")
    files["archive.html"] = archive.split("<style>", 1)[1].split("</style>", 1)[0]
    return files


def rules(css: str) -> list[tuple[str, str]]:
    """(selector, declarations) for every block, nested ones too (``@page { @top-left {} }``)."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    css = re.sub(r"\{\{.*?\}\}", "x", css)  # a Jinja expression such as {{ page_size }}
    found: list[tuple[str, str]] = []
    stack: list[tuple[str, list[str]]] = []
    text = ""
    for char in css:
        if char == "{":
            head, _, selector = text.rpartition(";")
            if stack:
                stack[-1][1].append(head)
            stack.append((selector.strip(), []))
            text = ""
        elif char == "}":
            selector, parts = stack.pop()
            found.append((selector, ";".join([*parts, text])))
            text = ""
        else:
            text += char
    return found


def _variables(css: str) -> dict[str, str]:
    root = re.search(r":root\s*\{([^}]*)\}", css)
    assert root, "base.css has no :root block"
    return dict(re.findall(r"(--[\w-]+)\s*:\s*([^;]+);", root.group(1)))


def _resolve(value: str, variables: dict[str, str]) -> str | None:
    """A #hex colour, or None for inherit/currentColor/none (nothing new to check)."""
    value = value.strip().removesuffix("!important").strip()
    found = re.fullmatch(r"var\((--[\w-]+)\)", value)
    if found:
        value = variables[found.group(1)].strip()
    if value in ("inherit", "currentColor", "none", "transparent"):
        return None
    assert re.fullmatch(r"#[0-9a-fA-F]{3}|#[0-9a-fA-F]{6}", value), f"unexpected colour {value!r}"
    return value


def css_text_pairs() -> list[tuple[str, str, str, str]]:
    """(file, selector, text colour, background) for every text colour the theme sets.

    A rule that sets its own background is checked against it; any other is checked
    against both backgrounds text sits on (the page and the key-points wash). A rule
    that sets only a background is checked with the inherited body text colour.
    """
    files = _css_files()
    variables = _variables(files["base.css"])
    page, wash, ink = variables["--paper"], variables["--wash"], variables["--ink"]
    pairs = []
    for name, css in files.items():
        for selector, body in rules(css):
            if selector.startswith((":root", "@media", "@page")):
                continue
            colours = [_resolve(v, variables) for v in _COLOUR.findall(body)]
            backgrounds = [_resolve(v, variables) for v in _BACKGROUND.findall(body)]
            own = [b for b in backgrounds if b]
            for colour in [c for c in colours if c] or ([ink] if own else []):
                for background in own or [page, wash]:
                    pairs.append((name, " ".join(selector.split()), colour, background))
    return pairs


def test_the_css_sets_text_colours() -> None:
    pairs = css_text_pairs()
    assert len(pairs) > 20
    selectors = {selector for _, selector, _, _ in pairs}
    assert {".marking", ".status-new", ".meta", ".kp-trade"} <= selectors


@pytest.mark.parametrize(
    ("where", "selector", "colour", "background"),
    css_text_pairs(),
    ids=lambda v: v if isinstance(v, str) and not v.startswith("#") else "",
)
def test_css_text_colours_pass_aa(where: str, selector: str, colour: str, background: str) -> None:
    ratio = contrast(colour, background)
    assert ratio >= AA_TEXT, f"{where} {selector}: {colour} on {background} is {ratio:.2f}:1"


def test_chart_colours_pass_aa() -> None:
    for text in (charts.INK, charts.MUTED):
        assert contrast(text, "#ffffff") >= AA_TEXT, text
    for bar in (*charts.SECTION_COLOURS.values(), charts.DEFAULT_COLOUR):
        # Full bars, and the outline around the pale "sources" bars.
        assert contrast(bar, "#ffffff") >= AA_GRAPHIC, bar


# ---- the e-mail body: every inline text colour against the background it is drawn on ----


def _inline(style: str, prop: str) -> str | None:
    found = re.search(rf"(?:^|;)\s*{prop}\s*:\s*(#[0-9a-fA-F]{{3,6}})", style or "")
    return found.group(1) if found else None


def test_email_inline_colours_pass_aa(briefing: Briefing, settings: Settings) -> None:
    doc = lxml.html.document_fromstring(render_html(briefing, settings, variant="email"))
    checked = 0
    for element in doc.iter():
        colour = _inline(element.get("style", ""), "color")
        if colour is None or not element.text_content().strip():
            continue
        background = next(
            (
                found
                for el in (element, *element.iterancestors())
                if (found := _inline(el.get("style", ""), "background-color"))
            ),
            "#ffffff",
        )
        ratio = contrast(colour, background)
        assert ratio >= AA_TEXT, (
            f"{element.tag} {element.text_content()[:40]!r}: {colour} on {background} "
            f"is {ratio:.2f}:1"
        )
        checked += 1
    assert checked > 20


# ---- structure of every page a reader opens ----


def pages(briefing: Briefing, settings: Settings) -> dict[str, lxml.html.HtmlElement]:
    write_briefing(briefing, settings)
    archive = write_archive(settings).read_text(encoding="utf-8")
    return {
        "web": lxml.html.document_fromstring(render_html(briefing, settings)),
        "print": lxml.html.document_fromstring(render_html(briefing, settings, variant="print")),
        "email": lxml.html.document_fromstring(render_html(briefing, settings, variant="email")),
        "archive": lxml.html.document_fromstring(archive),
    }


@pytest.fixture
def all_pages(briefing: Briefing, settings: Settings) -> dict[str, lxml.html.HtmlElement]:
    return pages(briefing, settings)


def test_language_title_and_one_h1_on_every_page(all_pages) -> None:
    for name, doc in all_pages.items():
        assert doc.get("lang") == "en", name
        assert doc.find(".//title").text_content().strip(), name
        assert len(doc.findall(".//h1")) == 1, name


def test_headings_never_skip_a_level(all_pages) -> None:
    for name, doc in all_pages.items():
        levels = [int(h.tag[1]) for h in doc.iter("h1", "h2", "h3", "h4", "h5", "h6")]
        assert levels[0] == 1, name
        skips = [(a, b) for a, b in itertools.pairwise(levels) if b - a > 1]
        assert not skips, f"{name}: heading level jumps {skips}"


def test_landmarks(all_pages) -> None:
    for name in ("web", "print"):
        body = all_pages[name].find("body")
        tags = [el.tag for el in body.iter("header", "nav", "main", "footer")]
        assert tags == ["header", "nav", "main", "footer"], name
        assert body.find(".//a[@class='skip-link']").get("href") == "#main"
    archive = all_pages["archive"].find("body")
    assert [el.tag for el in archive.iter("header", "main", "footer")] == [
        "header",
        "main",
        "footer",
    ]


def test_every_link_has_a_name(all_pages) -> None:
    for name, doc in all_pages.items():
        links = list(doc.iter("a"))
        assert links, name
        for a in links:
            label = a.text_content().strip() or (a.get("aria-label") or "").strip()
            assert label, f"{name}: empty link to {a.get('href')}"
            if a.get("href", "").startswith("#"):
                assert doc.get_element_by_id(a.get("href")[1:]) is not None, a.get("href")


def test_charts_are_named_images(all_pages) -> None:
    for name in ("web", "print"):
        svgs = all_pages[name].findall(".//svg")
        assert len(svgs) == 2, name
        for svg in svgs:
            assert svg.get("role") == "img"
            ids = svg.get("aria-labelledby").split()
            named = [all_pages[name].get_element_by_id(i).text_content().strip() for i in ids]
            assert all(named), f"{name}: chart {svg.get('id')} has an empty title or description"
            assert re.search(r"\d+ points?", named[1]), "the description carries the numbers"
    assert not all_pages["email"].findall(".//svg")


def test_no_images_without_text(all_pages) -> None:
    for name, doc in all_pages.items():
        for img in doc.iter("img"):
            assert img.get("alt") is not None, name


def test_archive_of_nothing_still_reads(tmp_path: Path) -> None:
    from tests.render.conftest import settings_for

    html = write_archive(settings_for(tmp_path / "empty")).read_text(encoding="utf-8")
    doc = lxml.html.document_fromstring(html)
    assert doc.get("lang") == "en" and "No editions yet" in doc.text_content()
