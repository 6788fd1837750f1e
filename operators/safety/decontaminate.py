"""Benchmark decontamination by hashed word n-gram overlap (a global stage)."""

from __future__ import annotations

import glob
import gzip
import io
import json
import os
from typing import Any, ClassVar, Literal

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import xxhash
from pydantic import Field, field_validator, model_validator

from engine.columns import REMOVED_BY, mark_removed, put_column
from engine.fault_hooks import kill_point
from engine.operator import GlobalStage, OpParams, Signal, StageContext
from operators.dedup.common import BLK, RID, block_keys, block_sums, live_rows, num_partitions, row_ids
from operators.safety._ngrams import (
    CjkTokens,
    batch_ngrams,
    char_offsets,
    distinct_per_doc,
    normalize,
    sorted_unique,
    text_ngrams,
    tokens,
)

HASH = "_dc_hash"
BENCH = "_dc_bench"
TOTAL = "_dc_total"
SIDE = "_dc_side"
MATCHED = "_dc_matched"
HASHES = "_dc_hashes"
BENCHES = "_dc_benches"
FLAGGED = "_dc_flagged"

NGRAMS_COL = "contamination_ngrams"
FRACTION_COL = "contamination_fraction"
BENCHMARKS_COL = "contamination_benchmarks"
REDACTED_COL = "contamination_chars_redacted"

BENCH_SCHEMA = pa.schema([(HASH, pa.int64()), (BENCH, pa.int16())])
MATCH_SCHEMA = pa.schema(
    [
        (RID, pa.int64()),
        (BLK, pa.int64()),
        (TOTAL, pa.int64()),
        (HASHES, pa.list_(pa.int64())),
        (BENCHES, pa.list_(pa.int16())),
    ]
)
VERDICT_SCHEMA = pa.schema(
    [
        (RID, pa.int64()),
        (TOTAL, pa.int64()),
        (MATCHED, pa.int64()),
        (HASHES, pa.list_(pa.int64())),
        (BENCHES, pa.list_(pa.int16())),
        (FLAGGED, pa.bool_()),
    ]
)

#: Broadcast up to this many benchmark n-grams (the default of ``broadcast_max_ngrams``): the
#: sorted set takes 10 bytes per n-gram (8-byte hash + 2-byte benchmark index), 250 MB at 25M,
#: memory-mapped from the stage's work directory, so each node holds one copy in its page cache
#: whatever the number of workers. 10,000 benchmark items of ~200 words are ~2M n-grams (20 MB);
#: every public benchmark suite together is well under 25M. Above it, a hash-partitioned join.
BROADCAST_MAX_NGRAMS = 25_000_000


class DecontaminateParams(OpParams):
    benchmarks: list[str] = Field(
        min_length=1, description="benchmark files or globs: JSONL(.gz), Parquet, or text"
    )
    benchmark_fields: list[str] = Field(
        default_factory=lambda: ["question", "choices", "answer", "context", "passage", "text"],
        description="fields of a JSONL/Parquet item read as its text, in order "
        "(missing ones skipped; lists joined)",
    )
    benchmark_format: Literal["auto", "jsonl", "parquet", "text"] = Field(
        "auto",
        description="auto: by extension (.jsonl/.json/.gz/.zst: JSONL, .parquet, "
        "else text: one item per line)",
    )
    ngram_size: int = Field(13, ge=3, le=64, description="n-gram length in tokens (GPT-3: 13)")
    cjk_tokens: CjkTokens = Field("words", description="Chinese/Japanese tokens: words (jieba) or chars")
    min_overlap: int | float = Field(
        1,
        description="a document is contaminated when it shares at least this many distinct n-grams "
        "with a benchmark (an integer), or this fraction of its n-grams "
        "(a number with a decimal point, 0 < f <= 1)",
    )
    mode: Literal["filter", "annotate", "redact"] = Field(
        "filter", description="filter: remove; annotate: columns only; redact: cut the matches plus a margin"
    )
    margin_chars: int = Field(
        200, ge=0, description="redact: characters cut on each side of a match (GPT-3: 200)"
    )
    min_remaining_chars: int = Field(200, ge=0, description="redact: remove the document when fewer remain")
    min_piece_chars: int = Field(
        0, ge=0, description="redact: drop remaining pieces shorter than this (GPT-3: 200)"
    )
    max_pieces: int | None = Field(
        10, ge=1, description="redact: remove the document when more pieces remain (GPT-3: 10)"
    )
    strategy: Literal["auto", "broadcast", "sharded"] = Field(
        "auto",
        description="auto: broadcast up to broadcast_max_ngrams benchmark n-grams, else a sharded join",
    )
    broadcast_max_ngrams: int = Field(
        BROADCAST_MAX_NGRAMS, ge=1, description="the auto switch (10 bytes per n-gram)"
    )

    @field_validator("min_overlap", mode="before")
    @classmethod
    def _not_bool(cls, v):
        if isinstance(v, bool):
            raise ValueError("min_overlap must be a number")
        return v

    @field_validator("min_overlap")
    @classmethod
    def _overlap(cls, v):
        if isinstance(v, int) and v < 1:
            raise ValueError("an integer min_overlap (a count of n-grams) must be >= 1")
        if isinstance(v, float) and not (0 < v <= 1):
            raise ValueError("a fractional min_overlap must be in (0, 1]")
        return v

    @model_validator(mode="after")
    def _files(self):
        benchmark_files(self.benchmarks)
        return self


def benchmark_files(patterns: list[str]) -> list[tuple[str, str]]:
    """(name, path) of every benchmark file; the name is the file name without its extensions."""
    out: list[tuple[str, str]] = []
    seen: dict[str, int] = {}
    for pat in patterns:
        paths = sorted(glob.glob(pat)) if any(c in pat for c in "*?[") else [pat]
        paths = [p for p in paths if os.path.isfile(p)]
        if not paths:
            raise ValueError(f"benchmarks: no file matches {pat!r}")
        for p in paths:
            base = os.path.basename(p).split(".")[0] or os.path.basename(p)
            k = seen.get(base, 0)
            seen[base] = k + 1
            out.append((base if k == 0 else f"{base}_{k + 1}", p))
    if len(out) > 32767:
        raise ValueError("benchmarks: more than 32767 files")
    return out


def _format_of(path: str, fmt: str) -> str:
    if fmt != "auto":
        return fmt
    low = path.lower()
    if low.endswith(".parquet"):
        return "parquet"
    if any(x in low for x in (".jsonl", ".json", ".ndjson")):
        return "jsonl"
    return "text"


def _field_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "\n".join(_field_text(v) for v in value)
    if isinstance(value, dict):
        return "\n".join(_field_text(v) for v in value.values())
    return str(value)


def benchmark_items(path: str, fields: list[str], fmt: str = "auto") -> list[str]:
    """The items of one benchmark file as texts (fields joined by newlines)."""
    kind = _format_of(path, fmt)
    if kind == "parquet":
        table = pq.read_table(path)
        cols = [f for f in fields if f in table.column_names]
        rows = table.select(cols).to_pylist()
        return [t for t in ("\n".join(_field_text(r[c]) for c in cols) for r in rows) if t.strip()]
    opener = gzip.open if path.endswith(".gz") else open
    if path.endswith(".zst"):
        import zstandard

        raw = zstandard.ZstdDecompressor().stream_reader(open(path, "rb"))
        fh = io.TextIOWrapper(raw, encoding="utf-8", errors="replace")
    else:
        fh = opener(path, "rt", encoding="utf-8", errors="replace")
    items: list[str] = []
    with fh:
        for line in fh:
            if not line.strip():
                continue
            if kind == "text":
                items.append(line.rstrip("\n"))
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError:
                continue
            if isinstance(obj, dict):
                text = "\n".join(_field_text(obj[f]) for f in fields if f in obj)
            else:
                text = _field_text(obj)
            if text.strip():
                items.append(text)
    return items


class _HashBenchmarks:
    """One benchmark file per row -> its (hash, benchmark index) rows; stats to a small JSON file."""

    def __init__(self, p: DecontaminateParams, stats_dir: str) -> None:
        self.p = p
        self.stats_dir = stats_dir

    def __call__(self, table: pa.Table) -> pa.Table:
        out = []
        for idx, path in zip(table.column("bench").to_pylist(), table.column("path").to_pylist()):
            items = benchmark_items(path, self.p.benchmark_fields, self.p.benchmark_format)
            ng = text_ngrams(items, self.p.ngram_size, self.p.cjk_tokens)
            short = int((ng.counts == 0).sum())
            uniq = sorted_unique(ng.hashes)
            stats = {"items": len(items), "items_shorter_than_ngram": short, "ngrams": int(len(uniq))}
            tmp = os.path.join(self.stats_dir, f".{idx}.{os.getpid()}.tmp")
            with open(tmp, "w") as fh:
                json.dump(stats, fh)
            os.replace(tmp, os.path.join(self.stats_dir, f"{idx}.json"))
            out.append(
                pa.table(
                    {HASH: pa.array(uniq.view(np.int64)), BENCH: pa.array(np.full(len(uniq), idx, np.int16))},
                    schema=BENCH_SCHEMA,
                )
            )
        return pa.concat_tables(out) if out else BENCH_SCHEMA.empty_table()


def build_set(files: list[str], out_dir: str) -> tuple[int, int]:
    """Sort and deduplicate benchmark n-grams into ``hashes.npy`` (uint64, sorted) and
    ``benches.npy`` (int16: the first benchmark, in config order, that has the n-gram)."""
    parts = [pq.read_table(f) for f in files]
    table = pa.concat_tables(parts) if parts else BENCH_SCHEMA.empty_table()
    h = table.column(HASH).to_numpy().view(np.uint64)
    b = table.column(BENCH).to_numpy()
    order = np.lexsort((b, h))
    h, b = h[order], b[order]
    first = np.ones(len(h), dtype=bool)
    first[1:] = h[1:] != h[:-1]
    h, b = h[first], b[first]
    os.makedirs(out_dir, exist_ok=True)
    np.save(os.path.join(out_dir, "hashes.npy"), h)
    np.save(os.path.join(out_dir, "benches.npy"), b)
    return int(len(table)), int(len(h))


_SETS: dict[str, tuple[np.ndarray, np.ndarray]] = {}


def load_set(set_dir: str) -> tuple[np.ndarray, np.ndarray]:
    """The broadcast set, memory-mapped once per process (the page cache shares it per node)."""
    s = _SETS.get(set_dir)
    if s is None:
        s = (
            np.load(os.path.join(set_dir, "hashes.npy"), mmap_mode="r"),
            np.load(os.path.join(set_dir, "benches.npy"), mmap_mode="r"),
        )
        _SETS.clear()
        _SETS[set_dir] = s
    return s


def _live_ngrams(table: pa.Table, p: DecontaminateParams):
    live = live_rows(table)
    ng = text_ngrams(live.column("text").to_pylist(), p.ngram_size, p.cjk_tokens)
    ng.counts = distinct_per_doc(ng)
    return live, ng


class _BroadcastMatch:
    """Corpus batch -> one MATCH_SCHEMA row per live document sharing an n-gram with the set."""

    def __init__(self, p: DecontaminateParams, set_dir: str) -> None:
        self.p = p
        self.set_dir = set_dir

    def __call__(self, table: pa.Table) -> pa.Table:
        live, ng = _live_ngrams(table, self.p)
        if len(ng.hashes) == 0:
            return MATCH_SCHEMA.empty_table()
        hashes, benches = load_set(self.set_dir)
        pos = np.searchsorted(hashes, ng.hashes)
        pos_c = np.minimum(pos, max(len(hashes) - 1, 0))
        found = (
            (pos < len(hashes)) & (hashes[pos_c] == ng.hashes) if len(hashes) else np.zeros(len(pos), bool)
        )
        if not found.any():
            return MATCH_SCHEMA.empty_table()
        return _per_doc(live, ng.doc[found], ng.hashes[found], np.asarray(benches[pos_c[found]]), ng.counts)


def _per_doc(
    live: pa.Table, doc: np.ndarray, hashes: np.ndarray, benches: np.ndarray, counts: np.ndarray
) -> pa.Table:
    """Group matched (doc, hash, bench) triples into one row per document (distinct hashes)."""
    order = np.lexsort((hashes, doc))
    doc, hashes, benches = doc[order], hashes[order], benches[order]
    new = np.ones(len(doc), dtype=bool)
    new[1:] = (doc[1:] != doc[:-1]) | (hashes[1:] != hashes[:-1])
    doc, hashes, benches = doc[new], hashes[new], benches[new]
    docs, starts = np.unique(doc, return_index=True)
    ends = np.append(starts[1:], len(doc))
    sub = live.take(pa.array(docs))
    return pa.table(
        {
            RID: row_ids(sub),
            BLK: block_keys(sub),
            TOTAL: pa.array(counts[docs].astype(np.int64)),
            HASHES: pa.array(
                [hashes[a:b].view(np.int64) for a, b in zip(starts, ends)], pa.list_(pa.int64())
            ),
            BENCHES: pa.array([np.unique(benches[a:b]) for a, b in zip(starts, ends)], pa.list_(pa.int16())),
        },
        schema=MATCH_SCHEMA,
    )


# ------------------------------------------------------------------ sharded join
DOC_SCHEMA = pa.schema([(HASH, pa.int64()), (RID, pa.int64()), (BLK, pa.int64()), (TOTAL, pa.int64())])
UNION_SCHEMA = pa.schema(
    [
        (HASH, pa.int64()),
        (RID, pa.int64()),
        (BLK, pa.int64()),
        (TOTAL, pa.int64()),
        (BENCH, pa.int16()),
        (SIDE, pa.int8()),
    ]
)
JOINED_SCHEMA = pa.schema(
    [(RID, pa.int64()), (BLK, pa.int64()), (TOTAL, pa.int64()), (HASH, pa.int64()), (BENCH, pa.int16())]
)


class _DocSide:
    """Corpus batch -> (hash, row id, block, n-gram count) per distinct n-gram of each live document."""

    def __init__(self, p: DecontaminateParams) -> None:
        self.p = p

    def __call__(self, table: pa.Table) -> pa.Table:
        live, ng = _live_ngrams(table, self.p)
        if len(ng.hashes) == 0:
            return UNION_SCHEMA.empty_table()
        order = np.lexsort((ng.hashes, ng.doc))
        doc, h = ng.doc[order], ng.hashes[order]
        new = np.ones(len(doc), dtype=bool)
        new[1:] = (doc[1:] != doc[:-1]) | (h[1:] != h[:-1])
        doc, h = doc[new], h[new]
        rid = row_ids(live).to_numpy()
        blk = block_keys(live).to_numpy()
        n = len(doc)
        return pa.table(
            {
                HASH: pa.array(h.view(np.int64)),
                RID: pa.array(rid[doc]),
                BLK: pa.array(blk[doc]),
                TOTAL: pa.array(ng.counts[doc].astype(np.int64)),
                BENCH: pa.nulls(n, pa.int16()),
                SIDE: pa.array(np.zeros(n, np.int8)),
            },
            schema=UNION_SCHEMA,
        )


def _bench_side(t: pa.Table) -> pa.Table:
    n = t.num_rows
    return pa.table(
        {
            HASH: t.column(HASH),
            RID: pa.nulls(n, pa.int64()),
            BLK: pa.nulls(n, pa.int64()),
            TOTAL: pa.nulls(n, pa.int64()),
            BENCH: t.column(BENCH),
            SIDE: pa.array(np.ones(n, np.int8)),
        },
        schema=UNION_SCHEMA,
    )


def _join_partition(t: pa.Table) -> pa.Table:
    """One hash partition: the document n-grams that are benchmark n-grams (first benchmark wins)."""
    side = t.column(SIDE).to_numpy()
    docs = t.filter(pa.array(side == 0))
    bench = t.filter(pa.array(side == 1))
    if docs.num_rows == 0 or bench.num_rows == 0:
        return JOINED_SCHEMA.empty_table()
    bh = bench.column(HASH).to_numpy()
    bb = bench.column(BENCH).to_numpy()
    order = np.lexsort((bb, bh))
    bh, bb = bh[order], bb[order]
    first = np.ones(len(bh), bool)
    first[1:] = bh[1:] != bh[:-1]
    bh, bb = bh[first], bb[first]
    dh = docs.column(HASH).to_numpy()
    pos = np.minimum(np.searchsorted(bh, dh), len(bh) - 1)
    found = bh[pos] == dh
    hit = docs.filter(pa.array(found))
    return pa.table(
        {
            RID: hit.column(RID),
            BLK: hit.column(BLK),
            TOTAL: hit.column(TOTAL),
            HASH: hit.column(HASH),
            BENCH: pa.array(bb[pos[found]], pa.int16()),
        },
        schema=JOINED_SCHEMA,
    )


def _group_by_doc(t: pa.Table) -> pa.Table:
    """One RID partition of joined rows -> MATCH_SCHEMA rows."""
    if t.num_rows == 0:
        return MATCH_SCHEMA.empty_table()
    t = t.sort_by([(RID, "ascending"), (HASH, "ascending")])
    rid = t.column(RID).to_numpy()
    h = t.column(HASH).to_numpy()
    b = t.column(BENCH).to_numpy()
    starts = np.flatnonzero(np.concatenate([[True], rid[1:] != rid[:-1]]))
    ends = np.append(starts[1:], len(rid))
    return pa.table(
        {
            RID: pa.array(rid[starts]),
            BLK: t.column(BLK).take(pa.array(starts)),
            TOTAL: t.column(TOTAL).take(pa.array(starts)),
            HASHES: pa.array([h[a:e] for a, e in zip(starts, ends)], pa.list_(pa.int64())),
            BENCHES: pa.array([np.unique(b[a:e]) for a, e in zip(starts, ends)], pa.list_(pa.int16())),
        },
        schema=MATCH_SCHEMA,
    )


# ------------------------------------------------------------------ verdicts by block
def _blk_dir(root: str, key: int) -> str:
    return os.path.join(root, f"blk={key}")


class _WriteVerdicts:
    """Matched documents -> flagged or not, written as one file per read block; returns counts
    per benchmark (one row, for block_sums)."""

    def __init__(self, p: DecontaminateParams, root: str, n_bench: int) -> None:
        self.p = p
        self.root = root
        self.n_bench = n_bench

    def __call__(self, t: pa.Table) -> pa.Table:
        counts = {f"b{i}": 0 for i in range(self.n_bench)}
        counts.update({"matched_docs": t.num_rows, "flagged_docs": 0})
        if t.num_rows == 0:
            return pa.table({k: [v] for k, v in counts.items()})
        matched = pc.list_value_length(t.column(HASHES)).to_numpy(zero_copy_only=False).astype(np.int64)
        total = t.column(TOTAL).to_numpy()
        flagged = is_flagged(matched, total, self.p.min_overlap)
        counts["flagged_docs"] = int(flagged.sum())
        for benches, f in zip(t.column(BENCHES).to_pylist(), flagged):
            if f:
                for b in benches:
                    counts[f"b{b}"] += 1
        v = pa.table(
            {
                RID: t.column(RID),
                TOTAL: t.column(TOTAL),
                MATCHED: pa.array(matched),
                HASHES: t.column(HASHES),
                BENCHES: t.column(BENCHES),
                FLAGGED: pa.array(flagged),
            },
            schema=VERDICT_SCHEMA,
        )
        keys = t.column(BLK).to_numpy()
        for key in np.unique(keys):
            part = v.filter(pa.array(keys == key)).sort_by([(RID, "ascending")])
            name = f"{xxhash.xxh3_64_hexdigest(part.column(RID).to_numpy().tobytes())}.parquet"
            d = _blk_dir(self.root, int(key))
            os.makedirs(d, exist_ok=True)
            tmp = os.path.join(d, f".{name}.{os.getpid()}.tmp")
            pq.write_table(part, tmp)
            os.replace(tmp, os.path.join(d, name))
        return pa.table({k: [v] for k, v in counts.items()})


class _MatchAndWrite:
    """Broadcast strategy, one corpus block: match its live documents against the
    set and write their verdicts; returns the counters (matched, flagged, per benchmark)."""

    def __init__(self, p: DecontaminateParams, set_dir: str, root: str, n_bench: int) -> None:
        self.match = _BroadcastMatch(p, set_dir)
        self.write = _WriteVerdicts(p, root, n_bench)

    def __call__(self, table: pa.Table) -> dict[str, int]:
        counts = self.write(self.match(table))
        return {k: int(counts.column(k)[0].as_py()) for k in counts.column_names}


def is_flagged(matched: np.ndarray, total: np.ndarray, min_overlap: int | float) -> np.ndarray:
    """Contaminated: at least ``min_overlap`` distinct shared n-grams (an int), or at least that
    fraction of the document's distinct n-grams (a float)."""
    if isinstance(min_overlap, float):
        return (matched > 0) & (matched >= min_overlap * np.maximum(total, 1) - 1e-9)
    return matched >= min_overlap


def _read_verdicts(root: str, keys: np.ndarray) -> pa.Table:
    parts = []
    for key in np.unique(keys):
        d = _blk_dir(root, int(key))
        if os.path.isdir(d):
            parts += [
                pq.read_table(os.path.join(d, f)) for f in sorted(os.listdir(d)) if f.endswith(".parquet")
            ]
    return pa.concat_tables(parts) if parts else VERDICT_SCHEMA.empty_table()


class _ApplyVerdicts:
    """Corpus map: each batch reads its blocks' verdicts; writes the contamination columns and
    removes (filter), annotates, or cuts the matched spans (redact)."""

    def __init__(
        self, p: DecontaminateParams, root: str, names: list[str], step: str, out_names: list[str]
    ) -> None:
        self.p = p
        self.root = root
        self.names = names
        self.step = step
        self.out_names = out_names

    def __call__(self, table: pa.Table) -> pa.Table:
        n = table.num_rows
        ngrams = np.zeros(n, np.int64)
        fraction = np.zeros(n, np.float64)
        benches: list[list[str] | None] = [None] * n
        redacted = np.zeros(n, np.int64)
        drop = np.zeros(n, bool)
        live = np.asarray(pc.is_null(table.column(REMOVED_BY)).to_numpy(zero_copy_only=False), bool)
        verdicts = (
            _read_verdicts(self.root, block_keys(table).to_numpy()) if n else VERDICT_SCHEMA.empty_table()
        )
        texts = None
        if verdicts.num_rows:
            rid = row_ids(table).to_numpy()
            vr = verdicts.column(RID).to_numpy()
            order = np.argsort(vr, kind="stable")
            pos = np.minimum(np.searchsorted(vr[order], rid), len(vr) - 1)
            found = (vr[order][pos] == rid) & live
            idx = order[pos]
            matched = verdicts.column(MATCHED).to_numpy()
            total = verdicts.column(TOTAL).to_numpy()
            flagged = verdicts.column(FLAGGED).to_numpy(zero_copy_only=False)
            vb = verdicts.column(BENCHES).to_pylist()
            for i in np.flatnonzero(found):
                j = idx[i]
                ngrams[i] = matched[j]
                fraction[i] = matched[j] / max(int(total[j]), 1)
                benches[i] = [self.names[b] for b in vb[j]]
                if not flagged[j]:
                    continue
                if self.p.mode == "filter":
                    drop[i] = True
                elif self.p.mode == "redact":
                    if texts is None:
                        texts = table.column("text").to_pylist()
                    hs = set(verdicts.column(HASHES)[int(j)].values.to_numpy().view(np.uint64).tolist())
                    new, cut, ok = redact(texts[i], hs, self.p)
                    redacted[i] = cut
                    if ok:
                        texts[i] = new
                    else:
                        drop[i] = True
        if texts is not None:
            table = put_column(table, "text", pa.array(texts, pa.string()))
        table = put_column(table, NGRAMS_COL, pa.array(ngrams))
        table = put_column(table, FRACTION_COL, pa.array(fraction))
        table = put_column(table, BENCHMARKS_COL, pa.array(benches, pa.list_(pa.string())))
        if self.p.mode == "redact":
            table = put_column(table, REDACTED_COL, pa.array(redacted))
        if drop.any():
            reasons = pa.array(np.where(drop, "benchmark_contamination", None), pa.string())
            table = mark_removed(table, ~drop, reasons, self.step)
        return table.select(self.out_names)


def redact(text: str, hashes: set[int], p: DecontaminateParams) -> tuple[str, int, bool]:
    """Cut every span covered by a matched n-gram plus ``margin_chars`` on each side.

    Returns (new text, characters cut, keep?). Pieces shorter than
    ``min_piece_chars`` are dropped; the document is removed (keep False) when
    fewer than ``min_remaining_chars`` remain or more than ``max_pieces`` pieces.
    """
    norm = normalize(text)
    toks, spans = tokens(norm, p.cjk_tokens, with_spans=True)
    ng = batch_ngrams([toks], p.ngram_size)
    hit = np.fromiter((int(h) in hashes for h in ng.hashes), dtype=bool, count=len(ng.hashes))
    offs = char_offsets(text)  # original char i starts at normalised offset offs[i]
    intervals = []
    n = p.ngram_size
    for start_tok in ng.pos[hit]:
        a = spans[int(start_tok)][0]
        b = spans[int(start_tok) + n - 1][1]
        # normalised [a, b) -> original characters whose normalised image intersects it
        oa = int(np.searchsorted(offs, a, side="right")) - 1
        ob = int(np.searchsorted(offs, b, side="left"))
        intervals.append((max(oa - p.margin_chars, 0), min(ob + p.margin_chars, len(text))))
    if not intervals:
        return text, 0, True
    intervals.sort()
    merged = [list(intervals[0])]
    for a, b in intervals[1:]:
        if a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    pieces, prev = [], 0
    for a, b in merged:
        pieces.append(text[prev:a])
        prev = b
    pieces.append(text[prev:])
    pieces = [x.strip() for x in pieces if len(x.strip()) >= max(p.min_piece_chars, 1)]
    new = "\n\n".join(pieces)
    cut = len(text) - sum(len(x) for x in pieces)
    ok = len(new) >= p.min_remaining_chars and (p.max_pieces is None or len(pieces) <= p.max_pieces)
    return new, cut, ok


class Decontaminate(GlobalStage):
    """Removes (or annotates, or redacts) documents that overlap evaluation benchmarks.

    Why: text of a benchmark's test items in the training data inflates the
    model's scores on it (Brown et al. 2020, "Language Models are Few-Shot
    Learners", Appendix C: 13-gram overlap, removal of 200 characters around
    each match, documents split into more than 10 pieces dropped; datatrove's
    ``NGramsDecontFilter`` and dolma's decontamination do the same with hashed
    n-grams).

    Both sides are normalised identically (NFKD, combining marks dropped, case
    folded, punctuation/symbols/whitespace as one separator; CJK runs as jieba
    words or characters) and their word n-grams hashed to 64 bits
    (``operators/safety/_ngrams.py``). A document is contaminated when it shares at
    least ``min_overlap`` distinct n-grams with the benchmarks (an integer), or
    that fraction of its n-grams (a float).

    Plan (nothing on the driver but counts): 1) the benchmark files are read and
    hashed by Ray tasks (one per file) to Parquet; 2a) up to
    ``broadcast_max_ngrams`` n-grams (``strategy: auto``), one task sorts and
    deduplicates them into a memory-mapped array every worker searches with
    ``np.searchsorted`` (broadcast); 2b) above, corpus n-grams and benchmark
    n-grams are hash-partitioned together and joined per partition (sharded),
    then grouped by document; 3) matched documents get a verdict, written as
    one small file per read block by the tasks that match (broadcast: in the
    engine's pass over the stage input, ``prepare``) or group them (sharded);
    4) a map over the corpus applies them:
    reason ``benchmark_contamination`` (filter), columns only (annotate), or the
    matched spans cut with a margin and the document removed when too little
    remains (redact). The stage report counts matched documents per benchmark.
    """

    name: ClassVar[str] = "decontaminate"
    Params: ClassVar[type[OpParams]] = DecontaminateParams
    signals: ClassVar[dict[str, Signal]] = {
        NGRAMS_COL: Signal("distinct n-grams shared with the benchmarks"),
        FRACTION_COL: Signal("shared n-grams / the document's n-grams"),
    }
    output_columns: ClassVar[dict[str, str]] = {
        BENCHMARKS_COL: "benchmarks the document shares n-grams with (null: none)",
        REDACTED_COL: "redact mode: characters cut",
    }
    REASON: ClassVar[str] = "benchmark_contamination"

    def doc_ngrams(self, table: pa.Table) -> pa.Table:
        """The per-batch kernel of the corpus side: (hash, row id, block, n-gram count) per distinct
        n-gram of each live document (what the sharded join shuffles)."""
        return _DocSide(self.params)(table)

    def _benchmarks(self, ctx: StageContext) -> dict[str, Any]:
        """Phase 1: hash the benchmark files (one task per file) to Parquet, choose the
        strategy and, for ``broadcast``, build the sorted set (one task)."""
        p: DecontaminateParams = self.params
        rt = ctx.runtime
        files = benchmark_files(p.benchmarks)
        stats_dir = os.path.join(ctx.work_dir, "bench_stats")
        os.makedirs(stats_dir, exist_ok=True)
        bench_dir = os.path.join(ctx.work_dir, "bench_ngrams")
        with rt.phase("benchmarks"):
            listing = rt.from_items(
                [{"bench": i, "path": os.path.abspath(path)} for i, (_, path) in enumerate(files)],
                blocks=max(1, min(len(files), int(max(ctx.num_cpus, 1)) * 2)),
            )
            bench_ds, bench_rows = rt.persist(
                listing.map_batches(_HashBenchmarks(p, stats_dir), batch_size=1, batch_format="pyarrow"),
                bench_dir,
                BENCH_SCHEMA,
                "benchmarks",
            )
            strategy = p.strategy
            if strategy == "auto":
                strategy = "broadcast" if bench_rows <= p.broadcast_max_ngrams else "sharded"
            state = {
                "files": files,
                "stats_dir": stats_dir,
                "bench_ds": bench_ds,
                "bench_rows": bench_rows,
                "strategy": strategy,
                "unique": None,
                "set_dir": os.path.join(ctx.work_dir, "bench_set"),
            }
            if strategy == "broadcast":
                bench_files = sorted(
                    os.path.join(dp, f)
                    for dp, _, fs in os.walk(bench_dir)
                    for f in fs
                    if f.endswith(".parquet")
                )
                state["unique"] = int(
                    rt.call(build_set, bench_files, state["set_dir"], label="benchmark_set")[1]
                )
        kill_point(ctx.step_name, "benchmarks")
        return state

    def prepare(self, ctx: StageContext) -> Any:
        """With the ``broadcast`` strategy, matching and verdicts per block, fused by the
        engine into its pass over the stage input (the benchmarks are hashed first)."""
        state = self._benchmarks(ctx)
        self._prepared_state = (ctx.work_dir, state)  # run() of the same stage reuses phase 1
        if state["strategy"] != "broadcast":
            return None
        return _MatchAndWrite(
            self.params, state["set_dir"], os.path.join(ctx.work_dir, "verdicts"), len(state["files"])
        )

    def run(self, ds: Any, ctx: StageContext) -> Any:
        p: DecontaminateParams = self.params
        rt = ctx.runtime
        work_dir, state = getattr(self, "_prepared_state", (None, None))
        if work_dir != ctx.work_dir:  # prepare() did not run for this stage: phase 1 here
            state = self._benchmarks(ctx)
        files, stats_dir, strategy = state["files"], state["stats_dir"], state["strategy"]
        names = [n for n, _ in files]
        nbytes = ctx.input_bytes if ctx.input_bytes is not None else ctx.estimated_input_bytes
        parts = num_partitions(ctx.num_cpus, nbytes)
        root = os.path.join(ctx.work_dir, "verdicts")
        if ctx.prepared is not None:  # matched and written in the engine's input pass
            counts = dict(ctx.prepared)
        else:
            with rt.phase("matches"):
                if strategy == "broadcast":
                    write = _MatchAndWrite(p, state["set_dir"], root, len(names))
                    counts = rt.sum_rows(
                        ds.map_batches(
                            lambda t: pa.table({k: [v] for k, v in write(t).items()}),
                            batch_size=None,
                            batch_format="pyarrow",
                        ),
                        "matches",
                    )
                else:  # sharded: corpus n-grams and benchmark n-grams joined by hash, grouped by document
                    doc_side = ds.map_batches(_DocSide(p), batch_format="pyarrow")
                    joined = (
                        doc_side.union(state["bench_ds"].map_batches(_bench_side, batch_format="pyarrow"))
                        .repartition(parts, keys=[HASH])
                        .map_batches(_join_partition, batch_size=None, batch_format="pyarrow")
                    )
                    matches = joined.repartition(parts, keys=[RID]).map_batches(
                        _group_by_doc, batch_size=None, batch_format="pyarrow"
                    )
                    # verdicts written by the tasks that group the matches (one execution)
                    counts = block_sums(rt, matches, _WriteVerdicts(p, root, len(names)), label="matches")
        unique_ngrams = state["unique"]
        bench_rows = state["bench_rows"]
        kill_point(ctx.step_name, "verdicts")
        per_bench = {}
        for i, (name, path) in enumerate(files):
            st_path = os.path.join(stats_dir, f"{i}.json")
            st = json.load(open(st_path)) if os.path.exists(st_path) else {}
            per_bench[name] = {**st, "docs_matched": counts.get(f"b{i}", 0)}
        ctx.report.update(
            {
                "strategy": strategy,
                "benchmark_ngrams": bench_rows,
                "benchmark_ngrams_unique": unique_ngrams,
                "ngram_size": p.ngram_size,
                "min_overlap": p.min_overlap,
                "docs_sharing_ngrams": counts.get("matched_docs", 0),
                "docs_contaminated": counts.get("flagged_docs", 0),
                "benchmarks": per_bench,
                "mode": p.mode,
            }
        )
        schema = ctx.input_schema or ds.schema().base_schema
        out_names = list(schema.names)
        extra = [NGRAMS_COL, FRACTION_COL, BENCHMARKS_COL] + ([REDACTED_COL] if p.mode == "redact" else [])
        out_names += [c for c in extra if c not in out_names]
        return ds.map_batches(
            _ApplyVerdicts(p, root, names, ctx.step_name, out_names), batch_size=None, batch_format="pyarrow"
        )
