#!/usr/bin/env python3
"""How often torch.tanh on float32 (MKL's vmsTanh, closed source) differs from the PyTorch model,
which takes it correctly rounded below MKL's saturation point (0x41102c67) and +-1 from it, on
every float32 in [-12, 12] (past 12 both are +-1). Needs numpy and torch; single-threaded,
about 2 minutes.

    python3 scripts/measure_mkl_tanh.py

PyTorch 2.15 (AVX-512), numpy 2.4.6: 164,612 of 2,189,426,690 inputs differ (0.0075 %), all by
one ulp (200 inputs lie near an f32 midpoint, where rounding np.tanh's float64 could be off).
"""
import numpy as np
import torch

torch.set_num_threads(1)
MKL_ONE = 0x41102c67
hi = np.float32(12.0).view(np.uint32)
step = 1 << 26
total = diff = diff_below_one = near_mid = 0
most_units = 0
examples = []
for sign in (0, 0x80000000):
    for start in range(0, int(hi) + 1, step):
        b = np.arange(start, min(start + step, int(hi) + 1), dtype=np.uint32) | np.uint32(sign)
        x = b.view(np.float32)
        m = torch.tanh(torch.from_numpy(x)).numpy()
        t64 = np.tanh(x.astype(np.float64))
        cr = t64.astype(np.float32)
        # the model: correctly rounded below MKL's saturation point, +-1 from it
        model = np.where(np.abs(x) >= np.uint32(MKL_ONE).view(np.float32), np.copysign(np.float32(1), x), cr)
        d = m.view(np.int32) != model.view(np.int32)
        units = np.abs(m.view(np.int32).astype(np.int64) - model.view(np.int32).astype(np.int64))
        most_units = max(most_units, int(units.max()))
        total += x.size
        diff += int(d.sum())
        diff_below_one += int((d & (np.abs(x) < np.uint32(MKL_ONE).view(np.float32))).sum())
        # double-rounding risk: f64 tanh within 2^-45 relative of an f32 midpoint
        up = np.nextafter(cr, np.float32(np.inf)).astype(np.float64)
        dn = np.nextafter(cr, np.float32(-np.inf)).astype(np.float64)
        c = cr.astype(np.float64)
        mid = np.minimum(np.abs(t64 - (c + up) / 2), np.abs(t64 - (c + dn) / 2))
        near_mid += int((mid <= np.abs(t64) * 2.0**-45).sum())
        if len(examples) < 5:
            examples += [(float(v), float(a), float(bb)) for v, a, bb in zip(x[d][:5], m[d][:5], model[d][:5])]
print(f"float32 inputs in [-12, 12]: {total}")
print(f"torch.tanh != model: {diff} ({100 * diff / total:.4f} %), of which below MKL's saturation point: {diff_below_one}")
print(f"most units apart: {most_units}")
print(f"near an f32 midpoint (double rounding possible): {near_mid}")
print("examples x, torch, model:", examples[:5])
