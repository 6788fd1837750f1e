"""Chinese PERSON on varied held-out running text, by form: rare surnames (佘, 靳, 仝, 岑, 訾, 笪,
乜), ambiguous surnames (向, 时, 那, 明, 全), names of characters no list holds, two-character
names, minority names with and without a middle dot (扎西顿珠, 买买提·吐尔逊, 阿依古丽), nicknames
(小芳, 阿强, 老黄), a surname before a form of address (周师傅, 吴老师: only the surname is gold),
pseudonymized names (张某某, 李某甲), in news, school, chat, government, medical, review and form
text, at a line start, after a word, after punctuation and after a label or role. Look-alikes:
brands named after people before a product noun (张小泉剪刀, 王老吉凉茶, 李宁运动鞋), institutions
named after people (逸夫楼, 中山大学), and words that begin with a surname character.

Written by hand (helper zh_person4) before the rules it measured were built; development used the
even-numbered lines (the dev half), the odd-numbered ones (the held half) were only scored.

    python -m tests.test_pii_person_zh_forms   # prints recall, precision and what is missed
"""

from __future__ import annotations

import pytest

from tests.pii_marked import held_out_tests, print_halves
from tests.pii_names import zh_names

NAMES = """\
[[P:向明辉]]说，这批货下周一就能到。
记者[[P:时晓东]]报道，全市今年新增绿地两百公顷。
班主任[[P:佘文静]]告诉家长，期末考试安排在一月中旬。
[[P:靳]]老师说明天的课改到下午。
患者[[P:岑国华]]，男，五十六岁，因胸闷入院。
网友[[P:那英杰]]在评论区留言称，快递三天才到。
[[P:扎西顿珠]]说，今年的青稞收成比去年好。
我给[[P:仝海波]]打电话，他一直没接。
[[P:小芳]]，你的快递到了，在门卫那里。
[[P:郗志强]]表示，村里的路年底前修通。
嫌疑人[[P:晏某某]]已被依法刑事拘留。
周末和[[P:燕子豪]]一起去爬山，累坏了。
[[P:买买提·吐尔逊]]是这家馕店的老板。
[[P:宓]]医生建议我少吃辣的。
昨天[[P:阿强]]去县城买了一台拖拉机。
原告[[P:訾红梅]]诉称，被告拖欠货款至今未还。
[[P:笪志远]]教授在会上介绍了新的研究成果。
[[P:周]]师傅修车手艺很好，价格也公道。
[[P:乜国庆]]回忆，当年村里只有一口井。
同学[[P:隗晓雨]]在这次比赛中获得一等奖。
[[P:阿依古丽]]表示，她会继续在家乡当老师。
我们向[[P:单永康]]请教了种植技术。
[[P:老黄]]今天没来上班，听说是病了。
[[P:覃美玲]]笑着说：“这是我第一次坐飞机。”
新华社拉萨电 [[P:次仁卓玛]]是一名乡村医生。
[[P:李某甲]]与[[P:王某乙]]因合同纠纷诉至法院。
主治医生[[P:邝志成]]：患者术后恢复良好。
[[P:东方明]]同学，请到办公室来一趟。
[[P:危红]]说她明年想考研究生。
[[P:吴]]老师在群里通知大家明天交作业。
[[P:蔺志刚]]点头同意了这个方案。
客服回复：已为[[P:钭女士]]办理退款。
[[P:巴特尔]]说，草场今年雨水充足。
记者[[P:母小燕]]从市住建局了解到，老旧小区改造已启动。
[[P:那]]阿姨每天早上在公园打太极。
和[[P:计文博]]一起参加培训的还有三名同事。
[[P:阿杰]]说他晚点到，让我们先吃。
被告人[[P:贲某]]犯盗窃罪，判处有期徒刑一年。
[[P:牛建国]]认为，养殖业要走规模化道路。
[[P:帕尔哈提]]告诉记者，合作社去年分红了。
店主[[P:聂小芸]]说，这家店已经开了二十年。
[[P:冼伟明]]称，比赛结果他能接受。
[[P:强巴]]和[[P:德吉]]一起赶着牛羊下山了。
[[P:时]]局长在会上强调安全生产。
我跟[[P:阎立]]说过了，他下午来拿。
[[P:简佳怡]]老师说，这次作文写得都不错。
[[P:老周]]，明天的会你去吗？
据[[P:鞠红英]]介绍，该项目总投资三亿元。
[[P:向华]]回忆说，小时候家里很穷。
护士[[P:冉丽]]说，今天病房里很忙。
[[P:苟文斌]]：我下午三点到公司。
[[P:赫连云飞]]介绍，这套系统已经运行了三年。
[[P:段誉]]来了没有？
[[P:古丽娜尔·艾买提]]是新疆大学的学生。
[[P:其其格]]说，她最喜欢的运动是骑马。
[[P:何秀兰]]的丈夫在外地打工。
[[P:阳光明]]说，今年要把果园扩大一倍。
[[P:原野]]同学在班会上发言。
[[P:库尔班]]表示，要让孩子们都上学。
[[P:申晓光]]在朋友圈里晒了旅游照片。
微信群里[[P:小军]]说：今晚谁值班？
[[P:谌子涵]]的妈妈今天来学校开家长会。
[[P:全]]经理说这批订单必须本月交货。
[[P:都兰]]告诉我，她已经找到新工作了。
市长[[P:庹明]]在开幕式上致辞。
[[P:闵浩]]说：“我不同意这个方案。”
嫌疑人[[P:张某某]]对犯罪事实供认不讳。
[[P:连海军]]表示，他会尽快处理投诉。
[[P:海涛]]昨天给我发了一条短信。
[[P:沙丽娜]]是这次活动的志愿者。
[[P:桑吉]]说，他想去北京读书。
[[P:薄云]]教授认为，这个结论还需要验证。
家长[[P:尤佳]]反映，孩子作业太多。
[[P:宗]]医生，我孩子发烧三天了。
[[P:葛优]]在电影里演了一个小人物。
[[P:戈壁]]同学的作文被老师当作范文。
[[P:尕玛]]说，这是他第一次离开家乡。
据[[P:华明]]回忆，那年冬天特别冷。
[[P:达瓦]]和[[P:多吉]]是这次比赛的冠军。
[[P:卜一凡]]老师说下周考试。
网友[[P:小丸子]]评论道：这家店的服务太差了。
[[P:麦建华]]告诉记者，这里的房价涨得很快。
[[P:雍]]大夫给我开了三天的药。
[[P:章]]先生的快递已经签收。
审判长[[P:居文亮]]宣布休庭。
[[P:向前进]]是我们村的会计。
[[P:阿旺]]回忆说，以前去县城要走两天。
[[P:白]]老板说，这批布料是从杭州进的。
患者[[P:时秀珍]]，女，七十二岁，既往有高血压病史。
[[P:明]]主任今天出差了，明天才回来。
[[P:逯晓辉]]说：“这件事我会负责到底。”
[[P:艾力]]告诉我们，他在乌鲁木齐上班。
[[P:黎小婷]]同学请假一天。
老师让[[P:韦东]]上台讲解这道题。
[[P:蒙]]大叔家的橘子今年大丰收。
[[P:敖登]]说，她的家乡在锡林郭勒。
[[P:栾晓]]和[[P:邵佳]]一起负责这个项目。
[[P:万]]阿姨请我们去她家吃饭。
[[P:钮晨曦]]称，公司没有收到任何通知。
[[P:索朗次仁]]今年考上了大学。
[[P:和冬梅]]说，纳西古乐要一代代传下去。
[[P:牟]]律师表示，当事人将提起上诉。
[[P:阿来]]的小说写的是嘉绒藏区。
[[P:管志勇]]介绍说，合作社有八十多户社员。
[[P:龙美玲]]说她下个月结婚。
[[P:娄红]]：收到，马上处理。
同事[[P:小刘]]说今天加班。
[[P:仇建军]]告诉民警，他的电动车被偷了。
[[P:伍]]经理，报价单已经发到您邮箱了。
评论：[[P:丁丽]]医生很耐心，推荐！
[[P:邢]]老板的店今天没开门。
[[P:努尔古丽]]说，她会做最好吃的抓饭。
[[P:揭晓峰]]在会上作了表态发言。
[[P:晁]]主任，病人家属在外面等。
[[P:阚]]老师布置了很多作业。
[[P:洪七]]说的那家面馆在哪里？
[[P:宁浩]]导演的新片下月上映。
[[P:岳云鹏]]的相声逗得大家哈哈大笑。
[[P:柏林]]同学在数学竞赛中得了第一名。
[[P:景甜]]出席了电影节开幕式。
[[P:阿牛]]哥，明天帮我搬家吧。
[[P:莫言]]获得了诺贝尔文学奖。
[[P:鲍]]师傅说这车得换轮胎了。
[[P:甘露]]表示，她对这次采访很满意。
[[P:缪新华]]同志在工作中表现突出。
[[P:张三]]买了一把剪刀，准备剪窗花。
我昨天遇到[[P:王建军]]，他说公司搬到了高新区。
[[P:李梅]]在超市买了两箱凉茶。
""".splitlines()

LOOKALIKES = """\
张小泉剪刀用了十几年还很锋利。
夏天喝一罐王老吉凉茶很解暑。
李宁运动鞋这两年设计越来越好看。
这家王致和腐乳味道很正。
老干妈辣酱在国外也能买到。
我们去全聚德烤鸭店吃了一顿。
楼下新开了一家周大福珠宝店。
陈李济药业是一家老字号企业。
马应龙痔疮膏效果不错。
他送了我一瓶郎酒。
冬天来一碗沙县小吃的馄饨。
黄飞鸿凉茶铺就在街角。
刘一手火锅排队要一个小时。
杨国福麻辣烫的加盟店越开越多。
张飞牛肉是四川的特产。
王守义十三香是厨房常备调料。
谭木匠梳子做工精细。
孔乙己酒家的茴香豆很有名。
胡庆余堂是杭州的老药铺。
她最近迷上了李子柒螺蛳粉。
学校新建的逸夫楼投入使用了。
他考上了中山大学。
我们参观了鲁迅纪念馆。
周末去中山公园划船。
这条路叫张自忠路。
他在宋庆龄基金会工作。
邵逸夫奖今年颁给了三位科学家。
郑州大学的樱花开了。
黄埔军校旧址修缮完成。
王者荣耀又更新了新英雄。
今天真高兴，终于放假了。
周末我们去郊游吧。
黄金价格又上涨了。
江山如此多娇。
这个李子又甜又脆。
张家界的风景太美了。
石家庄今天有雾霾。
我马上就到。
这样方便多了。
祝你一路平安。
于是他决定辞职。
我一直向往大海。
白天太热，晚上再出门。
我的钱包丢了。
时间过得真快。
那么我们明天见。
大家一起向前走。
高速公路上堵车了。
明天要早起。
万一下雨怎么办？
常常熬夜对身体不好。
文化馆举办了书法展。
张灯结彩迎新春。
金黄的稻田一望无际。
这次考试成绩还可以。
华为发布了新款手机。
宁可少赚也不能违规。
龙井茶是杭州的名茶。
欧洲杯今晚开赛。
戴口罩是必要的。
单位组织体检。
任务已经完成了。
沙发太软了。
毛笔字写得很漂亮。
晚会由学生会主办。
花园里的花开了。
安全第一，预防为主。
海边的日落很美。
阳光明媚的早晨。
向日葵朝着太阳。
时代在进步。
那边有个停车场。
明白了，谢谢。
都市生活节奏很快。
全部商品五折。
和平是人类共同的愿望。
甘甜的泉水。
柏林墙倒塌于1989年。
原来如此。
关于退货的问题请联系客服。
车站附近有很多饭店。
管理员说今天闭馆。
包装很精美，值得购买。
龙虾个头很大，很新鲜。
宋朝的瓷器很珍贵。
唐朝诗人众多。
东方明珠塔是上海的地标。
海涛声声，夜色渐深。
景色宜人，适合拍照。
""".splitlines()

#: before (f9573f0): recall 0.522 / 0.708 (dev / held) at precision 1.0 / 0.979, look-alikes flagged
#: 7 / 3 (张小泉剪刀, 李宁运动鞋, 周大福珠宝店, 马应龙痔疮膏, 鲁迅纪念馆, 邵逸夫奖, 甘甜; 黄飞鸿凉茶铺,
#: 杨国福麻辣烫, 王守义十三香); after the rare surnames, structural frames, minority name parts, 小X
#: addressed, ambiguous surname + title and product nouns: 0.836 / 0.846 at 1.0 / 0.982, flagged 2 / 0.
#: Still missed on the held half: 记者时晓东报道, 网友那英杰在, 和燕子豪一起, 时局长 (a word), 原野同学,
#: 都兰告诉, 戈壁同学, 向前进是, 索朗次仁今年, 洪七说, 甘露表示 (names that are words or place names).
RECALL_DEV, RECALL_HELD = 0.82, 0.83
PRECISION = 0.95
LOOKALIKES_FLAGGED = 2


test_set_sizes, test_names, test_lookalikes = held_out_tests(
    NAMES,
    LOOKALIKES,
    "PERSON",
    sizes=(120, 80),
    recall=(RECALL_DEV, RECALL_HELD),
    flagged=(LOOKALIKES_FLAGGED, LOOKALIKES_FLAGGED),
    precision=PRECISION,
)


@pytest.mark.parametrize(
    "text, names",
    [
        ("向明辉说，货到了。", ["向明辉"]),  # an ambiguous surname before a speech verb at a line start
        ("班主任佘文静告诉家长。", ["佘文静"]),  # a rare surname after a role, before a speech verb
        ("市长庹明在会上致辞。", ["庹明"]),  # after a role, before a word that follows names
        ("我给仝海波打电话。", ["仝海波"]),  # an object frame
        ("扎西顿珠说，收成好。", ["扎西顿珠"]),  # minority name parts
        ("阿依古丽表示，她会回来。", ["阿依古丽"]),
        ("小芳，你的快递到了。", ["小芳"]),  # 小 and a given-name character addressed
        ("小心，地滑。", []),  # ... not a word
        ("全经理说这批货要赶。", ["全"]),  # an ambiguous surname before a title: only the surname
        ("时局长期不稳。", []),  # 时局 is a word
        ("国家认为这是好事。", []),  # a frequent word before a speech verb
        ("他向记者介绍了情况。", []),  # an object frame's 向 before a frequent word
        ("记者风趣地说。", []),  # an adverb's 地
        ("张小泉剪刀很锋利。", []),  # a brand before a product noun
        ("张三买了一把剪刀。", ["张三"]),  # the noun does not follow the name directly
        ("我们参观了鲁迅纪念馆。", []),  # a memorial
        ("公司机关首当其冲。", []),  # 司机 is no role here: 公司 is a word
        ("群聊\n时晓东：明天几点？\n扎西顿珠：九点。", ["时晓东", "扎西顿珠"]),  # speakers at line starts
        ("备注：无\n时间：明天\n方法：见下", []),  # ... not labels that are words
    ],
)
def test_structural_brand_and_address_cases(text, names):
    assert zh_names(text) == names


if __name__ == "__main__":
    print_halves(NAMES, LOOKALIKES, "PERSON")
