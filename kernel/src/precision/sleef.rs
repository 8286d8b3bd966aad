//! SLEEF's float32 `exp`, `expm1`, `log1p` and `tanh`, as PyTorch's AVX-512 build runs them.
//!
//! SLEEF's single-precision functions as PyTorch's AVX-512 build runs them, one lane at a time:
//! `Sleef_expf16_u10`, `Sleef_expm1f16_u10`, `Sleef_log1pf16_u10` and `Sleef_tanhf16_u10`, which
//! `Vectorized<float>::exp`, `expm1`, `log1p` and `tanh` call (ATen/cpu/vec/vec512/vec512_float.h).
//!
//! Transcribed from SLEEF 3.x `src/libm/sleefsimdsp.c` (`xexpf`, `expk2f`, `xtanhf`, `xexpm1f`,
//! `xlog1pf`, with the `ENABLE_AVX512F` branches), `src/common/df.h` (the double-float arithmetic,
//! `ENABLE_FMA_SP` variants) and `src/arch/helperavx512f.h` (`vrint` is `cvtps2dq`, round to
//! nearest even; `vgetexp` is `vgetexpps`; every `vmla` an FMA). SLEEF is compiled with
//! `-ffp-contract=off`, so every other operation is rounded on its own, as here. Compared once
//! with the functions exported by PyTorch 2.15's `libtorch_cpu.so` on all 2³² float32 inputs
//! during development; the tests pin the listed points, and kernel/tests/frameworks.rs the grids.

// The constants are written digit for digit as in the sources transcribed, so they can be
// checked against them; Rust rounds each literal to its type correctly, as the C compilers do.
#![allow(clippy::excessive_precision)]

use super::fma;
use super::x86::{getexp, horner};

/// `R_LN2f`, 1/ln 2 (1.442695040888963407359924681001892137426645954152985934135449406931f).
const R_LN2: f32 = std::f32::consts::LOG2_E;
/// `L2Uf` and `L2Lf`: ln 2 split so that `q·L2U` is exact.
const L2U: f32 = 0.693_145_751_953_125_f32;
const L2L: f32 = 1.428_606_765_330_187_045e-6_f32;

/// A double-float: an unevaluated sum `x + y` with `|y|` at most half an ulp of `x`.
#[derive(Clone, Copy, Debug)]
struct Df {
    x: f32,
    y: f32,
}

fn df(x: f32, y: f32) -> Df {
    Df { x, y }
}

/// `cvtps2dq` with the default rounding: to nearest, ties to even; out of range or NaN gives
/// the "integer indefinite" `i32::MIN`.
fn rint(v: f32) -> i32 {
    if v.is_nan() || v.abs() >= 2_147_483_648.0 {
        i32::MIN
    } else {
        v.round_ties_even() as i32
    }
}

/// `2^q` built from its exponent bits (`vpow2i_vf_vi2`), wrapping as the integer lanes do.
fn pow2i(q: i32) -> f32 {
    f32::from_bits((q.wrapping_add(0x7f) as u32).wrapping_shl(23))
}

/// `vldexp2_vf_vf_vi2`: `d · 2^(e>>1) · 2^(e - (e>>1))`.
fn ldexp2(d: f32, e: i32) -> f32 {
    d * pow2i(e >> 1) * pow2i(e - (e >> 1))
}

/// `vmulsign_vf_vf_vf`: `x` with its sign flipped where `y` is negative.
fn mulsign(x: f32, y: f32) -> f32 {
    f32::from_bits(x.to_bits() ^ (y.to_bits() & 0x8000_0000))
}

// The double-float arithmetic of df.h (FMA variants).

fn add2_df_f(x: Df, y: f32) -> Df {
    let rx = x.x + y;
    let v = rx - x.x;
    let ry = (x.x - (rx - v)) + (y - v);
    df(rx, ry + x.y)
}

fn add2_df_df(x: Df, y: Df) -> Df {
    let rx = x.x + y.x;
    let v = rx - x.x;
    let ry = (x.x - (rx - v)) + (y.x - v);
    df(rx, ry + (x.y + y.y))
}

fn add_f_df(x: f32, y: Df) -> Df {
    let rx = x + y.x;
    df(rx, ((x - rx) + y.x) + y.y)
}

fn add_df_df(x: Df, y: Df) -> Df {
    let rx = x.x + y.x;
    df(rx, (((x.x - rx) + y.x) + x.y) + y.y)
}

fn add_df_f(x: Df, y: f32) -> Df {
    let rx = x.x + y;
    df(rx, ((x.x - rx) + y) + x.y)
}

fn add_f_f(x: f32, y: f32) -> Df {
    let rx = x + y;
    df(rx, (x - rx) + y)
}

fn mul_df_f(x: Df, y: f32) -> Df {
    let rx = x.x * y;
    df(rx, fma(x.y, y, fma(x.x, y, -rx)))
}

fn mul_df_df(x: Df, y: Df) -> Df {
    let rx = x.x * y.x;
    df(rx, fma(x.x, y.y, fma(x.y, y.x, fma(x.x, y.x, -rx))))
}

fn squ(x: Df) -> Df {
    let rx = x.x * x.x;
    df(rx, fma(x.x + x.x, x.y, fma(x.x, x.x, -rx)))
}

fn rec(d: Df) -> Df {
    let qx = 1.0 / d.x;
    df(qx, qx * fma(-d.y, qx, fma(-d.x, qx, 1.0)))
}

fn div(n: Df, d: Df) -> Df {
    let t = 1.0 / d.x;
    let qx = n.x * t;
    let u = fma(t, n.x, -qx);
    let qy = fma(-d.y, t, fma(-d.x, t, 1.0));
    df(qx, fma(qx, qy, fma(n.y, t, u)))
}

fn neg(d: Df) -> Df {
    df(-d.x, -d.y)
}

fn scale(d: Df, s: f32) -> Df {
    df(d.x * s, d.y * s)
}

/// `Sleef_expf16_u10` (`xexpf`): e^d within 1 ulp.
pub(super) fn expf(d: f32) -> f32 {
    let q = rint(d * R_LN2);
    let qf = q as f32;
    let mut s = fma(qf, -L2U, d);
    s = fma(qf, -L2L, s);
    let mut u = horner(
        s,
        &[
            0.000_198_527_617_612_853_646_278_381,
            0.001_393_043_552_525_341_510_772_71,
            0.008_333_360_776_305_198_669_433_59,
            0.041_666_485_369_205_474_853_515_6,
            0.166_666_671_633_720_397_949_219,
            0.5,
        ],
    );
    u = 1.0 + fma(s * s, u, s);
    u = ldexp2(u, q);
    if d < -104.0 {
        u = 0.0;
    }
    if 100.0 < d {
        u = f32::INFINITY;
    }
    u
}

/// `expk2f`: e^d of a double-float, as a double-float.
fn expk2(d: Df) -> Df {
    let u = (d.x + d.y) * R_LN2;
    let q = rint(u);
    let qf = q as f32;
    let mut s = add2_df_f(d, qf * -L2U);
    s = add2_df_f(s, qf * -L2L);
    let u = horner(
        s.x,
        &[
            0.198_096_022_4e-3,
            0.139_425_648_4e-2,
            0.833_345_670_3e-2,
            0.416_663_736_1e-1,
        ],
    );
    let mut t = add2_df_f(mul_df_f(s, u), 0.166_666_659_414_234_244_790_680_580_464);
    t = add2_df_f(mul_df_df(s, t), 0.5);
    t = add2_df_df(s, mul_df_df(squ(s), t));
    t = add_f_df(1.0, t);
    let mut r = df(ldexp2(t.x, q), ldexp2(t.y, q));
    if d.x < -104.0 {
        r = df(0.0, 0.0);
    }
    r
}

/// `Sleef_tanhf16_u10` (`xtanhf`): tanh within 1 ulp; ±1 beyond |x| = 8.664339742.
pub(super) fn tanhf(x: f32) -> f32 {
    let a = x.abs();
    let d = expk2(df(a, 0.0));
    let e = rec(d);
    let q = div(add_df_df(d, neg(e)), add_df_df(d, e));
    let mut y = q.x + q.y;
    if a > 8.664_339_742 || y.is_nan() {
        y = 1.0;
    }
    y = mulsign(y, x);
    if x.is_nan() { f32::NAN } else { y }
}

/// `Sleef_expm1f16_u10` (`xexpm1f`): e^a − 1 within 1 ulp.
pub(super) fn expm1f(a: f32) -> f32 {
    let d = add2_df_f(expk2(df(a, 0.0)), -1.0);
    let mut x = d.x + d.y;
    if a > 88.722_831_726_074_218_75 {
        x = f32::INFINITY;
    }
    if a < -16.635_532_333_438_687_426_013_570 {
        x = -1.0;
    }
    if a == 0.0 && a.is_sign_negative() {
        x = -0.0;
    }
    x
}

/// `Sleef_log1pf16_u10` (`xlog1pf`, AVX-512 branch): ln(1 + d) within 1 ulp.
pub(super) fn log1pf(d: f32) -> f32 {
    let dp1 = d + 1.0;
    let mut e = getexp(dp1 * (1.0_f32 / 0.75));
    if e == f32::INFINITY {
        e = 128.0;
    }
    // 2^-e by vldexp2 (newer SLEEF adds -e to the exponent bits, vldexp3: wrong at e = 128)
    let t = ldexp2(1.0, rint(e).wrapping_neg());
    let m = fma(d, t, t - 1.0);
    let mut s = mul_df_f(
        df(0.693_147_182_464_599_609_38, -1.904_654_323_148_236_017e-9),
        e,
    );
    let x = div(df(m, 0.0), add_f_f(2.0, m));
    let x2 = x.x * x.x;
    let t = horner(x2, &[0.302_729_487_4, 0.399_610_817_4, 0.666_669_488_0]);
    s = add_df_df(s, scale(x, 2.0));
    s = add_df_f(s, x2 * x.x * t);
    // (Newer SLEEF returns inf for every d > 1e38; the one in PyTorch 2.15 only for d = inf.)
    let mut r = s.x + s.y;
    if d == f32::INFINITY {
        r = f32::INFINITY;
    }
    if -1.0 > d || d.is_nan() {
        r = f32::NAN;
    }
    if d == -1.0 {
        r = f32::NEG_INFINITY;
    }
    if d == 0.0 && d.is_sign_negative() {
        r = -0.0;
    }
    r
}

#[cfg(test)]
mod tests {
    use super::super::pinned::{X, bits};
    use super::*;

    /// The inputs of the pinned values, and SLEEF's results as `libtorch_cpu.so` (PyTorch 2.15)
    /// returns them from `Sleef_expf16_u10` and friends: bit patterns. (The port was compared
    /// once on all 2³² float32 inputs during development, no script kept: `exp`, `expm1` and
    /// `tanh` identical everywhere, `log1p` everywhere but +inf before its special case was
    /// added; these points are what the tests pin.)
    #[test]
    fn pinned_to_the_library_pytorch_ships() {
        let exp = [
            0x3d4b_ed86,
            0x3f1b_4598,
            0x3f8d_763e,
            0x402d_f854,
            0x4142_eb7f,
            0x4650_bee8,
            0x638c_881f,
            0x3f7f_be7f,
        ];
        assert_eq!(bits(expf, X), exp);
        let expm1 = [
            0xbf73_4128,
            0xbec9_74d0,
            0x3dd7_63da,
            0x3fdb_f0a9,
            0x4132_eb7f,
            0x4650_bae8,
            0x638c_881f,
            0xba83_01a9,
        ];
        assert_eq!(bits(expm1f, X), expm1);
        let log1p_of_abs = [
            0x3fb1_7218,
            0x3ecf_991f,
            0x3dc3_31fc,
            0x3f31_7218,
            0x3fa0_5a89,
            0x4016_7cef,
            0x407b_a308,
            0x3a83_01ab,
        ];
        assert_eq!(bits(log1pf, X.map(f32::abs)), log1p_of_abs);
        let tanh = [
            0xbf7e_bbe9,
            0xbeec_9a9f,
            0x3dcc_1ebc,
            0x3f42_f7d6,
            0x3f7c_92c1,
            0x3f80_0000,
            0x3f80_0000,
            0xba83_126c,
        ];
        assert_eq!(bits(tanhf, X), tanh);
    }

    #[test]
    fn special_values() {
        assert_eq!(expf(f32::NEG_INFINITY), 0.0);
        assert_eq!(expf(-105.0), 0.0);
        assert_eq!(expf(101.0), f32::INFINITY);
        assert!(expf(f32::NAN).is_nan());
        assert_eq!(expm1f(-20.0), -1.0);
        assert!(expm1f(-0.0).is_sign_negative());
        assert_eq!(log1pf(f32::INFINITY), f32::INFINITY);
        assert_eq!(log1pf(-1.0), f32::NEG_INFINITY);
        assert!(log1pf(-2.0).is_nan());
        // the vldexp2 step: finite and accurate right up to f32::MAX
        assert!((log1pf(f32::MAX) - 88.722_84).abs() < 1e-4);
        assert_eq!(tanhf(-9.0), -1.0);
        assert!(tanhf(-0.0).is_sign_negative());
    }
}
