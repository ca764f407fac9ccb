"""Whole cases, judged on what the candidate reads: `make eval` (and part of `make bench`).

Each case in eval/scenarios/{dev,heldout}/ is loaded through nextround's services into a fresh
database, as a user would enter it (the invite and emails imported, the job description read from
its file, the requirements extracted), and the brief, the evidence map, the practice questions
and the notes are scored against labels written apart from the code. Held-out cases are only
ever scored: `--details` prints each wrong line for development cases alone.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.common import Row

ROOT = Path(__file__).resolve().parent.parent / "eval" / "scenarios"
SPLITS = ("dev", "heldout")
PASTE_WORDS = 6  # a note that repeats six words in a row of a question or requirement pasted it

TARGETS = {
    "debrief": 1.0,
    "concern_recall": 0.95,
    "concern_precision": 0.9,
    "story_or_gap": 0.9,
    # When the brief says "your story X backs this", X is the one an expert would use.
    "story_named": 0.9,
    "top5_concerns": 0.95,
    "foreign": 0,
    "pasted": 0,
    "facts": 1.0,
}


@dataclass
class Score:
    """Counts over one or more cases; `wrong` holds the lines a reader would object to."""

    debrief_right: int = 0
    debrief_total: int = 0
    debrief_misled: int = 0  # put under reinforce or counter when the label says otherwise
    concerns_found: int = 0
    concerns_labelled: int = 0
    doubts_right: int = 0
    doubts_said: int = 0
    story_right: int = 0
    story_total: int = 0
    story_claimed: int = 0  # requirements the brief says a story backs
    story_claimed_right: int = 0
    story_offered: int = 0  # requirements where the brief says a story "might fit": check it
    story_offered_right: int = 0
    story_misnamed: int = 0  # rows that name a wrong story, as backing it or as one to check
    top5_right: int = 0
    top5_total: int = 0
    foreign: int = 0
    pasted: int = 0
    notes: int = 0
    facts_found: int = 0
    facts_total: int = 0
    field_right: int = 0
    field_none: int = 0
    cases: int = 0
    practice_whys_bad: int = 0
    wrong: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        for name, value in vars(other).items():
            if name == "wrong":
                self.wrong += value
            else:
                setattr(self, name, getattr(self, name) + value)


def _ratio(a: int, b: int) -> float:
    return a / b if b else 1.0


def _has(text: str, needles: list[str]) -> bool:
    low = text.lower()
    return any(n.lower() in low for n in needles)


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.lower())


def _pasted(note: str, sources: list[str]) -> str | None:
    body = " ".join(_words(note))
    for source in sources:
        w = _words(source)
        for i in range(len(w) - PASTE_WORDS + 1):
            window = " ".join(w[i : i + PASTE_WORDS])
            if f" {window} " in f" {body} ":
                return window
    return None


def _read(case_dir: Path, name: str) -> bytes:
    return (case_dir / name).read_bytes()


def load(user: Any, case_dir: Path) -> dict[str, Any]:
    """Enter a case through the services; returns the ids the scorer needs."""
    from nextround.services import documents, evidence_map, invites, profile
    from nextround.services import records as r
    from nextround.store import models as m

    case = json.loads((case_dir / "case.json").read_text(encoding="utf-8"))
    who = case.get("candidate") or {}
    profile.update(user, full_name=who.get("full_name", ""), email=who.get("email", ""))
    o = case["opportunity"]
    opp = r.opportunities.create(
        user,
        company=o["company"],
        role=o["role"],
        location=o.get("location", ""),
        consultant_name=o.get("consultant_name", ""),
        consultant_company=o.get("consultant_company", ""),
        job_description=o.get("job_description", "") or "",
        stage="interviewing",
    )
    if o.get("jd_file"):
        documents.attach_job_description(user, opp.pk, case_dir / o["jd_file"])
    question_ids: dict[str, int] = {}
    round_ids: list[int] = []
    for rd in case["rounds"]:
        values = {
            k: rd[k]
            for k in ("number", "timezone", "status", "format", "kind", "purpose", "location")
            if rd.get(k)
        }
        if rd.get("date"):
            values["scheduled_at"] = rd["date"]
        for k in ("impressed", "fell_flat"):
            if rd.get(k):
                values[k] = rd[k]
        if rd.get("invite_file"):
            result = invites.import_invite(
                user,
                opp.pk,
                _read(case_dir, rd["invite_file"]),
                name=rd["invite_file"],
                anyway=True,
            )
            round_ = result.round
            # What a user sets on the form after importing: why the round exists, its number.
            keep = {
                k: values[k]
                for k in ("number", "purpose", "status", "impressed", "fell_flat")
                if k in values
            }
            if keep:
                r.rounds.update(user, round_.pk, **keep)
        else:
            round_ = r.rounds.create(user, opp.pk, **values)
        round_ids.append(round_.pk)
        people = {
            p.name.lower(): p for p in m.Interviewer.objects.filter(owner=user, opportunity=opp)
        }
        for person in rd.get("interviewers", []):
            fields_ = {
                k: person[k]
                for k in ("title", "role", "seniority", "research_notes")
                if person.get(k)
            }
            known = people.get(person["name"].lower()) or next(
                (p for n, p in people.items() if n.split()[0] == person["name"].lower().split()[0]),
                None,
            )
            if known is None:
                known = r.interviewers.add_to_round(user, round_.pk, name=person["name"], **fields_)
                people[known.name.lower()] = known
            else:
                r.interviewers.update(user, known.pk, **fields_)
                r.interviewers.link(user, round_.pk, known.pk)
        for q in rd.get("questions", []):
            asked_by = people.get((q.get("interviewer") or "").lower())
            created = r.asked_questions.create(
                user,
                round_.pk,
                text=q["text"],
                answer_note=q.get("answer_note", ""),
                self_rating=q.get("self_rating"),
                reaction=q.get("reaction") or "unknown",
                interviewer_id=asked_by.pk if asked_by else None,
            )
            question_ids[q["id"]] = created.pk
        for f in [*rd.get("feedback", []), *rd.get("emails", [])]:
            if f.get("eml_file"):
                invites.import_email_file(
                    user, round_.pk, _read(case_dir, f["eml_file"]), f["eml_file"]
                )
            else:
                r.feedback.create(
                    user,
                    round_.pk,
                    source=f.get("source", "other"),
                    sender=f.get("sender", ""),
                    text=f["text"],
                )
    story_ids: dict[int, str] = {}
    for s in case["stories"]:
        created = r.stories.create(
            user,
            title=s["title"],
            situation=s.get("situation", ""),
            task=s.get("task", ""),
            action=s.get("action", ""),
            result=s.get("result", ""),
            skills=s.get("skills", []),
        )
        story_ids[created.pk] = s["id"]
    evidence_map.extract(user, opp.pk)
    return {
        "case": case,
        "opportunity": opp.pk,
        "rounds": round_ids,
        "questions": question_ids,
        "stories": story_ids,
    }


def score_case(user: Any, loaded: dict[str, Any]) -> Score:
    from nextround.coach.bank import load_bank
    from nextround.services import brief, fields, followups, practice
    from nextround.store import models as m

    case = loaded["case"]
    labels = case["labels"]
    cid = case["id"]
    sc = Score(cases=1)
    next_round = loaded["rounds"][-1]
    rnd = m.Round.objects.get(pk=next_round)
    today = (rnd.scheduled_at.date() - dt.timedelta(days=5)) if rnd.scheduled_at else None
    view = brief.build(user, next_round, today)
    data = view.data
    text = brief.render(view, "md").decode("utf-8")

    # Debrief: every labelled question in the right list, and no other in either.
    ids = loaded["questions"]
    by_text = {m.AskedQuestion.objects.get(pk=pk).text: key for key, pk in ids.items()}
    said = {by_text.get(p["question"]): "reinforce" for p in data["reinforce"]}
    said |= {by_text.get(p["question"]): "counter" for p in data["counter"]}
    want = dict.fromkeys(labels.get("reinforce", []), "reinforce")
    want |= dict.fromkeys(labels.get("counter", []), "counter")
    for key in ids:
        sc.debrief_total += 1
        if said.get(key) == want.get(key):
            sc.debrief_right += 1
        else:
            if said.get(key):
                # Told to build on an answer that should be countered or left alone, or to
                # counter one that went well: the wrong lines a candidate acts on.
                sc.debrief_misled += 1
            sc.wrong.append(
                f"{cid}: {key} put under {said.get(key) or 'neither'}, "
                f"should be {want.get(key) or 'neither'}"
            )

    # Concerns: each labelled one said somewhere as a doubt; each doubt about a labelled one.
    doubts = [f"{d['label']} {d['quote']}" for d in data["doubts"]]
    top5 = " ".join(f"{q['text']} {q['why']}" for q in data["likely_questions"] if q["rehearse"])
    for concern in labels.get("concerns", []):
        sc.concerns_labelled += 1
        sc.top5_total += 1
        if any(_has(d, concern["match_any"]) for d in doubts):
            sc.concerns_found += 1
        else:
            sc.wrong.append(f"{cid}: concern missed: {concern['summary']}")
        if _has(top5, concern["match_any"]):
            sc.top5_right += 1
        else:
            sc.wrong.append(f"{cid}: concern not in the five to rehearse: {concern['summary']}")
    for d in doubts:
        sc.doubts_said += 1
        if any(_has(d, c["match_any"]) for c in labels.get("concerns", [])):
            sc.doubts_right += 1
        else:
            sc.wrong.append(f"{cid}: doubt that is not one: {d}")

    # Story or gap for each requirement.
    rows = data["evidence"]["rows"]
    for req in labels.get("requirements", []):
        sc.story_total += 1
        row = next((x for x in rows if _has(x["requirement"], req["match_any"])), None)
        if row is None:
            sc.wrong.append(f"{cid}: requirement not read: {req['text']}")
            continue
        best = row["stories"][0]["id"] if row["stories"] else None
        got = loaded["stories"].get(best) if best is not None else None
        if got is not None:
            sc.story_claimed += 1
            sc.story_claimed_right += int(got == req["story"])
            sc.story_misnamed += int(got != req["story"])
        offered = row.get("might_fit") or []
        if got is None and offered:
            # What the candidate reads is "Might fit: X, check it": right when X is the story
            # an expert would use, and a wrong lead when the label says a gap or another story.
            hint = loaded["stories"].get(offered[0]["id"])
            sc.story_offered += 1
            sc.story_offered_right += int(hint == req["story"])
            sc.story_misnamed += int(hint != req["story"])
            if hint != req["story"]:
                sc.wrong.append(
                    f"{cid}: {req['text']!r} offered {hint} to check, "
                    f"should be {req['story'] or 'a gap'}"
                )
        if got == req["story"]:
            sc.story_right += 1
        else:
            sc.wrong.append(
                f"{cid}: {req['text']!r} backed by {got or 'a gap'}, "
                f"should be {req['story'] or 'a gap'}"
            )

    # Another field's questions, in the brief and in practice.
    field_of = {q.text: q.fields for q in load_bank()}
    guess = fields.field_of(m.Opportunity.objects.get(pk=loaded["opportunity"]))
    # A label names a field or a family of them: "engineering" takes in civil and structural
    # engineering, which nextround reads as a field of its own.
    family = FIELD_FAMILIES.get(labels["field"], {labels["field"]})
    sc.field_right += int(guess.field in family)
    sc.field_none += int(guess.field is None)
    if guess.field is not None and guess.field not in family:
        sc.wrong.append(f"{cid}: field read as {guess.field}, is {labels['field']}")
    picks = practice.questions_for_round(user, next_round, count=8)
    asked = [q["text"] for q in data["likely_questions"]] + [p.text for p in picks]
    for q in asked:
        tags = field_of.get(q, ())
        if tags and not family & set(tags):
            sc.foreign += 1
            sc.wrong.append(f"{cid}: another field's question: {q}")
    for p in picks:
        if re.search(r"[“\"'](?:hi|hello|dear)\b", p.why, re.I) or len(p.why) > 200:
            sc.practice_whys_bad += 1
            sc.wrong.append(f"{cid}: practice why not a plain sentence: {p.why}")

    # Notes for the last round done: nothing pasted, never one to the candidate.
    done = loaded["rounds"][-2] if len(loaded["rounds"]) > 1 else None
    bodies: list[str] = []
    if done is not None:
        for kind in ("thank-you", "consultant"):
            try:
                bodies += [f.body for f in followups.draft(user, done, kind)]
            except Exception as exc:  # a kind a case cannot have (no consultant) says why
                if kind == "thank-you":
                    sc.wrong.append(f"{cid}: no thank-you notes: {exc}")
    sources = [q.text for q in m.AskedQuestion.objects.filter(owner=user)]
    sources += [q.text for q in m.Requirement.objects.filter(owner=user)]
    for body in bodies:
        sc.notes += 1
        hit = _pasted(body, sources)
        if hit:
            sc.pasted += 1
            sc.wrong.append(f"{cid}: note pastes “{hit}”")
    me = (case.get("candidate") or {}).get("full_name", "")
    if me and any(
        body.lower().startswith(("dear " + me.split()[0].lower(), "hi " + me.split()[0].lower()))
        for body in bodies
    ):
        sc.wrong.append(f"{cid}: a note to the candidate herself")
        sc.pasted += 1

    # Facts that must appear and strings that must not.
    for fact in labels.get("must_appear", []):
        sc.facts_total += 1
        if _has(text, fact["match_any"]):
            sc.facts_found += 1
        else:
            sc.wrong.append(f"{cid}: fact missing: {fact['fact']}")
    everything = text + "\n".join(bodies) + "\n".join(p.text for p in picks)
    for bad in labels.get("must_not_appear", []):
        if bad.lower() in everything.lower():
            sc.foreign += 1
            sc.wrong.append(f"{cid}: must not appear: {bad!r}")
    return sc


FIELD_FAMILIES = {"engineering": {"engineering", "civil-structural"}}


def score_split(split: str) -> Score:
    """Every case of one split, each in a database of its own user."""
    from django.contrib.auth import get_user_model

    total = Score()
    folder = ROOT / split
    for n, case_dir in enumerate(sorted(p for p in folder.iterdir() if (p / "case.json").exists())):
        user = get_user_model().objects.create(username=f"eval-{split}-{n}-{os.getpid()}")
        try:
            loaded = load(user, case_dir)
            total.add(score_case(user, loaded))
        except Exception as exc:  # one broken case must not hide the others
            total.cases += 1
            total.wrong.append(f"{case_dir.name}: could not be run: {type(exc).__name__}: {exc}")
    return total


def _setup() -> None:
    os.environ.setdefault("NEXTROUND_DATA_DIR", tempfile.mkdtemp(prefix="nextround-eval-"))
    os.environ.setdefault("NEXTROUND_LOG_LEVEL", "WARNING")
    from nextround import bootstrap

    bootstrap.setup()


def rows(scores: dict[str, Score]) -> list[Row]:
    d, h = scores["dev"], scores["heldout"]

    def pair(fn: Any, fmt: str = "{:.2f}") -> str:
        return f"{fmt.format(fn(d))} | {fmt.format(fn(h))}"

    def row(measure: str, fn: Any, target: float, higher: bool = True, fmt: str = "{:.2f}") -> Row:
        value = fn(h)
        ok = value >= target if higher else value <= target
        sign = ">=" if higher else "<="
        return Row(
            "scenarios", measure + " (dev | held-out)", pair(fn, fmt), f"{sign} {target:g}", ok
        )

    return [
        Row("scenarios", "cases (dev | held-out)", f"{d.cases} | {h.cases}"),
        row(
            "reinforce/counter right",
            lambda s: _ratio(s.debrief_right, s.debrief_total),
            TARGETS["debrief"],
        ),
        row(
            "answers put under the wrong list (reinforce or counter when not)",
            lambda s: s.debrief_misled,
            0,
            higher=False,
            fmt="{:d}",
        ),
        row(
            "concern recall",
            lambda s: _ratio(s.concerns_found, s.concerns_labelled),
            TARGETS["concern_recall"],
        ),
        row(
            "concern precision",
            lambda s: _ratio(s.doubts_right, s.doubts_said),
            TARGETS["concern_precision"],
        ),
        row(
            "story or gap right per requirement",
            lambda s: _ratio(s.story_right, s.story_total),
            TARGETS["story_or_gap"],
        ),
        row(
            "a story named as backing is the right one",
            lambda s: _ratio(s.story_claimed_right, s.story_claimed),
            TARGETS["story_named"],
        ),
        row(
            "a story offered to check ('might fit') is the right one",
            lambda s: _ratio(s.story_offered_right, s.story_offered),
            TARGETS["story_named"],
        ),
        row(
            "requirements that name a wrong story (backing it or to check)",
            lambda s: _ratio(s.story_misnamed, s.story_total),
            0.05,
            higher=False,
        ),
        row(
            "top five cover every concern",
            lambda s: _ratio(s.top5_right, s.top5_total),
            TARGETS["top5_concerns"],
        ),
        row("another field's questions or banned strings", lambda s: s.foreign, 0, False, "{:d}"),
        row("notes that paste a question or requirement", lambda s: s.pasted, 0, False, "{:d}"),
        row(
            "logistics facts given that appear",
            lambda s: _ratio(s.facts_found, s.facts_total),
            TARGETS["facts"],
        ),
        row(
            "practice whys that are not plain sentences",
            lambda s: s.practice_whys_bad,
            0,
            False,
            "{:d}",
        ),
        Row(
            "scenarios",
            "field right / unsure (dev | held-out)",
            f"{d.field_right}/{d.field_none} of {d.cases} | "
            f"{h.field_right}/{h.field_none} of {h.cases}",
        ),
        Row("scenarios", "notes judged (dev | held-out)", f"{d.notes} | {h.notes}"),
    ]


def run() -> list[Row]:
    _setup()
    return rows({split: score_split(split) for split in SPLITS})


def main(argv: list[str]) -> int:
    from bench.run import print_table

    _setup()
    scores = {split: score_split(split) for split in SPLITS}
    print_table(rows(scores))
    if "--details" in argv:
        # Only development cases are ever read line by line.
        print("\nWrong lines in development cases:")
        for line in scores["dev"].wrong:
            print(" -", line)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
