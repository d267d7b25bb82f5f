"""Scale past one machine: concurrent ingesters into PostgreSQL, re-analysis on a Dask cluster.

Usage (from the repository root, with the ``postgres`` and ``dask`` extras)::

    python bench/bench_scale.py --postgres postgresql://postgres@127.0.0.1:5432/postgres
                                [--articles 12961] [--runs 3] [--ingesters 1,2,4]
                                [--out docs/performance.md | --no-write]

``--postgres`` names a server and a database the benchmark may connect to as a
user who can create databases; every measurement gets a new database of its own
(dropped afterwards). Measured, each as the real ``briefgen`` command in its own
process (start-up included), on the first ``--articles`` Reuters-21578 stories of
``../shared/eval/perf/reuters21578`` (dealt round-robin to the ingesters, so
each has a feed list of its own):

- one ``briefgen ingest`` into a fresh SQLite store (the laptop);
- N ``briefgen ingest`` processes at once into one fresh PostgreSQL database,
  for each N of ``--ingesters``; each gets ``build.workers`` = cores / N, so
  together they use the machine's cores as the single process does;
- ``briefgen ingest --reanalyse`` of the PostgreSQL store, locally and with
  ``--scheduler`` on a Dask cluster of 2 worker processes (``dask scheduler`` and
  ``dask worker --nworkers 2 --nthreads 1``, started here).

Wall time is from the first process's start to the last one's exit; CPU is
the processes' own and their pool workers' (``wait4``), not the database
server's or the Dask workers'. The table goes into ``--out`` between the
``scale`` markers.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import resource
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_build import briefgen_command, machine
from docblock import write_block
from make_day import DEFAULT_EVAL

REUTERS = DEFAULT_EVAL / "perf" / "reuters21578"
START, END = "<!-- scale:start -->", "<!-- scale:end -->"
_SUMMARY = re.compile(r"(\d+) new, (\d+) duplicate, (\d+) near-duplicate")


@dataclass(frozen=True)
class Run:
    seconds: float
    cpu: float
    stored: int


def corpus(count: int) -> list[Path]:
    """The first ``count`` stories, by date, then id."""
    files: list[Path] = []
    for day in sorted(REUTERS.iterdir()):
        files += sorted(day.glob("*.txt"), key=lambda p: int(p.stem))
        if len(files) >= count:
            break
    return files[:count]


def feed_lists(files: list[Path], count: int, root: Path) -> list[Path]:
    """``files`` dealt to ``count`` ingesters: a folder each, of date folders (hard links)."""
    parts = []
    for i in range(count):
        part = root / f"{count}-{i}"
        for path in files[i::count]:
            (part / path.parent.name).mkdir(parents=True, exist_ok=True)
            os.link(path, part / path.parent.name / path.name)
        parts.append(part)
    return parts


def config(work: Path, workers: int) -> Path:
    path = work / f"workers-{workers}.toml"
    path.write_text(f"[build]\nworkers = {workers}\n", encoding="utf-8")
    return path


def run_all(commands: list[list[str]]) -> tuple[float, float, list[str]]:
    """Run ``commands`` at once; wall seconds, CPU seconds and each one's stdout.

    Their output is a summary line or two, well within a pipe's buffer.
    """
    start = time.perf_counter()
    processes = [
        subprocess.Popen(c, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for c in commands
    ]
    cpu = 0.0
    texts = []
    for process in processes:
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        cpu += usage.ru_utime + usage.ru_stime
        out, err = process.stdout.read(), process.stderr.read()  # type: ignore[union-attr]
        if process.returncode != 0:
            raise SystemExit(f"{' '.join(commands[processes.index(process)])} failed: {err}")
        texts.append(out)
    return time.perf_counter() - start, cpu, texts


def stored(outputs: list[str]) -> int:
    total = 0
    for text in outputs:
        found = _SUMMARY.search(text)
        if found:
            total += int(found[1]) + int(found[3])
    return total


class Postgres:
    """Fresh databases on the server ``--postgres`` names."""

    def __init__(self, url: str) -> None:
        import psycopg

        self.url = url
        self.admin = psycopg.connect(url, autocommit=True)
        self.count = 0

    def fresh(self) -> str:
        self.count += 1
        name = f"bench_scale_{os.getpid()}_{self.count}"
        self.admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        self.admin.execute(f'CREATE DATABASE "{name}"')
        parts = urlsplit(self.url)
        return urlunsplit(parts._replace(path=f"/{name}"))

    def size(self, url: str) -> int:
        import psycopg

        with psycopg.connect(url) as connection:
            row = connection.execute("SELECT pg_database_size(current_database())").fetchone()
            return int(row[0]) if row else 0

    def drop(self, url: str) -> None:
        name = urlsplit(url).path.lstrip("/")
        self.admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class DaskCluster:
    """``dask scheduler`` and ``dask worker --nworkers 2 --nthreads 1``, as deployed."""

    def __init__(self) -> None:
        dask = Path(sys.executable).with_name("dask")
        port = free_port()
        self.address = f"tcp://127.0.0.1:{port}"
        quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
        self.scheduler = subprocess.Popen(
            [str(dask), "scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"],
            **quiet,  # type: ignore[call-overload]
        )
        time.sleep(3)
        self.workers = subprocess.Popen(
            [
                str(dask),
                "worker",
                self.address,
                "--nworkers",
                "2",
                "--nthreads",
                "1",
                "--no-dashboard",
            ],
            **quiet,  # type: ignore[call-overload]
        )
        time.sleep(8)

    def stop(self) -> None:
        for process in (self.workers, self.scheduler):
            process.terminate()
            process.wait(timeout=60)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--postgres", required=True, help="server URL (a user who can CREATE DATABASE)"
    )
    parser.add_argument("--articles", type=int, default=12_961)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--ingesters", default="1,2,4")
    parser.add_argument("--out", type=Path, default=Path("docs/performance.md"))
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args(argv)
    counts = [int(n) for n in args.ingesters.split(",")]
    cores = os.cpu_count() or 1
    load_before = os.getloadavg()[0]
    postgres = Postgres(args.postgres)
    rows: dict[str, list[Run]] = {}
    sizes: dict[str, int] = {}

    with tempfile.TemporaryDirectory(prefix="briefgen-scale-") as tmp:
        work = Path(tmp)
        files = corpus(args.articles)
        lists = {n: feed_lists(files, n, work / "lists") for n in {1, *counts}}
        ingest = [*briefgen_command(), "ingest"]
        for n in range(args.runs):
            print(f"run {n + 1} of {args.runs}", file=sys.stderr)
            db = work / f"sqlite-{n}.db"
            seconds, cpu, outs = run_all([[*ingest, "--db", str(db), str(lists[1][0])]])
            rows.setdefault("SQLite, 1 ingester", []).append(Run(seconds, cpu, stored(outs)))
            sizes["SQLite"] = db.stat().st_size + sum(
                p.stat().st_size for p in work.glob(f"sqlite-{n}.db-*")
            )
            for count in counts:
                url = postgres.fresh()
                settings = config(work, max(1, cores // count))
                commands = [
                    [*ingest, "--config", str(settings), "--db", url, str(part)]
                    for part in lists[count]
                ]
                seconds, cpu, outs = run_all(commands)
                label = f"PostgreSQL, {count} ingester{'s' if count > 1 else ''}"
                rows.setdefault(label, []).append(Run(seconds, cpu, stored(outs)))
                if count == counts[-1]:
                    sizes["PostgreSQL"] = postgres.size(url)
                    again = [*ingest, "--reanalyse", "--quiet", "--db", url]
                    seconds, cpu, _ = run_all([again])
                    rows.setdefault("`--reanalyse`, local pool", []).append(
                        Run(seconds, cpu, rows[label][-1].stored)
                    )
                    cluster = DaskCluster()
                    try:
                        seconds, cpu, _ = run_all([[*again, "--scheduler", cluster.address]])
                    finally:
                        cluster.stop()
                    rows.setdefault("`--reanalyse`, Dask (2 workers)", []).append(
                        Run(seconds, cpu, rows[label][-1].stored)
                    )
                postgres.drop(url)
            # After every run, so a benchmark stopped early keeps the runs it finished.
            block = table(rows, sizes, args, n + 1, cores, load_before)
            print(block)
            if not args.no_write:
                write_block(args.out, block, start=START, end=END)


def table(
    rows: dict[str, list[Run]],
    sizes: dict[str, int],
    args: argparse.Namespace,
    runs: int,
    cores: int,
    load_before: float,
) -> str:
    when = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M")
    lines = [
        f"Measured {when} UTC on {machine()}. {runs} run{'s' if runs > 1 else ''} of each "
        f"(medians; lowest–highest in brackets). Load average (1 min) {load_before:.2f} at "
        f"the start, {os.getloadavg()[0]:.2f} at the end.",
        "",
        f"Command: `python bench/bench_scale.py --postgres URL --articles {args.articles} "
        f"--runs {args.runs} --ingesters {args.ingesters}`"
        + (f" ({runs} of the {args.runs} runs finished)" if runs < args.runs else ""),
        "",
        "| what | wall time | articles stored | per article (wall) | CPU per article |",
        "|---|---:|---:|---:|---:|",
    ]
    for label, measured in rows.items():
        wall = statistics.median(r.seconds for r in measured)
        cpu = statistics.median(r.cpu for r in measured)
        count = measured[0].stored or 1
        spread = (
            f" ({min(r.seconds for r in measured):.1f}–{max(r.seconds for r in measured):.1f})"
            if len(measured) > 1
            else ""
        )
        lines.append(
            f"| {label} | {wall:.1f} s{spread} | {measured[0].stored:,} | "
            f"{1000 * wall / count:.2f} ms | {1000 * cpu / count:.2f} ms |"
        )
    lines.append("")
    for name, size in sizes.items():
        per = size / max(next(iter(rows.values()))[0].stored, 1)
        lines.append(
            f"- {name} store after the run: {size / 1e6:.0f} MB, {per / 1e3:.1f} kB per article."
        )
    lines.append(
        f"- {cores} cores; each of N PostgreSQL ingesters ran with build.workers = "
        f"max(1, {cores} / N). CPU is the ingest processes' and their pool workers'; the "
        "PostgreSQL server's and the Dask workers' CPU is not in it."
    )
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    lines.append(f"- Largest resident set of any process measured: {peak:.0f} MB.")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
