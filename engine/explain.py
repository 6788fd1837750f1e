"""``corpusforge explain OUT ID``: what happened to one document.

Looks the id up in ``data/`` (kept), ``removed/`` and ``removed/index/``
(removed: step, reason, signal values and the thresholds that cut them) and
``quarantine/`` (quarantined: step, reason, source line). Each lookup is a
pyarrow.dataset scan with a filter on ``id``, file by file, so only matching
rows are ever materialized.
"""

from __future__ import annotations

import json
import posixpath
from typing import Any

import pyarrow.compute as pc
import pyarrow.dataset as pads
import pyarrow.fs as pafs

from engine.report_summary import StepInfo, thresholds_for
from engine.trace import INDEX_DIR

_BOOKKEEPING = {"id", "text", "removed_by", "removal_reason", "input_file", "input_line", "generated_by"}


def _files(fs: pafs.FileSystem, directory: str, suffixes: tuple[str, ...]) -> list[str]:
    infos = fs.get_file_info(pafs.FileSelector(directory, recursive=False, allow_not_found=True))
    return sorted(
        i.path
        for i in infos
        if i.type == pafs.FileType.File
        and i.path.endswith(suffixes)
        and not posixpath.basename(i.path).startswith(".")
    )


def _find(fs: pafs.FileSystem, paths: list[str], fmt: str, doc_id: str) -> list[tuple[str, dict[str, Any]]]:
    if not paths:
        return []
    dataset = pads.dataset(paths, format=fmt, filesystem=fs)
    if "id" not in dataset.schema.names:
        return []
    expr = pc.field("id") == doc_id
    hits = []
    for frag in dataset.get_fragments():
        table = frag.to_table(filter=expr, schema=frag.physical_schema)
        for row in table.to_pylist():
            hits.append((frag.path, row))
    return hits


def _load_report(fs: pafs.FileSystem, out_dir: str) -> dict[str, Any]:
    path = posixpath.join(out_dir, "report.json")
    if fs.get_file_info(path).type != pafs.FileType.File:
        return {}
    with fs.open_input_stream(path) as f:
        return json.loads(f.read().decode("utf-8"))


def _step_infos(report: dict[str, Any]) -> dict[str, StepInfo]:
    from engine.config import resolve_operator

    out = {}
    for op in report.get("ops", []):
        cls = resolve_operator(op["op"])  # its declared signals and thresholds
        if cls is not None:
            out[op["name"]] = StepInfo.from_class(op["name"], cls, op.get("params", {}))
            out[op["name"]].kind = op.get("kind", cls.kind)
        else:
            out[op["name"]] = StepInfo(op["name"], op["op"], op.get("kind", ""), op.get("params", {}))
    return out


def _signals(row: dict[str, Any], step: StepInfo | None) -> list[dict[str, Any]]:
    out = []
    for name, value in row.items():
        if name in _BOOKKEEPING or value is None:
            continue
        entry: dict[str, Any] = {"column": name, "value": value}
        if step is not None:
            thr = thresholds_for(name, step)
            if thr:
                entry["thresholds"] = {t["param"]: t["value"] for t in thr}
        out.append(entry)
    return out


def explain(out: str, doc_id: str, storage=None) -> dict[str, Any]:
    """Every place the id occurs in the output, with its fate."""
    from engine.config import StorageConfig
    from engine.io_read import filesystem_for

    fs, out_dir = filesystem_for(out, storage or StorageConfig())
    if fs.get_file_info(out_dir).type != pafs.FileType.Directory:
        raise FileNotFoundError(f"{out}: no such output directory")
    report = _load_report(fs, out_dir)
    steps = _step_infos(report)
    fmt = report.get("output_format", "parquet")
    data_fmt, data_ext = ("json", (".jsonl.gz",)) if fmt == "jsonl" else ("parquet", (".parquet",))
    fates: list[dict[str, Any]] = []

    for path, row in _find(fs, _files(fs, posixpath.join(out_dir, "data"), data_ext), data_fmt, doc_id):
        fates.append(
            {
                "fate": "kept",
                "file": posixpath.relpath(path, out_dir),
                "text": row.get("text"),
                "signals": _signals(row, None),
            }
        )

    removed_dir = posixpath.join(out_dir, "removed")
    with_text = {}
    for path, row in _find(fs, _files(fs, removed_dir, (".parquet",)), "parquet", doc_id):
        key = (row.get("input_file"), row.get("input_line"), row.get("generated_by"))
        with_text[key] = (path, row)
    index_hits = _find(
        fs, _files(fs, posixpath.join(removed_dir, INDEX_DIR), (".parquet",)), "parquet", doc_id
    )
    seen = set()
    for path, row in list(with_text.values()) + index_hits:
        key = (row.get("input_file"), row.get("input_line"), row.get("generated_by"))
        if key in seen:
            continue
        seen.add(key)
        step = steps.get(row.get("removed_by"))
        fates.append(
            {
                "fate": "removed",
                "step": row.get("removed_by"),
                "op": step.op if step else None,
                "reason": row.get("removal_reason"),
                "source": row.get("input_file"),
                "line": row.get("input_line"),
                "file": posixpath.relpath(path, out_dir),
                "text": row.get("text"),
                "in_sample": "text" in row,
                "signals": _signals(row, step),
            }
        )

    for path, row in _find(
        fs, _files(fs, posixpath.join(out_dir, "quarantine"), (".parquet",)), "parquet", doc_id
    ):
        fates.append(
            {
                "fate": "quarantined",
                "step": row.get("step"),
                "reason": row.get("reason"),
                "source": row.get("source"),
                "line": row.get("line"),
                "file": posixpath.relpath(path, out_dir),
                "text": row.get("raw"),
            }
        )
    trace = (report.get("removed_trace") or {}).get("mode", "all")
    return {"id": doc_id, "fates": fates, "removed_trace": trace}


def _preview(text: str | None, n: int = 160) -> str:
    if text is None:
        return "(no text)"
    flat = " ".join(text.split())
    return json.dumps(flat[:n] + ("…" if len(flat) > n else ""), ensure_ascii=False)


def format_explanation(result: dict[str, Any]) -> str:
    doc = result["id"]
    if not result["fates"]:
        msg = f"{doc}: not found in data/, removed/ or quarantine/"
        if result["removed_trace"] == "none":
            msg += " (this run kept no removal trace: output.removed: none, so a removed document cannot be found)"
        return msg
    lines = []
    for f in result["fates"]:
        if f["fate"] == "kept":
            lines.append(f"{doc}: KEPT, in {f['file']}")
        elif f["fate"] == "removed":
            lines.append(f"{doc}: REMOVED by step '{f['step']}' ({f['op']}), reason: {f['reason']}")
            lines.append(f"  source: {f['source']} line {f['line']}  (trace: {f['file']})")
        else:
            lines.append(f"{doc}: QUARANTINED at step '{f['step']}', reason: {f['reason']}")
            lines.append(f"  source: {f['source']} line {f['line']}  ({f['file']})")
        sigs = f.get("signals") or []
        if sigs:
            parts = []
            for s in sigs:
                v = s["value"]
                v = f"{v:.4g}" if isinstance(v, float) else json.dumps(v, ensure_ascii=False, default=str)
                thr = s.get("thresholds")
                parts.append(
                    f"{s['column']}={v}"
                    + (f" [{', '.join(f'{k}={t:g}' for k, t in thr.items())}]" if thr else "")
                )
            lines.append(("  columns: " if f["fate"] == "kept" else "  signals: ") + ", ".join(parts))
        if f["fate"] == "removed" and not f.get("in_sample"):
            lines.append("  text: not in the trace sample (output.removed: sample keeps the index only)")
        else:
            lines.append("  text: " + _preview(f.get("text")))
    return "\n".join(lines)


def explain_main(out: str, doc_id: str, as_json: bool = False) -> int:
    try:
        result = explain(out, doc_id)
    except FileNotFoundError as exc:
        print(f"explain: {exc}")
        return 2
    print(
        json.dumps(result, ensure_ascii=False, indent=2, default=str)
        if as_json
        else format_explanation(result)
    )
    return 0 if result["fates"] else 1
