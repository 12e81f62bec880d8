"""Reads the named columns of a Parquet file with pyarrow (all when none are
named) and prints the same summary as parquet-bench, after the seconds the
read itself took (without starting Python and importing pyarrow)."""
import sys
import time

import pyarrow.compute as pc
import pyarrow.parquet as pq

path, columns = sys.argv[1], sys.argv[2:] or None
start = time.perf_counter()
table = pq.read_table(path, columns=columns)
seconds = time.perf_counter() - start
sums = [f"{name}={pc.sum(table.column(name)).as_py()}" for name in table.column_names
        if str(table.schema.field(name).type).startswith(("int", "uint", "double", "float"))]
print(f"[read_table {seconds:.2f} s] rows {table.num_rows}, columns {table.num_columns}: {' '.join(sums)}")
