"""TensorBoard's side: the EventAccumulator its server uses, keeping every
point (size_guidance 0), and every scalar turned into a number, as quire's
table holds them. Prints one line like tfevents-bench's."""
import resource
import sys
import time

from tensorboard.backend.event_processing.plugin_event_accumulator import EventAccumulator
from tensorboard.util import tensor_util

start = time.perf_counter()
accumulator = EventAccumulator(sys.argv[1], size_guidance={"tensors": 0}).Reload()
rows = 0
for tag in accumulator.PluginTagToContent("scalars"):
    values = [tensor_util.make_ndarray(event.tensor_proto).item() for event in accumulator.Tensors(tag)]
    rows += len(values)
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
print(f"tensorboard rows={rows} load_s={seconds:.2f} peak_rss_mb={peak}")
