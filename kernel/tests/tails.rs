//! Tests of the far left tails of GELU, its tanh form, SiLU (with β) and Mish.
//!
//! Where the rounding of the argument (x/√2, the cubic, x²/2, βx) grows through the exponential,
//! and where an intermediate exponential is subnormal while the result is not. Each value within 4
//! ulp, each derivative within 8 (nothing cancels there: the tables' bounds are 7 to 9), by the
//! scalar forms and the slices at every SIMD level.

mod common;

use actscope_kernel::{Activation, Level};
use common::reference::{ulps_off, within};

/// `(function, β (0: none), x, f(x), f'(x))`: mpmath at 60 digits, rounded once
/// (scripts/tail_points.py prints them).
const TAILS: [(&str, f64, f64, f64, f64); 28] = [
    (
        "gelu",
        0.0,
        -20.0,
        -5.507_248_237_212_468e-88,
        -1.101_436_048_313_346_4e-86,
    ),
    (
        "gelu",
        0.0,
        -32.63,
        -2.512_846_111_663_953_7e-232,
        -8.199_402_463_950_835e-231,
    ),
    (
        "gelu",
        0.0,
        -37.55,
        -2.645_148_084_884_402_5e-307,
        -9.932_521_102_040_671e-306,
    ),
    (
        "gelu",
        0.0,
        -37.6,
        -4.041_290_298_447_291e-308,
        -1.519_523_637_065_431_2e-306,
    ),
    (
        "gelu",
        0.0,
        -37.66,
        -4.226_403_347_550_5e-309,
        -1.591_661_923_678_478e-307,
    ),
    (
        "gelu",
        0.0,
        -37.7,
        -9.362_739_619_746_53e-310,
        -3.529_749_354_183_057_7e-308,
    ),
    (
        "gelu_tanh",
        0.0,
        -15.37,
        -1.034_855_225_800_986_5e-122,
        -5.391_660_829_353_05e-121,
    ),
    (
        "gelu_tanh",
        0.0,
        -20.5,
        -1.350_294_060_164_346_7e-280,
        -1.235_621_326_188_288_8e-278,
    ),
    (
        "gelu_tanh",
        0.0,
        -21.0,
        -6.016_648_487_631_484e-301,
        -5.773_008_639_270_406e-299,
    ),
    (
        "gelu_tanh",
        0.0,
        -21.02,
        -8.813_678_257_376_723e-302,
        -8.472_634_482_032_608e-300,
    ),
    (
        "gelu_tanh",
        0.0,
        -21.06,
        -1.870_982_102_758_755_6e-303,
        -1.805_327_857_317_562e-301,
    ),
    (
        "silu",
        1.0,
        -30.0,
        -2.807_286_890_651_789_6e-12,
        -2.713_710_660_963_134e-12,
    ),
    (
        "silu",
        1.0,
        -709.5,
        -5.236_215_228_791_926e-306,
        -5.228_835_080_477_913_5e-306,
    ),
    (
        "silu",
        1.0,
        -712.0,
        -4.313_292_185_103_229e-307,
        -4.307_234_190_461_23e-307,
    ),
    (
        "silu",
        1.0,
        -714.3,
        -4.338_426_324_546_722e-308,
        -4.332_352_649_165_864_4e-308,
    ),
    (
        "silu",
        1.0,
        -715.5,
        -1.308_904_124_804_639_7e-308,
        -1.307_074_768_934_891_5e-308,
    ),
    (
        "silu",
        0.5,
        -60.0,
        -5.614_573_781_303_579e-12,
        -2.713_710_660_963_134e-12,
    ),
    (
        "silu",
        0.5,
        -1_419.0,
        -1.047_243_045_758_385_2e-305,
        -5.228_835_080_477_913_5e-306,
    ),
    (
        "silu",
        0.5,
        -1_425.0,
        -5.235_962_268_614_762_5e-307,
        -2.614_306_774_820_634e-307,
    ),
    (
        "silu",
        0.5,
        -1_430.0,
        -4.313_020_045_810_955_7e-308,
        -2.153_493_924_971_344_3e-308,
    ),
    (
        "silu",
        1.702,
        -100.0,
        -1.210_818_868_520_422e-72,
        -2.048_705_525_536_554_3e-72,
    ),
    (
        "silu",
        1.702,
        -417.0,
        -2.435_433_277_255_381_6e-306,
        -4.139_267_070_317_304e-306,
    ),
    (
        "silu",
        1.702,
        -419.0,
        -8.134_217_624_853_596e-308,
        -1.382_502_499_028_159_8e-307,
    ),
    (
        "silu",
        1.702,
        -420.0,
        -1.486_557_959_746_317_4e-308,
        -2.526_582_223_774_550_3e-308,
    ),
    (
        "mish",
        0.0,
        -30.0,
        -2.807_286_890_651_921e-12,
        -2.713_710_660_963_392e-12,
    ),
    (
        "mish",
        0.0,
        -709.5,
        -5.236_215_228_791_926e-306,
        -5.228_835_080_477_913_5e-306,
    ),
    (
        "mish",
        0.0,
        -712.0,
        -4.313_292_185_103_229e-307,
        -4.307_234_190_461_23e-307,
    ),
    (
        "mish",
        0.0,
        -714.3,
        -4.338_426_324_546_722e-308,
        -4.332_352_649_165_864_4e-308,
    ),
];

#[test]
fn far_tails_are_within_their_bounds_at_every_level() {
    let mut failures = Vec::new();
    for (name, beta, x, y, dy) in TAILS {
        let activation = Activation::from_name(name).expect("a known activation");
        let p = if beta == 0.0 {
            activation.default_param()
        } else {
            beta
        };
        let mut results = vec![(
            "scalar".to_string(),
            activation.value(x, p),
            activation.derivative(x, p),
        )];
        for level in Level::available() {
            let (mut ys, mut dys) = ([0.0], [0.0]);
            activation.value_slice(level, &[x], p, &mut ys);
            activation.derivative_slice(level, &[x], p, &mut dys);
            results.push((format!("{} slice", level.name()), ys[0], dys[0]));
        }
        for (how, got_y, got_dy) in results {
            if !within(got_y, y, 4.0) {
                let off = ulps_off(got_y, y);
                failures.push(format!(
                    "{how} {name}({x}; {p}) = {got_y:e}, want {y:e}: {off:.1} ulp"
                ));
            }
            if !within(got_dy, dy, 8.0) {
                let off = ulps_off(got_dy, dy);
                failures.push(format!(
                    "{how} {name}'({x}; {p}) = {got_dy:e}, want {dy:e}: {off:.1} ulp"
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
