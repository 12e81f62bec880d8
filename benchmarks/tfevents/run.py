"""The TensorBoard benchmark: quire and TensorBoard's EventAccumulator reading
the same ~1 GB event file, in one run, alternating which goes first.

    python3 benchmarks/tfevents/run.py [SITE] [--gb 1.0] [--repeat 2] [--budget 300]

Writes the event file if it is missing (generate.py), builds tfevents-bench in
release mode, then runs each side as a child process REPEAT times. The
accumulator gets BUDGET seconds: at its pace (pure-Python CRC-32C and protobuf
per event when TensorFlow is not installed) a gigabyte takes hours, so past the
budget it stops and its time for the whole file is projected from its rate.
Reports the best load time and the largest peak resident set of each side."""
import argparse
import os
import subprocess
import sys
import time

here = os.path.dirname(os.path.abspath(__file__))
parser = argparse.ArgumentParser()
parser.add_argument("site", nargs="?", default="/tmp/quire-tfevents-bench")
parser.add_argument("--gb", default="1.0")
parser.add_argument("--repeat", type=int, default=2)
parser.add_argument("--budget", type=float, default=300)
parser.add_argument("--scratch-path")
parser.add_argument("--binary", help="an already built release tfevents-bench: skips the build")
args = parser.parse_args()

subprocess.run([sys.executable, os.path.join(here, "generate.py"), args.site, args.gb], check=True)
# --scratch-path: where SwiftPM builds (default: the package's own .build).
build = ["swift", "build", "-c", "release", "--package-path", here] + (["--scratch-path", args.scratch_path] if args.scratch_path else [])
if args.binary:
    binary = args.binary
else:
    subprocess.run(build, check=True, stdout=subprocess.DEVNULL)
    binary = subprocess.run(build + ["--show-bin-path"], check=True, capture_output=True, text=True).stdout.strip() + "/tfevents-bench"
run_folder = os.path.join(args.site, "content", "posts", "bench", "runs", "big")
event_file = [name for name in os.listdir(run_folder) if name.startswith("events.out.tfevents.")][0]


def timed(command):
    """Fields of the child's one output line, its peak RSS (KiB) and the load average around it."""
    before = os.getloadavg()[0]
    start = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    output = child.stdout.read()
    _, status, usage = os.wait4(child.pid, 0)
    if status != 0:
        sys.exit(f"failed: {' '.join(command)}")
    fields = dict(part.split("=") for part in output.split()[1:])
    fields["wall_s"] = time.perf_counter() - start
    # CPU seconds say what the work costs when a loaded machine stretches wall time.
    fields["cpu_s"] = usage.ru_utime + usage.ru_stime
    return fields, usage.ru_maxrss, (before, os.getloadavg()[0])


sides = {
    "quire": [binary, args.site],
    "tensorboard": [sys.executable, os.path.join(here, "ea_bench.py"), run_folder, str(args.budget)],
}
results = {name: [] for name in sides}
for attempt in range(args.repeat):
    order = list(sides) if attempt % 2 == 0 else list(reversed(sides))
    for name in order:
        results[name].append(timed(sides[name]))
        fields, peak, loads = results[name][-1]
        print(f"  run {attempt + 1} {name}: {fields} peak_rss_mib={peak // 1024} load {loads[0]:.1f}→{loads[1]:.1f}", flush=True)

size = os.path.getsize(os.path.join(run_folder, event_file))
versions = subprocess.run([sys.executable, "-c", "import tensorboard, platform; print('tensorboard', tensorboard.__version__, 'python', platform.python_version())"],
                          capture_output=True, text=True).stdout.strip()
print(f"\n{event_file}: {size / 2**20:,.0f} MiB; best of {args.repeat}; {versions}")
total_rows = int(results["quire"][0][0]["rows"])
print(f"{'side':<12} {'rows':>11} {'load (s)':>9} {'CPU (s)':>9} {'peak RSS (MiB)':>15}")
for name, runs in results.items():
    # Fastest by rate: a run stopped at the budget has read fewer rows.
    best = min(runs, key=lambda run: float(run[0]["load_s"]) / max(1, int(run[0]["rows"])))[0]
    peak = max(run[1] for run in runs) // 1024
    rows = int(best["rows"])
    seconds = float(best["load_s"])
    cpu = best["cpu_s"]
    note = ""
    if best.get("complete") == "0":
        share = rows / total_rows
        note = f"  stopped at the budget: {share:.1%} of the file; whole file at this rate ≈ {seconds / share:,.0f} s, {cpu / share:,.0f} CPU s"
    print(f"{name:<12} {rows:>11,} {seconds:>9.2f} {cpu:>9.2f} {peak:>15,}{note}")
loads = [load for runs in results.values() for _, _, pair in runs for load in pair]
print(f"load average (1 min) around the runs: {min(loads):.1f}–{max(loads):.1f} on {os.cpu_count()} cores")
