"""``engine.io_read._line_ranges`` (memory-mapped, numpy newline count; cold_engine13) cuts every
file exactly where the chunked reader it replaced did: the same byte ranges and first line
numbers, which are the read units' provenance (row ids, resume markers, quarantine lines)."""

from __future__ import annotations

import random

import pytest

from engine import io_read
from engine.io_read import ByteRange, _line_ranges


def _reference(path: str, size: int, split: int, chunk: int) -> list[ByteRange]:
    """The implementation before the change (16 MB chunks, ``bytes.count``), chunk size a parameter."""
    ranges: list[ByteRange] = []
    start, first_line, lines_seen, pos = 0, 1, 0, 0
    with open(path, "rb") as fh:
        target = split
        while pos < size:
            data = fh.read(chunk)
            if not data:
                break
            while target < pos + len(data):
                cut = data.find(b"\n", max(0, target - pos))
                if cut < 0:
                    break
                end = pos + cut + 1
                n_lines = lines_seen + data.count(b"\n", 0, cut + 1)
                ranges.append(ByteRange(start, end, first_line))
                start, first_line = end, n_lines + 1
                target = end + split
            lines_seen += data.count(b"\n")
            pos += len(data)
    if start < size:
        ranges.append(ByteRange(start, size, first_line))
    return ranges


def _file(tmp_path, rng: random.Random, k: int) -> tuple[str, int]:
    lines = []
    for _ in range(rng.randint(0, 60)):
        kind = rng.random()
        if kind < 0.1:
            lines.append(b"")  # empty line
        elif kind < 0.2:
            lines.append(b"x" * rng.randint(50, 400))  # longer than many splits
        else:
            lines.append(("é中" * rng.randint(0, 8) + "a" * rng.randint(1, 30)).encode())
    body = b"\n".join(lines)
    if lines and rng.random() < 0.5:
        body += b"\n"
    path = tmp_path / f"f{k}.jsonl"
    path.write_bytes(body)
    return str(path), len(body)


@pytest.mark.parametrize("window", [io_read._NEWLINE_WINDOW, 3])
def test_same_ranges_as_the_chunked_reader(tmp_path, monkeypatch, window):
    monkeypatch.setattr(io_read, "_NEWLINE_WINDOW", window)
    rng = random.Random(13)
    checked = 0
    for k in range(150):
        path, size = _file(tmp_path, rng, k)
        for split in {1, 2, 7, 64, max(1, size // 4), max(1, size // 3), size, size + 5}:
            want = _reference(path, size, split, chunk=16 * 1024 * 1024)
            assert _line_ranges(path, size, split) == want, (k, size, split)
            assert _reference(path, size, split, chunk=5) == want  # the reference's chunking is invisible
            checked += 1
    assert checked > 600


def test_edges(tmp_path):
    empty = tmp_path / "empty.jsonl"
    empty.write_bytes(b"")
    assert _line_ranges(str(empty), 0, 10) == []
    one = tmp_path / "one.jsonl"
    one.write_bytes(b'{"a": 1}')  # no newline at all
    assert _line_ranges(str(one), 8, 3) == [ByteRange(0, 8, 1)]
    lines = tmp_path / "lines.jsonl"
    lines.write_bytes(b"a\nbb\nccc\ndddd\n")
    assert _line_ranges(str(lines), 14, 4) == [ByteRange(0, 5, 1), ByteRange(5, 14, 3)]
    assert _line_ranges(str(lines), 14, 1) == [
        ByteRange(0, 2, 1),
        ByteRange(2, 5, 2),
        ByteRange(5, 9, 3),
        ByteRange(9, 14, 4),
    ]
