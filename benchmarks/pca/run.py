"""The PCA benchmark: quire's PCA of all layers next to numpy's, in one run.

    python3 benchmarks/pca/run.py [ARRAY.npy] [--layers 7 --rows 50000 --columns 2048] [--k 10]

Generates the array if it does not exist and builds the Swift benchmark in
release mode. Then, layer by layer, it runs quire and numpy as child processes,
alternating which goes first, so that load from other work on the machine
falls on both sides alike. Reports the summed wall time of each side and the
peak resident memory of its largest child."""
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
args = parser.parse_args()

if not os.path.exists(args.array):
    subprocess.run([sys.executable, os.path.join(here, "generate.py"), args.array, str(args.layers), str(args.rows), str(args.columns)], check=True)
subprocess.run(["swift", "build", "-c", "release", "--package-path", here], check=True)
binary = subprocess.run(["swift", "build", "-c", "release", "--package-path", here, "--show-bin-path"],
                        check=True, capture_output=True, text=True).stdout.strip() + "/pca-bench"


def timed(command):
    """Wall time and peak RSS (KiB) of one child process."""
    start = time.perf_counter()
    child = subprocess.Popen(command)
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - start
    if status != 0:
        sys.exit(f"failed: {' '.join(command)}")
    return elapsed, usage.ru_maxrss


import numpy as np  # noqa: E402  (only to read the shape)
layers = np.load(args.array, mmap_mode="r").shape[0]
sides = {
    "quire": lambda layer: [binary, args.array, str(args.k), str(layer)],
    "numpy": lambda layer: [sys.executable, os.path.join(here, "numpy_pca.py"), args.array, str(args.k), str(layer)],
}
totals = {name: 0.0 for name in sides}
peaks = {name: 0 for name in sides}
for layer in range(layers):
    order = ["quire", "numpy"] if layer % 2 == 0 else ["numpy", "quire"]
    for name in order:
        elapsed, peak = timed(sides[name](layer))
        totals[name] += elapsed
        peaks[name] = max(peaks[name], peak)

layer_mib = args.rows * args.columns * 4 / 2**20
print()
print(f"array: {args.array} ({os.path.getsize(args.array) / 2**30:.2f} GiB, {layers} layers of {layer_mib:.0f} MiB)")
print(f"quire PCA (syrk + syevr), all layers: {totals['quire']:7.2f} s   peak RSS {peaks['quire'] / 1024:6.0f} MiB ({peaks['quire'] / 1024 / layer_mib:.2f}x one layer)")
print(f"numpy np.cov + eigh, all layers:      {totals['numpy']:7.2f} s   peak RSS {peaks['numpy'] / 1024:6.0f} MiB")
print(f"quire / numpy time: {totals['quire'] / totals['numpy']:.2f}")
