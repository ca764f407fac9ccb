"""How well and how fast questions are classified, measured on the held-out eval set."""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

from bench.common import Row, median, p95, timed
from nextround.coach.bank import QUESTION_TYPES, load_bank, load_phrasings
from nextround.coach.classify import (
    classify_question,
    classify_with,
    train_word_model,
    training_examples,
)

# Written before the last round of tuning by someone who saw neither the classifier nor its
# training questions; nothing is tuned on it (see docs/question-bank.md, "Eval runs").
EVAL_FILE = Path(__file__).resolve().parents[1] / "eval" / "question_types_holdout.jsonl"
TYPE_TARGET = 0.90
SPEED_TARGET_MS = 1.0
FOLDS = 5
# An eval question sharing this share of its words with a training question is a near-copy:
# stock questions ("Sell me this pen.") turn up in both, and would measure memory, not reading.
NEAR_COPY = 0.8

Labelled = tuple[str, str, tuple[str, ...]]


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z0-9']+", text.lower()))


def eval_rows(path: Path = EVAL_FILE) -> list[Labelled]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        out.append((item["text"], item["type"], tuple(item["competencies"])))
    return out


def novel_rows(rows: list[Labelled]) -> list[Labelled]:
    """The eval questions that are not near-copies of any question the word model learns from."""
    training = [_words(text) for text, _ in training_examples()]

    def is_novel(text: str) -> bool:
        mine = _words(text)
        return all(len(mine & theirs) < NEAR_COPY * len(mine) for theirs in training)

    return [row for row in rows if is_novel(row[0])]


def cross_validate(verbose: bool = False) -> float:
    """Type accuracy on the packaged phrasings, each fold classified by a word model trained on
    the bank and the other folds. Optimistic: the cues were written while reading these."""
    bank = [(q.text, q.type) for q in load_bank()]
    phrasings = [(p.text, p.type) for p in load_phrasings()]
    right = 0
    for fold in range(FOLDS):
        held = [p for i, p in enumerate(phrasings) if i % FOLDS == fold]
        train = [p for i, p in enumerate(phrasings) if i % FOLDS != fold]
        model = train_word_model(bank + train)
        for text, expected in held:
            got = classify_with(model, text).type
            right += got == expected
            if verbose and got != expected:
                print(f"{expected:14} -> {got:14} {text}")
    return right / len(phrasings)


def run() -> list[Row]:
    """Type accuracy, competency precision and recall, accuracy per type, and speed."""
    every = eval_rows()
    every_right = sum(classify_question(text).type == expected for text, expected, _ in every)
    rows = novel_rows(every)
    right: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    true_pos = predicted = actual = 0
    for text, expected, competencies in rows:
        result = classify_question(text)
        seen[expected] += 1
        right[expected] += result.type == expected
        true_pos += len(set(result.competencies) & set(competencies))
        predicted += len(result.competencies)
        actual += len(competencies)
    accuracy = sum(right.values()) / len(rows)
    precision = true_pos / predicted if predicted else 0.0
    recall = true_pos / actual if actual else 0.0

    texts = [text for text, _, _ in rows]
    times = timed(lambda: [classify_question(t) for t in texts], repeat=20)
    per_question = [t / len(texts) for t in times]
    speed = median(per_question)

    out = [
        Row(
            "classify",
            f"type accuracy on {len(rows)} held-out questions unlike training",
            f"{accuracy:.1%}",
            f">= {TYPE_TARGET:.0%}",
            accuracy >= TYPE_TARGET,
        ),
        Row(
            "classify",
            f"type accuracy on all {len(every)} held-out questions",
            f"{every_right / len(every):.1%}",
        ),
        Row("classify", "competency precision (held-out)", f"{precision:.1%}"),
        Row("classify", "competency recall (held-out)", f"{recall:.1%}"),
    ]
    out += [
        Row("classify", f"held-out accuracy: {qtype}", f"{right[qtype]}/{seen[qtype]}")
        for qtype in QUESTION_TYPES
    ]
    out += [
        Row(
            "classify",
            f"{FOLDS}-fold type accuracy on {len(load_phrasings())} phrasings (tuned on)",
            f"{cross_validate():.1%}",
        ),
        Row(
            "classify",
            "time per question (median of 20 runs)",
            f"{speed:.3f} ms",
            f"< {SPEED_TARGET_MS:g} ms",
            speed < SPEED_TARGET_MS,
        ),
        Row("classify", "time per question (p95 run)", f"{p95(per_question):.3f} ms"),
    ]
    return out


if __name__ == "__main__":
    if "--cross-validate" in sys.argv:
        # Lists the misclassified phrasings: for tuning, which never reads the eval set.
        print(f"{cross_validate(verbose=True):.1%}")
    else:
        for row in run():
            flag = "" if row.ok is None else ("ok" if row.ok else "MISSED")
            print(f"{row.area:8} {row.measure:48} {row.value:>10} {row.target:>8} {flag}")
