"""The PDF read back as a reader's viewer sees it: outline, metadata, page furniture, pixels."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from briefgen.errors import ConfigError
from briefgen.models import Source, SourceCount
from briefgen.render import render_pdf
from tests.render.conftest import settings_for
from tests.render.fixtures import make_briefing

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def pdf_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("pdf") / "briefing.pdf"
    path.write_bytes(render_pdf(make_briefing(), settings_for(path.parent)))
    return path


@pytest.fixture(scope="module")
def reader(pdf_path: Path) -> PdfReader:
    return PdfReader(pdf_path)


def page_texts(reader: PdfReader) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in reader.pages]


def test_outline_has_each_section_with_its_stories(reader: PdfReader) -> None:
    outline = reader.outline
    top = [item.title for item in outline if not isinstance(item, list)]
    assert top[:4] == ["Key points", "Security", "Diplomacy", "Trade"]
    assert {"Sources", "Statistics"} <= set(top)
    security_children = outline[
        outline.index(next(i for i in outline if getattr(i, "title", "") == "Security")) + 1
    ]
    assert isinstance(security_children, list) and len(security_children) == 3
    assert security_children[0].title.startswith("Two coastguard patrol boats")


def test_metadata(reader: PdfReader) -> None:
    meta = reader.metadata
    assert meta is not None
    assert meta.title == "Daily Briefing — Thursday 31 August 2017"
    assert meta.author == "Policy Unit"
    assert "briefing for Thursday 31 August 2017" in (meta.subject or "")
    assert "Security" in meta["/Keywords"]
    assert meta["/CreationDate"] == "D:20170831060000Z"


def test_every_page_has_page_numbers_and_the_marking(reader: PdfReader) -> None:
    texts = page_texts(reader)
    assert len(texts) >= 2
    for number, text in enumerate(texts, start=1):
        assert f"Page {number} of {len(texts)}" in text
        assert text.count("OFFICIAL") >= 1, f"page {number} has no marking"
    assert "Thursday 31 August 2017" in texts[0]
    # From page 2 on, the running header names the briefing and its date.
    assert "Daily Briefing · Thursday 31 August 2017" in texts[1]


def test_content_and_scripts_survive(reader: PdfReader) -> None:
    flat = " ".join(page_texts(reader))
    assert "Key points" in flat and "Security" in flat and "Trade" in flat
    assert "Ζώνη Ειδήσεων" in flat and "Новости Севера" in flat
    assert "<script>alert(1)</script> {{ 7*7 }}" in flat
    assert "Reported by 3 sources" in flat


def test_contents_carries_page_numbers(reader: PdfReader) -> None:
    first = page_texts(reader)[0]
    assert re.search(r"Security \.{5,} ?1", first), first[:400]


def test_links_are_clickable(reader: PdfReader) -> None:
    uris, internal = set(), 0
    for page in reader.pages:
        for annot in page.get("/Annots") or []:
            action = annot.get_object().get("/A")
            if action is not None and "/URI" in action:
                uris.add(action["/URI"])
            elif annot.get_object().get("/Dest") is not None or action is not None:
                internal += 1
    assert "https://courier.example/news/kessel-strait-patrol" in uris
    assert not any("javascript" in u for u in uris)
    assert internal >= 5  # citation markers and contents entries jump within the document


def test_fonts_cover_accented_greek_and_cyrillic(reader: PdfReader) -> None:
    fonts = set()
    for page in reader.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            fonts.add(str(font.get_object()["/BaseFont"]))
    assert any("DejaVu" in f for f in fonts), fonts


def test_first_page_is_not_blank(pdf_path: Path) -> None:
    import pypdfium2

    pdf = pypdfium2.PdfDocument(pdf_path)
    image = pdf[0].render(scale=1).to_pil().convert("L")
    width, height = image.size
    dark = sum(image.histogram()[:128])
    assert dark > 0.01 * width * height
    darkest, _ = image.crop((0, 0, width, height // 5)).getextrema()
    assert darkest < 60, "the masthead is not drawn"
    pdf.close()


def test_letter_paper(tmp_path: Path) -> None:
    data = render_pdf(make_briefing(), settings_for(tmp_path, page_size="Letter"))
    box = PdfReader(_write(tmp_path, data)).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)


def test_reproducible_with_source_date_epoch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1504000000")
    settings = settings_for(tmp_path)
    first = render_pdf(make_briefing(), settings)
    second = render_pdf(make_briefing(), settings)
    assert first == second
    meta = PdfReader(_write(tmp_path, first)).metadata
    assert meta["/CreationDate"] == "D:20170829094640Z"


def test_pdf_a_variant(tmp_path: Path) -> None:
    data = render_pdf(make_briefing(), settings_for(tmp_path, pdf_variant="pdf/a-3b"))
    reader = PdfReader(_write(tmp_path, data))
    root = reader.trailer["/Root"]
    assert "/OutputIntents" in root
    xmp = root["/Metadata"].get_object().get_data()
    assert re.search(rb"pdfaid:part(=\"|>)3", xmp), xmp[:500]


def test_unknown_pdf_variant_names_the_setting(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"render\.pdf_variant.*pdf/a-3b"):
        render_pdf(make_briefing(), settings_for(tmp_path, pdf_variant="pdf/z-9"))


def test_huge_source_list_is_capped_in_the_pdf(tmp_path: Path) -> None:
    base = make_briefing()
    extra = tuple(
        SourceCount(
            Source(f"x{n:015d}", f"Wire story {n}", f"Wire {n}", None, base.generated_at), 0
        )
        for n in range(100)
    )
    big = make_briefing(sources=base.sources + extra)
    flat = " ".join(
        page_texts(PdfReader(_write(tmp_path, render_pdf(big, settings_for(tmp_path)))))
    )
    assert "And 47 more sources" in flat
    assert "Wire story 52" in flat and "Wire story 53" not in flat


def test_a_long_reported_by_line_breaks_inside_the_list(tmp_path: Path) -> None:
    """Two sources named by their headlines, as long as one line holds after "Reported":
    WeasyPrint broke a line before a no-break space and a link at its first chance, which
    left "Reported" alone on a line."""
    from dataclasses import replace

    from briefgen.ingest.outlets import UNKNOWN_OUTLET
    from briefgen.models import Section
    from tests.render.fixtures import DIPLOMACY, SECURITY, TRADE, _src

    own = _src(24, UNKNOWN_OUTLET, "Velmar Holdings Has Nordvik Southern Pacific Stake", None, 6)
    other = _src(25, UNKNOWN_OUTLET, "Has Nordvik Southern Pacific Stake Of Five Pct", None, 7)
    point = replace(SECURITY[0], source=own, also_reported_by=(other,))
    briefing = make_briefing(
        sections=(
            Section("security", "Security", (point,)),
            Section("diplomacy", "Diplomacy", DIPLOMACY),
            Section("trade", "Trade", TRADE),
        )
    )
    reader = PdfReader(_write(tmp_path, render_pdf(briefing, settings_for(tmp_path))))
    lines = reader.pages[0].extract_text().splitlines()
    also = next(line for line in lines if "sources:" in line)
    assert also.startswith("Reported by 2 sources: “Velmar Holdings"), lines


def _write(folder: Path, data: bytes) -> Path:
    path = folder / "out.pdf"
    path.write_bytes(data)
    return path
