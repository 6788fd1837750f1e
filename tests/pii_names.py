"""What one PERSON or ADDRESS recognizer alone finds in a text: the invented cases of the PERSON and
ADDRESS tests (a sentence and the spans it must give, or none)."""

from __future__ import annotations

from functools import cache


def found_names(rec, text: str) -> list[str]:
    """The text of each finding of recognizer ``rec`` in ``text``."""
    return [text[f.start : f.end] for f in rec.analyze(text)]


@cache
def _english():
    from operators.pii.recognizers_person import EnglishPersonRecognizer

    return EnglishPersonRecognizer()


@cache
def _chinese():
    from operators.pii.recognizers_person_zh import ChinesePersonRecognizer

    return ChinesePersonRecognizer()


def en_names(text: str) -> list[str]:
    """The names the English PERSON recognizer finds in ``text`` (one recognizer, made on the first call)."""
    return found_names(_english(), text)


def zh_names(text: str) -> list[str]:
    """The names the Chinese PERSON recognizer finds in ``text`` (one recognizer, made on the first call)."""
    return found_names(_chinese(), text)


@cache
def zh_address_recognizer():
    """The Chinese ADDRESS recognizer, made once for the tests that share it."""
    from operators.pii.recognizers_address_zh import ChineseAddressRecognizer

    return ChineseAddressRecognizer()


def zh_addresses(text: str) -> list[str]:
    """The addresses the Chinese ADDRESS recognizer finds in ``text``."""
    return found_names(zh_address_recognizer(), text)
