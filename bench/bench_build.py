"""Time whole ``briefgen build`` runs against sumy baselines on the same days.

Usage (from the repository root)::

    python bench/bench_build.py [--sizes 150,1000,2000] [--runs 3]
                                [--lexrank-timeout 60] [--out docs/performance.md]

For each size a day of real articles is written by ``bench/make_day.py`` into
a temporary folder. Then, in the same run and on the same files:

- ``briefgen build --date D --input DAY --db TMP --out TMP`` (HTML, PDF and
  JSON, a fresh store every run, so ingestion is timed too);
- sumy's LexRank over all the day's sentences (15 sentences out: three
  sections of five points), a graph of every sentence pair, so it runs in
  full only up to ``--lexrank-full`` articles and is stopped after
  ``--lexrank-timeout`` seconds above that (reported as "> N s");
- a plain loop running sumy's LexRank on each article (3 sentences each).

Every measurement is a separate process, timed from start to exit (start-up
and imports included), with its peak resident memory from ``wait4``: the
largest ``ru_maxrss`` of the process and of any worker processes it started.
Medians are over ``--runs`` runs. ``briefgen --help`` and ``--version`` are
timed too (median of 10). The table is printed and written into ``--out``
between the results markers; text around them is kept.
"""

from __future__ import annotations

import argparse
import compileall
import datetime as dt
import functools
import itertools
import os
import platform
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from docblock import write_block

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_day import DEFAULT_EVAL, make_day

REPO = Path(__file__).resolve().parents[1]
DAY = dt.date(2017, 8, 31)
#: How many sentences the day-wide LexRank picks: three sections of five points.
DAY_SENTENCES = 15
ARTICLE_SENTENCES = 3


@dataclass(frozen=True)
class Run:
    seconds: float
    #: Peak resident set size in MB (None when the run was stopped).
    peak_mb: float | None
    stdout: str
    timed_out: bool = False
    #: CPU seconds (user + system) of the process and its workers.
    cpu: float = 0.0


@dataclass(frozen=True)
class Measure:
    runs: tuple[Run, ...]
    timeout: float | None = None

    @property
    def seconds(self) -> float:
        return statistics.median(r.seconds for r in self.runs)

    @property
    def cpu(self) -> float:
        return statistics.median(r.cpu for r in self.runs)

    @property
    def timed_out(self) -> bool:
        return any(r.timed_out for r in self.runs)

    @property
    def peak_mb(self) -> float | None:
        peaks = [r.peak_mb for r in self.runs if r.peak_mb is not None]
        return max(peaks) if peaks else None

    def time_cell(self) -> str:
        if self.timed_out:
            return f"> {self.timeout:.0f} s (stopped)"
        spread = f" ({len(self.runs)} runs)" if len(self.runs) != 1 else " (1 run)"
        return f"{self.seconds:.2f} s{spread}"


def timed(command: Sequence[str], timeout: float | None = None) -> Run:
    """Run ``command``; its wall time and peak memory (its own or a worker's)."""
    _compile_briefgen()
    start = time.perf_counter()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        process = subprocess.Popen(command, stdout=out, stderr=err, env=_env())
        deadline = None if timeout is None else start + timeout
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if deadline is not None and time.perf_counter() > deadline:
                process.kill()
                os.wait4(process.pid, 0)
                process.returncode = -9
                return Run(time.perf_counter() - start, None, "", timed_out=True)
            time.sleep(0.005)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(), err.read().decode()
    if process.returncode:
        raise SystemExit(f"failed ({process.returncode}): {shlex.join(command)}\n{stderr}")
    # ru_maxrss is in kilobytes on Linux.
    cpu = usage.ru_utime + usage.ru_stime
    return Run(seconds, usage.ru_maxrss / 1024, stdout, cpu=cpu)


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("SOURCE_DATE_EPOCH", None)
    # Timed as installed: some shells (containers) forbid writing bytecode, and every
    # process, workers included, would then compile every briefgen module again.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


@functools.cache
def _compile_briefgen() -> None:
    """Write briefgen's bytecode before the first timed run, as ``pip install .`` does (an
    editable install leaves it to the first run, which would pay for it in the timings)."""
    import briefgen

    compileall.compile_dir(Path(briefgen.__file__).parent, quiet=1)


def briefgen_command() -> list[str]:
    """The installed ``briefgen`` script next to this Python, else ``python -m briefgen``."""
    script = Path(sys.executable).with_name("briefgen")
    return [str(script)] if script.exists() else [sys.executable, "-m", "briefgen"]


def build_command(day_dir: Path, target: Path, formats: str = "html,pdf,json") -> list[str]:
    return [
        *briefgen_command(),
        "build",
        "--date",
        DAY.isoformat(),
        "--input",
        str(day_dir),
        "--db",
        str(target / "store.sqlite"),
        "--out",
        str(target / "reports"),
        "--format",
        formats,
    ]


def time_build(day_dir: Path, runs: int, work: Path) -> Measure:
    results = []
    for n in range(runs):
        results.append(timed(build_command(day_dir, work / f"build-{day_dir.name}-{n}")))
    return Measure(tuple(results))


def time_baseline(kind: str, day_dir: Path, runs: int, timeout: float | None = None) -> Measure:
    command = [sys.executable, str(Path(__file__).resolve()), "--baseline", kind, str(day_dir)]
    results = []
    for _ in range(runs):
        run = timed(command, timeout)
        results.append(run)
        if run.timed_out:
            break
    return Measure(tuple(results), timeout)


def time_startup(argument: str, runs: int = 10) -> float:
    return statistics.median(timed([*briefgen_command(), argument]).seconds for _ in range(runs))


# --- the baselines, run in their own process -----------------------------------------


def _day_sentences(day_dir: Path) -> list[tuple[str, list[str]]]:
    """Each article's title and sentences, read as briefgen reads them."""
    from briefgen.ingest.text import parse_text_article
    from briefgen.nlp.tokenize import split_sentences

    articles = []
    for path in sorted(day_dir.glob("*.txt")):
        article = parse_text_article(path.read_text(encoding="utf-8"), path.name, path)
        sentences = [s for p in article.paragraphs for s in split_sentences(p)]
        articles.append((article.title, sentences))
    return articles


def run_baseline(kind: str, day_dir: Path) -> None:
    from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
    from sumy.nlp.stemmers import Stemmer
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.utils import get_stop_words

    from briefgen.nlp.tokenize import OfflineTokenizer

    tokenizer = OfflineTokenizer("english")
    summarizer = LexRankSummarizer(Stemmer("english"))
    summarizer.stop_words = get_stop_words("english")

    def document(groups: Sequence[Sequence[str]]) -> ObjectDocumentModel:
        return ObjectDocumentModel(
            [Paragraph([Sentence(s, tokenizer) for s in group]) for group in groups]
        )

    articles = _day_sentences(day_dir)
    if kind == "lexrank-day":
        picked = summarizer(document([s for _, s in articles]), DAY_SENTENCES)
        print(f"{len(picked)} sentences from {len(articles)} articles")
    elif kind == "lexrank-per-article":
        total = sum(len(summarizer(document([s]), ARTICLE_SENTENCES)) for _, s in articles if s)
        print(f"{total} sentences from {len(articles)} articles")
    else:
        raise SystemExit(f"unknown baseline {kind!r}")


# --- report --------------------------------------------------------------------------


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} cores (nproc), {cpu}; Python {platform.python_version()}"


def _mb(value: float | None) -> str:
    return "—" if value is None else f"{value:.0f} MB"


def _ratio(baseline: Measure, ours: Measure) -> str:
    if baseline.timed_out:
        return f"> {baseline.timeout / ours.seconds:.0f}×" if baseline.timeout else "—"
    return f"{baseline.seconds / ours.seconds:.1f}×"


def report(
    results: dict[int, dict[str, Measure]],
    startup: dict[str, float],
    command: str,
    articles: dict[int, str],
    load: tuple[float, float],
) -> str:
    from importlib.metadata import version

    lines = [
        f"Measured {dt.datetime.now().strftime('%Y-%m-%d %H:%M')} on {machine()}; "
        f"briefgen {version('briefgen')}, sumy {version('sumy')}. "
        f"Load average (1 min) {load[0]:.2f} at the start, {load[1]:.2f} at the end.",
        "",
        f"Command: `{command}`",
        "",
        "| articles | briefgen build (HTML+PDF+JSON) | CPU | peak memory | "
        "sumy LexRank over the day | × faster | sumy LexRank per article | × faster |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for size, row in results.items():
        ours, day, each = row["build"], row.get("lexrank-day"), row["lexrank-per-article"]
        lines.append(
            f"| {size} | {ours.time_cell()} | {ours.cpu:.1f} s | {_mb(ours.peak_mb)} | "
            f"{day.time_cell() if day else 'not run'} | {_ratio(day, ours) if day else '—'} | "
            f"{each.time_cell()} | {_ratio(each, ours)} |"
        )
    lines.append("")
    sizes = sorted(results)
    for small, large in itertools.pairwise(sizes):
        growth = results[large]["build"].seconds / results[small]["build"].seconds
        base = (
            results[large]["lexrank-per-article"].seconds
            / results[small]["lexrank-per-article"].seconds
        )
        lines.append(
            f"- Growth from {small} to {large} articles ({large / small:.2f}× the input): "
            f"briefgen {growth:.2f}×, sumy per article {base:.2f}×."
        )
    lines += [f"- {size} articles: {text.strip()}" for size, text in articles.items()]
    lines.append(
        f"- `briefgen --help`: {startup['--help'] * 1000:.0f} ms; "
        f"`briefgen --version`: {startup['--version'] * 1000:.0f} ms (medians of 10)."
    )
    return "\n".join(lines)


def write_results(out: Path, block: str) -> None:
    """Replace the results block of ``out``, keeping the prose around it."""
    write_block(out, block)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="150,1000,2000", help="Day sizes in articles.")
    parser.add_argument("--runs", type=int, default=3, help="Runs per measurement (median).")
    parser.add_argument(
        "--lexrank-runs",
        type=int,
        default=1,
        help="Runs of sumy's day-wide LexRank (it takes minutes; default 1).",
    )
    parser.add_argument(
        "--lexrank-full", type=int, default=150, help="Largest day sumy's day-wide LexRank runs on."
    )
    parser.add_argument(
        "--lexrank-timeout",
        type=float,
        default=60.0,
        help="Above --lexrank-full, one LexRank run stopped after this many seconds (0: skip).",
    )
    parser.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL)
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "performance.md")
    parser.add_argument("--no-write", action="store_true", help="Print only.")
    parser.add_argument("--baseline", nargs=2, metavar=("KIND", "DAY"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.baseline:
        run_baseline(args.baseline[0], Path(args.baseline[1]))
        return 0

    sizes = [int(s) for s in args.sizes.split(",")]
    load_before = os.getloadavg()[0]
    results: dict[int, dict[str, Measure]] = {}
    articles: dict[int, str] = {}
    with tempfile.TemporaryDirectory(prefix="briefgen-bench-") as tmp:
        work = Path(tmp)
        for size in sizes:
            day_dir = work / f"day-{size}"
            make_day(size, day_dir, day=DAY, eval_dir=args.eval_dir)
            row: dict[str, Measure] = {"build": time_build(day_dir, args.runs, work)}
            articles[size] = row["build"].runs[0].stdout.splitlines()[0]
            if size <= args.lexrank_full:
                row["lexrank-day"] = time_baseline("lexrank-day", day_dir, args.lexrank_runs)
            elif args.lexrank_timeout > 0:
                row["lexrank-day"] = time_baseline(
                    "lexrank-day", day_dir, 1, timeout=args.lexrank_timeout
                )
            row["lexrank-per-article"] = time_baseline("lexrank-per-article", day_dir, args.runs)
            results[size] = row
            print(f"{size} articles done", file=sys.stderr)
    startup = {arg: time_startup(arg) for arg in ("--help", "--version")}
    command = shlex.join(["python", "bench/bench_build.py", *(argv or sys.argv[1:])])
    load = (load_before, os.getloadavg()[0])
    block = report(results, startup, command, articles, load)
    print(block)
    if not args.no_write:
        write_results(args.out, block)
    return 0


if __name__ == "__main__":
    sys.exit(main())
