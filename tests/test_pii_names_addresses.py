"""PERSON and ADDRESS (Chinese and English, word lists, offline), the remaining
Chinese identifiers (USCC, travel permits, QQ, WeChat), dates of birth and ages,
and the generalize action: valid, invalid check, context-boosted and look-alike
cases. Names and addresses here are written for the tests, not taken from any
evaluation set."""

from __future__ import annotations

import pyarrow as pa
import pytest
from pydantic import ValidationError

from engine import runner
from operators.pii import DEFAULT_ENTITIES, PiiRedact
from operators.pii.checksums import uscc_check_char, uscc_ok
from operators.pii.generalize import GeneralizeLevels, generalize


@pytest.fixture(scope="module")
def op():
    o = PiiRedact(mode="annotate", entities=list(DEFAULT_ENTITIES) + ["DATE_OF_BIRTH", "AGE"])
    o.ensure_setup()
    return o


def found(op, text, entity=None):
    return [(f.entity, text[f.start : f.end]) for f in op.find(text) if entity is None or f.entity == entity]


def values(op, text, entity):
    return [v for _, v in found(op, text, entity)]


def test_person_and_address_on_by_default():
    assert "PERSON" in DEFAULT_ENTITIES and "ADDRESS" in DEFAULT_ENTITIES
    assert "DATE_OF_BIRTH" not in DEFAULT_ENTITIES and "AGE" not in DEFAULT_ENTITIES


# -- Chinese PERSON -------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, name",
    [
        ("联系人张伟，电话见下。", "张伟"),  # two characters: needs the label
        ("收件人：王芳", "王芳"),
        ("欧阳娜娜女士已到场。", "欧阳娜娜"),  # compound surname
        ("主治医生韩雪梅为她复查。", "韩雪梅"),
        ("刘建国是一位退休工人。", "刘建国"),  # three characters, context after
        ("据悉，赵文静昨天去了上海。", "赵文静"),  # three characters, no context word
        ("户名高明", "高明"),  # a common word, but after a label
        ("有意者请联系王先生。", "王"),  # a bare surname before a title
    ],
)
def test_chinese_person_found(op, text, name):
    assert values(op, text, "PERSON") == [name]


def test_chinese_person_ends_before_a_word(op):
    # 一起 / 一家 are words: the name is two characters, and the word is a boundary like 是 or 说
    assert values(op, "李建华和陈静一起去了医院。", "PERSON") == ["李建华", "陈静"]
    assert values(op, "王芳一家人都来了。", "PERSON") == ["王芳"]
    assert values(op, "他和马上一起走了。", "PERSON") == []  # 马上 is a word


def test_chinese_person_two_characters_need_context(op):
    assert values(op, "这次会议由刘娜主持。", "PERSON") == ["刘娜"]  # between function words
    assert values(op, "张伟先生说明天下雨。", "PERSON") == ["张伟"]
    assert values(op, "这次会议由高明主持。", "PERSON") == []  # a common word (高明: brilliant) needs a label


def test_chinese_person_other_mentions_follow_the_first(op):
    text = "患者李娜今日复诊。李娜的血压正常。"
    assert values(op, text, "PERSON") == ["李娜", "李娜"]


@pytest.mark.parametrize(
    "text",
    [
        "王者荣耀是一款游戏。", "听到消息他很高兴。", "周末我们去爬山。", "黄金价格上涨了。", "江山如此多娇。",
        "李子很甜。", "张家界的风景很美。", "石家庄是河北省会。", "公司马上开会。", "文三路上车很多。",
        "林业局发布通知。", "黄山市旅游发展委员会", "中东方面表示关切。", "周围的环境很安静。",
    ],
)  # fmt: skip
def test_chinese_person_look_alikes(op, text):
    assert values(op, text, "PERSON") == []


# -- English PERSON -------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, names",
    [
        (
            "Please ask Mr. Brown about the lease.",
            ["Mr. Brown"],
        ),  # the title is in the span (it tells the gender)
        ("Dear Margaret,\nthank you for the flowers.", ["Margaret"]),
        ("Her doctor, Kevin O'Neil, prescribed rest.", ["Kevin O'Neil"]),
        ("Signed: Krisztina Szabados", ["Krisztina Szabados"]),  # cue, surname not in any list
        ("Call Dr. Amelia Warren at the clinic.", ["Dr. Amelia Warren"]),
        ("Tobias Grunwald, who lives next door, called.", ["Tobias Grunwald"]),
        ("Daniel Moore Jr. signed the form. Later Daniel left.", ["Daniel Moore Jr.", "Daniel"]),
        (
            "I met Wang Fang and Zhang Xiaoming in Shanghai.",
            ["Wang Fang", "Zhang Xiaoming"],
        ),  # Pinyin, surname first
    ],
)
def test_english_person_found(op, text, names):
    assert values(op, text, "PERSON") == names


@pytest.mark.parametrize(
    "text, names",
    [
        ("Last week Joaquim spoke to the board.", ["Joaquim"]),  # an international given name alone
        ("The film was directed by Dragomir Vukotić.", ["Dragomir Vukotić"]),
        ("Reviewers preferred early Kowalczyk to his later work.", ["Kowalczyk"]),  # a listed surname alone
        ("The prize went to Mirela Dragomirescu.", ["Mirela Dragomirescu"]),
        ("Sources close to Zhakupova said no.", ["Zhakupova"]),  # a surname ending, in no list
        ("They invited Henrike, Oluwaseun and Priyanka.", ["Henrike", "Oluwaseun", "Priyanka"]),  # a list
        ("Here is Annelise's new number.", ["Annelise"]),  # possessive: the 's stays outside
        ("Hi Bakhyt, thanks for the files.", ["Bakhyt"]),  # a strong cue takes an unlisted word
        ("my name is anneliese and I need help", ["anneliese"]),  # lower case after a cue
        ("follow up with joaquim in a week", ["joaquim"]),
        ("Please see Laurentiu Ionescu MD tomorrow.", ["Laurentiu Ionescu"]),  # credential outside the span
    ],
)
def test_english_person_varied_forms(op, text, names):
    assert values(op, text, "PERSON") == names


def test_english_person_lower_case_text(op):
    # a whole text in lower case: a listed given name and surname together, or a given name starting a line
    assert values(op, "yesterday joaquim kowalczyk called about the invoice", "PERSON") == [
        "joaquim kowalczyk"
    ]
    assert values(op, "henrike is very reliable.\nshe starts monday.", "PERSON") == ["henrike"]
    # lower case words that are names elsewhere but ordinary words here are not taken
    assert values(op, "the green page will hope to mark the rose garden", "PERSON") == []


@pytest.mark.parametrize(
    "text",
    [
        "Visual Studio Code and Microsoft Word run on Windows Server.",
        "The United Nations met in Geneva.",  # a given name that is a city, after "in"
        "Phoenix Suns and Orlando Magic played twice.",  # a city first needs a surname after it
        "Danish pastries and Japanese tea were served.",  # nationalities
        "The Mayo Clinic and Lahtinen Road were closed.",  # organisation and street words end the run
        "Santa Monica Pier was crowded.",  # the tail of a capitalised place
        "The letter went to USNS Lindqvist, FPO AP 07688.",  # a ship, not a person
        "Optigov and Transparagov are startups.",  # "-gov" is no surname ending
        "We drove from Virginia Beach to the Jordan River.",
        "Georgia Tech and Apache Spark were mentioned by NASA.",
        "The Golden Gate Bridge opened in May.",
        "Will you grant me a favour? Grace period ends in June.",
        "Install Ruby on Rails and the Amazon Alexa skill.",
        "The Song Dynasty ended; Long Island is east of Manhattan.",
    ],
)
def test_english_person_look_alikes(op, text):
    assert values(op, text, "PERSON") == []


# -- ADDRESS --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, address",
    [
        ("现居住于黑龙江省哈尔滨市南岗区中山路123号，可电话联系。", "黑龙江省哈尔滨市南岗区中山路123号"),
        (
            "收货地址：上海市浦东新区张江路88号3栋2单元501室，请送货上门。",
            "上海市浦东新区张江路88号3栋2单元501室",
        ),
        ("他住在阳光小区5栋302室。", "阳光小区5栋302室"),  # partial, no division
        ("他家在文三路826号附近。", "文三路826号"),
        ("户籍：四川省成都市武侯区", "四川省成都市武侯区"),  # divisions only, after an address word
    ],
)
def test_chinese_address_found(op, text, address):
    assert values(op, text, "ADDRESS") == [address]


@pytest.mark.parametrize(
    "text",
    [
        "我去了北京市朝阳区的一家公司开会。",
        "北京市政府和中山大学签约。",
        "浙江省杭州市西湖区风景优美。",
        "他在路上。",
    ],
)
def test_chinese_address_look_alikes(op, text):
    assert values(op, text, "ADDRESS") == []


@pytest.mark.parametrize(
    "text, address",
    [
        ("She resides at 97 Lincoln Street. He", "97 Lincoln Street"),
        (
            "Mail it to 12 Main St. Apt 4B, Springfield, IL 62704 today.",
            "12 Main St. Apt 4B, Springfield, IL 62704",
        ),
        (
            "Send to 1600 Pennsylvania Avenue NW, Washington, DC 20500.",
            "1600 Pennsylvania Avenue NW, Washington, DC 20500",
        ),
        ("Write to P.O. Box 4411 instead.", "P.O. Box 4411"),
        ("Wir wohnen in der Chausseestr. 32 in Berlin.", "Chausseestr. 32"),
    ],
)
def test_english_address_found(op, text, address):
    assert values(op, text, "ADDRESS") == [address]


@pytest.mark.parametrize(
    "text",
    ["In 2019 Central Park hosted a concert.", "We sold 40 Apple Watch units.", "Version 3 Road Map is out."],
)
def test_english_address_look_alikes(op, text):
    assert values(op, text, "ADDRESS") == []


def test_english_address_over_lines_and_military(op):
    text = "Ship to:\n4411 Kiannonkatu 98\nSuite 464\nOulu\nFinland 80896\nThanks"
    assert values(op, text, "ADDRESS") == ["4411 Kiannonkatu 98\nSuite 464\nOulu\nFinland 80896"]
    assert values(op, "Mail: Unit 2962 Box 5219, DPO AP 36157 please", "ADDRESS") == [
        "Unit 2962 Box 5219, DPO AP 36157"
    ]
    assert values(op, "Mail: PSC 1234, Box 5678, APO AE 09012", "ADDRESS") == [
        "PSC 1234, Box 5678, APO AE 09012"
    ]
    # number-name-number only with a unit on the next line; a street with a type gets the lines after it
    assert values(op, "Scores were 12 Rangers 3\nand more", "ADDRESS") == []
    assert values(op, "12 Oak Street\nApt. 4\nSpringfield", "ADDRESS") == [
        "12 Oak Street\nApt. 4\nSpringfield"
    ]


# -- remaining Chinese identifiers -------------------------------------------------------


def test_uscc_check_character():
    # GB 32100-2015's worked example and a registered company's code
    assert uscc_check_char("91350100M000100Y4") == "3" and uscc_ok("91350100M000100Y43")
    assert uscc_ok("91440300708461136T")
    assert not uscc_ok("91350100M000100Y44")  # wrong check character
    assert not uscc_ok("91990100M000100Y43")  # province 99 does not exist


def test_uscc_recognizer(op):
    assert values(op, "公司代码91350100M000100Y43已公示。", "CN_USCC") == ["91350100M000100Y43"]
    assert values(op, "代码91350100M000100Y44已公示。", "CN_USCC") == []  # wrong check, no context
    assert values(op, "统一社会信用代码：91350100M000100Y44", "CN_USCC") == [
        "91350100M000100Y44"
    ]  # typo kept
    assert values(op, "型号ABCDEFGH12345678", "CN_USCC") == []


def test_travel_permits_need_context(op):
    assert values(op, "往来港澳通行证号码C12345678，有效期十年。", "CN_HK_MACAU_PERMIT") == ["C12345678"]
    assert values(op, "回乡证H12345678", "CN_HK_MACAU_PERMIT") == ["H12345678"]
    assert values(op, "产品编码C12345678，库存充足。", "CN_HK_MACAU_PERMIT") == []
    assert values(op, "台胞证号码：12345678", "CN_TAIWAN_PERMIT") == ["12345678"]
    assert values(op, "本次共发放12345678份问卷。", "CN_TAIWAN_PERMIT") == []


def test_qq_and_wechat_only_after_their_label(op):
    assert values(op, "加我QQ：1234567，晚上在线。", "CN_QQ") == ["1234567"]
    assert values(op, "QQ号码 88886666", "CN_QQ") == ["88886666"]
    assert values(op, "QQ音乐有1234567首歌。", "CN_QQ") == []
    assert values(op, "微信号：li_lei-88", "CN_WECHAT") == ["li_lei-88"]
    assert values(op, "WeChat: zhangwei2024", "CN_WECHAT") == ["zhangwei2024"]
    assert values(op, "WeChat account holders grew.", "CN_WECHAT") == []
    assert values(op, "微信支付很方便。", "CN_WECHAT") == []


def test_date_of_birth_needs_context_and_age(op):
    assert values(op, "出生日期：1980年8月27日", "DATE_OF_BIRTH") == ["1980年8月27日"]
    assert values(op, "Date of birth: August 27, 1980.", "DATE_OF_BIRTH") == ["August 27, 1980"]
    assert values(op, "会议于2023年5月10日召开。", "DATE_OF_BIRTH") == []
    assert values(op, "她今年43岁。", "AGE") == ["43岁"]
    assert values(op, "a 62-year-old developer", "AGE") == ["62-year-old"]


# -- generalize ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "entity, value, levels, expected",
    [
        ("ADDRESS", "浙江省杭州市西湖区文三路826号", {}, "浙江省杭州市"),
        ("ADDRESS", "浙江省杭州市西湖区文三路826号", {"ADDRESS": "province"}, "浙江省"),
        ("ADDRESS", "杭州市西湖区文三路826号", {}, "浙江省杭州市"),
        ("ADDRESS", "北京市海淀区中关村大街27号", {}, "北京市"),
        # a road named after a city, with a direction (北京东路, 南京西路) is no division
        ("ADDRESS", "贵州省黔东南州凯里市北京东路8号", {}, "贵州省"),  # short 州 form: no city known
        ("ADDRESS", "上海市黄浦区南京西路100号", {"ADDRESS": "province"}, "上海市"),
        ("ADDRESS", "南昌市青山湖区北京东路1号", {}, "江西省南昌市"),
        ("ADDRESS", "北京东路8号", {}, None),
        ("ADDRESS", "湾仔告士打道100号", {}, "香港特别行政区"),  # a district, not 湾仔市
        ("ADDRESS", "澳门花地玛堂区黑沙环新街52号", {}, "澳门特别行政区"),
        ("ADDRESS", "12 Main St. Apt 4B, Springfield, IL 62704", {}, "Springfield, IL"),
        ("ADDRESS", "12 Main St. Apt 4B, Springfield, IL 62704", {"ADDRESS": "province"}, "IL"),
        ("ADDRESS", "97 Lincoln Street", {}, None),  # no city: the replace tag
        ("PERSON", "张伟", {}, "张某"),
        ("PERSON", "欧阳娜娜", {}, "欧阳某"),
        ("PERSON", "Bobby Jackson", {}, "B. J."),
        ("PERSON", "Bobby Jackson", {"PERSON": "first_initial"}, "B."),
        ("DATE_OF_BIRTH", "1980年8月27日", {}, "1980年"),
        ("DATE_OF_BIRTH", "August 27, 1980", {"DATE_OF_BIRTH": "decade"}, "1980s"),
        ("AGE", "43岁", {}, "40-49岁"),
        ("AGE", "62-year-old", {"AGE": "band5"}, "60-64-year-old"),
        ("CN_ID_CARD", "11010519491231002X", {}, "1101051949********"),
        ("CN_ID_CARD", "11010519491231002X", {"CN_ID_CARD": "province_year"}, "11****1949********"),
        ("CN_ID_CARD", "11010519491231002X", {"CN_ID_CARD": "year"}, "******1949********"),
        ("EMAIL_ADDRESS", "a@b.com", {}, None),
    ],
)
def test_generalize_per_entity(entity, value, levels, expected):
    assert generalize(entity, value, GeneralizeLevels(**levels)) == expected


def test_generalize_action_in_the_operator():
    g = PiiRedact(
        mode="redact",
        entities=["PERSON", "ADDRESS", "CN_ID_CARD", "CN_MOBILE", "AGE"],
        actions={"default": "generalize", "CN_MOBILE": "replace"},
        generalize={"ADDRESS": "city"},
    )
    text = (
        "联系人王芳，43岁，住址浙江省杭州市西湖区文三路826号，身份证号11010519491231002X，手机13800138000。"
    )
    out = runner.start(g).transform(pa.table({"id": ["a"], "text": [text]})).column("text")[0].as_py()
    assert out == "联系人王某，40-49岁，住址浙江省杭州市，身份证号1101051949********，手机<CN_MOBILE>。"
    with pytest.raises(ValidationError, match="generalize is defined for"):
        PiiRedact(actions={"CN_MOBILE": "generalize"})
