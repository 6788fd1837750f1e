"""Run configuration: YAML -> validated models, before Ray starts.

Every mistake is reported as ``<key path>: <problem>`` naming the valid
choices, e.g. ``pipeline[1].op: unknown operator 'langid'; did you mean
'language_id'?``.
"""

from __future__ import annotations

import difflib
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from engine.errors import ConfigError  # re-exported: the old import path
from engine.operator import Operator, OpParams, Resources

#: PyYAML's safe loader in C (libyaml) where PyYAML was built with it, else the pure-Python one:
#: the same safe constructors and resolvers (what a config means does not change), ~10x faster
#: scanning (a config is read by the command, the driver and every worker's preload).
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class StorageConfig(_Strict):
    """Object-store options (S3-compatible). Credentials come from the standard
    AWS environment variables, never from the config file."""

    endpoint_url: str | None = Field(None, description="override the S3 endpoint, e.g. http://127.0.0.1:9000")
    region: str | None = None
    anonymous: bool = False
    scratch_dir: str | None = Field(
        None,
        description="directory for global stages' intermediates when output.path is on object storage "
        "(default: a temporary directory; on a multi-node cluster give a file system every node mounts)",
    )


class InputConfig(_Strict):
    paths: list[str] = Field(..., min_length=1, description="files, directories or globs; local or s3://")
    format: Literal["jsonl", "parquet", "text", "warc", "wet"] = "jsonl"
    text_field: str = "text"
    html_field: str | None = Field(
        None,
        description="JSONL/Parquet: the field holding raw HTML, mapped to the `html` column (for html_extract)",
    )
    date_field: str | None = Field(
        None,
        description="document date field; feeds the report's timeliness (warc/wet: the WARC-Date `date` column)",
    )
    id_field: str | None = Field("id", description="null: always generate ids from source + line")
    max_chars: int = Field(10_000_000, ge=1, description="longer documents are quarantined")
    block_mb: float = Field(32.0, gt=0, le=1024, description="target uncompressed MB per read block")
    split_mb: float = Field(
        128.0, gt=0, description="uncompressed local JSONL files larger than this are read in parallel ranges"
    )


class OutputConfig(_Strict):
    path: str
    format: Literal["parquet", "jsonl"] = "parquet"
    overwrite: bool = False
    compression: Literal["zstd", "snappy", "gzip", "none"] = Field("zstd", description="Parquet codec")
    removed: Literal["redacted", "full", "ids", "sample", "none", "all"] | None = Field(
        None,
        description="removal trace in OUT/removed/: redacted: every removed document, text and text signals "
        "through the pipeline's pii_redact (needs that step); full: as removed; ids: the index only (id, "
        "provenance, step, reason, scalar signals; no text); sample: removed_sample documents per step and "
        "reason (seeded) plus the index, redacted when the pipeline has pii_redact; none. Default: redacted "
        "with a pii_redact step, full without; all: deprecated alias of the default",
    )
    quarantine_raw: Literal["redacted", "full", "none"] | None = Field(
        None,
        description="the raw column of OUT/quarantine/: redacted (through pii_redact; unreadable bytes "
        "replaced by length and SHA-256), full, or none (not written). Default: redacted with a pii_redact "
        "step, full without",
    )
    removed_sample: int = Field(
        1000, ge=1, description="documents per (step, reason) kept when removed: sample"
    )
    drop_columns: list[str] = Field(default_factory=list, description="columns not to write to data/")


class RayConfig(_Strict):
    address: str | None = Field(
        None, description="null: embedded local Ray; 'auto' or ray://host:10001: a cluster"
    )
    num_cpus: int | None = Field(None, ge=1, description="CPUs for the embedded local Ray (default: all)")
    object_store_mb: int | None = Field(None, ge=64, description="object store size for the embedded Ray")


class ExecutionConfig(_Strict):
    max_errors: int = Field(
        100, ge=0, description="documents an operator may fail on (quarantined) before the run stops"
    )
    doc_timeout_s: float | None = Field(
        30.0,
        ge=0,
        description="a document on which one operator spends longer is quarantined (operator_timeout: <step>) "
        "and counts against max_errors; null or 0: no watchdog",
    )
    stateful_steps: Literal["auto", "actors", "tasks"] = Field(
        "auto",
        description="operators with setup() (models): actors (one actor pool per step), tasks (built once "
        "per task worker), auto: tasks on a Ray of at most 4 CPUs for a step with no concurrency set, no GPU "
        "(engine/ray_steps.py stateful_as_tasks)",
    )
    progress: bool = True
    seed: int = 0


class QualityWeights(_Strict):
    """Weights of the quality dimensions in the total (renormalized over the measured ones)."""

    completeness: float = Field(0.2, ge=0)
    accuracy: float = Field(0.25, ge=0)
    consistency: float = Field(0.2, ge=0)
    timeliness: float = Field(0.1, ge=0)
    uniqueness: float = Field(0.25, ge=0)


class AlertsConfig(_Strict):
    """Drift alerts, checked at the end of a run against ``release.parent``
    (engine/alerts.py). A violation is reported in report.json, the card and
    the console, and ``corpusforge run`` exits with status 3 (data written)."""

    max_psi: float | None = Field(
        None, ge=0, description="largest population stability index of a numeric signal column vs the parent"
    )
    max_quality_drop: float | None = Field(
        None, ge=0, description="largest drop of the quality total (0-100 points) vs the parent"
    )
    min_kept_fraction: float | None = Field(
        None, ge=0, le=1, description="smallest output_docs / input_docs of this run"
    )
    max_language_share_change: float | None = Field(
        None,
        ge=0,
        le=1,
        description="largest change of one language's share of the kept documents vs the parent",
    )


class ReportConfig(_Strict):
    """Quality report and score (see engine/quality_score.py for the formulas)."""

    html: bool = Field(True, description="write OUT/report.html")
    required_fields: list[str] = Field(
        default_factory=lambda: ["id", "text"],
        description="fields every output document must have (completeness)",
    )
    date_field: str | None = Field(
        None, description="document date column for timeliness (ISO date/time, epoch s)"
    )
    target_window_days: int = Field(365, ge=1, description="documents younger than this are timely")
    languages: list[str] | None = Field(
        None, description="expected document languages (consistency); default: language_id keep lists"
    )
    weights: QualityWeights = Field(default_factory=QualityWeights)
    alerts: AlertsConfig = Field(
        default_factory=AlertsConfig, description="drift alerts checked against release.parent"
    )


class ReleaseConfig(_Strict):
    """This run as a release (engine/release.py): a version and the earlier
    corpusforge output it extends (local path or s3://)."""

    version: str | None = Field(None, description="release version recorded in manifest, report and card")
    parent: str | None = Field(
        None,
        description="an earlier corpusforge output: lineage, the default `against` of the dedup steps, "
        "and the baseline of report.alerts",
    )


class CardConfig(_Strict):
    """The dataset card OUT/README.md (Hugging Face format)."""

    enabled: bool = Field(True, description="write OUT/README.md")
    languages: list[Literal["en", "zh"]] = Field(
        default_factory=lambda: ["en"], min_length=1, description="languages the card is written in"
    )
    license: str = Field("other", description="SPDX id or Hugging Face license tag")
    task_categories: list[str] = Field(default_factory=lambda: ["text-generation"])
    dataset_languages: list[str] | None = Field(
        None, description="languages of the data (front matter); default: detected languages over 1%"
    )
    pretty_name: str | None = None
    description: str | None = None
    intended_use: str | None = None
    limitations: list[str] = Field(
        default_factory=list, description="known limitations added to the generated ones"
    )
    citation: str | None = None


@dataclass
class Step:
    """One validated pipeline step."""

    index: int
    name: str  # unique step name used in reports ("language_id", or "length_filter_2")
    op_cls: type[Operator]
    params: OpParams
    resources: Resources

    def build(self) -> Operator:
        return self.op_cls(self.params)


class RunConfig(_Strict):
    name: str = "corpusforge-run"
    input: InputConfig
    output: OutputConfig
    ray: RayConfig = Field(default_factory=RayConfig)
    execution: ExecutionConfig = Field(default_factory=ExecutionConfig)
    storage: StorageConfig = Field(default_factory=StorageConfig)
    report: ReportConfig = Field(default_factory=ReportConfig)
    card: CardConfig = Field(default_factory=CardConfig)
    release: ReleaseConfig = Field(default_factory=ReleaseConfig)
    pipeline: list[dict[str, Any]] = Field(default_factory=list)

    # filled by load_config
    _steps: list[Step] = []
    _raw: dict[str, Any] = {}
    _against: dict[
        str, list[dict[str, Any]]
    ] = {}  # step name -> earlier releases' indexes (engine/release.py)
    _pii_columns: dict[str, Any] = {}  # pii_redact's scanned/unscanned input columns (engine/sink_redact.py)

    @property
    def steps(self) -> list[Step]:
        return self._steps

    def config_hash(self) -> str:
        blob = json.dumps(self._raw, sort_keys=True, default=str).encode()
        return hashlib.sha256(blob).hexdigest()


class OperatorTable(dict):
    """YAML name -> operator class. An operator's module is imported on first
    lookup, so validating a config imports only the operators it uses."""

    def __getitem__(self, name: str) -> type[Operator]:
        value = super().__getitem__(name)
        if isinstance(value, tuple):
            from operators import load_operator

            value = load_operator(*value)
            super().__setitem__(name, value)
        elif isinstance(value, str):  # an entry point's "package.module:ClassName"
            value = load_plugin(value, f"entry point '{name}' ({ENTRY_POINT_GROUP})")
            super().__setitem__(name, value)
        return value

    def get(self, name, default=None):
        return self[name] if name in self else default

    def values(self):
        return [self[k] for k in self]

    def items(self):
        return [(k, self[k]) for k in self]


_REGISTERED: dict[str, type[Operator]] = {}

#: The entry-point group through which installed packages add operators (docs/operators.md).
ENTRY_POINT_GROUP = "corpusforge.operators"


def check_operator_class(obj: Any, where: str) -> type[Operator]:
    """``obj`` as an operator class, or a ConfigError saying what is wrong with it.
    Every operator from outside ``operators/`` (``op: package.module:ClassName``, an
    entry point, :func:`register_operator`) goes through this check."""
    from engine.operator import Filter, GlobalStage, Mapper

    kinds = "engine.Mapper, engine.Filter or engine.GlobalStage"
    if not (isinstance(obj, type) and issubclass(obj, (Mapper, Filter, GlobalStage))):
        raise ConfigError(f"{where}: {obj!r} is not an operator class (a subclass of {kinds})")
    if obj in (Mapper, Filter, GlobalStage):
        raise ConfigError(f"{where}: {obj.__name__} is a base class; name a subclass of it")
    if not isinstance(obj.name, str) or not obj.name.isidentifier():
        raise ConfigError(
            f"{where}: {obj.__name__}.name must be a YAML name such as 'my_filter' (got {obj.name!r})"
        )
    if not (isinstance(obj.Params, type) and issubclass(obj.Params, OpParams)):
        raise ConfigError(
            f"{where}: {obj.__name__}.Params must subclass engine.OpParams (unknown keys are errors)"
        )
    return obj


def load_plugin(spec: str, where: str) -> type[Operator]:
    """Import ``package.module:ClassName`` and check it is an operator class."""
    import importlib

    module, _, attr = spec.partition(":")
    if not module or not attr or not all(p.isidentifier() for p in module.split(".") + attr.split(".")):
        raise ConfigError(f"{where}: '{spec}' is not of the form package.module:ClassName")
    try:
        obj: Any = importlib.import_module(module)
    except ImportError as exc:
        raise ConfigError(
            f"{where}: cannot import module '{module}' ({type(exc).__name__}: {exc}); "
            f"is it installed or on PYTHONPATH?"
        ) from None
    for part in attr.split("."):
        if not hasattr(obj, part):
            raise ConfigError(f"{where}: module '{module}' has no attribute '{attr}'")
        obj = getattr(obj, part)
    return check_operator_class(obj, where)


def register_operator(cls: type[Operator]) -> type[Operator]:
    """Make an operator class outside ``operators/`` usable by its ``name`` in
    configs of this process (custom operators, test operators), checked as a
    plugin is. Its code reaches the workers with the pickled step (by reference:
    the workers import its module, or by value for a module registered with
    cloudpickle). Returns the class (usable as a decorator)."""
    check_operator_class(cls, f"register_operator({getattr(cls, '__name__', cls)!r})")
    _REGISTERED[cls.name] = cls
    return cls


def unregister_operator(name: str) -> None:
    _REGISTERED.pop(name, None)


def path_state() -> tuple:
    """``sys.path`` with each entry's modification time: what the installed distributions'
    metadata (entry points, versions) read from it depends on. Installing, upgrading or removing
    a distribution adds or removes its ``*.dist-info`` folder, which changes its parent's
    modification time; a folder put on ``sys.path`` changes the tuple itself. ~10 ``stat``s."""
    import os
    import sys

    state = []
    for entry in sys.path:
        where = os.path.abspath(entry or ".")
        try:
            state.append((where, os.stat(where).st_mtime_ns))
        except OSError:
            state.append((where, None))
    return tuple(state)


#: (:func:`path_state`, entry-point table) of the last scan in this process.
_ENTRY_POINTS_MEMO: tuple[tuple, dict[str, str]] | None = None


def _entry_points() -> dict[str, str]:
    """YAML name -> ``package.module:ClassName`` of the installed packages' operators.

    Scanning every installed distribution's metadata costs ~30 ms (~180 distributions here) and a
    run looks the table up several times (validation, the report, the card, each worker's
    preload): the scan is kept while :func:`path_state` is unchanged."""
    global _ENTRY_POINTS_MEMO
    state = path_state()
    memo = _ENTRY_POINTS_MEMO
    if memo is not None and memo[0] == state:
        return dict(memo[1])
    from importlib.metadata import entry_points

    table = {ep.name: ep.value for ep in entry_points(group=ENTRY_POINT_GROUP)}
    _ENTRY_POINTS_MEMO = (state, table)
    return dict(table)


def operator_table() -> dict[str, type[Operator]]:
    """Every operator a config may name: the built-ins, then installed packages'
    entry points, then classes registered in this process (a later one of the same
    name wins). Modules are imported on first lookup."""
    from operators import BUILTIN

    table = OperatorTable({name: (module, cls) for name, module, cls in BUILTIN})
    table.update(_entry_points())
    table.update(_REGISTERED)
    return table


def resolve_operator(op: str) -> type[Operator] | None:
    """The class a config's ``op:`` names (a YAML name or ``package.module:ClassName``),
    or None when it cannot be found (reports and cards read operators' declarations
    through this; a config with such a name never validates)."""
    try:
        if ":" in op:
            return load_plugin(op, "op")
        table = operator_table()
        return table[op] if op in table else None
    except (ConfigError, ImportError, AttributeError):
        return None


def _suggest(word: str, choices: list[str]) -> str:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    if close:
        return f"; did you mean '{close[0]}'?"
    return f"; valid: {', '.join(sorted(choices))}"


def _key_path(prefix: str, loc: tuple) -> str:
    path = prefix
    for part in loc:
        if isinstance(part, int):
            path += f"[{part}]"
        else:
            path += f".{part}" if path else str(part)
    return path


def _format_validation_error(prefix: str, err: ValidationError, model: type[BaseModel]) -> str:
    lines = []
    for e in err.errors():
        loc = e["loc"]
        key = _key_path(prefix, loc)
        if e["type"] == "extra_forbidden":
            owner = _model_at(model, loc[:-1])
            valid = sorted(owner.model_fields) if owner else []
            lines.append(f"{key}: unknown key '{loc[-1]}'{_suggest(str(loc[-1]), valid)}")
        elif e["type"] == "missing":
            lines.append(f"{key}: required key is missing")
        elif e["type"] == "literal_error":
            lines.append(f"{key}: {e['msg']} (got {e.get('input')!r})")
        else:
            lines.append(f"{key}: {e['msg']} (got {e.get('input')!r})")
    return "\n".join(lines)


def _model_at(model: type[BaseModel], loc: tuple) -> type[BaseModel] | None:
    cur: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        field = getattr(cur, "model_fields", {}).get(part)
        if field is None:
            return None
        ann = field.annotation
        candidates = [ann, *getattr(ann, "__args__", ())]
        nxt = next((c for c in candidates if isinstance(c, type) and issubclass(c, BaseModel)), None)
        if nxt is None:
            return None
        cur = nxt
    return cur if isinstance(cur, type) and issubclass(cur, BaseModel) else None


def apply_overrides(raw: dict[str, Any], overrides: list[str]) -> dict[str, Any]:
    """Apply ``key.path=value`` overrides (value parsed as YAML). List items are
    addressed as ``pipeline[1].min_score`` or ``pipeline.1.min_score``."""
    for item in overrides:
        if "=" not in item:
            raise ConfigError(f"--set {item!r}: expected key.path=value")
        key, value = item.split("=", 1)
        parts = [p for p in key.replace("[", ".").replace("]", "").split(".") if p]
        if not parts:
            raise ConfigError(f"--set {item!r}: empty key")
        cur: Any = raw
        for i, part in enumerate(parts[:-1]):
            nxt_is_index = parts[i + 1].isdigit()
            if isinstance(cur, list):
                idx = int(part)
                if idx >= len(cur):
                    raise ConfigError(f"--set {key}: index {idx} out of range (list has {len(cur)} items)")
                cur = cur[idx]
            else:
                if part not in cur or cur[part] is None:
                    cur[part] = [] if nxt_is_index else {}
                cur = cur[part]
        last = parts[-1]
        parsed = yaml.load(value, Loader=YAML_LOADER) if value != "" else ""
        if isinstance(cur, list):
            idx = int(last)
            if idx >= len(cur):
                raise ConfigError(f"--set {key}: index {idx} out of range (list has {len(cur)} items)")
            cur[idx] = parsed
        else:
            cur[last] = parsed
    return raw


def load_config(source: str | Path | dict[str, Any], overrides: list[str] | None = None) -> RunConfig:
    """Read, override and validate a run config. Raises :class:`ConfigError`."""
    if isinstance(source, dict):
        raw = json.loads(json.dumps(source))
        base_dir = Path.cwd()
    else:
        path = Path(source)
        if not path.exists():
            raise ConfigError(f"config file not found: {path}")
        try:
            raw = yaml.load(path.read_text(encoding="utf-8"), Loader=YAML_LOADER)
        except yaml.YAMLError as exc:
            raise ConfigError(f"{path}: invalid YAML: {exc}") from None
        base_dir = Path.cwd()
    if not isinstance(raw, dict):
        raise ConfigError("config: expected a mapping at the top level")
    raw = apply_overrides(raw, overrides or [])
    if raw.get("pipeline") is None:
        raw["pipeline"] = []
    if not isinstance(raw["pipeline"], list):
        raise ConfigError("pipeline: expected a list of steps")
    try:
        cfg = RunConfig.model_validate(raw)
    except ValidationError as err:
        raise ConfigError(_format_validation_error("", err, RunConfig)) from None
    cfg._raw = raw
    cfg._steps = _validate_steps(raw["pipeline"])
    _resolve_output_text(cfg)
    _check_scratch_dir(cfg)
    from engine.release import resolve_against

    cfg._against = resolve_against(cfg)  # reads earlier releases' manifests and index parameters
    if cfg.report.date_field is None:  # timeliness from the WARC date or input.date_field
        cfg.report.date_field = "date" if cfg.input.format in ("warc", "wet") else cfg.input.date_field
    del base_dir
    return cfg


def config_warnings(cfg: RunConfig) -> list[str]:
    """Valid but probably unintended settings (``corpusforge validate`` prints them)."""
    warnings = []
    has_html = cfg.input.format == "warc" or cfg.input.html_field is not None
    if has_html and cfg.steps and cfg.steps[0].op_cls.name != "html_extract":
        warnings.append(
            f"pipeline[0].op: the input carries raw HTML (input.format {cfg.input.format!r}"
            f"{', input.html_field' if cfg.input.html_field else ''}) but the pipeline starts with "
            f"'{cfg.steps[0].op_cls.name}', not 'html_extract': its `text` is empty until html_extract runs"
        )
    if not has_html and any(s.op_cls.name == "html_extract" for s in cfg.steps):
        warnings.append(
            f"html_extract: the input (format {cfg.input.format!r}, no input.html_field) carries no raw HTML: "
            "html_extract would remove every document as binary_content"
        )
    return warnings


def _resolve_output_text(cfg: RunConfig) -> None:
    """Defaults of ``output.removed`` / ``output.quarantine_raw`` (no raw PII on
    disk when the pipeline redacts it; engine/sink_redact.py) and their checks."""
    has_pii = any(s.op_cls.name == "pii_redact" for s in cfg._steps)
    out = cfg.output
    default = "redacted" if has_pii else "full"
    if out.removed in (None, "all"):
        out.removed = default
    if out.quarantine_raw is None:
        out.quarantine_raw = default
    if not has_pii:
        for key, value, valid in (
            ("removed", out.removed, "full, ids, sample, none"),
            ("quarantine_raw", out.quarantine_raw, "full, none"),
        ):
            if value == "redacted":
                raise ConfigError(
                    f"output.{key}: 'redacted' needs a pii_redact step in the pipeline; valid without one: {valid}"
                )


def _check_scratch_dir(cfg: RunConfig) -> None:
    """Global stages keep their intermediates on a file system (stage work
    directory): beside a local output, else under ``storage.scratch_dir``. On
    a cluster with object-storage output, a default temporary directory would
    be a different, private directory on every node, so it is refused."""
    remote = "://" in cfg.output.path and not cfg.output.path.startswith("file://")
    has_global = any(_is_global(s.op_cls) for s in cfg._steps)
    if cfg.ray.address and remote and has_global and not cfg.storage.scratch_dir:
        raise ConfigError(
            "storage.scratch_dir: required when ray.address is set, output.path is on object storage and the "
            "pipeline has a global stage (deduplication): give a directory every node mounts at the same path "
            "(e.g. --set storage.scratch_dir=/mnt/shared/corpusforge-scratch)"
        )


def _is_global(op_cls: type) -> bool:
    from engine.operator import GlobalStage

    return isinstance(op_cls, type) and issubclass(op_cls, GlobalStage)


def _validate_steps(pipeline: list[Any]) -> list[Step]:
    table = operator_table()
    steps: list[Step] = []
    seen: dict[str, int] = {}
    errors: list[str] = []
    for i, entry in enumerate(pipeline):
        key = f"pipeline[{i}]"
        if not isinstance(entry, dict):
            errors.append(f"{key}: expected a mapping with an 'op' key, got {entry!r}")
            continue
        entry = dict(entry)
        op_name = entry.pop("op", None)
        if op_name is None:
            errors.append(f"{key}.op: required key is missing; valid: {', '.join(sorted(table))}")
            continue
        try:
            if isinstance(op_name, str) and ":" in op_name:  # a plugin: package.module:ClassName
                cls = load_plugin(op_name, f"{key}.op")
                op_name = cls.name
            elif op_name not in table:
                errors.append(f"{key}.op: unknown operator '{op_name}'{_suggest(str(op_name), list(table))}")
                continue
            else:
                cls = table[op_name]
        except ConfigError as exc:
            errors.append(str(exc))
            continue
        step_name = entry.pop("name", None)
        res_raw = entry.pop("resources", None) or {}
        try:
            params = cls.Params.model_validate(entry)
        except ValidationError as err:
            errors.append(_format_validation_error(key, err, cls.Params))
            continue
        try:
            merged = {**cls.resources.model_dump(), **res_raw}
            resources = Resources.model_validate(merged)
        except ValidationError as err:
            errors.append(_format_validation_error(f"{key}.resources", err, Resources))
            continue
        if step_name is None:
            n = seen.get(op_name, 0) + 1
            seen[op_name] = n
            step_name = op_name if n == 1 else f"{op_name}_{n}"
        if any(s.name == step_name for s in steps):
            errors.append(f"{key}.name: duplicate step name '{step_name}'")
            continue
        step = Step(index=i, name=step_name, op_cls=cls, params=params, resources=resources)
        try:
            step.build()  # constructors check files and models before Ray starts
        except (ValueError, FileNotFoundError, OSError) as exc:
            errors.append(f"{key}: {exc}")
            continue
        steps.append(step)
    if errors:
        raise ConfigError("\n".join(errors))
    return steps
