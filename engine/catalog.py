"""``corpusforge catalog PATH...``: the releases under local folders and
``s3://`` prefixes (issue #15: 数据目录, a catalog that lets people find datasets).

A release is a directory holding ``manifest.json``; each PATH is searched
recursively (``--depth`` levels, default 4) without descending into a
release's own folders. Per release: name, version, parent, created,
documents, data bytes, languages (kept shares over 1%), quality total and
grade, from ``manifest.json`` and ``report.json`` only (no data is read).
``--json`` prints the list; ``--html PATH`` writes an index page linking each
release's report.html and README.md (the dataset card).
"""

from __future__ import annotations

import html
import json
import posixpath
from typing import Any

import pyarrow.fs as pafs

RELEASE_DIRS = {"data", "quarantine", "removed", "index", "synthetic_log", "_progress", "_work"}


def _uri(scheme: str, path: str) -> str:
    return f"{scheme}{path}" if scheme else path


def find_releases(root_uri: str, storage: Any = None, depth: int = 4) -> list[str]:
    """URIs of the folders under ``root_uri`` (itself included) that hold a manifest.json."""
    from engine.config import StorageConfig
    from engine.io_read import filesystem_for

    fs, root = filesystem_for(root_uri, storage or StorageConfig())
    scheme = (
        root_uri.split("://", 1)[0] + "://"
        if "://" in root_uri and not root_uri.startswith("file://")
        else ""
    )
    found: list[str] = []
    frontier = [root]
    for _ in range(depth + 1):
        nxt = []
        for d in frontier:
            infos = fs.get_file_info(pafs.FileSelector(d, allow_not_found=True))
            names = {i.base_name: i for i in infos}
            if "manifest.json" in names and names["manifest.json"].type == pafs.FileType.File:
                found.append(_uri(scheme, d))
                continue  # a release's own folders hold no releases
            nxt += [
                i.path for i in infos if i.type == pafs.FileType.Directory and i.base_name not in RELEASE_DIRS
            ]
        frontier = nxt
    return sorted(found)


def describe(uri: str, storage: Any = None) -> dict[str, Any]:
    """One catalog entry from the release's manifest and report."""
    from engine.config import StorageConfig
    from engine.diff import language_shares
    from engine.release import load_release

    rel = load_release(uri, storage or StorageConfig())
    m, r = rel["manifest"], rel["report"]
    q = r.get("quality") or {}
    shares = language_shares(r)
    alerts = r.get("alerts") or {}
    return {
        "path": rel["path"],
        "name": rel["name"],
        "version": rel["version"],
        "version_id": m.get("version_id"),
        "parent": rel["parent"],
        "created": rel["created"],
        "documents": m.get("output_docs"),
        "bytes": sum(f.get("bytes", 0) for f in m.get("files", []) if f["path"].startswith("data/")),
        "languages": {k: round(v, 4) for k, v in sorted(shares.items(), key=lambda kv: -kv[1]) if v >= 0.01},
        "quality_total": q.get("total"),
        "grade": q.get("grade"),
        "alerts": len(alerts.get("violations") or []),
        "report": posixpath.join(rel["path"], "report.html") if "report.html" in _files(m) else None,
        "card": posixpath.join(rel["path"], "README.md") if "README.md" in _files(m) else None,
    }


def _files(manifest: dict[str, Any]) -> set[str]:
    return {f["path"] for f in manifest.get("files", [])}


def catalog(paths: list[str], storage: Any = None, depth: int = 4) -> list[dict[str, Any]]:
    entries = []
    for p in paths:
        for uri in find_releases(p, storage, depth):
            entries.append(describe(uri, storage))
    return sorted(entries, key=lambda e: (e["name"] or "", e["created"] or "", e["path"]))


def render_text(entries: list[dict[str, Any]]) -> str:
    if not entries:
        return "no releases found"
    head = f"{'name':<20} {'version':<14} {'created':<20} {'docs':>10} {'MB':>9} {'quality':>8}  languages  parent  path"
    lines = [head]
    for e in entries:
        langs = ",".join(f"{k}:{v:.2f}" for k, v in e["languages"].items()) or "-"
        q = f"{e['quality_total']} {e['grade']}" if e["quality_total"] is not None else "-"
        lines.append(
            f"{(e['name'] or '-'):<20} {str(e['version']):<14} {(e['created'] or '-'):<20} {e['documents'] or 0:>10,} "
            f"{e['bytes'] / 1e6:>9.2f} {q:>8}  {langs}  {e['parent'] or '-'}  {e['path']}"
        )
    return "\n".join(lines)


def _href(path: str | None) -> str | None:
    if path is None:
        return None
    return path if "://" in path else "file://" + path


def render_html(entries: list[dict[str, Any]]) -> str:
    from engine.report_html import CSS

    e = html.escape
    rows = []
    for x in entries:
        links = " ".join(
            f"<a href='{e(_href(x[k]))}'>{label}</a>"
            for k, label in (("report", "report"), ("card", "card"))
            if x[k]
        )
        langs = ", ".join(f"{k} {v:.0%}" for k, v in x["languages"].items())
        rows.append(
            "<tr>"
            + "".join(
                f"<td>{c}</td>"
                for c in (
                    e(x["name"] or ""),
                    e(str(x["version"])),
                    e(x["created"] or ""),
                    f"{x['documents'] or 0:,}",
                    f"{x['bytes'] / 1e6:,.2f}",
                    e(langs),
                    e(f"{x['quality_total']} ({x['grade']})" if x["quality_total"] is not None else ""),
                    e(x["parent"] or ""),
                    links,
                    e(x["path"]),
                )
            )
            + "</tr>"
        )
    head = "".join(
        f"<th>{h}</th>"
        for h in (
            "name",
            "version",
            "created",
            "documents",
            "MB",
            "languages",
            "quality",
            "parent",
            "links",
            "path",
        )
    )
    return (
        f"<!doctype html><html><head><meta charset='utf-8'><title>corpusforge catalog</title><style>{CSS}</style>"
        f"</head><body><header><h1>corpusforge catalog</h1><p>{len(entries)} releases</p></header><main><section>"
        f"<table><tr>{head}</tr>{''.join(rows)}</table></section></main></body></html>"
    )


def catalog_main(argv: list[str]) -> int:
    """``corpusforge catalog PATH... [--json] [--html FILE]``."""
    import argparse

    from engine.config import StorageConfig

    ap = argparse.ArgumentParser(prog="corpusforge catalog", description="list corpusforge releases")
    ap.add_argument("paths", nargs="+", help="local folders or s3://bucket/prefix")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--html", metavar="FILE", help="write an HTML index page linking reports and cards")
    ap.add_argument("--depth", type=int, default=4, help="folder levels searched below each path")
    ap.add_argument("--endpoint-url", help="S3 endpoint (credentials from the AWS_* environment variables)")
    args = ap.parse_args(argv)
    entries = catalog(args.paths, StorageConfig(endpoint_url=args.endpoint_url), args.depth)
    print(json.dumps(entries, indent=2, ensure_ascii=False) if args.json else render_text(entries))
    if args.html:
        with open(args.html, "w", encoding="utf-8") as f:
            f.write(render_html(entries))
    return 0
