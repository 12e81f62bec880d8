"""The PCA benchmark: quire's exact and randomized PCA next to numpy's, in one run.

    python3 benchmarks/pca/run.py [ARRAY.npy] [--layers 7 --rows 50000 --columns 2048] [--k 10] [--use-layers N]

Generates the array if it does not exist and builds the Swift benchmark in
release mode. Then, layer by layer, it runs quire's `solver: exact`, quire's
`solver: randomized` and numpy (np.cov + eigh) as child processes, rotating
which goes first, so that load from other work on the machine falls on all
sides alike. Reports the summed wall time of each side, the peak resident
memory of its largest child, the time ratios, and the largest difference of
an explained-variance ratio from quire's exact solver (and from numpy's)."""
import argparse
import os
import subprocess
import sys
import tempfile
import time

here = os.path.dirname(os.path.abspath(__file__))
parser = argparse.ArgumentParser()
parser.add_argument("array", nargs="?", default=os.path.join(tempfile.gettempdir(), "quire-pca-bench.npy"))
parser.add_argument("--layers", type=int, default=7)
parser.add_argument("--rows", type=int, default=50_000)
parser.add_argument("--columns", type=int, default=2_048)
parser.add_argument("--k", type=int, default=10)
parser.add_argument("--use-layers", type=int, help="time only the first N layers of the array")
args = parser.parse_args()

if not os.path.exists(args.array):
    subprocess.run([sys.executable, os.path.join(here, "generate.py"), args.array, str(args.layers), str(args.rows), str(args.columns)], check=True)
subprocess.run(["swift", "build", "-c", "release", "--package-path", here], check=True)
binary = subprocess.run(["swift", "build", "-c", "release", "--package-path", here, "--show-bin-path"],
                        check=True, capture_output=True, text=True).stdout.strip() + "/pca-bench"


def timed(command):
    """Wall time, CPU time (user + system), peak RSS (KiB) and the printed ratios of one child process."""
    start = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    output = child.stdout.read()
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - start
    if status != 0:
        sys.exit(f"failed: {' '.join(command)}")
    line = next(line for line in output.splitlines() if " ratios " in line)
    print(line, flush=True)
    ratios = [float(value) for value in line.split(" ratios ")[1].split(" in ")[0].split(",")]
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss, ratios


import numpy as np  # noqa: E402  (only to read the shape)
shape = np.load(args.array, mmap_mode="r").shape
layers = min(shape[0], args.use_layers or shape[0])
sides = {
    "exact": lambda layer: [binary, args.array, str(args.k), str(layer), "exact"],
    "randomized": lambda layer: [binary, args.array, str(args.k), str(layer), "randomized"],
    "numpy": lambda layer: [sys.executable, os.path.join(here, "numpy_pca.py"), args.array, str(args.k), str(layer)],
}
names = list(sides)
totals = {name: 0.0 for name in sides}
cpu = {name: 0.0 for name in sides}
peaks = {name: 0 for name in sides}
worst = {"randomized-exact": 0.0, "randomized-numpy": 0.0, "exact-numpy": 0.0}
load_before = os.getloadavg()
for layer in range(layers):
    order = names[layer % 3:] + names[:layer % 3]
    ratios = {}
    for name in order:
        elapsed, seconds, peak, ratios[name] = timed(sides[name](layer))
        totals[name] += elapsed
        cpu[name] += seconds
        peaks[name] = max(peaks[name], peak)
    for pair in worst:
        a, b = pair.split("-")
        worst[pair] = max(worst[pair], max(abs(x - y) for x, y in zip(ratios[a], ratios[b])))
load_after = os.getloadavg()

layer_mib = shape[1] * shape[2] * 4 / 2**20
print()
print(f"array: {args.array} ({os.path.getsize(args.array) / 2**30:.2f} GiB, {shape[0]} layers of {shape[1]:,} x {shape[2]:,} float32 = {layer_mib:.0f} MiB);"
      f" timed {layers} layer(s), k = {args.k}")
print(f"load average (1, 5, 15 min) before {load_before[0]:.2f} {load_before[1]:.2f} {load_before[2]:.2f},"
      f" after {load_after[0]:.2f} {load_after[1]:.2f} {load_after[2]:.2f}")
labels = {"exact": "quire exact (syrk + syevr)", "randomized": "quire randomized (range finder)", "numpy": "numpy np.cov + eigh"}
for name in names:
    print(f"{labels[name]:32} {totals[name]:8.2f} s wall {cpu[name]:8.2f} s CPU   peak RSS {peaks[name] / 1024:6.0f} MiB ({peaks[name] / 1024 / layer_mib:.2f}x one layer)")
print(f"wall time: exact / numpy {totals['exact'] / totals['numpy']:.3f}, randomized / numpy {totals['randomized'] / totals['numpy']:.3f},"
      f" randomized / exact {totals['randomized'] / totals['exact']:.3f}")
print(f"CPU time: exact / numpy {cpu['exact'] / cpu['numpy']:.3f}, randomized / numpy {cpu['randomized'] / cpu['numpy']:.3f},"
      f" randomized / exact {cpu['randomized'] / cpu['exact']:.3f}  (user + system; on a loaded machine wall time mostly measures waiting)")
print(f"largest ratio difference: randomized vs exact {worst['randomized-exact']:.2e}, randomized vs numpy {worst['randomized-numpy']:.2e},"
      f" exact vs numpy {worst['exact-numpy']:.2e}")
