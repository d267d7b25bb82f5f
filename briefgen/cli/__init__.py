"""The ``briefgen`` command: option parsing, one library call, errors to exit codes.

Exit codes: 0 success; 1 build error; 2 usage or configuration error;
3 delivered partially or messages left queued; 4 another run holds the lock.
Library modules are imported inside the commands so that ``--help`` is quick.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer

from briefgen import __version__
from briefgen.algorithms import ALGORITHM_NAMES
from briefgen.cli.usage import CONTEXT_SETTINGS, Command, Group, exit_quietly_on_closed_pipe

app = typer.Typer(
    name="briefgen",
    cls=Group,
    help="Dated Security / Trade / Diplomacy briefings from a day's news articles.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings=CONTEXT_SETTINGS,
)

#: Every command is made with this class, so that its help reads the same way.
COMMAND = Command

ConfigOption = Annotated[
    Path | None,
    typer.Option(
        "--config",
        "-c",
        metavar="FILE",
        help="Settings file (default ./briefgen.toml when there is one).",
    ),
]
#: ``--date``: one definition of "the day" for every command (build.timezone's calendar).
DATE_HELP = "today, yesterday or YYYY-MM-DD, in build.timezone"
DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        metavar="FILE|URL",
        help="Article store: a SQLite file (default OUT/briefgen.db) or a postgresql:// URL.",
    ),
]


def db_target(db: str | None) -> Path | str | None:
    """A ``--db`` value as the store setting: a URL stays text, anything else is a path."""
    from briefgen.database import as_target

    return as_target(db) if db else None


SchedulerOption = Annotated[
    str | None,
    typer.Option(
        "--scheduler",
        metavar="URL",
        help="Dask scheduler (tcp://host:8786) to analyse articles on (default executor.address).",
    ),
]
OutOption = Annotated[
    Path | None,
    typer.Option("--out", "-o", metavar="DIR", help="Folder of the editions (default reports)."),
]
AlgorithmOption = Annotated[
    str | None,
    typer.Option(
        "--algorithm",
        "-a",
        metavar="NAME",
        help="How sentences are ranked: " + ", ".join(ALGORITHM_NAMES) + " "
        "(default build.algorithm, briefgen).",
    ),
]
DeskOption = Annotated[
    list[str] | None,
    typer.Option("--desk", metavar="NAME", help="Only this desk of [desks.NAME] (repeatable)."),
]
AllDesksOption = Annotated[
    bool, typer.Option("--all-desks", help="Every desk (the default when desks are configured).")
]
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="Print nothing on success.")]
VerboseOption = Annotated[bool, typer.Option("--verbose", "-v", help="Say more as it works.")]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"briefgen {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
    log_file: Annotated[
        Path | None,
        typer.Option(
            "--log-file",
            envvar="BRIEFGEN_LOG_FILE",
            metavar="FILE",
            help="Also append every message, with a timestamp, to this file "
            "(or set BRIEFGEN_LOG_FILE).",
        ),
    ] = None,
) -> None:
    """Dated Security / Trade / Diplomacy briefings from a day's news articles."""
    global _log_file
    _log_file = log_file


#: Where messages are also appended (``--log-file``), for runs nobody watches.
_log_file: Path | None = None


def log(message: str) -> None:
    """Append one timestamped line to the log file, when there is one."""
    if _log_file is None:
        return
    from datetime import datetime

    stamp = datetime.now().astimezone().isoformat(timespec="seconds")
    try:
        _log_file.parent.mkdir(parents=True, exist_ok=True)
        with _log_file.open("a", encoding="utf-8", errors="backslashreplace") as fh:
            for line in message.splitlines() or [""]:
                fh.write(f"{stamp} {line}\n")
    except OSError as exc:
        typer.echo(f"briefgen: warning: cannot write log file {_log_file}: {exc}", err=True)


def _encodable(message: str) -> str:
    # Names are escaped where they are read (ingest.base.display_name); this keeps
    # any undecodable byte that still slips through from ending the run.
    return message.encode("utf-8", "backslashreplace").decode("utf-8")


def error(message: str) -> None:
    """One clear line on stderr for each problem in ``message`` (one per line)."""
    message = _encodable(message)
    for line in message.splitlines() or [""]:
        typer.echo(f"briefgen: error: {line}", err=True)
        log(f"error: {line}")


def warn(message: str) -> None:
    message = _encodable(message)
    typer.echo(f"briefgen: warning: {message}", err=True)
    log(f"warning: {message}")


#: Items of one export (its lines or objects) listed on stderr when they are left out;
#: the rest are counted in one line, and every one is logged.
SKIPS_LISTED = 10
#: How a reader names an item of an export it left out: "export.jsonl, line 3".
_EXPORT_ITEM = re.compile(r"(.+), (?:line|article) \d+")


class SkipWarnings:
    """The warning for each input or item left out: logged always, printed unless
    ``quiet``, and for an export whose items are left out by the thousand (every line
    lacks a field) at most :data:`SKIPS_LISTED` of them, then one line counting the
    rest (:meth:`finish`) instead of a screen per item in cron's mail."""

    def __init__(self, *, quiet: bool = False) -> None:
        self.quiet = quiet
        self.per_input: dict[str, int] = {}

    def __call__(self, skip: Any) -> None:
        item = _EXPORT_ITEM.fullmatch(str(skip.name))
        source = item[1] if item else str(skip.name)
        seen = self.per_input[source] = self.per_input.get(source, 0) + 1
        if self.quiet or seen > SKIPS_LISTED:
            log(f"warning: {skip}")
        else:
            warn(str(skip))

    def finish(self) -> None:
        for source, seen in self.per_input.items():
            if seen > SKIPS_LISTED and not self.quiet:
                typer.echo(
                    f"briefgen: warning: {seen - SKIPS_LISTED:,} more items of "
                    f"{_encodable(source)} left out, not listed here (briefgen articles "
                    "--skipped lists them, and --log-file keeps each)",
                    err=True,
                )


def note(message: str, *, quiet: bool = False, err: bool = False) -> None:
    """A result line: printed unless ``quiet``, always logged."""
    message = _encodable(message)
    if not quiet:
        typer.echo(message, err=err)
    log(message)


@contextmanager
def handle_errors() -> Iterator[None]:
    """Turn briefgen's errors into one line and an exit code; never a traceback."""
    from briefgen.errors import BriefgenError

    try:
        yield
    except BriefgenError as exc:
        error(str(exc))
        raise typer.Exit(exc.exit_code) from None
    except KeyboardInterrupt:
        error("interrupted")
        raise typer.Exit(130) from None
    except BrokenPipeError:  # e.g. `briefgen articles | head`: the reader has what it wanted
        exit_quietly_on_closed_pipe()
        raise typer.Exit(0) from None
    except (typer.Exit, typer.Abort):
        raise
    except Exception as exc:
        # A bug, not a user error: still one line and a non-zero exit for cron,
        # with the traceback in the log file (or on screen with BRIEFGEN_DEBUG=1).
        import os
        import traceback

        if os.environ.get("BRIEFGEN_DEBUG"):
            raise
        error(f"internal error: {type(exc).__name__}: {exc} (set BRIEFGEN_DEBUG=1 for details)")
        log(traceback.format_exc())
        raise typer.Exit(1) from None


def check_algorithm(name: str | None) -> str | None:
    """``--algorithm NAME`` checked against the algorithms there are, in any case
    ("LexRank" is lexrank), as ``--format`` and ``--date`` are read."""
    from briefgen.errors import ConfigError

    if name is None:
        return None
    chosen = name.strip().lower()
    if chosen not in ALGORITHM_NAMES:
        raise ConfigError(f"--algorithm {name!r}: choose from {', '.join(ALGORITHM_NAMES)}")
    return chosen


def check_choice(option: str, value: str, choices: tuple[str, ...]) -> str:
    """``value`` when it is one of ``choices``, else a usage error naming ``option``."""
    from briefgen.errors import ConfigError

    if value not in choices:
        raise ConfigError(f"{option} {value!r}: choose from {', '.join(choices)}")
    return value


def the_day(value: str | None, settings: Any) -> date:
    """The day ``--date`` names (default today), in ``build.timezone``."""
    from briefgen.ingest.dates import briefing_day

    return briefing_day(value, settings.build.timezone)


def chosen_desks(settings: Any, names: list[str] | None, every: bool) -> Any:
    """The desks ``--desk`` names, or every desk (the default desk alone when none is set)."""
    from briefgen.desks import all_desks, desks_named
    from briefgen.errors import ConfigError

    if names and every:
        raise ConfigError("give --desk NAME or --all-desks, not both")
    if names:
        return desks_named(settings, names)
    return all_desks(settings)


def settings_from(config: Path | None) -> Any:
    from briefgen.config import load_settings

    return load_settings(config)


def run(func: Callable[[], int | None]) -> None:
    """Run one command body under the error handler and exit with its code."""
    with handle_errors():
        code = func()
    if code:
        raise typer.Exit(code)


# Command modules register themselves on ``app``.
from briefgen.cli import build as _build  # noqa: E402
from briefgen.cli import deliver as _deliver  # noqa: E402
from briefgen.cli import init as _init  # noqa: E402
from briefgen.cli import tools as _tools  # noqa: E402

_COMMAND_MODULES = (_build, _tools, _deliver, _init)


def main() -> None:
    # briefgen's dense matrices are per article and tiny: BLAS threads cannot
    # speed them up, and waking and spinning them made sentence ranking 3-10
    # times slower on two cores (docs/performance.md). Set before numpy
    # loads; a value the user set wins.
    for name in ("OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "OMP_NUM_THREADS"):
        os.environ.setdefault(name, "1")
    from briefgen.cli.usage import run as run_app

    try:
        code = run_app(app)
    except BrokenPipeError:  # e.g. `briefgen --help | head -1`
        exit_quietly_on_closed_pipe()
        code = 0
    sys.exit(code)
