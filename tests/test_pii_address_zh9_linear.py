"""Linear time of the Chinese ADDRESS recognizer (``operators/pii/recognizers_address_zh.py``) on the torture
shapes of helper address_zh9 (#16) and on those of the passes it added (developers' estates, numbered areas,
neighbourhoods, tie words, 家在, a block wrapped after its district), with small sizes: T(8n) / T(n) of the
thread's CPU time stays below 16 (linear 8, quadratic 64; tests/pii_linear.py, a complexity test, not a speed
test). The same shapes at 500 KB were measured once by hand (commit message)."""

from __future__ import annotations

import pytest

from operators.pii.recognizers_address_zh import ChineseAddressRecognizer
from tests.pii_linear import grown_ratio

MAX_RATIO = 16
MIN_SECONDS = 0.005
START_N = 1024
MAX_N = 1 << 12


def _rep(unit: str):
    return lambda n: (unit * (n // len(unit) + 1))[:n]


CASES = {
    "road_run": _rep("路"),
    "estate_lines": _rep("家住阳光小区3栋\n"),
    "junction_run": _rep("长江路与"),
    "digit_run": _rep("1"),
    "dots_after_word": _rep("住在碧桂园" + "." * 100),
    "one_token": _rep("碧"),
    "zalgo": _rep("住\u0301\u0316在\u0334碧\u0335桂\u0336园\u0337"),
    "stay_run": _rep("住"),
    "area_run": _rep("区"),
    "numbered_areas": _rep("劲松一区"),
    "brand_ties": _rep("出售万科城业主"),
    "home_cue_run": _rep("我家在"),
    "work_frames": _rep("我在五道口上班"),
    "wrapped_blocks": _rep("南京市玄武区\n"),
    "subdistrict_near": _rep("望京街道附近"),
}


@pytest.fixture(scope="module")
def recognizer() -> ChineseAddressRecognizer:
    return ChineseAddressRecognizer()


@pytest.mark.parametrize("case", sorted(CASES))
def test_linear_time(recognizer, case):
    ratio, n, _, _ = grown_ratio(
        recognizer.analyze,
        CASES[case],
        n=START_N,
        max_n=MAX_N,
        min_seconds=MIN_SECONDS,
        bound=MAX_RATIO,
        floor=1e-6,
        pause_gc=True,
    )
    assert ratio < MAX_RATIO, f"{case}: T(8n)/T(n) = {ratio:.1f} at n={n}"
