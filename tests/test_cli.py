"""The installed ``briefgen`` command, run as a user would."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tests.conftest import SEEDS

BRIEFGEN = shutil.which("briefgen", path=str(Path(sys.executable).parent)) or "briefgen"


def run(*args: str, cwd: Path, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "120"}
    return subprocess.run(
        [BRIEFGEN, *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        input=stdin,
        env=env,
        timeout=300,
    )


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    shutil.copytree(SEEDS, tmp_path / "seeds")
    return tmp_path


def test_version_and_help(tmp_path: Path) -> None:
    from briefgen import __version__

    assert run("--version", cwd=tmp_path).stdout.strip() == f"briefgen {__version__}"
    result = run("--help", cwd=tmp_path)
    assert result.returncode == 0
    for command in ("build", "summarize", "classify", "ingest", "articles", "init", "send"):
        assert command in result.stdout


def test_every_command_has_help(tmp_path: Path) -> None:
    from briefgen.cli import app

    for command in app.registered_commands:
        assert command.callback is not None and command.callback.__doc__, command.name


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["build", "--date", "2017-13-45"], "--date '2017-13-45' is not a date"),
        (["build", "--input", "missing-folder"], "input missing-folder does not exist"),
        (["build", "--config", "nope.toml"], "config file nope.toml does not exist"),
        (["build", "--format", "docx"], "--format 'docx'"),
        (["build", "--algorithm", "magic"], "--algorithm 'magic'"),
    ],
)
def test_bad_usage_is_one_clear_line(workdir: Path, args: list[str], message: str) -> None:
    result = run(*args, cwd=workdir)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert message in result.stderr
    assert result.stderr.strip().count("\n") == 0


def test_broken_config_names_the_key(workdir: Path) -> None:
    (workdir / "briefgen.toml").write_text("[build]\nmax_points = 'x'\n", encoding="utf-8")
    result = run("build", "--date", "2017-08-31", cwd=workdir)
    assert result.returncode == 2
    assert "build.max_points" in result.stderr


def test_empty_day_writes_nothing(workdir: Path) -> None:
    result = run("build", "--date", "1999-01-01", "--format", "html", cwd=workdir)
    assert result.returncode == 0
    assert "no articles for 1999-01-01" in result.stderr
    assert not (workdir / "reports" / "1999-01-01").exists()
    strict = run("build", "--date", "1999-01-01", "--strict", cwd=workdir)
    assert strict.returncode == 1


def test_summarize_json_one_line_per_file(workdir: Path) -> None:
    files = sorted((workdir / "seeds").rglob("*.txt"))[:2]
    result = run("summarize", *map(str, files), "--sentences", "2", "--format", "json", cwd=workdir)
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["file"] for line in lines] == [str(f) for f in files]
    for line, path in zip(lines, files, strict=True):
        assert len(line["sentences"]) == 2
        body = " ".join(path.read_text(encoding="utf-8").split())
        assert all(" ".join(s.split()) in body for s in line["sentences"])


def test_classify_json_lines_from_stdin(tmp_path: Path) -> None:
    lines = [
        json.dumps({"text": "Rebels shelled the town and killed twelve soldiers overnight."}),
        "The two countries agreed to cut tariffs on steel and car exports.",
    ]
    result = run("classify", "-", cwd=tmp_path, stdin="\n".join(lines) + "\n")
    assert result.returncode == 0, result.stderr
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["label"] for o in out] == ["security", "trade"]
    assert set(out[0]["scores"]) >= {"security", "trade", "diplomacy"}


def test_classify_explain_says_when_a_story_s_opening_decided(tmp_path: Path) -> None:
    lines = [
        "A family bakery in Kessel won the national bread prize for its rye loaf on Thursday. "
        "The company exports most of its products to Europe.",
        "Velmar raised import duties on cars from Nordvik to 25 per cent on Monday, the "
        "ministry said. Police said the man was taken to hospital.",
    ]
    stdin = "\n".join(lines) + "\n"
    result = run("classify", "--explain", "--format", "json", "-", cwd=tmp_path, stdin=stdin)
    assert result.returncode == 0, result.stderr
    bakery, duties = (json.loads(line) for line in result.stdout.splitlines())
    assert bakery["label"] == "other"
    assert bakery["why"].startswith("its opening (headline and first sentence) belongs in no")
    assert duties["label"] == "trade"
    assert duties["why"].startswith("model from its opening (headline and first sentence): ")


def test_classify_explain_reads_json_lines_as_a_build_reads_an_article(tmp_path: Path) -> None:
    # The same story as JSON (headline and text) and as the plain line a build would read:
    # one decision, and the record's own text and title in the answer, not its JSON.
    title = "Velmar raises import duties on cars from Nordvik"
    text = "The tariff of 25 per cent starts on Monday, the trade ministry said."
    lines = [json.dumps({"title": title, "text": text}), f"{title}\n{text}".replace("\n", " ")]
    result = run("classify", "--explain", "-", cwd=tmp_path, stdin="\n".join(lines) + "\n")
    assert result.returncode == 0, result.stderr
    record, plain = (json.loads(line) for line in result.stdout.splitlines())
    assert record["label"] == plain["label"] == "trade"
    assert (record["text"], record["title"]) == (text, title)
    assert record["model"]["scores"]["trade"] > 0.5
    bad = run("classify", "--explain", "-", cwd=tmp_path, stdin='{"title": "no text"}\n')
    assert bad.returncode != 0 and 'no "text" string' in bad.stderr


def test_quiet_prints_nothing_and_log_file_keeps_the_record(workdir: Path) -> None:
    log = workdir / "logs" / "briefgen.log"
    result = run(
        "--log-file",
        str(log),
        "build",
        "--date",
        "2017-08-31",
        "--format",
        "json",
        "--quiet",
        cwd=workdir,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == "" and result.stderr == ""
    text = log.read_text(encoding="utf-8")
    assert "2017-08-31: " in text and "points from 1 article by 1 outlet" in text
    assert re.match(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}", text)


def test_unexpected_failure_is_one_line_not_a_traceback(workdir: Path) -> None:
    # A folder where the store's file should be: SQLite cannot open it.
    (workdir / "reports" / "briefgen.db").mkdir(parents=True)
    result = run("build", "--date", "2017-08-31", "--format", "json", cwd=workdir)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("briefgen: error:")


COMMANDS = (
    "build",
    "send",
    "outbox",
    "schedule",
    "init",
    "summarize",
    "classify",
    "ingest",
    "articles",
    "editions",
)


def help_pages(tmp_path: Path) -> dict[str, str]:
    pages = {"": run("--help", cwd=tmp_path).stdout}
    for command in COMMANDS:
        result = run(command, "-h", cwd=tmp_path)
        assert result.returncode == 0, (command, result.stderr)
        assert result.stdout == run(command, "--help", cwd=tmp_path).stdout
        pages[command] = result.stdout
    return pages


def test_help_reads_cleanly(tmp_path: Path) -> None:
    for command, page in help_pages(tmp_path).items():
        usage = page.splitlines()[0]
        assert usage.startswith(f"Usage: briefgen {command}".rstrip() + " "), usage
        # No Python types, no {name} placeholders, no lower-case or <bracketed> metavars.
        for internal in ("<", "{files}", "{sources}", "list[", "int range", "<str>", "<path>"):
            assert internal not in page, (command, internal)
        assert "summarise" not in page
        # A description is never cut short.
        described = page.split("\n", 1)[1]
        for repeated in ("FILE...", "PATH|URL...", '{"text": ...}'):
            described = described.replace(repeated, "")
        assert "…" not in described and "..." not in described, command
        for metavar in re.findall(r"^\s+(?:-\w, )?--[\w-]+ (\S+)", page, flags=re.M):
            assert re.fullmatch(r"[A-Z][A-Z|:-]*|YYYY-MM-DD", metavar), (command, metavar)


def test_top_level_help_gives_each_command_whole() -> None:
    env = {**os.environ, "COLUMNS": "80"}
    result = subprocess.run([BRIEFGEN, "--help"], capture_output=True, text=True, env=env)
    commands = result.stdout.split("Commands:\n")[1]
    assert "E-mail an edition already built: once per reader, failures queued\n" in commands
    assert "for --retry." in commands
    assert "…" not in commands and "..." not in commands


def test_algorithm_help_lists_the_choices(tmp_path: Path) -> None:
    page = " ".join(run("build", "-h", cwd=tmp_path).stdout.split())
    assert "briefgen, lead, lexrank, textrank, lsa, luhn, kl, sumbasic, edmundson" in page


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["articles", "--bogus"], "no such option: --bogus (see 'briefgen articles --help')"),
        (["nonsense"], "no such command 'nonsense' (see 'briefgen --help')"),
        (["articles", "--format", "xml"], "--format 'xml': choose from table, json"),
        (["summarize", "x.txt", "--format", "xml"], "--format 'xml': choose from text, json"),
        (["outbox", "--format", "xml"], "--format 'xml': choose from table, json"),
        (["schedule"], "missing option '--at' (see 'briefgen schedule --help')"),
    ],
)
def test_usage_errors_in_briefgen_style(tmp_path: Path, args: list[str], message: str) -> None:
    result = run(*args, cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == f"briefgen: error: {message}\n"
    assert result.stdout == ""


def test_closed_pipe_ends_quietly(tmp_path: Path) -> None:
    lines = [
        json.dumps(
            {
                "title": f"Story {n}",
                "text": f"Troops moved near the border on day {n}. " * 40,
                "published": "2017-08-31T08:00:00+00:00",
                "outlet": "Wire",
                "url": f"https://example.org/{n}",
            }
        )
        for n in range(400)
    ]
    (tmp_path / "day.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert run("ingest", "day.jsonl", cwd=tmp_path).returncode == 0
    env = {**os.environ, "NO_COLOR": "1"}
    reader = subprocess.Popen(
        [BRIEFGEN, "articles", "--format", "json"],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    assert reader.stdout is not None and reader.stderr is not None
    first = reader.stdout.readline()
    reader.stdout.close()  # as `| head -1` does
    code = reader.wait(timeout=120)
    assert json.loads(first)["title"].startswith("Story")
    assert reader.stderr.read() == b""
    assert code == 0


def test_every_command_means_the_same_day(tmp_path: Path) -> None:
    # Il Messaggero's item at 00:38 +01:00 on 16 November is 23:38 on the 15th in UTC.
    item = {
        "title": "Missili Polonia",
        "text": "Two missiles fell on a Polish village near the Ukrainian border overnight.",
        "published": "2022-11-16T00:38:15+01:00",
        "outlet": "Il Messaggero",
    }
    (tmp_path / "items.jsonl").write_text(json.dumps(item) + "\n", encoding="utf-8")
    assert run("ingest", "items.jsonl", cwd=tmp_path).returncode == 0
    listed = run("articles", cwd=tmp_path).stdout.splitlines()
    assert listed[0].split()[:3] == ["ID", "PUBLISHED", "(UTC)"]
    assert listed[1].split("  ")[1] == "2022-11-15 23:38"
    assert run("articles", "--date", "2022-11-16", cwd=tmp_path).stdout == ""
    assert "Missili Polonia" in run("articles", "--date", "2022-11-15", cwd=tmp_path).stdout
    (tmp_path / "briefgen.toml").write_text('[build]\ntimezone = "Europe/Rome"\n', "utf-8")
    rome = run("articles", cwd=tmp_path).stdout.splitlines()
    assert rome[0].split()[:3] == ["ID", "PUBLISHED", "(Europe/Rome)"]
    assert rome[1].split("  ")[1] == "2022-11-16 00:38"
    assert "Missili Polonia" in run("articles", "--date", "2022-11-16", cwd=tmp_path).stdout


def test_today_follows_build_timezone_not_the_machine(tmp_path: Path) -> None:
    # 26 hours apart: the two zones never share a calendar day.
    (tmp_path / "briefgen.toml").write_text('[build]\ntimezone = "Etc/GMT+12"\n', "utf-8")
    env = {**os.environ, "TZ": "Etc/GMT-14"}
    args = ["build", "--input", "items.jsonl", "--db", "store.db"]
    (tmp_path / "items.jsonl").write_text(
        json.dumps({"title": "T", "text": "Troops moved.", "published": "2001-01-01"}) + "\n",
        encoding="utf-8",
    )
    result = subprocess.run(
        [BRIEFGEN, *args], cwd=tmp_path, capture_output=True, text=True, env=env
    )
    today = datetime.now(ZoneInfo("Etc/GMT+12")).date()
    assert f"no articles for {today.isoformat()}" in result.stderr
    yesterday = subprocess.run(
        [BRIEFGEN, *args, "--date", "yesterday"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env=env,
    )
    assert f"no articles for {(today - timedelta(days=1)).isoformat()}" in yesterday.stderr


def test_configuration_mistakes_stop_the_build_before_any_work(workdir: Path) -> None:
    (workdir / "briefgen.toml").write_text(
        '[build]\nmax_points = 0\nformats = ["docx"]\n[email]\nrecipients = ["not-an-address"]\n',
        encoding="utf-8",
    )
    result = run("build", "--date", "2017-08-31", cwd=workdir)
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "briefgen: error: briefgen.toml: build.max_points: must be at least 1, not 0",
        "briefgen: error: briefgen.toml: build.formats: unknown format(s) 'docx': choose "
        "from html, pdf, json",
        "briefgen: error: briefgen.toml: email.recipients: 'not-an-address' is not a plain "
        "e-mail address; write it as name@example.org, without a display name, quotes or "
        "spaces",
    ]
    assert not (workdir / "reports").exists()


def test_a_bad_reader_address_stops_the_build_before_any_work(workdir: Path) -> None:
    result = run("build", "--date", "2017-08-31", "--to", "nobody", cwd=workdir)
    assert result.returncode == 2
    assert result.stderr.startswith("briefgen: error: --to: 'nobody' is not a plain e-mail")
    assert not (workdir / "reports").exists()


UNDATED = (
    "Border town shelled\n\n"
    "Troops shelled the border town overnight. Officials said twelve people died.\n\n"
    "The army denied it.\n"
)


def test_summarize_needs_no_date(tmp_path: Path) -> None:
    (tmp_path / "undated.txt").write_text(UNDATED, encoding="utf-8")
    result = run("summarize", "undated.txt", "--sentences", "2", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout == (
        "# undated.txt\n"
        "Troops shelled the border town overnight.\n"
        "Officials said twelve people died.\n\n"
    )


def test_summarize_reads_standard_input(tmp_path: Path) -> None:
    result = run("summarize", "-", "-n", "1", "--format", "json", cwd=tmp_path, stdin=UNDATED)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "file": "-",
        "sentences": ["Troops shelled the border town overnight."],
    }
    text = run("summarize", "-", "-n", "1", cwd=tmp_path, stdin=UNDATED)
    assert text.stdout.startswith("# standard input\n")


LIVE_PAGE = (
    "Ferry search resumes off the Velmar coast\n\n"
    "14.07 Divers searching for the sunken Velmar ferry have recovered two more bodies "
    "from the wreck, the coastguard said.\n\n"
    "12.30 The Velmar ferry sank on Sunday with 140 passengers aboard after striking rocks "
    "off the coast, officials said.\n\n"
    "Rescue divers check their gear on the quay at Nordvik before the search for the "
    "ferry's missing passengers.\n\nCoastguard photo by Ann Berg.\n\n"
    "Read more: Velmar ferry disaster - the passengers, the wreck and the search\n\n"
    "The coastguard said the search for the ferry's missing passengers would go on "
    "through the night.\n\n"
    "Relatives of the passengers waited at the port of Nordvik for news of the search.\n\n"
    "The ferry's operator said it was working with the investigators and would pay for "
    "the funerals.\n"
)


@pytest.mark.parametrize(
    "algorithm", ["briefgen", "lexrank", "textrank", "luhn", "lsa", "LexRank", " LUHN"]
)
def test_summarize_prints_no_time_stamp_caption_or_page_furniture(
    tmp_path: Path, algorithm: str
) -> None:
    # Every algorithm ranks the whole page; what it prints is prose: the time-stamped
    # entries, the photograph's caption and credit and the "Read more" line are not.
    (tmp_path / "live.txt").write_text(LIVE_PAGE, encoding="utf-8")
    result = run("summarize", "live.txt", "-n", "3", "-a", algorithm, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "# live.txt",
        "The coastguard said the search for the ferry's missing passengers would go on "
        "through the night.",
        "Relatives of the passengers waited at the port of Nordvik for news of the search.",
        "The ferry's operator said it was working with the investigators and would pay for "
        "the funerals.",
        "",
    ]


def test_summarize_warns_of_a_page_with_no_prose(tmp_path: Path) -> None:
    (tmp_path / "times.txt").write_text(
        "Ferry live\n\n14.07 Divers found two more bodies in the wreck, officials said.\n\n"
        "12.30 The ferry sank on Sunday with 140 passengers aboard, the coastguard said.\n",
        encoding="utf-8",
    )
    result = run("summarize", "times.txt", "--format", "json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {"file": "times.txt", "sentences": []}
    assert "no sentence of 'Ferry live' is prose" in result.stderr


def test_ingest_still_skips_an_undated_text_file(tmp_path: Path) -> None:
    (tmp_path / "undated.txt").write_text(UNDATED, encoding="utf-8")
    result = run("ingest", "undated.txt", cwd=tmp_path)
    assert "skipped undated.txt: no date" in result.stderr


GERMAN = {
    "title": "Neue Version freigegeben",
    "text": "Die neue Version des Servers ist ab heute verfügbar. Sie bringt eine Reihe von "
    "Verbesserungen mit, die vor allem für die Sicherheit wichtig sind, und wird von der "
    "Stiftung auf ihrer Website zum Herunterladen angeboten.",
    "published": "2017-08-31T09:00:00+02:00",
    "outlet": "heise online",
    "url": "https://heise.example/neu",
}
SPORT = {
    "title": "Cup final",
    "text": "The home side won the cup final on penalties after a goalless draw. Fans "
    "celebrated in the town square until late in the evening.",
    "published": "2017-08-31T20:00:00+00:00",
    "outlet": "Town Sport",
    "url": "https://sport.example/final",
}


def test_the_run_summary_says_what_happened_to_the_day_and_the_ingest_apart(
    workdir: Path,
) -> None:
    result = run("build", "--date", "2017-08-31", "--format", "json", cwd=workdir)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "ingested: 5 new, 0 duplicate, 0 near-duplicate, 0 skipped"
    assert re.fullmatch(r"2017-08-31: \d+ points from 1 article by 1 outlet", lines[1])
    assert lines[2] == "  reports/2017-08-31/briefing-2017-08-31.json"


def test_articles_with_no_outlet_are_unnamed_sources_in_the_summary_and_statistics(
    workdir: Path,
) -> None:
    unnamed = [
        {
            k: v
            for k, v in {**SPORT, "title": f"Cup final, part {n}"}.items()
            if k not in {"outlet", "url"}
        }
        for n in (1, 2)
    ]
    (workdir / "unnamed.jsonl").write_text(
        "".join(json.dumps(item) + "\n" for item in unnamed), encoding="utf-8"
    )
    result = run(
        "build", "--date", "2017-08-31", "--format", "html,json", "-i", "seeds", "-i",
        "unnamed.jsonl", cwd=workdir,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    day = result.stdout.splitlines()[1]
    assert re.fullmatch(
        r"2017-08-31: \d+ points from 3 articles by 1 outlet and 2 unnamed sources", day
    ), day
    folder = workdir / "reports" / "2017-08-31"
    stats = json.loads((folder / "briefing-2017-08-31.json").read_text("utf-8"))["stats"]
    assert (stats["outlets"], stats["unnamed_sources"]) == (1, 2)
    text = " ".join((folder / "briefing-2017-08-31.txt").read_text("utf-8").split())
    assert "3 articles read from 1 outlet and 2 unnamed sources," in text
    page = (folder / "briefing-2017-08-31.html").read_text("utf-8")
    assert "<dt>Unnamed sources</dt> <dd>2</dd>" in page


def test_articles_in_another_language_are_counted_as_left_out(workdir: Path) -> None:
    (workdir / "de.jsonl").write_text(json.dumps(GERMAN) + "\n", encoding="utf-8")
    result = run(
        "build",
        "--date",
        "2017-08-31",
        "--format",
        "json",
        "-i",
        "seeds",
        "-i",
        "de.jsonl",
        cwd=workdir,
    )
    assert result.returncode == 0, result.stderr
    day = result.stdout.splitlines()[1]
    assert re.fullmatch(
        r"2017-08-31: \d+ points from 1 article by 1 outlet; "
        r"1 article left out, not in English: 1 German",
        day,
    ), day
    data = json.loads(
        (workdir / "reports" / "2017-08-31" / "briefing-2017-08-31.json").read_text("utf-8")
    )
    assert data["stats"]["other_language"] == 1 and data["stats"]["articles"] == 1
    listed = run("articles", "--format", "json", cwd=workdir).stdout.splitlines()
    assert {json.loads(line)["language"] for line in listed} == {"en", "de"}


def test_strict_fails_on_a_day_with_articles_but_no_points(tmp_path: Path) -> None:
    (tmp_path / "sport.jsonl").write_text(json.dumps(SPORT) + "\n", encoding="utf-8")
    args = ["build", "--date", "2017-08-31", "--format", "json", "-i", "sport.jsonl"]
    relaxed = run(*args, cwd=tmp_path)
    assert relaxed.returncode == 0, relaxed.stderr
    assert "2017-08-31: 0 points from 1 article by 1 outlet" in relaxed.stdout
    strict = run(*args, "--strict", cwd=tmp_path)
    assert strict.returncode == 1
    assert strict.stderr == (
        "briefgen: error: no points for 2017-08-31 (--strict): the edition is empty\n"
    )


def test_a_fresh_folder_with_nothing_to_read_says_so(tmp_path: Path) -> None:
    assert run("init", cwd=tmp_path, stdin="").returncode == 0
    result = run("build", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == (
        "briefgen: error: nothing to read: no --input, no [sources] paths in briefgen.toml, "
        "no ./seeds folder, and the article store reports/briefgen.db is empty; give "
        "--input PATH|URL or list your feeds and folders under [sources] paths\n"
    )
    assert not (tmp_path / "reports").exists()


def store_of(tmp_path: Path, *records: dict[str, str]) -> None:
    (tmp_path / "items.jsonl").write_text(
        "".join(json.dumps(r) + "\n" for r in records), encoding="utf-8"
    )
    assert run("ingest", "items.jsonl", cwd=tmp_path).returncode == 0


LONG = {
    "title": "Ministers from both countries agree to reopen the border crossings for "
    "lorries carrying grain and fuel before the winter",
    "text": "Ministers agreed on Monday to reopen two border crossings.",
    "published": "2017-08-30T09:00:00+00:00",
    "outlet": "The International Evening Correspondent",
    "url": "https://correspondent.example/border",
}


def test_articles_filters_searches_and_counts(tmp_path: Path) -> None:
    store_of(tmp_path, LONG, SPORT, {**SPORT, "url": "https://sport.example/2", "title": "Replay"})
    by_outlet = run("articles", "--outlet", "town", "--format", "json", cwd=tmp_path)
    assert sorted(json.loads(x)["title"] for x in by_outlet.stdout.splitlines()) == [
        "Cup final",
        "Replay",
    ]
    found = run("articles", "--search", "BORDER reopen", cwd=tmp_path).stdout.splitlines()
    assert len(found) == 2 and found[1].endswith(LONG["title"])  # piped: nothing is cut
    assert run("articles", "--count-by", "day", cwd=tmp_path).stdout == (
        "DAY         ARTICLES\n2017-08-30  1\n2017-08-31  2\n"
    )
    counted = run("articles", "--count-by", "outlet", "--format", "json", cwd=tmp_path)
    assert [json.loads(x) for x in counted.stdout.splitlines()] == [
        {"outlet": "The International Evening Correspondent", "articles": 1},
        {"outlet": "Town Sport", "articles": 2},
    ]
    bad = run("articles", "--count-by", "week", cwd=tmp_path)
    assert bad.returncode == 2
    assert bad.stderr == "briefgen: error: --count-by 'week': choose from day, outlet, language\n"


def test_articles_says_when_there_is_nothing_to_list_and_makes_no_store(tmp_path: Path) -> None:
    # No store in this folder: an error naming the path, and no empty store left behind.
    missing = run("articles", cwd=tmp_path)
    assert missing.returncode == 1
    assert missing.stdout == ""
    assert missing.stderr.startswith("briefgen: error: no article store at reports/briefgen.db")
    assert not (tmp_path / "reports").exists()
    assert run("articles", "--skipped", cwd=tmp_path).returncode == 1
    assert run("ingest", "--reanalyse", cwd=tmp_path).returncode == 1
    assert not (tmp_path / "reports").exists()
    # A store with nothing that day: the listing is empty and a note says so.
    store_of(tmp_path, LONG)
    none = run("articles", "--date", "2001-01-01", "--format", "json", cwd=tmp_path)
    assert none.returncode == 0
    assert none.stdout == ""
    assert none.stderr == "no articles for 2001-01-01 in reports/briefgen.db\n"


def test_a_terminal_table_cuts_long_names_with_an_ellipsis() -> None:
    from datetime import UTC, datetime

    from briefgen.cli.tools import article_table
    from briefgen.models import Article

    article = Article(
        title=LONG["title"],
        paragraphs=(LONG["text"],),
        published=datetime(2017, 8, 30, 9, tzinfo=UTC),
        outlet=LONG["outlet"],
    )
    header, row = article_table([article], "UTC", width=80)
    assert len(row) == 80
    assert row.endswith("…")
    assert "The International Eve…" in row
    assert "Ministers from both…" in row
    assert header.startswith("ID          PUBLISHED (UTC)   LANG  OUTLET")


def test_articles_remove_deletes_from_the_store(tmp_path: Path) -> None:
    store_of(tmp_path, LONG, SPORT)
    listed = run("articles", "--format", "json", cwd=tmp_path).stdout.splitlines()
    long_id = next(json.loads(x)["id"] for x in listed if json.loads(x)["outlet"] != "Town Sport")
    removed = run("articles", "--remove", long_id[:8], cwd=tmp_path)
    assert removed.returncode == 0, removed.stderr
    assert removed.stdout == f"removed {long_id}  {LONG['title']}\n"
    left = run("articles", "--format", "json", cwd=tmp_path).stdout.splitlines()
    assert [json.loads(x)["title"] for x in left] == ["Cup final"]
    missing = run("articles", "--remove", "ffffffff", cwd=tmp_path)
    assert missing.returncode == 2
    assert missing.stderr == (
        "briefgen: error: no stored article has the id 'ffffffff'; see `briefgen articles`\n"
    )


def test_editions_lists_and_removes_editions(workdir: Path) -> None:
    for day in ("2017-08-31", "2004-11-13"):
        assert run("build", "--date", day, "--format", "html,json", cwd=workdir).returncode == 0
    listed = run("editions", cwd=workdir).stdout.splitlines()
    assert [line.split()[:3] for line in listed] == [
        ["2017-08-31", "No.", "1"],
        ["2004-11-13", "No.", "2"],
    ]
    assert listed[0].split("points")[1].split()[:2] == ["html", "json"]
    removed = run("editions", "--remove", "2004-11-13", cwd=workdir)
    assert removed.returncode == 0, removed.stderr
    assert removed.stdout == "removed the edition of 2004-11-13: 4 files\n"
    assert not (workdir / "reports" / "2004-11-13").exists()
    assert not list((workdir / "reports" / ".editions").glob("2004-11-13.*"))  # its build too
    index = (workdir / "reports" / "index.html").read_text(encoding="utf-8")
    assert "2004-11-13" not in index and "2017-08-31" in index
    feed = (workdir / "reports" / "feed.xml").read_text(encoding="utf-8")
    assert feed.count("<entry>") == 1
    assert [
        json.loads(x)["date"]
        for x in run("editions", "--format", "json", cwd=workdir).stdout.splitlines()
    ] == ["2017-08-31"]
    again = run("editions", "--remove", "2004-11-13", cwd=workdir)
    assert again.returncode == 2
    assert again.stderr == (
        "briefgen: error: no edition for 2004-11-13 under reports; see `briefgen editions`\n"
    )
    rebuilt = run("build", "--date", "2004-11-13", "--format", "json", cwd=workdir)
    assert rebuilt.returncode == 0
    assert "No. 2" in run("editions", cwd=workdir).stdout.splitlines()[1]


def documented_commands() -> list[list[str]]:
    """Every `briefgen …` command line in the README and docs/, as arguments."""
    import shlex

    from tests.conftest import REPO

    found = []
    for doc in [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]:
        blocks = re.findall(r"```(?:sh|console)?\n(.*?)```", doc.read_text("utf-8"), re.S)
        for line in "\n".join(blocks).splitlines():
            command = line.split("| ", 1)[-1].strip()
            if command.startswith("briefgen "):
                found.append(shlex.split(command, comments=True)[1:])
    return found


def test_every_documented_command_parses(tmp_path: Path) -> None:
    commands = documented_commands()
    assert len(commands) >= 15
    for args in commands:
        result = run(*args, "--help", cwd=tmp_path)
        assert result.returncode == 0, (args, result.stderr)


def test_every_command_is_in_the_readme() -> None:
    from briefgen.cli import app
    from tests.conftest import REPO

    readme = (REPO / "README.md").read_text("utf-8")
    for command in app.registered_commands:
        name = command.name or command.callback.__name__  # type: ignore[union-attr]
        assert f"briefgen {name}" in readme, name


def test_a_stored_day_in_another_language_is_not_said_to_be_unread(tmp_path: Path) -> None:
    store_of(tmp_path, GERMAN)
    result = run("build", "--date", "2017-08-31", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr == (
        "briefgen: no articles in English for 2017-08-31 (1 article left out, not in "
        "English: 1 German); no report written\n"
    )
    empty = run("build", "--date", "2017-09-01", cwd=tmp_path)
    assert "(nothing was read: no --input, no [sources] paths, no ./seeds)" in empty.stderr


def test_short_stories_with_a_line_in_passing_are_filed_by_their_subject(tmp_path: Path) -> None:
    day = tmp_path / "in" / "2026-12-01"
    day.mkdir(parents=True)
    stories = {
        "duties": "Velmar raises duties on Nordvik cars\n\nVelmar raised import duties on cars "
        "from Nordvik to 25 per cent on Monday. Police said the man was taken to hospital.\n",
        "troops": "Troops deployed to Kessel\n\nVelmar sent 2,000 troops to Kessel after rebels "
        "seized the town's airport. The minister later attended a football match.\n",
        "flowers": "Kessel flower show opens\n\nThe annual flower show opened in Kessel on "
        "Saturday with a record number of gardens. The weather was cold.\n",
    }
    for name, text in stories.items():
        (day / f"{name}.txt").write_text(text, encoding="utf-8")
    result = run("build", "--date", "2026-12-01", "-i", "in", "--format", "json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    data = json.loads(
        (tmp_path / "reports" / "2026-12-01" / "briefing-2026-12-01.json").read_text("utf-8")
    )
    filed = {
        (s["key"], p["source"]["title"], p["classification"].get("read_from"))
        for s in data["sections"]
        for p in s["points"]
    }
    assert filed == {
        ("security", "Troops deployed to Kessel", "subject"),
        ("trade", "Velmar raises duties on Nordvik cars", "subject"),
    }
    assert data["stats"]["stories_left_out"] == 1
