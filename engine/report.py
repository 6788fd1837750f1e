"""The run report: accounting for every input document.

Document counts come from the writer's tallies (what was actually written);
bytes and seconds per step come from the live statistics. The identity

    input_docs + generated_docs == output_docs + removed_docs + quarantined

is checked on every run; ``accounting_ok`` records the result and the
executor fails the run when it does not hold.
"""

from __future__ import annotations

import time
from typing import Any

from engine import columns as C
from engine.config import RunConfig


class AccountingError(RuntimeError):
    """The documents written do not add up to the documents read."""


def build_report(
    cfg: RunConfig,
    files: list,
    tally: dict[str, Any],
    live: dict[str, Any],
    stage_reports: dict[str, dict[str, Any]],
    started: float,
) -> dict[str, Any]:
    removed = tally["removed"]
    quarantined = tally["quarantined"]
    generated = tally["generated"]
    q_input = sum(quarantined.get(C.INPUT_STEP, {}).values())
    input_docs = tally["input_docs"]
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
            "params": step.params.model_dump(mode="json"),
        }
        if gen:
            entry["generated"] = gen
        if step.name in stage_reports:
            entry["stage"] = stage_reports[step.name]
        ops.append(entry)
        docs = docs_out

    ok = input_docs + n_generated == output_docs + n_removed + n_quarantined
    finished = time.time()
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
        "output_files": tally["files"],
    }


def _flatten(by_step: dict[str, dict[str, int]]) -> dict[str, int]:
    out: dict[str, int] = {}
    for step, reasons in by_step.items():
        for reason, n in reasons.items():
            key = reason if step == C.INPUT_STEP else f"{step}:{reason}"
            out[key] = out.get(key, 0) + n
    return dict(sorted(out.items()))


def _iso(t: float) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(t))
