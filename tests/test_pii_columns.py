"""pii_redact ``columns``: PII in pass-through columns (title, url, metadata, nested values).

Default ``all_strings``: every column holding text is scanned with the same entities and actions.
With a list (``[text]``, ``[text, title]``) the columns not named pass through untouched, and the run
says which text columns it did not scan (report and a log line with names only). Nothing raw reaches
any file.
The end-to-end tests run the real Ray executor and scan every file of the output.
"""

from __future__ import annotations

import gzip
import io
import json
import logging
from pathlib import Path

import pyarrow as pa
import pyarrow.json as pa_json
import pyarrow.parquet as pq
import pytest
from pydantic import ValidationError

from engine.config import ConfigError
from engine.executor import run_config
from operators.pii import PiiRedact, PiiRedactParams
from operators.pii.columns import (
    check_columns,
    record_kinds,
    schema_kinds,
    string_leaves,
    text_columns,
    with_string_leaves,
)

EMAIL = "amy.chen@example.org"
PHONE = "555-123-4567"
MOBILE = "13912345678"
META_MAIL = "bob.li@example.net"
CN_ID = "11010519491231002X"
DEEP_MAIL = "carol@example.com"
RAW = (EMAIL, PHONE, MOBILE, META_MAIL, CN_ID, DEEP_MAIL)


def _op(**params) -> PiiRedact:
    op = PiiRedact(PiiRedactParams(**params))
    op.ensure_setup()
    return op


def _table() -> pa.Table:
    return pa.table(
        {
            "id": ["doc-amy.chen@example.org", "b", "c"],
            "text": ["nothing here", f"mail {EMAIL}", "plain"],
            "title": [None, f"call {PHONE} now", "ok"],
            "meta": [
                {"mail": None, "n": 1, "sub": None},
                {"mail": META_MAIL, "n": 3, "sub": {"deep": DEEP_MAIL}},
                None,
            ],
            "tags": [[], ["a", f"身份证{CN_ID}"], None],
            "kv": pa.array([[("x", "y")], [("k", f"手机{MOBILE}")], None], pa.map_(pa.string(), pa.string())),
            "year": [2001, 2002, 2003],
        }
    )


# -- nested string values -------------------------------------------------------------------


def test_leaves_round_trip_sliced_nested_columns():
    t = _table().slice(1, 2)  # an offset slice: offsets, children and nulls must follow it
    for name in ("title", "meta", "tags", "kv"):
        col = t.column(name).combine_chunks()
        leaves = string_leaves(col)
        assert with_string_leaves(col, [leaf for leaf, _ in leaves]).equals(col)
        for leaf, rows in leaves:
            assert len(leaf) == len(rows) and set(rows.tolist()) <= {0, 1}
    upper = [
        pa.array([None if v is None else v.upper() for v in leaf.to_pylist()])
        for leaf, _ in string_leaves(t.column("meta"))
    ]
    assert with_string_leaves(t.column("meta"), upper).to_pylist() == [
        {"mail": META_MAIL.upper(), "n": 3, "sub": {"deep": DEEP_MAIL.upper()}},
        None,
    ]
    assert text_columns(t.schema) == ["id", "text", "title", "meta", "tags", "kv"]


# -- the operator ---------------------------------------------------------------------------


def test_text_only_scans_text_only():
    out = _op(columns=["text"]).transform(_table()).to_pylist()
    assert out[1]["text"] == "mail <EMAIL_ADDRESS>"
    assert out[1]["title"] == f"call {PHONE} now" and out[1]["meta"]["mail"] == META_MAIL
    assert out[1]["pii_counts"] == [("EMAIL_ADDRESS", 1)]


def test_named_columns_and_all_strings():
    named = _op(columns=["text", "title"]).transform(_table()).to_pylist()
    assert named[1]["title"] == "call <PHONE_NUMBER> now" and named[1]["meta"]["mail"] == META_MAIL
    assert dict(named[1]["pii_counts"]) == {"EMAIL_ADDRESS": 1, "PHONE_NUMBER": 1}
    table = _table()
    out = _op(columns="all_strings").transform(table)
    rows = out.to_pylist()
    assert rows[1]["meta"] == {"mail": "<EMAIL_ADDRESS>", "n": 3, "sub": {"deep": "<EMAIL_ADDRESS>"}}
    assert rows[1]["tags"] == ["a", "身份证<CN_ID_CARD>"] and rows[1]["kv"] == [("k", "手机<CN_MOBILE>")]
    assert dict(rows[1]["pii_counts"]) == {
        "EMAIL_ADDRESS": 3, "PHONE_NUMBER": 1, "CN_ID_CARD": 1, "CN_MOBILE": 1,
    }  # fmt: skip
    assert rows[0]["id"] == "doc-amy.chen@example.org"  # the id is never touched
    for name in ("id", "meta", "tags", "kv", "year"):  # types, nulls, untouched rows kept
        assert out.schema.field(name).type == table.schema.field(name).type
    assert rows[0]["meta"] == {"mail": None, "n": 1, "sub": None} and rows[2]["meta"] is None
    assert rows[2]["tags"] is None and rows[0]["tags"] == [] and rows[0]["kv"] == [("x", "y")]


def test_dictionary_encoded_strings_are_scanned():
    table = pa.table(
        {
            "id": ["a", "b", "c"],
            "text": ["x", "y", "z"],
            "src": pa.array([f"by {EMAIL}", "plain", f"by {EMAIL}"]).dictionary_encode(),
        }
    )
    assert check_columns(["text"], schema_kinds(table.schema), "k", "s") == ["src"]
    out = _op(columns="all_strings").transform(table)
    assert out.schema.field("src").type == table.schema.field("src").type
    assert out.column("src").to_pylist() == ["by <EMAIL_ADDRESS>", "plain", "by <EMAIL_ADDRESS>"]


def test_annotate_counts_other_columns_but_changes_nothing():
    table = _table()
    out = _op(columns="all_strings", mode="annotate").transform(table)
    assert out.select(table.column_names).equals(table)
    assert dict(out.column("pii_counts")[1].as_py())["EMAIL_ADDRESS"] == 3


def test_failure_names_the_document_not_the_value(monkeypatch):
    op = _op(columns=["text", "title"])
    real = op.find

    def find(text, *args):
        if PHONE in text:
            raise RuntimeError(text)
        return real(text, *args)

    monkeypatch.setattr(op, "find", find)
    with pytest.raises(Exception, match="document 'b'") as info:
        op.transform(_table())
    assert PHONE not in str(info.value)


def test_params_checks():
    assert PiiRedactParams().columns == "all_strings"  # nothing raw left in pass-through columns
    assert PiiRedactParams(columns=["text"]).columns == ["text"]
    assert PiiRedactParams(columns="all_strings").columns == "all_strings"
    for bad, message in (
        (["title"], "must include 'text'"),
        (["text", "id"], "'id' is never scanned"),
        (["text", "pii_counts"], "own output column"),
        ("everything", "all_strings"),
    ):
        with pytest.raises(ValidationError, match=message):
            PiiRedactParams(columns=bad)


def test_check_columns_against_the_input_schema():
    kinds = schema_kinds(_table().schema)
    assert check_columns(["text"], kinds, "k", "src") == ["title", "meta", "tags", "kv"]
    assert check_columns(["text", "meta"], kinds, "k", "src") == ["title", "tags", "kv"]
    assert check_columns("all_strings", kinds, "k", "src") == []
    with pytest.raises(ValueError, match=r"k: 'titel' is not a column.*did you mean 'title'\?.*title, meta"):
        check_columns(["text", "titel"], kinds, "k", "src")
    with pytest.raises(ValueError, match=r"k: column 'year' is int64, not text"):
        check_columns(["text", "year"], kinds, "k", "src")
    nulls = schema_kinds(_table().schema.append(pa.field("later", pa.null())))  # no value seen yet
    assert "later" not in check_columns(["text", "later"], nulls, "k", "src")


def test_record_kinds_agree_with_the_arrow_schema():
    records = [
        {"id": "a", "text": "x", "meta": {"n": 1, "mail": None}, "tags": [], "year": 2001, "later": None},
        {"id": "b", "text": "y", "meta": {"n": 2, "mail": "m"}, "tags": ["t"], "year": 2002, "nums": [1, 2]},
        {"id": "c", "text": "z", "flag": True, "deep": [{"a": [None, "s"]}], "empty": {}},
    ]
    kinds = record_kinds(records)
    assert kinds == {
        "id": "text", "text": "text", "meta": "text", "tags": "text", "year": "int64", "later": "null",
        "nums": "list", "flag": "bool", "deep": "text", "empty": "null",
    }  # fmt: skip
    lines = "\n".join(json.dumps(r) for r in records).encode()
    arrow = schema_kinds(pa_json.read_json(io.BytesIO(lines)).schema)  # how the reader types them
    assert {k: v for k, v in arrow.items() if v == "text"} == {k: v for k, v in kinds.items() if v == "text"}


# -- end to end: the real executor, every file on disk ----------------------------------------

LONG = "This is an ordinary paragraph about gardening and the weather in spring, nothing personal at all."


def _input(tmp_path: Path) -> Path:
    docs = []
    for i in range(6):
        docs.append(
            {
                "id": f"d{i}",
                "text": "too short" if i == 0 else f"{LONG} Note {i}.",
                "title": f"Contact {EMAIL}",
                "url": f"http://example.net/?tel={PHONE}",
                "author": f"手机{MOBILE}",
                "meta": {"mail": META_MAIL, "n": i, "sub": {"deep": DEEP_MAIL}},
                "tags": ["garden", f"身份证{CN_ID}"],
                "year": 2000 + i,
            }
        )
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(json.dumps(d, ensure_ascii=False) for d in docs) + "\n", encoding="utf-8")
    return path


def _config(tmp_path: Path, fmt: str = "jsonl", **pii) -> dict:
    return {
        "input": {"paths": [str(_input(tmp_path))]},
        "output": {"path": str(tmp_path / "out"), "format": fmt, "overwrite": True, "removed": "redacted"},
        "execution": {"progress": False},
        "pipeline": [
            {"op": "length_filter", "min_words": 5},
            {"op": "pii_redact", "resources": {"concurrency": 1, "batch_size": 4}, **pii},
        ],
    }


def _leaks(out: Path) -> dict[str, list[str]]:
    found = {}
    for f in sorted(p for p in out.rglob("*") if p.is_file()):
        if f.suffix == ".parquet":
            text = json.dumps(pq.read_table(f).to_pylist(), ensure_ascii=False, default=str)
        elif f.suffix == ".gz":
            text = gzip.decompress(f.read_bytes()).decode("utf-8", "replace")
        else:
            text = f.read_bytes().decode("utf-8", "replace")
        hits = [v for v in RAW if v in text]
        if hits:
            found[str(f.relative_to(out))] = hits
    return found


def test_all_strings_leaves_no_raw_value_on_disk(ray_session, tmp_path: Path, caplog):
    caplog.set_level(logging.INFO)
    report = run_config(_config(tmp_path, columns="all_strings"))
    assert report["accounting_ok"] and report["removed_docs"] == 1
    assert report["output_text"]["pii_columns"] == "all_strings"
    assert report["output_text"]["pii_unscanned_columns"] == []
    assert _leaks(tmp_path / "out") == {}
    assert not any(v in caplog.text for v in RAW)
    kept = [json.loads(line) for f in (tmp_path / "out" / "data").glob("*.jsonl.gz")
            for line in gzip.decompress(f.read_bytes()).decode().splitlines()]  # fmt: skip
    assert kept and all(r["meta"]["sub"]["deep"] == "<EMAIL_ADDRESS>" for r in kept)
    assert all(r["tags"] == ["garden", "身份证<CN_ID_CARD>"] for r in kept)


def test_default_scans_every_text_column(ray_session, tmp_path: Path):
    """No ``columns`` key: the pass-through columns are redacted too (an e-mail in a ``comments``
    column first seen after the first records of the first file would otherwise reach data/)."""
    cfg = _config(tmp_path)
    late = tmp_path / "late.jsonl"  # a second file: `comments` null first, an e-mail later
    rows = [
        {"id": f"l{i}", "text": f"{LONG} Late {i}.", "comments": None if i == 0 else f"by {EMAIL}"}
        for i in range(3)
    ]
    late.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    cfg["input"]["paths"].append(str(late))
    report = run_config(cfg)
    assert report["accounting_ok"] and report["output_docs"] == 8
    assert report["output_text"]["pii_columns"] == "all_strings"
    assert _leaks(tmp_path / "out") == {}


def test_text_only_names_unscanned_columns_and_side_outputs_stay_clean(ray_session, tmp_path: Path, caplog):
    caplog.set_level(logging.WARNING, logger="corpusforge.pii")
    report = run_config(_config(tmp_path, fmt="parquet", columns=["text"]))
    unscanned = ["title", "url", "author", "meta", "tags"]
    assert report["output_text"]["pii_unscanned_columns"] == unscanned
    warning = [r.getMessage() for r in caplog.records if r.name == "corpusforge.pii"]
    assert len(warning) == 1 and ", ".join(unscanned) in warning[0]
    assert not any(v in caplog.text for v in RAW)
    leaks = _leaks(tmp_path / "out")
    # the default keeps pass-through columns as they are in data/ (what the report warns about);
    # the removal trace (a struct column included) holds nothing raw
    assert set(leaks) == {p for p in leaks if p.startswith("data/")} and leaks
    assert set(next(iter(leaks.values()))) == set(RAW)


def test_missing_or_non_text_column_fails_before_ray(tmp_path: Path):
    with pytest.raises(ConfigError, match=r"pipeline\[1\]\.columns: 'titel' is not a column.*'title'"):
        run_config(_config(tmp_path, columns=["text", "titel"]))
    assert not (tmp_path / "out").exists()  # stopped before the output folder and Ray
    with pytest.raises(ConfigError, match=r"pipeline\[1\]\.columns: column 'year' is int64, not text"):
        run_config(_config(tmp_path, columns=["text", "year"]))


def test_a_column_an_earlier_step_writes_may_be_named(tmp_path: Path):
    from engine.config import load_config
    from engine.io_read import expand_inputs
    from engine.sink_redact import check_pii_columns

    cfg = _config(tmp_path, columns=["text", "lang"])
    cfg["pipeline"].insert(0, {"op": "language_id"})  # writes `lang`, not in the input
    loaded = load_config(cfg)
    check_pii_columns(loaded, expand_inputs(loaded.input, loaded.storage))
    assert loaded._pii_columns["pii_columns"] == ["text", "lang"]
    cfg["pipeline"].pop(0)
    with pytest.raises(ConfigError, match="'lang' is not a column of the input"):
        run_config(cfg)


def test_binary_text_field_in_parquet_passes_the_column_check(tmp_path: Path):
    """The reader reads a Parquet text column of bytes (or dictionary, or null type) as text, so
    naming ``text`` is no config error (it was: "column 'text' is binary, not text")."""
    from engine.config import load_config
    from engine.io_read import expand_inputs
    from engine.sink_redact import check_pii_columns

    folder = tmp_path / "pq"
    folder.mkdir()
    pq.write_table(
        pa.table({"id": ["a"], "text": pa.array([b"plain words"], pa.binary())}), folder / "a.parquet"
    )
    cfg = _config(tmp_path, columns=["text"])
    cfg["input"] = {"paths": [str(folder)], "format": "parquet"}
    loaded = load_config(cfg)
    check_pii_columns(loaded, expand_inputs(loaded.input, loaded.storage))
    assert loaded._pii_columns["pii_columns"] == ["text"]
