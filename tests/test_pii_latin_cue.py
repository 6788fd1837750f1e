"""The script cue of the English PERSON/ADDRESS recognizers: Latin letters, but not full-width ones.

A Chinese document whose only Latin letters are full-width (ＧＤＰ, Ｚｈａｎｇ Ｗｅｉ, as some Chinese
news sets them) skips the English recognizers: they read ASCII-shaped text and find nothing there
(checked below, so the cue must change with them if they ever fold width). ASCII and accented
letters still run them.
"""

from __future__ import annotations

import pyarrow as pa
import pytest

from operators.pii import PiiRedact
from operators.pii.recognizers_address_en import EnglishAddressRecognizer
from operators.pii.recognizers_person import EnglishPersonRecognizer

FULL_WIDTH = [
    "新华社记者 Ｚｈａｎｇ Ｗｅｉ 报道，ＧＤＰ增长",
    "Ｄｅａｒ Ｊｏｈｎ Ｓｍｉｔｈ，ｔｈａｎｋｓ",
    "住在 １２ Ｍａｉｎ Ｓｔｒｅｅｔ， Ｓｐｒｉｎｇｆｉｅｌｄ",
    "ＭＲ． ＪＯＨＮ ＳＭＩＴＨ 先生",
]


@pytest.fixture(scope="module")
def op() -> PiiRedact:
    op = PiiRedact(entities=["PERSON", "ADDRESS", "EMAIL_ADDRESS"])
    op.ensure_setup()
    return op


def _english_rows(op: PiiRedact, texts: list[str]) -> list[bool]:
    _, lexical = op._masks(pa.array(texts))
    english = [i for i, r in enumerate(op._lexical) if r.__class__.__name__.startswith("English")]
    assert english
    return [bool(lexical[english, j].any()) for j in range(len(texts))]


def test_full_width_latin_is_no_cue_for_the_english_recognizers(op):
    assert _english_rows(op, FULL_WIDTH) == [False] * len(FULL_WIDTH)


@pytest.mark.parametrize("text", ["联系人 John Smith", "José 在北京", "GDP增长", "ＧＤＰ and more"])
def test_ascii_and_accented_letters_are(op, text):
    assert _english_rows(op, [text]) == [True]


@pytest.mark.parametrize("text", FULL_WIDTH)
def test_the_english_recognizers_find_nothing_in_full_width_text(text):
    assert EnglishPersonRecognizer().analyze(text) == []
    assert EnglishAddressRecognizer().analyze(text) == []
