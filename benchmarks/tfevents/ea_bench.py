"""TensorBoard's side: the EventAccumulator its server uses, keeping every
point (size_guidance 0), and every scalar turned into a number, as quire's
table holds them. Prints one line like tfevents-bench's.

    python3 ea_bench.py RUN_FOLDER [BUDGET_SECONDS]

With a budget, events are loaded the way `Reload()` loads them (its own loop:
the accumulator's generator, `_ProcessEvent` for each event) but the loop
stops once the budget is spent, so a file that would take hours still gives
a rate: `complete=0` and the rows read so far."""
import resource
import sys
import time

from tensorboard.backend.event_processing.plugin_event_accumulator import EventAccumulator
from tensorboard.util import tensor_util

budget = float(sys.argv[2]) if len(sys.argv) > 2 else float("inf")
start = time.perf_counter()
accumulator = EventAccumulator(sys.argv[1], size_guidance={"tensors": 0})
complete = 1
# The body of EventAccumulator.Reload(), with a clock.
with accumulator._generator_mutex:
    for index, event in enumerate(accumulator._generator.Load()):
        accumulator._ProcessEvent(event)
        if index % 1_000 == 0 and time.perf_counter() - start > budget:
            complete = 0
            break
rows = 0
for tag in accumulator.PluginTagToContent("scalars"):
    values = [tensor_util.make_ndarray(event.tensor_proto).item() for event in accumulator.Tensors(tag)]
    rows += len(values)
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
print(f"tensorboard rows={rows} load_s={seconds:.2f} peak_rss_mb={peak} complete={complete}")
