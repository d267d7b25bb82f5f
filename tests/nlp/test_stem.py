"""The English stemmer matches sumy's (NLTK's Snowball) without importing NLTK."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from briefgen.nlp.stem import english, stemmer

WORDS = [
    "bombing", "bombed", "sanctions", "negotiations", "generously", "dying", "skies",
    "news", "inning", "proceed", "exceeding", "succeeded", "ministers", "Ministers",
    "government’s", "Britain's", "they’ve", "don’t", "tariffs", "a", "is", "agreed",
    "arguing", "communism", "universal", "internationally", "Kyoto",
]  # fmt: skip


@pytest.mark.parametrize("word", WORDS)
def test_english_stems_as_sumy_does(word: str) -> None:
    from sumy.nlp.stemmers import Stemmer

    assert english(word) == Stemmer("english")(word)


def test_other_languages_keep_sumys_stemmer() -> None:
    from sumy.nlp.stemmers import Stemmer

    assert stemmer("en") is english
    assert stemmer("german")("Verhandlungen") == Stemmer("german")("Verhandlungen")
    with pytest.raises(LookupError):
        stemmer("klingon")


def test_a_build_never_imports_nltk(tmp_path: Path) -> None:
    """Importing NLTK costs about a second; an English build must not need it."""
    seeds = Path(__file__).resolve().parents[2] / "seeds"
    script = (
        "import sys\n"
        "from briefgen.cli import main\n"
        "try:\n"
        f"    sys.argv = ['briefgen', 'build', '--date', '2017-08-31', '--input', {str(seeds)!r},"
        f" '--out', {str(tmp_path / 'out')!r}, '--db', {str(tmp_path / 'b.db')!r},"
        " '--format', 'json', '--quiet']\n"
        "    main()\n"
        "except SystemExit as exit:\n"
        "    assert not exit.code, exit.code\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'nltk'))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=tmp_path
    )
    assert done.stdout.strip().splitlines()[-1] == "[]"
    assert (tmp_path / "out" / "2017-08-31" / "briefing-2017-08-31.json").exists()
