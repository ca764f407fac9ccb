"""The embedding backend and the lexical fallback behind the coach's similarity interface."""

from __future__ import annotations

import math
import os

import pytest

from nextround.coach import semantic


def test_lexical_similarity_lets_synonyms_meet_and_ignores_filler() -> None:
    same = semantic.lexical_similarity("What SQL skills do you have?", "I write SQL daily.")
    unrelated = semantic.lexical_similarity("What SQL skills do you have?", "I enjoy hiking.")
    assert same > 0.3
    assert unrelated == 0.0
    assert semantic.lexical_similarity("", "anything") == 0.0


def test_vectors_survive_the_database_format_and_a_wrong_size_is_refused() -> None:
    vector = [0.25, -0.5, 1.0]
    assert semantic.unpack(semantic.pack(vector), 3) == vector
    with pytest.raises(ValueError, match="expected 4 floats, found 3"):
        semantic.unpack(semantic.pack(vector), 4)


def test_cosine_is_one_for_the_same_direction_and_zero_for_mismatched_vectors() -> None:
    assert math.isclose(semantic.cosine([1.0, 2.0], [2.0, 4.0]), 1.0)
    assert semantic.cosine([1.0, 0.0], [1.0]) == 0.0
    assert semantic.cosine([], []) == 0.0


def test_an_unknown_backend_is_refused_with_the_choices() -> None:
    with pytest.raises(semantic.SemanticUnavailable, match="expected one of onnx, torch"):
        semantic.load_embedder("gpu")


def test_a_missing_model_package_names_the_extra_to_install() -> None:
    with pytest.raises(semantic.SemanticUnavailable, match=r"pip install 'nextround\[semantic\]'"):
        semantic._package_dir("no_such_model_package")


def test_the_reference_model_names_its_own_extra_when_it_is_missing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def missing(package: str) -> object:
        raise semantic.SemanticUnavailable(f"the model package {package!r} is not installed")

    monkeypatch.setattr(semantic, "_package_dir", missing)
    with pytest.raises(semantic.SemanticUnavailable, match=r"nextround\[semantic-reference\]"):
        semantic.default_torch_dir()


def test_the_tokenizer_ships_with_nextround() -> None:
    tokenizers = pytest.importorskip("tokenizers", reason="the semantic extra is not installed")
    path = semantic.default_onnx_files()[1]
    assert path.parent.name == "data" and path.name == semantic.TOKENIZER_FILE
    encoded = tokenizers.Tokenizer.from_file(str(path)).encode("Stakeholder management")
    assert encoded.tokens[0] == "[CLS]" and "[SEP]" in encoded.tokens
    assert "management" in encoded.tokens


def test_calibration_maps_the_anchors_to_0_and_1() -> None:
    assert semantic.calibrated(0.1, 0.1, 0.5) == 0.0
    assert semantic.calibrated(0.9, 0.1, 0.5) == 1.0
    assert math.isclose(semantic.calibrated(0.3, 0.1, 0.5), 0.5)


def test_the_int8_model_embeds_offline_and_finds_meaning_words_miss() -> None:
    pytest.importorskip("onnxruntime", reason="the semantic extra is not installed")
    model = semantic.load_embedder("onnx")
    assert os.environ["HF_HUB_OFFLINE"] == "1"
    assert model.model_id == "all-MiniLM-L6-v2:onnx-int8"
    happy, stakeholders, tests, nightly, airflow = model.embed(
        [
            "Kept several departments happy during the system change.",
            "Stakeholder management across departments",
            "Rewrote the unit tests of the billing library.",
            "Orchestrated our nightly jobs with retries and alerts.",
            "Experience scheduling data pipelines with Apache Airflow",
        ]
    )
    assert len(happy) == semantic.DIMENSIONS
    assert math.isclose(semantic.cosine(happy, happy), 1.0, abs_tol=1e-5)
    assert semantic.cosine(happy, stakeholders) > semantic.cosine(tests, stakeholders) + 0.1
    assert semantic.cosine(nightly, airflow) > semantic.cosine(happy, airflow)
    # Words alone see nothing in common between the first pair.
    assert (
        semantic.lexical_similarity("Kept several departments happy", "Stakeholder management")
        == 0.0
    )


def test_embedding_keeps_the_order_of_the_texts_and_copes_with_empty_text() -> None:
    pytest.importorskip("onnxruntime", reason="the semantic extra is not installed")
    model = semantic.load_embedder("onnx")
    texts = ["a much longer sentence about data pipelines and stakeholders " * 3, "", "SQL"]
    together = model.embed(texts)
    alone = [model.embed([t])[0] for t in texts]
    for a, b in zip(together, alone, strict=True):
        assert semantic.cosine(a, b) > 0.999


def test_cosines_agree_with_cosine_one_by_one() -> None:
    from nextround.coach.semantic import cosine, cosines

    query = [0.6, 0.8, 0.0]
    vectors = [[0.6, 0.8, 0.0], [0.0, 0.0, 1.0], [-0.6, -0.8, 0.0], [0.0, 0.0, 0.0]]
    assert cosines(query, vectors) == pytest.approx([cosine(query, v) for v in vectors])
    assert cosines(query, vectors) == pytest.approx([1.0, 0.0, -1.0, 0.0])
    assert cosines(query, []) == []


def test_the_cosine_of_unit_vectors_is_their_dot_product() -> None:
    a = [0.6, 0.8]
    b = [1.0, 0.0]
    assert math.isclose(semantic.unit_cosine(a, b), semantic.cosine(a, b))
    assert semantic.unit_cosine(a, [1.0]) == 0.0


def test_an_index_gives_the_closest_vectors_first_with_or_without_numpy() -> None:
    index = semantic.VectorIndex([[1.0, 0.0], [0.0, 1.0], [0.6, 0.8]])
    assert [i for i, _ in index.top([0.0, 2.0], 2)] == [1, 2]
    assert index.top([0.0, 2.0], 0) == []
    plain = semantic.VectorIndex([[1.0, 0.0], [0.0, 1.0], [0.6, 0.8]])
    plain._matrix = None  # as when numpy is missing
    assert plain.top([0.0, 2.0], 2) == [(1, 1.0), (2, 0.8)]
    assert [round(c, 6) for c in index.cosines([0.0, 2.0])] == [0.0, 1.0, 0.8]
