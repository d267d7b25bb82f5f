"""A real SMTP server on 127.0.0.1 (aiosmtpd) that records mail and can misbehave,
and built editions written the way the build writes them."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import default
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller

from briefgen.config import BuildSettings, EmailSettings, Settings, StoreSettings

DAY = date(2031, 3, 14)
READERS = ("ana@example.org", "ben@example.net", "chloe@example.com")

#: Run with ``python -c HOLD_LOCK OUT YYYY-MM-DD``: holds the edition lock until killed.
HOLD_LOCK = """
import sys, time
from datetime import date
from pathlib import Path
from briefgen.deliver.lock import edition_lock
with edition_lock(Path(sys.argv[1]), date.fromisoformat(sys.argv[2])):
    print("locked", flush=True)
    time.sleep(120)
"""


@dataclass
class Received:
    sender: str
    recipients: list[str]
    data: bytes

    @property
    def message(self) -> EmailMessage:
        msg = message_from_bytes(self.data, policy=default)
        assert isinstance(msg, EmailMessage)
        return msg


@dataclass
class Recorder:
    """aiosmtpd handler: keeps every accepted message; faults are queued per hook."""

    received: list[Received] = field(default_factory=list)
    #: address -> replies used (and removed) one per RCPT for that address.
    rcpt_replies: dict[str, list[str]] = field(default_factory=dict)
    #: address -> reply for every RCPT of that address.
    rcpt_always: dict[str, str] = field(default_factory=dict)
    #: replies or "disconnect", used one per DATA.
    data_faults: list[str] = field(default_factory=list)
    guard: threading.Lock = field(default_factory=threading.Lock)

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, options: Any
    ) -> str:
        with self.guard:
            queued = self.rcpt_replies.get(address)
            if queued:
                return queued.pop(0)
            if address in self.rcpt_always:
                return self.rcpt_always[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        with self.guard:
            fault = self.data_faults.pop(0) if self.data_faults else None
        if fault == "disconnect":
            # Drop the line after the message arrived but before the reply: the
            # client cannot know it was received, so it was not accepted.
            server.transport.close()
            return "250 never seen"
        if fault:
            return fault
        with self.guard:
            self.received.append(
                Received(envelope.mail_from, list(envelope.rcpt_tos), bytes(envelope.content))
            )
        return "250 Message accepted"

    def to(self, address: str) -> list[Received]:
        with self.guard:
            return [r for r in self.received if address in r.recipients]

    def count(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        with self.guard:
            for r in self.received:
                for a in r.recipients:
                    counts[a] = counts.get(a, 0) + 1
        return counts


@dataclass
class Server:
    host: str
    port: int
    recorder: Recorder


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def smtp_server() -> Iterator[Server]:
    recorder = Recorder()
    controller = Controller(recorder, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        yield Server("127.0.0.1", controller.port, recorder)
    finally:
        controller.stop()


@pytest.fixture(scope="session")
def pdf_bytes() -> bytes:
    from weasyprint import HTML

    data: bytes = HTML(string="<h1>Test briefing</h1><p>One point.</p>").write_pdf()
    return data


def write_edition(
    out: Path, day: date, pdf: bytes, *, points: int = 2, email_html: bool = True
) -> Path:
    """The files the build writes for ``day``: JSON, PDF, web and e-mail HTML, text."""
    folder = out / day.isoformat()
    folder.mkdir(parents=True, exist_ok=True)
    stem = folder / f"briefing-{day.isoformat()}"
    key_points = [
        {
            "text": f"Harbour authorities in Northport reopened berth {i} after repairs.",
            "source": {
                "outlet": "Northport Gazette",
                "title": f"Berth {i} reopens",
                "url": f"https://news.example.org/berth-{i}",
            },
        }
        for i in range(1, points + 1)
    ]
    data = {
        "date": day.isoformat(),
        "title": "Morning Brief",
        "edition": 7,
        "generated_at": f"{day.isoformat()}T05:30:00+00:00",
        "key_points": key_points,
        "sections": [{"key": "trade", "title": "Trade", "points": key_points}],
        "stats": {"points": points, "articles": points},
    }
    (stem.with_suffix(".json")).write_text(json.dumps(data), encoding="utf-8")
    (stem.with_suffix(".pdf")).write_bytes(pdf)
    (stem.with_suffix(".html")).write_text("<html><body><h1>Web</h1></body></html>")
    if email_html:
        Path(f"{stem}.email.html").write_text(
            "<html><body><h1>Morning Brief</h1><p>Berth 1 reopened.</p></body></html>"
        )
    (stem.with_suffix(".txt")).write_text("MORNING BRIEF\n\n- Berth 1 reopened.\n")
    return folder


def make_settings(
    out: Path, port: int, readers: tuple[str, ...] = READERS, **email: Any
) -> Settings:
    return Settings(
        build=BuildSettings(out=out),
        store=StoreSettings(db=out / "briefgen.db"),
        email=EmailSettings(
            **{
                "host": "127.0.0.1",
                "port": port,
                "sender": "desk@example.org",
                "recipients": readers,
                "subject": "{title} — {date} (No. {edition})",
                "timeout": 5.0,
                **email,
            }
        ),
    )


@pytest.fixture
def out(tmp_path: Path, pdf_bytes: bytes) -> Path:
    reports = tmp_path / "reports"
    write_edition(reports, DAY, pdf_bytes)
    return reports


@pytest.fixture
def settings(out: Path, smtp_server: Server, store_db: Path | str) -> Settings:
    """Settings for sending ``out``'s editions, with the ledger on each backend."""
    settings = make_settings(out, smtp_server.port)
    if isinstance(store_db, str):  # PostgreSQL; SQLite keeps OUT/briefgen.db
        settings = replace(settings, store=StoreSettings(db=store_db))
    return settings
