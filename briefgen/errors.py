"""The one error hierarchy. Only the CLI turns these into exit codes.

Messages say what failed, naming the file, key or article, and how to fix it.
"""

from __future__ import annotations

from pathlib import Path


class BriefgenError(Exception):
    """Base of every error briefgen raises on purpose."""

    #: Process exit code the CLI uses for this kind of error.
    exit_code = 1


class ConfigError(BriefgenError):
    """The configuration or the command line is wrong."""

    exit_code = 2


class InputError(BriefgenError):
    """An input cannot be read (missing path, unreadable or hostile file)."""

    exit_code = 2


class SkippedInput(BriefgenError):
    """One input was skipped; the rest of the batch goes on."""


class TemplateError(BriefgenError):
    """A template is missing or broken."""

    exit_code = 2


class RenderError(BriefgenError):
    """The briefing could not be written."""


class StoreError(BriefgenError):
    """The article store cannot be used: not a store, from a newer version, damaged, read-only."""


class OutputError(BriefgenError):
    """The output folder cannot be written (permissions, a read-only or full disk)."""


def file_in_the_way(folder: object) -> Path | None:
    """The file that stands where ``folder``, or a folder above it, should be
    ("--out report.pdf" names a file: no folder can be made there), or None."""
    start = Path(str(folder))
    for place in (start, *start.parents):
        if place.exists():
            return None if place.is_dir() else place
    return None


def output_failure(folder: object, exc: OSError) -> OutputError:
    """An OutputError for ``exc``, met writing under the output folder ``folder``."""
    blocker = file_in_the_way(Path(str(exc.filename)).parent if exc.filename else folder)
    if blocker is not None:
        return OutputError(
            f"cannot write to the output folder {folder}: {blocker} is a file, not a "
            "folder; move it aside, or give another folder with --out or build.out"
        )
    where = f" ({exc.filename})" if exc.filename else ""
    return OutputError(
        f"cannot write to the output folder {folder}: {exc.strerror or exc}{where}; "
        "give briefgen write permission there, or another folder with --out or build.out"
    )


class DeliveryError(BriefgenError):
    """Some or all messages could not be sent (they stay queued)."""

    exit_code = 3


class LockedError(BriefgenError):
    """Another briefgen run holds the lock for this edition."""

    exit_code = 4
