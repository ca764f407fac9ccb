"""Spoken answers: speed and memory of transcription, word error rate, fillers, pace and pauses.

Clips are spoken by espeak-ng (en-us, 150 words a minute) from known text, so every figure has
ground truth. Speed and memory are measured in a child process that loads the model and
transcribes a 60 s answer, as `nextround analyze --audio` would.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from bench.common import Row

RTF_TARGET = 0.25
MEMORY_TARGET_MB = 600
WER_TARGET = 0.25
FILLER_RECALL_TARGET = 0.7
WPM_ERROR_TARGET = 0.10
PAUSE_ERROR_TARGET = 0.3

ANSWERS = (
    "In my last role I led the move from spreadsheets to a shared reporting tool. I spoke to "
    "each team, agreed what they needed, and trained the managers myself.",
    "Our biggest customer threatened to leave after a failed release. I called them the same "
    "day, explained what went wrong, and stayed on the line while we rolled it back.",
    "I want this role because your team builds products that people use every day, and I have "
    "spent the last few years doing exactly that kind of work.",
    "A colleague kept missing deadlines that my work depended on. I asked him for coffee, "
    "found out he was overloaded, and we went to our manager together to fix the plan.",
    "My greatest strength is turning vague requests into clear plans. I write down what "
    "success looks like, check it with the people asking, and then break it into steps.",
    "When our main supplier went out of business I found two new ones within a week, "
    "negotiated better terms, and kept every order on schedule.",
    "I would start by listening to the people who already do the job, then look at the data, "
    "and only then suggest changes that we could test on a small scale.",
    "The project failed because we built what we assumed the users wanted. I learned to show "
    "early drafts to real users and to change course when they struggle.",
    "I handled a complaint from an angry parent by meeting her in person, agreeing on what we "
    "would change, and writing to her each week until it was done.",
    "I prefer a team where people say what they think, share their work early, and help each "
    "other without being asked.",
    "During the merger I was asked to combine two finance teams. I mapped every process, "
    "kept the best of each, and we closed the first month without any delays.",
    "I am leaving because I have learned what I can in my current job, and this position "
    "would let me lead a team and take on larger clients.",
)

FILLED = (
    "Um, in my last job I ran the help desk. Uh, we answered most calls within a minute, "
    "and, like, people noticed.",
    "So, you know, the hardest part was the budget. Um, I had to cut costs without cutting "
    "the team.",
    "Uh, I think the main thing is, um, that I listen first and then, uh, I decide.",
    "Well, um, my manager asked me to lead it, and, like, I said yes straight away.",
)
FILLER_WORDS = ("um", "uh", "like", "you know")

PAUSED = (
    (
        'I took over the project in a bad state. <break time="2500ms"/> First I met every '
        "stakeholder and wrote down what they expected.",
        2.5,
    ),
    (
        'We missed the first deadline. <break time="3000ms"/> After that I set weekly check-ins '
        "with the client and we delivered the rest on time.",
        3.0,
    ),
    (
        'The data was a mess. <break time="2200ms"/> I cleaned it, documented it, and '
        "trained the team to keep it clean.",
        2.2,
    ),
)


def _speak(text: str, path: Path) -> Path:
    subprocess.run(
        ["espeak-ng", "-m", "-s", "150", "-v", "en-us", "-w", str(path), text],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return path


def _words(text: str) -> list[str]:
    text = re.sub(r"<[^>]+>", " ", text)
    return re.findall(r"[a-z']+", text.lower())


def _wer(reference: str, hypothesis: str) -> tuple[int, int]:
    ref, hyp = _words(reference), _words(hypothesis)
    row = list(range(len(hyp) + 1))
    for i, r in enumerate(ref, start=1):
        previous, row[0] = row[0], i
        for j, h in enumerate(hyp, start=1):
            previous, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, previous + (r != h))
    return row[len(hyp)], len(ref)


def _filler_counts(text: str) -> Counter[str]:
    lowered = " " + " ".join(_words(text.replace("umm", "um").replace("uhh", "uh"))) + " "
    return Counter({f: lowered.count(f" {f} ") for f in FILLER_WORDS})


_CHILD = """
import json, resource, sys, time
from nextround import bootstrap
bootstrap.setup()
from nextround.services import voice
started = time.perf_counter()
voice.model()
loaded = time.perf_counter() - started
audio = voice.decode(open(sys.argv[1], "rb").read())
started = time.perf_counter()
heard = voice.transcribe(audio)
took = time.perf_counter() - started
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": audio.seconds, "took": took, "load": loaded, "peak_mb": peak,
                  "words": heard.delivery.word_count}))
"""


def _long_clip(folder: Path) -> Path:
    """An interview answer of at least 60 s, cut to 60 s."""
    import wave

    text = " ".join(ANSWERS)
    path = _speak(text, folder / "long.wav")
    with wave.open(str(path)) as source:
        rate, width, channels = source.getframerate(), source.getsampwidth(), source.getnchannels()
        frames = source.readframes(60 * rate)
    cut = folder / "long60.wav"
    with wave.open(str(cut), "wb") as out:
        out.setnchannels(channels)
        out.setsampwidth(width)
        out.setframerate(rate)
        out.writeframes(frames)
    return cut


def run() -> list[Row]:
    rows: list[Row] = []
    folder = Path(tempfile.mkdtemp(prefix="nextround-voice-bench-"))
    from nextround import bootstrap

    bootstrap.setup()
    from nextround.services import voice

    # Speed and memory, in a process of its own.
    long_clip = _long_clip(folder)
    child = subprocess.run(
        [sys.executable, "-c", _CHILD, str(long_clip)], capture_output=True, text=True, check=True
    )
    speed = json.loads(child.stdout.strip().splitlines()[-1])
    rtf = speed["took"] / speed["seconds"]
    model_name = voice.model_name(voice.model_dir())
    rows.append(
        Row(
            "voice",
            f"transcribe a {speed['seconds']:.0f} s answer ({model_name}, int8, CPU)",
            f"{speed['took']:.1f} s, real-time factor {rtf:.2f}",
            f"≤ {RTF_TARGET} (≤ {RTF_TARGET * 60:.0f} s)",
            rtf <= RTF_TARGET,
        )
    )
    rows.append(Row("voice", "load the model", f"{speed['load']:.1f} s"))
    rows.append(
        Row(
            "voice",
            "peak memory (model, Django, 60 s transcription)",
            f"{speed['peak_mb']:.0f} MB",
            f"≤ {MEMORY_TARGET_MB} MB",
            speed["peak_mb"] <= MEMORY_TARGET_MB,
        )
    )

    # Word error rate, pace and fillers made up, on plain answers.
    errors = total = invented = 0
    pace_errors = []
    started = time.perf_counter()
    for number, text in enumerate(ANSWERS):
        audio = voice.decode(_speak(text, folder / f"answer{number}.wav").read_bytes())
        heard = voice.transcribe(audio)
        invented += len(heard.delivery.fillers)
        wrong, count = _wer(text, heard.transcript)
        errors, total = errors + wrong, total + count
        from nextround.formats.audio import voiced_span

        first, last = voiced_span(audio) or (0.0, audio.seconds)
        truth = 60 * len(_words(text)) / (last - first)
        if heard.delivery.words_per_minute is not None:
            pace_errors.append(abs(heard.delivery.words_per_minute - truth) / truth)
    wer = errors / total
    rows.append(
        Row(
            "voice",
            f"word error rate, {len(ANSWERS)} espeak-ng answers ({total} words)",
            f"{wer:.1%}",
            f"≤ {WER_TARGET:.0%}",
            wer <= WER_TARGET,
        )
    )
    rows.append(
        Row(
            "voice",
            f"fillers heard in {len(ANSWERS)} answers that have none",
            str(invented),
            "0",
            invented == 0,
        )
    )
    worst_pace = max(pace_errors) if pace_errors else 1.0
    rows.append(
        Row(
            "voice",
            "words a minute against words over speech time (worst clip)",
            f"{worst_pace:.1%} off (mean {sum(pace_errors) / max(1, len(pace_errors)):.1%})",
            f"≤ {WPM_ERROR_TARGET:.0%}",
            worst_pace <= WPM_ERROR_TARGET,
        )
    )
    rows.append(
        Row(
            "voice",
            "clips transcribed a second",
            f"{len(ANSWERS) / (time.perf_counter() - started):.2f}",
        )
    )

    # Fillers kept.
    found = expected = 0
    for number, text in enumerate(FILLED):
        audio = voice.decode(_speak(text, folder / f"filled{number}.wav").read_bytes())
        heard = voice.transcribe(audio)
        said = _filler_counts(text)
        got = Counter(
            f.text.lower().replace("umm", "um").replace("uhh", "uh") for f in heard.delivery.fillers
        )
        expected += sum(said.values())
        found += sum(min(got[w], said[w]) for w in FILLER_WORDS)
    recall = found / expected
    rows.append(
        Row(
            "voice",
            f"filler recall ({expected} fillers said: um, uh, like, you know)",
            f"{recall:.2f}",
            f"≥ {FILLER_RECALL_TARGET}",
            recall >= FILLER_RECALL_TARGET,
        )
    )

    # Long pauses found where they were said.
    worst = 0.0
    missed = 0
    for number, (text, seconds) in enumerate(PAUSED):
        audio = voice.decode(_speak(text, folder / f"paused{number}.wav").read_bytes())
        pauses = voice.transcribe(audio).delivery.pauses
        if len(pauses) != 1:
            missed += 1
            continue
        worst = max(worst, abs(pauses[0].seconds - seconds))
    rows.append(
        Row(
            "voice",
            f"long pauses found ({len(PAUSED)} said, 2.2-3 s), worst length error",
            f"{len(PAUSED) - missed} of {len(PAUSED)}, ±{worst:.2f} s",
            f"all, ±{PAUSE_ERROR_TARGET} s",
            missed == 0 and worst <= PAUSE_ERROR_TARGET,
        )
    )
    return rows
