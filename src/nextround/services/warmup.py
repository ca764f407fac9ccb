"""Load the coach's content and the sentence model once, in the background, as the server starts.

Without it the first brief after start-up pays for reading the banks, the shipped vectors and the
model (over a second); with it the first page is as quick as the later ones.
"""

from __future__ import annotations

import logging
import threading

log = logging.getLogger("nextround.warmup")
_started = threading.Event()
done = threading.Event()


def warm() -> None:
    """Everything a brief, a practice page and the feedback on an answer read on first use."""
    from nextround.coach.bank import load_asks, load_bank, load_phrasings
    from nextround.coach.brief_content import load_content
    from nextround.coach.fields import detect_field
    from nextround.coach.requirements import extract_requirements
    from nextround.services import semantic
    from nextround.store import models as m

    load_content()
    _sample_brief()
    detect_field("Senior Data Engineer", "Essential: SQL and Airflow. You will mentor juniors.")
    m.Round.objects.filter(pk=0).exists()  # the ORM's first query compiles its machinery
    load_bank()
    load_asks()
    load_phrasings()
    extract_requirements("Essential: experience of SQL.")
    model = semantic.embedder()
    if model is not None:
        # The shipped vectors, the classifier's index and one pass through the model.
        semantic.vectors(["Tell me about yourself."], model, store=False, lookup=False)
        semantic.classify("Tell me about a time you led a team.", store=False)


def _sample_brief() -> None:
    """A small brief built by the coach alone, so every pattern it uses is compiled."""
    import datetime as dt

    from nextround.coach.brief import BriefInput, PersonText, RoundInfo, build_brief
    from nextround.coach.debrief import AskedText, FeedbackText
    from nextround.coach.evidence import RequirementText, StoryText

    build_brief(
        BriefInput(
            company="Warm-up Ltd",
            role="Analyst",
            round=RoundInfo(1, 1, 2, "on-site", "panel", "delve-deeper", dt.date(2030, 1, 2)),
            today=dt.date(2030, 1, 1),
            panel=(PersonText(1, "Sam Lee", "Head of Data", "hiring-manager", "director"),),
            questions=(
                AskedText(1, 1, "Tell me about a project.", "It went well.", 4, "positive"),
            ),
            feedback=(FeedbackText(1, 1, "They liked your project but weren't convinced on SQL."),),
            requirements=(
                RequirementText(1, "Strong SQL"),
                RequirementText(2, "Mentor juniors", "duty"),
            ),
            stories=(StoryText(1, "Project", action="I built it.", result="Costs fell 5%."),),
            logistics_texts=(("The invite", "Smart casual. Includes a tour."),),
        )
    )


def start() -> None:
    """Warm up once per process, on a daemon thread; a failure is logged and costs nothing."""
    if _started.is_set():
        return
    _started.set()

    def run() -> None:
        try:
            warm()
        except Exception:  # a broken optional model must never stop the server
            log.exception("warm-up failed; the first page will load things itself")
        finally:
            done.set()

    threading.Thread(target=run, name="nextround-warmup", daemon=True).start()
