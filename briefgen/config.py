"""Typed settings: defaults here, then ``briefgen.toml``, then the environment, then the CLI.

Each field has a default and a docstring (the string literal under it). The
whole file is validated before any work starts and every problem is reported
at once, one line each, naming the file and the full key (see
:mod:`briefgen.checks` for what is checked beyond types).
"""

from __future__ import annotations

import os
import tomllib
import types
import typing
from dataclasses import dataclass, field, fields, is_dataclass, replace
from pathlib import Path
from typing import Any, Literal, get_args, get_origin

from briefgen.algorithms import Algorithm
from briefgen.checks import settings_problems, value_problem
from briefgen.errors import ConfigError

CONFIG_NAME = "briefgen.toml"


@dataclass(frozen=True)
class BuildSettings:
    out: Path = Path("reports")
    """Folder the editions are written to, one sub-folder per date."""
    formats: tuple[str, ...] = ("html", "pdf", "json")
    """Which files to write: any of html, pdf, json."""
    algorithm: Algorithm = "briefgen"
    """How each article's sentences are ranked: briefgen (the default, measured best on
    BBC news), lead, lexrank, textrank, lsa, luhn, kl, sumbasic or edmundson."""
    max_points: int = 5
    """Most points per section."""
    key_points: int = 4
    """How many lines the 'Key points' list at the top carries (3-5 reads best)."""
    sentences_per_article: int = 8
    """Candidate sentences taken from each article before composing the day."""
    timezone: str = "UTC"
    """Timezone whose calendar day is the briefing day."""
    window: str = "1d"
    """How far back from the end of the briefing day articles count, e.g. 1d, 2d, 36h."""
    title: str = "Daily Briefing"
    """Title on the masthead and in the document metadata."""
    strict: bool = False
    """Treat an empty day and skipped inputs as failures (non-zero exit)."""
    workers: int = 0
    """Processes for per-article work and a big day's story grouping; 0: one per core."""


@dataclass(frozen=True)
class SourceSettings:
    paths: tuple[str, ...] = ()
    """Files, folders, page URLs and feed URLs that every build ingests first."""


@dataclass(frozen=True)
class StoreSettings:
    db: Path | str | None = None
    """The article store: a SQLite file (default OUT/briefgen.db) or a PostgreSQL URL,
    postgresql://user@host:port/dbname (needs the postgres extra). Also BRIEFGEN_DB."""
    max_file_bytes: int = 20_000_000
    """Inputs larger than this many bytes are skipped with a warning."""
    fetch_timeout: float = 20.0
    """Seconds to wait for a URL before giving up."""


@dataclass(frozen=True)
class TaxonomySettings:
    file: Path | None = None
    """A TOML taxonomy that replaces the built-in one."""
    terms: dict[str, dict[str, float]] = field(default_factory=dict)
    """Extra weighted terms per section, e.g. {security = {"drone strike" = 3.0}}."""


@dataclass(frozen=True)
class RenderSettings:
    page_size: Literal["A4", "Letter"] = "A4"
    """Paper size of the PDF."""
    marking: str = ""
    """Handling marking printed on every page, e.g. OFFICIAL."""
    organisation: str = "briefgen"
    """Author of the document, shown in the footer and the PDF metadata."""
    templates: Path | None = None
    """A folder of templates that override the default theme."""
    pdf_variant: str | None = None
    """A PDF variant WeasyPrint supports, e.g. pdf/a-3b."""


@dataclass(frozen=True)
class EmailSettings:
    host: str = "localhost"
    """SMTP server. Also BRIEFGEN_SMTP_HOST."""
    port: int = 25
    """SMTP port. Also BRIEFGEN_SMTP_PORT."""
    security: Literal["none", "starttls", "ssl"] = "none"
    """Transport security. Also BRIEFGEN_SMTP_SECURITY."""
    user: str = ""
    """Login name; empty for no login. Also BRIEFGEN_SMTP_USER."""
    password: str = field(default="", repr=False)
    """Login password. Prefer BRIEFGEN_SMTP_PASSWORD to writing it here."""
    sender: str = "briefgen@localhost"
    """From address. Also BRIEFGEN_MAIL_FROM."""
    recipients: tuple[str, ...] = ()
    """Readers who get every edition."""
    subject: str = "{title} — {date}"
    """Subject line; {title}, {date} and {edition} are filled in."""
    bcc_batch: int = 0
    """0 sends one message per reader; N sends one message per N readers in Bcc."""
    send_empty: bool = False
    """Send an edition that has no points."""
    timeout: float = 30.0
    """Seconds to wait for the SMTP server."""
    retry_hours: float = 48.0
    """Keep retrying a reader whose mail server fails temporarily for this many hours,
    then give up (until `briefgen outbox --requeue`). Problems on this side, such as a
    missing edition or PDF, keep the reader queued however long they last."""


@dataclass(frozen=True)
class SectionSettings:
    """A custom section, ``[sections.NAME]``: found by its terms and example sentences."""

    title: str = ""
    """Heading of the section; default the name, capitalised."""
    terms: tuple[str, ...] = ()
    """Words and phrases a story in the section uses, e.g. ["oil", "crude", "opec"]."""
    examples: tuple[str, ...] = ()
    """Sentences such as the section's stories open with."""
    avoid: tuple[str, ...] = ()
    """Sentences the section must not take (a story closer to these stays out)."""
    threshold: float = 0.0
    """How strongly a story must match to enter the section; 0 uses the measured default."""


@dataclass(frozen=True)
class DeskSettings:
    """One briefing of several from the same store, ``[desks.NAME]``."""

    title: str = ""
    """Title on the desk's masthead and in its mail subject; default the name."""
    sections: tuple[str, ...] = ("security", "diplomacy", "trade")
    """The desk's sections, in reading order: security, diplomacy, trade and custom ones."""
    mentions: tuple[str, ...] = ()
    """Keep only articles naming one of these (countries, organisations, people, words)."""
    outlets: tuple[str, ...] = ()
    """Keep only articles from these outlets (empty: every outlet)."""
    exclude_outlets: tuple[str, ...] = ()
    """Leave out articles from these outlets."""
    languages: tuple[str, ...] = ()
    """Keep only articles in these languages, e.g. ["en"] (empty: every one briefed)."""
    max_points: int = 0
    """Most points per section; 0 uses build.max_points."""
    marking: str = ""
    """Handling marking on every page; empty uses render.marking."""
    templates: Path | None = None
    """A folder of templates for this desk; default render.templates."""
    recipients: tuple[str, ...] = ()
    """Readers of this desk's editions (on top of email.recipients only for no desk)."""
    schedule: str = ""
    """Local time (HH:MM, build.timezone) `briefgen schedule` builds and mails the desk."""


@dataclass(frozen=True)
class ReaderSettings:
    """A reader's own choice, ``[readers."ADDRESS"]``."""

    sections: tuple[str, ...] = ()
    """The sections this reader gets from every desk they read (empty: all of them)."""


@dataclass(frozen=True)
class ExecutorSettings:
    address: str = ""
    """A Dask scheduler, e.g. tcp://host:8786, to run per-article analysis and each desk's
    edition on (needs the dask extra); empty runs them on this machine's cores. Also
    --scheduler."""


@dataclass(frozen=True)
class Settings:
    build: BuildSettings = field(default_factory=BuildSettings)
    sources: SourceSettings = field(default_factory=SourceSettings)
    store: StoreSettings = field(default_factory=StoreSettings)
    taxonomy: TaxonomySettings = field(default_factory=TaxonomySettings)
    render: RenderSettings = field(default_factory=RenderSettings)
    email: EmailSettings = field(default_factory=EmailSettings)
    executor: ExecutorSettings = field(default_factory=ExecutorSettings)
    desks: dict[str, DeskSettings] = field(default_factory=dict)
    sections: dict[str, SectionSettings] = field(default_factory=dict)
    readers: dict[str, ReaderSettings] = field(default_factory=dict)
    #: The file these settings came from, if any.
    path: Path | None = None

    @property
    def db_path(self) -> Path | str:
        """The store's SQLite file, or its PostgreSQL URL."""
        return self.store.db or self.build.out / "briefgen.db"


ENV_OVERRIDES: dict[str, tuple[str, str]] = {
    "BRIEFGEN_DB": ("store", "db"),
    "BRIEFGEN_SMTP_HOST": ("email", "host"),
    "BRIEFGEN_SMTP_PORT": ("email", "port"),
    "BRIEFGEN_SMTP_USER": ("email", "user"),
    "BRIEFGEN_SMTP_PASSWORD": ("email", "password"),
    "BRIEFGEN_SMTP_SECURITY": ("email", "security"),
    "BRIEFGEN_MAIL_FROM": ("email", "sender"),
}


def load_settings(
    path: Path | None = None,
    *,
    env: typing.Mapping[str, str] | None = None,
    cwd: Path | None = None,
) -> Settings:
    """Read ``path`` (or ``briefgen.toml`` in ``cwd`` when it exists) and the environment.

    Relative paths in the file are taken relative to the file's folder.
    """
    env = os.environ if env is None else env
    shown = path  # as the user wrote it, for messages
    if path is None:
        candidate = (cwd or Path.cwd()) / CONFIG_NAME
        path = candidate if candidate.is_file() else None
        shown = Path(CONFIG_NAME)
    raw: dict[str, Any] = {}
    base = cwd or Path.cwd()
    if path is not None:
        if not path.is_file():
            raise ConfigError(f"config file {path} does not exist")
        try:
            raw = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{path}: not valid TOML: {exc}") from exc
        base = path.parent
    file_errors: list[str] = []
    settings: Settings = _build(Settings, raw, "", base, file_errors)
    where = f"{shown}: " if path else ""
    errors = [where + e for e in file_errors]
    for var, (table, key) in ENV_OVERRIDES.items():
        if not env.get(var):
            continue
        env_errors: list[str] = []
        section = getattr(settings, table)
        updated = _apply(section, {key: env[var]}, f"{table}.", Path.cwd(), env_errors, True)
        settings = replace(settings, **{table: updated})
        errors += [f"environment variable {var}: {e}" for e in env_errors]
    for key, problem in settings_problems(settings):
        errors.append(f"{where}{key}: {problem}")
    if errors:
        raise ConfigError("\n".join(errors))
    return replace(settings, path=path)


def override(settings: Settings, table: str, **values: Any) -> Settings:
    """Return ``settings`` with fields of one table replaced (None values are ignored).

    The new values are checked as a file's would be; ConfigError names each bad one.
    """
    values = {k: v for k, v in values.items() if v is not None}
    if not values:
        return settings
    problems = [
        f"{table}.{key}: {problem}"
        for key, value in values.items()
        if (problem := value_problem(table, key, value))
    ]
    if problems:
        raise ConfigError("\n".join(problems))
    return replace(settings, **{table: replace(getattr(settings, table), **values)})


def _build(cls: type[Any], raw: Any, prefix: str, base: Path, errors: list[str]) -> Any:
    if not isinstance(raw, dict):
        errors.append(f"{prefix.rstrip('.') or 'config'}: expected a table")
        return cls()
    return _apply(cls(), raw, prefix, base, errors)


def _build_tables(
    cls: type[Any], raw: Any, prefix: str, base: Path, errors: list[str]
) -> dict[str, Any]:
    """``[prefix.NAME]`` tables, each read as ``cls``: desks, custom sections, readers."""
    if not isinstance(raw, dict):
        errors.append(f"{prefix}: expected tables such as [{prefix}.NAME]")
        return {}
    return {
        str(name): _build(cls, table, f"{prefix}.{name}.", base, errors)
        for name, table in raw.items()
    }


def _apply(
    obj: Any,
    raw: dict[str, Any],
    prefix: str,
    base: Path,
    errors: list[str],
    coerce: bool = False,
) -> Any:
    hints = typing.get_type_hints(type(obj))
    known = {f.name for f in fields(obj) if f.name != "path"}
    values: dict[str, Any] = {}
    for key, value in raw.items():
        name = prefix + key
        if key not in known:
            errors.append(f"{name}: unknown setting (known: {', '.join(sorted(known))})")
            continue
        hint = hints[key]
        if get_origin(hint) is dict and is_dataclass(get_args(hint)[1]):
            values[key] = _build_tables(get_args(hint)[1], value, name, base, errors)
            continue
        if is_dataclass(hint):
            values[key] = _build(hint, value, name + ".", base, errors)  # type: ignore[arg-type]
            continue
        try:
            values[key] = _convert(value, hint, base, coerce)
        except (TypeError, ValueError) as exc:
            errors.append(f"{name}: {exc}")
            continue
        problem = value_problem(prefix.rstrip("."), key, values[key])
        if problem:
            errors.append(f"{name}: {problem}")
    return replace(obj, **values)


def _convert(value: Any, hint: Any, base: Path, coerce: bool) -> Any:
    origin = get_origin(hint)
    args = get_args(hint)
    if origin in (types.UnionType, typing.Union):
        if value == "":
            return None  # an optional setting left empty is not set
        inner = [a for a in args if a is not type(None)]
        return _convert(value, inner[0], base, coerce)
    if origin is Literal:
        if value not in args:
            raise ValueError(f"must be one of {', '.join(map(str, args))}, not {value!r}")
        return value
    if hint is Path:
        if not isinstance(value, str):
            raise TypeError(f"expected a path string, got {type(value).__name__}")
        if value.startswith(("postgresql://", "postgres://")):
            return value  # a database URL (only [store] db takes one; see checks)
        p = Path(value).expanduser()
        return p if p.is_absolute() else base / p
    if hint is bool:
        if coerce and isinstance(value, str):
            return value.lower() in ("1", "true", "yes", "on")
        if not isinstance(value, bool):
            raise TypeError(f"expected true or false, got {value!r}")
        return value
    if hint in (int, float):
        if coerce and isinstance(value, str):
            try:
                return hint(value)
            except ValueError:
                raise ValueError(f"expected a number, got {value!r}") from None
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise TypeError(f"expected a number, got {value!r}")
        if hint is int and not isinstance(value, int):
            raise TypeError(f"expected a whole number, got {value!r}")
        return hint(value)
    if hint is str:
        if not isinstance(value, str):
            raise TypeError(f"expected a string, got {value!r}")
        return value
    if origin is tuple:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise TypeError("expected a list of strings")
        return tuple(value)
    if origin is dict:
        if not isinstance(value, dict):
            raise TypeError("expected a table")
        out: dict[str, dict[str, float]] = {}
        for section, terms in value.items():
            if not isinstance(terms, dict) or not all(
                isinstance(w, (int, float)) and not isinstance(w, bool) for w in terms.values()
            ):
                raise TypeError(f"{section}: expected a table of term = weight")
            out[section] = {str(t): float(w) for t, w in terms.items()}
        return out
    raise TypeError(f"unsupported setting type {hint!r}")  # pragma: no cover


def field_docs(cls: type[Any]) -> dict[str, str]:
    """The docstring under each field of a settings class, read from the source."""
    import ast
    import inspect
    import itertools
    import textwrap

    tree = ast.parse(textwrap.dedent(inspect.getsource(cls)))
    body = tree.body[0].body  # type: ignore[attr-defined]
    docs: dict[str, str] = {}
    for node, after in itertools.pairwise(body):
        if (
            isinstance(node, ast.AnnAssign)
            and isinstance(node.target, ast.Name)
            and isinstance(after, ast.Expr)
            and isinstance(after.value, ast.Constant)
            and isinstance(after.value.value, str)
        ):
            docs[node.target.id] = " ".join(after.value.value.split())
    return docs


def starter_toml() -> str:
    """A ``briefgen.toml`` with every setting, its default and what it does, commented out."""
    lines = ["# briefgen settings. Every key is optional; remove the # to change one.", ""]
    for table in fields(Settings):
        if table.name == "path":
            continue
        cls = typing.get_type_hints(Settings)[table.name]
        if get_origin(cls) is dict:
            continue  # named tables: see DESK_EXAMPLE
        lines.append(f"[{table.name}]")
        docs = field_docs(cls)
        for f in fields(cls):
            lines.append(f"# {docs.get(f.name, '')}".rstrip())
            lines.append(f"# {f.name} = {_toml_value(getattr(cls(), f.name))}")
        lines.append("")
    return "\n".join(lines)


#: The two desks ``briefgen init --desks`` writes (and docs/desks.md shows).
DESK_EXAMPLE = """\
# Desks: each is a briefing of its own from the same store, written to OUT/NAME/DATE/.
# `briefgen build` builds every desk (or --desk NAME); `briefgen send` mails each desk's
# readers. Remove these tables for one briefing under OUT/DATE/.

[desks.asia]
title = "Asia Desk"
sections = ["security", "diplomacy"]
# Only articles naming one of these (whole words, any case).
mentions = [
    "China", "Chinese", "Japan", "Japanese", "North Korea", "South Korea", "Korean",
    "Taiwan", "Beijing", "Tokyo",
]
recipients = ["asia@example.org"]

[desks.markets]
title = "Markets"
sections = ["trade", "energy"]
recipients = ["markets@example.org", "asia@example.org"]

# A custom section: a story goes in when its headline and lead use these terms and read
# like the examples; `briefgen classify --explain` shows why.
[sections.energy]
title = "Energy"
terms = ["oil", "opec", "crude", "barrel", "gas", "refinery", "energy"]
examples = [
    "OPEC agreed to cut crude output by one million barrels a day.",
    "Oil prices rose after the refinery fire.",
]
# Stories that use the terms but are no energy news read like these.
avoid = ["Growers expect a bigger palm oil harvest as new plantations mature."]
"""


def _toml_value(value: Any) -> str:
    if value is None:
        return '""'
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, Path):
        return f'"{value.as_posix()}"'
    if isinstance(value, tuple):
        return "[" + ", ".join(f'"{v}"' for v in value) + "]"
    if isinstance(value, dict):
        return "{}"
    return '"' + str(value).replace("\\", "\\\\").replace('"', '\\"') + '"'
