"""Near-duplicate removal by MinHash LSH over the whole corpus (a global stage)."""

from __future__ import annotations

import os
import shutil
from functools import lru_cache
from typing import Any, ClassVar, Literal

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
from pydantic import Field, field_validator, model_validator

from engine.fault_hooks import kill_point
from engine.operator import FatalOperatorError, GlobalStage, OpParams, StageContext
from operators.dedup._local_graph import local_graph, local_graph_bytes
from operators.dedup._minhash_local import LocalJob, MemberFiles, index_beside, run_phases
from operators.dedup._verify_keeper import verify_keepers
from operators.dedup.common import (
    BLK,
    DUP_CLUSTER,
    DUP_KEEP,
    GROUP,
    ID,
    LINE_COL,
    PRIO,
    RID,
    SRC,
    apply_block_updates,
    block_keys,
    block_sums,
    live_rows,
    lookup_join,
    num_partitions,
    parquet_files,
    pick_keepers,
    priority_columns,
    row_ids,
    rows_name,
    run_prepare,
    single_task_bytes,
    single_task_field,
    single_task_memory,
    store_block_updates,
    validate_keep,
    write_atomic,
)
from operators.dedup.connected_components import EDGE_SCHEMA, U, V, connected_components
from operators.dedup.exact import UPDATE_SCHEMA
from operators.dedup.index import (
    TARGET_ROWS,
    TARGET_SIG_ROWS,
    MinHashIndexWriter,
    MinHashQueryBlock,
    apply_against,
    index_params,
    output_schema,
    partition_bits,
    presigned,
    presigned_dir,
    write_meta,
)

SIG = "_dd_sig"
NTOK = "_dd_ntok"
BKEY = "_dd_bkey"
SIG_U = "_dd_sig_u"
SIG_V = "_dd_sig_v"
CKEY = "_dd_ckey"  # content key: a hash of the whole signature (bucket anchors, see star_edges)
BAND_SCHEMA = pa.schema([(BKEY, pa.int64()), (RID, pa.int64()), (CKEY, pa.int64())])
#: Documents from which the release index is written by a second task beside the single task
#: (``call_beside``). Below, the index's part after the verdicts is a few hundredths of a second,
#: while the second task may need a worker started for it (~1-1.5 CPU-s: a small input is read
#: by one worker, and the head prestarts one fewer; the quickstart's minhash stage went from
#: ~0.3 to 1.1-2.5 s with it).
BESIDE_MIN_DOCS = 20_000
FILE_SHUFFLE_MAX_FILES = 50_000  # blocks x partitions up to which LSH uses the file shuffle


# --------------------------------------------------------------------------- LSH parameters
_GL_NODES, _GL_WEIGHTS = np.polynomial.legendre.leggauss(96)


def _integral(f, lo: float, hi: float) -> np.ndarray:
    """Gauss-Legendre quadrature; exact for the polynomials here (degree <= 191)."""
    s = 0.5 * (hi - lo) * _GL_NODES + 0.5 * (hi + lo)
    return 0.5 * (hi - lo) * (f(s) * _GL_WEIGHTS).sum(axis=-1)


@lru_cache(maxsize=64)
def optimal_bands_rows(
    threshold: float, num_perm: int, false_positive_weight: float = 0.5, false_negative_weight: float = 0.5
) -> tuple[int, int]:
    """Bands x rows minimising the weighted false-positive + false-negative area.

    The criterion of datasketch's ``MinHashLSH`` (``_optimal_param``): for
    P(s) = 1 - (1 - s^r)^b, the false-positive area is the integral of P on
    [0, threshold], the false-negative area that of 1 - P on [threshold, 1];
    scan b = 1..num_perm, r = 1..num_perm // b and keep the first minimum.
    """
    best, opt = float("inf"), (0, 0)
    for b in range(1, num_perm + 1):
        rs = np.arange(1, num_perm // b + 1, dtype=np.float64)[:, None]
        fp = _integral(lambda s, rs=rs, b=b: 1 - (1 - s[None, :] ** rs) ** b, 0.0, threshold)
        fn = _integral(lambda s, rs=rs, b=b: (1 - s[None, :] ** rs) ** b, threshold, 1.0)
        err = fp * false_positive_weight + fn * false_negative_weight
        i = int(np.argmin(err))
        if err[i] < best:
            best, opt = float(err[i]), (b, i + 1)
    return opt


# --------------------------------------------------------------------------- params
class MinHashDedupParams(OpParams):
    ngram_size: int = Field(5, ge=1, le=64, description="tokens per shingle")
    tokenizer: Literal["auto", "words", "chars"] = Field(
        "auto",
        description="words: alphanumeric runs (Han/Kana one per token); chars: one per character; "
        "auto: chars for zh/ja (from lang_column, else from the text's script), words otherwise",
    )
    lang_column: str = Field("lang", description="language column used by tokenizer=auto when present")
    num_perm: int = Field(128, ge=2, le=1024, description="MinHash permutations")
    threshold: float = Field(0.8, gt=0.0, lt=1.0, description="Jaccard similarity of near-duplicates")
    bands: int | None = Field(None, ge=1, description="LSH bands (with rows); default from threshold")
    rows: int | None = Field(None, ge=1, description="rows per band (with bands); default from threshold")
    false_positive_weight: float | None = Field(
        None,
        ge=0.0,
        le=1.0,
        description="weight of the false-positive area when bands/rows are derived (false negatives get "
        "1 - weight); default 0.05 with verify (false positives are checked anyway, so favour recall: "
        "0.8/128 -> 16 x 8), 0.5 without (datasketch's default: 0.8/128 -> 9 x 13)",
    )
    seed: int = Field(1, ge=0, description="seed of the permutations")
    hash: Literal["fast", "datasketch"] = Field(
        "fast", description="fast: compiled kernel; datasketch: bit-identical to datasketch.MinHash (slow)"
    )
    verify: bool = Field(
        True,
        description="join only candidate pairs whose estimated Jaccard is not significantly below threshold",
    )
    verify_z: float = Field(
        1.645,
        ge=0.0,
        description="verify rejects a pair when its estimate is below threshold - z * sqrt(t(1-t)/num_perm) "
        "(one-sided test, 1.645 = 95%); 0 = plain estimate >= threshold",
    )
    verify_keeper: bool = Field(
        True,
        description="remove a document only when its exact shingle Jaccard with the KEPT document of its "
        "cluster is >= threshold; members that fail are re-clustered around new keepers (no content lost "
        "to chaining)",
    )
    verify_keeper_rounds: int = Field(
        8,
        ge=1,
        le=1000,
        description="keepers tried per cluster by verify_keeper (bounds the work per member); members "
        "matching none of them are kept",
    )
    keep: str = Field("first", description="which copy survives: first | longest | max:<column>")
    mode: Literal["filter", "annotate"] = Field(
        "filter", description="filter: remove near-duplicates; annotate: write dup_cluster/dup_keep only"
    )
    against: list[str] | None = Field(
        None,
        description="earlier releases (corpusforge outputs, local or s3://): documents duplicating one "
        "they kept are removed (reason duplicate_of_release:<version>), reading only their index/; "
        "default: the lineage of release.parent; []: none",
    )
    index: bool = Field(
        True, description="write the index of kept documents to OUT/index/<step>/ for later releases"
    )
    max_local_edges: int = Field(
        5_000_000,
        ge=0,
        description="candidate edges up to which the graph (verify, components, keepers) is processed in "
        "one task, if it also fits max_local_mb; else distributed. 0 = always distributed",
    )
    max_local_mb: int = Field(
        2048,
        ge=0,
        description="memory bound of that one task: edges plus the signature and priority of each graph node",
    )
    batch_size: int = Field(1024, ge=1, description="documents per signature batch (bounds kernel memory)")
    single_task_mb: int = single_task_field()
    device: Literal["auto", "cpu", "cuda"] = Field(
        "auto",
        description="where the permutations run: cuda (torch; the signing tasks request one GPU each), cpu, "
        "or auto (cuda when the Ray cluster advertises a GPU and torch is installed, else cpu, said once "
        "in the log). Signatures are identical on both",
    )

    _check_keep = field_validator("keep")(classmethod(lambda cls, v: validate_keep(v)))

    @model_validator(mode="after")
    def _bands_rows(self):
        if (self.bands is None) != (self.rows is None):
            raise ValueError("give both bands and rows, or neither (derived from threshold)")
        if self.bands is not None and self.bands * self.rows > self.num_perm:
            raise ValueError("bands * rows must not exceed num_perm")
        if self.device == "cuda" and self.hash == "datasketch":
            raise ValueError("device: cuda applies to hash: fast only (datasketch mode is a CPU cross-check)")
        return self

    def lsh(self) -> tuple[int, int]:
        if self.bands is not None:
            return self.bands, self.rows
        w = self.false_positive_weight
        if w is None:
            w = 0.05 if self.verify else 0.5
        return optimal_bands_rows(self.threshold, self.num_perm, w, 1.0 - w)


def _kernel():
    """The compiled kernel module, imported on first use (numba loads only where signatures run)."""
    from operators.dedup import minhash_kernel

    return minhash_kernel


def _sig_array(col: pa.ChunkedArray | pa.Array, num_perm: int) -> np.ndarray:
    if isinstance(col, pa.ChunkedArray):
        col = col.combine_chunks()
    if len(col) == 0:
        return np.zeros((0, num_perm), np.uint32)
    width = 4 * num_perm
    buf = np.frombuffer(col.buffers()[1], dtype=np.uint8)[
        col.offset * width : (col.offset + len(col)) * width
    ]
    return buf.view(np.uint32).reshape(len(col), num_perm)


def _sig_column(sig: np.ndarray) -> pa.Array:
    n, p = sig.shape
    return pa.FixedSizeBinaryArray.from_buffers(pa.binary(4 * p), n, [None, pa.py_buffer(sig.tobytes())])


class _SignAndBand:
    """Phases 1-2a over whole corpus blocks (``MinHashDedup.prepare``): signatures of
    the live rows (in chunks of ``batch_size``), written to ``sig_dir``, and their
    band rows written to one file per LSH partition under ``band_dir`` (file
    shuffle; with ``band_dir`` None the band rows are derived from the signature
    files later, for Ray's hash shuffle). File names derive from the rows, so a
    retried task overwrites its own files. Returns ``{"docs": signed rows}``."""

    def __init__(
        self,
        op: "MinHashDedup",
        sig_dir: str,
        band_dir: str | None,
        partitions: int,
        device: str = "cpu",
        presigned_root: str | None = None,
    ) -> None:
        self.op = op
        self.device = device
        self.sig_dir = sig_dir
        self.band_dir = band_dir
        self.partitions = partitions
        self.presigned_root = presigned_root  # signatures the against lookup made (index.presigned)

    def __call__(self, table: pa.Table) -> dict[str, int]:
        live = live_rows(table)
        sig = presigned(self.presigned_root, live)
        if sig is None:
            bs = self.op.params.batch_size
            sigs = [self.op.sign(live.slice(a, bs), self.device) for a in range(0, live.num_rows, bs)]
            if not sigs:
                return {"docs": 0}
            sig = pa.concat_tables(sigs)
        name = rows_name(sig.column(RID).combine_chunks(), sig.num_rows)
        write_atomic(sig, self.sig_dir, name)
        if self.band_dir is None:
            return {"docs": sig.num_rows}
        bands = self.op.bucket_rows(sig)
        part = (bands.column(BKEY).to_numpy().view(np.uint64) % np.uint64(self.partitions)).astype(np.int64)
        # stable sort by partition; numpy radix-sorts 16-bit integers (the order is the same)
        order = np.argsort(part.astype(np.uint16) if self.partitions <= 1 << 16 else part, kind="stable")
        part_sorted = part[order]
        bands = bands.take(pa.array(order))
        cuts = np.flatnonzero(np.diff(part_sorted)) + 1
        for a, b in zip(np.concatenate([[0], cuts]), np.concatenate([cuts, [len(part_sorted)]])):
            if b > a:
                write_atomic(
                    bands.slice(int(a), int(b - a)),
                    os.path.join(self.band_dir, f"part={part_sorted[a]}"),
                    name,
                )
        return {"docs": sig.num_rows}


class _StarEdgesOfPartition:
    """Phase 2b of the file shuffle: all band rows of one LSH partition -> star edges."""

    def __init__(self, band_dir: str) -> None:
        self.band_dir = band_dir

    def __call__(self, batch: pa.Table) -> pa.Table:
        out = []
        for k in batch.column("part").to_pylist():
            d = os.path.join(self.band_dir, f"part={k}")
            files = sorted(f for f in os.listdir(d) if f.endswith(".parquet")) if os.path.isdir(d) else []
            if files:
                out.append(
                    MinHashDedup.star_edges(
                        pa.concat_tables([pq.read_table(os.path.join(d, f)) for f in files])
                    )
                )
        return pa.concat_tables(out) if out else EDGE_SCHEMA.empty_table()


class _IndexFile:
    """The release index rows of signature files (work items naming them), one writer call per file."""

    def __init__(self, writer: MinHashIndexWriter) -> None:
        self.writer = writer

    def __call__(self, batch: pa.Table) -> pa.Table:
        docs = 0
        for path in batch.column("path").to_pylist():
            docs += int(self.writer(pq.read_table(path)).column("docs")[0].as_py())
        return pa.table({"docs": [docs]})


class MinHashDedup(GlobalStage):
    """Removes near-duplicate documents (MinHash LSH), keeping one per cluster.

    Why: near copies (templated pages, lightly edited reposts, mirrors with
    different boilerplate) dominate web crawls; removing them improves models
    and reduces memorization (Lee et al., ACL 2022, Sec. 3, whose NearDup uses
    5-gram MinHash with 9,000 permutations in 20 bands at 0.8; GPT-3 and
    The Pile use MinHash LSH likewise). Method: Broder, "On the resemblance
    and containment of documents" (1997) for MinHash; Leskovec, Rajaraman,
    Ullman, *Mining of Massive Datasets*, Ch. 3.4, for the banding (b bands of
    r rows: pairs of similarity s collide with probability 1 - (1 - s^r)^b).

    Plan (nothing collected on the driver; every phase written to Parquet in
    the stage work directory):

    1. signatures per batch with the compiled kernel (``minhash_kernel``),
       plus the row id and the keep priority;
    2. LSH: one row per (document, band) keyed by a 64-bit hash of the band,
       shuffled by that key (files in the work directory, or Ray's hash
       shuffle for very many blocks); each bucket emits a star of edges from
       its anchor (smallest signature hash) to the others (same components as
       all pairs);
    3. ``verify``: candidate edges dropped when the estimated Jaccard is
       significantly below ``threshold`` (one-sided test at ``verify_z``;
       with 128 permutations a plain ``estimate >= threshold`` would lose ~6%
       of pairs whose true Jaccard is 0.85);
    4. connected components, and in each the best document by ``keep``
       survives (ties by id). Steps 3-4 run in one task when an explicit size
       check says the graph fits (``dedup_local_graph``), else distributed
       (hash-shuffle joins, large-star/small-star rounds);
    5. ``verify_keeper`` (default): connected components chain (A~B, B~C
       puts A and C together), so each member is checked against the KEPT
       document of its cluster with the exact shingle Jaccard; members that
       fail are re-clustered around new keepers chosen by the same rule
       (``dedup_verify_keeper``, a shuffle keyed by cluster). A document is
       removed only when a kept document is within the threshold;
    6. the verdicts are written per read block and applied by a map over the
       corpus: near-duplicates are marked removed with reason
       ``near_duplicate`` (annotate mode: ``dup_cluster``/``dup_keep``).

    Documents without any alphanumeric token are not considered. The report
    holds docs, bands, rows, candidate edges, verified edges, clusters and
    removed counts, and what keeper verification confirmed, re-assigned and
    kept. Rows already removed or quarantined pass through untouched.
    """

    name: ClassVar[str] = "minhash_dedup"
    Params: ClassVar[type[OpParams]] = MinHashDedupParams
    output_columns: ClassVar[dict[str, str]] = {
        DUP_CLUSTER: "annotate mode: cluster id (smallest row id of the cluster; null when unique)",
        DUP_KEEP: "annotate mode: false for near-duplicates that filter mode would remove",
    }
    card_topics: ClassVar[frozenset[str]] = frozenset({"dedup", "near_dedup"})
    REASON: ClassVar[str] = "near_duplicate"

    # -- phase 1 -------------------------------------------------------------
    def permutations(self) -> tuple[np.ndarray, np.ndarray]:
        p: MinHashDedupParams = self.params
        mk = _kernel()
        if p.hash == "datasketch":
            return mk.datasketch_permutations(p.num_perm, p.seed)
        return mk.fast_permutations(p.num_perm, p.seed)

    def signature_table(self, table: pa.Table, device: str | None = None) -> tuple[np.ndarray, np.ndarray]:
        """(signatures [docs, num_perm] uint32, tokens per doc) of a batch of live rows.

        ``device`` (``cpu``/``cuda``) overrides the parameter; ``auto`` resolves
        here, in the process that signs."""
        from operators.dedup._minhash_torch import permute_min, torch_cuda_available

        p: MinHashDedupParams = self.params
        mk = _kernel()
        langs = table.column(p.lang_column) if p.lang_column in table.column_names else None
        modes = mk.token_modes(table.num_rows, p.tokenizer, langs)
        a, b = self.permutations()
        device = device or p.device
        if device == "auto":
            device = "cuda" if p.hash == "fast" and torch_cuda_available() else "cpu"
        if device == "cuda":
            if not torch_cuda_available():
                raise FatalOperatorError(
                    "minhash_dedup: device: cuda, but torch sees no CUDA device in this worker"
                )
            xs, offsets, ntok = mk.shingle_hashes(table.column("text"), modes, p.ngram_size)
            return permute_min(xs, offsets, a, b, "cuda"), ntok
        return mk.signatures(table.column("text"), modes, p.ngram_size, a, b, p.hash)

    @classmethod
    def cpu_only_reason(cls, params: MinHashDedupParams) -> str | None:
        """Why ``device: auto`` must sign on the CPU even on a GPU cluster (the engine's
        device policy asks this: engine/ray_steps.py settle_device), or None."""
        import importlib.util

        if params.hash != "fast":
            return "hash: datasketch runs on the CPU only"
        if importlib.util.find_spec("torch") is None:
            return "torch is not installed"
        return None

    def _device(self, ctx: StageContext) -> str:
        """The device the engine resolved for this stage; asked of the runtime (the same
        policy) when the stage runs without the engine."""
        if ctx.device is not None:
            return ctx.device
        p: MinHashDedupParams = self.params
        return ctx.runtime.device(p.device, f"'{ctx.step_name}' ({self.name})", self.cpu_only_reason(p))

    def sign(self, table: pa.Table, device: str | None = None) -> pa.Table:
        """Live rows -> (row id, signature, token count, keep priority)."""
        live = live_rows(table)
        sig, ntok = self.signature_table(live, device)
        cols = {
            RID: row_ids(live),
            SIG: _sig_column(sig),
            NTOK: pa.array(ntok, pa.int64()),
            BLK: block_keys(live),
        }
        cols.update(priority_columns(live, self.params.keep))
        return pa.table(cols)

    # -- phase 2 -------------------------------------------------------------
    def bucket_rows(self, table: pa.Table, content: bool = True) -> pa.Table:
        """One row per (document with tokens, band): band key, row id and, with ``content``,
        the content key that picks bucket anchors (the release index needs no anchors)."""
        bands, rows = self.params.lsh()
        table = table.filter(pc.greater(table.column(NTOK), 0))
        sig = _sig_array(table.column(SIG), self.params.num_perm)
        keys = _kernel().band_keys(sig, bands, rows)
        rid = table.column(RID).to_numpy()
        if not content:
            return pa.table({BKEY: keys.ravel(), RID: np.repeat(rid, bands)})
        ckey = _kernel().band_keys(sig, 1, sig.shape[1])[:, 0]
        return pa.table(
            {BKEY: keys.ravel(), RID: np.repeat(rid, bands), CKEY: np.repeat(ckey, bands)},
            schema=BAND_SCHEMA,
        )

    @staticmethod
    def star_edges(table: pa.Table) -> pa.Table:
        """One whole partition of bucket rows -> edges (bucket anchor, member), as (min, max).

        The anchor of a bucket is its member with the smallest content key (a
        hash of the whole signature; ties by row id), not the smallest row id:
        ``verify`` checks these edges, so the anchor decides which pairs are
        tested, and a content-based choice makes the result independent of
        file paths and ids (row ids hash the provenance)."""
        if table.num_rows == 0:
            return EDGE_SCHEMA.empty_table()
        key = table.column(BKEY).to_numpy()
        rid = table.column(RID).to_numpy()
        ckey = table.column(CKEY).to_numpy() if CKEY in table.column_names else np.zeros(len(key), np.int64)
        # most buckets hold one document and give no edge: keep the rows of shared keys only (one
        # single-key sort), then order those by (key, content key, row id) as before
        shared = _shared_keys(key)
        if not shared.all():
            key, rid, ckey = key[shared], rid[shared], ckey[shared]
            if len(key) == 0:
                return EDGE_SCHEMA.empty_table()
        order = np.lexsort((rid, ckey, key))
        key, rid = key[order], rid[order]
        start = np.ones(len(key), bool)
        start[1:] = key[1:] != key[:-1]
        anchor = rid[np.maximum.accumulate(np.where(start, np.arange(len(key)), 0))]
        sel = (~start) & (rid != anchor)
        a, m = anchor[sel], rid[sel]
        return pa.table({U: np.minimum(a, m), V: np.maximum(a, m)}, schema=EDGE_SCHEMA)

    # -- phase 3 -------------------------------------------------------------
    def _verify(self, rt: Any, edges: Any, docs: Any, parts: int, work_dir: str) -> Any:
        p: MinHashDedupParams = self.params
        sig_type = pa.binary(4 * p.num_perm)
        sigs = docs.select_columns([RID, SIG])
        sig_schema_u = pa.schema([(RID, pa.int64()), (SIG_U, sig_type)])
        sig_schema_v = pa.schema([(RID, pa.int64()), (SIG_V, sig_type)])
        with_u = lookup_join(
            edges,
            sigs.map_batches(lambda t: t.rename_columns([RID, SIG_U]), batch_format="pyarrow"),
            U,
            RID,
            [SIG_U],
            EDGE_SCHEMA,
            sig_schema_u,
            parts,
            how="inner",
            finish=_dedup_edges,  # all edges of a given u are in this partition: exact dedup
        )
        num_perm = p.num_perm
        threshold = self.verify_bound()

        def estimate(t: pa.Table) -> pa.Table:
            su = _sig_array(t.column(SIG_U), num_perm)
            sv = _sig_array(t.column(SIG_V), num_perm)
            est = (su == sv).mean(axis=1) if len(t) else np.zeros(0)
            keep = pa.array(est >= threshold - 1e-12)
            return pa.table({U: t.column(U).filter(keep), V: t.column(V).filter(keep)}, schema=EDGE_SCHEMA)

        u_schema = pa.schema([(U, pa.int64()), (V, pa.int64()), (SIG_U, sig_type)])
        # one shuffle per execution: chained shuffles can starve each other of CPUs on small clusters
        with_u, _ = rt.persist(with_u, os.path.join(work_dir, "verify_u"), u_schema, "verify_u")
        with_v = lookup_join(
            with_u,
            sigs.map_batches(lambda t: t.rename_columns([RID, SIG_V]), batch_format="pyarrow"),
            V,
            RID,
            [SIG_V],
            u_schema,
            sig_schema_v,
            parts,
            how="inner",
            finish=estimate,
        )
        return with_v

    # -- the plan ------------------------------------------------------------
    def verify_bound(self) -> float:
        """Lowest estimated Jaccard that ``verify`` accepts: the estimate is a mean
        of num_perm Bernoulli(J) draws (sd sqrt(J(1-J)/num_perm), ~0.035 at 0.8
        with 128), so a point test at the threshold would drop ~6% of pairs at
        J = 0.85; only pairs significantly below the threshold are rejected."""
        p: MinHashDedupParams = self.params
        return p.threshold - p.verify_z * float(np.sqrt(p.threshold * (1 - p.threshold) / p.num_perm))

    def _layout(self, ctx: StageContext) -> tuple[int, bool]:
        """(LSH partitions, file shuffle?) decided before signing: from the input size
        estimate (the engine's, before its pass) or the known input, and its blocks."""
        nbytes = ctx.estimated_input_bytes if ctx.estimated_input_bytes is not None else ctx.input_bytes
        parts = num_partitions(ctx.num_cpus, nbytes)
        blocks = ctx.input_blocks
        if blocks is None and nbytes is not None:
            blocks = int(nbytes // (32 << 20)) + 1  # the reader's default block size
        return parts, blocks is not None and blocks * parts <= FILE_SHUFFLE_MAX_FILES

    def prepare(self, ctx: StageContext) -> Any:
        """Phases 1-2a per block (signatures and LSH band rows to the work directory),
        fused by the engine into its pass over the stage input. With ``against`` the
        pass signs the documents for the lookup instead (``MinHashQueryBlock``; earlier
        releases' copies are removed before the band rows are written, and ``run``
        writes them from those signatures). Not on a GPU (the engine's pass requests
        none): ``run`` signs in its own pass then."""
        device = self._device(ctx)
        if device == "cuda":
            return None
        if ctx.against:
            return MinHashQueryBlock(self, ctx.against, ctx.work_dir, device)
        return self._signer(ctx, device)

    def copy_small_input(self, estimated_bytes: int | None) -> bool:
        """A first-step input within ``single_task_mb`` is copied by the engine's pass
        (uncompressed, Arrow IPC): the single task then reads the cluster members' texts
        from it (no map over the input files) and the final stream reads it instead of
        parsing the input again."""
        limit = self.params.single_task_mb
        return limit > 0 and estimated_bytes is not None and estimated_bytes <= limit << 20

    def _signer(self, ctx: StageContext, device: str) -> _SignAndBand:
        parts, file_shuffle = self._layout(ctx)
        self._planned = (parts, file_shuffle)  # run() uses the layout the signing tasks wrote
        wd = ctx.work_dir
        band_dir = os.path.join(wd, "bands") if file_shuffle else None
        presigned_root = presigned_dir(wd) if ctx.against else None  # the lookup signed the documents once
        return _SignAndBand(self, os.path.join(wd, "signatures"), band_dir, parts, device, presigned_root)

    def run(self, ds: Any, ctx: StageContext) -> Any:
        p: MinHashDedupParams = self.params
        rt = ctx.runtime
        bands, rows = p.lsh()
        device = self._device(ctx)
        if (
            ctx.against
        ):  # earlier releases first: their near copies are removed before this corpus is clustered
            ds = apply_against(ds, self, ctx, device)
        schema = ctx.input_schema or ds.schema().base_schema
        schema = output_schema(schema, self, ctx)  # + dup_of_release (annotate against releases)
        nbytes = ctx.input_bytes if ctx.input_bytes is not None else ctx.estimated_input_bytes
        parts = num_partitions(ctx.num_cpus, nbytes)
        wd = ctx.work_dir
        root = os.path.join(wd, "verdicts")
        annotate = p.mode == "annotate"
        docs_schema = pa.schema(
            [
                (RID, pa.int64()),
                (SIG, pa.binary(4 * p.num_perm)),
                (NTOK, pa.int64()),
                (BLK, pa.int64()),
                (PRIO, pa.float64()),
                (SRC, pa.string()),
                (LINE_COL, pa.int64()),
                (ID, pa.string()),
            ]
        )
        sig_dir = os.path.join(wd, "signatures")
        band_dir = os.path.join(wd, "bands")
        edge_dir = os.path.join(wd, "candidates")
        if ctx.prepared is None or ctx.against:  # not fused into the engine's pass: sign (or band) here
            with rt.phase("signatures"):
                for d in (sig_dir, band_dir):
                    shutil.rmtree(d, ignore_errors=True)
                gpu = {"num_gpus": 1} if device == "cuda" else {}
                run_prepare(rt, ds, self._signer(ctx, device), "signatures", **gpu)
        band_parts, file_shuffle = self._planned
        kill_point(ctx.step_name, "signatures")
        n_docs = sum(pq.ParquetFile(f).metadata.num_rows for f in parquet_files(sig_dir))
        report = {
            "docs": n_docs,
            "num_perm": p.num_perm,
            "bands": bands,
            "rows": rows,
            "ngram_size": p.ngram_size,
            "hash": p.hash,
            "candidate_edges": 0,
            "verified_edges": None,
            "partitions": parts,
            "lsh_partitions": band_parts,
            "lsh_shuffle": "files" if file_shuffle else "ray",
            "device": device,
            "clusters": 0,
            "duplicates": 0,
            "removed": 0,
            "components_path": None,
        }
        single = single_task_bytes(ctx, p.single_task_mb) if file_shuffle else None
        local = None
        if single is not None:  # small input: the phases in one task, no shuffle (_minhash_local.py)
            local = self._single_task(
                rt, ds, ctx, band_dir, band_parts, edge_dir, sig_dir, root, n_docs, single
            )
        report["path"] = "single_task" if local is not None and local["done"] != "lsh" else "distributed"
        if local is None:
            with rt.phase("lsh"):
                if file_shuffle:
                    # LSH shuffle through the (shared) work directory: each signing task wrote its band
                    # rows per partition; one task per partition now reads them all and emits star edges
                    listing = rt.from_items([{"part": k} for k in range(band_parts)])
                    candidates = listing.map_batches(
                        _StarEdgesOfPartition(band_dir), batch_size=1, batch_format="pyarrow"
                    )
                else:  # too many blocks x partitions for files: Ray's hash shuffle, band rows from signatures
                    candidates = (
                        rt.read_parquet(sig_dir, docs_schema)
                        .map_batches(self.bucket_rows, batch_size=None, batch_format="pyarrow")
                        .repartition(band_parts, keys=[BKEY])
                        .map_batches(self.star_edges, batch_size=None, batch_format="pyarrow")
                    )
                edges, n_candidates = rt.persist(candidates, edge_dir, EDGE_SCHEMA, "lsh")
        else:
            n_candidates = local["candidate_edges"]
        report["candidate_edges"] = n_candidates
        kill_point(ctx.step_name, "lsh")
        if local is not None and local["done"] != "lsh":
            members, kept = local["members"], local["kept"]
            report["verified_edges"] = local["verified_edges"]
            if n_candidates:
                report.update({"components_path": "local", "components_rounds": 1})
        else:
            if local is not None:  # the single task stopped after LSH: the graph is too big for it
                edges = rt.read_parquet(edge_dir, EDGE_SCHEMA)
            docs = rt.read_parquet(sig_dir, docs_schema)
            with rt.phase("graph"):
                members, kept = self._graph(
                    rt, edges, n_candidates, docs, docs_schema, parts, wd, root, report
                )
        kill_point(ctx.step_name, "graph")
        if members and p.verify_keeper:
            checked_root = os.path.join(wd, "verdicts_verified")
            if local is not None and "keeper" in local:
                counts = dict(local["keeper"])
            else:
                with rt.phase("verify_keeper"):
                    counts = verify_keepers(
                        rt,
                        ds,
                        root,
                        checked_root,
                        wd,
                        parts,
                        p.threshold,
                        p.ngram_size,
                        p.keep,
                        p.tokenizer,
                        p.lang_column,
                        p.verify_keeper_rounds,
                    )
            before = {"clusters_before": kept, "duplicates_before": members - kept}
            members, kept, root = counts.pop("members"), counts.pop("kept"), checked_root
            report["keeper_verification"] = {**before, **counts}
            kill_point(ctx.step_name, "verify_keeper")
        report.update(
            {"clusters": kept, "duplicates": members - kept, "removed": members - kept if not annotate else 0}
        )
        ctx.report.update(report)
        if ctx.index_dir and p.index:
            indexed = local.get("indexed") if local is not None else None
            if indexed is None:
                with rt.phase("index"):
                    indexed = self._index_rows(rt, sig_dir, root, ctx, n_docs)
            self._write_index_meta(ctx, n_docs, indexed)
        if members == 0 and not annotate:
            return ds
        return apply_block_updates(ds, root, schema, ctx.step_name, self.REASON, annotate)

    def _graph(self, rt, edges, n_candidates, docs, docs_schema, parts, wd, root, report) -> tuple[int, int]:
        """Verify, components and keepers: in one task when the graph fits, else distributed.
        Returns (members, clusters); figures go to ``report``."""
        p: MinHashDedupParams = self.params
        local_bytes = local_graph_bytes(n_candidates, report["docs"], p.num_perm)
        if n_candidates == 0:
            if p.verify:
                report["verified_edges"] = 0
            return 0, 0
        if n_candidates <= p.max_local_edges and local_bytes <= p.max_local_mb << 20:
            bound = self.verify_bound() if p.verify else None
            edge_dir, sig_dir = os.path.join(wd, "candidates"), os.path.join(wd, "signatures")
            res = rt.call(
                local_graph,
                edge_dir,
                sig_dir,
                root,
                p.num_perm,
                p.keep,
                SIG,
                bound,
                label="graph_local",
                memory=local_bytes,
            )
            report.update(
                {"verified_edges": res["verified_edges"], "components_path": "local", "components_rounds": 1}
            )
            return res["members"], res["clusters"]
        members, kept, extra = self._distributed_graph(
            rt, edges, n_candidates, docs, docs_schema, parts, wd, root
        )
        report.update(extra)
        return members, kept

    def _single_task(
        self, rt, ds, ctx, band_dir, band_parts, edge_dir, sig_dir, root, n_docs, nbytes
    ) -> dict[str, Any]:
        """The phases after the pass in one task (``_minhash_local.run_phases``), with the
        release index written by a task beside it on a cluster of 2+ CPUs
        (``_minhash_local.index_beside``: its ``index`` phase is its part after the verdicts);
        a second task when the members' texts must first be taken from the (not materialized)
        input by one map. Each phase's seconds, timed in the task, go to the report."""
        p: MinHashDedupParams = self.params
        wd = ctx.work_dir
        bands, _ = p.lsh()
        keeper = None
        if p.verify_keeper:
            keeper = {
                "threshold": p.threshold,
                "ngram_size": p.ngram_size,
                "keep": p.keep,
                "tokenizer": p.tokenizer,
                "lang_column": p.lang_column,
                "max_rounds": p.verify_keeper_rounds,
            }
        texts_readable = ctx.input_paths is not None and not ctx.against and ctx.input_schema is not None
        job = LocalJob(
            band_dir=band_dir,
            band_parts=band_parts,
            edge_dir=edge_dir,
            sig_dir=sig_dir,
            root=root,
            checked_root=os.path.join(wd, "verdicts_verified"),
            n_docs=n_docs,
            verify_bound=self.verify_bound() if p.verify else None,
            keeper=keeper,
            input_paths=list(ctx.input_paths) if texts_readable else None,
            input_schema=ctx.input_schema if texts_readable else None,
            index_dir=ctx.index_dir if p.index else None,
            band_bits=partition_bits(n_docs * bands, TARGET_ROWS),
            sig_bits=partition_bits(n_docs, TARGET_SIG_ROWS),
        )
        memory = single_task_memory(nbytes)
        if job.index_dir and ctx.num_cpus >= 2 and n_docs >= BESIDE_MIN_DOCS:
            # the release index in a second task beside the first (its other core idled): it
            # prepares what does not depend on the verdicts, then writes what they keep
            res, beside = rt.call_beside(
                run_phases,
                (self, job, "lsh", False),
                index_beside,
                (self, job),
                label="single_task",
                memory=memory,
            )
            if beside is not None:
                res.update(indexed=beside["indexed"], done="index")
                res["phases"]["index"] = beside["seconds"]  # its part after the verdicts: the wall it adds
        else:
            res = rt.call(run_phases, self, job, label="single_task", memory=memory)
        if res["done"] == "graph":  # the members' texts from one map over the input, then the rest
            job.member_dir = os.path.join(wd, "member_texts")
            with rt.phase("verify_keeper"):
                block_sums(
                    rt,
                    ds,
                    MemberFiles(root, job.member_dir, p.keep, p.tokenizer, p.lang_column),
                    label="members",
                )
            more = rt.call(run_phases, self, job, "verify_keeper", label="single_task", memory=memory)
            res = {**res, **{k: v for k, v in more.items() if k != "phases"}}
            res["phases"].update(more["phases"])
        for name, seconds in res["phases"].items():
            rt.add_phase(name, seconds)
        return res

    def _index_rows(self, rt: Any, sig_dir: str, root: str, ctx: StageContext, n_docs: int) -> int:
        """The release index (operators/dedup/index.py): band rows and signatures of the
        documents this step kept, from its signature files and final verdicts; the docs indexed."""
        bands, _ = self.params.lsh()
        if not parquet_files(sig_dir):
            return 0
        band_bits = partition_bits(n_docs * bands, TARGET_ROWS)
        sig_bits = partition_bits(n_docs, TARGET_SIG_ROWS)
        writer = MinHashIndexWriter(self, root, ctx.index_dir, band_bits, sig_bits)
        # one call per signature file (one per input block): few index files, one verdict read per
        # block; work items name the files (a Parquet read of the directory costs seconds to plan)
        items = [{"path": f} for f in parquet_files(sig_dir)]
        return rt.run_items(items, _IndexFile(writer), "index").get("docs", 0)

    def _write_index_meta(self, ctx: StageContext, n_docs: int, kept: int) -> None:
        bands, _ = self.params.lsh()
        band_bits = partition_bits(n_docs * bands, TARGET_ROWS)
        sig_bits = partition_bits(n_docs, TARGET_SIG_ROWS)
        write_meta(
            ctx.index_dir,
            {
                "op": self.name,
                "step": ctx.step_name,
                "params": index_params(self.name, self.params),
                "bits": {"bands": band_bits, "signatures": sig_bits},
                "rows": {"bands": kept * bands, "signatures": kept},
                "docs": kept,
            },
        )
        ctx.report["index"] = {
            "docs": kept,
            "band_partitions": 1 << band_bits,
            "signature_partitions": 1 << sig_bits,
        }

    def _distributed_graph(self, rt, edges, n_candidates, docs, docs_schema, parts, wd, root):
        """Verify, components, keepers as Ray Data shuffles (graphs too big for one task)."""
        p: MinHashDedupParams = self.params
        extra: dict[str, Any] = {}
        edge_dir = os.path.join(wd, "candidates")
        n_edges = n_candidates
        if p.verify:
            edge_dir = os.path.join(wd, "verified")
            edges, n_edges = rt.persist(
                self._verify(rt, edges, docs, parts, wd), edge_dir, EDGE_SCHEMA, "verify_v"
            )
            extra["verified_edges"] = n_edges
        if n_edges == 0:
            return 0, 0, extra
        cc = connected_components(
            rt, edges, n_edges, edge_dir, os.path.join(wd, "components"), parts, p.max_local_edges
        )
        label_schema = pa.schema([(RID, pa.int64()), (GROUP, pa.int64())])
        prio_cols = [PRIO, SRC, LINE_COL, ID, BLK]
        members = lookup_join(
            cc.labels,
            docs.select_columns([RID] + prio_cols),
            RID,
            RID,
            prio_cols,
            label_schema,
            docs_schema,
            parts,
            how="inner",
        )
        members_schema = label_schema
        for c in prio_cols:
            members_schema = members_schema.append(docs_schema.field(c))
        members, _ = rt.persist(members, os.path.join(wd, "members"), members_schema, "members")
        keep = p.keep
        updates = members.repartition(parts, keys=[GROUP]).map_batches(
            lambda t: _keepers(t, keep), batch_size=None, batch_format="pyarrow"
        )
        n_members, kept = store_block_updates(rt, updates, root, parts, wd, UPDATE_SCHEMA)
        extra.update({"components_path": cc.path, "components_rounds": cc.rounds})
        return n_members, kept, extra


def _shared_keys(key: np.ndarray) -> np.ndarray:
    """Mask of the rows whose key occurs more than once."""
    order = np.argsort(key)  # unstable is enough: only which keys repeat matters
    sk = key[order]
    dup = np.zeros(len(key), bool)
    if len(key) > 1:
        eq = sk[1:] == sk[:-1]
        dup[1:] = eq
        dup[:-1] |= eq
    mask = np.empty(len(key), bool)
    mask[order] = dup
    return mask


def _dedup_edges(t: pa.Table) -> pa.Table:
    if t.num_rows == 0:
        return t
    u, v = t.column(U).to_numpy(), t.column(V).to_numpy()
    order = np.lexsort((v, u))
    u, v = u[order], v[order]
    first = np.ones(len(u), bool)
    first[1:] = (u[1:] != u[:-1]) | (v[1:] != v[:-1])
    return t.take(pa.array(order[first]))


def _keepers(t: pa.Table, keep: str) -> pa.Table:
    if t.num_rows == 0:
        return UPDATE_SCHEMA.empty_table()
    picked = pick_keepers(t, [GROUP], keep, carry=[BLK])
    return picked.select(UPDATE_SCHEMA.names)
