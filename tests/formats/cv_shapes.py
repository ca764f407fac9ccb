"""CVs in the shapes people send them (pasted text, PDF, Word, Markdown), each story draft expected.

The PDF is made with fpdf2 and the Word file with the corpus's own writer (python-docx is not a
dependency of the project).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from tests.formats import corpus


@dataclass(frozen=True)
class Draft:
    """What one achievement must become: title, action, result, figures and what is left."""

    title: str
    action: str
    result: str
    metrics: tuple[str, ...]
    needs: tuple[str, ...]


@dataclass(frozen=True)
class Cv:
    name: str
    filename: str
    data: bytes
    drafts: tuple[Draft, ...]


SN = ("situation", "task")

PRIYA_TEXT = """Priya Raman
Data Lead | priya.raman@fastmail.example | London

Summary
Data lead who turns messy operational data into decisions.

Experience
Head of Data — Corvid Systems
March 2021 – Present
- Cut fraud losses by 32% by rebuilding the transaction scoring model with the risk team
- Built a self-serve metrics layer in dbt, saving analysts 10 hours a week
- Introduced a data quality review used by 6 product teams
- Hired and mentored four analysts through their first year
- Responsible for the data budget
Senior Data Scientist — Initech Analytics
June 2015 – February 2021
- Designed a pricing model that lifted retention from 81% to 86%
- Presented findings to the board every quarter

Skills
Python, SQL, dbt, Stakeholder management

Education
University of Warwick — MSc Statistics, 2012
"""
PRIYA_DRAFTS = (
    Draft(
        "Cut fraud losses by 32%",
        "rebuilding the transaction scoring model with the risk team",
        "Cut fraud losses by 32%",
        ("32%",),
        SN,
    ),
    Draft(
        "Built a self-serve metrics layer in dbt",
        "Built a self-serve metrics layer in dbt",
        "saving analysts 10 hours a week",
        ("10 hours",),
        SN,
    ),
    # A figure and no action apart from it: the bullet is the result; the action is to write.
    Draft(
        "Introduced a data quality review used by 6 product teams",
        "",
        "Introduced a data quality review used by 6 product teams",
        ("6 product teams",),
        (*SN, "action"),
    ),
    # No figure, no outcome: an action whose result is honestly still to write.
    Draft(
        "Hired and mentored four analysts through their first year",
        "Hired and mentored four analysts through their first year",
        "",
        (),
        (*SN, "result"),
    ),
    Draft(
        "Designed a pricing model",
        "Designed a pricing model",
        "lifted retention from 81% to 86%",
        ("from 81% to 86%",),
        SN,
    ),
)

MARCUS_BLOCKS = [
    ("title", "Marcus Lee"),
    ("p", "Engineering Manager · marcus.lee@example.net · Leeds"),
    ("h", "Profile"),
    ("p", "Engineering manager who makes releases small, frequent and dull."),
    ("h", "Work Experience"),
    ("b", "Brightwater Bank | Engineering Manager"),
    ("grey", "Jan 2020 - Present"),
    (
        "li",
        "Reduced release lead time from 14 days to 2 days after moving the teams to trunk-based "
        "development",
    ),
    ("li", "Led the migration of 120 services to Kubernetes"),
    ("li", "Grew the platform team from 4 to 11 engineers"),
    ("b", "Norrland Logistics | Senior Developer"),
    ("grey", "Jun 2014 - Dec 2019"),
    ("li", "Automated the nightly settlement run, cutting manual work by 15 hours a week"),
    ("li", "Wrote the incident runbooks used by every on-call engineer"),
    ("h", "Skills"),
    ("p", "Go, Kubernetes, Team leadership"),
    ("h", "Education"),
    ("p", "University of Leeds, BSc Computer Science, 2014"),
]
MARCUS_DRAFTS = (
    Draft(
        "Reduced release lead time from 14 days to 2 days",
        "moving the teams to trunk-based development",
        "Reduced release lead time from 14 days to 2 days",
        ("14 days", "2 days"),
        SN,
    ),
    Draft(
        "Led the migration of 120 services to Kubernetes",
        "",
        "Led the migration of 120 services to Kubernetes",
        ("120 services",),
        (*SN, "action"),
    ),
    Draft(
        "Grew the platform team from 4 to 11 engineers",
        "",
        "Grew the platform team from 4 to 11 engineers",
        ("from 4 to 11",),
        (*SN, "action"),
    ),
    Draft(
        "Automated the nightly settlement run",
        "Automated the nightly settlement run",
        "cutting manual work by 15 hours a week",
        ("15 hours",),
        SN,
    ),
    Draft(
        "Wrote the incident runbooks used by every on-call engineer",
        "Wrote the incident runbooks used by every on-call engineer",
        "",
        (),
        (*SN, "result"),
    ),
)

AISHA_ROLES = [
    (
        "Larkspur Analytics — Senior Product Manager",
        "2022 – Present",
        [
            "Launched a self-serve onboarding flow that raised activation from 41% to 58% in two "
            "quarters",
            "Ran customer interviews with 30 hospitals to reshape the roadmap",
            "Owned the pricing page redesign",
        ],
    ),
    (
        "Globex — Product Manager",
        "2019 – 2022",
        ["Shipped the mobile checkout, increasing mobile revenue by 25%"],
    ),
]
AISHA_DRAFTS = (
    Draft(
        "Launched a self-serve onboarding flow",
        "Launched a self-serve onboarding flow",
        "raised activation from 41% to 58% in two quarters",
        ("from 41% to 58%",),
        SN,
    ),
    Draft(
        "Ran customer interviews with 30 hospitals to reshape",
        "",
        "Ran customer interviews with 30 hospitals to reshape the roadmap",
        ("30 hospitals",),
        (*SN, "action"),
    ),
    Draft(
        "Owned the pricing page redesign",
        "Owned the pricing page redesign",
        "",
        (),
        (*SN, "result"),
    ),
    Draft(
        "Shipped the mobile checkout",
        "Shipped the mobile checkout",
        "increasing mobile revenue by 25%",
        ("25%",),
        SN,
    ),
)

TOMAS_MARKDOWN = """# Tomás Ferreira

## Experience

### Staff Engineer at Quillfeather Ltd (2021 - Present)

- Halved cloud spend to £40k a month by consolidating 3 data warehouses into one
- Designed the event pipeline that now carries 2 billion events a day across the whole company \
and its partners

### Senior Engineer at Quillfeather Ltd (2018 - 2021)

- Halved cloud spend to £40k a month by consolidating three data warehouses into one

## Skills

- Python
- Kafka
"""
HALVED = Draft(
    "Halved cloud spend to £40k a month",
    "consolidating 3 data warehouses into one",
    "Halved cloud spend to £40k a month",
    ("Halved", "£40k"),
    SN,
)
TOMAS_DRAFTS = (
    HALVED,
    Draft(
        "Designed the event pipeline that now carries 2 billion",
        "",
        "Designed the event pipeline that now carries 2 billion events a day across the whole "
        "company and its partners",
        ("2 billion events",),
        (*SN, "action"),
    ),
    Draft(
        "Halved cloud spend to £40k a month",
        "consolidating three data warehouses into one",
        "Halved cloud spend to £40k a month",
        ("Halved", "£40k"),
        SN,
    ),
)


def aisha_docx() -> bytes:
    para = corpus.para
    body = para("Aisha Khan", "Title") + para("Product Manager | aisha.khan@example.org")
    body += para("PROFESSIONAL SUMMARY", "Heading1")
    body += para("Product manager for data products in health care.")
    body += para("EXPERIENCE", "Heading1")
    for header, dates, bullets in AISHA_ROLES:
        body += para(header, bold=True) + para(dates)
        body += "".join(para(b, num=2) for b in bullets)
    body += para("KEY SKILLS", "Heading1") + para("Product discovery; Pricing; SQL")
    body += para("EDUCATION", "Heading1") + para("University of Bath, MSc Management, 2016")
    return corpus.docx(body)


def marcus_pdf() -> bytes:
    doc = corpus.Pdf()
    doc.blocks(MARCUS_BLOCKS)
    return doc.bytes()


@functools.cache
def cvs() -> tuple[Cv, ...]:
    return (
        Cv("pasted_text", "pasted text", PRIYA_TEXT.encode(), PRIYA_DRAFTS),
        Cv("pdf", "marcus-lee-cv.pdf", marcus_pdf(), MARCUS_DRAFTS),
        Cv("docx", "aisha-khan-cv.docx", aisha_docx(), AISHA_DRAFTS),
        Cv("markdown", "tomas-ferreira-cv.md", TOMAS_MARKDOWN.encode(), TOMAS_DRAFTS),
    )


def cv(name: str) -> Cv:
    return next(c for c in cvs() if c.name == name)
