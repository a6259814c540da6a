#!/usr/bin/env python3
"""What a person sees on a terminal reads right (issue 19, "the terminal is for people").

    terminal_check.py REFNET TMPDIR

- On a terminal (a pseudo-terminal here) without --format, a command whose JSON
  is longer than a screen prints its table and says how to get the JSON; with
  --format json, or when stdout is a pipe, it prints the JSON.
- reach and prospects have --format table; build -o prints a two-line summary.
- No --help shows float noise (0.84999999999999998); `refnet help` says what
  every command does; COMMAND --help has an example.
- Bare `refnet info` names the missing input, not a hidden option; negative
  values of count options are usage errors.
- A graph without tie strengths: the Dunbar cap is not applied, and reach says so.
- A log spanning years: the summary states the decay and warns.
"""
import fcntl
import json
import os
import pty
import re
import resource
import select
import struct
import subprocess
import sys
import termios
import time

REFNET, TMP = sys.argv[1], sys.argv[2]
os.makedirs(TMP, exist_ok=True)
failures = []


def check(cond, what):
    if not cond:
        failures.append(what)


class Result:
    def __init__(self, returncode, out, stderr):
        self.returncode, self.out, self.stderr = returncode, out, stderr


# Every refnet run here is small (a 600-user log): a run that needs more than
# this much address space or time is a bug, and fails the check instead of
# taking the machine's memory (a build whose objects disagree on a struct's
# layout once made `reach` allocate 16 GB here).
MEMORY_LIMIT = 2 << 30
TIME_LIMIT = 60


# An AddressSanitizer build (make asan-test) reserves terabytes of address
# space for its shadow memory at start, so no address-space limit can apply to
# it; the time limit still does.
with open(REFNET, "rb") as binary:
    SANITIZED = b"__asan_init" in binary.read()


def limit_child():
    if not SANITIZED:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def run(*args):
    try:
        p = subprocess.run([REFNET, *args], capture_output=True, text=True, timeout=TIME_LIMIT,
                           preexec_fn=limit_child)
    except subprocess.TimeoutExpired:
        failures.append(f"refnet {' '.join(args)}: still running after {TIME_LIMIT} s (killed)")
        return Result(-1, "", "")
    if p.returncode < 0:
        failures.append(f"refnet {' '.join(args)}: killed by signal {-p.returncode}")
    return Result(p.returncode, p.stdout, p.stderr)


def run_on_terminal(*args):
    """stdout on a pseudo-terminal (40 rows), stderr on a pipe; both read as they come."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    p = subprocess.Popen([REFNET, *args], stdout=slave, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
                         preexec_fn=limit_child)
    os.close(slave)
    err_fd = p.stderr.fileno()
    out, err = b"", b""
    open_fds = {master, err_fd}
    deadline = time.monotonic() + TIME_LIMIT
    while open_fds:
        left = deadline - time.monotonic()
        ready = select.select(list(open_fds), [], [], max(left, 0))[0] if left > 0 else []
        if not ready:
            p.kill()
            failures.append(f"refnet {' '.join(args)} on a terminal: still running after {TIME_LIMIT} s (killed)")
            break
        for fd in ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:  # EIO: the terminal's last writer has closed it
                chunk = b""
            if chunk and fd == master:
                out += chunk
            elif chunk:
                err += chunk
            else:
                open_fds.discard(fd)
    p.wait()
    p.stderr.close()
    os.close(master)
    if p.returncode < 0:
        failures.append(f"refnet {' '.join(args)} on a terminal: killed by signal {-p.returncode}")
    return p.returncode, out.decode().replace("\r\n", "\n"), err.decode()


log = os.path.join(TMP, "log.csv.gz")
net = os.path.join(TMP, "log.refnet")
check(run("gen", "--users", "600", "--days", "200", "--seed", "5", "-o", log, "--quiet").returncode == 0, "gen")

# build -o: a short summary, not the report.
b = run("build", log, "-o", net, "--quiet")
check(b.returncode == 0 and b.out.startswith("wrote " + net + ": ") and b.out.count("\n") == 2,
      f"build -o prints a two-line summary: {b.out[:300]!r}")

# Terminal without --format: the table, and a note on how to get the JSON.
for command in ("reach", "tiers", "rank", "centrality", "prospects", "info"):
    args = [command, net] + (["--measure", "pagerank"] if command == "centrality" else [])
    code, out, err = run_on_terminal(*args)
    check(code == 0, f"{command} on a terminal: exit {code}: {err}")
    check(not out.lstrip().startswith("{"), f"{command} on a terminal prints a table, not JSON: {out[:120]!r}")
    check("--format json" in err, f"{command} on a terminal says how to get the JSON: {err!r}")
    code, out, err = run_on_terminal(*args, "--format", "json")
    check(out.lstrip().startswith("{"), f"{command} --format json on a terminal prints JSON")
    piped = run(*args)
    check(piped.out.lstrip().startswith("{"), f"{command} into a pipe prints JSON")

# --format table for reach and prospects, with headers.
t = run("reach", net, "--format", "table", "--quiet")
check(t.returncode == 0 and "within hops" in t.out and "median" in t.out, f"reach --format table: {t.out[:300]!r}")
check("Users who reach the most people" in t.out, "reach table lists the top users")
t = run("prospects", net, "--format", "table", "--quiet")
check(t.returncode == 0 and "Prospects" in t.out, f"prospects --format table: {t.stderr}")
check(not re.search(r"\d\.\d{7,}", t.out), f"prospects table without float noise: {t.out[:400]!r}")
t = run("centrality", net, "--measure", "pagerank", "--format", "table", "--quiet")
lines = t.out.splitlines()
check(len(lines) > 2 and lines[1].split() == ["rank", "user", "pagerank"], f"centrality table has a header: {lines[:3]}")
check(not re.search(r"e[+-]\d\d", t.out), "centrality table without exponent notation")

# Help: what each command does, an example, and no float noise.
h = run("help")
check(h.returncode == 0, "refnet help exits 0")
commands = [line.split()[0] for line in h.out.split("commands:\n")[1].split("\n\n")[0].splitlines()]
for line in h.out.split("commands:\n")[1].split("\n\n")[0].splitlines():
    check(len(line.split()) > 3, f"refnet help says what {line.split()[0]} does: {line!r}")
for command in commands:
    text = run(command, "--help").out
    check("example: refnet " + command in text, f"{command} --help has an example")
    noise = re.findall(r"=-?\d+\.\d{6,}", text)
    check(not noise, f"{command} --help shows float noise {noise}")
check(run("help", "reach").out == run("reach", "--help").out, "refnet help reach is refnet reach --help")

# Usage errors that say why.
r = run("info")
check(r.returncode == 2 and "--input" not in r.stderr and "input" in r.stderr, f"bare info: {r.stderr!r}")
r = run("rank", net, "--top", "-1")
check(r.returncode == 2 and "--top" in r.stderr, f"rank --top -1 is a usage error: {r.returncode} {r.stderr!r}")
r = run("reach", net, "--format", "json", "--bom")
check(r.returncode == 2 and "--bom" in r.stderr, "--bom without --format csv is refused")

# A graph without tie strengths: no silent Dunbar cap.
graph = os.path.join(TMP, "unweighted.txt")
with open(graph, "w") as f:
    # Hub 0 with 200 ties (more than Dunbar's 150), each leaf with one more tie.
    for v in range(1, 201):
        f.write(f"0 {v}\n{v} {v + 200}\n")
reach = json.loads(run("reach", graph, "--input-format", "snap", "--hops", "2", "--quiet", "--no-users").out)["result"]
check(reach["dunbar_cap"]["applied"] is False and "no strengths" in reach["dunbar_cap"]["reason"],
      f"reach on an unweighted graph: {reach.get('dunbar_cap')}")
check(reach["top"][0]["reach"] == [200, 400], f"hub reaches all 200 + 200 (no cap): {reach['top'][0]}")
r = run("reach", graph, "--input-format", "snap", "--dunbar", "150", "--quiet")
check(r.returncode == 2 and "--all-ties" in r.stderr, f"an explicit --dunbar on ties without strengths: {r.stderr!r}")
table = run("reach", graph, "--input-format", "snap", "--format", "table", "--quiet").out
check("not applied" in table, "the reach table says the cap was not applied")

# Decay: stated in the summary, with a warning when most strength is gone.
old = os.path.join(TMP, "years.csv")
with open(old, "w") as f:
    f.write("type,src,dst,ts\n")
    for i in range(50):
        f.write(f"share,a{i},b{i},{2015 + i // 10}-01-01\n")
    f.write("share,x,y,2024-01-01\n")
info = run("info", old, "--format", "table")
check("halves every 90 days" in info.out, f"info states the decay: {info.out[:600]!r}")
check("warning" in info.out and "decayed away" in info.out, "info warns that most strength decayed")
doc = json.loads(run("info", old, "--quiet").out)
check(doc["result"]["tie_decay"]["most_decayed"] is True, "tie_decay.most_decayed in the JSON")
r = run("reach", old, "--quiet")
check("decayed" not in r.stderr, "--quiet silences the decay note")
r = run("reach", old)
check("warning" in r.stderr and "half-life" in r.stderr, f"reach warns about the decay on stderr: {r.stderr!r}")

for f in failures:
    print("FAIL:", f)
print(f"terminal_check: {len(failures)} failure(s)")
sys.exit(1 if failures else 0)
