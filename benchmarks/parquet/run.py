"""The Parquet benchmark: quire and pyarrow reading the same ~1 GB file, in one run.

    python3 benchmarks/parquet/run.py [FILE.parquet] [--rows 10000000] [--repeat 3]

Writes the file if it is missing (generate.py), builds parquet-bench in
release mode, then runs each case as a child process, alternating which side
goes first, and reports the best wall time and the peak resident memory of
each. Cases: one column (`loss`), two columns (`step`, `loss`) — what a chart
or query over a training log reads — and the whole file."""
import argparse
import os
import subprocess
import sys
import tempfile
import time

here = os.path.dirname(os.path.abspath(__file__))
parser = argparse.ArgumentParser()
parser.add_argument("file", nargs="?", default=os.path.join(tempfile.gettempdir(), "quire-parquet-bench.parquet"))
parser.add_argument("--rows", type=int, default=10_000_000)
parser.add_argument("--repeat", type=int, default=3)
parser.add_argument("--scratch-path")
parser.add_argument("--binary", help="an already built release parquet-bench: skips the build")
args = parser.parse_args()

if not os.path.exists(args.file):
    subprocess.run([sys.executable, os.path.join(here, "generate.py"), args.file, str(args.rows)], check=True)
# --scratch-path: where SwiftPM builds (default: the package's own .build).
build = ["swift", "build", "-c", "release", "--package-path", here] + (["--scratch-path", args.scratch_path] if args.scratch_path else [])
if args.binary:
    binary = args.binary
else:
    subprocess.run(build, check=True, stdout=subprocess.DEVNULL)
    binary = subprocess.run(build + ["--show-bin-path"], check=True, capture_output=True, text=True).stdout.strip() + "/parquet-bench"


loads = []


def timed(command):
    """Wall time, peak RSS (KiB) and output of one child process."""
    loads.append(os.getloadavg()[0])
    start = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    output = child.stdout.read()
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - start
    if status != 0:
        sys.exit(f"failed: {' '.join(command)}")
    # CPU seconds too: pyarrow reads on several threads, and a loaded machine stretches wall time.
    return elapsed, usage.ru_maxrss, output.strip(), usage.ru_utime + usage.ru_stime


reader = [sys.executable, os.path.join(here, "pyarrow_read.py"), args.file]
cases = [
    ("loss", ["loss"], True),
    ("step, loss", ["step", "loss"], True),
    ("whole file", [], True),
]
size_mib = os.path.getsize(args.file) / 2**20
versions = subprocess.run([sys.executable, "-c", "import pyarrow, platform; print('pyarrow', pyarrow.__version__, 'python', platform.python_version())"],
                          capture_output=True, text=True).stdout.strip()
print(f"\n{args.file}: {size_mib:,.0f} MiB, best of {args.repeat}; {versions}")
print(f"{'columns':<12} {'side':<8} {'time (s)':>9} {'CPU (s)':>8} {'peak RSS (MiB)':>15}  output")
for label, columns, with_quire in cases:
    sides = {"pyarrow": reader + columns}
    if with_quire:
        sides["quire"] = [binary, args.file] + columns
    best = {name: (float("inf"), 0, "", float("inf")) for name in sides}
    for attempt in range(args.repeat):
        order = list(sides) if attempt % 2 == 0 else list(reversed(sides))
        for name in order:
            elapsed, peak, output, cpu = timed(sides[name])
            previous = best[name]
            best[name] = (min(previous[0], elapsed), max(previous[1], peak), output, min(previous[3], cpu))
    for name, (elapsed, peak, output, cpu) in best.items():
        print(f"{label:<12} {name:<8} {elapsed:>9.2f} {cpu:>8.2f} {peak / 1024:>15,.0f}  {output[:90]}", flush=True)
print(f"load average (1 min) before each run: {min(loads):.1f}–{max(loads):.1f} on {os.cpu_count()} cores")
