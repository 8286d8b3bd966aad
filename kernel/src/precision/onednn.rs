//! oneDNN's float32 GELU and its gradient, as PyTorch runs them on float32 and bfloat16 tensors.
//!
//! oneDNN's float32 GELU (erf form) on AVX-512, which PyTorch 2.15 runs for float32 and bfloat16
//! CPU tensors of more than one element (`use_mkldnn` in aten/src/ATen/native/Activation.cpp:
//! `gelu_out_cpu` and `gelu_backward_out_cpu` call `ideep::eltwise_forward/backward` with
//! `eltwise_gelu_erf`), one lane at a time.
//!
//! Transcribed from oneDNN's `src/cpu/x64/injectors/jit_uni_eltwise_injector.cpp`:
//! - forward, `gelu_erf_minimax_approx_compute_vector_fwd` (AVX-512 only): erf(x/√2) by a
//!   degree-5 polynomial in |x| on one of 24 intervals chosen from the bits of |x|, 1 past
//!   |x| = 5.5425 (`gelu_erf_rbound`); then `(x · (1 + erf)) · 0.5`;
//! - backward, `gelu_erf_compute_vector_bwd`: Abramowitz and Stegun's erf (7.1.26) with
//!   oneDNN's own `exp_compute_vector_fwd`, `0.5 + x/√(2π)·e^(−x²/2) + 0.5·erf`.
//!
//! Every `vfmadd` fused, every other instruction rounded to f32; constants are the table's bit
//! patterns (`gelu_erf_minimax_polynomial`, `exp_polynomial`, …). Checked bit for bit against
//! PyTorch 2.15 (see kernel/tests/frameworks.rs).

use super::fma;
use super::x86::horner;

/// The coefficients of degree 0 … 5 of the 25 polynomials (index 0 is never used; 23 gives 1,
/// 24 passes NaN through).
const POLYNOMIALS: [[u32; 25]; 6] = [
    [
        0xa6f2_cb94,
        0x3282_7792,
        0x3381_cc0c,
        0x3452_3d4a,
        0x351a_c44d,
        0x35f3_6d88,
        0x36ee_8229,
        0x37b8_a3bb,
        0x3867_a213,
        0x3940_033b,
        0x3a2a_5a1d,
        0x3ae3_5863,
        0x3b78_28f2,
        0x3c08_b14b,
        0x3c51_5ed3,
        0xbb50_3236,
        0xbd8d_8e5e,
        0xbe8a_bcd9,
        0xbf0c_19a2,
        0xbecc_b328,
        0x3e17_6ced,
        0x3f47_0d99,
        0x3f7a_bb28,
        0x3f80_0000,
        0,
    ],
    [
        0x3f4c_422a,
        0x3f4c_421f,
        0x3f4c_4207,
        0x3f4c_41cb,
        0x3f4c_413b,
        0x3f4c_3fad,
        0x3f4c_3a2f,
        0x3f4c_2d40,
        0x3f4c_146a,
        0x3f4b_c341,
        0x3f4a_d08c,
        0x3f48_f8cf,
        0x3f45_fac7,
        0x3f40_4e07,
        0x3f3b_980f,
        0x3f48_dff3,
        0x3f78_b21b,
        0x3fbb_0704,
        0x4001_9c32,
        0x3fe5_36d6,
        0x3f81_331e,
        0x3e6c_8684,
        0x3c98_f936,
        0,
        0x3f80_0000,
    ],
    [
        0xb621_73f4,
        0x3735_e4cf,
        0x37f2_ff89,
        0x388c_23be,
        0x3917_535c,
        0x39ab_2ab0,
        0x3a60_fadb,
        0x3af9_b960,
        0x3b6e_5491,
        0x3c0a_4ec5,
        0x3ca5_aa8c,
        0x3d21_38d9,
        0x3d87_37d4,
        0x3ddf_b660,
        0x3e0f_27ab,
        0x3d94_004b,
        0xbe0e_fdeb,
        0xbf1d_96c3,
        0xbf89_db58,
        0xbf6d_9897,
        0xbef6_9fb8,
        0xbdc4_f8a8,
        0xbbde_6422,
        0,
        0,
    ],
    [
        0xbe08_1a19,
        0xbe08_4570,
        0xbe08_639b,
        0xbe08_9837,
        0xbe08_f409,
        0xbe09_ab95,
        0xbe0b_66d0,
        0xbe0e_400a,
        0xbe12_4df8,
        0xbe1b_de02,
        0xbe2f_19c9,
        0xbe49_31bf,
        0xbe68_5fbc,
        0xbe89_c95f,
        0xbe96_cbca,
        0xbe80_44aa,
        0xbe05_50f2,
        0x3dcf_d6a1,
        0x3e94_c826,
        0x3e79_345f,
        0x3dec_ec91,
        0x3ca4_6568,
        0x3aa1_e00a,
        0,
        0,
    ],
    [
        0xba3d_61db,
        0x39f0_97a3,
        0x3a58_45dc,
        0x3ab1_fa35,
        0x3b0c_efb8,
        0x3b65_3ab6,
        0x3bca_e527,
        0x3c22_1712,
        0x3c6c_5840,
        0x3cc0_a703,
        0x3d1d_cc19,
        0x3d63_656d,
        0x3d95_5907,
        0x3dbf_9910,
        0x3dd5_3f69,
        0x3db7_dcef,
        0x3d63_9ebe,
        0xba6e_de48,
        0xbd22_be69,
        0xbd04_1cf1,
        0xbc64_f5ab,
        0xbb09_7a32,
        0xb8eb_f380,
        0,
        0,
    ],
    [
        0x3cb7_d80c,
        0x3c9b_6050,
        0x3c97_8d11,
        0x3c92_e850,
        0x3c8d_058b,
        0x3c84_8454,
        0x3c6c_d623,
        0x3c4c_824b,
        0x3c2a_7935,
        0x3be0_b390,
        0x3b06_51ac,
        0xbb23_2f53,
        0xbbd4_2fa0,
        0xbc2c_5366,
        0xbc49_2c9e,
        0xbc2a_7aa6,
        0xbbd5_5d04,
        0xba82_3a76,
        0x3b10_2aa8,
        0x3ae2_5a7e,
        0x3a31_f792,
        0x38b8_4375,
        0x3689_bb5a,
        0,
        0,
    ],
];
/// `gelu_erf_idx_bias`: added to the bits of |x| before the shift by 21.
const IDX_BIAS: u32 = 0xc21f_ffff;
/// `gelu_erf_rbound`: past it erf is 1 (polynomial 23).
const RBOUND: u32 = 0x40b1_5cee;

/// erf(x/√2) as the forward kernel computes it: the polynomial of |x|, its sign set from x.
pub(super) fn erf_of_x_over_sqrt2(x: f32) -> f32 {
    let a = x.abs();
    let shifted = (a.to_bits().wrapping_add(IDX_BIAS) as i32) >> 21;
    let mut index = shifted.clamp(1, 24) as usize;
    if f32::from_bits(RBOUND) < a {
        index = 23;
    }
    let coefficients: [f32; 6] = std::array::from_fn(|i| f32::from_bits(POLYNOMIALS[5 - i][index]));
    let p = horner(a, &coefficients);
    f32::from_bits(p.to_bits() ^ (x.to_bits() & 0x8000_0000))
}

/// GELU's forward: `(x · (1 + erf)) · 0.5`.
pub(super) fn gelu(x: f32) -> f32 {
    (x * (erf_of_x_over_sqrt2(x) + 1.0)) * 0.5
}

/// `exp_compute_vector_fwd`: e^x on [ln FLT_MIN, ln FLT_MAX] (0 below), `2·2^(n−1)·p(r)`.
fn exp(x: f32) -> f32 {
    let low = f32::from_bits(0xc2ae_ac50);
    let below = x < low;
    let x = x.min(f32::from_bits(0x42b1_7218)).max(low);
    let n = (x * f32::from_bits(0x3fb8_aa3b) + 0.5).floor();
    let r = fma(-n, f32::from_bits(0x3f31_7218), x);
    let power = if below {
        0.0
    } else {
        f32::from_bits((((n - 1.0) as i32 + 127) as u32) << 23)
    };
    // exp_polynomial's degrees 5 … 1, then 1
    let coefficients = [
        0x3c07_cfce,
        0x3d2b_9d0d,
        0x3e2a_ad40,
        0x3eff_fee3,
        0x3f7f_fffb,
    ];
    let p = fma(horner(r, &coefficients.map(f32::from_bits)), r, 1.0);
    (p * power) * 2.0
}

/// GELU's derivative, `gelu_erf_compute_vector_bwd` (times `diff_dst = 1`).
pub(super) fn gelu_derivative(s: f32) -> f32 {
    let x = s * f32::from_bits(0x3f35_04f3); // 1/√2
    let q = exp(-(x * x));
    let t = (x * f32::from_bits(0x3f10_6eba)) * q; // x/√π · e^(−x²)
    let w = 1.0 / fma(f32::from_bits(0x3ea7_ba05), x.abs(), 1.0);
    let negative_qw = (-q) * w;
    // Abramowitz and Stegun's a5 … a1
    let coefficients = [
        0x3f87_dc22,
        0xbfba_00e3,
        0x3fb5_f0e3,
        0xbe91_a98e,
        0x3e82_7906,
    ];
    let r = horner(w, &coefficients.map(f32::from_bits));
    let erf = fma(negative_qw, r, 1.0);
    let erf = f32::from_bits(erf.to_bits() ^ (x.to_bits() & 0x8000_0000));
    fma(erf, 0.5, t + 0.5)
}

#[cfg(test)]
mod tests {
    use super::super::pinned::X;
    use super::*;

    /// Inputs and PyTorch 2.15's `F.gelu` on a float32 tensor of 128 elements (oneDNN), value
    /// and autograd gradient, as bits.
    #[test]
    fn pinned_to_pytorch() {
        let value = [
            0xbb84_b7c0,
            0xbe1d_f8a2,
            0x3d5d_1d0d,
            0x3f57_625e,
            0x401f_01a7,
            0x4118_0000,
            0x4248_0000,
            0xba02_f7a9,
        ];
        assert_eq!(X.map(|x| gelu(x).to_bits()), value);
        let derivative = [
            0xbc43_b780,
            0x3e07_af5e,
            0x3f14_5ba1,
            0x3f8a_aa14,
            0x3f84_d070,
            0x3f80_0000,
            0x3f80_0000,
            0x3eff_976e,
        ];
        assert_eq!(X.map(|x| gelu_derivative(x).to_bits()), derivative);
    }

    #[test]
    fn erf_saturates_past_the_bound() {
        assert_eq!(erf_of_x_over_sqrt2(-5.55), -1.0);
        assert!(erf_of_x_over_sqrt2(-5.54) > -1.0);
        assert_eq!(gelu(-6.0), 0.0);
        assert!(gelu(-6.0).is_sign_negative());
        assert!(gelu(f32::NAN).is_nan());
    }
}
