"""`nextround analyze`, `classify` and `practice`: feedback on answers, in the terminal."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

import click

from nextround.cli.records import owner

LEVEL_MARK = {"good": "+", "fix": "!", "info": "·"}
LEVEL_STYLE = {"good": "green", "fix": "bold yellow", "info": "dim"}


def print_feedback(feedback: Any) -> None:
    """The summary, each aspect's score, every insight with the words it rests on, next steps."""
    from rich.console import Console
    from rich.text import Text

    from nextround.services.practice import length_said

    console = Console(highlight=False)
    analysis = feedback.analysis
    console.print(Text(analysis["summary"], style="bold"))
    scores = analysis["scores"]
    if scores:
        parts = [f"{s['aspect']} {s['score']}" for s in scores]
        # The summary above already gives the overall score (not the mean of these).
        console.print(f"Scores: {', '.join(parts)}")
    console.print(f"{length_said(analysis['word_count'])}; question type: {feedback.question_type}")
    for insight in analysis["insights"]:
        line = Text(f" {LEVEL_MARK[insight['level']]} ", style=LEVEL_STYLE[insight["level"]])
        line.append(f"{insight['aspect']}: ", style="bold")
        line.append(insight["message"])
        quotes = [
            feedback.answer[s["start"] : s["end"]].strip()
            for s in insight["spans"][:3]
            if 0 < s["end"] - s["start"] <= 120
        ]
        if quotes:
            line.append("  ← " + " / ".join(f"“{q}”" for q in quotes), style="italic")
        console.print(line)
    for change in analysis["progress"]:
        if change["after"] == change["before"]:
            console.print(f" = {change['aspect']}: {change['after']}, unchanged")
            continue
        arrow = "↑" if change["after"] > change["before"] else "↓"
        console.print(f" {arrow} {change['aspect']}: {change['before']} → {change['after']}")
    if analysis["next_steps"]:
        console.print(Text("Next:", style="bold"))
        for number, step in enumerate(analysis["next_steps"], start=1):
            console.print(f"  {number}. {step}")
    if analysis.get("follow_ups"):
        console.print(Text("Likely follow-ups:", style="bold"))
        for item in analysis["follow_ups"]:
            console.print(f"  ? {item['text']}")
            console.print(Text(f"    ({item['reason']})", style="dim"))


@click.command()
@click.option("--question", "-q", required=True, help="The interview question.")
@click.option("--answer", "-a", help="Your answer.")
@click.option(
    "--answer-file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Read the answer from a text file ('-' for standard input).",
)
@click.option(
    "--audio",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="A spoken answer (wav, webm, ogg, mp3, m4a), transcribed on this machine.",
)
@click.option("--opportunity", type=int, help="Use this opportunity's requirements as job terms.")
@click.option("--save", is_flag=True, help="Keep the answer as a practice attempt.")
@click.option(
    "--follow-up-of",
    type=int,
    metavar="ATTEMPT_ID",
    help="This answers a follow-up to that saved attempt (implies --save).",
)
@click.option(
    "--lexical", is_flag=True, help="Judge relevance on shared words only, without embeddings."
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def analyze(
    question: str,
    answer: str | None,
    answer_file: Path | None,
    audio: Path | None,
    opportunity: int | None,
    save: bool,
    follow_up_of: int | None,
    lexical: bool,
    as_json: bool,
) -> None:
    """Instant feedback on an answer: structure, specificity, ownership, delivery, length.

    With --audio the answer is a recording: its transcript, pace, pauses and fillers come first.
    """
    if sum(x is not None for x in (answer, answer_file, audio)) != 1:
        raise click.UsageError(
            "Give exactly one of --answer or --answer-file, or --audio for a recording."
        )
    if audio is not None:
        _analyze_audio(question, audio, opportunity, save, follow_up_of, as_json)
        return
    if answer_file is not None:
        raw = answer_file.read_bytes()
        if b"\x00" in raw[:4096]:
            raise click.UsageError(f"{answer_file} is not a text file.")
        answer = raw.decode("utf-8", errors="replace")
    assert answer is not None
    user = owner()
    from nextround.services import practice

    semantic = False if lexical else None
    if save or follow_up_of is not None:
        feedback = practice.practise(
            user,
            question,
            answer,
            opportunity_id=opportunity,
            follow_up_of=follow_up_of,
            semantic=semantic,
        )
    else:
        feedback = practice.analyse(user, question, answer, opportunity, semantic=semantic)
    if as_json:
        from nextround.cli.output import emit_json

        emit_json({"attempt_id": feedback.attempt_id, **feedback.analysis})
        return
    print_feedback(feedback)


def _analyze_audio(
    question: str,
    audio: Path,
    opportunity: int | None,
    save: bool,
    follow_up_of: int | None,
    as_json: bool,
) -> None:
    """Transcribe a recording, then the delivery from the audio and the usual feedback."""
    user = owner()
    from nextround.services import voice

    result = voice.analyse_recording(user, question, audio.read_bytes(), str(audio), opportunity)
    feedback = result.feedback
    if save or follow_up_of is not None:
        feedback = voice.save(user, result, opportunity, follow_up_of=follow_up_of)
    if as_json:
        from nextround.cli.output import emit_json

        emit_json({**result.to_dict(), "attempt_id": feedback.attempt_id})
        return
    print_delivery(result.to_dict())
    print_feedback(feedback)


def print_delivery(data: dict[str, Any]) -> None:
    """The transcript with its fillers, then pace, pauses and the start, from the recording."""
    from rich.console import Console
    from rich.text import Text

    console = Console(highlight=False)
    delivery = data["delivery"]
    text = Text(data["transcript"])
    for filler in delivery["fillers"]:
        text.stylize("bold magenta", filler["start"], filler["end"])
    console.print(Text("Transcript:", style="bold"))
    console.print(text)
    wpm = delivery["words_per_minute"]
    figures = [
        f"{delivery['speaking_seconds']:.0f} s spoken",
        f"{delivery['word_count']} words",
        f"{wpm:.0f} words a minute" if wpm is not None else "too short to judge pace",
        f"{len(delivery['fillers'])} fillers"
        + (
            f" ({delivery['fillers_per_minute']:.1f} a minute)"
            if delivery["fillers_per_minute"] is not None
            else ""
        ),
        f"{len(delivery['pauses'])} long pauses",
        f"first word after {delivery['time_to_first_word']:.1f} s",
    ]
    console.print("Delivery: " + ", ".join(figures))
    paces = [p for p in delivery["parts"] if p["words_per_minute"] is not None]
    if paces:
        console.print(
            "Pace by part: " + ", ".join(f"{p['part']} {p['words_per_minute']:.0f}" for p in paces)
        )
    for note in delivery["notes"]:
        line = Text(f" {LEVEL_MARK[note['level']]} ", style=LEVEL_STYLE[note["level"]])
        line.append("voice: ", style="bold")
        line.append(note["message"])
        console.print(line)
    console.print()


@click.command()
@click.argument("questions", nargs=-1, required=True)
@click.option("--lexical", is_flag=True, help="Use cues and words only, without embeddings.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def classify(questions: tuple[str, ...], lexical: bool, as_json: bool) -> None:
    """The type and competencies of interview questions, and what decided them."""
    from nextround.services import semantic as meaning

    results = meaning.classify_questions(
        list(questions), semantic=False if lexical else None, store=False, lookup=False
    )
    if as_json:
        from nextround.cli.output import emit_json

        emit_json(
            {
                "format_version": 1,
                "questions": [
                    {
                        "text": text,
                        "type": r.type if r.confidence else None,
                        "confidence": r.confidence,
                        "competencies": list(r.competencies),
                        "evidence": list(r.evidence),
                    }
                    for text, r in zip(questions, results, strict=True)
                ],
            }
        )
        return
    for text, result in zip(questions, results, strict=True):
        click.echo(text)
        if not result.confidence:
            click.echo("  not recognised as an interview question")
            continue
        click.echo(f"  type: {result.type} (confidence {result.confidence:.2f})")
        click.echo(f"  competencies: {', '.join(result.competencies)}")
        for kind, most in (("cue ", 3), ("word ", 2), ("like ", 2)):
            for item in [e for e in result.evidence if e.startswith(kind)][:most]:
                click.echo(f"  because: {item}")


def _read_answer(seconds: int) -> tuple[str, int]:
    """One answer, which may run over several lines, and the seconds it took.

    The answer ends at the first empty line (or at the end of input). An empty line before any
    text is an empty answer: the question is skipped, or the follow-ups are left.
    """
    started = time.monotonic()
    lines: list[str] = []
    while True:
        line = sys.stdin.readline()
        if not line or not line.strip():
            break
        lines.append(line.rstrip("\r\n"))
    taken = round(time.monotonic() - started)
    if lines and seconds and taken > seconds:
        click.echo(f"(over the {seconds} s limit by {taken - seconds} s)")
    return "\n".join(lines), taken


@click.command()
@click.argument("round_id", type=int)
@click.option(
    "--count",
    "-n",
    type=click.IntRange(1, 20),
    default=5,
    show_default=True,
    help="How many questions to practise.",
)
@click.option(
    "--seconds",
    type=click.IntRange(0, 3600),
    default=120,
    show_default=True,
    help="Time for each answer (0: no limit).",
)
@click.option(
    "--seed",
    type=int,
    default=None,
    help="Pick the same questions again: the same seed gives the same questions while the "
    "opportunity's record (rounds, questions, feedback, job, stories) is unchanged; the answers "
    "you give never change them. Without it, the draw changes each hour.",
)
@click.option(
    "--follow-ups",
    type=click.IntRange(0, 2),
    default=2,
    show_default=True,
    help="Follow-up questions to answer after each answer (0: none).",
)
@click.option(
    "--recordings",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="A folder of spoken answers, one per question in name order (wav, webm, ogg, mp3, m4a).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the results as JSON at the end.")
def practice(
    round_id: int,
    count: int,
    seconds: int,
    seed: int | None,
    follow_ups: int,
    recordings: Path | None,
    as_json: bool,
) -> None:
    """A timed mock interview for a round, weighted toward your weak areas.

    Type each answer on one or more lines and end it with an empty line. An empty line before
    any text skips the question. After each answer its likely follow-ups are asked in turn; an
    empty line before any text moves on to the next question. At the end of input the questions
    left are skipped.

    With --recordings, each question is answered by the next recording in the folder instead.
    """
    user = owner()
    from nextround.services import practice as service

    questions = service.questions_for_round(
        user, round_id, count, seed if seed is not None else int(time.time()) // 3600
    )
    if len(questions) < count:
        click.echo(f"Only {len(questions)} question(s) to practise for this round, not {count}.")
    if recordings is not None:
        _practise_recordings(user, round_id, questions, recordings, as_json)
        return
    results = []
    skipped = 0
    for number, item in enumerate(questions, start=1):
        limit = f"{seconds} s" if seconds else "no time limit"
        click.secho(f"\nQuestion {number} of {len(questions)}: {item.text}", bold=True)
        click.echo(f"(why: {item.why}; {limit}; end with an empty line, or skip with one now)")
        answer, taken = _read_answer(seconds)
        if not answer.strip():
            click.echo("Skipped.")
            skipped += 1
            continue
        feedback = service.practise(user, item.text, answer, taken, round_id=round_id)
        results.append(_result(item.text, feedback, taken))
        if not as_json:
            print_feedback(feedback)
        _drill_follow_ups(user, feedback, follow_ups, seconds, round_id, results, as_json)
    if as_json:
        from nextround.cli.output import emit_json

        emit_json(results)
    else:
        left = f"; {skipped} question(s) skipped" if skipped else ""
        click.echo(f"\n{len(results)} answer(s) saved as practice attempts{left}.")


def _practise_recordings(
    user: Any, round_id: int, questions: list[Any], folder: Path, as_json: bool
) -> None:
    """Answer the questions in turn with the folder's recordings, in name order."""
    import json as json_module

    from nextround.formats.audio import EXTENSIONS
    from nextround.services import practice as service
    from nextround.services import voice
    from nextround.services.errors import ServiceError

    files = sorted(
        p for p in folder.iterdir() if p.is_file() and p.suffix.lower().lstrip(".") in EXTENSIONS
    )
    if not files:
        raise click.UsageError(
            f"{folder} has no recordings ({', '.join(EXTENSIONS)}): nothing to practise with."
        )
    results = []
    for number, (item, path) in enumerate(zip(questions, files, strict=False), start=1):
        click.secho(f"\nQuestion {number} of {len(questions)}: {item.text}", bold=True)
        click.echo(f"(why: {item.why}; answered by {path.name})")
        try:
            heard = voice.listen(user, item.text, path.read_bytes(), path.name)
        except ServiceError as exc:
            click.echo(f"Skipped {path.name}: {exc}")
            continue
        spoken = heard.transcription
        feedback = service.practise(
            user,
            item.text,
            spoken.transcript,
            round(spoken.delivery.recording_seconds),
            round_id=round_id,
        )
        assert feedback.attempt_id is not None
        voice.attach(user, feedback.attempt_id, json_module.dumps(spoken.delivery.to_dict()))
        results.append(
            {
                **_result(item.text, feedback, round(spoken.delivery.recording_seconds)),
                "recording": path.name,
                "transcript": spoken.transcript,
            }
        )
        if not as_json:
            print_delivery(heard.to_dict())
            print_feedback(feedback)
    if len(files) < len(questions):
        click.echo(f"{len(questions) - len(files)} question(s) had no recording and were skipped.")
    if as_json:
        from nextround.cli.output import emit_json

        emit_json(results)
    else:
        click.echo(f"\n{len(results)} spoken answer(s) saved as practice attempts.")


def _result(question: str, feedback: Any, taken: int) -> dict[str, Any]:
    return {
        "question": question,
        "attempt_id": feedback.attempt_id,
        "seconds_taken": taken,
        "overall": feedback.overall,
        "follow_up_of": feedback.follow_up_of,
    }


def _drill_follow_ups(
    user: Any,
    feedback: Any,
    limit: int,
    seconds: int,
    round_id: int,
    results: list[dict[str, Any]],
    as_json: bool,
) -> None:
    """Ask the answer's likely follow-ups one by one; each answer is saved and may lead on."""
    from nextround.services import practice as service

    asked = 0
    pending = list(feedback.follow_ups)
    parent = feedback.attempt_id
    while pending and asked < limit:
        item = pending.pop(0)
        asked += 1
        click.secho(f"\nFollow-up: {item.text}", bold=True)
        click.echo(f"(why: {item.reason} End with an empty line, or move on with one now)")
        answer, taken = _read_answer(seconds)
        if not answer.strip():
            click.echo("Moved on.")
            break
        followed = service.practise(
            user, item.text, answer, taken, round_id=round_id, follow_up_of=parent
        )
        results.append(_result(item.text, followed, taken))
        if not as_json:
            print_feedback(followed)
        # The next probe comes from the latest answer: an interviewer digs where it is thinnest.
        pending = [f for f in followed.follow_ups if f.text != item.text] or pending
        parent = followed.attempt_id


def register(cli: click.Group) -> None:
    cli.add_command(analyze)
    cli.add_command(classify)
    cli.add_command(practice)
