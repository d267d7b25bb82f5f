"""The ``briefgen`` command: option parsing, one library call, errors to exit codes.

Exit codes: 0 success; 1 build error; 2 usage or configuration error;
3 delivered partially or messages left queued; 4 another run holds the lock.
Library modules are imported inside the commands so that ``--help`` is quick.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer

from briefgen import __version__

app = typer.Typer(
    name="briefgen",
    help="Dated Security / Trade / Diplomacy briefings from a day's news articles.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

ConfigOption = Annotated[
    Path | None,
    typer.Option("--config", "-c", help="Settings file (default: ./briefgen.toml if present)."),
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
) -> None:
    """Dated Security / Trade / Diplomacy briefings from a day's news articles."""


def error(message: str) -> None:
    """One clear line on stderr."""
    typer.echo(f"briefgen: error: {message}", err=True)


def warn(message: str) -> None:
    typer.echo(f"briefgen: warning: {message}", err=True)


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
from briefgen.cli import tools as _tools  # noqa: E402

_COMMAND_MODULES = [_build, _tools]
try:  # delivery commands live in their own module
    from briefgen.cli import deliver as _deliver

    _COMMAND_MODULES.append(_deliver)
except ImportError:  # pragma: no cover
    pass


def main() -> None:
    try:
        app()
    except BrokenPipeError:  # e.g. `briefgen articles | head`
        sys.stderr.close()
        sys.exit(0)
