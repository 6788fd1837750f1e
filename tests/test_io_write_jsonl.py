"""The JSONL writer (engine/io_write.py jsonl_lines) writes, byte for byte, what
``json.dumps(row, ensure_ascii=False, default=str)`` per row writes, while building
the lines with Arrow compute instead of per-row Python objects."""

from __future__ import annotations

import base64
import datetime
import decimal
import gzip
import json
import random

import pyarrow as pa
import pytest

from engine import io_write as W


def _reference(table: pa.Table) -> bytes:
    for i, field in enumerate(table.schema):  # bytes: UTF-8 text, or base64 for the whole column
        if pa.types.is_binary(field.type):
            values = table.column(i).to_pylist()
            try:
                text = [None if v is None else v.decode("utf-8") for v in values]
            except UnicodeDecodeError:
                text = [None if v is None else base64.b64encode(v).decode("ascii") for v in values]
            table = table.set_column(i, field.name, pa.array(text, pa.string()))
    rows = table.to_pylist()
    if not rows:
        return b""
    return ("\n".join(json.dumps(r, ensure_ascii=False, default=str) for r in rows) + "\n").encode("utf-8")


def _written(table: pa.Table) -> bytes:
    return gzip.decompress(W._jsonl_gz(table))


def _random_text(rng: random.Random) -> str | None:
    if rng.random() < 0.05:
        return None
    alphabet = [
        "a",
        "Z",
        " ",
        "\n",
        "\r",
        "\t",
        '"',
        "\\",
        "/",
        "\x00",
        "\x01",
        "\x08",
        "\x0b",
        "\x0c",
        "\x1f",
    ]
    alphabet += [
        "\x7f",
        "\u00e9",
        "\u4e2d",
        "\u2028",
        "\u2029",
        "\U0001f600",
        "\ufffd",
        ", ",
        '", "',
        "\\u00",
    ]
    return "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))


@pytest.mark.parametrize("seed", range(8))
def test_random_strings_and_types_byte_for_byte(seed):
    rng = random.Random(seed)
    n = rng.randint(1, 300)
    table = pa.table(
        {
            "id": [f"doc-{i}" for i in range(n)],
            "text": [_random_text(rng) for _ in range(n)],
            "big": pa.array([_random_text(rng) for _ in range(n)], pa.large_string()),
            "n": pa.array(
                [rng.choice([None, 0, -7, 2**62, rng.randint(-99, 99)]) for _ in range(n)], pa.int64()
            ),
            "u": pa.array([rng.randint(0, 2**64 - 1) for _ in range(n)], pa.uint64()),
            "x": [
                rng.choice([None, 0.1, 1e16, 1e-5, 123.0, -0.0, float("nan"), float("inf"), rng.random()])
                for _ in range(n)
            ],
            "f32": pa.array([rng.random() for _ in range(n)], pa.float32()),
            "ok": [rng.choice([True, False, None]) for _ in range(n)],
            "tags": [rng.choice([None, [], ["a", 'q"uote'], ["\n"]]) for _ in range(n)],
            "meta": [rng.choice([None, {"k": "v\t", "m": 1}]) for _ in range(n)],
            "when": pa.array([rng.choice([None, datetime.datetime(2020, 1, 2, 3, 4, 5)]) for _ in range(n)]),
            "day": pa.array([rng.choice([None, datetime.date(1999, 12, 31)]) for _ in range(n)]),
            "dec": pa.array([decimal.Decimal("1.25")] * n, pa.decimal128(5, 2)),
            "raw": pa.array([rng.choice([None, b"\x00\xff"]) for _ in range(n)], pa.binary()),
            "utf8": pa.array([rng.choice([None, b"a\xc3\xa9"]) for _ in range(n)], pa.binary()),
            "dict": pa.array([rng.choice(["en", "zh", None]) for _ in range(n)]).dictionary_encode(),
            "nothing": pa.nulls(n),
            'we"ird\nkey': ["v"] * n,
        }
    )
    assert _written(table) == _reference(table)


def test_sliced_chunked_and_empty_tables():
    base = pa.table({"id": [str(i) for i in range(10_000)], "text": [f"t\n{i}\\" for i in range(10_000)]})
    chunked = pa.concat_tables([base.slice(3, 5000), base.slice(7000, 2500)])
    assert _written(chunked) == _reference(chunked)
    assert _written(base.slice(0, 0)) == b""
    no_columns = pa.table({"id": ["a", "b"]}).drop_columns(["id"])
    assert _written(no_columns) == _reference(no_columns) == b"{}\n{}\n"


def test_lines_read_back_as_the_rows():
    table = pa.table({"id": ["a", "b"], "text": ['he said "hi"\n\tthen \\left\x02', "\u4e2d\u6587"]})
    lines = _written(table).decode("utf-8").splitlines()
    assert [json.loads(line) for line in lines] == table.to_pylist()
