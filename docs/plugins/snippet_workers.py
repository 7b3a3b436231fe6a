"""Snippet workers: the snippets missing from the store run in two other processes.

On a first build, running the snippets costs more than all the rest of the first language's
setup; other cores run them while MkDocs sets up (start_workers() from on_startup), and the
build waits for them before it publishes anything (wait_for_workers()). Each worker goes
through all the missing snippets, from opposite ends, and runs those no other worker has
claimed: the work divides itself evenly, however long each snippet takes.

Under `mkdocs serve` the workers stay alive between rebuilds, with NumPy and Matplotlib
imported and their fonts loaded: a fresh worker spent about 1 s on that before its first
snippet, on every rebuild after an edit of a snippet's code.

    python docs/plugins/snippet_workers.py NAME …   work as a build's worker (the build
                                                    starts it; NAME … in the order to try)
    python docs/plugins/snippet_workers.py --serve  work as a worker that stays: one line
                                                    of names per rebuild on its input,
                                                    "done" on its output when stored
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys

import snippet_runs
from settings import CACHE

CLAIMS = CACHE / "snippet-claims"  # during a build: one empty file per snippet a worker runs
DONE = "snippet workers: stored\n"  # what a staying worker writes when it has finished a list

_stay = False  # whether workers stay between builds: under mkdocs serve
_staying: dict[int, subprocess.Popen] = {}  # those workers, by share
_busy: list[subprocess.Popen] = []  # the workers this build has not waited for yet
log = logging.getLogger("mkdocs.plugins.gradients")


def start_workers(stay: bool = False) -> None:
    """Have the snippets missing from the store run on other cores, at once. `stay` (from
    mkdocs serve's start): from now on, keep the workers for the next rebuild."""
    global _stay
    _stay = _stay or stay
    snippet_runs.result_key.cache_clear()  # a snippet may have changed since the last build
    if snippet_runs.EXECUTION_OFF or _busy:
        return
    missing = [name for name in snippet_runs.snippet_names() if not stored(name)]
    shutil.rmtree(CLAIMS, ignore_errors=True)
    for share in range(min(len(missing), os.cpu_count() or 1, 2)):
        order = missing if share % 2 == 0 else missing[::-1]
        if _stay:
            worker = staying_worker(share)
            worker.stdin.write(" ".join(order) + "\n")
            worker.stdin.flush()
        else:
            command = [sys.executable, __file__, *order]
            worker = subprocess.Popen(command, env=one_blas_thread())
        _busy.append(worker)


def stored(name: str) -> bool:
    return snippet_runs.results.has(snippet_runs.result_key(name))


def staying_worker(share: int) -> subprocess.Popen:
    """The staying worker number `share`, started if it is not there yet (or has died)."""
    worker = _staying.get(share)
    if worker is None or worker.poll() is not None:
        command = [sys.executable, __file__, "--serve"]
        pipes = {"stdin": subprocess.PIPE, "stdout": subprocess.PIPE, "text": True}
        worker = _staying[share] = subprocess.Popen(command, env=one_blas_thread(), **pipes)
        log.info(f"started a snippet worker that stays, process {worker.pid}")
    return worker


def one_blas_thread() -> dict[str, str]:
    """This process's environment, with one thread for the BLAS library's matrix products.

    The workers already keep the cores busy; a BLAS library that starts a thread per core for
    each small product only makes them wait for each other. Training the digits network took
    2.1 s with OpenBLAS's threads and 0.8 s with one, and gave the same numbers.
    """
    one = dict.fromkeys(("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"), "1")
    return {**os.environ, **one}


def wait_for_workers() -> None:
    """Wait until the workers have stored their results; a failure is run again here."""
    while _busy:
        worker = _busy.pop()
        if worker in _staying.values():
            # Until its word that it is done, or until it has died (its output ends).
            while (line := worker.stdout.readline()) and line != DONE:
                pass
        else:
            worker.wait()
    shutil.rmtree(CLAIMS, ignore_errors=True)


def claimed(name: str) -> bool:
    """Whether this worker is the first to claim snippet `name`, and so runs it."""
    CLAIMS.mkdir(parents=True, exist_ok=True)
    key = snippet_runs.result_key(name)
    try:
        os.close(os.open(CLAIMS / key, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
    except FileExistsError:
        return False
    return True


def work(names: list[str]) -> None:
    """Run and store, in this order, each of the snippets that is missing and not claimed."""
    import explorers

    snippet_runs.result_key.cache_clear()  # a staying worker: the snippets may have changed
    for name in names:
        if not stored(name) and claimed(name):
            # A worker also computes the data of the snippet's explorer, if it has one: the
            # build would otherwise compute them while it waits for nothing else.
            if not snippet_runs.result_of(name).error and name in explorers.EXPLORERS:
                explorers.data_of(name)


def stay() -> None:
    """Work on each list of names that comes in, until the build's end of the pipe closes."""
    warm_up()
    answer = os.fdopen(os.dup(sys.stdout.fileno()), "w")
    sys.stdout = sys.stderr  # nothing a snippet prints can be taken for the word "done"
    for line in sys.stdin:
        work(line.split())
        answer.write(DONE)
        answer.flush()


def warm_up() -> None:
    """Import NumPy and Matplotlib and load the fonts and the mathtext parser, once."""
    import io

    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    figure = Figure()
    figure.subplots().set_xlabel("$x_0$")
    figure.savefig(io.StringIO(), format="svg")


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="INFO    -  %(message)s")
    try:
        if sys.argv[1:] == ["--serve"]:
            stay()
        else:
            work(sys.argv[1:])
    except KeyboardInterrupt:  # Ctrl-C in the terminal reaches the workers too: no traceback
        sys.exit(130)
