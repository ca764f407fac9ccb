"""How fast the coach analyses a typed answer: one 300-word answer, and 1,000 varied ones."""

from __future__ import annotations

import random
import time

from bench.common import Row, median, p95, timed
from nextround.coach.analysis import AnswerContext, analyze_answer

QUESTION = "Tell me about a time you recovered a project that was running late."
CONTEXT = AnswerContext(
    job_terms=("stakeholder management", "SQL", "Python", "roadmap"),
    requirements=("Experience leading cross-functional delivery", "Strong data analysis"),
)
_SENTENCES = (
    "Last year our data platform migration at Northwind was three weeks behind plan.",
    "I was asked to bring it back on track before the quarter closed.",
    "I met each of the four team leads and mapped every blocker in Jira.",
    "Um, so, I think we basically split the work into weekly releases.",
    "I rewrote the riskiest SQL jobs in Python and ran them against 1,200 customer accounts.",
    "We held a short stand-up every morning and I reported progress to the sponsor on Fridays.",
    "I'm a team player and I always go the extra mile for the people around me.",
    "As a result we went live nine days early and cut nightly run time by 40%.",
    "I learned to raise risks earlier and to put a number on every delay.",
    "My manager asked me to write up the approach so other teams could reuse it.",
    "It was, like, a really good project with a really good team and really good results.",
    "We saved about £30k in contractor fees over the following two months.",
)
_QUESTIONS = (
    QUESTION,
    "How would you handle a stakeholder who keeps changing the requirements?",
    "Why do you want this role?",
    "What are your salary expectations?",
    "Explain how you would design a reporting pipeline.",
)


def _answer(words: int, rng: random.Random) -> str:
    out: list[str] = []
    count = 0
    while count < words:
        sentence = rng.choice(_SENTENCES)
        out.append(sentence)
        count += len(sentence.split())
    return " ".join(out)


def run() -> list[Row]:
    """Median time for a 300-word answer and total time for 1,000 varied answers."""
    rng = random.Random(7)
    answer = _answer(300, rng)
    analyze_answer(QUESTION, answer, CONTEXT)  # load word lists and compile patterns once
    times = timed(lambda: analyze_answer(QUESTION, answer, CONTEXT), repeat=300)
    one = median(times)

    varied = [(rng.choice(_QUESTIONS), _answer(rng.randint(5, 600), rng)) for _ in range(1000)]
    start = time.perf_counter()
    for question, text in varied:
        analyze_answer(question, text, CONTEXT)
    total = time.perf_counter() - start
    rows = [
        Row(
            "coach",
            "analyse a 300-word answer (median of 300)",
            f"{one:.1f} ms",
            "< 20 ms",
            one < 20,
        ),
        Row("coach", "analyse a 300-word answer (p95)", f"{p95(times):.1f} ms"),
        Row(
            "coach",
            "analyse 1,000 varied answers (5-600 words)",
            f"{total:.1f} s",
            "< 20 s",
            total < 20,
        ),
    ]
    with_meaning = _with_meaning()
    if with_meaning is not None:
        rows.append(
            Row(
                "coach",
                "analyse a 300-word answer, with meaning",
                f"{with_meaning:.1f} ms",
                "< 20 ms",
                with_meaning < 20,
            )
        )
    return rows


def _with_meaning() -> float | None:
    """Median ms as practice gives it (relevance by meaning), or None without the model."""
    from bench.eval_answers import _analyser, _timing
    from nextround.coach.semantic import SemanticUnavailable, load_embedder

    try:
        load_embedder()
    except SemanticUnavailable:
        return None
    return _timing(_analyser())


if __name__ == "__main__":
    for row in run():
        flag = "" if row.ok is None else ("ok" if row.ok else "SLOW")
        print(f"{row.area:8} {row.measure:48} {row.value:>10} {row.target:>8} {flag}")
