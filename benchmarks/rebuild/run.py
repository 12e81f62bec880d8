#!/usr/bin/env python3
"""The author's loop, measured: cold against warm `quire build` on the example
site and on a 1,000-post corpus, then `quire serve` on the corpus, watching by
polling (`--poll`, the fallback) and by inotify, in the same run:

- edit → reload event: from the write of one post (in place: open, truncate,
  write, close) to the moment the server's live-reload event reaches an open
  Server-Sent Events connection, as a browser's would;
- edit → served: from the same write to the end of the HTTP GET (made when the
  event arrives, as the reload script does) whose page holds the edit;
- both as median and p90 of 20 edits, each after a random pause so the poller's
  phase is not always the same; and the rebuild time the server logs;
- idle CPU: the server's utime + stime from /proc/PID/stat over 30 s with no edits.

Prints a table; stops by itself.

    benchmarks/rebuild/run.sh          (builds quire in release mode first)
"""
import os, random, re, shutil, socket, statistics, subprocess, sys, tempfile, threading, time, urllib.request

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
QUIRE = os.environ.get("QUIRE", os.path.join(ROOT, ".build", "release", "quire"))
# QUICK=1: a smoke test of this script (a few edits, a short idle), no figures.
QUICK = os.environ.get("QUICK") == "1"
ROUNDS = 1 if QUICK else 3
EDITS = 3 if QUICK else 20
IDLE_SECONDS = 3 if QUICK else 30


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


def p90(values):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.9 * (len(ordered) - 1)))]


def cpu_seconds(pid):
    """utime + stime of a process, in seconds (fields 14 and 15 of /proc/PID/stat)."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class ReloadEvents:
    """A Server-Sent Events connection to /__quire/events; records when each
    `event: reload` arrives."""

    def __init__(self, port):
        self.arrivals = []
        self.condition = threading.Condition()
        self.sock = socket.create_connection(("127.0.0.1", port))
        self.sock.sendall(b"GET /__quire/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n")
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        pending = b""
        while True:
            try:
                chunk = self.sock.recv(65536)
            except OSError:
                return
            if not chunk:
                return
            now = time.perf_counter()
            pending += chunk
            while b"event: reload" in pending:
                pending = pending.split(b"event: reload", 1)[1]
                with self.condition:
                    self.arrivals.append(now)
                    self.condition.notify_all()

    def wait_after(self, start, timeout=30):
        """The first reload event that arrived after `start`."""
        deadline = time.perf_counter() + timeout
        with self.condition:
            while True:
                later = [t for t in self.arrivals if t > start]
                if later:
                    return later[0]
                left = deadline - time.perf_counter()
                if left <= 0:
                    sys.exit("no reload event within 30 s")
                self.condition.wait(left)

    def close(self):
        self.sock.close()


def serve(site, post, poll):
    log_path = os.path.join(site, f"serve-{'poll' if poll else 'inotify'}.log")
    log = open(log_path, "w")
    server = subprocess.Popen([QUIRE, "serve", "--source", site, "--port", "0"] + (["--poll"] if poll else []), stdout=log, stderr=log)
    read_log = lambda: open(log_path).read()
    try:
        deadline = time.time() + 120
        while "serving" not in read_log():
            if time.time() > deadline or server.poll() is not None:
                sys.exit("quire serve did not start:\n" + read_log())
            time.sleep(0.05)
        serving = next(l for l in read_log().splitlines() if l.startswith("serving"))
        port = int(re.search(r"127\.0\.0\.1:(\d+)/", serving).group(1))
        method = re.search(r"\(([^()]*)\)$", serving).group(1)
        url = f"http://127.0.0.1:{port}/posts/{os.path.basename(os.path.dirname(post))}/"
        original = open(post).read()
        events = ReloadEvents(port)
        time.sleep(0.5)  # the event connection is open before the first edit
        pauses = random.Random(17)
        to_event, to_served, rebuilds = [], [], []
        for n in range(EDITS):
            time.sleep(pauses.uniform(0.2, 0.6))
            marker = f"edit-marker-{n}-{time.time_ns()}"
            before = read_log().count("rebuilt (")
            start = time.perf_counter()
            with open(post, "w") as f:
                f.write(f"{original}\n{marker}\n")
            seen = start
            while True:
                seen = events.wait_after(seen)
                if marker in urllib.request.urlopen(url, timeout=10).read().decode():
                    break
            to_served.append(time.perf_counter() - start)
            to_event.append(seen - start)
            while read_log().count("rebuilt (") <= before:
                time.sleep(0.01)
            line = [l for l in read_log().splitlines() if l.startswith("rebuilt (")][-1]
            rebuilds.append(float(re.search(r"in ([0-9.]+) s", line).group(1)))
        events.close()
        time.sleep(1)  # let the last rebuild's threads finish
        idle_start = cpu_seconds(server.pid)
        time.sleep(IDLE_SECONDS)
        idle = cpu_seconds(server.pid) - idle_start
        with open(post, "w") as f:
            f.write(original)
        return {"method": method, "event": to_event, "served": to_served, "rebuild": rebuilds, "idle": idle, "line": line}
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
    load = os.getloadavg()[0]

    rows = []
    # SERVE_ONLY=1: only the serve figures (the builds take minutes on a busy machine).
    for name, site in () if os.environ.get("SERVE_ONLY") == "1" else (("example site", example), ("1,000 posts", corpus)):
        cold, warm = cold_and_warm(site)
        rows.append((name, cold, warm))
    post = os.path.join(corpus, "content", "posts", "post-00500", "index.md")
    sessions = [serve(corpus, post, poll=True), serve(corpus, post, poll=False)]
    shutil.rmtree(work, ignore_errors=True)

    print(f"{QUIRE}; load average before: {load:.1f} (2 cores); builds: medians of {ROUNDS} rounds")
    print(f"{'site':<14} {'cold build':>11} {'warm build':>11} {'warm/cold':>10}")
    for name, cold, warm in rows:
        print(f"{name:<14} {cold:>10.3f}s {warm:>10.3f}s {warm / cold:>9.1%}")
    print(f"\nquire serve, one post of 1,000 edited {EDITS} times (median / p90, seconds); idle CPU over {IDLE_SECONDS} s")
    print(f"{'watching':<22} {'edit → reload event':>20} {'edit → served':>16} {'rebuild (logged)':>17} {'idle CPU':>14}")
    for s in sessions:
        cell = lambda values: f"{statistics.median(values):.3f} / {p90(values):.3f}"
        idle = f"{s['idle']:.2f} s ({s['idle'] / IDLE_SECONDS:.1%})"
        print(f"{s['method']:<22} {cell(s['event']):>20} {cell(s['served']):>16} {cell(s['rebuild']):>17} {idle:>14}")
    print(f"  last rebuild: {sessions[-1]['line']}")
    print(f"load average after: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
