"""Desks by mail: `briefgen build --all-desks` then `send --all-desks` to a real SMTP server.

A reader on two desks gets one message per desk edition, each with that desk's PDF,
and never a second one however often the send runs.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.conftest import SEEDS
from tests.deliver.conftest import Server
from tests.deliver.test_cli import briefgen

DAY = "2017-08-31"


def configure(folder: Path, port: int) -> None:
    (folder / "briefgen.toml").write_text(
        f"""
[build]
out = "reports"

[email]
host = "127.0.0.1"
port = {port}
sender = "desk@example.org"
timeout = 5.0
subject = "{{title}} — {{date}}"

[desks.asia]
title = "Asia Desk"
sections = ["security", "diplomacy"]
mentions = ["Japan", "North Korea"]
recipients = ["ana@example.org", "ben@example.net"]

[desks.world]
title = "World Brief"
recipients = ["ben@example.net", "chloe@example.com"]
""",
        encoding="utf-8",
    )


def test_each_reader_gets_one_message_per_desk_edition(tmp_path: Path, smtp_server: Server) -> None:
    shutil.copytree(SEEDS, tmp_path / "in")
    configure(tmp_path, smtp_server.port)
    built = briefgen("build", "--all-desks", "--date", DAY, "--input", "in", cwd=tmp_path)
    assert built.returncode == 0, built.stderr
    reports = tmp_path / "reports"
    pdfs = {
        desk: (reports / desk / DAY / f"briefing-{DAY}.pdf").read_bytes()
        for desk in ("asia", "world")
    }
    assert pdfs["asia"] != pdfs["world"]

    sent = briefgen("send", "--all-desks", "--date", DAY, cwd=tmp_path)
    assert sent.returncode == 0, sent.stderr
    assert "desk asia: " in sent.stdout and "desk world: " in sent.stdout
    recorder = smtp_server.recorder
    assert recorder.count() == {
        "ana@example.org": 1,
        "ben@example.net": 2,
        "chloe@example.com": 1,
    }
    subjects = {
        address: sorted(r.message["Subject"] for r in recorder.to(address))
        for address in ("ana@example.org", "ben@example.net", "chloe@example.com")
    }
    assert subjects == {
        "ana@example.org": [f"Asia Desk — {DAY}"],
        "ben@example.net": [f"Asia Desk — {DAY}", f"World Brief — {DAY}"],
        "chloe@example.com": [f"World Brief — {DAY}"],
    }
    for received in recorder.received:
        desk = "asia" if received.message["Subject"].startswith("Asia") else "world"
        (attachment,) = list(received.message.iter_attachments())
        assert attachment.get_content() == pdfs[desk]

    # Again, and once more with a desk named: nobody gets anything twice.
    again = briefgen("send", "--all-desks", "--date", DAY, cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    once_more = briefgen("send", "--desk", "asia", "--date", DAY, cwd=tmp_path)
    assert once_more.returncode == 0, once_more.stderr
    assert len(recorder.received) == 4

    # The ledger keeps each desk's readers apart.
    outbox = briefgen("outbox", "--all", "--format", "json", "--desk", "asia", cwd=tmp_path)
    assert outbox.returncode == 0, outbox.stderr
    rows = [json.loads(line) for line in outbox.stdout.splitlines()]
    assert sorted((r["desk"], r["recipient"], r["state"]) for r in rows) == [
        ("asia", "ana@example.org", "sent"),
        ("asia", "ben@example.net", "sent"),
    ]
