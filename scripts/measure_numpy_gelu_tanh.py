#!/usr/bin/env python3
"""NumPy's float32 gelu_tanh off the grids: the NumPy code of make_framework_data.py's
NP_FORMULAS against actscope's NumPy model (`actscope eval gelu_tanh --precision f32 --like numpy
--csv`) on random negative float32, and how often `np.power(x, 3)` (SVML's scalar callout for
negative x, which the model takes correctly rounded) is not the correctly rounded x³ there.
Needs numpy, scipy, torch and ml_dtypes (the data script loads them) and a built actscope.

    python3 scripts/measure_numpy_gelu_tanh.py target/debug/actscope [points]

NumPy 2.4.6 (AVX-512), 200,000 points each: uniform in [-10, 0), 199,119 distinct: the model
differs on 2 (y by 16 and 840 units, y' by 15 and 756: 1 + tanh cancels), x**3 is off on 193
(0.097 %); random bits with |x| in [1e-6, 20], 199,903: differs on none, x**3 off on 219 (0.11 %).
"""
import csv
import importlib.util
import io
import os
import subprocess
import sys
from fractions import Fraction

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("mfd", os.path.join(HERE, "make_framework_data.py"))
mfd = importlib.util.module_from_spec(spec)
spec.loader.exec_module(mfd)
mfd.load_frameworks()
np = mfd.np


def main(actscope, n):
    rng = np.random.default_rng(7)
    uniform = -rng.uniform(0, 10, n).astype(np.float32)
    lo, hi = np.float32(1e-6).view(np.uint32), np.float32(20).view(np.uint32)
    bits = -(rng.integers(lo, hi, n, dtype=np.uint32).view(np.float32))
    for label, x in (("uniform in [-10, 0)", uniform), ("random bits, |x| in [1e-6, 20]", bits)):
        x = np.unique(x)
        x = x[x < 0]
        y, dy, *_ = mfd.numpy_model("gelu_tanh", x.astype(np.float64), "f32")
        path = "/tmp/measure_numpy_gelu_tanh.npy"
        np.save(path, x)
        out = subprocess.run([actscope, "eval", "gelu_tanh", "--precision", "f32", "--like",
                              "numpy", "--csv", "--input-file", path],
                             capture_output=True, text=True, check=True).stdout
        rows = list(csv.DictReader(io.StringIO(out)))
        ours = {c: np.array([float(r[c]) for r in rows], dtype=np.float32) for c in ("y", "dy")}
        theirs = {"y": y.astype(np.float32), "dy": dy.astype(np.float32)}
        units = {c: ours[c].view(np.int32).astype(np.int64) - theirs[c].view(np.int32) for c in ours}
        cube = np.power(x, 3)
        off = 0
        for v, c in zip(x, cube):
            exact = Fraction(float(v)) ** 3
            nearest = np.float32(float(exact))  # may round twice: decide exactly below
            if c != nearest and abs(Fraction(float(c)) - exact) > abs(Fraction(float(nearest)) - exact):
                off += 1
        for i in np.nonzero((units["y"] != 0) | (units["dy"] != 0))[0]:
            print(f"  x = {float(x[i])!r}: y {units['y'][i]} units, y' {units['dy'][i]} units")
        d = {c: int((units[c] != 0).sum()) for c in units}
        print(f"{label}: {len(x)} points; the model differs: y {d['y']}, y' {d['dy']}; "
              f"np.power(x, 3) not correctly rounded: {off} ({100 * off / len(x):.3f} %)")


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 200000)
