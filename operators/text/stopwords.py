"""Per-language stop-word lists for the Gopher "stop word" rule.

Gopher (Rae et al. 2021, App. A.1.1) keeps a document only if it contains at
least two of eight English function words: *the, be, to, of, and, that,
have, with*. The rule detects running prose: navigation menus, product
grids, code and keyword spam rarely use function words. It is only
meaningful with a list for the document's own language, so we keep one small
list per language of the same kind - the most frequent function words
(particles, auxiliaries, prepositions, conjunctions, demonstratives), which
occur in any real sentence of that language and rarely in boilerplate:

* ``en``: the Gopher list, verbatim (matched case-sensitively on tokens, as
  datatrove does).
* ``zh``: the most frequent function words of Modern Standard Chinese as
  segmented by jieba (structural particles 的/地/得, aspect particles 了/着/过,
  the copula 是, prepositions 在/对/从/把/被/向/与/于/以, conjunctions 和/而/及/
  并/但, adverbs 也/都/就/不, demonstratives 这/那, measure word 个, pronouns
  我们/他们, the verb 有...). Their ranks are stable across news, web and
  literary Chinese (e.g. the top of the Lancaster Corpus of Mandarin Chinese
  frequency list), so two of them almost surely occur in 50+ words of prose.
* ``ja``: particles and auxiliaries (の, に, は, を, が, で, と, も, て, た,
  です, ます, する, ある, いる...); with script-run segmentation particles can
  also be glued to neighbouring hiragana, so the list contains the common
  particle runs too.
* ``ko``: frequent standalone words and eojeol (그리고, 그, 이, 것이, 수, 있다,
  있는, 하는, 및, 또한, 그러나...).

For a language without a list here (fr, de, ...) the stop-word rule is
skipped and its signal is null (see ``quality_gopher.GopherQuality``); users
can pass ``stop_words`` to apply one list to every document.
"""

from __future__ import annotations

GOPHER_EN: tuple[str, ...] = ("the", "be", "to", "of", "and", "that", "have", "with")

ZH: tuple[str, ...] = tuple(
    """的 了 是 在 和 有 也 就 不 都 这 那 与 对 为 中 上 而 及 等 将 被 把 从 以 之 于 其 并 但 或
    着 过 地 得 个 我们 他们 你们 一个 没有 可以 因为 所以 如果 这个 这些 那些 已经 还 又 向 由 让 给
    要 会 能 我 你 他 她 它 自己 什么 这样 通过 进行 以及 对于 关于 其中 由于 因此 但是 而且 并且
    """.split()
)

JA: tuple[str, ...] = tuple(
    """の に は を が で と も て た だ です ます する ある いる この その これ それ から まで より
    など ない なる れる られる こと もの ため よう において について として には では とは のは
    が、 は、 て、 した して ている ました でした""".split()
)

KO: tuple[str, ...] = tuple(
    """그리고 그 이 저 것 것이 것을 수 있다 있는 없는 하는 한 할 및 등 또는 또한 그러나 하지만
    때문에 대한 위해 통해 있습니다 합니다 입니다 했다 된다 되는 우리 우리는 그는 이런 그런 더 잘
    """.split()
)

STOP_WORDS: dict[str, tuple[str, ...]] = {"default": GOPHER_EN, "en": GOPHER_EN, "zh": ZH, "ja": JA, "ko": KO}


def stop_words_for(family: str) -> frozenset[str]:
    """Stop words for a segmentation family (``default`` = the English Gopher list)."""
    return frozenset(STOP_WORDS.get(family, GOPHER_EN))
