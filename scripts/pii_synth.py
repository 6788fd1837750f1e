"""Labeled synthetic PII for ``eval_pii.py`` and ``bench_pii.py`` (needs Faker).

Values come from Faker's ``en_US`` and ``zh_CN`` providers (zh_CN ``ssn``
makes GB 11643 IDs with real region codes and check digits, ``phone_number``
mainland mobiles, ``license_plate`` plates); formats Faker lacks (UnionPay
cards, landlines, passports, mistyped IDs) are generated here from their
published structure. Each value is embedded in an everyday English or
Chinese sentence; hard negatives are numbers that only look like PII.
Names: Faker ``name`` (zh_CN) and first/last names with titles and initials
(en_US); addresses: Faker ``street_address`` with city, state and ZIP (en_US)
and, for Chinese, real province/city/district triples with roads, numbers,
buildings and rooms in full and partial forms (Faker's zh_CN addresses pair
random syllables). Look-alikes of names and addresses (王者, 高兴, 张家界,
"Visual Studio Code", "Virginia Beach") are counted separately.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from faker import Faker

from operators.pii.checksums import gb11643_check_char, luhn_check_digit


@dataclass
class Sample:
    text: str
    spans: list[tuple[str, int, int]] = field(default_factory=list)  # (entity, start, end)
    kind: str = "positive"
    lang: str = ""


# (entity, templates) per language; {v} is the value.
EN_TEMPLATES = {
    "EMAIL_ADDRESS": [
        "You can reach me at {v} if anything changes.",
        "Please send the signed form to {v} before Friday.",
        "Questions about the order? Write to {v} and we'll reply within a day.",
        "Contact {v} for the conference schedule.",
    ],
    "PHONE_NUMBER": [
        "Call our front desk at {v} to book a table.",
        "If the package is damaged, phone {v} right away.",
        "My cell is {v}, text me when you land.",
    ],
    "CREDIT_CARD": [
        "I paid with my card {v} and the charge went through twice.",
        "The booking was guaranteed with credit card {v}.",
        "Please refund the amount to the card ending in the number {v}.",
        "Payment method: {v} (expires 09/27).",
    ],
    "US_SSN": [
        "His social security number is {v}.",
        "Applicant SSN: {v}",
    ],
    "IP_ADDRESS": [
        "The login came from {v} at 3 am.",
        "Block requests from IP {v} on the firewall.",
    ],
    "IBAN_CODE": [
        "Wire the deposit to IBAN {v} by Monday.",
        "Our bank account is {v}, reference your invoice.",
    ],
    "CN_MOBILE": [
        "When in Shanghai, call me on {v}.",
        "Our Beijing office manager can be reached at {v}.",
        "My Chinese mobile is {v} (WeChat too).",
    ],
    "CN_ID_CARD": [
        "The passenger's ID card number is {v}.",
        "She registered with Chinese resident ID {v} at the hotel.",
        "Guest: Li Wei, {v}, checked in on May 3.",
    ],
}
ZH_TEMPLATES = {
    "CN_ID_CARD": [
        "他的身份证号码为{v}，请核对。",
        "公民身份号码：{v}",
        "张伟（{v}）已于昨日办理入住手续。",
        "请持证件号{v}的本人到窗口领取。",
        "报名信息：王芳，女，{v}，本科学历。",
    ],
    "CN_MOBILE": [
        "联系电话：{v}",
        "有事请打我手机{v}，谢谢！",
        "客户王女士（{v}）反映快递迟迟未到。",
        "如有疑问请致电{v}咨询。",
        "我的微信和手机号都是{v}。",
        "李先生{v}下单后一直没有发货。",
    ],
    "CN_BANK_CARD": [
        "请将货款转入银行卡{v}，户名张三。",
        "收款账号：{v}（中国工商银行）",
        "我的储蓄卡{v}被冻结了。",
        "退款已原路退回至尾号所在的卡号{v}。",
    ],
    "CREDIT_CARD": [
        "信用卡{v}本月账单已出。",
        "用户绑定的信用卡卡号为{v}。",
    ],
    "EMAIL_ADDRESS": [
        "请发送简历至{v}，注明应聘岗位。",
        "邮箱{v}或电话均可联系。",
        "投稿邮箱：{v}",
        "有问题发邮件给{v}就行。",
    ],
    "IP_ADDRESS": [
        "服务器IP地址为{v}，请勿外泄。",
        "异常登录来自{v}。",
    ],
    "CN_LANDLINE": [
        "办公电话：{v}",
        "咨询热线{v}，工作日九点至五点。",
        "传真：{v}",
    ],
    "CN_PASSPORT": [
        "护照号码：{v}",
        "旅客持护照{v}出境。",
    ],
    "CN_LICENSE_PLATE": [
        "车牌号为{v}的车辆违章停放。",
        "一辆{v}的白色轿车在路口追尾。",
    ],
}

EN_TEMPLATES["PERSON"] = [
    "I had lunch with {v} yesterday.",
    "{v} will present the quarterly results.",
    "Please forward the signed contract to {v}.",
    "According to {v}, the shipment is two days late.",
    "Dear {v}, thank you for your order.",
    "The award went to {v} for outstanding research.",
]
EN_TEMPLATES["ADDRESS"] = [
    "Our new office is at {v}.",
    "Please ship the package to {v} by Friday.",
    "She moved to {v} last spring.",
    "Mailing address: {v}",
]
ZH_TEMPLATES["PERSON"] = [
    "{v}昨天去了北京出差。",
    "请把合同交给{v}签字。",
    "这次会议由{v}主持。",
    "{v}是我们公司的新同事。",
    "联系人：{v}",
    "据{v}介绍，项目进展顺利。",
    "患者{v}今日复诊。",
]
ZH_TEMPLATES["ADDRESS"] = [
    "我家住在{v}。",
    "请寄到{v}，谢谢。",
    "公司地址：{v}",
    "会场设在{v}，欢迎参加。",
]
# Real province / prefecture / district triples (GB/T 2260) and road names for Chinese
# addresses (Faker's zh_CN addresses pair random city and street syllables).
ZH_DIVISIONS = [
    ("广东省", "广州市", "天河区"), ("广东省", "深圳市", "南山区"), ("浙江省", "杭州市", "西湖区"),
    ("江苏省", "南京市", "鼓楼区"), ("江苏省", "苏州市", "姑苏区"), ("四川省", "成都市", "武侯区"),
    ("湖北省", "武汉市", "洪山区"), ("山东省", "青岛市", "市南区"), ("河南省", "郑州市", "金水区"),
    ("陕西省", "西安市", "雁塔区"), ("辽宁省", "大连市", "中山区"), ("福建省", "厦门市", "思明区"),
    ("北京市", "", "海淀区"), ("上海市", "", "徐汇区"), ("湖南省", "长沙市", "岳麓区"), ("云南省", "昆明市", "五华区"),
]  # fmt: skip
ZH_ROADS = [
    "人民路",
    "解放路",
    "建设大道",
    "中山北路",
    "和平街",
    "长江路",
    "学院路",
    "科技园路",
    "滨江大道",
    "新华街",
    "文化路",
    "青年路",
]
ZH_ESTATES = ["阳光花园", "翠湖小区", "锦绣家园", "金桥大厦", "幸福新村", "碧水苑"]

# Look-alikes of names and addresses: words beginning with a surname character, place
# names, capitalised product, place and software names. No PERSON/ADDRESS in any.
LOOKALIKE_ZH = [
    "王者荣耀又更新了新英雄。", "听到这个消息大家都很高兴。", "周末我们去张家界旅游。", "石家庄今天下了一场雨。",
    "黄金价格创出新高。", "江山如画，一时多少豪杰。", "李子和桃子都熟了。", "高速公路今天很通畅。",
    "这个方法很简单。", "马上就要出发了。", "文化产业发展很快。", "常见问题请看说明书。", "周围的环境很安静。",
    "林业局发布了防火公告。", "金融市场出现震荡。", "安全生产是第一位的。", "白天的气温很高。",
    "关于调整作息时间的通知。", "于是我们决定提前出发。", "北京市朝阳区的经济总量很大。", "中山大学今年扩招。",
    "杭州市西湖区风景优美。", "他在路上遇到了老朋友。", "温度计显示三十度。", "程序员写了一段代码。",
]  # fmt: skip
LOOKALIKE_EN = [
    "Visual Studio Code now supports Rust.", "We flew from Virginia Beach to Jordan.", "Georgia Tech beat Florida State.",
    "Apache Spark and Microsoft Word are installed.", "The Golden Gate Bridge is closed today.",
    "Amazon Web Services announced new chips.", "Read the New York Times on Sunday.",
    "Ruby on Rails and Julia released updates.", "Main Street Market opens at nine.", "Windows Server needs a patch.",
    "Google Chrome and Mozilla Firefox are browsers.", "The Rocky Mountains span several states.",
    "Grace period ends in June.", "Will Smith Street be renamed?", "Harvard University Press published it.",
    "In 2019 Central Park hosted a concert.", "The United Nations met in Geneva.", "Jupyter Notebook crashed again.",
]  # fmt: skip
#: More look-alikes (issue 16, second pass), written before the rules were tuned on anything:
#: products, software, places, organisations, sentence-initial capitalised words, headings.
LOOKALIKE_EN += [
    "Python Software Foundation released a security fix.",
    "Kubernetes and Docker Compose both run containers.",
    "Adobe Photoshop crashed when opening the file.",
    "Toyota Corolla sales rose in March.",
    "Mount Everest is the highest mountain.",
    "We spent a week in Lisbon and Porto.",
    "Paris Saint-Germain won the league.",
    "Tesla Model Y deliveries slowed.",
    "The Amazon River floods every year.",
    "Nike Air Max shoes are on sale.",
    "Samsung Galaxy phones ship with Android.",
    "Oracle Database needs a licence.",
    "Lake Victoria borders three countries.",
    "Santa Monica Pier was crowded.",
    "St. Louis Cardinals won again.",
    "Stanford University opened a new lab.",
    "Mercedes Benz recalled several models.",
    "Jersey City approved the budget.",
    "Hamilton is a popular musical.",
    "Victoria Station was closed for repairs.",
    "Arizona State University is large.",
    "Cambridge Analytica closed in 2018.",
    "Fortune magazine ranked the companies.",
    "Chevrolet Silverado trucks sold well.",
    "Netflix and Hulu raised prices.",
    "Austin hosts a music festival every spring.",
    "Dallas Cowboys lost on Sunday.",
    "Brooklyn Bridge Park is open late.",
    "Salesforce Tower dominates the skyline.",
    "Florence is famous for its art.",
    "Turkish coffee is strong.",
    "Danish pastries were served.",
    "Swedish furniture is popular.",
    "Polish pottery sells well.",
    "Sydney Opera House hosted the gala.",
    "Victoria Falls is spectacular.",
    "Madison Square Garden sold out.",
    "Angular and React are JavaScript frameworks.",
    "Debian Linux ships stable packages.",
    "Firefox Nightly builds failed.",
    "Kingston upon Thames is in London.",
    "Phoenix Suns signed a new guard.",
    "Orlando Magic lost again.",
    "Cleveland Clinic published the study.",
    "Mayo Clinic updated its guidance.",
    "Marshall Islands joined the treaty.",
    "Chelsea beat Arsenal two to one.",
    "Raspberry Pi boards are cheap.",
    "Tableau dashboards load slowly.",
    "However, the results were mixed.",
    "Nevertheless the project continued.",
    "Meanwhile prices kept rising.",
]
#: Third pass (issue 16): places, rooms, gates, versions and products written name-then-number after
#: words that also introduce addresses ("is at", "moved to", "deliver to"), and firms and brands named
#: after people.
LOOKALIKE_EN += [
    "The gate is at Terminal 2 near the exit.", "The team moved to Python 3 last year.",
    "We upgraded to Windows 11 in May.", "The meeting is at Room 101, Building B.",
    "Flights depart from Gate 12, Terminal 3.", "Apollo 11 landed in 1969.", "The Boeing 737 Max returned to service.",
    "Send the report to Section 4, Appendix B.", "Return to Chapter 3 for the proof.",
    "Version 2.4 ships with Suite 5 support.", "See Table 2 and Figure 7 for results.", "Deliver to Dock 4 before noon.",
    "The iPhone 15 launched in September.", "Ship it to Warehouse 9 by Friday.", "Unit 4 covers Fractions and Decimals.",
    "Apartment prices rose 5 percent in Berlin.", "Turn left at Exit 23, then right.", "Room 5 Floor 2 is reserved.",
    "Interstate 95 was closed, Florida officials said.", "Windows 10 Home, Version 22H2.",
    "Main Street Bank opened 3 branches.", "Ray Ban sunglasses are popular.", "Hugo Boss suits are expensive.",
    "Johnson and Johnson reported earnings.", "Procter and Gamble raised prices.", "Barnes and Noble sells books.",
    "Can Python parse this file?", "Released on 12 March 2019, Python 3 is fast.", "He works on Wall Street.",
]  # fmt: skip
LOOKALIKE_ZH += [
    "黄山风景区今天游客很多。",
    "高铁站人流量很大。",
    "张家口冬奥场馆开放参观。",
    "马来西亚的榴莲很便宜。",
    "王府井大街节日气氛浓厚。",
    "李宁品牌推出新款跑鞋。",
    "赵州桥是古代建筑。",
    "孙悟空是西游记中的角色。",
    "钱塘江大潮吸引了观众。",
    "朱家角古镇保存完好。",
    "胡同里的生活很安静。",
    "白云山上空气清新。",
    "金山软件发布了新版本。",
    "东方明珠塔灯光秀开始了。",
    "宋体和黑体是常用字体。",
    "唐诗宋词是文化瑰宝。",
    "陈皮可以泡水喝。",
    "毛衣洗后缩水了。",
    "任务已经完成了。",
    "方向盘需要校正。",
    "程序运行正常。",
    "万一下雨就改期。",
    "何时开始报名还没通知。",
    "高考成绩今天公布。",
    "江苏省的经济很发达。",
    "武汉大学樱花盛开。",
    "华为发布了新手机。",
    "杨梅季节到了。",
    "叶子变黄了。",
    "向日葵朝着太阳。",
    "石头很重。",
]

ZH_TEMPLATES["CN_USCC"] = [
    "统一社会信用代码：{v}",
    "该公司的税号为{v}。",
    "营业执照注册号{v}，经营范围见附件。",
]
ZH_TEMPLATES["CN_HK_MACAU_PERMIT"] = [
    "往来港澳通行证号码：{v}",
    "请携带港澳通行证{v}办理签注。",
    "回乡证号码{v}",
]
ZH_TEMPLATES["CN_TAIWAN_PERMIT"] = ["台胞证号码：{v}", "台湾居民来往大陆通行证{v}已过期。"]
ZH_TEMPLATES["CN_QQ"] = ["有问题加我QQ：{v}", "QQ号码 {v}，晚上在线。", "扣扣{v}"]
ZH_TEMPLATES["CN_WECHAT"] = ["微信号：{v}", "加微信 {v} 详聊。", "我的微信是{v}。"]
EN_TEMPLATES["CN_WECHAT"] = ["Add me on WeChat: {v}", "My WeChat ID: {v}"]

#: Names that templates of other entities contain ("户名张三"): labelled PERSON.
TEMPLATE_NAMES = ("张伟", "王芳", "张三", "王女士", "李先生", "Li Wei", "Dana")

NEGATIVE_EN = [
    "Order number {order} shipped on 2024-01-15 and arrives Tuesday.",
    "Your tracking number is {order}.",
    "ISBN {isbn}, 2nd edition, 412 pages.",
    "The log line was stamped {ts} and nothing else happened.",
    "Invoice {order} totals $12,450.00 including tax.",
    "Version 3.11.4 was released in June 2023 with 1,254 fixes.",
    "Population grew from 1,402,112,000 to 1,411,750,000 in a decade.",
]
NEGATIVE_ZH = [
    "订单号：{order}，预计三天内送达。",
    "您的快递单号{order}已揽收。",
    "交易流水号{order}处理成功。",
    "本书ISBN {isbn}，定价58.00元。",
    "时间戳{ts}对应的记录已归档。",
    "参考编号{bad_id}的档案已调出。",
    "样品批号{bad_id}检测合格。",
    "卡片背面印有{bad_card}字样的防伪码。",
    "型号{product}的设备已停产。",
    "2023年全国粮食总产量13908.7亿斤，比上年增加177.6亿斤。",
    "1998年1月1日，共有12345678名旅客出行。",
]


# Technical text: numbers that look like phone numbers, IDs or cards but are not
# personal data. {v} is the decoy; the entities in the third field are allowed
# on it (an IPv4 address is IP_ADDRESS, not a phone number).
DECOY_EN = [
    ("version", "Build {v} is current.", ()),
    ("version", "Upgrade to version {v} before Friday.", ()),
    ("version", "The kernel {v} fixes the scheduler regression.", ()),
    ("build_id", "CI run {v} passed all checks.", ()),
    ("ip", "The host at {v} answered the ping.", ("IP_ADDRESS",)),
    ("date", "The release was tagged on {v} after review.", ()),
    ("order", "Order {v} shipped yesterday.", ()),
    ("isbn", "See the book with ISBN {v} for details.", ()),
    ("coordinates", "The station sits at {v} on the map.", ()),
    ("timestamp", "The event log shows {v} as the first entry.", ()),
    ("price", "The laptop costs {v} with tax.", ()),
    ("file_size", "The archive is {v} bytes long.", ()),
    ("hash", "Commit {v} introduced the bug.", ()),
    ("uuid", "Request {v} timed out.", ()),
]
DECOY_ZH = [
    ("version", "版本 {v}。", ()),
    ("version", "升级到 {v} 后问题解决了。", ()),
    ("build_id", "构建编号{v}已通过测试。", ()),
    ("ip", "服务器{v}无响应。", ("IP_ADDRESS",)),
    ("date", "项目于{v}上线。", ()),
    ("order", "订单{v}已发货。", ()),
    ("isbn", "本书书号{v}。", ()),
    ("coordinates", "观测点位于{v}。", ()),
    ("timestamp", "日志时间{v}。", ()),
    ("price", "售价{v}元。", ()),
    ("file_size", "文件大小为{v}字节。", ()),
    ("hash", "校验值{v}一致。", ()),
    ("uuid", "请求{v}超时。", ()),
]
# Phone numbers in the formats people write (gold PHONE_NUMBER, or CN_* for Chinese numbers).
PHONE_EN = [
    "Call us at {v} for reservations.",
    "You can reach the office on {v}.",
    "For support dial {v} any time.",
    "Tel. {v}",
    "Phone: {v}",
    "Our number is {v}, ask for Dana.",
]
PHONE_ZH = ["联系电话：{v}", "请拨打{v}咨询。", "电话 {v}", "客服热线{v}，全天服务。"]


class Generator:
    def __init__(self, seed: int = 0) -> None:
        self.rng = random.Random(seed)
        self.en = Faker("en_US")
        self.zh = Faker("zh_CN")
        self.en.seed_instance(seed)
        self.zh.seed_instance(seed + 1)

    # -- values ---------------------------------------------------------------------
    def _digits(self, n: int) -> str:
        return "".join(self.rng.choice("0123456789") for _ in range(n))

    def unionpay(self) -> str:
        payload = "62" + self._digits(self.rng.choice([13, 14, 15, 16]))
        card = payload + luhn_check_digit(payload)
        if self.rng.random() < 0.3 and len(card) in (16, 19):
            card = " ".join(card[i : i + 4] for i in range(0, len(card), 4))
        return card

    def credit_card(self) -> str:
        card = self.en.credit_card_number()
        if len(card) == 16 and self.rng.random() < 0.3:
            card = "-".join(card[i : i + 4] for i in range(0, 16, 4))
        return card

    def cn_mobile(self) -> str:
        num = self.zh.phone_number()
        r = self.rng.random()
        if r < 0.15:
            return f"+86 {num[:3]} {num[3:7]} {num[7:]}"
        if r < 0.3:
            return f"{num[:3]}-{num[3:7]}-{num[7:]}"
        if r < 0.4:
            return "+86" + num
        return num

    def cn_id(self) -> str:
        return self.zh.ssn()

    def landline(self) -> str:
        area = self.rng.choice(["010", "021", "020", "025", "0755", "0571", "0431", "0898"])
        sub = str(self.rng.randint(2, 8)) + self._digits(7 if len(area) == 3 else self.rng.choice([6, 7]))
        return self.rng.choice([f"{area}-{sub}", f"({area}){sub}", f"{area} {sub}"])

    def passport(self) -> str:
        return self.rng.choice(["E", "G"]) + self._digits(8)

    def en_person(self) -> str:
        r = self.rng.random()
        if r < 0.6:
            return f"{self.en.first_name()} {self.en.last_name()}"
        if r < 0.8:
            return f"{self.rng.choice(['Mr.', 'Ms.', 'Dr.', 'Mrs.'])} {self.en.last_name()}"
        return f"{self.en.first_name()} {self.rng.choice('ABCDEFGHJKLMNPRSTW')}. {self.en.last_name()}"

    def en_address(self) -> str:
        street = self.en.street_address()
        r = self.rng.random()
        if r < 0.4:
            return street
        return f"{street}, {self.en.city()}, {self.en.state_abbr()} {self.en.zipcode()}"

    def zh_address(self) -> str:
        province, city, district = self.rng.choice(ZH_DIVISIONS)
        road = f"{self.rng.choice(ZH_ROADS)}{self.rng.randint(1, 999)}号"
        unit = ""
        if self.rng.random() < 0.4:
            unit = f"{self.rng.randint(1, 30)}栋{self.rng.randint(1, 6)}单元{self.rng.randint(1, 30)}{self.rng.randint(1, 4):02d}室"
        r = self.rng.random()
        if r < 0.45:
            return f"{province}{city}{district}{road}{unit}"
        if r < 0.7:
            return f"{city or province}{district}{road}{unit}"
        if r < 0.85:
            return f"{road}{unit}"
        return f"{self.rng.choice(ZH_ESTATES)}{self.rng.randint(1, 30)}栋{self.rng.randint(101, 2808)}室"

    def uscc(self) -> str:
        from operators.pii.checksums import USCC_CHARS, uscc_check_char

        region = self.rng.choice(["110108", "310115", "440300", "330106", "510107", "420111"])
        body = self.rng.choice("159") + self.rng.choice("123") + region
        body += "".join(self.rng.choice(USCC_CHARS) for _ in range(9))
        return body + uscc_check_char(body)

    def hk_macau_permit(self) -> str:
        r = self.rng.random()
        if r < 0.5:
            return "C" + self.rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZ0123456789") + self._digits(7)
        return self.rng.choice("HM") + self._digits(8)

    def taiwan_permit(self) -> str:
        return self._digits(8) if self.rng.random() < 0.7 else "L" + self._digits(8)

    def qq(self) -> str:
        return str(self.rng.randint(1, 9)) + self._digits(self.rng.randint(4, 10))

    def wechat(self) -> str:
        first = self.rng.choice("abcdefghijklmnopqrstuvwxyz")
        rest = "".join(
            self.rng.choice("abcdefghijklmnopqrstuvwxyz0123456789_-") for _ in range(self.rng.randint(5, 14))
        )
        if not any(c.isdigit() or c in "_-" for c in rest):
            rest += str(self.rng.randint(0, 9))
        return first + rest

    def value(self, entity: str) -> str:
        gen = {
            "CN_USCC": self.uscc,
            "CN_HK_MACAU_PERMIT": self.hk_macau_permit,
            "CN_TAIWAN_PERMIT": self.taiwan_permit,
            "CN_QQ": self.qq,
            "CN_WECHAT": self.wechat,
            "PERSON": self.en_person,
            "ADDRESS": self.en_address,
            "EMAIL_ADDRESS": lambda: self.rng.choice(
                [self.en.email, self.en.free_email, self.zh.free_email]
            )(),
            "PHONE_NUMBER": self.en.phone_number,
            "CREDIT_CARD": self.credit_card,
            "US_SSN": self.en.ssn,
            "IP_ADDRESS": lambda: self.en.ipv4() if self.rng.random() < 0.7 else self.en.ipv6(),
            "IBAN_CODE": self.en.iban,
            "CN_MOBILE": self.cn_mobile,
            "CN_ID_CARD": self.cn_id,
            "CN_BANK_CARD": self.unionpay,
            "CN_LANDLINE": self.landline,
            "CN_PASSPORT": self.passport,
            "CN_LICENSE_PLATE": self.zh.license_plate,
        }[entity]
        return gen()

    # -- negatives ------------------------------------------------------------------
    def isbn13(self) -> str:
        body = "9787" + self._digits(8)
        check = (10 - sum(int(c) * (1 if i % 2 == 0 else 3) for i, c in enumerate(body)) % 10) % 10
        s = body + str(check)
        return s if self.rng.random() < 0.5 else f"{s[:3]}-{s[3]}-{s[4:7]}-{s[7:12]}-{s[12]}"

    def mistyped_id(self) -> str:
        good = self.zh.ssn()
        wrong = self.rng.choice([c for c in "0123456789X" if c != gb11643_check_char(good[:17])])
        return good[:17] + wrong

    def bad_luhn(self) -> str:
        payload = "62" + self._digits(15)
        good = luhn_check_digit(payload)
        return payload + str((int(good) + self.rng.randint(1, 9)) % 10)

    def negative(self, lang: str) -> Sample:
        template = self.rng.choice(NEGATIVE_EN if lang == "en" else NEGATIVE_ZH)
        text = template.format(
            order=self._digits(self.rng.choice([12, 14, 16, 18])),
            isbn=self.isbn13(),
            ts=self.rng.choice(
                ["2024010112" + self._digits(4), str(self.rng.randint(1_600_000_000, 1_800_000_000))]
            ),
            bad_id=self.mistyped_id(),
            bad_card=self.bad_luhn(),
            product=self.rng.choice("EGDS") + self._digits(8),
        )
        return Sample(text, [], "negative")

    # -- technical decoys and phone formats -------------------------------------------
    def decoy_value(self, kind: str) -> str:
        r, d = self.rng, self._digits
        if kind == "version":
            parts = [
                str(r.randint(1, 20)),
                str(r.randint(0, 40)),
                str(r.randint(0, 999)),
                str(r.randint(1000, 9999)),
            ]
            return ("v" if r.random() < 0.2 else "") + ".".join(parts[: r.choice([3, 4, 4])])
        if kind == "build_id":
            return r.choice(
                [f"{r.randint(2019, 2026)}{d(4)}.{r.randint(1, 99)}", f"#{d(7)}", f"{d(8)}-{d(4)}"]
            )
        if kind == "ip":
            return ".".join(str(r.randint(1, 254)) for _ in range(4))
        if kind == "date":
            y, m, dd = r.randint(1990, 2030), r.randint(1, 12), r.randint(1, 28)
            return r.choice(
                [
                    f"{y}.{m:02d}.{dd:02d}",
                    f"{dd:02d}.{m:02d}.{y}",
                    f"{y}-{m:02d}-{dd:02d} {r.randint(0, 23):02d}:{r.randint(0, 59):02d}:{r.randint(0, 59):02d}",
                    f"{y}/{m:02d}/{dd:02d}",
                ]
            )
        if kind == "order":
            return r.choice([d(10), d(16), d(20), f"{d(4)}-{d(4)}-{d(4)}", f"#{d(9)}"])
        if kind == "isbn":
            return self.isbn13()
        if kind == "coordinates":
            return f"{r.uniform(-89, 89):.4f}, {r.uniform(-179, 179):.4f}"
        if kind == "timestamp":
            return r.choice(
                [
                    str(r.randint(1_600_000_000_000, 1_800_000_000_000)),
                    f"{r.randint(2000, 2030)}-0{r.randint(1, 9)}-1{r.randint(0, 9)}T12:{r.randint(10, 59)}:{r.randint(10, 59)}.{d(6)}Z",
                ]
            )
        if kind == "price":
            return r.choice(
                [
                    f"${r.randint(1, 999)},{d(3)}.{d(2)}",
                    f"{r.randint(1, 999)}.{d(3)}.{d(3)},00",
                    f"{r.randint(1, 99)},{d(3)},{d(3)}.{d(2)}",
                ]
            )
        if kind == "file_size":
            return r.choice(
                [f"{r.randint(1, 999)},{d(3)},{d(3)}", f"{r.randint(1, 999)}.{d(3)}.{d(3)}", d(9)]
            )
        if kind == "hash":
            return "".join(r.choice("0123456789abcdef") for _ in range(r.choice([7, 32, 40, 64])))
        if kind == "uuid":
            h = lambda n: "".join(r.choice("0123456789abcdef") for _ in range(n))  # noqa: E731
            return f"{h(8)}-{h(4)}-{h(4)}-{h(4)}-{h(12)}"
        raise ValueError(kind)

    def decoy(self, lang: str) -> tuple[Sample, tuple[str, ...]]:
        """A technical sentence; its only span is the decoy, with the entities allowed on it."""
        kind, template, allowed = self.rng.choice(DECOY_EN if lang == "en" else DECOY_ZH)
        v = self.decoy_value(kind)
        pre, post = template.split("{v}")
        return Sample(pre + v + post, [("DECOY", len(pre), len(pre) + len(v))], f"decoy:{kind}"), allowed

    def phone_value(self) -> tuple[str, str]:
        """(entity, value): a phone number in one of the formats people write."""
        r, d = self.rng, self._digits
        area, exch, line = f"{r.randint(2, 9)}{d(2)}", f"{r.randint(2, 9)}{d(2)}", d(4)
        choices = [
            ("PHONE_NUMBER", f"({area}) {exch}-{line}"),
            ("PHONE_NUMBER", f"+1 {area} {exch} {line}"),
            ("PHONE_NUMBER", f"+1-{area}-{exch}-{line}"),
            ("PHONE_NUMBER", f"{area}-{exch}-{line}"),
            ("PHONE_NUMBER", f"{area}-{exch}-{line} ext. {r.randint(1, 999)}"),
            ("PHONE_NUMBER", f"{area}.{exch}.{line}"),
            ("PHONE_NUMBER", f"1-800-{exch}-{line}"),
            ("PHONE_NUMBER", f"+44 20 {r.randint(3, 8)}{d(3)} {d(4)}"),
            ("PHONE_NUMBER", f"+49 30 {d(8)}"),
            ("PHONE_NUMBER", f"+33 1 {d(2)} {d(2)} {d(2)} {d(2)}"),
            ("CN_MOBILE", f"+86 13{d(1)} {d(4)} {d(4)}"),
            ("CN_LANDLINE", f"0755-8{d(7)}"),
            ("CN_LANDLINE", f"400-{r.randint(1, 9)}{d(2)}-{d(4)}"),
            ("CN_LANDLINE", f"010.{r.randint(5, 8)}{d(3)}.{d(4)}"),
        ]
        return r.choice(choices)

    def phone_sample(self, lang: str) -> Sample:
        entity, v = self.phone_value()
        pre, post = self.rng.choice(PHONE_EN if lang == "en" else PHONE_ZH).split("{v}")
        return Sample(pre + v + post, [(entity, len(pre), len(pre) + len(v))], "phone_format")

    # -- samples --------------------------------------------------------------------
    def sample(self, lang: str, entity: str) -> Sample:
        templates = (EN_TEMPLATES if lang == "en" else ZH_TEMPLATES)[entity]
        template = self.rng.choice(templates)
        if lang == "zh" and entity == "PERSON":
            v = self.zh.name()
        elif lang == "zh" and entity == "ADDRESS":
            v = self.zh_address()
        else:
            v = self.value(entity)
        pre, post = template.split("{v}")
        text = pre + v + post
        spans = [(entity, len(pre), len(pre) + len(v))]
        for name in TEMPLATE_NAMES:  # names written into the templates are PERSON too
            i = text.find(name)
            if i >= 0 and entity != "PERSON":
                spans.append(("PERSON", i, i + len(name)))
        return Sample(text, spans, lang=lang)

    def mistyped_with_context(self) -> Sample:
        v = self.mistyped_id()
        pre = self.rng.choice(["身份证号：", "他的身份证号码为", "公民身份号码 ", "证件号码："])
        return Sample(pre + v + "。", [("CN_ID_CARD", len(pre), len(pre) + len(v))], "mistyped_id")

    def dataset(self, per_entity: int, negatives: int) -> list[Sample]:
        out = []
        for lang, table in (("en", EN_TEMPLATES), ("zh", ZH_TEMPLATES)):
            for entity in table:
                out += [self.sample(lang, entity) for _ in range(per_entity)]
            out += [self.negative(lang) for _ in range(negatives)]
        out += [self.mistyped_with_context() for _ in range(per_entity)]
        self.rng.shuffle(out)
        return out

    def lookalike(self, lang: str) -> Sample:
        """A sentence with words that look like a name or an address and are neither."""
        return Sample(self.rng.choice(LOOKALIKE_EN if lang == "en" else LOOKALIKE_ZH), [], "lookalike", lang)

    def pii_sentence(self, lang: str) -> Sample:
        table = EN_TEMPLATES if lang == "en" else ZH_TEMPLATES
        return self.sample(lang, self.rng.choice(list(table)))
