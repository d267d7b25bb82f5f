"""Desks by mail: `briefgen build --all-desks` then `send --all-desks` to a real SMTP server.

A reader on two desks gets one message per desk edition, each with that desk's PDF,
and never a second one however often the send runs; a reader who chose some sections
gets an edition of those alone, and nothing from a desk without them.
"""

from __future__ import annotations

import json
import shutil
from email import message_from_bytes
from email.policy import default
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
recipients = ["ana@example.org", "ben@example.net", "dan@example.org"]

[desks.world]
title = "World Brief"
recipients = ["ben@example.net", "chloe@example.com", "dan@example.org"]

# Readers who take only some sections, from every desk they read.
[readers."chloe@example.com"]
sections = ["security"]

[readers."dan@example.org"]
sections = ["trade"]
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
    # Chloe's and Dan's editions of the world desk: only their sections.
    for name, keys in (("security", ["security"]), ("trade", ["trade"])):
        variant = reports / "world" / DAY / f"briefing-{DAY}.sections-{name}.json"
        assert [s["key"] for s in json.loads(variant.read_text("utf-8"))["sections"]] == keys
        pdfs[f"world-{name}"] = variant.with_suffix(".pdf").read_bytes()
    assert not (reports / "asia" / DAY / f"briefing-{DAY}.sections-trade.json").exists()

    # A dry run writes what each reader would get: Chloe her sections only.
    dry = briefgen("send", "--desk", "world", "--date", DAY, "--dry-run", cwd=tmp_path)
    assert dry.returncode == 0, dry.stderr
    emls = {
        p.name.split("-", 1)[1].removesuffix(".eml"): message_from_bytes(
            p.read_bytes(), policy=default
        )
        for p in (reports / "world" / DAY / "dry-run").glob("*.eml")
    }
    assert sorted(emls) == ["ben@example.net", "chloe@example.com", "dan@example.org"]
    chloe = next(iter(emls["chloe@example.com"].iter_attachments()))  # type: ignore[attr-defined]
    assert chloe.get_content() == pdfs["world-security"]

    sent = briefgen("send", "--all-desks", "--date", DAY, cwd=tmp_path)
    assert sent.returncode == 0, sent.stderr
    assert "desk asia: " in sent.stdout and "desk world: " in sent.stdout
    recorder = smtp_server.recorder
    assert recorder.count() == {
        "ana@example.org": 1,
        "ben@example.net": 2,
        "chloe@example.com": 1,
        "dan@example.org": 1,  # none of the Asia desk's sections is his
    }
    subjects = {
        address: sorted(r.message["Subject"] for r in recorder.to(address))
        for address in recorder.count()
    }
    assert subjects == {
        "ana@example.org": [f"Asia Desk — {DAY}"],
        "ben@example.net": [f"Asia Desk — {DAY}", f"World Brief — {DAY}"],
        "chloe@example.com": [f"World Brief — {DAY}"],
        "dan@example.org": [f"World Brief — {DAY}"],
    }
    expected = {
        ("ana@example.org", "Asia"): pdfs["asia"],
        ("ben@example.net", "Asia"): pdfs["asia"],
        ("ben@example.net", "World"): pdfs["world"],
        ("chloe@example.com", "World"): pdfs["world-security"],
        ("dan@example.org", "World"): pdfs["world-trade"],
    }
    for received in recorder.received:
        (reader,) = received.recipients
        (attachment,) = list(received.message.iter_attachments())
        key = (reader, received.message["Subject"].split()[0])
        assert attachment.get_content() == expected[key], key

    # Again, and once more with a desk named: nobody gets anything twice.
    again = briefgen("send", "--all-desks", "--date", DAY, cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    once_more = briefgen("send", "--desk", "asia", "--date", DAY, cwd=tmp_path)
    assert once_more.returncode == 0, once_more.stderr
    assert len(recorder.received) == 5

    # The ledger keeps each desk's readers apart.
    outbox = briefgen("outbox", "--all", "--format", "json", "--desk", "asia", cwd=tmp_path)
    assert outbox.returncode == 0, outbox.stderr
    rows = [json.loads(line) for line in outbox.stdout.splitlines()]
    assert sorted((r["desk"], r["recipient"], r["state"]) for r in rows) == [
        ("asia", "ana@example.org", "sent"),
        ("asia", "ben@example.net", "sent"),
    ]  # Dan was never queued for the Asia desk
