"""The build's press: a process that prints the PDF, giving the same bytes as printing here."""

from __future__ import annotations

import os
import signal
from pathlib import Path
from typing import Any

import pytest

from briefgen.errors import RenderError
from briefgen.parallel import can_fork
from briefgen.render import press as press_module
from briefgen.render import render_pdf
from briefgen.render.pdf import print_pdf
from briefgen.render.press import PrintError, press, print_with_press
from tests.render.conftest import settings_for
from tests.render.fixtures import make_briefing

pytestmark = pytest.mark.skipif(not can_fork(), reason="the press runs where the platform forks")


def _printed_by(html: str, base_url: str, dirs: list[str], options: dict[str, Any]) -> bytes:
    """A printer that says which process printed and what it was given."""
    return f"{os.getpid()}|{html}|{base_url}|{dirs}|{sorted(options)}".encode()


def _failing(html: str, base_url: str, dirs: list[str], options: dict[str, Any]) -> bytes:
    raise PrintError(f"no room for {html}")


def _crashing(html: str, base_url: str, dirs: list[str], options: dict[str, Any]) -> bytes:
    raise KeyError(html)


def test_the_press_prints_in_another_process_and_ends_with_the_block() -> None:
    with press(_printed_by):
        started = press_module._press
        assert started is not None
        data = print_with_press("<p>a</p>", "file:///t/", ["/t"], {"pdf_tags": True})
    assert data is not None
    pid, html, base, dirs, options = data.decode().split("|")
    assert int(pid) != os.getpid()
    assert (html, base, dirs, options) == ("<p>a</p>", "file:///t/", "['/t']", "['pdf_tags']")
    assert press_module._press is None
    assert not started._process.is_alive()
    # Outside the block the PDF is printed here.
    assert print_with_press("<p>a</p>", "file:///t/", ["/t"], {}) is None


def test_a_pdf_from_the_press_is_the_pdf_printed_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1504000000")
    settings = settings_for(tmp_path)
    here = render_pdf(make_briefing(), settings)
    with press(print_pdf):
        pressed = render_pdf(make_briefing(), settings)
    assert pressed.startswith(b"%PDF-") and pressed == here


def test_a_print_error_in_the_press_is_the_render_error_of_printing_here() -> None:
    with press(_failing):
        with pytest.raises(PrintError, match="no room for <p>x</p>"):
            print_with_press("<p>x</p>", "file:///t/", ["/t"], {})
        assert issubclass(PrintError, RenderError)


def test_a_press_that_fails_otherwise_or_dies_leaves_printing_to_this_process() -> None:
    with press(_crashing):
        assert print_with_press("<p>x</p>", "file:///t/", ["/t"], {}) is None
        assert press_module._press is None  # not asked again
    with press(_printed_by):
        started = press_module._press
        assert started is not None
        os.kill(started._process.pid, signal.SIGKILL)
        started._process.join()
        assert print_with_press("<p>x</p>", "file:///t/", ["/t"], {}) is None


def test_only_the_process_that_started_the_press_uses_it(monkeypatch: pytest.MonkeyPatch) -> None:
    with press(_printed_by):
        started = press_module._press
        assert started is not None
        monkeypatch.setattr(started, "owner", os.getpid() + 1)  # as seen from a forked worker
        assert print_with_press("<p>x</p>", "file:///t/", ["/t"], {}) is None
        monkeypatch.undo()
        assert print_with_press("<p>x</p>", "file:///t/", ["/t"], {}) is not None


def test_no_press_where_it_is_not_wanted_or_the_process_runs_threads(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with press(_printed_by, enabled=False):
        assert press_module._press is None
    monkeypatch.setattr("briefgen.parallel.can_fork", lambda: False)
    with press(_printed_by):
        assert press_module._press is None


def test_the_press_ends_when_told_though_a_forked_process_holds_its_pipe() -> None:
    import multiprocessing
    import time

    with press(_printed_by):
        started = press_module._press
        assert started is not None
        # A process forked inside the build (a pool worker) inherits the pipe's end.
        holder = multiprocessing.get_context("fork").Process(target=time.sleep, args=(20,))
        holder.start()
    try:
        assert started._process.exitcode == 0  # it left on its own, not killed on timeout
    finally:
        holder.kill()
        holder.join()
