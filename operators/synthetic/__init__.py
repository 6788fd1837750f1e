"""Synthetic data: augmentation and LLM generation with provenance."""
