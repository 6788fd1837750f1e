"""Text operators and shared text machinery: normalization, segmentation, stop words, language ID."""
