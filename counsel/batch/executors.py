"""Where a batch's rows run: this process (--jobs 1), a local process pool, or a Dask cluster."""

from __future__ import annotations

import concurrent.futures as cf
import os
from collections.abc import Callable
from typing import Any, Protocol

from counsel.batch.options import BatchOptions
from counsel.batch.worker import WorkerConfig, init_worker, warm
from counsel.errors import UsageError


class Closeable(Protocol):
    """Something to close after the executor shuts down (a Dask client)."""

    def close(self) -> Any: ...


class InlineExecutor(cf.Executor):
    """--jobs 1: run each row in this process as it is submitted (same loop, no pickling)."""

    def __init__(self, initializer: Callable[..., None], initargs: tuple[Any, ...]) -> None:
        initializer(*initargs)

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> cf.Future[Any]:
        future: cf.Future[Any] = cf.Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as exc:
            future.set_exception(exc)
        return future


def make_executor(
    options: BatchOptions, config: WorkerConfig
) -> tuple[cf.Executor, int, Closeable | None]:
    """The executor, its number of workers and anything to close after it."""
    if options.scheduler:
        try:
            import distributed
        except ImportError:
            raise UsageError(
                "a scheduler needs dask.distributed: pip install 'dask[distributed]'",
                what="scheduler",
            ) from None
        try:
            client_class: Any = distributed.Client
            client = client_class(options.scheduler, timeout="10s")
        except (OSError, TimeoutError, ValueError) as exc:
            raise UsageError(
                f"cannot reach {options.scheduler} ({exc.__class__.__name__}); "
                "check the address (tcp://host:8786) and that the scheduler is running",
                what="scheduler",
            ) from None
        workers = max(1, sum(client.nthreads().values()))
        # pure=False: two rows with equal cells are still two jobs
        return client.get_executor(pure=False), workers, client
    # More workers than cores only adds start-up time and memory (~85 MB each); the pool
    # starts them on demand (spawn), so a short sheet never starts more than it has rows.
    jobs = min(options.jobs or cores(), cores())
    if jobs == 1:
        return InlineExecutor(init_worker, (config,)), 1, None
    import multiprocessing

    # spawn, not fork: the progress bar runs a thread, and forking a threaded process can
    # leave a lock held forever in the child.
    ctx = multiprocessing.get_context("spawn")
    # Each worker watches this process and ends with it, even after a kill -9 here.
    pool = cf.ProcessPoolExecutor(
        max_workers=jobs, mp_context=ctx, initializer=init_worker, initargs=(config, os.getpid())
    )
    # The first submission starts every worker: they load WeasyPrint, the store and the
    # templates (a second or two each) while this process checks the rows.
    pool.submit(warm)
    return pool, jobs, None


def shutdown(executor: cf.Executor, closer: Closeable | None) -> None:
    if isinstance(executor, cf.ProcessPoolExecutor):
        executor.shutdown(wait=True, cancel_futures=True)
    else:  # dask's ClientExecutor takes no cancel_futures
        executor.shutdown(wait=True)
    if closer is not None:
        closer.close()


def cores() -> int:
    """Cores this process may run on (a container or taskset may allow fewer than exist)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1
