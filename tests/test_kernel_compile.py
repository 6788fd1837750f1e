"""The numba kernels' first compile (engine/kernel_compile.py): one compile per kernel and
machine under a file lock, the background precompiler's plan, stamp and signatures, and
``corpusforge warmup``."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from types import SimpleNamespace

import pytest

from engine import kernel_compile as kc

ROOT = Path(__file__).resolve().parents[1]

# a tiny cached kernel in a module of its own: its cache goes to the test's NUMBA_CACHE_DIR
KERNEL_MODULE = textwrap.dedent(
    """
    import numba
    import numpy as np

    from engine.kernel_compile import guard_namespace


    @numba.njit(cache=True)
    def tiny(xs):
        s = 0
        for x in xs:
            s += x * x
        return s


    guard_namespace(globals())
    """
)


def _env(tmp_path: Path, **extra: str) -> dict:
    env = dict(os.environ)
    env.update(
        NUMBA_CACHE_DIR=str(tmp_path / "numba"),
        CORPUSFORGE_KERNEL_LOG=str(tmp_path / "kernels.log"),
        PYTHONPATH=os.pathsep.join([str(tmp_path), str(ROOT)]),
    )
    env.pop(kc.ROLE_ENV, None)
    env.update(extra)
    return env


def _log_rows(tmp_path: Path) -> list[dict]:
    path = tmp_path / "kernels.log"
    return [json.loads(line) for line in path.read_text().splitlines()] if path.exists() else []


def test_two_processes_compile_a_kernel_once(tmp_path):
    """Two processes calling a kernel that is not cached yet, at the same moment: one compiles,
    the other waits on the kernel's lock and loads numba's cache (without the lock both
    compile: two misses)."""
    (tmp_path / "cf_tiny_kernel.py").write_text(KERNEL_MODULE)
    go = tmp_path / "go"
    code = textwrap.dedent(
        f"""
        import os, time
        import numpy as np
        import cf_tiny_kernel as k
        while not os.path.exists({str(go)!r}):
            time.sleep(0.005)
        assert k.tiny(np.arange(5, dtype=np.int64)) == 30
        """
    )
    env = _env(tmp_path)
    procs = [subprocess.Popen([sys.executable, "-c", code], env=env, cwd=tmp_path) for _ in range(2)]
    time.sleep(1.5)  # both have numba imported and wait for the signal
    go.write_text("")
    assert [p.wait(timeout=120) for p in procs] == [0, 0]
    rows = [r for r in _log_rows(tmp_path) if r["kernel"].endswith(".tiny")]
    assert len(rows) == 2 and len({r["pid"] for r in rows}) == 2
    assert sorted(r["compiled"] for r in rows) == [False, True]


def _holder_script(path: Path, role: str) -> str:
    return textwrap.dedent(
        f"""
        import os, sys, time
        os.environ[{kc.ROLE_ENV!r}] = {role!r}
        from engine.kernel_compile import kernel_lock
        with kernel_lock({str(path)!r}):
            print("held", flush=True)
            time.sleep(600)
        """
    )


def _start_holder(path: Path, role: str) -> subprocess.Popen:
    proc = subprocess.Popen(
        [sys.executable, "-c", _holder_script(path, role)], cwd=ROOT, stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout.readline().strip() == "held"
    return proc


def test_lock_is_released_when_its_holder_dies(tmp_path):
    path = tmp_path / "k.lock"
    holder = _start_holder(path, "run")
    try:
        holder.send_signal(signal.SIGKILL)
        holder.wait(timeout=30)
        with kc.kernel_lock(str(path)) as waited:
            assert waited < 30
    finally:
        if holder.poll() is None:
            holder.kill()
            holder.wait()


def test_a_stalled_background_holder_is_stopped_a_run_holder_is_not(tmp_path, monkeypatch):
    """A worker waiting on the background precompiler that makes no progress (here it sleeps:
    no CPU) stops it and takes the lock; a holder that is part of the run itself is waited for."""
    monkeypatch.delenv(kc.ROLE_ENV, raising=False)
    path = tmp_path / "k.lock"
    background = _start_holder(path, "background")
    try:
        t0 = time.monotonic()
        with kc.kernel_lock(str(path)):
            assert background.wait(timeout=30) == -signal.SIGTERM
        assert time.monotonic() - t0 < 30
    finally:
        if background.poll() is None:
            background.kill()
            background.wait()
    run_holder = _start_holder(path, "run")
    try:
        import fcntl

        fd = os.open(path, os.O_RDWR)
        try:
            monkeypatch.setattr(kc, "PROGRESS_WINDOW_S", 0.05)
            deadline = time.monotonic() + 1.5
            while time.monotonic() < deadline:  # what _acquire's loop sees: held, by a run process
                with pytest.raises(BlockingIOError):
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                assert kc._holder(fd)[2] == "run"
                time.sleep(0.1)
        finally:
            os.close(fd)
        assert run_holder.poll() is None  # never signalled
    finally:
        run_holder.kill()
        run_holder.wait()


def test_lock_is_reentrant_within_a_process(tmp_path):
    path = str(tmp_path / "k.lock")
    with kc.kernel_lock(path):
        with kc.kernel_lock(path) as waited:  # a kernel compiling calls another one: no self-deadlock
            assert waited == 0.0
        assert path in kc._HELD
    assert path not in kc._HELD


# the stage's kernel calls, after the precompile: they must compile nothing more
STAGE_SCRIPT = textwrap.dedent(
    """
    import json
    import numpy as np
    import pyarrow as pa
    from numba.core.dispatcher import Dispatcher

    from engine import kernel_compile as kc
    from engine.columns import add_engine_columns
    from operators.dedup import minhash_kernel as mk
    from operators.dedup._verify_keeper import MEMBER_SCHEMA, PeelClusters
    from operators.dedup.connected_components import local_labels
    from operators.dedup.minhash import MinHashDedup


    def signatures():
        return {n: sorted(map(str, d.signatures)) for n, d in vars(mk).items() if isinstance(d, Dispatcher)}


    op = MinHashDedup()
    step = type("Step", (), {"op_cls": MinHashDedup, "params": op.params})()
    kc.run_jobs(kc.plan([step]))
    before = signatures()
    texts = ["the cat sat on the mat today and every day", "the cat sat on the mat today and every day!",
             "今天天气很好，我们一起去公园散步吧", ""]
    table = add_engine_columns(pa.table({"id": ["a", "b", "c", "d"], "text": texts, "lang": ["en", "en", "zh", None]}),
                               "s.jsonl", 1)
    signed = op.sign(table)
    op.bucket_rows(signed)
    op.bucket_rows(signed, content=False)
    local_labels(np.array([0, 5], np.int64), np.array([5, 9], np.int64))
    members = pa.table(
        {"_dd_group": pa.array([0, 0, 1], pa.int64()), "_dd_rid": pa.array([0, 1, 2], pa.int64()),
         "_dd_blk": pa.array([0, 0, 0], pa.int64()), "_dd_prio": pa.array([0.0, 0.0, 0.0]),
         "_dd_src": ["s", "s", "s"], "_dd_line": pa.array([1, 2, 3], pa.int64()), "_dd_id": ["a", "b", "c"],
         "_dd_text": pa.array(texts[:3], pa.large_string()), "_dd_mode": pa.array([0, 0, 1], pa.int8())},
    )
    members = pa.table({f.name: members.column(i) for i, f in enumerate(MEMBER_SCHEMA)}, schema=MEMBER_SCHEMA)
    PeelClusters(0.8, op.params.ngram_size, op.params.keep, op.params.verify_keeper_rounds)(members)
    print(json.dumps({"before": before, "after": signatures()}))
    """
)


def test_precompile_compiles_what_the_minhash_stage_calls():
    """The background precompile of minhash_dedup (its plan, run in a fresh process) compiles
    exactly the signatures the stage's own calls need: signing, band keys, the local graph and
    the keeper check then add none (a signature missed or of another type adds one)."""
    proc = subprocess.run([sys.executable, "-c", STAGE_SCRIPT], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr[-3000:]
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    assert out["after"] == out["before"]
    for name in (
        "_signatures_fast",
        "_band_keys",
        "_component_roots",
        "_shingle_hashes",
        "_unique_sets",
        "_peel",
    ):
        assert out["before"][name], name


QUALITY_SCRIPT = textwrap.dedent(
    """
    import gzip, json
    import pyarrow as pa
    from numba.core.dispatcher import Dispatcher

    from engine import kernel_compile as kc, runner
    from engine.columns import add_engine_columns
    from operators.quality import _kernels
    from operators.quality.c4 import C4Quality
    from operators.quality.fineweb import FineWebQuality
    from operators.quality.gopher import GopherQuality, GopherRepetition


    def signatures():
        out = {}
        for n, d in vars(_kernels).items():
            d = getattr(d, "dispatcher", d)
            if isinstance(d, Dispatcher):
                out[n] = sorted(map(str, d.signatures))
        return out


    classes = (GopherQuality, GopherRepetition, C4Quality, FineWebQuality)
    steps = [type("Step", (), {"op_cls": c, "params": c.Params()})() for c in classes]
    jobs = kc.plan(steps)
    assert [j["kind"] for j in jobs] == ["operator"] * 4, jobs
    kc.run_jobs(jobs, strict=True)
    before = signatures()
    rows = []
    for part in ("00000", "00003"):
        with gzip.open(f"data/sample/part-{part}.jsonl.gz", "rt", encoding="utf-8") as f:
            rows += [json.loads(line) for _, line in zip(range(150), f)]
    table = pa.table({"id": [r["id"] for r in rows], "text": [r["text"] for r in rows],
                      "lang": [("zh" if any("\u4e00" <= ch <= "\u9fff" for ch in r["text"][:200]) else "en")
                               for r in rows]})
    assert set(table.column("lang").to_pylist()) == {"en", "zh"}
    table = add_engine_columns(table, "sample", 1)
    for c in classes:
        op = runner.start(c(c.Params()))
        table = runner.run_operator(op, table, c.name)
    print(json.dumps({"before": before, "after": signatures()}))
    """
)


def test_precompile_compiles_what_the_quality_operators_call():
    """The per-document quality operators' precompile (each operator run on two documents)
    compiles the signatures their calls on the bundled sample (English and Chinese) need."""
    proc = subprocess.run([sys.executable, "-c", QUALITY_SCRIPT], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr[-3000:]
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    assert out["after"] == out["before"]
    for name in ("c4_lines_kernel", "c4_cjk_lines_kernel", "ngram_fractions_kernel", "fineweb_lines_kernel"):
        assert out["before"][name], name


def _steps(*ops: tuple[str, dict]):
    from operators.dedup.minhash import MinHashDedup
    from operators.quality.c4 import C4Quality
    from operators.quality.length import LengthFilter
    from operators.text.language import LanguageId

    by_name = {cls.name: cls for cls in (MinHashDedup, LengthFilter, LanguageId, C4Quality)}
    return [
        SimpleNamespace(op_cls=by_name[name], params=by_name[name].Params(**params)) for name, params in ops
    ]


def test_plan_names_the_kernels_of_a_config_and_the_stamp_follows_the_source(tmp_path, monkeypatch):
    monkeypatch.setenv("NUMBA_CACHE_DIR", str(tmp_path))
    steps = _steps(("length_filter", {"min_words": 3}), ("minhash_dedup", {"num_perm": 64}))
    jobs = kc.plan(steps)
    assert [(j["module"], j["params"]["num_perm"]) for j in jobs] == [("operators.dedup.minhash_kernel", 64)]
    assert kc.plan(_steps(("length_filter", {"min_words": 3}))) == []
    stamp = kc.stamp_path(jobs)
    assert stamp and Path(stamp).parent == tmp_path
    assert not kc.compiled_already(jobs)
    assert kc.stamp_path(kc.plan(_steps(("minhash_dedup", {"num_perm": 32})))) != stamp
    Path(stamp).write_text("[]")
    assert kc.compiled_already(jobs)
    assert kc.start_background(steps) is None  # compiled already: no process
    monkeypatch.setenv("NUMBA_CACHE_DIR", str(tmp_path / "other"))
    assert not kc.compiled_already(jobs)
    monkeypatch.setenv(kc.PRECOMPILE_ENV, "0")
    assert kc.start_background(steps) is None


def test_background_precompiler_writes_the_stamp(tmp_path, monkeypatch):
    """The process ``corpusforge run`` starts: in the batch scheduling class and a session of its
    own, compiles into a fresh cache, writes the stamp and ends."""
    monkeypatch.setenv("NUMBA_CACHE_DIR", str(tmp_path / "numba"))
    monkeypatch.setenv(kc.LOG_ENV, str(tmp_path / "kernels.log"))
    steps = _steps(("minhash_dedup", {"verify_keeper": False}))
    proc = kc.start_background(steps)
    assert proc is not None
    if hasattr(os, "sched_getscheduler"):
        try:
            assert os.sched_getscheduler(proc.pid) == os.SCHED_BATCH
            assert os.getsid(proc.pid) == proc.pid  # a session (scheduler autogroup) of its own
        except ProcessLookupError:
            pass  # already done
    assert proc.wait(timeout=300) == 0
    assert kc.compiled_already(kc.plan(steps))
    rows = _log_rows(tmp_path)
    assert rows and {r["role"] for r in rows} == {"background"} and {r["pid"] for r in rows} == {proc.pid}
    kernels = {r["kernel"].rsplit(".", 1)[1] for r in rows}
    assert "_signatures_fast" in kernels and "_peel" not in kernels  # no keeper check asked
    kc.stop_background()


def test_warmup_command(tmp_path):
    cfg = tmp_path / "c.yaml"
    cfg.write_text(
        "name: w\ninput: {paths: ['x.jsonl']}\noutput: {path: out}\n"
        "pipeline:\n  - op: length_filter\n    min_words: 3\n  - op: minhash_dedup\n    verify_keeper: false\n"
    )
    env = _env(tmp_path)
    proc = subprocess.run(
        [sys.executable, "-m", "engine.cli", "warmup", str(cfg)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "1 kernel set(s) compiled or cached" in proc.stdout
    rows = _log_rows(tmp_path)
    assert any(r["kernel"].endswith("._signatures_fast") and r["compiled"] for r in rows)
    assert list((tmp_path / "numba").glob("**/corpusforge-precompiled-*"))
    bad = subprocess.run(
        [sys.executable, "-m", "engine.cli", "warmup", str(cfg), "--set", "pipeline[1].num_perm=1"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert bad.returncode == 2 and "config error" in bad.stderr


def test_precompile_sample_follows_the_languages_kept():
    """The quality operators' sample has Chinese only when the run can keep Chinese text: its
    kernels (C4's Chinese sentence kernel: ~11 CPU-s) are not compiled for an English-only run."""

    def langs(*ops):
        return [j["langs"] for j in kc.plan(_steps(*ops)) if j["kind"] == "operator"]

    assert langs(("language_id", {"keep": ["en"]}), ("c4_quality", {})) == [["en"]]
    assert langs(("language_id", {"keep": ["en", "zh"]}), ("c4_quality", {})) == [["en", "zh"]]
    assert langs(("language_id", {"keep": ["eng_Latn", "cmn_Hani"]}), ("c4_quality", {})) == [["en", "zh"]]
    assert langs(("language_id", {"keep": []}), ("c4_quality", {})) == [["en", "zh"]]
    assert langs(("c4_quality", {}), ("language_id", {"keep": ["en"]})) == [["en", "zh"]]  # language after
    assert langs(("c4_quality", {})) == [["en", "zh"]]
    assert kc._sample_table(["en"]).column("lang").to_pylist() == ["en"]
