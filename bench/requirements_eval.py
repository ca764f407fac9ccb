"""Score requirement and duty extraction against the labelled job descriptions in eval/.

python -m bench.requirements_eval            # every set, a table of figures
python -m bench.requirements_eval --misses   # and what each file missed or added (not held-out)
python -m bench.requirements_eval --at REV   # the extractor as it was at a git revision

The last line scores the development interview scenarios (eval/scenarios/dev) by their labels'
`match_any` words; the held-out scenarios are not read.
"""

from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from nextround.coach.requirements import extract_requirements
from nextround.coach.text import stem
from nextround.formats.documents import read_document, read_path

ROOT = Path(__file__).resolve().parents[1]
EVAL_DIR = ROOT / "eval" / "job_descriptions"
HELD_OUT_DIR = EVAL_DIR / "heldout"
# Job descriptions labelled with duties apart from requirements (see its README.md).
SPLIT_DEV_DIR = EVAL_DIR / "split" / "dev"
SPLIT_HELD_OUT_DIR = EVAL_DIR / "split" / "heldout"
# Whole interview scenarios; only the development ones are read here (never eval/scenarios/heldout).
SCENARIO_DEV_DIR = ROOT / "eval" / "scenarios" / "dev"
SUFFIXES = (".md", ".txt", ".html")
# A found item matches a labelled one when they share this share of their words (the larger of
# the two word sets as denominator, so a fragment does not match a whole bullet), or when it is a
# part of the labelled item's own words holding at least this share of them.
MATCH_OVERLAP = 0.6
MIN_PART_SHARE = 0.4
# A part (of a label) of fewer words than this neither matches nor counts as correct.
MIN_PART_WORDS = 2


class _Item(Protocol):
    @property
    def text(self) -> str: ...


@dataclass
class Score:
    found: int = 0
    labelled: int = 0
    matched: int = 0
    correct: int = 0  # found items that are a labelled item or a part of one
    kind_right: int = 0
    terms_found: int = 0
    terms_labelled: int = 0
    terms_matched: int = 0
    misses: list[str] = field(default_factory=list)
    extras: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        for name in ("found", "labelled", "matched", "correct", "kind_right"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for name in ("terms_found", "terms_labelled", "terms_matched"):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @property
    def precision(self) -> float:
        return self.correct / self.found if self.found else 0.0

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


def _part_share(part: str, whole: str) -> float:
    """The share of a labelled item's words that a found part of it holds (0 if not a part)."""
    if " ".join(part.split()).lower() not in " ".join(whole.split()).lower():
        return 0.0
    wp, ww = _words(part), _words(whole)
    return len(wp & ww) / len(ww) if ww else 0.0


def _closeness(found: str, label: str, min_share: float = MIN_PART_SHARE) -> float:
    """How well a found item stands for a label: word overlap, or its share as a part; else 0."""
    overlap = _overlap(found, label)
    if overlap >= MATCH_OVERLAP:
        return overlap
    share = _part_share(found, label)
    return share if share >= min_share and len(_words(found)) >= MIN_PART_WORDS else 0.0


def load_set(folder: Path = EVAL_DIR) -> list[tuple[str, str, dict[str, Any]]]:
    """(name, job description as the app reads it, labels) for every labelled file in a folder."""
    items = []
    for path in sorted(p for p in folder.iterdir() if p.suffix in SUFFIXES):
        if path.name == "README.md":
            continue
        labels = json.loads(path.with_suffix(".labels.json").read_text(encoding="utf-8"))
        text = read_document(path.read_bytes(), path.name).text
        items.append((path.stem, text, labels))
    return items


def _match(
    found: Sequence[_Item], wanted: list[dict[str, Any]], ignored: list[str], score: Score
) -> list[tuple[_Item, dict[str, Any]]]:
    """One-to-one matches; parts of an already matched label count as correct, not as extras."""
    free = list(range(len(wanted)))
    pairs = []
    for item in found:
        if any(_closeness(item.text, t, 0.0) for t in ignored):
            score.found -= 1
            continue
        best, best_index = 0.0, -1
        for index in free:
            value = _closeness(item.text, wanted[index]["text"])
            if value > best:
                best, best_index = value, index
        if best_index >= 0:
            free.remove(best_index)
            score.matched += 1
            score.correct += 1
            pairs.append((item, wanted[best_index]))
        elif any(_closeness(item.text, w["text"], 0.0) for w in wanted):
            score.correct += 1
        else:
            score.extras.append(item.text)
    score.misses = [wanted[i]["text"] for i in free]
    return pairs


def _duties(extraction: Any) -> Sequence[_Item]:
    return tuple(getattr(extraction, "duties", ()))


def score_one(
    text: str, labels: dict[str, Any], extract: Callable[[str], Any] = extract_requirements
) -> tuple[Score, Score | None]:
    """Requirements (with the duties too when the labels do not tell them apart), and duties."""
    extraction = extract(text)
    ignored = [e["text"] for e in labels.get("either", ())]
    split = "duties" in labels
    found: list[Any] = list(extraction.requirements)
    if not split:
        # The first labelled set counts duties among requirements: score both against it.
        found += list(_duties(extraction))
    wanted = list(labels["requirements"])
    requirements = Score(found=len(found), labelled=len(wanted))
    for item, label in _match(found, wanted, ignored, requirements):
        requirements.kind_right += getattr(item, "kind", "must") == label["kind"]
    if labels.get("key_terms"):
        terms = {t.lower() for t in labels["key_terms"]}
        got = {t.lower() for t in extraction.key_terms}
        requirements.terms_found, requirements.terms_labelled = len(got), len(terms)
        requirements.terms_matched = len(got & terms)
    if not split:
        return requirements, None
    found_duties = _duties(extraction)
    duties = Score(found=len(found_duties), labelled=len(labels["duties"]))
    _match(found_duties, list(labels["duties"]), ignored, duties)
    return requirements, duties


def score_all(
    folder: Path = EVAL_DIR, extract: Callable[[str], Any] = extract_requirements
) -> tuple[Score, dict[str, Score], dict[str, Score]]:
    """Requirements overall, per field and per file."""
    overall = Score()
    by_field: dict[str, Score] = {}
    by_file: dict[str, Score] = {}
    for name, text, labels in load_set(folder):
        one, _ = score_one(text, labels, extract)
        by_file[name] = one
        overall.add(one)
        by_field.setdefault(str(labels["field"]), Score()).add(one)
    return overall, by_field, by_file


def score_split(
    folder: Path, extract: Callable[[str], Any] = extract_requirements
) -> tuple[Score, Score, dict[str, tuple[Score, Score]]]:
    """Requirements and duties, overall and per file, on a set labelled with duties."""
    requirements, duties = Score(), Score()
    by_file: dict[str, tuple[Score, Score]] = {}
    for name, text, labels in load_set(folder):
        one, other = score_one(text, labels, extract)
        assert other is not None, f"{name}: labels have no 'duties'"
        requirements.add(one)
        duties.add(other)
        by_file[name] = (one, other)
    return requirements, duties, by_file


def extractor_at(revision: str) -> Callable[[str], Any]:
    """extract_requirements as the file was at a git revision (to measure 'before')."""
    source = subprocess.run(
        ["git", "show", f"{revision}:src/nextround/coach/requirements.py"],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    path = Path(tempfile.mkdtemp()) / "requirements_at.py"
    path.write_text(source, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("requirements_at", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    # The old module reads its data file through importlib.resources of the live package.
    module.__package__ = "nextround.coach"
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module.extract_requirements  # type: ignore[no-any-return]


def scenario_recall(
    folder: Path = SCENARIO_DEV_DIR, extract: Callable[[str], Any] = extract_requirements
) -> tuple[int, int, list[str]]:
    """(labels found, labels, misses): a scenario's requirement label is found when one of its
    `match_any` words is in an extracted requirement or duty of the job description the app
    stores (the pasted text, or the attached file as read)."""
    found = labelled = 0
    misses = []
    for case in sorted(p for p in folder.iterdir() if (p / "case.json").is_file()):
        data = json.loads((case / "case.json").read_text(encoding="utf-8"))
        opportunity = data["opportunity"]
        if opportunity.get("jd_file"):
            text = read_path(case / opportunity["jd_file"]).text
        else:
            text = opportunity.get("job_description", "")
        extraction = extract(text)
        items = [x.text.lower() for x in (*extraction.requirements, *_duties(extraction))]
        for label in data["labels"].get("requirements", ()):
            labelled += 1
            if any(word.lower() in item for item in items for word in label["match_any"]):
                found += 1
            else:
                misses.append(f"{case.name}: {label['text']}")
    return found, labelled, misses


def _row(name: str, s: Score, d: Score | None) -> str:
    duties = f"{d.precision:.2f} | {d.recall:.2f}" if d else "– | –"
    return (
        f"| {name} | {s.labelled} | {s.precision:.2f} | {s.recall:.2f} | {s.kind_accuracy:.2f} "
        f"| {d.labelled if d else '–'} | {duties} |"
    )


def main(argv: list[str]) -> None:
    extract = extract_requirements
    if "--at" in argv:
        extract = extractor_at(argv[argv.index("--at") + 1])
    misses = "--misses" in argv
    print(
        "| set | requirements labelled | P | R | must/nice right | duties labelled | duties P "
        "| duties R |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for name, folder in (("first set (20)", EVAL_DIR), ("first held-out (8)", HELD_OUT_DIR)):
        total, _, files = score_all(folder, extract)
        print(_row(name + ", duties counted as requirements", total, None))
        if misses and folder == EVAL_DIR:
            _print_misses({k: (v, None) for k, v in files.items()})
    split_sets = (("split dev (6)", SPLIT_DEV_DIR), ("split held-out (6)", SPLIT_HELD_OUT_DIR))
    for name, folder in split_sets:
        reqs, duties, by_file = score_split(folder, extract)
        print(_row(name, reqs, duties))
        if misses and folder == SPLIT_DEV_DIR:
            _print_misses(by_file)
    if SCENARIO_DEV_DIR.is_dir():
        hits, labelled, missed = scenario_recall(SCENARIO_DEV_DIR, extract)
        recall = hits / labelled if labelled else 0.0
        print(
            f"\ndev scenarios: {hits} of {labelled} requirement labels found (recall {recall:.2f})"
        )
        for miss in missed if misses else ():
            print(f"   missed: {miss}")


def _print_misses(files: dict[str, tuple[Score, Score | None]]) -> None:
    for name, (s, d) in files.items():
        for label, score in (("requirement", s), ("duty", d)):
            if score is None:
                continue
            for miss in score.misses:
                print(f"   {name}: {label} missed: {miss}")
            for extra in score.extras:
                print(f"   {name}: {label} extra: {extra}")


if __name__ == "__main__":
    main(sys.argv[1:])
