"""Linear time of the Chinese ADDRESS recognizer (``operators/pii/recognizers_address_zh.py``) on the shapes of helper
address_zh13's rules (#16): a place before its gate after 放/送/寄 (快递放丰台科技园南门), runs of those verbs with and
without a gate, estates with their phase before 业主 (万科城二期的业主) or after a home word (住在金色港湾二期), 园 estates,
ranges in ～ (幸福小区5～7栋), estates with a dashed building-unit-room (锦绣花园3-2-501), 在X等, Taiwan's 縣/鎮/鄉,
Beijing's 条 lanes and Zalgo: T(8n) / T(n) of the thread's CPU time stays below 16 (linear 8, quadratic 64; tests/pii_linear.py's
shared check, a complexity test, not a speed test). 100 KB against 1 MB of the same shapes was measured by hand
(commit message).
"""

from __future__ import annotations

from operators.pii.recognizers_address_zh import ChineseAddressRecognizer
from tests.pii_linear import linear_tests


def _rep(unit: str):
    return lambda n: (unit * (n // len(unit) + 1))[:n]


CASES = {
    "gate_places": _rep("快递放丰台科技园南门，"),
    "gate_no_gate": _rep("快递放丰台科技园南"),
    "verb_run": _rep("放"),
    "verb_mix": _rep("送放寄到"),
    "long_name_then_gate": _rep("放" + "园" * 30 + "南门"),
    "owned_phases": _rep("万科城二期的业主"),
    "phase_runs": _rep("二期业主"),
    "cue_phase": _rep("住在金色港湾二期，"),
    "cue_yuan": _rep("我住在金桂园"),
    "tilde_ranges": _rep("幸福小区5～7栋"),
    "tilde_run": _rep("5～"),
    "dashed_rooms": _rep("锦绣花园3-2-501"),
    "dash_run": _rep("小区1-"),
    "doing_at_estate": _rep("我在锦绣花园等你"),
    "counties": _rep("彰化縣員林市"),
    "county_run": _rep("縣鎮鄉"),
    "tiao_lanes": _rep("东四十条甲22号"),
    "tiao_run": _rep("三条"),
    "zalgo": _rep("放\u0301\u0316到\u0334丽\u0335景\u0336花\u0337园\u0338东门"),
}

test_linear_time = linear_tests(ChineseAddressRecognizer, CASES, n=512, max_n=1 << 10, min_seconds=0.002)
