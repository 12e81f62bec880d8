#!/usr/bin/env bash
# What share of a cold build of the code-heavy corpus (make_corpus.py) is
# spent highlighting: samples with `Highlighter.html` on the stack over all
# samples, from `perf record -g`. A share needs no reference build, so the
# load on the machine moves it far less than it moves a ratio of two timings.
#   benchmarks/highlight/share.sh
# Environment: RUNS (default 5), QUIRE (a quire binary; default: build release from this checkout).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
RUNS="${RUNS:-5}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

command -v perf >/dev/null || { echo "share.sh needs perf (apt-get install linux-perf)" >&2; exit 1; }
if [ -z "${QUIRE:-}" ]; then
    (cd "$REPO" && swift build -c release --product quire >"$WORK/swift-build.log" 2>&1) \
        || { cat "$WORK/swift-build.log" >&2; exit 1; }
    QUIRE="$(cd "$REPO" && swift build -c release --show-bin-path)/quire"
fi
python3 "$HERE/make_corpus.py" "$WORK/code" code >/dev/null

for run in $(seq 1 "$RUNS"); do
    rm -rf "$WORK/code/site" "$WORK/code/.quire-cache"
    (cd "$WORK/code" && perf record -q -F 3999 -g -o "$WORK/perf.data" "$QUIRE" build >/dev/null 2>&1)
    perf script -i "$WORK/perf.data" -F comm,tid,ip,sym 2>/dev/null | swift demangle --simplified >"$WORK/stacks-$run.txt"
done

python3 - "$WORK" "$RUNS" "$REPO/benchmarks/site" <<'PY'
import statistics, sys
sys.path.insert(0, sys.argv[3])
from perf_top import read_stacks
shares = []
for run in range(1, int(sys.argv[2]) + 1):
    stacks = read_stacks(f"{sys.argv[1]}/stacks-{run}.txt")
    inside = sum(1 for stack in stacks if any("Highlighter.html" in frame for frame in stack))
    shares.append(inside / len(stacks))
    print(f"run {run}: {len(stacks)} samples, {inside} highlighting = {100 * shares[-1]:.1f}%")
print(f"highlighting's share of the build: median {100 * statistics.median(shares):.1f}%, min {100 * min(shares):.1f}%, max {100 * max(shares):.1f}%")
PY
