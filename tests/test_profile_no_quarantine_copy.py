"""``profile_block`` skips filtering a block that has no quarantined row, or whose rows are all
live (cold_engine13): the filter only copied the block. The profile is the one the filtered
path gives, with and without quarantined or removed rows, and quarantined rows stay out of
``docs``."""

from __future__ import annotations

import types

import pyarrow as pa
import pytest

from engine import columns as C
from engine import profiling as P


def _block(quarantined: list, removed: list) -> pa.Table:
    n = len(removed)
    texts = ["plain text", "café â€™ mojibake", "中文文本", "x" * 300, "", "\ufffd bad"]
    return pa.table(
        {
            "id": [str(i) for i in range(n)],
            "text": [texts[i % len(texts)] + str(i) for i in range(n)],
            "lang": ["en", "en", "zh", "en", "en", "en"][:n] + ["en"] * max(0, n - 6),
            "score": [i / n for i in range(n)],
            C.REMOVED_BY: pa.array(removed, pa.string()),
            C.REASON: pa.array([None if r is None else "why" for r in removed], pa.string()),
            C.QUARANTINED: pa.array(quarantined, pa.bool_()),
            C.GENERATED: pa.array([None] * n, pa.string()),
        }
    )


def _filtered_path(monkeypatch, table: pa.Table) -> dict:
    """The profile with the filter always taken (the code before the change)."""
    real = P.pc
    forced = types.SimpleNamespace(**{k: getattr(real, k) for k in dir(real) if not k.startswith("__")})
    forced.any = lambda arr: pa.scalar(True)
    forced.all = lambda arr: pa.scalar(False)
    monkeypatch.setattr(P, "pc", forced)
    try:
        return P.profile_block(table)
    finally:
        monkeypatch.setattr(P, "pc", real)


@pytest.mark.parametrize(
    "quarantined, removed",
    [
        ([None] * 6, [None] * 6),  # every row kept
        ([None, False, None, None, None, None], [None, "minhash_dedup", None, None, "c4_quality", None]),
        (
            [None, True, None, None, None, None],
            [None, "input", None, "c4_quality", None, None],
        ),  # one quarantined
        ([True] * 6, ["input"] * 6),
    ],
)
def test_same_profile_as_the_filtered_path(monkeypatch, quarantined, removed):
    table = _block(quarantined, removed)
    got = P.profile_block(table)
    assert got == _filtered_path(monkeypatch, table)
    assert got["docs"] == sum(1 for q in quarantined if not q)


@pytest.mark.parametrize(
    "removed",
    [[None] * 6, [None, "minhash_dedup", None, None, "c4_quality", None], ["input"] * 6],
)
def test_the_writers_live_rows_give_the_same_profile(removed):
    """The writer hands its own live rows (``kept``) instead of a second filter: same profile."""
    table = _block([None] * 6, removed)
    live = table.filter(C.live_mask(table))
    assert P.profile_block(table, kept=live) == P.profile_block(table)
    assert P.profile_block(table, kept=live)["kept"] == sum(1 for r in removed if r is None)
