"""Read the text layer of a PDF into Markdown, reading multi-column pages column by column."""

from __future__ import annotations

import io
import re
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

from pdfminer.converter import PDFPageAggregator
from pdfminer.layout import (
    LAParams,
    LTChar,
    LTContainer,
    LTFigure,
    LTImage,
    LTItem,
    LTPage,
    LTTextLineHorizontal,
)
from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser
from pdfminer.pdftypes import resolve1

from nextround.formats.documents import BULLET_GLYPHS, DocumentError

# A hostile or huge PDF must not hold a request for minutes: stop reading pages after this long.
TIME_LIMIT_S = 20.0

BULLET = re.compile(rf"^[{re.escape(BULLET_GLYPHS)}]\s*(\S.*)$")
NUMBERED = re.compile(r"^(\d{1,2})[.)]\s+(\S.*)$")
PAGE_NUMBER = re.compile(r"^(page\s*)?\d{1,4}(\s*(/|of)\s*\d{1,4})?$", re.IGNORECASE)
BOLD_FONT = re.compile(r"bold|black|heavy|semibold|demi", re.IGNORECASE)


@dataclass(frozen=True)
class Line:
    """One line of text on a page, with its box (top measured from the page's top edge)."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool
    right: float = 0.0  # right edge of the column the line sits in, set once columns are known


def read_pdf(data: bytes, name: str, *, max_pages: int) -> tuple[str, int, tuple[str, ...]]:
    """Markdown text, page count and warnings for the bytes of a PDF."""
    warnings: list[str] = []
    try:
        parser = PDFParser(io.BytesIO(data))
        # pdfminer tries the empty password itself, which opens PDFs locked only against editing.
        document = PDFDocument(parser, password="")
        total = page_count(document)
        pages = read_pages(document, name, max_pages, warnings)
    except DocumentError:
        raise
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise DocumentError(
            f"{name}: the PDF is password-protected: remove the password and try again"
        ) from exc
    except Exception as exc:
        # pdfminer raises many unrelated types on damaged input; all mean the same to the user.
        raise DocumentError(f"{name}: the PDF is damaged or truncated and cannot be read") from exc
    if not pages:
        raise DocumentError(f"{name}: the PDF has no pages")
    if total and total > len(pages):
        warnings.append(f"{name}: only the first {len(pages)} of {total} pages were read")
    if not any(lines for lines, _, _ in pages):
        raise DocumentError(
            f"{name}: the PDF has no text layer (it looks scanned) and needs OCR, "
            "which nextround does not include"
        )
    for number, (lines, has_image, _) in enumerate(pages, start=1):
        if not lines and has_image:
            warnings.append(f"{name}: page {number} has no text layer (scanned?) and was skipped")
    ordered = drop_running_heads([(lines, height) for lines, _, height in pages])
    return to_markdown(ordered), max(total, len(pages)), tuple(warnings)


def page_count(document: PDFDocument) -> int:
    """The page count the PDF declares, or 0 when it does not say."""
    try:
        pages = resolve1(document.catalog["Pages"])
        return int(resolve1(pages["Count"]))
    except Exception:
        return 0


def read_pages(
    document: PDFDocument, name: str, max_pages: int, warnings: list[str]
) -> list[tuple[list[Line], bool, float]]:
    """Lines in reading order for each page, and whether the page holds an image."""
    resources = PDFResourceManager(caching=True)
    # A narrower char margin than the default keeps two close columns from merging into one line.
    device = PDFPageAggregator(resources, laparams=LAParams(char_margin=2.5, line_margin=0.3))
    interpreter = PDFPageInterpreter(resources, device)
    started = time.monotonic()
    pages: list[tuple[list[Line], bool, float]] = []
    for page in PDFPage.create_pages(document):
        if len(pages) >= max_pages:
            break
        if time.monotonic() - started > TIME_LIMIT_S:
            warnings.append(f"{name}: reading stopped after {TIME_LIMIT_S:.0f} s")
            break
        interpreter.process_page(page)
        layout = device.get_result()
        lines = [line for line in page_lines(layout) if line.text]
        ordered = order_lines(lines, 0.0, layout.width, 0)
        pages.append((ordered, has_images(layout), layout.height))
    return pages


def walk(item: LTItem) -> Iterator[LTItem]:
    yield item
    if isinstance(item, LTContainer):
        for child in item:
            yield from walk(child)


def has_images(layout: LTPage) -> bool:
    return any(isinstance(item, LTImage | LTFigure) for item in walk(layout))


def page_lines(layout: LTPage) -> Iterator[Line]:
    """Every horizontal text line on a page, with its dominant font size and weight."""
    height = layout.height
    for item in walk(layout):
        if not isinstance(item, LTTextLineHorizontal):
            continue
        chars = [c for c in item if isinstance(c, LTChar) and c.get_text().strip()]
        if not chars:
            continue
        sizes = Counter(round(c.size * 2) / 2 for c in chars)
        bold = sum(1 for c in chars if BOLD_FONT.search(c.fontname)) > len(chars) / 2
        text = re.sub(r"\s+", " ", item.get_text()).strip()
        yield Line(
            text=text,
            x0=item.x0,
            x1=item.x1,
            top=height - item.y1,
            bottom=height - item.y0,
            size=sizes.most_common(1)[0][0],
            bold=bold,
        )


def order_lines(lines: list[Line], left: float, right: float, depth: int) -> list[Line]:
    """Lines in reading order: top to bottom, and column by column where the page has columns."""
    gutter = find_gutter(lines, left, right) if depth < 2 else None
    if gutter is None:
        return rows(lines)
    ordered: list[Line] = []
    band_left: list[Line] = []
    band_right: list[Line] = []

    def flush() -> None:
        ordered.extend(order_lines(band_left, left, gutter, depth + 1))
        ordered.extend(order_lines(band_right, gutter, right, depth + 1))
        band_left.clear()
        band_right.clear()

    # A line crossing the gutter (a title across both columns) closes the band above it.
    for line in sorted(lines, key=lambda ln: ln.top):
        if line.x0 < gutter < line.x1:
            flush()
            ordered.append(replace(line, right=right))
        elif line.x1 <= gutter:
            band_left.append(line)
        else:
            band_right.append(line)
    flush()
    return ordered


def rows(lines: list[Line]) -> list[Line]:
    """Top to bottom, left to right within a visual row, bullets joined to their text."""
    ordered: list[Line] = []
    row: list[Line] = []
    right = max((ln.x1 for ln in lines), default=0.0)
    for line in sorted(lines, key=lambda ln: (ln.top + ln.bottom) / 2):
        mid = (line.top + line.bottom) / 2
        if row and abs(mid - (row[0].top + row[0].bottom) / 2) > row[0].size * 0.4:
            ordered.extend(join_row(row, right))
            row = []
        row.append(line)
    ordered.extend(join_row(row, right))
    return ordered


def join_row(row: list[Line], right: float) -> list[Line]:
    """One row's pieces left to right; a lone bullet glyph is joined to the text beside it."""
    pieces = sorted(row, key=lambda ln: ln.x0)
    out: list[Line] = []
    for piece in pieces:
        piece = replace(piece, right=right)
        if out and is_marker(out[-1].text):
            glyph = out.pop()
            piece = replace(piece, text=f"{glyph.text} {piece.text}", x0=glyph.x0)
        out.append(piece)
    return out


def is_marker(text: str) -> bool:
    return (len(text) == 1 and text in BULLET_GLYPHS) or bool(re.fullmatch(r"\d{1,2}[.)]", text))


def find_gutter(lines: list[Line], left: float, right: float) -> float | None:
    """The x of an empty vertical strip that splits the lines into two columns, if there is one."""
    if len(lines) < 8:
        return None
    width = right - left
    best: list[tuple[int, float]] = []
    x = left + 0.2 * width
    while x < left + 0.8 * width:
        crossing = sum(1 for ln in lines if ln.x0 < x < ln.x1)
        on_left = sum(1 for ln in lines if ln.x1 <= x)
        on_right = sum(1 for ln in lines if ln.x0 >= x)
        # Lines across the gutter are allowed (titles, a header) but must be few.
        if on_left >= 4 and on_right >= 4 and crossing <= 0.2 * len(lines):
            best.append((crossing, x))
        x += 2.0
    if not best:
        return None
    fewest = min(c for c, _ in best)
    strip = [x for c, x in best if c == fewest]
    # The middle of the longest run of equally empty positions is the gutter.
    runs: list[list[float]] = [[strip[0]]]
    for x in strip[1:]:
        if x - runs[-1][-1] <= 2.01:
            runs[-1].append(x)
        else:
            runs.append([x])
    run = max(runs, key=len)
    gutter = (run[0] + run[-1]) / 2
    right_side = [ln.x0 for ln in lines if ln.x0 >= gutter]
    edge = min(right_side)
    # A real column starts its lines at one left edge; right-aligned dates do not.
    aligned = sum(1 for x0 in right_side if x0 - edge < 3.0)
    if aligned < 0.4 * len(right_side):
        return None
    return gutter


def drop_running_heads(pages: list[tuple[list[Line], float]]) -> list[Line]:
    """All lines in order, without page numbers and headers or footers repeated on every page."""
    edges: Counter[str] = Counter()
    for lines, height in pages:
        for text in {ln.text for ln in lines if at_edge(ln, height)}:
            edges[text] += 1
    repeated = {t for t, n in edges.items() if len(pages) > 1 and n == len(pages)}
    kept: list[Line] = []
    for lines, height in pages:
        for ln in lines:
            edge = at_edge(ln, height)
            if edge and (ln.text in repeated or PAGE_NUMBER.match(ln.text)):
                continue
            kept.append(ln)
    return kept


def at_edge(line: Line, height: float) -> bool:
    """In the top or bottom margin of the page, where running heads and page numbers sit."""
    return line.top < 0.08 * height or line.bottom > 0.92 * height


def heading_levels(lines: Iterable[Line]) -> tuple[float, dict[float, int]]:
    """The body font size and a heading level for each larger size in use."""
    weights: Counter[float] = Counter()
    for ln in lines:
        weights[ln.size] += len(ln.text)
    if not weights:
        return 0.0, {}
    body = weights.most_common(1)[0][0]
    larger = sorted((s for s in weights if s >= body * 1.15), reverse=True)
    return body, {size: min(index + 1, 3) for index, size in enumerate(larger)}


def to_markdown(lines: list[Line]) -> str:
    """Join lines into headings, list items and paragraphs."""
    body, levels = heading_levels(lines)
    blocks: list[tuple[str, str]] = []
    current: list[str] = []
    kind = ""  # "p", "li", "h" or "" between blocks
    indent_x = 0.0
    previous: Line | None = None

    def flush() -> None:
        nonlocal kind
        if current:
            blocks.append((kind, " ".join(current)))
        current.clear()
        kind = ""

    for line in lines:
        text = line.text
        same_row = previous is not None and abs(line.top - previous.top) < line.size * 0.4
        gap = line.top - previous.bottom if previous else 1e9
        close = previous is not None and (same_row or 0 <= gap < line.size * 0.7)
        same_look = previous is not None and (previous.size, previous.bold) == (
            line.size,
            line.bold,
        )
        wrapped = previous is not None and same_look and was_wrapped(previous, text)
        bullet = BULLET.match(text)
        numbered = NUMBERED.match(text)
        if line.size in levels and not bullet:
            if kind == "h" and close and same_look:
                current.append(text)
            else:
                flush()
                kind = "h"
                current.append("#" * levels[line.size] + " " + text)
        elif is_bold_heading(line, body) and not bullet and not numbered and not same_row:
            flush()
            blocks.append(("h", "### " + text))
        elif bullet or numbered:
            flush()
            kind = "li"
            indent_x = line.x0
            if bullet:
                current.append("- " + bullet.group(1))
            elif numbered:
                current.append(f"{numbered.group(1)}. {numbered.group(2)}")
        elif kind == "li" and close and wrapped and line.x0 >= indent_x - 1:
            append(current, text)
        elif kind == "p" and close and same_row and previous is not None:
            # Pieces of one row far apart (a title and its dates) stay visibly apart.
            far = line.x0 - previous.x1 > line.size * 3
            current.append(("| " if far else "") + text)
        elif kind == "p" and close and wrapped:
            append(current, text)
        elif kind == "p" and close and same_look:
            # A short line followed by another is a line break the author meant.
            current.append("\n" + text)
        else:
            flush()
            kind = "p"
            current.append(text)
        previous = line
    flush()
    return join_blocks(blocks)


def was_wrapped(previous: Line, text: str) -> bool:
    """True when the line before ended only because the next word did not fit on it."""
    first_word = text.split(" ", 1)[0]
    # About half an em per character is close enough for proportional fonts.
    needed = (len(first_word) + 1) * previous.size * 0.5
    return previous.x1 + needed > previous.right - 2


def join_blocks(blocks: list[tuple[str, str]]) -> str:
    """Blank lines between blocks, but none between the items of one list."""
    out: list[str] = []
    previous = ""
    for kind, text in blocks:
        if out:
            out.append("\n" if kind == previous == "li" else "\n\n")
        out.append(text)
        previous = kind
    return "".join(out)


def append(current: list[str], text: str) -> None:
    """Continue a wrapped line, keeping a hyphen at the break as it stood."""
    if current and current[-1].endswith("-") and text[:1].islower():
        current[-1] = current[-1] + text
    else:
        current.append(text)


def is_bold_heading(line: Line, body: float) -> bool:
    """A short bold line at body size that does not read as a sentence."""
    text = line.text
    return (
        line.bold
        and line.size >= body * 0.95
        and len(text) <= 60
        and not text.endswith((".", ",", ";"))
        and any(ch.isalpha() for ch in text)
    )
