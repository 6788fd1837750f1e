"""Build ``operators/pii/data/cn_trad_simp.txt``: the traditional -> simplified Chinese
character map the Chinese PERSON and ADDRESS recognizers read text through
(``operators/pii/zh_variants.py``), so that 陳大文 in 臺北市大安區 is found like 陈大文
in 台北市大安区 without a second set of word lists.

Source: OpenCC's character table ``TSCharacters.txt`` (Apache License 2.0; the
``opencc-python-reimplemented`` wheel ships it; only needed to rebuild, never at run time).
Kept: pairs of one code point each whose default (first) simplified form differs, leaving
out every traditional character that is also written in simplified text (a key of OpenCC's
``STCharacters.txt`` or a simplified form of another character: 乾, 於, 徵, 麽, ...), so
the map changes nothing in simplified text and never changes a string's length.

    pip download --no-deps opencc-python-reimplemented==0.1.7 && unzip the wheel, then
    python scripts/build_pii_trad.py opencc/dictionary/TSCharacters.txt opencc/dictionary/STCharacters.txt
"""

from __future__ import annotations

import argparse
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "operators" / "pii" / "data" / "cn_trad_simp.txt"


def _table(path: str) -> dict[str, list[str]]:
    out = {}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if line.strip():
            key, values = line.split("\t", 1)
            out[key] = values.split()
    return out


def pairs(ts: dict[str, list[str]], st: dict[str, list[str]]) -> list[tuple[str, str]]:
    simplified = set(st) | {v for values in ts.values() for v in values}
    return sorted(
        (k, v[0])
        for k, v in ts.items()
        if len(k) == 1 and len(v[0]) == 1 and v[0] != k and k not in simplified
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("ts_characters")
    ap.add_argument("st_characters")
    args = ap.parse_args()
    kept = pairs(_table(args.ts_characters), _table(args.st_characters))
    head = (
        "# Traditional -> simplified Chinese characters, one pair per line (TAB-separated), built by\n"
        "# scripts/build_pii_trad.py from OpenCC's TSCharacters.txt (Apache License 2.0): one code point\n"
        "# each, characters also written in simplified text left out. Read by operators/pii/zh_variants.py.\n"
    )
    OUT.write_text(head + "".join(f"{k}\t{v}\n" for k, v in kept), encoding="utf-8")
    print(f"{len(kept)} pairs -> {OUT}")


if __name__ == "__main__":
    main()
