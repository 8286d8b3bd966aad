#!/usr/bin/env python3
"""The reference values of kernel/tests/tails.rs: GELU, its tanh form, SiLU (with β) and Mish
and their derivatives at points of their far left tails, where the argument's rounding grows
through the exponential and where an intermediate exponential is subnormal while the result is
not. mpmath at 60 digits, each value rounded once to f64 (parameters as the f64 the kernel
sees), printed as Rust rows `("name", β or 0, x, f(x), f'(x))`.

    python3 scripts/tail_points.py
"""
import mpmath as mp

from erfc_tail import rust

mp.mp.dps = 60


def sigmoid(z):
    return 1 / (1 + mp.exp(-z))


def values(name, p, x):
    x = mp.mpf(x)
    if name == "gelu":
        return x * mp.ncdf(x), mp.ncdf(x) + x * mp.npdf(x)
    if name == "gelu_tanh":
        c, k = mp.sqrt(2 / mp.pi), mp.mpf("0.044715")
        v = 2 * c * (x + k * x ** 3)
        s = sigmoid(v)
        return x * s, s + x * s * sigmoid(-v) * 2 * c * (1 + 3 * k * x * x)
    if name == "silu":
        z = mp.mpf(p) * x
        return x * sigmoid(z), sigmoid(z) * (1 + z * sigmoid(-z))
    if name == "mish":
        sp = mp.log1p(mp.exp(x))
        t = mp.tanh(sp)
        return x * t, t + x * mp.sech(sp) ** 2 * sigmoid(x)
    raise ValueError(name)


POINTS = [
    # erfc(-x/√2) subnormal while GELU is not, and GELU' where φ(x) is subnormal.
    ("gelu", 0.0, [-20.0, -32.63, -37.55, -37.6, -37.66, -37.7]),
    # σ(v) subnormal while x·σ(v) is not (v = -708 near x = -21.0).
    ("gelu_tanh", 0.0, [-15.37, -20.5, -21.0, -21.02, -21.06]),
    ("silu", 1.0, [-30.0, -709.5, -712.0, -714.3, -715.5]),
    ("silu", 0.5, [-60.0, -1419.0, -1425.0, -1430.0]),
    ("silu", 1.702, [-100.0, -417.0, -419.0, -420.0]),
    ("mish", 0.0, [-30.0, -709.5, -712.0, -714.3]),
]

for name, p, xs in POINTS:
    for x in xs:
        y, dy = values(name, p, x)
        print('    ("%s", %s, %s, %s, %s),' % (name, rust(p), rust(x), rust(float(y)), rust(float(dy))))
