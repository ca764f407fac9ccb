"""Delivery from timed words: pace over the answer and by part, long pauses, fillers, length."""

from __future__ import annotations

from nextround.coach.voice_delivery import TimedWord, measure


def _words(text: str, start: float, seconds_each: float) -> list[TimedWord]:
    out = []
    for index, word in enumerate(text.split()):
        at = start + index * seconds_each
        out.append(TimedWord(" " + word, at, at + seconds_each * 0.8))
    return out


def test_it_gives_words_a_minute_over_the_time_spoken() -> None:
    # 40 words, one every 0.4 s from 1 s: 150 words a minute.
    words = _words(" ".join(["word"] * 40), 1.0, 0.4)
    delivery = measure(words, 20.0, voiced=(1.0, 17.0))
    assert delivery.words_per_minute == 150.0
    assert delivery.time_to_first_word == 1.0
    assert sum(p.words for p in delivery.parts) == 40
    assert all(140 <= (p.words_per_minute or 0) <= 160 for p in delivery.parts)
    assert any(n.code == "pace" for n in delivery.notes)


def test_it_says_where_a_long_pause_falls() -> None:
    words = _words("I led the team through the migration", 0.5, 0.4)
    words += _words("and we shipped it two weeks early for the launch", 6.5, 0.4)
    delivery = measure(words, 12.0, [(0.0, 0.5), (3.3, 6.5)], voiced=(0.5, 10.5))
    assert len(delivery.pauses) == 1
    pause = delivery.pauses[0]
    assert pause.seconds == 3.2
    assert (pause.after, pause.before) == ("migration", "and")
    assert delivery.transcript[: pause.at].endswith("migration")
    assert "after “migration”" in next(n.message for n in delivery.notes if n.code == "long-pause")


def test_it_ignores_silence_before_the_first_word() -> None:
    words = _words(" ".join(["word"] * 20), 5.0, 0.4)
    delivery = measure(words, 14.0, [(0.0, 5.0)], voiced=(5.0, 13.0))
    assert delivery.pauses == ()
    assert delivery.time_to_first_word == 5.0
    assert any(n.code == "slow-start" for n in delivery.notes)


def test_it_marks_fillers_in_the_transcript_with_their_time() -> None:
    words = _words("Umm, so I led it. Like, the team was, uh, small but we, you know, won.", 0, 0.5)
    delivery = measure(words, 10.0)
    said = [delivery.transcript[f.start : f.end].lower() for f in delivery.fillers]
    assert said == ["umm", "like", "uh", "you know"]
    assert delivery.fillers[1].time == 2.5
    assert delivery.fillers_per_minute is not None
    assert delivery.fillers_per_minute > 20


def test_it_compares_the_length_with_the_question_types_target() -> None:
    words = _words(" ".join(["word"] * 30), 0, 0.4)
    assert measure(words, 12.0, question_type="salary-notice").length_verdict == "inside"
    assert measure(words, 12.0, question_type="behavioural").length_verdict == "short"


def test_no_words_is_said_plainly() -> None:
    delivery = measure([], 4.0)
    assert delivery.length_verdict == "no-speech"
    assert delivery.words_per_minute is None
    assert delivery.notes[0].message == "No words were recognised in the recording."
