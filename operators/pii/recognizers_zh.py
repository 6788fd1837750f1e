"""Presidio recognizers for Chinese personal identifiers.

Each recognizer is a :class:`presidio_analyzer.PatternRecognizer` whose regex
finds candidates and whose :meth:`CnPatternRecognizer.assess` validates them
(check digits, dates, allocated prefixes) and sets a base score. Context words
(Chinese and English) are applied afterwards by
:class:`operators.pii.context.CharWindowContextEnhancer`, which reads the
``context`` and ``negative_context`` attributes set here.

Digit runs are delimited with ``(?<![0-9A-Za-z])`` / ``(?![0-9A-Za-z])``
rather than ``\\b``: Chinese text has no spaces, so "手机13800138000" has no
word boundary before the digits under Unicode rules.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from typing import Literal

import regex
from presidio_analyzer import EntityRecognizer, Pattern, PatternRecognizer, RecognizerResult

from .checksums import cn_id_checksum_ok, cn_id_structure_ok, luhn_ok

#: ``recognition_metadata`` key: the result counts only when a context word is near.
REQUIRES_CONTEXT = "cf_requires_context"

#: Words that say a nearby number is a record number, not a personal identifier.
#: Phone context words of ``recognizers_phone.PHONE_CONTEXT`` that the Chinese number recognizers
#: share, so a context boost never makes PHONE_NUMBER outscore CN_MOBILE on the same span.
PHONE_CONTEXT_EXTRA = ("office", "desk", "answering", "reach me", "reach us", "reach you", "text me", "sms")
NUMBER_NEGATIVE_CONTEXT = [
    "订单号", "订单编号", "订单", "单号", "运单", "快递单", "流水号", "交易号", "交易编号", "发票号",
    "发票代码", "批号", "批次", "型号", "货号", "商品编号", "序列号", "条形码", "条码", "工单", "时间戳",
    "isbn", "issn", "order no", "order number", "order id", "order #", "tracking", "invoice",
    "serial", "sku", "transaction id", "reference no", "ref no", "barcode", "doi", "timestamp", "unix time",
    "epoch",
]  # fmt: skip

_NOT_ALNUM_BEFORE = r"(?<![0-9A-Za-z])"
_NOT_ALNUM_AFTER = r"(?![0-9A-Za-z])"


@dataclass(frozen=True)
class Assessment:
    score: float
    requires_context: bool = False


class CnPatternRecognizer(PatternRecognizer):
    """A pattern recognizer whose matches are validated by :meth:`assess`."""

    ENTITY: str = ""
    PATTERNS: list[Pattern] = []
    CONTEXT: list[str] = []
    NEGATIVE_CONTEXT: list[str] = []
    FLAGS: int = regex.ASCII
    #: A pattern found in every match of every one of ``PATTERNS`` (ASCII classes, no look-around),
    #: searched first: a text without it has no match, and the patterns (look-behinds, the ``regex``
    #: module) are not run. Prescreen windows of digits carry every digit entity, and most hold
    #: none of the long runs a card or an ID needs. None: no gate.
    GATE: str | None = None

    def __init__(self, supported_language: str = "en") -> None:
        super().__init__(
            supported_entity=self.ENTITY,
            name=type(self).__name__,
            supported_language=supported_language,
            patterns=[Pattern(p.name, p.regex, p.score) for p in self.PATTERNS],
            context=list(self.CONTEXT),
            global_regex_flags=self.FLAGS,
        )
        self.negative_context = list(self.NEGATIVE_CONTEXT)
        self._compiled = [(p, regex.compile(p.regex, self.FLAGS)) for p in self.patterns]
        self._gate = re.compile(self.GATE) if self.GATE else None

    def assess(self, candidate: str, pattern: Pattern) -> Assessment | None:
        """Validate one regex match; ``None`` rejects it."""
        return Assessment(pattern.score)

    def analyze(self, text, entities, nlp_artifacts=None, regex_flags=None) -> list[RecognizerResult]:
        results: list[RecognizerResult] = []
        if self._gate is not None and self._gate.search(text) is None:
            return results
        for pattern, compiled in self._compiled:
            for m in compiled.finditer(text):
                start, end = m.span()
                verdict = self.assess(text[start:end], pattern)
                if verdict is None or verdict.score <= 0:
                    continue
                results.append(
                    RecognizerResult(
                        entity_type=self.ENTITY,
                        start=start,
                        end=end,
                        score=verdict.score,
                        analysis_explanation=None,
                        recognition_metadata={
                            RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
                            RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
                            REQUIRES_CONTEXT: verdict.requires_context,
                        },
                    )
                )
        return EntityRecognizer.remove_duplicates(results)


def _digits(s: str) -> str:
    return "".join(c for c in s if "0" <= c <= "9")


IdPolicy = Literal["strict", "context", "lenient"]


class CnIdCardRecognizer(CnPatternRecognizer):
    """Resident identity card numbers (GB 11643-1999), 18-character and 15-digit forms.

    18 characters with a valid province, birth date and check character score
    1.0. A number whose region and birth date are valid but whose check
    character is wrong (a typo) follows ``checksum_policy``: ``strict`` never
    flags it, ``context`` flags it only when an ID context word is near,
    ``lenient`` always flags it. The 15-digit legacy form has no check digit;
    it follows ``legacy_policy`` (``context`` by default, ``always``, ``never``).
    The 18-character form is also read in groups (6-8-4 or 6-4-4-4, one space or
    hyphen throughout), as forms and OCR output write it.
    """

    ENTITY = "CN_ID_CARD"
    PATTERNS = [
        Pattern("cn_id_18", _NOT_ALNUM_BEFORE + r"\d{17}[0-9Xx]" + _NOT_ALNUM_AFTER, 1.0),
        Pattern("cn_id_15", _NOT_ALNUM_BEFORE + r"\d{15}" + _NOT_ALNUM_AFTER, 0.5),
        # written in groups, one separator throughout: 110105 19491231 002X, 110105-1949-1231-002X
        Pattern(
            "cn_id_18_grouped",
            _NOT_ALNUM_BEFORE
            + r"\d{6}(?P<sep>[- ])(?:\d{8}|\d{4}(?P=sep)\d{4})(?P=sep)\d{3}[0-9Xx]"
            + _NOT_ALNUM_AFTER,
            1.0,
        ),
    ]
    CONTEXT = [
        "身份证", "身份证号", "证件号", "证件号码", "公民身份号码", "身份号码", "居民身份证", "身份证件",
        "id card", "identity card", "id number", "id no", "identity number", "national id",
        "resident id", "identification number", "id",
    ]  # fmt: skip
    GATE = r"[0-9]{15}|[0-9]{6}[- ][0-9]{4}"  # 18 or 15 digits, or grouped 6-8-4 / 6-4-4-4
    NEGATIVE_CONTEXT = NUMBER_NEGATIVE_CONTEXT

    def __init__(
        self,
        supported_language: str = "en",
        checksum_policy: IdPolicy = "context",
        legacy_policy: Literal["context", "always", "never"] = "context",
        today: _dt.date | None = None,
    ) -> None:
        super().__init__(supported_language)
        self.checksum_policy = checksum_policy
        self.legacy_policy = legacy_policy
        self._today = today

    def assess(self, candidate: str, pattern: Pattern) -> Assessment | None:
        if len(candidate) > 18:  # grouped: the pattern allows one separator character throughout
            candidate = candidate.replace(candidate[6], "")
        if not cn_id_structure_ok(candidate, self._today):
            if self.checksum_policy != "strict" and _birth_date_ok(candidate, self._today):
                # region not listed, birth date valid: a mistyped or made-up ID only right after
                # an ID phrase (``analyze``), never alone
                return Assessment(0.45, requires_context=True)
            return None
        if len(candidate) == 15:
            if self.legacy_policy == "never":
                return None
            return Assessment(0.5, requires_context=self.legacy_policy == "context")
        if cn_id_checksum_ok(candidate):
            return Assessment(1.0)
        if self.checksum_policy == "strict":
            return None
        return Assessment(0.5, requires_context=self.checksum_policy == "context")

    def analyze(self, text, entities, nlp_artifacts=None, regex_flags=None) -> list[RecognizerResult]:
        results = super().analyze(text, entities, nlp_artifacts, regex_flags)
        out = []
        for r in results:
            value = text[r.start : r.end]
            if len(value) > 18:
                value = value.replace(value[6], "")
            if len(value) == 18 and not cn_id_structure_ok(value, self._today):
                # an unlisted region: only with an ID phrase right before ("ID card number is ...")
                if _ID_PHRASE_BEFORE.search(text, max(0, r.start - ID_PHRASE_REACH), r.start) is None:
                    continue
            out.append(r)
        return out


#: How far before a number an ID phrase may end (characters) for a number whose region is not listed.
ID_PHRASE_REACH = 32
#: ID phrases that name the number that follows (English and Chinese), ending right before it.
_ID_PHRASE_BEFORE = regex.compile(
    r"(?i)(?:身份证|身份号码|证件号|id[ \t-]?card|identity[ \t]card|national[ \t]id|identification|id[ \t]number"
    r"|id[ \t]no\.?)[^0-9\n]{0,16}$"
)


def _birth_date_ok(number: str, today: _dt.date | None) -> bool:
    """18 characters (17 digits and a check character) whose birth date is a real, past date."""
    if not (
        len(number) == 18 and number[:17].isascii() and number[:17].isdigit() and number[17] in "0123456789Xx"
    ):
        return False
    # cn_id_structure_ok with a listed region in place of the unlisted one: the date test alone
    return cn_id_structure_ok("11" + number[2:], today)


# MIIT-allocated mobile prefixes (13x, 14x data/IoT excluded except 145-149, ...).
_MOBILE_PREFIXES = frozenset(
    [f"13{d}" for d in range(10)]
    + ["145", "146", "147", "148", "149"]
    + [f"15{d}" for d in (0, 1, 2, 3, 5, 6, 7, 8, 9)]
    + ["162", "165", "166", "167"]
    + [f"17{d}" for d in range(9)]
    + [f"18{d}" for d in range(10)]
    + [f"19{d}" for d in (0, 1, 2, 3, 5, 6, 7, 8, 9)]
)


class CnMobileRecognizer(CnPatternRecognizer):
    """Mainland mobile numbers: ``1[3-9]`` + 9 digits, optional ``+86``/``86``/``0086``
    prefix, optional space or dash separators (3-4-4 grouping).

    Allocated prefixes score 0.5 (0.6 with a country code or grouping); other
    ``1[3-9]x`` prefixes score 0.3 and need a context word.
    """

    ENTITY = "CN_MOBILE"
    GATE = r"1[3-9][0-9][- ]?[0-9]{4}"  # 1[3-9]d and its first group of four
    PATTERNS = [
        Pattern(
            "cn_mobile",
            r"(?<![0-9A-Za-z+])(?:(?:\+|00)?86[- ]?|\(\+?86\)[- ]?)?1[3-9]\d(?:[- ]?\d{4}){2}"
            + _NOT_ALNUM_AFTER,
            0.5,
        ),
    ]
    CONTEXT = [
        "手机", "手机号", "手机号码", "电话", "联系电话", "联系方式", "致电", "拨打", "来电", "短信", "微信",
        "mobile", "cell", "phone", "tel", "call", "contact", "whatsapp", "wechat",
        *PHONE_CONTEXT_EXTRA,
    ]  # fmt: skip
    NEGATIVE_CONTEXT = NUMBER_NEGATIVE_CONTEXT

    def assess(self, candidate: str, pattern: Pattern) -> Assessment | None:
        digits = _digits(candidate)
        national = digits[-11:]
        if len(digits) not in (11, 13, 15):
            return None
        if national[:3] not in _MOBILE_PREFIXES:
            return Assessment(0.3)
        formatted = len(digits) > 11 or not candidate.isdigit()
        return Assessment(0.6 if formatted else 0.5)


class CnBankCardRecognizer(CnPatternRecognizer):
    """Bank card numbers: 16-19 digits (optionally in groups of four) passing Luhn.

    China UnionPay numbers (issuer prefix ``62``) score 1.0 like Presidio's
    Luhn-validated CREDIT_CARD; other Luhn-valid 16-19 digit numbers score 0.3
    and need a context word (卡号, 银行卡, 账号, ...). Numbers failing Luhn are
    never flagged.
    """

    ENTITY = "CN_BANK_CARD"
    GATE = r"[0-9]{4}(?:[- ]?[0-9]{4}){3}"  # four groups of four
    PATTERNS = [
        Pattern(
            "cn_bank_card",
            _NOT_ALNUM_BEFORE + r"\d{4}(?:[- ]?\d{4}){3}(?:[- ]?\d{1,3})?" + _NOT_ALNUM_AFTER,
            0.3,
        ),
    ]
    CONTEXT = [
        "卡号", "银行卡", "银行卡号", "储蓄卡", "借记卡", "信用卡", "账号", "帐号", "银行账号", "账户",
        "帐户", "开户行", "收款账户", "银联",
        "card", "bank account", "account number", "account no", "debit", "unionpay",
    ]  # fmt: skip
    NEGATIVE_CONTEXT = NUMBER_NEGATIVE_CONTEXT

    def assess(self, candidate: str, pattern: Pattern) -> Assessment | None:
        digits = _digits(candidate)
        if not 16 <= len(digits) <= 19 or not luhn_ok(digits):
            return None
        # Groups must be consistent: either no separators or groups of four.
        if not candidate.isdigit() and len({c for c in candidate if not c.isdigit()}) > 1:
            return None
        from .recognizers_card import id_lookalike_score

        return Assessment(id_lookalike_score(digits, 1.0 if digits.startswith("62") else 0.3))


class CnPassportRecognizer(CnPatternRecognizer):
    """People's Republic of China passports: ``E`` + 8 digits, ``E`` + letter + 7
    digits (e-passports), ``G`` + 8 digits (older ordinary), ``D``/``S``/``P``
    (diplomatic, service, public affairs) + 7-8 digits or ``DE``/``SE``/``PE`` + 7.

    Alone these look like product codes: base score 0.35, below the default
    threshold, so a context word (护照, passport) is needed.
    """

    ENTITY = "CN_PASSPORT"
    GATE = r"[DEGPS][A-Z]?[0-9]{7}"  # a series letter (E, EA, DE, G, S, P...) and seven digits
    PATTERNS = [
        Pattern(
            "cn_passport",
            _NOT_ALNUM_BEFORE
            + r"(?:E\d{8}|E[A-HJ-NP-Z]\d{7}|G\d{8}|[DSP]E\d{7}|[DS]\d{7,8}|P\d{7})"
            + _NOT_ALNUM_AFTER,
            0.35,
        ),
    ]
    CONTEXT = ["护照", "护照号", "护照号码", "旅行证件", "passport", "travel document"]
    NEGATIVE_CONTEXT = NUMBER_NEGATIVE_CONTEXT


class CnLandlineRecognizer(CnPatternRecognizer):
    """Fixed-line numbers: area code (010, 02x, 0xxx) + 7-8 digit subscriber number
    (first digit 2-8, maybe grouped 4+4 or 3+4: 020 8765 4321, 0571-8888 1234), with optional
    parentheses, space or dash, optional
    ``+86``/``86`` prefix (then without the trunk 0) and extension (``-123``).

    Written with a separator or parentheses: 0.5. A bare run of digits
    ("02112345678") is as likely a record number: 0.3, needs a context word."""

    ENTITY = "CN_LANDLINE"
    #: every subscriber number: [2-8]ddd[- ]?dddd, [2-8]dd(d)?[- ]?dddd or [2-8]ddddddd?
    GATE = r"[2-8][0-9]{2}(?:[0-9]{4}|[0-9]?[- ][0-9]{4})"
    _AREA = r"(?:10|2[0-57-9])"  # 3-digit codes without the leading 0
    _AREA4 = r"(?:[3-9]\d{2})"
    PATTERNS = [
        Pattern(
            "cn_landline",
            r"(?<![0-9A-Za-z+])"
            r"(?:"
            # the subscriber number may be grouped (8765 4321) only when the area code is set apart
            rf"(?:\(0{_AREA}\)[ ]?|0{_AREA}[- ])[2-8]\d{{3}}[- ]?\d{{4}}|0{_AREA}[2-8]\d{{7}}"
            rf"|(?:\(0{_AREA4}\)[ ]?|0{_AREA4}[- ])[2-8]\d{{2,3}}[- ]?\d{{4}}|0{_AREA4}[2-8]\d{{6,7}}"
            rf"|(?:\+|00)?86[- ]?(?:(?:\({_AREA}\)[ ]?|{_AREA}[- ])[2-8]\d{{3}}[- ]?\d{{4}}|{_AREA}[2-8]\d{{7}})"
            rf"|(?:\+|00)?86[- ]?(?:(?:\({_AREA4}\)[ ]?|{_AREA4}[- ])[2-8]\d{{2,3}}[- ]?\d{{4}}|{_AREA4}[2-8]\d{{6,7}})"
            r")(?:-\d{1,5})?" + _NOT_ALNUM_AFTER,
            0.4,
        ),
    ]
    CONTEXT = [
        "电话", "座机", "固话", "固定电话", "传真", "联系电话", "热线", "总机", "办公电话", "客服", "致电",
        "拨打", "tel", "telephone", "phone", "fax", "call", "hotline", "landline", *PHONE_CONTEXT_EXTRA,
    ]  # fmt: skip
    NEGATIVE_CONTEXT = NUMBER_NEGATIVE_CONTEXT

    def assess(self, candidate: str, pattern: Pattern) -> Assessment | None:
        return Assessment(0.3 if candidate.isdigit() else 0.5)


_PROVINCE_ABBR = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"
_PLATE_LETTER = "A-HJ-NP-Z"  # I and O are not used on plates


class CnLicensePlateRecognizer(CnPatternRecognizer):
    """Vehicle plates (GA 36-2018): province abbreviation + issuing-authority
    letter + 5 characters (at least 3 digits), or 6 for new-energy vehicles
    (D/F + 5, or 5 digits + D/F); optional separator dot; special suffixes
    学/警/挂/港/澳. The serial never uses I or O; the authority letter is
    accepted as any A-Z (I/O are unassigned but appear in mistyped and
    synthetic plates, and nothing else looks like 省 + letter + 5 digits)."""

    ENTITY = "CN_LICENSE_PLATE"
    PATTERNS = [
        Pattern(
            "cn_license_plate",
            rf"[{_PROVINCE_ABBR}][A-Z][·•・\- ]?"
            rf"(?:[DF][{_PLATE_LETTER}0-9]\d{{4}}|\d{{5}}[DF]|[{_PLATE_LETTER}0-9]{{4}}[学警挂港澳]|[{_PLATE_LETTER}0-9]{{5}})"
            + _NOT_ALNUM_AFTER,
            0.5,
        ),
    ]
    CONTEXT = ["车牌", "车牌号", "牌照", "号牌", "车辆", "车号", "驾驶", "license plate", "plate", "vehicle"]

    def assess(self, candidate: str, pattern: Pattern) -> Assessment | None:
        body = regex.sub(r"[·•・\- ]", "", candidate)[2:]
        if len(body) == 6 and body[-1] not in "学警挂港澳":
            return Assessment(pattern.score)  # new-energy vehicle
        serial = body[:-1] if body[-1] in "学警挂港澳" else body
        if sum(c.isdigit() for c in serial) < len(serial) - 2:
            return None  # ordinary plates carry at most two letters in the serial
        return Assessment(pattern.score)


def chinese_recognizers(
    supported_language: str,
    id_checksum_policy: IdPolicy,
    id_legacy_policy: Literal["context", "always", "never"],
) -> list[CnPatternRecognizer]:
    return [
        CnIdCardRecognizer(supported_language, id_checksum_policy, id_legacy_policy),
        CnMobileRecognizer(supported_language),
        CnBankCardRecognizer(supported_language),
        CnPassportRecognizer(supported_language),
        CnLandlineRecognizer(supported_language),
        CnLicensePlateRecognizer(supported_language),
    ]
