"""numpy's PCA of one layer (or every layer) of the array: np.cov + eigh.
Prints each layer's top-k explained-variance ratios."""
import sys
import time
import numpy as np

path = sys.argv[1]
k = int(sys.argv[2]) if len(sys.argv) > 2 else 10
array = np.load(path, mmap_mode="r")
layers = [int(sys.argv[3])] if len(sys.argv) > 3 else range(array.shape[0])
for layer in layers:
    start = time.perf_counter()
    covariance = np.cov(array[layer], rowvar=False)
    values, vectors = np.linalg.eigh(covariance)
    top = values[::-1][:k] / values.sum()
    ratios = ",".join(f"{ratio:.9f}" for ratio in top)
    print(f"numpy layer {layer}: ratios {ratios} in {time.perf_counter() - start:.2f} s", flush=True)
