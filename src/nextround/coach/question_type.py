"""The type of an interview question, guessed from its wording."""

from __future__ import annotations

import re

from nextround.coach.bank import QUESTION_TYPES as QUESTION_TYPES

_QUESTION_CUES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern, re.IGNORECASE))
    for kind, pattern in (
        (
            "salary-notice",
            r"\bsalar|\bcompensation|\bremuneration|\bnotice period|\bwhen (?:can|could) you start"
            r"|\bhow soon (?:can|could) you|\bpay (?:expect|range)|\bday rate|\bexpected pay",
        ),
        (
            "behavioural",
            r"\b(?:tell|talk) (?:me|us) about a (?:time|situation|project|moment)|\bdescribe a "
            r"(?:time|situation|project)|\bgive (?:me |us )?an example|\ba time (?:when|you)"
            r"|\bhave you ever|\bshare an example|\bbiggest (?:failure|mistake|achievement)"
            r"|\bproudest|\bwalk (?:me|us) through a (?:time|project|situation)",
        ),
        (
            "situational",
            r"\bwhat would you do|\bhow would you (?:handle|deal|approach|respond|react|manage|"
            r"priorit|tell|convince|deliver)|\bimagine\b|\bsuppose\b|\bif you (?:were|had|joined)"
            r"|\bwhat if\b|\bhypothetical|\bfirst (?:30|60|90|hundred) days",
        ),
        (
            "tricky",
            r"\bweakness|\bwhy should we (?:hire|choose)|\bwhere do you see yourself|\bgap in your"
            r"|\bfired\b|\bwhy (?:did|are) you (?:leave|leaving)|\boverqualified"
            r"|\bwhat would your (?:manager|boss|colleagues) say|\bregret",
        ),
        (
            "motivation",
            r"\bwhy (?:do you want|this (?:role|company|job|position|team)|us\b|are you interested"
            r"|did you apply|here)|\bwhat (?:attracts|interests|excites|motivates|drew)|\bmotivat",
        ),
        (
            "culture-fit",
            r"\bculture|\bvalues\b|\bwork(?:ing)? style|\bteam environment|\bideal (?:team|manager"
            r"|workplace|environment)|\bwhat kind of (?:manager|team|environment)|\blike to work",
        ),
        (
            "background",
            r"\babout yourself|\bwalk (?:me|us) through your|\byour background|\bintroduce "
            r"yourself|\byour career",
        ),
        (
            "second-round",
            r"\bfirst (?:interview|round)|\blast (?:interview|time we)|\bsince we (?:last )?"
            r"(?:spoke|met)|\bprevious round|\bnow that you(?:'ve| have) met|\byou mentioned",
        ),
        (
            "technical",
            r"\bexplain\b|\bhow does\b|\bhow do you (?:design|build|test|debug|implement|scale)"
            r"|\bdesign a\b|\bdifference between|\balgorithm|\barchitect|\bcomplexity|\bsql\b"
            r"|\bcode\b|\bimplement|\boptimi[sz]|\bdata model|\bdebug",
        ),
    )
)


def guess_question_type(question: str) -> str:
    """The question's type from its wording; 'second-round' when nothing else fits."""
    for kind, pattern in _QUESTION_CUES:
        if pattern.search(question):
            return kind
    return "second-round"
