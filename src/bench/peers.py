# `actscope bench --compare`: times NumPy/SciPy and PyTorch (one thread) on the input actscope
# sends, round by round, as the Rust side asks. Never a dependency of actscope: run only when
# python3 with these modules is importable.
#
# Protocol (stdin/stdout, one JSON document a line):
#   argv[1]  JSON {"size": n, "names": [...], "budget": seconds}
#   -> {"numpy": version or null, "scipy": ..., "torch": ..., "missing": "why"}
#   <- n little-endian f64 (the input)
#   <- "round\n"  -> {"values": {name: {"numpy": ns, "torch": ns}}, "derivatives": ..., "softmax": ...}
import json
import os
import sys
import time

os.environ.setdefault("OMP_NUM_THREADS", "1")
config = json.loads(sys.argv[1])
n, wanted, budget = config["size"], set(config["names"]), config["budget"]
versions, missing = {"numpy": None, "scipy": None, "torch": None}, []
try:
    import numpy as np

    versions["numpy"] = np.__version__
except Exception as error:  # noqa: BLE001 - any import failure is reported, not raised
    missing.append(f"numpy: {error}")
try:
    import scipy
    import scipy.special as sp

    versions["scipy"] = scipy.__version__
except Exception as error:  # noqa: BLE001
    missing.append(f"scipy: {error}")
try:
    import torch
    import torch.nn.functional as F

    torch.set_num_threads(1)
    versions["torch"] = torch.__version__
except Exception as error:  # noqa: BLE001
    missing.append(f"torch: {error}")
print(json.dumps({**versions, "missing": "; ".join(missing)}), flush=True)
if versions["numpy"] is None:
    sys.exit(0)

x = np.frombuffer(sys.stdin.buffer.read(8 * n), dtype="<f8").copy()
out = np.empty_like(x)
A, L = 1.6732632423543772848170429916717, 1.0507009873554804934193349852946
K = np.sqrt(2 / np.pi)
numpy_values, numpy_derivatives, numpy_softmax = {}, {}, {}
torch_values, torch_derivatives, torch_softmax = {}, {}, {}
if versions["scipy"] is not None:
    expit, erfc = sp.expit, sp.erfc
    numpy_values.update({
        "sigmoid": lambda: expit(x, out=out),
        "gelu": lambda: 0.5 * x * erfc(-x / np.sqrt(2)),
        "silu": lambda: x * expit(x),
    })

    def silu_prime():
        s = expit(x)
        return s * (1 + x * (1 - s))

    def sigmoid_prime():
        s = expit(x)
        return s * (1 - s)

    def mish_prime():
        t = np.tanh(np.logaddexp(0, x))
        return t + x * (1 - t * t) * expit(x)

    numpy_derivatives.update({
        "sigmoid": sigmoid_prime,
        "gelu": lambda: 0.5 * erfc(-x / np.sqrt(2)) + x * np.exp(-0.5 * x * x) / np.sqrt(2 * np.pi),
        "silu": silu_prime,
        "mish": mish_prime,
        "softplus": lambda: expit(x, out=out),
    })
    numpy_softmax.update({
        "softmax": lambda: sp.softmax(x),
        "log_softmax": lambda: sp.log_softmax(x),
        "logsumexp": lambda: sp.logsumexp(x),
    })


def gelu_tanh_prime():
    inner = K * (x + 0.044715 * x**3)
    t = np.tanh(inner)
    return 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * K * (1 + 3 * 0.044715 * x * x)


def sparsemax(v):
    z = np.sort(v)[::-1]
    cumulative = np.cumsum(z)
    k = np.arange(1, v.size + 1)
    support = k[1 + k * z > cumulative][-1]
    tau = (cumulative[support - 1] - 1) / support
    return np.maximum(v - tau, 0)


def entmax15(v):
    z = np.sort(v / 2)[::-1]
    k = np.arange(1, v.size + 1)
    mean = np.cumsum(z) / k
    mean_sq = np.cumsum(z * z) / k
    tau = mean - np.sqrt(np.clip((1 - k * (mean_sq - mean * mean)) / k, 0, None))
    support = np.count_nonzero(tau <= z)
    return np.clip(v / 2 - tau[support - 1], 0, None) ** 2


numpy_values.update({
    "step": lambda: np.heaviside(x, 0, out=out),
    "tanh": lambda: np.tanh(x, out=out),
    "relu": lambda: np.maximum(x, 0, out=out),
    "leaky_relu": lambda: np.where(x > 0, x, 0.01 * x),
    "elu": lambda: np.where(x > 0, x, np.expm1(x)),
    "gelu_tanh": lambda: 0.5 * x * (1 + np.tanh(K * (x + 0.044715 * x**3))),
    "mish": lambda: x * np.tanh(np.logaddexp(0, x)),
    "softplus": lambda: np.logaddexp(0, x, out=out),
    "selu": lambda: L * np.where(x > 0, x, A * np.expm1(x)),
    "celu": lambda: np.where(x > 0, x, np.expm1(x)),
    "relu6": lambda: np.clip(x, 0, 6, out=out),
    "hard_tanh": lambda: np.clip(x, -1, 1, out=out),
    "hard_sigmoid": lambda: np.clip(x / 6 + 0.5, 0, 1),
    "hard_swish": lambda: x * np.clip(x + 3, 0, 6) / 6,
    "softsign": lambda: x / (1 + np.abs(x)),
    "squared_relu": lambda: np.square(np.maximum(x, 0)),
})
numpy_derivatives.update({
    "step": lambda: np.zeros_like(x),
    "tanh": lambda: 1 - np.tanh(x) ** 2,
    "relu": lambda: (x > 0).astype(np.float64),
    "leaky_relu": lambda: np.where(x > 0, 1.0, 0.01),
    "elu": lambda: np.where(x > 0, 1.0, np.exp(x)),
    "gelu_tanh": gelu_tanh_prime,
    "selu": lambda: L * np.where(x > 0, 1.0, A * np.exp(x)),
    "celu": lambda: np.where(x > 0, 1.0, np.exp(x)),
    "relu6": lambda: ((x > 0) & (x < 6)).astype(np.float64),
    "hard_tanh": lambda: ((x > -1) & (x < 1)).astype(np.float64),
    "hard_sigmoid": lambda: np.where((x > -3) & (x < 3), 1 / 6, 0.0),
    "hard_swish": lambda: np.where(x <= -3, 0.0, np.where(x < 3, x / 3 + 0.5, 1.0)),
    "softsign": lambda: 1 / (1 + np.abs(x)) ** 2,
    "squared_relu": lambda: 2 * np.maximum(x, 0),
})
numpy_softmax.update({
    "naive_softmax": lambda: np.exp(x) / np.sum(np.exp(x)),
    "sparsemax": lambda: sparsemax(x),
    "entmax15": lambda: entmax15(x),
})

if versions["torch"] is not None:
    t = torch.from_numpy(x)
    t_out = torch.empty_like(t)
    ones = torch.ones_like(t)
    zero = torch.zeros((), dtype=torch.float64)
    aten = torch.ops.aten

    def autograd(f):
        def run():
            v = t.detach().requires_grad_()
            f(v).backward(ones)
            return v.grad

        return run

    def sparsemax_torch(v):
        z, _ = torch.sort(v, descending=True)
        cumulative = torch.cumsum(z, 0)
        k = torch.arange(1, v.numel() + 1, dtype=v.dtype)
        support = int((1 + k * z > cumulative).sum())
        tau = (cumulative[support - 1] - 1) / support
        return torch.clamp(v - tau, min=0)

    def entmax15_torch(v):
        z, _ = torch.sort(v / 2, descending=True)
        k = torch.arange(1, v.numel() + 1, dtype=v.dtype)
        mean = torch.cumsum(z, 0) / k
        mean_sq = torch.cumsum(z * z, 0) / k
        tau = mean - torch.sqrt(torch.clamp((1 - k * (mean_sq - mean * mean)) / k, min=0))
        support = int((tau <= z).sum())
        return torch.clamp(v / 2 - tau[support - 1], min=0) ** 2

    torch_values.update({
        "step": lambda: torch.heaviside(t, zero, out=t_out),
        "sigmoid": lambda: torch.sigmoid(t, out=t_out),
        "tanh": lambda: torch.tanh(t, out=t_out),
        "relu": lambda: torch.relu(t),
        "leaky_relu": lambda: F.leaky_relu(t, 0.01),
        "elu": lambda: F.elu(t),
        "gelu": lambda: F.gelu(t),
        "gelu_tanh": lambda: F.gelu(t, approximate="tanh"),
        "silu": lambda: F.silu(t),
        "mish": lambda: F.mish(t),
        "softplus": lambda: F.softplus(t),
        "selu": lambda: F.selu(t),
        "celu": lambda: F.celu(t),
        "relu6": lambda: F.relu6(t),
        "hard_tanh": lambda: F.hardtanh(t),
        "hard_sigmoid": lambda: F.hardsigmoid(t),
        "hard_swish": lambda: F.hardswish(t),
        "softsign": lambda: F.softsign(t),
        "squared_relu": lambda: torch.square(torch.relu(t)),
    })
    torch_derivatives.update({
        "step": lambda: torch.zeros_like(t),
        "sigmoid": lambda: aten.sigmoid_backward(ones, torch.sigmoid(t)),
        "tanh": lambda: aten.tanh_backward(ones, torch.tanh(t)),
        "relu": lambda: aten.threshold_backward(ones, t, 0),
        "leaky_relu": lambda: aten.leaky_relu_backward(ones, t, 0.01, False),
        "elu": lambda: aten.elu_backward(ones, 1.0, 1, 1, False, t),
        "gelu": lambda: aten.gelu_backward(ones, t),
        "gelu_tanh": lambda: aten.gelu_backward(ones, t, approximate="tanh"),
        "silu": lambda: aten.silu_backward(ones, t),
        "mish": lambda: aten.mish_backward(ones, t),
        "softplus": lambda: aten.softplus_backward(ones, t, 1.0, 20.0),
        "selu": lambda: aten.elu_backward(ones, A, L, 1, False, t),
        "celu": lambda: aten.elu_backward(ones, 1.0, 1, 1.0, False, t),
        "relu6": lambda: aten.hardtanh_backward(ones, t, 0.0, 6.0),
        "hard_tanh": lambda: aten.hardtanh_backward(ones, t, -1.0, 1.0),
        "hard_sigmoid": lambda: aten.hardsigmoid_backward(ones, t),
        "hard_swish": lambda: aten.hardswish_backward(ones, t),
        "softsign": autograd(F.softsign),
        "squared_relu": autograd(lambda v: torch.square(torch.relu(v))),
    })
    torch_softmax.update({
        "softmax": lambda: torch.softmax(t, 0),
        "log_softmax": lambda: torch.log_softmax(t, 0),
        "logsumexp": lambda: torch.logsumexp(t, 0),
        "naive_softmax": lambda: torch.exp(t) / torch.exp(t).sum(),
        "sparsemax": lambda: sparsemax_torch(t),
        "entmax15": lambda: entmax15_torch(t),
    })


def median_ns(f):
    f()
    samples, started = [], time.perf_counter()
    while len(samples) < 5 or (time.perf_counter() - started < budget and len(samples) < 1000):
        t0 = time.perf_counter()
        f()
        samples.append((time.perf_counter() - t0) * 1e9 / n)
    samples.sort()
    return samples[len(samples) // 2]


def measure(numpy_kernels, torch_kernels):
    result = {}
    for name in sorted(set(numpy_kernels) | set(torch_kernels)):
        if name in wanted:
            result[name] = {
                "numpy": median_ns(numpy_kernels[name]) if name in numpy_kernels else None,
                "torch": median_ns(torch_kernels[name]) if name in torch_kernels else None,
            }
    return result


for line in sys.stdin:
    if line.strip() != "round":
        break
    print(json.dumps({
        "values": measure(numpy_values, torch_values),
        "derivatives": measure(numpy_derivatives, torch_derivatives),
        "softmax": measure(numpy_softmax, torch_softmax),
    }), flush=True)
