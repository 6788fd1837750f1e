"""The English "name shape" model of the PERSON recognizer: does a capitalised word
that no name list has look like a person's name ("Morishita", "Ahtisaari") or like
an English word, product or place ("Python", "Borland", "Kubernetes")?

Two parts, both package data (``data/en_name_model.npz``, built by
``scripts/build_name_model.py`` from installed-package text and the Faker-derived
name lists; nothing is downloaded):

* ``is_word``: the word's lower-case form is in an English lexicon (the lower-case
  words of the installed packages' sources and documentation): such a word is never
  an unlisted name;
* ``score``: a logistic regression over hashed character 2- to 4-grams of
  ``^word$``, the probability that the word is a name.

Scoring is a few dozen CRC-32s and a sum over a NumPy vector: O(word length).
"""

from __future__ import annotations

import math
import zlib
from functools import lru_cache
from pathlib import Path

import numpy as np

_PATH = Path(__file__).with_name("data") / "en_name_model.npz"


class NameShapeModel:
    """Lexicon look-up and character n-gram name score (module docstring)."""

    def __init__(self, path: Path = _PATH) -> None:
        with np.load(path) as z:
            self._weights = z["weights"].astype(np.float64).tolist()
            self._bias = float(z["bias"])
            self._mask = (1 << int(z["bits"])) - 1
            self.lexicon = frozenset(z["lexicon"].tobytes().decode().split("\n"))

    def is_word(self, word: str) -> bool:
        """The word's lower-case form is an English (or technical) word of the lexicon."""
        return word.lower() in self.lexicon

    def score(self, word: str) -> float:
        """Probability that ``word`` is a person's name, by its letters alone."""
        w = "^" + word.lower() + "$"
        mask, weights, crc32 = self._mask, self._weights, zlib.crc32
        z = self._bias
        b = w.encode()
        if len(b) == len(w):  # one byte per letter: the n-grams of the bytes are the letters' own
            for n in (2, 3, 4):
                for i in range(len(b) - n + 1):
                    z += weights[crc32(b[i : i + n]) & mask]
        else:
            for n in (2, 3, 4):
                for i in range(len(w) - n + 1):
                    z += weights[crc32(w[i : i + n].encode()) & mask]
        return 1.0 / (1.0 + math.exp(-z)) if z > -700.0 else 0.0  # exp(709+) overflows: a long non-name


@lru_cache(maxsize=1)
def name_shape_model() -> NameShapeModel:
    """The shipped model, loaded once per process."""
    return NameShapeModel()
