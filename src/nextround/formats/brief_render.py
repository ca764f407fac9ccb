"""The round brief as Markdown, HTML, PDF (WeasyPrint) and JSON, from its plain-data form."""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import field as dc_field
from html import escape
from typing import Any

from nextround.coach.words import count, label, short_day
from nextround.formats.display import first_capital

SCHEMA = "nextround.brief"
SUPPORTED_VERSIONS = (2,)
CATEGORY_LABELS = {
    "concern": "Answers a doubt",
    "focus": "They will go deeper",
    "task": "Set task on the day",
    "style": "Style of interview",
    "follow-up": "Follow-up question",
    "probe": "What the job asks for",
    "repeat": "Asked before",
    "commitment": "Commitment",
    "motivation": "Motivation",
    "fit": "Fit and team",
    "field": "Field question",
    "staple": "Later-round staple",
    "curveball": "Curveball",
}
PDF_CSS = """
@page { size: A4; margin: 18mm 17mm 20mm 17mm;
  @top-left { content: string(doctitle); font-size: 8pt; color: #555; }
  @bottom-right { content: "page " counter(page) " of " counter(pages); font-size: 8pt;
    color: #555; } }
html { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 10pt;
  line-height: 1.4; color: #111; }
h1 { string-set: doctitle content(); font-size: 18pt; margin: 0 0 2pt; }
.sub { color: #444; margin: 0 0 10pt; }
h2 { font-size: 12.5pt; border-bottom: 1.5pt solid #222; padding-bottom: 2pt; margin: 16pt 0 6pt;
  break-after: avoid; }
h3 { font-size: 10.5pt; margin: 8pt 0 3pt; break-after: avoid; }
p, li { margin: 0 0 3pt; }
ul, ol { padding-left: 14pt; margin: 0 0 6pt; }
li { break-inside: avoid; }
.why { color: #444; font-size: 9pt; display: block; }
.use-story { font-size: 9pt; display: block; }
.missing { border: 1pt solid #b36b00; background: #fff6e5; padding: 6pt 8pt; margin: 8pt 0; }
.missing li { margin-bottom: 4pt; }
table { width: 100%; border-collapse: collapse; margin: 4pt 0 8pt; font-size: 9pt; }
th, td { text-align: left; vertical-align: top; border-bottom: 0.5pt solid #999; padding: 3pt 4pt; }
th { border-bottom: 1pt solid #222; }
.person { border: 0.75pt solid #999; padding: 5pt 8pt; margin: 0 0 6pt; break-inside: avoid; }
.tag { font-size: 8pt; border: 0.5pt solid #666; padding: 0 3pt; border-radius: 2pt; }
.checklist { list-style: none; padding-left: 0; }
.checklist li::before { content: "☐  "; }
.checklist li.done::before { content: "☑  "; }
.muted { color: #555; }
"""


class RenderError(Exception):
    """The brief cannot be rendered (a bad brief, or a missing system library for PDF)."""


REQUIREMENT_KINDS = {"must": "Must have", "nice": "Nice to have", "duty": "What the job involves"}


def _said(note: str) -> str:
    """The candidate's own words, quoted as written: never read as the brief's own line."""
    return f"“{' '.join(note.split())}”"


def check(data: Mapping[str, Any]) -> None:
    """Refuse data that is not a brief of a version this renderer knows."""
    if not isinstance(data, Mapping) or data.get("schema") != SCHEMA:
        raise RenderError("not a nextround brief (its 'schema' is not nextround.brief)")
    if data.get("schema_version") not in SUPPORTED_VERSIONS:
        raise RenderError(f"brief schema_version {data.get('schema_version')!r} is not supported")


def to_json(data: Mapping[str, Any]) -> str:
    check(data)
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


@dataclass
class Item:
    """One line of a section: its main words, a tag, and the lines under it."""

    text: str
    strong: bool = False
    tag: str = ""
    notes: list[str] = dc_field(default_factory=list)
    cls: str = ""


@dataclass
class Section:
    key: str
    title: str
    items: list[Item] = dc_field(default_factory=list)
    empty: str = ""
    numbered: bool = False
    start: int = 1
    intro: str = ""
    table: list[list[str]] | None = None  # header row first
    # The notes are the app's own words, where `backticks` mark a nextround command.
    commands: bool = False


def _when(data: Mapping[str, Any]) -> str:
    r = data["round"]
    parts = [r["starts_at"] or "date not set"]
    if r["duration_minutes"]:
        parts.append(count(r["duration_minutes"], "minute"))
    parts.append(f"{label('format', r['format'])}, {label('kind', r['kind'])}")
    if r["purpose"] != "unknown":
        parts.append(f"purpose: {label('purpose', r['purpose'])}")
    return " · ".join(parts)


def _title(data: Mapping[str, Any]) -> str:
    return f"Round {data['round']['number']} brief: {data['role']} at {data['company']}"


def _night_title(data: Mapping[str, Any]) -> str:
    return f"The night before round {data['round']['number']}: {data['role']} at {data['company']}"


def _due(value: str | None) -> str:
    if not value:
        return "any time"
    return short_day(dt.date.fromisoformat(value))


def _story_line(story: Mapping[str, Any] | None, gap: str | None) -> str:
    if story:
        return f"Your story “{story['title']}”: {story['reason']}"
    return gap or "No story backs this yet: write one before the day."


def _question_item(q: Mapping[str, Any]) -> Item:
    notes = [f"Why: {q['why']}"]
    if q["story"] or q["gap"]:
        notes.append(_story_line(q["story"], q["gap"]))
    return Item(
        q["text"],
        strong=True,
        tag=CATEGORY_LABELS.get(q["category"], ""),
        notes=notes,
        cls=q["category"],
    )


def _person_facts(p: Mapping[str, Any]) -> str:
    facts = [p["title"] or "", label("role", p["role"]), label("seniority", p["seniority"])]
    if p["years_at_company"] is not None:
        # "there", not "at the company": it may be a school, a trust or a firm.
        years = p["years_at_company"]
        facts.append(f"{years:g} year{'' if years == 1 else 's'} there")
    if p["earlier_employers"]:
        facts.append("before: " + ", ".join(p["earlier_employers"]))
    seen: list[str] = []
    for f in facts:
        if f and f.lower() not in (x.lower() for x in seen):
            seen.append(f)
    return "; ".join(seen)


def sections(data: Mapping[str, Any], *, with_checklist: bool = True) -> list[Section]:
    """The brief as sections of plain lines, shared by the Markdown, HTML and PDF forms."""
    out: list[Section] = []
    if data["missing"]:
        out.append(
            Section(
                "missing",
                "What is missing",
                [Item(m["what"], True, notes=[m["how"]]) for m in data["missing"]],
                commands=True,
            )
        )
    likely = data["likely_questions"]
    top = [q for q in likely if q["rehearse"]]
    rest = [q for q in likely if not q["rehearse"]]
    out.append(
        Section(
            "rehearse",
            f"The {len(top)} to rehearse" if top else "Questions to rehearse",
            [_question_item(q) for q in top],
            "No likely questions yet: record the last round's questions and feedback.",
            numbered=True,
        )
    )
    doubts = [
        Item(
            d["label"],
            True,
            tag={"focus": "Focus area", "check": "To confirm"}.get(d["kind"], "Doubt"),
            notes=[
                # A doubt named by its quote is not quoted again under it.
                f"{d['source']}, after round {d['round']}"
                if d["label"].startswith("“")
                else f"{d['source']}, after round {d['round']}: “{d['quote']}”",
                _story_line(d["story"], d["gap"]),
            ],
        )
        for d in data["doubts"]
    ]
    out.append(Section("doubts", "Doubts to answer", doubts, "The feedback raised no doubts."))
    good = [
        Item(p["question"], notes=[f"Round {p['round']}. {p['why']}"]) for p in data["reinforce"]
    ]
    good += [
        Item(f"“{x['quote']}”", notes=[f"{_source(x['source'])}, after round {x['round']}"])
        for x in data["praise"]
        if not any(x["quote"] in p["why"] for p in data["reinforce"])
    ]
    good += [
        Item(_said(x["note"]), notes=[f"Your note: what impressed in round {x['round']}"])
        for x in data["impressed"]
    ]
    out.append(Section("reinforce", "Reinforce", good, "Nothing recorded yet to build on."))
    bad = [
        Item(
            p["question"],
            notes=[f"Round {p['round']}. {p['why']}", *([p["advice"]] if p.get("advice") else [])],
        )
        for p in data["counter"]
    ]
    bad += [
        Item(_said(x["note"]), notes=[f"Your note: what fell flat in round {x['round']}"])
        for x in data["fell_flat"]
    ]
    out.append(Section("counter", "Counter", bad, "Nothing recorded to put right."))
    out.append(
        Section(
            "likely",
            "More likely questions",
            [_question_item(q) for q in rest],
            "",
            numbered=True,
            start=len(top) + 1,
        )
    )
    ev = data["evidence"]
    rows = [["Requirement", "Kind", "Your story", "Why"]]
    for row in ev["rows"]:
        best = row["stories"][0] if row["stories"] else None
        if best:
            story, why = best["title"], best["reason"]
        elif row.get("might_fit"):
            # Not a gap to fill: a story to check, named in the column the candidate reads.
            story, why = (
                f"Might fit: {row['might_fit'][0]['title']}",
                "Check it shows this before you rely on it, then link it.",
            )
        elif row.get("condition"):
            story, why = "No story needed", row["gap_advice"]
        else:
            story, why = "Gap", row["gap_advice"]
        # The words of the opportunity page, not "essential" and "desirable".
        kind = "Condition of the job" if row.get("condition") else REQUIREMENT_KINDS[row["kind"]]
        rows.append([first_capital(row["requirement"]), kind, story, why])
    intro = ""
    if ev["unused_stories"]:
        intro = "Stories that back no requirement: " + ", ".join(
            f"“{s['title']}”" for s in ev["unused_stories"]
        )
    out.append(
        Section(
            "evidence",
            "Evidence for each requirement",
            empty="No requirements yet.",
            table=rows if len(rows) > 1 else None,
            intro=intro,
        )
    )
    people = []
    for p in data["interviewers"]:
        notes = [n for n in [_person_facts(p)] if n]
        if p["research_notes"]:
            notes.append(f"Your notes: {p['research_notes']}")
        if p["care_about"]:
            notes.append("Probably cares about: " + "; ".join(p["care_about"]))
        notes += [f"Ask: {a['text']}" for a in p["questions_to_ask"]]
        people.append(
            Item(p["name"] + (" (new to you)" if p["new_to_you"] else ""), True, notes=notes)
        )
    out.append(Section("people", "Interviewers", people, "No interviewers recorded yet."))
    out.append(Section("logistics", "Logistics", [Item(x) for x in data["logistics"]]))
    out.append(Section("dress", "What to wear", [Item(data["dress"])]))
    out.append(Section("bring", "What to bring", [Item(x) for x in data["bring"]]))
    out.append(Section("mindset", "Mindset", [Item(x) for x in data["mindset"]]))
    if with_checklist:
        out.append(
            Section(
                "checklist",
                "Countdown checklist",
                [
                    Item(f"{_due(c['due_on'])}: {c['label']}", cls="done" if c["done"] else "todo")
                    for c in data["checklist"]
                ],
            )
        )
    return out


def _source(source: str) -> str:
    return {"consultant": "Your consultant", "interviewer": "The interviewer", "hr": "HR"}.get(
        source, "The feedback"
    )


def _lead(data: Mapping[str, Any]) -> str:
    r = data["round"]
    if r["days_left"] is not None and r["days_left"] >= 0:
        days = "Today." if r["days_left"] == 0 else f"{count(r['days_left'], 'day')} to go."
        return f"{days} {r['purpose_advice']}"
    return str(r["purpose_advice"])


# Markdown ----------------------------------------------------------------------------------


_ENTITY = re.compile(r"&(?=#?\w+;)")


def md(text: str) -> str:
    """User text made inert in Markdown: no raw HTML, no accidental emphasis or links.

    Angle brackets become entities, not backslash escapes: `\\<` is still a tag to Markdown
    renderers that follow the original syntax (Python-Markdown, Markdown.pl), and an entity
    reads as the character in every flavour.
    """
    out = _ENTITY.sub("&amp;", text.replace("\\", "\\\\"))
    out = out.replace("<", "&lt;").replace(">", "&gt;")
    for ch in "*_`[]":
        out = out.replace(ch, "\\" + ch)
    return " ".join(out.split())


_CODE = re.compile(r"`([^`<>]*)`")


def md_commands(text: str) -> str:
    """The app's own words as Markdown: each `command` a code span, the rest made inert."""
    parts = _CODE.split(text)
    out = "".join(f"`{p}`" if i % 2 else md(p).join(_edges(p)) for i, p in enumerate(parts))
    return " ".join(out.split())


def _edges(text: str) -> tuple[str, str]:
    """The spaces md() takes off either end of a piece, to put back around it."""
    return (" " if text[:1].isspace() else "", " " if text[-1:].isspace() else "")


def _md_section(sec: Section) -> list[str]:
    lines = [f"## {sec.title}", ""]
    if sec.intro:
        lines += [md(sec.intro), ""]
    if sec.table:
        head, *body = sec.table
        lines += ["| " + " | ".join(md(c) for c in head) + " |", "|" + "---|" * len(head)]
        lines += ["| " + " | ".join(md(c).replace("|", "/") for c in row) + " |" for row in body]
        return [*lines, ""]
    if not sec.items:
        return [*lines, md(sec.empty), ""] if sec.empty else []
    for n, item in enumerate(sec.items, start=sec.start):
        mark = (
            f"{n}."
            if sec.numbered
            else ("- [x]" if item.cls == "done" else "- [ ]" if item.cls == "todo" else "-")
        )
        main = f"**{md(item.text)}**" if item.strong else md(item.text)
        tag = f" _({md(item.tag)})_" if item.tag else ""
        lines.append(f"{mark} {main}{tag}")
        note = md_commands if sec.commands else md
        lines += [f"   {note(n_)}  " for n_ in item.notes]
    return [*lines, ""]


def to_markdown(data: Mapping[str, Any]) -> str:
    """A brief a person can read in any editor or paste into notes."""
    check(data)
    out: list[str] = [f"# {md(_title(data))}", "", md(_when(data)), "", md(_lead(data)), ""]
    for sec in sections(data):
        out += _md_section(sec)
    return "\n".join(out).rstrip() + "\n"


# HTML --------------------------------------------------------------------------------------


# On the web page a hint names the page to go to, as a link, and no command: those are for
# the Markdown, HTML and PDF files, which are read away from the app.
_COMMAND_CLAUSES = (
    re.compile(r" with `[^`]*`(?: and its \w+ with `[^`]*`)*, or"),  # "add it with `…`, or on"
    re.compile(r"`[^`]*`, or "),  # "`…`, or Edit round on the round page"
    re.compile(r",? or (?:with )?`[^`]*`(?:(?:,? then| and) `[^`]*`)*"),  # "…, or `…`."
)


def _html_commands(text: str, links: Mapping[str, str] | None) -> str:
    """A hint as HTML: its commands as code, or, on the web page, left out for linked pages."""
    if links is None:
        parts = _CODE.split(text)
        return "".join(
            f"<code>{escape(p)}</code>" if i % 2 else escape(p) for i, p in enumerate(parts)
        )
    for clause in _COMMAND_CLAUSES:
        text = clause.sub("", text)
    text = _CODE.sub(lambda found: found.group(1), text)
    text = text[:1].upper() + text[1:]
    out = escape(text)
    for phrase, url in links.items():
        out = out.replace(escape(phrase), f"<a href='{escape(url)}'>{escape(phrase)}</a>", 1)
    return out


def _html_section(sec: Section, links: Mapping[str, str] | None = None) -> str:
    h = [
        f"<section aria-labelledby='b-{sec.key}' class='b-{sec.key}'>"
        f"<h2 id='b-{sec.key}'>{escape(sec.title)}</h2>"
    ]
    if sec.intro:
        h.append(f"<p>{escape(sec.intro)}</p>")
    if sec.table:
        head, *body = sec.table
        # In a region of its own that scrolls, so a wide table never widens a phone's page.
        h.append(
            f"<div class='table-scroll' tabindex='0' role='region' aria-labelledby='b-{sec.key}'>"
            f"<table class='{sec.key}'><thead><tr>"
            + "".join(f"<th scope='col'>{escape(c)}</th>" for c in head)
            + "</tr></thead><tbody>"
        )
        for row in body:
            cells = [escape(c) for c in row]
            if row[2] == "Gap":
                cells[2] = "<strong>Gap: no story yet</strong>"
            h.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
        h.append("</tbody></table></div>")
    elif sec.items and sec.key == "people":
        for item in sec.items:
            h.append(f"<article class='person'><h3>{escape(item.text)}</h3>")
            h.append("".join(f"<p>{escape(n)}</p>" for n in item.notes) + "</article>")
    elif sec.items:
        tag = "ol" if sec.numbered else "ul"
        start = f" start='{sec.start}'" if sec.numbered and sec.start != 1 else ""
        h.append(f"<{tag} class='{sec.key}'{start}>")
        for item in sec.items:
            main = f"<strong>{escape(item.text)}</strong>" if item.strong else escape(item.text)
            badge = f" <span class='tag'>{escape(item.tag)}</span>" if item.tag else ""
            notes = "".join(
                f"<span class='why'>{_html_commands(n, links) if sec.commands else escape(n)}"
                "</span>"
                for n in item.notes
            )
            question = sec.key in ("rehearse", "likely")
            # A question's class is its category with a prefix: a bare "field" is the pages'
            # form-field style, which took the number off a "Field question" and stretched it.
            name = f"q-{item.cls}" if question and item.cls else item.cls
            cls = f" class='{escape(name)}'" if name else ""
            data_cat = f" data-category='{escape(item.cls)}'" if question else ""
            h.append(f"<li{cls}{data_cat}>{main}{badge}{notes}</li>")
        h.append(f"</{tag}>")
    elif sec.empty:
        h.append(f"<p class='muted'>{escape(sec.empty)}</p>")
    else:
        return ""
    h.append("</section>")
    return "".join(h)


def to_html_body(
    data: Mapping[str, Any], checklist: bool = True, links: Mapping[str, str] | None = None
) -> str:
    """The brief's sections as HTML (escaped), for a page or a printable document.

    Given links (a page's name in the hints, such as "the Stories page", and its address), the
    hints on what is missing link those pages and leave out the commands, as on the web page.
    """
    check(data)
    h = [f"<p class='purpose'>{escape(_lead(data))}</p>"]
    h += [_html_section(sec, links) for sec in sections(data, with_checklist=checklist)]
    return "\n".join(x for x in h if x)


def night_before(data: Mapping[str, Any]) -> list[Section]:
    """One printed page for the night before: the five, the doubts, where, when, what to wear."""
    keep = {"rehearse", "doubts"}
    picked = [s for s in sections(data, with_checklist=False) if s.key in keep]
    # A doubt's story line that one of the five already says is said once on one page.
    said = {n for s in picked if s.key == "rehearse" for item in s.items for n in item.notes}
    for sec in picked:
        if sec.key == "doubts":
            for item in sec.items:
                item.notes = [n for n in item.notes if n not in said]
    r = data["round"]
    where = [Item(_when(data))]
    if r["location"] and not r["location"].startswith(("http://", "https://")):
        where.append(Item(f"Address: {r['location']}"))
    if r["link"]:
        where.append(Item(f"Link: {r['link']}"))
    where += [Item(f"{p['name']}: {_person_facts(p)}") for p in data["interviewers"]]
    where.append(Item(f"Wear: {data['dress']}"))
    picked.append(Section("where", "Where, when, who", where))
    # What they said the day holds (a case study, a lesson to teach, a tour, what to bring), as
    # they wrote it: the night before is when a task set weeks ago is forgotten.
    facts = [f for f in data.get("facts", ()) if f["kind"] in _DAY_KINDS]
    facts.sort(key=lambda f: _DAY_KINDS.index(f["kind"]))
    if facts:
        # One sentence may be two kinds of fact ("Bring: …" is the agenda and what to bring):
        # it is said once.
        lines = dict.fromkeys(f"{f['source']}: \u201c{f['quote']}\u201d" for f in facts)
        day = [Item(line) for line in lines]
        picked.append(Section("day", "On the day, as they told you", day))
    return picked


# Kinds of logistics fact the night-before page repeats, tasks first.
_DAY_KINDS = ("presentation", "agenda", "tour", "bring", "arrival", "parking")


def night_before_markdown(data: Mapping[str, Any]) -> str:
    check(data)
    out = [f"# {md(_night_title(data))}", ""]
    for sec in night_before(data):
        out += _md_section(sec)
    return "\n".join(out).rstrip() + "\n"


def night_before_body(data: Mapping[str, Any]) -> str:
    """The night-before sections as escaped HTML, for a page."""
    check(data)
    return "\n".join(x for x in (_html_section(s) for s in night_before(data)) if x)


def night_before_html(data: Mapping[str, Any], scale: float = 1.0) -> str:
    """The night-before page as a standalone document, one printed page.

    scale below 1 sets its type and margins smaller, for a page that would run onto a second.
    """
    check(data)
    title = escape(_night_title(data))
    body = night_before_body(data)
    smaller = ""
    if scale < 1:
        smaller = (
            f"html {{ font-size: {10 * scale:.2f}pt; }} h1 {{ font-size: {18 * scale:.1f}pt; }} "
            f"h2 {{ font-size: {12.5 * scale:.1f}pt; margin-top: {16 * scale:.0f}pt; }} "
            f"@page {{ margin: {18 * scale:.0f}mm {17 * scale:.0f}mm {20 * scale:.0f}mm; }}"
        )
    return (
        "<!doctype html>\n<html lang='en'><head><meta charset='utf-8'>"
        f"<title>{title}</title><style>{PDF_CSS}{smaller}</style></head><body>"
        f"<h1>{title}</h1>{body}</body></html>\n"
    )


# The night before fits one sheet: type set smaller step by step, never below 7 pt.
NIGHT_BEFORE_SCALES = (1.0, 0.9, 0.82, 0.76, 0.7)


def to_html(data: Mapping[str, Any]) -> str:
    """A standalone HTML document, styled for screen and print."""
    check(data)
    title = escape(_title(data))
    return (
        "<!doctype html>\n<html lang='en'><head><meta charset='utf-8'>"
        f"<title>{title}</title><style>{PDF_CSS}</style></head><body>"
        f"<h1>{title}</h1><p class='sub'>{escape(_when(data))}</p>"
        f"{to_html_body(data)}</body></html>\n"
    )


def to_pdf(data: Mapping[str, Any], night_before: bool = False) -> bytes:
    """A printable A4 PDF, drawn by WeasyPrint (which needs Pango from the system)."""
    # WeasyPrint reports each step (even on import) at INFO; a brief needs only its warnings.
    for name in ("weasyprint", "weasyprint.progress", "fontTools"):
        logging.getLogger(name).setLevel(logging.WARNING)
    try:
        # WeasyPrint ships no type information.
        from weasyprint import HTML  # type: ignore[import-untyped]
    except (ImportError, OSError) as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise RenderError(
            "PDF needs WeasyPrint with Pango (Debian: apt-get install libpango-1.0-0 "
            f"libpangoft2-1.0-0 libharfbuzz-subset0): {first}"
        ) from None
    if not night_before:
        pdf = HTML(string=to_html(data)).write_pdf()
    else:
        for scale in NIGHT_BEFORE_SCALES:
            laid_out = HTML(string=night_before_html(data, scale)).render()
            if len(laid_out.pages) <= 1:
                break
        pdf = laid_out.write_pdf()
    assert isinstance(pdf, bytes)
    return pdf
