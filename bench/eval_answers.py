"""`make eval`: the answer feedback against an expert's ranked answers (eval/answers/)."""

from __future__ import annotations

import json
import os
import random
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.common import Row, median

EVAL_DIR = Path(__file__).resolve().parent.parent / "eval" / "answers"
PARTS = ("dev", "heldout")
# Kinds of answer that deserve no praise at all.
NO_PRAISE_KINDS = frozenset({"vague", "rambling", "off-topic", "empty"})
LAST_KINDS = frozenset({"off-topic", "empty"})
FLAGS = (
    "self-undermining",
    "hedging",
    "filler",
    "cliche",
    "no-result",
    "no-own-part",
    "no-example",
    "off-topic",
    "too-short",
    "too-long",
)

Analyser = Callable[[dict[str, Any], dict[str, Any]], Any]


@dataclass
class Tally:
    """What one part (dev or held-out) scored."""

    questions: int = 0
    answers: int = 0
    strong_first: int = 0
    last_ok: int = 0
    last_checked: int = 0
    taus: list[float] = field(default_factory=list)
    false_praise: int = 0
    praise_examples: list[str] = field(default_factory=list)
    flag_wanted: dict[str, int] = field(default_factory=dict)
    flag_found: dict[str, int] = field(default_factory=dict)
    flag_extra: dict[str, int] = field(default_factory=dict)
    off_topic_relevance: list[int] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)


def load(part: str) -> list[dict[str, Any]] | None:
    """The questions of one part, or None when its file is not there yet."""
    path = EVAL_DIR / f"{part}.jsonl"
    if not path.exists():
        return None
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            rows.append(json.loads(line))
        except json.JSONDecodeError as exc:
            raise ValueError(f"{path}:{number}: not JSON ({exc.msg})") from None
    return rows


def kendall_tau(expert_ranks: list[int], scores: list[float]) -> float:
    """Tau between the expert's order (1 best) and ours (higher score better); ties count 0."""
    n = len(scores)
    concordant = discordant = 0
    for i in range(n):
        for j in range(i + 1, n):
            want = expert_ranks[j] - expert_ranks[i]  # > 0: i is better
            got = scores[i] - scores[j]
            if got == 0:
                continue
            if (want > 0) == (got > 0):
                concordant += 1
            else:
                discordant += 1
    pairs = n * (n - 1) / 2
    return (concordant - discordant) / pairs if pairs else 1.0


def _overlaps(span: dict[str, int], start: int, end: int) -> bool:
    return span["start"] < end and start < span["end"]


def _analyser() -> Analyser:
    """Feedback as practice gives it: the question read by meaning, relevance by meaning."""
    os.environ.setdefault("NEXTROUND_DATA_DIR", tempfile.mkdtemp(prefix="nextround-eval-"))
    os.environ.setdefault("NEXTROUND_LOG_LEVEL", "WARNING")
    from nextround import bootstrap

    bootstrap.setup()
    from nextround.services import practice

    def analyse(item: dict[str, Any], answer: dict[str, Any]) -> Any:
        return practice.analyse_text(
            item["question"],
            answer["text"],
            requirements=tuple(item.get("requirements", ())),
            terms=tuple(item.get("key_terms", ())),
        )

    return analyse


def score_part(items: list[dict[str, Any]], analyse: Analyser) -> Tally:
    """Run the feedback over every answer of one part and tally agreement with the expert."""
    tally = Tally()
    for item in items:
        answers = item["answers"]
        results = [analyse(item, answer) for answer in answers]
        scores = [float(r.overall if r.overall is not None else -1) for r in results]
        ranks = [int(a["rank"]) for a in answers]
        tally.questions += 1
        tally.answers += len(answers)
        best = ranks.index(min(ranks))
        if all(scores[best] > s for i, s in enumerate(scores) if i != best):
            tally.strong_first += 1
        else:
            tally.misses.append(f"{item['id']}: {answers[best]['id']} not first {scores}")
        last = [i for i, a in enumerate(answers) if a["kind"] in LAST_KINDS]
        if last:
            tally.last_checked += 1
            others = [scores[i] for i in range(len(answers)) if i not in last]
            if all(scores[i] < min(others, default=101) for i in last):
                tally.last_ok += 1
            else:
                tally.misses.append(f"{item['id']}: empty/off-topic not last {scores}")
        tally.taus.append(kendall_tau(ranks, scores))
        for answer, result in zip(answers, results, strict=True):
            text = answer["text"]
            codes = {i.code for i in result.insights if i.code}
            for flag in answer.get("flags", ()):
                tally.flag_wanted[flag] = tally.flag_wanted.get(flag, 0) + 1
                if flag in codes:
                    tally.flag_found[flag] = tally.flag_found.get(flag, 0) + 1
            for code in codes - set(answer.get("flags", ())):
                tally.flag_extra[code] = tally.flag_extra.get(code, 0) + 1
            if answer["kind"] == "off-topic":
                tally.off_topic_relevance.append(result.score("relevance") or 0)
            banned = []
            for phrase in answer.get("no_praise_spans", ()):
                at = text.find(phrase)
                if at >= 0:
                    banned.append((at, at + len(phrase)))
            for insight in result.insights:
                if insight.level != "good":
                    continue
                wrong = answer["kind"] in NO_PRAISE_KINDS or any(
                    _overlaps(span.to_dict(), start, end)
                    for span in insight.spans
                    for start, end in banned
                )
                if wrong:
                    tally.false_praise += 1
                    tally.praise_examples.append(
                        f"{item['id']}/{answer['id']} ({answer['kind']}): {insight.message}"
                    )
    return tally


def _timing(analyse: Analyser) -> float:
    """Median ms to analyse a fresh 300-word answer, relevance by meaning included."""
    from bench.bench_coach import _SENTENCES

    rng = random.Random(11)
    item = {"question": "Tell me about a time you recovered a project that was running late."}
    times = []
    for run in range(40):
        words: list[str] = []
        while len(words) < 300:
            words.extend(rng.choice(_SENTENCES).split())
        # A fresh text each time: no vector is served from memory.
        text = " ".join(words[:300]) + f" That was project {run}."
        start = time.perf_counter()
        analyse(item, {"text": text})
        times.append((time.perf_counter() - start) * 1000)
    return median(times[5:])


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f} %" if whole else "n/a"


def tallies() -> dict[str, Tally | None]:
    """Each part's tally (None where the file is missing)."""
    analyse = _analyser()
    out: dict[str, Tally | None] = {}
    for part in PARTS:
        items = load(part)
        out[part] = score_part(items, analyse) if items is not None else None
    return out


def run() -> list[Row]:
    """Dev and held-out side by side, one row per measure."""
    analyse = _analyser()
    found = {part: load(part) for part in PARTS}
    scored = {part: score_part(items, analyse) if items else None for part, items in found.items()}
    rows: list[Row] = []

    def row(
        measure: str,
        value: Callable[[Tally], str],
        target: str = "",
        ok: Callable[[Tally], bool] | None = None,
    ) -> None:
        cells = []
        held: bool | None = None
        for part in PARTS:
            tally = scored[part]
            cells.append(f"{part} {value(tally) if tally else 'missing'}")
            if part == "heldout" and tally is not None and ok is not None:
                held = ok(tally)
        rows.append(Row("answers", measure, " / ".join(cells), target, held))

    row("questions (answers)", lambda t: f"{t.questions} ({t.answers})")
    row(
        "strong answer first",
        lambda t: _pct(t.strong_first, t.questions),
        ">= 95 %",
        lambda t: t.strong_first >= 0.95 * t.questions,
    )
    row(
        "empty/off-topic last",
        lambda t: _pct(t.last_ok, t.last_checked),
        "100 %",
        lambda t: t.last_ok == t.last_checked,
    )
    row(
        "mean Kendall tau",
        lambda t: f"{sum(t.taus) / len(t.taus):.2f}" if t.taus else "n/a",
        ">= 0.80",
        lambda t: bool(t.taus) and sum(t.taus) / len(t.taus) >= 0.8,
    )
    row("false praise", lambda t: str(t.false_praise), "0", lambda t: t.false_praise == 0)
    row(
        "self-undermining flagged",
        lambda t: _pct(
            t.flag_found.get("self-undermining", 0), t.flag_wanted.get("self-undermining", 0)
        ),
        ">= 95 %",
        lambda t: (
            t.flag_found.get("self-undermining", 0)
            >= 0.95 * t.flag_wanted.get("self-undermining", 0)
        ),
    )
    for flag in FLAGS:
        if flag == "self-undermining":
            continue
        row(
            f"flag recall: {flag}",
            lambda t, f=flag: _pct(t.flag_found.get(f, 0), t.flag_wanted.get(f, 0)),
        )
    row(
        "off-topic relevance (max)",
        lambda t: str(max(t.off_topic_relevance, default=0)),
        "<= 25",
        lambda t: max(t.off_topic_relevance, default=0) <= 25,
    )
    ms = _timing(analyse)
    rows.append(
        Row(
            "answers",
            "analyse a 300-word answer, with meaning",
            f"{ms:.1f} ms",
            "<= 20 ms",
            ms <= 20,
        )
    )
    return rows


def main(argv: list[str]) -> int:
    """Print the table; `--misses dev` also lists where the dev part went wrong."""
    from bench.run import print_table

    if "--misses" in argv:
        analyse = _analyser()
        # Only the development part (or a file of one's own) is ever looked at in detail.
        at = argv.index("--misses")
        own = argv[at + 1] if len(argv) > at + 1 else ""
        if own and own != "dev":
            lines = Path(own).read_text(encoding="utf-8").splitlines()
            items = [json.loads(line) for line in lines if line.strip()]
        else:
            items = load("dev") or []
        tally = score_part(items, analyse)
        for line in tally.misses + tally.praise_examples:
            print(line)
        print(
            f"tau {sum(tally.taus) / max(1, len(tally.taus)):.2f}, strong first "
            f"{tally.strong_first}/{tally.questions}, last {tally.last_ok}/{tally.last_checked}, "
            f"off-topic relevance {tally.off_topic_relevance}"
        )
        wanted = tally.flag_wanted
        for flag in sorted(wanted):
            found, extra = tally.flag_found.get(flag, 0), tally.flag_extra.get(flag, 0)
            print(f"{flag}: {found}/{wanted[flag]}, extra {extra}")
        return 0
    rows = run()
    print_table(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
