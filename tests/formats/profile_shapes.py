"""Interviewer profiles in the shapes people really have them, each with what it should give.

Pasted text as copied from a web page, and the same layouts as PDFs made with fpdf2.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from tests.formats import corpus


@dataclass(frozen=True)
class Shape:
    """One profile, how it is laid out, and the facts a reader must get from it."""

    name: str
    layout: str
    text: str
    person: str
    title: str
    company: str
    years: float | None
    earlier: tuple[str, ...]
    note: str
    pdf_blocks: tuple[tuple[str, str], ...] = ()


# The web page's Experience list: the title first, then "Company · Full-time", then the dates.
WEB_TITLE_FIRST = """Dana Whitfield
Operations Manager at Northwind Logistics
Leeds, England, United Kingdom
500+ connections

About
I run the regional distribution network for Northwind.

Experience
Operations Manager
Northwind Logistics · Full-time
Jan 2021 - Present · 3 yrs 11 mos
Leeds, England, United Kingdom
Runs three distribution centres and a team of 140.
Shift Supervisor
Northwind Logistics · Full-time
Mar 2018 - Dec 2020 · 2 yrs 10 mos
Leeds, England, United Kingdom
Warehouse Team Leader
Harbour Freight Ltd · Full-time
Jun 2014 - Feb 2018 · 3 yrs 9 mos
Hull, England, United Kingdom

Education
University of Leeds
BA, Geography · (2011 - 2014)
"""

# Several roles at one company under its name, with the total time and employment type.
WEB_GROUPED = """Tom Achebe
Director of Finance | FP&A leader
Manchester Area, United Kingdom

Experience
Brightwater Bank
Full-time · 7 yrs 2 mos
Director of Finance
Apr 2021 - Present · 3 yrs 9 mos
Head of FP&A
Oct 2017 - Mar 2021 · 3 yrs 6 mos
Manchester, England, United Kingdom
Globex Corporation
Senior Financial Analyst
Sep 2013 - Sep 2017 · 4 yrs 1 mo
"""

# A company's own page about the person: a heading, the name, the title, then prose.
BIO_PAGE = """Our leadership team

Dr Samira Okoye
Chief Technology Officer

Samira joined Fenwick Health in 2019 to lead its engineering and data teams. Before that she \
spent ten years at Initech, where she built the claims platform, and she started her career at \
Globex.
"""

# Just a name and "Title, Company": what an email signature or a speaker list gives.
TITLE_COMMA_COMPANY = """Marcus Lee
Head of Engineering, Brightwater Bank
London, United Kingdom
"""

# CV order: each job's title, then its company, then the years; the earlier jobs below.
CV_ORDER = """Aisha Khan
Senior Product Manager at Larkspur Analytics

Experience
Senior Product Manager
Larkspur Analytics
2022 - Present
Product Manager
Globex
2019 - 2022
Associate Product Manager
Initech Analytics
2017 - 2019
"""

# Nothing says which line is the job and which the employer: both stay empty.
UNCLEAR = """Jordan Pike
Speaker and mentor

Experience
Northstar
Blue Harbour
2020 - Present
"""


def _blocks(text: str) -> tuple[tuple[str, str], ...]:
    """The same text laid out as a PDF: the name as a title, section names as headings."""
    out: list[tuple[str, str]] = []
    for index, line in enumerate(text.splitlines()):
        if not line.strip():
            continue
        if index == 0 or line == "Dr Samira Okoye":
            out.append(("title", line))
        elif line in ("About", "Experience", "Education", "Our leadership team"):
            out.append(("h", line))
        elif "·" in line or line[:4].isdigit() or line.endswith("United Kingdom"):
            out.append(("grey", line))
        else:
            out.append(("p", line))
    return tuple(out)


SHAPES = [
    Shape(
        "web_title_first",
        "web page: title, then 'Company · Full-time'",
        WEB_TITLE_FIRST,
        "Dana Whitfield",
        "Operations Manager",
        "Northwind Logistics",
        6.8,
        ("Harbour Freight Ltd",),
        "Dana Whitfield is Operations Manager at Northwind Logistics, there for about 6.8 years; "
        "before that Harbour Freight Ltd. Studied at University of Leeds.",
        _blocks(WEB_TITLE_FIRST),
    ),
    Shape(
        "web_grouped",
        "web page: a company over several roles",
        WEB_GROUPED,
        "Tom Achebe",
        "Director of Finance",
        "Brightwater Bank",
        7.2,
        ("Globex Corporation",),
        "Tom Achebe is Director of Finance at Brightwater Bank, there for about 7.2 years; "
        "before that Globex Corporation.",
        _blocks(WEB_GROUPED),
    ),
    Shape(
        "bio_page",
        "company bio page",
        BIO_PAGE,
        "Dr Samira Okoye",
        "Chief Technology Officer",
        "Fenwick Health",
        5.9,
        ("Initech", "Globex"),
        "Dr Samira Okoye is Chief Technology Officer at Fenwick Health, there for about 5.9 "
        "years; before that Initech and Globex.",
        _blocks(BIO_PAGE),
    ),
    Shape(
        "title_comma_company",
        "a 'Title, Company' line",
        TITLE_COMMA_COMPANY,
        "Marcus Lee",
        "Head of Engineering",
        "Brightwater Bank",
        None,
        (),
        "Marcus Lee is Head of Engineering at Brightwater Bank.",
        _blocks(TITLE_COMMA_COMPANY),
    ),
    Shape(
        "cv_order",
        "title, company, years; earlier jobs below",
        CV_ORDER,
        "Aisha Khan",
        "Senior Product Manager",
        "Larkspur Analytics",
        2.9,
        ("Globex", "Initech Analytics"),
        "Aisha Khan is Senior Product Manager at Larkspur Analytics, there for about 2.9 years; "
        "before that Globex and Initech Analytics.",
        _blocks(CV_ORDER),
    ),
    Shape(
        "unclear",
        "no way to tell the title from the company",
        UNCLEAR,
        "Jordan Pike",
        "",
        "",
        None,
        (),
        "Jordan Pike: Speaker and mentor.",
        _blocks(UNCLEAR),
    ),
]
BY_NAME = {shape.name: shape for shape in SHAPES}


@functools.cache
def pdf(name: str) -> bytes:
    """The shape as a one-page PDF, made with fpdf2."""
    doc = corpus.Pdf()
    doc.blocks(list(BY_NAME[name].pdf_blocks))
    return doc.bytes()
