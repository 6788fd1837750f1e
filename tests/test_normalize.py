"""normalize_text: identical to ftfy.fix_text, CJK punctuation kept, cleanup rules."""

from __future__ import annotations

import random
import unicodedata

import ftfy
import pyarrow as pa
import pytest

from operators.text.normalize import NormalizeText

MOJIBAKE = [
    "The cafÃ© opened last week, and itâ€™s already popular.",
    "â€œQuotedâ€\x9d text with a â€” dash",
    "SchÃ¶ne GrÃ¼ÃŸe aus MÃ¼nchen",
    "Ã¤Ã¶Ã¼ and Ã‰cole",
    "ä¸­æ–‡ä¹±ç\xa0�",  # UTF-8 Chinese read as Latin-1 (lossy)
    "&lt;b&gt;bold&lt;/b&gt; &amp; more",
    "<p>keep &amp; here</p>\nand &amp; here",
    "ﬁnancial ﬂow",
    "line one\r\nline two\rthree\u2028four",
    "\x1b[31mred\x1b[0m text",
    "e\u0301 composed",
    "Ａｌｐｈａ，全角。",
    "broken \ud83d surrogate".encode("utf-8", "surrogatepass").decode("utf-8", "replace"),
    "price: 12 â‚¬",
    "Ð¿Ñ€Ð¸Ð²ÐµÑ‚ Ð¼Ð¸Ñ€",
]
CLEAN = [
    "A plain ASCII sentence, with punctuation! And numbers: 1, 2, 3.",
    "“Curly quotes” and ‘single’ ones — with dashes – and an ellipsis…",
    "人民日报1月1日讯：今天，国务院发布了《关于加强环境保护的决定》。",
    "日本語のテキスト、カタカナとひらがな。한국어 문장입니다.",
    "Bullets • and middle dots · and degrees 25°C and £5 and café",
    "Tabs\tand\nnewlines\n\nand   spaces",
    "Emoji 😀 and math ∑ and arrows →",
    "",
]


def _reference(op: NormalizeText, text: str) -> str:
    return ftfy.fix_text(text, config=op._ftfy_config)


@pytest.mark.parametrize("fix_width,uncurl", [(False, False), (True, True)])
def test_fast_path_identical_to_fix_text(fix_width, uncurl):
    op = NormalizeText(
        fix_character_width=fix_width,
        uncurl_quotes=uncurl,
        remove_control_chars=False,
        strip_trailing_spaces=False,
        max_blank_lines=None,
        strip=False,
    )
    texts = MOJIBAKE + CLEAN
    out = op.transform(pa.table({"id": [str(i) for i in range(len(texts))], "text": texts}))
    assert out.column("text").to_pylist() == [_reference(op, t) for t in texts]


def test_random_strings_identical_to_fix_text():
    """Property check over strings mixing safe text with every kind of trigger."""
    op = NormalizeText(
        remove_control_chars=False, strip_trailing_spaces=False, max_blank_lines=None, strip=False
    )
    alphabet = (
        list("abcXYZ .,;!?\n\t'\"&<>#;")
        + list("中文日本語한국어，。！“”‘’—–…•·°£€éÃâ€™œ")
        + [
            "\u0301",
            "\u00a0",
            "\x85",
            "\r",
            "\x1b",
            "\ufb01",
            "\uff21",
            "\u2028",
            "&amp;",
            "&#39;",
            "Ã©",
            "â€”",
        ]
    )
    rng = random.Random(42)
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40))) for _ in range(3000)]
    out = op.transform(pa.table({"id": [str(i) for i in range(len(texts))], "text": texts}))
    assert out.column("text").to_pylist() == [_reference(op, t) for t in texts]


def test_clean_text_skips_ftfy(monkeypatch):
    op = NormalizeText()
    calls = []
    monkeypatch.setattr(op, "fix_text", lambda t: calls.append(t) or t)
    op.transform(pa.table({"id": ["a", "b"], "text": [CLEAN[0], CLEAN[2]]}))
    assert calls == []


def test_chinese_punctuation_and_quotes_preserved_by_default():
    op = NormalizeText()
    text = "他说：“你好，世界！”（测试）"
    out = op.transform(pa.table({"id": ["1"], "text": [text]}))
    assert out.column("text")[0].as_py() == text


def test_mojibake_repaired():
    op = NormalizeText()
    out = op.transform(pa.table({"id": ["1"], "text": [MOJIBAKE[0]]}))
    assert out.column("text")[0].as_py() == "The café opened last week, and it’s already popular."


def test_whitespace_and_control_cleanup():
    op = NormalizeText()
    text = "  Title  \n\n\n\nBody\u200b text\x07 here.   \r\n    indented code\n"
    out = op.transform(pa.table({"id": ["1"], "text": [text]})).column("text")[0].as_py()
    assert out == "Title\n\nBody text here.\n    indented code"


def test_nfkc_option():
    op = NormalizeText(unicode_form="NFKC")
    out = op.transform(pa.table({"id": ["1"], "text": ["Ａｌｐｈａ①"]})).column("text")[0].as_py()
    assert out == "Alpha1"


def test_empty_batch():
    op = NormalizeText()
    empty = pa.table({"id": pa.array([], pa.string()), "text": pa.array([], pa.string())})
    assert op.transform(empty).num_rows == 0


def test_long_combining_runs_are_made_stream_safe():
    """UAX #15 Stream-Safe Text Format: a CGJ after every 30 combining marks, so
    NFC's canonical reordering (quadratic per run in CPython) sees short runs;
    text with normal mark stacks is untouched."""
    op = NormalizeText()
    zalgo = "q" + "\u0301\u0316" * 50  # 100 marks (no precomposed q-acute): 3 joiners
    normal = "cafe\u0301 ñ Zoë " + "a" + "\u0301" * 30
    out = op.transform(pa.table({"id": ["z", "n"], "text": [zalgo, normal]})).column("text").to_pylist()
    assert out[0].count("\u034f") == 3
    runs = [len(r) for r in out[0][1:].split("\u034f")]
    assert max(runs) == 30 and sum(runs) == 100
    assert out[1] == unicodedata.normalize("NFC", normal)
