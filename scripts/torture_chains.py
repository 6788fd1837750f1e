"""Whole chains on real and pathological input: every runnable config in configs/
through ``corpusforge run``, with checks that do not trust the run's own report.

    python scripts/torture_chains.py --corpora ../shared/corpora --work /tmp/cf/torture \
        [--configs quickstart,standard_chain] [--scales 0.25,0.5,1] [--skip-corpora]

Inputs of each config:

* ``corpora``: every ``*.jsonl.gz`` of ``--corpora`` (the shared corpora; never
  copied into the project);
* ``torture``: a generated corpus (:func:`write_torture_files`): megabyte single
  tokens, a megabyte of ``.``, 90 dots after words, Zalgo (1000 combining marks on
  one letter), a megabyte of one CJK character and of ``、`` / ``，``, 100k lines of
  URLs / e-mails / digits, deeply nested HTML, a 10 MB document, NUL bytes, lone
  surrogates, invalid UTF-8, BOMs, CRLF, JSON lines that are arrays / numbers /
  null, ``text`` as number / list / null / missing, duplicate and missing ids,
  huge extra columns, empty files, a gzip file cut mid-stream, mixed schemas
  across files; ``--scales`` writes it at several sizes (``1`` = the sizes above)
  to check that each step's time grows linearly;
* ``watchdog``: the torture corpus with ``execution.doc_timeout_s`` small, where
  the per-document watchdog must fire with a reason and the run still account for
  every line.

Per run: exit status; no crash, no hang (the run is killed after ``--timeout``
seconds and reported as a hang); accounting recounted from the files on disk
(non-blank input lines, by id, against the rows of ``data/``, ``removed/`` and
``quarantine/``: nothing lost, nothing doubled); every removal and quarantine
has a named step and reason; peak RSS (whole process tree, largest process) and
CPU seconds of the process tree (sampled from /proc). Each step's seconds are
the run's own figures (``report.json`` ops, worker-side time of the step).

Configs that need something not installed are skipped with the reason; the LLM
configs run against tests/llm_test_server.py (deterministic fake answers, local).
Prints one JSON object per run and a summary; ``--json OUT`` writes them all.
"""

from __future__ import annotations

import argparse
import collections
import gzip
import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
import zlib
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
MB = 1 << 20

# ----------------------------------------------------------------------------- torture corpus

_EN = (
    "the city council approved a new budget for public schools and the river project after a long "
    "meeting where parents teachers and local business owners asked many questions about the plan"
).split()
_ZH = "我们今天讨论的这个问题非常重要但是物流太慢了客服态度很好价格便宜推荐大家购买北京上海经济发展"


def _prose(rng: random.Random, n: int) -> str:
    out, size = [], 0
    while size < n:
        s = " ".join(rng.choice(_EN) for _ in range(rng.randint(8, 16))).capitalize() + ". "
        out.append(s)
        size += len(s)
    return "".join(out)[:n]


def _zh(rng: random.Random, n: int) -> str:
    out, size = [], 0
    while size < n:
        s = "".join(rng.choice(_ZH) for _ in range(rng.randint(10, 30))) + "。"
        out.append(s)
        size += len(s)
    return "".join(out)[:n]


def pathological_texts(scale: float) -> list[tuple[str, str]]:
    """(name, text) of every pathological document at ``scale`` (1: the sizes in the module doc)."""
    rng = random.Random(1)
    m = max(1, int(MB * scale))  # "a megabyte" at this scale
    k = max(1, int(100_000 * scale))  # "100k lines" at this scale
    zalgo_marks = "".join(chr(0x0300 + i % 0x70) for i in range(1000))
    return [
        ("mega_token", "x" * m),
        ("mega_token_in_prose", _prose(rng, 2000) + " " + "ab1" * (m // 3) + " " + _prose(rng, 2000)),
        ("dots_1mb", "." * m),
        ("word_90_dots", ("word" + "." * 90 + " ") * max(1, m // 95)),
        ("zalgo_1000", ("Z" + zalgo_marks + " ") * max(1, m // 2002)),
        ("cjk_one_char", "好" * max(1, m // 3)),
        ("cjk_dunhao", "、" * max(1, m // 3)),
        ("cjk_comma", "，" * max(1, m // 3)),
        ("lines_of_urls", "\n".join(f"https://example.com/a/{i}?q={i}#f" for i in range(k))),
        ("lines_of_emails", "\n".join(f"user.{i}+tag@mail{i % 97}.example.org" for i in range(k))),
        ("lines_of_digits", "\n".join(str(10**11 + i * 7919) for i in range(k))),
        ("nested_html", "<div><p>" * max(1, m // 16) + "deep text" + "</p></div>" * max(1, m // 16)),
        ("ten_mb_doc", _prose(rng, int(10 * MB * scale))),
        ("nul_chars", ("text\x00with\x00nul " * max(1, m // 64)) + _prose(rng, 500)),
        ("bom_inside", "\ufeff" + _prose(rng, 3000) + "\ufeff"),
        ("crlf_text", _prose(rng, 3000).replace(". ", ".\r\n")),
        ("zh_prose", _zh(rng, 3000)),
        ("en_prose", _prose(rng, 3000)),
    ]


def _json_line(obj: Any) -> bytes:
    return json.dumps(obj, ensure_ascii=False).encode("utf-8")


def write_torture_files(folder: str | Path, scale: float = 1.0, plain: int = 60) -> list[Path]:
    """Write the torture corpus into ``folder`` (several files); return their paths."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(7)
    files: list[Path] = []

    def put(name: str, data: bytes, gz: bool = False) -> None:
        path = folder / name
        if gz:
            data = gzip.compress(data, compresslevel=1)
        path.write_bytes(data)
        files.append(path)

    # 1. the pathological documents, with ordinary ones around them (so filters keep some)
    lines = [_json_line({"id": f"path-{name}", "text": text}) for name, text in pathological_texts(scale)]
    for i in range(plain):
        text = _prose(rng, rng.randint(600, 3000)) if i % 2 else _zh(rng, rng.randint(300, 1500))
        lines.append(_json_line({"id": f"plain-{i:03d}", "text": text}))
    put("docs.jsonl", b"\n".join(lines) + b"\n")

    # 2. bad lines: each must be quarantined with its reason, never dropped or crash the run
    bad = [
        b'{"id": "broken", "text": "unterminated',
        b"[1, 2, 3]",
        b"42",
        b"null",
        b'"just a string"',
        b'{"id": "text-number", "text": 12345}',
        b'{"id": "text-list", "text": ["a", "b"]}',
        b'{"id": "text-null", "text": null}',
        b'{"id": "text-missing", "body": "no text field"}',
        b'{"id": "text-object", "text": {"a": 1}}',
        b'{"id": "lone-surrogate", "text": "bad \\ud800 half"}',
        b'{"id": "invalid-utf8", "text": "bad \xff\xfe bytes"}',
        b'{"id": "raw-nul", "text": "raw \x00 nul"}',
        b'{"id": "whitespace", "text": " \\t\\n\\u3000 "}',
        b'{"id": "id-number-ok", "text": "' + b"An ordinary sentence with enough words to pass. " * 8 + b'"}',
        b'{"text": "' + b"A document without any id at all, written plainly. " * 8 + b'"}',
        b'{"id": null, "text": "' + b"A document whose id is null, written plainly here. " * 8 + b'"}',
        b'{"id": 7, "text": "' + b"A document whose id is a number, written plainly. " * 8 + b'"}',
        b"",
        b"   ",
        b'{"id": "dup-id", "text": "' + b"The first document that carries the duplicated id. " * 8 + b'"}',
        b'{"id": "dup-id", "text": "' + b"The second and different document with the same id. " * 8 + b'"}',
        b'{"id": "huge-extra", "text": "Short text with a huge extra column beside it. '
        + b"More words here. " * 8
        + b'", "blob": "'
        + b"z" * max(1, int(4 * MB * scale))
        + b'"}',
        _json_line(
            {
                "id": "many-keys",
                "text": "A record with thousands of extra keys beside the text, which pass through. " * 4,
                **{f"k{i}": i for i in range(max(1, int(5000 * scale)))},
            }
        ),
    ]
    put("bad.jsonl", b"\n".join(bad) + b"\n")

    # 3. BOM at the start of a file, CRLF line ends
    bom = [_json_line({"id": f"bom-{i}", "text": _prose(rng, 800)}) for i in range(3)]
    put("bom.jsonl", b"\xef\xbb\xbf" + b"\n".join(bom) + b"\n")
    crlf = [_json_line({"id": f"crlf-{i}", "text": _prose(rng, 800)}) for i in range(3)]
    put("crlf.jsonl", b"\r\n".join(crlf) + b"\r\n")

    # 4. empty files (plain and gzip), a file with no final newline, blank lines only
    put("empty.jsonl", b"")
    put("empty2.jsonl.gz", b"", gz=True)
    put("blank_only.jsonl", b"\n\n  \n")
    put("no_newline.jsonl", _json_line({"id": "no-newline", "text": _prose(rng, 900)}))

    # 5. a gzip file cut in the middle of its stream
    whole = gzip.compress(
        b"\n".join(_json_line({"id": f"trunc-{i}", "text": _prose(rng, 2000)}) for i in range(40)) + b"\n"
    )
    put("truncated.jsonl.gz", whole[: len(whole) // 2])

    # 6. mixed schemas across files: the same field with different types, fields present or not
    put(
        "schema_a.jsonl",
        b"\n".join(
            _json_line(
                {"id": f"sa-{i}", "text": _prose(rng, 700), "meta": i, "url": f"https://a.example/{i}"}
            )
            for i in range(5)
        )
        + b"\n",
    )
    put(
        "schema_b.jsonl.gz",
        b"\n".join(
            _json_line({"id": f"sb-{i}", "text": _zh(rng, 400), "meta": {"nested": [i, "x"]}, "title": None})
            for i in range(5)
        )
        + b"\n",
        gz=True,
    )
    return files


# ----------------------------------------------------------------------------- independent recount


def _read_bytes(path: Path) -> tuple[bytes, bool]:
    """The file's bytes (gunzipped as far as the stream goes) and whether the gzip stream was cut."""
    raw = path.read_bytes()
    if not path.name.endswith(".gz") or not raw:
        return raw, False
    out, pos, cut = [], 0, False
    while pos < len(raw):
        d = zlib.decompressobj(16 + zlib.MAX_WBITS)
        try:
            out.append(d.decompress(raw[pos:]))
        except zlib.error:
            cut = True
            break
        if not d.eof:
            cut = True
            break
        pos = len(raw) - len(d.unused_data)
        if not d.unused_data.strip(b"\x00"):
            break
    return b"".join(out), cut


def expected_from_inputs(paths: list[Path], id_field: str | None = "id") -> dict[str, Any]:
    """What the inputs hold, counted here without the engine: non-blank lines, the string ids."""
    lines = 0
    ids: collections.Counter[str] = collections.Counter()
    cut_files = []
    for p in paths:
        data, cut = _read_bytes(p)
        data = data.removeprefix(b"\xef\xbb\xbf")  # a BOM opening a file marks its encoding
        if cut:  # the reader names the damaged end in one record, the partial last line or not
            cut_files.append(str(p))
            if not data.rpartition(b"\n")[2].strip():
                lines += 1
        for raw in data.split(b"\n"):
            if not raw.strip():
                continue
            lines += 1
            try:
                obj = json.loads(raw.decode("utf-8"))
            except (ValueError, UnicodeDecodeError):
                continue
            if isinstance(obj, dict) and id_field and isinstance(obj.get(id_field), str):
                ids[obj[id_field]] += 1
    return {"lines": lines, "ids": ids, "cut_files": cut_files}


def _table(folder: Path, columns: list[str]):
    import pyarrow as pa
    import pyarrow.dataset as pads

    files = sorted(str(p) for p in folder.rglob("*") if p.suffix in (".parquet",) and p.is_file())
    if not files:
        jl = sorted(p for p in folder.rglob("*.jsonl*") if p.is_file())
        rows = []
        for p in jl:
            data = gzip.decompress(p.read_bytes()) if p.name.endswith(".gz") else p.read_bytes()
            rows += [json.loads(x) for x in data.split(b"\n") if x.strip()]
        return pa.Table.from_pylist([{c: r.get(c) for c in columns} for r in rows]) if rows else None
    ds = pads.dataset(files, format="parquet")
    cols = [c for c in columns if c in ds.schema.names]
    return ds.to_table(columns=cols)


def recount_outputs(out: Path) -> dict[str, Any]:
    """Rows of data/, removed/ and quarantine/ read from disk: ids, generated rows, reasons."""
    got: dict[str, Any] = {"ids": collections.Counter(), "rows": {}, "generated": 0, "unnamed": []}
    specs = {
        "data": ["id", "generated_by", "synthetic"],
        "removed": ["id", "generated_by", "synthetic", "removed_by", "removal_reason"],
        "quarantine": ["id", "generated_by", "synthetic", "step", "reason"],
    }
    for part, cols in specs.items():
        folder = out / part
        t = _table(folder, cols) if folder.exists() else None
        n = 0 if t is None else t.num_rows
        got["rows"][part] = n
        if not n:
            continue
        # a row a step made (augment_text, llm_generate): ``synthetic`` in data/, ``generated_by`` in the traces
        gen = [None] * n
        for col in ("generated_by", "synthetic"):
            if col in t.column_names:
                gen = [g or v for g, v in zip(gen, t.column(col).to_pylist())]
        for i, doc_id in enumerate(t.column("id").to_pylist()):
            if gen[i]:
                got["generated"] += 1
            else:
                got["ids"][doc_id] += 1
        if part != "data":
            step_col, reason_col = (
                ("removed_by", "removal_reason") if part == "removed" else ("step", "reason")
            )
            steps = t.column(step_col).to_pylist() if step_col in t.column_names else [None] * n
            reasons = t.column(reason_col).to_pylist() if reason_col in t.column_names else [None] * n
            got["reasons_" + part] = collections.Counter(reasons)
            bad = [i for i in range(n) if not steps[i] or not reasons[i]]
            if bad:
                got["unnamed"].append(f"{part}: {len(bad)} rows without step or reason")
    return got


def reconcile(expected: dict[str, Any], got: dict[str, Any], report: dict[str, Any] | None) -> list[str]:
    """Problems found comparing the inputs on disk, the outputs on disk and the report."""
    problems = []
    rows = sum(got["rows"].values())
    if rows != expected["lines"] + got["generated"]:
        problems.append(
            f"rows on disk {rows} ({got['rows']}) != input lines {expected['lines']} + generated {got['generated']}"
        )
    lost = expected["ids"] - got["ids"]
    if lost:
        problems.append(f"{sum(lost.values())} input ids missing from the outputs, e.g. {list(lost)[:5]}")
    doubled = {i: n for i, n in got["ids"].items() if i in expected["ids"] and n > expected["ids"][i]}
    if doubled:
        problems.append(f"ids written more often than read: {list(doubled.items())[:5]}")
    problems += got["unnamed"]
    if report is not None:
        if not report.get("accounting_ok"):
            problems.append(f"report accounting not ok: {report.get('accounting_mismatches')}")
        said = (report.get("output_docs"), report.get("removed_docs"), report.get("quarantined"))
        seen = (got["rows"]["data"], got["rows"]["removed"], got["rows"]["quarantine"])
        if said != seen:
            problems.append(f"report (kept, removed, quarantined) {said} != on disk {seen}")
        if report.get("input_docs") != expected["lines"]:
            problems.append(
                f"report input_docs {report.get('input_docs')} != lines on disk {expected['lines']}"
            )
    return problems


# ----------------------------------------------------------------------------- process tree monitor


def _children_map() -> dict[int, list[int]]:
    kids: dict[int, list[int]] = collections.defaultdict(list)
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open(f"/proc/{d}/stat", "rb") as f:
                stat = f.read()
        except OSError:
            continue
        fields = stat[stat.rfind(b")") + 2 :].split()
        kids[int(fields[1])].append(int(d))
    return kids


def _tree(pid: int) -> list[int]:
    kids = _children_map()
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo += kids.get(p, [])
    return out


def _proc_figures(pid: int) -> tuple[int, float] | None:
    """(RSS bytes, CPU seconds incl. waited-for children) of one process."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            fields = f.read().rsplit(b")", 1)[1].split()
    except OSError:
        return None
    tick = os.sysconf("SC_CLK_TCK")
    cpu = sum(int(fields[i]) for i in (11, 12, 13, 14)) / tick  # utime stime cutime cstime
    rss = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
    return rss, cpu


class TreeMonitor(threading.Thread):
    """Samples a process tree: peak total RSS, peak single-process RSS, CPU seconds."""

    def __init__(self, pid: int, every: float = 0.5) -> None:
        super().__init__(daemon=True)
        self.pid, self.every = pid, every
        self.peak_total = self.peak_one = 0
        self.cpu: dict[int, float] = {}
        self.stop_event = threading.Event()

    def run(self) -> None:
        while not self.stop_event.is_set():
            total = 0
            for p in _tree(self.pid):
                fig = _proc_figures(p)
                if fig is None:
                    continue
                total += fig[0]
                self.peak_one = max(self.peak_one, fig[0])
                self.cpu[p] = max(self.cpu.get(p, 0.0), fig[1])
            self.peak_total = max(self.peak_total, total)
            self.stop_event.wait(self.every)

    def cpu_s(self) -> float:
        return sum(self.cpu.values())


def _kill_tree(pid: int) -> None:
    for p in reversed(_tree(pid)):
        try:
            os.kill(p, signal.SIGKILL)
        except OSError:
            pass


# ----------------------------------------------------------------------------- configs


def _llm_server() -> tuple[subprocess.Popen, str]:
    proc = subprocess.Popen(
        [sys.executable, str(ROOT / "tests" / "llm_test_server.py"), "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    first = proc.stdout.readline().split()
    return proc, f"http://127.0.0.1:{first[1]}/v1"


def plan_runs(
    configs: list[str], inputs: dict[str, list[Path]], llm_url: str | None
) -> tuple[list[dict], list[str]]:
    """(runs, skipped with reasons). A run: name, config dict, input paths."""
    runs, skipped = [], []
    for name in configs:
        path = ROOT / "configs" / f"{name}.yaml"
        base = yaml.safe_load(path.read_text())
        steps = [s["op"] for s in base["pipeline"]]
        if "llm_generate" in steps and not llm_url:
            skipped.append(f"{name}: needs an LLM server (tests/llm_test_server.py not started)")
            continue
        for label, paths in inputs.items():
            cfg = json.loads(json.dumps(base))
            if "llm_generate" in steps:
                for s in cfg["pipeline"]:
                    if s["op"] == "llm_generate":
                        s["base_url"] = llm_url
            if cfg["input"].get("format") == "warc":
                # html_extract needs HTML: the WARC sample, the shared HTML pages, the torture text as HTML
                if label == "corpora":
                    html = [p for p in paths if p.name.startswith("web_pages_html")]
                    if not html:
                        skipped.append(f"{name}/{label}: no web_pages_html corpus")
                        continue
                    paths = html
                    cfg["input"] = {"paths": [], "format": "jsonl", "html_field": "html"}
                else:
                    cfg["input"] = {"paths": [], "format": "jsonl", "html_field": "text"}
            cfg["input"]["paths"] = [str(p) for p in paths]
            runs.append({"name": f"{name}/{label}", "config": cfg, "paths": paths})
        if base["input"].get("format") == "warc":
            cfg = json.loads(json.dumps(base))
            cfg["input"]["paths"] = [str(ROOT / p) for p in cfg["input"]["paths"]]
            runs.append({"name": f"{name}/sample_warc", "config": cfg, "paths": None})
    return runs, skipped


def run_one(run: dict, work: Path, timeout: float, cpus: int, extra: dict | None = None) -> dict[str, Any]:
    """One ``corpusforge run`` with the checks; returns its result row."""
    out = work / "runs" / run["name"].replace("/", "__")
    cfg = json.loads(json.dumps(run["config"]))
    cfg["output"]["path"] = str(out)
    cfg["output"]["overwrite"] = True
    cfg.setdefault("ray", {})["num_cpus"] = cpus
    cfg.setdefault("report", {})["html"] = False
    for key, value in (extra or {}).items():
        cfg.setdefault(key, {}).update(value)
    cfg_path = work / "configs" / (run["name"].replace("/", "__") + ".yaml")
    cfg_path.parent.mkdir(parents=True, exist_ok=True)
    cfg_path.write_text(yaml.safe_dump(cfg, allow_unicode=True))
    log = cfg_path.with_suffix(".log")
    t0 = time.time()
    with open(log, "wb") as err:
        proc = subprocess.Popen(
            [sys.executable, "-m", "engine.cli", "run", str(cfg_path), "--json", "--no-progress"],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=err,
        )
        mon = TreeMonitor(proc.pid)
        mon.start()
        hang = False
        try:
            stdout, _ = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            hang = True
            _kill_tree(proc.pid)
            stdout, _ = proc.communicate()
        mon.stop_event.set()
        mon.join()
    row: dict[str, Any] = {
        "run": run["name"],
        "exit": proc.returncode,
        "hang": hang,
        "wall_s": round(time.time() - t0, 1),
        "tree_cpu_s": round(mon.cpu_s(), 1),
        "peak_rss_total_mb": round(mon.peak_total / MB),
        "peak_rss_one_mb": round(mon.peak_one / MB),
        "log": str(log),
    }
    report = None
    if (out / "report.json").exists():
        report = json.loads((out / "report.json").read_text())
    problems = []
    if hang:
        problems.append(f"hang: killed after {timeout:g} s")
    if proc.returncode not in (0, 3):
        tail = log.read_bytes()[-600:].decode("utf-8", "replace")
        problems.append(f"exit status {proc.returncode}: {tail}")
    if report is not None and run["paths"] is not None:
        id_field = cfg["input"].get("id_field", "id")
        expected = expected_from_inputs(run["paths"], id_field)
        got = recount_outputs(out)
        problems += reconcile(expected, got, report)
        row["in"] = expected["lines"]
        row["kept/removed/quarantined"] = [got["rows"][k] for k in ("data", "removed", "quarantine")]
        row["generated"] = got["generated"]
        row["quarantine_reasons"] = dict(got.get("reasons_quarantine", {}))
        row["removal_reasons"] = dict(got.get("reasons_removed", {}))
        if expected["cut_files"]:
            named = [r for r in row["quarantine_reasons"] if "gzip" in r or "truncat" in r or "compress" in r]
            if not named:
                problems.append(
                    f"cut gzip files with no quarantine reason naming it: {expected['cut_files']}"
                )
    elif report is not None:
        row["in"] = report.get("input_docs")
        row["kept/removed/quarantined"] = [
            report.get(k) for k in ("output_docs", "removed_docs", "quarantined")
        ]
        if not report.get("accounting_ok"):
            problems.append("report accounting not ok")
    elif not hang:
        problems.append("no report.json")
    if report is not None:
        row["step_seconds"] = {o["name"]: o.get("seconds") for o in report.get("ops", [])}
    row["problems"] = problems
    return row


def linear_check(rows: dict[float, dict], bound: float = 2.0, floor_s: float = 0.3) -> list[str]:
    """Steps whose seconds grew more than ``bound`` x the size ratio between the smallest and largest scale
    (steps under ``floor_s`` seconds at the largest scale are noise and not judged)."""
    scales = sorted(s for s, row in rows.items() if row.get("step_seconds") and not row["problems"])
    if len(scales) < 2:
        return []
    lo, hi = rows[scales[0]].get("step_seconds") or {}, rows[scales[-1]].get("step_seconds") or {}
    ratio = scales[-1] / scales[0]
    bad = []
    for step, s_hi in hi.items():
        s_lo = lo.get(step)
        if s_hi is None or s_lo is None or s_hi < floor_s:
            continue
        if s_hi > bound * ratio * max(s_lo, floor_s / ratio):
            bad.append(f"{step}: {s_lo:.2f} s -> {s_hi:.2f} s at {ratio:g}x the input")
    return bad


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpora", help="folder of *.jsonl.gz corpora (e.g. ../shared/corpora)")
    ap.add_argument("--work", default="/tmp/cf/torture", help="scratch folder (inputs, outputs, logs)")
    ap.add_argument("--configs", help="comma-separated config names (default: every configs/*.yaml)")
    ap.add_argument("--scales", default="1", help="torture corpus sizes, e.g. 0.25,0.5,1")
    ap.add_argument("--skip-corpora", action="store_true")
    ap.add_argument("--skip-torture", action="store_true")
    ap.add_argument("--no-watchdog-run", action="store_true")
    ap.add_argument("--timeout", type=float, default=1200, help="seconds before a run counts as hung")
    ap.add_argument("--cpus", type=int, default=2)
    ap.add_argument("--json", help="write every result row to this file")
    a = ap.parse_args(argv)
    work = Path(a.work)
    configs = a.configs.split(",") if a.configs else sorted(p.stem for p in (ROOT / "configs").glob("*.yaml"))
    scales = [float(s) for s in a.scales.split(",")]
    inputs: dict[str, list[Path]] = {}
    if a.corpora and not a.skip_corpora:
        inputs["corpora"] = sorted(Path(a.corpora).glob("*.jsonl.gz"))
    if not a.skip_torture:
        for s in scales:
            inputs[f"torture_x{s:g}"] = write_torture_files(work / "inputs" / f"torture_x{s:g}", s)
    server, llm_url = None, None
    if any("llm_generate" in (ROOT / "configs" / f"{c}.yaml").read_text() for c in configs):
        server, llm_url = _llm_server()
    rows: list[dict] = []
    try:
        runs, skipped = plan_runs(configs, inputs, llm_url)
        for s in skipped:
            print(json.dumps({"skipped": s}), flush=True)
        for run in runs:
            row = run_one(run, work, a.timeout, a.cpus)
            rows.append(row)
            print(json.dumps(row, ensure_ascii=False), flush=True)
        if not a.skip_torture and not a.no_watchdog_run:
            label = f"torture_x{scales[-1]:g}"
            wd_runs, _ = plan_runs(["standard_chain"], {label: inputs[label]}, None)
            for run in wd_runs:
                run["name"] = run["name"].replace(label, label + "_watchdog")
                row = run_one(run, work, a.timeout, a.cpus, {"execution": {"doc_timeout_s": 0.05}})
                fired = [
                    r for r in row.get("quarantine_reasons", {}) if r and r.startswith("operator_timeout")
                ]
                row["watchdog_fired"] = fired
                if not fired:
                    row["problems"].append("watchdog did not fire at doc_timeout_s 0.05")
                rows.append(row)
                print(json.dumps(row, ensure_ascii=False), flush=True)
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
    # linear time per step across the torture scales, per config
    linear: dict[str, list[str]] = {}
    if len(scales) > 1:
        by_cfg: dict[str, dict[float, dict]] = collections.defaultdict(dict)
        for row in rows:
            cfg_name, _, label = row["run"].partition("/")
            if label.startswith("torture_x") and not label.endswith("_watchdog"):
                by_cfg[cfg_name][float(label.removeprefix("torture_x"))] = row
        for cfg_name, per_scale in by_cfg.items():
            linear[cfg_name] = linear_check(per_scale)
    summary = {
        "runs": len(rows),
        "failed": [r["run"] for r in rows if r["problems"]],
        "skipped": skipped,
        "not_linear": {k: v for k, v in linear.items() if v},
        "peak_rss_total_mb": max((r["peak_rss_total_mb"] for r in rows), default=0),
    }
    print(json.dumps({"summary": summary}, ensure_ascii=False), flush=True)
    if a.json:
        Path(a.json).write_text(json.dumps({"rows": rows, "summary": summary}, ensure_ascii=False, indent=1))
    return 1 if summary["failed"] or summary["not_linear"] else 0


if __name__ == "__main__":
    sys.exit(main())
