#!/usr/bin/env bash
# What highlighting costs a build: a code-heavy site (300 posts, 1,200 code
# blocks, see make_corpus.py) built cold with its code highlighted, against the
# same site with every fence marked `text`, which quire leaves uncoloured.
# The two are built in alternation, so load on the machine falls on both alike.
#   benchmarks/highlight/run.sh
# Environment: BUILDS (default 20 cold builds of each site),
#              QUIRE (a quire binary to time; default: build release from this checkout),
#              CORPUS (code, the default, or site: benchmarks/site's 1,000 posts with one short code block each).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
BUILDS="${BUILDS:-20}"
CORPUS="${CORPUS:-code}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

if [ -z "${QUIRE:-}" ]; then
    (cd "$REPO" && swift build -c release --product quire >"$WORK/swift-build.log" 2>&1) \
        || { cat "$WORK/swift-build.log" >&2; exit 1; }
    QUIRE="$(cd "$REPO" && swift build -c release --show-bin-path)/quire"
fi

if [ "$CORPUS" = site ]; then
    # The everyday case: benchmarks/site's 1,000 posts of prose, one short Python block each.
    python3 "$REPO/benchmarks/site/make_corpus.py" 1000 "$WORK/site" >/dev/null
    mv "$WORK/site/quire" "$WORK/code"
    cp -r "$WORK/code" "$WORK/plain"
    find "$WORK/plain/content" -name '*.md' -exec sed -i 's/^```python$/```text/' {} +
else
    python3 "$HERE/make_corpus.py" "$WORK/code" code
    python3 "$HERE/make_corpus.py" "$WORK/plain" plain
fi

# Each build's own CPU time (getrusage of the finished child, microseconds) and
# wall time; the two sites alternate, and which goes first alternates too. An
# old site/ is moved aside, not deleted, right before a build: freeing its
# inodes would be charged to the next build (benchmarks/site/README.md).
python3 - "$WORK" "$BUILDS" "$QUIRE" <<'PY'
import os, resource, shutil, statistics, subprocess, sys, time
work, builds, quire = sys.argv[1], int(sys.argv[2]), sys.argv[3]
wall, cpu = {"plain": [], "highlighted": []}, {"plain": [], "highlighted": []}
folders = {"highlighted": f"{work}/code", "plain": f"{work}/plain"}
for build in range(builds):
    for name in ("highlighted", "plain") if build % 2 == 0 else ("plain", "highlighted"):
        folder = folders[name]
        shutil.rmtree(f"{folder}/.quire-cache", ignore_errors=True)
        if os.path.exists(f"{folder}/site"):
            os.rename(f"{folder}/site", f"{work}/old-site-{name}-{build}")
        before, start = resource.getrusage(resource.RUSAGE_CHILDREN), time.perf_counter()
        subprocess.run([quire, "build"], cwd=folder, stdout=subprocess.DEVNULL, check=True)
        seconds, after = time.perf_counter() - start, resource.getrusage(resource.RUSAGE_CHILDREN)
        wall[name].append(seconds)
        cpu[name].append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    for old in os.listdir(work):
        if old.startswith("old-site-"):
            shutil.rmtree(f"{work}/{old}")
print(f"{'':12} {'wall median':>12} {'wall min':>9} {'CPU (user+sys)':>15}   ({builds} cold builds each, alternating)")
for name in ("plain", "highlighted"):
    print(f"{name:12} {statistics.median(wall[name]):11.3f}s {min(wall[name]):8.3f}s {statistics.median(cpu[name]):14.3f}s")
ratio = lambda table, pick: pick(table["highlighted"]) / pick(table["plain"])
print(f"highlighted / plain: wall median {ratio(wall, statistics.median):.3f}, wall min {ratio(wall, min):.3f}, "
      f"CPU {ratio(cpu, statistics.median):.3f}")
PY
