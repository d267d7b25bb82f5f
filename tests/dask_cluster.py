"""A Dask LocalCluster (two worker processes) in a process of its own, for the cluster tests.

Run as a script: prints the scheduler's address, then answers commands read
from stdin, one a line: ``kill-busy`` kills (SIGKILL) a worker that is running a
task and answers ``killed PID``, or ``idle`` when none is; end of input stops
the cluster. Keeping Dask out of the test process keeps its threads out too
(the local process pool forks only a process with no other threads).
"""

from __future__ import annotations

import os
import signal
import sys


def main() -> None:
    from dask.distributed import Client, LocalCluster

    with (
        LocalCluster(
            n_workers=2,
            processes=True,
            threads_per_worker=1,
            host="127.0.0.1",
            dashboard_address=None,
            silence_logs=50,
        ) as cluster,
        Client(cluster) as client,
    ):
        print(cluster.scheduler_address, flush=True)
        for line in sys.stdin:
            if line.strip() != "kill-busy":
                continue
            busy = [address for address, keys in client.processing().items() if keys]
            if not busy:
                print("idle", flush=True)
                continue
            pid = client.run(os.getpid, workers=[busy[0]])[busy[0]]
            os.kill(pid, signal.SIGKILL)
            print(f"killed {pid}", flush=True)


if __name__ == "__main__":
    main()
