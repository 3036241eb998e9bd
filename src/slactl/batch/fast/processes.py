"""``slactl due --input`` on several processes (``--jobs``): speed only, the same bytes out.

The file is read in this process, as always (the header, the mapping, duplicate ids and the
line of every row need the whole file in order). Its rows go, ``CHUNK`` at a time, to worker
processes forked from this one; each worker computes and writes its chunks with a ``Work`` of
its own (a ``Rows`` and a writer made in the worker, so nothing mutable is shared), and gives
back the text and the bad rows. Chunks come back in the order they were sent, so the output,
the messages and the exit code are those of one process: ``tests/batch/test_processes.py``
checks that byte for byte.

Why processes: Python runs one thread at a time, and a batch is computation, not waiting. On
the 2-CPU benchmark machine two workers take 0.61-0.63x the time of one process for 100,000
tickets (``bench/results.md``, ``bench/README.md``). Workers are forked (Linux only), so they start in a few
milliseconds with the policies already loaded; where ``fork`` is not the platform's way
(macOS, Windows) every run stays in one process.
"""

from __future__ import annotations

import os
import pickle
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any, NamedTuple

from slactl import stops
from slactl.errors import RunError, SlactlError
from slactl.tickets.row import BadRow, Row

CHUNK = 2048
"""Rows sent to a worker at a time: large enough that sending them costs little beside
computing them (about 30 ms of work), small enough that a stop waits for little."""
AUTO_BYTES = 1024 * 1024
"""``--jobs`` left to slactl uses several processes for a file of at least this size (about
13,000 tickets of the plain form): below it, starting them costs more than they save."""
MAX_AUTO = 8
PER_CPU = 2
"""``--jobs`` gives at most this many workers per usable CPU."""


class Done(NamedTuple):
    """What one chunk gave: ``parts`` in row order, each a block of written output (text) or a
    ``BadRow``; ``rows`` written; ``failed`` of them with a breached or missed target."""

    parts: list[str | BadRow]
    rows: int
    failed: int


Work = Callable[[list[Row | BadRow]], Done]
"""Computes and writes one chunk of rows."""


def usable_cpus(cgroup: str = "/sys/fs/cgroup") -> int:
    """The CPUs this process may use: those it may run on (its affinity where the system tells
    it), fewer when its control group has a CPU quota (a container limited to 1.5 CPUs gets
    2; cgroup v2 ``cpu.max``, else v1 ``cpu.cfs_quota_us``)."""
    try:
        found = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        found = os.cpu_count() or 1
    quota = _quota(cgroup)
    return max(1, min(found, quota)) if quota is not None else found


def _quota(cgroup: str) -> int | None:
    """The CPU quota of this process's control group, rounded up; None without one (or where
    it cannot be read: an unreadable limit is no limit, as the system itself treats it)."""
    try:
        with open(os.path.join(cgroup, "cpu.max")) as limit:
            quota_text, period_text = limit.read().split()[:2]
    except (OSError, ValueError):
        try:
            with open(os.path.join(cgroup, "cpu", "cpu.cfs_quota_us")) as limit:
                quota_text = limit.read().strip()
            with open(os.path.join(cgroup, "cpu", "cpu.cfs_period_us")) as limit:
                period_text = limit.read().strip()
        except OSError:
            return None
    try:
        quota, period = int(quota_text), int(period_text)  # "max" (v2) or -1 (v1): no quota
    except ValueError:
        return None
    if quota <= 0 or period <= 0:
        return None
    return -(-quota // period)


def can_fork() -> bool:
    """True where worker processes are forked from this one (Linux): elsewhere a fresh process
    would import slactl and load the policies again, and macOS's system libraries do not
    support ``fork`` without ``exec``."""
    return sys.platform.startswith("linux")


def jobs_for(requested: int | None, size: int | None) -> int:
    """How many processes compute a batch: ``requested`` (``--jobs``) where it can fork, at
    most ``PER_CPU`` per usable CPU (more only wait their turn, and each holds its own tables);
    with nothing requested, one per usable CPU (at most ``MAX_AUTO``) for a regular file of
    ``AUTO_BYTES`` or more (``size``, None for a pipe), else one. One where it cannot fork."""
    if not can_fork():
        return 1
    if requested is not None:
        return max(1, min(requested, PER_CPU * usable_cpus()))
    if size is None or size < AUTO_BYTES:
        return 1
    return max(1, min(usable_cpus(), MAX_AUTO))


@contextmanager
def run(rows: Iterable[Row | BadRow], make: Callable[[], Work], jobs: int) -> Iterator[Iterator[Done]]:
    """Yields the ``Done`` of each ``CHUNK`` of ``rows``, in order, computed by ``jobs`` worker
    processes (``make`` is called once in each to build its ``Work``), or in this process for
    one job. The workers start on entry, before any other thread of this process (a progress
    bar) exists, and are gone on exit; where the system refuses to start them (a process or
    file limit), the rows are computed by those that started, or in this process. Flush what
    was written before entering: a forked worker holds a copy of every buffer.

    Each worker has a pipe of its own and one chunk at a time: a worker that dies (killed, out
    of memory) closes its pipe, which raises ``RunError`` here, never a wait (a queue shared by
    the workers, as ``concurrent.futures`` has, can hang when one dies half way through a
    message). Leaving early (a ``--strict`` stop, a signal, an error) kills the workers at once,
    stopped ones included. An exception inside a worker is raised here."""
    chunks = _chunks(rows)
    workers = _start(make, jobs) if jobs > 1 else []
    if not workers:
        work = make()
        yield (work(chunk) for chunk in chunks)
        return
    finished = False
    try:
        yield _results(workers, chunks)
        finished = True
    finally:
        with stops.held():  # a stop now would be raised inside multiprocessing's finalizers
            for worker in workers:
                if not finished:
                    worker.process.kill()
                worker.pipe.close()  # a worker waiting for rows sees the end and leaves
            for worker in workers:
                worker.process.join(None if not finished else 5)
                if worker.process.is_alive():  # stopped (SIGSTOP), or stuck: it holds nothing of value
                    worker.process.kill()
                    worker.process.join()
            workers.clear()  # their finalizers run here, the stops still held


def _start(make: Callable[[], Work], jobs: int) -> list[_Worker]:
    """Up to ``jobs`` workers, as many as the system lets start. The stop signals are held
    while each is forked, so that none reaches it before it has set its own handlers (a stop
    then would raise slactl's ``Interrupted`` in the worker, with a traceback); one that came
    meanwhile reaches this process when they are released."""
    import multiprocessing

    context = multiprocessing.get_context("fork")
    for stream in (sys.stdout, sys.stderr):
        if stream is not None:
            stream.flush()
    workers: list[_Worker] = []
    try:
        for _ in range(jobs):
            with stops.held():
                try:
                    workers.append(_fork(context, make, [worker.pipe for worker in workers]))
                except OSError:  # EAGAIN (too many processes), EMFILE (too many open files), ENOMEM
                    break
    except BaseException:
        with stops.held():
            for worker in workers:
                worker.process.kill()
                worker.pipe.close()
                worker.process.join()
            workers.clear()
        raise
    return workers


def _fork(context, make: Callable[[], Work], others: list) -> _Worker:
    """One worker and this end of its pipe; ``others`` are this end of the other workers'
    pipes, which the new worker closes (see ``_serve``)."""
    ours, theirs = context.Pipe()
    try:
        process = context.Process(target=_serve, args=(theirs, make, [*others, ours]), daemon=True,
                                  name="slactl-worker")
        process.start()
    except BaseException:
        ours.close()
        raise
    finally:
        theirs.close()
    return _Worker(process, ours)


class _Worker(NamedTuple):
    process: Any
    pipe: Any
    """This end of the worker's pipe: rows (pickled) go, one ``(True, Done)`` or ``(False,
    exception)`` comes back."""


def _results(workers: list[_Worker], chunks: Iterator[list[Row | BadRow]]) -> Iterator[Done]:
    """Sends each chunk to the next free worker and gives the answers in the order sent; the
    next chunk is read and pickled while the workers compute, so none waits for it."""
    stopped: list[SlactlError] = []

    def next_payload() -> bytes | None:
        if stopped:
            return None
        try:
            chunk = next(chunks)
        except StopIteration:
            return None
        except SlactlError as error:  # the rows before it are done first, as in one process
            stopped.append(error)
            return None
        return pickle.dumps([_plain(row) for row in chunk], pickle.HIGHEST_PROTOCOL)

    pending: deque[_Worker] = deque()
    ready = next_payload()
    for worker in workers:
        if ready is None:
            break
        _send(worker, ready)
        pending.append(worker)
        ready = next_payload()
    while pending:
        worker = pending.popleft()
        done = _receive(worker)
        if ready is not None:
            _send(worker, ready)
            pending.append(worker)
            ready = None
        yield done
        if ready is None:
            ready = next_payload()
    if stopped:
        raise stopped[0]


def _send(worker: _Worker, payload: bytes) -> None:
    try:
        worker.pipe.send_bytes(payload)
    except OSError:
        raise _died() from None


def _receive(worker: _Worker) -> Done:
    try:
        ok, answer = worker.pipe.recv()
    except (EOFError, OSError):
        raise _died() from None
    if not ok:
        raise answer
    return answer


def _died() -> RunError:
    return RunError("a worker process ended before finishing its rows (killed, or out of memory?); "
                    "run again, or with --jobs 1")


def _serve(pipe, make: Callable[[], Work], inherited: list) -> None:
    """A worker: the stop signals are the parent's to handle (SIGINT, which a terminal sends to
    the whole group, is ignored; SIGTERM and SIGHUP end it quietly, unless slactl was started
    with them ignored, as ``nohup`` does); the parent's ends of the
    pipes are closed, so that each pipe ends when its worker or the parent does; then chunks
    until the pipe ends. Forked, so ``make`` and what it refers to are this process's copy."""
    import signal

    held = stops.numbers()
    for number in held:  # blocked until now (``_start``)
        if number == signal.SIGINT:
            signal.signal(number, signal.SIG_IGN)
        elif signal.getsignal(number) is not signal.SIG_IGN:  # ignored on entry (nohup) stays ignored
            signal.signal(number, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, held)
    for other in inherited:
        other.close()
    work: Work | None = None
    failed: Exception | None = None
    try:
        work = make()
    except Exception as error:  # noqa: BLE001 -- answered to every chunk, raised in the parent
        failed = error
    while True:
        try:
            chunk = pickle.loads(pipe.recv_bytes())
        except (EOFError, OSError):
            return
        answer: tuple[bool, Any]
        try:
            if work is None:
                raise failed  # type: ignore[misc]
            answer = (True, work([row if isinstance(row, BadRow) else _ROW(Row, row) for row in chunk]))
        except Exception as error:  # noqa: BLE001 -- a bug: raised in the parent, where it is reported
            answer = (False, error)
        try:
            try:
                pipe.send(answer)
            except (pickle.PicklingError, TypeError, AttributeError):
                pipe.send((False, RuntimeError(f"in a worker process: {answer[1]!r}")))
        except OSError:
            return


def _chunks(rows: Iterable[Row | BadRow]) -> Iterator[list[Row | BadRow]]:
    """``rows``, ``CHUNK`` at a time. When reading fails (a file that stops being UTF-8 half
    way), the rows read before are given first, then the error is raised."""
    chunk: list[Row | BadRow] = []
    try:
        for row in rows:
            chunk.append(row)
            if len(chunk) >= CHUNK:
                yield chunk
                chunk = []
    except SlactlError:
        if chunk:
            yield chunk
        raise
    if chunk:
        yield chunk


_ROW = tuple.__new__


def _plain(row: Row | BadRow) -> tuple | BadRow:
    return row if isinstance(row, BadRow) else tuple(row)
