"""PERSON in Chinese text, offline: surname, given-name and word lists (``lexicon.py``) and
context words; no model.

A candidate is a surname (single or compound) followed by one or two characters common in given
names. It is rejected when it is, or starts, a frequent word (王者, 高兴, 周末, 黄金, 江山, 李子),
when the surname character ends a word begun before it (公司, 中东), when a place name starts there
(张家界, 石家庄) or when a place/organisation suffix follows (文三路, 林业局, 黄山市). A
three-character candidate scores 0.6; a two-character one 0.45 between function words or
punctuation (由刘娜主持, "，王磊是"), else 0.35 (below the 0.4 threshold); a context word raises a
score by 0.4: titles and roles before or after (先生, 女士, 联系人, 姓名, 收件人, 医生, 老师, 经理,
...), or "是一位/是一名/今年/岁" after, and where it decides, a label (联系人, 姓名, 户名, ...) or a
title right after overrides the word-list rejection ("户名高明"). A candidate accepted anywhere in a
document is accepted at its other mentions too. A bare surname before a title (王先生, 李女士,
张老师) is a PERSON too (0.5): the surname is what names the person in "请联系王先生13800138000". So is
one before a short form of address (刘总, 陈工, 李哥, 赵叔叔) where no word stands (王总结, 高工);
pseudonymized names are 张某, 刘某某 and, numbered, 李某甲, 王某乙.

Names whose characters are in no given-name list (马化腾, 任正非, 袁隆平) are found by their frame
(0.45): a surname after a clause boundary or a list word (，。、\n 和 与 及), then one or two
characters, then a word that follows names (是, 说, 在, 表示, 院士, ...), or, right after a sentence
boundary, three characters whatever follows. Three lists derived from jieba's dictionary by
``scripts/build_pii_lexicon.py`` keep this precise: the name's last character must end given names
(jieba's 3-character names: 腾, 非; not 机, 族), the name is no rarer word that begins with a surname
(唐装, 韩剧, 熊猫) and its last character begins no frequent word (杨梅季节, 陈皮可以). A framed
name is then found at its other mentions. Next to a name found, between list marks (张三、李四和
王五), a surname and one or two characters are a name whatever their characters. Names with a
middle dot (阿卜杜拉·艾尼) are taken whole, a role before them left out; 老刘/小赵 after a boundary
are a person as a subject, not only when addressed.

Well-known names (``cn_famous_names.txt``: historical figures, writers, leaders, scientists,
athletes, entertainers, entrepreneurs) are names where they stand as a word, though jieba lists many
as words (曹操, 李白, 鲁迅, 姚明): a set look-up at the scan's own matches (a third branch of its
pattern stops at the first two characters of those its first branch cannot start), with no word
across either end (李白菜, 马云南下), no place, firm, brand or trophy word after (雷锋塔, 李宁牌, 李宁杯)
and a two-character one not the start of a longer name (陈云峰). A two-character candidate that
begins a sentence scores 0.45 before a time word or an adverb too (徐亮早上, 冯刚最近: CN_START_AFTER).

Forms, records and tables: a label (CN_LABELS, and CN_FIELD_LABELS such as 学生, 医生, 导师, 房东,
which are roles right before a word) then a colon or a space, even after a parenthesis
(上诉人（原审被告）：), then a surname and one or two characters ending the field, is a name
whatever its characters (姓名 雷鸣 性别 男). References (GB/T 7714): at the start of a line holding
a type mark ([J], [M], [C], [D], [N], ...), after an optional number ([1], 1.), surnames with one
to three characters separated by commas and ending in a full stop or 等 are authors. A name before
a brand or firm word (CN_BRAND_AFTER: 李宁牌, 周黑鸭股份) or a shop's 记 (李锦记, 徐福记; not 记得,
记下) is no person; this is looked at only for a candidate about to be accepted.

Cued names (``_cued``), where the scan's surnames do not start: an ambiguous surname
(cn_surnames_ambiguous.txt, less CN_AMBIGUOUS_NAME_NOT: 向, 时, 全, 习, 原, 花, 师) and two given-name
characters framed by cues (a boundary, a word that comes before objects or addressees such as
感谢/听/让/由, or a role word before; a word that follows names, a title or a speech verb after: 由原
文杰负责, 村民门春生家, 时晓东说), a list of such names with 、 (向明、时勇、全丽三人), and a minority name
that is a run of name parts after a boundary before a word that follows names (扎西次仁是); their
starts come from ``_more_chars``' pass (no scan of their own). A two-character candidate after a
verb that takes a person (CN_VERB_CUES: 佩服张磊的, 告诉文斌，) or after a word and before a speech
verb (昨天李明说) scores 0.45; 时某/全某某 are pseudonymized names too.

Weak context (issue #16, ``zh_name_model.py``): a surname and one given-name character that scores
0.35 (no cue, not between function words: 周婷考上了, 碰见杨帆了, 楼主韩冰说) and is no listed word is a
name (0.45) where a statistical model's log odds reach its threshold: the surname's and the given
character's odds of writing a name rather than words, from jieba's dictionary (its 3-character
names against its 2-character words), with the characters around it (a boundary, a function word
or the end of a word before it; a word that follows names after it) and against it (jieba lists the
pair as a word, whatever its tag: 冉冉, 杨梅; the given character starts a word with the next one;
于/任 after a word; a transliteration; a hotel stayed at). Such a name is added after the other passes
(a framed 刘福印 wins over its 刘福), not where an organisation's last character follows within five
characters (惠珍联合医院, 沈飞客车队), with a third character where a word that follows names comes after
that (梁坤奠是), and its other mentions as a framed name's. Brands named after people
(``cn_brand_names.txt``: 李宁, 张小泉, 周大福; 王老吉, 康师傅 marked always) are no person where a product,
shop or purchase word stands close (李宁的这款跑鞋, 买了一箱康师傅), unless a word that follows a person
comes right after the name (李宁曾说过): looked at only for a finding that is part of such a name.

Scored names (issue #16, zh_person13, ``_scored``): a surname and one or two characters that no
given-name list holds (刚, 继, 伯, 少, 正: 副部长孙振刚, 个体户李少英, 记者余继军, ，邓刚一直) are a name
(0.45) where ``ZhNameModel.span_logit`` (the characters' odds in jieba's dictionary, a word that
follows names after it) and where the candidate stands (a role or office word right before it, a
boundary, a function word; a found name it is listed with; a second mention) reach a threshold:
lower after a role (SPAN_ROLE_THRESHOLD) than elsewhere (SPAN_THRESHOLD, and only with a word that
follows names after it). Not a word, a place, an organisation or, away from a role, a
transliteration or a brand. Its starts come from one ``re`` scan (a surname after a boundary, a
function word or a role's last character).

Transliterated foreign and minority names with no middle dot (issue #16, ``_translit``): a run
of two to six transliteration characters (CN_TRANSLIT: Xinhua transliteration characters weighed
strong 斯尔诺夫娃, middle 拉克特德普, weak 里马西提) after a boundary, a function word or a role
word (总理默克尔, 留学生伊万诺夫) and before a word that may follow a person (拜登签署, 吐尔逊老人,
约翰主持) is a name where a role or a person's word frames it, or where its weights reach
CN_TRANSLIT_WEAK_CUES between a boundary and a function word (塔娜的, 努尔江是); not a known place,
people, loanword or brand (``cn_translit_words.txt``: 莫斯科, 马尔代夫, 奥斯卡), nor a run ending as
places do (亚, 堡, 兰) without a role. A finding that such a word starts and covers is dropped
(莫斯科, 马尔 of 马尔代夫). One ``re`` pass of the runs (a character class, possessive: linear).
Names after @ in chat (@王小明 你好), 老周/小美/阿杰 after a service or workplace role (装修师傅老周,
客服小美: CN_SERVICE_ROLES) and minority names after a role word (室友买买提, 姑娘阿朵) are found too.

Single sentences (issue #16, zh_person9): a kin or social relation word right before a name is its
context (CN_KIN_BEFORE: 孙女田甜, 前夫郑强, 同桌许晨; not a word away: 朋友选择江景房), and a role for
老周/小美/阿杰 and transliterated or minority names after it; 老/小/阿 and a name character opening a
sentence before a time word, an adverb or a verb of a life (CN_ADDRESS_SUBJECT_AFTER: 阿强今天, 老周退休,
jieba's 老周 included for the frequent surnames); one minority name part alone opening a sentence before
是/在/和/把/被 (旺堆是, 央金和); 今年 and 是一个 after a word are weak context (黄金今年涨了, 江南今年).
Long word tuples are looked up by length in sets (``_Ends``/``_Starts``), not by ``str.endswith``.

Forms of the blind set zh10 (issue #16, zh_person10): characters chosen almost only for given names
(翀, 喆, 堃, 玥, 淼 in ``cn_given_chars.txt``: 王翀在, 李堃从小); a transliteration jieba lists as a
rarer word framed by a boundary and a speech verb or a person's word (伊万说); a surname and a short
form of address after a service or workplace role (月嫂张姐, 保姆刘姐); 小/老/阿 and a name before
你/您 (阿伟你, chat writes no comma), and 小 with a kin or pet word's character no name (小妹, 小宝).

Narrative clauses (issue #16, zh_person18): 小/老 and a surname that mostly writes names (the name
model's odds at least CN_NICK_SURNAME_ODDS: 小黄, 老马; not 小党, 老路) or 阿 and a given-name
character is a nickname after a boundary, a word that comes before names, a particle (的, 了, 是, 着,
过, 里) or a word that ends right before it (周末小张约, 新来的小杨做事, 这个bug是小黄修的), and no
word across either end (小周末, 小马达, 大小王); 阿 only before a word that follows names unless it
opens a sentence (阿强骑着; not 阿巴查将军), and these are added after the frames (``_nick_in_clause``).
A given name alone after its full name may follow a word that ends right before it where its two
characters are mostly a name's (上周晓丽来, 后来子轩慢慢; not 哲学博士: ``_word_before``). 得 is a weak
transliteration character (彼得, 彼得罗夫). A dotted name's last part may be one character after a
first part that is no place or known transliterated word, before a boundary (阿卜杜拉·汗。, 伊姆兰·汗说).

Documents (issue #16, ``_propagate``): a name found anywhere in a text is a name at its other
mentions (记者邱振华报道 ... 邱振华在现场看到) where the candidate scan did not take them (its accepted
names' mentions are found already): a three- or four-character one where no word crosses its
start, a two-character one framed on both sides, a transliteration framed on one side (not 巴科塔人);
not before a brand or memorial word (周恩来纪念馆). Group chats
(``_chat_events``): the slots of WeChat's system lines ("郑浩"邀请"马丽"加入了群聊, 冯佳撤回了一条消息,
戴军拍了拍"金鑫", "许晴"修改群名为...) hold members' names, words included (汪洋撤回了一条消息).

Speed: one overlapped ``re`` pass yields only full candidates, each with its surname's end, a
title right after it and its given-name characters (the second one only where no context word or
frequent word starts there), so texts and positions without a surname followed by a given-name
character or a title cost no Python. Per candidate, the word-list and place tests run on slices
against frozensets, and the context window's regex runs only where a context word could decide.
The frame pass takes its positions from the same scan (a second branch of its pattern: a surname
after a boundary that starts no candidate). The label pass reads only the colons and spaces after a
label's last character (and the colons of a speaker at a line's start), not every space of a text.
Linear time: one pass over the text, O(1) look-ups per candidate and bounded windows; the other
mentions of at most CN_PROPAGATE_MAX framed names are looked up (one ``str.find`` scan each).

Adding a rule (where each kind plugs in):

* a test of a scan candidate (a surname and one or two given-name characters, ``text[i:end]``, the
  surname ``text[i:j]``): in ``analyze``'s candidate loop, after the place-suffix test. ``continue``
  drops it; ``pending.setdefault(name, []).append((i, end))`` keeps it as a name only if the same
  name is accepted or framed elsewhere in the text; ``accepted.add(name)``, ``found.append(Finding(
  ...))`` and ``pos = end`` accept it. Prefer slices looked up in frozensets; compute a slice once.
* a rule anchored on a character or a word (某, a label's colon, 小/老/阿, a middle dot): a
  ``str.find`` loop in ``_more`` (add the character to ``_more_chars``), calling ``add(i, j,
  score)``, which skips a span that overlaps a name found (``wins=True``: it replaces them).
* a frame (words before or after a name whatever its characters): an anchor word in
  CN_SPEECH_VERBS, CN_OBJECT_AFTER or CN_FRAME_ROLES (``_structural``; one scan of the trie
  ``_struct``) or a word of CN_FRAME_AFTER (``_framed_pass``).

Keep every rule to bounded windows around its anchor (linear time: add a case to
``tests/test_pii_person_zh_linear.py`` for a new path) and check a speed change for identical findings
on whole corpora, not only the tests.
"""

from __future__ import annotations

import re
from functools import lru_cache
from operator import itemgetter

from .actions import Finding
from .lexicon import DATA, chinese
from .zh_name_model import (
    BOUNDARY_AFTER,
    FUNCTION_AFTER,
    NOT_ALONE,
    SPAN_ROLE_THRESHOLD,
    SPAN_THRESHOLD,
    SPAN_WEIGHTS,
    THRESHOLD,
    TRANSLIT,
    TRANSLIT_AFTER,
    model,
)

#: Characters that end a name candidate: function words, and 先/女/老/医/经/主...
#: which begin the titles that follow names (张伟先生, 王芳女士, 李明老师).
CN_STOP = frozenset(
    "的了是在和与及或也都就说为对把被从向到给让等着过将于而并但之其这那个们来去上下有没不很更最又还再已会能要以"
    "所时后前里内外年月日号元岁人医先女老经主同等说讲道称表曾将已正刚现该此每各某该我你他她它"
)
#: A character after a candidate that makes it a place or organisation name.
CN_PLACE_SUFFIX = frozenset(
    "路街道区县市省镇村乡巷里弄号山河湖江桥站厂店楼馆院校园寺庙港湾岛门峡关局委部厅处州城庄屯营堡寨塔"
)
CN_ORG_SUFFIX2 = frozenset(
    ["大学", "学院", "中学", "小学", "公司", "集团", "医院", "银行", "大道", "广场", "大厦", "花园", "小区", "酒店",
     "宾馆", "饭店", "商场", "超市", "工厂", "研究", "中心", "基金", "协会", "学会", "委员", "政府", "公园", "机场",
     "车站", "地铁", "体育", "博物", "图书", "科技", "实业", "控股", "股份", "有限", "国际", "投资", "电子", "网络"]
)  # fmt: skip
#: Labels that introduce a name: strong enough to take a common word as a name ("户名高明").
CN_LABELS = (
    "联系人", "姓名", "名字", "收件人", "收货人", "寄件人", "发件人", "户名", "开户名", "持卡人", "我叫", "名叫",
    "叫做", "他叫", "她叫", "签名", "署名", "委托人", "代理人", "申请人", "当事人", "户主", "经办人", "监护人",
    "负责人", "法定代表人", "被告", "原告", "被告人", "嫌疑人", "犯罪嫌疑人", "患者", "病人", "亲爱的", "尊敬的",
    "证人", "审核人", "审批人", "填表人", "报案人", "举报人", "借款人", "出借人", "担保人", "承租人", "出租人",
    "作者", "编辑", "责任编辑", "审核", "校对", "记者", "通讯员", "主持人", "证明人", "立遗嘱人", "甲方", "乙方",
)  # fmt: skip
#: Field labels of forms, records and tables that name a person only before a colon or a space
#: ("学生：王芳", "姓名 王芳 性别 女"); right before a word they are a role ("学生高兴地").
CN_FIELD_LABELS = (
    "被申请人", "上诉人", "被上诉人", "委托代理人", "诉讼代理人", "签字", "签收人", "主治医师", "主治医生",
    "医师", "医生", "家长", "学生", "学生姓名", "班主任", "教师", "任课教师", "导师", "指导教师", "主讲人",
    "报告人", "演讲人", "发言人", "摄影", "房东", "租客", "买方", "卖方", "甲方代表", "乙方代表", "代表",
    "账户名", "收款人", "付款人", "领取人", "联系人姓名", "姓名", "撰稿", "撰文", "执笔", "主编", "记录人",
    "制表人", "复核人", "批准人", "验收人", "讲师", "病人姓名", "患者姓名", "开户人", "缴款人", "投保人",
    "被保险人", "受益人", "法人", "法人代表", "配偶", "父亲", "母亲", "紧急联系人",
)  # fmt: skip
#: Labels whose field holds nothing but a person's name: after one and a colon or a space, two or
#: three characters ending the field are a name even when their first is no listed surname
#: (联系人：向华强, 收货人：訾明); not labels a firm or a role may fill (甲方, 作者, 代表, 医生).
CN_NAME_ONLY_LABELS = frozenset(
    ["联系人", "姓名", "名字", "收件人", "收货人", "寄件人", "发件人", "户名", "开户名", "持卡人", "签名",
     "署名", "申请人", "当事人", "户主", "经办人", "监护人", "被告人", "嫌疑人", "犯罪嫌疑人", "患者",
     "病人", "证人", "填表人", "报案人", "举报人", "借款人", "出借人", "担保人", "承租人", "出租人", "证明人",
     "立遗嘱人", "被申请人", "上诉人", "被上诉人", "签字", "签收人", "学生姓名", "账户名", "收款人", "付款人",
     "领取人", "联系人姓名", "病人姓名", "患者姓名", "开户人", "缴款人", "投保人", "被保险人", "受益人",
     "紧急联系人", "记录人", "制表人", "复核人", "批准人", "验收人"]
)  # fmt: skip
#: Values of such a field that are no name (姓名：不详, 签字：本人).
CN_LABEL_NON_NAMES = frozenset(
    ["不详", "待定", "佚名", "未知", "匿名", "本人", "暂无", "同上", "见下", "见上", "空缺", "无名", "某某",
     "先生", "女士", "小姐", "客服", "略", "保密", "未填", "未填写", "见附件", "签字", "签名", "盖章", "姓名",
     "性别", "电话", "手机", "地址", "日期", "年龄", "民族", "职业", "单位", "本公司", "公司", "法人"]
)  # fmt: skip
#: Words after a name that make it a brand, a shop or a firm (李宁牌, 张亮麻辣烫旗舰店, 周黑鸭股份).
CN_BRAND_AFTER = (
    "牌", "品牌", "旗舰店", "专卖店", "专营店", "连锁", "门店", "分店", "总店", "酒家", "酒楼", "餐厅", "餐饮",
    "火锅", "药业", "药房", "制药", "食品", "茶庄", "茶行", "商行", "老字号", "汽车", "电器", "集团", "公司",
    "股份", "科技", "饭店", "实业", "控股", "有限",
    # products and shops a brand named after a person sells (张小泉剪刀, 王老吉凉茶, 周大福珠宝店)
    "剪刀", "凉茶", "珠宝", "金店", "金饰", "腐乳", "辣酱", "酱油", "酱菜", "烤鸭", "月饼", "糕点", "麻辣烫",
    "药膏", "膏药", "牙膏", "酒业", "白酒", "黄酒", "啤酒", "茶叶", "奶茶", "水饺", "面馆", "粉店", "米粉", "小吃",
    "烧饼", "卤味", "鸭脖", "服饰", "服装", "女装", "男装", "童装", "鞋业", "皮鞋", "化妆品", "护肤品", "洗发水",
    "饮料", "奶粉", "乳业", "大药房", "药店", "书店", "商店", "餐馆", "馄饨", "汤圆", "凉皮", "粽子", "烧鸡",
    "板鸭", "米线", "拉面", "牛肉面", "牛肉干", "梳子", "纪念馆", "纪念堂", "纪念碑", "故居", "铜像", "雕像",
    "基金会", "奖学金", "痔疮",
    # an eponymous virtue or doctrine (雷锋精神, 焦裕禄精神, 马克思主义)
    "精神", "主义",
)  # fmt: skip
#: Words near a brand named after a person (cn_brand_names.txt) that make its mention the brand:
#: within CN_BRAND_WINDOW characters after it (李宁的这款跑鞋, 周大福新出的手链) ...
CN_BRAND_CONTEXT = (
    "鞋", "衣", "T恤", "外套", "裤", "戒指", "手链", "项链", "手镯", "耳环", "首饰", "金饰", "金价", "黄金",
    "珠宝", "金店", "剪刀", "菜刀", "刀具", "凉茶", "饮料", "方便面", "泡面", "面条", "挂面", "腐乳", "蚝油",
    "酱", "鸭脖", "麻辣烫", "梳子", "雪糕", "糖果", "牛肉", "火锅", "花生", "白酒", "酒", "牌子", "品牌", "产品",
    "专卖店", "旗舰店", "门店", "分店", "店里", "款", "系列", "新品", "质量", "价格", "广告", "代言", "罐", "瓶",
    "箱", "包装", "官方", "股价", "股份", "公司", "集团", "上市", "财报", "年报", "好喝", "好吃", "售后", "打折",
    "油", "药",
)  # fmt: skip
CN_BRAND_WINDOW = 10
#: ... or within 4 characters before it (买了一箱康师傅, 喝一罐王老吉, 穿李宁)
CN_BRAND_BEFORE = ("买", "穿", "喝", "吃", "戴", "用", "罐", "瓶", "箱", "双", "家", "牌", "款")
#: What follows a person right after such a name (李宁曾说过, 李宁表示, 李宁点燃了): no brand then
CN_BRAND_PERSON_AFTER = frozenset("说曾称指认谈回笑表是")
#: three-character brand words whose first two characters often follow a name (李宁运动鞋, 王守义十三香)
CN_BRAND_AFTER3 = frozenset(["运动鞋", "运动服", "运动装", "十三香", "牛肉面", "牛肉干"])
#: their first two characters (a set look-up of the two characters after a candidate)
_BRAND2 = frozenset(w[:2] for w in CN_BRAND_AFTER if len(w) > 1)
#: the first characters of a brand, firm, trophy or prize word (牌, 记, 杯, 奖, 品牌, 集团, ...)
_BRAND_FIRST = frozenset(w[0] for w in _BRAND2 | CN_BRAND_AFTER3) | frozenset("牌记杯奖")
#: After 奖 these make it a verb or a noun of its own (王芳奖励, 李明奖金), not a prize (邵逸夫奖).
CN_JIANG_NOT = frozenset("励赏惩金状品章券项")
#: After 记 these make it a verb (王芳记得, 李明记下, 给王景龙记个人二等功), not a shop name's 记 (李锦记, 徐福记, 荣记).
CN_JI_VERB = frozenset("者得录住忆载性账下着了过起述事挂念恨个一大功")
#: Reference-type marks of GB/T 7714 after an author list ("王晓明, 李华. 题名[J]. 刊名, 2019.").
CN_REF_TYPES = frozenset("JMCDNRSPZAG")
#: Separators between the authors of a reference and what ends the list.
CN_AUTHOR_SEP = frozenset(",，、;；")
CN_AUTHOR_END = frozenset(".．。")
#: Context before a name (the name follows within a few characters).
CN_CONTEXT_BEFORE = (
    "联系人", "姓名", "名字", "收件人", "收货人", "寄件人", "发件人", "患者", "病人", "客户", "顾客", "学生", "同学",
    "员工", "职员", "作者", "记者", "编辑", "委托人", "代理人", "法定代表人", "负责人", "申请人", "被申请人",
    "被告", "原告", "被告人", "当事人", "嫌疑人", "犯罪嫌疑人", "户主", "签名", "署名", "经办人", "审核人",
    "医生", "医师", "护士", "老师", "教授", "主任", "经理", "律师", "法官", "警官", "院长", "校长", "董事长",
    "总经理", "主席", "书记", "局长", "厂长", "村长", "队长", "班长", "主治医生", "主治医师", "我叫", "名叫",
    "叫做", "他叫", "她叫", "本人", "先生", "女士", "小姐", "联系", "致", "亲爱的", "尊敬的", "持卡人", "开户名",
    "户名", "监护人", "家属", "配偶", "丈夫", "妻子", "儿子", "女儿", "父亲", "母亲", "租客", "房东", "业主",
    "证人", "通讯员", "摄影", "主持人", "演员", "歌手", "导演", "选手", "运动员", "教练", "村民", "居民", "市民",
    "网友", "司机", "民警", "村支书", "报案人", "举报人", "借款人", "担保人", "审批人", "填表人",
    "快递员", "快递小哥", "外卖员", "骑手", "裁判", "客服", "店员", "店长", "服务员", "保安", "厨师",
    "工程师", "秘书", "助理", "队员", "球员", "部长", "科长", "处长", "厅长", "省长", "市长", "县长", "镇长",
    "乡长", "区长", "室友", "邻居", "组长", "实习生", "作家", "画家", "诗人", "主播", "研究员", "检察官", "法医",
)  # fmt: skip
#: Kin and social relations right before a name (孙女田甜, 前夫郑强, 同桌许晨, 闺蜜苏菲, 合伙人于洋):
#: how family stories, forum posts and court records introduce a person. Context only right
#: before the name (not a word away: 朋友选择江景房), and role words before 老周/小美 and minority names.
CN_KIN_BEFORE = (
    "孙女", "孙子", "外孙", "外孙女", "侄子", "侄女", "外甥", "外甥女", "哥哥", "姐姐", "弟弟", "妹妹",
    "表哥", "表姐", "表弟", "表妹", "堂哥", "堂姐", "堂弟", "堂妹", "老伴", "老公", "老婆", "爱人", "前夫",
    "前妻", "未婚夫", "未婚妻", "男友", "女友", "男朋友", "女朋友", "闺蜜", "发小", "好友", "朋友", "同事",
    "同桌", "同乡", "老乡", "战友", "徒弟", "师兄", "师姐", "师弟", "师妹", "学长", "学姐", "学弟", "学妹",
    "合伙人", "舅舅", "舅妈", "姑姑", "姑父", "婶婶", "伯父", "伯母", "大伯", "姨妈", "姨父", "外公",
    "外婆", "姥姥", "姥爷", "岳父", "岳母", "女婿", "儿媳", "继母", "继父", "养父", "养母", "干妈", "干爹",
    "公公", "婆婆", "爸爸", "妈妈", "我爸", "我妈", "队友", "搭档", "闺女",
    # in-laws and cousins of the parents, and people met at work, in hospital, at play
    "表舅", "表叔", "表姑", "表姨", "姑妈", "小姨", "嫂子", "大嫂", "姐夫", "妹夫", "弟媳", "叔叔",
    "病友", "工友", "球友", "老同学",
)  # fmt: skip
#: Context right after a name.
CN_CONTEXT_AFTER = (
    "先生", "女士", "小姐", "同学", "老师", "医生", "医师", "护士", "教授", "主任", "经理", "律师", "警官", "同志",
    "师傅", "总经理", "董事长", "院长", "校长", "局长", "书记", "主席", "博士", "硕士", "是一位", "是一名", "是一个",
    "今年", "，男", "，女", "（男", "（女", "(男", "(女", "男，", "女，", "的电话", "的手机", "的身份证", "的邮箱",
    "的地址", "的住址", "的信用", "的银行", "的账户", "的病", "的诊断", "的年收入", "出生于", "生于", "现居", "居住",
    "住在", "家住", "的主治", "为他", "为她", "签字", "签名", "本人", "岁",
    "大爷", "大妈", "大娘", "阿姨", "奶奶", "爷爷",
    *(CN_ROLES_AFTER := ("院士", "元帅", "导演", "教练", "选手", "委员", "代表", "记者", "烈士", "夫妇", "夫妻", "主编")),
)  # fmt: skip
#: Roles after a name that raise its score but, unlike a title, do not make a frequent word a name
#: ("农民代表", "农民夫妇": 农 is a surname, 农民 a word).
CN_WEAK_AFTER = frozenset(CN_ROLES_AFTER) | frozenset(
    # nor a time word or a classifier said of anything (黄金今年涨了, 江南今年雨水多, 江山是一个好地方;
    # 是一位/是一名 are said of people)
    ["今年", "是一个"]
)

#: Frequent words whose first character is also a given-name character (一起, 一样, 一直):
#: after a two-character name, the name ends before them.
CN_WORDS_AFTER = frozenset(
    "一起 一样 一直 一定 一些 一下 一般 一同 一边 一向 一切 一致 一共 一再 一度 一旦 一律 一概 一行 一家 一年 一天 一次"
    " 一个 一位 一名 一时 一面 明天 明年 东西 中国 中心 平时 平均 正在 正式 正常 长期 长大 成为 成功 成立 新的 新年".split()
)
#: Time words and adverbs after a two-character name that begins a sentence (徐亮早上六点就出门了,
#: 冯刚最近, 罗斌上个月); their first characters are not in CN_POST.
CN_START_AFTER = frozenset(
    "早上 上午 中午 下午 晚上 今晚 昨晚 明晚 今早 上个 上周 上次 下周 下个 最近 前天 后天 后来 刚刚 刚才 每天 每年"
    " 每周 一直 一早 平时 目前 当时 那天 那年 从小 突然 终于 立刻 总是 经常 常常 仍然 依然 始终 居然 竟然 果然"
    " 其实 本来 原来 早就 早已 随后 然后 先后 不久 近日 近年 日前 此前 此后 亲自 独自 特别 并不 并没 没有 不是"
    # verbs and adverbs that open a news or school report after its subject (吴敏负责, 林静通过, 韩梅连续)
    " 负责 通过 希望 连续 坚持 强调 积极 多次 分别 共同 专门 依法 因病 因为 随即 连夜".split()
)
#: Given parts that are words for people in general: a surname before one is a verb or a word
#: (祝大家, 谢大伙, 为自己).
CN_GIVEN_NOT = frozenset(["大家", "大伙", "各位", "自己", "人们", "大伙儿"])
#: Pronouns before a word that a title follows (我高中同学, 他大学老师): the word is no name.
CN_PRONOUNS = frozenset("我你他她您咱")
#: What ends a sentence before its subject.
CN_SENTENCE_END = frozenset("。！？；!?;\n")
#: Titles right after a bare surname (王先生, 李女士, 张老师).
CN_TITLES = frozenset(
    [
        "先生",
        "女士",
        "小姐",
        "老师",
        "医生",
        "经理",
        "师傅",
        "阿姨",
        "律师",
        "教授",
        "大夫",
        "同学",
        "大爷",
        "大妈",
        "大娘",
        "奶奶",
        "爷爷",
        # kin words a neighbour or a friend's parent is addressed by (周叔叔, 孙伯伯, 何姥姥)
        "叔叔",
        "伯伯",
        "婶婶",
        "姥姥",
        "姥爷",
        "婆婆",
        *(
            CN_OFFICE_TITLES := (
                "书记", "局长", "科长", "处长", "主任", "院长", "校长", "部长", "县长", "市长", "省长", "镇长",
                "村长", "厂长", "队长", "组长", "老板", "警官", "法官", "总经理", "董事长", "大哥", "大姐", "同志",
                "教练",
            )
        ),
    ]
)  # fmt: skip
#: What may come right before a surname and an office title (的吴厂长, 找王局长, 是李书记).
CN_OFFICE_PRE = frozenset("由和与给跟向对把被让叫请据同及或识找问帮陪约的在了从到是为见")
#: Characters before 于 that make it a preposition, not the surname (将于, 由于, 位于, 至于, 终于).
CN_YU_AFTER = frozenset("将由位等至关对鉴属终善基出处用在敢勇乐忙便易限过免急苦始源归请")
_HAS_CJK = re.compile("[\u3400-\u9fff]")
_start = itemgetter(1)  # Finding.start (a named tuple)
CN_BEFORE_WINDOW = 8
CN_AFTER_WINDOW = 4
CN_BOOST = 0.4


def _lines(name: str) -> frozenset[str]:
    text = (DATA / name).read_text(encoding="utf-8")
    return frozenset(line for line in text.splitlines() if line and not line.startswith("#"))


@lru_cache(maxsize=1)
def _rare_words() -> frozenset[str]:
    """Rarer words that begin with a surname (``scripts/build_pii_lexicon.py``): 韩剧, 唐装."""
    return _lines("cn_surname_words.txt")


@lru_cache(maxsize=1)
def _given_char_words() -> frozenset[str]:
    """Frequent words that begin with a given-name character (``scripts/build_pii_lexicon.py``)."""
    return _lines("cn_given_char_words.txt")


@lru_cache(maxsize=1)
def _famous_names() -> frozenset[str]:
    """Well-known names that jieba may list as words (曹操, 李白, 鲁迅, 姚明): ``cn_famous_names.txt``."""
    return _lines("cn_famous_names.txt")


def _trie(words) -> str:
    """An alternation of ``words`` as a trie (说|说道|表示 -> 说(?:道)?|表示), the longest first: ``re``
    then tests one branch per first character instead of every word. ``words`` may map each word to
    a pattern that must follow it (a lookaround; at the word's end)."""
    tree: dict = {}
    for w in words:
        node = tree
        for c in w:
            node = node.setdefault(c, {})
        node[""] = words[w] if isinstance(words, dict) else ""

    def emit(node: dict) -> str:
        alts = [re.escape(c) + emit(rest) for c, rest in sorted(node.items()) if c]
        end = node.get("")
        if end:  # the word ends here and must meet its pattern
            alts.append(end)
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 and end != "" else f"(?:{'|'.join(alts)})"
        return f"{body}?" if end == "" else body

    return emit(tree)


def _tokens(name: str) -> frozenset[str]:
    """Space-separated entries of a data file (comment lines left out)."""
    text = (DATA / name).read_text(encoding="utf-8")
    return frozenset(t for line in text.splitlines() if not line.startswith("#") for t in line.split())


@lru_cache(maxsize=1)
def _name_chars() -> frozenset[str]:
    """Characters of given names beyond the list (``scripts/build_pii_lexicon.py``): 继, 炳, 靖."""
    return _lines("cn_given_chars_jieba.txt")


def _word_alternation(words) -> re.Pattern:
    """The longest of ``words`` at a position, as a trie in ``re`` (2-3x faster than an alternation
    of the words in ``regex``; the same matches)."""
    return re.compile(_trie(set(words)))


#: Characters that typically come right before / after a name in running text.
CN_PRE = frozenset("由和与给跟向对把被让叫请据同及或识找问帮陪约，、：:（(「“《 \n\t\u3000\"'‘")
CN_POST = frozenset(
    "是说在的和与把被向对给今昨明已也都就又还曾将正主介签认表提指称告问答笑看去来到从带领等吗呢吧啊呀获创发出参担"
    "打接播摄见作写唱演做讲坐走拿买卖住结离回率宣执致透坦任当首亲独，。、；：！？）)」”（( \t\u3000\n"
)
#: Between two names of a list (赵文静、孙浩; 邓超和孙俪): a candidate next to an accepted name counts.
CN_COORD = frozenset("、和与及跟同")
#: 张某, 刘某某 are how court rulings and news write a person's name; 某 before these starts a
#: word (某些, 某种, 某个, 某天, 某人, 某地).
CN_MOU_NOT_AFTER = "些种个天人地日年月处时项位次件方家类样部单"
#: Short forms of address after a bare surname (刘总, 陈工, 李哥, 王姐, 赵叔): only the surname is
#: the person's name (赵叔叔 too).
CN_KIN_FORMS = "哥姐叔"
#: 总 and 工 (刘总, 陈工) are frequent characters: the candidate scan takes them as titles (no
#: ``str.find`` of every 工 in a text).
CN_KIN_SCAN = "总工"
#: Tian gan after 某 that number pseudonymized parties (李某甲, 王某乙, 孙某丙).
CN_MOU_ORDINALS = frozenset("甲乙丙丁戊己庚辛壬癸")
#: What follows a name used to address someone (老王，小李！阿强说; 阿伟你, 小王您: chat writes no comma).
CN_VOCATIVE_AFTER = frozenset("，,！!？?：:、说你您")
#: Characters before 老王/小李 that leave it a form of address (听老张说, 跟小李说, 问老王：).
CN_ADDRESS_PRE = frozenset("听跟和与给向对把被让叫请同找问帮陪约喊见")
#: A clause boundary, a list word or 是/叫/请 right before a name: where a
#: surname and one or two characters of any kind then meet a word that follows names
#: (CN_FRAME_AFTER, or a title or role of CN_CONTEXT_AFTER), they are a name even with characters
#: no given-name list holds (马化腾在, 高家林是, 邱少云烈士). After a sentence boundary
#: (CN_FRAME_STRONG) or a role word (主持人何炅), a surname and two characters are a name whatever
#: follows (任正非很少, 戚继光抗击).
CN_FRAME_BEFORE = "和与及是叫请，。、；：！？（(「“《》」”— \n\t\u3000"  # (a dash: 他们三个人——陈刚、李海峰)
CN_FRAME_STRONG = frozenset("。！？；：，、（(「“《》」”\n\t \u3000")
#: Words that follow a person as the subject or an item of a list (their first character).
CN_FRAME_AFTER = frozenset(
    "是说在和与及把被向对给曾将已也都就又还正现表指透称告笑率领带亲凭获担当从等用以为、，。；！？）)」”"
)
#: Day and year words whose two characters are both given-name characters: after 小/老/阿 and a
#: surname they are the nickname's time word (小陈明天去北京, 小李今年毕业), not a given name.
CN_DAY_WORDS = frozenset("今天 明天 昨天 后天 前天 今年 明年 去年 今晚 明晚 昨晚".split())
#: Time words, adverbs and verbs of a life after 老周/小美/阿强 as a sentence's subject (老周退休以后,
#: 小美今天, 阿强上个月): CN_START_AFTER's and the days.
CN_ADDRESS_SUBJECT_AFTER = CN_START_AFTER | frozenset(
    "今天 昨天 明天 今年 去年 明年 退休 出门 回来 回家 下班 上班 结婚 生病 住院 毕业".split()
)
#: Characters a given name does not hold in a framed name: function words, numerals, units and
#: the place or organisation words (CN_STOP, CN_PLACE_SUFFIX hold more).
CN_FRAME_NOT_GIVEN = frozenset(
    "的了是在和与及或也都就说对把被从到给让着过将而并但其这那们有没不很更最又还再已会能要以所后前里内外上下今昨"
    "一二两六七八九十百千万亿零几多年月日周天时分秒点次个位名只件条种样些各每本该此以为摄"
)
#: What ends a dotted name's part: CN_FRAME_NOT_GIVEN less the characters transliterations use
#: (阿不都, 外力, 多里坤).
#: 万 and 里 write sounds in transliterations (伊万诺夫, 海因里希, 谢里夫; zh_person14).
CN_DOT_STOP = CN_FRAME_NOT_GIVEN - frozenset("都外内多不万里")
#: Marks between the names of a list (张三、李四和王五).
CN_LIST_MARKS = frozenset("、和与及")
#: System lines of a group chat whose slots hold members' names (``_chat_events``).
CN_CHAT_EVENTS = (
    "撤回了一条消息",
    "拍了拍",
    "加入了群聊",
    "加入群聊",
    "修改群名为",
    "通过扫描",
    "与群里其他人都不是",
)
#: How far back an event looks for its line's start, and forward for the name after 拍了拍.
CN_CHAT_LINE = 24
#: What is stripped around a chat slot's name (quotes, spaces).
CN_CHAT_STRIP = frozenset(" \t\u3000\"'“”‘’「」『』")
#: Framed names per text looked up at their other mentions (each is one scan of the text).
CN_PROPAGATE_MAX = 64
#: How far after a full name its given name alone is looked for (a story's next paragraphs)
CN_GIVEN_WINDOW = 1500
#: Last characters of roles and titles before a dotted name (总理, 议长, 指挥家, 大臣, 导演).
CN_ROLE_END = frozenset("理长家席臣演员手师者官人士使帅将统雄民族医生记裁")
#: Characters that join the parts of a transliterated or minority name (阿卜杜拉·艾尼).
CN_NAME_DOTS = "·・"
#: The most frequent surnames: 小张, 老王, 小李 as a form of address, even where jieba lists the pair.
CN_TOP_SURNAMES = frozenset("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗")
#: Speech and action verbs that frame the two to four characters before them as a person where
#: a boundary or a role word stands before those (向明辉说, 记者时晓东报道, 扎西顿珠表示):
#: the structural frame, for names the candidate scan cannot start (an ambiguous, unlisted or no
#: surname).
CN_SPEECH_VERBS = (
    "说", "表示", "告诉", "介绍", "认为", "称", "回忆", "笑着", "点头", "指出", "透露", "强调", "坦言", "宣布",
    "反映", "评论", "留言", "答道", "问道", "解释", "承认", "补充", "回应", "感慨", "直言", "致辞", "报道",
    "发言", "讲述", "提醒", "呼吁", "摇头", "笑道", "叹气", "坦承", "证实", "获悉", "说道", "表态", "怒斥",
    "是一名", "是一位",
)  # fmt: skip
#: ... and what makes such a verb part of another word (说明书, 说法, 称号, 回忆录).
CN_SPEECH_NOT = (
    "说明书",
    "说法",
    "说服",
    "称号",
    "称为",
    "称作",
    "称之",
    "称赞",
    "回忆录",
    "报道称",
    "评论员",
)
#: Words after an object framed by 给/和/跟/向/与/同/找/请/陪 (给仝海波打电话, 和燕子豪一起, 向单永康请教).
CN_OBJECT_AFTER = ("一起", "打电话", "请教", "联系", "见面", "商量", "聊天", "道歉", "学习", "打招呼", "合影")
CN_OBJECT_PRE = frozenset("给和跟向与同找问请陪约帮")
#: Roles and relations right before a name that frame it (班主任佘文静, 审判长居文亮, 同事小刘).
CN_FRAME_ROLES = (
    "记者", "班主任", "患者", "病人", "网友", "同学", "家长", "市长", "县长", "省长", "区长", "镇长", "审判长",
    "审判员", "法官", "同事", "店主", "老板", "护士", "医生", "嫌疑人", "原告", "被告", "被告人", "通讯员",
    "主任", "教授", "老师", "校长", "院长", "局长", "书记", "村民", "居民", "市民", "司机", "民警", "队长",
    "主持人", "志愿者", "工程师", "研究员", "邻居", "室友", "朋友", "表哥", "表姐", "丈夫", "妻子", "儿子",
    "女儿", "外婆", "选手", "运动员", "歌手", "演员", "导演", "作家", "律师", "店员", "客服", "快递员",
    "经理", "师傅", "大夫", "阿姨",
)  # fmt: skip
#: Roles and offices right before a name for the scored pass (``_scored``), besides CN_CONTEXT_BEFORE,
#: CN_KIN_BEFORE and CN_FRAME_ROLES: how news and reports introduce officials, workers and
#: relatives (副部长孙振刚, 个体户李少英, 大使吴正龙).
CN_SCORED_ROLES = (
    "副部长", "行长", "副行长", "秘书长", "副秘书长", "副书记", "支书", "个体户", "所长", "副所长", "主教练",
    "大使", "教师", "售货员", "技术员", "企业家", "会计", "总裁", "副总裁", "总理", "副总理", "处长", "副处长",
    "站长", "副站长", "馆长", "社长", "台长", "总编", "总编辑", "副总编辑", "副省长", "副市长", "副县长",
    "副主任", "副校长", "副院长", "副局长", "副厂长", "董事", "委员", "代表", "专家", "科学家", "艺术家",
    "副主席", "总监", "老板娘", "教练员", "裁判员", "警察", "干警", "检察长", "团长", "政委", "连长", "排长",
    "护士长", "导游", "保姆", "月嫂", "店长", "老总", "副总", "总经理", "副总经理", "理事长", "会长", "副会长",
    "参赞", "外长", "议员", "议长", "首相", "总统", "讲师", "学者", "学员", "职工", "工人", "农民", "战士",
    "副教授", "副研究员", "业主", "负责人", "侄女", "侄子", "将军", "厅长", "副厅长", "副镇长", "副乡长",
)  # fmt: skip
#: Last characters of roles the scored pass does not start after: frequent characters that end
#: far more words than roles (亲爱的, 老公, 发小, 顾客, 员工, 总监).
CN_SCORED_ROLE_NOT_LAST = frozenset("的公小客工监")
#: Function words before a name for the scored pass (和冯刚, 由廖俊, 是程纪元).
CN_SCORED_FUNCTION = frozenset("由和与给跟向对把被让叫请同找问帮陪约据是")
#: What stands before a scored candidate: a boundary, one of those words or a role's last character.
CN_SCORED_BOUNDARY = frozenset("。！？；：，、（(「“《》」”\n\t \u3000!?;:,")
#: Given characters of no scored candidate besides CN_FRAME_NOT_GIVEN's: a family's or a relation's
#: word (高氏, 李母, 王姓), a verb or a preposition after a surname (曾于, 曾任, 曾向), a form of
#: address (张总, 刘哥, 凌叔: the kin forms' characters), a shop's 记 (蔡林记).
CN_SCORED_NOT_GIVEN = frozenset("氏母父姓死于任因问向总太哥姐叔婶姨舅嫂姑记")
#: Anchors and role words the structural scan does not look for: their first characters are
#: frequent (大, 发, 作, 工, 家, 民, ...) and they rarely frame a name the others miss (on 2,400 zh
#: docs; 研究员, 选手, 运动员, 丈夫, 朋友, 学习, 一起 do: kept); a role word
#: among them still frames a name before a speech verb (家长尤佳反映).
CN_SCAN_NOT = frozenset(
    ["大夫", "发言", "作家", "工程师", "家长", "市民", "民警", "店员", "店主", "区长", "点头", "合影", "外婆",
     "提醒", "法官", "问道", "道歉", "表哥", "表姐", "表态", "感慨", "导演", "居民", "村民", "妻子", "儿子",
     "女儿", "邻居", "室友", "老板", "司机", "队长", "客服", "快递员", "演员", "志愿者", "阿姨", "师傅",
     "补充", "承认", "解释", "相信", "希望"]
)  # fmt: skip
#: Titles after a bare surname the scan leaves out (全经理说, 明主任今天): one ambiguous surname
#: character at a boundary, the title, then a word that follows names. Not the ones that are
#: mostly function words (和老师说, 向老师请教, 那阿姨: "with", "to", "that").
CN_AMBIGUOUS_NOT_TITLE = frozenset("那都和由过来从后能通别须终充经家向但位信利区国应战斯於相续")
#: Characters no name framed by structure holds (pronouns, plural 们, demonstratives, 人, 共).
CN_STRUCT_STOP = frozenset("我你他她它您咱谁们这某啥怎哪人共")
#: Last characters of organisations and bodies (阿通社, 工作组) and adverbs (风趣地): no name framed
#: by structure.
CN_STRUCT_LAST_NOT = frozenset("社会团组科室台报网司署党军办队所地得着")
#: Ambiguous surnames that are mostly function words: a name framed by structure starts with one
#: only at a boundary before a speech verb (和冬梅说, 向华回忆), not after a role (记者从正在).
CN_AMBIGUOUS_BOUNDARY_ONLY = frozenset("和向那")
#: Ambiguous surnames (cn_surnames_ambiguous.txt) that never start a cued three-character name
#: (``_ambiguous_names``): function words and characters far more often part of a word.
CN_AMBIGUOUS_NAME_NOT = frozenset(
    "和那都过从由能但於位信利区应通别须终充经相续斯战后家国元公阿黑来"
    # frequent in text and rare as surnames: left out of the scan for its cost
    "展水干广计山空融益双越富普呼养扶支束揭奉植衡"
)
#: The cued starts of minority names are those of parts beginning with these (the scan tests a cue
#: before and the part's first two characters in C); parts whose first character is a surname or
#: frequent (加, 依, 古, 吉, 特, 强, 拉, ...) are left to the structural frame (each is a stop of the
#: scan: 14 more cost 1% of the recognizer's instructions). 次, 多, 其, 达 start the most frequent
#: parts (次仁, 多吉, 其其格, 达瓦).
#: One part alone opening a sentence is a subject before 是/在/和/把/被 and, as 老周/小美 are, before a
#: time word, an adverb or a verb of a life (CN_ADDRESS_SUBJECT_AFTER: 次仁今年, 其其格从小).
#: After one minority name part alone that opens a sentence, what makes it the subject (旺堆是, 达瓦和).
CN_MINORITY_SUBJECT_AFTER = frozenset("是在和把被")
#: ... not a part that forum slang writes (尼玛 for 你妈)
CN_MINORITY_ALONE_NOT = frozenset(["尼玛"])
CN_MINORITY_SCAN = frozenset("扎阿巴买努艾吐帕迪肉库麦萨乌索顿洛桑嘉旺卓琼吾敖尕娜昂乃朗央热次多其达")
#: A name whose surname and first given character make a word (王国|强, 张家|豪): the least log odds
#: of the surname writing names rather than words (王 5.2, 张 6.1, 黄 2.7; not 高 1.3, 江 0.8, 方 1.3) and
#: of the two given characters' odds summed (国强 1.2, 家豪 1.3; each above 0), from the name model.
CN_WORD_HEADED_SURNAME = 2.0
#: ... not a country's name (韩国|新当选, 韩国|金唱片)
CN_WORD_HEADED_NOT = frozenset(
    ["韩国", "中国", "全国", "各国", "美国", "法国", "泰国", "英国", "德国", "外国"]
)
CN_WORD_HEADED_GIVEN = 1.0
#: Ordinary words right before a person as the object or the addressee (感谢向志强, 佩服张磊的,
#: 告诉文斌): a two-character name after one (not one of CN_PRE's characters) scores 0.45 before a
#: word that follows names (CN_POST); an ambiguous surname's three-character name after one is cued.
CN_VERB_CUES = (
    "感谢", "谢谢", "佩服", "告诉", "通知", "表扬", "批评", "采访", "邀请", "祝贺", "恭喜", "认识", "看望",
    "问候", "提醒", "欢迎", "麻烦", "拜托", "任命", "免去", "同意", "推荐", "交给", "托付给", "听说", "听",
    "找", "问", "请", "让", "叫", "帮", "陪", "约", "喊", "由", "把", "和", "给", "跟", "与", "同", "据",
)  # fmt: skip
CN_VERB_CUE_LAST = frozenset(w[-1] for w in CN_VERB_CUES)
#: A count after a list of names (向明、时勇、全丽三人, 两位).
CN_LIST_COUNT = frozenset("二两三四五六七八九十几诸")
CN_NUMERALS = frozenset("一二两三四五六七八九十百千万亿")
#: Characters of transliterated foreign and minority names (Xinhua's transliteration tables: 默克尔,
#: 伊万诺夫, 拜登, 吐尔逊), by how much more often they write a transliteration than an ordinary
#: word (jieba's transliterated entries against its 2-character words): a run of them is scored by
#: the sum of its characters' weights (``_translit``).
CN_TRANSLIT_STRONG = (
    "茨什珀彼瑟莎涅厄弗蒂妮菲斯尔诺姆迈罕伊夫勒奥凯莱默帕埃洛琳娅莉娃黛茜蕾萝妲翰耶佐奎兹玛芙娜"
)
CN_TRANSLIT_MID = (
    "拉哈坎瓦塔卡克托扎尼普维穆曼朗阿莫戈努达库顿科亚布比坦塞萨亨基格摩堡威纳贝迪"
    "赫佩罗沃德韦希伦雅吉奇登逊森艾杜索盖杰乌霍鲁博麦伯桑拜波卢梅丹汉琼彭特肯芬柯"
)
CN_TRANSLIT_WEAK = "得里多舍列切利兰图约因邦加劳辛西费施马丁京蒙谢古查内泰福安宁本门金明温英万提买吐热依丽仁花央旦增白次木合巴江力孜林米恩"
CN_TRANSLIT = {
    **dict.fromkeys(CN_TRANSLIT_WEAK, 0.3),
    **dict.fromkeys(CN_TRANSLIT_MID, 0.6),
    **dict.fromkeys(CN_TRANSLIT_STRONG, 1.0),
}
#: Weak characters that often start a transliterated name (马哈蒂尔, 利维, 谢里夫): with the strong and
#: middle ones, the only characters a run may start with.
CN_TRANSLIT_STARTS = "马巴吐利里谢福切蒙本丽约列"
#: What a run's weights must sum to with only a boundary or a function word on either side.
CN_TRANSLIT_WEAK_CUES = 1.5
#: ... where the run opens a sentence before a word that follows names (玛丽把, 伊万把; zh_person14)
CN_TRANSLIT_OPEN_CUES = 1.2
CN_SENTENCE_OPEN = frozenset("。！？!?\n“「")
#: what follows a sentence's subject, a person rather than a place (not 在, 是, 的: 伊费在尼日尔河以西)
CN_SUBJECT_AFTER = frozenset("把被将还也都又正却便就曾已")
#: Roles before a transliterated name (总理默克尔, 留学生伊万诺夫, 外教艾米丽) beyond CN_CONTEXT_BEFORE's.
CN_TRANSLIT_ROLES = (
    "总统", "总理", "首相", "外长", "国务卿", "大使", "议员", "议长", "球星", "外教", "留学生", "客户", "专家",
    "顾问", "前锋", "后卫", "门将", "外援", "科学家", "哲学家", "物理学家", "经济学家", "作曲家", "小说家",
    "王子", "公主", "国王", "女王", "王妃", "首席执行官", "创始人", "总裁", "总监", "外籍", "名叫", "叫",
    "室友", "朋友", "同事", "男友", "女友", "丈夫", "妻子", "老公", "老婆",
    # people named with their people or trade (蒙古族小伙巴图, 藏族阿妈卓玛, 哈萨克族牧民努尔兰)
    "姑娘", "小伙", "小伙子", "阿妈", "阿爸", "牧民", "老人", "老乡", "村民", "族",
)  # fmt: skip
#: What follows a person right after a transliterated name (拜登签署, 吐尔逊老人, 默克尔出席).
CN_TRANSLIT_AFTER = (
    *CN_SPEECH_VERBS, "签署", "会见", "会晤", "访问", "出席", "当选", "执导", "主演", "出生", "去世", "逝世",
    "访华", "先生", "女士", "夫人", "小姐", "教授", "博士", "老人", "一家", "夫妇", "等人", "本人", "曾",
    "大叔", "大爷", "大妈", "大姐", "大哥", "阿姨", "老师", "医生", "同学", "主持", "负责", "表演", "演唱",
    "来自", "今天", "昨天", "明天", "当天", "随后", "曾经", "已经", "先后", "早上", "最近", "一直",
    # what news reports of a visitor or a leader (布林肯抵达, 马克龙宣布, 詹姆斯率领)
    "抵达", "到达", "前往", "离开", "宣布", "发表", "率领", "带领", "赢得", "呼吁", "批评", "警告", "出任",
    # with another person (我和丹尼尔一起, 汤姆一行)
    "一起", "一行",
)  # fmt: skip
#: Verbs whose subject is a person or an animal, not a place, a people or a thing (巴特尔骑着马,
#: 乔治哭了, 阿卜杜拉跪在地毯上): after a transliteration they frame it as CN_POST does (a run ends
#: before them; none is a transliteration character, a place suffix or a frequent word's start after
#: a place: 站, 飞, 转 are left out)
CN_ANIMATE_AFTER = frozenset("骑跪唱哭喊骂跑跳躺睡醒吃喝想望盯摸抱扛抬捧握摇叹皱挥推拍扔踢爬")
#: ... and a person's time of life or routine (旺堆今年已经七十岁了, 玛丽下周要回国); their first
#: characters already end a run (CN_POST, CN_START_AFTER): the run's pattern is unchanged
CN_TRANSLIT_TIME = ("今年", "每天", "每年", "下周", "上周", "下个月", "上个月")
_TRANSLIT_TIME_FIRST = frozenset(w[0] for w in CN_TRANSLIT_TIME)
#: Service and workplace roles before 老周/小美/阿杰 (装修师傅老周, 维修工小马, 店员阿杰).
CN_SERVICE_ROLES = (
    "师傅", "维修工", "修理工", "装修工", "店员", "导购", "保姆", "月嫂", "保洁", "家政", "管家", "前台",
    "理发师", "发型师", "技师", "老板", "老板娘", "师兄", "师姐", "学长", "学姐", "中介", "代驾", "配送员",
    "送餐员", "外卖小哥", "跑腿", "销售", "顾问", "主管", "领班", "同桌", "网管", "小哥",
)  # fmt: skip
#: Second characters of 小妹, 小弟, 阿姨, 老公: forms of address or kin, no name.
CN_KIN_CHARS = frozenset("妹弟哥姐伙孩朋爸妈婆公爷奶叔姨舅娃宝兄嫂")
#: Last characters of a transliteration that writes a place more often than a person (玻利维亚, 汉堡,
#: 新西兰): a run ending with one is a name only after a role word.
CN_TRANSLIT_PLACE_END = frozenset("亚堡兰州西洲国城港岛湾河山")


#: Compound surnames that are ordinary words or places as often as surnames (东方红, 第五届, 百里挑一,
#: 西门子, 南宫市, 濮阳县, 长孙女, 单于/太史: titles, 独孤: lonely): the compound pass (``_compound``)
#: leaves them to the other passes (issue #16, zh_person14).
#: A given name written alone after its full name that is a word too (建华, 振华): both characters'
#: odds (``ZhNameModel.given_odds``) at least this (``_given_part``; zh_person14).
CN_GIVEN_WORD_ODDS = 1.0
#: The last character of a verb's complement before an object (见到, 找到, 看见, 遇见): a given name's
#: mention may follow it (记者见到思琪时; ``_given_mention_ok``).
CN_GIVEN_OBJECT_BEFORE = frozenset("到见")
#: Particles before 小X/老X/阿X in a clause (的小杨, 碰见了阿珍, 是小黄, 群里老马; ``_nick_in_clause``)
CN_NICK_BEFORE = frozenset("的了是着过里")
#: The least log odds of the surname in 小X/老X writing names rather than words (the name model's:
#: 张 6.0, 马 3.3, 黄 2.7, 金 2.1; not 高 1.3, 方 1.3, 石 1.4, 党 -0.9, 路 0.7; ``_nick_in_clause``)
CN_NICK_SURNAME_ODDS = 2.0
#: ... and what follows two countries' abbreviations, not a nickname (阿中两国, 阿中友谊)
CN_NICK_NOT_AFTER = frozenset(["两国", "双方", "友谊", "关系", "合作", "边界"])
#: ... the least summed odds of a given name's two characters after such a word (晓丽 5.3, 静怡 2.4,
#: 子轩 2.7, 志豪 2.6; not 越中 0.5)
CN_GIVEN_AFTER_WORD_ODDS = 1.5
#: Words before a given name alone that make a place, an organisation or a title of it rather than
#: a person's name (``_word_before``, zh_person18).
CN_WORD_BEFORE_NOT = frozenset(["中国", "全国", "国家", "城市", "地区", "公司", "学校", "医院", "大学"])
#: the least odds (``ZhNameModel.given_odds``) of a second given character after a compound surname
#: (上官秋月: -0.22; not 公孙止|见状)
CN_COMPOUND_SECOND_ODDS = -0.5
CN_COMPOUND_WORDS = frozenset(
    ["东方", "第五", "百里", "西门", "南宫", "濮阳", "长孙", "单于", "太史", "独孤", "公羊"]
)


#: What opens a clause a form of address may start (issue #16, zh_person14: 「秀兰，你过来一下」,
#: a message's first words: 子轩，你的快递到了) and what follows the name addressed there.
CN_VOCATIVE_OPEN = '\n“「『"。！？!?；;'
CN_VOCATIVE_NEXT = frozenset("，,！!")
CN_VOCATIVE_YOU = frozenset("你您")
#: the given characters' odds (``ZhNameModel.given_odds``) a form of address needs: their sum and
#: the least of them (浩然: 2.0 and -0.95)
CN_VOCATIVE_ODDS = 1.0
CN_VOCATIVE_MIN_ODDS = -1.0
#: ... and each of a word's characters before 哥/姐 (振华哥: jieba lists 振华)
CN_VOCATIVE_KIN_ODDS = 1.0
#: what a form of address stands near (``_vocative``): the word, how many characters before it and
#: after it the scan reads (a name and its opener before 哥/姐/妈妈/爸爸; a quotation's opening before
#: a name and its comma; a second person after the comma)
CN_VOCATIVE_ANCHORS = (
    ("你", 24, 1), ("您", 24, 1), ("哥", 5, 2), ("姐", 5, 2), ("妈妈", 5, 3), ("爸爸", 5, 3),
    ("“", 1, 7), ("「", 1, 7), ("『", 1, 7),
)  # fmt: skip
#: how far after the comma a second person confirms the form of address (秀兰，你; 志明，明天早上八点楼下等你)
CN_VOCATIVE_WINDOW = 16


class _Ends:
    """``text.endswith(words, lo, hi)`` for a long tuple of words, by one set look-up per word length
    (``str.endswith`` with a tuple tries every word in turn: 200 words cost ~30 look-ups)."""

    __slots__ = ("sizes", "words")

    def __init__(self, words) -> None:
        self.words = frozenset(words)
        self.sizes = tuple(sorted({len(w) for w in self.words}))
        assert self.sizes and self.sizes[0] > 0

    def __call__(self, text: str, lo: int, hi: int) -> bool:
        words = self.words
        for k in self.sizes:
            if hi - k < lo:
                return False
            if text[hi - k : hi] in words:
                return True
        return False


class _Starts:
    """``text.startswith(words, at)`` for a tuple of words, by one set look-up per word length."""

    __slots__ = ("sizes", "words")

    def __init__(self, words) -> None:
        self.words = frozenset(words)
        self.sizes = tuple(sorted({len(w) for w in self.words}))
        assert self.sizes and self.sizes[0] > 0

    def __call__(self, text: str, at: int) -> bool:
        words = self.words
        n = len(text)
        for k in self.sizes:
            if at + k > n:
                return False
            if text[at : at + k] in words:
                return True
        return False


class ChinesePersonRecognizer:
    """Chinese person names (module docstring)."""

    ENTITY = "PERSON"

    def __init__(self) -> None:
        lex = chinese()
        self.surnames = lex.surnames
        self.compound = lex.compound_surnames
        self.given = lex.given_chars - CN_STOP
        self.common = lex.common_words
        self.rare_words = _rare_words()
        self.name_chars = lex.given_chars | _name_chars()
        self.given_char_words = _given_char_words()
        self._model = model()
        #: 4-character words and idioms that begin with a surname (龙飞凤舞, 马到成功: build_pii_lexicon)
        self._phrases = frozenset(  # (not a transliterated name jieba tags nr: 古杰拉尔, 成吉思汗)
            w for w in _lines("cn_surname_phrases.txt") if not any(CN_TRANSLIT.get(c, 0.0) >= 0.6 for c in w)
        )
        self._phrase_heads = frozenset(w[:2] for w in self._phrases)
        offsets: dict[str, list[tuple[str, int]]] = {}
        always = set()
        for b in _lines("cn_brand_names.txt"):
            if b[0] == "!":
                b = b[1:]
                always.add(b)
            for o, c in enumerate(b):
                offsets.setdefault(c, []).append((b, o))
        self._brands_always = frozenset(always)
        self._brand_names = [b for bs in offsets.values() for b, o in bs if o == 0]
        self._brand_titles = tuple(CN_TITLES)
        self._brand_offsets = offsets
        self._brand_subs = frozenset(
            b[k:e] for b in self._brand_names for k in range(len(b)) for e in range(k + 1, len(b) + 1)
        )
        #: what is no third character of a name the model takes, and what may follow such a name
        self._no_third = (
            CN_FRAME_NOT_GIVEN
            | CN_STOP
            | CN_PLACE_SUFFIX
            | FUNCTION_AFTER
            | frozenset("".join(CN_BRAND_AFTER))
            | frozenset("则既却亦乃便即才仍谈")
        )
        self._third_after = FUNCTION_AFTER | BOUNDARY_AFTER
        self._org_end = frozenset("队院社司团馆厂所堂奖")
        self.places = lex.divisions
        self._max_place = max(len(k) for k in self.places)
        self._place_heads = frozenset(k[:2] for k in self.places)
        sizes: dict[str, set[int]] = {}
        for k in self.places:
            sizes.setdefault(k[:2], set()).add(len(k))
        self._place_sizes = {h: tuple(sorted(v)) for h, v in sizes.items()}
        heads = "".join(sorted(self.surnames | {c[0] for c in self.compound}))
        given = "".join(sorted(self.given))
        titles = "|".join(sorted(CN_TITLES))
        # a surname character with a given-name character right after it, or after a compound's
        # second: the old scan's starts, checked again only where a compound surname meets a title
        self._starts = re.compile(f"[{re.escape(heads)}](?=.?[{re.escape(given)}]|{titles})", re.S)
        compound = "|".join(re.escape(c) for c in sorted(self.compound))
        # (the scans' alternations of words as tries: ``re`` tries a flat alternation's words one by
        # one wherever its guard lets it in, ~90 for the words after a name; a trie one branch per
        # character. The same matches: the compounds and those words are all two characters long,
        # and the one title that begins another, 总 of 总经理, comes after it in both)
        compound_trie = _trie(set(self.compound))
        titles_trie = _trie(set(CN_TITLES) | set(CN_KIN_SCAN))
        # guards before each alternation of words: ``re`` tries the words of an alternation one by
        # one at every position it reaches, so a character-class lookahead of their first characters
        # turns the ~40 failed tries at most positions into one (the matches stay the same)
        cguard = f"(?=[{re.escape(''.join(sorted({c[0] for c in self.compound})))}])"
        tguard = f"(?=[{re.escape(''.join(sorted({t[0] for t in CN_TITLES} | set(CN_KIN_SCAN))))}])"
        singles = re.escape("".join(sorted(self.surnames)))
        # words that keep a second given-name character out of the name (张伟先生, 陈静一起)
        s2guard = f"(?=[{re.escape(''.join(sorted({w[0] for w in CN_CONTEXT_AFTER if len(w) == 2} | {w[0] for w in CN_WORDS_AFTER})))}])"
        stop2 = _trie({w for w in CN_CONTEXT_AFTER if len(w) == 2} | CN_WORDS_AFTER)
        cjk = "\u3400-\u9fff"
        sur = f"(?:{compound}|[{singles}])"
        #: a label and a colon, then a surname and one or two characters ending the field
        field_labels = set(CN_LABELS) | set(CN_FIELD_LABELS)
        labels = "|".join(re.escape(w) for w in sorted(field_labels, key=len, reverse=True))
        # (found from each colon or space: a scan for the labels themselves tries every position)
        self._label_end = re.compile(f"(?:{labels})\\Z")
        self._label_last = frozenset(w[-1] for w in field_labels)
        #: the colons and spaces ``_more``'s label pass reads: after a label's last character or a
        #: parenthesis (上诉人（原审被告）：), or a colon after two to four Chinese characters that start a
        #: line (a speaker: 娄红：收到); a text's other colons and spaces (most of them) never reach
        #: Python, and each is found from the character before it (a text's spaces cost ``re`` nothing)
        ll = re.escape("".join(sorted({w[-1] for w in field_labels} | set("）)"))))
        self._label_colon = ll
        self._colon_label = {c: re.compile(f"{re.escape(c)}(?<=[{ll}]{re.escape(c)})") for c in "：: \u3000"}
        self._colon_speaker = re.compile(f"\n[{cjk}]{{2,4}}[：:]")
        self._colon_first = re.compile(f"[{cjk}]{{2,4}}[：:]")
        self._labelled = re.compile(f"[ \u3000]{{0,4}}({sur}[{cjk}]{{1,2}})(?![{cjk}])")
        #: after a label that only a person's name fills (姓名：, 收货人：), two or three characters
        #: ending the field are a name whatever their surname (an unlisted or ambiguous one: 向华强)
        self._labelled_any = re.compile(f"[ \u3000]{{0,4}}([{cjk}]{{2,3}})(?![{cjk}])")
        self._longest_label = max(len(w) for w in field_labels)
        #: an author of a reference: a surname and one to three characters (compound: 欧阳娜娜)
        self._author = re.compile(f"[ \u3000]{{0,2}}({sur}(?:(?!等)[{cjk}]){{1,3}})[ \u3000]{{0,2}}(等)?")
        self._ref_prefix = re.compile(
            r"[ \u3000\t]{0,4}(?:[\[［(（]?\d{1,4}[\]］)）.．、]?)?[ \u3000\t]{0,4}"
        )
        self._cjk = re.compile(f"[{cjk}]")
        # a boundary or a function word, then a surname and one or two characters
        # group 1: the name; group 2: its surname. A surname and one character that ends given
        # names before a following word's first character, or a surname and two characters, the
        # second one that ends given names (the lookahead and the rest are checked in Python)
        ends = re.escape("".join(sorted(self.name_chars)))
        follow = re.escape("".join(sorted(CN_FRAME_AFTER | {w[0] for w in CN_CONTEXT_AFTER})))
        framed = (
            f"((?:{cguard}({compound_trie})[{ends}]|([{singles}])(?:[{ends}](?=[{follow}])|[{cjk}][{ends}])))"
        )
        self._framed_start = re.compile(framed)
        #: well-known names (cn_famous_names.txt) that start with a surname; the scan's third branch
        #: stops at the first two characters of those the first branch cannot start (曹操: 操 is in no
        #: given-name list), two character-class tests; the name itself is a set look-up in Python
        self.famous = frozenset(n for n in _famous_names() if n[0] in self.surnames or n[:2] in self.compound)
        self._famous2 = frozenset(n[:2] for n in self.famous)
        self.ambiguous = _tokens("cn_surnames_ambiguous.txt")
        self.frequent = _lines("cn_frequent_words.txt")
        self.minority = _tokens("cn_minority_name_parts.txt")
        self._minority_max = max(len(w) for w in self.minority)
        self._minority_heads = frozenset(w[:2] for w in self.minority)
        self._struct_stop = CN_FRAME_NOT_GIVEN | CN_STRUCT_STOP
        #: what no name framed by structure ends with (a quick test before the anchor)
        self._struct_no_end = (self._struct_stop | CN_STRUCT_LAST_NOT | CN_PLACE_SUFFIX) - frozenset(
            "".join(self.minority)
        )
        #: what no name framed by structure after a role word starts with
        self._struct_no_start = (
            self._struct_stop
            - self.surnames
            - CN_AMBIGUOUS_BOUNDARY_ONLY
            - (self.ambiguous - CN_AMBIGUOUS_NOT_TITLE)
            - {w[0] for w in self.minority}
        )
        #: the structural frame's anchors: a speech verb, an object frame's word or a role word, as a trie (one
        #: branch per first character, each a literal: ``re`` then skips to their first characters
        #: in C; a leading lookahead would defeat that and cost 2.5x)
        # a speech verb or object word only after a character a name may end with (not 他说, 地说:
        # a lookbehind at the word's end), a role word (not a title) only before one a name may
        # start with (not 记者从): most of the anchors never reach Python
        no_end = re.escape("".join(sorted(self._struct_no_end)))
        no_start = re.escape("".join(sorted(self._struct_no_start)))
        # (its cost is the number of positions holding a first character times the number of first
        # characters: words whose first character is frequent and that rarely frame a name are left
        # to the other anchors: CN_SCAN_NOT)
        anchor_words = {
            w: f"(?<![{no_end}][\\s\\S]{{{len(w)}}})(?<=[{cjk}][\\s\\S]{{{len(w)}}})"
            for w in {*CN_SPEECH_VERBS, *CN_OBJECT_AFTER}
            if w not in CN_SCAN_NOT
        }
        anchor_words.update(
            {
                w: "" if w in CN_TITLES else f"(?=[{cjk}])(?![{no_start}])"
                for w in CN_FRAME_ROLES
                if w not in CN_SCAN_NOT
            }
        )
        self._struct = re.compile(_trie(anchor_words))
        self._role_words = frozenset(CN_FRAME_ROLES)
        #: one scan for the cued names (``_cued``): after a boundary, a word that comes before names
        #: or a role word's last character, an ambiguous surname (not CN_AMBIGUOUS_NAME_NOT) before two
        #: name characters or one and a list's 、 (group 1), or the first two characters of a
        #: minority name part (扎西, 阿依); a character first, the rest in a lookbehind (``re`` skips
        #: to those characters in C)
        self._role_ends = tuple(
            w for w in set(CN_FRAME_ROLES) | set(CN_CONTEXT_BEFORE) | set(CN_KIN_BEFORE) if len(w) > 1
        )
        self._role_ends_last = frozenset(w[-1] for w in self._role_ends)
        amb = "".join(sorted(self.ambiguous - CN_AMBIGUOUS_NAME_NOT - self.surnames))
        nc = re.escape("".join(sorted(self.name_chars - self._struct_stop)))
        mparts = [w for w in self.minority if w[0] in CN_MINORITY_SCAN]
        mfirst = "".join(sorted({w[0] for w in mparts}))
        msecond = re.escape("".join(sorted({w[1] for w in mparts})))
        cue_left = re.escape(
            "".join(sorted(CN_FRAME_STRONG | CN_PRE | CN_VERB_CUE_LAST | self._role_ends_last | {"的"}))
        )
        #: 2-character words that begin with those surnames (全国, 东南, 银行): no name starts there
        amb_words = {w for w in self.common | self.frequent if len(w) == 2 and w[0] in amb}
        mheads = {w[:2] for w in mparts if w[0] not in self.surnames}
        mfirst = "".join(sorted({h[0] for h in mheads}))
        msecond = re.escape("".join(sorted({h[1] for h in mheads})))
        self._amb_scan = frozenset(amb)
        self._mou_ambiguous = self._amb_scan - frozenset("向")
        self._verb_cue_last = CN_VERB_CUE_LAST - CN_PRE
        self._verb_cue_last_all = CN_VERB_CUE_LAST
        #: the anchor characters of ``_more``'s passes (某, label colons and spaces, [, 小老阿, dots)
        #: ... and, in the same pass, the cued names' starts (``_cued``): after a boundary, a word that
        #: comes before names or a role word's last character, an ambiguous surname and two name
        #: characters (or one before a list's 、), not a word's start (全国, 东南), or the first two
        #: characters of a minority name part (扎西, 阿依); matched with what follows them, so a match
        #: longer than one character is a cued start (found again with ``str.find``)
        amb_q = re.escape(amb)
        mq = re.escape(mfirst)
        # (拍撤: group-chat system lines; 你您妈爸“「『: the forms of address, ``_vocative``)
        anchors = "某[小老阿哥姐叔拍撤你您妈爸“「『" + CN_NAME_DOTS
        more = "某\\[小老阿哥姐叔拍撤你您妈爸“「『" + re.escape(CN_NAME_DOTS)
        # (after a label's last character or a parenthesis: ``_colon_label``; not a space: Latin text
        # holds too many, ``_more`` looks those up itself)
        colons = "：:\u3000"
        # (one character class first: ``re`` skips to its characters in C; the branches after it
        # look back at that character)
        more1 = more.replace("阿", "")  # (阿 starts minority names too: 阿依)
        #: the compound pass's surnames (``_compound``): those no frequent word or place shares; the
        #: scan of ``_more``'s anchors finds where one may stand (its first character before its second)
        self._compound_names = frozenset(self.compound) - CN_COMPOUND_WORDS
        cfirst = re.escape("".join(sorted({c[0] for c in self._compound_names})))
        csecond = re.escape("".join(sorted({c[1] for c in self._compound_names})))
        self._compound_firsts = frozenset(c[0] for c in self._compound_names)
        #: a form of address opening a clause (``_vocative``): two characters, or one before 哥/姐,
        #: then a comma or an exclamation mark, or 你/您 right after
        # (a class of the openers first: ``re`` skips to them in C; a text's start is matched apart)
        vocative = (
            "[ \u3000]*([\u4e00-\u9fff][\u4e00-\u9fff]?)([哥姐]|妈妈|爸爸)?"
            f"(?=[{''.join(sorted(CN_VOCATIVE_NEXT | CN_VOCATIVE_YOU))}说])"
        )
        self._vocative_scan = re.compile(f"[{re.escape(CN_VOCATIVE_OPEN)}]{vocative}")
        self._vocative_first = re.compile(vocative)
        #: what may follow a compound surname's name (``_compound``): a word that follows names or a
        #: person's verb (司马光砸缸, a story's title, is left)
        self._compound_after = (
            CN_POST
            | CN_FRAME_AFTER
            | CN_ANIMATE_AFTER
            | {w[0] for w in CN_START_AFTER}
            | {w[0] for w in CN_SPEECH_VERBS}
            | {w[0] for w in CN_CONTEXT_AFTER}
            | frozenset("很最太真站")
        )
        self._vocative_firsts = frozenset(a[0] for a, _, _ in CN_VOCATIVE_ANCHORS)
        self._compound_not_given = CN_FRAME_NOT_GIVEN | CN_STOP | CN_PLACE_SUFFIX | CN_STRUCT_LAST_NOT
        self._more_set = frozenset(anchors + colons)
        self._more_chars = re.compile(
            f"[{more}{amb_q}{mq}{colons}{cfirst}]"
            f"(?:(?<=[{more1}])"
            f"|(?<=[{self._label_colon}][{colons}])"
            f"|(?<=[{amb_q}])(?<![^{cue_left}][{amb_q}])(?!{_trie(amb_words)})[{nc}](?:[{nc}]|(?=、))"
            f"|(?<=[{mq}])(?<![^{cue_left}][{mq}])(?<=(?={_trie(mheads)})[{mq}])[{msecond}]"
            f"|(?<=阿)"
            f"|(?<=[{cfirst}])(?=[{csecond}]))"  # (a compound surname: ``_compound``)
        )
        #: ambiguous surnames a title may follow (全经理, 明主任; not 和老师, 向老师: CN_AMBIGUOUS_NOT_TITLE)
        self._title_surnames = self.ambiguous - CN_AMBIGUOUS_NOT_TITLE - self.surnames
        #: a run of transliteration characters (``_translit``; the longest: a character class, linear)
        self._translit_roles = tuple(
            set(CN_CONTEXT_BEFORE) | set(CN_KIN_BEFORE) | set(CN_FRAME_ROLES) | set(CN_TRANSLIT_ROLES)
        )
        translit = re.escape("".join(sorted(CN_TRANSLIT)))
        # a run of two or more (possessive: each run is tried once, at its start) after a boundary, a
        # mark, a function word or a role's last character and before a word that may follow a
        # person; its first character first (``re`` skips to those characters in C)
        left = re.escape(
            "".join(
                sorted(
                    (CN_FRAME_STRONG | CN_PRE | {"了"} | {w[-1] for w in self._translit_roles})
                    - set(CN_TRANSLIT)
                )
            )
        )
        right = re.escape(
            "".join(
                sorted(
                    CN_POST
                    | CN_FRAME_AFTER
                    | CN_ANIMATE_AFTER
                    | {w[0] for w in CN_TRANSLIT_AFTER}
                    | {w[0] for w in CN_START_AFTER}
                    | set(CN_NAME_DOTS)
                )
            )
        )
        # (it starts with a strong or a middle character or a weak one that often starts a name:
        # ``re`` skips to those in C; the characters the lookbehind allows before it are no
        # transliteration characters, so a run is tried once)
        first = re.escape("".join(sorted(set(CN_TRANSLIT_STRONG + CN_TRANSLIT_MID + CN_TRANSLIT_STARTS))))
        self._translit_run = re.compile(
            f"[{first}](?:(?<=[{left}\\x00-\u33ff\ua000-\U0010ffff][{first}])|(?<=^[{first}]))"
            f"[{translit}]++(?=[{right}]|[^\u3400-\u9fff]|\\Z)"
        )
        # the structural anchors and the transliteration runs in one scan (``_anchors_runs``): a
        # character that starts either, then (in a lookbehind of that one character) an anchor (group
        # 1) and a run (group 2), or a run alone (group 3); one match per such character, the
        # anchors' overlaps dropped as the anchors' own scan would
        s_first = re.escape("".join(sorted({w[0] for w in anchor_words})))
        union = re.escape(
            "".join(
                sorted(
                    {w[0] for w in anchor_words}
                    | set(CN_TRANSLIT_STRONG + CN_TRANSLIT_MID + CN_TRANSLIT_STARTS)
                )
            )
        )
        run = self._translit_run.pattern
        self._anchors_runs = re.compile(
            f"[{union}](?<=(?:(?=[{s_first}])(?=({self._struct.pattern}))(?=({run}))?|(?=({run})))[{union}])"
        )
        self._translit_words = _tokens("cn_translit_words.txt")
        by_head: dict[str, list[str]] = {}
        for w in self._translit_words:
            by_head.setdefault(w[:2], []).append(w)
        #: the transliterated places and words by their first two characters: a finding they start
        #: with and cover is no name (莫斯科的冬天, 马尔代夫的海水)
        self._translit_heads = {h: tuple(ws) for h, ws in by_head.items()}
        self._translit_after_first = frozenset(w[0] for w in CN_TRANSLIT_AFTER)
        #: roles before 老周/小美/阿杰 in reviews and workplaces (装修师傅老周, 客服小美, 维修工小马)
        self._address_roles = tuple(w for w in self._translit_roles + CN_SERVICE_ROLES if len(w) > 1)
        self._address_roles_last = frozenset(w[-1] for w in self._address_roles)
        self._speech = frozenset(CN_SPEECH_VERBS)
        self._frame_roles = _Ends(CN_FRAME_ROLES)
        self._frame_roles_last = frozenset(w[-1] for w in CN_FRAME_ROLES)
        self._struct_first = frozenset(w[0] for w in CN_SPEECH_VERBS)
        left = [n for n in self.famous if n[len(self.surname_at(n, 0) or n[0])] not in self.given]
        firsts = re.escape("".join(sorted({n[0] for n in left})))
        seconds = re.escape("".join(sorted({n[1] for n in left})))
        famous_branch = f"([{firsts}](?=[{seconds}]))"
        # group 1: the surname (a compound one wins); group 2: a title; else one or two given
        # characters. Groups 3-5 instead (the frame's name, compound and single surname): a framed
        # name after a boundary or a list word where no candidate starts (one scan serves both)
        # (group 3, empty, marks a candidate's end; groups 4-6 the frame's, 7 the well-known start)
        body = (
            f"(?:((?>{cguard}(?:{compound_trie})|[{singles}]))(?:{tguard}({titles_trie})|[{re.escape(given)}](?:(?!{s2guard}(?:{stop2}))[{re.escape(given)}])?())"
            f"|(?<=[{re.escape(CN_FRAME_BEFORE)}]){framed}"
            f"|{famous_branch})"  # group 7: a well-known name the branches before did not start
        )
        # a surname character first, the rest in a lookbehind of that one character holding a
        # lookahead: ``re`` then skips to surname characters with its character-set prefix in C
        # (a leading lookahead enters the matcher at every position: 20% slower); the match
        # itself is one character, the candidate's spans are in its groups
        hset = f"[{re.escape(heads)}]"
        # what every branch needs, tested first (two thirds of the surname characters start none):
        # the next character may follow a surname (a given-name character, a title's or a short
        # form's first, a compound's second, a well-known name's second) or a frame word stands
        # before it; the matches stay the same, -10% on the scan
        nxt = given + "".join(
            sorted({t[0] for t in CN_TITLES} | set(CN_KIN_SCAN) | {c[1] for c in self.compound})
        )
        gate = f"(?:(?=[\\s\\S][{re.escape(nxt)}{seconds}])|(?<=[{re.escape(CN_FRAME_BEFORE)}]))"
        self._candidates = re.compile(f"{hset}(?<=(?={gate}{body}){hset})")
        self._role_before_at = _Ends(CN_CONTEXT_BEFORE + CN_KIN_BEFORE)
        scored_roles = frozenset(  # (not 亲爱的, 老公, 发小, 顾客, 员工: a start after every 的, 公, 小,
            # 客, 工 costs a third of the pass for the few names after those)
            w
            for w in CN_CONTEXT_BEFORE + CN_KIN_BEFORE + CN_FRAME_ROLES + CN_SCORED_ROLES
            if w[-1] not in CN_SCORED_ROLE_NOT_LAST
        )
        self._scored_role_at = _Ends(scored_roles)
        singles = "".join(sorted(c for c in self.surnames if len(c) == 1 and c != "曾"))  # (曾: 同事曾向我)
        anchors = CN_SCORED_BOUNDARY | CN_SCORED_FUNCTION | {w[-1] for w in scored_roles}
        #: a surname and the next character that are a word (高度, 方正, 许多, 楚汉): one look-up
        self._scored_heads_not = frozenset(
            w
            for words in (self.common, self.frequent, self.rare_words, self._model.entries)
            for w in words
            if len(w) == 2 and w[0] in self.surnames
        )
        self._scored_not_given = self._struct_stop | CN_PLACE_SUFFIX | CN_SCORED_NOT_GIVEN
        #: the scored pass's starts: a surname after what may stand before a name, then a Chinese
        #: character that may be a given name's (one character class each: no backtracking)
        ng = re.escape("".join(sorted(self._scored_not_given)))
        sur = re.escape(singles)
        self._scored_starts = re.compile(  # (a surname first: ``re`` skips to one with its set in C)
            f"[{sur}](?<=[{re.escape(''.join(sorted(anchors)))}][{sur}])(?![{ng}])(?=[\u4e00-\u9fff])"
        )
        #: what may start a word that follows names (the scored pass's cue), for a quick test
        self._scored_cue_first = (
            self._third_after
            | {w[0] for w in CN_START_AFTER}
            | {w[0] for w in CN_SPEECH_VERBS}
            | {w[0] for w in CN_CONTEXT_AFTER}
            | CN_COORD
        )
        self._scored_first = re.compile(f"[{re.escape(singles)}](?![{ng}])(?=[\u4e00-\u9fff])")
        self._translit_roles_at = _Ends(self._translit_roles)
        self._address_roles_at = _Ends(self._address_roles)
        self._role_ends_at = _Ends(self._role_ends)
        self._frame_before = frozenset(CN_FRAME_BEFORE)
        self._heads = frozenset(heads)
        self._after_words_at = _Starts(CN_CONTEXT_AFTER)
        self._translit_after_at = _Starts(CN_TRANSLIT_AFTER)
        self._speech_at = _Starts(CN_SPEECH_VERBS)
        self._before = _word_alternation(CN_CONTEXT_BEFORE)
        self._after = _word_alternation(CN_CONTEXT_AFTER)
        self._labels = frozenset(CN_LABELS)
        self._kin_before = frozenset(CN_KIN_BEFORE)
        assert {len(w) for w in self._kin_before} == {2, 3}  # (``_context`` looks at those two lengths)
        #: what a strong label's context ends with right before a name: a label's last character or
        #: what may stand between them (``_context``: "姓名：王芳", "户名高明")
        self._strong_pre = frozenset(w[-1] for w in CN_LABELS) | frozenset(" ：:，,\u3000")
        #: the characters context words before a name end with: a window holds a word that counts
        #: (ending 3 or fewer characters before the name) only if one of these is in its last 4
        self._before_last = frozenset(w[-1] for w in CN_CONTEXT_BEFORE)
        self._after_first = frozenset(w[0] for w in CN_CONTEXT_AFTER)

    def _context(self, text: str, start: int, end: int) -> tuple[bool, bool]:
        """(any context word, a strong one: a label before or a title right after)."""
        if (
            text[end : end + 1] in self._after_first
            and (a := self._after.match(text, end, min(len(text), end + CN_AFTER_WINDOW))) is not None
        ):
            return True, a.group() not in CN_WEAK_AFTER
        kin = self._kin_before
        if start > 1 and (text[start - 2 : start] in kin or (start > 2 and text[start - 3 : start] in kin)):
            return True, False  # a kin word right before it (孙女田甜, 前夫郑强)
        lo = max(0, start - CN_BEFORE_WINDOW)
        last = self._before_last
        # a word that counts ends 3 or fewer characters before ``start``: at one of its last 4
        if (
            last.isdisjoint(text[start - 4 : start])
            if start > 3
            else not (
                text[start - 1 : start] in last
                or text[start - 2 : start - 1] in last  # (at 0: the last but one character, as before)
                or (start > 2 and text[start - 3] in last)
            )
        ):
            return False, False
        m = None
        for m in self._before.finditer(text, lo, start):  # (the words hold no lookaround: as on the slice)
            pass
        if m is not None and start - m.end() <= 3:
            # a label is strong only right before the name ("患者王芳", "姓名：王芳"), not a word
            # away ("患者情况稳定": 情况 is a word, 况 a surname)
            return True, m.group() in self._labels and not text[m.end() : start].strip(" ：:，,\u3000")
        return False, False

    @staticmethod
    def _brand_at(text: str, end: int) -> bool:
        """A brand, shop or firm word right after a name (李宁牌, 周黑鸭股份, 李锦记, 徐福记糖果)."""
        c = text[end : end + 1]
        if c not in _BRAND_FIRST:
            return False
        if c == "记":
            return text[end + 1 : end + 2] not in CN_JI_VERB
        if c == "奖":
            return text[end + 1 : end + 2] not in CN_JIANG_NOT
        return c in "牌杯" or text[end : end + 2] in _BRAND2 or text[end : end + 3] in CN_BRAND_AFTER3

    def _famous_at(self, text: str, i: int) -> int:
        """The end of a well-known name at ``i`` standing as a word, else 0 (minus its end before a brand,
        prize or memorial word: 李宁牌, 邵逸夫奖, 周恩来故居): no word across its
        start (车水马龙) or its end (李白菜, 马云南下, 巴金属, 郎平台), no place, firm or brand word
        after it (雷锋塔, 李宁牌, 李宁公司, 李宁杯; a word after it is no place: 徐悲鸿门下), and a
        two-character name not the start of a longer one (陈云峰, 张良华)."""
        e = i + 3 if text[i : i + 3] in self.famous else i + 2 if text[i : i + 2] in self.famous else 0
        if not e:
            return 0
        common = self.common
        if i > 0 and (text[i - 1 : i + 1] in common or (i > 1 and text[i - 2 : i + 1] in common)):
            return 0
        c = text[e : e + 1]
        if e - i == 2 and c in self.given and c not in CN_POST and text[i:e] not in common:
            return 0  # a longer name goes on: 陈云峰, 张良华 (the scan's candidate decides; where the
            # pair is a word, it would reject the candidate: 刘备三顾茅庐)
        last2 = text[e - 1 : e + 1]
        if len(last2) == 2 and (
            last2 in common or last2 in self.given_char_words or text[e - 1 : e + 2] in common
        ):
            return 0
        nxt = text[e : e + 2]
        if (
            (nxt[:1] in CN_PLACE_SUFFIX and nxt not in common and not self._after_words_at(text, e))
            or nxt in CN_ORG_SUFFIX2
            or text[i : e + 2] in common
        ):
            return 0
        if self._brand_at(text, e):
            return -e  # 李宁牌, a trophy: 李宁杯, a prize or a memorial: 邵逸夫奖, 周恩来故居 (no part of it)
        return e

    def _add_modeled(
        self,
        text: str,
        found: list[Finding],
        more: list[Finding],
        modeled: list[tuple[int, int]],
        framed: set,
    ) -> None:
        """The candidates the name model takes (0.45), where no other pass found a name over them
        (a framed 刘福印 wins over the model's 刘福); their names' other mentions follow as a
        framed name's do."""
        covered = bytearray(len(text) + 1)
        for f in found:
            covered[f.start : f.end] = b"\x01" * (f.end - f.start)
        for f in more:
            covered[f.start : f.end] = b"\x01" * (f.end - f.start)
        n = len(text)
        for i, end in modeled:
            if any(covered[i:end]) or self._org_after(text, end):
                continue
            # a third character where the name is framed after it (梁坤奠是, 赵天衡说; not 王辉以,
            # 李茹是: a function word is no given name)
            q = text[end : end + 1]
            if (
                q
                and "\u4e00" <= q <= "\u9fff"
                and q not in self._no_third
                and text[end : end + 2] not in self._model.pairs  # (梁军感到)
                and (end + 1 == n or text[end + 1] in self._third_after)
                and not covered[end]
            ):
                framed.add(text[i:end])  # (its other mentions the scan left pending: 李长 of 李长水)
                end += 1
            covered[i:end] = b"\x01" * (end - i)
            more.append(Finding(self.ENTITY, i, end, 0.45))
            framed.add(text[i:end])

    def _scored(self, text: str, found: list[Finding], more: list[Finding], framed: set) -> None:
        """Names no list or frame took whose characters and place make them likely (issue #16,
        zh_person13): a one-character surname and one or two characters of any given name (刚, 继,
        伯, 少, 正: not in ``cn_given_chars.txt``) right after a role word (副部长孙振刚, 个体户李少英,
        记者余继军), a boundary or a function word (，邓刚一直, 和冯刚是). Its log odds
        (``ZhNameModel.span_logit``: the characters' odds of writing a name in jieba's dictionary,
        what follows) plus where it stands (SPAN_WEIGHTS: a role, a boundary, a function word; a
        found name it is listed with, another mention of it) make it a name (0.45) at
        SPAN_ROLE_THRESHOLD after a role, elsewhere at SPAN_THRESHOLD with a word that follows names
        after it. Not a word (jieba's, the frequent and common lists: 高度, 方正, 白云), no function
        word, numeral or place character inside (CN_FRAME_NOT_GIVEN, CN_SCORED_NOT_GIVEN), no place
        or organisation after (张裕葡萄酒, 金辉酒店), and away from a role no transliteration (乌克兰,
        明尼苏达) and no brand named after a person (王老吉). Of a two- and a three-character reading
        the one a word that follows names follows wins, then the longer where it reaches the
        threshold (吴传福 before a date), else the likelier (刘振华 over 刘振, 刘淇 of 刘淇全面). One
        ``re`` scan for the starts (a class before a surname); O(1) look-ups per start."""
        starts = [m.start() for m in self._scored_starts.finditer(text)]
        if self._scored_first.match(text) is not None:
            starts.insert(0, 0)
        if not starts:
            return
        heads_not = self._scored_heads_not
        starts = [i for i in starts if text[i : i + 2] not in heads_not]  # (高度, 方正, 许多, 楚汉)
        if not starts:
            return
        n = len(text)
        covered = bytearray(n + 1)
        for f in found:
            covered[f.start : f.end] = b"\x01" * (f.end - f.start)
        for f in more:
            covered[f.start : f.end] = b"\x01" * (f.end - f.start)
        w = SPAN_WEIGHTS
        m = self._model
        entries = m.entries
        common = self.common
        frequent = self.frequent
        rare = self.rare_words
        not_given = self._scored_not_given
        translit = self._translit_heads
        place_heads = self._place_heads
        cue_first = self._scored_cue_first
        cands: list[tuple[int, int, float, bool]] = []
        for i in starts:
            if covered[i]:
                continue
            prev = text[i - 1] if i else ""
            if not prev or prev in CN_SCORED_BOUNDARY:
                where, role = w["boundary"], False
            elif prev in CN_SCORED_FUNCTION and not (i > 1 and text[i - 2 : i] in common):  # (总和, 申请)
                where, role = w["function"], False
            elif self._scored_role_at(text, max(0, i - 6), i):
                where, role = w["role"], True
            else:
                continue
            if not role and not (
                i + 3 >= n or text[i + 2] in cue_first or text[i + 3] in cue_first or prev in CN_COORD
            ):
                continue  # (no reading can be cued or listed: most starts after a boundary)
            bar = SPAN_ROLE_THRESHOLD if role else SPAN_THRESHOLD
            head = text[i : i + 2]
            if text[i : i + 4] in self._phrases:
                continue  # an idiom (楚汉相争)
            if prev and prev + text[i] in common and (not role or prev + text[i] not in self.compound):
                continue  # the surname ends a word (和平, 对方, 助理解; not 部长孙)
            if head in place_heads and self._place_at(text, i):
                continue
            best = None
            for e in (i + 2, i + 3):
                if e > n:
                    break
                c = text[e - 1]
                if not "\u4e00" <= c <= "\u9fff" or c in not_given or covered[e - 1]:
                    break
                if not role and (c in TRANSLIT or c in TRANSLIT_AFTER):
                    break
                name = text[i:e]
                if name in common or name in frequent or name in rare or name in entries:
                    continue
                q = text[e : e + 1]
                if (
                    q in CN_PLACE_SUFFIX
                    or text[e : e + 2] in CN_ORG_SUFFIX2
                    or self._org_after(text, e)
                    or (q in _BRAND_FIRST and self._brand_at(text, e))
                ):
                    continue
                if not role and (
                    name in self._brand_subs or any(text.startswith(t, i) for t in translit.get(head, ()))
                ):
                    continue
                cue = (
                    not q
                    or q in self._third_after
                    or text[e : e + 2] in CN_START_AFTER
                    or self._speech_at(text, e)
                    or self._after_words_at(text, e)  # (a title, a role: 程纪元老师)
                )
                z = m.span_logit(text, i, e, cue) + where
                if (
                    best is None
                    or cue > best[3]
                    or (
                        cue == best[3] and (z >= best[2] or (z >= bar and text[e - 1 : e + 1] not in m.pairs))
                    )
                ):
                    # a cued reading wins, then the longer where it reaches the threshold and its
                    # last character starts no word (吴传福１２月; not 刘淇|全面), else the likelier
                    best = (i, e, z, cue)
            if best is None:
                continue
            i, e, z, cue = best
            if not role and (
                (prev in CN_COORD and i > 1 and covered[i - 2])
                or (text[e : e + 1] in CN_COORD and covered[e + 1])
            ):
                z += w["coord"]  # listed with a name found (刘振华和冯刚是)
                cue = True
            cands.append((i, e, z if role else z if cue else -100.0, role))
        if not cands:
            return
        seen: dict[str, int] = {}
        for i, e, _, _ in cands:
            seen[text[i:e]] = seen.get(text[i:e], 0) + 1
        entity = self.ENTITY
        for i, e, z, role in cands:
            name = text[i:e]
            if seen[name] > 1:
                z += w["repeat"]
            if z >= (SPAN_ROLE_THRESHOLD if role else SPAN_THRESHOLD):
                more.append(Finding(entity, i, e, 0.45))
                framed.add(name)

    def _org_after(self, text: str, end: int) -> bool:
        """An organisation is named after the name ending at ``end``: an organisation's last character
        within the 5 characters after it, before a function word or a mark (惠珍联合医院, 沈飞客车队,
        林琴科学院, 胡庆余堂, 邵逸夫奖)."""
        org_end = self._org_end
        third_after = self._third_after
        for c in text[end : end + 5]:
            if not "\u4e00" <= c <= "\u9fff" or c in third_after:
                return False
            if c in org_end:
                return True
        return False

    def _place_at(self, text: str, i: int) -> bool:
        sizes = self._place_sizes.get(text[i : i + 2])
        if sizes is None:
            return False
        places = self.places
        return any(text[i : i + k] in places for k in sizes)  # (only the lengths places with this start have)

    def surname_at(self, text: str, i: int) -> str | None:
        if text[i : i + 2] in self.compound:
            return text[i : i + 2]
        return text[i] if text[i] in self.surnames else None

    def _given_end(self, text: str, j: int) -> int:
        """The end of the given name starting at ``j`` (one or two characters), as the scan finds it."""
        end = j + 1
        if (
            end < len(text)
            and text[end] in self.given
            and not (end + 1 < len(text) and text[end : end + 2] in CN_CONTEXT_AFTER)
            and text[end : end + 2] not in CN_WORDS_AFTER
        ):
            end += 1
        return end

    def analyze(self, text: str) -> list[Finding]:
        if _HAS_CJK.search(text) is None:
            return []
        found = self._analyze(text)
        if not found:
            return found
        heads = [text[f.start : f.start + 2] for f in found]  # (for both filters below: one list)
        phrase_heads = self._phrase_heads
        if not phrase_heads.isdisjoint(heads) or not phrase_heads.isdisjoint(
            [text[f.end - 1 : f.end + 1] for f in found]
        ):
            kept = [f for f in found if not self._in_phrase(text, f)]
            if len(kept) < len(found):
                found = kept
                heads = [text[f.start : f.start + 2] for f in found]
        if found and not self._translit_heads.keys().isdisjoint(heads):
            found = [f for f in found if not self._in_translit_word(text, f)]
        if found and not self._brand_subs.isdisjoint([text[f.start : f.end] for f in found]):
            # a finding inside a brand's name (李宁, 康 of 康师傅)
            subs = self._brand_subs
            return [f for f in found if text[f.start : f.end] not in subs or not self._brand_mention(text, f)]
        return found

    def _in_phrase(self, text: str, f: Finding) -> bool:
        """``f``, two or three characters not from a label, is part of a 4-character word or idiom (cn_surname_phrases.txt): one
        starts where it starts (龙飞凤|舞, 车水马|龙), or, for a weak finding (the frames', the name
        model's), where its last character stands (祝你|龙马精神)."""
        if f.score >= 0.8 or f.end - f.start > 3:
            return False
        phrases = self._phrases
        return text[f.start : f.start + 4] in phrases or (
            f.score < 0.6 and f.end - f.start == 3 and text[f.end - 1 : f.end + 3] in phrases
        )

    def _in_translit_word(self, text: str, f: Finding) -> bool:
        """``f`` starts a transliterated place, people or loanword that covers it (莫斯科, 马尔代夫)."""
        words = self._translit_heads.get(text[f.start : f.start + 2])
        return words is not None and any(
            len(w) >= f.end - f.start and text.startswith(w, f.start) for w in words
        )

    def _brand_mention(self, text: str, f: Finding) -> bool:
        """``f`` lies in a brand named after a person (cn_brand_names.txt: 李宁, 王老吉, 周大福)
        that a product, shop or purchase word stands close to (李宁的这款跑鞋, 买了一箱康师傅, 周大福新出
        的手链) and no word that follows a person right after it (李宁曾说过, 李宁表示)."""
        for b, o in self._brand_offsets[text[f.start]]:
            k = f.start - o
            e = k + len(b)
            if k < 0 or e < f.end or not text.startswith(b, k):
                continue
            nxt = text[e : e + 1]
            if nxt in CN_BRAND_PERSON_AFTER or text.startswith(self._brand_titles, e):
                return False
            return (
                b in self._brands_always
                or any(w in text[e : e + CN_BRAND_WINDOW] for w in CN_BRAND_CONTEXT)
                or any(w in text[max(0, k - 4) : k] for w in CN_BRAND_BEFORE)
            )
        return False

    def _analyze(self, text: str) -> list[Finding]:
        found: list[Finding] = []
        weak: list[tuple[int, int]] = []  # plain candidates below the threshold (a list may take them)
        modeled: list[tuple[int, int]] = []  # ... that the name model takes (``zh_name_model``)
        logit = self._model.logit
        pending: dict[str, list[tuple[int, int]]] = {}
        accepted: set[str] = set()
        n = len(text)
        common = self.common
        place_suffix = CN_PLACE_SUFFIX
        org2 = CN_ORG_SUFFIX2
        entity = self.ENTITY
        search = self._candidates.search
        famous2 = self._famous2
        frequent = self.frequent
        after_first = self._after_first
        strong_pre = self._strong_pre
        place_heads = self._place_heads
        pos = 0
        # every start is tried (candidates overlap): the next search starts one character after a
        # candidate that found nothing, and after the end of a finding
        # where a surname follows a boundary or a function word (or starts the text)
        frames: list = [0] if text[0] in self._heads else []  # positions, or the scan's frame matches
        frame_before = self._frame_before
        while (m := search(text, pos)) is not None:
            i = m.start()
            pos = i + 1
            if text[i : i + 2] in famous2 and (e := self._famous_at(text, i)):
                if e < 0:  # before a brand, prize or memorial word: no name, nor a part of it
                    pos = -e
                    continue
                accepted.add(text[i:e])
                found.append(Finding(entity, i, e, 0.6))
                pos = e
                continue
            branch = m.lastindex  # 3: a candidate, 2: with a title, 4: a frame's name, 7: a famous start
            if branch == 7:
                continue  # (a well-known name's characters inside a longer word: 李白菜, 马云南下)
            if branch == 4:
                frames.append(m)
                continue
            prev = text[i - 1] if i else ""
            if prev in frame_before:
                frames.append(i)
            j = m.end(1)
            end = m.end(3)
            if branch == 2:  # a title right after the surname
                if m.end(2) - j == 1 and text[j] in CN_KIN_SCAN:  # 刘总, 陈工: the surname
                    if self._kin_ok(text, i, j, j + 1):
                        found.append(Finding(entity, i, j, 0.5))
                        pos = j
                    continue
                if self._starts.match(text, i) is None:
                    continue  # (a compound surname before a title that the scan never started at)
                if not (
                    (i > 0 and text[i - 1 : i + 1] in common)
                    or (
                        text[j : m.end(2)] in CN_OFFICE_TITLES
                        and (  # 高校长期; 彭珮云同志, 同志任书记: the title ends a longer name or a verb
                            text[i : i + 2] in common
                            or (i > 0 and self._cjk.match(text, i - 1) and text[i - 1] not in CN_OFFICE_PRE)
                        )
                    )
                    or (i > 0 and text[i] == "于" and text[i - 1] in CN_YU_AFTER)
                ):
                    found.append(Finding(entity, i, j, 0.5))  # 王先生, 李女士: the surname names the person
                    pos = j
                    continue
                if text[j] not in self.given:
                    continue
                end = self._given_end(text, j)
            # (each test below is a slice and a set look-up; the ones most candidates fail come first,
            # and each look-up is made once)
            if prev in CN_YU_AFTER and text[i] == "于":
                continue  # 将于国庆, 位于林区: a preposition
            after = text[end : end + 2]
            if after[:1] in place_suffix and not (after[:1] == "处" and after in frequent):  # (文丽处理)
                continue  # a place or organisation suffix after it (文三路, 林业局): no context decides
            name = text[i:end]
            two = end - j == 2
            if two and prev != "" and prev in "小老阿" and text[j:end] in CN_DAY_WORDS:
                found.append(Finding(entity, i - 1, j, 0.5))  # 小陈|明天: the nickname, then a day word
                pos = j
                continue
            closes = prev and prev + text[i] in common  # the surname ends a word before it
            if two and closes and text[j:end] in frequent:
                # both halves words: the surname closes a word before it and the given part is a
                # frequent word (现任|大学教授, 中国工|商|银行, 时任|市长): no name unless accepted
                # elsewhere (a title or context word after it does not decide: 现任大学教授)
                pending.setdefault(name, []).append((i, end))
                continue
            if two and text[j:end] in CN_GIVEN_NOT:
                continue  # 祝大家新年快乐
            name_common = name in common
            if (
                two
                and text[i : j + 1] in self.rare_words
                and (text[end - 1 : end + 1] in self.given_char_words or text[end - 1 : end + 1] in common)
                and not self._role_before_at(text, max(0, i - 6), i)  # (主治医生宁安华为他)
            ):
                # the surname and the first given character are a word, the last starts one (吴越|文化,
                # 楚汉|相争): no name unless accepted elsewhere
                pending.setdefault(name, []).append((i, end))
                continue
            wordlike = (
                name_common
                or closes
                or name in frequent  # 甘甜, 方便 (a frequent word whatever its characters)
                or text[i : j + 1] in common
                or (i > 1 and text[i - 2 : i + 1] in common)
            )
            rejected = (
                (not two and text[j] == "方")  # 巴方, 韩方, 甲方: a side or party, not a name
                or after in org2
                or text[j : j + 2] in org2  # 国商银行
                or (text[i : i + 2] in place_heads and self._place_at(text, i))
            )
            if (
                wordlike
                and not rejected
                and (not two or name_common)
                and text[end : end + 1] not in after_first
                and prev not in strong_pre
            ):
                # a word with no label right before it and no title right after: a name only if
                # accepted elsewhere (the context words could not make it one; no look-up)
                pending.setdefault(name, []).append((i, end))
                continue
            if two:
                score = 0.6
            elif (prev or "\n") in CN_PRE and (
                (text[end] if end < n else "。") in CN_POST or after in CN_WORDS_AFTER
            ):
                score = 0.45  # 这次会议由刘娜主持, 李欣是我们的同事
            elif (not prev or prev in CN_SENTENCE_END) and text[end : end + 2] in CN_START_AFTER:
                score = 0.45  # a sentence's subject before a time word or an adverb: 徐亮早上, 冯刚最近
            elif (
                prev in self._verb_cue_last  # (not CN_PRE's: the 0.45 above decides after those)
                and end - j == 1
                and j == i + 1
                and i > 1
                and text.endswith(CN_VERB_CUES, max(0, i - 3), i)
                and (text[end] if end < n else "。") in CN_POST
                and text[i - 2 : i] not in common
                and text[end : end + 2] not in frequent
                and text[end - 1 : end + 1] not in self.given_char_words
            ):
                score = 0.45  # after a verb that takes a person: 佩服张磊的, 告诉文斌，
            else:
                score = 0.35
            # context words only where they decide (most candidates are clear either way)
            context = strong = False
            if rejected or wordlike or score < 0.4:
                context, strong = self._context(text, i, end)
            if rejected and not context:
                continue
            if (
                wordlike
                and context
                and two
                and not name_common
                and text[i : j + 1] not in common
                and self._role_before_at(text, max(0, i - 6), i)
            ):
                wordlike = False  # a role word's end makes a word with the surname: 学生于晓晨 (生于)
            if wordlike and (
                not strong
                or (
                    name_common
                    and (prev in CN_PRONOUNS or (prev == "的" and text[i - 2 : i - 1] in CN_PRONOUNS))
                )
            ):
                if (
                    two
                    and not (rejected or name_common or closes)
                    and text[i : j + 1] in common
                    and self._word_headed_name(text, i, j, end, prev)
                ):
                    # a full name whose surname and first given character make a word (王国|强,
                    # 张家|豪, 李子|明): the given part no word, the name's characters and a frame decide
                    score = 0.45
                else:
                    # a name only if labelled elsewhere (a word after a pronoun stays a word before a
                    # title: 我高中同学, 我的高中同学)
                    pending.setdefault(name, []).append((i, end))
                    continue
            if context:
                score = min(1.0, score + CN_BOOST)
            if score >= 0.4:
                if after[:1] in _BRAND_FIRST and self._brand_at(text, end):
                    continue  # a brand or firm (李宁牌, 周黑鸭股份, 李锦记): looked at only here
                accepted.add(name)
                found.append(Finding(entity, i, end, score))
                pos = end
            else:
                pending.setdefault(name, []).append((i, end))
                if not rejected and (
                    (i > 1 and text[i - 1] in CN_COORD) or (end < n and text[end] in CN_COORD)
                ):
                    weak.append((i, end))
                if (
                    not (rejected or wordlike)
                    and end - j == 1
                    and logit(text, i, j, end, prev) >= THRESHOLD
                    and (after[:1] not in _BRAND_FIRST or not self._brand_at(text, end))
                ):
                    modeled.append((i, end))  # the name model's (after the other passes: 刘福印)
        more, framed = self._more(text, found, weak, frames)
        if modeled:
            self._add_modeled(text, found, more, modeled, framed)
        self._scored(text, found, more, framed)
        # the pending mentions of accepted and framed names (looked up from those, the fewer)
        for name in accepted:
            if (spans := pending.get(name)) is not None:
                # (not before a brand or trophy word: 李宁牌, 李宁杯 of a 李宁 found elsewhere)
                found.extend(
                    Finding(entity, s, e, 0.6)
                    for s, e in spans
                    if text[e : e + 1] not in _BRAND_FIRST or not self._brand_at(text, e)
                )
        for name in framed:
            if name not in accepted and (spans := pending.get(name)) is not None:
                # a framed name's other mentions the scan left pending
                more.extend(Finding(entity, s, e, 0.45) for s, e in spans)
        if not more:
            if len(found) > 1:
                found.sort(key=_start)
        else:
            found += more
            found.sort(key=lambda f: (f.start, -f.end))
            out: list[Finding] = []
            for f in found:  # the passes may meet one name twice: keep the first, widest
                if out and f.start < out[-1].end:
                    continue
                out.append(f)
            found = out
        return self._propagate(text, found, accepted) if found else found

    def _propagate(self, text: str, found: list[Finding], accepted: set[str]) -> list[Finding]:
        """A name found anywhere in a document is a name at its other mentions (news and stories
        introduce a person once with a cue, then write the name bare: 记者邱振华报道 ... 邱振华在现场看到):
        a mention of a three- or four-character name where no word crosses its start; of a two-
        character name only between a boundary or a word that comes before names and a word that
        follows them (CN_PRE/CN_FRAME_STRONG; CN_POST/CN_FRAME_AFTER); of a transliteration framed
        on one side. The candidate scan's accepted names (``accepted``) are found at their mentions
        already. One ``str.count`` scan per distinct name, for at most CN_PROPAGATE_MAX names, and
        one ``str.find`` scan of those with more mentions (linear)."""
        names: dict[str, int] = {}  # name: how many were found
        first: dict[str, int] = {}  # a three- or four-character name: the end of its first finding
        for f in found:
            if f.end - f.start >= 2:
                name = text[f.start : f.end]
                names[name] = names.get(name, 0) + 1
                if f.end - f.start > 2 and name not in first:
                    first[name] = f.end
        covered = None
        added: list[Finding] = []
        for name, times in list(names.items())[:CN_PROPAGATE_MAX]:
            # (the scan's accepted names are found at their other mentions already; a scan in C
            # tells the others': most have no other mention)
            if name in accepted or len(name) > 6 or text.count(name) == times:
                continue
            if not "\u3400" <= name[0] <= "\u9fff" or name in self.places:
                continue
            size = len(name)
            if size == 2:
                framed = 1
            elif name[0] not in self.surnames and name[:2] not in self.compound:
                framed = 3  # (one side: not 了巴科塔人 of a 巴科塔 found elsewhere)
            else:
                framed = 0
            k = text.find(name)
            while k >= 0:
                e = k + size
                if covered is None:
                    covered = bytearray(len(text) + 1)
                    for f in found:
                        covered[f.start : f.end] = b"\x01" * (f.end - f.start)
                if (
                    not covered[k]
                    and not covered[e - 1]
                    and self._mention_ok(text, k, e, framed)
                    and (text[e : e + 1] not in _BRAND_FIRST or not self._brand_at(text, e))
                ):  # (not before a brand, prize or memorial word: 周恩来纪念馆, 孙中山故居)
                    covered[k:e] = b"\x01" * size
                    added.append(Finding(self.ENTITY, k, e, 0.45))
                k = text.find(name, e)
        for name in list(first)[:CN_PROPAGATE_MAX]:
            if (given := self._given_part(name)) is None:
                continue
            # (one scan from the name's first finding, CN_GIVEN_WINDOW characters long; the full
            # name's own mentions are passed over before any other test)
            sur = name[:-2]
            k = text.find(given, first[name], first[name] + CN_GIVEN_WINDOW)
            while k >= 0:
                e = k + 2
                if text[k - len(sur) : k] != sur and self._given_mention_ok(text, k, e):
                    if covered is None:
                        covered = bytearray(len(text) + 1)
                        for f in found:
                            covered[f.start : f.end] = b"\x01" * (f.end - f.start)
                    if not covered[k] and not covered[e - 1]:
                        covered[k:e] = b"\x01\x01"
                        added.append(Finding(self.ENTITY, k, e, 0.45))
                k = text.find(given, e, first[name] + CN_GIVEN_WINDOW)
        if not added:
            return found
        found = found + added
        found.sort(key=_start)
        return found

    def _word_headed_name(self, text: str, i: int, j: int, end: int, prev: str) -> bool:
        """``text[i:end]``, a surname ``text[i:j]`` and two given characters whose first makes a word
        with the surname (王国强, 张家豪, 李子明: 王国, 张家, 李子), is a name: the surname is mostly a
        surname and both given characters mostly name characters (the name model's odds from
        jieba: 国 1.1, 强 0.13; not 家具, 国内, 子弹), the given part no word, and a boundary, a word
        that comes before names or a verb that takes a person before it and a word that follows names,
        a time word or an adverb after it (那天张家豪没来, 让李子明早点回家, 交给了王国华。)."""
        given = text[j:end]
        model = self._model
        if (
            end - j != 2
            or given in self.common
            or given in self.frequent
            or given in self.rare_words
            or given in self.given_char_words  # (a frequent word: 秋冬)
            or given in model.entries
            or text[i:end] in model.entries
            or text[i : j + 1] in CN_WORD_HEADED_NOT
        ):
            return False
        if model.surname_odds.get(text[i:j], -9.0) < CN_WORD_HEADED_SURNAME:
            return False
        a = model.given_odds.get(given[0], -9.0)
        b = model.given_odds.get(given[1], -9.0)
        if a <= 0 or b <= 0 or a + b < CN_WORD_HEADED_GIVEN:
            return False
        if prev == "《":
            return False  # a work's title (《夏秋冬》)
        if prev and not (
            prev in CN_FRAME_STRONG
            or prev in CN_PRE
            or prev == "了"
            or (prev in CN_VERB_CUE_LAST and text.endswith(CN_VERB_CUES, max(0, i - 3), i))
        ):
            return False
        nxt = text[end : end + 1]
        if nxt and not (
            nxt in CN_POST
            or nxt in CN_FRAME_AFTER
            or text[end : end + 2] in CN_ADDRESS_SUBJECT_AFTER
            or not "\u3400" <= nxt <= "\u9fff"
        ):
            return False
        pair = text[end - 1 : end + 1]
        return pair not in self.common and pair not in self.frequent

    def _given_part(self, name: str) -> str | None:
        """The two-character given name of a Han name found (董建新: 建新, 欧阳娜娜: 娜娜) that a text
        may write alone after it, when both are given-name characters and it is no word or place."""
        size = len(name)
        if size == 3 and name[0] in self.surnames and name[:2] not in self.compound:
            given = name[1:]
        elif size == 4 and name[:2] in self.compound:
            given = name[2:]
        else:
            return None
        if given[0] not in self.given or given[1] not in self.given:
            return None
        if given in self.frequent or given in self.common or given in self.rare_words or given in self.places:
            # a word too: a given name only where both characters are mostly a name's (建华 of
            # 陈建华: the name model's odds 1.2, 1.7; zh_person14)
            odds = self._model.given_odds
            if given in self.rare_words or min(odds.get(c, -9.0) for c in given) < CN_GIVEN_WORD_ODDS:
                return None
        return given

    def _given_mention_ok(self, text: str, k: int, e: int) -> bool:
        """A given name alone at ``text[k:e]`` after its full name (stories and reports: 董建新在厂里干了
        三十年……建新平时喜欢钓鱼; 江晓峰和郝丽……晓峰对她; 孙雪梅……雪梅值夜班, 邓建平……建平舅舅): a
        boundary, a word that comes before names or a kin word before it; after it anything but a
        place or organisation's suffix (建平县); no word across either end (the given part is no word
        itself: ``_given_part``)."""
        prev = text[k - 1] if k else ""
        nxt = text[e : e + 1]
        if (
            prev
            and "\u3400" <= prev <= "\u9fff"
            and prev not in CN_PRE
            and prev not in CN_GIVEN_OBJECT_BEFORE
            and not (k > 1 and (text[k - 2 : k] in self._kin_before or text[k - 3 : k] in self._kin_before))
            and not (k > 1 and self._word_before(text, k))
        ):
            return False  # (a kin word right before it frames it: 表妹小雪, 舅舅建平; 见到思琪时)
        if (
            nxt
            and "\u3400" <= nxt <= "\u9fff"
            and not (nxt in CN_POST or nxt in CN_FRAME_AFTER or text[e : e + 2] in CN_ADDRESS_SUBJECT_AFTER)
        ):
            # before another word (雪梅值夜班, 建平舅舅): both characters mostly a name's (the name
            # model's odds), no place or organisation named so (建平县, 惠珍联合医院)
            odds = self._model.given_odds
            if (
                nxt in CN_PLACE_SUFFIX
                or odds.get(text[k], -9.0) <= 0
                or odds.get(text[k + 1], -9.0) <= 0
                or self._org_after(text, e)
            ):
                return False
        words = (self.common, self.frequent)
        return not any(text[k - 1 : k + 1] in w or text[e - 1 : e + 1] in w for w in words)

    def _nick_in_clause(self, text: str, i: int, lead: str, nxt: str) -> bool:
        """``text[i:i+2]``, 小/老 and a surname or 阿 and a given-name character, is a nickname in a
        narrative clause (issue #16, zh_person18: 这个bug是小黄修的, 新来的小杨做事, 碰见了阿珍，,
        周末小张约我们): after a boundary, a word that comes before names, a particle that ends a
        phrase before a noun (的, 了, 是, 着, 过, 里) or a word of the frequent lists (周末|小张), and
        before a Chinese character or a boundary (a verb: 小黄修的); 阿 and a character only before a
        word that follows names (CN_POST) unless it opens a sentence (阿强骑着). Not where it is a
        word (小米, 老实, 阿姨; jieba's 小张/老王 allowed for the frequent surnames) or makes one with a
        character on either side (大小王, 小周末, 小马达), nor 阿 and transliteration characters
        (阿斯, 阿莫西林), nor a surname that writes words about as often as names (the name model's
        odds below CN_NICK_SURNAME_ODDS: 小党, 小项, 老路, 小方帽), nor 阿 and a character that rarely
        ends a given name (阿朵) or a country's before 两国/友谊 (阿中两国: Argentina and China)."""
        pair = text[i : i + 2]
        if nxt in CN_KIN_CHARS or pair in self.rare_words or i + 2 >= len(text):
            return False
        if lead == "阿":
            if (
                CN_TRANSLIT.get(nxt, 0.0) >= 0.6
                or CN_TRANSLIT.get(text[i + 2], 0.0) >= 0.6
                or self._model.given_odds.get(nxt, -9.0) <= 0
                or text[i + 2 : i + 4] in CN_NICK_NOT_AFTER
                or not (  # (a word that follows names after it: not 阿巴查将军, 阿西西城, 阿凡提文化;
                    # opening a sentence, any verb: 阿强骑着摩托车)
                    text[i + 2] in CN_POST
                    or text[i + 2 : i + 4] in CN_ADDRESS_SUBJECT_AFTER
                    or i == 0
                    or text[i - 1] in CN_SENTENCE_OPEN
                )
            ):
                return False
        elif (
            len(self.surname_at(text, i + 1) or "") != 1
            or self._model.surname_odds.get(nxt, -9.0) < CN_NICK_SURNAME_ODDS
        ):
            return False
        if (pair in self.common or pair in self.frequent or pair in self._model.entries) and not (
            lead != "阿" and nxt in CN_TOP_SURNAMES
        ):
            return False
        after = text[i + 2]
        if not (after in CN_POST or "\u4e00" <= after <= "\u9fff"):
            return False  # (a digit or a Latin letter after it: 小米14, 老A)
        words = (self.common, self.frequent, self.rare_words, self._model.entries)
        if any(text[i + 1 : i + 3] in w for w in words):
            return False
        if i == 0:
            return True
        prev = text[i - 1]
        if any(text[i - 1 : i + 1] in w for w in words):
            return False
        return (
            prev in CN_FRAME_STRONG
            or prev in CN_PRE
            or prev in CN_NICK_BEFORE
            or (i > 1 and self._word_ends(text, i))
        )

    def _word_ends(self, text: str, k: int) -> bool:
        """A word of the frequent or common lists ends right before ``k`` (周末|小张, 上周|晓丽), not
        one that names a place or a body (CN_WORD_BEFORE_NOT)."""
        w = text[k - 2 : k]
        return (w in self.frequent or w in self.common) and w not in CN_WORD_BEFORE_NOT

    def _word_before(self, text: str, k: int) -> bool:
        """A word of the frequent or common lists ends right before ``k``, a time word, an adverb or
        a verb (上周|晓丽来, 知道|静怡只是, 后来|子轩慢慢, 去年|志豪突然; zh_person18): a clause's
        subject or a verb's object may follow it, where the characters after it make no word with
        its last one (``_given_mention_ok`` tests that across the mention's ends) and the two
        characters at ``k`` are no word and mostly a name's (the name model's odds each above 0,
        summed at least CN_GIVEN_AFTER_WORD_ODDS: not 哲学|博士, 通过|越中)."""
        if not self._word_ends(text, k):
            return False
        given = text[k : k + 2]
        odds = self._model.given_odds
        a, b = odds.get(given[0], -9.0), odds.get(given[1], -9.0)
        return (
            given not in self.frequent
            and given not in self.common
            and a > 0
            and b > 0
            and a + b >= CN_GIVEN_AFTER_WORD_ODDS
        )

    def _mention_ok(self, text: str, k: int, e: int, framed: int) -> bool:
        """A name's other mention at ``text[k:e]``: no word across its start (李子|明 of 桃李子明);
        ``framed`` 1 (a two-character name): a boundary or a word that comes before names before it
        and a word that follows names or a boundary after it, no word across its end; 3 (a
        transliteration: 巴科塔): either side so framed (``_propagate``)."""
        prev = text[k - 1] if k else ""
        if prev and (text[k - 1 : k + 1] in self.common or text[k - 1 : k + 1] in self.frequent):
            return False
        if not framed:
            return True
        nxt = text[e : e + 1]
        left = not prev or not "\u3400" <= prev <= "\u9fff" or prev in CN_PRE or prev in CN_FRAME_STRONG
        right = not nxt or not "\u3400" <= nxt <= "\u9fff" or nxt in CN_POST or nxt in CN_FRAME_AFTER
        if framed == 3:
            return left or right
        return (
            left
            and right
            and text[e - 1 : e + 1] not in self.common
            and text[e - 1 : e + 1] not in self.frequent
        )

    def _more(
        self, text: str, found: list[Finding], weak: list[tuple[int, int]], frames: list
    ) -> tuple[list[Finding], set[str]]:
        """Names the candidate scan leaves: 张某/刘某某, a name in a labelled field ("签名：沈从文"),
        a form of address ("老王，"), and a plain candidate listed next to an accepted name
        ("赵文静、孙浩", "邓超和孙俪")."""
        entity = self.ENTITY
        common = self.common
        covered = bytearray(len(text) + 1)  # characters inside a name found
        for f in found:
            covered[f.start : f.end] = b"\x01" * (f.end - f.start)
        more: list[Finding] = []

        def add(i: int, j: int, score: float, wins: bool = False) -> None:
            # (a dotted name wins over a shorter name inside it: the final merge keeps the widest)
            if wins or not any(covered[i:j]):
                covered[i:j] = b"\x01" * (j - i)
                more.append(Finding(entity, i, j, score))

        # each pass finds its anchor character with str.find (a regex scan of every position of a
        # Chinese text costs more than the rest of this recognizer); which of them the text holds
        # at all, one scan for a character class tells (most texts hold few: no find for the rest)
        hits = self._more_chars.findall(text)
        present = set(hits)
        cued = present - self._more_set  # (a cued start with what follows it: a set difference in C)
        if cued:
            for h in cued:
                present.update(h)
            cued = [h for h in hits if len(h) > 1]
        n = len(text)
        k = text.find("某") if "某" in present else -1
        while k >= 0:  # 张某, 刘某某, 欧阳某 (CN_MOU_NOT_AFTER)
            j = k + 2 if text[k + 1 : k + 2] == "某" else k + 1
            if text[j : j + 1] in CN_MOU_ORDINALS and j < n:
                j += 1  # 李某甲, 王某乙
            if k > 0 and (j == n or text[j] not in CN_MOU_NOT_AFTER):
                i = k - 2 if text[max(0, k - 2) : k] in self.compound else k - 1
                if (text[i] in self.surnames or i == k - 2 or text[i] in self._mou_ambiguous) and not (
                    i > 0 and text[i - 1 : i + 1] in common
                ):  # (an ambiguous surname too: 时某, 全某某; not 向某某借款, 和某某)
                    add(i, j, 0.6)
            k = text.find("某", j)
        for c in CN_KIN_FORMS:
            if c in present:
                self._kin_forms(text, c, found, add, covered)
        label_last = self._label_last
        label_end = self._label_end.search
        longest = self._longest_label
        # the colons and spaces after a label's last character or a parenthesis, and the colons after
        # two to four Chinese characters that start a line (``_colon_label``, ``_colon_speaker``):
        # each colon's in turn
        at: dict[str, list[int]] = {}
        if " " in text or not present.isdisjoint(self._colon_label):
            for c, colon_at in self._colon_label.items():
                if c in present or (c == " " and " " in text):
                    at[c] = [m.start() for m in colon_at.finditer(text)]
        speakers = []
        if "：" in text or ":" in text:
            speakers = [m.end() - 1 for m in self._colon_speaker.finditer(text)]
            if (m := self._colon_first.match(text)) is not None:
                speakers.append(m.end() - 1)
        if speakers:
            for p in speakers:
                at.setdefault(text[p], []).append(p)
            at = {c: sorted(set(ps)) for c, ps in at.items()}
        # a label, then a colon or a space (a table row: 姓名 王芳 性别 女)
        for colon in "：: \u3000" if at else ():
            if colon not in at:
                continue
            for p in at[colon]:
                q = p
                if text[q - 1] in "）)":  # 上诉人（原审被告）：
                    o = max(text.rfind("（", max(0, q - 12), q), text.rfind("(", max(0, q - 12), q))
                    if o > 0:
                        q = o
                lab = None
                if text[q - 1] in label_last:
                    lab = label_end(text, max(0, q - longest), q)
                    m = None if lab is None else self._labelled.match(text, p + 1)
                    if m is not None:
                        add(m.start(1), m.end(1), 0.8)
                    elif lab is not None and lab.group() in CN_NAME_ONLY_LABELS:
                        m = self._labelled_any.match(text, p + 1)
                        if m is not None and m.group(1) not in CN_LABEL_NON_NAMES:
                            add(m.start(1), m.end(1), 0.8, wins=True)  # over a part found inside
                if lab is None and colon in "：:" and not covered[p - 1]:
                    # a speaker at a line start (chat, minutes, interviews: 娄红：收到; 向华：好的),
                    # two to four characters a structural frame would take
                    for i in (p - 2, p - 3, p - 4):
                        if (
                            i >= 0
                            and (i == 0 or text[i - 1] == "\n")
                            and all("\u3400" <= c <= "\u9fff" for c in text[i:p])
                            and (
                                self._struct_ok(text[i:p], "boundary")
                                or self._translit_name(text[i:p])
                                or self._doubled(text[i:p])
                            )
                        ):
                            add(i, p, 0.5)
                            break
        k = text.find("[") if "[" in present else -1
        if k >= 0:
            self._cited(text, add, k)
        rare = self.rare_words
        nicks: list[int] = []  # 小X/老X/阿X in a narrative clause (``_nick_in_clause``)
        for lead in "小老阿":  # 小李, 老王, 阿强 addressed: then a comma, ! ? : or 说
            i = text.find(lead) if lead in present else -1
            while i >= 0:
                nxt = text[i + 1 : i + 2]
                if (
                    i + 2 < n
                    and (
                        nxt in self.surnames
                        or (lead == "阿" and nxt in self.given)
                        or (  # 小 and a given-name character, no word (小芳，; not 小心，小时): only
                            # after a boundary (小芳，你的快递到了; 群里小军说 is left)
                            lead == "小"
                            and nxt in self.given
                            and nxt not in CN_KIN_CHARS  # (小妹，小宝: kin and pet words)
                            and (i == 0 or text[i - 1] in CN_FRAME_STRONG)
                            and text[i : i + 2] not in self.frequent
                            and text[i : i + 2] not in common
                            and text[i : i + 2] not in rare
                        )
                    )
                ):
                    # as a subject after a boundary or a role (老刘退休了, 客服专员小周): a frequent
                    # surname whatever follows, 阿 and a given-name character before a name's verb
                    if (
                        (
                            text[i + 2] in CN_VOCATIVE_AFTER
                            and not (  # 大小王, 古老李; but 听老张说, 跟小李说
                                i > 0
                                and self._cjk.match(text, i - 1) is not None
                                and text[i - 1] not in CN_ADDRESS_PRE
                            )
                            and (text[i : i + 2] not in common or nxt in CN_TOP_SURNAMES)
                        )
                        or (
                            (
                                nxt in CN_TOP_SURNAMES
                                or text[i + 2] in CN_FRAME_AFTER
                                or text[i + 2 : i + 4] in CN_ADDRESS_SUBJECT_AFTER
                            )
                            and (
                                i == 0
                                or text[i - 1] in CN_FRAME_STRONG
                                or self._role_before_at(text, max(0, i - 6), i)
                            )
                            and (
                                text[i : i + 2] not in common
                                # 老周退休了, 小王昨天: jieba lists 老/小 and a frequent surname
                                or (
                                    nxt in CN_TOP_SURNAMES
                                    and (
                                        text[i + 2] in CN_FRAME_AFTER
                                        or text[i + 2 : i + 4] in CN_ADDRESS_SUBJECT_AFTER
                                    )
                                )
                            )
                            and text[i : i + 2] not in rare
                            and text[i + 1 : i + 3] not in common
                            and text[i + 1 : i + 3] not in rare
                        )
                        or (
                            # the object of a verb that takes a person, before a word that follows
                            # names (感谢阿杰帮我, 告诉老李一声; zh_person14)
                            i > 1
                            and text[i - 1] in self._verb_cue_last_all
                            and text.endswith(CN_VERB_CUES, max(0, i - 3), i)
                            and (
                                text[i + 2] in CN_POST
                                or text[i + 2] in CN_FRAME_AFTER
                                or text[i + 2] in "帮替"
                            )
                            and text[i : i + 2] not in common
                            and text[i : i + 2] not in self.frequent
                            and text[i : i + 2] not in rare
                            and text[i + 1 : i + 3] not in common
                        )
                    ):
                        add(i, i + 2, 0.5)
                    elif self._nick_in_clause(text, i, lead, nxt):
                        nicks.append(i)  # (after the frames: their names' other mentions first)
                if (
                    i > 1
                    and text[i - 1] in self._address_roles_last
                    and not covered[i]
                    and i + 2 <= n
                    and (nxt in self.surnames or (lead != "老" and nxt in self.given))
                    and nxt not in CN_KIN_CHARS
                    and self._address_roles_at(text, max(0, i - 5), i)
                    and (
                        nxt in CN_TOP_SURNAMES  # (小张, 老王: jieba lists them)
                        or (text[i : i + 2] not in common and text[i : i + 2] not in self.frequent)
                    )
                    and text[i : i + 2] not in rare
                ):
                    add(i, i + 2, 0.5)  # after a role: 装修师傅老周, 客服小美, 维修工小马上门
                i = text.find(lead, i + 1)
        if "·" in present or "・" in present:
            self._dotted(text, add)
        if not self._compound_firsts.isdisjoint(present):
            self._compound(text, add, covered, present)
        if not self._vocative_firsts.isdisjoint(present):
            self._vocative(text, add, present)
        if "@" in text or "＠" in text:  # (a substring test in C: no anchor of the scan)
            self._mentioned(text, add)
        if (
            ("拍" in present and "拍了拍" in text)
            or ("撤" in present and "撤回了" in text)
            or ("群" in text and ("群聊" in text or "群名" in text or "群里其他" in text))
        ):
            self._chat_events(text, add)
        framed = self._framed_pass(text, add, covered, frames) if frames else set()
        anchors, runs = self._anchors_and_runs(text)
        framed |= self._structural(text, add, covered, anchors)
        self._translit(text, add, covered, runs)
        if cued:
            starts = []
            k = 0
            again = self._more_chars.match
            for h in cued:
                k = text.find(h, k)
                while (m := again(text, k)) is None or m.group() != h:  # (a mention with no cue before it)
                    k = text.find(h, k + 1)
                starts.append(k)
                k += len(h)
            framed |= self._cued(text, add, covered, starts)
        if weak:
            starts = {f.start for f in found} | {f.start for f in more}
            ends = {f.end for f in found} | {f.end for f in more}
            for _ in range(3):  # a list of names: each pass takes the next neighbour
                left = []
                for i, j in weak:
                    if (i > 1 and text[i - 1] in CN_COORD and i - 1 in ends) or (
                        j < n and text[j] in CN_COORD and j + 1 in starts
                    ):
                        before = len(more)
                        add(i, j, 0.45)
                        if len(more) > before:
                            starts.add(i)
                            ends.add(j)
                    else:
                        left.append((i, j))
                if len(left) == len(weak):
                    break
                weak = left
        if found or more:
            framed |= self._listed(text, found, more, add, covered)
        for i in nicks:
            add(i, i + 2, 0.5)
        # a framed name is a name at its other mentions in the text too: those of a name of given-
        # name characters are candidates of the scan (``analyze`` takes them from its pending
        # ones); others are looked up, one scan per name, for the first CN_PROPAGATE_MAX names (a
        # text of 100k names stays linear)
        if not framed:
            return more, framed
        given = self.given
        for name in sorted(n for n in framed if not all(c in given for c in n[1:]))[:CN_PROPAGATE_MAX]:
            k = text.find(name)
            while k >= 0:
                add(k, k + len(name), 0.45)
                k = text.find(name, k + len(name))
        return more, framed

    def _compound(self, text: str, add, covered: bytearray, present: set[str]) -> None:
        """A compound surname and one or two characters (issue #16, zh_person14: 上官婉儿是, 公司新来的
        慕容雪很能干, 最后皇甫嵩还是): a compound surname is a name's start wherever it stands (jieba
        lists 欧阳, 上官, 诸葛 as words, so the candidate scan takes their names only with a cue), but
        for those that are words or places as often (CN_COMPOUND_WORDS: 东方红, 第五届, 西门子). The
        first character after it is no function word, numeral or place suffix; a second one is taken
        where it is a name's character and starts no word with the one after it; after the name, a
        mark or a word that follows names or a person's verb (not 司马光砸缸, a story). Not a word (司马昭之心,
        令狐公子: jieba's words begun by the compound), a place or an organisation, nor after a character
        that makes a word with the surname's first. Its starts: the compounds whose first character the
        scan of ``_more``'s anchors met before a compound's second (``str.find`` each); O(1) per start."""
        n = len(text)
        common = self.common
        frequent = self.frequent
        rare = self.rare_words
        bad = self._compound_not_given
        starts = []
        for name in self._compound_names:
            if name[0] in present:
                k = text.find(name)
                while k >= 0:
                    starts.append(k)
                    k = text.find(name, k + 2)
        for i in sorted(starts):
            j = i + 2
            if j >= n or covered[i] or covered[j] or not "\u4e00" <= text[j] <= "\u9fff" or text[j] in bad:
                continue
            if text[i + 1 : i + 3] in common:
                continue  # the surname's second character starts a word (上|官方网站)
            if text[j : j + 2] in frequent:
                continue  # the given part is a frequent word (欧阳|自己)
            if i and (
                text[i - 1 : i + 1] in common
                or text[i - 1 : i + 1] in frequent
                or (i > 1 and text[i - 2 : i + 1] in common)
            ):
                continue  # (the surname's first character ends a word: 主人公|孙启勤)
            e = j + 1
            c = text[e : e + 1]
            if (
                c
                and "\u4e00" <= c <= "\u9fff"
                and c not in bad
                and c in self.name_chars
                and self._model.given_odds.get(c, -9.0) > CN_COMPOUND_SECOND_ODDS  # (公孙止|见状)
                and text[e : e + 2] not in common
                and text[e : e + 2] not in frequent
                and not covered[e]
            ):
                e += 1
            if e - j == 1 and (text[j : j + 2] in common or text[j : j + 2] in frequent):
                continue  # the given character starts a word (欧阳|自己, 上官|午夜)
            for k in (e, e - 1) if e - j == 2 else (e,):
                w = text[i:k]
                if w in common or w in frequent or w in rare or w in self.places:
                    continue
                if any(text[i:x] in common or text[i:x] in rare for x in range(k + 1, min(n, i + 6) + 1)):
                    break  # a longer word begun here (司马昭之心, 令狐公子)
                q = text[k : k + 1]
                if q in CN_PLACE_SUFFIX or text[k : k + 2] in CN_ORG_SUFFIX2 or self._org_after(text, k):
                    break
                if (
                    q
                    and "\u3400" <= q <= "\u9fff"
                    and q not in self._compound_after
                    and text[k + 1 : k + 2] != q  # (a reduplicated adverb: 上官婉儿微微一笑)
                ):
                    continue
                add(i, k, 0.5)
                break

    def _vocative(self, text: str, add, present: set[str]) -> None:
        """A given name addressed at the start of a clause (issue #16, zh_person14: 「秀兰，你过来一下。」,
        子轩，你的快递我帮你拿了, 婉婷你到了没, 志明，明天早上八点楼下等你) and the short forms with 哥/姐
        (国强哥，你别走, 芳姐，你上次说的, 丽姐说她下午过来) and a parent addressed by the child's name
        (梓萱妈妈，明天带水彩笔): two characters (one before 哥/姐) that both write given names
        (in the given-name list and likelier in names than in words: the name model's odds), no word,
        place or kin word, at a text's, a line's, a quotation's or a sentence's start, before 你/您, a
        comma or an exclamation mark (one with 哥/姐: before 说 too); without 哥/姐/妈妈/爸爸,
        a comma or an exclamation mark that a 你/您 follows within CN_VOCATIVE_WINDOW characters
        (or, inside a quotation, whatever follows: “春花，吃饭了！”). One ``re`` scan (a class of the
        openers first); O(1) per match."""
        given = self.given
        odds = self._model.given_odds
        common = self.common
        frequent = self.frequent
        rare = self.rare_words
        # where a form of address may end: before a second person (its comma within
        # CN_VOCATIVE_WINDOW characters before it), a kin word or after a quotation's opening; the
        # scan reads only windows around those (merged: each character once), not the whole text
        windows = []
        for anchor, before, after in CN_VOCATIVE_ANCHORS:
            if anchor[0] not in present:  # (``_more_chars``' scan found which the text holds)
                continue
            k = text.find(anchor)
            while k >= 0:
                windows.append((max(0, k - before), k + after))
                k = text.find(anchor, k + 1)
        if not windows:
            return
        windows.sort()
        matches = []
        lo, hi = windows[0]
        if lo == 0 and (first := self._vocative_first.match(text, 0, hi)) is not None:
            matches.append(first)
        for a, b in (*windows[1:], (len(text) + 1, 0)):
            if a <= hi:
                hi = max(hi, b)
                continue
            matches += self._vocative_scan.finditer(text, lo, hi)
            lo, hi = a, b
        for m in matches:
            i, j = m.span(1)
            kin = m.group(2)
            e = m.end()
            if not kin and j - i == 2 and text[i + 1] in "哥姐":
                kin, j = text[i + 1], i + 1  # (芳姐，: the class took the kin word)
            if j - i == 1 and (not kin or len(kin) > 1):
                continue  # (one character alone, or before 妈妈/爸爸)
            nxt = text[e]
            if nxt == "说" and not kin:
                continue  # (a given name before 说 is the other passes')
            name = text[i:j]
            if any(c not in given or c in CN_KIN_CHARS or c in NOT_ALONE for c in name):
                continue
            z = [odds.get(c, 0.0) for c in name]  # (a listed given character jieba's names lack: 萱)
            if min(z) <= CN_VOCATIVE_MIN_ODDS or sum(z) < CN_VOCATIVE_ODDS:
                continue  # (浩然, 淑芬: the pair likelier a name's than a word's)
            if (
                (name in common and not (kin and min(z) >= CN_VOCATIVE_KIN_ODDS))  # (振华哥)
                or name in frequent
                or name in rare
                or name in self.places
                or (kin and (text[i:e] in common or text[j - 1 : e] in common or text[i:e] in rare))
            ):
                continue
            if not kin and nxt not in CN_VOCATIVE_YOU:
                # after a comma: a second person within the clause's reach, or a quotation's start
                # (a form with 哥/姐/妈妈/爸爸 addresses someone whatever follows: 涛哥，晚上见)
                p = i - 1
                while p >= 0 and text[p] in " \u3000":  # (the spaces the match passed over)
                    p -= 1
                quoted = p >= 0 and text[p] in '“「『"'
                tail = text[e + 1 : e + 1 + CN_VOCATIVE_WINDOW]
                if not quoted and not any(c in CN_VOCATIVE_YOU for c in tail):
                    continue
            add(i, e, 0.5)

    def _mentioned(self, text: str, add) -> None:
        """A name after @ in chat and forum posts (@王小明 你好, 回复@孙丽丽：): a surname (or 小/老/阿
        and a surname or a name's character) and one or two characters, ending at a space, a mark or
        the text's end; no word (@所有人, @全体成员)."""
        n = len(text)
        for at in "@＠":
            k = text.find(at)
            while k >= 0:
                i = k + 1
                j = i
                while j < n and j - i < 5 and "\u3400" <= text[j] <= "\u9fff":
                    j += 1
                if 2 <= j - i <= 4 and (j == n or not "\u3400" <= text[j] <= "\u9fff"):
                    name = text[i:j]
                    sur = self.surname_at(name, 0)
                    if (
                        (
                            (sur is not None and j - i - len(sur) in (1, 2))
                            or (
                                name[0] in "小老阿"
                                and j - i == 2
                                and (name[1] in self.surnames or name[1] in self.given)
                            )
                            or self._doubled(name)
                        )
                        and name not in self.common
                        and name not in self.frequent
                        and name not in self.rare_words
                        and not any(c in self._struct_stop for c in name[1:])
                    ):
                        add(i, j, 0.6)
                k = text.find(at, j)

    def _doubled(self, name: str) -> bool:
        """``name`` is a doubled given-name character, a pet name (叠字小名: 婷婷, 思思, 佳佳), where a
        speaker's colon or an @ makes it a person: no word (常常, 明明, 刚刚), no kin or pet word's
        character (宝宝, 哥哥, 妹妹)."""
        return (
            len(name) == 2
            and name[0] == name[1]
            and name[0] in self.given
            and name[0] not in CN_KIN_CHARS
            and name not in self.frequent
            and name not in self.common
            and name not in self.rare_words
        )

    def _chat_events(self, text: str, add) -> None:
        """Names in the system lines of a group chat (WeChat): the whole line before the event is
        a member's name, quoted or not ("郑浩"邀请"马丽"加入了群聊, 冯佳撤回了一条消息, 周小川拍了拍你,
        "许晴"修改群名为...), so are the names after 拍了拍 and between 邀请 and 加入 (何志远邀请林晓琳、
        高俊加入了群聊). A slot holds a name where a surname (or a compound one) and one or two
        characters, a transliteration or minority name parts fill it whole, words included (汪洋撤回了一条
        消息); not 你/对方/群主. Each event looks back at most CN_CHAT_LINE characters (linear)."""
        n = len(text)
        for event in CN_CHAT_EVENTS:
            a = text.find(event)
            while a >= 0:
                end = a + len(event)
                lo = max(0, a - CN_CHAT_LINE)
                ls = text.rfind("\n", lo, a) + 1
                if ls == 0 and lo > 0:
                    a = text.find(event, end)
                    continue
                head_end = a
                if event in ("加入了群聊", "加入群聊"):
                    b = text.rfind("邀请", ls, a)
                    if b < 0:
                        a = text.find(event, end)
                        continue
                    head_end = b
                    p = b + 2  # the invited: 、 or ， between them
                    while p < a:
                        q = p
                        while q < a and text[q] not in "、，,和":
                            q += 1
                        self._chat_slot(text, p, q, add)
                        p = q + 1
                elif event == "拍了拍":
                    q = end
                    while q < n and q - end < CN_CHAT_LINE and text[q] not in "的说并\n":
                        q += 1
                    self._chat_slot(text, end, q, add)
                self._chat_slot(text, ls, head_end, add)
                a = text.find(event, end)

    def _chat_slot(self, text: str, i: int, j: int, add) -> None:
        """A chat line's slot ``text[i:j]``, spaces and quotes stripped, is a member's name."""
        while i < j and text[i] in CN_CHAT_STRIP:
            i += 1
        while j > i and text[j - 1] in CN_CHAT_STRIP:
            j -= 1
        name = text[i:j]
        if not 2 <= j - i <= 4 or not all("\u3400" <= c <= "\u9fff" for c in name):
            return
        sur = self.surname_at(name, 0)
        if (
            (
                sur is not None
                and len(name) - len(sur) in (1, 2)
                and not any(c in self._struct_stop for c in name[1:])
            )
            or self._minority_parts(name)
            or self._translit_name(name)
        ):
            add(i, j, 0.6, wins=True)

    def _anchors_and_runs(self, text: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
        """The spans of the structural anchors (``_struct``'s matches, none overlapping the one before)
        and of the transliteration runs (``_translit_run``'s), from one scan (``_anchors_runs``)."""
        anchors: list[tuple[int, int]] = []
        runs: list[tuple[int, int]] = []
        last = 0
        for m in self._anchors_runs.finditer(text):
            if m.start(1) >= 0:
                if m.start(1) >= last:
                    last = m.end(1)
                    anchors.append((m.start(1), last))
                if m.start(2) >= 0:
                    runs.append(m.span(2))
            else:
                runs.append(m.span(3))
        return anchors, runs

    def _translit(self, text: str, add, covered: bytearray, runs: list[tuple[int, int]]) -> None:
        """Transliterated foreign and minority names with no middle dot (默克尔, 伊万诺夫, 拜登签署,
        吐尔逊老人): a run of two to six transliteration characters (CN_TRANSLIT) whose weights sum to
        at least 1.0, framed by a role word before it (总理, 留学生, 外教) or a word that follows a
        person after it (说, 签署, 老人: CN_TRANSLIT_AFTER) and a boundary or such a word on the
        other side; with only a boundary or a function word on each side, its weights must sum to
        2.2. Not a known place, people, loanword or brand (cn_translit_words.txt, also as the run's
        start or end: 莫斯科, 伊斯坦布尔, 奥斯卡), a place's ending (亚, 堡, 兰: unless a role word
        stands before) or a word. One scan of the runs (a character class: linear)."""
        weights = CN_TRANSLIT
        words = self._translit_words
        roles = self._translit_roles_at
        for s, e in runs:
            size = e - s
            if size > 6 or covered[s] or covered[e - 1]:
                continue
            run = text[s:e]
            if size > 2 and text[e - 1 : e + 1] in self.frequent:
                e -= 1  # the last character starts a word: 洛克菲勒|提出
                size -= 1
                run = run[:-1]
            if any(run[:k] in words for k in range(2, size + 1)):
                continue  # a known place, people or loanword starts it (莫斯科, 卢布)
            word_before = size > 3 and (run[:2] in self.frequent or run[:2] in self.common)
            if word_before:
                s += 2  # a word before it: 谢谢|巴特尔
                size -= 2
                run = run[2:]
            if run[-1] == run[-2] or len(set(run)) * 2 <= size:
                continue  # reduplicated: 哈哈哈哈, 远远
            weight = 0.0
            for c in run:
                weight += weights[c]
            p = text[s - 1] if s else ""
            q = text[e : e + 1]
            if (p and p in CN_NAME_DOTS) or (q and q in CN_NAME_DOTS):
                continue  # (a dotted name's part: ``_dotted``)
            if roles(text, max(0, s - 6), s) or (
                p in CN_LIST_MARKS and s > 1 and covered[s - 2] and self._listed_after(text, s - 1, covered)
            ):
                left = 2  # (a role word, or a name found before 和/与/及/、: 卡洛斯和玛利亚)
            elif word_before or not p or p in CN_FRAME_STRONG or p in CN_PRE or not "\u3400" <= p <= "\u9fff":
                left = 1
            elif p == "了":
                left = 1  # 见到了帕尔哈提
            else:
                continue  # (a role's last character that ends no role)
            if (q in self._translit_after_first and self._translit_after_at(text, e)) or (
                q in _TRANSLIT_TIME_FIRST and text.startswith(CN_TRANSLIT_TIME, e)
            ):
                right = 2
            elif (
                q in CN_LIST_MARKS
                and covered[e + 1]
                and (not p or p in CN_FRAME_STRONG or p in CN_LIST_MARKS)
                and not self._translit_longer(text, s, e)
            ):
                # a name found after 和/与/及/、 and a boundary before (玛利亚和卡洛斯; not 阿尔|及利亚, nor
                # 娜丽 of 向娜丽、王宁)
                right = 2
            elif (
                not q
                or q in CN_POST
                or q in CN_FRAME_AFTER
                or q in CN_ANIMATE_AFTER
                or not "\u3400" <= q <= "\u9fff"
            ):
                right = 1
            else:
                right = 0
            cue = left + right
            # a sentence's subject before 把/被/还/也/... (CN_SUBJECT_AFTER): a lighter run (玛丽把窗帘拉开,
            # 伊万把酒杯推开; zh_person14)
            opens = (not p or p in CN_SENTENCE_OPEN) and q in CN_SUBJECT_AFTER
            if (
                cue < 2
                or (cue == 2 and weight < (CN_TRANSLIT_OPEN_CUES if opens else CN_TRANSLIT_WEAK_CUES))
                or (left < 2 and run[-1] in CN_TRANSLIT_PLACE_END)
                or run in self.frequent
                or (run in self.rare_words and cue < 3 and not opens)  # (伊万说: a person's word after it)
                or (left < 2 and run in self.common)
                or any(run[-k:] in words for k in range(2, size + 1))
            ):
                continue
            add(s, e, 0.5)

    def _translit_longer(self, text: str, k: int, e: int) -> bool:
        """A known transliterated place or word starts at ``k`` and goes on past ``e`` (阿尔|及利亚)."""
        words = self._translit_heads.get(text[k : k + 2])
        return words is not None and any(len(w) > e - k and text.startswith(w, k) for w in words)

    def _listed_after(self, text: str, mark: int, covered: bytearray) -> bool:
        """The name found right before the list mark at ``mark`` (和, 与, 及, 、) ends there: no known
        transliterated place or word runs from it across the mark (阿尔及利亚: 阿尔 is no name)."""
        k = mark - 1
        while k > 0 and covered[k - 1] and mark - k < 6:
            k -= 1
        return not self._translit_longer(text, k, mark)

    def _translit_name(self, name: str) -> bool:
        """``name`` (a speaker before a colon at a line start: 汤姆：, 艾米丽：) is a run of
        transliteration characters weighing at least 1.0 and no known place, loanword or word."""
        weights = CN_TRANSLIT
        if any(c not in weights for c in name) or sum(weights[c] for c in name) < 1.0:
            return False
        return not (
            name in self.common
            or name in self.frequent
            or name in self.rare_words
            or any(
                name[:k] in self._translit_words or name[-k:] in self._translit_words
                for k in range(2, len(name) + 1)
            )
        )

    def _cited(self, text: str, add, k: int) -> None:
        """Authors of a reference (GB/T 7714): at the start of a line that holds a reference-type
        mark ([J], [M], [C], [D], [N], ...), an optional number ("[1] ", "1. "), then surnames with
        one to three characters separated by commas, ending with a full stop or 等.
        ("王晓明, 李华, 张伟. 题名[J]." and "[4] 赵鼎新，周雪光等. 题名[J]."). Each line is read once."""
        n = len(text)
        last = 0  # the last mark's position: a line start is looked for after it only (linear)
        while k >= 0:
            if k + 2 < n and text[k + 2] == "]" and text[k + 1] in CN_REF_TYPES:
                nl = text.rfind("\n", last, k)
                if nl >= 0 or last == 0:  # (a second mark on the same line: that line is read)
                    start = nl + 1
                    if start < k:
                        self._authors(text, self._ref_prefix.match(text, start).end(), k, add)
                last = k
            k = text.find("[", k + 1)

    def _authors(self, text: str, pos: int, limit: int, add) -> None:
        names = []
        author = self._author.match
        while pos < limit and len(names) < 30:
            m = author(text, pos)
            if m is None:
                return
            nxt = text[m.end() : m.end() + 1]
            names.append(m.span(1))
            pos = m.end() + 1
            if nxt in CN_AUTHOR_END or (m.start(2) >= 0 and nxt in CN_AUTHOR_SEP):
                break  # the list ends (王晓明, 李华. / 王晓明，李华等.)
            if nxt not in CN_AUTHOR_SEP:
                return
        else:
            return
        given_words = self.given_char_words
        common = self.common
        for i, j in names:
            if text[i:j] in given_words:
                continue
            if j - i >= 4 and text[i : i + 2] not in self.compound:
                return  # 4 characters without a compound surname: a title, not an author list
            if text[i:j] in common and j - i > 2:
                return
        for i, j in names:
            add(i, j, 0.6)

    def _listed(
        self, text: str, found: list[Finding], more: list[Finding], add, covered: bytearray
    ) -> set[str]:
        """A surname and one or two characters listed right after or before a name found, between
        list marks (张三、李四和王五; 樊星和柴静怡), whatever its characters (the frame's other tests
        apply)."""
        names: set[str] = set()
        n = len(text)
        coord = CN_LIST_MARKS
        todo = [
            (f.start, f.end)
            for f in (*found, *more)
            if text[f.end : f.end + 1] in coord or text[f.start - 1 : f.start] in coord
        ]
        if not todo:
            return names
        skipped: set[int] = set()  # (starts of items passed over: one at most between two names)
        for _ in range(6):  # each round takes the next neighbour not found yet
            nxt = []
            for s, e in todo:
                if e + 2 < n and text[e] in coord and not covered[e + 1]:  # forward: the list goes on
                    i = e + 1
                    sur = self.surname_at(text, i)
                    taken = False
                    if sur is not None:
                        k = i + len(sur)
                        # the shortest name a following word ends; else as long as its neighbour
                        # (张三、李四和王五合伙: lists hold names of one length)
                        ends = [j for j in (k + 1, k + 2) if j <= n and (j == n or text[j] in CN_FRAME_AFTER)]
                        j = ends[0] if ends else i + (e - s)
                        if k < j <= min(n, k + 2) and self._framed_ok(
                            text, i, j, k, listed=True, word_ok=bool(ends)
                        ):
                            add(i, j, 0.45)
                            names.add(text[i:j])
                            nxt.append((i, j))
                            taken = True
                    if not taken and s not in skipped:
                        # an item no name (a place's name: 金山) between list marks: the list goes on
                        # after it, to the next item (高峰、金山、白雪、马力; zh_person14)
                        j = i + 2
                        while j < min(n, i + 4) and "\u3400" <= text[j] <= "\u9fff":
                            j += 1
                        if j < n and text[j] == "、" and "\u3400" <= text[i] <= "\u9fff":
                            skipped.add(i)
                            nxt.append((i, j))
                if s > 2 and text[s - 1] in coord and not covered[s - 2]:  # backward: it began before
                    j = s - 1
                    for i in (j - 2, j - 3):
                        if i >= 0 and (i == 0 or text[i - 1] in CN_FRAME_BEFORE):
                            sur = self.surname_at(text, i)
                            if (
                                sur is not None
                                and j - i > len(sur)
                                and not any(covered[i:j])
                                and self._framed_ok(text, i, j, i + len(sur), listed=True)
                            ):
                                add(i, j, 0.45)
                                names.add(text[i:j])
                                nxt.append((i, j))
                            break
            if not nxt:
                break
            todo = nxt
        return names

    def _kin_ok(self, text: str, i: int, k: int, t: int) -> bool:
        """``text[i:k]`` a listed surname, ``text[k:t]`` a short form of address (刘总, 陈工, 李哥,
        赵叔叔): after a boundary or a word that comes before names, before a word that follows
        names, and no word around the surname or the form (王总结, 高工, 姐妹, 和平)."""
        return (
            (i == 0 or text[i - 1] in CN_OFFICE_PRE or text[i - 1] in CN_PRE)
            and (t == len(text) or text[t] in CN_POST)
            and (t - k == 2 or text[k : k + 2] not in self.frequent)  # (叔叔 is one)
            and text[i : k + 1] not in self.common
            and text[i : k + 1] not in self.rare_words
            and not (i > 0 and text[i - 1 : i + 1] in self.common)
        )

    def _kin_forms(self, text: str, c: str, found: list[Finding], add, covered: bytearray) -> None:
        """A listed surname before a short form of address ``c`` (CN_KIN_FORMS: 刘总, 陈工, 李哥, 王姐,
        赵叔叔) after a boundary or a word that comes before names, then a word that follows names:
        only the surname is the person's name. Where the scan took the form into a name (赵叔, 高姐)
        the finding is cut to the surname. Not a word around the surname or the form (王总结, 高工,
        姐妹). Each ``c`` by ``str.find`` (a regex scan of the whole text costs more: these
        characters are few)."""
        surnames = self.surnames
        frequent = self.frequent
        common = self.common
        rare = self.rare_words
        starts = None
        k = text.find(c, 1)
        while k > 0:
            i = k - 1
            t = k + 2 if text[k : k + 2] == "叔叔" else k + 1
            if (
                text[i] not in surnames
                or (t == k + 1 and text[k : k + 2] in frequent)  # 总结, 工作, 姐妹
                or text[i : i + 2] in common
                or text[i : i + 2] in rare  # 高工
                or (i > 0 and text[i - 1 : i + 1] in common)  # the surname ends a word
            ):
                pass
            elif covered[i]:
                if starts is None:
                    starts = {f.start: x for x, f in enumerate(found)}
                x = starts.get(i)
                if x is not None and found[x].end == t:  # (not 凌叔华: a name with 叔 in it)
                    found[x] = Finding(self.ENTITY, i, k, 0.5)  # 赵叔, 高姐: the surname only
            elif (
                not any(covered[k:t])
                and (
                    self._kin_ok(text, i, k, t)
                    or (  # after a service or workplace role (月嫂张姐, 保姆刘姐照顾, 师傅李哥)
                        i > 1
                        and text[i - 1] in self._address_roles_last
                        and self._address_roles_at(text, max(0, i - 5), i)
                        and text[t : t + 1] not in self.given
                        and text[t : t + 1] not in CN_PLACE_SUFFIX
                    )
                    or (  # a sentence's subject before a verb (李哥帮我搬家; not 凌叔华: a given name's character)
                        (i == 0 or text[i - 1] in CN_SENTENCE_END)
                        and text[t : t + 1] not in self.given
                        and text[t : t + 1] not in CN_PLACE_SUFFIX
                    )
                )
            ):
                add(i, k, 0.5)
            k = text.find(c, t)

    def _dotted(self, text: str, add) -> None:
        """Transliterated and minority names with middle dots (阿卜杜拉·艾尼, 穆罕默德·拉斐克·塔拉尔):
        up to four characters before the first dot (a role before them left out: 总统奥马尔), up
        to five after each dot (阿卜杜拉·艾尼), ending at a function word, a frequent word or a
        non-Chinese character; one character after a first part that is no word or place where a
        boundary or a word that follows names comes next (阿卜杜拉·汗。, 伊姆兰·汗说, 按照|欧文·豪(;
        zh_person18). It wins over shorter names found inside it (古丽 of 古丽米热·艾力)."""
        cjk = self._cjk.match
        words = self.given_char_words
        after_words = self._after_words_at
        for dot in CN_NAME_DOTS:
            k = text.find(dot)
            while k > 0:
                i = k
                while i > k - 4 and i > 0 and cjk(text, i - 1) and text[i - 1] not in CN_DOT_STOP:
                    i -= 1
                for cut in range(k - 2, i - 1, -1):  # a role before the name stays out: 总理拉吉夫·甘地
                    if text[cut] in CN_ROLE_END:
                        i = cut + 1
                        break
                j = end = k
                for _ in range(4):  # the parts after each dot
                    if text[j : j + 1] != dot:
                        break
                    p = j + 1
                    while (
                        p < j + 6
                        and p < len(text)
                        and cjk(text, p)
                        and (text[p] not in CN_FRAME_AFTER or text[p] == "都")  # 阿不都
                        and text[p] not in CN_DOT_STOP
                        and (text[p] != "不" or text[p - 1] == "阿")  # 阿不都; 盖茨不
                        and text[p : p + 2] not in words
                        # a title after the part: 伊万诺夫|教授
                        and not (p - j > 2 and after_words(text, p))
                        # a verb after two characters of the part: 阿卜杜拉·艾力来店里 (not 艾买提)
                        and not (p - j > 2 and text[p] in CN_POST and text[p] not in CN_TRANSLIT)
                    ):
                        p += 1
                    if p - j - 1 < 2:
                        if (
                            p - j - 1 == 1
                            and end == k
                            and (p >= len(text) or not cjk(text, p) or text[p] in CN_POST)
                        ):
                            # one character after a first part that is no frequent word, place or
                            # known transliterated place or word (ending there: 埃塞俄比亚·金), then a
                            # boundary (阿卜杜拉·汗。, 按照|欧文·豪(: a word before it left out)
                            first = (
                                text[i + 2 : k] if k - i >= 4 and self._word_ends(text, i + 2) else text[i:k]
                            )
                            if not (
                                len(first) < 2
                                or first in self.frequent
                                or any(
                                    text[k - n : k] in self._translit_words or text[k - n : k] in self.places
                                    for n in range(2, 8)
                                )
                            ):
                                i, end = k - len(first), p
                        break
                    j = end = p
                if k - i >= 2 and end > k:
                    add(i, end, 0.5, True)
                j = max(end, k + 1)
                k = text.find(dot, j)

    def _structural(self, text: str, add, covered: bytearray, anchors: list[tuple[int, int]]) -> set[str]:
        """Names framed by the sentence's structure, whatever their surname: two to four characters
        (six for a minority name) between a boundary, a role word (记者, 班主任, 同事) or an object
        frame's 给/和/向 and a speech verb or an object frame's word (向明辉说, 记者时晓东报道,
        给仝海波打电话, 扎西顿珠表示); and after a role word, two or three characters before a
        word that follows names (市长庹明在, 患者时秀珍，). What stands there must pass
        ``_struct_ok`` (no function word, pronoun or frequent word). One scan finds the anchors and
        the role words."""
        names: set[str] = set()
        speech = self._speech
        role_words = self._role_words
        roles = self._frame_roles
        frequent = self.frequent
        role_last = self._frame_roles_last
        no_start = self._struct_no_start
        struct_first = self._struct_first
        title_surnames = self._title_surnames
        ambiguous = self.ambiguous
        after = CN_FRAME_AFTER
        n = len(text)
        for r, i in anchors:
            w = text[r:i]
            if w in role_words:  # a role word, then the name (市长庹明在, 记者时晓东报道)
                if r > 0 and w in CN_TITLES and text[r - 1] in title_surnames:
                    self._ambiguous_title(text, r, i, add)  # 全经理说, 明主任今天
                if (  # a function word after it; the role word's first character ends a word: 公司机关
                    i == n
                    or not ("\u3400" <= text[i] <= "\u9fff")
                    or covered[i]
                    or text[i] in no_start
                    or (r > 0 and text[r - 1 : r + 1] in frequent)
                ):
                    continue
                best = None  # the first end before a word that follows names; one before a speech verb wins
                for size in (2, 3, 4):
                    j = i + size
                    if j > n or not ("\u3400" <= text[j - 1] <= "\u9fff"):
                        break  # (only Chinese characters: 原告席，)
                    c = text[j : j + 1]
                    if c in struct_first and self._speech_at(text, j):
                        best = (j, "role")  # 记者何加正报道 (正 could follow a name too)
                        break
                    if best is None and (j == n or c in after or not ("\u3400" <= c <= "\u9fff")):
                        best = (j, "role" if c in "，、（(" else "role_weak")
                        if not ("\u3400" <= c <= "\u9fff"):
                            break
                if best is not None:
                    j, kind = best
                    if (
                        not any(covered[i:j])
                        and text[j : j + 1] not in CN_PLACE_SUFFIX
                        and self._struct_ok(text[i:j], kind)
                    ):
                        add(i, j, 0.5)
                        names.add(text[i:j])
                continue
            v = r
            # (the pattern's lookbehind saw to it that the character before a speech verb or an
            # object word is Chinese and may end a name: no function word, pronoun or 地)
            if v < 2 or text[v - 1 : v + 1] in frequent or text.startswith(CN_SPEECH_NOT, v):
                continue  # nor where the anchor ends a word (微笑着)
            run = v - 1  # the start of the run of Chinese characters before the anchor (at most 7 back)
            low = max(0, v - 7)
            while run > low and "\u3400" <= text[run - 1] <= "\u9fff":
                run -= 1
            # a speech verb frames the name from where the run starts (a boundary before it); a role
            # or an object frame's word from right before a name of two to four characters
            bound = run if w in speech and (run == 0 or not ("\u3400" <= text[run - 1] <= "\u9fff")) else -1
            for i in range(v - 2, max(run, v - 6) - 1, -1):  # sizes 2 to 6, within the run
                if i == bound:
                    kind = "boundary"
                elif i < v - 4:
                    continue
                elif (p := text[i - 1 : i]) in role_last and roles(text, max(0, i - 3), i):
                    kind = "role"
                elif p in CN_OBJECT_PRE:
                    kind = "object"
                else:
                    continue
                if any(covered[i:v]):
                    # a name the scan found without its ambiguous surname (明辉 of 向明辉说) grows
                    if kind != "boundary" or covered[i] or text[i] not in ambiguous:
                        continue
                    if self._struct_ok(text[i:v], kind):
                        add(i, v, 0.5, True)
                        names.add(text[i:v])
                    break
                if self._struct_ok(text[i:v], kind):
                    add(i, v, 0.5)
                    names.add(text[i:v])
                    break
        return names

    def _cued(self, text: str, add, covered: bytearray, starts: list[int]) -> set[str]:
        """Names found by cues around them where the candidate scan's surnames do not start, at the
        positions its eighth branch found (``starts``): an ambiguous surname's three-character name
        (``_ambiguous_at``), a list of names with 、 holding one (``_list_at``) and a minority name
        after a boundary (``_minority_at``)."""
        names: set[str] = set()
        done = 0  # the end of the last list read (a list is read once)
        amb = self._amb_scan
        for i in starts:
            if covered[i]:
                continue
            if text[i] not in amb:
                self._minority_at(text, i, add, covered, names)
            elif i < done:
                continue
            elif text[i + 2 : i + 3] == "、" or text[i - 1 : i] == "、" or text[i + 3 : i + 4] == "、":
                done = self._list_at(text, i, add, covered, names)
                if not covered[i]:
                    self._ambiguous_at(text, i, add, covered, names)
            else:
                self._ambiguous_at(text, i, add, covered, names)
        return names

    def _ambiguous_at(self, text: str, i: int, add, covered: bytearray, names: set[str]) -> None:
        """A three-character name at ``i`` whose surname is ambiguous (cn_surnames_ambiguous.txt: 向,
        时, 全, 习, 原, 花, 师, 秋) and whose given part is two given-name characters, framed by cues
        on both sides (a boundary, an ordinary word before objects or addressees such as 感谢/听/让/由,
        then a word that follows names: 由原文杰负责, 听师建国讲), or by a strong cue on one side (a
        role word before: 村民门春生家, 班主任习晓红特别; a title, a form of address or a speech verb
        after: 的东志刚师傅, 时晓东说). Not where the surname ends a word before it (同时, 安全, 上海)
        or begins one with the next character (时光, 全国, 海洋), where the three characters are a
        word, or where the last begins a word (向志强调研); a given part that is a word (建国,
        大家) only with a role word before or a title or a speech verb after."""
        j = i + 3
        n = len(text)
        if j > n or covered[i + 1] or covered[i + 2]:
            return
        pre = text[i - 1] if i > 0 else "\n"
        if pre in self._role_ends_last and self._role_ends_at(text, max(0, i - 4), i):
            left = 2  # a role word: 村民门春生, 班主任习晓红
        elif (
            pre in CN_FRAME_STRONG
            or pre in CN_PRE
            or (pre in CN_VERB_CUE_LAST and text.endswith(CN_VERB_CUES, max(0, i - 3), i))
        ):
            left = 1
        else:
            left = 0
        c = text[j : j + 1]
        if (
            j == n
            or (c in self._after_first and self._after_words_at(text, j))
            or (c in self._struct_first and self._speech_at(text, j))
        ):
            right = 2  # a title or a speech verb: 东志刚师傅, 时晓东说
        elif c in CN_POST or c in CN_FRAME_AFTER or text[j : j + 2] in CN_START_AFTER:
            right = 1
        else:
            right = 0
        if left + right < 2:
            return  # (the cues first: most starts fail them)
        common = self.common
        frequent = self.frequent
        given = self.given
        name = text[i:j]
        pair = text[i + 1 : j]
        if (
            (i > 0 and (text[i - 1 : i + 1] in common or text[i - 1 : i + 1] in frequent))
            or (i > 1 and text[i - 2 : i + 1] in common)
            or text[i : i + 2] in common
            or text[i : i + 2] in frequent
            or text[i : i + 2] in self.rare_words
            or name in common
            or name in frequent
            or name in self.rare_words
            or (pair[0] not in given and pair[1] not in given)
            or name[-1] in CN_PLACE_SUFFIX
            or pair[0] == pair[1]  # 红彤彤
            or pair in CN_TITLES  # 收银小姐
            or pair in CN_CONTEXT_AFTER
            or any(c in CN_NUMERALS for c in pair)
            or text[j - 1 : j + 1] in frequent
            or text[j - 1 : j + 1] in self.given_char_words
            or (text[j : j + 1] in CN_PLACE_SUFFIX and text[j : j + 2] not in frequent)
            or text[j : j + 2] in CN_ORG_SUFFIX2
            or self._brand_at(text, j)
        ):
            return
        if left == 2 or (right == 2 and name[0] != "向") or not (pair in frequent or pair in common):
            add(i, j, 0.5)
            names.add(name)

    def _minority_at(self, text: str, i: int, add, covered: bytearray, names: set[str]) -> None:
        """A minority name of three to six characters at ``i``, a run of name parts
        (cn_minority_name_parts.txt: 扎西次仁, 阿依努尔, 央金卓玛, 热依拉), after a boundary or a word
        that comes before names, before a word that follows names, a time word or an adverb (扎西次仁是,
        阿依努尔在, 央金卓玛今年): the structural frame finds them only before a speech verb."""
        if text[i : i + 2] not in self._minority_heads:
            return
        pre = text[i - 1] if i > 0 else "\n"
        role = self._translit_roles_at(text, max(0, i - 6), i)  # 室友买买提来自, 小伙巴图今年
        if not (role or pre in CN_FRAME_STRONG or pre in CN_PRE or pre == "的"):
            return
        n = len(text)
        for j in range(min(n, i + 6), i + 1, -1):
            c = text[j] if j < n else "。"
            if not (
                c in CN_FRAME_AFTER
                or c in CN_POST
                or c in CN_ANIMATE_AFTER  # (a person's verb: 乌日娜骑着马, 德吉卓玛唱起了歌)
                or text[j : j + 2] in CN_START_AFTER
                or not ("\u3400" <= c <= "\u9fff")
            ):
                continue
            if (
                not role
                and (
                    (
                        j == i + 2
                        and not self._translit_after_at(text, j)
                        and not text.startswith(CN_TRANSLIT_TIME, j)
                        # (a sentence's subject: 旺堆是村里的兽医, 达瓦和央金)
                        and not (
                            (
                                c in CN_MINORITY_SUBJECT_AFTER
                                or c in CN_ANIMATE_AFTER  # (巴图推开门)
                                or text[j : j + 2] in CN_ADDRESS_SUBJECT_AFTER
                            )
                            and (pre in CN_SENTENCE_END or pre == "，")
                            and text[i:j] not in CN_MINORITY_ALONE_NOT
                        )
                    )  # one part alone: 巴图
                    or (pre == "的" and c not in CN_FRAME_AFTER)  # 内蒙古的乌日娜是
                )
            ):
                continue
            name = text[i:j]
            if (
                self._minority_parts(name)
                and not any(covered[i:j])
                and name not in self.frequent
                and name not in self.common
            ):
                add(i, j, 0.5)
                names.add(name)
                return

    def _list_at(self, text: str, at: int, add, covered: bytearray, names: set[str]) -> int:
        """Names of two or three characters listed with 、 around an ambiguous surname at ``at``
        (向明、时勇、全丽三人; 高建国、方晓梅、时志强等): where every item of a run of at least two between
        a boundary and a word that follows names, 等 or a count is a listed or ambiguous surname and
        name characters, and none is a word or a place, all are names. Returns the end of the run
        read (a list is read once)."""
        n = len(text)
        # the run's first item: back over items separated by 、 (at most 16)
        s = at
        for _ in range(16):
            k = text.rfind("、", max(0, s - 4), s)
            if k < 0 or k == 0:
                break
            t = k
            while t > 0 and k - t < 3 and "\u3400" <= text[t - 1] <= "\u9fff" and text[t - 1] != "、":
                t -= 1
            if k - t < 2:
                break
            s = t
        # items forward from s
        items = []
        p = s
        while p < n and len(items) < 32:
            q = p
            while q < n and q - p < 3 and "\u3400" <= text[q] <= "\u9fff" and text[q] != "、":
                q += 1
            items.append((p, q))
            if q < n and text[q] == "、":
                p = q + 1
            else:
                break
        end = items[-1][1]
        if len(items) < 2:
            return end
        a, b = items[-1]  # the last item ends before a word that follows names, 等 or a count (全丽三人)
        for e in (a + 2, a + 3):
            if e <= b and (e == n or text[e] in CN_FRAME_AFTER or text[e] in CN_LIST_COUNT):
                items[-1] = (a, e)
                break
        else:
            return end
        first = items[0][0]
        if not (
            first == 0
            or text[first - 1] in CN_FRAME_STRONG
            or text[first - 1] in CN_PRE
            or self._role_ends_at(text, max(0, first - 4), first)
        ):
            return end
        common = self.common
        frequent = self.frequent
        name_chars = self.name_chars
        stop = self._struct_stop
        for a, b in items:
            w = text[a:b]
            if (
                not 2 <= b - a <= 3
                or any(covered[a:b])
                or not (w[0] in self.surnames or w[0] in self.ambiguous)
                or w[0] in CN_AMBIGUOUS_NAME_NOT
                or any(c not in name_chars or c in stop for c in w[1:])
                or w in common
                or w in frequent
                or w in self.rare_words
                or w[:2] in common
                or (w[:2] in self._place_heads and self._place_at(text, a))
            ):
                return end
        for a, b in items:
            add(a, b, 0.45)
            names.add(text[a:b])
        return end

    def _ambiguous_title(self, text: str, r: int, i: int, add) -> None:
        """An ambiguous surname before a title (``text[r:i]``) at a boundary, then a word that follows
        names: the surname names the person (全经理说, 明主任今天; not 时局长: 时局 is a word)."""
        k = r - 1
        if (
            (k == 0 or text[k - 1] in CN_OFFICE_PRE or not ("\u3400" <= text[k - 1] <= "\u9fff"))
            and (i == len(text) or text[i] in CN_POST)
            and text[k : k + 2] not in self.frequent
            and text[k : k + 2] not in self.common
        ):
            add(k, r, 0.5)

    def _struct_ok(self, name: str, kind: str) -> bool:
        """A name framed by structure (``_structural``): a listed or ambiguous surname, a compound
        one, a minority name's parts (扎西顿珠), 小/阿/老 and a name's character (小芳, 阿强), or after
        a role word three characters of any surname (庹明远); and no function word, pronoun or
        frequent word in it (国家认为, 向记者介绍, 阳光明媚说)."""
        size = len(name)
        frequent = self.frequent
        common = self.common
        if name in frequent or name in common or name in self.rare_words or name in CN_LABEL_NON_NAMES:
            return False
        if self._minority_parts(name):
            return True  # (their parts may hold 其, 多, 不: 其其格, 多吉, 阿不都)
        stop = self._struct_stop
        first = name[0]
        if first in CN_STRUCT_STOP or any(c in stop for c in name[1:]) or name[-1] in CN_STRUCT_LAST_NOT:
            return False
        if name[-1] in CN_PLACE_SUFFIX:
            return False
        if (
            first in stop
            and first not in self.surnames
            and (first not in self.ambiguous or first in CN_AMBIGUOUS_NOT_TITLE)
            and (first not in CN_AMBIGUOUS_BOUNDARY_ONLY or kind != "boundary")
        ):
            # a function word first is no surname (的菜单, 被疏散), but an ambiguous surname that is
            # mostly a noun is (患者时秀珍), and 和/向/那 at a boundary (和冬梅说)
            return False
        if first in CN_AMBIGUOUS_NOT_TITLE and first not in CN_AMBIGUOUS_BOUNDARY_ONLY:
            return False
        compound = name[:2] in self.compound
        if (
            size == 3
            and not compound
            and (name[:2] in frequent or name[:2] in common or name[1:] in frequent)
        ):
            return False
        if size > 4 or (size == 4 and not compound):
            return False
        if compound:
            return size > 2
        if name[0] in "小阿老" and size == 2:
            return name[1] in self.surnames or name[1] in self.given
        if first in self.surnames or first in self.ambiguous:
            return first not in CN_AMBIGUOUS_BOUNDARY_ONLY or kind == "boundary"
        return kind == "role" and size == 3  # an unlisted surname: a role before, a verb or mark after

    def _minority_parts(self, name: str) -> bool:
        """``name`` is a run of minority name parts (扎西 + 顿珠, 阿依 + 古丽, 巴特尔)."""
        if name[:2] not in self._minority_heads:
            return False
        parts = self.minority
        ok = [True] + [False] * len(name)  # ok[k]: name[:k] is a run of parts
        for k in range(2, len(name) + 1):
            ok[k] = any(
                ok[k - w] and name[k - w : k] in parts for w in range(2, min(k, self._minority_max) + 1)
            )
        return ok[-1]

    def _framed_ok(
        self, text: str, i: int, j: int, sur_end: int, listed: bool = False, word_ok: bool = False
    ) -> bool:
        """A surname and its one or two characters (``text[i:j]``) framed by a boundary and a
        following word: not a word, a place or an organisation, no function word or numeral.
        Next to a name in a list (``listed``), rarer words that jieba lists count as names (李四),
        and with a following word too (``word_ok``), frequent ones (关羽、张飞与刘备在)."""
        common = self.common
        name = text[i:j]
        for c in text[sur_end:j]:
            if c in CN_FRAME_NOT_GIVEN or c in CN_PLACE_SUFFIX:
                return False
        if text[j - 1 : j + 1] in self.given_char_words:
            return False  # the last character begins a word: 杨梅季节, 陈皮可以, 施可以
        if word_ok and j - i == 2:
            common = ()  # a pair that is a word counts here (张飞, 刘备)
        return not (
            name in common
            or (not listed and name in self.rare_words)
            or text[i : i + 2] in common  # 白天鹅, 高度评价
            or (not listed and sur_end == i + 1 and text[i : i + 2] in self.rare_words)  # 姜汤可以
            or (text[j : j + 1] in CN_PLACE_SUFFIX and not self._after_words_at(text, j))  # 龚滩古镇
            or text[sur_end : j + 1] in common  # the given part starts a word: 关心是
            or (i > 0 and text[i - 1 : i + 1] in common)  # the surname ends a word: 和平
            or text[j : j + 2] in CN_ORG_SUFFIX2
            or self._brand_at(text, j)
            or (text[i : i + 2] in self._place_heads and self._place_at(text, i))
            or (j - sur_end == 1 and text[sur_end] == "方")
        )

    def _framed_pass(self, text: str, add, covered: bytearray, frames: list) -> set[str]:
        """Names between a boundary and a word that follows names (CN_FRAME_BEFORE/AFTER), at the
        surnames the candidate scan found after a boundary or a function word (``frames``)."""
        names: set[str] = set()
        match = self._framed_start.match
        after = CN_FRAME_AFTER
        after_words = self._after_words_at
        after_first = self._after_first
        strong_before = CN_FRAME_STRONG
        n = len(text)
        for k in frames:
            if k.__class__ is int:
                if covered[k] or (m := match(text, k)) is None:
                    continue
                i, j = m.span(1)
                sur_end = m.end(2) if m.start(2) >= 0 else i + 1
            else:  # the scan's own frame match
                i, j = k.span(4)
                sur_end = k.end(5) if k.start(5) >= 0 else i + 1
            if covered[i] or covered[j - 1]:
                continue  # (a name found already)
            if not (j == n or text[j] in after or (text[j] in after_first and after_words(text, j))):
                # no word that follows names: only after a boundary, and not 金灿灿 (reduplicated:
                # a word)
                if not (i == 0 or text[i - 1] in strong_before) or text[j - 1] == text[j - 2]:
                    continue
            if self._framed_ok(text, i, j, sur_end):
                add(i, j, 0.45)
                names.add(text[i:j])
        return names
