"""Shared machinery of the generating operators (``augment_text``, ``llm_generate``).

* **Selection** - which documents get synthetic children is decided per
  document from ``hash(seed, id)``, so it does not depend on batch boundaries,
  worker count or order.
* **Provenance columns** - every synthetic row carries ``synthetic: true``,
  ``parent_id``, ``generator`` (JSON: operator, method or model, parameters,
  seed, prompt template version and hash) and ``created_at`` (ISO-8601 UTC).
  Original rows of a batch get ``synthetic: false`` and nulls, so the column is
  never missing from the output schema.
* **Engine columns** - a synthetic row copies its parent's columns (including
  ``_cf_source``/``_cf_line``), is marked with ``_cf_generated`` (the executor
  overwrites the value with the step name) and is either live or, when the
  generation failed, quarantined with its reason. The accounting identity
  ``input + generated = output + removed + quarantined`` then holds by
  construction.
* **Technical log** - one JSON line per generation (request hash, model,
  parameters, prompt template version, token usage, latency, attempts,
  outcome), written per batch as its own file ``<op>-<writer uuid>-<n>.jsonl``
  so concurrent Ray workers never share a file, and each file is complete
  once it exists (written to a temporary name, then renamed).

The log directory is ``log_dir`` when given; otherwise
``OUT/synthetic_log`` on the output's filesystem, from the
:class:`~engine.operator.RunContext` the engine binds to every operator (or
``$CORPUSFORGE_OUTPUT_PATH/synthetic_log``); otherwise (an operator used
without the engine) the user cache directory
(``<cache>/corpusforge/synthetic_log``), with a warning. The run report sums
the log (``report.json`` ``synthetic``: :func:`summarize_log`) and the manifest
lists its files.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import posixpath
import sys
import threading
import time
import uuid
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from engine import columns as C

log = logging.getLogger(__name__)

SYNTHETIC = "synthetic"
PARENT_ID = "parent_id"
GENERATOR = "generator"
CREATED_AT = "created_at"

PROVENANCE_COLUMNS: dict[str, str] = {
    SYNTHETIC: "true for documents created by a generating step (augment_text, llm_generate), false for originals",
    PARENT_ID: "id of the document a synthetic document was made from (null on originals)",
    GENERATOR: "JSON: operator, method or model, parameters, seed, prompt template version and hash",
    CREATED_AT: "ISO-8601 UTC time the synthetic document was made",
}
_PROVENANCE_TYPES = {
    SYNTHETIC: pa.bool_(),
    PARENT_ID: pa.string(),
    GENERATOR: pa.string(),
    CREATED_AT: pa.string(),
}

LOG_SUBDIR = "synthetic_log"


# ------------------------------------------------------------------ hashing and selection
def unit_hash(seed: int, key: str, salt: str = "") -> int:
    """A 64-bit hash of (seed, salt, key), stable across processes and runs."""
    h = hashlib.blake2b(f"{seed}\x1f{salt}\x1f{key}".encode("utf-8", "surrogatepass"), digest_size=8)
    return int.from_bytes(h.digest(), "big")


def doc_keys(table: pa.Table) -> list[str]:
    """The key each document is seeded by: its ``id``, or ``<source>:<line>`` when null."""
    n = table.num_rows
    ids = table.column("id").to_pylist() if "id" in table.column_names else [None] * n
    if all(i is not None for i in ids):
        return [str(i) for i in ids]
    src = table.column(C.SOURCE).to_pylist() if C.SOURCE in table.column_names else [None] * n
    line = table.column(C.LINE).to_pylist() if C.LINE in table.column_names else list(range(n))
    return [str(i) if i is not None else f"{s}:{ln}" for i, s, ln in zip(ids, src, line)]


def selected(keys: list[str], seed: int, fraction: float) -> list[bool]:
    """Per-document selection: ``hash(seed, key) < fraction``; independent of batches."""
    if fraction >= 1.0:
        return [True] * len(keys)
    if fraction <= 0.0:
        return [False] * len(keys)
    bound = fraction * 2.0**64
    return [unit_hash(seed, k, "select") < bound for k in keys]


def canonical_json(obj: Any) -> str:
    """Key-sorted compact JSON: the byte form that request hashes are computed over."""
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def sha256_hex(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def utc_now() -> str:
    """Current time, ISO-8601 UTC with milliseconds (``2025-01-31T12:00:00.123Z``)."""
    t = time.time()
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(t)) + f".{int(t * 1000) % 1000:03d}Z"


# ------------------------------------------------------------------ provenance columns
def mark_originals(table: pa.Table) -> pa.Table:
    """Add the provenance columns to the rows of a batch that are not new:
    ``synthetic`` false where null (rows made by an earlier step keep ``true``),
    and null ``parent_id``/``generator``/``created_at`` where absent."""
    n = table.num_rows
    if SYNTHETIC in table.column_names:
        col = table.column(SYNTHETIC)
        if col.type != pa.bool_():
            col = col.cast(pa.bool_())
        table = C.put_column(table, SYNTHETIC, pc.fill_null(col, False))
    else:
        table = table.append_column(SYNTHETIC, pa.array([False] * n, pa.bool_()))
    for name in (PARENT_ID, GENERATOR, CREATED_AT):
        if name not in table.column_names:
            table = table.append_column(name, pa.nulls(n, _PROVENANCE_TYPES[name]))
    return table


def build_generated(
    parents: pa.Table,
    parent_index: list[int],
    ids: list[str],
    texts: list[str | None],
    generators: list[str],
    created_at: str,
    op_name: str,
    reasons: list[str | None] | None = None,
    raw: list[str | None] | None = None,
    extra: dict[str, pa.Array] | None = None,
) -> pa.Table:
    """New rows, one per ``parent_index`` entry, copying the parent's columns.

    ``parents`` must already hold the provenance columns (:func:`mark_originals`).
    Rows with a non-null ``reasons[i]`` are quarantined generations (the
    generation failed): ``_cf_removed_by`` = ``op_name``, ``_cf_quarantined``
    true, ``_cf_reason`` the reason and ``_cf_raw`` the rejected answer, if any.
    ``extra`` columns (e.g. fields parsed from a JSON answer) are set or added.
    """
    n = len(parent_index)
    rows = parents.take(pa.array(parent_index, pa.int64())) if n else parents.slice(0, 0)
    parent_ids = rows.column("id") if "id" in rows.column_names else pa.array(ids, pa.string())
    text_type = parents.schema.field("text").type if "text" in parents.column_names else pa.string()
    id_type = parents.schema.field("id").type if "id" in parents.column_names else pa.string()
    rows = C.put_column(rows, "id", pa.array(ids, pa.string()).cast(id_type))
    rows = C.put_column(rows, "text", pa.array(texts, pa.string()).cast(text_type))
    rows = C.put_column(rows, SYNTHETIC, pa.array([True] * n, pa.bool_()))
    rows = C.put_column(rows, PARENT_ID, parent_ids.cast(pa.string()))
    rows = C.put_column(rows, GENERATOR, pa.array(generators, pa.string()))
    rows = C.put_column(rows, CREATED_AT, pa.array([created_at] * n, pa.string()))
    if reasons is None:
        reasons = [None] * n
    failed = [r is not None for r in reasons]
    engine_values = {
        C.GENERATED: pa.array([op_name] * n, pa.string()),
        C.REMOVED_BY: pa.array([op_name if f else None for f in failed], pa.string()),
        C.REASON: pa.array(reasons, pa.string()),
        C.QUARANTINED: pa.array(failed, pa.bool_()),
        C.RAW: pa.array(raw if raw is not None else [None] * n, pa.string()),
    }
    for name, values in engine_values.items():
        rows = C.put_column(rows, name, values)
    for name in (C.SOURCE, C.LINE):
        if name not in rows.column_names:
            rows = rows.append_column(name, pa.nulls(n, C.ENGINE_TYPES[name]))
    for name, values in (extra or {}).items():
        rows = C.put_column(rows, name, values)
    return rows


def append_generated(originals: pa.Table, generated: pa.Table | None) -> pa.Table:
    """Originals (in their order) followed by the generated rows, one schema."""
    if generated is None or generated.num_rows == 0:
        return originals
    for name in generated.column_names:  # columns new to the originals (e.g. parsed fields)
        if name not in originals.column_names:
            originals = originals.append_column(
                name, pa.nulls(originals.num_rows, generated.schema.field(name).type)
            )
    generated = generated.select(originals.column_names)
    if generated.schema != originals.schema:
        generated = generated.cast(originals.schema)
    return pa.concat_tables([originals, generated])


# ------------------------------------------------------------------ directories
def user_cache_dir() -> Path:
    """The per-user cache directory of corpusforge (platformdirs' rules, no dependency):
    ``$CORPUSFORGE_CACHE_DIR``, else ``$XDG_CACHE_HOME/corpusforge`` or
    ``~/.cache/corpusforge`` on Linux, ``~/Library/Caches/corpusforge`` on macOS,
    ``%LOCALAPPDATA%\\corpusforge\\Cache`` on Windows."""
    override = os.environ.get("CORPUSFORGE_CACHE_DIR")
    if override:
        return Path(override).expanduser()
    home = Path.home()
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(home / "AppData" / "Local")
        return Path(base) / "corpusforge" / "Cache"
    if sys.platform == "darwin":
        return home / "Library" / "Caches" / "corpusforge"
    xdg = os.environ.get("XDG_CACHE_HOME")
    base_dir = Path(xdg) if xdg and os.path.isabs(xdg) else home / ".cache"
    return base_dir / "corpusforge"


def open_log(explicit: str | None, op: Any) -> SyntheticLog:
    """The technical log of ``op`` (see the module docstring for where it goes)."""
    ctx = getattr(op, "context", None)
    if not explicit and ctx is not None:
        return SyntheticLog(ctx.product_dir(LOG_SUBDIR), op.name, filesystem=ctx.filesystem)
    return SyntheticLog(resolve_log_dir(explicit, op), getattr(op, "name", "generator"))


def resolve_log_dir(explicit: str | None, op: Any = None) -> str:
    """Where the technical log goes, as a path or URI (see the module docstring for the order)."""
    if explicit:
        return explicit
    ctx = getattr(op, "context", None)
    out = ctx.output_uri if ctx is not None else None
    out = out or os.environ.get("CORPUSFORGE_OUTPUT_PATH")
    if out:
        return (
            posixpath.join(str(out), LOG_SUBDIR) if "://" in str(out) else os.path.join(str(out), LOG_SUBDIR)
        )
    fallback = str(user_cache_dir() / LOG_SUBDIR)
    log.warning(
        "%s: log_dir is not set and the engine did not pass the output path; writing the "
        "technical log to %s (set log_dir to choose)",
        getattr(op, "name", "generator"),
        fallback,
    )
    return fallback


# ------------------------------------------------------------------ technical log
class SyntheticLog:
    """Writes generation records as JSONL, one file per batch, under ``directory``.

    File names are ``<prefix>-<uuid of this writer>-<n>.jsonl``: a Ray worker or
    actor owns its writer, so files are never shared; each file is written to
    a dot-prefixed temporary name and renamed, so a file that exists is whole.
    Local paths and ``s3://`` URIs (pyarrow filesystems) are supported.
    """

    def __init__(self, directory: str, prefix: str, filesystem: Any = None) -> None:
        """``directory``: a local path or URI, or (with ``filesystem``, a pyarrow
        filesystem) a path on that filesystem."""
        self.directory = directory
        self.prefix = prefix
        self.uuid = uuid.uuid4().hex[:12]
        self._n = 0
        self._lock = threading.Lock()
        self._fs = filesystem
        self._root = directory
        self._created = False

    def _filesystem(self):
        if self._fs is None:
            import pyarrow.fs as pafs

            if "://" in self.directory:
                self._fs, self._root = pafs.FileSystem.from_uri(self.directory)
            else:
                self._fs, self._root = pafs.LocalFileSystem(), os.path.abspath(self.directory)
        return self._fs

    def write(self, records: Iterable[dict[str, Any]]) -> str | None:
        """Write one batch of records; returns the file path (None when empty)."""
        lines = [json.dumps(r, ensure_ascii=False, sort_keys=True, default=str) for r in records]
        if not lines:
            return None
        fs = self._filesystem()
        with self._lock:
            self._n += 1
            n = self._n
            if not self._created:
                fs.create_dir(self._root, recursive=True)
                self._created = True
        name = f"{self.prefix}-{self.uuid}-{n:06d}.jsonl"
        path = posixpath.join(self._root, name)
        tmp = posixpath.join(self._root, "." + name + ".tmp")
        with fs.open_output_stream(tmp) as out:
            out.write(("\n".join(lines) + "\n").encode("utf-8"))
        fs.move(tmp, path)
        return path


def log_files(directory: str | os.PathLike, filesystem: Any = None) -> list[str]:
    """The finished log files of a directory (local, or a path on ``filesystem``), sorted."""
    import pyarrow.fs as pafs

    fs = filesystem or pafs.LocalFileSystem()
    root = str(directory) if filesystem is not None else os.path.abspath(str(directory))
    if fs.get_file_info(root).type != pafs.FileType.Directory:
        return []
    infos = fs.get_file_info(pafs.FileSelector(root, recursive=False))
    return sorted(
        i.path
        for i in infos
        if i.type == pafs.FileType.File and i.base_name.endswith(".jsonl") and not i.base_name.startswith(".")
    )


def read_log(directory: str | os.PathLike, filesystem: Any = None) -> list[dict[str, Any]]:
    """All records of a technical log directory (local, or a path on ``filesystem``)."""
    import pyarrow.fs as pafs

    fs = filesystem or pafs.LocalFileSystem()
    records: list[dict[str, Any]] = []
    for path in log_files(directory, filesystem):
        with fs.open_input_stream(path) as f:
            text = f.read().decode("utf-8")
        records.extend(json.loads(line) for line in text.splitlines() if line.strip())
    return records


def summarize_log(directory: str | os.PathLike, filesystem: Any = None) -> dict[str, Any]:
    """Totals for the run report: synthetic records, outcomes, requests, retries, tokens, failures.

    ``generations`` counts generation records (one per synthetic row made or
    attempted); ``retries`` the attempts beyond the first; ``http_requests``
    the requests sent to an LLM endpoint (0 for rule-based augmentation);
    ``prompt_tokens``/``completion_tokens`` count what was paid for in this run
    (cache hits are counted separately as ``cached_*_tokens``; tokens are
    known only where the endpoint reports usage).
    """
    totals: dict[str, Any] = {
        "log_files": len(log_files(directory, filesystem)),
        "generations": 0,
        "ok": 0,
        "failed": 0,
        "cache_hits": 0,
        "http_requests": 0,
        "retries": 0,
        "prompt_tokens": 0,
        "completion_tokens": 0,
        "cached_prompt_tokens": 0,
        "cached_completion_tokens": 0,
        "by_operator": {},
        "failure_reasons": {},
    }
    for r in read_log(directory, filesystem):
        totals["generations"] += 1
        totals["retries"] += max(int(r.get("attempts") or 1) - 1, 0)
        ok = r.get("outcome") == "ok"
        totals["ok" if ok else "failed"] += 1
        op = r.get("operator", "?")
        totals["by_operator"][op] = totals["by_operator"].get(op, 0) + 1
        if not ok:
            reason = r.get("error") or r.get("outcome")
            totals["failure_reasons"][reason] = totals["failure_reasons"].get(reason, 0) + 1
        totals["http_requests"] += int(r.get("http_requests") or 0)
        usage = r.get("usage") or {}
        paid = r.get("usage_paid") or {}
        cached = r.get("cache_hits") or 0
        totals["cache_hits"] += int(cached)
        totals["prompt_tokens"] += int(paid.get("prompt_tokens") or 0)
        totals["completion_tokens"] += int(paid.get("completion_tokens") or 0)
        totals["cached_prompt_tokens"] += int(usage.get("prompt_tokens") or 0) - int(
            paid.get("prompt_tokens") or 0
        )
        totals["cached_completion_tokens"] += int(usage.get("completion_tokens") or 0) - int(
            paid.get("completion_tokens") or 0
        )
    return totals


__all__ = [
    "PROVENANCE_COLUMNS",
    "SyntheticLog",
    "append_generated",
    "log_files",
    "open_log",
    "build_generated",
    "doc_keys",
    "mark_originals",
    "read_log",
    "resolve_log_dir",
    "selected",
    "summarize_log",
    "unit_hash",
    "user_cache_dir",
]
