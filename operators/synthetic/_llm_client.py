"""An asynchronous client for OpenAI-compatible chat-completions endpoints
(vLLM, TGI, SGLang, OpenAI, DeepSeek, ...), used by ``llm_generate``.

One :class:`ChatClient` lives in each Ray actor. It owns a private asyncio
event loop in a daemon thread and one ``httpx.AsyncClient`` (connection pool,
keep-alive) that serves every batch, so connections are reused across
batches. ``generate_many`` is the synchronous entry point the operator calls
with a batch of jobs; inside, requests run concurrently:

* at most ``max_concurrency`` HTTP requests in flight (a semaphore; the pool
  has as many connections);
* ``requests_per_minute``: a token bucket (burst ``max(1, rpm/60)``) that
  every HTTP attempt, retries included, draws from;
* retries with exponential backoff and jitter on timeouts, connection errors,
  408/409/429/5xx and unreadable responses; a ``Retry-After`` header (seconds
  or HTTP date) sets the wait and holds back *all* requests of the client
  until it has passed, as the server asked;
* answer checks (JSON object with required keys, regular expression) with a
  bounded number of re-asks that show the model its previous answer and why
  it was rejected;
* a disk cache keyed by the SHA-256 of the canonical request (URL + body: the
  API key is a header and never part of it); every successful HTTP answer is
  stored, so a rerun replays the same chain without any request.

Errors, from the caller's point of view::

    LlmFatalError      401/403/404: wrong key, model or URL - the run must stop
    (a failed Generation) after retries, non-retryable 4xx, or answers that
                       fail the check after the re-asks: one document's
                       generation fails, the run goes on

The API key is sent as ``Authorization: Bearer`` and is never logged, cached,
hashed into keys or put in error messages.
"""

from __future__ import annotations

import asyncio
import email.utils
import json
import os
import random
import re
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from engine.errors import FatalOperatorError
from operators.synthetic.common import canonical_json, sha256_hex

RETRYABLE_STATUS = frozenset({408, 409, 425, 429, 500, 502, 503, 504})
FATAL_STATUS = frozenset({401, 403, 404})


class LlmFatalError(FatalOperatorError):
    """The endpoint refuses every request (bad key, unknown model or URL)."""


@dataclass
class ClientConfig:
    base_url: str
    api_key: str | None = field(default=None, repr=False)
    max_concurrency: int = 8
    requests_per_minute: float | None = None
    timeout_s: float = 60.0
    max_retries: int = 3
    backoff_s: float = 1.0
    max_backoff_s: float = 60.0
    max_retry_after_s: float = 300.0
    cache_dir: str | None = None

    @property
    def url(self) -> str:
        return self.base_url.rstrip("/") + "/chat/completions"


@dataclass
class Check:
    """What an answer must look like: ``json`` (an object, with ``required_keys``)
    and/or matching ``regex`` (``re.search``)."""

    json_mode: bool = False
    required_keys: tuple[str, ...] = ()
    regex: re.Pattern | None = None

    def __call__(self, content: str) -> tuple[str | None, Any]:
        """(problem or None, parsed JSON or None)."""
        parsed = None
        if self.json_mode:
            try:
                parsed = json.loads(_strip_fences(content))
            except (ValueError, TypeError):
                return "not_json", None
            if not isinstance(parsed, dict):
                return "not_json_object", None
            missing = [k for k in self.required_keys if k not in parsed]
            if missing:
                return "missing_keys", None
        if self.regex is not None and not self.regex.search(content):
            return "regex_mismatch", parsed
        return None, parsed

    def explain(self, problem: str) -> str:
        if problem == "not_json":
            return "it is not valid JSON"
        if problem == "not_json_object":
            return "it is not a JSON object"
        if problem == "missing_keys":
            return "the JSON object must have the keys: " + ", ".join(self.required_keys)
        return f"it must match the regular expression {self.regex.pattern if self.regex else ''}"


_FENCE_RE = re.compile(r"^\s*```(?:json)?\s*(.*?)\s*```\s*$", re.DOTALL)


def _strip_fences(content: str) -> str:
    m = _FENCE_RE.match(content)
    return m.group(1) if m else content


@dataclass
class Job:
    """One generation: the request body (model, messages, sampling) and its check."""

    body: dict[str, Any]
    check: Check | None = None
    max_reasks: int = 0


@dataclass
class Generation:
    """The outcome of one job."""

    ok: bool
    content: str | None = None
    parsed: Any = None
    reason: str | None = None  # short, no document content: "llm_error: HTTP 500 after 3 attempts"
    rejected: str | None = None  # the last answer that failed the check
    request_hash: str = ""
    attempts: int = 0  # HTTP attempts, all requests of the job
    http_requests: int = 0  # attempts that reached the network (not cache hits)
    reasks: int = 0
    cache_hits: int = 0
    usage: dict[str, int] = field(default_factory=dict)  # all answers of the job
    usage_paid: dict[str, int] = field(default_factory=dict)  # answers not from the cache
    latency_s: float = 0.0
    model: str | None = None  # as reported by the server
    finish_reason: str | None = None


class _Failure(Exception):
    def __init__(self, kind: str, retryable: bool, retry_after: float | None = None) -> None:
        super().__init__(kind)
        self.kind = kind
        self.retryable = retryable
        self.retry_after = retry_after
        self.attempts = 1


class TokenBucket:
    """``rate`` tokens per second, at most ``capacity`` saved up; FIFO waiters."""

    def __init__(self, rate: float, capacity: float) -> None:
        self.rate = rate
        self.capacity = capacity
        self.tokens = capacity
        self.updated = time.monotonic()
        self._lock = asyncio.Lock()

    async def acquire(self) -> None:
        async with self._lock:
            while True:
                now = time.monotonic()
                self.tokens = min(self.capacity, self.tokens + (now - self.updated) * self.rate)
                self.updated = now
                if self.tokens >= 1.0:
                    self.tokens -= 1.0
                    return
                await asyncio.sleep((1.0 - self.tokens) / self.rate)


def parse_retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (delta-seconds or HTTP date)."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when is None:
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


class DiskCache:
    """Answers on disk, one JSON file per request hash: ``<dir>/<h[:2]>/<h>.json``."""

    def __init__(self, directory: str) -> None:
        self.directory = Path(directory).expanduser()

    def _path(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}.json"

    def get(self, key: str) -> dict[str, Any] | None:
        try:
            with open(self._path(key), encoding="utf-8") as f:
                return json.load(f)
        except (OSError, ValueError):
            return None

    def put(self, key: str, value: dict[str, Any]) -> None:
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
        with open(tmp, "w", encoding="utf-8") as f:
            json.dump(value, f, ensure_ascii=False, sort_keys=True)
        os.replace(tmp, path)


def request_hash(url: str, body: dict[str, Any]) -> str:
    """SHA-256 of the canonical request: endpoint URL and JSON body (no headers, no key)."""
    return sha256_hex(canonical_json({"url": url, "body": body}))


class ChatClient:
    """Concurrent chat-completions client with retries, rate limit and cache (see module doc)."""

    def __init__(self, cfg: ClientConfig) -> None:
        self.cfg = cfg
        self.cache = DiskCache(cfg.cache_dir) if cfg.cache_dir else None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._client = None
        self._sem: asyncio.Semaphore | None = None
        self._bucket: TokenBucket | None = None
        self._hold_until = 0.0  # monotonic time before which no request may start (Retry-After)
        self._rand = random.Random()
        self._start_lock = threading.Lock()

    # -- lifecycle ------------------------------------------------------------
    def start(self) -> None:
        with self._start_lock:
            if self._loop is not None:
                return
            loop = asyncio.new_event_loop()
            thread = threading.Thread(target=loop.run_forever, name="llm-client", daemon=True)
            thread.start()
            self._loop, self._thread = loop, thread
            asyncio.run_coroutine_threadsafe(self._open(), loop).result()

    async def _open(self) -> None:
        import httpx

        cfg = self.cfg
        headers = {"Content-Type": "application/json", "Accept": "application/json"}
        if cfg.api_key:
            headers["Authorization"] = f"Bearer {cfg.api_key}"
        self._client = httpx.AsyncClient(
            headers=headers,
            timeout=httpx.Timeout(cfg.timeout_s),
            limits=httpx.Limits(
                max_connections=cfg.max_concurrency, max_keepalive_connections=cfg.max_concurrency
            ),
            follow_redirects=False,
            trust_env=False,
        )
        self._sem = asyncio.Semaphore(cfg.max_concurrency)
        if cfg.requests_per_minute:
            rate = cfg.requests_per_minute / 60.0
            self._bucket = TokenBucket(rate, max(1.0, rate))

    def close(self) -> None:
        loop = self._loop
        if loop is None:
            return
        try:
            if self._client is not None:
                asyncio.run_coroutine_threadsafe(self._client.aclose(), loop).result(timeout=10)
        except Exception:  # noqa: BLE001, S110 - closing is best effort
            pass
        loop.call_soon_threadsafe(loop.stop)
        if self._thread is not None:
            self._thread.join(timeout=10)
        loop.close()
        self._loop = self._thread = self._client = None

    # -- public ---------------------------------------------------------------
    def generate_many(self, jobs: list[Job]) -> list[Generation]:
        """Run the jobs concurrently; results in job order. Raises :class:`LlmFatalError`."""
        if not jobs:
            return []
        self.start()
        assert self._loop is not None
        return asyncio.run_coroutine_threadsafe(self._gather(jobs), self._loop).result()

    async def _gather(self, jobs: list[Job]) -> list[Generation]:
        tasks = [asyncio.ensure_future(self._job(j)) for j in jobs]
        try:
            return list(await asyncio.gather(*tasks))
        except LlmFatalError:
            for t in tasks:
                t.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
            raise

    # -- one job: request, check, re-ask ---------------------------------------
    async def _job(self, job: Job) -> Generation:
        t0 = time.perf_counter()
        body = job.body
        gen = Generation(ok=False, request_hash=request_hash(self.cfg.url, body))
        messages = list(body["messages"])
        for ask in range(job.max_reasks + 1):
            req = dict(body, messages=messages)
            try:
                answer = await self._request(req, gen)
            except _Failure as f:
                n = f.attempts
                gen.reason = f"llm_error: {f.kind}" + (
                    f" after {n} attempt{'s' if n > 1 else ''}" if f.retryable else ""
                )
                break
            content = answer["content"]
            gen.model = answer.get("model")
            gen.finish_reason = answer.get("finish_reason")
            problem, parsed = (None, None) if job.check is None else job.check(content)
            if problem is None:
                gen.ok, gen.content, gen.parsed, gen.reason = True, content, parsed, None
                break
            gen.rejected = content
            gen.reason = f"llm_invalid_output: {problem}" + (f" after {ask} re-asks" if ask else "")
            if ask == job.max_reasks:
                break
            gen.reasks += 1
            assert job.check is not None
            messages = messages + [
                {"role": "assistant", "content": content},
                {
                    "role": "user",
                    "content": f"Your answer was rejected because {job.check.explain(problem)}. "
                    "Answer again, following the instructions exactly.",
                },
            ]
        gen.latency_s = time.perf_counter() - t0
        return gen

    async def _request(self, body: dict[str, Any], gen: Generation) -> dict[str, Any]:
        """One request with cache and retries; returns {content, usage, model, finish_reason}."""
        cfg = self.cfg
        key = request_hash(cfg.url, body)
        if self.cache is not None:
            hit = self.cache.get(key)
            if hit is not None and isinstance(hit.get("content"), str):
                gen.cache_hits += 1
                _add_usage(gen.usage, hit.get("usage"))
                return hit
        payload = json.dumps(body, ensure_ascii=False).encode("utf-8")
        attempt = 0
        while True:
            attempt += 1
            gen.attempts += 1
            try:
                answer = await self._attempt(payload, gen)
            except _Failure as f:
                if not f.retryable or attempt > cfg.max_retries:
                    f.attempts = attempt
                    raise
                await self._wait_before_retry(attempt, f.retry_after)
                continue
            _add_usage(gen.usage, answer.get("usage"))
            _add_usage(gen.usage_paid, answer.get("usage"))
            if self.cache is not None:
                try:
                    self.cache.put(key, answer)
                except OSError:  # a full or read-only disk must not fail the generation
                    pass
            return answer

    async def _attempt(self, payload: bytes, gen: Generation) -> dict[str, Any]:
        import httpx

        assert self._sem is not None and self._client is not None
        async with self._sem:
            if self._bucket is not None:
                await self._bucket.acquire()
            delay = self._hold_until - time.monotonic()
            if delay > 0:
                await asyncio.sleep(delay)
            gen.http_requests += 1
            try:
                async with asyncio.timeout(self.cfg.timeout_s):
                    resp = await self._client.post(self.cfg.url, content=payload)
                    raw = await resp.aread()
            except (TimeoutError, httpx.TimeoutException):
                raise _Failure("timeout", True) from None
            except httpx.TransportError as exc:
                raise _Failure(f"connection error ({type(exc).__name__})", True) from None
        status = resp.status_code
        if status != 200:
            if status in FATAL_STATUS:
                raise LlmFatalError(
                    f"llm_generate: {self.cfg.url} answered HTTP {status} "
                    f"({'check api_key_env' if status in (401, 403) else 'check base_url and model'})"
                )
            retry_after = (
                parse_retry_after(resp.headers.get("retry-after")) if status in RETRYABLE_STATUS else None
            )
            if retry_after is not None:
                retry_after = min(retry_after, self.cfg.max_retry_after_s)
                self._hold_until = max(self._hold_until, time.monotonic() + retry_after)
            raise _Failure(f"HTTP {status}", status in RETRYABLE_STATUS or status >= 500, retry_after)
        try:
            data = json.loads(raw)
            choice = data["choices"][0]
            content = choice["message"]["content"]
            if not isinstance(content, str):
                raise TypeError("content is not a string")
        except (ValueError, KeyError, IndexError, TypeError):
            raise _Failure("invalid response", True) from None
        usage = data.get("usage") if isinstance(data.get("usage"), dict) else {}
        return {
            "content": content,
            "usage": {
                k: int(v) for k, v in usage.items() if k.endswith("_tokens") and isinstance(v, (int, float))
            },
            "model": data.get("model") if isinstance(data.get("model"), str) else None,
            "finish_reason": choice.get("finish_reason"),
        }

    async def _wait_before_retry(self, attempt: int, retry_after: float | None) -> None:
        cfg = self.cfg
        if retry_after is not None:  # the server said when: wait that long, plus a little jitter
            delay = retry_after * (1.0 + 0.1 * self._rand.random())
        else:  # exponential backoff with "equal jitter"
            cap = min(cfg.max_backoff_s, cfg.backoff_s * (2 ** (attempt - 1)))
            delay = cap / 2 + self._rand.uniform(0, cap / 2)
        await asyncio.sleep(delay)


def _add_usage(into: dict[str, int], usage: Any) -> None:
    if isinstance(usage, dict):
        for k, v in usage.items():
            if isinstance(v, (int, float)):
                into[k] = into.get(k, 0) + int(v)


__all__ = [
    "ChatClient",
    "Check",
    "ClientConfig",
    "DiskCache",
    "Generation",
    "Job",
    "LlmFatalError",
    "TokenBucket",
    "parse_retry_after",
    "request_hash",
]
