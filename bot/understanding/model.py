"""The recogniser's fitted model: fitted once with scikit-learn, kept in a file, applied with the
standard library alone.

Fitting (TF-IDF vocabularies and idf, one-vs-rest logistic regressions) needs scikit-learn,
SciPy and numpy: about 0.7 s of imports, 0.4 s of fitting and over 100 MiB that a serving process
would otherwise carry for nothing. `load_or_fit` looks for the model in a cache file named by a
fingerprint of everything it is fitted from (the training examples, the knowledge texts, the
region's names, and the source of the code that prepares and fits them); only when there is none
does it import scikit-learn, fit, and write the file. `laget model build` (run by `make`'s
install step and the Docker build) writes it ahead of time, so a server starts without any of the
three: numpy alone was about 10 MiB of an idle server's resident memory. A stale file can never be
used: any change to the inputs changes the fingerprint.

Serving applies the fitted numbers with the standard library (`array`, `itemgetter`, `sum`):

- the transforms are the fitted vectorizers' own (char_wb 2-5, words and word pairs split on
  whitespace, lower-cased, sublinear tf, idf, l2 norm); a test checks them against scikit-learn's
  on every example and benchmark question;
- the weights are kept per column (every class's weight side by side, as numpy's matrix kept
  them, so a message's columns are a few cache lines each) and already multiplied by the column's
  idf: a message's decision value is then, per view, a sum of gathered weights (the tf factor is 1
  for nearly every n-gram) divided by the view's norm, with no multiplication per weight;
- each intent's training rows are turned around (`Postings`), so finding the closest example
  costs work only where the message and a row share a column.

Summed in another order than numpy's BLAS, the probabilities differ from before in the last bits
only (about 1e-15); a test compares the decision values and the closest examples with numpy's
dense products. The file is a header (JSON: vocabularies, bias, classes, examples, the sizes of
what follows), the arrays, then the vectors (weights, dense columns), all little-endian; no pickle.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import re
import sys
from array import array
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from operator import itemgetter, mul
from pathlib import Path
from typing import Any, cast

MODEL_FORMAT = 2
CHAR_NGRAMS = (2, 5)
WORD_NGRAMS = (1, 2)
C = 20.0  # the logistic regressions' inverse regularisation
_SPACES = re.compile(r"\s\s+")
_TOKEN = re.compile(r"\S+")
_CODE = ("normalise.py", "recognizer.py", "model.py", "intents.py")
_MAGIC = b"laget recognizer model\n"
_FLOAT, _INT, _SHORT = "d", "i", "h"  # 8-byte floats, 4- and 2-byte ints (checked on load)
DENSE_SHARE = 0.3  # a column used by this share of an intent's rows is kept as a vector over them


@dataclass(frozen=True)
class Postings:
    """One intent's training rows (TF-IDF, each view of unit length) turned around: a column
    most rows use is a vector over the rows, any other lists the rows using it. Every value is
    multiplied by its column's idf.

    A message's value in a column is tf × idf / norm, and tf is 1 for nearly every n-gram, so a
    row's dot product with it is, per view, a plain sum of these values divided by the norm.
    """

    where: array[int]  # per model column: i ≥ 0 listed (`starts`), -2 - i `dense[i]`, -1 unused
    starts: array[int]  # column with where i: rows[starts[i] : starts[i + 1]] use it
    rows: array[int]  # row numbers: positions in the intent's examples
    values: array[float]  # the rows' values in that column, × idf
    dense: tuple[bytes, ...]  # per dense column: every row's value × idf (0 if unused), f64 LE

    def scores(self, count: int, row: Row) -> list[float]:
        """Each of the `count` rows' dot product with a message's row."""
        totals = [0.0] * count
        where, starts, dense = self.where, self.starts, self.dense
        rows, values = self.rows, self.values
        for view in row:
            scores = [0.0] * count
            gathered: list[int] = []  # dense columns counted once
            for column, tf in zip(view.columns, view.tf, strict=True):
                at = where[column]
                if at >= 0:
                    first, last = starts[at], starts[at + 1]
                    if tf == 1.0:
                        for used, value in zip(rows[first:last], values[first:last], strict=True):
                            scores[used] += value
                    else:
                        for used, value in zip(rows[first:last], values[first:last], strict=True):
                            scores[used] += tf * value
                elif at < -1 and tf == 1.0:
                    gathered.append(-2 - at)
                elif at < -1:
                    column_values = array(_FLOAT)
                    column_values.frombytes(dense[-2 - at])
                    scores = [s + tf * v for s, v in zip(scores, column_values, strict=True)]
            if gathered:
                with memoryview(_gather(dense, gathered)) as taken:
                    scores = [s + sum(taken[i::count]) for i, s in enumerate(scores)]
            totals = [t + s / view.norm for t, s in zip(totals, scores, strict=True)]
        return totals


@dataclass(frozen=True)
class View:
    """One message's n-grams of one kind (characters or words), as TF-IDF before the norm."""

    columns: list[int]  # sorted, offset to the model's columns
    tf: list[float]  # 1 + ln(count)
    weights: list[float]  # tf × idf
    norm: float  # the l2 norm of `weights`


Row = tuple[View, ...]  # a message's TF-IDF row: its views with any n-gram the model knows


@dataclass(frozen=True)
class Model:
    """Everything recognising a message needs, as plain data."""

    chars: dict[str, int]  # char n-gram -> column
    char_idf: array[float]
    words: dict[str, int]  # word n-gram -> column (after the char columns)
    word_idf: array[float]
    weights: tuple[bytes, ...]  # per column: every class's coefficient × idf, float64 LE
    bias: tuple[float, ...]  # per class
    classes: tuple[str, ...]
    vocabulary: frozenset[str]  # known stems (in-scope examples, knowledge texts)
    examples: dict[str, tuple[str, ...]]  # per intent, its training examples' texts
    rows: dict[str, Postings]  # per intent: its training rows

    @property
    def width(self) -> int:
        """The number of feature columns."""
        return len(self.chars) + len(self.words)

    def _views(self, text: str, stemmed: str) -> Iterator[View]:
        char_view = _view(char_ngrams(text), self.chars, self.char_idf, 0)
        word_view = _view(word_ngrams(stemmed), self.words, self.word_idf, len(self.chars))
        return (view for view in (char_view, word_view) if view is not None)

    def features(self, text: str, stemmed: str) -> tuple[list[int], list[float]]:
        """One prepared message's TF-IDF row: (columns, values), columns sorted."""
        columns: list[int] = []
        values: list[float] = []
        for view in self._views(text, stemmed):
            columns += view.columns
            values += [weight / view.norm for weight in view.weights]
        return columns, values

    def decisions(self, text: str, stemmed: str) -> tuple[list[float], Row]:
        """Each class's decision value for one prepared message, and the message's row."""
        count = len(self.classes)
        totals = [0.0] * count
        row = tuple(self._views(text, stemmed))
        for view in row:
            # One gather of the columns counted once, then the others; then per class a
            # strided slice of each part (its weight in every column taken).
            once = [c for c, tf in zip(view.columns, view.tf, strict=True) if tf == 1.0]
            more = [(c, tf) for c, tf in zip(view.columns, view.tf, strict=True) if tf != 1.0]
            split = len(once) * count
            with memoryview(_gather(self.weights, once + [c for c, _ in more])) as taken:
                sums = [sum(taken[c:split:count]) for c in range(count)]
                if more:
                    factors = [tf for _, tf in more]
                    sums = [
                        total + sum(map(mul, factors, taken[split + c :: count]))
                        for c, total in enumerate(sums)
                    ]
            totals = [t + s / view.norm for t, s in zip(totals, sums, strict=True)]
        return [t + b for t, b in zip(totals, self.bias, strict=True)], row

    def nearest(self, intent: str, row: Row) -> str:
        """The training example of `intent` most like the message (largest dot product)."""
        examples = self.examples[intent]
        scores = self.rows[intent].scores(len(examples), row)
        return examples[scores.index(max(scores))]


def _gather(weights: tuple[bytes, ...], columns: list[int]) -> array[float]:
    """The float64 vectors `weights[c]` of `columns` (not empty), one after the other."""
    taken: array[float] = array(_FLOAT)
    taken.frombytes(
        b"".join(itemgetter(*columns)(weights)) if len(columns) > 1 else weights[columns[0]]
    )
    if sys.byteorder != "little":
        taken.byteswap()
    return taken


def char_ngrams(text: str) -> list[str]:
    """scikit-learn's char_wb analyzer (lower-cased; 2-5 characters within padded words)."""
    low, high = CHAR_NGRAMS
    found: list[str] = []
    for word in _SPACES.sub(" ", text.lower()).split():
        padded = f" {word} "
        size = len(padded)
        for n in range(low, high + 1):
            if n >= size:  # a word no longer than n is counted once, as a whole
                found.append(padded)
                break
            found += [padded[i : i + n] for i in range(size - n + 1)]
    return found


def word_ngrams(text: str) -> list[str]:
    """scikit-learn's word analyzer with token pattern \\S+: words, then word pairs."""
    tokens = _TOKEN.findall(text.lower())
    low, high = WORD_NGRAMS
    found = list(tokens) if low == 1 else []
    for n in range(max(low, 2), min(high, len(tokens)) + 1):
        found += [" ".join(tokens[i : i + n]) for i in range(len(tokens) - n + 1)]
    return found


def _view(
    terms: list[str], vocabulary: dict[str, int], idf: array[float], offset: int
) -> View | None:
    found = Counter(map(vocabulary.get, terms))
    found.pop(None, None)  # terms outside the vocabulary
    if not found:
        return None
    counts = cast("Counter[int]", found)
    columns = sorted(counts)
    tf = [1.0 if (n := counts[c]) == 1 else math.log(n) + 1 for c in columns]
    weights = list(map(mul, tf, map(idf.__getitem__, columns)))
    norm = math.sqrt(sum(map(mul, weights, weights)))
    return View([c + offset for c in columns] if offset else columns, tf, weights, norm)


def fit(
    prepared: Sequence[str],
    stemmed: Sequence[str],
    intents: Sequence[str],
    vocabulary: frozenset[str],
    texts: Sequence[str],
) -> Model:
    """Fit the model with scikit-learn (imported here, and only here, with numpy and SciPy)."""
    import numpy as np  # noqa: PLC0415
    from scipy.sparse import hstack  # type: ignore[import-untyped]  # noqa: PLC0415
    from sklearn.feature_extraction.text import (  # type: ignore[import-untyped]  # noqa: PLC0415
        TfidfVectorizer,
    )
    from sklearn.linear_model import (  # type: ignore[import-untyped]  # noqa: PLC0415
        LogisticRegression,
    )
    from sklearn.multiclass import (  # type: ignore[import-untyped]  # noqa: PLC0415
        OneVsRestClassifier,
    )

    def floats(values: Any) -> array[float]:
        found: array[float] = array(_FLOAT)
        found.frombytes(np.ascontiguousarray(values, dtype=np.float64).tobytes())
        return found

    def ints(values: Any) -> array[int]:
        small = len(values) == 0 or int(np.max(np.abs(values))) < 2**15  # 2 bytes, else 4
        found = array(_SHORT if small else _INT)
        found.frombytes(
            np.ascontiguousarray(values, dtype=np.int16 if small else np.intc).tobytes()
        )
        return found

    chars = TfidfVectorizer(analyzer="char_wb", ngram_range=CHAR_NGRAMS, sublinear_tf=True)
    words = TfidfVectorizer(
        analyzer="word", ngram_range=WORD_NGRAMS, sublinear_tf=True, token_pattern=r"\S+"
    )
    matrix = hstack([chars.fit_transform(prepared), words.fit_transform(stemmed)], format="csr")
    model = OneVsRestClassifier(LogisticRegression(C=C, solver="liblinear"))
    model.fit(matrix, list(intents))
    classes = tuple(str(label) for label in model.classes_)
    idf = np.concatenate([chars.idf_, words.idf_])
    rows = {}
    examples = {}
    for intent in classes:
        picked = [i for i, found in enumerate(intents) if found == intent]
        rows[intent] = _postings(matrix[picked].tocsc(), idf, ints, floats)
        examples[intent] = tuple(texts[i] for i in picked)
    return Model(
        chars={str(k): int(v) for k, v in chars.vocabulary_.items()},
        char_idf=floats(chars.idf_),
        words={str(k): int(v) for k, v in words.vocabulary_.items()},
        word_idf=floats(words.idf_),
        weights=tuple(
            np.ascontiguousarray(column, dtype="<f8").tobytes()
            for column in np.column_stack([e.coef_.ravel() * idf for e in model.estimators_])
        ),
        bias=tuple(float(e.intercept_[0]) for e in model.estimators_),
        classes=classes,
        vocabulary=vocabulary,
        examples=examples,
        rows=rows,
    )


def _postings(
    matrix: Any, idf: Any, ints: Callable[[Any], array[int]], floats: Callable[[Any], array[float]]
) -> Postings:
    """An intent's rows (a SciPy CSC matrix) turned around, as `Postings` keeps them."""
    import numpy as np  # noqa: PLC0415

    count, width = matrix.shape
    used = np.diff(matrix.indptr)  # rows per column
    dense = used >= max(2, DENSE_SHARE * count)
    listed = (used > 0) & ~dense
    where = np.full(width, -1)
    where[listed] = np.arange(int(listed.sum()))
    where[dense] = -2 - np.arange(int(dense.sum()))
    starts, rows, values = [0], [], []
    vectors = []
    for column in np.flatnonzero(used):
        first, last = matrix.indptr[column], matrix.indptr[column + 1]
        scaled = matrix.data[first:last] * idf[column]
        if dense[column]:
            vector = np.zeros(count)
            vector[matrix.indices[first:last]] = scaled
            vectors.append(vector.astype("<f8").tobytes())
        else:
            rows.append(matrix.indices[first:last])
            values.append(scaled)
            starts.append(starts[-1] + last - first)
    return Postings(
        where=ints(where),
        starts=ints(np.array(starts)),
        rows=ints(np.concatenate(rows) if rows else np.zeros(0)),
        values=floats(np.concatenate(values) if values else np.zeros(0)),
        dense=tuple(vectors),
    )


def fingerprint(parts: Sequence[str]) -> str:
    """A name for the model fitted from `parts` (and this version of the code)."""
    digest = hashlib.sha256(f"format {MODEL_FORMAT}".encode())
    here = Path(__file__).parent
    for name in _CODE:
        digest.update((here / name).read_bytes())
    for part in parts:
        digest.update(b"\x1f" + part.encode())
    return digest.hexdigest()[:24]


def cache_dir() -> Path:
    """Where fitted models are kept: LAGET_MODEL_DIR, else the user's cache folder."""
    configured = os.environ.get("LAGET_MODEL_DIR")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "laget"


def _arrays(model: Model) -> list[tuple[str, array[Any]]]:
    found: list[tuple[str, array[Any]]] = [
        ("char_idf", model.char_idf),
        ("word_idf", model.word_idf),
    ]
    for i, intent in enumerate(model.classes):
        postings = model.rows[intent]
        found += [
            (f"rows_{i}_where", postings.where),
            (f"rows_{i}_starts", postings.starts),
            (f"rows_{i}_rows", postings.rows),
            (f"rows_{i}_values", postings.values),
        ]
    return found


def _blobs(model: Model) -> list[tuple[str, int, tuple[bytes, ...]]]:
    """The vectors kept as bytes (float64, little-endian): name, each one's size, the vectors."""
    found = [("weights", 8 * len(model.classes), model.weights)]
    for i, intent in enumerate(model.classes):
        size = 8 * len(model.examples[intent])
        found.append((f"rows_{i}_dense", size, model.rows[intent].dense))
    return found


def save(model: Model, path: Path) -> None:
    """Write the model (a JSON header, then arrays and vectors as bytes; no pickle), atomically."""
    arrays, blobs = _arrays(model), _blobs(model)
    header = {
        "format": MODEL_FORMAT,
        "chars": model.chars,
        "words": model.words,
        "bias": list(model.bias),  # JSON keeps a float exactly (shortest repr round-trips)
        "classes": list(model.classes),
        "vocabulary": sorted(model.vocabulary),
        "examples": {k: list(v) for k, v in model.examples.items()},
        "arrays": [[name, a.typecode, a.itemsize, len(a)] for name, a in arrays],
        "blobs": [[name, size, len(vectors)] for name, size, vectors in blobs],
    }
    encoded = json.dumps(header, ensure_ascii=False).encode()
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with partial.open("wb") as file:
        file.write(_MAGIC + len(encoded).to_bytes(8, "little") + encoded)
        for _, values in arrays:
            little = values
            if sys.byteorder != "little":
                little = array(values.typecode, values)
                little.byteswap()
            file.write(little.tobytes())
        for _, _, vectors in blobs:
            file.write(b"".join(vectors))
    partial.replace(path)


def load(path: Path) -> Model:
    """Read a model written by `save`; ValueError when the file is not one, or is damaged.

    Read piece by piece, straight into the arrays: no copy of the whole file is ever held.
    """
    found: dict[str, array[Any]] = {}
    vectors: dict[str, tuple[bytes, ...]] = {}
    with path.open("rb") as file:
        if file.read(len(_MAGIC)) != _MAGIC:
            raise ValueError("not a recogniser model")
        header = json.loads(file.read(int.from_bytes(file.read(8), "little")))
        if header.get("format") != MODEL_FORMAT:
            raise ValueError("another model format")
        for name, typecode, itemsize, count in header["arrays"]:
            values: array[Any] = array(typecode)
            if values.itemsize != itemsize:
                raise ValueError(f"array {name}: {typecode} is not {itemsize} bytes here")
            try:
                values.fromfile(file, count)
            except EOFError as error:
                raise ValueError(f"array {name} is cut short") from error
            if sys.byteorder != "little":
                values.byteswap()
            found[name] = values
        for name, step, count in header["blobs"]:
            vectors[name] = tuple(file.read(step) for _ in range(count))
            if count and len(vectors[name][-1]) != step:
                raise ValueError(f"vectors {name} are cut short")
        if file.read(1):
            raise ValueError("trailing bytes")
    classes = tuple(header["classes"])
    examples = {k: tuple(v) for k, v in header["examples"].items()}
    width = len(header["chars"]) + len(header["words"])
    if any(len(found[f"rows_{i}_where"]) != width for i in range(len(classes))):
        raise ValueError("the rows do not match the vocabularies")
    sizes: dict[str, tuple[int | None, int]] = {"weights": (width, 8 * len(classes))}
    sizes |= {f"rows_{i}_dense": (None, 8 * len(examples[c])) for i, c in enumerate(classes)}
    for name, (count, size) in sizes.items():
        if count not in (None, len(vectors[name])) or any(len(v) != size for v in vectors[name]):
            raise ValueError(f"vectors {name} do not match the vocabularies or the examples")
    return Model(
        chars=header["chars"],
        char_idf=found["char_idf"],
        words=header["words"],
        word_idf=found["word_idf"],
        weights=vectors["weights"],
        bias=tuple(float(b) for b in header["bias"]),
        classes=classes,
        vocabulary=frozenset(header["vocabulary"]),
        examples=examples,
        rows={
            intent: Postings(
                where=found[f"rows_{i}_where"],
                starts=found[f"rows_{i}_starts"],
                rows=found[f"rows_{i}_rows"],
                values=found[f"rows_{i}_values"],
                dense=vectors[f"rows_{i}_dense"],
            )
            for i, intent in enumerate(classes)
        },
    )
