"""Talking to the SMTP server, and sorting its failures into 'try later' and 'give up'.

Replies 4xx, refused or dropped connections and timeouts are temporary: the
reader stays queued. A 5xx for one recipient is permanent for that recipient
only. Nothing here logs, and no message built here contains the password.
"""

from __future__ import annotations

import smtplib
import socket
import ssl
from dataclasses import dataclass
from email.message import EmailMessage

from briefgen.config import EmailSettings

_REFUSED = "the server refused this reader"


@dataclass(frozen=True)
class Failure:
    """Why a message or a recipient was not accepted."""

    reason: str
    temporary: bool
    code: int | None = None
    #: The connection cannot be used any more (reconnect for the next message).
    connection_lost: bool = False


def server_name(email: EmailSettings) -> str:
    return f"{email.host}:{email.port}"


def connect(email: EmailSettings) -> smtplib.SMTP:
    """An open, greeted and (when ``email.user`` is set) logged-in SMTP session.

    Raises the underlying smtplib/OSError exceptions; :func:`classify` explains them.
    """
    context = ssl.create_default_context()
    client: smtplib.SMTP
    if email.security == "ssl":
        client = smtplib.SMTP_SSL(email.host, email.port, timeout=email.timeout, context=context)
    else:
        client = smtplib.SMTP(email.host, email.port, timeout=email.timeout)
    try:
        client.ehlo_or_helo_if_needed()
        if email.security == "starttls":
            client.starttls(context=context)
            client.ehlo()
        if email.user:
            client.login(email.user, email.password)
    except BaseException:
        close(client)
        raise
    return client


def close(client: smtplib.SMTP | None) -> None:
    """QUIT politely; a server that is already gone is not an error here."""
    if client is None:
        return
    try:
        client.quit()
    except (smtplib.SMTPException, OSError):
        client.close()


def send(
    client: smtplib.SMTP, message: EmailMessage, sender: str, recipients: list[str]
) -> dict[str, Failure]:
    """Send ``message``; return the recipients the server refused, with why.

    Raises when the message as a whole was not accepted.
    """
    refused = client.send_message(message, from_addr=sender, to_addrs=recipients)
    return {addr: _reply(code, text, _REFUSED) for addr, (code, text) in refused.items()}


def refused(exc: smtplib.SMTPRecipientsRefused) -> dict[str, Failure]:
    """Per-recipient failures when the server refused every recipient of a message."""
    return {addr: _reply(code, text, _REFUSED) for addr, (code, text) in exc.recipients.items()}


def classify(exc: BaseException, email: EmailSettings) -> Failure:
    """Explain an exception from :func:`connect` or :func:`send` in one line."""
    where = server_name(email)
    if isinstance(exc, smtplib.SMTPAuthenticationError):
        return Failure(
            f"{where} refused the login of {email.user!r} ({exc.smtp_code}); check "
            "email.user and BRIEFGEN_SMTP_PASSWORD",
            temporary=True,
            code=exc.smtp_code,
            connection_lost=True,
        )
    if isinstance(exc, smtplib.SMTPNotSupportedError):
        return Failure(
            f"{where} does not support {_first(exc) or 'a required extension'}; "
            "check email.security",
            temporary=True,
            connection_lost=True,
        )
    if isinstance(exc, smtplib.SMTPSenderRefused):
        # A refused sender is a configuration problem, not the readers' fault:
        # they stay queued until it is fixed.
        failure = _reply(exc.smtp_code, exc.smtp_error, f"refused the sender {exc.sender}")
        return Failure(
            f"{where} {failure.reason}; check email.sender",
            temporary=True,
            code=exc.smtp_code,
            connection_lost=exc.smtp_code == 421,
        )
    if isinstance(exc, smtplib.SMTPConnectError):
        failure = _reply(exc.smtp_code, exc.smtp_error, f"{where} would not take mail")
        return Failure(failure.reason, temporary=True, code=exc.smtp_code, connection_lost=True)
    if isinstance(exc, smtplib.SMTPServerDisconnected):
        if isinstance(exc.__context__, TimeoutError):  # smtplib wraps a read timeout
            return classify(exc.__context__, email)
        return Failure(
            f"{where} closed the connection ({_first(exc) or 'no reason given'})",
            temporary=True,
            connection_lost=True,
        )
    if isinstance(exc, smtplib.SMTPResponseException):
        failure = _reply(exc.smtp_code, exc.smtp_error, f"{where} did not accept the message")
        if exc.smtp_code == 421:  # the server is closing the connection
            return Failure(failure.reason, True, exc.smtp_code, connection_lost=True)
        return failure
    if isinstance(exc, smtplib.SMTPException):
        return Failure(f"{where}: {exc}", temporary=True, connection_lost=True)
    if isinstance(exc, ssl.SSLError | ssl.CertificateError):
        return Failure(
            f"TLS with {where} failed ({exc}); check email.security and the server certificate",
            temporary=True,
            connection_lost=True,
        )
    if isinstance(exc, ConnectionRefusedError):
        return Failure(
            f"connection refused by {where}; is the SMTP server running?",
            temporary=True,
            connection_lost=True,
        )
    if isinstance(exc, TimeoutError | socket.timeout):
        return Failure(
            f"{where} did not answer within {email.timeout:g} seconds (email.timeout)",
            temporary=True,
            connection_lost=True,
        )
    if isinstance(exc, socket.gaierror):
        return Failure(
            f"cannot resolve the SMTP host {email.host!r} ({exc.strerror}); check email.host",
            temporary=True,
            connection_lost=True,
        )
    if isinstance(exc, OSError):
        return Failure(
            f"connection to {where} failed ({exc.strerror or exc})",
            temporary=True,
            connection_lost=True,
        )
    raise exc


def _reply(code: int, text: bytes | str, what: str) -> Failure:
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    text = " ".join(text.split())
    return Failure(f"{what}: {code} {text}".rstrip(), temporary=not 500 <= code < 600, code=code)


def _first(exc: BaseException) -> str:
    return str(exc.args[0]) if exc.args else ""
