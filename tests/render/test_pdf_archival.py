"""``briefgen build --pdf-variant pdf/a-3b`` on the seed day, read back as an archivist would:
PDF/A identification, and still the bookmarks, page numbers and metadata of the normal PDF."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.conftest import SEEDS

BRIEFGEN = shutil.which("briefgen", path=str(Path(sys.executable).parent)) or "briefgen"


@pytest.fixture(scope="module")
def archival_pdf(tmp_path_factory: pytest.TempPathFactory) -> PdfReader:
    work = tmp_path_factory.mktemp("pdfa")
    shutil.copytree(SEEDS, work / "seeds")
    env = {k: v for k, v in os.environ.items() if k != "BRIEFGEN_DB"}
    result = subprocess.run(
        [BRIEFGEN, "build", "--date", "2017-08-31", "--pdf-variant", "pdf/a-3b", "--quiet"],
        cwd=work,
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    return PdfReader(work / "reports" / "2017-08-31" / "briefing-2017-08-31.pdf")


def test_pdf_a_identification(archival_pdf: PdfReader) -> None:
    root = archival_pdf.trailer["/Root"]
    xmp = root["/Metadata"].get_object().get_data().decode("utf-8")
    assert re.search(r'pdfaid:part(="|>)3', xmp), xmp[:400]
    assert re.search(r'pdfaid:conformance(="|>)B', xmp), xmp[:400]
    assert "/OutputIntents" in root
    assert root["/MarkInfo"]["/Marked"]


def test_still_has_bookmarks_for_each_section_with_stories(archival_pdf: PdfReader) -> None:
    outline = archival_pdf.outline
    titles = [item.title for item in outline if not isinstance(item, list)]
    for section in ("Key points", "Security", "Diplomacy", "Trade", "Sources"):
        assert section in titles
    stories = [item for item in outline if isinstance(item, list)]
    assert len(stories) >= 3 and all(stories)


def test_still_has_page_x_of_n_and_dated_title(archival_pdf: PdfReader) -> None:
    pages = len(archival_pdf.pages)
    for number, page in enumerate(archival_pdf.pages, start=1):
        assert f"Page {number} of {pages}" in page.extract_text()
    assert archival_pdf.metadata.title == "Daily Briefing — Thursday 31 August 2017"
