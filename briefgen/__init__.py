"""briefgen: dated Security / Trade / Diplomacy briefings from a day's news articles.

The library API mirrors the command line::

    from briefgen import build, load_settings
    result = build(load_settings(), date(2017, 8, 31))
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from briefgen.config import Settings, load_settings
    from briefgen.pipeline import BuildResult, build

__all__ = ["BuildResult", "Settings", "__version__", "build", "load_settings"]


def __getattr__(name: str) -> Any:
    # Imports are lazy so that `briefgen --help` starts quickly.
    if name in ("build", "BuildResult"):
        from briefgen import pipeline

        return getattr(pipeline, name)
    if name in ("Settings", "load_settings"):
        from briefgen import config

        return getattr(config, name)
    raise AttributeError(name)
