"""Search everything the user may read, ranked, with the words that matched marked.

The database ranks (FTS5's bm25 on SQLite, ts_rank on PostgreSQL, the title weighted above the
body) over the index that services/search_index.py keeps; a search reads it and writes nothing.
Where the sentence model is installed, stories and asked questions close in meaning to a query
of two words or more are offered beside the word matches.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
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

LIMIT = 50
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
    close_in_meaning: tuple[Hit, ...] = ()
    counts: tuple[KindCount, ...] = ()
    more: bool = False
    some_words: bool = False
    notes: tuple[str, ...] = field(default=())

    @property
    def searched(self) -> bool:
        return bool(self.words)


def search(
    user: User, text: str, *, kind: str = "", limit: int = LIMIT, meaning: bool = True
) -> Results:
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
    words, some_words = query.words, False
    ranked = _ranked(user, words, kind, limit + 1, every=True)
    if not ranked and len(words) > 1 and telling(words):
        # Nothing holds every word: records holding some of those that say what it is about.
        words, some_words = telling(words), True
        ranked = _ranked(user, words, kind, limit + 1, every=False)
    counts = _counts(user, words, every=not some_words) if ranked else {}
    hits = _hits(user, [pk for pk, _ in ranked[:limit]], words)
    close: tuple[Hit, ...] = ()
    if meaning and len(query.words) > 1 and (not kind or kind in MEANING_KINDS):
        found = {(h.kind, h.object_id) for h in hits}
        close = _close_in_meaning(user, query, kind, found)
    return Results(
        query=query.text,
        words=words,
        kind=kind,
        hits=tuple(hits),
        close_in_meaning=close,
        counts=tuple(KindCount(k, LABELS[k][1], counts[k]) for k in LABELS if counts.get(k)),
        more=len(ranked) > limit,
        some_words=some_words and bool(ranked),
        notes=tuple(notes),
    )


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


def _matching(words: tuple[str, ...], every: bool) -> tuple[str, str, list[Any]]:
    """FROM and WHERE parts of the entries matching the words, with a `score` (lower is better)."""
    if connection.vendor == "postgresql":
        return (
            "nextround_searchentry e, CAST(%s AS tsquery) q",
            "-ts_rank(e.document, q)",
            [_tsquery(words, every)],
        )
    if connection.vendor == "sqlite":
        return (
            "(SELECT rowid AS id, bm25(nextround_search_fts, 10.0, 1.0) AS score "
            "FROM nextround_search_fts WHERE nextround_search_fts MATCH %s) f "
            "JOIN nextround_searchentry e ON e.id = f.id",
            "f.score",
            [_fts_match(words, every)],
        )
    raise NotImplementedError(f"search has no index on {connection.vendor}")


def _ranked(
    user: User, words: tuple[str, ...], kind: str, limit: int, *, every: bool
) -> list[tuple[int, float]]:
    source, score, params = _matching(words, every)
    readable, readable_params = _readable(user)
    where = [readable]
    if connection.vendor == "postgresql":
        where.append("e.document @@ q")
    extra: list[Any] = []
    if kind:
        where.append("e.kind = %s")
        extra.append(kind)
    sql = (
        f"SELECT e.id, {score} AS score FROM {source} WHERE {' AND '.join(where)} "
        "ORDER BY score, e.id DESC LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, *readable_params, *extra, limit])
        return [(int(pk), float(s)) for pk, s in cursor.fetchall()]


def _counts(user: User, words: tuple[str, ...], *, every: bool) -> dict[str, int]:
    source, _, params = _matching(words, every)
    readable, readable_params = _readable(user)
    where = [readable]
    if connection.vendor == "postgresql":
        where.append("e.document @@ q")
    sql = f"SELECT e.kind, COUNT(*) FROM {source} WHERE {' AND '.join(where)} GROUP BY e.kind"
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, *readable_params])
        return {str(k): int(n) for k, n in cursor.fetchall()}


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
                excerpt=excerpt(row["body"], words),
                context=_context(row["kind"], opp, number),
                shared=row["owner_id"] != user.pk,
            )
        )
    return hits


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


def _close_in_meaning(
    user: User, query: Query, kind: str, found: set[tuple[str, int]]
) -> tuple[Hit, ...]:
    """Stories and asked questions nearest the query in meaning, not already found by words."""
    from nextround.services import semantic

    model = semantic.embedder()
    if model is None:
        return ()
    candidates = _meaning_candidates(user, kind, found)
    if not candidates:
        return ()
    texts = [text for _, text, _ in candidates]
    known = semantic.known_vectors(texts, model)
    missing = [t for t in dict.fromkeys(texts) if t not in known][:MEANING_BUDGET]
    if missing:
        vectors = semantic.vectors(missing, model, store=False, lookup=False)
        known.update(zip(missing, vectors, strict=True))
    (query_vector,) = semantic.vectors([query.text], model, store=False, lookup=False)
    usable = [c for c in candidates if c[1] in known]
    scores = cosines(query_vector, [known[text] for _, text, _ in usable])
    best = sorted(
        ((s, c) for s, c in zip(scores, usable, strict=True) if s >= MEANING_COSINE),
        key=lambda pair: -pair[0],
    )[:MEANING_SHOWN]
    return tuple(hit for _, (_, _, hit) in best)


def _meaning_candidates(
    user: User, kind: str, found: set[tuple[str, int]]
) -> list[tuple[str, str, Hit]]:
    """(kind, text embedded, hit to show) of the stories and recent asked questions."""
    out: list[tuple[str, str, Hit]] = []
    if kind in ("", "story"):
        stories = m.Story.objects.filter(owner=user).order_by("-updated_at", "-id")
        for s in stories[:MEANING_CANDIDATES]:
            if ("story", s.pk) in found:
                continue
            # What the story is about: the whole story's vector is blurred by its details.
            text = ". ".join(p.strip().rstrip(".") for p in (s.title, s.situation) if p.strip())
            plain = " ".join(p for p in (s.situation, s.action, s.result) if p)
            out.append(("story", text, _meaning_hit("story", s.pk, None, None, s.title, plain)))
    if kind in ("", "question"):
        questions = (
            m.AskedQuestion.objects.filter(access.readable(m.AskedQuestion, user))
            .select_related("round__opportunity")
            .order_by("-updated_at", "-id")
        )
        for q in questions[:MEANING_CANDIDATES]:
            if ("question", q.pk) in found:
                continue
            opp = q.round.opportunity
            hit = _meaning_hit(
                "question",
                q.pk,
                opp.pk,
                q.round_id,
                q.text,
                q.answer_note,
                f"{opp.role} at {opp.company}, round {q.round.number}",
                shared=q.owner_id != user.pk,
            )
            out.append(("question", q.text, hit))
    return out


def _meaning_hit(
    kind: str,
    pk: int,
    opportunity_id: int | None,
    round_id: int | None,
    title: str,
    body: str,
    context: str = "",
    *,
    shared: bool = False,
) -> Hit:
    return Hit(
        kind=kind,
        label=LABELS[kind][0],
        object_id=pk,
        opportunity_id=opportunity_id,
        round_id=round_id,
        title=Excerpt(((title, False),)),
        excerpt=excerpt(body, ()),
        context=context,
        shared=shared,
        by_meaning=True,
    )
