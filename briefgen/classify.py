"""Section classification: Security, Trade, Diplomacy, or other.

A sentence is scored against a weighted taxonomy of words and phrases
(``briefgen/data/taxonomy.toml``, replaceable and extensible from the config).
Each bucket's score is the sum of the weights of its terms found in the text,
with repeats counted sublinearly (``1 + ln count``) so that one word repeated
through a long story does not outvote the rest. The best of the three sections
wins unless it scores below the taxonomy's threshold, or the "other" bucket
(sport, entertainment, weather...) outscores it. Every label carries the terms
that decided it.

Matching is on words, case-insensitive, with a light suffix stemmer so that
"missiles", "bombed" and "investing" match "missile", "bomb" and "invest". The
text is tokenised once and every token is looked up in dictionaries built when
the taxonomy is loaded, so the cost does not grow with the size of the taxonomy.
"""

from __future__ import annotations

import json
import math
import re
import tomllib
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from briefgen.config import TaxonomySettings
from briefgen.errors import ConfigError, InputError
from briefgen.models import SECTIONS, Classification, Label, SectionKey
from briefgen.nlp.tokenize import strip_accents

#: Sections in tie-break order (the briefing's reading order).
SECTION_KEYS: tuple[SectionKey, ...] = tuple(key for key, _ in SECTIONS)
#: Every bucket a taxonomy scores: the sections and the competing "other".
BUCKETS: tuple[Label, ...] = (*SECTION_KEYS, "other")

DEFAULT_THRESHOLD = 2.0
DEFAULT_CONTEXT_WEIGHT = 0.5
_BUILTIN = "briefgen/data/taxonomy.toml"

_WORD = re.compile(r"[^\W_]+")
_POSSESSIVE = re.compile(r"['’]s\b")
_VOWELS = frozenset("aeiouy")
_NO_UNDOUBLE = frozenset("lsz")
#: Words kept whole because the suffix rules would merge them with a different,
#: everyday word: "earnings" is not "earn", "talks" is not "talk", "aids" not "aid";
#: "countries" and "nations" (several states) are not "the country" of a domestic story.
# fmt: off
_KEEP_WHOLE = frozenset({
    "according", "aids", "branded", "concerted", "countries", "earnings", "findings", "forced",
    "forcing", "hearings", "holdings", "innings", "listings", "nationals", "nations",
    "proceedings", "savings", "securities", "shared", "shares", "talks", "ties", "united",
})
# fmt: on


@lru_cache(maxsize=100_000)
def _stem(word: str) -> str:
    """A light English suffix stripper, applied alike to taxonomy terms and text.

    It only needs to map a word's inflections to one key, not to produce real
    stems: "bombed", "bombing", "bombs" -> "bomb"; "trade", "traded" -> "trad".
    Stems stay at least four letters so that "wedding" or "innings" cannot
    collapse onto short everyday words ("wed", "in").
    """
    if len(word) <= 3 or not word.isalpha():
        return word
    if word in _KEEP_WHOLE:
        return word
    if word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith("sses"):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    if word.endswith("ied") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith("eed"):
        word = word[:-1]
    elif word.endswith("ed"):
        word = _strip_suffix(word, 2)
    elif word.endswith("ing"):
        word = _strip_suffix(word, 3)
    if word.endswith("e") and len(word) > 4:
        word = word[:-1]
    return word


def _strip_suffix(word: str, size: int) -> str:
    base = word[:-size]
    # "shipped" -> "shipp" -> "ship", but "killed" keeps its "ll".
    if len(base) > 4 and base[-1] == base[-2] and base[-1] not in _NO_UNDOUBLE:
        base = base[:-1]
    if len(base) < 4 or not _VOWELS.intersection(base):
        return word
    return base


def _words(text: str) -> list[str]:
    # "communiqué" -> "communique", curly apostrophes handled by _POSSESSIVE.
    text = strip_accents(text.casefold())
    return _WORD.findall(_POSSESSIVE.sub("", text))


@dataclass
class _Index:
    """Lookup tables for one taxonomy; built once, shared by every call."""

    #: Entry number -> (display term, weight per bucket in BUCKETS order).
    entries: list[tuple[str, tuple[float, ...]]]
    single: dict[str, int]
    #: First stem -> [(stems of the phrase, entry)], longest phrase first.
    phrases: dict[str, list[tuple[tuple[str, ...], int]]]
    prefixes: list[tuple[str, int]]
    #: Raw word -> (stem, entry or -1); grows with the vocabulary seen.
    cache: dict[str, tuple[str, int]] = field(default_factory=dict)

    def lookup(self, word: str) -> tuple[str, int]:
        stem = _stem(word)
        entry = self.single.get(stem, -1)
        if entry < 0:
            for prefix, candidate in self.prefixes:
                if word.startswith(prefix):
                    entry = candidate
                    break
        if len(self.cache) > 1_000_000:
            # Bounded memory for a long-running process fed endless odd tokens.
            self.cache.clear()
        self.cache[word] = (stem, entry)
        return stem, entry

    def count(self, text: str) -> Counter[int]:
        """How often each taxonomy entry occurs in ``text`` (longest phrase first)."""
        cache = self.cache
        tokens = [cache.get(w) or self.lookup(w) for w in _words(text)]
        stems = [stem for stem, _ in tokens]
        found: Counter[int] = Counter()
        i, n = 0, len(tokens)
        while i < n:
            stem, entry = tokens[i]
            step = 1
            for phrase, phrase_entry in self.phrases.get(stem, ()):
                if tuple(stems[i : i + len(phrase)]) == phrase:
                    # The phrase's words do not count again on their own.
                    entry, step = phrase_entry, len(phrase)
                    break
            if entry >= 0:
                found[entry] += 1
            i += step
        return found


def _term_key(term: str) -> tuple[tuple[str, ...], str | None]:
    """The stems a term matches, or the prefix of a ``word*`` term."""
    if term.endswith("*"):
        words = _words(term[:-1])
        if len(words) == 1 and not re.search(r"[\s*]", term[:-1]):
            return (), words[0]
        return (), None
    return tuple(_stem(w) for w in _words(term)), None


def _build_index(terms: Mapping[str, Mapping[str, float]]) -> _Index:
    weights: dict[tuple[tuple[str, ...], str | None], list[float]] = {}
    names: dict[tuple[tuple[str, ...], str | None], str] = {}
    for b, bucket in enumerate(BUCKETS):
        for term, weight in terms.get(bucket, {}).items():
            key = _term_key(term)
            vector = weights.setdefault(key, [0.0] * len(BUCKETS))
            vector[b] = weight
            names.setdefault(key, term)
    index = _Index(entries=[], single={}, phrases={}, prefixes=[])
    for key, vector in weights.items():
        number = len(index.entries)
        index.entries.append((names[key], tuple(vector)))
        stems, prefix = key
        if prefix is not None:
            index.prefixes.append((prefix, number))
        elif len(stems) == 1:
            index.single[stems[0]] = number
        else:
            index.phrases.setdefault(stems[0], []).append((stems, number))
    for candidates in index.phrases.values():
        candidates.sort(key=lambda c: -len(c[0]))
    # Longer prefixes first so "counterterror*" is preferred over a shorter one.
    index.prefixes.sort(key=lambda p: -len(p[0]))
    return index


#: Score per bucket, and each bucket's matched terms with their contributions.
Scored = tuple[dict[str, float], dict[str, list[tuple[str, float]]]]


@dataclass(frozen=True)
class Taxonomy:
    """Weighted terms per bucket (security, trade, diplomacy, other) and the cut-offs."""

    #: Bucket -> term -> weight, as written in the taxonomy file and config.
    terms: Mapping[str, Mapping[str, float]]
    #: A text whose best section scores below this is "other".
    threshold: float = DEFAULT_THRESHOLD
    #: Weight of the surrounding text (e.g. the title) relative to the text itself.
    context_weight: float = DEFAULT_CONTEXT_WEIGHT
    #: Where the terms came from, for messages.
    source: str = _BUILTIN
    _index: _Index = field(init=False, repr=False, compare=False)
    #: The last context scored, and its score: an article's sentences are classified one
    #: after another with its title as their context.
    _last_context: list[tuple[str, Scored]] = field(
        init=False, repr=False, compare=False, default_factory=list
    )

    def __post_init__(self) -> None:
        object.__setattr__(self, "_index", _build_index(self.terms))

    def __len__(self) -> int:
        return sum(len(t) for t in self.terms.values())

    def score_context(self, context: str) -> Scored:
        """:meth:`score` of ``context``, remembered for the next call (read it, never
        change it)."""
        last = self._last_context
        if last and last[0][0] == context:
            return last[0][1]
        scored = self.score(context)
        last[:] = [(context, scored)]
        return scored

    def score(self, text: str) -> Scored:
        """Score per bucket and each bucket's matched terms with their contributions."""
        scores: dict[str, float] = dict.fromkeys(BUCKETS, 0.0)
        matched: dict[str, list[tuple[str, float]]] = {}
        entries = self._index.entries
        for entry, count in self._index.count(text).items():
            term, vector = entries[entry]
            damp = 1.0 + math.log(count)
            for bucket, weight in zip(BUCKETS, vector, strict=True):
                if weight:
                    scores[bucket] += weight * damp
                    if weight > 0:
                        matched.setdefault(bucket, []).append((term, weight * damp))
        return scores, matched


def classify(text: str, taxonomy: Taxonomy, *, context: str | None = None) -> Classification:
    """Label ``text`` security, trade, diplomacy or other, with scores and evidence.

    ``context`` (e.g. the article's title) adds its own matches at the taxonomy's
    ``context_weight``, enough to tip a close call but not to outvote the text.
    ``confidence`` combines the winner's share of all evidence with how far its
    score clears the threshold; for "other" without evidence it says how far the
    best section fell short.
    """
    scores, matched = taxonomy.score(text)
    if context:
        extra_scores, extra_matched = taxonomy.score_context(context)
        for bucket, value in extra_scores.items():
            scores[bucket] += value * taxonomy.context_weight
        for bucket, found in extra_matched.items():
            matched.setdefault(bucket, []).extend(
                (f"{term} (context)", value * taxonomy.context_weight) for term, value in found
            )
    best = _best(scores, matched)
    positive = sum(v for v in scores.values() if v > 0)
    label: Label = best
    winner = scores[best]
    if scores["other"] > winner and scores["other"] >= taxonomy.threshold:
        label, winner = "other", scores["other"]
    elif winner < taxonomy.threshold:
        label = "other"
    if label == "other" and winner < taxonomy.threshold:
        confidence = 1.0 - max(winner, 0.0) / taxonomy.threshold if taxonomy.threshold else 1.0
    else:
        evidence = 1.0 - math.exp(-winner / max(taxonomy.threshold, 1e-9))
        confidence = (winner / positive) * evidence if positive else 0.0
    ordered = {
        bucket: tuple(term for term, _ in sorted(found, key=lambda f: (-f[1], f[0])))
        for bucket, found in matched.items()
    }
    return Classification(
        label=label,
        scores={b: round(scores[b], 4) for b in BUCKETS},
        matched={b: ordered[b] for b in BUCKETS if b in ordered},
        confidence=round(max(0.0, min(1.0, confidence)), 4),
    )


def _best(scores: Mapping[str, float], matched: Mapping[str, list[Any]]) -> SectionKey:
    # Ties go to the section with more distinct terms, then to reading order.
    return max(
        SECTION_KEYS,
        key=lambda s: (scores[s], len(matched.get(s, ())), -SECTION_KEYS.index(s)),
    )


def best_section(classification: Classification) -> SectionKey:
    """The highest-scoring of the three sections, ignoring "other" and the threshold.

    For evaluations where every item belongs to one of the sections.
    """
    return _best(classification.scores, classification.matched)  # type: ignore[arg-type]


def read_lines(lines: Iterable[str]) -> Iterator[tuple[str, str | None]]:
    """Each line of JSON Lines (``{"text": ..., "context": ...}``, or ``"title"`` for the
    context) or plain text, as its text and its context (None for a plain line).

    Blank lines are skipped. A line that starts with ``{`` but is not valid JSON is
    taken as plain text; a JSON object without a ``text`` string is an InputError.
    """
    for number, line in enumerate(lines, start=1):
        raw = line.strip()
        if not raw:
            continue
        text, context = raw, None
        if raw.startswith("{"):
            try:
                record = json.loads(raw)
            except json.JSONDecodeError:
                record = None
            if isinstance(record, dict):
                if not isinstance(record.get("text"), str):
                    raise InputError(
                        f'line {number}: JSON object has no "text" string; '
                        'give {"text": "..."} or a plain line of text'
                    )
                text = record["text"]
                extra = record.get("context", record.get("title"))
                context = extra if isinstance(extra, str) else None
        yield text, context


def classify_lines(lines: Iterable[str], taxonomy: Taxonomy) -> Iterator[dict[str, object]]:
    """Classify each of :func:`read_lines`' texts with its context."""
    for text, context in read_lines(lines):
        result = classify(text, taxonomy, context=context)
        yield {
            "label": result.label,
            "scores": result.scores,
            "matched": {bucket: list(terms) for bucket, terms in result.matched.items()},
            "confidence": result.confidence,
            "text": text,
        }


def load_taxonomy(settings: TaxonomySettings | None = None) -> Taxonomy:
    """The built-in taxonomy, or ``settings.file`` instead, extended by ``settings.terms``."""
    settings = settings or TaxonomySettings()
    if settings.file is not None:
        where = str(settings.file)
        try:
            content = Path(settings.file).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(
                f"taxonomy file {where} cannot be read ({exc}); "
                "fix taxonomy.file in briefgen.toml or remove it to use the built-in taxonomy"
            ) from exc
    else:
        where = _BUILTIN
        content = resources.files("briefgen").joinpath("data", "taxonomy.toml").read_text("utf-8")
    try:
        raw = tomllib.loads(content)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"taxonomy file {where}: not valid TOML: {exc}") from exc
    terms, threshold, context_weight = _parse(raw, where)
    for bucket, extra in settings.terms.items():
        if bucket not in BUCKETS:
            raise ConfigError(
                f"taxonomy.terms.{bucket}: unknown section (known: {', '.join(BUCKETS)})"
            )
        for term, weight in extra.items():
            if problem := _term_problem(term):
                raise ConfigError(f"taxonomy.terms.{bucket}.{term!r}: {problem}")
            # A config term replaces the file's entry for the same words.
            key = _term_key(term)
            for old in [t for t in terms[bucket] if _term_key(t) == key]:
                del terms[bucket][old]
            terms[bucket][term] = float(weight)
    return Taxonomy(terms, threshold=threshold, context_weight=context_weight, source=where)


def _parse(raw: dict[str, Any], where: str) -> tuple[dict[str, dict[str, float]], float, float]:
    errors: list[str] = []
    terms: dict[str, dict[str, float]] = {bucket: {} for bucket in BUCKETS}
    threshold, context_weight = DEFAULT_THRESHOLD, DEFAULT_CONTEXT_WEIGHT
    for table, value in raw.items():
        if table == "settings":
            if not isinstance(value, dict):
                errors.append("settings: expected a table")
                continue
            for key, setting in value.items():
                if key not in ("threshold", "context_weight"):
                    errors.append(f"settings.{key}: unknown (known: context_weight, threshold)")
                elif not _is_number(setting) or setting < 0:
                    errors.append(f"settings.{key}: expected a number >= 0, got {setting!r}")
                elif key == "threshold":
                    threshold = float(setting)
                else:
                    context_weight = float(setting)
            continue
        if table not in BUCKETS:
            errors.append(f"{table}: unknown table (known: settings, {', '.join(BUCKETS)})")
            continue
        if not isinstance(value, dict):
            errors.append(f"{table}: expected a table of term = weight")
            continue
        seen: dict[tuple[tuple[str, ...], str | None], str] = {}
        for term, weight in value.items():
            name = f"{table}.{term!r}"
            if not _is_number(weight):
                errors.append(f"{name}: weight must be a number, got {weight!r}")
                continue
            problem = _term_problem(term)
            if problem:
                errors.append(f"{name}: {problem}")
                continue
            # Inflections of one word ("export", "exports") share a key: keep the stronger.
            key = _term_key(term)
            if key in seen and abs(terms[table][seen[key]]) >= abs(weight):
                continue
            if key in seen:
                del terms[table][seen[key]]
            seen[key] = term
            terms[table][term] = float(weight)
    if not errors and not any(terms.values()):
        errors.append(f"no terms: add tables named {', '.join(BUCKETS)} of term = weight")
    if errors:
        raise ConfigError(f"taxonomy file {where}: " + "; ".join(errors))
    return terms, threshold, context_weight


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _term_problem(term: str) -> str | None:
    if term.endswith("*"):
        if _term_key(term)[1] is None:
            return "a '*' term must be one word followed by '*', e.g. \"terror*\""
        return None
    if "*" in term:
        return "'*' is only allowed at the end of a single word"
    if not _words(term):
        return "the term has no letters or digits"
    return None
