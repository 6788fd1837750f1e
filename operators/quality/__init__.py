"""Quality filters: length, Gopher, C4, FineWeb heuristics and the fastText quality classifier."""
