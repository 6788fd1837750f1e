"""A stage's reads of its own Parquet intermediates start no actors: Ray Data's second Parquet
datasource lists files through a pool of FooterReader actors per read (each a new worker process,
seconds of CPU on a small machine, dozens per read)."""

from __future__ import annotations

import pyarrow as pa
import pyarrow.parquet as pq

from engine.stage_runtime import StageRuntime


def _actor_ids():
    import ray

    return set(ray._private.state.actors())


def test_reading_intermediates_starts_no_actors(ray_session, tmp_path):
    ray = ray_session
    for i in range(8):
        pq.write_table(pa.table({"x": list(range(i * 10, i * 10 + 10))}), tmp_path / f"part-{i}.parquet")
    ray.data.range(2).take_all()  # Ray Data's own per-process actors exist before the read
    before = _actor_ids()
    ds = StageRuntime.read_parquet(str(tmp_path), pa.schema([("x", pa.int64())]))
    rows = sorted(
        x for b in ds.iter_batches(batch_format="pyarrow", batch_size=None) for x in b["x"].to_pylist()
    )
    assert rows == list(range(80))
    created = {
        aid: info.get("ActorClassName", info.get("Name"))
        for aid, info in ray._private.state.actors().items()
        if aid not in before
    }
    assert created == {}
