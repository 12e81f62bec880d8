#!/usr/bin/env python3
"""quire's chart renderer against matplotlib on the same data, in one run.

Charts: a 50,000-point coloured scatter and a 20,000-point line, both built
from deterministic formulas (no random generator) that quire-chart-bench
uses too. Reports median render time in-process, wall time of a whole
process that renders the chart once, and the SVG size.

    swift build -c release --product quire-chart-bench
    pip install matplotlib
    python3 benchmarks/charts/bench.py [--repeat 5] [--write DIR]
"""
import argparse
import io
import math
import os
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def fraction(value):
    return value - math.floor(value)


def scatter_data(count=50_000):
    xs, ys, cs = [], [], []
    for i in range(count):
        u = fraction(0.5 + i * 0.7548776662466927)
        v = fraction(0.5 + i * 0.5698402909980532)
        r = math.sqrt(-2 * math.log(max(u, 1e-12)))
        angle = 2 * math.pi * v
        xs.append(r * math.cos(angle))
        ys.append(r * math.sin(angle) * 0.6 + 0.3 * r * math.cos(angle))
        cs.append(angle)
    return xs, ys, cs


def line_data(count=20_000):
    steps = list(range(count))
    values = [math.sin(t / 300) + 0.3 * math.sin(t / 17) + 0.15 * fraction(t * 0.6180339887498949) + t / 20_000 for t in steps]
    return steps, values


def matplotlib_svg(chart):
    import matplotlib
    matplotlib.use("svg")
    import matplotlib.pyplot as plt
    fig, ax = plt.subplots(figsize=(6.4, 4.0))
    if chart == "scatter":
        x, y, c = DATA["scatter"]
        points = ax.scatter(x, y, c=c, s=4, cmap="twilight")
        fig.colorbar(points, ax=ax, label="c")
    else:
        steps, values = DATA["line"]
        ax.plot(steps, values, linewidth=1)
    ax.set_xlabel("x" if chart == "scatter" else "step")
    ax.set_ylabel("y" if chart == "scatter" else "value")
    buffer = io.BytesIO()
    fig.savefig(buffer, format="svg")
    plt.close(fig)
    return buffer.getvalue()


DATA = {}


def load_data():
    DATA["scatter"] = scatter_data()
    DATA["line"] = line_data()


def time_in_process(chart, repeat):
    times, svg = [], b""
    for _ in range(repeat):
        start = time.perf_counter()
        svg = matplotlib_svg(chart)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), svg


def wall(command):
    start = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, check=True)
    return (time.perf_counter() - start) * 1000, result.stdout


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--write", help="folder for the four SVGs")
    parser.add_argument("--quire", default=os.path.join(ROOT, ".build", "release", "quire-chart-bench"))
    parser.add_argument("--once", choices=["scatter", "line"], help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.once:
        load_data()
        matplotlib_svg(args.once)
        return

    if not os.path.exists(args.quire):
        sys.exit(f"{args.quire} not found: run `swift build -c release --product quire-chart-bench` first")
    load_data()
    rows, csv_notes, layout_notes = [], [], []
    for chart in ["scatter", "line"]:
        command = [args.quire, chart, "--repeat", str(args.repeat)]
        if args.write:
            command += ["--write", args.write]
        _, out = wall(command)
        fields = dict(part.split("=") for part in out.split()[2:])
        quire_ms, quire_bytes = float(fields["render_ms"]), int(fields["svg_bytes"])
        layout_notes.append(f"{chart}: quire inline SVG {int(fields['wide_bytes']):,} B wide + {int(fields['phone_bytes']):,} B phone"
                            f" = {quire_bytes:,} B all layouts (standalone file {int(fields['standalone_bytes']):,} B)")
        csv_notes.append(f"{chart}: quire also writes the full CSV in {float(fields['csv_ms']):.1f} ms (not in render ms)")
        quire_process_ms, _ = wall([args.quire, chart, "--repeat", "1"])

        mpl_ms, svg = time_in_process(chart, args.repeat)
        mpl_process_ms, _ = wall([sys.executable, os.path.abspath(__file__), "--once", chart])
        if args.write:
            with open(os.path.join(args.write, f"matplotlib-{chart}.svg"), "wb") as handle:
                handle.write(svg)
        rows.append((chart, "quire", quire_ms, quire_process_ms, quire_bytes))
        rows.append((chart, "matplotlib", mpl_ms, mpl_process_ms, len(svg)))

    print(f"{'chart':8} {'tool':11} {'render ms':>10} {'process ms':>11} {'SVG bytes':>11}   (quire: all layouts, wide + phone)")
    for chart, tool, ms, process_ms, size in rows:
        print(f"{chart:8} {tool:11} {ms:10.1f} {process_ms:11.1f} {size:11,}")
    for chart in ["scatter", "line"]:
        q = next(r for r in rows if r[0] == chart and r[1] == "quire")
        m = next(r for r in rows if r[0] == chart and r[1] == "matplotlib")
        print(f"{chart}: quire/matplotlib render {q[2] / m[2]:.3f}, process {q[3] / m[3]:.3f}, bytes {q[4] / m[4]:.3f}")
    for note in layout_notes + csv_notes:
        print(note)


if __name__ == "__main__":
    main()
