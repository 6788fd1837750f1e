"""Linear time of helper zh_person8's Chinese PERSON paths (document-level propagation of found
names and their given parts, group-chat system lines) and of the torture shapes issue #16 names,
on texts of size n and 8n: the ratio T(8n) / T(n) of the thread's CPU time stays below 16
(linear: 8, quadratic: 64), measured by ``tests/pii_linear.py`` as the other PII linear tests are.
Sizes are kept small (n grown from 1,024 characters until T(n) is measurable, at most 64k); the
other torture shapes (a run of Han characters, of middle dots, lists of names) are in that file."""

from __future__ import annotations

import pytest

from operators.pii.recognizers_person_zh import ChinesePersonRecognizer
from tests.pii_linear import grown_ratio

MAX_RATIO = 16
REPS = 3
_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
_GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红鹏飞斌辉宇浩凯健俊帆"


def _distinct_names(n: int, sep: str) -> str:
    """Distinct three-character names joined by ``sep``, n characters."""
    out, k = [], 0
    while len(out) * (3 + len(sep)) < n:
        a, b = divmod(k, len(_GIVEN))
        out.append(_SURNAMES[k % len(_SURNAMES)] + _GIVEN[a % len(_GIVEN)] + _GIVEN[b])
        k += 1
    return sep.join(out)


MIN_SECONDS = 0.006
START_N = 1024
MAX_N = 1 << 16

CASES = {
    # the same name 50k times (at 8n): each mention looked up once, the given part too
    "same_name_repeated": lambda n: "李建华。建华说，" * (n // 8),
    "given_part_runs": lambda n: "记者邱振华报道。" + "振华说" * (n // 3),
    # many distinct names found: at most CN_PROPAGATE_MAX of them looked up again
    "distinct_names_then_given": lambda n: (
        _distinct_names(n // 2, "说。") + "。李建华说。" + "建华说，" * (n // 8)
    ),
    "label_lines": lambda n: "姓名：王芳\n" * (n // 6),
    # group-chat system lines, with and without line breaks
    "chat_recalls_one_line": lambda n: "汪洋撤回了一条消息" * (n // 9),
    "chat_pats": lambda n: '"戴军"拍了拍"金鑫"\n' * (n // 12),
    "chat_invites": lambda n: "何志远邀请" + "林晓琳、" * (n // 4) + "加入了群聊",
}


@pytest.fixture(scope="module")
def recognizer() -> ChinesePersonRecognizer:
    return ChinesePersonRecognizer()


@pytest.mark.parametrize("case", sorted(CASES))
def test_linear(recognizer, case):
    got, n, _, _ = grown_ratio(
        recognizer.analyze,
        CASES[case],
        n=START_N,
        max_n=MAX_N,
        min_seconds=MIN_SECONDS,
        reps=REPS,
        pause_gc=True,
    )
    assert got < MAX_RATIO, f"{case}: T(8n)/T(n) = {got:.1f} at n={n}"
