"""Sentence and word splitting without NLTK data, and sumy running through it."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path
from typing import ClassVar

import pytest

from briefgen.nlp.tokenize import OfflineTokenizer, split_sentences, split_words


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Mr. Smith met Mrs. Jones and Dr. Brown. They talked.",
            ["Mr. Smith met Mrs. Jones and Dr. Brown.", "They talked."],
        ),
        (
            "Troops left the U.S. base at dawn. The U.K. government said nothing.",
            ["Troops left the U.S. base at dawn.", "The U.K. government said nothing."],
        ),
        (
            "Sales rose in the U.S. The rest of the world was flat.",
            ["Sales rose in the U.S.", "The rest of the world was flat."],
        ),
        (
            # Mixed case made from capitals: a verb or a conjunction after "U.S." goes on.
            "He said the U.S. Would ask for talks with the U.K. And France. It did.",
            ["He said the U.S. Would ask for talks with the U.K. And France.", "It did."],
        ),
        (
            "She said the U.S. Saw no need to act. Polls shut at 8 p.m. ET. Counting began.",
            [
                "She said the U.S. Saw no need to act.",
                "Polls shut at 8 p.m. ET.",
                "Counting began.",
            ],
        ),
        (
            "The talks began on Jan. 5 at No. 10 Downing St. in London. Feb. 2 is next.",
            ["The talks began on Jan. 5 at No. 10 Downing St. in London.", "Feb. 2 is next."],
        ),
        (
            '"We will act." He left the room.',
            ['"We will act."', "He left the room."],
        ),
        (
            "“We will act,” she said. “Now.” Nobody answered.",
            ["“We will act,” she said.", "“Now.”", "Nobody answered."],
        ),
        (
            '"Will you go?" she asked. He nodded.',
            ['"Will you go?" she asked.', "He nodded."],
        ),
        (
            "Inflation hit 3.5% in May. Revenue was $10.9bn, up from $9.8bn.",
            ["Inflation hit 3.5% in May.", "Revenue was $10.9bn, up from $9.8bn."],
        ),
        (
            "A book by J. K. Rowling was praised by George W. Bush. Critics disagreed.",
            ["A book by J. K. Rowling was praised by George W. Bush.", "Critics disagreed."],
        ),
        (
            "He paused... Then he spoke. It was late… Everyone left.",
            ["He paused...", "Then he spoke.", "It was late…", "Everyone left."],
        ),
        (
            "It rained and... well, nobody came. The end!",
            ["It rained and... well, nobody came.", "The end!"],
        ),
        (
            "Acme Inc. said profits fell. Acme Inc. The firm denies it.",
            ["Acme Inc. said profits fell.", "Acme Inc.", "The firm denies it."],
        ),
        (
            "Is it over? Yes! It is.",
            ["Is it over?", "Yes!", "It is."],
        ),
        (
            "He served in the 45th Military Intelligence (M.I.) Battalion up north. It left.",
            [
                "He served in the 45th Military Intelligence (M.I.) Battalion up north.",
                "It left.",
            ],
        ),
        (
            "The agency is run by the United Nations (U.N.) The board meets today.",
            ["The agency is run by the United Nations (U.N.)", "The board meets today."],
        ),
        (
            "By A Writer May 3, 2011 | On April 2, 2010, the council asked for an inquiry.",
            ["By A Writer May 3, 2011", "On April 2, 2010, the council asked for an inquiry."],
        ),
        (
            "The ferry sailed late again -- though the sea was calm. - - - - - - - -",
            ["The ferry sailed late again -- though the sea was calm."],
        ),
    ],
)
def test_split_sentences_handles_news_punctuation(text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected


def test_sentences_are_verbatim_and_in_order() -> None:
    text = "  First one here.   Second  one,\nwrapped over a line.\tThird?  "
    sentences = split_sentences(text)
    assert sentences == ["First one here.", "Second  one,\nwrapped over a line.", "Third?"]
    position = 0
    for sentence in sentences:
        found = text.find(sentence, position)
        assert found >= position, f"{sentence!r} is not a substring after the previous one"
        position = found + len(sentence)


def test_paragraph_breaks_end_sentences() -> None:
    text = "A heading without a full stop\n\nThe body starts here. It goes on\n  \nand on"
    assert split_sentences(text) == [
        "A heading without a full stop",
        "The body starts here.",
        "It goes on",
        "and on",
    ]


def test_list_items_on_their_own_lines_are_sentences() -> None:
    text = "The report found that the firm:\n - cut jobs\n - raised prices."
    assert split_sentences(text) == [
        "The report found that the firm:",
        "- cut jobs",
        "- raised prices.",
    ]


def test_numbered_list_items_keep_their_numbers() -> None:
    text = "Deaths by country:\n1. Northland: 9,081\n2. Southport: 3,957"
    assert split_sentences(text) == [
        "Deaths by country:",
        "1. Northland: 9,081",
        "2. Southport: 3,957",
    ]
    assert split_sentences("Two steps. 1. Cut costs. 2. Raise prices.") == [
        "Two steps.",
        "1. Cut costs.",
        "2. Raise prices.",
    ]
    assert split_sentences("The final score was 2. Then it rained.") == [
        "The final score was 2.",
        "Then it rained.",
    ]
    # A date's day or an abbreviation's number ends a sentence: no list label.
    assert split_sentences("Polls open by Jan. 9. Okafor met election officials.") == [
        "Polls open by Jan. 9.",
        "Okafor met election officials.",
    ]
    assert split_sentences("Velmar was ranked No. 4. Kessel fell to Sept. 12. It rained.") == [
        "Velmar was ranked No. 4.",
        "Kessel fell to Sept. 12.",
        "It rained.",
    ]


def test_empty_and_punctuation_only_text_has_no_sentences() -> None:
    assert split_sentences("") == []
    assert split_sentences("  \n\n ... \n") == []


def test_split_words_keeps_internal_apostrophes_hyphens_and_numbers() -> None:
    words = split_words("The well-known U.S. firm didn't pay $10.9bn (3.5%) to 1,000 staff.")
    assert words == [
        "The",
        "well-known",
        "U.S.",
        "firm",
        "didn't",
        "pay",
        "10.9bn",
        "3.5",
        "to",
        "1,000",
        "staff",
    ]


def test_offline_tokenizer_matches_sumy_interface() -> None:
    tokenizer = OfflineTokenizer("english")
    assert tokenizer.language == "english"
    assert tokenizer.to_sentences("Dr. Who came. He left.") == ("Dr. Who came.", "He left.")
    # Like sumy's own tokenizer, only tokens that start with a letter are words.
    assert tokenizer.to_words("In 2004 the firm's profit rose 76%.") == (
        "In",
        "the",
        "firm's",
        "profit",
        "rose",
    )


_SUMY_WITHOUT_NLTK_DATA = textwrap.dedent(
    """
    import sys
    import nltk

    empty = sys.argv[1]
    nltk.data.path[:] = [empty]

    from sumy.nlp.tokenizers import Tokenizer
    try:
        Tokenizer("english")
    except LookupError:
        print("stock tokenizer needs data")

    def refuse(*args, **kwargs):
        raise AssertionError(f"NLTK data was requested: {args}")

    nltk.data.load = refuse
    nltk.data.find = refuse

    from sumy.nlp.stemmers import Stemmer
    from sumy.parsers.plaintext import PlaintextParser
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.summarizers.text_rank import TextRankSummarizer
    from sumy.utils import get_stop_words
    from briefgen.nlp.tokenize import OfflineTokenizer

    text = (
        "Ministers met in Geneva on Monday. The talks on trade lasted six hours. "
        "Trade ministers said the talks on tariffs went well.\\n\\n"
        "Mr. Lee said a deal on tariffs was near. Critics were unconvinced."
    )
    parser = PlaintextParser.from_string(text, OfflineTokenizer("english"))
    stemmer = Stemmer("english")
    for summarizer in (TextRankSummarizer(stemmer), LexRankSummarizer(stemmer)):
        summarizer.stop_words = get_stop_words("english")
        for sentence in summarizer(parser.document, 2):
            print(summarizer.__class__.__name__, sentence)
    """
)


def test_sumy_runs_through_offline_tokenizer_with_empty_nltk_data(tmp_path: Path) -> None:
    empty = tmp_path / "nltk_data"
    empty.mkdir()
    result = subprocess.run(
        [sys.executable, "-c", _SUMY_WITHOUT_NLTK_DATA, str(empty)],
        capture_output=True,
        text=True,
        env={"NLTK_DATA": str(empty), "PATH": "", "HOME": str(tmp_path)},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    # The environment really has no data: sumy's stock tokenizer cannot start.
    assert lines[0] == "stock tokenizer needs data"
    summaries = [line for line in lines[1:] if line.startswith("TextRankSummarizer ")]
    assert len(summaries) == 2
    # Sentences come back whole, with "Mr." not taken for a sentence end.
    known = {
        "Ministers met in Geneva on Monday.",
        "The talks on trade lasted six hours.",
        "Trade ministers said the talks on tariffs went well.",
        "Mr. Lee said a deal on tariffs was near.",
        "Critics were unconvinced.",
    }
    assert all(line.split(" ", 1)[1] in known for line in lines[1:])
    assert any(line.startswith("LexRankSummarizer ") for line in lines)


def test_a_line_break_after_an_unpunctuated_line_ends_the_sentence() -> None:
    text = (
        "Velmar said Kessel fighters were hiding near the market halls\n"
        "The raids were among several across Arvand that killed at least 30 people."
    )
    assert split_sentences(text) == [
        "Velmar said Kessel fighters were hiding near the market halls",
        "The raids were among several across Arvand that killed at least 30 people.",
    ]


def test_wrapped_lines_and_introduced_quotes_stay_one_sentence() -> None:
    assert split_sentences("Troops shelled the\nborder town overnight.") == [
        "Troops shelled the\nborder town overnight."
    ]
    assert split_sentences("The minister said:\nThe talks will go on.") == [
        "The minister said:\nThe talks will go on."
    ]


def test_a_lost_line_break_between_two_sentences_is_found() -> None:
    # As the NYT feed of 8 August 2024 carries it: no break, no full stop.
    text = (
        "Velmar said Kessel fighters were hiding near the market halls The raids "
        "were among several across Arvand that killed at least 30 people, officials said."
    )
    assert split_sentences(text) == [
        "Velmar said Kessel fighters were hiding near the market halls",
        "The raids were among several across Arvand that killed at least 30 people, "
        "officials said.",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "The minister told The Times that talks in The Hague would resume.",
        "Xinhua quoted He as saying the talks would resume.",
        "The firm said it had hired A and B as advisers.",
        "He is a fan of the film The Incredibles and of The Beatles.",
    ],
)
def test_titles_and_names_after_a_lower_case_word_stay_in_the_sentence(text: str) -> None:
    assert split_sentences(text) == [text]


class _CountingStr(str):
    """A str that records the length of every slice taken of it (and of its slices)."""

    slices: ClassVar[list[int]] = []

    def __getitem__(self, key: object) -> str:
        part = super().__getitem__(key)  # type: ignore[index]
        if isinstance(key, slice):
            _CountingStr.slices.append(len(part))
            return _CountingStr(part)
        return part


def test_splitting_one_long_paragraph_never_copies_the_rest_of_it() -> None:
    # Copying the text before or after every full stop made one long paragraph
    # (a 19 MB article on one line) quadratic.
    sentence = "Mr. Smith of the U.S. Navy said No. 5 Dock in St. Louis reopened.\n"
    paragraph = _CountingStr(sentence * 2_000)
    _CountingStr.slices = []

    sentences = split_sentences(paragraph)

    assert len(sentences) == 2_000
    big = [n for n in _CountingStr.slices if n > 1_000]
    assert len(big) <= 2, f"{len(big)} slices of the whole paragraph"


def test_a_full_stop_with_its_space_lost_ends_the_sentence() -> None:
    # Where a link's words were dropped: "... many farmers.notes that ..."
    assert split_sentences(
        "The levy angers many farmers.notes that the ministry, in a reply, disagrees."
    ) == [
        "The levy angers many farmers.",
        "notes that the ministry, in a reply, disagrees.",
    ]
    for text in (
        "Shoppers turned to Shopmart.com, and news.example.co.uk reported it.",
        "Write to jane.smith@example.org or open index.html today.",
        "Its Dot.life column tried the phone for a week.",
    ):
        assert split_sentences(text) == [text]


def test_a_headline_run_into_a_dateline_is_parted_from_the_story() -> None:
    assert split_sentences(
        "Dock strike ends after three weeks PORTLAND, Maine -- Dock workers voted on "
        "Friday to return to work."
    ) == [
        "Dock strike ends after three weeks",
        "PORTLAND, Maine -- Dock workers voted on Friday to return to work.",
    ]
    assert split_sentences(
        "Rates held again LONDON (Reuters) - The central bank left rates unchanged."
    ) == ["Rates held again", "LONDON (Reuters) - The central bank left rates unchanged."]
    # A wire's update note and byline before a dateline with both a date and the wire.
    assert split_sentences(
        "(Adds details) By Ann Berg VELMAR CITY, Nov 15 (Reuters) - The minister resigned."
    ) == ["(Adds details) By Ann Berg", "VELMAR CITY, Nov 15 (Reuters) - The minister resigned."]
    # A byline before a dateline with a country of more than one word.
    assert split_sentences(
        "By Ann Berg Associated Press Writer KESSEL, West Velmar (AP) - Talks resumed."
    ) == ["By Ann Berg Associated Press Writer", "KESSEL, West Velmar (AP) - Talks resumed."]
    # An acronym and its expansion is not a dateline.
    text = "The bank sold its stake in ABC - Alpha Beta Capital, an investor, on Monday."
    assert split_sentences(text) == [text]


def test_stop_words_are_sumys_without_importing_requests() -> None:
    from sumy.utils import get_stop_words

    from briefgen.nlp.tokenize import stop_words

    assert stop_words("english") == get_stop_words("english")
    assert stop_words("German") == get_stop_words("german")
    with pytest.raises(LookupError):
        stop_words("klingon")
    # The analysis a worker runs loads neither requests (which sumy.utils imports) nor
    # scipy's graph module (only story grouping needs it).
    probe = (
        "import sys, briefgen.analysis; "
        "print(sorted(m for m in ('requests', 'sumy.utils', 'scipy.sparse.csgraph') "
        "if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
