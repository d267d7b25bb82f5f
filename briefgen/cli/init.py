"""``briefgen init``: a starter settings file and a template folder to adapt the theme."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from briefgen.cli import COMMAND, QuietOption, app, note, run


@app.command(cls=COMMAND)
def init(
    folder: Annotated[
        Path,
        typer.Argument(metavar="DIR", help="Folder to write into (default the current one)."),
    ] = Path("."),
    force: Annotated[
        bool, typer.Option("--force", help="Overwrite briefgen.toml and templates that exist.")
    ] = False,
    desks: Annotated[
        bool, typer.Option("--desks", help="End the settings with a two-desk example.")
    ] = False,
    quiet: QuietOption = False,
) -> None:
    """Write a starter briefgen.toml and a templates/ folder that extends the built-in theme."""

    def body() -> int:
        from briefgen.themes import write_starter

        written = write_starter(folder, force=force, desks=desks)
        note("wrote:", quiet=quiet)
        for path in written:
            note(f"  {path}", quiet=quiet)
        note(
            f"next: list your feeds and folders under [sources] paths in {written[0]} (or "
            "give --input PATH|URL), adapt the templates, then run briefgen build"
            + (f" in {folder}" if folder != Path(".") else ""),
            quiet=quiet,
        )
        return 0

    run(body)
