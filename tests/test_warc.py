"""WARC/WET readers (engine/io_warc.py) on generated files: compression layouts,
truncation, non-HTML payloads, wrong charsets, chunked transfer encoding, a
0-byte file, with the reader's exact counts (records read, records skipped)."""

from __future__ import annotations

import gzip
import json
import random
import sys
from pathlib import Path

import pyarrow as pa
import pytest

from engine import columns as C
from engine.config import ConfigError, InputConfig, StorageConfig, config_warnings, load_config
from engine.io_read import ReadSpec, expand_inputs, plan_units, read_unit

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
from make_sample_warc import http_response, warc_record, write_warc  # noqa: E402

EN_HTML = (
    "<html lang='en'><head><title>T</title></head><body><p>Hello world, this is a page.</p></body></html>"
)
ZH_TEXT = "市图书馆新馆建设方案本周在市民议事会上公开讨论，许多居民到场发表意见。" * 4


def _pages() -> list[bytes]:
    """warcinfo, then (request, response, metadata) x 2: 7 records, 2 of them responses."""
    recs = [warc_record("warcinfo", None, b"software: test\r\n")]
    for i in range(2):
        uri = f"https://example.com/{i}"
        recs.append(
            warc_record("request", uri, b"GET / HTTP/1.1\r\n\r\n", date=f"2024-05-0{i + 1}T10:00:00Z")
        )
        recs.append(
            warc_record(
                "response", uri, http_response(EN_HTML.encode()), date=f"2024-05-0{i + 1}T10:00:00+02:00"
            )
        )
        recs.append(warc_record("metadata", uri, b"x: y\r\n"))
    return recs


def _read(path: Path, fmt: str = "warc") -> tuple[pa.Table | None, dict]:
    cfg = InputConfig(paths=[str(path)], format=fmt)
    files = expand_inputs(cfg, StorageConfig())
    counts = {"lines": 0, "blank": 0}
    tables = []
    for unit_files, span in plan_units(files, cfg):
        tables += list(read_unit(ReadSpec(cfg, StorageConfig()), unit_files, span, counts))
    table = C.concat(tables) if tables else None
    rows = table.num_rows if table is not None else 0
    assert counts["lines"] == rows + counts["blank"]  # the accounting identity per unit
    return table, counts


@pytest.mark.parametrize("mode,name", [("record", "a.warc.gz"), ("file", "a.warc.gz"), (None, "a.warc")])
def test_compression_layouts_same_rows_and_counts(tmp_path, mode, name):
    write_warc(tmp_path / name, _pages(), gzip_mode=mode)
    table, counts = _read(tmp_path / name)
    assert counts == {
        "lines": 7,
        "blank": 5,
        "skipped_warcinfo": 1,
        "skipped_request": 2,
        "skipped_metadata": 2,
    }
    assert table.num_rows == 2 and table.column(C.REMOVED_BY).null_count == 2
    rows = table.to_pylist()
    assert [r["url"] for r in rows] == ["https://example.com/0", "https://example.com/1"]
    assert rows[0]["id"].startswith("<urn:uuid:") and rows[0]["html"] == EN_HTML and rows[0]["text"] == ""
    assert rows[0]["content_type"] == "text/html" and rows[0]["charset"] == "utf-8"
    assert table.schema.field("date").type == pa.timestamp("us", tz="UTC")
    assert str(rows[1]["date"]) == "2024-05-02 08:00:00+00:00"  # +02:00 converted to UTC
    assert [r[C.LINE] for r in rows] == [3, 6]  # record ordinal in the file


@pytest.mark.parametrize(
    "mode,cut", [("record", 60), ("record", 150), ("file", 20), ("file", 40), (None, 60), (None, 300)]
)
def test_truncated_last_record_is_quarantined(tmp_path, mode, cut):
    recs = _pages()[:6]  # ends with the second response
    path = tmp_path / ("t.warc.gz" if mode else "t.warc")
    write_warc(path, recs, gzip_mode=mode)
    path.write_bytes(path.read_bytes()[:-cut])  # the file ends inside the last response
    table, counts = _read(path)
    assert counts["lines"] == 6 and counts["blank"] == 4
    rows = table.to_pylist()
    assert rows[0][C.REMOVED_BY] is None
    assert rows[1][C.REASON] == "truncated_record" and rows[1][C.QUARANTINED] is True
    assert rows[1][C.LINE] == 6


def test_zero_byte_file(tmp_path):
    (tmp_path / "empty.warc.gz").write_bytes(b"")
    table, counts = _read(tmp_path / "empty.warc.gz")
    assert table is None and counts == {"lines": 0, "blank": 0}


def test_non_html_payloads(tmp_path):
    png = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4
    recs = [
        warc_record("response", "https://e.com/a.png", http_response(png, "image/png")),
        warc_record(
            "response", "https://e.com/a.txt", http_response(b"just text", "text/plain; charset=us-ascii")
        ),
        warc_record("response", "https://e.com/nul", http_response(b"ab\x00cd" * 10, None)),
    ]
    write_warc(tmp_path / "n.warc.gz", recs)
    table, counts = _read(tmp_path / "n.warc.gz")
    assert counts == {"lines": 3, "blank": 0}
    rows = table.to_pylist()
    assert rows[0]["html"] is None and rows[0]["content_type"] == "image/png"  # html_extract: binary_content
    assert (
        rows[1]["html"] == "just text" and rows[1]["content_type"] == "text/plain"
    )  # html_extract: not_html
    assert rows[2]["html"] is None  # NUL bytes: binary
    assert all(r[C.REMOVED_BY] is None for r in rows)


def test_charsets_header_meta_detection_and_undecodable(tmp_path):
    gbk_meta = f"<html><head><meta charset='gbk'></head><body><p>{ZH_TEXT}</p></body></html>".encode("gbk")
    gbk_plain = f"<html><body><p>{ZH_TEXT}</p></body></html>".encode("gbk")
    latin = "<html><body><p>Caf\u00e9 cr\u00e8me</p></body></html>".encode("cp1252")
    rng = random.Random(3)
    garbage = b"<html><body>" + bytes(rng.randrange(0x80, 0x100) for _ in range(3000)) + b"</body></html>"
    recs = [
        warc_record(
            "response", "https://e.com/1", http_response(gbk_meta, "text/html; charset=utf-8")
        ),  # wrong header
        warc_record(
            "response", "https://e.com/2", http_response(gbk_plain, "text/html; charset=utf-8")
        ),  # detection
        warc_record("response", "https://e.com/3", http_response(latin, "text/html; charset=ISO-8859-1")),
        warc_record(
            "response", "https://e.com/4", http_response(gbk_meta, "text/html; charset=no-such-charset")
        ),
        warc_record("response", "https://e.com/5", http_response(garbage, "text/html")),
    ]
    write_warc(tmp_path / "c.warc.gz", recs)
    table, counts = _read(tmp_path / "c.warc.gz")
    assert counts == {"lines": 5, "blank": 0}
    rows = {r["url"]: r for r in table.to_pylist() if r["url"]}
    assert ZH_TEXT in rows["https://e.com/1"]["html"] and rows["https://e.com/1"]["charset"] == "gb18030"
    assert ZH_TEXT in rows["https://e.com/2"]["html"] and rows["https://e.com/2"]["charset"] == "gb18030"
    assert "Café crème" in rows["https://e.com/3"]["html"] and rows["https://e.com/3"]["charset"] == "cp1252"
    assert ZH_TEXT in rows["https://e.com/4"]["html"]
    bad = [r for r in table.to_pylist() if r[C.REMOVED_BY] is not None]
    assert len(bad) == 1 and bad[0][C.REASON] == "undecodable_html" and bad[0][C.QUARANTINED] is True
    assert bad[0][C.LINE] == 5 and bad[0]["id"].startswith("<urn:uuid:")


def test_chunked_and_gzip_content_encoding(tmp_path):
    body = (
        "<html><body>"
        + "".join(f"<p>paragraph {i} of a long chunked page.</p>" for i in range(200))
        + "</body></html>"
    ).encode()
    gz = gzip.compress(body, mtime=0)
    head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\n"
    recs = [
        warc_record(
            "response", "https://e.com/chunked", http_response(body, "text/html; charset=utf-8", chunked=True)
        ),
        warc_record("response", "https://e.com/gzip", head + gz),
    ]
    write_warc(tmp_path / "k.warc.gz", recs)
    table, _ = _read(tmp_path / "k.warc.gz")
    rows = table.to_pylist()
    assert rows[0]["html"] == body.decode()  # chunk sizes and CRLFs removed, nothing else
    assert rows[1]["html"] == body.decode()


def test_wet_conversion_records(tmp_path):
    recs = [
        warc_record("warcinfo", None, b"software: test\r\n"),
        warc_record(
            "conversion",
            "https://e.com/1",
            "Plain text of page one.\n第二行中文。".encode(),
            date="2023-01-01T00:00:00Z",
        ),
        warc_record("conversion", "https://e.com/2", b"   \n "),
        warc_record("conversion", "https://e.com/3", b"Page three."),
    ]
    write_warc(tmp_path / "x.warc.wet.gz", recs)
    table, counts = _read(tmp_path / "x.warc.wet.gz", fmt="wet")
    assert counts == {"lines": 4, "blank": 1, "skipped_warcinfo": 1}
    rows = table.to_pylist()
    live = [r for r in rows if r[C.REMOVED_BY] is None]
    assert [r["text"] for r in live] == ["Plain text of page one.\n第二行中文。", "Page three."]
    assert live[0]["content_type"] == "text/plain" and str(live[0]["date"]).startswith("2023-01-01")
    assert [r[C.REASON] for r in rows if r[C.REMOVED_BY] is not None] == ["text_empty"]


def test_jsonl_html_field(tmp_path):
    lines = [
        {"id": "a", "page": EN_HTML, "url": "https://e.com/a"},
        {"id": "b", "page": None},
        {"id": "c", "page": "   "},
    ]
    (tmp_path / "p.jsonl").write_text("\n".join(json.dumps(r) for r in lines) + "\n")
    cfg = InputConfig(paths=[str(tmp_path / "p.jsonl")], format="jsonl", html_field="page")
    files = expand_inputs(cfg, StorageConfig())
    counts = {"lines": 0, "blank": 0}
    table = C.concat(list(read_unit(ReadSpec(cfg, StorageConfig()), files, None, counts)))
    rows = {r["id"]: r for r in table.to_pylist()}
    assert rows["a"]["html"] == EN_HTML and rows["a"]["text"] == "" and rows["a"][C.REMOVED_BY] is None
    assert rows["b"][C.REASON] == "text_missing" and rows["c"][C.REASON] == "text_empty"
    assert counts["lines"] == 3


def test_config_defaults_and_validate_warning(tmp_path):
    write_warc(tmp_path / "a.warc.gz", _pages())
    base = {
        "input": {"paths": [str(tmp_path / "a.warc.gz")], "format": "warc"},
        "output": {"path": str(tmp_path / "o")},
    }
    cfg = load_config({**base, "pipeline": [{"op": "length_filter"}]})
    assert cfg.report.date_field == "date"  # timeliness from WARC-Date
    assert any("html_extract" in w for w in config_warnings(cfg))
    cfg = load_config({**base, "pipeline": [{"op": "html_extract"}, {"op": "length_filter"}]})
    assert config_warnings(cfg) == []
    write_warc(tmp_path / "t.warc.wet.gz", [warc_record("conversion", "https://e.com/", b"text")])
    wet = {
        "input": {"paths": [str(tmp_path / "t.warc.wet.gz")], "format": "wet"},
        "output": {"path": str(tmp_path / "o")},
    }
    assert any(
        "binary_content" in w
        for w in config_warnings(load_config({**wet, "pipeline": [{"op": "html_extract"}]}))
    )
    with pytest.raises(ConfigError, match="input.format"):
        load_config({**base, "input": {"paths": [str(tmp_path / "a.warc.gz")], "format": "warcz"}})
    (tmp_path / "d.jsonl").write_text('{"id": "x", "text": "t", "published": "2024-01-01"}\n')
    cfg = load_config(
        {
            "input": {"paths": [str(tmp_path / "d.jsonl")], "date_field": "published"},
            "output": {"path": str(tmp_path / "o")},
        }
    )
    assert cfg.report.date_field == "published"


def test_parquet_html_field(tmp_path):
    import pyarrow.parquet as pq

    pq.write_table(
        pa.table({"id": ["a", "b"], "raw_html": [EN_HTML, None], "url": ["https://e.com/a", None]}),
        tmp_path / "p.parquet",
    )
    cfg = InputConfig(paths=[str(tmp_path / "p.parquet")], format="parquet", html_field="raw_html")
    counts = {"lines": 0, "blank": 0}
    table = C.concat(
        list(read_unit(ReadSpec(cfg, StorageConfig()), expand_inputs(cfg, StorageConfig()), None, counts))
    )
    rows = {r["id"]: r for r in table.to_pylist()}
    assert rows["a"]["html"] == EN_HTML and rows["a"]["text"] == "" and rows["a"][C.REMOVED_BY] is None
    assert rows["b"][C.REASON] == "text_missing" and counts["lines"] == 2


def test_profile_command_reads_warc(ray_session, tmp_path, capsys):
    from engine.cli import main as cli

    write_warc(tmp_path / "a.warc.gz", _pages())
    out = tmp_path / "prof"
    assert cli(["profile", str(tmp_path / "a.warc.gz"), "--out", str(out)]) == 0
    report = json.loads((out / "profile.json").read_text())
    ops = [op["op"] for op in report["ops"]]
    assert (
        ops[0] == "html_extract" and report["profile"]["kept"] == 2
    )  # signals measured on the extracted text


def test_oversized_record_quarantined_unread(tmp_path):
    big = b"<html><body>" + b"x" * 5000 + b"</body></html>"
    recs = [
        warc_record("response", "https://e.com/big", http_response(big)),
        warc_record("response", "https://e.com/ok", http_response(b"<p>ok</p>")),
    ]
    write_warc(tmp_path / "b.warc.gz", recs)
    cfg = InputConfig(
        paths=[str(tmp_path / "b.warc.gz")], format="warc", max_chars=1000
    )  # 4,000 bytes at most
    counts = {"lines": 0, "blank": 0}
    table = C.concat(
        list(read_unit(ReadSpec(cfg, StorageConfig()), expand_inputs(cfg, StorageConfig()), None, counts))
    )
    rows = table.to_pylist()
    assert counts == {"lines": 2, "blank": 0} and len(rows) == 2
    assert [r[C.REASON] for r in rows] == [None, "text_too_long"]  # live rows first, then the quarantined one
    assert rows[1][C.LINE] == 1 and rows[0]["html"] == "<p>ok</p>"
