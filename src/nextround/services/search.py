"""Search everything the user may read, ranked, with the words that matched marked.

The database ranks (FTS5's bm25 on SQLite, ts_rank on PostgreSQL, the title weighted above the
body) over the index that services/search_index.py keeps; a search reads it and writes nothing.
Where the sentence model is installed, stories and asked questions close in meaning to a query
of two words or more are offered beside the word matches.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from django.contrib.auth.models import User
from django.db import connection

from nextround.coach.search_text import (
    PREFIX_FROM,
    Excerpt,
    Query,
    excerpt,
    mark,
    parse_query,
    telling,
)
from nextround.coach.semantic import cosines
from nextround.services import access
from nextround.services.search_index import BY_KIND
from nextround.store import models as m

LIMIT = 25
# A word in nearly every record would have every record ranked: only the latest RANKED that hold
# the words are (the page says so), which keeps a search within its time at any size.
RANKED = 2000
# Kinds as the page names them: one, and several.
LABELS: dict[str, tuple[str, str]] = {
    "opportunity": ("Opportunity", "Opportunities"),
    "requirement": ("Requirement", "Requirements"),
    "person": ("Interviewer", "Interviewers"),
    "round": ("Round notes", "Round notes"),
    "question": ("Question asked", "Questions asked"),
    "feedback": ("Feedback", "Feedback"),
    "ask": ("Question to ask", "Questions to ask"),
    "follow-up": ("Follow-up", "Follow-ups"),
    "offer": ("Offer", "Offers"),
    "story": ("Story", "Stories"),
}
assert set(LABELS) == set(BY_KIND)
# Close in meaning: the kinds compared, how many of each at most, and the cosine to reach (a
# paraphrase such as "reasons for leaving" for "Why do you want to leave your job?" is near 0.7,
# unrelated interview texts stay below 0.4 with all-MiniLM-L6-v2).
MEANING_KINDS = ("story", "question")
MEANING_CANDIDATES = 300
MEANING_SHOWN = 5
MEANING_COSINE = 0.45
# Texts embedded per search when their vectors are not known yet (kept in memory, not stored).
MEANING_BUDGET = 8


@dataclass(frozen=True)
class Hit:
    """One record found: its kind, where it lives, and what to show of it."""

    kind: str
    label: str
    object_id: int
    opportunity_id: int | None
    round_id: int | None
    title: Excerpt
    excerpt: Excerpt | None
    context: str
    shared: bool = False
    by_meaning: bool = False


@dataclass(frozen=True)
class KindCount:
    kind: str
    label: str
    count: int


@dataclass(frozen=True)
class Results:
    """What the search page and `nextround search` show."""

    query: str
    words: tuple[str, ...]
    kind: str
    hits: tuple[Hit, ...] = ()
    counts: tuple[KindCount, ...] = ()
    more: bool = False
    # More than RANKED records hold the words: the best of the latest RANKED are shown.
    capped: bool = False
    some_words: bool = False
    notes: tuple[str, ...] = field(default=())

    @property
    def searched(self) -> bool:
        return bool(self.words)


def search(user: User, text: str, *, kind: str = "", limit: int = LIMIT) -> Results:
    """Records matching every word of `text` (or, when none does, some of them), best first."""
    query = parse_query(text)
    notes = list(_notes(query))
    if kind and kind not in LABELS:
        notes.append(f"“{kind[:40]}” is not a kind of record; every kind is shown.")
        kind = ""
    if not query.words:
        if query.text:
            notes.append(f"“{query.text[:80]}” has no letters or numbers to search for.")
        return Results(query.text, (), kind, notes=tuple(notes))
    found = _by_words(user, query, kind)
    ranked = found.ranked(kind)
    return Results(
        query=query.text,
        words=found.words,
        kind=kind,
        hits=tuple(_hits(user, ranked[:limit], found.words)),
        counts=tuple(
            KindCount(k, LABELS[k][1], found.counts[k]) for k in LABELS if found.counts.get(k)
        ),
        more=len(ranked) > limit,
        capped=found.capped,
        some_words=found.some_words,
        notes=tuple(notes),
    )


def offers_meaning(results: Results) -> bool:
    """Whether to look for stories and questions close in meaning to what was searched."""
    from nextround import config

    return (
        len(parse_query(results.query).words) > 1
        and (not results.kind or results.kind in MEANING_KINDS)
        and config.read("SEMANTIC") != "off"
    )


@dataclass(frozen=True)
class _Matches:
    """The latest entries holding the words (RANKED at most), each with its kind and score."""

    words: tuple[str, ...]
    rows: list[tuple[int, str, float]]
    some_words: bool
    capped: bool
    # When capped, a kind asked for is ranked among its own latest entries.
    of_kind: list[tuple[int, str, float]] | None = None

    @property
    def counts(self) -> dict[str, int]:
        return dict(Counter(kind for _, kind, _ in self.rows))

    def ranked(self, kind: str = "") -> list[int]:
        """Entry ids, best first (the lowest score; the latest among equals)."""
        rows = self.of_kind if self.of_kind is not None else self.rows
        chosen = [r for r in rows if not kind or r[1] == kind]
        return [pk for pk, _, _ in sorted(chosen, key=lambda r: (r[2], -r[0]))]


def _by_words(user: User, query: Query, kind: str) -> _Matches:
    """The matches of every word, or when none holds them all, of the telling ones."""
    words, every = query.words, True
    rows = _matches(user, words, "", every=True)
    if not rows and len(words) > 1 and telling(words):
        # Nothing holds every word: records holding some of those that say what it is about.
        words, every = telling(words), False
        rows = _matches(user, words, "", every=False)
    capped = len(rows) > RANKED
    of_kind = _matches(user, words, kind, every=every) if capped and kind else None
    return _Matches(words, rows[:RANKED], not every and bool(rows), capped, of_kind)


def close_in_meaning(user: User, text: str, *, kind: str = "") -> tuple[Hit, ...]:
    """Stories and asked questions nearest a query of two words or more in meaning, leaving
    out those its words find; none when the sentence model is off or not installed."""
    query = parse_query(text)
    if len(query.words) < 2 or (kind and kind not in MEANING_KINDS):
        return ()
    from nextround.services import semantic

    model = semantic.embedder()
    if model is None:
        return ()
    by_words = set(_by_words(user, query, kind).ranked(kind)[:LIMIT])
    candidates = [
        (pk, text)
        for k in ([kind] if kind else MEANING_KINDS)
        for pk, text in _meaning_candidates(user, k)
        if pk not in by_words
    ]
    if not candidates:
        return ()
    texts = [t for _, t in candidates]
    known = semantic.known_vectors(texts, model)
    missing = [t for t in dict.fromkeys(texts) if t not in known][:MEANING_BUDGET]
    if missing:
        known.update(
            zip(missing, semantic.vectors(missing, model, store=False, lookup=False), strict=True)
        )
    (query_vector,) = semantic.vectors([query.text], model, store=False, lookup=False)
    usable = [(pk, t) for pk, t in candidates if t in known]
    scores = cosines(query_vector, [known[t] for _, t in usable])
    best = sorted(
        ((score, pk) for score, (pk, _) in zip(scores, usable, strict=True)),
        key=lambda pair: (-pair[0], -pair[1]),
    )
    ids = [pk for score, pk in best[:MEANING_SHOWN] if score >= MEANING_COSINE]
    return tuple(replace(h, by_meaning=True) for h in _hits(user, ids, ()))


def _meaning_candidates(user: User, kind: str) -> list[tuple[int, str]]:
    """(entry id, text to embed) of the user's latest stories or asked questions."""
    readable, params = _readable(user)
    sql = (
        "SELECT e.id, e.title, e.body FROM nextround_searchentry e "
        f"WHERE e.kind = %s AND {readable} ORDER BY e.object_id DESC LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [kind, *params, MEANING_CANDIDATES])
        rows = cursor.fetchall()
    if kind == "story":
        # What a story is about: its title and situation (the whole story blurs its vector).
        return [(int(pk), ". ".join(p for p in (t, b.split("\n", 1)[0]) if p)) for pk, t, b in rows]
    return [(int(pk), str(t)) for pk, t, _ in rows]


def _notes(query: Query) -> list[str]:
    notes = []
    if query.cut:
        notes.append(f"The search was cut to its first {len(query.text)} characters.")
    if query.words_left_out:
        notes.append(
            f"Searched for the first {len(query.words)} words; "
            f"{query.words_left_out} more were left out."
        )
    return notes


def _readable(user: User) -> tuple[str, list[Any]]:
    """SQL for the entries the user may read: their own, and those of opportunities shared."""
    shared_sql, shared_params = access.shared_ids(user).query.sql_with_params()
    return (
        f"(e.owner_id = %s OR e.opportunity_id IN ({shared_sql}))",
        [user.pk, *shared_params],
    )


def _fts_match(words: tuple[str, ...], every: bool) -> str:
    terms = [f'"{w}"*' if len(w) >= PREFIX_FROM else f'"{w}"' for w in words]
    return (" AND " if every else " OR ").join(terms)


def _tsquery(words: tuple[str, ...], every: bool) -> str:
    terms = [f"'{w}':*" if len(w) >= PREFIX_FROM else f"'{w}'" for w in words]
    return (" & " if every else " | ").join(terms)


def _matches(
    user: User, words: tuple[str, ...], kind: str, *, every: bool
) -> list[tuple[int, str, float]]:
    """(entry id, kind, score: lower is better) of the latest RANKED + 1 entries the user may
    read that hold the words (every one, or with every=False any)."""
    readable, readable_params = _readable(user)
    where, extra = [readable], []
    if kind:
        where.append("e.kind = %s")
        extra.append(kind)
    if connection.vendor == "postgresql":
        tsquery = _tsquery(words, every)
        sql = (
            "SELECT m.id, m.kind, -ts_rank(m.document, CAST(%s AS tsquery)) FROM ("
            "SELECT e.id, e.kind, e.document FROM nextround_searchentry e "
            f"WHERE e.document @@ CAST(%s AS tsquery) AND {' AND '.join(where)} "
            "ORDER BY e.id DESC LIMIT %s) m"
        )
        params = [tsquery, tsquery, *readable_params, *extra, RANKED + 1]
    elif connection.vendor == "sqlite":
        # Newest first, so that the LIMIT stops the scan: bm25 is computed for these rows only.
        sql = (
            "SELECT e.id, e.kind, bm25(nextround_search_fts, 10.0, 1.0) "
            "FROM nextround_search_fts "
            "JOIN nextround_searchentry e ON e.id = nextround_search_fts.rowid "
            f"WHERE nextround_search_fts MATCH %s AND {' AND '.join(where)} "
            "ORDER BY nextround_search_fts.rowid DESC LIMIT %s"
        )
        params = [_fts_match(words, every), *readable_params, *extra, RANKED + 1]
    else:
        raise NotImplementedError(f"search has no index on {connection.vendor}")
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [(int(pk), str(k), float(score)) for pk, k, score in cursor.fetchall()]


def _hits(user: User, ids: list[int], words: tuple[str, ...]) -> list[Hit]:
    """What to show of each entry, in the order given; three queries whatever the count."""
    if not ids:
        return []
    rows = {
        row["id"]: row
        for row in m.SearchEntry.objects.filter(pk__in=ids).values(
            "id", "kind", "object_id", "owner_id", "opportunity_id", "round_id", "title", "body"
        )
    }
    opportunities = {
        o["id"]: o
        for o in m.Opportunity.objects.filter(
            pk__in={r["opportunity_id"] for r in rows.values() if r["opportunity_id"]}
        ).values("id", "company", "role")
    }
    round_numbers = dict(
        m.Round.objects.filter(
            pk__in={r["round_id"] for r in rows.values() if r["round_id"]}
        ).values_list("id", "number")
    )
    hits = []
    for pk in ids:
        row = rows.get(pk)
        if row is None:
            continue
        opp = opportunities.get(row["opportunity_id"])
        number = round_numbers.get(row["round_id"])
        hits.append(
            Hit(
                kind=row["kind"],
                label=LABELS[row["kind"]][0],
                object_id=row["object_id"],
                opportunity_id=row["opportunity_id"],
                round_id=row["round_id"],
                title=_title(row, number, words),
                excerpt=excerpt(without_marks(row["body"]), words),
                context=_context(row["kind"], opp, number),
                shared=row["owner_id"] != user.pk,
            )
        )
    return hits


# The marks of pasted Markdown the pages render (headings, bullets, bold), as they read there.
_LINE_MARKS = re.compile(r"^\s*(?:#{1,6}\s+|(?:[-*•▪◦‣]|\d+[.)])\s+)|\s+#+\s*$", re.MULTILINE)
_BOLD = re.compile(r"\*\*(.+?)\*\*")


def without_marks(text: str) -> str:
    """A record's text as its page shows it, with no "##", "- " or "**" in an excerpt."""
    return _BOLD.sub(r"\1", _LINE_MARKS.sub("", text))


def _title(row: Mapping[str, Any], round_number: int | None, words: tuple[str, ...]) -> Excerpt:
    if row["title"]:
        return mark(row["title"], words)
    kind = row["kind"]
    if kind == "round" and round_number is not None:
        plain = f"Round {round_number}"
    elif kind == "offer" and row["opportunity_id"] is None:
        plain = "Current job"
    else:
        plain = LABELS[kind][0]
    return Excerpt(((plain, False),))


def _context(kind: str, opp: Mapping[str, Any] | None, round_number: int | None) -> str:
    if opp is None or kind == "opportunity":
        return ""
    where = f"{opp['role']} at {opp['company']}"
    if round_number is not None and kind != "round":
        return f"{where}, round {round_number}"
    return where
