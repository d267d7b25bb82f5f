"""Article pages: main text and metadata, never navigation, scripts or styles."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from briefgen.errors import SkippedInput
from briefgen.ingest import RawInput, read_raw

BODY = [
    "Valley councillors voted on Thursday to close the old bridge to lorries after "
    "engineers found cracks in two of its supporting arches.",
    "The council said cars and buses could still cross, but vehicles heavier than seven "
    "tonnes would be sent on a twelve-mile detour through the market town.",
    "Hauliers said the detour would add an hour to deliveries and asked for a temporary "
    "crossing to be built before the spring harvest begins.",
    "A council spokeswoman said repairs were expected to take at least eighteen months and "
    "would be paid for from the regional roads budget.",
]

PAGE = f"""<!DOCTYPE html>
<html lang="en-GB"><head>
<title>Bridge closed to lorries - Valley Post</title>
<meta property="og:site_name" content="Valley Post">
<meta property="article:published_time" content="2018-01-30T09:15:00+01:00">
<meta name="author" content="Jo Marsh">
<link rel="canonical" href="/news/bridge-closed">
<style>body {{ font-family: serif; }} .secret-style {{ color: red }}</style>
<script>var trackingScriptMarker = "do not show";</script>
</head>
<body onload="trackingOnload()">
<nav><ul><li><a href="/">Home</a></li>
<li><a href="/sport">Sport news and results</a></li></ul></nav>
<article>
<h1>Bridge closed to lorries</h1>
<p>{BODY[0]}</p>
<p>{BODY[1]}</p>
<h2>Detour</h2>
<figure><img src="bridge.jpg"><figcaption>The bridge at dusk</figcaption></figure>
<p>{BODY[2]}</p>
<p>{BODY[3]}</p>
</article>
<aside><h3>Most read</h3>
<ul><li><a href="/a">Cat rescued from a tall tree by firefighters</a></li></ul></aside>
<footer><p>Copyright Valley Post. All rights reserved. Contact us and privacy policy.</p></footer>
<script>document.write("injectedScriptMarker")</script>
</body></html>"""


def read_page(html: str, **kw: object) -> list:  # type: ignore[type-arg]
    return read_raw(
        RawInput(name="bridge.html", data=html.encode(), path=Path("bridge.html"), **kw)
    )  # type: ignore[arg-type]


def test_main_text_and_metadata_are_extracted() -> None:
    (article,) = read_page(PAGE, url="https://valley-post.example/news/bridge-closed?ref=home")
    assert article.paragraphs == tuple(BODY)
    assert article.title == "Bridge closed to lorries"
    assert article.outlet == "Valley Post"
    assert article.published == datetime(2018, 1, 30, 9, 15, tzinfo=timezone(timedelta(hours=1)))
    assert article.url == "https://valley-post.example/news/bridge-closed"
    assert article.language == "en"
    assert not article.date_estimated


def test_boilerplate_scripts_styles_captions_and_crossheads_stay_out() -> None:
    (article,) = read_page(PAGE)
    text = article.title + "\n" + article.text
    for marker in (
        "trackingScriptMarker", "injectedScriptMarker", "trackingOnload", "font-family",
        "secret-style", "Sport news", "Cat rescued", "Copyright", "The bridge at dusk",
        "Detour", "<", ">",
    ):  # fmt: skip
        assert marker not in text


def test_a_page_without_suffix_from_a_url_is_recognised() -> None:
    raw = RawInput(
        name="https://valley-post.example/news/2",
        data=PAGE.encode(),
        url="https://valley-post.example/news/2",
    )
    (article,) = read_raw(raw)
    assert article.paragraphs == tuple(BODY)


def test_a_page_with_only_a_day_is_placed_at_noon_utc() -> None:
    page = PAGE.replace(
        '<meta property="article:published_time" content="2018-01-30T09:15:00+01:00">',
        '<meta name="date" content="2018-01-30">',
    )
    (article,) = read_page(page)
    assert article.published == datetime(2018, 1, 30, 12, tzinfo=UTC)
    assert article.date_only is True
    assert read_page(PAGE)[0].date_only is False


def test_a_page_without_date_takes_the_fetch_time_and_says_so() -> None:
    page = PAGE.replace(
        '<meta property="article:published_time" content="2018-01-30T09:15:00+01:00">', ""
    )
    fetched = datetime(2018, 2, 2, 7, tzinfo=UTC)
    (article,) = read_page(page, fetched_at=fetched)
    assert article.published == fetched and article.date_estimated


def test_line_breaks_inside_a_paragraph_are_sentence_boundaries() -> None:
    glued = (
        f"<p>{BODY[0]}<br><br>{BODY[1]}</p>"
        "<p>Engineers were operating near the old arches<br>"
        "The council said the inspection would finish in March.</p>"
    )
    (article,) = read_page(PAGE.replace(f"<p>{BODY[0]}</p>\n<p>{BODY[1]}</p>", glued))
    assert article.paragraphs[:3] == (
        BODY[0],
        BODY[1],
        "The council said the inspection would finish in March.",
    )
    assert all("arches<" not in p and "arches The" not in p for p in article.paragraphs)


def test_a_real_page_with_line_breaks_runs_no_sentences_together() -> None:
    from tests.conftest import EVAL

    page = EVAL / "html" / "businessweek.com1.html"
    if not page.is_file():
        import pytest

        pytest.skip("../shared/eval is not present")
    from briefgen.ingest import load_file

    (article,) = read_raw(load_file(page, 20_000_000))
    text = "\n".join(article.paragraphs)
    assert "system.”Afghanistan’s" not in text
    assert any(p.startswith("Afghanistan’s megarich are not shy") for p in article.paragraphs)


def _nested(opening: str, closing: str, depth: int) -> str:
    """PAGE with its article wrapped ``depth`` times in ``opening`` ... ``closing``."""
    article = PAGE[PAGE.index("<article>") : PAGE.index("</article>") + len("</article>")]
    return PAGE.replace(article, opening * depth + article + closing * depth)


def test_a_page_of_layout_tables_nested_past_libxml2s_256_levels_is_read_whole() -> None:
    # libxml2 drops what lies deeper than 256 elements without a word; 2000s pages of
    # nested layout tables reach that.
    page = _nested("<table><tr><td>", "</td></tr></table>", 100)
    # A control character, which the first parse also drops, stays out of the text.
    (article,) = read_page(page.replace("Valley councillors", "Valley\x01 councillors"))
    assert article.paragraphs == tuple(BODY)
    assert article.title == "Bridge closed to lorries"


def test_unclosed_tags_do_not_cut_a_long_article_short() -> None:
    # Each unclosed <div> nests the rest of the page one level deeper.
    facts = [
        f"The council said inspection number {n} of the old bridge found {n + 2} new "
        f"cracks in its arches and {n * 3} loose stones."
        for n in range(1, 301)
    ]
    page = PAGE.replace(
        "<p>" + BODY[3] + "</p>", "".join(f'<div class="row"><p>{fact}</p>' for fact in facts)
    )
    (article,) = read_page(page)
    assert article.paragraphs[-1] == facts[-1]
    assert len(article.paragraphs) == 3 + len(facts)


def test_markup_nested_past_any_parsers_limit_is_skipped_with_that_reason() -> None:
    page = _nested("<div>", "</div>", 3_000)
    with pytest.raises(SkippedInput, match=r"nests elements more than 2,048 deep"):
        read_page(page)


def test_an_inline_script_over_libxml2s_ten_megabytes_does_not_lose_the_article() -> None:
    # A page's state as an inline script (a large site's JSON) can pass 10 MB; libxml2
    # then ends the document there, without an error, unless its limits are raised.
    state = '<script>var state = "' + "x" * 10_500_000 + '";</script>\n<script>var tracking'
    (article,) = read_page(PAGE.replace("<script>var tracking", state, 1))
    assert article.paragraphs == tuple(BODY)
    assert article.title == "Bridge closed to lorries"


def test_a_page_laid_out_in_tables_with_br_paragraphs_keeps_its_navigation_out() -> None:
    # A 2000s page: the article one table cell, its paragraphs cut by <br><br>, beside a
    # cell of links, under a row of navigation and above a footer.
    links = "".join(
        f'<a href="/{n}">{title}</a><br>'
        for n, title in enumerate(
            (
                "Council tax to rise by four per cent next year",
                "Storm damage closes the coastal path for a month",
                "Local school wins a national award for its garden",
            )
        )
    )
    page = (
        "<html><head><title>Bridge closed to lorries</title></head><body><table>"
        '<tr><td colspan="2"><a href="/">Home</a> | <a href="/news">News</a></td></tr>'
        f'<tr><td width="150"><b>More news</b><br>{links}</td><td><font face="Arial">'
        "<b>Bridge closed to lorries</b><br><br>" + "<br><br>".join(BODY) + "</font></td></tr>"
        '<tr><td colspan="2">Copyright 2003 Valley Post. All rights reserved.</td></tr>'
        "</table></body></html>"
    )
    (article,) = read_page(page)
    assert article.paragraphs == tuple(BODY)
    assert article.title == "Bridge closed to lorries"


LEDE = (
    "Valley Post readers have followed the story of the old bridge for years, and on "
    "Thursday the council finally acted on its engineers' warnings."
)


def _with_description(page: str, box: str) -> str:
    """``page`` described by LEDE (``og:description``), with ``box`` before its article."""
    meta = f'<meta property="og:description" content="{LEDE.replace(chr(39), "&#39;")}">'
    return page.replace("<article>", box + "<article>").replace("</head>", meta + "</head>")


def test_a_lede_set_apart_above_the_body_opens_the_article() -> None:
    # The first paragraph in a teaser box of its own, which trafilatura leaves out; the
    # page's description says word for word that it is the article's.
    (article,) = read_page(
        _with_description(PAGE, f'<div class="story-teaser"><p>{LEDE}</p></div>')
    )
    assert article.paragraphs == (LEDE, *BODY)


def test_the_description_is_no_paragraph_unless_the_page_shows_it_above_the_body() -> None:
    # Only in the metadata: not a paragraph of the page.
    (article,) = read_page(_with_description(PAGE, ""))
    assert article.paragraphs == tuple(BODY)
    # Shown below the article (a box of teasers at the foot): not its opening.
    below = _with_description(PAGE, "").replace(
        "</footer>", f'</footer><div class="story-teaser"><p>{LEDE}</p></div>'
    )
    (article,) = read_page(below)
    assert article.paragraphs == tuple(BODY)


@pytest.mark.parametrize(
    "article",
    [
        # The lead right after the headline, the rest in <p>s.
        "<article><h1>Bridge closed</h1>{0}<p>{1}</p><p>{2}</p><p>{3}</p></article>",
        # The lead bare in a layout table's cell.
        "<table><tr><td>{0}<p>{1}</p><p>{2}</p><p>{3}</p></td></tr></table>",
        # The lead bare in a <div>, after a dateline in bold; a paragraph bare between two.
        "<div><b>VALLEY</b> - {0}<p>{1}</p>{2}<p>{3}</p></div>",
    ],
    ids=["after-headline", "table-cell", "dateline-and-between"],
)
def test_a_paragraph_written_bare_beside_the_others_is_read(article: str) -> None:
    page = PAGE.replace(
        PAGE[PAGE.index("<article>") : PAGE.index("</article>") + len("</article>")],
        article.format(*BODY),
    )
    (read,) = read_page(page)
    assert [p.removeprefix("VALLEY - ") for p in read.paragraphs] == BODY


def test_a_few_bare_words_beside_paragraphs_are_no_paragraph() -> None:
    # A line that ends like a sentence, too short to be one of the article's.
    article = PAGE[PAGE.index("<article>") : PAGE.index("</article>")]
    page = PAGE.replace(article, article.replace("<p>", "Updated an hour ago.<p>", 1))
    (read,) = read_page(page)
    assert read.paragraphs == tuple(BODY)


@pytest.mark.parametrize(
    "credit",
    [
        '<span class="source"><span>Arvand Berg/NEWSWIRE</span></span>',
        '<span class="photo-credit">Photographer: Kessel Ostrava for Valley Post</span>',
        '<small class="image_credit">Wikimedia Commons</small>',
    ],
)
def test_a_photo_credit_inside_the_text_does_not_run_into_its_first_sentence(credit: str) -> None:
    # The image's caption is left out as a caption; its credit, set in an element of its
    # own inside the first paragraph, ran into the sentence ("…/NEWSWIREValley councillors").
    page = PAGE.replace(
        f"<p>{BODY[0]}</p>",
        f'<p><span class="image-container"><img src="b.jpg">{credit}'
        f'<span class="caption">The old bridge</span></span>{BODY[0]}</p>',
    )
    (article,) = read_page(page)
    assert article.paragraphs == tuple(BODY)


def test_a_long_paragraph_with_a_source_class_is_kept() -> None:
    # A credit is a few words; a paragraph the page happens to class "source" is text.
    page = PAGE.replace(f"<p>{BODY[3]}</p>", f'<p class="source">{BODY[3]}</p>')
    (article,) = read_page(page)
    assert article.paragraphs == tuple(BODY)


NEXT_POSTS = """<div id="next-post-thumbnails">
<div class="nextstory"><h2><a href="/2019/09/25/choir.html">Choir sings on the pier</a></h2>
<p><p>The Nordvik harbour choir sang on the pier on Saturday evening for the fourth summer
running, and this year the lifeboat crew joined them for the closing song [&hellip;]</p>
<h3><a href="/2019/09/25/choir.html">READ THE REST</a></h3></div>
<div class="nextstory"><h2><a href="/2019/09/24/podcast.html">A podcast on old families</a></h2>
<p>The latest podcast from the Arvand network looks into the deals and feuds of the old
families who have run the valley's mills and newspapers for two hundred years.</p></div>
</div>"""


def test_the_next_posts_a_page_lists_after_the_article_are_not_its_text() -> None:
    # A blog's excerpts of its next posts, each under a link to its own page, set at the
    # foot of the article's element, had run on after the article as its paragraphs: a
    # point from one cites the wrong article.
    page = PAGE.replace("</article>", f"{NEXT_POSTS}\n</article>")
    (article,) = read_page(page)
    assert article.paragraphs == tuple(BODY)


DATED_PAGE = """<!DOCTYPE html>
<html lang="en"><head><title>Wine of the valley | Valley Post</title></head>
<body><div id="content">
<div class="article"><h1>Wine of the valley</h1>
<p>{body}</p>
<ul class="smallList"><li><strong>Date</strong>
10.06.2013
</li></ul></div>
<div class="col3 relatedContent"><h4>Related content</h4>
<div class="news"><a href="/en/sour-grapes/a-49841885"><h2>Sour grapes: vineyards move north
<span class="date">01.08.2019</span></h2>
<p>Growers far from the old wine regions are planting vines as summers warm.</p></a></div>
</div></div></body></html>"""


def test_a_related_articles_date_is_not_taken_for_the_pages_own() -> None:
    # A page with no date in its metadata: the date search read the page whole and took
    # the newest date on it, a related piece's of six years later.
    (article,) = read_page(DATED_PAGE.format(body=" ".join(BODY)))
    assert article.published.date() == datetime(2013, 6, 10).date()
    assert "Growers far from" not in article.text


def test_an_element_named_related_that_holds_the_article_stays() -> None:
    # Named for a list of other articles but holding most of the page: the page's own
    # wrapper ("post has-related"); and a link so named inside a sentence is the sentence's.
    page = PAGE.replace("<article>", '<article class="post has-related">').replace(
        f"<p>{BODY[1]}</p>",
        "<p>{}<a class='related-link' href='/detour'>{}</a>{}</p>".format(
            *BODY[1].partition("twelve-mile detour")
        ),
    )
    (article,) = read_page(page)
    assert article.paragraphs == tuple(BODY)


def test_a_layout_class_that_only_looks_related_keeps_the_article() -> None:
    # "relative" is a layout class, not "related": an article in such an element, on a
    # page whose other blocks hold more words than it, was read as its breadcrumb.
    others = " ".join(BODY * 3)
    page = PAGE.replace("<article>", '<div class="left relative">').replace(
        "</article>", f'</div><aside class="left relative"><p>{others}</p></aside>'
    )
    (article,) = read_page(page)
    assert article.paragraphs == tuple(BODY)


@pytest.mark.parametrize(
    ("title", "url"),
    [
        ("Bridge closed to lorries | VP | 10.06.2013", "https://www.vp.example/a-1"),
        ("Bridge closed to lorries - Valley Post - 10/06/2013", None),
        ("Bridge closed to lorries | Valley Post", None),
    ],
)
def test_the_site_name_and_a_date_after_it_are_not_the_headline(
    title: str, url: str | None
) -> None:
    # A site known by its address's short name ("DW" of dw.com), a date set after it.
    page = PAGE.replace(
        "<title>Bridge closed to lorries - Valley Post</title>", f"<title>{title}</title>"
    ).replace("<article>\n<h1>Bridge closed to lorries</h1>", "<article>")
    (article,) = read_page(page, url=url)
    assert article.title == "Bridge closed to lorries"
