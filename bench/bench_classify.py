"""How well and how fast questions are classified, measured on the held-out eval set."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from bench.common import Row, median, p95, timed
from nextround.coach.bank import QUESTION_TYPES
from nextround.coach.classify import classify_question

EVAL_FILE = Path(__file__).resolve().parents[1] / "eval" / "question_types.jsonl"
# Written for tuning cues and weights; the eval file above stays untouched by tuning.
DEV_FILE = EVAL_FILE.with_name("dev_question_types.jsonl")
# Written before the second round of tuning, in varied real-world phrasings; tuned on since.
DEV2_FILE = EVAL_FILE.with_name("dev2_question_types.jsonl")
TYPE_TARGET = 0.90
SPEED_TARGET_MS = 1.0


def _rows(path: Path = EVAL_FILE) -> list[tuple[str, str, tuple[str, ...]]]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        out.append((item["text"], item["type"], tuple(item["competencies"])))
    return out


def run() -> list[Row]:
    """Type accuracy, competency precision and recall, accuracy per type, and speed."""
    rows = _rows()
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
    dev_rows = _rows(DEV_FILE)
    dev_right = sum(classify_question(text).type == qtype for text, qtype, _ in dev_rows)
    dev2_rows = _rows(DEV2_FILE)
    dev2_right = sum(classify_question(text).type == qtype for text, qtype, _ in dev2_rows)
    precision = true_pos / predicted if predicted else 0.0
    recall = true_pos / actual if actual else 0.0

    texts = [text for text, _, _ in rows]
    times = timed(lambda: [classify_question(t) for t in texts], repeat=20)
    per_question = [t / len(texts) for t in times]
    speed = median(per_question)

    out = [
        Row(
            "classify",
            f"type accuracy on {len(rows)} eval questions",
            f"{accuracy:.1%}",
            f">= {TYPE_TARGET:.0%}",
            accuracy >= TYPE_TARGET,
        ),
        Row(
            "classify",
            f"type accuracy on {len(dev_rows)} dev questions (tuned on)",
            f"{dev_right / len(dev_rows):.1%}",
        ),
        Row(
            "classify",
            f"type accuracy on {len(dev2_rows)} dev2 questions (tuned on)",
            f"{dev2_right / len(dev2_rows):.1%}",
        ),
        Row("classify", "competency precision", f"{precision:.1%}"),
        Row("classify", "competency recall", f"{recall:.1%}"),
    ]
    out += [
        Row("classify", f"accuracy: {qtype}", f"{right[qtype]}/{seen[qtype]}")
        for qtype in QUESTION_TYPES
    ]
    out += [
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
    for row in run():
        flag = "" if row.ok is None else ("ok" if row.ok else "MISSED")
        print(f"{row.area:8} {row.measure:48} {row.value:>10} {row.target:>8} {flag}")
