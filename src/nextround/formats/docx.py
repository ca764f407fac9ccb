"""Read a Word .docx file into Markdown with the standard library, guarding against zip bombs."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from io import BytesIO
from xml.etree import ElementTree as ET
from xml.parsers import expat

from nextround.formats.documents import DocumentError, megabytes
from nextround.formats.spec_table import spec_table

NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"

MAX_MEMBERS = 2000
MAX_PART_BYTES = 30 * 1024 * 1024  # one XML part, inflated
MAX_TOTAL_BYTES = 200 * 1024 * 1024  # all members, inflated, as declared
MAX_RATIO = 100  # inflated / compressed, for members big enough to matter
PARTS = ("word/document.xml", "word/styles.xml", "word/numbering.xml")


@dataclass
class Styles:
    """What the style and numbering parts say about headings and lists."""

    names: dict[str, str] = field(default_factory=dict)  # style id -> lower-case name
    outline: dict[str, int] = field(default_factory=dict)  # style id -> heading level
    style_num: dict[str, tuple[str, int]] = field(default_factory=dict)  # style id -> (numId, ilvl)
    formats: dict[tuple[str, int], str] = field(default_factory=dict)  # (numId, ilvl) -> numFmt


def read_docx(data: bytes, name: str) -> tuple[str, tuple[str, ...]]:
    """Markdown text and warnings for the bytes of a .docx file."""
    parts = open_parts(data, name)
    try:
        styles = read_styles(parts.get("word/styles.xml"), parts.get("word/numbering.xml"))
        body = parse_xml(parts["word/document.xml"]).find(f"{NS}body")
    except DeclarationRefused as exc:
        raise DocumentError(
            f"{name}: the Word file is damaged or hostile: it declares a DOCTYPE or entities, "
            "which Word never writes; not read"
        ) from exc
    except ET.ParseError as exc:
        raise DocumentError(f"{name}: the Word file is damaged (bad XML: {exc})") from exc
    if body is None:
        raise DocumentError(f"{name}: the Word file has no document body")
    blocks = list(read_blocks(body, styles, Counters()))
    return join(blocks), ()


def open_parts(data: bytes, name: str) -> dict[str, bytes]:
    """The XML parts nextround needs, read only after the zip's sizes are checked."""
    try:
        archive = zipfile.ZipFile(BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise DocumentError(f"{name}: the Word file is damaged or truncated") from exc
    if len(members) > MAX_MEMBERS:
        raise DocumentError(f"{name}: the zip holds {len(members)} files, too many for a .docx")
    by_name = {m.filename: m for m in members}
    if "word/document.xml" not in by_name:
        raise DocumentError(
            f"{name}: not a Word .docx file (it is a zip without word/document.xml)"
        )
    declared = sum(m.file_size for m in members)
    if declared > MAX_TOTAL_BYTES:
        raise DocumentError(
            f"{name}: looks like a zip bomb ({megabytes(declared)} once unpacked); not read"
        )
    parts: dict[str, bytes] = {}
    for part in PARTS:
        info = by_name.get(part)
        if info is None:
            continue
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > MAX_PART_BYTES or (info.file_size > 1024 * 1024 and ratio > MAX_RATIO):
            raise DocumentError(
                f"{name}: looks like a zip bomb ({part} unpacks to {megabytes(info.file_size)}, "
                f"{ratio:.0f} times its packed size); not read"
            )
        try:
            with archive.open(info) as member:
                # Read no more than the cap even if the declared size lies.
                content = member.read(MAX_PART_BYTES + 1)
        except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError) as exc:
            raise DocumentError(f"{name}: the Word file is damaged or truncated") from exc
        if len(content) > MAX_PART_BYTES:
            raise DocumentError(f"{name}: looks like a zip bomb ({part} is too large); not read")
        parts[part] = content
    return parts


class DeclarationFound(Exception):
    """Raised from inside expat as soon as a document type or entity declaration starts."""


class DeclarationRefused(ET.ParseError):
    """An XML part that declares a DTD or entities: refused before anything is expanded."""


def parse_xml(content: bytes) -> ET.Element:
    """Parse one part; a DTD has no place in Office XML and could declare entity bombs."""
    refuse_declarations(content)
    return ET.fromstring(content)


def refuse_declarations(content: bytes) -> None:
    """Refuse a DOCTYPE or ENTITY declaration anywhere in the part, in whatever encoding.

    A first expat pass with handlers that stop at the declaration's start: no entity is ever
    declared, let alone expanded, and expat itself decodes UTF-16 and the encodings it knows.
    """

    def refuse(*_args: object) -> None:
        raise DeclarationFound

    scanner = expat.ParserCreate()
    scanner.StartDoctypeDeclHandler = refuse
    scanner.EntityDeclHandler = refuse
    scanner.ElementDeclHandler = refuse
    scanner.AttlistDeclHandler = refuse
    try:
        scanner.Parse(content, True)
    except DeclarationFound:
        raise DeclarationRefused("a DOCTYPE or entity declaration is not allowed") from None
    except (expat.ExpatError, ValueError, LookupError) as exc:
        raise ET.ParseError(str(exc)) from None


def attr(element: ET.Element | None, name: str = "val") -> str:
    return "" if element is None else element.get(f"{NS}{name}", "")


def read_styles(styles_xml: bytes | None, numbering_xml: bytes | None) -> Styles:
    """Heading levels and list formats from styles.xml and numbering.xml."""
    styles = Styles()
    if styles_xml:
        for style in parse_xml(styles_xml).iter(f"{NS}style"):
            style_id = attr(style, "styleId")
            label = attr(style.find(f"{NS}name")).lower()
            styles.names[style_id] = label
            level = attr(style.find(f"{NS}pPr/{NS}outlineLvl"))
            if level.isdigit():
                styles.outline[style_id] = int(level) + 1
            num = style.find(f"{NS}pPr/{NS}numPr")
            if num is not None:
                ilvl = attr(num.find(f"{NS}ilvl"))
                styles.style_num[style_id] = (
                    attr(num.find(f"{NS}numId")),
                    int(ilvl) if ilvl.isdigit() else 0,
                )
    if numbering_xml:
        root = parse_xml(numbering_xml)
        abstract: dict[str, dict[int, str]] = {}
        for item in root.iter(f"{NS}abstractNum"):
            levels: dict[int, str] = {}
            for lvl in item.iter(f"{NS}lvl"):
                level = attr(lvl, "ilvl")
                levels[int(level) if level.isdigit() else 0] = attr(lvl.find(f"{NS}numFmt"))
            abstract[attr(item, "abstractNumId")] = levels
        for num in root.iter(f"{NS}num"):
            found = abstract.get(attr(num.find(f"{NS}abstractNumId")), {})
            for depth, fmt in found.items():
                styles.formats[(attr(num, "numId"), depth)] = fmt
    return styles


@dataclass
class Counters:
    """Running numbers of numbered lists, by list and level."""

    values: dict[tuple[str, int], int] = field(default_factory=dict)

    def next(self, key: tuple[str, int]) -> int:
        self.values[key] = self.values.get(key, 0) + 1
        # A new item at one level restarts the deeper levels below it.
        for other in [k for k in self.values if k[0] == key[0] and k[1] > key[1]]:
            del self.values[other]
        return self.values[key]


def read_blocks(container: ET.Element, styles: Styles, counters: Counters) -> Iterator[str]:
    """Markdown blocks for the paragraphs, tables and content controls of a container."""
    for child in container:
        if child.tag == f"{NS}p":
            yield from paragraph(child, styles, counters)
        elif child.tag == f"{NS}tbl":
            yield from table(child, styles, counters)
        elif child.tag in (f"{NS}sdt", f"{NS}sdtContent", f"{NS}customXml"):
            yield from read_blocks(child, styles, counters)


def paragraph(p: ET.Element, styles: Styles, counters: Counters) -> Iterator[str]:
    """One paragraph as a heading, list item or plain text, then any text boxes inside it."""
    boxes: list[ET.Element] = []
    text, bold = runs_text(p, boxes)
    text = re.sub(r"[ \t]+", " ", text).strip()
    if text:
        yield markdown_line(p, text, bold, styles, counters)
    for box in boxes:
        yield from read_blocks(box, styles, counters)


def markdown_line(p: ET.Element, text: str, bold: bool, styles: Styles, counters: Counters) -> str:
    style_id = attr(p.find(f"{NS}pPr/{NS}pStyle"))
    style_name = styles.names.get(style_id, style_id.lower())
    level = heading_level(p, style_id, style_name, styles)
    if level:
        return "#" * level + " " + text.replace("\n", " ")
    num = p.find(f"{NS}pPr/{NS}numPr")
    key: tuple[str, int] | None = None
    if num is not None:
        ilvl = attr(num.find(f"{NS}ilvl"))
        key = (attr(num.find(f"{NS}numId")), int(ilvl) if ilvl.isdigit() else 0)
        if key[0] == "0":  # numId 0 switches numbering off for this paragraph
            key = None
    elif style_id in styles.style_num:
        key = styles.style_num[style_id]
    if key is not None or style_name.startswith("list"):
        fmt = styles.formats.get(key, "") if key else ""
        indent = "  " * (key[1] if key else 0)
        numbered = fmt not in ("", "bullet", "none") or "number" in style_name
        marker = f"{counters.next(key or ('style', 0))}." if numbered else "-"
        return f"{indent}{marker} " + text.replace("\n", " ")
    # A short paragraph all in bold is a heading in all but name ("Must have").
    if bold and len(text) <= 80 and not text.endswith((".", ",", ";", ":")):
        return "### " + text
    return text


def heading_level(p: ET.Element, style_id: str, style_name: str, styles: Styles) -> int:
    if style_name == "title" or style_id.lower() == "title":
        return 1
    match = re.fullmatch(r"heading ?(\d)", style_name) or re.fullmatch(
        r"heading(\d)", style_id.lower()
    )
    if match:
        return min(int(match.group(1)) + 1, 6)
    outline = attr(p.find(f"{NS}pPr/{NS}outlineLvl"))
    if outline.isdigit() and int(outline) < 9:
        return min(int(outline) + 2, 6)
    if style_id in styles.outline and styles.outline[style_id] < 10:
        return min(styles.outline[style_id] + 1, 6)
    return 0


def runs_text(p: ET.Element, boxes: list[ET.Element]) -> tuple[str, bool]:
    """The visible text of a paragraph, and whether every run with text is bold."""
    pieces: list[str] = []
    bold_flags: list[bool] = []

    def visit(element: ET.Element, bold: bool) -> None:
        tag = element.tag
        if tag in (f"{NS}del", f"{NS}instrText", f"{NS}delText", MC_FALLBACK):
            return  # deleted text, field codes and duplicate fallbacks are not shown
        if tag == f"{NS}txbxContent":
            boxes.append(element)
            return
        if tag == f"{NS}r":
            bold = run_bold(element)
        if tag == f"{NS}t" and element.text:
            pieces.append(element.text)
            if element.text.strip():
                bold_flags.append(bold)
        elif tag == f"{NS}tab":
            pieces.append("\t")
        elif tag in (f"{NS}br", f"{NS}cr"):
            pieces.append("\n")
        elif tag == f"{NS}noBreakHyphen":
            pieces.append("-")
        for child in element:
            if child.tag != f"{NS}pPr":
                visit(child, bold)

    visit(p, False)
    return "".join(pieces), bool(bold_flags) and all(bold_flags)


def run_bold(run: ET.Element) -> bool:
    b = run.find(f"{NS}rPr/{NS}b")
    return b is not None and attr(b) not in ("0", "false", "off")


def table(tbl: ET.Element, styles: Styles, counters: Counters) -> Iterator[str]:
    """A table as a Markdown table, or as its cells' blocks when it is a page layout."""
    rows: list[list[list[str]]] = []
    for tr in tbl.iter(f"{NS}tr"):
        cells = [list(read_blocks(tc, styles, counters)) for tc in tr.findall(f"{NS}tc")]
        if any(cells):
            rows.append(cells)
    if not rows:
        return
    items = [[[line for b in cell for line in b.split("\n")] for cell in row] for row in rows]
    spec = spec_table(
        [[[re.sub(r"^\s*(?:- |\d+\. )", "", t) for t in c] for c in r] for r in items]
    )
    if spec:
        yield spec
        return
    # One row, or cells of several paragraphs, is a layout grid (a two-column CV): read by cell.
    if len(rows) == 1 or any(len(cell) > 1 for row in rows for cell in row):
        for row in rows:
            for cell in row:
                if cell:
                    yield join(cell)
        return
    grid = [[" ".join(cell) for cell in row] for row in rows]
    width = max(len(row) for row in grid)
    padded = [[clean_cell(c) for c in row] + [""] * (width - len(row)) for row in grid]
    lines = ["| " + " | ".join(padded[0]) + " |", "|" + " --- |" * width]
    lines += ["| " + " | ".join(row) + " |" for row in padded[1:]]
    yield "\n".join(lines)


def cell_lines(cell: list[str]) -> list[str]:
    """The items of a cell: each paragraph or list item, without its list mark."""
    lines = (line for block in cell for line in block.split("\n"))
    return [re.sub(r"^\s*(?:- |\d+\. )", "", line) for line in lines if line.strip()]


def clean_cell(text: str) -> str:
    text = re.sub(r"^#+ |^- ", "", text.strip())
    return text.replace("|", "\\|").replace("\n", " ")


def join(blocks: list[str]) -> str:
    """Blank lines between blocks, but none between the items of one list."""
    out: list[str] = []
    previous_item = False
    for block in blocks:
        item = bool(re.match(r"^\s*(- |\d+\. )", block))
        if out:
            out.append("\n" if item and previous_item else "\n\n")
        out.append(block)
        previous_item = item and "\n" not in block
    return "".join(out)
