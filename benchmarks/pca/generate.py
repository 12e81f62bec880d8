"""Writes the PCA benchmark array: float32, shape (layers, rows, columns),
each layer a low-rank signal plus noise, streamed to disk one layer at a time."""
import sys
import numpy as np

path = sys.argv[1]
layers, rows, columns = (int(v) for v in sys.argv[2:5]) if len(sys.argv) >= 5 else (7, 50_000, 2_048)
rng = np.random.default_rng(0)
out = np.lib.format.open_memmap(path, mode="w+", dtype="<f4", shape=(layers, rows, columns))
rank = 32
for layer in range(layers):
    basis = rng.standard_normal((rank, columns), dtype=np.float32)
    scale = np.linspace(3.0, 0.3, rank, dtype=np.float32)[:, None]
    for start in range(0, rows, 5_000):
        stop = min(rows, start + 5_000)
        latent = rng.standard_normal((stop - start, rank), dtype=np.float32)
        noise = rng.standard_normal((stop - start, columns), dtype=np.float32)
        out[layer, start:stop] = latent @ (basis * scale) + 0.5 * noise + layer
out.flush()
print(f"wrote {path}: {layers} x {rows} x {columns} float32")
