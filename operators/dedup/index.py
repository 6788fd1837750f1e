"""The persisted dedup index of a release, and deduplication against it (``against``).

Why: a refresh of a corpus (a new crawl every month) must be deduplicated
against everything already released without reprocessing it. Each dedup step
writes what a later run needs into ``OUT/index/<step>/`` (issue #15;
docs/releases.md); a later run reads only that, never the earlier data.

Layout (Parquet, hash-prefix partitioned; ``meta.json`` holds the parameters):

* ``exact_dedup``: ``exact/part=<p>/`` with the 128-bit text hashes
  (``h1``, ``h2``) of the documents the step kept;
* ``minhash_dedup``: ``bands/part=<p>/`` with (band key, row id) of every band
  of every kept document, and ``signatures/part=<p>/`` with (row id,
  signature), partitioned by the row id's prefix.

``p`` is the top ``bits`` bits of the (already uniformly hashed) key;
``bits`` is chosen when the index is written so a partition holds about
``TARGET_ROWS`` rows, and recorded in ``meta.json``. Size on disk: 16 B per
kept document (exact); 16 B x bands + 4 B x num_perm per kept document
(MinHash: 128 permutations, 16 bands -> ~770 B).

Matching (a file shuffle, nothing on the driver): the new documents' keys are
written per partition of each earlier index (one file per map task and
partition): ``exact_dedup`` reads them from its own first phase (the hashes
of the engine's pass over the stage input: the text is read and hashed once);
``minhash_dedup`` signs each live document once, in the engine's pass over the
stage input (:class:`MinHashQueryBlock`), and its own LSH then reuses the
signatures (:func:`presigned`). One task per partition that received
keys probes that one partition of the old index for them
(:func:`probe_index_partition`: index files are sorted by key in row groups
of ``ROW_GROUP`` rows; only the row groups whose key range holds a new key
are read, a few at a time, and filtered against the keys). So the memory of
a task is its new keys (in chunks of ``QUERY_ROWS``), one read of a few row
groups and the matching old rows: it does not grow with the earlier
releases' size (their partition count grows instead; the number of
partitions read is at most the new keys' distinct prefixes). MinHash needs
two rounds: band keys -> candidate (new, old) pairs (given the new signature
per new read block: :class:`CandidateSignatures`), then the pairs per
signature partition -> the estimated Jaccard of the two signatures (``>=
verify bound`` of the step, as in its own ``verify``; the old text is not
stored, so the exact-shingle keeper check of ``verify_keeper`` does not apply
to old documents); the second round reads only the row groups holding an old
signature some candidate names.

A new document matching a kept document of an earlier release is removed
with reason ``duplicate_of_release:<version>`` (the first release of
``against`` that matched, nearest first): the removal trace, ``corpusforge
explain`` and the report's counts per reason name it. In annotate mode it is
kept and the column ``dup_of_release`` holds the version (no such column in
filter mode: every row it would name is removed). ``keep`` cannot prefer it
over the already released copy. With ``keep: first`` and the old input before
the new, this is what a full rebuild would decide (up to MinHash chaining).
"""

from __future__ import annotations

import json
import os
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.fs as pafs
import pyarrow.parquet as pq
import xxhash

from engine.columns import REMOVED_BY, mark_removed, put_column
from operators.dedup.common import BLK, RID, block_keys, live_rows, row_ids, write_parquet

INDEX_FORMAT = 1
TARGET_ROWS = 1 << 20  # rows per index partition (~16 MB of exact hashes or band rows)
TARGET_SIG_ROWS = 1 << 16  # signature rows per partition (~32 MB at 128 permutations)
ROW_GROUP = 8192  # rows per Parquet row group of index and key files
QUERY_ROWS = 1 << 22  # new keys probed against an old partition at once (~100 MB at most)
REASON = "duplicate_of_release"
DUP_OF_RELEASE = "dup_of_release"
KEY = "_ix_key"
H1, H2 = "h1", "h2"
BKEY = "bkey"
SIG = "sig"
OLD = "_ix_old"
VERSION = "_ix_version"
ORDER = "_ix_order"
MATCH_SCHEMA = pa.schema([(RID, pa.int64()), (ORDER, pa.int32()), (VERSION, pa.string())])


def index_params(op_name: str, params: Any) -> dict[str, Any]:
    """The parameters an index depends on: a later run must use the same to compare keys."""
    if op_name == "exact_dedup":
        return {"normalize": params.normalize, "hash": "xxh3_128"}
    bands, rows = params.lsh()
    return {
        "ngram_size": params.ngram_size,
        "num_perm": params.num_perm,
        "bands": bands,
        "rows": rows,
        "seed": params.seed,
        "tokenizer": params.tokenizer,
        "lang_column": params.lang_column,
        "hash": params.hash,
    }


def partition_bits(rows: int | None, target: int) -> int:
    """Prefix bits so that ``rows`` keys make partitions of about ``target`` rows (2..16 bits)."""
    n = max(1, -(-int(rows or 0) // target))
    return min(16, max(2, (n - 1).bit_length()))


def prefix(keys: np.ndarray, bits: int) -> np.ndarray:
    """Partition of each 64-bit key: its top ``bits`` bits."""
    return (np.asarray(keys, np.int64).view(np.uint64) >> np.uint64(64 - bits)).astype(np.int64)


def _write_atomic(table: pa.Table, directory: str, name: str) -> None:
    os.makedirs(directory, exist_ok=True)
    tmp = os.path.join(directory, f".{name}.{os.getpid()}.tmp")
    write_parquet(table, tmp, row_group_size=ROW_GROUP)
    os.replace(tmp, os.path.join(directory, name))


def stable_argsort(keys: np.ndarray) -> np.ndarray:
    """``np.argsort(keys, kind="stable")``, computed as numpy's (vectorised) default sort
    plus an ordering of the few tied runs by position: the same permutation, ~3x less CPU
    on random 64-bit keys."""
    order = np.argsort(keys)
    sk = keys[order]
    tie = sk[1:] == sk[:-1]
    if tie.any():
        run = np.zeros(len(keys), bool)
        run[1:] = tie
        run[:-1] |= tie
        sub = order[run]
        order[run] = sub[np.lexsort((sub, sk[run]))]
    return order


def write_partitioned(table: pa.Table, key: str, bits: int, directory: str, tag: str = "") -> int:
    """Write ``table`` split by the prefix of ``key`` under ``directory/part=<p>/``,
    each file sorted by ``key`` (small row groups: a reader looking for a few keys
    skips the others by their min/max). File names derive from the rows, so a
    retried task overwrites its own files."""
    if table.num_rows == 0:
        return 0
    table, part, _ = sort_partitioned(table, key, bits)
    return write_sorted_partitioned(table, part, key, directory, tag)


def sort_partitioned(table: pa.Table, key: str, bits: int) -> tuple[pa.Table, np.ndarray, np.ndarray]:
    """``table`` in the order :func:`write_partitioned` writes it (stably by ``key``), the
    partition of each row and the permutation. Rows filtered out of the result afterwards
    leave the order the filtered table would sort to (a stable sort keeps the relative order
    of the rest)."""
    keys = np.asarray(table.column(key).to_numpy(), np.int64).view(np.uint64)
    order = stable_argsort(keys)
    part = (keys[order] >> np.uint64(64 - bits)).astype(np.int64)
    return table.take(pa.array(order)), part, order


def write_sorted_partitioned(
    table: pa.Table, part: np.ndarray, key: str, directory: str, tag: str = ""
) -> int:
    """The files of :func:`write_partitioned` for a table :func:`sort_partitioned` ordered
    (``part``: each row's partition)."""
    if table.num_rows == 0:
        return 0
    cuts = np.flatnonzero(np.diff(part)) + 1
    for a, b in zip(np.concatenate([[0], cuts]), np.concatenate([cuts, [len(part)]])):
        piece = table.slice(int(a), int(b - a))
        digest = xxhash.xxh3_64_hexdigest(piece.column(key).to_numpy().tobytes())
        name = f"{digest}{tag}-{piece.num_rows}.parquet"
        _write_atomic(piece, os.path.join(directory, f"part={part[a]}"), name)
    return table.num_rows


def local_partition_files(directory: str, p: int):
    """The tables of one partition of the stage's own key files, one file at a
    time (each file comes from one map task: bounded by its block)."""
    d = os.path.join(directory, f"part={p}")
    if not os.path.isdir(d):
        return
    for f in sorted(f for f in os.listdir(d) if f.endswith(".parquet")):
        yield pq.read_table(os.path.join(d, f))


def _partition_files(index_uri: str, sub: str, p: int, storage: Any) -> tuple[Any, list[str]]:
    """(file system, sorted Parquet files) of one partition of an earlier release's index."""
    from engine.io_read import filesystem_for

    uri = f"{index_uri}/{sub}/part={p}" if "://" in index_uri else os.path.join(index_uri, sub, f"part={p}")
    fs, path = filesystem_for(uri, storage)
    if fs.get_file_info(path).type != pafs.FileType.Directory:
        return fs, []
    infos = fs.get_file_info(pafs.FileSelector(path))
    files = sorted(i.path for i in infos if i.type == pafs.FileType.File and i.base_name.endswith(".parquet"))
    return fs, files


def _groups_holding(pf: pq.ParquetFile, col: int, keys: np.ndarray) -> list[int]:
    """Row groups of ``pf`` whose [min, max] of column ``col`` holds one of the
    sorted ``keys`` (a group without statistics is read). The keys of one
    partition share their top bits, so signed and unsigned order agree."""
    md = pf.metadata
    out = []
    for g in range(md.num_row_groups):
        st = md.row_group(g).column(col).statistics
        if st is None or not st.has_min_max:
            out.append(g)
            continue
        lo = np.searchsorted(keys, np.int64(st.min), "left")
        if lo < len(keys) and keys[lo] <= st.max:
            out.append(g)
    return out


def probe_index_partition(
    index_uri: str,
    sub: str,
    p: int,
    storage: Any,
    columns: list[str],
    keys: np.ndarray,
    stats: dict[str, int] | None = None,
    groups_per_read: int = 16,
):
    """The rows of one partition of an earlier release's index (local or s3://)
    whose key (``columns[0]``) is among ``keys``, as a stream of small tables.

    Index files are sorted by key in row groups of ``ROW_GROUP`` rows: only the
    row groups whose key range holds a wanted key are read (found from the
    Parquet footer), ``groups_per_read`` at a time, and filtered against the
    keys. Memory: the keys, one read of at most ``groups_per_read x ROW_GROUP``
    rows and the matching rows, never the partition. ``stats`` receives the row
    groups and rows read and the row groups there are."""
    keys = np.unique(np.asarray(keys, np.int64))
    if len(keys) == 0:
        return
    value_set = pa.array(keys)
    fs, files = _partition_files(index_uri, sub, p, storage)
    for path in files:
        with fs.open_input_file(path) as f:
            pf = pq.ParquetFile(f)
            col = pf.schema_arrow.get_field_index(columns[0])
            groups = _groups_holding(pf, col, keys)
            if stats is not None:
                stats["index_row_groups"] = stats.get("index_row_groups", 0) + pf.metadata.num_row_groups
                stats["index_row_groups_read"] = stats.get("index_row_groups_read", 0) + len(groups)
            for a in range(0, len(groups), groups_per_read):
                t = pf.read_row_groups(groups[a : a + groups_per_read], columns=columns, use_threads=False)
                t = t.select(columns)
                if stats is not None:
                    stats["index_rows_read"] = stats.get("index_rows_read", 0) + t.num_rows
                t = t.filter(pc.is_in(t.column(0), value_set=value_set))
                if t.num_rows:
                    yield t


def read_index_partition(
    index_uri: str,
    sub: str,
    p: int,
    storage: Any,
    columns: list[str] | None = None,
) -> pa.Table | None:
    """One whole partition of an earlier release's index, or None (for
    inspection and tests: the lookup reads it through :func:`probe_index_partition`)."""
    fs, files = _partition_files(index_uri, sub, p, storage)
    tables = []
    for path in files:
        with fs.open_input_file(path) as f:
            tables.append(pq.read_table(f, columns=columns))
    return pa.concat_tables(tables) if tables else None


def probed(
    index_uri: str, sub: str, p: int, storage: Any, columns: list[str], keys: np.ndarray, stats: dict
) -> pa.Table | None:
    """:func:`probe_index_partition` gathered into one table (the matching rows only), or None."""
    parts = list(probe_index_partition(index_uri, sub, p, storage, columns, keys, stats))
    return pa.concat_tables(parts) if parts else None


def query_chunks(directory: str, p: int, max_rows: int):
    """The stage's own key files of partition ``p`` (one per map task), gathered
    into tables of at most about ``max_rows`` rows: each is probed against the old
    partition once, so the old partition is read once per chunk, and memory
    holds one chunk whatever the number of map tasks."""
    buf: list[pa.Table] = []
    n = 0
    for t in local_partition_files(directory, p):
        buf.append(t)
        n += t.num_rows
        if n >= max_rows:
            yield pa.concat_tables(buf)
            buf, n = [], 0
    if buf:
        yield pa.concat_tables(buf)


def write_meta(index_dir: str, meta: dict[str, Any]) -> None:
    os.makedirs(index_dir, exist_ok=True)
    tmp = os.path.join(index_dir, ".meta.json.tmp")
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump({"format": INDEX_FORMAT, **meta}, f, indent=2, sort_keys=True)
    os.replace(tmp, os.path.join(index_dir, "meta.json"))


def count_rows(directory: str) -> int:
    total = 0
    for root, _, files in os.walk(directory):
        total += sum(
            pq.ParquetFile(os.path.join(root, f)).metadata.num_rows for f in files if f.endswith(".parquet")
        )
    return total


# --------------------------------------------------------------------------- the index of this run
class MinHashIndexWriter:
    """Map over the stage's signature files: the rows the step kept (no
    verdict, or the keeper of their cluster), as band rows and signatures."""

    def __init__(
        self, op: Any, verdict_root: str | None, index_dir: str, band_bits: int, sig_bits: int
    ) -> None:
        self.op = op
        self.root = verdict_root
        self.index_dir = index_dir
        self.band_bits = band_bits
        self.sig_bits = sig_bits

    def __call__(self, table: pa.Table) -> pa.Table:
        from operators.dedup.minhash import NTOK
        from operators.dedup.minhash import SIG as MSIG

        table = table.filter(pc.greater(table.column(NTOK), 0))
        if self.root and table.num_rows:
            dropped = _dropped(self.root, table.column(BLK).to_numpy())
            if dropped is not None:
                table = table.filter(pc.invert(pc.is_in(table.column(RID), value_set=dropped)))
        if table.num_rows == 0:
            return pa.table({"docs": [0]})
        bands = self.op.bucket_rows(table, content=False)
        write_partitioned(
            pa.table({BKEY: bands.column(0), RID: bands.column(RID)}),
            BKEY,
            self.band_bits,
            os.path.join(self.index_dir, "bands"),
        )
        write_partitioned(
            pa.table({RID: table.column(RID), SIG: table.column(MSIG)}),
            RID,
            self.sig_bits,
            os.path.join(self.index_dir, "signatures"),
        )
        return pa.table({"docs": [table.num_rows]})


def _dropped(root: str, blocks: np.ndarray) -> pa.Array | None:
    """Row ids the verdicts under ``root`` remove from these blocks (None: no verdict there)."""
    from operators.dedup.common import KEEP, read_block_verdicts

    verdicts = read_block_verdicts(root, blocks)
    if verdicts.num_rows == 0:
        return None
    return verdicts.filter(pc.invert(verdicts.column(KEEP))).column(RID).combine_chunks()


class PreparedIndexFile:
    """:class:`MinHashIndexWriter` in two halves, for an index written beside the work that
    decides the verdicts: everything that does not depend on them first (the signature
    file's rows with tokens, their band keys, both tables in written order), then
    :meth:`write` drops the rows the final verdicts remove and writes the files. The files
    and their rows equal the writer's: the rows are filtered after a stable sort instead of
    before it, which leaves the same order."""

    def __init__(self, writer: MinHashIndexWriter, table: pa.Table) -> None:
        from operators.dedup.minhash import NTOK
        from operators.dedup.minhash import SIG as MSIG

        self.index_dir = writer.index_dir
        table = table.filter(pc.greater(table.column(NTOK), 0))
        self.blocks = table.column(BLK).to_numpy()
        self.rid = table.column(RID)
        self.parts: list[tuple[str, str, pa.Table, np.ndarray, np.ndarray]] = []
        if table.num_rows:
            bands = writer.op.bucket_rows(table, content=False)  # doc-major: row r is doc r // bands
            per_doc = bands.num_rows // table.num_rows
            t, part, order = sort_partitioned(
                pa.table({BKEY: bands.column(0), RID: bands.column(RID)}), BKEY, writer.band_bits
            )
            self.parts.append(("bands", BKEY, t, part, order // per_doc))
            t, part, order = sort_partitioned(
                pa.table({RID: table.column(RID), SIG: table.column(MSIG)}), RID, writer.sig_bits
            )
            self.parts.append(("signatures", RID, t, part, order))

    @property
    def nbytes(self) -> int:
        """Memory held by the prepared rows."""
        return sum(t.nbytes + part.nbytes + doc.nbytes for _, _, t, part, doc in self.parts) + self.rid.nbytes

    def write(self, root: str | None) -> int:
        """Write the file's index rows that the verdicts under ``root`` keep; the docs written."""
        if not self.parts:
            return 0
        dropped = _dropped(root, self.blocks) if root else None
        kept_doc = None
        if dropped is not None:
            kept_doc = ~np.asarray(pc.is_in(self.rid, value_set=dropped).to_numpy(zero_copy_only=False), bool)
            if not kept_doc.any():
                return 0
        for sub, key, t, part, doc in self.parts:
            if kept_doc is not None:
                keep = kept_doc[doc]  # each row's document kept?
                t, part = t.filter(pa.array(keep)), part[keep]
            write_sorted_partitioned(t, part, key, os.path.join(self.index_dir, sub))
        return len(self.rid) if kept_doc is None else int(kept_doc.sum())


# --------------------------------------------------------------------------- against
def _ref_dir(qdir: str, i: int, sub: str) -> str:
    return os.path.join(qdir, f"r{i}", sub)


def presigned_dir(work_dir: str) -> str:
    """Where ``minhash_dedup`` with ``against`` keeps the signatures of its live
    rows, one folder per read block: its lookup signs every document once, and
    the stage's own LSH reads them back (:func:`presigned`) instead of signing again."""
    return os.path.join(work_dir, "against_keys", "presigned")


def _block_files(root: str, key: int) -> list[str]:
    from operators.dedup.common import _block_dir

    d = _block_dir(root, int(key))
    return (
        [os.path.join(d, f) for f in sorted(os.listdir(d)) if f.endswith(".parquet")]
        if os.path.isdir(d)
        else []
    )


def presigned(root: str | None, live: pa.Table) -> pa.Table | None:
    """The signatures (``MinHashDedup.sign`` columns) of the live rows of a block
    that the lookup wrote under ``root``, in the rows' order; None when some row
    has none (the caller signs the block itself)."""
    if root is None or live.num_rows == 0:
        return None
    keys = np.unique(block_keys(live).to_numpy())
    files = [f for k in keys for f in _block_files(root, k)]
    if not files:
        return None
    sig = pa.concat_tables([pq.read_table(f) for f in files])
    rid = row_ids(live)
    pos = pc.index_in(rid, value_set=sig.column(RID).combine_chunks())
    if pos.null_count:
        return None
    return sig.take(pos)


class ExactQueryFiles:
    """One task per keyed file of ``exact_dedup``'s first phase (hash, row id,
    block of each live row, written in the engine's pass over the stage input):
    its hashes per partition of each earlier index. The text is not read again."""

    def __init__(self, refs: list[dict[str, Any]], qdir: str) -> None:
        self.refs = refs
        self.qdir = qdir

    def __call__(self, batch: pa.Table) -> pa.Table:
        from operators.dedup.exact import H1 as KH1
        from operators.dedup.exact import H2 as KH2

        n = 0
        for path in batch.column("path").to_pylist():
            q = pq.read_table(path, columns=[KH1, KH2, RID, BLK]).rename_columns([H1, H2, RID, BLK])
            for i, ref in enumerate(self.refs):
                write_partitioned(q, H1, ref["meta"]["bits"]["exact"], _ref_dir(self.qdir, i, "q"))
            n += q.num_rows
        return pa.table({"docs": [n]})


def against_root(work_dir: str) -> str:
    """Where the per-block match files of the lookup go."""
    return os.path.join(work_dir, "against_matches")


def _matches(root: str, blocks: np.ndarray) -> pa.Table | None:
    """The match rows (RID, ORDER, VERSION) of the given read blocks, or None."""
    files = [f for key in np.unique(blocks) for f in _block_files(root, key)]
    return pa.concat_tables([pq.read_table(f) for f in files]) if files else None


class DropMatched:
    """Map over a table of the stage's own keys (with RID and BLK columns): the
    rows that duplicate an earlier release leave (they are not grouped or indexed)."""

    def __init__(self, root: str) -> None:
        self.root = root

    def __call__(self, table: pa.Table) -> pa.Table:
        if table.num_rows == 0:
            return table
        m = _matches(self.root, table.column(BLK).to_numpy())
        if m is None:
            return table
        return table.filter(pc.invert(pc.is_in(table.column(RID), value_set=m.column(RID).combine_chunks())))


def _attach_new_signatures(cand: pa.Table, root: str) -> pa.Table:
    """Candidate pairs (OLD, RID, BLK) with the new document's signature, read
    block by block from the files the query map wrote (one block's signatures in memory)."""
    from operators.dedup.minhash import SIG as MSIG

    out = []
    keys = cand.column(BLK).to_numpy()
    for key in np.unique(keys):
        sigs = pa.concat_tables([pq.read_table(f, columns=[RID, MSIG]) for f in _block_files(root, key)])
        part = cand.filter(pa.array(keys == key))
        out.append(
            part.join(sigs.rename_columns([RID, SIG]), keys=[RID], join_type="inner", use_threads=False)
        )
    return pa.concat_tables(out).select([OLD, RID, BLK, SIG])


class MinHashQuery:
    """Map over the stage input: the live rows' signatures, written once per
    read block (:func:`presigned_dir`: the stage's LSH reuses them), and their
    band rows (band key, row id, block) per band partition of each earlier index."""

    def __init__(self, op: Any, refs: list[dict[str, Any]], qdir: str, device: str) -> None:
        self.op = op
        self.refs = refs
        self.qdir = qdir
        self.device = device

    def __call__(self, table: pa.Table) -> pa.Table:
        from operators.dedup.minhash import NTOK

        live = live_rows(table)
        bs = self.op.params.batch_size
        sigs = [self.op.sign(live.slice(a, bs), self.device) for a in range(0, live.num_rows, bs)]
        if not sigs:
            return pa.table({"docs": [0]})
        sig = pa.concat_tables(sigs)
        _write_by_block(sig, presigned_dir(os.path.dirname(self.qdir)))
        sig = sig.filter(pc.greater(sig.column(NTOK), 0))
        if sig.num_rows == 0:
            return pa.table({"docs": [0]})
        bands = self.op.bucket_rows(sig, content=False)
        nb = bands.num_rows // sig.num_rows
        rep = pa.array(np.repeat(np.arange(sig.num_rows), nb))
        q = pa.table({BKEY: bands.column(0), RID: bands.column(RID), BLK: sig.column(BLK).take(rep)})
        for i, ref in enumerate(self.refs):
            write_partitioned(q, BKEY, ref["meta"]["bits"]["bands"], _ref_dir(self.qdir, i, "q"))
        return pa.table({"docs": [sig.num_rows]})


class MinHashQueryBlock:
    """``minhash_dedup.prepare`` with ``against``: :class:`MinHashQuery` fused
    into the engine's pass over the stage input (no separate pass reads the
    input again to sign it). Returns the pass's counters."""

    def __init__(self, op: Any, refs: list[dict[str, Any]], work_dir: str, device: str) -> None:
        self.query = MinHashQuery(op, refs, os.path.join(work_dir, "against_keys"), device)

    def __call__(self, table: pa.Table) -> dict[str, int]:
        return {"against_keys": int(self.query(table).column("docs")[0].as_py())}


def _write_by_block(table: pa.Table, root: str) -> None:
    """Rows with a BLK column as one file per read block under ``root/blk=<key>/``."""
    from operators.dedup.common import _block_dir

    table = table.sort_by([(BLK, "ascending")])
    keys = table.column(BLK).to_numpy()
    cuts = np.flatnonzero(np.diff(keys)) + 1
    for a, b in zip(np.concatenate([[0], cuts]), np.concatenate([cuts, [len(keys)]])):
        part = table.slice(int(a), int(b - a))
        name = f"{xxhash.xxh3_64_hexdigest(part.column(RID).to_numpy().tobytes())}-{part.num_rows}.parquet"
        _write_atomic(part, _block_dir(root, int(keys[a])), name)


def _write_matches(matched: pa.Table, order: int, version: str, root: str) -> int:
    """Matched new rows (RID, BLK) as one small file per read block under ``root``."""
    from operators.dedup.common import _block_dir

    if matched.num_rows == 0:
        return 0
    matched = matched.group_by([RID, BLK], use_threads=False).aggregate([])
    matched = matched.sort_by([(BLK, "ascending"), (RID, "ascending")])
    keys = matched.column(BLK).to_numpy()
    cuts = np.flatnonzero(np.diff(keys)) + 1
    for a, b in zip(np.concatenate([[0], cuts]), np.concatenate([cuts, [len(keys)]])):
        part = matched.slice(int(a), int(b - a))
        rids = part.column(RID)
        out = pa.table(
            {
                RID: rids,
                ORDER: pa.array(np.full(len(rids), order, np.int32)),
                VERSION: pa.array([version] * len(rids)),
            },
            schema=MATCH_SCHEMA,
        )
        name = f"{xxhash.xxh3_64_hexdigest(rids.to_numpy().tobytes())}-r{order}.parquet"
        _write_atomic(out, os.path.join(_block_dir(root, int(keys[a]))), name)
    return matched.num_rows


def _add(total: dict[str, int], part: dict[str, int]) -> None:
    for k, v in part.items():
        total[k] = total.get(k, 0) + v


class ExactMatch:
    """One task per (release, partition): the new hashes found in that partition
    of the old index (the old rows are probed for the new keys, not loaded)."""

    def __init__(self, refs: list[dict[str, Any]], qdir: str, root: str, storage: Any) -> None:
        self.refs, self.qdir, self.root, self.storage = refs, qdir, root, storage

    def __call__(self, batch: pa.Table) -> pa.Table:
        out = {"matched_rows": 0}
        for i, p in zip(batch.column("ref").to_pylist(), batch.column("part").to_pylist()):
            for q in query_chunks(_ref_dir(self.qdir, i, "q"), p, QUERY_ROWS):
                stats: dict[str, int] = {}
                keys = q.column(H1).to_numpy()
                old = probed(self.refs[i]["index"], "exact", p, self.storage, [H1, H2], keys, stats)
                _add(out, stats)
                if old is None:
                    continue
                hit = q.join(old, keys=[H1, H2], join_type="left semi", use_threads=False)
                out["matched_rows"] += _write_matches(
                    hit.select([RID, BLK]), i, self.refs[i]["version"], self.root
                )
        return pa.table({k: [v] for k, v in out.items()})


class BandMatch:
    """Round 1 of MinHash matching: new band rows joined with the rows of one
    band partition of the old index holding the same band keys -> candidate
    (new row, old row) pairs, written per new read block (:class:`CandidateSignatures`
    then adds the new signatures and sends them to the old signature partitions)."""

    def __init__(self, refs: list[dict[str, Any]], qdir: str, storage: Any) -> None:
        self.refs, self.qdir, self.storage = refs, qdir, storage

    def __call__(self, batch: pa.Table) -> pa.Table:
        out = {"candidate_rows": 0}
        for i, p in zip(batch.column("ref").to_pylist(), batch.column("part").to_pylist()):
            for j, q in enumerate(query_chunks(_ref_dir(self.qdir, i, "q"), p, QUERY_ROWS)):
                stats: dict[str, int] = {}
                keys = q.column(BKEY).to_numpy()
                old = probed(self.refs[i]["index"], "bands", p, self.storage, [BKEY, RID], keys, stats)
                _add(out, stats)
                if old is None:
                    continue
                cand = q.join(
                    old.rename_columns([BKEY, OLD]), keys=[BKEY], join_type="inner", use_threads=False
                )
                if cand.num_rows == 0:
                    continue
                cand = _unique_pairs(cand.select([OLD, RID, BLK]))
                out["candidate_rows"] += _write_pairs_by_block(cand, _ref_dir(self.qdir, i, "b"), f"{p}-{j}")
        return pa.table({k: [v] for k, v in out.items()})


def _write_pairs_by_block(cand: pa.Table, root: str, tag: str) -> int:
    """Candidate pairs (OLD, RID, BLK) as one file per new read block under
    ``root/blk=<key>/`` (``tag``: the band partition and chunk, so two tasks
    never write the same name)."""
    from operators.dedup.common import _block_dir

    cand = cand.sort_by([(BLK, "ascending")])
    keys = cand.column(BLK).to_numpy()
    cuts = np.flatnonzero(np.diff(keys)) + 1
    for a, b in zip(np.concatenate([[0], cuts]), np.concatenate([cuts, [len(keys)]])):
        _write_atomic(cand.slice(int(a), int(b - a)), _block_dir(root, int(keys[a])), f"c-{tag}.parquet")
    return cand.num_rows


class CandidateSignatures:
    """Between the MinHash rounds, one task per new read block: that block's
    candidate pairs get the new document's signature (the block's signatures,
    written once by the query, are read once: not once per old partition), and
    go to the signature partition of the old document."""

    def __init__(self, refs: list[dict[str, Any]], qdir: str) -> None:
        self.refs, self.qdir = refs, qdir

    def __call__(self, batch: pa.Table) -> pa.Table:
        n = 0
        for i, key in zip(batch.column("ref").to_pylist(), batch.column("blk").to_pylist()):
            files = _block_files(_ref_dir(self.qdir, i, "b"), key)
            cand = _unique_pairs(pa.concat_tables([pq.read_table(f) for f in files]))
            cand = _attach_new_signatures(cand, presigned_dir(os.path.dirname(self.qdir)))
            bits = self.refs[i]["meta"]["bits"]["signatures"]
            n += write_partitioned(cand, OLD, bits, _ref_dir(self.qdir, i, "c"), f"-b{key}")
        return pa.table({"candidates": [n]})


def _block_tasks(qdir: str, refs: list[dict[str, Any]], sub: str) -> list[dict[str, int]]:
    tasks = []
    for i in range(len(refs)):
        d = _ref_dir(qdir, i, sub)
        if os.path.isdir(d):
            tasks += [
                {"ref": i, "blk": int(name.split("=", 1)[1])}
                for name in sorted(os.listdir(d))
                if name.startswith("blk=")
            ]
    return tasks


class SignatureMatch:
    """Round 2: candidate pairs joined with the old signatures they name (only
    those are read); a pair matches when the signatures' estimated Jaccard reaches ``bound``."""

    def __init__(
        self, refs: list[dict[str, Any]], qdir: str, root: str, storage: Any, num_perm: int, bound: float
    ):
        self.refs, self.qdir, self.root, self.storage = refs, qdir, root, storage
        self.num_perm, self.bound = num_perm, bound

    def __call__(self, batch: pa.Table) -> pa.Table:
        from operators.dedup.minhash import _sig_array

        out = {"matched_rows": 0}
        for i, p in zip(batch.column("ref").to_pylist(), batch.column("part").to_pylist()):
            for cands in query_chunks(_ref_dir(self.qdir, i, "c"), p, QUERY_ROWS):
                # a pair sharing bands in several band partitions came in several files: once here
                cands = _unique_pairs(cands)
                stats: dict[str, int] = {}
                keys = cands.column(OLD).to_numpy()
                old = probed(self.refs[i]["index"], "signatures", p, self.storage, [RID, SIG], keys, stats)
                _add(out, {f"signature_{k}": v for k, v in stats.items()})
                if old is None:
                    continue
                old = old.rename_columns([OLD, "_ix_old_sig"])
                pairs = cands.join(old, keys=[OLD], join_type="inner", use_threads=False)
                if pairs.num_rows == 0:
                    continue
                a = _sig_array(pairs.column(SIG), self.num_perm)
                b = _sig_array(pairs.column("_ix_old_sig"), self.num_perm)
                est = (a == b).mean(axis=1)
                hit = pairs.filter(pa.array(est >= self.bound - 1e-12))
                out["matched_rows"] += _write_matches(
                    hit.select([RID, BLK]), i, self.refs[i]["version"], self.root
                )
        return pa.table({k: [v] for k, v in out.items()})


def count_matched(root: str) -> int:
    """Documents with a match (one read block's match files at a time): a document
    matching several old documents or releases counts once."""
    n = 0
    if os.path.isdir(root):
        for d in sorted(os.listdir(root)):
            files = [
                os.path.join(root, d, f) for f in os.listdir(os.path.join(root, d)) if f.endswith(".parquet")
            ]
            if files:
                n += len(
                    np.unique(
                        np.concatenate(
                            [pq.read_table(f, columns=[RID]).column(RID).to_numpy() for f in files]
                        )
                    )
                )
    return n


def _unique_pairs(t: pa.Table) -> pa.Table:
    """One row per (old, new) pair (a pair sharing several bands arrives once per band)."""
    old, rid = t.column(OLD).to_numpy(), t.column(RID).to_numpy()
    order = np.lexsort((rid, old))
    first = np.ones(len(order), bool)
    first[1:] = (old[order][1:] != old[order][:-1]) | (rid[order][1:] != rid[order][:-1])
    return t.take(pa.array(order[first]))


def _partition_tasks(qdir: str, refs: list[dict[str, Any]], sub: str) -> list[dict[str, int]]:
    tasks = []
    for i in range(len(refs)):
        d = _ref_dir(qdir, i, sub)
        if os.path.isdir(d):
            tasks += [
                {"ref": i, "part": int(name.split("=", 1)[1])}
                for name in sorted(os.listdir(d))
                if name.startswith("part=")
            ]
    return tasks


def _query_pass(rt: Any, ds: Any, fn: Any, device: str) -> None:
    """The lookup's map over the stage input (one execution; a GPU per task for cuda signatures)."""
    from operators.dedup.common import run_prepare

    def counters(t: pa.Table) -> dict[str, int]:
        return {"docs": int(fn(t).column("docs")[0].as_py())}

    run_prepare(rt, ds, counters, "against_keys", **({"num_gpus": 1} if device == "cuda" else {}))


def match_against(
    ds: Any,
    op: Any,
    refs: list[dict[str, Any]],
    work_dir: str,
    storage: Any,
    rt: Any,
    device: str = "cpu",
    key_dir: str | None = None,
    queried: bool = False,
) -> tuple[str, dict[str, Any]]:
    """Find the live rows of ``ds`` that duplicate a kept document of an earlier
    release; returns (directory of the per-block match files, report figures).
    ``key_dir``: exact_dedup's keyed files (its first phase), which the query reads;
    ``queried``: minhash_dedup's query ran in the engine's pass (:class:`MinHashQueryBlock`)."""
    from operators.dedup.common import parquet_files

    qdir = os.path.join(work_dir, "against_keys")
    root = against_root(work_dir)
    os.makedirs(root, exist_ok=True)
    exact = op.name == "exact_dedup"
    if exact:  # the stage's own hashes: the text is not read again
        files = [{"path": f} for f in parquet_files(key_dir)]
        rt.run_items(files, ExactQueryFiles(refs, qdir), "against_keys")
    elif not queried:  # signs each live document once (the stage's LSH reuses the signatures: presigned)
        _query_pass(rt, ds, MinHashQuery(op, refs, qdir, device), device)
    tasks = _partition_tasks(qdir, refs, "q")
    figures: dict[str, Any] = {"releases": [r["version"] for r in refs], "partitions_read": len(tasks)}
    if exact:
        figures.update(rt.run_items(tasks, ExactMatch(refs, qdir, root, storage), "against_match"))
    else:
        figures.update(rt.run_items(tasks, BandMatch(refs, qdir, storage), "against_bands"))
        blocks = _block_tasks(qdir, refs, "b")
        figures.update(rt.run_items(blocks, CandidateSignatures(refs, qdir), "against_candidates"))
        tasks2 = _partition_tasks(qdir, refs, "c")
        figures["signature_partitions_read"] = len(tasks2)
        bound = op.verify_bound() if op.params.verify else op.params.threshold
        figures.update(
            rt.run_items(
                tasks2,
                SignatureMatch(refs, qdir, root, storage, op.params.num_perm, bound),
                "against_signatures",
            )
        )
    figures["matched"] = count_matched(root)
    return root, figures


class ApplyReleaseMatches:
    """Map over the stage input: the rows that duplicate a kept document of an
    earlier release (the first of ``against`` that matched, nearest first).

    Filter mode removes them with reason ``duplicate_of_release:<version>``
    (the removal trace, ``corpusforge explain`` and the report's counts per
    reason name the release); no column is added, since every row it would
    name is removed (a ``dup_of_release`` column in ``data/`` would be empty).
    Annotate mode keeps them and writes the version to ``dup_of_release``
    (null for the others), the column a user filters ``data/`` by."""

    def __init__(self, root: str, step: str, annotate: bool) -> None:
        self.root, self.step, self.annotate = root, step, annotate

    def versions(self, table: pa.Table) -> pa.Array:
        """The matched release version per row (null: no match, or not live)."""
        n = table.num_rows
        version = pa.nulls(n, pa.string())
        m = _matches(self.root, block_keys(table).to_numpy()) if n else None
        if m is None:
            return version
        m = m.sort_by([(ORDER, "ascending")])
        mr = m.column(RID).to_numpy()
        _, first = np.unique(mr, return_index=True)
        mr, mv = mr[first], m.column(VERSION).take(pa.array(first))
        rid = row_ids(table).to_numpy()
        pos = np.minimum(np.searchsorted(mr, rid), len(mr) - 1)
        live = np.asarray(pc.is_null(table.column(REMOVED_BY)).to_numpy(zero_copy_only=False), bool)
        found = (mr[pos] == rid) & live
        return mv.take(pa.array(pos, mask=~found))

    def __call__(self, table: pa.Table) -> pa.Table:
        version = self.versions(table)
        if self.annotate:
            if DUP_OF_RELEASE in table.column_names:  # an earlier dedup step's verdicts stay
                version = pc.coalesce(table.column(DUP_OF_RELEASE).cast(pa.string()), version)
            return put_column(table, DUP_OF_RELEASE, version)
        if version.null_count == table.num_rows:
            return table
        drop = np.asarray(pc.is_valid(version).to_numpy(zero_copy_only=False), bool)
        reasons = pc.if_else(
            pa.array(drop), pc.binary_join_element_wise(REASON, version, ":"), pa.scalar(None, pa.string())
        )
        return mark_removed(table, ~drop, reasons, self.step)


def output_schema(schema: pa.Schema, op: Any, ctx: Any) -> pa.Schema:
    """The stage's output schema with ``dup_of_release`` when it annotates against earlier releases."""
    if ctx.against and op.params.mode == "annotate" and DUP_OF_RELEASE not in schema.names:
        return schema.append(pa.field(DUP_OF_RELEASE, pa.string()))
    return schema


def apply_against(ds: Any, op: Any, ctx: Any, device: str = "cpu", key_dir: str | None = None) -> Any:
    """The stage input with the duplicates of earlier releases marked (a lazy map
    reading per-block match files); figures go to ``ctx.report['against']``.
    ``key_dir``: see :func:`match_against`."""
    import time

    rt = ctx.runtime
    t0 = time.perf_counter()
    with rt.phase("against"):
        queried = op.name == "minhash_dedup" and ctx.prepared is not None  # MinHashQueryBlock ran
        root, figures = match_against(
            ds, op, ctx.against, ctx.work_dir, ctx.storage, rt, device, key_dir, queried
        )
    ctx.report["against"] = {
        **figures,
        "seconds": round(time.perf_counter() - t0, 2),
    }  # wall time of the lookup
    return ds.map_batches(
        ApplyReleaseMatches(root, ctx.step_name, op.params.mode == "annotate"),
        batch_size=None,
        batch_format="pyarrow",
    )
