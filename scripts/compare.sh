#!/usr/bin/env bash
# Measures actscope side by side with NumPy/SciPy and plotext in one run, on this machine, and
# prints ratios. Installs the peers in a throwaway virtualenv (never a dependency of actscope).
#
#   scripts/compare.sh            # everything
#   RUNS=41 ROUNDS=11 scripts/compare.sh    # more repetitions (whole-process runs, kernel rounds)
#
# Needs: the Rust toolchain, python3 with venv and pip (PyPI reachable).
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-21}
ROUNDS=${ROUNDS:-7}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "== building actscope (release)"
cargo build --release --quiet
bin=$PWD/target/release/actscope

echo "== installing numpy, scipy, plotext 5.3.2 into a throwaway venv"
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet numpy scipy plotext==5.3.2
py=$work/venv/bin/python
# Older OpenBLAS builds need these on some CPUs; they slow a current NumPy, so not for this run.
unset OPENBLAS_CORETYPE OPENBLAS_L2_SIZE

echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "   actscope kernels: $("$bin" bench --size 16 --json | "$py" -c 'import json,sys; print(json.load(sys.stdin)["level"])')"
echo

echo "== kernels: ns per element, actscope bench and SciPy/NumPy alternating for $ROUNDS rounds,"
echo "   the median of each side's per-round medians (same input size and range)"
cat > "$work/peer.py" <<'PY'
import json, sys, timeit
import numpy as np, scipy.special as sp
n = int(sys.argv[1])
x = np.random.default_rng(1).uniform(-10, 10, n)
out = np.empty(n)
reps = 31 if n >= 100_000 else 301
def median(f):
    ts = sorted(timeit.repeat(f, number=1, repeat=reps))
    return ts[len(ts) // 2] * 1e9 / n
print(json.dumps({
    "softmax": median(lambda: sp.softmax(x)),
    "log_softmax": median(lambda: sp.log_softmax(x)),
    "sigmoid": median(lambda: sp.expit(x, out=out)),
    "relu": median(lambda: np.maximum(x, 0, out=out)),
    "tanh": median(lambda: np.tanh(x, out=out)),
}))
PY
for n in 1000 1000000; do
  : > "$work/ours.jsonl"; : > "$work/peer.jsonl"
  for _ in $(seq "$ROUNDS"); do
    "$bin" bench --json --size "$n" --kernels softmax,log_softmax,sigmoid,relu,tanh >> "$work/ours.jsonl"
    "$py" "$work/peer.py" "$n" >> "$work/peer.jsonl"
  done
  "$py" - "$n" "$work/ours.jsonl" "$work/peer.jsonl" <<'PY'
import json, sys
n = int(sys.argv[1])
med = lambda v: sorted(v)[len(v) // 2]
ours = [json.loads(l) for l in open(sys.argv[2])]
peer = [json.loads(l) for l in open(sys.argv[3])]
mine = {}
for report in ours:
    for t in report["values"] + report["softmax"]:
        mine.setdefault(t["name"], []).append(t["ns_per_element"])
print(f"  n = {n:>8}   {'kernel':<12} {'actscope':>9} {'peer':>9}  {'speed-up':>8}   (peer: scipy.special / numpy)")
rows = {}
for name in ["softmax", "log_softmax", "sigmoid", "relu", "tanh"]:
    a, p = med(mine[name]), med([r[name] for r in peer])
    rows[name] = (a, p)
    print(f"  {'':>12} {name:<12} {a:>9.2f} {p:>9.2f}  {p / a:>7.1f}x")
print(f"  {'':>12} sigmoid / relu: actscope {rows['sigmoid'][0] / rows['relu'][0]:.1f}x, "
      f"NumPy/SciPy {rows['sigmoid'][1] / rows['relu'][1]:.1f}x")
PY
done
echo

echo "== plot: whole process, 100x30 chart of sigmoid, median of $RUNS runs each, interleaved"
cat > "$work/plotext_sigmoid.py" <<'PY'
import math, plotext as plt
xs = [-5 + 10 * i / 199 for i in range(200)]
plt.plot(xs, [1 / (1 + math.exp(-x)) for x in xs])
plt.plotsize(100, 30)
plt.show()
PY
"$py" - "$RUNS" "$bin" "$py" "$work/plotext_sigmoid.py" <<'PY'
import subprocess, sys, time
runs, binary, python, script = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
ours, theirs = [], []
for _ in range(runs):
    t = time.perf_counter()
    subprocess.run([binary, "plot", "sigmoid", "--width", "100", "--height", "30"], check=True, capture_output=True)
    ours.append(time.perf_counter() - t)
    t = time.perf_counter()
    subprocess.run([python, script], check=True, capture_output=True)
    theirs.append(time.perf_counter() - t)
med = lambda v: sorted(v)[len(v) // 2] * 1000
print(f"  actscope plot {med(ours):7.2f} ms   plotext {med(theirs):7.2f} ms   {med(theirs) / med(ours):6.1f}x faster")
PY
echo

echo "== the explorer on a bare pseudo-terminal (100x30): start to first frame, idle, memory"
"$py" - "$bin" "$RUNS" <<'PY'
import os, pty, select, subprocess, sys, time
binary, runs = sys.argv[1], int(sys.argv[2])

def session(idle_seconds=0.0):
    pid, fd = pty.fork()
    if pid == 0:
        os.environ["TERM"] = "xterm-256color"
        os.environ["LANG"] = "C.UTF-8"
        os.execv("/usr/bin/time", ["/usr/bin/time", "-f", "MAXRSS %M", binary])
    import fcntl, struct, termios
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    start = time.perf_counter()
    seen, first = b"", None
    while first is None and time.perf_counter() - start < 5:
        r, _, _ = select.select([fd], [], [], 0.5)
        if r:
            seen += os.read(fd, 65536)
            if b"20.52" in seen:
                first = time.perf_counter() - start
    idle_bytes = None
    if idle_seconds:
        time.sleep(0.2)
        while select.select([fd], [], [], 0)[0]:
            seen += os.read(fd, 65536)
        before = len(seen)
        time.sleep(idle_seconds)
        while select.select([fd], [], [], 0)[0]:
            seen += os.read(fd, 65536)
        idle_bytes = len(seen) - before
    os.write(fd, b"q")
    end = time.perf_counter() + 5
    while time.perf_counter() < end:
        try:
            r, _, _ = select.select([fd], [], [], 0.2)
            if r:
                chunk = os.read(fd, 65536)
                if not chunk:
                    break
                seen += chunk
        except OSError:
            break
    os.waitpid(pid, 0)
    rss = int(seen.split(b"MAXRSS ")[-1].split()[0]) if b"MAXRSS " in seen else None
    return first, idle_bytes, rss

firsts = sorted(session()[0] * 1000 for _ in range(runs))
_, idle, rss = session(idle_seconds=2.0)
print(f"  first frame: median {firsts[len(firsts) // 2]:.1f} ms (min {firsts[0]:.1f}, max {firsts[-1]:.1f}) over {runs} starts")
print(f"  idle for 2 s: {idle} bytes written")
print(f"  peak memory (max RSS): {rss / 1024:.1f} MiB")
PY
echo
echo "== frame time and bytes per keystroke: cargo bench --bench render (criterion)"
