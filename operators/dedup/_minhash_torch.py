"""The permutation step of MinHash on an accelerator (torch), for ``device: cuda``.

The CPU kernel (``minhash_kernel.shingle_hashes``) still decodes, tokenizes
and hashes the shingles; the ``num_perm`` affine permutations and the
per-document minimum - most of the arithmetic at 128 permutations - run on
the device. Integer arithmetic only: ``(a * x + b) mod 2**32`` is computed in
int64 (a product of two 32-bit values wraps modulo 2**64 in two's complement,
which keeps its low 32 bits exact), so the signatures equal the CPU kernel's
bit for bit (``scripts/gpu_check.sh`` checks it on a GPU machine).

torch is optional: it is imported only when a GPU path is chosen.
"""

from __future__ import annotations

import numpy as np

_MASK32 = 0xFFFFFFFF


def torch_cuda_available() -> bool:
    """True when torch is installed and sees a CUDA device."""
    try:
        import torch
    except ImportError:
        return False
    return bool(torch.cuda.is_available())


def permute_min(
    xs: np.ndarray,
    offsets: np.ndarray,
    a: np.ndarray,
    b: np.ndarray,
    device: str = "cuda",
    chunk_shingles: int = 1 << 16,
) -> np.ndarray:
    """Signatures [docs, num_perm] uint32 from concatenated shingle hashes.

    Documents without shingles get the empty signature (all 0xFFFFFFFF).
    Memory on the device: ``chunk_shingles x num_perm x 8`` bytes at a time
    (64 MB for 65,536 shingles at 128 permutations) plus the output.
    """
    import torch

    ndocs = len(offsets) - 1
    num_perm = len(a)
    dev = torch.device(device)
    out = torch.full((ndocs, num_perm), _MASK32, dtype=torch.int64, device=dev)
    if len(xs) == 0:
        return out.cpu().numpy().astype(np.uint32)
    counts = np.diff(offsets)
    doc_of = torch.from_numpy(np.repeat(np.arange(ndocs, dtype=np.int64), counts)).to(dev)
    ta = torch.from_numpy(a.astype(np.int64)).to(dev)
    tb = torch.from_numpy(b.astype(np.int64)).to(dev)
    tx = torch.from_numpy(xs.astype(np.int64)).to(dev)
    for lo in range(0, len(xs), chunk_shingles):
        hi = min(lo + chunk_shingles, len(xs))
        vals = torch.bitwise_and(tx[lo:hi, None] * ta[None, :] + tb[None, :], _MASK32)
        idx = doc_of[lo:hi, None].expand(-1, num_perm)
        out.scatter_reduce_(0, idx, vals, reduce="amin", include_self=True)
    return out.cpu().numpy().astype(np.uint32)
