"""PERSON in English text, offline: surname and given-name lists
(``lexicon.py``), context words and titles; no model.

Chinese names: :class:`ChinesePersonRecognizer` in ``recognizers_person_zh.py``.

English (:class:`EnglishPersonRecognizer`). A run of one to three capitalised
words (optional middle initial) is a name when a title precedes it (Mr., Ms.,
Dr., 0.85; the title is in the span: it tells the gender, and ``generalize``
keeps it, "Mr. B."), when it starts with a common given name and a second word that is
not a place, product or heading word follows ("Maria Lopez" 0.6; "Virginia
Beach", "Jordan River" no), when a listed surname or a word with a surname
ending (-ov, -ska, -sen, -nen, -ez, ...) follows a word that is no function
word, place or heading, also at a sentence's start ("Weronika Martinsen
will ..."; not "However Smith"), when a middle initial stands between two such
words ("Faina D. Yefremova"), or when a context cue precedes it ("Dear",
"name:", "signed", "call ... at", "contact", "says", "told", 0.55), or when it is a Chinese
surname in Pinyin followed by Pinyin syllables ("Wang Fang", "Zhang
Xiaoming", 0.55). A question's first word is not a given name ("Can Python
...?"). A given name alone counts
after a cue (0.5; any capitalised word that is no ordinary word after "my name
is", "call me", "Dear", "signed"), or anywhere (0.45) when it is no common word, place,
month or product (not "Will", "Grace", "Georgia", "June", "Ruby"), and not a
surname inside a firm's name ("Lopez, Santos and Coleman"; a list after a colon
or of given names only is people). Listed names joined to a found name by
"and", "or", "&" or commas are names too ("Woźniak and Moore", "Hans, Linda
and Amber"), and so is a listed name labelling a line of dialogue ("Heather:
\"Who are you?\""). A later mention of an accepted full name's listed given
name or surname ("Bobby has ...") is flagged too; an unlisted part is not
("Monty Python" does not make every "Python" a person). In all-lower-case
text, a listed given name that is no English word is a name after a cue or
verb, before a verb, with a middle initial ("eric g. samoylova") or, from five
letters, alone. A capitalised word no list has is a name (0.45; two such words 0.55)
when it stands in a name slot ("says Morishita.", "by Khasanbek", "Ahtisaari said",
"Ahtisaari began"; no determiner before it: not "the Kremlin said") and the name-shape
model (``name_model.py``) takes it: no word of its English/technical lexicon ("Python",
"Linux") nor written in lower case elsewhere in the text, and its character n-grams
score ``SHAPE_MIN`` or more.

Forms: a possessive ends a name ("Faina D. Yefremova's Cautionary Tales"); a place or a
business before it is not one ("China's", "Sam's Club"), nor one capitalised word right after
another's possessive ("Hitler's Nazi regime"). Two capitalised words after "my name is" /
"call me", or a listed name that is also a word ("call me Mark", "maiden name is Hale"), are
names; so are prefixed surnames ("McCathie", "DeRose"), a greeted name the name-shape model
takes ("Hi Khasanbek,"), a speaker label the model takes before quoted speech ("Koppány:
\"Who ..."), lower-case dialogue labels ('mika: "who ...') a lower-case title with its
name ("mr. martin") and, after "my name is" / "call me" in lower case, a word no list has that
the model takes ("my name is khasanbek"). A later mention of an unlisted surname counts only when it is no
English/technical word ("Monty Python" does not make "Python" a person). The common given
names of the hand list stay names though package text writes some in lower case ("alice",
"timothy"); ``AMBIGUOUS_GIVEN`` lists those that are words.

Held-out pass (issue 16): a given name that only names a small town of Faker's lists stays a
name ("Melissa", "Moira"; ``GIVEN_NAMES_THAT_ARE_PLACES`` keeps "Phoenix", "Geneva" places); surname
particles ("Hendrik van der Berg", "Willemine ten Pas"); a given name before an English word that
does not look like a name is no person ("Mad Men", "Arch Linux"). Name slots for unlisted words:
relatives ("my kid Dzhambek"), a person's thing after a possessive ("Hleb's address"), a vocative
before a request ("Jakobine, can I"), a lone sentence-initial word with a personal pronoun close
after ("Shovda is very reliable. You can always depend on him."); greetings, speech verbs and
"lives"/"was born" take a score ``_STRONG_SLOT_MARGIN`` below ``SHAPE_MIN``. In a list of names,
mates may be listed names that are words or months ("Evan and April") or unlisted name shapes;
two words joined by "and" before a plural verb are people ("Torpy and Salinas were"). Cues "name?"
("What's your name? April Martin") and "calls me".

Second held-out pass (issue 16, ``tests/test_pii_person_en_varied.py``): names in capitals
(``_caps_names``: a listed given name and surname, "NAME: ROBERT HALLORAN", "LIU XIAOHONG" after a
label, "ELENA:" as a speaker); "Last, First" where a list or form puts it and citations ("Dubois,
Etienne", "Okonjo, A."); a name addressed at a sentence's end ("Pass the salt, Kemi."); a surname
cited with a year ("Brown (2004)"); a relative's given name that is a word ("my neighbour Ken"); kin
and religious titles (Uncle, Granny, Sheikh, Imam, Rabbi); these five in one RE2 pass
(``_ONE_PASS``). Firms and brands named after people (``data/en_eponymous_firms.txt``: Morgan
Stanley, Johnson & Johnson, Wendy's) are no person unless a title precedes them; nor are a street
after "Jr." (Martin Luther King Jr. Boulevard) or "Dear Sir or Madam".

Look-alikes named after people (``tests/test_pii_person_en_works.py``; ``_without_works``, run last
on the accepted findings only): titles of works, fictional characters, brands and places
(``data/en_named_works.txt``: Jane Eyre, Romeo and Juliet, Porsche Cayenne, Parkinson's), titles
"X and the Y of Z", and names in a frame: an institution or eponym word after (Kennedy Center,
Nobel Prize, Halley's Comet, Doppler effect), a place word before (St. Louis, Port Elizabeth, Gare du
Nord), a work noun before (the novel Rebecca, the song "Jolene"). A title (Dr. Alois Alzheimer)
keeps a name except where the whole title-and-name is listed (Dr Pepper, Mrs Dalloway).

Third held-out pass (issue 16, ``tests/test_pii_person_en_frames.py``): chat and e-mail frames
(``_chat_names``, ``_chat_slot``): a listed given name after a greeting, thanks or a verb of addressing
("thx Mike!", "thanks, mike", "ask sarah", "cc Priya", "my friend Jenny"), a handle ("@jenny"), a
speaker label at a line's start ("Tom: where are you", "mike: ok"), a sign-off after a closing or a
dash ("Best,\nTom", "- Tom") and a name before "and I" / "pls" / "can you"; in lower case only names
that are no English word. Surname-first East Asian names with no cue (``data/en_east_asian.txt``:
"Nguyen Van An", "Le Thi Thu", "Tanaka Hiroshi", "Kim Min-jun"; not before City, Corporation, ...).
Towns named like people (``data/en_place_given.txt``) are no lone name in a place frame ("near Aspen",
"Austin, Texas", "Nelson is a small city", "Charlotte beat Atlanta 3-1", "a storm warning for
Lafayette"); a well-known place that is no common given name ("London", "Atlanta") is never a name
alone. Speed: the cue words' hits come from one RE2 pass (``_CueScan``), later mentions of a name's
parts from the capitalised-word split, middle initials of long texts from one RE2 pass, and every RE2
pass reads one UTF-8 copy of the text through ``_finditer`` (RE2 called directly, offsets converted once).

Fourth held-out pass (issue 16, ``tests/test_pii_person_en_chat2.py``): African and Indian given names
and surnames Faker's lists lack (``data/en_world_extra.txt``: Babajide, Lindiwe, Jagtap, Kandula); person
frames that take any listed name (even a word) or an unlisted name shape scored down to ``_FRAME_MIN``
(``_frame_name``): a verb of giving or telling before and "his"/"her" after ("had given Tyler his
address"), "ex-Zombie X", "X was a huge ... fan", "the X novel"; the trait-of-character slot down to the
same score; a Vietnamese name's fourth part ("Nguyen Thi Minh Khai"); handles with an underscore part
("@kwame_asante"); lower-case speaker labels of any listed chat name from five letters ("priyanka: did");
dishes and drinks named after people are no person ("Caesar salad", "Bloody Mary", "Kim chi").

Genres pass (issue 16, en_person7, ``tests/test_pii_person_en_genres.py``): a role word before a name is
a cue and no part of a capitalised run ("Respondent Abdulrahman Al-Sayed", "Coach Olamide", ``_CUE_WORDS``,
``_role_before``); a player's slots in sports reports ("Zelmora scored", "Rashford hit the post", "X
finished third"); abbreviated titles with their dot ("Gov. Whitmer", "Sen. X", "Lt. Col. X"; "Gov Tech"
none, ``_TITLE_ABBREVIATIONS``); Vietnamese names with their marks (``_LOWER_LETTERS`` keeps "Nguyễn" one
word; given parts looked up unmarked, ``_unmarked``); a support chat's join/leave/transfer lines ("wojtek
left the chat", "chatting with Sipho") and short or dotted lower-case speaker labels ("[09:15] ewa: hi",
"nguyen.an: hi"); cited surnames with a capitalised second part or a possessive ("Fernández-López et al.",
"Chukwu's (2016)"); an unlisted name-shaped word before a surname that is also a given name at a
sentence's start ("Venkataraghavan Subramaniam signed").

Weak-context pass (issue 16, en_person13, ``tests/test_pii_person_en13_rules.py``): two or three capitalised
words before a verb a person does ("Kasia Tilbury reckons", "Barnabas Crewe was hired", ``_subject_pair``):
listed names with name-shaped words, or unlisted name shapes on average, no determiner or place preposition
before, no firm or place; a full name joined by "and" / "&" to a found one ("Laura Smith and Ottoline
Brankin", ``_TWO_CAPS``). Product and thing runs are no name (``_thing_run``): a later English noun that looks
like no name ("Dakota Access Pipeline"), any English noun or its plural after an English first word ("Red
Hat", "Case Study", "Star Wars"), a compass word before a place ("North Korea"); a headline's verb after a
name is cut off ("Jessica Simpson Weds"), a word before a name dropped ("President Emmanuel Macron").

It scans in linear time: one ``regex`` pass over the text (possessive
repetitions, bounded words), O(1) dictionary look-ups per candidate and a
bounded context window.
"""

from __future__ import annotations

import bisect
import functools
import re
import unicodedata
from itertools import accumulate, compress
from pathlib import Path

import ahocorasick
import re2
import regex

from .actions import Finding
from .address_parts import prepared_share
from .lexicon import (
    AMBIGUOUS_GIVEN,
    GIVEN_NAMES_THAT_ARE_PLACES,
    HONORIFICS,
    NOT_NAME_WORDS,
    PINYIN_GIVEN,
    PINYIN_SURNAMES,
    SALUTATION_WORDS,
    STREET_TYPES,
    SURNAMES_THAT_ARE_WORDS,
    UNIT_WORDS,
    US_STATES,
    east_asian_names,
    english_given_names,
    english_surnames,
    eponymous_firms,
    firm_key,
    name_words,
    named_works,
    place_given_names,
    place_words,
    world_given_names,
    world_surnames,
)
from .name_model import name_shape_model
from .stop_words import STOP_WORDS

_HAS_CJK = re.compile("[\u3400-\u9fff]")


def _no_cjk(text: str, data: bytes | None = None) -> bool:
    """No CJK character in ``text`` (an ASCII text is answered without a scan). With ``data``
    (the text in UTF-8) RE2 scans the bytes (~40% less CPU than ``re`` on the text)."""
    if text.isascii():
        return True
    if data is None:
        return _HAS_CJK.search(text) is None
    return _HAS_CJK_RAW.Match(_UNANCHORED, data, 0, len(data))[0][0] < 0


_NON_CJK_RUN = re.compile("[^\u3000-\u9fff\uf900-\ufaff\uff00-\uffef]{3,}")

_UNANCHORED = re2._re2.RE2.Anchor.UNANCHORED
_HAS_CJK_RAW = re2.compile("[\u3400-\u9fff]")._regexp  # _HAS_CJK for RE2 over UTF-8 bytes

#: Whole-text gates answered together by one RE2 set pass over the UTF-8 copy (:func:`_gates`): whether
#: the text holds a CJK character, two initials, a speaker label at a line's start, a lower-case word at
#: one. Each was a regex scan of its own (on 2,000 web and documentation texts 19-40 ms each, the set pass
#: ~38 ms: RE2 runs the four as one automaton). Literal gates ("ame:", "@") stay ``str`` scans: added to
#: the set they made its automaton three times slower. Each pattern matches somewhere exactly when the
#: check it stands for finds something (the lower-case line start: whenever it does), the same pattern
#: without its lookarounds.
_GATE_CJK, _GATE_INITIALS, _GATE_SPEAKER, _GATE_LINE_LOWER = range(4)
_GATE_PATTERNS = (
    "[\u3400-\u9fff]",  # _HAS_CJK
    "[A-Z]\\.[ \t]?[A-Z]\\.",  # _INITIALS_ANY
    # _FIRST_SPEAKER at the start, _SPEAKER after a line break, their lookahead's character taken
    "(?:^|\n)[ \t]{0,4}[A-ZÀ-ÖØ-ÞĀ-Ž][a-zß-öø-ÿā-ž]{2,20}:[ \t]*[\"“'\\\\A-Z]",
    "\n[a-zß-öø-ÿ\u0100-\u024f]{4}",  # _LINE_START_LOWER (four letters at least)
)


def _gate_set():
    gate_set = re2._re2.Set(_UNANCHORED, re2.Options())
    for p in _GATE_PATTERNS:
        gate_set.Add(p.encode("utf-8"))
    gate_set.Compile()
    return gate_set


_GATE_SET = _gate_set()


def _gates(data: bytes) -> frozenset[int]:
    """The gates (``_GATE_*``) whose pattern occurs in ``data`` (a text in UTF-8): one RE2 pass."""
    return frozenset(_GATE_SET.Match(data))


_NO_SPAN = (-1, -1)


class _Re2Match:
    """A match of :func:`_finditer`, with character offsets (``start``, ``end``, ``span``, ``group``,
    ``lastindex`` as the RE2 wrapper's match gives them)."""

    __slots__ = ("_text", "_spans")

    def __init__(self, text: str, spans) -> None:
        self._text = text
        self._spans = spans

    def start(self, k: int = 0) -> int:
        return self._spans[k][0]

    def end(self, k: int = 0) -> int:
        return self._spans[k][1]

    def span(self, k: int = 0) -> tuple[int, int]:
        return self._spans[k]

    def group(self, k: int = 0) -> str | None:
        a, b = self._spans[k]
        return None if a < 0 else self._text[a:b]

    @property
    def lastindex(self) -> int | None:
        """The group whose end is rightmost, the first of equals (as the RE2 wrapper's)."""
        best, end = None, -1
        for k in range(1, len(self._spans)):
            if self._spans[k][1] > end:
                best, end = k, self._spans[k][1]
        return best


def _finditer(pattern, text: str, data: bytes | None = None):
    """``pattern.finditer(text)`` of an ``re2`` pattern, read from RE2 directly: the text is
    encoded once, an ASCII text's byte offsets are its character offsets, and any other text's
    are converted from the last one converted on (linear in the text). The wrapper's own loop
    converts every offset of every match through more Python (twice the CPU of this on
    ``_ONE_PASS`` over web text). ``data``: the text in UTF-8, when the caller has it (one copy per
    text for all its passes)."""
    if data is None:
        data = text.encode("utf-8")
    ascii_ = len(data) == len(text)
    regexp = pattern._regexp
    pos, nb = 0, len(data)
    lb = lc = 0
    while True:
        spans = regexp.Match(_UNANCHORED, data, pos, nb)
        if spans[0][0] < 0:
            return
        if not ascii_:
            conv = {}
            for off in sorted({o for span in spans for o in span if o >= 0}):
                lc += len(data[lb:off].decode("utf-8"))
                lb = off
                conv[off] = lc
            yield _Re2Match(text, [_NO_SPAN if a < 0 else (conv[a], conv[b]) for a, b in spans])
        else:
            yield _Re2Match(text, spans)
        if pos == nb:
            return
        if pos == spans[0][1]:  # an empty match: one character on (a multi-byte one whole)
            pos += 1 if ascii_ else len(text[lc].encode("utf-8"))
        else:
            pos = spans[0][1]


def _initials_cues(text: str, data: bytes) -> tuple[list[int], list[int]]:
    """(the starts of the middle initials, the last character of each open cue) of ``_starts``."""
    # a short text is scanned by re directly; a long one by RE2 (the same matches: the lookahead's
    # three letters, taken into the RE2 match, cannot start another, which starts with a blank)
    if len(text) < _RE2_MIN_LEN:  # short: re directly, RE2 only past the gates (its call overhead)
        initials = [m.start() for m in _MIDDLE_INITIAL.finditer(text)]
        cues = (
            [m.end() - 1 for m in _finditer(_OPEN_CUE, text, data)]
            if any(g in text for g in _OPEN_CUE_GATES)
            else []
        )
        return initials, cues
    return _initials_and_open_cues(text, data)  # long: one RE2 pass for both


def _lcue_hits(text: str) -> list[tuple[int, tuple[int, int]]]:
    """The hits of the lower-case cues (``_LCUE_KEYS``) as ``_CueScan.hits`` gives them (the last
    character, (kind, length))), only those ``_NEXT_LOWER`` matches after. No other cue key holds
    them, starts or ends inside them, so the other keys' hits are the same without them."""
    out = [(m.end() - 1, (_LCUE, 4)) for m in _LCUE_WITH.finditer(text)]
    return out + [(m.end() - 1, (_LCUE, m.end() - m.start())) for m in _LCUE_CALL.finditer(text)]


def _initials_and_open_cues(text: str, data: bytes) -> tuple[list[int], list[int]]:
    """(the starts of ``_MIDDLE_INITIAL_ANY``'s matches, the last character of ``_OPEN_CUE``'s), as
    each pattern's own ``finditer`` gives them, from one RE2 pass over both (a pass fewer over a
    long text). The pass looks again from every match's second byte, so matches of one pattern
    inside the other's are found; each pattern's own matches are those that start at or after the
    end of its previous one. A match's first byte tells its pattern (a blank: the initial; a
    letter: the cue), so at any one start only one of them can match, as alone."""
    raw = _INITIALS_OR_OPEN_CUE._regexp
    ascii_ = len(data) == len(text)
    initials: list[int] = []
    cues: list[int] = []
    pos, nb = 0, len(data)
    initial_end = cue_end = 0
    lb = lc = 0  # the last byte offset converted and its character offset
    while pos < nb:
        bs, be = raw.Match(_UNANCHORED, data, pos, nb)[0]
        if bs < 0:
            break
        if ascii_:
            s, e = bs, be
        else:  # both patterns start with an ASCII character: bs is a character's first byte
            lc += len(data[lb:bs].decode("utf-8"))
            lb = bs
            s = lc
            e = s + len(data[bs:be].decode("utf-8"))
        if data[bs] in b" \t":
            if s >= initial_end:
                initials.append(s)
                initial_end = e
        elif s >= cue_end:
            cues.append(e - 1)
            cue_end = e
        pos = bs + 1
    return initials, cues


class _CueScan:
    """The cue automaton's hits that stand alone as words (no letter or digit on either side), as
    ``Automaton.iter`` gives them (by end, the longest first), found by one RE2 pass over the
    keys instead (the automaton steps through every character in Python objects: ~12 CPU-ms/MB, the
    pass ~5). RE2 reports one key per start and no overlaps, so a match also yields the keys that
    are its prefixes ("ASK" of "ASK FOR") and the keys inside it after a blank ("BY" of "WRITTEN
    BY"); a match that is no word of its own is looked at again from its second character
    ("TASK FOR": "FOR"). Pickles as the keys (the pattern is compiled again)."""

    def __init__(self, keys: dict[str, tuple[int, int]]) -> None:
        self.keys = keys
        self._setup()

    def _setup(self) -> None:
        keys = self.keys
        self._regexp = re2.compile("|".join(re.escape(k) for k in sorted(keys, key=lambda k: (-len(k), k))))
        self._raw = self._regexp._regexp
        # per key: its keys (itself, its prefixes that end before a blank; offset 0) and the keys
        # inside it after a blank (offset > 0), each (offset, key, value)
        self._parts = {}
        for k in keys:
            parts = [(0, p, keys[p]) for p in keys if k.startswith(p) and (p == k or k[len(p)] == " ")]
            parts += [
                (i + 1, p, keys[p])
                for i, c in enumerate(k)
                if c == " "
                for p in keys
                if k.startswith(p, i + 1) and (i + 1 + len(p) == len(k) or k[i + 1 + len(p)] == " ")
            ]
            self._parts[k] = parts
        # by the matched bytes: the value when the key is its only part (most keys), else None
        self._single = {
            k.encode("ascii"): (parts[0][2] if len(parts) == 1 else None) for k, parts in self._parts.items()
        }

    def __getstate__(self):
        return self.keys

    def __setstate__(self, keys) -> None:
        self.keys = keys
        self._setup()

    def hits(self, text: str, data: bytes | None = None) -> list[tuple[int, tuple[int, int]]]:
        if data is None:
            data = text.encode("utf-8")
        ascii_ = len(data) == len(text)
        match, parts_of, single = self._raw.Match, self._parts, self._single
        nb, n = len(data), len(text)
        out = []
        pos = 0
        lb = lc = 0  # the last byte offset converted and its character offset
        while pos < nb:
            bs, be = match(_UNANCHORED, data, pos, nb)[0]
            if bs < 0:
                break
            if ascii_:
                s = bs
            else:
                lc += len(data[lb:bs].decode("utf-8"))
                lb = bs
                s = lc
            bkey = data[bs:be]
            e = s + be - bs  # the key is ASCII: as many characters as bytes
            whole = not ((s > 0 and text[s - 1].isalnum()) or (e < n and text[e].isalnum()))
            value = single[bkey]
            if value is not None:  # the key alone (its own word, or nothing)
                if whole:
                    out.append((e - 1, value))
                    pos = be
                else:
                    pos = bs + 1
                continue
            for off, p, value in parts_of[bkey.decode("ascii")]:
                if off and not whole:
                    continue  # found again from the next character
                a, b = s + off, s + off + len(p)
                if (a > 0 and text[a - 1].isalnum()) or (b < n and text[b].isalnum()):
                    continue
                out.append((b - 1, value))
            # a whole match goes on after its end; any other from its second character (a key may
            # start inside it: "TASK FOR")
            pos = be if whole else bs + 1
        if len(out) > 1:
            out.sort(key=lambda h: (h[0], -h[1][1]))
        return out


# -- English -----------------------------------------------------------------------


def _after_house_number(text: str, i: int) -> bool:
    """Whether ``text[i:]`` follows ", " after a house number on the same line ("Sur 1602, Col.
    Roma": Mexican addresses name the colonia with "Col."); looks at most 16 characters back."""
    j = i - 1
    while j >= 0 and text[j] == " ":
        j -= 1
    if j < 0 or text[j] != ",":
        return False
    before = text[max(0, j - 16) : j]
    before = before[before.rfind("\n") + 1 :]
    return any(c.isdigit() for c in before)


#: Titles written abbreviated with a dot in news and records ("Gov. Whitmer", "Sen. Ocasio-Cortez", "Sgt.
#: Kowalczyk", "Cllr. Walsh"): titles only with the dot ("Gov Tech", "Rep Sheet" are none).
_TITLE_ABBREVIATIONS = (
    "Gov", "Sen", "Rep", "Gen", "Col", "Maj", "Capt", "Sgt", "Lt", "Cpl", "Det", "Insp", "Supt", "Cllr",
    "Amb", "Pres", "Adm", "Cmdr",
)  # fmt: skip
_EN_TITLES = frozenset(HONORIFICS) | frozenset(_TITLE_ABBREVIATIONS)
_NOT_TITLE = (
    r"(?!(?:" + "|".join(HONORIFICS) + r")\.?\s|(?:Jr|Sr)\b)"
)  # an abbreviated title ends a name at its dot
_CAP = _NOT_TITLE + r"\p{Lu}\p{L}*+(?:['’-]\p{L}++)?"  # Smith, McDonald, O'Neil, Smith-Jones, JacksOn
#: Lower-case surname particles (Dutch, German, French, Spanish, Portuguese, Italian, Arabic, Hebrew).
_PARTICLES = r"(?:van|von|der|den|de|del|della|dei|di|da|das|dos|do|du|ten|ter|le|la|al|bin|ibn|ben|bint|y)"
#: Arabic article particles written joined to the surname by a hyphen ("Tariq al-Hashimi", "Ahmed
#: el-Sayed", "Ali as-Sadr"): between a name's words they are part of it.
_JOINED_PARTICLES = r"(?:al|el|ad|an|ar|as|ash|at|az|ud|ul)"
#: Arabic place words before such a particle: a place, not a given name ("Wadi al-Hitan", "Ras al-Khaimah").
#: The same particles capitalised ("Al-Qahtani", "Abu-Zaid", "Bin-Laden"): their hyphen makes no firm's name.
_CAP_PARTICLES = frozenset("Al El Ad An Ar As Ash At Az Ud Ul Abu Bin Ibn Ben".split())
_PARTICLE_PLACE_HEADS = frozenset(
    "Wadi Ras Jebel Jabal Bab Tell Tel Sharm Bir Ain Deir Kafr Khan Qasr Souq Suq Sidi Madinat Hayy Jisr".split()
)
_EN_NAME = regex.compile(
    r"(?=\p{Lu})(?<![\w.@/'’-])"  # the lookahead first: the engine skips to capitals (1.3x faster)
    r"(?:(?P<title>"
    + "|".join(HONORIFICS)
    + r"|(?:"
    + "|".join(_TITLE_ABBREVIATIONS)
    + r")(?=\.))\.?[ \t]++)?"
    # each word and middle initial of the name is a capture of "w" (``m.captures("w")``)
    # a surname particle ("Willemine ten Pas", "Hendrik van der Berg", "Juan de la Fuente") between words
    r"(?P<name>(?P<w>" + _CAP + r")(?:[ \t]++(?:(?P<w>[A-Z])\.?[ \t]++)?+"
    r"(?:(?=[a-z])(?:(?P<particle>"
    + _PARTICLES
    + r")[ \t]++|(?P<particle>"
    + _JOINED_PARTICLES
    + r")-(?=\p{Lu})))"
    r"{0,2}+(?P<w>" + _CAP + r")){0,2}+)"
    r"(?P<suffix>,?\s(?:Jr|Sr)\.?|\s(?:II|III|IV)(?![\w]))?"
    r"(?![\w@])"
)
_EN_CUES = regex.compile(
    r"(?i)(?:\b(?:dear|hi|hello|name|named|signed|sincerely|regards|thanks|cheers|contact|call|ask for|attn|attention|"
    r"patient|doctor|physician|nurse|customer|client|employee|recipient|applicant|tenant|landlord|author|"
    r"written by|reported by|cc|sender|witness|defendant|plaintiff|mother|father|wife|husband|"
    r"son|daughter|brother|sister|friend|colleague|manager|agent|officer|says|said|asked|told|replied|thanked|"
    r"according to|interviewed|married|met with|spoke with|talked to)\b[\s:,]*+)$"
)
#: Cues after which any capitalised word that is no ordinary word or place is a name ("Hi Khasanbek",
#: "My name is Tamerlan", "call me Tilly").
_STRONG_CUE = re.compile(
    r"(?:\b(?:[Dd]ear|Hi|Hello|Hey|[Nn]ame is|[Nn]ame:|[Nn]ame\?|[Cc]alls? me|[Nn]amed|I'm|I am|[Tt]his is|[Ss]igned)"
    r"[,:]?[ \t]{1,3})$"
)
#: The strong cues where any capitalised word after them may start a name (found by one scan:
#: a name no list has is no candidate start otherwise). "Hi", "Hello", "I'm", "this is" and
#: "named" are left out: "Hello World", "This is Python", "a module named Config".
_OPEN_CUE = re2.compile(  # RE2: one pass (the gate words "ear", "ame" are in most texts)
    r"\b(?:[Nn]ame is|[Nn]ame:|[Nn]ame\?|[Cc]alls? me|[Dd]ear|[Ss]igned)[,:]?[ \t]{1,3}[A-ZÀ-ÖØ-Þ]"
)
#: A greeting and the greeted word before a comma or "!" ("Hi Manlio, I'm contacting you"; the word's
#: shape decides: not "Hello World!").
#: ``re``, not RE2: the leading literal "H" makes it a fast scan (a fifth of the RE2 pass's CPU); the
#: lookbehind after it is RE2's ASCII ``\b`` before "Hi" (the same matches).
_GREETING = re.compile(r"H(?<![A-Za-z0-9_]H)(?:i|ello|ey)[ \t]([A-ZÀ-ÖØ-Þ][a-zß-öø-ÿā-ž]{2,})[,!]")
#: Substrings every ``_OPEN_CUE`` match holds: for a short text ``str`` scans (C speed) decide whether
#: RE2 runs at all (its Python wrapper costs a few microseconds a call, much of a short text's time);
#: a long one goes to RE2 directly, with the middle initials (:func:`_initials_and_open_cues`).
_OPEN_CUE_GATES = ("ame is", "ame:", "ame?", "all me", "alls me", "ear ", "ear,", "ear:", "ear\t", "igned")
_RE2_MIN_LEN = 2000  # texts shorter than this are scanned by ``re`` directly, without an RE2 gate
_OPEN_CUE_TAIL = re.compile(
    r"(?:[Nn]ame is|[Nn]ame:|[Nn]ame\?|[Cc]alls? me|[Dd]ear|[Ss]igned)[,:]?[ \t]{1,3}$"
)
#: Phrases that name a person ("my name is", not "hostname is" or "last_name:"; "call me", "she named
#: him"): before two capitalised words, or a listed name that is also a word ("call me Mark").
_NAME_CUE_TAIL = re.compile(
    r"(?<![\w.])(?:[Nn]ame is|[Nn]ame\?|[Cc]alls? me|named (?:him|her))[,:]?[ \t]{1,3}$"
)  # "What's your name? April Martin", "everyone calls me Iqra"
#: Words joining the names of a list ("Woźniak and Moore", "Hans, Linda, Amber and Andrew").
_JOIN_AFTER = re.compile(r"(?:,[ \t]|[ \t](?:and|or|&)[ \t]|,[ \t](?:and|or)[ \t])(?=[A-ZÀ-ÖØ-Þ])")
_JOIN_HEADS = frozenset([", ", ",\t", " a", " o", " &", "\ta", "\to", "\t&"])  # cheap test before the regex
_JOIN_TAILS = frozenset([", ", ",\t", "d ", "r ", "& ", "d\t", "r\t", "&\t"])
_JOIN_AFTER_LOWER = re.compile(r"(?:,[ \t]|[ \t](?:and|or|&)[ \t]|,[ \t](?:and|or)[ \t])(?=[a-zß-öø-ÿ])")
_ONE_LOWER = re.compile(r"[a-zß-öø-ÿā-ž]{3,20}(?![\w'’@/-]|\.\w)")
_ONE_LOWER_BEFORE = re.compile(r"(?<![\w'’.@/-])[a-zß-öø-ÿā-ž]{3,20}$")
#: A plural verb after two names joined by "and": the pair is people ("Torpy and Salinas were").
_PLURAL_AFTER = re.compile(r"[ \t](?:were|are|have|had|both|met|married|went|became|founded|wrote)(?![\w])")
_JOIN_BEFORE = re.compile(r"(?:,[ \t]|[ \t](?:and|or|&)[ \t]|,[ \t](?:and|or)[ \t])$")
_ONE_CAP = re.compile(r"[A-ZÀ-ÖØ-ÞĀ-Ž][a-zß-öø-ÿā-ž]+(?:[-'’][A-Za-zß-öø-ÿā-ž]+)?(?![\w'’-])")
_ONE_CAP_BEFORE = re.compile(r"(?<![\w'’.-])[A-ZÀ-ÖØ-ÞĀ-Ž][a-zß-öø-ÿā-ž]+(?:[-'’][A-Za-zß-öø-ÿā-ž]+)?$")
#: Credentials and generation suffixes after a name: kept out of the acronym test and the span.
_CREDENTIALS = frozenset("MD DDS PhD DVM RN MBA Esq Jr Sr II III IV".split())
#: Words a name never ends with: credentials, and the unit of an address that follows the name
#: ("Miss Gabriella Villanueva Suite 574 ...": the name is Gabriella Villanueva, the rest an address).
_NAME_TAIL_DROP = _CREDENTIALS | frozenset(UNIT_WORDS)
_CUE_WORDS = frozenset(
    "dear hi hello signed sincerely regards thanks cheers contact call attn attention patient doctor nurse "
    "customer client employee recipient applicant tenant landlord author sender witness defendant plaintiff "
    "guest passenger resident student member owner "
    # roles named before a name in court records, sports reports, news and reviews ("Respondent Abdulrahman
    # Al-Sayed", "Coach Erik ten Hag", "Instructor Olumide", "Agent Rosa"): the role is no part of the name
    "respondent petitioner appellant appellee claimant complainant accused prosecutor attorney counsel solicitor "
    "barrister magistrate detective inspector sergeant constable coach instructor goalkeeper striker midfielder "
    "defender winger substitute referee umpire agent realtor installer receptionist technician plumber "
    "electrician tutor teacher trainer therapist dentist surgeon pharmacist paramedic reporter correspondent "
    "economist spokesman spokeswoman spokesperson chairman chairwoman councillor councilman councilwoman "
    "commissioner superintendent baroness "
    # people who serve or look after someone, named in reviews and chat ("our guide Kalani", "Chef Marco",
    # "my cleaner Joanna")
    "guide chef waiter waitress driver chauffeur cleaner nanny babysitter mechanic barber hairdresser "
    "bartender concierge housekeeper caretaker gardener carer midwife landlady neighbour neighbor".split()
)
_GIVEN, _TITLE, _CUE, _SURNAME, _PINYIN, _LOWER, _LCUE, _EA2 = 0, 1, 2, 3, 4, 5, 6, 7
#: A lower-case word after a cue, or at the start of a line: looked up among the names.
_NEXT_LOWER = re.compile(r"(?:[ \t]{1,4}(?:is|me))?[ \t:?]{1,8}([a-zß-öø-ÿ\u0100-\u024f]{4,30})(?![\w'’-])")
#: The lower-case cues "with", "call", "calls" ("follow up with tracy", "call me višeslav") as whole words
#: (no letter or digit before or after), only where ``_NEXT_LOWER`` matches after them: elsewhere
#: ``_cue_hit`` does nothing with them. Found by ``re`` from their literal first letters (two scans at
#: C speed) instead of in the cue pass, where "with" is most of the hits (17,000 of 30,000 on 2,000 web
#: and documentation texts) and each cost a call and a step in Python.
_LCUE_WITH = re.compile(r"with(?<![^\W_]with)(?=" + _NEXT_LOWER.pattern + ")")
_LCUE_CALL = re.compile(r"call(?<![^\W_]call)s?(?=" + _NEXT_LOWER.pattern + ")")
_LCUE_KEYS = ("with", "call", "calls")
_LINE_START_LOWER = re.compile(r"\n([a-zß-öø-ÿ\u0100-\u024f]{4,30})(?![\w'’-])")  # a literal first: fast scan
_TEXT_START_LOWER = re.compile(r"([a-zß-öø-ÿ\u0100-\u024f]{4,30})(?![\w'’-])")
_UPPER = re.compile("[A-Z]")
#: After a lower-case given name that starts a line: a verb or a comma makes it the subject
#: ("samantha is a very sympathetic person"; not "ping 172.16.254.1").
_VERB_AFTER = re.compile(
    r"(?:,|[ \t](?:is|was|has|had|said|says|will|would|can|could|and|lives|works|spent|began))(?![\w])"
)
#: Words before a name written in lower case ("my name is mieszko", "follow up with tracy wiśniewska").
_LOWER_CUE = re.compile(
    r"(?:\bname is|\bname:|\bname\?|\bcalls? me|\bnamed|\bi'?m|\bi am|\bdear|\bhi|\bhello|\bthanks|\bwith|\bask for|"
    r"\bcontact|\btell|\bsays|\bsaid|\bmr\.?|\bmrs\.?|\bms\.?|\bdr\.?)[ \t]{1,4}$"
)
_SPEAKER_AFTER = re.compile(r":[ \t]*\\?[\"“]")
_LOWER_TITLE_NAME = re.compile(
    r"(?<![\w.])(?:mrs?\.?|ms\.|dr\.)[ \t]{1,3}([a-zß-öø-ÿ\u0100-\u024f]{2,20})(?![\w'’@./-])"
    r"(?:[ \t]([a-zß-öø-ÿ\u0100-\u024f]{2,20})(?![\w'’@/-]|\.\w))?"
)
_LOWER_TITLE = re.compile(r"(?:mr|mrs|ms|dr)\.?[ \t]")
#: Words before a lower-case given name in all-lower-case text ("said william to christina",
#: "she named him joshua", "the true gender of lilly").
_LOWER_BEFORE = re.compile(
    r"(?:\bto|\bwith|\bby|\bof|\bhim|\bher|\bsaid|\bsays|\basked|\btold|\bnamed|\bcalled|\bmeet|\bmet|\band)[ \t]{1,4}$"
)
#: A middle initial and a surname after a lower-case given name ("eric g. samoylova"); not "i" or "a".
_LOWER_INITIAL = re.compile(r"[ \t]([b-hj-z])\.?[ \t]([a-zß-öø-ÿ\u0100-\u024f]{2,30})(?![\w'’-])")
_LOWER_ALONE_MIN = 5
_LOWER_WORD_BEFORE = re.compile(r"([a-z]+)[ \t]$")
_LOWER_WORD = re.compile(r"[a-zß-öø-ÿ\u0100-\u024f]{2,30}")
_LOWER_MIN = 4  # lower-case names of 3 letters ("ann", "eva") are words or fragments too often
_PINYIN_GIVEN = re.compile(PINYIN_GIVEN)
_PLACE_BEFORE = re.compile(
    r"(?:San|Santa|Santo|São|St\.?|Saint|Fort|Port|Mount|Lake|New|Los|Las|El|La|Le|Villa|Vila|Via|Viale|Rue|Rua|"
    r"Calle|Avenida|Av\.?|Paso|Plaza|Piazza|Praça|Puerto|Porto|Monte|Cite|Cité|ul\.|Ulica|USNS|USNV|USCGC|USS|HMS)\s$"
)
#: First words that make a capitalised run a place, street or title, not a person.
PLACE_HEADS = frozenset(
    "San Santa Santo São Saint Villa Vila Via Viale Rue Rua Calle Avenida Paso Plaza Piazza Praça Puerto "
    "Porto Monte Cite Cité Fort Port Mount Lake Los Las El La Le Princess Prince King Queen Lord Lady "
    "Duke Duchess Emperor Pope Saint Sultan Sheikh".split()
)
_LOWER_PLACE_HEADS = frozenset(w.lower().rstrip(".") for w in PLACE_HEADS) | {"new", "st", "mt", "ft"}
#: Surname endings of many languages (Slavic, Baltic, Nordic, Greek, Romanian, Turkish, Georgian,
#: Armenian): a capitalised word ending so is a surname candidate even when no list has it.
_SURNAME_SUFFIX = re.compile(
    r"(?<!g)(?:ov|ova|ev|eva|ová|ski|ska|ský|ská|cki|cka|wicz|czyk|enko|ić|ič|sson|sdóttir|dottir|poulos|akis|"
    r"idis|escu|oğlu|oglu|shvili|dze|yan|(?<=\w\w[^o])sen|(?<=\w\w\w)nen|(?<=\w\w[aeiuo]n)ez|(?<=\w\w[rlz])ez)$"
)
#: A middle initial between two capitalised words ("Faina D. Yefremova", "Brad L Key").
_HAS_INITIAL = re.compile(r"[ \t][A-Z]\.?[ \t]")
_MIDDLE_INITIAL = re.compile(r"[ \t][A-Z]\.?[ \t](?=[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿā-ž]{2})")  # the word before: below
#: The same without the lookahead, for RE2 (long texts: its starts are ``_MIDDLE_INITIAL``'s).
_MIDDLE_INITIAL_ANY = re2.compile(r"[ \t][A-Z]\.?[ \t][A-ZÀ-ÖØ-Þ][a-zß-öø-ÿā-ž]{2}")
_INITIALS_OR_OPEN_CUE = re2.compile(
    "(?:" + _MIDDLE_INITIAL_ANY.pattern + ")|(?:" + _OPEN_CUE.pattern + ")"
)  # :func:`_initials_and_open_cues`
#: Two or three initials before a surname ("J. R. Whitcombe", "T.S. Eliot"): bounded, no backtracking.
#: The lookbehind comes after the first capital (``(?<![\w.].)``: the character before the match is
#: no word character or dot), so ``re`` scans for a capital first instead of trying every position
#: (a third of the CPU; the same matches as ``(?<![\w.])((?:[A-Z]\.[ \t]?){2,3})...``).
_INITIALS_NAME = re.compile(
    r"((?:[A-Z](?<![\w.].)\.[ \t]?)(?:[A-Z]\.[ \t]?){1,2})([A-ZÀ-ÖØ-Þ][a-zß-öø-ÿā-ž'’-]{1,30})(?![\w'’-])"
)
#: Whether a text has two initials in a row at all ("J. R.", "T.S."): ``re`` from the literal dot, the
#: capital before it by a lookbehind (a fast scan: ~40% of an RE2 pass's CPU; the same answer).
_INITIALS_ANY = re.compile(r"\.(?<=[A-Z]\.)[ \t]?[A-Z]\.")
#: Initials that are abbreviations of places and times, not of a person's given names.
_NOT_NAME_INITIALS = frozenset("US UK UN EU DC LA NY PO AM PM BC AD USA UAE GB NZ SA HK".split())
#: Words after a word that make it an English place name ("Kingston upon Thames", "Southend-on-Sea").
_PLACE_AFTER = re.compile(r"[ -](?:upon|on-Sea|on-Thames|on-Trent|under-Lyne|le-Street)(?![\w])")
_CAP_BEFORE_INITIAL = re.compile(r"(?<![\w.'’-])[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿā-ž]+$")
#: "Lopez, Santos and Coleman", "Ellis-Ingram": surnames making a firm's name.
_FIRM = re.compile(r"\w+,[ \t]\w+[ \t](?:and|&)[ \t]\w+|\w-\w")
_FIRM_WORD = re.compile(r"[A-ZÀ-ÖØ-ÞĀ-Ž]\w+")
_LIST_AFTER_COLON = re.compile(r":[ \t]+(?:[A-ZÀ-ÖØ-ÞĀ-Ž][\w'’-]*+,?[ \t]+(?:(?:and|&)[ \t]+)?){0,6}$")
_QUOTES = frozenset('"“\\')
#: A speaker's name labelling a line of dialogue ("Heather: \"I'm Daniel's daughter\"", "Amy: Remember me").
_SPEAKER = re.compile(
    r"\n[ \t]{0,4}([A-ZÀ-ÖØ-ÞĀ-Ž][a-zß-öø-ÿā-ž]{2,20}):[ \t]*(?=[\"“'\\A-Z])"
)  # a literal first
_FIRST_SPEAKER = re.compile(r"[ \t]{0,4}([A-ZÀ-ÖØ-ÞĀ-Ž][a-zß-öø-ÿā-ž]{2,20}):[ \t]*(?=[\"“'\\A-Z])")
#: The endings as automaton keys, each with the character that ends the word (candidate starts
#: no list gives, found in the same Aho-Corasick pass), and the word they end.
_SUFFIXES = tuple(
    "ov ova ev eva ová ski ska ský ská cki cka wicz czyk enko ić ič sson sdóttir dottir poulos akis idis "
    "escu oğlu oglu shvili dze yan sen nen ez".split()
)
_GOV = tuple("g" + suffix for suffix in _SUFFIXES)  # "Opengov", "Transparagov": no surnames
#: A capitalised word (candidate starts are looked up among these); the group makes ``split``
#: return the words at the odd indices.
#: Lower-case letters of a capitalised word: Latin-1 and Extended-A, and Vietnamese's marked vowels (ơ ư and
#: the stacked tone marks of Latin Extended Additional: "Nguyễn", "Trương"), so such a word splits whole.
_LOWER_LETTERS = "a-zß-öø-ÿā-žơư\u1ea0-\u1ef9"
_CAP_SPLIT = re.compile("([A-ZÀ-ÖØ-ÞĀ-Ž][" + _LOWER_LETTERS + "]+)")
_POSSESSIVE = ("'s", "’s")
#: A capitalised word's possessive right before ("Eamonn's Dream Burger"; not "here's Matej").
_AFTER_POSSESSIVE = re.compile(r"(?<![\w'’.-])[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿā-ž]*['’]s[ \t]$")
#: A surname written with a prefix and a second capital ("McCathie", "MacLeod", "DeRose", "O'Neil").
_PREFIXED_NAME = re.compile(r"(?:Mc|Mac|Fitz|De|Di|Da|Du|La|Le|Van|Von)[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]{2,}$")
#: A house number right after the words: a continental street ("Peter Zuidhove 188", "Victor Hugo u. 49").
_HOUSE_NUMBER = re.compile(r"[ \t](?:u\.[ \t]|utca[ \t]|tér[ \t])?\d{1,5}[a-zA-Z]?(?:[,.;|]?(?:\s|$)|$)")
#: A number-first street right after the words ("Ivo Petrov 221 Elm Street", "Kelechi Nwosu 18 Acacia
#: Avenue"): the number is that street's, so the words before it are an addressee, not a continental street.
_NUMBER_FIRST_STREET = re.compile(
    r"[ \t]\d{1,5}[a-zA-Z]?[ \t](?:[A-Z][a-z]{1,20}[ \t]){1,3}(?:"
    + "|".join(sorted(STREET_TYPES, key=len, reverse=True))
    + r")(?![\w'’-])"
)
_STREET_TYPE_SET = frozenset(STREET_TYPES)
#: Surnames that are also words of places and buildings (with the street types, place heads and places):
#: after a given name they need a verb of saying ("Victoria Lane says"; "Grace Church hosted" is a church).
_PLACE_SURNAME_WORDS = frozenset(
    "Church Chapel Hall House Field Fields Wood Woods Lake Cross Branch Mills Meadows Waters Rivers Banks Marsh "
    "Hill Park Lane Bridge Castle Tower Moon Star Sun Snow Golden Power Powers Hood Grove Bush Glass".split()
)
_BUILDING_SURNAMES = frozenset("Church Chapel Hall House Castle Tower Bridge".split())
#: Words after a name that make the run a street, place or organisation ("Lahtinen Road",
#: "Smith Ltd.", "Underwood Group", "Rand Corporation").
#: Words in NOT_NAME_WORDS that may follow a name and leave it a name ("Maria The", "John Smith Reporter");
#: any other ("Road", "Ltd", "Clinic", "Bridge") makes the whole run something else.
_AFTER_NAME_OK = frozenset(
    """The A An And Or Of In On At To For From By With Without About After Before Between Is Are Was Were
    Be Been This That These Those It Its He She They We You I My Our Your His Her Their Not No Yes All
    Any Some Every Each Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March
    April May June July August September October November December Says Said Editor Reporter Staff
    Writer Photo Photos Video Videos Published Share Posted Updated Read More Comments Reply Like Tweet
    Email Print Login Sign Subscribe Click Here Home Menu Search Follow Jr""".split()
)
#: A place preposition before a given name that is also a city: the city ("met in Geneva").
_PLACE_PREP = re.compile(r"(?:\b(?:in|at|from|to|near|across|around|visit|visited|visiting|via|of)|,)[ \t]$")


@functools.lru_cache(maxsize=8)
def _letter_runs(text: str) -> frozenset[str]:
    """The maximal runs of letters (``str.isalpha``: Unicode L*) of ``text``, once per text."""
    return frozenset(_LETTER_RUN.findall(text))


_LETTER_RUN = regex.compile(r"\p{L}+")
#: ``str.find`` steps (one per scan of the text, one per occurrence looked at) a text's
#: :class:`_LowerWords` may take before it builds the text's letter runs instead.
_FIND_BUDGET = 32


def _find_word(text: str, word: str, budget: int) -> tuple[bool | None, int]:
    """(``word`` occurs in ``text`` not inside a longer word, the budget left); None when
    the budget ran out first."""
    n, k = len(text), len(word)
    i = text.find(word)
    budget -= 1
    while i >= 0 and budget >= 0:
        if (i == 0 or not text[i - 1].isalpha()) and (i + k >= n or not text[i + k].isalpha()):
            return True, budget
        i = text.find(word, i + k)
        budget -= 1
    return (None if budget < 0 else False), budget


def _lower_word_in(text: str, word: str) -> bool:
    """``word`` occurs in ``text`` in lower case, not inside a longer word. A word of letters
    only is looked up in the text's letter runs (built once per text: one scan per candidate
    made a text of many capitalised words quadratic); any other word by ``str.find``."""
    if word.isalpha():
        return word in _letter_runs(text)
    found, _ = _find_word(text, word, len(text) + 1)
    return bool(found)


class _LowerWords:
    """The words one text writes in lower case (``word in lw``), as :func:`_lower_word_in`
    answers, remembered per word. The first few words are found by ``str.find`` (a C scan,
    much cheaper than splitting the text into words); past ``_FIND_BUDGET`` scans and steps,
    the text's letter runs are built once, so a text of many candidates stays linear."""

    __slots__ = ("_text", "_known", "_budget")

    def __init__(self, text: str) -> None:
        self._text = text
        self._known: dict[str, bool] = {}
        self._budget = _FIND_BUDGET

    def __contains__(self, word: str) -> bool:
        known = self._known.get(word)
        if known is None:
            if word.isalpha() and self._budget >= 0:
                known, self._budget = _find_word(self._text, word, self._budget)
            if known is None:
                known = _lower_word_in(self._text, word)
            self._known[word] = known
        return known


#: One word of ``_CAP_SPLIT`` (its capture group, whole).
_SPLIT_WORD = re.compile("[A-ZÀ-ÖØ-ÞĀ-Ž][" + _LOWER_LETTERS + "]+")
#: One capitalised word with Vietnamese marks (``_vi_rest``).
_ONE_CAP_VI = re.compile("[A-ZÀ-ÖØ-ÞĀ-Ž][" + _LOWER_LETTERS + "]+(?![\\w'’-])")


#: Irish surname particles, each with the space after it ("Ó Súilleabháin", "Ní Bhriain", "Nic Giolla").
_IRISH_PARTICLES = ("Ó ", "Ní ", "Nic ", "Uí ")


def _unmarked(word: str) -> str:
    """``word`` without its accents and tone marks ("Thị" -> "Thi", "Đức" -> "Duc"): Vietnamese given
    parts are listed unmarked. An ASCII word is returned as it is."""
    if word.isascii():
        return word
    plain = "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))
    return plain.replace("Đ", "D").replace("đ", "d")


def _find_all(text: str, word: str):
    """The positions of ``word`` in ``text``, each search from the end of the previous one."""
    s = text.find(word)
    while s >= 0:
        yield s
        s = text.find(word, s + len(word))


def _sentence_start(text: str, i: int) -> bool:
    j = i - 1
    while j >= 0 and text[j] in " \t\"'“(":
        j -= 1
    return j < 0 or text[j] in ".!?\n:;"


#: After a listed given name and its hyphen: the second given name and the surname ("-Kate O'Brien").
_HYPHEN_GIVEN_REST = re.compile(
    r"-([A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]{1,20})[ \t]([A-ZÀ-ÖØ-Þ](?:['’][A-Z])?[a-zß-öø-ÿ]{1,30}(?:[A-Z][a-zß-öø-ÿ]{1,30})?"
    r"(?:-[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]{1,30})?)(?![\w'’-])"
)
_SURNAME_PREFIXES = frozenset(("O'", "O’", "Mc"))
_CAP_BEFORE = re.compile(r"(?<![\w.'’-])[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]{1,20}(?:[ \t][A-Z]\.?)?[ \t]$")
#: Cue words also taken in lower case (mid-sentence); the others only capitalised ("Thanks,").
_LOWERCASE_CUES = frozenset(
    ["dear", "name", "named", "signed", "contact", "patient", "doctor", "physician", "attn", "sincerely", "regards",
     "written by", "reported by", "ask for", "recipient", "applicant", "defendant", "plaintiff", "witness", "guest",
     "passenger", "resident", "student", "member", "owner"]
)  # fmt: skip
_ROLE_BEFORE = re.compile(r"(?<![\w'’.-])([A-Za-z]{4,20})[ \t]$")
_AFTER_CUE = re.compile(r"[\s:,]{1,4}(?=[A-ZÀ-ÖØ-Þ])")
_AGE_OR_WHO = re.compile(r",?\s(?:who\b|\(\d|(?:is|was)\san?\s\d|aged\s\d)|,\s\d{1,3},")
_AGE_NEEDLES = (" who ", ", who ", " aged ", "-year-old", " years old", " (")


def _age_or_who(text: str):
    """Positions where a name may end before "who" / an age: ``str.find`` per needle (C speed),
    each confirmed by ``_AGE_OR_WHO`` at a bounded window before it (its last match there).
    Four scans find all six needles: "(" (a rare first character: memchr) gives " (", " who"
    gives " who " and ", who ", "year" gives "-year-old" and " years old"; each found one is
    checked by ``startswith``. The same positions as a scan per needle (the scans: ~60% of the CPU)."""
    n = len(text)
    search = _AGE_OR_WHO.search
    for core, heads in _AGE_SCANS:
        i = text.find(core)
        while i >= 0:
            for needle, back in heads:
                j = i - back
                if j >= 0 and text.startswith(needle, j):
                    lo, hi = max(0, j - 12), min(n, j + len(needle) + 4)
                    if search(text, lo, hi) is not None:  # most windows have none
                        m = None
                        for m in _AGE_OR_WHO.finditer(text, lo, hi):
                            pass
                        yield m.start()
            i = text.find(core, i + 1)


#: (the substring scanned for, the needles that hold it with its offset in each): every needle of
#: ``_AGE_NEEDLES`` once.
_AGE_SCANS = (
    ("(", ((" (", 1),)),
    (" who", ((" who ", 0), (", who ", 1))),
    (" aged ", ((" aged ", 0),)),
    ("year", (("-year-old", 1), (" years old", 1))),
)


_TWO_CAPS_BEFORE = re.compile(r"(?<![\w])[A-Z]\w{1,30}[ \t][A-Z]\w{1,30}$")
_AND_JOINS = frozenset(("and", "&"))
#: Compass words that are given names in Faker's lists too: before a place they name a region ("North Korea").
_COMPASS = frozenset("North South East West Northern Southern Eastern Western Central".split())
#: Two capitalised words of a name after a join ("and Ottoline Wyvern"): no third capitalised word after.
_TWO_CAPS = re.compile(
    r"[A-ZÀ-ÖØ-ÞĀ-Ž][a-zß-öø-ÿā-ž]+(?:[-'’][A-Za-zß-öø-ÿā-ž]+)?[ \t][A-ZÀ-ÖØ-ÞĀ-Ž][a-zß-öø-ÿā-ž]+"
    r"(?:[-'’][A-Za-zß-öø-ÿā-ž]+)?(?![\w'’-])(?![ \t][A-ZÀ-ÖØ-Þ])"
)
_CUE_PHRASES = frozenset(
    "name named physician ask for written by reported by cc mother father wife husband son daughter brother "
    "sister friend colleague manager agent officer".split(" ")
) | {"ask for", "written by", "reported by"}
_EN_AFTER = regex.compile(r"(?:,?\s(?:who\s|is\san?\s\d|was\san?\s\d|aged\s\d)|,\s\d{1,3},|\s\(\d{1,3}\))")


#: Name-like slots for a capitalised word no list has (the name-shape model decides): a word
#: before it that takes a person ("by", "says", "told", "starring", "ms."), or a verb of speech or
#: of a life after it ("Morishita began", "Ormandy said"). Not a possessive ("Huawei's", "Britain's").
_SHAPE_BEFORE = re.compile(
    r"(?:\b(?:[Bb]y|says|said|told|asked|thanked|met|married|starring|featuring|[Hh]i|[Hh]ello|[Dd]ear|[Tt]hanks|"
    r"mr\.|mrs\.|ms\.|dr\.|"
    # a relative or friend named after "my"/"our"/"his"/"her"/"their" ("my kid Dzhambek", "her son Tavo")
    r"(?:my|our|his|her|their)[ \t](?:kid|child|son|daughter|boy|girl|baby|wife|husband|brother|sister|friend|"
    r"mother|father|mum|mom|dad|grandson|granddaughter|nephew|niece|cousin|uncle|aunt|partner|boyfriend|"
    r"girlfriend|fiancée?|neighbou?r|colleague)))[ \t]$"
)
#: Slots where a person's name is near certain (speech verbs, a greeting, a relative): the name-shape
#: model's score may be ``_STRONG_SLOT_MARGIN`` below ``SHAPE_MIN`` there ("says Lépicier.").
_STRONG_BEFORE = re.compile(
    r"(?:\b(?:says|said|told|asked|thanked|[Hh]i|[Hh]ello|[Dd]ear|kid|child|son|daughter|wife|husband|brother|"
    r"sister|friend|mother|father|mum|mom|dad|nephew|niece|cousin|uncle|aunt))[ \t]$"
)
_STRONG_AFTER = re.compile(
    r"[ \t](?:said|says|told|wrote|asked|replied|explained|added|shouted|lives|lived|was[ \t]born)(?![\w])"
)
_STRONG_SLOT_MARGIN = 0.1
#: A personal pronoun after a lone unlisted word (``_pronoun_slot``).
_PRONOUN_AFTER = re.compile(r"\b(?:he|him|his|himself|she|her|herself)\b")
_PRONOUN_BEFORE = re.compile(r"\b(?:is|was|tell|that|why|when|if)[ \t]$")
_PRONOUN_WINDOW = 80
_NOT_PRONOUN_ENDS = ("s", "ian", "ier")  # "Chargers coach ... his", "Jungian analyst", "Hardier employees"
#: Things only a person has, after a possessive: "Hleb's address", "Asya's kid".
_POSS_PERSON = re.compile(
    r"[ \t](?:address|kid|kids|son|daughter|wife|husband|mother|father|mom|mum|dad|brother|sister|friend|"
    r"boyfriend|girlfriend|parents|family|phone|email|e-mail|birthday|account|passport)(?![\w])"
)
#: A request or question right after a word addressed at a sentence's start ("Kuba, can I ...").
_VOCATIVE_AFTER = re.compile(
    r"(?:can|could|would|will|please|do|did|are|have|I|you|we|thank|thanks|listen|look|wait|come|where|what|"
    r"why|how|when|let's|don't)(?![\w'’])"
)
#: Words that make a nickname of a given name after them ("Big Mike", "Little Pete", "Old Joe", "Mama Tess");
#: not "Big Ben" (a clock), "Big Mac" (a burger), "Old Tom" (a gin).
_NICK_HEADS = frozenset("Big Little Lil Old Young Mama Papa Auntie Aunty Nana".split())
_NICK_NOT = frozenset("Ben Mac Tom Bill Bailey".split())
_NICK_HEADS_SPACED = tuple(h + " " for h in _NICK_HEADS) + tuple(h + "\t" for h in _NICK_HEADS)
_NICK_BEFORE = re.compile(r"(?<![\w'’.-])(" + "|".join(sorted(_NICK_HEADS)) + r")[ \t]$")
#: A hyphenated Korean given name right before a surname ("Ji-woo Han"): ``_korean_given_first``.
_KO_GIVEN_BEFORE = re.compile(r"(?<![\w'’.-])([A-Z][a-z]{1,5}-[a-z]{2,5})[ \t]$")
#: A verb in the past tense and its object or particle ("folded the letter", "locked up"): after a given name
#: and a surname that is a word but no place ("Abigail Stone folded the letter"), a person's deed.
_ACTION_AFTER = re.compile(
    r"[ \t][a-z]{2,14}ed[ \t](?:the|a|an|his|her|their|my|our|its|it|him|them|up|out|down|back|over|into|across|"
    r"through)(?![\w'’-])"
)
#: Wishes and thanks right before a name ("Happy birthday Daisy!", "Congrats Tom!", "Well done, Ann!").
_WISH_BEFORE = re.compile(
    r"(?:\b(?:[Hh]appy[ \t](?:[Bb]irthday|[Aa]nniversary|[Rr]etirement)|[Cc]ongrat(?:ulation)?s|[Ww]ell[ \t]done|"
    r"[Gg]ood[ \t](?:luck|job|night|morning)|[Tt]hanks|[Tt]hank[ \t]you|[Ww]elcome[ \t]back|[Mm]iss[ \t]you)),?[ \t]$"
)
_SHAPE_AFTER = re.compile(
    r"[ \t](?:said|says|told|wrote|asked|replied|explained|added|began|spent|lives|lived|died|shouted|"
    r"was[ \t]born|founded|joined|resigned|retired|won|"
    # a player's play in a sports report ("Rashford hit the post", "Nguyen finished third")
    r"scored|netted|equali[sz]ed|volleyed|curled|nodded|slotted|headed[ \t](?:home|in|wide|over)|"
    r"hit[ \t]the[ \t](?:post|bar|crossbar|woodwork)|finished[ \t](?:first|second|third|fourth|fifth)|"
    r"carded|birdied|bogeyed|was[ \t](?:fouled|booked|substituted|sent[ \t]off|cautioned))(?![\w])"
)
_BLANKS = frozenset(" \t")
#: A verb of saying, thinking or doing that takes a person as its subject, right after a run of two
#: or three capitalised words ("Kasia Tilbury reckons", "Osric Featherstone joined the board",
#: "Cressida Vale was hired"), with an optional adverb or auxiliary between (``_subject_pair``).
#: Verbs a team or a market takes as readily ("won", "beat", "rose", "fell") are not in it.
_SUBJECT_VERBS = (
    r"said|says|told|tells|wrote|writes|asked|asks|replied|explained|added|argued|argues|believes|believed|"
    r"thinks|thought|reckons|reckoned|insisted|insists|agreed|agrees|admitted|admits|denied|denies|recalled|"
    r"recalls|remembered|remembers|noticed|hopes|hoped|plans|planned|wants|wanted|decided|suggested|"
    r"suggests|claimed|claims|confirmed|declined|refused|pleaded|testified|testifies|warned|urged|vowed|"
    r"promised|apologi[sz]ed|complained|laughed|smiled|grinned|nodded|shrugged|sighed|whispered|shouted|"
    r"murmured|muttered|frowned|winked|stared|glanced|gasped|cried|wept|"
    r"joined|founded|co-founded|resigned|retired|graduated|studied|married|divorced|moved|grew|lives|lived|"
    r"died|works|worked|spent|teaches|taught|coaches|coached|manages|managed|owns|owned|runs|ran|leads|led|"
    r"chairs|chaired|drafted|donated|built|opened|visited|returned|arrived|left|signed|sold|bought|wrote|"
    r"directed|painted|composed|starred|sang|played|trained|served|volunteers|volunteered|organi[sz]ed|"
    r"hosted|pushed|walked|sat|stood|looked|turned|knew|felt|met|helped|grows|grew|cooks|cooked|raised|"
    r"designed|created|invented|filed|funded|launched|published|recorded|produced|photographed|discovered|"
    r"developed|announced|described|predicted|criticized|criticised|praised|thanked|accused|sued|"
    r"was[ \t](?:born|hired|elected|appointed|arrested|charged|sentenced|injured|killed|named|promoted|"
    r"fired|sacked|jailed|convicted|acquitted|awarded|honou?red|raised|educated|married|found[ \t]guilty)|"
    r"has[ \t](?:been|lived|worked|taught|run|written|never|always)|had[ \t](?:been|never|always|lived|worked)"
)
_SUBJECT_ADVERB = (
    r"(?:[ \t](?:also|then|later|never|always|quickly|finally|recently|still|once|often|now|had|has|have|"
    r"would|will|could|can|did|does))?"
)
_SUBJECT_AFTER = re.compile(_SUBJECT_ADVERB + r"[ \t](?:" + _SUBJECT_VERBS + r")(?![\w-])")
#: Verbs of saying and thinking only a person does: after a given name and a surname that is also a place
#: or street word ("Victoria Lane says"; "Jordan Park opened" is a park).
_SPEECH_AFTER = re.compile(
    _SUBJECT_ADVERB
    + r"[ \t](?:said|says|told|tells|wrote|writes|asked|asks|replied|explained|added|argued|argues|believes|"
    r"believed|thinks|thought|reckons|reckoned|insisted|insists|agreed|agrees|admitted|admits|denied|denies|"
    r"recalled|recalls|remembers|remembered|laughed|smiled|grinned|nodded|shrugged|sighed|whispered|shouted|"
    r"murmured|muttered|frowned|winked|complained|apologi[sz]ed|testified|pleaded|was[ \t]born)(?![\w-])"
)
#: An unlisted capitalised word that may start such a run: the next word capitalised, the verb after it
#: (read only where a word no list has stands in no other slot, ``_cap_starts``).
_SUBJECT_PAIR_AFTER = re.compile(
    # (a word may carry a capitalised particle: "Abdulrahman Al-Qahtani said")
    r"[ \t][A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ'’-]{1,30}(?:(?<=-)[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ'’]{1,30})?"
    r"(?=(?:[ \t][A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ'’-]{1,30}(?:(?<=-)[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ'’]{1,30})?)?"
    + _SUBJECT_ADVERB
    + r"[ \t](?:"
    + _SUBJECT_VERBS
    + r")(?![\w-]))"
)
#: A trait of character said of a lone word ("Why is Avtorhan so impulsive?", "Drovenka is very
#: reliable"): only a person is impulsive or reliable in this sense, so any word of no lexicon, place
#: or firm there is a name, whatever its shape score (down to ``_CHARACTER_MIN``). Not "so slow",
#: "so popular", "so smart": things are said to be those too.
_CHARACTER_AFTER = re.compile(
    r"[ \t](?:(is|was|seems|seemed)[ \t])?(?:so|very|really|quite|too|always|such[ \t]an?|a[ \t]very)[ \t]"
    r"(?:impulsive|reliable|unreliable|dependable|trustworthy|generous|honest|dishonest|lazy|stubborn|"
    r"sympathetic|shy|rude|polite|brave|cowardly|selfish|selfless|arrogant|humble|impatient|patient|"
    r"cheerful|grumpy|jealous|ambitious|loyal|charming|caring|thoughtful|considerate|inconsiderate|moody|"
    r"bossy|naughty|greedy|hardworking|hard-working|talkative|introverted|extroverted|outgoing|sociable|"
    r"courageous|compassionate|empathetic|affectionate|stingy|conceited|timid|reckless|responsible|"
    r"irresponsible|punctual|obedient|disobedient|kind-hearted|good-natured|bad-tempered|short-tempered|"
    r"hot-tempered|narrow-minded|open-minded|self-centered|self-centred)(?![\w-])"
)
_CHARACTER_HEADS = frozenset(("is", "wa", "se", "so", "ve", "re", "qu", "to", "al", "su", "a "))
#: "Why is Avtorhan so impulsive?": with no verb after the word, "is" / "was" before it.
_CHARACTER_BEFORE = re.compile(r"\b(?:[Ii]s|[Ww]as)[ \t]$")
_CHARACTER_MIN = 0.25
#: A form's name label with a colon ("First name: Chiamaka  Last name: Eze", "Surname: Okonkwo"): the
#: capitalised words after it on its line, up to the next label, a wide gap or a word that is no name
#: (``_form_label_names``). Read only where a literal "ame:" / "ame :" / "AME:" stands.
_FORM_LABEL = re.compile(
    r"(?<![\w])(?:(?:[Ff]irst|[Ll]ast|[Gg]iven|[Mm]iddle|[Ff]ull|[Ff]amily|[Mm]aiden|FIRST|LAST|GIVEN|MIDDLE|"
    r"FULL|FAMILY)[ \t_]?)?(?:[Nn]ame|NAME|[Ss]urname|SURNAME)[ \t]?:[ \t]{0,3}"
)
_FORM_GATES = ("ame:", "ame :", "AME:")
_FORM_TOKEN = re.compile(r"[A-ZÀ-ÖØ-ÞĀ-Ž](?:[a-zß-öø-ÿā-ž'’-]{1,30}|\.)(?![\w'’-])")
_FORM_LABEL_WORDS = frozenset("First Last Given Middle Full Family Maiden Surname Name".split())
_FORM_MAX_WORDS = 4
#: Capitalised words before a name that open no longer capitalised run ("Hi Manlio", "Thanks Ulrich").
_GREET_WORDS = frozenset(
    "Hi Hello Hey Dear Thanks Thank Congratulations Congrats Sorry Bye Goodbye Welcome".split()
)
_SLOT_BEFORE_LAST = frozenset("ysdtgior.nelwh")  # the last characters of _SHAPE_BEFORE's words
#: The first three letters of _SHAPE_AFTER's words: the regex runs only after a word starting so.
_SLOT_AFTER_HEAD = frozenset(
    "sai say tol wro ask rep exp add beg spe liv die sho was fou joi res ret won "
    "sco net equ vol cur nod slo hea hit fin car bir bog".split()
)
#: A determiner before the word: a thing or a group, not a person ("the Kremlin said", "some Sunnis who").
_SHAPE_DETERMINER = re.compile(r"\b(?:the|a|an|this|that|these|those|some|many|our|their|its)[ \t]$", re.I)
#: Names in capitals (forms, headlines, bylines: "NAME: ROBERT HALLORAN", "JOHN SMITH VS PETER GRANT",
#: "ELENA: In the drawer"). One RE2 pass tells whether a text has two capitalised words in a row or a
#: line-initial label in capitals; only then are its all-caps words read (``_caps_names``).
_CAPS_W = r"[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ'’-]+"
_CAPS_MORE = r"(?:[ \t]{1,3}(?:[A-Z]\.?[ \t]{1,3})?" + _CAPS_W + ")"  # one more word (after an initial)
_CAPS_ANY = (  # two or more words in capitals; a line's label in capitals; a run after a colon
    _CAPS_W + _CAPS_MORE + "+"
    r"|(?:^|\n)[ \t]*[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ]+:[ \t](?:[ \t]{0,2}" + _CAPS_W + _CAPS_MORE + "*)?"
    r"|:[ \t]{0,3}" + _CAPS_W + _CAPS_MORE + "*"
)
_CAPS_WORD = re.compile(r"(?<![\w'’@/.-])[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ'’-]{1,30}(?![\w'’@-])")
_CAPS_GAP = re.compile(
    r"[ \t]{1,3}(?:[A-Z]\.?[ \t]{1,3})?"
)  # blanks, or one middle initial ("JOHN A. SMITH")
#: A form's label right before a name ("Name:", "SURNAME:", "Bill to:", "Patient name (Last, First):", "By").
_CAPS_LABEL = re.compile(
    r"(?i)(?:\b(?:name|names|surname|forenames?|bill to|ship to|sold to|deliver to|attn|attention|driver|"
    r"applicant|patient|passenger|tenant|landlord|employee|insured|beneficiary|signed|signature|witness|"
    r"guardian|contact|customer|client|recipient|author|holder|by|from|to|cc|vs\.?|v\.?))"
    r"(?:[ \t]\([^()\n]{1,24}\))?[ \t]*[:.-]?[ \t]*$"
)
_CAPS_LABEL_WINDOW = 48
_CAPS_MAX_WORDS = 3
#: "Last, First" and citations ("Dubois, Étienne", "Okonjo, A.", "Smith, J. R."): a capitalised word,
#: a comma and a capitalised word or one to three initials (RE2: one linear pass; Latin ranges only,
#: which keeps its automaton small).
_SURNAME_COMMA = r"[A-ZÀ-ÖØ-ÞĀ-Ž][A-Za-zß-öø-ÿĀ-ž'’-]{1,30},[ \t]"
_CITATION = r"(?:^|[^\w'’.-])(" + _SURNAME_COMMA + r"[A-ZÀ-ÖØ-ÞĀ-Ž]\.(?:[ \t-]?[A-Z]\.){0,2})"
#: "Last, First" where a name list or form puts it (a line's start, after ":", ";", "(", a quote, "and",
#: "&"), and the given name ends the name: "Facebook, Twitter" in running text is not read at all.
_LAST_GIVEN = r"(?:^|[\n:;(\[\"“'<&]|\band)[ \t]*(" + _SURNAME_COMMA + r"[A-ZÀ-ÖØ-ÞĀ-Ž][a-zß-öø-ÿā-ž]{1,30})"
#: What may follow a "Last, First" name (read after the match, so that "; " can start the next one).
_LAST_GIVEN_END = re.compile(r"$|[,;:()<>\"”.\n\r]|[ \t](?:and[ \t]|&|[A-Z(<\[])")
_CREDENTIALS_UPPER = frozenset("MD DDS PHD DVM RN MBA BA BS BSC MA MS MSC JD LLB LLM DO DC".split())
_LIST_ON = re.compile(r",[ \t]+[A-ZÀ-ÖØ-ÞĀ-Ž]")
_AND_AFTER = re.compile(r"[ \t](?:and|&)[ \t]")
_AND_BEFORE = re.compile(r"(?:and|&)[ \t]$")
_INITIAL_AFTER = re.compile(r"[ \t][A-Z]\.?(?![\w'’-])")
#: A name addressed at the end of a sentence ("Pass the salt, Kemi.", "Don't go to town, Heather!"); a
#: surname cited with a year ("Brown (2004) argues", "Hartmann et al. (2017)"); a relative's given name
#: even when it is a word ("my neighbour Ken", "her son Frank"). One RE2 pass each, then set look-ups.
_VOCATIVE_END = r",[ \t]([A-ZÀ-ÖØ-ÞĀ-Ž][a-zß-öø-ÿā-ž]{2,20})[.!?](?:[\"”'’)]|\s|$)"
_VOCATIVE_TAIL = re.compile(r"[.!?](?:[\"”'’)]|\s|$)")
#: US state and month abbreviations that stand after a comma ("Seattle, Wash.", "Dec. 3").
_ABBREVIATIONS = frozenset(
    "Ala Ariz Ark Calif Colo Conn Del Fla Ill Ind Kan Mass Mich Minn Miss Mont Neb Nev Okla Ore Penn Tenn Tex Wash "
    "Wis Wyo Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Mon Tue Tues Wed Thu Thur Thurs Fri Sat Sun".split()
)
_CITED_YEAR = (
    # also the part after a hyphen, an apostrophe or Mc ("Fernández-López", "O'Neill", "McCarthy": the word
    # before it is joined in ``_pattern_names``)
    r"(?:^|[^\w.]|c)([A-ZÀ-ÖØ-ÞĀ-Ž][a-zß-öø-ÿā-ž'’-]{1,30})(?:(?:[ \t]et[ \t]al\.?)?[ \t]\((?:1[89]|20)\d\d[a-z]?[),;:]"
    r"|[ \t]et[ \t]al\.(?:[ \t]?[\[(,;]|$)|,[ \t](?:1[89]|20)\d\d[a-z]?[);])"
)
#: The first part of a cited surname before its hyphen, apostrophe or capital ("Fernández-", "O'", "Mc"), read back.
_CITED_FIRST = re.compile(r"(?<![\w'’.-])(?:[A-ZÀ-ÖØ-ÞĀ-Ž][a-zß-öø-ÿā-ž]{0,30}[-'’]|Ma?c)$")
_RELATIVE_NAME = (
    r"\b(?:[Mm]y|[Oo]ur|[Hh]is|[Hh]er|[Tt]heir)[ \t](?:kid|child|son|daughter|boy|girl|baby|wife|husband|brother|"
    r"sister|friend|mother|father|mum|mom|dad|grandson|granddaughter|nephew|niece|cousin|uncle|aunt|partner|"
    r"boyfriend|girlfriend|fiancée?|neighbou?r|colleague|flatmate|roommate|boss|grandmother|grandfather|grandma|"
    r"grandpa|stepmother|stepfather|stepson|stepdaughter|godmother|godfather|twin),?[ \t]([A-ZÀ-ÖØ-ÞĀ-Ž][a-zß-öø-ÿā-ž]{1,20})"
    r"(?:[^\w'’-]|$)"
)
#: All five in one RE2 pass (one scan of the text instead of five; a match's groups say which it is):
#: 1 a run in capitals, 2 a citation ("Okonjo, A."), 3 "Last, First", 4 a vocative, 5 a cited surname,
#: 6 a relative's name (``lastindex``: one call per match; the RE2 wrapper's calls are the cost).
_ONE_PASS = re2.compile(
    "("
    + _CAPS_ANY
    + ")|"
    + _CITATION
    + "|"
    + _LAST_GIVEN
    + "|"
    + _VOCATIVE_END
    + "|"
    + _CITED_YEAR
    + "|"
    + _RELATIVE_NAME
)
#: Words of a run that may spell a firm named after people ("Johnson & Johnson", "Wendy's"), and the
#: characters after a finding that are read for the rest of the firm's name.
_FIRM_RUN = re.compile(r"[\w'’-]+|&")
_FIRM_WINDOW = 48
#: Words after a name that make it an institution, prize, building or place named after a person
#: ("Kennedy Center", "Nobel Prize", "Halley's Comet" is an eponym below); capitalised only.
_NAMED_AFTER_HEADS = frozenset(
    "university college hospital institute foundation prize prizes award awards center centre hall "
    "library museum stadium arena airport station school trust fund lecture lectures medal scholarship "
    "building bridge street avenue road memorial theatre theater clinic gallery observatory "
    "laboratory academy cathedral chapel tower square park united rovers wanderers athletic albion "
    "academical hotspur "
    # works and feats named after people, holidays and trophies ("Lincoln Tunnel", "John Muir
    # Trail", "Martin Luther King Jr. Day", "Stanley Cup")
    "dam tunnel canal highway expressway parkway freeway trail falls monument cup trophy day".split()
)
#: A finding's last word that makes it a team or an institution ("Bolton Wanderers"); no surnames
#: (Hall, Park and Tower are left out).
_NAMED_LAST = frozenset(
    "United Rovers Wanderers Athletic Albion Academical Hotspur University College Hospital Institute "
    "Foundation Prize Award Center Centre Museum Stadium Airport Station School Library Tunnel Canal "
    "Highway Expressway Parkway Freeway Trail Falls Monument Cup Trophy Marbles".split()
)
#: Words after one capitalised word that make it an eponym ("Alzheimer's disease", "Doppler effect",
#: "Newton's laws", "Richter scale").
_EPONYM_HEADS = frozenset(
    "disease syndrome law laws effect comet theorem sequence equation equations principle scale "
    "constant paradox razor conjecture lemma hypothesis distribution algorithm transform".split()
)
#: Lower-case terms of science, engineering and medicine right after one capitalised word, no possessive
#: ("Markov chain", "Hilbert space", "Bunsen burner", "Phillips screwdriver", "Heimlich maneuver",
#: "Kalman filter", "Turing machine" is left out: "the Obama machine"); plurals only where no verb
#: ("Johnny spaces it", "Ann tests them").
_TERM_HEADS = frozenset(
    "chain space burner burners screwdriver screwdrivers filter maneuver manoeuvre polynomial polynomials "
    "diagram diagrams inequality integral integrals matrix matrices equilibrium coefficient coefficients "
    "triangle vaccine".split()
)
#: Lower-case words after one capitalised word that make it a dish or drink ("Caesar salad", "Reuben
#: sandwich", "Kim chi"); gated by their first three letters (two would let every "X said" through).
_DISH_HEADS = frozenset("salad sandwich cocktail sauce pudding chi".split())
#: Ordinals between a possessive and an eponym's word ("Newton's third law", "Kepler's second law").
_ORDINALS = frozenset("first second third fourth fifth zeroth".split())
_DISH_GATE = frozenset(w[:3] for w in _DISH_HEADS)
#: A word before a name that makes it a place or a feature ("St. Louis", "Port Elizabeth", "Lake
#: Victoria", "Gare du Nord"); capitalised only.
_PLACE_HEADS = frozenset(
    "st saint san santa são port fort lake mount mt cape gare loch storm hurricane typhoon cyclone".split()
)  # named storms too: "Storm Doris", "Typhoon Haiyan"
_PLACE_LINKS = frozenset("du de des la del da do di".split())
#: Nouns right before a name that make it the title of a work ("the novel Rebecca", 'the song "Jolene"');
#: those that are also verbs count only after a determiner ("the play Educating Rita").
_WORK_NOUNS = frozenset(
    "novel novella film movie song album opera series musical biopic sitcom documentary ballet poem "
    "painting episode remake sequel".split()
)
_WORK_NOUNS_AFTER_DET = frozenset("play show book single track game".split())
_WORK_DETS = frozenset("the a an this that his her their its our my your new latest hit classic".split())
_QUOTES_BEFORE = " \t\"'“‘*_"
#: The word after a finding: 1 an institution's word (capitalised), 2 an eponym's word (either case).
_AFTER_KIND = {w.capitalize(): 1 for w in _NAMED_AFTER_HEADS} | {
    v: 2 for w in _EPONYM_HEADS for v in (w, w.capitalize())
}
#: The word before a finding (as written, quotes and asterisks stripped): 1 a place word
#: (capitalised, with or without its dot), 2 a work noun, 3 a work noun that is also a verb.
_BEFORE_KIND = (
    {v: 1 for w in _PLACE_HEADS for v in (w.capitalize(), w.capitalize() + ".")}
    | {v: 2 for w in _WORK_NOUNS for v in (w, w.capitalize())}
    | {v: 3 for w in _WORK_NOUNS_AFTER_DET for v in (w, w.capitalize())}
)
#: Lower-case words right after a name (no possessive) that make it a brand's product or a technique
#: named after someone ("Sam Adams lager", "Kenneth Cole shoes", "Huffman coding", "Poisson regression"):
#: 5, for a name of any length.
_PRODUCT_HEADS = frozenset(
    "lager ale beer gin vodka whisky whiskey rum bourbon tequila shirt shirts shoes boots sneakers trainers "
    "jeans handbag handbags perfume fragrance cologne sunglasses coding regression seeds "
    # instruments and amplifiers named after their makers ("Taylor guitars", "Marshall amps", "Steinway piano")
    "guitar guitars amp amps amplifier amplifiers piano pianos".split()
)
_AFTER_KIND.update(dict.fromkeys(_PRODUCT_HEADS, 5))
_AFTER_KIND.update(dict.fromkeys(_TERM_HEADS, 6))
#: After a finding: an apostrophe or tab, or after a space the first two letters of a head word.
_NEXT_GATE = frozenset("'’\t") | frozenset(w[:2] for w in _AFTER_KIND)
_AFTER_KIND.update(dict.fromkeys(_DISH_HEADS, 2))
#: The words before a finding that start ``_before_kind`` (as written, with a place link: "Gare du").
_BEFORE_GATE = frozenset(_BEFORE_KIND) | _PLACE_LINKS
#: The word after a finding, with an optional possessive ("Halley's Comet"); bounded.
_NAMED_NEXT = re.compile(r"(['’]s?)?[ \t]{1,3}([A-Za-z]{1,20})")
#: A title "X and the Y of Z" / "X and the Y's Z" after a name ("Harry Potter and the Goblet of Fire").
#: Not after a body's word: "Yanukovych and the Party of Regions" is a person and a party.
_AND_THE_TITLE = re.compile(
    r"[ \t]and[ \t]the[ \t](?!(?:Party|Ministry|Department|Board|Bank|Council|Union|Government|House|Church|"
    r"Republic|Institute|University|Association|Society|League|Federation|Commission|Committee|Army|Navy|"
    r"Court|State|States|City|Kingdom|Chamber|Office|Bureau|Company|Friends|Members|Rest|People|Head|Chief|"
    r"Director|President|Secretary|Governor|Mayor|Minister|Prince|Princess|King|Queen|Duke|Earl)\b)"
    r"(?:[A-Z][\w-]{0,20}[ \t]){0,2}[A-Z][\w-]{0,20}(?:[ \t]of|['’]s)[ \t][A-Z][\w'’-]{0,20}"
)
#: A lone name defined as a thing ("Marvin is the bot that posts builds", "Sherlock is our internal
#: search tool", "Otto is the German retailer"): up to two words between the determiner and the noun.
_IS_HEADS = (" is ", " was ")
_THING_DEFINED = re.compile(
    r"[ \t](?:is|was)[ \t](?:the|a|an|our|my|your|their|its)[ \t](?:[A-Za-z][\w-]{0,20}[ \t]){0,2}"
    r"(?:bot|chatbot|tool|app|application|service|server|framework|library|package|platform|company|retailer|"
    r"brand|firm|chain|engine|database|language|plugin|extension|website|program|software|compiler|editor|"
    r"browser|utility|script|product|device|robot|assistant|protocol|manufacturer|carmaker|airline|"
    r"supermarket|grocer|bank|newspaper|magazine|band|album|song|film|movie|novel|book|ship|vessel|"
    r"hurricane|storm|horse|dog|cat)s?"
    r"(?:[.,;:!?)]|$|[ \t](?:that|which|from|in|for|with|based|owned|made|used|by|on|run|written)(?![\w'’-]))"
)
#: A capitalised word right after (before) a word, past blanks or a line break (``_joined_thing``).
_APOSTROPHES = frozenset("'’")
_CAP_NEXT = re.compile(r"\.?\s{1,3}[A-Z]")
_CAP_PREV = re.compile(r"[A-Z][\w.'’-]*\s{1,3}$")
#: Months that are surnames too ("Theresa May", "Hans August"): a surname after a title and a given name.
_MONTH_SURNAMES = frozenset(("May", "June", "April", "August"))
_GREETINGS = frozenset(("hi", "hey", "hello", "hiya", "heya"))
_DATE_AFTER = re.compile(r"[ \t,]{0,2}\d")
#: An article before a run of names (``_the_thing``) and the endings of a body's or a plural's last word.
_THE = frozenset(("the ", "The "))
_BODY_ENDS = ("hood", "ers", "ists", "ians", "ship", "tion")
_FIRM_NEXT = re.compile(r"[ \t]{1,3}(?:(?:&|and)[ \t]{1,3})?([\w'’-]{1,30})")
_FIRM_PREV = re.compile(r"([\w'’-]{1,30})[ \t]{1,3}(?:(?:&|and)[ \t]{1,3})?$")
_FIRM_MAX_WORDS = 4
#: Chat and e-mail frames that say "person". One RE2 pass (``_chat_names``): 1 a lone given name after a
#: greeting, thanks or a verb of addressing ("hi Sarah", "thanks, mike", "ask Raj", "cc Priya", "my friend
#: Jenny"); 2 a handle ("@jenny"); 3 a name alone on the line after a closing ("Best,\nTom") or a dash
#: ("- Tom", "-- Jess"). Read per candidate in ``_cap_starts`` instead (no pass): a speaker label at a
#: line's start ("Tom: where are you", "<Anil> the server") and a name before "and I" / "pls" / "can you"
#: ("Zainab and I", "Ravi pls send"); lower-case speaker labels in ``_lower_name`` ("mike: ok").
_CHAT_CUE = (
    r"(?:^|[^\w@'’-])"
    # an interjection before the cue ("lol ask kemi", "omg thanks raj"): without it the interjection
    # was the cue and the verb the name, and the name after the verb went unread
    r"(?:(?i:lol|lmao|omg|ok|okay|btw|ugh|yo|hey|hi|so|pls|plz|and|also|oh|ah)[ \t]{1,3})?"
    r"(?i:hi|hey|heya|hiya|hello|yo|thx|thanks|thank you|ty|tysm|cheers|good morning|"
    r"good night|gm|gn|congrats|congratulations|sorry|ask|tell|ping|remind|dm|cc|bcc|love you|"
    r"miss you|see ya|see you|bye|nice one|well done|great job|xoxo|xx|lol|omg|ugh|btw|ok|okay|happy birthday|"
    r"me and|loop in|looping in|"
    r"my (?:friend|buddy|mate|pal|bestie|bff|roommate|flatmate|bf|gf|boyfriend|girlfriend)),?[ \t]{1,3}"
    r"@?([A-Za-z][a-z]{2,14})(?:[^\w@'’.-]|\.(?:[^\w]|$)|$)"
)
_CHAT_HANDLE = r"(?:^|[^\w.@])@([A-Za-z][a-z]{2,14}(?:_[a-z]{2,20})?)(?:[^\w@.-]|\.(?:[^\w]|$)|$)"
_CHAT_SIGN = (
    r"(?:(?m:^)[ \t]*(?:-{1,2}|—|–|~)[ \t]?|(?m:^)[ \t]*(?i:best|thanks|thank you|regards|kind regards|"
    r"best regards|warm regards|cheers|love|warmly|sincerely|yours|all the best|talk soon|many thanks|ta|xo|"
    r"xoxo)[,.!]?[ \t]*\r?\n[ \t]*)([A-Z][a-z]{1,14})[ \t]*(?:\r?\n|$)"
)
#: 4 a support chat's join/leave/transfer lines: the name after "chatting with", "transferring you to", "you're
#: talking to" or before "has joined the chat", "left the conversation", "is typing" ("You are now chatting with
#: Sipho", "wojtek left the chat"); any name shape, in lower case too (no lexicon word).
_CHAT_JOIN = (
    r"(?:(?i:chatting with|transferring you to|you(?:'re|’re| are) (?:now )?(?:talking|speaking) (?:to|with))"
    r"[ \t]{1,3}([A-Za-z][a-z]{2,14})(?:[^\w@'’.-]|\.(?:[^\w]|$)|$)|"
    r"(?:^|[^\w@'’.-])([A-Za-z][a-z]{2,14})[ \t]{1,3}(?:(?:has[ \t]{1,3})?(?:joined|left|entered|exited)[ \t]{1,3}the[ \t]{1,3}"
    r"(?:chat|conversation|room|channel|call)|is[ \t]typing)(?:[^\w]|$))"
)
#: 6 a lower-case speaker label at a line's start, after an optional time ("[14:02] ewa: still waiting",
#: "nguyen.an: hi", "maria_g: the app"): a listed chat name (from three letters), or a handle whose first
#: part is a listed chat name or surname; the longer plain labels are read in ``_lower_name``.
_CHAT_LABEL = r"(?m:^)[ \t]*(?:\[[0-9:. ]{4,12}(?:[AaPp][Mm])?\][ \t]*)?([a-z]{3}|[a-z]{3,14}[._][a-z]{1,14}):[ \t]+[^\s]"
_CHAT_PASS = re2.compile(
    "(?:" + "|".join((_CHAT_CUE, _CHAT_HANDLE, _CHAT_SIGN, _CHAT_JOIN, _CHAT_LABEL)) + ")"
)
#: The name-shape score from which an unlisted word alone on the line after a closing is a name (a
#: person frame's bar: the closing says "a person signs here").
_SIGN_MIN = 0.12
#: After a capitalised given name: words that make it a person in chat ("Zainab and I", "Ravi pls").
_CHAT_AFTER = tuple(
    " " + w + end
    for w in ("and I", "pls", "plz", "please", "can you", "could you", "did you", "are you", "u up", "r u")
    for end in (" ", ",", ".", "!", "?", "\n")
)
_SPEAKER_LINE = re.compile(r"(?:^|\n)[ \t]*<?$")
#: A few characters every ``_CHAT_PASS`` match holds, one of which a text must contain to be scanned.
_CHAT_GATES = ("@", "\n", " ")
#: Capitalised words after a chat cue that are names only with a second word ("ok Will do", "thanks Grace").
_CHAT_WORDS = frozenset("the all guys everyone team you me him her them it this that there man mate".split())
#: Place frames for a lone name that is also a town (``data/en_place_given.txt``): a preposition or a
#: match verb before it ("near Aspen", "beat Austin"), and, with a travel, weather or sports word close by,
#: "to"/"from"/"for" ("the road to Chester", "a storm warning for Lafayette"); after it, a state or
#: county ("Austin, Texas", "Jackson County"), "is the capital / a small city", a temperature
#: ("Charlotte 24C") or a match verb ("Charlotte beat Atlanta").
_PLACE_FRAME_BEFORE = re.compile(
    r"(?:\b(?:in|at|near|via|into|around|outside|across|toward|towards|beat|defeated|against|vs\.?|versus|"
    r"visit|visiting|visited|downtown|[Ff]ly|flew|flights?)|[Ff]rom)[ \t]$"
)
_US_STATE_NAMES = frozenset(US_STATES.values())
#: After a surname-first East Asian run, a word that makes it a place or a firm ("Ho Chi Minh City").
_EA_PLACE_AFTER = re.compile(
    r"[ \t](?:City|Province|District|Ward|Street|St\b|Road|Rd\b|Avenue|Boulevard|Square|Bridge|Airport|"
    r"Station|Park|Corporation|Corp|Group|Co\b|Ltd|Inc|Motors?|Holdings|Bank|University|School|Hospital)"
)
_PLACE_FRAME_SOFT = re.compile(r"\b(?:to|from|for|of)[ \t]$")
_PLACE_FRAME_WORDS = re.compile(
    r"\b(?:weather|rain|snow|storms?|sunny|fog|forecast|temperatures?|highs?|lows?|flights?|flew|fly|airport|"
    r"hotel|train|bus|ferry|coach|drove|drive|roads?|traffic|trip|travel\w*|visit\w*|tourists?|capital|city|"
    r"town|county|state|downtown|suburbs?|beat|defeated|match|season|league|stadium|fans|residents|miles|km|"
    r"warning|closed|moved|route|motorway|highway)\b",
    re.I,
)
_PLACE_FRAME_AFTER = re.compile(
    r"(?:,[ \t](?P<region>[A-Z][a-z]+(?:[ \t][A-Z][a-z]+)?)(?:[,.;:!?)]|[ \t][a-z]|$)|[ \t](?:County|City|Township|Borough|Parish|"
    r"Cathedral|Zoo|Airport|Castle|Station)\b|[ \t](?:is|was|remains|has become)[ \t](?:the|a|an)[ \t]"
    r"(?:[a-z]+[ \t]){0,3}(?:capital|city|town|village|port|suburb|county|resort|state|island|borough|"
    r"municipality|hub)\b|[ \t]\d{1,3}(?:°|C\b|F\b)|[ \t](?:beat|defeated|drew|lost to|hosted|edged|won)\b|"
    r"[ \t](?:and|or)[ \t](?P<mate>[A-Z][a-z]+))"
)
#: Person frames strong enough for any given name, surname or unlisted name shape, even one the model
#: scores low (``_FRAME_MIN``): a verb of giving or telling before the word and "his"/"her" after it
#: ("had given Tyler his address", "told Ogasahara her plan"), or a former member's word before it
#: ("by ex-Zombie Ogasahara", "ex-Beatle Ringo"), "was a huge ... fan" after it ("Alterio was a huge Susan
#: Lyons fan"), "the X novel" ("Unlike the Ronner novel").
_DATIVE_BEFORE = re.compile(
    r"(?<![\w'’-])(?:give|gives|gave|given|giving|hand|hands|handed|send|sends|sent|show|shows|showed|shown|"
    r"tell|tells|told|offer|offers|offered|lend|lent|pay|paid|owe|owes|owed|promise|promised|bring|brought|"
    r"email|emailed|text|texted|wish|wished|ask|asked)[ \t]$"
)
_DATIVE_AFTER = (" his ", " her ")
_EX_BEFORE = re.compile(r"(?<![\w'’-])ex-[A-Z][a-z]{2,20}[ \t]$")
_FAN_AFTER = re.compile(
    r"[ \t](?:is|was|'s|’s)[ \t]an?[ \t](?:huge|big|great|massive|lifelong|longtime|devoted|die-hard)[ \t]"
    r"(?:[\w'’.-]{1,20}[ \t]){0,3}fans?(?![\w-])"
)
_NOVEL_AFTER = re.compile(r"[ \t]novels?(?![\w-])")
_FRAME_HEADS = frozenset(("his", "her", "is ", "was", "'s ", "’s ", "nov"))  # words after a name opening one
_FAN_OPEN = (" is a ", " was a ", " is an ", " was an ", "'s a ", "’s a ", "'s an ", "’s an ")
_FRAME_MIN = 0.12
_FAN_HEADS = frozenset(("is ", "was", "'s ", "’s "))
#: Outlets told things as people are ("told Reuters his company"): never a person in a dative frame.
_FRAME_NOT = frozenset(
    "Reuters Axios Bloomberg Forbes Politico Newsweek Gizmodo Engadget Mashable Vox".split()
)
SHAPE_MIN = 0.5  # the model's probability above which an unlisted word in a name slot is a name
_SHAPE_MIN_LEN = 4
_SHAPE_MAX_LEN = 40  # a longer "word" is a token, an identifier or a run of letters, never a name
_UNLISTED_KNOWN_MAX = 50_000  # words _unlisted and the shape scores remember (then they start afresh; ~8 MB)


@functools.lru_cache(maxsize=1)
def _world_extra() -> dict[str, frozenset[str]]:
    """Given names and surnames of ``data/en_world_extra.txt`` (keys ``given``, ``surname``)."""
    out: dict[str, set[str]] = {"given": set(), "surname": set()}
    path = Path(__file__).with_name("data") / "en_world_extra.txt"
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            key, _, words = line.partition(":")
            out[key.strip()].update(words.split())
    return {k: frozenset(v) for k, v in out.items()}


def _plural_in(plain: str, lexicon) -> bool:
    """``plain`` (lower case) is the plural of a word of ``lexicon`` ("wars", "cupcakes", "bakeries")."""
    return plain.endswith("s") and (
        plain[:-1] in lexicon
        or (plain.endswith("es") and plain[:-2] in lexicon)
        or (plain.endswith("ies") and plain[:-3] + "y" in lexicon)
    )


class EnglishPersonRecognizer:
    """English person names (module docstring)."""

    ENTITY = "PERSON"

    def __init__(self) -> None:
        hand_given, hand_surnames = english_given_names(), english_surnames()
        places = place_words()
        # en_name_words.txt counts a name as a word when package text writes it in lower case
        # ("alice", "timothy" in code examples); a common given name of the hand list stays a name
        # unless AMBIGUOUS_GIVEN (hand-made: "Will", "Grace", "June") says it is a word
        words = name_words() - (hand_given - AMBIGUOUS_GIVEN)
        extra = _world_extra()  # African and South Asian names Faker's lists lack ("Babajide", "Jagtap")
        self.given = hand_given | world_given_names() | extra["given"]
        # a given name that names some small town of Faker's lists ("Melissa", "Moira") stays a name;
        # only well-known places among the given names stay places ("Phoenix Suns", "met in Geneva")
        places = places - (self.given - GIVEN_NAMES_THAT_ARE_PLACES)
        self._hand_given = hand_given
        self.places = places
        self._surnames_all = hand_surnames | world_surnames() | extra["surname"]  # with words ("Hale", "Key")
        self.surnames = self._surnames_all - SURNAMES_THAT_ARE_WORDS - words - places
        # a name alone (no second name, title or cue): no ordinary word or nationality ("Danish": in
        # en_name_words.txt), place, month or heading word; a given name that is also a city stays ("Dolores")
        not_alone = AMBIGUOUS_GIVEN | SURNAMES_THAT_ARE_WORDS | NOT_NAME_WORDS | (places - self.given)
        self.alone = (hand_given - not_alone - words) | ((self.given | self.surnames) - words - not_alone)
        self.alone_lower = frozenset(w.lower() for w in self.alone if len(w) >= _LOWER_MIN)
        self.given_lower = frozenset(w.lower() for w in self.given) & self.alone_lower
        self._not_surname = words | places | NOT_NAME_WORDS | SURNAMES_THAT_ARE_WORDS
        # a given name and a surname that is also a word ("Rebecca Stone", "Will Cook"): ``_given_word_surname``
        self._pair_given = self.given - (places - hand_given)  # not "Phoenix", "Aurora"
        self._word_surnames = SURNAMES_THAT_ARE_WORDS | (hand_surnames & (words | NOT_NAME_WORDS))
        self._place_surnames = (
            frozenset(
                w for w in self._word_surnames if w in _STREET_TYPE_SET or w in PLACE_HEADS or w in places
            )
            | _PLACE_SURNAME_WORDS
        )
        self._not_surname_word = words | NOT_NAME_WORDS  # ordinary or heading words (places aside)
        # Candidate starts: a capitalised word that is a given name, surname, title or cue (one
        # ``re`` pass over capitalised words and a dictionary look-up: 4x faster than an
        # Aho-Corasick walk with 40,000 names), a lower-case cue (a small automaton), or two
        # capitalised words before "who" / an age. Only these are looked at further.
        kinds: dict[str, int] = {}
        for w in self.given:
            if len(w) > 2:  # "Al", "Ed", "Li": too often a fragment
                kinds[w] = _GIVEN
        for w in self.surnames:
            if len(w) > 2 and w not in self.given:
                kinds[w] = _SURNAME
        for key, names in east_asian_names().items():  # "Nguyen Van An", "Tanaka Hiroshi": surname first
            if key.endswith("_surname"):
                for w in names:
                    if w not in kinds:
                        kinds[w] = _SURNAME if len(w) > 2 else _EA2
        for w in PINYIN_SURNAMES:  # "Wang Fang": the name starts at the surname
            if w not in self.given and w not in self.surnames:
                kinds[w] = _PINYIN
        auto = ahocorasick.Automaton()  # cues in lower case, upper case, and phrases
        lower_auto = ahocorasick.Automaton()  # names in all-lower-case texts ("eva kleist lives at")
        for w in self.alone_lower:
            lower_auto.add_word(w, (_LOWER, len(w)))
        lower_auto.make_automaton()
        self._lower_auto = lower_auto
        for w in _LCUE_KEYS:  # "follow up with tracy", "call me višeslav" ("name is mieszko": a cue)
            auto.add_word(w, (_LCUE, len(w)))
        for w in HONORIFICS:
            kinds[w] = _TITLE
        for w in _TITLE_ABBREVIATIONS:  # a surname stays one ("Sen"): its start is the same
            kinds.setdefault(w, _TITLE)
        # abbreviated titles that are no name: without their dot no start of one ("Lt Col Alexander Vindman")
        self._title_only = frozenset(w for w in _TITLE_ABBREVIATIONS if kinds[w] == _TITLE)
        for w in _CUE_WORDS | _CUE_PHRASES:
            forms = (w, w.capitalize(), w.upper()) if w in _LOWERCASE_CUES else (w.capitalize(), w.upper())
            for form in forms:
                if " " not in form and form[0].isupper() and form[1:].islower():
                    kinds[form] = _CUE
                else:
                    auto.add_word(form, (_CUE, len(form)))
        auto.make_automaton()
        self._auto = auto
        self._cue_scan = _CueScan(dict(auto.items()))
        # the pass of _starts: the cue keys less the lower-case cues, which _lcue_hits finds
        self._cue_scan_main = _CueScan({k: v for k, v in auto.items() if k not in _LCUE_KEYS})
        self._kinds = kinds
        self._kinds_cue = frozenset(w for w, k in kinds.items() if k in (_CUE, _TITLE))
        self._shape = name_shape_model()
        # capitalised words the name-shape rule never takes: one set look-up in the candidate loop
        self._shape_skip = (
            frozenset(w.capitalize() for w in self._shape.lexicon)
            | self._not_surname
            | self.places
            | PLACE_HEADS
            | self._kinds_cue
        )
        self._kinds_set = frozenset(kinds)
        #: id(text) -> (text, its whole-text passes), read by :meth:`prepare`, each taken by its analysis
        self._prepared: dict[int, tuple] = {}
        self._lexicon_caps = frozenset(w.capitalize() for w in self._shape.lexicon)
        self._firms = eponymous_firms()
        self._works = named_works()
        self._work_firsts = frozenset(k.split(" ", 1)[0] for k in self._works[0] if " " in k)
        seconds = [k.split(" ")[1][:2] for k in self._works[0] if " " in k]  # "Oliver Twist" later on
        self._next_gate = _NEXT_GATE | frozenset(seconds) | frozenset(w.capitalize() for w in seconds)
        self._work_spans: dict[str, tuple[str, int, int]] = {}  # _span_kind, remembered (bounded)
        # the words of those names (case folded, possessive dropped), and every run of words that starts
        # or ends one of them ("johnson", "johnson &", "charles schwab", "schwab"): a finding whose text
        # is none of these runs is no part of a firm's name (one look-up per finding)
        self._firm_words = frozenset(
            w.removesuffix("'s") for key in self._firms for w in key.split(" ") if w != "&"
        )
        affixes = set()
        for key in self._firms:
            toks = key.split(" ")
            for i in range(1, len(toks) + 1):
                for run in (" ".join(toks[:i]), " ".join(toks[-i:])):
                    affixes.update((run, run.removesuffix("'s")))
        self._firm_affixes = frozenset(affixes)
        self._firm_spans: dict[str, bool] = {}  # a finding's text holds a word of a firm's name (bounded)
        self._unlisted_known: dict[str, int] = {}  # _unlisted's classes, per word
        self._shape_scores: dict[str, float] = {}  # the name-shape model's scores, per word
        # capitalised words that start nothing: no listed word, no surname ending, no name shape
        self._plain_caps = frozenset(
            w
            for w in self._shape_skip
            if w not in kinds and not (len(w) >= 5 and w.endswith(_SUFFIXES) and not w.endswith(_GOV))
        )

        ea = east_asian_names()
        self._vi_surnames, self._vi_given = ea["vi_surname"], ea["vi_given"]
        self._ja_surnames, self._ja_given = ea["ja_surname"], ea["ja_given"]
        self._ko_surnames, self._ko_given = ea["ko_surname"], ea["ko_given"]
        self._ea_surnames = self._vi_surnames | self._ja_surnames | self._ko_surnames
        # towns named like people: alone in a place frame, a place (with a second name, a person)
        self._place_given = (place_given_names() | GIVEN_NAMES_THAT_ARE_PLACES) - {"Philippine"}
        # a chat frame takes a listed given name that is no place, heading or function word
        self._chat_given = frozenset(
            w
            for w in self.given
            if (w in self.alone or w in hand_given)  # not "Storm", "Link": words more often than names
            and w not in NOT_NAME_WORDS
            and w not in self._kinds_cue
            and w.lower() not in STOP_WORDS
            and (w not in places or w in hand_given)
        )
        self._chat_lower = frozenset(
            w.lower() for w in self._chat_given if w in self.alone or w in hand_given
        ) - (frozenset(w.lower() for w in AMBIGUOUS_GIVEN) | _CHAT_WORDS)

    def _hits(self, text: str):
        """Aho-Corasick hits, over the non-CJK runs only when the text has CJK characters
        (the automaton walks Chinese text 5x slower than ASCII, and finds nothing there)."""
        if _no_cjk(text):
            yield from self._auto.iter(text)
            return
        for run in _NON_CJK_RUN.finditer(text):
            a = run.start()
            for e, value in self._auto.iter(run.group()):
                yield a + e, value

    def is_surname(self, word: str) -> bool:
        """A listed surname, or a word with a surname ending ("Yefremova", "Czarnecki") that is no place."""
        if word in self.surnames:
            return True
        return len(word) >= 5 and _SURNAME_SUFFIX.search(word) is not None and word not in self._not_surname

    def _lower_name(self, text: str, s: int, e: int) -> Finding | None:
        """A name in lower case: a given name and a surname ("eva kleist lives at"), or one
        or two name words right after a cue ("my name is mieszko"). Only names that are no
        English word; not inside an address, path, handle or identifier."""
        n = len(text)
        speaker = (s == 0 or text[s - 1] == "\n") and _SPEAKER_AFTER.match(text, e + 1) is not None
        if (
            not speaker
            and (s == 0 or text[s - 1] == "\n")
            and text[e + 1 : e + 3] in (": ", ":\t")
            and text[e + 3 : e + 4].strip()
            and text[s : e + 1] in self._chat_lower
            and (
                text[s : e + 1].capitalize() in self._hand_given
                or (e + 1 - s >= _LOWER_ALONE_MIN and not self._shape.is_word(text[s : e + 1]))
            )
        ):
            # "mike: ok see u there", "priyanka: did anyone": a chat speaker label (a name of another
            # list from five letters, no word of the lexicon)
            return Finding(self.ENTITY, s, e + 1, 0.45)
        if (s > 0 and text[s - 1] not in " \t\n\"'(") or (
            e + 1 < n and text[e + 1] in "@./_-:\\=" and not speaker
        ):
            return None
        if speaker and text[s : e + 1] in self.given_lower:
            return Finding(self.ENTITY, s, e + 1, 0.45)  # 'mika: "who are you?"': a line of dialogue

        end = e + 1
        second = _LOWER_WORD.match(text, end + 1) if end < n and text[end] == " " else None
        two = (
            second is not None
            and (second.group() in self.alone_lower or self.is_surname(second.group().capitalize()))
            and (
                second.end() >= n
                or text[second.end()] not in "@./_-:\\="
                and not text[second.end()].isalnum()
            )
        )
        cue_m = _LOWER_CUE.search(text, max(0, s - 16), s)
        cue = cue_m is not None
        # a title in lower case is part of the name, as a capitalised one is ("mr. martin")
        t0 = cue_m.start() if cue and _LOWER_TITLE.match(cue_m.group()) else s
        given = text[s : e + 1] in self.given_lower
        initial = _LOWER_INITIAL.match(text, end, min(n, end + 36)) if given or cue else None
        if initial is not None and initial.group(2) not in STOP_WORDS:
            return Finding(self.ENTITY, t0, initial.end(), 0.5)  # "eric g. samoylova", "codey m ross"
        lower_doc = _UPPER.search(text, max(0, s - 200), min(n, end + 200)) is None
        if two and (cue or given):
            return Finding(self.ENTITY, t0, second.end(), 0.45 if not cue else 0.5)
        if cue or (given and (s == 0 or text[s - 1] == "\n") and _VERB_AFTER.match(text, end) is not None):
            return Finding(self.ENTITY, t0, end, 0.45)  # "samantha is a very sympathetic person"
        if (
            given
            and lower_doc
            and self._lower_alone_ok(text, s, end)
            and (
                e + 1 - s >= _LOWER_ALONE_MIN
                or _VERB_AFTER.match(text, end, end + 12) is not None
                or _LOWER_BEFORE.search(text, max(0, s - 12), s) is not None
            )
        ):
            # all lower case: "said william to christina"; a given name of five letters or more that is
            # no English word stands alone ("the caleb version", "early cormac")
            return Finding(self.ENTITY, s, end, 0.45)
        return None

    def _lower_titled(self, text: str, m) -> Finding | None:
        """A title in all-lower-case text and the one or two words after it ("mrs. dawn jessen"):
        the first word no function word, the second a listed name or a word of no lexicon."""
        first = m.group(1)
        if first in STOP_WORDS:
            return None
        end = m.end(1)
        second = m.group(2)
        if second is not None and second not in STOP_WORDS:
            c = second.capitalize()
            if c in self.given or c in self._surnames_all or not self._shape.is_word(second):
                end = m.end(2)
        return Finding(self.ENTITY, m.start(), end, 0.5)

    def _named_lower(self, text: str, m, e: int) -> Finding | None:
        """After "my name is" / "call me" in lower case, one or two lower-case words that no list
        has but the name-shape model takes ("my name is borna jerković", "call me vitoria"): no
        English or technical word of its lexicon, not inside a handle, path or address."""
        cue = text[max(0, e - 5) : e]
        after = m.group(0).lstrip(" \t")
        if not (cue.endswith("name") and (after.startswith("is") or after[:1] in ":?")) and not (
            cue.endswith(("call", "calls")) and after.startswith("me")
        ):
            return None
        s, end = m.start(1), m.end(1)
        first = m.group(1).capitalize()
        # a listed name, even one that is a word ("what's your name? mark pinto"), or a name shape
        listed = (first in self.given or first in self._surnames_all) and m.group(1) not in STOP_WORDS
        if (end < len(text) and text[end] in "@./_-:\\=") or not (
            listed or self._shape_word(first, SHAPE_MIN - _STRONG_SLOT_MARGIN)
        ):
            return None
        second = _LOWER_WORD.match(text, end + 1) if text[end : end + 1] == " " else None
        if second is not None and (
            (second.end() < len(text) and (text[second.end()] in "@./_-:\\=" or text[second.end()].isalnum()))
            or not (
                second.group() in self.alone_lower
                or self.is_surname(second.group().capitalize())
                or self._shape_word(second.group().capitalize())
            )
        ):
            second = None
        return Finding(self.ENTITY, s, second.end() if second is not None else end, 0.5)

    def _lower_alone_ok(self, text: str, s: int, end: int) -> bool:
        """A lower-case given name alone (no cue, no verb): not a place ("london", "francisco")
        nor a place's second word ("new york", "san jose")."""
        if text[s:end].capitalize() in self.places:
            return False
        before = _LOWER_WORD_BEFORE.search(text, max(0, s - 8), s)
        return before is None or before.group(1) not in _LOWER_PLACE_HEADS

    def _shape_slot_ok(self, text: str, w: str, s: int, e: int, lower_words: _LowerWords) -> bool:
        """A name-shape candidate (``_shape_candidate``: no English or technical word of the
        model's lexicon, "Python", "Linux", nor place, heading or cue word) that is a name here:
        in a name slot (``_SHAPE_BEFORE`` / ``_SHAPE_AFTER``), after no determiner, scored
        ``SHAPE_MIN`` or more (remembered per word) and not written in lower case elsewhere in
        the text."""
        # the regexes only where their last / first letters stand (most words are in no slot)
        before = text[s - 1 : s]
        before_ok = (before in _BLANKS and text[s - 2 : s - 1] in _SLOT_BEFORE_LAST) or (
            before == "\n" and text[s - 2 : s - 1] in _BLANKS and text[s - 3 : s - 2] in _SLOT_BEFORE_LAST
        )
        after_ok = text[e : e + 1] in _BLANKS and text[e + 1 : e + 4] in _SLOT_AFTER_HEAD
        # a person's thing after a possessive ("Hleb's address", "Asya's kid"), or a sentence's first
        # word addressed before a request ("Jakobine, can I please speak to your boss?")
        two = text[e : e + 2]
        strong = (two in _POSSESSIVE and _POSS_PERSON.match(text, e + 2) is not None) or (
            two == ", "
            and not w.endswith("ly")  # "Frankly, when I": an adverb
            and _VOCATIVE_AFTER.match(text, e + 2) is not None
            and _sentence_start(text, s)
        )
        # a trait of character said of it ("Why is Avtorhan so impulsive?"): a person at any shape score
        character = (
            not strong
            and text[e : e + 1] in _BLANKS
            and text[e + 1 : e + 3] in _CHARACTER_HEADS
            and (c := _CHARACTER_AFTER.match(text, e, min(len(text), e + 48))) is not None
            and (c.group(1) is not None or _CHARACTER_BEFORE.search(text, max(0, s - 5), s) is not None)
        )
        strong = strong or character
        pronoun = False
        if (
            not strong
            and (not before_ok or _SHAPE_BEFORE.search(text, max(0, s - 12), s) is None)
            and (not after_ok or _SHAPE_AFTER.match(text, e, min(len(text), e + 24)) is None)
        ):
            # no slot: a lone word with a personal pronoun after it (``_pronoun_slot``), scored SHAPE_MIN
            known = self._shape_scores.get(w)
            if (
                (known is not None and known < SHAPE_MIN)
                or w.endswith(_NOT_PRONOUN_ENDS)
                or not self._pronoun_slot(text, s, e)
            ):
                return False
            pronoun = True
        if _SHAPE_DETERMINER.search(text, max(0, s - 8), s) is not None:
            return False
        score = self._score(w)
        if score < (_FRAME_MIN if character else SHAPE_MIN - _STRONG_SLOT_MARGIN):
            return False
        if (
            score < SHAPE_MIN
            and not character
            and (
                pronoun
                or not (
                    strong
                    or (before_ok and _STRONG_BEFORE.search(text, max(0, s - 12), s) is not None)
                    or (after_ok and _STRONG_AFTER.match(text, e, min(len(text), e + 12)) is not None)
                )
            )
        ):
            return False  # near the line: only in a slot of speech, a greeting or a relative
        # the text also writing it in lower case makes it a word ("Bleach ... bleach"), not a name
        return w.lower() not in lower_words

    def _subject_pair(self, text: str, words: list, start: int, end: int, lower_words) -> bool:
        """Two or three capitalised words before a verb a person does (``_SUBJECT_AFTER``: "Kasia
        Tilbury reckons", "Tamara Lindell joined the firm", "Cressida Hale was hired") that no other rule
        took: words a name may have (``_pair_words_ok``), no determiner or place preposition before ("the
        Hudson Bay ...", "in Costa Rica"), no longer capitalised run and no firm ("Lopez, Santos and
        Coleman")."""
        if len(words) > 3 or text[end : end + 1] not in _BLANKS:
            return False
        if _SUBJECT_AFTER.match(text, end, min(len(text), end + 40)) is None:
            return False
        if not self._pair_words_ok([w[0] for w in words], lower_words):
            return False
        return self._bare_subject(text, start, end)

    def _bare_subject(self, text: str, start: int, end: int) -> bool:
        """``text[start:end]`` stands alone as a sentence's subject: no determiner or place preposition
        just before ("the Hudson Bay ...", "in Costa Rica"), no longer capitalised run, no firm."""
        lo = max(0, start - 12)
        if (
            _SHAPE_DETERMINER.search(text, lo, start) is not None
            or _PLACE_PREP.search(text, lo, start) is not None
        ):
            return False
        return not self._cap_run_before(text, start) and not self._in_firm(text, start, end)

    def _pair_words_ok(self, words: list[str], lower_words) -> bool:
        """Two or three capitalised words that may be one person's name where a slot says it is one:
        each a listed given name or surname or a name shape (``_shape_candidate``, scored ``_FRAME_MIN``
        or more), one of them listed or the unlisted ones scored ``SHAPE_MIN`` less the slot margin on
        average; no place (but a given name first), heading, cue or ordinary word, and none the text
        also writes in lower case."""
        listed = False
        scores = []
        for k, w in enumerate(words):
            if w in self.places and not (k == 0 and w in self.given):
                return False
            if w in self._not_surname or w in PLACE_HEADS or w in self._kinds_cue or w.lower() in lower_words:
                return False
            if w in self.given or w in self._surnames_all:
                listed = True
            elif self._shape_candidate(w) and (score := self._score(w)) >= _FRAME_MIN:
                scores.append(score)
            else:
                return False
        # two words no list has: a name shape on average ("Kerensa Polglase")
        return listed or sum(scores) >= len(scores) * (SHAPE_MIN - _STRONG_SLOT_MARGIN)

    def _given_word_surname(self, first: str, last: str) -> bool:
        """A listed given name and a listed surname that is also an ordinary word ("Rebecca Stone", "Will
        Cook", "Ellen Park", "May Porter"): a name only where a slot says so (``_word_pair_slot``, a title,
        a found name it is listed with)."""
        return first in self._pair_given and last in self._word_surnames and last != first

    def _word_pair_slot(self, text: str, start: int, end: int, last: str) -> bool:
        """The pair ``text[start:end]`` of ``_given_word_surname`` before a verb a person does: any of
        ``_SUBJECT_AFTER`` ("Rose Baker has run", "Will Cook said") or a past tense and its object
        (``_ACTION_AFTER``: "Abigail Stone folded the letter"), or, where the surname is also a place
        or street word ("Victoria Lane", "Jordan Park"), only a verb of saying or thinking ("Victoria Lane
        says"; not "Jordan Park opened"); no determiner or place preposition before, no longer capitalised
        run, no firm."""
        if text[end : end + 1] not in _BLANKS:
            return False
        hi = min(len(text), end + 40)
        if last in self._place_surnames:
            if _SPEECH_AFTER.match(text, end, hi) is None:
                return False
        elif _SUBJECT_AFTER.match(text, end, hi) is None and _ACTION_AFTER.match(text, end, hi) is None:
            return False
        return self._bare_subject(text, start, end)

    @staticmethod
    def _pronoun_slot(text: str, s: int, e: int) -> bool:
        """A lone word before a verb, at a sentence's start or after "is" / "tell" / "that", with a
        personal pronoun close after it ("Shovda is very reliable. You can always depend on him.",
        "You can tell Alterio was a huge fan. Written when he was 14."): a person, not a product."""
        if text[e : e + 1] not in _BLANKS or not text[e + 1 : e + 2].islower():
            return False
        if not (_sentence_start(text, s) or _PRONOUN_BEFORE.search(text, max(0, s - 8), s) is not None):
            return False
        return _PRONOUN_AFTER.search(text, e, min(len(text), e + _PRONOUN_WINDOW)) is not None

    def _score(self, w: str) -> float:
        """The name-shape model's score of ``w``, remembered per word (bounded)."""
        score = self._shape_scores.get(w)
        if score is None:
            if len(self._shape_scores) > _UNLISTED_KNOWN_MAX:
                self._shape_scores.clear()
            score = self._shape_scores[w] = self._shape.score(w)
        return score

    def _initials_names(self, text: str) -> list[Finding]:
        """A surname after two or three initials ("J. R. Whitcombe", "T. S. Moreland"): a listed
        surname, or a word of no lexicon that is no place; not "U.S. Steel", "P. O. Box", "D. C. Comics".
        Initials written apart, each with its dot ("H. G. Wells", "E. B. White"), take any listed surname,
        even one that is a word or a town: the way bylines and catalogues write authors' names."""
        out = []
        for m in _INITIALS_NAME.finditer(text):
            letters = "".join(c for c in m.group(1) if c.isalpha())
            w = m.group(2)
            if letters in _NOT_NAME_INITIALS or w in PLACE_HEADS:
                continue
            if w in self._surnames_all and m.group(1).count(". ") == len(letters):
                out.append(Finding(self.ENTITY, m.start(), m.end(), 0.5))  # "H. G. Wells"
                continue
            if w in self.places:
                continue
            if self.is_surname(w) and not self._shape.is_word(w) or self._shape_candidate(w):
                out.append(Finding(self.ENTITY, m.start(), m.end(), 0.5))
        return out

    def _shape_candidate(self, w: str) -> bool:
        """No English or technical word of the model's lexicon, place, heading or cue word."""
        return not (
            len(w) < _SHAPE_MIN_LEN
            or len(w) > _SHAPE_MAX_LEN
            or self._shape.is_word(w)
            or w in self._not_surname
            or w in self.places
            or w in PLACE_HEADS
            or w in self._kinds_cue
        )

    def _shape_word(self, w: str, min_score: float | None = None) -> bool:
        """An unlisted word the name-shape model takes for a name, wherever it stands (scored
        ``SHAPE_MIN`` or more, or ``min_score`` in a slot that says more)."""
        return self._shape_candidate(w) and self._score(w) >= (SHAPE_MIN if min_score is None else min_score)

    def _unlisted(self, words) -> dict[str, int]:
        """The unlisted capitalised words (no ordinary word) that may start a name: 1 for a
        surname ending ("starring Melikov", "Wacława Adamska"), 2 for a name-shape candidate
        (``_shape_candidate``: a name if in a name slot and the model takes it), 3 for one scored
        too low for any slot but a trait of character (``_CHARACTER_AFTER``), 4 for one scored lower
        still that only a person frame takes (``_frame_name``). Classed once per word and remembered
        (bounded)."""
        known = self._unlisted_known
        if len(known) > _UNLISTED_KNOWN_MAX:
            known.clear()
        out = {}
        for w in words:
            c = known.get(w)
            if c is None:
                if len(w) >= 5 and w.endswith(_SUFFIXES) and not w.endswith(_GOV):
                    c = 1
                elif (
                    w not in self._shape_skip
                    and len(w) >= _SHAPE_MIN_LEN
                    and self._shape_candidate(w)
                    and (score := self._score(w)) >= _CHARACTER_MIN
                ):
                    # scored once per word; below every other slot's bar only a trait of character takes it
                    c = 2 if score >= SHAPE_MIN - _STRONG_SLOT_MARGIN else 3
                elif (
                    w not in self._shape_skip
                    and len(w) >= _SHAPE_MIN_LEN
                    and self._shape_candidate(w)
                    and self._score(w) >= _FRAME_MIN
                ):
                    c = 4  # only a person frame takes it (``_frame_name``)
                else:
                    c = 0
                known[w] = c
            if c:
                out[w] = c
        return out

    def _cap_starts(
        self,
        text: str,
        starts: set[int],
        lower: list[Finding],
        shaped: set[int],
        lower_words: _LowerWords,
        split: list | None = None,
        parts: list[str] | None = None,
    ) -> None:
        """Candidate starts among the text's capitalised words: a listed given name, surname or
        title (and the capitalised word before it), the word after a listed cue, a word with a
        surname ending, and an unlisted word the name-shape model takes in a name slot. One
        ``re.split`` gives every capitalised word; the words are classed once per distinct word
        (set operations in C: most are ordinary words), and only the occurrences of the words
        that may start a name are located and looked at.

        ``_CAP_BEFORE`` (a capitalised word, an optional initial and a blank right before the word)
        can only match where the text between the previous capitalised word and this one is a
        blank or an initial between blanks (at most 4 characters: " D. "): the regex runs only
        there. ``split`` gets the split's parts and words (and their ends, when computed here):
        ``analyze`` locates the later mentions of a name's parts among them."""
        if parts is None:
            parts = _CAP_SPLIT.split(text)
        if len(parts) == 1:
            return
        words = parts[1::2]
        if split is not None:
            split += (parts, words)
        distinct = set(words)
        listed = distinct & self._kinds_set
        unlisted = self._unlisted(distinct.difference(self._kinds_set, self._plain_caps))
        if not listed and not unlisted:
            return
        n = len(text)
        kinds = self._kinds
        chat_given = self._chat_given
        ends = list(accumulate(map(len, parts)))  # ends[i]: where parts[i] ends
        if split is not None:
            split.append(ends)
        wanted = listed.union(unlisted)
        for i in compress(range(1, len(parts), 2), map(wanted.__contains__, words)):
            s, e = ends[i - 1], ends[i]
            if (s > 0 and text[s - 1].isalnum()) or (e < n and text[e].isalnum()):
                continue  # "McDonald", "JavaScript", "Mar1"
            w = parts[i]
            kind = kinds.get(w)
            if kind == _CUE:
                self._cue_hit(text, e, kind, starts, lower)
                continue
            if (
                kind != _TITLE
                and (
                    text[e + 1 : e + 4] in _FRAME_HEADS or text.rfind("ex-", s - 26 if s > 26 else 0, s) >= 0
                )
                and (f := self._frame_name(text, w, s, e, kind)) is not None
            ):
                lower.append(f)  # the word alone; a longer name read from it below covers it ("Ringo Starr")
                starts.add(s)
            near = i >= 3 and len(parts[i - 1]) <= 4 and text[s - 1] in " \t" and text[s - 2].isalpha()
            if kind is not None:
                if e < n and text[e] == "-" and w in self.given:
                    f = self._hyphen_given(text, s, e)  # "Mary-Kate O'Brien", "Jean-Baptiste Kouassi"
                    if f is not None:
                        lower.append(f)
                if e < n and text[e] in ":> " and w in chat_given:
                    f = self._chat_slot(text, s, e)
                    if f is not None:
                        lower.append(f)
                if kind == _EA2:  # "Le Thi Thu", "Do Van Hung": a two-letter surname before a given part
                    if (
                        i + 2 < len(parts)
                        and parts[i + 1] == " "
                        and _unmarked(parts[i + 2]) in self._vi_given
                    ):
                        starts.add(s)
                    continue
                starts.add(s)
                # "Briana Wallace": the capitalised word before a given name or surname may start it
                if kind != _TITLE and near:
                    b = _CAP_BEFORE.search(text, max(0, s - 40), s)
                    if b is not None and (
                        kind == _SURNAME
                        or not _sentence_start(text, b.start())
                        or (
                            w in self.surnames
                            and self._shape_word(b.group().split()[0], SHAPE_MIN - _STRONG_SLOT_MARGIN)
                        )
                    ):
                        # not "Later Daniel": a capitalised first word is no name, but may be before a
                        # surname that is a given name too ("Venkataraghavan Subramaniam signed")
                        starts.add(b.start())
            elif (c := unlisted[w]) == 1:
                starts.add(s)  # a surname ending, in no list
                if near:
                    b = _CAP_BEFORE.search(text, max(0, s - 40), s)
                    if b is not None:
                        starts.add(b.start())
            elif c >= 3 and (text[e + 1 : e + 3] not in _CHARACTER_HEADS or text[e : e + 1] not in _BLANKS):
                continue  # scored too low for any slot but a trait of character, which needs these
            elif self._shape_slot_ok(text, w, s, e, lower_words):
                starts.add(s)  # "says Lépicier.", "Morishita began": a name by its letters, in a name slot
                shaped.add(s)
                b = _CAP_BEFORE.search(text, max(0, s - 24), s) if near else None
                if b is not None and self._shape_word(b.group().split()[0]):
                    starts.add(b.start())  # "Cendrillon Coudert lives at": both words unlisted name shapes
                    shaped.add(b.start())
            elif (
                c <= 3
                and text[e : e + 1] in _BLANKS
                and text[e + 1 : e + 2].isupper()
                and _SUBJECT_PAIR_AFTER.match(text, e, min(n, e + 80)) is not None
            ):
                starts.add(
                    s
                )  # "Kasia Tilbury reckons": an unlisted word opening a subject (``_subject_pair``)

    def _hyphen_given(self, text: str, s: int, e: int) -> Finding | None:
        """A hyphenated given name of two listed given names and a surname after it ("Mary-Kate
        O'Brien", "Lily-Rose Pemberton", "Jean-Baptiste Kouassi"): the surname a listed one, one after
        O'/Mc/Mac, or an unlisted name shape; no place, heading or firm word ("Mercedes-Benz Group",
        "Winston-Salem State")."""
        m = _HYPHEN_GIVEN_REST.match(text, e)
        if m is None or m.group(1) not in self.given:
            return None
        last = m.group(2)
        core = last[2:] if last[:2] in _SURNAME_PREFIXES else last[3:] if last[:3] == "Mac" else last
        if last in self.places or last in NOT_NAME_WORDS or last in PLACE_HEADS or last.lower() in STOP_WORDS:
            return None
        after = _ONE_CAP.match(text, m.end() + 1) if text[m.end() : m.end() + 1] in _BLANKS else None
        if after is not None and after.group() not in _AFTER_NAME_OK:
            return (
                None  # "Winston-Salem State University", "Orange-Almond Jelly Roll": a longer capitalised run
            )
        if not (
            self.is_surname(last)
            or (core != last and core[:1].isupper())
            or self._shape_word(last, _CHARACTER_MIN)
        ):
            return None
        return Finding(self.ENTITY, s, m.end(), 0.6)

    def _frame_name(self, text: str, w: str, s: int, e: int, kind: int | None) -> Finding | None:
        """A capitalised word in a person frame (``_DATIVE_BEFORE`` + ``_DATIVE_AFTER``, ``_EX_BEFORE``):
        a listed given name or surname (even one that is a word: "given Angel his address") or an
        unlisted name shape; not a place (after "ex-", not even one that is a given name: "ex-Soviet
        Georgia"), heading or outlet word. Looked at only where the word after it opens a frame or
        "ex-" is close before (``_cap_starts``)."""
        if (s and text[s - 1] not in " \t\n") or text[e : e + 1] not in _BLANKS:
            return None
        nxt = text[e + 1 : e + 4]
        dative = nxt in ("his", "her") and text.startswith(_DATIVE_AFTER, e)
        ex = "ex-" in text[max(0, s - 26) : s]
        fan = nxt in _FAN_HEADS and text.startswith(_FAN_OPEN, e)
        novel = nxt == "nov" and text[s - 4 : s] in ("the ", "The ")
        if not (dative or ex or fan or novel):
            return None
        if kind is not None and kind != _GIVEN and kind != _SURNAME:
            return None  # a cue word or an East Asian syllable
        if w in _FRAME_NOT or w in PLACE_HEADS or (w in self.places and w not in self.given):
            return None
        if (
            (dative and _DATIVE_BEFORE.search(text, max(0, s - 12), s) is not None)
            or (ex and w not in self.places and _EX_BEFORE.search(text, max(0, s - 26), s) is not None)
            or (fan and _FAN_AFTER.match(text, e, e + 80) is not None)
            or (novel and _NOVEL_AFTER.match(text, e, e + 8) is not None)
        ):
            return Finding(self.ENTITY, s, e, 0.5)
        return None

    def _cue_hit(self, text: str, e: int, kind: int, starts: set[int], lower: list[Finding]) -> None:
        """A cue word ending at ``e``, not inside a longer word: the name after it, in lower case
        ("my name is mieszko", "follow up with tracy") or, after a cue, capitalised (a start)."""
        m = _NEXT_LOWER.match(text, e)
        if m is not None and m.group(1) in self.alone_lower:
            f = self._lower_name(text, m.start(1), m.end(1) - 1)
            if f is not None:
                lower.append(f)
        elif m is not None and m.group(0).lstrip(" \t").startswith(("is", "me", ":", "?")):
            f = self._named_lower(text, m, e)
            if f is not None:
                lower.append(f)
        if kind == _CUE:
            m = _AFTER_CUE.match(text, e)
            if m is not None:
                starts.add(m.end())

    def _cue_hits(self, text: str, data: bytes, gates: frozenset[int]) -> list[tuple[int, tuple[int, int]]]:
        """The cue words' hits (last character, (kind, length)) that ``_starts`` reads."""
        if _GATE_CJK in gates:
            return self._hits(text)
        # the same hits as self._cue_scan's, less the lower-case cues that nothing follows
        hits = self._cue_scan_main.hits(text, data)
        lcue = _lcue_hits(text)
        if lcue:
            hits = sorted(hits + lcue, key=lambda h: (h[0], -h[1][1]))
        return hits

    def _starts(
        self,
        text: str,
        lower: list[Finding],
        shaped: set[int],
        lower_words: _LowerWords,
        split: list | None = None,
        data: bytes | None = None,
        gates: frozenset[int] | None = None,
        pre: tuple | None = None,
    ) -> list[int]:
        n = len(text)
        starts: set[int] = set()
        self._cap_starts(text, starts, lower, shaped, lower_words, split, None if pre is None else pre[3])
        if data is None:
            data = text.encode("utf-8")
        if gates is None:
            gates = _gates(data)
        hits = self._cue_hits(text, data, gates) if pre is None else pre[4]
        for e, (kind, length) in hits:
            s = e - length + 1
            if (s > 0 and text[s - 1].isalnum()) or (e + 1 < n and text[e + 1].isalnum()):
                continue  # inside a word ("Al" in "Also")
            self._cue_hit(text, e + 1, kind, starts, lower)  # the automaton holds cues only
        if _UPPER.search(text) is None:  # all lower case: every listed name is a candidate
            for e, (_, length) in self._lower_auto.iter(text):
                s = e - length + 1
                if (s > 0 and text[s - 1].isalnum()) or (e + 1 < n and text[e + 1].isalnum()):
                    continue
                f = self._lower_name(text, s, e)
                if f is not None:
                    lower.append(f)
            for m in (
                _LOWER_TITLE_NAME.finditer(text) if ("mr" in text or "ms." in text or "dr." in text) else ()
            ):
                f = self._lower_titled(text, m)  # "mrs. dawn jessen": any name after a title
                if f is not None:
                    lower.append(f)
        else:
            first = _TEXT_START_LOWER.match(text)
            # the words only (C speed), positions where one is a name
            heads = _LINE_START_LOWER.findall(text) if _GATE_LINE_LOWER in gates else ()
            if (first is not None and first.group(1) in self.alone_lower) or not self.alone_lower.isdisjoint(
                heads
            ):
                line_heads = _LINE_START_LOWER.finditer(text)
            else:
                line_heads = ()
            for m in ([first] if first is not None else []) + list(line_heads):
                # "samantha is a very sympathetic person"
                if m.group(1) in self.alone_lower:
                    f = self._lower_name(text, m.start(1), m.end(1) - 1)
                    if f is not None:
                        lower.append(f)
        initials, cues = _initials_cues(text, data) if pre is None else pre[5]
        for p in initials:  # "Faina D. Yefremova": no list needed
            b = _CAP_BEFORE_INITIAL.search(text, max(0, p - 24), p)
            if b is not None:
                starts.add(b.start())
        starts.update(cues)  # "My name is Tempeste", "call me Avtorhan": the capital after the cue
        for m in _GREETING.finditer(text):  # "Hi Manlio, ...": a greeted name no list has, by its shape
            w = m.group(1)
            if w not in self._kinds and self._shape_word(w, SHAPE_MIN - _STRONG_SLOT_MARGIN):
                starts.add(m.start(1))
                shaped.add(m.start(1))
        for p in _age_or_who(text) if pre is None else pre[6]:  # "Leslie Terry, who ...", "Ann Lee, 34,"
            before = _TWO_CAPS_BEFORE.search(text, max(0, p - 64), p)
            if before is not None:
                starts.add(before.start())
        return sorted(starts)

    def _word_last(self, last: str, m) -> bool:
        """The last word of a run after a given name is an English or technical word of the model's
        lexicon that does not look like a name ("Mad Men", "Arch Linux", "Johnson Controls",
        "Martin Skunk Works"); a listed name or a surname after a particle is none."""
        if last in self._surnames_all or last in self.given or m.group("particle") is not None:
            return False
        if last not in self._lexicon_caps:
            return False
        return self._score(last) < SHAPE_MIN - _STRONG_SLOT_MARGIN

    def _word_after(self, text: str, end: int) -> bool:
        """A capitalised English word of the model's lexicon, no listed given name, right after ``end``:
        the run goes on as a thing's name ("James Webb Space Telescope"), not as a headline ("Jessica
        Simpson Weds Nick Lachey")."""
        if text[end : end + 1] not in _BLANKS:
            return False
        after = _ONE_CAP.match(text, end + 1, min(len(text), end + 40))
        return (
            after is not None
            and after.group().lower() in self._shape.lexicon
            and after.group() not in self.given
        )

    def _given_no_word(self, w: str) -> bool:
        """A common given name of the hand list, or a listed given name that is no English word."""
        return w in self._hand_given or (w in self.given and w.lower() not in self._shape.lexicon)

    def _thing_run(self, words: list) -> int:
        """A capitalised run that names a product or a thing, not a person: a later word that is an
        English noun of the model's lexicon that no name list has and that does not look like a name
        ("Heather Grey Hoodie", "Dakota Access Pipeline"; after a given name that is no English word only
        in a run of three: "Barry Warsaw" stays), any such word or its plural after a first word that is
        an English word looking like no given name ("Red Hat", "Case Study", "Star Wars"), a plural noun
        ending a run of three ("Crystal River Meats"), a middle place or heading word ("Clay County
        Fair"), a compass word before a place ("North Korea"). Returns the position of that word, 0
        where there is none."""
        if not words[0][0][1:].islower():
            return 0  # "SaRA COOk", "McDonald": a name in odd or inner capitals, no English phrase
        k = len(words)
        lexicon = self._shape.lexicon
        first = words[0][0]
        # a first word that is an English word and looks like none of the common given names ("Red", "Case")
        word_first = (
            first.lower() in lexicon
            and first not in self._hand_given
            and self._score(first) < SHAPE_MIN - _STRONG_SLOT_MARGIN
        )
        first_plain = first not in self._hand_given and (first.lower() in lexicon or first not in self.given)
        for i in range(1, k):
            w = words[i][0]
            if first in _COMPASS and (w in self.places or w not in self._surnames_all):
                return i  # "North Korea", "West Africa", "North Carolina"
            if w in self.given or w in self._surnames_all or w in _AFTER_NAME_OK:
                continue
            if i < k - 1 and w in NOT_NAME_WORDS:
                return i
            plain = w.lower()
            if plain in lexicon:
                if word_first or (
                    (k > 2 or first_plain) and self._score(w) < SHAPE_MIN - _STRONG_SLOT_MARGIN
                ):
                    # "Red Hat", "Dakota Access Pipeline"; a given name that is no English word before one
                    # such word stays a name ("Barry Warsaw", "Emmanuel Macron")
                    return i
            elif (word_first or (k > 2 and i == k - 1)) and _plural_in(plain, lexicon):
                return i  # "Star Wars", "Young Republicans", "Crystal River Meats": a plural noun
        return 0

    def _cap_run_before(self, text: str, start: int) -> bool:
        """A capitalised word (and optional initial) right before ``start`` that makes the word
        part of a longer capitalised run ("Santa Monica Pier"); a greeting, cue or role word does not
        ("Hi Manlio", "Dear Ingrid", "Instructor Olumide")."""
        b = _CAP_BEFORE.search(text, max(0, start - 24), start)
        if b is None:
            return False
        w = b.group().split()[0]
        return (
            w not in _GREET_WORDS
            and w.lower() not in _CUE_WORDS
            and not (b.group() == w + " " and self._opening_adverb(text, w, b.start()))
        )

    def _nickname(self, text: str, words: list) -> int | None:
        """The start of a nickname made of a word of ``_NICK_HEADS`` and a given name ("Big Mike", "Old
        Joe", "Mama Tess"), the head a word of ``words`` or right before it; None where there is none."""
        if len(words) == 2:
            head, (w, s, _) = words[0][0], words[1]
            start = words[0][1]
        else:
            w, s, _ = words[0]
            if not text.endswith(_NICK_HEADS_SPACED, max(0, s - 8), s):
                return None  # (a C-speed test first: the regex below only where a head word stands)
            b = _NICK_BEFORE.search(text, max(0, s - 8), s)
            if b is None:
                return None
            head, start = b.group(1), b.start()
        if head not in _NICK_HEADS or w in _NICK_NOT or self._cap_run_before(text, start):
            return None
        if w not in self.places and (
            w in self._hand_given or (w in self.given and not self._shape.is_word(w))
        ):
            return start  # not "Old Virginia"
        return None

    @staticmethod
    def _addressed(text: str, s: int, e: int) -> bool:
        """The word at ``s:e`` is addressed: at a sentence's start before a comma and a request or question
        ("Jack, don't go!", "Daisy, can you ..."), or wished or thanked before "!" / "," ("Happy birthday
        Daisy!!", "Congrats Tom!")."""
        if text[e : e + 2] == ", " and _sentence_start(text, s):
            return _VOCATIVE_AFTER.match(text, e + 2) is not None
        return text[e : e + 1] in ("!", ",") and _WISH_BEFORE.search(text, max(0, s - 24), s) is not None

    def _opening_adverb(self, text: str, w: str, s: int) -> bool:
        """``w`` at ``s`` is a sentence's opening adverb ("Honestly", "Luckily", "Apparently"): an English
        word in -ly that is no listed name (not "Emily", "Kelly"), at a sentence's start: no name part."""
        return (
            len(w) > 4
            and w.endswith("ly")
            and w not in self.given
            and w not in self._surnames_all
            and self._shape.is_word(w)
            and _sentence_start(text, s)
        )

    @staticmethod
    def _role_before(text: str, start: int) -> bool:
        """A cue or role word (``_CUE_WORDS``) right before ``start`` ("Respondent", "Coach", "witness")."""
        b = _ROLE_BEFORE.search(text, max(0, start - 24), start)
        return b is not None and b.group(1).lower() in _CUE_WORDS

    def _mate_ok(self, word: str, text: str, start: int) -> bool:
        """A capitalised word joined to a name by "and" or a comma that is a name too: a given
        name or surname of the lists (or with a surname ending) that is no ordinary word,
        place, heading or cue word, and no surname in a firm's name ("Lopez, Santos and Coleman")."""
        if word in self._not_surname or word in self.places or word in PLACE_HEADS or word in self._kinds_cue:
            return False
        given = word in self.given
        if not (given or self.is_surname(word)):
            return False  # "John Smith and Google agreed": a word no name list has is no mate
        return not self._in_firm(text, start, start + len(word))

    def _with_speakers(self, text: str, found: list[Finding]) -> list[Finding]:
        """Speaker labels of a dialogue: a listed given name or surname alone at a line's start
        before a colon and the words spoken ("Heather: \"Who are you?\""); not a month,
        heading or ordinary word ("Note:", "May:", "Summary:")."""
        covered = None
        added = []
        first = _FIRST_SPEAKER.match(text)
        for m in ([first] if first is not None else []) + list(_SPEAKER.finditer(text)):
            w = m.group(1)
            quoted = text[m.end() : m.end() + 1] in _QUOTES
            if (
                w in NOT_NAME_WORDS
                or w in self._kinds_cue
                or w.lower() in STOP_WORDS
                or (w in self.places and not (quoted and w in self.given))  # 'Jordan:"I'm Mary's daughter"'
            ):
                continue
            if not (w in self.given or self.is_surname(w)) or (
                w in self._not_surname and w not in self.given
            ):
                # a name no list has labels a line only before quoted speech ("Koppány: \"Who ...")
                if not (text[m.end() : m.end() + 1] in _QUOTES and self._shape_word(w)):
                    continue
            if covered is None:  # built only when a speaker label is there
                covered = bytearray(len(text) + 1)
                for f in found:
                    covered[f.start : f.end] = b"\x01" * (f.end - f.start)
            if not any(covered[m.start(1) : m.end(1)]):
                added.append(Finding(self.ENTITY, m.start(1), m.end(1), 0.5))
        if not added:
            return found
        return sorted(found + added, key=lambda f: f.start)

    def _plain_first(self, word: str) -> bool:
        """A sentence's first word that may be a given name before a surname ("Weronika
        Martinsen will ..."): no English function word, ordinary word, place, heading or cue."""
        return not (
            word.lower() in STOP_WORDS
            or word in self._not_surname
            or word in self.places
            or word in PLACE_HEADS
            or word in self._kinds_cue
        )

    def _initial_name(self, words: list, name: str) -> bool:
        """Given name, middle initial, surname ("Faina D. Yefremova", "Brad L Key"): names when
        neither word is an ordinary word or place and, without the initial's dot, one is listed."""
        first, last = words[0][0], words[-1][0]
        if not (self._plain_first(first) and self._plain_first(last)):
            return False
        if "." in name:
            return True
        return first in self.given or self.is_surname(last)

    def _with_list_mates(self, text: str, found: list[Finding]) -> list[Finding]:
        """Names joined to a found name ("Woźniak and Moore", "Hans, Linda, Amber and Andrew",
        "Turgeon, Guerra and Ewing"): the capitalised words next to it across "and", "or", "&"
        or a comma are names too (``_mate_ok``), walking the list both ways. Not where the list
        names a firm ("Lopez, Santos and Coleman is a design agency"). Where the found name is
        itself one of a list of names ("Victor, Andrew, Evan and April") or the pair is the
        subject of a plural verb ("Torpy and Salinas were"), a mate may also be a listed name that
        is an ordinary word or a word no list has (``_loose_mate_ok``). In a lower-case list, a
        lower-case listed name joined to a found one ("silvana, adam, chad and caleb")."""
        n = len(text)
        taken = {(f.start, f.end) for f in found}
        out = list(found)
        queue = [f for f in found if f.end - f.start >= 2]
        bounds: list[set[int]] = []  # [starts, ends] of the names, built when a loose test needs them

        def in_list(before, after) -> bool:  # a name joined on f's other side (found, or a mate)
            if not bounds:
                bounds.extend(({g.start for g in out}, {g.end for g in out}))
            return (before is not None and before.end() in bounds[1]) or (
                after is not None and after.start() in bounds[0]
            )

        def take(m) -> None:  # the match as a found name, queued for mates of its own
            g = Finding(self.ENTITY, m.start(), m.end(), 0.5)
            taken.add((g.start, g.end))
            if bounds:
                bounds[0].add(g.start)
                bounds[1].add(g.end)
            out.append(g)
            queue.append(g)

        def accept(m, join, end: int, before, after) -> None:
            """``m``: a word beside a found name; a mate when ``_mate_ok``, or, in a list of names
            or a pair before a plural verb (``join`` "and" and a plural verb after ``end``), when
            ``_loose_mate_ok`` / ``_lower_mate_ok``."""
            if (m.start(), m.end()) in taken:
                return
            w = m.group()
            upper = not w.islower()
            if not (upper and self._mate_ok(w, text, m.start())) and not (
                # a common given name that is also a word, joined by "and" to a found name ("Dolores and Frank")
                upper
                and w in self._hand_given
                and join.group().strip(" \t,") in ("and", "&", "or")
                and self._given_here(w)
            ):
                pair = (
                    join.group().strip(" \t,") in ("and", "&")
                    and _PLURAL_AFTER.match(text, end, min(n, end + 12)) is not None
                )
                if upper and not self._loose_mate_ok(w, text, m.start(), pair):
                    return
                if not upper and not self._lower_mate_ok(w):
                    return
                if not (pair or in_list(before, after)):
                    return
            take(m)

        lower_words: list = []

        def two_mate(m) -> bool:
            """Two capitalised words beside a found full name that may be a name (``_pair_words_ok``)."""
            if (m.start(), m.end()) in taken or self._in_firm(text, m.start(), m.end()):
                return False
            if not lower_words:
                lower_words.append(_LowerWords(text))
            ws = m.group().split()
            if not self._pair_words_ok(ws, lower_words[0]) and not (
                # "Derek Lowe and Ellen Park"; not "Henry Caldwell and Victoria Park", "... and Grace Church"
                len(ws) == 2
                and self._given_word_surname(ws[0], ws[1])
                and ws[0] not in self.places
                and ws[1] not in _BUILDING_SURNAMES
            ):
                return False
            take(m)
            return True

        steps = 0
        while queue and steps < 64:
            f = queue.pop()
            steps += 1
            lower = text[f.start].islower()
            j = (
                (_JOIN_AFTER_LOWER if lower else _JOIN_AFTER).match(text, f.end, min(n, f.end + 8))
                if text[f.end : f.end + 2] in _JOIN_HEADS
                else None
            )
            after = (
                (_ONE_LOWER if lower else _ONE_CAP).match(text, j.end(), min(n, j.end() + 40)) if j else None
            )
            b = (
                _JOIN_BEFORE.search(text, max(0, f.start - 8), f.start)
                if text[f.start - 2 : f.start] in _JOIN_TAILS
                else None
            )
            before = (
                (_ONE_LOWER_BEFORE if lower else _ONE_CAP_BEFORE).search(
                    text, max(0, b.start() - 32), b.start()
                )
                if b
                else None
            )
            # a full name joined by "and" / "&" to a full name ("Laura Smith and Ottoline Wyvern"); not by a
            # comma alone, which also lists titles and places ("Himachal Pradesh, Shanta Kumar")
            if after is not None and " " in text[f.start : f.end] and j.group().strip(" \t,") in _AND_JOINS:
                two = _TWO_CAPS.match(text, j.end(), min(n, j.end() + 64))
                if two is not None and two_mate(two):
                    after = None
            if before is not None and " " in text[f.start : f.end] and b.group().strip(" \t,") in _AND_JOINS:
                two = _TWO_CAPS_BEFORE.search(text, max(0, b.start() - 64), b.start())
                if two is not None and not self._cap_run_before(text, two.start()) and two_mate(two):
                    before = None
            if after is not None:
                accept(after, j, after.end(), before, after)
            if before is not None:
                accept(before, b, f.end, before, after)
        if len(out) == len(found):
            return found
        # merge: a mate may overlap a name found another way
        out.sort(key=lambda f: (f.start, -f.end))
        merged: list[Finding] = []
        for f in out:
            if merged and f.start < merged[-1].end:
                continue
            merged.append(f)
        return merged if n else found

    def _loose_mate_ok(self, word: str, text: str, start: int, pair: bool) -> bool:
        """A mate in a list of names: a listed given name even if it is an ordinary word or a month
        ("April", "Dawn"), or a word no list has that is no English or technical word and has a
        name's shape ("Alpatu"); in a pair before a plural verb ("Torpy and Salinas were") also a
        listed surname that is a word ("Green") and any such unlisted word. Never a well-known
        place, heading or cue word, nor a firm's name."""
        if word.lower() in STOP_WORDS or word in PLACE_HEADS or word in self._kinds_cue:
            return False
        if word in self.places and word not in self.given and word not in self._surnames_all:
            return False
        if word in GIVEN_NAMES_THAT_ARE_PLACES:
            return False
        if not (word in self.given or (pair and (word in self._surnames_all or self.is_surname(word)))):
            if word in NOT_NAME_WORDS or word.endswith("s") or not self._shape_candidate(word):
                return False  # "Yankees and Red Sox have": a plural no list has is a team or a group
            if not pair and self._score(word) < SHAPE_MIN - _STRONG_SLOT_MARGIN:
                return False
        return not self._in_firm(text, start, start + len(word))

    def _lower_mate_ok(self, word: str) -> bool:
        """A lower-case word in a lower-case list of names: a listed given name or surname of three
        letters or more that is no English function word ("chad", "caleb", "zhang")."""
        if len(word) < 3 or word in STOP_WORDS:
            return False
        c = word.capitalize()
        return c in self.given or c in self._surnames_all

    def _in_firm(self, text: str, start: int, end: int) -> bool:
        """Part of a firm's name: surnames in "A, B and C" (not a list of given names, not a list
        after a colon), or a hyphenated pair ("Ellis-Ingram")."""
        lo, hi = max(0, start - 30), min(len(text), end + 30)
        if text.find(",", lo, hi) < 0 and text.find("-", lo, hi) < 0:
            return False  # every match of ``_FIRM`` holds one of them (two scans in C, not a regex pass)
        for m in _FIRM.finditer(text, lo, hi):
            if m.start() < end and start < m.end():
                if (
                    "-" in m.group()
                    and text[max(lo, text.rfind(" ", lo, m.start()) + 1) : m.start() + 1] in _CAP_PARTICLES
                ):
                    continue  # "Abdulrahman Al-Qahtani": an Arabic particle's hyphen, no firm's
                if "-" not in m.group() and all(w in self.given for w in _FIRM_WORD.findall(m.group())):
                    return False  # "Oliver, Priya and Tomasz": given names list people
                # a list after a colon enumerates people ("our 3 founders: Turgeon, Guerra and Ewing")
                if "-" not in m.group() and _LIST_AFTER_COLON.search(text, max(0, start - 80), start):
                    return False
                return True
        return False

    @staticmethod
    def _form_labels(text: str) -> list:
        """``_FORM_LABEL``'s matches, each read in a small window around a literal "ame:" / "ame :" /
        "AME:" that ``str.find`` locates (a regex scan of every position cost 10% of the recognizer
        on documentation full of "name:" fields)."""
        out = []
        last = -1
        for i in sorted(i for g in _FORM_GATES for i in _find_all(text, g)):
            m = _FORM_LABEL.search(text, max(0, i - 14, last), min(len(text), i + 8))
            if m is not None and m.start() <= i < m.end():
                out.append(m)
                last = m.end()
        return out

    def _form_label_names(self, text: str) -> list[Finding]:
        """The name after a form's label ("First name: Chiamaka  Last name: Eze", "Surname: Okonkwo
        Given name: Adaeze"): one to four capitalised words on the label's line, each a listed name
        or a word of no lexicon that is no place ("Name: Python" is a package's field), ending at
        the next label (a word before a colon or "name"), a gap of two blanks, or the line's end."""
        out = []
        n = len(text)
        for m in self._form_labels(text):
            p = start = m.end()
            words = 0
            while words < _FORM_MAX_WORDS:
                t = _FORM_TOKEN.match(text, p)
                if t is None:
                    break
                w, e = t.group(), t.end()
                if e < n and text[e] == ":":
                    break  # the next field's label ("Gender:")
                if w in _FORM_LABEL_WORDS and _FORM_LABEL.match(text, p) is not None:
                    break  # "Last name:"
                if len(w) > 2 and not (
                    w in self.given
                    or w in self._surnames_all
                    or self.is_surname(w)
                    or self._shape_candidate(w)
                ):
                    break
                if w.lower() in STOP_WORDS or (
                    w in self.places and w not in self.given and w not in self._surnames_all
                ):
                    break
                words += 1
                p = e
                if not (text[p : p + 1] in _BLANKS and text[p + 1 : p + 2].isupper()):
                    break  # a wide gap, a line's end or punctuation ends the field
                p += 1
            if text[p : p + 1] in _BLANKS and text[p + 1 : p + 2].islower():
                continue  # running text goes on ("- name: The name of the field."): no form's value
            if words and not (words == 1 and len(text[start:p].strip()) <= 2):
                out.append(Finding(self.ENTITY, start, p if text[p - 1 : p] not in _BLANKS else p - 1, 0.5))
        return out

    def _pattern_names(self, text: str, data: bytes | None = None) -> tuple[list[Finding], list[Finding]]:
        """The names of ``_ONE_PASS``: (capitals, vocatives, cited surnames and relatives' names;
        "Last, First" and citations, which replace the findings inside them)."""
        caps, lf, voc, cit, rel = [], [], [], [], []
        for m in _finditer(_ONE_PASS, text, data):
            k = m.lastindex
            if k == 1:
                caps.append(m.span(1))
            elif k <= 3:
                lf.append((m.start(k), m.group(k)))
            elif k == 4:
                voc.append(m.span(4))
            elif k == 5:
                s5, w5 = m.start(5), m.group(5)
                if (
                    s5 and text[s5 - 1] in "-'’c"
                ):  # "Fernández-López", "O'Neill", "McCarthy": the whole surname
                    b = _CITED_FIRST.search(text, max(0, s5 - 32), s5)
                    if b is None:
                        continue
                    s5, w5 = b.start(), text[b.start() : m.end(5)]
                cit.append((s5, w5))
            else:
                rel.append((m.start(6), m.group(6)))
        last_first = self._last_first(text, lf, voc) if lf else []
        other = self._caps_names(text, caps) if caps else []
        if voc or cit or rel:
            other += self._slot_names(text, voc, cit, rel)
        return other, last_first

    def _last_first(self, text: str, matches=None, vocatives=None) -> list[Finding]:
        """ "Last, First" ("Dubois, Étienne", "Ferreira, Ana Paula", "O'Brien, Patrick J."): a listed
        surname (or a surname ending), a comma and a listed given name that is no heading, place or
        function word; and citations ("Okonjo, A.", "Wang, Y.", "Smith, J. R."): a listed surname or
        a word of no lexicon, not a place, before one to three initials (not "Washington, D.C.")."""
        out = []
        if matches is None:  # alone (tests): its own pass
            vocatives = []
            matches = [(m.start(m.lastindex), m.group(m.lastindex)) for m in _finditer(_ONE_PASS, text)]
            matches = [x for x, m in zip(matches, _finditer(_ONE_PASS, text)) if m.lastindex in (2, 3)]
        for start, whole in matches:
            sur, second = whole.split(",", 1)
            second = second[1:]
            s2, e2 = start + len(sur) + 2, start + len(whole)
            if second[-1:] != ".":
                if _VOCATIVE_TAIL.match(text, e2) is not None:
                    vocatives.append((s2, e2))  # "Hello, Kemi.": may be a vocative instead
                if _LAST_GIVEN_END.match(text, e2) is None:
                    continue  # "Facebook, Twitter users": the second word starts a phrase
            if (
                sur.lower() in STOP_WORDS
                or sur in self._kinds_cue
                or sur in SALUTATION_WORDS
                or sur in PLACE_HEADS
            ):
                continue
            if (
                _ONE_CAP_BEFORE.search(text, max(0, start - 32), start - 1) is not None
                and text[start - 1] in _BLANKS
            ):
                continue  # "Tom Jones, David Griffin", "San Diego, Santa Cruz": a list of full names or places
            if second.endswith("."):  # initials: a citation
                letters = second.replace(".", "").replace(" ", "").replace("-", "")
                if (
                    letters in _NOT_NAME_INITIALS
                    or letters in _CREDENTIALS_UPPER
                    or (sur in self.places and sur not in self.surnames)
                    or (sur.isupper() and len(sur) > 1)
                    or (
                        len(letters) == 2 and " " not in second and sur not in self._surnames_all
                    )  # "Raritan, N.J."
                ):
                    continue
                listed = sur in self._surnames_all or sur in PINYIN_SURNAMES
                if not (listed or (self._shape_candidate(sur) and not sur.endswith("s"))):
                    continue
                out.append(Finding(self.ENTITY, start, e2, 0.5))
                continue
            g = _ONE_CAP.match(text, s2)
            if g is None:
                continue
            given = g.group()
            after = _ONE_CAP.match(text, g.end() + 1) if text[g.end() : g.end() + 1] == " " else None
            if (
                not (given in self.alone or (given in self._hand_given and given not in AMBIGUOUS_GIVEN))
                or (after is not None and after.group() in NOT_NAME_WORDS)  # "Lawrence, Long Beach"
                # a list of given names ("Victor, Andrew, Brandon, John and April")
                or (sur in self.given and (_LIST_ON.match(text, g.end()) or text[start - 2 : start] == ", "))
                # a firm of surnames ("Rose, Turner and Thompson", "White, Willis and Hoffman, Lucid and ...")
                or (
                    _AND_AFTER.match(text, g.end()) is not None
                    and (given in self._surnames_all or _AND_BEFORE.search(text, max(0, start - 6), start))
                )
                or given in NOT_NAME_WORDS
                or given.lower() in STOP_WORDS
                or given in GIVEN_NAMES_THAT_ARE_PLACES
                or not (sur in self.surnames or (sur in self._surnames_all and sur not in self.places))
            ):
                continue
            end = g.end()
            if text[end : end + 1] == " ":  # "Ferreira, Ana Paula", "O'Brien, Patrick J."
                more = _INITIAL_AFTER.match(text, end)
                if more is None:
                    more = _ONE_CAP.match(text, end + 1)
                    if more is not None and (
                        more.group() not in self.given or more.group() in self._not_surname
                    ):
                        more = None
                if more is not None:
                    end = more.end()
            out.append(Finding(self.ENTITY, start, end, 0.5))
        return out

    @staticmethod
    def _with_last_first(extra: list[Finding], found: list[Finding]) -> list[Finding]:
        """``found`` with the "Last, First" names and citations ``extra``; a finding inside one goes."""
        # a sweep over both lists in start order (they are sorted; the findings do not overlap, so
        # their ends rise too): linear, where a scan of all findings per name was quadratic
        ends = [f.end for f in found]
        drop: set[int] = set()
        added = []
        for x in extra:
            i = bisect.bisect_right(ends, x.start)  # the first finding ending after x starts
            j = i
            while j < len(found) and found[j].start < x.end:
                j += 1
            if all(x.start <= found[k].start and found[k].end <= x.end for k in range(i, j)):
                drop.update(range(i, j))  # none reaches out of it: x replaces them
                added.append(x)
        out = [f for k, f in enumerate(found) if k not in drop] + added
        out.sort(key=lambda f: f.start)
        return out

    def _given_here(self, w: str) -> bool:
        """A listed given name, even one that is a word ("Mark", "Frank", "Heather"), where the slot
        says it is a person: no month, weekday, heading, place or function word."""
        return (
            w in self.given
            and w not in NOT_NAME_WORDS
            and w not in self.places
            and w.lower() not in STOP_WORDS
            and w not in SALUTATION_WORDS
            and w not in self._kinds_cue
        )

    def _slot_names(self, text: str, vocatives, cited, relatives) -> list[Finding]:
        """Vocatives at a sentence's end ((start, end) of the word), surnames cited with a year,
        relatives' given names ((start, word) of ``_ONE_PASS``'s groups 5 and 6)."""
        out = []
        for s, e in vocatives:
            w = text[s:e]
            if w in _ABBREVIATIONS and text[e] == ".":
                continue  # "Seattle, Wash.", "Tulsa, Okla."
            if _ONE_CAP_BEFORE.search(text, max(0, s - 34), s - 2) is not None:
                continue  # "University of California, Irvine.", "Mail, Contacts, Safari.": a list or place
            if self._given_here(w) or self._shape_word(w):
                out.append(Finding(self.ENTITY, s, e, 0.45))
        for s, w in cited:
            if w.endswith(_POSSESSIVE):
                w = w[:-2]  # "In Chukwu's (2016) framework": the surname
            if w.lower() in STOP_WORDS or w in self.places or w in PLACE_HEADS or w in self._kinds_cue:
                continue
            if w in self._surnames_all or (self._shape_word(w) and not w.endswith("s")):
                out.append(Finding(self.ENTITY, s, s + len(w), 0.45))
        for s, w in relatives:
            if self._given_here(w) or w in self.alone:
                out.append(Finding(self.ENTITY, s, s + len(w), 0.5))
        return out

    def _caps_name_word(self, t: str) -> int:
        """A word of a name in capitals, title-cased: 2 a listed given name, 1 a listed surname,
        Pinyin surname or surname ending, 0 neither."""
        if t.lower() in STOP_WORDS or t in PLACE_HEADS or t in SALUTATION_WORDS or t in self._kinds_cue:
            return 0
        if t in self.given:
            return 2
        return 1 if t in self._surnames_all or t in PINYIN_SURNAMES or self.is_surname(t) else 0

    def _caps_names(self, text: str, candidates=None) -> list[Finding]:
        """Names written in capitals (module docstring): runs of words in capitals, split at words
        that are no listed name. A run of two or three is a name when it starts with a listed given
        name that is no heading, product or place word and ends with a listed surname ("DENNIS
        KOWALSKI"), and no street, firm or heading word follows it ("MARTIN LUTHER KING JR BLVD").
        After a form's label ("NAME:", "Ship to:", "SURNAME:") one to three listed names, or a
        Pinyin surname and given name ("CHEN JIAHUI"), or "LAST, FIRST" ("GONZALEZ, MARIA"). A listed
        given name in capitals labelling a line of dialogue is a speaker ("ELENA: In the drawer")."""
        out: list[Finding] = []
        runs: list[list] = []
        if candidates is None:  # alone (tests): its own pass
            candidates = [m.span(1) for m in _finditer(_ONE_PASS, text) if m.lastindex == 1]
        for c0, c1 in candidates:  # the runs of words in capitals (``_ONE_PASS``)
            prev_end = -10
            for m in _CAPS_WORD.finditer(text, c0, c1):
                s = m.start()
                if runs and s - prev_end <= 8 and _CAPS_GAP.fullmatch(text, prev_end, s) is not None:
                    runs[-1].append(m)
                else:
                    runs.append([m])
                prev_end = m.end()
        for run in runs:
            kinds = [self._caps_name_word(m.group().title()) for m in run]
            for k in range(1, len(run)):  # "LIU XIAOHONG": a Pinyin given name after a Pinyin surname
                if not kinds[k] and run[k - 1].group().title() in PINYIN_SURNAMES:
                    kinds[k] = 1 if _PINYIN_GIVEN.match(run[k].group().lower()) else 0
            i = 0
            while i < len(run):
                if not kinds[i]:
                    i += 1
                    continue
                j = i
                while j < len(run) and kinds[j] and j - i < _CAPS_MAX_WORDS:
                    j += 1
                sub, kk = run[i:j], kinds[i:j]
                start, end = sub[0].start(), sub[-1].end()
                nxt = run[j].group().title() if j < len(run) else None
                if nxt in ("Jr", "Sr") and j + 1 < len(run):
                    nxt = run[j + 1].group().title()
                i = j
                if nxt is not None and nxt in NOT_NAME_WORDS and nxt not in _AFTER_NAME_OK:
                    continue  # "MARTIN LUTHER KING JR BLVD", "GRANT PARK", "ACME CORP"
                words = [m.group().title() for m in sub]
                lo = max(0, start - _CAPS_LABEL_WINDOW)
                nl = text.rfind("\n", lo, start)
                label = _CAPS_LABEL.search(text, nl + 1 if nl >= 0 else lo, start) is not None
                first = words[0]
                ok = (
                    len(sub) >= 2
                    and kk[0] == 2
                    and first not in NOT_NAME_WORDS
                    and first not in AMBIGUOUS_GIVEN
                    and (first not in self.places or words[-1] in self.surnames)
                    and (
                        words[-1] in self._surnames_all
                        or self.is_surname(words[-1])
                        or words[-1] in PINYIN_SURNAMES
                    )
                )
                if not ok and label:
                    ok = len(sub) >= 2 or first not in NOT_NAME_WORDS
                if ok:
                    # "GONZALEZ, MARIA" after a label: the given name after the comma is part of it
                    if label and len(sub) == 1 and text[end : end + 2] == ", ":
                        after = _CAPS_WORD.match(text, end + 2)
                        if after is not None and after.group().title() in self.given:
                            end = after.end()
                    out.append(Finding(self.ENTITY, start, end, 0.5))
                elif (
                    len(sub) == 1
                    and words[0] in self.alone  # no word or abbreviation ("ERA: 3.21", "ADD:")
                    and text[end : end + 1] == ":"
                    and (start == 0 or text[start - 1] == "\n")
                    and text[end + 1 : end + 2] in _BLANKS
                ):
                    out.append(Finding(self.ENTITY, start, end, 0.45))  # "ELENA: In the drawer"
        return out

    def _firm_near(self, text: str, f: Finding, span: str) -> bool:
        """A finding holding one word of a firm's name may be part of one: two such words in it, a
        possessive after it, or such a word right before or after it (across "&" / "and")."""
        firm_words = self._firm_words
        if sum(w.casefold().removesuffix("'s") in firm_words for w in span.split()) >= 2:
            return True
        if text[f.end : f.end + 2] in _POSSESSIVE or span.endswith(_POSSESSIVE):
            return True
        m = _FIRM_NEXT.match(text, f.end, min(len(text), f.end + 40))
        if m is not None and m.group(1).casefold().removesuffix("'s") in firm_words:
            return True
        m = _FIRM_PREV.search(text, max(0, f.start - 40), f.start)
        return m is not None and m.group(1).casefold() in firm_words

    def _without_firms(self, text: str, found: list[Finding]) -> list[Finding]:
        """The findings less those inside a firm's or brand's name that is made of names ("Morgan
        Stanley", "Johnson & Johnson", "Wendy's"; ``en_eponymous_firms.txt``) and has no title
        before it. A finding is read further only when its text, first or last word starts or ends
        such a name (``_firm_affixes``) and ``_firm_near`` finds another word of one beside it;
        then the firm's name may start up to two words before it and end after it."""
        drop_until = -1
        out = []
        dropped: set[str] = set()  # the words of the firms' names dropped so far ("Schwab" later on)
        for f in found:
            if f.start < drop_until:
                continue
            span = text[f.start : f.end]
            if dropped and span.casefold() in dropped:
                continue
            maybe = self._firm_spans.get(span)
            if maybe is None:
                if len(self._firm_spans) > _UNLISTED_KNOWN_MAX:
                    self._firm_spans.clear()
                words = span.replace(".", "").split()
                affixes = self._firm_affixes
                maybe = self._firm_spans[span] = any(
                    k in affixes or k.removesuffix("'s") in affixes
                    for k in (firm_key(words), firm_key(words[:1]), firm_key(words[-1:]))
                )
            if not maybe or not self._firm_near(text, f, span):
                out.append(f)
                continue
            lo = max(0, f.start - 24)
            line = text.rfind("\n", lo, f.start)
            lo = line + 1 if line >= 0 else lo
            runs = list(_FIRM_RUN.finditer(text, lo, min(len(text), f.end + _FIRM_WINDOW)))
            first = next((i for i, r in enumerate(runs) if r.start() >= f.start), len(runs))
            end = -1
            for i in range(max(0, first - 2), first + 1):
                if i >= len(runs) or runs[i].group().casefold() in ("mr", "mrs", "ms", "dr"):
                    continue
                for k in range(i + 1, min(len(runs), i + _FIRM_MAX_WORDS) + 1):
                    if runs[k - 1].end() >= f.start and firm_key(r.group() for r in runs[i:k]) in self._firms:
                        end = max(end, runs[k - 1].end())
            if end < 0 or text[f.start : f.start + 2] in ("Mr", "Ms", "Dr") or span.split()[0] in _EN_TITLES:
                out.append(f)
            else:
                drop_until = end  # "Johnson & Johnson": the second "Johnson" goes too
                dropped.update(w.casefold() for w in _FIRM_RUN.findall(text, f.start, end))
        return out

    def _span_kind(self, span: str) -> tuple[str, int, int]:
        """A finding's text read once and remembered (bounded): its key (``firm_key``), its word
        count, and 1 for a work's, brand's or place's name (``en_named_works.txt``), 2 for a word
        that is one only before a possessive ("Parkinson's"), 3 after a title ("Dr."), 4 after a
        place word or before a team's or institution's word ("Lake Victoria", "Bolton Wanderers"),
        else 0."""
        kind = self._work_spans.get(span)
        if kind is None:
            if len(self._work_spans) > _UNLISTED_KNOWN_MAX:
                self._work_spans.clear()
            words = span.replace(".", "").split()
            key = firm_key(words)
            whole, makes, possessive = self._works
            if key in whole or (len(words) == 2 and firm_key(words[:1]) in makes):
                tag = 1
            elif len(words) == 1 and key in possessive:
                tag = 2
            elif words and words[0] in _EN_TITLES:
                tag = 3
            else:
                tag = (
                    4
                    if len(words) >= 2
                    and (_BEFORE_KIND.get(span[: span.find(" ")]) == 1 or words[-1] in _NAMED_LAST)
                    else 0
                )
            kind = self._work_spans[span] = (key, len(words), tag)
        return kind

    def _before_kind(self, text: str, start: int) -> int:
        """The word before a finding (``_BEFORE_KIND``): 1 a place word ("St. Louis", "Gare du
        Nord"), 2 a work noun ("the novel Rebecca", 'the song "Jolene"'), 3 a work noun that is
        also a verb, after a determiner ("the play Educating Rita"); else 0."""
        lo = max(0, start - 32)
        toks = text[lo:start].rstrip(_QUOTES_BEFORE).split()
        if not toks:
            return 0
        prev = toks[-1]
        kind = _BEFORE_KIND.get(prev.lstrip(_QUOTES_BEFORE))
        if kind is None and prev.casefold() in _PLACE_LINKS and len(toks) >= 2:  # "Gare du Nord"
            k = len(toks) - 2
            if k >= 1 and toks[k].casefold() in _PLACE_LINKS:
                k -= 1
            kind = _BEFORE_KIND.get(toks[k])
            return 1 if kind == 1 else 0
        if kind == 1:
            return 1 if text[start - 1] in " \t" else 0
        if kind == 3:
            return 3 if len(toks) >= 2 and toks[-2].casefold() in _WORK_DETS else 0
        return kind or 0

    def _without_works(self, text: str, found: list[Finding]) -> list[Finding]:
        """The findings less names of works, characters, brands and places (``en_named_works.txt``:
        "Jane Eyre", "Romeo and Juliet", "Porsche Cayenne", "Parkinson's"), titles "X and the Y of
        Z", and names in a frame: an institution or eponym word after ("Kennedy Center", "Halley's
        Comet", "Doppler effect"; ``_AFTER_KIND``), a place word or work noun before
        (``_before_kind``) or a place word first ("Lake Victoria"). Not after a title such as "Dr.".
        Set and dict look-ups and slices per finding, no pass over the text."""
        whole = self._works[0]
        firsts = self._work_firsts
        spans = self._work_spans
        out: list[Finding] = []
        drop_until = -1
        skip_next = False
        last = len(found) - 1
        kind_of, next_match, after_kind = self._span_kind, _NAMED_NEXT.match, _AFTER_KIND.get
        possessive, next_gate, before_gate, quotes = (
            _POSSESSIVE,
            self._next_gate,
            _BEFORE_GATE,
            _QUOTES_BEFORE,
        )
        for i, f in enumerate(found):
            if skip_next or f.start < drop_until:
                skip_next = False
                continue
            s, e = f.start, f.end
            span = text[s:e]
            kind = spans.get(span) or kind_of(span)
            key, n_words, tag = kind
            if tag == 1 or (tag == 2 and text[e : e + 2] in possessive):
                if text.startswith(" and the ", e):  # "Harry Potter and the Goblet of Fire"
                    m = _AND_THE_TITLE.match(text, e, e + 120)
                    drop_until = m.end() if m is not None else drop_until
                continue
            if i < last and found[i + 1].start - e <= 5:  # "Romeo and Juliet"
                g = found[i + 1]
                if text[e : g.start].strip() in ("and", "&"):
                    if key + " & " + self._span_kind(text[g.start : g.end])[0] in whole:
                        skip_next = True
                        continue
            if tag == 3:
                out.append(f)
                continue
            c = text[e : e + 1]
            if c == " ":  # the after-word match only where a head word may start
                nxt = (
                    next_match(text, e, e + 26)
                    if text[e + 1 : e + 3] in next_gate or text[e + 1 : e + 4] in _DISH_GATE
                    else None
                )
            else:
                nxt = next_match(text, e, e + 26) if c in next_gate else None
            if nxt is not None:
                head = nxt.group(2)
                after = after_kind(head)
                if after is None and nxt.group(1) and head in _ORDINALS:  # "Newton's third law"
                    nxt2 = next_match(text, nxt.end(), nxt.end() + 26)
                    if nxt2 is not None and after_kind(nxt2.group(2)) == 2:
                        after = 2
                if after == 1 or (after == 2 and n_words == 1 and (nxt.group(1) or head[0].islower())):
                    continue
                if not nxt.group(1) and (after == 5 or (after == 6 and n_words == 1)):
                    continue  # "Kenneth Cole shoes", "Huffman coding", "Hilbert space": a product or term
                if after == 2 and nxt.group(1) and n_words == 2 and span[: span.find(" ")] not in self.given:
                    continue  # "Use Dijkstra's algorithm": a sentence's verb before an eponym
                if (
                    n_words == 1
                    and key in firsts
                    and not nxt.group(1)
                    and key + " " + head.casefold() in whole
                ):
                    continue  # a later mention's word that starts a work's name: "Oliver Twist"
            if text.startswith(" and the ", e):
                m = _AND_THE_TITLE.match(text, e, e + 120)
                if m is not None:
                    drop_until = m.end()
                    continue
            if tag == 4:  # a place word first: "Lake Victoria"
                continue
            if text.startswith(_IS_HEADS, e) and _THING_DEFINED.match(text, e, e + 72):
                continue  # "Marvin is the bot that ...", "Otto is the German retailer": a thing defined
            if n_words >= 2 and s >= 4 and text[s - 4 : s] in _THE and self._the_thing(text, s, span):
                continue  # "the Muslim Brotherhood", "the Red Cross", "the Eliot Era": a named thing
            if (
                n_words == 1
                and (span in self.places or span in self._lexicon_caps)
                and self._joined_thing(text, s, e)
            ):
                continue  # "Raleigh and Charlotte", "Pascal and Fortran": a list of places or languages
            c = text[s - 1] if s else ""
            if c == " ":  # the word before, read whole only when it may be a place word or work noun
                k = text.rfind(" ", s - 14 if s > 14 else 0, s - 1)
                # (no blank in the 13 characters before: a word too long for the gate, sliced no further
                # back; ``text[0 : s - 1]`` made a run of findings after long words quadratic)
                if (
                    (k < 0 and s > 14)
                    or text[k + 1 : s - 1] not in before_gate
                    or not self._before_kind(text, s)
                ):
                    out.append(f)
            elif c == "" or c not in quotes or not self._before_kind(text, s):
                out.append(f)
        return out

    def _the_thing(self, text: str, s: int, span: str) -> bool:
        """A run of names after "the" whose last word is an ordinary word, a technical word no surname
        list has, or a word of a body or plural ("the Red Cross", "the Eliot Era", "the Sina Weibo",
        "the Muslim Brotherhood", "the Green Bay Packers"): a thing or a body named after someone or
        something. A name after "the" with a surname last stays ("the Lance Armstrong story")."""
        if s > 4 and (text[s - 5].isalnum() or text[s - 5] in "-'’"):
            return False  # "bathe X", "lathe X": no article
        last = span[span.rfind(" ") + 1 :]
        if last in self._surnames_all and span[: span.find(" ")] in self._hand_given:
            return (
                False  # a common given name and a surname: "the Curtis Hill version", "the Chris Rock show"
            )
        return (
            last in self._not_surname_word
            or (last in self._lexicon_caps and last not in self._surnames_all)
            or last.endswith(_BODY_ENDS)
        )

    def _joined_thing(self, text: str, s: int, e: int) -> bool:
        """A lone name joined by "and", "or" or "&" to a lone capitalised place or technical word that
        no given-name or surname list has ("Pascal and Fortran", "Rust or Haskell"): one of a list of
        places or tools. Not a word of a longer capitalised run on either side ("Obama and Gov. Mitt
        Romney", "Braun and The Carlyle Group"). Slices and one bounded match per side, no text pass."""
        if _CAP_NEXT.match(text, e) is not None or text[e : e + 1] in _APOSTROPHES:
            return False  # the name goes on ("Mitt Romney") or owns something ("Race and Obama's legacy")
        k = e + 5 if text.startswith(" and ", e) else e + 4 if text.startswith(" or ", e) else 0
        if not k and text.startswith(" & ", e):
            k = e + 3
        if k:
            m = _ONE_CAP.match(text, k, k + 40)
            if m is not None and self._thing_word(m.group()) and _CAP_NEXT.match(text, m.end()) is None:
                return True
        k = s - 5 if text.startswith(" and ", s - 5) else s - 4 if text.startswith(" or ", s - 4) else 0
        if not k and text.startswith(" & ", s - 3):
            k = s - 3
        if k > 0:
            m = _ONE_CAP_BEFORE.search(text, max(0, k - 40), k)
            if (
                m is not None
                and self._thing_word(m.group())
                and _CAP_PREV.search(text, max(0, m.start() - 40), m.start()) is None
            ):
                return True
        return False

    def _thing_word(self, w: str) -> bool:
        """A place or a word of the technical lexicon that no given-name or surname list has ("Fortran")."""
        return (
            (w in self.places or w in self._lexicon_caps)
            and w not in self.given
            and w not in self._surnames_all
            and w not in _EN_TITLES
            and w.lower() not in STOP_WORDS
        )

    def _east_asian(self, words: list[str]) -> bool:
        """A surname-first East Asian name with no cue: a Vietnamese surname and two or three given
        parts ("Nguyen Van An", "Le Thi Thu"), a Japanese surname and given name ("Tanaka Hiroshi"),
        a Korean surname and a given name of two listed syllables ("Kim Min-jun", "Park Ji Hoon")."""
        first, rest = words[0], words[1:]
        if first in self._vi_surnames and 2 <= len(rest) <= 3:
            return all(
                _unmarked(w) in self._vi_given for w in rest
            )  # "Nguyễn Thị Thu Hà" as "Nguyen Thi ..."
        if first in self._ja_surnames and len(rest) == 1:
            return rest[0] in self._ja_given
        if first in self._ko_surnames and 1 <= len(rest) <= 2:
            syllables = [p for w in rest for p in w.lower().split("-")]
            return len(syllables) == 2 and all(p in self._ko_given for p in syllables)
        return False

    def _korean_given_first(self, text: str, found: list[Finding]) -> list[Finding]:
        """A Korean surname found alone after a hyphenated given name of two listed syllables, written in
        the Western order ("Ji-woo Han", "Seo-jun Park"): the finding takes the given name in."""
        out = found
        for k, f in enumerate(found):
            if f.end - f.start > 7 or f.start < 3 or text[f.start - 1] != " ":
                continue  # (Korean surnames are short: "Kim", "Hwang", "Namgung")
            if text[f.start : f.end] not in self._ko_surnames:
                continue
            g = _KO_GIVEN_BEFORE.search(text, max(0, f.start - 16), f.start)
            if g is None or not all(p in self._ko_given for p in g.group(1).lower().split("-")):
                continue
            if k and found[k - 1].end > g.start():
                continue
            if out is found:
                out = list(found)
            out[k] = Finding(self.ENTITY, g.start(), f.end, max(f.score, 0.55))
        return out

    def _second_surname(self, text: str, found: list[Finding]) -> list[Finding]:
        """A name of three words (the most ``_EN_NAME`` reads) ending in a surname, written before one more
        listed surname that ends the capitalised run: two given names and the two surnames of Spanish and
        Portuguese names ("María José García López", "Juan Carlos Fernández Ruiz", "Ana Paula Ferreira
        Santos"); the finding takes it in. Not a place, a street or a firm's word after it ("... García
        Madrid", "... Ruiz Street", "... Ruiz Foundation" stay as they were)."""
        out = found
        n = len(text)
        for k, f in enumerate(found):
            e = f.end
            if e + 3 >= n or text[e] != " " or not text[e + 1].isupper():
                continue
            span = text[f.start : e]
            if span.count(" ") != 2 or not self.is_surname(span[span.rfind(" ") + 1 :]):
                continue
            j = e + 1
            while j < n and text[j].isalpha():
                j += 1
            if j - e > 21 or (j < n and text[j] in "-'’@") or (k + 1 < len(found) and found[k + 1].start < j):
                continue
            if j + 1 < n and text[j] == " " and text[j + 1].isupper():
                continue  # the run goes on: a firm's or a place's name, or another list's item
            w = text[e + 1 : j]
            if w in NOT_NAME_WORDS or w in self.places or not self.is_surname(w) or not w[1:].islower():
                continue
            if out is found:
                out = list(found)
            out[k] = Finding(self.ENTITY, f.start, j, f.score)
        return out

    def _irish_given(self, text: str, found: list[Finding]) -> list[Finding]:
        """An Irish surname after its particle (Ó, Ní, Nic, Uí) found without the given name before it,
        or without the particle: the finding takes both in when the word before the particle is a listed
        given name, accents read as absent ("Siobhán Ní Bhriain", "Pádraig Ó Súilleabháin")."""
        out = found
        for k, f in enumerate(found):
            s = f.start
            span = text[s : s + 4]
            if span.startswith(_IRISH_PARTICLES):
                p = s  # the finding holds the particle
            else:
                p = next((s - len(q) for q in _IRISH_PARTICLES if text.endswith(q, max(0, s - 4), s)), -1)
                if p < 0:
                    continue
            if p < 3 or text[p - 1] != " ":
                continue
            g = p - 1
            while g > 0 and text[g - 1].isalpha() and p - g <= 16:
                g -= 1
            if g > 0 and (text[g - 1].isalnum() or text[g - 1] in "'’-"):
                continue
            w = text[g : p - 1]
            if len(w) < 2 or not w[0].isupper() or (w not in self.given and _unmarked(w) not in self.given):
                continue
            if k and found[k - 1].end > g:
                continue
            if out is found:
                out = list(found)
            out[k] = Finding(self.ENTITY, g, f.end, f.score)
        return out

    def _vi_rest(self, text: str, end: int) -> int:
        """The end of a Vietnamese name read past its third word: one more listed given part
        ("Nguyen Thi Minh Khai", "Vo Thi Thanh Huong"), not before a place or firm word."""
        if text[end : end + 1] != " ":
            return end
        m = _ONE_CAP_VI.match(text, end + 1, end + 16)
        if (
            m is None
            or _unmarked(m.group()) not in self._vi_given
            or _EA_PLACE_AFTER.match(text, m.end()) is not None
        ):
            return end
        return m.end()

    def _place_frame(self, text: str, start: int, end: int) -> bool:
        """A lone name that is also a town (``_place_given``) stands in a place frame (``_PLACE_FRAME_*``)."""
        if _PLACE_FRAME_BEFORE.search(text, max(0, start - 12), start) is not None:
            return True
        if _PLACE_FRAME_SOFT.search(text, max(0, start - 6), start) is not None and (
            _PLACE_FRAME_WORDS.search(text, max(0, start - 60), min(len(text), end + 60)) is not None
        ):
            return True
        m = _PLACE_FRAME_AFTER.match(text, end, min(len(text), end + 64))
        if m is None:
            return False
        region, mate = m.group("region"), m.group("mate")
        if region is not None:
            return region in self.places or region in _US_STATE_NAMES
        if mate is not None:
            return mate in self._place_given or (mate in self.places and mate not in self._hand_given)
        return True

    def _chat_slot(self, text: str, s: int, e: int) -> Finding | None:
        """A listed given name (``_chat_given``) as a speaker label at a line's start ("Tom: where",
        "<Anil> the server") or before "and I" / "pls" / "can you" ("Zainab and I")."""
        c = text[e]
        if c == " ":
            if not text.startswith(_CHAT_AFTER, e):
                return None
        elif (
            not (
                (c == ":" and text[e + 1 : e + 2] in (" ", "\t") and text[e + 2 : e + 3].strip())
                or (c == ">" and text[s - 1 : s] == "<")
            )
            or _SPEAKER_LINE.search(text, max(0, s - 8), s) is None
        ):
            return None
        if text[s:e] in self._place_given and self._place_frame(text, s, e):
            return None
        return Finding(self.ENTITY, s, e, 0.5)

    @staticmethod
    def _greeted_month(text: str, s: int, w: str) -> bool:
        """A month's name greeted at a line's start before a comma is a given name ("Hi April, are we
        ...", "Hello June,"); elsewhere it stays a month ("see you June", "thanks May for ...")."""
        if not text.startswith(",", s + len(w)):
            return False
        lo = max(
            0, s - 24
        )  # (a greeting is short: the line is read no further back, not from the text's start)
        k = text.rfind("\n", lo, s)
        if k < 0 and lo > 0:
            return False
        return text[k + 1 : s].strip(" \t").lower() in _GREETINGS

    def _chat_names(self, text: str, data: bytes | None = None) -> list[Finding]:
        """Names in chat and e-mail frames (``_CHAT_PASS``): a listed given name that is no place,
        heading or function word (``_chat_given``; in lower case, no English word either,
        ``_chat_lower``), not in a place frame."""
        out = []
        for m in _finditer(_CHAT_PASS, text, data):
            k = m.lastindex
            w = m.group(k)
            handle = w
            if k == 6:  # a lower-case speaker label ("ewa: hi", "nguyen.an: hi")
                cut = max(w.find("."), w.find("_"))
                if cut > 0:
                    w = w[:cut]
                    if w not in self._chat_lower and not self.is_surname(w.capitalize()):
                        continue
                elif w not in self._chat_lower or self._shape.is_word(w):
                    continue  # three letters here; from four, _lower_name's label rule
                s = m.start(k)
                out.append(Finding(self.ENTITY, s, s + len(handle), 0.45))
                continue
            if "_" in w:  # "@kwame_asante": the whole handle when its first part is a name
                w = w[: w.find("_")]
            if k >= 4:  # a chat's join/leave/transfer line: any name shape, no lexicon word
                if w.lower() in _CHAT_WORDS or not (
                    w.capitalize() in self._chat_given or self._shape_word(w.capitalize(), _SIGN_MIN)
                ):
                    continue
            elif w[0].isupper():
                if w.lower() in _CHAT_WORDS:
                    continue
                if w in _MONTH_SURNAMES and k == 1:
                    if not self._greeted_month(text, m.start(k), w):
                        continue
                elif w not in self._chat_given and (k != 3 or not self._shape_word(w, _SIGN_MIN)):
                    continue  # alone on the line after a closing ("Warmly,\nYsolde"): any name shape
                elif k == 1 and w in AMBIGUOUS_GIVEN:
                    continue  # "ok Will do", "thanks Grace": a word as often
            elif w not in self._chat_lower:
                continue
            s = m.start(k)
            e = s + len(w)
            if w.capitalize() in self._place_given and self._place_frame(text, s, e):
                continue
            out.append(Finding(self.ENTITY, s, s + len(handle), 0.5))
        return out

    def prepare(self, texts) -> None:
        """Read the whole-text passes of ``texts`` (the documents of a batch that :meth:`analyze`
        will be called on next) pass by pass: each automaton (RE2's, ``re``'s, the cue automaton)
        runs over every text while it is in the CPU's caches; run once per document between the other
        steps and recognizers, the same passes cost up to twice as much. The passes are the calls
        :meth:`analyze` makes, on the same text, so its findings are identical; a text not prepared
        (or prepared by an earlier call) is read as before. Replaces what an earlier call prepared."""
        texts = prepared_share(texts)
        data = [t.encode("utf-8") for t in texts]
        gates = [_gates(d) for d in data]
        split = [_CAP_SPLIT.split(t) for t in texts]
        hits = [self._cue_hits(t, d, g) for t, d, g in zip(texts, data, gates)]
        initials = [_initials_cues(t, d) for t, d in zip(texts, data)]
        age = [list(_age_or_who(t)) for t in texts]
        names = [self._pattern_names(t, d) for t, d in zip(texts, data)]
        chat = [
            self._chat_names(t, d) if any(g in t for g in _CHAT_GATES) else None for t, d in zip(texts, data)
        ]
        prepared = list(zip(texts, data, gates, split, hits, initials, age, names, chat))
        # the candidate starts of each text (its passes read above), then the name pattern at every start
        # of every text in one loop (2-3x cheaper than between each text's other steps): a start the
        # candidate loop skips (inside an accepted name) is matched too, a match it never reads
        candidates = []
        for pre in prepared:
            t = pre[0]
            lower: list[Finding] = []
            shaped: set[int] = set()
            lower_words = _LowerWords(t)
            split: list = []
            starts = self._starts(t, lower, shaped, lower_words, split, pre[1], pre[2], pre)
            candidates.append((starts, lower, shaped, lower_words, split))
        match = _EN_NAME.match
        self._prepared = {
            id(pre[0]): (*pre, (*c, {s: match(pre[0], s) for s in c[0]}))
            for pre, c in zip(prepared, candidates)
        }

    def analyze(self, text: str) -> list[Finding]:
        pre = self._prepared.pop(id(text), None) if self._prepared else None
        if pre is not None and pre[0] is not text:
            pre = None
        found: list[Finding] = []
        parts: set[str] = set()
        if pre is None:
            lower: list[Finding] = []
            shaped: set[int] = set()  # starts taken by the name-shape model
            lower_words = _LowerWords(text)  # the words the text writes in lower case, looked up on demand
            split: list = []  # the capitalised-word split of _cap_starts: (parts, words[, ends])
            data = text.encode("utf-8")  # one copy for every RE2 pass over the text
            gates = _gates(data)  # what the text holds of the whole-text gates below: one RE2 pass
            starts = self._starts(text, lower, shaped, lower_words, split, data, gates)
            match_at = None
        else:  # read by prepare: the same calls on the same text
            data, gates = pre[1], pre[2]
            starts, lower, shaped, lower_words, split, match_at = pre[9]
        n = len(text)
        last_end = 0
        for s in starts:
            if s < last_end:
                continue
            m = _EN_NAME.match(text, s) if match_at is None else match_at[s]
            if m is None:
                continue
            title = m.group("title")  # read once: a group look-up per use cost more than the rest of a test
            if title is not None and title.startswith("Col") and _after_house_number(text, m.start()):
                continue  # "Av. Insurgentes Sur 1602, Col. Roma": a colonia of a Mexican address, no colonel
            caps = m.captures("w")
            if caps[0] in (_EN_TITLES if title is not None else self._title_only):
                # "Lt Col Alexander Vindman", "Det. Sgt. Ryan Gallagher": the name starts after the titles
                continue
            words = list(zip(caps, m.starts("w"), m.ends("w")))
            while len(words) > 1 and words[-1][0] in _NAME_TAIL_DROP:  # "Ryan Bagy MD", "Jo Talon Suite"
                words.pop()
            caps = caps[: len(words)]  # the words left (credentials go from the end)
            if any(map(str.isupper, caps)) and any(len(c) > 1 and c.isupper() for c in caps):
                continue  # "NASA", "IBM": acronyms, not names (a one-letter initial is upper case too)
            if "I" in caps and " I " in m.group("name"):
                continue  # "The Man I Love": the pronoun, not a middle initial
            words = [w for w in words if len(w[0]) > 1]  # middle initials stay inside the span
            for k, w in enumerate(words[:-1]):  # "Faina D. Yefremova's Cautionary Tales": the name ends there
                if w[0].endswith(_POSSESSIVE):
                    if words[k + 1][0] in NOT_NAME_WORDS and words[k + 1][0] not in _AFTER_NAME_OK:
                        words = []  # "Sam's Club", "Macy's Store": a business or place named after someone
                    else:
                        del words[k + 1 :]
                    break
            if words and words[-1][0].endswith(_POSSESSIVE):  # "Caitlin's address": the name is Caitlin
                w, a, b = words[-1]
                words[-1] = (w[:-2], a, b - 2)
                if len(words) == 1 and w[:-2] in self.places:
                    continue  # "China's economy", "Cleveland's county": a place's
            if (
                len(words) == 1
                and not title
                and text[words[0][1] - 3 : words[0][1] - 1]
                in _POSSESSIVE  # the regex only where it may match
                and words[0][0] not in self._hand_given
                and _AFTER_POSSESSIVE.search(text, max(0, words[0][1] - 32), words[0][1])
            ):
                continue  # "Eamonn's Dream Burger", "Hitler's Nazi regime": a thing of someone's
            if (
                not title
                and len(words) >= 2
                and words[0][0] in self._ea_surnames
                and self._east_asian([w[0] for w in words])
                and _EA_PLACE_AFTER.match(text, words[-1][2]) is None
            ):
                # "Nguyen Van An", "Le Thi Thu", "Tanaka Hiroshi", "Kim Min-jun": surname first, no cue
                end = words[-1][2]
                if words[0][0] in self._vi_surnames and len(words) == 3:
                    end = self._vi_rest(text, end)  # "Nguyen Thi Minh Khai": a fourth part read after
                found.append(Finding(self.ENTITY, words[0][1], end, 0.55))
                last_end = end
                continue
            if (
                not title
                and (
                    (len(words) == 2 and words[0][0] in _NICK_HEADS)
                    or (
                        len(words) == 1
                        and text.endswith(_NICK_HEADS_SPACED, max(0, words[0][1] - 8), words[0][1])
                    )
                )  # (the tests of ``_nickname``'s head inline: a method call per run cost ~0.5 % of pii_redact)
                and (nick := self._nickname(text, words)) is not None
            ):
                # "Big Mike says", "Little Pete ran", "Old Joe at the store": a nickname of a given name
                found.append(Finding(self.ENTITY, nick, words[-1][2], 0.5))
                last_end = words[-1][2]
                continue
            if (
                len(words) == 2
                and words[1][0] in self._word_surnames
                and self._given_word_surname(words[0][0], words[1][0])
            ):
                # "Ms. Rebecca Stone", "Will Cook said", "Victoria Lane says": a listed given name and a
                # surname that is also a word, where a title or a person's verb makes the pair a name
                start, end = words[0][1], words[1][2]
                if m.group("suffix") and end == m.end("name"):
                    end = m.end("suffix")  # "Robert E. Lane Jr. was named"
                if title is not None or self._word_pair_slot(text, start, end, words[1][0]):
                    found.append(
                        Finding(
                            self.ENTITY, m.start("title") if title else start, end, 0.85 if title else 0.55
                        )
                    )
                    last_end = end
                    continue
            street = False
            while (
                words
                and words[-1][0] in NOT_NAME_WORDS
                and not (  # "Prime Minister Theresa May": a month as a surname after a title and a given name
                    title is not None
                    and len(words) == 2
                    and words[-1][0] in _MONTH_SURNAMES
                    and words[0][0] in self._hand_given
                    and _DATE_AFTER.match(text, words[-1][2]) is None  # not "Dr. Ann June 3 lecture"
                )
            ):  # "John Smith Street": a street; "Maria The": Maria
                street = street or words[-1][0] not in _AFTER_NAME_OK
                words.pop()
            if street:
                continue  # "Lahtinen Road", "Anderson Street": a street named after a person
            lead_cue = False
            while words and words[0][0].lower() in _CUE_WORDS:  # "Dear John", "Signed Mary Jones"
                words.pop(0)
                lead_cue = True
            while (
                len(words) > 1
                and not title
                and (
                    (
                        words[0][0].lower() in STOP_WORDS
                        and _sentence_start(text, words[0][1])
                        and not (words[0][0] in self.given and self.is_surname(words[-1][0]))
                    )
                    or (  # "Honestly Gavin was"
                        words[0][0].endswith("ly") and self._opening_adverb(text, words[0][0], words[0][1])
                    )
                )
            ):
                words.pop(0)  # "Can Python ...?", "Will Smith come?": a question's verb, not a given name
            if not words or words[0][0] in PLACE_HEADS:
                continue  # "San Andrés", "Villa Darwin", "Princess Royal"
            if not title and words[0][0] in SALUTATION_WORDS:
                continue  # "Dear Sir or Madam", "Dear Friends and Family": no one named

            if words[0][0] in NOT_NAME_WORDS and not (
                len(words) >= 2 and words[0][0] in self.given and self.is_surname(words[-1][0])
            ):
                continue  # "Rose Garden", "May Day"; a given name that is a word before a surname stays
                # a name ("Rose Nekrasov", "April Martin")
            if not title and len(words) >= 2 and (i := self._thing_run(words)):
                if (
                    i >= 2
                    and self._given_no_word(words[0][0])
                    and words[i - 1][0] in self._surnames_all
                    and not self._word_after(text, words[-1][2])  # "James Webb Space Telescope"
                ):
                    # "Alec Baldwin Annoys", "Donald Trump Wasn't": a headline's verb after a name
                    del words[i:]
                elif (
                    len(words) >= 3
                    and words[0][0].lower() in self._shape.lexicon
                    and self._given_no_word(words[1][0])
                    and not self._thing_run(words[1:])
                ):
                    # "President Emmanuel Macron", "Governor John Bel Edwards": a word before a name
                    del words[0]
                else:
                    # "Heather Grey Hoodie", "Dakota Access Pipeline", "Red Hat": a product or a thing;
                    # nor is a word of it a name alone ("Heather" of "Heather Grey Hoodie")
                    last_end = m.end()
                    continue
            if any(w[0].lower() in STOP_WORDS and w[0] not in self.given for w in words[1:]):
                continue  # a heading in title case ("Page Not Found", "Back To Top"), not a name
            start, end = words[0][1], words[-1][2]
            if not title and (
                _PLACE_BEFORE.search(text, max(0, start - 9), start)
                or (
                    _HOUSE_NUMBER.match(text, end)
                    and _NUMBER_FIRST_STREET.match(text, end, min(n, end + 80)) is None
                )
            ):
                continue  # "Rue Joseph Vernet", "Via Santa Teresa", "San Giuseppe", "Joaquin Suarez 2906"
            if (
                len(words) > 1
                and not title  # "Mr. Nur el-Din": a title names a person, whatever the words
                and m.group("particle") is not None
                and (
                    words[0][0] in self.places
                    or words[0][0] in _PARTICLE_PLACE_HEADS
                    or words[-1][0] in self._not_surname_word
                    or words[-1][0] in PLACE_HEADS
                    or (
                        self._shape.is_word(words[0][0])
                        and words[0][0] not in self._hand_given
                        # "Maarten van den Heuvel": a listed given name and a listed surname that is no place
                        and not (
                            words[0][0] in self.given
                            and words[-1][0] in self.surnames
                            and words[-1][0] not in self.places
                        )
                    )
                )
            ):
                last_end = m.end()  # nor is its last word a name alone ("Sol")
                continue  # "Rio de Janeiro", "Costa del Sol": a place's name, not a particle's surname
            if m.group("suffix") and end == m.end("name"):
                end = m.end("suffix")
                after = _ONE_CAP.match(text, end + 1) if text[end : end + 1] in _BLANKS else None
                if (
                    after is not None
                    and after.group() in NOT_NAME_WORDS
                    and after.group() not in _AFTER_NAME_OK
                ):
                    continue  # "Martin Luther King Jr. Boulevard": a street named after a person
            first_given = words[0][0].capitalize() in self.given
            initial = len(words) == 2 and _HAS_INITIAL.search(m.group("name")) is not None
            # context (cue before, "who"/age after, sentence start) is read only where it decides
            score = 0.0
            if title:
                score = 0.85
            elif len(words) >= 2:
                if (
                    first_given
                    and (
                        words[0][0] not in self.places
                        or self.is_surname(words[-1][0])
                        or (words[0][0] in self._hand_given and self._shape_word(words[-1][0]))
                    )
                    and not self._word_last(words[-1][0], m)
                ):
                    # not "Phoenix Suns", "Sydney Opera": a city first needs a surname after it
                    score = 0.6
                elif (
                    (
                        self.is_surname(words[-1][0])
                        and (not _sentence_start(text, start) or self._plain_first(words[0][0]))
                    )
                    or (initial and self._initial_name(words, m.group("name")))
                    or lead_cue
                    or (  # "directed by Mashuu Samurakami": two unlisted words, both name shapes, in a slot
                        start in shaped
                        and len(words) == 2
                        and self._shape_word(words[0][0], SHAPE_MIN - _STRONG_SLOT_MARGIN)
                        and self._shape_word(words[1][0], SHAPE_MIN - _STRONG_SLOT_MARGIN)
                    )
                    or _EN_CUES.search(text, max(0, start - 24), start) is not None
                    or _EN_AFTER.match(text, end, min(n, end + 12)) is not None
                    or _NAME_CUE_TAIL.search(text, max(0, start - 12), start) is not None  # "name is A B"
                    or (  # "Respondent Abdulrahman Al-Sayed": after a role, listed or name-shaped words
                        self._role_before(text, start)
                        and all(
                            w[0] in self.given
                            or self.is_surname(w[0])
                            or self._shape_word(w[0], SHAPE_MIN - _STRONG_SLOT_MARGIN)
                            for w in words
                        )
                    )
                ):
                    score = 0.55
                elif (
                    len(words) <= 3
                    and words[0][0] in PINYIN_SURNAMES
                    and all(_PINYIN_GIVEN.match(w[0].lower()) for w in words[1:])
                ):
                    score = 0.55  # "Wang Fang", "Zhang Xiaoming": surname first, Pinyin given name
                elif self._subject_pair(text, words, start, end, lower_words):
                    score = (
                        0.5  # "Kasia Tilbury reckons", "Osric Featherstone joined": a subject before its verb
                    )
            elif words[0][0][1:].islower() or _PREFIXED_NAME.match(words[0][0]):  # "McCathie", "DeRose"
                w = words[0][0]
                if (first_given or self.is_surname(w)) and (
                    lead_cue or _EN_CUES.search(text, max(0, start - 24), start) is not None
                ):
                    score = 0.5
                elif (
                    w not in self.places
                    and w not in self._not_surname
                    and w.lower() not in STOP_WORDS  # "name? So did I"
                    and (
                        w in self.given
                        or self.is_surname(w)
                        or _OPEN_CUE_TAIL.search(text, max(0, start - 12), start)
                    )
                    and _STRONG_CUE.search(text, max(0, start - 12), start)
                ):
                    score = 0.5  # "Hi Khasanbek", "My name is Tamerlan": any name after a strong cue
                elif (
                    (w in self.given or w in self._surnames_all)
                    and w.lower() not in STOP_WORDS
                    and _NAME_CUE_TAIL.search(text, max(0, start - 12), start)
                ):
                    score = 0.5  # "call me Mark", "her maiden name is Hale": a listed name, even a word
                elif w in self._hand_given and w not in self.places and self._addressed(text, start, end):
                    score = (
                        0.5  # "Jack, don't go!", "Happy birthday Daisy!": a common given name, even a word
                    )
                elif (
                    (w in self.alone or self.is_surname(w) or start in shaped)
                    and not self._in_firm(text, start, end)
                    and not self._cap_run_before(text, start)  # "Santa Monica Pier"; not "Hi Manlio"
                    and not (w in self.places and _PLACE_PREP.search(text, max(0, start - 12), start))
                    and not (w in self.places and w not in self._hand_given)  # "Atlanta", "London" alone
                    and not (w in self._place_given and self._place_frame(text, start, end))
                    and _PLACE_AFTER.match(text, end, min(n, end + 16)) is None  # "Kingston upon Thames"
                ):
                    # "Nora is very reliable", "starring Melikov": a given name or surname that is no
                    # common word, place or heading word (not "San Francisco", "Green", "Victoria"),
                    # nor part of a firm's name ("Lopez, Santos and Coleman", "Ellis-Ingram")
                    score = 0.45
            if score >= 0.4:
                if title:
                    start = m.start("title")  # "Mr. Brown": the title tells the gender; generalize keeps it
                found.append(Finding(self.ENTITY, start, end, score))
                last_end = end
                if len(words) >= 2:
                    # later mentions of a part only where a list makes it a name part: "Monty Python"
                    # must not make every "Python" of a manual a person
                    first, last = words[0][0], words[-1][0]
                    if first in self.given and first not in self._not_surname:
                        parts.add(first)
                    if last not in self._not_surname and last not in self.places and last not in PLACE_HEADS:
                        if self.is_surname(last):
                            parts.add(last)
                        elif self._shape_candidate(last) and last.lower() not in lower_words:
                            # an unlisted surname ("Barack Obama" ... "Obama said") counts again unless the
                            # text also writes it in lower case, as a word ("python -m", "/usr/lib/linux")
                            parts.add(last)
        if (
            _GATE_INITIALS in gates
        ):  # _INITIALS_ANY.search: "J. R. Whitcombe": one fast scan, then re on the few
            initials = self._initials_names(text)
            if initials and found:  # "R. K. Iyer" takes the place of the "Iyer" found alone inside it
                inside = bytearray(n + 1)
                for f in initials:
                    inside[f.start : f.end] = b"\x01" * (f.end - f.start)
                found = [f for f in found if inside.find(0, f.start, f.end) != -1]
            lower = lower + initials
        # names in capitals, vocatives, cited surnames, relatives, "Last, First": one RE2 pass
        caps, last_first = self._pattern_names(text, data) if pre is None else pre[7]
        if caps:
            lower = lower + caps
        if pre is not None or any(g in text for g in _CHAT_GATES):
            chat = self._chat_names(text, data) if pre is None else pre[8]
            if chat:
                lower = lower + chat
        if any(g in text for g in _FORM_GATES):
            form = self._form_label_names(text)
            if form:
                lower = lower + form
        if lower:
            covered = bytearray(len(text) + 1)
            for f in found:
                covered[f.start : f.end] = b"\x01" * (f.end - f.start)
            for f in lower:  # a lower-case name may come from a cue and from the name automaton
                if not any(covered[f.start : f.end]):
                    covered[f.start : f.end] = b"\x01" * (f.end - f.start)
                    found.append(f)
            found.sort(key=lambda f: f.start)
        if last_first:
            found = self._with_last_first(last_first, found)
        if _GATE_SPEAKER in gates:  # a speaker label somewhere (its colon: ":" in text)
            found = self._with_speakers(text, found)
        if found:
            found = self._with_list_mates(text, found)
        if parts:  # later mentions of an accepted name's first or last word ("Bobby has ...")
            covered = bytearray(len(text) + 1)
            for f in found:
                covered[f.start : f.end] = b"\x01" * (f.end - f.start)
            # longest first and in a fixed order ("Can't" before "Can"), not in set order, which
            # varies with the hash seed. A part that is one word of the capitalised split ("Bobby")
            # occurs exactly where the split has it (a find of it away from a letter starts a split
            # word there, which ends where the find does): its positions come from the split (C-speed
            # set look-ups); any other part ("O'Neil", "McCain") by str.find.
            simple = [w for w in parts if _SPLIT_WORD.fullmatch(w) is not None] if len(split) >= 2 else []
            at: dict[str, list[int]] = {w: [] for w in simple}
            if simple:
                p_parts, p_words = split[0], split[1]
                p_ends = split[2] if len(split) > 2 else list(accumulate(map(len, p_parts)))
                for i in compress(range(1, len(p_parts), 2), map(at.__contains__, p_words)):
                    at[p_parts[i]].append(p_ends[i - 1])
            for w in sorted(parts, key=lambda w: (-len(w), w)):
                k = len(w)
                for s in at[w] if w in at else _find_all(text, w):
                    e = s + k
                    if not (covered[s] or (s > 0 and text[s - 1].isalnum()) or (e < n and text[e].isalnum())):
                        covered[s:e] = b"\x01" * k
                        found.append(Finding(self.ENTITY, s, e, 0.5))
            found.sort(key=lambda f: f.start)
        if found:
            found = self._korean_given_first(text, found)
        if found:
            found = self._second_surname(text, found)
        if found and ("Ó" in text or "Ní" in text or "Nic " in text or "Uí" in text):
            found = self._irish_given(text, found)
        if found:  # last: a firm's name also takes the later mentions of its parts ("Schwab")
            found = self._without_firms(text, found)
        if found:  # names of works, brands, places, institutions and eponyms
            found = self._without_works(text, found)
        return found
