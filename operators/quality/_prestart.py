"""The rule filters' first-call costs paid ahead, in the job-less workers of the warm local Ray.

What: imported by every worker of ``corpusforge ray up`` before it takes work (Ray's
``preload_python_modules``, engine/ray_local.py). In a worker that belongs to no job yet (the
raylet's boot workers and those asked for between runs, engine/warm_workers.py) it runs the four
rule filters (``gopher_repetition``, ``gopher_quality``, ``c4_quality``, ``fineweb_quality``,
English defaults) once on two short documents: numba is imported, its registries load, the
filters' kernels load from numba's on-disk cache, the tokenizer's rule tables are built.

Why: in a fresh process the first batch of these filters costs ~0.45 CPU-s before any document
is scored (numba import ~0.16, its registries ~0.14, the kernels' cache loads and the tokenizer's
tables the rest: ``scripts/bench_quality.py``'s chain on a cold process). On the warm Ray each run
gets new workers, so every run paid it on its first block's path. A job-less worker waits for
the next run anyway: it pays it there instead.

What it does not change: the filters' decisions (the warm-up only fills pure memos: the token
vocabulary and chunk tokenizations of two fixed texts, which give the same tokens as when
computed later); a worker started for a run (its job set) or outside the warm Ray imports this
module and does nothing. Any failure is logged at debug level and ignored: the first batch then
pays as before. ``CORPUSFORGE_PRESTART_FILTERS=0`` (in the environment of ``ray up``) turns it off.
"""

from __future__ import annotations

import logging
import os

log = logging.getLogger("corpusforge.prestart")

ENV = "CORPUSFORGE_PRESTART_FILTERS"
#: The filters warmed, in chain order (their kernels and the shared tokenization).
FILTERS = ("gopher_repetition", "gopher_quality", "c4_quality", "fineweb_quality")
#: Two short texts that reach every kernel of the chain (lines, paragraphs, punctuation, a curly bracket).
TEXTS = (
    "The quick brown fox jumps over the lazy dog. It was a sunny day!\nA second line, with a comma.",
    "Lorem ipsum {dolor} sit amet.\n\nA new paragraph: two words. Read more\n- a bullet line",
)


def job_less() -> bool:
    """Whether this process is a Ray worker that belongs to no job (started ahead of any run)."""
    job = os.environ.get("RAY_JOB_ID", "")
    return not job or set(job) == {"f"}


def should_warm() -> bool:
    """In a job-less worker of the warm local Ray, unless turned off."""
    from engine.worker_preload import KV_ENV  # set only in the environment of `ray up`'s processes

    return os.environ.get(ENV, "1") != "0" and os.environ.get(KV_ENV) == "1" and job_less()


def warm_up() -> float:
    """Run the filters once on :data:`TEXTS`; returns the CPU seconds it took."""
    import time

    import pyarrow as pa

    from operators import BUILTIN, load_operator

    t0 = time.process_time()
    classes = {name: (mod, cls) for name, mod, cls in BUILTIN}
    table = pa.table({"id": ["w0", "w1"], "text": list(TEXTS)})
    for name in FILTERS:
        judged = load_operator(*classes[name])().judge(table)
        table = judged.scored  # every filter sees every text (no row dropped between them)
    return time.process_time() - t0


def _maybe_warm() -> None:
    try:
        if should_warm():
            log.debug("rule filters warmed in %.2f CPU-s", warm_up())
    except Exception as exc:  # noqa: BLE001 - the first batch pays as before
        log.debug("rule filters not warmed (%s)", exc)


_maybe_warm()
