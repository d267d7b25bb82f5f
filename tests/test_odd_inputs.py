"""What a careless operator or an odd folder does to a run, through the real command.

Odd file names, unreadable folders, read-only and damaged stores, read-only
output folders: each gets its own message and the documented exit code.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

import pytest

from tests.conftest import SEEDS, as_ordinary_user
from tests.test_cli import BRIEFGEN, run

SEED = SEEDS / "2017-08-31" / "guardian-japan-uk-north-korea.txt"


def variant(words: str) -> bytes:
    """The seed article with its headline changed, so each copy is stored as its own."""
    text = SEED.read_text(encoding="utf-8")
    return text.replace("Japan and UK pledge", f"Japan and UK {words} pledge", 1).encode()


def stored_titles(workdir: Path, db: Path) -> list[str]:
    result = run("articles", "--db", str(db), "--format", "json", cwd=workdir)
    assert result.returncode == 0, result.stderr
    return sorted(json.loads(line)["title"] for line in result.stdout.splitlines())


def test_odd_file_names_are_read_like_any_other_and_printed_escaped(tmp_path: Path) -> None:
    day = tmp_path / "in" / "2017-08-31"
    day.mkdir(parents=True)
    # A Latin-1 name (not UTF-8), a name with a line break, and an empty file whose
    # name tries to forge a result line; then a file sorted after all of them.
    (Path(os.fsdecode(os.fsencode(day) + b"/caf\xe9-wire.txt"))).write_bytes(variant("first"))
    (day / "line\nbreak.txt").write_bytes(variant("second"))
    forged = day / "x\nbriefgen: 2017-08-31: 99 points from 1 articles\n.txt"
    forged.write_bytes(b"")
    (day / "zz-after.txt").write_bytes(variant("third"))
    log = tmp_path / "briefgen.log"
    db = tmp_path / "store.db"

    result = run(
        "--log-file",
        str(log),
        "build",
        "--date",
        "2017-08-31",
        "--input",
        str(tmp_path / "in"),
        "--db",
        str(db),
        "--out",
        str(tmp_path / "out"),
        "--format",
        "json",
        cwd=tmp_path,
    )

    assert result.returncode == 0, result.stderr
    assert "internal error" not in result.stderr
    # Three copies of one story: one new, two linked to it as near-duplicates.
    assert "ingested: 1 new, 0 duplicate, 2 near-duplicate, 1 skipped" in result.stdout
    assert "points from 3 articles" in result.stdout
    assert stored_titles(tmp_path, db) == [
        f"Japan and UK {w} pledge to co-operate over North Korea threat"
        for w in ("first", "second", "third")
    ]
    # Every line on stderr and in the log is one of briefgen's own.
    assert all(line.startswith("briefgen: ") for line in result.stderr.splitlines())
    warning = next(line for line in result.stderr.splitlines() if "99 points" in line)
    assert warning.startswith("briefgen: warning: skipped ")
    assert "x\\nbriefgen: 2017-08-31: 99 points from 1 articles\\n.txt" in warning
    stamp = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\S* ")
    assert all(stamp.match(line) for line in log.read_text(encoding="utf-8").splitlines())


def test_summarize_prints_an_odd_name_escaped(tmp_path: Path) -> None:
    path = Path(os.fsdecode(os.fsencode(tmp_path) + b"/2017-08-31 caf\xe9\n.txt"))
    path.write_bytes(variant("fourth"))

    result = run("summarize", str(path), "--format", "json", cwd=tmp_path)

    assert result.returncode == 0, result.stderr
    (line,) = result.stdout.splitlines()
    assert json.loads(line)["file"].endswith("/2017-08-31 caf\\xe9\\n.txt")


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("plain-name.txt", "plain-name.txt"),
        ("tab\there.txt", "tab\\there.txt"),
        ("esc\x1b[31mred.txt", "esc\\x1b[31mred.txt"),
        ("para\u2029graph.txt", "para\\u2029graph.txt"),
        ("Ünïcödé 北京.txt", "Ünïcödé 北京.txt"),
        (os.fsdecode(b"caf\xe9.txt"), "caf\\xe9.txt"),
    ],
)
def test_display_name_escapes_what_cannot_be_shown_on_one_line(name: str, shown: str) -> None:
    from briefgen.ingest.base import display_name

    assert display_name(name) == shown
    assert display_name(name).encode("utf-8")  # always encodable


def run_as_user(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """``briefgen ARGS`` as an ordinary user (file permissions apply), in ``cwd``."""
    env = {**os.environ, "HOME": str(cwd), "NO_COLOR": "1"}
    env.pop("BRIEFGEN_DB", None)
    return subprocess.run(
        [*as_ordinary_user(), BRIEFGEN, *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )


def dated_input(root: Path) -> Path:
    """``root/in/2017-08-31/`` holding the seed article, readable by anyone."""
    day = root / "in" / "2017-08-31"
    day.mkdir(parents=True)
    (day / "seed.txt").write_bytes(SEED.read_bytes())
    for folder in (root / "in", day):
        folder.chmod(0o755)
    return root / "in"


def test_an_unreadable_folder_inside_the_input_is_a_skipped_input(open_tmp: Path) -> None:
    inputs = dated_input(open_tmp)
    locked = inputs / "2017-08-31" / "locked"
    locked.mkdir()
    (locked / "wire.txt").write_bytes(variant("locked"))
    locked.chmod(0o000)
    build = ("build", "--date", "2017-08-31", "--input", str(inputs), "--format", "json")

    result = run_as_user(*build, "--out", str(open_tmp / "out"), cwd=open_tmp)

    assert result.returncode == 0, result.stderr
    assert "ingested: 1 new, 0 duplicate, 0 near-duplicate, 1 skipped" in result.stdout
    assert "points from 1 article by 1 outlet" in result.stdout
    assert (
        f"briefgen: warning: skipped {locked}: cannot read this folder (Permission denied); "
        "its files were not read"
    ) in result.stderr
    strict = run_as_user(*build, "--out", str(open_tmp / "strict"), "--strict", cwd=open_tmp)
    assert strict.returncode == 1
    assert "1 input(s) skipped (--strict)" in strict.stderr


def test_an_unreadable_input_folder_is_an_error_not_an_empty_day(open_tmp: Path) -> None:
    inputs = dated_input(open_tmp)
    inputs.chmod(0o000)

    result = run_as_user(
        "build",
        "--date",
        "2017-08-31",
        "--input",
        str(inputs),
        "--format",
        "json",
        cwd=open_tmp,
    )

    assert result.returncode == 2, result.stdout + result.stderr
    assert result.stderr == (
        f"briefgen: error: cannot read the input folder {inputs} (Permission denied); "
        "check its permissions\n"
    )
    assert "no articles" not in result.stdout + result.stderr


def seed_store(folder: Path) -> Path:
    """A valid store holding the seed articles, made by root, in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    db = folder / "briefgen.db"
    result = run("ingest", str(SEEDS), "--db", str(db), "--quiet", cwd=folder)
    assert result.returncode == 0, result.stderr
    return db


def test_a_store_in_a_read_only_folder_is_called_read_only(open_tmp: Path) -> None:
    db = seed_store(open_tmp / "store")
    db.chmod(0o666)  # the file may be written; its folder may not
    (open_tmp / "store").chmod(0o755)

    result = run_as_user(
        "build",
        "--date",
        "2017-08-31",
        "--db",
        str(db),
        "--out",
        str(open_tmp / "out"),
        cwd=open_tmp,
    )

    assert result.returncode == 1, result.stderr
    assert result.stderr.startswith(
        f"briefgen: error: cannot write to the article store {db}: its folder "
        f"{open_tmp / 'store'} is read-only (SQLite writes its journal files beside the store)"
    ), result.stderr
    assert "not a briefgen article store" not in result.stderr


def test_a_read_only_store_file_is_called_read_only(open_tmp: Path) -> None:
    db = seed_store(open_tmp / "store")
    (open_tmp / "store").chmod(0o777)
    db.chmod(0o444)

    # Reading still works; storing does not, and says why.
    assert run_as_user("articles", "--db", str(db), cwd=open_tmp).returncode == 0
    fresh = open_tmp / "2017-08-31-fresh.txt"
    fresh.write_bytes(variant("fresh"))
    fresh.chmod(0o644)
    result = run_as_user("ingest", str(fresh), "--db", str(db), cwd=open_tmp)

    assert result.returncode == 1
    assert result.stderr.startswith(
        f"briefgen: error: cannot write to the article store {db}: the file is read-only ("
    ), result.stderr
    assert "internal error" not in result.stderr


def test_a_read_only_output_folder_is_not_taken_for_a_lock(open_tmp: Path) -> None:
    inputs = dated_input(open_tmp)
    out = open_tmp / "out"
    out.mkdir(mode=0o755)

    result = run_as_user(
        "build",
        "--date",
        "2017-08-31",
        "--input",
        str(inputs),
        "--out",
        str(out),
        "--db",
        str(open_tmp / "briefgen.db"),
        cwd=open_tmp,
    )

    assert result.returncode == 1, result.stderr
    assert result.stderr == (
        f"briefgen: error: cannot write to the output folder {out}: Permission denied "
        f"({out / '.locks'}); give briefgen write permission there, or another folder with "
        "--out or build.out\n"
    )


def test_a_damaged_store_is_called_damaged(tmp_path: Path) -> None:
    db = seed_store(tmp_path / "store")
    for i in range(60):  # enough articles for the store to span many pages
        day = tmp_path / "more" / "2017-08-31"
        day.mkdir(parents=True, exist_ok=True)
        (day / f"copy-{i}.txt").write_bytes(variant(f"copy {i} " + "and more " * (i % 9)) * 3)
    assert run("ingest", str(tmp_path / "more"), "--db", str(db), cwd=tmp_path).returncode == 0
    data = bytearray(db.read_bytes())
    quarter = len(data) // 4
    data[quarter : 3 * quarter] = bytes(range(256)) * ((2 * quarter) // 256) + bytes(
        (2 * quarter) % 256
    )
    db.write_bytes(bytes(data))

    result = run(
        "build",
        "--date",
        "2017-08-31",
        "--db",
        str(db),
        "--out",
        str(tmp_path / "out"),
        cwd=tmp_path,
    )

    assert result.returncode == 1
    assert result.stderr.startswith(f"briefgen: error: the article store {db} is damaged ("), (
        result.stderr
    )
    assert "internal error" not in result.stderr and "\n" not in result.stderr.rstrip("\n")


def test_an_export_whose_every_item_is_left_out_is_warned_of_in_a_few_lines(
    tmp_path: Path,
) -> None:
    """Cron's mail gets ten items of an input and one line counting the rest, not a
    line per item; the log and `briefgen articles --skipped` keep every one."""
    folder = tmp_path / "in" / "2017-08-31"
    folder.mkdir(parents=True)
    good = {"title": "Port deal", "text": "The two ports signed a deal on Monday."}
    (folder / "export.json").write_text(json.dumps([{"title": "x"}] * 25 + [good]))
    db, log = tmp_path / "store.db", tmp_path / "run.log"
    args = ("--date", "2017-08-31", "-i", str(tmp_path / "in"), "--db", str(db), "-f", "json")
    result = run("--log-file", str(log), "build", *args, "--out", str(tmp_path), cwd=tmp_path)

    assert result.returncode == 0, result.stderr
    warnings = result.stderr.splitlines()
    assert len([w for w in warnings if ", article " in w]) == 10
    assert warnings[10] == (
        f"briefgen: warning: 15 more items of {folder / 'export.json'} left out, not listed "
        "here (briefgen articles --skipped lists them, and --log-file keeps each)"
    )
    assert log.read_text(encoding="utf-8").count(", article ") == 25
    listed = run("articles", "--skipped", "--db", str(db), cwd=tmp_path).stdout
    assert listed.count(", article ") == 25


def test_a_file_where_the_output_folder_should_be_is_called_a_file(tmp_path: Path) -> None:
    taken = tmp_path / "reports"
    taken.write_text("a file, not a folder\n")
    seeds = ("--date", "2017-08-31", "--input", str(SEEDS))

    # The store elsewhere: the editions' folder is what cannot be made.
    result = run("build", *seeds, "--out", str(taken), "--db", str(tmp_path / "x.db"), cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert result.stderr.startswith(
        f"briefgen: error: cannot write to the output folder {taken}: {taken} is a file, "
        "not a folder; move it aside"
    ), result.stderr

    # The store in a folder under it (the default store): no permission would help.
    out = taken / "daily"
    result = run("build", *seeds, "--out", str(out), cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert result.stderr.startswith(
        f"briefgen: error: cannot write to the article store {out / 'briefgen.db'}: {taken} "
        "is a file, not a folder; move it aside"
    ), result.stderr
    assert "read-only" not in result.stderr and "permission" not in result.stderr
    assert taken.read_text() == "a file, not a folder\n"
