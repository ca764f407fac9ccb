"""Template filters for text people paste: a safe subset of Markdown (headings, lists, bold)."""

from __future__ import annotations

import re

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from nextround.formats.display import first_capital

register = template.Library()
# {{ requirement.text|first_capital }}: "manage a team of 5" shown as "Manage a team of 5".
register.filter("first_capital", first_capital, is_safe=True)

_BULLET = re.compile(r"^\s*(?:[-*•▪◦‣]|\d+[.)])\s+(.*)$")
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*$")
_BOLD = re.compile(r"\*\*(.+?)\*\*")


def _inline(text: str) -> str:
    return _BOLD.sub(r"<strong>\1</strong>", escape(text))


@register.filter
def markdownish(text: str) -> SafeString:
    """Headings, bullet and numbered lists, bold and paragraphs; everything else escaped."""
    html: list[str] = []
    paragraph: list[str] = []
    in_list = False

    def flush() -> None:
        if paragraph:
            html.append("<p>" + "<br>".join(_inline(p) for p in paragraph) + "</p>")
            paragraph.clear()

    for line in str(text or "").splitlines():
        bullet = _BULLET.match(line)
        heading = _HEADING.match(line.strip())
        if bullet:
            flush()
            if not in_list:
                html.append("<ul>")
                in_list = True
            html.append(f"<li>{_inline(bullet.group(1))}</li>")
            continue
        if in_list:
            html.append("</ul>")
            in_list = False
        if heading:
            flush()
            # Pasted headings sit under the page's own h2, so they start at h3.
            level = min(6, len(heading.group(1)) + 2)
            html.append(f"<h{level}>{_inline(heading.group(2))}</h{level}>")
        elif line.strip():
            paragraph.append(line.strip())
        else:
            flush()
    flush()
    if in_list:
        html.append("</ul>")
    # Safe: every piece of the input was escaped above.
    return mark_safe("\n".join(html))


# An email wraps its lines at about 72 characters; a line this long that runs on is one.
_WRAPPED = 55


@register.filter
def unwrapped(text: str) -> SafeString:
    """An email's text as paragraphs that wrap to the screen: its hard line breaks, where a
    line only ran on to the next, are joined; a short line (a greeting, a sign-off, a list
    item) keeps its own line."""
    paragraphs = re.split(r"\n[ \t]*\n", str(text or "").replace("\r\n", "\n").strip())
    html = []
    for paragraph in paragraphs:
        lines: list[str] = []
        ran_on = False
        for line in paragraph.split("\n"):
            line = line.strip()
            if ran_on and line and not _BULLET.match(line):
                lines[-1] += " " + line
            else:
                lines.append(line)
            ran_on = len(line) >= _WRAPPED
        if any(lines):
            html.append("<p>" + "<br>".join(escape(x) for x in lines) + "</p>")
    # Safe: every line was escaped above.
    return mark_safe("".join(html))
