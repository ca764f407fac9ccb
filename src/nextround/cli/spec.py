"""What each record's commands accept: plain data, so `--help` needs no database or Django."""

from __future__ import annotations

from dataclasses import dataclass

from nextround import vocab


@dataclass(frozen=True)
class Opt:
    """One --option of add and edit, and the record field it sets."""

    flag: str
    field: str
    help: str
    type: str = "text"  # text, int, decimal, choice, list, bool, file
    choices: tuple[str, ...] = ()
    required: bool = False


@dataclass(frozen=True)
class RecordSpec:
    """The add, list, show, edit and delete commands of one kind of record."""

    command: str
    service: str
    label: str
    help: str
    options: tuple[Opt, ...]
    columns: tuple[str, ...]
    parent: str | None = None  # the positional argument of add, e.g. OPPORTUNITY_ID
    add_method: str = "create"
    one: str = ""  # one record with its article, when "a"/"an" + label is wrong ("feedback")
    many: str = ""  # the plural, when label + "s" is wrong
    deletes: str = ""  # what deleting one takes with it, e.g. "its rounds and people"
    # Said after "No … yet." where another command has what is wanted; {parent} is the parent id.
    empty_hint: str = ""

    @property
    def a(self) -> str:
        """One record with its article: "an interviewer", "a piece of feedback"."""
        return self.one or with_article(self.label)

    @property
    def plural(self) -> str:
        return self.many or self.label + "s"


# Words spelt with a vowel but said with a consonant first ("a one-off", "a user"), and the
# reverse ("an hour").
_SAID_WITH_A_CONSONANT = ("one", "once", "uni", "use", "usu", "uti", "eu", "ewe", "ure")
_SAID_WITH_A_VOWEL = ("hour", "honest", "honour", "heir")


def with_article(noun: str) -> str:
    """The noun phrase with "a" or "an" as it is said: "an asked question", "a user"."""
    word = noun.split()[0].lower() if noun.strip() else ""
    if word.startswith(_SAID_WITH_A_VOWEL):
        return f"an {noun}"
    if word.startswith(_SAID_WITH_A_CONSONANT) or not word or word[0] not in "aeiou":
        return f"a {noun}"
    return f"an {noun}"


def _text(flag: str, field: str, help: str, required: bool = False) -> Opt:
    return Opt(flag, field, help, required=required)


def _choice(flag: str, field: str, help: str, choices: tuple[str, ...]) -> Opt:
    return Opt(flag, field, help, type="choice", choices=choices)


SPECS: tuple[RecordSpec, ...] = (
    RecordSpec(
        command="opportunity",
        service="opportunities",
        label="opportunity",
        many="opportunities",
        deletes="its rounds, people, requirements and offers",
        help="Jobs you are interviewing for.",
        options=(
            _text("--company", "company", "Company name.", required=True),
            _text("--role", "role", "Job title of the role.", required=True),
            _text("--jd", "job_description", "Job description text."),
            Opt("--jd-file", "job_description", "Read the job description from a file.", "file"),
            _choice("--stage", "stage", "Where it stands.", vocab.STAGES),
            _text("--location", "location", "Where the job is."),
            _text("--url", "url", "Link to the job advert."),
            _choice("--dress-code", "dress_code", "The company's dress code.", vocab.DRESS_CODES),
            _text("--consultant-name", "consultant_name", "Recruitment consultant's name."),
            _text("--consultant-company", "consultant_company", "Consultant's agency."),
            _text("--consultant-email", "consultant_email", "Consultant's email."),
            _text("--consultant-phone", "consultant_phone", "Consultant's phone."),
            _text("--notes", "notes", "Anything else worth keeping."),
        ),
        columns=("id", "company", "role", "stage", "updated_at"),
    ),
    RecordSpec(
        command="round",
        service="rounds",
        label="round",
        deletes="its debrief, questions to ask and follow-ups",
        help="Interview rounds of an opportunity, with their debrief.",
        parent="OPPORTUNITY_ID",
        options=(
            Opt("--number", "number", "Round number (default: the next one).", "int"),
            _text("--date", "scheduled_at", "When: 2026-12-03T10:00+00:00, or a local time."),
            _text("--timezone", "timezone", "Time zone of --date, e.g. Europe/London."),
            Opt("--duration", "duration_minutes", "Length in minutes.", "int"),
            _choice("--format", "format", "How it is held.", vocab.ROUND_FORMATS),
            _choice("--kind", "kind", "What kind of meeting.", vocab.ROUND_KINDS),
            _choice("--purpose", "purpose", "Why this round exists.", vocab.ROUND_PURPOSES),
            _text("--location", "location", "Address or meeting room."),
            _text("--link", "link", "Video call link."),
            _choice(
                "--status", "status", "Planned, done, cancelled or postponed.", vocab.ROUND_STATUSES
            ),
            _choice("--outcome", "outcome", "What came of it.", vocab.ROUND_OUTCOMES),
            _text("--news-by", "news_expected_on", "Date they said you would hear by."),
            _text("--impressed", "impressed", "What seemed to impress."),
            _text("--fell-flat", "fell_flat", "What fell flat."),
            _text("--notes", "notes", "Other notes."),
        ),
        columns=("id", "opportunity_id", "number", "scheduled_at", "format", "purpose", "status"),
    ),
    RecordSpec(
        command="interviewer",
        service="interviewers",
        label="interviewer",
        deletes="the questions to ask them and the notes to them",
        help="The people who interview you, and what you know of them.",
        parent="ROUND_ID",
        add_method="add_to_round",
        options=(
            _text("--name", "name", "Full name.", required=True),
            _text("--title", "title", "Job title."),
            _choice("--role", "role", "Their part in hiring.", vocab.INTERVIEWER_ROLES),
            _choice("--seniority", "seniority", "How senior they are.", vocab.SENIORITIES),
            _text("--team", "team", "Team or department."),
            _text("--email", "email", "Email address."),
            Opt("--years-at-company", "years_at_company", "Years at the company.", "decimal"),
            Opt("--earlier-employer", "earlier_employers", "An earlier employer (repeat).", "list"),
            _text("--research", "research_notes", "What you found out about them."),
            Opt("--link", "links", "A web page about them (repeat).", "list"),
        ),
        columns=("id", "opportunity_id", "name", "title", "role", "seniority"),
    ),
    RecordSpec(
        command="question",
        service="asked_questions",
        label="asked question",
        help="Questions you were asked in a round, with your answer and how it went.",
        parent="ROUND_ID",
        options=(
            _text("--text", "text", "The question as asked.", required=True),
            _text("--answer", "answer_note", "A short note of your answer."),
            Opt("--rating", "self_rating", "Your rating of your answer, 1 to 5.", "int"),
            _choice("--reaction", "reaction", "How the interviewer reacted.", vocab.REACTIONS),
            _text("--follow-up", "follow_up", "Follow-up question they asked."),
            Opt("--interviewer", "interviewer_id", "ID of the interviewer who asked it.", "int"),
        ),
        columns=("id", "round_id", "text", "self_rating", "reaction"),
    ),
    RecordSpec(
        command="feedback",
        service="feedback",
        label="feedback",
        one="a piece of feedback",
        many="feedback",
        help="Feedback on a round, from the interviewer or a consultant.",
        parent="ROUND_ID",
        options=(
            _text("--text", "text", "The feedback as given.", required=True),
            _choice("--source", "source", "Who gave it.", vocab.FEEDBACK_SOURCES),
            _text("--sender", "sender", "Name or email of who sent it."),
            _text("--received", "received_on", "Date received, e.g. 2026-11-20."),
        ),
        columns=("id", "round_id", "source", "sender", "text"),
    ),
    RecordSpec(
        command="story",
        service="stories",
        label="story",
        many="stories",
        deletes="its links to requirements",
        help="Your STAR stories: situation, task, action, result.",
        options=(
            _text("--title", "title", "A short title.", required=True),
            _text("--situation", "situation", "The situation."),
            _text("--task", "task", "Your task in it."),
            _text("--action", "action", "What you did."),
            _text("--result", "result", "What came of it."),
            Opt("--skill", "skills", "A skill it shows (repeat).", "list"),
            _text("--metrics", "metrics", "Numbers that show the result."),
        ),
        columns=("id", "title", "skills"),
    ),
    RecordSpec(
        command="requirement",
        service="requirements",
        label="requirement",
        deletes="its links to stories",
        help="What the job asks for.",
        parent="OPPORTUNITY_ID",
        options=(
            _text("--text", "text", "The requirement.", required=True),
            _choice("--kind", "kind", "Must have or nice to have.", vocab.REQUIREMENT_KINDS),
        ),
        columns=("id", "opportunity_id", "kind", "text"),
    ),
    RecordSpec(
        command="evidence",
        service="evidence",
        label="evidence",
        one="an evidence link",
        many="evidence links",
        help="Links between a requirement and a story that backs it.",
        parent="REQUIREMENT_ID",
        options=(
            Opt("--story", "story_id", "ID of the story.", "int", required=True),
            _text("--note", "note", "Why the story backs the requirement."),
        ),
        columns=("id", "requirement_id", "story_id", "note"),
    ),
    RecordSpec(
        command="ask",
        service="questions_to_ask",
        label="question to ask",
        many="questions to ask",
        help="Questions to ask the interviewers.",
        parent="ROUND_ID",
        options=(
            _text("--text", "text", "The question.", required=True),
            Opt("--interviewer", "interviewer_id", "ID of the interviewer to ask.", "int"),
            Opt("--asked", "asked", "Mark it asked.", "bool"),
            _text("--answer", "answer_note", "What they said."),
        ),
        columns=("id", "round_id", "interviewer_id", "asked", "text"),
        empty_hint=(
            "The brief suggests questions for each interviewer (nextround brief {parent}); "
            "save the ones you will ask with nextround ask add {parent} --text …"
        ),
    ),
    RecordSpec(
        command="followup",
        service="follow_ups",
        label="follow-up",
        help="Thank-you notes and chasers after a round.",
        parent="ROUND_ID",
        options=(
            _choice("--kind", "kind", "What sort of note.", vocab.FOLLOW_UP_KINDS),
            Opt("--interviewer", "interviewer_id", "ID of the interviewer it is for.", "int"),
            _text("--subject", "subject", "Subject line."),
            _text("--body", "body", "The note."),
            _text("--due", "due_at", "When to send it, e.g. 2026-12-04T09:00."),
            _text("--sent", "sent_at", "When it was sent."),
        ),
        columns=("id", "round_id", "kind", "interviewer_id", "due_at", "sent_at"),
    ),
    RecordSpec(
        command="attempt",
        service="attempts",
        label="practice attempt",
        help="Practice answers you have given.",
        options=(
            _text("--question", "question_text", "The question practised.", required=True),
            _text("--answer", "answer_text", "Your answer."),
            Opt("--seconds", "seconds_taken", "Seconds taken.", "int"),
            Opt("--opportunity", "opportunity_id", "ID of the opportunity.", "int"),
            Opt("--round", "round_id", "ID of the round.", "int"),
        ),
        columns=("id", "round_id", "question_text", "seconds_taken", "created_at"),
    ),
    RecordSpec(
        command="offer",
        service="offers",
        label="offer",
        help="Job offers, and your current job for comparison.",
        options=(
            Opt("--opportunity", "opportunity_id", "ID of the opportunity.", "int"),
            Opt("--current-job", "is_current_job", "This is the job I have now.", "bool"),
            _text("--label", "label", "A short name for it."),
            Opt("--salary", "salary", "Yearly base salary.", "decimal"),
            _text("--currency", "currency", "Three-letter currency code, e.g. GBP."),
            _text("--bonus", "bonus", "Bonus, e.g. '10% target'."),
            _text("--equity", "equity", "Equity or shares."),
            _text("--benefits", "benefits", "Benefits."),
            _text("--start", "start_date", "Start date."),
            _text("--deadline", "deadline", "Date they need an answer by."),
            _choice("--decision", "decision", "Your decision.", vocab.DECISIONS),
            _text("--notes", "notes", "Notes."),
        ),
        columns=("id", "opportunity_id", "label", "salary", "currency", "decision"),
    ),
)
