"""Read a saved job-board page into Markdown: the posting kept, the page around it dropped."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

from bs4 import BeautifulSoup, Tag
from bs4.element import NavigableString

from nextround.formats.spec_table import spec_table

# Elements that are never part of a posting's text.
DROP_TAGS = (
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "canvas",
    "iframe",
    "object",
    "nav",
    "header",
    "footer",
    "form",
    "button",
    "input",
    "select",
    "textarea",
    "aside",
    "dialog",
    "head",
)
DROP_ROLES = {
    "navigation",
    "banner",
    "contentinfo",
    "dialog",
    "alertdialog",
    "search",
    "complementary",
}
# Words in an id or class that mark cookie banners, menus and other page furniture.
DROP_HINTS = re.compile(
    r"cookie|consent|gdpr|banner|navbar|menu|breadcrumb|share|social|newsletter|signup|"
    r"similar|related|recommend|footer|header|sidebar|modal|popup|skip-link",
    re.IGNORECASE,
)
# A posting is often marked up as such; these pick it out of a busy page.
POSTING_HINTS = re.compile(
    r"job[-_ ]?(description|posting|details|body|content)|posting|vacancy", re.I
)
BLOCK_TAGS = {"p", "div", "section", "article", "main", "body", "blockquote", "pre", "dl", "dd"}
MIN_POSTING_CHARS = 200
# Text between the items of a list, or a bold item, this short can be a heading ("Nice to have").
MAX_LIST_HEADING_WORDS = 6
# Words that, alone in a list item, open a part of the list rather than being an item of it.
KIND_HEADING = re.compile(
    r"^(?:essential|desirable|must[- ]haves?|nice[- ]to[- ]haves?|required|preferred|"
    r"bonus(?: points)?|optional|(?:essential|desirable) (?:criteria|skills|experience))\s*:?$",
    re.I,
)


def read_html(text: str, name: str) -> tuple[str, tuple[str, ...]]:
    """Markdown text and warnings for the text of an HTML page."""
    soup = BeautifulSoup(text, "html.parser")
    structured = json_ld_description(soup)
    warnings: list[str] = []
    for element in list(soup.find_all(True)):
        if element.decomposed:
            continue
        if element.name in DROP_TAGS or is_furniture(element):
            element.decompose()
    root = posting_root(soup)
    markdown = "\n\n".join(blocks(root)).strip()
    if len(markdown) < MIN_POSTING_CHARS and structured:
        # Pages rendered by scripts keep the posting only in their structured data.
        inner = BeautifulSoup(structured, "html.parser")
        markdown = "\n\n".join(blocks(inner)).strip()
        warnings.append(f"{name}: the page text was empty; read the posting's structured data")
    return markdown, tuple(warnings)


def is_furniture(element: Tag) -> bool:
    """True for cookie banners, menus and the like, judged by role, id and class."""
    if element.name in ("html", "body", "main", "article"):
        return False
    role = str(element.get("role") or "").lower()
    if role in DROP_ROLES:
        return True
    if element.get("aria-hidden") == "true" or element.has_attr("hidden"):
        return True
    label = " ".join([str(element.get("id") or ""), *element.get_attribute_list("class")])
    return (
        bool(label.strip()) and bool(DROP_HINTS.search(label)) and not POSTING_HINTS.search(label)
    )


def posting_root(soup: BeautifulSoup) -> Tag:
    """The element holding the posting: one marked as such, else main, article or body."""
    for element in soup.find_all(True):
        label = " ".join(
            [
                str(element.get("id") or ""),
                *[str(c) for c in element.get("class") or []],
                str(element.get("itemtype") or ""),
            ]
        )
        if (POSTING_HINTS.search(label) or "JobPosting" in label) and len(
            element.get_text(" ", strip=True)
        ) >= MIN_POSTING_CHARS:
            return element
    for tag in ("main", "article", "body"):
        found = soup.find(tag)
        if isinstance(found, Tag):
            return found
    return soup


def json_ld_description(soup: BeautifulSoup) -> str:
    """The description of a JobPosting in the page's JSON-LD, if any."""
    for script in soup.find_all("script", attrs={"type": "application/ld+json"}):
        try:
            data = json.loads(script.get_text())
        except ValueError:
            continue
        for entry in data if isinstance(data, list) else [data]:
            if isinstance(entry, dict) and entry.get("@type") == "JobPosting":
                title = str(entry.get("title") or "")
                description = str(entry.get("description") or "")
                if description:
                    return f"<h1>{title}</h1>{description}" if title else description
    return ""


def inline_text(element: Tag | NavigableString) -> str:
    """The text of an element on one line, with links and emphasis flattened."""
    if isinstance(element, NavigableString):
        return str(element)
    parts: list[str] = []
    for child in element.children:
        if isinstance(child, Tag) and child.name == "br":
            parts.append("\n")
        elif isinstance(child, Tag | NavigableString):
            parts.append(inline_text(child))
    return "".join(parts)


def clean(text: str) -> str:
    lines = [re.sub(r"[ \t\r\f\v\xa0]+", " ", line).strip() for line in text.split("\n")]
    return "\n".join(line for line in lines if line)


def blocks(element: Tag, depth: int = 0) -> Iterator[str]:
    """Markdown blocks for an element's children, in document order."""
    inline: list[str] = []

    def flush() -> Iterator[str]:
        text = clean("".join(inline))
        inline.clear()
        if text:
            yield text

    for child in element.children:
        if isinstance(child, NavigableString):
            if type(child) is NavigableString:  # not a comment or doctype
                inline.append(str(child))
            continue
        if not isinstance(child, Tag):
            continue
        name = child.name
        if re.fullmatch(r"h[1-6]", name):
            yield from flush()
            text = clean(inline_text(child)).replace("\n", " ")
            if text:
                yield "#" * int(name[1]) + " " + text
        elif name in ("ul", "ol"):
            yield from flush()
            items = list(list_items(child, depth))
            if items:
                yield "\n".join(items)
        elif name == "dl" and child.find("dd"):
            yield from flush()
            yield from definition_list(child)
        elif name == "table":
            yield from flush()
            table_text = table(child)
            if table_text:
                yield table_text
        elif name == "br":
            inline.append("\n")
        elif name in BLOCK_TAGS or name in ("li", "dt", "figure", "details", "summary"):
            yield from flush()
            yield from block_or_heading(child, depth)
        else:
            inline.append(inline_text(child))
    yield from flush()


def block_or_heading(element: Tag, depth: int) -> Iterator[str]:
    """A paragraph that is only bold text is a heading in all but name ("Must have")."""
    if element.name == "p":
        children = [
            c for c in element.children if not (isinstance(c, NavigableString) and not c.strip())
        ]
        if (
            len(children) == 1
            and isinstance(children[0], Tag)
            and children[0].name in ("strong", "b")
        ):
            text = clean(inline_text(children[0])).replace("\n", " ")
            if text and len(text) <= 80 and not text.endswith("."):
                yield "### " + text.rstrip(":")
                return
    yield from blocks(element, depth)


def list_items(listing: Tag, depth: int) -> Iterator[str]:
    """List items in order; a heading, bold line or "Desirable:" item inside the list stays one."""
    numbered = listing.name == "ol"
    indent = "  " * depth
    number = 0
    for child in listing.children:
        if isinstance(child, NavigableString):
            text = clean(str(child)) if type(child) is NavigableString else ""
            if text and len(text.split()) <= MAX_LIST_HEADING_WORDS and not text.endswith("."):
                yield "### " + text.rstrip(":")
            continue
        if not isinstance(child, Tag):
            continue
        if child.name in ("ul", "ol"):
            yield from list_items(child, depth + 1)
            continue
        heading = list_heading(child)
        if heading:
            yield "### " + heading
            continue
        if child.name != "li":
            text = " ".join(clean("\n".join(blocks(child, depth + 1))).split("\n"))
            if text:
                number += 1
                yield f"{indent}{f'{number}.' if numbered else '-'} {text}"
            continue
        number += 1
        marker = f"{number}." if numbered else "-"
        nested = list(child.find_all(["ul", "ol"], recursive=False))
        for sub in nested:
            sub.extract()
        text = " ".join(clean("\n".join(blocks(child, depth + 1))).split("\n"))
        if text:
            yield f"{indent}{marker} {text}"
        for sub in nested:
            yield from list_items(sub, depth + 1)


def list_heading(element: Tag) -> str:
    """The heading a child of a list stands for ("Nice to have", "Desirable:"), else ""."""
    if re.fullmatch(r"h[1-6]", element.name):
        return clean(inline_text(element)).replace("\n", " ").rstrip(":")
    children = [
        c for c in element.children if not (isinstance(c, NavigableString) and not c.strip())
    ]
    bold = (
        len(children) == 1 and isinstance(children[0], Tag) and children[0].name in ("strong", "b")
    )
    if element.name in ("strong", "b"):
        bold, children = True, [element]
    if not bold:
        # A bare "Desirable:" item, or text typed between the items of a list.
        text = clean(inline_text(element)).replace("\n", " ")
        if element.name == "li" and not KIND_HEADING.match(text):
            return ""
        if element.name != "li" and (text.endswith(".") or not text):
            return ""
        if len(text.split()) > MAX_LIST_HEADING_WORDS:
            return ""
        return text.rstrip(":") if element.name != "li" or text.endswith(":") else ""
    first = children[0]
    if not isinstance(first, Tag | NavigableString):
        return ""
    text = clean(inline_text(first)).replace("\n", " ")
    words = len(text.split())
    if not text or words > MAX_LIST_HEADING_WORDS or text.endswith("."):
        return ""
    # A bold item may be a skill ("Python"): it is a heading only when it says so.
    if element.name == "li" and not (text.endswith(":") or KIND_HEADING.match(text)):
        return ""
    return text.rstrip(":")


def table(element: Tag) -> str:
    """A Markdown table; a person specification (Essential, Desirable columns) as two lists."""
    grid: list[list[list[str]]] = []
    for tr in element.find_all("tr"):
        grid.append([cell_items(c) for c in tr.find_all(["td", "th"], recursive=False)])
    grid = [row for row in grid if any(row)]
    spec = spec_table(grid)
    if spec:
        return spec
    rows = [[" ".join(cell).replace("|", "\\|") for cell in row] for row in grid]
    if not rows:
        return ""
    width = max(len(r) for r in rows)
    rows = [r + [""] * (width - len(r)) for r in rows]
    lines = ["| " + " | ".join(rows[0]) + " |", "|" + " --- |" * width]
    lines += ["| " + " | ".join(r) + " |" for r in rows[1:]]
    return "\n".join(lines)


def cell_items(cell: Tag) -> list[str]:
    """The items of a table cell: its list items, else its lines."""
    items = [clean(inline_text(li)).replace("\n", " ") for li in cell.find_all("li")]
    if items:
        return [item for item in items if item]
    return [line for line in clean(inline_text(cell)).split("\n") if line]


def definition_list(element: Tag) -> Iterator[str]:
    """Each term as a heading over its definitions as list items."""
    lines: list[str] = []
    for child in element.find_all(["dt", "dd"]):
        text = clean(inline_text(child)).replace("\n", " ")
        if not text:
            continue
        if child.name == "dt":
            if lines:
                yield "\n".join(lines)
            lines = ["#### " + text.rstrip(":")]
        else:
            lines.append("- " + text)
    if lines:
        yield "\n".join(lines)
