"""Custom sections (``[sections.NAME]``): a story belongs when its terms and examples say so.

The built-in sections are decided by a trained model (:mod:`briefgen.relevance`);
a custom section has no training data, only what its user wrote: terms, example
sentences and sentences it must not take. A story's headlines and leads are
scored against them:

- *term hits*: how many of the section's terms (stemmed words and phrases) the
  story uses, each counted once;
- *similarity*: the TF-IDF cosine between the story and the examples' centroid,
  with the section model's document frequencies (so that common words weigh little).

The score is ``HIT_WEIGHT * min(hits, HITS_FULL) / HITS_FULL + (1 - HIT_WEIGHT) *
min(similarity / SIMILARITY_FULL, 1)``. A story enters the section only when the
score reaches the threshold, it uses at least one of the terms (when the section has
terms: examples alone match too loosely, "coffee prices rose" reads like "oil prices
rose"), (:data:`THRESHOLD`, chosen on the labelled sample in
``tests/data/sections/energy.tsv``; see ``bench/eval_sections.py``) and it is more
like the examples than like the sentences to avoid. Otherwise it stays "other", as
with the built-in sections: precision before recall.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache

from briefgen.classify import Taxonomy, _stem, _words
from briefgen.config import SectionSettings
from briefgen.relevance import load_model, tokens

#: Weight of the term hits in the score; the similarity to the examples has the rest.
HIT_WEIGHT = 0.6
#: Distinct terms that count as a full match, and the similarity that does.
HITS_FULL = 3
SIMILARITY_FULL = 0.25
#: Characters of an article a custom section reads: its headline and opening sentences
#: say what it is about; further down, "oil" or "gas" is more often an aside.
LEAD_CHARS = 400
#: Score a story needs by default (measured: bench/eval_sections.py).
THRESHOLD = 0.22

Vector = dict[str, float]


@dataclass(frozen=True)
class SectionMatch:
    """How well a text matches a custom section, and why."""

    score: float
    #: The section's terms the text uses.
    hits: tuple[str, ...]
    similarity: float
    #: Similarity to the sentences the section must not take.
    avoided: float
    accepted: bool

    def explain(self) -> tuple[str, ...]:
        lines = [f"terms: {', '.join(self.hits) or 'none'}", f"examples ({self.similarity:.2f})"]
        if self.avoided:
            lines.append(f"avoid ({self.avoided:.2f})")
        return tuple(lines)


@dataclass(frozen=True)
class CustomSection:
    """A ``[sections.NAME]`` table made ready to score texts."""

    key: str
    title: str
    #: Each term as its sequence of stems.
    terms: tuple[tuple[str, ...], ...]
    term_names: tuple[str, ...]
    examples: Vector
    avoid: Vector
    threshold: float

    @classmethod
    def from_settings(cls, key: str, settings: SectionSettings) -> CustomSection:
        stems = [tuple(_stem(w) for w in _words(t)) for t in settings.terms]
        kept = [(s, t) for s, t in zip(stems, settings.terms, strict=True) if s]
        return cls(
            key=key,
            title=settings.title or key.replace("_", " ").replace("-", " ").capitalize(),
            terms=tuple(s for s, _ in kept),
            term_names=tuple(t for _, t in kept),
            examples=_centroid(settings.examples),
            avoid=_centroid(settings.avoid),
            threshold=settings.threshold or THRESHOLD,
        )

    def match_story(self, texts: Sequence[str]) -> SectionMatch:
        """How a story told by several articles (``texts``) matches: their scores averaged,
        so that one outlet's aside does not decide for the others."""
        if len(texts) == 1:
            return self.match(texts[0])
        each = [self.match(t) for t in texts]
        hits = tuple(n for n in self.term_names if any(n in m.hits for m in each))
        score = sum(m.score for m in each) / len(each)
        similarity = sum(m.similarity for m in each) / len(each)
        avoided = sum(m.avoided for m in each) / len(each)
        accepted = self._accepts(score, hits, similarity, avoided)
        return SectionMatch(
            round(score, 4), hits, round(similarity, 4), round(avoided, 4), accepted
        )

    def _accepts(
        self, score: float, hits: Sequence[str], similarity: float, avoided: float
    ) -> bool:
        return (
            score >= self.threshold
            and (bool(hits) or not self.terms)
            and (not self.avoid or similarity > avoided)
        )

    def match(self, text: str) -> SectionMatch:
        stems = [_stem(w) for w in _words(text)]
        hits = tuple(
            name
            for term, name in zip(self.terms, self.term_names, strict=True)
            if _contains(stems, term)
        )
        vector = _vector(tokens(text))
        similarity = _cosine(vector, self.examples)
        avoided = _cosine(vector, self.avoid)
        score = HIT_WEIGHT * min(len(hits), HITS_FULL) / HITS_FULL + (1 - HIT_WEIGHT) * min(
            similarity / SIMILARITY_FULL, 1.0
        )
        accepted = self._accepts(score, hits, similarity, avoided)
        return SectionMatch(
            round(score, 4), hits, round(similarity, 4), round(avoided, 4), accepted
        )


def custom_sections(settings: Mapping[str, SectionSettings]) -> dict[str, CustomSection]:
    return {key: CustomSection.from_settings(key, s) for key, s in settings.items()}


def best_section(
    texts: Sequence[str], sections: Sequence[CustomSection]
) -> tuple[CustomSection, SectionMatch] | None:
    """The custom section the story told by ``texts`` (its articles' leads) matches best,
    among those that accept it."""
    found = [(s, m) for s in sections if (m := s.match_story(texts)).accepted]
    return max(found, key=lambda sm: sm[1].score) if found else None


def explain_story(
    text: str, taxonomy: Taxonomy, sections: Sequence[CustomSection]
) -> dict[str, object]:
    """Why a story opening with ``text`` goes where it goes: the built-in model's decision,
    then each custom section's match; a custom section that accepts it takes it."""
    from briefgen.relevance import classify_story, left_out_between_states

    built_in = classify_story([text], taxonomy)
    custom = {s.key: s.match(text) for s in sections}
    found = best_section([text], sections)
    label = found[0].key if found else built_in.label
    if found:
        why = f"custom section {label}: " + "; ".join(found[1].explain())
    elif built_in.label == "other" and left_out_between_states(built_in.scores):
        why = (
            "likely enough for a section only with diplomacy (model), but it names one "
            "state and nothing between states (diplomacy is relations between states), "
            "and no custom section matches"
        )
    elif built_in.label == "other" and built_in.read_from == "subject":
        why = (
            "its opening (headline and first sentence) belongs in no section (model), "
            "whatever its later lines name; no custom section matches"
        )
    elif built_in.label == "other":
        why = "no section is likely enough (model) and no custom section matches"
    else:
        read = (
            " from its opening (headline and first sentence)"
            if built_in.read_from == "subject"
            else ""
        )
        why = f"model{read}: {', '.join(built_in.matched.get(built_in.label, ()))}"
    return {
        "label": label,
        "why": why,
        "model": {"label": built_in.label, "scores": built_in.scores},
        "custom": {
            key: {
                "accepted": m.accepted,
                "score": m.score,
                "threshold": next(s.threshold for s in sections if s.key == key),
                "terms": list(m.hits),
                "similarity": m.similarity,
                "avoid": m.avoided,
            }
            for key, m in custom.items()
        },
    }


def _contains(stems: Sequence[str], term: tuple[str, ...]) -> bool:
    n = len(term)
    if n == 1:
        return term[0] in stems
    return any(tuple(stems[i : i + n]) == term for i in range(len(stems) - n + 1))


@cache
def _idf() -> tuple[Mapping[str, float], float]:
    """Document frequencies of the shipped section model's vocabulary (and the largest)."""
    model = load_model()
    idf = {t: float(model.idf[i]) for t, i in model.vocabulary.items()}
    return idf, max(idf.values(), default=1.0)


def _vector(words: Sequence[str]) -> Vector:
    idf, rare = _idf()
    counts = Counter(words)
    weights = {t: (1.0 + math.log(n)) * idf.get(t, rare) for t, n in counts.items()}
    norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
    return {t: w / norm for t, w in weights.items()}


def _centroid(texts: Sequence[str]) -> Vector:
    total: Counter[str] = Counter()
    for text in texts:
        total.update(_vector(tokens(text)))
    norm = math.sqrt(sum(w * w for w in total.values())) or 1.0
    return {t: w / norm for t, w in total.items()}


def _cosine(a: Vector, b: Vector) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b.get(t, 0.0) for t, w in a.items())
