"""Linear time of the Chinese PERSON recognizer's zh_person14 passes (issue #16): compound surnames
(``_compound``), forms of address at a clause's start (``_vocative``), dotted names whose parts
hold 万/里 (``_dotted``) and lists passing over an item (``_listed``), on pathological texts of size
n and 8n: the ratio T(8n) / T(n) of the thread's CPU time stays below 16 (linear: 8, quadratic: 64),
with the ``tests/pii_linear.py`` harness of ``tests/test_pii_person_zh_linear.py``; issue 16's
torture inputs (one surname character, 小, the middle dot, Zalgo) included. Each pass's work is
counted too (``add`` calls per match)."""

from __future__ import annotations

from operators.pii.recognizers_person_zh import ChinesePersonRecognizer
from tests.pii_linear import linear_tests

MAX_RATIO = 16
MIN_SECONDS = 0.05
START_N = 2048
MAX_N = 1 << 17
REPS = 3

CASES = {
    # compound surnames: runs of them, of their first characters, and names after each
    "compound_run": lambda n: "欧阳" * (n // 2),
    "compound_first_chars": lambda n: "上司公" * (n // 3),
    "compound_names": lambda n: "慕容雪很" * (n // 4),
    "compound_then_words": lambda n: "上官方" * (n // 3),
    # forms of address: openers, names and commas, 你 far away or never
    "vocative_names": lambda n: "。秀兰，你" * (n // 5),
    "vocative_no_you": lambda n: "。秀兰，" * (n // 4),
    "vocative_kin": lambda n: "\n芳姐说" * (n // 4),
    "vocative_openers": lambda n: "“" * n,
    "vocative_commas": lambda n: "，" * n,
    "vocative_parents": lambda n: "\n梓萱妈妈，" * (n // 7),
    # a list passing over items no name (``_listed``)
    "list_skips": lambda n: "林晓、金山、方圆、" * (n // 9),
    "list_marks": lambda n: "、" * n,
    # dotted names whose parts hold 万/里
    "dotted_wan_li": lambda n: "伊万·里" * (n // 4),
    "dotted_li_runs": lambda n: "里·" * (n // 2),
    # issue 16's shapes: one surname character, 小, the middle dot, Zalgo
    "one_surname_char": lambda n: "王" * n,
    "xiao_run": lambda n: "小" * n,
    "dot_run": lambda n: "·" * n,
    "zalgo": lambda n: "。欧\u0301\u0316阳\u0308\u0323雪，你\u0334" * (n // 12),
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


def test_megabyte_torture_inputs_finish():
    """1 MB of one surname character, of 小, of the middle dot and of Zalgo marks: each analysed
    (no time asserted: the linear tests above bound the growth), none a name."""
    rec = ChinesePersonRecognizer()
    size = 1 << 20
    for text in ("王" * size, "小" * size, "·" * size, "a\u0301\u0316\u0308" * (size // 4)):
        assert rec.analyze(text) == []


class _Counting(list):
    def __call__(self, i: int, j: int, score: float, wins: bool = False) -> None:
        self.append((i, j))


def test_each_pass_adds_at_most_once_per_match():
    """Operation count, not time: on n repeated names each pass calls ``add`` once per name."""
    rec = ChinesePersonRecognizer()
    for k in (10, 100, 1000):
        text = "慕容雪很高兴。" * k
        add = _Counting()
        rec._compound(text, add, bytearray(len(text) + 1), set(text))
        assert len(add) == k
        text = "。秀兰，你好" * k
        add = _Counting()
        rec._vocative(text, add, set(text))
        assert len(add) == k
