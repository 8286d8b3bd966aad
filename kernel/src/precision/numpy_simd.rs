//! NumPy's own float32 `exp`, `log` and `tanh` (its AVX-512 SIMD code), emulated bit for bit.
//!
//! NumPy's own float32 `exp`, `log` and `tanh`, as NumPy 2.4 runs them on an AVX-512 machine,
//! one lane at a time (every FMA fused, every other operation rounded to f32).
//!
//! - `exp` and `log`: `simd_exp_FLOAT` / `simd_log_FLOAT`, the `AVX512F` instantiation in
//!   `numpy/_core/src/umath/loops_exponent_log.dispatch.c.src` (Cody–Waite reduction and a
//!   rational Remez approximation; `vscalefps` and `vgetexpps`/`vgetmantps` for the exponent);
//!   constants from `numpy/_core/include/numpy/npy_math.h` (`NPY_COEFF_*`).
//! - `tanh`: `simd_tanh_f32` in `numpy/_core/src/umath/loops_hyperbolic.dispatch.cpp.src` (a
//!   port of SVML's `svml_z0_tanh_s_la.s`: 32 intervals of |x|, a degree-6 polynomial in
//!   `|x| - b` on each, ±1 from |x| = 10).
//!
//! Compared once with NumPy 2.4.6 on all 2³² float32 inputs during development (identical);
//! the tests pin the listed points, and kernel/tests/frameworks.rs the grids.

// The constants are written digit for digit as in the sources transcribed, so they can be
// checked against them; Rust rounds each literal to its type correctly, as the C compilers do.
#![allow(clippy::excessive_precision)]

use super::fma;
use super::x86::{getexp, getmant, horner, scalef};

// --- exp -----------------------------------------------------------------------------------

/// `NPY_LOG2Ef`, 1.442695040888963407359924681001892137f.
const LOG2E: f32 = std::f32::consts::LOG2_E;
const RINT_MAGIC: f32 = 12_582_912.0; // 0x1.8p23
const CODY_WAITE_LN2_HIGH: f32 = -6.931_457_52e-1_f32;
const CODY_WAITE_LN2_LOW: f32 = -1.428_606_77e-6_f32;
/// `NPY_COEFF_P5_EXPf` … `P0`, and `Q2` … `Q0` below: highest degree first.
const EXP_P: [f32; 6] = [
    5.082_762_527_590_693_718_096e-4,
    6.757_896_990_527_504_603_057e-3,
    5.114_512_081_637_298_353_406e-2,
    2.473_615_434_895_520_810_817e-1,
    7.257_664_613_233_124_478_488e-1,
    9.999_999_999_980_870_924_916e-1,
];
const EXP_Q: [f32; 3] = [
    2.159_509_375_685_829_852_307e-2,
    -2.742_335_390_411_667_452_936e-1,
    1.0,
];
const EXP_MAX: f32 = 88.722_839_355_468_75;
const EXP_MIN: f32 = -103.972_084_045_410_156_25;

/// `np.exp` on float32.
pub(super) fn exp(x: f32) -> f32 {
    if x.is_nan() {
        return f32::NAN;
    }
    if x >= EXP_MAX {
        return f32::INFINITY;
    }
    if x <= EXP_MIN {
        return 0.0;
    }
    let quadrant = (x * LOG2E + RINT_MAGIC) - RINT_MAGIC;
    let mut r = fma(quadrant, CODY_WAITE_LN2_HIGH, x);
    r = fma(quadrant, CODY_WAITE_LN2_LOW, r);
    r = fma(quadrant, 0.0, r);
    scalef(horner(r, &EXP_P) / horner(r, &EXP_Q), quadrant)
}

// --- log -----------------------------------------------------------------------------------

/// `NPY_COEFF_P5_LOGf` … `P0`, and `Q5` … `Q0` below: highest degree first.
const LOG_P: [f32; 6] = [
    2.589_979_117_907_922_693_523e-2,
    3.808_837_741_388_407_920_751e-1,
    1.480_000_633_576_506_585_156,
    2.112_677_543_073_053_063_722,
    9.999_999_999_999_998_702_752e-1,
    0.0,
];
const LOG_Q: [f32; 6] = [
    5.875_095_403_124_574_342_950e-3,
    1.546_476_374_983_906_719_538e-1,
    9.864_942_958_519_418_960_339e-1,
    2.453_006_071_784_736_363_091,
    2.612_677_543_073_109_236_779,
    1.0,
];
/// `NPY_LOGE2f`, 0.693147180559945309417232121458176568f.
const LN2: f32 = std::f32::consts::LN_2;
/// `NPY_SQRT1_2f`, 0.707106781186547524400844362104849039f.
const SQRT1_2: f32 = std::f32::consts::FRAC_1_SQRT_2;

/// `np.log` on float32.
pub(super) fn log(x: f32) -> f32 {
    if x.is_nan() {
        return f32::NAN;
    }
    if x < 0.0 {
        return -f32::NAN;
    }
    if x == 0.0 {
        return f32::NEG_INFINITY;
    }
    if x == f32::INFINITY {
        return f32::INFINITY;
    }
    // x = m · 2^e with m in [0.5, 1): AVX512F_get_exponent adds 1 to vgetexpps's floor(log2 x)
    let (mut m, mut e) = (getmant(x), getexp(x) + 1.0);
    if m <= SQRT1_2 {
        m += m;
        e -= 1.0;
    }
    let r = m - 1.0;
    fma(e, LN2, horner(r, &LOG_P) / horner(r, &LOG_Q))
}

// --- tanh ----------------------------------------------------------------------------------

/// Per interval of |x|: c6, c5, c4, c3, c2, c1, c0 and b (bit patterns), from
/// `loops_hyperbolic.dispatch.cpp.src` (`lut8x32`).
#[rustfmt::skip]
const TANH_TABLE: [[u32; 8]; 32] = [
    [0xbc0e_2f66, 0x3e09_10e9, 0xb76d_d6b9, 0xbeaa_aaa5, 0xb034_3c7b, 0x3f80_0000, 0, 0],
    [0x460b_da12, 0x4376_1143, 0xbe1c_276d, 0xbeab_0612, 0xbd6e_e69d, 0x3f7f_1f84, 0x3d6f_b9c9, 0x3d70_0000],
    [0x43d6_38ef, 0x4165_ecdc, 0x3c1d_cf2f, 0xbea7_f01f, 0xbd8f_0da7, 0x3f7e_bd11, 0x3d8f_c35f, 0x3d90_0000],
    [0xc3e1_1c3e, 0xc190_f756, 0x3dc1_a78d, 0xbea4_e120, 0xbdae_477d, 0x3f7e_1e5f, 0x3daf_9169, 0x3db0_0000],
    [0xc2ba_a4e9, 0xc08c_097d, 0x3d96_f985, 0xbea3_87b7, 0xbdcd_2a1f, 0x3f7d_609f, 0x3dcf_49ab, 0x3dd0_0000],
    [0xc249_da2d, 0xc02b_a813, 0x3da2_b61b, 0xbea1_5962, 0xbdeb_a80d, 0x3f7c_842d, 0x3dee_e849, 0x3df0_0000],
    [0xc185_9b82, 0xbf7f_6bda, 0x3dc1_3397, 0xbe9d_57f7, 0xbe0c_443b, 0x3f7b_00e5, 0x3e0f_0ee8, 0x3e10_0000],
    [0x40dd_5b57, 0x3f2b_1dc0, 0x3dd2_f670, 0xbe97_6b5a, 0xbe29_3cf3, 0x3f78_9580, 0x3e2e_4984, 0x3e30_0000],
    [0x4049_4640, 0x3ece_105d, 0x3df4_8a0a, 0xbe90_230d, 0xbe44_f282, 0x3f75_b8ad, 0x3e4d_2f8e, 0x3e50_0000],
    [0x40c7_30a8, 0x3f42_6a94, 0x3e06_c5a8, 0xbe88_0dff, 0xbe5f_3651, 0x3f72_6fd9, 0x3e6b_b32e, 0x3e70_0000],
    [0xbf0f_160e, 0xbadb_0dc4, 0x3e1a_3aba, 0xbe74_79b3, 0xbe81_c7c0, 0x3f6c_c59b, 0x3e8c_51cd, 0x3e90_0000],
    [0x3e30_e76f, 0x3da4_3b17, 0x3e27_c405, 0xbe4c_3d88, 0xbe96_d7ca, 0x3f63_fb92, 0x3ea9_6163, 0x3eb0_0000],
    [0xbea8_1387, 0xbd51_ab88, 0x3e2e_78d0, 0xbe21_2482, 0xbea7_fb8e, 0x3f59_ff97, 0x3ec5_43f1, 0x3ed0_0000],
    [0xbdb2_6a1c, 0xbcae_a23d, 0x3e2c_3e44, 0xbdeb_8cba, 0xbeb5_0e9e, 0x3f4f_11d7, 0x3edf_d735, 0x3ef0_0000],
    [0xbd35_1e57, 0xbd3b_6d8d, 0x3e1d_3097, 0xbd5e_78ad, 0xbec1_2efe, 0x3f3d_7573, 0x3f02_8438, 0x3f10_0000],
    [0xbb4c_01a0, 0xbd6c_aaad, 0x3df4_a8f4, 0x3c6b_5e6e, 0xbec4_be92, 0x3f24_f360, 0x3f18_abf0, 0x3f30_0000],
    [0x3c1d_7bfb, 0xbd79_5bed, 0x3da3_8508, 0x3d83_9143, 0xbebc_e070, 0x3f0c_bfe7, 0x3f2b_c480, 0x3f50_0000],
    [0x3c72_2cd1, 0xbd5f_ddda, 0x3d31_416a, 0x3dc2_1ee1, 0xbead_510e, 0x3eec_1a69, 0x3f3b_ec1c, 0x3f70_0000],
    [0x3c97_3f1c, 0xbd03_8f3b, 0x3b56_2657, 0x3de3_47af, 0xbe8e_f7d6, 0x3eb0_a801, 0x3f4f_2e5b, 0x3f90_0000],
    [0x3c33_a31b, 0xbc1c_ad63, 0xbcae_eac9, 0x3dcb_ec96, 0xbe4b_8704, 0x3e67_53a2, 0x3f61_3c53, 0x3fb0_0000],
    [0x3b86_2ef4, 0x3abb_4766, 0xbcce_9419, 0x3d99_ef2d, 0xbe08_3237, 0x3e13_2f1a, 0x3f6c_e37d, 0x3fd0_0000],
    [0x3a27_b3d0, 0x3b95_f10b, 0xbcaa_eac4, 0x3d54_2ea1, 0xbdaf_7449, 0x3db7_e7d3, 0x3f74_3c4f, 0x3ff0_0000],
    [0xba3b_5907, 0x3b82_5873, 0xbc49_e7d0, 0x3cdd_e701, 0xbd2e_1ec4, 0x3d32_0845, 0x3f7a_5feb, 0x4010_0000],
    [0xba0e_fc22, 0x3afa_ea66, 0xbba7_1ddd, 0x3c2c_ca67, 0xbc83_bf06, 0x3c84_d3d4, 0x3f7d_ea85, 0x4030_0000],
    [0xb97f_9f0f, 0x3a49_f878, 0xbb00_3b0e, 0x3b81_cb27, 0xbbc3_e0b5, 0x3bc4_77b7, 0x3f7f_3b3d, 0x4050_0000],
    [0xb8c8_af50, 0x3999_6bf3, 0xba3f_9a05, 0x3ac0_73a1, 0xbb10_aadc, 0x3b10_d3da, 0x3f7f_b78c, 0x4070_0000],
    [0xb7bd_ddfb, 0x388f_3e6c, 0xb92c_08a7, 0x39ac_3032, 0xba01_57db, 0x3a01_601e, 0x3f7f_efd4, 0x4090_0000],
    [0xb64f_2950, 0x371b_b0e3, 0xb7ba_9232, 0x383a_94d9, 0xb88c_18f2, 0x388c_1a3b, 0x3f7f_fdd0, 0x40b0_0000],
    [0xb4e0_85b1, 0x35a8_a5e6, 0xb64a_0b0f, 0x36ca_081d, 0xb717_b096, 0x3717_b0da, 0x3f7f_ffb4, 0x40d0_0000],
    [0xb373_1dfa, 0x3436_9b17, 0xb4da_c169, 0x355a_bd4c, 0xb5a4_3bae, 0x35a4_3bce, 0x3f7f_fff6, 0x40f0_0000],
    [0xb15a_1f04, 0x3224_87b0, 0xb2ab_78ac, 0x332b_3cb6, 0xb383_012c, 0x3383_06c6, 0x3f7f_ffff, 0x4110_0000],
    [0, 0, 0, 0, 0, 0, 0x3f80_0000, 0],
];

/// `np.tanh` on float32.
pub(super) fn tanh(x: f32) -> f32 {
    if x.is_nan() {
        return f32::NAN;
    }
    let bits = x.to_bits();
    let masked = (bits & 0x7fe0_0000) as i32;
    if masked > 0x7f00_0000 {
        // |x| ≥ 2^127 (or inf): ±1.
        return 1.0_f32.copysign(x);
    }
    let index = ((masked - 0x3d40_0000).clamp(0, 0x03e0_0000) >> 21) as usize;
    let [c6, c5, c4, c3, c2, c1, c0, b] = TANH_TABLE[index].map(f32::from_bits);
    let y = x.abs() - b;
    let r = horner(y, &[c6, c5, c4, c3, c2, c1, c0]);
    f32::from_bits(r.to_bits() | (bits & 0x8000_0000))
}

#[cfg(test)]
mod tests {
    use super::super::pinned::{X, bits};
    use super::*;

    /// Inputs and NumPy 2.4.6's float32 results on this kind of machine (AVX-512), as bits. The
    /// port was compared once with NumPy on all 2³² float32 inputs during development
    /// (identical everywhere; no script kept); these points are what the tests pin.
    #[test]
    fn pinned_to_numpy() {
        let exp_bits = [
            0x3d4b_ed86,
            0x3f1b_4598,
            0x3f8d_763e,
            0x402d_f855,
            0x4142_eb7e,
            0x4650_bee8,
            0x638c_881f,
            0x3f7f_be7f,
        ];
        assert_eq!(bits(exp, X), exp_bits);
        let log_of_abs = [
            0x3f8c_9f54,
            0xbf31_7218,
            0xc013_5d8e,
            0,
            0x3f6a_9208,
            0x4010_152a,
            0x407a_5e96,
            0xc0dd_0c55,
        ];
        assert_eq!(bits(log, X.map(f32::abs)), log_of_abs);
        let tanh_bits = [
            0xbf7e_bbe9,
            0xbeec_9aa0,
            0x3dcc_1ebc,
            0x3f42_f7d6,
            0x3f7c_92c1,
            0x3f7f_ffff,
            0x3f80_0000,
            0xba83_126c,
        ];
        assert_eq!(bits(tanh, X), tanh_bits);
    }

    #[test]
    fn special_values() {
        // np.tanh stops at 1 - 2^-24 below |x| = 10, reaches 1 from there
        assert_eq!(tanh(9.99), 1.0 - f32::EPSILON / 2.0);
        assert_eq!(tanh(-10.0), -1.0);
        assert_eq!(exp(88.73), f32::INFINITY);
        assert_eq!(exp(-104.0), 0.0);
        assert!(exp(-103.0) > 0.0, "a subnormal, rounded once by vscalefps");
        assert_eq!(log(0.0), f32::NEG_INFINITY);
        assert!(log(-1.0).is_nan());
        assert!(
            (log(f32::from_bits(1)) + 103.279).abs() < 1e-3,
            "subnormal input"
        );
    }
}
