"""Rewrite the golden files: ``python -m tests.render.regen`` (or run the tests with
BRIEFGEN_REGEN_GOLDEN=1). Read the diff before committing it: it is what readers will see."""

from __future__ import annotations

from pathlib import Path

from briefgen.config import RenderSettings, Settings
from briefgen.render import render_html
from tests.render.fixtures import make_briefing
from tests.render.outline import GOLDEN, outline

#: Golden file → (variant, settings) it is rendered with.
CASES: dict[str, tuple[str, Settings]] = {
    "briefing-web.txt": ("web", Settings(render=RenderSettings(marking="OFFICIAL"))),
    "briefing-email.txt": ("email", Settings(render=RenderSettings(marking="OFFICIAL"))),
}


def render_case(name: str) -> str:
    variant, settings = CASES[name]
    return outline(render_html(make_briefing(), settings, variant=variant))  # type: ignore[arg-type]


def main() -> list[Path]:
    GOLDEN.mkdir(exist_ok=True)
    written = []
    for name in CASES:
        path = GOLDEN / name
        path.write_text(render_case(name), encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":
    for path in main():
        print(f"wrote {path}")
