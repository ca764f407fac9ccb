"""Document reading: how much of the corpus comes through, and how fast."""

from __future__ import annotations

import dataclasses
import re
import time

from tests.formats import corpus
from tests.formats.corpus import Item

from bench.common import Row, median, timed
from nextround.formats.cv import parse_cv
from nextround.formats.documents import DocumentError, read_document
from nextround.formats.profile import parse_profile


def phrase_share(item: Item, text: str) -> tuple[int, int]:
    """Expected phrases found in order, out of all expected."""
    flat = re.sub(r"\s+", " ", text)
    found, position = 0, 0
    for phrase in item.phrases:
        at = flat.find(phrase, position)
        if at >= 0:
            found += 1
            position = at + len(phrase)
    return found, len(item.phrases)


def field_share(item: Item, text: str) -> tuple[int, int]:
    """Expected CV or profile fields found, out of all expected."""
    if item.kind == "cv":
        parse = parse_cv(text)
        got = {(r.employer, r.title, r.start_ym, r.end_ym) for r in parse.roles}
        roles = sum((e.employer, e.title, e.start, e.end) in got for e in item.roles)
        skills = sum(s in parse.skills for s in item.skills)
        return roles + skills, len(item.roles) + len(item.skills)
    if item.kind == "profile":
        profile = parse_profile(text, corpus.PROFILE_TODAY)
        expected = item.profile
        fields: dict[str, object] = {
            "name": profile.name,
            "title": profile.title,
            "current_company": profile.current_company,
            "years_at_company": profile.years_at_company,
            "earlier_employers": profile.earlier_employers,
            "schools": tuple(e.split(" — ")[0] for e in profile.education),
            "skills": profile.skills,
        }
        return sum(fields[k] == v for k, v in expected.items()), len(expected)
    return 0, 0


def accuracy_rows() -> list[Row]:
    totals: dict[str, list[int]] = {}
    for item in corpus.items():
        if item.kind == "bad":
            try:
                read_document(item.data, item.filename)
                ok = 0
            except DocumentError as exc:
                ok = int(item.error in str(exc))
            totals.setdefault("bad files refused with the right message", [0, 0])
            totals["bad files refused with the right message"][0] += ok
            totals["bad files refused with the right message"][1] += 1
            continue
        document = read_document(item.data, item.filename)
        found, total = phrase_share(item, document.text)
        key = f"{item.kind} phrases in order ({document.kind})"
        totals.setdefault(key, [0, 0])
        totals[key][0] += found
        totals[key][1] += total
        found, total = field_share(item, document.text)
        if total:
            key = f"{item.kind} fields ({document.kind})"
            totals.setdefault(key, [0, 0])
            totals[key][0] += found
            totals[key][1] += total
    rows = []
    for measure, (found, total) in sorted(totals.items()):
        share = found / total
        rows.append(
            Row("documents", measure, f"{share:.0%} ({found}/{total})", "100%", share == 1.0)
        )
    return rows


def three_page_cv() -> bytes:
    """A long CV: the sample candidate's roles repeated until the PDF runs to three pages."""
    person = corpus.MAYA
    longer = dataclasses.replace(person, roles=person.roles * 9)
    doc = corpus.Pdf()
    doc.blocks(corpus.cv_blocks(longer))
    doc.footer_numbers()
    return doc.bytes()


def cv_rows() -> list[Row]:
    """Reading and parsing a 3-page PDF CV, as `nextround cv import` does before saving."""
    data = three_page_cv()
    document = read_document(data, "long-cv.pdf")

    def read_and_parse() -> None:
        parse_cv(read_document(data, "long-cv.pdf").text)

    ms = median(timed(read_and_parse, repeat=5))
    drafts = len(parse_cv(document.text).story_drafts)
    return [
        Row(
            "documents",
            f"read and parse a {document.pages}-page PDF CV (median of 5)",
            f"{ms:.0f} ms ({drafts} drafts)",
            "< 1000 ms",
            ms < 1000 and document.pages == 3,
        )
    ]


def run() -> list[Row]:
    """Accuracy on the generated corpus, time for a 3-page PDF and for 100 documents."""
    rows = accuracy_rows()
    pdf = corpus.item("jd_pdf")
    pdf_ms = median(timed(lambda: read_document(pdf.data, pdf.filename), repeat=5))
    rows.append(
        Row(
            "documents",
            "read a 3-page PDF (median of 5)",
            f"{pdf_ms:.0f} ms",
            "< 1000 ms",
            pdf_ms < 1000,
        )
    )
    rows.extend(cv_rows())
    readable = [i for i in corpus.items() if i.kind != "bad"]
    started = time.perf_counter()
    for n in range(100):
        item = readable[n % len(readable)]
        read_document(item.data, item.filename)
    batch_s = time.perf_counter() - started
    rows.append(
        Row(
            "documents",
            "read 100 documents (mixed kinds)",
            f"{batch_s:.2f} s",
            "< 30 s",
            batch_s < 30,
        )
    )
    return rows


if __name__ == "__main__":
    for row in run():
        mark = "" if row.ok is None else (" ok" if row.ok else " MISSED")
        print(f"{row.area:10} {row.measure:48} {row.value:>14}  {row.target}{mark}")
