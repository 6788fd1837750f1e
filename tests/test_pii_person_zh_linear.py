"""Linear time of the Chinese PERSON recognizer's frame, list, middle-dot, propagation, label,
reference-author, brand, structural-frame and cued-name passes
(``operators/pii/recognizers_person_zh.py``) on pathological texts of size n and 8n.

A complexity test, not a speed test (as ``tests/test_pii_linear.py``): the ratio T(8n) / T(n)
of the thread's CPU time (one run per size; the minimum of a few only near the bound,
tests/pii_linear.py) stays below 16 (linear: 8,
quadratic: 64), with n grown until T(n) is large enough to measure.
"""

from __future__ import annotations

from operators.pii.recognizers_person_zh import ChinesePersonRecognizer
from tests.pii_linear import linear_tests

MAX_RATIO = 16
MIN_SECONDS = 0.05  # (small times are noisy on a loaded machine)
START_N = 2048
MAX_N = 1 << 17
REPS = 3

_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
_GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红鹏飞斌辉宇浩凯健俊帆"


def _distinct_names(n: int, sep: str) -> str:
    """Distinct three-character names (each one framed) joined by ``sep``, n characters."""
    out, k = [], 0
    while len(out) * (3 + len(sep)) < n:
        a, b = divmod(k, len(_GIVEN))
        out.append(_SURNAMES[k % len(_SURNAMES)] + _GIVEN[a % len(_GIVEN)] + _GIVEN[b])
        k += 1
    return sep.join(out)


CASES = {
    "surname_run": lambda n: "王" * n,
    "mixed_surnames": lambda n: (_SURNAMES * (n // len(_SURNAMES) + 1))[:n],
    "listed_names": lambda n: "张三" + "、李四" * (n // 3),
    "distinct_listed_names": lambda n: _distinct_names(n, "、"),
    "distinct_framed_names": lambda n: _distinct_names(n, "说。"),
    "sentence_start_names": lambda n: "。马化腾在" * (n // 5),
    "dots": lambda n: "·" * n,
    "dotted_names": lambda n: "阿卜杜拉·艾尼·" * (n // 8),
    "lao_xiao": lambda n: "老王，小李，" * (n // 6),
    "mou": lambda n: "张某某" * (n // 3),
    "labels_colon_space": lambda n: "姓名：王芳 性别 女 负责人 李明 上诉人（原审被告）：张伟，" * (n // 36),
    "label_spaces": lambda n: "学生" + " " * n,
    "reference_lines": lambda n: "[1] 王晓明, 李华, 张伟. 城市化[J]. 地理学报, 2019.\n" * (n // 38),
    "reference_marks_one_line": lambda n: "王晓明, 李华, 张伟[J]" * (n // 16),
    "long_author_list": lambda n: "王晓明, " * (n // 5) + ". 题名[J].",
    "brands": lambda n: "李宁牌和徐福记、张亮麻辣烫旗舰店。" * (n // 17),
    "famous_names": lambda n: "曹操李白菜鲁迅说马云南下巴金属。" * (n // 16),
    "sentence_start_pairs": lambda n: "。徐亮早上" * (n // 5),
    "speech_frames": lambda n: "。向明辉说，" * (n // 6),
    "role_frames": lambda n: "记者时晓东报道，" * (n // 8),
    "role_word_runs": lambda n: "市长" * (n // 2),
    "speech_verb_runs": lambda n: "说" * n,
    "minority_names": lambda n: "扎西顿珠阿依古丽巴特尔说" * (n // 12),
    "product_brands": lambda n: "张小泉剪刀、王老吉凉茶。" * (n // 12),
    "xiao_addressed": lambda n: "。小芳，" * (n // 4),
    "ambiguous_titles": lambda n: "。全经理说" * (n // 5),
    "speaker_lines": lambda n: "时晓东：好\n" * (n // 6),
    "address_forms": lambda n: "问刘总，陈工说。李哥帮赵叔叔" * (n // 14),
    "address_form_runs": lambda n: "王总" * (n // 2),
    "kin_runs": lambda n: "叔" * n,
    "mou_ordinals": lambda n: "李某甲王某乙" * (n // 6),
    "sentence_start_verbs": lambda n: "。吴敏负责" * (n // 5),
    # cued names (zh_person6): an ambiguous surname's name, a 、 list of them, minority names after a
    # boundary, uncued mentions before a cued one (each found again by str.find), verb cues, 时某某
    "ambiguous_names": lambda n: "，时晓东在村民门春生家" * (n // 11),
    "ambiguous_list": lambda n: "向明、时勇、" * (n // 6),
    "ambiguous_list_long": lambda n: "，" + "向明、" * (n // 3) + "三人",
    "ambiguous_uncued_then_cued": lambda n: "时晓东" * (n // 3) + "，时晓东说",
    "ambiguous_words": lambda n: "，全国" * (n // 3),
    "minority_starts": lambda n: "。扎西次仁是" * (n // 6),
    "minority_runs": lambda n: "。" + "扎西" * (n // 2),
    "verb_cue_pairs": lambda n: "佩服张磊的。昨天李明说" * (n // 11),
    "mou_ambiguous": lambda n: "时某某" * (n // 3),
    # the name model's candidates (zh_name_model, zh_name): distinct two-character names after an
    # ordinary verb, the organisation window after them, a third character, brand mentions; and
    # issue 16's shapes: 55k short label lines, a run of varied Han characters, Zalgo marks
    "modeled_names": lambda n: _distinct_pairs(n, "碰见", "了，"),
    "modeled_org_window": lambda n: "看见杨帆联合医院" * (n // 8),
    "modeled_third": lambda n: "。梁坤奠是" * (n // 5),
    "modeled_no_boundary": lambda n: _distinct_pairs(n, "", ""),
    "brand_mentions": lambda n: "李宁的这款跑鞋，买了一箱康师傅，周大福说" * (n // 20),
    "short_label_lines": lambda n: "姓名：王芳\n" * (n // 6),
    "han_run": lambda n: _han_run(n),
    "zalgo": lambda n: "王\u0301\u0316芳\u0308\u0323，" * (n // 7),
    # transliterated names (zh_person7): one run of transliteration characters, runs between
    # boundaries, dots among them, names after @ (one alone, and @ runs), roles before 老周/小美
    "translit_run": lambda n: ("默克尔伊万诺夫拜登斯卡布拉" * (n // 13 + 1))[:n],
    "translit_names": lambda n: "，默克尔说，总理伊万诺夫出席" * (n // 14),
    "translit_dots": lambda n: "斯·尔·诺·" * (n // 6),
    "translit_places": lambda n: "，莫斯科的马尔代夫是" * (n // 10),
    "at_names": lambda n: "@刘洋 @孙丽丽：" * (n // 9),
    "at_runs": lambda n: "@" * n,
    "at_long_han": lambda n: "@" + "王" * n,
    "role_address": lambda n: "装修师傅老周客服小美" * (n // 10),
    "names_comma_list": lambda n: _distinct_names(n, "、") + "等人",
    # document-level propagation of found names and their given parts, group-chat system lines
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


def _distinct_pairs(n: int, before: str, after: str) -> str:
    """Distinct two-character names (a surname and a given-name character) between ``before`` and
    ``after``, n characters."""
    out, k = [], 0
    while len(out) * (2 + len(before) + len(after)) < n:
        out.append(
            before + _SURNAMES[k % len(_SURNAMES)] + _GIVEN[(k // len(_SURNAMES)) % len(_GIVEN)] + after
        )
        k += 1
    return "".join(out)


def _han_run(n: int) -> str:
    """n Han characters with no punctuation, a fixed pseudo-random mix of surnames, given-name and
    other characters (one run of text, no boundary)."""
    mix = _SURNAMES + _GIVEN + "".join(chr(0x4E00 + (k * 211) % 0x5000) for k in range(4000))
    return "".join(mix[(k * 7919) % len(mix)] for k in range(n))


test_linear = linear_tests(
    ChinesePersonRecognizer,
    CASES,
    n=START_N,
    max_n=MAX_N,
    min_seconds=MIN_SECONDS,
    bound=MAX_RATIO,
    reps=REPS,
)
