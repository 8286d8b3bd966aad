#!/usr/bin/env python3
"""Measures the kernel's activations against mpmath: the worst error per function and derivative.

    python3 scripts/accuracy.py [--points 200000] [--workers 2] [--dps 50] [--levels scalar,best]

What it does:
  1. builds `kernel/examples/eval_points.rs` (release) and runs it once per function, parameter
     and level, with every x written as the hex bits of an f64, so the kernel sees exactly the
     points mpmath sees;
  2. evaluates the exact values with mpmath at --dps significant digits (default 50) in the
     cancellation-free forms below, in --workers processes;
  3. prints one table per point set: the tables' rows (tests/data/activations.tsv) and random
     points (--points per function at its default parameter, --param-points for the tables'
     other parameters), spread over the whole range: a third uniform in [-40, 40], a third
     log-uniform magnitudes in [1e-300, 1e300] of either sign, a third uniform in the band
     [-745, -708] where e^x is subnormal; fixed seed, so runs compare.

Errors are |got - exact| in units in the last place of the exact value rounded to f64 (so a
correctly rounded result is within 0.5). By the tables' rule an exact value below the smallest
normal f64 is met by any result of the same sign (or zero) also below it: such points count 0,
and inf when missed. Derivatives are also reported relative to their conditioning: a derivative
that is a sum whose terms cancel (gelu', gelu_tanh', silu', mish') is allowed an error scaled by
kappa = (|a| + |b|) / |a + b|, so the column `dy/k` is the error divided by kappa; the tables
bound it by 6 (silu') or 8 (gelu', gelu_tanh', mish').

Needs mpmath (pip install mpmath; gmpy2 makes it several times faster) and cargo.
"""

import argparse
import math
import os
import random
import struct
import subprocess
import sys
import time
from multiprocessing import Pool

import mpmath as mp

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TABLE = os.path.join(ROOT, "tests", "data", "activations.tsv")
EXAMPLE = os.path.join(ROOT, "target", "release", "examples", "eval_points")
MIN_NORMAL = 2.2250738585072014e-308

# Every activation the kernel knows.
FUNCTIONS = [
    "step", "sigmoid", "tanh", "relu", "leaky_relu", "elu", "gelu", "gelu_tanh", "silu", "mish",
    "softplus", "selu", "celu", "relu6", "hard_tanh", "hard_sigmoid", "hard_swish", "softsign",
    "squared_relu",
]
DEFAULT_PARAM = {"leaky_relu": "0.01", "elu": "1", "softplus": "1", "silu": "1", "celu": "1"}

# SELU's constants to 32 digits (Klambauer et al. 2017; PyTorch's aten/src/ATen/native/Activation.cpp).
SELU_ALPHA = "1.6732632423543772848170429916717"
SELU_SCALE = "1.0507009873554804934193349852946"


def bits_hex(x):
    return "%016x" % struct.unpack("<Q", struct.pack("<d", x))[0]


def from_hex(text):
    return struct.unpack("<d", struct.pack("<Q", int(text, 16)))[0]


def ulp(v):
    v = abs(v)
    return math.nextafter(v, math.inf) - v


# --- exact values -------------------------------------------------------------------------------

def sigmoid(z):
    return 1 / (1 + mp.exp(-z))


def reference(function, param, x):
    """(f(x), f'(x), kappa) exactly (to the working precision); kappa is the derivative's
    cancellation factor (1 where it is not a sum of terms of opposite sign)."""
    x = mp.mpf(x)
    # The parameter as the kernel sees it: the f64 nearest the decimal (as the tables use it).
    p = mp.mpf(float(param)) if param is not None else None
    one = mp.mpf(1)
    if function == "step":
        return (one if x > 0 else mp.mpf(0)), mp.mpf(0), one
    if function == "relu":
        return (x if x > 0 else mp.mpf(0)), (one if x > 0 else mp.mpf(0)), one
    if function == "leaky_relu":
        return (x if x > 0 else p * x), (one if x > 0 else p), one
    if function == "elu":
        return (x if x > 0 else p * mp.expm1(x)), (one if x > 0 else p * mp.exp(x)), one
    if function == "sigmoid":
        e = mp.exp(-abs(x))
        return sigmoid(x), e / (1 + e) ** 2, one
    if function == "tanh":
        e = mp.exp(-2 * abs(x))
        return mp.tanh(x), 4 * e / (1 + e) ** 2, one
    if function == "softplus":
        z = p * x
        return mp.log1p(mp.exp(z)) / p, sigmoid(z), one
    if function == "selu":
        lam, alpha = mp.mpf(SELU_SCALE), mp.mpf(SELU_ALPHA)
        if x > 0:
            return lam * x, lam, one
        return lam * alpha * mp.expm1(x), lam * alpha * mp.exp(x), one
    if function == "celu":
        if x > 0:
            return x, one, one
        return p * mp.expm1(x / p), mp.exp(x / p), one
    zero = mp.mpf(0)
    if function == "relu6":
        return min(max(x, zero), mp.mpf(6)), (one if 0 < x < 6 else zero), one
    if function == "hard_tanh":
        return min(max(x, -one), one), (one if -1 < x < 1 else zero), one
    if function == "hard_sigmoid":
        return min(max(x + 3, zero), mp.mpf(6)) / 6, (one / 6 if -3 < x < 3 else zero), one
    if function == "hard_swish":
        dy = zero if x <= -3 else (one if x >= 3 else (2 * x + 3) / 6)
        return x * min(max(x + 3, zero), mp.mpf(6)) / 6, dy, one
    if function == "softsign":
        return x / (1 + abs(x)), 1 / (1 + abs(x)) ** 2, one
    if function == "squared_relu":
        r = max(x, zero)
        return r * r, 2 * r, one
    if function == "gelu":
        cdf, pdf = mp.ncdf(x), mp.npdf(x)
        a, b = cdf, x * pdf
    elif function == "gelu_tanh":
        c = mp.sqrt(2 / mp.pi)
        k = mp.mpf("0.044715")
        v = 2 * c * (x + k * x ** 3)
        dv = 2 * c * (1 + 3 * k * x * x)
        s = sigmoid(v)
        a, b = s, x * s * sigmoid(-v) * dv
        return x * s, a + b, kappa(a, b)
    elif function == "silu":
        z = p * x
        s = sigmoid(z)
        a, b = s, z * s * sigmoid(-z)
        return x * s, a + b, kappa(a, b)
    elif function == "mish":
        sp = mp.log1p(mp.exp(x))
        t = mp.tanh(sp)
        a, b = t, x * mp.sech(sp) ** 2 * sigmoid(x)
        return x * t, a + b, kappa(a, b)
    else:
        raise ValueError(function)
    return x * cdf, a + b, kappa(a, b)


def kappa(a, b):
    s = a + b
    if s == 0:
        return mp.inf
    return (abs(a) + abs(b)) / abs(s)


def error(got, exact):
    """|got - exact| in ulp of the exact value rounded to f64 (the tables' rule below the
    smallest normal)."""
    ref = float(exact) if mp.isfinite(exact) else (math.inf if exact > 0 else -math.inf)
    if math.isinf(ref) or math.isnan(got):
        return 0.0 if got == ref else math.inf
    if abs(ref) < MIN_NORMAL:
        same_side = got == 0 or ref == 0 or (got > 0) == (exact > 0)
        return 0.0 if abs(got) < MIN_NORMAL and same_side else math.inf
    if math.isinf(got):
        return math.inf
    return float(abs(mp.mpf(got) - exact) / mp.mpf(ulp(ref)))


def measure(job):
    """Errors for one chunk: job = (function, param, dps, [(x, {level: (y, dy)})])."""
    function, param, dps, points = job
    mp.mp.dps = dps
    out = []
    for x, got in points:
        y, dy, k = reference(function, param, x)
        row = {}
        for level, (gy, gdy) in got.items():
            ey, edy = error(gy, y), error(gdy, dy)
            row[level] = (ey, edy, edy / float(k) if mp.isfinite(k) else 0.0)
        out.append((x, row))
    return out


# --- points -------------------------------------------------------------------------------------

def table_points():
    """{(function, param): [x]} from the reference table, for the functions the kernel knows."""
    groups = {}
    with open(TABLE) as table:
        next(table)
        for line in table:
            cols = line.rstrip("\n").split("\t")
            if len(cols) != 7 or cols[0] not in FUNCTIONS:
                continue
            param = DEFAULT_PARAM.get(cols[0]) if cols[1] == "-" else cols[1]
            groups.setdefault((cols[0], param), []).append(float(cols[2]))
    return groups


def random_points(n, rng):
    xs = []
    for i in range(n):
        kind = i % 3
        if kind == 0:
            xs.append(rng.uniform(-40.0, 40.0))
        elif kind == 1:
            magnitude = 10.0 ** rng.uniform(-300.0, 300.0)
            xs.append(magnitude if rng.random() < 0.5 else -magnitude)
        else:
            xs.append(rng.uniform(-745.0, -708.0))
    return xs


# --- running the kernel -------------------------------------------------------------------------

def kernel(function, param, level, xs):
    text = "".join(bits_hex(x) + "\n" for x in xs)
    result = subprocess.run(
        [EXAMPLE, function, param if param is not None else "-", level],
        input=text, capture_output=True, text=True, check=True)
    values = []
    for line in result.stdout.splitlines():
        _, y, dy = line.split()
        values.append((from_hex(y), from_hex(dy)))
    if len(values) != len(xs):
        sys.exit("eval_points returned %d lines for %d points" % (len(values), len(xs)))
    return values


def evaluate(groups, levels, dps, workers, chunk=500):
    """{(function, param): {level: (worst y, x), (worst dy, x), (worst dy/kappa, x)}}."""
    jobs = []
    for (function, param), xs in groups.items():
        got = {level: kernel(function, param, level, xs) for level in levels}
        points = [(x, {level: got[level][i] for level in levels}) for i, x in enumerate(xs)]
        for start in range(0, len(points), chunk):
            jobs.append((function, param, dps, points[start:start + chunk]))
    worst = {}
    with Pool(workers) as pool:
        for job, result in zip(jobs, pool.imap(measure, jobs)):
            key = (job[0], job[1])
            table = worst.setdefault(key, {level: [(0.0, None)] * 3 for level in levels})
            for x, row in result:
                for level, errors in row.items():
                    for i, e in enumerate(errors):
                        if e > table[level][i][0] or (math.isinf(e) and table[level][i][1] is None):
                            table[level][i] = (e, x)
    return worst


def show(title, worst, levels):
    print("\n### " + title + "\n")
    header = "| function | param |"
    rule = "|---|---|"
    for level in levels:
        header += " %s y | %s dy | %s dy/k |" % (level, level, level)
        rule += "---|---|---|"
    print(header)
    print(rule)

    def cell(entry):
        e, x = entry
        return "%.2f (x=%.6g)" % (e, x) if x is not None and e > 0 else "%.2f" % e

    for (function, param), table in sorted(worst.items(), key=lambda kv: (FUNCTIONS.index(kv[0][0]), kv[0][1] or "")):
        line = "| %s | %s |" % (function, param if param is not None else "-")
        for level in levels:
            line += " %s | %s | %s |" % tuple(cell(e) for e in table[level])
        print(line)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--points", type=int, default=200_000,
                        help="random points per function at its default parameter")
    parser.add_argument("--param-points", type=int, default=20_000,
                        help="random points for each other parameter the tables use")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--dps", type=int, default=50, help="mpmath digits")
    parser.add_argument("--levels", default="scalar,best",
                        help="comma-separated: scalar, best, avx512, avx2, slice-scalar")
    parser.add_argument("--functions", default=",".join(FUNCTIONS))
    parser.add_argument("--seed", type=int, default=2017)
    parser.add_argument("--no-build", action="store_true")
    parser.add_argument("--tables-only", action="store_true")
    args = parser.parse_args()
    levels = args.levels.split(",")
    functions = args.functions.split(",")

    if not args.no_build:
        subprocess.run(["cargo", "build", "--quiet", "--release", "-p", "actscope-kernel",
                        "--example", "eval_points"], cwd=ROOT, check=True)

    tables = {k: v for k, v in table_points().items() if k[0] in functions}
    start = time.time()
    show("tables (tests/data/activations.tsv)", evaluate(tables, levels, args.dps, args.workers),
         levels)
    print("\n(%.0f s)" % (time.time() - start))
    if args.tables_only:
        return
    rng = random.Random(args.seed)
    randoms = {}
    for function, param in sorted(tables, key=lambda k: (FUNCTIONS.index(k[0]), k[1] or "")):
        default = param == DEFAULT_PARAM.get(function)
        randoms[(function, param)] = random_points(
            args.points if default else args.param_points, rng)
    start = time.time()
    title = "random points (%d per function, %d per other parameter; seed %d)" % (
        args.points, args.param_points, args.seed)
    show(title, evaluate(randoms, levels, args.dps, args.workers), levels)
    print("\n(%.0f s)" % (time.time() - start))


if __name__ == "__main__":
    main()
