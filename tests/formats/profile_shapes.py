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
    seniority: str = "unknown"
    role: str = "other"
    spans: tuple[tuple[str, str], ...] = ()  # each earlier employer the profile dates
    notable: tuple[str, ...] = ()  # the kind of each talk, post or paper found, in order


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


HEADINGS = (
    "About",
    "Activity",
    "Experience",
    "Education",
    "Our leadership team",
    "Leadership",
    "Contact",
    "Top Skills",
    "Publications",
    "Summary",
)


# The web page pasted whole: About, Activity and Experience, "Mar 2023 - Present · 1 yr 10 mos".
WEB_ABOUT_ACTIVITY = """Rebecca Osei
Head of Customer Success at Quillfield
Bristol, England, United Kingdom
Contact info
1,204 followers · 500+ connections

About
I run customer success and support for Quillfield's 900 mid-market customers. I care about \
onboarding that gets customers to value in weeks, not months. I wrote "Renewals start on day \
one", a guide for new CSMs, and I host the Retention Room podcast.

Activity
Rebecca posted this • 2w
Why we moved our CSMs to own renewals: what changed in our first year
Show all posts

Experience
Head of Customer Success
Quillfield · Full-time
Mar 2023 - Present · 1 yr 10 mos
Bristol, England, United Kingdom
Customer Success Manager
Quillfield · Full-time
Jun 2021 - Feb 2023 · 1 yr 9 mos
Senior Account Manager
Harrow & Finch Ltd · Full-time
Sep 2016 - May 2021 · 4 yrs 9 mos
London, England, United Kingdom

Education
University of Exeter
BA, History · (2012 - 2015)
"""

# One line for each role, with dashes between title, employer and dates.
ONE_LINE_ROLES = """Priya Natarajan
VP Engineering at Tallyho
Manchester, England, United Kingdom

About
I lead 60 engineers across payments and lending at Tallyho. I co-authored "Boring Deploys", \
a paper on progressive delivery, and presented it at QCon London 2023.

Experience
VP Engineering — Tallyho — Sep 2022 – Present
Engineering Manager, Payments — Monzo — 2018 – 2022
Software Engineer | Sky | 2014 - 2018
"""

# A company's leadership page: "Name, Title" on one line, then a paragraph in the third person.
LEADERSHIP_PAGE = """Leadership

Hannah Cole, Chief Operating Officer

Hannah joined Larkspur Analytics as Chief Operating Officer in March 2021, after eight years \
at Deloitte, where she ran the technology consulting practice in the North. She began her \
career as a graduate engineer at Arup. Hannah is a trustee of a Leeds youth charity and writes \
a monthly column on operations for The Yorkshire Post. In 2023 she was named one of the \
Northern Power Women.
"""

# Just "Name — Title, Employer": a speaker list, an email signature, a calendar invite.
NAME_DASH_TITLE = """Ruth Adeyemi — Director of Nursing, St Aldric's Hospital NHS Foundation Trust
"""

# The saved PDF's text copied out: the sidebar (contact, skills, a publication) runs straight
# into the name; a company over two roles; a page footer in the middle.
PDF_EXPORT_TEXT = """Contact
www.example-network.com/in/kwame-mensah-ops
Top Skills
Lean Six Sigma
Supplier Management
Demand Planning
Publications
Reducing stockouts with weekly demand sensing (Supply Chain Quarterly, 2022)
Kwame Mensah
Director of Supply Chain at Ashgrove Foods
Birmingham, England, United Kingdom
Summary
I run planning, procurement and logistics for a food manufacturer with 1,800 staff. I speak \
regularly on demand sensing, most recently at the ISCEA Supply Chain Forum 2024.
Experience
Ashgrove Foods
4 years 3 months
Director of Supply Chain
January 2023 - Present (2 years)
Birmingham, England, United Kingdom
Head of Planning
October 2020 - December 2022 (2 years 3 months)
Page 1 of 2
Unilever
S&OP Manager
May 2015 - September 2020 (5 years 5 months)
Leatherhead, England, United Kingdom
Education
Aston University
MSc, Supply Chain Management · (2013 - 2014)
"""


def _blocks(text: str, person: str = "") -> tuple[tuple[str, str], ...]:
    """The same text laid out as a PDF: the name as a title, section names as headings."""
    out: list[tuple[str, str]] = []
    for index, line in enumerate(text.splitlines()):
        if not line.strip():
            continue
        if (index == 0 and line not in HEADINGS) or line in ("Dr Samira Okoye", person):
            out.append(("title", line))
        elif line in HEADINGS:
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
        "before that Harbour Freight Ltd (2014–2018). Studied at University of Leeds.\n"
        "About: “I run the regional distribution network for Northwind”",
        _blocks(WEB_TITLE_FIRST),
        seniority="manager",
        spans=(("Harbour Freight Ltd", "2014–2018"),),
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
        "before that Globex Corporation (2013–2017).",
        _blocks(WEB_GROUPED),
        seniority="director",
        spans=(("Globex Corporation", "2013–2017"),),
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
        "years; before that Initech (10 years) and Globex.\n"
        "About: “Samira joined Fenwick Health in 2019 to lead its engineering and data teams. "
        "Before that she spent ten years at Initech, where she built the claims platform, and "
        "she started her career at Globex”",
        _blocks(BIO_PAGE),
        seniority="executive",
        role="senior-executive",
        spans=(("Initech", "10 years"),),
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
        seniority="director",
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
        "before that Globex (2019–2022) and Initech Analytics (2017–2019).",
        _blocks(CV_ORDER),
        seniority="senior",
        spans=(("Globex", "2019–2022"), ("Initech Analytics", "2017–2019")),
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
    Shape(
        "web_about_activity",
        "web page pasted whole: About, Activity, 'Mar 2023 - Present · 1 yr 10 mos'",
        WEB_ABOUT_ACTIVITY,
        "Rebecca Osei",
        "Head of Customer Success",
        "Quillfield",
        3.5,
        ("Harrow & Finch Ltd",),
        "Rebecca Osei is Head of Customer Success at Quillfield, there for about 3.5 years; "
        "before that Harrow & Finch Ltd (2016–2021). Studied at University of Exeter.\n"
        "Post: “Why we moved our CSMs to own renewals: what changed in our first year”\n"
        'Post: “I wrote "Renewals start on day one", a guide for new CSMs, and I host the '
        "Retention Room podcast”\n"
        "About: “I run customer success and support for Quillfield's 900 mid-market customers. "
        "I care about onboarding that gets customers to value in weeks, not months. I wrote "
        '"Renewals start on day one", a guide for new CSMs, and I host the Retention Room '
        "podcast”",
        _blocks(WEB_ABOUT_ACTIVITY, "Rebecca Osei"),
        seniority="director",
        spans=(("Harrow & Finch Ltd", "2016–2021"),),
        notable=("Post", "Post"),
    ),
    Shape(
        "one_line_roles",
        "each role on one line: 'Title — Company — Sep 2022 – Present'",
        ONE_LINE_ROLES,
        "Priya Natarajan",
        "VP Engineering",
        "Tallyho",
        2.2,
        ("Monzo", "Sky"),
        "Priya Natarajan is VP Engineering at Tallyho, there for about 2.2 years; before that "
        "Monzo (2018–2022) and Sky (2014–2018).\n"
        'Paper: “I co-authored "Boring Deploys", a paper on progressive delivery, and '
        "presented it at QCon London 2023”\n"
        "About: “I lead 60 engineers across payments and lending at Tallyho. I co-authored "
        '"Boring Deploys", a paper on progressive delivery, and presented it at QCon London '
        "2023”",
        _blocks(ONE_LINE_ROLES, "Priya Natarajan"),
        seniority="executive",
        role="senior-executive",
        spans=(("Monzo", "2018–2022"), ("Sky", "2014–2018")),
        notable=("Paper",),
    ),
    Shape(
        "leadership_page",
        "company page: 'Name, Title', then a paragraph about them",
        LEADERSHIP_PAGE,
        "Hannah Cole",
        "Chief Operating Officer",
        "Larkspur Analytics",
        3.8,
        ("Deloitte", "Arup"),
        "Hannah Cole is Chief Operating Officer at Larkspur Analytics, there for about 3.8 "
        "years; before that Deloitte (8 years) and Arup.\n"
        "Post: “Hannah is a trustee of a Leeds youth charity and writes a monthly column on "
        "operations for The Yorkshire Post”\n"
        "Award: “In 2023 she was named one of the Northern Power Women”\n"
        "About: “Hannah joined Larkspur Analytics as Chief Operating Officer in March 2021, "
        "after eight years at Deloitte, where she ran the technology consulting practice in the "
        "North. She began her career as a graduate engineer at Arup. Hannah is a trustee of a "
        "Leeds youth charity and writes a monthly column on operations for The Yorkshire Post. "
        "In 2023 she was named one of the Northern Power Women”",
        _blocks(LEADERSHIP_PAGE, "Hannah Cole"),
        seniority="executive",
        role="senior-executive",
        spans=(("Deloitte", "8 years"),),
        notable=("Post", "Award"),
    ),
    Shape(
        "name_dash_title",
        "one line: 'Name — Title, Employer'",
        NAME_DASH_TITLE,
        "Ruth Adeyemi",
        "Director of Nursing",
        "St Aldric's Hospital NHS Foundation Trust",
        None,
        (),
        "Ruth Adeyemi is Director of Nursing at St Aldric's Hospital NHS Foundation Trust.",
        (("p", NAME_DASH_TITLE.strip()),),  # body text in a speaker list, not a heading
        seniority="director",
    ),
    Shape(
        "pdf_export_text",
        "the saved PDF's text: sidebar into the name, a page footer mid-list",
        PDF_EXPORT_TEXT,
        "Kwame Mensah",
        "Director of Supply Chain",
        "Ashgrove Foods",
        4.2,
        ("Unilever",),
        "Kwame Mensah is Director of Supply Chain at Ashgrove Foods, there for about 4.2 years; "
        "before that Unilever (2015–2020). Studied at Aston University. Lists Lean Six Sigma, "
        "Supplier Management and Demand Planning among top skills.\n"
        "Paper: “Reducing stockouts with weekly demand sensing (Supply Chain Quarterly, 2022)”\n"
        "Talk: “I speak regularly on demand sensing, most recently at the ISCEA Supply Chain "
        "Forum 2024”\n"
        "About: “I run planning, procurement and logistics for a food manufacturer with 1,800 "
        "staff. I speak regularly on demand sensing, most recently at the ISCEA Supply Chain "
        "Forum 2024”",
        _blocks(PDF_EXPORT_TEXT, "Kwame Mensah"),
        seniority="director",
        spans=(("Unilever", "2015–2020"),),
        notable=("Paper", "Talk"),
    ),
]
BY_NAME = {shape.name: shape for shape in SHAPES}


@functools.cache
def pdf(name: str) -> bytes:
    """The shape as a one-page PDF, made with fpdf2."""
    doc = corpus.Pdf()
    doc.blocks(list(BY_NAME[name].pdf_blocks))
    return doc.bytes()
