"""Linear time of the English PERSON recognizer (``operators/pii/recognizers_person.py``) on
pathological texts of size n and 8n: issue 16's shapes (capitalised words, short "Dear John," lines,
one long token, Zalgo marks, "O'O'O'", "de la de la") and the en_person7 paths (role words before a
name, sports slots, abbreviated titles, Vietnamese marks, chat join lines and short speaker labels,
cited hyphenated and possessive surnames, unlisted words before a surname).

A complexity test, not a speed test (as ``tests/test_pii_linear.py``): the ratio T(8n) / T(n) of the
thread's CPU time (one run per size; the minimum of a few only near the bound, tests/pii_linear.py)
stays below 16 (linear: 8, quadratic: 64), with n grown until T(n) is large enough to measure.
"""

from __future__ import annotations

from operators.pii.recognizers_person import EnglishPersonRecognizer
from tests.pii_linear import linear_tests

MAX_RATIO = 16
MIN_SECONDS = 0.05  # (small times are noisy on a loaded machine)
START_N = 2048
MAX_N = (
    1 << 16
)  # 8n = 512K characters, issue 16's size (1 MB of distinct capitalised words: ~8x of 512K, also before)
REPS = 3

_CAPS = "Alpha Brennan Corvid Delmar Estuary Fontaine Garrow Hollis Ingram Jarvik ".split()


def _cap_words(n: int) -> str:
    """Distinct capitalised words (a counter spelt in letters after a listed capital), n characters."""
    out, k, size = [], 0, 0
    while size < n:
        w = _CAPS[k % len(_CAPS)] + "".join(chr(97 + int(d)) for d in str(k))
        out.append(w)
        size += len(w) + 1
        k += 1
    return " ".join(out)


CASES = {
    "capitalised_words": _cap_words,
    "dear_john_lines": lambda n: "Dear John,\n" * (n // 11),
    "one_token": lambda n: "X" + "abcdefghij" * (n // 10),
    "zalgo": lambda n: "Jo\u0301\u0316hn\u0308\u0323 Sm\u0301ith " * (n // 15),
    "o_apostrophe": lambda n: "O'" * (n // 2),
    "de_la": lambda n: "Juan " + "de la " * (n // 6) + "Cruz",
    "role_words": lambda n: "Coach Instructor Respondent Agent " * (n // 34),
    "role_before_names": lambda n: "Coach Olamide praised Respondent Abdulrahman Al-Sayed. " * (n // 55),
    "sports_slots": lambda n: "Zelmora scored. Rashford hit the post. Goal: Haaland. " * (n // 53),
    "titles_with_dots": lambda n: "Gov. Sen. Rep. Lt. Col. " * (n // 24),
    "titles_without_dots": lambda n: "Lt Col Gov Sen " * (n // 15),
    "vietnamese_marks": lambda n: "Nguyễn Thị Thu Hà " * (n // 18),
    "marked_letters_run": lambda n: "Nguy" + "ễ" * n,
    "chat_join_lines": lambda n: "tomek has joined the chat\n" * (n // 26),
    "chat_joins_one_line": lambda n: "chatting with " * (n // 14),
    "short_speaker_labels": lambda n: "[09:15] ewa: hi\n" * (n // 16),
    "handle_labels": lambda n: "marek.n: hi\n" * (n // 12),
    "label_colons": lambda n: "ewa:" * (n // 4),
    "cited_possessives": lambda n: "In Chukwu's (2016) and Ruiz-Zafón et al. (2019) " * (n // 49),
    "hyphen_caps_run": lambda n: "Ruiz-" * (n // 5) + "Zafón (2019)",
    "unlisted_before_surname": lambda n: "Venkataraghavan Subramaniam left. " * (n // 34),
}


test_linear = linear_tests(
    EnglishPersonRecognizer,
    CASES,
    n=START_N,
    max_n=MAX_N,
    min_seconds=MIN_SECONDS,
    bound=MAX_RATIO,
    reps=REPS,
)
