//! Intel SVML's float32 `log1p`, `expm1`, `exp` and `pow`, as NumPy 2.4 calls them on AVX-512.
//!
//! Intel SVML's float32 `log1p`, `expm1`, `exp` and `pow` (`__svml_log1pf16`,
//! `__svml_expm1f16`, `__svml_expf16`, `__svml_powf16`, the "la" variants), which NumPy 2.4
//! calls on AVX-512 machines
//! (`numpy/_core/src/umath/loops_umath_fp.dispatch.c.src`): `np.log1p` and `np.expm1` on float32
//! arrays (and `np.power`, so `x**3`), and `np.exp`, `np.log1p`, `np.expm1` on float16 arrays
//! (its half loops convert to float32, call SVML and round the result to float16), one lane at
//! a time.
//!
//! Transcribed from NumPy's vendored SVML, `linux/avx512/svml_z0_log1p_s_la.s`,
//! `svml_z0_expm1_s_la.s`, `svml_z0_exp_s_la.s` and `svml_z0_pow_s_la.s` (github.com/numpy/SVML): every vector
//! instruction of the main path in order, `{rn-sae}` operations rounded once (`{rz-sae}` toward
//! zero), FMAs fused; the constants are the `.long` entries of the data tables at the offsets the
//! code loads. Lanes the main path sends to the scalar "rare" callout are handled as that callout
//! does (see each function). Compared once with NumPy 2.4.6 on all 2³² float32 inputs during
//! development; the tests pin the listed points, and kernel/tests/frameworks.rs the grids.

use super::fma;
use super::x86::{getexp, getmant, horner, scalef};

fn bits(v: f32) -> u32 {
    v.to_bits()
}

fn float(b: u32) -> f32 {
    f32::from_bits(b)
}

// --- log1p ---------------------------------------------------------------------------------

/// The polynomial of ln(1 + r) / r − 1, highest degree first (data offsets 2496 … 2048).
const LOG1P_POLY: [u32; 8] = [
    0x3e0d_84ed,
    0xbe1a_d9e3,
    0x3e0f_cb12,
    0xbe28_ad37,
    0x3e4c_e190,
    0xbe80_058e,
    0x3eaa_aa94,
    0xbf00_0000,
];
/// 2/3 (offset 2688): the mantissa is reduced to [2/3, 4/3).
const TWO_THIRDS: u32 = 0x3f2a_aaab;
const LN2: u32 = 0x3f31_7218;

/// `np.log1p` on float32 (and inside float16): `__svml_log1pf16`.
pub(super) fn log1p(x: f32) -> f32 {
    let one = 1.0_f32;
    // 1 + x as a high part and a low part (vmaxps/vminps: x when unordered).
    let big = if one > x { one } else { x };
    let small = if one < x { one } else { x };
    let sum = big + small;
    let low = (big - sum) + small;
    let sum_bits = bits(sum);
    // Range check (vpcmpd on bits + 2^24 >= 3·2^23): positive normal 1 + x below 2^127.
    let checked = (sum_bits.wrapping_add(0x0100_0000) as i32) >= 0x0180_0000;
    if !checked {
        return rare_log1p(x, sum);
    }
    // k: the exponent of (1 + x) / (2/3); m: the mantissa reduced to [2/3, 4/3).
    let reduced = sum_bits.wrapping_sub(TWO_THIRDS);
    let k = (reduced as i32) >> 23;
    let scale = float(bits(one).wrapping_sub((k << 23) as u32)); // 2^-k
    let m = float((reduced & 0x007f_ffff).wrapping_add(TWO_THIRDS));
    let r = low * scale + (m - one);
    let p = horner(r, &LOG1P_POLY.map(float));
    let q = fma(r, p * r, r);
    let result = fma(float(LN2), k as f32, q);
    float(bits(result) | (bits(x) & 0x8000_0000))
}

/// The callout for the lanes the vector code does not handle: 1 + x not a positive normal
/// number below 2^127. Results as `__svml_slog1p_cout_rare_internal` gives them for inputs
/// that are NaN, infinite, ≤ −1, or ≥ 2^127 − 1.
fn rare_log1p(x: f32, sum: f32) -> f32 {
    if x.is_nan() || sum < 0.0 || x == f32::NEG_INFINITY {
        f32::NAN
    } else if sum == 0.0 {
        f32::NEG_INFINITY
    } else {
        // +inf, and the finite 1 + x ≥ 2^127, where the callout's own table-driven log is
        // within an ulp of the correctly rounded value (used here).
        (f64::from(x)).ln_1p() as f32
    }
}

// --- expm1 ---------------------------------------------------------------------------------

/// 2^(j/32), high parts (offset 0) and low parts (offset 128).
const EXPM1_TH: [u32; 32] = [
    1_065_353_216,
    1_065_536_903,
    1_065_724_611,
    1_065_916_431,
    1_066_112_450,
    1_066_312_762,
    1_066_517_459,
    1_066_726_640,
    1_066_940_400,
    1_067_158_842,
    1_067_382_066,
    1_067_610_179,
    1_067_843_287,
    1_068_081_499,
    1_068_324_927,
    1_068_573_686,
    1_068_827_891,
    1_069_087_663,
    1_069_353_124,
    1_069_624_397,
    1_069_901_610,
    1_070_184_894,
    1_070_474_380,
    1_070_770_206,
    1_071_072_509,
    1_071_381_432,
    1_071_697_119,
    1_072_019_719,
    1_072_349_383,
    1_072_686_266,
    1_073_030_525,
    1_073_382_323,
];
const EXPM1_TL: [u32; 32] = [
    0,
    3_007_986_186,
    860_277_610,
    3_010_384_254,
    2_991_457_809,
    3_008_462_297,
    860_562_562,
    3_004_532_446,
    856_238_081,
    3_001_480_295,
    857_441_778,
    815_380_209,
    3_003_456_168,
    3_001_196_762,
    2_986_372_182,
    3_006_683_458,
    848_495_278,
    851_809_756,
    3_003_311_522,
    2_995_654_817,
    833_868_005,
    3_004_843_819,
    835_836_658,
    3_003_498_340,
    2_994_528_642,
    3_002_229_827,
    2_981_408_986,
    2_983_889_551,
    2_983_366_846,
    3_000_350_873,
    833_659_207,
    2_987_748_092,
];
const LOG2E: u32 = 0x3fb8_aa3b;
/// 1.5 · 2^18: adding it rounds x·log2(e) to 5 fractional bits.
const SHIFTER: u32 = 0x48c0_0000;
const LN2_LOW: u32 = 0xb102_e308;
/// From here on the callout computes e^x itself.
const EXPM1_RARE: u32 = 0x42ad_496b;

/// `np.expm1` on float32 (and inside float16): `__svml_expm1f16`.
pub(super) fn expm1(x: f32) -> f32 {
    if x >= float(EXPM1_RARE) {
        return rare_expm1(x);
    }
    let z = fma(x, float(LOG2E), float(SHIFTER));
    let z0 = z - float(SHIFTER);
    let j = (bits(z) & 31) as usize;
    let r = fma(-z0, float(LN2), x);
    let th = scalef(float(EXPM1_TH[j]), z0);
    let r = fma(-float(LN2_LOW), z0, r);
    // Keep |R| < 2 even for special inputs.
    let r = float(bits(r) & 0xbfff_ffff);
    let th_minus_one = th - 1.0;
    let r2 = r * r;
    let p = horner(r, &[float(0x3e2a_abf3), float(0x3f00_00f6)]);
    let p = fma(r2, p, float(EXPM1_TL[j]));
    let s = r + p;
    let result = fma(s, th, th_minus_one);
    float(bits(result) | (bits(x) & 0x8000_0000))
}

/// `__svml_sexpm1_cout_rare_internal` for x ≥ 86.64 (and +inf, NaN): e^x in scalar SSE
/// arithmetic (e^x − 1 = e^x there), inf past 88.72.
fn rare_expm1(x: f32) -> f32 {
    if x.is_nan() || x == f32::INFINITY {
        return x * x;
    }
    if x > float(0x42b1_7217) {
        return f32::INFINITY;
    }
    let t = x * float(LOG2E) + float(0x4b40_0000);
    let n = t - float(0x4b40_0000);
    let r = (x - n * float(0x3f31_7200)) - n * float(0x35bf_be8e);
    let mut p = r * float(0x3c09_50ef) + float(0x3d2b_b1b6);
    p = p * r + float(0x3e2a_a9c6);
    p = p * r + float(0x3eff_fe85);
    p = (p * r + float(0x3f80_0001)) * r;
    let y = p + float(0x3f80_0001);
    float(bits(y).wrapping_add(bits(t) << 23))
}

// --- exp -----------------------------------------------------------------------------------

/// 2^(j/1024), j = 0 … 31 (offset 0), and 2^(j/32) (offset 128): e^x = 2^N · Th · Tl · (1 + r).
const EXP_TL: [u32; 32] = [
    1_065_353_217,
    1_065_358_897,
    1_065_364_581,
    1_065_370_269,
    1_065_375_961,
    1_065_381_656,
    1_065_387_356,
    1_065_393_059,
    1_065_398_766,
    1_065_404_477,
    1_065_410_192,
    1_065_415_911,
    1_065_421_634,
    1_065_427_360,
    1_065_433_091,
    1_065_438_825,
    1_065_444_563,
    1_065_450_305,
    1_065_456_051,
    1_065_461_801,
    1_065_467_554,
    1_065_473_312,
    1_065_479_074,
    1_065_484_839,
    1_065_490_608,
    1_065_496_381,
    1_065_502_159,
    1_065_507_940,
    1_065_513_725,
    1_065_519_513,
    1_065_525_306,
    1_065_531_103,
];
/// 1.5 · 2^13 (offset 320): adding it keeps 10 fractional bits of x·log2(e).
const EXP_SHIFTER: u32 = 0x4640_0000;
/// |x| from which the callout takes over (offset 640): 87.3365.
const EXP_RARE: u32 = 0x42ae_ac4f;

/// `np.exp` inside float16 (`__svml_expf16`): 2^N · 2^(j/32) · 2^(k/1024) · (1 + r).
pub(super) fn exp(x: f32) -> f32 {
    if x.is_nan() || x.abs() >= float(EXP_RARE) {
        // The callout: e^x there is past f32's range or subnormal (0 or inf once rounded to
        // float16, the only format that calls this); taken correctly rounded.
        return f64::from(x).exp() as f32;
    }
    let z = fma_directed(x, float(LOG2E), float(EXP_SHIFTER), Direction::TowardZero);
    let n = z - float(EXP_SHIFTER);
    let tl = float(EXP_TL[(bits(z) & 31) as usize]);
    let th = float(EXPM1_TH[((bits(z) >> 5) & 31) as usize]);
    let r = fma(-n, float(LN2), x);
    let t = if x == 0.0 { th } else { th * tl };
    let r = fma(-float(LN2_LOW), n, r);
    // vrangeps: sign(r) · min(|r|, 0.5)
    let r = r.abs().min(0.5).copysign(r);
    scalef(fma(r, t, t), n)
}

// --- pow -----------------------------------------------------------------------------------

/// Rounding toward zero or down, as `{rz-sae}` and `{rd-sae}` ask.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Direction {
    TowardZero,
    Down,
}

/// The exact `s + e` (with `|e|` at most half an ulp of `s`, as two-sum leaves it) rounded to
/// f32 in `direction`.
fn directed(s: f64, e: f64, direction: Direction) -> f32 {
    let mut t = s as f32;
    if t.is_infinite() {
        return if direction == Direction::TowardZero || s > 0.0 {
            f32::MAX.copysign(s as f32)
        } else {
            t
        };
    }
    // the exact value minus t: its sign says on which side of t the exact value lies
    let d = (s - f64::from(t)) + e;
    match direction {
        Direction::TowardZero if t > 0.0 && d < 0.0 => t = t.next_down(),
        Direction::TowardZero if t < 0.0 && d > 0.0 => t = t.next_up(),
        Direction::Down if d < 0.0 => t = t.next_down(),
        _ => {}
    }
    t
}

/// Knuth's two-sum: `a + b = s + e` exactly.
fn two_sum(a: f64, b: f64) -> (f64, f64) {
    let s = a + b;
    let bp = s - a;
    (s, (a - (s - bp)) + (b - bp))
}

/// `a·b + c` rounded once in `direction` (a·b of two f32 is exact in f64).
fn fma_directed(a: f32, b: f32, c: f32, direction: Direction) -> f32 {
    let (s, e) = two_sum(f64::from(a) * f64::from(b), f64::from(c));
    directed(s, e, direction)
}

/// −log2 of the 32 reciprocals, high parts (offset 0) and low parts (offset 128).
const LOG2_TH: [u32; 32] = [
    0,
    3_174_420_480,
    3_182_632_960,
    3_187_958_784,
    3_190_685_696,
    3_193_338_880,
    3_195_920_384,
    3_197_247_488,
    3_198_473_216,
    3_199_668_736,
    3_200_835_072,
    3_201_974_272,
    3_203_086_848,
    3_204_174_848,
    3_204_843_520,
    3_205_364_224,
    1_054_113_792,
    1_053_115_392,
    1_052_137_472,
    1_051_179_008,
    1_050_238_976,
    1_049_316_864,
    1_048_248_320,
    1_046_471_680,
    1_044_726_784,
    1_043_013_632,
    1_041_329_152,
    1_039_161_344,
    1_035_907_072,
    1_032_706_048,
    1_027_317_760,
    1_018_830_848,
];
const LOG2_TL: [u32; 32] = [
    0,
    3_067_311_503,
    890_262_383,
    916_311_190,
    3_058_814_943,
    914_835_756,
    3_056_977_939,
    3_052_757_441,
    905_348_701,
    921_801_496,
    900_652_061,
    916_473_404,
    3_063_873_943,
    3_048_020_321,
    3_055_557_319,
    921_573_027,
    3_050_426_335,
    918_574_590,
    913_737_309,
    3_045_697_063,
    3_029_223_305,
    866_568_163,
    3_063_765_991,
    3_057_827_840,
    910_185_982,
    3_062_847_489,
    917_965_485,
    903_301_016,
    882_039_287,
    910_858_241,
    3_059_117_133,
    3_029_061_382,
];
/// 2^(j/16) (offset 256).
const EXP2_T: [u32; 16] = [
    1_065_353_216,
    1_065_724_611,
    1_066_112_450,
    1_066_517_459,
    1_066_940_400,
    1_067_382_066,
    1_067_843_287,
    1_068_324_927,
    1_068_827_891,
    1_069_353_124,
    1_069_901_610,
    1_070_474_380,
    1_071_072_509,
    1_071_697_119,
    1_072_349_383,
    1_073_030_525,
];

/// `__svml_powf16`'s main path, for a positive finite `x`; `None` where `|y·log2 x|` passes
/// 125.5, which the scalar callout handles (see [`cube`]). `vrcp14ps`, whose 14-bit approximation is rounded to 5
/// fractional bits, is taken as the exact reciprocal so rounded (the same but within 2⁻¹⁴ of a
/// 1/64 midpoint; measured: no difference on 8 million inputs).
fn pow_main(x: f32, y: f32) -> Option<f32> {
    // vgetmantps $10 (to [0.5, 1)) and vgetexpps
    let (m, mut exponent) = (getmant(x), getexp(x));
    let reciprocal = ((1.0 / f64::from(m)) as f32 * 32.0).round_ties_even() / 32.0;
    let r = fma(reciprocal, m, -1.0);
    if reciprocal < 1.5 {
        exponent += 1.0;
    }
    let index = ((bits(reciprocal) >> 18) & 31) as usize;
    let poly_low = horner(
        r,
        &[
            0x3e93_c705,
            0xbeb8_b3ed,
            0x3ef6_384f,
            0xbf38_aa3b,
            0x32a5_70cc,
        ]
        .map(float),
    );
    let th_exponent = float(LOG2_TH[index]) + exponent;
    let c1h = float(LOG2E);
    let high1 = fma(c1h, r, th_exponent);
    let t = fma(poly_low, r, float(LOG2_TL[index]));
    let r_c1h_high = high1 - th_exponent;
    let high = high1 + t;
    let r_c1h_low = fma(c1h, r, -r_c1h_high);
    // y·log2(x) as z + zl, rounded toward zero
    let y_high = directed(f64::from(y) * f64::from(high), 0.0, Direction::TowardZero);
    let t_low = t - (high - high1);
    let y_high_low = fma_directed(y, high, -y_high, Direction::TowardZero);
    let zl = fma_directed(y, t_low + r_c1h_low, y_high_low, Direction::TowardZero);
    let (s, e) = two_sum(f64::from(y_high), f64::from(zl));
    let z = directed(s, e, Direction::TowardZero);
    if z.is_nan() || z.abs() > 125.5 {
        return None; // the callout's (2^z past f32's normal range)
    }
    let correction = zl - (z - y_high);
    // 2^z: 2^floor(z) · 2^(j/16) · 2^r, the shifter 1.5·2^19 + 127 rounded down
    let (s, e) = two_sum(f64::from(z), f64::from(float(0x4940_07f0)));
    let shifted = directed(s, e, Direction::Down);
    // vreduceps $65: z − floor(16 z)/16, truncated (measured)
    let floor = f64::from((z * 16.0).floor() / 16.0);
    let reduced = directed(f64::from(z) - floor, 0.0, Direction::TowardZero);
    let power = float(EXP2_T[(bits(shifted) & 15) as usize]);
    let scale = float((bits(shifted) << 19) & 0x7f80_0000);
    let r = float(bits(reduced + correction) & 0xbfff_ffff);
    let r_power = r * power;
    let q = horner(r, &[0x3d68_54cb, 0x3e75_f16c, 0x3f31_7222].map(float));
    Some(scale * fma(r_power, q, power))
}

/// `np.power(x, 3)` on float32 (`x**3`): `__svml_powf16`. Positive x with x³ in f32's normal
/// range take its main path, emulated; the rest (negative x, 0, the tails, inf, NaN) its scalar
/// callout, which is taken as the correctly rounded x³ (it is that on 99.9 % of negative inputs,
/// else an ulp away; measured).
pub(super) fn cube(x: f32) -> f32 {
    if let Some(v) = (x > 0.0 && x.is_finite())
        .then(|| pow_main(x, 3.0))
        .flatten()
    {
        v
    } else {
        // x³ rounded once: x² is exact in f64, the product's rounding error e exact by an FMA
        let x = f64::from(x);
        let p = x * x * x;
        let e = (x * x).mul_add(x, -p);
        let t = p as f32;
        let diff = p - f64::from(t);
        let other = if diff > 0.0 {
            t.next_up()
        } else {
            t.next_down()
        };
        let midpoint = diff.abs() * 2.0 == (f64::from(other) - f64::from(t)).abs();
        if t.is_finite() && e != 0.0 && diff != 0.0 && midpoint {
            // p is a midpoint only because it was rounded: the exact p + e decides
            let (lower, upper) = if diff > 0.0 { (t, other) } else { (other, t) };
            if e > 0.0 { upper } else { lower }
        } else {
            t
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::pinned::X;
    use super::*;

    /// Inputs and NumPy 2.4.6's `np.log1p` / `np.expm1` on float32 (SVML on AVX-512), as bits.
    /// The port was compared once with NumPy on all 2³² float32 inputs during development (no
    /// script kept); these points are what the tests pin.
    #[test]
    fn pinned_to_numpy() {
        let log1p_of_abs = [
            0x3fb1_7218,
            0x3ecf_9920,
            0x3dc3_31fc,
            0x3f31_7218,
            0x3fa0_5a8a,
            0x4016_7cef,
            0x407b_a308,
            0x3a83_01ab,
        ];
        assert_eq!(X.map(|x| log1p(x.abs()).to_bits()), log1p_of_abs);
        let expm1_bits = [
            0xbf73_4127,
            0xbec9_74d0,
            0x3dd7_63da,
            0x3fdb_f0a9,
            0x4132_eb7f,
            0x4650_bae8,
            0x638c_881f,
            0xba83_01a9,
        ];
        assert_eq!(X.map(|x| expm1(x).to_bits()), expm1_bits);
    }

    #[test]
    fn cube_is_svml_pow_on_its_main_path() {
        // np.power(x, 3) on float32 (NumPy 2.4.6), bits: the main path (identical on all
        // 701 million positive inputs with x³ in f32's normal range), and a negative x (the
        // callout, taken correctly rounded)
        let x = [0.998_893_8_f32, 1.112_4, 5.201_469, -5.175_975];
        let numpy = [0x3f7f_26c0, 0x3fb0_31dc, 0x430c_ba2a, 0xc30a_ab07];
        assert_eq!(x.map(|x| cube(x).to_bits()), numpy);
        assert_eq!(cube(0.0), 0.0);
        assert_eq!(cube(1e13), f32::INFINITY);
        assert!(cube(f32::NAN).is_nan());
    }

    #[test]
    fn special_values() {
        assert_eq!(log1p(-1.0), f32::NEG_INFINITY);
        assert!(log1p(-1.5).is_nan() && log1p(f32::NAN).is_nan());
        assert_eq!(log1p(f32::INFINITY), f32::INFINITY);
        assert!(log1p(-0.0).is_sign_negative());
        assert_eq!(expm1(f32::NEG_INFINITY), -1.0);
        assert_eq!(expm1(-30.0), -1.0);
        assert_eq!(expm1(89.0), f32::INFINITY);
        assert!(expm1(87.0) > 6e37, "the callout's e^x");
        assert!(expm1(-0.0).is_sign_negative());
    }

    #[test]
    fn exp_inside_float16() {
        // NumPy 2.4.6's np.exp on float16: SVML's float32 exp rounded to float16 (bits).
        let x = [-3.0_f32, -0.024_597_168, 0.1, 1.0, 2.5, 10.0];
        let f16_bits = [0x2a5f, 0x3bce, 0x3c6c, 0x4170, 0x4a17, 0x7561];
        for (x, expected) in x.into_iter().zip(f16_bits) {
            let got = half::f16::from_f32(exp(x)).to_bits();
            assert_eq!(got, expected, "{x}");
        }
        assert_eq!(exp(0.0), 1.0);
        // past |x| = 87.34 the callout: a subnormal or 0, inf (0 and inf in float16)
        assert!(exp(-100.0) < 1e-43 && exp(-110.0) == 0.0);
        assert_eq!(exp(89.0), f32::INFINITY);
        // toward zero: x·log2 e + 1.5·2^13 truncated, never rounded up
        let toward_zero = Direction::TowardZero;
        assert_eq!(fma_directed(1.0, 1.0, 2f32.powi(-30), toward_zero), 1.0);
        assert_eq!(
            fma_directed(-1.0, 1.0, -(2f32.powi(-30)), toward_zero),
            -1.0
        );
        assert_eq!(fma_directed(1.0, 1.0, 2f32.powi(-30), Direction::Down), 1.0);
        assert_eq!(
            fma_directed(1.0, 1.0, -(2f32.powi(-30)), Direction::Down),
            1.0f32.next_down()
        );
    }
}
