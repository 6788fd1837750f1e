"""No raw personal data on disk: what the writer does to removed and quarantined rows.

A pipeline with ``pii_redact`` redacts the documents it keeps, but documents
removed *before* that step (a length filter, language ID, a duplicate) and
quarantined records never reach it; written as they are, ``OUT/removed/`` and
``OUT/quarantine/`` would hold exactly the personal data the run was meant to
remove (PIPL art. 51 and GDPR art. 5(1)(f) ask for the same protection of
every copy a processor keeps). So, by default when the pipeline has a
``pii_redact`` step, the write tasks pass every string value they write to
those two directories through the same recognizers and actions, with the
same parameters, as that step (``output.removed`` / ``output.quarantine_raw``
= ``redacted``):

* the removal trace: ``text`` and every other string (or list-of-string)
  column, i.e. signal columns that carry text; provenance columns (``id``,
  ``removed_by``, ``removal_reason``, ``input_file``, ``generated_by``) are
  written as they are;
* quarantine rows: ``raw`` (the unreadable line or the document an operator
  failed on). Their ``reason`` is an engine code or an operator error whose
  digits and e-mail addresses the executor already masked (``_safe_message``).

A value that cannot be analysed (an ``invalid_utf8`` line, whose bytes were
decoded with replacement characters, a document the ``pii_redact`` step
itself failed or timed out on, or a value the analyzer fails on) is
withheld: replaced by its length and SHA-256, so it can still be matched
against the input but not read. Redaction runs in the write tasks, one
batched call per column and block (a pre-screen over the whole column, the
analyzer only on candidate values), never per row on the driver.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

#: Trace columns written as they are: provenance and verdicts, not document content.
PROVENANCE = frozenset({"id", "removed_by", "removal_reason", "input_file", "generated_by", "step", "reason", "source"})
#: Quarantine reasons whose ``raw`` cannot be analysed (the bytes were not text).
UNREADABLE = frozenset({"invalid_utf8"})

_OPERATORS: dict[str, Any] = {}  # params JSON -> ready PiiRedact, one per worker process


def withheld(value: str) -> str:
    """A value replaced by its length and SHA-256 (of its UTF-8 bytes)."""
    data = value.encode("utf-8", "surrogatepass")
    return f"<withheld: {len(value)} characters, sha256 {hashlib.sha256(data).hexdigest()}>"


class OutputRedactor:
    """Redaction of the removal trace and the quarantine, with the parameters of
    the pipeline's ``pii_redact`` step (see module docstring). Pickled with the
    writer; the analyzer is built once per worker process on first use."""

    def __init__(self, pii_params: dict[str, Any], removed: str, quarantine_raw: str, step_name: str = "") -> None:
        self.params_json = json.dumps({**pii_params, "mode": "redact"}, sort_keys=True, default=str)
        self.removed = removed
        self.quarantine_raw = quarantine_raw
        self.step_name = step_name

    @classmethod
    def from_config(cls, cfg) -> OutputRedactor | None:
        """The redactor a run needs, or None (nothing to redact on disk)."""
        step = pii_step(cfg)
        out = cfg.output
        if step is None or (out.removed in ("full", "none") and out.quarantine_raw in ("full", "none")):
            return None
        return cls(step.params.model_dump(mode="json"), out.removed, out.quarantine_raw, step.name)

    def _operator(self):
        op = _OPERATORS.get(self.params_json)
        if op is None:
            from operators.pii import PiiRedact, PiiRedactParams

            op = PiiRedact(PiiRedactParams.model_validate(json.loads(self.params_json)))
            op.ensure_setup()
            _OPERATORS[self.params_json] = op
        return op

    def redact_array(self, values: pa.Array | pa.ChunkedArray) -> pa.Array:
        """String values redacted; values the analyzer fails on withheld."""
        if isinstance(values, pa.ChunkedArray):
            values = values.combine_chunks()
        if len(values) == 0 or values.null_count == len(values):
            return values
        out, failed = self._operator().redact_values(values)
        if failed.any():
            out = _withhold(out, failed)
        return out

    def _redact_column(self, col: pa.ChunkedArray | pa.Array) -> pa.Array:
        arr = col.combine_chunks() if isinstance(col, pa.ChunkedArray) else col
        t = arr.type
        if pa.types.is_string(t) or pa.types.is_large_string(t):
            return self.redact_array(arr)
        if (pa.types.is_list(t) or pa.types.is_large_list(t)) and (
            pa.types.is_string(t.value_type) or pa.types.is_large_string(t.value_type)
        ):
            flat = self.redact_array(arr.values)
            return type(arr).from_arrays(arr.offsets, flat, mask=arr.is_null())
        return arr

    def trace(self, table: pa.Table) -> pa.Table:
        """Removal-trace (or index) rows with content columns redacted."""
        if self.removed not in ("redacted", "sample", "ids") or table.num_rows == 0:
            return table
        for i, name in enumerate(table.column_names):
            if name in PROVENANCE or name.startswith("_cf_"):
                continue
            new = self._redact_column(table.column(i))
            if new is not table.column(i):
                table = table.set_column(i, name, new)
        return table

    def quarantine(self, table: pa.Table) -> pa.Table:
        """Quarantine rows (id, source, line, step, reason, raw) with ``raw`` redacted or withheld."""
        if self.quarantine_raw != "redacted" or table.num_rows == 0:
            return table
        raw = table.column("raw").combine_chunks()
        unreadable = np.asarray(
            pc.fill_null(
                pc.or_(
                    pc.is_in(table.column("reason"), pa.array(sorted(UNREADABLE))),
                    pc.equal(table.column("step"), pa.scalar(self.step_name)),
                ),
                False,
            ).to_numpy(zero_copy_only=False),
            dtype=bool,
        )
        # the redaction step failed (or ran out of time) on these: not analysed again
        redacted = self.redact_array(pc.if_else(pa.array(unreadable), pa.scalar(None, raw.type), raw))
        if unreadable.any():
            redacted = _withhold(redacted, unreadable, original=raw)
        return table.set_column(table.schema.get_field_index("raw"), "raw", redacted)


def _withhold(values: pa.Array, mask: np.ndarray, original: pa.Array | None = None) -> pa.Array:
    """``values`` with the masked, non-null entries replaced by :func:`withheld` of ``original``."""
    source = original if original is not None else values
    idx = np.flatnonzero(mask)
    picked = source.take(pa.array(idx, pa.int64())).to_pylist()
    full = np.zeros(len(values), dtype=bool)
    replacement = []
    for i, v in zip(idx.tolist(), picked):
        if v is not None:
            full[i] = True
            replacement.append(withheld(v))
    if not full.any():
        return values
    return pc.replace_with_mask(values, pa.array(full), pa.array(replacement, values.type))


def pii_step(cfg):
    """The pipeline's first ``pii_redact`` step, or None."""
    return next((s for s in cfg.steps if getattr(s.op_cls, "name", None) == "pii_redact"), None)


def output_redaction_info(cfg) -> dict[str, Any]:
    """What ``report.json`` and the card say about removed and quarantined text."""
    step = pii_step(cfg)
    return {
        "removed": cfg.output.removed,
        "quarantine_raw": cfg.output.quarantine_raw,
        "redaction_step": step.name if step is not None else None,
    }
