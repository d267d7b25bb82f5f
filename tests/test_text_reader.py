import os
from datetime import UTC, datetime
from pathlib import Path

import pytest

from briefgen.errors import InputError, SkippedInput
from briefgen.ingest import expand_sources, read_sources
from briefgen.ingest.text import is_crosshead, parse_text_article
from tests.conftest import SEEDS

SEED_SHAPE = """Ministers agree new port deal

Talks ran late into the night in the capital

The two governments signed a port agreement on Monday, officials said.

Exports through the port are expected to double by 2020.

Next steps

Both sides will meet again in March to review progress.
"""


def test_seed_shape_headline_standfirst_crosshead(tmp_path: Path) -> None:
    path = tmp_path / "2019-03-04" / "courier-port.txt"
    path.parent.mkdir()
    path.write_text(SEED_SHAPE, encoding="utf-8")
    article = parse_text_article(path.read_text(), str(path), path)
    assert article.title == "Ministers agree new port deal"
    assert article.standfirst == "Talks ran late into the night in the capital"
    assert "Next steps" not in article.paragraphs
    assert article.paragraphs[0].startswith("The two governments")
    assert len(article.paragraphs) == 3
    assert article.published == datetime(2019, 3, 4, 12, 0, tzinfo=UTC)
    assert article.outlet == "Unknown outlet"  # never "Courier" from the file name


def test_a_pages_escapes_and_tags_left_in_the_text_are_resolved() -> None:
    """Text saved from a content system keeps "caf&#233;" and a link in a sentence; a
    wire's company name in angle brackets ("<S>") and an unknown "&E;" are no markup."""
    path = Path("2019-03-04") / "export.txt"
    text = (
        "Port deal &amp; what it means\n\n"
        'The two governments signed a <a href="https://courier.example/p">port</a>'
        " agreement at a caf&#233; on Monday, officials said.\n\n"
        "<p>Exports are expected to double.</p><p>Sears <S> and AT&E; were not named.</p>\n"
    )
    article = parse_text_article(text, str(path), path)
    assert (article.title, article.paragraphs) == (
        "Port deal & what it means",
        (
            "The two governments signed a port agreement at a café on Monday, officials said.",
            "Exports are expected to double.",
            "Sears and AT&E; were not named.",  # inside markup, <S> is a tag
        ),
    )
    wire = "Sears <S> said its unit <Dean Witter Reynolds Inc> would expand &E; (&ampx;) grow."
    assert parse_text_article(f"Sears expands\n\n{wire}\n", str(path), path).paragraphs == (wire,)


def test_front_matter_wins(tmp_path: Path) -> None:
    path = tmp_path / "2019-03-04-note.md"
    path.write_text(
        "---\ntitle: Port deal\ndate: 2021-05-06T08:30:00+02:00\nsource: Daily Wire\n"
        "url: https://example.org/port\nauthor: A. Writer\n---\n"
        "# Port deal\n\nThe **two** governments signed a [port agreement](https://x.org) "
        "on Monday.\n",
        encoding="utf-8",
    )
    article = parse_text_article(path.read_text(), str(path), path)
    assert article.title == "Port deal"
    assert article.outlet == "Daily Wire"
    assert article.url == "https://example.org/port"
    assert article.author == "A. Writer"
    assert article.published.isoformat() == "2021-05-06T08:30:00+02:00"
    assert article.paragraphs == ("The two governments signed a port agreement on Monday.",)


def test_one_paragraph_per_line_without_blank_lines(tmp_path: Path) -> None:
    text = "Headline here\nFirst paragraph ends here.\nA crosshead\nSecond paragraph ends.\n"
    article = parse_text_article(text, "2020-01-02/x.txt")
    assert article.paragraphs == ("First paragraph ends here.", "Second paragraph ends.")


def test_lines_set_off_by_an_indent_or_list_mark_are_paragraphs_of_their_own() -> None:
    text = (
        "Port e-mails released\n\n"
        "The harbour board released the e-mails on Monday.\n"
        "Officials wrote them in March.\n"
        ':Harbour master Anna Kessel: "We will not wait. Jim."\n'
        ':Port director Tom Okafor: "Agreed. Anna."\n\n'
        "The board also listed its demands:\n"
        "* a new berth for the ferries;\n"
        "- two more cranes.\n\n"
        "A hard-wrapped paragraph\n"
        "- a dash wrapped to its start -\n"
        "goes on - and ends here.\n"
    )
    article = parse_text_article(text, "2020-01-02/x.txt")
    assert article.paragraphs == (
        # Hard-wrapped lines are joined, whatever they contain.
        "The harbour board released the e-mails on Monday. Officials wrote them in March.",
        ':Harbour master Anna Kessel: "We will not wait. Jim."',
        ':Port director Tom Okafor: "Agreed. Anna."',
        "The board also listed its demands:",
        "* a new berth for the ferries;",
        "- two more cranes.",
        "A hard-wrapped paragraph - a dash wrapped to its start - goes on - and ends here.",
    )


def test_article_without_date_is_skipped_by_name(tmp_path: Path) -> None:
    good = tmp_path / "2020-01-02"
    good.mkdir()
    (good / "a.txt").write_text("Title\n\nA sentence that is here.\n", encoding="utf-8")
    (tmp_path / "undated.txt").write_text("Title\n\nAnother sentence.\n", encoding="utf-8")
    report = read_sources([tmp_path])
    assert [a.title for a in report.articles] == ["Title"]
    assert len(report.skipped) == 1
    assert report.skipped[0].name.endswith("undated.txt")
    assert "no date" in report.skipped[0].reason


def test_bad_date_in_front_matter(tmp_path: Path) -> None:
    with pytest.raises(SkippedInput, match="not YYYY-MM-DD"):
        parse_text_article("---\ndate: yesterday\n---\nT\n\nBody text.\n", "x.txt")


def test_cp1252_and_utf16_text(tmp_path: Path) -> None:
    folder = tmp_path / "2020-01-02"
    folder.mkdir()
    (folder / "a.txt").write_bytes(
        "Caf\xe9 talks\n\nThe minister\x92s visit ended.\n".encode("latin-1")
    )
    (folder / "b.txt").write_bytes("Zürich talks\n\nΣύνοδος ended well.\n".encode("utf-16"))
    report = read_sources([tmp_path])
    titles = sorted(a.title for a in report.articles)
    assert titles == ["Café talks", "Zürich talks"]
    texts = " ".join(a.text for a in report.articles)
    assert "minister’s" in texts and "Σύνοδος" in texts


def test_binary_and_empty_files_are_skipped(tmp_path: Path) -> None:
    folder = tmp_path / "2020-01-02"
    folder.mkdir()
    (folder / "a.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10)
    (folder / "b.txt").write_bytes(b"")
    (folder / "c.txt").write_text("Fine\n\nA fine sentence.\n", encoding="utf-8")
    report = read_sources([tmp_path])
    assert [a.title for a in report.articles] == ["Fine"]
    reasons = sorted(s.reason for s in report.skipped)
    assert reasons == ["binary data, not text", "empty file"]


def test_file_over_the_size_cap(tmp_path: Path) -> None:
    folder = tmp_path / "2020-01-02"
    folder.mkdir()
    (folder / "big.txt").write_text("Big\n\n" + "Word. " * 1000, encoding="utf-8")
    report = read_sources([tmp_path], max_bytes=100)
    assert not report.articles
    assert "over the 100-byte limit" in report.skipped[0].reason


def test_a_file_read_whole_and_one_that_grows_past_the_cap(tmp_path: Path) -> None:
    from briefgen.ingest import load_file

    path = tmp_path / "story.txt"
    path.write_text("Title\n\n" + "A sentence. " * 500, encoding="utf-8")
    assert load_file(path, 100_000).data == path.read_bytes()

    class Measured(type(path)):  # type: ignore[misc]
        """A file measured before it grew to its present size."""

        def stat(self, **_kwargs: object) -> os.stat_result:
            real = super().stat()
            return os.stat_result((*real[:6], 10, *real[7:]))

    grown = Measured(path)
    assert load_file(grown, 100_000).data == path.read_bytes()
    with pytest.raises(SkippedInput, match="grew over the 1,000-byte limit"):
        load_file(grown, 1_000)


def test_missing_input_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="does not exist"):
        list(expand_sources([tmp_path / "nope"]))


def test_entries_that_are_no_files_are_skipped_with_what_they_are(tmp_path: Path) -> None:
    folder = tmp_path / "2020-01-02"
    folder.mkdir()
    (folder / "fine.txt").write_text("Fine\n\nThe council met on Tuesday.", encoding="utf-8")
    os.mkfifo(folder / "pipe.txt")  # opening it would wait for a writer forever
    (folder / "gone.txt").symlink_to(tmp_path / "deleted.txt")
    (folder / "loop.txt").symlink_to(folder / "loop.txt")
    (folder / "zero.txt").symlink_to("/dev/zero")
    (folder / "up").symlink_to(tmp_path)
    report = read_sources([tmp_path])
    assert [a.title for a in report.articles] == ["Fine"]
    assert sorted((Path(s.name).name, s.reason) for s in report.skipped) == [
        ("gone.txt", "a broken link; not read"),
        ("loop.txt", "a broken link; not read"),
        ("pipe.txt", "a named pipe; not read"),
        ("up", "a link to a folder, not followed; not read"),
        ("zero.txt", "a device; not read"),
    ]


def test_an_input_that_is_no_file_is_an_error(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe")
    with pytest.raises(InputError, match="is a named pipe"):
        list(expand_sources([tmp_path / "pipe"]))
    (tmp_path / "gone").symlink_to(tmp_path / "deleted")
    with pytest.raises(InputError, match="is a broken link"):
        list(expand_sources([tmp_path / "gone"]))


def test_crosshead_rule() -> None:
    assert is_crosshead("International condemnation")
    assert not is_crosshead("He left.")
    assert not is_crosshead("A line that has far too many words to be a crosshead in any paper")


@pytest.mark.parametrize(
    "lead",
    [
        # A wire's lead that ends in a ticker, its full stop lost.
        "Velmar Shipping Plc <VELM.L> said it agreed to buy a parcel service from Nordvik"
        " Freight <NORD.AS>",
        # Reported speech: "said" is body text, a standfirst "says".
        "The port deal was a sign of new confidence in the region, a policy group said",
        # Longer than any headline, a credit glued on.
        "Ministers from both states met again in the capital on Monday. " * 5
        + "Valley Post: Nov. 18, 2004",
    ],
)
def test_an_unclosed_lead_is_body_text_not_a_standfirst(lead: str) -> None:
    """A line under the headline without a full stop is a standfirst only when it reads as
    one; the lead that lost its stop stays a paragraph, so its sentences can be points."""
    text = f"Port deal agreed\n\n{lead}\n\nThe deal runs for ten years, officials said.\n"
    path = Path("2019-03-04") / "deal.txt"
    article = parse_text_article(text, str(path), path)
    assert article.standfirst is None
    assert article.paragraphs[0] == lead


def test_a_dek_of_two_sentences_is_still_a_standfirst() -> None:
    path = Path("2019-03-04") / "report.txt"
    dek = "A scathing report on the port deal is out. Of course, no one reads it. - - - -"
    text = f"The new port paper\n{dek}\nBy Ann Berg | The report was published on Monday.\n"
    assert parse_text_article(text, str(path), path).standfirst == dek


def test_a_lead_read_as_the_standfirst_no_longer_empties_the_article() -> None:
    """One long unclosed paragraph and two lines of page furniture: before, the paragraph
    was taken for the standfirst and the file skipped as "a headline but no paragraphs"."""
    body = "Shares closed higher on Tuesday after the budget, dealers said. " * 20
    text = f"Markets update\n{body}Prev: Treasury bills\nNext: Currencies\nIndex |\n"
    path = Path("2019-03-04") / "markets.txt"
    article = parse_text_article(text, str(path), path)
    assert article.standfirst is None
    assert article.paragraphs[0].startswith("Shares closed higher")


def test_seed_article() -> None:
    report = read_sources([SEEDS / "2017-08-31"])
    (article,) = report.articles
    assert article.title == "Japan and UK pledge to co-operate over North Korea threat"
    assert article.outlet == "The Guardian"
    assert article.published.date().isoformat() == "2017-08-31"
    assert "International condemnation" not in article.paragraphs
    assert article.paragraphs[0].startswith("Britain and Japan said on Thursday")


@pytest.mark.parametrize(
    ("front", "published", "date_only"),
    [
        ("date: 2017-08-31\n", datetime(2017, 8, 31, 12, tzinfo=UTC), True),
        ("date: 2017-08-31T06:15:00+01:00\n", datetime(2017, 8, 31, 5, 15, tzinfo=UTC), False),
        ("", datetime(2019, 3, 4, 12, tzinfo=UTC), True),  # the day in the path
    ],
)
def test_a_day_without_a_time_is_kept_as_a_day(
    front: str, published: datetime, date_only: bool
) -> None:
    text = f"---\n{front}---\n" + SEED_SHAPE if front else SEED_SHAPE
    article = parse_text_article(text, "2019-03-04/port.txt")
    assert (article.published, article.date_only) == (published, date_only)


@pytest.mark.parametrize(
    ("text", "outlet"),
    [
        # A dateline's credit, in any of the forms agencies write it.
        ("Port deal signed\n\nNORDVIK (Reuters) - The two ports signed a deal.\n", "Reuters"),
        ("Port deal signed\n\nVELMAR, June 3 (AFP) — The two ports signed a deal.\n", "AFP"),
        (
            "Port deal signed\n\nOKAFOR, Arvand (AP) -- The two ports signed a deal.\n",
            "The Associated Press",
        ),
        # The agency alone, as syndicated feeds give it.
        ("Port deal signed\n\nAP - The two ports signed a deal.\n", "The Associated Press"),
        ("Port deal signed\n\nVELMAR (CP) - The two ports signed a deal.\n", "The Canadian Press"),
        # A sign-off closing the text (the 1987 Reuters wire's "REUTER").
        (
            "Port Deal Signed\n\nThe two ports signed a deal.\n\nExports will double, "
            "officials said. REUTER\n",
            "Reuters",
        ),
        # An ellipsis after it.
        ("Port Deal Signed\n\nThe two ports signed a deal. REUTER...\n", "Reuters"),
        # A table's last figure before the sign-off.
        (
            "Port Volumes\n\nVolumes at the two ports, in tonnes.\n\n"
            "Grain 72,319 136,749 Coal 1,204 980 REUTER\n",
            "Reuters",
        ),
        # A text that only quotes an agency credits none.
        (
            "Port deal signed\n\nThe two ports signed a deal, an official told Reuters.\n",
            "Unknown outlet",
        ),
        # A stated outlet is never overridden by the copy it runs.
        (
            "---\noutlet: Harbour Post\n---\nPort deal signed\n\n"
            "NORDVIK (Reuters) - The two ports signed a deal.\n",
            "Harbour Post",
        ),
    ],
)
def test_a_text_with_no_outlet_is_credited_to_the_agency_it_names(
    tmp_path: Path, text: str, outlet: str
) -> None:
    path = tmp_path / "2019-03-04" / "port.txt"
    path.parent.mkdir()
    path.write_text(text, encoding="utf-8")
    assert parse_text_article(path.read_text(), str(path), path).outlet == outlet
