"""The recogniser's fitted model: fitted once with scikit-learn, kept in a file, applied with numpy.

Fitting (TF-IDF vocabularies and idf, one-vs-rest logistic regressions) needs scikit-learn and
SciPy: about 0.7 s of imports, 0.4 s of fitting and over 100 MiB that a serving process would
otherwise carry for nothing. `load_or_fit` looks for the model in a cache file named by a
fingerprint of everything it is fitted from (the training examples, the knowledge texts, the
region's names, and the source of the code that prepares and fits them); only when there is none
does it import scikit-learn, fit, and write the file. `laget model build` (run by `make`'s
install step and the Docker build) writes it ahead of time, so a server starts without either
library. A stale file can never be used: any change to the inputs changes the fingerprint.

The transforms are the fitted vectorizers' own (char_wb 2-5, words and word pairs split on
whitespace, lower-cased, sublinear tf, idf, l2 norm), applied by hand; a test checks them
against scikit-learn's on every example and benchmark question.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

log = logging.getLogger(__name__)

MODEL_FORMAT = 1
CHAR_NGRAMS = (2, 5)
WORD_NGRAMS = (1, 2)
C = 20.0  # the logistic regressions' inverse regularisation
_SPACES = re.compile(r"\s\s+")
_TOKEN = re.compile(r"\S+")
_CODE = ("normalise.py", "recognizer.py", "model.py", "intents.py")


@dataclass(frozen=True)
class Model:
    """Everything recognising a message needs, as plain data."""

    chars: dict[str, int]  # char n-gram -> column
    char_idf: np.ndarray
    words: dict[str, int]  # word n-gram -> column (after the char columns)
    word_idf: np.ndarray
    weights: np.ndarray  # columns × classes, C-contiguous
    bias: np.ndarray  # per class
    classes: tuple[str, ...]
    vocabulary: frozenset[str]  # known stems (in-scope examples, knowledge texts)
    examples: dict[str, tuple[str, ...]]  # per intent, its training examples' texts
    rows: dict[str, tuple[np.ndarray, np.ndarray, np.ndarray]]  # per intent: CSR of its rows

    @property
    def width(self) -> int:
        """The number of feature columns."""
        return len(self.chars) + len(self.words)

    def features(self, text: str, stemmed: str) -> tuple[np.ndarray, np.ndarray]:
        """One prepared message's feature row: (columns, values), columns sorted."""
        char_cols, char_vals = _tfidf(char_ngrams(text), self.chars, self.char_idf, 0)
        word_cols, word_vals = _tfidf(
            word_ngrams(stemmed), self.words, self.word_idf, len(self.chars)
        )
        return np.concatenate([char_cols, word_cols]), np.concatenate([char_vals, word_vals])

    def nearest(self, intent: str, columns: np.ndarray, values: np.ndarray) -> str:
        """The training example of `intent` most like the message (cosine: rows are unit)."""
        data, indices, indptr = self.rows[intent]
        dense = np.zeros(self.width)
        dense[columns] = values
        products = data * dense[indices]
        scores = [products[indptr[i] : indptr[i + 1]].sum() for i in range(len(indptr) - 1)]
        return self.examples[intent][int(np.argmax(scores))]


def char_ngrams(text: str) -> list[str]:
    """scikit-learn's char_wb analyzer (lower-cased; 2-5 characters within padded words)."""
    low, high = CHAR_NGRAMS
    found: list[str] = []
    for word in _SPACES.sub(" ", text.lower()).split():
        padded = f" {word} "
        for n in range(low, high + 1):
            offset = 0
            found.append(padded[offset : offset + n])
            while offset + n < len(padded):
                offset += 1
                found.append(padded[offset : offset + n])
            if offset == 0:  # a word shorter than n is counted once
                break
    return found


def word_ngrams(text: str) -> list[str]:
    """scikit-learn's word analyzer with token pattern \\S+: words, then word pairs."""
    tokens = _TOKEN.findall(text.lower())
    low, high = WORD_NGRAMS
    found = list(tokens) if low == 1 else []
    for n in range(max(low, 2), min(high, len(tokens)) + 1):
        found += [" ".join(tokens[i : i + n]) for i in range(len(tokens) - n + 1)]
    return found


def _tfidf(
    terms: list[str], vocabulary: dict[str, int], idf: np.ndarray, offset: int
) -> tuple[np.ndarray, np.ndarray]:
    counts = Counter(column for term in terms if (column := vocabulary.get(term)) is not None)
    if not counts:
        return np.zeros(0, dtype=np.int64), np.zeros(0)
    columns = np.array(sorted(counts), dtype=np.int64)
    weights = (np.log(np.array([counts[c] for c in columns], dtype=float)) + 1) * idf[columns]
    weights /= np.sqrt(np.dot(weights, weights))
    return columns + offset, weights


def fit(
    prepared: Sequence[str],
    stemmed: Sequence[str],
    intents: Sequence[str],
    vocabulary: frozenset[str],
    texts: Sequence[str],
) -> Model:
    """Fit the model with scikit-learn (imported here, and only here)."""
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

    chars = TfidfVectorizer(analyzer="char_wb", ngram_range=CHAR_NGRAMS, sublinear_tf=True)
    words = TfidfVectorizer(
        analyzer="word", ngram_range=WORD_NGRAMS, sublinear_tf=True, token_pattern=r"\S+"
    )
    matrix = hstack([chars.fit_transform(prepared), words.fit_transform(stemmed)], format="csr")
    model = OneVsRestClassifier(LogisticRegression(C=C, solver="liblinear"))
    model.fit(matrix, list(intents))
    classes = tuple(str(label) for label in model.classes_)
    rows = {}
    examples = {}
    for intent in classes:
        picked = [i for i, found in enumerate(intents) if found == intent]
        sub = matrix[picked]
        rows[intent] = (
            np.asarray(sub.data, dtype=float),
            np.asarray(sub.indices, dtype=np.int64),
            np.asarray(sub.indptr, dtype=np.int64),
        )
        examples[intent] = tuple(texts[i] for i in picked)
    return Model(
        chars={str(k): int(v) for k, v in chars.vocabulary_.items()},
        char_idf=np.asarray(chars.idf_, dtype=float),
        words={str(k): int(v) for k, v in words.vocabulary_.items()},
        word_idf=np.asarray(words.idf_, dtype=float),
        weights=np.ascontiguousarray(
            np.vstack([e.coef_.ravel() for e in model.estimators_]).T, dtype=float
        ),
        bias=np.array([float(e.intercept_[0]) for e in model.estimators_]),
        classes=classes,
        vocabulary=vocabulary,
        examples=examples,
        rows=rows,
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


def save(model: Model, path: Path) -> None:
    """Write the model (numpy arrays and JSON; no pickle), atomically."""
    meta = {
        "chars": model.chars,
        "words": model.words,
        "classes": list(model.classes),
        "vocabulary": sorted(model.vocabulary),
        "examples": {k: list(v) for k, v in model.examples.items()},
    }
    arrays: dict[str, Any] = {
        "meta": np.frombuffer(json.dumps(meta, ensure_ascii=False).encode(), dtype=np.uint8),
        "char_idf": model.char_idf,
        "word_idf": model.word_idf,
        "weights": model.weights,
        "bias": model.bias,
    }
    for i, intent in enumerate(model.classes):
        data, indices, indptr = model.rows[intent]
        arrays[f"rows_{i}_data"], arrays[f"rows_{i}_indices"] = data, indices
        arrays[f"rows_{i}_indptr"] = indptr
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with partial.open("wb") as file:
        np.savez(file, **arrays)
    partial.replace(path)


def load(path: Path) -> Model:
    """Read a model written by `save`."""
    with np.load(path, allow_pickle=False) as found:
        meta = json.loads(bytes(found["meta"]).decode())
        classes = tuple(meta["classes"])
        return Model(
            chars=meta["chars"],
            char_idf=found["char_idf"],
            words=meta["words"],
            word_idf=found["word_idf"],
            weights=np.ascontiguousarray(found["weights"]),
            bias=found["bias"],
            classes=classes,
            vocabulary=frozenset(meta["vocabulary"]),
            examples={k: tuple(v) for k, v in meta["examples"].items()},
            rows={
                intent: (
                    found[f"rows_{i}_data"],
                    found[f"rows_{i}_indices"],
                    found[f"rows_{i}_indptr"],
                )
                for i, intent in enumerate(classes)
            },
        )
