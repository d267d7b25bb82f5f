"""Login, STARTTLS and implicit TLS against aiosmtpd; the password never leaks."""

from __future__ import annotations

import shutil
import ssl
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from briefgen.deliver import deliver_edition, outbox
from tests.deliver.conftest import DAY, Recorder, free_port, make_settings

pytestmark = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")

PASSWORD = "s3cret-Pa55word"
ONE = ("ana@example.org",)


def authenticator(
    server: Any, session: Any, envelope: Any, mechanism: str, auth_data: Any
) -> AuthResult:
    ok = (
        isinstance(auth_data, LoginPassword)
        and auth_data.login == b"desk"
        and auth_data.password == PASSWORD.encode()
    )
    # handled=False: let aiosmtpd answer a failure with 535 (its default is silence).
    return AuthResult(success=ok, handled=False)


@pytest.fixture
def auth_server() -> Iterator[tuple[int, Recorder]]:
    recorder = Recorder()
    controller = Controller(
        recorder,
        hostname="127.0.0.1",
        port=free_port(),
        authenticator=authenticator,
        auth_require_tls=False,
        auth_required=True,
    )
    controller.start()
    try:
        yield controller.port, recorder
    finally:
        controller.stop()


def test_login_then_send(out: Path, auth_server: tuple[int, Recorder]) -> None:
    port, recorder = auth_server
    settings = make_settings(out, port, readers=ONE, user="desk", password=PASSWORD)
    assert deliver_edition(settings, DAY).exit_code == 0
    assert recorder.count() == {"ana@example.org": 1}


def test_a_refused_login_queues_and_never_shows_the_password(
    out: Path, auth_server: tuple[int, Recorder]
) -> None:
    port, recorder = auth_server
    wrong = PASSWORD + "-wrong"
    settings = make_settings(out, port, readers=ONE, user="desk", password=wrong)

    report = deliver_edition(settings, DAY)

    assert report.exit_code == 3 and recorder.received == []
    assert "refused the login of 'desk'" in report.summary()
    assert "BRIEFGEN_SMTP_PASSWORD" in report.summary()
    texts = [report.summary(), repr(report), *(repr(r) for r in outbox(settings))]
    assert not any(PASSWORD in t for t in texts)
    assert PASSWORD.encode() not in settings.db_path.read_bytes()


@pytest.fixture(scope="module")
def tls_files(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    if shutil.which("openssl") is None:
        pytest.skip("openssl is not installed")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
         "-keyout", str(key), "-out", str(cert), "-subj", "/CN=127.0.0.1",
         "-addext", "subjectAltName=IP:127.0.0.1"],
        check=True,
        capture_output=True,
    )  # fmt: skip
    return cert, key


@pytest.mark.parametrize("security", ["starttls", "ssl"])
def test_tls_with_a_trusted_certificate(
    out: Path, tls_files: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch, security: str
) -> None:
    cert, key = tls_files
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    recorder = Recorder()
    options: dict[str, Any] = (
        {"tls_context": context, "require_starttls": True}
        if security == "starttls"
        else {"ssl_context": context}
    )
    controller = Controller(recorder, hostname="127.0.0.1", port=free_port(), **options)
    controller.start()
    try:
        settings = make_settings(out, controller.port, readers=ONE, security=security)
        # Not trusted yet: the certificate is refused and the reader stays queued.
        untrusted = deliver_edition(settings, DAY)
        assert untrusted.exit_code == 3 and "TLS with 127.0.0.1" in untrusted.summary()
        monkeypatch.setenv("SSL_CERT_FILE", str(cert))
        trusted = deliver_edition(settings, DAY)
    finally:
        controller.stop()
    assert trusted.exit_code == 0
    assert recorder.count() == {"ana@example.org": 1}
