"""The pre-screen's RE2::Set pass (``Prescreen._present``) only skips triggers a document does
not hold: windows equal those of scanning every trigger over the whole text, also when the
Set gives up (its DFA out of memory reports no trigger) and for documents holding none."""

from __future__ import annotations

import random

from operators.pii.entities import PATTERN_ENTITIES
from operators.pii.prescreen import Prescreen, triggers_for

_PIECES = [
    "13800138000", "１３８００１３８０００", "a@b.cn", "192.168.0.1", "fe80::1", "DE89 3704 0044 0532 0130 00",
    "京A12345", "QQ", "微信", "1985年", "aged 40", "http://x.io", "4111 1111 1111 1111", "+1 (212) 555-0143",
    "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq", "123-45-6789", " ", "\n", "，", "abc", "Ωμέγα", "中文", "-",
    ":", "2024-01-05", "0x1F", "(010)", "Mr. Smith", "the",
]  # fmt: skip


def _every_trigger(pre: Prescreen, text: str) -> list:
    """The windows as computed before the Set: every trigger scanned over the whole text."""

    class _All:  # a Set that names every trigger, whether the text holds it or not
        def Match(self, _text):
            return list(range(len(pre._compiled)))

    present, pre._present = pre._present, _All()
    try:
        return pre.windows(text)
    finally:
        pre._present = present


class _GivesUp:
    """A Set whose DFA ran out of memory: it reports no trigger (``None``) for every text."""

    def Match(self, _text):
        return None


def _texts(n: int, seed: int):
    rng = random.Random(seed)
    for _ in range(n):
        yield "".join(rng.choice(_PIECES) for _ in range(rng.randint(1, 40)))


def test_set_skips_only_triggers_the_text_does_not_hold():
    pre = Prescreen(triggers_for(frozenset(PATTERN_ENTITIES), 7), 40, 12)
    with_windows = 0
    for text in _texts(3000, 11):
        expected = _every_trigger(pre, text)
        with_windows += bool(expected)
        assert pre.windows(text) == expected, repr(text)
    assert with_windows > 1000


def test_set_giving_up_falls_back_to_every_trigger():
    pre = Prescreen(triggers_for(frozenset(PATTERN_ENTITIES), 7), 40, 12)
    reference = [(text, _every_trigger(pre, text)) for text in _texts(500, 12)]
    pre._present = _GivesUp()
    assert sum(bool(w) for _, w in reference) > 100
    for text, expected in reference:
        assert pre.windows(text) == expected, repr(text)


def test_prescreen_pickles_with_its_set():
    import pickle

    pre = Prescreen(triggers_for(frozenset(PATTERN_ENTITIES), 7), 40, 12)
    copy = pickle.loads(pickle.dumps(pre))
    text = "mail a@b.cn or call 13800138000, card 4111 1111 1111 1111"
    assert copy.windows(text) == pre.windows(text) != []
    assert Prescreen([], 40, 12).windows(text) == []
