"""Writes the benchmark's Parquet file: a training log of N rows (default 10
million, about 1 GB): a sorted `step`, a `run` name (dictionary-encoded),
a `wall_time` timestamp and twelve float64 metrics of noise (which snappy
cannot shrink, so the file stays large). Seeded, so every run writes the same
bytes; row groups of 1 million rows, snappy, as pandas and pyarrow write by
default."""
import sys
import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

path = sys.argv[1]
rows = int(sys.argv[2]) if len(sys.argv) > 2 else 10_000_000
rng = np.random.default_rng(15)
writer = None
chunk = 1_000_000
for start in range(0, rows, chunk):
    n = min(chunk, rows - start)
    step = np.arange(start, start + n, dtype=np.int64)
    columns = {
        "step": step,
        "run": pa.array(np.array(["run-a", "run-b", "run-c", "baseline"])[step % 4]),
        "wall_time": pa.array(1_700_000_000_000_000 + step * 250_000, pa.timestamp("us", tz="UTC")),
        "loss": 2.0 * np.exp(-step / rows * 5) + rng.normal(0, 0.05, n),
    }
    for index in range(11):
        columns[f"metric_{index}"] = rng.normal(0, 1, n)
    table = pa.table(columns)
    if writer is None:
        writer = pq.ParquetWriter(path, table.schema, compression="snappy")
    writer.write_table(table, row_group_size=chunk)
writer.close()
