"""Rewrite the generated block of a document in docs/, keeping the prose around it."""

from __future__ import annotations

from pathlib import Path

START, END = "<!-- results:start -->", "<!-- results:end -->"


def write_block(out: Path, block: str, *, start: str = START, end: str = END) -> None:
    """Replace what stands between ``start`` and ``end`` in ``out`` with ``block``.

    A document without the markers gets them appended; the file is replaced in
    one rename, so a reader never sees half a table.
    """
    text = out.read_text(encoding="utf-8") if out.exists() else f"{start}\n{end}\n"
    if start not in text or end not in text:
        text = text.rstrip("\n") + f"\n\n{start}\n{end}\n"
    head, rest = text.split(start, 1)
    _, tail = rest.split(end, 1)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(out.suffix + ".tmp")
    tmp.write_text(f"{head}{start}\n{block}\n{end}{tail}", encoding="utf-8")
    tmp.replace(out)
