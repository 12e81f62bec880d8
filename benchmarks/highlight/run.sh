#!/usr/bin/env bash
# What highlighting costs a build: a code-heavy site (300 posts, 1,200 code
# blocks, see make_corpus.py) built cold with its code highlighted, against the
# same site with every fence marked `text`, which quire leaves uncoloured.
# The two are timed in alternating rounds with hyperfine, so load on the
# machine falls on both alike.
#   benchmarks/highlight/run.sh
# Environment: ROUNDS (default 5; each times 2 cold builds of each site, after a warm-up),
#              QUIRE (a quire binary to time; default: build release from this checkout),
#              CORPUS (code, the default, or site: benchmarks/site's 1,000 posts with one short code block each).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
ROUNDS="${ROUNDS:-5}"
CORPUS="${CORPUS:-code}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

command -v hyperfine >/dev/null || { echo "run.sh needs hyperfine (apt-get install hyperfine)" >&2; exit 1; }
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

for round in $(seq 1 "$ROUNDS"); do
    highlighted=(-n highlighted "cd '$WORK/code' && '$QUIRE' build")
    plain=(-n plain "cd '$WORK/plain' && '$QUIRE' build")
    # Which goes first changes every round.
    if [ $((round % 2)) -eq 1 ]; then order=("${highlighted[@]}" "${plain[@]}"); else order=("${plain[@]}" "${highlighted[@]}"); fi
    hyperfine --style none --warmup 1 --runs 2 \
        --prepare "rm -rf '$WORK/code/site' '$WORK/code/.quire-cache' '$WORK/plain/site' '$WORK/plain/.quire-cache'" \
        --export-json "$WORK/round-$round.json" "${order[@]}" >/dev/null
done

python3 - "$WORK" "$ROUNDS" <<'PY'
import json, statistics, sys
work, rounds = sys.argv[1], int(sys.argv[2])
wall, cpu = {}, {}
for round in range(1, rounds + 1):
    for result in json.load(open(f"{work}/round-{round}.json"))["results"]:
        wall.setdefault(result["command"], []).extend(result["times"])
        cpu.setdefault(result["command"], []).append(result["user"] + result["system"])
print(f"{'':12} {'wall median':>12} {'wall min':>9} {'CPU (user+sys)':>15}   ({rounds} rounds, {len(wall['plain'])} cold builds each)")
for name in ("plain", "highlighted"):
    print(f"{name:12} {statistics.median(wall[name]):11.3f}s {min(wall[name]):8.3f}s {statistics.median(cpu[name]):14.3f}s")
ratio = lambda table, pick: pick(table["highlighted"]) / pick(table["plain"])
print(f"highlighted / plain: wall median {ratio(wall, statistics.median):.3f}, wall min {ratio(wall, min):.3f}, "
      f"CPU {ratio(cpu, statistics.median):.3f}")
PY
