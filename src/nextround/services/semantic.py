"""Meaning-based matching: cached sentence embeddings, similarity with a lexical fallback.

Semantic matching is used by default only where it measurably beat word overlap on the labelled
sets in `eval/` (docs/semantic.md has the figures); everywhere else, and whenever the `semantic`
extra is missing or NEXTROUND_SEMANTIC=off, the lexical methods answer.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import math
import re
import threading
from array import array
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from nextround import config
from nextround.coach import semantic as coach
from nextround.coach.bank import Phrasing
from nextround.coach.classify import (
    NEIGHBOURS,
    Classification,
    asks_for_figure,
    classify_question,
    labelled_questions,
    neighbours_at,
)
from nextround.coach.semantic import Embedder, SemanticUnavailable, Vector

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from nextround.coach.brief import BriefInput

log = logging.getLogger(__name__)

USES = ("relevance", "evidence", "concerns", "paraphrase", "weak-areas", "classify")
# Where the semantic score beat the lexical one on the labelled sets (AUC, and precision on the
# held-out split: `make bench`, docs/semantic.md). Paraphrase is not among them: the model rates
# "missed a deadline" and "set a deadline" as near-identical questions, so merging asked questions
# on meaning alone would hide real differences. Callers can still ask for it (semantic=True).
SEMANTIC_BY_DEFAULT = frozenset({"relevance", "evidence", "concerns", "weak-areas", "classify"})
# Cosine of all-MiniLM-L6-v2 sentence vectors is rarely below 0 or above 0.9 for real text; these
# anchors (tuned on the `tune` split of eval/answer_relevance.jsonl) map it onto the 0-1 scale the
# coach's relevance aspect reads: OFF_COSINE gives 0.25 (its off-topic line), ON_COSINE gives 0.6.
OFF_COSINE = 0.12
ON_COSINE = 0.3
# Two questions whose hybrid score reaches this are the same question in other words (tuned on the
# `tune` split of eval/paraphrase_pairs.jsonl); lexical overlap alone needs the higher bar.
SAME_QUESTION = 0.7
SAME_QUESTION_LEXICAL = 0.6
# Weight of the word-overlap score beside the cosine: exact shared terms (tool names, figures)
# are strong evidence that the embedding alone under-rates.
LEXICAL_WEIGHT = 0.35
# The hybrid score's best threshold on the `tune` split of eval/requirement_story_pairs.jsonl.
MATCH_HYBRID = 0.13
MATCH_SPREAD = 0.15
MEMORY_CACHE = 4096
# The vectors of the bank's questions and of the classifier's labelled phrasings, computed ahead
# (scripts/embed_bank.py) and shipped beside them.
BANK_VECTORS = "bank_vectors.bin"
SHIPPED_FORMAT = 1


def hybrid(lexical: float, cosine: float) -> float:
    """One 0-1 score from word overlap and embedding cosine."""
    return max(0.0, min(1.0, LEXICAL_WEIGHT * lexical + (1 - LEXICAL_WEIGHT) * cosine))


def _choice() -> str:
    value = config.read("SEMANTIC")
    assert isinstance(value, str)
    return value


_state_lock = threading.Lock()
_failure: str | None = None
_memory: OrderedDict[tuple[str, str], Vector] = OrderedDict()


def embedder(choice: str | None = None) -> Embedder | None:
    """The loaded embedder, or None when semantic matching is off or not installed."""
    global _failure
    choice = choice or _choice()
    if choice == "off":
        return None
    backend = coach.DEFAULT_BACKEND if choice == "auto" else choice
    try:
        return coach.load_embedder(backend)
    except SemanticUnavailable as exc:
        with _state_lock:
            if _failure is None:
                log.warning("Semantic matching is off: %s", exc)
            _failure = str(exc)
        return None


def enabled(use: str, semantic: bool | None = None) -> bool:
    """Whether `use` should try embeddings: the caller's choice, else the measured default."""
    if use not in USES:
        raise ValueError(f"unknown use {use!r}; expected one of {', '.join(USES)}")
    return use in SEMANTIC_BY_DEFAULT if semantic is None else semantic


def text_hash(text: str) -> str:
    """The cache key of a text: an edit makes a new key, so a stale vector is never read."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


def vectors(
    texts: Sequence[str], model: Embedder, *, store: bool = True, lookup: bool = True
) -> list[Vector]:
    """Vectors of `texts`: from memory, then the database cache, computing only what is missing.

    `lookup=False` skips the database (for passing texts, so a caller's query count stays flat);
    `store=False` keeps new vectors in memory only.
    """
    keys = [(model.model_id, text_hash(t)) for t in texts]
    found: dict[tuple[str, str], Vector] = {}
    with _state_lock:
        for key in keys:
            if key in _memory:
                found[key] = _memory[key]
                _memory.move_to_end(key)
    shipped = _shipped(model.model_id)
    for key in keys:
        if key not in found and key[1] in shipped:
            found[key] = shipped[key[1]]
    wanted = {key for key in keys if key not in found}
    if wanted and lookup:
        from nextround.store import models as m

        rows = m.Embedding.objects.filter(
            model_id=model.model_id, text_hash__in=[h for _, h in wanted]
        ).values_list("text_hash", "dimensions", "vector")
        for hashed, dimensions, data in rows:
            try:
                found[(model.model_id, hashed)] = coach.unpack(data, dimensions)
            except ValueError:
                continue  # a damaged row is recomputed and replaced below
    missing: dict[tuple[str, str], str] = {}
    for key, text in zip(keys, texts, strict=True):
        if key not in found:
            missing.setdefault(key, text)
    if missing:
        computed = model.embed(list(missing.values()))
        for key, vector in zip(missing, computed, strict=True):
            found[key] = vector
        if store and lookup:
            _store(model.model_id, {key[1]: found[key] for key in missing})
    with _state_lock:
        for key in set(keys):
            _memory[key] = found[key]
            _memory.move_to_end(key)
        while len(_memory) > MEMORY_CACHE:
            _memory.popitem(last=False)
    return [found[key] for key in keys]


def known_vectors(texts: Sequence[str], model: Embedder) -> dict[str, Vector]:
    """The vectors of `texts` already known (memory, shipped, database cache); none computed.

    For reads that must stay within a time budget and write nothing, such as search.
    """
    by_key = {(model.model_id, text_hash(t)): t for t in texts}
    found: dict[str, Vector] = {}
    with _state_lock:
        for key, text in by_key.items():
            if key in _memory:
                found[text] = _memory[key]
    shipped = _shipped(model.model_id)
    wanted: dict[str, str] = {}
    for (_, hashed), text in by_key.items():
        if text in found:
            continue
        if hashed in shipped:
            found[text] = shipped[hashed]
        else:
            wanted[hashed] = text
    if wanted:
        from nextround.store import models as m

        rows = m.Embedding.objects.filter(
            model_id=model.model_id, text_hash__in=list(wanted)
        ).values_list("text_hash", "dimensions", "vector")
        for hashed, dimensions, data in rows:
            try:
                found[wanted[hashed]] = coach.unpack(data, dimensions)
            except ValueError:
                continue
    return found


def write_shipped(path: Path, model_id: str, hashes: list[str], rows: list[Vector]) -> None:
    """Save vectors as int8 (each unit-length component times 127) after a JSON header line."""
    header = {
        "format_version": SHIPPED_FORMAT,
        "model_id": model_id,
        "dimensions": len(rows[0]) if rows else 0,
        "hashes": hashes,
    }
    body = array("b", (max(-127, min(127, round(x * 127))) for row in rows for x in row))
    path.write_bytes(json.dumps(header).encode() + b"\n" + body.tobytes())


@functools.cache
def _shipped(model_id: str) -> dict[str, Vector]:
    """The shipped bank vectors for this model; empty when the file is missing or for another."""
    try:
        raw = resources.files("nextround.coach").joinpath("data", BANK_VECTORS).read_bytes()
    except OSError as exc:
        log.warning("Ignoring %s: %s", BANK_VECTORS, exc)
        return {}
    return read_shipped(raw, model_id)


def read_shipped(raw: bytes, model_id: str) -> dict[str, Vector]:
    """Text hash to vector from a file written by `write_shipped`; {} if unusable or stale."""
    try:
        head, _, body = raw.partition(b"\n")
        header = json.loads(head)
        if header.get("format_version") != SHIPPED_FORMAT or header.get("model_id") != model_id:
            return {}
        size = int(header["dimensions"])
        values = array("b")
        values.frombytes(body)
        hashes = header["hashes"]
        if size <= 0 or len(values) != size * len(hashes):
            raise ValueError("size does not match the header")
    except (ValueError, KeyError, TypeError) as exc:
        log.warning("Ignoring %s: %s", BANK_VECTORS, exc)
        return {}
    try:
        import numpy as np
    except ImportError:
        out: dict[str, Vector] = {}
        for index, hashed in enumerate(hashes):
            row = [v / 127 for v in values[index * size : (index + 1) * size]]
            norm = math.sqrt(math.fsum(x * x for x in row)) or 1.0
            out[hashed] = [x / norm for x in row]
        return out
    # The same in one pass over the matrix: 1,590 vectors in 0.04 s rather than 0.14 s.
    matrix = np.frombuffer(body, dtype=np.int8).astype(np.float64).reshape(len(hashes), size)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    rows: list[Vector] = (matrix / np.where(norms > 0, norms, 1.0)).tolist()
    return dict(zip(hashes, rows, strict=True))


def _store(model_id: str, by_hash: dict[str, Vector]) -> None:
    from nextround.store import models as m

    m.Embedding.objects.filter(model_id=model_id, text_hash__in=list(by_hash)).delete()
    m.Embedding.objects.bulk_create(
        [
            m.Embedding(
                model_id=model_id,
                text_hash=hashed,
                dimensions=len(vector),
                vector=coach.pack(vector),
            )
            for hashed, vector in by_hash.items()
        ],
        ignore_conflicts=True,
    )


def similarity(a: str, b: str, *, use: str = "evidence", semantic: bool | None = None) -> float:
    """0-1 closeness of two texts: hybrid with embeddings where they help, else word overlap."""
    lexical = coach.lexical_similarity(a, b)
    model = embedder() if enabled(use, semantic) else None
    if model is None or not a.strip() or not b.strip():
        return lexical
    # Answers and their sentences come and go; only stored records' vectors are worth keeping.
    va, vb = vectors([a, b], model, store=use != "relevance")
    return hybrid(lexical, coach.cosine(va, vb))


def similarity_for(use: str, semantic: bool | None = None) -> coach.Similarity:
    """`similarity(a, b)` for one use, on the raw scale (for ranking and coverage checks)."""

    def score(a: str, b: str) -> float:
        return similarity(a, b, use=use, semantic=semantic)

    return score


def match_similarity(
    use: str = "evidence", semantic: bool | None = None, *, warm: Iterable[str] = ()
) -> coach.Similarity:
    """The `similarity` to hand to the coach's evidence map, brief and debrief linking.

    Calibrated so that 0.5 means even odds of a real match: the hybrid score's decision threshold
    on the requirement-story pairs maps to 0.5, and MATCH_SPREAD either side spans 0 to 1. Without
    embeddings it is the plain word overlap (already on a 0-1 scale). The `warm` texts (the stored
    records being compared) are embedded up front in one batch through the database cache; other
    texts met later are embedded in memory only, so the caller's query count does not grow.
    """
    model = embedder() if enabled(use, semantic) else None
    if model is not None:
        stored = sorted({t for t in warm if t.strip()})
        if stored:
            vectors(stored, model)

    def score(a: str, b: str) -> float:
        lexical = coach.lexical_similarity(a, b)
        if model is None or not a.strip() or not b.strip():
            return lexical
        va, vb = vectors([a, b], model, store=False, lookup=False)
        raw = hybrid(lexical, coach.unit_cosine(va, vb))
        return coach.calibrated(raw, MATCH_HYBRID - MATCH_SPREAD, MATCH_HYBRID + MATCH_SPREAD)

    return score


_classifier_lock = threading.Lock()
_classifier_index: dict[str, tuple[coach.VectorIndex, tuple[Phrasing, ...]]] = {}


def _labelled_index(model: Embedder) -> tuple[coach.VectorIndex, tuple[Phrasing, ...]]:
    """The classifier's labelled questions and their vectors (shipped; any missing computed)."""
    with _classifier_lock:
        cached = _classifier_index.get(model.model_id)
    if cached is not None:
        return cached
    examples = labelled_questions()
    shipped = _shipped(model.model_id)
    hashes = [text_hash(q.text) for q in examples]
    missing = sorted({q.text for q, h in zip(examples, hashes, strict=True) if h not in shipped})
    computed = dict(zip(missing, model.embed(missing), strict=True)) if missing else {}
    rows = [
        shipped[h] if h in shipped else computed[q.text]
        for q, h in zip(examples, hashes, strict=True)
    ]
    built = (coach.VectorIndex(rows), examples)
    with _classifier_lock:
        _classifier_index[model.model_id] = built
    return built


_classified: OrderedDict[tuple[str, str], Classification] = OrderedDict()


def classify_questions(
    texts: Sequence[str], *, semantic: bool | None = None, store: bool = True, lookup: bool = True
) -> list[Classification]:
    """Type and competencies of each question: from cues and words, and from the labelled
    questions nearest in meaning where embeddings are on (`vectors` explains store/lookup).

    Results are remembered per model and text (the last MEMORY_CACHE), since the same asked
    questions and feedback are classified on every practice page."""
    model = embedder() if enabled("classify", semantic) else None
    if model is None:
        return [classify_question(text) for text in texts]
    with _state_lock:
        known = {
            t: _classified[(model.model_id, t)] for t in texts if (model.model_id, t) in _classified
        }
    wanted = sorted({text for text in texts if text.strip() and text not in known})
    if wanted:
        index, examples = _labelled_index(model)
        found = vectors(wanted, model, store=store, lookup=lookup)
        for text, vector in zip(wanted, found, strict=True):
            known[text] = classify_question(
                text, neighbours_at(index.top(vector, NEIGHBOURS), examples)
            )
        with _state_lock:
            for text in wanted:
                _classified[(model.model_id, text)] = known[text]
            while len(_classified) > MEMORY_CACHE:
                _classified.popitem(last=False)
    return [known[text] if text in known else classify_question(text) for text in texts]


def classify(text: str, *, semantic: bool | None = None, store: bool = False) -> Classification:
    """One question's classification (see `classify_questions`); passing text is not stored."""
    return classify_questions([text], semantic=semantic, store=store)[0]


def brief_texts(data: BriefInput) -> list[str]:
    """The stored texts a brief compares: requirements, stories, asked questions, feedback."""
    return [
        *(r.text for r in data.requirements),
        *(s.full_text for s in data.stories),
        *(q.text for q in data.questions),
        *(f.text for f in data.feedback),
    ]


# Words of an answer embedded to judge its relevance: its opening, about 160 tokens. The opening
# carries what an answer is about; embedding past it costs time (about 0.4 ms a token on a shared
# 2-core machine) and moves the cosine little.
RELEVANCE_WORDS = 120
_ahead_lock = threading.Lock()
_ahead_pool: list[ThreadPoolExecutor] = []


def _opening(answer: str) -> str:
    words = answer.split()
    return " ".join(words[:RELEVANCE_WORDS]) if len(words) > RELEVANCE_WORDS else answer


def _pool() -> ThreadPoolExecutor:
    with _ahead_lock:
        if not _ahead_pool:
            _ahead_pool.append(ThreadPoolExecutor(max_workers=1, thread_name_prefix="relevance"))
        return _ahead_pool[0]


# Question types narrow enough that an answer to one sits among labelled questions of that type:
# when at most NARROW_ALIKE_MISS of its nearest neighbours are, the answer is taken as off-topic
# (the coach still counts a named figure or date as the answer). Chosen on eval/answers/dev.jsonl.
NARROW_TYPES = frozenset({"salary-notice"})
NARROW_ALIKE_MISS = 1
NARROW_MISS_VALUE = 0.2


def relevance_scorer(
    semantic: bool | None = None, *, ahead: str | None = None
) -> coach.Similarity | None:
    """The coach's relevance scorer (cosine mapped to its 0-1 scale), or None to stay lexical.

    `ahead` is an answer to start embedding now, in another thread, while the caller does its
    word-level analysis (the model releases the interpreter while it runs).
    """
    if not enabled("relevance", semantic):
        return None
    model = embedder()
    if model is None:
        return None
    pending: Future[list[Vector]] | None = None
    if ahead is not None and ahead.strip():
        pending = _pool().submit(model.embed, [coach.opening(ahead)])

    def score(question: str, answer: str) -> float:
        if pending is not None and answer == ahead:
            (vq,) = vectors([question], model, store=False)
            (va,) = pending.result()
        else:
            vq, va = vectors([question, coach.opening(answer)], model, store=False)
        value = coach.relevance_value(coach.cosine(vq, va))
        # Only a question that asks for a figure or a date is narrow (coach.classify).
        if classify(question).type in NARROW_TYPES and asks_for_figure(question):
            # "What are your salary expectations?" answered with why the role appeals: the
            # answer's nearest labelled questions are of another type altogether.
            index, examples = _labelled_index(model)
            near = index.top(va, NEIGHBOURS)
            alike = sum(1 for i, _ in near if examples[i].type == classify(question).type)
            if alike <= NARROW_ALIKE_MISS:
                value = min(value, NARROW_MISS_VALUE)
        return value

    return score


@dataclass(frozen=True)
class Match:
    """A candidate text, its index among the candidates and how close it is to the query."""

    index: int
    text: str
    score: float


# The same candidates (the bank, less a few) are ranked again and again: their matrix is kept.
RANK_INDEXES = 8
_rank_indexes: OrderedDict[tuple[str, tuple[str, ...]], coach.VectorIndex] = OrderedDict()


def rank(
    query: str, candidates: Sequence[str], *, use: str, semantic: bool | None = None
) -> list[Match]:
    """Candidates ordered by closeness to `query`, best first (embeds all of them in one batch)."""
    if not candidates:
        return []
    model = embedder() if enabled(use, semantic) else None
    lexical = [coach.lexical_similarity(query, c) for c in candidates]
    if model is None:
        scores = lexical
    else:
        key = (model.model_id, tuple(candidates))
        with _state_lock:
            index = _rank_indexes.get(key)
        if index is None:
            vq, *rest = vectors([query, *candidates], model)
            index = coach.VectorIndex(rest)
            with _state_lock:
                _rank_indexes[key] = index
                while len(_rank_indexes) > RANK_INDEXES:
                    _rank_indexes.popitem(last=False)
        else:
            (vq,) = vectors([query], model)
        closeness = index.cosines(vq)
        scores = [hybrid(lx, cos) for lx, cos in zip(lexical, closeness, strict=True)]
    matches = [Match(i, c, s) for i, (c, s) in enumerate(zip(candidates, scores, strict=True))]
    return sorted(matches, key=lambda x: (-x.score, x.index))


def same_question(a: str, b: str, *, semantic: bool | None = None) -> bool:
    """Whether two asked questions are the same question, perhaps in other words."""
    if re.findall(r"\w+", a.lower()) == re.findall(r"\w+", b.lower()):
        return True  # the same words, whatever the case and punctuation
    model = embedder() if enabled("paraphrase", semantic) else None
    if model is None:
        return coach.lexical_similarity(a, b) >= SAME_QUESTION_LEXICAL
    return similarity(a, b, use="paraphrase", semantic=True) >= SAME_QUESTION


@dataclass(frozen=True)
class Repeat:
    """A question asked in a later round that was asked before, perhaps in other words."""

    question: str
    round_number: int
    earlier: str
    earlier_round_number: int
    score: float


def repeated_questions(
    owner: User, opportunity_id: int, *, semantic: bool | None = None
) -> list[Repeat]:
    """Questions of later rounds that repeat one of an earlier round (best match each)."""
    from nextround.store import models as m

    asked = list(
        m.AskedQuestion.objects.filter(owner=owner, round__opportunity_id=opportunity_id)
        .order_by("round__number", "id")
        .values_list("text", "round__number")
    )
    model = embedder() if enabled("paraphrase", semantic) else None
    vecs = vectors([t for t, _ in asked], model) if model is not None and asked else []
    found: list[Repeat] = []
    for i, (text, number) in enumerate(asked):
        best: Repeat | None = None
        for j, (other, other_number) in enumerate(asked):
            if other_number >= number:
                continue
            lexical = coach.lexical_similarity(text, other)
            same = " ".join(text.lower().split()) == " ".join(other.lower().split())
            if vecs:
                score = 1.0 if same else hybrid(lexical, coach.cosine(vecs[i], vecs[j]))
                hit = score >= SAME_QUESTION
            else:
                score = 1.0 if same else lexical
                hit = score >= SAME_QUESTION_LEXICAL
            if hit and (best is None or score > best.score):
                best = Repeat(text, number, other, other_number, score)
        if best is not None:
            found.append(best)
    return found


@dataclass(frozen=True)
class Status:
    """What `nextround semantic status` shows."""

    setting: str
    backend: str | None
    model_id: str | None
    reason: str
    cached: int
    uses: tuple[str, ...]


def status(load: bool = True) -> Status:
    """Whether embeddings are in use, with which model, and how many vectors are cached."""
    from nextround.store import models as m

    setting = _choice()
    model = embedder(setting) if load and setting != "off" else None
    if setting == "off":
        reason = "turned off by NEXTROUND_SEMANTIC=off"
    elif model is None:
        reason = _failure or "not loaded"
    else:
        reason = "loaded from the installed model package"
    return Status(
        setting=setting,
        backend=(coach.DEFAULT_BACKEND if setting == "auto" else setting) if model else None,
        model_id=model.model_id if model else None,
        reason=reason,
        cached=m.Embedding.objects.count(),
        uses=tuple(sorted(SEMANTIC_BY_DEFAULT)) if model else (),
    )


def stored_texts() -> Iterable[str]:
    """Every text the product embeds from the database, for pruning the cache."""
    from nextround.coach.bank import load_bank
    from nextround.store import models as m

    yield from m.Story.objects.values_list("title", flat=True)
    for parts in m.Story.objects.values_list("situation", "task", "action", "result"):
        yield " ".join(v for v in parts if v)
    yield from m.Requirement.objects.values_list("text", flat=True)
    yield from m.AskedQuestion.objects.values_list("text", flat=True)
    yield from m.Feedback.objects.values_list("text", flat=True)
    yield from m.PracticeAttempt.objects.values_list("question_text", flat=True)
    yield from m.PracticeAttempt.objects.values_list("answer_text", flat=True)
    for item in load_bank():
        yield item.text


def prune() -> int:
    """Delete cached vectors of texts no longer stored, and of other models; returns the count."""
    from nextround.store import models as m

    model = embedder()
    keep = {text_hash(t) for t in stored_texts() if t}
    removed = 0
    rows = m.Embedding.objects.values_list("id", "model_id", "text_hash")
    stale = [
        pk
        for pk, model_id, hashed in rows.iterator()
        if hashed not in keep or (model is not None and model_id != model.model_id)
    ]
    for start in range(0, len(stale), 500):
        removed += m.Embedding.objects.filter(pk__in=stale[start : start + 500]).delete()[0]
    with _state_lock:
        _memory.clear()
    return removed
