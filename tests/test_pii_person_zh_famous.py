"""Chinese PERSON: well-known names that jieba lists as words (曹操, 李白, 鲁迅, 姚明) and a bare
two-character name at a sentence start before a time word or a verb (王芳昨天, 韩寒已经), with
look-alikes that begin the same way (李白菜, 高兴, 周末, 马上, 方便). Written by hand before the
famous-name list (``cn_famous_names.txt``) and the sentence-start rule of
``recognizers_person_zh.py`` were built; the names in it are not taken from the data file's
writing, which came from general knowledge. Development used the even-numbered lines (the dev half);
the odd-numbered ones (the held half) were scored before and after, never studied.

    python -m tests.test_pii_person_zh_famous   # prints recall, precision and what is missed
"""

from __future__ import annotations

import pytest

from tests.pii_marked import held_out_tests, print_halves
from tests.pii_names import zh_names

NAMES = """\
[[P:曹操]]挟天子以令诸侯，势力越来越大。
小时候爸爸常给我讲[[P:曹操]]的故事。
[[P:李白]]斗酒诗百篇，长安市上酒家眠。
这首《静夜思》是[[P:李白]]写的。
[[P:杜甫]]晚年漂泊西南，生活十分困苦。
我们今天学习[[P:杜甫]]的《春望》。
[[P:鲁迅]]原名[[P:周树人]]，浙江绍兴人。
课本里收了好几篇[[P:鲁迅]]的文章。
[[P:姚明]]退役后担任了篮协主席。
很多美国人是通过[[P:姚明]]认识中国篮球的。
[[P:刘翔]]曾在雅典奥运会上夺得110米栏金牌。
[[P:王菲]]的演唱会门票几分钟就卖光了。
网球运动员[[P:李娜]]获得过两个大满贯冠军。
[[P:李娜]]退役后写了一本自传。
[[P:毛泽东]]在延安写下了许多重要著作。
[[P:周恩来]]总理一生鞠躬尽瘁。
[[P:孙中山]]领导了辛亥革命。
[[P:邓小平]]提出了改革开放的方针。
[[P:屈原]]投江的故事家喻户晓。
端午节是为了纪念[[P:屈原]]。
[[P:孔子]]说：“学而时习之，不亦说乎？”
[[P:孟子]]主张性善论。
[[P:苏轼]]被贬到黄州后写下了《赤壁赋》。
[[P:白居易]]的诗通俗易懂，老妪能解。
[[P:岳飞]]精忠报国，受到后人敬仰。
[[P:秦始皇]]统一了六国。
[[P:刘备]]三顾茅庐请出了[[P:诸葛亮]]。
[[P:关羽]]温酒斩华雄的故事流传很广。
[[P:张飞]]是[[P:刘备]]的结义兄弟。
[[P:林则徐]]在虎门销烟。
[[P:郑和]]七次下西洋。
[[P:华佗]]被称为神医。
[[P:李时珍]]编写了《本草纲目》。
[[P:王羲之]]被后人尊为书圣。
[[P:成龙]]的功夫电影在海外很受欢迎。
[[P:周杰伦]]的新歌又上了排行榜。
[[P:巴金]]的《家》是我最喜欢的小说。
[[P:老舍]]写了话剧《茶馆》。
[[P:冰心]]的散文清新隽永。
[[P:钱学森]]冲破重重阻挠回到祖国。
[[P:屠呦呦]]因发现青蒿素获得诺贝尔奖。
[[P:郎平]]带领女排拿到了奥运冠军。
[[P:马云]]创办了阿里巴巴。
[[P:雷锋]]同志的精神永远值得学习。
[[P:王芳]]昨天没来上班。
[[P:韩寒]]高中没毕业就出了书。
[[P:张伟]]今天请假了。
[[P:李强]]已经到了机场。
[[P:刘洋]]正在准备考研。
[[P:陈晨]]去年搬到了上海。
[[P:赵磊]]也报名参加了马拉松。
[[P:孙丽]]还没有交作业。
[[P:周敏]]认为这个方案不可行。
[[P:吴昊]]表示愿意承担责任。
[[P:郑洁]]都已经准备好了。
[[P:黄勇]]就住在我家楼下。
[[P:杨帆]]曾经在部队当过兵。
[[P:胡军]]说他明天再来。
[[P:林静]]今年考上了研究生。
[[P:何平]]前天刚从国外回来。
[[P:徐亮]]早上六点就出门了。
[[P:马丽]]刚刚打来电话。
[[P:高飞]]一直在等你的消息。
[[P:朱红]]明天要去北京出差。
[[P:罗斌]]上个月换了工作。
[[P:郭涛]]后来成了一名律师。
[[P:梁静]]今晚值班。
[[P:宋杰]]在会上发了言。
[[P:唐亮]]又迟到了。
[[P:许娟]]现在是我们的班长。
[[P:冯刚]]最近身体不太好。
[[P:韩梅]]每天都坚持跑步。
""".splitlines()

LOOKALIKES = """\
妈妈买了一颗李白菜回来。
今天大家都很高兴。
周末我们去爬山吧。
黄金价格又涨了。
大好江山，风景如画。
李子熟了，可以摘了。
张家界的风景非常美。
石家庄是河北省的省会。
马上就要开会了。
这里交通很方便。
祝你一路平安。
于是他决定留下来。
我向往自由的生活。
白天太热，晚上凉快。
我的钱包丢了。
王者归来，气势非凡。
高峰时段地铁很挤。
夜深了，四周一片宁静。
他是一位真正的王者。
曹家巷的老房子拆了。
黄河是中华民族的母亲河。
高速公路上堵车了。
陈旧的观念需要改变。
周围的环境很安静。
林业部门正在植树。
孙子今年上小学了。
胡说八道，根本没这回事。
江南的春天来得早。
方向错了，要往回走。
金色的麦田一望无际。
马路上车来车往。
高中三年过得很快。
朱红色的大门很气派。
杨柳依依，春风拂面。
钟表店今天不开门。
任何人都不能例外。
温度一下子降了十度。
贺卡已经寄出去了。
毛笔字写得真好看。
关键时刻他站了出来。
常常有人问起这件事。
齐心协力，共渡难关。
安全第一，预防为主。
雷雨天气请不要外出。
冷静下来再想想办法。
成功来自于坚持。
华丽的舞台灯光闪烁。
易经是一部古老的典籍。
时间过得真快。
明天会更好。
文化交流越来越频繁。
花生米是下酒的好菜。
黎明前的黑暗最难熬。
江山易改，本性难移。
白菜价格便宜。
秦岭是南北方的分界线。
宋体字是最常用的字体。
鲁菜是八大菜系之一。
孔雀开屏真漂亮。
毛衣穿在身上很暖和。
苏州园林天下闻名。
关于这件事我们再谈。
岳父今天过生日。
郑重声明，本店从未授权他人经营。
冰心玉壶，清白做人的话常被引用。
成龙配套的设施已经建好。
巴金属于过渡金属吗？
马云南下考察的消息不实。
郎平台上的直播很火。
雷锋塔是杭州的名胜。
""".splitlines()

#: before (HEAD b1574a4): recall 0.385 / 0.500 (dev / held) at precision 1.0, look-alikes flagged 0 / 3
#: (孙子今年, 雷雨天气, 马云南下: older rules); after: 0.923 / 0.944 at 1.0, flagged 0 / the same 3.
#: Still missed: 冰心, 老舍 (pen names that start with no surname are not looked up), 张飞 (left out
#: of the list: 张飞牛肉 is a brand), 冯刚最近 (dev), 朱红 (held: a colour word).
RECALL_DEV, RECALL_HELD = 0.9, 0.91
LOOKALIKES_FLAGGED = 3


test_set_sizes, test_names, test_lookalikes = held_out_tests(
    NAMES,
    LOOKALIKES,
    "PERSON",
    sizes=(60, 60),
    recall=(RECALL_DEV, RECALL_HELD),
    flagged=(LOOKALIKES_FLAGGED, LOOKALIKES_FLAGGED),
)


@pytest.mark.parametrize(
    "text, names",
    [
        ("李白菜很便宜。", []),  # a word across the end
        ("陈云峰说，陈云在延安。", ["陈云峰", "陈云"]),  # a longer name is not cut to the famous one
        ("雷锋塔倒了。", []),
        ("李宁曾说过，李宁牌要创新，李宁杯开赛。", ["李宁"]),  # brand and trophy mentions stay
        ("徐悲鸿先生教导他；曾受业于徐悲鸿门下。", ["徐悲鸿", "徐悲鸿"]),  # 门下 is a word, no place
        ("刘备三顾茅庐。", ["刘备"]),
        ("学生于晓晨获奖。", ["于晓晨"]),  # 生于 is a word: the role word still frames the name
        ("医生于是决定手术。", []),
        ("徐亮早上出门了。马上就到。", ["徐亮"]),
    ],
)
def test_famous_and_sentence_start_cases(text, names):
    assert zh_names(text) == names


if __name__ == "__main__":
    print_halves(NAMES, LOOKALIKES, "PERSON")
