"""What a delivery run did, for the command line and for ``build --email``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path


@dataclass(frozen=True)
class Outcome:
    """One reader of one edition after a run."""

    day: date
    recipient: str
    attempts: int = 0
    error: str | None = None
    next_attempt_at: datetime | None = None
    message_id: str | None = None


@dataclass(frozen=True)
class DeliveryReport:
    """Counts and details of a run. ``exit_code`` is 3 while a reader is queued or failed."""

    #: The edition delivered, or None for a retry across editions.
    day: date | None
    sent: tuple[Outcome, ...] = ()
    #: Readers who already had this edition (nothing was sent to them again).
    already_sent: tuple[Outcome, ...] = ()
    #: Readers still waiting: a temporary failure, their backoff is not over, or the
    #: edition cannot be sent whole yet (the reason says which).
    queued: tuple[Outcome, ...] = ()
    #: Readers who will not get the edition unless re-queued: the server refused them
    #: (5xx), or failed for longer than ``email.retry_hours``. Earlier runs' included.
    failed: tuple[Outcome, ...] = ()
    #: Files written instead of sending (--dry-run).
    dry_run_files: tuple[Path, ...] = ()
    #: The edition had no points and ``email.send_empty`` is off.
    skipped_empty: bool = False
    #: Editions another run was busy with (retries only); they were left alone.
    locked: tuple[date, ...] = ()

    @property
    def exit_code(self) -> int:
        return 3 if self.queued or self.failed else 0

    @property
    def ok(self) -> bool:
        return self.exit_code == 0

    def summary(self) -> str:
        """A first line with the counts, then one line per reader who did not get it."""
        what = self.day.isoformat() if self.day else "retry"
        if self.skipped_empty:
            return (
                f"{what}: the edition has no points; nothing sent "
                "(set email.send_empty = true to send empty editions)"
            )
        if self.dry_run_files:
            folder = self.dry_run_files[0].parent
            lines = [f"{what}: dry run, {len(self.dry_run_files)} message(s) written to {folder}"]
            return "\n".join(lines + [f"  {p.name}" for p in self.dry_run_files])
        counts = [f"sent {len(self.sent)}", f"already sent {len(self.already_sent)}"]
        counts += [f"queued {len(self.queued)}", f"failed {len(self.failed)}"]
        lines = [f"{what}: " + ", ".join(counts)]
        multi = self.day is None
        for o in self.queued:
            when = f"; next try after {_clock(o.next_attempt_at)}" if o.next_attempt_at else ""
            edition = f" [{o.day.isoformat()}]" if multi else ""
            lines.append(
                f"  queued  {o.recipient}{edition}: {o.error or 'waiting'} "
                f"(attempt {o.attempts}{when})"
            )
        for o in self.failed:
            edition = f" [{o.day.isoformat()}]" if multi else ""
            lines.append(f"  failed  {o.recipient}{edition}: {o.error or 'unknown error'}")
        lines += [f"  busy    {d.isoformat()}: another run holds its lock" for d in self.locked]
        if self.queued:
            lines.append("  queued messages are sent again by `briefgen send --retry`")
        if self.failed:
            lines.append(
                "  failed messages are sent again once re-queued: `briefgen outbox --requeue`"
                " (--date D, --to ADDRESS for some only)"
            )
        return "\n".join(lines)


def _clock(when: datetime) -> str:
    return when.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")
