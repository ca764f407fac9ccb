"""Structured logs: one JSON object a line, carrying only fields known to hold no personal data."""

from __future__ import annotations

import datetime as dt
import json
import logging

# Extra fields a log call may attach; anything else (names, e-mails, text) is dropped.
SAFE_FIELDS = ("method", "route", "status", "ms", "job_id", "kind", "event", "count", "seconds")


class JsonFormatter(logging.Formatter):
    """Time, level, logger, message and the safe extra fields; exceptions by type only."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "time": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage() if record.name.startswith("nextround") else record.msg,
        }
        for name in SAFE_FIELDS:
            if name in record.__dict__:
                entry[name] = record.__dict__[name]
        if record.exc_info and record.exc_info[0] is not None:
            # The type and where it happened; the message may quote user input, so it stays out.
            entry["error"] = record.exc_info[0].__name__
            tb = record.exc_info[2]
            while tb is not None and tb.tb_next is not None:
                tb = tb.tb_next
            if tb is not None:
                entry["at"] = f"{tb.tb_frame.f_code.co_filename}:{tb.tb_lineno}"
        return json.dumps(entry, default=str)
