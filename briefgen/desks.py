"""Desks: several briefings from one store, each with its sections, filters and readers.

A desk (``[desks.NAME]``) is a briefing of its own: its title, its sections
(built-in and custom), the articles it takes (``mentions``, outlets, languages),
its readers and its schedule. Its editions live under ``OUT/NAME/`` exactly as the
default desk's live under ``OUT/`` (see :mod:`briefgen.layout`), so the archive,
the feed and the mailer work on a desk by being given the desk's settings
(:attr:`Desk.settings`). With no desk configured there is one, the default desk
(name ``""``), built as briefgen always has been.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cached_property

from briefgen.config import DeskSettings, Settings
from briefgen.errors import ConfigError
from briefgen.models import SECTIONS, Article
from briefgen.sections import CustomSection, custom_sections
from briefgen.store import DEFAULT_DESK

_BUILT_IN_TITLES: dict[str, str] = dict(SECTIONS)
#: The opening of an article where a single mention is enough (the rest must name it twice).
MENTION_LEAD_CHARS = 1500


@dataclass(frozen=True)
class Desk:
    """A desk made ready to build: its settings resolved, its custom sections compiled."""

    name: str
    title: str
    #: (key, title) of the desk's sections, in reading order.
    sections: tuple[tuple[str, str], ...]
    #: The desk's custom sections, compiled.
    custom: tuple[CustomSection, ...]
    mentions: tuple[str, ...]
    outlets: tuple[str, ...]
    exclude_outlets: tuple[str, ...]
    languages: tuple[str, ...]
    recipients: tuple[str, ...]
    schedule: str
    #: The settings the desk's editions are built, archived and mailed with: its own
    #: output folder, title, marking, templates, point limit and readers, the common store.
    settings: Settings

    @property
    def section_keys(self) -> tuple[str, ...]:
        return tuple(key for key, _ in self.sections)

    @cached_property
    def _mentions(self) -> re.Pattern[str] | None:
        if not self.mentions:
            return None
        names = sorted(self.mentions, key=len, reverse=True)
        return re.compile(
            r"(?<!\w)(?:" + "|".join(re.escape(n) for n in names) + r")(?!\w)", re.IGNORECASE
        )

    @cached_property
    def _outlets(self) -> tuple[frozenset[str], frozenset[str]]:
        """The outlets taken and those left out, casefolded once (keeps runs per article)."""
        return (
            frozenset(o.casefold() for o in self.outlets),
            frozenset(o.casefold() for o in self.exclude_outlets),
        )

    def keeps(self, article: Article) -> bool:
        """True when the desk's filters let ``article`` in."""
        outlet = article.outlet.casefold()
        taken, left_out = self._outlets
        if taken and outlet not in taken:
            return False
        if outlet in left_out:
            return False
        if self.languages and article.language not in self.languages:
            return False
        if self._mentions is None:
            return True
        # About one of them, not naming it in passing: in the headline or the opening
        # lines, or more than once.
        text = article.text
        if self._mentions.search(f"{article.title}\n{text[:MENTION_LEAD_CHARS]}"):
            return True
        return len(self._mentions.findall(text)) >= 2

    def describe_filters(self) -> str:
        """The filters in words, for a day they match nothing: "mentions China, Japan"."""
        parts = []
        if self.mentions:
            parts.append("mentions " + ", ".join(self.mentions))
        if self.outlets:
            parts.append("outlets " + ", ".join(self.outlets))
        if self.exclude_outlets:
            parts.append("not from " + ", ".join(self.exclude_outlets))
        if self.languages:
            parts.append("languages " + ", ".join(self.languages))
        return "; ".join(parts)


def all_desks(settings: Settings) -> list[Desk]:
    """The configured desks in the order the file lists them, or the default desk alone."""
    if not settings.desks:
        return [default_desk(settings)]
    return [_desk(settings, name, d) for name, d in settings.desks.items()]


def desks_named(settings: Settings, names: Sequence[str]) -> list[Desk]:
    """The desks called ``names``; ConfigError naming the unknown one and the known ones."""
    unknown = [n for n in names if n not in settings.desks]
    if unknown:
        where = f" in {settings.path.name}" if settings.path else ""
        known = ", ".join(settings.desks) or "none"
        raise ConfigError(
            f"--desk {unknown[0]}: no such desk{where} (desks: {known}); "
            f"add a [desks.{unknown[0]}] table or pick one of those"
        )
    return [_desk(settings, n, settings.desks[n]) for n in names]


def default_desk(settings: Settings) -> Desk:
    return Desk(
        name=DEFAULT_DESK,
        title=settings.build.title,
        sections=tuple(SECTIONS),
        custom=(),
        mentions=(),
        outlets=(),
        exclude_outlets=(),
        languages=(),
        recipients=settings.email.recipients,
        schedule="",
        settings=settings,
    )


def _desk(settings: Settings, name: str, desk: DeskSettings) -> Desk:
    custom = custom_sections(
        {k: settings.sections[k] for k in desk.sections if k in settings.sections}
    )
    titles: dict[str, str] = {**_BUILT_IN_TITLES, **{k: c.title for k, c in custom.items()}}
    title = desk.title or name
    build = replace(
        settings.build,
        out=settings.build.out / name,
        title=title,
        max_points=desk.max_points or settings.build.max_points,
    )
    render = replace(
        settings.render,
        marking=desk.marking or settings.render.marking,
        templates=desk.templates or settings.render.templates,
    )
    own = replace(
        settings,
        build=build,
        render=render,
        # One store for every desk: where the root's settings put it.
        store=replace(settings.store, db=settings.db_path),
        email=replace(settings.email, recipients=desk.recipients),
    )
    return Desk(
        name=name,
        title=title,
        sections=tuple((k, titles[k]) for k in desk.sections if k in titles),
        custom=tuple(custom[k] for k in desk.sections if k in custom),
        mentions=desk.mentions,
        outlets=desk.outlets,
        exclude_outlets=desk.exclude_outlets,
        languages=desk.languages,
        recipients=desk.recipients,
        schedule=desk.schedule,
        settings=own,
    )
