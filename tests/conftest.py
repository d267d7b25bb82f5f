"""Shared test set-up: offline, no NLTK data, and the paths of the evaluation data."""

from __future__ import annotations

import atexit
import importlib.util
import ipaddress
import os
import shutil
import socket
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]
EVAL = REPO.parent / "shared" / "eval"
SEEDS = REPO / "seeds"

# No NLTK data at all: everything must work without a download.
_EMPTY_NLTK = tempfile.mkdtemp(prefix="briefgen-empty-nltk-")
os.environ["NLTK_DATA"] = _EMPTY_NLTK
atexit.register(shutil.rmtree, _EMPTY_NLTK, ignore_errors=True)

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


def load_bench(name: str) -> ModuleType:
    """The script ``bench/<name>.py`` as a module (registered before it runs: its
    dataclasses look their module up by name)."""
    spec = importlib.util.spec_from_file_location(name, REPO / "bench" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def needs_eval() -> pytest.MarkDecorator:
    return pytest.mark.skipif(not EVAL.is_dir(), reason="../shared/eval is not present")


#: Runs a command as an ordinary user, so that file permissions apply (root ignores them).
UNPRIVILEGED_USER = 65534  # "nobody"


def as_ordinary_user() -> list[str]:
    """The prefix that runs a command without root's power over permissions, or a skip."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: permissions cannot be tested")
    uid = str(UNPRIVILEGED_USER)
    return [setpriv, f"--reuid={uid}", f"--regid={uid}", "--clear-groups"]


@pytest.fixture
def open_tmp() -> Iterator[Path]:
    """A temporary folder the ordinary user of :func:`as_ordinary_user` can work in."""
    folder = Path(tempfile.mkdtemp(prefix="briefgen-perm-"))
    folder.chmod(0o777)
    try:
        yield folder
    finally:
        for path in [folder, *folder.rglob("*")]:
            if path.is_dir() and not path.is_symlink():
                path.chmod(0o777)
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[Any]:
    """A PostgreSQL server of this machine's, started for this test session."""
    from tests.pg import PostgresServer, find_binaries

    binaries = find_binaries()
    if binaries is None:
        pytest.skip("PostgreSQL server binaries (initdb, pg_ctl, postgres) not found")
    try:
        import psycopg  # noqa: F401
    except ImportError:
        pytest.skip("psycopg is not installed: pip install -e '.[test]'")
    server = PostgresServer(binaries)
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(params=["sqlite", "postgres"])
def store_db(request: pytest.FixtureRequest, tmp_path: Path) -> Path | str:
    """An empty article store on each backend: a SQLite file path, or a PostgreSQL URL."""
    if request.param == "sqlite":
        return tmp_path / "store" / "briefgen.db"
    server = request.getfixturevalue("postgres_server")
    url: str = server.new_database()
    return url
