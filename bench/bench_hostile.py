"""Hostile files: each refused within 20 s and 800 MB at peak, measured in a fresh process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile

from tests.formats import hostile

from bench.common import Row

TIME_LIMIT_S = 20.0
MEMORY_LIMIT_MB = 800.0

# Run in a fresh interpreter per file: reads the file, times the refusal, reports peak memory of
# the process and of its children (the PDF reader's child process).
RUNNER = r"""
import json, os, resource, sys, time
from tests.formats import hostile

item = next(h for h in hostile.HOSTILE if h.name == sys.argv[1])
data = item.data
if item.kind == "backup":
    from nextround import bootstrap
    bootstrap.setup(migrate=False)
    from nextround.services import backup as reader
    path = os.path.join(os.environ["NEXTROUND_DATA_DIR"], item.filename)
    with open(path, "wb") as fh:
        fh.write(data)
start = time.perf_counter()
try:
    if item.kind == "document":
        from nextround.formats.documents import read_document
        read_document(data, item.filename)
    elif item.kind == "invite":
        from nextround.formats import ics
        ics.parse_invite(data)
    elif item.kind == "email":
        from nextround.formats import eml
        eml.parse_email(data)
    else:
        from pathlib import Path
        reader.load(Path(path))
    message = ""
except Exception as exc:
    message = str(exc)
seconds = time.perf_counter() - start
peak_kb = max(
    resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
    resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
)
print(json.dumps({"seconds": seconds, "peak_mb": peak_kb / 1024, "message": message}))
"""


def measure(name: str) -> dict[str, object]:
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    env = {**os.environ, "PYTHONPATH": root, "NEXTROUND_DATA_DIR": tempfile.mkdtemp()}
    done = subprocess.run(
        [sys.executable, "-c", RUNNER, name],
        capture_output=True,
        text=True,
        env=env,
        cwd=root,
        timeout=120,
        check=False,
    )
    if done.returncode != 0:
        return {"seconds": float("nan"), "peak_mb": float("nan"), "message": done.stderr[-200:]}
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def run() -> list[Row]:
    rows = []
    for item in hostile.HOSTILE:
        found = measure(item.name)
        seconds = float(str(found["seconds"]))
        peak = float(str(found["peak_mb"]))
        refused = bool(found["message"])
        ok = refused and seconds <= TIME_LIMIT_S and peak <= MEMORY_LIMIT_MB
        size = len(item.data)
        rows.append(
            Row(
                "hostile files",
                f"{item.name} ({size / 1024:,.0f} KB): refused in, peak memory",
                f"{seconds:.2f} s, {peak:.0f} MB" + ("" if refused else " (NOT refused)"),
                f"<= {TIME_LIMIT_S:.0f} s, <= {MEMORY_LIMIT_MB:.0f} MB",
                ok,
            )
        )
    return rows


if __name__ == "__main__":
    for row in run():
        print(row)
