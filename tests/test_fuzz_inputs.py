"""Fuzz and torture inputs for the readers: every kind of bad input a corpus really holds, in JSONL,
Parquet and WARC, and the rule they must meet: no crash, every input document kept, removed with a
reason or quarantined with a reason (the reader's own count of what it read equals its rows plus the
blank lines it skipped), ``id`` and ``text`` always strings.

``build(root)`` writes the inputs (deterministic, seeded) under ``root/jsonl``, ``root/parquet``,
``root/warc``; run as a script to write them for a CLI run::

    python tests/test_fuzz_inputs.py /tmp/cf/fuzz
    corpusforge run configs/quickstart.yaml --set 'input.paths=["/tmp/cf/fuzz/jsonl"]' ...

The unit tests read every file with ``read_unit`` (no Ray); one run per format goes through the
whole engine (Ray) with Parquet and JSONL output and checks report.json's accounting."""

from __future__ import annotations

import gzip
import json
import random
import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

TEXT = "an ordinary sentence with enough words in it to be kept by the length filter here"
ZH = "这是一个足够长的中文句子，用来测试读取器是否正确处理各种输入。"
ZALGO = "Z\u0351\u0352\u0353a\u0300\u0301\u0302\u0303l\u0304\u0305g\u0306o\u0307\u0308" * 50


def _line(obj) -> bytes:
    return json.dumps(obj, ensure_ascii=False).encode("utf-8")


def _jsonl_lines(rng: random.Random) -> list[bytes]:
    """One line of each bad kind, between good documents with mixed pass-through types."""
    meta_values = [1, "x", [1, 2], {"k": 1}, None, 2.5, True, 2**53 + 1, -(2**63), 2**64 + 5, [{"a": [1]}]]
    good = []
    for i in range(40):
        good.append(
            _line(
                {
                    "id": rng.choice([f"doc-{i}", i, float(i) + 0.5, None, "dup"]),
                    "text": rng.choice([TEXT, ZH, f"{TEXT} {ZALGO}", TEXT + " " + "." * 100]),
                    "meta": rng.choice(meta_values),
                    "score": rng.choice([1, 1.5, None, "high"]),
                    "tags": rng.choice([["a"], [], None, [1, "b"], "solo"]),
                }
            )
        )
    bad = [
        b'{"id": "trunc", "text": "cut he',  # malformed JSON
        b"[1, 2, 3]",  # top-level array
        b"42",
        b'"just a string"',
        b"null",
        b"true",
        b'{"id": "nul-raw", "text": "a\x00b"}',  # raw NUL byte inside a string
        b'{"id": "nul-esc", "text": "a\\u0000b ' + TEXT.encode() + b'"}',
        b'{"id": "lone", "text": "\\ud800 ' + TEXT.encode() + b'"}',  # lone surrogate escaped
        b'{"id": "pair", "text": "\\ud83d\\ude00 ' + TEXT.encode() + b'"}',  # a valid pair
        b'{"id": "dupkey", "text": "first", "text": "' + TEXT.encode() + b'"}',
        b'{"id": "badutf8", "text": "caf\xe9 ' + TEXT.encode() + b'"}',
        b"\xff\xfe\x00{",  # binary garbage
        b'{"id": "notext"}',
        b'{"id": "nulltext", "text": null}',
        b'{"id": "numtext", "text": 12345}',
        b'{"id": "listtext", "text": ["a", "b"]}',
        b'{"id": "objtext", "text": {"a": 1}}',
        b'{"id": "empty", "text": ""}',
        b'{"id": "spaces", "text": "   \\n\\t  "}',
        b'{"id": "two"} {"id": "objects"}',
        b'  {"id": "padded", "text": "' + TEXT.encode() + b'"}  ',
        b'{"id": "crlf", "text": "' + TEXT.encode() + b'"}\r',
        b'{"id": "nested", "text": "' + TEXT.encode() + b'", "deep": ' + b"[" * 150 + b"]" * 150 + b"}",
        b'{"id": "deeper", "text": "'
        + TEXT.encode()
        + b'", "deep": '
        + b'{"a":' * 300
        + b"1"
        + b"}" * 300
        + b"}",
        b'{"id": "deepest", "text": "' + TEXT.encode() + b'", "deep": ' + b"[" * 3000 + b"]" * 3000 + b"}",
        b'{"id": "bigint", "text": "' + TEXT.encode() + b'", "meta": 123456789012345678901234567890}',
        b'{"id": ["list", "id"], "text": "' + TEXT.encode() + b'"}',
        b'{"id": {"obj": 1}, "text": "' + TEXT.encode() + b'"}',
        b'{"text": "' + TEXT.encode() + b'", "id": 1e400}',
        b'{"id": "nan", "text": "' + TEXT.encode() + b'", "meta": NaN}',
    ]
    lines = good + bad
    rng.shuffle(lines)
    return lines


def build(root: Path, seed: int = 0, huge_chars: int = 2_000_000) -> dict[str, int]:
    """Write the fuzz inputs under ``root``; returns the number of documents (non-blank lines,
    rows, records read) of the files that are whole (the damaged ones add what is readable plus
    one record naming the damage)."""
    rng = random.Random(seed)
    jl, pqd, wd = root / "jsonl", root / "parquet", root / "warc"
    for d in (jl, pqd, wd):
        d.mkdir(parents=True, exist_ok=True)
    docs = {"jsonl": 0, "parquet": 0, "warc": 0}

    lines = _jsonl_lines(rng)
    (jl / "mixed.jsonl").write_bytes(b"\xef\xbb\xbf" + b"\n".join(lines) + b"\n\n  \n")
    docs["jsonl"] += len(lines)
    crlf = [_line({"id": f"crlf-{i}", "text": TEXT}) for i in range(5)]
    (jl / "crlf.jsonl").write_bytes(b"\r\n".join(crlf) + b"\r\n")
    docs["jsonl"] += len(crlf)
    (jl / "empty.jsonl").write_bytes(b"")
    (jl / "blank.jsonl").write_bytes(b"\n\n \n\t\n")
    (jl / "bom_only.jsonl").write_bytes(b"\xef\xbb\xbf")
    (jl / "no_newline.jsonl").write_bytes(_line({"id": "last", "text": TEXT}))
    docs["jsonl"] += 1
    # one huge line (a document of `huge_chars` characters: kept when under input.max_chars) and one
    # line of a single 500 KB token
    huge = [
        _line({"id": "huge", "text": ("word " * (huge_chars // 5))}),
        _line({"id": "token", "text": "x" * 500_000}),
    ]
    (jl / "huge.jsonl").write_bytes(b"\n".join(huge) + b"\n")
    docs["jsonl"] += len(huge)
    many = b"".join(_line({"id": f"short-{i}", "text": f"line {i}"}) + b"\n" for i in range(5000))
    (jl / "many.jsonl").write_bytes(many)
    docs["jsonl"] += 5000
    whole = b"".join(_line({"id": f"gz-{i}", "text": TEXT}) + b"\n" for i in range(2000))
    gz = gzip.compress(whole, compresslevel=6)
    (jl / "truncated.jsonl.gz").write_bytes(gz[: len(gz) // 2])
    (jl / "garbage.jsonl.gz").write_bytes(b"this is not gzip at all\n")
    try:
        import zstandard

        zs = zstandard.ZstdCompressor().compress(whole)
        (jl / "truncated.jsonl.zst").write_bytes(zs[: len(zs) // 2])
    except ImportError:
        pass
    (jl / "ok.jsonl.gz").write_bytes(gzip.compress(b"".join(crlf)))  # no final newline, no CR split

    n = 6
    texts = [TEXT, ZH, None, "", TEXT, ZALGO]
    pq.write_table(
        pa.table({"id": [f"ls-{i}" for i in range(n)], "text": pa.array(texts, pa.large_string())}),
        pqd / "large_string.parquet",
    )
    pq.write_table(
        pa.table({"id": [f"dict-{i}" for i in range(n)], "text": pa.array(texts).dictionary_encode()}),
        pqd / "dictionary.parquet",
    )
    raw = [t.encode() if t is not None else None for t in texts]
    raw[1] = b"\xff\xfe not utf-8 " + TEXT.encode()
    pq.write_table(
        pa.table({"id": [f"bin-{i}" for i in range(n)], "text": pa.array(raw, pa.binary())}),
        pqd / "binary_text.parquet",
    )
    pq.write_table(
        pa.table({"id": [f"null-{i}" for i in range(n)], "text": pa.nulls(n)}), pqd / "null_text.parquet"
    )
    pq.write_table(pa.table({"id": list(range(n)), "text": [TEXT] * n}), pqd / "int_id.parquet")
    pq.write_table(
        pa.table({"id": [0.5 * i for i in range(n)], "text": [TEXT] * n}), pqd / "float_id.parquet"
    )
    pq.write_table(pa.table({"id": pa.nulls(n, pa.string()), "text": [TEXT] * n}), pqd / "null_id.parquet")
    pq.write_table(pa.table({"id": ["same"] * n, "text": [TEXT] * n}), pqd / "dup_id.parquet")
    pq.write_table(pa.table({"id": ["no-text"], "body": [TEXT]}), pqd / "no_text_column.parquet")
    pq.write_table(
        pa.table({"id": pa.array([], pa.string()), "text": pa.array([], pa.string())}), pqd / "empty.parquet"
    )
    pq.write_table(
        pa.table(
            {
                "id": [f"typed-{i}" for i in range(n)],
                "text": [TEXT] * n,
                "blob": pa.array([b"\x00\xff", b"ok", None, b"x", b"y", b"z"], pa.binary()),
                "nested": [[1, 2], None, [2**53 + 1], [], [3], [4]],
                "when": pa.array([0, 1, 2, 3, 4, 5], pa.timestamp("ms")),
                "dec": pa.array([1, 2, 3, 4, 5, 6], pa.decimal128(10, 2)),
            }
        ),
        pqd / "odd_types.parquet",
    )
    docs["parquet"] += 9 * n + 1  # every file above but the empty one

    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
    page = http + f"<html><body><p>{TEXT}</p><p>{ZH}</p></body></html>".encode()

    def record(rid: str, payload: bytes, rtype: str = "response", length: int | None = None) -> bytes:
        head = (
            f"WARC/1.0\r\nWARC-Type: {rtype}\r\nWARC-Record-ID: <urn:uuid:{rid}>\r\n"
            f"WARC-Target-URI: http://example.com/{rid}\r\nWARC-Date: 2024-01-01T00:00:00Z\r\n"
            f"Content-Type: application/http; msgtype=response\r\n"
            f"Content-Length: {len(payload) if length is None else length}\r\n\r\n"
        ).encode()
        return head + payload + b"\r\n\r\n"

    good_records = [record(f"r{i}", page) for i in range(3)]
    (wd / "good.warc").write_bytes(b"".join(good_records) + record("info", b"x: y\r\n", "warcinfo"))
    docs["warc"] += 4
    latin = http.replace(b"utf-8", b"iso-8859-1") + "<p>café crème</p>".encode("latin-1")
    binary = b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG\r\n\x1a\n" + bytes(range(256))
    (wd / "odd.warc").write_bytes(record("latin", latin) + record("png", binary) + record("empty", b""))
    docs["warc"] += 3
    cut = record("cut", page)
    (wd / "truncated.warc").write_bytes(good_records[0] + cut[: len(cut) // 2])
    (wd / "garbage.warc").write_bytes(b"not a warc file\r\n" * 10)
    gzrec = b"".join(gzip.compress(r) for r in good_records)
    (wd / "truncated.warc.gz").write_bytes(gzrec[: len(gzrec) - 40])
    (wd / "empty.warc").write_bytes(b"")
    return docs


# ------------------------------------------------------------------ the readers alone (no Ray)
@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    root = tmp_path_factory.mktemp("fuzz")
    return root, build(root)


def _read_all(root: Path, fmt: str, folder: str) -> tuple[list[pa.Table], dict[str, int]]:
    from engine.config import InputConfig, StorageConfig
    from engine.io_read import ReadSpec, expand_inputs, plan_units, read_unit

    cfg = InputConfig(paths=[str(root / folder)], format=fmt, block_mb=1)
    spec = ReadSpec(cfg, StorageConfig())
    tables, counts = [], {}
    for files, span in plan_units(expand_inputs(cfg, StorageConfig()), cfg):
        unit_counts: dict[str, int] = {}
        got = list(read_unit(spec, files, span, unit_counts))
        rows = sum(t.num_rows for t in got)
        assert unit_counts["lines"] == rows + unit_counts["blank"], (files, unit_counts, rows)
        tables.extend(got)
        for k, v in unit_counts.items():
            counts[k] = counts.get(k, 0) + v
    return tables, counts


def _check_tables(tables: list[pa.Table]) -> pa.Table:
    from engine import columns as C

    for t in tables:
        assert pa.types.is_string(t.schema.field("id").type), t.schema
        assert pa.types.is_string(t.schema.field("text").type), t.schema
        assert t.column("id").null_count == 0
        dead = t.filter(pa.compute.is_valid(t.column(C.REMOVED_BY)))
        assert dead.column(C.REASON).null_count == 0  # every quarantined row says why
    return C.concat(tables)


def test_jsonl_fuzz_every_line_accounted(inputs):
    from engine import columns as C

    root, docs = inputs
    tables, counts = _read_all(root, "jsonl", "jsonl")
    table = _check_tables(tables)
    reasons = table.filter(pa.compute.is_valid(table.column(C.REMOVED_BY))).column(C.REASON).to_pylist()
    assert {"malformed_json", "not_a_json_object", "invalid_utf8", "text_missing", "text_not_string"} <= set(
        reasons
    )
    assert {"text_empty", "truncated_input", "too_deeply_nested"} <= set(reasons)
    # the whole files' documents, plus what the damaged ones held (each naming its damage once)
    assert table.num_rows >= docs["jsonl"] + 2
    assert reasons.count("truncated_input") == 3  # gzip cut, not gzip, zstd cut
    live = table.filter(pa.compute.is_null(table.column(C.REMOVED_BY)))
    ids = live.column("id").to_pylist()
    assert "huge" in ids and "token" in ids and "padded" in ids and "crlf" in ids and "pair" in ids
    assert "lone" not in ids and "badutf8" not in ids and "nul-raw" not in ids
    assert "nested" in ids and "deeper" not in ids and "deepest" not in ids  # 150 deep: its JSON text
    deep = dict(zip(ids, live.column("deep").to_pylist()))["nested"]
    assert deep == "[" * 150 + "]" * 150
    big = dict(zip(ids, live.column("meta").to_pylist()))["bigint"] if "meta" in live.column_names else None
    assert big in (None, "123456789012345678901234567890")  # exact, never a rounded float


def test_parquet_fuzz_every_row_accounted(inputs):
    from engine import columns as C

    root, docs = inputs
    n_null_text = 6  # null_text.parquet: the null type, every row text_missing
    tables, counts = _read_all(root, "parquet", "parquet")
    table = _check_tables(tables)
    assert table.num_rows == counts["lines"] == docs["parquet"]
    reasons = table.filter(pa.compute.is_valid(table.column(C.REMOVED_BY))).column(C.REASON).to_pylist()
    assert {"text_missing", "text_empty"} <= set(reasons)
    live = table.filter(pa.compute.is_null(table.column(C.REMOVED_BY)))
    ids = set(live.column("id").to_pylist())
    assert {"ls-0", "dict-0", "bin-0", "0", "0.5", "same", "typed-0"} <= ids
    assert "bin-1" not in ids and "invalid_utf8" in reasons  # bytes that are not UTF-8
    assert reasons.count("text_missing") >= n_null_text


def test_warc_fuzz_every_record_accounted(inputs):
    from engine import columns as C

    root, docs = inputs
    tables, counts = _read_all(root, "warc", "warc")
    table = _check_tables(tables)
    assert counts["lines"] >= docs["warc"]
    reasons = table.filter(pa.compute.is_valid(table.column(C.REMOVED_BY))).column(C.REASON).to_pylist()
    assert "truncated_record" in reasons


# ------------------------------------------------------------------ whole runs
@pytest.mark.parametrize(("fmt", "folder"), [("jsonl", "jsonl"), ("parquet", "parquet"), ("warc", "warc")])
def test_fuzz_runs_account_for_every_document(ray_session, inputs, tmp_path, fmt, folder):
    root, _ = inputs
    steps = [{"op": "html_extract"}] if fmt == "warc" else []
    steps.append({"op": "length_filter", "min_words": 5, "resources": {"batch_size": 64}})
    for out_fmt in ("jsonl", "parquet"):
        from engine.executor import run_config

        report = run_config(
            {
                "name": "fuzz",
                "input": {"paths": [str(root / folder)], "format": fmt, "block_mb": 1},
                "output": {"path": str(tmp_path / out_fmt), "format": out_fmt, "overwrite": True},
                "execution": {"progress": False},
                "pipeline": steps,
            }
        )
        assert report["accounting_ok"], report["accounting"]
        assert report["input_docs"] == report["output_docs"] + report["removed_docs"] + report["quarantined"]
        assert report["output_docs"] > 0


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/cf/fuzz")
    print(json.dumps(build(target)))
