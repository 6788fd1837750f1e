"""Hand-written sample documents for the heuristic quality filter tests
(written for these tests; no third-party text)."""

from __future__ import annotations

import random

# A People's-Daily-style news item: two paragraphs, seven sentences, ~330 characters.
ZH_NEWS = (
    "新华社北京三月五日电 第十四届全国人民代表大会第二次会议今天上午在人民大会堂开幕。"
    "国务院总理在会上作政府工作报告，回顾了过去一年的工作，并对今年的经济社会发展提出了总体要求。"
    "报告指出，过去一年我国经济总体回升向好，高质量发展扎实推进，就业和物价形势保持基本稳定。"
    "报告强调，要坚持稳中求进的工作总基调，完整、准确、全面贯彻新发展理念，加快构建新发展格局。\n"
    "代表们认为，报告实事求是，目标明确，措施有力，是一份凝心聚力、催人奋进的好报告。"
    "来自基层的代表表示，将把会议精神带回去，认真做好本职工作，为推动经济持续健康发展贡献力量。"
    "大会还审查了国民经济和社会发展计划执行情况的报告，以及中央和地方预算执行情况的报告。"
)

ZH_NAV_MENU = "\n".join(["首页", "新闻", "体育", "娱乐", "财经", "科技", "汽车", "房产", "教育", "旅游"] * 3)

ZH_AD_SPAM = "\n".join(
    ["点击这里免费领取大奖，广告合作请联系客服！"] * 15 + ["点击下载客户端，更多精彩内容等你来看！"] * 10
)

ZH_SHORT_LINES = "\n".join(
    [
        "关于我们",
        "联系我们",
        "网站地图",
        "版权所有",
        "广告服务",
        "招聘信息",
        "友情链接",
        "意见反馈",
        "帮助中心",
    ]
    + [f"热门推荐第{i}条，点击查看" for i in range(1, 12)]
)

EN_ARTICLE = (
    "The city council approved a new budget on Tuesday after a long debate about funding for public transit. "
    "Several members argued that the plan does not go far enough to repair aging bridges and roads.\n\n"
    "Supporters of the budget said that it balances the need for new services with the reality of limited revenue. "
    "The mayor, who had proposed a larger increase for schools, said she would sign it anyway.\n\n"
    "Residents who attended the meeting were divided. Some praised the investment in parks and libraries, "
    "while others worried that property taxes would have to rise again next year to cover the costs."
)


def random_words(n: int, seed: int = 0, length: tuple[int, int] = (4, 8)) -> list[str]:
    """Distinct-looking lowercase pseudo-words (deterministic)."""
    rng = random.Random(seed)
    letters = "abcdefghijklmnopqrstuvwxyz"
    return ["".join(rng.choice(letters) for _ in range(rng.randint(*length))) for _ in range(n)]
