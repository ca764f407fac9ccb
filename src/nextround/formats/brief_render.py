"""The round brief as Markdown, HTML, PDF (WeasyPrint) and JSON, from its plain-data form."""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Mapping
from html import escape
from typing import Any

SCHEMA = "nextround.brief"
SUPPORTED_VERSIONS = (1,)
CATEGORY_LABELS = {
    "repeat": "Asked before",
    "follow-up": "Follow-up",
    "concern": "Concern",
    "probe": "Specialist probe",
    "motivation": "Commitment",
    "fit": "Fit and team",
    "curveball": "Curveball",
    "staple": "Second-round staple",
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


def check(data: Mapping[str, Any]) -> None:
    """Refuse data that is not a brief of a version this renderer knows."""
    if not isinstance(data, Mapping) or data.get("schema") != SCHEMA:
        raise RenderError("not a nextround brief (its 'schema' is not nextround.brief)")
    if data.get("schema_version") not in SUPPORTED_VERSIONS:
        raise RenderError(f"brief schema_version {data.get('schema_version')!r} is not supported")


def to_json(data: Mapping[str, Any]) -> str:
    check(data)
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _when(data: Mapping[str, Any]) -> str:
    r = data["round"]
    parts = [r["starts_at"] or "date not set"]
    if r["duration_minutes"]:
        parts.append(f"{r['duration_minutes']} minutes")
    parts.append(f"{r['format']}, {r['kind']}")
    if r["purpose"] != "unknown":
        parts.append(f"purpose: {r['purpose']}")
    return " · ".join(parts)


def _title(data: Mapping[str, Any]) -> str:
    return f"Round {data['round']['number']} brief: {data['role']} at {data['company']}"


def _due(value: str | None) -> str:
    if not value:
        return "any time"
    return dt.date.fromisoformat(value).strftime("%a %d %b")


# Markdown ----------------------------------------------------------------------------------


def to_markdown(data: Mapping[str, Any]) -> str:
    """A brief a person can read in any editor or paste into notes."""
    check(data)
    out: list[str] = [f"# {_title(data)}", "", _when(data), ""]
    r = data["round"]
    if r["days_left"] is not None and r["days_left"] >= 0:
        out += [f"**{r['days_left']} day(s) to go.** {r['purpose_advice']}", ""]
    else:
        out += [r["purpose_advice"], ""]
    if data["missing"]:
        out += ["## What is missing", ""]
        out += [f"- **{m['what']}** {m['how']}" for m in data["missing"]]
        out.append("")
    out += ["## Reinforce", ""]
    items = [f"- {p['question']} (round {p['round']}): {p['why']}" for p in data["reinforce"]]
    items += [f"- Praise: {x['topic']} — “{x['quote']}”" for x in data["praise"]]
    items += [f"- Impressed in round {x['round']}: {x['note']}" for x in data["impressed"]]
    out += (items or ["- Nothing recorded yet to build on."]) + [""]
    out += ["## Counter", ""]
    items = [f"- {p['question']} (round {p['round']}): {p['why']}" for p in data["counter"]]
    for x in data["concerns"]:
        req = f" (requirement: {x['requirement']})" if x["requirement"] else ""
        items.append(f"- Concern: **{x['topic']}**{req} — “{x['quote']}”")
    items += [f"- Fell flat in round {x['round']}: {x['note']}" for x in data["fell_flat"]]
    out += (items or ["- Nothing recorded to put right."]) + [""]
    out += ["## Likely questions", ""]
    for n, q in enumerate(data["likely_questions"], start=1):
        label = CATEGORY_LABELS.get(q["category"], q["category"])
        out.append(f"{n}. **{q['text']}** _({label})_  ")
        out.append(f"   Why: {q['why']}  ")
        story = q["story"]
        out.append(
            f"   Story: {story['title']} — {story['reason']}" if story else "   Story: none yet"
        )
    out += ["", "## Evidence for each requirement", ""]
    ev = data["evidence"]
    if ev["rows"]:
        out += ["| Requirement | Kind | Best story | Why |", "|---|---|---|---|"]
        for row in ev["rows"]:
            best = row["stories"][0] if row["stories"] else None
            cells = [
                row["requirement"],
                row["kind"],
                best["title"] if best else "**gap**",
                best["reason"] if best else "no story yet",
            ]
            out.append("| " + " | ".join(c.replace("|", "/") for c in cells) + " |")
    else:
        out.append("No requirements yet.")
    if ev["unused_stories"]:
        titles = ", ".join(s["title"] for s in ev["unused_stories"])
        out += ["", f"Stories that back no requirement: {titles}"]
    out += ["", "## Interviewers", ""]
    for p in data["interviewers"]:
        facts = [x for x in (p["title"], p["role"], p["seniority"]) if x and x != "unknown"]
        if p["years_at_company"] is not None:
            facts.append(f"{p['years_at_company']:g} years at the company")
        if p["earlier_employers"]:
            facts.append("before: " + ", ".join(p["earlier_employers"]))
        new = " (new to you)" if p["new_to_you"] else ""
        out += [f"### {p['name']}{new}", "", "; ".join(facts), ""]
        if p["research_notes"]:
            out += [f"Notes: {p['research_notes']}", ""]
        out.append("Probably cares about: " + "; ".join(p["care_about"]))
        out += ["", "Questions to ask:"]
        out += [f"- {a['text']}" for a in p["questions_to_ask"]]
        out.append("")
    if not data["interviewers"]:
        out += ["No interviewers recorded yet.", ""]
    out += ["## Logistics", ""] + [f"- {x}" for x in data["logistics"]]
    out += ["", "## What to wear", "", data["dress"], "", "## What to bring", ""]
    out += [f"- {x}" for x in data["bring"]]
    out += ["", "## Mindset", ""] + [f"- {x}" for x in data["mindset"]]
    out += ["", "## Countdown checklist", ""]
    for c in data["checklist"]:
        out.append(f"- [{'x' if c['done'] else ' '}] {_due(c['due_on'])}: {c['label']}")
    return "\n".join(out).rstrip() + "\n"


# HTML --------------------------------------------------------------------------------------


def _li(items: list[str]) -> str:
    return "".join(f"<li>{i}</li>" for i in items)


def _point(p: Mapping[str, Any]) -> str:
    return (
        f"{escape(p['question'])} <span class='muted'>(round {p['round']})</span>"
        f"<span class='why'>{escape(p['why'])}</span>"
    )


def to_html_body(data: Mapping[str, Any], checklist: bool = True) -> str:
    """The brief's sections as HTML (escaped), for a page or a printable document."""
    check(data)
    h: list[str] = []
    r = data["round"]
    if data["missing"]:
        h.append("<section class='missing' aria-labelledby='b-missing'>")
        h.append("<h2 id='b-missing'>What is missing</h2><ul>")
        h += [
            f"<li><strong>{escape(m['what'])}</strong> {escape(m['how'])}</li>"
            for m in data["missing"]
        ]
        h.append("</ul></section>")
    h.append(f"<p class='purpose'>{escape(r['purpose_advice'])}</p>")
    good = [_point(p) for p in data["reinforce"]]
    good += [
        f"Praise: <strong>{escape(x['topic'])}</strong>"
        f"<span class='why'>“{escape(x['quote'])}”</span>"
        for x in data["praise"]
    ]
    good += [f"Impressed in round {x['round']}: {escape(x['note'])}" for x in data["impressed"]]
    bad = [_point(p) for p in data["counter"]]
    for x in data["concerns"]:
        req = f" — requirement: {escape(x['requirement'])}" if x["requirement"] else ""
        bad.append(
            f"Concern: <strong>{escape(x['topic'])}</strong>{req}"
            f"<span class='why'>{escape(x['source'])} feedback, round {x['round']}: "
            f"“{escape(x['quote'])}”</span>"
        )
    bad += [f"Fell flat in round {x['round']}: {escape(x['note'])}" for x in data["fell_flat"]]
    h.append("<section aria-labelledby='b-reinforce'><h2 id='b-reinforce'>Reinforce</h2>")
    h.append(
        f"<ul class='reinforce'>{_li(good)}</ul>"
        if good
        else "<p class='muted'>Nothing recorded yet to build on.</p>"
    )
    h.append("</section><section aria-labelledby='b-counter'><h2 id='b-counter'>Counter</h2>")
    h.append(
        f"<ul class='counter'>{_li(bad)}</ul>"
        if bad
        else "<p class='muted'>Nothing recorded to put right.</p>"
    )
    h.append("</section>")
    h.append(
        "<section aria-labelledby='b-likely'><h2 id='b-likely'>Likely questions</h2>"
        "<ol class='likely'>"
    )
    for q in data["likely_questions"]:
        label = CATEGORY_LABELS.get(q["category"], q["category"])
        story = q["story"]
        story_html = (
            f"Story: <strong>{escape(story['title'])}</strong> — {escape(story['reason'])}"
            if story
            else "Story: none yet"
        )
        h.append(
            f"<li data-category='{escape(q['category'])}'><strong>{escape(q['text'])}</strong>"
            f" <span class='tag'>{escape(label)}</span>"
            f"<span class='why'>Why: {escape(q['why'])}</span>"
            f"<span class='use-story'>{story_html}</span></li>"
        )
    h.append("</ol></section>")
    ev = data["evidence"]
    h.append(
        "<section aria-labelledby='b-evidence'><h2 id='b-evidence'>Evidence for each "
        "requirement</h2>"
    )
    if ev["rows"]:
        h.append(
            "<table class='evidence'><thead><tr><th scope='col'>Requirement</th>"
            "<th scope='col'>Kind</th><th scope='col'>Best story</th>"
            "<th scope='col'>Why</th></tr></thead><tbody>"
        )
        for row in ev["rows"]:
            best = row["stories"][0] if row["stories"] else None
            story = escape(best["title"]) if best else "<strong>Gap: no story yet</strong>"
            h.append(
                f"<tr><td>{escape(row['requirement'])}</td><td>{escape(row['kind'])}</td>"
                f"<td>{story}</td><td>{escape(best['reason']) if best else ''}</td></tr>"
            )
        h.append("</tbody></table>")
    else:
        h.append("<p class='muted'>No requirements yet.</p>")
    if ev["unused_stories"]:
        titles = ", ".join(escape(s["title"]) for s in ev["unused_stories"])
        h.append(f"<p>Stories that back no requirement: {titles}</p>")
    h.append("</section><section aria-labelledby='b-people'><h2 id='b-people'>Interviewers</h2>")
    for p in data["interviewers"]:
        facts = [escape(x) for x in (p["title"], p["role"], p["seniority"]) if x and x != "unknown"]
        if p["years_at_company"] is not None:
            facts.append(f"{p['years_at_company']:g} years at the company")
        if p["earlier_employers"]:
            facts.append("before: " + escape(", ".join(p["earlier_employers"])))
        new = " <span class='tag'>new to you</span>" if p["new_to_you"] else ""
        h.append(
            f"<article class='person'><h3>{escape(p['name'])}{new}</h3><p>{' · '.join(facts)}</p>"
        )
        if p["research_notes"]:
            h.append(f"<p>Notes: {escape(p['research_notes'])}</p>")
        h.append(
            "<p><strong>Probably cares about:</strong> "
            f"{escape('; '.join(p['care_about']))}</p><p><strong>Questions to ask</strong></p>"
        )
        h.append(
            "<ul>" + _li([escape(a["text"]) for a in p["questions_to_ask"]]) + "</ul></article>"
        )
    if not data["interviewers"]:
        h.append("<p class='muted'>No interviewers recorded yet.</p>")
    h.append("</section><section aria-labelledby='b-logistics'><h2 id='b-logistics'>Logistics</h2>")
    h.append("<ul>" + _li([escape(x) for x in data["logistics"]]) + "</ul>")
    h.append(
        f"<h3>What to wear</h3><p>{escape(data['dress'])}</p><h3>What to bring</h3><ul>"
        + _li([escape(x) for x in data["bring"]])
        + "</ul><h3>Mindset</h3><ul>"
        + _li([escape(x) for x in data["mindset"]])
        + "</ul></section>"
    )
    if checklist:
        h.append(
            "<section aria-labelledby='b-checklist'><h2 id='b-checklist'>Countdown "
            "checklist</h2><ul class='checklist'>"
        )
        for c in data["checklist"]:
            cls = " class='done'" if c["done"] else ""
            h.append(f"<li{cls}>{escape(_due(c['due_on']))}: {escape(c['label'])}</li>")
        h.append("</ul></section>")
    return "\n".join(h)


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


def to_pdf(data: Mapping[str, Any]) -> bytes:
    """A printable A4 PDF, drawn by WeasyPrint (which needs Pango from the system)."""
    document = to_html(data)
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
    pdf = HTML(string=document).write_pdf()
    assert isinstance(pdf, bytes)
    return pdf
