"""Golden files for the rendered HTML, compared after parsing (see tests/render/outline.py).

When a change to the output is intended, regenerate with ``python -m tests.render.regen``
(or ``BRIEFGEN_REGEN_GOLDEN=1 pytest tests/render``) and review the diff.
"""

from __future__ import annotations

import difflib
import os

import pytest

from tests.render.outline import GOLDEN
from tests.render.regen import CASES, render_case


@pytest.mark.parametrize("name", sorted(CASES))
def test_matches_golden(name: str) -> None:
    actual = render_case(name)
    path = GOLDEN / name
    if os.environ.get("BRIEFGEN_REGEN_GOLDEN") == "1":
        path.write_text(actual, encoding="utf-8")
    expected = path.read_text(encoding="utf-8")
    diff = "".join(
        difflib.unified_diff(
            expected.splitlines(True), actual.splitlines(True), str(path), "rendered"
        )
    )
    assert not diff, f"rendered HTML differs from the golden file:\n{diff}"
