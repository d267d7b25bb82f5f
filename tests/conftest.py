"""Shared test set-up: offline, no NLTK data, and the paths of the evaluation data."""

from __future__ import annotations

import ipaddress
import os
import socket
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]
EVAL = REPO.parent / "shared" / "eval"
SEEDS = REPO / "seeds"

# No NLTK data at all: everything must work without a download.
_EMPTY_NLTK = tempfile.mkdtemp(prefix="briefgen-empty-nltk-")
os.environ["NLTK_DATA"] = _EMPTY_NLTK

_real_connect = socket.socket.connect


def _loopback_only(self: socket.socket, address: Any) -> Any:
    """Refuse connections anywhere but this machine: the tests run offline."""
    if isinstance(address, tuple):
        host = address[0]
        try:
            loopback = ipaddress.ip_address(host).is_loopback
        except ValueError:
            loopback = host == "localhost"
        if not loopback:
            raise OSError(f"network access refused in tests: {host}")
    return _real_connect(self, address)


@pytest.fixture(autouse=True)
def _offline(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(socket.socket, "connect", _loopback_only)
    yield


def needs_eval() -> pytest.MarkDecorator:
    return pytest.mark.skipif(not EVAL.is_dir(), reason="../shared/eval is not present")
