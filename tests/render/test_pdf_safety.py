"""WeasyPrint fetches nothing but data: URIs and theme files, whatever a template says."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest

from briefgen.errors import RenderError
from briefgen.render import render_pdf, template_dirs
from briefgen.render.pdf import theme_fetcher
from tests.render.conftest import settings_for
from tests.render.fixtures import make_briefing

PIXEL = (
    "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk"
    "YPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
)


class _Recorder(http.server.BaseHTTPRequestHandler):
    requests: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        type(self).requests.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[tuple[str, list[str]]]:
    requests: ClassVar[list[str]] = []
    handler = type("Handler", (_Recorder,), {"requests": requests})
    httpd = http.server.HTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", requests
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_fetcher_refuses_network_and_files_outside_the_theme(tmp_path, server) -> None:
    url, requests = server
    fetcher = theme_fetcher(template_dirs(settings_for(tmp_path)))
    for refused in (
        f"{url}/pixel.png",
        "file:///etc/passwd",
        "ftp://127.0.0.1/x",
        "file://otherhost/etc/passwd",
    ):
        with pytest.raises(RenderError, match="refused"):
            fetcher.fetch(refused)
    assert requests == []


def test_fetcher_serves_theme_files_and_data_uris(tmp_path) -> None:
    dirs = template_dirs(settings_for(tmp_path))
    fetcher = theme_fetcher(dirs)
    css = fetcher.fetch((dirs[-1] / "css" / "base.css").as_uri())
    assert b"--ink" in css.read()
    assert fetcher.fetch(PIXEL).read().startswith(b"\x89PNG")
    # A path that climbs out of the theme is refused even though it starts inside it.
    with pytest.raises(RenderError):
        fetcher.fetch(dirs[-1].as_uri() + "/../../../../etc/passwd")


def test_symlink_out_of_a_user_theme_is_refused(tmp_path) -> None:
    theme = tmp_path / "theme"
    theme.mkdir()
    (theme / "passwd").symlink_to("/etc/passwd")
    fetcher = theme_fetcher(template_dirs(settings_for(tmp_path, templates=theme)))
    with pytest.raises(RenderError):
        fetcher.fetch((theme / "passwd").as_uri())


def test_hostile_template_fetches_nothing(tmp_path: Path, server) -> None:
    url, requests = server
    theme = tmp_path / "theme"
    theme.mkdir()
    (theme / "briefing.html").write_text(
        '{% extends "default:briefing.html" %}\n'
        '{% block style %}@import url("' + url + '/evil.css");\n{{ super() }}\n'
        '.masthead { background: url("' + url + '/bg.png"); }\n{% endblock %}\n'
        '{% block coverage %}<img src="' + url + '/pixel.png" alt="">'
        '<img src="file:///etc/passwd" alt=""><img src="' + PIXEL + '" alt="">{% endblock %}\n',
        encoding="utf-8",
    )
    pdf = render_pdf(make_briefing(), settings_for(tmp_path, templates=theme))
    assert pdf.startswith(b"%PDF")
    assert requests == [], "WeasyPrint reached the network"


def test_hostile_article_text_fetches_nothing(tmp_path: Path, server) -> None:
    url, requests = server
    briefing = make_briefing(title=f'<img src="{url}/title.png"> Briefing')
    render_pdf(briefing, settings_for(tmp_path))
    assert requests == []
