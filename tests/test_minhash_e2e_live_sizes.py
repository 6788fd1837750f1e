"""engine/stages.live_sizes: a block's live rows and their text bytes, counted from the column
lengths (no copy of the live rows), equal the live rows' count and ``text_bytes`` as the stage
pass and the stage outputs counted them on the filtered block."""

from __future__ import annotations

import pyarrow as pa
import pytest

import engine.columns as C
from engine.columns import text_bytes
from engine.stages import live_sizes


def _expected(table: pa.Table) -> tuple[int, int]:
    live = table.filter(C.live_mask(table)) if C.REMOVED_BY in table.column_names else table
    return live.num_rows, (text_bytes(live) if "text" in live.column_names else 0)


TEXT = ["abc", None, "中文字", "", "x" * 1000, "é"]
REMOVED = [None, None, "near_duplicate", None, "length", None]
HTML = ["<p>a</p>", "<b>html only</b>", None, "<i>h</i>", None, ""]


@pytest.mark.parametrize(
    "cols",
    [
        {"text": TEXT, C.REMOVED_BY: REMOVED},
        {"text": TEXT, C.REMOVED_BY: [None] * 6},
        {"text": TEXT, C.REMOVED_BY: ["x"] * 6},
        {"text": TEXT},
        {"text": TEXT, "html": HTML, C.REMOVED_BY: REMOVED},
        {"text": TEXT, "html": HTML},
        {"id": ["a"] * 6, C.REMOVED_BY: REMOVED},
    ],
)
def test_live_sizes_equal_the_filtered_counts(cols):
    table = pa.table({k: pa.array(v, pa.string()) for k, v in cols.items()})
    assert live_sizes(table) == _expected(table)
    chunked = pa.concat_tables([table, table.slice(1, 4)])
    assert live_sizes(chunked) == _expected(chunked)
    assert live_sizes(table.slice(0, 0)) == (0, 0)
