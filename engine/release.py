"""Releases: a run's version, its parent and lineage, and the dedup indexes of
earlier releases that ``against`` reads (issue #15; docs/releases.md).

A release is any finished corpusforge output (a directory or ``s3://``
prefix holding ``manifest.json``). ``release: {version, parent}`` in the
config records where this run comes from; the manifest, report and card carry
the version, the parent's path, version and manifest SHA-256, the config hash
and the input fingerprint hash, so the chain can be followed back to the first
release (``lineage``). Everything here reads only small JSON files (manifests,
reports, index ``meta.json``), never data.
"""

from __future__ import annotations

import hashlib
import json
import os
import posixpath
from typing import Any

import pyarrow.fs as pafs

#: global stages that write and read a release index (operators/dedup/index.py)
INDEXED_OPS = ("exact_dedup", "minhash_dedup")
MAX_LINEAGE = 10_000  # a cycle guard: no real lineage is longer


def absolute(uri: str) -> str:
    """A release path as recorded in a manifest: s3:// URIs as they are, local paths absolute."""
    if "://" in uri and not uri.startswith("file://"):
        return uri.rstrip("/")
    if uri.startswith("file://"):
        uri = uri[len("file://") :]
    return os.path.abspath(uri)


def read_bytes(uri: str, storage: Any) -> bytes | None:
    """The bytes of one small file, or None when it does not exist."""
    from engine.io_read import filesystem_for

    fs, path = filesystem_for(uri, storage)
    if fs.get_file_info(path).type != pafs.FileType.File:
        return None
    with fs.open_input_stream(path, compression=None) as f:
        return f.read()


def join(uri: str, *parts: str) -> str:
    return posixpath.join(uri, *parts) if "://" in uri else os.path.join(uri, *parts)


def load_release(uri: str, storage: Any) -> dict[str, Any]:
    """Manifest and report of a finished release: path, version, parent,
    manifest SHA-256, created, name, output_docs, and the report itself.
    Raises FileNotFoundError when ``uri`` holds no manifest."""
    uri = absolute(uri)
    raw = read_bytes(join(uri, "manifest.json"), storage)
    if raw is None:
        raise FileNotFoundError(f"{uri}: no manifest.json (not a finished corpusforge output)")
    manifest = json.loads(raw.decode("utf-8"))
    report_raw = read_bytes(join(uri, "report.json"), storage)
    report = json.loads(report_raw.decode("utf-8")) if report_raw else {}
    rel = manifest.get("release") or report.get("release") or {}
    return {
        "path": uri,
        "version": rel.get("version") or manifest.get("version_id"),
        "parent": rel.get("parent"),
        "manifest_sha256": hashlib.sha256(raw).hexdigest(),
        "created": manifest.get("created_at"),
        "name": manifest.get("dataset"),
        "output_docs": manifest.get("output_docs"),
        "manifest": manifest,
        "report": report,
    }


def lineage(parent: str | None, storage: Any) -> list[dict[str, Any]]:
    """The parent, its parent, ... back to the first release (nearest first)."""
    chain: list[dict[str, Any]] = []
    seen: set[str] = set()
    cur = parent
    while cur and len(chain) < MAX_LINEAGE:
        cur = absolute(cur)
        if cur in seen:
            raise ValueError(f"release lineage has a cycle at {cur}")
        seen.add(cur)
        rel = load_release(cur, storage)
        chain.append(rel)
        cur = rel["parent"]
    return chain


def find_index(
    rel: dict[str, Any], op_name: str, step_name: str, storage: Any
) -> tuple[str, dict[str, Any]] | None:
    """(index directory, meta) of ``op_name`` in a release: ``index/<step_name>/``
    when it is that operator's, else the only index of that operator."""
    from engine.io_read import filesystem_for

    def meta_at(name: str) -> dict[str, Any] | None:
        raw = read_bytes(join(rel["path"], "index", name, "meta.json"), storage)
        return json.loads(raw.decode("utf-8")) if raw else None

    m = meta_at(step_name)
    if m and m.get("op") == op_name:
        return join(rel["path"], "index", step_name), m
    fs, root = filesystem_for(join(rel["path"], "index"), storage)
    if fs.get_file_info(root).type != pafs.FileType.Directory:
        return None
    found = []
    for info in fs.get_file_info(pafs.FileSelector(root)):
        if info.type == pafs.FileType.Directory:
            m = meta_at(info.base_name)
            if m and m.get("op") == op_name:
                found.append((join(rel["path"], "index", info.base_name), m))
    return found[0] if len(found) == 1 else None


def resolve_against(cfg: Any) -> dict[str, list[dict[str, Any]]]:
    """Per dedup step, the earlier releases it deduplicates against: its
    ``against`` list, or the parent's lineage when ``release.parent`` is set.
    Refuses (ConfigError naming the key) a missing release or index and an
    index built with different parameters, naming each difference."""
    from engine.config import ConfigError
    from operators.dedup.index import index_params

    out: dict[str, list[dict[str, Any]]] = {}
    chain: list[dict[str, Any]] | None = None
    if cfg.release.parent:
        try:
            chain = lineage(cfg.release.parent, cfg.storage)
        except (FileNotFoundError, ValueError, OSError) as exc:
            raise ConfigError(f"release.parent: {exc}") from None
    cache = {r["path"]: r for r in chain or []}
    errors = []
    for step in cfg.steps:
        op = step.op_cls.name
        if op not in INDEXED_OPS:
            continue
        key = f"pipeline[{step.index}].against"
        paths = step.params.against
        if paths is None:
            paths = [r["path"] for r in chain] if chain else []
        refs = []
        for j, p in enumerate(paths):
            path = absolute(p)
            try:
                rel = cache.get(path) or load_release(path, cfg.storage)
            except (FileNotFoundError, OSError) as exc:
                errors.append(f"{key}[{j}]: {exc}")
                continue
            cache[path] = rel
            found = find_index(rel, op, step.name, cfg.storage)
            if found is None:
                errors.append(
                    f"{key}[{j}]: release {rel['version']} ({path}) has no {op} index (index/<step>/meta.json): "
                    f"it was built without that step or with index: false (against: [] deduplicates without earlier releases)"
                )
                continue
            index_dir, meta = found
            mine = index_params(op, step.params)
            diffs = [
                f"{k}={meta['params'].get(k)!r} there, {v!r} here"
                for k, v in mine.items()
                if meta.get("params", {}).get(k) != v
            ]
            if diffs:
                errors.append(
                    f"{key}[{j}]: the {op} index of release {rel['version']} ({path}) was built with different "
                    f"parameters: {'; '.join(diffs)} (use the same, or rebuild without against)"
                )
                continue
            refs.append({"path": path, "version": str(rel["version"]), "index": index_dir, "meta": meta})
        out[step.name] = refs
    if errors:
        raise ConfigError("\n".join(errors))
    return out


def release_section(cfg: Any, report: dict[str, Any]) -> dict[str, Any]:
    """The report's and manifest's ``release``: version, parent (path, version,
    manifest SHA-256), config hash, input hash and the lineage back to the first release."""
    chain = lineage(cfg.release.parent, cfg.storage) if cfg.release.parent else []
    parent = chain[0] if chain else None
    return {
        "version": cfg.release.version,
        "parent": parent["path"] if parent else None,
        "parent_version": parent["version"] if parent else None,
        "parent_manifest_sha256": parent["manifest_sha256"] if parent else None,
        "config_hash": report.get("config_hash"),
        "input_sha256": (report.get("input_fingerprint") or {}).get("sha256"),
        "lineage": [
            {
                "path": r["path"],
                "version": r["version"],
                "manifest_sha256": r["manifest_sha256"],
                "created": r["created"],
            }
            for r in chain
        ],
        "against": {
            step: [r["version"] for r in refs] for step, refs in (cfg._against or {}).items() if refs
        },
    }


def finish_release(cfg: Any, report: dict[str, Any], fs: pafs.FileSystem, out_dir: str) -> None:
    """Add ``release`` and ``alerts`` to the report (before report.json, card and manifest are written)."""
    from engine.alerts import check_alerts

    report["release"] = release_section(cfg, report)
    alerts = check_alerts(cfg, report, fs, out_dir)
    if alerts is not None:
        report["alerts"] = alerts
