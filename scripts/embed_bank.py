"""Write the sentence vectors of the question bank and of the classifier's labelled phrasings
beside them, so no page waits to embed them.

Run after changing coach/data/question_bank.json or question_phrasings.json (needs the
`semantic` extra):
    .venv/bin/python scripts/embed_bank.py
Questions added since are embedded on first use and cached in the database as usual.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))


def main() -> int:
    from nextround.coach.bank import load_bank, load_phrasings
    from nextround.coach.semantic import load_embedder
    from nextround.services.semantic import BANK_VECTORS, text_hash, write_shipped

    model = load_embedder("onnx")
    bank = load_bank()
    # The questions, each with what it tests (weak areas are ranked against that), and the
    # classifier's phrasings.
    texts = sorted(
        {q.text for q in bank} | {q.described for q in bank} | {p.text for p in load_phrasings()}
    )
    vectors = model.embed(texts)
    path = ROOT / "src" / "nextround" / "coach" / "data" / BANK_VECTORS
    write_shipped(path, model.model_id, [text_hash(t) for t in texts], vectors)
    print(f"wrote {len(texts)} vectors of {model.model_id} to {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
