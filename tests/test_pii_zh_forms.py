"""The remaining Chinese identifiers of #16 and the generalize action on the forms text
really uses: full-width digits and letters, spaces and hyphens inside numbers, Chinese
and English mixed; each identifier valid, with a wrong check character, context-boosted
and look-alike. Values are published examples (GB 11643's 11010519491231002X, the
GB 32100 example 91350100M000100Y43) or made-up numbers of the documented shape."""

from __future__ import annotations

import pyarrow as pa
import pytest

from engine import runner
from operators.pii import PiiRedact
from operators.pii.entities import PATTERN_ENTITIES
from operators.pii.generalize import GeneralizeLevels, generalize
from operators.pii.width import fold_width


@pytest.fixture(scope="module")
def op():
    return runner.start(PiiRedact(mode="annotate", entities=list(PATTERN_ENTITIES)))


def found(op, text):
    return [(f.entity, text[f.start : f.end]) for f in op.find(text)]


def test_fold_width_is_one_to_one():
    text = "手机：１３８００１３８０００，邮箱ａｂｃ＠１６３．ｃｏｍ\u3000（０１０）"
    folded = fold_width(text)
    assert len(folded) == len(text)
    assert folded == "手机:13800138000,邮箱abc@163.com (010)"
    assert fold_width("no wide forms") == "no wide forms"


# -- full-width forms -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, entity, value",
    [
        ("手机：１３８００１３８０００", "CN_MOBILE", "１３８００１３８０００"),
        (
            "身份证号：１１０１０５１９４９１２３１００２Ｘ",
            "CN_ID_CARD",
            "１１０１０５１９４９１２３１００２Ｘ",
        ),
        ("邮箱ｚｈａｎｇｗｅｉ＠１６３．ｃｏｍ联系", "EMAIL_ADDRESS", "ｚｈａｎｇｗｅｉ＠１６３．ｃｏｍ"),
        ("车牌号京Ａ１２３４５", "CN_LICENSE_PLATE", "京Ａ１２３４５"),
        ("护照号码：Ｅ１２３４５６７８", "CN_PASSPORT", "Ｅ１２３４５６７８"),
        ("ＱＱ：１２３４５６７８９", "CN_QQ", "１２３４５６７８９"),
        (
            "统一社会信用代码：９１３５０１００Ｍ０００１００Ｙ４３",
            "CN_USCC",
            "９１３５０１００Ｍ０００１００Ｙ４３",
        ),
        ("出生日期：１９８５年３月１２日", "DATE_OF_BIRTH", "１９８５年３月１２日"),
    ],
)
def test_full_width_identifiers(text, entity, value):
    o = runner.start(PiiRedact(mode="annotate", entities=list(PATTERN_ENTITIES)))
    assert (entity, value) in found(o, text)
    assert o.find(text) == o.find_full(text)  # windows equal whole-document analysis here too


def test_full_width_age_is_one_finding(op):
    assert found(op, "年龄：３９岁") == [("AGE", "年龄：３９")]


# -- spaces and hyphens inside numbers ------------------------------------------------------


@pytest.mark.parametrize(
    "number",
    ["110105 19491231 002X", "110105-19491231-002X", "110105 1949 1231 002X", "110105-1949-1231-002x"],
)
def test_grouped_id_numbers(op, number):
    assert found(op, f"身份证 {number} 已核验") == [("CN_ID_CARD", number)]
    assert found(op, f"ID card: {number}.") == [("CN_ID_CARD", number)]


def test_grouped_id_needs_one_separator_and_a_valid_structure(op):
    assert "CN_ID_CARD" not in {e for e, _ in found(op, "编号 110105-19491231 002X")}  # mixed separators
    assert "CN_ID_CARD" not in {e for e, _ in found(op, "编号 110105 19491331 002X")}  # month 13
    # wrong check character: only next to an ID context word
    assert ("CN_ID_CARD", "110105 19491231 0021") in found(op, "身份证号 110105 19491231 0021")
    assert "CN_ID_CARD" not in {e for e, _ in found(op, "编号 110105 19491231 0021 号")}


@pytest.mark.parametrize(
    "number", ["138 0013 8000", "138-0013-8000", "+86 138 0013 8000", "(+86)13800138000"]
)
def test_grouped_mobiles(op, number):
    assert found(op, f"手机 {number}") == [("CN_MOBILE", number)]


# -- the remaining identifiers: valid, wrong check, context, look-alike ---------------------


def test_passport_only_with_context(op):
    assert found(op, "护照号码：E12345678") == [("CN_PASSPORT", "E12345678")]
    assert found(op, "passport no. G12345678") == [("CN_PASSPORT", "G12345678")]
    assert found(op, "Passport EA1234567 issued in Beijing") == [("CN_PASSPORT", "EA1234567")]
    assert found(op, "产品型号E12345678已停产") == []
    assert found(op, "part E12345678 in stock") == []


def test_uscc_check_character(op):
    assert found(op, "统一社会信用代码：91350100M000100Y43") == [("CN_USCC", "91350100M000100Y43")]
    assert found(op, "公司代码91350100M000100Y43。") == [
        ("CN_USCC", "91350100M000100Y43")
    ]  # valid: no cue needed
    # one character off: the MOD 31 check fails; kept only next to its label
    assert found(op, "统一社会信用代码：91350100M000100Y44") == [("CN_USCC", "91350100M000100Y44")]
    assert found(op, "批次91350100M000100Y44入库") == []
    assert found(op, "编号913501001000100143") == []  # 18 digits: no USCC


@pytest.mark.parametrize(
    "plate", ["京A12345", "沪AD12345", "粤B·D12345", "苏E-12345", "浙A12345D", "川A1234学", "苏E 12345"]
)
def test_plates_with_and_without_context(op, plate):
    assert found(op, f"车牌号{plate}，") == [("CN_LICENSE_PLATE", plate)]
    assert found(op, f"一辆{plate}的车") == [("CN_LICENSE_PLATE", plate)]


def test_plate_lookalikes(op):
    assert found(op, "京ABCDEF") == []  # ordinary serials carry at most two letters
    assert found(op, "京A1234") == []  # too short
    assert found(op, "浙A123456789") == []  # a longer code


@pytest.mark.parametrize(
    "text, number",
    [
        ("电话：010-62345678", "010-62345678"),
        ("座机(021)62345678转", "(021)62345678"),
        ("联系电话0571-88886666-123", "0571-88886666-123"),
        ("Tel: +86 10 62345678", "+86 10 62345678"),
        ("电话（０１０）６２３４５６７８", "（０１０）６２３４５６７８"),
    ],
)
def test_landlines_with_area_codes(op, text, number):
    assert ("CN_LANDLINE", number) in found(op, text)


def test_landline_lookalikes(op):
    assert found(op, "订单号02162345678") == []  # bare digits after a record-number word
    assert found(op, "电话：010-12345678") == []  # subscriber numbers start with 2-8


def test_permits_only_with_context(op):
    assert found(op, "港澳通行证：C12345678") == [("CN_HK_MACAU_PERMIT", "C12345678")]
    assert found(op, "回乡证 H1234567801") == [("CN_HK_MACAU_PERMIT", "H1234567801")]
    assert found(op, "台胞证号码 12345678") == [("CN_TAIWAN_PERMIT", "12345678")]
    assert found(op, "Mainland Travel Permit No. 12345678") == [("CN_TAIWAN_PERMIT", "12345678")]
    assert found(op, "型号C12345678") == []
    assert found(op, "共12345678人次") == []


@pytest.mark.parametrize(
    "text, entity, value",
    [
        ("QQ：123456789", "CN_QQ", "123456789"),
        ("我的QQ号是 123456789", "CN_QQ", "123456789"),
        ("QQ号码为123456789", "CN_QQ", "123456789"),
        ("加我qq 10001", "CN_QQ", "10001"),
        ("微信：li_lei88", "CN_WECHAT", "li_lei88"),
        ("我的微信是lilei_88哦", "CN_WECHAT", "lilei_88"),
        ("微信号 wxid_abc123", "CN_WECHAT", "wxid_abc123"),
        ("WeChat: li_lei-88", "CN_WECHAT", "li_lei-88"),
    ],
)
def test_qq_and_wechat_after_their_label(op, text, entity, value):
    assert found(op, text) == [(entity, value)]


@pytest.mark.parametrize(
    "text",
    ["QQ音乐 2023 年", "下载微信 app", "WeChat account settings", "编号123456789", "QQ群里有 0123456 人"],
)
def test_qq_and_wechat_lookalikes(op, text):
    assert not {e for e, _ in found(op, text)} & {"CN_QQ", "CN_WECHAT"}


def test_mixed_chinese_and_english(op):
    text = (
        "Contact 张先生 at 13800138000 or zhang.wei@example.com; 身份证 11010519491231002X; plate 京A12345."
    )
    got = found(op, text)
    assert ("CN_MOBILE", "13800138000") in got
    assert ("EMAIL_ADDRESS", "zhang.wei@example.com") in got
    assert ("CN_ID_CARD", "11010519491231002X") in got
    assert ("CN_LICENSE_PLATE", "京A12345") in got


# -- generalize, varied forms ---------------------------------------------------------------


@pytest.mark.parametrize(
    "entity, value, levels, expected",
    [
        ("ADDRESS", "广东省深圳市南山区深南大道10000号", {}, "广东省深圳市"),
        ("ADDRESS", "新疆维吾尔自治区乌鲁木齐市天山区解放北路88号", {}, "新疆维吾尔自治区乌鲁木齐市"),
        ("ADDRESS", "江苏南京市鼓楼区中山北路1号", {}, "江苏省南京市"),
        ("ADDRESS", "深圳市南山区科技园", {"ADDRESS": "province"}, "广东省"),
        ("ADDRESS", "上海市浦东新区陆家嘴环路1000号", {}, "上海市"),
        ("ADDRESS", "12 Main Street\nSpringfield, Illinois 62704", {}, "Springfield, Illinois"),
        ("ADDRESS", "500 Oak Rd Austin TX 78701", {}, "Austin, TX"),
        ("ADDRESS", "1600 Pennsylvania Avenue NW, Washington, DC 20500", {"ADDRESS": "province"}, "DC"),
        ("ADDRESS", "221B Baker Street, London NW1 6XE", {}, "London"),
        ("ADDRESS", "4 Rue de Rivoli, 75004 Paris", {}, "Paris"),
        ("ADDRESS", "221B Baker Street, London NW1 6XE", {"ADDRESS": "province"}, None),
        ("ADDRESS", "Apt 4B, 97 Lincoln Street", {}, None),
        ("PERSON", "司马光", {}, "司马某"),
        ("PERSON", "王 小明", {}, "王某"),
        ("PERSON", "Dr. John Smith", {}, "Dr. S."),
        ("PERSON", "Jean-Luc Picard", {}, "J. P."),
        ("PERSON", "john smith", {"PERSON": "first_initial"}, "j."),
        ("DATE_OF_BIRTH", "１９８５年３月１２日", {}, "1985年"),
        ("DATE_OF_BIRTH", "03/12/1985", {}, "1985"),
        ("DATE_OF_BIRTH", "March 12th, 1985", {"DATE_OF_BIRTH": "decade"}, "1980s"),
        ("AGE", "年龄：３９", {}, "年龄：30-39"),
        ("AGE", "aged 7", {}, "aged 0-9"),
        ("AGE", "105岁", {}, "100-109岁"),
        ("AGE", "Age: 43", {"AGE": "band5"}, "Age: 40-44"),
        ("CN_ID_CARD", "110105 19491231 002X", {}, "1101051949********"),
        (
            "CN_ID_CARD",
            "１１０１０５１９４９１２３１００２Ｘ",
            {"CN_ID_CARD": "province_year"},
            "11****1949********",
        ),
        ("CN_ID_CARD", "110105491231002", {}, "1101051949********"),
    ],
)
def test_generalize_varied_forms(entity, value, levels, expected):
    assert generalize(entity, value, GeneralizeLevels(**levels)) == expected


def test_generalize_in_the_operator_full_width_and_grouped():
    g = runner.start(
        PiiRedact(
            mode="redact",
            entities=["CN_ID_CARD", "CN_MOBILE", "AGE", "DATE_OF_BIRTH"],
            actions={"default": "generalize", "CN_MOBILE": "replace"},
        )
    )
    text = "年龄：３９岁，出生日期１９８５年３月１２日，身份证 110105 19491231 002X，手机１３８００１３８０００。"
    out = g.transform(pa.table({"id": ["a"], "text": [text]})).column("text")[0].as_py()
    assert out == "年龄：30-39岁，出生日期1985年，身份证 1101051949********，手机<CN_MOBILE>。"


def test_hash_token_ignores_width():
    import os

    os.environ["CF_TEST_PII_KEY"] = "k"
    h = runner.start(
        PiiRedact(
            mode="redact", entities=["CN_MOBILE"], actions={"default": "hash"}, hash_key_env="CF_TEST_PII_KEY"
        )
    )
    out = h.transform(
        pa.table({"id": ["a", "b"], "text": ["手机13800138000", "手机：１３８００１３８０００"]})
    )
    a, b = out.column("text").to_pylist()
    assert a[2:] == b[3:] and a.startswith("手机<CN_MOBILE:")
