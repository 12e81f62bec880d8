"""The PCA benchmark: quire's PCA of all layers next to numpy's, in one run.

    python3 benchmarks/pca/run.py [ARRAY.npy] [--layers 7 --rows 50000 --columns 2048] [--k 10]

Generates the array if it does not exist, builds the Swift benchmark in
release mode, runs each side as a child process and reports wall time and
peak resident memory (ru_maxrss of the child)."""
import argparse
import os
import resource
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
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    subprocess.run(command, check=True)
    elapsed = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return elapsed, peak if peak > before else before

layer_mb = args.rows * args.columns * 4 / 2**20
quire_time, quire_peak = timed([binary, args.array, str(args.k)])
numpy_time, numpy_peak = timed([sys.executable, os.path.join(here, "numpy_pca.py"), args.array, str(args.k)])
print()
print(f"array: {args.array} ({os.path.getsize(args.array) / 2**30:.2f} GiB, one layer {layer_mb:.0f} MiB)")
print(f"quire PCA, all layers: {quire_time:6.2f} s   peak RSS {quire_peak / 1024:7.0f} MiB ({quire_peak / 1024 / layer_mb:.2f}x one layer)")
print(f"numpy cov + eigh:      {numpy_time:6.2f} s   peak RSS {numpy_peak / 1024:7.0f} MiB")
print(f"quire / numpy time: {quire_time / numpy_time:.2f}")
