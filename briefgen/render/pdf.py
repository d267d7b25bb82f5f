"""The briefing as PDF, printed by WeasyPrint from the ``print`` HTML variant.

WeasyPrint would fetch any URL a document names. Here it gets a base URL
inside the theme and a fetcher that serves only ``data:`` URIs and files under
the template folders: no network, no /etc/passwd, whatever a template or an
article says.
"""

from __future__ import annotations

import hashlib
import logging
import mimetypes
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from urllib.request import url2pathname

from briefgen.config import Settings
from briefgen.errors import ConfigError, RenderError
from briefgen.models import Briefing
from briefgen.render.environment import template_dirs
from briefgen.render.html import render_html
from briefgen.render.press import PrintError, print_with_press

log = logging.getLogger(__name__)


def _weasyprint() -> Any:
    # Imported on first use: it loads Pango and fonts, which `briefgen --help` does not need.
    import weasyprint

    return weasyprint


def render_pdf(briefing: Briefing, settings: Settings) -> bytes:
    """The PDF bytes; reproducible for the same briefing (dates come from the briefing or
    SOURCE_DATE_EPOCH, never from the clock).

    Printed by the build's press when one runs (:mod:`briefgen.render.press`), else here.
    """
    dirs = [str(d) for d in template_dirs(settings)]
    html = render_html(briefing, settings, variant="print")
    options = _pdf_options(settings, html)
    base_url = Path(dirs[-1]).as_uri() + "/"
    try:
        data = print_with_press(html, base_url, dirs, options)
        return data if data is not None else print_pdf(html, base_url, dirs, options)
    except PrintError as exc:
        raise RenderError(
            f"the PDF for {briefing.date.isoformat()} could not be made: {exc}"
        ) from exc


def print_pdf(html: str, base_url: str, dirs: list[str], options: dict[str, Any]) -> bytes:
    """Print ``html`` with WeasyPrint, fetching only from the template folders ``dirs``."""
    weasyprint = _weasyprint()
    document = weasyprint.HTML(
        string=html,
        base_url=base_url,
        url_fetcher=theme_fetcher([Path(d) for d in dirs]),
    )
    try:
        data = document.write_pdf(**options)
    except (OSError, ValueError, AssertionError) as exc:
        raise PrintError(str(exc)) from exc
    if not isinstance(data, bytes):  # pragma: no cover - write_pdf without a target returns bytes
        raise RenderError("WeasyPrint returned no PDF bytes")
    return data


def _pdf_options(settings: Settings, html: str) -> dict[str, Any]:
    # Tagged PDF: screen readers get headings, lists and reading order, at little cost.
    options: dict[str, Any] = {"pdf_tags": True}
    variant = settings.render.pdf_variant
    if variant:
        from weasyprint.pdf import VARIANTS

        if variant not in VARIANTS:
            known = ", ".join(sorted(VARIANTS))
            raise ConfigError(f"render.pdf_variant: {variant!r} is not one of {known}")
        options["pdf_variant"] = variant
    # The file identifier comes from the content, so the same briefing gives the same
    # bytes while different editions get different identifiers; PDF/A requires one.
    options["pdf_identifier"] = hashlib.sha256(html.encode("utf-8")).hexdigest()[:32].encode()
    return options


class RefusedURL(RenderError):
    """A document asked for a resource outside the theme."""


def theme_fetcher(roots: Sequence[Path]) -> Any:
    """A WeasyPrint URL fetcher that serves ``data:`` URIs and files under ``roots`` only."""
    weasyprint = _weasyprint()
    allowed = tuple(root.resolve() for root in roots)

    base: Any = weasyprint.URLFetcher

    class ThemeFetcher(base):  # type: ignore[misc]
        def __init__(self) -> None:
            super().__init__(allowed_protocols=("data",), allow_redirects=False)

        def fetch(self, url: str, headers: Any = None) -> Any:
            scheme = url.split(":", 1)[0].lower() if ":" in url else ""
            if scheme == "data":
                return super().fetch(url, headers)
            if scheme == "file":
                path = resolve_file_url(url)
                if path is not None and path.is_file() and _inside(path, allowed):
                    mime, _ = mimetypes.guess_type(path.name)
                    return weasyprint.urls.URLFetcherResponse(
                        url, path.read_bytes(), {"Content-Type": mime or "application/octet-stream"}
                    )
            log.warning("refused to fetch %s: only data: URIs and theme files are allowed", url)
            raise RefusedURL(
                f"refused to fetch {url}: a briefing may only use data: URIs and files "
                f"under {', '.join(str(r) for r in allowed)}"
            )

    return ThemeFetcher()


def resolve_file_url(url: str) -> Path | None:
    """The real path a file: URL names (symbolic links followed), or None if it has a host."""
    parts = urlsplit(url)
    if parts.netloc not in ("", "localhost"):
        return None
    return Path(url2pathname(parts.path)).resolve()  # url2pathname also undoes %-escapes


def _inside(path: Path, roots: tuple[Path, ...]) -> bool:
    return any(path.is_relative_to(root) for root in roots)
