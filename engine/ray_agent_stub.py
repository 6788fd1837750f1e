"""Stand-in for Ray's two agent processes on an embedded lean head (engine/ray_runtime.py).

The raylet starts a dashboard agent and a runtime-env agent with every node and shares their
fate (either one exiting stops it). On the embedded head of a command-line run neither has
work: on a minimal Ray install the dashboard agent serves no port (its port files say -1,
written before the raylet starts), and the raylet asks the runtime-env agent for nothing
when no job or task has a runtime environment (the embedded head's workers find the engine
through ``PYTHONPATH``; a worker whose runtime env is empty is started directly). Yet each
agent is a Python process that imports Ray, its dashboard or runtime-env modules, gRPC and
asyncio: 0.6 CPU-s each at every cold start on this 2-core machine, on the first block's
path (they start with the raylet, as the driver imports Ray Data and the workers boot).

This program takes their place: it imports nothing beyond the interpreter's core (run with
``python -S -I``), ignores the agent's arguments, and exits when its parent, the raylet,
is gone (as the agents do: they poll the raylet's pid), or on SIGTERM. Not run on a
cluster, on ``ray up``'s warm Ray, with ``ray[default]`` installed, or with
``CORPUSFORGE_RAY_AGENTS=1`` (engine/ray_runtime.py decides).
"""

import os
import signal
import sys
import time

#: Seconds between two looks at the parent (the real agents look every 0.4 s; a raylet's
#: death is seen within this, and a stand-in left behind costs nothing meanwhile).
POLL_S = 1.0


def main() -> int:
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    parent = os.getppid()
    while os.getppid() == parent:
        time.sleep(POLL_S)
    return 0


if __name__ == "__main__":
    sys.exit(main())
