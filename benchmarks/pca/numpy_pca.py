"""numpy's PCA of every layer of the array: covariance (np.cov) + eigh, timed."""
import sys
import time
import numpy as np

path, k = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 10
array = np.load(path, mmap_mode="r")
start = time.perf_counter()
for layer in range(array.shape[0]):
    covariance = np.cov(array[layer], rowvar=False)
    values, vectors = np.linalg.eigh(covariance)
    top = values[::-1][:k]
    print(f"numpy layer {layer}: top ratio {top[0] / values.sum():.6f}", flush=True)
print(f"numpy total {time.perf_counter() - start:.2f} s")
