"""llm_generate against a real OpenAI-compatible HTTP server on loopback
(tests/llm_test_server.py in a subprocess): answers, provenance, technical log,
retries (429 + Retry-After, 5xx, timeouts, unreadable bodies), rate limit,
concurrency, cache, answer checks with re-asks, quarantine on exhausted
retries, API-key handling, config errors, and end to end on Ray."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pyarrow as pa
import pyarrow.dataset as pads
import pytest
from pydantic import ValidationError

from engine.columns import GENERATED, QUARANTINED, RAW, REASON, REMOVED_BY, add_engine_columns
from engine.config import ConfigError, load_config
from engine.operator import FatalOperatorError
from engine.step_runner import StepRunner
from operators.synthetic import common as S
from operators.synthetic._llm_client import parse_retry_after
from operators.synthetic.llm_generate import LlmGenerate, LlmGenerateParams

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from llm_test_server import answer_for

KEY_ENV = "CF_TEST_LLM_KEY"
SECRET = "sk-test-Zq8v1Xw9-not-a-real-key"


class Server:
    def __init__(self, extra_args=(), env=None) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, str(HERE / "llm_test_server.py"), "--port", "0", "--slow-s", "1.5", *extra_args],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env={**os.environ, **(env or {})},
            text=True,
        )
        line = self.proc.stdout.readline()
        assert line.startswith("PORT "), line
        self.port = int(line.split()[1])
        self.base_url = f"http://127.0.0.1:{self.port}/v1"

    def _call(self, path, body=None):
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(
            f"http://127.0.0.1:{self.port}{path}", data=data, method="POST" if data else "GET"
        )
        with urllib.request.urlopen(req, timeout=10) as resp:
            return json.loads(resp.read())

    def stats(self):
        return self._call("/stats")

    def reset(self, **config):
        self._call("/reset", {})
        self._call("/config", {"latency_ms": 0, "retry_after": "1", "slow_s": 1.5, **config})

    def stop(self):
        self.proc.terminate()
        self.proc.wait(timeout=10)


@pytest.fixture(scope="module")
def server():
    srv = Server()
    yield srv
    srv.stop()


@pytest.fixture
def llm(server, tmp_path):
    server.reset()
    return server


def _op(server, tmp_path, **kw) -> LlmGenerate:
    if "prompt_file" not in kw:
        kw.setdefault("prompt", "Paraphrase: {{ text }}")
    kw.setdefault("model", "test-model")
    kw.setdefault("base_url", server.base_url)
    kw.setdefault("cache_dir", str(tmp_path / "cache"))
    kw.setdefault("log_dir", str(tmp_path / "log"))
    kw.setdefault("timeout_s", 5)
    kw.setdefault("backoff_s", 0.05)
    kw.setdefault("max_retries", 2)
    op = LlmGenerate(**kw)
    op.ensure_setup()
    return op


def _docs(texts):
    return add_engine_columns(
        pa.table(
            {
                "id": [f"d{i}" for i in range(len(texts))],
                "text": texts,
                "title": [f"T{i}" for i in range(len(texts))],
            }
        ),
        "in.jsonl",
        1,
    )


def _gen(out: pa.Table) -> list[dict]:
    return [r for r in out.to_pylist() if r[GENERATED] is not None]


# ------------------------------------------------------------------ answers and provenance
def test_new_rows_answers_provenance_and_log(llm, tmp_path):
    texts = ["first document about cats", "second document about dogs", "第三个文档关于鸟"]
    op = _op(llm, tmp_path, prompt_version="v7", temperature=0.3, max_tokens=64)
    out = op.transform(_docs(texts))
    op.close()
    assert out.slice(0, 3).column("text").to_pylist() == texts
    assert out.slice(0, 3).column("synthetic").to_pylist() == [False] * 3
    new = _gen(out)
    assert [r["parent_id"] for r in new] == ["d0", "d1", "d2"]
    for r, src in zip(new, texts):
        assert r["text"] == answer_for(f"Paraphrase: {src}")
        assert r["synthetic"] is True and r[REMOVED_BY] is None and r[QUARANTINED] is False
        assert r["id"].startswith(r["parent_id"] + "#llm-") and r["title"] == f"T{r['parent_id'][1:]}"
        g = json.loads(r["generator"])
        assert g["operator"] == "llm_generate" and g["model"] == "test-model" and g["prompt_version"] == "v7"
        assert g["parameters"]["temperature"] == 0.3 and g["parameters"]["max_tokens"] == 64
        assert len(g["prompt_sha256"]) == 16 and len(g["request_hash"]) == 64
        assert r["created_at"].endswith("Z")
    stats = llm.stats()
    assert stats["requests"] == 3
    for body in stats["bodies"]:
        assert body["model"] == "test-model" and body["temperature"] == 0.3 and body["max_tokens"] == 64
    assert sorted(b["messages"][0]["content"] for b in stats["bodies"]) == sorted(
        f"Paraphrase: {t}" for t in texts
    )
    assert all(len(b["messages"]) == 1 and b["messages"][0]["role"] == "user" for b in stats["bodies"])
    records = S.read_log(tmp_path / "log")
    assert len(records) == 3
    for rec in records:
        assert rec["outcome"] == "ok" and rec["attempts"] == 1 and rec["http_requests"] == 1
        assert rec["model"] == "test-model" and rec["prompt_template_version"] == "v7"
        assert rec["usage"]["completion_tokens"] > 0 and rec["usage"] == rec["usage_paid"]
        assert rec["latency_ms"] > 0 and len(rec["request_hash"]) == 64
    by_id = {r["id"]: r for r in new}
    assert {rec["request_hash"] for rec in records} == {
        json.loads(by_id[rec["id"]]["generator"])["request_hash"] for rec in records
    }
    summary = S.summarize_log(tmp_path / "log")
    assert summary["generations"] == 3 and summary["ok"] == 3 and summary["http_requests"] == 3
    assert summary["completion_tokens"] == sum(r["usage"]["completion_tokens"] for r in records)


def test_column_output_system_prompt_and_variables(llm, tmp_path):
    prompt_file = tmp_path / "prompt.j2"
    prompt_file.write_text("Title: {{ title }}\nSummarize: {{ text }}", encoding="utf-8")
    op = _op(
        llm,
        tmp_path,
        prompt_file=str(prompt_file),
        system_prompt="You summarize {{ title }}.",
        output="column",
        output_column="summary",
    )
    out = op.transform(_docs(["alpha beta gamma", "delta epsilon"]))
    op.close()
    assert out.num_rows == 2 and out.column(GENERATED).null_count == 2
    assert out.column("summary").to_pylist() == [
        answer_for("Title: T0\nSummarize: alpha beta gamma"),
        answer_for("Title: T1\nSummarize: delta epsilon"),
    ]
    assert (
        out.column("summary_generator").null_count == 0 and out.column("summary_created_at").null_count == 0
    )
    systems = sorted(b["messages"][0]["content"] for b in llm.stats()["bodies"])
    assert systems == ["You summarize T0.", "You summarize T1."]


def test_json_mode_fields_template_and_samples(llm, tmp_path):
    op = _op(
        llm,
        tmp_path,
        prompt="Q&A: {{ text }}",
        response_format="json",
        required_keys=["question", "answer"],
        output_fields=["question", "answer"],
        text_template="Q: {{ question }}\nA: {{ answer }}",
        samples=2,
        seed=9,
    )
    out = op.transform(_docs(["the moon orbits the earth"]))
    op.close()
    new = _gen(out)
    assert len(new) == 2 and len({r["id"] for r in new}) == 2
    expected = json.loads(answer_for("Q&A: the moon orbits the earth", json_mode=True))
    for r in new:
        assert r["question"] == expected["question"] and r["answer"] == expected["answer"]
        assert r["text"] == f"Q: {expected['question']}\nA: {expected['answer']}"
    bodies = llm.stats()["bodies"]
    assert sorted(b["seed"] for b in bodies) == [9, 10]
    assert all(b["response_format"] == {"type": "json_object"} for b in bodies)
    assert out.slice(0, 1).column("question").to_pylist() == [None]


def test_fraction_selects_documents(llm, tmp_path):
    texts = [f"doc {i}" for i in range(40)]
    op = _op(llm, tmp_path, fraction=0.5, seed=1)
    out = op.transform(_docs(texts))
    op.close()
    parents = [r["parent_id"] for r in _gen(out)]
    keys = [f"d{i}" for i in range(40)]
    assert parents == [k for k, s in zip(keys, S.selected(keys, 1, 0.5)) if s]
    assert 10 < len(parents) < 30 and llm.stats()["requests"] == len(parents)


# ------------------------------------------------------------------ cache
def test_cache_second_run_makes_zero_requests(llm, tmp_path):
    texts = ["cache me", "cache me too @@fault:500:1@@", "json me @@fault:badanswer:1@@"]
    kw = dict(response_format="json", required_keys=["answer"], max_reasks=1)
    op = _op(llm, tmp_path, **kw)
    first = op.transform(_docs(texts))
    op.close()
    assert llm.stats()["requests"] == 5  # 3 + one retry + one re-ask
    llm.reset()
    op2 = _op(llm, tmp_path, **kw)  # a new actor, same cache directory
    second = op2.transform(_docs(texts))
    op2.close()
    assert llm.stats()["requests"] == 0

    def strip(rows):
        return [{k: v for k, v in r.items() if k != "created_at"} for r in rows]

    assert strip(_gen(second)) == strip(_gen(first))
    records = S.read_log(tmp_path / "log")
    cached = [r for r in records if r["cache_hits"]]
    assert len(cached) == 3 and all(r["http_requests"] == 0 and r["usage_paid"] == {} for r in cached)
    assert S.summarize_log(tmp_path / "log")["cache_hits"] == 4  # the re-ask chain replays from the cache too
    # a different parameter is a different request
    op3 = _op(llm, tmp_path, **kw, temperature=0.5)
    op3.transform(_docs(texts[:1]))
    op3.close()
    assert llm.stats()["requests"] == 1
    op4 = _op(llm, tmp_path, **kw, cache=False)
    op4.transform(_docs(texts[:1]))
    op4.close()
    assert llm.stats()["requests"] == 2


# ------------------------------------------------------------------ retries and faults
def test_retry_after_429_is_honoured(llm, tmp_path):
    op = _op(llm, tmp_path, max_retries=2)
    out = op.transform(_docs(["limited @@fault:429:1@@", "limited by date @@fault:429date:1@@"]))
    op.close()
    new = _gen(out)
    assert all(r[REMOVED_BY] is None for r in new) and len(new) == 2
    st = llm.stats()
    assert st["by_status"] == {"429": 2, "200": 2}
    arrivals = sorted(st["arrivals"])
    # the retries came after the server's Retry-After (1 s; the HTTP date has 1 s resolution)
    assert arrivals[2] - arrivals[0] >= 0.9
    records = S.read_log(tmp_path / "log")
    assert sorted(r["attempts"] for r in records) == [2, 2]


def test_5xx_then_success_and_exhausted_retries_quarantine(llm, tmp_path):
    texts = ["ok after two failures @@fault:500:2@@", "always failing secret-content @@fault:503@@", "fine"]
    op = _op(llm, tmp_path, max_retries=2)
    out = op.transform(_docs(texts))
    op.close()
    assert out.slice(0, 3).column("text").to_pylist() == texts  # sources stay, live
    assert out.slice(0, 3).column(REMOVED_BY).null_count == 3
    new = {r["parent_id"]: r for r in _gen(out)}
    assert new["d0"][REMOVED_BY] is None and new["d0"]["text"] == answer_for(f"Paraphrase: {texts[0]}")
    bad = new["d1"]
    assert bad[QUARANTINED] is True and bad[REMOVED_BY] == "llm_generate"
    assert bad[REASON] == "llm_error: HTTP 503 after 3 attempts"
    assert bad["synthetic"] is True and bad["parent_id"] == "d1" and bad["generator"]
    assert "secret" not in json.dumps(bad[REASON])
    records = {r["parent_id"]: r for r in S.read_log(tmp_path / "log")}
    assert records["d0"]["attempts"] == 3 and records["d0"]["outcome"] == "ok"
    assert records["d1"]["outcome"] == "failed" and records["d1"]["error"] == bad[REASON]
    assert records["d1"]["attempts"] == 3
    assert llm.stats()["by_status"] == {"500": 2, "503": 3, "200": 2}


def test_timeouts_and_unreadable_bodies(llm, tmp_path):
    texts = [
        "slow once @@fault:slow:1@@",
        "always slow @@fault:slow@@",
        "bad json once @@fault:badjson:1@@",
        "bad schema always @@fault:badschema@@",
    ]
    op = _op(llm, tmp_path, timeout_s=0.5, max_retries=1)
    out = op.transform(_docs(texts))
    op.close()
    new = {r["parent_id"]: r for r in _gen(out)}
    assert new["d0"][REMOVED_BY] is None and new["d2"][REMOVED_BY] is None
    assert new["d1"][REASON] == "llm_error: timeout after 2 attempts"
    assert new["d3"][REASON] == "llm_error: invalid response after 2 attempts"


def test_non_retryable_400_and_fatal_401(llm, tmp_path):
    op = _op(llm, tmp_path, max_retries=3)
    out = op.transform(_docs(["bad request @@fault:400@@"]))
    assert _gen(out)[0][REASON] == "llm_error: HTTP 400"
    assert llm.stats()["requests"] == 1  # not retried
    with pytest.raises(FatalOperatorError, match="HTTP 401"):
        op.transform(_docs(["fine", "unauthorized @@fault:401@@"]))
    op.close()


def test_answer_checks_and_reasks(llm, tmp_path):
    texts = [
        "good",
        "bad once @@fault:badanswer:1@@",
        "never json @@fault:badanswer@@",
        "wrong keys @@fault:wrongkeys@@",
    ]
    op = _op(llm, tmp_path, response_format="json", required_keys=["question", "answer"], max_reasks=2)
    out = op.transform(_docs(texts))
    op.close()
    new = {r["parent_id"]: r for r in _gen(out)}
    assert new["d0"][REMOVED_BY] is None and new["d1"][REMOVED_BY] is None
    assert new["d2"][REASON] == "llm_invalid_output: not_json after 2 re-asks"
    assert new["d3"][REASON] == "llm_invalid_output: missing_keys after 2 re-asks"
    assert json.loads(new["d3"][RAW]) == {"unexpected": "keys"}  # the rejected answer, for inspection
    reask = next(b for b in llm.stats()["bodies"] if len(b["messages"]) == 3)
    assert reask["messages"][1]["role"] == "assistant" and "rejected" in reask["messages"][2]["content"]
    records = {r["parent_id"]: r for r in S.read_log(tmp_path / "log")}
    assert records["d1"]["reasks"] == 1 and records["d2"]["reasks"] == 2 and records["d0"]["reasks"] == 0
    op2 = _op(llm, tmp_path, regex=r"^Answer [0-9a-f]{8}:", max_reasks=0)
    out2 = op2.transform(_docs(["matches", "no match @@fault:nomatch@@"]))
    op2.close()
    reasons = [r[REASON] for r in _gen(out2)]
    assert reasons == [None, "llm_invalid_output: regex_mismatch"]


# ------------------------------------------------------------------ rate limit and concurrency
def test_requests_per_minute_token_bucket(llm, tmp_path):
    op = _op(llm, tmp_path, requests_per_minute=240, max_concurrency=8, cache=False)  # 4/s, burst 4
    t0 = time.perf_counter()
    op.transform(_docs([f"rate {i}" for i in range(8)]))
    elapsed = time.perf_counter() - t0
    op.close()
    # 4 requests beyond the burst, one per 0.25 s at most: a lower bound, whatever the machine's load
    assert elapsed >= 4 * 0.25 * 0.9
    arrivals = sorted(llm.stats()["arrivals"])
    assert len(arrivals) == 8 and arrivals[7] - arrivals[0] >= 0.6  # seen by the server too


def test_max_concurrency_bounds_in_flight_requests(llm, tmp_path):
    llm.reset(latency_ms=150)
    op = _op(llm, tmp_path, max_concurrency=3, cache=False)
    op.transform(_docs([f"conc {i}" for i in range(9)]))
    op.close()
    st = llm.stats()
    assert st["requests"] == 9 and 2 <= st["peak_concurrency"] <= 3


def test_parse_retry_after():
    assert parse_retry_after("2") == 2.0
    assert parse_retry_after("0.5") == 0.5
    assert parse_retry_after(None) is None and parse_retry_after("soon") is None
    assert 9 <= parse_retry_after("Wed, 21 Oct 2015 07:28:10 GMT", now=1445412480.0) <= 11


# ------------------------------------------------------------------ API key
def test_api_key_sent_and_never_written(tmp_path, monkeypatch):
    srv = Server(["--expect-key-env", KEY_ENV], env={KEY_ENV: SECRET})
    try:
        monkeypatch.setenv(KEY_ENV, SECRET)
        op = _op(srv, tmp_path, api_key_env=KEY_ENV, response_format="json")
        out = op.transform(_docs(["keyed request", "failing @@fault:500@@"]))
        op.close()
        assert srv.stats()["with_key"] == 4 and len(_gen(out)) == 2
        for path in list((tmp_path / "cache").rglob("*")) + list((tmp_path / "log").rglob("*")):
            if path.is_file():
                assert SECRET not in path.read_text(encoding="utf-8")
        assert SECRET not in json.dumps(out.to_pylist(), default=str)
        assert SECRET not in repr(op.params) and SECRET not in json.dumps(op.params.model_dump())
        monkeypatch.setenv(KEY_ENV, "wrong-key")
        op2 = _op(srv, tmp_path, api_key_env=KEY_ENV, cache=False)
        with pytest.raises(FatalOperatorError) as err:
            op2.transform(_docs(["refused"]))
        op2.close()
        assert "wrong-key" not in str(err.value) and "api_key_env" in str(err.value)
    finally:
        srv.stop()


def test_missing_api_key_is_a_config_error(tmp_path, monkeypatch):
    monkeypatch.delenv(KEY_ENV, raising=False)
    with pytest.raises(ValueError, match=KEY_ENV):
        LlmGenerate(base_url="http://127.0.0.1:9/v1", model="m", prompt="{{ text }}", api_key_env=KEY_ENV)
    cfg = {
        "input": {"paths": [str(tmp_path)]},
        "output": {"path": str(tmp_path / "o")},
        "pipeline": [
            {
                "op": "llm_generate",
                "base_url": "http://127.0.0.1:9/v1",
                "model": "m",
                "prompt": "{{ text }}",
                "api_key_env": KEY_ENV,
            }
        ],
    }
    with pytest.raises(ConfigError, match=f"pipeline\\[0\\].*{KEY_ENV}"):
        load_config(cfg)


# ------------------------------------------------------------------ config errors
@pytest.mark.parametrize(
    "kw, message",
    [
        (dict(), "exactly one of prompt and prompt_file"),
        (dict(prompt="a", prompt_file="b"), "exactly one of prompt and prompt_file"),
        (dict(prompt_file="/nonexistent/prompt.j2"), "cannot read"),
        (dict(prompt="{{ text "), "invalid Jinja"),
        (dict(prompt="x", required_keys=["a"]), "need response_format: json"),
        (dict(prompt="x", output="column", samples=2), "one sample"),
        (dict(prompt="x", regex="(unclosed"), "invalid regular expression"),
        (dict(prompt="x", base_url="ftp://host/v1"), "http"),
        (dict(prompt="x", base_url="http://user:pw@host/v1"), "credentials"),
        (dict(prompt="x", extra_body={"model": "other"}), "must not set model"),
        (dict(prompt="x", max_concurency=4), "Extra inputs"),
    ],
)
def test_params_validation(kw, message):
    kw = {"base_url": "http://127.0.0.1:9/v1", "model": "m", **kw}
    with pytest.raises(ValidationError, match=message):
        LlmGenerateParams(**kw)


def test_missing_template_variable_and_prompt_errors(llm, tmp_path):
    op = _op(llm, tmp_path, prompt="{{ text }} {{ no_such_column }}")
    with pytest.raises(ValueError, match="no_such_column"):
        op.transform(_docs(["x"]))
    op.close()
    op2 = _op(llm, tmp_path, prompt="{{ meta.title }}")
    t = _docs(["x"]).append_column("meta", pa.array([None], pa.struct([("title", pa.string())])))
    out = op2.transform(t)
    op2.close()
    assert _gen(out)[0][REASON] == "llm_prompt_error: UndefinedError" and llm.stats()["requests"] == 0


def test_step_runner_contract(llm, tmp_path):
    cfg = load_config(
        {
            "input": {"paths": [str(tmp_path)]},
            "output": {"path": str(tmp_path / "o")},
            "pipeline": [
                {
                    "op": "llm_generate",
                    "name": "qa",
                    "base_url": llm.base_url,
                    "model": "m",
                    "prompt": "{{ text }}",
                    "cache_dir": str(tmp_path / "c"),
                    "log_dir": str(tmp_path / "l"),
                    "max_retries": 0,
                }
            ],
        }
    )
    res = StepRunner(cfg.steps[0])(_docs(["a b", "c d @@fault:500@@"]))
    assert res.num_rows == 4
    assert res.column(GENERATED).to_pylist() == [None, None, "qa", "qa"]
    assert res.column(REASON).to_pylist()[3] == "llm_error: HTTP 500 after 1 attempt"


def test_generating_step_after_a_generating_step(llm, tmp_path):
    """augment_text -> llm_generate through the engine's StepRunner: rows an
    earlier step generated keep their label; only rows after the input rows are new."""
    cfg = load_config(
        {
            "input": {"paths": [str(tmp_path)]},
            "output": {"path": str(tmp_path / "o")},
            "pipeline": [
                {"op": "augment_text", "methods": ["word_swap"], "log_dir": str(tmp_path / "l")},
                {
                    "op": "llm_generate",
                    "base_url": llm.base_url,
                    "model": "m",
                    "prompt": "{{ text }}",
                    "cache_dir": str(tmp_path / "c"),
                    "log_dir": str(tmp_path / "l"),
                },
            ],
        }
    )
    t = _docs(["one two three four", "five six seven eight"])
    aug = StepRunner(cfg.steps[0])(t)
    assert aug.column(GENERATED).to_pylist() == [None, None, "augment_text", "augment_text"]
    # what the operator returns is right: originals first, then one answer per live row
    direct = cfg.steps[1].build()
    direct.ensure_setup()
    out = direct.transform(aug)
    direct.close()
    assert (
        out.column(GENERATED).to_pylist()
        == [None, None, "augment_text", "augment_text"] + ["llm_generate"] * 4
    )
    assert out.column("parent_id").to_pylist()[4:] == aug.column("id").to_pylist()
    res = StepRunner(cfg.steps[1])(aug)
    assert res.column(REASON).null_count == res.num_rows  # nothing isolated or quarantined
    assert (
        res.column(GENERATED).to_pylist()
        == [None, None, "augment_text", "augment_text"] + ["llm_generate"] * 4
    )


# ------------------------------------------------------------------ end to end on Ray
def test_end_to_end_on_ray_with_cache(ray_session, llm, tmp_path):
    """llm_generate -> length_filter on the real executor: failures quarantined,
    accounting with generated documents, the technical log written from inside
    the Ray actor, and a rerun (output overwritten) served by the cache outside
    the output directory."""
    from engine.executor import run_config

    inp = tmp_path / "in"
    inp.mkdir()
    docs = [
        {"id": f"doc{i}", "text": f"document {i} talks about topic number {i} in some detail"}
        for i in range(12)
    ]
    docs[3]["text"] = "@@fault:500@@ " + docs[3]["text"]
    docs[7]["text"] = "@@fault:wrongkeys@@ " + docs[7]["text"]
    docs[10]["text"] = "中文文档讨论了一个很有意思的话题，内容非常详细。第二句话在这里！"
    with gzip.open(inp / "a.jsonl.gz", "wt", encoding="utf-8") as f:
        f.write("\n".join(json.dumps(d, ensure_ascii=False) for d in docs) + "\n")
    out = tmp_path / "out"
    log_dir = out / "synthetic_log"
    cfg = {
        "name": "llm-e2e",
        "input": {"paths": [str(inp)], "format": "jsonl"},
        "output": {"path": str(out), "format": "parquet", "overwrite": True},
        "execution": {"progress": False},
        "pipeline": [
            {
                "op": "llm_generate",
                "base_url": llm.base_url,
                "model": "test-model",
                "prompt": "Q&A: {{ text }}",
                "response_format": "json",
                "required_keys": ["question", "answer"],
                "output_fields": ["question", "answer"],
                "text_template": "{{ question }} {{ answer }}",
                "max_retries": 1,
                "backoff_s": 0.05,
                "max_reasks": 1,
                "cache_dir": str(tmp_path / "cache"),  # no log_dir: the log goes to OUT/synthetic_log
                "resources": {"concurrency": 1, "batch_size": 5},
            },
            {"op": "length_filter", "min_words": 3},
        ],
    }
    report = run_config(cfg)
    assert report["accounting_ok"]
    assert report["input_docs"] == 12 and report["generated_docs"] == 12
    assert report["quarantine_reasons"] == {
        "llm_generate:llm_error: HTTP 500 after 2 attempts": 1,
        "llm_generate:llm_invalid_output: missing_keys after 1 re-asks": 1,
    }
    assert report["output_docs"] + report["removed_docs"] == 12 + 10 and report["quarantined"] == 2
    ops = {o["name"]: o for o in report["ops"]}
    assert ops["llm_generate"]["generated"] == 12 and ops["llm_generate"]["docs_out"] == 22
    data = pads.dataset(str(out / "data"), format="parquet").to_table().to_pylist()
    assert {r["id"] for r in data if not r["synthetic"]} == {d["id"] for d in docs}  # every source stays
    qa = [r for r in data if r["synthetic"]]
    assert len(qa) == 10 and all(r["question"] and r["parent_id"] and r["generator"] for r in qa)
    quarantine = pads.dataset(str(out / "quarantine"), format="parquet").to_table().to_pylist()
    assert sorted(q["id"].split("#")[0] for q in quarantine) == ["doc3", "doc7"]
    summary = S.summarize_log(log_dir)
    assert summary["generations"] == 12 and summary["failed"] == 2 and summary["prompt_tokens"] > 0
    # written from inside the pool actor through its RunContext, summarised in the report, in the manifest
    assert summary["retries"] >= 1 and summary["http_requests"] >= 12
    saved = json.loads((out / "report.json").read_text())["synthetic"]
    assert {k: saved[k] for k in summary} == summary and saved["log_dir"] == "synthetic_log"
    listed = {f["path"] for f in json.loads((out / "manifest.json").read_text())["files"]}
    logs = {f"synthetic_log/{p.name}" for p in log_dir.glob("*.jsonl")}
    assert logs and logs <= listed
    # the rerun (output overwritten, log rewritten) is served by the cache outside the output
    # directory: only the failed HTTP generation is asked again (twice: max_retries 1); doc7's
    # rejected answers were valid HTTP answers and replay from the cache
    requests_before = llm.stats()["requests"]
    report2 = run_config(cfg)
    assert report2["generated_docs"] == 12 and report2["output_docs"] == report["output_docs"]
    assert llm.stats()["requests"] - requests_before == 2
    assert S.summarize_log(log_dir)["cache_hits"] == 10 + 2


@pytest.mark.parametrize("recipe", ["augment_rules", "augment_paraphrase", "llm_qa_pairs", "llm_summary"])
def test_recipes_validate(recipe):
    root = HERE.parent
    cwd = os.getcwd()
    os.chdir(root)  # prompt_file paths are relative to the repository root
    try:
        cfg = load_config(root / "configs" / f"{recipe}.yaml")
    finally:
        os.chdir(cwd)
    ops = [s.op_cls.name for s in cfg.steps]
    generator = "augment_text" if recipe == "augment_rules" else "llm_generate"
    after = ops[ops.index(generator) + 1 :]
    assert "length_filter" in after and "minhash_dedup" in after  # synthetic records meet the same bar
