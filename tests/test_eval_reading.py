"""``bench/eval_reading.py`` counts what keeps sentences from being points, check by check."""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def test_it_counts_each_check_that_turns_a_lead_away(tmp_path: Path) -> None:
    sys.path.insert(0, str(REPO / "bench"))
    import eval_reading

    day = tmp_path / "perf" / "reuters21578" / "1987-03-02"
    day.mkdir(parents=True)
    (day / "1.txt").write_text(
        "Velmar Mills Sets Payout\n\n"
        "NOTE: Current year net excludes a gain of 176,000 dlrs from notes.\n\n"
        "Velmar Mills said it will raise its quarterly dividend to 25 cts a share.\n",
        "utf-8",
    )
    (day / "2.txt").write_text(
        "Nordvik Port Reopens\n\n"
        "The Nordvik Federation of Harbour Pilots said U.S. District Judge Ann K. Berg "
        "ended the strike at the port on Monday.\n\n"
        "Ships began to dock again within hours of the ruling.\n",
        "utf-8",
    )
    (day / "3.txt").write_text(
        "Port Strike Ends\n\nHe said the port would reopen on Monday after the vote.\n\n"
        "The pilots of the Nordvik port voted to end their strike on Sunday.\n",
        "utf-8",
    )
    lines, shown = eval_reading.measure(tmp_path, show=1)
    (reuters,) = (line for line in lines if line.startswith("| Reuters"))
    cells = [cell.strip() for cell in reuters.strip("|").split("|")]
    assert cells[0] == "Reuters (3 files)"
    assert cells[3:5] == ["3", "1"]  # three leads, one of them fit to be a point
    assert cells[5] == "question or note 1, leans on what came before 1"
    assert shown["Reuters"]["question or note"][0].startswith("1987-03-02/1.txt: NOTE:")
    # Sets with no files are counted as empty.
    assert any(line.startswith("| BBC (0 files) | 0 |") for line in lines)
