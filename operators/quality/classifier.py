"""fastText quality classifier: scoring operator and DCLM-style trainer.

``quality_classifier`` scores every document with a supervised fastText model
and removes those whose probability of the positive label is below
``min_score``. :func:`train_classifier` (CLI: ``corpusforge train-classifier``)
trains such a model from a positive and a negative corpus the way DCLM did
(Li et al. 2024, "DataComp-LM", Section 4.3 and Appendix G: a fastText
bigram classifier, positives = instruction/ELI5-style reference text,
negatives = random web text, balanced classes).

The text preprocessing used for training is written beside the model in a
JSON sidecar (``<model>.json``, e.g. ``model.bin.json``) and applied again at
prediction time, so training and scoring always see the same tokens.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import random
import sys
import tempfile
from collections.abc import Iterable, Iterator
from glob import glob
from pathlib import Path
from typing import Any, ClassVar, Literal

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from pydantic import Field, field_validator

from engine.columns import put_column
from engine.operator import Decision, Filter, FilterParams, OpParams, Resources, RunContext, Signal
from operators._fasttext import LABEL_PREFIX, FastTextModel, model_format, train_supervised
from operators._text import CJK_CHAR_CLASS

SIDECAR_FORMAT = "corpusforge.fasttext_classifier/1"
CjkTokenize = Literal["chars", "jieba", "none"]

_CJK_RUN_RE2 = f"([{CJK_CHAR_CLASS}])"
_HAS_CJK_RE2 = f"[{CJK_CHAR_CLASS}]"


def sidecar_path(model_path: str | Path) -> Path:
    """``model.bin`` -> ``model.bin.json``."""
    return Path(str(model_path) + ".json")


def read_sidecar(model_path: str | Path) -> dict[str, Any] | None:
    path = sidecar_path(model_path)
    if not path.is_file():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    if data.get("format") != SIDECAR_FORMAT:
        raise ValueError(f"{path}: not a corpusforge classifier sidecar (format={data.get('format')!r})")
    return data


# -- preprocessing, shared by training and scoring ---------------------------


def preprocess(texts: pa.Array | pa.ChunkedArray, lowercase: bool, cjk_tokenize: CjkTokenize) -> list[str]:
    """Turn documents into the single-line token strings fastText sees.

    * line breaks become spaces (fastText classifies one line; DCLM joins
      lines with spaces the same way);
    * ``lowercase`` folds case (Unicode-aware);
    * ``cjk_tokenize``: fastText splits on whitespace only, so a Chinese
      sentence would be one giant "word". ``chars`` surrounds every Han/Kana
      character with spaces, so each character is a token and, with
      ``wordNgrams >= 2``, character bigrams (the classic strong baseline for
      Chinese text classification) become features; vectorized in Arrow, it
      costs almost nothing. ``jieba`` segments Chinese into words instead
      (slower, per document in Python). ``none`` leaves text as is (use it for
      models trained elsewhere on raw text, e.g. DCLM's).
    """
    arr = pc.fill_null(texts, "")
    arr = pc.replace_substring_regex(arr, r"[\r\n\x0b\x0c\x{2028}\x{2029}]", " ")
    if lowercase:
        arr = pc.utf8_lower(arr)
    if cjk_tokenize == "chars":
        arr = pc.replace_substring_regex(arr, _CJK_RUN_RE2, r" \1 ")
        return arr.to_pylist()
    if cjk_tokenize == "jieba":
        has_cjk = pc.match_substring_regex(arr, _HAS_CJK_RE2).to_numpy(zero_copy_only=False)
        out = arr.to_pylist()
        if has_cjk.any():
            import jieba

            for i in np.flatnonzero(has_cjk):
                out[i] = " ".join(w for w in jieba.lcut(out[i]) if not w.isspace())
        return out
    return arr.to_pylist()


# -- operator -----------------------------------------------------------------


class QualityClassifierParams(FilterParams):
    model_path: str = Field(..., description="supervised fastText/floret model (.bin/.ftz)")
    positive_label: str = Field(
        "hq", description="label whose probability is the quality score (without __label__)"
    )
    min_score: float = Field(
        0.5, ge=0.0, le=1.0, description="remove documents with quality_score below this"
    )
    lowercase: bool | None = Field(
        None,
        description="fold case before scoring; null: as recorded in the model's sidecar (false without one)",
    )
    cjk_tokenize: CjkTokenize | None = Field(
        None,
        description="CJK tokenization before scoring (chars|jieba|none); null: as recorded in the "
        "model's sidecar (none without one)",
    )

    @field_validator("model_path")
    @classmethod
    def _model_exists(cls, v: str) -> str:
        path = Path(v).expanduser()
        if not path.is_file():
            raise ValueError(f"quality model not found: {path}")
        model_format(path)
        return str(path)

    @field_validator("positive_label")
    @classmethod
    def _strip_prefix(cls, v: str) -> str:
        return v.removeprefix(LABEL_PREFIX)


class QualityClassifier(Filter):
    """Scores documents with a fastText quality classifier and removes low scorers.

    Writes ``quality_score``, the model's probability of ``positive_label``
    (default ``hq``), and removes documents below ``min_score`` (reason
    ``quality_score_below_min``; a score equal to ``min_score`` is kept).
    Source: the fastText quality filter of DCLM (Li et al. 2024, Section 4.3,
    the ``fasttext_oh_eli5`` classifier kept the top 10%) and, earlier, GPT-3's
    classifier filtering (Brown et al. 2020, Appendix A).

    Models trained by :func:`train_classifier` carry their preprocessing in a
    JSON sidecar, applied here identically (newlines to spaces, optional
    lowercasing, CJK tokenization, see :func:`preprocess`). For models trained
    elsewhere (stock fastText, e.g. DCLM's) the default is DCLM's
    preprocessing: newlines to spaces, nothing else. Explicit ``lowercase`` /
    ``cjk_tokenize`` params that contradict the sidecar are an error, since
    scores would be meaningless.

    Documents the model has no feature for (empty text) get score 0.
    """

    name: ClassVar[str] = "quality_classifier"
    Params: ClassVar[type[OpParams]] = QualityClassifierParams
    resources: ClassVar[Resources] = Resources(num_cpus=1.0)
    signals: ClassVar[dict[str, Signal]] = {
        "quality_score": Signal("probability of the classifier's positive label (0..1)", ("min_score",)),
    }

    def __init__(self, params: OpParams | None = None, **kwargs) -> None:
        super().__init__(params, **kwargs)
        p: QualityClassifierParams = self.params
        side = read_sidecar(p.model_path) or {}
        pre = side.get("preprocess", {})
        self.lowercase = _resolve("lowercase", p.lowercase, pre.get("lowercase"), False)
        self.cjk_tokenize = _resolve("cjk_tokenize", p.cjk_tokenize, pre.get("cjk_tokenize"), "none")
        self._positive = LABEL_PREFIX + p.positive_label
        self._model: FastTextModel | None = None

    def setup(self, ctx: RunContext | None) -> None:
        model = FastTextModel(self.params.model_path)
        labels = model.labels()
        if self._positive not in labels:
            raise ValueError(
                f"positive_label {self.params.positive_label!r} is not a label of {self.params.model_path} "
                f"(labels: {[x[len(LABEL_PREFIX) :] for x in labels]})"
            )
        self._model = model

    def __getstate__(self) -> dict:
        state = self.__dict__.copy()
        state["_model"] = None
        state["_ready"] = False
        return state

    def score(self, table: pa.Table) -> pa.Table:
        n = table.num_rows
        scores = np.zeros(n, dtype=np.float32)
        if n:
            lines = preprocess(table.column("text"), self.lowercase, self.cjk_tokenize)
            predict, positive = self._model.predict, self._positive
            for i, line in enumerate(lines):
                for prob, label in predict(line, -1, 0.0):
                    if label == positive:
                        scores[i] = prob
                        break
        np.clip(scores, 0.0, 1.0, out=scores)
        return put_column(table, "quality_score", pa.array(scores, pa.float32()))

    def decide(self, scored: pa.Table) -> Decision:
        score = scored.column("quality_score").to_numpy()
        keep = score >= np.float32(self.params.min_score)
        reasons = np.where(keep, None, "quality_score_below_min").tolist()
        return Decision(keep=keep, reasons=reasons)


def _resolve(name: str, explicit: Any, recorded: Any, default: Any) -> Any:
    if explicit is not None and recorded is not None and explicit != recorded:
        raise ValueError(
            f"{name}={explicit!r} contradicts the model's sidecar ({name}={recorded!r}); the model "
            "must be scored with the preprocessing it was trained with"
        )
    if explicit is not None:
        return explicit
    return recorded if recorded is not None else default


# -- reading training sources ---------------------------------------------------


def _expand(sources: str | Path | Iterable[str | Path]) -> list[Path]:
    items = [sources] if isinstance(sources, (str, Path)) else list(sources)
    files: list[Path] = []
    for item in items:
        item = str(item)
        p = Path(item)
        if p.is_dir():
            files += sorted(x for x in p.rglob("*") if x.is_file() and _is_data_file(x))
        elif any(ch in item for ch in "*?["):
            files += sorted(Path(x) for x in glob(item, recursive=True) if Path(x).is_file())
        elif p.is_file():
            files.append(p)
        else:
            raise FileNotFoundError(f"training source not found: {item}")
    if not files:
        raise FileNotFoundError(f"no data files in {items}")
    return files


def _is_data_file(p: Path) -> bool:
    name = p.name.lower()
    return name.endswith((".jsonl", ".json", ".jsonl.gz", ".json.gz", ".jsonl.zst", ".json.zst", ".parquet"))


def iter_texts(path: Path, text_field: str = "text") -> Iterator[str]:
    """Non-empty ``text_field`` values of a JSONL (.gz/.zst) or Parquet file.

    Lines that are not JSON objects or lack the field are skipped.
    """
    name = path.name.lower()
    if name.endswith(".parquet"):
        import pyarrow.parquet as pq

        pf = pq.ParquetFile(path)
        if text_field not in pf.schema_arrow.names:
            raise ValueError(f"{path}: no column {text_field!r}")
        for batch in pf.iter_batches(columns=[text_field], batch_size=8192):
            for t in batch.column(0).to_pylist():
                if isinstance(t, str) and t.strip():
                    yield t
        return
    with _open_text(path) as stream:
        for line in stream:
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError:
                continue
            t = obj.get(text_field) if isinstance(obj, dict) else None
            if isinstance(t, str) and t.strip():
                yield t


def _open_text(path: Path) -> io.TextIOBase:
    name = path.name.lower()
    if name.endswith(".gz"):
        return gzip.open(path, "rt", encoding="utf-8", errors="replace")
    if name.endswith(".zst"):
        import zstandard

        raw = zstandard.ZstdDecompressor().stream_reader(path.open("rb"), closefd=True)
        return io.TextIOWrapper(raw, encoding="utf-8", errors="replace")
    return path.open("r", encoding="utf-8", errors="replace")


def _read_all(sources, text_field: str) -> list[str]:
    out: list[str] = []
    for f in _expand(sources):
        out.extend(iter_texts(f, text_field))
    return out


# -- training -------------------------------------------------------------------


def _metrics(y_true: np.ndarray, y_score: np.ndarray, threshold: float = 0.5) -> dict[str, float | int]:
    pred = y_score >= threshold
    tp = int(np.sum(pred & y_true))
    fp = int(np.sum(pred & ~y_true))
    fn = int(np.sum(~pred & y_true))
    tn = int(np.sum(~pred & ~y_true))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "threshold": threshold,
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "accuracy": round((tp + tn) / max(1, len(y_true)), 4),
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "tn": tn,
    }


def train_classifier(
    positive: str | Path | Iterable[str | Path],
    negative: str | Path | Iterable[str | Path],
    out: str | Path,
    *,
    text_field: str = "text",
    epoch: int = 5,
    lr: float = 0.1,
    word_ngrams: int = 2,
    dim: int = 100,
    min_count: int = 1,
    bucket: int = 2_000_000,
    holdout: float = 0.1,
    seed: int = 0,
    threads: int = 1,
    max_per_class: int | None = None,
    lowercase: bool = False,
    cjk_tokenize: CjkTokenize = "chars",
    positive_label: str = "hq",
    negative_label: str = "lq",
) -> dict[str, Any]:
    """Train a binary fastText quality classifier, DCLM-style.

    Reads documents from ``positive`` and ``negative`` (files, directories or
    globs of JSONL/JSONL.gz/JSONL.zst/Parquet), balances the classes by
    randomly downsampling the larger one (optionally both to
    ``max_per_class``), holds out ``holdout`` of each class, trains on the rest
    (defaults follow DCLM's classifier: word bigrams, 5 epochs, lr 0.1,
    dim 100), writes ``out`` plus the sidecar ``out.json``, and returns the
    held-out precision/recall/F1 of the positive class at score >= 0.5.
    ``threads=1`` makes training reproducible for a given ``seed``.
    """
    if not 0.0 <= holdout < 1.0:
        raise ValueError("holdout must be in [0, 1)")
    if positive_label == negative_label:
        raise ValueError("positive and negative labels must differ")
    rng = random.Random(seed)
    pos = _read_all(positive, text_field)
    neg = _read_all(negative, text_field)
    if not pos or not neg:
        raise ValueError(f"need documents in both classes (positive: {len(pos)}, negative: {len(neg)})")
    n = min(len(pos), len(neg), max_per_class or sys.maxsize)
    pos_n, neg_n = len(pos), len(neg)
    pos, neg = rng.sample(pos, n), rng.sample(neg, n)
    n_hold = round(n * holdout)
    if holdout > 0 and n_hold == 0 and n >= 2:
        n_hold = 1
    if n - n_hold < 1:
        raise ValueError("not enough documents left to train after the holdout")

    pos_lbl, neg_lbl = LABEL_PREFIX + positive_label, LABEL_PREFIX + negative_label
    train = [(pos_lbl, t) for t in pos[n_hold:]] + [(neg_lbl, t) for t in neg[n_hold:]]
    rng.shuffle(train)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="cf_train_") as tmp:
        train_file = Path(tmp) / "train.txt"
        lines = preprocess(pa.array([t for _, t in train], pa.string()), lowercase, cjk_tokenize)
        with train_file.open("w", encoding="utf-8") as fh:
            for (label, _), line in zip(train, lines):
                # A literal "__label__x" inside a text would be read as a second
                # label in training; at prediction fastText drops such tokens, so
                # dropping them here keeps training and scoring consistent.
                fh.write(f"{label} {line.replace(LABEL_PREFIX, ' ')}\n")
        model = train_supervised(
            train_file,
            out,
            epoch=epoch,
            lr=lr,
            word_ngrams=word_ngrams,
            dim=dim,
            min_count=min_count,
            bucket=bucket,
            seed=seed,
            threads=threads,
        )

    report: dict[str, Any] = {
        "model": str(out),
        "sidecar": str(sidecar_path(out)),
        "backend": model.format,
        "docs_read": {"positive": pos_n, "negative": neg_n},
        "per_class": n,
        "train": {"positive": n - n_hold, "negative": n - n_hold},
        "holdout": {"positive": n_hold, "negative": n_hold},
    }
    if n_hold:
        hold = pos[:n_hold] + neg[:n_hold]
        y_true = np.array([True] * n_hold + [False] * n_hold)
        lines = preprocess(pa.array(hold, pa.string()), lowercase, cjk_tokenize)
        y_score = np.zeros(len(lines), dtype=np.float64)
        for i, line in enumerate(lines):
            for prob, label in model.predict(line, -1, 0.0):
                if label == pos_lbl:
                    y_score[i] = prob
                    break
        report["heldout"] = _metrics(y_true, y_score)
    sidecar = {
        "format": SIDECAR_FORMAT,
        "backend": model.format,
        "labels": {"positive": positive_label, "negative": negative_label},
        "preprocess": {"newlines": "space", "lowercase": lowercase, "cjk_tokenize": cjk_tokenize},
        "hyperparameters": {
            "epoch": epoch,
            "lr": lr,
            "wordNgrams": word_ngrams,
            "dim": dim,
            "minCount": min_count,
            "loss": "softmax",
            "seed": seed,
            "threads": threads,
        },
        "data": {k: report[k] for k in ("docs_read", "per_class", "train", "holdout")},
        "heldout": report.get("heldout"),
    }
    sidecar_path(out).write_text(json.dumps(sidecar, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return report


def train_classifier_main(argv: list[str]) -> int:
    """``corpusforge train-classifier``: train, print the held-out report as JSON."""
    ap = argparse.ArgumentParser(
        prog="corpusforge train-classifier",
        description="Train a fastText quality classifier (DCLM-style) from a positive and a negative corpus.",
    )
    ap.add_argument(
        "--positive",
        required=True,
        action="append",
        help="JSONL(.gz/.zst)/Parquet file, dir or glob; repeatable",
    )
    ap.add_argument(
        "--negative",
        required=True,
        action="append",
        help="JSONL(.gz/.zst)/Parquet file, dir or glob; repeatable",
    )
    ap.add_argument(
        "--out", required=True, help="output model path (a sidecar <out>.json is written beside it)"
    )
    ap.add_argument("--text-field", default="text")
    ap.add_argument("--epoch", type=int, default=5)
    ap.add_argument("--lr", type=float, default=0.1)
    ap.add_argument("--wordNgrams", "--word-ngrams", dest="word_ngrams", type=int, default=2)
    ap.add_argument("--dim", type=int, default=100)
    ap.add_argument("--minCount", "--min-count", dest="min_count", type=int, default=1)
    ap.add_argument(
        "--bucket",
        type=int,
        default=2_000_000,
        help="hash buckets for word n-grams; the model file is about bucket x dim x 4 bytes",
    )
    ap.add_argument(
        "--holdout", type=float, default=0.1, help="fraction of each class held out for evaluation"
    )
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--threads", type=int, default=1, help="training threads (1 = reproducible)")
    ap.add_argument("--max-per-class", type=int, default=None)
    ap.add_argument("--lowercase", action="store_true", help="fold case (recorded in the sidecar)")
    ap.add_argument("--cjk-tokenize", choices=["chars", "jieba", "none"], default="chars")
    ap.add_argument("--positive-label", default="hq")
    ap.add_argument("--negative-label", default="lq")
    args = ap.parse_args(argv)
    try:
        report = train_classifier(
            args.positive,
            args.negative,
            args.out,
            text_field=args.text_field,
            epoch=args.epoch,
            lr=args.lr,
            word_ngrams=args.word_ngrams,
            dim=args.dim,
            min_count=args.min_count,
            bucket=args.bucket,
            holdout=args.holdout,
            seed=args.seed,
            threads=args.threads,
            max_per_class=args.max_per_class,
            lowercase=args.lowercase,
            cjk_tokenize=args.cjk_tokenize,
            positive_label=args.positive_label,
            negative_label=args.negative_label,
        )
    except (FileNotFoundError, ValueError) as exc:
        print(f"train-classifier: error: {exc}", file=sys.stderr)
        return 2
    print(json.dumps(report, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(train_classifier_main(sys.argv[1:]))
