"""The coach's word lists, loaded once from data/wordlists.json and checked on load."""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from nextround.coach.text import WORD_RE

WORDLISTS_PATH = Path(__file__).with_name("data") / "wordlists.json"
FORMAT_VERSION = 1

LIST_KEYS = (
    "fillers",
    "comma_fillers",
    "hedges",
    "cliches",
    "negative_self_talk",
    "vague_claims",
    "stopwords",
    "question_framing",
    "requirement_generic",
    "tool_words",
    "number_words",
    "time_units",
    "scale_nouns",
    "capitalised_common",
    "action_verbs",
    "action_excludes",
    "outcome_words",
    "topic_switch",
    "topic_switch_asked",
    # Phrases that hold a hedge's words but are no hedge ("I believe in…", "what kind of…").
    "not_hedges",
    # Terms of a job that are checks or logistics (a driving licence, a DBS check, a passport),
    # never worked into an answer.
    "not_job_terms",
    # Job titles: "As pharmacist manager I…", "I was the project QS" say what her part was.
    "role_nouns",
    # Pieces of work feedback can name as the candidate's ("your stewardship audit", "the
    # onboarding pilot"): a remark that names one is about the answer that names it too.
    "work_nouns",
    # Settings of a story told from outside work ("my five-a-side team", "the renovation of my
    # flat"), the question words that invite one, and words that place a story at work.
    "outside_work",
    "outside_work_asked",
    "work_setting",
)
# Lists a word list file may leave out: tool words that are also everyday English words
# ("spring", "rest", "lean"), counted as tools only when written as a name ("Spring", "REST").
OPTIONAL_LIST_KEYS = ("tool_words_plain",)
STAR_PARTS = ("situation", "task", "action", "result")


class WordListError(ValueError):
    """The word list file is missing or malformed; the message names the file and key."""


# Phrases made only of these characters are matched on word tokens; others (c#, ci/cd) by regex.
_TOKEN_SAFE = re.compile(r"[a-z0-9'’\- ]+")


@dataclass(frozen=True, eq=False)
class PhraseMatcher:
    """Finds whole phrases in a tokenised text in one pass over its words."""

    by_first: dict[str, tuple[tuple[str, ...], ...]]
    other: re.Pattern[str] | None

    @classmethod
    def build(cls, phrases: Sequence[str]) -> PhraseMatcher:
        """Index phrases by their first word, longest first."""
        grouped: dict[str, list[tuple[str, ...]]] = {}
        odd: list[str] = []
        for phrase in phrases:
            tokens = tuple(m.group().replace("’", "'") for m in WORD_RE.finditer(phrase))
            if not tokens or not _TOKEN_SAFE.fullmatch(phrase):
                odd.append(phrase)
                continue
            grouped.setdefault(tokens[0], []).append(tokens)
        return cls(
            by_first={
                first: tuple(sorted(set(group), key=len, reverse=True))
                for first, group in grouped.items()
            },
            other=phrase_regex(odd) if odd else None,
        )

    def find(
        self, lowers: Sequence[str], starts: Sequence[int], ends: Sequence[int], text: str, end: int
    ) -> list[tuple[int, int]]:
        """Character (start, end) of each leftmost-longest match, in order."""
        found: list[tuple[int, int]] = []
        by_first = self.by_first
        i, count = 0, len(lowers)
        while i < count:
            candidates = by_first.get(lowers[i])
            if candidates:
                for tokens in candidates:
                    size = len(tokens)
                    if tuple(lowers[i : i + size]) == tokens:
                        found.append((starts[i], ends[i + size - 1]))
                        i += size
                        break
                else:
                    i += 1
            else:
                i += 1
        if self.other is not None:
            found.extend((m.start(), m.end()) for m in self.other.finditer(text, 0, end))
            found.sort()
        return found


@dataclass(frozen=True, eq=False)
class WordLists:
    """Every list the analysis uses, lower-cased, with phrase patterns compiled once."""

    lists: dict[str, tuple[str, ...]]
    sets: dict[str, frozenset[str]]
    patterns: Mapping[str, re.Pattern[str]]
    matchers: dict[str, PhraseMatcher]
    synonyms: tuple[tuple[str, ...], ...]
    repeated_alternatives: dict[str, tuple[str, ...]]


class LazyPatterns(Mapping[str, re.Pattern[str]]):
    """Each list's phrase regex, compiled on first use: compiling all of them took 0.5 s."""

    def __init__(self, lists: dict[str, tuple[str, ...]]) -> None:
        self._lists = lists
        self._compiled: dict[str, re.Pattern[str]] = {}

    def __getitem__(self, key: str) -> re.Pattern[str]:
        if key not in self._compiled:
            self._compiled[key] = phrase_regex(self._lists[key])
        return self._compiled[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._lists)

    def __len__(self) -> int:
        return len(self._lists)


def phrase_regex(phrases: tuple[str, ...] | list[str]) -> re.Pattern[str]:
    """Match any phrase as whole words, longest first, tolerant of curly quotes and spacing."""
    parts = []
    for phrase in sorted({p.strip() for p in phrases if p.strip()}, key=len, reverse=True):
        escaped = re.escape(phrase).replace("'", "['’]").replace(r"\ ", r"\s+")
        # Only demand a word boundary where the phrase itself starts or ends with a word character.
        head = r"(?<![\w'’])" if phrase[:1].isalnum() else ""
        tail = r"(?![\w'’])" if phrase[-1:].isalnum() else ""
        parts.append(f"{head}{escaped}{tail}")
    if not parts:
        return re.compile(r"(?!x)x")
    return re.compile("|".join(parts), re.IGNORECASE)


def _fail(path: Path, key: str, problem: str) -> WordListError:
    return WordListError(f"{path}: key {key!r} {problem}")


def _strings(path: Path, key: str, value: object) -> tuple[str, ...]:
    if not isinstance(value, list) or not value:
        raise _fail(path, key, "must be a non-empty list of strings")
    out = []
    for item in value:
        if not isinstance(item, str) or not item.strip():
            raise _fail(path, key, f"holds {item!r}, not a non-empty string")
        out.append(item.strip().lower())
    return tuple(out)


def parse_wordlists(raw: object, path: Path = WORDLISTS_PATH) -> WordLists:
    """Validate the decoded JSON and build the compiled word lists."""
    if not isinstance(raw, dict):
        raise _fail(path, "(top level)", "must be a JSON object")
    if raw.get("format_version") != FORMAT_VERSION:
        raise _fail(path, "format_version", f"must be {FORMAT_VERSION}")
    lists: dict[str, tuple[str, ...]] = {}
    for key in LIST_KEYS:
        if key not in raw:
            raise _fail(path, key, "is missing")
        lists[key] = _strings(path, key, raw[key])

    for key in OPTIONAL_LIST_KEYS:
        lists[key] = _strings(path, key, raw[key]) if key in raw else ()

    cues = raw.get("star_cues")
    if not isinstance(cues, dict) or set(cues) != set(STAR_PARTS):
        raise _fail(path, "star_cues", f"must be an object with keys {', '.join(STAR_PARTS)}")
    star_cues = {
        f"star:{part}": PhraseMatcher.build(_strings(path, f"star_cues.{part}", cues[part]))
        for part in STAR_PARTS
    }

    groups = raw.get("synonyms")
    if not isinstance(groups, list) or not groups:
        raise _fail(path, "synonyms", "must be a non-empty list of lists of strings")
    synonyms = tuple(_strings(path, f"synonyms[{i}]", group) for i, group in enumerate(groups))

    alternatives = raw.get("repeated_alternatives")
    if not isinstance(alternatives, dict) or not alternatives:
        raise _fail(path, "repeated_alternatives", "must be an object of word -> list of strings")
    repeated = {
        str(word).lower(): _strings(path, f"repeated_alternatives.{word}", options)
        for word, options in alternatives.items()
    }

    return WordLists(
        lists=lists,
        sets={key: frozenset(values) for key, values in lists.items()},
        patterns=LazyPatterns(lists),
        matchers={key: PhraseMatcher.build(values) for key, values in lists.items()} | star_cues,
        synonyms=synonyms,
        repeated_alternatives=repeated,
    )


def load_wordlists(path: Path = WORDLISTS_PATH) -> WordLists:
    """Read, validate and compile a word list file."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise WordListError(f"{path}: cannot be read ({error.strerror})") from error
    except json.JSONDecodeError as error:
        raise WordListError(f"{path}: not valid JSON (line {error.lineno}: {error.msg})") from error
    return parse_wordlists(raw, path)


@functools.cache
def wordlists() -> WordLists:
    """The packaged word lists, loaded on first use."""
    return load_wordlists()
