#!/usr/bin/env bash
# Measures actscope side by side with NumPy/SciPy, PyTorch (one thread) and plotext in one run, on
# this machine, and prints ratios. The peers live in a virtualenv (never a dependency of actscope).
#
#   scripts/compare.sh                          # everything, peers installed in a throwaway venv
#   VENV=/work/scratch/venv scripts/compare.sh  # reuse (or create) that venv: torch is large
#   ROUNDS=5 RUNS=41 scripts/compare.sh         # more kernel rounds / whole-process runs
#   OUT=results scripts/compare.sh              # keep the bench --compare JSON documents
#
# Needs: the Rust toolchain, python3 with venv and pip (PyPI reachable, or a VENV that has the
# peers already).
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-21}
ROUNDS=${ROUNDS:-3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
VENV=${VENV:-$work/venv}

echo "== building actscope (release)"
cargo build --release --quiet
bin=$PWD/target/release/actscope

py=$VENV/bin/python
if ! "$py" -c 'import numpy, scipy, torch, plotext' 2>/dev/null; then
  echo "== installing numpy, scipy, torch, plotext 5.3.2 into $VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet numpy scipy torch plotext==5.3.2
fi
# Older OpenBLAS builds need these on some CPUs; they slow a current NumPy, so not for this run.
unset OPENBLAS_CORETYPE OPENBLAS_L2_SIZE

echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "   peers: $("$py" -c 'import numpy, scipy, torch; print("NumPy", numpy.__version__, "SciPy", scipy.__version__, "PyTorch", torch.__version__)')"
echo

# Every kernel `bench` lists, values and derivatives, 1e6 f64 in [-10, 10]: actscope and its peers
# on the same input in alternating rounds (`bench --compare`), medians of the per-round medians;
# once per instruction set this CPU has (the best is what `actscope` picks at run time).
levels=$("$bin" bench --size 16 --kernels relu --json | "$py" -c 'import json,sys; print(json.load(sys.stdin)["level"])')
case "$levels" in
  avx512) levels="avx512 avx2" ;;
  avx2+fma) levels="avx2" ;;
  *) levels="scalar" ;;
esac
OUT=${OUT:-$work}
mkdir -p "$OUT"
for level in $levels; do
  # `bench --compare` holds the peers to the same instruction set (NumPy's CPU dispatch and
  # PyTorch's ATEN_CPU_CAPABILITY) when ACTSCOPE_SIMD lowers it.
  echo "== kernels at $level: actscope bench --compare --rounds $ROUNDS (ns per element, speed-up = peer / actscope)"
  ACTSCOPE_SIMD="$level" "$bin" bench --compare --rounds "$ROUNDS" --python "$py" --json > "$OUT/bench-$level.json"
  "$py" - "$OUT/bench-$level.json" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
print(f"   {doc['size']} elements, {doc['level']}, {doc['rounds']} alternating rounds; {doc['peers'].get('versions', doc['peers'].get('error'))}")
for key, title in [("values", "f(x)"), ("derivatives", "f'(x)"), ("softmax", "softmax and relatives")]:
    peers = {p["name"]: p for p in doc["peers"].get(key, [])}
    print(f"   {title:<22} {'actscope':>9} {'NumPy/SciPy':>12} {'x':>6} {'PyTorch':>9} {'x':>6}")
    for t in doc[key]:
        ours, p = t["ns_per_element"], peers.get(t["name"], {})
        row = f"   {t['name']:<22} {ours:>9.2f}"
        for peer, width in [("numpy", 12), ("torch", 9)]:
            v = p.get(peer)
            row += f" {v:>{width}.2f} {v / ours:>5.2f}x" if v else f" {'-':>{width}} {'-':>6}"
        print(row)
    print()
PY
done
echo "   (the JSON documents: OUT=DIR keeps them as DIR/bench-LEVEL.json)"
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
echo "   with the 3 seed logits, 16 on the Softmax tab, and 50,000 from a .npy file"
"$py" - "$bin" "$RUNS" "$work" <<'PY'
import os, pty, select, subprocess, sys, time
import numpy as np
binary, runs, work = sys.argv[1], int(sys.argv[2]), sys.argv[3]
rng = np.random.default_rng(0)
logits = (rng.standard_normal(50_000) * 2.0).astype(np.float32)
np.save(os.path.join(work, "logits50k.npy"), logits)
sixteen = " ".join(f"{v:.3f}" for v in logits[:16])

def session(args, marker, idle_seconds=0.0):
    pid, fd = pty.fork()
    if pid == 0:
        os.environ["TERM"] = "xterm-256color"
        os.environ["LANG"] = "C.UTF-8"
        os.execv("/usr/bin/time", ["/usr/bin/time", "-f", "MAXRSS %M", binary, *args])
    import fcntl, struct, termios
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    start = time.perf_counter()
    seen, first = b"", None
    while first is None and time.perf_counter() - start < 10:
        r, _, _ = select.select([fd], [], [], 0.5)
        if r:
            seen += os.read(fd, 65536)
            if marker in seen:
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
    deadline = time.perf_counter() + 5
    while time.perf_counter() < deadline:
        r, _, _ = select.select([fd], [], [], 0.2)
        if r:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
    os.waitpid(pid, 0)
    rss = int(seen.split(b"MAXRSS ")[-1].split()[0]) if b"MAXRSS " in seen else None
    return first, idle_bytes, rss

cases = [
    ("3 seed logits", [], b"20.52"),
    ("16 logits, Softmax", ["--tab", "softmax", "--input", sixteen], b"quit"),
    ("50,000 logits, Softmax", ["--tab", "softmax", "--input-file", os.path.join(work, "logits50k.npy")], b"quit"),
]
for name, args, marker in cases:
    firsts = sorted(session(args, marker)[0] * 1000 for _ in range(runs))
    _, idle, rss = session(args, marker, idle_seconds=2.0)
    print(f"  {name}: first frame median {firsts[len(firsts) // 2]:.1f} ms (min {firsts[0]:.1f}, max {firsts[-1]:.1f}) over {runs} starts; idle 2 s: {idle} bytes; peak memory {rss / 1024:.1f} MiB")
PY
echo

echo "== frame time and bytes per keystroke: cargo bench --bench render (criterion)"
