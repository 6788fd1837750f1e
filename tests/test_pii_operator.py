"""pii_redact as an operator: actions, annotate mode, counts, config errors,
offline construction, no PII in logs or errors, fast path == whole-document path."""

from __future__ import annotations

import logging
import random
import socket
import subprocess
import sys
from pathlib import Path

import pyarrow as pa
import pytest
from pydantic import ValidationError

from engine import runner
from operators.pii import MissingKeyError, PiiAnalysisError, PiiRedact, total_pii_counts
from operators.pii.analyzer import build_analyzer, silence_presidio_logs

ID = "11010519491231002X"
MOBILE = "13800138000"
EMAIL = "zhang.wei@example.com"
TEXT = f"联系人张伟，手机{MOBILE}，身份证号{ID}，邮箱{EMAIL}。"


def table(*texts, **extra):
    cols = {"id": [f"d{i}" for i in range(len(texts))], "text": list(texts)}
    cols.update(extra)
    return pa.table(cols)


def run(texts, **params):
    return runner.start(PiiRedact(**params)).transform(table(*texts))


# -- actions ----------------------------------------------------------------------------


def test_replace_is_default():
    out = run([TEXT])
    assert (
        out.column("text")[0].as_py()
        == "联系人<PERSON>，手机<CN_MOBILE>，身份证号<CN_ID_CARD>，邮箱<EMAIL_ADDRESS>。"
    )


def test_mask_keeps_trailing_characters():
    out = run([TEXT], actions={"CN_ID_CARD": "mask", "default": "replace"}, mask_keep_last=4, mask_char="#")
    text = out.column("text")[0].as_py()
    assert "#" * 14 + "002X" in text and ID not in text and "<CN_MOBILE>" in text


def test_redact_removes_value():
    out = run([TEXT], actions={"default": "redact"})
    assert out.column("text")[0].as_py() == "联系人，手机，身份证号，邮箱。"


def test_replace_template():
    out = run([f"mail {EMAIL} now"], replace_template="[{entity}]")
    assert out.column("text")[0].as_py() == "mail [EMAIL_ADDRESS] now"


def test_hash_is_keyed_and_stable(monkeypatch):
    monkeypatch.setenv("PII_TEST_KEY", "k1")
    texts = [
        f"手机{MOBILE}",
        "call +86 138-0013-8000",
        f"mail {EMAIL}",
        f"MAIL {EMAIL.upper()}",
        "手机13900139000",
    ]
    out = run(texts, actions={"default": "hash"}, hash_key_env="PII_TEST_KEY").column("text").to_pylist()
    token = out[0].removeprefix("手机")
    assert token.startswith("<CN_MOBILE:") and len(token) == len("<CN_MOBILE:>") + 16
    assert out[1] == f"call {token}"  # same number, other format: same token
    assert out[2].split()[1] == out[3].split()[1]  # e-mail compared case-insensitively
    assert out[4].removeprefix("手机") != token
    assert all(MOBILE not in t and EMAIL not in t for t in out)
    monkeypatch.setenv("PII_TEST_KEY", "k2")
    other = run(texts[:1], actions={"default": "hash"}, hash_key_env="PII_TEST_KEY").column("text")[0].as_py()
    assert other != out[0]


def test_hash_refuses_without_key(monkeypatch):
    monkeypatch.delenv("PII_TEST_KEY", raising=False)
    with pytest.raises(ValidationError, match="PII_TEST_KEY"):
        PiiRedact(actions={"CN_ID_CARD": "hash"}, hash_key_env="PII_TEST_KEY")
    with pytest.raises(ValidationError, match="hash_key_env"):
        PiiRedact(actions={"default": "hash"})
    # key present at config time but missing on the worker: setup refuses too
    monkeypatch.setenv("PII_TEST_KEY", "secret-value")
    op = PiiRedact(actions={"default": "hash"}, hash_key_env="PII_TEST_KEY")
    monkeypatch.delenv("PII_TEST_KEY")
    with pytest.raises(MissingKeyError) as err:
        runner.start(op)
    assert "secret-value" not in str(err.value)


# -- annotate, counts -----------------------------------------------------------------------


def test_annotate_writes_spans_not_values():
    t = table(TEXT, "no personal data here", None, extra=[1, 2, 3])
    out = runner.start(PiiRedact(mode="annotate")).transform(t)
    assert out.column("text").to_pylist() == t.column("text").to_pylist()
    assert out.column("id").to_pylist() == ["d0", "d1", "d2"] and out.column("extra").to_pylist() == [1, 2, 3]
    spans = out.column("pii_spans").to_pylist()
    assert [(s["entity"], TEXT[s["start"] : s["end"]]) for s in spans[0]] == [
        ("PERSON", "张伟"),
        ("CN_MOBILE", MOBILE),
        ("CN_ID_CARD", ID),
        ("EMAIL_ADDRESS", EMAIL),
    ]
    assert all(0 < s["score"] <= 1 for s in spans[0]) and spans[1] == [] and spans[2] == []
    assert set(spans[0][0]) == {"entity", "start", "end", "score"}
    assert MOBILE not in str(out.column("pii_spans").to_pylist())
    assert out.column("pii_counts").type == pa.map_(pa.string(), pa.int32())


def test_counts_and_totals():
    out = run([TEXT, f"{EMAIL} and other@example.org", "nothing"])
    counts = out.column("pii_counts").to_pylist()
    assert dict(counts[0]) == {"PERSON": 1, "CN_MOBILE": 1, "CN_ID_CARD": 1, "EMAIL_ADDRESS": 1}
    assert dict(counts[1]) == {"EMAIL_ADDRESS": 2} and counts[2] == []
    assert total_pii_counts(out.column("pii_counts")) == {
        "CN_ID_CARD": 1,
        "CN_MOBILE": 1,
        "EMAIL_ADDRESS": 3,
        "PERSON": 1,
    }
    chunked = pa.chunked_array(
        [out.column("pii_counts").combine_chunks().slice(1), pa.nulls(2, out.column("pii_counts").type)]
    )
    assert total_pii_counts(chunked) == {"EMAIL_ADDRESS": 2}


def test_entity_selection():
    out = run([TEXT], entities=["EMAIL_ADDRESS"])
    assert out.column("text")[0].as_py() == f"联系人张伟，手机{MOBILE}，身份证号{ID}，邮箱<EMAIL_ADDRESS>。"


def test_url_off_by_default():
    assert run(["see www.example.com/page"]).column("pii_counts").to_pylist() == [[]]
    assert dict(run(["see www.example.com/page"], entities=["URL"]).column("pii_counts")[0].as_py()) == {
        "URL": 1
    }


def test_empty_batch_and_prescreen_off():
    empty = runner.start(PiiRedact()).transform(
        pa.table({"id": pa.array([], pa.string()), "text": pa.array([], pa.string())})
    )
    assert empty.num_rows == 0 and "pii_counts" in empty.column_names
    assert run([TEXT], prescreen=False).column("text").to_pylist() == run([TEXT]).column("text").to_pylist()


# -- config errors ---------------------------------------------------------------------------


def test_unknown_names_are_config_errors():
    with pytest.raises(ValidationError, match="did you mean 'CN_MOBILE'"):
        PiiRedact(entities=["CN_MOBIL"])
    with pytest.raises(ValidationError, match="entity in actions"):
        PiiRedact(actions={"EMAIL": "mask"})
    with pytest.raises(ValidationError):
        PiiRedact(actions={"default": "shred"})
    with pytest.raises(ValidationError):
        PiiRedact(no_such_param=1)
    with pytest.raises(ValidationError, match="ner_model"):
        PiiRedact(entities=["LOCATION"])
    with pytest.raises(ValidationError, match="generalize is defined for"):
        PiiRedact(actions={"EMAIL_ADDRESS": "generalize"})
    with pytest.raises(ValidationError):
        PiiRedact(generalize={"ADDRESS": "street"})
    with pytest.raises(ValidationError):
        PiiRedact(generalize={"PHONE": "year"})
    assert PiiRedact(entities=["PERSON"]).entities == ("PERSON",)  # word lists: no model needed


def test_missing_ner_model_is_config_error_without_download(monkeypatch):
    import spacy.cli

    def no_download(*a, **k):
        raise AssertionError("download attempted")

    monkeypatch.setattr(spacy.cli, "download", no_download)
    monkeypatch.setattr(
        socket.socket, "connect", lambda *a, **k: (_ for _ in ()).throw(AssertionError("network"))
    )
    with pytest.raises(ValidationError, match="not installed"):
        PiiRedact(ner_model="en_core_web_sm_not_here")
    with pytest.raises(ValidationError, match="config.cfg"):
        PiiRedact(ner_model="/")


def test_installed_ner_model_adds_person(tmp_path):
    import spacy

    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "PERSON", "pattern": "Alice Smith"}, {"label": "GPE", "pattern": "Paris"}])
    nlp.to_disk(tmp_path / "model")
    op = runner.start(PiiRedact(ner_model=str(tmp_path / "model")))
    out = op.transform(table(f"Alice Smith moved to Paris, mail {EMAIL}", "no names"))
    assert out.column("text")[0].as_py() == "<PERSON> moved to <LOCATION>, mail <EMAIL_ADDRESS>"
    assert out.column("pii_counts")[1].as_py() == []


# -- offline, logs, errors ------------------------------------------------------------------------


def test_validating_a_config_imports_neither_presidio_nor_spacy():
    """Config validation (the CLI's first second) loads only the entity names; the
    analyzer is imported by setup()."""
    code = (
        "import sys; from engine.config import load_config; load_config('configs/quickstart.yaml'); "
        "from operators.pii import PiiRedact; PiiRedact(entities=['PERSON', 'CN_MOBILE']); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('presidio_analyzer', 'spacy')))"
    )
    root = Path(__file__).resolve().parents[1]
    out = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_no_network_during_construction_and_analysis(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    from operators.pii import public_suffix

    public_suffix._rules.cache_clear()  # read the suffix list again here
    analyzer = build_analyzer()
    text = f"mail {EMAIL} or bob@mail.example.co.uk"
    results = analyzer.analyze(text, language="xx", entities=["EMAIL_ADDRESS"], score_threshold=0.4)
    assert sorted(r.entity_type for r in results) == ["EMAIL_ADDRESS", "EMAIL_ADDRESS"]
    out = runner.start(PiiRedact()).transform(table(TEXT))
    assert "<EMAIL_ADDRESS>" in out.column("text")[0].as_py()


def test_presidio_log_messages_are_withheld(caplog):
    silence_presidio_logs()
    logger = logging.getLogger("presidio-analyzer")
    with caplog.at_level(logging.DEBUG, logger="presidio-analyzer"):
        logger.error("Failed to validate text %s", ID)
        logger.debug("nlp artifacts: " + MOBILE)
    assert ID not in caplog.text and MOBILE not in caplog.text
    assert "withheld" in caplog.text


def test_analysis_error_names_document_not_text(monkeypatch):
    op = PiiRedact()
    op.ensure_setup()

    def boom(text, entities):
        raise ValueError(f"cannot parse {text}")

    monkeypatch.setattr(op, "_analyze", boom)
    with pytest.raises(PiiAnalysisError) as err:
        op.transform(table(TEXT))
    assert "d0" in str(err.value) and MOBILE not in str(err.value) and err.value.__suppress_context__


# -- fast path == whole-document analysis ------------------------------------------------------------

_PIECES = [
    "The meeting is on 2024-01-15 at 10:30.", "价格为1,299.00元，共12345678人。", "手机13800138000", "身份证号：110105194912310021",
    f"身份证{ID}", "mail a.b@example.org", "IP 10.0.0.1 and fe80::1:2:3", "card 4111 1111 1111 1111", "卡号6222600260001072444",
    "订单号：2024010112304512", "call (212) 555-0123 ext. 45", "+44 20 7946 0958", "护照E12345678", "京A12345",
    "电话：010-62751234", "IBAN GB82WEST12345698765432", "SSN 536-90-4399", "x" * 50, "中文文本没有空格" * 5, "\n",
    "1998年1月1日", "v1.2.3.4", "ISBN 978-7-111-54742-6", "lorem ipsum dolor sit amet " * 3, "abc13800138000def",
]  # fmt: skip


def test_prescreen_windows_equal_whole_document():
    rng = random.Random(5)
    op = runner.start(PiiRedact(mode="annotate"))
    for _ in range(150):
        parts = [rng.choice(_PIECES) for _ in range(rng.randint(1, 12))]
        text = rng.choice(["", " ", "，"]).join(parts)
        assert op.find(text) == op.find_full(text), text
