"""LLM-backed generation (``llm_generate``): a Jinja prompt per document sent to
an OpenAI-compatible chat-completions endpoint; the answers become new
documents linked to their source, or a new column of the source row."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, ClassVar, Literal
from urllib.parse import urlsplit

import pyarrow as pa
from pydantic import Field, field_validator, model_validator

from engine.columns import put_column
from engine.operator import Mapper, OpParams, Resources, RunContext
from operators.synthetic import common as S
from operators.synthetic._llm_client import ChatClient, Check, ClientConfig, Generation, Job, LlmFatalError

VERSION = "1"


class LlmGenerateParams(OpParams):
    base_url: str = Field(..., description="OpenAI-compatible API root, e.g. http://localhost:8000/v1 (vLLM)")
    model: str = Field(..., min_length=1, description="model name sent in each request")
    api_key_env: str | None = Field(
        None, description="name of the environment variable holding the API key (never the key itself)"
    )
    prompt: str | None = Field(None, description="Jinja template of the user message; columns are variables")
    prompt_file: str | None = Field(None, description="file holding the prompt template (instead of prompt)")
    system_prompt: str | None = Field(None, description="optional system message (Jinja, same variables)")
    prompt_version: str = Field("1", description="your version label of the prompt, recorded in provenance")
    temperature: float = Field(0.0, ge=0.0, le=2.0)
    max_tokens: int = Field(512, ge=1)
    top_p: float | None = Field(None, gt=0.0, le=1.0)
    seed: int | None = Field(None, description="sampling seed sent to the server; also seeds the selection")
    samples: int = Field(1, ge=1, le=16, description="generations per selected document (new_rows)")
    fraction: float = Field(
        1.0, ge=0.0, le=1.0, description="share of documents selected (hash of seed and id)"
    )
    output: Literal["new_rows", "column"] = Field(
        "new_rows",
        description="new_rows: new documents linked by parent_id; column: a column on the source row",
    )
    output_column: str = Field("llm_output", min_length=1, description="output: column - the column written")
    response_format: Literal["text", "json"] = Field(
        "text", description="json: ask for a JSON object (response_format json_object) and parse it"
    )
    required_keys: list[str] = Field(
        default_factory=list, description="json: keys the answer object must have"
    )
    regex: str | None = Field(None, description="the answer must match this regular expression (re.search)")
    max_reasks: int = Field(1, ge=0, le=5, description="re-asks when the answer fails the json/regex check")
    text_template: str | None = Field(
        None,
        description="Jinja template of the new text: variables are the JSON answer's keys and `content` "
        "(the raw answer); default: the raw answer",
    )
    output_fields: list[str] = Field(
        default_factory=list, description="json: answer keys also written as string columns"
    )
    max_concurrency: int = Field(8, ge=1, le=1024, description="HTTP requests in flight per actor")
    requests_per_minute: float | None = Field(None, gt=0, description="per-actor rate limit (token bucket)")
    timeout_s: float = Field(60.0, gt=0, description="deadline of one HTTP request")
    max_retries: int = Field(3, ge=0, le=20, description="retries of a request on 429/5xx/timeouts")
    backoff_s: float = Field(1.0, gt=0, description="first backoff; doubles per retry, with jitter")
    max_backoff_s: float = Field(60.0, gt=0)
    extra_body: dict[str, Any] = Field(
        default_factory=dict, description="extra request fields, e.g. {top_k: 20} or vLLM guided decoding"
    )
    cache: bool = Field(True, description="reuse answers from the disk cache (a rerun does not pay twice)")
    cache_dir: str | None = Field(
        None, description="null: <user cache dir>/corpusforge/llm; keep it outside output"
    )
    log_dir: str | None = Field(
        None, description="technical log directory; null: <output.path>/synthetic_log"
    )

    @field_validator("base_url")
    @classmethod
    def _url(cls, v: str) -> str:
        parts = urlsplit(v)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ValueError("must be an http(s) URL like http://localhost:8000/v1")
        if parts.username or parts.password:
            raise ValueError("must not contain credentials; put the key in the variable named by api_key_env")
        return v.rstrip("/")

    @field_validator("regex")
    @classmethod
    def _regex(cls, v: str | None) -> str | None:
        if v is not None:
            try:
                re.compile(v)
            except re.error as exc:
                raise ValueError(f"invalid regular expression: {exc}") from None
        return v

    @field_validator("extra_body")
    @classmethod
    def _extra(cls, v: dict[str, Any]) -> dict[str, Any]:
        reserved = {"model", "messages", "stream", "n"} & set(v)
        if reserved:
            raise ValueError(f"must not set {', '.join(sorted(reserved))}")
        return v

    @model_validator(mode="after")
    def _consistent(self):
        if (self.prompt is None) == (self.prompt_file is None):
            raise ValueError("set exactly one of prompt and prompt_file")
        if self.prompt_file is not None:
            path = Path(self.prompt_file).expanduser()
            try:
                self.prompt = path.read_text(encoding="utf-8")
            except OSError as exc:
                raise ValueError(f"prompt_file: cannot read {path}: {exc.strerror}") from None
        if self.response_format != "json" and (self.required_keys or self.output_fields):
            raise ValueError("required_keys and output_fields need response_format: json")
        if self.output == "column" and self.samples != 1:
            raise ValueError("output: column takes one sample per document (samples: 1)")
        for name, text in (
            ("prompt", self.prompt),
            ("system_prompt", self.system_prompt),
            ("text_template", self.text_template),
        ):
            if text is not None:
                try:
                    _env().parse(text)
                except Exception as exc:  # noqa: BLE001 - jinja2.TemplateSyntaxError and friends
                    raise ValueError(f"{name}: invalid Jinja template: {exc}") from None
        return self


def _env():
    from jinja2 import StrictUndefined
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    return ImmutableSandboxedEnvironment(
        undefined=StrictUndefined, autoescape=False, keep_trailing_newline=True
    )


class LlmGenerate(Mapper):
    """Generates text with an LLM per document: new linked documents or a new column.

    Changes: renders ``prompt`` (Jinja; the document's columns are variables,
    e.g. ``{{ text }}``) per selected document and sends it to
    ``{base_url}/chat/completions``. ``output: new_rows`` appends ``samples``
    new documents per selected document (id ``<parent id>#llm-<config hash>-<k>``,
    ``synthetic: true``, ``parent_id``, ``generator`` JSON with model,
    parameters, prompt version and hash, the request hash, ``created_at``);
    ``output: column`` writes ``output_column`` plus ``<column>_generator`` and
    ``<column>_created_at`` on the source row. Answers can be checked (JSON
    object with ``required_keys``, ``regex``) with ``max_reasks`` re-asks.
    A generation that still fails becomes a quarantined synthetic row with the
    reason (``llm_error: HTTP 500 after 4 attempts``, ``llm_error: timeout after
    4 attempts``, ``llm_invalid_output: not_json after 1 re-asks``, ...); the
    source document stays. 401/403/404 stop the run (wrong key, URL or model).
    Why: instruction data, paraphrases and summaries from an LLM, with the
    technical log regulators ask of synthetic-data providers (request hash,
    model, parameters, prompt version, tokens, latency, attempts, outcome per
    generation) and a disk cache so a rerun does not pay twice.
    """

    name: ClassVar[str] = "llm_generate"
    Params: ClassVar[type[OpParams]] = LlmGenerateParams
    resources: ClassVar[Resources] = Resources(num_cpus=1, concurrency=1, batch_size=256)
    output_columns: ClassVar[dict[str, str]] = {
        **S.PROVENANCE_COLUMNS,
        "<output_column>": "output: column - the answer (null when the generation failed)",
        "<output_column>_generator": "output: column - generator JSON of the answer",
        "<output_column>_created_at": "output: column - ISO-8601 UTC time of the answer",
    }

    def __init__(self, params: OpParams | None = None, **kwargs: Any) -> None:
        super().__init__(params, **kwargs)
        import os

        p: LlmGenerateParams = self.params
        self._api_key: str | None = None
        if p.api_key_env:
            key = os.environ.get(p.api_key_env)
            if not key:
                raise ValueError(
                    f"llm_generate: the environment variable {p.api_key_env!r} named by api_key_env is not set "
                    "(export it before the run; on a cluster, in the workers' environment too)"
                )
            self._api_key = key
        env = _env()
        from jinja2 import meta

        self._templates = []
        variables: set[str] = set()
        for text in (p.system_prompt, p.prompt):
            if text is None:
                self._templates.append(None)
                continue
            variables |= meta.find_undeclared_variables(env.parse(text))
            self._templates.append(env.from_string(text))
        self._variables = sorted(variables)
        self._text_template = env.from_string(p.text_template) if p.text_template else None
        template_blob = S.canonical_json(
            {"system": p.system_prompt, "prompt": p.prompt, "text_template": p.text_template}
        )
        self._prompt_sha = S.sha256_hex(template_blob)[:16]
        self._check = None
        if p.response_format == "json" or p.regex:
            self._check = Check(
                json_mode=p.response_format == "json",
                required_keys=tuple(p.required_keys),
                regex=re.compile(p.regex) if p.regex else None,
            )
        self._sampling = {"temperature": p.temperature, "max_tokens": p.max_tokens}
        if p.top_p is not None:
            self._sampling["top_p"] = p.top_p
        if p.response_format == "json":
            self._sampling["response_format"] = {"type": "json_object"}
        self._sampling.update(p.extra_body)
        gen_params = {
            **{k: v for k, v in self._sampling.items()},
            "samples": p.samples,
            "fraction": p.fraction,
            "output": p.output,
            "response_format": p.response_format,
            "required_keys": p.required_keys,
            "regex": p.regex,
            "max_reasks": p.max_reasks,
        }
        self._gen_base = {
            "operator": self.name,
            "version": VERSION,
            "model": p.model,
            "endpoint": _endpoint_label(p.base_url),
            "parameters": gen_params,
            "seed": p.seed,
            "prompt_version": p.prompt_version,
            "prompt_sha256": self._prompt_sha,
        }
        self._config_hash = S.sha256_hex(S.canonical_json(self._gen_base))[:8]
        self._client: ChatClient | None = None
        self._log: S.SyntheticLog | None = None

    # -- lifecycle ------------------------------------------------------------
    def setup(self, ctx: RunContext | None) -> None:
        p: LlmGenerateParams = self.params
        cache_dir = None
        if p.cache:
            cache_dir = p.cache_dir or str(S.user_cache_dir() / "llm")
        self._client = ChatClient(
            ClientConfig(
                base_url=p.base_url,
                api_key=self._api_key,
                max_concurrency=p.max_concurrency,
                requests_per_minute=p.requests_per_minute,
                timeout_s=p.timeout_s,
                max_retries=p.max_retries,
                backoff_s=p.backoff_s,
                max_backoff_s=p.max_backoff_s,
                cache_dir=cache_dir,
            )
        )
        self._client.start()

    def teardown(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    def _logger(self) -> S.SyntheticLog:
        if self._log is None:
            self._log = S.open_log(self.params.log_dir, self)
        return self._log

    # -- per batch ------------------------------------------------------------
    def _render(self, row: dict[str, Any]) -> list[dict[str, str]]:
        system, user = self._templates
        messages = []
        if system is not None:
            messages.append({"role": "system", "content": system.render(**row)})
        messages.append({"role": "user", "content": user.render(**row)})
        return messages

    def _body(self, messages: list[dict[str, str]], sample: int) -> dict[str, Any]:
        p: LlmGenerateParams = self.params
        body: dict[str, Any] = {"model": p.model, "messages": messages, **self._sampling}
        if p.seed is not None or p.samples > 1:
            body["seed"] = (p.seed or 0) + sample
        return body

    def transform(self, table: pa.Table) -> pa.Table:
        p: LlmGenerateParams = self.params
        missing = [v for v in self._variables if v not in table.column_names]
        if missing:
            raise ValueError(
                f"llm_generate: the prompt uses {', '.join(missing)}, not columns of the data "
                f"(columns: {', '.join(c for c in table.column_names if not c.startswith('_cf_'))})"
            )
        table = S.mark_originals(table)
        n = table.num_rows
        keys = S.doc_keys(table)
        chosen = [i for i, pick in enumerate(S.selected(keys, p.seed or 0, p.fraction)) if pick]
        if not chosen:
            return self._empty_column(table) if p.output == "column" else table
        rows = table.select(self._variables).take(pa.array(chosen, pa.int64())).to_pylist()
        jobs: list[Job] = []
        owners: list[tuple[int, int]] = []  # (row index, sample) per result
        slots: list[int | Generation] = []  # index into jobs, or a failure without a request
        for i, row in zip(chosen, rows):
            try:
                messages = self._render(row)
            except Exception as exc:  # noqa: BLE001 - e.g. an attribute of a null column
                failure = Generation(ok=False, reason=f"llm_prompt_error: {type(exc).__name__}")
                for k in range(p.samples):
                    owners.append((i, k))
                    slots.append(failure)
                continue
            for k in range(p.samples):
                owners.append((i, k))
                slots.append(len(jobs))
                jobs.append(Job(self._body(messages, k), self._check, p.max_reasks))
        assert self._client is not None
        try:
            answers = self._client.generate_many(jobs)
        except LlmFatalError as exc:
            _stop_run(str(exc))
        results = [answers[s] if isinstance(s, int) else s for s in slots]
        created_at = S.utc_now()

        parent_index: list[int] = []
        ids: list[str] = []
        texts: list[str | None] = []
        generators: list[str] = []
        reasons: list[str | None] = []
        raw: list[str | None] = []
        fields: dict[str, list[str | None]] = {f: [] for f in p.output_fields}
        column_values: list[str | None] = [None] * n
        column_gens: list[str | None] = [None] * n
        records = []
        for (i, k), res in zip(owners, results):
            gen_id = f"{keys[i]}#llm-{self._config_hash}-{k}"
            generator = S.canonical_json({**self._gen_base, "sample": k, "request_hash": res.request_hash})
            text = None
            if res.ok:
                text = self._new_text(res)
                if text is None:
                    res.ok, res.reason, res.rejected = (
                        False,
                        "llm_invalid_output: text_template_failed",
                        res.content,
                    )
            records.append(self._record(gen_id, keys[i], k, res))
            if res.ok and p.output == "column":
                column_values[i] = text
                column_gens[i] = generator
                continue
            parent_index.append(i)
            ids.append(gen_id)
            generators.append(generator)
            if res.ok:
                texts.append(text)
                reasons.append(None)
                raw.append(None)
            else:
                texts.append("")
                reasons.append(res.reason)
                raw.append(res.rejected)
            parsed = res.parsed if res.ok and isinstance(res.parsed, dict) else {}
            for f in p.output_fields:
                v = parsed.get(f)
                fields[f].append(
                    None if v is None else (v if isinstance(v, str) else json.dumps(v, ensure_ascii=False))
                )
        self._logger().write(records)
        if p.output == "column":
            table = put_column(table, p.output_column, pa.array(column_values, pa.string()))
            table = put_column(table, f"{p.output_column}_generator", pa.array(column_gens, pa.string()))
            table = put_column(
                table,
                f"{p.output_column}_created_at",
                pa.array([created_at if g is not None else None for g in column_gens], pa.string()),
            )
            if not parent_index:
                return table
        extra = {f: pa.array(v, pa.string()) for f, v in fields.items()}
        generated = S.build_generated(
            table, parent_index, ids, texts, generators, created_at, self.name, reasons, raw, extra
        )
        return S.append_generated(table, generated)

    def _empty_column(self, table: pa.Table) -> pa.Table:
        p: LlmGenerateParams = self.params
        n = table.num_rows
        for name in (p.output_column, f"{p.output_column}_generator", f"{p.output_column}_created_at"):
            if name not in table.column_names:
                table = table.append_column(name, pa.nulls(n, pa.string()))
        return table

    def _new_text(self, res) -> str | None:
        if self._text_template is None:
            return res.content
        variables = dict(res.parsed) if isinstance(res.parsed, dict) else {}
        variables["content"] = res.content
        try:
            return self._text_template.render(**variables)
        except Exception:  # noqa: BLE001 - an answer without the template's keys
            return None

    def _record(self, gen_id: str, parent: str, sample: int, res) -> dict[str, Any]:
        p: LlmGenerateParams = self.params
        return {
            "ts": S.utc_now(),
            "operator": self.name,
            "id": gen_id,
            "parent_id": parent,
            "sample": sample,
            "request_hash": res.request_hash,
            "model": p.model,
            "server_model": res.model,
            "endpoint": self._gen_base["endpoint"],
            "parameters": self._gen_base["parameters"],
            "seed": p.seed,
            "prompt_template_version": p.prompt_version,
            "prompt_sha256": self._prompt_sha,
            "usage": res.usage,
            "usage_paid": res.usage_paid,
            "latency_ms": round(res.latency_s * 1000, 3),
            "attempts": res.attempts,
            "http_requests": res.http_requests,
            "reasks": res.reasks,
            "cache_hits": res.cache_hits,
            "finish_reason": res.finish_reason,
            "outcome": "ok" if res.ok else "failed",
            "error": res.reason,
        }


def _endpoint_label(base_url: str) -> str:
    """scheme://host[:port]/path of the endpoint (no query string)."""
    parts = urlsplit(base_url)
    return f"{parts.scheme}://{parts.hostname}{':' + str(parts.port) if parts.port else ''}{parts.path}"


def _stop_run(message: str):
    """Stop the run: the engine does not isolate a FatalOperatorError per document."""
    from engine.operator import FatalOperatorError

    raise FatalOperatorError(message) from None


__all__ = ["LlmGenerate", "LlmGenerateParams"]
