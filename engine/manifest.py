"""``OUT/manifest.json`` and ``corpusforge verify OUT``.

The manifest lists every file of the run's output directory (except itself)
with its size, SHA-256 and, for data files and JSONL logs (the generators'
technical log in ``synthetic_log/``), its row count, together with
the dataset name, a content-derived version id, the config hash, the input
fingerprint (paths, sizes, modification times) and the engine version. It is
written last, after every other product.

``version_id`` is the first 16 hex digits of SHA-256 over the config hash and
the sorted ``(path, sha256)`` pairs of ``data/``: the same data made by the
same config has the same version id, on any machine.

:func:`verify` recomputes sizes and hashes and names every missing, altered
and extra file.
"""

from __future__ import annotations

import hashlib
import json
import posixpath
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pyarrow.fs as pafs
import pyarrow.parquet as pq

MANIFEST = "manifest.json"
FORMAT_VERSION = 1


def _list_files(fs: pafs.FileSystem, out_dir: str) -> list[tuple[str, int]]:
    infos = fs.get_file_info(pafs.FileSelector(out_dir, recursive=True))
    out = []
    for info in infos:
        if info.type != pafs.FileType.File:
            continue
        rel = posixpath.relpath(info.path, out_dir)
        if rel == MANIFEST or posixpath.basename(rel).startswith("."):
            continue  # temporary files (".name.tmp") are not products
        if rel.startswith("_logs/"):
            continue  # the command line's Ray log (engine/console.py): written until the process ends
        out.append((rel, info.size))
    return sorted(out)


def _hash(fs: pafs.FileSystem, path: str) -> str:
    h = hashlib.sha256()
    # compression=None: hash the bytes on disk (pyarrow would otherwise gunzip *.gz while reading)
    with fs.open_input_stream(path, compression=None) as f:
        while chunk := f.read(4 << 20):
            h.update(chunk)
    return h.hexdigest()


def _rows(fs: pafs.FileSystem, path: str, known: dict[str, int]) -> int | None:
    rel_rows = known.get(path)
    if path.endswith(".parquet"):
        with fs.open_input_file(path) as f:
            return pq.ParquetFile(f).metadata.num_rows
    if rel_rows is None and path.endswith(".jsonl"):  # e.g. synthetic_log/: one record per line
        lines = 0
        with fs.open_input_stream(path, compression=None) as f:
            while chunk := f.read(4 << 20):
                lines += chunk.count(b"\n")
        return lines
    return rel_rows


def build_manifest(
    fs: pafs.FileSystem,
    out_dir: str,
    report: dict[str, Any],
    known: dict[str, tuple[int, str]] | None = None,
) -> dict[str, Any]:
    """The manifest of ``out_dir``. ``known`` maps relative paths to (bytes, SHA-256)
    the writers took from the bytes they wrote; a file listed there with that size
    is not read again (the end of a run then costs time in shards, not bytes)."""
    import engine

    files = _list_files(fs, out_dir)
    known_rows = {posixpath.join(out_dir, f["path"]): f.get("rows") for f in report.get("output_files", [])}
    known = known or {}

    def entry(item: tuple[str, int]) -> dict[str, Any]:
        rel, size = item
        full = posixpath.join(out_dir, rel)
        given = known.get(rel)
        digest = given[1] if given is not None and given[0] == size else _hash(fs, full)
        e: dict[str, Any] = {"path": rel, "bytes": size, "sha256": digest}
        rows = _rows(fs, full, known_rows)
        if rows is not None:
            e["rows"] = rows
        return e

    with ThreadPoolExecutor(max_workers=8) as pool:
        entries = list(pool.map(entry, files))
    data = sorted((e["path"], e["sha256"]) for e in entries if e["path"].startswith("data/"))
    blob = json.dumps({"config": report.get("config_hash"), "data": data}, sort_keys=True).encode()
    return {
        "manifest_version": FORMAT_VERSION,
        "dataset": report.get("name"),
        "version_id": hashlib.sha256(blob).hexdigest()[:16],
        "created_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "engine_version": engine.__version__,
        "config_hash": report.get("config_hash"),
        "input": report.get("input_fingerprint"),
        "output_docs": report.get("output_docs"),
        "release": report.get("release"),  # version, parent, lineage (engine/release.py)
        "files": entries,
    }


def write_manifest(
    fs: pafs.FileSystem, out_dir: str, report: dict[str, Any], known: dict[str, tuple[int, str]] | None = None
) -> dict[str, Any]:
    manifest = build_manifest(fs, out_dir, report, known)
    path = posixpath.join(out_dir, MANIFEST)
    tmp = posixpath.join(out_dir, "." + MANIFEST + ".tmp")
    with fs.open_output_stream(tmp) as out:
        out.write(json.dumps(manifest, indent=2, ensure_ascii=False).encode("utf-8"))
    fs.move(tmp, path)
    return manifest


def verify(fs: pafs.FileSystem, out_dir: str) -> dict[str, list[str]]:
    """Compare the directory with its manifest. Returns missing, altered, extra paths."""
    path = posixpath.join(out_dir, MANIFEST)
    if fs.get_file_info(path).type != pafs.FileType.File:
        raise FileNotFoundError(
            f"{path}: no manifest (not a corpusforge output directory, or the run did not finish)"
        )
    with fs.open_input_stream(path) as f:
        manifest = json.loads(f.read().decode("utf-8"))
    listed = {e["path"]: e for e in manifest["files"]}
    present = dict(_list_files(fs, out_dir))
    missing = sorted(p for p in listed if p not in present)
    extra = sorted(p for p in present if p not in listed)

    def altered(p: str) -> str | None:
        e = listed[p]
        if present[p] != e["bytes"]:
            return f"{p} (size {present[p]} != {e['bytes']})"
        if _hash(fs, posixpath.join(out_dir, p)) != e["sha256"]:
            return f"{p} (sha256 differs)"
        return None

    with ThreadPoolExecutor(max_workers=8) as pool:
        changed = [a for a in pool.map(altered, sorted(p for p in listed if p in present)) if a]
    return {"missing": missing, "altered": changed, "extra": extra, "checked": len(listed)}


def verify_main(out: str, storage=None) -> int:
    """``corpusforge verify OUT``: exit 0 when everything matches, 1 otherwise."""
    from engine.config import StorageConfig
    from engine.io_read import filesystem_for

    fs, out_dir = filesystem_for(out, storage or StorageConfig())
    try:
        result = verify(fs, out_dir)
    except FileNotFoundError as exc:
        print(f"verify: {exc}")
        return 2
    problems = 0
    for kind in ("missing", "altered", "extra"):
        for p in result[kind]:
            print(f"{kind}: {p}")
            problems += 1
    if problems:
        print(
            f"verify: FAILED, {problems} problem(s) in {result['checked']} files listed in {out}/{MANIFEST}"
        )
        return 1
    print(f"verify: OK, {result['checked']} files match {out}/{MANIFEST}")
    return 0
