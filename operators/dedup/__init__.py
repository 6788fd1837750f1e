"""Deduplication: exact and MinHash near-duplicate removal, the release index, and their kernels."""
