"""Lexical versus semantic matching on the labelled sets, and the embedding backend's speed."""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from bench.common import Row, median, timed

EVAL = Path(__file__).resolve().parent.parent / "eval"
SETS = {
    # file: (left field, right field, label field)
    "paraphrase_pairs.jsonl": ("a", "b", "same"),
    "requirement_story_pairs.jsonl": ("requirement", "story", "match"),
    "answer_relevance.jsonl": ("question", "answer", "relevant"),
}


# A semantic method must beat word overlap's AUC by this much, match its held-out F1, and reach
# this precision on the held-out split before it is used by default.
WIN_MARGIN = 0.05
MIN_PRECISION = 0.75


@dataclass(frozen=True)
class Pair:
    left: str
    right: str
    label: bool
    split: str


def load_pairs(name: str) -> list[Pair]:
    left, right, label = SETS[name]
    rows = [json.loads(line) for line in (EVAL / name).read_text().splitlines() if line.strip()]
    return [Pair(r[left], r[right], bool(r[label]), r["split"]) for r in rows]


def auc(scores: Sequence[float], labels: Sequence[bool]) -> float:
    """Chance that a positive pair scores above a negative one (ties count half)."""
    pos = [s for s, y in zip(scores, labels, strict=True) if y]
    neg = [s for s, y in zip(scores, labels, strict=True) if not y]
    if not pos or not neg:
        return float("nan")
    wins = sum((p > n) + 0.5 * (p == n) for p in pos for n in neg)
    return wins / (len(pos) * len(neg))


def precision_at(scores: Sequence[float], labels: Sequence[bool], threshold: float) -> float:
    said = [y for s, y in zip(scores, labels, strict=True) if s >= threshold]
    return sum(said) / len(said) if said else 0.0


def f1_at(scores: Sequence[float], labels: Sequence[bool], threshold: float) -> float:
    tp = sum(s >= threshold and y for s, y in zip(scores, labels, strict=True))
    fp = sum(s >= threshold and not y for s, y in zip(scores, labels, strict=True))
    fn = sum(s < threshold and y for s, y in zip(scores, labels, strict=True))
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def best_threshold(scores: Sequence[float], labels: Sequence[bool]) -> float:
    """The threshold with the best F1 on these pairs (the tuning split)."""
    candidates = sorted(set(scores))
    return max(candidates, key=lambda t: (f1_at(scores, labels, t), -t))


@dataclass(frozen=True)
class Result:
    auc: float
    threshold: float
    test_f1: float
    test_precision: float


def evaluate(pairs: list[Pair], score: Callable[[str, str], float]) -> Result:
    """AUC over every pair; F1 on the test split at the threshold tuned on the tune split."""
    scores = [score(p.left, p.right) for p in pairs]
    labels = [p.label for p in pairs]
    tune = [(s, p.label) for s, p in zip(scores, pairs, strict=True) if p.split == "tune"]
    test = [(s, p.label) for s, p in zip(scores, pairs, strict=True) if p.split == "test"]
    threshold = best_threshold([s for s, _ in tune], [y for _, y in tune])
    test_scores, test_labels = [s for s, _ in test], [y for _, y in test]
    return Result(
        auc(scores, labels),
        threshold,
        f1_at(test_scores, test_labels, threshold),
        precision_at(test_scores, test_labels, threshold),
    )


def _rss_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _help_seconds() -> float:
    script = Path(sys.executable).parent / "nextround"
    runs = []
    for _ in range(3):
        start = time.perf_counter()
        subprocess.run([str(script), "--help"], capture_output=True, check=True)
        runs.append(time.perf_counter() - start)
    return min(runs)


def run() -> list[Row]:
    from nextround.coach import semantic

    rows: list[Row] = []
    before = _rss_mb()
    start = time.perf_counter()
    try:
        embedder = semantic.load_embedder("onnx")
    except semantic.SemanticUnavailable as exc:
        return [Row("semantic", "embedding backend", f"not installed ({exc})", "", None)]
    load_s = time.perf_counter() - start
    cache: dict[str, list[float]] = {}

    def cosine(a: str, b: str) -> float:
        missing = [t for t in (a, b) if t not in cache]
        for text, vector in zip(missing, embedder.embed(missing), strict=True):
            cache[text] = vector
        return semantic.cosine(cache[a], cache[b])

    from nextround.services.semantic import hybrid

    methods: dict[str, Callable[[str, str], float]] = {
        "lexical": semantic.lexical_similarity,
        "semantic": cosine,
        "hybrid": lambda a, b: hybrid(semantic.lexical_similarity(a, b), cosine(a, b)),
    }
    for name in SETS:
        pairs = load_pairs(name)
        results = {method: evaluate(pairs, fn) for method, fn in methods.items()}
        label = name.removesuffix(".jsonl")
        value = ", ".join(
            f"{method} AUC {r.auc:.2f} F1 {r.test_f1:.2f} P {r.test_precision:.2f} "
            f"(t={r.threshold:.2f})"
            for method, r in results.items()
        )
        # On by default only with a clear AUC gain, no loss of held-out F1, and a precision that
        # makes its "match" verdict trustworthy.
        best = max(results["semantic"], results["hybrid"], key=lambda r: r.auc)
        lexical = results["lexical"]
        wins = (
            best.auc >= lexical.auc + WIN_MARGIN
            and best.test_f1 >= lexical.test_f1
            and best.test_precision >= MIN_PRECISION
        )
        rows.append(Row("semantic", f"{label} ({len(pairs)} pairs)", value, "semantic wins", wins))

    rows.append(Row("semantic", "load the int8 model (first use)", f"{load_s:.2f} s"))
    rows.append(
        Row("semantic", "machine load (1-minute average, 2 cores)", f"{os.getloadavg()[0]:.1f}")
    )
    question = "How do you manage stakeholders with competing priorities?"
    answer = (
        "Finance wanted the report monthly and sales wanted it daily, so I sat both managers "
        "down and we agreed a daily summary with a monthly deep dive. Since then neither team "
        "has asked for a custom extract, which saved me about four hours a week."
    )
    from nextround.coach.analysis import analyze_answer

    lexical_ms = median(timed(lambda: analyze_answer(question, answer), 20))
    fresh = iter(range(10**6))

    asked = embedder.embed([question])[0]

    def scored() -> object:
        # A new answer each time, so it is embedded afresh; the question's vector is kept, as the
        # service's memory cache keeps it after the first answer.
        text = f"{answer} ({next(fresh)})"
        return analyze_answer(
            question,
            text,
            relevance_scorer=lambda q, a: semantic.cosine(asked, embedder.embed([a])[0]),
        )

    semantic_ms = median(timed(scored, 20))
    rows.append(
        Row(
            "semantic",
            "one answer's feedback, semantic relevance (median)",
            f"{semantic_ms:.1f} ms (lexical {lexical_ms:.1f} ms)",
            "< 30 ms",
            semantic_ms < 30,
        )
    )
    texts = [
        f"Story {i}: I led the migration of report {i} to the new warehouse and cut the run "
        f"time by {i % 60 + 5}% while keeping {i % 7 + 2} teams informed every week."
        for i in range(1000)
    ]
    start = time.perf_counter()
    embedder.embed(texts)
    thousand_s = time.perf_counter() - start
    rows.append(
        Row(
            "semantic",
            "embed 1,000 stored texts",
            f"{thousand_s:.1f} s",
            "< 10 s",
            thousand_s < 10,
        )
    )
    added = _rss_mb() - before
    rows.append(
        Row("semantic", "memory added by the model", f"{added:.0f} MB", "< 300 MB", added < 300)
    )
    help_s = _help_seconds()
    rows.append(
        Row(
            "semantic",
            "nextround --help with the extra installed",
            f"{help_s * 1000:.0f} ms",
            "< 300 ms",
            help_s < 0.3,
        )
    )
    if os.environ.get("NEXTROUND_BENCH_TORCH"):
        rows.extend(_torch_rows(texts))
    return rows


def _torch_rows(texts: list[str]) -> list[Row]:
    """The full-precision backend, for the comparison in docs/semantic.md (slow to load)."""
    from nextround.coach import semantic

    before = _rss_mb()
    start = time.perf_counter()
    full = semantic.load_embedder("torch")
    load_s = time.perf_counter() - start
    start = time.perf_counter()
    full_vectors = full.embed(texts)
    thousand_s = time.perf_counter() - start
    int8 = semantic.load_embedder("onnx").embed(texts[:200])
    agreement = min(semantic.cosine(a, b) for a, b in zip(int8, full_vectors, strict=False))
    return [
        Row("semantic/torch", "load the fp32 model", f"{load_s:.2f} s"),
        Row("semantic/torch", "embed 1,000 stored texts", f"{thousand_s:.1f} s"),
        Row("semantic/torch", "memory added", f"{_rss_mb() - before:.0f} MB"),
        Row("semantic/torch", "lowest cosine int8 vs fp32 (200 texts)", f"{agreement:.4f}"),
    ]
