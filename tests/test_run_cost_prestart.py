"""The rule filters warmed in the warm local Ray's job-less workers (operators/quality/_prestart.py):
only there, and with no change to any decision."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

import pytest

from engine import ray_local
from engine.worker_preload import KV_ENV
from operators.quality import _prestart

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(
    "env, expected",
    [
        ({KV_ENV: "1", "RAY_JOB_ID": ""}, True),
        ({KV_ENV: "1", "RAY_JOB_ID": "ffffffff"}, True),  # a boot worker's nil job id
        ({KV_ENV: "1", "RAY_JOB_ID": "01000000"}, False),  # started for a run: its first batch pays
        ({KV_ENV: "1", "RAY_JOB_ID": "", _prestart.ENV: "0"}, False),
        ({"RAY_JOB_ID": ""}, False),  # not the warm Ray (an embedded one, a driver)
    ],
)
def test_warms_only_job_less_workers_of_the_warm_ray(monkeypatch, env, expected):
    for key in (KV_ENV, "RAY_JOB_ID", _prestart.ENV):
        monkeypatch.delenv(key, raising=False)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    assert _prestart.should_warm() is expected


def test_warm_ray_workers_import_it_last(monkeypatch):
    monkeypatch.delenv("CORPUSFORGE_LEAN_RAY", raising=False)
    modules = ray_local.warm_system_config()["preload_python_modules"]
    assert modules[-1] == "operators.quality._prestart"
    assert modules[:-1] == list(ray_local.embedded_system_config()["preload_python_modules"])
    monkeypatch.setenv("CORPUSFORGE_LEAN_RAY", "0")  # no preload at all: nothing added
    assert "preload_python_modules" not in ray_local.warm_system_config()


_CHAIN_KEEP = """
import json, sys
import pyarrow as pa
sys.path.insert(0, {root!r})
from operators import BUILTIN, load_operator
if sys.argv[1] == "warm":
    from operators.quality import _prestart
    _prestart.warm_up()
texts = json.load(open(sys.argv[2]))
classes = {{name: (mod, cls) for name, mod, cls in BUILTIN}}
table = pa.table({{"id": [str(i) for i in range(len(texts))], "text": texts}})
out = {{}}
for name in {filters!r}:
    judged = load_operator(*classes[name])().judge(table)
    out[name] = [bool(k) for k in judged.keep]
    table = judged.scored
print(json.dumps(out))
"""


def test_warm_up_changes_no_decision(tmp_path):
    """The chain's decisions on the sample corpus, each filter on every document, in a fresh
    process with and without the warm-up first: identical."""
    texts = []
    for part in sorted((ROOT / "data" / "sample").glob("part-*.jsonl.gz"))[:2]:
        with gzip.open(part, "rt", encoding="utf-8", errors="replace") as f:
            for line in f:
                try:
                    row = json.loads(line)
                except ValueError:  # the sample's deliberately broken lines
                    continue
                if isinstance(row, dict) and isinstance(row.get("text"), str):
                    texts.append(row["text"])
    texts = texts[:400] + list(_prestart.TEXTS)  # the warm-up's own texts too (memo hits)
    src = tmp_path / "texts.json"
    src.write_text(json.dumps(texts))
    code = _CHAIN_KEEP.format(root=str(ROOT), filters=_prestart.FILTERS)
    runs = {
        mode: json.loads(
            subprocess.run(
                [sys.executable, "-c", code, mode, str(src)], check=True, capture_output=True, text=True
            ).stdout
        )
        for mode in ("cold", "warm")
    }
    assert runs["cold"] == runs["warm"]
    assert set(runs["cold"]) == set(_prestart.FILTERS)
    assert any(not k for keep in runs["cold"].values() for k in keep)  # the filters do remove some


def test_warm_up_loads_the_kernels():
    """After the warm-up no lazy kernel of the filters is left to build on a first batch."""
    code = (
        f"import sys; sys.path.insert(0, {str(ROOT)!r})\n"
        "from operators.quality import _prestart, _numba_start\n"
        "import operators.quality._kernels as k\n"
        "_prestart.warm_up()\n"
        "left = [n for n, v in vars(k).items() if isinstance(v, _numba_start.LazyKernel)]\n"
        "print(len(left))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    assert out.stdout.strip() == "0"


def test_small_input_takes_every_cpu_on_the_warm_ray(monkeypatch):
    """Embedded: CPUs - 1 tasks (the second worker would boot and set up on the run's path);
    on the warm local Ray every CPU's worker is booted and warmed: one task each."""
    import ray

    from engine import ray_runtime, read_plan
    from engine.io_read import InputFile

    files = [
        InputFile(path=f"/d/f{i}.jsonl", uri=f"/d/f{i}.jsonl", rel=f"f{i}", size=500_000, mtime=None)
        for i in range(4)
    ]
    monkeypatch.setattr(ray, "cluster_resources", lambda: {"CPU": 2.0})
    monkeypatch.delenv(read_plan.SMALL_INPUT_ENV, raising=False)
    monkeypatch.delenv(read_plan.SMALL_INPUT_MB_ENV, raising=False)
    monkeypatch.setattr(ray_runtime, "_warm_local", False)
    assert read_plan.small_input_tasks(files, 4) == 1
    monkeypatch.setattr(ray_runtime, "_warm_local", True)
    assert read_plan.small_input_tasks(files, 4) == 2
    assert read_plan.small_input_tasks(files[:1], 1) == 0  # one unit: not planned as small


def test_quality_chain_bench_prints_warm_beside_cold():
    """scripts/bench_quality.py --warm: the warm runs' ratios against the same datatrove run, the
    cold ratio kept beside them, kept-count differences per run."""
    sys.path.insert(0, str(ROOT / "scripts"))
    bench_quality = pytest.importorskip("bench_quality")

    def run(wall, kept):
        return {
            "wall": wall,
            "client_cpu": 0.05,
            "phases": {},
            "step_cpu": 1.5,
            "report": {"output_docs": kept},
        }

    row = bench_quality._warm_row(
        {"ray_up_s": 3.0, "runs": [run(2.5, 105), run(2.0, 104)]},
        mb=12.5,
        dt_wall=12.5,
        cores=2,
        kept_dt=105,
        cold_wall=5.0,
    )
    assert row["ratio_cold"] == 2.5
    assert row["ratio_warm"] == [5.0, 6.25]
    assert row["kept_difference"] == [0, -1]
    assert row["ours_mb_s_per_core"] == [2.5, 3.125]
