"""Linear time of the Chinese PERSON recognizer's scored pass (issue #16, zh_person13: ``_scored``)
on pathological texts of size n and 8n: the ratio T(8n) / T(n) of the thread's CPU time stays
below 16 (linear: 8, quadratic: 64), as in ``tests/test_pii_person_zh_linear.py`` (the same
``tests/pii_linear.py`` harness); and the pass reads each start once (an operation count)."""

from __future__ import annotations

from operators.pii.recognizers_person_zh import ChinesePersonRecognizer
from tests.pii_linear import linear_tests

MAX_RATIO = 16
MIN_SECONDS = 0.05
START_N = 2048
MAX_N = 1 << 17
REPS = 3

_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
_UNLISTED = "刚继伯少正纪相权升"


def _distinct_role_names(n: int, role: str, after: str) -> str:
    """Distinct names of unlisted given characters after ``role`` and before ``after``."""
    out, k = [], 0
    size = len(role) + 3 + len(after)
    while len(out) * size < n:
        a, b = divmod(k, len(_UNLISTED))
        out.append(
            role + _SURNAMES[k % len(_SURNAMES)] + _UNLISTED[a % len(_UNLISTED)] + _UNLISTED[b] + after
        )
        k += 1
    return "".join(out)


CASES = {
    # starts: a role's end, a boundary or a function word before a surname, each kind in a run
    "scored_role_names": lambda n: _distinct_role_names(n, "副部长", "说，"),
    "scored_boundary_names": lambda n: _distinct_role_names(n, "，", "一直"),
    "scored_same_name": lambda n: "，邓刚一直" * (n // 5),  # (the repeat count: one dict)
    "scored_coordinated": lambda n: "刘振华和冯刚是" * (n // 7),
    "scored_role_runs": lambda n: "部长" * (n // 2),
    "scored_boundary_surnames": lambda n: "，王" * (n // 2),
    "scored_function_surnames": lambda n: "和李" * (n // 2),
    "scored_anchor_run": lambda n: "长" * n,
    "scored_mixed_surnames_after_roles": lambda n: ("记者" + _SURNAMES) * (n // 22),
    # issue 16's shapes: one repeated character, surname characters, 路/号 runs, Zalgo
    "scored_one_char": lambda n: "刚" * n,
    "scored_surname_run": lambda n: "王" * n,
    "scored_road_run": lambda n: "路" * n,
    "scored_number_run": lambda n: "号" * n,
    "scored_zalgo": lambda n: "，王\u0301\u0316刚\u0308\u0323说" * (n // 7),
}

test_linear = linear_tests(
    ChinesePersonRecognizer,
    CASES,
    n=START_N,
    max_n=MAX_N,
    min_seconds=MIN_SECONDS,
    bound=MAX_RATIO,
    reps=REPS,
)


class _Counting:
    """The name model with its ``span_logit`` calls counted."""

    def __init__(self, model) -> None:
        self._model = model
        self.calls = 0

    def __getattr__(self, name):
        return getattr(self._model, name)

    def span_logit(self, *args) -> float:
        self.calls += 1
        return self._model.span_logit(*args)


def test_scored_reads_each_start_once():
    """Operation count, not time: the pass's span reads (``span_logit``) grow with the starts, at
    most two per start (the two- and three-character readings), for 1x and 8x a text."""
    r = ChinesePersonRecognizer()
    counting = _Counting(r._model)
    r._model = counting
    unit = _distinct_role_names(4096, "副部长", "说，")
    counts = []
    for text in (unit, unit * 8):
        counting.calls = 0
        more: list = []
        r._scored(text, [], more, set())
        starts = sum(1 for _ in r._scored_starts.finditer(text))
        assert 0 < counting.calls <= 2 * (starts + 1)
        assert more  # (names found: the reads were not all cut short)
        counts.append(counting.calls)
    assert counts[1] <= 8 * counts[0] + 2
