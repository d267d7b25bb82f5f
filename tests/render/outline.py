"""A rendered page reduced to what a reader meets: landmarks, headings and the normalised
text of each part. Golden files store this, so markup and CSS changes that do not change
what is read do not break the golden test, while a lost point or citation does."""

from __future__ import annotations

from pathlib import Path

import lxml.html

GOLDEN = Path(__file__).with_name("golden")


def _text(element: lxml.html.HtmlElement) -> str:
    return " ".join(element.text_content().split())


def outline(html: str) -> str:
    root = lxml.html.document_fromstring(html)
    lines = [f"lang: {root.get('lang')}", f"title: {_text(root.find('.//title'))}"]
    body = root.find("body")
    landmarks = [el.tag for el in body.iter("header", "nav", "main", "footer")]
    lines.append("landmarks: " + " ".join(landmarks))
    lines.append("headings:")
    for el in body.iter("h1", "h2", "h3"):
        lines.append(f"  {el.tag} {_text(el)}")
    header = body.find(".//header")
    if header is not None:
        lines.append("masthead: " + _text(header))
    if body.find(".//main") is None:  # the e-mail body: tables, so list its text blocks
        lines.append("blocks:")
        for el in body.iter("h1", "h2", "p", "li", "tr"):
            if el.tag != "tr" or not el.xpath(".//table | .//p"):
                lines.append(f"  {el.tag}: {_text(el)}")
    for section in body.iter("section"):
        lines.append(f"[{section.get('id')}]")
        for item in section.xpath("./ol/li | ./ul/li | ./dl/div | ./ol[@class='points']/li"):
            ident = item.get("id")
            prefix = f"{ident}: " if ident else ""
            lines.append(f"  - {prefix}{_text(item)}")
        for svg in section.iter("svg"):
            lines.append(
                f"  svg {svg.get('role')} {svg.get('aria-labelledby')}: "
                f"{_text(svg.find('title'))} | {_text(svg.find('desc'))}"
            )
    footer = body.find("footer")
    if footer is not None:
        lines.append("footer: " + _text(footer))
    links = sorted({a.get("href") for a in body.iter("a") if not a.get("href", "").startswith("#")})
    lines.append("external links:")
    lines += [f"  {href}" for href in links]
    return "\n".join(lines) + "\n"
