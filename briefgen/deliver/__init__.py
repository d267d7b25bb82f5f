"""Delivery: e-mail a built edition once per reader, keep a ledger, feed and schedule.

    from briefgen.deliver import deliver_edition, retry_queued, outbox
    report = deliver_edition(settings, date(2017, 8, 31), extra_recipients=["a@example.org"])
    print(report.summary()); sys.exit(report.exit_code)

Submodules are imported on first use so that the build, which needs only the
lock and the feed, does not load smtplib and sqlite3.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from briefgen.deliver.feed import write_edition_feed
    from briefgen.deliver.ledger import Delivery
    from briefgen.deliver.lock import edition_lock
    from briefgen.deliver.report import DeliveryReport, Outcome
    from briefgen.deliver.service import deliver_edition, outbox, retry_queued

__all__ = [
    "Delivery",
    "DeliveryReport",
    "Outcome",
    "deliver_edition",
    "edition_lock",
    "outbox",
    "retry_queued",
    "write_edition_feed",
]

_HOMES = {
    "deliver_edition": "service",
    "retry_queued": "service",
    "outbox": "service",
    "DeliveryReport": "report",
    "Outcome": "report",
    "Delivery": "ledger",
    "edition_lock": "lock",
    "write_edition_feed": "feed",
}


def __getattr__(name: str) -> Any:
    if name in _HOMES:
        from importlib import import_module

        return getattr(import_module(f"briefgen.deliver.{_HOMES[name]}"), name)
    raise AttributeError(name)
