"""MinHash kernel, LSH parameters and components logic (no Ray)."""

from __future__ import annotations

import itertools
import random

import numpy as np
import pyarrow as pa
import pytest
from datasketch import MinHash
from datasketch.lsh import _optimal_param

from operators.dedup import minhash_kernel as mk
from operators.dedup.connected_components import EDGE_SCHEMA, large_star, local_labels, small_star
from operators.dedup.minhash import MinHashDedup, MinHashDedupParams, optimal_bands_rows
from tests.dedup_corpus import _WORD_RE, edit_words, jaccard, prose


def _python_tokens(text: str, chars: bool) -> list[str]:
    """Independent reference tokenizer (regex), the documented rules."""
    out = []
    for run in _WORD_RE.findall(text):
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in run)
        if chars:
            out.extend(low)
            continue
        word = ""
        for c in low:
            if mk.tables()[0][ord(c)] == 2:  # Han/Kana: one token each
                if word:
                    out.append(word)
                    word = ""
                out.append(c)
            else:
                word += c
        if word:
            out.append(word)
    return out


TEXTS = [
    "The quick brown fox -- jumps over the lazy dog! Again: the QUICK brown fox.",
    "Ünïcödé wörds, naïve café; ΑΘΗΝΑ and Москва 2024 are words too",
    "今天天气很好，我们去公园散步。Hello World 123abc 東京タワー",
    "short",
    "",
    "   ...!!!   ",
    "snake_case and e-mail, x1y2 (ok)",
]


def test_tokenizer_matches_reference():
    for mode, chars in ((mk.TOKENIZE_WORDS, False), (mk.TOKENIZE_CHARS, True)):
        modes = np.full(len(TEXTS), mode, np.int8)
        got = mk.tokenize(pa.array(TEXTS), modes)
        assert got == [_python_tokens(t, chars) for t in TEXTS]
    # words mode splits CJK into characters, keeps Latin words whole
    got = mk.tokenize(pa.array([TEXTS[2]]), np.zeros(1, np.int8))[0]
    assert got[:4] == ["今", "天", "天", "气"] and "hello" in got and "123abc" in got


def test_auto_tokenizer_uses_lang_then_script():
    modes = mk.token_modes(3, "auto", pa.array(["zh", "en", None]))
    assert modes.tolist() == [1, 0, -1]
    toks = mk.tokenize(pa.array(["中文文本测试 abc", "english text 中"]), np.full(2, -1, np.int8))
    assert toks[0][-3:] == ["a", "b", "c"]  # CJK majority: chars
    assert toks[1][0] == "english"


@pytest.mark.parametrize("seed,num_perm,ngram", [(1, 128, 5), (7, 64, 3)])
def test_datasketch_mode_is_bit_identical(seed, num_perm, ngram):
    rng = random.Random(seed)
    texts = [prose(rng) for _ in range(5)] + TEXTS
    a, b = mk.datasketch_permutations(num_perm, seed)
    modes = np.zeros(len(texts), np.int8)
    sig, ntok = mk.signatures(pa.array(texts), modes, ngram, a, b, hash_mode="datasketch")
    for i, text in enumerate(texts):
        toks = _python_tokens(text, chars=False)
        assert ntok[i] == len(toks)
        m = MinHash(num_perm=num_perm, seed=seed)
        for s in mk.shingle_bytes(toks, ngram, chars=False):
            m.update(s)
        np.testing.assert_array_equal(sig[i], m.hashvalues.astype(np.uint32))


def test_fast_hash_estimates_jaccard():
    rng = random.Random(3)
    pairs = []
    for k in range(60):
        base = prose(rng)
        other = edit_words(rng, base, rate=0.01 + 0.3 * (k % 10) / 10)
        pairs.append((base, other))
    a, b = mk.fast_permutations(256, 5)
    texts = [t for p in pairs for t in p]
    sig, _ = mk.signatures(pa.array(texts), np.zeros(len(texts), np.int8), 5, a, b)
    errs = []
    for i, (x, y) in enumerate(pairs):
        true = jaccard(x, y)
        est = float((sig[2 * i] == sig[2 * i + 1]).mean())
        sd = max(np.sqrt(true * (1 - true) / 256), 1e-3)
        assert abs(est - true) <= 4.5 * sd + 1 / 256, (true, est)
        errs.append(est - true)
    assert abs(np.mean(errs)) < 0.01  # unbiased
    assert np.sqrt(np.mean(np.square(errs))) < 0.03


def test_fast_hash_identical_and_disjoint():
    a, b = mk.fast_permutations(128, 1)
    texts = ["alpha beta gamma delta epsilon zeta eta theta"] * 2 + ["one two three four five six seven"]
    sig, _ = mk.signatures(pa.array(texts), np.zeros(3, np.int8), 5, a, b)
    assert (sig[0] == sig[1]).all()
    assert (sig[0] == sig[2]).mean() < 0.05
    empty, ntok = mk.signatures(pa.array(["", "!!"]), np.zeros(2, np.int8), 5, a, b)
    assert ntok.tolist() == [0, 0] and (empty == mk.MAX_HASH).all()


@pytest.mark.parametrize("threshold", [0.5, 0.7, 0.8, 0.85, 0.9, 0.95])
@pytest.mark.parametrize("num_perm", [64, 128, 256])
def test_bands_rows_match_datasketch(threshold, num_perm):
    assert optimal_bands_rows(threshold, num_perm) == _optimal_param(threshold, num_perm, 0.5, 0.5)


def test_params_validation():
    assert MinHashDedupParams(verify=False).lsh() == (9, 13)  # datasketch's default weights
    assert MinHashDedupParams().lsh() == (16, 8)  # with verify: favour recall
    assert MinHashDedupParams(bands=14, rows=8).lsh() == (14, 8)
    with pytest.raises(ValueError):
        MinHashDedupParams(bands=14)
    with pytest.raises(ValueError):
        MinHashDedupParams(bands=20, rows=8)
    with pytest.raises(ValueError):
        MinHashDedupParams(keep="biggest")
    with pytest.raises(ValueError):
        MinHashDedupParams(treshold=0.8)
    MinHashDedupParams(keep="max:quality")


def test_star_edges_cover_buckets():
    t = pa.table({"_dd_bkey": [5, 5, 5, 9, 9, 3], "_dd_rid": [30, 10, 20, 40, 40, 7]})
    e = MinHashDedup.star_edges(t)
    assert sorted(zip(e.column("u").to_pylist(), e.column("v").to_pylist())) == [(10, 20), (10, 30)]


def test_star_anchor_is_chosen_by_content_not_row_id():
    """The anchor is the member with the smallest content key, so renaming files
    (new row ids) does not change which pairs verify tests; edges are (min, max)."""
    t = pa.table({"_dd_bkey": [5, 5, 5], "_dd_rid": [30, 10, 20], "_dd_ckey": [-7, 4, 9]})
    e = MinHashDedup.star_edges(t)
    assert sorted(zip(e.column("u").to_pylist(), e.column("v").to_pylist())) == [(10, 30), (20, 30)]
    renamed = t.set_column(1, "_dd_rid", pa.array([1, 2, 3]))  # same documents, other ids
    e2 = MinHashDedup.star_edges(renamed)
    assert sorted(zip(e2.column("u").to_pylist(), e2.column("v").to_pylist())) == [(1, 2), (1, 3)]


def _union_find(edges, nodes):
    parent = {n: n for n in nodes}

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for u, v in edges:
        ru, rv = find(u), find(v)
        if ru != rv:
            parent[max(ru, rv)] = min(ru, rv)
    comp: dict[int, list[int]] = {}
    for n in nodes:
        comp.setdefault(find(n), []).append(n)
    return {n: min(members) for members in comp.values() for n in members}


def _random_graph(seed):
    rng = random.Random(seed)
    edges = set()
    ids = rng.sample(range(10**12), 400)
    for _ in range(300):
        u, v = rng.sample(ids, 2)
        edges.add((min(u, v), max(u, v)))
    chain = sorted(rng.sample(ids, 60), reverse=True)  # a long path: many rounds
    for u, v in itertools.pairwise(chain):
        edges.add((min(u, v), max(u, v)))
    return sorted(edges)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_local_labels_and_star_rounds_agree_with_union_find(seed):
    edges = _random_graph(seed)
    nodes = sorted({n for e in edges for n in e})
    truth = _union_find(edges, nodes)
    got_nodes, got_labels = local_labels(np.array([e[0] for e in edges]), np.array([e[1] for e in edges]))
    assert dict(zip(got_nodes.tolist(), got_labels.tolist())) == truth
    # the distributed algorithm's per-partition steps, run on one partition
    cur = pa.table({"u": [e[0] for e in edges], "v": [e[1] for e in edges]}, schema=EDGE_SCHEMA)
    for _ in range(100):
        both = pa.table(
            {
                "x": pa.concat_arrays([cur["u"].combine_chunks(), cur["v"].combine_chunks()]),
                "y": pa.concat_arrays([cur["v"].combine_chunks(), cur["u"].combine_chunks()]),
            }
        )
        large = large_star(both)
        kind = large.column("kind").to_numpy()
        if large.column("bad").to_numpy().sum() == 0:
            labels = dict(
                zip(large["x"].to_numpy()[kind == 1].tolist(), large["y"].to_numpy()[kind == 1].tolist())
            )
            assert labels == truth
            break
        ex, ey = large["x"].to_numpy()[kind == 0], large["y"].to_numpy()[kind == 0]
        small = small_star(pa.table({"x": ey, "y": ex}))
        cur = pa.table({"u": small["x"], "v": small["y"]}, schema=EDGE_SCHEMA)
    else:
        pytest.fail("did not converge")


def _docs_mixed(n=40, seed=3):
    rng = random.Random(seed)
    texts = [prose(rng, 60) for _ in range(n)]
    texts += ["", "   ", "a b", "单个", "中文文本测试一下可以吗，这是一个较长的句子。" * 3, None]
    return pa.array(texts)


def test_split_kernel_equals_fused_kernel():
    """The GPU path's input (shingle hashes, from the CPU kernel) permuted with
    numpy gives the fused kernel's signatures bit for bit."""
    texts = _docs_mixed()
    modes = mk.token_modes(len(texts), "auto")
    a, b = mk.fast_permutations(128, 7)
    sig, ntok = mk.signatures(texts, modes, 5, a, b)
    xs, off, ntok2 = mk.shingle_hashes(texts, modes, 5)
    assert np.array_equal(ntok, ntok2) and off[0] == 0 and off[-1] == len(xs)
    ref = np.full(sig.shape, 0xFFFFFFFF, np.uint64)
    for d in range(len(texts)):
        x = xs[off[d] : off[d + 1]].astype(np.uint64)
        if len(x):
            ref[d] = ((x[:, None] * a.astype(np.uint64) + b.astype(np.uint64)) & 0xFFFFFFFF).min(axis=0)
    assert np.array_equal(ref.astype(np.uint32), sig)


def test_torch_permutations_equal_cpu_kernel():
    """The torch permutation step (run on torch's CPU device here; on CUDA by
    scripts/gpu_check.sh) equals the CPU kernel. Needs torch (optional)."""
    pytest.importorskip("torch")
    from operators.dedup._minhash_torch import permute_min

    texts = _docs_mixed()
    modes = mk.token_modes(len(texts), "auto")
    a, b = mk.fast_permutations(128, 7)
    sig, _ = mk.signatures(texts, modes, 5, a, b)
    xs, off, _ = mk.shingle_hashes(texts, modes, 5)
    assert np.array_equal(permute_min(xs, off, a, b, "cpu", chunk_shingles=97), sig)


def test_device_params():
    assert MinHashDedupParams().device == "auto"
    with pytest.raises(ValueError, match="hash: fast only"):
        MinHashDedupParams(device="cuda", hash="datasketch")
    with pytest.raises(ValueError):
        MinHashDedupParams(device="tpu")
