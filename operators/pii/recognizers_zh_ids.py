"""The remaining Chinese identifiers: Unified Social Credit Code, travel
permits for Hong Kong/Macau and Taiwan, QQ numbers and WeChat ids.

* ``CN_USCC`` (统一社会信用代码, GB 32100-2015): 18 characters from the
  31-character set (no I, O, S, V, Z): registering authority, category, the
  6-digit GB/T 2260 region, the 9-character organisation code and a MOD 31
  check character (``checksums.uscc_ok``). Valid check: 0.85; a wrong check
  character next to a context word (信用代码, 税号, USCC) 0.5; otherwise dropped.
  It identifies organisations, and sole proprietors (个体工商户) by name.
* ``CN_HK_MACAU_PERMIT``: 往来港澳通行证 (mainland residents, ``C`` + 8
  characters; older ``W`` + 8 digits) and 港澳居民来往内地通行证 (回乡证, ``H``/``M`` +
  8 or 10 digits). ``CN_TAIWAN_PERMIT``: 台湾居民来往大陆通行证 (台胞证, 8 digits,
  older 10 digits + letter) and 大陆居民往来台湾通行证 (``L`` + 8 digits). These look
  like product codes and record numbers, so they count only next to a
  context word (requires context).
* ``CN_QQ`` and ``CN_WECHAT``: only right after their label ("QQ：12345678", "QQ号是12345678",
  "微信号 wxid_abc123", "我的微信是li_lei88", "WeChat: li_lei-88"); a QQ number is 5-11 digits
  not starting with 0; a WeChat id 6-20 characters, a letter first, then
  letters, digits, ``_`` or ``-`` (WeChat's own rule). Without a colon or 号
  between label and id the id must contain a digit, ``_`` or ``-``
  ("WeChat account" is prose).

Linear: fixed-length or bounded patterns with alphanumeric boundaries.
"""

from __future__ import annotations

import regex
from presidio_analyzer import EntityRecognizer, Pattern, RecognizerResult

from .checksums import uscc_ok
from .recognizers_zh import (
    _NOT_ALNUM_AFTER,
    _NOT_ALNUM_BEFORE,
    NUMBER_NEGATIVE_CONTEXT,
    REQUIRES_CONTEXT,
    Assessment,
    CnPatternRecognizer,
)


class CnUsccRecognizer(CnPatternRecognizer):
    """Unified Social Credit Codes with the GB 32100-2015 check (module docstring)."""

    ENTITY = "CN_USCC"
    GATE = r"[1-9A-GNY][1-9][0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}"  # the pattern, without its look-arounds
    PATTERNS = [
        Pattern(
            "cn_uscc",
            _NOT_ALNUM_BEFORE + r"[1-9A-GNY][1-9]\d{6}[0-9A-HJ-NPQRTUWXY]{10}" + _NOT_ALNUM_AFTER,
            0.85,
        )
    ]
    CONTEXT = [
        "统一社会信用代码", "信用代码", "社会信用代码", "纳税人识别号", "税号", "营业执照", "注册号", "企业代码",
        "unified social credit", "credit code", "uscc", "tax id", "business license",
    ]  # fmt: skip
    NEGATIVE_CONTEXT = NUMBER_NEGATIVE_CONTEXT

    def assess(self, candidate: str, pattern: Pattern) -> Assessment | None:
        if candidate.isdigit() and len(candidate) == 18:
            return None  # all digits: an ID card or a record number, not a code with letters or a check
        if uscc_ok(candidate):
            return Assessment(0.85)
        return Assessment(0.3, requires_context=True)


class CnHkMacauPermitRecognizer(CnPatternRecognizer):
    """往来港澳通行证 and 港澳居民来往内地通行证 numbers, with context only."""

    ENTITY = "CN_HK_MACAU_PERMIT"
    GATE = r"[CHMW][0-9A-Z]?[0-9]{7}"  # C + letter or digit, W, H or M, then seven digits
    PATTERNS = [
        Pattern(
            "cn_hk_macau_permit",
            _NOT_ALNUM_BEFORE + r"(?:C[0-9A-HJ-NP-Z]\d{7}|W\d{8}|[HM]\d{8}(?:\d{2})?)" + _NOT_ALNUM_AFTER,
            0.35,
        )
    ]
    CONTEXT = [
        "港澳通行证", "往来港澳", "通行证", "回乡证", "来往内地", "港澳居民", "签注",
        "exit-entry permit", "two-way permit", "home return permit", "home-return permit", "permit",
    ]  # fmt: skip
    NEGATIVE_CONTEXT = NUMBER_NEGATIVE_CONTEXT

    def assess(self, candidate: str, pattern: Pattern) -> Assessment | None:
        return Assessment(0.35, requires_context=True)


class CnTaiwanPermitRecognizer(CnPatternRecognizer):
    """台湾居民来往大陆通行证 (台胞证) and 大陆居民往来台湾通行证 numbers, with context only."""

    ENTITY = "CN_TAIWAN_PERMIT"
    GATE = r"[0-9]{8}"  # eight digits in every form
    PATTERNS = [
        Pattern(
            "cn_taiwan_permit",
            _NOT_ALNUM_BEFORE + r"(?:\d{8}|\d{10}[A-Z]|L\d{8})" + _NOT_ALNUM_AFTER,
            0.35,
        )
    ]
    CONTEXT = [
        "台胞证", "台湾居民来往大陆通行证", "来往大陆", "往来台湾", "台湾通行证", "入台证", "大陆通行证",
        "mainland travel permit", "taiwan compatriot", "taiwan travel permit",
    ]  # fmt: skip
    NEGATIVE_CONTEXT = NUMBER_NEGATIVE_CONTEXT

    def assess(self, candidate: str, pattern: Pattern) -> Assessment | None:
        return Assessment(0.35, requires_context=True)


class _LabelledIdRecognizer(CnPatternRecognizer):
    """An id that counts only right after its label; the finding spans the id group."""

    FLAGS = regex.IGNORECASE

    def analyze(self, text, entities, nlp_artifacts=None, regex_flags=None) -> list[RecognizerResult]:
        results = []
        for pattern, compiled in self._compiled:
            for m in compiled.finditer(text):
                value = m.group("id")
                if not self.accept(value, m.group("sep") or ""):
                    continue
                results.append(
                    RecognizerResult(
                        entity_type=self.ENTITY,
                        start=m.start("id"),
                        end=m.end("id"),
                        score=pattern.score,
                        analysis_explanation=None,
                        recognition_metadata={
                            RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
                            RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
                            REQUIRES_CONTEXT: False,
                        },
                    )
                )
        return EntityRecognizer.remove_duplicates(results)

    def accept(self, value: str, sep: str) -> bool:
        return True


class CnQqRecognizer(_LabelledIdRecognizer):
    """QQ numbers right after their label (module docstring)."""

    ENTITY = "CN_QQ"
    PATTERNS = [
        Pattern(
            "cn_qq",
            r"(?<![A-Za-z])(?:QQ|扣扣)(?:号码|号)?(?P<sep>\s{0,2}(?:[:：]|是|为)?\s{0,2})(?P<id>[1-9]\d{4,10})"
            r"(?![0-9A-Za-z])",
            0.6,
        )
    ]


class CnWechatRecognizer(_LabelledIdRecognizer):
    """WeChat ids right after their label (module docstring)."""

    ENTITY = "CN_WECHAT"
    PATTERNS = [
        Pattern(
            "cn_wechat",
            r"(?:微信号?|(?<![A-Za-z])(?:wechat(?:\s?id)?|weixin|vx|wx)(?:号)?)"
            r"(?P<sep>\s{0,2}(?:[:：]|是|为)?\s{0,2})(?P<id>[A-Za-z][-_A-Za-z0-9]{5,19})(?![-_A-Za-z0-9])",
            0.6,
        )
    ]

    def accept(self, value: str, sep: str) -> bool:
        if value.lower().startswith("wxid_"):
            return True
        if any(c in sep for c in ":：是为"):  # "微信：abcdef", "我的微信是abcdef"
            return True
        return any(c.isdigit() or c in "_-" for c in value)


def more_chinese_recognizers(supported_language: str) -> list[CnPatternRecognizer]:
    return [
        CnUsccRecognizer(supported_language),
        CnHkMacauPermitRecognizer(supported_language),
        CnTaiwanPermitRecognizer(supported_language),
        CnQqRecognizer(supported_language),
        CnWechatRecognizer(supported_language),
    ]
