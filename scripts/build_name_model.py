"""Build ``operators/pii/data/en_name_model.npz``: the English "name shape" model of
``pii_redact``'s PERSON recognizer, from installed-package text only (no download,
no evaluation or corpus file):

* an English-word lexicon: lower-case words of 3-20 letters written in the source,
  documentation and text files of the installed Python packages (``site-packages``;
  Faker's name and address providers left out) in at least ``--min-files`` files.
  A capitalised word whose lower-case form is there ("Python", "Linux", "Pascal",
  "Green") is never taken for an unlisted name;
* a character n-gram logistic regression (2- to 4-grams of ``^word$``, hashed into
  ``2**BITS`` buckets with CRC-32): positives are the given names and surnames of
  ``en_world_given.txt`` / ``en_world_surnames.txt`` / ``en_given_names.txt`` /
  ``en_surnames.txt`` (built by ``build_pii_names.py`` from Faker) that are not in the
  lexicon; negatives are the capitalised words of the same package files that are no
  lexicon word and no listed name (product, project and technical names: "Borland",
  "Numpy"), the one-word places of ``en_places.txt`` and the lexicon's words. It scores
  a capitalised word the lists do not have by how much it looks like a name.

The fit is deterministic (files read in sorted order, L-BFGS from zeros).

    python scripts/build_name_model.py
"""

from __future__ import annotations

import argparse
import collections
import re
import sys
import sysconfig
import zlib
from pathlib import Path

import numpy as np
from scipy import optimize, sparse

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "operators" / "pii" / "data"
BITS = 16
SUFFIXES = (".py", ".pyi", ".rst", ".md", ".txt")
SKIP_PARTS = ("/faker/providers/person", "/faker/providers/address", "/corpusforge", "/operators/pii/")
MAX_FILE = 400_000
_LOWER = re.compile(r"(?<![A-Za-z])[a-z]{3,20}(?![A-Za-z])")
_CAP = re.compile(r"(?<![A-Za-z])[A-Z][a-z]{3,20}(?![A-Za-z])")


def ngrams(word: str) -> list[int]:
    """Hashed 2- to 4-grams of ``^word$`` (lower case): the model's features."""
    w = "^" + word.lower() + "$"
    mask = (1 << BITS) - 1
    return [zlib.crc32(w[i : i + n].encode()) & mask for n in (2, 3, 4) for i in range(len(w) - n + 1)]


def read_tokens(site: Path) -> tuple[collections.Counter, collections.Counter]:
    """(lower-case words, capitalised words), each counted once per file."""
    lower: collections.Counter = collections.Counter()
    caps: collections.Counter = collections.Counter()
    files = sorted(p for p in site.rglob("*") if p.suffix in SUFFIXES and p.is_file())
    for p in files:
        s = str(p)
        if any(part in s for part in SKIP_PARTS):
            continue
        try:
            text = p.read_bytes()[:MAX_FILE].decode("utf-8", "ignore")
        except OSError:
            continue
        lower.update(set(_LOWER.findall(text)))
        caps.update(set(_CAP.findall(text)))
    return lower, caps


def words_of(name: str) -> set[str]:
    path = DATA / name
    return {w for w in path.read_text(encoding="utf-8").split() if w and not w.startswith("#")}


def fit(words: list[str], labels: np.ndarray, l2: float) -> tuple[np.ndarray, float]:
    rows, cols = [], []
    for i, w in enumerate(words):
        for j in ngrams(w):
            rows.append(i)
            cols.append(j)
    x = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(words), 1 << BITS))
    x.sum_duplicates()
    pos = labels.sum()
    weight = np.where(labels == 1, 0.5 / pos, 0.5 / (len(labels) - pos))  # balanced classes

    def loss(theta: np.ndarray):
        w, b = theta[:-1], theta[-1]
        z = x @ w + b
        p = 1.0 / (1.0 + np.exp(-z))
        ll = -(weight * (labels * np.logaddexp(0, -z) + (1 - labels) * np.logaddexp(0, z))).sum()
        g = weight * (p - labels)
        grad = np.concatenate([x.T @ g + l2 * w, [g.sum()]])
        return -ll + 0.5 * l2 * (w @ w), grad

    res = optimize.minimize(
        loss, np.zeros(x.shape[1] + 1), jac=True, method="L-BFGS-B", options={"maxiter": 400}
    )
    return res.x[:-1].astype(np.float32), float(res.x[-1])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--site", default=sysconfig.get_paths()["purelib"], help="site-packages to read")
    ap.add_argument("--min-files", type=int, default=2, help="files a lower-case word must occur in")
    ap.add_argument("--l2", type=float, default=1e-4)
    ap.add_argument(
        "--no-place-negatives", action="store_true", help="leave the place list out of the negatives"
    )
    ap.add_argument("--out", default=str(DATA / "en_name_model.npz"))
    args = ap.parse_args(argv)
    lower, caps = read_tokens(Path(args.site))
    lexicon = sorted(w for w, c in lower.items() if c >= args.min_files)
    lex = set(lexicon)
    names = words_of("en_world_given.txt") | words_of("en_world_surnames.txt")
    names |= words_of("en_given_names.txt") | words_of("en_surnames.txt")
    names = {w for w in names if w[:1].isupper() and w[1:].islower() and len(w) >= 3}
    positives = sorted(w for w in names if w.lower() not in lex)
    products = sorted(w for w, c in caps.items() if c >= 2 and w.lower() not in lex and w not in names)
    places = sorted(w for w in words_of("en_places.txt") if w.isalpha() and w not in names)
    if args.no_place_negatives:
        places = []
    negatives = sorted(set(products) | set(places) | {w.capitalize() for w in lexicon})
    words = positives + negatives
    labels = np.concatenate([np.ones(len(positives)), np.zeros(len(negatives))])
    weights, bias = fit(words, labels, args.l2)
    blob = np.frombuffer("\n".join(lexicon).encode(), dtype=np.uint8)
    np.savez_compressed(args.out, weights=weights, bias=np.float32(bias), lexicon=blob, bits=np.int32(BITS))
    print(
        f"lexicon {len(lexicon)} words; positives {len(positives)}; negatives {len(negatives)} "
        f"(products {len(products)}, places {len(places)}); wrote {args.out}",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
