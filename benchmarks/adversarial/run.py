#!/usr/bin/env python3
"""The slow adversarial cases, against a real `quire` binary.

    run.py [--quire PATH] [--only NAME[,NAME...]] [--runs N]

Each case is named after what it attacks and prints PASS/FAIL with its time
and, for the resource cases, the peak RSS of the quire process (its VmHWM,
polled every 20 ms; a watchdog kills it past its time or memory budget). The fast
cases live in the Swift test suite (Tests/*/Adversarial*Tests.swift).
"""
import argparse
import http.client
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
CONFIG = "title: Attack\nbase_url: https://attack.example/\n"
results = []
# CPU seconds (user + system) of the last watched process: on a shared
# machine wall time says more about the neighbours than about quire.
last_cpu = None


def make_site(files, config=CONFIG):
    root = tempfile.mkdtemp(prefix="quire-adv-")
    shutil.copytree(os.path.join(REPO, "templates"), os.path.join(root, "templates"))
    with open(os.path.join(root, "quire.yaml"), "w") as f:
        f.write(config)
    for path, text in files.items():
        full = os.path.join(root, path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "wb") as f:
            f.write(text if isinstance(text, bytes) else text.encode())
    return root


def post(body, title="P", date="2026-01-01"):
    return f"---\ntitle: {title}\ndate: {date}\n---\n\n{body}\n"


def watched(cmd, seconds, max_rss_mb, cwd=None):
    """Runs cmd; kills it past `seconds` or `max_rss_mb`. Returns (status, seconds, peak MB, stderr, why-killed)."""
    started = time.time()
    err = tempfile.TemporaryFile()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=err)
    killed = None
    # Peak from VmHWM, polled: wait4's ru_maxrss would include this (large)
    # Python process, which Linux carries across fork and exec.
    peak_kb = 0
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.time() - started > seconds:
            killed = "time"
        else:
            try:
                with open(f"/proc/{proc.pid}/status") as f:
                    fields = {l.split(":")[0]: l.split()[1] for l in f if l.startswith(("VmRSS:", "VmHWM:"))}
                peak_kb = max(peak_kb, int(fields.get("VmHWM", 0)))
                if int(fields.get("VmRSS", 0)) > max_rss_mb * 1024:
                    killed = "memory"
            except (OSError, ValueError):
                pass
        if killed:
            proc.kill()
            pid, status, usage = os.wait4(proc.pid, 0)
            break
        time.sleep(0.02)
    global last_cpu
    last_cpu = usage.ru_utime + usage.ru_stime
    proc.returncode = os.waitstatus_to_exitcode(status)
    err.seek(0)
    return proc.returncode, time.time() - started, peak_kb / 1024, err.read().decode(errors="replace"), killed


def record(name, ok, detail):
    global last_cpu
    if last_cpu is not None:
        detail = f"cpu {last_cpu:.2f} s, " + detail
        last_cpu = None
    results.append((name, ok))
    print(f"{'PASS' if ok else 'FAIL'}  {name}: {detail}", flush=True)


def bomb(name, quire, files, expect, seconds=60, max_rss_mb=1500, config=CONFIG):
    """A build that must end within its budget with a located error containing `expect`."""
    root = make_site(files, config)
    try:
        status, took, peak, stderr, killed = watched([quire, "build", "--no-cache", "--source", root], seconds, max_rss_mb)
        located = any(line.startswith(("content/", "quire.yaml")) and ": error: " in line and expect in line for line in stderr.splitlines())
        ok = not killed and status == 1 and located
        why = f"killed ({killed})" if killed else f"exit {status}"
        first = next((l for l in stderr.splitlines() if ": error: " in l), stderr.strip()[:160])
        record(name, ok, f"{why}, {took:.2f} s, peak {peak:.0f} MB — {first[:160]}")
    finally:
        shutil.rmtree(root, ignore_errors=True)


# --- resource bombs -------------------------------------------------------

def sqlite_view_bomb(quire):
    import sqlite3
    root_files = {"content/posts/bomb/index.md": post("```query big\nSELECT count(*) AS n FROM forever\n```\n\n{{ big.n }}")}
    root = make_site(root_files)
    db = sqlite3.connect(os.path.join(root, "content/posts/bomb/bomb.sqlite"))
    db.execute("CREATE VIEW forever AS WITH RECURSIVE r(x, pad) AS (SELECT 1, hex(zeroblob(500)) UNION ALL SELECT x + 1, pad FROM r) SELECT x, pad FROM r")
    db.commit()
    db.close()
    try:
        status, took, peak, stderr, killed = watched([quire, "build", "--no-cache", "--source", root], 60, 2000)
        located = "content/posts/bomb/bomb.sqlite" in stderr and ": error: " in stderr
        first = next((l for l in stderr.splitlines() if ": error: " in l), stderr.strip()[:160])
        record("sqlite_view_bomb_is_bounded_while_loading", not killed and status == 1 and located,
               f"{'killed (' + killed + ')' if killed else 'exit ' + str(status)}, {took:.2f} s, peak {peak:.0f} MB — {first[:160]}")
    finally:
        shutil.rmtree(root, ignore_errors=True)


def regexp_bomb(quire):
    body = "```query r\nSELECT regexp('^(a+)+$', t) AS hit FROM (SELECT '" + "a" * 40 + "!' AS t)\n```\n\n{{ r.hit }}"
    bomb("catastrophic_regexp_is_stopped_by_its_match_limit", quire, {"content/posts/re/index.md": post(body)}, "backtracks", seconds=30)


def csv_wide_header(quire, columns):
    header = ",".join(f"c{i}" for i in range(columns)) + "\n" + ",".join("1" for _ in range(columns)) + "\n"
    files = {"content/posts/w/index.md": post("{{ wide.c0 }}"), "content/posts/w/wide.csv": header}
    root = make_site(files)
    try:
        status, took, peak, stderr, killed = watched([quire, "build", "--no-cache", "--source", root], 60, 2000)
        # Up to the cap a wide file loads; past it, a located error at once. Either way: fast.
        ok = not killed and took < 10 and (status == 0 or "wide.csv:1" in stderr)
        record(f"csv_header_with_{columns}_columns_is_linear", ok, f"exit {status}, {took:.2f} s, peak {peak:.0f} MB")
    finally:
        shutil.rmtree(root, ignore_errors=True)


def csv_single_line(quire):
    size = 200 * 1024 * 1024
    files = {"content/posts/l/index.md": post("{{ line.a }}"), "content/posts/l/line.csv": b"a," * (size // 2)}
    root = make_site(files)
    try:
        status, took, peak, stderr, killed = watched([quire, "build", "--no-cache", "--source", root], 120, 3000)
        ok = not killed and status == 1 and peak < 3 * 200 + 150 and "line.csv:1" in stderr
        first = next((l for l in stderr.splitlines() if ": error: " in l), "")
        record("csv_200mb_single_line_costs_under_3x_its_size", ok, f"exit {status}, {took:.2f} s, peak {peak:.0f} MB — {first[:140]}")
    finally:
        shutil.rmtree(root, ignore_errors=True)


def inline_values(quire, count):
    body = "\n\n".join(" ".join("{{ t.v | max }}" for _ in range(10)) for _ in range(count // 10))
    files = {"content/posts/i/index.md": post(body), "content/posts/i/t.csv": "v\n1\n2\n3\n"}
    root = make_site(files)
    try:
        status, took, peak, stderr, killed = watched([quire, "build", "--no-cache", "--source", root], 600, 3000)
        record(f"inline_values_{count}_in_one_post_are_linear", not killed and status == 0, f"exit {status}, {took:.2f} s, peak {peak:.0f} MB")
        return took
    finally:
        shutil.rmtree(root, ignore_errors=True)


def nesting(quire):
    deep = 100_000
    bomb("yaml_front_matter_nested_100k_deep_is_a_located_error", quire,
         {"content/posts/y.md": "---\ntitle: Y\ndate: 2026-01-01\nx: " + "[" * deep + "]" * deep + "\n---\n\nBody.\n"}, "nest")
    bomb("json_data_nested_100k_deep_is_a_located_error", quire,
         {"content/posts/j/index.md": post("{{ j.a }}"), "content/posts/j/j.json": "[" * deep + "]" * deep}, "nest")
    for name, body in [("blockquotes", "> " * deep + "x"), ("lists", "".join("  " * i + "- x\n" for i in range(0, 3000))),
                       ("emphasis", "*" * deep + "x" + "*" * deep), ("links", "[" * deep + "x" + "](u)" * 10)]:
        root = make_site({"content/posts/m.md": post(body)})
        try:
            status, took, peak, stderr, killed = watched([quire, "build", "--no-cache", "--source", root], 60, 2000)
            # Either built, or refused with a located error; never a crash or a hang.
            ok = not killed and (status == 0 or (status == 1 and "content/posts/m.md:" in stderr))
            record(f"markdown_{name}_nested_deep_builds_or_is_a_located_error", ok, f"exit {status}, {took:.2f} s, peak {peak:.0f} MB")
        finally:
            shutil.rmtree(root, ignore_errors=True)


# --- build atomicity ------------------------------------------------------

def kill_during_swap(quire):
    """SIGKILL injected at each rename of the build: site/ must be whole, old or new."""
    root = make_site({"content/posts/a.md": post("OLD marker")})
    try:
        subprocess.run([quire, "build", "--source", root], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        with open(os.path.join(root, "content/posts/a.md"), "w") as f:
            f.write(post("NEW marker"))
        for when in range(1, 4):
            shutil.rmtree(os.path.join(root, ".quire-cache"), ignore_errors=True)
            proc = subprocess.run(["strace", "-f", "-qq", "-o", "/dev/null", "-e", "trace=rename,renameat,renameat2",
                                   "-e", f"inject=rename,renameat,renameat2:signal=KILL:when={when}", quire, "build", "--source", root],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            page = os.path.join(root, "site/posts/a/index.html")
            state = "missing"
            if os.path.exists(page):
                text = open(page).read()
                state = "new" if "NEW marker" in text else "old" if "OLD marker" in text else "broken"
            whole = os.path.exists(os.path.join(root, "site/sitemap.xml")) and os.path.exists(os.path.join(root, "site/index.html"))
            record(f"kill_at_rename_{when}_leaves_site_old_or_new", state in ("old", "new") and whole, f"strace exit {proc.returncode}, site/ is {state}")
            # Put the old site back for the next injection point.
            with open(os.path.join(root, "content/posts/a.md"), "w") as f:
                f.write(post("OLD marker"))
            subprocess.run([quire, "build", "--source", root], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            with open(os.path.join(root, "content/posts/a.md"), "w") as f:
                f.write(post("NEW marker"))
        # Kills at random moments of a build.
        bad = 0
        for _ in range(10):
            proc = subprocess.Popen([quire, "build", "--no-cache", "--source", root], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(random.uniform(0.0, 0.4))
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            page = os.path.join(root, "site/posts/a/index.html")
            if not os.path.exists(page) or not os.path.exists(os.path.join(root, "site/sitemap.xml")):
                bad += 1
        record("kill_at_random_moments_leaves_site_whole", bad == 0, f"{bad} of 10 kills left a broken site/")
    finally:
        shutil.rmtree(root, ignore_errors=True)


def concurrent_builds(quire, runs):
    corpus = tempfile.mkdtemp(prefix="quire-adv-corpus-")
    subprocess.run([sys.executable, os.path.join(REPO, "benchmarks/site/make_corpus.py"), "400", corpus], check=True, stdout=subprocess.DEVNULL)
    root = os.path.join(corpus, "quire")
    try:
        failures = 0
        for run in range(runs):
            started = time.time()
            procs = [subprocess.Popen([quire, "build", "--no-cache", "--source", root], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) for _ in range(3)]
            codes = [p.wait() for p in procs]
            waited = sum(b"waiting for the build in process" in p.stderr.read() for p in procs)
            posts = os.path.join(root, "site/posts")
            pages = len(os.listdir(posts)) if os.path.isdir(posts) else 0
            leftovers = [n for n in os.listdir(root) if ".quire-staging" in n or ".quire-previous" in n]
            ok = codes == [0, 0, 0] and pages >= 400 and not leftovers
            failures += not ok
            print(f"      run {run + 1}: exit codes {codes}, {pages} post folders, {waited} said they waited, {time.time() - started:.1f} s", flush=True)
        record("three_concurrent_builds_of_a_400_post_site", failures == 0, f"{runs - failures} of {runs} runs whole")
    finally:
        shutil.rmtree(corpus, ignore_errors=True)


# --- the dev server -------------------------------------------------------

def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def start_serve(quire, root, port):
    log = open(os.path.join(root, "serve.log"), "w")
    proc = subprocess.Popen([quire, "serve", "--source", root, "--port", str(port)], stdout=log, stderr=log)
    deadline = time.time() + 60
    while time.time() < deadline:
        if "serving" in open(os.path.join(root, "serve.log")).read():
            return proc
        time.sleep(0.1)
    proc.kill()
    raise RuntimeError("serve did not start")


def get(port, path, timeout=10):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def table_post(rows, version):
    csv = "step,value\n" + "".join(f"{i},{(i * 7919 + version) % 1000}\n" for i in range(rows))
    return post(f"Version {version}.\n\n```table\ndata: data\nlimit: 20000\n```\n"), csv


def edit_storm(quire, rows, seconds, clients=8):
    text, csv = table_post(rows, 0)
    root = make_site({"content/posts/live/index.md": text, "content/posts/live/data.csv": csv})
    port = free_port()
    proc = start_serve(quire, root, port)
    stop = threading.Event()
    counts = {"ok": 0, "bad": 0, "errors": 0}
    lock = threading.Lock()

    def client():
        while not stop.is_set():
            try:
                status, body = get(port, "/posts/live/")
                good = status == 200 and b"</html>" in body and b"Version " in body
            except Exception:
                good = None
            with lock:
                counts["ok" if good else "bad" if good is False else "errors"] += 1

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for t in threads:
        t.start()
    try:
        version = 0
        storm_end = time.time() + seconds
        while time.time() < storm_end:
            version += 1
            text, csv = table_post(rows, version)
            with open(os.path.join(root, "content/posts/live/data.csv"), "w") as f:
                f.write(csv)
            with open(os.path.join(root, "content/posts/live/index.md"), "w") as f:
                f.write(text)
            time.sleep(0.05)
        time.sleep(2)
    finally:
        stop.set()
        for t in threads:
            t.join()
        proc.terminate()
        proc.wait()
        shutil.rmtree(root, ignore_errors=True)
    edits = version
    total = sum(counts.values())
    record("edit_storm_under_serve_never_serves_a_partial_page", counts["bad"] == 0 and counts["errors"] == 0,
           f"{total} responses, {counts['bad']} non-200/empty/truncated, {counts['errors']} connection errors, {clients} clients, {edits} edits of a {rows}-row table over {seconds} s")


def raw_status(port, payload, timeout=10):
    s = socket.create_connection(("127.0.0.1", port), timeout=timeout)
    try:
        try:
            s.sendall(payload)
        except OSError:
            pass
        reply = s.recv(100).decode("latin-1")
        return reply.split(" ")[1] if reply.startswith("HTTP/") else "none"
    except OSError:
        return "none"
    finally:
        s.close()


def oversized_requests(quire):
    root = make_site({"content/posts/a.md": post("Hello.")})
    port = free_port()
    proc = start_serve(quire, root, port)
    try:
        for name, payload, want in [
            ("megabyte_url_gets_414", b"GET /" + b"a" * 1_000_000 + b" HTTP/1.1\r\n\r\n", "414"),
            ("megabyte_header_gets_431", b"GET / HTTP/1.1\r\nX: " + b"b" * 1_000_000 + b"\r\n\r\n", "431"),
            ("twenty_thousand_headers_get_431", b"GET / HTTP/1.1\r\n" + b"X-A: 1\r\n" * 20_000 + b"\r\n", "431"),
        ]:
            started = time.time()
            got = raw_status(port, payload)
            after = time.time()
            try:
                status, _ = get(port, "/posts/a/", timeout=3)
            except Exception:
                status = None
            record(name, got == want and status == 200, f"got {got} in {after - started:.2f} s; next request {status} in {time.time() - after:.2f} s")
        # Slow clients: 50 connections that never finish their request line.
        held = []
        for _ in range(50):
            s = socket.create_connection(("127.0.0.1", port), timeout=30)
            s.sendall(b"GET /po")
            held.append(s)
        started = time.time()
        try:
            status, _ = get(port, "/posts/a/", timeout=3)
        except Exception:
            status = None
        fast = time.time() - started
        closed = 0
        deadline = time.time() + 20
        for s in held:
            s.settimeout(max(0.1, deadline - time.time()))
            try:
                s.recv(100)
                closed += 1
            except OSError:
                pass
            s.close()
        record("fifty_stalled_clients_do_not_block_others", status == 200 and fast < 1 and closed == 50,
               f"other client got {status} in {fast:.2f} s; {closed} of 50 stalled connections closed by the server")
        # Port in use.
        started = time.time()
        status, took, peak, stderr, killed = watched([quire, "serve", "--source", root, "--port", str(port)], 20, 1000)
        record("port_in_use_fails_at_once", not killed and status != 0 and f"127.0.0.1:{port} is in use; try --port" in stderr,
               f"exit {status} in {took:.2f} s: {stderr.strip().splitlines()[-1] if stderr.strip() else ''}")
    finally:
        proc.terminate()
        proc.wait()
        shutil.rmtree(root, ignore_errors=True)


CASES = {
    "swap": lambda q, a: kill_during_swap(q),
    "concurrent": lambda q, a: concurrent_builds(q, a.runs),
    "storm": lambda q, a: edit_storm(q, a.storm_rows, a.storm_seconds),
    "requests": lambda q, a: oversized_requests(q),
    "sqlite": lambda q, a: sqlite_view_bomb(q),
    "regexp": lambda q, a: regexp_bomb(q),
    "csv": lambda q, a: ([csv_wide_header(q, n) for n in (20_000, 100_000, 1_000_000)], csv_single_line(q)),
    "inline": lambda q, a: [inline_values(q, n) for n in (5_000, 50_000, 200_000)],
    "nesting": lambda q, a: nesting(q),
}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--quire", default=os.path.join(REPO, ".build/release/quire"))
    parser.add_argument("--only", default=",".join(CASES))
    parser.add_argument("--runs", type=int, default=5, help="rounds of three concurrent builds")
    parser.add_argument("--storm-rows", type=int, default=20_000, help="rows of the table rewritten under serve")
    parser.add_argument("--storm-seconds", type=int, default=30, help="how long the edit storm lasts")
    args = parser.parse_args()
    for name in args.only.split(","):
        CASES[name](os.path.abspath(args.quire), args)
    passed = sum(ok for _, ok in results)
    print(f"\n{passed} of {len(results)} adversarial cases passed")
    sys.exit(0 if passed == len(results) else 1)


if __name__ == "__main__":
    main()
