"""The run report: accounting for every input document.

``input_docs`` is the reader's own count (its unit markers); output, removed,
quarantined and generated documents are what the writer wrote; each step's
``docs_in``/``docs_out`` are the step's own counts (engine/accounting.py).
Bytes, seconds and CPU seconds (``cpu_seconds``: the operator's calls on the
worker's thread, engine/step_runner.py) per step come from the live statistics. The independent
counts are reconciled on every run (:func:`engine.accounting.reconcile`: per
unit, per step, between consecutive steps, and the identity

    input_docs + generated_docs == output_docs + removed_docs + quarantined

); ``accounting_ok`` records the result, ``accounting_mismatches`` every
difference, and the executor fails the run with ``AccountingError`` when
anything does not add up.
"""

from __future__ import annotations

import time
from typing import Any

from engine import columns as C
from engine.accounting import Counts, reconcile
from engine.config import RunConfig


def build_report(
    cfg: RunConfig,
    files: list,
    tally: dict[str, Any],
    live: dict[str, Any],
    stage_reports: dict[str, dict[str, Any]],
    started: float,
    counts: Counts | None = None,
) -> dict[str, Any]:
    """The report of a run. With ``counts`` (the reader's and the steps' own
    counts) the accounting is reconciled against the writer's tally; without,
    only the writer's identity is checked."""
    removed = tally["removed"]
    quarantined = tally["quarantined"]
    generated = tally["generated"]
    q_input = sum(quarantined.get(C.INPUT_STEP, {}).values())
    input_docs = int(counts.reader["rows"]) if counts is not None else tally["input_docs"]
    own = counts.steps if counts is not None else {}
    n_generated = sum(generated.values())
    n_removed = sum(sum(r.values()) for r in removed.values())
    n_quarantined = sum(sum(r.values()) for r in quarantined.values())
    output_docs = tally["output_docs"]

    live_steps = live.get("steps", {})
    read_live = live_steps.get(C.INPUT_STEP, {})
    ops = []
    docs = input_docs - q_input
    for step in cfg.steps:
        rem = removed.get(step.name, {})
        quar = quarantined.get(step.name, {})
        gen = generated.get(step.name, 0)
        docs_out = docs - sum(rem.values()) - sum(quar.values()) + gen
        if step.name in own:  # the step's own counts
            docs, docs_out = own[step.name].get("in", 0), own[step.name].get("out", 0)
        measured = live_steps.get(step.name, {})
        entry = {
            "name": step.name,
            "op": step.op_cls.name,
            "kind": step.op_cls.kind,
            "docs_in": docs,
            "docs_out": docs_out,
            "removed": dict(sorted(rem.items())),
            "quarantined": dict(sorted(quar.items())),
            "bytes_in": int(measured.get("bytes_in", 0)),
            "bytes_out": int(measured.get("bytes_out", 0)),
            "removed_bytes": int(tally["removed_bytes"].get(step.name, 0)),
            "seconds": round(float(measured.get("seconds", 0.0)), 3),
            "cpu_seconds": round(float(measured.get("cpu_seconds", 0.0)), 3),
            "params": step.params.model_dump(mode="json"),
        }
        if gen:
            entry["generated"] = gen
        if step.name in stage_reports:
            stage = stage_reports[step.name]
            if hasattr(stage, "as_dict"):  # a global stage's StageReport (engine/operator.py)
                stage.docs_out, stage.bytes_out = docs_out, entry["bytes_out"]
                entry["bytes_in"] = entry["bytes_in"] or stage.bytes_in
                entry["execution"] = stage.execution()
                stage = stage.as_dict()
            entry["stage"] = stage
        ops.append(entry)
        docs = docs_out

    ok = input_docs + n_generated == output_docs + n_removed + n_quarantined
    mismatches: list[dict[str, Any]] = []
    if counts is not None:
        steps = [(s.name, s.op_cls.kind) for s in cfg.steps]
        mismatches = reconcile(counts.reader, steps, counts.steps, tally)
    elif not ok:
        mismatches = [
            {
                "step": "write",
                "check": "input + generated = output + removed + quarantined",
                "expected": input_docs + n_generated,
                "actual": output_docs + n_removed + n_quarantined,
                "difference": output_docs + n_removed + n_quarantined - input_docs - n_generated,
            }
        ]
    ok = ok and not mismatches
    finished = time.time()
    timing = _phases(live, stage_reports, finished)
    return {
        "name": cfg.name,
        "config_hash": cfg.config_hash(),
        "started_at": _iso(started),
        "finished_at": _iso(finished),
        "seconds": round(finished - started, 3),
        "input_files": len(files),
        "input_docs": input_docs,
        "input_bytes": int(read_live.get("bytes_out", 0)),
        "generated_docs": n_generated,
        "output_docs": output_docs,
        "output_bytes": tally["output_bytes"],
        "removed_docs": n_removed,
        "quarantined": n_quarantined,
        "quarantine_reasons": _flatten(quarantined),
        "ops": ops,
        "accounting": f"{input_docs} input + {n_generated} generated = {output_docs} output + "
        f"{n_removed} removed + {n_quarantined} quarantined",
        "accounting_ok": ok,
        "accounting_mismatches": mismatches,
        "read": _read_summary(counts),
        "repeated_ids": _repeated_ids(cfg, tally["files"]) if counts is not None else None,
        "output_files": tally["files"],
        **timing,
    }


def _repeated_ids(cfg: RunConfig, files: list[dict[str, Any]]) -> dict[str, int] | None:
    """Ids of ``data/`` that name more than one document (engine/io_write.py ``repeated_ids``)."""
    from engine.io_read import filesystem_for
    from engine.io_write import repeated_ids

    fs, out_dir = filesystem_for(cfg.output.path, cfg.storage)
    return repeated_ids(fs, out_dir, files)


def _phases(live: dict[str, Any], stage_reports: dict[str, Any], finished: float) -> dict[str, Any]:
    """``phases`` (engine/phases.py: where the wall time went, up to this report)
    and ``first_block_s``, when the run kept a timeline."""
    timeline = live.get("timeline")
    if timeline is None:
        return {}
    timeline.mark("end_of_run", finished)
    first = (live.get("first") or {}).get(C.INPUT_STEP)
    return {"phases": timeline.phases(stage_reports), "first_block_s": timeline.offset(first)}


def _read_summary(counts: Counts | None) -> dict[str, int] | None:
    """The reader's own counts: read units, lines (JSONL lines, Parquet rows,
    text files), blank lines skipped, records (documents + reader quarantine)."""
    if counts is None:
        return None
    r = counts.reader
    out = {
        "units": r.get("units", 0),
        "lines": r.get("lines", 0),
        "blank_lines": r.get("blank", 0),
        "records": r.get("rows", 0),
    }
    if r.get(
        "skipped"
    ):  # WARC/WET: "lines" are records read, "blank_lines" the records skipped, by type here
        out["skipped_records"] = dict(sorted(r["skipped"].items()))
    return out


def _flatten(by_step: dict[str, dict[str, int]]) -> dict[str, int]:
    out: dict[str, int] = {}
    for step, reasons in by_step.items():
        for reason, n in reasons.items():
            key = reason if step == C.INPUT_STEP else f"{step}:{reason}"
            out[key] = out.get(key, 0) + n
    return dict(sorted(out.items()))


def _iso(t: float) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(t))
