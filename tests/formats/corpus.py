"""Documents made at test time (PDF, DOCX, HTML, text), each with what reading it should give."""

from __future__ import annotations

import functools
import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from xml.sax.saxutils import escape

from fpdf import FPDF
from fpdf.enums import XPos, YPos
from PIL import Image, ImageDraw


@dataclass(frozen=True)
class ExpectedRole:
    employer: str
    title: str
    start: tuple[int, int | None]
    end: tuple[int, int | None] | None  # None: the current role


@dataclass(frozen=True)
class Item:
    """One corpus document and what a reader should get out of it."""

    name: str
    filename: str
    kind: str  # what the document is: "jd", "cv", "profile" or "bad"
    data: bytes
    phrases: tuple[str, ...] = ()  # must appear in the text, in this order
    headings: tuple[str, ...] = ()  # must appear as Markdown headings
    bullets: tuple[str, ...] = ()  # must appear as Markdown list items
    error: str = ""  # a bad file: words the DocumentError message must contain
    pages: int | None = None
    roles: tuple[ExpectedRole, ...] = ()
    skills: tuple[str, ...] = ()
    profile: dict[str, object] = field(default_factory=dict)

    def write(self, folder: Path) -> Path:
        path = folder / self.filename
        path.write_bytes(self.data)
        return path


# --- sample text -------------------------------------------------------------------------------

JD_TITLE = "Senior Data Engineer"
JD_INTRO = (
    "Larkspur Analytics helps regional hospitals plan staff rotas from their own data. We are a "
    "team of forty, based in Leeds with two office days a week, and we are growing our data "
    "platform team."
)
JD_ROLE = [
    "Design and run the pipelines that load rota, admissions and payroll data every night.",
    "Own the quality checks that tell a hospital when its data is late or wrong.",
    "Work with the product analysts to turn new questions into tested data models.",
    "Review code and help two junior engineers grow.",
]
JD_MUST = [
    "Five years building data pipelines in Python",
    "Strong SQL and data modelling in PostgreSQL",
    "Experience with an orchestrator such as Airflow or Dagster",
    "Clear writing for people who are not engineers",
]
JD_NICE = [
    "dbt in production",
    "Experience with healthcare or public-sector data",
    "Terraform and AWS",
]
JD_BENEFITS = [
    "Salary £68,000 to £78,000",
    "30 days of holiday plus bank holidays",
    "A learning budget of £1,500 a year",
]
JD_PROCESS = (
    "The process has three rounds: a call with the hiring manager, a technical interview where we "
    "pair on a small pipeline, and a final conversation with the head of engineering and a "
    "product analyst."
)
JD_PHRASES = (
    JD_TITLE,
    "Larkspur Analytics helps regional hospitals",
    "Own the quality checks",
    "Must have",
    "Five years building data pipelines in Python",
    "Clear writing for people who are not engineers",
    "Nice to have",
    "dbt in production",
    "Terraform and AWS",
    "30 days of holiday",
    "The process has three rounds",
)

FR_TITLE = "Responsable produit senior"
FR_INTRO = (
    "Épicerie Numérique développe une application de courses pour les épiceries de quartier à "
    "Lyon et à Genève. Nous cherchons une personne qui aime le terrain et les données."
)
FR_MUST = [
    "Cinq ans d'expérience en gestion de produit",
    "Maîtrise des tests utilisateurs et des entretiens qualitatifs",
    "Français courant et anglais professionnel",
]
FR_NICE = ["Expérience dans le commerce de détail", "Notions de SQL"]
FR_PHRASES = (
    FR_TITLE,
    "Épicerie Numérique développe une application",
    "Compétences requises",
    "Maîtrise des tests utilisateurs",
    "Atouts appréciés",
    "Expérience dans le commerce de détail",
)

DE_TEXT = (
    "Stellenanzeige: Projektleiterin oder Projektleiter Energiewende (m/w/d)\n"
    "\n"
    "Die Stadtwerke Kühlungsborn suchen zum nächstmöglichen Zeitpunkt Verstärkung.\n"
    "\n"
    "Ihre Aufgaben\n"
    "• Steuerung von Projekten zur Wärmeversorgung\n"
    "• Abstimmung mit Behörden und Bürgerinnen\n"
    "\n"
    "Ihr Profil\n"
    "• Abgeschlossenes Studium der Ingenieurwissenschaften\n"
    "• Führerschein Klasse B und Freude an Außenterminen\n"
    "– Gehalt nach TVöD, 30 Tage Urlaub\n"
)


@dataclass(frozen=True)
class Person:
    """The facts a sample CV is written from."""

    name: str
    headline: str
    contact: str
    summary: str
    roles: list[tuple[str, str, str, list[str]]]  # title, employer, dates, bullets
    skills: str
    education: list[str]


MAYA = Person(
    name="Maya Okafor",
    headline="Senior Product Analyst",
    contact="maya.okafor@example.org | 07700 900123 | Leeds",
    summary=(
        "Product analyst with eight years in fintech and SaaS, happiest when an experiment "
        "settles an argument."
    ),
    roles=[
        (
            "Senior Product Analyst",
            "Larkspur Analytics",
            "Mar 2021 – Present",
            [
                "Cut onboarding time by 40% by rebuilding the activation funnel dashboard",
                "Led a pricing experiment across 3 markets, raising trial-to-paid conversion "
                "from 4.1% to 5.3%",
                "Mentored 4 junior analysts through their first year",
            ],
        ),
        (
            "Product Analyst",
            "Brightwater Bank",
            "Sep 2017 – Feb 2021",
            [
                "Built a churn model in Python that flagged at-risk accounts, saving £1.2m a "
                "year in retained revenue",
                "Automated weekly KPI reporting, freeing 6 hours a week for the team",
                "Responsible for the monthly board pack",
            ],
        ),
        (
            "Data Intern",
            "Hollis & Reed",
            "Jun 2016 – Aug 2016",
            ["Cleaned and documented 12 legacy datasets"],
        ),
    ],
    skills="SQL, Python, dbt; Looker | A/B testing, Stakeholder management, Python",
    education=[
        "MSc Statistics, University of Leeds, 2016 – 2017",
        "BSc Mathematics, University of York, 2013 – 2016",
    ],
)
MAYA_ROLES = (
    ExpectedRole("Larkspur Analytics", "Senior Product Analyst", (2021, 3), None),
    ExpectedRole("Brightwater Bank", "Product Analyst", (2017, 9), (2021, 2)),
    ExpectedRole("Hollis & Reed", "Data Intern", (2016, 6), (2016, 8)),
)
MAYA_SKILLS = ("SQL", "Python", "dbt", "Looker", "A/B testing", "Stakeholder management")

TOMAS_ROLES_TEXT = [
    (
        "Platform Engineer, Quillfeather Ltd",
        "01/2020 - Present",
        [
            "Moved 40 services from virtual machines to Kubernetes, halving deploy time to 8 "
            "minutes",
            "Introduced Terraform modules used by 6 product teams",
        ],
    ),
    (
        "Site Reliability Engineer, Norrland Logistics",
        "06/2016 - 12/2019",
        [
            "Reduced paging alerts by 70% after rewriting the alert rules with on-call staff",
            "Ran the PostgreSQL upgrade for a 2 TB fleet with no downtime",
        ],
    ),
]
TOMAS_ROLES = (
    ExpectedRole("Quillfeather Ltd", "Platform Engineer", (2020, 1), None),
    ExpectedRole("Norrland Logistics", "Site Reliability Engineer", (2016, 6), (2019, 12)),
)
TOMAS_SKILLS = ("Go", "Kubernetes", "Terraform", "PostgreSQL", "AWS", "Prometheus")

PROFILE_TODAY = date(2024, 12, 1)


# --- PDF ---------------------------------------------------------------------------------------


class Pdf:
    """A small layout helper over fpdf2: blocks of text placed in one or two columns."""

    def __init__(self) -> None:
        self.pdf = FPDF(format="A4", unit="pt")
        # Windows-1252 covers the accents and typographic bullets used here with the core fonts.
        self.pdf.core_fonts_encoding = "windows-1252"
        self.pdf.set_auto_page_break(auto=True, margin=50)
        self.pdf.set_margins(50, 50, 50)
        self.pdf.add_page()

    def block(self, kind: str, text: str, x: float = 50, width: float = 495) -> None:
        pdf = self.pdf
        pdf.set_x(x)
        if kind == "title":
            pdf.set_font("helvetica", "B", 20)
            pdf.multi_cell(width, 26, text, new_x=XPos.LEFT, new_y=YPos.NEXT)
            pdf.ln(6)
        elif kind == "h":
            pdf.ln(6)
            pdf.set_x(x)
            pdf.set_font("helvetica", "B", 14)
            pdf.multi_cell(width, 18, text, new_x=XPos.LEFT, new_y=YPos.NEXT)
            pdf.ln(2)
        elif kind == "b":
            pdf.set_font("helvetica", "B", 10.5)
            pdf.multi_cell(width, 14, text, new_x=XPos.LEFT, new_y=YPos.NEXT)
        elif kind == "li":
            pdf.set_font("helvetica", "", 10.5)
            pdf.cell(12, 14, "•")
            pdf.multi_cell(width - 12, 14, text, new_x=XPos.LEFT, new_y=YPos.NEXT)
        elif kind == "grey":
            pdf.set_font("helvetica", "", 9.5)
            pdf.set_text_color(110, 110, 110)
            pdf.multi_cell(width, 13, text, new_x=XPos.LEFT, new_y=YPos.NEXT)
            pdf.set_text_color(0, 0, 0)
        else:
            pdf.set_font("helvetica", "", 10.5)
            pdf.multi_cell(width, 14, text, new_x=XPos.LEFT, new_y=YPos.NEXT)
            pdf.ln(4)

    def blocks(self, blocks: list[tuple[str, str]], x: float = 50, width: float = 495) -> None:
        for kind, text in blocks:
            self.block(kind, text, x, width)

    def columns(
        self,
        left: list[tuple[str, str]],
        right: list[tuple[str, str]],
        split: float = 0.5,
    ) -> None:
        """Two columns from the current height, the left one filled first."""
        top = self.pdf.get_y()
        gutter = 24.0
        left_width = 495 * split - gutter / 2
        self.blocks(left, 50, left_width)
        self.pdf.set_y(top)
        self.blocks(right, 50 + left_width + gutter, 495 - left_width - gutter)

    def new_page(self) -> None:
        self.pdf.add_page()

    def footer_numbers(self) -> None:
        pages = self.pdf.pages_count
        self.pdf.set_auto_page_break(auto=False)
        for number in range(1, pages + 1):
            self.pdf.page = number
            self.pdf.set_font("helvetica", "", 8)
            self.pdf.set_xy(50, 800)
            self.pdf.cell(495, 10, f"Page {number} of {pages}", align="C")

    def bytes(self) -> bytes:
        return bytes(self.pdf.output())


def jd_blocks() -> tuple[list[tuple[str, str]], list[tuple[str, str]], list[tuple[str, str]]]:
    first = [("title", JD_TITLE), ("p", JD_INTRO), ("h", "What you will do")]
    first += [("li", text) for text in JD_ROLE]
    second = [("h", "Must have")] + [("li", t) for t in JD_MUST]
    second += [("h", "Nice to have")] + [("li", t) for t in JD_NICE]
    third = [("h", "Benefits")] + [("li", t) for t in JD_BENEFITS]
    third += [("h", "How we hire"), ("p", JD_PROCESS)]
    return first, second, third


def jd_pdf() -> bytes:
    first, second, third = jd_blocks()
    doc = Pdf()
    doc.blocks(first)
    doc.new_page()
    doc.blocks(second)
    doc.new_page()
    doc.blocks(third)
    doc.footer_numbers()
    return doc.bytes()


def jd_two_column_pdf() -> bytes:
    first, second, third = jd_blocks()
    doc = Pdf()
    doc.block("title", JD_TITLE)
    doc.columns(first[1:] + third[-2:], second + third[:-2])
    return doc.bytes()


def jd_french_pdf() -> bytes:
    doc = Pdf()
    doc.blocks([("title", FR_TITLE), ("p", FR_INTRO), ("h", "Compétences requises")])
    doc.blocks([("li", t) for t in FR_MUST])
    doc.blocks([("h", "Atouts appréciés")] + [("li", t) for t in FR_NICE])
    return doc.bytes()


def cv_blocks(person: Person) -> list[tuple[str, str]]:
    blocks: list[tuple[str, str]] = [
        ("title", person.name),
        ("p", f"{person.headline} | {person.contact}"),
        ("h", "Profile"),
        ("p", person.summary),
        ("h", "Work Experience"),
    ]
    for title, employer, dates, bullets in person.roles:
        blocks.append(("b", f"{title} — {employer}"))
        blocks.append(("grey", dates))
        blocks += [("li", b) for b in bullets]
    blocks += [("h", "Skills"), ("p", person.skills), ("h", "Education")]
    blocks += [("p", e) for e in person.education]
    return blocks


def cv_pdf() -> bytes:
    doc = Pdf()
    doc.blocks(cv_blocks(MAYA))
    return doc.bytes()


def tomas_sidebar() -> list[tuple[str, str]]:
    return [
        ("h", "Contact"),
        ("p", "tomas.herrera@example.net"),
        ("p", "Valencia, Spain"),
        ("h", "Skills"),
        ("li", "Go"),
        ("li", "Kubernetes"),
        ("li", "Terraform"),
        ("li", "PostgreSQL"),
        ("li", "AWS"),
        ("li", "Prometheus"),
        ("h", "Languages"),
        ("p", "Spanish (native), English (fluent)"),
        ("h", "Education"),
        ("p", "BEng Computer Engineering, Universitat de València, 2012 - 2016"),
    ]


def tomas_main() -> list[tuple[str, str]]:
    main: list[tuple[str, str]] = [
        ("h", "Summary"),
        ("p", "Platform engineer who makes deploys boring and on-call quiet."),
        ("h", "Experience"),
    ]
    for header, dates, bullets in TOMAS_ROLES_TEXT:
        main += [("b", header), ("grey", dates)] + [("li", b) for b in bullets]
    return main


def cv_two_column_pdf() -> bytes:
    doc = Pdf()
    doc.block("title", "Tomás Herrera")
    doc.columns(tomas_sidebar(), tomas_main(), split=0.34)
    return doc.bytes()


PROFILE_SIDEBAR = [
    ("h", "Contact"),
    ("grey", "www.example-network.com/in/priya-raman-data"),
    ("h", "Top Skills"),
    ("grey", "Data Strategy"),
    ("grey", "Machine Learning"),
    ("grey", "Team Leadership"),
    ("h", "Languages"),
    ("grey", "English (Native or Bilingual)"),
    ("grey", "Tamil (Professional Working)"),
]
PROFILE_MAIN = [
    ("title", "Priya Raman"),
    ("p", "Head of Data at Corvid Systems | Building data teams that ship"),
    ("grey", "London, England, United Kingdom"),
    ("h", "Summary"),
    ("p", "I lead a team of twelve data scientists and engineers working on fraud detection."),
    ("h", "Experience"),
    ("b", "Corvid Systems"),
    ("grey", "5 years 10 months"),
    ("p", "Head of Data"),
    ("grey", "March 2021 - Present (3 years 9 months)"),
    ("grey", "London, England, United Kingdom"),
    ("p", "Data Science Manager"),
    ("grey", "February 2019 - March 2021 (2 years 2 months)"),
    ("b", "Initech Analytics"),
    ("p", "Senior Data Scientist"),
    ("grey", "June 2015 - January 2019 (3 years 8 months)"),
    ("grey", "Bristol, United Kingdom"),
    ("p", "Built the pricing models used by the retail insurance team."),
    ("b", "Globe Mutual Insurance"),
    ("p", "Actuarial Analyst"),
    ("grey", "September 2012 - May 2015 (2 years 9 months)"),
    ("h", "Education"),
    ("b", "University of Warwick"),
    ("grey", "Master of Science - MS, Statistics · (2011 - 2012)"),
    ("b", "University of Bath"),
    ("grey", "Bachelor of Science - BSc, Mathematics · (2008 - 2011)"),
]
PROFILE_EXPECTED: dict[str, object] = {
    "name": "Priya Raman",
    "title": "Head of Data",
    "current_company": "Corvid Systems",
    "years_at_company": 5.8,
    "earlier_employers": ("Initech Analytics", "Globe Mutual Insurance"),
    "schools": ("University of Warwick", "University of Bath"),
    "skills": ("Data Strategy", "Machine Learning", "Team Leadership"),
}


def profile_pdf() -> bytes:
    doc = Pdf()
    doc.columns(PROFILE_SIDEBAR, PROFILE_MAIN, split=0.3)
    return doc.bytes()


def profile_text() -> str:
    """The same profile as a person would paste it from the web page."""
    lines = [text for _, text in PROFILE_MAIN[:3]]
    lines += ["", "About", PROFILE_MAIN[4][1], "", "Experience"]
    lines += [text for _, text in PROFILE_MAIN[6:21]]
    lines += ["", "Education"] + [text for _, text in PROFILE_MAIN[22:]]
    lines += ["", "Skills", "Data Strategy", "Machine Learning", "Team Leadership"]
    return "\n".join(lines) + "\n"


def scanned_pdf() -> bytes:
    image = Image.new("L", (1240, 1754), 255)
    draw = ImageDraw.Draw(image)
    for row in range(30):
        draw.text((100, 100 + row * 40), "Senior Data Engineer - scanned page", fill=0)
    doc = Pdf()
    doc.pdf.image(image, x=0, y=0, w=595, h=842)
    return doc.bytes()


def encrypted_pdf(user_password: str) -> bytes:
    doc = Pdf()
    doc.blocks([("title", JD_TITLE), ("p", JD_INTRO)])
    doc.pdf.set_encryption(owner_password="owner-secret", user_password=user_password)
    return doc.bytes()


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 40), (200, 30, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


# --- DOCX --------------------------------------------------------------------------------------

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
)
STYLES = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles {W}>'
    '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/></w:style>'
    '<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/></w:style>'
    '<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/></w:style>'
    '<w:style w:type="paragraph" w:styleId="ListBullet"><w:name w:val="List Bullet"/></w:style>'
    "</w:styles>"
)
NUMBERING = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering {W}>'
    '<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/>'
    '<w:lvlText w:val="•"/></w:lvl><w:lvl w:ilvl="1"><w:numFmt w:val="bullet"/></w:lvl>'
    "</w:abstractNum>"
    '<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:numFmt w:val="decimal"/>'
    '<w:lvlText w:val="%1."/></w:lvl></w:abstractNum>'
    '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
    '<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>'
    "</w:numbering>"
)


def run(text: str, bold: bool = False) -> str:
    props = "<w:rPr><w:b/></w:rPr>" if bold else ""
    return f'<w:r>{props}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def para(text: str, style: str = "", num: int = 0, level: int = 0, bold: bool = False) -> str:
    props = f'<w:pStyle w:val="{style}"/>' if style else ""
    if num:
        props += f'<w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="{num}"/></w:numPr>'
    ppr = f"<w:pPr>{props}</w:pPr>" if props else ""
    return f"<w:p>{ppr}{run(text, bold)}</w:p>"


def table(rows: list[list[str]]) -> str:
    cells = "".join(
        "<w:tr>" + "".join(f"<w:tc>{para(cell)}</w:tc>" for cell in row) + "</w:tr>" for row in rows
    )
    return f"<w:tbl>{cells}</w:tbl>"


def cell_of_blocks(body: str) -> str:
    return f"<w:tc>{body}</w:tc>"


def docx(body: str) -> bytes:
    document = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {W}>'
        f"<w:body>{body}<w:sectPr/></w:body></w:document>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", CONTENT_TYPES)
        zf.writestr("_rels/.rels", RELS)
        zf.writestr("word/document.xml", document)
        zf.writestr("word/styles.xml", STYLES)
        zf.writestr("word/numbering.xml", NUMBERING)
    return buffer.getvalue()


def jd_docx() -> bytes:
    body = para(JD_TITLE, "Title") + para(JD_INTRO)
    body += para("What you will do", "Heading1") + "".join(para(t, num=1) for t in JD_ROLE)
    body += para("Must have", "Heading2") + "".join(para(t, "ListBullet") for t in JD_MUST)
    body += para("Nice to have", bold=True) + "".join(para(t, num=1) for t in JD_NICE)
    body += para("At a glance", "Heading1")
    body += table(
        [
            ["Salary", "Location", "Contract"],
            ["£68,000 to £78,000", "Leeds, two office days", "Permanent"],
        ]
    )
    body += para("How we hire", "Heading1")
    body += "".join(para(t, num=2) for t in ["Hiring manager call", "Pairing", "Final"])
    body += para("Benefits", "Heading1") + "".join(para(t, num=1) for t in JD_BENEFITS)
    body += para(JD_PROCESS)
    return docx(body)


def cv_docx() -> bytes:
    body = para(MAYA.name, "Title")
    body += para(f"{MAYA.headline} | {MAYA.contact}")
    body += para("PROFESSIONAL SUMMARY", "Heading1") + para(MAYA.summary)
    body += para("EXPERIENCE", "Heading1")
    for title, employer, dates, bullets in MAYA.roles:
        body += para(f"{employer} | {title}", bold=True) + para(dates)
        body += "".join(para(b, num=1) for b in bullets)
    body += para("KEY SKILLS", "Heading1") + para(MAYA.skills)
    body += para("EDUCATION", "Heading1")
    body += "".join(para(e) for e in MAYA.education)
    return docx(body)


def blocks_to_docx(blocks: list[tuple[str, str]]) -> str:
    styles = {"title": "Title", "h": "Heading1"}
    out = ""
    for kind, text in blocks:
        if kind == "li":
            out += para(text, num=1)
        else:
            out += para(text, styles.get(kind, ""), bold=kind == "b")
    return out


def cv_two_column_docx() -> bytes:
    """A CV laid out as a borderless two-cell table: sidebar on the left, experience right."""
    body = para("Tomás Herrera", "Title")
    left = blocks_to_docx(tomas_sidebar())
    right = blocks_to_docx(tomas_main())
    body += f"<w:tbl><w:tr>{cell_of_blocks(left)}{cell_of_blocks(right)}</w:tr></w:tbl>"
    return docx(body)


def zip_bomb_docx() -> bytes:
    """A .docx whose document.xml inflates from about 200 KB to 200 MB."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", CONTENT_TYPES)
        zf.writestr("word/document.xml", b" " * (200 * 1024 * 1024))
    return buffer.getvalue()


# --- HTML and text -----------------------------------------------------------------------------


def jd_html() -> bytes:
    items = "".join(f"<li>{escape(t)}</li>" for t in JD_MUST)
    nice = "".join(f"<li>{escape(t)}</li>" for t in JD_NICE)
    role = "".join(f"<li>{escape(t)}</li>" for t in JD_ROLE)
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{JD_TITLE} - Larkspur Analytics - Jobs board</title>
<style>body {{ font-family: sans-serif }} .nav a {{ color: red }}</style>
<script>window.dataLayer = []; function track() {{ return "Apply now tracking"; }}</script>
</head><body>
<div id="cookie-banner" class="cookie-consent">We use cookies to improve your experience.
<button>Accept all cookies</button><button>Manage preferences</button></div>
<header class="site-header"><a href="/">Jobs board</a>
<nav><ul><li><a href="/jobs">Find jobs</a></li><li><a href="/companies">Company reviews</a></li>
<li><a href="/salaries">Salary guide</a></li></ul></nav></header>
<main>
<div class="breadcrumbs">Home &gt; Data &gt; Leeds</div>
<article class="job-posting">
<h1>{JD_TITLE}</h1>
<p class="company">Larkspur Analytics &middot; Leeds (hybrid)</p>
<p>{escape(JD_INTRO)}</p>
<h2>What you will do</h2><ul>{role}</ul>
<p><strong>Must have</strong></p><ul>{items}</ul>
<p><b>Nice to have</b></p><ul>{nice}</ul>
<h2>Benefits</h2>
<table><tr><th>Salary</th><th>Holiday</th></tr>
<tr><td>£68,000 to £78,000</td><td>30 days of holiday plus bank holidays</td></tr></table>
<h2>How we hire</h2><p>{escape(JD_PROCESS)}</p>
</article>
<form class="apply"><label>Email</label><input name="email"><button>Apply now</button></form>
<aside class="similar-jobs"><h3>Similar jobs</h3><ul><li>Data Analyst at Elsewhere</li></ul></aside>
</main>
<footer><p>&copy; 2024 Jobs board. Terms. Privacy.</p></footer>
<script type="application/ld+json">{{"@type": "JobPosting", "title": "{JD_TITLE}"}}</script>
</body></html>
"""
    return page.encode("utf-8")


def cp1252_text() -> bytes:
    return DE_TEXT.replace("\n", "\r\n").encode("cp1252")


# --- the corpus --------------------------------------------------------------------------------

MAYA_PHRASES = (
    "Maya Okafor",
    "Work Experience",
    "Cut onboarding time by 40%",
    "Brightwater Bank",
    "saving £1.2m a year",
    "Hollis & Reed",
    "Skills",
    "Stakeholder management",
    "University of York",
)
TOMAS_PHRASES = (
    "Tomás Herrera",
    "Contact",
    "Kubernetes",
    "Prometheus",
    "Spanish (native), English (fluent)",
    "Universitat de València",
    "Summary",
    "Platform Engineer, Quillfeather Ltd",
    "halving deploy time to 8 minutes",
    "Site Reliability Engineer, Norrland Logistics",
    "no downtime",
)


def builders() -> dict[str, Callable[[], Item]]:
    return {
        "jd_pdf": lambda: Item(
            "jd_pdf",
            "senior-data-engineer.pdf",
            "jd",
            jd_pdf(),
            phrases=JD_PHRASES,
            headings=("Must have", "Nice to have"),
            bullets=(JD_MUST[0], JD_NICE[0]),
            pages=3,
        ),
        "jd_two_column_pdf": lambda: Item(
            "jd_two_column_pdf",
            "senior-data-engineer-2col.pdf",
            "jd",
            jd_two_column_pdf(),
            phrases=(
                JD_TITLE,
                "Larkspur Analytics helps",
                "Review code and help two junior engineers grow",
                "How we hire",
                "The process has three rounds",
                "Must have",
                "Five years building data pipelines in Python",
                "Nice to have",
                "Terraform and AWS",
                "Benefits",
                "A learning budget",
            ),
            headings=("Must have", "Nice to have"),
            bullets=(JD_MUST[1], JD_NICE[1]),
            pages=1,
        ),
        "jd_french_pdf": lambda: Item(
            "jd_french_pdf",
            "responsable-produit.pdf",
            "jd",
            jd_french_pdf(),
            phrases=FR_PHRASES,
            headings=("Compétences requises", "Atouts appréciés"),
            bullets=(FR_MUST[1],),
            pages=1,
        ),
        "jd_docx": lambda: Item(
            "jd_docx",
            "senior-data-engineer.docx",
            "jd",
            jd_docx(),
            phrases=(
                *JD_PHRASES[:-2],
                "Salary | Location | Contract",
                "£68,000 to £78,000 | Leeds, two office days | Permanent",
                "1. Hiring manager call",
                "30 days of holiday",
                "The process has three rounds",
            ),
            headings=("Must have", "Nice to have"),
            bullets=(JD_MUST[0], JD_NICE[0]),
        ),
        "jd_html": lambda: Item(
            "jd_html",
            "senior-data-engineer.html",
            "jd",
            jd_html(),
            phrases=(*JD_PHRASES[:-2], "Salary | Holiday", JD_PHRASES[-1]),
            headings=("Must have", "Nice to have"),
            bullets=(JD_MUST[0], JD_NICE[0]),
        ),
        "jd_german_cp1252": lambda: Item(
            "jd_german_cp1252",
            "projektleitung.txt",
            "jd",
            cp1252_text(),
            phrases=(
                "Stadtwerke Kühlungsborn",
                "Ihre Aufgaben",
                "Steuerung von Projekten zur Wärmeversorgung",
                "Freude an Außenterminen",
            ),
            bullets=("Abstimmung mit Behörden und Bürgerinnen", "Gehalt nach TVöD, 30 Tage Urlaub"),
        ),
        "cv_pdf": lambda: Item(
            "cv_pdf",
            "maya-okafor-cv.pdf",
            "cv",
            cv_pdf(),
            phrases=MAYA_PHRASES,
            roles=MAYA_ROLES,
            skills=MAYA_SKILLS,
            pages=1,
        ),
        "cv_docx": lambda: Item(
            "cv_docx",
            "maya-okafor-cv.docx",
            "cv",
            cv_docx(),
            phrases=tuple(p for p in MAYA_PHRASES if p not in ("Work Experience", "Skills")),
            roles=MAYA_ROLES,
            skills=MAYA_SKILLS,
        ),
        "cv_two_column_pdf": lambda: Item(
            "cv_two_column_pdf",
            "tomas-herrera-cv.pdf",
            "cv",
            cv_two_column_pdf(),
            phrases=TOMAS_PHRASES,
            roles=TOMAS_ROLES,
            skills=TOMAS_SKILLS,
            pages=1,
        ),
        "cv_two_column_docx": lambda: Item(
            "cv_two_column_docx",
            "tomas-herrera-cv.docx",
            "cv",
            cv_two_column_docx(),
            phrases=TOMAS_PHRASES,
            roles=TOMAS_ROLES,
            skills=TOMAS_SKILLS,
        ),
        "profile_pdf": lambda: Item(
            "profile_pdf",
            "Profile.pdf",
            "profile",
            profile_pdf(),
            phrases=("Contact", "Top Skills", "Priya Raman", "Head of Data", "Education"),
            profile=PROFILE_EXPECTED,
            pages=1,
        ),
        "profile_text": lambda: Item(
            "profile_text",
            "priya-raman.txt",
            "profile",
            profile_text().encode("utf-8"),
            phrases=("Priya Raman", "Experience", "Education"),
            profile=PROFILE_EXPECTED,
        ),
        "scanned_pdf": lambda: Item(
            "scanned_pdf", "scanned-jd.pdf", "bad", scanned_pdf(), error="needs OCR"
        ),
        "encrypted_pdf": lambda: Item(
            "encrypted_pdf",
            "locked-jd.pdf",
            "bad",
            encrypted_pdf("open-sesame"),
            error="password-protected",
        ),
        "owner_locked_pdf": lambda: Item(
            "owner_locked_pdf",
            "owner-locked-jd.pdf",
            "jd",
            encrypted_pdf(""),
            phrases=(JD_TITLE, "Larkspur Analytics helps regional hospitals"),
            pages=1,
        ),
        "truncated_pdf": lambda: Item(
            "truncated_pdf",
            "cut-short.pdf",
            "bad",
            jd_pdf()[:1500],
            error="damaged or truncated",
        ),
        "zip_bomb_docx": lambda: Item(
            "zip_bomb_docx", "huge.docx", "bad", zip_bomb_docx(), error="zip bomb"
        ),
        "png_named_pdf": lambda: Item(
            "png_named_pdf", "job.pdf", "bad", png_bytes(), error="PNG image"
        ),
    }


@functools.cache
def item(name: str) -> Item:
    """One corpus item, built once per test session."""
    return builders()[name]()


def items(kind: str | None = None) -> list[Item]:
    """All corpus items, or those of one kind ("jd", "cv", "profile", "bad")."""
    built = [item(name) for name in builders()]
    return [i for i in built if kind is None or i.kind == kind]
