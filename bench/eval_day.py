"""Judge a briefing of a realistic morning, built by the real ``briefgen`` command.

Usage (from the repository root)::

    python bench/eval_day.py [--eval-dir ../shared/eval] [--out docs/evaluation.md]
                             [--folds 10] [--no-cv] [--no-held-out] [--no-second-day]

1. **The mixed day** (``days/mixed``: the Wikinews stories with every source article
   and BBC articles of each of the five categories). ``briefgen build`` is run on it in a
   scratch folder; each point of the JSON is traced to its file through the store
   (``briefgen articles``) and judged against the manifest: off-topic points (a story
   whose sections are only "other"), points in a section the story does not allow,
   points citing an article of another story, stories with more than one point, the
   plainly relevant stories found (those that allow no "other"), dangling or
   time-stamped points, and the pairwise precision and recall of the story clustering.
2. **Four-class sections** on ``labelled/labelled4.jsonl``: macro-F1 and per-class F1,
   cross-validated (stratified folds; each fold's model learns from the other folds
   and from the BBC and mixed-day items, exactly as the shipped model does).
3. **Held-out mixed day**: the same briefing built with a model that never saw the
   mixed day's files (trained without them), so the day is not judged by a model
   that learned from it.
4. **Relevance cross-validated on the day's own kinds** (with the four-class figures;
   skipped by ``--no-cv``): each Wikinews story of the manifest decided, from its
   files read as a build reads them, by a model trained without that story's files,
   and judged against the sections the manifest allows; and the BBC articles decided
   ten folds at a time by models trained without them, counted by category.
5. **A second day of the same kind** (unless ``--no-second-day``): the same Wikinews
   articles with the 150 BBC articles the mixed day leaves out (business and UK
   politics, where one outlet writes many pieces on one beat), in a scratch folder,
   with a manifest made the way the mixed day's is (each BBC article its own story,
   its sections those the mixed day's manifest gives its category). Judged the same
   way, with the shipped model and with one that never saw its files.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from collections.abc import Sequence
from datetime import UTC, datetime
from itertools import combinations
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from docblock import write_block
from sections_data import DEFAULT_EVAL, Item, bbc, file_lead, labelled4, mixed, mixed_day
from train_sections import decide, fit

from briefgen.nlp.quality import needs_context
from briefgen.relevance import MIN_SECTION_PROBABILITY
from briefgen.store import ArticleStore
from briefgen.stories import cluster_articles

LABELS = ("security", "diplomacy", "trade", "other")
_TIME_STAMP = re.compile(r"^\s*\d{1,2}[.:]\d{2}\b")


def _briefgen() -> str:
    exe = Path(sys.executable).with_name("briefgen")
    return str(exe) if exe.exists() else "briefgen"


def run_day(day_dir: Path, work: Path, model: Path | None = None) -> tuple[dict[str, Any], dict]:
    """Build the day in ``day_dir`` (a folder named for its date) with the real command;
    the briefing JSON and the stored articles."""
    day = day_dir.name
    env = dict(os.environ)
    if model is not None:
        env["BRIEFGEN_SECTIONS_MODEL"] = str(model)
    db = work / "store.db"
    subprocess.run(
        [
            _briefgen(),
            "build",
            "--date",
            day,
            "--input",
            str(day_dir),
            "--out",
            str(work),
            "--db",
            str(db),
            "--format",
            "json",
            "--quiet",
        ],
        check=True,
        env=env,
        cwd=work,
    )
    # The store the command wrote says which file each article id came from.
    with ArticleStore.open(db) as store:
        stored = store.articles_between(
            datetime.min.replace(tzinfo=UTC), datetime.max.replace(tzinfo=UTC)
        )
    articles = {a.id: a for a in stored}
    briefing = json.loads((work / day / f"briefing-{day}.json").read_text("utf-8"))
    return briefing, articles


def load_manifest(eval_dir: Path) -> dict[str, dict[str, Any]]:
    """The mixed day's manifest, by file name."""
    path = eval_dir / "days" / "mixed" / "manifest.jsonl"
    return {row["file"]: row for row in map(json.loads, path.read_text("utf-8").splitlines())}


def second_day(eval_dir: Path, root: Path) -> tuple[Path, dict[str, dict[str, Any]]]:
    """A second day of the mixed day's kind, in ``root``, and its manifest.

    Every Wikinews article of the mixed day, with the BBC articles it leaves out. Each
    BBC article is its own story, allowed the sections the mixed day's manifest gives
    the articles of its category; a category the mixed day does not have is skipped.
    """
    manifest = load_manifest(eval_dir)
    day = mixed_day(eval_dir)
    source = eval_dir / "days" / "mixed" / day
    folder = root / day
    folder.mkdir(parents=True)
    by_category: dict[str, list[str]] = {}
    rows: dict[str, dict[str, Any]] = {}
    for name, row in manifest.items():
        if name.startswith("bbc-"):
            by_category.setdefault(name.split("-")[1], row["sections"])
        else:
            rows[name] = row
            (folder / name).write_bytes((source / name).read_bytes())
    for line in (eval_dir / "bbc" / "index.jsonl").read_text("utf-8").splitlines():
        entry = json.loads(line)
        category, number = entry["id"].split("/")
        name = f"bbc-{category}-{number}.txt"
        if name in manifest or category not in by_category:
            continue
        (folder / name).write_bytes((eval_dir / entry["article_path"]).read_bytes())
        rows[name] = {
            "file": name,
            "story": f"bbc:{category}/{number}",
            "sections": by_category[category],
        }
    return folder, rows


def judge_day(
    eval_dir: Path,
    briefing: dict[str, Any],
    articles: dict,
    manifest: dict[str, dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """The day's briefing judged against ``manifest`` (default: the mixed day's)."""
    if manifest is None:
        manifest = load_manifest(eval_dir)
    file_of = {aid: Path(a.source_path or "").name for aid, a in articles.items()}

    def story(aid: str) -> str | None:
        row = manifest.get(file_of.get(aid, ""))
        return row["story"] if row else None

    def allowed(aid: str) -> list[str]:
        row = manifest.get(file_of.get(aid, ""))
        return row["sections"] if row else []

    points = [(s["key"], p) for s in briefing["sections"] for p in s["points"]]
    per_story: Counter[str] = Counter()
    off_topic = wrong_section = foreign = dangling = 0
    details = []
    traces = []
    for section, p in points:
        aid = p["source"]["article_id"]
        st = story(aid)
        per_story[st or aid] += 1
        sections = allowed(aid)
        off = sections == ["other"]
        off_topic += off
        wrong_section += (not off) and section not in sections
        foreign_here = sum(story(s["article_id"]) != st for s in p.get("also_reported_by", []))
        foreign += foreign_here > 0
        text = p["text"]
        bad = (needs_context(text) and not p.get("context")) or bool(_TIME_STAMP.match(text))
        dangling += bad
        flags = f"{'OFF ' if off else ''}{'FOREIGN ' if foreign_here else ''}"
        flags += "DANGLING " if bad else ""
        # The document names the sentence by its place; its words stay in the source.
        where = f"{file_of.get(aid, aid)} sentence {p['sentence_index']}"
        details.append(f"{section:9} {st} {flags}{text[:90]}")
        traces.append(f"{section:9} {st} {flags}{where}")
    relevant = {r["story"] for r in manifest.values() if "other" not in r["sections"]}
    found = relevant & set(per_story)
    # Story clustering: pairs of stored articles in one story, by the briefing's stories.
    clustering = _pairwise(articles, file_of, manifest, cluster_articles(list(articles.values())))
    return {
        "points": len(points),
        "off_topic": off_topic,
        "wrong_section": wrong_section,
        "citing_other_stories": foreign,
        "stories_with_two_points": sum(1 for n in per_story.values() if n > 1),
        "relevant_found": f"{len(found)}/{len(relevant)}",
        "missing": sorted(relevant - found),
        "dangling_or_time_stamped": dangling,
        "clustering": clustering,
        "details": details,
        "traces": traces,
    }


def _pairwise(
    articles: dict, file_of: dict[str, str], manifest: dict, story_of: dict[str, int]
) -> str:
    ids = [aid for aid in articles if file_of.get(aid) in manifest and aid in story_of]
    if not ids:
        return "n/a"
    size = Counter(row["story"] for row in manifest.values())
    tp = fp = fn = singles = 0
    for a, b in combinations(ids, 2):
        one, other = manifest[file_of[a]]["story"], manifest[file_of[b]]["story"]
        pred = story_of[a] == story_of[b]
        tp += one == other and pred
        fp += pred and one != other
        fn += one == other and not pred
        singles += pred and one != other and size[one] == size[other] == 1
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return (
        f"precision {precision:.3f}, recall {recall:.3f} ({tp} true pairs linked, {fp} false; "
        f"{singles} of these join two articles the manifest makes stories of their own)"
    )


def cross_validate(eval_dir: Path, folds: int) -> dict[str, Any]:
    """Four-class F1 on labelled4, each item predicted by a model that never saw it.

    Two readings of the same out-of-fold probabilities: ``model``, the most likely class;
    and ``briefing``, the rule a build applies (:func:`briefgen.relevance.classify_story`: a
    story enters when the sections together reach ``MIN_SECTION_PROBABILITY``, or its
    subject's reach ``SUBJECT_PROBABILITY``, in its most likely section, and Diplomacy
    only for relations between states), which is what a reader sees.
    """
    from briefgen.classify import load_taxonomy
    from briefgen.relevance import lead

    items = labelled4(eval_dir)
    extra = bbc(eval_dir) + mixed(eval_dir)
    by_label: dict[str, list[int]] = defaultdict(list)
    for n, item in enumerate(items):
        by_label[item.label].append(n)
    fold_of = {}
    for members in by_label.values():
        for k, n in enumerate(members):
            fold_of[n] = k % folds
    taxonomy = load_taxonomy()
    predicted: list[str] = [""] * len(items)
    decided: list[str] = [""] * len(items)
    for f in range(folds):
        train_items = [it for n, it in enumerate(items) if fold_of[n] != f] + extra
        test = [n for n in range(len(items)) if fold_of[n] == f]
        model = fit(train_items)
        probs = model.probabilities([items[n].text for n in test], taxonomy)
        for n, row in zip(test, probs, strict=True):
            predicted[n] = model.classes[int(row.argmax())]
            decided[n] = decide(model, taxonomy, lead("", items[n].text), row)
    gold = [it.label for it in items]
    result: dict[str, Any] = {}
    for reading, labels in (("model", predicted), ("briefing", decided)):
        per_class = {label: _f1(gold, labels, label) for label in LABELS}
        result[reading] = {
            "macro_f1": sum(per_class.values()) / len(LABELS),
            "per_class": per_class,
        }
    return result


def stories_in_turn(eval_dir: Path, folds: int = 10) -> dict[str, Any]:
    """Relevance on the mixed day's kinds of news, each item decided by a model that
    never saw it: every Wikinews story (all its files, read as a build reads them, one
    decision for the story) by a model trained without that story's files, and the BBC
    articles in ``folds`` folds. The shipped model learns from both."""
    from briefgen.classify import load_taxonomy
    from briefgen.relevance import classify_story

    taxonomy = load_taxonomy()
    base, extra, news = labelled4(eval_dir), bbc(eval_dir), mixed(eval_dir)
    folder = eval_dir / "days" / "mixed" / mixed_day(eval_dir)
    by_story: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in load_manifest(eval_dir).values():
        if not row["file"].startswith("bbc-"):
            by_story[row["story"]].append(row)
    wrong: list[str] = []
    for story, rows in sorted(by_story.items()):
        files = {row["file"] for row in rows}
        model = fit(base + extra + [i for i in news if i.key not in files])
        leads = [lead for row in rows if (lead := file_lead(folder / row["file"])) is not None]
        label = classify_story(leads, taxonomy, model, explain=False).label
        if label not in rows[0]["sections"]:
            wrong.append(f"{story} ({label}; allowed {'/'.join(rows[0]['sections'])})")
    filed: Counter[tuple[str, str]] = Counter()
    for f in range(folds):
        test = [item for k, item in enumerate(extra) if k % folds == f]
        model = fit(base + news + [item for k, item in enumerate(extra) if k % folds != f])
        rows = model.probabilities([item.text for item in test], taxonomy)
        for item, row in zip(test, rows, strict=True):
            label = decide(model, taxonomy, item.text, row)
            filed[item.key.split("-")[1], label] += 1
    categories = sorted({category for category, _ in filed})
    return {
        "stories": len(by_story),
        "folds": folds,
        "stories_right": len(by_story) - len(wrong),
        "stories_wrong": wrong,
        "bbc": {
            c: {label: filed[c, label] for label in LABELS if filed[c, label]} for c in categories
        },
    }


def _f1(gold: Sequence[str], predicted: Sequence[str], label: str) -> float:
    tp = sum(g == p == label for g, p in zip(gold, predicted, strict=True))
    fp = sum(p == label != g for g, p in zip(gold, predicted, strict=True))
    fn = sum(g == label != p for g, p in zip(gold, predicted, strict=True))
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def held_out_model(eval_dir: Path, path: Path, day_files: set[str] | None = None) -> None:
    """A model trained without any file of the day (default: the mixed day's files)."""
    if day_files is None:
        day_files = set(load_manifest(eval_dir))
    items: list[Item] = [
        i for i in labelled4(eval_dir) + bbc(eval_dir) + mixed(eval_dir) if i.key not in day_files
    ]
    path.write_text(json.dumps(fit(items).to_json()), "utf-8")


def report(
    day: dict[str, Any],
    held: dict[str, Any] | None,
    cv: dict[str, Any] | None,
    second: tuple[dict[str, Any], dict[str, Any] | None] | None = None,
    in_turn: dict[str, Any] | None = None,
) -> str:
    lines = _table(day, held)
    if second:
        lines.append(
            "A second day of the same kind: the same Wikinews articles with the 150 BBC "
            "articles the mixed day leaves out (business and UK politics):"
        )
        lines.append("")
        lines.extend(_table(*second))
    if cv:
        lines.append("Four-class sections on labelled4.jsonl, cross-validated:")
        lines.append("")
        for reading, what in (
            (
                "briefing",
                f"as a build decides (sections together ≥ {MIN_SECTION_PROBABILITY}, "
                "then the likeliest; Diplomacy only between states)",
            ),
            ("model", "the model's likeliest class"),
        ):
            per = ", ".join(f"{k} {v:.3f}" for k, v in cv[reading]["per_class"].items())
            lines.append(f"- {what}: macro-F1 **{cv[reading]['macro_f1']:.3f}** ({per})")
        lines.append("")
    if in_turn:
        lines.append("Relevance on the day's own kinds, each decided by a model that never saw it:")
        lines.append("")
        wrong = "; ".join(in_turn["stories_wrong"]) or "none"
        lines.append(
            f"- Wikinews stories, each left out of training in turn: "
            f"**{in_turn['stories_right']} of {in_turn['stories']}** decided as the manifest "
            f"allows (a section it allows, or left out when it allows other); not: {wrong}"
        )
        counts = "; ".join(
            f"{category} " + ", ".join(f"{label} {n}" for label, n in labels.items())
            for category, labels in in_turn["bbc"].items()
        )
        lines.append(f"- BBC articles, {in_turn['folds']} folds, as a build decides: {counts}")
        lines.append("")
    lines.append("Points of the day (shipped model), by file and sentence:")
    lines.append("")
    lines.extend(f"    {d}" for d in day["traces"])
    return "\n".join(lines)


def _table(day: dict[str, Any], held: dict[str, Any] | None) -> list[str]:
    lines = ["| measure | shipped model | model that never saw the day |", "|---|---|---|"]
    keys = (
        "points",
        "off_topic",
        "wrong_section",
        "citing_other_stories",
        "stories_with_two_points",
        "relevant_found",
        "dangling_or_time_stamped",
        "clustering",
    )
    for key in keys:
        other = held[key] if held else "—"
        lines.append(f"| {key.replace('_', ' ')} | {day[key]} | {other} |")
    lines.append("")
    return lines


def _judge_both(
    args: argparse.Namespace,
    work: Path,
    day_dir: Path,
    manifest: dict[str, dict[str, Any]] | None,
) -> tuple[dict[str, Any], dict[str, Any] | None]:
    """A day judged as the shipped model builds it and, unless ``--no-held-out``, as a
    model trained without its files does."""
    (work / "shipped").mkdir(parents=True)
    day = judge_day(args.eval_dir, *run_day(day_dir, work / "shipped"), manifest)
    if args.no_held_out:
        return day, None
    (work / "held").mkdir()
    model = work / "held-out-model.json"
    held_out_model(args.eval_dir, model, None if manifest is None else set(manifest))
    return day, judge_day(args.eval_dir, *run_day(day_dir, work / "held", model), manifest)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL)
    parser.add_argument("--out", type=Path)
    parser.add_argument("--folds", type=int, default=10)
    parser.add_argument("--no-cv", action="store_true")
    parser.add_argument("--no-held-out", action="store_true")
    parser.add_argument("--no-second-day", action="store_true")
    args = parser.parse_args()
    day_dir = args.eval_dir / "days" / "mixed" / mixed_day(args.eval_dir)
    second = None
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        day, held = _judge_both(args, work / "mixed", day_dir, None)
        if not args.no_second_day:
            folder, manifest = second_day(args.eval_dir, work / "second-day")
            second = _judge_both(args, work / "second", folder, manifest)
    cv = None if args.no_cv else cross_validate(args.eval_dir, args.folds)
    in_turn = None if args.no_cv else stories_in_turn(args.eval_dir, args.folds)
    text = report(day, held, cv, second, in_turn)
    print(text)
    print("\n".join(day["details"]))
    print("missing relevant stories:", day["missing"], "(held-out:", held and held["missing"], ")")
    if second:
        print("second day:")
        print("\n".join(second[0]["details"]))
        print("missing relevant stories:", second[0]["missing"])
    if args.out:
        command = "python bench/eval_day.py --out docs/evaluation.md"
        write_block(
            args.out,
            f"Measured with `{command}`.\n\n{text}",
            start="<!-- eval-day:start -->",
            end="<!-- eval-day:end -->",
        )


if __name__ == "__main__":
    main()
