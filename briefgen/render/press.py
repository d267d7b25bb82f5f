"""A printing process started with a build, so that WeasyPrint is ready when the HTML is.

Importing WeasyPrint and setting up its fonts takes most of a second, spent on
one core while a build's other work waits. ``briefgen build`` starts a press
first: a forked process that imports WeasyPrint and lays out a one-line page
while the build reads, groups and composes, then prints the edition's PDF when
it is asked to. The PDF is the same bytes either way (the press runs the same
code on the same HTML).

The press is an optimisation only. Only the process that started it uses it
(a forked desk worker prints for itself), and if it cannot be started or dies,
the PDF is printed in-process as before. It ends with the build, and with its
parent if the parent is killed.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from multiprocessing.connection import Connection
from typing import Any

from briefgen.errors import RenderError

#: The printing function the press runs: (html, base_url, template dirs, options) → bytes.
Printer = Callable[[str, str, list[str], dict[str, Any]], bytes]

_press: _Press | None = None


class PrintError(RenderError):
    """WeasyPrint could not print the document (the message says why)."""


class _Press:
    def __init__(self, printer: Printer) -> None:
        from briefgen.parallel import die_with_parent

        context = multiprocessing.get_context("fork")
        self._connection, child = context.Pipe()
        parent = os.getpid()

        def serve() -> None:
            # Ctrl-C is the build's to handle; the press ends when the build does.
            signal.signal(signal.SIGINT, signal.SIG_IGN)
            die_with_parent(parent)
            self._connection.close()
            _serve(child, printer)

        self._process = context.Process(target=serve, name="briefgen-press", daemon=True)
        self._process.start()
        child.close()
        self.owner = parent

    def print(self, html: str, base_url: str, dirs: list[str], options: dict[str, Any]) -> bytes:
        """The PDF; PrintError as the printer raised it; OSError or EOFError if the
        press is gone."""
        self._connection.send((html, base_url, dirs, options))
        kind, value = self._connection.recv()
        if kind == "pdf":
            return bytes(value)
        if kind == "print-error":
            raise PrintError(str(value))
        raise OSError(f"the press failed: {value}")

    def stop(self) -> None:
        # Said, not left to the end of the pipe: a process forked since (a pool worker)
        # may still hold this end open.
        with suppress(OSError):
            self._connection.send(None)
        self._connection.close()
        self._process.join(timeout=5)
        if self._process.is_alive():  # pragma: no cover - a press stuck in a print
            self._process.kill()
            self._process.join()


def _serve(connection: Connection, printer: Printer) -> None:
    import weasyprint

    # One small page through the whole path: fonts found, shaping and the PDF
    # writer loaded, before the edition arrives.
    weasyprint.HTML(string="<p>briefgen</p>").write_pdf()
    # What the press inherited and loaded stays for its life: the collector need not
    # walk it again. A print makes objects by the hundred thousand; collecting while
    # it runs cost a sixth of the print (measured), so it is done after the reply.
    gc.collect()
    gc.freeze()
    while True:
        try:
            request = connection.recv()
        except (EOFError, OSError):
            return
        if request is None:
            return
        html, base_url, dirs, options = request
        gc.disable()
        try:
            reply: tuple[str, Any] = ("pdf", printer(html, base_url, dirs, options))
        except PrintError as exc:
            reply = ("print-error", str(exc))
        except Exception as exc:  # the parent prints in-process instead
            reply = ("failed", f"{type(exc).__name__}: {exc}")
        finally:
            gc.enable()
        connection.send(reply)
        del reply
        gc.collect()


@contextmanager
def press(printer: Printer, *, enabled: bool = True) -> Iterator[None]:
    """Run a press for the PDFs printed inside this block (where the platform forks)."""
    from briefgen.parallel import can_fork

    global _press
    if not enabled or _press is not None or not can_fork():
        yield
        return
    try:
        started = _Press(printer)
    except OSError:
        yield
        return
    _press = started
    try:
        yield
    finally:
        _press = None
        started.stop()


def print_with_press(
    html: str, base_url: str, dirs: list[str], options: dict[str, Any]
) -> bytes | None:
    """The PDF from this process's press, or None when there is none (or it is gone)."""
    global _press
    started = _press
    if started is None or started.owner != os.getpid():
        return None
    try:
        return started.print(html, base_url, dirs, options)
    except (OSError, EOFError):
        _press = None  # gone: print in-process from now on
        return None
