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
  written as they are. The ``redacted`` trace and the ``sample`` (and its
  index) leave out pass-through input text columns no step declares
  (``title``, ``url``, ``html`` ...: :meth:`OutputRedactor.content_only`);
  the ``ids`` index keeps them, redacted;
* quarantine rows: ``raw`` (the unreadable line or the document an operator
  failed on). Their ``reason`` is an engine code or an operator error whose
  digits and e-mail addresses the executor already masked (``_safe_message``).

A value that cannot be analysed (an ``invalid_utf8`` line, whose bytes were
decoded with replacement characters, a document the ``pii_redact`` step
itself failed or timed out on, or a value the analyzer fails on) is
withheld: replaced by its length and SHA-256, so it can still be matched
against the input but not read. Redaction runs in the write tasks, one
batched call per block over the string values of all its content columns
(a pre-screen over them all, the analyzer only on candidate values, each
distinct value once), never per row on the driver; a block with more than a
few megabytes of such values shares the analysis with Ray tasks
(``engine/sink_analyze.py``), so one heavy block does not hold up the run's end.

A removed document whose text already went through the ``pii_redact`` step
is not analysed again: a row removed by a step *after* it (a filter or a
global stage, none of which writes new text, between the two), that was not
generated after it, carries redacted text, the same text ``data/`` would have
held (:func:`redacted_upstream`). Its other string columns are analysed as
usual (pass-through input columns never went through the step).

Every other removed document costs the analyzer's time over its text: the
run's ``pii_redact`` step never saw it, so the writer does that work for it
(in-process, one core: 2.0 MB/s on the mixed-language handbook, 3.0 on
English documentation, 10.8 on short Chinese reviews; Presidio's windows are
most of it in English, the name and address recognizers in Chinese). The
write tasks count what they analysed, what they skipped and the thread CPU
seconds it took (``report.json`` ``redaction``). ``output.removed: sample``
bounds the work by the sample (its rows are chosen before they are redacted:
``engine/sink_sample.py``); ``ids`` writes no text at all.
"""

from __future__ import annotations

import hashlib
import json
import time
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from engine import sink_analyze

#: Trace columns written as they are: the engine's provenance and verdicts, not document content
#: (an input column of another name, e.g. a pass-through ``source`` or ``reason``, is content).
PROVENANCE = frozenset({"id", "removed_by", "removal_reason", "input_file", "input_line", "generated_by"})
#: Quarantine reasons whose ``raw`` cannot be analysed (the bytes were not text).
UNREADABLE = frozenset({"invalid_utf8"})

_CONCAT_LIMIT = 1 << 30  # bytes of string values analysed in one array (32-bit Arrow offsets)


def withheld(value: str) -> str:
    """A value replaced by its length and SHA-256 (of its UTF-8 bytes)."""
    data = value.encode("utf-8", "surrogatepass")
    return f"<withheld: {len(value)} characters, sha256 {hashlib.sha256(data).hexdigest()}>"


class OutputRedactor:
    """Redaction of the removal trace and the quarantine, with the parameters of
    the pipeline's ``pii_redact`` step (see module docstring). Pickled with the
    writer; the analyzer is built once per worker process on first use."""

    def __init__(
        self,
        pii_params: dict[str, Any],
        removed: str,
        quarantine_raw: str,
        step_name: str = "",
        upstream: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset()),
        declared: tuple[frozenset[str], tuple[str, ...]] | None = None,
    ) -> None:
        self.params_json = json.dumps({**pii_params, "mode": "redact"}, sort_keys=True, default=str)
        self.removed = removed
        self.quarantine_raw = quarantine_raw
        self.step_name = step_name
        #: (steps whose removed rows carry redacted text, steps whose generated rows passed the
        #: redaction): :func:`redacted_upstream`
        self.upstream = upstream
        #: (column names, ``{n}`` name templates) the pipeline's steps declare; None: every
        #: column counts as declared (:meth:`content_only` drops nothing)
        self.declared = declared
        self.remote_cpu_s = 0.0  # CPU seconds of analysis tasks in other processes (sink_analyze)

    @classmethod
    def from_config(cls, cfg) -> OutputRedactor | None:
        """The redactor a run needs, or None (nothing to redact on disk)."""
        step = pii_step(cfg)
        out = cfg.output
        if step is None or (out.removed in ("full", "none") and out.quarantine_raw in ("full", "none")):
            return None
        params = step.params.model_dump(mode="json")
        return cls(
            params, out.removed, out.quarantine_raw, step.name, redacted_upstream(cfg), declared_columns(cfg)
        )

    def content_only(self, table: pa.Table) -> pa.Table:
        """A removal-trace table (``removed: redacted`` rows, the ``sample`` and its index)
        without its pass-through text columns: string (or list-of-string) input columns
        that no step declares (``title``, ``url``, ``html``, ``comments`` ...). The trace
        promises text, provenance and signals; those columns would each cost the analyzer
        a pass over every removed row and, written, could carry names and addresses."""
        if self.declared is None or self.removed not in ("redacted", "sample"):
            return table
        names, templates = self.declared
        drop = [
            name
            for name in table.column_names
            if name not in PROVENANCE
            and name != "text"
            and not name.startswith("_cf_")
            and name not in names
            and not any(_template_match(t, name) for t in templates)
            and _is_text(table.schema.field(name).type)
        ]
        return table.drop_columns(drop) if drop else table

    def _operator(self):
        return sink_analyze.operator(self.params_json)

    def redact_array(self, values: pa.Array | pa.ChunkedArray) -> pa.Array:
        """String values redacted; values the analyzer fails on withheld. A big
        array is analysed by several Ray tasks (engine/sink_analyze.py), whose CPU
        seconds add up in ``remote_cpu_s``."""
        if isinstance(values, pa.ChunkedArray):
            values = values.combine_chunks()
        if len(values) == 0 or values.null_count == len(values):
            return values
        distinct = pc.unique(values)
        repeated = len(distinct) < len(values)  # duplicates, boilerplate: each value analysed once
        out, failed, remote_cpu = sink_analyze.redact_values(
            self.params_json, distinct if repeated else values
        )
        self.remote_cpu_s += remote_cpu
        if failed.any():
            out = _withhold(out, failed)
        return out.take(pc.index_in(values, value_set=distinct)) if repeated else out

    def trace(self, table: pa.Table, stats: dict[str, Any] | None = None) -> pa.Table:
        """Removal-trace (or index) rows with content columns redacted: the string
        values of every content column (and of list-of-string columns) go through
        the analyzer together, one call per block, each distinct value once; the
        ``text`` of rows that went through the ``pii_redact`` step is not analysed
        again. ``stats`` (when given) accumulates what was analysed (:func:`new_stats`)."""
        if self.removed not in ("redacted", "sample", "ids") or table.num_rows == 0:
            return table
        t0, r0 = time.thread_time(), self.remote_cpu_s
        targets: list[tuple[int, pa.Array]] = []  # (column index, its string values)
        done = None  # rows whose text is already redacted
        for i, name in enumerate(table.column_names):
            if name in PROVENANCE or name.startswith("_cf_"):
                continue
            arr = table.column(i).combine_chunks()
            strings = _string_values(arr)
            if strings is None:
                continue
            if name == "text":
                done = self._already_redacted(table)
                if done is not None:
                    if stats is not None:
                        stats["skipped"] += int(pc.sum(pc.and_(done, pc.is_valid(arr))).as_py() or 0)
                    arr = pc.if_else(done, pa.scalar(None, arr.type), arr)
            targets.append((i, arr))
        if not targets:
            return table
        values = [_string_values(arr).cast(pa.string()) for _, arr in targets]
        if stats is not None:
            stats["values"] += sum(len(v) - v.null_count for v in values)
            stats["bytes"] += sum(int(pc.sum(pc.binary_length(v)).as_py() or 0) for v in values)
        if len(values) > 1 and sum(v.nbytes for v in values) < _CONCAT_LIMIT:
            redacted = self.redact_array(pa.concat_arrays(values))
            parts, start = [], 0
            for part in values:
                parts.append(redacted.slice(start, len(part)))
                start += len(part)
        else:
            parts = [self.redact_array(v) for v in values]
        for (i, arr), new in zip(targets, parts):
            new = _with_string_values(arr, new)
            if done is not None and table.column_names[i] == "text":
                new = pc.if_else(done, table.column(i).combine_chunks(), new)
            table = table.set_column(i, table.column_names[i], new)
        if stats is not None:
            stats["cpu_s"] += time.thread_time() - t0 + self.remote_cpu_s - r0
        return table

    def _already_redacted(self, table: pa.Table) -> pa.Array | None:
        """Trace rows whose ``text`` went through the ``pii_redact`` step (None: no row can have)."""
        after, before = self.upstream
        if not after or "removed_by" not in table.column_names:
            return None
        done = pc.is_in(table.column("removed_by"), pa.array(sorted(after), pa.string()))
        if "generated_by" in table.column_names:
            gen = table.column("generated_by")
            passed = pc.or_(pc.is_null(gen), pc.is_in(gen, pa.array(sorted(before), pa.string())))
            done = pc.and_(done, passed)
        done = pc.fill_null(done, False)
        done = done.combine_chunks() if isinstance(done, pa.ChunkedArray) else done
        return done if done.true_count else None

    def quarantine(self, table: pa.Table, stats: dict[str, Any] | None = None) -> pa.Table:
        """Quarantine rows (id, source, line, step, reason, raw) with ``raw`` redacted or withheld."""
        if self.quarantine_raw != "redacted" or table.num_rows == 0:
            return table
        t0, r0 = time.thread_time(), self.remote_cpu_s
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
        analysed = pc.if_else(pa.array(unreadable), pa.scalar(None, raw.type), raw)
        redacted = self.redact_array(analysed)
        if unreadable.any():
            redacted = _withhold(redacted, unreadable, original=raw)
        if stats is not None:
            stats["values"] += len(analysed) - analysed.null_count
            stats["bytes"] += int(pc.sum(pc.binary_length(analysed)).as_py() or 0)
            stats["cpu_s"] += time.thread_time() - t0 + self.remote_cpu_s - r0
        return table.set_column(table.schema.get_field_index("raw"), "raw", redacted)


def _string_values(arr: pa.Array) -> pa.Array | None:
    """The string values a content column holds (itself, or the strings inside a list, struct or
    map column, at any depth: operators/pii/columns.py), or None for columns without text."""
    from operators.pii.columns import concat_leaves, holds_text, string_leaves

    if pa.types.is_string(arr.type) or pa.types.is_large_string(arr.type):
        return arr
    if not holds_text(arr.type):
        return None
    return concat_leaves([leaf for leaf, _ in string_leaves(arr)])


def _is_text(t: pa.DataType) -> bool:
    """A string type or a nested type holding strings (what :func:`_string_values` analyses)."""
    from operators.pii.columns import holds_text

    return holds_text(t)


def _template_match(template: str, name: str) -> bool:
    """``gopher_top_{n}_gram_frac`` matches ``gopher_top_2_gram_frac``."""
    head, _, tail = template.partition("{n}")
    middle = name[len(head) : len(name) - len(tail)] if len(name) > len(head) + len(tail) else ""
    return name.startswith(head) and name.endswith(tail) and middle.isdigit()


def declared_columns(cfg) -> tuple[frozenset[str], tuple[str, ...]]:
    """(the column names, the ``{n}`` name templates) the pipeline's operators declare they write."""
    names: set[str] = set()
    templates: set[str] = set()
    for step in cfg.steps:
        for column in step.op_cls.columns():
            (templates if "{n}" in column else names).add(column)
    return frozenset(names), tuple(sorted(templates))


def _with_string_values(arr: pa.Array, values: pa.Array) -> pa.Array:
    """``arr`` with its string values replaced (types kept)."""
    from operators.pii.columns import split_like, string_leaves, with_string_leaves

    t = arr.type
    if pa.types.is_string(t) or pa.types.is_large_string(t):
        return values.cast(t)
    return with_string_leaves(arr, split_like(values, [leaf for leaf, _ in string_leaves(arr)]))


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


def redacted_upstream(cfg) -> tuple[frozenset[str], frozenset[str]]:
    """(the steps whose removed rows carry text already redacted by the pipeline's
    ``pii_redact``, the steps whose generated rows went through it).

    A row removed by step S had its text redacted when the ``pii_redact`` step
    (mode ``redact``) came before S and every step after it up to S, S
    included, is a filter or a global stage that declares no ``text`` column of
    its own (a mapper, or an operator like ``html_extract`` that writes ``text``
    from another column, may bring in text the step never saw). Rows generated
    by a step after ``pii_redact`` never went through it: the second set names
    the steps before it."""
    from engine.operator import Filter, GlobalStage

    steps = list(cfg.steps)
    idx = next((i for i, s in enumerate(steps) if getattr(s.op_cls, "name", None) == "pii_redact"), None)
    if idx is None or getattr(steps[idx].params, "mode", "redact") != "redact":
        return frozenset(), frozenset()
    after: set[str] = set()
    for s in steps[idx + 1 :]:
        if not issubclass(s.op_cls, (Filter, GlobalStage)) or "text" in s.op_cls.columns():
            break
        after.add(s.name)
    return frozenset(after), frozenset(s.name for s in steps[:idx])


def new_stats() -> dict[str, Any]:
    """The writer's redaction counts: string values analysed and their bytes, ``text``
    values skipped as already redacted, thread CPU seconds (the write task's and its
    analysis tasks': engine/sink_analyze.py)."""
    return {"values": 0, "bytes": 0, "skipped": 0, "cpu_s": 0.0}


def merge_stats(a: dict[str, Any] | None, b: dict[str, Any] | None) -> dict[str, Any] | None:
    if not a:
        return dict(b) if b else None
    if not b:
        return a
    return {k: a.get(k, 0) + b.get(k, 0) for k in new_stats()}


def output_redaction_info(cfg) -> dict[str, Any]:
    """What ``report.json`` and the card say about removed and quarantined text, and (with a
    ``pii_redact`` step) the columns it scans and the input's text columns it leaves as they are
    (:func:`check_pii_columns`)."""
    step = pii_step(cfg)
    info = {
        "removed": cfg.output.removed,
        "quarantine_raw": cfg.output.quarantine_raw,
        "redaction_step": step.name if step is not None else None,
    }
    return {**info, **cfg._pii_columns} if step is not None else info


#: Uncompressed bytes of the first input file read to learn its columns (:func:`check_pii_columns`).
PEEK_BYTES = 1 << 20


def _first_columns(cfg, f) -> dict[str, str]:
    """Column name -> ``text`` / ``null`` / type name of the first records of input file ``f``,
    named as the reader names them (``input.text_field`` etc.). JSONL records are read with
    ``json`` (a line that is no object is skipped, as the reader quarantines it), not through
    Arrow, whose conversions import pandas on the driver before Ray starts (~0.3 CPU-s)."""
    import json

    from engine.io_read import ReadSpec, _compression, _rename_fields, filesystem_for, read_unit
    from operators.pii.columns import record_kinds, schema_kinds

    fmt = cfg.input.format
    fs, _ = filesystem_for(f.uri, cfg.storage)
    if fmt == "jsonl":
        with fs.open_input_stream(f.path, compression=_compression(f.path)) as stream:
            head = stream.read(PEEK_BYTES)
        lines = head.split(b"\n")[:-1] if len(head) == PEEK_BYTES else head.split(b"\n")
        records = []
        for line in lines:
            try:
                rec = json.loads(line)
            except ValueError:
                continue
            if isinstance(rec, dict):
                records.append(rec)
        kinds = record_kinds(records)
    elif fmt == "parquet":
        import pyarrow.parquet as pq

        with fs.open_input_file(f.path) as handle:
            kinds = schema_kinds(pq.read_schema(handle))
    else:  # text, warc, wet: the reader's fixed columns, from its first block
        blocks = read_unit(ReadSpec(cfg.input.model_copy(update={"block_mb": 1.0}), cfg.storage), [f])
        try:
            first = next(blocks, None)
        finally:
            blocks.close()
        return schema_kinds(first.schema) if first is not None else {}
    names = list(kinds)
    renamed = _rename_fields(cfg.input, pa.table({n: pa.nulls(0) for n in names})).column_names
    out = {new: kinds[old] for old, new in zip(names, renamed)}
    out.update({n: "null" for n in renamed[len(names) :]})
    return out


def check_pii_columns(cfg, files) -> None:
    """Check the ``pii_redact`` step's ``columns`` against the input's columns, before Ray starts:
    a named column the input lacks, or one that holds no text, is a ConfigError naming the key and
    the input's text columns. The input's columns are those of its first records (the first
    ``PEEK_BYTES`` of the first file). With the default ``[text]``, the input's other text columns
    pass through unscanned: the run logs their names (never values) and ``report.json``
    ``output_text.pii_unscanned_columns`` lists them."""
    step = pii_step(cfg)
    if step is None or not files:
        return  # no pii_redact step: nothing of operators/pii is imported (~0.04 CPU-s)
    import logging

    from engine.config import ConfigError
    from operators.pii.columns import check_columns

    columns = step.params.columns
    where = f"pipeline[{step.index}].columns"
    try:
        kinds = _first_columns(cfg, files[0])
        if "text" in kinds:  # the reader reads the text field as text (binary, dictionary, null too)
            kinds["text"] = "text"  # or quarantines the row (invalid_utf8, text_not_string)
        for before in cfg.steps[: cfg.steps.index(step)]:  # columns earlier steps write (typed at run time)
            for name in before.op_cls.columns():
                kinds.setdefault(name, "null")
        unscanned = check_columns(columns, kinds, where, f"first records of {files[0].uri}")
    except ValueError as exc:
        raise ConfigError(str(exc)) from None
    cfg._pii_columns = {"pii_columns": columns, "pii_unscanned_columns": unscanned}
    if unscanned:
        logging.getLogger("corpusforge.pii").warning(
            "%s scans %s; these input columns holding text pass through unscanned: %s "
            "(set columns: all_strings, or list them, to redact them too)",
            step.name,
            ", ".join(columns) if isinstance(columns, list) else columns,
            ", ".join(unscanned),
        )
