"""Full-width forms folded to ASCII before the pattern recognizers run.

Chinese text often writes numbers and codes in full-width forms (U+FF01-U+FF5E:
"手机：１３８００１３８０００", "身份证号１１０１０５１９４９１２３１００２Ｘ",
"（０１０）６２３４５６７８") and uses the ideographic space U+3000. The recognizers'
patterns are ASCII (``regex.ASCII``: ``\\d`` is 0-9), so these are folded one to
one (U+FF01-U+FF5E to U+0021-U+007E, U+3000 to a space), as NFKC does for
them. The folded text has the same length, so a span found in it is the span of
the original characters; values are replaced in the original text.
"""

from __future__ import annotations

import re

_TABLE = str.maketrans({chr(c): chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)} | {"\u3000": " "})
_WIDE = re.compile("[\uff01-\uff5e\u3000]")


def fold_width(text: str) -> str:
    """``text`` with full-width ASCII forms and U+3000 as ASCII; same length, same object if none."""
    return text.translate(_TABLE) if _WIDE.search(text) is not None else text
