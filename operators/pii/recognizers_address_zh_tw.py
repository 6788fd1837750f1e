"""Taiwan's districts, county cities, towns and townships for the Chinese ADDRESS recognizer
(``recognizers_address_zh.py``), which GB/T 2260's list (``lexicon.py``) holds only where a mainland division has the
same name (大安区, 内湖区): written in traditional characters as Taiwan writes them, each with its suffix (區, 市, 鎮,
鄉), and read simplified like the text. A name alone is no address; like every division, it anchors a chain
(搬到永和區中正路了, 在中正區重慶南路開店, 住在三重區重新路五段).

Left out: one-character districts (中區, 東區: a direction and 区), and names that are common words before 区
(新社區 and 大社區 read 社区, 新市區, 山上區, 安定區, 將軍區).
"""

from __future__ import annotations

#: Districts of the six special municipalities, Keelung, Hsinchu and Chiayi (區), and the cities, towns and
#: townships of the counties (市, 鎮, 鄉) that addresses most often name.
TAIWAN_DIVISIONS = (
    # Taipei
    "中正區 大同區 中山區 松山區 大安區 萬華區 信義區 士林區 北投區 內湖區 南港區 文山區 "
    # New Taipei
    "板橋區 三重區 中和區 永和區 新莊區 新店區 樹林區 鶯歌區 三峽區 淡水區 汐止區 瑞芳區 土城區 蘆洲區 五股區 "
    "泰山區 林口區 深坑區 石碇區 坪林區 三芝區 石門區 八里區 平溪區 雙溪區 貢寮區 金山區 萬里區 烏來區 "
    # Taoyuan
    "桃園區 中壢區 大溪區 楊梅區 蘆竹區 大園區 龜山區 八德區 龍潭區 平鎮區 新屋區 觀音區 復興區 "
    # Taichung
    "西屯區 南屯區 北屯區 豐原區 東勢區 大甲區 清水區 沙鹿區 梧棲區 后里區 神岡區 潭子區 大雅區 石岡區 外埔區 "
    "烏日區 大肚區 龍井區 霧峰區 太平區 大里區 和平區 "
    # Tainan
    "新營區 鹽水區 白河區 柳營區 後壁區 東山區 麻豆區 下營區 六甲區 官田區 大內區 佳里區 學甲區 西港區 七股區 "
    "北門區 新化區 善化區 玉井區 楠西區 南化區 左鎮區 仁德區 歸仁區 關廟區 龍崎區 永康區 安南區 安平區 中西區 "
    # Kaohsiung
    "鹽埕區 鼓山區 左營區 楠梓區 三民區 新興區 前金區 苓雅區 前鎮區 旗津區 小港區 鳳山區 林園區 大寮區 大樹區 "
    "仁武區 鳥松區 岡山區 橋頭區 燕巢區 田寮區 阿蓮區 路竹區 湖內區 茄萣區 永安區 彌陀區 梓官區 旗山區 美濃區 "
    "六龜區 甲仙區 杉林區 內門區 茂林區 桃源區 那瑪夏區 "
    # Keelung, Hsinchu
    "仁愛區 安樂區 暖暖區 七堵區 香山區 "
    # county cities, towns and townships
    "竹北市 竹東鎮 新埔鎮 湖口鄉 新豐鄉 頭份市 苗栗市 竹南鎮 苑裡鎮 通霄鎮 彰化市 員林市 鹿港鎮 和美鎮 溪湖鎮 "
    "北斗鎮 田中鎮 二林鎮 南投市 埔里鎮 草屯鎮 竹山鎮 集集鎮 斗六市 虎尾鎮 西螺鎮 土庫鎮 北港鎮 斗南鎮 太保市 "
    "朴子市 民雄鄉 屏東市 潮州鎮 東港鎮 恆春鎮 宜蘭市 羅東鎮 蘇澳鎮 頭城鎮 礁溪鄉 花蓮市 吉安鄉 新城鄉 鳳林鎮 "
    "玉里鎮 臺東市 台東市 成功鎮 關山鎮 馬公市 金城鎮 金湖鎮 金沙鎮 南竿鄉"
).split()
