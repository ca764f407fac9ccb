"""How well the job's field is detected, on the labelled sets in eval/fields/, and how fast."""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path

from bench.common import Row, median, timed
from nextround.coach.fields import FieldGuess, detect_field

EVAL = Path(__file__).resolve().parents[1] / "eval"
# The sets and what each is (eval/fields/README.md): written before the cues, the full job
# descriptions read as an upload is read, and the set written after the cues and run once.
SETS = ("roles.jsonl", "job_descriptions.jsonl", "after_cues.jsonl")
# Wrong is worse than None: a None shows general questions, a wrong field another field's.
WRONG_TARGET = 0.05
RIGHT_TARGET = 0.85
SPEED_TARGET_MS = 2.0


@dataclass(frozen=True)
class Case:
    role: str
    job_description: str
    field: str | None
    also: tuple[str, ...]


def cases(name: str) -> list[Case]:
    out = []
    for line in (EVAL / "fields" / name).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        item = json.loads(line)
        description = item.get("job_description", "")
        if "file" in item:
            description = (EVAL / "job_descriptions" / item["file"]).read_text(encoding="utf-8")
        out.append(Case(item["role"], description, item["field"], tuple(item.get("also", ()))))
    return out


def outcome(case: Case, guess: FieldGuess) -> str:
    """right, none (nothing detected where a field was expected) or wrong."""
    if guess.field == case.field or guess.field in case.also:
        return "right"
    return "none" if guess.field is None else "wrong"


def score(name: str) -> tuple[int, int, int, int, list[str]]:
    """Cases, right, none and wrong, with a line for each case not right."""
    counts = {"right": 0, "none": 0, "wrong": 0}
    misses = []
    labelled = cases(name)
    for case in labelled:
        guess = detect_field(case.role, case.job_description)
        result = outcome(case, guess)
        counts[result] += 1
        if result != "right":
            misses.append(
                f"{result:5} {case.role!r}: expected {case.field}, got {guess.field} "
                f"({guess.confidence:.2f}; {', '.join(guess.evidence[:4])})"
            )
    return len(labelled), counts["right"], counts["none"], counts["wrong"], misses


def run() -> list[Row]:
    """Right, None and wrong on each set, and the time to detect a field from a full description."""
    rows = []
    for name in SETS:
        total, right, none, wrong, _ = score(name)
        where = f"{name.removesuffix('.jsonl')}, {total} cases"
        rows += [
            Row(
                "fields",
                f"right ({where})",
                f"{right / total:.1%}",
                f">= {RIGHT_TARGET:.0%}",
                right / total >= RIGHT_TARGET,
            ),
            Row("fields", f"None where a field was expected ({where})", f"{none / total:.1%}"),
            Row(
                "fields",
                f"wrong field ({where})",
                f"{wrong / total:.1%}",
                f"<= {WRONG_TARGET:.0%}",
                wrong / total <= WRONG_TARGET,
            ),
        ]
    full = cases("job_descriptions.jsonl")
    detect_field(full[0].role, full[0].job_description)  # loads the cues once
    times = timed(lambda: [detect_field(c.role, c.job_description) for c in full], 5)
    per_case = median(times) / len(full)
    rows.append(
        Row(
            "fields",
            "time to detect from a full job description (median)",
            f"{per_case:.2f} ms",
            f"< {SPEED_TARGET_MS:.0f} ms",
            per_case < SPEED_TARGET_MS,
        )
    )
    return rows


def main() -> int:
    """Print each set's score and the cases it gets wrong or leaves at None."""
    for name in sys.argv[1:] or SETS:
        total, right, none, wrong, misses = score(name)
        print(f"{name}: {total} cases, {right} right, {none} None, {wrong} wrong")
        for miss in misses:
            print("  " + miss)
    return 0


if __name__ == "__main__":
    sys.exit(main())
