#!/usr/bin/env python3
"""The author's loop, measured: cold against warm `quire build` on the example
site and on a 1,000-post corpus, and how fast `quire serve` turns an edit to one
post of the 1,000 into a served page. Prints a table; stops by itself.

    benchmarks/rebuild/run.sh          (builds quire in release mode first)
"""
import os, re, shutil, socket, statistics, subprocess, sys, tempfile, time, urllib.request

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
QUIRE = os.path.join(ROOT, ".build", "release", "quire")
ROUNDS = 3


def timed(args):
    start = time.perf_counter()
    result = subprocess.run(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"{' '.join(args)} failed:\n{result.stderr}")
    return elapsed, result.stdout


def cold_and_warm(site):
    colds, warms = [], []
    for _ in range(ROUNDS):
        shutil.rmtree(os.path.join(site, "site"), ignore_errors=True)
        shutil.rmtree(os.path.join(site, ".quire-cache"), ignore_errors=True)
        colds.append(timed([QUIRE, "build", "--source", site])[0])
        seconds, out = timed([QUIRE, "build", "--source", site])
        if "up to date" not in out:
            sys.exit(f"the warm build did work: {out}")
        warms.append(seconds)
    return statistics.median(colds), statistics.median(warms)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve_edits(site, post, edits=5):
    port = free_port()
    log_path = os.path.join(site, "serve.log")
    log = open(log_path, "w")
    server = subprocess.Popen([QUIRE, "serve", "--source", site, "--port", str(port)], stdout=log, stderr=log)
    try:
        deadline = time.time() + 120
        while "serving" not in open(log_path).read():
            if time.time() > deadline or server.poll() is not None:
                sys.exit("quire serve did not start:\n" + open(log_path).read())
            time.sleep(0.05)
        rebuilds, latencies = [], []
        url = f"http://127.0.0.1:{port}/posts/{os.path.basename(os.path.dirname(post))}/"
        for n in range(edits):
            marker = f"edit-marker-{n}-{time.time_ns()}"
            before = open(log_path).read().count("rebuilt (")
            start = time.perf_counter()
            with open(post, "a") as f:
                f.write(f"\n{marker}\n")
            while True:
                body = urllib.request.urlopen(url, timeout=5).read().decode()
                if marker in body:
                    break
                if time.perf_counter() - start > 10:
                    sys.exit("the edit was not served within 10 s")
                time.sleep(0.005)
            latencies.append(time.perf_counter() - start)
            while open(log_path).read().count("rebuilt (") <= before:
                time.sleep(0.01)
            line = [l for l in open(log_path).read().splitlines() if l.startswith("rebuilt (")][-1]
            rebuilds.append(float(re.search(r"in ([0-9.]+) s", line).group(1)))
        return statistics.median(rebuilds), statistics.median(latencies), line
    finally:
        server.terminate()
        server.wait()


def main():
    work = tempfile.mkdtemp(prefix="quire-rebuild-")
    example = os.path.join(work, "example")
    os.makedirs(example)
    for name in ("quire.yaml", "content", "templates"):
        source = os.path.join(ROOT, name)
        (shutil.copytree if os.path.isdir(source) else shutil.copy)(source, os.path.join(example, name))
    subprocess.run([sys.executable, os.path.join(ROOT, "benchmarks", "site", "make_corpus.py"), "1000", os.path.join(work, "corpus")], check=True)
    corpus = os.path.join(work, "corpus", "quire")

    rows = []
    for name, site in (("example site", example), ("1,000 posts", corpus)):
        cold, warm = cold_and_warm(site)
        rows.append((name, cold, warm))
    rebuild, latency, line = serve_edits(corpus, os.path.join(corpus, "content", "posts", "post-00500", "index.md"))
    shutil.rmtree(work, ignore_errors=True)

    print(f"load average before: {os.getloadavg()[0]:.1f} (2 cores); medians of {ROUNDS} rounds")
    print(f"{'site':<14} {'cold build':>11} {'warm build':>11} {'warm/cold':>10}")
    for name, cold, warm in rows:
        print(f"{name:<14} {cold:>10.3f}s {warm:>10.3f}s {warm / cold:>9.1%}")
    print(f"edit one post of 1,000 under quire serve: rebuild {rebuild:.3f} s, edit → served page {latency:.3f} s")
    print(f"  ({line})")


if __name__ == "__main__":
    main()
