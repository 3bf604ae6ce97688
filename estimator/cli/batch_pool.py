"""The worker processes of a batch, built so that a batch always ends.

* The parent resolves the rule pack once and hands it to every worker (no worker looks for an office pack or a
  cached verdict of its own: a batch of 1 or 10,000 files uses the same pack).
* A job is a list of plain tuples and its answer a list of rows (lists of strings): every error inside a worker
  is turned into a row's problem there, so nothing unpicklable ever crosses back.
* A worker ignores Ctrl-C (the parent stops the batch and ends the workers) and watches its parent: when the
  parent is gone (killed), the worker ends within a fraction of a second.
* A worker that dies all the same ends the batch with the rows finished so far (:class:`WorkersLost`).

:class:`Progress` is the progress bar of the batch and the payroll (drawn on a terminal only).
"""

from __future__ import annotations

import contextlib
import os
import queue
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

Job = list[Any]
Row = list[str]
RowOf = Callable[..., Row]  # one item of a job (a tuple of arguments) -> its row
_WATCH_SECONDS = 0.2


class Progress:
    def __init__(self, total: int, stream: Any = None) -> None:
        self.total, self.done = total, 0
        self.stream = stream or sys.stderr
        self.shown = bool(getattr(self.stream, "isatty", lambda: False)()) and total > 0

    def step(self, count: int = 1) -> None:
        before, self.done = self.done, self.done + count
        if self.shown and (self.done == self.total or self.done // 50 != before // 50):
            width = 30
            filled = width * self.done // self.total
            self.stream.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total}")
            if self.done == self.total:
                self.stream.write("\n")
            self.stream.flush()


class WorkersLost(Exception):
    """A worker process ended without answering (killed, out of memory)."""


def _watch_parent(parent: int) -> None:
    """End this worker when the parent is gone: the parent's sentinel (a pipe that closes when it dies; works
    on Windows, where a child is not re-parented) and, on POSIX, a changed parent pid."""
    import multiprocessing

    handle = multiprocessing.parent_process()
    while True:
        if handle is not None:
            handle.join(_WATCH_SECONDS)  # returns at once when the parent dies
            if not handle.is_alive():
                os._exit(1)  # stop writing files nobody will collect
        else:
            time.sleep(_WATCH_SECONDS)
        if os.getppid() != parent:
            os._exit(1)


def _worker(
    jobs: Any, answers: Any, row_of: RowOf, setup: Callable[[Any], None], context: Any, parent: int
) -> None:
    with contextlib.suppress(ValueError, OSError, AttributeError):
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    setup(context)
    while True:
        item = jobs.get()
        if item is None:
            return
        index, job = item
        for position, args in enumerate(job):  # row by row: Ctrl-C keeps every row already finished
            answers.put((index, position, row_of(*args)))


def run_jobs(
    jobs: list[Job], row_of: RowOf, setup: Callable[[Any], None], context: Any, workers: int
) -> Iterator[tuple[int, int, Row]]:
    """(job index, position in the job, row) as the workers finish them, in any order; raises
    :class:`WorkersLost` when a worker dies.  On leaving (done, an error or Ctrl-C in the parent) every worker
    is ended."""
    import multiprocessing

    ctx = multiprocessing.get_context("spawn")
    job_queue: Any = ctx.Queue()
    answers: Any = ctx.Queue()
    for item in enumerate(jobs):
        job_queue.put(item)
    count = max(1, min(workers, len(jobs)))
    for _ in range(count):
        job_queue.put(None)
    procs = [
        ctx.Process(
            target=_worker,
            args=(job_queue, answers, row_of, setup, context, os.getpid()),
            daemon=True,
        )
        for _ in range(count)
    ]
    for proc in procs:
        proc.start()
    try:
        pending = sum(len(job) for job in jobs)
        while pending:
            try:
                index, position, row = answers.get(timeout=0.5)
            except queue.Empty:
                if any(p.exitcode not in (None, 0) for p in procs) or all(p.exitcode == 0 for p in procs):
                    raise WorkersLost() from None
                continue
            pending -= 1
            yield index, position, row
    finally:
        for proc in procs:
            if proc.is_alive():
                proc.terminate()
        for proc in procs:
            proc.join(timeout=5)
        for q in (job_queue, answers):
            q.cancel_join_thread()
            q.close()
