"""How long a saved report takes to open in the terminal viewer and as the HTML page.

    .venv/bin/checker check ../shared/corpus/real --format json -o /tmp/real.json \\
        --today 2026-11-23 --fail-on never
    .venv/bin/python benchmarks/viewer_open.py /tmp/real.json [--runs 5]

Terminal viewer: `checker view REPORT` is started in a pseudo-terminal (80x24 and 160x48)
and timed from the start of the process to the first frame that shows the selected
finding's evidence pane, i.e. everything an editor waits for; then `q` quits it.
HTML page: `checker view REPORT --html` writes the page (timed), and a fresh headless
Chromium opens it (timed from navigation start to the script's `checker-ready` mark, when
the side list, the filters and the first article with its marks are drawn, and to the
load event). Medians over the runs are printed; the goal is under 2 s for each.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import pty
import resource
import select
import shutil
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHECKER = str(Path(sys.executable).parent / "checker")
MARKER = b"evidence ("  # the evidence pane's title: drawn once the first finding is shown


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system) a running process has used so far, from /proc (Linux)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return float("nan")
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def tui_open_seconds(report: str, cols: int, rows: int, timeout: float = 30.0) -> tuple[float, float, float]:
    """Seconds from spawning `checker view` in a pty to its first complete frame, the CPU seconds
    it had used by then, and the CPU seconds from start to quit (CPU time is what the machine's
    load does not inflate; the quit figure includes checking the remaining files in the
    background)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    pid, fd = pty.fork()
    if pid == 0:  # the child: a terminal of the given size, then the viewer
        os.environ.update({"TERM": "xterm-256color", "COLUMNS": str(cols), "LINES": str(rows)})
        os.execv(CHECKER, [CHECKER, "view", report])
    started = time.perf_counter()
    fcntl_winsize(fd, rows, cols)
    seen = b""
    first_frame = None
    frame_cpu = float("nan")
    try:
        while time.perf_counter() - started < timeout and first_frame is None:
            ready, _, _ = select.select([fd], [], [], 0.05)
            if ready:
                try:
                    seen += os.read(fd, 65536)
                except OSError:
                    break
                if MARKER in seen:
                    first_frame = time.perf_counter() - started
                    frame_cpu = cpu_seconds(pid)
        if first_frame is None:
            raise RuntimeError(f"no frame with {MARKER!r} within {timeout} s; got {seen[-400:]!r}")
    finally:
        os.write(fd, b"q")
        deadline = time.perf_counter() + 5
        while time.perf_counter() < deadline:
            done, _ = os.waitpid(pid, os.WNOHANG)
            if done:
                break
            with_select_drain(fd)
        else:
            os.kill(pid, 9)
            os.waitpid(pid, 0)
        os.close(fd)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return first_frame, frame_cpu, cpu


def fcntl_winsize(fd: int, rows: int, cols: int) -> None:
    import fcntl

    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))


def with_select_drain(fd: int) -> None:
    ready, _, _ = select.select([fd], [], [], 0.05)
    if ready:
        with contextlib.suppress(OSError):
            os.read(fd, 65536)


def html_times(report: str, runs: int) -> tuple[list[float], list[tuple[float, float]], int]:
    out = Path(tempfile.mkdtemp()) / "report.html"
    writes = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run([CHECKER, "view", report, "--html", str(out)], check=True, stderr=subprocess.DEVNULL)
        writes.append(time.perf_counter() - t)
    size = out.stat().st_size
    chromium, driver = shutil.which("chromium"), shutil.which("chromedriver")
    if not (chromium and driver):
        print("  (chromium or chromedriver missing: page load not measured)")
        return writes, [], size
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    loads = []
    for _ in range(runs):
        options = webdriver.ChromeOptions()
        options.binary_location = chromium
        for flag in (
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--window-size=1400,900",
        ):
            options.add_argument(flag)
        browser = webdriver.Chrome(service=Service(driver), options=options)  # a fresh, cold browser
        try:
            browser.get(out.as_uri())
            ready, loaded = browser.execute_script(
                "const m = performance.getEntriesByName('checker-ready')[0];"
                "const n = performance.getEntriesByType('navigation')[0];"
                "return [m ? m.startTime : -1, n.loadEventEnd];"
            )
            loads.append((ready / 1000, loaded / 1000))
        finally:
            browser.quit()
    return writes, loads, size


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("report", nargs="?", default="/tmp/real.json")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    if not Path(args.report).is_file():
        print(f"no report at {args.report}; create it first (see this script's docstring)", file=sys.stderr)
        return 2
    from checker.viewer.report_io import load_report

    t = time.perf_counter()
    saved = load_report(args.report)
    loaded = time.perf_counter() - t
    print(
        f"report: {args.report}: {len(saved.findings)} findings, {len(saved.documents)} documents, "
        f"{len({f.path for f in saved.findings})} files with findings; load_report {loaded:.3f} s"
    )
    print(f"machine load average: {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs")
    for cols, rows in ((80, 24), (160, 48)):
        runs = [tui_open_seconds(args.report, cols, rows) for _ in range(args.runs)]
        times = [t for t, _, _ in runs]
        frame_cpu = [c for _, c, _ in runs]
        cpu = [c for _, _, c in runs]
        print(
            f"checker view (TUI {cols}x{rows}) first frame: median {statistics.median(times):.2f} s "
            f"(min {min(times):.2f}, max {max(times):.2f}, {len(times)} runs); CPU to first frame: "
            f"median {statistics.median(frame_cpu):.2f} s; CPU start to quit: median {statistics.median(cpu):.2f} s"
        )
    writes, loads, size = html_times(args.report, args.runs)
    print(f"checker view --html: writes {size / 1e6:.1f} MB in median {statistics.median(writes):.2f} s")
    if loads:
        ready = [r for r, _ in loads]
        load = [lo for _, lo in loads]
        print(
            f"HTML page in cold headless Chromium: ready median {statistics.median(ready):.2f} s "
            f"(max {max(ready):.2f}); load event median {statistics.median(load):.2f} s (max {max(load):.2f})"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
