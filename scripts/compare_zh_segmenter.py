"""The compiled Chinese segmenter against rjieba: tokens, rule-filter decisions, CPU time.

``operators/quality/common.py`` segments Chinese documents with
``operators/text/jieba_numba.py`` (``ZH_SEGMENTER = "numba"``) or, as before, with rjieba
(``"rjieba"``). For each corpus (``--corpus``, JSONL.gz; Chinese documents only: a ``lang``
or ``lang_pred_lid176`` label starting with ``zh``, in an unlabelled document a fifth of its
non-space characters in U+4E00-9FFF; every document with ``--all``; a document with raw HTML
and no text gets the ``html_extract`` operator's text) this prints:

* tokens: ``jieba_numba.cut`` against ``rjieba.cut`` (HMM on) per document: identical tokens
  (a difflib alignment of the two token lists) and identical documents;
* decisions: gopher_quality, gopher_repetition, c4_quality and fineweb_quality (defaults,
  ``language: zh``, batches of ``--batch``) run once per path in this process, the shared token
  cache off: documents with a different keep/remove decision or reason, and with a signal that
  differs (floats within 1e-9);
* CPU (``time.process_time``, best of ``--reps``) of ``_zh_parts`` on all of the corpus's
  Chinese documents, per path, split into the segmentation and the token-id look-up, with a
  fresh vocabulary (``cold``) and with the vocabulary of the previous repetition (``warm``).

    python scripts/compare_zh_segmenter.py --corpus ../shared/corpora/zh_news.jsonl.gz \\
        --corpus ../shared/corpora/zh_reviews.jsonl.gz \\
        --corpus ../shared/corpora/multilang_handbook.jsonl.gz \\
        --corpus ../shared/corpora/web_pages_html.jsonl.gz
"""

from __future__ import annotations

import argparse
import difflib
import gzip
import json
import math
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import numpy as np  # noqa: E402
import pyarrow as pa  # noqa: E402

OPS = ("gopher_quality", "gopher_repetition", "c4_quality", "fineweb_quality")


def _extracted(docs: list[dict]) -> list[str]:
    """The main text of raw-HTML documents without a text (web_pages_html's Chinese pages), by the
    ``html_extract`` operator at its defaults (a page it removes: empty text)."""
    from operators import BUILTIN, load_operator

    mod, cls = next((m, c) for name, m, c in BUILTIN if name == "html_extract")
    op = load_operator(mod, cls)()
    op.ensure_setup()
    t = pa.table(
        {
            "id": [str(i) for i in range(len(docs))],
            "text": [""] * len(docs),
            "html": [d["html"] for d in docs],
        }
    )
    j = op.judge(t)
    texts = j.scored.column("text").to_pylist()
    return [x if k else "" for x, k in zip(texts, j.keep)]


def load(path: str, everything: bool) -> list[str]:
    out = []
    with gzip.open(path, "rt", encoding="utf-8") as f:
        docs = [json.loads(line) for line in f]
    no_text = [i for i, d in enumerate(docs) if not d.get("text") and d.get("html")]
    for i, text in zip(no_text, _extracted([docs[i] for i in no_text]) if no_text else []):
        docs[i]["text"] = text
    for d in docs:
        text = d.get("text") or ""
        labels = [str(x) for x in (d.get("lang"), d.get("lang_pred_lid176")) if x]
        if labels:
            zh = any(x.lower().startswith("zh") for x in labels)
        else:  # unlabelled (web_pages_html): a fifth of its non-space characters are Han
            han = sum("\u4e00" <= c <= "\u9fff" for c in text)
            zh = han >= 0.2 * max(1, len("".join(text.split())))
        if everything or zh:
            out.append(text)
    return out


def tokens(texts: list[str]) -> dict:
    import rjieba

    from operators.text import jieba_numba

    same_docs = n_tok = diff_tok = 0
    examples = []
    for t in texts:
        a = rjieba.cut(t, True)
        b = jieba_numba.cut(t)
        n_tok += len(a)
        if a == b:
            same_docs += 1
            continue
        sm = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
        for op, i1, i2, j1, j2 in sm.get_opcodes():
            if op != "equal":
                diff_tok += max(i2 - i1, j2 - j1)
                if len(examples) < 5:
                    examples.append((a[i1:i2], b[j1:j2]))
    return {
        "docs": len(texts),
        "identical_docs": same_docs,
        "tokens": n_tok,
        "different_tokens": diff_tok,
        "identical_token_share": 1 - diff_tok / max(n_tok, 1),
        "examples": examples,
    }


def _same(a, b) -> bool:
    if isinstance(a, float) and isinstance(b, float):
        return a == b or (math.isnan(a) and math.isnan(b)) or abs(a - b) <= 1e-9
    return a == b


def decisions(texts: list[str], batch: int) -> dict:
    from operators import BUILTIN, load_operator
    from operators.quality import common

    classes = {name: (mod, cls) for name, mod, cls in BUILTIN}
    runs = {}
    for path in ("rjieba", "numba"):
        common.ZH_SEGMENTER = path
        common.SHARED.enabled = False
        common.VOCAB.reset()
        res = {}
        for name in OPS:
            cls = load_operator(*classes[name])
            op = cls(language="zh")
            op.ensure_setup()
            keep, reasons, cols = [], [], {}
            for i in range(0, len(texts), batch):
                t = pa.table(
                    {
                        "id": [str(j) for j in range(i, min(i + batch, len(texts)))],
                        "text": texts[i : i + batch],
                    }
                )
                j = op.judge(t)
                keep.extend(bool(x) for x in j.keep)
                reasons.extend(j.reasons)
                for c in j.scored.column_names:
                    if c not in ("id", "text"):
                        cols.setdefault(c, []).extend(j.scored.column(c).to_pylist())
            res[name] = (keep, reasons, cols)
        runs[path] = res
    common.ZH_SEGMENTER = "numba"
    common.SHARED.enabled = True
    out = {}
    for name in OPS:
        k0, r0, c0 = runs["rjieba"][name]
        k1, r1, c1 = runs["numba"][name]
        sig = sum(1 for c in c0 for a, b in zip(c0[c], c1.get(c, [])) if not _same(a, b))
        out[name] = {
            "docs": len(k0),
            "removed": len(k0) - sum(k0),
            "different_decisions": sum(a != b for a, b in zip(k0, k1)),
            "different_reasons": sum(a != b for a, b in zip(r0, r1)),
            "different_signal_values": sig,
        }
    return out


def timing(texts: list[str], reps: int) -> dict:
    from operators.quality import common
    from operators.text import jieba_numba
    from operators.text.segment import cut_zh

    common.SHARED.enabled = False
    jieba_numba.tables()
    jieba_numba.cut("预热")
    cut_zh("预热")
    out = {}
    for path in ("rjieba", "numba"):
        best = {}
        for mode in ("cold", "warm"):
            cut_best = ids_best = total_best = float("inf")
            for _ in range(reps):
                if mode == "cold":
                    common.VOCAB.reset()
                else:
                    common._zh_parts(texts)  # the vocabulary and table hold every token
                cut_s = ids_s = 0.0
                for group in _groups(texts):
                    if path == "rjieba":
                        t0 = time.process_time()
                        toks = cut_zh(common._DOC_SEP.join(texts[k] for k in group))
                        t1 = time.process_time()
                        np.fromiter(map(common.VOCAB.ids.__getitem__, toks), np.int64, count=len(toks))
                        del toks
                        t2 = time.process_time()
                    else:
                        t0 = time.process_time()
                        joined = "".join([texts[k] for k in group])
                        offs = np.zeros(len(group) + 1, np.int64)
                        np.cumsum([len(texts[k]) for k in group], out=offs[1:])
                        cps = jieba_numba.code_points(joined)
                        starts, _ = jieba_numba.segment(cps, offs)
                        t1 = time.process_time()
                        common._ZH_IDS.get().ids(joined, cps, starts, common.VOCAB.ids)
                        t2 = time.process_time()
                    cut_s += t1 - t0
                    ids_s += t2 - t1
                if mode == "cold":
                    common.VOCAB.reset()
                common.ZH_SEGMENTER = path
                t0 = time.process_time()
                common._zh_parts(texts)
                total = time.process_time() - t0
                common.ZH_SEGMENTER = "numba"
                cut_best, ids_best, total_best = (
                    min(cut_best, cut_s),
                    min(ids_best, ids_s),
                    min(total_best, total),
                )
            best[mode] = {
                "cut_s": round(cut_best, 3),
                "ids_s": round(ids_best, 3),
                "zh_parts_s": round(total_best, 3),
            }
        out[path] = best
    common.SHARED.enabled = True
    return out


def _groups(texts: list[str]):
    from operators.quality.common import _GROUP_CHARS

    group, size = [], 0
    for k, t in enumerate(texts):
        group.append(k)
        size += len(t) + 1
        if size >= _GROUP_CHARS:
            yield group
            group, size = [], 0
    if group:
        yield group


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", action="append", required=True)
    ap.add_argument("--all", action="store_true", help="every document, not only those labelled zh")
    ap.add_argument("--batch", type=int, default=1000)
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--skip", default="", help="comma list of tokens,decisions,timing to skip")
    args = ap.parse_args()
    skip = set(filter(None, args.skip.split(",")))
    for path in args.corpus:
        texts = load(path, args.all)
        row: dict = {"corpus": os.path.basename(path), "docs": len(texts), "chars": sum(map(len, texts))}
        if "tokens" not in skip:
            row["tokens"] = tokens(texts)
        if "decisions" not in skip:
            row["decisions"] = decisions(texts, args.batch)
        if "timing" not in skip:
            row["cpu_s"] = timing(texts, args.reps)
        print(json.dumps(row, ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main()
