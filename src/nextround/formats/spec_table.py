"""Person-specification tables (criteria in rows, Essential and Desirable in columns) as lists."""

from __future__ import annotations

import re
from collections.abc import Sequence

# Column headings of a person specification and the section each opens.
_MUST = re.compile(r"^(?:essential(?: criteria)?|must have|required|requirements?)$", re.I)
_NICE = re.compile(r"^(?:desirable(?: criteria)?|nice to have|preferred|desired|optional)$", re.I)
# One column that marks each row E or D ("Essential/Desirable", "E/D").
_MARK_HEADING = re.compile(
    r"^(?:e\s*/\s*d|essential\s*/\s*desirable|essential or desirable)$", re.I
)
_MARK_MUST = re.compile(r"^(?:e|essential|yes|✓|✔|x)$", re.I)
_MARK_NICE = re.compile(r"^(?:d|desirable)$", re.I)
# What an Essential or Desirable column holds when it only ticks the criterion of its row.
_TICK = re.compile(r"^(?:✓|✔|√|☑|x|y|yes|e|d|\*|•|essential|desirable)$", re.I)
# Columns that say how a criterion is tested ("Application / Interview"), never a criterion.
_ASSESSED = re.compile(r"assess|method|how (?:tested|evidenced|measured)|evidenced by|stage", re.I)

Cell = Sequence[str]  # the items of one cell (its list items or paragraphs)


def _key(text: str) -> str:
    return " ".join(text.strip(" :*").replace("-", " ").split())


def _ticks_only(rows: Sequence[Sequence[Cell]], columns: dict[int, str]) -> bool:
    """Whether every filled Essential/Desirable cell is a tick or a letter, not a criterion."""
    filled = [
        _key(" ".join(row[i])) for row in rows for i in columns if i < len(row) and "".join(row[i])
    ]
    return bool(filled) and all(_TICK.match(value) for value in filled)


def spec_table(rows: Sequence[Sequence[Cell]]) -> str | None:
    """Markdown headings and bullets for a person specification, or None for any other table.

    A column headed Essential or Desirable holds that kind's criteria; a column headed "E/D"
    marks the criterion written in the first other column of its row.
    """
    if len(rows) < 2:
        return None
    header = [_key(" ".join(cell)) for cell in rows[0]]
    columns = {
        i: "Essential" if _MUST.match(h) else "Desirable"
        for i, h in enumerate(header)
        if _MUST.match(h) or _NICE.match(h)
    }
    marks = [i for i, h in enumerate(header) if _MARK_HEADING.match(h)]
    groups: dict[str, list[str]] = {"Essential": [], "Desirable": []}
    if columns and _ticks_only(rows[1:], columns):
        # "Criteria | Essential | Desirable" with a tick in one column: the row's criterion is
        # in its first other column (not one saying how it is assessed).
        others = [i for i, h in enumerate(header) if i not in columns and not _ASSESSED.search(h)]
        for row in rows[1:]:
            ticked = [kind for i, kind in columns.items() if i < len(row) and "".join(row[i])]
            texts = [" ".join(row[i]) for i in others if i < len(row) and "".join(row[i]).strip()]
            if ticked and texts:
                groups[ticked[0]].append(texts[0])
    elif columns:
        for row in rows[1:]:
            for index, kind in columns.items():
                if index < len(row):
                    groups[kind].extend(item for item in row[index] if item.strip())
    elif marks:
        mark = marks[0]
        for row in rows[1:]:
            if mark >= len(row):
                continue
            value = _key(" ".join(row[mark]))
            mark_kind = (
                "Essential"
                if _MARK_MUST.match(value)
                else "Desirable"
                if _MARK_NICE.match(value)
                else None
            )
            texts = [" ".join(cell) for i, cell in enumerate(row) if i != mark and "".join(cell)]
            if mark_kind and texts:
                groups[mark_kind].append(texts[0])
    else:
        return None
    blocks = []
    for kind, items in groups.items():
        if items:
            lines = [f"### {kind}"] + ["- " + " ".join(item.split()) for item in items]
            blocks.append("\n".join(lines))
    return "\n\n".join(blocks) if blocks else None
