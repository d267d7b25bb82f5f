"""Fixtures for the renderer tests: the hand-built briefing and settings writing under tmp."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefgen.config import BuildSettings, RenderSettings, Settings
from briefgen.models import Briefing
from tests.render.fixtures import make_briefing


@pytest.fixture
def briefing() -> Briefing:
    return make_briefing()


def settings_for(out: Path, **render: object) -> Settings:
    return Settings(
        build=BuildSettings(out=out),
        render=RenderSettings(**{"marking": "OFFICIAL", "organisation": "Policy Unit", **render}),  # type: ignore[arg-type]
    )


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return settings_for(tmp_path / "reports")
