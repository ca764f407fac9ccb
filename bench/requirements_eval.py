"""Score requirement extraction against the labelled job descriptions in eval/job_descriptions."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from nextround.coach.requirements import extract_requirements
from nextround.coach.text import stem

EVAL_DIR = Path(__file__).resolve().parents[1] / "eval" / "job_descriptions"
# A found requirement matches a labelled one when they share this share of their words
# (the larger of the two word sets as denominator, so a fragment does not match a whole bullet).
MATCH_OVERLAP = 0.6


@dataclass
class Score:
    found: int = 0
    labelled: int = 0
    matched: int = 0
    kind_right: int = 0
    terms_found: int = 0
    terms_labelled: int = 0
    terms_matched: int = 0
    misses: list[str] = field(default_factory=list)
    extras: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        for name in ("found", "labelled", "matched", "kind_right"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for name in ("terms_found", "terms_labelled", "terms_matched"):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @property
    def precision(self) -> float:
        return self.matched / self.found if self.found else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.labelled if self.labelled else 0.0

    @property
    def kind_accuracy(self) -> float:
        return self.kind_right / self.matched if self.matched else 0.0

    @property
    def term_precision(self) -> float:
        return self.terms_matched / self.terms_found if self.terms_found else 0.0

    @property
    def term_recall(self) -> float:
        return self.terms_matched / self.terms_labelled if self.terms_labelled else 0.0


def _words(text: str) -> set[str]:
    return {stem(w) for w in re.findall(r"[\w+#&]+", text.lower()) if len(w) > 1}


def _overlap(a: str, b: str) -> float:
    wa, wb = _words(a), _words(b)
    if not wa or not wb:
        return 0.0
    return len(wa & wb) / max(len(wa), len(wb))


HELD_OUT_DIR = EVAL_DIR / "heldout"


def load_set(folder: Path = EVAL_DIR) -> list[tuple[str, str, dict[str, object]]]:
    """(name, job description, labels) for every labelled job description in a folder."""
    items = []
    for path in sorted(folder.glob("*.md")):
        if path.name == "README.md":
            continue
        labels = json.loads(path.with_suffix(".labels.json").read_text(encoding="utf-8"))
        items.append((path.stem, path.read_text(encoding="utf-8"), labels))
    return items


def score_one(text: str, labels: dict[str, object]) -> Score:
    extraction = extract_requirements(text)
    wanted = list(labels["requirements"])  # type: ignore[call-overload]
    score = Score(found=len(extraction.requirements), labelled=len(wanted))
    free = list(range(len(wanted)))
    for found in extraction.requirements:
        best, best_index = 0.0, -1
        for index in free:
            value = _overlap(found.text, wanted[index]["text"])
            if value > best:
                best, best_index = value, index
        if best >= MATCH_OVERLAP:
            free.remove(best_index)
            score.matched += 1
            score.kind_right += found.kind == wanted[best_index]["kind"]
        else:
            score.extras.append(found.text)
    score.misses = [wanted[i]["text"] for i in free]
    terms = {t.lower() for t in labels["key_terms"]}  # type: ignore[attr-defined]
    got = {t.lower() for t in extraction.key_terms}
    score.terms_found, score.terms_labelled = len(got), len(terms)
    score.terms_matched = len(got & terms)
    return score


def score_all(folder: Path = EVAL_DIR) -> tuple[Score, dict[str, Score], dict[str, Score]]:
    """Overall, per field and per file."""
    overall = Score()
    by_field: dict[str, Score] = {}
    by_file: dict[str, Score] = {}
    for name, text, labels in load_set(folder):
        one = score_one(text, labels)
        by_file[name] = one
        overall.add(one)
        by_field.setdefault(str(labels["field"]), Score()).add(one)
    return overall, by_field, by_file


if __name__ == "__main__":
    import sys

    total, fields, files = score_all(HELD_OUT_DIR if "--held-out" in sys.argv else EVAL_DIR)
    for name, s in files.items():
        print(f"{name}: P {s.precision:.2f} R {s.recall:.2f} kind {s.kind_accuracy:.2f}")
        for miss in s.misses:
            print("   miss:", miss)
        for extra in s.extras:
            print("   extra:", extra)
    print(
        f"overall P {total.precision:.3f} R {total.recall:.3f} kind {total.kind_accuracy:.3f} "
        f"terms P {total.term_precision:.3f} R {total.term_recall:.3f}"
    )
