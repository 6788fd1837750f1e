"""PERSON in Chinese and English text, offline: surname and given-name lists
(``lexicon.py``), context words and titles; no model.

Chinese (:class:`ChinesePersonRecognizer`). A candidate is a surname (single or
compound) followed by one or two characters common in given names. It is
rejected when it is, or starts, a frequent word (王者, 高兴, 周末, 黄金, 江山,
李子), when the surname character ends a word begun before it (公司, 中东),
when a place name starts there (张家界, 石家庄) or when a place/organisation
suffix follows (文三路, 林业局, 黄山市). A three-character candidate scores
0.6; a two-character one 0.45 between function words or punctuation
(由刘娜主持, "，王磊是"), else 0.35 (below the 0.4 threshold); a context word
raises a score by 0.4: titles and roles before or after (先生, 女士, 联系人,
姓名, 收件人, 医生, 老师, 经理, ...), or "是一位/是一名/今年/岁" after, and
where it decides, a label (联系人, 姓名, 户名, ...) or a title right after
overrides the word-list rejection ("户名高明"). A candidate accepted anywhere
in a document is accepted at its other mentions too. A bare surname before a
title (王先生, 李女士, 张老师) is a PERSON too (0.5): the surname is what names
the person in "请联系王先生13800138000".

English (:class:`EnglishPersonRecognizer`). A run of one to three capitalised
words (optional middle initial) is a name when a title precedes it (Mr., Ms.,
Dr., 0.85), when it starts with a common given name and a second word that is
not a place, product or heading word follows ("Maria Lopez" 0.6; "Virginia
Beach", "Jordan River" no), or when a context cue precedes it ("Dear",
"name:", "signed", "call ... at", "contact", 0.55), or when it is a Chinese
surname in Pinyin followed by Pinyin syllables ("Wang Fang", "Zhang
Xiaoming", 0.55). A given name alone counts
after a cue (0.5), or anywhere (0.45) when it is no common word, place,
month or product (not "Will", "Grace", "Georgia", "June", "Ruby"). A mention of an accepted
full name's first or last word later in the document ("Bobby has ...") is
flagged too.

Both scan in linear time: one ``regex`` pass over the text (possessive
repetitions, bounded words), O(1) dictionary look-ups per candidate and a
bounded context window.
"""

from __future__ import annotations

import re

import ahocorasick
import regex

from .actions import Finding
from .lexicon import (
    AMBIGUOUS_GIVEN,
    HONORIFICS,
    NOT_NAME_WORDS,
    PINYIN_GIVEN,
    PINYIN_SURNAMES,
    SURNAMES_THAT_ARE_WORDS,
    chinese,
    english_given_names,
    english_surnames,
)

# -- Chinese -----------------------------------------------------------------------

#: Characters that end a name candidate: function words, and 先/女/老/医/经/主...
#: which begin the titles that follow names (张伟先生, 王芳女士, 李明老师).
CN_STOP = frozenset(
    "的了是在和与及或也都就说为对把被从向到给让等着过将于而并但之其这那个们来去上下有没不很更最又还再已会能要以"
    "所时后前里内外年月日号元岁人医先女老经主同等说讲道称表曾将已正刚现该此每各某该我你他她它"
)
#: A character after a candidate that makes it a place or organisation name.
CN_PLACE_SUFFIX = frozenset("路街道区县市省镇村乡巷里弄号山河湖江桥站厂店楼馆院校园寺庙港湾岛门峡关局委部厅处州城庄屯营堡寨")
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
)  # fmt: skip
#: Context before a name (the name follows within a few characters).
CN_CONTEXT_BEFORE = (
    "联系人", "姓名", "名字", "收件人", "收货人", "寄件人", "发件人", "患者", "病人", "客户", "顾客", "学生", "同学",
    "员工", "职员", "作者", "记者", "编辑", "委托人", "代理人", "法定代表人", "负责人", "申请人", "被申请人",
    "被告", "原告", "被告人", "当事人", "嫌疑人", "犯罪嫌疑人", "户主", "签名", "署名", "经办人", "审核人",
    "医生", "医师", "护士", "老师", "教授", "主任", "经理", "律师", "法官", "警官", "院长", "校长", "董事长",
    "总经理", "主席", "书记", "局长", "厂长", "村长", "队长", "班长", "主治医生", "主治医师", "我叫", "名叫",
    "叫做", "他叫", "她叫", "本人", "先生", "女士", "小姐", "联系", "致", "亲爱的", "尊敬的", "持卡人", "开户名",
    "户名", "监护人", "家属", "配偶", "丈夫", "妻子", "儿子", "女儿", "父亲", "母亲", "租客", "房东", "业主",
)  # fmt: skip
#: Context right after a name.
CN_CONTEXT_AFTER = (
    "先生", "女士", "小姐", "同学", "老师", "医生", "医师", "护士", "教授", "主任", "经理", "律师", "警官", "同志",
    "师傅", "总经理", "董事长", "院长", "校长", "局长", "书记", "主席", "博士", "硕士", "是一位", "是一名", "是一个",
    "今年", "，男", "，女", "（男", "（女", "(男", "(女", "男，", "女，", "的电话", "的手机", "的身份证", "的邮箱",
    "的地址", "的住址", "的信用", "的银行", "的账户", "的病", "的诊断", "的年收入", "出生于", "生于", "现居", "居住",
    "住在", "家住", "的主治", "为他", "为她", "签字", "签名", "本人", "岁",
)  # fmt: skip

#: Titles right after a bare surname (王先生, 李女士, 张老师).
CN_TITLES = frozenset(["先生", "女士", "小姐", "老师", "医生", "经理", "师傅", "阿姨", "律师", "教授", "大夫", "同学"])
_HAS_CJK = re.compile("[\u3400-\u9fff]")
_NON_CJK_RUN = re.compile("[^\u3000-\u9fff\uf900-\ufaff\uff00-\uffef]{3,}")
CN_BEFORE_WINDOW = 8
CN_AFTER_WINDOW = 4
CN_BOOST = 0.4


def _word_alternation(words) -> regex.Pattern:
    return regex.compile("|".join(regex.escape(w) for w in sorted(set(words), key=len, reverse=True)))


#: Characters that typically come right before / after a name in running text.
CN_PRE = frozenset("由和与给跟向对把被让叫请据同及或，、：:（(「“《 \n")
CN_POST = frozenset("是说在的和与把被向对给今昨明已也都就又还曾将正主介签认表提指称告问答笑看去来到从带领等，。、；：！？）)」”（(")


def _between_function_words(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else "\n"
    after = text[end] if end < len(text) else "。"
    return before in CN_PRE and after in CN_POST


class ChinesePersonRecognizer:
    """Chinese person names (module docstring)."""

    ENTITY = "PERSON"

    def __init__(self) -> None:
        lex = chinese()
        self.surnames = lex.surnames
        self.compound = lex.compound_surnames
        self.given = lex.given_chars - CN_STOP
        self.common = lex.common_words
        self.places = lex.divisions
        self._max_place = max(len(k) for k in self.places)
        self._place_heads = frozenset(k[:2] for k in self.places)
        heads = "".join(sorted(self.surnames | {c[0] for c in self.compound}))
        given = "".join(sorted(self.given))
        # a surname character with a given-name character right after it, or after a compound's second
        titles = "|".join(sorted(CN_TITLES))
        self._starts = re.compile(f"[{re.escape(heads)}](?=.?[{re.escape(given)}]|{titles})", re.S)
        self._before = _word_alternation(CN_CONTEXT_BEFORE)
        self._after = _word_alternation(CN_CONTEXT_AFTER)
        self._labels = frozenset(CN_LABELS)

    @property
    def prescreen(self) -> str:
        """RE2 pattern a document must match for this recognizer to find anything."""
        return "[" + "".join(sorted(self.surnames | {c[0] for c in self.compound})) + "]"

    def _context(self, text: str, start: int, end: int) -> tuple[bool, bool]:
        """(any context word, a strong one: a label before or a title right after)."""
        if self._after.match(text, end, min(len(text), end + CN_AFTER_WINDOW)) is not None:
            return True, True
        before = text[max(0, start - CN_BEFORE_WINDOW) : start]
        m = None
        for m in self._before.finditer(before):
            pass
        if m is not None and len(before) - m.end() <= 3:
            return True, m.group() in self._labels
        return False, False

    def _place_at(self, text: str, i: int) -> bool:
        if text[i : i + 2] not in self._place_heads:
            return False
        for k in range(2, min(self._max_place, len(text) - i) + 1):
            if text[i : i + k] in self.places:
                return True
        return False

    def surname_at(self, text: str, i: int) -> str | None:
        if text[i : i + 2] in self.compound:
            return text[i : i + 2]
        return text[i] if text[i] in self.surnames else None

    def analyze(self, text: str) -> list[Finding]:
        if _HAS_CJK.search(text) is None:
            return []
        found: list[Finding] = []
        pending: dict[str, list[tuple[int, int]]] = {}
        accepted: set[str] = set()
        last_end = 0
        n = len(text)
        for m in self._starts.finditer(text):
            i = m.start()
            if i < last_end:
                continue
            surname = self.surname_at(text, i)
            if surname is None:
                continue
            j = i + len(surname)
            if j < n and text[j : j + 2] in CN_TITLES and not (i > 0 and text[i - 1 : i + 1] in self.common):
                found.append(Finding(self.ENTITY, i, j, 0.5))  # 王先生, 李女士: the surname names the person
                last_end = j
                continue
            if j >= n or text[j] not in self.given:
                continue
            end = j + 1
            if end < n and text[end] in self.given and not (end + 1 < n and text[end : end + 2] in CN_CONTEXT_AFTER):
                end += 1
            name = text[i:end]
            after = text[end : end + 2]
            rejected = (
                (end < n and text[end] in CN_PLACE_SUFFIX)
                or after in CN_ORG_SUFFIX2
                or text[j : j + 2] in CN_ORG_SUFFIX2  # 国商银行
                or self._place_at(text, i)
            )
            wordlike = (
                name in self.common
                or text[i : j + 1] in self.common
                or (i > 0 and text[i - 1 : i + 1] in self.common)
                or (i > 1 and text[i - 2 : i + 1] in self.common)
            )
            score = 0.6 if end - j == 2 else 0.35
            if score < 0.4 and _between_function_words(text, i, end):
                score = 0.45  # 这次会议由刘娜主持, 李欣是我们的同事
            # context words only where they decide (most candidates are clear either way)
            context = strong = False
            if rejected or wordlike or score < 0.4:
                context, strong = self._context(text, i, end)
            if rejected and not (context and text[end : end + 1] not in CN_PLACE_SUFFIX):
                continue
            if wordlike and not strong:
                pending.setdefault(name, []).append((i, end))  # a name only if labelled elsewhere
                continue
            if context:
                score = min(1.0, score + CN_BOOST)
            if score >= 0.4:
                accepted.add(name)
                found.append(Finding(self.ENTITY, i, end, score))
                last_end = end
            else:
                pending.setdefault(name, []).append((i, end))
        for name, spans in pending.items():
            if name in accepted:
                found.extend(Finding(self.ENTITY, s, e, 0.6) for s, e in spans)
        found.sort(key=lambda f: f.start)
        return found


# -- English -----------------------------------------------------------------------

_NOT_TITLE = r"(?!(?:" + "|".join(HONORIFICS) + r")\.?\s|(?:Jr|Sr)\b)"
_CAP = _NOT_TITLE + r"\p{Lu}\p{L}*+(?:['’-]\p{L}++)?"  # Smith, McDonald, O'Neil, Smith-Jones, JacksOn
_EN_NAME = regex.compile(
    r"(?=\p{Lu})(?<![\w.@/])"  # the lookahead first: the engine skips to capitals (1.3x faster)
    r"(?:(?P<title>" + "|".join(HONORIFICS) + r")\.?\s++)?"
    r"(?P<name>" + _CAP + r"(?:\s++(?:[A-Z]\.\s++)?+" + _CAP + r"){0,2}+)"
    r"(?P<suffix>,?\s(?:Jr|Sr)\.?|\s(?:II|III|IV)(?![\w]))?"
    r"(?![\w@])"
)
_CAP_RX = regex.compile(_CAP)
_EN_CUES = regex.compile(
    r"(?i)(?:\b(?:dear|hi|hello|name|named|signed|sincerely|regards|thanks|cheers|contact|call|ask for|attn|attention|"
    r"patient|doctor|physician|nurse|customer|client|employee|recipient|applicant|tenant|landlord|author|"
    r"written by|reported by|cc|sender|witness|defendant|plaintiff|mother|father|wife|husband|"
    r"son|daughter|brother|sister|friend|colleague|manager|agent|officer)\b[\s:,]*+)$"
)
_CUE_WORDS = frozenset(
    "dear hi hello signed sincerely regards thanks cheers contact call attn attention patient doctor nurse "
    "customer client employee recipient applicant tenant landlord author sender witness defendant plaintiff "
    "guest passenger resident student member owner".split()
)
_GIVEN, _TITLE, _CUE, _SURNAME, _PINYIN = 0, 1, 2, 3, 4
_PINYIN_GIVEN = re.compile(PINYIN_GIVEN)
_PLACE_BEFORE = re.compile(r"(?:San|Santa|Santo|São|St\.?|Saint|Fort|Port|Mount|Lake|New|Los|Las|El|La|Le)\s$")


def _sentence_start(text: str, i: int) -> bool:
    j = i - 1
    while j >= 0 and text[j] in " \t\"'“(":
        j -= 1
    return j < 0 or text[j] in ".!?\n:;"


_CAP_BEFORE = re.compile(r"(?<![\w.])[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]{1,20}(?:\s[A-Z]\.)?\s$")
#: Cue words also taken in lower case (mid-sentence); the others only capitalised ("Thanks,").
_LOWERCASE_CUES = frozenset(
    ["dear", "name", "named", "signed", "contact", "patient", "doctor", "physician", "attn", "sincerely", "regards",
     "written by", "reported by", "ask for", "recipient", "applicant", "defendant", "plaintiff", "witness", "guest",
     "passenger", "resident", "student", "member", "owner"]
)  # fmt: skip
_AFTER_CUE = re.compile(r"[\s:,]{1,4}(?=[A-ZÀ-ÖØ-Þ])")
_AGE_OR_WHO = re.compile(r",?\s(?:who\b|\(\d|(?:is|was)\san?\s\d|aged\s\d)|,\s\d{1,3},")
_AGE_NEEDLES = (" who ", ", who ", " aged ", "-year-old", " years old", " (")


def _age_or_who(text: str):
    """Positions where a name may end before "who" / an age: ``str.find`` per needle (C speed),
    each confirmed by ``_AGE_OR_WHO`` at a bounded window before it."""
    for needle in _AGE_NEEDLES:
        i = text.find(needle)
        while i >= 0:
            lo = max(0, i - 12)
            m = None
            for m in _AGE_OR_WHO.finditer(text, lo, min(len(text), i + len(needle) + 4)):
                pass
            if m is not None:
                yield m.start()
            i = text.find(needle, i + 1)
_TWO_CAPS_BEFORE = re.compile(r"(?<![\w])[A-Z]\w{1,30}\s[A-Z]\w{1,30}$")
_CUE_PHRASES = frozenset(
    "name named physician ask for written by reported by cc mother father wife husband son daughter brother "
    "sister friend colleague manager agent officer".split(" ")
) | {"ask for", "written by", "reported by"}
_EN_AFTER = regex.compile(
    r"(?:,?\s(?:who\s|is\san?\s\d|was\san?\s\d|aged\s\d)|,\s\d{1,3},|\s\(\d{1,3}\))"
)


class EnglishPersonRecognizer:
    """English person names (module docstring)."""

    ENTITY = "PERSON"
    prescreen = r"\p{Lu}\p{Ll}+\s+\p{Lu}|(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Sir|Dame|Madam|Rev|Judge|Dear)[ .]"

    def __init__(self) -> None:
        self.given = english_given_names()
        self.surnames = english_surnames() - SURNAMES_THAT_ARE_WORDS
        # Candidate starts: a given name, a title or a cue word (one Aho-Corasick pass), or
        # two capitalised words before "who" / an age. Only these are looked at, not every
        # capitalised word: 7x faster on web text.
        auto = ahocorasick.Automaton()
        for w in self.given:
            if len(w) > 2:  # "Al", "Ed", "Li" match inside every other capitalised word
                auto.add_word(w, (_GIVEN, len(w)))
        for w in self.surnames:
            if len(w) > 2 and w not in self.given:
                auto.add_word(w, (_SURNAME, len(w)))
        for w in PINYIN_SURNAMES:  # "Wang Fang": the name starts at the surname
            if w not in self.given and w not in self.surnames:
                auto.add_word(w, (_PINYIN, len(w)))
        for w in HONORIFICS:
            auto.add_word(w, (_TITLE, len(w)))
        for w in _CUE_WORDS | _CUE_PHRASES:
            forms = (w, w.capitalize(), w.upper()) if w in _LOWERCASE_CUES else (w.capitalize(), w.upper())
            for form in forms:
                auto.add_word(form, (_CUE, len(form)))
        auto.make_automaton()
        self._auto = auto

    def _hits(self, text: str):
        """Aho-Corasick hits, over the non-CJK runs only when the text has CJK characters
        (the automaton walks Chinese text 5x slower than ASCII, and finds nothing there)."""
        if _HAS_CJK.search(text) is None:
            yield from self._auto.iter(text)
            return
        for run in _NON_CJK_RUN.finditer(text):
            a = run.start()
            for e, value in self._auto.iter(run.group()):
                yield a + e, value

    def _starts(self, text: str) -> list[int]:
        n = len(text)
        starts = set()
        for e, (kind, length) in self._hits(text):
            s = e - length + 1
            if (s > 0 and text[s - 1].isalnum()) or (e + 1 < n and text[e + 1].isalnum()):
                continue  # inside a word ("Al" in "Also")
            if kind == _CUE:
                m = _AFTER_CUE.match(text, e + 1)
                if m is not None:
                    starts.add(m.end())
                continue
            starts.add(s)
            if kind != _TITLE:  # "Briana Wallace", "Tamara Morrison": the word before may start the name
                m = _CAP_BEFORE.search(text, max(0, s - 40), s)
                if m is not None and (kind == _SURNAME or not _sentence_start(text, m.start())):
                    starts.add(m.start())  # not "Later Daniel": a capitalised first word is no name
        for p in _age_or_who(text):  # "Leslie Terry, who ...", "Ann Lee, 34,", "Tom Li is a 30-year-old"
            before = _TWO_CAPS_BEFORE.search(text, max(0, p - 64), p)
            if before is not None:
                starts.add(before.start())
        return sorted(starts)

    def analyze(self, text: str) -> list[Finding]:
        found: list[Finding] = []
        parts: set[str] = set()
        starts = self._starts(text)
        last_end = 0
        for s in starts:
            if s < last_end:
                continue
            m = _EN_NAME.match(text, s)
            if m is None:
                continue
            words = [(w.group(), w.start(), w.end()) for w in _CAP_RX.finditer(text, *m.span("name"))]
            if any(len(w[0]) > 1 and w[0].isupper() for w in words):  # "NASA", "IBM": acronyms, not names
                continue
            words = [w for w in words if len(w[0]) > 1]  # middle initials stay inside the span
            while words and words[-1][0] in NOT_NAME_WORDS:  # "John Smith Street": a street; "Maria The": Maria
                words.pop()
            lead_cue = False
            while words and words[0][0].lower() in _CUE_WORDS:  # "Dear John", "Signed Mary Jones"
                words.pop(0)
                lead_cue = True
            if not words or words[0][0] in NOT_NAME_WORDS:
                continue
            start, end = words[0][1], words[-1][2]
            if m.group("suffix") and end == m.end("name"):
                end = m.end("suffix")
            title = m.group("title")
            cue = lead_cue or _EN_CUES.search(text, max(0, start - 24), start) is not None
            after = _EN_AFTER.match(text, end, min(len(text), end + 12)) is not None
            first_given = words[0][0].capitalize() in self.given
            sentence_start = _sentence_start(text, start)
            score = 0.0
            if title:
                score = 0.85  # the title stays outside the span: it identifies nobody
            elif len(words) >= 2 and first_given:
                score = 0.6
            elif len(words) >= 2 and (cue or after or (words[-1][0] in self.surnames and not sentence_start)):
                score = 0.55
            elif 2 <= len(words) <= 3 and words[0][0] in PINYIN_SURNAMES and all(
                _PINYIN_GIVEN.match(w[0].lower()) for w in words[1:]
            ):
                score = 0.55  # "Wang Fang", "Zhang Xiaoming": surname first, Pinyin given name
            elif len(words) == 1 and first_given and words[0][0][1:].islower():
                if cue:
                    score = 0.5
                elif words[0][0] not in AMBIGUOUS_GIVEN and not _PLACE_BEFORE.search(text, max(0, start - 8), start):
                    score = 0.45  # "Nora is very reliable": a given name that is no common word (not "San Francisco")
            if score >= 0.4:
                found.append(Finding(self.ENTITY, start, end, score))
                last_end = end
                if len(words) >= 2:
                    parts.add(words[0][0])
                    parts.add(words[-1][0])
        if parts:  # later mentions of an accepted name's first or last word ("Bobby has ...")
            covered = bytearray(len(text) + 1)
            for f in found:
                covered[f.start : f.end] = b"\x01" * (f.end - f.start)
            auto = ahocorasick.Automaton()
            for w in parts:
                auto.add_word(w, len(w))
            auto.make_automaton()
            n = len(text)
            for e, length in auto.iter(text):
                s = e - length + 1
                if covered[s] or (s > 0 and text[s - 1].isalnum()) or (e + 1 < n and text[e + 1].isalnum()):
                    continue
                found.append(Finding(self.ENTITY, s, e + 1, 0.5))
            found.sort(key=lambda f: f.start)
        return found
