"""Build a Presidio ``AnalyzerEngine`` that never touches the network.

Presidio's defaults download things: ``AnalyzerEngine()`` loads (and offers to
download) ``en_core_web_lg``, and the e-mail recognizer validates domains with
``tldextract.extract``, which fetches the Public Suffix List on first use.
Here:

* the NLP engine is Presidio's ``NoOpNlpEngine`` (pattern recognizers need no
  tokens: context is read from a character window, see ``context.py``), or a
  ``SpacyNlpEngine`` over a spaCy model the user names and has installed;
* the e-mail recognizer (``recognizers_email.py``, Presidio's pattern in
  linear time) validates domains against the Public Suffix List snapshot
  bundled with tldextract, as tldextract would (``public_suffix.py``: no URLs,
  no cache directory);
* recognizers are registered explicitly; none is loaded from a model hub.

Presidio's regex recognizers run with ``regex.ASCII`` added to their flags so
``\\b``/``\\w``/``\\d`` treat Chinese characters as non-word characters:
"卡号4111111111111111" or "邮箱abc@163.com或手机" have no Unicode word boundary
next to the identifier, so Presidio's stock flags miss them.
"""

from __future__ import annotations

import logging
import re

import regex
from presidio_analyzer import AnalyzerEngine, EntityRecognizer, Pattern, RecognizerRegistry
from presidio_analyzer.nlp_engine import NoOpNlpEngine
from presidio_analyzer.predefined_recognizers import (
    CreditCardRecognizer,
    CryptoRecognizer,
    IpRecognizer,
    PhoneRecognizer,
    UrlRecognizer,
    UsSsnRecognizer,
)

from . import public_suffix
from .context import CharWindowContextEnhancer
from .entities import (  # noqa: F401 - re-exported: the names' home before entities.py
    ALL_ENTITIES,
    CHINESE_ENTITIES,
    DATE_ENTITIES,
    DEFAULT_ENTITIES,
    LANGUAGE,
    LEXICAL_ENTITIES,
    NER_ENTITIES,
    PATTERN_ENTITIES,
    PRESIDIO_ENTITIES,
    MissingModelError,
    check_ner_model,
)
from .recognizers_card import IinCardRecognizer
from .recognizers_dates import date_recognizers
from .recognizers_email import LinearEmailRecognizer
from .recognizers_iban import AnyCaseIbanRecognizer
from .recognizers_phone import FormattedPhoneRecognizer, MinDigitsPhoneRecognizer
from .recognizers_zh import NUMBER_NEGATIVE_CONTEXT, chinese_recognizers
from .recognizers_zh_ids import more_chinese_recognizers

# Chinese context words added to Presidio's English lists.
_EXTRA_CONTEXT = {
    "EMAIL_ADDRESS": ["邮箱", "电子邮件", "电子邮箱", "邮件", "e-mail", "mail"],
    "PHONE_NUMBER": ["电话", "手机", "联系电话", "联系方式", "热线", "传真", "致电", "tel", "fax", "contact"],
    "CREDIT_CARD": ["信用卡", "卡号", "银行卡", "card number"],
    "IP_ADDRESS": ["ip地址", "服务器", "主机", "address"],
    "IBAN_CODE": ["账户", "账号", "银行", "汇款", "account"],
    "US_SSN": ["社会安全号", "社保号"],
    "CRYPTO": ["钱包", "比特币", "加密货币"],
    "URL": ["网址", "链接", "网站"],
}
# Presidio context words that also introduce record numbers ("order number",
# "tracking number"): they would outvote the record-number veto.
_TOO_GENERIC = {"PHONE_NUMBER": ("number",)}
_NUMERIC = {"PHONE_NUMBER", "CREDIT_CARD", "US_SSN", "IBAN_CODE"}


class HexIpRecognizer(IpRecognizer):
    """Presidio's IP recognizer without degenerate IPv6 forms: ``::``, ``::2``,
    ``a::b`` (fewer than three hex groups) are slicing syntax, C++ scopes and
    reStructuredText markers far more often than addresses, and the few real
    ones (``::1`` loopback) identify nobody."""

    def invalidate_result(self, pattern_text: str) -> bool | None:
        address = pattern_text.split("/")[0]
        if ":" in address and "." not in address:
            if sum(1 for g in address.split(":") if g) < 3:
                return True
        return super().invalidate_result(pattern_text)


class _Gated:
    """A Presidio pattern recognizer that first searches ``GATE``, a pattern found in every match of
    every one of its patterns (ASCII classes, no look-around): a text without it has no match, and
    the patterns are not run (``CnPatternRecognizer.GATE``). Named as Presidio names the recognizer."""

    GATE: re.Pattern

    def analyze(self, text, entities, nlp_artifacts=None, regex_flags=None):
        if self.GATE.search(text) is None:
            return []
        return super().analyze(text, entities, nlp_artifacts, regex_flags)


class GatedUsSsnRecognizer(_Gated, UsSsnRecognizer):
    """Presidio's US SSN recognizer: every pattern (ddddd-dddd, ddd-dddddd, ddd-dd-dddd, nine
    digits, ddd dd dddd with - . or space) holds three digits, two and four, each pair of groups
    apart by at most one of - . or space."""

    GATE = re.compile(r"[0-9]{3}[- .]?[0-9]{2}[- .]?[0-9]{4}")

    def __init__(self, **kwargs) -> None:
        super().__init__(name="UsSsnRecognizer", **kwargs)


class GatedCreditCardRecognizer(_Gated, CreditCardRecognizer):
    """Presidio's credit card recognizer: its pattern starts with four digits, an optional - or
    space and a group of at least three digits."""

    GATE = re.compile(r"[0-9]{4}[- ]?[0-9]{3}")

    def __init__(self, **kwargs) -> None:
        super().__init__(name="CreditCardRecognizer", **kwargs)


class TokenStartUrlRecognizer(UrlRecognizer):
    """Presidio's URL recognizer whose schemaless patterns start only at the
    start of a host-name token. Presidio's ``[a-z0-9.-]{1,253}[.](?:<TLD>|...)``
    may start at every character of a dotted run and backtrack through up to
    253 characters and ~1,500 TLD alternatives from each (seconds on a 16k-
    character run of "a."); anchored at the token start it is tried once per
    token, which is linear. A URL never starts in the middle of a host name, so
    the matches are those Presidio reports."""

    def __init__(self, **kwargs) -> None:
        patterns = []
        for p in self.PATTERNS:
            rx = p.regex
            if rx.startswith("(?i)((www"):
                rx = "(?i)(?<![a-z0-9.\\-])" + rx[len("(?i)") :]
            patterns.append(_unchecked_pattern(p.name, rx, p.score))
        super().__init__(patterns=patterns, **kwargs)


def _unchecked_pattern(name: str, rx: str, score: float) -> Pattern:
    """A Presidio ``Pattern`` without the check compile of its constructor (``regex.compile`` without
    flags), which :func:`presidio_recognizers` replaces by compiling the pattern once with the flags
    it runs under; Presidio itself would compile it again with those on first use. The URL patterns
    (~6,300 characters, 1,500 TLD alternatives each) cost ~15 ms per compile in every worker."""
    pattern = Pattern.__new__(Pattern)
    pattern.name, pattern.regex, pattern.score = name, rx, score
    pattern.compiled_regex = None
    pattern.compiled_with_flags = None
    return pattern


def presidio_recognizers(
    language: str, phone_regions: list[str], phone_min_digits: int, entities: frozenset[str] | None = None
) -> list:
    """Presidio's predefined recognizers for our entity set, Chinese-aware; with ``entities``, only
    the recognizers of those (the URL recognizer's patterns alone cost ~0.15 CPU-s to compile)."""
    makers = [
        ("EMAIL_ADDRESS", lambda: LinearEmailRecognizer(supported_language=language)),
        ("CREDIT_CARD", lambda: GatedCreditCardRecognizer(supported_language=language)),
        ("IP_ADDRESS", lambda: HexIpRecognizer(supported_language=language)),
        ("IBAN_CODE", lambda: AnyCaseIbanRecognizer(supported_language=language)),
        ("US_SSN", lambda: GatedUsSsnRecognizer(supported_language=language)),
        ("CRYPTO", lambda: CryptoRecognizer(supported_language=language)),
        ("URL", lambda: TokenStartUrlRecognizer(supported_language=language)),
        (
            "PHONE_NUMBER",
            lambda: MinDigitsPhoneRecognizer(
                min_digits=phone_min_digits,
                supported_language=language,
                supported_regions=tuple(phone_regions),
            ),
        ),
    ]
    recognizers = [make() for entity, make in makers if entities is None or entity in entities]
    for rec in recognizers:
        entity = rec.supported_entities[0]
        context = [w for w in (rec.context or []) if w not in _TOO_GENERIC.get(entity, ())]
        rec.context = context + _EXTRA_CONTEXT.get(entity, [])
        if entity in _NUMERIC:
            rec.negative_context = list(NUMBER_NEGATIVE_CONTEXT)
        if hasattr(rec, "global_regex_flags") and rec.global_regex_flags is not None:
            rec.global_regex_flags |= regex.ASCII
        if isinstance(rec, TokenStartUrlRecognizer):  # its own patterns: compiled (and checked) once
            for p in rec.patterns:
                p.compiled_regex = regex.compile(p.regex, flags=rec.global_regex_flags)
                p.compiled_with_flags = rec.global_regex_flags
    return recognizers


class MemoRegistry(RecognizerRegistry):
    """A registry that answers ``get_recognizers`` once per request shape. Presidio filters
    every recognizer for every entity on each ``analyze`` call (a tenth of the analyzer's
    time on pre-screen windows). Presidio adds recognizers by appending to ``recognizers``
    and removes them by building a new list, so the list's identity and length are part of
    the key: the answers stay those Presidio gives, in the same order."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._memo: dict[tuple, list] = {}

    def get_recognizers(self, language, entities=None, all_fields=False, ad_hoc_recognizers=None):
        if ad_hoc_recognizers:
            return super().get_recognizers(language, entities, all_fields, ad_hoc_recognizers)
        key = (
            language,
            tuple(entities) if entities else None,
            all_fields,
            id(self.recognizers),
            len(self.recognizers),
        )
        found = self._memo.get(key)
        if found is None:
            found = self._memo[key] = super().get_recognizers(language, entities, all_fields)
        return list(found)


class WindowAnalyzerEngine(AnalyzerEngine):
    """Presidio's ``AnalyzerEngine`` whose ``analyze`` stops once no recognizer found anything.

    The operator calls ``analyze`` once per pre-screen window, and on most windows every recognizer
    returns nothing (English web text: ~80% of 554 windows of 1,200 documents): Presidio then still
    runs its context step (for each recognizer, two passes over the results and a call), the score
    filter, ``remove_duplicates`` and the explanation clean-up, each over an empty list, which
    returns an empty list. Here that case returns the empty list at once; with results, the same
    steps run as Presidio runs them (its own methods, in its order). Calls that use what the
    operator never passes (no entity list, no precomputed NLP artifacts, no threshold, ad-hoc
    recognizers, context words, an allow list, the decision process, tracing) go to Presidio's
    ``analyze`` unchanged."""

    def analyze(self, text, language, entities=None, correlation_id=None, score_threshold=None,
                return_decision_process=False, ad_hoc_recognizers=None, context=None, allow_list=None,
                allow_list_match="exact", regex_flags=None, nlp_artifacts=None):  # fmt: skip
        if (
            not entities
            or nlp_artifacts is None
            or score_threshold is None
            or ad_hoc_recognizers
            or context
            or allow_list
            or return_decision_process
            or self.log_decision_process
        ):
            kwargs = {} if regex_flags is None else {"regex_flags": regex_flags}
            return super().analyze(
                text, language, entities, correlation_id, score_threshold, return_decision_process,
                ad_hoc_recognizers, context, allow_list, allow_list_match, nlp_artifacts=nlp_artifacts, **kwargs,
            )  # fmt: skip
        recognizers = self.registry.get_recognizers(language=language, entities=entities, all_fields=False)
        results = []
        for recognizer in recognizers:
            if not recognizer.is_loaded:
                recognizer.load()
                recognizer.is_loaded = True
            found = recognizer.analyze(text=text, entities=entities, nlp_artifacts=nlp_artifacts)
            if found:
                self._AnalyzerEngine__add_recognizer_id_if_not_exists(found, recognizer)
                results.extend(found)
        if not results:
            return []
        results = self._enhance_using_context(text, results, nlp_artifacts, recognizers, context)
        results = [r for r in results if r.score >= score_threshold]
        results = EntityRecognizer.remove_duplicates(results)
        for r in results:
            r.analysis_explanation = None
        return results


# -- NER model (optional) ----------------------------------------------------------


def _ner_engine(model: str, language: str):
    from presidio_analyzer.nlp_engine import NerModelConfiguration, SpacyNlpEngine

    check_ner_model(model)
    config = NerModelConfiguration(
        model_to_presidio_entity_mapping={
            "PERSON": "PERSON", "PER": "PERSON", "GPE": "LOCATION", "LOC": "LOCATION",
            "FAC": "LOCATION", "ORG": "ORGANIZATION", "NORP": "ORGANIZATION",
        },
        labels_to_ignore=["CARDINAL", "DATE", "EVENT", "LANGUAGE", "LAW", "MONEY", "ORDINAL",
                          "PERCENT", "PRODUCT", "QUANTITY", "TIME", "WORK_OF_ART", "MISC"],
    )  # fmt: skip
    engine = SpacyNlpEngine(
        models=[{"lang_code": language, "model_name": model}], ner_model_configuration=config
    )
    engine.load()
    return engine


# -- the engine -------------------------------------------------------------------


def build_analyzer(
    *,
    id_checksum_policy: str = "context",
    id_legacy_policy: str = "context",
    phone_regions: list[str] | tuple[str, ...] = PhoneRecognizer.DEFAULT_SUPPORTED_REGIONS,
    phone_min_digits: int = 7,
    context_before: int = 40,
    context_after: int = 12,
    ner_model: str | None = None,
    entities: tuple[str, ...] | frozenset[str] | None = None,
) -> AnalyzerEngine:
    """An AnalyzerEngine with our recognizers under the language code ``xx``; with ``entities``, only
    the recognizers that can find one of them. Presidio's ``analyze(entities=...)`` asks its registry
    for the recognizers of the entities asked for, so leaving the others out changes no finding."""
    wanted = frozenset(entities) if entities is not None else None
    if ner_model:
        nlp_engine = _ner_engine(ner_model, LANGUAGE)
    else:
        nlp_engine = NoOpNlpEngine(models=[{"lang_code": LANGUAGE, "model_name": "none"}])
        nlp_engine.load()
    recognizers = presidio_recognizers(LANGUAGE, list(phone_regions), phone_min_digits, wanted)
    recognizers.append(IinCardRecognizer(LANGUAGE))
    recognizers.append(FormattedPhoneRecognizer(LANGUAGE, min_digits=phone_min_digits))
    recognizers += chinese_recognizers(LANGUAGE, id_checksum_policy, id_legacy_policy)
    recognizers += more_chinese_recognizers(LANGUAGE)
    recognizers += date_recognizers(LANGUAGE)
    if wanted is not None:
        recognizers = [r for r in recognizers if set(r.supported_entities) & wanted]
    registry = MemoRegistry(recognizers=recognizers, supported_languages=[LANGUAGE])
    if ner_model:
        registry.add_nlp_recognizer(nlp_engine=nlp_engine)
    public_suffix.has_fqdn("example.com")  # read the bundled suffix list now, not during the first batch
    return WindowAnalyzerEngine(
        registry=registry,
        nlp_engine=nlp_engine,
        supported_languages=[LANGUAGE],
        context_aware_enhancer=CharWindowContextEnhancer(before=context_before, after=context_after),
    )


# -- logging ----------------------------------------------------------------------


class _WithholdText(logging.Filter):
    """Presidio logs matched text (e.g. ``IbanRecognizer``: "Failed to validate
    text %s"). Keep the event, drop the message and its arguments."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno < logging.WARNING:
            return False
        record.msg = f"{record.name}: {record.levelname.lower()} in {record.funcName} (message withheld: may contain PII)"
        record.args = ()
        return True


def silence_presidio_logs() -> None:
    """Install the PII-withholding filter on Presidio's loggers (idempotent)."""
    for name in ("presidio-analyzer", "presidio-anonymizer"):
        logger = logging.getLogger(name)
        if not any(isinstance(f, _WithholdText) for f in logger.filters):
            logger.addFilter(_WithholdText())
