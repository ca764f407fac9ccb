"""Read the text layer of a PDF into Markdown, reading multi-column pages column by column.

pdfminer runs in a child process with limits on processor time and memory, and counts characters
as it reads, so that a hostile or broken PDF costs seconds and a bounded amount of memory.
"""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
import time
import zlib
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from typing import Any

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

# What one PDF may cost. A CV or a job description is far below every one of these.
MAX_INFLATED_BYTES = 200 * 1024 * 1024  # all compressed streams together, once inflated
MAX_PAGE_CHARS = 20_000  # a dense A4 page holds about 6,000
MAX_DOCUMENT_CHARS = 200_000  # a long job description is 30,000
MAX_DECLARED_PAGES = 10_000
# Stop reading further pages after this long (what was read is kept, with a warning)...
TIME_LIMIT_S = 10.0
# ...and give up on the file when one page alone takes this long.
PAGE_TIME_LIMIT_S = 10.0
# The child process: processor seconds, address space, and the wall clock the parent waits.
CHILD_CPU_S = 15
CHILD_MEMORY_BYTES = 768 * 1024 * 1024
CHILD_WALL_S = 20.0

STREAM_START = re.compile(rb"(?<!end)stream(?:\r\n|\n|\r)")


class TooLarge(Exception):
    """The PDF passed one of the limits; the message says which."""


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
    """Markdown text, page count and warnings for the bytes of a PDF, read in a child process."""
    check_inflated(data, name)
    command = [sys.executable, "-m", "nextround.formats.pdf", str(max_pages), name]
    try:
        done = subprocess.run(
            command,
            input=data,
            capture_output=True,
            timeout=CHILD_WALL_S,
            check=False,
            env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
        )
    except subprocess.TimeoutExpired:
        raise too_large(name, f"reading it took longer than {CHILD_WALL_S:.0f} s") from None
    except OSError as exc:
        raise DocumentError(f"{name}: the PDF reader could not be started ({exc})") from exc
    try:
        answer = json.loads(done.stdout)
    except ValueError:
        answer = None
    if not isinstance(answer, dict):
        # Killed by a limit: SIGXCPU for processor time, or a failed allocation that aborted.
        if done.returncode in (-24, -9):
            raise too_large(name, f"reading it took more than {CHILD_CPU_S} s of processor time")
        raise too_large(name, f"it needs more than {CHILD_MEMORY_BYTES // 2**20} MB of memory")
    if "error" in answer:
        raise DocumentError(str(answer["error"]))
    return str(answer["text"]), int(answer["pages"]), tuple(str(w) for w in answer["warnings"])


def too_large(name: str, reason: str) -> DocumentError:
    return DocumentError(f"{name}: this PDF is too large to read: {reason}")


def check_inflated(data: bytes, name: str) -> None:
    """Refuse a PDF whose compressed streams inflate past the limit, inflating at most that much.

    Input goes in 64 KB at a time and output comes out 1 MB at a time, so the check itself needs
    about a megabyte whatever the file holds.
    """
    view = memoryview(data)
    budget = MAX_INFLATED_BYTES
    step = 1024 * 1024
    for match in STREAM_START.finditer(data):
        inflater = zlib.decompressobj()
        position = match.end()
        try:
            while position < len(data) and not inflater.eof:
                chunk = view[position : position + 65536]
                position += len(chunk)
                out = inflater.decompress(chunk, step)
                budget -= len(out)
                while inflater.unconsumed_tail and out and budget >= 0:
                    out = inflater.decompress(inflater.unconsumed_tail, step)
                    budget -= len(out)
                if budget < 0:
                    raise too_large(
                        name,
                        f"its compressed streams inflate to more than "
                        f"{MAX_INFLATED_BYTES // 2**20} MB",
                    )
        except zlib.error:
            continue  # not a deflated stream (or a damaged one): pdfminer will judge it


def read_pdf_here(data: bytes, name: str, *, max_pages: int) -> tuple[str, int, tuple[str, ...]]:
    """Markdown text, page count and warnings for the bytes of a PDF, read in this process."""
    warnings: list[str] = []
    try:
        parser = PDFParser(io.BytesIO(data))
        # pdfminer tries the empty password itself, which opens PDFs locked only against editing.
        document = PDFDocument(parser, password="")
        total = page_count(document)
        if total > MAX_DECLARED_PAGES:
            raise DocumentError(
                f"{name}: the PDF claims {total:,} pages; nextround reads PDFs of up to "
                f"{MAX_DECLARED_PAGES:,} pages"
            )
        pages = read_pages(document, name, max_pages, warnings)
    except DocumentError:
        raise
    except TooLarge as exc:
        raise too_large(name, str(exc)) from None
    except MemoryError:
        reason = f"it needs more than {CHILD_MEMORY_BYTES // 2**20} MB of memory"
        raise too_large(name, reason) from None
    except RecursionError:
        raise DocumentError(f"{name}: the PDF is nested too deeply to read") from None
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


def child_main(argv: list[str]) -> int:
    """In the child: limit this process, read the PDF on stdin, answer in JSON on stdout."""
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_CPU, (CHILD_CPU_S, CHILD_CPU_S + 1))
        resource.setrlimit(resource.RLIMIT_AS, (CHILD_MEMORY_BYTES, CHILD_MEMORY_BYTES))
    except (ImportError, ValueError, OSError):
        pass  # no resource limits on this system: the parent's wall clock still bounds it
    max_pages, name = int(argv[0]), argv[1]
    data = sys.stdin.buffer.read()
    answer: dict[str, object]
    try:
        text, pages, warnings = read_pdf_here(data, name, max_pages=max_pages)
        answer = {"text": text, "pages": pages, "warnings": list(warnings)}
    except DocumentError as exc:
        answer = {"error": str(exc)}
    sys.stdout.write(json.dumps(answer))
    return 0


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
    device = CountingAggregator(resources, laparams=LAParams(char_margin=2.5, line_margin=0.3))
    interpreter = PDFPageInterpreter(resources, device)
    started = time.monotonic()
    pages: list[tuple[list[Line], bool, float]] = []
    for page in PDFPage.create_pages(document):
        if len(pages) >= max_pages:
            break
        if time.monotonic() - started > TIME_LIMIT_S:
            warnings.append(f"{name}: reading stopped after {TIME_LIMIT_S:.0f} s")
            break
        device.start_page(len(pages) + 1)
        interpreter.process_page(page)
        layout = device.get_result()
        lines = [line for line in page_lines(layout) if line.text]
        ordered = order_lines(lines, 0.0, layout.width, 0)
        pages.append((ordered, has_images(layout), layout.height))
    return pages


class CountingAggregator(PDFPageAggregator):
    """pdfminer's page aggregator, stopping as soon as a page or the file passes a limit."""

    def __init__(self, resources: PDFResourceManager, laparams: LAParams) -> None:
        super().__init__(resources, laparams=laparams)
        self.page_number = 0
        self.page_chars = 0
        self.document_chars = 0
        self.page_started = time.monotonic()

    def start_page(self, number: int) -> None:
        self.page_number = number
        self.page_chars = 0
        self.page_started = time.monotonic()

    def render_char(self, *args: Any, **kwargs: Any) -> float:
        self.page_chars += 1
        self.document_chars += 1
        if self.page_chars > MAX_PAGE_CHARS:
            raise TooLarge(f"page {self.page_number} holds more than {MAX_PAGE_CHARS:,} characters")
        if self.document_chars > MAX_DOCUMENT_CHARS:
            raise TooLarge(f"it holds more than {MAX_DOCUMENT_CHARS:,} characters")
        if self.page_chars % 512 == 0 and (
            time.monotonic() - self.page_started > PAGE_TIME_LIMIT_S
        ):
            raise TooLarge(
                f"page {self.page_number} took longer than {PAGE_TIME_LIMIT_S:.0f} s to read"
            )
        return float(super().render_char(*args, **kwargs))


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


if __name__ == "__main__":
    sys.exit(child_main(sys.argv[1:]))
