"""`briefgen build --email` end to end: the real build's files reach a real SMTP server."""

from __future__ import annotations

import importlib
import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import SEEDS
from tests.deliver.conftest import Server
from tests.deliver.test_cli import briefgen, configure


def _renderer_ready() -> bool:
    try:
        render = importlib.import_module("briefgen.render")
    except ImportError:
        return False
    return all(hasattr(render, name) for name in ("render_html", "render_text", "write_briefing"))


pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not (_renderer_ready() and SEEDS.is_dir()), reason="needs the renderer and the seeds"
    ),
]

DAY = "2017-08-31"


def test_build_email_sends_the_built_edition_once(tmp_path: Path, smtp_server: Server) -> None:
    shutil.copytree(SEEDS, tmp_path / "seeds")
    configure(tmp_path, smtp_server.port)

    folder = tmp_path / "reports" / DAY
    first = briefgen("build", "--date", DAY, "--email", cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    sent_pdf = (folder / f"briefing-{DAY}.pdf").read_bytes()
    # The rebuild writes a new PDF (a new generation time) but mails nobody again.
    again = briefgen("build", "--date", DAY, "--email", "--quiet", cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    counts = smtp_server.recorder.count()
    assert counts and set(counts.values()) == {1}
    msg = smtp_server.recorder.received[0].message
    data = json.loads((folder / f"briefing-{DAY}.json").read_text(encoding="utf-8"))
    assert DAY in msg["Subject"] and data["title"] in msg["Subject"]
    (pdf,) = list(msg.iter_attachments())
    assert pdf.get_content() == sent_pdf
    plain = msg.get_body(("plain",))
    assert plain is not None
    first_point = data["key_points"][0]["text"]
    assert " ".join(first_point.split()[:6]) in " ".join(plain.get_content().split())
    feed = (tmp_path / "reports" / "feed.xml").read_text(encoding="utf-8")
    assert f"{DAY}/briefing-{DAY}.html" in feed
