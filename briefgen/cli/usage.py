"""How the commands present themselves: help pages, usage lines and usage errors.

Typer's own help shows Python types (``<list[Path]>``, ``<int range>``) and cuts
command summaries with "…"; its usage errors come in click's style, unlike
briefgen's one-line errors. These classes write the help from what each
parameter declares (its metavar and help text) and nothing else, and
:func:`run` reports a usage error as ``briefgen: error: …`` like every other.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Any

import typer
from typer.core import TyperCommand, TyperGroup

try:  # typer 0.20 and later carry their own copy of click
    from typer._click.exceptions import ClickException, UsageError
except ImportError:  # pragma: no cover - older typer uses click itself
    from click.exceptions import ClickException, UsageError  # type: ignore[assignment]

#: -h and --help both show a command's help.
CONTEXT_SETTINGS: dict[str, Any] = {"help_option_names": ["-h", "--help"]}


def _metavar(param: Any) -> str:
    return str(param.metavar or param.name.upper())


def _argument_usage(param: Any) -> str:
    name = _metavar(param)
    if param.nargs != 1 and not name.endswith("..."):
        name += "..."
    return name if param.required else f"[{name}]"


def _option_label(param: Any) -> str:
    names = ", ".join(sorted(param.opts, key=lambda o: (o.startswith("--"), o)))
    if getattr(param, "is_flag", False) or getattr(param, "count", False):
        return names
    return f"{names} {_metavar(param)}"


def _records(command: Any, ctx: Any) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    arguments: list[tuple[str, str]] = []
    options: list[tuple[str, str]] = []
    for param in command.get_params(ctx):
        if getattr(param, "hidden", False):
            continue
        if param.param_type_name == "argument":
            arguments.append((_argument_usage(param).strip("[]"), param.help or ""))
        elif param.param_type_name == "option":
            options.append((_option_label(param), param.help or ""))
    return arguments, options


def _write(command: Any, ctx: Any, formatter: Any) -> None:
    arguments, options = _records(command, ctx)
    if arguments:
        with formatter.section("Arguments"):
            formatter.write_dl(arguments)
    if options:
        with formatter.section("Options"):
            formatter.write_dl(options)


def _summary(help_text: str | None) -> str:
    """The first paragraph of a command's help, whole: never cut with an ellipsis."""
    first = (help_text or "").strip().split("\n\n")[0]
    return " ".join(first.split())


class Command(TyperCommand):
    """A briefgen command: usage and help from metavars and help texts only."""

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        pieces += [
            _argument_usage(p) for p in self.get_params(ctx) if p.param_type_name == "argument"
        ]
        return pieces

    def format_options(self, ctx: Any, formatter: Any) -> None:
        _write(self, ctx, formatter)

    def get_short_help_str(self, limit: int = 45) -> str:
        return self.short_help or _summary(self.help)


class Group(TyperGroup):
    """The ``briefgen`` command itself: its options, then every command with its summary."""

    def format_options(self, ctx: Any, formatter: Any) -> None:
        _write(self, ctx, formatter)
        self.format_commands(ctx, formatter)


def run(app: typer.Typer, args: Sequence[str] | None = None) -> int:
    """Run ``app`` and return its exit code; a usage error is one ``briefgen: error:`` line."""
    command = typer.main.get_command(app)
    try:
        result = command.main(args=args, prog_name="briefgen", standalone_mode=False)
    except UsageError as exc:
        if type(exc).__name__ == "NoArgsIsHelpError":
            exc.show()  # `briefgen` alone: the help page
            return int(exc.exit_code)
        message = exc.format_message().rstrip(".")
        message = message[:1].lower() + message[1:]
        where = exc.ctx.command_path if exc.ctx is not None else "briefgen"
        typer.echo(f"briefgen: error: {message} (see '{where} --help')", err=True)
        return int(exc.exit_code)
    except ClickException as exc:
        typer.echo(f"briefgen: error: {exc.format_message()}", err=True)
        return int(exc.exit_code)
    except typer.Abort:
        typer.echo("briefgen: error: aborted", err=True)
        return 1
    return result if isinstance(result, int) else 0


def exit_quietly_on_closed_pipe() -> None:
    """The reader of our output went away (``briefgen articles | head``): stop, say nothing.

    Later writes and the interpreter's final flush would fail again, so standard
    output is pointed at /dev/null first.
    """
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
