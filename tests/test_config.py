import re
from dataclasses import replace
from pathlib import Path

import pytest

from briefgen.config import Settings, load_settings, override
from briefgen.errors import ConfigError


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "briefgen.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_without_a_file(tmp_path: Path) -> None:
    settings = load_settings(env={}, cwd=tmp_path)
    assert settings == Settings()
    assert settings.db_path == Path("reports") / "briefgen.db"


def test_file_values_and_relative_paths(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        '[build]\nout = "out"\nmax_points = 3\nformats = ["html"]\n'
        '[render]\npage_size = "Letter"\nmarking = "OFFICIAL"\n'
        '[taxonomy.terms.security]\n"drone strike" = 3\n',
    )
    settings = load_settings(path, env={})
    assert settings.build.out == tmp_path / "out"
    assert settings.build.max_points == 3
    assert settings.build.formats == ("html",)
    assert settings.render.page_size == "Letter"
    assert settings.taxonomy.terms == {"security": {"drone strike": 3.0}}


def test_found_in_working_directory(tmp_path: Path) -> None:
    write(tmp_path, "[build]\nmax_points = 2\n")
    assert load_settings(env={}, cwd=tmp_path).build.max_points == 2


def test_every_error_is_reported_with_its_key(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        '[build]\nmax_points = "five"\ncolour = "red"\n[render]\npage_size = "A5"\n',
    )
    with pytest.raises(ConfigError) as info:
        load_settings(path, env={})
    message = str(info.value)
    assert "build.max_points: expected a number" in message
    assert "build.colour: unknown setting" in message
    assert "render.page_size: must be one of A4, Letter" in message


def test_broken_toml_names_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, "[build\n")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_settings(path, env={})


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="does not exist"):
        load_settings(tmp_path / "nope.toml", env={})


def test_environment_wins_over_file(tmp_path: Path) -> None:
    path = write(tmp_path, '[email]\nhost = "mail.example.org"\nport = 25\n')
    settings = load_settings(
        path,
        env={
            "BRIEFGEN_SMTP_HOST": "127.0.0.1",
            "BRIEFGEN_SMTP_PORT": "2525",
            "BRIEFGEN_SMTP_PASSWORD": "s3cret",
            "BRIEFGEN_DB": str(tmp_path / "x.db"),
        },
    )
    assert settings.email.host == "127.0.0.1"
    assert settings.email.port == 2525
    assert settings.email.password == "s3cret"
    assert settings.db_path == tmp_path / "x.db"


def test_bad_environment_value_names_the_variable_key(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"email\.port"):
        load_settings(env={"BRIEFGEN_SMTP_PORT": "twenty-five"}, cwd=tmp_path)


def test_override_ignores_none() -> None:
    settings = override(Settings(), "build", max_points=None, algorithm="lead")
    assert settings.build.algorithm == "lead"
    assert settings.build.max_points == Settings().build.max_points


def test_starter_file_documents_every_setting_and_parses(tmp_path: Path) -> None:
    from dataclasses import fields

    from briefgen.config import starter_toml

    text = starter_toml()
    for table in ("build", "sources", "store", "taxonomy", "render", "email"):
        assert f"[{table}]" in text
    for f in fields(Settings().build):
        assert f"# {f.name} = " in text
    # Uncommenting every setting gives a valid file equal to the defaults.
    setting = re.compile(r"^# [a-z_]+ = ")
    uncommented = "\n".join(
        line[2:] if setting.match(line) else line
        for line in text.splitlines()
        if setting.match(line) or not line.startswith("#")
    )
    path = write(tmp_path, uncommented)
    settings = load_settings(path, env={})
    assert settings.build == replace(Settings().build, out=tmp_path / "reports")
    assert settings.store.db is None
    assert settings.render.marking == ""


def test_every_mistake_at_once_with_file_and_full_key(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "[build]\n"
        "max_points = 0\n"
        'timezone = "Mars/Olympus"\n'
        'window = "soon"\n'
        'algorithm = "magic"\n'
        'formats = ["html", "docx"]\n'
        "[email]\n"
        'recipients = ["desk@example.org", "not-an-address"]\n'
        'security = "ssl"\n',
    )
    with pytest.raises(ConfigError) as info:
        load_settings(path, env={})
    assert str(info.value).splitlines() == [
        f"{path}: build.max_points: must be at least 1, not 0",
        f"{path}: build.timezone: timezone 'Mars/Olympus' is not a known IANA zone (use a "
        "name such as UTC, Europe/London or America/New_York)",
        f"{path}: build.window: window 'soon' is not a duration: use a number of days, hours "
        "or minutes such as 1d, 2d, 36h or 1d12h",
        f"{path}: build.algorithm: must be one of briefgen, lead, lexrank, textrank, lsa, "
        "luhn, kl, sumbasic, edmundson, not 'magic'",
        f"{path}: build.formats: unknown format(s) 'docx': choose from html, pdf, json",
        f"{path}: email.recipients: 'not-an-address' is not a plain e-mail address; write it "
        "as name@example.org, without a display name, quotes or spaces",
        f"{path}: email.security: 'ssl' does not work on port 25: set email.port = 465 (the "
        "usual port for ssl), or choose another email.security",
    ]


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("[build]\nkey_points = -1\n", "build.key_points: must be at least 0, not -1"),
        ("[store]\nfetch_timeout = 0\n", "store.fetch_timeout: must be more than 0, not 0.0"),
        ("[email]\nport = 70000\n", "email.port: must be a port number from 1 to 65535"),
        ('[email]\nsender = "Desk <desk@x.org>"\n', "email.sender: 'Desk <desk@x.org>' is not"),
        ('[email]\nsubject = "{title} {day}"\n', "email.subject: unknown field {day} in"),
        ('[email]\nsecurity = "starttls"\nport = 465\n', "email.security: 'starttls' does not"),
        ('[render]\ntemplates = "nowhere"\n', "render.templates: "),
        ('[taxonomy]\nfile = "nowhere.toml"\n', "taxonomy.file: "),
        ("[taxonomy.terms.sport]\ngoal = 1.0\n", "taxonomy.terms: unknown section 'sport'"),
    ],
)
def test_values_are_checked_beyond_their_type(tmp_path: Path, text: str, line: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as info:
        load_settings(path, env={})
    assert str(info.value).startswith(f"{path}: {line}")


def test_environment_mistakes_name_the_variable(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as info:
        load_settings(
            env={"BRIEFGEN_SMTP_SECURITY": "ssl", "BRIEFGEN_SMTP_PORT": "0"}, cwd=tmp_path
        )
    assert str(info.value).splitlines() == [
        "environment variable BRIEFGEN_SMTP_PORT: email.port: must be a port number from 1 "
        "to 65535, not 0",
    ]


def test_override_checks_the_values_it_sets() -> None:
    with pytest.raises(ConfigError) as info:
        override(Settings(), "build", window="0d", max_points=0)
    assert str(info.value).splitlines() == [
        "build.window: window '0d' is empty: it must cover some time, e.g. 1d",
        "build.max_points: must be at least 1, not 0",
    ]
