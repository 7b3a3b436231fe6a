"""Measure what authors and readers pay for the site: build time, rebuild latency, page weight,
and Lighthouse's scores for four kinds of page.

    python tests/benchmark.py               print the tables (medians of 3 runs)
    python tests/benchmark.py --write       also store them in docs/includes/benchmark.md and README.md
    python tests/benchmark.py --without-lighthouse  all but the Lighthouse table, which --write
                                                    then keeps as it was
    python tests/benchmark.py --lighthouse  only the Lighthouse table (one build; with --write,
                                            only that table is replaced)

Lighthouse (npm, pinned in .ci/package.json; `npm ci --prefix .ci --ignore-scripts`) runs
Debian's chromium (CHROME_PATH, default /usr/bin/chromium) on a phone, as it does by default,
over the site served from this machine gzip-compressed, as GitHub Pages serves it.

It measures on the machine it runs on, in fresh copies of the repository, so that no cache
of this checkout is used unless a line says so. It is not a test: pytest does not collect it.
"""

import functools
import gzip
import io
import json
import os
import resource
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "docs" / "plugins"))

from conftest import SITE_PATH, copy_project, importers  # noqa: E402

RUNS = 3
RESULTS = ROOT / "docs" / "includes" / "benchmark.md"
README_BLOCK = re.compile(r"(<!-- benchmark -->\n).*?(<!-- /benchmark -->)", re.S)
LIGHTHOUSE_BLOCK = re.compile(r"(<!-- lighthouse -->\n).*?(<!-- /lighthouse -->)", re.S)
LIGHTHOUSE = ROOT / ".ci" / "node_modules" / "lighthouse" / "cli" / "index.js"
# One page of each kind, addresses relative to the site.
LIGHTHOUSE_PAGES = {
    "Home page": "",
    "Chapter": "gradient-descent/",
    "Notebook page": "notebooks/gradient-descent/",
    "Chapter in Japanese": "ja/gradient-descent/",
}
CATEGORIES = {
    "performance": "Performance",
    "accessibility": "Accessibility",
    "best-practices": "Best practices",
    "seo": "SEO",
}
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def timed_build(project: Path, site: Path, **env) -> tuple[float, str]:
    """Seconds for one `mkdocs build` into an empty folder, and its log."""
    shutil.rmtree(site, ignore_errors=True)
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(site)],
        cwd=project,
        env={**ENV, **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return time.perf_counter() - started, result.stderr


def builds(work: Path, label: str, keep_cache: bool, **env) -> tuple[list[float], str]:
    """RUNS clean builds of a fresh copy; with keep_cache, .cache/ survives from one to the next.

    The first of the kept-cache builds fills the cache; the median is of the builds after it.
    """
    project = work / label
    project.mkdir()
    copy_project(project)
    if keep_cache:
        timed_build(project, work / f"{label}-site", **env)
    times, log = [], ""
    for _ in range(RUNS):
        if not keep_cache:
            shutil.rmtree(project / ".cache", ignore_errors=True)
        seconds, log = timed_build(project, work / f"{label}-site", **env)
        times.append(seconds)
    return times, log


def snippet_edit_cpu(work: Path) -> tuple[float, float]:
    """Wall and CPU seconds (all processes) of a build after an edit of the code of gradient.py,
    with `.cache/` kept: the work a `mkdocs serve` rebuild cannot avoid, plus MkDocs' start-up.

    On a machine with n cores no rebuild can take less than CPU seconds / n.
    """
    project = work / "warm"  # filled by builds(work, "warm", keep_cache=True)
    with (project / "snippets" / "gradient.py").open("a", encoding="utf-8") as file:
        file.write("\nEDITED_FOR_THE_CPU_COUNT = True\n")  # code: a comment would run nothing
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    seconds, log = timed_build(project, work / "cpu-site")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    assert "ran snippets/gradient.py " in log, "the edited snippet must run again"
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return seconds, cpu


def rebuild_latencies(work: Path) -> dict[str, list[float]]:
    """Seconds from writing a file to the end of `mkdocs serve`'s rebuild, per kind of edit."""
    project = work / "serve"
    project.mkdir()
    copy_project(project)
    log_path = work / "serve.log"
    with log_path.open("w") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", "127.0.0.1:8047"],
            cwd=project,
            env=ENV,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        wait_for(log_path, "Serving on", after=0)
        page = project / "docs" / "en" / "gradient.md"
        snippet = project / "snippets" / "gradient.py"
        edits = {  # what each kind of edit appends to its file, on each run
            "edit one English page": (page, "\n<!-- edit {run} -->\n"),
            # Code: gradient.py and the snippets that import it run again.
            "edit the code of `gradient.py`": (snippet, "\nEDITED_{run} = {run}\n"),
            # A comment: no snippet runs again (snippet_runs.code_of).
            "edit a comment in `gradient.py`": (snippet, "\n# edit {run}\n"),
        }
        latencies = {}
        for kind, (path, text) in edits.items():
            latencies[kind] = []
            for run in range(RUNS):
                # The end of a rebuild. Not "Documentation built in … seconds": MkDocs logs a
                # message from its build module only once, so a rebuild as fast as an
                # earlier one to the hundredth of a second would never be seen to end.
                log_text = log_path.read_text()
                seen, ran = log_text.count("Reloading browsers"), log_text.count("ran snippets/")
                started = time.perf_counter()
                with path.open("a", encoding="utf-8") as file:
                    file.write(text.format(run=run))
                wait_for(log_path, "Reloading browsers", after=seen)
                latencies[kind].append(time.perf_counter() - started)
                ran = log_path.read_text().count("ran snippets/") - ran
                expected = len(importers("gradient")) if "code" in kind else 0
                assert ran == expected, f"{kind}: {ran} snippets ran again, not {expected}"
    finally:
        server.terminate()
        server.wait(timeout=30)
    return latencies


def wait_for(log_path: Path, text: str, after: int, timeout: float = 120) -> None:
    """Wait until `text` appears in the log more than `after` times."""
    deadline = time.monotonic() + timeout
    while log_path.read_text().count(text) <= after:
        if time.monotonic() > deadline:
            raise TimeoutError(f"no {text!r} in {log_path}:\n{log_path.read_text()[-2000:]}")
        time.sleep(0.01)


def page_weights(site: Path) -> list[tuple[str, int, int, int]]:
    """For every page: its address, the bytes and gzip bytes of its HTML plus its figures, and
    the bytes of its HTML alone."""
    rows = []
    for html_file in sorted(site.rglob("index.html")):
        html = html_file.read_bytes()
        figures = set(re.findall(rb'<img[^>]+src="([^"]*figures/[^"]+\.svg)"', html))
        parts = [html] + [(html_file.parent / figure.decode()).resolve().read_bytes() for figure in figures]
        address = html_file.parent.relative_to(site).as_posix() + "/"
        rows.append(
            (
                address.lstrip("./") or "/",
                sum(map(len, parts)),
                sum(len(gzip.compress(p)) for p in parts),
                len(html),
            )
        )
    return rows

# ---------------------------------------------------------------- Lighthouse

COMPRESSED = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".map"}


class GzipHandler(SimpleHTTPRequestHandler):
    """Static files, text compressed with gzip when the browser accepts it, as GitHub Pages
    serves them (and with its ten-minute cache lifetime)."""

    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir() and urlsplit(self.path).path.endswith("/"):
            path = path / "index.html"
        accepts_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (path.is_file() and path.suffix in COMPRESSED and accepts_gzip):
            return super().send_head()  # also the redirect from a folder without its "/"
        body = compressed(path, path.stat().st_mtime_ns)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        return io.BytesIO(body)


@functools.cache
def compressed(path: Path, modified: int) -> bytes:
    """A file gzip-compressed once, as a server's cache would keep it."""
    return gzip.compress(path.read_bytes(), mtime=0)


def served(site: Path, folder: Path):
    """Serve the site at SITE_PATH on a free local port; returns (address, stop)."""
    root = folder / "served"
    (root / SITE_PATH.strip("/")).parent.mkdir(parents=True, exist_ok=True)
    (root / SITE_PATH.strip("/")).symlink_to(site, target_is_directory=True)
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(GzipHandler, directory=root))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}{SITE_PATH}", server.shutdown


def lighthouse(url: str, report: Path) -> dict[str, int]:
    """Lighthouse's four category scores (0 to 100) for one page, on a phone: the run with the
    median performance score of RUNS, as Lighthouse's own documentation advises, since its
    simulated phone runs the page's scripts at the pace of this machine at that moment."""
    runs = [lighthouse_run(url, report) for _ in range(RUNS)]
    return sorted(runs, key=lambda scores: scores["performance"])[len(runs) // 2]


def lighthouse_run(url: str, report: Path) -> dict[str, int]:
    subprocess.run(
        [
            "node",
            str(LIGHTHOUSE),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={report}",
            f"--only-categories={','.join(CATEGORIES)}",
            "--chrome-flags=--headless=new --no-sandbox",
        ],
        env={**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")},
        check=True,
        capture_output=True,
        timeout=300,
    )
    result = json.loads(report.read_text(encoding="utf-8"))
    if result.get("runtimeError"):
        raise RuntimeError(f"Lighthouse on {url}: {result['runtimeError']}")
    return {key: round(result["categories"][key]["score"] * 100) for key in CATEGORIES}


def lighthouse_scores(site: Path, folder: Path) -> dict[str, dict[str, int]]:
    if not LIGHTHOUSE.is_file():
        raise SystemExit("Lighthouse is missing: npm ci --prefix .ci --ignore-scripts")
    address, stop = served(site, folder)
    try:
        return {
            kind: lighthouse(address + page, folder / f"lighthouse-{index}.json")
            for index, (kind, page) in enumerate(LIGHTHOUSE_PAGES.items())
        }
    finally:
        stop()


def lighthouse_table(scores: dict[str, dict[str, int]]) -> str:
    lines = [
        "Lighthouse 12 on a phone (its default), the site served gzip-compressed from the same "
        "machine: targets are 95 for performance and 100 for the rest.",
        "",
        "| Page | " + " | ".join(CATEGORIES.values()) + " |",
        "| --- |" + " ---: |" * len(CATEGORIES),
    ]
    for kind, page in LIGHTHOUSE_PAGES.items():
        row = " | ".join(str(scores[kind][key]) for key in CATEGORIES)
        lines.append(f"| {kind} (`{page or '/'}`) | {row} |")
    return "<!-- lighthouse -->\n" + "\n".join(lines) + "\n<!-- /lighthouse -->\n"


def lighthouse_only() -> str:
    """Build the site once and run Lighthouse over it."""
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        project = folder / "project"
        project.mkdir()
        copy_project(project, cache_from=ROOT if (ROOT / ".cache").is_dir() else None)
        timed_build(project, folder / "site")
        return lighthouse_table(lighthouse_scores(folder / "site", folder))



def kb(size: int) -> str:
    return f"{size / 1024:.1f} KB"


def table(with_lighthouse: bool = True) -> str:
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        cold, cold_log = builds(work, "cold", keep_cache=False)
        cold_floor, _ = builds(work, "cold-floor", keep_cache=False, GRADIENTS_SNIPPETS="off")
        warm, warm_log = builds(work, "warm", keep_cache=True)
        warm_floor, _ = builds(work, "warm-floor", keep_cache=True, GRADIENTS_SNIPPETS="off")
        latencies = rebuild_latencies(work)
        edit_wall, edit_cpu = snippet_edit_cpu(work)
        weights = page_weights(work / "cold-site")
        scores = lighthouse_scores(work / "cold-site", work) if with_lighthouse else None
        site_files = [path for path in (work / "cold-site").rglob("*") if path.is_file()]
        site_bytes = sum(path.stat().st_size for path in site_files)

    snippets = sorted(path.stem for path in (ROOT / "snippets").glob("*.py"))

    def executions(log: str) -> str:
        counts = {log.count(f"ran snippets/{name}.py ") for name in snippets}
        return " to ".join(map(str, sorted(counts)))

    # The slowest snippet in a first build, in its own process (one of the build's workers).
    ran = re.findall(r"ran snippets/(\w+)\.py in ([\d.]+) s", cold_log)
    slowest_seconds, slowest = max((float(seconds), name) for name, seconds in ran)
    check_seconds = dict(ran)["gradient_check"]

    notebook_pages = [row for row in weights if "/notebooks/" in f"/{row[0]}"]
    heaviest_notebook = max(notebook_pages, key=lambda row: row[3])

    median = statistics.median
    lines = [
        f"Measured with `python tests/benchmark.py` on a machine with {os.cpu_count()} cores; "
        f"medians of {RUNS} runs of `mkdocs build` into an empty folder, all four languages.",
        "",
        "| What | Result |",
        "| --- | --- |",
        f"| Clean build, `.cache/` kept from an earlier build | {median(warm):.2f} s |",
        f"| The same with snippet execution off (the floor) | {median(warm_floor):.2f} s |",
        f"| Ratio | {median(warm) / median(warm_floor):.2f} |",
        f"| Executions per snippet per build | {executions(warm_log)} (from the cache) |",
        f"| First build of a fresh clone, no `.cache/` | {median(cold):.2f} s |",
        f"| The same with snippet execution off (the floor) | {median(cold_floor):.2f} s |",
        f"| Ratio | {median(cold) / median(cold_floor):.2f} |",
        f"| Executions per snippet per build | {executions(cold_log)} |",
        f"| Slowest snippet run in a first build | {slowest_seconds:.2f} s (`{slowest}.py`) |",
        f"| The gradient check (`gradient_check.py`, 1,520 loss evaluations) | {check_seconds} s |",
    ]
    for kind, seconds in latencies.items():
        lines.append(f"| `mkdocs serve` rebuild after: {kind} | {median(seconds):.2f} s |")
    lines.append(
        f"| `mkdocs build` after an edit of the code of `gradient.py`, `.cache/` kept: "
        f"wall, CPU of all processes | {edit_wall:.2f} s, {edit_cpu:.2f} s |"
    )
    heaviest = max(weights, key=lambda row: row[2])
    lines += [
        f"| Heaviest page with its figures (gzip) | {kb(heaviest[2])} (`{heaviest[0]}`) |",
        f"| Largest notebook page, HTML alone | {kb(heaviest_notebook[3])} (`{heaviest_notebook[0]}`) |",
        f"| Whole site | {kb(site_bytes)} in {len(site_files)} files |",
        "",
        "| Page | HTML and figures | gzip |",
        "| --- | ---: | ---: |",
        *[f"| `{address}` | {kb(size)} | {kb(compressed)} |" for address, size, compressed, _ in weights],
        "",
    ]
    if scores is None:
        return "\n".join(lines) + "\n"
    return "\n".join(lines) + "\n" + lighthouse_table(scores)


def main(arguments: list[str]) -> None:
    only_lighthouse = "--lighthouse" in arguments
    with_lighthouse = "--without-lighthouse" not in arguments
    result = lighthouse_only() if only_lighthouse else table(with_lighthouse)
    print(result)
    if "--write" in arguments:
        store(result, only_lighthouse, keep_lighthouse=not with_lighthouse)


def store(result: str, only_lighthouse: bool, keep_lighthouse: bool = False) -> None:
    """Write the tables into docs/includes/benchmark.md, and the same text into README.md."""
    included = result
    if keep_lighthouse:
        kept = LIGHTHOUSE_BLOCK.search(RESULTS.read_text(encoding="utf-8"))
        included = result.rstrip("\n") + "\n\n" + kept.group(0) + "\n" if kept else result
    if only_lighthouse:
        included = RESULTS.read_text(encoding="utf-8")
        if LIGHTHOUSE_BLOCK.search(included):
            included = LIGHTHOUSE_BLOCK.sub(lambda m: result, included)
        else:
            included = included.rstrip("\n") + "\n\n" + result
    RESULTS.write_text(included, encoding="utf-8")
    readme = ROOT / "README.md"
    text = readme.read_text(encoding="utf-8")
    readme.write_text(
        README_BLOCK.sub(lambda m: m.group(1) + included + m.group(2), text), encoding="utf-8"
    )


if __name__ == "__main__":
    main(sys.argv[1:])
