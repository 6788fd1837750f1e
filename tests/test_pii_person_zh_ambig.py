"""Chinese PERSON on held-out running text in the forms an independent evaluation found missed
most: names whose surname is also a common word, both those left out of the scan's surname list
(cn_surnames_ambiguous.txt: 向, 时, 全, 海, 习, 强, 原, 花, 来, 门, 银, 师, 步, 秋, 松, 母, 牧) and
listed ones that begin frequent words (高, 方, 白, 于, 万, 江, 石, 金, 常, 田, 文, 安); two-character
names; names at a line or sentence start in news, school, government, medical and review text;
after an ordinary word (感谢, 找, 和, 把, 让, 请, 告诉, 听, 问); after a label; minority names;
pseudonymized names (某某, 某甲); a surname before a form of address (only the surname is gold);
nicknames. Look-alikes: words, places and brands that begin with those surname characters (高兴,
方便, 白天, 于是, 向前, 万一, 江山, 石头, 金融, 常常, 田野, 文化, 安全; 石家庄, 金华; 方太, 江小白).

Written by hand (helper zh_person6) before any rule it measures was built; development used the
even-numbered lines (the dev half), the odd-numbered ones (the held half) were only scored.

    python -m tests.test_pii_person_zh_ambig   # prints recall, precision and what is flagged
"""

from __future__ import annotations

import pytest

from tests.pii_marked import held_out_tests, print_halves

NAMES = """\
记者从市教育局获悉，[[P:向志强]]等十二名教师获评“最美乡村教师”。
昨天下午，[[P:时晓东]]在村委会门口接待了来访群众。
感谢[[P:全红梅]]老师这一年来对孩子的耐心教导。
请[[P:海建华]]同志于周五前提交述职报告。
[[P:习文静]]在本次期末考试中取得年级第一名。
[[P:强丽娟]]，女，五十六岁，因胸闷气短入院。
这次活动由[[P:原文杰]]负责组织。
我和[[P:花晓燕]]是大学同学，毕业后一直有联系。
店里的[[P:东志刚]]师傅手艺很好，推荐大家来试试。
告诉[[P:来晓峰]]，明天的会议改到下午三点。
村民[[P:门春生]]家的房屋在暴雨中受损。
[[P:银小红]]说，她最大的愿望是让孩子们吃上热饭。
听[[P:师建国]]讲，这条路明年就要拓宽了。
问[[P:步海涛]]吧，他对这一带最熟悉。
让[[P:秋丽萍]]把报表发给财务科。
把这份材料交给[[P:松建平]]就行。
患者[[P:母桂英]]术后恢复良好，已于昨日出院。
[[P:牧晓光]]在座谈会上介绍了合作社的发展情况。
[[P:高志远]]表示，公司今年将加大研发投入。
感谢[[P:方静怡]]医生的精心治疗，我父亲已经康复出院。
[[P:白雪梅]]是我们班的语文课代表。
据[[P:于海鹏]]介绍，这批物资将于本周送达灾区。
找[[P:万国庆]]签字后再去财务报销。
[[P:江晓燕]]同学获得了市三好学生称号。
这家店的老板[[P:石建军]]很热情，菜量也足。
[[P:金美玲]]，女，三十岁，体检发现甲状腺结节。
县长[[P:常卫东]]带队检查了防汛工作。
和[[P:田晓雨]]一起参加比赛的还有三名同学。
[[P:文海波]]说，这个项目能带动两百多户村民增收。
请[[P:安志刚]]到三号诊室就诊。
[[P:高峰]]说，他下个月要去上海培训。
[[P:方敏]]在社区做了十年志愿者。
[[P:白洁]]今天请了病假。
[[P:于婷]]负责本次活动的报名工作。
[[P:江波]]是这家民宿的主人。
[[P:石勇]]告诉记者，今年的收成比去年好。
[[P:金鹏]]笑着说，孩子们都很喜欢新教室。
[[P:常敏]]把会议纪要整理好发到了群里。
昨天我去找[[P:田芳]]借了一本书。
这件事你问[[P:文斌]]，他最清楚。
[[P:安琪]]在朋友圈晒出了女儿的毕业照。
[[P:万丽]]医生说我的检查结果都正常。
[[P:韩雪]]和[[P:周洋]]被选为升旗手。
谢谢[[P:李娜]]帮我们拍了这么多照片。
[[P:陈晨]]把作业忘在家里了。
[[P:孙悦]]第一次上台演讲有点紧张。
我们都很佩服[[P:张磊]]的毅力。
[[P:刘洋]]回到家乡当了一名村医。
新来的实习生[[P:赵静]]做事很认真。
听说[[P:吴刚]]下周要调到总部了。
[[P:杨帆]]入选了省队。
[[P:黄英]]负责收发快递。
[[P:郑国栋]]当选为新一届村委会主任。
[[P:梁思远]]同学在全国中学生物理竞赛中获得银牌。
[[P:何建新]]，男，七十二岁，主诉双下肢水肿两周。
[[P:罗美华]]阿姨做的包子是全小区最好吃的。
[[P:谢婉婷]]的服务态度特别好，五星好评！
[[P:冯志刚]]任县交通运输局局长，试用期一年。
[[P:邱雅琴]]护士长带领团队连续工作了三十多个小时。
[[P:蔡文涛]]老师讲课幽默风趣，孩子们都爱听。
姓名：[[P:时秀兰]]　性别：女　年龄：63
联系人：[[P:向东]]　电话：13912345678
收货人：[[P:全志勇]]
主治医生：[[P:江涛]]
申请人：[[P:白玉兰]]
班主任：[[P:文静]]
[[P:扎西次仁]]是村里第一个考上大学的孩子。
牧民[[P:巴特尔]]家今年新添了二十只羊。
[[P:阿依努尔]]在比赛中演唱了一首哈萨克族民歌。
[[P:买买提·吐尔逊]]说，合作社让大家的日子越过越好。
[[P:央金卓玛]]今年考上了西藏大学。
感谢[[P:其其格]]老师的悉心指导。
[[P:热依拉]]在医院当了十年护士。
被告人[[P:钱某某]]犯盗窃罪，判处有期徒刑一年。
原告[[P:周某]]诉称，被告拖欠其工资三万元。
[[P:吴某某]]酒后驾驶机动车被查获。
经调查，[[P:郭某甲]]与[[P:郭某乙]]系兄弟关系。
民警将[[P:高某]]带回派出所进一步调查。
据[[P:方某某]]供述，其作案时间为凌晨两点。
[[P:石]]师傅修车手艺一流。
这份合同需要[[P:金]]总签字。
[[P:常]]老师让我们明天带上画笔。
[[P:田]]大爷每天早上都去河边钓鱼。
[[P:安]]医生非常耐心地解答了我的问题。
[[P:万]]经理说下周给我们答复。
[[P:小雪]]，你的快递到了。
[[P:老高]]今天又迟到了。
[[P:阿峰]]说他晚上不回来吃饭。
我们都叫他[[P:大军]]。
[[P:小江]]，帮我拿一下文件。
[[P:向明]]、[[P:时勇]]、[[P:全丽]]三人获得优秀员工称号。
参加座谈的有[[P:高建国]]、[[P:方晓梅]]、[[P:白志强]]等十位代表。
在[[P:向阳]]的带领下，小组提前完成了任务。
[[P:时光明]]是一名退休教师。
[[P:海丽]]说，她每天都要给孩子读绘本。
市场监管局副局长[[P:全建军]]通报了检查结果。
我女儿的班主任[[P:习晓红]]特别负责。
[[P:原志刚]]的父亲是一名老党员。
她把孩子托付给了邻居[[P:花秀英]]。
评论区里，[[P:强子轩]]的留言获得了上千个赞。
经研究决定，任命[[P:田志华]]为县教育局副局长。
同意[[P:万小兵]]同志辞去县政协委员职务。
免去[[P:江伟民]]同志的办公室主任职务。
[[P:石慧]]被评为全县优秀共青团员。
服务员[[P:小金]]很贴心，主动帮我们换了靠窗的位置。
给[[P:安然]]点个赞，讲解特别细致。
客服[[P:文丽]]处理问题很及时。
[[P:白鹏]]教练很专业，三节课我就学会了游泳。
患者[[P:高秀珍]]，女，八十一岁，因跌倒致右髋部疼痛入院。
[[P:于德胜]]主任为患者实施了微创手术。
家属[[P:常红霞]]表示对治疗效果很满意。
[[P:方]]护士每天都来给我换药。
""".splitlines()

LOOKALIKES = """\
高兴地看到孩子们进步这么快。
方便快捷的线上服务受到市民欢迎。
白天气温高达三十八度。
于是大家决定第二天一早出发。
向前走两百米就是地铁站。
万一下雨，活动改到室内进行。
江山如此多娇。
石头缝里长出了一棵小树。
金融机构要加强风险管理。
常常有游客在这里拍照留念。
田野里的油菜花开了。
文化馆周末免费开放。
安全出口请勿堆放杂物。
时间过得真快，转眼又到年底了。
海边的风很大，注意保暖。
全体同学在操场集合。
花园里的月季开得正艳。
东西放在门口就行，谢谢。
来自全国各地的选手齐聚一堂。
门口的快递柜满了。
向日葵是这个村的特色产业。
时代在变，初心不变。
国庆期间高速免费通行。
红包已经发到群里了。
强对流天气将影响我市。
原来他早就知道了。
师生共同参与了植树活动。
习惯养成需要时间。
银行卡丢失后请及时挂失。
秋天的香山红叶很美。
松鼠在树上跳来跳去。
牧场的草长得很好。
步行街周末人很多。
干部要带头讲廉洁。
母亲节快到了，给妈妈准备了礼物。
王老吉凉茶在超市有售。
周大福今年推出了生肖系列。
王致和腐乳是北京的老字号。
张裕葡萄酒在烟台有博物馆。
马应龙的药膏卖得很好。
杨国福麻辣烫在我家楼下开了一家。
方太油烟机吸力很强。
金龙鱼食用油正在促销。
白象方便面的味道不错。
江小白适合年轻人小酌。
石家庄到北京的高铁一小时就到。
高邮的咸鸭蛋很有名。
万州烤鱼在重庆很受欢迎。
江阴是一座工业强市。
金华火腿远近闻名。
常州恐龙园适合带孩子去玩。
文昌的航天发射场吸引了很多游客。
安庆是黄梅戏的故乡。
于都县是长征的出发地。
白云机场的旅客吞吐量居全国前列。
田林路上新开了一家书店。
方庄附近的房价又涨了。
高铁站离市区只有十五分钟车程。
方向盘有点抖，去修车店看了一下。
白领们中午都在这里吃饭。
万家灯火，共度佳节。
江南的梅雨季节到了。
石油价格上涨带动了物价。
金牌数量位居第一。
常规体检包括血常规和尿常规。
田径运动会下周开幕。
文件请于周五前上交。
安装师傅下午两点上门。
方法总比困难多。
感谢高速交警及时救援。
请安静，考试马上开始。
听江边的老人讲过这个故事。
让文字更有温度。
把金条存进保险柜。
和田玉的价格逐年上涨。
告诉高层领导这个情况。
问金价的人最近多了起来。
时不时会有人来问路。
全面推进乡村振兴。
海关查获一批走私冻品。
向来如此，不必惊讶。
""".splitlines()

#: at the set's first commit (no rule built on it yet): recall 0.533 / 0.690 (dev / held) at
#: precision 1.0 / 1.0; look-alikes flagged 3 / 1 (白天气温, 周大福, 江小白 / 马应龙). After the cued
#: names (an ambiguous surname's name framed by cues, 、 lists, minority names after a boundary, verb
#: cues before two-character names, 时某某): 0.800 / 0.828 at 1.0 / 1.0, look-alikes flagged 3 / 1.
#: Still missed on the dev half: words that are names (高峰, 杨帆, 向阳, 白雪梅: 白雪), 师建国 after 听
#: (建国 is a word), 老高, 小金, 金总 after 需要, 大军.
RECALL_DEV, RECALL_HELD = 0.80, 0.82
PRECISION = 0.98
LOOKALIKES_FLAGGED = 3


test_set_sizes, test_names, test_lookalikes = held_out_tests(
    NAMES,
    LOOKALIKES,
    "PERSON",
    sizes=(110, 80),
    recall=(RECALL_DEV, RECALL_HELD),
    flagged=(LOOKALIKES_FLAGGED, LOOKALIKES_FLAGGED),
    precision=PRECISION,
)


@pytest.fixture(scope="module")
def recognizer():
    from operators.pii.recognizers_person_zh import ChinesePersonRecognizer

    return ChinesePersonRecognizer()


@pytest.mark.parametrize(
    "text, names",
    [
        # an ambiguous surname's name framed by cues (development cases, not held out)
        ("村民门春生家的房屋受损。", ["门春生"]),
        ("这次活动由原文杰负责组织。", []),  # (原文 is a word: missed)
        ("店里的东志刚师傅手艺很好。", ["东志刚"]),
        ("我女儿的班主任习晓红特别负责。", ["习晓红"]),
        ("让秋丽萍把报表发给财务科。", ["秋丽萍"]),
        ("他向大家表示慰问。", []),  # a given part that is a word: only after a role word
        ("巴方已向美国表示拒绝。", []),
        ("收银小姐解释说", []),  # a title is no given part
        ("红彤彤的太阳", []),
        ("团结一致展宏图", []),  # 展 is left out of the scan
        ("全国人民", []),
        ("时间过得真快。", []),
        ("修建南昆铁路", []),
        # lists with 、, minority names, verb cues, pseudonymized names
        ("向明、时勇、全丽三人获奖。", ["向明", "时勇", "全丽"]),
        ("时间、地点、人物都要写清楚。", []),
        ("扎西次仁是村里第一个大学生。", ["扎西次仁"]),
        ("热依拉在医院当护士。", ["热依拉"]),
        ("我们都很佩服张磊的毅力。", ["张磊"]),
        ("告诉文斌，明天开会。", ["文斌"]),
        ("昨天李明说他不来了。", ["李明"]),  # (天 is no cue: the name model takes it)
        ("我是听西门子的朋友推荐的。", []),  # a compound surname is no verb cue's object
        ("昨天我去找田芳借了一本书。", ["田芳"]),  # (借 follows no name: the name model takes it)
        ("被告人时某某驾车逃逸。", ["时某某"]),
        ("向某某借款五万元", []),
        ("和某某公司签订合同", []),
    ],
)
def test_cued_names(recognizer, text, names):
    assert [text[f.start : f.end] for f in recognizer.analyze(text)] == names


if __name__ == "__main__":
    print_halves(NAMES, LOOKALIKES, "PERSON")
