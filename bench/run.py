"""`make bench`: every benchmark of the project, printed as one table."""

from __future__ import annotations

import importlib
import os
import sys
import tempfile
import traceback

from bench.common import Row

MODULES = (
    "bench_foundation",
    "bench_board",
    "bench_web",
    "bench_search",
    "bench_coach",
    "bench_classify",
    "bench_documents",
    "bench_hostile",
    "bench_semantic",
    "bench_followup",
    "bench_brief",
    "bench_load",
    "bench_fields",
    "bench_voice",
    "eval_scenarios",
    "eval_answers",
)


def print_table(rows: list[Row]) -> None:
    headers = ("area", "measure", "value", "target", "ok")
    cells = [
        (r.area, r.measure, r.value, r.target, "" if r.ok is None else ("yes" if r.ok else "NO"))
        for r in rows
    ]
    widths = [max(len(h), *(len(c[i]) for c in cells)) for i, h in enumerate(headers)]
    line = "| " + " | ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)) + " |"
    print(line)
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for c in cells:
        print("| " + " | ".join(v.ljust(w) for v, w in zip(c, widths, strict=True)) + " |")


def main() -> int:
    os.environ.setdefault("NEXTROUND_DATA_DIR", tempfile.mkdtemp(prefix="nextround-bench-"))
    # One log line per request would bury the table.
    os.environ.setdefault("NEXTROUND_LOG_LEVEL", "WARNING")
    wanted = sys.argv[1:] or MODULES
    rows: list[Row] = []
    failed = False
    for name in wanted:
        try:
            module = importlib.import_module(f"bench.{name}")
            rows.extend(module.run())
        except Exception:
            failed = True
            traceback.print_exc()
            rows.append(Row(name, "benchmark failed to run", "error", "", False))
    print_table(rows)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
