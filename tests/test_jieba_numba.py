"""The compiled jieba segmenter (operators/text/jieba_numba.py) against rjieba, its id table,
the Chinese path of the rule filters' tokenization, and linear time on hostile shapes."""

from __future__ import annotations

import random

import numpy as np
import pytest
import rjieba

from operators.quality import common
from operators.text import jieba_numba
from operators.text.segment import words_zh
from tests.pii_linear import ratio

SENTENCES = [
    "",
    " ",
    "   \t\n  ",
    "\u3000\u3000",
    "\r\n",
    "\r\n\r\n a\rb\n",
    "我们中出了一个叛徒",
    "他来到了网易杭研大厦",
    "小明硕士毕业于中国科学院计算所，后在日本京都大学深造",
    "我来到北京清华大学",
    "南京市长江大桥",
    "B超检查，我B超",
    "AA制聚餐",
    "今天的增长率是12.5%，去年是3%。",
    "x1.5%y 1.2.3 v2.0-beta ab-cd ab- -ab a_b_c 12+34 C++ C# R&D a.b.c. 50%% 0.5%。",
    "ＡＢＣ１２３％，全角字符：（测试）！",
    "１９９８年１２月３１日",
    "😀中文😀👍🏻赞👨‍👩‍👧",
    "𠀀𠀁中文𪚥鿖鿗鿿",
    "赞赞赞赞赞，差差差差差差评，哈哈哈哈哈哈哈",
    "实惠，赞赞赞赞赞，骑士",
    "a\x00b\x00\x00中文\x00",
    "\x00",
    "中英文混合English words和数字123混在一起test2023",
    "https://example.com/path?q=中文&x=1 user@example.com",
    "Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǧ̗͚̚o̙̔ͮ̇͐̇中文",
    "這是繁體中文的句子，包含一些不常見的字：齉龘靐。",
    "...---___%%%###&&&+++",
    "自然语言处理是人工智能的一个重要方向。机器学习、深度学习都很重要！",
    "结婚的和尚未结婚的",
    "工信处女干事每月经过下属科室都要亲口交代24口交换机等技术性器件的安装工作",
]


@pytest.mark.parametrize("text", SENTENCES)
def test_equals_rjieba_on_sentences(text):
    assert jieba_numba.cut(text) == rjieba.cut(text, True)


HAN = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可也你能而子那得于着下自之年过发后作里用道行所然家种事成方多经么去法学如都同现当没动面起看定天分还进好小部其些主样理心她本前开但因只从想实日军者意无力它与长把机十民第公此已工使情明性知全三又关点正业外将两高间由问很最重并物手应战向头文体政美相见被利什二等产或新己制身果加西斯月话合回特代内信表化老给世位次度门任常先海通教儿原东声提立及比员解水名真论处走义各入几口认条平系气题活尔更别打女变四神总何电数安少报才结反受目太量再感建务做接必场件计管期市直德资命山金指克许统区保至队形社便空决治展马科司五基眼书非则听白却界达光放强即像难且权思王象完设式色路记南品住告类求据程北边死张该交规万取拉格望觉术领共确传师观清今切院让识候带导争运笑飞风步改收根干造言联持组每济车亲极林服快办议往元英士证近失转夫令准布始怎呢存未远叫台单影具罗字爱击流备兵连调深商算质团集百需价花党华城石级整府离况亚请技际约示复病息究线似官火断精满支视消越器容照须九增研写称企八功吗包片史委乎查轻易早曾除农找装广显吧阿李标谈吃图念六引历首医局突专费号尽另周较注语仅考落青随选列武红响虽推势参希古众构房半节土投某案黑维革划敌致陈律足态护七兴派孩验责营星够章音跟志底站严巴例防族供效续施留讲型料终答紧黄绝奇察母京段依批群项故按河米围江织害斗双境客纪采举杀攻父苏密低朝友诉止细愿千值仍男钱破网热助倒育属坐帝限船脸职速刻乐否刚威毛状率甚独球般普怕弹校苦创假久错承印晚兰试股拿脑预谁益阳若哪微尼继送急血惊伤素药适波夜省初喜卫源食险待述陆习置居劳财环排福纳欢雷警获模充负云停木游龙树疑层冷洲冲射略范竟句室异激汉村哈策演简卡罪判担州静退既衣您宗积余痛检差富灵协角占配征修皮挥胜降阶审沉坚善妈刘读啊超免压银买皇养伊怀执副乱抗犯追帮宣佛岁航优怪香著田铁控税左右份穿艺背阵草脚概恶块顿敢守酒岛托央户烈洋哥索胡款靠评版宝座释景顾弟登货互付伯慢欧换闻危忙核暗姐介坏讨丽良序升监临亮露永呼味野架域沙掉括舰鱼杂误湾吉减编楚肯测败屋跑梦散温困剑渐封救贵枪缺楼县尚毫移娘朋画班智亦耳恩短掌恐遗固席松秘谢鲁遇康虑幸均销钟诗藏赶剧票损忽巨炮旧端探湖录叶春乡附吸予礼港雨呀板庭妇归睛饭额含顺输摇招婚脱补谓督毒油疗旅泽材灭逐莫笔亡鲜词圣择寻厂睡博勒烟授诺伦岸奥唐卖俄炸载洛健堂旁宫喝借君禁阴园谋宋避抓荣姑孙逃牙束跳顶玉镇雪午练迫爷篇肉嘴馆遍凡础洞卷坦牛宁纸诸训私庄祖丝翻暴森塔默握戏隐熟骨访弱蒙歌店鬼软典欲萨伙遭盘爸扩盖弄雄稳忘亿刺拥徒姆杨齐赛趣曲刀床迎冰虚玩析窗醒妻透购替塞努休虎扬途侵刑绿兄迅套贸毕唯谷轮库迹尤竞街促延震弃甲伟麻川申缓潜闪售灯针哲络抵朱埃抱鼓植纯夏忍页杰筑折郑贝尊吴秀混臣雅振染盛怒舞圆搞狂措姓残秋培迷诚宽宇猛摆梅毁伸摩盟末乃悲拍丁赵硬麦蒋操耶阻订彩抽赞魔纷沿喊违妹浪汇币丰蓝殊献桌啦瓦莱援译夺汽烧距裁偏符勇触课敬哭懂墙袭召罚侠厅拜巧侧韩冒债曼融惯享戴童犹乘挂奖绍厚纵障讯涉彻刊丈爆乌役描洗玛患妙镜唱烦签仙彼弗症仿倾牌陷鸟轰咱菜闭奋庆撤泪茶疾缘播朗杜奶季丹狗尾仪偷奔珠虫驻孔宜艾桥淡翼恨繁寒伴叹旦愈潮粮缩罢聚径恰挑袋灰捕徐珍幕映裂泰隔启尖忠累炎暂估泛荒偿横拒瑞忆孤鼻闹羊呆厉衡胞零穷舍码赫婆魂灾洪腿胆津俗辩胸晓劲贫仁偶辑邦恢赖圈摸仰润堆碰艇稍迟辆废净凶署壁御奉旋冬矿抬蛋晨伏吹鸡倍糊秦盾杯租骑乏隆诊奴摄丧污渡旗甘耐凭扎抢绪粗肩梁幻菲皆碎宙叔岩荡综爬荷悉蒂返井壮薄悄扫敏碍殖详迪矛霍允幅撒剩凯颗骂赏液番箱贴漫酸郎腰舒眉忧浮辛恋餐吓挺励辞艘键伍峰尺昨黎辈贯侦滑券崇扰宪绕趋慈乔阅汗枝拖墨胁插箭腊粉泥氏彭拔骗凤慧媒佩愤扑龄驱惜豪掩兼跃尸肃帕驶堡届欣惠册储飘桑闲惨洁踪勃宾频仇磨递邪撞拟滚奏巡颜剂绩贡疯坡瞧截燃焦殿伪柳锁逼颇昏劝呈搜勤戒驾漂饮曹朵仔柔俩孟腐幼践籍牧凉牲佳娜浓芳稿竹腹跌逻垂遵脉貌柏狱猜怜惑陶兽帐饰贷昌叙躺钢沟寄扶铺邓寿惧询汤盗肥尝匆辉奈扣廷澳嘛董迁凝慰厌脏腾幽怨鞋丢埋泉涌辖躲晋紫艰魏吾慌祝邮吐狠鉴曰械咬邻赤挤弯椅陪割揭韦悟聪雾锋梯猫祥阔誉筹丛牵鸣沈阁穆屈旨袖猎臂蛇贺柱抛鼠瑟戈牢逊迈欺吨琴衰瓶恼燕仲诱狼池疼卢仗冠粒遥吕玄尘冯抚浅敦纠钻晶岂峡苍喷耗凌敲菌赔涂粹扁亏寂煤熊恭湿循暖糖赋抑秩帽哀宿踏烂袁侯抖夹昆肝擦猪炼恒慎搬纽纹玻渔磁铜齿跨押怖漠疲叛遣兹祭醉拳弥斜档稀捷肤疫肿豆削岗晃吞宏癌肚隶履涨耀扭坛拨沃绘伐堪仆郭牺歼墓雇廉契拼惩捉覆刷劫嫌瓜歇雕闷乳串娃缴唤赢莲霸桃妥瘦搭赴岳嘉舱俊址庞耕锐缝悔邀玲惟斥宅添挖呵讼氧浩羽斤酷掠妖祸侍乙妨贪挣汪尿莉悬唇翰仓轨枚盐览傅帅庙芬屏寺胖璃愚滴疏萧姿颤丑劣柯寸扔盯辱匹俱辨饿蜂哦腔郁溃谨糟葛苗肠忌溜鸿爵鹏鹰笼丘桂滋聊挡纲肌茨壳痕碗穴膀卓贤卧膜毅锦欠哩函茫昂薛皱夸豫胃舌剥傲拾窝睁携陵哼棉晴铃填饲渴吻扮逆脆喘罩卜炉柴愉绳胎蓄眠竭喂傻慕浑奸扇柜悦拦诞饱乾泡贼亭夕爹酬儒姻卵氛泄杆挨僧蜜吟猩遂狭肖甜霞驳裕顽於摘矮秒卿畜咽披辅勾盆疆赌塑畏吵囊嗯泊肺骤缠冈羞瞪吊贾漏斑涛悠鹿俘锡卑葬铭滩嫁催璇翅盒蛮矣潘歧赐鲍锅廊拆灌勉盲宰佐啥胀扯禧辽抹筒棋裤唉朴咐孕誓喉妄拘链驰栏逝窃艳臭纤玑棵趁匠盈翁愁瞬婴孝颈倘浙谅蔽畅赠妮莎尉冻跪闯葡後厨鸭颠遮谊圳吁仑辟瘤嫂陀框谭亨钦庸歉芝吼甫衫摊宴嘱衷娇陕矩浦讶耸裸碧摧薪淋耻胶屠鹅饥盼脖虹翠崩账萍逢赚撑翔倡绵猴枯巫昭怔渊凑溪蠢禅阐旺寓藤匪伞碑挪琼脂谎慨菩萄狮掘抄岭晕逮砍掏狄晰罕挽脾舟痴蔡剪脊弓懒叉拐喃僚捐姊骚拓歪粘柄坑陌窄湘兆崖骄刹鞭芒筋聘钩棍嚷腺弦焰耍俯厘愣厦恳饶钉寡憾摔叠惹喻谱愧煌徽溶坠煞巾滥洒堵瓷咒姨棒郡浴媚稣淮哎屁漆淫巢吩撰啸滞玫硕钓蝶膝姚茂躯吏猿寨恕渠戚辰舶颁惶狐讽笨袍嘲啡泼衔倦涵雀旬僵撕肢垄夷逸茅侨舆窑涅蒲谦杭噢弊勋刮郊凄捧浸砖鼎篮蒸饼亩肾陡爪兔殷贞荐哑炭坟眨搏咳拢舅昧擅爽咖搁禄雌哨巩绢螺裹昔轩谬谍龟媳姜瞎冤鸦蓬巷琳栽沾诈斋瞒彪厄咨纺罐桶壤糕颂膨谐垒咕隙辣绑宠嘿兑霉挫稽辐乞纱裙嘻哇绣杖塘衍轴攀膊譬斌祈踢肆坎轿棚泣屡躁邱凰溢椎砸趟帘帆栖窜丸斩堤塌贩厢掀喀乖谜捏阎滨虏匙芦苹卸沼钥株祷剖熙哗劈怯棠胳桩瑰娱娶沫嗓蹲焚淘嫩韵衬匈钧竖峻豹捞菊鄙魄兜哄颖镑屑蚁壶怡渗秃迦旱哟咸焉谴宛稻铸锻伽詹毙恍贬烛骇芯汁桓坊驴朽靖佣汝碌迄冀荆崔雁绅珊榜诵傍彦醇笛禽勿娟瞄幢寇睹贿踩霆呜拱妃蔑谕缚诡篷淹腕煮倩卒勘馨逗甸贱炒灿敞蜡囚栗辜垫妒魁谣寞蜀甩涯枕丐泳奎泌逾叮黛燥掷藉枢憎鲸弘倚侮藩拂鹤蚀浆芙垃烤晒霜剿蕴圾绸屿氢驼妆捆铅逛淑榴丙痒钞蹄犬躬昼藻蛛褐颊奠募耽蹈陋侣魅岚侄虐堕陛莹荫狡阀绞膏垮茎缅喇绒搅凳梭丫姬诏钮棺耿缔懈嫉灶匀嗣鸽澡凿纬沸畴刃遏烁嗅叭熬瞥骸奢拙栋毯桐砂莽泻坪梳杉晤稚蔬蝇捣顷麽尴镖诧尬硫嚼羡沦沪旷彬芽狸冥碳咧惕暑咯萝汹腥窥俺潭崎麟捡拯厥澄萎哉涡滔暇溯鳞酿茵愕瞅暮衙诫斧兮焕棕佑嘶妓喧蓉删樱伺嗡娥梢坝蚕敷澜杏绥冶庇挠搂倏聂婉噪稼鳍菱盏匿吱寝揽髓秉哺矢啪帜邵嗽挟缸揉腻驯缆晌瘫贮觅朦僻隋蔓咋嵌虔畔琐碟涩胧嘟蹦冢浏裔襟叨诀旭虾簿啤擒枣嘎苑牟呕骆凸熄兀喔裳凹赎屯膛浇灼裘砰棘橡碱聋姥瑜毋娅沮萌俏黯撇粟粪尹苟癫蚂禹廖俭帖煎缕窦簇棱叩呐瑶墅莺烫蛙歹伶葱哮眩坤廓讳啼乍瓣矫跋枉梗厕琢讥釉窟敛轼庐胚呻绰扼懿炯竿慷虞锤栓桨蚊磅孽惭戳禀鄂馈垣溅咚钙礁彰豁眯磷雯墟迂瞻颅琉悼蝴拣渺眷悯汰慑婶斐嘘镶炕宦趴绷窘襄珀嚣拚酌浊毓撼嗜扛峭磕翘槽淌栅颓熏瑛颐忖"  # noqa: E501
LATIN = "abcxyzABCXYZ0123456789"
SYMBOLS = "+#&._%-"
OTHER = " \t\n\r\u3000，。！？、（）：；“”《》０１９ＡＢａｂ％😀👍🏻\u200d\x00éüÑ\u0301\u0336㐀㐁\U00020000\U0002a6a5\u9fd6\u9fe0"


def _random_text(rng: random.Random, n: int) -> str:
    pools = (HAN, HAN, HAN, LATIN, SYMBOLS, OTHER)
    out = []
    while len(out) < n:
        pool = rng.choice(pools)
        out.extend(rng.choice(pool) for _ in range(rng.randint(1, 8)))
    return "".join(out)


def test_equals_rjieba_on_random_strings():
    """Random mixtures of the character classes the algorithm tells apart (Han the dictionary and
    the HMM know, Latin, digits, the symbols a block keeps, whitespace, full-width forms, emoji,
    extension ideographs, NUL): 3,000 strings, every token equal."""
    rng = random.Random(20261203)
    for _ in range(3000):
        text = _random_text(rng, rng.randint(0, 60))
        assert jieba_numba.cut(text) == rjieba.cut(text, True), repr(text)


def test_repeated_characters_take_rjiebas_hmm_ties():
    """A run of one repeated character is an exact tie of two Viterbi paths: rjieba's HMM table
    (six decimals) decides it, not jieba's full-precision one."""
    for text in ("赞赞赞赞赞", "差差差差差差评", "哈" * 40, "好" * 101):
        assert jieba_numba.cut(text) == rjieba.cut(text, True)


def _tokens_of_parts(texts: list[str]) -> list[list[str]]:
    ids, offsets = common._assemble(len(texts), common._zh_parts(texts))
    common.VOCAB.arrays()  # every id gets its string
    strings = common.VOCAB.strings
    return [
        [strings[i] for i in ids[a:b].tolist()] for a, b in zip(offsets[:-1].tolist(), offsets[1:].tolist())
    ]


@pytest.fixture
def fresh_vocab():
    shared = common.SHARED.enabled
    common.SHARED.enabled = False
    common.VOCAB.reset()
    yield
    common.VOCAB.reset()
    common.SHARED.enabled = shared
    common.ZH_SEGMENTER = "numba"


def test_zh_parts_equal_rjieba_path(fresh_vocab):
    """``_zh_parts``: the compiled path gives every document ``words_zh``'s tokens, as the rjieba
    path does, also over several groups, for documents holding NUL and for empty and
    whitespace-only documents."""
    rng = random.Random(7)
    texts = SENTENCES + [_random_text(rng, rng.randint(0, 300)) for _ in range(400)]
    old_group = common._GROUP_CHARS
    common._GROUP_CHARS = 2000  # several groups
    try:
        got = _tokens_of_parts(texts)
        common.VOCAB.reset()
        common.ZH_SEGMENTER = "rjieba"
        ref = _tokens_of_parts(texts)
    finally:
        common._GROUP_CHARS = old_group
    assert got == ref
    assert got == [words_zh(t) for t in texts]


def test_token_table_grows_and_follows_vocab_resets(fresh_vocab):
    """More distinct tokens than the table's first capacity (2^15 entries, 2^16 code points):
    every id is the vocabulary's; after a vocabulary reset the table is rebuilt, not reused."""
    rng = random.Random(3)
    words = {"".join(rng.choice("abcdefghij") for _ in range(rng.randint(3, 12))) for _ in range(50000)}
    text = " ".join(sorted(words))
    for _ in range(2):
        ids, offsets = common._assemble(1, common._zh_parts([text]))
        inverse = {v: k for k, v in common.VOCAB.ids.items()}
        assert [inverse[i] for i in ids.tolist()] == words_zh(text)
        assert len(common._ZH_IDS.get()) >= len(words)
        common.VOCAB.reset()
        assert len(common._ZH_IDS.get()) == 0


def _segment_only(text: str):
    return jieba_numba.segment(jieba_numba.code_points(text), np.array([0, len(text)], np.int64))


def _no_word_run(n: int) -> str:
    """Characters of U+4E00-9FD5 that start no dictionary word, cycled: a run the route leaves
    to the HMM whole."""
    t = jieba_numba.tables()
    mask = len(t.keys) - 1
    chars = [chr(c) for c in range(0x9F00, 0x9FD6) if jieba_numba._child(t.keys, t.vals, mask, 0, c) < 0][:50]
    assert len(chars) > 10
    return "".join(chars[i % len(chars)] for i in range(n))


SHAPES = {
    "one_han_repeated": lambda n: "中" * n,
    "dictionary_word_repeated": lambda n: "中华人民共和国" * (n // 7),
    "no_dictionary_word": _no_word_run,
    "extension_ideographs": lambda n: "㐀" * n,
    "latin_run": lambda n: "a" * n,
    "digit_run": lambda n: "7" * n,
    "connected_alnum": lambda n: "a1.b2-c3_" * (n // 9),
    "connectors_only": lambda n: ".-_%" * (n // 4),
    "zalgo": lambda n: ("e" + "\u0301\u0336\u0489" * 5) * (n // 16),
    "mixed": lambda n: ("中文abc123，😀 赞赞赞\r\n１２％ x1.5%") * (n // 24),
}


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_linear_time(shape):
    make = SHAPES[shape]
    small, large = make(1 << 16), make(1 << 19)
    r, t, t8 = ratio(_segment_only, small, large)
    assert r < 16, f"{shape}: T(8n)/T(n) = {r:.1f} ({t:.4f} s, {t8:.4f} s)"


def test_one_million_characters_of_one_han_equal_rjieba():
    text = "中" * 1_000_000
    assert jieba_numba.cut(text) == rjieba.cut(text, True)


def test_tables_come_from_the_installed_jieba():
    """The trie holds every word of jieba's dict.txt, with the sum of its frequencies as total."""
    t = jieba_numba.build_tables()
    path = jieba_numba._jieba_dir() + "/dict.txt"
    with open(path, encoding="utf-8") as f:
        lines = [line.split() for line in f if line.strip()]
    assert t.max_len == max(len(w[0]) for w in lines)
    assert t.logtotal == pytest.approx(np.log(sum(int(w[1]) for w in lines)), abs=0)
    assert int((~np.isnan(t.logfreq)).sum()) == len({w[0] for w in lines})


PRECOMPILE_SCRIPT = """
import json, random
from numba.core.dispatcher import Dispatcher

from engine import kernel_compile as kc
from operators.quality import common
from operators.quality.gopher import GopherQuality
from operators.text import jieba_numba


def signatures():
    out = {}
    for n, d in vars(jieba_numba).items():
        d = getattr(d, "dispatcher", d)
        if isinstance(d, Dispatcher):
            out[n] = sorted(map(str, d.signatures))
    return out


steps = [type("Step", (), {"op_cls": GopherQuality, "params": GopherQuality.Params()})()]
jobs = kc.plan(steps)
assert "operators.text.jieba_numba" in jobs[0]["sources"], jobs
kc.run_jobs(jobs, strict=True)
before = signatures()
rng = random.Random(5)
words = [" ".join("".join(rng.choice("abcdefgh") for _ in range(6)) for _ in range(50000))]
common._zh_parts(words + ["今天天气很好。\\r\\n我们一起去公园散步吧！赞赞赞赞赞 x1.5% \\x00"] * 3)
print(json.dumps({"before": before, "after": signatures()}))
"""


def test_precompile_compiles_what_the_chinese_path_calls():
    """The quality operators' precompile (engine/kernel_compile.py) compiles every signature the
    Chinese path then calls, the token table's growth included, so no compile falls on a first
    batch; and the segmenter's module is part of the precompile's stamp."""
    import json
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    proc = subprocess.run([sys.executable, "-c", PRECOMPILE_SCRIPT], cwd=root, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr[-3000:]
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    assert out["after"] == out["before"]
    assert out["before"]["segment_kernel"] and out["before"]["ids_kernel"]
