"""Generates the event file if needed, builds the Swift side in release mode,
and runs quire and TensorBoard's EventAccumulator on the same file, one after
the other. Usage: python3 benchmarks/tfevents/run.py [SITE] [GB]"""
import os
import subprocess
import sys

here = os.path.dirname(os.path.abspath(__file__))
site = sys.argv[1] if len(sys.argv) > 1 else "/tmp/quire-tfevents-bench"
size = sys.argv[2] if len(sys.argv) > 2 else "1.0"
subprocess.run([sys.executable, os.path.join(here, "generate.py"), site, size], check=True)
subprocess.run(["swift", "build", "-c", "release", "--package-path", here], check=True, stdout=subprocess.DEVNULL)
binary = os.path.join(here, ".build", "release", "tfevents-bench")
print(subprocess.run([binary, site], check=True, capture_output=True, text=True).stdout.strip())
run = os.path.join(site, "content", "posts", "bench", "runs", "big")
print(subprocess.run([sys.executable, os.path.join(here, "ea_bench.py"), run], check=True, capture_output=True, text=True).stdout.strip())
