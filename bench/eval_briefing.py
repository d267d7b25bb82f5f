"""Measure a day's briefing: multi-document ROUGE, sections, point quality and speed.

Usage (from the repository root)::

    python bench/eval_briefing.py [--eval-dir ../shared/eval] [--out docs/evaluation.md]
                                  [--limit N] [--runs 3] [--no-speed]

One run measures, on the evaluation data (read in place, never copied):

a. ROUGE-1/2/L F1 (rouge-score, stemming) of the day's ranking on the Wikinews
   clusters: each cluster's source articles are one day; the reference is the
   Wikinews report. briefgen (``compose.rank_stories``) is compared with sumy
   LexRank, TextRank, Luhn and LSA over all the day's sentences, Lead-N of the
   concatenated articles and a round-robin lead (first sentence of each
   article, then the second, ...); so are the points a build composes with every
   story filed ("briefing") and, where the cluster's own briefing has points, those
   points ("shown"). Lengths: the reference's sentence count, a fixed 5 and the
   briefing's own number of points. Clusters whose reference lost its opening in
   the source data are reported with and without.
b. Section macro-F1 on the labelled items (the classifier's own evaluation).
c. Point quality of the briefing composed from all clusters as one day:
   redundant pairs, dangling openers, points without a source, points that are
   not verbatim in their article, and how many distinct stories are covered.
d. Speed of ranking and composing that day and a synthetic 1,000-article day.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import json
import math
import shlex
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from itertools import combinations
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from typing import Any

import numpy as np
from docblock import write_block

from briefgen.analysis import ArticleAnalysis, analyse_all
from briefgen.classify import Taxonomy, load_taxonomy
from briefgen.compose import (
    article_candidates,
    compose,
    day_stories,
    decide_day,
    rank_stories,
)
from briefgen.compose import split_article as split_into_sentences
from briefgen.config import Settings
from briefgen.errors import SkippedInput
from briefgen.ingest.text import parse_text_article
from briefgen.models import SECTIONS, Article, Briefing, Point
from briefgen.nlp.quality import error_page, needs_context
from briefgen.nlp.summarize import score_sentences, top_indices
from briefgen.nlp.tokenize import split_sentences
from briefgen.stories import cluster_articles

REPO = Path(__file__).resolve().parents[1]
DEFAULT_EVAL = REPO.parent / "shared" / "eval"
METRICS = ("rouge1", "rouge2", "rougeL")
SYSTEMS = (
    "briefgen",
    "briefing",
    "lexrank",
    "textrank",
    "luhn",
    "lsa",
    "lead",
    "lead-round-robin",
)
SUMY = ("lexrank", "textrank", "luhn", "lsa")
#: The lengths compared: the reference's sentence count, a fixed 5, and briefgen's own
#: number of points for the cluster (as ``compose`` gives them, at least 1).
LENGTHS = ("ref", "5", "own")
#: Every source article is dated to the same day: the clusters are days of their own.
DAY = dt.datetime(2005, 1, 10, 12, 0, tzinfo=dt.UTC)
FIXED_N = 5
REDUNDANT_COSINE = 0.5
REDUNDANT_ROUGE2 = 0.5
SECTION_KEYS = tuple(key for key, _ in SECTIONS)


@dataclass(frozen=True)
class Cluster:
    id: str
    truncated: bool
    articles: tuple[Article, ...]
    reference: tuple[str, ...]


def load_clusters(eval_dir: Path, limit: int | None = None) -> list[Cluster]:
    """The Wikinews clusters; each document an :class:`Article` read by briefgen's text reader."""
    root = eval_dir / "multidoc" / "wikinewssum"
    rows = [json.loads(line) for line in (root / "clusters.jsonl").read_text().splitlines() if line]
    out = []
    for row in rows[:limit]:
        folder = root / row["cluster_id"]
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        docs = {d["file"]: d for d in meta.get("documents", [])}
        articles = []
        for path in sorted(folder.glob("doc_*.txt")):
            doc = docs.get(path.name, {})
            try:
                # The date in the name stands in for front matter the files do not have.
                name = f"{row['cluster_id']}/{DAY.date().isoformat()}/{path.name}"
                article = parse_text_article(path.read_text(encoding="utf-8"), name)
            except SkippedInput:
                continue
            if error_page(article):
                continue  # a "page not found" notice: briefgen's ingest skips it
            # The files carry no front matter: the outlet and link come from meta.json.
            article = replace(
                article,
                published=DAY,
                outlet=doc.get("source_title") or article.outlet,
                url=doc.get("url") or f"https://example.org/{row['cluster_id']}/{path.name}",
            )
            articles.append(article)
        summary = (folder / "summary.txt").read_text(encoding="utf-8")
        out.append(
            Cluster(
                id=row["cluster_id"],
                truncated=bool(row.get("summary_lead_truncated_in_source")),
                articles=tuple(articles),
                reference=tuple(split_sentences(summary)),
            )
        )
    return out


def point_text(point: Point) -> str:
    return f"{point.context} {point.text}" if point.context else point.text


def briefing_points(
    articles: Sequence[Article],
    settings: Settings,
    taxonomy: Taxonomy,
    analyses: Mapping[str, ArticleAnalysis] | None = None,
) -> list[Point]:
    """The points a briefing of ``articles`` shows with the section filter off: every
    story filed in its likeliest section, then composed as a build composes (one point
    per story, more on a thin day, told by the sentence :func:`briefgen.compose.compose`
    chooses), best first. What a reader would get if every story of the cluster
    belonged. ``analyses`` are the articles' (:func:`analyse_all`), when already made."""
    if analyses is None:
        analyses = analyse_all(articles, settings, taxonomy)
    story_of, decisions = decide_day(articles, taxonomy, analyses)
    filed = {}
    for key, decision in decisions.items():
        scores = decision.classification.scores
        label = max(SECTION_KEYS, key=lambda k: scores.get(k, 0.0))
        # As sure of it as the model is of that section: what a build weighs it by.
        classification = replace(
            decision.classification, label=label, confidence=scores.get(label, 0.0)
        )
        filed[key] = replace(decision, classification=classification)
    briefing = compose(
        articles,
        settings,
        DAY.date(),
        taxonomy=taxonomy,
        generated_at=DAY,
        analyses=analyses,
        day_decisions=(story_of, filed),
    )
    return sorted(briefing.points, key=lambda p: -p.score)


def system_outputs(
    cluster: Cluster,
    lengths: Sequence[int],
    settings: Settings,
    taxonomy: Taxonomy,
    analyses: Mapping[str, ArticleAnalysis] | None = None,
) -> dict[tuple[str, int], list[str]]:
    """Each system's summary of the cluster, as sentences, at each length (``analyses``:
    its articles', when already made)."""
    per_article = [[s.text for s in split_into_sentences(a)] for a in cluster.articles]
    sentences = [s for doc in per_article for s in doc]
    round_robin = [
        doc[i]
        for i in range(max(map(len, per_article), default=0))
        for doc in per_article
        if i < len(doc)
    ]
    # The baselines rank the whole cluster, as sumy would, not the bounded head of it.
    sumy_scores = {a: score_sentences(sentences, a, bounded=False) for a in SUMY}
    out: dict[tuple[str, int], list[str]] = {}
    shown = [point_text(p) for p in briefing_points(cluster.articles, settings, taxonomy, analyses)]
    for n in lengths:
        points = rank_stories(cluster.articles, settings, taxonomy, limit=n, sections_only=False)
        out["briefgen", n] = [point_text(p) for p in points]
        out["briefing", n] = shown[:n]
        for algorithm, scores in sumy_scores.items():
            out[algorithm, n] = [sentences[i] for i in top_indices(scores, n)]
        out["lead", n] = sentences[:n]
        out["lead-round-robin", n] = round_robin[:n]
    return out


def rouge_results(
    clusters: Sequence[Cluster], settings: Settings | None = None
) -> dict[tuple[str, str, str], dict[str, float]]:
    """Mean F1 per (subset, length, system); subsets "all" and "untruncated", lengths "ref", "5"."""
    from rouge_score import rouge_scorer

    settings = settings or Settings()
    taxonomy = load_taxonomy()
    scorer = rouge_scorer.RougeScorer(list(METRICS), use_stemmer=True)
    per_cluster: list[tuple[Cluster, dict[tuple[str, str], dict[str, float]]]] = []
    for cluster in clusters:
        n_ref = max(len(cluster.reference), 1)
        # Analysed once: the cluster's own briefing and the "briefing" row share it.
        analyses = analyse_all(cluster.articles, settings, taxonomy)
        own = compose(
            cluster.articles,
            settings,
            DAY.date(),
            taxonomy=taxonomy,
            generated_at=DAY,
            analyses=analyses,
        )
        n_own = max(len(own.points), 1)
        lengths = sorted({n_ref, FIXED_N, n_own})
        outputs = system_outputs(cluster, lengths, settings, taxonomy, analyses)
        target = "\n".join(cluster.reference)
        scores: dict[tuple[str, str], dict[str, float]] = {}
        for length, n in (("ref", n_ref), (str(FIXED_N), FIXED_N), ("own", n_own)):
            for system in SYSTEMS:
                got = scorer.score(target, "\n".join(outputs[system, n]))
                scores[system, length] = {m: got[m].fmeasure for m in METRICS}
        if own.points:
            # The points the cluster's own briefing shows, as a build makes them.
            got = scorer.score(target, "\n".join(point_text(p) for p in own.points))
            scores["shown", "own"] = {m: got[m].fmeasure for m in METRICS}
        per_cluster.append((cluster, scores))
    results: dict[tuple[str, str, str], dict[str, float]] = {}
    subsets: dict[str, Callable[[Cluster, dict[tuple[str, str], dict[str, float]]], bool]] = {
        "all": lambda c, s: True,
        "untruncated": lambda c, s: not c.truncated,
        "shown": lambda c, s: ("shown", "own") in s,
    }
    for subset, keep in subsets.items():
        chosen = [s for c, s in per_cluster if keep(c, s)]
        # The shown points are compared at their own count only, in their own subset.
        if subset == "shown":
            chosen = [{k: v for k, v in s.items() if k[1] == "own"} for s in chosen]
        else:
            chosen = [{k: v for k, v in s.items() if k[0] != "shown"} for s in chosen]
        for key in chosen[0] if chosen else ():
            system, length = key
            # In how many clusters briefgen's ROUGE-2 is at least this system's: the spread
            # (the shown points' where the briefing has points).
            ours = ("shown" if subset == "shown" else "briefgen", length)
            wins = sum(s[ours]["rouge2"] >= s[key]["rouge2"] for s in chosen)
            results[(subset, *key)] = {
                m: statistics.fmean(s[key][m] for s in chosen) for m in METRICS
            } | {"clusters": float(len(chosen)), "wins": float(wins)}
    return results


def rouge_markdown(results: dict[tuple[str, str, str], dict[str, float]]) -> list[str]:
    lines: list[str] = []
    for subset in ("all", "untruncated"):
        if (subset, "briefgen", "ref") not in results:
            continue
        count = int(results[subset, "briefgen", "ref"]["clusters"])
        what = "all clusters" if subset == "all" else "clusters whose reference is complete"
        lines += [
            f"**{what.capitalize()}** ({count}):",
            "",
            "| system | R-1 @ref | R-2 @ref | R-L @ref | R-1 @5 | R-2 @5 | R-L @5 "
            "| R-1 @own | R-2 @own | R-L @own | briefgen R-2 ≥ it @ref / @5 / @own |",
            "|---|---|---|---|---|---|---|---|---|---|---|",
        ]
        for system in SYSTEMS:
            cells = [
                f"{results[subset, system, length][m]:.3f}" for length in LENGTHS for m in METRICS
            ]
            wins = " / ".join(
                f"{int(results[subset, system, length]['wins'])}" for length in LENGTHS
            )
            if system == "briefgen":
                wins = "—"
            else:
                wins += f" of {count}"
            lines.append(f"| {system} | {' | '.join(cells)} | {wins} |")
        lines.append("")
        for ours, label in (("briefgen", "briefgen"), ("briefing", "the briefing's points")):
            ratios = [_against_sumy(results, subset, ours, length) for length in LENGTHS]
            lines += [f"{label} ROUGE-2: " + "; ".join(ratios) + ".", ""]
    if ("shown", "shown", "own") in results:
        count = int(results["shown", "shown", "own"]["clusters"])
        lines += [
            f"**Clusters whose own briefing has points** ({count}): the points a build shows "
            "for the cluster, against each system at the same count.",
            "",
            "| system | R-1 @own | R-2 @own | R-L @own | shown R-2 ≥ it @own |",
            "|---|---|---|---|---|",
        ]
        for system in ("shown", *SYSTEMS):
            row = results["shown", system, "own"]
            cells = " | ".join(f"{row[m]:.3f}" for m in METRICS)
            wins = "—" if system == "shown" else f"{int(row['wins'])} of {count}"
            lines.append(f"| {system} | {cells} | {wins} |")
        ratio = _against_sumy(results, "shown", "shown", "own")
        lines += ["", f"The shown points' ROUGE-2: {ratio}.", ""]
    return lines


def _against_sumy(
    results: dict[tuple[str, str, str], dict[str, float]], subset: str, ours: str, length: str
) -> str:
    """``ours``' ROUGE-2 as a multiple of the best sumy algorithm's, at ``length``."""
    best = max(SUMY, key=lambda a: results[subset, a, length]["rouge2"])
    best_r2 = results[subset, best, length]["rouge2"]
    ratio = results[subset, ours, length]["rouge2"] / best_r2 if best_r2 else math.nan
    return f"×{ratio:.3f} the best sumy algorithm ({best}) @{length}"


# --- b. sections ---------------------------------------------------------------------


def section_macro_f1(eval_dir: Path) -> float:
    """Macro-F1 from the classifier's own evaluation script, so both report one number."""
    spec = importlib.util.spec_from_file_location("eval_classify", REPO / "bench/eval_classify.py")
    if spec is not None and spec.loader is not None:
        module = importlib.util.module_from_spec(spec)
        sys.modules.setdefault(spec.name, module)
        spec.loader.exec_module(module)
        if hasattr(module, "evaluate"):
            macro, _ = module.evaluate(eval_dir)
            return float(macro)
    return _section_macro_f1(eval_dir)  # pragma: no cover - only if that script changes shape


def _section_macro_f1(eval_dir: Path) -> float:
    from briefgen.classify import best_section, classify

    taxonomy = load_taxonomy()
    path = eval_dir / "labelled" / "labelled.jsonl"
    items = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    gold = [i["label"] for i in items]
    pred = [best_section(classify(i["text"], taxonomy)) for i in items]
    f1s = []
    for c in ("security", "trade", "diplomacy"):
        tp = sum(g == p == c for g, p in zip(gold, pred, strict=True))
        fp = sum(p == c != g for g, p in zip(gold, pred, strict=True))
        fn = sum(g == c != p for g, p in zip(gold, pred, strict=True))
        f1s.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return statistics.fmean(f1s)


# --- c. quality of a multi-story day ----------------------------------------------------


def day_of(clusters: Iterable[Cluster]) -> tuple[list[Article], dict[str, str]]:
    """All clusters' articles as one day, and the cluster of each article id."""
    articles: list[Article] = []
    cluster_of: dict[str, str] = {}
    for cluster in clusters:
        for article in cluster.articles:
            articles.append(article)
            cluster_of[article.id] = cluster.id
    return articles, cluster_of


def _tfidf_cosines(texts: Sequence[str], background: Sequence[str]) -> np.ndarray:
    """Cosine of TF-IDF vectors (rouge-score's stemmed tokens, no stop words).

    Independent of briefgen's own similarity; IDF comes from the whole day's sentences.
    """
    from rouge_score import tokenizers
    from sumy.utils import get_stop_words

    stops = frozenset(get_stop_words("english"))
    tokenizer = tokenizers.DefaultTokenizer(use_stemmer=True)

    def bag(text: str) -> Counter[str]:
        words = [w for w in text.lower().split() if w not in stops]
        return Counter(tokenizer.tokenize(" ".join(words)))

    df: Counter[str] = Counter()
    for text in background:
        df.update(set(bag(text)))
    n = len(background) + 1
    vectors = []
    for text in texts:
        weights = {t: (1 + math.log(c)) * math.log(n / (1 + df[t])) for t, c in bag(text).items()}
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        vectors.append({t: w / norm for t, w in weights.items()})
    sims = np.zeros((len(texts), len(texts)))
    for i, j in combinations(range(len(texts)), 2):
        a, b = vectors[i], vectors[j]
        sims[i, j] = sims[j, i] = sum(w * b.get(t, 0.0) for t, w in a.items())
    return sims


def quality(
    briefing: Briefing, articles: Sequence[Article], cluster_of: dict[str, str]
) -> dict[str, Any]:
    """Counts a reader would check in the briefing of a multi-story day."""
    from rouge_score import rouge_scorer

    points = list(briefing.points)
    texts = [point_text(p) for p in points]
    by_id = {a.id: a for a in articles}
    background = [s.text for a in articles for s in split_into_sentences(a)]
    cosines = _tfidf_cosines(texts, background)
    scorer = rouge_scorer.RougeScorer(["rouge2"], use_stemmer=True)
    redundant = []
    for i, j in combinations(range(len(points)), 2):
        r2 = scorer.score(texts[i], texts[j])["rouge2"].fmeasure
        if cosines[i, j] >= REDUNDANT_COSINE or r2 >= REDUNDANT_ROUGE2:
            redundant.append((i, j, round(float(cosines[i, j]), 3), round(r2, 3)))

    def verbatim(p: Point) -> bool:
        article = by_id.get(p.source.article_id)
        if article is None:
            return False
        body = "\n".join(article.paragraphs)
        # The context is the sentence before, or (a feed item's first line) the headline.
        return p.text in body and (
            p.context is None
            or f"{p.context} {p.text}" in body
            or (p.context == article.title and body.startswith(p.text))
        )

    stories = Counter(cluster_of.get(p.source.article_id, "?") for p in points)
    return {
        "points": len(points),
        "per_section": {s.key: len(s.points) for s in briefing.sections},
        "redundant_pairs": redundant,
        "dangling": sum(needs_context(p.text) and not p.context for p in points),
        "uncited": sum(
            not (p.source.outlet and p.source.title and p.source.article_id in by_id)
            for p in points
        ),
        "not_verbatim": sum(not verbatim(p) for p in points),
        "stories": len(stories),
        "max_points_one_story": max(stories.values(), default=0),
        "multi_source": sum(p.source_count > 1 for p in points),
    }


def quality_markdown(q: dict[str, Any], n_articles: int, n_clusters: int) -> list[str]:
    per_section = ", ".join(f"{k} {v}" for k, v in q["per_section"].items())
    lines = [
        f"All {n_clusters} clusters as one day ({n_articles} articles), composed with the "
        "default settings:",
        "",
        "| check | count |",
        "|---|---|",
        f"| points ({per_section}) | {q['points']} |",
        f"| redundant pairs (TF-IDF cosine ≥ {REDUNDANT_COSINE} or ROUGE-2 F ≥ "
        f"{REDUNDANT_ROUGE2}, any two points) | {len(q['redundant_pairs'])} |",
        f"| dangling openers without context | {q['dangling']} |",
        f"| points without a source | {q['uncited']} |",
        f"| points not verbatim in their article | {q['not_verbatim']} |",
        f"| distinct stories (clusters) among the points | {q['stories']} |",
        f"| most points from one story | {q['max_points_one_story']} |",
        f"| points citing more than one outlet | {q['multi_source']} |",
        "",
    ]
    return lines


# --- d. speed ---------------------------------------------------------------------------


def bbc_day(eval_dir: Path, count: int) -> list[Article]:
    """``count`` distinct articles made by repeating the BBC ones under other outlets."""
    base = []
    for path in sorted((eval_dir / "bbc").glob("*/*.article.txt")):
        text = path.read_text(encoding="utf-8", errors="replace")
        base.append(parse_text_article(text, f"{DAY.date().isoformat()}/{path.name}"))
    out = []
    for k in range(count):
        a = base[k % len(base)]
        copy = k // len(base)
        out.append(replace(a, outlet=f"Outlet {copy}", url=f"https://example.org/{copy}/{k}"))
    return out


def median_seconds(fn: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def speed(days: dict[str, list[Article]], runs: int) -> list[str]:
    settings, taxonomy = Settings(), load_taxonomy()
    lines = [
        f"Median of {runs} runs, one process (`build.workers` does not apply here).",
        "",
        "| day | articles | candidates | per-article ranking | ranking + clustering "
        "(day_stories) | article clustering | rank_stories | compose |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for name, articles in days.items():
        candidates = [c for a in articles for c in article_candidates(a, settings, taxonomy)[0]]
        t_cand = median_seconds(
            lambda a=articles: [article_candidates(x, settings, taxonomy) for x in a], runs
        )
        t_stories = median_seconds(lambda c=candidates: day_stories(c), runs)
        t_articles = median_seconds(lambda a=articles: cluster_articles(a), runs)
        t_rank = median_seconds(
            lambda a=articles: rank_stories(a, settings, taxonomy, limit=10), runs
        )
        t_compose = median_seconds(
            lambda a=articles: compose(
                a, settings, DAY.date(), taxonomy=taxonomy, generated_at=DAY
            ),
            runs,
        )
        lines.append(
            f"| {name} | {len(articles)} | {len(candidates)} | {t_cand:.2f} s | "
            f"{t_stories:.3f} s | {t_articles:.3f} s | {t_rank:.2f} s | {t_compose:.2f} s |"
        )
    return [*lines, ""]


# --- report ---------------------------------------------------------------------------


def write_results(out: Path, block: str) -> None:
    """Replace the results block of ``out``, keeping the prose around it."""
    write_block(out, block)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n", 1)[0])
    parser.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL)
    parser.add_argument("--out", type=Path, default=None, help="e.g. docs/evaluation.md")
    parser.add_argument("--limit", type=int, default=None, help="first N clusters only")
    parser.add_argument("--runs", type=int, default=3, help="timing runs (median)")
    parser.add_argument("--no-speed", action="store_true", help="skip the timings")
    args = parser.parse_args(argv)
    if not (args.eval_dir / "multidoc" / "wikinewssum" / "clusters.jsonl").is_file():
        print(f"no multidoc/wikinewssum under {args.eval_dir}; pass --eval-dir", file=sys.stderr)
        return 2
    clusters = load_clusters(args.eval_dir, args.limit)
    command = "python bench/eval_briefing.py" + "".join(
        f" {shlex.quote(a)}" for a in (argv if argv is not None else sys.argv[1:])
    )
    lines = [f"Measured {dt.date.today().isoformat()} with `{command}`.", ""]

    lines += ["### Multi-document ROUGE (Wikinews clusters)", ""]
    lines += [
        "F1, rouge-score with stemming; @ref = as many sentences as the reference, "
        f"@{FIXED_N} = {FIXED_N} sentences, @own = as many sentences as briefgen's briefing of "
        "the cluster has points (at least 1). briefgen = the day's ranking "
        "(`compose.rank_stories`, no section filter); briefing = the points a build "
        "composes when every story is filed in its likeliest section (one per story, told "
        "by the sentence a build chooses), best first; shown = the points the cluster's own "
        "briefing shows.",
        "",
    ]
    lines += rouge_markdown(rouge_results(clusters))

    if (args.eval_dir / "labelled" / "labelled.jsonl").is_file():
        macro = section_macro_f1(args.eval_dir)
        lines += [
            "### Sections (labelled items)",
            "",
            f"Macro-F1 {macro:.3f} (as `python bench/eval_classify.py` computes it).",
            "",
        ]

    articles, cluster_of = day_of(clusters)
    settings, taxonomy = Settings(), load_taxonomy()
    briefing = compose(articles, settings, DAY.date(), taxonomy=taxonomy, generated_at=DAY)
    q = quality(briefing, articles, cluster_of)
    lines += ["### Quality of a multi-story day", ""]
    lines += quality_markdown(q, len(articles), len(clusters))
    if q["redundant_pairs"]:
        points = briefing.points
        lines += ["Redundant pairs (cosine, ROUGE-2):", ""]
        for i, j, cos, r2 in q["redundant_pairs"]:
            lines.append(f"- {cos} / {r2}: “{points[i].text[:80]}…” ~ “{points[j].text[:80]}…”")
        lines.append("")

    if not args.no_speed:
        days = {"Wikinews, all clusters": articles}
        if (args.eval_dir / "bbc").is_dir():
            days["BBC ×, distinct outlets"] = bbc_day(args.eval_dir, 1000)
        lines += ["### Speed", "", *speed(days, args.runs)]

    block = "\n".join(lines)
    print(block)
    if args.out:
        write_results(args.out, block)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
