#!/usr/bin/env python3
"""make_framework_data.py -- reference data for actscope's precision models: what NumPy and
PyTorch (CPU) return for the activations and softmax in f32, f16 and bf16.

Two steps (actscope itself never runs this; NumPy, SciPy, ml_dtypes and PyTorch are peers
measured from outside, never dependencies):

  python3 scripts/make_framework_data.py measure DIR
      Runs the frameworks and writes the full tables to DIR (about 15 MB, 10 s). Needs
      `pip install numpy scipy torch ml_dtypes` (versions used: the file headers).
  python3 scripts/make_framework_data.py compact DIR tests/data/frameworks
      Rewrites DIR's tables for the test suite (kernel/tests/frameworks.rs), with the standard
      library only: every value as the shortest decimal that rounds (to nearest, ties to even)
      back to the same value of the dtype, and f32 thinned to every 4th grid point (tails and
      small values kept). Header lines are kept and one is added saying so.

What `measure` makes (tab-separated text, '#' header lines say how it was made):
  DIR/act_<dtype>_<fn>.tsv   for dtype in f32, f16, bf16 and 19 functions (FUNCTIONS below).
      columns: x numpy_y numpy_dy torch_y torch_dy torch_one_y torch_one_dy
      x       = input, rounded once (correctly, round-to-nearest-even from the f64 value) to the
                dtype; duplicates after rounding dropped; sorted ascending.
      numpy_* = the "numpy model": NumPy code written op by op in arrays of the dtype (formulas in
                NP_FORMULAS), as NumPy runs it (bf16: ml_dtypes.bfloat16 arrays); a result of
                another dtype stays so -- float64 from GELU's erf on float16, float32 wherever a
                bfloat16 array meets a Python float -- and the header's "float64 columns" and
                "float32 columns" lines name such columns.
      torch_* = torch.nn.functional on a CPU tensor of the dtype, whole array at once (padded with
                zeros to a multiple of 128 elements so every point goes through the SIMD path);
                dy by autograd with grad_output = 1.
      torch_one_* = the same with a 1-element tensor per x (PyTorch's scalar path).
      Every value is the dtype's result converted exactly to f64 and written as repr(float(v)).
  DIR/softmax_<dtype>.tsv   one row per (vector, temperature): comma-separated lists; numpy_dtype
      says the dtype the NumPy forms (and x_over_T) come back in (bf16: float32 when T != 1).
  DIR/inputs.tsv            the raw (unrounded) inputs and the softmax vectors.

Deterministic: fixed inputs, seeded RNG (numpy default_rng(20240607); the long softmax vectors
20240608), torch single-threaded.
The torch SIMD results depend on the CPU capability PyTorch picks (the header records it; the
committed data: AVX512). Written for actscope's issue 10 from a colleague's study of the
frameworks (numpy 2.4.6, scipy 1.17.1, torch 2.15.0, ml_dtypes 0.6.0, Python 3.11.7).
"""
import datetime
import math
import os
import sys

# The measuring libraries, imported by load_frameworks() for `measure` only (`compact` runs on
# the standard library alone).
np = ml_dtypes = scipy = torch = F = BF16 = None
DTYPES = {}
DATA = "data"


def load_frameworks():
    global np, ml_dtypes, scipy, torch, F, BF16, DTYPES
    import numpy as np
    import ml_dtypes
    import scipy
    import scipy.special
    import torch
    import torch.nn.functional as F

    np.seterr(all="ignore")
    torch.set_num_threads(1)
    BF16 = ml_dtypes.bfloat16
    DTYPES = {
        "f32": (np.float32, torch.float32),
        "f16": (np.float16, torch.float16),
        "bf16": (BF16, torch.bfloat16),
    }


# (significand bits incl. hidden, min normal exponent, max finite value)
FORMAT = {
    "f32": (24, -126, float.fromhex("0x1.fffffep+127")),
    "f16": (11, -14, 65504.0),
    "bf16": (8, -126, float.fromhex("0x1.fep+127")),
}


def round_to(v, dtype):
    """Correct round-to-nearest-even of f64 values to the format (as f64); overflow -> inf."""
    p, emin, fmax = FORMAT[dtype]
    v = np.asarray(v, dtype=np.float64)
    out = v.copy()
    fin = np.isfinite(v) & (v != 0)
    vf = v[fin]
    _, e = np.frexp(vf)  # vf = m * 2^e, 0.5 <= |m| < 1
    e = np.maximum(e - 1, emin)  # exponent of the leading bit, clamped for subnormals
    scale = np.ldexp(1.0, (p - 1) - e)
    r = np.rint(vf * scale) / scale  # rint = round half to even; scaling by 2^k is exact
    r[np.abs(r) > fmax] = np.copysign(np.inf, r[np.abs(r) > fmax])
    out[fin] = r
    return out


# ----------------------------------------------------------------------------------------------
# Inputs
TAILS = [25, 30, 50, 88, 89, 100, 700, 710, 1000, 1e4, 65504]
SMALL = [1e-3, 1e-5, 1e-8, 1e-30]


def raw_inputs():
    xs = list(np.linspace(-20, 20, 4001))
    xs += [s * t for t in TAILS for s in (1, -1)]
    xs += [s * t for t in SMALL for s in (1, -1)]
    xs += [0.0]
    return np.array(xs, dtype=np.float64)


def inputs_for(dtype):
    r = round_to(raw_inputs(), dtype)
    return np.unique(r)  # sorted, duplicates dropped (-0.0 == 0.0 -> one 0.0)


# ----------------------------------------------------------------------------------------------
# The numpy model: formulas written once, evaluated on a wrapper that does what NumPy does with
# them.  float32 and float16 arrays are plain NumPy: Python-float constants are weak scalars
# (NEP 50: converted to the array's dtype, or float64 next to a float64 array), and a result
# that comes back float64 stays float64 -- scipy.special.erf has loops for float32 ('f->f') and
# float64 ('d->d') only, so a float16 array goes to the float64 loop and GELU's float16 code
# returns float64.  Only np.where with two scalars (which NumPy returns as int64 or float64) and
# np.clip/sum/max are cast back to the dtype, so the derivative columns stay in the dtype.
# bfloat16 arrays (ml_dtypes) run as NumPy runs them too: a Python float makes them float32
# (`x * 0.5`; a Python int keeps bfloat16), np.clip is float32, scipy.special.erf float64, and
# from there on the code is float32 (or float64) NumPy; only np.where with two scalars is cast
# back to bfloat16, as for the other dtypes.

CAST_BACK = {"where", "clip", "sum", "max"}


class NumpyBackend:
    """Real NumPy (and scipy.special.erf) on arrays of the dtype."""

    def __init__(self, np_dtype):
        self.dt = np_dtype
        self.native = np_dtype in (np.float32, np.float16)
        self.upcasts = set()

    def rnd(self, v, what):
        v = np.asarray(v)
        if v.dtype != self.dt:
            if (self.native and what not in CAST_BACK) or (not self.native and what != "where2"):
                self.upcasts.add(f"{what}->{v.dtype} (kept)")
                return v
            self.upcasts.add(f"{what}->{v.dtype}")
            v = v.astype(self.dt)
        return v

    def const(self, c):
        # a Python float as NumPy >= 2 treats it: weak (the other operand's dtype decides;
        # ml_dtypes makes a bfloat16 array with a Python float float32)
        return c

    def unary(self, name, a):
        f = {"exp": np.exp, "tanh": np.tanh, "log1p": np.log1p, "expm1": np.expm1,
             "abs": np.abs, "neg": np.negative, "erf": scipy.special.erf,
             "square": np.square, "cube": lambda t: np.power(t, 3), "log": np.log}[name]
        return self.rnd(f(a), name)

    def binary(self, name, a, b):
        f = {"add": np.add, "sub": np.subtract, "mul": np.multiply, "div": np.divide,
             "maximum": np.maximum, "minimum": np.minimum}[name]
        return self.rnd(f(a, b), name)

    def where(self, c, a, b):
        scalars = not isinstance(a, np.ndarray) and not isinstance(b, np.ndarray)
        return self.rnd(np.where(c, a, b), "where2" if scalars and not self.native else "where")

    def clip(self, a, lo, hi):
        return self.rnd(np.clip(a, lo, hi), "clip")

    def sum(self, a):
        return self.rnd(np.sum(a), "sum")

    def max(self, a):
        return self.rnd(np.max(a), "max")


class A:
    """Array wrapper: every arithmetic op goes through the backend (which rounds)."""
    __array_priority__ = 1000

    def __init__(self, a, be):
        self.a, self.be = a, be

    def _c(self, o):
        return o.a if isinstance(o, A) else self.be.const(o)

    def _b(self, name, x, y):
        return A(self.be.binary(name, x, y), self.be)

    def __add__(self, o): return self._b("add", self.a, self._c(o))
    def __radd__(self, o): return self._b("add", self._c(o), self.a)
    def __sub__(self, o): return self._b("sub", self.a, self._c(o))
    def __rsub__(self, o): return self._b("sub", self._c(o), self.a)
    def __mul__(self, o): return self._b("mul", self.a, self._c(o))
    def __rmul__(self, o): return self._b("mul", self._c(o), self.a)
    def __truediv__(self, o): return self._b("div", self.a, self._c(o))
    def __rtruediv__(self, o): return self._b("div", self._c(o), self.a)
    def __neg__(self): return A(self.be.unary("neg", self.a), self.be)

    def __pow__(self, p):
        # NumPy: x**2 -> np.square (fast scalar power), x**3 -> np.power(x, 3)
        return A(self.be.unary({2: "square", 3: "cube"}[p], self.a), self.be)

    def __gt__(self, o): return self.a > self._c(o)
    def __lt__(self, o): return self.a < self._c(o)
    def __ge__(self, o): return self.a >= self._c(o)
    def __le__(self, o): return self.a <= self._c(o)


class M:
    """The np.* functions of the formulas."""

    def __init__(self, be):
        self.be = be

    def _u(self, name, x):
        return A(self.be.unary(name, x.a), self.be)

    def exp(self, x): return self._u("exp", x)
    def tanh(self, x): return self._u("tanh", x)
    def log1p(self, x): return self._u("log1p", x)
    def expm1(self, x): return self._u("expm1", x)
    def log(self, x): return self._u("log", x)
    def abs(self, x): return self._u("abs", x)
    def erf(self, x): return self._u("erf", x)

    def _v(self, o):
        return o.a if isinstance(o, A) else self.be.const(o)

    def maximum(self, x, c): return A(self.be.binary("maximum", self._v(x), self._v(c)), self.be)
    def minimum(self, x, c): return A(self.be.binary("minimum", self._v(x), self._v(c)), self.be)
    def where(self, c, a, b): return A(self.be.where(c, self._v(a), self._v(b)), self.be)
    def clip(self, x, lo, hi): return A(self.be.clip(self._v(x), self._v(lo), self._v(hi)), self.be)
    def sum(self, x): return A(self.be.sum(x.a), self.be)
    def max(self, x): return A(self.be.max(x.a), self.be)


SQRT2 = math.sqrt(2.0)
SQRT_2_OVER_PI = math.sqrt(2.0 / math.pi)
SQRT_2PI = math.sqrt(2.0 * math.pi)
SELU_ALPHA = 1.6732632423543772848170429916717
SELU_SCALE = 1.0507009873554804934193349852946
LEAKY = 0.01


def _gelu_tanh_inner(x, m):
    return SQRT_2_OVER_PI * (x + 0.044715 * x**3)


# name -> (y(x, m), dy(x, m)); Python evaluates left to right, so `a * b * c` is (a*b)*c.
NP_FORMULAS = {
    "sigmoid": (lambda x, m: 1 / (1 + m.exp(-x)),
                lambda x, m: (lambda s: s * (1 - s))(1 / (1 + m.exp(-x)))),
    "tanh": (lambda x, m: m.tanh(x),
             lambda x, m: 1 - m.tanh(x)**2),
    "relu": (lambda x, m: m.maximum(x, 0),
             lambda x, m: m.where(x > 0, 1, 0)),
    "leaky_relu": (lambda x, m: m.where(x > 0, x, LEAKY * x),
                   lambda x, m: m.where(x > 0, 1, LEAKY)),
    "elu": (lambda x, m: m.where(x > 0, x, 1.0 * m.expm1(x)),
            lambda x, m: m.where(x > 0, 1, 1.0 * m.exp(x))),
    "gelu": (lambda x, m: 0.5 * x * (1 + m.erf(x / SQRT2)),
             lambda x, m: 0.5 * (1 + m.erf(x / SQRT2)) + x * (m.exp(-x * x / 2) / SQRT_2PI)),
    "gelu_tanh": (lambda x, m: 0.5 * x * (1 + m.tanh(_gelu_tanh_inner(x, m))),
                  lambda x, m: (lambda t: 0.5 * (1 + t) + 0.5 * x * (1 - t * t)
                                * (SQRT_2_OVER_PI * (1 + 0.134145 * x**2)))(
                      m.tanh(_gelu_tanh_inner(x, m)))),
    "silu": (lambda x, m: x / (1 + m.exp(-x)),
             lambda x, m: (lambda s: s * (1 + x * (1 - s)))(1 / (1 + m.exp(-x)))),
    "mish": (lambda x, m: x * m.tanh(m.log1p(m.exp(x))),
             lambda x, m: (lambda t, s: t + x * (1 - t * t) * s)(
                 m.tanh(m.log1p(m.exp(x))), 1 / (1 + m.exp(-x)))),
    "softplus": (lambda x, m: m.log1p(m.exp(x)),
                 lambda x, m: 1 / (1 + m.exp(-x))),
    "selu": (lambda x, m: SELU_SCALE * m.where(x > 0, x, SELU_ALPHA * m.expm1(x)),
             lambda x, m: SELU_SCALE * m.where(x > 0, 1, SELU_ALPHA * m.exp(x))),
    "celu": (lambda x, m: m.where(x > 0, x, 1.0 * m.expm1(x / 1.0)),
             lambda x, m: m.where(x > 0, 1, m.exp(x / 1.0))),
    "relu6": (lambda x, m: m.minimum(m.maximum(x, 0), 6),
              lambda x, m: m.where((x > 0) & (x < 6), 1, 0)),
    "hard_sigmoid": (lambda x, m: m.clip(x / 6 + 0.5, 0, 1),
                     lambda x, m: m.where((x > -3) & (x < 3), 1 / 6, 0)),
    "hard_swish": (lambda x, m: x * m.clip(x / 6 + 0.5, 0, 1),
                   lambda x, m: m.where(x <= -3, 0, m.where(x < 3, x / 3 + 0.5, 1))),
    "hard_tanh": (lambda x, m: m.clip(x, -1, 1),
                  lambda x, m: m.where((x > -1) & (x < 1), 1, 0)),
    "softsign": (lambda x, m: x / (1 + m.abs(x)),
                 lambda x, m: 1 / (1 + m.abs(x))**2),
    "squared_relu": (lambda x, m: m.maximum(x, 0)**2,
                     lambda x, m: 2 * m.maximum(x, 0)),
    "silu_beta1.5": (lambda x, m: x / (1 + m.exp(-1.5 * x)),
                     lambda x, m: (lambda s: s * (1 + 1.5 * x * (1 - s)))(
                         1 / (1 + m.exp(-1.5 * x)))),
}
FUNCTIONS = list(NP_FORMULAS)


def numpy_model(fn, xs64, dtype, backend=None):
    """(y, dy, y dtype, dy dtype, backend) of the numpy model, values as f64 arrays; xs64 are
    dtype-representable f64 values."""
    be = backend or NumpyBackend(DTYPES[dtype][0])
    x = A(np.asarray(xs64).astype(DTYPES[dtype][0]) if backend is None else np.asarray(xs64), be)
    m = M(be)
    fy, fdy = NP_FORMULAS[fn]
    y, dy = fy(x, m).a, fdy(x, m).a
    return y.astype(np.float64), dy.astype(np.float64), y.dtype, dy.dtype, be


# ----------------------------------------------------------------------------------------------
# The torch model

def torch_fns():
    return {
        "sigmoid": torch.sigmoid,
        "tanh": torch.tanh,
        "relu": F.relu,
        "leaky_relu": lambda x: F.leaky_relu(x, LEAKY),
        "elu": lambda x: F.elu(x, 1.0),
        "gelu": lambda x: F.gelu(x),
        "gelu_tanh": lambda x: F.gelu(x, approximate="tanh"),
        "silu": F.silu,
        "mish": F.mish,
        "softplus": lambda x: F.softplus(x, beta=1.0, threshold=20.0),
        "selu": F.selu,
        "celu": lambda x: F.celu(x, 1.0),
        "relu6": F.relu6,
        "hard_sigmoid": F.hardsigmoid,
        "hard_swish": F.hardswish,
        "hard_tanh": F.hardtanh,
        "softsign": F.softsign,
        "squared_relu": lambda x: F.relu(x) ** 2,
        "silu_beta1.5": lambda x: x * torch.sigmoid(1.5 * x),
    }


PAD = 128


def to_tensor(xs64, tdtype):
    # xs64 are exactly representable, so f64 -> dtype is exact whatever path torch takes
    return torch.tensor(np.asarray(xs64, dtype=np.float64), dtype=torch.float64).to(tdtype)


def torch_vec(fn, xs64, tdtype, pad=True):
    n = len(xs64)
    npad = (-n) % PAD if pad else 0
    xp = np.concatenate([xs64, np.zeros(npad)])
    f = torch_fns()[fn]
    with torch.no_grad():
        y = f(to_tensor(xp, tdtype))
    xt = to_tensor(xp, tdtype).requires_grad_()
    yg = f(xt)
    yg.backward(torch.ones_like(yg))
    return (y.double().numpy()[:n], xt.grad.double().numpy()[:n],
            yg.detach().double().numpy()[:n])


def torch_one(fn, xs64, tdtype):
    f = torch_fns()[fn]
    ys, dys = np.empty(len(xs64)), np.empty(len(xs64))
    for i, v in enumerate(xs64):
        with torch.no_grad():
            ys[i] = f(to_tensor([v], tdtype)).double().item()
        xt = to_tensor([v], tdtype).requires_grad_()
        yg = f(xt)
        yg.backward(torch.ones_like(yg))
        dys[i] = xt.grad.double().item()
    return ys, dys


# ----------------------------------------------------------------------------------------------
# Softmax

SOFTMAX_FIXED = [
    [1.2, 0.9, 0.4], [900, 1000, 1000], [12, 1], [-1000, -1001], [0, -120],
    [2.3, -0.9, 3.6], [11, 10, -5], [100, 0], [1e4, 0],
]
TEMPERATURES = [1.0, 0.5, 2.0]
SEED = 20240607
# Longer than 128 values, past NumPy's 8-accumulator pairwise block (its sum halves) and long
# enough for PyTorch's cascade and vector sums: (length, scale), from their own generator so the
# rows before them stay as they were.
SOFTMAX_LONG = [(129, 4.0), (300, 1.0), (777, 30.0)]
LONG_SEED = 20240608


def softmax_vectors():
    rng = np.random.default_rng(SEED)
    vecs = [np.array(v, dtype=np.float64) for v in SOFTMAX_FIXED]
    for _ in range(20):
        n = int(rng.integers(2, 51))
        scale = float(rng.uniform(1, 200))
        vecs.append(rng.standard_normal(n) * scale)
    rng = np.random.default_rng(LONG_SEED)
    for n, scale in SOFTMAX_LONG:
        vecs.append(rng.standard_normal(n) * scale)
    return vecs


def numpy_softmax(x64, T, dtype, backend=None):
    be = backend or NumpyBackend(DTYPES[dtype][0])
    x = A(np.asarray(x64).astype(DTYPES[dtype][0]) if backend is None else np.asarray(x64), be)
    m = M(be)
    if T != 1.0:
        x = x / T
    e = m.exp(x)
    naive = e / m.sum(e)
    mx = m.max(x)
    es = m.exp(x - mx)
    stable = es / m.sum(es)
    naive_log = m.log(naive)
    stable_log = (x - mx) - m.log(m.sum(m.exp(x - mx)))
    out = {k: v.a.astype(np.float64) for k, v in
           dict(x_over_T=x, numpy_naive=naive, numpy_stable=stable,
                numpy_naive_log=naive_log, numpy_stable_log=stable_log).items()}
    dtypes = {np.dtype(v.a.dtype).name for v in (x, naive, stable, naive_log, stable_log)}
    assert len(dtypes) == 1, dtypes
    out["numpy_dtype"] = [dtypes.pop()]
    return out


def torch_softmax(x64, T, tdtype):
    xt = to_tensor(x64, tdtype)
    with torch.no_grad():
        if T != 1.0:
            xt = xt / T
        e = torch.exp(xt)
        naive = e / e.sum()
        return {"torch_softmax": torch.softmax(xt, dim=0).double().numpy(),
                "torch_log_softmax": torch.log_softmax(xt, dim=0).double().numpy(),
                "torch_naive": naive.double().numpy(),
                "torch_naive_log": torch.log(naive).double().numpy()}


# ----------------------------------------------------------------------------------------------

def fmt(v):
    return repr(float(v))


def header(what):
    return [
        f"# {what}",
        f"# made by make_framework_data.py on {datetime.date.today().isoformat()}",
        f"# python {sys.version.split()[0]}, numpy {np.__version__}, scipy {scipy.__version__}, "
        f"torch {torch.__version__}, ml_dtypes {ml_dtypes.__version__}",
        f"# torch CPU capability: {torch.backends.cpu.get_cpu_capability()}, "
        f"torch threads: {torch.get_num_threads()}",
    ]


def act_header(dtype, fn, upcasts, float64_columns, float32_columns):
    h = header(f"activation {fn}, dtype {dtype}")
    h += [
        "# x: input rounded once (round-to-nearest-even, from f64) to the dtype; duplicates dropped",
        "# numpy_*: NumPy op by op in the dtype (NP_FORMULAS in the script); constants are Python",
        "#   floats, "
        + ("which make a bfloat16 array float32 (ml_dtypes " + ml_dtypes.__version__ + "); arrays"
           " of ml_dtypes.bfloat16, run as NumPy runs them" if dtype == "bf16" else
           "weak scalars (NEP 50); arrays of numpy." + DTYPES[dtype][0].__name__),
        "#   ops whose NumPy result was not the dtype (cast back, unless marked kept): "
        + (", ".join(sorted(upcasts)) if upcasts else "none"),
        "# float64 columns (the code returns float64; values are float64, not the dtype's): "
        + (" ".join(float64_columns) if float64_columns else "none"),
    ]
    if dtype == "bf16":
        h.append("# float32 columns (the code returns float32; values are float32, not the dtype's): "
                 + (" ".join(float32_columns) if float32_columns else "none"))
    h += [
        "# torch_*: torch CPU, whole array in one call (padded with zeros to a multiple of "
        f"{PAD} so all points take the SIMD path); dy = autograd with grad_output 1",
        "# torch_one_*: same, a 1-element tensor per x (scalar path)",
        "# values: the dtype result converted exactly to f64, repr(float(v))",
    ]
    return h


def measure(out_dir):
    global DATA
    DATA = out_dir
    load_frameworks()
    os.makedirs(DATA, exist_ok=True)
    # inputs
    with open(os.path.join(DATA, "inputs.tsv"), "w") as f:
        f.write("\n".join(header("raw inputs before rounding; softmax vectors")) + "\n")
        f.write("# activation inputs (f64, before rounding to the dtype)\n")
        f.write("\t".join(fmt(v) for v in raw_inputs()) + "\n")
        f.write("# softmax vectors (f64, before rounding), one per line\n")
        for v in softmax_vectors():
            f.write(",".join(fmt(t) for t in v) + "\n")

    for dtype, (npdt, tdt) in DTYPES.items():
        xs = inputs_for(dtype)
        for fn in FUNCTIONS:
            y, dy, y_dtype, dy_dtype, be = numpy_model(fn, xs, dtype)
            float64_columns = [c for c, t in (("numpy_y", y_dtype), ("numpy_dy", dy_dtype))
                               if t == np.float64]
            float32_columns = [c for c, t in (("numpy_y", y_dtype), ("numpy_dy", dy_dtype))
                               if t == np.float32 and dtype != "f32"]
            ty, tdy, _ = torch_vec(fn, xs, tdt)
            oy, ody = torch_one(fn, xs, tdt)
            path = os.path.join(DATA, f"act_{dtype}_{fn}.tsv")
            with open(path, "w") as f:
                f.write("\n".join(act_header(dtype, fn, be.upcasts, float64_columns, float32_columns)) + "\n")
                f.write("x\tnumpy_y\tnumpy_dy\ttorch_y\ttorch_dy\ttorch_one_y\ttorch_one_dy\n")
                for row in zip(xs, y, dy, ty, tdy, oy, ody):
                    f.write("\t".join(fmt(v) for v in row) + "\n")
            print(dtype, fn, len(xs), file=sys.stderr)

        # softmax
        path = os.path.join(DATA, f"softmax_{dtype}.tsv")
        cols = ["vec", "T", "x", "x_over_T", "numpy_naive", "numpy_stable", "numpy_naive_log",
                "numpy_stable_log", "torch_softmax", "torch_log_softmax", "numpy_dtype",
                "torch_naive", "torch_naive_log"]
        with open(path, "w") as f:
            h = header(f"softmax, dtype {dtype}")
            h += [
                "# one row per (vector, temperature T); list columns are comma-separated",
                "# x: the vector rounded once to the dtype; x_over_T: x / T computed in the dtype",
                "# numpy_naive: np.exp(x) / np.sum(np.exp(x)); numpy_stable: e = np.exp(x - m);"
                " e / np.sum(e) with m = np.max(x)",
                "# numpy_naive_log: np.log(naive); numpy_stable_log: (x - m) - np.log(np.sum(np.exp(x - m)))",
                "# (x means x_over_T = x / T with T a Python float, skipped for T = 1; bf16 via ml_dtypes"
                " arrays, which x / T makes float32)",
                "# numpy_dtype: the dtype of x_over_T and the numpy columns (their values are that dtype's)",
                "# torch_softmax: torch.softmax(x_t / T, dim=0); torch_log_softmax: torch.log_softmax",
                "# torch_naive: e = torch.exp(x_t / T); e / e.sum(); torch_naive_log: torch.log(torch_naive)",
            ]
            f.write("\n".join(h) + "\n")
            f.write("\t".join(cols) + "\n")
            for i, v in enumerate(softmax_vectors()):
                xr = round_to(v, dtype)
                for T in TEMPERATURES:
                    r = numpy_softmax(xr, T, dtype)
                    r.update(torch_softmax(xr, T, tdt))
                    cells = [str(i), fmt(T), ",".join(fmt(t) for t in xr)]
                    cells += [r[c][0] if c == "numpy_dtype" else ",".join(fmt(t) for t in r[c])
                              for c in cols[3:]]
                    f.write("\t".join(cells) + "\n")
        print(dtype, "softmax", file=sys.stderr)


# ----------------------------------------------------------------------------------------------
# compact: the copy the test suite reads (standard library only)

F32_EVERY = 4  # f32 keeps every 4th row of the grid (and all |x| > 20 or < 0.01)


def round_scalar(v, dtype):
    """Correct round-to-nearest-even of a Python float to the format; overflow -> inf."""
    p, emin, fmax = FORMAT[dtype]
    if v == 0 or math.isinf(v) or math.isnan(v):
        return v
    _, e = math.frexp(v)  # v = m * 2^e, 0.5 <= |m| < 1
    k = (p - 1) - max(e - 1, emin)
    r = math.ldexp(round(math.ldexp(v, k)), -k)  # scaling by 2^k is exact; round() ties to even
    return math.copysign(math.inf, r) if abs(r) > fmax else r


FLOAT64_COLUMNS = "# float64 columns"
FLOAT32_COLUMNS = "# float32 columns"
DTYPE_NAMES = {"float64": "f64", "float32": "f32", "float16": "f16", "bfloat16": "bf16"}


def shortest(text, dtype):
    """The shortest decimal that rounds back to the same dtype value as `text` (for "f64":
    Python's repr, the shortest that reads back as the same double)."""
    v = float(text)
    if math.isnan(v):
        return "nan"
    if math.isinf(v) or v == 0 or dtype == "f64":
        return repr(v)
    for digits in range(1, 18):
        candidate = f"{v:.{digits}g}"
        if round_scalar(float(candidate), dtype) == v:
            return candidate
    return repr(v)


def compact(src_dir, out_dir):
    os.makedirs(out_dir, exist_ok=True)
    today = datetime.date.today().isoformat()
    names = sorted(n for n in os.listdir(src_dir) if n.startswith(("act_", "softmax_")))
    for name in names:
        dtype = name.split("_")[1].split(".")[0]
        with open(os.path.join(src_dir, name)) as f:
            lines = f.read().splitlines()
        header = [ln for ln in lines if ln.startswith("#")]
        rows = [ln.split("\t") for ln in lines if not ln.startswith("#")]
        columns, rows = rows[0], rows[1:]
        kinds = {}
        for ln in header:
            for prefix, kind in ((FLOAT64_COLUMNS, "f64"), (FLOAT32_COLUMNS, "f32")):
                if ln.startswith(prefix):
                    for c in set(ln.split(":", 1)[1].split()) - {"none"}:
                        kinds[c] = kind
        note = (f"# compacted by make_framework_data.py compact on {today}: each value is the "
                f"shortest decimal that rounds (to nearest, ties to even) back to the same "
                f"{dtype} value (float64 columns: the same double)")
        if "numpy_dtype" in columns:
            note += "; x_over_T and numpy_*: the same value of the row's numpy_dtype"
        if name.startswith("act_") and dtype == "f32":
            rows = [r for i, r in enumerate(rows)
                    if i % F32_EVERY == 0 or not 0.01 <= abs(float(r[0])) <= 20]
            note += f"; f32: every {F32_EVERY}th grid point, and all |x| > 20 or < 0.01"
        out = []
        for r in rows:
            cells = []
            row_kind = (DTYPE_NAMES[r[columns.index("numpy_dtype")]]
                        if "numpy_dtype" in columns else None)
            for column, cell in zip(columns, r):
                if column in ("vec", "T", "numpy_dtype"):
                    cells.append(cell)
                else:
                    kind = kinds.get(column, dtype)
                    if row_kind and (column == "x_over_T" or column.startswith("numpy_")):
                        kind = row_kind
                    cells.append(",".join(shortest(t, kind) for t in cell.split(",")))
            out.append("\t".join(cells))
        with open(os.path.join(out_dir, name), "w") as f:
            f.write("\n".join(header + [note, "\t".join(columns)] + out) + "\n")
        print(name, len(rows), file=sys.stderr)


def main(argv):
    if len(argv) == 3 and argv[1] == "measure":
        measure(argv[2])
    elif len(argv) == 4 and argv[1] == "compact":
        compact(argv[2], argv[3])
    else:
        print(__doc__.split("What `measure` makes")[0], file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
