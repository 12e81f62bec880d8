"""Reads the named columns of a Parquet file with pyarrow (all when none are
named) and prints the same summary as parquet-bench."""
import sys
import pyarrow.compute as pc
import pyarrow.parquet as pq

path, columns = sys.argv[1], sys.argv[2:] or None
table = pq.read_table(path, columns=columns)
sums = [f"{name}={pc.sum(table.column(name)).as_py()}" for name in table.column_names
        if str(table.schema.field(name).type).startswith(("int", "uint", "double", "float"))]
print(f"rows {table.num_rows}, columns {table.num_columns}: {' '.join(sums)}")
