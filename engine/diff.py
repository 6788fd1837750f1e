"""``corpusforge diff OLD NEW``: what changed between two releases (issue #15).

* documents added, removed and changed, matched by id and compared by a
  64-bit content hash (xxh3 of the text), in total, per language (``lang``)
  and per source (``source``/``source_domain``/``url`` host column when present,
  else the input file of the data shard);
* the quality dimensions, total and grade of both reports;
* for every numeric signal column present in both: the population stability
  index over 20 equal-width bins of the joint range, PSI = sum (q - p) ln(q / p)
  with bin fractions floored at 1e-4 (Siddiqi, *Credit Risk Scorecards*, 2006,
  ch. 8: < 0.1 no shift, 0.1-0.25 moderate, > 0.25 major), and the two-sample
  Kolmogorov-Smirnov test (``scipy.stats.ks_2samp``) on uniform random samples
  of at most ``SAMPLE`` values per side (exact when the column is smaller).

Memory (streamed over the data shards, one batch at a time): documents are
hash-partitioned by id into Parquet files in a temporary directory (2^k
partitions, k from the larger release's document count so a partition holds
about ``PARTITION_ROWS`` documents), then compared one partition at a time:
memory is one partition of both sides (about PARTITION_ROWS x (id + 30 B)),
whatever the size of the releases. Signals take two passes over their
columns only (range, then histograms), holding bins and the samples.
"""

from __future__ import annotations

import html
import json
import os
import posixpath
import shutil
import tempfile
from typing import Any
from urllib.parse import urlsplit

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.fs as pafs
import pyarrow.parquet as pq
import xxhash

BINS = 20
SAMPLE = 50_000
PARTITION_ROWS = 1 << 20
EXAMPLES = 10
PSI_FLOOR = 1e-4
NOT_SIGNALS = {"id", "text", "html", "dup_cluster", "_cf_line", "_cf_unit", "_cf_block"}
SOURCE_COLUMNS = ("source", "source_domain", "url")


class Side:
    """One release: file system, root, manifest, report and data files."""

    def __init__(
        self, uri: str, storage: Any = None, fs: pafs.FileSystem | None = None, root: str | None = None
    ):
        from engine.config import StorageConfig
        from engine.io_read import filesystem_for

        self.uri = uri
        if fs is None:
            fs, root = filesystem_for(uri, storage or StorageConfig())
        self.fs, self.root = fs, root
        self.report = self._json("report.json") or {}
        self.manifest = self._json("manifest.json") or {}
        rel = self.manifest.get("release") or self.report.get("release") or {}
        self.version = rel.get("version") or self.manifest.get("version_id")
        data = posixpath.join(root, "data")
        infos = fs.get_file_info(pafs.FileSelector(data, allow_not_found=True, recursive=True))
        self.files = sorted(
            i.path
            for i in infos
            if i.type == pafs.FileType.File and i.base_name.endswith((".parquet", ".jsonl.gz"))
        )
        inputs = (self.report.get("input_fingerprint") or {}).get("files") or []
        self.inputs = [posixpath.basename(f.get("uri", "")) for f in inputs]

    def _json(self, name: str) -> dict[str, Any] | None:
        path = posixpath.join(self.root, name)
        if self.fs.get_file_info(path).type != pafs.FileType.File:
            return None
        with self.fs.open_input_stream(path) as f:
            return json.loads(f.read().decode("utf-8"))

    def shard_source(self, path: str) -> str:
        """The input file of a data shard (``part-<file>-<line>.*``)."""
        name = posixpath.basename(path)
        try:
            idx = int(name.split("-")[1])
            return self.inputs[idx] if idx < len(self.inputs) else f"file {idx}"
        except (IndexError, ValueError):
            return name

    def schema(self) -> pa.Schema:
        fields: dict[str, pa.Field] = {}
        for path in self.files:
            for f in self._file_schema(path):
                fields.setdefault(f.name, f)
        return pa.schema(list(fields.values()))

    def _file_schema(self, path: str) -> pa.Schema:
        if path.endswith(".parquet"):
            with self.fs.open_input_file(path) as f:
                return pq.read_schema(f)
        return next(self.batches([path], None), pa.table({})).schema

    def batches(self, files: list[str] | None = None, columns: list[str] | None = None, size: int = 65_536):
        """Tables of at most ``size`` rows over the data shards (one shard's
        row group / JSONL file at a time)."""
        for path in files if files is not None else self.files:
            if path.endswith(".parquet"):
                with self.fs.open_input_file(path) as f:
                    pf = pq.ParquetFile(f)
                    cols = [c for c in columns if c in pf.schema_arrow.names] if columns is not None else None
                    for b in pf.iter_batches(batch_size=size, columns=cols):
                        yield pa.Table.from_batches([b])
            else:
                import pyarrow.json as pj

                with self.fs.open_input_stream(path) as f:  # .gz decompressed by extension
                    t = pj.read_json(f)
                if columns is not None:
                    t = t.select([c for c in columns if c in t.column_names])
                for a in range(0, t.num_rows, size):
                    yield t.slice(a, size)

    def docs(self) -> int:
        return int(self.manifest.get("output_docs") or self.report.get("output_docs") or 0)


def numeric_columns(schema: pa.Schema) -> list[str]:
    out = []
    for f in schema:
        t = f.type
        if f.name in NOT_SIGNALS or f.name.startswith("_"):
            continue
        if (pa.types.is_integer(t) or pa.types.is_floating(t)) and not pa.types.is_boolean(t):
            out.append(f.name)
    return out


# --------------------------------------------------------------------------- documents
_DOC_SCHEMA = pa.schema(
    [("id", pa.string()), ("ch", pa.int64()), ("lang", pa.string()), ("source", pa.string())]
)


def _doc_rows(side: Side, path: str, t: pa.Table, source_col: str | None) -> pa.Table:
    n = t.num_rows
    ids = t.column("id").cast(pa.string()) if "id" in t.column_names else pa.nulls(n, pa.string())
    texts = t.column("text").fill_null("").to_pylist() if "text" in t.column_names else [""] * n
    h = xxhash.xxh3_64_intdigest
    ch = np.fromiter((h(x.encode("utf-8", "surrogatepass")) for x in texts), np.uint64, n).view(np.int64)
    lang = (
        t.column("lang").cast(pa.string()).fill_null("und")
        if "lang" in t.column_names
        else pa.array(["und"] * n)
    )
    if source_col and source_col in t.column_names:
        vals = t.column(source_col).cast(pa.string()).to_pylist()
        if source_col == "url":
            vals = [urlsplit(v).hostname if v else None for v in vals]
        source = pa.array([v or "(none)" for v in vals], pa.string())
    else:
        source = pa.array([side.shard_source(path)] * n, pa.string())
    return pa.table({"id": ids, "ch": ch, "lang": lang, "source": source}, schema=_DOC_SCHEMA)


def _partition_docs(side: Side, bits: int, directory: str, source_col: str | None) -> None:
    """Spill (id, content hash, lang, source) into 2^bits Parquet files by id hash."""
    os.makedirs(directory, exist_ok=True)
    writers: dict[int, pq.ParquetWriter] = {}
    try:
        for path in side.files:
            for t in side.batches([path], list(dict.fromkeys(["id", "text", "lang", source_col or "id"]))):
                rows = _doc_rows(side, path, t, source_col)
                idh = np.fromiter(
                    (
                        xxhash.xxh3_64_intdigest((i or "").encode("utf-8", "surrogatepass"))
                        for i in rows.column("id").to_pylist()
                    ),
                    np.uint64,
                    rows.num_rows,
                )
                part = (
                    (idh >> np.uint64(64 - bits)).astype(np.int64)
                    if bits
                    else np.zeros(rows.num_rows, np.int64)
                )
                for p in np.unique(part):
                    w = writers.get(int(p))
                    if w is None:
                        w = writers[int(p)] = pq.ParquetWriter(
                            os.path.join(directory, f"{int(p)}.parquet"), _DOC_SCHEMA
                        )
                    w.write_table(rows.filter(pa.array(part == p)))
    finally:
        for w in writers.values():
            w.close()


def _first_per_id(t: pa.Table) -> tuple[pa.Table, int]:
    if t.num_rows == 0:
        return t, 0
    ids = t.column("id").fill_null("").to_numpy(zero_copy_only=False)
    _, first = np.unique(ids, return_index=True)
    return t.take(pa.array(np.sort(first))), t.num_rows - len(first)


def compare_documents(old: Side, new: Side, tmp_dir: str | None = None) -> dict[str, Any]:
    """Added / removed / changed / unchanged documents by id, per language and source."""
    rows = max(old.docs(), new.docs(), 1)
    bits = max(0, (-(-rows // PARTITION_ROWS) - 1).bit_length())
    source_col = next(
        (c for c in SOURCE_COLUMNS if c in old.schema().names and c in new.schema().names), None
    )
    base = tempfile.mkdtemp(prefix="corpusforge-diff-", dir=tmp_dir)
    totals = {
        "added": 0,
        "removed": 0,
        "changed": 0,
        "unchanged": 0,
        "duplicate_ids_old": 0,
        "duplicate_ids_new": 0,
    }
    by_lang: dict[str, dict[str, int]] = {}
    by_source: dict[str, dict[str, int]] = {}
    examples: dict[str, list[str]] = {"added": [], "removed": [], "changed": []}
    try:
        _partition_docs(old, bits, os.path.join(base, "old"), source_col)
        _partition_docs(new, bits, os.path.join(base, "new"), source_col)
        for p in range(1 << bits):
            sides = []
            for name in ("old", "new"):
                f = os.path.join(base, name, f"{p}.parquet")
                t = pq.read_table(f) if os.path.exists(f) else _DOC_SCHEMA.empty_table()
                t, dups = _first_per_id(t)
                totals[f"duplicate_ids_{name}"] += dups
                sides.append(t)
            o, n = sides
            j = o.join(
                n,
                keys="id",
                join_type="full outer",
                left_suffix="_old",
                right_suffix="_new",
                use_threads=False,
            )
            ch_o, ch_n = j.column("ch_old"), j.column("ch_new")
            kinds = {
                "added": pc.is_null(ch_o),
                "removed": pc.is_null(ch_n),
                "changed": pc.and_(pc.and_(pc.is_valid(ch_o), pc.is_valid(ch_n)), pc.not_equal(ch_o, ch_n)),
                "unchanged": pc.equal(ch_o, ch_n),
            }
            for kind, mask in kinds.items():
                sel = j.filter(pc.fill_null(mask, False))
                totals[kind] += sel.num_rows
                if kind == "unchanged" or sel.num_rows == 0:
                    continue
                side = "_old" if kind == "removed" else "_new"
                for col, acc in (("lang", by_lang), ("source", by_source)):
                    vc = pc.value_counts(sel.column(col + side).fill_null("und"))
                    for v, c in zip(vc.field("values").to_pylist(), vc.field("counts").to_pylist()):
                        acc.setdefault(v, {"added": 0, "removed": 0, "changed": 0})[kind] += c
                if len(examples[kind]) < EXAMPLES:
                    examples[kind] += sel.column("id").slice(0, EXAMPLES - len(examples[kind])).to_pylist()
    finally:
        shutil.rmtree(base, ignore_errors=True)
    return {
        **totals,
        "by_language": dict(sorted(by_lang.items())),
        "by_source": dict(sorted(by_source.items(), key=lambda kv: -sum(kv[1].values()))[:50]),
        "source_column": source_col or "input file",
        "examples": examples,
        "id_partitions": 1 << bits,
    }


# --------------------------------------------------------------------------- signals
def psi(p_counts: np.ndarray, q_counts: np.ndarray) -> float:
    """Population stability index of two histograms over the same bins."""
    p = np.maximum(p_counts / max(p_counts.sum(), 1), PSI_FLOOR)
    q = np.maximum(q_counts / max(q_counts.sum(), 1), PSI_FLOOR)
    return float(np.sum((q - p) * np.log(q / p)))


class _Reservoir:
    """A uniform sample of at most k values from a stream (random keys, the k smallest kept)."""

    def __init__(self, k: int, seed: int) -> None:
        self.k = k
        self.rng = np.random.default_rng(seed)
        self.keys = np.zeros(0)
        self.values = np.zeros(0)

    def add(self, values: np.ndarray) -> None:
        keys = np.concatenate([self.keys, self.rng.random(len(values))])
        vals = np.concatenate([self.values, values])
        if len(keys) > self.k:
            idx = np.argpartition(keys, self.k)[: self.k]
            keys, vals = keys[idx], vals[idx]
        self.keys, self.values = keys, vals


def _values(t: pa.Table, col: str) -> np.ndarray:
    if col not in t.column_names:
        return np.zeros(0)
    v = t.column(col).cast(pa.float64()).to_numpy(zero_copy_only=False)
    return v[np.isfinite(v)]


def signal_shift(old: Side, new: Side, columns: list[str] | None = None) -> dict[str, Any]:
    """PSI and the KS test for every numeric signal column present in both releases."""
    from scipy.stats import ks_2samp

    if columns is None:
        columns = sorted(set(numeric_columns(old.schema())) & set(numeric_columns(new.schema())))
    if not columns:
        return {}
    lo = {c: np.inf for c in columns}
    hi = {c: -np.inf for c in columns}
    for side in (old, new):
        for t in side.batches(None, columns):
            for c in columns:
                v = _values(t, c)
                if len(v):
                    lo[c], hi[c] = min(lo[c], float(v.min())), max(hi[c], float(v.max()))
    out: dict[str, Any] = {}
    hists: dict[str, list[np.ndarray]] = {c: [] for c in columns}
    stats: dict[str, list[dict[str, Any]]] = {c: [] for c in columns}
    edges = {}
    for c in columns:
        a, b = (lo[c], hi[c]) if np.isfinite(lo[c]) else (0.0, 1.0)
        edges[c] = np.linspace(a, b if b > a else a + 1.0, BINS + 1)
    for s, side in enumerate((old, new)):
        counts = {c: np.zeros(BINS, np.int64) for c in columns}
        sums = {c: 0.0 for c in columns}
        res = {c: _Reservoir(SAMPLE, 17 + s) for c in columns}
        for t in side.batches(None, columns):
            for c in columns:
                v = _values(t, c)
                counts[c] += np.histogram(v, bins=edges[c])[0]
                sums[c] += float(v.sum())
                res[c].add(v)
        for c in columns:
            n = int(counts[c].sum())
            hists[c].append(counts[c])
            stats[c].append({"n": n, "mean": sums[c] / n if n else None, "sample": res[c].values})
    for c in columns:
        (po, pn), (so, sn) = hists[c], stats[c]
        entry: dict[str, Any] = {
            "edges": [float(x) for x in edges[c]],
            "old_hist": po.tolist(),
            "new_hist": pn.tolist(),
            "old_n": so["n"],
            "new_n": sn["n"],
            "old_mean": so["mean"],
            "new_mean": sn["mean"],
            "psi": None,
            "ks_statistic": None,
            "ks_pvalue": None,
        }
        if so["n"] and sn["n"]:
            entry["psi"] = round(psi(po, pn), 6)
            ks = ks_2samp(so["sample"], sn["sample"])
            entry["ks_statistic"] = round(float(ks.statistic), 6)
            entry["ks_pvalue"] = float(ks.pvalue)
            entry["ks_sampled"] = so["n"] > SAMPLE or sn["n"] > SAMPLE
        out[c] = entry
    return out


# --------------------------------------------------------------------------- quality and languages
def _quality(report: dict[str, Any]) -> dict[str, Any]:
    q = report.get("quality") or {}
    return {
        "total": q.get("total"),
        "grade": q.get("grade"),
        "dimensions": {k: v.get("score") for k, v in (q.get("dimensions") or {}).items()},
    }


def language_shares(report: dict[str, Any]) -> dict[str, float]:
    kept = ((report.get("profile") or {}).get("languages") or {}).get("kept") or {}
    total = sum(kept.values()) or 1
    return {k: v / total for k, v in kept.items()}


def diff(old_uri: str, new_uri: str, storage: Any = None, tmp_dir: str | None = None) -> dict[str, Any]:
    old, new = Side(old_uri, storage), Side(new_uri, storage)
    for s in (old, new):
        if not s.manifest:
            raise FileNotFoundError(f"{s.uri}: no manifest.json (not a finished corpusforge output)")
    qo, qn = _quality(old.report), _quality(new.report)
    lo, ln = language_shares(old.report), language_shares(new.report)
    return {
        "old": {"path": old_uri, "version": old.version, "docs": old.docs()},
        "new": {"path": new_uri, "version": new.version, "docs": new.docs()},
        "documents": compare_documents(old, new, tmp_dir),
        "quality": {
            "old": qo,
            "new": qn,
            "total_change": None
            if qo["total"] is None or qn["total"] is None
            else round(qn["total"] - qo["total"], 2),
        },
        "languages": {
            k: {"old": round(lo.get(k, 0.0), 6), "new": round(ln.get(k, 0.0), 6)}
            for k in sorted(set(lo) | set(ln))
        },
        "signals": signal_shift(old, new),
    }


# --------------------------------------------------------------------------- renderings
def render_text(d: dict[str, Any]) -> str:
    docs = d["documents"]
    lines = [
        f"diff {d['old']['path']} ({d['old']['version']}, {d['old']['docs']:,} docs) -> "
        f"{d['new']['path']} ({d['new']['version']}, {d['new']['docs']:,} docs)",
        f"documents: +{docs['added']:,} added, -{docs['removed']:,} removed, ~{docs['changed']:,} changed, "
        f"{docs['unchanged']:,} unchanged (by id and content hash)",
    ]
    for title, key in (
        ("per language", "by_language"),
        (f"per source ({docs['source_column']})", "by_source"),
    ):
        if docs[key]:
            lines.append(f"  {title}:")
            for k, v in docs[key].items():
                lines.append(f"    {k:<24} +{v['added']:,} -{v['removed']:,} ~{v['changed']:,}")
    q = d["quality"]
    lines.append(
        f"quality: {q['old']['total']} ({q['old']['grade']}) -> {q['new']['total']} ({q['new']['grade']}), "
        f"change {q['total_change']}"
    )
    for k in sorted(set(q["old"]["dimensions"]) | set(q["new"]["dimensions"])):
        lines.append(f"  {k:<14} {q['old']['dimensions'].get(k)} -> {q['new']['dimensions'].get(k)}")
    if d["languages"]:
        lines.append(
            "language shares (kept): "
            + ", ".join(f"{k} {v['old']:.3f}->{v['new']:.3f}" for k, v in d["languages"].items())
        )
    if d["signals"]:
        lines.append("signals (PSI: <0.1 stable, 0.1-0.25 moderate, >0.25 major shift; KS two-sample test):")
        for c, s in d["signals"].items():
            lines.append(
                f"  {c:<28} PSI {s['psi']}  KS D={s['ks_statistic']} p={_p(s['ks_pvalue'])}  "
                f"mean {_num(s['old_mean'])} -> {_num(s['new_mean'])}"
            )
    return "\n".join(lines)


def _p(v: float | None) -> str:
    return "-" if v is None else f"{v:.3g}"


def _num(v: float | None) -> str:
    return "-" if v is None else f"{v:.4g}"


def _hist_svg(name: str, s: dict[str, Any]) -> str:
    from engine.report_html import COLORS, _figure, _style, _svg

    edges = np.asarray(s["edges"])
    centers = (edges[:-1] + edges[1:]) / 2
    width = (edges[1] - edges[0]) * 0.4
    po = np.asarray(s["old_hist"], float) / max(sum(s["old_hist"]), 1)
    pn = np.asarray(s["new_hist"], float) / max(sum(s["new_hist"]), 1)
    fig = _figure(7.5, 2.2)
    ax = fig.add_subplot(111)
    ax.bar(centers - width / 2, po, width=width, color=COLORS.get("removed", "#999999"), label="old")
    ax.bar(centers + width / 2, pn, width=width, color=COLORS.get("kept", "#1f77b4"), label="new")
    ax.set_title(
        f"{name}: PSI {s['psi']}, KS D {s['ks_statistic']} (p {_p(s['ks_pvalue'])})", fontsize=10, loc="left"
    )
    ax.set_ylabel("share of documents", fontsize=8)
    ax.legend(fontsize=8, frameon=False)
    _style(ax)
    return _svg(fig)


def render_html(d: dict[str, Any]) -> str:
    from engine.report_html import CSS

    e = html.escape
    docs = d["documents"]

    def table(head: list[str], rows: list[list[Any]]) -> str:
        h = "".join(f"<th>{e(str(x))}</th>" for x in head)
        body = "".join("<tr>" + "".join(f"<td>{e(str(x))}</td>" for x in r) + "</tr>" for r in rows)
        return f"<table><tr>{h}</tr>{body}</table>"

    parts = [
        f"<!doctype html><html><head><meta charset='utf-8'><title>diff {e(str(d['old']['version']))} → "
        f"{e(str(d['new']['version']))}</title><style>{CSS}</style></head><body>",
        f"<header><h1>corpusforge diff</h1><p>{e(d['old']['path'])} ({e(str(d['old']['version']))}) → "
        f"{e(d['new']['path'])} ({e(str(d['new']['version']))})</p></header><main>",
        "<section><h2>Documents</h2>"
        + table(
            ["added", "removed", "changed", "unchanged"],
            [
                [
                    f"{docs['added']:,}",
                    f"{docs['removed']:,}",
                    f"{docs['changed']:,}",
                    f"{docs['unchanged']:,}",
                ]
            ],
        )
        + "<h3>Per language</h3>"
        + table(
            ["language", "added", "removed", "changed"],
            [[k, v["added"], v["removed"], v["changed"]] for k, v in docs["by_language"].items()],
        )
        + f"<h3>Per source ({e(docs['source_column'])})</h3>"
        + table(
            ["source", "added", "removed", "changed"],
            [[k, v["added"], v["removed"], v["changed"]] for k, v in docs["by_source"].items()],
        )
        + "</section>",
    ]
    q = d["quality"]
    dims = sorted(set(q["old"]["dimensions"]) | set(q["new"]["dimensions"]))
    parts.append(
        "<section><h2>Quality</h2>"
        + table(
            ["", "old", "new"],
            [["total", q["old"]["total"], q["new"]["total"]], ["grade", q["old"]["grade"], q["new"]["grade"]]]
            + [[k, q["old"]["dimensions"].get(k), q["new"]["dimensions"].get(k)] for k in dims],
        )
        + "</section>"
    )
    if d["signals"]:
        rows = [
            [c, s["psi"], s["ks_statistic"], _p(s["ks_pvalue"]), _num(s["old_mean"]), _num(s["new_mean"])]
            for c, s in d["signals"].items()
        ]
        figs = "".join(
            f"<figure>{_hist_svg(c, s)}</figure>" for c, s in d["signals"].items() if s["psi"] is not None
        )
        parts.append(
            "<section><h2>Signal distributions</h2>"
            + table(["column", "PSI", "KS D", "KS p", "old mean", "new mean"], rows)
            + figs
            + "</section>"
        )
    parts.append("</main></body></html>")
    return "".join(parts)


def diff_main(argv: list[str]) -> int:
    """``corpusforge diff OLD NEW [--json] [--html PATH]``."""
    import argparse

    ap = argparse.ArgumentParser(prog="corpusforge diff", description="compare two corpusforge releases")
    ap.add_argument("old")
    ap.add_argument("new")
    ap.add_argument("--json", action="store_true", help="print the diff as JSON")
    ap.add_argument("--html", metavar="PATH", help="also write an HTML page with the histograms side by side")
    ap.add_argument("--tmp", metavar="DIR", help="directory for the id partitions (default: system temp)")
    ap.add_argument("--endpoint-url", help="S3 endpoint (credentials from the AWS_* environment variables)")
    args = ap.parse_args(argv)
    from engine.config import StorageConfig

    try:
        d = diff(args.old, args.new, StorageConfig(endpoint_url=args.endpoint_url), tmp_dir=args.tmp)
    except FileNotFoundError as exc:
        print(f"diff: {exc}")
        return 2
    print(json.dumps(d, indent=2, ensure_ascii=False, default=str) if args.json else render_text(d))
    if args.html:
        with open(args.html, "w", encoding="utf-8") as f:
            f.write(render_html(d))
    return 0
