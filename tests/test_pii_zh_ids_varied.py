"""Hand-written held-out cases for the remaining Chinese identifiers of #16 (written before the
recognizers were looked at again): USCC with a valid and a wrong GB 32100 check character (a
wrong one counts only next to 信用代码/税号), passports, Hong Kong/Macau and Taiwan permits, QQ and
WeChat ids with their context words, licence plates (new-energy small D/F and large ...D/F
plates, a middle dot, a space, a hyphen), landlines with area codes (grouped 4+4, parentheses,
+86, extensions), and look-alikes of each: product batch and serial numbers, courier numbers,
part numbers, order numbers, sums of money, "QQ音乐", "微信支付". USCC values were computed
with the GB 32100 weights (module-level ``uscc_check``, checked against the standard's example
91350100M000100Y43).

Each line: entity, text, value (tab-separated); an entity written "-ENTITY" (no value) means the
text must give no finding of that entity.

    python -m tests.test_pii_zh_ids_varied   # prints the cases that fail
"""

from __future__ import annotations

from operators.pii import PiiRedact

CASES = """\
CN_USCC	统一社会信用代码：91350100M000100Y43	91350100M000100Y43
CN_USCC	本公司统一社会信用代码为91110108MA01C2XY35，特此说明。	91110108MA01C2XY35
CN_USCC	纳税人识别号 91440300708461136T	91440300708461136T
CN_USCC	The company's USCC is 12100000400000624D.	12100000400000624D
CN_USCC	民办非企业单位 52310115MJ4900912P 已年检	52310115MJ4900912P
CN_USCC	个体工商户信用代码：92330106MA27X5P4LP	92330106MA27X5P4LP
CN_USCC	税号：91310000MA1FL8K2H4（核对有误）	91310000MA1FL8K2H4
CN_USCC	统一社会信用代码 91110108MA01C2XY36	91110108MA01C2XY36
-CN_USCC	产品批号91440300708461136U已出厂。
-CN_USCC	序列号 12100000400000624E
CN_PASSPORT	护照号码：E12345678	E12345678
CN_PASSPORT	护照号 EA1234567，有效期至2030年。	EA1234567
CN_PASSPORT	Passport No.: E87654321	E87654321
CN_PASSPORT	旅客持护照G12345678入境。	G12345678
CN_PASSPORT	证件类型：护照，证件号码：EB7654321	EB7654321
-CN_PASSPORT	快递单号E12345678已揽收。
-CN_PASSPORT	型号 G12345678 的配件
CN_HK_MACAU_PERMIT	往来港澳通行证号码：C12345678	C12345678
CN_HK_MACAU_PERMIT	港澳通行证 CA1234567 办理签注	CA1234567
CN_HK_MACAU_PERMIT	回乡证：H12345678	H12345678
CN_HK_MACAU_PERMIT	港澳居民来往内地通行证号码 M1234567801	M1234567801
-CN_HK_MACAU_PERMIT	零件编号C12345678缺货。
CN_TAIWAN_PERMIT	台胞证号码：12345678	12345678
CN_TAIWAN_PERMIT	往来台湾通行证：L12345678	L12345678
CN_TAIWAN_PERMIT	台湾居民来往大陆通行证 87654321	87654321
-CN_TAIWAN_PERMIT	本次共发放12345678元补贴。
CN_LICENSE_PLATE	车牌号：京A12345	京A12345
CN_LICENSE_PLATE	一辆粤B·D12345的新能源车	粤B·D12345
CN_LICENSE_PLATE	车牌粤BD12345违停	粤BD12345
CN_LICENSE_PLATE	大型新能源货车沪A12345D被查	沪A12345D
CN_LICENSE_PLATE	肇事车辆川A 8X2K3已逃逸	川A 8X2K3
CN_LICENSE_PLATE	浙A·FA1234车主请挪车	浙A·FA1234
CN_LICENSE_PLATE	桂C·5K7B9的司机	桂C·5K7B9
CN_LICENSE_PLATE	车牌号码：苏E-88888	苏E-88888
-CN_LICENSE_PLATE	京A股票上涨
-CN_LICENSE_PLATE	沪深300指数收涨
CN_LANDLINE	办公电话：010-62751234	010-62751234
CN_LANDLINE	联系电话 0755-86001234	0755-86001234
CN_LANDLINE	电话（021）68888888	（021）68888888
CN_LANDLINE	请拨打0571-8888 1234转806	0571-8888 1234
CN_LANDLINE	座机：020 8765 4321	020 8765 4321
CN_LANDLINE	传真：0431-85123456	0431-85123456
CN_LANDLINE	Tel: +86 10 6275 1234	+86 10 6275 1234
CN_LANDLINE	电话：0898-66123456	0898-66123456
-CN_LANDLINE	订单编号0101234567890已发货。
-CN_LANDLINE	版本 2023-0512 发布
-CN_LANDLINE	构建编号86429748-5984已通过测试。
CN_QQ	QQ：123456789	123456789
CN_QQ	我的QQ号是10001	10001
CN_QQ	加我qq 2876543210	2876543210
CN_QQ	Q Q号：987654321	987654321
-CN_QQ	QQ音乐2023年度榜单
-CN_QQ	QQ飞车 3000 点券
CN_WECHAT	微信：zhang_san88	zhang_san88
CN_WECHAT	微信号 wxid_abc123def	wxid_abc123def
CN_WECHAT	加我微信 li-lei-2020	li-lei-2020
CN_WECHAT	WeChat ID: Tom_Lee99	Tom_Lee99
-CN_WECHAT	微信支付 100元
-CN_WECHAT	微信公众号推文阅读量10万+
"""

_USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def uscc_check(first17: str) -> str:
    """GB 32100-2015 check character of the first 17 characters."""
    total = sum(_USCC_CHARS.index(c) * w for c, w in zip(first17, _USCC_WEIGHTS))
    return _USCC_CHARS[(31 - total % 31) % 31]


def rows() -> list[tuple[str, str, str]]:
    return [tuple((line.split("\t") + [""])[:3]) for line in CASES.splitlines()]


def failures(pii_annotator) -> list[tuple]:
    bad = []
    for entity, text, value in rows():
        found = [(f.entity, text[f.start : f.end]) for f in pii_annotator.find(text)]
        if entity.startswith("-"):
            ok = not any(e == entity[1:] for e, _ in found)
        else:
            ok = (entity, value) in found
        if not ok:
            bad.append((entity, text, found))
    return bad


VALID_USCC = (
    "91350100M000100Y43", "91110108MA01C2XY35", "91440300708461136T", "12100000400000624D",
    "52310115MJ4900912P", "92330106MA27X5P4LP",
)  # fmt: skip
WRONG_CHECK_USCC = ("91110108MA01C2XY36", "91310000MA1FL8K2H4", "91440300708461136U", "12100000400000624E")


def test_uscc_values_are_what_the_cases_say():
    """The cases' USCC values: valid ones found alone, wrong check characters only as look-alikes
    or next to 信用代码/税号 (then found: a mistyped code is still a code)."""
    assert uscc_check("91350100M000100Y4") == "3"  # the standard's example
    assert all(uscc_check(v[:17]) == v[17] for v in VALID_USCC)
    assert all(uscc_check(v[:17]) != v[17] for v in WRONG_CHECK_USCC)
    for entity, text, _ in rows():
        if entity.endswith("CN_USCC"):
            wrong = [v for v in WRONG_CHECK_USCC if v in text]
            assert wrong or any(v in text for v in VALID_USCC), text
            assert not wrong or entity == "-CN_USCC" or "信用代码" in text or "税号" in text, text


def test_positive_and_lookalike_cases(pii_annotator):
    bad = failures(pii_annotator)
    positives = [r for r in rows() if not r[0].startswith("-")]
    negatives = [r for r in rows() if r[0].startswith("-")]
    missed = [b for b in bad if not b[0].startswith("-")]
    flagged = [b for b in bad if b[0].startswith("-")]
    # one known miss when this was written: "Q Q号" (a spaced label, which the prescreen does not open)
    assert len(missed) / len(positives) <= 0.05, missed
    assert not flagged, (flagged, len(negatives))


if __name__ == "__main__":
    o = PiiRedact(mode="annotate")
    o.ensure_setup()
    for b in failures(o):
        print(b)
