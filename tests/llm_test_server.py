"""A real HTTP server speaking the OpenAI chat-completions protocol, for tests
and ``scripts/bench_augment.py``. Run as a subprocess::

    python tests/llm_test_server.py --port 0 [--latency-ms 50] [--retry-after 1]
                                    [--slow-s 2] [--expect-key-env NAME]

It prints ``PORT <n>`` on its first stdout line once it listens on
127.0.0.1, and serves:

* ``POST /v1/chat/completions`` - a deterministic answer derived from the
  prompt (:func:`answer_for`; JSON when ``response_format`` is
  ``json_object``), with ``usage`` counted in whitespace/CJK tokens;
* ``GET /stats`` - requests received, by status, peak concurrency, arrival
  times (monotonic seconds) and how many requests carried the expected key;
* ``POST /reset`` - clear the counters; ``POST /config`` - set
  ``latency_ms``, ``retry_after``, ``slow_s`` at run time.

Fault injection, per prompt: a marker ``@@fault:<kind>[:<n>]@@`` in the
(first user message of the) prompt makes the first ``n`` requests carrying
that prompt fail (all of them when ``n`` is omitted). Re-asks keep the first
user message, so they count as further requests of the same prompt. Kinds:
``429`` (with ``Retry-After``), ``429date`` (HTTP-date ``Retry-After``),
``500``, ``503``, ``400``, ``401``, ``slow`` (answers after ``slow_s``),
``badjson`` (truncated JSON body), ``badschema`` (JSON without ``choices``),
``badanswer`` (content that is not JSON), ``wrongkeys`` (a JSON answer
without the expected keys), ``nomatch`` (content ``"zzz"``).
"""

from __future__ import annotations

import argparse
import email.utils
import hashlib
import json
import os
import re
import sys
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

FAULT_RE = re.compile(r"@@fault:([a-z0-9]+)(?::(\d+))?@@")
_TOKEN_RE = re.compile(r"[\u3400-\u9fff]|[^\s\u3400-\u9fff]+")
_WORD_RE = re.compile(r"\w+")


def prompt_of(messages: list[dict]) -> str:
    """The prompt a request is about: its first user message."""
    for m in messages:
        if m.get("role") == "user":
            return str(m.get("content", ""))
    return ""


def answer_for(prompt: str, json_mode: bool = False) -> str:
    """The deterministic answer to ``prompt`` (tests recompute it)."""
    h = hashlib.sha256(prompt.encode("utf-8")).hexdigest()[:8]
    words = _WORD_RE.findall(FAULT_RE.sub("", prompt))[-12:]
    if json_mode:
        return json.dumps(
            {
                "question": f"What does text {h} say about {' '.join(words[:3])}?",
                "answer": f"Text {h} says: {' '.join(words)}.",
                "summary": f"Summary {h}: {' '.join(words[:6])}.",
            },
            ensure_ascii=False,
        )
    return f"Answer {h}: " + " ".join(reversed(words))


def count_tokens(text: str) -> int:
    return len(_TOKEN_RE.findall(text))


class State:
    def __init__(self, latency_ms: float, retry_after: str, slow_s: float, expected_key: str | None) -> None:
        self.lock = threading.Lock()
        self.latency_s = latency_ms / 1000.0
        self.retry_after = retry_after
        self.slow_s = slow_s
        self.expected_key = expected_key
        self.reset()

    def reset(self) -> None:
        with self.lock:
            self.requests = 0
            self.by_status: Counter = Counter()
            self.per_prompt: Counter = Counter()
            self.arrivals: list[float] = []
            self.in_flight = 0
            self.peak = 0
            self.with_key = 0
            self.bodies: list[dict] = []


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "llm-test-server/1"
    state: State  # set on the class by main()

    def log_message(self, format, *args):
        pass

    # -- helpers --------------------------------------------------------------
    def _send(self, status: int, body: bytes, headers: dict[str, str] | None = None) -> None:
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            for k, v in (headers or {}).items():
                self.send_header(k, v)
            self.end_headers()
            self.wfile.write(body)
            self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):  # the client gave up (timeout)
            self.close_connection = True

    def _json(self, status: int, obj, headers=None) -> None:
        self._send(status, json.dumps(obj).encode("utf-8"), headers)

    def _read_body(self) -> bytes:
        n = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(n) if n else b""

    # -- routes ---------------------------------------------------------------
    def do_GET(self):
        st = self.state
        if self.path == "/stats":
            with st.lock:
                obj = {
                    "requests": st.requests,
                    "by_status": dict(st.by_status),
                    "peak_concurrency": st.peak,
                    "arrivals": list(st.arrivals),
                    "with_key": st.with_key,
                    "bodies": list(st.bodies),
                }
            self._json(200, obj)
        else:
            self._json(404, {"error": {"message": "not found"}})

    def do_POST(self):
        st = self.state
        raw = self._read_body()
        if self.path == "/reset":
            st.reset()
            return self._json(200, {"ok": True})
        if self.path == "/config":
            cfg = json.loads(raw or b"{}")
            with st.lock:
                if "latency_ms" in cfg:
                    st.latency_s = float(cfg["latency_ms"]) / 1000.0
                if "retry_after" in cfg:
                    st.retry_after = str(cfg["retry_after"])
                if "slow_s" in cfg:
                    st.slow_s = float(cfg["slow_s"])
            return self._json(200, {"ok": True})
        if not self.path.endswith("/chat/completions"):
            return self._json(404, {"error": {"message": f"unknown path {self.path}"}})
        with st.lock:
            st.requests += 1
            st.arrivals.append(time.monotonic())
            st.in_flight += 1
            st.peak = max(st.peak, st.in_flight)
        try:
            status = self._complete(raw)
        finally:
            with st.lock:
                st.in_flight -= 1
                st.by_status[str(status)] += 1

    def _complete(self, raw: bytes) -> int:
        st = self.state
        auth = self.headers.get("Authorization")
        if st.expected_key is not None:
            if auth != f"Bearer {st.expected_key}":
                self._json(401, {"error": {"message": "invalid api key", "type": "invalid_request_error"}})
                return 401
            with st.lock:
                st.with_key += 1
        try:
            body = json.loads(raw)
            messages = body["messages"]
        except (ValueError, KeyError, TypeError):
            self._json(400, {"error": {"message": "invalid request body"}})
            return 400
        prompt = prompt_of(messages)
        key = hashlib.sha256(prompt.encode("utf-8")).hexdigest()
        with st.lock:
            st.per_prompt[key] += 1
            nth = st.per_prompt[key]
            st.bodies.append(body)
            latency = st.latency_s
        fault = None
        for kind, n in FAULT_RE.findall(prompt):
            if not n or nth <= int(n):
                fault = kind
                break
        if latency:
            time.sleep(latency)
        json_mode = (body.get("response_format") or {}).get("type") == "json_object"
        content = answer_for(prompt, json_mode)
        if fault in ("429", "429date"):
            retry = st.retry_after
            if fault == "429date":
                retry = email.utils.formatdate(time.time() + float(st.retry_after), usegmt=True)
            self._json(
                429, {"error": {"message": "rate limited", "type": "rate_limit"}}, {"Retry-After": retry}
            )
            return 429
        if fault in ("500", "503", "400", "401"):
            self._json(int(fault), {"error": {"message": f"injected {fault}"}})
            return int(fault)
        if fault == "slow":
            time.sleep(st.slow_s)
        if fault == "badjson":
            self._send(200, b'{"id": "chatcmpl-x", "choices": [{"message": {"content": "trunc')
            return 200
        if fault == "badschema":
            self._json(200, {"id": "chatcmpl-x", "object": "chat.completion", "data": [content]})
            return 200
        if fault == "badanswer":
            content = "Sure! Here is the answer you asked for, without any JSON."
        elif fault == "wrongkeys":
            content = json.dumps({"unexpected": "keys"})
        elif fault == "nomatch":
            content = "zzz"
        prompt_tokens = sum(count_tokens(str(m.get("content", ""))) for m in messages)
        completion_tokens = count_tokens(content)
        self._json(
            200,
            {
                "id": "chatcmpl-" + key[:12],
                "object": "chat.completion",
                "created": int(time.time()),
                "model": body.get("model", "test-model"),
                "choices": [
                    {
                        "index": 0,
                        "message": {"role": "assistant", "content": content},
                        "finish_reason": "stop",
                    }
                ],
                "usage": {
                    "prompt_tokens": prompt_tokens,
                    "completion_tokens": completion_tokens,
                    "total_tokens": prompt_tokens + completion_tokens,
                },
            },
        )
        return 200


class Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 1024
    allow_reuse_address = True


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--latency-ms", type=float, default=0.0, help="fixed delay of every answer")
    ap.add_argument("--retry-after", default="1", help="Retry-After value of injected 429s (seconds)")
    ap.add_argument("--slow-s", type=float, default=2.0, help="delay of 'slow' faults")
    ap.add_argument("--expect-key-env", default=None, help="require 'Bearer $NAME' (401 otherwise)")
    args = ap.parse_args(argv)
    key = os.environ.get(args.expect_key_env) if args.expect_key_env else None
    Handler.state = State(args.latency_ms, args.retry_after, args.slow_s, key)
    server = Server(("127.0.0.1", args.port), Handler)
    sys.stdout.write(f"PORT {server.server_address[1]}\n")
    sys.stdout.flush()
    try:
        server.serve_forever(poll_interval=0.1)
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
