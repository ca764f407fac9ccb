"""The server's warm-up: content and the model loaded once, in the background, harmlessly."""

from __future__ import annotations

from typing import Any

from nextround.services import warmup


def test_warming_up_loads_everything_a_brief_reads_and_starts_once(user: Any) -> None:
    from nextround.coach.fields import detect_field

    warmup.start()
    warmup.start()  # a second call (a second worker hook) starts nothing more
    assert warmup.done.wait(120)
    # What it loaded is cached: the field's patterns are compiled, the guess is right.
    assert detect_field("Band 6 Staff Nurse", "NMC registration").field == "nursing"


def test_a_failing_warm_up_is_logged_and_never_raises(monkeypatch: Any, caplog: Any) -> None:
    def broken() -> None:
        raise RuntimeError("no model here")

    monkeypatch.setattr(warmup, "warm", broken)
    monkeypatch.setattr(warmup, "_started", type(warmup._started)())
    monkeypatch.setattr(warmup, "done", type(warmup.done)())
    warmup.start()
    assert warmup.done.wait(10)
    assert "warm-up failed" in caplog.text
