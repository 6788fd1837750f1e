"""Recognizers of pii_redact: valid, invalid check digit, context, look-alikes.

Test values are published examples (GB 11643's 11010519491231002X, python-stdnum
cases, card-network test numbers), not generated with the code under test."""

from __future__ import annotations

import datetime as dt

import pytest

from engine import runner
from operators.pii import PiiRedact
from operators.pii.checksums import (
    cn_id_checksum_ok,
    cn_id_structure_ok,
    gb11643_check_char,
    luhn_check_digit,
    luhn_ok,
)


def found(pii_annotator, text):
    return [(f.entity, text[f.start : f.end]) for f in pii_annotator.find(text)]


def entities(pii_annotator, text):
    return {f.entity for f in pii_annotator.find(text)}


# -- checksums -----------------------------------------------------------------------


def test_gb11643_published_examples():
    assert gb11643_check_char("11010519491231002") == "X"
    assert cn_id_checksum_ok("11010519491231002X") and cn_id_checksum_ok("11010519491231002x")
    assert cn_id_checksum_ok("360426199101010071")
    assert not cn_id_checksum_ok("36042619910102009X")


def test_id_structure_region_and_date():
    today = dt.date(2024, 6, 1)
    assert cn_id_structure_ok("11010519491231002X", today)
    assert not cn_id_structure_ok("990426199112010074", today)  # region 99 does not exist
    assert not cn_id_structure_ok("360426199113010079", today)  # month 13
    assert not cn_id_structure_ok("360426199002300079", today)  # 30 February
    assert cn_id_structure_ok("360426200002290079", today)  # leap day
    assert not cn_id_structure_ok("360426203001010079", today)  # born in the future
    assert not cn_id_structure_ok("440524188001010014", today)  # before 1900
    assert cn_id_structure_ok("110105491231002", today)  # 15-digit legacy form
    assert not cn_id_structure_ok("T60426199101010078", today)


def test_luhn_known_numbers():
    for good in ("79927398713", "4111111111111111", "6200000000000005", "6222600260001072444"):
        assert luhn_ok(good)
    for bad in ("79927398710", "4111111111111112", "6222600260001072445", "", "12a4"):
        assert not luhn_ok(bad)
    assert luhn_check_digit("7992739871") == "3"


# -- CN_ID_CARD ------------------------------------------------------------------------


def test_id_valid_without_context(pii_annotator):
    assert found(pii_annotator, "张伟（11010519491231002X）已办理入住。") == [
        ("PERSON", "张伟"),
        ("CN_ID_CARD", "11010519491231002X"),
    ]
    assert ("CN_ID_CARD", "360426199101010071") in found(pii_annotator, "record 360426199101010071 end")


def test_id_wrong_check_digit_needs_context(pii_annotator):
    bad = "110105194912310021"  # valid region and birth date, wrong check character
    assert "CN_ID_CARD" not in entities(pii_annotator, f"参考值{bad}已归档")
    for ctx in ("身份证号：", "证件号码", "公民身份号码 ", "his ID card number is "):
        assert found(pii_annotator, f"{ctx}{bad}。") == [("CN_ID_CARD", bad)], ctx


def test_id_invalid_structure_never_flagged(pii_annotator):
    # no such region: a made-up or mistyped ID, flagged only right after an ID phrase
    assert "CN_ID_CARD" not in entities(pii_annotator, "参考值990426199112010074已归档")
    assert "CN_ID_CARD" in entities(pii_annotator, "身份证号：990426199112010074")
    assert "CN_ID_CARD" not in entities(pii_annotator, "身份证号：360426199113010079")  # month 13


@pytest.mark.parametrize(
    "policy, bare, with_context",
    [("strict", False, False), ("context", False, True), ("lenient", True, True)],
)
def test_mistyped_id_policy(policy, bare, with_context):
    o = runner.start(PiiRedact(mode="annotate", cn_id_checksum_policy=policy))
    bad = "110105194912310021"
    assert ("CN_ID_CARD" in entities(o, f"参考值{bad}已归档")) == bare
    assert ("CN_ID_CARD" in entities(o, f"身份证号：{bad}")) == with_context


def test_legacy_15_digit_id(pii_annotator):
    assert found(pii_annotator, "身份证号码：110105491231002") == [("CN_ID_CARD", "110105491231002")]
    assert "CN_ID_CARD" not in entities(pii_annotator, "共计110105491231002件")
    never = runner.start(PiiRedact(mode="annotate", cn_id_legacy_policy="never"))
    assert "CN_ID_CARD" not in entities(never, "身份证号码：110105491231002")


# -- CN_MOBILE ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "number",
    [
        "13800138000",
        "+8613800138000",
        "+86 138 0013 8000",
        "86-138-0013-8000",
        "138-0013-8000",
        "(+86)13912345678",
    ],
)
def test_mobile_formats(pii_annotator, number):
    assert found(pii_annotator, f"有事请打我手机{number}，谢谢") == [("CN_MOBILE", number)]


def test_mobile_boundaries_and_lookalikes(pii_annotator):
    assert found(pii_annotator, "手机13800138000联系") == [("CN_MOBILE", "13800138000")]  # CJK on both sides
    assert "CN_MOBILE" not in entities(pii_annotator, "编码138001380001")  # 12 digits
    assert "CN_MOBILE" not in entities(pii_annotator, "总数12800138000")  # 12x is not a mobile prefix
    assert entities(pii_annotator, "订单号13800138000已发货") == set()  # record-number context vetoes


def test_mobile_context_boost(pii_annotator):
    bare = [f.score for f in pii_annotator.find("值13800138000")]
    boosted = [f.score for f in pii_annotator.find("手机13800138000")]
    assert bare and boosted and boosted[0] > bare[0]


# -- CN_BANK_CARD / CREDIT_CARD --------------------------------------------------------


def test_unionpay_card(pii_annotator):
    assert found(pii_annotator, "请转入银行卡6222600260001072444，户名张三") == [
        ("CN_BANK_CARD", "6222600260001072444"),
        ("PERSON", "张三"),
    ]
    assert found(pii_annotator, "卡号 6212 3456 7890 1232") == [("CN_BANK_CARD", "6212 3456 7890 1232")]


def test_bank_card_failing_luhn_not_flagged(pii_annotator):
    assert entities(pii_annotator, "银行卡6222600260001072445") == set()


def test_non_unionpay_bank_card_needs_context(pii_annotator):
    number = "95588" + "1234567890123" + luhn_check_digit("955881234567890123")  # 19 digits, Luhn-valid
    assert luhn_ok(number)
    assert "CN_BANK_CARD" not in entities(pii_annotator, f"编码{number}")
    assert found(pii_annotator, f"我的储蓄卡卡号{number}被冻结") == [("CN_BANK_CARD", number)]


def test_credit_cards_in_chinese_and_english(pii_annotator):
    assert found(pii_annotator, "卡号4111111111111111已绑定") == [("CREDIT_CARD", "4111111111111111")]
    assert found(pii_annotator, "I paid with 4111-1111-1111-1111 today") == [
        ("CREDIT_CARD", "4111-1111-1111-1111")
    ]
    assert found(pii_annotator, "Maestro 6759649826438453 card") == [("CREDIT_CARD", "6759649826438453")]


# -- CN_PASSPORT -----------------------------------------------------------------------------


def test_passport_needs_context(pii_annotator):
    assert found(pii_annotator, "护照号码：E12345678") == [("CN_PASSPORT", "E12345678")]
    assert found(pii_annotator, "passport no. EA1234567") == [("CN_PASSPORT", "EA1234567")]
    assert found(pii_annotator, "旅客持护照G12345678出境") == [("CN_PASSPORT", "G12345678")]
    assert entities(pii_annotator, "型号E12345678的设备") == set()
    assert entities(pii_annotator, "part E12345678 in stock") == set()


# -- CN_LANDLINE --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "number", ["010-62751234", "(0755)82345678", "021 64321234", "0571-8765432", "+86-10-62751234"]
)
def test_landline_formats(pii_annotator, number):
    assert found(pii_annotator, f"办公电话：{number}") == [("CN_LANDLINE", number)]


def test_landline_bare_needs_context(pii_annotator):
    assert "CN_LANDLINE" not in entities(pii_annotator, "编码02164321234")
    assert found(pii_annotator, "座机02164321234") == [("CN_LANDLINE", "02164321234")]
    assert "CN_LANDLINE" not in entities(pii_annotator, "电话：026-12345678")  # 026 is not an area code
    assert "CN_LANDLINE" not in entities(
        pii_annotator, "电话：010-12345678"
    )  # subscribers do not start with 1


# -- CN_LICENSE_PLATE ------------------------------------------------------------------------------


@pytest.mark.parametrize("plate", ["京A12345", "粤B·D12345", "沪A-12345F", "川A1234学", "新S-57489"])
def test_plates(pii_annotator, plate):
    assert found(pii_annotator, f"车牌号为{plate}的车辆") == [("CN_LICENSE_PLATE", plate)]


def test_plate_lookalikes(pii_annotator):
    assert entities(pii_annotator, "京ABCDE1") == set()  # too many letters
    assert entities(pii_annotator, "京A轮融资") == set()


# -- Presidio entities in Chinese text, context, look-alikes ------------------------------------------


def test_presidio_entities_inside_chinese_text(pii_annotator):
    text = "邮箱baiyaning@163.com或手机13945671234联系，服务器IP地址为192.168.10.24。"
    assert found(pii_annotator, text) == [
        ("EMAIL_ADDRESS", "baiyaning@163.com"),
        ("CN_MOBILE", "13945671234"),
        ("IP_ADDRESS", "192.168.10.24"),
    ]


def test_chinese_identifiers_inside_english_text(pii_annotator):
    text = "Call my Shanghai number +86 139 1234 5678; my ID card is 11010519491231002X."
    assert found(pii_annotator, text) == [
        ("CN_MOBILE", "+86 139 1234 5678"),
        ("CN_ID_CARD", "11010519491231002X"),
    ]


def test_presidio_english_entities(pii_annotator):
    text = "SSN 536-90-4399, IBAN GB82WEST12345698765432, phone (212) 555-0123, mail j.doe@example.co.uk"
    assert {e for e, _ in found(pii_annotator, text)} == {
        "US_SSN",
        "IBAN_CODE",
        "PHONE_NUMBER",
        "EMAIL_ADDRESS",
    }


@pytest.mark.parametrize(
    "text",
    [
        "订单号：2024010112304512，预计三天内送达。",
        "时间戳20240101123045对应的记录",
        "The log line was stamped 1704067200 and nothing else happened.",
        "本书ISBN 978-7-111-54742-6，定价58.00元。",
        "ISBN 9787111547426",
        "Your tracking number is 118193638511.",
        "1998年1月1日，新华社北京电",
        "In 2023 revenue grew 12.5% to $1,234,567.",
        "See the :: operator and a[::2] slicing.",
        "卡片背面印有6222600260001072445字样",
        "参考编号110105194912310021的档案",
    ],
)
def test_lookalike_negatives(pii_annotator, text):
    assert found(pii_annotator, text) == []


# -- technical text: numbers that only look like phone numbers, IDs or cards --------


@pytest.mark.parametrize(
    "text",
    [
        "Build 7.29.106.2801 is current.",
        "版本 14.3.118.9268。",
        "Upgrade to version 12.8.620.5441 before Friday.",
        "内核 5.15.0.1045 已发布。",
        "Windows 10.0.19045.3693 and v2.4.1.1002 both fail.",
        "CI build 20240115.3 passed; artifact 3.11.4.",
        "Released on 2024.01.15 12:30 after review.",
        "项目于2024.01.15上线，日志时间2024-01-15 12:30:45。",
        "The log shows 15.01.2024 as the first entry.",
        "Order 1234567890 shipped yesterday; order #987654321 too.",
        "订单编号 20240115123456789012 已发货。",
        "ISBN 978-7-111-54742-6 and ISBN-10 0-306-40615-2.",
        "The station sits at 39.9042, 116.4074 on the map.",
        "观测点位于北纬39.9042，东经116.4074。",
        "The event log shows 1700000000123 as the first entry.",
        "Started at 2024-01-15T12:30:45.123456Z.",
        "The laptop costs $1,299.99; the server 1.299.000,00 EUR.",
        "售价12,345.00元，折后9,999.00元。",
        "The archive is 1,234,567 bytes; the disk 1.234.567 KB.",
        "文件大小为3,456,789字节。",
        "Commit 3f786850e387550fdab836ed7e6dc881de23001b introduced the bug.",
        "md5 d41d8cd98f00b204e9800998ecf8427e matches.",
        "Request 123e4567-e89b-12d3-a456-426614174000 timed out.",
        "请求123e4567-e89b-12d3-a456-426614174000超时。",
        "sha256 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
    ],
)
def test_technical_lookalikes_are_not_pii(pii_annotator, text):
    assert found(pii_annotator, text) == []


@pytest.mark.parametrize(
    "text",
    ["The host at 192.168.1.20 answered.", "服务器10.0.12.7无响应。", "ping 172.16.254.1 failed"],
)
def test_ipv4_is_an_ip_not_a_phone(pii_annotator, text):
    assert entities(pii_annotator, text) == {"IP_ADDRESS"}


@pytest.mark.parametrize(
    "text, number",
    [
        ("Tel. 555.123.4567", "555.123.4567"),
        ("phone: 212.555.0123 (office)", "212.555.0123"),
        ("电话 010.1234.5678", "010.1234.5678"),
        ("联系电话：021.6432.1234", "021.6432.1234"),
    ],
)
def test_dotted_phone_with_context_stays_a_phone(pii_annotator, text, number):
    assert ("PHONE_NUMBER", number) in found(pii_annotator, text)


def test_dotted_number_without_context_is_not_a_phone(pii_annotator):
    assert found(pii_annotator, "Our records list 555.123.4567 as the value.") == []


@pytest.mark.parametrize(
    "number",
    [
        "(555) 123-4567",
        "+1 555 123 4567",
        "+1-555-123-4567",
        "555-123-4567",
        "555-123-4567 ext. 89",
        "1-800-555-0199",
        "+44 20 7946 0958",
        "+49 30 901820",
        "+33 1 42 68 53 00",
        "+91-22842 98553",
        "(70) 98738-4976",
        "400-800-8888",
    ],
)
def test_phone_formats_without_context(pii_annotator, number):
    text = f"Reservations: {number} (weekdays)."
    assert any(e == "PHONE_NUMBER" and number in v for e, v in found(pii_annotator, text)), found(
        pii_annotator, text
    )


@pytest.mark.parametrize(
    "text, entity, number",
    [
        ("Call +86 138 0013 8000 now.", "CN_MOBILE", "+86 138 0013 8000"),
        ("电话0755-86013388", "CN_LANDLINE", "0755-86013388"),
    ],
)
def test_chinese_numbers_keep_their_specific_entity(pii_annotator, text, entity, number):
    assert found(pii_annotator, text) == [(entity, number)]


def test_bare_digit_groups_need_phone_context(pii_annotator):
    assert found(pii_annotator, "They counted 699 956 915 ballots.") == []
    assert found(pii_annotator, "Call me on 699 956 915 after six.") == [("PHONE_NUMBER", "699 956 915")]
    # local formats with a six-digit group, country and area code written together, context after
    assert found(pii_annotator, "They're not answering at 96 237271") == [("PHONE_NUMBER", "96 237271")]
    assert found(pii_annotator, "Desk: +447700 921 916") == [("PHONE_NUMBER", "+447700 921 916")]
    assert found(pii_annotator, "22 498317 office") == [("PHONE_NUMBER", "22 498317")]
    assert found(pii_annotator, "The 2 498317 figure was revised.") == []


def test_hashes_uuids_and_long_order_numbers_are_not_ids_cards_or_emails(pii_annotator):
    text = (
        "git 3f786850e387550fdab836ed7e6dc881de23001b uuid 123e4567-e89b-12d3-a456-426614174000 "
        "order 20240115123456789012 ref 4f2a@2x.png"
    )
    assert entities(pii_annotator, text) == set()
