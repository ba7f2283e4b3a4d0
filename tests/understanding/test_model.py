"""The recogniser's model: applied by hand as numpy would, read back exactly as written, refused
when damaged; and a server (and a recognised question) imports neither numpy nor scikit-learn."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from bot.scheme import RegionData
from bot.understanding import recognizer as recognizer_module
from bot.understanding.evaluate import BENCHMARK_FILE, HELDOUT_FILE, load_benchmark
from bot.understanding.intents import load_examples
from bot.understanding.model import Model, load, save
from bot.understanding.normalise import stem
from bot.understanding.recognizer import Recognizer


def _texts() -> list[str]:
    texts = [case.q for path in (BENCHMARK_FILE, HELDOUT_FILE) for case in load_benchmark(path)]
    return texts + [example.text for example in load_examples()] + ["", "!!!", "x" * 300]


def _weights(model: Model) -> np.ndarray:
    """The weights as numpy's matrix (columns × classes), idf taken out again."""
    matrix = np.frombuffer(b"".join(model.weights), dtype="<f8").reshape(model.width, -1)
    idf = np.concatenate([np.asarray(model.char_idf), np.asarray(model.word_idf)])
    weights: np.ndarray = matrix / idf[:, None]
    return weights


def _rows(model: Model, intent: str) -> Any:
    """The intent's training rows as a SciPy matrix (rows × columns), idf taken out again."""
    from scipy.sparse import csr_matrix  # type: ignore[import-untyped]  # noqa: PLC0415

    postings = model.rows[intent]
    count = len(model.examples[intent])
    rows: list[int] = []
    columns: list[int] = []
    values: list[float] = []
    for column in range(model.width):
        at = postings.where[column]
        if at >= 0:
            first, last = postings.starts[at], postings.starts[at + 1]
            used = list(postings.rows[first:last])
            found = list(postings.values[first:last])
        elif at < -1:
            used = list(range(count))
            found = list(np.frombuffer(postings.dense[-2 - at], dtype="<f8"))
        else:
            continue
        rows += used
        columns += [column] * len(used)
        values += found
    idf = np.concatenate([np.asarray(model.char_idf), np.asarray(model.word_idf)])
    unit = np.asarray(values) / idf[columns]
    return csr_matrix((unit, (rows, columns)), shape=(count, model.width))


def test_decision_values_and_the_closest_example_are_what_numpy_gives(
    recognizer: Recognizer,
) -> None:
    # The reference is the dense linear algebra the model used to be applied with.
    model = recognizer.model
    weights, bias = _weights(model), np.asarray(model.bias)
    rows = {intent: _rows(model, intent) for intent in model.classes}
    prepare = recognizer._prepare  # noqa: SLF001  (white-box: the model's input)
    for i, text in enumerate(_texts()):
        prepared = prepare(text)[0]
        decisions, row = model.decisions(prepared, stem(prepared))
        columns, values = model.features(prepared, stem(prepared))
        assert [c for view in row for c in view.columns] == columns
        dense = np.zeros(model.width)
        dense[columns] = values
        assert np.allclose(decisions, dense @ weights + bias, rtol=0, atol=1e-12), text
        top = model.classes[int(np.argmax(decisions))]
        for intent in {top, model.classes[i % len(model.classes)]}:
            expected = model.examples[intent][int(np.argmax(rows[intent] @ dense))]
            assert model.nearest(intent, row) == expected, (text, intent)


def test_a_saved_model_reads_back_identical_and_gives_identical_verdicts(
    recognizer: Recognizer,
    region: RegionData,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = tmp_path / recognizer.cache_path.name
    save(recognizer.model, path)

    assert load(path) == recognizer.model
    for name in ("char_idf", "word_idf"):
        assert getattr(load(path), name).typecode == getattr(recognizer.model, name).typecode

    def no_fitting(*_args: object, **_kwargs: object) -> Model:
        raise AssertionError("the model was fitted, not read")

    monkeypatch.setenv("LAGET_MODEL_DIR", str(tmp_path))
    monkeypatch.setattr(recognizer_module, "fit", no_fitting)
    read = Recognizer(region)
    for text in _texts():
        assert read.recognize(text) == recognizer.recognize(text), text


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 2],  # cut short
        lambda data: data + b"\0" * 8,  # trailing bytes
        lambda data: b"PK\x03\x04" + data[4:],  # not this format (an old .npz is a zip)
        lambda data: data.replace(b'"format": 2', b'"format": 1', 1),  # another version
    ],
)
def test_a_damaged_file_is_refused(
    recognizer: Recognizer, tmp_path: Path, damage: Callable[[bytes], bytes]
) -> None:
    path = tmp_path / "model"
    save(recognizer.model, path)
    path.write_bytes(damage(path.read_bytes()))

    with pytest.raises(ValueError):
        load(path)


def test_a_damaged_file_is_fitted_again(
    recognizer: Recognizer, region: RegionData, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / recognizer.cache_path.name
    save(recognizer.model, path)
    path.write_bytes(path.read_bytes()[:-1])
    monkeypatch.setenv("LAGET_MODEL_DIR", str(tmp_path))

    fitted = Recognizer(region)

    assert fitted.recognize("når er fristen for beslutningsgrunnlaget?").intent.value == "deadline"
    assert load(path).classes == recognizer.model.classes  # written again, whole


def test_the_server_and_a_recognised_question_import_no_numpy(
    recognizer: Recognizer, tmp_path: Path, sqlite_url: str
) -> None:
    save(recognizer.model, tmp_path / recognizer.cache_path.name)
    code = """
import asyncio, sys

import bot.cli.main  # everything `laget serve` imports
from bot.app import build_laget
from bot.scheme import load_region
from bot.settings import Settings
from bot.understanding.recognizer import Recognizer


async def start() -> None:
    # build_laget reads the recogniser's model; then one question is recognised.
    laget = await build_laget(Settings.from_environ({"LAGET_DATABASE_URL": sys.argv[1]}))
    await laget.close()
    Recognizer(load_region()).recognize("hvor mye får Fosen i år?")


asyncio.run(start())
print(sorted({m.split(".")[0] for m in sys.modules} & {"numpy", "scipy", "sklearn", "openpyxl"}))
"""
    env = {**os.environ, "LAGET_MODEL_DIR": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-c", code, sqlite_url],
        check=True,
        capture_output=True,
        text=True,
        env=env,
    )
    assert done.stdout.split("\n")[-2] == "[]", done.stdout + done.stderr
