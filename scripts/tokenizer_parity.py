"""Old vs new space-delimited tokenizer: token agreement and throughput.

Loads ``operators/text/segment.py`` as it was at ``--old-rev`` (git) next to the
current one, takes the whitespace chunks of the first ``--docs`` documents
of each corpus, and prints JSON per corpus:

* ``chunk_agreement``: share of chunk occurrences (and of distinct chunks)
  that both tokenizers split identically. The old regex backtracks
  exponentially on some chunks, so each old call runs under a timer
  (``--guard-s`` CPU seconds); chunks it cannot finish are counted in ``old_timeouts``
  and left out of the agreement.
* ``mb_per_s``: throughput of ``words_default`` over the same documents in
  CPU seconds (best of 3, memo cache cleared before each pass; old only on
  the documents whose chunks it can finish).
* ``spacy_agreement`` (when spaCy is installed): share of chunk occurrences
  on which the new tokenizer gives exactly spaCy's ``English()`` tokens.

    python scripts/tokenizer_parity.py /work/shared/corpora/en_web.jsonl.gz /work/shared/corpora/en_docs.jsonl.gz
"""

from __future__ import annotations

import argparse
import collections
import gzip
import importlib.util
import json
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from operators.text import segment as new  # noqa: E402


class _Timeout(Exception):
    pass


_ARMED = [False]


def _raise(*_):
    if _ARMED[0]:  # a late signal after the call finished is ignored
        raise _Timeout


def load_old(rev: str):
    src = subprocess.run(
        ["git", "show", f"{rev}:operators/text/segment.py"],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.replace("from ._text import", "from operators._text import")
    path = Path(tempfile.mkdtemp()) / "segment_old.py"
    path.write_text(src)
    spec = importlib.util.spec_from_file_location("segment_old", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def guarded(fn, arg, guard_s: float):
    try:
        _ARMED[0] = True
        signal.setitimer(signal.ITIMER_PROF, guard_s)
        out = fn(arg)
        _ARMED[0] = False
        return out
    except _Timeout:
        return None
    finally:
        _ARMED[0] = False
        signal.setitimer(signal.ITIMER_PROF, 0)


def cpu_seconds(mod, texts: list[str], reps: int = 3) -> float:
    """Least CPU time of ``reps`` passes of ``mod.words_default``, memo cache cleared before each."""
    best = float("inf")
    for _ in range(reps):
        mod._CHUNK_CACHE.clear()
        t0 = time.process_time()
        for t in texts:
            mod.words_default(t)
        best = min(best, time.process_time() - t0)
    return best


def read_texts(path: str, n: int) -> list[str]:
    out = []
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            if len(out) >= n:
                break
            try:
                t = json.loads(line).get("text")
            except json.JSONDecodeError:
                continue
            if isinstance(t, str):
                out.append(t)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpora", nargs="+")
    ap.add_argument("--docs", type=int, default=500)
    ap.add_argument("--old-rev", default="59c096a", help="git revision with the old tokenizer")
    ap.add_argument("--guard-s", type=float, default=0.05)
    args = ap.parse_args()
    signal.signal(signal.SIGPROF, _raise)
    old = load_old(args.old_rev)
    try:
        import spacy

        nlp_tok = spacy.blank("en").tokenizer
    except ImportError:
        nlp_tok = None
    result = {}
    for path in args.corpora:
        texts = read_texts(path, args.docs)
        counts = collections.Counter(c for t in texts for c in t.split())
        same = occ = same_d = timeouts = sp_same = 0
        diffs = []
        bad_chunks = set()
        for chunk, k in counts.items():
            o = guarded(
                lambda c: (
                    tuple(old._CHUNK_TOKEN_RE.findall(c))
                    if c not in old._SPECIAL and not (c.isalpha() or c.isdigit())
                    else old.chunk_tokens(c)
                ),
                chunk,
                args.guard_s,
            )
            n_ = new.chunk_tokens(chunk)
            if nlp_tok is not None and tuple(t.text for t in nlp_tok(chunk)) == n_:
                sp_same += k
            if o is None:
                timeouts += k
                bad_chunks.add(chunk)
                continue
            occ += k
            if o == n_:
                same += k
                same_d += 1
            elif len(diffs) < 20:
                diffs.append({"chunk": chunk[:120], "old": list(o)[:12], "new": list(n_)[:12]})
        total = sum(counts.values())
        mb = sum(len(t.encode()) for t in texts) / 1e6
        t_new = cpu_seconds(new, texts)
        safe = [t for t in texts if not any(c in bad_chunks for c in t.split())]
        mb_safe = sum(len(t.encode()) for t in safe) / 1e6
        t_new_safe = cpu_seconds(new, safe)
        t_old_safe = cpu_seconds(old, safe)
        result[Path(path).name] = {
            "docs": len(texts),
            "chunk_occurrences": total,
            "distinct_chunks": len(counts),
            "old_timeouts": timeouts,
            "chunk_agreement": round(same / occ, 6) if occ else None,
            "distinct_chunk_agreement": round(same_d / (len(counts) - len(bad_chunks)), 6),
            "spacy_agreement_new": round(sp_same / total, 6) if nlp_tok is not None else None,
            "mb_per_s_new_all_docs": round(mb / t_new, 2),
            "mb_per_s_on_docs_old_can_finish": {
                "docs": len(safe),
                "old": round(mb_safe / t_old_safe, 2),
                "new": round(mb_safe / t_new_safe, 2),
            },
            "differences": diffs,
        }
    print(json.dumps(result, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
