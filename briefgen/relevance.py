"""Does a story belong in the briefing, and in which section? Security, Diplomacy, Trade or other.

Most of a real morning's news belongs in no section (sport, crime, disasters,
domestic politics, culture, science). The section of a *story* is decided here,
from its articles' headlines and opening paragraphs, by a small linear model:

- features: stemmed words and word pairs (TF-IDF, sublinear), plus the four
  bucket scores of the taxonomy (``briefgen/data/taxonomy.toml``), so a user's
  taxonomy terms still move the decision;
- a multinomial logistic regression over security / diplomacy / trade / other,
  trained by ``bench/train_sections.py`` on the evaluation data and shipped as
  ``briefgen/data/sections_model.json`` (weights only, read offline).

Every decision keeps its evidence: the features that pushed the chosen bucket
up most, with their weights, end up in the briefing's JSON.
"""

from __future__ import annotations

import json
import math
import os
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from importlib import resources
from itertools import islice, pairwise
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sp
from numpy.typing import NDArray

from briefgen.actors import load_gazetteer
from briefgen.classify import BUCKETS, Taxonomy, _stem, _words
from briefgen.errors import ConfigError
from briefgen.models import Article, Classification, Label
from briefgen.nlp.quality import junk_title, title_is_opening
from briefgen.nlp.tokenize import iter_sentences

#: Characters of an article read for its section: the headline and the lead say what
#: the story is about; the rest of a long article wanders.
LEAD_CHARS = 1500
#: Probability the sections together need before a story enters the briefing.
#: Precision before recall: a story in doubt stays out.
MIN_SECTION_PROBABILITY = 0.5
#: Probability a short story's subject (:func:`subject`: the headline and first
#: sentence of each article) needs, for the sections together or for "other", to
#: decide against its whole lead. News states its subject first; a line further down
#: that names a hospital, the weather or a football match in passing weighs like a
#: subject in a short lead's scores and left out a story its first lines plainly file,
#: and one on exports or an ambassador filed a flower show.
SUBJECT_PROBABILITY = 0.7
#: Share of a lead's words its subject must have for the subject to be read alone: a
#: short lead, where one line weighs like a subject. A longer lead's further lines are
#: the story's body, and say more of what it is than its first lines alone (on wire
#: copy, a president's cabinet crisis reads as diplomacy in its first lines only).
SUBJECT_SHARE = 0.5
#: A lead's first sentence of at most this many words is its headline, and the
#: subject is read on to the next sentence, the news's first.
HEADLINE_WORDS = 15
#: Words of a lead up to which its taxonomy scores count whole; a longer lead's scores
#: count per this many words. A lead of 1,500 characters names terms of every bucket
#: by its length alone: counted whole, its scores dwarfed those of a feed item's two
#: lines, and the model learned to hold short evidence cheap (a feature on a family's
#: deportation went to Security on a few terms of its long lead, while "Democrats
#: criticise the president for holding off on sanctions" stayed other). Chosen by
#: labelled4 10-fold (``bench/eval_day.py``) among 60, 100, 150 and 200 words.
TAXONOMY_WORDS = 150
#: Evidence kept per decision.
EXPLAIN_TERMS = 6
_TAXONOMY_FEATURES = tuple(f"taxonomy:{b}" for b in BUCKETS)
_MODEL_FILE = "sections_model.json"
#: Environment variable naming another model file (for evaluations and retrained models).
MODEL_ENV = "BRIEFGEN_SECTIONS_MODEL"


def tokens(text: str) -> list[str]:
    """Stemmed words and adjacent word pairs: the model's vocabulary."""
    return _tokens(_words(text))


def _tokens(words: Sequence[str]) -> list[str]:
    stems = [_stem(w) for w in words]
    return [*stems, *(f"{a} {b}" for a, b in pairwise(stems))]


def lead(title: str, text: str, limit: int = LEAD_CHARS) -> str:
    """What an article's section is read from: its title and the start of its text."""
    body = text[:limit]
    return f"{title}\n{body}" if title else body


def subject(lead: str) -> str:
    """What a lead (:func:`lead`) says its story is about: its headline and first
    sentence (its first sentence alone when it has no headline line)."""
    sentences = list(islice(iter_sentences(lead), 2))
    take = 2 if sentences and len(_words(sentences[0])) <= HEADLINE_WORDS else 1
    return "\n".join(sentences[:take])


def article_lead(article: Article, limit: int = LEAD_CHARS) -> str:
    """:func:`lead` of an article as read, the one text the model learns from and
    decides on (:func:`headed_lead` of its title, text and standfirst)."""
    return headed_lead(article.title, article.text, article.standfirst, limit)


def headed_lead(
    title: str, text: str, standfirst: str | None = None, limit: int = LEAD_CHARS
) -> str:
    """:func:`lead` of a story's headline, standfirst and the start of its text. A
    headline that is page furniture (:func:`~briefgen.nlp.quality.junk_title`) is left
    out, and so is one that is only the text's opening words cut short (a file with no
    headline line): its words would count twice."""
    if junk_title(title) or title_is_opening(title, text):
        title = ""
    standfirst = (standfirst or "").strip()
    return lead(title, f"{standfirst}\n\n{text}" if standfirst else text, limit)


def taxonomy_features(
    text: str, taxonomy: Taxonomy, words: int | None = None
) -> NDArray[np.float64]:
    """The taxonomy's four bucket scores of ``text`` (of ``words`` words), as the model
    reads them: ``log(1 + score)``, each score taken per :data:`TAXONOMY_WORDS` words when
    the text is longer (see there)."""
    scores, _ = taxonomy.score(text)
    n = len(_words(text)) if words is None else words
    scale = min(1.0, TAXONOMY_WORDS / n) if n else 1.0
    return np.log1p(np.maximum([scores[b] * scale for b in BUCKETS], 0.0))


@dataclass(frozen=True)
class SectionModel:
    """A linear model over word features and taxonomy scores."""

    classes: tuple[Label, ...]
    vocabulary: Mapping[str, int]
    idf: NDArray[np.float64]
    #: (classes, len(vocabulary) + len(BUCKETS)) weights; taxonomy features come last.
    coef: NDArray[np.float64]
    intercept: NDArray[np.float64]
    #: Feature names by column, filled on first use (for explanations).
    names: list[str] = field(default_factory=list, compare=False, repr=False)
    #: ``coef`` transposed, in C order: scipy's sparse-by-dense product copies any other
    #: layout into that one first, at every call (all the weights, to read a few rows).
    _coef_t: NDArray[np.float64] = field(init=False, compare=False, repr=False)
    #: ``idf`` as Python floats: the same products, without a numpy scalar per word.
    _idf: list[float] = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_coef_t", np.ascontiguousarray(self.coef.T))
        object.__setattr__(self, "_idf", self.idf.tolist())

    def features(self, texts: Sequence[str], taxonomy: Taxonomy) -> sp.csr_matrix:
        n_words = len(self.vocabulary)
        # Built as CSR rows with their columns in order, as scipy would sort them from
        # (row, column) triplets, without the triplets' conversion.
        indptr = [0]
        indices: list[int] = []
        data: list[float] = []
        vocabulary, idf = self.vocabulary, self._idf
        for text in texts:
            words = _words(text)
            counts = Counter(c for c in map(vocabulary.get, _tokens(words)) if c is not None)
            weights = {c: (1.0 + math.log(n)) * idf[c] for c, n in counts.items()}
            norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
            row = {c: w / norm for c, w in weights.items()}
            for b, value in enumerate(taxonomy_features(text, taxonomy, len(words))):
                if value:
                    row[n_words + b] = float(value)
            for c in sorted(row):
                indices.append(c)
                data.append(row[c])
            indptr.append(len(indices))
        return sp.csr_matrix(
            (
                np.array(data, dtype=np.float64),
                np.array(indices, dtype=np.int32),
                np.array(indptr, dtype=np.int32),
            ),
            shape=(len(texts), n_words + len(BUCKETS)),
        )

    def probabilities(self, texts: Sequence[str], taxonomy: Taxonomy) -> NDArray[np.float64]:
        if not texts:
            return np.zeros((0, len(self.classes)))
        return self._softmax(self.features(texts, taxonomy))

    def _softmax(self, features: sp.csr_matrix) -> NDArray[np.float64]:
        logits = features @ self._coef_t + self.intercept
        logits -= logits.max(axis=1, keepdims=True)
        exp = np.exp(logits)
        result: NDArray[np.float64] = exp / exp.sum(axis=1, keepdims=True)
        return result

    def read(
        self, text: str, taxonomy: Taxonomy
    ) -> tuple[NDArray[np.float64], dict[str, tuple[str, ...]]]:
        """``text``'s probabilities and its :meth:`explain` for every class, at one go."""
        row = self.features([text], taxonomy)
        return self._softmax(row)[0], self._evidence(row, self.classes)

    def explain(self, text: str, taxonomy: Taxonomy, label: Label) -> tuple[str, ...]:
        """The features that raised ``label`` most for ``text``, with their weights."""
        return self._evidence(self.features([text], taxonomy), (label,))[label]

    def _evidence(self, row: sp.csr_matrix, labels: Sequence[Label]) -> dict[str, tuple[str, ...]]:
        """For each of ``labels``, the features of ``row`` that raised it most, named, with
        their weights (every class's products taken at once)."""
        products = row.data[:, None] * self._coef_t[row.indices]
        return {
            str(label): self._top(products[:, self.classes.index(label)], row.indices)
            for label in labels
        }

    def _top(self, values: NDArray[np.float64], columns: NDArray[np.int32]) -> tuple[str, ...]:
        """The features with the largest positive ``values``, named, with their weights."""
        names = self._names()
        # Only the positive products become (value, name) pairs.
        chosen = np.flatnonzero(values > 0)
        positive = list(
            zip(values[chosen].tolist(), [names[c] for c in columns[chosen].tolist()], strict=True)
        )
        top = sorted(positive, reverse=True)[:EXPLAIN_TERMS]
        return tuple(f"{name} ({value:+.2f})" for value, name in top)

    def _names(self) -> list[str]:
        if self.names:
            return self.names
        names = [""] * len(self.vocabulary)
        for term, c in self.vocabulary.items():
            names[c] = term
        self.names.extend(names + list(_TAXONOMY_FEATURES))
        return self.names

    def to_json(self) -> dict[str, Any]:
        return {
            "classes": list(self.classes),
            "vocabulary": sorted(self.vocabulary, key=self.vocabulary.__getitem__),
            "idf": [round(float(x), 5) for x in self.idf],
            "coef": [[round(float(x), 5) for x in row] for row in self.coef],
            "intercept": [round(float(x), 5) for x in self.intercept],
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> SectionModel:
        vocabulary = {term: i for i, term in enumerate(data["vocabulary"])}
        return cls(
            classes=tuple(data["classes"]),
            vocabulary=vocabulary,
            idf=np.asarray(data["idf"], dtype=np.float64),
            coef=np.asarray(data["coef"], dtype=np.float64),
            intercept=np.asarray(data["intercept"], dtype=np.float64),
        )


def load_model() -> SectionModel:
    """The shipped model (``briefgen/data/sections_model.json``), or the file named by
    ``BRIEFGEN_SECTIONS_MODEL`` (a model written by ``bench/train_sections.py``)."""
    return _load_model(os.environ.get(MODEL_ENV) or None)


@cache
def _load_model(path: str | None) -> SectionModel:
    if path is None:
        content = resources.files("briefgen").joinpath("data", _MODEL_FILE).read_text("utf-8")
    else:
        try:
            content = Path(path).read_text("utf-8")
        except OSError as exc:
            raise ConfigError(f"{MODEL_ENV}={path}: cannot read the section model ({exc})") from exc
    try:
        return SectionModel.from_json(json.loads(content))
    except (ValueError, KeyError, TypeError) as exc:
        raise ConfigError(f"section model {path or _MODEL_FILE} is not valid: {exc}") from exc


def train(
    texts: Sequence[str],
    labels: Sequence[Label],
    taxonomy: Taxonomy,
    *,
    c: float = 10.0,
    min_df: int = 2,
    weights: Sequence[float] | None = None,
) -> SectionModel:
    """Fit the model: L2-regularised multinomial logistic regression (L-BFGS)."""
    from scipy.optimize import minimize

    classes: tuple[Label, ...] = tuple(b for b in BUCKETS if b in set(labels))
    df: Counter[str] = Counter()
    for text in texts:
        df.update(set(tokens(text)))
    terms = sorted(t for t, n in df.items() if n >= min_df)
    vocabulary = {t: i for i, t in enumerate(terms)}
    n = len(texts)
    idf = np.array([math.log((1 + n) / (1 + df[t])) + 1.0 for t in terms])
    shell = SectionModel(
        classes, vocabulary, idf, np.zeros((len(classes), len(terms) + len(BUCKETS))), np.zeros(0)
    )
    x = shell.features(texts, taxonomy)
    y = np.array([classes.index(label) for label in labels])
    sample = np.ones(n) if weights is None else np.asarray(weights, dtype=np.float64)
    k, d = len(classes), x.shape[1]
    onehot = np.zeros((n, k))
    onehot[np.arange(n), y] = 1.0

    def loss(flat: NDArray[np.float64]) -> tuple[float, NDArray[np.float64]]:
        w = flat[: k * d].reshape(k, d)
        b = flat[k * d :]
        logits = x @ w.T + b
        logits -= logits.max(axis=1, keepdims=True)
        log_p = logits - np.log(np.exp(logits).sum(axis=1, keepdims=True))
        value = -float((sample[:, None] * onehot * log_p).sum()) + 0.5 / c * float((w * w).sum())
        error = sample[:, None] * (np.exp(log_p) - onehot)
        grad_w = np.asarray(x.T @ error).T + w / c
        return value, np.concatenate([grad_w.ravel(), error.sum(axis=0)])

    result = minimize(
        loss, np.zeros(k * d + k), jac=True, method="L-BFGS-B", options={"maxiter": 2000}
    )
    w = result.x[: k * d].reshape(k, d)
    return SectionModel(classes, vocabulary, idf, w, result.x[k * d :])


#: What a story of relations between states speaks of, besides naming two of them:
#: diplomats and ministries, summits and treaties, sanctions and peace talks, people
#: crossing borders, and the bodies states meet in.
_RELATIONS = re.compile(
    r"\b(?:ambassadors?|embass(?:y|ies)|envoys?|diplomat\w*|consul(?:s|ates?)?"
    r"|foreign (?:minist\w*|secretar\w*|office|affairs|polic\w*)|secretary of state"
    r"|state department|summit(?:s|ry)?|treat(?:y|ies)|bilateral|multilateral|sanctions?"
    r"|superpowers?"
    r"|state visit|cease-?fire|peace (?:talks|deal|process|plan|agreement|accord)"
    r"|prisoner (?:swaps?|exchanges?)|international community"
    r"|(?:other|foreign|neighbou?ring|western|arab|african|asian|european)"
    r" (?:nations|countries|states|governments|powers)"
    r"|refugees?|asylum|(?<!anti-)migrants?|united nations|(?<!national )security council"
    r"|european union|european communit(?:y|ies)|african union|arab league"
    r"|world trade organi[sz]ation)\b",
    re.IGNORECASE,
)
#: Diplomats as a report's source ("…, diplomatic sources said", "Western diplomats in
#: Hanoi said", "according to diplomats"): who told the news, not relations between
#: states. One state's own affairs (a parliament sacking its leaders, a party's unity
#: talks) are often reported that way. Diplomats "told to leave" are the news. Only the
#: diplomats are set aside: "embassy diplomats said" still names an embassy.
_DIPLOMATS_SAID = re.compile(
    r"\b(?P<source>diplomats|diplomatic sources?)(?: (?:in|at) [A-Z][\w.-]*)?"
    r" (?:said|say|says|told|reported|believe[sd]?)\b(?! to\b)"
    r"|\b(?:said|say|says|according to) (?:[\w-]+ ){0,2}"
    r"(?P<after>diplomats|diplomatic sources?)\b",
    re.IGNORECASE,
)


def _without_diplomats_said(lead: str) -> str:
    """``lead`` with the diplomats it names as its source (:data:`_DIPLOMATS_SAID`) left out."""

    def drop(match: re.Match[str]) -> str:
        group = "source" if match.group("source") else "after"
        start, end = match.span(group)
        return lead[match.start() : start] + " " + lead[end : match.end()]

    return _DIPLOMATS_SAID.sub(drop, lead)


_BODIES = re.compile(
    r"(?<![\w.])(?:UN|U\.N\.|NATO|EU|WTO|GATT|IMF|ASEAN|OPEC|G7|G8|G20|BRICS|IAEA|OSCE|OECD"
    r"|APEC|Mercosur|ECOWAS|Comecon|World Bank)(?![\w])"
    # International bodies by their names: the International Tin Council, Coffee
    # Organization, Energy Agency, Court of Justice.
    r"|\bInternational(?: [A-Z][\w-]*){1,3} (?:Council|Organi[sz]ation|Agreement|Agency|Court"
    r"|Commission|Fund)\b"
)


@dataclass(frozen=True)
class Reach:
    """What an article's lead says of the world beyond one state: the countries it names
    (the gazetteer's, by any of their names or their leaders', not as a currency's; two at
    most, in order), whether it speaks of relations between states (envoys, treaties, the
    bodies states meet in or their leaders) and whether of trade that crosses borders
    (exports, tariffs, foreign debt, or two countries named, a currency's counted). Read
    once, at ingest."""

    countries: tuple[str, ...] = ()
    relations: bool = False
    trade: bool = False


#: A currency named by its country ("160 mln U.S. dlrs", "Australian dollar bonds",
#: "Japanese yen") is the money a figure is counted in, not a state the story is about.
_CURRENCY_AFTER = re.compile(
    r"\s*(?:dlrs?|dollars?|cents?|currency|yen|francs?|sterling|lire|lira|pesos?|rupees?"
    r"|rand|kron(?:or|er|a)|guilders?|schillings?|yuan|escudos?|pesetas?|drachmas?)\b",
    re.IGNORECASE,
)
#: Currencies that are also verbs: "the West German mark", "two British pounds a share",
#: but "Israel pounds Lebanon", "South Korea won the vote", "Japan marks the anniversary".
#: After an amount they are money; else only when no object follows.
_CURRENCY_OR_VERB = re.compile(r"\s*(?i:won|marks?|pounds?|crowns?)\b")
_VERB_OBJECT = re.compile(
    r"\s+(?:(?i:a|an|the|its|their|his|her|our|this|that|another|some)\b|[A-Z])"
)
_AMOUNT_BEFORE = re.compile(
    r"(?:\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|mln|million|bln|billion"
    r"|bn))\s+$",
    re.IGNORECASE,
)
#: The currency of a figure given in brackets after it: "a $160 million (U.S.) deficit".
_FIGURE_BEFORE_BRACKET = re.compile(r"(?:\d|\b(?:mln|million|bln|billion|dlrs|dollars))\s*\($")


def _currency(text: str, start: int, end: int) -> bool:
    """Whether the country named at ``text[start:end]`` names a currency."""
    if _CURRENCY_AFTER.match(text, end):
        return True
    word = _CURRENCY_OR_VERB.match(text, end)
    if word is not None:
        before = text[max(0, start - 20) : start]
        return bool(_AMOUNT_BEFORE.search(before)) or not _VERB_OBJECT.match(text, word.end())
    return text[end : end + 1] == ")" and bool(
        _FIGURE_BEFORE_BRACKET.search(text, max(0, start - 20), start)
    )


def _states(names: Iterable[str]) -> set[str]:
    """The distinct states ``names`` (the gazetteer's countries) stand for. A state and a
    former one it carries on (the gazetteer's ``[former]`` table), which a story gives
    side by side ("German" beside "West German" in a 1987 wire, "Moscow" beside "the
    Soviet Union", "Belgrade" beside "Yugoslavia"), are one state, the former one."""
    found = set(names)
    for now, former in load_gazetteer().carried_on.items():
        if now in found and not found.isdisjoint(former):
            found.discard(now)
    return found


def reach(lead: str) -> Reach:
    """The :class:`Reach` of one article's ``lead`` (its headline and opening)."""
    countries: list[str] = []
    # With the currencies: money counted in another state's currency ("a bond of 50 mln
    # Australian dlrs" in Luxembourg, "7.4 billion dlrs" offered in London) still
    # crosses borders, though no relations between states are told.
    named: set[str] = set()
    # A leader stands for the state they speak for ("Kim Jong Un accepts Trump's
    # invitation" names North Korea and the United States), or the body they lead.
    body_leader = False
    gazetteer = load_gazetteer()
    for start, end, name, kind in gazetteer.scan(lead):
        if kind == "person" and name in gazetteer.leaders:
            name, kind = gazetteer.leaders[name]
            body_leader = body_leader or kind != "country"
        if kind != "country":
            continue
        named.add(name)
        if name not in countries and not _currency(lead, start, end):
            countries.append(name)
            if len(_states(countries)) == 2:
                break
    states = _states(countries)
    return Reach(
        tuple(c for c in countries if c in states),
        bool(
            body_leader or _RELATIONS.search(_without_diplomats_said(lead)) or _BODIES.search(lead)
        ),
        bool(_TRADE_FLOWS.search(lead)) or len(_states(named)) >= 2,
    )


def _read(leads: Sequence[str], reaches: Sequence[Reach] | None) -> Sequence[Reach]:
    """``reaches`` when already read, else the :func:`reach` of each of ``leads``."""
    return [reach(lead) for lead in leads] if reaches is None else reaches


def between_states(leads: Sequence[str], reaches: Sequence[Reach] | None = None) -> bool:
    """Whether the story told by ``leads`` (its articles' headlines and leads) is about
    relations between states: they name two countries or more (the gazetteer's, by any
    of their names or by their leaders': "Kim Jong Un accepts Trump's invitation"), or
    speak of envoys, treaties, summits, sanctions, refugees or the bodies states meet in
    (or their leaders). With ``reaches`` (the leads' :func:`reach`, as an article's
    analysis keeps it) the leads are not read again.

    Diplomacy is relations between states; a story about one country's own affairs (a
    court ruling, a cabinet sworn in, riots) names a state too, and the section model
    reads that as diplomacy.
    """
    read = _read(leads, reaches)
    return any(r.relations for r in read) or len(_states(c for r in read for c in r.countries)) >= 2


#: Trade that crosses borders by its nature: goods and money going abroad, and the
#: duties, quotas and rates they pass through.
_TRADE_FLOWS = re.compile(
    r"\b(?:exports?|exported|exporters?|exporting|imports?|imported|importers?|importing"
    r"|tariffs?|customs dut(?:y|ies)|quotas?|dumping|embargo(?:es)?"
    r"|trade (?:deficit|surplus|balance|gap|talks|deal|war|dispute|agreement|pact|bill|polic\w*)"
    r"|current account|balance of payments|exchange rates?|foreign (?:debt|investment"
    r"|investors?|buyers?|takeovers?|exchange|banks?|creditors?))\b",
    re.IGNORECASE,
)


def crosses_borders(leads: Sequence[str], reaches: Sequence[Reach] | None = None) -> bool:
    """Whether the story told by ``leads`` is trade across borders: between states
    (:func:`between_states`), or of exports and imports, tariffs and quotas, a current
    account, exchange rates, foreign debt or investment, which cross them by nature.
    ``reaches`` as for :func:`between_states`."""
    read = _read(leads, reaches)
    return any(r.trade for r in read) or between_states(leads, read)


def decide(
    probabilities: NDArray[np.float64],
    classes: Sequence[Label],
    *,
    allowed: Sequence[str] | None = None,
    min_probability: float = MIN_SECTION_PROBABILITY,
) -> tuple[Label, float]:
    """The section for a row of probabilities, or "other" when the story is not likely
    enough to belong in any section.

    Belonging is the sections' probabilities together (a story between Security and
    Diplomacy belongs, even when neither alone passes ``min_probability``); the
    section is then the most likely one.
    """
    best: Label = "other"
    best_p = 0.0
    total = 0.0
    for label, p in zip(classes, probabilities, strict=True):
        if label == "other" or (allowed is not None and label not in allowed):
            continue
        total += float(p)
        if p > best_p:
            best, best_p = label, float(p)
    if total < min_probability:
        other = classes.index("other") if "other" in classes else None
        return "other", float(probabilities[other]) if other is not None else 1.0 - total
    return best, best_p


def decide_story(
    probabilities: NDArray[np.float64],
    classes: Sequence[Label],
    leads: Sequence[str],
    *,
    min_probability: float = MIN_SECTION_PROBABILITY,
    reaches: Sequence[Reach] | None = None,
) -> tuple[Label, float]:
    """:func:`decide` for a story told by ``leads``, where Diplomacy counts only for a
    story about relations between states (:func:`between_states`). Any other story
    goes to Security or Trade if they are likely enough without Diplomacy's share, or
    to no section: Diplomacy's share neither files it nor lets it in."""
    label, confidence = decide(probabilities, classes, min_probability=min_probability)
    if label == "other":
        return label, confidence
    others = [c for c in classes if c not in ("diplomacy", "other")]
    alone = decide(probabilities, classes, allowed=others, min_probability=min_probability)
    if (label == "diplomacy" or alone[0] == "other") and not between_states(leads, reaches):
        return alone
    return label, confidence


def left_out_between_states(scores: Mapping[str, float]) -> bool:
    """Whether a story :func:`decide_story` left out (``scores``: its probabilities by
    class) was likely enough for a section by the model alone, so only with Diplomacy's
    share: one state's own affairs, by :func:`between_states`."""
    return sum(v for k, v in scores.items() if k != "other") >= MIN_SECTION_PROBABILITY


#: Articles a story needs before its section is what most of them say (the median of
#: their probabilities) rather than their mean.
MEDIAN_ARTICLES = 3


def story_probabilities(rows: NDArray[np.float64]) -> NDArray[np.float64]:
    """A story's probabilities from its articles' ``rows`` (one row per article): their
    mean, or for a story of :data:`MEDIAN_ARTICLES` articles or more, their median,
    class by class, scaled to sum to 1. What most of the articles say decides: one
    article's other angle on the event (an apology for it, a profile of someone in it)
    moves the mean of a few articles across the bar, not their median."""
    if len(rows) < MEDIAN_ARTICLES:
        return np.asarray(rows.mean(axis=0), dtype=np.float64)
    middle = np.median(rows, axis=0)
    total = float(middle.sum())
    return np.asarray(middle / total if total > 0 else rows.mean(axis=0), dtype=np.float64)


def classify_story(
    leads: Sequence[str],
    taxonomy: Taxonomy,
    model: SectionModel | None = None,
    *,
    min_probability: float = MIN_SECTION_PROBABILITY,
    probabilities: Sequence[Sequence[float]] | None = None,
    evidence: Mapping[str, tuple[str, ...]] | None = None,
    explain: bool = True,
    reaches: Sequence[Reach] | None = None,
) -> Classification:
    """The section of a story told by the articles whose leads are ``leads``.

    The articles' probabilities are taken together (:func:`story_probabilities`), so
    one outlet's odd angle does not decide for the others. ``probabilities`` are the
    model's for each lead and, for a story of one article, ``evidence`` its lead's
    explanation per class, when already computed (an article's analysis keeps them).
    Without ``explain``, a story of several articles is decided but not explained
    (:func:`with_evidence` adds it for the stories a briefing shows). ``reaches`` are the
    leads' :func:`reach`, when already read. A short story whose subject is sure of
    otherwise is decided by its subject (``read_from`` "subject", with the subject's
    probabilities).
    """
    model = model or load_model()
    rows = (
        model.probabilities(list(leads), taxonomy)
        if probabilities is None
        else np.asarray(probabilities, dtype=np.float64).reshape(len(leads), len(model.classes))
    )
    probs = story_probabilities(rows)
    label, confidence = decide_story(
        probs, model.classes, leads, min_probability=min_probability, reaches=reaches
    )
    read_from = ""
    told = _by_subject(leads, label, taxonomy, model, min_probability, reaches)
    if told is not None:
        label, confidence, probs = told
        read_from = "subject"
    scores: dict[str, float] = {
        str(c): round(float(p), 4) for c, p in zip(model.classes, probs, strict=True)
    }
    decided = Classification(
        label=label, scores=scores, confidence=round(confidence, 4), read_from=read_from
    )
    explained = label if label in model.classes else "other"
    if evidence is not None and len(leads) == 1 and not read_from:
        known = evidence[explained]
        return replace(decided, matched={explained: known} if known else {})
    return with_evidence(decided, leads, taxonomy, model) if explain else decided


def _by_subject(
    leads: Sequence[str],
    label: Label,
    taxonomy: Taxonomy,
    model: SectionModel,
    min_probability: float,
    reaches: Sequence[Reach] | None,
) -> tuple[Label, float, NDArray[np.float64]] | None:
    """The decision of a short story's subject (:func:`subject`) where it is sure and
    says otherwise than the whole lead's ``label``: the sections together at
    :data:`SUBJECT_PROBABILITY` or more for a story the lead leaves out, "other" at that
    or more for one it files; with the subject's probabilities. None for a story whose
    subject is less than :data:`SUBJECT_SHARE` of a lead's words, and where the subject
    is not sure."""
    subjects = []
    for x in leads:
        first, words = subject(x), len(_words(x))
        if not words * SUBJECT_SHARE <= len(_words(first)) < words:
            return None
        subjects.append(first)
    told = model.probabilities(subjects, taxonomy).mean(axis=0)
    if label != "other":
        other = float(told[model.classes.index("other")]) if "other" in model.classes else 0.0
        return ("other", other, told) if other >= SUBJECT_PROBABILITY else None
    found, confidence = decide_story(
        told,
        model.classes,
        leads,
        min_probability=max(min_probability, SUBJECT_PROBABILITY),
        reaches=reaches,
    )
    return None if found == "other" else (found, confidence, told)


def with_evidence(
    decided: Classification,
    leads: Sequence[str],
    taxonomy: Taxonomy,
    model: SectionModel | None = None,
) -> Classification:
    """``decided`` (a story's classification by :func:`classify_story`) with the model's
    features that raised its label most for the story's ``leads``, with their weights."""
    model = model or load_model()
    explained = decided.label if decided.label in model.classes else "other"
    read = [subject(x) for x in leads] if decided.read_from == "subject" else leads
    evidence = model.explain("\n".join(read), taxonomy, explained)
    return replace(decided, matched={explained: evidence} if evidence else {})
